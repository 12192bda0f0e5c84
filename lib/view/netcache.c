/*
 * netcache.c - network projections kept between requests (netcache.h says
 * what an entry is keyed on and why that is all its content depends on).
 *
 * The entries are few (a handful of projections of a large store is
 * already hundreds of megabytes), so they sit in a small array searched
 * in full under one mutex; the expensive part, building a projection,
 * runs outside it.  Two requests that miss at once both build, and the
 * second to finish keeps the first's entry and frees its own graph: a
 * wasted build under a burst, never a wrong graph.  Each entry counts the
 * requests holding it; an entry evicted while held is freed at the last
 * release.  Entries of an older generation are useless once the store
 * has moved on and are dropped at the next lookup.
 */
#include <pthread.h>
#include <string.h>

#include "iv/netcache.h"
#include "iv/store.h"

struct entry {
	struct iv_graph *g;
	struct iv_store_generation gen;
	int64_t from, to;
	unsigned kinds;
	uint8_t *visible; /* bit e-1 for envelope row e, 1..gen.envelopes */
	size_t visible_bytes;
	unsigned refs;
	uint64_t used; /* the cache's tick at the last lookup that found it */
	bool evicted;  /* out of the array: freed at the last release */
};

struct iv_netcache {
	pthread_mutex_t lock;
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
	pthread_mutex_destroy(&c->lock);
	iv_free(c->entries);
	iv_free(c);
}

static bool same_gen(const struct iv_store_generation *a, const struct iv_store_generation *b)
{
	return a->statements == b->statements && a->entities == b->entities &&
	       a->envelopes == b->envelopes;
}

static bool matches(const struct entry *e, const struct key *k)
{
	return same_gen(&e->gen, &k->gen) && e->from == k->from && e->to == k->to &&
	       e->kinds == k->kinds && e->visible_bytes == k->visible_bytes &&
	       memcmp(e->visible, k->visible, k->visible_bytes) == 0;
}

/* Take entry i out of the array (lock held); freed now, or at its last release. */
static void evict(struct iv_netcache *c, size_t i)
{
	struct entry *e = c->entries[i];

	c->entries[i] = c->entries[--c->n];
	c->stats.evictions++;
	if (e->refs)
		e->evicted = true;
	else
		entry_free(e);
}

/* Drop the entries of other generations (lock held): the store has moved on. */
static void drop_stale(struct iv_netcache *c, const struct iv_store_generation *now)
{
	for (size_t i = c->n; i-- > 0;)
		if (!same_gen(&c->entries[i]->gen, now))
			evict(c, i);
}

static void lend(struct entry *e, struct iv_view *v, struct iv_netgraph *out)
{
	out->graph = *e->g;
	out->graph.evidence_ctx = v->st;
	out->entry_ = e;
	out->owned_ = NULL;
}

/* The bits of the envelopes v's viewer sees, 1..gen->envelopes, into k. */
static enum iv_err visible_bits(struct iv_view *v, struct key *k, struct iv_buf *err)
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

/* Keep a graph built at k's generation (lock held); false when it is not kept. */
static bool keep(struct iv_netcache *c, struct key *k, struct iv_graph *g, struct iv_view *v,
                 struct iv_netgraph *out)
{
	struct entry *e;

	drop_stale(c, &k->gen);
	for (size_t i = 0; i < c->n; i++) {
		if (matches(c->entries[i], k)) { /* another request built it meanwhile */
			e = c->entries[i];
			e->refs++;
			e->used = ++c->tick;
			lend(e, v, out);
			iv_graph_free(g);
			return true;
		}
	}
	e = iv_calloc(sizeof(*e));
	if (!e)
		return false;
	if (c->n == c->max) {
		size_t oldest = 0;

		for (size_t i = 1; i < c->n; i++)
			if (c->entries[i]->used < c->entries[oldest]->used)
				oldest = i;
		evict(c, oldest);
	}
	e->g = g;
	e->gen = k->gen;
	e->from = k->from;
	e->to = k->to;
	e->kinds = k->kinds;
	e->visible = k->visible;
	e->visible_bytes = k->visible_bytes;
	k->visible = NULL;
	e->refs = 1;
	e->used = ++c->tick;
	c->entries[c->n++] = e;
	c->stats.builds_kept++;
	lend(e, v, out);
	return true;
}

enum iv_err iv_netcache_get(struct iv_netcache *c, struct iv_view *v,
                            struct iv_graph_project_opts *opts, struct iv_netgraph *out,
                            struct iv_buf *err)
{
	struct key k = {0};
	struct iv_store_generation after;
	struct iv_graph *g = NULL;
	enum iv_err rc;

	memset(out, 0, sizeof(*out));
	if (!c || v->viewer->local) {
		rc = iv_view_project(v, opts, &out->owned_, err);
		if (!rc)
			out->graph = *out->owned_;
		return rc;
	}
	rc = iv_store_generation(v->st, &k.gen, err);
	if (!rc)
		rc = visible_bits(v, &k, err);
	if (rc)
		goto out;
	k.from = opts->from;
	k.to = opts->to;
	k.kinds = opts->kinds;

	pthread_mutex_lock(&c->lock);
	drop_stale(c, &k.gen);
	for (size_t i = 0; i < c->n; i++) {
		struct entry *e = c->entries[i];

		if (matches(e, &k)) {
			e->refs++;
			e->used = ++c->tick;
			c->stats.hits++;
			lend(e, v, out);
			pthread_mutex_unlock(&c->lock);
			goto out;
		}
	}
	c->stats.misses++;
	pthread_mutex_unlock(&c->lock);

	rc = iv_view_project(v, opts, &g, err);
	if (!rc)
		rc = iv_store_generation(v->st, &after, err);
	if (rc)
		goto out;
	pthread_mutex_lock(&c->lock);
	if (same_gen(&after, &k.gen) && keep(c, &k, g, v, out)) {
		g = NULL;
	} else {
		/* the store moved while building: right for this request, not for the key */
		c->stats.builds_not_kept++;
		out->owned_ = g;
		out->graph = *g;
		g = NULL;
	}
	pthread_mutex_unlock(&c->lock);
out:
	iv_graph_free(g);
	iv_free(k.visible);
	return rc;
}

void iv_netcache_release(struct iv_netcache *c, struct iv_netgraph *ng)
{
	struct entry *e = ng->entry_;

	iv_graph_free(ng->owned_);
	if (e && c) {
		pthread_mutex_lock(&c->lock);
		if (--e->refs == 0 && e->evicted)
			entry_free(e);
		pthread_mutex_unlock(&c->lock);
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
