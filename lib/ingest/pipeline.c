/*
 * pipeline.c - ingest on two cores: one thread reads, parses, normalises
 * and hashes; the other writes to the store.
 *
 * Parsing and normalising (jansson, ICU, libphonenumber, BLAKE2b) and
 * writing (SQLite, FTS5) each take about half of an ingest, and a store
 * handle is single-threaded, so the file's reader runs in a thread of its
 * own and hands statements over in batches through a small bounded queue.
 * The store still sees every statement in file order, in one transaction,
 * so the result is exactly that of the synchronous path; only the error
 * positions need care: each statement carries the line and column it came
 * from, and of two errors the one at the earlier position is reported.
 */
#include <pthread.h>
#include <string.h>

#include "ingest/ingest_int.h"

#define PIPE_BATCH 8192
#define PIPE_SLOTS 8

struct pipe_item {
	struct iv_statement st;
	uint64_t line;
	size_t col;
};

struct pipe_batch {
	struct pipe_item *items;
	size_t n;
	struct iv_arena strings;
};

struct iv_pipe {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct pipe_batch slots[PIPE_SLOTS];
	size_t head, count;         /* ring of filled batches */
	struct pipe_batch *filling; /* the producer's batch, not yet queued */
	bool closed, cancelled;
	bool sync_ready;          /* lock and condition were initialised */
	struct iv_statement last; /* producer: previous statement, for sharing strings */
};

enum iv_err iv_pipe_new(struct iv_pipe **out)
{
	struct iv_pipe *p = iv_calloc(sizeof(*p));

	*out = NULL;
	if (!p)
		return IV_ERR_NOMEM;
	p->filling = iv_calloc(sizeof(*p->filling));
	if (!p->filling) {
		iv_free(p);
		return IV_ERR_NOMEM;
	}
	for (size_t i = 0; i < PIPE_SLOTS; i++) {
		p->slots[i].items = iv_malloc(sizeof(struct pipe_item) * PIPE_BATCH);
		if (!p->slots[i].items) {
			iv_pipe_free(p);
			return IV_ERR_NOMEM;
		}
	}
	p->filling->items = iv_malloc(sizeof(struct pipe_item) * PIPE_BATCH);
	if (!p->filling->items || pthread_mutex_init(&p->lock, NULL)) {
		iv_pipe_free(p);
		return IV_ERR_NOMEM;
	}
	if (pthread_cond_init(&p->changed, NULL)) {
		pthread_mutex_destroy(&p->lock);
		iv_pipe_free(p);
		return IV_ERR_NOMEM;
	}
	p->sync_ready = true;
	*out = p;
	return IV_OK;
}

void iv_pipe_free(struct iv_pipe *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < PIPE_SLOTS; i++) {
		iv_free(p->slots[i].items);
		iv_arena_release(&p->slots[i].strings);
	}
	if (p->filling) {
		iv_free(p->filling->items);
		iv_arena_release(&p->filling->strings);
		iv_free(p->filling);
	}
	if (p->sync_ready) {
		pthread_cond_destroy(&p->changed);
		pthread_mutex_destroy(&p->lock);
	}
	iv_free(p);
}

/* Copy s into the batch, sharing it with the previous statement's copy when equal. */
static const char *share(struct pipe_batch *b, const char *s, const char *prev)
{
	if (!s)
		return NULL;
	if (prev && (s == prev || !strcmp(s, prev)))
		return prev;
	return iv_arena_strdup(&b->strings, s);
}

/* Hand the filling batch to the consumer, waiting for a free slot. */
static IV_MUST_USE enum iv_err hand_over(struct iv_pipe *p)
{
	struct pipe_batch *b = p->filling, *slot;
	enum iv_err rc = IV_OK;

	pthread_mutex_lock(&p->lock);
	while (p->count == PIPE_SLOTS && !p->cancelled)
		pthread_cond_wait(&p->changed, &p->lock);
	if (p->cancelled) {
		rc = IV_ERR_INTERNAL;
		goto out;
	}
	/* swap the filled batch into the free slot, and take that slot's
	 * (already drained) memory to fill next */
	slot = &p->slots[(p->head + p->count) % PIPE_SLOTS];
	{
		struct pipe_batch tmp = *slot;
		*slot = *b;
		*b = tmp;
	}
	b->n = 0;
	p->count++;
	pthread_cond_broadcast(&p->changed);
out:
	pthread_mutex_unlock(&p->lock);
	iv_arena_release(&b->strings);
	memset(&p->last, 0, sizeof(p->last));
	return rc;
}

enum iv_err iv_pipe_push(struct iv_pipe *p, const struct iv_statement *s, uint64_t line, size_t col)
{
	struct pipe_batch *b = p->filling;
	struct pipe_item *it;
	const struct iv_statement *prev = b->n ? &p->last : NULL;
	struct iv_handling *h;

