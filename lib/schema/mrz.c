/*
 * mrz.c - the machine readable zone of travel documents (ICAO 9303),
 * read into its fields with each check digit verified.
 *
 * Three layouts (../shared/DOMAIN.md §3): TD1, three lines of 30 (identity
 * cards), TD2, two lines of 36, and TD3, two lines of 44 (passports; visas
 * of the two-line sizes read alike).  The characters are A-Z, 0-9 and the
 * filler '<'.  Records write the zone as they got it: lines separated by a
 * newline, a space or nothing, in lower case now and then, with stray
 * spaces; iv_mrz_parse takes what is left once spaces and line breaks are
 * removed and the letters upper-cased, and tells the layout by its length.
 * A zone of another length, or with another character, is refused with a
 * message that says what was wrong; a check digit that fails is not: the
 * field is still read, and its *_ok flag says the digit disagreed (a
 * misread zone, or a forger's).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "iv/mrz.h"

int iv_mrz_check_digit(const char *s, size_t n)
{
	static const int weights[3] = {7, 3, 1};
	int sum = 0;

	for (size_t i = 0; i < n; i++) {
		int v;

		if (s[i] >= '0' && s[i] <= '9')
			v = s[i] - '0';
		else if (s[i] >= 'A' && s[i] <= 'Z')
			v = s[i] - 'A' + 10;
		else if (s[i] == '<')
			v = 0;
		else
			return -1;
		sum += v * weights[i % 3];
	}
	return sum % 10;
}

/* Whether the digit at d checks s[0..n). */
static bool checks(const char *s, size_t n, char d)
{
	int want = iv_mrz_check_digit(s, n);

	return want >= 0 && d == '0' + want;
}

/* A field without its fillers: '<' inside becomes a space, trailing ones go. */
static void field(char *out, size_t cap, const char *s, size_t n)
{
	size_t o = 0;

	while (n > 0 && s[n - 1] == '<')
		n--;
	for (size_t i = 0; i < n && o + 1 < cap; i++)
		out[o++] = s[i] == '<' ? ' ' : s[i];
	out[o] = '\0';
}

/*
 * The names field: the primary identifier (surname) up to "<<", then the
 * secondary (given names), each with its '<' as spaces.  A name field
 * with no "<<" holds a surname alone.
 */
static void names(struct iv_mrz *m, const char *s, size_t n)
{
	size_t cut = n;

	for (size_t i = 0; i + 1 < n; i++)
		if (s[i] == '<' && s[i + 1] == '<') {
			cut = i;
			break;
		}
	field(m->surname, sizeof(m->surname), s, cut);
	if (cut + 2 < n)
		field(m->given, sizeof(m->given), s + cut + 2, n - cut - 2);
}

static int days_in(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

/*
 * A YYMMDD date as YYYY-MM-DD into out, "" when it is no date (fillers, a
 * month 13, 30 February).  The century: a birth date is never later than
 * this year, an expiry date never more than 30 years after it (so a zone
 * read in another year may place a date of the boundary's year in
 * another century: a birth "27" is 2027 from 2027 on).
 */
static void date(char out[11], const char *s, bool birth)
{
	int yy, mm, dd, now, year;
	time_t t = time(NULL);
	struct tm tm;

	out[0] = '\0';
	for (int i = 0; i < 6; i++)
		if (s[i] < '0' || s[i] > '9')
			return;
	yy = (s[0] - '0') * 10 + (s[1] - '0');
	mm = (s[2] - '0') * 10 + (s[3] - '0');
	dd = (s[4] - '0') * 10 + (s[5] - '0');
	now = gmtime_r(&t, &tm) ? tm.tm_year + 1900 : 2026;
	year = 2000 + yy;
	if (birth ? year > now : year > now + 30)
		year -= 100;
	if (mm < 1 || mm > 12 || dd < 1 || dd > days_in(year, mm))
		return;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)year % 10000u, (unsigned)mm % 100u,
	         (unsigned)dd % 100u);
}

static void sex(struct iv_mrz *m, char c)
{
	m->sex = c == 'M' || c == 'F' || c == 'X' ? c : '\0';
}

/* TD3's and TD2's lower line after the number: nationality, birth date, sex, expiry date. */
static void td23_line2(struct iv_mrz *m, const char *l2)
{
	field(m->nationality, sizeof(m->nationality), l2 + 10, 3);
	date(m->birth, l2 + 13, true);
	m->birth_ok = checks(l2 + 13, 6, l2[19]);
	sex(m, l2[20]);
	date(m->expiry, l2 + 21, false);
	m->expiry_ok = checks(l2 + 21, 6, l2[27]);
}

/* TD3 (2 x 44): passports. */
static void td3(struct iv_mrz *m, const char *z)
{
	const char *l1 = z, *l2 = z + 44;
	char comp[39];

	field(m->code, sizeof(m->code), l1, 2);
	field(m->state, sizeof(m->state), l1 + 2, 3);
	names(m, l1 + 5, 39);
	field(m->number, sizeof(m->number), l2, 9);
	m->number_ok = checks(l2, 9, l2[9]);
	td23_line2(m, l2);
	field(m->optional, sizeof(m->optional), l2 + 28, 14);
	/* an empty personal number may give '<' for its check digit */
	m->optional_ok = checks(l2 + 28, 14, l2[42]) || (l2[42] == '<' && !m->optional[0]);
	memcpy(comp, l2, 10);
	memcpy(comp + 10, l2 + 13, 7);
	memcpy(comp + 17, l2 + 21, 22);
	m->composite_ok = checks(comp, 39, l2[43]);
}

