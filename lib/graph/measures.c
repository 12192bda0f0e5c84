/*
 * measures.c - per-node measures of the simple graph with igraph: degree
 * and strength, betweenness (exact, or estimated from sampled sources on
 * large graphs), closeness, PageRank, eigenvector centrality, coreness,
 * articulation points, bridges and components (include/iv/graph.h).
 *
 * Betweenness and closeness are unweighted: an edge's weight is how
 * strong a tie is, not how long, and the published figures analysts
 * compare against (Morselli, Krebs) are unweighted.  PageRank and the
 * eigenvector are weighted, since there a stronger tie should pass on
 * more importance.
 *
 * Closeness follows igraph: 1 / the mean distance to the nodes a node can
 * reach, 0 for an isolated node (igraph says NaN).  networkx's closeness
 * differs on a disconnected graph: it applies the Wasserman-Faust
 * correction and scales by the share of the graph reached ((r-1)/(n-1)),
 * so a node in a small component scores lower there than here.  On a
 * connected graph the two agree.
 *
 * Sampling (n > exact_limit and samples < n): `samples` distinct source
 * nodes are drawn uniformly with a seeded generator.  Betweenness counted
 * from those sources (igraph_betweenness_subset) and scaled by n /
 * samples is an unbiased estimate of the full figure.  The sources are
 * split into four batches (their sizes differ by at most one; each igraph
 * call has a fixed cost of about 0.08 s on a million edges, so more
 * batches cost more than the better error estimate is worth); each batch
 * gives its own estimate, the whole sample's is their mean, and their
 * spread gives its standard error: sd / sqrt(batches), times the
 * finite-population factor sqrt(1 - samples/n) since sources are drawn
 * without replacement.  betweenness_error is that standard error relative
 * to the estimate, averaged over the ten nodes with the highest estimates
 * (the ones an analyst reads); with a single source there is no spread to
 * measure and it is 1.  Closeness is then estimated from the same sources
 * (Eppstein and Wang): in an undirected graph the distances from the
 * sources to a node are the node's distances to them, so their mean
 * estimates the node's mean distance.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph_int.h"

/* Two calls of the OpenMP runtime igraph's PRPACK runs on (libgomp, CMakeLists.txt),
 * declared here as the OpenMP API gives them: no compiler's OpenMP support (nor its
 * omp.h) is needed to build. */
int omp_get_max_threads(void);
void omp_set_num_threads(int n);

#define GR_EXACT_LIMIT 5000
#define GR_SAMPLES     200
#define GR_BATCHES     IV_GRAPH_BETWEENNESS_BATCHES
#define GR_TOP         10 /* the top values betweenness_error speaks for */
#define GR_DIST_BLOCK  16 /* sources per distance matrix in sampled closeness */

enum { GR_T_DEGREE, GR_T_BETWEENNESS, GR_T_CLOSENESS, GR_T_RANK, GR_T_CORENESS, GR_T_CUT };

/* igraph scratch vectors of one run, made together and destroyed together */
struct gr_scratch {
	igraph_vector_t real;
	igraph_vector_int_t ints;
	igraph_vector_int_t sources;
	igraph_matrix_t dist;
	bool made;
};

static IV_MUST_USE enum iv_err gr_scratch_init(struct gr_scratch *s, struct iv_buf *err)
{
	igraph_error_t irc;

	irc = igraph_vector_init(&s->real, 0);
	if (irc)
		return gr_igraph_err(err, irc, "measures");
	irc = igraph_vector_int_init(&s->ints, 0);
	if (irc) {
		igraph_vector_destroy(&s->real);
		return gr_igraph_err(err, irc, "measures");
	}
	irc = igraph_vector_int_init(&s->sources, 0);
	if (irc) {
		igraph_vector_int_destroy(&s->ints);
		igraph_vector_destroy(&s->real);
		return gr_igraph_err(err, irc, "measures");
	}
	irc = igraph_matrix_init(&s->dist, 0, 0);
	if (irc) {
		igraph_vector_int_destroy(&s->sources);
		igraph_vector_int_destroy(&s->ints);
		igraph_vector_destroy(&s->real);
		return gr_igraph_err(err, irc, "measures");
	}
	s->made = true;
	return IV_OK;
}

static void gr_scratch_release(struct gr_scratch *s)
{
	if (!s->made)
		return;
	igraph_matrix_destroy(&s->dist);
	igraph_vector_int_destroy(&s->sources);
	igraph_vector_int_destroy(&s->ints);
	igraph_vector_destroy(&s->real);
	s->made = false;
}

