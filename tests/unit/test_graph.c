/*
 * test_graph.c - the analyses of include/iv/graph.h (measures,
 * communities, key players, paths, ego networks) on small graphs whose
 * answers are worked out by hand in the comments (a path, a star, two
 * triangles joined by a bridge, a diamond), on bad input, under
 * allocation failure, and on the published covert networks in the shared
 * data folder against the figures its README states.
 *
 * The shared data folder is $IV_SHARED_DATA, or ../shared/data next to
 * the project (found from this file's path); the tests that read it skip
 * when it is missing.  Those tests also check the path searches against
 * igraph's own functions.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <igraph.h>

#include "iv/graph.h"
#include "iv/util.h"

/* the OpenMP runtime igraph runs on, as lib/graph/measures.c declares it */
int omp_get_max_threads(void);
void omp_set_num_threads(int n);

/* ---- building graphs ------------------------------------------------------------ */

static struct iv_graph *new_graph(size_t n)
{
	struct iv_graph *g = NULL;
	struct iv_buf err = IV_BUF_INIT;

	assert_int_equal(iv_graph_new(&g, &err), IV_OK);
	for (size_t i = 0; i < n; i++) {
		char id[32];
		uint32_t idx;

		snprintf(id, sizeof(id), "n%zu", i);
		assert_int_equal(iv_graph_node(g, id, id, "Person", &idx, &err), IV_OK);
		assert_int_equal(idx, i);
	}
	iv_buf_release(&err);
	return g;
}

static void add(struct iv_graph *g, uint32_t a, uint32_t b, enum iv_graph_link kind, double w)
{
	struct iv_graph_event ev = {0};

	ev.a = a;
	ev.b = b;
	ev.kind = kind;
	ev.weight = w;
	ev.date = IV_GRAPH_UNDATED;
	assert_int_equal(iv_graph_event(g, &ev, NULL), IV_OK);
}

static void finish(struct iv_graph *g)
{
	assert_int_equal(iv_graph_finish(g, NULL), IV_OK);
}

/* 0 - 1 = 2 - 3 - 4, where 1 = 2 is a call (weight 1) and a payment (weight 2), and 4 calls itself
 */
static struct iv_graph *path_graph(void)
{
	struct iv_graph *g = new_graph(5);

	add(g, 0, 1, IV_LINK_CALL, 1);
	add(g, 2, 1, IV_LINK_CALL, 1);
	add(g, 1, 2, IV_LINK_PAYMENT, 2);
	add(g, 2, 3, IV_LINK_CALL, 1);
	add(g, 3, 4, IV_LINK_CALL, 1);
	add(g, 4, 4, IV_LINK_CALL, 1);
	finish(g);
	return g;
}

/* center 0, leaves 1..5; leaf i's tie weighs i */
static struct iv_graph *star_graph(void)
{
	struct iv_graph *g = new_graph(6);

	for (uint32_t i = 1; i <= 5; i++)
		add(g, 0, i, IV_LINK_ASSOCIATE, i);
	finish(g);
	return g;
}

/* triangles 0 1 2 and 3 4 5, joined by the bridge 2 - 3 */
static struct iv_graph *triangles_graph(void)
{
	struct iv_graph *g = new_graph(6);

	add(g, 0, 1, IV_LINK_CALL, 1);
	add(g, 1, 2, IV_LINK_CALL, 1);
	add(g, 0, 2, IV_LINK_CALL, 1);
	add(g, 2, 3, IV_LINK_CALL, 1);
	add(g, 3, 4, IV_LINK_CALL, 1);
	add(g, 4, 5, IV_LINK_CALL, 1);
	add(g, 3, 5, IV_LINK_CALL, 1);
	finish(g);
	return g;
}

/* the diamond 0 - {1, 2} - 3 with the chord 1 - 2, and the tail 3 - 4 */
static struct iv_graph *diamond_graph(void)
{
	struct iv_graph *g = new_graph(5);

	add(g, 0, 1, IV_LINK_CALL, 1);
	add(g, 0, 2, IV_LINK_CALL, 1);
	add(g, 1, 3, IV_LINK_CALL, 1);
	add(g, 2, 3, IV_LINK_CALL, 1);
	add(g, 1, 2, IV_LINK_CALL, 1);
	add(g, 1, 2, IV_LINK_FAMILY, 1);
	add(g, 3, 4, IV_LINK_CALL, 1);
	finish(g);
	return g;
}

static void measures_ok(const struct iv_graph *g, const struct iv_graph_measure_opts *opts,
                        struct iv_graph_measures *m)
{
	struct iv_buf err = IV_BUF_INIT;

	if (iv_graph_measures(g, opts, m, &err))
		fail_msg("measures: %s", err.buf);
	iv_buf_release(&err);
}

static void assert_path(const struct iv_graph_path *p, size_t len, const uint32_t *nodes)
{
	assert_int_equal(p->len, len);
	for (size_t i = 0; i <= len; i++)
		assert_int_equal(p->nodes[i], nodes[i]);
}

#define NEAR(x, y, eps) assert_true(fabs((double)(x) - (double)(y)) < (eps))

/* ---- measures on hand-worked graphs -------------------------------------------------- */

static void test_path_measures(void **state)
{
	struct iv_graph *g = path_graph();
	struct iv_graph_measures m;
	/*
	 * Betweenness of node i on a path of 5: pairs with one end on each
	 * side, 1*3, 2*2, 3*1; normalised by (n-1)(n-2)/2 = 6.  Closeness:
	 * 4 / the sum of distances, 4/10 at the ends, 4/7 next to them, 4/6
	 * in the middle.
	 */
	const double degree[] = {1, 2, 2, 2, 1}, strength[] = {1, 4, 4, 2, 1};
	const double between[] = {0, 3, 4, 3, 0}, close[] = {0.4, 4.0 / 7, 4.0 / 6, 4.0 / 7, 0.4};

	assert_int_equal(g->self_loops, 1);
	measures_ok(g, NULL, &m);
	assert_int_equal(m.n, 5);
	for (int v = 0; v < 5; v++) {
		NEAR(m.degree[v], degree[v], 1e-12);
		NEAR(m.strength[v], strength[v], 1e-12);
		NEAR(m.betweenness[v], between[v], 1e-9);
		NEAR(m.betweenness_norm[v], between[v] / 6, 1e-9);
		NEAR(m.closeness[v], close[v], 1e-9);
		assert_int_equal(m.coreness[v], 1);
		assert_int_equal(m.articulation[v], v >= 1 && v <= 3);
		assert_true(m.eigenvector[v] > 0 && m.eigenvector[v] <= 1);
	}
	assert_false(m.sampled);
	assert_true(m.betweenness_error == 0);
	/* every tie is a bridge; the pair 1 - 2 is named by its first edge (the call) */
	assert_int_equal(m.nbridges, 4);
	for (size_t i = 1; i < m.nbridges; i++)
		assert_true(m.bridges[i] > m.bridges[i - 1]);
	assert_int_equal(g->edges[m.bridges[1]].a, 1);
	assert_int_equal(g->edges[m.bridges[1]].b, 2);
	assert_int_equal(g->edges[m.bridges[1]].kind, IV_LINK_CALL);
	assert_int_equal(m.components, 1);
	assert_int_equal(m.largest_component, 5);
	/* PageRank sums to 1, and the heavier tie 1 = 2 lifts 1 above 3 */
	NEAR(m.pagerank[0] + m.pagerank[1] + m.pagerank[2] + m.pagerank[3] + m.pagerank[4], 1,
	     1e-9);
	assert_true(m.pagerank[1] > m.pagerank[3]);
	iv_graph_measures_release(&m);
	iv_graph_measures_release(&m); /* a released struct releases again as a no-op */
	iv_graph_free(g);
}

