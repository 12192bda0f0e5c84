/*
 * match.c - blocking keys of a record and the comparison of two records.
 *
 * Keys (docs/resolution.md, "Blocking"): every strong identifier, every
 * value of a blocking feature (phone, e-mail, selectors; a phone by its
 * last nine digits, with and without its last digit), and from each name:
 * its words in any order and spelling (rv_name_tf_key, also the key of its
 * frequency), each pair of its tokens (a token stands for its variant
 * group, else its phonetic code), each pair with one side cut to its
 * initial, a lone token, each token with the birth year, and its words
 * written as one word (names_glued_keys); and each full
 * birth date.  Keys carry the family in their hash, so families never
 * share a block.  Some keys are only counted, for a value's frequency, and
 * block nothing: an address, 1 January of a year (a year alone).
 *
 * Levels, 0 the strongest agreement, the last "missing":
 *   name   exact, >= 0.93, >= 0.85, a short form of the other, >= 0.70, below,
 *          missing
 *   date   exact, day/month swapped, year +-1 or one date a part of the
 *          other, two of year/month/day, different, missing
 *   exact  shared value, different, missing
 *   phone  shared value, the same number written another way (national and
 *          international forms: the last nine digits equal), a digit
 *          dropped, different, missing
 *   fuzzy  equal, Jaro-Winkler >= 0.9, different, missing
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "resolve/names_int.h"
#include "resolve/resolve_int.h"

#include "iv/util.h"

unsigned rv_kind_levels(enum rv_kind kind)
{
	switch (kind) {
	case RV_NAME:
		return 7;
	case RV_DATE:
		return 6;
	case RV_EXACT:
		return 3;
	case RV_FUZZY:
	case RV_PHONE:
		return 5;
	}
	return 2;
}

const char *rv_level_name(enum rv_kind kind, unsigned level)
{
	static const char *const name[] = {"exact",   ">= 0.93",   ">= 0.85", "short form",
	                                   ">= 0.70", "different", "missing"};
	static const char *const date[] = {"exact",
	                                   "day/month swapped",
	                                   "close or partial",
	                                   "two of three parts",
	                                   "different",
	                                   "missing"};
	static const char *const exact[] = {"shared", "different", "missing"};
	static const char *const fuzzy[] = {"equal", "most words", "half the words", "different",
	                                    "missing"};
	static const char *const phone[] = {"shared", "other writing", "a digit dropped",
	                                    "different", "missing"};

	if (level >= rv_kind_levels(kind))
		return "?";
	switch (kind) {
	case RV_NAME:
		return name[level];
	case RV_DATE:
		return date[level];
	case RV_EXACT:
		return exact[level];
	case RV_FUZZY:
		return fuzzy[level];
	case RV_PHONE:
		return phone[level];
	}
	return "?";
}

static int digits(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/*
 * A date kept verbatim in the form DD/MM/YYYY or MM/DD/YYYY (separator
 * '/', '.' or '-'): the ingest refuses it when the source's declared order
 * makes it impossible (08/26/1988 in a day-first source), so the one
 * reading left is the other order.  Both orders possible and different
 * (08/06/1988), or neither (31/31/1988, 31/02/1988): no date; 01/01/1988
 * reads alike both ways.  Returns whether it read one.
 */
static bool verbatim_dmy(const char *d, size_t len, int *y, int *m, int *dd)
{
	static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int a, b;

	if (len != 10 || (d[2] != '/' && d[2] != '.' && d[2] != '-') || d[5] != d[2])
		return false;
	a = digits(d, 2);
	b = digits(d + 3, 2);
	*y = digits(d + 6, 4);
	if (a < 1 || b < 1 || *y < 1 || ((a > 12) == (b > 12) && !(a == b && a <= 12)) || a > 31 ||
	    b > 31) {
		*y = 0;
		return false;
	}
	*dd = a > 12 ? a : b;
	*m = a > 12 ? b : a;
	/* 29 February of a year that has none is as impossible as the 30th */
	if (*dd > days[*m - 1] ||
	    (*m == 2 && *dd == 29 && (*y % 4 || (*y % 100 == 0 && *y % 400)))) {
		*y = *m = *dd = 0;
		return false;
	}
	return true;
}

/*
 * Year, month and day of a date (0 when absent or impossible): the store's
 * ISO form, possibly partial (1990, 1990-05, 1990-05-01), or a value kept
 * verbatim because it failed validation, when it is eight digits
 * (YYYYMMDD, with an impossible month or day taken as unknown) or a
 * day-month-year whose one possible reading is month first, or the other
 * way round (verbatim_dmy).  Anything else is no date, and so is a year
 * 1200-1499 (docs/schema.md, "Dates": a Hijri year of unknown calendar).
 */
