/*
 * test_browse.c - what points at an entity (iv_store_referrers), the
 * per-dataset counts (iv_store_dataset_counts), and the reads built on
 * them as a viewer sees the store: search filters and facets, related
 * entities with their timeline, and the datasets.  Each holds only what
 * the filter passes, and statements a viewer may not see change nothing
 * they get.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "iv/access.h"
#include "iv/resolve.h"
#include "iv/view.h"
#include "store_helpers.h"
#include "viewer_helpers.h"

/* Put one statement: a reference when `ref`, SECRET when `secret`, of this grade and dataset. */
static void put_full(struct iv_store *st, const char *entity, const char *schema, const char *prop,
                     const char *value, const char *dataset, bool ref, bool secret,
                     const char *grade)
{
	struct iv_statement s;

	mk(&s, entity, schema, prop, value, dataset, "t:1");
	if (ref)
		s.flags |= IV_STMT_REF;
	if (secret)
		s.handling.classification = IV_CLASS_SECRET;
	if (grade)
		assert_int_equal(iv_grade_parse(grade, &s.handling), IV_OK);
	iv_statement_id(&s, NULL);
	put_ok(st, &s);
}

static void put_plain(struct iv_store *st, const char *entity, const char *schema, const char *prop,
                      const char *value)
{
	put_full(st, entity, schema, prop, value, "visible",
	         strcmp(prop, "caller") == 0 || strcmp(prop, "receiver") == 0 ||
	                 strcmp(prop, "payer") == 0 || strcmp(prop, "beneficiary") == 0 ||
	                 strcmp(prop, "person") == 0 || strcmp(prop, "associate") == 0,
	         false, NULL);
}

/* What everyone sees: three people, a call from p1 to p2, an associate tie p2 - p3. */
static void visible_world(struct iv_store *st)
{
	begin_ok(st);
	put_plain(st, "p1", "Person", "name", "Zorvex Amadi");
	put_plain(st, "p1", "Person", "nationality", "gb");
	put_plain(st, "p1", "Person", "birthDate", "1980-05-01");
	put_plain(st, "p2", "Person", "name", "Zorvex Brant");
	put_plain(st, "p2", "Person", "nationality", "fr");
	put_full(st, "p2", "Person", "birthDate", "1991", "other", false, false, "3E");
	put_plain(st, "p3", "Person", "name", "Calyra Kerem");
	put_plain(st, "k1", "Call", "caller", "p1");
	put_plain(st, "k1", "Call", "receiver", "p2");
	put_plain(st, "k1", "Call", "date", "2024-03-01");
	put_plain(st, "k1", "Call", "duration", "120");
	put_plain(st, "a1", "Associate", "person", "p2");
	put_plain(st, "a1", "Associate", "associate", "p3");
	/* a value that spells an id but is no reference */
	put_plain(st, "p3", "Person", "notes", "p1");
	commit_ok(st);
}

/* What only the analyst sees: a payment p1 -> p4, p4 itself, more values on p1 and the call. */
static void hidden_world(struct iv_store *st)
{
	begin_ok(st);
	put_full(st, "y1", "Payment", "payer", "p1", "secret", true, true, "1A");
	put_full(st, "y1", "Payment", "beneficiary", "p4", "secret", true, true, "1A");
	put_full(st, "y1", "Payment", "date", "2023-01-01", "secret", false, true, "1A");
	put_full(st, "y1", "Payment", "amount", "900", "secret", false, true, "1A");
	put_full(st, "p4", "Person", "name", "Zorvex Hidden", "secret", false, true, "1A");
	put_full(st, "p1", "Person", "nationality", "ru", "secret", false, true, "1A");
	put_full(st, "p1", "Person", "birthDate", "1970", "visible", false, true, "1A");
	put_full(st, "k1", "Call", "date", "2020-01-01", "visible", false, true, "1A");
	put_full(st, "k1", "Call", "receiver", "p4", "visible", true, true, "1A");
	commit_ok(st);
}

struct seen {
	char entities[8][16];
	char props[8][16];
	size_t n;
};

static enum iv_err on_referrer(void *ctx, const struct iv_statement *s)
{
	struct seen *seen = ctx;

