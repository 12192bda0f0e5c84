/*
 * simple.c - the simple graph beneath a projection, as igraph sees it:
 * built once per finished graph and kept with it, plus what the analyses
 * share around igraph (the lock, errors that return instead of aborting,
 * the time limit, a clock and a seeded generator).  See graph_int.h.
 *
 * The conversion walks g->edges, which finish leaves sorted by (a, b,
 * kind), so the kinds of one pair are neighbours and merge in one pass.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "graph/graph_int.h"

static pthread_mutex_t gr_mutex = PTHREAD_MUTEX_INITIALIZER;

/* igraph's reason for its last error, kept for the message (the lock guards it) */
static char gr_reason[256];

/*
 * Record the reason and free igraph's temporaries, as
 * igraph_error_handler_ignore does, so the failing call returns its code.
 * The first reason is kept: as the error passes up through igraph's own
 * callers (IGRAPH_CHECK) the handler runs again with an empty one.
 */
static void gr_on_error(const char *reason, const char *file, int line, igraph_error_t rc)
{
	if (!gr_reason[0] && reason)
		snprintf(gr_reason, sizeof(gr_reason), "%s", reason);
	IGRAPH_FINALLY_FREE();
}

/* The library never prints: igraph's warnings (on a disconnected eigenvector ...) are dropped. */
static void gr_on_warning(const char *reason, const char *file, int line)
{
}

/*
 * The time limit of this thread's analyses (iv_graph_time_limit): the
 * monotonic second at which they stop, 0 for none, and the limit as
 * given, for the message.  It is checked between igraph's calls, never
 * inside one: igraph 0.10's interruption handler returns
 * IGRAPH_INTERRUPTED from deep inside a function without running the
 * error handler there, and the error handler's IGRAPH_FINALLY_FREE in an
 * outer frame then frees the finally-stack entries of frames already gone
 * (ASan shows a bad free in igraph_betweenness_cutoff).
 */
static _Thread_local double gr_deadline, gr_limit;

void iv_graph_time_limit(double seconds)
{
	gr_limit = seconds > 0 ? seconds : 0;
	gr_deadline = seconds > 0 ? iv_clock() + seconds : 0;
}

bool gr_expired(void)
{
	return gr_deadline > 0 && iv_clock() > gr_deadline;
}

enum iv_err gr_timeout_err(struct iv_buf *err, const char *what)
{
	return iv_seterr(err, IV_ERR_TIMEOUT, "%s stopped at the time limit of %g s", what,
	                 gr_limit);
}

void gr_lock(void)
{
	static bool handlers_set;

	pthread_mutex_lock(&gr_mutex);
	if (!handlers_set) {
		igraph_set_error_handler(gr_on_error);
		igraph_set_warning_handler(gr_on_warning);
		handlers_set = true;
	}
	gr_reason[0] = '\0';
}

void gr_unlock(void)
{
	pthread_mutex_unlock(&gr_mutex);
}

enum iv_err gr_igraph_err(struct iv_buf *err, igraph_error_t rc, const char *what)
{
	enum iv_err code = rc == IGRAPH_ENOMEM ? IV_ERR_NOMEM : IV_ERR_INTERNAL;

	if (gr_reason[0])
		iv_seterr(err, code, "%s: %s (%s)", what, igraph_strerror(rc), gr_reason);
	else
		iv_seterr(err, code, "%s: %s", what, igraph_strerror(rc));
	gr_reason[0] = '\0'; /* told: the next failure brings its own */
	return code;
}

enum iv_err gr_check_finished(const struct iv_graph *g, struct iv_buf *err)
{
	if (!g || !g->finished)
		return iv_seterr(err, IV_ERR_INTERNAL, "the network is not finished");
	return IV_OK;
}

uint64_t gr_rand(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/*
 * ig_free of struct iv_graph_priv: called by iv_graph_free.  Without the
 * lock: destroying touches no igraph global state, and a graph may be
 * freed while an analysis of another graph holds the lock.
 */
static void gr_simple_free(void *p)
{
	struct gr_simple *s = p;

	if (!s)
		return;
	igraph_destroy(&s->ig);
	igraph_vector_destroy(&s->weight);
	iv_free(s->first_edge);
	iv_free(s);
}

static IV_MUST_USE enum iv_err gr_simple_build(const struct iv_graph *g, struct gr_simple **out,
                                               struct iv_buf *err)
{
	struct gr_simple *s = NULL;
	igraph_vector_int_t ends;
	bool ends_made = false, weight_made = false, graph_made = false;
	size_t pairs = 0, i = 0;
	enum iv_err rc = IV_OK;
	igraph_error_t irc;

	*out = NULL;
	if (g->nnodes > (size_t)IGRAPH_INTEGER_MAX / 2)
		return iv_seterr(err, IV_ERR_TOOBIG, "the network is too large for igraph");
	for (size_t e = 0; e < g->nedges; e++)
		if (e == 0 || g->edges[e].a != g->edges[e - 1].a ||
		    g->edges[e].b != g->edges[e - 1].b)
			pairs++;
	s = iv_calloc(sizeof(*s));
	if (!s || !(s->first_edge = iv_malloc((pairs + 1) * sizeof(*s->first_edge)))) {
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory converting the network");
		goto out;
	}
	irc = igraph_vector_int_init(&ends, (igraph_integer_t)(2 * pairs));
	if (irc) {
		rc = gr_igraph_err(err, irc, "converting the network");
		goto out;
	}
	ends_made = true;
	irc = igraph_vector_init(&s->weight, (igraph_integer_t)pairs);
	if (irc) {
		rc = gr_igraph_err(err, irc, "converting the network");
		goto out;
	}
	weight_made = true;
	while (i < g->nedges) {
		const struct iv_graph_edge *ed = &g->edges[i];
		double w = 0;
		size_t j = i;

		for (; j < g->nedges && g->edges[j].a == ed->a && g->edges[j].b == ed->b; j++)
			w += g->edges[j].weight;
		VECTOR(ends)[2 * s->nedges] = ed->a;
		VECTOR(ends)[2 * s->nedges + 1] = ed->b;
		VECTOR(s->weight)[s->nedges] = isfinite(w) && w > 0 ? w : 0;
		s->first_edge[s->nedges++] = (uint32_t)i;
		i = j;
	}
	irc = igraph_create(&s->ig, &ends, (igraph_integer_t)g->nnodes, IGRAPH_UNDIRECTED);
	if (irc) {
		rc = gr_igraph_err(err, irc, "converting the network");
		goto out;
	}
	graph_made = true;
out:
	if (ends_made)
		igraph_vector_int_destroy(&ends);
	if (rc && s) {
		if (graph_made)
			igraph_destroy(&s->ig);
		if (weight_made)
			igraph_vector_destroy(&s->weight);
		iv_free(s->first_edge);
		iv_free(s);
		s = NULL;
	}
	*out = s;
	return rc;
}

enum iv_err gr_simple_get(const struct iv_graph *g, const struct gr_simple **out,
                          struct iv_buf *err)
{
	struct gr_simple *s;
	enum iv_err rc;

	*out = NULL;
	rc = gr_check_finished(g, err);
	if (rc)
		return rc;
	if (!g->priv->ig) {
		rc = gr_simple_build(g, &s, err);
		if (rc)
			return rc;
		g->priv->ig = s;
		g->priv->ig_free = gr_simple_free;
	}
	*out = g->priv->ig;
	return IV_OK;
}
