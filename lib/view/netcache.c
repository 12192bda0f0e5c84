/*
 * netcache.c - network projections kept between requests (netcache.h says
 * what an entry is keyed on and why that is all its content depends on).
 *
 * A kept projection is a function of its key by construction: the
 * viewer's filter is asked once per envelope to make the key's bits, and
 * the projection is then built through those bits, not through the
 * filter again (a filter that answered differently the second time, after
 * a passing store error, cannot put into a shared graph what the key says
 * is hidden).  Envelopes newer than the key's generation count as hidden.
 *
 * The entries are few (a handful of projections of a large store is
 * already hundreds of megabytes), so they sit in a small array searched
 * in full under one mutex.  Building runs outside it, once per key: the
 * first request to miss puts an entry that is still building, and others
 * asking for the same key wait for it (a condition variable) instead of
 * building the same graph again.  Each entry counts the requests holding
 * it; an entry evicted while held is freed at the last release, and
 * graphs are freed after the mutex is let go, not under it.  Entries of an
 * older generation are useless once the store has moved on and are
 * dropped at the next lookup.  Inside a write transaction nothing is
 * looked up or kept (store.h, iv_store_generation).
 */
#include <pthread.h>
#include <string.h>

#include "iv/netcache.h"
#include "iv/store.h"

struct entry {
	struct iv_graph *g; /* NULL while building */
	struct iv_store_generation gen;
	int64_t from, to;
	unsigned kinds;
	bool merges;      /* records merged into canonical entities (the viewer's policy) */
	uint8_t *visible; /* bit e-1 for envelope row e, 1..gen.envelopes */
	size_t visible_bytes;
	unsigned refs;
	uint64_t used;      /* the cache's tick at the last lookup that found it */
	bool ready, failed; /* built; or the build failed or was not kept */
	bool evicted;       /* out of the array: freed at the last release */
	struct entry *next; /* in a list of entries to free once unlocked */
};

struct iv_netcache {
	pthread_mutex_t lock;
	pthread_cond_t built; /* an entry became ready or failed */
	struct entry **entries;
	size_t n, max;
	uint64_t tick;
	struct iv_netcache_stats stats;
};

/* What a lookup compares: everything an entry's content depends on. */
struct key {
	struct iv_store_generation gen;
	int64_t from, to;
	unsigned kinds;
	bool merges;
	uint8_t *visible;
	size_t visible_bytes;
};

static void entry_free(struct entry *e)
{
	if (!e)
		return;
	iv_graph_free(e->g);
	iv_free(e->visible);
	iv_free(e);
}

static void free_list(struct entry *dead)
{
	while (dead) {
		struct entry *next = dead->next;

		entry_free(dead);
		dead = next;
	}
}

enum iv_err iv_netcache_new(size_t max_entries, struct iv_netcache **out, struct iv_buf *err)
{
	struct iv_netcache *c = iv_calloc(sizeof(*c));

	*out = NULL;
	if (max_entries == 0)
		max_entries = 1;
	if (!c || !(c->entries = iv_calloc(max_entries * sizeof(*c->entries)))) {
		iv_free(c);
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	}
	if (pthread_mutex_init(&c->lock, NULL) != 0) {
		iv_free(c->entries);
		iv_free(c);
		return iv_seterr(err, IV_ERR_INTERNAL, "cannot create the network cache's lock");
	}
	if (pthread_cond_init(&c->built, NULL) != 0) {
		pthread_mutex_destroy(&c->lock);
		iv_free(c->entries);
		iv_free(c);
		return iv_seterr(err, IV_ERR_INTERNAL, "cannot create the network cache's lock");
	}
	c->max = max_entries;
	*out = c;
	return IV_OK;
}

void iv_netcache_free(struct iv_netcache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		entry_free(c->entries[i]);
	pthread_cond_destroy(&c->built);
	pthread_mutex_destroy(&c->lock);
	iv_free(c->entries);
	iv_free(c);
}

static bool same_gen(const struct iv_store_generation *a, const struct iv_store_generation *b)
{
	return a->statements == b->statements && a->entities == b->entities &&
	       a->envelopes == b->envelopes && a->resolution == b->resolution;
}

static bool matches(const struct entry *e, const struct key *k)
{
	return same_gen(&e->gen, &k->gen) && e->from == k->from && e->to == k->to &&
	       e->kinds == k->kinds && e->merges == k->merges &&
	       e->visible_bytes == k->visible_bytes &&
	       memcmp(e->visible, k->visible, k->visible_bytes) == 0;
}

/*
 * Take entry i out of the array (lock held).  One nobody holds goes on
 * *dead, to be freed once the lock is let go; a held one at its last release.
 */
