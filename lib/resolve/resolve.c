/*
 * resolve.c - the batch and incremental resolution runs.
 *
 * Batch, per family (docs/resolution.md has the why of each step):
 *  1. load   every record of the family from the store (feeders included);
 *  2. block  make each record's keys, sort (key, record) pairs; a block of
 *            up to max_block records proposes all its pairs, a larger one
 *            only each record's `window` neighbours in name order (sorted
 *            neighbourhood); a large block that holds few distinct names,
 *            or a smaller one of a selector where a name repeats, adds a
 *            pair between each name and the commonest ones (meet_names);
 *            a pair that shares an identifier's or selector's key ranks
 *            above one that shares a full birth date, which ranks above one
 *            that shares only name keys, then by its count of shared keys
 *            (pair_rank), and each record keeps at most `budget` pairs
 *            (besides those between names);
 *  3. compare each kept pair into feature levels (two threads);
 *  4. fit    the Fellegi-Sunter model by EM on the pairs (no labels), then
 *            score every pair with term-frequency adjustment;
 *  5. decide strong identifier shared -> link (unless the rest of the
 *            evidence denies it, rv_strong_denied: a reused number, for
 *            review), conflicting -> veto,
 *            probability >= threshold and corroborated -> link, a shared
 *            selector and a compatible name at >= 0.5 -> link, in
 *            [review_low, threshold) -> review; people's judgements
 *            override all of it;
 *  6. cluster and save records, keys, links, memberships and the model.
 *
 * Incremental: the records not resolved yet are blocked against the
 * stored keys (and each other), scored with the stored model, linked, and
 * the clusters around them are re-made (cluster.c).
 */
#define _GNU_SOURCE /* qsort_r: the block order needs its record set */
#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "resolve/resolve_int.h"

#include "iv/util.h"

/* Options with the defaults filled in. */
static struct iv_resolve_options defaults(const struct iv_resolve_options *opt)
{
	struct iv_resolve_options o = {0};

	if (opt)
		o = *opt;
	if (!(o.threshold > 0 && o.threshold < 1))
		o.threshold = IV_RESOLVE_THRESHOLD;
	if (!(o.review_low > 0 && o.review_low < o.threshold))
		o.review_low = o.threshold > IV_RESOLVE_REVIEW_LOW ? IV_RESOLVE_REVIEW_LOW
		                                                   : o.threshold / 2;
	if (o.max_block < 2)
		o.max_block = IV_RESOLVE_MAX_BLOCK;
	if (o.window < 1)
		o.window = IV_RESOLVE_WINDOW;
	if (o.budget < 1)
		o.budget = IV_RESOLVE_BUDGET;
	if (o.threads < 1)
		o.threads = 2;
	if (o.threads > 16)
		o.threads = 16;
	return o;
}

static void progress(const struct iv_resolve_options *o, const char *phase, uint64_t done,
                     uint64_t total)
{
	if (o->progress)
		o->progress(o->progress_ctx, phase, done, total);
}

/* ---- the model as text -------------------------------------------------------------- */

void rv_model_release(struct rv_model *m)
{
	iv_fs_model_free(m->fs);
	memset(m, 0, sizeof(*m));
}

enum iv_err rv_model_new(const struct rv_family *fam, struct rv_model *out, struct iv_buf *err)
{
	enum iv_err rc;

	memset(out, 0, sizeof(*out));
	rc = iv_fs_model_new(&out->fs, err);
	for (size_t f = 0; !rc && f < fam->nf; f++) {
		unsigned nl = rv_kind_levels(fam->f[f].kind);

		rc = iv_fs_add_feature(out->fs, fam->f[f].name, nl, nl - 1, err);
	}
	if (rc)
		rv_model_release(out);
	return rc;
}

void rv_model_count_holding(struct rv_model *m, const struct rv_set *set, bool add)
{
	for (size_t f = 0; f < set->fam->nf; f++) {
		uint64_t n = 0;

		for (size_t i = 0; i < set->nrecs; i++)
			n += set->recs[i].off[f + 1] > set->recs[i].off[f];
		if (add)
			m->holding[f] += n;
		else
			m->holding[f] = m->holding[f] > n ? m->holding[f] - n : 0;
	}
}

enum iv_err rv_model_text(const struct rv_family *fam, const struct rv_model *m, struct iv_buf *out)
{
	json_t *root = json_object(), *features = json_array();
	char *text = NULL;
	enum iv_err rc = IV_ERR_NOMEM;

	if (!root || !features)
		goto out;
	if (json_object_set_new(root, "form", json_integer(RV_MODEL_FORM)) ||
	    json_object_set_new(root, "family", json_string(fam->name)) ||
	    json_object_set_new(root, "prior", json_real(iv_fs_prior(m->fs))) ||
	    json_object_set_new(root, "threshold", json_real(m->threshold)) ||
	    json_object_set_new(root, "review_low", json_real(m->review_low)) ||
	    json_object_set_new(root, "records", json_integer((json_int_t)m->nrecords)) ||
	    json_object_set_new(root, "mark", json_integer((json_int_t)m->mark)) ||
	    json_object_set(root, "features", features))
		goto out;
	for (size_t f = 0; f < fam->nf; f++) {
		json_t *feat = json_object(), *ms = json_array(), *us = json_array();
		unsigned nl = rv_kind_levels(fam->f[f].kind);

		if (!feat || !ms || !us || json_array_append_new(features, feat) ||
		    json_object_set_new(feat, "name", json_string(fam->f[f].name)) ||
		    json_object_set_new(feat, "m", ms) || json_object_set_new(feat, "u", us) ||
		    json_object_set_new(feat, "holding", json_integer((json_int_t)m->holding[f])))
			goto out;
		for (unsigned l = 0; l < nl; l++)
			if (json_array_append_new(ms, json_real(iv_fs_m(m->fs, f, l))) ||
			    json_array_append_new(us, json_real(iv_fs_u(m->fs, f, l))))
				goto out;
	}
	text = json_dumps(root, JSON_COMPACT | JSON_REAL_PRECISION(17));
	if (!text)
		goto out;
	iv_buf_reset(out);
	rc = iv_buf_adds(out, text);
out:
	free(text);
	json_decref(features);
	json_decref(root);
	return rc;
}

enum iv_err rv_model_parse(const struct rv_family *fam, const char *text, struct rv_model *out,
                           struct iv_buf *err)
{
	json_error_t jerr;
	json_t *root = json_loads(text, 0, &jerr);
	json_t *features;
	enum iv_err rc;

	memset(out, 0, sizeof(*out));
	features = root ? json_object_get(root, "features") : NULL;
	if (!json_is_array(features) || json_array_size(features) != fam->nf)
		goto bad;
	/* records and keys stored by another form of the engine (identifiers written
	 * otherwise) would not meet new ones: such a model is fitted again */
	if (json_integer_value(json_object_get(root, "form")) != RV_MODEL_FORM)
		goto bad;
	rc = rv_model_new(fam, out, err);
	if (rc)
		goto fail;
	for (size_t f = 0; f < fam->nf; f++) {
		json_t *feat = json_array_get(features, f);
		json_t *ms = json_object_get(feat, "m"), *us = json_object_get(feat, "u");
		json_t *holding = json_object_get(feat, "holding");
		unsigned nl = rv_kind_levels(fam->f[f].kind);
		double m[IV_FS_MAX_LEVELS], u[IV_FS_MAX_LEVELS];

		if (json_array_size(ms) != nl || json_array_size(us) != nl ||
		    !json_is_integer(holding) || json_integer_value(holding) < 0)
			goto bad;
		out->holding[f] = (uint64_t)json_integer_value(holding);
		for (unsigned l = 0; l < nl; l++) {
			m[l] = json_number_value(json_array_get(ms, l));
			u[l] = json_number_value(json_array_get(us, l));
		}
		if (iv_fs_set(out->fs, json_number_value(json_object_get(root, "prior")), f, m, u,
		              nl, NULL))
			goto bad;
	}
	out->threshold = json_number_value(json_object_get(root, "threshold"));
	out->review_low = json_number_value(json_object_get(root, "review_low"));
	out->nrecords = (uint64_t)json_integer_value(json_object_get(root, "records"));
	out->mark = (uint64_t)json_integer_value(json_object_get(root, "mark"));
	if (!(out->threshold > 0 && out->threshold < 1) ||
	    !(out->review_low > 0 && out->review_low < out->threshold))
		goto bad;
	json_decref(root);
	return IV_OK;
bad:
	rc = iv_seterr(err, IV_ERR_DB,
	               "the stored %s model is damaged or from an older version; run 'invigor "
	               "resolve'",
	               fam->name);
fail:
	json_decref(root);
	rv_model_release(out);
	return rc;
}

double rv_score(const struct rv_family *fam, const struct rv_model *m, const uint8_t *level,
                const uint64_t *counts, struct iv_fs_contrib *per_feature, bool *implied)
{
	double tf[RV_MAX_FEATURES];

	for (size_t f = 0; f < fam->nf; f++) {
		/* the chance that a random record with the feature holds the value */
		uint64_t among = m->holding[f] > 1 ? m->holding[f] : m->nrecords;

		tf[f] = NAN;
		if (counts && counts[f] > 0 && among > 1)
			tf[f] = (double)(counts[f] < among ? counts[f] : among) / (double)among;
	}
	{
		struct iv_fs_contrib own[RV_MAX_FEATURES];
		struct iv_fs_contrib *c = per_feature ? per_feature : own;
		double score = iv_fs_score_tf(m->fs, level, tf, c);

		/* agreement the names imply is not evidence again; disagreement still is */
		for (size_t f = 0; f < fam->nf; f++) {
			bool drop = c[f].weight > 0 && rv_implied_by_name(fam, level, f);

			if (drop) {
				score -= c[f].weight;
				c[f].weight = 0;
			}
			if (implied)
				implied[f] = drop;
		}
		return score;
	}
}

bool rv_implied_by_name(const struct rv_family *fam, const uint8_t *level, size_t f)
{
	return fam->f[f].name_implies && fam->name_feature >= 0 &&
	       level[fam->name_feature] < RV_NAME_LEVEL_DIFFERENT;
}

bool rv_corroborated(const struct rv_family *fam, const struct iv_fs_contrib *per_feature)
{
	size_t positive = 0;

	for (size_t f = 0; f < fam->nf; f++)
		if (per_feature[f].weight > 0 && !fam->f[f].weak)
			positive++;
	return positive >= 2;
}

bool rv_strong_denied(const struct rv_family *fam, const uint8_t *level,
                      const struct iv_fs_contrib *per_feature)
{
	double sum = 0;
	bool backed = false;

	/* a weak attribute's agreement does not count: one country's documents give all
	 * their holders its nationality */
	for (size_t f = 0; f < fam->nf; f++) {
		if (!fam->f[f].weak || per_feature[f].weight < 0)
			sum += per_feature[f].weight;
		if (!fam->f[f].weak && (int)f != fam->name_feature && per_feature[f].weight > 0)
			backed = true;
	}
	if (sum <= -RV_STRONG_DENIED_BITS)
		return true;
	/* other names, and nothing but the number says they are one */
	return fam->name_feature >= 0 && level[fam->name_feature] == RV_NAME_LEVEL_DIFFERENT &&
	       !backed;
}

bool rv_links(const struct rv_family *fam, double probability, double threshold,
              const uint8_t *level, const struct iv_fs_contrib *per_feature, bool *by_selector)
{
	double bar =
	        threshold < RV_SELECTOR_NAME_PROBABILITY ? threshold : RV_SELECTOR_NAME_PROBABILITY;
	bool shared = false;

	if (by_selector)
		*by_selector = false;
	if (probability >= threshold && rv_corroborated(fam, per_feature))
		return true;
	if (fam->name_feature < 0 || probability < bar ||
	    level[fam->name_feature] > RV_NAME_LEVEL_SHORT_FORM)
		return false;
	for (size_t f = 0; f < fam->nf; f++)
		if (rv_shares_selector(fam, f, level[f]) && per_feature[f].weight > 0)
			shared = true;
	if (shared && by_selector)
		*by_selector = true;
	return shared;
}

