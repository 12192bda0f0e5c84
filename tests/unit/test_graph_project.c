/*
 * test_graph_project.c - unit tests of the network projection
 * (iv_graph_project, lib/graph/project.c) over a small store: calls
 * between numbers only become phone nodes that a person's phone joins;
 * payments merge into one edge with count, amount and dates; resolved
 * records become one canonical node; the time window and link kinds
 * filter; a statement the viewer may not see leaves no trace (no node,
 * no edge, no name, no evidence); references to absent entities are
 * counted; self-loops are dropped; evidence names statements.  A
 * viewer's network rests on the statements it may see alone: a hidden
 * statement changes neither a node's schema nor the order of the nodes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "iv/export.h"
#include "iv/graph.h"
#include "iv/store.h"
#include "store_helpers.h"

static int setup(void **state)
{
	return fixture_open(state, "test_graph_project");
}

static int teardown(void **state)
{
	return fixture_close(state);
}

/* One statement; `secret` puts it under a SECRET envelope in compartment "op-x". */
static void put(struct iv_store *st, const char *entity, const char *schema, const char *prop,
                const char *value, bool secret)
{
	struct iv_statement s;

	mk(&s, entity, schema, prop, value, "graph-test", entity);
	if (secret) {
		s.handling.classification = IV_CLASS_SECRET;
		s.handling.compartment = "op-x";
		iv_statement_id(&s, NULL);
	}
	put_ok(st, &s);
}

/*
 * The world: Azad (p-azad) and his second record (p-azad-2, resolved into
 * one entity by a judgement-free canonical membership) use +33600000001;
 * that number called +33600000002 three times; Hemin (p-hemin) uses
 * +33600000002 and paid Azad twice; a secret associate link ties Azad to
 * Karim (p-karim), who has nothing else; a payment to a missing entity.
 */
static void world(struct iv_store *st)
{
	begin_ok(st);
	put(st, "p-azad", "Person", "name", "Azad Mohammed", false);
	put(st, "p-azad", "Person", "phone", "+33600000001", false);
	put(st, "p-azad-2", "Person", "name", "Kaka Azad", false);
	put(st, "p-azad-2", "Person", "phone", "+33600000001", false);
	put(st, "p-hemin", "Person", "name", "Hemin Karim", false);
	put(st, "p-hemin", "Person", "phone", "+33600000002", false);
	put(st, "p-karim", "Person", "name", "Karim Secret", true);
	for (int i = 0; i < 3; i++) {
		char id[16], date[32];

		snprintf(id, sizeof(id), "call-%d", i);
		snprintf(date, sizeof(date), "2024-0%d-15T10:00:00", i + 1);
		put(st, id, "Call", "callerNumber", "+33600000001", false);
		put(st, id, "Call", "receiverNumber", "+33600000002", false);
		put(st, id, "Call", "date", date, false);
		put(st, id, "Call", "duration", "60", false);
	}
	put(st, "pay-1", "Payment", "payer", "p-hemin", false);
	put(st, "pay-1", "Payment", "beneficiary", "p-azad", false);
	put(st, "pay-1", "Payment", "amount", "500", false);
	put(st, "pay-1", "Payment", "date", "2024-02-01", false);
	put(st, "pay-2", "Payment", "payer", "p-hemin", false);
	put(st, "pay-2", "Payment", "beneficiary", "p-azad-2", false);
	put(st, "pay-2", "Payment", "amount", "700", false);
	put(st, "pay-2", "Payment", "date", "2024-05-01", false);
	put(st, "pay-3", "Payment", "payer", "p-hemin", false);
	put(st, "pay-3", "Payment", "beneficiary", "p-nobody", false);
	put(st, "assoc-1", "Associate", "person", "p-azad", true);
	put(st, "assoc-1", "Associate", "associate", "p-karim", true);
	put(st, "pay-1", "Payment", "amount", "500.00", false); /* one amount, two spellings */
	put(st, "since-2015", "Associate", "person", "p-hemin", false);
	put(st, "since-2015", "Associate", "associate", "p-dilan", false);
	put(st, "since-2015", "Associate", "startDate", "2015-06-01", false);
	put(st, "p-dilan", "Person", "name", "Dilan Aziz", false);
	put(st, "ended-2016", "Family", "person", "p-hemin", false);
	put(st, "ended-2016", "Family", "relative", "p-azad", false);
	put(st, "ended-2016", "Family", "startDate", "2010-01-01", false);
	put(st, "ended-2016", "Family", "endDate", "2016-01-01", false);
	for (int i = 1; i <= 3; i++) {
		char id[16], who[16];

		snprintf(id, sizeof(id), "j-%d", i);
		snprintf(who, sizeof(who), "p-m%d", i);
		put(st, who, "Person", "name", who, false);
		put(st, id, "Journey", "traveller", who, false);
		put(st, id, "Journey", "facilitator", "p-azad", false);
		put(st, id, "Journey", "group", "boat-7", false);
		put(st, id, "Journey", "date", i < 3 ? "2024-02-20" : "2024-05-01", false);
	}
	put(st, "loop-1", "Associate", "person", "p-hemin", false);
	put(st, "loop-1", "Associate", "associate", "p-hemin", false);
	commit_ok(st);
}

