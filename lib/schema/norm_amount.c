/*
 * norm_amount.c - the number and amount types: prices as people write
 * them ("3,500.50", "3.500,50", "€3,000", "£10k", "EUR 3500", "12k USD")
 * turned into a plain decimal, followed by " CUR" when a currency is
 * known ("3500.5", "10000 GBP").
 *
 * Digits are handled as strings, never as floating point, so "0.1" stays
 * "0.1" and large sums keep every digit.  Separators: when both '.' and
 * ',' appear, the last one is the decimal point and the other groups
 * thousands; a lone '.' is a decimal point (it is what the output uses,
 * so output re-reads as itself); a lone ',' followed by exactly three
 * digits after a group of one to three (not starting with 0) groups
 * thousands ("3,500"), otherwise it is a decimal comma ("3,5"); repeated
 * '.' or ',' group thousands; spaces, no-break spaces and apostrophes
 * only ever group.  Groups must be three digits.  A k/m/bn suffix (or
 * thousand/million/billion) multiplies.
 */
#include <string.h>

#include "iv/util.h"
#include "schema/schema_int.h"

#define NUM_DIGITS_MAX 40 /* per side of the decimal point */
#define NUM_RUNS_MAX   16

struct num {
	char int_digits[NUM_DIGITS_MAX * 2 + 1];
	size_t n_int;
	char frac_digits[NUM_DIGITS_MAX + 1];
	size_t n_frac;
	bool neg;
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Bytes of a space-like separator at p (space, NBSP, thin or narrow NBSP), else 0. */
static size_t space_len(const char *p)
{
	if (*p == ' ')
		return 1;
	if ((unsigned char)p[0] == 0xc2 && (unsigned char)p[1] == 0xa0)
		return 2;
	if ((unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x80 &&
	    ((unsigned char)p[2] == 0xaf || (unsigned char)p[2] == 0x89))
		return 3;
	return 0;
}

static void skip_space(const char **p)
{
	size_t n;

	while ((n = space_len(*p)) != 0)
		*p += n;
}

/* A separator at p: its kind (',', '.', ' ') and length, or 0. */
static char sep_at(const char *p, size_t *len)
{
	if (*p == ',' || *p == '.') {
		*len = 1;
		return *p;
	}
	if (*p == '\'') {
		*len = 1;
		return ' ';
	}
	*len = space_len(p);
	return *len ? ' ' : '\0';
}

struct run {
	const char *s;
	size_t n;
};

/* Whether runs[0..count] joined by `count` grouping separators form valid groups. */
static bool groups_ok(const struct run *runs, size_t count)
{
	if (count == 0)
		return true;
	if (runs[0].n < 1 || runs[0].n > 3 || runs[0].s[0] == '0')
		return false;
	for (size_t i = 1; i <= count; i++) {
		if (runs[i].n != 3)
			return false;
	}
	return true;
}

static bool same_kind(const char *seps, size_t from, size_t to)
{
	for (size_t i = from + 1; i < to; i++) {
		if (seps[i] != seps[from])
			return false;
	}
	return true;
}

/* A number as written: its runs of digits and the separators between them. */
struct runs {
	struct run run[NUM_RUNS_MAX];
	char sep[NUM_RUNS_MAX]; /* sep[i] stands between run[i] and run[i + 1] */
	size_t n;               /* runs read; n - 1 separators */
	size_t ndot, ncomma;    /* how many of the separators are '.' and ',' */
};

/*
 * The runs of digits at p, apart by one separator each, into r (".5" is
 * an empty run and a dot); the end of the number, or NULL when none is
 * there.  A separator not followed by a digit ends the number before it.
 */
static const char *read_runs(const char *p, struct runs *r)
{
	r->n = r->ndot = r->ncomma = 0;
	if (*p == '.' && is_digit(p[1])) { /* ".5" */
		r->run[r->n].s = p;
		r->run[r->n++].n = 0;
		r->sep[0] = '.';
		r->ndot = 1;
		p++;
	}
	for (;;) {
		size_t slen;
		char kind;

		if (!is_digit(*p) || r->n == NUM_RUNS_MAX)
			return NULL;
		r->run[r->n].s = p;
		while (is_digit(*p))
			p++;
		r->run[r->n].n = (size_t)(p - r->run[r->n].s);
		r->n++;
		kind = sep_at(p, &slen);
		if (!kind || !is_digit(p[slen]) || r->n == NUM_RUNS_MAX)
			return p;
		r->sep[r->n - 1] = kind;
		r->ndot += kind == '.';
		r->ncomma += kind == ',';
		p += slen;
	}
}

/*
 * Which separator is the decimal point, by the rules in the header: its
 * index into r->sep in *dec, r->n - 1 for none; false when the separators
 * make no number (a lone ',' after groups gone wrong, mixed grouping).
 */
static bool decimal_point(const struct runs *r, size_t *dec)
{
	size_t nsep = r->n - 1;
	char last;

	*dec = nsep;
	if (nsep == 0)
		return true;
	last = r->sep[nsep - 1];
	if (r->ndot && r->ncomma) {
		if ((last == '.' && r->ndot != 1) || (last == ',' && r->ncomma != 1) || last == ' ')
			return false;
		*dec = nsep - 1;
	} else if (r->ndot == 1) {
		if (last != '.')
			return false;
		*dec = nsep - 1;
	} else if (r->ncomma == 1 && last == ',') {
		bool grouping = r->run[nsep].n == 3 && same_kind(r->sep, 0, nsep) &&
		                groups_ok(r->run, nsep);

		if (!grouping)
			*dec = nsep - 1;
	} else if (r->ncomma == 1) {
		return false;
	}
	/* everything before the decimal separator groups thousands */
	return *dec == 0 || (same_kind(r->sep, 0, *dec) && groups_ok(r->run, *dec));
}

/* The digits of the runs before the decimal point, and of the one after it, into num. */
static bool take_digits(const struct runs *r, size_t dec, struct num *num)
{
	num->n_int = 0;
	for (size_t i = 0; i <= dec; i++) { /* the runs before the decimal separator */
		if (num->n_int + r->run[i].n > NUM_DIGITS_MAX)
			return false;
		memcpy(num->int_digits + num->n_int, r->run[i].s, r->run[i].n);
		num->n_int += r->run[i].n;
	}
	num->n_frac = 0;
	if (dec < r->n - 1) {
		if (r->run[dec + 1].n > NUM_DIGITS_MAX)
			return false;
		memcpy(num->frac_digits, r->run[dec + 1].s, r->run[dec + 1].n);
		num->n_frac = r->run[dec + 1].n;
	}
	return true;
}

/* Read an unsigned number at *pp into num; false when there is none or it is malformed. */
static bool read_number(const char **pp, struct num *num)
{
	struct runs r;
	size_t dec;
	const char *end = read_runs(*pp, &r);

	if (!end || !decimal_point(&r, &dec) || !take_digits(&r, dec, num))
		return false;
	*pp = end;
	return true;
}

/* An optional multiplier suffix at *pp: its power of ten (0 when none). */
static int read_multiplier(const char **pp)
{
	static const struct {
		const char *word;
		int power;
	} mults[] = {
	        {"thousand", 3}, {"million", 6}, {"billion", 9}, {"grand", 3},
	        {"bn", 9},       {"mn", 6},      {"k", 3},       {"m", 6},
	};
	const char *p = *pp;

	for (size_t i = 0; i < sizeof(mults) / sizeof(mults[0]); i++) {
		size_t n = strlen(mults[i].word), k;

		for (k = 0; k < n; k++) {
			char c = p[k];

			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != mults[i].word[k])
				break;
		}
		if (k == n && !is_letter(p[n])) {
			*pp = p + n;
			return mults[i].power;
		}
	}
	return 0;
}

/* Multiply by 10^power by moving digits from the fraction into the integer part. */
static bool scale(struct num *num, int power)
{
	for (int i = 0; i < power; i++) {
		char d = '0';

		if (num->n_int >= sizeof(num->int_digits) - 1)
			return false;
		if (num->n_frac) {
			d = num->frac_digits[0];
			memmove(num->frac_digits, num->frac_digits + 1, num->n_frac - 1);
			num->n_frac--;
		}
		num->int_digits[num->n_int++] = d;
	}
	return true;
}

static IV_MUST_USE enum iv_err format_num(const struct num *num, struct iv_buf *out)
{
	size_t i = 0, nf = num->n_frac;
	enum iv_err rc = IV_OK;

	while (i < num->n_int && num->int_digits[i] == '0')
		i++;
	while (nf && num->frac_digits[nf - 1] == '0')
		nf--;
	if (num->neg && (i < num->n_int || nf))
		rc = iv_buf_addch(out, '-');
	if (!rc)
		rc = i < num->n_int ? iv_buf_add(out, num->int_digits + i, num->n_int - i)
		                    : iv_buf_addch(out, '0');
	if (!rc && nf) {
		rc = iv_buf_addch(out, '.');
		if (!rc)
			rc = iv_buf_add(out, num->frac_digits, nf);
	}
	return rc;
}

static bool read_sign(const char **p, struct num *num, bool *seen)
{
	if (**p != '-' && **p != '+')
		return true;
	if (*seen)
		return false;
	num->neg = **p == '-';
	*seen = true;
	(*p)++;
	return true;
}

/*
 * A currency sign, word or ISO code at *p, upper case into cur; false
 * when there is none.  *bad is set when three letters stand where a code
 * would, but they are not an ISO 4217 code.
 */
static bool read_currency(const char **p, char cur[4], bool *bad)
{
	size_t len = 0;
	const char *code = iv_currency_symbol(*p, strlen(*p), &len);

	if (code) {
		iv_strlcpy(cur, code, 4);
		*p += len;
		return true;
	}
	if (!is_letter((*p)[0]) || !is_letter((*p)[1]) || !is_letter((*p)[2]) || is_letter((*p)[3]))
		return false;
	for (int i = 0; i < 3; i++) {
		char c = (*p)[i];

		cur[i] = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
	}
	cur[3] = '\0';
	if (!iv_currency_valid(cur)) {
		*bad = true;
		return false;
	}
	*p += 3;
	return true;
}

/*
 * Parse [sign] [currency] [sign] number [k|m|bn|...] [currency], the whole
 * of s.  cur gets the currency code, or "" when there is none.
 */
static bool parse_amount(const char *s, bool allow_currency, struct num *num, char cur[4])
{
	const char *p = s, *q;
	bool sign_seen = false, bad = false;
	char first[4] = "", second[4] = "";
	int power;

	num->neg = false;
	if (!read_sign(&p, num, &sign_seen))
		return false;
	skip_space(&p);
	if (allow_currency) {
		read_currency(&p, first, &bad);
		if (bad)
			return false;
		skip_space(&p);
	}
	if (!read_sign(&p, num, &sign_seen) || !read_number(&p, num))
		return false;
	q = p;
	skip_space(&q);
	power = read_multiplier(&q);
	if (power) {
		size_t lead = 0;

		p = q;
		if (!scale(num, power))
			return false;
		/* the output must read back: no more digits than read_number takes */
		while (lead < num->n_int && num->int_digits[lead] == '0')
			lead++;
		if (num->n_int - lead > NUM_DIGITS_MAX)
			return false;
	}
	if (allow_currency && *p) {
		skip_space(&p);
		if (!read_currency(&p, second, &bad))
			return false;
	}
	if (*p)
		return false;
	if (first[0] && second[0] && strcmp(first, second) != 0)
		return false;
	iv_strlcpy(cur, first[0] ? first : second, 4);
	return true;
}

enum iv_err iv_norm_amount(const char *s, size_t n, const struct iv_norm_ctx *ctx,
                           struct iv_buf *out, bool *valid)
{
	struct num num;
	char cur[4];
	enum iv_err rc;

	*valid = parse_amount(s, true, &num, cur);
	if (!*valid)
		return IV_OK;
	rc = format_num(&num, out);
	if (!rc && cur[0])
		rc = iv_buf_addf(out, " %s", cur);
	return rc;
}

enum iv_err iv_norm_number(const char *s, size_t n, const struct iv_norm_ctx *ctx,
                           struct iv_buf *out, bool *valid)
{
	struct num num;
	char cur[4];

	*valid = parse_amount(s, false, &num, cur);
	return *valid ? format_num(&num, out) : IV_OK;
}
