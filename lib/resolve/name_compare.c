/*
 * name_compare.c - the similarity of two names from their keys.
 *
 * Per token pair (token_sim):
 *  - equal ASCII or core: 1;
 *  - an initial against a token: 0.9 when it is the token's first letter;
 *  - both in the variant table: same group 0.95; different groups are
 *    different names (Hassan / Hussein), their Jaro-Winkler is halved;
 *  - else Jaro-Winkler on the cores, raised to 0.9 by equal skeletons or
 *    one spelling (names_spelling(): Aziz / Asis / Azeez) and to 0.86 by equal
 *    phonetic codes (codes of two letters or more); when
 *    either token was written in Arabic script (no short vowels), the
 *    skeleton decides: equal 0.93, else 0.92 x Jaro-Winkler of skeletons,
 *    equal phonetic code 0.88; its skeleton is read both the Arabic way
 *    (ذ ض "dh" and ث "th" as d and t) and the Persian and Turkish way (as
 *    z and s: Zabihullah, Ramazan, Osman), and the better reading counts.
 * Per name pair (iv_names_compare): particles are aligned with particles
 * and the other tokens with the other tokens, each by the assignment that
 * maximises the weighted sum of per-token similarities (exact over subsets
 * for up to 10 tokens, greedy above), with every token of the shorter side
 * paired, so a different surname costs as much as it should.  A pair's
 * similarity s below 0.8 counts as s^3/0.64 (a clear mismatch is not
 * "half a match"); tokens left over on the longer side (a missing middle
 * name, a dropped "al") add 0.2 x their weight to the denominator, 0.1 x
 * for a middle word (between the longer name's first and last, both
 * paired: a name chain's father's name, a patronymic):
 *     similarity = sum(w s') / (sum(w) + 0.2 sum(w_unpaired) + 0.1 sum(w_middle)),
 * with w of a pair the mean of its tokens' weights.  Word order does not
 * count.  A word written as two on the other side ("Vanhung" for "Van
 * Hung") is compared as one word when that scores higher; so are two words
 * whose letters, joined, sound as one word of the other side (غلام رضا /
 * Gholamreza, Abu Bakr / Abubakar: glued_by_sound), or, after a particle,
 * are spelt nearly as it (Bin Yahya / Benyahia).  An Arabic-script word
 * that lost its article meets a Latin one that kept it before a vowel
 * (الأمين / Elamin: latin_article_sim).
 */
#include <string.h>

#include "resolve/names_int.h"

#define JW_MAX      64
#define MISS_WEIGHT 0.2
/* a middle word: the father's or grandfather's name of a name chain, a patronymic */
#define MIDDLE_WEIGHT 0.1
#define SOFT_FLOOR    0.8
#define EXACT_MAX     10

double iv_names_jaro_winkler(const char *a, size_t alen, const char *b, size_t blen)
{
	uint64_t amatch = 0, bmatch = 0;
	size_t window, matches = 0, trans = 0, prefix = 0, k = 0;
	double jaro;

	if (alen > JW_MAX)
		alen = JW_MAX;
	if (blen > JW_MAX)
		blen = JW_MAX;
	if (alen == 0 || blen == 0)
		return alen == blen ? 1.0 : 0.0;
	window = (alen > blen ? alen : blen) / 2;
	window = window > 0 ? window - 1 : 0;
	for (size_t i = 0; i < alen; i++) {
		size_t lo = i > window ? i - window : 0, hi = i + window + 1;

		if (hi > blen)
			hi = blen;
		for (size_t j = lo; j < hi; j++) {
			if (!(bmatch & ((uint64_t)1 << j)) && a[i] == b[j]) {
				amatch |= (uint64_t)1 << i;
				bmatch |= (uint64_t)1 << j;
				matches++;
				break;
			}
		}
	}
	if (matches == 0)
		return 0.0;
	for (size_t i = 0; i < alen; i++) {
		if (!(amatch & ((uint64_t)1 << i)))
			continue;
		while (!(bmatch & ((uint64_t)1 << k)))
			k++;
		if (a[i] != b[k])
			trans++;
		k++;
	}
	jaro = ((double)matches / (double)alen + (double)matches / (double)blen +
	        ((double)matches - (double)trans / 2.0) / (double)matches) /
	       3.0;
	while (prefix < 4 && prefix < alen && prefix < blen && a[prefix] == b[prefix])
		prefix++;
	return jaro + (double)prefix * 0.1 * (1.0 - jaro);
}

/*
 * Best 0.92 x Jaro-Winkler (0.93 when equal) of the two tokens' skeletons,
 * either reading; from the first `skip` letters on (the "bd" of a shared abd-).
 */