/* ---- a run's state ------------------------------------------------------------------------ */

/*
 * What a key is of: an identifier or selector, a full birth date, a value
 * whose frequency is counted and which blocks nothing, or a name.
 */
#define KEY_EVIDENCE 1
#define KEY_DATED    2
#define KEY_COUNTED  4
#define KEY_STRONG   8 /* with KEY_EVIDENCE: a strong identifier's key (not a selector's) */

struct keyrec {
	uint64_t key;
	uint32_t rec;
	uint8_t what; /* KEY_EVIDENCE (and KEY_STRONG), KEY_DATED, KEY_COUNTED or 0 */
};

typedef uint64_t (*count_fn)(void *ctx, uint64_t key);

struct key_tally {
	uint64_t key, count;
};

/* What a batch keeps of a comparison: levels, strong rule, value frequencies. */
struct rv_outcome {
	uint8_t level[RV_MAX_FEATURES];
	int8_t strong;                   /* 1 shared strong identifier, -1 veto, 0 neither */
	uint32_t count[RV_MAX_FEATURES]; /* records holding the agreeing value; 0: no TF */
};

struct run {
	struct iv_store *st;
	const struct rv_family *fam;
	struct iv_resolve_options o;
	struct iv_resolve_report *rep;
	struct rv_set set;
	struct keyrec *kr;
	size_t nkr, alloc_kr;
	uint64_t *pairs; /* lo << 32 | hi */
	uint8_t *shared; /* keys each pair shares; 255: a pair between distinct names of a block */
	uint32_t *place; /* per record: its place in name order (name_places), once needed */
	uint8_t *bridge_memo;    /* per record: 0 not known yet, 1 not bridging, 2 bridging */
	struct key_tally *tally; /* key -> records carrying it (make_tally) */
	size_t tally_mask;
	size_t npairs, alloc_pairs;
	uint64_t *names_met; /* pairs joining the distinct names of a block (meet_names) */
	size_t nnames_met, alloc_names_met;
	uint64_t *evident; /* pairs a block of an identifier's or selector's key proposed */
	size_t nevident, alloc_evident;
	uint64_t *dated; /* pairs a block of a full birth date's key proposed */
	size_t ndated, alloc_dated;
	/* per compared pair */
	struct rv_outcome *cmp;
	count_fn count; /* a value's frequency, from its key; called from comparing threads */
	/* incremental: resolved records that new entities feed (a passport for its holder),
	 * re-resolved with the new values; `prev` holds them as they were stored */
	struct rv_set *prev;
	size_t nstale;
	uint64_t
	        since; /* incremental: the model's mark; records changed after it are re-resolved */
	void *count_ctx;
	double *prob;
	int *decision; /* enum rv_edge_kind, 0 none, RV_DECIDED_REVIEW or _REUSED */
	/* the random pairs' levels (estimate_u), nf per pair: compared once, weighed each pass */
	uint8_t *u_levels;
	size_t u_pairs;
};

static void run_release(struct run *r)
{
	rv_set_release(&r->set);
	iv_free(r->kr);
	iv_free(r->pairs);
	iv_free(r->shared);
	iv_free(r->place);
	iv_free(r->bridge_memo);
	iv_free(r->tally);
	iv_free(r->names_met);
	iv_free(r->evident);
	iv_free(r->dated);
	iv_free(r->cmp);
	iv_free(r->prob);
	iv_free(r->decision);
	iv_free(r->u_levels);
}

static int u64_cmp(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;

	return a < b ? -1 : a > b;
}

/*
 * LSD radix sort, 16 bits a pass, of n items of `size` bytes whose first
 * 8 bytes are a uint64_t key; stable, so items equal in key keep their
 * order.  Passes whose digit is the same for every item are skipped.
 */
static enum iv_err radix_sort(void *items, size_t n, size_t size)
{
	unsigned char *a = items, *tmp;
	size_t *count;

	if (n < 2)
		return IV_OK;
	tmp = iv_malloc(n * size);
	count = iv_malloc(65536 * sizeof(*count));
	if (!tmp || !count) {
		iv_free(tmp);
		iv_free(count);
		return IV_ERR_NOMEM;
	}
	for (unsigned shift = 0; shift < 64; shift += 16) {
		size_t sum = 0;
		uint64_t key;
		bool one_bucket;

		memset(count, 0, 65536 * sizeof(*count));
		for (size_t i = 0; i < n; i++) {
			memcpy(&key, a + i * size, sizeof(key));
			count[(key >> shift) & 0xffff]++;
		}
		memcpy(&key, a, sizeof(key));
		one_bucket = count[(key >> shift) & 0xffff] == n;
		if (one_bucket)
			continue;
		for (size_t d = 0; d < 65536; d++) {
			size_t c = count[d];

			count[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++) {
			memcpy(&key, a + i * size, sizeof(key));
			memcpy(tmp + count[(key >> shift) & 0xffff]++ * size, a + i * size, size);
		}
		memcpy(a, tmp, n * size);
	}
	iv_free(tmp);
	iv_free(count);
	return IV_OK;
}

/*
 * How many records carry each key: an open-addressing table (linear
 * probing, at most half full) built once from the sorted keys, since the
 * comparing threads ask for millions of frequencies.  A slot with count 0
 * is empty.
 */
static enum iv_err make_tally(struct run *r)
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

/* How many records carry a key (0 before make_keys). */
static uint64_t key_count(const struct run *r, uint64_t key)
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

/* Make every record's keys, sorted by key with duplicates gone. */
static enum iv_err make_keys(struct run *r, struct iv_buf *err)
{
	uint64_t *keys = NULL;
	size_t alloc = 0;
	enum iv_err rc = IV_OK;

	for (size_t i = 0; !rc && i < r->set.nrecs; i++) {
		size_t n = 0, nev = 0, ndated = 0, ncounted = 0, nstrong;

		rc = rv_record_keys(&r->set, i, &keys, &n, &alloc, &nev, &ndated, &ncounted);
		if (rc)
			break;
		if (r->nkr + n > r->alloc_kr) {
			size_t bigger = (r->alloc_kr + n) * 2;
			struct keyrec *p = iv_realloc(r->kr, bigger * sizeof(*p));

			if (!p) {
				rc = IV_ERR_NOMEM;
				break;
			}
			r->kr = p;
			r->alloc_kr = bigger;
		}
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
	if (radix_sort(r->kr, r->nkr, sizeof(*r->kr)))
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory sorting blocking keys");
	{
		size_t w = 0;

		for (size_t i = 0; i < r->nkr; i++)
			if (w == 0 || r->kr[i].key != r->kr[w - 1].key ||
			    r->kr[i].rec != r->kr[w - 1].rec)
				r->kr[w++] = r->kr[i];
		r->nkr = w;
	}
	r->rep->keys = r->nkr;
	if (make_tally(r))
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory counting blocking keys");
	return IV_OK;
}

/* A pair into one of the side lists (names_met, evident), ordered (lo, hi) like pairs. */
static enum iv_err push_side(uint64_t **list, size_t *n, size_t *alloc, uint32_t a, uint32_t b)
{
	if (iv_array_grow(list, alloc, *n + 1, sizeof(**list), 4096))
		return IV_ERR_NOMEM;
	(*list)[(*n)++] = a < b ? (uint64_t)a << 32 | b : (uint64_t)b << 32 | a;
	return IV_OK;
}

/* A pair between two distinct names of one block (meet_names): kept whatever the budget. */
static enum iv_err push_names_met(struct run *r, uint32_t a, uint32_t b)
{
	return push_side(&r->names_met, &r->nnames_met, &r->alloc_names_met, a, b);
}

static enum iv_err push_pair(struct run *r, uint32_t a, uint32_t b)
{
	if (a == b)
		return IV_OK;
	if (r->npairs == r->alloc_pairs) {
		size_t bigger = r->alloc_pairs ? r->alloc_pairs * 2 : 65536;
		uint64_t *p = iv_realloc(r->pairs, bigger * sizeof(*p));

		if (!p)
			return IV_ERR_NOMEM;
		r->pairs = p;
		r->alloc_pairs = bigger;
	}
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
static enum iv_err name_places(struct run *r)
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
static void key_by_place(const struct run *r, struct keyrec *block, size_t n)
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
 * sorted by name (key_by_place); pushed says whether the block's pairs were
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

static enum iv_err meet_names(struct run *r, const struct keyrec *block, size_t n, bool pushed)
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
				rc = push_pair(r, first[a], first[top[t]]);
			if (!rc)
				rc = push_names_met(r, first[a], first[top[t]]);
		}
	return rc;
}

/* meet_names for a block within max_block (kr[i..j)), sorted by name on a copy. */
static enum iv_err meet_small_block(struct run *r, size_t i, size_t j)
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
	key_by_place(r, copy, n);
	qsort(copy, n, sizeof(*copy), u64_cmp);
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
static uint8_t pair_rank(size_t keys, bool evident, bool dated)
{
	return (uint8_t)((keys > 63 ? 63 : keys) + (dated ? 64 : 0) + (evident ? 127 : 0));
}

/* A proposed pair, and in the side lists when its key is evidence or a birth date. */
static enum iv_err push_ranked(struct run *r, uint8_t what, uint32_t a, uint32_t b)
{
	enum iv_err rc = push_pair(r, a, b);

	if (!rc && (what & KEY_EVIDENCE))
		rc = push_side(&r->evident, &r->nevident, &r->alloc_evident, a, b);
	if (!rc && (what & KEY_DATED))
		rc = push_side(&r->dated, &r->ndated, &r->alloc_dated, a, b);
	return rc;
}

/* Candidate pairs from the blocks, then the per-record budget. */
static enum iv_err make_pairs(struct run *r, struct iv_buf *err)
{
	size_t i = 0, w = 0;
	uint32_t *deg = NULL, *adj = NULL;
	size_t *start = NULL;
	uint8_t *keep = NULL;
	enum iv_err rc = IV_OK;

	while (!rc && i < r->nkr) {
		size_t j = i;
		uint8_t what = 0;

		while (j < r->nkr && r->kr[j].key == r->kr[i].key)
			what |= r->kr[j++].what;
		if (what & KEY_COUNTED) { /* a value's frequency, not a block */
			i = j;
			continue;
		}
		if (j - i <= r->o.max_block) {
			for (size_t a = i; !rc && a < j; a++)
				for (size_t b = a + 1; !rc && b < j; b++)
					rc = push_ranked(r, what, r->kr[a].rec, r->kr[b].rec);
			/* a selector's, not an identifier's: a number under several names may be
			 * a forger's (docs/resolution.md, "A reused number") */
			if (!rc && (what & KEY_EVIDENCE) && !(what & KEY_STRONG) && j - i > 2)
				rc = meet_small_block(r, i, j);
		} else {
			/* sorted neighbourhood, on a copy (kr stays in key order) */
			struct keyrec *copy = iv_malloc((j - i) * sizeof(*copy));

			if (!copy || (!r->place && name_places(r))) {
				iv_free(copy);
				rc = IV_ERR_NOMEM;
				break;
			}
			memcpy(copy, r->kr + i, (j - i) * sizeof(*copy));
			key_by_place(r, copy, j - i);
			qsort(copy, j - i, sizeof(*copy), u64_cmp);
			for (size_t a = 0; !rc && a < j - i; a++)
				for (size_t b = a + 1; !rc && b < j - i && b <= a + r->o.window;
				     b++)
					rc = push_ranked(r, what, copy[a].rec, copy[b].rec);
			if (!rc)
				rc = meet_names(r, copy, j - i, false);
			iv_free(copy);
			r->rep->big_blocks++;
		}
		i = j;
	}
	if (rc)
		goto out;
	rc = radix_sort(r->pairs, r->npairs, sizeof(*r->pairs));
	if (rc)
		goto out;
	r->shared = iv_malloc(r->npairs + 1);
	if (!r->shared) {
		rc = IV_ERR_NOMEM;
		goto out;
	}
	rc = radix_sort(r->names_met, r->nnames_met, sizeof(*r->names_met));
	if (!rc)
		rc = radix_sort(r->evident, r->nevident, sizeof(*r->evident));
	if (!rc)
		rc = radix_sort(r->dated, r->ndated, sizeof(*r->dated));
	if (rc)
		goto out;
	i = 0;
	for (size_t m = 0, e = 0, d = 0; i < r->npairs;) {
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
		r->shared[w] = pair_rank(j - i, e < r->nevident && r->evident[e] == r->pairs[i],
		                         d < r->ndated && r->dated[d] == r->pairs[i]);
		if (m < r->nnames_met && r->names_met[m] == r->pairs[i])
			r->shared[w] = 255; /* first in the budget */
		w++;
		i = j;
	}
	r->npairs = w;
	r->rep->pairs_blocked = w;

