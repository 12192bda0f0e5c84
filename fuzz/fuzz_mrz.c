/*
 * fuzz_mrz.c - libFuzzer target for the machine readable zone reader
 * (iv_mrz_parse).
 *
 * Any input is either refused with IV_ERR_INVALID or IV_ERR_TOOBIG, or
 * read into fields that hold only zone characters (A-Z, 0-9, spaces for
 * fillers), dates that are YYYY-MM-DD or empty, and a sex of M, F, X or
 * none; a zone read again from its own characters with the line breaks
 * taken out reads the same.  Any difference traps.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "iv/mrz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void zone_chars(const char *s, bool space)
{
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || (space && *s == ' ')))
			__builtin_trap();
}

static void a_date(const char *s)
{
	if (*s && (strlen(s) != 10 || s[4] != '-' || s[7] != '-'))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *dense;
	struct iv_mrz m, again;
	struct iv_buf err = IV_BUF_INIT;
	enum iv_err rc;
	size_t n = 0;

	if (!text)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	rc = iv_mrz_parse(text, &m, &err);
	if (rc != IV_OK) {
		if ((rc != IV_ERR_INVALID && rc != IV_ERR_TOOBIG) || err.len == 0)
			__builtin_trap();
		goto out;
	}
	zone_chars(m.code, true);
	zone_chars(m.state, true);
	zone_chars(m.surname, true);
	zone_chars(m.given, true);
	zone_chars(m.number, true);
	zone_chars(m.nationality, true);
	zone_chars(m.optional, true);
	a_date(m.birth);
	a_date(m.expiry);
	if (m.sex && m.sex != 'M' && m.sex != 'F' && m.sex != 'X')
		__builtin_trap();
	/* the same zone without its line breaks and spaces reads the same */
	dense = malloc(size + 1);
	if (!dense)
		abort();
	for (size_t i = 0; i < strlen(text); i++)
		if (text[i] != ' ' && text[i] != '\n' && text[i] != '\r' && text[i] != '\t')
			dense[n++] = text[i];
	dense[n] = '\0';
	if (iv_mrz_parse(dense, &again, NULL) != IV_OK || memcmp(&m, &again, sizeof(m)) != 0)
		__builtin_trap();
	free(dense);
out:
	iv_buf_release(&err);
	free(text);
	return 0;
}
