/*
 * incremental.c - a family's incremental run: the records not resolved
 * yet, and the resolved ones whose statements changed since the model's
 * mark, are blocked among themselves as a batch run blocks and against
 * the stored keys, compared, scored with the stored model and linked, and
 * the clusters around them are re-made (rv_recluster, cluster.c).  A
 * family never batch-resolved is left alone; one whose stored model is
 * damaged or of another form is resolved by a batch run instead
 * (docs/resolution.md, "Incremental runs").
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "resolve/run_int.h"

#include "iv/util.h"

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

static IV_MUST_USE enum iv_err inc_candidate(void *ctx, const char *eid, const char *unused)
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

/* inc_budget's work: the candidates of one new record, and the stored records kept so far. */
struct inc_keep {
	uint32_t *renum;       /* per proposed record: its index in kept (UINT32_MAX: not kept) */
	bool *is_new;          /* per proposed record: a stored record that is also in the run */
	struct inc_cand *cand; /* one new record's candidates */
	size_t ncand, ncand_alloc;
	struct iv_vec kept; /* char *: the ids of the stored records kept, moved from in->want */
	size_t w;           /* in->opairs rewritten up to here */
};

/* Nothing kept yet; which of the proposed records are in the run too. */
static IV_MUST_USE enum iv_err inc_keep_init(struct inc_keep *keep, const struct inc *in)
{
	keep->renum = iv_malloc((in->want.len + 1) * sizeof(*keep->renum));
	keep->is_new = iv_calloc(in->want.len + 1);
	if (!keep->renum || !keep->is_new)
		return IV_ERR_NOMEM;
	for (size_t i = 0; i < in->want.len; i++) {
		keep->renum[i] = UINT32_MAX;
		keep->is_new[i] = rv_set_find(&in->r->set, in->want.items[i]) >= 0;
	}
	return IV_OK;
}

/*
 * One new record's candidates into keep->cand, from its pairs
 * in->opairs[i..*end) (sorted): each stored record its keys proposed,
 * once, ranked by what the keys are of (rv_pair_rank).
 */
static IV_MUST_USE enum iv_err inc_candidates(struct inc_keep *keep, const struct inc *in, size_t i,
                                              size_t *end)
{
	uint64_t rec = in->opairs[i] >> 32;
	size_t j = i;
	enum iv_err rc;

	keep->ncand = 0;
	while (j < in->nop && in->opairs[j] >> 32 == rec) {
		size_t k = j;
		uint32_t count = 0;
		uint8_t what = 0;

		for (; k < in->nop && in->opairs[k] >> 2 == in->opairs[j] >> 2; k++) {
			count++;
			what |= (uint8_t)(in->opairs[k] & 3);
		}
		/* a record resolved again is new too: compared with the new ones already,
		 * it takes no place in the budget (nor does a record itself) */
		if (!keep->is_new[(in->opairs[j] & 0xffffffffu) >> 2]) {
			rc = iv_array_grow(&keep->cand, &keep->ncand_alloc, keep->ncand + 1,
			                   sizeof(*keep->cand), 64);
			if (rc)
				return rc;
			keep->cand[keep->ncand++] = (struct inc_cand){
			        (uint32_t)(in->opairs[j] & 0xffffffffu) >> 2,
			        rv_pair_rank(count, what & KEY_EVIDENCE, what & KEY_DATED)};
		}
		j = k;
	}
	*end = j;
	return IV_OK;
}

/*
 * Of new record rec's candidates, the `budget` that rank first: each
 * stored record kept moves from in->want to keep->kept (once), and each
 * pair kept is rewritten into in->opairs as rec << 32 | its index there.
 */
static IV_MUST_USE enum iv_err inc_keep_best(struct inc_keep *keep, struct inc *in, uint64_t rec,
                                             unsigned budget)
{
	size_t nc = keep->ncand;
	enum iv_err rc = IV_OK;

	if (nc > budget) {
		qsort(keep->cand, nc, sizeof(*keep->cand), inc_cand_order);
		nc = budget;
	}
	for (size_t c = 0; !rc && c < nc; c++) {
		uint32_t idx = keep->cand[c].idx;

		if (keep->renum[idx] == UINT32_MAX) {
			keep->renum[idx] = (uint32_t)keep->kept.len;
			rc = iv_vec_push(&keep->kept, in->want.items[idx]);
			if (!rc)
				in->want.items[idx] = NULL; /* kept owns it now */
		}
		in->opairs[keep->w++] = rec << 32 | keep->renum[idx];
	}
	return rc;
}

