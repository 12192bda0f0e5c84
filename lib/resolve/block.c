/*
 * block.c - blocking: each record's keys, and the candidate pairs the
 * keys' blocks propose, cut to each record's budget.
 *
 * A block of up to max_block records proposes all its pairs, a larger one
 * only each record's `window` neighbours in name order (sorted
 * neighbourhood); a block whose records carry few distinct names also
 * meets its names (meet_names).  A pair ranks by what its keys are of
 * (rv_pair_rank), and each record keeps the `budget` pairs that rank
 * first (docs/resolution.md, "Blocking").
 */
#include <stdlib.h>
#include <string.h>

#include "resolve/run_int.h"

#include "iv/util.h"

/*
 * How many records carry each key: an open-addressing table (linear
 * probing, at most half full) built once from the sorted keys, since the
 * comparing threads ask for millions of frequencies.  A slot with count 0
 * is empty.
 */
static IV_MUST_USE enum iv_err make_tally(struct run *r)
{
	size_t distinct = 0, cap = 1024;

	for (size_t i = 0; i < r->nkr; i++)
		if (i == 0 || r->kr[i].key != r->kr[i - 1].key)
			distinct++;
	while (cap < 2 * distinct)
		cap *= 2;
	r->tally = iv_calloc(cap * sizeof(*r->tally));
	if (!r->tally)
		return IV_ERR_NOMEM;
	r->tally_mask = cap - 1;
	for (size_t i = 0; i < r->nkr;) {
		size_t j = i, h;

		while (j < r->nkr && r->kr[j].key == r->kr[i].key)
			j++;
		h = (size_t)(r->kr[i].key * 0x9e3779b97f4a7c15ull >> 17) & r->tally_mask;
		while (r->tally[h].count)
			h = (h + 1) & r->tally_mask;
		r->tally[h] = (struct key_tally){r->kr[i].key, j - i};
		i = j;
	}
	return IV_OK;
}

/* How many records carry a key (0 before rv_make_keys). */
uint64_t rv_key_count(const struct run *r, uint64_t key)
{
	size_t h;

	if (!r->tally)
		return 0;
	h = (size_t)(key * 0x9e3779b97f4a7c15ull >> 17) & r->tally_mask;
	for (; r->tally[h].count; h = (h + 1) & r->tally_mask)
		if (r->tally[h].key == key)
			return r->tally[h].count;
	return 0;
}

enum iv_err rv_keyrecs_unique(struct keyrec *kr, size_t *n)
{
	size_t w = 0;

	if (rv_radix_sort(kr, *n, sizeof(*kr)))
		return IV_ERR_NOMEM;
	for (size_t i = 0; i < *n; i++)
		if (w == 0 || kr[i].key != kr[w - 1].key || kr[i].rec != kr[w - 1].rec)
			kr[w++] = kr[i];
	*n = w;
	return IV_OK;
}

/* Make every record's keys, sorted by key with duplicates gone. */
enum iv_err rv_make_keys(struct run *r, struct iv_buf *err)
{
	uint64_t *keys = NULL;
	size_t alloc = 0;
	enum iv_err rc = IV_OK;

	for (size_t i = 0; !rc && i < r->set.nrecs; i++) {
		size_t n = 0, nev = 0, ndated = 0, ncounted = 0, nstrong;

		rc = rv_record_keys(&r->set, i, &keys, &n, &alloc, &nev, &ndated, &ncounted);
		if (!rc)
			rc = iv_array_grow(&r->kr, &r->alloc_kr, r->nkr + n, sizeof(*r->kr), 1024);
		if (rc)
			break;
		/* the evidence keys begin with one per strong identifier (rv_record_keys) */
		nstrong = rv_nvals(&r->set.recs[i], RV_SLOT_STRONG);
		for (size_t k = 0; k < n; k++)
			r->kr[r->nkr++] = (struct keyrec){
			        keys[k], (uint32_t)i,
			        (uint8_t)(k < nev                       ? KEY_EVIDENCE
			                  : k < nev + ndated            ? KEY_DATED
			                  : k < nev + ndated + ncounted ? KEY_COUNTED
			                                                : 0) |
			                (k < nstrong && k < nev ? KEY_STRONG : 0)};
	}
	iv_free(keys);
	if (rc)
		return iv_seterr(err, rc, "out of memory making blocking keys");
	/* records were added in order, and the sort is stable: (key, record) order */
	if (rv_keyrecs_unique(r->kr, &r->nkr))
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory sorting blocking keys");
	r->rep->keys = r->nkr;
	if (make_tally(r))
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory counting blocking keys");
	return IV_OK;
}

