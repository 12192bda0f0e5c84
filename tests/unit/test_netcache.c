/*
 * test_netcache.c - projections kept between requests (iv_netcache): a
 * viewer asking twice gets the kept graph, equal to a fresh projection;
 * viewers who see different statements never share one, viewers who see
 * the same do; a new statement, another window or other link kinds make a
 * new projection; a graph lent out survives its eviction; the local
 * operator's view is never kept; evidence is named through the borrowing
 * view's store; a projection past the thread's time limit stops and is
 * not kept; nothing read inside a write transaction is kept; under every
 * failing allocation and with four threads and a writer at once, the
 * partner never receives a hidden node.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <time.h>

#include <cmocka.h>

#include "iv/access.h"
#include "iv/netcache.h"
#include "iv/view.h"
#include "store_helpers.h"
#include "viewer_helpers.h"

/* Put one statement; SECRET (hidden from the partner) when `secret`. */
static void put(struct iv_store *st, const char *entity, const char *schema, const char *prop,
                const char *value, bool ref, bool secret)
{
	struct iv_statement s;

	mk(&s, entity, schema, prop, value, "net", "t:1");
	if (ref)
		s.flags |= IV_STMT_REF;
	if (secret)
		s.handling.classification = IV_CLASS_SECRET;
	iv_statement_id(&s, NULL);
	put_ok(st, &s);
}

/* Three people; a call p1 -> p2 everyone sees; a payment p1 -> p4 only the analyst sees. */
static void world(struct iv_store *st)
{
	begin_ok(st);
	put(st, "p1", "Person", "name", "Zorvex Amadi", false, false);
	put(st, "p2", "Person", "name", "Zorvex Brant", false, false);
	put(st, "p3", "Person", "name", "Calyra Kerem", false, false);
	put(st, "k1", "Call", "caller", "p1", true, false);
	put(st, "k1", "Call", "receiver", "p2", true, false);
	put(st, "k1", "Call", "date", "2024-03-01", false, false);
	put(st, "y1", "Payment", "payer", "p1", true, true);
	put(st, "y1", "Payment", "beneficiary", "p4", true, true);
	put(st, "y1", "Payment", "date", "2023-01-01", false, true);
	put(st, "p4", "Person", "name", "Zorvex Hidden", false, true);
	commit_ok(st);
}

static void no_window(struct iv_graph_project_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->from = o->to = IV_GRAPH_UNDATED;
}

/* a and b have the same nodes (ids, names, schemata) and edges, in the same order. */
static void assert_same_graph(const struct iv_graph *a, const struct iv_graph *b)
{
	assert_int_equal(a->nnodes, b->nnodes);
	assert_int_equal(a->nedges, b->nedges);
	for (size_t i = 0; i < a->nnodes; i++) {
		assert_string_equal(a->nodes[i].id, b->nodes[i].id);
		assert_string_equal(a->nodes[i].name, b->nodes[i].name);
		assert_string_equal(a->nodes[i].schema, b->nodes[i].schema);
	}
	for (size_t i = 0; i < a->nedges; i++) {
		assert_int_equal(a->edges[i].a, b->edges[i].a);
		assert_int_equal(a->edges[i].b, b->edges[i].b);
		assert_int_equal(a->edges[i].kind, b->edges[i].kind);
		assert_int_equal(a->edges[i].count, b->edges[i].count);
	}
}

/* Whether g links the nodes with ids x and y. */
static bool linked(const struct iv_graph *g, const char *x, const char *y)
{
	long a = iv_graph_find(g, x), b = iv_graph_find(g, y);

	for (size_t i = 0; a >= 0 && b >= 0 && i < g->nedges; i++)
		if ((g->edges[i].a == (uint32_t)a && g->edges[i].b == (uint32_t)b) ||
		    (g->edges[i].a == (uint32_t)b && g->edges[i].b == (uint32_t)a))
			return true;
	return false;
}

/* v's projection built afresh, for comparison. */
static struct iv_graph *fresh(struct iv_view *v, struct iv_graph_project_opts *o)
{
	struct iv_graph *g = NULL;
	struct iv_buf err = IV_BUF_INIT;

