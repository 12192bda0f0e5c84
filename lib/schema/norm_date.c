/*
 * norm_date.c - the date type: the forms dates arrive in, turned into
 * ISO 8601 at the precision the source gave.
 *
 * Accepted: ISO 8601 as iv_date_parse reads it (plus fractional seconds,
 * dropped); DD/MM/YYYY, DD.MM.YYYY and DD-MM-YYYY (MM/DD/YYYY when the
 * source says so in ctx->date_mdy), each with an optional HH:MM[:SS];
 * YYYY/MM/DD and YYYY.MM.DD; MM/YYYY; YYYYMMDD and YYYYMMDDHHMMSS;
 * English month names: "12 Aug 1974", "12th August 1974", "August 12,
 * 1974", "Aug 1974".  Two-digit years are refused (the century is a
 * guess).  Every form is rewritten as an ISO string and checked by
 * iv_date_parse, so impossible dates (31/02/1989) fail like ISO ones and
 * are kept verbatim.  There is no day/month swapping when one reading is
 * impossible: a US date in a day-first source is invalid, not guessed
 * (entity resolution reads such a kept value when only one order makes a
 * date, and says so: docs/resolution.md, "Families and features").
 */
#include <stdio.h>
#include <string.h>

#include "iv/util.h"
#include "schema/schema_int.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Read 1..max digits at *p; returns the count (0 when none or too many). */
static int read_num(const char **p, int max, int *val)
{
	int n = 0, v = 0;

	while (is_digit((*p)[n])) {
		if (n == max)
			return 0;
		v = v * 10 + ((*p)[n] - '0');
		n++;
	}
	*p += n;
	*val = v;
	return n;
}

/* Format the parts as ISO and validate; prec: 1 year, 2 month, 3 day, 4 minute, 5 second. */
static bool emit(int prec, int y, int mo, int d, int h, int mi, int sec, struct iv_date *out)
{
	char iso[48];

	switch (prec) {
	case 2:
		snprintf(iso, sizeof(iso), "%04d-%02d", y, mo);
		break;
	case 3:
		snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, mo, d);
		break;
	case 4:
		snprintf(iso, sizeof(iso), "%04d-%02d-%02dT%02d:%02d", y, mo, d, h, mi);
		break;
	case 5:
		snprintf(iso, sizeof(iso), "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, sec);
		break;
	default:
		return false;
	}
	return iv_date_parse(iso, out) == IV_OK;
}

/*
 * An optional time after a date: (' ' | 'T' | ", ") H[H]:MM[:SS][Z], then
 * the end.  *prec becomes 3 (no time), 4 or 5; false when junk follows.
 */
static bool read_time(const char *p, int *prec, int *h, int *mi, int *sec)
{
	*prec = 3;
	if (*p == '\0')
		return true;
	if (*p == ',')
		p++;
	if (*p != ' ' && *p != 'T')
		return false;
	p++;
	if (!read_num(&p, 2, h) || *p++ != ':' || read_num(&p, 2, mi) != 2)
		return false;
	*prec = 4;
	if (*p == ':') {
		p++;
		if (read_num(&p, 2, sec) != 2)
			return false;
		*prec = 5;
	}
	if (*p == 'Z')
		p++;
	return *p == '\0';
}

/* ISO with fractional seconds: "YYYY-MM-DDTHH:MM:SS.fff[Z]". */
static bool parse_iso_fraction(const char *s, struct iv_date *d)
{
	const char *dot = strchr(s, '.');
	char head[32];
	size_t n;

	if (!dot || (size_t)(dot - s) != 19 || !is_digit(dot[1]))
		return false;
	for (dot++; is_digit(*dot); dot++)
		;
	if (*dot == 'Z')
		dot++;
	if (*dot != '\0')
		return false;
	n = iv_strlcpy(head, s, 20);
	return n >= 19 && iv_date_parse(head, d) == IV_OK && d->prec == IV_DATE_SECOND;
}