/* A pair into one of the side lists (names_met, evident), ordered (lo, hi) like pairs. */
static IV_MUST_USE enum iv_err push_side(uint64_t **list, size_t *n, size_t *alloc, uint32_t a,
                                         uint32_t b)
{
	if (iv_array_grow(list, alloc, *n + 1, sizeof(**list), 4096))
		return IV_ERR_NOMEM;
	(*list)[(*n)++] = a < b ? (uint64_t)a << 32 | b : (uint64_t)b << 32 | a;
	return IV_OK;
}

/* A pair between two distinct names of one block (meet_names): kept whatever the budget. */
static IV_MUST_USE enum iv_err push_names_met(struct run *r, uint32_t a, uint32_t b)
{
	return push_side(&r->names_met, &r->nnames_met, &r->alloc_names_met, a, b);
}

enum iv_err rv_push_pair(struct run *r, uint32_t a, uint32_t b)
{
	if (a == b)
		return IV_OK;
	if (r->npairs == r->alloc_pairs &&
	    iv_array_grow(&r->pairs, &r->alloc_pairs, r->npairs + 1, sizeof(*r->pairs), 65536))
		return IV_ERR_NOMEM;
	r->pairs[r->npairs++] = a < b ? (uint64_t)a << 32 | b : (uint64_t)b << 32 | a;
	return IV_OK;
}

/* The string a record sorts by inside an oversized block: its first name's sorted tokens. */
static const char *sort_text(const struct rv_set *set, uint32_t rec)
{
	const struct rv_record *rr = &set->recs[rec];
	int nf = set->fam->name_feature;

	if (nf >= 0)
		for (uint32_t v = rr->off[nf]; v < rr->off[nf + 1]; v++)
			if (set->has_keys[v])
				return set->keys[v].sorted;
	return rr->eid;
}

struct text_rec {
	const char *text;
	uint32_t rec;
};

static int text_order(const void *pa, const void *pb)
{
	const struct text_rec *a = pa, *b = pb;
	int c = strcmp(a->text, b->text);

	return c ? c : (a->rec < b->rec ? -1 : a->rec > b->rec);
}

/*
 * Every record's place in name order (sort_text; records of one name share
 * the place), so that oversized blocks sort on integers: one sort of the
 * family instead of a string sort per block.  The memo of which records
 * are bridging (bridges_memo) is made with it, for meet_names.
 */
static IV_MUST_USE enum iv_err name_places(struct run *r)
{
	size_t n = r->set.nrecs;
	struct text_rec *t = iv_malloc((n + 1) * sizeof(*t));
	uint32_t place = 0;

	r->place = iv_malloc((n + 1) * sizeof(*r->place));
	r->bridge_memo = iv_calloc(n + 1);
	if (!t || !r->place || !r->bridge_memo) {
		iv_free(t);
		iv_free(r->place);
		iv_free(r->bridge_memo);
		r->place = NULL;
		r->bridge_memo = NULL;
		return IV_ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++)
		t[i] = (struct text_rec){sort_text(&r->set, (uint32_t)i), (uint32_t)i};
	qsort(t, n, sizeof(*t), text_order);
	for (size_t k = 0; k < n; k++) {
		if (k > 0 && strcmp(t[k].text, t[k - 1].text) != 0)
			place = (uint32_t)k;
		r->place[t[k].rec] = place;
	}
	iv_free(t);
	return IV_OK;
}