void iv_graph_measures_release(struct iv_graph_measures *m)
{
	if (!m)
		return;
	iv_free(m->degree);
	iv_free(m->strength);
	iv_free(m->betweenness);
	iv_free(m->betweenness_norm);
	iv_free(m->closeness);
	iv_free(m->pagerank);
	iv_free(m->eigenvector);
	iv_free(m->coreness);
	iv_free(m->articulation);
	iv_free(m->bridges);
	memset(m, 0, sizeof(*m));
}

static IV_MUST_USE enum iv_err gr_alloc(struct iv_graph_measures *m, size_t n)
{
	size_t d = (n + 1) * sizeof(double);

	m->degree = iv_calloc(d);
	m->strength = iv_calloc(d);
	m->betweenness = iv_calloc(d);
	m->betweenness_norm = iv_calloc(d);
	m->closeness = iv_calloc(d);
	m->pagerank = iv_calloc(d);
	m->eigenvector = iv_calloc(d);
	m->coreness = iv_calloc((n + 1) * sizeof(*m->coreness));
	m->articulation = iv_calloc((n + 1) * sizeof(*m->articulation));
	if (!m->degree || !m->strength || !m->betweenness || !m->betweenness_norm ||
	    !m->closeness || !m->pagerank || !m->eigenvector || !m->coreness || !m->articulation)
		return IV_ERR_NOMEM;
	return IV_OK;
}

static void gr_degree(const struct iv_graph *g, const struct gr_simple *s,
                      struct iv_graph_measures *m)
{
	for (size_t e = 0; e < s->nedges; e++) {
		const struct iv_graph_edge *ed = &g->edges[s->first_edge[e]];
		double w = VECTOR(s->weight)[e];

		m->degree[ed->a]++;
		m->degree[ed->b]++;
		m->strength[ed->a] += w;
		m->strength[ed->b] += w;
	}
}

/*
 * Draw k distinct nodes of n uniformly (a partial Fisher-Yates shuffle)
 * into s->sources.
 */
static IV_MUST_USE enum iv_err gr_draw_sources(size_t n, size_t k, uint64_t seed,
                                               struct gr_scratch *s, struct iv_buf *err)
{
	uint32_t *perm = iv_malloc(n * sizeof(*perm));
	uint64_t state = seed;
	igraph_error_t irc;

	if (!perm)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory sampling sources");
	for (size_t i = 0; i < n; i++)
		perm[i] = (uint32_t)i;
	for (size_t i = 0; i < k; i++) {
		size_t j = i + (size_t)(gr_rand(&state) % (n - i));
		uint32_t t = perm[i];

		perm[i] = perm[j];
		perm[j] = t;
	}
	irc = igraph_vector_int_resize(&s->sources, (igraph_integer_t)k);
	if (irc) {
		iv_free(perm);
		return gr_igraph_err(err, irc, "sampling sources");
	}
	for (size_t i = 0; i < k; i++)
		VECTOR(s->sources)[i] = perm[i];
	iv_free(perm);
	return IV_OK;
}

/* Indexes of the (up to) GR_TOP largest values of x[0..n), largest first. */
static size_t gr_top(const double *x, size_t n, size_t top[GR_TOP])
{
	size_t have = 0;

	for (size_t v = 0; v < n; v++) {
		size_t at = have;

		if (have == GR_TOP && !(x[v] > x[top[GR_TOP - 1]]))
			continue;
		if (have < GR_TOP)
			have++;
		while (at > 0 && x[v] > x[top[at - 1]]) {
			if (at < GR_TOP)
				top[at] = top[at - 1];
			at--;
		}
		top[at] = v;
	}
	return have;
}

/*
 * Estimated betweenness from the sampled sources in s->sources, batch by
 * batch; fills m->betweenness and m->betweenness_error.
 */
static IV_MUST_USE enum iv_err gr_betweenness_sampled(const struct gr_simple *s, size_t n,
                                                      struct gr_scratch *sc,
                                                      struct iv_graph_measures *m,
                                                      struct iv_buf *err)
{
	size_t k = m->sources, batches = k < GR_BATCHES ? k : GR_BATCHES, top[GR_TOP], ntop;
	double *sumsq = iv_calloc(n * sizeof(*sumsq)), rel = 0, fpc;
	igraph_vector_int_t part;
	enum iv_err rc = IV_OK;
	size_t counted = 0;