	assert_true(seen->n < 8);
	assert_true(s->flags & IV_STMT_REF);
	snprintf(seen->entities[seen->n], 16, "%s", s->entity);
	snprintf(seen->props[seen->n++], 16, "%s", s->property);
	return IV_OK;
}

static void test_referrers(void **state)
{
	struct fixture *f = *state;
	struct seen seen = {0};

	visible_world(f->st);
	assert_int_equal(iv_store_referrers(f->st, "p2", on_referrer, &seen, NULL), IV_OK);
	/* in the order they were stored */
	assert_int_equal(seen.n, 2);
	assert_string_equal(seen.entities[0], "k1");
	assert_string_equal(seen.props[0], "receiver");
	assert_string_equal(seen.entities[1], "a1");
	assert_string_equal(seen.props[1], "person");
	/* p3's notes say "p1" but are no reference */
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(iv_store_referrers(f->st, "p1", on_referrer, &seen, NULL), IV_OK);
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.entities[0], "k1");
	assert_string_equal(seen.props[0], "caller");
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(iv_store_referrers(f->st, "nobody", on_referrer, &seen, NULL), IV_OK);
	assert_int_equal(seen.n, 0);
	/* pending statements of a transaction are read too */
	begin_ok(f->st);
	put_plain(f->st, "a2", "Associate", "person", "p1");
	assert_int_equal(iv_store_referrers(f->st, "p1", on_referrer, &seen, NULL), IV_OK);
	assert_int_equal(seen.n, 2);
	iv_store_rollback(f->st);
}

static bool only_visible_envelopes(void *ctx, int64_t envelope)
{
	struct iv_store *st = ctx;
	struct iv_handling h;

	return iv_store_envelope(st, envelope, &h, NULL) == IV_OK &&
	       h.classification == IV_CLASS_OFFICIAL;
}

struct counted {
	char names[4][16];
	uint64_t entities[4], statements[4];
	size_t n;
};

static enum iv_err on_counts(void *ctx, const struct iv_dataset_counts *d)
{
	struct counted *c = ctx;

	assert_true(c->n < 4);
	snprintf(c->names[c->n], 16, "%s", d->name);
	assert_int_equal(d->first_seen, 1000);
	assert_int_equal(d->last_seen, 1000);
	c->entities[c->n] = d->entities;
	c->statements[c->n++] = d->statements;
	return IV_OK;
}

static void test_dataset_counts(void **state)
{
	struct fixture *f = *state;
	struct iv_dataset_counts total;
	struct counted c = {0};

	visible_world(f->st);
	hidden_world(f->st);
	assert_int_equal(iv_store_dataset_counts(f->st, NULL, NULL, on_counts, &c, &total, NULL),
	                 IV_OK);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.names[0], "other");
	assert_string_equal(c.names[1], "secret");
	assert_string_equal(c.names[2], "visible");
	assert_int_equal(c.entities[1], 3); /* y1, p4, p1 */
	assert_int_equal(c.statements[1], 6);
	assert_int_equal(c.entities[2], 5); /* p1, p2, p3, k1, a1 */
	assert_int_equal(c.statements[2], 16);
	assert_int_equal(total.entities, 7);
	assert_int_equal(total.statements, 23);
	/* OFFICIAL only: the secret dataset is gone, the hidden values on p1 and k1 too */
	memset(&c, 0, sizeof(c));
	assert_int_equal(iv_store_dataset_counts(f->st, only_visible_envelopes, f->st, on_counts,
	                                         &c, &total, NULL),
	                 IV_OK);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.names[0], "other");
	assert_string_equal(c.names[1], "visible");
	assert_int_equal(c.entities[1], 5);
	assert_int_equal(c.statements[1], 13);
	assert_int_equal(total.entities, 5);
	assert_int_equal(total.statements, 14);
}

/* ---- as a viewer sees them ------------------------------------------------------------------ */

static void assert_prefix(const char *text, const char *prefix)
{
	if (strncmp(text, prefix, strlen(prefix)) != 0)
		fail_msg("got      %s\nexpected %s...", text, prefix);
}