/*
 * p-azad and p-azad-2 as one canonical entity, with the records a
 * resolution stores: p-azad-2's says it was fed by `fed2` (a JSON array of
 * eids), or does not say when fed2 is NULL (a store resolved before
 * records kept it).
 */
static void resolve_azad_fed(struct iv_store *st, const char *fed2)
{
	char text[256];

	begin_ok(st);
	assert_int_equal(iv_store_res_put_record(st, "p-azad", "Person",
	                                         "{\"schema\":\"Person\",\"values\":{},"
	                                         "\"strong\":[],\"fed_by\":[]}",
	                                         NULL),
	                 IV_OK);
	if (fed2)
		snprintf(text, sizeof(text),
		         "{\"schema\":\"Person\",\"values\":{},\"strong\":[],\"fed_by\":%s}", fed2);
	else
		snprintf(text, sizeof(text), "{\"schema\":\"Person\",\"values\":{},\"strong\":[]}");
	assert_int_equal(iv_store_res_put_record(st, "p-azad-2", "Person", text, NULL), IV_OK);
	assert_int_equal(iv_store_res_set_member(st, "p-azad", "c-azad", NULL), IV_OK);
	assert_int_equal(iv_store_res_set_member(st, "p-azad-2", "c-azad", NULL), IV_OK);
	commit_ok(st);
}

static void resolve_azad(struct iv_store *st)
{
	resolve_azad_fed(st, "[]");
}

static struct iv_graph *project(struct iv_store *st, const struct iv_graph_project_opts *o,
                                struct iv_graph_project_report *rep)
{
	struct iv_graph *g = NULL;
	struct iv_buf err = IV_BUF_INIT;

	if (iv_graph_project(st, o, &g, rep, &err))
		fail_msg("project: %s", err.buf);
	iv_buf_release(&err);
	assert_true(g->finished);
	return g;
}

/* The edge of a kind between two node ids, or NULL. */
static const struct iv_graph_edge *edge(const struct iv_graph *g, const char *a, const char *b,
                                        enum iv_graph_link kind)
{
	long ia = iv_graph_find(g, a), ib = iv_graph_find(g, b);

	if (ia < 0 || ib < 0)
		return NULL;
	for (size_t k = g->adj_off[ia]; k < g->adj_off[ia + 1]; k++)
		if (g->adj[k].node == (uint32_t)ib && g->edges[g->adj[k].edge].kind == kind)
			return &g->edges[g->adj[k].edge];
	return NULL;
}

static bool all_open(void *ctx, int64_t envelope)
{
	(void)ctx;
	(void)envelope;
	return true;
}

/* A partner's view: OFFICIAL-SENSITIVE at most, no compartments. */
static bool partner(void *ctx, int64_t envelope)
{
	struct iv_store *st = ctx;
	struct iv_handling h;

	if (iv_store_envelope(st, envelope, &h, NULL))
		return false;
	return h.classification <= IV_CLASS_OFFICIAL_SENSITIVE && !*h.compartment;
}