static void date_parts(const char *d, int *y, int *m, int *dd)
{
	size_t len = strlen(d);

	*y = *m = *dd = 0;
	if (len == 8 && digits(d, 8) >= 0) {
		*y = digits(d, 4);
		*m = digits(d + 4, 2);
		*dd = digits(d + 6, 2);
	} else if ((len == 4 || len == 7 || len == 10) && digits(d, 4) >= 0) {
		*y = digits(d, 4);
		if (len >= 7 && d[4] == '-')
			*m = digits(d + 5, 2);
		if (len == 10 && d[7] == '-')
			*dd = digits(d + 8, 2);
	} else if (!verbatim_dmy(d, len, y, m, dd)) {
		return;
	}
	if (*m < 1 || *m > 12)
		*m = 0;
	if (*dd < 1 || *dd > 31)
		*dd = 0;
	/* a year 1200-1499 is a Hijri one the ingest could not place in its calendar
	 * (1365/04/12 with no calendar said): no date, rather than one that disagrees */
	if (*y < 1 || (*y >= 1200 && *y < 1500))
		*y = *m = *dd = 0;
}

bool rv_is_selector(const struct rv_family *fam, size_t f)
{
	return (fam->f[f].kind == RV_EXACT || fam->f[f].kind == RV_PHONE) && fam->f[f].block;
}

bool rv_shares_selector(const struct rv_family *fam, size_t f, unsigned level)
{
	return rv_is_selector(fam, f) && (level == 0 || (fam->f[f].kind == RV_PHONE && level == 1));
}

/* ---- phones ---------------------------------------------------------------------- */

/* Digits a phone number keeps when compared */
#define PHONE_DIGITS 9
#define PHONE_MAX    24

/* The digits of a phone value (at most PHONE_MAX), NUL-terminated; their count. */
static size_t phone_digits(const char *v, char out[PHONE_MAX + 1])
{
	size_t n = 0;

	for (; *v && n < PHONE_MAX; v++)
		if (*v >= '0' && *v <= '9')
			out[n++] = *v;
	out[n] = '\0';
	return n;
}

/* Whether the longer digit string is the shorter with one digit more (one dropped). */
static bool one_dropped(const char *lng, size_t nl, const char *sht, size_t ns)
{
	size_t i = 0;

	if (nl != ns + 1)
		return false;
	while (i < ns && lng[i] == sht[i])
		i++;
	return memcmp(lng + i + 1, sht + i, ns - i) == 0;
}

/*
 * Two phone values: the same string; the same number written another way
 * (the last nine digits equal: +33754477969 and 0754477969, a national
 * number the store could not place); one digit dropped (+3375447796), on
 * numbers of at least nine digits; else different.  `may_equal` false:
 * the values' hashes differ, so the strings do.
 */
static uint8_t phone_level(const char *a, const char *b, bool may_equal)
{
	char da[PHONE_MAX + 1], db[PHONE_MAX + 1];
	size_t na, nb;

	if (may_equal && strcmp(a, b) == 0)
		return 0;
	na = phone_digits(a, da);
	nb = phone_digits(b, db);
	if (na >= PHONE_DIGITS && nb >= PHONE_DIGITS &&
	    memcmp(da + na - PHONE_DIGITS, db + nb - PHONE_DIGITS, PHONE_DIGITS) == 0)
		return 1;
	if ((na >= PHONE_DIGITS && one_dropped(da, na, db, nb)) ||
	    (nb >= PHONE_DIGITS && one_dropped(db, nb, da, na)))
		return 2;
	return 3;
}

/* ---- records that could bridge two people ---------------------------------------- */

bool rv_values_bridge(const struct rv_family *fam, size_t f, const char *const *v, size_t n)
{
	uint8_t group[RV_MAX_VALUES]; /* values joined by "one number", as a chain */

	if (!fam->f[f].bridges || n < 2)
		return false;
	if (n > RV_MAX_VALUES)
		n = RV_MAX_VALUES;
	for (size_t i = 0; i < n; i++)
		group[i] = (uint8_t)i;
	for (size_t i = 1; i < n; i++)
		for (size_t j = 0; j < i; j++) {
			bool one = fam->f[f].kind == RV_PHONE ? phone_level(v[i], v[j], true) < 3
			                                      : strcmp(v[i], v[j]) == 0;
			uint8_t from = group[i], to = group[j];

			if (!one || from == to)
				continue;
			for (size_t k = 0; k < n; k++)
				if (group[k] == from)
					group[k] = to;
		}
	for (size_t i = 1; i < n; i++)
		if (group[i] != group[0])
			return true;
	return false;
}

bool rv_full_date(const char *s)
{
	int y, m, d;

	date_parts(s, &y, &m, &d);
	return y && m && d && !(m == 1 && d == 1);
}

bool rv_record_bridges(const struct rv_set *set, size_t rec)
{
	const struct rv_record *r = &set->recs[rec];
	const struct rv_family *fam = set->fam;
	const char *v[RV_MAX_VALUES];

	if (fam->bare_bridges && rv_nvals(r, RV_SLOT_STRONG) > 0 &&
	    (fam->name_feature < 0 || rv_nvals(r, (unsigned)fam->name_feature) == 0) &&
	    (fam->date_feature < 0 || rv_nvals(r, (unsigned)fam->date_feature) == 0))
		return true; /* a bare record: identifiers and no name or birth date */
	if (fam->date_feature >= 0)
		for (uint32_t k = r->off[fam->date_feature]; k < r->off[fam->date_feature + 1]; k++)
			if (rv_full_date(set->vals[k].v))
				return false; /* it names one person: his numbers */

	for (size_t f = 0; f < set->fam->nf; f++) {
		size_t n = 0;

		if (!set->fam->f[f].bridges || rv_nvals(r, (unsigned)f) < 2)
			continue;
		for (uint32_t k = r->off[f]; k < r->off[f + 1] && n < RV_MAX_VALUES; k++)
			v[n++] = set->vals[k].v;
		if (rv_values_bridge(set->fam, f, v, n))
			return true;
	}
	return false;
}