	if (iv_view_project(v, o, &g, &err))
		fail_msg("project: %s", err.buf);
	iv_buf_release(&err);
	return g;
}

static void get_ok(struct iv_netcache *c, struct iv_view *v, struct iv_graph_project_opts *o,
                   struct iv_netgraph *out)
{
	struct iv_buf err = IV_BUF_INIT;

	if (iv_netcache_get(c, v, o, out, &err))
		fail_msg("netcache get: %s", err.buf);
	iv_buf_release(&err);
}

static struct iv_netcache *cache(size_t max)
{
	struct iv_netcache *c = NULL;

	assert_int_equal(iv_netcache_new(max, &c, NULL), IV_OK);
	return c;
}

static void test_kept_and_equal(void **state)
{
	struct fixture *f = *state;
	struct iv_viewer who;
	struct iv_view v;
	struct iv_graph_project_opts o;
	struct iv_netgraph first, second;
	struct iv_netcache_stats s;
	struct iv_netcache *c = cache(4);
	struct iv_graph *g;

	world(f->st);
	analyst(&who);
	iv_view_init(&v, f->st, &who);
	no_window(&o);
	get_ok(c, &v, &o, &first);
	get_ok(c, &v, &o, &second);
	iv_netcache_stats(c, &s);
	assert_int_equal(s.misses, 1);
	assert_int_equal(s.hits, 1);
	assert_int_equal(s.entries, 1);
	/* the same arrays lent twice, and what a fresh projection gives */
	assert_ptr_equal(first.graph.nodes, second.graph.nodes);
	g = fresh(&v, &o);
	assert_same_graph(&first.graph, g);
	assert_true(iv_graph_find(&first.graph, "p4") >= 0);
	iv_graph_free(g);
	iv_netcache_release(c, &first);
	iv_netcache_release(c, &second);
	iv_view_release(&v);
	iv_netcache_free(c);
}

static void test_viewers_apart(void **state)
{
	struct fixture *f = *state;
	struct iv_viewer alice, pablo, pablo2;
	struct iv_view va, vp, vp2;
	struct iv_graph_project_opts o;
	struct iv_netgraph ga, gp, gp2;
	struct iv_netcache_stats s;
	struct iv_netcache *c = cache(4);
	struct iv_graph *g;

	world(f->st);
	analyst(&alice);
	partner(&pablo);
	partner(&pablo2); /* another partner officer with the same access */
	iv_view_init(&va, f->st, &alice);
	iv_view_init(&vp, f->st, &pablo);
	iv_view_init(&vp2, f->st, &pablo2);
	no_window(&o);
	get_ok(c, &va, &o, &ga);
	get_ok(c, &vp, &o, &gp);
	/* the partner's graph is not the analyst's: no hidden payment, no p4 */
	assert_ptr_not_equal(ga.graph.nodes, gp.graph.nodes);
	assert_true(iv_graph_find(&gp.graph, "p4") < 0);
	g = fresh(&vp, &o);
	assert_same_graph(&gp.graph, g);
	iv_graph_free(g);
	get_ok(c, &vp2, &o, &gp2);
	assert_ptr_equal(gp.graph.nodes, gp2.graph.nodes);
	iv_netcache_stats(c, &s);
	assert_int_equal(s.misses, 2);
	assert_int_equal(s.hits, 1);
	iv_netcache_release(c, &ga);
	iv_netcache_release(c, &gp);
	iv_netcache_release(c, &gp2);
	iv_view_release(&va);
	iv_view_release(&vp);
	iv_view_release(&vp2);
	iv_netcache_free(c);
}