static double skeleton_sim(const struct iv_name_token *a, const struct iv_name_token *b,
                           size_t skip)
{
	const char *sa[2] = {a->skeleton + skip, a->skeleton2},
	           *sb[2] = {b->skeleton + skip, b->skeleton2};
	size_t la[2] = {strlen(a->skeleton) - skip, strlen(a->skeleton2)};
	size_t lb[2] = {strlen(b->skeleton) - skip, strlen(b->skeleton2)};
	double best = 0.0;

	if (skip) { /* the second readings keep their head: not compared */
		la[1] = lb[1] = 0;
	}

	for (int i = 0; i < 2; i++) {
		for (int j = 0; j < 2; j++) {
			double ks;

			if ((i && !la[1]) || (j && !lb[1]))
				continue;
			if (la[i] == lb[j] && la[i] >= 2 && memcmp(sa[i], sb[j], la[i]) == 0)
				ks = 0.93;
			else
				ks = 0.92 * iv_names_jaro_winkler(sa[i], la[i], sb[j], lb[j]);
			if (ks > best)
				best = ks;
		}
	}
	return best;
}

/*
 * Whether two words differ only by two neighbouring letters swapped, the
 * commonest typing slip ("Ail" for "Ali").  Jaro-Winkler sees the swap in
 * longer words, but its window is empty below four letters, so a swapped
 * three-letter word would score as if it were another name.  Words of two
 * letters are left alone: "Le" and "El" are different words.
 */
static bool transposed(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0;

	if (alen != blen || alen < 3)
		return false;
	while (i < alen && a[i] == b[i])
		i++;
	if (i + 1 >= alen || a[i] != b[i + 1] || a[i + 1] != b[i])
		return false;
	return memcmp(a + i + 2, b + i + 2, alen - i - 2) == 0;
}

/* The vowels of a word in order, a doubled one once ("Lee" e, "Vuu" u, "Hoang" oa). */
static void vowels_of(const char *w, size_t len, char out[16])
{
	size_t n = 0;

	for (size_t i = 0; i < len && n < 15; i++)
		if (strchr("aeiou", w[i]) && (n == 0 || out[n - 1] != w[i]))
			out[n++] = w[i];
	out[n] = '\0';
}

/*
 * Whether equal skeletons or sounds may make two words one name: not when
 * either is of one syllable and their vowels differ, since such a word is
 * told apart by its vowel (Hung, Hoang, Hang share "hng"); Qais / Kais and
 * Carl / Karl keep theirs.
 */
static bool sound_may_join(const struct iv_name_token *a, const struct iv_name_token *b)
{
	char va[16], vb[16];

	if (a->syllables != 1 && b->syllables != 1)
		return true;
	vowels_of(a->core, a->core_len, va);
	vowels_of(b->core, b->core_len, vb);
	return strcmp(va, vb) == 0;
}

/* Whether skel is the token's skeleton in either reading (two letters at least). */
static bool same_skeleton(const char *skel, const struct iv_name_token *t)
{
	return strlen(skel) >= 2 && (!strcmp(skel, t->skeleton) || !strcmp(skel, t->skeleton2));
}

/*
 * An article glued to a Latin word before a vowel, which the Latin core
 * keeps (Elamin, Alameen: al- before a vowel may be the name's own letters,
 * Elias) while the Arabic-script word, which says it is the article, lost
 * it (الأمين: amyn): 0.93 when the Latin word without it has the Arabic
 * one's skeleton, else 0.  Maghrebi spellings keep the article's l alone
 * (Larbi العربي, Lamine الأمين, Lakhdar الأخضر): read so for the names of
 * the variant table, since any Latin name may start with l (Lamar).
 */
static double latin_article_sim(const struct iv_name_token *ar, const struct iv_name_token *la)
{
	char skel[NAMES_CODE_MAX];
	const char *c = la->core;
	/* the l alone only for a name the variant table knows: Lamar is no al-Omar */
	size_t article = c[0] == 'l' && la->variant ? 1 : 2;

	/* the Arabic-script word is its core after "al" (not an abd- compound's) */
	if (!(ar->flags & IV_NAME_TOK_ABJAD) || (la->flags & IV_NAME_TOK_ABJAD) ||
	    ar->ascii_len != ar->core_len + 2 || memcmp(ar->ascii, "al", 2) != 0 ||
	    memcmp(ar->ascii + 2, ar->core, ar->core_len) != 0 || la->core_len < 5 ||
	    la->core_len >= NAMES_CODE_MAX ||
	    !(article == 1 || ((c[0] == 'a' || c[0] == 'e' || c[0] == 'u') && c[1] == 'l')))
		return 0.0;
	names_skeleton(c + article, la->core_len - article, skel);
	return same_skeleton(skel, ar) ? 0.93 : 0.0;
}

