/*
 * norm_date.c - the date type: the forms dates arrive in, turned into
 * ISO 8601 (Gregorian) at the precision the source gave.
 *
 * Accepted: ISO 8601 as iv_date_parse reads it (plus fractional seconds,
 * dropped); DD/MM/YYYY, DD.MM.YYYY and DD-MM-YYYY (MM/DD/YYYY when the
 * source says so in ctx->date_mdy), each with an optional HH:MM[:SS];
 * YYYY/MM/DD and YYYY.MM.DD; MM/YYYY; YYYYMMDD and YYYYMMDDHHMMSS; a
 * year alone; month names in the languages norm_calendar.c lists: "12
 * Aug 1974", "12th August 1974", "August 12, 1974", "Aug 1974", "12
 * août 1974", "12 Αυγούστου 1974", "۱۲ فروردین ۱۳۶۵", "ngày 12 tháng 8
 * năm 1974".  Digits of any script count (٠١٢, ۰۱۲, ০১২), right-to-left
 * marks and joiners are ignored, ، and ؍ separate; an unknown part (00,
 * XX, ??) lowers the precision ("00/05/1985" is 1985-05), and words that
 * say a date is approximate (circa, ~, حوالي) are dropped.
 *
 * Calendars (choose_calendar): a month's name says which, or a marker in
 * the value (هـ, AH; هـ.ش, SH; ዓ.ም, EC; AD, م); else the source's
 * ctx->calendar: Solar or lunar Hijri for years 1200-1499, Ethiopian for
 * every date with a month not in ISO 8601; else Persian digits with such a
 * year say Solar Hijri and Arabic-Indic ones lunar Hijri.  ICU converts
 * (iv_calendar_to_gregorian).  A
 * year 1200-1499 that nothing places in a calendar is refused, even in
 * ISO form: it is a Hijri year (Solar Hijri 1300 is 1921, lunar 1882),
 * and which one would be a guess, as a two-digit year's century is (those
 * are refused too).
 *
 * Every form is rewritten as an ISO string and checked by iv_date_parse,
 * so impossible dates (31/02/1989) fail like ISO ones and are kept
 * verbatim.  There is no day/month swapping when one reading is
 * impossible: a US date in a day-first source is invalid, not guessed
 * (entity resolution reads such a kept value when only one order makes a
 * date, and says so: docs/resolution.md, "Families and features").  A
 * valid result is ISO 8601 with a year outside 1200-1499, so normalising
 * it again gives it back: exported values are ingested again.
 */
#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "iv/util.h"
#include "schema/schema_int.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
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

/* A date's parts as read, before its calendar is known. */
struct parts {
	int y, mo, d, h, mi, sec;
	int prec; /* enum iv_date_prec */
};