static void test_projection(void **state)
{
	struct fixture *f = *state;
	struct iv_graph_project_opts o = {IV_GRAPH_UNDATED, IV_GRAPH_UNDATED, 0, NULL, NULL, false};
	struct iv_graph_project_report rep;
	struct iv_graph *g;
	const struct iv_graph_edge *e;
	char ev[80];

	world(f->st);
	resolve_azad(f->st);
	g = project(f->st, &o, &rep);
	/* nodes: c-azad, p-hemin, p-karim, p-nobody, p-dilan, three travellers, two phones */
	assert_int_equal(g->nnodes, 10);
	assert_true(iv_graph_find(g, "p-azad") < 0);
	assert_true(iv_graph_find(g, "c-azad") >= 0);
	assert_string_equal(g->nodes[iv_graph_find(g, "c-azad")].schema, "Person");
	assert_string_equal(g->nodes[iv_graph_find(g, "phone:+33600000001")].schema, "Phone");
	assert_int_equal(rep.dangling, 1);
	assert_int_equal(g->self_loops, 1);
	/* three calls between the numbers: one edge, directed a -> b */
	e = edge(g, "phone:+33600000001", "phone:+33600000002", IV_LINK_CALL);
	assert_non_null(e);
	assert_int_equal(e->count, 3);
	assert_true(e->duration == 180);
	assert_int_equal(e->ev_n, 6);
	assert_true(e->first < e->last);
	iv_graph_evidence_text(g, g->evidence[e->ev_off], ev, sizeof(ev));
	assert_int_equal(strlen(ev), IV_HASH_HEX - 1); /* a statement's content id */
	/* both of Azad's records use the first number: one selector edge of count 2 */
	e = edge(g, "c-azad", "phone:+33600000001", IV_LINK_SELECTOR);
	assert_non_null(e);
	assert_int_equal(e->count, 2);
	/* the two payments to Azad's records are one edge of 1200 */
	e = edge(g, "p-hemin", "c-azad", IV_LINK_PAYMENT);
	assert_non_null(e);
	assert_int_equal(e->count, 2);
	assert_true(e->amount == 1200);
	assert_non_null(edge(g, "c-azad", "p-karim", IV_LINK_ASSOCIATE));
	/* the two travellers of boat 7 on 20 February; the third crossed in May */
	e = edge(g, "p-m1", "p-m2", IV_LINK_COTRAVEL);
	assert_non_null(e);
	assert_int_equal(e->ev_n, 4);
	assert_null(edge(g, "p-m1", "p-m3", IV_LINK_COTRAVEL));
	assert_null(edge(g, "p-m2", "p-m3", IV_LINK_COTRAVEL));
	assert_non_null(edge(g, "c-azad", "p-m3", IV_LINK_JOURNEY));
	iv_graph_free(g);

	/* the window: calls in February and March, the February payment; undated stays */
	o.from = 1706745600; /* 2024-02-01 */
	o.to = 1711929599;   /* 2024-03-31T23:59:59 */
	g = project(f->st, &o, &rep);
	e = edge(g, "phone:+33600000001", "phone:+33600000002", IV_LINK_CALL);
	assert_non_null(e);
	assert_int_equal(e->count, 2);
	e = edge(g, "p-hemin", "c-azad", IV_LINK_PAYMENT);
	assert_non_null(e);
	assert_int_equal(e->count, 1);
	assert_true(e->amount == 500);
	assert_non_null(edge(g, "c-azad", "phone:+33600000001", IV_LINK_SELECTOR));
	assert_true(rep.outside_window >= 2);
	/* a tie since 2015 with no end goes on; a family tie that ended in 2016 does not */
	assert_non_null(edge(g, "p-hemin", "p-dilan", IV_LINK_ASSOCIATE));
	assert_null(edge(g, "p-hemin", "c-azad", IV_LINK_FAMILY));
	assert_true(rep.dated_in_window > 0);
	iv_graph_free(g);

	/* a viewer's filter (even one that hides nothing): records, not merges resting on
	 * statements the viewer might not see */
	o.visible = all_open;
	g = project(f->st, &o, &rep);
	assert_true(iv_graph_find(g, "c-azad") < 0);
	assert_true(iv_graph_find(g, "p-azad") >= 0 && iv_graph_find(g, "p-azad-2") >= 0);
	assert_int_equal(rep.dangling, 0); /* "missing" and "hidden" look the same */
	iv_graph_free(g);
	o.visible = NULL;

	/* kinds: co-travel alone (not the journeys it comes from), and only the nodes it
	 * reaches: not Azad, who facilitated the journeys */
	o.kinds = 1u << IV_LINK_COTRAVEL;
	g = project(f->st, &o, &rep);
	assert_int_equal(g->nedges, 1);
	assert_non_null(edge(g, "p-m1", "p-m2", IV_LINK_COTRAVEL));
	assert_int_equal(g->nnodes, 2);
	assert_true(iv_graph_find(g, "c-azad") < 0);
	iv_graph_free(g);
	/* nor, with no window, p-m3, who crossed in May with nobody */
	o.from = o.to = IV_GRAPH_UNDATED;
	g = project(f->st, &o, &rep);
	assert_int_equal(g->nedges, 1);
	assert_int_equal(g->nnodes, 2);
	assert_true(iv_graph_find(g, "p-m3") < 0);
	iv_graph_free(g);

	/* kinds: payments only */
	o.from = o.to = IV_GRAPH_UNDATED;
	o.kinds = 1u << IV_LINK_PAYMENT;
	g = project(f->st, &o, &rep);
	for (size_t i = 0; i < g->nedges; i++)
		assert_int_equal(g->edges[i].kind, IV_LINK_PAYMENT);
	assert_true(iv_graph_find(g, "phone:+33600000001") < 0);
	iv_graph_free(g);
}