/* ---- keys ------------------------------------------------------------------------ */

void rv_key_range(const struct rv_family *fam, uint64_t *lo, uint64_t *hi)
{
	uint64_t index = (uint64_t)(fam - rv_families);

	*lo = index << RV_KEY_FAMILY_SHIFT;
	*hi = *lo | ((1ull << RV_KEY_FAMILY_SHIFT) - 1);
}

/*
 * A hash of the family name, a tag and up to three 64-bit parts, in the
 * family's range of keys (rv_key_range): the family's index in bits 56-62.
 */
static uint64_t mix(const struct rv_family *fam, char tag, uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t buf[4];
	uint64_t h;

	buf[0] = iv_hash64(fam->name, strlen(fam->name)) ^ (uint64_t)(unsigned char)tag;
	buf[1] = a;
	buf[2] = b;
	buf[3] = c;
	h = iv_hash64(buf, sizeof(buf)) & ((1ull << RV_KEY_FAMILY_SHIFT) - 1);
	return (h ? h : 1) | (uint64_t)(fam - rv_families) << RV_KEY_FAMILY_SHIFT;
}

static uint64_t str_hash(const char *s)
{
	return iv_hash64(s, strlen(s));
}

uint64_t rv_value_key(const struct rv_family *fam, unsigned slot, const char *value)
{
	/* strong identifiers block on kind and value: a value without its scope still meets */
	if (slot == RV_SLOT_STRONG) {
		const char *scope = strchr(value, '\x1f');
		const char *v = scope ? strchr(scope + 1, '\x1f') : NULL;
		uint64_t kind = scope ? iv_hash64(value, (size_t)(scope - value)) : 0;

		return mix(fam, 'S', kind, str_hash(v ? v + 1 : value), 0);
	}
	return mix(fam, 'V', slot, str_hash(value), 0);
}

/* What a free string is compared as: its ASCII form when it is written in another script. */
static const char *fuzzy_text(const struct rv_set *set, uint32_t v)
{
	return set->fold && set->fold[v] ? set->fold[v] : set->vals[v].v;
}

/*
 * A free string's frequency key: its compared text with ASCII case folded,
 * as fuzzy_level's "equal" reads it ("HAFENSTRASSE 33" is "Hafenstrasse 33").
 * Hashed as it is folded, byte by byte (FNV-1a), so that no lower-case copy
 * of the text is made per comparison; mix puts it in the family's range.
 */
static uint64_t fuzzy_key(const struct rv_family *fam, size_t f, const char *text)
{
	uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a */

	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		h ^= (uint64_t)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
		h *= 0x100000001b3ull;
	}
	return mix(fam, 'F', (uint64_t)f, h, 0);
}

/* What stands for a token in name keys: its variant group, else its phonetic code. */
static uint64_t token_key(const struct iv_name_token *t)
{
	if (t->variant)
		return (uint64_t)t->variant;
	if (t->phonetic && *t->phonetic)
		return t->phonetic_hash | 1ull << 63;
	return str_hash(t->core) | 1ull << 62;
}

/*
 * The name's words in any order and any spelling: the sum of a mix of each
 * word's phonetic code (a sum, so word order does not count and a repeated
 * word does).  "امیر", "Amir" and "Ameer" have one key, so a name's
 * frequency counts every spelling of it: a common name written in another
 * script is not taken for a rare one.  (Names that sound alike count
 * together too, Mohammed and Mahmoud: a frequency a little too high only
 * makes an exact agreement weigh a little less.)
 */
uint64_t rv_name_tf_key(const struct rv_family *fam, const struct iv_name_keys *k)
{
	uint64_t sum = 0;

	for (size_t t = 0; t < k->ntokens; t++) {
		const struct iv_name_token *tok = &k->tokens[t];
		uint64_t h = tok->phonetic && *tok->phonetic ? tok->phonetic_hash
		                                             : str_hash(tok->core) | 1ull << 62;

		if (tok->flags & IV_NAME_TOK_PARTICLE)
			continue;
		sum += iv_hash64(&h, sizeof(h));
	}
	return mix(fam, 'N', sum, 0, 0);
}

static IV_MUST_USE enum iv_err push_key(uint64_t **keys, size_t *n, size_t *alloc, uint64_t k)
{
	if (*n == *alloc) {
		size_t bigger = *alloc ? *alloc * 2 : 64;
		uint64_t *p = iv_realloc(*keys, bigger * sizeof(*p));

		if (!p)
			return IV_ERR_NOMEM;
		*keys = p;
		*alloc = bigger;
	}
	(*keys)[(*n)++] = k;
	return IV_OK;
}

#define KEY_TOKENS 6

