/*
 * test_view.c - reads as a viewer sees them (lib/view) and the server's
 * pure request parsing (server/routes.c, cursors): entity pages, search
 * and merges hold only what the filter passes, and adding statements a
 * viewer may not see changes nothing they get.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "iv/access.h"
#include "iv/resolve.h"
#include "iv/view.h"
#include "server/server_int.h"
#include "store_helpers.h"
#include "viewer_helpers.h"

static void put_with(struct iv_store *st, const char *entity, const char *prop, const char *value,
                     char code, const char *releasable, enum iv_classification cls)
{
	struct iv_statement s;

	mk(&s, entity, "Person", prop, value, "test", "t:1");
	s.handling.code = code;
	s.handling.conditions = code == 'C' ? "no onward sharing" : "";
	s.handling.releasable_to = releasable;
	s.handling.classification = cls;
	iv_statement_id(&s, NULL);
	put_ok(st, &s);
}

/* The world both tests start from: what the partner may see of two people. */
static void visible_world(struct iv_store *st)
{
	begin_ok(st);
	put_with(st, "p1", "name", "Zorvex Amadi", 'P', "", IV_CLASS_OFFICIAL);
	put_with(st, "p1", "nationality", "er", 'C', "ES", IV_CLASS_OFFICIAL);
	put_with(st, "p2", "name", "Brantis Kerem", 'P', "", IV_CLASS_OFFICIAL);
	commit_ok(st);
}

/* What the hidden statements add: a SECRET name, a C value for nobody, a hidden person. */
static void hidden_world(struct iv_store *st)
{
	begin_ok(st);
	put_with(st, "p1", "name", "Aaron Quillon", 'P', "", IV_CLASS_SECRET);
	put_with(st, "p1", "alias", "Zorvex the Quiet", 'C', "", IV_CLASS_OFFICIAL);
	put_with(st, "p2", "notes", "Zorvex paid him", 'C', "FR", IV_CLASS_OFFICIAL);
	put_with(st, "p3", "name", "Zorvex Mordeth", 'P', "", IV_CLASS_SECRET);
	commit_ok(st);
}

static char *entity_text(struct iv_store *st, const struct iv_viewer *viewer, const char *id,
                         enum iv_err *rc)
{
	struct iv_view v;
	json_t *out = NULL;
	char *text = NULL;