/*
 * Each new record keeps, of the stored records its keys proposed, the
 * `budget` that rank first (rv_pair_rank: a shared identifier or selector,
 * then a shared full birth date, then the most keys), as a batch run's
 * budget keeps a record's best pairs; only the stored records kept are
 * read.  in->opairs becomes one (new rec << 32 | index into in->want)
 * per pair kept, in->want the records they name.
 */
static IV_MUST_USE enum iv_err inc_budget(struct inc *in, unsigned budget)
{
	struct inc_keep keep = {.kept = IV_VEC_INIT};
	enum iv_err rc = inc_keep_init(&keep, in);

	if (in->nop)
		qsort(in->opairs, in->nop, sizeof(*in->opairs), rv_u64_cmp);
	for (size_t i = 0, end = 0; !rc && i < in->nop; i = end) {
		uint64_t rec = in->opairs[i] >> 32;

		rc = inc_candidates(&keep, in, i, &end);
		if (!rc)
			rc = inc_keep_best(&keep, in, rec, budget);
	}
	if (!rc) {
		in->nop = keep.w;
		iv_vec_release_all(&in->want);
		in->want = keep.kept;
	} else {
		iv_vec_release_all(&keep.kept);
	}
	iv_free(keep.cand);
	iv_free(keep.renum);
	iv_free(keep.is_new);
	return rc;
}

static IV_MUST_USE enum iv_err inc_record(void *ctx, const char *eid, const char *family,
                                          const char *text)
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
	total += rv_key_count(ic->r, key);
	return total > before ? total - before : 0;
}

/* A failure to read a value's frequency while comparing fails the run: scores would be off. */
static IV_MUST_USE enum iv_err inc_count_check(struct inc_count *ic, struct iv_buf *err)
{
	if (!ic->rc)
		return IV_OK;
	return iv_seterr(err, ic->rc, "reading a value's frequency while comparing: %s",
	                 ic->err.len ? ic->err.buf : iv_err_name(ic->rc));
}

/* The keys the re-resolved records had (rec = their index in r->set), sorted. */
static IV_MUST_USE enum iv_err prev_keys(struct run *r, struct keyrec **out, size_t *n,
                                         struct iv_buf *err)
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
		rc = iv_array_grow(out, &cap, *n + nk, sizeof(**out), 1024);
		if (rc)
			break;
		for (size_t k = 0; k < nk; k++)
			(*out)[(*n)++] = (struct keyrec){keys[k], (uint32_t)rec, false};
	}
	iv_free(keys);
	if (!rc) /* one key made by two values of a record is stored once: count it once */
		rc = rv_keyrecs_unique(*out, n);
	return rc ? iv_seterr(err, rc, "out of memory") : IV_OK;
}

static bool had_key(const struct keyrec *kr, size_t n, uint64_t key, uint32_t rec)
{
	for (size_t lo = first_of_key(kr, n, key); lo < n && kr[lo].key == key; lo++)
		if (kr[lo].rec == rec)
			return true;
	return false;
}

/* What one family's incremental run holds from step to step; inc_family_release frees it. */
struct inc_family {
	struct iv_store *st;
	const struct rv_family *fam;
	struct iv_resolve_report *rep;
	struct run r;          /* the new and re-resolved records, and the pairs among them */
	struct run rold;       /* the (new, stored) pairs; its set stays empty */
	struct rv_set old;     /* the stored records compared with the new ones */
	struct rv_set prev;    /* the re-resolved records as they were stored */
	struct inc in;         /* the stored records the keys propose */
	struct inc_count ic;   /* a value's frequency while comparing */
	struct rv_model model; /* the stored model */
	struct iv_buf text;    /* the model's text, as read and as saved */
	struct keyrec *prevk;  /* the keys the re-resolved records had (prev_keys) */
	size_t nprevk;
	uint64_t mark_now; /* the store's mark when the run began: the model's next mark */
	double t;          /* when the phase being timed began */
};

/* Start the clock, empty the report and give the sets their family. */
static void inc_family_init(struct inc_family *f, struct iv_store *st, const struct rv_family *fam,
                            struct iv_resolve_report *rep)
{
	f->t = iv_clock();
	f->st = st;
	f->fam = fam;
	f->rep = rep;
	memset(rep, 0, sizeof(*rep));
	iv_buf_init(&f->text, 0);
	rep->family = fam->name;
	rv_set_init(&f->r.set, fam, NULL);
	rv_set_init(&f->old, fam, NULL);
	rv_set_init(&f->prev, fam, NULL);
}

/* The time since the last lap, as the report's phase `phase`; the next phase starts. */
static void inc_lap(struct inc_family *f, int phase)
{
	f->rep->seconds[phase] = iv_clock() - f->t;
	f->t = iv_clock();
}