static bool parse_numeric(const char *s, const struct iv_norm_ctx *ctx, struct iv_date *d)
{
	const char *p = s;
	int a, b, c, na, nb, nc, prec, h = 0, mi = 0, sec = 0;
	char sep;

	if (strspn(s, "0123456789") == strlen(s) && (strlen(s) == 8 || strlen(s) == 14)) {
		/* YYYYMMDD[HHMMSS] */
		const int widths[6] = {4, 2, 2, 2, 2, 2};
		int f[6] = {0};
		int fields = strlen(s) == 8 ? 3 : 6;

		for (int i = 0; i < fields; i++) {
			for (int k = 0; k < widths[i]; k++)
				f[i] = f[i] * 10 + (*p++ - '0');
		}
		return emit(fields == 3 ? 3 : 5, f[0], f[1], f[2], f[3], f[4], f[5], d);
	}
	na = read_num(&p, 4, &a);
	if (!na)
		return false;
	sep = *p;
	if (sep != '/' && sep != '.' && sep != '-')
		return false;
	p++;
	nb = read_num(&p, 4, &b);
	if (!nb)
		return false;
	if (*p == '\0' && na <= 2 && nb == 4)
		return emit(2, b, a, 0, 0, 0, 0, d); /* MM/YYYY */
	if (*p++ != sep)
		return false;
	nc = read_num(&p, 4, &c);
	if (!nc || !read_time(p, &prec, &h, &mi, &sec))
		return false;
	if (na == 4 && nb <= 2 && nc <= 2)
		return emit(prec, a, b, c, h, mi, sec, d); /* YYYY/MM/DD */
	if (na <= 2 && nb <= 2 && nc == 4) {
		if (ctx && ctx->date_mdy)
			return emit(prec, c, a, b, h, mi, sec, d);
		return emit(prec, c, b, a, h, mi, sec, d);
	}
	return false;
}

static int month_from_word(const char *w, size_t n)
{
	static const char *const names[12] = {"january",   "february", "march",    "april",
	                                      "may",       "june",     "july",     "august",
	                                      "september", "october",  "november", "december"};

	if (n == 4 && strncmp(w, "sept", 4) == 0)
		return 9;
	for (int m = 0; m < 12; m++) {
		size_t full = strlen(names[m]);

		if ((n == 3 || n == full) && strncmp(w, names[m], n) == 0)
			return m + 1;
	}
	return 0;
}

struct token {
	char text[16];
	size_t n;
	bool digits;
};

/* Day token: 1-2 digits with an optional ordinal suffix. */
static int token_day(const struct token *t)
{
	size_t nd = 0;
	int v = 0;

	while (nd < t->n && is_digit(t->text[nd])) {
		if (nd == 2)
			return 0;
		v = v * 10 + (t->text[nd] - '0');
		nd++;
	}
	if (nd == 0)
		return 0;
	if (nd == t->n)
		return v;
	if (t->n - nd != 2)
		return 0;
	if (strcmp(t->text + nd, "st") && strcmp(t->text + nd, "nd") &&
	    strcmp(t->text + nd, "rd") && strcmp(t->text + nd, "th"))
		return 0;
	return v;
}

static int token_year(const struct token *t)
{
	int v = 0;

	if (!t->digits || t->n != 4)
		return 0;
	for (size_t i = 0; i < 4; i++)
		v = v * 10 + (t->text[i] - '0');
	return v;
}

static bool parse_words(const char *s, struct iv_date *d)
{
	struct token tok[4];
	size_t nt = 0;
	const char *p = s;
	int day, month, year;

	while (*p) {
		struct token *t;

		if (*p == ' ' || *p == ',' || *p == '.' || *p == '-' || *p == '/') {
			p++;
			continue;
		}
		if (nt == 4 || !(is_digit(*p) || is_alpha(*p)))
			return false;
		t = &tok[nt++];
		t->n = 0;
		t->digits = is_digit(*p);
		while (is_digit(*p) || is_alpha(*p)) {
			if (t->n + 1 >= sizeof(t->text))
				return false;
			t->digits = t->digits && is_digit(*p);
			t->text[t->n++] = lower(*p++);
		}
		t->text[t->n] = '\0';
	}
	if (nt == 2) { /* Aug 1974 */
		month = month_from_word(tok[0].text, tok[0].n);
		year = token_year(&tok[1]);
		return month && year && emit(2, year, month, 0, 0, 0, 0, d);
	}
	if (nt != 3 || !(year = token_year(&tok[2])))
		return false;
	if ((month = month_from_word(tok[1].text, tok[1].n)) && (day = token_day(&tok[0])))
		return emit(3, year, month, day, 0, 0, 0, d); /* 12 Aug 1974 */
	if ((month = month_from_word(tok[0].text, tok[0].n)) && (day = token_day(&tok[1])))
		return emit(3, year, month, day, 0, 0, 0, d); /* Aug 12, 1974 */
	return false;
}

enum iv_err iv_norm_date(const char *s, size_t n, const struct iv_norm_ctx *ctx, struct iv_buf *out,
                         bool *valid)
{
	struct iv_date d;
	char iso[32];

	*valid = iv_date_parse(s, &d) == IV_OK || parse_iso_fraction(s, &d) ||
	         parse_numeric(s, ctx, &d) || parse_words(s, &d);
	if (!*valid)
		return IV_OK;
	iv_date_format(&d, iso, sizeof(iso));
	return iv_buf_adds(out, iso);
}