/* The key of a full date (the block key and the date's frequency); 0 for a partial one. */
static uint64_t date_key(const struct rv_family *fam, const char *v)
{
	int y, m, d;

	date_parts(v, &y, &m, &d);
	return y && m && d ? mix(fam, 'D', (uint64_t)y, (uint64_t)m, (uint64_t)d) : 0;
}

/*
 * A phone's keys: its last nine digits (every writing of the number meets),
 * and the last nine of it without its last digit (a number written with its
 * last digit dropped meets it); a shorter number blocks on its value.
 */
static IV_MUST_USE enum iv_err phone_keys(const struct rv_family *fam, const char *v, uint64_t h,
                                          uint64_t **keys, size_t *n, size_t *alloc)
{
	char d[PHONE_MAX + 1];
	size_t nd = phone_digits(v, d);
	enum iv_err rc;

	if (nd < PHONE_DIGITS)
		return push_key(keys, n, alloc, h);
	rc = push_key(keys, n, alloc,
	              mix(fam, 'T', iv_hash64(d + nd - PHONE_DIGITS, PHONE_DIGITS), 0, 0));
	if (!rc && nd > PHONE_DIGITS)
		rc = push_key(
		        keys, n, alloc,
		        mix(fam, 'T', iv_hash64(d + nd - 1 - PHONE_DIGITS, PHONE_DIGITS), 0, 0));
	return rc;
}

/*
 * The blocking keys of one reading of a name: each word alone (a name of
 * one word), each word with each birth year, each two words, and each
 * initial with each other word.
 */
static IV_MUST_USE enum iv_err name_block_keys(const struct rv_family *fam,
                                               const struct iv_name_keys *k, const int *years,
                                               size_t nyears, uint64_t **keys, size_t *n,
                                               size_t *alloc)
{
	uint64_t tk[KEY_TOKENS];
	int initial[KEY_TOKENS];
	size_t nt = 0;
	enum iv_err rc = IV_OK;

	for (size_t t = 0; t < k->ntokens && nt < KEY_TOKENS; t++) {
		const struct iv_name_token *tok = &k->tokens[t];

		/* a compound's tail (ullah, uddin) is in too many names to block on */
		if (tok->flags & (IV_NAME_TOK_PARTICLE | IV_NAME_TOK_TAIL))
			continue;
		initial[nt] = (tok->flags & IV_NAME_TOK_INITIAL) ? tok->ascii[0] : 0;
		tk[nt++] = token_key(tok);
	}
	if (nt == 1 && !initial[0])
		rc = push_key(keys, n, alloc, mix(fam, '1', tk[0], 0, 0));
	/* the words written as one, however they were spaced: Gholamreza Ahmadi
	 * meets غلام رضا احمدی, with whose words it shares no pair */
	if (!rc && nt > 0) {
		uint64_t glued[2];
		size_t ng = names_glued_keys(k, glued);

		for (size_t g = 0; !rc && g < ng; g++)
			rc = push_key(keys, n, alloc, mix(fam, 'G', glued[g], 0, 0));
	}
	for (size_t a = 0; !rc && a < nt; a++) {
		for (size_t y = 0; !rc && y < nyears && !initial[a]; y++)
			rc = push_key(keys, n, alloc, mix(fam, 'Y', tk[a], (uint64_t)years[y], 0));
		for (size_t b = a + 1; !rc && b < nt; b++) {
			uint64_t lo = tk[a] < tk[b] ? tk[a] : tk[b];
			uint64_t hi = tk[a] < tk[b] ? tk[b] : tk[a];

			if (!initial[a] && !initial[b])
				rc = push_key(keys, n, alloc, mix(fam, 'P', lo, hi, 0));
		}
	}
	/* initial + token: "M. Hassan" meets "Mohammed Hassan" */
	for (size_t t = 0; !rc && t < k->ntokens; t++) {
		const struct iv_name_token *ta = &k->tokens[t];

		if (ta->flags & (IV_NAME_TOK_PARTICLE | IV_NAME_TOK_TAIL))
			continue;
		for (size_t u = 0; !rc && u < k->ntokens; u++) {
			const struct iv_name_token *tb = &k->tokens[u];

			if (u == t || (tb->flags & (IV_NAME_TOK_PARTICLE | IV_NAME_TOK_INITIAL |
			                            IV_NAME_TOK_TAIL)))
				continue;
			rc = push_key(keys, n, alloc,
			              mix(fam, 'I', (uint64_t)(unsigned char)ta->ascii[0],
			                  token_key(tb), 0));
		}
	}
	return rc;
}

/* Evidence: strong identifiers and the selectors that block (a key of them names few). */
static IV_MUST_USE enum iv_err evidence_keys(const struct rv_set *set, const struct rv_record *r,
                                             uint64_t **keys, size_t *n, size_t *alloc)
{
	const struct rv_family *fam = set->fam;
	enum iv_err rc = IV_OK;

	for (uint32_t v = r->off[RV_SLOT_STRONG]; !rc && v < r->off[RV_SLOT_STRONG + 1]; v++)
		rc = push_key(keys, n, alloc, set->vals[v].h);
	for (size_t f = 0; !rc && f < fam->nf; f++) {
		if (fam->f[f].kind == RV_EXACT && fam->f[f].block)
			for (uint32_t v = r->off[f]; !rc && v < r->off[f + 1]; v++)
				rc = push_key(keys, n, alloc, set->vals[v].h);
		if (fam->f[f].kind == RV_PHONE && fam->f[f].block)
			for (uint32_t v = r->off[f]; !rc && v < r->off[f + 1]; v++)
				rc = phone_keys(fam, set->vals[v].v, set->vals[v].h, keys, n,
				                alloc);
	}
	return rc;
}