/*
 * The family's stored model, into f->model.  *usable stays false when
 * there is none (never batch-resolved: nothing to match against) or when
 * it cannot score new records; *refit then says a batch run fits it again.
 */
static IV_MUST_USE enum iv_err inc_read_model(struct inc_family *f, bool *usable, bool *refit,
                                              struct iv_buf *err)
{
	enum iv_err rc = iv_store_res_get_model(f->st, f->fam->name, &f->text, err);

	if (rc == IV_ERR_NOTFOUND) {
		if (err)
			iv_buf_reset(err);
		return IV_OK;
	}
	if (!rc)
		rc = rv_model_parse(f->fam, f->text.buf, &f->model, err);
	if (rc == IV_ERR_DB) {
		/* a model from an older version (or a damaged one) cannot score new records:
		 * it is fitted again by a batch run of the family, as 'invigor resolve' would */
		if (err)
			iv_buf_reset(err);
		*refit = true;
		return IV_OK;
	}
	*usable = !rc;
	return rc;
}

/* Nothing of the family changed: move the mark on, so later runs look at less. */
static IV_MUST_USE enum iv_err inc_move_mark(struct inc_family *f, struct iv_buf *err)
{
	enum iv_err rc;

	f->model.mark = f->mark_now;
	rc = rv_model_text(f->fam, &f->model, &f->text);
	if (!rc)
		rc = iv_store_begin(f->st, err);
	if (rc)
		return rc;
	rc = iv_store_res_set_model(f->st, f->fam->name, f->text.buf, err);
	if (rc) {
		iv_store_rollback(f->st);
		return rc;
	}
	return iv_store_commit(f->st, err);
}

/*
 * Set the run up from the options and the model, and read the records
 * changed since the model's mark (rv_load_family); when there are none,
 * the mark moves on.
 */
static IV_MUST_USE enum iv_err inc_load(struct inc_family *f, const struct iv_resolve_options *o,
                                        bool threshold_given, struct iv_buf *err)
{
	struct run *r = &f->r;
	enum iv_err rc;

	r->st = f->st;
	r->fam = f->fam;
	r->o = *o;
	if (!threshold_given) { /* decide as the batch run that fitted the model did */
		r->o.threshold = f->model.threshold;
		r->o.review_low = f->model.review_low;
	}
	r->rep = f->rep;
	rc = iv_names_new(&r->set.names, err);
	if (rc)
		return rc;
	f->old.names = r->set.names;
	f->prev.names = r->set.names;
	r->prev = &f->prev;
	r->since = f->model.mark;
	rc = iv_store_res_mark(f->st, &f->mark_now, err);
	if (!rc)
		rc = rv_load_family(r, true, err);
	if (!rc && r->set.nrecs == 0 && f->mark_now > f->model.mark)
		rc = inc_move_mark(f, err);
	return rc;
}

/* How many records the run looks at, and of what kind, in the report. */
static void inc_report_records(struct inc_family *f)
{
	f->rep->records = f->r.set.nrecs;
	f->rep->new_records = f->r.set.nrecs - f->r.nstale;
	f->rep->stored_records = f->model.nrecords;
	f->rep->updated = f->r.nstale;
}

/*
 * Pairs with stored records: each key's block in the store proposes
 * stored records (inc_candidate), the budget keeps each new record's best
 * (inc_budget), and those kept are read into f->old.
 */
static IV_MUST_USE enum iv_err inc_block_stored(struct inc_family *f, struct iv_buf *err)
{
	struct run *r = &f->r;
	struct inc *in = &f->in;
	enum iv_err rc = IV_OK;

	in->r = r;
	in->old = &f->old;
	in->err = err;
	/* r->kr is in key order: a key's block is read once for all the new records with it */
	for (size_t k = 0, next; !rc && k < r->nkr; k = next) {
		uint64_t total = 0;
		uint8_t what = r->kr[k].what;

		for (next = k + 1; next < r->nkr && r->kr[next].key == r->kr[k].key; next++)
			what |= r->kr[next].what;
		in->kr = r->kr + k;
		in->nkr = next - k;
		if (what & KEY_COUNTED) /* a value's frequency, not a block (as rv_make_pairs) */
			continue;
		/* the block's records, or the sample a block over max_block lists (rv_save_keys) */
		rc = iv_store_res_key_entities(f->st, r->kr[k].key, r->o.max_block, inc_candidate,
		                               in, &total, err);
	}
	if (!rc && inc_budget(in, r->o.budget))
		rc = iv_seterr(err, IV_ERR_NOMEM,
		               "out of memory choosing stored records to compare");
	if (!rc)
		rc = iv_store_res_get_records(f->st, (const char *const *)in->want.items,
		                              in->want.len, inc_record, in, err);
	if (!rc)
		rc = rv_set_build(&f->old, err);
	return rc;
}