static void test_hidden_leaves_no_trace(void **state)
{
	struct fixture *f = *state;
	struct iv_graph_project_opts o = {
	        IV_GRAPH_UNDATED, IV_GRAPH_UNDATED, 0, partner, NULL, false};
	struct iv_graph_project_report rep;
	struct iv_graph *g;

	world(f->st);
	o.visible_ctx = f->st;
	g = project(f->st, &o, &rep);
	/* the secret link and the secret name are gone: Karim is not a node at all */
	assert_true(iv_graph_find(g, "p-karim") < 0);
	assert_null(edge(g, "p-azad", "p-karim", IV_LINK_ASSOCIATE));
	assert_true(rep.hidden >= 3);
	for (size_t i = 0; i < g->nnodes; i++)
		assert_null(strstr(g->nodes[i].name, "Secret"));
	/* the rest is as the full view has it (unresolved here: two Azad nodes) */
	assert_non_null(edge(g, "p-hemin", "p-azad", IV_LINK_PAYMENT));
	assert_non_null(edge(g, "p-hemin", "p-azad-2", IV_LINK_PAYMENT));
	iv_graph_free(g);
}

/*
 * A viewer shown merges (opts.merges: UK users) gets the canonical entity
 * when every statement of every member passes their filter, and the
 * records when one does not, since the merge may rest on it; the store's
 * generation counts each change of memberships, so a kept projection is
 * not served for clusters that are gone.
 */