/*
 * A feminine name made of a masculine one with the ta marbuta, -a in Latin
 * and in our transliteration of ة (Jamil / Jamila, Rachid / Rachida,
 * Naveed / Naveeda, جميل / جميلة), or a Slavic surname's feminine form
 * (Ivanov / Ivanova): two names, and two people, since the words differ by
 * the ending that says which sex.  f has m's core and an "a" after it, m
 * four letters or more.  Not a name of the variant table whose group holds
 * both (none does today).
 */
static bool feminine_of(const struct iv_name_token *f, const struct iv_name_token *m)
{
	return m->core_len >= 4 && f->core_len == m->core_len + 1 && f->core[m->core_len] == 'a' &&
	       memcmp(f->core, m->core, m->core_len) == 0 &&
	       !(f->variant && f->variant == m->variant);
}

/*
 * A word that is a tail by itself and came first, so it stayed a name
 * ("HODZIC Eldin" against "Eldin HODZIC", UDDIN JAMAL against Jamal Uddin),
 * against the tail it is elsewhere.
 */
static bool name_as_tail(const struct iv_name_token *name, const struct iv_name_token *tail)
{
	const char *spelt;

	return (tail->flags & IV_NAME_TOK_TAIL) && !(name->flags & IV_NAME_TOK_TAIL) &&
	       names_compound_tail(name->ascii, name->ascii_len, name->flags & IV_NAME_TOK_ABJAD,
	                           &spelt) == name->ascii_len &&
	       strcmp(spelt, tail->ascii) == 0;
}

/* A pair with an initial: 0.9 when it is the other word's first letter, 1 for one initial twice. */
static double initial_sim(const struct iv_name_token *a, const struct iv_name_token *b,
                          const char **why)
{
	if ((a->flags & b->flags) & IV_NAME_TOK_INITIAL) {
		*why = a->ascii[0] == b->ascii[0] ? "equal" : "initial";
		return a->ascii[0] == b->ascii[0] ? 1.0 : 0.0;
	}
	*why = "initial";
	if (a->ascii[0] == b->ascii[0] || a->core[0] == b->core[0])
		return 0.9;
	return 0.0;
}

/* Whether two words are one: equal ASCII or core, or a tail written as a word by itself. */
static bool same_word(const struct iv_name_token *a, const struct iv_name_token *b)
{
	return (a->ascii_len == b->ascii_len && memcmp(a->ascii, b->ascii, a->ascii_len) == 0) ||
	       (a->core_len == b->core_len && memcmp(a->core, b->core, a->core_len) == 0) ||
	       name_as_tail(a, b) || name_as_tail(b, a);
}

/* Jaro-Winkler of the two words' cores. */
static double core_jw(const struct iv_name_token *a, const struct iv_name_token *b)
{
	return iv_names_jaro_winkler(a->core, a->core_len, b->core, b->core_len);
}

/*
 * A pair with a word in Arabic script (no short vowels): the skeleton
 * decides, either reading, or a Latin word that kept the article the other
 * lost; then equal phonetic codes.  s: the similarity so far, raised by them.
 */
static double abjad_sim(const struct iv_name_token *a, const struct iv_name_token *b, double s,
                        const char **why)
{
	/* one abd- compound each: the "bd" of the shared head is not compared */
	bool abd = a->head == 1 && b->head == 1 && strncmp(a->skeleton, "bd", 2) == 0 &&
	           strncmp(b->skeleton, "bd", 2) == 0;
	size_t skip = abd ? 2 : 0;
	double ks = skeleton_sim(a, b, skip);
	size_t la = strlen(a->skeleton) - skip, lb = strlen(b->skeleton) - skip;

	if (ks < 0.93) {
		double g = latin_article_sim(a, b), h = latin_article_sim(b, a);

		ks = g > ks ? g : ks;
		ks = h > ks ? h : ks;
	}

	/* both in Arabic script: every consonant is written on both sides, so two
	 * or more that one lacks are other letters, not other vowels (صافی against
	 * یوسفزی, whose Jaro-Winkler finds all of the shorter in the longer) */
	if ((a->flags & b->flags & IV_NAME_TOK_ABJAD) && (la > lb ? la - lb : lb - la) >= 2)
		ks *= (double)(la < lb ? la : lb) / (double)(la < lb ? lb : la);

	if (ks > s) {
		s = ks;
		*why = "skeleton";
	}
	if (s < 0.88 && a->phonetic_hash == b->phonetic_hash &&
	    strcmp(a->phonetic, b->phonetic) == 0 && strlen(a->phonetic) >= 2) {
		s = 0.88;
		*why = "phonetic";
	}
	return s;
}