static void test_star_measures(void **state)
{
	struct iv_graph *g = star_graph();
	struct iv_graph_measures m;

	measures_ok(g, NULL, &m);
	/* the center is on all C(5,2) = 10 leaf pairs' paths; (n-1)(n-2)/2 = 10 */
	NEAR(m.betweenness[0], 10, 1e-9);
	NEAR(m.betweenness_norm[0], 1, 1e-9);
	NEAR(m.closeness[0], 1, 1e-9);
	for (int v = 1; v <= 5; v++) {
		NEAR(m.betweenness[v], 0, 1e-12);
		NEAR(m.closeness[v], 5.0 / 9, 1e-9); /* 1 + 2 * 4 = 9 over 5 others */
		NEAR(m.strength[v], v, 1e-12);
		assert_false(m.articulation[v]);
	}
	NEAR(m.strength[0], 15, 1e-12);
	NEAR(m.eigenvector[0], 1, 1e-9);
	assert_true(m.articulation[0]);
	assert_int_equal(m.nbridges, 5);
	/* the heavier a leaf's tie, the higher its PageRank */
	for (int v = 2; v <= 5; v++)
		assert_true(m.pagerank[v] > m.pagerank[v - 1]);
	iv_graph_measures_release(&m);
	iv_graph_free(g);
}

static void test_triangles_measures(void **state)
{
	struct iv_graph *g = triangles_graph();
	struct iv_graph_measures m;
	/* 2 and 3 each lie on the 2 * 3 paths from the far corners of one triangle to the other */
	const double between[] = {0, 0, 6, 6, 0, 0};
	const double close[] = {0.5, 0.5, 5.0 / 7, 5.0 / 7, 0.5, 0.5};

	measures_ok(g, NULL, &m);
	for (int v = 0; v < 6; v++) {
		NEAR(m.betweenness[v], between[v], 1e-9);
		NEAR(m.betweenness_norm[v], between[v] / 10, 1e-9);
		NEAR(m.closeness[v], close[v], 1e-9);
		NEAR(m.degree[v], v == 2 || v == 3 ? 3 : 2, 1e-12);
		assert_int_equal(m.coreness[v], 2);
		assert_int_equal(m.articulation[v], v == 2 || v == 3);
	}
	assert_int_equal(m.nbridges, 1);
	assert_int_equal(g->edges[m.bridges[0]].a, 2);
	assert_int_equal(g->edges[m.bridges[0]].b, 3);
	iv_graph_measures_release(&m);
	iv_graph_free(g);
}

static void test_disconnected_measures(void **state)
{
	/* a triangle, an edge and an isolated node */
	struct iv_graph *g = new_graph(6);
	struct iv_graph_measures m;

	add(g, 0, 1, IV_LINK_CALL, 1);
	add(g, 1, 2, IV_LINK_CALL, 1);
	add(g, 0, 2, IV_LINK_CALL, 1);
	add(g, 3, 4, IV_LINK_CALL, 1);
	finish(g);
	measures_ok(g, NULL, &m);
	assert_int_equal(m.components, 3);
	assert_int_equal(m.largest_component, 3);
	/* igraph's closeness over the reachable nodes; an isolated node gets 0, not NaN */
	NEAR(m.closeness[0], 1, 1e-9);
	NEAR(m.closeness[3], 1, 1e-9);
	NEAR(m.closeness[5], 0, 1e-12);
	assert_int_equal(m.coreness[5], 0);
	for (int v = 0; v < 6; v++) {
		assert_true(isfinite(m.eigenvector[v]) && m.eigenvector[v] >= 0);
		assert_true(isfinite(m.pagerank[v]));
	}
	iv_graph_measures_release(&m);
	iv_graph_free(g);
}

/*
 * A connected graph of 3,000 nodes (a ring with chords, ties of weights 1
 * to 5) and the same figures every time: PageRank once varied in its
 * last digits from run to run, because igraph's PRPACK solves a component
 * of more than 512 nodes on OpenMP threads that update one vector in an
 * order nobody fixes; PageRank breaks ties between organisers, so a role
 * could change between two runs on the same store.  Four threads are
 * asked for, as a machine with four cores would give by default.
 */
static void test_measures_reproducible(void **state)
{
	enum { N = 3000, RUNS = 6 };
	struct iv_graph *g = new_graph(N);
	struct iv_graph_measures first, m;

	for (uint32_t i = 0; i < N; i++) {
		add(g, i, (i + 1) % N, IV_LINK_CALL, 1 + i % 5);
		add(g, i, (uint32_t)(((uint64_t)i * 37 + 11) % N), IV_LINK_PAYMENT, 1 + i % 3);
	}
	finish(g);
	omp_set_num_threads(4);
	measures_ok(g, NULL, &first);
	for (int run = 1; run < RUNS; run++) {
		measures_ok(g, NULL, &m);
		assert_memory_equal(m.pagerank, first.pagerank, N * sizeof(double));
		assert_memory_equal(m.eigenvector, first.eigenvector, N * sizeof(double));
		iv_graph_measures_release(&m);
	}
	/* the caller's own setting is left as it was */
	assert_int_equal(omp_get_max_threads(), 4);
	iv_graph_measures_release(&first);
	iv_graph_free(g);
}

/* Link kinds by name: whole words only, and read in place from a list of any length. */
static void test_link_names(void **state)
{
	const char *list = "call,cotravel";

	for (int k = 0; k < IV_LINK_NKINDS; k++)
		assert_int_equal(iv_graph_link_parse(iv_graph_link_name(k)), k);
	assert_int_equal(iv_graph_link_parse("telepathy"), -1);
	assert_int_equal(iv_graph_link_parse(""), -1);
	assert_int_equal(iv_graph_link_parse(NULL), -1);
	assert_int_equal(iv_graph_link_parse_n(list, 4), IV_LINK_CALL);
	assert_int_equal(iv_graph_link_parse_n(list + 5, 8), IV_LINK_COTRAVEL);
	assert_int_equal(iv_graph_link_parse_n(list, 3), -1); /* "cal" */
	assert_int_equal(iv_graph_link_parse_n(list, 5), -1); /* "call," */
	assert_int_equal(iv_graph_link_parse_n(list, 0), -1);
	assert_null(iv_graph_link_name(IV_LINK_NKINDS));
}