static void test_merges_only_seen_whole(void **state)
{
	struct fixture *f = *state;
	struct iv_graph_project_opts o = {
	        IV_GRAPH_UNDATED, IV_GRAPH_UNDATED, 0, partner, NULL, true};
	struct iv_store_generation g0, g1, g2;
	struct iv_graph *g;

	world(f->st);
	o.visible_ctx = f->st;
	assert_int_equal(iv_store_generation(f->st, &g0, NULL), IV_OK);
	resolve_azad(f->st);
	assert_int_equal(iv_store_generation(f->st, &g1, NULL), IV_OK);
	assert_true(g1.resolution > g0.resolution);
	assert_int_equal(g1.statements, g0.statements);

	g = project(f->st, &o, NULL);
	assert_true(iv_graph_find(g, "c-azad") >= 0);
	assert_true(iv_graph_find(g, "p-azad") < 0);
	assert_true(iv_graph_find(g, "p-azad-2") < 0);
	assert_non_null(edge(g, "p-hemin", "c-azad", IV_LINK_PAYMENT));
	iv_graph_free(g);

	/* without merges for this viewer: the records */
	o.merges = false;
	g = project(f->st, &o, NULL);
	assert_true(iv_graph_find(g, "c-azad") < 0);
	assert_true(iv_graph_find(g, "p-azad") >= 0);
	iv_graph_free(g);

	/* one member holds a value the viewer may not see: the merge is not shown */
	begin_ok(f->st);
	put(f->st, "p-azad-2", "Person", "passportNumber", "X1234567", true);
	commit_ok(f->st);
	o.merges = true;
	g = project(f->st, &o, NULL);
	assert_true(iv_graph_find(g, "c-azad") < 0);
	assert_true(iv_graph_find(g, "p-azad") >= 0);
	assert_true(iv_graph_find(g, "p-azad-2") >= 0);
	iv_graph_free(g);

	/* the operator (no filter) always has the merge */
	o.visible = NULL;
	g = project(f->st, &o, NULL);
	assert_true(iv_graph_find(g, "c-azad") >= 0);
	iv_graph_free(g);

	/* a membership changed outside any batch: the generation moves */
	begin_ok(f->st);
	assert_int_equal(iv_store_res_set_member(f->st, "p-azad-2", "c-other", NULL), IV_OK);
	commit_ok(f->st);
	assert_int_equal(iv_store_generation(f->st, &g2, NULL), IV_OK);
	assert_true(g2.resolution > g1.resolution);
	/* and a rolled-back change does not */
	begin_ok(f->st);
	assert_int_equal(iv_store_res_set_member(f->st, "p-azad-2", "c-azad", NULL), IV_OK);
	iv_store_rollback(f->st);
	assert_int_equal(iv_store_generation(f->st, &g1, NULL), IV_OK);
	assert_int_equal(g1.resolution, g2.resolution);
}

/*
 * A merge rests on what fed its members too: p-azad-2's record says a
 * passport gave it values, so a viewer who may not see the passport gets
 * the records; one who sees the passport gets the merge; a record that
 * does not say what fed it keeps the merge from any filtered viewer, and
 * the operator always has it.
 */
static void test_merges_rest_on_feeders(void **state)
{
	struct fixture *f = *state;
	struct iv_graph_project_opts o = {
	        IV_GRAPH_UNDATED, IV_GRAPH_UNDATED, 0, partner, NULL, true};
	struct iv_graph *g;

	world(f->st);
	o.visible_ctx = f->st;
	begin_ok(f->st);
	put(f->st, "pp-secret", "Passport", "number", "X1234567", true);
	put(f->st, "pp-secret", "Passport", "holder", "p-azad-2", false);
	put(f->st, "pp-open", "Passport", "number", "K7654321", false);
	put(f->st, "pp-open", "Passport", "holder", "p-azad-2", false);
	commit_ok(f->st);

	resolve_azad_fed(f->st, "[\"pp-secret\"]");
	g = project(f->st, &o, NULL);
	assert_true(iv_graph_find(g, "c-azad") < 0);
	assert_true(iv_graph_find(g, "p-azad") >= 0);
	assert_true(iv_graph_find(g, "p-azad-2") >= 0);
	iv_graph_free(g);

	resolve_azad_fed(f->st, "[\"pp-open\"]");
	g = project(f->st, &o, NULL);
	assert_true(iv_graph_find(g, "c-azad") >= 0);
	assert_true(iv_graph_find(g, "p-azad-2") < 0);
	iv_graph_free(g);

	resolve_azad_fed(f->st, NULL);
	g = project(f->st, &o, NULL);
	assert_true(iv_graph_find(g, "c-azad") < 0);
	assert_true(iv_graph_find(g, "p-azad-2") >= 0);
	iv_graph_free(g);

	/* a damaged list says nothing either: an item not an id, or text not JSON */
	resolve_azad_fed(f->st, "[1, \"pp-open\"]");
	g = project(f->st, &o, NULL);
	assert_true(iv_graph_find(g, "c-azad") < 0);
	iv_graph_free(g);
	resolve_azad_fed(f->st, "[\"pp-open\"");
	g = project(f->st, &o, NULL);
	assert_true(iv_graph_find(g, "c-azad") < 0);
	assert_true(iv_graph_find(g, "p-azad-2") >= 0);
	iv_graph_free(g);

	o.visible = NULL;
	g = project(f->st, &o, NULL);
	assert_true(iv_graph_find(g, "c-azad") >= 0);
	iv_graph_free(g);
}

