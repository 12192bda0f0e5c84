/*
 * resolve.c - the resolution runs' entry points and what holds a run
 * together: the options' defaults, a run's lifecycle, reading its records,
 * and the batch run's order of steps.  Each step has a file of its own
 * (named below); run_int.h has the run's state they share.
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
 *            (rv_pair_rank), and each record keeps at most `budget` pairs
 *            (besides those between names) [block.c];
 *  3. compare each kept pair into feature levels (two threads) [compare.c];
 *  4. fit    the Fellegi-Sunter model by EM on the pairs (no labels), then
 *            score every pair with term-frequency adjustment [fit.c, with
 *            the model and its scoring in model.c];
 *  5. decide strong identifier shared -> link (unless the rest of the
 *            evidence denies it, rv_strong_denied: a reused number, for
 *            review), conflicting -> veto,
 *            probability >= threshold and corroborated -> link, a shared
 *            selector and a compatible name at >= 0.5 -> link, in
 *            [review_low, threshold) -> review; people's judgements
 *            override all of it [fit.c, by model.c's rules];
 *  6. cluster (here, with cluster.c) and save records, keys, links,
 *            memberships and the model [save.c].
 *
 * Incremental [incremental.c]: the records not resolved yet are blocked
 * against the stored keys (and each other), scored with the stored model,
 * linked, and the clusters around them are re-made (cluster.c).
 */
#include <string.h>

#include "resolve/run_int.h"

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

void rv_progress(const struct iv_resolve_options *o, const char *phase, uint64_t done,
                 uint64_t total)
{
	if (o->progress)
		o->progress(o->progress_ctx, phase, done, total);
}

/* ---- a run's state (struct run: run_int.h) -------------------------------------------------- */

void rv_run_release(struct run *r)
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

int rv_u64_cmp(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;

	return a < b ? -1 : a > b;
}

/*
 * LSD radix sort, 16 bits a pass, of n items of `size` bytes whose first
 * 8 bytes are a uint64_t key; stable, so items equal in key keep their
 * order.  Passes whose digit is the same for every item are skipped.
 */
enum iv_err rv_radix_sort(void *items, size_t n, size_t size)
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

/* ---- reading the records --------------------------------------------------------------------- */

struct adopt {
	struct run *r;
	struct iv_buf *err;
};

static IV_MUST_USE enum iv_err adopt_one(void *ctx, const char *eid, const char *family,
                                         const char *text)
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
static IV_MUST_USE enum iv_err adopt_stale(struct run *r, struct iv_buf *err)
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

static IV_MUST_USE enum iv_err changed_statement(void *ctx, const struct iv_statement *st)
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
static IV_MUST_USE enum iv_err read_unread_accounts(struct run *r, struct rv_loader *l,
                                                    struct iv_buf *err)
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
enum iv_err rv_load_family(struct run *r, bool unresolved, struct iv_buf *err)
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

/* ---- batch ----------------------------------------------------------------------------------- */

/*
 * Cluster the whole family (batch), with people's verdicts (v, read from
 * the store before) over the engine's links.  Uses none of the store.
 */
/* The engine's links and the verdicts on the pairs it compared, as edges; returns how many. */
static size_t compared_edges(const struct run *r, const struct rv_verdicts *v,
                             struct rv_edge *edges)
{
	size_t nedges = 0;

	for (size_t p = 0; p < r->npairs; p++) {
		uint32_t a = (uint32_t)(r->pairs[p] >> 32),
		         b = (uint32_t)(r->pairs[p] & 0xffffffffu);
		char verdict = rv_verdict(v, r->set.recs[a].eid, r->set.recs[b].eid);
		int kind;

		if (!r->decision[p] && !verdict)
			continue;
		kind = rv_edge_kind_of(rv_link_kind(r->decision[p]), verdict);
		if (!r->decision[p] && verdict == 'u')
			kind = 0;
		if (kind)
			edges[nedges++] = (struct rv_edge){a, b, kind, r->prob[p]};
	}
	return nedges;
}

/* Verdicts on pairs the engine did not compare, appended to edges at *nedges. */
static IV_MUST_USE enum iv_err judged_edges(struct run *r, const struct rv_verdicts *v,
                                            struct rv_edge *edges, size_t *nedges,
                                            struct iv_buf *err)
{
	struct rv_verdict_pair p;
	size_t pos = 0;