/* An oversized block's entries keyed by (name place, record), to sort as integers. */
void rv_key_by_place(const struct run *r, struct keyrec *block, size_t n)
{
	for (size_t k = 0; k < n; k++)
		block[k].key = (uint64_t)r->place[block[k].rec] << 32 | block[k].rec;
}

/*
 * A block whose records carry few distinct names (a phone written in 300
 * reports under "Kaka Azad", "Azad Mohammed" and "ئازاد محمد"): in an
 * oversized block the window meets only neighbours in name order, so the
 * names would never meet; in a block of a selector (not of a strong
 * identifier, which a forger reuses) within max_block where a name
 * repeats, the budget would drop the pairs between names, since two
 * records of one name share more keys (a facilitator's 27 debriefs as
 * "Xhaxhi Gezim" and 28 as "Gezim Hoxha" fill each record's budget with
 * its own name).  When there are at most MEET_NAMES_MAX names,
 * the first record of each meets the first of each of the MEET_NAMES_TOP
 * first names in rank order (rank_before), and those pairs stay whatever
 * the budget (clusters join the rest).  A name's first record is its first
 * that is not bridging, when it has one: a bridging record's links join
 * one cluster only (cluster.c), so a pair through it would not join the two
 * names, and a name whose every record is bridging ranks last.  block is
 * sorted by name (rv_key_by_place); pushed says whether the block's pairs were
 * proposed already (a block within max_block proposes all of them).
 */
#define MEET_NAMES_MAX 64
#define MEET_NAMES_TOP 4

/* Whether a record is bridging, worked out once a run (bridge_memo: 0 not yet). */
static bool bridges_memo(struct run *r, uint32_t rec)
{
	if (!r->bridge_memo[rec])
		r->bridge_memo[rec] = rv_record_bridges(&r->set, rec) ? 2 : 1;
	return r->bridge_memo[rec] == 2;
}

/*
 * Whether name x ranks before name y: one with a record that is not
 * bridging first, then more records, then the first in the block.
 */
static bool rank_before(const uint32_t *count, const bool *plain, size_t x, size_t y)
{
	if (plain[x] != plain[y])
		return plain[x];
	if (count[x] != count[y])
		return count[x] > count[y];
	return x < y;
}

static IV_MUST_USE enum iv_err meet_names(struct run *r, const struct keyrec *block, size_t n,
                                          bool pushed)
{
	uint32_t first[MEET_NAMES_MAX], count[MEET_NAMES_MAX];
	bool plain[MEET_NAMES_MAX];
	size_t nnames = 0, top[MEET_NAMES_TOP], ntop = 0;
	enum iv_err rc = IV_OK;

	for (size_t k = 0; k < n; k++) {
		uint32_t rec = block[k].rec;

		if (k > 0 && r->place[rec] == r->place[block[k - 1].rec]) {
			count[nnames - 1]++;
			if (!plain[nnames - 1] && !bridges_memo(r, rec)) {
				first[nnames - 1] = rec;
				plain[nnames - 1] = true;
			}
			continue;
		}
		if (nnames == MEET_NAMES_MAX || nnames == r->o.max_block)
			return IV_OK; /* a common key, not one person's: the window does */
		first[nnames] = rec;
		plain[nnames] = !bridges_memo(r, rec);
		count[nnames++] = 1;
	}
	/* one name; or, in a block whose pairs are all proposed, no name that repeats */
	if (nnames < 2 || (pushed && nnames == n))
		return IV_OK;
	/* the names that rank first, first first */
	for (size_t a = 0; a < nnames; a++) {
		size_t y = ntop < MEET_NAMES_TOP ? ntop++ : MEET_NAMES_TOP;

		while (y > 0 && rank_before(count, plain, a, top[y - 1])) {
			if (y < MEET_NAMES_TOP)
				top[y] = top[y - 1];
			y--;
		}
		if (y < MEET_NAMES_TOP)
			top[y] = a;
	}
	for (size_t t = 0; !rc && t < ntop; t++)
		for (size_t a = 0; !rc && a < nnames; a++) {
			/* the same name, or a top name before it (that one made the pair) */
			if (a == top[t] || rank_before(count, plain, a, top[t]))
				continue;
			if (!pushed)
				rc = rv_push_pair(r, first[a], first[top[t]]);
			if (!rc)
				rc = push_names_met(r, first[a], first[top[t]]);
		}
	return rc;
}