/* A list of kinds: a mask, or the first item that names none (an empty one too). */
static void test_kinds_parse(void **state)
{
	const char *bad = NULL;
	size_t n = 99;
	unsigned mask = 7;

	assert_int_equal(iv_graph_kinds_parse("call,cotravel,call", &mask, &bad, &n), IV_OK);
	assert_int_equal(mask, (1u << IV_LINK_CALL) | (1u << IV_LINK_COTRAVEL));
	assert_int_equal(iv_graph_kinds_parse("payment", &mask, NULL, NULL), IV_OK);
	assert_int_equal(mask, 1u << IV_LINK_PAYMENT);

	const char *list = "call,telepathy,payment";
	assert_int_equal(iv_graph_kinds_parse(list, &mask, &bad, &n), IV_ERR_INVALID);
	assert_ptr_equal(bad, list + 5);
	assert_int_equal(n, 9);
	assert_int_equal(mask, 0);

	const char *empty[] = {"", ",", "call,,payment", "call,", ",call"};
	for (size_t i = 0; i < sizeof(empty) / sizeof(empty[0]); i++) {
		n = 99;
		assert_int_equal(iv_graph_kinds_parse(empty[i], &mask, &bad, &n), IV_ERR_INVALID);
		assert_int_equal(n, 0);
		assert_int_equal(mask, 0);
	}
	assert_int_equal(iv_graph_kinds_parse(NULL, &mask, NULL, NULL), IV_ERR_INVALID);
	(void)state;
}

/* ---- communities ----------------------------------------------------------------- */

static void test_communities(void **state)
{
	struct iv_graph *g = triangles_graph();
	struct iv_graph_measures m;
	struct iv_graph_communities c, c2;
	struct iv_buf err = IV_BUF_INIT;
	struct iv_graph_community_opts opts = {0};
	double nmi = 0, ari = 0;

	measures_ok(g, NULL, &m);
	assert_int_equal(iv_graph_communities(g, &m, NULL, &c, &err), IV_OK);
	assert_string_equal(c.method, "leiden");
	assert_int_equal(c.n, 2);
	/* each triangle: 3 of the 7 edges inside, half the degree: 2 * (3/7 - 1/4) */
	NEAR(c.modularity, 2 * (3.0 / 7 - 0.25), 1e-9);
	assert_int_equal(c.membership[0], c.membership[1]);
	assert_int_equal(c.membership[1], c.membership[2]);
	assert_int_equal(c.membership[3], c.membership[4]);
	assert_int_equal(c.membership[4], c.membership[5]);
	assert_int_not_equal(c.membership[0], c.membership[3]);
	/* equal sizes: the community holding node 0 comes first */
	assert_int_equal(c.membership[0], 0);
	for (size_t i = 0; i < 2; i++) {
		const struct iv_graph_community *k = &c.c[i];
		uint32_t end = i == 0 ? 2 : 3;

		assert_int_equal(k->nmembers, 3);
		assert_int_equal(k->internal_edges, 3);
		NEAR(k->density, 1, 1e-12);
		assert_int_equal(k->members[0], end); /* the bridge end is the most central */
		assert_int_equal(k->nbrokers, 1);
		assert_int_equal(k->brokers[0], end);
	}
	/* one organiser per triangle (its bridge end); the rest peripheral */
	for (int v = 0; v < 6; v++)
		assert_int_equal(c.role[v],
		                 v == 2 || v == 3 ? IV_ROLE_ORGANISER : IV_ROLE_PERIPHERAL);
	assert_string_equal(iv_graph_role_name(IV_ROLE_ORGANISER), "organiser");
	assert_string_equal(iv_graph_role_name(IV_ROLE_BROKER), "broker");
	assert_string_equal(iv_graph_role_name(IV_ROLE_PERIPHERAL), "peripheral");
	assert_null(iv_graph_role_name((enum iv_graph_role)7));

	/* the same seed, the same partition; multilevel agrees here */
	opts.method = "multilevel";
	assert_int_equal(iv_graph_communities(g, NULL, &opts, &c2, &err), IV_OK);
	assert_string_equal(c2.method, "multilevel");
	assert_int_equal(
	        iv_graph_compare_partitions(c.membership, c2.membership, 6, &nmi, &ari, &err),
	        IV_OK);
	NEAR(nmi, 1, 1e-9);
	NEAR(ari, 1, 1e-9);
	iv_graph_communities_release(&c2);

	/* multilevel is refused above its edge limit, with the reason */
	opts.multilevel_limit = 3;
	assert_int_equal(iv_graph_communities(g, NULL, &opts, &c2, &err), IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "multilevel"));
	assert_non_null(strstr(err.buf, "leiden"));
	assert_null(c2.membership);
	opts.method = "walktrap";
	assert_int_equal(iv_graph_communities(g, NULL, &opts, &c2, &err), IV_ERR_INVALID);
	opts.method = NULL;
	opts.resolution = -1;
	assert_int_equal(iv_graph_communities(g, NULL, &opts, &c2, &err), IV_ERR_INVALID);

	iv_graph_communities_release(&c);
	iv_graph_communities_release(&c);
	iv_graph_measures_release(&m);
	iv_graph_free(g);
	iv_buf_release(&err);
}

static void test_roles_broker(void **state)
{
	/*
	 * Three 4-cliques A {0-3}, B {4-7}, C {8-11}, and node 12 tied to one
	 * member of each: 12 joins one of them but has ties into two others,
	 * so it is a broker unless it organises its own.
	 */
	struct iv_graph *g = new_graph(13);
	struct iv_graph_measures m;
	struct iv_graph_communities c;
	int brokers = 0, organisers = 0;

	for (uint32_t base = 0; base < 12; base += 4)
		for (uint32_t i = 0; i < 4; i++)
			for (uint32_t j = i + 1; j < 4; j++)
				add(g, base + i, base + j, IV_LINK_CALL, 1);
	add(g, 12, 0, IV_LINK_CALL, 1);
	add(g, 12, 4, IV_LINK_CALL, 1);
	add(g, 12, 8, IV_LINK_CALL, 1);
	finish(g);
	measures_ok(g, NULL, &m);
	assert_int_equal(iv_graph_communities(g, &m, NULL, &c, NULL), IV_OK);
	assert_int_equal(c.n, 3);
	assert_int_equal(c.role[12], IV_ROLE_BROKER);
	for (int v = 0; v < 13; v++) {
		brokers += c.role[v] == IV_ROLE_BROKER;
		organisers += c.role[v] == IV_ROLE_ORGANISER;
	}
	assert_int_equal(organisers, 3); /* one per community of 4 or 5 */
	assert_true(brokers >= 1);
	iv_graph_communities_release(&c);
	iv_graph_measures_release(&m);
	iv_graph_free(g);
}