static char *dump(json_t *j)
{
	char *text = json_dumps(j, JSON_COMPACT);

	json_decref(j);
	assert_non_null(text);
	return text;
}

static char *search_text(struct iv_store *st, const struct iv_viewer *viewer, const char *q,
                         const struct iv_view_search_opts *o)
{
	struct iv_view v;
	json_t *out = NULL;

	iv_view_init(&v, st, viewer);
	assert_int_equal(iv_view_search(&v, q, NULL, o, 0, 10, &out, NULL), IV_OK);
	iv_view_release(&v);
	return dump(out);
}

static char *related_text(struct iv_store *st, const struct iv_viewer *viewer, const char *id,
                          enum iv_err *rc)
{
	struct iv_view v;
	json_t *out = NULL;

	iv_view_init(&v, st, viewer);
	*rc = iv_view_related(&v, id, 100, &out, NULL);
	iv_view_release(&v);
	return out ? dump(out) : NULL;
}

static char *datasets_text(struct iv_store *st, const struct iv_viewer *viewer)
{
	struct iv_view v;
	json_t *out = NULL;

	iv_view_init(&v, st, viewer);
	assert_int_equal(iv_view_datasets(&v, &out, NULL), IV_OK);
	iv_view_release(&v);
	return dump(out);
}

static void test_facets(void **state)
{
	struct fixture *f = *state;
	struct iv_view_search_opts o;
	struct iv_viewer p, a;
	struct iv_date d;
	char *text;

	partner(&p);
	analyst(&a);
	visible_world(f->st);
	hidden_world(f->st);
	iv_view_search_opts_init(&o);
	o.facets = true;
	text = search_text(f->st, &p, "Zorvex", &o);
	assert_string_equal(text,
	                    "{\"total\":2,\"results\":[{\"id\":\"p1\",\"schema\":\"Person\","
	                    "\"caption\":\"Zorvex Amadi\",\"score\":2.0},{\"id\":\"p2\","
	                    "\"schema\":\"Person\",\"caption\":\"Zorvex Brant\",\"score\":2.0}],"
	                    "\"facets\":{\"schema\":{\"Person\":2},\"dataset\":{\"other\":1,"
	                    "\"visible\":2},\"country\":{\"fr\":1,\"gb\":1},\"grade\":{\"2C\":2,"
	                    "\"3E\":1},\"year\":{\"1980\":1,\"1991\":1}},"
	                    "\"facets_capped\":false}");
	free(text);
	/* the analyst counts the hidden values too */
	text = search_text(f->st, &a, "Zorvex", &o);
	assert_non_null(strstr(text, "\"total\":3"));
	assert_non_null(strstr(text, "\"country\":{\"fr\":1,\"gb\":1,\"ru\":1}"));
	assert_non_null(strstr(text, "\"year\":{\"1970\":1,\"1980\":1,\"1991\":1}"));
	free(text);
	/* each filter */
	o.facets = false;
	o.country = "fr";
	text = search_text(f->st, &p, "Zorvex", &o);
	assert_non_null(strstr(text, "\"total\":1,\"results\":[{\"id\":\"p2\""));
	assert_non_null(strstr(text, "\"filters_capped\":false"));
	assert_null(strstr(text, "facets"));
	free(text);
	o.country = "ru"; /* hidden from the partner */
	text = search_text(f->st, &p, "Zorvex", &o);
	assert_non_null(strstr(text, "\"total\":0"));
	free(text);
	o.country = NULL;
	o.dataset = "other";
	text = search_text(f->st, &p, "Zorvex", &o);
	assert_non_null(strstr(text, "\"total\":1,\"results\":[{\"id\":\"p2\""));
	free(text);
	o.dataset = NULL;
	memcpy(o.grade, "2C", 3);
	text = search_text(f->st, &p, "Zorvex", &o);
	assert_non_null(strstr(text, "\"total\":2"));
	free(text);
	memcpy(o.grade, "1A", 3); /* only hidden statements have it */
	text = search_text(f->st, &p, "Zorvex", &o);
	assert_non_null(strstr(text, "\"total\":0"));
	free(text);
	o.grade[0] = '\0';
	assert_int_equal(iv_date_parse("1979", &d), IV_OK);
	o.from = iv_date_seconds(&d, false);
	assert_int_equal(iv_date_parse("1985-06", &d), IV_OK);
	o.to = iv_date_seconds(&d, true);
	text = search_text(f->st, &p, "Zorvex", &o);
	assert_non_null(strstr(text, "\"total\":1,\"results\":[{\"id\":\"p1\""));
	free(text);
	/* p1's hidden birth date (1970) does not count for the partner */
	assert_int_equal(iv_date_parse("1970", &d), IV_OK);
	o.from = iv_date_seconds(&d, false);
	o.to = iv_date_seconds(&d, true);
	text = search_text(f->st, &p, "Zorvex", &o);
	assert_non_null(strstr(text, "\"total\":0"));
	free(text);
	text = search_text(f->st, &a, "Zorvex", &o);
	assert_non_null(strstr(text, "\"total\":1"));
	free(text);
}