/*
 * Full birth dates alone, so that a record whose names are all mangled still
 * meets; the years go to *years (at most 4) for the name keys.  1 January is
 * a year alone (date_level): its block would be every registration that knew
 * the year only, ranked as a shared birth date.
 */
static IV_MUST_USE enum iv_err date_keys(const struct rv_set *set, const struct rv_record *r,
                                         int years[4], size_t *nyears, uint64_t **keys, size_t *n,
                                         size_t *alloc)
{
	const struct rv_family *fam = set->fam;
	enum iv_err rc = IV_OK;

	for (size_t f = 0; !rc && f < fam->nf; f++) {
		if (fam->f[f].kind != RV_DATE)
			continue;
		for (uint32_t v = r->off[f]; !rc && v < r->off[f + 1]; v++) {
			int y, m, d;
			uint64_t full = date_key(fam, set->vals[v].v);

			date_parts(set->vals[v].v, &y, &m, &d);
			if (y && *nyears < 4)
				years[(*nyears)++] = y;
			if (full && !(m == 1 && d == 1))
				rc = push_key(keys, n, alloc, full);
		}
	}
	return rc;
}

/*
 * Values whose frequency counts but which block nothing: a key each, counted
 * only (a town every tenth address gives, 1 January 1982, would be blocks of
 * namesakes competing with a record's own pairs for its budget).
 */
static IV_MUST_USE enum iv_err counted_keys(const struct rv_set *set, const struct rv_record *r,
                                            uint64_t **keys, size_t *n, size_t *alloc)
{
	const struct rv_family *fam = set->fam;
	enum iv_err rc = IV_OK;

	for (size_t f = 0; !rc && f < fam->nf; f++) {
		if (!fam->f[f].tf)
			continue;
		if (fam->f[f].kind == RV_EXACT && !fam->f[f].block)
			for (uint32_t v = r->off[f]; !rc && v < r->off[f + 1]; v++)
				rc = push_key(keys, n, alloc, set->vals[v].h);
		if (fam->f[f].kind == RV_FUZZY)
			for (uint32_t v = r->off[f]; !rc && v < r->off[f + 1]; v++)
				rc = push_key(keys, n, alloc,
				              fuzzy_key(fam, f, fuzzy_text(set, v)));
		if (fam->f[f].kind == RV_DATE)
			for (uint32_t v = r->off[f]; !rc && v < r->off[f + 1]; v++) {
				int y, m, d;
				uint64_t full = date_key(fam, set->vals[v].v);

				date_parts(set->vals[v].v, &y, &m, &d);
				if (full && m == 1 && d == 1)
					rc = push_key(keys, n, alloc, full);
			}
	}
	return rc;
}

/* Each name's frequency key and block keys, and a Cyrillic name's other reading's
 * (Hryhorenko meets Григоренко). */
static IV_MUST_USE enum iv_err name_keys(const struct rv_set *set, const struct rv_record *r,
                                         const int *years, size_t nyears, uint64_t **keys,
                                         size_t *n, size_t *alloc)
{
	const struct rv_family *fam = set->fam;
	enum iv_err rc = IV_OK;

	if (fam->name_feature < 0)
		return IV_OK;
	for (uint32_t v = r->off[fam->name_feature]; !rc && v < r->off[fam->name_feature + 1];
	     v++) {
		const struct iv_name_keys *k = &set->keys[v];

		if (!set->has_keys[v])
			continue;
		rc = push_key(keys, n, alloc, rv_name_tf_key(fam, k));
		if (!rc)
			rc = name_block_keys(fam, k, years, nyears, keys, n, alloc);
		if (!rc && k->other)
			rc = name_block_keys(fam, k->other, years, nyears, keys, n, alloc);
	}
	return rc;
}

enum iv_err rv_record_keys(const struct rv_set *set, size_t rec, uint64_t **keys, size_t *n,
                           size_t *alloc, size_t *evidence, size_t *dated, size_t *counted)
{
	const struct rv_record *r = &set->recs[rec];
	size_t first = *n;
	int years[4];
	size_t nyears = 0;
	enum iv_err rc;

	rc = evidence_keys(set, r, keys, n, alloc);
	if (evidence)
		*evidence = *n - first;
	first = *n;
	if (!rc)
		rc = date_keys(set, r, years, &nyears, keys, n, alloc);
	if (dated)
		*dated = *n - first;
	first = *n;
	if (!rc)
		rc = counted_keys(set, r, keys, n, alloc);
	if (counted)
		*counted = *n - first;
	if (!rc)
		rc = name_keys(set, r, years, nyears, keys, n, alloc);
	return rc;
}

