/*
 * community.c - communities of the simple graph with igraph (Leiden, or
 * Louvain's multilevel on graphs small enough), each member's role in
 * its community, and the agreement of two partitions
 * (include/iv/graph.h).
 *
 * Leiden optimises modularity here: node weights are the strengths and
 * the resolution is divided by twice the total weight, which is how
 * igraph's Leiden expresses Newman's modularity with a resolution
 * parameter.  It runs until an iteration changes nothing, seeded, so the
 * same graph and seed give the same partition.  Louvain can leave a
 * community internally disconnected and takes longer on large graphs, so
 * it is refused above multilevel_limit edges rather than run for minutes.
 *
 * Roles are a guess for an analyst to start from, not a finding:
 *  - organiser: in a community of at least 3 members, the top tenth
 *    (rounded up, so at least one) by the sum of the member's ranks
 *    within the community on PageRank, strength and coreness (ties share
 *    a rank), the better PageRank breaking ties: the people most tied in,
 *    most strongly, and deepest in the core;
 *  - broker: not an organiser, with ties into at least two other
 *    communities, or a normalised betweenness of at least twice its
 *    community's mean (and above zero): someone others' paths run
 *    through;
 *  - peripheral: everyone else.
 * Without measures (m NULL) strength stands in for PageRank, coreness is
 * left out and brokers are found by their ties alone.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph_int.h"

#define GR_MULTILEVEL_LIMIT 100000
#define GR_LEIDEN_BETA      0.01

static const char *const role_names[] = {"peripheral", "broker", "organiser"};

const char *iv_graph_role_name(enum iv_graph_role r)
{
	return (unsigned)r < sizeof(role_names) / sizeof(role_names[0]) ? role_names[r] : NULL;
}

void iv_graph_communities_release(struct iv_graph_communities *c)
{
	if (!c)
		return;
	for (size_t i = 0; c->c && i < c->n; i++) {
		iv_free(c->c[i].members);
		iv_free(c->c[i].brokers);
	}
	iv_free(c->c);
	iv_free(c->membership);
	iv_free(c->role);
	memset(c, 0, sizeof(*c));
}

/* What the ordering and the roles read for each node. */
struct gr_node_info {
	const double *rank;     /* PageRank, or strength without measures */
	const double *strength; /* weighted degree */
	const int *coreness;    /* NULL without measures */
	const double *between;  /* normalised betweenness; NULL without measures */
	uint32_t *outside;      /* ties (node pairs) to other communities */
	uint32_t *others;       /* other communities tied to */
	uint32_t *score;        /* organiser score: the sum of ranks, lower is more central */
};

/* qsort has no context argument: the sort helpers read this, set under the lock. */
static const struct gr_node_info *gr_sort_info;

/* Most central first: higher PageRank, then lower index. */
static int gr_by_rank(const void *x, const void *y)
{
	uint32_t p = *(const uint32_t *)x, q = *(const uint32_t *)y;
	double a = gr_sort_info->rank[p], b = gr_sort_info->rank[q];

	if (a != b)
		return a > b ? -1 : 1;
	return (p > q) - (p < q);
}

/* Most outside ties first, then the central order. */
static int gr_by_outside(const void *x, const void *y)
{
	uint32_t p = *(const uint32_t *)x, q = *(const uint32_t *)y;
	uint32_t a = gr_sort_info->outside[p], b = gr_sort_info->outside[q];

	if (a != b)
		return a > b ? -1 : 1;
	return gr_by_rank(x, y);
}

static int gr_by_strength(const void *x, const void *y)
{
	uint32_t p = *(const uint32_t *)x, q = *(const uint32_t *)y;
	double a = gr_sort_info->strength[p], b = gr_sort_info->strength[q];

	if (a != b)
		return a > b ? -1 : 1;
	return (p > q) - (p < q);
}

static int gr_by_coreness(const void *x, const void *y)
{
	uint32_t p = *(const uint32_t *)x, q = *(const uint32_t *)y;
	int a = gr_sort_info->coreness[p], b = gr_sort_info->coreness[q];

	if (a != b)
		return a > b ? -1 : 1;
	return (p > q) - (p < q);
}