/* meet_names for a block within max_block (kr[i..j)), sorted by name on a copy. */
static IV_MUST_USE enum iv_err meet_small_block(struct run *r, size_t i, size_t j)
{
	struct keyrec local[MEET_NAMES_MAX], *copy = local;
	size_t n = j - i;
	enum iv_err rc;

	if (!r->place && name_places(r))
		return IV_ERR_NOMEM;
	if (n > MEET_NAMES_MAX) /* max_block set above it */
		copy = iv_malloc(n * sizeof(*copy));
	if (!copy)
		return IV_ERR_NOMEM;
	memcpy(copy, r->kr + i, n * sizeof(*copy));
	rv_key_by_place(r, copy, n);
	qsort(copy, n, sizeof(*copy), rv_u64_cmp);
	rc = meet_names(r, copy, n, true);
	if (copy != local)
		iv_free(copy);
	return rc;
}

/* How many of a record's pairs, ranked, join a block's distinct names (they come first). */
static uint32_t names_met_of(const struct run *r, const uint32_t *list, uint32_t n)
{
	uint32_t k = 0;

	while (k < n && r->shared[list[k]] == 255)
		k++;
	return k;
}

/*
 * A candidate pair's rank in the budget: the keys it shares (1..63); above
 * any number of them a shared full birth date (+64), since a name alone
 * never links two records and a name with a birth date can; above both a
 * shared identifier or selector (+127).  255, a pair between a block's
 * names, is set apart.  Incremental runs rank their candidates alike.
 */
uint8_t rv_pair_rank(size_t keys, bool evident, bool dated)
{
	return (uint8_t)((keys > 63 ? 63 : keys) + (dated ? 64 : 0) + (evident ? 127 : 0));
}

/* A proposed pair, and in the side lists when its key is evidence or a birth date. */
static IV_MUST_USE enum iv_err push_ranked(struct run *r, uint8_t what, uint32_t a, uint32_t b)
{
	enum iv_err rc = rv_push_pair(r, a, b);

	if (!rc && (what & KEY_EVIDENCE))
		rc = push_side(&r->evident, &r->nevident, &r->alloc_evident, a, b);
	if (!rc && (what & KEY_DATED))
		rc = push_side(&r->dated, &r->ndated, &r->alloc_dated, a, b);
	return rc;
}

/* A block within max_block (kr[i..j)) proposes all its pairs; a selector's meets its names. */
static IV_MUST_USE enum iv_err propose_small_block(struct run *r, size_t i, size_t j, uint8_t what)
{
	enum iv_err rc = IV_OK;

	for (size_t a = i; !rc && a < j; a++)
		for (size_t b = a + 1; !rc && b < j; b++)
			rc = push_ranked(r, what, r->kr[a].rec, r->kr[b].rec);
	/* a selector's, not an identifier's: a number under several names may be
	 * a forger's (docs/resolution.md, "A reused number") */
	if (!rc && (what & KEY_EVIDENCE) && !(what & KEY_STRONG) && j - i > 2)
		rc = meet_small_block(r, i, j);
	return rc;
}

/*
 * A block over max_block (kr[i..j)) proposes each record's `window`
 * neighbours in name order (sorted neighbourhood), and meets its names.
 */
