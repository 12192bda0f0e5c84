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
 * `budget` that rank first (rv_pair_rank: a shared identifier or selector,
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
		qsort(in->opairs, in->nop, sizeof(*in->opairs), rv_u64_cmp);
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
			        rv_pair_rank(count, what & KEY_EVIDENCE, what & KEY_DATED)};
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
	total += rv_key_count(ic->r, key);
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

enum iv_err rv_incremental_family(struct iv_store *st, const struct rv_family *fam,
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
		rc = rv_load_family(&r, true, err);
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
	rc = rv_make_keys(&r, err);
	if (!rc)
		rc = rv_make_pairs(&r, err);
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
		if (what & KEY_COUNTED) /* a value's frequency, not a block (as rv_make_pairs) */
			continue;
		/* the block's records, or the sample a block over max_block lists (rv_save_keys) */
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
	rc = rv_compare_all(&r, &r.set, &r.set, err);
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
		qsort(in.opairs, in.nop, sizeof(*in.opairs), rv_u64_cmp);
	for (size_t i = 0; i < in.nop;) {
		size_t j = i;
		const char *eid = in.want.items[in.opairs[i] & 0xffffffffu];
		long oi = rv_set_find(&old, eid);

		while (j < in.nop && in.opairs[j] == in.opairs[i])
			j++;
		/* the (new, old) pair; an old record that is also new was already compared */
		if (oi >= 0 && rv_set_find(&r.set, eid) < 0) {
			/* (new, old): not ordered like pairs inside one set */
			rc = rv_push_pair(&rold, 0, 1);
			if (rc)
				goto out;
			rold.pairs[rold.npairs - 1] =
			        (in.opairs[i] & ~0xffffffffull) | (uint64_t)oi;
		}
		i = j;
	}
	rep->pairs_blocked += rold.npairs;
	rep->pairs_compared += rold.npairs;
	rc = rv_compare_all(&rold, &r.set, &old, err);
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
	rv_decide_all(&r, &model);
	rv_decide_all(&rold, &model);
	rv_count_links(&r);
	rv_count_links(&rold);
	rep->seconds[3] = iv_clock() - t;
	t = iv_clock();
	rc = iv_store_begin(st, err);
	if (rc)
		goto out;
	rc = rv_save_records(&r, &r.set, false, err);
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
		rc = rv_save_links(&r, &r.set, &r.set, SAVE_ALL, NULL, err);
	if (!rc)
		rc = rv_save_links(&rold, &r.set, &old, SAVE_ALL, NULL, err);
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
	rv_run_release(&r);
	rold.set.names = NULL;
	rv_run_release(&rold);
	if (refit && !rc) {
		rc = rv_batch_family(st, fam, o, threshold_given, rep, ran, err);
		rep->refitted = true;
	}
	return rc;
}