static void test_compare_partitions(void **state)
{
	const int a[] = {0, 0, 1, 1}, b[] = {0, 1, 0, 1}, neg[] = {0, -1, 0, 1};
	double nmi = -1, ari = -1;
	struct iv_buf err = IV_BUF_INIT;

	/*
	 * Crossed halves share no information; adjusted Rand: no agreeing
	 * pair, expected 2 * 2 / 6, maximum 2, so (0 - 2/3) / (2 - 2/3).
	 */
	assert_int_equal(iv_graph_compare_partitions(a, b, 4, &nmi, &ari, &err), IV_OK);
	NEAR(nmi, 0, 1e-9);
	NEAR(ari, -0.5, 1e-9);
	assert_int_equal(iv_graph_compare_partitions(a, a, 4, &nmi, &ari, &err), IV_OK);
	NEAR(nmi, 1, 1e-9);
	NEAR(ari, 1, 1e-9);
	/* any community numbers, not only 0..n-1: the same partition as a, numbered 5 and 9 */
	{
		const int far[] = {5, 5, 9, 9};

		assert_int_equal(iv_graph_compare_partitions(far, a, 4, &nmi, &ari, &err), IV_OK);
		NEAR(nmi, 1, 1e-9);
		NEAR(ari, 1, 1e-9);
	}
	assert_int_equal(iv_graph_compare_partitions(a, neg, 4, &nmi, &ari, &err), IV_ERR_INVALID);
	assert_int_equal(iv_graph_compare_partitions(a, b, 0, &nmi, &ari, &err), IV_ERR_INVALID);
	iv_buf_release(&err);
}

/* ---- key players -------------------------------------------------------------------- */

static void test_fragmentation(void **state)
{
	struct iv_graph *g = triangles_graph();
	const uint32_t two[] = {2}, both[] = {2, 3}, corner[] = {0}, bad[] = {99};
	size_t largest = 0, comps = 0;

	/* nothing removed: one component, F = 0 */
	NEAR(iv_graph_fragmentation(g, NULL, 0, &largest, &comps), 0, 1e-12);
	assert_int_equal(comps, 1);
	assert_int_equal(largest, 6);
	/* without 2: {0,1} and {3,4,5}: 1 - (2 + 6) / (5 * 4) */
	NEAR(iv_graph_fragmentation(g, two, 1, &largest, &comps), 0.6, 1e-12);
	assert_int_equal(comps, 2);
	assert_int_equal(largest, 3);
	/* without 2 and 3: {0,1} and {4,5}: 1 - 4 / 12 */
	NEAR(iv_graph_fragmentation(g, both, 2, NULL, NULL), 2.0 / 3, 1e-12);
	NEAR(iv_graph_fragmentation(g, corner, 1, NULL, NULL), 0, 1e-12);
	assert_true(isnan(iv_graph_fragmentation(g, bad, 1, &largest, &comps)));
	assert_int_equal(largest, 0);
	iv_graph_free(g);
}

static void test_keyplayers(void **state)
{
	struct iv_graph *g = triangles_graph(), *s = star_graph();
	struct iv_graph_keyset ks[6];
	struct iv_buf err = IV_BUF_INIT;

	assert_int_equal(iv_graph_keyplayers_neg(g, 6, ks, &err), IV_OK);
	/* k = 1: a bridge end (equal degree, so the lower index) */
	assert_int_equal(ks[0].k, 1);
	assert_int_equal(ks[0].removed[0], 2);
	NEAR(ks[0].fragmentation, 0.6, 1e-12);
	assert_int_equal(ks[0].components, 2);
	assert_int_equal(ks[0].largest_component, 3);
	/*
	 * k = 2 and 3: a node taken from a triangle leaves one of its edges,
	 * and no three nodes are pairwise apart, so at best two pairs (1 - 4/12)
	 * and then a pair and an isolate (1 - 2/6); from k = 4 all isolates.
	 */
	NEAR(ks[1].fragmentation, 2.0 / 3, 1e-12);
	assert_int_equal(ks[1].components, 2);
	NEAR(ks[2].fragmentation, 2.0 / 3, 1e-12);
	assert_int_equal(ks[2].components, 2);
	NEAR(ks[3].fragmentation, 1, 1e-12);
	for (size_t k = 0; k < 6; k++) {
		size_t largest, comps;

		NEAR(iv_graph_fragmentation(g, ks[k].removed, ks[k].k, &largest, &comps),
		     ks[k].fragmentation, 1e-12);
		assert_int_equal(largest, ks[k].largest_component);
		assert_int_equal(comps, ks[k].components);
	}
	NEAR(ks[5].fragmentation, 1, 1e-12); /* nothing left */

	/* KPP-Pos on the star: the center reaches all 5; a second node only moves a leaf into the
	 * set */
	assert_int_equal(iv_graph_keyplayers_pos(s, 2, ks, &err), IV_OK);
	assert_int_equal(ks[0].removed[0], 0);
	assert_int_equal(ks[0].reached, 5);
	assert_int_equal(ks[1].reached, 4);
	/* KPP-Neg on the star: the center, all isolates */
	assert_int_equal(iv_graph_keyplayers_neg(s, 1, ks, &err), IV_OK);
	assert_int_equal(ks[0].removed[0], 0);
	NEAR(ks[0].fragmentation, 1, 1e-12);
	assert_int_equal(ks[0].components, 5);

	/* bad k */
	assert_int_equal(iv_graph_keyplayers_neg(g, 7, ks, &err), IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "only 6 nodes"));
	assert_int_equal(iv_graph_keyplayers_pos(g, 7, ks, &err), IV_ERR_INVALID);
	assert_int_equal(iv_graph_keyplayers_neg(g, 0, ks, &err), IV_ERR_INVALID);
	assert_int_equal(iv_graph_keyplayers_neg(g, IV_GRAPH_MAX_K + 1, ks, &err), IV_ERR_INVALID);
	iv_graph_free(s);
	iv_graph_free(g);
	iv_buf_release(&err);
}

/* ---- paths and ego networks -------------------------------------------------------- */