static void test_exporting_view_apart(void **state)
{
	struct fixture *f = *state;
	struct iv_viewer alice;
	struct iv_view v, vx;
	struct iv_graph_project_opts o;
	struct iv_netgraph g1, g2;
	struct iv_netcache_stats s;
	struct iv_netcache *c = cache(4);
	struct iv_statement red;

	world(f->st);
	/* a TLP:RED call of another organisation, p3 -> p2: visible, not exportable */
	begin_ok(f->st);
	for (int i = 0; i < 2; i++) {
		mk(&red, "k2", "Call", i ? "receiver" : "caller", i ? "p2" : "p3", "net", "t:2");
		red.flags |= IV_STMT_REF;
		red.handling.tlp = "RED";
		red.handling.originator = "Guardia Civil";
		iv_statement_id(&red, NULL);
		put_ok(f->st, &red);
	}
	commit_ok(f->st);
	analyst(&alice);
	iv_view_init(&v, f->st, &alice);
	iv_view_init(&vx, f->st, &alice);
	vx.exporting = true;
	no_window(&o);
	get_ok(c, &v, &o, &g1);
	get_ok(c, &vx, &o, &g2);
	iv_netcache_stats(c, &s);
	assert_int_equal(s.misses, 2);
	assert_ptr_not_equal(g1.graph.nodes, g2.graph.nodes);
	assert_true(linked(&g1.graph, "p2", "p3"));
	assert_false(linked(&g2.graph, "p2", "p3"));
	iv_netcache_release(c, &g1);
	iv_netcache_release(c, &g2);
	iv_view_release(&v);
	iv_view_release(&vx);
	iv_netcache_free(c);
}

static void test_new_data_window_kinds(void **state)
{
	struct fixture *f = *state;
	struct iv_viewer who;
	struct iv_view v;
	struct iv_graph_project_opts o;
	struct iv_netgraph before, after, windowed, kinds;
	struct iv_netcache_stats s;
	struct iv_netcache *c = cache(4);

	world(f->st);
	analyst(&who);
	iv_view_init(&v, f->st, &who);
	no_window(&o);
	get_ok(c, &v, &o, &before);
	assert_true(iv_graph_find(&before.graph, "p5") < 0);
	begin_ok(f->st);
	put(f->st, "k9", "Call", "caller", "p3", true, false);
	put(f->st, "k9", "Call", "receiver", "p5", true, false);
	commit_ok(f->st);
	get_ok(c, &v, &o, &after);
	assert_true(iv_graph_find(&after.graph, "p5") >= 0);
	/* the graph lent before the change is still whole */
	assert_true(iv_graph_find(&before.graph, "p4") >= 0);
	iv_netcache_stats(c, &s);
	assert_int_equal(s.misses, 2);
	assert_int_equal(s.entries, 1); /* the old generation's entry went */
	o.from = 1700000000;            /* November 2023: the 2023 payment falls out */
	get_ok(c, &v, &o, &windowed);
	no_window(&o);
	o.kinds = 1u << IV_LINK_CALL;
	get_ok(c, &v, &o, &kinds);
	assert_ptr_not_equal(windowed.graph.edges, after.graph.edges);
	assert_ptr_not_equal(kinds.graph.edges, after.graph.edges);
	assert_true(kinds.graph.nedges < after.graph.nedges);
	iv_netcache_stats(c, &s);
	assert_int_equal(s.misses, 4);
	assert_int_equal(s.hits, 0);
	iv_netcache_release(c, &before);
	iv_netcache_release(c, &after);
	iv_netcache_release(c, &windowed);
	iv_netcache_release(c, &kinds);
	iv_view_release(&v);
	iv_netcache_free(c);
}

static void test_eviction_while_lent(void **state)
{
	struct fixture *f = *state;
	struct iv_viewer alice, pablo;
	struct iv_view va, vp;
	struct iv_graph_project_opts o;
	struct iv_netgraph ga, gp, again;
	struct iv_netcache_stats s;
	struct iv_netcache *c = cache(1);

	world(f->st);
	analyst(&alice);
	partner(&pablo);
	iv_view_init(&va, f->st, &alice);
	iv_view_init(&vp, f->st, &pablo);
	no_window(&o);
	get_ok(c, &va, &o, &ga);
	get_ok(c, &vp, &o, &gp); /* evicts the analyst's, which ga still holds */
	iv_netcache_stats(c, &s);
	assert_int_equal(s.evictions, 1);
	assert_int_equal(s.entries, 1);
	assert_true(iv_graph_find(&ga.graph, "p4") >= 0);
	assert_string_equal(ga.graph.nodes[iv_graph_find(&ga.graph, "p4")].name, "Zorvex Hidden");
	iv_netcache_release(c, &ga); /* freed now (ASan and valgrind would see otherwise) */
	get_ok(c, &va, &o, &again);
	iv_netcache_stats(c, &s);
	assert_int_equal(s.misses, 3);
	iv_netcache_release(c, &again);
	iv_netcache_release(c, &gp);
	iv_view_release(&va);
	iv_view_release(&vp);
	iv_netcache_free(c);
}