/* Lowest organiser score first, then the central order. */
static int gr_by_score(const void *x, const void *y)
{
	uint32_t p = *(const uint32_t *)x, q = *(const uint32_t *)y;
	uint32_t a = gr_sort_info->score[p], b = gr_sort_info->score[q];

	if (a != b)
		return a < b ? -1 : 1;
	return gr_by_rank(x, y);
}

/*
 * Add each member's competition rank (1, 2, 2, 4 ...) on one measure to
 * its score; work holds a copy of the members to sort.
 */
static void gr_add_ranks(const uint32_t *members, size_t k, uint32_t *work,
                         int (*cmp)(const void *, const void *), const double *dvalue,
                         const int *ivalue, uint32_t *score)
{
	memcpy(work, members, k * sizeof(*work));
	qsort(work, k, sizeof(*work), cmp);
	for (size_t i = 0, rank = 1; i < k; i++) {
		bool tie = i > 0 && (dvalue ? dvalue[work[i]] == dvalue[work[i - 1]]
		                            : ivalue[work[i]] == ivalue[work[i - 1]]);

		if (!tie)
			rank = i + 1;
		score[work[i]] += (uint32_t)rank;
	}
}

/* Roles of one community's members (the rule is at the head of the file). */
static void gr_roles(const struct gr_node_info *info, const uint32_t *members, size_t k,
                     uint32_t *work, uint8_t *role)
{
	double mean = 0;
	size_t organisers = 0;

	if (k >= 3) {
		organisers = (k + 9) / 10;
		for (size_t i = 0; i < k; i++)
			info->score[members[i]] = 0;
		gr_add_ranks(members, k, work, gr_by_rank, info->rank, NULL, info->score);
		gr_add_ranks(members, k, work, gr_by_strength, info->strength, NULL, info->score);
		if (info->coreness)
			gr_add_ranks(members, k, work, gr_by_coreness, NULL, info->coreness,
			             info->score);
		memcpy(work, members, k * sizeof(*work));
		qsort(work, k, sizeof(*work), gr_by_score);
		for (size_t i = 0; i < organisers; i++)
			role[work[i]] = IV_ROLE_ORGANISER;
	}
	if (info->between) {
		for (size_t i = 0; i < k; i++)
			mean += info->between[members[i]];
		mean /= (double)k;
	}
	for (size_t i = 0; i < k; i++) {
		uint32_t v = members[i];
		bool high = info->between && info->between[v] > 0 && info->between[v] >= 2 * mean;

		if (role[v] != IV_ROLE_ORGANISER && (info->others[v] >= 2 || high))
			role[v] = IV_ROLE_BROKER;
	}
}

/*
 * Renumber raw community labels so that 0 is the largest community (ties:
 * the one holding the lowest node index); returns the count.
 */
struct gr_comm_order {
	size_t size, first, raw;
};

static int gr_by_size(const void *x, const void *y)
{
	const struct gr_comm_order *p = x, *q = y;

	if (p->size != q->size)
		return p->size > q->size ? -1 : 1;
	return (p->first > q->first) - (p->first < q->first);
}

static IV_MUST_USE enum iv_err gr_renumber(igraph_vector_int_t *memb, size_t n, size_t *count)
{
	struct gr_comm_order *order = NULL;
	size_t *map = NULL, raw_n = 0;

	for (size_t v = 0; v < n; v++)
		if ((size_t)VECTOR(*memb)[v] + 1 > raw_n)
			raw_n = (size_t)VECTOR(*memb)[v] + 1;
	order = iv_malloc((raw_n + 1) * sizeof(*order));
	map = iv_malloc((raw_n + 1) * sizeof(*map));
	if (!order || !map) {
		iv_free(order);
		iv_free(map);
		return IV_ERR_NOMEM;
	}
	for (size_t r = 0; r < raw_n; r++)
		order[r] = (struct gr_comm_order){0, SIZE_MAX, r};
	for (size_t v = 0; v < n; v++) {
		struct gr_comm_order *o = &order[VECTOR(*memb)[v]];

		if (!o->size++)
			o->first = v;
	}
	qsort(order, raw_n, sizeof(*order), gr_by_size);
	*count = 0;
	for (size_t i = 0; i < raw_n; i++)
		if (order[i].size) {
			map[order[i].raw] = i;
			*count = i + 1;
		}
	for (size_t v = 0; v < n; v++)
		VECTOR(*memb)[v] = (igraph_integer_t)map[VECTOR(*memb)[v]];
	iv_free(order);
	iv_free(map);
	return IV_OK;
}

