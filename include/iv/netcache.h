/*
 * netcache.h - network projections kept between requests, shared by the
 * viewers who see exactly the same statements.
 *
 * A projection of the whole store takes about a second on the medium
 * world and is the same for every request of one viewer until the store
 * changes; the network chart asks for several in a row (the ego network,
 * its measures, communities, key players, a path).  The cache keeps the
 * last few, each under what decides its content and nothing else:
 *
 *  - the set of handling envelopes the viewer may see, one bit per
 *    envelope of the store, asked of the view's own filter
 *    (iv_view_envelope_visible: iv_access_visible, or iv_access_exportable
 *    for an exporting view).  A filtered projection reads nothing of the
 *    viewer but that filter, so two viewers with the same bits get the same
 *    graph, byte for byte, and two who differ in one envelope never share;
 *  - the window and link kinds asked (from, to, kinds);
 *  - the store's generation (iv_store_generation), read before and after a
 *    build: a projection is kept only when no row was added meanwhile, so
 *    an entry holds exactly the data of its generation.
 *
 * The unfiltered view of the local operator (the command line) also shows
 * canonical merges, which the generation does not cover: it is built
 * afresh every time and never kept.
 *
 * Thread-safe: one cache serves every request thread.  A graph handed out
 * stays alive until released, even when evicted meanwhile.
 */
#ifndef IV_NETCACHE_H
#define IV_NETCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "iv/graph.h"
#include "iv/util.h"
#include "iv/view.h"

struct iv_netcache;

/*
 * A projection lent to one request.  `graph` is a shallow copy of the kept
 * graph (arrays shared, read-only) whose evidence names are read through
 * the borrowing view's store connection; never pass it to iv_graph_free.
 */
struct iv_netgraph {
	struct iv_graph graph;
	void *entry_;            /* the cache's entry, or NULL */
	struct iv_graph *owned_; /* built for this request alone, or NULL */
};

/** Figures for logs and tests. */
struct iv_netcache_stats {
	uint64_t hits, misses, builds_kept, builds_not_kept, evictions;
	size_t entries;
};

/** A cache of at most max_entries projections (at least 1). */
IV_MUST_USE enum iv_err iv_netcache_new(size_t max_entries, struct iv_netcache **out,
                                        struct iv_buf *err);
/** Free the cache; every graph lent must have been released. NULL is a no-op. */
void iv_netcache_free(struct iv_netcache *c);

/*
 * The projection of v's store as v's viewer sees it through opts (from,
 * to, kinds; its filter fields are set here): kept, or built and kept.
 * On success release *out with iv_netcache_release.  c may be NULL: then
 * every call builds.
 */
IV_MUST_USE enum iv_err iv_netcache_get(struct iv_netcache *c, struct iv_view *v,
                                        struct iv_graph_project_opts *opts, struct iv_netgraph *out,
                                        struct iv_buf *err);
/** Give back a projection from iv_netcache_get; a zeroed one is a no-op. */
void iv_netcache_release(struct iv_netcache *c, struct iv_netgraph *ng);

void iv_netcache_stats(struct iv_netcache *c, struct iv_netcache_stats *out);

#endif
