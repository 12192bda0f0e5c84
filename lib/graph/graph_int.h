/*
 * graph_int.h - internals shared by the graph module's files: the
 * container's private state (graph.c), and the simple graph beneath a
 * projection as igraph sees it, built once per graph and cached
 * (simple.c), for the analyses in measures.c, community.c, keyplayers.c
 * and paths.c.  Not part of the public API.
 *
 * igraph 0.10 as Debian builds it is not thread-safe (IGRAPH_THREAD_SAFE
 * is 0: its error stack, handlers and random generator are process-wide),
 * so every call into igraph, and the cache, is made between gr_lock() and
 * gr_unlock().  The analyses hold the lock for their whole run.
 */
#ifndef IV_GRAPH_INT_H
#define IV_GRAPH_INT_H

#include <igraph.h>

#include "iv/graph.h"

struct iv_graph_priv {
	struct iv_arena arena;
	struct iv_map ids; /* node id -> index + 1 */
	size_t nodes_alloc;
	struct iv_graph_event *events;
	size_t nevents, events_alloc;
	/* the analyses' cache (simple.c): built on first use, freed by iv_graph_free */
	void *ig;
	void (*ig_free)(void *);
};

/*
 * The simple graph: one igraph edge per pair of nodes that share at least
 * one edge, weight the sum over the kinds.  igraph vertex v is node v.
 */
struct gr_simple {
	igraph_t ig;
	igraph_vector_t weight; /* per igraph edge; sums that are not positive and finite count 0 */
	uint32_t *first_edge;   /* per igraph edge: index in g->edges of the pair's first edge */
	size_t nedges;
};

/* Take and release the lock around igraph; gr_lock also makes igraph's errors return. */
void gr_lock(void);
void gr_unlock(void);

/*
 * The simple graph of a finished g, built on first use and kept with g
 * (freed by iv_graph_free).  Borrowed; call with the lock held.
 */
IV_MUST_USE enum iv_err gr_simple_get(const struct iv_graph *g, const struct gr_simple **out,
                                      struct iv_buf *err);

/*
 * Turn an igraph failure into an iv_err and a message "what: igraph's
 * reason"; IGRAPH_ENOMEM becomes IV_ERR_NOMEM, the rest IV_ERR_INTERNAL.
 * Call with the lock held, right after the failing call.
 */
enum iv_err gr_igraph_err(struct iv_buf *err, igraph_error_t rc, const char *what);

/* IV_ERR_INTERNAL "the network is not finished" unless g is finished. */
IV_MUST_USE enum iv_err gr_check_finished(const struct iv_graph *g, struct iv_buf *err);

/* Whether this thread's time limit (iv_graph_time_limit) has passed; checked in our own loops. */
bool gr_expired(void);
/* IV_ERR_TIMEOUT with "what stopped at the time limit of N s". */
enum iv_err gr_timeout_err(struct iv_buf *err, const char *what);

/*
 * A small deterministic generator (SplitMix64) for sampling that must not
 * depend on igraph's global one.
 */
uint64_t gr_rand(uint64_t *state);

#endif