/*
 * A pair of words in Latin letters (or other scripts that write vowels):
 * equal skeletons or one spelling raise s to 0.9, equal phonetic codes to
 * 0.86, unless one syllable's vowel tells the words apart (sound_may_join).
 */
static double latin_sim(const struct iv_name_token *a, const struct iv_name_token *b, double s,
                        const char **why)
{
	if (s < 0.9 && a->skeleton_hash == b->skeleton_hash &&
	    strcmp(a->skeleton, b->skeleton) == 0 && strlen(a->skeleton) >= 2 &&
	    sound_may_join(a, b)) {
		s = 0.9;
		*why = "skeleton";
	}
	if (s < 0.9 && a->spelling_hash && a->spelling_hash == b->spelling_hash &&
	    strcmp(a->spelling, b->spelling) == 0) {
		s = 0.9;
		*why = "spelling";
	}
	if (s < 0.86 && a->phonetic_hash == b->phonetic_hash &&
	    strcmp(a->phonetic, b->phonetic) == 0 && strlen(a->phonetic) >= 2 &&
	    sound_may_join(a, b)) {
		s = 0.86;
		*why = "phonetic";
	}
	return s;
}

static double token_sim(const struct iv_name_token *a, const struct iv_name_token *b,
                        const char **why)
{
	double s;

	if ((a->flags | b->flags) & IV_NAME_TOK_INITIAL)
		return initial_sim(a, b, why);
	if (same_word(a, b)) {
		*why = "equal";
		return 1.0;
	}
	if (feminine_of(a, b) || feminine_of(b, a)) {
		*why = "masculine and feminine";
		return 0.5 * core_jw(a, b);
	}
	if (a->variant && b->variant) {
		if (a->variant == b->variant) {
			*why = "variant";
			return 0.95;
		}
		*why = "different variants";
		return 0.5 * core_jw(a, b);
	}
	if (a->head && a->head == b->head) {
		/* one head ("servant of", "gift of"): the rests say which name it is, by
		 * the variant table when it knows both (Abdul Rahman, Abdul Rahim) */
		s = iv_names_jaro_winkler(a->core + a->head_len, a->core_len - a->head_len,
		                          b->core + b->head_len, b->core_len - b->head_len);
		*why = "compound";
		if (a->rest_variant && b->rest_variant) {
			if (a->rest_variant == b->rest_variant)
				return 0.95;
			*why = "different variants";
			return 0.5 * s;
		}
	} else {
		s = core_jw(a, b);
		*why = "jaro-winkler";
	}
	if (s < 0.9 && transposed(a->core, a->core_len, b->core, b->core_len)) {
		s = 0.9;
		*why = "letters swapped";
	}
	if ((a->flags | b->flags) & IV_NAME_TOK_ABJAD)
		return abjad_sim(a, b, s, why);
	return latin_sim(a, b, s, why);
}

static double soften(double s)
{
	return s >= SOFT_FLOOR ? s : s * s * s / (SOFT_FLOOR * SOFT_FLOOR);
}

/* One side of the alignment: indexes of the tokens of one kind. */
struct side {
	int idx[IV_NAMES_MAX_TOKENS];
	int n;
};

struct pool_result {
	double num, den;
	int pair_of[IV_NAMES_MAX_TOKENS]; /* for each row: column index or -1 */
};

/*
 * Align rows (the shorter side) with columns: every row gets a distinct
 * column, maximising sum(w * s').  Exact by dynamic programming over the
 * subsets of columns when there are few, greedy otherwise.
 */