/* Run the chosen method into memb (raw labels). */
static IV_MUST_USE enum iv_err gr_detect(const struct gr_simple *s,
                                         const struct iv_graph_community_opts *opts, bool leiden,
                                         double resolution, const double *strength,
                                         igraph_vector_int_t *memb, struct iv_buf *err)
{
	size_t n = (size_t)igraph_vcount(&s->ig);
	igraph_vector_t nodew;
	igraph_integer_t nb = 0;
	igraph_real_t quality = 0;
	igraph_error_t irc;
	double total = 0;

	igraph_rng_seed(igraph_rng_default(), opts && opts->seed ? opts->seed : 1);
	if (!leiden) {
		irc = igraph_community_multilevel(&s->ig, &s->weight, resolution, memb, NULL, NULL);
		return irc ? gr_igraph_err(err, irc, "multilevel communities") : IV_OK;
	}
	for (size_t e = 0; e < s->nedges; e++)
		total += VECTOR(s->weight)[e];
	if (!(total > 0)) { /* no weighted tie: every node is its own community */
		irc = igraph_vector_int_resize(memb, (igraph_integer_t)n);
		if (irc)
			return gr_igraph_err(err, irc, "communities");
		for (size_t v = 0; v < n; v++)
			VECTOR(*memb)[v] = (igraph_integer_t)v;
		return IV_OK;
	}
	igraph_vector_view(&nodew, strength, (igraph_integer_t)n);
	irc = igraph_community_leiden(&s->ig, &s->weight, &nodew, resolution / (2 * total),
	                              GR_LEIDEN_BETA, false, -1, memb, &nb, &quality);
	return irc ? gr_igraph_err(err, irc, "Leiden communities") : IV_OK;
}

/*
 * Fill the communities' members, internal edges, density and brokers,
 * and the roles, from out->membership.
 */
/*
 * Members per community, links inside each (internal), and per node its links
 * to other communities (info->outside) and how many other communities they
 * reach (info->others; stamp[c] = v + 1 marks c as counted for v).
 */
static void count_links(const struct iv_graph *g, const struct gr_simple *s,
                        struct gr_node_info *info, struct iv_graph_communities *out,
                        size_t *internal, uint32_t *stamp)
{
	for (size_t v = 0; v < g->nnodes; v++)
		out->c[out->membership[v]].nmembers++;
	for (size_t e = 0; e < s->nedges; e++) {
		const struct iv_graph_edge *ed = &g->edges[s->first_edge[e]];

		if (out->membership[ed->a] == out->membership[ed->b]) {
			internal[out->membership[ed->a]]++;
		} else {
			info->outside[ed->a]++;
			info->outside[ed->b]++;
		}
	}
	for (size_t v = 0; v < g->nnodes; v++)
		for (size_t k = g->adj_off[v]; k < g->adj_off[v + 1]; k++) {
			int c = out->membership[g->adj[k].node];

			if (c != out->membership[v] && stamp[c] != v + 1) {
				stamp[c] = (uint32_t)(v + 1);
				info->others[v]++;
			}
		}
}

/* Each community's members (and its count of brokers, members with a link outside),
 * internal links and density. */
static IV_MUST_USE enum iv_err fill_members(const struct iv_graph *g,
                                            const struct gr_node_info *info,
                                            struct iv_graph_communities *out,
                                            const size_t *internal)
{
	for (size_t i = 0; i < out->n; i++) {
		struct iv_graph_community *c = &out->c[i];
		double pairs = (double)c->nmembers * ((double)c->nmembers - 1) / 2;

		c->members = iv_malloc((c->nmembers + 1) * sizeof(*c->members));
		if (!c->members)
			return IV_ERR_NOMEM;
		c->internal_edges = internal[i];
		c->density = pairs > 0 ? (double)internal[i] / pairs : 0;
		c->nmembers = 0; /* refilled below */
	}
	for (size_t v = 0; v < g->nnodes; v++) {
		struct iv_graph_community *c = &out->c[out->membership[v]];

		c->members[c->nmembers++] = (uint32_t)v;
		c->nbrokers += info->outside[v] > 0;
	}
	return IV_OK;
}