static void evict(struct iv_netcache *c, size_t i, struct entry **dead)
{
	struct entry *e = c->entries[i];

	c->entries[i] = c->entries[--c->n];
	c->stats.evictions++;
	e->evicted = true;
	if (!e->refs) {
		e->next = *dead;
		*dead = e;
	}
}

/* Drop the entries of other generations (lock held): the store has moved on. */
static void drop_stale(struct iv_netcache *c, const struct iv_store_generation *now,
                       struct entry **dead)
{
	for (size_t i = c->n; i-- > 0;)
		if (!same_gen(&c->entries[i]->gen, now))
			evict(c, i, dead);
}

/* Let go of one hold on e (lock held); its last hold after eviction puts it on *dead. */
static void unhold(struct entry *e, struct entry **dead)
{
	if (--e->refs == 0 && e->evicted) {
		e->next = *dead;
		*dead = e;
	}
}

static void lend(struct entry *e, struct iv_view *v, struct iv_netgraph *out)
{
	out->graph = *e->g;
	out->graph.evidence_ctx = v->st;
	out->entry_ = e;
	out->owned_ = NULL;
}

/* The key's filter (an iv_envelope_visible_fn over struct key). */
static bool key_visible(void *ctx, int64_t envelope)
{
	const struct key *k = ctx;
	size_t e = (size_t)envelope;

	if (envelope < 1 || envelope > k->gen.envelopes)
		return false;
	return (k->visible[(e - 1) / 8] >> ((e - 1) % 8)) & 1;
}

/* The bits of the envelopes v's viewer sees, 1..gen->envelopes, into k. */
static IV_MUST_USE enum iv_err visible_bits(struct iv_view *v, struct key *k, struct iv_buf *err)
{
	size_t n = (size_t)k->gen.envelopes;

	k->visible_bytes = n / 8 + 1;
	k->visible = iv_calloc(k->visible_bytes);
	if (!k->visible)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	for (size_t e = 1; e <= n; e++)
		if (iv_view_envelope_visible(v, (int64_t)e))
			k->visible[(e - 1) / 8] |= (uint8_t)(1u << ((e - 1) % 8));
	return IV_OK;
}

/*
 * A building entry for k (lock held), holding k's bits (k->visible is
 * then NULL) and one hold for the builder; NULL when out of memory.
 */
static struct entry *put_building(struct iv_netcache *c, struct key *k, struct entry **dead)
{
	struct entry *e = iv_calloc(sizeof(*e));

	if (!e)
		return NULL;
	if (c->n == c->max) {
		size_t oldest = 0;

		for (size_t i = 1; i < c->n; i++)
			if (c->entries[i]->used < c->entries[oldest]->used)
				oldest = i;
		evict(c, oldest, dead);
	}
	e->gen = k->gen;
	e->from = k->from;
	e->to = k->to;
	e->kinds = k->kinds;
	e->merges = k->merges;
	e->visible = k->visible;
	e->visible_bytes = k->visible_bytes;
	k->visible = NULL;
	e->refs = 1;
	e->used = ++c->tick;
	c->entries[c->n++] = e;
	return e;
}

/* Build for this request alone, through v's own filter: never kept. */
static IV_MUST_USE enum iv_err build_alone(struct iv_view *v, struct iv_graph_project_opts *opts,
                                           struct iv_netgraph *out, struct iv_buf *err)
{
	enum iv_err rc = iv_view_project(v, opts, &out->owned_, err);

	if (!rc)
		out->graph = *out->owned_;
	return rc;
}

/*
 * Wait for a building entry (lock held, e held); true when it became
 * ready, false when its build failed (then e is no longer held).
 */
static bool wait_built(struct iv_netcache *c, struct entry *e, struct entry **dead)
{
	while (!e->ready && !e->failed)
		pthread_cond_wait(&c->built, &c->lock);
	if (e->ready)
		return true;
	unhold(e, dead);
	return false;
}

/* k: what v's request asks (opts) and whom the store's envelopes show it to, now. */
static IV_MUST_USE enum iv_err make_key(struct iv_view *v, const struct iv_graph_project_opts *opts,
                                        struct key *k, struct iv_buf *err)
{
	enum iv_err rc = iv_store_generation(v->st, &k->gen, err);

	if (!rc)
		rc = visible_bits(v, k, err);
	if (rc)
		return rc;
	k->from = opts->from;
	k->to = opts->to;
	k->kinds = opts->kinds;
	k->merges = opts->merges;
	return IV_OK;
}

/* The entry kept or building under k (lock held), or NULL. */
static struct entry *find(struct iv_netcache *c, const struct key *k)
{
	for (size_t i = 0; i < c->n; i++)
		if (matches(c->entries[i], k))
			return c->entries[i];
	return NULL;
}