/* ---- comparison ----------------------------------------------------------------- */

bool rv_name_short_form(const struct iv_name_keys *a, const struct iv_name_keys *b)
{
	struct iv_name_explain ex;
	const struct iv_name_keys *ra, *rb;
	size_t words_a = 0, words_b = 0, paired = 0, full = 0;

	(void)iv_names_compare(NULL, a, b, &ex);
	/* the alignment's token indexes are into the readings it compared; words are
	 * counted in them too (a reading may take a word for a particle the other not) */
	ra = ex.other_a ? a->other : a;
	rb = ex.other_b ? b->other : b;
	for (size_t t = 0; t < ra->ntokens; t++)
		words_a += !(ra->tokens[t].flags & IV_NAME_TOK_PARTICLE);
	for (size_t t = 0; t < rb->ntokens; t++)
		words_b += !(rb->tokens[t].flags & IV_NAME_TOK_PARTICLE);
	if (words_a == words_b || !words_a || !words_b)
		return false;
	for (size_t i = 0; i < ex.npairs; i++) {
		const struct iv_name_pair *p = &ex.pairs[i];
		const struct iv_name_token *ta, *tb;

		if (p->a < 0 || p->b < 0 || (size_t)p->a >= ra->ntokens ||
		    (size_t)p->b >= rb->ntokens)
			continue;
		ta = &ra->tokens[p->a];
		tb = &rb->tokens[p->b];
		if ((ta->flags | tb->flags) & IV_NAME_TOK_PARTICLE)
			continue;
		if (p->similarity < 0.9)
			return false;
		paired++;
		full += !((words_a < words_b ? ta : tb)->flags & IV_NAME_TOK_INITIAL);
	}
	/* every word of the shorter side paired, one of them not an initial */
	return paired == (words_a < words_b ? words_a : words_b) && full > 0;
}

static uint8_t name_level(double s, bool exact, const struct iv_name_keys *a,
                          const struct iv_name_keys *b)
{
	if (exact)
		return 0;
	if (s >= 0.93)
		return 1;
	if (s >= 0.85)
		return 2;
	/* a short form scores 1 / (1 + 0.2 x words left over), 0.56 for four left */
	if (s >= 0.5 && rv_name_short_form(a, b))
		return RV_NAME_LEVEL_SHORT_FORM;
	return s >= 0.70 ? RV_NAME_LEVEL_SIMILAR : RV_NAME_LEVEL_DIFFERENT;
}

static uint8_t date_level(const char *a, const char *b)
{
	int ya, ma, da, yb, mb, db, same;

	date_parts(a, &ya, &ma, &da);
	date_parts(b, &yb, &mb, &db);
	if (!ya || !yb)
		return 5;
	if (ya == yb && ma == mb && da == db && ma && da)
		return 0;
	if (ya == yb && ma && da && ma == db && da == mb)
		return 1;
	/* one is a part of the other: 1990 against 1990-05-01; 1 January is the day
	 * registrations write when only the year is known (Afghan tazkiras,
	 * Eritrean and Sudanese arrivals), so 1990-01-01 is a part of 1990-05-17 */
	if (ya == yb && (!ma || !mb || (ma == mb && (!da || !db)) || (ma == 1 && da == 1) ||
	                 (mb == 1 && db == 1)))
		return 2;
	if (ma && da && ma == mb && da == db && abs(ya - yb) == 1)
		return 2;
	same = (ya == yb) + (ma && ma == mb) + (da && da == db);
	return same >= 2 ? 3 : RV_DATE_LEVEL_DIFFERENT;
}

/* Words of a free string: runs of letters and digits, lower-cased ASCII kept as is. */
#define FUZZY_WORDS 16
static size_t words(const char *s, const char *w[FUZZY_WORDS], size_t len[FUZZY_WORDS])
{
	size_t n = 0;

	while (*s && n < FUZZY_WORDS) {
		while (*s && (*s == ' ' || *s == ',' || *s == '.' || *s == '-' || *s == '/' ||
		              *s == '\t'))
			s++;
		if (!*s)
			break;
		w[n] = s;
		while (*s && !(*s == ' ' || *s == ',' || *s == '.' || *s == '-' || *s == '/' ||
		               *s == '\t'))
			s++;
		len[n] = (size_t)(s - w[n]);
		n++;
	}
	return n;
}

/*
 * Free strings (addresses, bank names, models): the share of the longer
 * side's words that have a close word (Jaro-Winkler >= 0.9, case ignored
 * for ASCII) on the other side.
 */