/*
 * Compare the new records among themselves, as a batch would; a value's
 * frequency comes from the store (inc_key_count), less what the
 * re-resolved records held before.
 */
static IV_MUST_USE enum iv_err inc_compare_new(struct inc_family *f, struct iv_buf *err)
{
	enum iv_err rc = prev_keys(&f->r, &f->prevk, &f->nprevk, err);

	if (rc)
		return rc;
	f->ic.r = &f->r;
	f->ic.st = f->st;
	f->ic.prevk = f->prevk;
	f->ic.nprevk = f->nprevk;
	f->r.count = inc_key_count;
	f->r.count_ctx = &f->ic;
	rc = rv_compare_all(&f->r, &f->r.set, &f->r.set, err);
	if (!rc)
		rc = inc_count_check(&f->ic, err);
	return rc;
}

/*
 * f->rold's pairs: one (new, stored) pair for each pair the budget kept
 * (a pair once however many keys made it); a stored record that is also
 * new was compared already.
 */
static IV_MUST_USE enum iv_err inc_pair_stored(struct inc_family *f)
{
	struct run *rold = &f->rold;
	struct inc *in = &f->in;
	enum iv_err rc;

	rold->st = f->st;
	rold->fam = f->fam;
	rold->o = f->r.o;
	rold->rep = f->rep;
	rold->count = inc_key_count;
	rold->count_ctx = &f->ic;
	if (in->nop)
		qsort(in->opairs, in->nop, sizeof(*in->opairs), rv_u64_cmp);
	for (size_t i = 0; i < in->nop;) {
		size_t j = i;
		const char *eid = in->want.items[in->opairs[i] & 0xffffffffu];
		long oi = rv_set_find(&f->old, eid);

		while (j < in->nop && in->opairs[j] == in->opairs[i])
			j++;
		if (oi >= 0 && rv_set_find(&f->r.set, eid) < 0) {
			/* (new, old): not ordered like pairs inside one set */
			rc = rv_push_pair(rold, 0, 1);
			if (rc)
				return rc;
			rold->pairs[rold->npairs - 1] =
			        (in->opairs[i] & ~0xffffffffull) | (uint64_t)oi;
		}
		i = j;
	}
	return IV_OK;
}

/* Compare the (new, stored) pairs, the stored record second; frequencies as inc_compare_new. */
static IV_MUST_USE enum iv_err inc_compare_stored(struct inc_family *f, struct iv_buf *err)
{
	enum iv_err rc;

	f->rep->pairs_blocked += f->rold.npairs;
	f->rep->pairs_compared += f->rold.npairs;
	rc = rv_compare_all(&f->rold, &f->r.set, &f->old, err);
	if (!rc)
		rc = inc_count_check(&f->ic, err);
	return rc;
}

/* Score and decide every compared pair with the stored model, and count the links. */
static void inc_decide(struct inc_family *f)
{
	/* a value's frequency is over the records there are now, as a batch run would count it */
	f->model.nrecords += f->rep->new_records;
	rv_model_count_holding(&f->model, &f->r.set, true);
	rv_model_count_holding(&f->model, &f->prev, false);
	rv_decide_all(&f->r, &f->model);
	rv_decide_all(&f->rold, &f->model);
	rv_count_links(&f->r);
	rv_count_links(&f->rold);
}

/* The new records' keys, each listed under its key or counted there. */
static IV_MUST_USE enum iv_err inc_save_keys(struct inc_family *f, struct iv_buf *err)
{
	const struct run *r = &f->r;
	enum iv_err rc = IV_OK;

	for (size_t k = 0; !rc && k < r->nkr; k++) {
		uint64_t total = 0;

		/* a re-resolved record's keys from before are stored already */
		if (had_key(f->prevk, f->nprevk, r->kr[k].key, r->kr[k].rec))
			continue;
		/* a key too common to list stays a count, as a batch run leaves it */
		rc = iv_store_res_key_entities(f->st, r->kr[k].key, 0, NULL, NULL, &total, err);
		if (!rc && total > r->o.max_block)
			rc = iv_store_res_add_key_count(f->st, r->kr[k].key, 1, err);
		else if (!rc)
			rc = iv_store_res_put_key(f->st, r->kr[k].key,
			                          r->set.recs[r->kr[k].rec].eid, err);
	}
	return rc;
}