	/* the budget: a record keeps its `budget` pairs that rank first, and its pairs
	 * between a block's distinct names; a pair either record keeps is compared (a
	 * record whose every partner has better pairs would otherwise meet no one) */
	deg = iv_calloc((r->set.nrecs + 1) * sizeof(*deg));
	start = iv_calloc((r->set.nrecs + 1) * sizeof(*start));
	adj = iv_malloc((2 * r->npairs + 1) * sizeof(*adj));
	keep = iv_calloc(r->npairs + 1);
	if (!deg || !start || !adj || !keep) {
		rc = IV_ERR_NOMEM;
		goto out;
	}
	for (size_t p = 0; p < r->npairs; p++) {
		deg[r->pairs[p] >> 32]++;
		deg[r->pairs[p] & 0xffffffffu]++;
	}
	for (size_t k = 0, sum = 0; k < r->set.nrecs; k++) {
		start[k] = sum;
		sum += deg[k];
		deg[k] = 0;
	}
	for (size_t p = 0; p < r->npairs; p++) {
		uint32_t a = (uint32_t)(r->pairs[p] >> 32),
		         b = (uint32_t)(r->pairs[p] & 0xffffffffu);

		adj[start[a] + deg[a]++] = (uint32_t)p;
		adj[start[b] + deg[b]++] = (uint32_t)p;
	}
	for (size_t k = 0; k < r->set.nrecs; k++) {
		uint32_t *list = adj + start[k];

		if (deg[k] <= r->o.budget) {
			for (uint32_t x = 0; x < deg[k]; x++)
				keep[list[x]] = 1;
			continue;
		}
		/* most shared keys first, then the lower pair index (deterministic) */
		for (uint32_t x = 1; x < deg[k]; x++) {
			uint32_t v = list[x], y = x;

			while (y > 0 &&
			       (r->shared[list[y - 1]] < r->shared[v] ||
			        (r->shared[list[y - 1]] == r->shared[v] && list[y - 1] > v))) {
				list[y] = list[y - 1];
				y--;
			}
			list[y] = v;
		}
		/* pairs between a block's distinct names (first in the order) come on top */
		{
			uint32_t upto = r->o.budget + names_met_of(r, list, deg[k]);

			if (upto > deg[k])
				upto = deg[k];
			for (uint32_t x = 0; x < upto; x++)
				keep[list[x]] = 1;
		}
	}
	w = 0;
	for (size_t p = 0; p < r->npairs; p++)
		if (keep[p]) {
			r->pairs[w] = r->pairs[p];
			r->shared[w] = r->shared[p];
			w++;
		}
	r->npairs = w;
	r->rep->pairs_compared = w;
out:
	iv_free(r->evident); /* the ranks are in shared now */
	r->evident = NULL;
	r->nevident = r->alloc_evident = 0;
	iv_free(r->dated);
	r->dated = NULL;
	r->ndated = r->alloc_dated = 0;
	iv_free(deg);
	iv_free(start);
	iv_free(adj);
	iv_free(keep);
	if (rc)
		return iv_seterr(err, rc, "out of memory making candidate pairs");
	return IV_OK;
}

/* ---- comparing (threads) ----------------------------------------------------------------- */

struct cmp_job {
	struct run *r;
	const struct rv_set *sa, *sb; /* pairs are (lo in sa, hi in sb) */
	size_t from, to;
};

/* A value's frequency as a comparing thread last asked for it (keys are never 0). */
struct count_slot {
	uint64_t key, count;
};
#define COUNT_SLOTS ((size_t)1 << 14)

static void *cmp_thread(void *arg)
{
	struct cmp_job *job = arg;
	struct run *r = job->r;
	/* pairs sharing a block share spellings: a memo per thread (none if no memory) */
	struct rv_memo *memo = job->to - job->from > 1000 ? iv_calloc(sizeof(*memo)) : NULL;

	/* and the same values' frequencies: the last one asked for in each slot */
	struct count_slot *seen = memo ? iv_calloc(COUNT_SLOTS * sizeof(*seen)) : NULL;

	for (size_t p = job->from; p < job->to; p++) {
		struct rv_compare c;
		struct rv_outcome *out = &r->cmp[p];

		rv_compare(job->sa, (size_t)(r->pairs[p] >> 32), job->sb,
		           (size_t)(r->pairs[p] & 0xffffffffu), memo, &c);
		/* rv_compare sets the family's features only */
		memset(out, 0, sizeof(*out));
		memcpy(out->level, c.level, r->fam->nf);
		out->strong = (int8_t)c.strong;
		for (size_t f = 0; f < r->fam->nf; f++) {
			uint64_t key = c.tf_key[f], n;
			struct count_slot *slot = seen ? &seen[(key * 0x9e3779b97f4a7c15ull >> 40) &
			                                       (COUNT_SLOTS - 1)]
			                               : NULL;

			if (!key)
				n = 0;
			else if (slot && slot->key == key)
				n = slot->count;
			else
				n = r->count(r->count_ctx, key);
			if (key && slot)
				*slot = (struct count_slot){key, n};
			out->count[f] = n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
		}
	}
	iv_free(seen);
	iv_free(memo);
	return NULL;
}

static enum iv_err compare_all(struct run *r, const struct rv_set *sa, const struct rv_set *sb,
                               struct iv_buf *err)
{
	pthread_t tid[16];
	struct cmp_job jobs[16];
	bool started[16] = {false};
	unsigned nt = r->o.threads;
	size_t chunk;