static void test_related(void **state)
{
	struct fixture *f = *state;
	struct iv_viewer p, a;
	enum iv_err rc;
	char *text;

	partner(&p);
	analyst(&a);
	visible_world(f->st);
	hidden_world(f->st);
	text = related_text(f->st, &p, "p1", &rc);
	assert_int_equal(rc, IV_OK);
	assert_prefix(
	        text,
	        "{\"id\":\"p1\",\"members\":[\"p1\"],\"related\":[{\"id\":\"k1\",\"schema\":"
	        "\"Call\",\"caption\":\"k1\","
	        "\"property\":\"caller\",\"direction\":\"in\",\"via\":null,\"classification\":"
	        "\"OFFICIAL\"},{\"id\":\"p2\","
	        "\"schema\":\"Person\",\"caption\":\"Zorvex Brant\",\"property\":\"receiver\","
	        "\"direction\":\"out\",\"via\":{\"id\":\"k1\",\"schema\":\"Call\",\"caption\":"
	        "\"k1\",\"classification\":\"OFFICIAL\"},\"classification\":\"OFFICIAL\"}],"
	        "\"timeline\":[{\"id\":\"k1\",\"schema\":\"Call\",\"caption\":\"k1\",\"kind\":"
	        "\"call\","
	        "\"start\":\"2024-03-01\",\"end\":null,\"parties\":[{\"id\":\"p1\",\"caption\":"
	        "\"Zorvex Amadi\",\"role\":\"caller\",\"classification\":\"OFFICIAL\"},{\"id\":"
	        "\"p2\",\"caption\":\"Zorvex Brant\",\"role\":\"receiver\",\"classification\":"
	        "\"OFFICIAL\"}],\"amount\":null,\"currency\":null,\"duration\":120.0,"
	        "\"statements\":[");
	free(text);
	/* the analyst also sees the payment, the hidden receiver and the earlier date */
	text = related_text(f->st, &a, "p1", &rc);
	assert_int_equal(rc, IV_OK);
	assert_non_null(strstr(text, "{\"id\":\"p4\",\"schema\":\"Person\",\"caption\":\"Zorvex "
	                             "Hidden\",\"property\":\"beneficiary\",\"direction\":\"out\","
	                             "\"via\":{\"id\":\"y1\""));
	assert_non_null(strstr(text, "\"kind\":\"payment\",\"start\":\"2023-01-01\""));
	assert_non_null(strstr(text, "\"amount\":900.0"));
	assert_non_null(strstr(text, "\"start\":\"2020-01-01\""));
	/* a secret record marks what is built from it: the hidden receiver, the payment */
	assert_non_null(strstr(text, "\"via\":{\"id\":\"y1\",\"schema\":\"Payment\",\"caption\":"
	                             "\"y1\",\"classification\":\"SECRET\"},\"classification\":"
	                             "\"SECRET\"}"));
	assert_non_null(strstr(text, "\"caption\":\"Zorvex Hidden\",\"role\":\"beneficiary\","
	                             "\"classification\":\"SECRET\"}"));
	/* by start: the call's hidden date (2020) puts it before the payment (2023) */
	assert_true(
	        strstr(text, "\"id\":\"k1\",\"schema\":\"Call\",\"caption\":\"k1\",\"kind\"") <
	        strstr(text, "\"id\":\"y1\",\"schema\":\"Payment\",\"caption\":\"y1\",\"kind\""));
	free(text);
	/* the call itself: its parties go out, it is on its own timeline */
	text = related_text(f->st, &p, "k1", &rc);
	assert_int_equal(rc, IV_OK);
	assert_non_null(strstr(text, "\"related\":[{\"id\":\"p1\",\"schema\":\"Person\","
	                             "\"caption\":\"Zorvex Amadi\",\"property\":\"caller\","
	                             "\"direction\":\"out\",\"via\":null,\"classification\":"
	                             "\"OFFICIAL\"},{\"id\":\"p2\""));
	assert_non_null(strstr(text, "\"timeline_total\":1"));
	assert_null(strstr(text, "p4"));
	free(text);
	/* an Associate is an interval but has no date: related, not on the timeline */
	text = related_text(f->st, &p, "p3", &rc);
	assert_int_equal(rc, IV_OK);
	assert_non_null(strstr(text, "{\"id\":\"p2\",\"schema\":\"Person\",\"caption\":\"Zorvex "
	                             "Brant\",\"property\":\"person\",\"direction\":\"in\","
	                             "\"via\":{\"id\":\"a1\""));
	assert_non_null(strstr(text, "\"timeline\":[]"));
	free(text);
	/* what the viewer sees nothing of does not exist */
	assert_null(related_text(f->st, &p, "y1", &rc));
	assert_int_equal(rc, IV_ERR_NOTFOUND);
	assert_null(related_text(f->st, &p, "p4", &rc));
	assert_int_equal(rc, IV_ERR_NOTFOUND);
	assert_null(related_text(f->st, &a, "nobody", &rc));
	assert_int_equal(rc, IV_ERR_NOTFOUND);
}