	iv_view_init(&v, st, viewer);
	*rc = iv_view_entity(&v, id, &out, NULL);
	iv_view_release(&v);
	if (out)
		text = json_dumps(out, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(out);
	return text;
}

static char *search_text(struct iv_store *st, const struct iv_viewer *viewer, const char *q)
{
	struct iv_view v;
	json_t *out = NULL;
	char *text;

	iv_view_init(&v, st, viewer);
	assert_int_equal(iv_view_search(&v, q, NULL, NULL, 0, 10, &out, NULL), IV_OK);
	iv_view_release(&v);
	text = json_dumps(out, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(out);
	return text;
}

static void test_partner_sees_only_what_is_shared(void **state)
{
	struct fixture *f = *state;
	struct iv_viewer p;
	enum iv_err rc;
	char *page, *hits;

	partner(&p);
	visible_world(f->st);
	hidden_world(f->st);
	page = entity_text(f->st, &p, "p1", &rc);
	assert_int_equal(rc, IV_OK);
	assert_non_null(strstr(page, "Zorvex Amadi"));
	assert_non_null(strstr(page, "\"er\"")); /* C, releasable to ES */
	assert_null(strstr(page, "Quillon"));    /* SECRET */
	assert_null(strstr(page, "the Quiet"));  /* C, UK only */
	assert_non_null(strstr(page, "\"caption\":\"Zorvex Amadi\""));
	free(page);
	/* a person the partner sees nothing of does not exist for them */
	page = entity_text(f->st, &p, "p3", &rc);
	assert_int_equal(rc, IV_ERR_NOTFOUND);
	assert_null(page);
	page = entity_text(f->st, &p, "nobody", &rc);
	assert_int_equal(rc, IV_ERR_NOTFOUND);
	/* search: only visible matches count */
	hits = search_text(f->st, &p, "zorvex");
	assert_non_null(strstr(hits, "\"total\":1"));
	assert_non_null(strstr(hits, "\"p1\""));
	assert_null(strstr(hits, "\"p2\"")); /* matched only by a note for FR */
	assert_null(strstr(hits, "\"p3\""));
	free(hits);
	hits = search_text(f->st, &p, "quillon");
	assert_non_null(strstr(hits, "\"total\":0"));
	free(hits);
}

static void test_hidden_statements_change_nothing(void **state)
{
	struct fixture *f = *state;
	struct iv_viewer p, a;
	enum iv_err rc;
	char *before[3], *after[3], *uk_before, *uk_after;

	partner(&p);
	analyst(&a);
	visible_world(f->st);
	before[0] = entity_text(f->st, &p, "p1", &rc);
	before[1] = entity_text(f->st, &p, "p2", &rc);
	before[2] = search_text(f->st, &p, "zorvex");
	uk_before = search_text(f->st, &a, "zorvex");
	hidden_world(f->st);
	after[0] = entity_text(f->st, &p, "p1", &rc);
	after[1] = entity_text(f->st, &p, "p2", &rc);
	after[2] = search_text(f->st, &p, "zorvex");
	uk_after = search_text(f->st, &a, "zorvex");
	for (int i = 0; i < 3; i++) {
		assert_string_equal(before[i], after[i]);
		free(before[i]);
		free(after[i]);
	}
	/* the test can fail: the analyst does see the new statements */
	assert_string_not_equal(uk_before, uk_after);
	free(uk_before);
	free(uk_after);
}

static void test_merges_only_when_seen_whole(void **state)
{
	struct fixture *f = *state;
	struct iv_viewer a, p;
	struct iv_view v;
	bool all;
	enum iv_err rc;
	char *page;

	analyst(&a);
	partner(&p);
	visible_world(f->st);
	begin_ok(f->st);
	assert_int_equal(iv_store_res_set_member(f->st, "p1", "c-1", NULL), IV_OK);
	assert_int_equal(iv_store_res_set_member(f->st, "p2", "c-1", NULL), IV_OK);
	commit_ok(f->st);
	page = entity_text(f->st, &a, "p1", &rc);
	assert_non_null(strstr(page, "\"canonical\":\"c-1\""));
	assert_non_null(strstr(page, "Brantis"));
	free(page);
	/* partners never get merges */
	page = entity_text(f->st, &p, "p1", &rc);
	assert_null(strstr(page, "Brantis"));
	free(page);
	assert_null(entity_text(f->st, &p, "c-1", &rc));
	assert_int_equal(rc, IV_ERR_NOTFOUND);
	/* a TOP SECRET value on a member: the analyst no longer sees it whole */
	begin_ok(f->st);
	put_with(f->st, "p2", "notes", "source X", 'P', "", IV_CLASS_TOP_SECRET);
	commit_ok(f->st);
	iv_view_init(&v, f->st, &a);
	assert_int_equal(iv_view_sees_all(&v, "p2", &all, NULL), IV_OK);
	assert_false(all);
	assert_int_equal(iv_view_sees_all(&v, "p1", &all, NULL), IV_OK);
	assert_true(all);
	iv_view_release(&v);
	page = entity_text(f->st, &a, "p1", &rc);
	assert_null(strstr(page, "Brantis"));
	assert_non_null(strstr(page, "\"canonical\":null"));
	free(page);
}

/*
 * A merge rests on what fed its members too: a TOP SECRET passport that
 * gave p2 its number keeps the merge from an analyst cleared SECRET, who
 * still sees p2's own statements whole.  Once a resolution stored p2's
 * record saying nothing fed it, the passport (come since) is not what the
 * merge rests on, and the merge is shown.
 */
static void test_merges_rest_on_feeders(void **state)
{
	struct fixture *f = *state;
	struct iv_viewer a;
	struct iv_view v;
	struct iv_statement s;
	bool all;
	enum iv_err rc;
	char *page;

	analyst(&a);
	visible_world(f->st);
	begin_ok(f->st);
	mk(&s, "pp2", "Passport", "number", "Z9988776", "test", "t:2");
	s.handling.classification = IV_CLASS_TOP_SECRET;
	iv_statement_id(&s, NULL);
	put_ok(f->st, &s);
	mk(&s, "pp2", "Passport", "holder", "p2", "test", "t:2");
	s.flags |= IV_STMT_REF;
	iv_statement_id(&s, NULL);
	put_ok(f->st, &s);
	assert_int_equal(iv_store_res_set_member(f->st, "p1", "c-1", NULL), IV_OK);
	assert_int_equal(iv_store_res_set_member(f->st, "p2", "c-1", NULL), IV_OK);
	commit_ok(f->st);

	iv_view_init(&v, f->st, &a);
	assert_int_equal(iv_view_sees_all(&v, "p2", &all, NULL), IV_OK);
	assert_true(all);
	assert_int_equal(iv_view_sees_whole(&v, "p2", &all, NULL), IV_OK);
	assert_false(all);
	assert_int_equal(iv_view_sees_whole(&v, "p1", &all, NULL), IV_OK);
	assert_true(all);
	assert_int_equal(iv_view_sees_whole(&v, "nobody", &all, NULL), IV_OK);
	assert_true(all);
	iv_view_release(&v);
	page = entity_text(f->st, &a, "p1", &rc);
	assert_null(strstr(page, "Brantis"));
	assert_non_null(strstr(page, "\"canonical\":null"));
	free(page);
	assert_null(entity_text(f->st, &a, "c-1", &rc));
	assert_int_equal(rc, IV_ERR_NOTFOUND);

	begin_ok(f->st);
	assert_int_equal(iv_store_res_put_record(f->st, "p2", "Person",
	                                         "{\"schema\":\"Person\",\"values\":{},"
	                                         "\"strong\":[],\"fed_by\":[]}",
	                                         NULL),
	                 IV_OK);
	commit_ok(f->st);
	page = entity_text(f->st, &a, "p1", &rc);
	assert_non_null(strstr(page, "Brantis"));
	assert_non_null(strstr(page, "\"canonical\":\"c-1\""));
	free(page);
}

/* One statement of a schema under a classification; ref: the value names an entity. */
static void put_as(struct iv_store *st, const char *entity, const char *schema, const char *prop,
                   const char *value, enum iv_classification cls, bool ref)
{
	struct iv_statement s;

	mk(&s, entity, schema, prop, value, "test", entity);
	s.handling.classification = cls;
	if (ref)
		s.flags |= IV_STMT_REF;
	iv_statement_id(&s, NULL);
	put_ok(st, &s);
}

static void resolve_run(struct iv_store *st, bool incremental)
{
	struct iv_resolve_options o = {0};
	struct iv_resolve_report rep;
	struct iv_buf err = IV_BUF_INIT;
	size_t nrun = 0;

	o.family = "Person";
	if ((incremental ? iv_resolve_incremental : iv_resolve_batch)(st, &o, &rep, 1, &nrun, &err))
		fail_msg("resolve: %s", err.buf);
	iv_buf_release(&err);
}

/*
 * A merge made by an incremental run (what ingest runs), of three records:
 * x1 and x2 hold British passports of one number the analyst sees; x3
 * joined x2 later, on TOP SECRET Iraqi passports of one number.  The analyst sees x1
 * whole, yet not the merge: not on x1's page, not as the canonical page,
 * and iv_view_sees_merge says so, because of what fed x3, a member he did
 * not ask about.  The stored records name the passports.
 */
static void test_incremental_merge_rests_on_feeders(void **state)
{
	struct fixture *f = *state;
	struct iv_viewer a;
	struct iv_view v;
	struct iv_buf canon = IV_BUF_INIT;
	char text[1024], path[64];
	bool whole;
	enum iv_err rc;
	char *page;

	analyst(&a);
	begin_ok(f->st);
	put_as(f->st, "x1", "Person", "name", "Hemin Rashid", IV_CLASS_OFFICIAL, false);
	put_as(f->st, "x2", "Person", "name", "Hemin Rashid", IV_CLASS_OFFICIAL, false);
	put_as(f->st, "pp-1", "Passport", "number", "G1234567", IV_CLASS_OFFICIAL, false);
	put_as(f->st, "pp-1", "Passport", "country", "gb", IV_CLASS_OFFICIAL, false);
	put_as(f->st, "pp-1", "Passport", "holder", "x1", IV_CLASS_OFFICIAL, true);
	put_as(f->st, "pp-1b", "Passport", "number", "G1234567", IV_CLASS_OFFICIAL, false);
	put_as(f->st, "pp-1b", "Passport", "country", "gb", IV_CLASS_OFFICIAL, false);
	put_as(f->st, "pp-1b", "Passport", "holder", "x2", IV_CLASS_OFFICIAL, true);
	commit_ok(f->st);
	resolve_run(f->st, false);
	page = entity_text(f->st, &a, "x1", &rc);
	assert_non_null(strstr(page, "\"members\":[\"x1\",\"x2\"]"));
	free(page);

	begin_ok(f->st);
	put_as(f->st, "x3", "Person", "name", "Hemin Rashid", IV_CLASS_OFFICIAL, false);
	put_as(f->st, "pp-2", "Passport", "number", "N12345678", IV_CLASS_TOP_SECRET, false);
	put_as(f->st, "pp-2", "Passport", "country", "iq", IV_CLASS_TOP_SECRET, false);
	put_as(f->st, "pp-2", "Passport", "holder", "x2", IV_CLASS_OFFICIAL, true);
	put_as(f->st, "pp-3", "Passport", "number", "N12345678", IV_CLASS_TOP_SECRET, false);
	put_as(f->st, "pp-3", "Passport", "country", "iq", IV_CLASS_TOP_SECRET, false);
	put_as(f->st, "pp-3", "Passport", "holder", "x3", IV_CLASS_OFFICIAL, true);
	commit_ok(f->st);
	resolve_run(f->st, true);
	assert_int_equal(iv_store_res_canonical(f->st, "x1", &canon, NULL), IV_OK);
	{
		struct iv_buf c3 = IV_BUF_INIT;

		assert_int_equal(iv_store_res_canonical(f->st, "x3", &c3, NULL), IV_OK);
		assert_string_equal(canon.buf, c3.buf); /* the test can fail: they are merged */
		iv_buf_release(&c3);
	}
	stored_record_text(f->st, "x3", text);
	assert_non_null(strstr(text, "\"fed_by\":[\"pp-3\"]"));
	stored_record_text(f->st, "x2", text);
	assert_non_null(strstr(text, "\"fed_by\":[\"pp-1b\",\"pp-2\"]"));

	iv_view_init(&v, f->st, &a);
	assert_int_equal(iv_view_sees_whole(&v, "x1", &whole, NULL), IV_OK);
	assert_true(whole);
	assert_int_equal(iv_view_sees_merge(&v, "x1", &whole, NULL), IV_OK);
	assert_false(whole);
	iv_view_release(&v);
	page = entity_text(f->st, &a, "x1", &rc);
	assert_null(strstr(page, "x3"));
	assert_non_null(strstr(page, "\"canonical\":null"));
	free(page);
	snprintf(path, sizeof(path), "%s", canon.buf);
	assert_null(entity_text(f->st, &a, path, &rc));
	assert_int_equal(rc, IV_ERR_NOTFOUND);

	/* cleared TOP SECRET: the merge of all three */
	a.clearance = IV_CLASS_TOP_SECRET;
	iv_view_init(&v, f->st, &a);
	assert_int_equal(iv_view_sees_merge(&v, "x1", &whole, NULL), IV_OK);
	assert_true(whole);
	iv_view_release(&v);
	page = entity_text(f->st, &a, "x1", &rc);
	assert_non_null(strstr(page, "\"members\":[\"x1\",\"x2\",\"x3\"]"));
	free(page);
	iv_buf_release(&canon);
}

/* ---- request parsing -------------------------------------------------------------------- */

static void test_routes(void **state)
{
	char params[SRV_MAX_PARAMS][SRV_MAX_PARAM];
	const struct srv_route *route;
	size_t n;
	unsigned allowed;

	(void)state;
	assert_int_equal(srv_route_find(srv_routes, srv_nroutes, SRV_GET, "/api/v1/entities/p%2d1",
	                                &route, params, &n, &allowed),
	                 SRV_MATCH_OK);
	assert_int_equal(n, 1);
	assert_string_equal(params[0], "p-1");
	assert_int_equal(srv_route_find(srv_routes, srv_nroutes, SRV_GET,
	                                "/api/v1/entities/%D9%85%D8%AD/network", &route, params, &n,
	                                &allowed),
	                 SRV_MATCH_OK);
	assert_string_equal(params[0], "\xd9\x85\xd8\xad");
	/* bytes no id may hold */
	static const char *const bad[] = {"/api/v1/entities/%00x",   "/api/v1/entities/a%2fb",
	                                  "/api/v1/entities/%2e%2e", "/api/v1/entities/%ff",
	                                  "/api/v1/entities/%0a",    "/api/v1/entities/%zz",
	                                  "/api/v1/entities/%4"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(srv_route_find(srv_routes, srv_nroutes, SRV_GET, bad[i], &route,
		                                params, &n, &allowed),
		                 SRV_MATCH_BAD);
	assert_int_equal(srv_route_find(srv_routes, srv_nroutes, SRV_DELETE, "/api/v1/search",
	                                &route, params, &n, &allowed),
	                 SRV_MATCH_METHOD);
	assert_int_equal(allowed, SRV_GET);
	assert_int_equal(srv_route_find(srv_routes, srv_nroutes, SRV_GET, "/api/v1/entities/",
	                                &route, params, &n, &allowed),
	                 SRV_MATCH_NONE);
	assert_int_equal(srv_route_find(srv_routes, srv_nroutes, SRV_GET, "/api/v1/entities/a/b",
	                                &route, params, &n, &allowed),
	                 SRV_MATCH_NONE);
	assert_int_equal(srv_route_find(srv_routes, srv_nroutes, 0, "/api/v1/search", &route,
	                                params, &n, &allowed),
	                 SRV_MATCH_METHOD);
	assert_int_equal(srv_route_find(srv_routes, srv_nroutes, SRV_GET, "relative", &route,
	                                params, &n, &allowed),
	                 SRV_MATCH_NONE);
	/* the longest parameter that fits, and one byte more */
	char path[SRV_MAX_PARAM + 64];
	int len = snprintf(path, sizeof(path), "/api/v1/entities/");
	memset(path + len, 'a', SRV_MAX_PARAM - 1);
	path[len + SRV_MAX_PARAM - 1] = '\0';
	assert_int_equal(srv_route_find(srv_routes, srv_nroutes, SRV_GET, path, &route, params, &n,
	                                &allowed),
	                 SRV_MATCH_OK);
	path[len + SRV_MAX_PARAM - 1] = 'a';
	path[len + SRV_MAX_PARAM] = '\0';
	assert_int_equal(srv_route_find(srv_routes, srv_nroutes, SRV_GET, path, &route, params, &n,
	                                &allowed),
	                 SRV_MATCH_BAD);
}

static void test_cursors(void **state)
{
	char c[64];
	uint64_t n = 0;

	(void)state;
	srv_cursor_make('o', 40, c, sizeof(c));
	assert_true(srv_cursor_parse(c, 'o', &n));
	assert_int_equal(n, 40);
	assert_false(srv_cursor_parse(c, 's', &n)); /* another kind */
	srv_cursor_make('s', UINT64_MAX, c, sizeof(c));
	assert_true(srv_cursor_parse(c, 's', &n));
	assert_true(n == UINT64_MAX);
	assert_false(srv_cursor_parse("", 'o', &n));
	assert_false(srv_cursor_parse("!!!", 'o', &n));
	assert_false(srv_cursor_parse("bzQwIA", 'o', &n)); /* "o40 " */
	assert_false(srv_cursor_parse("bw", 'o', &n));     /* "o" */
	assert_false(srv_cursor_parse("b-1", 'o', &n));
	assert_false(srv_cursor_parse("bzk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5", 'o', &n)); /* too long */
}

static int setup(void **state)
{
	return fixture_open(state, "view");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_partner_sees_only_what_is_shared, setup,
	                                        fixture_close),
	        cmocka_unit_test_setup_teardown(test_hidden_statements_change_nothing, setup,
	                                        fixture_close),
	        cmocka_unit_test_setup_teardown(test_merges_only_when_seen_whole, setup,
	                                        fixture_close),
	        cmocka_unit_test_setup_teardown(test_merges_rest_on_feeders, setup, fixture_close),
	        cmocka_unit_test_setup_teardown(test_incremental_merge_rests_on_feeders, setup,
	                                        fixture_close),
	        cmocka_unit_test(test_routes),
	        cmocka_unit_test(test_cursors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