/*
 * Travelling on the same journey leg: legs in one vessel or vehicle on one
 * day link their journeys' travellers (co-travel, with the legs as
 * evidence); another day, another kind asked, a window elsewhere or a leg
 * the viewer may not see link nobody.
 */
static void put_leg(struct iv_store *st, const char *id, const char *journey, const char *prop,
                    const char *conveyance, const char *date, bool secret)
{
	put(st, id, "JourneyLeg", "journey", journey, secret);
	put(st, id, "JourneyLeg", prop, conveyance, secret);
	put(st, id, "JourneyLeg", "startDate", date, secret);
}

static void test_journey_legs(void **state)
{
	struct fixture *f = *state;
	struct iv_graph_project_opts o = {IV_GRAPH_UNDATED, IV_GRAPH_UNDATED, 0, NULL, NULL, false};
	const struct iv_graph_edge *e;
	struct iv_graph *g;

	begin_ok(f->st);
	put(f->st, "p-a", "Person", "name", "Aram A", false);
	put(f->st, "p-b", "Person", "name", "Baran B", false);
	put(f->st, "p-c", "Person", "name", "Chia C", false);
	put(f->st, "p-d", "Person", "name", "Dilan D", false);
	put(f->st, "p-e", "Person", "name", "Evin E", false);
	put(f->st, "j-a", "Journey", "traveller", "p-a", false);
	put(f->st, "j-b", "Journey", "traveller", "p-b", false);
	put(f->st, "j-c", "Journey", "traveller", "p-c", false);
	put(f->st, "j-d", "Journey", "traveller", "p-d", false);
	put(f->st, "j-e", "Journey", "traveller", "p-e", false);
	put_leg(f->st, "l-a1", "j-a", "vessel", "boat-1", "2024-05-01", false);
	put_leg(f->st, "l-b1", "j-b", "vessel", "boat-1", "2024-05-01", false);
	put_leg(f->st, "l-c1", "j-c", "vessel", "boat-1", "2024-05-02", false); /* next day */
	put_leg(f->st, "l-c2", "j-c", "vehicle", "lorry-1", "2024-04-20", false);
	put_leg(f->st, "l-a2", "j-a", "vehicle", "lorry-1", "2024-04-20", false);
	put_leg(f->st, "l-d1", "j-d", "vessel", "boat-1", "2024-05-01", true);  /* secret */
	put_leg(f->st, "l-e1", "j-e", "vessel", "boat-9", "2024-05-01", false); /* alone */
	commit_ok(f->st);

	g = project(f->st, &o, NULL);
	e = edge(g, "p-a", "p-b", IV_LINK_COTRAVEL);
	assert_non_null(e);
	assert_int_equal(e->ev_n, 4);
	assert_int_equal(e->first, 1714521600);
	assert_non_null(edge(g, "p-a", "p-c", IV_LINK_COTRAVEL)); /* the lorry on 20 April */
	assert_null(edge(g, "p-b", "p-c", IV_LINK_COTRAVEL));
	assert_non_null(
	        edge(g, "p-a", "p-d", IV_LINK_COTRAVEL)); /* the operator sees the secret leg */
	/* Evin crossed alone and has no other link: no node */
	assert_true(iv_graph_find(g, "p-e") < 0);
	iv_graph_free(g);
	/* co-travel alone: the four who travelled with someone */
	o.kinds = 1u << IV_LINK_COTRAVEL;
	g = project(f->st, &o, NULL);
	assert_int_equal(g->nnodes, 4);
	iv_graph_free(g);
	o.kinds = 0;

	/* the partner: no secret leg, so Dilan travelled with nobody */
	o.visible = partner;
	o.visible_ctx = f->st;
	g = project(f->st, &o, NULL);
	assert_non_null(edge(g, "p-a", "p-b", IV_LINK_COTRAVEL));
	assert_null(edge(g, "p-a", "p-d", IV_LINK_COTRAVEL));
	assert_true(iv_graph_find(g, "p-d") < 0);
	iv_graph_free(g);

	/* other kinds only; then a window around 1 May only */
	o.visible = NULL;
	o.kinds = 1u << IV_LINK_CALL;
	g = project(f->st, &o, NULL);
	assert_null(edge(g, "p-a", "p-b", IV_LINK_COTRAVEL));
	iv_graph_free(g);
	o.kinds = 0;
	o.from = 1714521600; /* 2024-05-01 */
	o.to = 1714608000 - 1;
	g = project(f->st, &o, NULL);
	assert_non_null(edge(g, "p-a", "p-b", IV_LINK_COTRAVEL));
	assert_null(edge(g, "p-a", "p-c", IV_LINK_COTRAVEL));
	iv_graph_free(g);
}