static uint8_t fuzzy_level(const char *a, const char *b)
{
	const char *wa[FUZZY_WORDS], *wb[FUZZY_WORDS];
	size_t la[FUZZY_WORDS], lb[FUZZY_WORDS], na, nb, hits = 0;
	char x[64] = {0}, y[64] = {0};
	double share;

	if (strcasecmp(a, b) == 0)
		return 0;
	na = words(a, wa, la);
	nb = words(b, wb, lb);
	if (na == 0 || nb == 0)
		return 3;
	for (size_t i = 0; i < na; i++) {
		for (size_t j = 0; j < nb; j++) {
			size_t lx = la[i] < 63 ? la[i] : 63, ly = lb[j] < 63 ? lb[j] : 63;

			for (size_t k = 0; k < lx; k++)
				x[k] = (char)(wa[i][k] >= 'A' && wa[i][k] <= 'Z' ? wa[i][k] + 32
				                                                 : wa[i][k]);
			for (size_t k = 0; k < ly; k++)
				y[k] = (char)(wb[j][k] >= 'A' && wb[j][k] <= 'Z' ? wb[j][k] + 32
				                                                 : wb[j][k]);
			if ((lx == ly && memcmp(x, y, lx) == 0) ||
			    iv_names_jaro_winkler(x, lx, y, ly) >= 0.9) {
				hits++;
				break;
			}
		}
	}
	share = (double)hits / (double)(na > nb ? na : nb);
	return share >= 0.8 ? 1 : share >= 0.5 ? 2 : 3;
}

/* Split "kind\x1fscope\x1fvalue". */
void rv_strong_parts(const char *s, const char **kind, size_t *klen, const char **scope,
                     size_t *slen, const char **value)
{
	const char *p = strchr(s, '\x1f');
	const char *q = p ? strchr(p + 1, '\x1f') : NULL;

	*kind = s;
	*klen = p ? (size_t)(p - s) : strlen(s);
	*scope = p ? p + 1 : "";
	*slen = q ? (size_t)(q - p - 1) : 0;
	*value = q ? q + 1 : (p ? p + 1 : s);
}

/* The index of the family's first strong identifier of this kind, or -1. */
int rv_kind_index(const struct rv_family *fam, const char *kind, size_t klen)
{
	for (size_t s = 0; s < fam->ns; s++)
		if (strlen(fam->s[s].kind) == klen && memcmp(fam->s[s].kind, kind, klen) == 0)
			return (int)s;
	return -1;
}

/*
 * Strong identifiers: a kind on which the two records hold different
 * values (same scope) and share none vetoes, if the kind vetoes; else a
 * shared value links.  So two bank accounts with different IBANs are
 * apart even when they share an account number.  A kind the object holds
 * one of (`one`: an account's username on its service) vetoes on any two
 * different identifiers, scopes known and different included (scopes are in
 * lower case: "Telegram" and "telegram" are one service).
 */
static void compare_strong(const struct rv_set *sa, const struct rv_record *ra,
                           const struct rv_set *sb, const struct rv_record *rb,
                           struct rv_compare *out)
{
	const struct rv_family *fam = sa->fam;
	const char *shared[8] = {0}, *conflict[8] = {0}, *conflict_b[8] = {0};
	const char *any_shared = NULL, *any_shared_b = NULL;

	out->strong = 0;
	out->strong_value = out->strong_other = NULL;
	for (uint32_t i = ra->off[RV_SLOT_STRONG]; i < ra->off[RV_SLOT_STRONG + 1]; i++) {
		const char *ka, *sca, *va;
		size_t kla, sla;
		int k;

		rv_strong_parts(sa->vals[i].v, &ka, &kla, &sca, &sla, &va);
		k = rv_kind_index(fam, ka, kla);
		for (uint32_t j = rb->off[RV_SLOT_STRONG]; j < rb->off[RV_SLOT_STRONG + 1]; j++) {
			const char *kb, *scb, *vb;
			size_t klb, slb;
			bool one;

			rv_strong_parts(sb->vals[j].v, &kb, &klb, &scb, &slb, &vb);
			if (kla != klb || memcmp(ka, kb, kla) != 0)
				continue;
			one = k >= 0 && k < 8 && fam->s[k].veto && fam->s[k].one;
			/* scopes that are both known and differ (in lower case): different
			 * identifiers, and for a kind the object holds one of, two objects */
			if (sla && slb && (sla != slb || memcmp(sca, scb, sla) != 0)) {
				if (one && !conflict[k]) {
					conflict[k] = sa->vals[i].v;
					conflict_b[k] = sb->vals[j].v;
				}
				continue;
			}
			if (strcmp(va, vb) == 0) {
				if (k >= 0 && k < 8)
					shared[k] = sa->vals[i].v;
				if (!any_shared) {
					any_shared = sa->vals[i].v;
					any_shared_b = sb->vals[j].v;
				}
			} else if (k >= 0 && k < 8 && fam->s[k].veto && (sla == slb || one) &&
			           !conflict[k]) {
				conflict[k] = sa->vals[i].v;
				conflict_b[k] = sb->vals[j].v;
			}
		}
	}
	for (size_t k = 0; k < fam->ns && k < 8; k++)
		if (conflict[k] && !shared[k]) {
			out->strong = -1;
			out->strong_value = conflict[k];
			out->strong_other = conflict_b[k];
			return;
		}
	if (any_shared) {
		out->strong = 1;
		out->strong_value = any_shared;
		out->strong_other = any_shared_b;
	}
}

/* The similarity of two names' keys, from the memo when this pair of spellings was met. */
static double name_similarity(const struct iv_name_keys *ka, const struct iv_name_keys *kb,
                              struct rv_memo *memo)
{
	struct rv_memo_slot *m;
	uint64_t h;