/*
 * A document number longer than nine characters (TD1's upper line, TD2's
 * lower): the check digit's place holds '<' and the number goes on in the
 * optional data, its check digit last.  *rest_len: how much of the
 * optional data it took.
 */
static void long_number(struct iv_mrz *m, const char *number, const char *rest, size_t room,
                        size_t *rest_len)
{
	char whole[24];
	size_t more = 0;

	while (more < room && rest[more] != '<')
		more++;
	*rest_len = more;
	memcpy(whole, number, 9);
	memcpy(whole + 9, rest, more > 0 ? more - 1 : 0);
	field(m->number, sizeof(m->number), whole, 9 + (more > 0 ? more - 1 : 0));
	m->number_ok = more > 0 && checks(whole, 9 + more - 1, rest[more - 1]);
}

/* TD2 (2 x 36). */
static void td2(struct iv_mrz *m, const char *z)
{
	const char *l1 = z, *l2 = z + 36;
	char comp[31];
	size_t taken = 0;

	field(m->code, sizeof(m->code), l1, 2);
	field(m->state, sizeof(m->state), l1 + 2, 3);
	names(m, l1 + 5, 31);
	if (l2[9] == '<' && l2[28] != '<') {
		long_number(m, l2, l2 + 28, 7, &taken);
	} else {
		field(m->number, sizeof(m->number), l2, 9);
		m->number_ok = checks(l2, 9, l2[9]);
	}
	td23_line2(m, l2);
	field(m->optional, sizeof(m->optional), l2 + 28 + taken, 7 - taken);
	m->optional_ok = true; /* TD2's optional data has no check digit */
	memcpy(comp, l2, 10);
	memcpy(comp + 10, l2 + 13, 7);
	memcpy(comp + 17, l2 + 21, 14);
	m->composite_ok = checks(comp, 31, l2[35]);
}

/*
 * TD1 (3 x 30): identity cards.  A document number longer than nine
 * characters goes on in the optional data, its check digit after it, and
 * the digit's place holds '<'.
 */
static void td1(struct iv_mrz *m, const char *z)
{
	const char *l1 = z, *l2 = z + 30, *l3 = z + 60;
	char comp[50];

	field(m->code, sizeof(m->code), l1, 2);
	field(m->state, sizeof(m->state), l1 + 2, 3);
	if (l1[14] == '<' && l1[15] != '<') {
		size_t taken;

		long_number(m, l1 + 5, l1 + 15, 15, &taken);
		field(m->optional, sizeof(m->optional), l1 + 15 + taken, 15 - taken);
	} else {
		field(m->number, sizeof(m->number), l1 + 5, 9);
		m->number_ok = checks(l1 + 5, 9, l1[14]);
		field(m->optional, sizeof(m->optional), l1 + 15, 15);
	}
	m->optional_ok = true; /* TD1's optional data has no check digit of its own */
	date(m->birth, l2, true);
	m->birth_ok = checks(l2, 6, l2[6]);
	sex(m, l2[7]);
	date(m->expiry, l2 + 8, false);
	m->expiry_ok = checks(l2 + 8, 6, l2[14]);
	field(m->nationality, sizeof(m->nationality), l2 + 15, 3);
	field(m->optional2, sizeof(m->optional2), l2 + 18, 11);
	/* the upper line after the code and state, the middle line's dates with their digits
	 * and its optional data */
	memcpy(comp, l1 + 5, 25);
	memcpy(comp + 25, l2, 7);
	memcpy(comp + 32, l2 + 8, 7);
	memcpy(comp + 39, l2 + 18, 11);
	m->composite_ok = checks(comp, 50, l2[29]);
	names(m, l3, 30);
}

enum iv_err iv_mrz_parse(const char *text, struct iv_mrz *out, struct iv_buf *err)
{
	char z[IV_MRZ_MAX_CHARS + 1];
	size_t n = 0, len = strlen(text);

	memset(out, 0, sizeof(*out));
	if (len > IV_MRZ_MAX_INPUT)
		return iv_seterr(err, IV_ERR_TOOBIG,
		                 "MRZ is %zu bytes long; no zone is more than %d characters", len,
		                 IV_MRZ_MAX_CHARS);
	for (size_t i = 0; i < len; i++) {
		char c = text[i];

		if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<'))
			return iv_seterr(
			        err, IV_ERR_INVALID,
			        "MRZ has a character no zone holds at byte %zu (A-Z, 0-9 and "
			        "'<' only)",
			        i + 1);
		if (n == IV_MRZ_MAX_CHARS)
			return iv_seterr(
			        err, IV_ERR_INVALID,
			        "MRZ has more than %d characters: not a TD1, TD2 or TD3 zone",
			        IV_MRZ_MAX_CHARS);
		z[n++] = c;
	}
	z[n] = '\0';
	switch (n) {
	case 90:
		out->format = IV_MRZ_TD1;
		td1(out, z);
		break;
	case 72:
		out->format = IV_MRZ_TD2;
		td2(out, z);
		break;
	case 88:
		out->format = IV_MRZ_TD3;
		td3(out, z);
		break;
	default:
		return iv_seterr(err, IV_ERR_INVALID,
		                 "MRZ has %zu characters: a TD1 zone has 90 (3 x 30), TD2 72 (2 x "
		                 "36), TD3 88 (2 x 44)",
		                 n);
	}
	return IV_OK;
}

bool iv_mrz_all_ok(const struct iv_mrz *m)
{
	return m->number_ok && m->birth_ok && m->expiry_ok && m->optional_ok && m->composite_ok;
}