static void test_local_never_kept(void **state)
{
	struct fixture *f = *state;
	struct iv_viewer local;
	struct iv_view v;
	struct iv_graph_project_opts o;
	struct iv_netgraph g1, g2, plain;
	struct iv_netcache_stats s;
	struct iv_netcache *c = cache(4);

	world(f->st);
	iv_viewer_local(&local);
	iv_view_init(&v, f->st, &local);
	no_window(&o);
	get_ok(c, &v, &o, &g1);
	get_ok(c, &v, &o, &g2);
	assert_ptr_not_equal(g1.graph.nodes, g2.graph.nodes);
	iv_netcache_stats(c, &s);
	assert_int_equal(s.builds_kept, 0);
	assert_int_equal(s.entries, 0);
	/* and no cache at all builds every time */
	get_ok(NULL, &v, &o, &plain);
	assert_same_graph(&plain.graph, &g1.graph);
	iv_netcache_release(NULL, &plain);
	iv_netcache_release(c, &g1);
	iv_netcache_release(c, &g2);
	iv_view_release(&v);
	iv_netcache_free(c);
}

static void test_evidence_through_borrower(void **state)
{
	struct fixture *f = *state;
	struct iv_viewer who;
	struct iv_view v1, v2;
	struct iv_store *other = NULL;
	struct iv_graph_project_opts o;
	struct iv_netgraph g1, g2;
	struct iv_netcache *c = cache(4);
	char a[128], b[128];

	world(f->st);
	assert_int_equal(iv_store_open(f->path, 0, &other, NULL), IV_OK);
	analyst(&who);
	iv_view_init(&v1, f->st, &who);
	iv_view_init(&v2, other, &who); /* another request thread's connection */
	no_window(&o);
	get_ok(c, &v1, &o, &g1);
	get_ok(c, &v2, &o, &g2);
	assert_ptr_equal(g1.graph.edges, g2.graph.edges);
	assert_ptr_equal(g2.graph.evidence_ctx, other);
	assert_true(g1.graph.nedges > 0 && g1.graph.edges[0].ev_n > 0);
	iv_graph_evidence_text(&g1.graph, g1.graph.evidence[g1.graph.edges[0].ev_off], a,
	                       sizeof(a));
	iv_graph_evidence_text(&g2.graph, g2.graph.evidence[g2.graph.edges[0].ev_off], b,
	                       sizeof(b));
	assert_string_equal(a, b);
	assert_int_equal(strlen(a), IV_HASH_HEX - 1); /* a content id, not a row number */
	iv_netcache_release(c, &g1);
	iv_netcache_release(c, &g2);
	iv_view_release(&v1);
	iv_view_release(&v2);
	iv_store_close(other);
	iv_netcache_free(c);
}

static void test_time_limit(void **state)
{
	struct fixture *f = *state;
	struct iv_viewer who;
	struct iv_view v;
	struct iv_graph_project_opts o;
	struct iv_netgraph g;
	struct iv_netcache_stats s;
	struct iv_netcache *c = cache(4);
	struct iv_buf err = IV_BUF_INIT;
	struct timespec pause = {0, 2000000};

	world(f->st);
	analyst(&who);
	iv_view_init(&v, f->st, &who);
	no_window(&o);
	iv_graph_time_limit(1e-6);
	nanosleep(&pause, NULL);
	assert_int_equal(iv_netcache_get(c, &v, &o, &g, &err), IV_ERR_TIMEOUT);
	assert_non_null(strstr(err.buf, "network projection stopped at the time limit"));
	iv_netcache_stats(c, &s);
	assert_int_equal(s.entries, 0);
	iv_graph_time_limit(0);
	get_ok(c, &v, &o, &g);
	assert_true(g.graph.nnodes > 0);
	iv_netcache_release(c, &g);
	iv_buf_release(&err);
	iv_view_release(&v);
	iv_netcache_free(c);
}