/*
 * Two travellers in one lorry on 20 April, and an association since 2015
 * with no end, put before the legs or after them: in a May window the
 * legs are outside either way (a leg is a moment, as its journey is).
 * Whether a leg with a start date alone was in the window once depended
 * on the link entity read before it: after the open-ended association it
 * was taken as going on.
 */
static void legs_and_tie(struct iv_store *st, bool tie_first)
{
	begin_ok(st);
	put(st, "p-a", "Person", "name", "Aram A", false);
	put(st, "p-b", "Person", "name", "Baran B", false);
	put(st, "j-a", "Journey", "traveller", "p-a", false);
	put(st, "j-b", "Journey", "traveller", "p-b", false);
	for (int pass = 0; pass < 2; pass++) {
		if (pass == !tie_first) {
			put(st, "tie", "Associate", "person", "p-a", false);
			put(st, "tie", "Associate", "associate", "p-b", false);
			put(st, "tie", "Associate", "startDate", "2015-06-01", false);
		} else {
			put_leg(st, "l-a", "j-a", "vehicle", "lorry-1", "2024-04-20", false);
			put_leg(st, "l-b", "j-b", "vehicle", "lorry-1", "2024-04-20", false);
		}
	}
	commit_ok(st);
}

static void test_leg_window_any_order(void **state)
{
	struct fixture *f = *state;
	struct iv_graph_project_opts o = {IV_GRAPH_UNDATED, IV_GRAPH_UNDATED, 0, NULL, NULL, false};
	struct iv_graph_project_report rep[2];
	void *other_state = NULL;
	struct iv_store *st[2];
	struct iv_graph *g;

	assert_int_equal(fixture_open(&other_state, "test_graph_project"), 0);
	st[0] = f->st;
	st[1] = ((struct fixture *)other_state)->st;
	legs_and_tie(st[0], true);
	legs_and_tie(st[1], false);
	for (int i = 0; i < 2; i++) {
		/* no window: the two travelled together */
		o.from = o.to = IV_GRAPH_UNDATED;
		g = project(st[i], &o, NULL);
		assert_non_null(edge(g, "p-a", "p-b", IV_LINK_COTRAVEL));
		iv_graph_free(g);
		/* May: the association goes on, the April legs do not */
		o.from = 1714521600; /* 2024-05-01 */
		o.to = 1717199999;   /* 2024-05-31T23:59:59 */
		g = project(st[i], &o, &rep[i]);
		assert_non_null(edge(g, "p-a", "p-b", IV_LINK_ASSOCIATE));
		assert_null(edge(g, "p-a", "p-b", IV_LINK_COTRAVEL));
		iv_graph_free(g);
	}
	assert_int_equal(rep[0].outside_window, rep[1].outside_window);
	fixture_close(&other_state);
}

static enum iv_err to_buf(void *ctx, const char *data, size_t n)
{
	return iv_buf_add(ctx, data, n);
}

/* The network as Cytoscape JSON (caller releases out). */
static void write_cyjs(const struct iv_graph *g, struct iv_buf *out)
{
	struct iv_buf err = IV_BUF_INIT;

	if (iv_graph_write(g, IV_GRAPH_CYJS, NULL, NULL, to_buf, out, &err))
		fail_msg("write: %s", err.buf);
	iv_buf_release(&err);
}

static const char *node_schema(const struct iv_graph *g, const char *id)
{
	long i = iv_graph_find(g, id);

	assert_true(i >= 0);
	return g->nodes[i].schema;
}

/*
 * A secret statement that narrows an entity's schema (LegalEntity to
 * Person) narrows the one the store keeps; the partner's network still
 * shows the LegalEntity the visible statements say, byte for byte.
 */