/* Each community's members by rank, its brokers by their links outside, and the
 * members' roles. */
static IV_MUST_USE enum iv_err rank_members(struct gr_node_info *info,
                                            struct iv_graph_communities *out, uint32_t *work)
{
	for (size_t i = 0; i < out->n; i++) {
		struct iv_graph_community *c = &out->c[i];
		size_t nb = 0;

		qsort(c->members, c->nmembers, sizeof(*c->members), gr_by_rank);
		c->brokers = iv_malloc((c->nbrokers + 1) * sizeof(*c->brokers));
		if (!c->brokers)
			return IV_ERR_NOMEM;
		for (size_t k = 0; k < c->nmembers; k++)
			if (info->outside[c->members[k]])
				c->brokers[nb++] = c->members[k];
		qsort(c->brokers, nb, sizeof(*c->brokers), gr_by_outside);
		gr_roles(info, c->members, c->nmembers, work, out->role);
	}
	return IV_OK;
}

static IV_MUST_USE enum iv_err gr_describe(const struct iv_graph *g, const struct gr_simple *s,
                                           struct gr_node_info *info,
                                           struct iv_graph_communities *out)
{
	size_t *internal = iv_calloc((out->n + 1) * sizeof(*internal));
	uint32_t *work = iv_malloc((g->nnodes + 1) * sizeof(*work));
	uint32_t *stamp = iv_calloc((out->n + 1) * sizeof(*stamp));
	enum iv_err rc = IV_ERR_NOMEM;

	out->c = iv_calloc((out->n + 1) * sizeof(*out->c));
	if (internal && work && stamp && out->c) {
		count_links(g, s, info, out, internal, stamp);
		rc = fill_members(g, info, out, internal);
		if (!rc)
			rc = rank_members(info, out, work);
	}
	iv_free(stamp);
	iv_free(work);
	iv_free(internal);
	return rc;
}

/* The method and resolution asked for, and the measures given, checked against g. */
static IV_MUST_USE enum iv_err gr_comm_check(const struct iv_graph *g,
                                             const struct iv_graph_measures *m, const char *method,
                                             double resolution, struct iv_buf *err)
{
	enum iv_err rc = gr_check_finished(g, err);

	if (rc)
		return rc;
	if (strcmp(method, "leiden") != 0 && strcmp(method, "multilevel") != 0)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "unknown community method \"%s\" (leiden or multilevel)", method);
	if (!isfinite(resolution) || resolution < 0)
		return iv_seterr(err, IV_ERR_INVALID, "the resolution must be a positive number");
	if (m && m->n != g->nnodes)
		return iv_seterr(err, IV_ERR_INVALID, "the measures are of another network");
	return IV_OK;
}

/*
 * The per-node arrays of c (c->nnodes long) and info, and the strengths.
 * On failure what was made stays for the caller to free.
 */
static IV_MUST_USE enum iv_err gr_comm_alloc(struct iv_graph_communities *c,
                                             struct gr_node_info *info, double **strength,
                                             struct iv_buf *err)
{
	size_t n = c->nnodes;

	c->membership = iv_calloc((n + 1) * sizeof(*c->membership));
	c->role = iv_calloc(n + 1);
	*strength = iv_calloc((n + 1) * sizeof(**strength));
	info->outside = iv_calloc((n + 1) * sizeof(*info->outside));
	info->others = iv_calloc((n + 1) * sizeof(*info->others));
	info->score = iv_calloc((n + 1) * sizeof(*info->score));
	if (!c->membership || !c->role || !*strength || !info->outside || !info->others ||
	    !info->score)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory finding communities");
	return IV_OK;
}