	r->cmp = iv_calloc((r->npairs + 1) * sizeof(*r->cmp));
	r->prob = iv_calloc((r->npairs + 1) * sizeof(*r->prob));
	r->decision = iv_calloc((r->npairs + 1) * sizeof(*r->decision));
	if (!r->cmp || !r->prob || !r->decision)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory comparing pairs");
	if (r->npairs < 4096)
		nt = 1;
	chunk = (r->npairs + nt - 1) / nt;
	for (unsigned t = 0; t < nt; t++) {
		jobs[t] = (struct cmp_job){r, sa, sb, t * chunk, (t + 1) * chunk};
		if (jobs[t].to > r->npairs)
			jobs[t].to = r->npairs;
		if (jobs[t].from > jobs[t].to)
			jobs[t].from = jobs[t].to;
	}
	for (unsigned t = 1; t < nt; t++) {
		started[t] = pthread_create(&tid[t], NULL, cmp_thread, &jobs[t]) == 0;
		if (!started[t]) /* no thread: its share is done here */
			cmp_thread(&jobs[t]);
	}
	cmp_thread(&jobs[0]);
	for (unsigned t = 1; t < nt; t++)
		if (started[t])
			pthread_join(tid[t], NULL);
	return IV_OK;
}

/* ---- fit, score, decide ------------------------------------------------------------------ */

/* splitmix64: a deterministic sample of record pairs, the same every run */
static uint64_t splitmix(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

#define U_SAMPLE 200000

/*
 * u from random record pairs: almost all of them are different people, so
 * the level frequencies among them are the non-match probabilities.
 */
/* Passes of re-estimating u from random pairs weighted by the fitted model (see fit). */
#define U_PASSES 3

static enum iv_err estimate_u(struct run *r, struct rv_model *m, bool weigh, struct iv_buf *err)
{
	const struct rv_family *fam = r->fam;
	double counts[RV_MAX_FEATURES][IV_FS_MAX_LEVELS];
	uint64_t n = r->set.nrecs, all = n * (n - 1) / 2, state = 0x1f2e3d4c5b6a7988ull;
	uint64_t sample = all < U_SAMPLE ? all : U_SAMPLE;
	struct rv_compare c;
	double w;
	enum iv_err rc = IV_OK;

	memset(counts, 0, sizeof(counts));
	if (!r->u_levels) { /* the first pass compares the pairs; later passes weigh them again */
		r->u_levels = iv_malloc(sample * fam->nf + 1);
		if (!r->u_levels)
			return iv_seterr(err, IV_ERR_NOMEM, "out of memory fitting the model");
		r->u_pairs = (size_t)sample;
		for (uint64_t s = 0, a = 0, b = 1; s < sample; s++) {
			size_t i, j;

			if (all <= U_SAMPLE) { /* every pair, in order: (a, b) walks them */
				i = (size_t)a;
				j = (size_t)b;
				if (++b == n) {
					a++;
					b = a + 1;
				}
			} else {
				i = (size_t)(splitmix(&state) % n);
				j = (size_t)(splitmix(&state) % (n - 1));
				if (j >= i)
					j++;
			}
			rv_compare(&r->set, i, &r->set, j, NULL, &c);
			memcpy(r->u_levels + s * fam->nf, c.level, fam->nf);
		}
	}
	for (size_t s = 0; s < r->u_pairs; s++) {
		const uint8_t *level = r->u_levels + s * fam->nf;

		/* refining: a random pair counts as far as the fitted model thinks it differs */
		w = weigh ? 1.0 - iv_fs_probability(iv_fs_score(m->fs, level, NULL)) : 1.0;
		for (size_t f = 0; f < fam->nf; f++)
			counts[f][level[f]] += w;
	}
	for (size_t f = 0; !rc && f < fam->nf; f++) {
		unsigned nl = rv_kind_levels(fam->f[f].kind);
		double mm[IV_FS_MAX_LEVELS], uu[IV_FS_MAX_LEVELS], total = 0;

		for (unsigned l = 0; l + 1 < nl; l++)
			total += counts[f][l] + 0.5;
		for (unsigned l = 0; l < nl; l++) {
			mm[l] = iv_fs_m(m->fs, f, l);
			uu[l] = l + 1 < nl ? (counts[f][l] + 0.5) / total : 1.0;
		}
		rc = iv_fs_set(m->fs, iv_fs_prior(m->fs), f, mm, uu, nl, err);
	}
	iv_fs_fix_u(m->fs, 1);
	return rc;
}

/*
 * One EM session with u fixed: m fitted on the pairs `use` selects, with the
 * features in `mask` treated as missing (they chose the pairs, so they must
 * not judge them).  The fitted m of the features in `take` go into m.
 */
static enum iv_err em_session(struct run *r, struct rv_model *m, const uint8_t *levels,
                              const bool *use, const bool *mask, const bool *take,
                              struct iv_buf *err)
{
	size_t nf = r->fam->nf, n = 0;
	uint8_t *sub = iv_malloc(r->npairs * nf + 1);
	struct rv_model s;
	struct iv_fs_fit_report rep;
	enum iv_err rc;

	if (!sub)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory fitting the model");
	for (size_t p = 0; p < r->npairs; p++) {
		if (!use[p])
			continue;
		for (size_t f = 0; f < nf; f++)
			sub[n * nf + f] = mask[f] ? (uint8_t)(rv_kind_levels(r->fam->f[f].kind) - 1)
			                          : levels[p * nf + f];
		n++;
	}
	rc = rv_model_new(r->fam, &s, err);
	for (size_t f = 0; !rc && f < nf; f++) {
		unsigned nl = rv_kind_levels(r->fam->f[f].kind);
		double mm[IV_FS_MAX_LEVELS], uu[IV_FS_MAX_LEVELS];

		for (unsigned l = 0; l < nl; l++) {
			mm[l] = iv_fs_m(s.fs, f, l);
			uu[l] = iv_fs_u(m->fs, f, l);
		}
		rc = iv_fs_set(s.fs, 0.1, f, mm, uu, nl, err);
	}
	if (!rc)
		iv_fs_fix_u(s.fs, 1);
	if (!rc && n > 0) {
		rc = iv_fs_fit_em(s.fs, sub, n, 0, 0, &rep, err);
		if (!rc)
			r->rep->fit.iterations += rep.iterations;
	}
	for (size_t f = 0; !rc && n > 0 && f < nf; f++) {
		unsigned nl = rv_kind_levels(r->fam->f[f].kind);
		double mm[IV_FS_MAX_LEVELS], uu[IV_FS_MAX_LEVELS];

		/* expected matches behind the estimate, for smoothing */
		double ne = rep.prior * (double)n;

		if (!take[f] || mask[f])
			continue;
		/* one pseudo-match per level (a Dirichlet prior): a level that few matches
		 * showed is unlikely, not impossible; with many matches this fades away */
		for (unsigned l = 0; l < nl; l++) {
			mm[l] = l + 1 < nl
			                ? (iv_fs_m(s.fs, f, l) * ne + 1.0) / (ne + (double)(nl - 1))
			                : 1.0;
			uu[l] = iv_fs_u(m->fs, f, l);
		}
		rc = iv_fs_set(m->fs, iv_fs_prior(m->fs), f, mm, uu, nl, err);
	}
	if (rc == IV_ERR_INVALID) { /* nothing to learn from: keep the starting m */
		if (err)
			iv_buf_reset(err);
		rc = IV_OK;
	}
	rv_model_release(&s);
	iv_free(sub);
	return rc;
}

static int u64_cmp(const void *pa, const void *pb);

enum iv_err rv_fit_several(const struct rv_family *fam, struct rv_model *m, struct iv_buf *err)
{
	const double least = RV_SEVERAL_M;

	for (size_t f = 0; f < fam->nf; f++) {
		unsigned nl = rv_kind_levels(fam->f[f].kind),
		         diff = rv_level_different(fam->f[f].kind);
		double mm[IV_FS_MAX_LEVELS], uu[IV_FS_MAX_LEVELS], rest = 0;
		enum iv_err rc;

		if (!fam->f[f].several || nl < 3 || iv_fs_m(m->fs, f, diff) >= least)
			continue;
		for (unsigned l = 0; l < diff; l++)
			rest += iv_fs_m(m->fs, f, l);
		for (unsigned l = 0; l < nl; l++) {
			mm[l] = iv_fs_m(m->fs, f, l);
			uu[l] = iv_fs_u(m->fs, f, l);
			if (l < diff && rest > 0)
				mm[l] *= (1.0 - least) / rest;
		}
		mm[diff] = least;
		rc = iv_fs_set(m->fs, iv_fs_prior(m->fs), f, mm, uu, nl, err);
		if (rc)
			return rc;
	}
	return IV_OK;
}

/*
 * EM on the prior alone (m and u fixed) over the candidate pairs: the
 * share of matches among them.  Vectors are packed 4 bits per level into
 * one integer and grouped, so an iteration costs O(distinct vectors).
 */
static enum iv_err fit_prior(struct run *r, struct rv_model *m, const uint8_t *levels,
                             double *prior, struct iv_buf *err)
{
	size_t nf = r->fam->nf, ndist = 0;
	uint64_t *packed = iv_malloc((r->npairs + 1) * sizeof(*packed));
	double *count = NULL, *post = NULL;

	if (!packed)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory fitting the model");
	for (size_t p = 0; p < r->npairs; p++) {
		uint64_t v = 0;

		for (size_t f = 0; f < nf; f++)
			v |= (uint64_t)(levels[p * nf + f] & 15) << (4 * f);
		packed[p] = v;
	}
	if (radix_sort(packed, r->npairs, sizeof(*packed))) {
		iv_free(packed);
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory fitting the model");
	}
	count = iv_malloc((r->npairs + 1) * sizeof(*count));
	post = iv_malloc((r->npairs + 1) * sizeof(*post));
	if (!count || !post) {
		iv_free(packed);
		iv_free(count);
		iv_free(post);
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory fitting the model");
	}
	for (size_t p = 0; p < r->npairs; p++) {
		if (ndist && packed[ndist - 1] == packed[p]) {
			count[ndist - 1] += 1;
			continue;
		}
		packed[ndist] = packed[p];
		count[ndist++] = 1;
	}
	/* the score without the prior, once per distinct vector */
	iv_fs_set_prior(m->fs, 0.5);
	for (size_t i = 0; i < ndist; i++) {
		uint8_t lv[RV_MAX_FEATURES];

		for (size_t f = 0; f < nf; f++)
			lv[f] = (uint8_t)((packed[i] >> (4 * f)) & 15);
		post[i] = iv_fs_score(m->fs, lv, NULL);
	}
	*prior = 0.1;
	for (int it = 0; it < 200 && r->npairs; it++) {
		double sum = 0, before = *prior, logit = log2(*prior / (1 - *prior));

		for (size_t i = 0; i < ndist; i++)
			sum += count[i] * iv_fs_probability(post[i] + logit);
		*prior = sum / (double)r->npairs;
		if (*prior < IV_FS_MIN_PROB)
			*prior = IV_FS_MIN_PROB;
		if (*prior > 1 - IV_FS_MIN_PROB)
			*prior = 1 - IV_FS_MIN_PROB;
		if (fabs(*prior - before) < 1e-9)
			break;
	}
	iv_free(packed);
	iv_free(count);
	iv_free(post);
	return IV_OK;
}

/* Fewer pairs sharing a value than this: the name's m is fitted on all candidate pairs. */
#define SESSION_MIN_PAIRS 200

/*
 * Fit the model (docs/resolution.md, "Scoring"): u from random pairs; m by
 * EM with u fixed in two sessions, so that no feature judges the pairs it
 * chose: the pairs that share a value (phone, e-mail, selector) give the m
 * of the name and the other features, with the shared-value features
 * masked; the pairs with similar names give the m of the value features,
 * with the name masked.  Then the match prior: EM on p alone over all
 * candidate pairs, turned into the chance that two random records match.
 */
static enum iv_err fit(struct run *r, struct rv_model *m, struct iv_buf *err)
{
	const struct rv_family *fam = r->fam;
	size_t nf = fam->nf;
	uint8_t *levels = iv_malloc(r->npairs * nf + 1);
	bool *use = iv_calloc(r->npairs + 1);
	bool mask[RV_MAX_FEATURES] = {0}, take[RV_MAX_FEATURES] = {0};
	int name = fam->name_feature;
	double prior = 0.1, n = (double)r->set.nrecs;
	enum iv_err rc;

	if (!levels || !use) {
		iv_free(levels);
		iv_free(use);
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory fitting the model");
	}
	for (size_t p = 0; p < r->npairs; p++)
		memcpy(levels + p * nf, r->cmp[p].level, nf);
	rc = estimate_u(r, m, false, err);
	/* session 1: pairs sharing a blocking value; those features masked */
	for (size_t f = 0; f < nf; f++) {
		mask[f] = rv_is_selector(fam, f);
		take[f] = !mask[f];
	}
	{
		size_t nuse = 0;

		for (size_t p = 0; p < r->npairs; p++) {
			use[p] = false;
			for (size_t f = 0; f < nf; f++)
				if (mask[f] && rv_shares_selector(fam, f, r->cmp[p].level[f]))
					use[p] = true;
			nuse += use[p];
		}
		/* records without phones or e-mails (a census, a passenger list): no pair
		 * shares a value, so the name's m comes from all candidate pairs instead */
		if (nuse < SESSION_MIN_PAIRS) {
			for (size_t p = 0; p < r->npairs; p++)
				use[p] = true;
			for (size_t f = 0; f < nf; f++)
				mask[f] = false;
		}
	}
	if (!rc)
		rc = em_session(r, m, levels, use, mask, take, err);
	for (size_t f = 0; f < nf; f++) /* session 2 masks as if session 1 had pairs */
		mask[f] = rv_is_selector(fam, f);
	/* session 2: pairs with similar names; the name masked */
	for (size_t f = 0; f < nf; f++) {
		take[f] = mask[f];
		mask[f] = (int)f == name;
	}
	for (size_t p = 0; p < r->npairs; p++)
		use[p] = name < 0 || r->cmp[p].level[name] <= RV_NAME_LEVEL_SIMILAR;
	if (!rc)
		rc = em_session(r, m, levels, use, mask, take, err);
	if (!rc)
		rc = rv_fit_several(fam, m, err);
	/* the prior among candidate pairs, m and u fixed, over distinct vectors */
	if (!rc)
		rc = fit_prior(r, m, levels, &prior, err);
	iv_free(levels);
	iv_free(use);
	r->rep->fitted = rc == IV_OK;
	r->rep->fit.prior = prior;
	r->rep->fit.npairs = r->npairs;
	/* scoring with u from random pairs needs the chance that two random records match */
	if (!rc && n > 1)
		iv_fs_set_prior(m->fs, prior * (double)r->npairs / (n * (n - 1) / 2));
	/*
	 * Random pairs are not all non-matches: a facilitator named in 300
	 * reports makes 45,000 matching pairs, and his phone's u among random
	 * pairs comes mostly from them.  Once m is fitted, u is estimated again
	 * with each random pair weighted by the chance it is a non-match.
	 */
	if (!rc && n > 1) {
		double p0 = iv_fs_prior(m->fs);

		for (int pass = 0; !rc && pass < U_PASSES; pass++) {
			rc = estimate_u(r, m, true, err);
			if (!rc)
				iv_fs_set_prior(m->fs, p0);
		}
	}
	return rc;
}

static uint64_t run_key_count(void *ctx, uint64_t key)
{
	return key_count(ctx, key);
}

/* Score every pair and decide. */
static void decide_all(struct run *r, const struct rv_model *m)
{
	for (size_t p = 0; p < r->npairs; p++) {
		const struct rv_outcome *c = &r->cmp[p];
		struct iv_fs_contrib contrib[RV_MAX_FEATURES];
		uint64_t counts[RV_MAX_FEATURES];
		double score;

		for (size_t f = 0; f < r->fam->nf; f++)
			counts[f] = c->count[f];
		score = rv_score(r->fam, m, c->level, counts, contrib, NULL);
		r->prob[p] = iv_fs_probability(score);
		if (c->strong > 0 && rv_strong_denied(r->fam, c->level, contrib))
			r->decision[p] = RV_DECIDED_REUSED; /* a person sees the reused number */
		else if (c->strong > 0)
			r->decision[p] = RV_E_STRONG;
		else if (c->strong < 0)
			r->decision[p] = RV_E_VETO;
		else if (rv_links(r->fam, r->prob[p], r->o.threshold, c->level, contrib, NULL))
			r->decision[p] = RV_E_MATCH;
		else if (r->prob[p] >= r->o.review_low)
			r->decision[p] = RV_DECIDED_REVIEW;
		else
			r->decision[p] = 0;
	}
}

static enum iv_res_link_kind link_kind(int decision)
{
	switch (decision) {
	case RV_E_STRONG:
		return IV_RES_STRONG;
	case RV_E_VETO:
		return IV_RES_VETO;
	case RV_E_MATCH:
		return IV_RES_MATCH;
	case RV_DECIDED_REUSED:
		return IV_RES_REUSED;
	default:
		return IV_RES_REVIEW;
	}
}

/* ---- batch ----------------------------------------------------------------------------------- */

struct adopt {
	struct run *r;
	struct iv_buf *err;
};

static enum iv_err adopt_one(void *ctx, const char *eid, const char *family, const char *text)
{
	struct adopt *a = ctx;
	enum iv_err rc;

	if (strcmp(family, a->r->fam->name) != 0)
		return IV_OK;
	rc = rv_set_add_text(&a->r->set, eid, text, a->err);
	if (!rc)
		rc = rv_set_add_text(a->r->prev, eid, text, a->err);
	return rc;
}

/*
 * New entities that feed records already resolved (a passport whose holder
 * was resolved before): those records join the run with their stored values
 * and the new ones, and are resolved again like new records.
 */
static enum iv_err adopt_stale(struct run *r, struct iv_buf *err)
{
	struct adopt a = {r, err};
	enum iv_err rc = IV_OK;

	for (size_t o = 0; !rc && o < r->set.norphans; o++) {
		const char *eid = r->set.orphan_eids[o];

		if (rv_set_find(&r->set, eid) >= 0)
			continue;
		rc = iv_store_res_get_record(r->st, eid, adopt_one, &a, err);
		if (rc == IV_ERR_NOTFOUND) { /* not a resolved record of the family */
			if (err)
				iv_buf_reset(err);
			rc = IV_OK;
		} else if (!rc && rv_set_find(&r->set, eid) >= 0) {
			r->nstale++;
		}
	}
	if (!rc)
		rc = rv_set_build(r->prev, err);
	return rc;
}

/* Statements of resolved records that changed: each record joins with its stored values first. */
struct changed {
	struct run *r;
	struct rv_loader *l;
	struct iv_buf last; /* the entity being read */
	struct iv_buf *err;
};

static enum iv_err changed_statement(void *ctx, const struct iv_statement *st)
{
	struct changed *c = ctx;
	enum iv_err rc;

	if (!c->last.len || strcmp(c->last.buf, st->entity) != 0) {
		struct adopt a = {c->r, c->err};

		iv_buf_reset(&c->last);
		rc = iv_buf_adds(&c->last, st->entity);
		if (rc)
			return rc;
		if (rv_set_find(&c->r->set, st->entity) < 0) {
			rc = iv_store_res_get_record(c->r->st, st->entity, adopt_one, &a, c->err);
			if (rc == IV_ERR_NOTFOUND) { /* resolved under another family */
				if (c->err)
					iv_buf_reset(c->err);
			} else if (rc) {
				return rc;
			} else if (rv_set_find(&c->r->set, st->entity) >= 0) {
				c->r->nstale++;
			}
		}
	}
	return rv_loader_statement(c->l, st);
}

/* The old accounts new payments name: their identifiers join the payments' parties. */
static enum iv_err read_unread_accounts(struct run *r, struct rv_loader *l, struct iv_buf *err)
{
	const char **eids = NULL;
	size_t n = 0;
	enum iv_err rc = rv_set_unread_accounts(&r->set, &eids, &n);

	if (rc)
		return iv_seterr(err, rc, "out of memory listing accounts");
	for (size_t i = 0; !rc && i < n; i++) {
		rc = iv_store_entity_statements(r->st, eids[i], rv_loader_statement, l, err);
		if (!rc)
			rc = rv_loader_end(l, err);
	}
	iv_free(eids);
	return rc;
}

/*
 * Read the records to resolve.  A batch run reads every record of the
 * family and every entity that feeds one.  An incremental run reads the
 * records not resolved yet, the resolved records with statements after
 * the model's mark (each with its stored values), and the feeding
 * entities with statements after the mark, whose values join the records
 * they point at (a resolved one is adopted with its stored values), with
 * the accounts new payments name.
 */
static enum iv_err load_family(struct run *r, bool unresolved, struct iv_buf *err)
{
	const char *schemas[128], *records[128], *feeders[128];
	size_t n = rv_family_schemas(r->fam, RV_BOTH, schemas, 128);
	size_t nrec = rv_family_schemas(r->fam, RV_RECORDS, records, 128);
	size_t nfeed = rv_family_schemas(r->fam, RV_FEEDERS, feeders, 128);
	struct rv_loader l;
	enum iv_err rc;

	rv_loader_init(&l, &r->set);
	l.progress = r->o.progress;
	l.progress_ctx = r->o.progress_ctx;
	if (!unresolved) {
		rc = iv_store_each_entity_of(r->st, schemas, n, rv_loader_statement, &l, err);
	} else {
		struct changed c = {r, &l, IV_BUF_INIT, err};

		rc = iv_store_res_unresolved(r->st, records, nrec, rv_loader_statement, &l, err);
		if (!rc)
			rc = rv_loader_end(&l, err);
		if (!rc && r->prev)
			rc = iv_store_res_changed(r->st, records, nrec, r->since, changed_statement,
			                          &c, err);
		if (!rc)
			rc = rv_loader_end(&l, err);
		if (!rc && nfeed > 0)
			rc = iv_store_res_since(r->st, feeders, nfeed, r->since,
			                        rv_loader_statement, &l, err);
		if (!rc)
			rc = rv_loader_end(&l, err);
		if (!rc)
			rc = read_unread_accounts(r, &l, err);
		iv_buf_release(&c.last);
	}
	if (!rc)
		rc = rv_loader_end(&l, err);
	rv_loader_release(&l);
	if (rc == IV_ERR_NOMEM)
		rc = iv_seterr(err, rc, "out of memory reading %s records", r->fam->name);
	if (!rc && unresolved && rv_set_join_payments(&r->set))
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory joining payments to accounts");
	if (!rc && unresolved && r->prev)
		rc = adopt_stale(r, err);
	if (!rc)
		rc = rv_set_build(&r->set, err);
	return rc;
}

/*
 * Cluster the whole family (batch), with people's verdicts (v, read from
 * the store before) over the engine's links.  Uses none of the store.
 */
static enum iv_err cluster_batch(struct run *r, const struct rv_verdicts *v, uint32_t *root,
                                 struct iv_buf *err)
{
	struct rv_edge *edges = NULL;
	size_t nedges = 0;
	enum iv_err rc = IV_OK;

	edges = iv_malloc((r->npairs + v->n + 1) * sizeof(*edges));
	if (!edges) {
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory clustering");
		goto out;
	}
	for (size_t p = 0; p < r->npairs; p++) {
		uint32_t a = (uint32_t)(r->pairs[p] >> 32),
		         b = (uint32_t)(r->pairs[p] & 0xffffffffu);
		char verdict = rv_verdict(v, r->set.recs[a].eid, r->set.recs[b].eid);
		int kind;

		if (!r->decision[p] && !verdict)
			continue;
		kind = rv_edge_kind_of(link_kind(r->decision[p]), verdict);
		if (!r->decision[p] && verdict == 'u')
			kind = 0;
		if (kind)
			edges[nedges++] = (struct rv_edge){a, b, kind, r->prob[p]};
	}
	/* verdicts on pairs the engine did not compare */
	{
		size_t pos = 0;
		const char *key;
		char c;

		while (rv_verdicts_next(v, &pos, &key, &c)) {
			const char *sep = strchr(key, '\x1f');
			struct iv_buf first;
			long a, b;

			if (!sep || c == 'u')
				continue;
			iv_buf_init(&first, 0);
			if (iv_buf_add(&first, key, (size_t)(sep - key))) {
				iv_buf_release(&first);
				rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory clustering");
				goto out;
			}
			a = rv_set_find(&r->set, first.buf);
			b = rv_set_find(&r->set, sep + 1);
			iv_buf_release(&first);
			if (a < 0 || b < 0)
				continue;
			edges[nedges++] =
			        (struct rv_edge){(uint32_t)a, (uint32_t)b,
			                         c == 's' ? RV_E_SAME : RV_E_DIFFERENT, 1.0};
			r->rep->judgements++;
		}
	}
	{
		const char **names = iv_malloc((r->set.nrecs + 1) * sizeof(*names));
		bool *bridging = iv_malloc(r->set.nrecs + 1);
		uint32_t *rank = NULL;
		size_t held = 0;

		for (size_t i = 0; names && bridging && i < r->set.nrecs; i++) {
			names[i] = r->set.recs[i].eid;
			bridging[i] = rv_record_bridges(&r->set, i);
		}
		rank = names && bridging ? rv_rank_names(names, r->set.nrecs) : NULL;
		iv_free(names);
		if (!rank) {
			iv_free(bridging);
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory clustering");
			goto out;
		}
		rc = rv_cluster(r->set.nrecs, edges, nedges, rank, bridging, r->fam->bare_bridges,
		                root, &held, err);
		r->rep->bridging_held = held;
		iv_free(rank);
		iv_free(bridging);
	}
out:
	iv_free(edges);
	return rc;
}

/* Canonical ids and report figures from cluster roots. */
static enum iv_err canonical_ids(struct run *r, const uint32_t *root, char (**ids)[24],
                                 struct iv_buf *err)
{
	uint32_t *best = iv_malloc((r->set.nrecs + 1) * sizeof(*best));
	uint32_t *size = iv_calloc((r->set.nrecs + 1) * sizeof(*size));

	*ids = iv_malloc((r->set.nrecs + 1) * sizeof(**ids));
	if (!best || !size || !*ids) {
		iv_free(best);
		iv_free(size);
		iv_free(*ids);
		*ids = NULL;
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory naming clusters");
	}
	for (size_t i = 0; i < r->set.nrecs; i++)
		best[i] = UINT32_MAX;
	for (size_t i = 0; i < r->set.nrecs; i++) {
		uint32_t k = root[i];

		size[k]++;
		if (best[k] == UINT32_MAX ||
		    strcmp(r->set.recs[i].eid, r->set.recs[best[k]].eid) < 0)
			best[k] = (uint32_t)i;
	}
	for (size_t i = 0; i < r->set.nrecs; i++) {
		iv_resolve_canonical_id(r->set.recs[best[root[i]]].eid, (*ids)[i]);
		if (root[i] == i) {
			r->rep->clusters++;
			if (size[i] > 1)
				r->rep->merged++;
			if (size[i] > r->rep->largest)
				r->rep->largest = size[i];
		}
	}
	iv_free(best);
	iv_free(size);
	return IV_OK;
}

static void count_links(struct run *r)
{
	for (size_t p = 0; p < r->npairs; p++) {
		switch (r->decision[p]) {
		case RV_E_STRONG:
			r->rep->strong_links++;
			break;
		case RV_E_VETO:
			r->rep->vetoes++;
			break;
		case RV_E_MATCH:
			r->rep->match_links++;
			break;
		case RV_DECIDED_REVIEW:
		case RV_DECIDED_REUSED:
			r->rep->review_pairs++;
			break;
		default:
			break;
		}
	}
}

/* Links and keys go to the store this many at a time (its multi-row writes). */
#define SAVE_CHUNK 4096

/* Which of the decided pairs save_links writes. */
enum save_which {
	SAVE_ALL,    /* every decided pair (an incremental run's) */
	SAVE_ENGINE, /* the engine's links (strong, model, veto): a batch, before clustering */
	SAVE_REVIEW, /* review pairs: a batch, after clustering */
};

/*
 * Write the pairs the engine decided on (new records' pairs, or all of a
 * batch), those of them `which` names.  With root (a batch's clusters), a
 * review pair whose records ended up in one entity anyway is not kept:
 * nobody needs to decide it.
 */
static enum iv_err save_links(struct run *r, const struct rv_set *sa, const struct rv_set *sb,
                              enum save_which which, const uint32_t *root, struct iv_buf *err)
{
	struct iv_res_link *chunk = iv_malloc(SAVE_CHUNK * sizeof(*chunk));
	size_t n = 0;
	enum iv_err rc = IV_OK;

	if (!chunk)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory writing links");
	for (size_t p = 0; !rc && p < r->npairs; p++) {
		struct iv_res_link *link = &chunk[n];
		uint32_t a = (uint32_t)(r->pairs[p] >> 32),
		         b = (uint32_t)(r->pairs[p] & 0xffffffffu);

		bool review = r->decision[p] >= RV_DECIDED_REVIEW;

		if (!r->decision[p] || (which == SAVE_ENGINE && review) ||
		    (which == SAVE_REVIEW && !review) || (root && review && root[a] == root[b]))
			continue;
		link->a = sa->recs[a].eid;
		link->b = sb->recs[b].eid;
		link->kind = link_kind(r->decision[p]);
		link->probability = r->prob[p];
		link->score = log2((r->prob[p] + 1e-300) / (1 - r->prob[p] + 1e-300));
		if (++n == SAVE_CHUNK) {
			rc = iv_store_res_put_links(r->st, chunk, n, err);
			n = 0;
		}
	}
	if (!rc && n > 0)
		rc = iv_store_res_put_links(r->st, chunk, n, err);
	iv_free(chunk);
	return rc;
}

/*
 * The blocking keys: listed with their records when the block is small
 * enough to block on; a larger block lists a sample of max_block of its
 * records, spread over it in name order, and counts the rest (the listed
 * and the counted together are the value's frequency).  Incremental runs
 * block new records on what is listed: a block's records, or its sample —
 * a second copy of a facilitator's debrief, whose phone and name are in
 * 300 others, then meets a few dozen of them, as the batch run's window
 * over the block in name order would have met some.
 */
static enum iv_err save_keys(struct run *r, struct iv_buf *err)
{
	uint64_t *keys = iv_malloc(SAVE_CHUNK * sizeof(*keys));
	const char **eids = iv_malloc(SAVE_CHUNK * sizeof(*eids));
	struct keyrec *block = NULL;
	size_t i = 0, n = 0, alloc = 0;
	enum iv_err rc = IV_OK;

	if (!keys || !eids)
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory writing blocking keys");
	while (!rc && i < r->nkr) {
		size_t j = i, take = 0, step = 1;
		const struct keyrec *from = r->kr + i;

		while (j < r->nkr && r->kr[j].key == r->kr[i].key)
			j++;
		take = j - i;
		if (take > r->o.max_block) {
			rc = iv_store_res_add_key_count(r->st, r->kr[i].key, take - r->o.max_block,
			                                err);
			if (!rc && alloc < take) {
				struct keyrec *bigger = iv_realloc(block, take * sizeof(*block));

				if (!bigger)
					rc = iv_seterr(err, IV_ERR_NOMEM,
					               "out of memory writing blocking keys");
				else
					block = bigger, alloc = take;
			}
			if (rc)
				break;
			memcpy(block, from, take * sizeof(*block));
			/* in name order (make_pairs placed every record of a big block) */
			if (r->place) {
				key_by_place(r, block, take);
				qsort(block, take, sizeof(*block), u64_cmp);
			}
			step = take / r->o.max_block;
			from = block;
			take = r->o.max_block;
		}
		for (size_t k = 0; !rc && k < take; k++) {
			keys[n] = r->kr[i].key;
			eids[n] = r->set.recs[from[k * step].rec].eid;
			if (++n == SAVE_CHUNK) {
				rc = iv_store_res_put_keys(r->st, keys, eids, n, err);
				n = 0;
			}
		}
		i = j;
	}
	if (!rc && n > 0)
		rc = iv_store_res_put_keys(r->st, keys, eids, n, err);
	iv_free(block);
	iv_free(keys);
	iv_free(eids);
	return rc;
}

static enum iv_err save_records(struct run *r, const struct rv_set *set, bool quiet,
                                struct iv_buf *err)
{
	struct iv_buf text;
	enum iv_err rc = IV_OK;

	iv_buf_init(&text, 0);
	for (size_t i = 0; !rc && i < set->nrecs; i++) {
		rc = rv_record_text(set, i, &text);
		if (rc == IV_ERR_INVALID) /* the loader keeps UTF-8 values only */
			rc = iv_seterr(
			        err, IV_ERR_INTERNAL,
			        "the resolution record of '%s' has a value that is not UTF-8",
			        set->recs[i].eid);
		else if (rc)
			rc = iv_seterr(err, rc,
			               "out of memory writing the resolution record of '%s'",
			               set->recs[i].eid);
		else
			rc = iv_store_res_put_record(r->st, set->recs[i].eid, r->fam->name,
			                             text.buf, err);
		if (!rc && !quiet && i % 16384 == 0)
			progress(&r->o, "save", i, set->nrecs);
	}
	iv_buf_release(&text);
	return rc;
}

/*
 * A batch's save, in stages: save_open opens the write transaction, clears
 * the family's earlier resolution (and drops the secondary indexes for the
 * bulk write) and writes the records; save_keys writes their blocking
 * keys; save_links_stage the links the engine made.  A stage that fails is
 * rolled back by the one that ran it (run_stage).  The review pairs, the
 * memberships and the indexes follow once the clusters are made
 * (save_close).
 */
static enum iv_err save_open(struct run *r, struct iv_buf *err)
{
	uint64_t lo, hi;
	enum iv_err rc = iv_store_begin(r->st, err);

	if (rc)
		return rc;
	rv_key_range(r->fam, &lo, &hi);
	rc = iv_store_res_clear(r->st, r->fam->name, lo, hi, err);
	if (!rc)
		rc = iv_store_res_bulk(r->st, true, err);
	return rc ? rc : save_records(r, &r->set, true, err);
}

static enum iv_err save_links_stage(struct run *r, struct iv_buf *err)
{
	return save_links(r, &r->set, &r->set, SAVE_ENGINE, NULL, err);
}

/*
 * Each stage runs on a thread of its own while the engine works on: the
 * records beside blocking and comparing (they need only the loaded set,
 * which nothing changes once it is built), the keys beside the fit (made
 * and sorted by make_keys; blocking reads them only), the engine's links
 * beside clustering (review pairs wait for the clusters, which decide which
 * of them to keep).  Blocking, fitting and clustering use one core, the
 * comparison all of them (the records' writer then takes its share), and
 * none of them the store: a stage is joined before the next starts and
 * before anything else reads or writes the store (people's verdicts are
 * read before the links' stage starts).  Without a thread the stage runs
 * where it would have started.  The write transaction is therefore open
 * from the end of the load to the commit.
 */
typedef enum iv_err (*save_stage_fn)(struct run *r, struct iv_buf *err);

struct save_stage {
	struct run *r;
	save_stage_fn fn;
	pthread_t tid;
	bool running;
	enum iv_err rc;
	struct iv_buf err;
	double seconds; /* the stages' own time on their thread, summed */
};

/* A stage, rolled back when it fails (nothing to roll back when it failed to begin). */
static enum iv_err run_stage(save_stage_fn fn, struct run *r, struct iv_buf *err)
{
	enum iv_err rc = fn(r, err);

	if (rc)
		iv_store_rollback(r->st);
	return rc;
}

static void *save_stage_thread(void *arg)
{
	struct save_stage *e = arg;
	double t = iv_clock();

	e->rc = run_stage(e->fn, e->r, &e->err);
	e->seconds += iv_clock() - t; /* read after the join */
	return NULL;
}

/* Start a stage on its thread, or run it here; *in_tx says whether the transaction is open. */
static enum iv_err save_stage_start(struct save_stage *e, struct run *r, save_stage_fn fn,
                                    bool *in_tx, struct iv_buf *err)
{
	enum iv_err rc;

	e->r = r;
	e->fn = fn;
	e->rc = IV_OK;
	iv_buf_init(&e->err, 0);
	e->running = pthread_create(&e->tid, NULL, save_stage_thread, e) == 0;
	if (e->running)
		return IV_OK;
	iv_buf_release(&e->err);
	rc = run_stage(fn, r, err); /* no thread: its share is done here */
	*in_tx = rc == IV_OK;
	return rc;
}

/* Wait for the running stage, if any; *in_tx as for save_stage_start. */
static enum iv_err save_stage_end(struct save_stage *e, bool *in_tx, struct iv_buf *err)
{
	if (!e->running)
		return IV_OK;
	pthread_join(e->tid, NULL);
	e->running = false;
	*in_tx = e->rc == IV_OK; /* a failed stage rolled the transaction back */
	if (e->rc && err) {
		iv_buf_reset(err);
		if (iv_buf_adds(err, e->err.buf ? e->err.buf : ""))
			e->rc = IV_ERR_NOMEM;
	}
	iv_buf_release(&e->err);
	return e->rc;
}

/* The rest of a batch's save, once the clusters are made; commits, or rolls back on failure. */
static enum iv_err save_close(struct run *r, struct rv_model *model, const uint32_t *root,
                              const char (*ids)[24], struct iv_buf *text, struct iv_buf *err)
{
	enum iv_err rc = save_links(r, &r->set, &r->set, SAVE_REVIEW, root, err);

	for (size_t i = 0; !rc && i < r->set.nrecs; i++)
		rc = iv_store_res_set_member(r->st, r->set.recs[i].eid, ids[i], err);
	if (!rc)
		rc = iv_store_res_bulk(r->st, false, err);
	/* (a kept model is stored again for its new mark) */
	if (!rc)
		rc = rv_model_text(r->fam, model, text);
	if (!rc)
		rc = iv_store_res_set_model(r->st, r->fam->name, text->buf, err);
	if (!rc)
		rc = iv_store_commit(r->st, err);
	else
		iv_store_rollback(r->st);
	return rc;
}

/* The model a batch decides with: the stored one (keep_model), or one fitted on the pairs. */
static enum iv_err batch_model(struct run *r, bool threshold_given, struct rv_model *model,
                               struct iv_buf *text, struct iv_buf *err)
{
	enum iv_err rc;

	if (r->o.keep_model) {
		rc = iv_store_res_get_model(r->st, r->fam->name, text, err);
		if (rc == IV_ERR_NOTFOUND)
			rc = iv_seterr(err, rc, "no stored %s model to keep: run a batch first",
			               r->fam->name);
		if (!rc)
			rc = rv_model_parse(r->fam, text->buf, model, err);
		if (!rc && !threshold_given) { /* decide as the run that fitted it */
			r->o.threshold = model->threshold;
			r->o.review_low = model->review_low;
		}
		return rc;
	}
	rc = rv_model_new(r->fam, model, err);
	if (!rc && r->npairs > 0) {
		rc = fit(r, model, err);
		if (rc == IV_ERR_INVALID) { /* nothing EM can learn from: keep the start */
			if (err)
				iv_buf_reset(err);
			rc = IV_OK;
		}
	}
	model->threshold = r->o.threshold;
	model->review_low = r->o.review_low;
	model->nrecords = r->set.nrecs;
	rv_model_count_holding(model, &r->set, true);
	return rc;
}

static enum iv_err batch_family(struct iv_store *st, const struct rv_family *fam,
                                const struct iv_resolve_options *o, bool threshold_given,
                                struct iv_resolve_report *rep, bool *ran, struct iv_buf *err)
{
	struct run r;
	struct rv_model model;
	struct iv_buf text;
	uint32_t *root = NULL;
	char(*ids)[24] = NULL;
	double t = iv_clock();
	uint64_t mark = 0;
	struct save_stage stage = {.running = false};
	bool in_tx = false; /* the save's write transaction is open */
	struct rv_verdicts verdicts;
	enum iv_err rc;

	memset(&r, 0, sizeof(r));
	memset(&model, 0, sizeof(model));
	memset(&verdicts, 0, sizeof(verdicts));
	memset(rep, 0, sizeof(*rep));
	iv_buf_init(&text, 0);
	r.st = st;
	r.fam = fam;
	r.o = *o;
	r.rep = rep;
	rep->family = fam->name;
	*ran = true; /* a batch run reports every family it was asked for */
	rv_set_init(&r.set, fam, NULL);
	rc = iv_names_new(&r.set.names, err);
	if (rc)
		goto out;
	progress(o, "read", 0, 0);
	/* a kept model is read first: without one the run stops before it changes anything */
	if (o->keep_model)
		rc = batch_model(&r, threshold_given, &model, &text, err);
	if (!rc)
		rc = iv_store_res_mark(st, &mark, err);
	if (!rc)
		rc = load_family(&r, false, err);
	if (rc)
		goto out;
	if (o->keep_model) { /* frequencies are over the records there are now, as the keys */
		model.nrecords = r.set.nrecs;
		memset(model.holding, 0, sizeof(model.holding));
		rv_model_count_holding(&model, &r.set, true);
	}
	rep->records = r.set.nrecs;
	rep->seconds[0] = iv_clock() - t;
	t = iv_clock();
	rc = save_stage_start(&stage, &r, save_open, &in_tx, err);
	if (rc)
		goto out;
	progress(o, "block", 0, r.set.nrecs);
	rc = make_keys(&r, err);
	if (!rc)
		rc = make_pairs(&r, err);
	if (rc)
		goto out;
	rep->seconds[1] = iv_clock() - t;
	t = iv_clock();
	progress(o, "compare", 0, r.npairs);
	r.count = run_key_count;
	r.count_ctx = &r;
	rc = compare_all(&r, &r.set, &r.set, err);
	if (!rc)
		rc = save_stage_end(&stage, &in_tx, err);
	if (rc)
		goto out;
	rep->seconds[2] = iv_clock() - t;
	t = iv_clock();
	progress(o, "fit", 0, r.npairs);
	rc = save_stage_start(&stage, &r, save_keys, &in_tx, err);
	if (!rc && !o->keep_model)
		rc = batch_model(&r, threshold_given, &model, &text, err);
	if (rc)
		goto out;
	decide_all(&r, &model);
	count_links(&r);
	rc = save_stage_end(&stage, &in_tx, err);
	if (rc)
		goto out;
	rep->seconds[3] = iv_clock() - t;
	t = iv_clock();
	progress(o, "cluster", 0, r.set.nrecs);
	/* people's verdicts first: clustering then leaves the store to the links' stage */
	rc = rv_verdicts_load(st, NULL, &verdicts, err);
	if (!rc)
		rc = save_stage_start(&stage, &r, save_links_stage, &in_tx, err);
	if (rc)
		goto out;
	root = iv_malloc((r.set.nrecs + 1) * sizeof(*root));
	if (!root) {
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory clustering");
		goto out;
	}
	rc = cluster_batch(&r, &verdicts, root, err);
	if (!rc)
		rc = canonical_ids(&r, root, &ids, err);
	if (!rc)
		rc = save_stage_end(&stage, &in_tx, err);
	if (rc)
		goto out;
	rep->save_beside = stage.seconds;
	rep->seconds[4] = iv_clock() - t;
	t = iv_clock();
	progress(o, "save", 0, r.set.nrecs);
	model.mark = mark;
	rc = save_close(&r, &model, root, (const char(*)[24])ids, &text, err);
	in_tx = false;
	rep->seconds[5] = iv_clock() - t;
	/* the caller's look at every pair, after the run and outside its timed phases */
	for (size_t p = 0; !rc && o->pair && p < r.npairs; p++)
		o->pair(o->pair_ctx, r.set.recs[r.pairs[p] >> 32].eid,
		        r.set.recs[r.pairs[p] & 0xffffffffu].eid, r.prob[p],
		        r.decision[p] ? (int)link_kind(r.decision[p]) : 0);
out:
	if (stage.running) { /* failed while a stage ran: wait for it, then undo it */
		struct iv_buf none = IV_BUF_INIT;

		(void)save_stage_end(&stage, &in_tx, &none);
		iv_buf_release(&none);
	}
	if (in_tx)
		iv_store_rollback(st);
	if (rc == IV_ERR_NOMEM && err && err->len == 0)
		rc = iv_seterr(err, rc, "out of memory");
	iv_free(root);
	iv_free(ids);
	rv_verdicts_release(&verdicts);
	rv_model_release(&model);
	iv_buf_release(&text);
	iv_names_free(r.set.names);
	run_release(&r);
	return rc;
}

/* The families a run covers: one (by family or schema name) or all. */
static enum iv_err families(const struct iv_resolve_options *o, const struct rv_family **out,
                            size_t *n, struct iv_buf *err)
{
	*n = 0;
	if (o->family) {
		out[0] = rv_family_find(o->family);
		if (!out[0])
			return iv_seterr(
			        err, IV_ERR_INVALID,
			        "'%s' is not a resolved family or schema (families: Person, "
			        "Organization, BankAccount, Vehicle, Vessel, UserAccount, "
			        "Identification)",
			        o->family);
		*n = 1;
		return IV_OK;
	}
	for (size_t i = 0; i < IV_RESOLVE_NFAMILIES; i++)
		out[(*n)++] = &rv_families[i];
	return IV_OK;
}

typedef enum iv_err (*family_run_fn)(struct iv_store *st, const struct rv_family *fam,
                                     const struct iv_resolve_options *o, bool threshold_given,
                                     struct iv_resolve_report *rep, bool *ran, struct iv_buf *err);

/* Run one family or all; reports of the families that ran, in order. */
static enum iv_err run_families(struct iv_store *st, const struct iv_resolve_options *opt,
                                family_run_fn run, struct iv_resolve_report *reports,
                                size_t nreports, size_t *nrun, struct iv_buf *err)
{
	struct iv_resolve_options o = defaults(opt);
	const struct rv_family *fams[IV_RESOLVE_NFAMILIES];
	size_t nf;
	enum iv_err rc = families(&o, fams, &nf, err);

	*nrun = 0;
	for (size_t i = 0; !rc && i < nf; i++) {
		struct iv_resolve_report scratch;
		bool ran = false;

		rc = run(st, fams[i], &o, opt && opt->threshold > 0,
		         *nrun < nreports ? &reports[*nrun] : &scratch, &ran, err);
		if (!rc && ran)
			(*nrun)++;
	}
	return rc;
}

enum iv_err iv_resolve_batch(struct iv_store *st, const struct iv_resolve_options *opt,
                             struct iv_resolve_report *reports, size_t nreports, size_t *nrun,
                             struct iv_buf *err)
{
	return run_families(st, opt, batch_family, reports, nreports, nrun, err);
}

/* ---- incremental ------------------------------------------------------------------------- */

struct inc {
	struct run *r;
	struct rv_set *old;      /* existing records, loaded on demand */
	struct iv_vec want;      /* char *: existing entity ids proposed by a key */
	struct iv_map seen;      /* eid -> 1 */
	const struct keyrec *kr; /* the new records carrying the key being looked up */
	size_t nkr;
	uint64_t *opairs;   /* new rec << 32 | index into want << 2 | KEY_EVIDENCE, KEY_DATED */
	struct iv_buf *err; /* for a damaged stored record */
	size_t nop, alloc_op;
};

static enum iv_err inc_candidate(void *ctx, const char *eid, const char *unused)
{
	struct inc *in = ctx;
	void *have = iv_map_get(&in->seen, eid);
	uint32_t idx;

	(void)unused;
	if (have) {
		idx = (uint32_t)((uintptr_t)have - 1);
	} else {
		char *copy = iv_strdup(eid);

		if (!copy || iv_vec_push(&in->want, copy)) {
			iv_free(copy);
			return IV_ERR_NOMEM;
		}
		idx = (uint32_t)(in->want.len - 1);
		if (iv_map_put(&in->seen, copy, (void *)(uintptr_t)(idx + 1)))
			return IV_ERR_NOMEM;
	}
	if (idx >= (UINT32_C(1) << 30))
		return IV_ERR_NOMEM; /* opairs keep the index in 30 bits */
	/* a pair with each new record that carries the key */
	for (size_t k = 0; k < in->nkr; k++) {
		if (iv_array_grow(&in->opairs, &in->alloc_op, in->nop + 1, sizeof(*in->opairs),
		                  1024))
			return IV_ERR_NOMEM;
		in->opairs[in->nop++] = (uint64_t)in->kr[k].rec << 32 | (uint64_t)idx << 2 |
		                        (in->kr[k].what & (KEY_EVIDENCE | KEY_DATED));
	}
	return IV_OK;
}

struct inc_cand {
	uint32_t idx, rank;
};

/* Higher rank first, then the earlier stored record (the order they were proposed in). */
static int inc_cand_order(const void *pa, const void *pb)
{
	const struct inc_cand *a = pa, *b = pb;

	if (a->rank != b->rank)
		return a->rank > b->rank ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/*
 * Each new record keeps, of the stored records its keys proposed, the
 * `budget` that rank first (pair_rank: a shared identifier or selector,
 * then a shared full birth date, then the most keys), as a batch run's
 * budget keeps a record's best pairs; only the stored records kept are
 * read.  in->opairs becomes one (new rec << 32 | index into in->want)
 * per pair kept, in->want the records they name.
 */
static enum iv_err inc_budget(struct inc *in, unsigned budget)
{
	struct inc_cand *cand = NULL;
	uint32_t *renum = iv_malloc((in->want.len + 1) * sizeof(*renum));
	bool *is_new = iv_calloc(in->want.len + 1); /* a stored record that is also in the run */
	struct iv_vec kept = IV_VEC_INIT;
	size_t ncand_alloc = 0, w = 0;
	enum iv_err rc = renum && is_new ? IV_OK : IV_ERR_NOMEM;

	for (size_t i = 0; !rc && i < in->want.len; i++) {
		renum[i] = UINT32_MAX;
		is_new[i] = rv_set_find(&in->r->set, in->want.items[i]) >= 0;
	}
	if (in->nop)
		qsort(in->opairs, in->nop, sizeof(*in->opairs), u64_cmp);
	for (size_t i = 0, j; !rc && i < in->nop; i = j) {
		uint64_t rec = in->opairs[i] >> 32;
		size_t nc = 0;

		for (j = i; !rc && j < in->nop && in->opairs[j] >> 32 == rec;) {
			size_t k = j;
			uint32_t count = 0;
			uint8_t what = 0;

			for (; k < in->nop && in->opairs[k] >> 2 == in->opairs[j] >> 2; k++) {
				count++;
				what |= (uint8_t)(in->opairs[k] & 3);
			}
			/* a record resolved again is new too: compared with the new ones already,
			 * it takes no place in the budget (nor does a record itself) */
			if (is_new[(in->opairs[j] & 0xffffffffu) >> 2]) {
				j = k;
				continue;
			}
			rc = iv_array_grow(&cand, &ncand_alloc, nc + 1, sizeof(*cand), 64);
			if (rc)
				break;
			cand[nc++] = (struct inc_cand){
			        (uint32_t)(in->opairs[j] & 0xffffffffu) >> 2,
			        pair_rank(count, what & KEY_EVIDENCE, what & KEY_DATED)};
			j = k;
		}
		if (rc)
			break;
		if (nc > budget) {
			qsort(cand, nc, sizeof(*cand), inc_cand_order);
			nc = budget;
		}
		for (size_t c = 0; !rc && c < nc; c++) {
			if (renum[cand[c].idx] == UINT32_MAX) {
				renum[cand[c].idx] = (uint32_t)kept.len;
				rc = iv_vec_push(&kept, in->want.items[cand[c].idx]);
				if (!rc)
					in->want.items[cand[c].idx] = NULL; /* kept owns it now */
			}
			in->opairs[w++] = rec << 32 | renum[cand[c].idx];
		}
	}
	if (!rc) {
		in->nop = w;
		iv_vec_release_all(&in->want);
		in->want = kept;
	} else {
		iv_vec_release_all(&kept);
	}
	iv_free(cand);
	iv_free(renum);
	iv_free(is_new);
	return rc;
}

static enum iv_err inc_record(void *ctx, const char *eid, const char *family, const char *text)
{
	struct inc *in = ctx;

	(void)family;
	return rv_set_add_text(in->old, eid, text, in->err);
}

struct inc_count {
	struct run *r;
	struct iv_store *st;
	const struct keyrec *prevk; /* the keys re-resolved records were stored with, sorted */
	size_t nprevk;
	pthread_mutex_t lock; /* the comparing threads ask the store one at a time */
	enum iv_err rc;       /* the first failure (the run fails after comparing) */
	struct iv_buf err;
};

/* The first of the sorted keyrecs kr[0..n) with this key (n when none). */
static size_t first_of_key(const struct keyrec *kr, size_t n, uint64_t key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (kr[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * A key's frequency: the stored records carrying it plus the new ones,
 * less the re-resolved records counted in both (their stored keys are
 * from before).
 */
static uint64_t inc_key_count(void *ctx, uint64_t key)
{
	struct inc_count *ic = ctx;
	uint64_t total = 0, before = 0;
	enum iv_err rc;

	pthread_mutex_lock(&ic->lock);
	rc = ic->rc ? ic->rc
	            : iv_store_res_key_entities(ic->st, key, 0, NULL, NULL, &total, &ic->err);
	if (rc)
		ic->rc = rc, total = 0;
	pthread_mutex_unlock(&ic->lock);
	for (size_t i = first_of_key(ic->prevk, ic->nprevk, key);
	     i < ic->nprevk && ic->prevk[i].key == key; i++)
		before++;
	total += key_count(ic->r, key);
	return total > before ? total - before : 0;
}

/* A failure to read a value's frequency while comparing fails the run: scores would be off. */
static enum iv_err inc_count_check(struct inc_count *ic, struct iv_buf *err)
{
	if (!ic->rc)
		return IV_OK;
	return iv_seterr(err, ic->rc, "reading a value's frequency while comparing: %s",
	                 ic->err.len ? ic->err.buf : iv_err_name(ic->rc));
}

/* The keys the re-resolved records had (rec = their index in r->set), sorted. */
static enum iv_err prev_keys(struct run *r, struct keyrec **out, size_t *n, struct iv_buf *err)
{
	uint64_t *keys = NULL;
	size_t alloc = 0, cap = 0;
	enum iv_err rc = IV_OK;

	*out = NULL;
	*n = 0;
	for (size_t i = 0; !rc && r->prev && i < r->prev->nrecs; i++) {
		long rec = rv_set_find(&r->set, r->prev->recs[i].eid);
		size_t nk = 0;

		rc = rv_record_keys(r->prev, i, &keys, &nk, &alloc, NULL, NULL, NULL);
		if (rc || rec < 0)
			continue;
		if (*n + nk > cap) {
			size_t bigger = (*n + nk) * 2;
			struct keyrec *p = iv_realloc(*out, bigger * sizeof(*p));

			if (!p) {
				rc = IV_ERR_NOMEM;
				break;
			}
			*out = p;
			cap = bigger;
		}
		for (size_t k = 0; k < nk; k++)
			(*out)[(*n)++] = (struct keyrec){keys[k], (uint32_t)rec, false};
	}
	iv_free(keys);
	if (!rc)
		rc = radix_sort(*out, *n, sizeof(**out));
	if (!rc) { /* one key made by two values of a record is stored once: count it once */
		size_t w = 0;

		for (size_t i = 0; i < *n; i++)
			if (w == 0 || (*out)[i].key != (*out)[w - 1].key ||
			    (*out)[i].rec != (*out)[w - 1].rec)
				(*out)[w++] = (*out)[i];
		*n = w;
	}
	return rc ? iv_seterr(err, rc, "out of memory") : IV_OK;
}

static bool had_key(const struct keyrec *kr, size_t n, uint64_t key, uint32_t rec)
{
	for (size_t lo = first_of_key(kr, n, key); lo < n && kr[lo].key == key; lo++)
		if (kr[lo].rec == rec)
			return true;
	return false;
}

static enum iv_err incremental_family(struct iv_store *st, const struct rv_family *fam,
                                      const struct iv_resolve_options *o, bool threshold_given,
                                      struct iv_resolve_report *rep, bool *ran, struct iv_buf *err)
{
	struct run r, rold;
	struct rv_set old, prev;
	struct inc in;
	struct inc_count ic = {NULL, NULL, NULL, 0, PTHREAD_MUTEX_INITIALIZER, IV_OK, IV_BUF_INIT};
	struct rv_model model;
	struct iv_buf text;
	const char **seeds = NULL;
	struct keyrec *prevk = NULL;
	size_t nprevk = 0;
	uint64_t mark_now = 0;
	double t = iv_clock();
	size_t nseeds = 0;
	bool refit = false;
	enum iv_err rc;

	*ran = false;
	memset(&r, 0, sizeof(r));
	memset(&rold, 0, sizeof(rold));
	memset(&in, 0, sizeof(in));
	memset(&model, 0, sizeof(model));
	memset(rep, 0, sizeof(*rep));
	iv_buf_init(&text, 0);
	rep->family = fam->name;
	rv_set_init(&r.set, fam, NULL);
	rv_set_init(&old, fam, NULL);
	rv_set_init(&prev, fam, NULL);
	rc = iv_store_res_get_model(st, fam->name, &text, err);
	if (rc == IV_ERR_NOTFOUND) {
		if (err)
			iv_buf_reset(err);
		rc = IV_OK;
		goto out; /* never batch-resolved: nothing to match against */
	}
	if (!rc)
		rc = rv_model_parse(fam, text.buf, &model, err);
	if (rc == IV_ERR_DB) {
		/* a model from an older version (or a damaged one) cannot score new records:
		 * it is fitted again by a batch run of the family, as 'invigor resolve' would */
		if (err)
			iv_buf_reset(err);
		refit = true;
		rc = IV_OK;
		goto out;
	}
	if (rc)
		goto out;
	r.st = st;
	r.fam = fam;
	r.o = *o;
	if (!threshold_given) { /* decide as the batch run that fitted the model did */
		r.o.threshold = model.threshold;
		r.o.review_low = model.review_low;
	}
	r.rep = rep;
	rc = iv_names_new(&r.set.names, err);
	if (rc)
		goto out;
	old.names = r.set.names;
	prev.names = r.set.names;
	r.prev = &prev;
	r.since = model.mark;
	rc = iv_store_res_mark(st, &mark_now, err);
	if (!rc)
		rc = load_family(&r, true, err);
	if (!rc && r.set.nrecs == 0 && mark_now > model.mark) {
		/* nothing of this family changed: move the mark on, so later runs look at less */
		model.mark = mark_now;
		rc = rv_model_text(fam, &model, &text);
		if (!rc)
			rc = iv_store_begin(st, err);
		if (!rc) {
			rc = iv_store_res_set_model(st, fam->name, text.buf, err);
			if (!rc)
				rc = iv_store_commit(st, err);
			else
				iv_store_rollback(st);
		}
	}
	if (rc || r.set.nrecs == 0)
		goto out;
	*ran = true;
	rep->records = r.set.nrecs;
	rep->new_records = r.set.nrecs - r.nstale;
	rep->stored_records = model.nrecords;
	rep->updated = r.nstale;
	rep->seconds[0] = iv_clock() - t;
	t = iv_clock();
	/* pairs among the new records, as a batch would make them */
	rc = make_keys(&r, err);
	if (!rc)
		rc = make_pairs(&r, err);
	if (rc)
		goto out;
	/* pairs with stored records: the keys' blocks in the store */
	in.r = &r;
	in.old = &old;
	in.err = err;
	/* r.kr is in key order: a key's block is read once for all the new records with it */
	for (size_t k = 0, next; !rc && k < r.nkr; k = next) {
		uint64_t total = 0;
		uint8_t what = r.kr[k].what;

		for (next = k + 1; next < r.nkr && r.kr[next].key == r.kr[k].key; next++)
			what |= r.kr[next].what;
		in.kr = r.kr + k;
		in.nkr = next - k;
		if (what & KEY_COUNTED) /* a value's frequency, not a block (as make_pairs) */
			continue;
		/* the block's records, or the sample a block over max_block lists (save_keys) */
		rc = iv_store_res_key_entities(st, r.kr[k].key, r.o.max_block, inc_candidate, &in,
		                               &total, err);
	}
	if (!rc && inc_budget(&in, r.o.budget))
		rc = iv_seterr(err, IV_ERR_NOMEM,
		               "out of memory choosing stored records to compare");
	if (!rc)
		rc = iv_store_res_get_records(st, (const char *const *)in.want.items, in.want.len,
		                              inc_record, &in, err);
	if (!rc)
		rc = rv_set_build(&old, err);
	if (rc)
		goto out;
	rep->seconds[1] = iv_clock() - t;
	t = iv_clock();
	/* compare: new x new, then new x old; frequencies come from the store (inc_key_count) */
	rc = prev_keys(&r, &prevk, &nprevk, err);
	if (rc)
		goto out;
	ic.r = &r;
	ic.st = st;
	ic.prevk = prevk;
	ic.nprevk = nprevk;
	r.count = inc_key_count;
	r.count_ctx = &ic;
	rc = compare_all(&r, &r.set, &r.set, err);
	if (!rc)
		rc = inc_count_check(&ic, err);
	if (rc)
		goto out;
	rold.st = st;
	rold.fam = fam;
	rold.o = r.o;
	rold.rep = rep;
	rold.count = inc_key_count;
	rold.count_ctx = &ic;
	if (in.nop)
		qsort(in.opairs, in.nop, sizeof(*in.opairs), u64_cmp);
	for (size_t i = 0; i < in.nop;) {
		size_t j = i;
		const char *eid = in.want.items[in.opairs[i] & 0xffffffffu];
		long oi = rv_set_find(&old, eid);

		while (j < in.nop && in.opairs[j] == in.opairs[i])
			j++;
		/* the (new, old) pair; an old record that is also new was already compared */
		if (oi >= 0 && rv_set_find(&r.set, eid) < 0) {
			/* (new, old): not ordered like pairs inside one set */
			rc = push_pair(&rold, 0, 1);
			if (rc)
				goto out;
			rold.pairs[rold.npairs - 1] =
			        (in.opairs[i] & ~0xffffffffull) | (uint64_t)oi;
		}
		i = j;
	}
	rep->pairs_blocked += rold.npairs;
	rep->pairs_compared += rold.npairs;
	rc = compare_all(&rold, &r.set, &old, err);
	if (!rc)
		rc = inc_count_check(&ic, err);
	if (rc)
		goto out;
	rep->seconds[2] = iv_clock() - t;
	t = iv_clock();
	/* a value's frequency is over the records there are now, as a batch run would count it */
	model.nrecords += rep->new_records;
	rv_model_count_holding(&model, &r.set, true);
	rv_model_count_holding(&model, &prev, false);
	decide_all(&r, &model);
	decide_all(&rold, &model);
	count_links(&r);
	count_links(&rold);
	rep->seconds[3] = iv_clock() - t;
	t = iv_clock();
	rc = iv_store_begin(st, err);
	if (rc)
		goto out;
	rc = save_records(&r, &r.set, false, err);
	for (size_t k = 0; !rc && k < r.nkr; k++) {
		uint64_t total = 0;

		/* a re-resolved record's keys from before are stored already */
		if (had_key(prevk, nprevk, r.kr[k].key, r.kr[k].rec))
			continue;
		/* a key too common to list stays a count, as a batch run leaves it */
		rc = iv_store_res_key_entities(st, r.kr[k].key, 0, NULL, NULL, &total, err);
		if (!rc && total > r.o.max_block)
			rc = iv_store_res_add_key_count(st, r.kr[k].key, 1, err);
		else if (!rc)
			rc = iv_store_res_put_key(st, r.kr[k].key, r.set.recs[r.kr[k].rec].eid,
			                          err);
	}
	if (!rc)
		rc = save_links(&r, &r.set, &r.set, SAVE_ALL, NULL, err);
	if (!rc)
		rc = save_links(&rold, &r.set, &old, SAVE_ALL, NULL, err);
	if (!rc) {
		seeds = iv_malloc((r.set.nrecs + 1) * sizeof(*seeds));
		if (!seeds)
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
		for (size_t i = 0; !rc && i < r.set.nrecs; i++)
			seeds[nseeds++] = r.set.recs[i].eid;
	}
	if (!rc)
		rc = rv_recluster(st, seeds, nseeds, NULL, err);
	if (!rc) {
		model.mark = mark_now;
		rc = rv_model_text(fam, &model, &text);
	}
	if (!rc)
		rc = iv_store_res_set_model(st, fam->name, text.buf, err);
	if (!rc)
		rc = iv_store_commit(st, err);
	else
		iv_store_rollback(st);
	rep->seconds[4] = iv_clock() - t;
out:
	iv_buf_release(&ic.err);
	pthread_mutex_destroy(&ic.lock);
	iv_free(seeds);
	iv_free(prevk);
	iv_free(in.opairs);
	iv_vec_release_all(&in.want);
	iv_map_release(&in.seen);
	rv_model_release(&model);
	iv_buf_release(&text);
	old.names = NULL;
	rv_set_release(&old);
	prev.names = NULL;
	rv_set_release(&prev);
	iv_names_free(r.set.names);
	r.set.names = NULL;
	run_release(&r);
	rold.set.names = NULL;
	run_release(&rold);
	if (refit && !rc) {
		rc = batch_family(st, fam, o, threshold_given, rep, ran, err);
		rep->refitted = true;
	}
	return rc;
}

enum iv_err iv_resolve_incremental(struct iv_store *st, const struct iv_resolve_options *opt,
                                   struct iv_resolve_report *reports, size_t nreports, size_t *nrun,
                                   struct iv_buf *err)
{
	return run_families(st, opt, incremental_family, reports, nreports, nrun, err);
}