	if (!sumsq)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory estimating betweenness");
	for (size_t b = 0; b < batches; b++) {
		size_t from = b * k / batches, to = (b + 1) * k / batches;

		if (b > 0 && gr_expired()) {
			rc = gr_timeout_err(err, "measures");
			goto out;
		}
		double scale = (double)n / (double)(to - from);
		igraph_vs_t vs;
		igraph_error_t irc;

		/* a view into the sampled sources: no copy, nothing to free */
		igraph_vector_int_view(&part, VECTOR(sc->sources) + from,
		                       (igraph_integer_t)(to - from));
		vs = igraph_vss_vector(&part);
		irc = igraph_betweenness_subset(&s->ig, &sc->real, igraph_vss_all(),
		                                IGRAPH_UNDIRECTED, vs, igraph_vss_all(), NULL);
		if (irc) {
			rc = gr_igraph_err(err, irc, "betweenness");
			goto out;
		}
		for (size_t v = 0; v < n; v++) {
			double x = scale * VECTOR(sc->real)[v];

			m->betweenness[v] += x;
			sumsq[v] += x * x;
		}
	}
	/* the whole sample's estimate is the mean of the batch estimates */
	for (size_t v = 0; v < n; v++)
		m->betweenness[v] /= (double)batches;
	ntop = gr_top(m->betweenness, n, top);
	fpc = sqrt(1.0 - (double)k / (double)n);
	for (size_t i = 0; i < ntop && batches > 1; i++) {
		double mean = m->betweenness[top[i]];
		double var = (sumsq[top[i]] / (double)batches - mean * mean) * (double)batches /
		             (double)(batches - 1);

		if (!(mean > 0))
			continue;
		rel += sqrt(var > 0 ? var : 0) / sqrt((double)batches) * fpc / mean;
		counted++;
	}
	/* one source shows no spread: say the error is unknown (100%) */
	m->betweenness_error = batches < 2 ? 1.0 : counted ? rel / (double)counted : 0.0;
out:
	iv_free(sumsq);
	return rc;
}

/* Closeness from the sampled sources (see the head of the file). */
static IV_MUST_USE enum iv_err gr_closeness_sampled(const struct gr_simple *s, size_t n,
                                                    struct gr_scratch *sc,
                                                    struct iv_graph_measures *m, struct iv_buf *err)
{
	size_t k = m->sources;
	double *sum = iv_calloc(n * sizeof(*sum));
	uint32_t *cnt = iv_calloc(n * sizeof(*cnt));
	enum iv_err rc = IV_OK;

	if (!sum || !cnt) {
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory estimating closeness");
		goto out;
	}
	for (size_t from = 0; from < k; from += GR_DIST_BLOCK) {
		size_t len = k - from < GR_DIST_BLOCK ? k - from : GR_DIST_BLOCK;
		igraph_vector_int_t part;
		igraph_error_t irc;

		igraph_vector_int_view(&part, VECTOR(sc->sources) + from, (igraph_integer_t)len);
		irc = igraph_distances(&s->ig, &sc->dist, igraph_vss_vector(&part),
		                       igraph_vss_all(), IGRAPH_ALL);
		if (irc) {
			rc = gr_igraph_err(err, irc, "closeness");
			goto out;
		}
		for (size_t r = 0; r < len; r++)
			for (size_t v = 0; v < n; v++) {
				double d = MATRIX(sc->dist, r, v);

				if (d > 0 && isfinite(d)) {
					sum[v] += d;
					cnt[v]++;
				}
			}
	}
	for (size_t v = 0; v < n; v++)
		m->closeness[v] = cnt[v] ? (double)cnt[v] / sum[v] : 0;
out:
	iv_free(cnt);
	iv_free(sum);
	return rc;
}

static IV_MUST_USE enum iv_err gr_betweenness(const struct gr_simple *s, size_t n,
                                              const struct iv_graph_measure_opts *opts,
                                              struct gr_scratch *sc, struct iv_graph_measures *m,
                                              struct iv_buf *err)
{
	size_t limit = opts && opts->exact_limit ? opts->exact_limit : GR_EXACT_LIMIT;
	size_t samples = opts && opts->samples ? opts->samples : GR_SAMPLES;
	uint64_t seed = opts && opts->seed ? opts->seed : 1;
	igraph_error_t irc;
	enum iv_err rc;