static IV_MUST_USE enum iv_err propose_big_block(struct run *r, size_t i, size_t j, uint8_t what)
{
	size_t n = j - i;
	/* sorted on a copy: kr stays in key order */
	struct keyrec *copy = iv_malloc(n * sizeof(*copy));
	enum iv_err rc = IV_OK;

	if (!copy || (!r->place && name_places(r))) {
		iv_free(copy);
		return IV_ERR_NOMEM;
	}
	memcpy(copy, r->kr + i, n * sizeof(*copy));
	rv_key_by_place(r, copy, n);
	qsort(copy, n, sizeof(*copy), rv_u64_cmp);
	for (size_t a = 0; !rc && a < n; a++)
		for (size_t b = a + 1; !rc && b < n && b <= a + r->o.window; b++)
			rc = push_ranked(r, what, copy[a].rec, copy[b].rec);
	if (!rc)
		rc = meet_names(r, copy, n, false);
	iv_free(copy);
	r->rep->big_blocks++;
	return rc;
}

/* Every block's pairs into r->pairs, and into the side lists what made them. */
static IV_MUST_USE enum iv_err propose_pairs(struct run *r)
{
	enum iv_err rc = IV_OK;

	for (size_t i = 0, j; !rc && i < r->nkr; i = j) {
		uint8_t what = 0;

		for (j = i; j < r->nkr && r->kr[j].key == r->kr[i].key; j++)
			what |= r->kr[j].what;
		if (what & KEY_COUNTED) /* a value's frequency, not a block */
			continue;
		if (j - i <= r->o.max_block)
			rc = propose_small_block(r, i, j, what);
		else
			rc = propose_big_block(r, i, j, what);
	}
	return rc;
}

/* Sort the proposed pairs and the side lists, for rank_pairs to merge; allocates r->shared. */
static IV_MUST_USE enum iv_err sort_proposed(struct run *r)
{
	enum iv_err rc = rv_radix_sort(r->pairs, r->npairs, sizeof(*r->pairs));

	if (rc)
		return rc;
	r->shared = iv_malloc(r->npairs + 1);
	if (!r->shared)
		return IV_ERR_NOMEM;
	rc = rv_radix_sort(r->names_met, r->nnames_met, sizeof(*r->names_met));
	if (!rc)
		rc = rv_radix_sort(r->evident, r->nevident, sizeof(*r->evident));
	if (!rc)
		rc = rv_radix_sort(r->dated, r->ndated, sizeof(*r->dated));
	return rc;
}

/*
 * Each sorted pair once, its rank in r->shared: rv_pair_rank of the keys
 * that proposed it, or 255 for a pair between a block's names.
 */
static void rank_pairs(struct run *r)
{
	size_t w = 0;

	for (size_t i = 0, m = 0, e = 0, d = 0; i < r->npairs;) {
		size_t j = i;

		while (j < r->npairs && r->pairs[j] == r->pairs[i])
			j++;
		while (m < r->nnames_met && r->names_met[m] < r->pairs[i])
			m++;
		while (e < r->nevident && r->evident[e] < r->pairs[i])
			e++;
		while (d < r->ndated && r->dated[d] < r->pairs[i])
			d++;
		r->pairs[w] = r->pairs[i];
		r->shared[w] = rv_pair_rank(j - i, e < r->nevident && r->evident[e] == r->pairs[i],
		                            d < r->ndated && r->dated[d] == r->pairs[i]);
		if (m < r->nnames_met && r->names_met[m] == r->pairs[i])
			r->shared[w] = 255; /* first in the budget */
		w++;
		i = j;
	}
	r->npairs = w;
	r->rep->pairs_blocked = w;
}

/*
 * Each record's pairs, as indices into r->pairs: record k's are
 * adj[start[k] .. start[k] + deg[k]).  keep marks the pairs the budget keeps.
 */
struct record_pairs {
	uint32_t *deg, *adj;
	size_t *start;
	uint8_t *keep;
};