/* Multilevel is refused above the edge limit (the head of the file says why). */
static IV_MUST_USE enum iv_err gr_comm_allowed(const struct gr_simple *s, const char *method,
                                               const struct iv_graph_community_opts *opts,
                                               struct iv_buf *err)
{
	size_t limit =
	        opts && opts->multilevel_limit ? opts->multilevel_limit : GR_MULTILEVEL_LIMIT;

	if (strcmp(method, "multilevel") != 0 || s->nedges <= limit)
		return IV_OK;
	return iv_seterr(err, IV_ERR_INVALID,
	                 "multilevel is refused on %zu edges (the limit is %zu): it is "
	                 "slow on large networks and can leave a community disconnected; "
	                 "use leiden",
	                 s->nedges, limit);
}

/* Each node's strength in the simple graph: the weights of its ties summed. */
static void gr_strength(const struct iv_graph *g, const struct gr_simple *s, double *strength)
{
	for (size_t e = 0; e < s->nedges; e++) {
		const struct iv_graph_edge *ed = &g->edges[s->first_edge[e]];

		strength[ed->a] += VECTOR(s->weight)[e];
		strength[ed->b] += VECTOR(s->weight)[e];
	}
}

/*
 * The partition into c->membership (0 the largest community), c->n and
 * c->modularity.  Call with the lock held.
 */
static IV_MUST_USE enum iv_err gr_partition(const struct gr_simple *s,
                                            const struct iv_graph_community_opts *opts,
                                            double resolution, const double *strength,
                                            struct iv_graph_communities *c, struct iv_buf *err)
{
	size_t n = c->nnodes;
	igraph_vector_int_t memb;
	igraph_real_t q = 0;
	igraph_error_t irc;
	enum iv_err rc = IV_OK;

	irc = igraph_vector_int_init(&memb, 0);
	if (irc)
		return gr_igraph_err(err, irc, "communities");
	if (n) {
		rc = gr_detect(s, opts, !strcmp(c->method, "leiden"), resolution, strength, &memb,
		               err);
		if (!rc && gr_renumber(&memb, n, &c->n))
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory finding communities");
		if (rc)
			goto out;
		irc = igraph_modularity(&s->ig, &memb, &s->weight, resolution, IGRAPH_UNDIRECTED,
		                        &q);
		if (irc) {
			rc = gr_igraph_err(err, irc, "modularity");
			goto out;
		}
		c->modularity = isfinite(q) ? q : 0; /* NaN: no weighted tie at all */
	}
	for (size_t v = 0; v < n; v++)
		c->membership[v] = (int)VECTOR(memb)[v];
out:
	igraph_vector_int_destroy(&memb);
	return rc;
}

/* The communities' members, brokers and roles, read from the measures m when given. */
static IV_MUST_USE enum iv_err gr_comm_describe(const struct iv_graph *g, const struct gr_simple *s,
                                                const struct iv_graph_measures *m,
                                                const double *strength, struct gr_node_info *info,
                                                struct iv_graph_communities *c, struct iv_buf *err)
{
	enum iv_err rc = IV_OK;

	info->rank = m ? m->pagerank : strength;
	info->strength = strength;
	info->coreness = m ? m->coreness : NULL;
	info->between = m ? m->betweenness_norm : NULL;
	gr_sort_info = info;
	if (gr_describe(g, s, info, c))
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory describing communities");
	gr_sort_info = NULL;
	return rc;
}

/* Everything that calls igraph or reads the simple graph, under the lock. */
static IV_MUST_USE enum iv_err
gr_comm_locked(const struct iv_graph *g, const struct iv_graph_measures *m,
               const struct iv_graph_community_opts *opts, double resolution, double *strength,
               struct gr_node_info *info, struct iv_graph_communities *c, struct iv_buf *err)
{
	const struct gr_simple *s = NULL;
	enum iv_err rc;

	gr_lock();
	rc = gr_simple_get(g, &s, err);
	if (!rc)
		rc = gr_comm_allowed(s, c->method, opts, err);
	if (!rc) {
		gr_strength(g, s, strength);
		rc = gr_partition(s, opts, resolution, strength, c, err);
	}
	if (!rc)
		rc = gr_comm_describe(g, s, m, strength, info, c, err);
	gr_unlock();
	return rc;
}