static void test_paths(void **state)
{
	struct iv_graph *g = diamond_graph(), *p = path_graph();
	struct iv_graph_paths ps;
	struct iv_buf err = IV_BUF_INIT;
	const uint32_t p013[] = {0, 1, 3}, p023[] = {0, 2, 3}, p0123[] = {0, 1, 2, 3},
	               p0213[] = {0, 2, 1, 3}, p04[] = {0, 1, 2, 3, 4};

	/* two shortest paths 0 -> 3, by 1 and by 2 (the chord's two kinds are one tie) */
	assert_int_equal(iv_graph_shortest_paths(g, 0, 3, 0, &ps, &err), IV_OK);
	assert_int_equal(ps.n, 2);
	assert_false(ps.truncated);
	assert_path(&ps.p[0], 2, p013);
	assert_path(&ps.p[1], 2, p023);
	iv_graph_paths_release(&ps);
	assert_int_equal(iv_graph_shortest_paths(g, 0, 3, 1, &ps, &err), IV_OK);
	assert_int_equal(ps.n, 1);
	assert_true(ps.truncated);
	iv_graph_paths_release(&ps);
	assert_int_equal(iv_graph_shortest_paths(g, 3, 3, 0, &ps, &err), IV_OK);
	assert_int_equal(ps.n, 1);
	assert_int_equal(ps.p[0].len, 0);
	assert_int_equal(ps.p[0].nodes[0], 3);
	iv_graph_paths_release(&ps);

	/* every simple path 0 -> 3 of at most 3 hops: the two of 2, then through the chord */
	assert_int_equal(iv_graph_all_paths(g, 0, 3, 3, 0, &ps, &err), IV_OK);
	assert_int_equal(ps.n, 4);
	assert_false(ps.truncated);
	assert_path(&ps.p[0], 2, p013);
	assert_path(&ps.p[1], 2, p023);
	assert_path(&ps.p[2], 3, p0123);
	assert_path(&ps.p[3], 3, p0213);
	iv_graph_paths_release(&ps);
	assert_int_equal(iv_graph_all_paths(g, 0, 3, 2, 0, &ps, &err), IV_OK);
	assert_int_equal(ps.n, 2);
	iv_graph_paths_release(&ps);
	assert_int_equal(iv_graph_all_paths(g, 0, 3, 3, 3, &ps, &err), IV_OK);
	assert_int_equal(ps.n, 3);
	assert_true(ps.truncated);
	iv_graph_paths_release(&ps);
	assert_int_equal(iv_graph_all_paths(g, 0, 3, 1, 0, &ps, &err), IV_OK);
	assert_int_equal(ps.n, 0);
	iv_graph_paths_release(&ps);
	assert_int_equal(iv_graph_all_paths(g, 0, 4, 10, 0, &ps, &err), IV_OK);
	assert_int_equal(ps.n, 4); /* each of the four above, then 3 -> 4 */
	iv_graph_paths_release(&ps);

	/* the path graph: one path each way */
	assert_int_equal(iv_graph_shortest_paths(p, 0, 4, 0, &ps, &err), IV_OK);
	assert_int_equal(ps.n, 1);
	assert_path(&ps.p[0], 4, p04);
	iv_graph_paths_release(&ps);
	assert_int_equal(iv_graph_all_paths(p, 0, 4, 4, 0, &ps, &err), IV_OK);
	assert_int_equal(ps.n, 1);
	iv_graph_paths_release(&ps);

	/* unknown nodes are errors */
	assert_int_equal(iv_graph_shortest_paths(g, 0, 5, 0, &ps, &err), IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "no node 5"));
	assert_int_equal(iv_graph_all_paths(g, 9, 0, 3, 0, &ps, &err), IV_ERR_INVALID);
	iv_graph_free(p);
	iv_graph_free(g);
	iv_buf_release(&err);
}

static void test_disconnected_paths(void **state)
{
	struct iv_graph *g = new_graph(4);
	struct iv_graph_paths ps;
	struct iv_buf err = IV_BUF_INIT;

	add(g, 0, 1, IV_LINK_CALL, 1);
	add(g, 2, 3, IV_LINK_CALL, 1);
	finish(g);
	/* no path is an answer, not an error */
	assert_int_equal(iv_graph_shortest_paths(g, 0, 3, 0, &ps, &err), IV_OK);
	assert_int_equal(ps.n, 0);
	assert_false(ps.truncated);
	iv_graph_paths_release(&ps);
	assert_int_equal(iv_graph_all_paths(g, 0, 3, 5, 0, &ps, &err), IV_OK);
	assert_int_equal(ps.n, 0);
	iv_graph_paths_release(&ps);
	iv_graph_free(g);
	iv_buf_release(&err);
}

static void test_ego(void **state)
{
	struct iv_graph *s = star_graph(), *p = path_graph(), *e = NULL;
	struct iv_buf err = IV_BUF_INIT;

	/* one hop from leaf 1: itself and the center */
	assert_int_equal(iv_graph_ego(s, 1, 1, 0, &e, &err), IV_OK);
	assert_int_equal(e->nnodes, 2);
	assert_string_equal(e->nodes[0].id, "n1");
	assert_string_equal(e->nodes[1].id, "n0");
	assert_int_equal(e->nedges, 1);
	iv_graph_free(e);
	/* two hops, three nodes: leaf 1, the center, then the heaviest other leaf (5) */
	assert_int_equal(iv_graph_ego(s, 1, 2, 3, &e, &err), IV_OK);
	assert_int_equal(e->nnodes, 3);
	assert_string_equal(e->nodes[0].id, "n1");
	assert_string_equal(e->nodes[1].id, "n0");
	assert_string_equal(e->nodes[2].id, "n5");
	assert_int_equal(e->nedges, 2);
	iv_graph_free(e);
	/* one hop on the path from 2, heavier ties first; both kinds of 1 = 2 come along */
	assert_int_equal(iv_graph_ego(p, 2, 1, 0, &e, &err), IV_OK);
	assert_int_equal(e->nnodes, 3);
	assert_string_equal(e->nodes[0].id, "n2");
	assert_string_equal(e->nodes[1].id, "n1"); /* strength 4 before 3's 2 */
	assert_string_equal(e->nodes[2].id, "n3");
	assert_int_equal(e->nedges, 3);
	iv_graph_free(e);
	/* each node's strength, in the graph and in the ego network (its own ties there only) */
	assert_true(p->strength[1] == 4.0 && p->strength[2] == 4.0 && p->strength[0] == 1.0);
	assert_int_equal(iv_graph_ego(p, 2, 1, 0, &e, &err), IV_OK);
	assert_true(e->strength[0] == 4.0 && e->strength[1] == 3.0 && e->strength[2] == 1.0);
	iv_graph_free(e);
	assert_int_equal(iv_graph_ego(p, 0, 0, 0, &e, &err), IV_OK);
	assert_int_equal(e->nnodes, 1);
	iv_graph_free(e);
	assert_int_equal(iv_graph_ego(p, 5, 1, 0, &e, &err), IV_ERR_INVALID);
	assert_null(e);
	iv_graph_free(p);
	iv_graph_free(s);
	iv_buf_release(&err);
}

/* ---- bad input ---------------------------------------------------------------------- */