static void align(const double g[IV_NAMES_MAX_TOKENS][IV_NAMES_MAX_TOKENS], int nr, int nc,
                  int pair_of[IV_NAMES_MAX_TOKENS])
{
	if (nc <= EXACT_MAX) {
		/* best[mask]: best gain with rows 0..popcount(mask)-1 placed on mask */
		double best[1 << EXACT_MAX];
		signed char from[1 << EXACT_MAX];
		int full = 1 << nc, mask;

		for (mask = 0; mask < full; mask++) {
			best[mask] = -1.0;
			from[mask] = 0;
		}
		best[0] = 0.0;
		for (mask = 0; mask < full; mask++) {
			int row = __builtin_popcount((unsigned)mask);

			if (best[mask] < 0.0 || row >= nr)
				continue;
			for (int c = 0; c < nc; c++) {
				int next = mask | (1 << c);
				double v;

				if (mask & (1 << c))
					continue;
				v = best[mask] + g[row][c];
				if (v > best[next]) {
					best[next] = v;
					from[next] = (signed char)c;
				}
			}
		}
		{
			int bestmask = -1;

			for (mask = 0; mask < full; mask++)
				if (__builtin_popcount((unsigned)mask) == nr &&
				    (bestmask < 0 || best[mask] > best[bestmask]))
					bestmask = mask;
			for (int row = nr - 1; row >= 0; row--) {
				int c = from[bestmask];

				pair_of[row] = c;
				bestmask &= ~(1 << c);
			}
		}
		return;
	}
	{
		bool used_r[IV_NAMES_MAX_TOKENS] = {false}, used_c[IV_NAMES_MAX_TOKENS] = {false};

		for (int k = 0; k < nr; k++) {
			int br = -1, bc = -1;

			for (int r = 0; r < nr; r++)
				for (int c = 0; c < nc; c++)
					if (!used_r[r] && !used_c[c] &&
					    (br < 0 || g[r][c] > g[br][bc])) {
						br = r;
						bc = c;
					}
			if (br < 0)
				break; /* cannot happen: there are at least as many columns as rows
				        */
			used_r[br] = used_c[bc] = true;
			pair_of[br] = bc;
		}
	}
}

static void add_pair(struct iv_name_explain *ex, int a, int b, double s, const char *why)
{
	if (!ex || ex->npairs >= sizeof(ex->pairs) / sizeof(ex->pairs[0]))
		return;
	ex->pairs[ex->npairs].a = a;
	ex->pairs[ex->npairs].b = b;
	ex->pairs[ex->npairs].similarity = s;
	ex->pairs[ex->npairs].why = why;
	ex->npairs++;
}

/* Align the tokens of one kind (particles or not) and add to num/den. */
static void align_kind(const struct iv_name_keys *a, const struct iv_name_keys *b, bool particles,
                       double *num, double *den, struct iv_name_explain *ex)
{
	struct side sa = {{0}, 0}, sb = {{0}, 0};
	const struct side *rows, *cols;
	const struct iv_name_keys *rk, *ck;
	double g[IV_NAMES_MAX_TOKENS][IV_NAMES_MAX_TOKENS];
	double sims[IV_NAMES_MAX_TOKENS][IV_NAMES_MAX_TOKENS];
	const char *whys[IV_NAMES_MAX_TOKENS][IV_NAMES_MAX_TOKENS];
	int pair_of[IV_NAMES_MAX_TOKENS];
	bool col_used[IV_NAMES_MAX_TOKENS] = {false};
	bool swapped, middle;

	for (size_t i = 0; i < a->ntokens; i++)
		if (!(a->tokens[i].flags & IV_NAME_TOK_PARTICLE) == !particles)
			sa.idx[sa.n++] = (int)i;
	for (size_t i = 0; i < b->ntokens; i++)
		if (!(b->tokens[i].flags & IV_NAME_TOK_PARTICLE) == !particles)
			sb.idx[sb.n++] = (int)i;
	swapped = sa.n > sb.n;
	rows = swapped ? &sb : &sa;
	cols = swapped ? &sa : &sb;
	rk = swapped ? b : a;
	ck = swapped ? a : b;
	for (int r = 0; r < rows->n; r++) {
		const struct iv_name_token *rt = &rk->tokens[rows->idx[r]];

		for (int c = 0; c < cols->n; c++) {
			const struct iv_name_token *ct = &ck->tokens[cols->idx[c]];
			double w = 0.5 * (rt->weight + ct->weight);

			sims[r][c] = swapped ? token_sim(ct, rt, &whys[r][c])
			                     : token_sim(rt, ct, &whys[r][c]);
			g[r][c] = w * soften(sims[r][c]);
		}
	}
	if (rows->n > 0)
		align(g, rows->n, cols->n, pair_of);
	for (int r = 0; r < rows->n; r++) {
		const struct iv_name_token *rt = &rk->tokens[rows->idx[r]];
		const struct iv_name_token *ct = &ck->tokens[cols->idx[pair_of[r]]];
		double w = 0.5 * (rt->weight + ct->weight);

		*num += g[r][pair_of[r]];
		*den += w;
		col_used[pair_of[r]] = true;
		if (swapped)
			add_pair(ex, cols->idx[pair_of[r]], rows->idx[r], sims[r][pair_of[r]],
			         whys[r][pair_of[r]]);
		else
			add_pair(ex, rows->idx[r], cols->idx[pair_of[r]], sims[r][pair_of[r]],
			         whys[r][pair_of[r]]);
	}
	/* words left between the longer name's first and last, both paired: middle
	 * names, which records drop more than any other (Ahmed Soliman for Ahmed
	 * Mohamed Ibrahim Soliman; a Russian patronymic).  Position as written: a
	 * chain written surname first (HAROUN Khalid Ali Omar) has the father's
	 * given name last, and "HAROUN Omar" counts as its middle words dropped */
	middle = !particles && rows->n >= 2 && cols->n > 0 && col_used[0] && col_used[cols->n - 1];
	for (int c = 0; c < cols->n; c++) {
		if (col_used[c])
			continue;
		*den += (middle ? MIDDLE_WEIGHT : MISS_WEIGHT) * ck->tokens[cols->idx[c]].weight;
		if (swapped)
			add_pair(ex, cols->idx[c], -1, 0.0, "unpaired");
		else
			add_pair(ex, -1, cols->idx[c], 0.0, "unpaired");
	}
}

