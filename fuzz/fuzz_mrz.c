/*
 * fuzz_mrz.c - libFuzzer target for the machine readable zone reader
 * (iv_mrz_parse).
 *
 * Any input is either refused with IV_ERR_INVALID or IV_ERR_TOOBIG, or
 * read into fields that hold only zone characters (A-Z, 0-9, spaces for
 * fillers), dates that are YYYY-MM-DD or empty, and a sex of M, F, X or
 * none; the zone in lower case reads the same; and a number the reader
 * says agrees with its check digit gives that digit again when the digit
 * is computed from the field read.  Any difference traps.
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
	char *text = malloc(size + 1), *lower;
	struct iv_mrz m, again;
	struct iv_buf err = IV_BUF_INIT;
	enum iv_err rc;

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
	zone_chars(m.optional2, true);
	/* the same zone in lower case reads the same */
	lower = malloc(size + 1);
	if (!lower)
		abort();
	for (size_t i = 0; i <= size; i++)
		lower[i] = text[i] >= 'A' && text[i] <= 'Z' ? (char)(text[i] + 32) : text[i];
	if (iv_mrz_parse(lower, &again, NULL) != IV_OK || memcmp(&m, &again, sizeof(m)) != 0)
		__builtin_trap();
	free(lower);
	/* a passport's or TD2's number the reader says agrees with its digit: the digit
	 * recomputed from the field read (fillers for its spaces, padded to nine) is the
	 * one in the zone */
	if (m.number_ok && m.format != IV_MRZ_TD1 && strlen(m.number) <= 9) {
		char zone[IV_MRZ_MAX_CHARS + 1], nine[9];
		size_t n = 0, line = m.format == IV_MRZ_TD3 ? 44 : 36;

		for (size_t i = 0; i < size && n < IV_MRZ_MAX_CHARS; i++)
			if (text[i] != ' ' && text[i] != '\n' && text[i] != '\r' && text[i] != '\t')
				zone[n++] = text[i] >= 'a' && text[i] <= 'z' ? (char)(text[i] - 32)
				                                             : text[i];
		memset(nine, '<', sizeof(nine));
		for (size_t i = 0; m.number[i]; i++)
			nine[i] = m.number[i] == ' ' ? '<' : m.number[i];
		/* (a '<' in the digit's place: a long number, its digit in the optional data) */
		if (n <= line + 9 ||
		    (zone[line + 9] != '<' && zone[line + 9] != '0' + iv_mrz_check_digit(nine, 9)))
			__builtin_trap();
	}
out:
	iv_buf_release(&err);
	free(text);
	return 0;
}