static void test_empty_and_unfinished(void **state)
{
	struct iv_graph *g = new_graph(0), *u = new_graph(2), *e = NULL;
	struct iv_graph_measures m;
	struct iv_graph_communities c;
	struct iv_graph_keyset ks[1];
	struct iv_graph_paths ps;
	struct iv_buf err = IV_BUF_INIT;

	finish(g);
	/* an empty network measures to nothing and holds no communities ... */
	measures_ok(g, NULL, &m);
	assert_int_equal(m.n, 0);
	assert_int_equal(m.components, 0);
	iv_graph_measures_release(&m);
	assert_int_equal(iv_graph_communities(g, NULL, NULL, &c, &err), IV_OK);
	assert_int_equal(c.n, 0);
	iv_graph_communities_release(&c);
	/* ... but has no key players to find, and no nodes to start from */
	assert_int_equal(iv_graph_keyplayers_neg(g, 1, ks, &err), IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "empty"));
	assert_int_equal(iv_graph_keyplayers_pos(g, 1, ks, &err), IV_ERR_INVALID);
	assert_int_equal(iv_graph_shortest_paths(g, 0, 0, 0, &ps, &err), IV_ERR_INVALID);
	assert_int_equal(iv_graph_ego(g, 0, 1, 0, &e, &err), IV_ERR_INVALID);
	NEAR(iv_graph_fragmentation(g, NULL, 0, NULL, NULL), 1, 1e-12);

	/* an unfinished network cannot be analysed */
	assert_int_equal(iv_graph_measures(u, NULL, &m, &err), IV_ERR_INTERNAL);
	assert_non_null(strstr(err.buf, "not finished"));
	assert_int_equal(iv_graph_communities(u, NULL, NULL, &c, &err), IV_ERR_INTERNAL);
	assert_int_equal(iv_graph_keyplayers_neg(u, 1, ks, &err), IV_ERR_INTERNAL);
	assert_int_equal(iv_graph_shortest_paths(u, 0, 1, 0, &ps, &err), IV_ERR_INTERNAL);
	assert_true(isnan(iv_graph_fragmentation(u, NULL, 0, NULL, NULL)));

	/* measures of another network */
	finish(u);
	measures_ok(u, NULL, &m);
	assert_int_equal(iv_graph_communities(g, &m, NULL, &c, &err), IV_ERR_INVALID);
	iv_graph_measures_release(&m);
	iv_graph_free(u);
	iv_graph_free(g);
	iv_buf_release(&err);
}

/* ---- allocation failure ------------------------------------------------------------- */

enum op { OP_MEASURES, OP_COMMUNITIES, OP_NEG, OP_POS, OP_SHORTEST, OP_ALL, OP_EGO, OP_NOPS };

/* ---- the time limit ----------------------------------------------------------- */

/* A random network of n nodes and about 10 n links, every node on a ring so it is connected. */
static struct iv_graph *random_graph(size_t n)
{
	struct iv_graph *g = new_graph(n);
	uint64_t x = 42;

	for (size_t i = 0; i < n; i++) {
		add(g, (uint32_t)i, (uint32_t)((i + 1) % n), IV_LINK_CALL, 1);
		for (int j = 0; j < 9; j++) {
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			add(g, (uint32_t)i, (uint32_t)((x >> 33) % n), IV_LINK_ASSOCIATE, 1);
		}
	}
	finish(g);
	return g;
}

static void test_time_limit(void **state)
{
	struct iv_graph *g = random_graph(3000);
	struct iv_graph_measures m;
	struct iv_graph_keyset ks[3];
	struct iv_buf err = IV_BUF_INIT;
	struct timespec pause = {0, 2000000}; /* 2 ms: the limit below has passed */

	(void)state;
	/* past the limit: igraph's own loop (exact betweenness) and ours (key players) stop */
	iv_graph_time_limit(1e-6);
	nanosleep(&pause, NULL);
	assert_int_equal(iv_graph_measures(g, NULL, &m, &err), IV_ERR_TIMEOUT);
	assert_non_null(strstr(err.buf, "stopped at the time limit of 1e-06 s"));
	iv_buf_reset(&err);
	assert_int_equal(iv_graph_keyplayers_neg(g, 3, ks, &err), IV_ERR_TIMEOUT);
	assert_int_equal(iv_graph_keyplayers_pos(g, 3, ks, &err), IV_ERR_TIMEOUT);
	/* a limit not reached, then none: the same calls answer */
	iv_graph_time_limit(600);
	assert_int_equal(iv_graph_keyplayers_neg(g, 3, ks, NULL), IV_OK);
	iv_graph_time_limit(0);
	assert_int_equal(iv_graph_measures(g, NULL, &m, NULL), IV_OK);
	assert_true(m.betweenness[0] > 0);
	iv_graph_measures_release(&m);
	iv_buf_release(&err);
	iv_graph_free(g);
}

static enum iv_err run_op(enum op op, struct iv_graph *g)
{
	struct iv_graph_measures m;
	struct iv_graph_communities c;
	struct iv_graph_keyset ks[3];
	struct iv_graph_paths ps;
	struct iv_graph *e = NULL;
	struct iv_buf err = IV_BUF_INIT;
	enum iv_err rc = IV_OK;

	switch (op) {
	case OP_MEASURES:
		rc = iv_graph_measures(g, NULL, &m, &err);
		iv_graph_measures_release(&m);
		break;
	case OP_COMMUNITIES:
		rc = iv_graph_communities(g, NULL, NULL, &c, &err);
		iv_graph_communities_release(&c);
		break;
	case OP_NEG:
		rc = iv_graph_keyplayers_neg(g, 3, ks, &err);
		break;
	case OP_POS:
		rc = iv_graph_keyplayers_pos(g, 3, ks, &err);
		break;
	case OP_SHORTEST:
		rc = iv_graph_shortest_paths(g, 0, 4, 0, &ps, &err);
		iv_graph_paths_release(&ps);
		break;
	case OP_ALL:
		rc = iv_graph_all_paths(g, 0, 4, 4, 0, &ps, &err);
		iv_graph_paths_release(&ps);
		break;
	case OP_EGO:
		rc = iv_graph_ego(g, 0, 2, 0, &e, &err);
		iv_graph_free(e);
		break;
	case OP_NOPS:
		break;
	}
	iv_buf_release(&err); /* empty under IV_ERR_NOMEM: the message could not be allocated */
	return rc;
}

static void test_alloc_failure(void **state)
{
	for (int op = 0; op < OP_NOPS; op++) {
		unsigned long n;

		for (n = 1; n < 10000; n++) {
			struct iv_graph *g =
			        triangles_graph(); /* fresh: the conversion is tried too */
			enum iv_err rc;

			iv_alloc_fail_after(n);
			rc = run_op((enum op)op, g);
			iv_alloc_fail_after(0);
			if (rc != IV_OK && rc != IV_ERR_NOMEM)
				fail_msg("operation %d, allocation %lu: %d", op, n, (int)rc);
			iv_graph_free(g);
			if (rc == IV_OK)
				break;
			assert_int_equal(rc, IV_ERR_NOMEM);
		}
		assert_true(n > 1); /* every analysis allocates */
		assert_true(n < 10000);
	}
}