static double similarity(const struct iv_name_keys *a, const struct iv_name_keys *b,
                         struct iv_name_explain *explain)
{
	double num = 0.0, den = 0.0, s;

	if (explain)
		explain->npairs = 0;
	align_kind(a, b, false, &num, &den, explain);
	align_kind(a, b, true, &num, &den, explain);
	if (den <= 0.0)
		return 0.0;
	s = num / den;
	return s < 0.0 ? 0.0 : s > 1.0 ? 1.0 : s;
}

/* *view: parts with its words at and at+1 replaced by one (tokens holds the view's words). */
static void glue_view(const struct iv_name_keys *parts, size_t at, const struct iv_name_token *one,
                      struct iv_name_keys *view, struct iv_name_token *tokens)
{
	*view = *parts;
	memcpy(tokens, parts->tokens, at * sizeof(*tokens));
	tokens[at] = *one;
	memcpy(tokens + at + 1, parts->tokens + at + 2,
	       (parts->ntokens - at - 2) * sizeof(*tokens));
	view->tokens = tokens;
	view->ntokens = parts->ntokens - 1;
}

/*
 * Glued words: "Vanhung" on one side for "Van Hung" on the other (Vietnamese
 * given names are written in one word or two, so are Abdul Rahman and
 * Abdulrahman, which the keys already join).  When a word of `whole` is
 * the two adjacent words `at`, `at`+1 of `parts` written together, *view
 * becomes `parts` with those two replaced by that word.
 */
static bool glued(const struct iv_name_keys *parts, const struct iv_name_keys *whole,
                  struct iv_name_keys *view, struct iv_name_token *tokens, size_t *at)
{
	for (size_t i = 0; i + 1 < parts->ntokens; i++) {
		const struct iv_name_token *x = &parts->tokens[i], *y = &parts->tokens[i + 1];

		if ((x->flags | y->flags) & IV_NAME_TOK_INITIAL)
			continue;
		for (size_t k = 0; k < whole->ntokens; k++) {
			const struct iv_name_token *w = &whole->tokens[k];

			if ((w->flags & IV_NAME_TOK_PARTICLE) ||
			    w->ascii_len != x->ascii_len + y->ascii_len ||
			    memcmp(w->ascii, x->ascii, x->ascii_len) != 0 ||
			    memcmp(w->ascii + x->ascii_len, y->ascii, y->ascii_len) != 0)
				continue;
			glue_view(parts, i, w, view, tokens);
			*at = i;
			return true;
		}
	}
	return false;
}

/* Two adjacent words made one token, with the keys a word of their letters has. */
struct joined {
	struct iv_name_token tok;
	char ascii[2 * NAMES_CODE_MAX], core[2 * NAMES_CODE_MAX];
	struct names_codes codes;
};

static bool join_tokens(const struct iv_name_token *x, const struct iv_name_token *y,
                        struct joined *j)
{
	struct iv_name_token *t = &j->tok;
	struct names_codes *c = &j->codes;

	if (x->ascii_len + y->ascii_len >= sizeof(j->ascii) ||
	    x->core_len + y->ascii_len >= sizeof(j->core))
		return false;
	memcpy(j->ascii, x->ascii, x->ascii_len);
	memcpy(j->ascii + x->ascii_len, y->ascii, y->ascii_len + 1);
	/* a glued word keeps the article of its second part (Ziaulhaq, ضیاء الحق)
	 * and loses only a leading one, as the first part's core does */
	memcpy(j->core, x->core, x->core_len);
	memcpy(j->core + x->core_len, y->ascii, y->ascii_len + 1);
	memset(t, 0, sizeof(*t));
	t->ascii = j->ascii;
	t->core = j->core;
	t->ascii_len = x->ascii_len + y->ascii_len;
	t->core_len = x->core_len + y->ascii_len;
	t->flags = (x->flags | y->flags) & IV_NAME_TOK_ABJAD;
	t->weight = 1.0;
	/* the codes a word of these letters has, as names.c makes a token's */
	names_codes_of(t->core, t->core_len, t->flags & IV_NAME_TOK_ABJAD, c);
	t->skeleton = c->skel;
	t->skeleton_hash = c->skel_hash;
	t->phonetic = c->phon;
	t->phonetic_hash = c->phon_hash;
	t->skeleton2 = c->skel2;
	t->spelling = c->spell;
	t->spelling_hash = c->spell_hash;
	t->head = c->head;
	t->head_len = c->head_len;
	t->syllables = c->syllables;
	return true;
}