static void test_clearance_change(void **state)
{
	struct fixture *f = *state;
	struct iv_viewer alice;
	struct iv_view before, after;
	struct iv_graph_project_opts o;
	struct iv_netgraph g1, g2;
	struct iv_netcache *c = cache(4);

	world(f->st);
	analyst(&alice);
	iv_view_init(&before, f->st, &alice);
	no_window(&o);
	get_ok(c, &before, &o, &g1);
	assert_true(iv_graph_find(&g1.graph, "p4") >= 0);
	/* her clearance lowered between two requests: the next one is built for it */
	alice.clearance = IV_CLASS_OFFICIAL;
	iv_view_init(&after, f->st, &alice);
	get_ok(c, &after, &o, &g2);
	assert_true(iv_graph_find(&g2.graph, "p4") < 0);
	iv_netcache_release(c, &g1);
	iv_netcache_release(c, &g2);
	iv_view_release(&before);
	iv_view_release(&after);
	iv_netcache_free(c);
}

static void test_inside_transaction(void **state)
{
	struct fixture *f = *state;
	struct iv_viewer alice;
	struct iv_view v;
	struct iv_graph_project_opts o;
	struct iv_netgraph g;
	struct iv_netcache_stats s;
	struct iv_netcache *c = cache(4);

	world(f->st);
	analyst(&alice);
	iv_view_init(&v, f->st, &alice);
	no_window(&o);
	/* rows a rollback may take back (and whose ids it frees) are never kept */
	begin_ok(f->st);
	put(f->st, "k8", "Call", "caller", "p3", true, true);
	put(f->st, "k8", "Call", "receiver", "p6", true, true);
	get_ok(c, &v, &o, &g);
	assert_true(iv_graph_find(&g.graph, "p6") >= 0);
	iv_netcache_release(c, &g);
	iv_store_rollback(f->st);
	iv_netcache_stats(c, &s);
	assert_int_equal(s.entries, 0);
	assert_int_equal(s.builds_kept, 0);
	get_ok(c, &v, &o, &g);
	assert_true(iv_graph_find(&g.graph, "p6") < 0);
	iv_netcache_release(c, &g);
	iv_view_release(&v);
	iv_netcache_free(c);
}

/* One get as viewer who under fault n; p4 must never reach the partner. */
static void faulty_get(struct iv_netcache *c, struct iv_store *st, struct iv_viewer *who,
                       unsigned long n, bool *done)
{
	struct iv_view v;
	struct iv_graph_project_opts o;
	struct iv_netgraph g;
	enum iv_err rc;

	iv_view_init(&v, st, who);
	no_window(&o);
	iv_alloc_fail_after(n);
	rc = iv_netcache_get(c, &v, &o, &g, NULL);
	iv_alloc_fail_after(0);
	if (rc != IV_OK && rc != IV_ERR_NOMEM && rc != IV_ERR_DB)
		fail_msg("allocation %lu: %d", n, (int)rc);
	if (rc == IV_OK) {
		if (who->org_kind == IV_ORG_PARTNER)
			assert_true(iv_graph_find(&g.graph, "p4") < 0);
		iv_netcache_release(c, &g);
		*done = true;
	}
	iv_view_release(&v);
}