enum iv_err iv_graph_communities(const struct iv_graph *g, const struct iv_graph_measures *m,
                                 const struct iv_graph_community_opts *opts,
                                 struct iv_graph_communities *out, struct iv_buf *err)
{
	struct iv_graph_communities c = {0};
	struct gr_node_info info = {0};
	const char *method = opts && opts->method ? opts->method : "leiden";
	double resolution = opts && opts->resolution != 0 ? opts->resolution : 1;
	double *strength = NULL, t0 = iv_clock();
	enum iv_err rc;

	memset(out, 0, sizeof(*out));
	rc = gr_comm_check(g, m, method, resolution, err);
	if (rc)
		return rc;
	c.method = strcmp(method, "leiden") == 0 ? "leiden" : "multilevel";
	c.nnodes = g->nnodes;
	rc = gr_comm_alloc(&c, &info, &strength, err);
	if (!rc)
		rc = gr_comm_locked(g, m, opts, resolution, strength, &info, &c, err);
	iv_free(info.score);
	iv_free(info.others);
	iv_free(info.outside);
	iv_free(strength);
	if (rc) {
		iv_graph_communities_release(&c);
		return rc;
	}
	c.seconds = iv_clock() - t0;
	*out = c;
	return IV_OK;
}

static int by_label(const void *x, const void *y)
{
	const int *p = x, *q = y;

	if (p[0] != q[0])
		return p[0] < q[0] ? -1 : 1;
	return (p[1] > q[1]) - (p[1] < q[1]);
}

/* The labels of x as 0, 1, ... (in the order of their values) into out; -1 on no memory. */
static int renumber(const int *x, size_t n, igraph_vector_int_t *out)
{
	int(*pair)[2] = iv_malloc(n * sizeof(*pair));
	int next = -1;

	if (!pair)
		return -1;
	for (size_t i = 0; i < n; i++) {
		pair[i][0] = x[i];
		pair[i][1] = (int)i;
	}
	qsort(pair, n, sizeof(*pair), by_label);
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || pair[i][0] != pair[i - 1][0])
			next++;
		VECTOR(*out)[pair[i][1]] = next;
	}
	iv_free(pair);
	return 0;
}

enum iv_err iv_graph_compare_partitions(const int *a, const int *b, size_t n, double *nmi,
                                        double *ari, struct iv_buf *err)
{
	igraph_vector_int_t pa, pb;
	igraph_real_t x = 0, y = 0;
	bool made_a = false, made_b = false;
	igraph_error_t irc = IGRAPH_SUCCESS;
	enum iv_err rc = IV_OK;

	if (n == 0)
		return iv_seterr(err, IV_ERR_INVALID, "no items to compare partitions over");
	for (size_t i = 0; i < n; i++)
		if (a[i] < 0 || b[i] < 0)
			return iv_seterr(err, IV_ERR_INVALID,
			                 "item %zu has a negative community number", i);
	gr_lock();
	irc = igraph_vector_int_init(&pa, (igraph_integer_t)n);
	made_a = !irc;
	if (!irc)
		irc = igraph_vector_int_init(&pb, (igraph_integer_t)n);
	made_b = made_a && !irc;
	if (irc) {
		rc = gr_igraph_err(err, irc, "comparing partitions");
		goto out;
	}
	/* igraph wants community numbers below n: number them 0, 1, ... in order */
	if (renumber(a, n, &pa) || renumber(b, n, &pb)) {
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory comparing partitions");
		goto out;
	}
	irc = igraph_compare_communities(&pa, &pb, &x, IGRAPH_COMMCMP_NMI);
	if (!irc)
		irc = igraph_compare_communities(&pa, &pb, &y, IGRAPH_COMMCMP_ADJUSTED_RAND);
	if (irc) {
		rc = gr_igraph_err(err, irc, "comparing partitions");
		goto out;
	}
	if (nmi)
		*nmi = x;
	if (ari)
		*ari = y;
out:
	if (made_b)
		igraph_vector_int_destroy(&pb);
	if (made_a)
		igraph_vector_int_destroy(&pa);
	gr_unlock();
	return rc;
}