	while (rv_verdicts_next(v, &pos, &p)) {
		struct iv_buf first;
		long a, b;

		if (p.verdict == 'u')
			continue;
		iv_buf_init(&first, 0);
		if (iv_buf_add(&first, p.a, p.alen)) {
			iv_buf_release(&first);
			return iv_seterr(err, IV_ERR_NOMEM, "out of memory clustering");
		}
		a = rv_set_find(&r->set, first.buf);
		b = rv_set_find(&r->set, p.b);
		iv_buf_release(&first);
		if (a < 0 || b < 0)
			continue;
		edges[(*nedges)++] =
		        (struct rv_edge){(uint32_t)a, (uint32_t)b,
		                         p.verdict == 's' ? RV_E_SAME : RV_E_DIFFERENT, 1.0};
		r->rep->judgements++;
	}
	return IV_OK;
}

/* Cluster the edges (rv_cluster orders them): records ranked by id, bridging ones marked. */
static IV_MUST_USE enum iv_err cluster_edges(struct run *r, struct rv_edge *edges, size_t nedges,
                                             uint32_t *root, struct iv_buf *err)
{
	const char **names = iv_malloc((r->set.nrecs + 1) * sizeof(*names));
	bool *bridging = iv_malloc(r->set.nrecs + 1);
	uint32_t *rank = NULL;
	size_t held = 0;
	enum iv_err rc;

	for (size_t i = 0; names && bridging && i < r->set.nrecs; i++) {
		names[i] = r->set.recs[i].eid;
		bridging[i] = rv_record_bridges(&r->set, i);
	}
	rank = names && bridging ? rv_rank_names(names, r->set.nrecs) : NULL;
	iv_free(names);
	if (!rank) {
		iv_free(bridging);
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory clustering");
	}
	rc = rv_cluster(r->set.nrecs, edges, nedges, rank, bridging, r->fam->bare_bridges, root,
	                &held, err);
	r->rep->bridging_held = held;
	iv_free(rank);
	iv_free(bridging);
	return rc;
}

static IV_MUST_USE enum iv_err cluster_batch(struct run *r, const struct rv_verdicts *v,
                                             uint32_t *root, struct iv_buf *err)
{
	struct rv_edge *edges = iv_malloc((r->npairs + v->n + 1) * sizeof(*edges));
	size_t nedges;
	enum iv_err rc;

	if (!edges)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory clustering");
	nedges = compared_edges(r, v, edges);
	rc = judged_edges(r, v, edges, &nedges, err);
	if (!rc)
		rc = cluster_edges(r, edges, nedges, root, err);
	iv_free(edges);
	return rc;
}