	if (!memo)
		return iv_names_compare(NULL, ka, kb, NULL);
	h = ((uint64_t)(uintptr_t)ka->pool_ * 0x9e3779b97f4a7c15ULL) ^
	    ((uint64_t)(uintptr_t)kb->pool_ * 0xc2b2ae3d27d4eb4fULL);
	m = &memo->slot[(h ^ h >> 29) & (RV_MEMO_SLOTS - 1)];
	if (m->a != ka->pool_ || m->b != kb->pool_) {
		m->a = ka->pool_;
		m->b = kb->pool_;
		m->s = iv_names_compare(NULL, ka, kb, NULL);
	}
	return m->s;
}

/*
 * The level of value x of sa against value y of sb under feature f (0 the
 * best), noting in out->tf_key[f] the key whose frequency weighs an
 * agreement.  best is the feature's best level so far and *best_sim the
 * similarity of its best name pair: the frequency key of names is that of
 * the most similar of the agreeing pairs.
 */
static inline uint8_t value_level(const struct rv_set *sa, uint32_t x, const struct rv_set *sb,
                                  uint32_t y, size_t f, uint8_t best, double *best_sim,
                                  struct rv_memo *memo, struct rv_compare *out)
{
	const struct rv_family *fam = sa->fam;
	uint8_t level;

	switch (fam->f[f].kind) {
	case RV_NAME: {
		const struct iv_name_keys *ka = &sa->keys[x], *kb = &sb->keys[y];
		/* the same tokens, in any order */
		bool exact = ka->sorted_hash == kb->sorted_hash &&
		             strcmp(ka->sorted, kb->sorted) == 0 && *ka->sorted;
		double s = exact ? 1.0 : name_similarity(ka, kb, memo);

		level = name_level(s, exact, ka, kb);
		if (level < best || (level == best && s > *best_sim)) {
			*best_sim = s;
			if (level == 0)
				out->tf_key[f] = rv_name_tf_key(fam, ka);
		}
		return level;
	}
	case RV_DATE:
		level = date_level(sa->vals[x].v, sb->vals[y].v);
		/* 1 January stands in for unknown days: frequency counts */
		if (level == 0 && !out->tf_key[f])
			out->tf_key[f] = date_key(fam, sa->vals[x].v);
		return level;
	case RV_EXACT:
		level = sa->vals[x].h == sb->vals[y].h && strcmp(sa->vals[x].v, sb->vals[y].v) == 0
		                ? 0
		                : 1;
		if (level == 0 && !out->tf_key[f])
			out->tf_key[f] = sa->vals[x].h;
		return level;
	case RV_PHONE:
		return phone_level(sa->vals[x].v, sb->vals[y].v, sa->vals[x].h == sb->vals[y].h);
	case RV_FUZZY:
	default:
		level = fuzzy_level(fuzzy_text(sa, x), fuzzy_text(sb, y));
		if (level == 0 && !out->tf_key[f] && fam->f[f].tf)
			out->tf_key[f] = fuzzy_key(fam, f, fuzzy_text(sa, x));
		return level;
	}
}

/* Feature f of two records: the best level over every pair of their values. */
static inline void compare_feature(const struct rv_set *sa, const struct rv_record *ra,
                                   const struct rv_set *sb, const struct rv_record *rb, size_t f,
                                   struct rv_memo *memo, struct rv_compare *out)
{
	const struct rv_family *fam = sa->fam;
	enum rv_kind kind = fam->f[f].kind;
	uint8_t best = (uint8_t)(rv_kind_levels(kind) - 1); /* missing */
	bool any_a = false, any_b = false;
	double best_sim = -1;

	out->tf_key[f] = 0;
	out->best_a[f] = out->best_b[f] = -1;
	for (uint32_t x = ra->off[f]; x < ra->off[f + 1]; x++) {
		if (kind == RV_NAME && !sa->has_keys[x])
			continue;
		any_a = true;
		for (uint32_t y = rb->off[f]; y < rb->off[f + 1]; y++) {
			uint8_t level;

			if (kind == RV_NAME && !sb->has_keys[y])
				continue;
			any_b = true;
			level = value_level(sa, x, sb, y, f, best, &best_sim, memo, out);
			if (level < best || out->best_a[f] < 0) {
				best = level;
				out->best_a[f] = x;
				out->best_b[f] = y;
			}
		}
	}
	if (!any_a || !any_b) {
		best = (uint8_t)(rv_kind_levels(kind) - 1);
		out->best_a[f] = any_a ? (long)ra->off[f] : -1;
		out->best_b[f] = any_b ? (long)rb->off[f] : -1;
	}
	if (!fam->f[f].tf || best != 0)
		out->tf_key[f] = 0;
	out->level[f] = best;
}

void rv_compare(const struct rv_set *sa, size_t i, const struct rv_set *sb, size_t j,
                struct rv_memo *memo, struct rv_compare *out)
{
	const struct rv_record *ra = &sa->recs[i], *rb = &sb->recs[j];

	for (size_t f = 0; f < sa->fam->nf; f++)
		compare_feature(sa, ra, sb, rb, f, memo, out);
	compare_strong(sa, ra, sb, rb, out);
}