static void test_related_merged(void **state)
{
	struct fixture *f = *state;
	struct iv_viewer a, p;
	enum iv_err rc;
	char *by_record, *by_other, *text, canon[24];

	analyst(&a);
	partner(&p);
	visible_world(f->st);
	iv_resolve_canonical_id("p1", canon); /* the shape canonical ids have */
	begin_ok(f->st);
	assert_int_equal(iv_store_res_set_member(f->st, "p1", canon, NULL), IV_OK);
	assert_int_equal(iv_store_res_set_member(f->st, "p3", canon, NULL), IV_OK);
	commit_ok(f->st);
	/* p1 and p3 are one: the call (to p1) and the associate (to p3) are both related */
	by_record = related_text(f->st, &a, "p1", &rc);
	assert_int_equal(rc, IV_OK);
	assert_non_null(strstr(by_record, "\"via\":{\"id\":\"k1\""));
	assert_non_null(strstr(by_record, "\"via\":{\"id\":\"a1\""));
	by_other = related_text(f->st, &a, "p3", &rc);
	text = related_text(f->st, &a, canon, &rc);
	assert_int_equal(rc, IV_OK);
	/* the same but for the id asked for */
	assert_string_equal(by_record + strlen("{\"id\":\"p1\""),
	                    by_other + strlen("{\"id\":\"p3\""));
	assert_string_equal(by_record + strlen("{\"id\":\"p1\""),
	                    text + strlen("{\"id\":\"") + strlen(canon) + 1);
	free(by_record);
	free(by_other);
	free(text);
	/* partners see records one by one */
	text = related_text(f->st, &p, "p1", &rc);
	assert_null(strstr(text, "\"a1\""));
	free(text);
	assert_null(related_text(f->st, &p, canon, &rc));
	assert_int_equal(rc, IV_ERR_NOTFOUND);
}