	if (b->n == PIPE_BATCH) {
		enum iv_err rc = hand_over(p);
		if (rc)
			return rc;
		prev = NULL;
	}
	it = &b->items[b->n];
	it->st = *s;
	it->line = line;
	it->col = col;
	it->st.entity = share(b, s->entity, prev ? prev->entity : NULL);
	it->st.property = share(b, s->property, prev ? prev->property : NULL);
	it->st.value = iv_arena_strdup(&b->strings, s->value);
	it->st.original = s->original == s->value || !strcmp(s->original, s->value)
	                          ? it->st.value
	                          : iv_arena_strdup(&b->strings, s->original);
	it->st.dataset = share(b, s->dataset, prev ? prev->dataset : NULL);
	it->st.source_record = share(b, s->source_record, prev ? prev->source_record : NULL);
	h = &it->st.handling;
	h->conditions = share(b, s->handling.conditions, prev ? prev->handling.conditions : NULL);
	h->releasable_to =
	        share(b, s->handling.releasable_to, prev ? prev->handling.releasable_to : NULL);
	h->descriptor = share(b, s->handling.descriptor, prev ? prev->handling.descriptor : NULL);
	h->originator = share(b, s->handling.originator, prev ? prev->handling.originator : NULL);
	h->compartment =
	        share(b, s->handling.compartment, prev ? prev->handling.compartment : NULL);
	h->retention_review = share(b, s->handling.retention_review,
	                            prev ? prev->handling.retention_review : NULL);
	h->legacy_grade =
	        share(b, s->handling.legacy_grade, prev ? prev->handling.legacy_grade : NULL);
	h->europol_code =
	        share(b, s->handling.europol_code, prev ? prev->handling.europol_code : NULL);
	h->tlp = share(b, s->handling.tlp, prev ? prev->handling.tlp : NULL);
	if (!it->st.entity || !it->st.property || !it->st.value || !it->st.original ||
	    !it->st.dataset || (s->source_record && !it->st.source_record) ||
	    (s->handling.conditions && !h->conditions) ||
	    (s->handling.releasable_to && !h->releasable_to) ||
	    (s->handling.descriptor && !h->descriptor) ||
	    (s->handling.originator && !h->originator) ||
	    (s->handling.compartment && !h->compartment) ||
	    (s->handling.retention_review && !h->retention_review) ||
	    (s->handling.legacy_grade && !h->legacy_grade) ||
	    (s->handling.europol_code && !h->europol_code) || (s->handling.tlp && !h->tlp))
		return IV_ERR_NOMEM;
	p->last = it->st;
	b->n++;
	return IV_OK;
}

enum iv_err iv_pipe_close(struct iv_pipe *p)
{
	enum iv_err rc = p->filling->n ? hand_over(p) : IV_OK;

	pthread_mutex_lock(&p->lock);
	p->closed = true;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
	return rc;
}

void iv_pipe_cancel(struct iv_pipe *p)
{
	pthread_mutex_lock(&p->lock);
	p->cancelled = true;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
}

enum iv_err iv_pipe_drain(struct iv_pipe *p, struct iv_store *st, struct iv_refs *refs,
                          const char *name, uint64_t *err_line, struct iv_buf *err)
{
	struct iv_buf msg = IV_BUF_INIT;
	enum iv_err rc = IV_OK;

	for (;;) {
		struct pipe_batch *b;

		pthread_mutex_lock(&p->lock);
		while (p->count == 0 && !p->closed && !p->cancelled)
			pthread_cond_wait(&p->changed, &p->lock);
		if (p->count == 0 || p->cancelled) {
			pthread_mutex_unlock(&p->lock);
			break;
		}
		b = &p->slots[p->head];
		pthread_mutex_unlock(&p->lock);

		/* the batch is ours until we release the slot */
		for (size_t i = 0; i < b->n && !rc; i++) {
			const struct iv_statement *s = &b->items[i].st;

			rc = iv_refs_put(refs, st, s, &msg);
			if (rc) {
				char room[64];

				*err_line = b->items[i].line;
				iv_seterr(err, rc, "%s:%llu:%zu: %s", name,
				          (unsigned long long)b->items[i].line, b->items[i].col,
				          iv_ingest_detail(rc, msg.buf, room, sizeof(room)));
			}
		}
		pthread_mutex_lock(&p->lock);
		b->n = 0;
		p->head = (p->head + 1) % PIPE_SLOTS;
		p->count--;
		pthread_cond_broadcast(&p->changed);
		pthread_mutex_unlock(&p->lock);
		if (rc) {
			iv_pipe_cancel(p);
			break;
		}
	}
	iv_buf_release(&msg);
	return rc;
}
