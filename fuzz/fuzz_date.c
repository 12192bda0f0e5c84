/*
 * fuzz_date.c - libFuzzer target for ISO 8601 dates: iv_date_parse, the
 * round trip through iv_date_format, and agreement with the date type's
 * normaliser.
 *
 * Whenever the parser accepts an input, formatting it and parsing the
 * text again must give the same date at the same precision, formatting
 * that must give the same text, and iv_type_normalize(IV_TYPE_DATE) must
 * accept the input and produce that text (or refuse it, when its year is
 * 1200-1499: a Hijri year whose calendar nothing names).  Any difference
 * traps.
 */
#include <stdint.h>
#include <string.h>

#include "iv/schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[64], iso[32], iso2[32];
	struct iv_date d, d2;
	struct iv_buf out = IV_BUF_INIT;
	bool valid;

	if (size >= sizeof(text))
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (strlen(text) != size || iv_date_parse(text, &d) != IV_OK)
		return 0;

	if (d.prec < IV_DATE_YEAR || d.prec > IV_DATE_SECOND || d.year < 1 || d.year > 9999)
		__builtin_trap();
	iv_date_format(&d, iso, sizeof(iso));
	if (iv_date_parse(iso, &d2) != IV_OK || d2.prec != d.prec || iv_date_cmp(&d, &d2) != 0)
		__builtin_trap();
	if (memcmp(&d, &d2, sizeof(d)) != 0)
		__builtin_trap();
	iv_date_format(&d2, iso2, sizeof(iso2));
	if (strcmp(iso, iso2) != 0)
		__builtin_trap();

	/* the date type reads everything the ISO parser reads, the same way
	 * (an input with surrounding white space is trimmed first), except a
	 * year 1200-1499, which is a Hijri year no calendar places here */
	if (iv_type_normalize(IV_TYPE_DATE, text, NULL, &out, &valid) == IV_OK &&
	    (d.year >= 1200 && d.year < 1500 ? valid : !valid || strcmp(out.buf, iso) != 0))
		__builtin_trap();
	iv_buf_release(&out);
	return 0;
}