static bool same_code(const char *a, const char *b)
{
	return *a && strlen(a) >= 3 && strcmp(a, b) == 0;
}

static bool starts_with(const char *s, const char *prefix)
{
	return *prefix && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Whether w's skeleton, in either reading, starts as x's does: checked
 * before joining, since joining costs more than comparing */
static bool may_glue(const struct iv_name_token *x, const struct iv_name_token *w)
{
	char w0 = w->skeleton[0], w1 = w->skeleton2[0];

	if (w0 != x->skeleton[0] && w0 != x->skeleton2[0] &&
	    (!w1 || (w1 != x->skeleton[0] && w1 != x->skeleton2[0])))
		return false;
	return starts_with(w->skeleton, x->skeleton) || starts_with(w->skeleton, x->skeleton2) ||
	       starts_with(w->skeleton2, x->skeleton) || starts_with(w->skeleton2, x->skeleton2);
}

/*
 * "Son of" (or "father of") glued to a short name leaves a skeleton of two
 * letters (Benyahia: bn), too short to tell a name by.  So a word that
 * starts with such a particle's Latin spelling is split there, and its rest
 * meets the word after the particle: by its letters (Jaro-Winkler 0.85:
 * Bin Yahya / Benyahia), or, against Arabic script, which writes no short
 * vowels, by an equal skeleton (بن يحيى).  Not a name of the variant table
 * (Benjamin is no Ben Jamil).  x, y: the particle and the word after it, w:
 * the glued word.
 */
static bool son_of_glued(const struct iv_name_token *x, const struct iv_name_token *y,
                         const struct iv_name_token *w)
{
	/* their Latin spellings; بن comes out "bn" */
	static const char *const latin[] = {"ben", "bin", "ibn", "ould", "ait", "bou", "abu"};
	char skel[NAMES_CODE_MAX];
	bool is = strcmp(x->ascii, "bn") == 0;
	size_t p = 0;

	for (size_t i = 0; i < sizeof(latin) / sizeof(latin[0]) && !is; i++)
		is = strcmp(x->ascii, latin[i]) == 0;
	if (!is || !(x->flags & IV_NAME_TOK_PARTICLE) || w->variant || w->ascii_len < 6 ||
	    (w->flags & IV_NAME_TOK_ABJAD))
		return false;
	for (size_t i = 0; i < sizeof(latin) / sizeof(latin[0]) && !p; i++)
		if (strncmp(w->ascii, latin[i], strlen(latin[i])) == 0)
			p = strlen(latin[i]);
	if (!p || w->ascii_len - p < 3)
		return false;
	if (y->flags & IV_NAME_TOK_ABJAD)
		return names_skeleton(w->ascii + p, w->ascii_len - p, skel) >= 1 &&
		       strcmp(skel, y->skeleton) == 0;
	return iv_names_jaro_winkler(w->ascii + p, w->ascii_len - p, y->ascii, y->ascii_len) >=
	       0.85;
}

/*
 * Glued across scripts or spellings: "غلام رضا" for Gholamreza, "Ghulam
 * Reza" for Gholamreza, Abu Bakr for Abubakar.  Not the same letters, so
 * the two words of `parts` are joined into one token (*j) whose consonant
 * skeleton, in either reading, must be a word of `whole`'s (three
 * consonants at least); the view then compares that token with the others
 * as any word is compared.
 */
static bool glued_by_sound(const struct iv_name_keys *parts, const struct iv_name_keys *whole,
                           struct iv_name_keys *view, struct iv_name_token *tokens, size_t *at,
                           struct joined *j)
{
	for (size_t i = 0; i + 1 < parts->ntokens; i++) {
		const struct iv_name_token *x = &parts->tokens[i], *y = &parts->tokens[i + 1];
		bool joint = false;

		/* the first may be a particle: Abu Bakr is Abubakar */
		if (((x->flags | y->flags) & (IV_NAME_TOK_INITIAL | IV_NAME_TOK_TAIL)) ||
		    (y->flags & IV_NAME_TOK_PARTICLE))
			continue;
		for (size_t k = 0; k < whole->ntokens; k++) {
			const struct iv_name_token *w = &whole->tokens[k];

			if ((w->flags & (IV_NAME_TOK_PARTICLE | IV_NAME_TOK_INITIAL)) ||
			    !may_glue(x, w))
				continue;
			if (!joint && !(joint = join_tokens(x, y, j)))
				break;
			if (!(same_code(j->codes.skel, w->skeleton) ||
			      same_code(j->codes.skel, w->skeleton2) ||
			      same_code(j->codes.skel2, w->skeleton)) &&
			    !son_of_glued(x, y, w))
				continue;
			glue_view(parts, i, &j->tok, view, tokens);
			*at = i;
			return true;
		}
	}
	return false;
}

/* An explanation made on a glued view, told in the tokens of the name it came from. */
static void unglue(struct iv_name_explain *ex, bool view_is_a, size_t at)
{
	size_t n = ex->npairs;

	for (size_t i = 0; i < n; i++) {
		int *t = view_is_a ? &ex->pairs[i].a : &ex->pairs[i].b;

		if (*t > (int)at)
			(*t)++;
		else if (*t == (int)at && ex->npairs < sizeof(ex->pairs) / sizeof(ex->pairs[0])) {
			/* the second word joins its pair under the same similarity */
			ex->pairs[ex->npairs] = ex->pairs[i];
			ex->pairs[i].why = ex->pairs[ex->npairs].why = "joined";
			if (view_is_a)
				ex->pairs[ex->npairs].a = (int)at + 1;
			else
				ex->pairs[ex->npairs].b = (int)at + 1;
			ex->npairs++;
		}
	}
}

/* One reading of each name. */
static double compare_readings(const struct iv_name_keys *a, const struct iv_name_keys *b,
                               struct iv_name_explain *explain)
{
	struct iv_name_token tokens[IV_NAMES_MAX_TOKENS];
	struct iv_name_keys view;
	struct joined joint;
	size_t at;
	bool glue = false;
	double s;

	if (explain)
		explain->npairs = 0;
	if (!a->ntokens || !b->ntokens)
		return 0.0;
	s = similarity(a, b, explain);
	if (s >= 1.0 || a->ntokens == b->ntokens)
		return s;
	/* the side with more words may have written one in two, with the same
	 * letters or (when the name is not already a good match, nor far from
	 * one: random pairs score 0.2) with others */
	if (a->ntokens > b->ntokens ? glued(a, b, &view, tokens, &at)
	                            : glued(b, a, &view, tokens, &at)) {
		glue = true;
	} else if (s < 0.93 && s >= 0.4 &&
	           (a->ntokens > b->ntokens ? glued_by_sound(a, b, &view, tokens, &at, &joint)
	                                    : glued_by_sound(b, a, &view, tokens, &at, &joint))) {
		glue = true;
	}
	if (glue) {
		const struct iv_name_keys *va = a->ntokens > b->ntokens ? &view : a;
		const struct iv_name_keys *vb = a->ntokens > b->ntokens ? b : &view;
		double g = similarity(va, vb, NULL);

		if (g > s) {
			s = g;
			if (explain) {
				(void)similarity(va, vb, explain);
				unglue(explain, va == &view, at);
			}
		}
	}
	return s;
}

/*
 * A Cyrillic name read both ways (keys.other: Russian and Ukrainian) meets
 * the other name in the reading that fits it better: Олег Григоренко is
 * Oleg Grigorenko and Oleh Hryhorenko.  Two such names are compared in
 * each reading on both sides: when both were read as Russian, their
 * Ukrainian readings may agree better (Гаврилюк / Хаврилюк).
 */
double iv_names_compare(const struct iv_names *n, const struct iv_name_keys *a,
                        const struct iv_name_keys *b, struct iv_name_explain *explain)
{
	const struct iv_name_keys *ra = a, *rb = b;
	double s = compare_readings(a, b, explain), t;

	(void)n;
	if (s < 1.0 && a->other && (t = compare_readings(a->other, b, NULL)) > s)
		s = t, ra = a->other;
	if (s < 1.0 && b->other && (t = compare_readings(a, b->other, NULL)) > s)
		s = t, ra = a, rb = b->other;
	if (s < 1.0 && a->other && b->other && (t = compare_readings(a->other, b->other, NULL)) > s)
		s = t, ra = a->other, rb = b->other;
	if (explain) {
		if (ra != a || rb != b)
			(void)compare_readings(ra, rb, explain);
		explain->other_a = ra != a;
		explain->other_b = rb != b;
	}
	return s;
}