	if (n <= limit || samples >= n) {
		irc = igraph_betweenness(&s->ig, &sc->real, igraph_vss_all(), IGRAPH_UNDIRECTED,
		                         NULL);
		if (irc)
			return gr_igraph_err(err, irc, "betweenness");
		for (size_t v = 0; v < n; v++)
			m->betweenness[v] = VECTOR(sc->real)[v];
		return IV_OK;
	}
	m->sampled = true;
	m->sources = samples;
	rc = gr_draw_sources(n, samples, seed, sc, err);
	return rc ? rc : gr_betweenness_sampled(s, n, sc, m, err);
}

static IV_MUST_USE enum iv_err gr_closeness(const struct gr_simple *s, size_t n,
                                            struct gr_scratch *sc, struct iv_graph_measures *m,
                                            struct iv_buf *err)
{
	igraph_error_t irc;

	if (m->sampled)
		return gr_closeness_sampled(s, n, sc, m, err);
	irc = igraph_closeness(&s->ig, &sc->real, NULL, NULL, igraph_vss_all(), IGRAPH_ALL, NULL,
	                       true);
	if (irc)
		return gr_igraph_err(err, irc, "closeness");
	for (size_t v = 0; v < n; v++) {
		double c = VECTOR(sc->real)[v];

		m->closeness[v] = isfinite(c) ? c : 0; /* NaN: an isolated node */
	}
	return IV_OK;
}

static IV_MUST_USE enum iv_err gr_rank(const struct gr_simple *s, size_t n, struct gr_scratch *sc,
                                       struct iv_graph_measures *m, struct iv_buf *err)
{
	igraph_real_t value;
	igraph_error_t irc;
	int threads = omp_get_max_threads();

	/* ARPACK may start from igraph's generator: seed it, so that the same graph gives the
	 * same figures whatever ran before (a viewer's results must not depend on others') */
	igraph_rng_seed(igraph_rng_default(), 1);
	/* PRPACK sweeps a component of more than 512 nodes on OpenMP threads that update one
	 * vector in no fixed order, so the last digits (and ties between organisers) varied from
	 * run to run: one thread sweeps in order.  This thread's setting only, restored after. */
	omp_set_num_threads(1);
	irc = igraph_pagerank(&s->ig, IGRAPH_PAGERANK_ALGO_PRPACK, &sc->real, &value,
	                      igraph_vss_all(), IGRAPH_UNDIRECTED, 0.85, &s->weight, NULL);
	omp_set_num_threads(threads);
	if (irc)
		return gr_igraph_err(err, irc, "PageRank");
	for (size_t v = 0; v < n; v++)
		m->pagerank[v] = VECTOR(sc->real)[v];
	irc = igraph_eigenvector_centrality(&s->ig, &sc->real, &value, IGRAPH_UNDIRECTED, true,
	                                    &s->weight, NULL);
	if (irc)
		return gr_igraph_err(err, irc, "eigenvector centrality");
	for (size_t v = 0; v < n; v++) {
		double x = VECTOR(sc->real)[v];

		m->eigenvector[v] = x > 0 ? x : 0; /* -0 and rounding below zero read as 0 */
	}
	return IV_OK;
}

static int gr_cmp_u32(const void *x, const void *y)
{
	uint32_t p = *(const uint32_t *)x, q = *(const uint32_t *)y;

	return (p > q) - (p < q);
}

/* Articulation points, bridges (as g->edges indexes, ascending), components. */
static IV_MUST_USE enum iv_err gr_cut(const struct gr_simple *s, size_t n, struct gr_scratch *sc,
                                      struct iv_graph_measures *m, struct iv_buf *err)
{
	igraph_integer_t no = 0;
	igraph_error_t irc;
	size_t nb;