/* ---- the published networks ---------------------------------------------------------- */

static char data_dir[1024];

/* The shared data folder: $IV_SHARED_DATA, else ../shared/data beside the project. */
static int find_data(void **state)
{
	const char *env = getenv("IV_SHARED_DATA");
	const char *slash;

	if (env && *env) {
		snprintf(data_dir, sizeof(data_dir), "%s", env);
		return 0;
	}
	/* this file is <project>/tests/unit/test_graph.c */
	slash = strstr(__FILE__, "/tests/unit/");
	if (slash)
		snprintf(data_dir, sizeof(data_dir), "%.*s/../shared/data", (int)(slash - __FILE__),
		         __FILE__);
	else
		snprintf(data_dir, sizeof(data_dir), "../shared/data");
	return 0;
}

/* Read networks/<name> (source,target,weight with a header) as IV_LINK_OTHER ties; NULL: missing.
 */
static struct iv_graph *read_network(const char *name)
{
	char path[1200], line[512];
	struct iv_graph *g = NULL;
	struct iv_buf err = IV_BUF_INIT;
	FILE *f;
	int lineno = 0;

	snprintf(path, sizeof(path), "%s/networks/%s", data_dir, name);
	f = fopen(path, "r");
	if (!f)
		return NULL;
	assert_int_equal(iv_graph_new(&g, &err), IV_OK);
	while (fgets(line, sizeof(line), f)) {
		char *a = line, *b, *w;
		struct iv_graph_event ev = {0};

		line[strcspn(line, "\r\n")] = '\0';
		if (lineno++ == 0 || !*line)
			continue; /* the header */
		b = strchr(a, ',');
		assert_non_null(b);
		*b++ = '\0';
		w = strchr(b, ',');
		assert_non_null(w);
		*w++ = '\0';
		if (iv_graph_node(g, a, a, "Person", &ev.a, &err) ||
		    iv_graph_node(g, b, b, "Person", &ev.b, &err))
			fail_msg("%s:%d: %s", path, lineno, err.buf);
		ev.kind = IV_LINK_OTHER;
		ev.weight = strtod(w, NULL);
		ev.date = IV_GRAPH_UNDATED;
		assert_int_equal(iv_graph_event(g, &ev, &err), IV_OK);
	}
	fclose(f);
	finish(g);
	iv_buf_release(&err);
	return g;
}

static uint32_t node(const struct iv_graph *g, const char *id)
{
	long v = iv_graph_find(g, id);

	if (v < 0)
		fail_msg("no node %s", id);
	return (uint32_t)v;
}

/* Round to the stated decimals and compare: the README's figures are rounded. */
static void assert_decimals(double x, double want, int decimals)
{
	double scale = pow(10, decimals);

	if (fabs(round(x * scale) - round(want * scale)) > 0.5)
		fail_msg("%.6f rounds to %.*f, not %.*f", x, decimals, x, decimals, want);
}

static void test_caviar(void **state)
{
	struct iv_graph *g = read_network("caviar_aggregate.csv");
	struct iv_graph_measures m, est;
	struct iv_graph_measure_opts opts = {0};
	uint32_t n1, n12, n87;

	if (!g)
		skip();
	assert_int_equal(g->nnodes, 110);
	assert_int_equal(g->nedges, 205);
	n1 = node(g, "1");
	n12 = node(g, "12");
	n87 = node(g, "87");
	measures_ok(g, NULL, &m);
	assert_decimals(m.betweenness_norm[n1], 0.637, 3);
	assert_decimals(m.betweenness_norm[n12], 0.292, 3);
	assert_decimals(m.betweenness_norm[n87], 0.119, 3);
	assert_decimals(m.betweenness[n1], 3752.1, 1);
	assert_decimals(m.betweenness[n12], 1719.5, 1);
	assert_decimals(m.betweenness[n87], 702.1, 1);

	/*
	 * Sampled from half the nodes: n1 stays on top, its estimate is within
	 * four standard errors of the exact figure, and the error is plausible.
	 */
	opts.exact_limit = 10;
	opts.samples = 55;
	opts.seed = 7;
	measures_ok(g, &opts, &est);
	assert_true(est.sampled);
	assert_int_equal(est.sources, 55);
	assert_true(est.betweenness_error > 0 && est.betweenness_error < 0.5);
	for (size_t v = 0; v < g->nnodes; v++)
		assert_true(est.betweenness[v] <= est.betweenness[n1]);
	assert_true(fabs(est.betweenness[n1] - m.betweenness[n1]) <
	            4 * est.betweenness_error * est.betweenness[n1]);
	/* closeness from the same sources tracks the exact one */
	assert_true(fabs(est.closeness[n1] - m.closeness[n1]) < 0.05);
	iv_graph_measures_release(&est);
	iv_graph_measures_release(&m);
	iv_graph_free(g);
}

static void test_siren_togo(void **state)
{
	struct iv_graph *siren = read_network("siren.csv"), *togo = read_network("togo.csv");
	struct iv_graph_measures m;

	if (!siren || !togo) {
		iv_graph_free(siren);
		iv_graph_free(togo);
		skip();
	}
	assert_int_equal(siren->nnodes, 44);
	measures_ok(siren, NULL, &m);
	assert_decimals(m.betweenness_norm[node(siren, "1")], 0.798, 3);
	iv_graph_measures_release(&m);
	assert_int_equal(togo->nnodes, 33);
	measures_ok(togo, NULL, &m);
	assert_decimals(m.betweenness_norm[node(togo, "1")], 0.783, 3);
	iv_graph_measures_release(&m);
	iv_graph_free(togo);
	iv_graph_free(siren);
}

static void test_911(void **state)
{
	struct iv_graph *g = read_network("krebs_911.csv");
	struct iv_graph_measures m;
	struct iv_graph_keyset ks[3];
	uint32_t removed[3], atta;
	size_t largest = 0, comps = 0;
	double f;

	if (!g)
		skip();
	assert_int_equal(g->nnodes, 62);
	assert_int_equal(g->nedges, 153);
	atta = node(g, "Mohamed Atta");
	measures_ok(g, NULL, &m);
	assert_int_equal(m.components, 1);
	assert_decimals(m.degree[atta] / (double)(g->nnodes - 1), 0.361, 3);
	assert_decimals(m.closeness[atta], 0.587, 3);
	assert_decimals(m.betweenness_norm[atta], 0.588, 3);
	iv_graph_measures_release(&m);

	removed[0] = atta;
	removed[1] = node(g, "Essid Sami Ben Khemais");
	removed[2] = node(g, "Zacarias Moussaoui");
	f = iv_graph_fragmentation(g, removed, 3, &largest, &comps);
	assert_decimals(f, 0.1636, 4);
	assert_int_equal(comps, 6);
	assert_int_equal(largest, 54);

	/* the search finds a set at least as fragmenting as the hand-picked one */
	assert_int_equal(iv_graph_keyplayers_neg(g, 3, ks, NULL), IV_OK);
	assert_true(ks[2].fragmentation >= f - 1e-12);
	for (size_t k = 0; k < 3; k++)
		NEAR(iv_graph_fragmentation(g, ks[k].removed, k + 1, NULL, NULL),
		     ks[k].fragmentation, 1e-12);
	iv_graph_free(g);
}