/* A record whose own id looks like a canonical id is a record: shown to partners, never 404. */
static void test_record_named_like_canonical(void **state)
{
	struct fixture *f = *state;
	struct iv_viewer a, p;
	struct iv_view v;
	json_t *page = NULL;
	const char *ids[] = {"c-0123456789abcdef", "c-hub"};

	analyst(&a);
	partner(&p);
	begin_ok(f->st);
	for (size_t i = 0; i < 2; i++)
		put_plain(f->st, ids[i], "Person", "name", "Odalys Varn");
	commit_ok(f->st);
	for (size_t i = 0; i < 2; i++) {
		const struct iv_viewer *who[] = {&a, &p};

		for (size_t k = 0; k < 2; k++) {
			iv_view_init(&v, f->st, who[k]);
			assert_int_equal(iv_view_entity(&v, ids[i], &page, NULL), IV_OK);
			assert_string_equal(json_string_value(json_object_get(page, "id")), ids[i]);
			json_decref(page);
			iv_view_release(&v);
		}
	}
	/* an id of that shape with no record and no members is unknown */
	iv_view_init(&v, f->st, &p);
	assert_int_equal(iv_view_entity(&v, "c-fedcba9876543210", &page, NULL), IV_ERR_NOTFOUND);
	iv_view_release(&v);
}

static void test_hidden_statements_change_nothing(void **state)
{
	struct fixture *f = *state;
	struct iv_view_search_opts o;
	struct iv_viewer p;
	const char *ids[] = {"p1", "p2", "p3", "k1", "a1"};
	char *before[8], *after[8];
	size_t n = 0;
	enum iv_err rc;

	partner(&p);
	iv_view_search_opts_init(&o);
	o.facets = true;
	visible_world(f->st);
	before[n++] = search_text(f->st, &p, "Zorvex", &o);
	before[n++] = datasets_text(f->st, &p);
	for (size_t i = 0; i < 5; i++) {
		before[n++] = related_text(f->st, &p, ids[i], &rc);
		assert_int_equal(rc, IV_OK);
	}
	hidden_world(f->st);
	n = 0;
	after[n++] = search_text(f->st, &p, "Zorvex", &o);
	after[n++] = datasets_text(f->st, &p);
	for (size_t i = 0; i < 5; i++)
		after[n++] = related_text(f->st, &p, ids[i], &rc);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(before[i], after[i]);
		free(before[i]);
		free(after[i]);
	}
}

/* More hits than IV_VIEW_SCAN_MAX: facets and filters read the first ones and say so. */
static void test_facets_capped(void **state)
{
	struct fixture *f = *state;
	struct iv_view_search_opts o;
	struct iv_viewer p;
	char id[32], name[32], *text;

	partner(&p);
	begin_ok(f->st);
	for (int i = 0; i <= IV_VIEW_SCAN_MAX; i++) {
		snprintf(id, sizeof(id), "q%05d", i);
		snprintf(name, sizeof(name), "Capped %05d", i);
		put_plain(f->st, id, "Person", "name", name);
	}
	commit_ok(f->st);
	iv_view_search_opts_init(&o);
	o.facets = true;
	text = search_text(f->st, &p, "Capped", &o);
	assert_non_null(strstr(text, "\"total\":10001,"));
	assert_non_null(strstr(text, "\"facets\":{\"schema\":{\"Person\":10000}"));
	assert_non_null(strstr(text, "\"facets_capped\":true"));
	assert_null(strstr(text, "filters_capped"));
	free(text);
	o.facets = false;
	o.dataset = "visible";
	text = search_text(f->st, &p, "Capped", &o);
	assert_non_null(strstr(text, "\"total\":10000,"));
	assert_non_null(strstr(text, "\"filters_capped\":true"));
	assert_null(strstr(text, "q10000"));
	free(text);
}

static int setup(void **state)
{
	return fixture_open(state, "browse");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_referrers, setup, fixture_close),
	        cmocka_unit_test_setup_teardown(test_dataset_counts, setup, fixture_close),
	        cmocka_unit_test_setup_teardown(test_facets, setup, fixture_close),
	        cmocka_unit_test_setup_teardown(test_facets_capped, setup, fixture_close),
	        cmocka_unit_test_setup_teardown(test_related, setup, fixture_close),
	        cmocka_unit_test_setup_teardown(test_related_merged, setup, fixture_close),
	        cmocka_unit_test_setup_teardown(test_record_named_like_canonical, setup,
	                                        fixture_close),
	        cmocka_unit_test_setup_teardown(test_hidden_statements_change_nothing, setup,
	                                        fixture_close),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