/* List every pair under both its records; rp's arrays are the caller's to free. */
static IV_MUST_USE enum iv_err index_pairs(const struct run *r, struct record_pairs *rp)
{
	rp->deg = iv_calloc((r->set.nrecs + 1) * sizeof(*rp->deg));
	rp->start = iv_calloc((r->set.nrecs + 1) * sizeof(*rp->start));
	rp->adj = iv_malloc((2 * r->npairs + 1) * sizeof(*rp->adj));
	rp->keep = iv_calloc(r->npairs + 1);
	if (!rp->deg || !rp->start || !rp->adj || !rp->keep)
		return IV_ERR_NOMEM;
	for (size_t p = 0; p < r->npairs; p++) {
		rp->deg[r->pairs[p] >> 32]++;
		rp->deg[r->pairs[p] & 0xffffffffu]++;
	}
	for (size_t k = 0, sum = 0; k < r->set.nrecs; k++) {
		rp->start[k] = sum;
		sum += rp->deg[k];
		rp->deg[k] = 0;
	}
	for (size_t p = 0; p < r->npairs; p++) {
		uint32_t a = (uint32_t)(r->pairs[p] >> 32),
		         b = (uint32_t)(r->pairs[p] & 0xffffffffu);

		rp->adj[rp->start[a] + rp->deg[a]++] = (uint32_t)p;
		rp->adj[rp->start[b] + rp->deg[b]++] = (uint32_t)p;
	}
	return IV_OK;
}

/* Mark in keep what one record's pairs list[0..n) keep: its budget, and its names met. */
static void keep_best(const struct run *r, uint32_t *list, uint32_t n, uint8_t *keep)
{
	uint32_t upto;

	if (n <= r->o.budget) {
		for (uint32_t x = 0; x < n; x++)
			keep[list[x]] = 1;
		return;
	}
	/* most shared keys first, then the lower pair index (deterministic) */
	for (uint32_t x = 1; x < n; x++) {
		uint32_t v = list[x], y = x;

		while (y > 0 && (r->shared[list[y - 1]] < r->shared[v] ||
		                 (r->shared[list[y - 1]] == r->shared[v] && list[y - 1] > v))) {
			list[y] = list[y - 1];
			y--;
		}
		list[y] = v;
	}
	/* pairs between a block's distinct names (first in the order) come on top */
	upto = r->o.budget + names_met_of(r, list, n);
	if (upto > n)
		upto = n;
	for (uint32_t x = 0; x < upto; x++)
		keep[list[x]] = 1;
}

/*
 * The budget: a record keeps its `budget` pairs that rank first, and its
 * pairs between a block's distinct names; a pair either record keeps is
 * compared (a record whose every partner has better pairs would otherwise
 * meet no one).
 */
static IV_MUST_USE enum iv_err apply_budget(struct run *r)
{
	struct record_pairs rp = {NULL, NULL, NULL, NULL};
	enum iv_err rc = index_pairs(r, &rp);
	size_t w = 0;

	if (!rc) {
		for (size_t k = 0; k < r->set.nrecs; k++)
			keep_best(r, rp.adj + rp.start[k], rp.deg[k], rp.keep);
		for (size_t p = 0; p < r->npairs; p++)
			if (rp.keep[p]) {
				r->pairs[w] = r->pairs[p];
				r->shared[w] = r->shared[p];
				w++;
			}
		r->npairs = w;
		r->rep->pairs_compared = w;
	}
	iv_free(rp.deg);
	iv_free(rp.start);
	iv_free(rp.adj);
	iv_free(rp.keep);
	return rc;
}

/* Free the side lists of evident and dated pairs: the ranks are in r->shared now. */
static void drop_side_lists(struct run *r)
{
	iv_free(r->evident);
	r->evident = NULL;
	r->nevident = r->alloc_evident = 0;
	iv_free(r->dated);
	r->dated = NULL;
	r->ndated = r->alloc_dated = 0;
}

/* Candidate pairs from the blocks, ranked, then the per-record budget. */
enum iv_err rv_make_pairs(struct run *r, struct iv_buf *err)
{
	enum iv_err rc = propose_pairs(r);

	if (!rc)
		rc = sort_proposed(r);
	if (!rc) {
		rank_pairs(r);
		rc = apply_budget(r);
	}
	drop_side_lists(r);
	if (rc)
		return iv_seterr(err, rc, "out of memory making candidate pairs");
	return IV_OK;
}