/* The graph as igraph would read it, edge for edge (the files hold one row per pair). */
static void to_igraph(const struct iv_graph *g, igraph_t *ig)
{
	igraph_vector_int_t ends;

	assert_int_equal(igraph_vector_int_init(&ends, (igraph_integer_t)(2 * g->nedges)), 0);
	for (size_t e = 0; e < g->nedges; e++) {
		VECTOR(ends)[2 * e] = g->edges[e].a;
		VECTOR(ends)[2 * e + 1] = g->edges[e].b;
	}
	assert_int_equal(igraph_create(ig, &ends, (igraph_integer_t)g->nnodes, IGRAPH_UNDIRECTED),
	                 0);
	igraph_vector_int_destroy(&ends);
}

static void test_paths_against_igraph(void **state)
{
	const char *files[] = {"caviar_aggregate.csv", "london_gang.csv", "natarajan_heroin.csv"};

	for (size_t fi = 0; fi < sizeof(files) / sizeof(files[0]); fi++) {
		struct iv_graph *g = read_network(files[fi]);
		igraph_vector_int_list_t vpaths;
		igraph_vector_int_t nrgeo, simple;
		igraph_t ig;
		uint64_t seed = 3;

		if (!g)
			skip();
		to_igraph(g, &ig);
		assert_int_equal(igraph_vector_int_list_init(&vpaths, 0), 0);
		assert_int_equal(igraph_vector_int_init(&nrgeo, 0), 0);
		assert_int_equal(igraph_vector_int_init(&simple, 0), 0);
		for (int trial = 0; trial < 40; trial++) {
			uint32_t a, b;
			struct iv_graph_paths ps;
			size_t count = 0, prev = 0;

			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			a = (uint32_t)((seed >> 33) % g->nnodes);
			b = (uint32_t)((seed >> 13) % g->nnodes);
			/* shortest paths: the same number as igraph counts */
			assert_int_equal(iv_graph_shortest_paths(g, a, b, 100000, &ps, NULL),
			                 IV_OK);
			assert_int_equal(igraph_get_all_shortest_paths(&ig, &vpaths, NULL, &nrgeo,
			                                               a, igraph_vss_1(b),
			                                               IGRAPH_ALL),
			                 0);
			assert_int_equal(ps.n, igraph_vector_int_list_size(&vpaths));
			assert_int_equal(ps.n, a == b ? 1 : VECTOR(nrgeo)[b]);
			iv_graph_paths_release(&ps);
			/* simple paths of at most 4 hops: the same number, shortest first */
			assert_int_equal(iv_graph_all_paths(g, a, b, 4, 1000000, &ps, NULL), IV_OK);
			assert_int_equal(igraph_get_all_simple_paths(
			                         &ig, &simple, a, igraph_vss_1(b), 4, IGRAPH_ALL),
			                 0);
			for (igraph_integer_t i = 0; i < igraph_vector_int_size(&simple); i++)
				count += VECTOR(simple)[i] == -1;
			if (a != b)
				assert_int_equal(ps.n, count);
			for (size_t i = 0; i < ps.n; i++) {
				assert_true(ps.p[i].len >= prev);
				assert_int_equal(ps.p[i].nodes[0], a);
				assert_int_equal(ps.p[i].nodes[ps.p[i].len], b);
				prev = ps.p[i].len;
			}
			iv_graph_paths_release(&ps);
		}
		igraph_vector_int_destroy(&simple);
		igraph_vector_int_destroy(&nrgeo);
		igraph_vector_int_list_destroy(&vpaths);
		igraph_destroy(&ig);
		iv_graph_free(g);
	}
}

static void test_networks_communities(void **state)
{
	struct iv_graph *g = read_network("london_gang.csv");
	struct iv_graph_measures m;
	struct iv_graph_communities c, again;
	size_t total = 0;

	if (!g)
		skip();
	measures_ok(g, NULL, &m);
	assert_int_equal(iv_graph_communities(g, &m, NULL, &c, NULL), IV_OK);
	assert_int_equal(iv_graph_communities(g, &m, NULL, &again, NULL), IV_OK);
	assert_true(c.n >= 2);
	assert_true(c.modularity > 0.1);
	for (size_t i = 0; i < c.n; i++) {
		total += c.c[i].nmembers;
		if (i)
			assert_true(c.c[i].nmembers <= c.c[i - 1].nmembers);
		for (size_t k = 1; k < c.c[i].nmembers; k++)
			assert_true(m.pagerank[c.c[i].members[k]] <=
			            m.pagerank[c.c[i].members[k - 1]]);
		for (size_t k = 0; k < c.c[i].nbrokers; k++)
			assert_int_equal(c.membership[c.c[i].brokers[k]], (int)i);
	}
	assert_int_equal(total, g->nnodes);
	/* the same seed gives the same partition */
	assert_memory_equal(c.membership, again.membership, g->nnodes * sizeof(int));
	iv_graph_communities_release(&again);
	iv_graph_communities_release(&c);
	iv_graph_measures_release(&m);
	iv_graph_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_path_measures),
	        cmocka_unit_test(test_star_measures),
	        cmocka_unit_test(test_triangles_measures),
	        cmocka_unit_test(test_disconnected_measures),
	        cmocka_unit_test(test_measures_reproducible),
	        cmocka_unit_test(test_link_names),
	        cmocka_unit_test(test_kinds_parse),
	        cmocka_unit_test(test_communities),
	        cmocka_unit_test(test_roles_broker),
	        cmocka_unit_test(test_compare_partitions),
	        cmocka_unit_test(test_fragmentation),
	        cmocka_unit_test(test_keyplayers),
	        cmocka_unit_test(test_paths),
	        cmocka_unit_test(test_disconnected_paths),
	        cmocka_unit_test(test_ego),
	        cmocka_unit_test(test_empty_and_unfinished),
	        cmocka_unit_test(test_alloc_failure),
	        cmocka_unit_test(test_time_limit),
	        cmocka_unit_test(test_caviar),
	        cmocka_unit_test(test_siren_togo),
	        cmocka_unit_test(test_911),
	        cmocka_unit_test(test_paths_against_igraph),
	        cmocka_unit_test(test_networks_communities),
	};

	return cmocka_run_group_tests(tests, find_data, NULL);
}