/* Format the parts as ISO and validate; prec: 1 year, 2 month, 3 day, 4 minute, 5 second. */
static bool emit(int prec, int y, int mo, int d, int h, int mi, int sec, struct iv_date *out)
{
	char iso[48];

	switch (prec) {
	case 1:
		snprintf(iso, sizeof(iso), "%04d", y);
		break;
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
	if (!read_num(&p, 2, h) || (*p != ':' && *p != '.') || read_num((p++, &p), 2, mi) != 2)
		return false; /* 10:30, or 15.47 as Scandinavia and Germany write it */
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

/*
 * The parts of a numeric date (digits already ASCII): the forms in the
 * header, YYYY/MM, and day, month and year apart by spaces alone ("03 10
 * 1979").  A day or month of 0 is unknown and lowers the precision.
 */
static bool parse_numeric(const char *s, const struct iv_norm_ctx *ctx, struct parts *pt)
{
	const char *p = s;
	int a, b, c, na, nb, nc, prec, h = 0, mi = 0, sec = 0;
	char sep;

	memset(pt, 0, sizeof(*pt));
	if (strspn(s, "0123456789") == strlen(s) && (strlen(s) == 8 || strlen(s) == 14)) {
		/* YYYYMMDD[HHMMSS] */
		const int widths[6] = {4, 2, 2, 2, 2, 2};
		int f[6] = {0};
		int fields = strlen(s) == 8 ? 3 : 6;

		for (int i = 0; i < fields; i++) {
			for (int k = 0; k < widths[i]; k++)
				f[i] = f[i] * 10 + (*p++ - '0');
		}
		*pt = (struct parts){f[0], f[1], f[2], f[3], f[4], f[5], fields == 3 ? 3 : 5};
		return true;
	}
	na = read_num(&p, 4, &a);
	if (!na)
		return false;
	if (*p == '\0' && na == 4) { /* a year alone */
		*pt = (struct parts){a, 0, 0, 0, 0, 0, 1};
		return true;
	}
	sep = *p;
	if (sep != '/' && sep != '.' && sep != '-' && sep != ' ')
		return false;
	p++;
	nb = read_num(&p, 4, &b);
	if (!nb)
		return false;
	if (*p == '\0' && na <= 2 && nb == 4 && sep != ' ') { /* MM/YYYY */
		*pt = (struct parts){b, a, 0, 0, 0, 0, 2};
		return true;
	}
	if (*p == '\0' && na == 4 && nb <= 2 && sep != ' ') { /* YYYY/MM */
		*pt = (struct parts){a, b, 0, 0, 0, 0, 2};
		return true;
	}
	if (*p++ != sep)
		return false;
	nc = read_num(&p, 4, &c);
	if (!nc || !read_time(p, &prec, &h, &mi, &sec))
		return false;
	if (sep == ' ' && prec != 3)
		return false; /* "03 10 1979", but no time after spaces alone */
	if (na == 4 && nb <= 2 && nc <= 2)
		*pt = (struct parts){a, b, c, h, mi, sec, prec}; /* YYYY/MM/DD */
	else if (na <= 2 && nb <= 2 && nc == 4 && ctx && ctx->date_mdy)
		*pt = (struct parts){c, a, b, h, mi, sec, prec};
	else if (na <= 2 && nb <= 2 && nc == 4)
		*pt = (struct parts){c, b, a, h, mi, sec, prec};
	else
		return false;
	return true;
}

/* ---- reading the value into tokens -------------------------------------------- */

enum tok_kind { TOK_NUM, TOK_WORD, TOK_SEP, TOK_UNKNOWN, TOK_MONTH };

/* which digits a number was written in: they hint at the calendar */
enum { DIGITS_ASCII = 1, DIGITS_ARABIC = 2, DIGITS_PERSIAN = 4, DIGITS_OTHER = 8 };

struct tok {
	enum tok_kind kind;
	char text[IV_DATE_WORD_MAX]; /* a number's ASCII digits, a word (folded), a separator */
	size_t n;
	bool glued;                       /* nothing between it and the token before */
	const struct iv_date_word *month; /* TOK_MONTH: its entry (NULL: a number's month) */
	int month_number;                 /* TOK_MONTH from tháng N */
	uint32_t numeral[12];             /* a run of Chinese or Ge'ez numerals, read at its end */
	size_t nnumeral;
};

#define MAX_TOKS 16

struct scan {
	struct tok t[MAX_TOKS];
	size_t n;
	unsigned digits; /* DIGITS_* of every number */
	bool marked;     /* a calendar marker was read */
	enum iv_calendar mark;
	enum iv_calendar hint; /* a word or numeral that leans to a calendar (ቀን, ፲፪) */
	int meridiem;          /* 1: am, 2: pm */
};

static bool is_apostrophe(UChar32 c)
{
	return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x02BE ||
	       c == 0x02BF || c == '`' || c == 0x00B4;
}

/* A separator, as the parsers know it ('/', '.', '-', ',', ':'); 0 when c is none. */
static char separator(UChar32 c)
{
	switch (c) {
	case '/':
	case 0x060D: /* ؍ Arabic date separator */
	case 0x066B: /* ٫ */
	case 0x2044: /* ⁄ */
	case 0xFF0F: /* ／ */
		return '/';
	case '.':
	case 0x3002:
	case 0x1362: /* ። */
		return '.';
	case '-':
	case 0x2010:
	case 0x2011:
	case 0x2012:
	case 0x2013:
	case 0x2014:
	case 0x2212:
		return '-';
	case ',':
	case 0x060C: /* ، */
	case 0x066C: /* ٬ */
	case 0x1363: /* ፣ Ethiopic comma */
		return ',';
	case ':':
		return ':';
	case '+': /* a time zone's offset, taken out after a time (read_words) */
		return '+';
	default:
		return 0;
	}
}

/* A Chinese digit's value (〇 零 一 … 九), 10 for 十, -1 for none. */
static int cjk_numeral(UChar32 c)
{
	static const UChar32 digits[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
	                                 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};

	if (c == 0x96F6)
		return 0;
	if (c == 0x5341)
		return 10;
	for (int d = 0; d < 10; d++)
		if (digits[d] == c)
			return d;
	return -1;
}

static bool is_numeral(UChar32 c)
{
	return cjk_numeral(c) >= 0 || (c >= 0x1369 && c <= 0x137B); /* Ge'ez ፩ … ፻ */
}

/*
 * A numeral run's value as ASCII digits in t->text: Chinese digit by digit
 * (一九八三 is 1983) or with 十 (二十六 is 26); Ge'ez by its own sums,
 * ፲፱፻፹፪ = (10 + 9) × 100 + 80 + 2.  False when it makes no number.
 */
static bool read_numeral(struct tok *t)
{
	long v = 0, cur = 0;
	bool ten = false;
	int last = 0; /* Ge'ez: 1 after a unit, 2 after a ten, 0 at the start of a group */
	size_t digits_after_ten = 0;

	for (size_t i = 0; i < t->nnumeral; i++)
		ten = ten || t->numeral[i] == 0x5341;
	for (size_t i = 0; i < t->nnumeral; i++) {
		UChar32 c = (UChar32)t->numeral[i];
		int d = cjk_numeral(c);

		if (d == 10) {
			if (v || cur > 9)
				return false; /* one 十, at most one digit before it */
			v = (cur ? cur : 1) * 10;
			cur = 0;
		} else if (d >= 0) {
			if (ten && (v ? ++digits_after_ten > 1 : cur != 0))
				return false; /* 二十三四 is no number */
			cur = ten ? d : cur * 10 + d;
		} else if (c >= 0x1369 && c <= 0x1371) {
			if (last == 1)
				return false; /* ፩፪: two units */
			cur += c - 0x1368;    /* ፩ … ፱ */
			last = 1;
		} else if (c >= 0x1372 && c <= 0x137A) {
			if (last)
				return false;     /* a ten after a unit or a ten */
			cur += 10 * (c - 0x1371); /* ፲ … ፺ */
			last = 2;
		} else if (c == 0x137B) {
			v = (v + (cur ? cur : 1)) * 100; /* ፻ */
			cur = 0;
			last = 0;
		}
		if (v > 99999 || cur > 99999)
			return false;
	}
	v += cur;
	t->n = (size_t)snprintf(t->text, sizeof(t->text), "%ld", v);
	return t->nnumeral > 0;
}

/* Chinese characters that stand alone between a date's numbers: 年 月 日 号. */
static bool is_cjk_unit(UChar32 c)
{
	return c == 0x5E74 || c == 0x6708 || c == 0x65E5 || c == 0x53F7;
}

static struct tok *new_tok(struct scan *sc, enum tok_kind kind, bool glued)
{
	struct tok *t;

	if (sc->n == MAX_TOKS)
		return NULL;
	t = &sc->t[sc->n++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->glued = glued && sc->n > 1;
	return t;
}

/* The tokenizer's place in the value. */
struct reader {
	struct scan *sc;
	struct tok *cur; /* the number or word being read, NULL between them */
	bool gap;        /* parted from the last token (white space, ~, a bracket): not glued */
};

/* Does the word being read end in 星期 (星期四: a weekday, whose numeral stays in its word)? */
static bool in_weekday(const struct tok *cur)
{
	return cur && cur->kind == TOK_WORD && cur->n >= 6 &&
	       !memcmp(cur->text + cur->n - 6, "\u661f\u671f", 6);
}

/* A Chinese or Ge'ez numeral, kept as it is until the run ends (read_numeral). */
static bool add_numeral(struct reader *r, UChar32 c)
{
	struct tok *cur = r->cur;

	if (!cur || cur->kind != TOK_NUM || cur->n) {
		if (!(cur = r->cur = new_tok(r->sc, TOK_NUM, !r->gap)))
			return false;
	}
	if (cur->nnumeral == sizeof(cur->numeral) / sizeof(cur->numeral[0]))
		return false;
	cur->numeral[cur->nnumeral++] = (uint32_t)c;
	r->sc->digits |= DIGITS_OTHER;
	if (c >= 0x1369 && c <= 0x137C)
		r->sc->hint = IV_CAL_ETHIOPIC; /* Ge'ez numerals */
	r->gap = false;
	return true;
}

/* 年 月 日 号: a word of its own, the character's bytes as they are. */
static bool add_cjk_unit(struct reader *r, const char *bytes, size_t len)
{
	struct tok *t = new_tok(r->sc, TOK_WORD, !r->gap);

	if (!t)
		return false;
	memcpy(t->text, bytes, len);
	t->n = len;
	r->cur = NULL;
	r->gap = false;
	return true;
}

/* A decimal digit of any script, as its ASCII digit; the script is noted for the calendar. */
static bool add_digit(struct reader *r, UChar32 c)
{
	struct tok *cur = r->cur;

	if (!cur || cur->kind != TOK_NUM || cur->nnumeral) {
		if (!(cur = r->cur = new_tok(r->sc, TOK_NUM, !r->gap)))
			return false;
	}
	if (cur->n + 1 >= sizeof(cur->text))
		return false;
	cur->text[cur->n++] = (char)('0' + u_charDigitValue(c));
	r->sc->digits |= c <= '9'                     ? DIGITS_ASCII
	                 : c >= 0x0660 && c <= 0x0669 ? DIGITS_ARABIC
	                 : c >= 0x06F0 && c <= 0x06F9 ? DIGITS_PERSIAN
	                                              : DIGITS_OTHER;
	r->gap = false;
	return true;
}

/* A letter (or a mark in a word): its bytes go on the word being read. */
static bool add_letter(struct reader *r, const char *bytes, size_t len)
{
	struct tok *cur = r->cur;

	if (!cur || cur->kind != TOK_WORD) {
		if (!(cur = r->cur = new_tok(r->sc, TOK_WORD, !r->gap)))
			return false;
	}
	if (cur->n + len >= sizeof(cur->text))
		return false;
	memcpy(cur->text + cur->n, bytes, len);
	cur->n += len;
	r->gap = false;
	return true;
}

/* '?', '*' or '_': an unknown part, one for a run of them. */
static bool add_unknown(struct reader *r)
{
	struct scan *sc = r->sc;
	struct tok *t = sc->n ? &sc->t[sc->n - 1] : NULL;

	if (!(t && t->kind == TOK_UNKNOWN && !r->gap) && !new_tok(sc, TOK_UNKNOWN, !r->gap))
		return false;
	r->gap = false;
	return true;
}

/*
 * What ends a number or a word: a separator, an unknown part, or what
 * stands between the parts; false for a character no date holds.
 */
static bool add_other(struct reader *r, UChar32 c)
{
	struct scan *sc = r->sc;
	char sep = separator(c);

	r->cur = NULL;
	if (sep) {
		struct tok *t = new_tok(sc, TOK_SEP, !r->gap);

		if (!t)
			return false;
		t->text[0] = sep;
		t->n = 1;
		r->gap = false;
		return true;
	}
	if (c == '?' || c == '*' || c == '_')
		return add_unknown(r);
	if (c == 0x00B0 && sc->n && sc->t[sc->n - 1].kind == TOK_NUM && !r->gap)
		return true; /* 1° gennaio: an ordinal */
	/* ~: approximate, the date stands as written; 2:22 PM · Mar 12, 2019 */
	if (c == '~' || u_isUWhiteSpace(c) || c == '(' || c == ')' || c == '[' || c == ']' ||
	    c == 0x00B7) {
		r->gap = true;
		return true;
	}
	return false;
}

/* One character of the value, whose bytes are bytes[0..len); false when no date holds it. */
static bool read_char(struct reader *r, UChar32 c, const char *bytes, size_t len)
{
	int8_t type = (int8_t)u_charType(c);

	if (type == U_FORMAT_CHAR)
		return true; /* bidi marks, joiners, BOM */
	if (is_numeral(c) && !in_weekday(r->cur))
		return add_numeral(r, c);
	if (is_cjk_unit(c) && !in_weekday(r->cur))
		return add_cjk_unit(r, bytes, len);
	if (type == U_DECIMAL_DIGIT_NUMBER)
		return add_digit(r, c);
	if (u_isalpha(c) || (r->cur && r->cur->kind == TOK_WORD &&
	                     ((U_GET_GC_MASK(c) & U_GC_M_MASK) || is_apostrophe(c))))
		return is_apostrophe(c) || add_letter(r, bytes, len); /* sha'ban is shaban */
	return add_other(r, c);
}

/* Split s into numbers, words, separators and unknown parts; false when anything else is there. */
static bool tokenize(const char *s, size_t n, struct scan *sc)
{
	const uint8_t *p = (const uint8_t *)s;
	int32_t i = 0, len = (int32_t)n;
	struct reader r = {sc, NULL, false};

	while (i < len) {
		int32_t at = i;
		UChar32 c;

		U8_NEXT(p, i, len, c);
		if (c < 0 || !read_char(&r, c, s + at, (size_t)(i - at)))
			return false;
	}
	for (size_t k = 0; k < sc->n; k++)
		if (sc->t[k].nnumeral && !sc->t[k].n && !read_numeral(&sc->t[k]))
			return false;
	return sc->n > 0;
}

static bool word_is(const struct tok *t, const char *w)
{
	return t->kind == TOK_WORD && t->n == strlen(w) && !memcmp(t->text, w, t->n);
}

/* A number's value (an unknown part's is 0). */
static int tok_value(const struct tok *t)
{
	int v = 0;

	for (size_t k = 0; k < t->n && k < 5; k++)
		v = v * 10 + (t->text[k] - '0');
	return t->kind == TOK_UNKNOWN ? 0 : v;
}

/* An ordinal's ending glued to the day before it (Somali 26ka, Persian and Pashto ۱۰مه, ۱۰ام):
 * 12th, 1er, 1º. */
static bool is_ordinal(const struct tok *t)
{
	/* ی and ê: Sorani and Kurmanji join a day to its month (١٢ی ئابی, 9ê Gulanê) */
	static const char *const ends[] = {
	        "st", "nd",     "rd", "th", "er",  "eme",          "e",           "o",
	        "a",  "\u06cc", "ka", "da", "aad", "\u0645\u0647", "\u0627\u0645"};

	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		if (word_is(t, ends[i]))
			return true;
	return false;
}

/* The first token of sc from i on that is not a separator, or sc->n. */
static size_t next_value(const struct scan *sc, size_t i)
{
	while (i < sc->n && sc->t[i].kind == TOK_SEP)
		i++;
	return i;
}

/* Is the last token of out a time's last number (10:30)? */
static bool after_time(const struct tok *out, size_t w)
{
	return w >= 2 && out[w - 1].kind == TOK_NUM && out[w - 2].kind == TOK_SEP &&
	       out[w - 2].text[0] == ':';
}

/*
 * am or pm after a time (also a.m., and Arabic ص and م): how many tokens
 * from i say it, 0 when none; *which 1 am, 2 pm.
 */
static size_t meridiem(const struct scan *sc, size_t i, int *which)
{
	/* and Arabic ص, صباحا, م, مساء; Vietnamese SA (sáng), CH (chiều) */
	static const char *const am[] = {"am", "\u0635", "\u0635\u0628\u0627\u062d\u0627", "sa"};
	static const char *const pm[] = {"pm", "\u0645", "\u0645\u0633\u0627\u0621", "ch"};
	const struct tok *t = &sc->t[i];
	size_t j;

	/* German am is "on" (um 12:30 am 12.8.1974) where um or Uhr says German */
	if (word_is(t, "am"))
		for (size_t k = 0; k < sc->n; k++)
			if (word_is(&sc->t[k], "um") || word_is(&sc->t[k], "uhr"))
				return 0;
	for (size_t k = 0; k < sizeof(am) / sizeof(am[0]); k++) {
		if (word_is(t, am[k]) || word_is(t, pm[k])) {
			*which = word_is(t, am[k]) ? 1 : 2;
			return 1;
		}
	}
	/* 12:30a, 12:30p (not 10:30a.m.) */
	j = next_value(sc, i + 1);
	if ((word_is(t, "a") || word_is(t, "p")) && t->glued &&
	    (j == sc->n || !word_is(&sc->t[j], "m"))) {
		*which = word_is(t, "a") ? 1 : 2;
		return 1;
	}
	/* a.m., p.m., Greek π.μ., μ.μ., Persian ق.ظ., ب.ظ. */
	if (!word_is(t, "a") && !word_is(t, "p") && !word_is(t, "\u03c0") &&
	    !word_is(t, "\u03bc") && !word_is(t, "\u0642") && !word_is(t, "\u0628"))
		return 0;
	j = next_value(sc, i + 1);
	if (j == sc->n || !(word_is(&sc->t[j], "m") || word_is(&sc->t[j], "\u03bc") ||
	                    word_is(&sc->t[j], "\u0638")))
		return 0;
	*which = word_is(t, "a") || word_is(t, "\u03c0") || word_is(t, "\u0642") ? 1 : 2;
	return j + 1 - i;
}

/* Chinese 上午 and 下午 before a time (2023年4月30日 下午3:22): 1 am, 2 pm, 0 none. */
static int meridiem_before(const struct scan *sc, size_t i)
{
	size_t j = i + 1;
	int which = word_is(&sc->t[i], "\u4e0a\u5348")   ? 1
	            : word_is(&sc->t[i], "\u4e0b\u5348") ? 2
	                                                 : 0;

	if (!which || j + 1 >= sc->n || sc->t[j].kind != TOK_NUM || sc->t[j + 1].kind != TOK_SEP ||
	    sc->t[j + 1].text[0] != ':')
		return 0;
	return which;
}

/* A Vietnamese month named in words after tháng (tháng Tư): the month, and tokens used. */
static int vietnamese_month(const struct scan *sc, size_t i, size_t *used)
{
	static const struct {
		const char *w;
		int m;
	} names[] = {{"gieng", 1}, {"hai", 2}, {"ba", 3},  {"tu", 4},   {"bon", 4},   {"nam", 5},
	             {"sau", 6},   {"bay", 7}, {"tam", 8}, {"chin", 9}, {"muoi", 10}, {"chap", 12}};

	if (i >= sc->n || sc->t[i].kind != TOK_WORD)
		return 0;
	if (word_is(&sc->t[i], "muoi") && i + 1 < sc->n &&
	    (word_is(&sc->t[i + 1], "mot") || word_is(&sc->t[i + 1], "hai"))) {
		*used = 2;
		return word_is(&sc->t[i + 1], "mot") ? 11 : 12;
	}
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		if (word_is(&sc->t[i], names[k].w)) {
			*used = 1;
			return names[k].m;
		}
	return 0;
}

static bool is_hours(const struct tok *t)
{
	return word_is(t, "hrs") || word_is(t, "hr") || word_is(t, "hours");
}

/*
 * A Roman numeral month stands between a day (or an unknown one) and a
 * year, or a year and a day, apart by dots or spaces (21.IV.1978, 1978. XI.
 * 21.): the Central European form.  With slashes or alone, X is unknown
 * (15/X/1985, XX/XX/1985) and another numeral no month (v 1985 is "in 1985").
 */
static bool roman_place(const struct tok *out, size_t w, const struct scan *sc, size_t i)
{
	const struct tok *before = NULL, *after = NULL;
	size_t j = i + 1;

	if (w > 0 && out[w - 1].kind == TOK_SEP && out[w - 1].text[0] != '.')
		return false;
	/* nor glued to a number: 1407x2 */
	if ((w > 0 && out[w - 1].kind != TOK_SEP && sc->t[i].glued) ||
	    (j < sc->n && sc->t[j].kind != TOK_SEP && sc->t[j].glued))
		return false;
	if (w > 0)
		before = &out[w - 1 - (out[w - 1].kind == TOK_SEP && w > 1)];
	if (j < sc->n && sc->t[j].kind == TOK_SEP) {
		if (sc->t[j].text[0] != '.')
			return false;
		j++;
	}
	if (j < sc->n)
		after = &sc->t[j];
	if (!before || !after || after->kind != TOK_NUM ||
	    (before->kind != TOK_NUM && before->kind != TOK_UNKNOWN))
		return false;
	return (before->kind == TOK_UNKNOWN || before->n <= 2) ? after->n == 4
	                                                       : before->n == 4 && after->n <= 2;
}

/* Record am (1) or pm (2); false when the date said the other already. */
static bool set_meridiem(struct scan *sc, int which)
{
	if (sc->meridiem && sc->meridiem != which)
		return false;
	sc->meridiem = which;
	return true;
}

/* Look a run of words up; a Sorani word may end in the ی that joins it to the next (ئابی). */
static const struct iv_date_word *find_word(const char *joined, size_t jn)
{
	const struct iv_date_word *hit = iv_date_word_find(joined, jn);

	if (!hit && jn > 4 && !memcmp(joined + jn - 2, "\u06cc", 2))
		hit = iv_date_word_find(joined, jn - 2);
	return hit;
}

/* Is sc->t[i] right after a time in the value as written (10:30 pm)? */
static bool right_after_time(const struct scan *sc, size_t i)
{
	return i >= 3 && sc->t[i - 1].kind == TOK_NUM && sc->t[i - 2].kind == TOK_SEP &&
	       sc->t[i - 2].text[0] == ':' && sc->t[i - 3].kind == TOK_NUM;
}

/* Append a separator token made from the word t. */
static void put_sep(struct tok *out, size_t *w, const struct tok *t, char c, bool glued)
{
	out[*w] = *t;
	out[*w].kind = TOK_SEP;
	out[*w].text[0] = c;
	out[*w].text[1] = '\0';
	out[*w].n = 1;
	out[(*w)++].glued = glued;
}

/*
 * am or pm after a time (10:30 pm), or 上午 or 下午 before one: the input
 * tokens used, 0 when the word is neither, -1 when the value said the
 * other already.
 */
static int meridiem_word(struct scan *sc, size_t i)
{
	size_t used;
	int which;

	if (right_after_time(sc, i) && (used = meridiem(sc, i, &which)))
		return set_meridiem(sc, which) ? (int)used : -1;
	if ((which = meridiem_before(sc, i))) {
		if (!set_meridiem(sc, which))
			return -1;
		sc->t[i + 1].glued = false; /* 2019/3/12 下午2:22: the hour starts the time */
		return 1;
	}
	return 0;
}

/*
 * ISO's T between a date and its time and Z after it (12/08/1974T10:30Z),
 * and French à before a time (à 14h35): true when the word is one of these
 * and goes.
 */
static bool time_marker(struct scan *sc, const struct tok *out, size_t w, size_t i)
{
	const struct tok *t = &sc->t[i];

	if (word_is(t, "t") && t->glued && w >= 5 && out[w - 1].kind == TOK_NUM && i + 1 < sc->n &&
	    sc->t[i + 1].kind == TOK_NUM && sc->t[i + 1].glued) {
		sc->t[i + 1].glued = false;
		return true;
	}
	if (word_is(t, "z") && after_time(out, w))
		return true;
	/* folded, à is a: glued to a year it is noise */
	return word_is(t, "a") && !t->glued && i + 1 < sc->n && sc->t[i + 1].kind == TOK_NUM;
}

/*
 * kl. 13.45, godz. 13.45: the dot of a time after the word for o'clock
 * becomes a colon (the table then takes the word out).
 */
static void dotted_time(struct scan *sc, size_t i)
{
	size_t j = next_value(sc, i + 1);

	if (j + 2 < sc->n && sc->t[j].kind == TOK_NUM && sc->t[j].n <= 2 &&
	    sc->t[j + 1].kind == TOK_SEP && sc->t[j + 1].text[0] == '.' &&
	    sc->t[j + 2].kind == TOK_NUM && sc->t[j + 2].n == 2)
		sc->t[j + 1].text[0] = ':';
}

/*
 * 14h35 and 06 h 30 (h between an hour and its minutes), 0322hrs (four
 * digits of a time after a date, split in two around a colon) and hrs
 * after a time: true when the word is one of these, read into out.
 */
static bool hour_word(const struct scan *sc, struct tok *out, size_t *w, size_t i)
{
	const struct tok *t = &sc->t[i];

	if (word_is(t, "h") && *w > 0 && out[*w - 1].kind == TOK_NUM && out[*w - 1].n <= 2 &&
	    i + 1 < sc->n && sc->t[i + 1].kind == TOK_NUM && sc->t[i + 1].n == 2) {
		put_sep(out, w, t, ':', t->glued);
		return true;
	}
	if (is_hours(t) && *w >= 2 && out[*w - 1].kind == TOK_NUM && out[*w - 1].n == 4) {
		struct tok minutes = out[*w - 1];

		memmove(minutes.text, minutes.text + 2, 3);
		minutes.n = 2;
		minutes.glued = true;
		out[*w - 1].text[2] = '\0';
		out[*w - 1].n = 2;
		put_sep(out, w, t, ':', true);
		out[(*w)++] = minutes;
		return true;
	}
	return is_hours(t) && after_time(out, *w);
}

/*
 * The words around a time of day, and a few others the table cannot hold
 * because their meaning depends on their neighbours: AM/PM, an ordinal's
 * ending, 月, ISO's T and Z, French à, kl. 13.45, 14h35, 0322hrs, X and
 * UNK.  Returns the input tokens used from i (0: none of these; the table
 * reads the word), or -1 when the value contradicts itself.
 */
static int context_word(struct scan *sc, struct tok *out, size_t *w, size_t i)
{
	const struct tok *t = &sc->t[i];
	int took;

	if ((took = meridiem_word(sc, i)) != 0)
		return took;
	/* an ordinal's ending on a day (12th), not on a year (1974a is noise) */
	if (i > 0 && t->glued && sc->t[i - 1].kind == TOK_NUM && sc->t[i - 1].n <= 2 &&
	    is_ordinal(t))
		return 1;
	if (word_is(t, "\u6708") && *w > 0 && out[*w - 1].kind == TOK_NUM && out[*w - 1].n <= 2) {
		out[*w - 1].kind = TOK_MONTH; /* 1961年5月26日: the number before 月 */
		out[*w - 1].month_number = tok_value(&out[*w - 1]);
		return 1;
	}
	if (time_marker(sc, out, *w, i))
		return 1;
	if (word_is(t, "kl") || word_is(t, "klo") || word_is(t, "godz")) {
		dotted_time(sc, i);
		return 0;
	}
	if (hour_word(sc, out, w, i))
		return 1;
	if (word_is(t, "x") || word_is(t, "xx") || word_is(t, "unk")) {
		/* X between a day and a year is October (21.X.1978); else an unknown part */
		bool roman = word_is(t, "x") && roman_place(out, *w, sc, i);

		out[*w] = *t;
		out[*w].kind = roman ? TOK_MONTH : TOK_UNKNOWN;
		out[(*w)++].month_number = roman ? 10 : 0;
		return 1;
	}
	return 0;
}

/*
 * The longest run of up to three words from i (apart by spaces, '.', '-'
 * or '/') the tables know, and in *used the tokens it spans; NULL for none.
 */
static const struct iv_date_word *known_run(const struct scan *sc, size_t i, size_t *used)
{
	for (size_t k = 3; k >= 1; k--) {
		const struct iv_date_word *hit;
		char joined[IV_DATE_WORD_MAX];
		size_t jn = 0, j = i, words_in = 0;

		while (j < sc->n && words_in < k) {
			const struct tok *u = &sc->t[j];

			if (u->kind == TOK_SEP && words_in > 0 &&
			    (u->text[0] == '.' || u->text[0] == '-' || u->text[0] == '/')) {
				j++;
				continue;
			}
			if (u->kind != TOK_WORD || jn + u->n + 1 >= sizeof(joined))
				break;
			if (words_in)
				joined[jn++] = ' ';
			memcpy(joined + jn, u->text, u->n);
			jn += u->n;
			words_in++;
			j++;
		}
		if (words_in == k && (hit = find_word(joined, jn))) {
			*used = j - i;
			return hit;
		}
	}
	return NULL;
}

/*
 * What the words leave in out[0..*w): separators at either end go, so
 * does a time zone's offset after a time and a question mark after a year;
 * an unknown part glued to a number or in a time makes the value refused.
 */
static bool tidy(struct tok *out, size_t *w)
{
	size_t lead = 0, n = *w;

	/* separators left at either end by words taken out ("12.08.1974 г.") */
	while (n > 0 && out[n - 1].kind == TOK_SEP)
		n--;
	while (lead < n && out[lead].kind == TOK_SEP)
		lead++;
	memmove(out, out + lead, (n - lead) * sizeof(out[0]));
	n -= lead;
	/* a time zone's offset after a time (+03:00, -05, +0430, UTC+3): the local time stands */
	if (n >= 5) {
		size_t k = 0;

		if (out[n - 1].kind == TOK_NUM && out[n - 2].kind == TOK_SEP &&
		    out[n - 2].text[0] == ':' && out[n - 3].kind == TOK_NUM && n >= 7)
			k = 2; /* hh:mm of the offset */
		if (n >= 5 + k && out[n - 1 - k].kind == TOK_NUM && out[n - 1 - k].n <= 4 &&
		    out[n - 2 - k].kind == TOK_SEP &&
		    (out[n - 2 - k].text[0] == '+' || out[n - 2 - k].text[0] == '-') &&
		    after_time(out, n - 2 - k))
			n -= 2 + k;
	}
	/* a trailing unknown part after a year is a question mark: "1985?" (not 1985/08/1?) */
	if (n >= 2 && out[n - 1].kind == TOK_UNKNOWN && out[n - 2].kind == TOK_NUM &&
	    out[n - 2].n == 4 && out[n - 1].glued)
		n--;
	/* an unknown part glued to a number (19XX, 12.08.19??) or in a time (??:30): refused */
	for (size_t k = 0; k < n; k++) {
		const struct tok *before = k > 0 ? &out[k - 1] : NULL;
		const struct tok *after = k + 1 < n ? &out[k + 1] : NULL;

		if (out[k].kind != TOK_UNKNOWN)
			continue;
		if ((before && out[k].glued &&
		     (before->kind == TOK_NUM ||
		      (before->kind == TOK_SEP && before->text[0] == ':'))) ||
		    (after && after->glued &&
		     (after->kind == TOK_NUM || (after->kind == TOK_SEP && after->text[0] == ':'))))
			return false;
	}
	*w = n;
	return n > 0;
}

/* Fold every word for the tables (iv_date_fold); false when one does not fold. */
static bool fold_words(struct scan *sc)
{
	for (size_t i = 0; i < sc->n; i++) {
		struct tok *t = &sc->t[i];
		size_t n;

		if (t->kind != TOK_WORD)
			continue;
		if (!iv_date_fold(t->text, t->n, t->text, sizeof(t->text), &n))
			return false;
		t->n = n;
	}
	return true;
}

/* Append t to out as a month token; the caller says which month. */
static struct tok *put_month(struct tok *out, size_t *w, const struct tok *t)
{
	out[*w] = *t;
	out[*w].kind = TOK_MONTH;
	return &out[(*w)++];
}

/*
 * The month after tháng (the word that says a number is a month), from
 * the value's next token on at *i: tháng 8, tháng Tư.  *i moves past it;
 * false when no month follows.
 */
static bool month_after_thang(struct scan *sc, struct tok *out, size_t *w, size_t *i)
{
	size_t named = 0;
	int m;

	*i = next_value(sc, *i);
	if ((m = vietnamese_month(sc, *i, &named))) {
		put_month(out, w, &sc->t[*i])->month_number = m;
		*i += named;
		return true;
	}
	if (*i == sc->n || sc->t[*i].kind != TOK_NUM || sc->t[*i].n > 2)
		return false;
	m = tok_value(&sc->t[*i]);
	put_month(out, w, &sc->t[(*i)++])->month_number = m;
	return true;
}

/*
 * What a run of words the tables know says, the run starting at sc->t[at]
 * and *i just past it: a month goes to out, a calendar's hint or marker to
 * sc, and an approximate or empty word nowhere.  False when the value
 * contradicts itself or a month has no place.
 */
static bool take_known(struct scan *sc, struct tok *out, size_t *w, size_t *i, size_t at,
                       const struct iv_date_word *hit)
{
	switch (hit->kind) {
	case IV_DATE_WORD_MONTH:
	case IV_DATE_WORD_MONTH_EITHER:
		put_month(out, w, &sc->t[at])->month = hit;
		return true;
	case IV_DATE_WORD_ROMAN:
		if (!roman_place(out, *w, sc, at))
			return false;
		put_month(out, w, &sc->t[at])->month_number = hit->month;
		return true;
	case IV_DATE_WORD_HINT:
		sc->hint = (enum iv_calendar)hit->cal;
		return true;
	case IV_DATE_WORD_MONTH_NUMBER:
		return month_after_thang(sc, out, w, i);
	case IV_DATE_WORD_MARK:
		if (sc->marked && sc->mark != (enum iv_calendar)hit->cal)
			return false;
		sc->marked = true;
		sc->mark = (enum iv_calendar)hit->cal;
		return true;
	default: /* approximate or empty words: the date stands as written */
		return true;
	}
}

/* Does the entry make a month token (rather than being taken out)? */
static bool makes_month(const struct iv_date_word *hit)
{
	return hit->kind == IV_DATE_WORD_MONTH || hit->kind == IV_DATE_WORD_MONTH_EITHER ||
	       hit->kind == IV_DATE_WORD_ROMAN || hit->kind == IV_DATE_WORD_MONTH_NUMBER;
}

/*
 * The word at sc->t[*i]: one whose meaning depends on its neighbours
 * (context_word), else the longest run the tables know.  *i moves past
 * what it used; false for a word nothing knows, or a value that
 * contradicts itself.
 */
static bool read_word(struct scan *sc, struct tok *out, size_t *w, size_t *i)
{
	const struct iv_date_word *hit;
	size_t used = 0, at = *i;
	int took;

	if ((took = context_word(sc, out, w, at)) < 0)
		return false;
	if (took) {
		*i += (size_t)took;
		return true;
	}
	if (!(hit = known_run(sc, at, &used)))
		return false;
	*i += used;
	if (!take_known(sc, out, w, i, at, hit))
		return false;
	/* the dot that ends a word taken out (godz. 02:15, 1405 هـ.ش.) is the word's */
	if (!makes_month(hit) && *i < sc->n && sc->t[*i].kind == TOK_SEP &&
	    sc->t[*i].text[0] == '.')
		(*i)++;
	return true;
}

/*
 * Words: fold each, then the ones whose meaning depends on their
 * neighbours (context_word), then the longest run the tables know: a month
 * becomes TOK_MONTH, a marker, an approximate word or an empty one is taken
 * out.  False for a word nothing knows, or a value that contradicts itself.
 */
static bool read_words(struct scan *sc)
{
	struct tok out[MAX_TOKS];
	size_t w = 0;

	if (!fold_words(sc))
		return false;
	for (size_t i = 0; i < sc->n;) {
		if (w + 2 > MAX_TOKS)
			return false; /* room for the two tokens 0322hrs becomes */
		if (sc->t[i].kind != TOK_WORD)
			out[w++] = sc->t[i++];
		else if (!read_word(sc, out, &w, &i))
			return false;
	}
	if (!tidy(out, &w))
		return false;
	memcpy(sc->t, out, w * sizeof(out[0]));
	sc->n = w;
	return true;
}

/* The numbers and separators again as ASCII text, for parse_numeric; false when it holds a month.
 */
static bool numeric_text(const struct scan *sc, char *buf, size_t cap)
{
	size_t n = 0;

	for (size_t i = 0; i < sc->n; i++) {
		const struct tok *t = &sc->t[i];
		const char *text = t->kind == TOK_UNKNOWN ? "00" : t->text;
		size_t tn = t->kind == TOK_UNKNOWN ? 2 : t->n;

		if (t->kind == TOK_MONTH || t->kind == TOK_WORD)
			return false;
		if (n + tn + 2 >= cap)
			return false;
		/* a dash with spaces round it parts a date from its time (۱۴۰۲/۰۷/۱۵ - ۰۸:۴۵) */
		if (t->kind == TOK_SEP && t->text[0] == '-' && !t->glued && i + 1 < sc->n &&
		    !sc->t[i + 1].glued) {
			buf[n++] = ' ';
			continue;
		}
		/* a space before a time ("12/08/1974 10:30", "12/08/1974, 10:30"), none by a
		 * separator */
		if (i > 0 && !t->glued && t->kind != TOK_SEP &&
		    (sc->t[i - 1].kind != TOK_SEP || sc->t[i - 1].text[0] == ','))
			buf[n++] = ' ';
		memcpy(buf + n, text, tn);
		n += tn;
	}
	buf[n] = '\0';
	return true;
}

/* A day: one or two digits, or an unknown part. */
static bool is_day(const struct tok *t)
{
	return t->kind == TOK_UNKNOWN || (t->kind == TOK_NUM && t->n <= 2);
}

static bool is_year(const struct tok *t)
{
	return t->kind == TOK_NUM && t->n == 4;
}

/* Do two month tokens name the same month of the same calendar? */
static bool same_month(const struct tok *a, const struct tok *b)
{
	if (!a->month || !b->month)
		return !a->month && !b->month && a->month_number == b->month_number;
	return a->month->month == b->month->month && a->month->cal == b->month->cal &&
	       a->month->alt_month == b->month->alt_month;
}

/*
 * A date with a month's name: [D] M Y, M [D] Y, Y M [D], Y D M, their
 * separators anywhere, and a time after a day.  *month is the month
 * token.
 */
static bool parse_named(const struct scan *sc, struct parts *pt, const struct tok **month)
{
	const struct tok *v[4] = {NULL}, *t = sc->t;
	size_t nv = 0, m, end = sc->n;
	int h = 0, mi = 0, sec = 0, prec = 3;

	/* a time at the end: 14-Sep-2015 11:45 (PM) */
	if (end >= 3 && t[end - 1].kind == TOK_NUM && t[end - 1].n == 2 &&
	    t[end - 2].kind == TOK_SEP && t[end - 2].text[0] == ':' && t[end - 3].kind == TOK_NUM) {
		if (end >= 5 && t[end - 4].kind == TOK_SEP && t[end - 4].text[0] == ':' &&
		    t[end - 5].kind == TOK_NUM && t[end - 3].n == 2) {
			h = tok_value(&t[end - 5]);
			mi = tok_value(&t[end - 3]);
			sec = tok_value(&t[end - 1]);
			prec = 5;
			end -= 5;
		} else {
			h = tok_value(&t[end - 3]);
			mi = tok_value(&t[end - 1]);
			prec = 4;
			end -= 3;
		}
	}
	for (size_t i = 0; i < end; i++) {
		const struct tok *u = &t[i];

		if (u->kind == TOK_SEP)
			continue;
		/* one month named twice, as Syria writes it: ٢١ آب/أغسطس ١٩٧٤ */
		if (nv && u->kind == TOK_MONTH && v[nv - 1]->kind == TOK_MONTH) {
			if (!same_month(u, v[nv - 1]))
				return false;
			continue;
		}
		if (nv == 4)
			return false;
		v[nv++] = u;
	}
	for (m = 0; m < nv && v[m]->kind != TOK_MONTH; m++)
		;
	if (m == nv)
		return false;
	*month = v[m];
	memset(pt, 0, sizeof(*pt));
	if (nv == 2 && m == 0 && is_year(v[1])) /* Aug 1974 */
		*pt = (struct parts){tok_value(v[1]), 0, 0, 0, 0, 0, 2};
	else if (nv == 2 && m == 1 && is_year(v[0])) /* 2009. szeptember, 2006年9月 */
		*pt = (struct parts){tok_value(v[0]), 0, 0, 0, 0, 0, 2};
	else if (nv == 3 && m == 2 && is_year(v[0]) && is_day(v[1])) /* 1961 წლის 21 ნოემბერი */
		*pt = (struct parts){tok_value(v[0]), 0, tok_value(v[1]), 0, 0, 0, 3};
	else if (nv == 3 && m == 1 && is_day(v[0]) && is_year(v[2])) /* 12 Aug 1974 */
		*pt = (struct parts){tok_value(v[2]), 0, tok_value(v[0]), 0, 0, 0, 3};
	else if (nv == 3 && m == 0 && is_day(v[1]) && is_year(v[2])) /* Aug 12, 1974 */
		*pt = (struct parts){tok_value(v[2]), 0, tok_value(v[1]), 0, 0, 0, 3};
	else if (nv == 3 && m == 1 && is_year(v[0]) && is_day(v[2])) /* 1974 Aug 12 */
		*pt = (struct parts){tok_value(v[0]), 0, tok_value(v[2]), 0, 0, 0, 3};
	else
		return false;
	if (prec > 3) {
		if (pt->prec != 3)
			return false; /* a time on a month */
		*pt = (struct parts){pt->y, 0, pt->d, h, mi, sec, prec};
	}
	return true;
}

/* ---- the calendar, then the Gregorian date ------------------------------------- */

/*
 * The calendar of parts read from sc (month: the month token or NULL),
 * and the month's number in it; false when the value contradicts itself
 * or nothing places a Hijri-looking year.  A month's name says its
 * calendar, or for a Tigrinya name the one the value or source says
 * (Amharic ቀን and Ge'ez numerals say Ethiopian); a name Eritrea and
 * Ethiopia share needs one of them.  Else, for a month given as a number:
 * a marker; the source's calendar (Ethiopian for a date with a month,
 * Solar or lunar Hijri for years 1200-1499); Persian or Arabic-Indic digits
 * with such a year; Gregorian.
 */
static bool choose_calendar(const struct scan *sc, const struct tok *month, const struct parts *pt,
                            const struct iv_norm_ctx *ctx, enum iv_calendar *cal, int *mo)
{
	enum iv_calendar said = sc->marked ? sc->mark : ctx->calendar;
	bool hijri_year = pt->y >= 1200 && pt->y < 1500,
	     hijri_range = pt->y >= 1200 && pt->y < 1500;
	const struct iv_date_word *w = month ? month->month : NULL;

	*mo = month ? month->month_number : pt->mo;
	if (w) {
		enum iv_calendar lean = said != IV_CAL_UNSET ? said : sc->hint;
		bool alt = w->alt_month && lean == (enum iv_calendar)w->alt_cal;

		if (w->kind == IV_DATE_WORD_MONTH_EITHER && !alt &&
		    lean != (enum iv_calendar)w->cal)
			return false; /* 12 መስከረም 1985: September in Eritrea, Meskerem in Ethiopia
			               */
		*cal = (enum iv_calendar)(alt ? w->alt_cal : w->cal);
		*mo = alt ? w->alt_month : w->month;
		if (sc->marked && sc->mark != *cal)
			return false; /* "12 August 1405 AH" */
	} else if (sc->marked) {
		*cal = sc->mark;
	} else if ((ctx->calendar == IV_CAL_ETHIOPIC && *mo) ||
	           (hijri_range &&
	            (ctx->calendar == IV_CAL_PERSIAN || ctx->calendar == IV_CAL_ISLAMIC))) {
		*cal = ctx->calendar;
	} else if (sc->hint == IV_CAL_ETHIOPIC && *mo) {
		*cal = IV_CAL_ETHIOPIC; /* ቀን 12/05/1975, ፲፪/፭/፲፱፻፸፭ */
	} else if (hijri_range && (sc->digits & DIGITS_PERSIAN)) {
		*cal = IV_CAL_PERSIAN;
	} else if (hijri_range && (sc->digits & DIGITS_ARABIC)) {
		*cal = IV_CAL_ISLAMIC;
	} else {
		*cal = IV_CAL_GREGORIAN;
	}
	return *cal != IV_CAL_GREGORIAN || !hijri_year;
}

/* The parts in cal, with month mo, as a Gregorian date; unknown parts lower the precision. */
static bool finish(struct parts pt, enum iv_calendar cal, int mo, struct iv_date *out)
{
	pt.mo = mo;
	if (pt.prec > 3 && (pt.d == 0 || pt.mo == 0))
		return false; /* a time on a date without its day */
	if (pt.prec >= 2 && pt.mo == 0) {
		if (pt.prec == 3 && pt.d)
			return false; /* a day without its month */
		pt.prec = 1;          /* 00/00/1985 */
	} else if (pt.prec == 3 && pt.d == 0) {
		pt.prec = 2; /* 00/05/1985 */
	}
	if (cal != IV_CAL_GREGORIAN && cal != IV_CAL_UNSET &&
	    !iv_calendar_to_gregorian(cal, pt.prec, &pt.y, &pt.mo, &pt.d))
		return false;
	return emit(pt.prec, pt.y, pt.mo, pt.d, pt.h, pt.mi, pt.sec, out);
}

/*
 * A time before the date (5:40 pm 02/09/2021, 04:30 ngày 23/10/2019) goes
 * after it, where the parsers read one.
 */
static void time_first(struct scan *sc)
{
	struct tok *t = sc->t, moved[5];
	size_t len;

	if (sc->n < 4 || t[0].kind != TOK_NUM || t[0].n > 2 || t[1].kind != TOK_SEP ||
	    t[1].text[0] != ':' || t[2].kind != TOK_NUM || t[2].n != 2)
		return;
	len = 3;
	if (sc->n > 5 && t[3].kind == TOK_SEP && t[3].text[0] == ':' && t[4].kind == TOK_NUM &&
	    t[4].n == 2)
		len = 5;
	if (len == sc->n || t[len].kind == TOK_SEP)
		return;
	memcpy(moved, t, len * sizeof(t[0]));
	memmove(t, t + len, (sc->n - len) * sizeof(t[0]));
	memcpy(t + sc->n - len, moved, len * sizeof(t[0]));
	t[0].glued = false;
	t[sc->n - len].glued = false;
}

static bool parse_general(const char *s, size_t n, const struct iv_norm_ctx *ctx, struct iv_date *d)
{
	struct scan sc;
	struct parts pt;
	const struct tok *month = NULL;
	enum iv_calendar cal;
	char text[64];
	int mo;

	memset(&sc, 0, sizeof(sc));
	if (n > 160 || !tokenize(s, n, &sc) || !read_words(&sc))
		return false;
	time_first(&sc);
	if (numeric_text(&sc, text, sizeof(text))) {
		if (!parse_numeric(text, ctx, &pt))
			return false;
	} else if (!parse_named(&sc, &pt, &month)) {
		return false;
	}
	if (sc.meridiem) { /* 12:00 AM is midnight, 12:30 PM half past noon */
		if (pt.prec < 4 || pt.h < 1 || pt.h > 12)
			return false;
		pt.h = pt.h % 12 + (sc.meridiem == 2 ? 12 : 0);
	}
	return choose_calendar(&sc, month, &pt, ctx, &cal, &mo) && finish(pt, cal, mo, d);
}

/* An ISO 8601 value, when its year is not a Hijri one (those go the general way). */
static bool parse_iso(const char *s, struct iv_date *d)
{
	return (iv_date_parse(s, d) == IV_OK || parse_iso_fraction(s, d)) &&
	       !(d->year >= 1200 && d->year < 1500);
}

enum iv_err iv_norm_date(const char *s, size_t n, const struct iv_norm_ctx *ctx, struct iv_buf *out,
                         bool *valid)
{
	struct iv_date d;
	char iso[32];

	*valid = parse_iso(s, &d) || parse_general(s, n, ctx, &d);
	if (!*valid)
		return IV_OK;
	iv_date_format(&d, iso, sizeof(iso));
	return iv_buf_adds(out, iso);
}
