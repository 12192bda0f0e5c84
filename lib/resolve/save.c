/*
 * save.c - what a run writes to the store: its records, blocking keys,
 * links and memberships, and the model.  A batch writes in stages, each
 * on a thread of its own beside the engine's next step (run_int.h says
 * how they share the store); an incremental run writes its records and
 * links with the same functions, in a transaction of its own.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "resolve/run_int.h"

#include "iv/util.h"

/* Links and keys go to the store this many at a time (its multi-row writes). */
#define SAVE_CHUNK 4096

/*
 * Write the pairs the engine decided on (new records' pairs, or all of a
 * batch), those of them `which` names.  A review pair whose records ended
 * up in one entity through other links is kept too, as an incremental run
 * keeps it: a viewer who may not see that entity whole is shown its
 * records alone, and is offered the pair (iv_resolve_review_shown), as he
 * would be were the records that join them not there.  Dropping it told
 * him that records he may not see join the two.  (The engine's queue
 * passes over such a pair, as it always did.)
 */
enum iv_err rv_save_links(struct run *r, const struct rv_set *sa, const struct rv_set *sb,
                          enum save_which which, struct iv_buf *err)
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
		    (which == SAVE_REVIEW && !review))
			continue;
		link->a = sa->recs[a].eid;
		link->b = sb->recs[b].eid;
		link->kind = rv_link_kind(r->decision[p]);
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
enum iv_err rv_save_keys(struct run *r, struct iv_buf *err)
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
			/* in name order (rv_make_pairs placed every record of a big block) */
			if (r->place) {
				rv_key_by_place(r, block, take);
				qsort(block, take, sizeof(*block), rv_u64_cmp);
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

enum iv_err rv_save_records(struct run *r, const struct rv_set *set, bool quiet, struct iv_buf *err)
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
			rv_progress(&r->o, "save", i, set->nrecs);
	}
	iv_buf_release(&text);
	return rc;
}

/*
 * A batch's save, in stages: rv_save_open opens the write transaction, clears
 * the family's earlier resolution (and drops the secondary indexes for the
 * bulk write) and writes the records; rv_save_keys writes their blocking
 * keys; rv_save_links_stage the links the engine made.  A stage that fails is
 * rolled back by the one that ran it (run_stage).  The review pairs, the
 * memberships and the indexes follow once the clusters are made
 * (rv_save_close).
 */
enum iv_err rv_save_open(struct run *r, struct iv_buf *err)
{
	uint64_t lo, hi;
	enum iv_err rc = iv_store_begin(r->st, err);

	if (rc)
		return rc;
	rv_key_range(r->fam, &lo, &hi);
	rc = iv_store_res_clear(r->st, r->fam->name, lo, hi, err);
	if (!rc)
		rc = iv_store_res_bulk(r->st, true, err);
	return rc ? rc : rv_save_records(r, &r->set, true, err);
}

enum iv_err rv_save_links_stage(struct run *r, struct iv_buf *err)
{
	return rv_save_links(r, &r->set, &r->set, SAVE_ENGINE, err);
}

/* A stage, rolled back when it fails (nothing to roll back when it failed to begin). */
static IV_MUST_USE enum iv_err run_stage(save_stage_fn fn, struct run *r, struct iv_buf *err)
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
enum iv_err rv_save_stage_start(struct save_stage *e, struct run *r, save_stage_fn fn, bool *in_tx,
                                struct iv_buf *err)
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

/* Wait for the running stage, if any; *in_tx as for rv_save_stage_start. */
enum iv_err rv_save_stage_end(struct save_stage *e, bool *in_tx, struct iv_buf *err)
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
enum iv_err rv_save_close(struct run *r, struct rv_model *model, const char (*ids)[24],
                          struct iv_buf *text, struct iv_buf *err)
{
	enum iv_err rc = rv_save_links(r, &r->set, &r->set, SAVE_REVIEW, err);

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
