/*
 * iban.c - International Bank Account Numbers (ISO 13616): the length
 * each country uses and the mod-97 check.
 *
 * The lengths are those of the SWIFT IBAN registry, plus the national
 * IBANs of countries outside the registry that sources still show (Iran,
 * Algeria and the West and Central African states of the BCEAO/BEAC
 * zones); those are marked below.  A value normalises to the compact,
 * upper-case form ("GB82WEST12345698765432") when it passes both checks.
 */
#include <string.h>

#include "iv/util.h"
#include "schema/schema_int.h"

struct iban_len {
	char country[3];
	unsigned char length;
};

static const struct iban_len lengths[] = {
        {"AD", 24},
        {"AE", 23},
        {"AL", 28},
        {"AT", 20},
        {"AZ", 28},
        {"BA", 20},
        {"BE", 16},
        {"BG", 22},
        {"BH", 22},
        {"BI", 27},
        {"BR", 29},
        {"BY", 28},
        {"CH", 21},
        {"CR", 22},
        {"CY", 28},
        {"CZ", 24},
        {"DE", 22},
        {"DJ", 27},
        {"DK", 18},
        {"DO", 28},
        {"EE", 20},
        {"EG", 29},
        {"ES", 24},
        {"FI", 18},
        {"FK", 18},
        {"FO", 18},
        {"FR", 27},
        {"GB", 22},
        {"GE", 22},
        {"GI", 23},
        {"GL", 18},
        {"GR", 27},
        {"GT", 28},
        {"HN", 28},
        {"HR", 21},
        {"HU", 28},
        {"IE", 22},
        {"IL", 23},
        {"IQ", 23},
        {"IS", 26},
        {"IT", 27},
        {"JO", 30},
        {"KW", 30},
        {"KZ", 20},
        {"LB", 28},
        {"LC", 32},
        {"LI", 21},
        {"LT", 20},
        {"LU", 20},
        {"LV", 21},
        {"LY", 25},
        {"MC", 27},
        {"MD", 24},
        {"ME", 22},
        {"MK", 19},
        {"MN", 20},
        {"MR", 27},
        {"MT", 31},
        {"MU", 30},
        {"NI", 28},
        {"NL", 18},
        {"NO", 15},
        {"OM", 23},
        {"PK", 24},
        {"PL", 28},
        {"PS", 29},
        {"PT", 25},
        {"QA", 29},
        {"RO", 24},
        {"RS", 22},
        {"RU", 33},
        {"SA", 24},
        {"SC", 31},
        {"SD", 18},
        {"SE", 24},
        {"SI", 19},
        {"SK", 24},
        {"SM", 27},
        {"SO", 23},
        {"ST", 25},
        {"SV", 28},
        {"TL", 23},
        {"TN", 24},
        {"TR", 26},
        {"UA", 29},
        {"VA", 22},
        {"VG", 24},
        {"XK", 20},
        {"YE", 30},
        /* national IBANs outside the SWIFT registry */
        {"AO", 25},
        {"BF", 28},
        {"BJ", 28},
        {"CF", 27},
        {"CG", 27},
        {"CI", 28},
        {"CM", 27},
        {"CV", 25},
        {"DZ", 26},
        {"GA", 27},
        {"GQ", 27},
        {"GW", 25},
        {"IR", 26},
        {"KM", 27},
        {"MA", 28},
        {"MG", 27},
        {"ML", 28},
        {"MZ", 25},
        {"NE", 28},
        {"SN", 28},
        {"TD", 27},
        {"TG", 28},
};

int iv_iban_length(const char *country)
{
	if (!country || !country[0] || !country[1])
		return 0;
	for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
		if (lengths[i].country[0] == country[0] && lengths[i].country[1] == country[1])
			return lengths[i].length;
	}
	return 0;
}

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool iv_iban_check(const char *iban)
{
	size_t n = iban ? strlen(iban) : 0;
	unsigned rem = 0;

	if (n < 5 || n > 34 || !is_upper(iban[0]) || !is_upper(iban[1]) || !is_digit(iban[2]) ||
	    !is_digit(iban[3]))
		return false;
	if ((size_t)iv_iban_length(iban) != n)
		return false;
	/* mod 97 of the number formed by moving the first four characters to the
	 * end and writing letters as 10..35, computed a digit group at a time */
	for (size_t k = 0; k < n; k++) {
		char c = iban[(k + 4) % n];

		if (is_digit(c))
			rem = (rem * 10 + (unsigned)(c - '0')) % 97;
		else if (is_upper(c))
			rem = (rem * 100 + (unsigned)(c - 'A' + 10)) % 97;
		else
			return false;
	}
	return rem == 1;
}

enum iv_err iv_norm_iban(const char *s, size_t n, const struct iv_norm_ctx *ctx, struct iv_buf *out,
                         bool *valid)
{
	char compact[40];
	size_t len = 0;

	*valid = false;
	/* an "IBAN" or "IBAN:" label in front of the number */
	if (n > 4 && (s[0] | 0x20) == 'i' && (s[1] | 0x20) == 'b' && (s[2] | 0x20) == 'a' &&
	    (s[3] | 0x20) == 'n' && !is_digit(s[4])) {
		s += 4;
		n -= 4;
		if (*s == ':') {
			s++;
			n--;
		}
	}
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c == ' ' || c == '-' || c == '\t')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (!is_upper(c) && !is_digit(c))
			return IV_OK;
		if (len + 1 >= sizeof(compact))
			return IV_OK;
		compact[len++] = c;
	}
	compact[len] = '\0';
	*valid = iv_iban_check(compact);
	return *valid ? iv_buf_add(out, compact, len) : IV_OK;
}