static void test_hidden_schema(void **state)
{
	struct fixture *f = *state;
	struct iv_graph_project_opts o = {
	        IV_GRAPH_UNDATED, IV_GRAPH_UNDATED, 0, partner, NULL, false};
	struct iv_buf before = IV_BUF_INIT, after = IV_BUF_INIT;
	struct iv_graph *g;

	o.visible_ctx = f->st;
	world(f->st);
	begin_ok(f->st);
	put(f->st, "le-x", "LegalEntity", "name", "X Trading", false);
	put(f->st, "le-x", "LegalEntity", "phone", "+33600000009", false);
	commit_ok(f->st);
	g = project(f->st, &o, NULL);
	assert_string_equal(node_schema(g, "le-x"), "LegalEntity");
	write_cyjs(g, &before);
	iv_graph_free(g);

	begin_ok(f->st);
	put(f->st, "le-x", "Person", "nationality", "iq", true);
	put(f->st, "le-x", "Person", "name", "X Secret Alias", true);
	commit_ok(f->st);
	g = project(f->st, &o, NULL);
	assert_string_equal(node_schema(g, "le-x"), "LegalEntity");
	assert_string_equal(g->nodes[iv_graph_find(g, "le-x")].name, "X Trading");
	write_cyjs(g, &after);
	iv_graph_free(g);
	assert_int_equal(after.len, before.len);
	assert_string_equal(after.buf, before.buf);

	/* the operator sees every statement: a Person */
	g = project(f->st, NULL, NULL);
	assert_string_equal(node_schema(g, "le-x"), "Person");
	iv_graph_free(g);
	iv_buf_release(&before);
	iv_buf_release(&after);
}

/*
 * An entity first created by a secret statement has an earlier row id
 * than it would otherwise; the partner's network (node order included)
 * is the one of a store that never held the secret statement.
 */
static void test_hidden_entity_order(void **state)
{
	struct fixture *f = *state;
	struct iv_graph_project_opts o = {
	        IV_GRAPH_UNDATED, IV_GRAPH_UNDATED, 0, partner, NULL, false};
	struct iv_buf plain = IV_BUF_INIT, with_secret = IV_BUF_INIT;
	struct iv_graph *g;
	void *other_state = NULL;
	struct fixture *other;

	world(f->st);
	o.visible_ctx = f->st;
	g = project(f->st, &o, NULL);
	write_cyjs(g, &plain);
	iv_graph_free(g);

	assert_int_equal(fixture_open(&other_state, "test_graph_project"), 0);
	other = other_state;
	begin_ok(other->st);
	put(other->st, "p-hemin", "Person", "nationality", "iq", true);
	put(other->st, "pay-9", "Payment", "payer", "p-hemin", true);
	commit_ok(other->st);
	world(other->st);
	o.visible_ctx = other->st;
	g = project(other->st, &o, NULL);
	write_cyjs(g, &with_secret);
	iv_graph_free(g);
	assert_true(plain.len > 0);
	assert_int_equal(with_secret.len, plain.len);
	assert_string_equal(with_secret.buf, plain.buf);
	fixture_close(&other_state);
	iv_buf_release(&plain);
	iv_buf_release(&with_secret);
}

static void test_empty_and_bad(void **state)
{
	struct fixture *f = *state;
	struct iv_graph_project_opts o = {1711929599, 1706745600, 0, NULL, NULL, false};
	struct iv_graph *g = NULL;
	struct iv_buf err = IV_BUF_INIT;

	/* a window that ends before it starts */
	assert_int_equal(iv_graph_project(f->st, &o, &g, NULL, &err), IV_ERR_INVALID);
	assert_null(g);
	assert_non_null(strstr(err.buf, "window"));
	/* an empty store: an empty network, not an error */
	o.from = o.to = IV_GRAPH_UNDATED;
	g = project(f->st, &o, NULL);
	assert_int_equal(g->nnodes, 0);
	assert_int_equal(g->nedges, 0);
	iv_graph_free(g);
	iv_buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_projection, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_hidden_leaves_no_trace, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_merges_only_seen_whole, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_merges_rest_on_feeders, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_journey_legs, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_leg_window_any_order, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_hidden_schema, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_hidden_entity_order, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_empty_and_bad, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