/* Re-make the clusters around the run's records (rv_recluster, cluster.c). */
static IV_MUST_USE enum iv_err inc_recluster(struct inc_family *f, struct iv_buf *err)
{
	const char **seeds = iv_malloc((f->r.set.nrecs + 1) * sizeof(*seeds));
	enum iv_err rc;

	if (!seeds)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < f->r.set.nrecs; i++)
		seeds[i] = f->r.set.recs[i].eid;
	rc = rv_recluster(f->st, seeds, f->r.set.nrecs, NULL, err);
	iv_free(seeds);
	return rc;
}

/*
 * In the transaction the caller began: the records, their keys and links,
 * the clusters around them, and the model with its mark moved on.
 * Commits, or rolls back on a failure.
 */
static IV_MUST_USE enum iv_err inc_save(struct inc_family *f, struct iv_buf *err)
{
	enum iv_err rc = rv_save_records(&f->r, &f->r.set, false, err);

	if (!rc)
		rc = inc_save_keys(f, err);
	if (!rc)
		rc = rv_save_links(&f->r, &f->r.set, &f->r.set, SAVE_ALL, err);
	if (!rc)
		rc = rv_save_links(&f->rold, &f->r.set, &f->old, SAVE_ALL, err);
	if (!rc)
		rc = inc_recluster(f, err);
	if (!rc) {
		f->model.mark = f->mark_now;
		rc = rv_model_text(f->fam, &f->model, &f->text);
	}
	if (!rc)
		rc = iv_store_res_set_model(f->st, f->fam->name, f->text.buf, err);
	if (!rc)
		rc = iv_store_commit(f->st, err);
	else
		iv_store_rollback(f->st);
	return rc;
}

/* Free what the run holds; r's names are shared by the other sets and freed once. */
static void inc_family_release(struct inc_family *f)
{
	iv_buf_release(&f->ic.err);
	pthread_mutex_destroy(&f->ic.lock);
	iv_free(f->prevk);
	iv_free(f->in.opairs);
	iv_vec_release_all(&f->in.want);
	iv_map_release(&f->in.seen);
	rv_model_release(&f->model);
	iv_buf_release(&f->text);
	f->old.names = NULL;
	rv_set_release(&f->old);
	f->prev.names = NULL;
	rv_set_release(&f->prev);
	iv_names_free(f->r.set.names);
	f->r.set.names = NULL;
	rv_run_release(&f->r);
	f->rold.set.names = NULL;
	rv_run_release(&f->rold);
}

enum iv_err rv_incremental_family(struct iv_store *st, const struct rv_family *fam,
                                  const struct iv_resolve_options *o, bool threshold_given,
                                  struct iv_resolve_report *rep, bool *ran, struct iv_buf *err)
{
	/* zeroed but for the lock and the buffer: inc_family_release frees it from any step */
	struct inc_family f = {.ic = {.lock = PTHREAD_MUTEX_INITIALIZER, .err = IV_BUF_INIT}};
	bool usable = false, refit = false;
	enum iv_err rc;

	*ran = false;
	inc_family_init(&f, st, fam, rep);
	rc = inc_read_model(&f, &usable, &refit, err);
	if (!rc && usable)
		rc = inc_load(&f, o, threshold_given, err);
	if (rc || !usable || f.r.set.nrecs == 0)
		goto out;
	*ran = true;
	inc_report_records(&f);
	inc_lap(&f, 0);
	/* block: pairs among the new records, as a batch would make them, then with stored ones */
	rc = rv_make_keys(&f.r, err);
	if (!rc)
		rc = rv_make_pairs(&f.r, err);
	if (!rc)
		rc = inc_block_stored(&f, err);
	if (rc)
		goto out;
	inc_lap(&f, 1);
	/* compare: new x new, then new x stored */
	rc = inc_compare_new(&f, err);
	if (!rc)
		rc = inc_pair_stored(&f);
	if (!rc)
		rc = inc_compare_stored(&f, err);
	if (rc)
		goto out;
	inc_lap(&f, 2);
	inc_decide(&f);
	inc_lap(&f, 3);
	rc = iv_store_begin(st, err);
	if (rc)
		goto out;
	rc = inc_save(&f, err);
	inc_lap(&f, 4);
out:
	inc_family_release(&f);
	if (rc == IV_ERR_NOMEM && err && err->len == 0) /* as a batch run's failure says */
		rc = iv_seterr(err, rc, "out of memory");
	if (refit && !rc) {
		rc = rv_batch_family(st, fam, o, threshold_given, rep, ran, err);
		rep->refitted = true;
	}
	return rc;
}