	irc = igraph_articulation_points(&s->ig, &sc->ints);
	if (irc)
		return gr_igraph_err(err, irc, "articulation points");
	for (igraph_integer_t i = 0; i < igraph_vector_int_size(&sc->ints); i++)
		m->articulation[VECTOR(sc->ints)[i]] = true;
	irc = igraph_bridges(&s->ig, &sc->ints);
	if (irc)
		return gr_igraph_err(err, irc, "bridges");
	nb = (size_t)igraph_vector_int_size(&sc->ints);
	m->bridges = iv_malloc((nb + 1) * sizeof(*m->bridges));
	if (!m->bridges)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory listing bridges");
	for (size_t i = 0; i < nb; i++)
		m->bridges[i] = s->first_edge[VECTOR(sc->ints)[i]];
	m->nbridges = nb;
	qsort(m->bridges, nb, sizeof(*m->bridges), gr_cmp_u32);
	irc = igraph_connected_components(&s->ig, NULL, &sc->ints, &no, IGRAPH_WEAK);
	if (irc)
		return gr_igraph_err(err, irc, "components");
	m->components = (size_t)no;
	for (igraph_integer_t i = 0; i < no; i++)
		if ((size_t)VECTOR(sc->ints)[i] > m->largest_component)
			m->largest_component = (size_t)VECTOR(sc->ints)[i];
	return IV_OK;
}

static IV_MUST_USE enum iv_err gr_coreness(const struct gr_simple *s, size_t n,
                                           struct gr_scratch *sc, struct iv_graph_measures *m,
                                           struct iv_buf *err)
{
	igraph_error_t irc = igraph_coreness(&s->ig, &sc->ints, IGRAPH_ALL);

	if (irc)
		return gr_igraph_err(err, irc, "coreness");
	for (size_t v = 0; v < n; v++)
		m->coreness[v] = (int)VECTOR(sc->ints)[v];
	return IV_OK;
}

/* Step `step` (GR_T_*) of the measures. */
static IV_MUST_USE enum iv_err gr_step(int step, const struct iv_graph *g,
                                       const struct gr_simple *s,
                                       const struct iv_graph_measure_opts *opts,
                                       struct gr_scratch *sc, struct iv_graph_measures *m,
                                       struct iv_buf *err)
{
	size_t n = m->n;
	enum iv_err rc;

	switch (step) {
	case GR_T_DEGREE:
		gr_degree(g, s, m);
		return IV_OK;
	case GR_T_BETWEENNESS:
		rc = gr_betweenness(s, n, opts, sc, m, err);
		for (size_t v = 0; !rc && v < n && n >= 3; v++)
			m->betweenness_norm[v] =
			        m->betweenness[v] / ((double)(n - 1) * (double)(n - 2) / 2);
		return rc;
	case GR_T_CLOSENESS:
		return gr_closeness(s, n, sc, m, err);
	case GR_T_RANK:
		return gr_rank(s, n, sc, m, err);
	case GR_T_CORENESS:
		return gr_coreness(s, n, sc, m, err);
	default: /* GR_T_CUT */
		return gr_cut(s, n, sc, m, err);
	}
}

/*
 * Every step in turn, each timed into m->seconds.  The time limit is
 * checked between steps; once the last has run every figure is there, so
 * none is thrown away.
 */
static IV_MUST_USE enum iv_err gr_steps(const struct iv_graph *g, const struct gr_simple *s,
                                        const struct iv_graph_measure_opts *opts,
                                        struct gr_scratch *sc, struct iv_graph_measures *m,
                                        struct iv_buf *err)
{
	for (int step = GR_T_DEGREE; step <= GR_T_CUT; step++) {
		double t = iv_clock();
		enum iv_err rc = gr_step(step, g, s, opts, sc, m, err);

		if (rc)
			return rc;
		m->seconds[step] = iv_clock() - t;
		if (step < GR_T_CUT && gr_expired())
			return gr_timeout_err(err, "measures");
	}
	return IV_OK;
}

enum iv_err iv_graph_measures(const struct iv_graph *g, const struct iv_graph_measure_opts *opts,
                              struct iv_graph_measures *out, struct iv_buf *err)
{
	struct iv_graph_measures m = {0};
	struct gr_scratch sc = {0};
	const struct gr_simple *s = NULL;
	enum iv_err rc;

	memset(out, 0, sizeof(*out));
	rc = gr_check_finished(g, err);
	if (rc)
		return rc;
	m.n = g->nnodes;
	if (gr_alloc(&m, m.n)) {
		iv_graph_measures_release(&m);
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory for the measures");
	}
	gr_lock();
	rc = gr_simple_get(g, &s, err);
	if (!rc)
		rc = gr_scratch_init(&sc, err);
	if (!rc && m.n > 0) /* an empty network has nothing to measure */
		rc = gr_steps(g, s, opts, &sc, &m, err);
	gr_scratch_release(&sc);
	gr_unlock();
	if (rc)
		iv_graph_measures_release(&m);
	else
		*out = m;
	return rc;
}