static void test_alloc_failure(void **state)
{
	struct fixture *f = *state;
	struct iv_viewer alice, pablo;

	world(f->st);
	analyst(&alice);
	partner(&pablo);
	/* each viewer under every failing allocation, with the other's graph kept or not */
	for (int order = 0; order < 2; order++) {
		bool done = false;
		unsigned long n;

		for (n = 1; n < 100000 && !done; n++) {
			struct iv_netcache *c = cache(4);
			bool ignored = false;

			faulty_get(c, f->st, order ? &pablo : &alice, 0, &ignored);
			faulty_get(c, f->st, order ? &alice : &pablo, n, &done);
			/* whatever was kept under fault, the partner gets no p4 afterwards */
			faulty_get(c, f->st, &pablo, 0, &ignored);
			iv_netcache_free(c);
		}
		assert_true(done);
		assert_true(n > 2);
	}
}

/* ---- threads ---------------------------------------------------------------- */

struct worker {
	struct iv_netcache *c;
	const char *path;
	bool partner, writer;
	int leaks, failures;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct iv_store *st = NULL;
	struct iv_viewer who;

	if (iv_store_open(w->path, 0, &st, NULL)) {
		w->failures++;
		return NULL;
	}
	if (w->partner)
		partner(&who);
	else
		analyst(&who);
	for (int i = 0; i < 60; i++) {
		struct iv_view v;
		struct iv_graph_project_opts o;
		struct iv_netgraph g;

		if (w->writer && i % 6 == 0) {
			char call[16], other[16];

			snprintf(call, sizeof(call), "kw%d", i);
			snprintf(other, sizeof(other), "q%d", i);
			if (iv_store_begin(st, NULL)) {
				w->failures++;
				continue;
			}
			put(st, call, "Call", "caller", "p1", true, i % 12 == 0);
			put(st, call, "Call", "receiver", other, true, i % 12 == 0);
			if (iv_store_commit(st, NULL))
				w->failures++;
		}
		iv_view_init(&v, st, &who);
		no_window(&o);
		if (iv_netcache_get(w->c, &v, &o, &g, NULL)) {
			w->failures++;
		} else {
			/* hidden: p4, and the people only SECRET calls (i % 12 == 0) reach */
			for (size_t n = 0; w->partner && n < g.graph.nnodes; n++) {
				const char *id = g.graph.nodes[n].id;

				if (strcmp(id, "p4") == 0 ||
				    (id[0] == 'q' && atoi(id + 1) % 12 == 0))
					w->leaks++;
			}
			iv_netcache_release(w->c, &g);
		}
		iv_view_release(&v);
	}
	iv_store_close(st);
	return NULL;
}

static void test_threads(void **state)
{
	struct fixture *f = *state;
	struct iv_netcache *c = cache(2);
	struct worker w[4];
	pthread_t t[4];

	world(f->st);
	for (int i = 0; i < 4; i++) {
		w[i] = (struct worker){c, f->path, i % 2 == 1, i == 0, 0, 0};
		assert_int_equal(pthread_create(&t[i], NULL, work, &w[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_int_equal(w[i].leaks, 0);
		assert_int_equal(w[i].failures, 0);
	}
	iv_netcache_free(c);
}

static int setup(void **state)
{
	return fixture_open(state, "netcache");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_kept_and_equal, setup, fixture_close),
	        cmocka_unit_test_setup_teardown(test_viewers_apart, setup, fixture_close),
	        cmocka_unit_test_setup_teardown(test_exporting_view_apart, setup, fixture_close),
	        cmocka_unit_test_setup_teardown(test_new_data_window_kinds, setup, fixture_close),
	        cmocka_unit_test_setup_teardown(test_eviction_while_lent, setup, fixture_close),
	        cmocka_unit_test_setup_teardown(test_local_never_kept, setup, fixture_close),
	        cmocka_unit_test_setup_teardown(test_evidence_through_borrower, setup,
	                                        fixture_close),
	        cmocka_unit_test_setup_teardown(test_time_limit, setup, fixture_close),
	        cmocka_unit_test_setup_teardown(test_clearance_change, setup, fixture_close),
	        cmocka_unit_test_setup_teardown(test_inside_transaction, setup, fixture_close),
	        cmocka_unit_test_setup_teardown(test_alloc_failure, setup, fixture_close),
	        cmocka_unit_test_setup_teardown(test_threads, setup, fixture_close),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