/*
 * A hit (lock held): hold e, wait for its build and lend it into out.
 * NULL when the build it waited for failed (e no longer held): the
 * request then builds alone.
 */
static struct entry *borrow(struct iv_netcache *c, struct entry *e, struct iv_view *v,
                            struct iv_netgraph *out, struct entry **dead)
{
	e->refs++;
	e->used = ++c->tick;
	if (!wait_built(c, e, dead))
		return NULL;
	c->stats.hits++;
	lend(e, v, out);
	return e;
}

/*
 * The build of e failed, or the store moved while building (lock held):
 * nobody may have it under this key.  e is taken out and let go.
 */
static void give_up(struct iv_netcache *c, struct entry *e, struct entry **dead)
{
	size_t i;

	e->failed = true;
	for (i = 0; i < c->n && c->entries[i] != e; i++)
		;
	if (i < c->n)
		evict(c, i, dead);
	unhold(e, dead);
}

/*
 * Build the graph of the building entry e (held, lock not held) through
 * k's bits, and keep it when the store did not move meanwhile; lend it
 * into out either way when built.  Waiters are woken.
 */
static IV_MUST_USE enum iv_err build_kept(struct iv_netcache *c, struct iv_view *v,
                                          struct iv_graph_project_opts *opts, struct key *k,
                                          struct entry *e, struct iv_netgraph *out,
                                          struct entry **dead, struct iv_buf *err)
{
	struct iv_store_generation after;
	struct iv_graph *g = NULL;
	enum iv_err rc;

	/* through the key's bits, read before: the graph is the key's (file comment) */
	k->visible = e->visible; /* borrowed from the entry for the build */
	opts->visible = key_visible;
	opts->visible_ctx = k;
	rc = iv_graph_project(v->st, opts, &g, NULL, err);
	k->visible = NULL;
	if (!rc)
		rc = iv_store_generation(v->st, &after, err);

	pthread_mutex_lock(&c->lock);
	if (!rc && same_gen(&after, &e->gen)) {
		g->evidence_ctx = NULL; /* each borrower names evidence through its own store */
		e->g = g;
		e->ready = true;
		c->stats.builds_kept++;
		lend(e, v, out);
		g = NULL;
	} else {
		give_up(c, e, dead);
		if (!rc) {
			c->stats.builds_not_kept++;
			out->owned_ = g;
			out->graph = *g;
			g = NULL;
		}
	}
	pthread_cond_broadcast(&c->built);
	pthread_mutex_unlock(&c->lock);
	iv_graph_free(g);
	return rc;
}

enum iv_err iv_netcache_get(struct iv_netcache *c, struct iv_view *v,
                            struct iv_graph_project_opts *opts, struct iv_netgraph *out,
                            struct iv_buf *err)
{
	struct key k = {0};
	struct entry *e, *dead = NULL;
	bool hit;
	enum iv_err rc;

	memset(out, 0, sizeof(*out));
	opts->merges = iv_view_merges(v);
	if (!c || v->viewer->local || iv_store_in_transaction(v->st))
		return build_alone(v, opts, out, err);
	rc = make_key(v, opts, &k, err);
	if (rc)
		goto out;

	pthread_mutex_lock(&c->lock);
	drop_stale(c, &k.gen, &dead);
	e = find(c, &k);
	hit = e != NULL;
	if (hit) {
		e = borrow(c, e, v, out, &dead);
	} else {
		c->stats.misses++;
		e = put_building(c, &k, &dead);
	}
	pthread_mutex_unlock(&c->lock);
	if (!e) /* out of memory, or the build a hit waited for failed */
		rc = build_alone(v, opts, out, err);
	else if (!hit)
		rc = build_kept(c, v, opts, &k, e, out, &dead, err);
out:
	opts->visible = iv_view_envelope_visible;
	opts->visible_ctx = v;
	free_list(dead);
	iv_free(k.visible);
	return rc;
}

void iv_netcache_release(struct iv_netcache *c, struct iv_netgraph *ng)
{
	struct entry *e = ng->entry_, *dead = NULL;

	iv_graph_free(ng->owned_);
	if (e && c) {
		pthread_mutex_lock(&c->lock);
		unhold(e, &dead);
		pthread_mutex_unlock(&c->lock);
		free_list(dead);
	}
	memset(ng, 0, sizeof(*ng));
}

void iv_netcache_stats(struct iv_netcache *c, struct iv_netcache_stats *out)
{
	memset(out, 0, sizeof(*out));
	if (!c)
		return;
	pthread_mutex_lock(&c->lock);
	*out = c->stats;
	out->entries = c->n;
	pthread_mutex_unlock(&c->lock);
}