/* Canonical ids and report figures from cluster roots. */
static IV_MUST_USE enum iv_err canonical_ids(struct run *r, const uint32_t *root, char (**ids)[24],
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

static uint64_t run_key_count(void *ctx, uint64_t key)
{
	return rv_key_count(ctx, key);
}

/* The model a batch decides with: the stored one (keep_model), or one fitted on the pairs. */
static IV_MUST_USE enum iv_err batch_model(struct run *r, bool threshold_given,
                                           struct rv_model *model, struct iv_buf *text,
                                           struct iv_buf *err)
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
		rc = rv_fit(r, model, err);
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

/* What one family's batch run holds from step to step; batch_release frees it. */
struct batch {
	struct run r;
	const struct iv_resolve_options *o; /* the caller's (r.o is the run's copy) */
	bool threshold_given;
	struct rv_model model;
	struct iv_buf text;          /* the model's text, as read and as saved */
	struct rv_verdicts verdicts; /* people's verdicts, read before clustering */
	uint32_t *root;              /* per record: its cluster's root */
	char (*ids)[24];             /* per record: its canonical id */
	struct save_stage stage;     /* the save's stage running beside the engine, if any */
	bool in_tx;                  /* the save's write transaction is open */
	uint64_t mark;               /* the store's mark when the run began: the model's */
	double t;                    /* when the phase being timed began */
};

/* Start the clock, empty the report and give the run its family and options. */
static void batch_init(struct batch *b, struct iv_store *st, const struct rv_family *fam,
                       const struct iv_resolve_options *o, bool threshold_given,
                       struct iv_resolve_report *rep)
{
	memset(b, 0, sizeof(*b));
	b->t = iv_clock();
	memset(rep, 0, sizeof(*rep));
	iv_buf_init(&b->text, 0);
	b->o = o;
	b->threshold_given = threshold_given;
	b->r.st = st;
	b->r.fam = fam;
	b->r.o = *o;
	b->r.rep = rep;
	rep->family = fam->name;
	rv_set_init(&b->r.set, fam, NULL);
}

/* The time since the last lap, as the report's phase `phase`; the next phase starts. */
static void batch_lap(struct batch *b, int phase)
{
	b->r.rep->seconds[phase] = iv_clock() - b->t;
	b->t = iv_clock();
}

/*
 * Read every record of the family (rv_load_family), and the store's mark;
 * a kept model is read first: without one the run stops before it changes
 * anything.
 */
static IV_MUST_USE enum iv_err batch_load(struct batch *b, struct iv_buf *err)
{
	struct run *r = &b->r;
	enum iv_err rc = iv_names_new(&r->set.names, err);

	if (rc)
		return rc;
	rv_progress(b->o, "read", 0, 0);
	if (b->o->keep_model)
		rc = batch_model(r, b->threshold_given, &b->model, &b->text, err);
	if (!rc)
		rc = iv_store_res_mark(r->st, &b->mark, err);
	if (!rc)
		rc = rv_load_family(r, false, err);
	if (rc)
		return rc;
	if (b->o->keep_model) { /* frequencies are over the records there are now, as the keys */
		b->model.nrecords = r->set.nrecs;
		memset(b->model.holding, 0, sizeof(b->model.holding));
		rv_model_count_holding(&b->model, &r->set, true);
	}
	r->rep->records = r->set.nrecs;
	batch_lap(b, 0);
	return IV_OK;
}

/* Keys and candidate pairs (block.c), while the save's first stage writes the records. */
static IV_MUST_USE enum iv_err batch_block(struct batch *b, struct iv_buf *err)
{
	enum iv_err rc = rv_save_stage_start(&b->stage, &b->r, rv_save_open, &b->in_tx, err);

	if (rc)
		return rc;
	rv_progress(b->o, "block", 0, b->r.set.nrecs);
	rc = rv_make_keys(&b->r, err);
	if (!rc)
		rc = rv_make_pairs(&b->r, err);
	if (rc)
		return rc;
	batch_lap(b, 1);
	return IV_OK;
}

/* Compare the candidate pairs (compare.c); the records' stage then ends. */
static IV_MUST_USE enum iv_err batch_compare(struct batch *b, struct iv_buf *err)
{
	enum iv_err rc;

	rv_progress(b->o, "compare", 0, b->r.npairs);
	b->r.count = run_key_count;
	b->r.count_ctx = &b->r;
	rc = rv_compare_all(&b->r, &b->r.set, &b->r.set, err);
	if (!rc)
		rc = rv_save_stage_end(&b->stage, &b->in_tx, err);
	if (rc)
		return rc;
	batch_lap(b, 2);
	return IV_OK;
}

/* Fit the model (unless kept), score and decide every pair, while the keys' stage writes. */
static IV_MUST_USE enum iv_err batch_decide(struct batch *b, struct iv_buf *err)
{
	enum iv_err rc;

	rv_progress(b->o, "fit", 0, b->r.npairs);
	rc = rv_save_stage_start(&b->stage, &b->r, rv_save_keys, &b->in_tx, err);
	if (!rc && !b->o->keep_model)
		rc = batch_model(&b->r, b->threshold_given, &b->model, &b->text, err);
	if (rc)
		return rc;
	rv_decide_all(&b->r, &b->model);
	rv_count_links(&b->r);
	rc = rv_save_stage_end(&b->stage, &b->in_tx, err);
	if (rc)
		return rc;
	batch_lap(b, 3);
	return IV_OK;
}

/*
 * Cluster with people's verdicts and name the clusters, while the
 * engine's links' stage writes; the verdicts are read before it starts.
 */
static IV_MUST_USE enum iv_err batch_cluster(struct batch *b, struct iv_buf *err)
{
	struct run *r = &b->r;
	enum iv_err rc;

	rv_progress(b->o, "cluster", 0, r->set.nrecs);
	/* people's verdicts first: clustering then leaves the store to the links' stage */
	rc = rv_verdicts_load(r->st, NULL, &b->verdicts, err);
	if (!rc)
		rc = rv_save_stage_start(&b->stage, r, rv_save_links_stage, &b->in_tx, err);
	if (rc)
		return rc;
	b->root = iv_malloc((r->set.nrecs + 1) * sizeof(*b->root));
	if (!b->root)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory clustering");
	rc = cluster_batch(r, &b->verdicts, b->root, err);
	if (!rc)
		rc = canonical_ids(r, b->root, &b->ids, err);
	if (!rc)
		rc = rv_save_stage_end(&b->stage, &b->in_tx, err);
	if (rc)
		return rc;
	r->rep->save_beside = b->stage.seconds;
	batch_lap(b, 4);
	return IV_OK;
}

/* The rest of the save (rv_save_close): review links, members, the model; commits. */
static IV_MUST_USE enum iv_err batch_save(struct batch *b, struct iv_buf *err)
{
	enum iv_err rc;

	rv_progress(b->o, "save", 0, b->r.set.nrecs);
	b->model.mark = b->mark;
	rc = rv_save_close(&b->r, &b->model, (const char(*)[24])b->ids, &b->text, err);
	b->in_tx = false;
	batch_lap(b, 5);
	return rc;
}

/* The caller's look at every pair (o->pair), after the run and outside its timed phases. */
static void batch_show_pairs(const struct batch *b)
{
	const struct run *r = &b->r;

	for (size_t p = 0; b->o->pair && p < r->npairs; p++)
		b->o->pair(b->o->pair_ctx, r->set.recs[r->pairs[p] >> 32].eid,
		           r->set.recs[r->pairs[p] & 0xffffffffu].eid, r->prob[p],
		           r->decision[p] ? (int)rv_link_kind(r->decision[p]) : 0);
}

/* What a failed run leaves: a stage still running (waited for), an open transaction (rolled back).
 */
static void batch_abandon(struct batch *b)
{
	if (b->stage.running) {
		struct iv_buf none = IV_BUF_INIT;

		(void)rv_save_stage_end(&b->stage, &b->in_tx, &none);
		iv_buf_release(&none);
	}
	if (b->in_tx)
		iv_store_rollback(b->r.st);
}

/* Free what the run holds. */
static void batch_release(struct batch *b)
{
	iv_free(b->root);
	iv_free(b->ids);
	rv_verdicts_release(&b->verdicts);
	rv_model_release(&b->model);
	iv_buf_release(&b->text);
	iv_names_free(b->r.set.names);
	rv_run_release(&b->r);
}

enum iv_err rv_batch_family(struct iv_store *st, const struct rv_family *fam,
                            const struct iv_resolve_options *o, bool threshold_given,
                            struct iv_resolve_report *rep, bool *ran, struct iv_buf *err)
{
	struct batch b;
	enum iv_err rc;

	batch_init(&b, st, fam, o, threshold_given, rep);
	*ran = true; /* a batch run reports every family it was asked for */
	rc = batch_load(&b, err);
	if (!rc)
		rc = batch_block(&b, err);
	if (!rc)
		rc = batch_compare(&b, err);
	if (!rc)
		rc = batch_decide(&b, err);
	if (!rc)
		rc = batch_cluster(&b, err);
	if (!rc)
		rc = batch_save(&b, err);
	if (!rc)
		batch_show_pairs(&b);
	batch_abandon(&b);
	if (rc == IV_ERR_NOMEM && err && err->len == 0)
		rc = iv_seterr(err, rc, "out of memory");
	batch_release(&b);
	return rc;
}

/* The families a run covers: one (by family or schema name) or all. */
static IV_MUST_USE enum iv_err families(const struct iv_resolve_options *o,
                                        const struct rv_family **out, size_t *n, struct iv_buf *err)
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
static IV_MUST_USE enum iv_err run_families(struct iv_store *st,
                                            const struct iv_resolve_options *opt, family_run_fn run,
                                            struct iv_resolve_report *reports, size_t nreports,
                                            size_t *nrun, struct iv_buf *err)
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
	return run_families(st, opt, rv_batch_family, reports, nreports, nrun, err);
}

/* The incremental run's steps are in incremental.c. */
enum iv_err iv_resolve_incremental(struct iv_store *st, const struct iv_resolve_options *opt,
                                   struct iv_resolve_report *reports, size_t nreports, size_t *nrun,
                                   struct iv_buf *err)
{
	return run_families(st, opt, rv_incremental_family, reports, nreports, nrun, err);
}
