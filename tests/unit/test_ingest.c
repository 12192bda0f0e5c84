/*
 * test_ingest.c - unit tests of the ingest readers: FtM lines, mappings,
 * CSV rows, handling-envelope precedence, error positions, allocation
 * failure at every step of an ingest, and the dangling-reference count of a
 * file larger than the reference set keeps between prunings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "iv/ingest.h"
#include "ingest/ingest_int.h" /* iv_envelope_set */

struct fixture {
	struct iv_store *st;
	struct iv_ingest *in;
	struct iv_buf err;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct iv_ingest_opts o;

	iv_ingest_opts_init(&o);
	if (iv_store_open(":memory:", IV_STORE_CREATE, &f->st, NULL))
		return -1;
	if (iv_store_begin(f->st, NULL))
		return -1;
	if (iv_ingest_new(f->st, "test.jsonl", &o, &f->in, NULL))
		return -1;
	iv_buf_init(&f->err, 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	iv_ingest_free(f->in);
	iv_store_rollback(f->st);
	iv_store_close(f->st);
	iv_buf_release(&f->err);
	free(f);
	return 0;
}

static enum iv_err line(struct fixture *f, const char *text, uint64_t lineno)
{
	iv_buf_reset(&f->err);
	return iv_ingest_ftm_line(f->in, text, strlen(text), lineno, &f->err);
}

/* Collect an entity's statements for inspection. */
struct seen {
	char props[32][64];
	char values[32][256];
	struct iv_handling h[32];
	char cond[32][128];
	unsigned flags[32];
	size_t n;
};

static enum iv_err collect(void *ctx, const struct iv_statement *s)
{
	struct seen *seen = ctx;

	if (seen->n < 32) {
		iv_strlcpy(seen->props[seen->n], s->property, 64);
		iv_strlcpy(seen->values[seen->n], s->value, 256);
		seen->h[seen->n] = s->handling;
		iv_strlcpy(seen->cond[seen->n],
		           s->handling.conditions ? s->handling.conditions : "", 128);
		seen->flags[seen->n] = s->flags;
	}
	seen->n++;
	return IV_OK;
}

static void commit_and_read(struct fixture *f, const char *id, struct seen *seen)
{
	memset(seen, 0, sizeof(*seen));
	assert_int_equal(iv_store_commit(f->st, NULL), IV_OK);
	assert_int_equal(iv_store_entity_statements(f->st, id, collect, seen, NULL), IV_OK);
	assert_int_equal(iv_store_begin(f->st, NULL), IV_OK);
}

static void test_ftm_line_values_and_envelope(void **state)
{
	struct fixture *f = *state;
	struct seen seen;

	assert_int_equal(
	        line(f,
	             "{\"id\":\"e1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"  Ali  "
	             "Rashid \"],\"birthDate\":[\"1989-02-31\"]},\"handling\":{\"grade\":\"1A\","
	             "\"handling\":\"C\",\"conditions\":\"UK only\",\"subject\":\"suspect\"}}",
	             1),
	        IV_OK);
	commit_and_read(f, "e1", &seen);
	assert_int_equal(seen.n, 2);
	for (size_t i = 0; i < seen.n; i++) {
		assert_int_equal(seen.h[i].source_grade, '1');
		assert_int_equal(seen.h[i].assessment, 'A');
		assert_int_equal(seen.h[i].code, 'C');
		assert_int_equal(seen.h[i].subject, IV_SUBJECT_SUSPECT);
		assert_string_equal(seen.cond[i], "UK only");
		if (!strcmp(seen.props[i], "name")) {
			assert_string_equal(seen.values[i], "Ali Rashid");
			assert_false(seen.flags[i] & IV_STMT_INVALID);
		} else {
			assert_string_equal(seen.props[i], "birthDate");
			assert_string_equal(seen.values[i], "1989-02-31");
			assert_true(seen.flags[i] & IV_STMT_INVALID);
		}
	}
}

static void test_ftm_errors_name_line_and_column(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(line(f, "{\"id\":\"e1\",\"schema\":\"Person\",", 7), IV_ERR_INVALID);
	assert_non_null(strstr(f->err.buf, "test.jsonl:7:"));
	assert_non_null(strstr(f->err.buf, "malformed JSON"));

	assert_int_equal(line(f, "{\"id\":\"e1\",\"schema\":\"Persn\"}", 3), IV_ERR_INVALID);
	assert_non_null(strstr(f->err.buf, "test.jsonl:3:12: unknown schema 'Persn'"));

	assert_int_equal(line(f, "{\"id\":\"e1\",\"schema\":\"Thing\"}", 3), IV_ERR_INVALID);
	assert_non_null(strstr(f->err.buf, "abstract schema"));

	assert_int_equal(
	        line(f,
	             "{\"id\":\"e1\",\"schema\":\"Person\",\"properties\":{\"imoNumber\":[\"1\"]}}",
	             4),
	        IV_ERR_INVALID);
	assert_non_null(strstr(f->err.buf, "test.jsonl:4:44: schema Person has no property "
	                                   "'imoNumber'"));

	assert_int_equal(line(f, "[1,2]", 5), IV_ERR_INVALID);
	assert_non_null(strstr(f->err.buf, "expected a JSON object"));

	assert_int_equal(line(f, "{\"schema\":\"Person\"}", 6), IV_ERR_INVALID);
	assert_non_null(strstr(f->err.buf, "no \"id\""));

	assert_int_equal(line(f, "{\"id\":\"a\",\"id\":\"b\",\"schema\":\"Person\"}", 8),
	                 IV_ERR_INVALID);

	assert_int_equal(
	        line(f,
	             "{\"id\":\"e\",\"schema\":\"Person\",\"properties\":{\"name\":[{\"a\":"
	             "1}]}}",
	             9),
	        IV_ERR_INVALID);
	assert_non_null(strstr(f->err.buf, "values must be strings"));

	assert_int_equal(
	        line(f, "{\"id\":\"e\",\"schema\":\"Person\",\"handling\":{\"grade\":\"4F\"}}", 10),
	        IV_ERR_INVALID);
	assert_non_null(strstr(f->err.buf, "grade '4F'"));

	assert_int_equal(
	        line(f, "{\"id\":\"e\",\"schema\":\"Person\",\"handling\":{\"colour\":\"red\"}}",
	             11),
	        IV_ERR_INVALID);
	assert_non_null(strstr(f->err.buf, "unknown key 'colour'"));

	const char bad_utf8[] =
	        "{\"id\":\"e\",\"schema\":\"Person\",\"properties\":{\"name\":[\"\xc3\x28\"]}}";
	assert_int_equal(line(f, bad_utf8, 12), IV_ERR_INVALID);
	assert_non_null(strstr(f->err.buf, "test.jsonl:12:52: invalid UTF-8"));
}

/*
 * An error about a key points at that key of the entity (or of its
 * "properties"), not at the first place its name appears in the line: a
 * value, a nested object's key or an escaped quote before it say the same
 * word.  A key written with escapes is found too; an error about a key the
 * line lacks points at the entity's start.  Columns count bytes, as they
 * must for invalid UTF-8, malformed JSON's too.
 */
static void test_ftm_error_columns(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *text;
		size_t col;
		const char *what;
	} cases[] = {
	        {" {\"caption\":\"id\",\"schema\":\"Person\"}", 2, "entity has no \"id\" string"},
	        {"{\"properties\":{\"name\":[\"id\"]},\"schema\":\"Person\"}", 1,
	         "entity has no \"id\" string"},
	        {"{\"id\":\"e1\",\"caption\":\"schema\",\"schema\":\"Persn\"}", 31,
	         "unknown schema 'Persn'"},
	        {"{\"id\":\"e1\",\"caption\":\"a\\\"schema\",\"schema\":\"Persn\"}", 34,
	         "unknown schema 'Persn'"},
	        {"{\"id\":\"e1\",\"context\":{\"schema\":\"x\"},\"schema\":\"Persn\"}", 37,
	         "unknown schema 'Persn'"},
	        {"{ \"id\" : \"e1\" ,\t\"sch\\u0065ma\" : \"Persn\" }", 17,
	         "unknown schema 'Persn'"},
	        {"{\"id\":\"e\",\"schema\":\"Person\",\"properties\":{\"name\":[\"handling\"]},"
	         "\"handling\":{\"grade\":\"4F\"}}",
	         64, "grade '4F'"},
	        {"{\"id\":\"e\",\"schema\":\"Person\",\"properties\":{\"name\":[\"first_seen\"]},"
	         "\"first_seen\":\"yesterday\"}",
	         66, "first_seen is not an ISO 8601 time"},
	        {"{\"id\":\"e\",\"schema\":\"Person\",\"caption\":\"datasets\",\"datasets\":[\"\"]"
	         "}",
	         50, "the dataset name is empty"},
	        {"{\"id\":\"e\",\"schema\":\"Person\",\"dataset\":\"\"}", 29,
	         "the dataset name is empty"},
	        {"{\"id\":\"e\",\"schema\":\"Person\",\"original_values\":{\"imoNumber\":[\"1\"]},"
	         "\"properties\":{\"imoNumber\":[\"1\"]}}",
	         81, "schema Person has no property 'imoNumber'"},
	        {"{\"id\":\"e\",\"schema\":\"Person\",\"properties\":{\"alias\":[\"name\"],"
	         "\"n\\u0061me\":[true]}}",
	         60, "property 'name': values must be strings or numbers, not a boolean"},
	        {"{\"id\":\"e\",\"schema\":\"Person\",\"caption\":\"name\",\"properties\":{"
	         "\"alias\":[\"A\"],\"name\":[true]}}",
	         74, "property 'name': values must be strings or numbers, not a boolean"},
	        {"{\"id\":\"e\",\"schema\":\"Person\",\"properties\":{\"alias\":[\"A\"],\"name\":["
	         "\"B\"],\"weight\":[\"name\",{}]}}",
	         70, "property 'weight': values must be strings or numbers, not an object"},
	        {"{\"id\":\"\xc3\xa9\xc3\xa9\",}", 14, "malformed JSON"},
	};
	char want[64];
	size_t wrong = 0;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(want, sizeof(want), "test.jsonl:%zu:%zu: ", i + 1, cases[i].col);
		assert_int_equal(line(f, cases[i].text, i + 1), IV_ERR_INVALID);
		if (strncmp(f->err.buf, want, strlen(want)) ||
		    !strstr(f->err.buf + strlen(want), cases[i].what)) {
			print_message("case %zu: got \"%s\", expected \"%s%s...\"\n", i + 1,
			              f->err.buf, want, cases[i].what);
			wrong++;
		}
	}
	assert_int_equal(wrong, 0);
}

/*
 * A property value that is neither a string nor a number is refused with a
 * message that says what is accepted and names the JSON type found; null
 * says nothing and is skipped.
 */
static void test_ftm_value_types(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *values, *found;
	} bad[] = {
	        {"[true]", "a boolean"},      {"[false]", "a boolean"},   {"true", "a boolean"},
	        {"[{\"a\":1}]", "an object"}, {"{\"a\":1}", "an object"}, {"[[\"A\"]]", "an array"},
	};
	char text[256], want[128];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text),
		         "{\"id\":\"e\",\"schema\":\"Person\",\"properties\":{\"name\":%s}}",
		         bad[i].values);
		snprintf(want, sizeof(want),
		         "test.jsonl:%zu:43: property 'name': values must be strings or numbers, "
		         "not %s",
		         i + 1, bad[i].found);
		assert_int_equal(line(f, text, i + 1), IV_ERR_INVALID);
		assert_string_equal(f->err.buf, want);
	}
	/* a handling key takes a string or a list of them */
	assert_int_equal(
	        line(f, "{\"id\":\"e\",\"schema\":\"Person\",\"handling\":{\"grade\":2}}", 10),
	        IV_ERR_INVALID);
	assert_non_null(strstr(f->err.buf,
	                       "handling.grade: expected a string or a list of strings, "
	                       "not a number"));
	/* what is accepted: strings, numbers, and null (no value) */
	assert_int_equal(line(f,
	                      "{\"id\":\"e\",\"schema\":\"Person\",\"properties\":{\"name\":["
	                      "\"A\",null],\"weight\":[72.5],\"height\":180}}",
	                      20),
	                 IV_OK);
}

static const char mapping_yaml[] =
        "dataset: debriefs\n"
        "phone_region: GB\n"
        "handling: {grade: 2B, handling: C, conditions: 'UK only', classification: "
        "OFFICIAL-SENSITIVE}\n"
        "entities:\n"
        "  migrant:\n"
        "    schema: Person\n"
        "    keys: [id]\n"
        "    handling: {subject: victim}\n"
        "    properties:\n"
        "      name: {columns: [given, family], join: ' '}\n"
        "      phone: {column: phone, split: ';', handling: {grade: 1A}}\n"
        "      nationality: {literal: IQ}\n"
        "  passport:\n"
        "    schema: Passport\n"
        "    keys: [doc]\n"
        "    key_literal: passport\n"
        "    properties:\n"
        "      holder: {entity: migrant}\n"
        "      number: {column: doc}\n";

static void test_mapping_and_csv_rows(void **state)
{
	struct fixture *f = *state;
	struct iv_mapping *m = NULL;
	struct iv_ingest_report r;
	const char csv[] = "id,given,family,phone,doc\n"
	                   "1,Rebin,Ahmadi,07911 123456;+33 6 12 34 56 78,X1\n"
	                   "2,Yonas,\"Tesfay\nHaile\",,\n";

	assert_int_equal(iv_mapping_parse("m.yml", mapping_yaml, strlen(mapping_yaml), &m, &f->err),
	                 IV_OK);
	assert_int_equal(iv_ingest_csv_buffer(f->in, m, csv, strlen(csv), &f->err), IV_OK);
	iv_ingest_report_get(f->in, &r);
	assert_int_equal(r.records, 2);
	assert_string_equal(r.dataset, "debriefs");
	/* row 1: name, 2 phones, nationality, passport holder + number; row 2: name, nationality */
	assert_int_equal(r.statements, 8);
	assert_int_equal(r.invalid, 0);
	iv_mapping_free(m);
}

static void test_csv_envelope_precedence(void **state)
{
	struct fixture *f = *state;
	struct iv_mapping *m = NULL;
	struct seen seen;
	struct iv_hasher h;
	unsigned char digest[IV_HASH_BYTES];
	char id[IV_HASH_HEX];
	const char csv[] = "id,given,family,phone,doc\n7,Ali,Rashid,07911 123456,\n";
	int phones = 0;

	assert_int_equal(iv_mapping_parse("m.yml", mapping_yaml, strlen(mapping_yaml), &m, &f->err),
	                 IV_OK);
	assert_int_equal(iv_ingest_csv_buffer(f->in, m, csv, strlen(csv), &f->err), IV_OK);
	/* the id Aleph-style: hash of key_literal ("") and the key cells */
	iv_hasher_init(&h);
	iv_hasher_field(&h, "");
	iv_hasher_field(&h, "7");
	iv_hasher_final(&h, digest);
	iv_hash_hex(digest, id);
	commit_and_read(f, id, &seen);
	assert_int_equal(seen.n, 3);
	for (size_t i = 0; i < seen.n; i++) {
		assert_int_equal(seen.h[i].subject, IV_SUBJECT_VICTIM);
		assert_int_equal(seen.h[i].classification, IV_CLASS_OFFICIAL_SENSITIVE);
		if (!strcmp(seen.props[i], "phone")) {
			phones++;
			assert_string_equal(seen.values[i], "+447911123456");
			assert_int_equal(seen.h[i].source_grade, '1'); /* per-column wins */
			assert_int_equal(seen.h[i].assessment, 'A');
		} else {
			assert_int_equal(seen.h[i].source_grade, '2');
			assert_int_equal(seen.h[i].assessment, 'B');
		}
	}
	assert_int_equal(phones, 1);
	iv_mapping_free(m);
}

static void test_cli_options_override_mapping_default(void **state)
{
	struct fixture *f = *state;
	struct iv_ingest_opts o;
	struct iv_ingest *in = NULL;
	struct iv_mapping *m = NULL;
	const char csv[] = "id,given,family,phone,doc\n8,A,B,,\n";
	struct iv_ingest_report r;

	iv_ingest_opts_init(&o);
	o.handling.classification = IV_CLASS_SECRET;
	o.handling_set = IV_HF_CLASSIFICATION;
	o.dataset = "override";
	assert_int_equal(iv_mapping_parse("m.yml", mapping_yaml, strlen(mapping_yaml), &m, NULL),
	                 IV_OK);
	assert_int_equal(iv_ingest_new(f->st, "x.csv", &o, &in, NULL), IV_OK);
	assert_int_equal(iv_ingest_csv_buffer(in, m, csv, strlen(csv), &f->err), IV_OK);
	iv_ingest_report_get(in, &r);
	assert_string_equal(r.dataset, "override");
	iv_ingest_free(in);
	iv_mapping_free(m);
}

static void test_csv_errors(void **state)
{
	struct fixture *f = *state;
	struct iv_mapping *m = NULL;

	assert_int_equal(iv_mapping_parse("m.yml", mapping_yaml, strlen(mapping_yaml), &m, &f->err),
	                 IV_OK);
	iv_buf_reset(&f->err);
	const char ragged[] = "id,given,family,phone,doc\n1,a,b,c,d\n2,a\n";
	assert_int_equal(iv_ingest_csv_buffer(f->in, m, ragged, strlen(ragged), &f->err),
	                 IV_ERR_INVALID);
	assert_non_null(strstr(f->err.buf, "test.jsonl:3:1: row has 2 fields, the header has 5"));

	iv_buf_reset(&f->err);
	const char missing[] = "id,given,phone,doc\n1,a,c,d\n";
	assert_int_equal(iv_ingest_csv_buffer(f->in, m, missing, strlen(missing), &f->err),
	                 IV_ERR_INVALID);
	assert_non_null(strstr(f->err.buf, "column 'family' is not in the file"));

	iv_buf_reset(&f->err);
	const char quote[] = "id,given,family,phone,doc\n1,\"a,b,c,d,e\n";
	assert_int_equal(iv_ingest_csv_buffer(f->in, m, quote, strlen(quote), &f->err),
	                 IV_ERR_INVALID);
	assert_non_null(strstr(f->err.buf, "malformed CSV"));
	iv_mapping_free(m);
}

static void expect_mapping_error(const char *yaml, const char *fragment)
{
	struct iv_mapping *m = NULL;
	struct iv_buf err = IV_BUF_INIT;

	assert_int_equal(iv_mapping_parse("m.yml", yaml, strlen(yaml), &m, &err), IV_ERR_INVALID);
	assert_null(m);
	if (!strstr(err.buf, fragment))
		fail_msg("expected '%s' in '%s'", fragment, err.buf);
	iv_buf_release(&err);
}

static void test_mapping_errors(void **state)
{
	(void)state;
	expect_mapping_error("entities:\n  p:\n    schema: Persn\n    keys: [id]\n",
	                     "m.yml:3:13: p: unknown schema");
	expect_mapping_error("entities:\n  p:\n    schema: Person\n", "needs keys");
	expect_mapping_error(
	        "entities:\n  p:\n    schema: Person\n    keys: [id]\n    properties:\n"
	        "      name: {column: a, literal: b}\n",
	        "exactly one of");
	expect_mapping_error(
	        "entities:\n  p:\n    schema: Person\n    keys: [id]\n    properties:\n"
	        "      holder: {entity: q}\n",
	        "no property 'holder'");
	expect_mapping_error(
	        "entities:\n  p:\n    schema: Passport\n    keys: [id]\n    properties:\n"
	        "      holder: {entity: q}\n",
	        "entity 'q' is not mapped");
	expect_mapping_error("entities:\n  p:\n    schema: Person\n    keys: [id]\n"
	                     "    handling: {handling: X}\n",
	                     "handling 'X' is not P or C");
	expect_mapping_error("entities:\n  p:\n    schema: Person\n    keys: [id]\n"
	                     "    handling: {shade: red}\n",
	                     "'shade' is not an envelope field");
	expect_mapping_error("- a\n- b\n", "top level must be a mapping");
	expect_mapping_error("", "empty");
	expect_mapping_error("entities: {a: [1, 2}\n", "malformed YAML");
	expect_mapping_error("filters: {a: b}\nentities: {}\n", "not supported");
	/* anchors and aliases: a self-reference and an alias bomb are refused */
	expect_mapping_error("&a\nqueries:\n  - *a\n", "anchors and aliases are not supported");
	expect_mapping_error("x: &p {schema: Person, keys: [id]}\nentities: {a: *p, b: *p}\n",
	                     "anchors and aliases are not supported");
	expect_mapping_error("entities:\n  p: {schema: Person, keys: [id]}\nentities:\n"
	                     "  q: {schema: Company, keys: [id]}\n",
	                     "'entities' is given twice");
	expect_mapping_error(
	        "entities:\n  p:\n    schema: Person\n    keys: [id]\n    properties:\n"
	        "      name: {literal: a, literals: [b]}\n",
	        "not both");
	expect_mapping_error(
	        "entities:\n  p:\n    schema: Person\n    keys: [id]\n    properties:\n"
	        "      name: {literal: a, split: ';'}\n",
	        "split goes with column");
	expect_mapping_error(
	        "queries:\n  - dataset: x\n    entities: {p: {schema: Person, keys: [id]}}\n",
	        "'dataset' is not a known key");
}

/* A query's handling applies to its own entities only. */
static void test_query_handling_scope(void **state)
{
	struct fixture *f = *state;
	struct iv_mapping *m = NULL;
	const char yaml[] =
	        "queries:\n"
	        "  - handling: {tlp: RED, classification: SECRET}\n"
	        "    entities: {p: {schema: Person, keys: [id], properties: {name: {column: n}}}}\n"
	        "  - handling: {tlp: CLEAR}\n"
	        "    entities: {c: {schema: Company, keys: [id], key_literal: c,\n"
	        "                   properties: {name: {column: n}}}}\n";
	const char csv[] = "id,n\n1,Ali\n";
	struct seen seen;
	struct iv_hasher h;
	unsigned char digest[IV_HASH_BYTES];
	char id[IV_HASH_HEX];

	assert_int_equal(iv_mapping_parse("m.yml", yaml, strlen(yaml), &m, &f->err), IV_OK);
	assert_int_equal(iv_ingest_csv_buffer(f->in, m, csv, strlen(csv), &f->err), IV_OK);
	iv_hasher_init(&h);
	iv_hasher_field(&h, "");
	iv_hasher_field(&h, "1");
	iv_hasher_final(&h, digest);
	iv_hash_hex(digest, id);
	commit_and_read(f, id, &seen);
	assert_int_equal(seen.n, 1);
	assert_int_equal(seen.h[0].classification, IV_CLASS_SECRET);
	iv_mapping_free(m);
}

/* A line without datasets goes to the file's dataset whatever came before. */
static void test_default_dataset_is_stable(void **state)
{
	struct fixture *f = *state;
	struct iv_ingest_report r;

	assert_int_equal(line(f,
	                      "{\"id\":\"a\",\"schema\":\"Person\",\"datasets\":[\"partner\"],"
	                      "\"properties\":{\"name\":[\"A\"]}}",
	                      1),
	                 IV_OK);
	assert_int_equal(line(f,
	                      "{\"id\":\"b\",\"schema\":\"Person\",\"properties\":{\"name\":"
	                      "[\"B\"]}}",
	                      2),
	                 IV_OK);
	iv_ingest_report_get(f->in, &r);
	assert_string_equal(r.dataset, "test"); /* test.jsonl, not "partner" */
}

/* An unclosed quote is stopped at the record cap, not after the whole file. */
static void test_open_quote_capped(void **state)
{
	struct fixture *f = *state;
	struct iv_ingest_opts o;
	struct iv_ingest *in = NULL;
	struct iv_mapping *m = NULL;
	struct iv_buf csv = IV_BUF_INIT;

	iv_ingest_opts_init(&o);
	o.max_record = 4096;
	assert_int_equal(iv_mapping_parse("m.yml", mapping_yaml, strlen(mapping_yaml), &m, NULL),
	                 IV_OK);
	assert_int_equal(iv_ingest_new(f->st, "q.csv", &o, &in, NULL), IV_OK);
	assert_int_equal(iv_buf_adds(&csv, "id,given,family,phone,doc\n1,\"open"), IV_OK);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(iv_buf_adds(&csv, "\nmore text in the open quote"), IV_OK);
	assert_int_equal(iv_ingest_csv_buffer(in, m, csv.buf, csv.len, &f->err), IV_ERR_TOOBIG);
	assert_non_null(strstr(f->err.buf, "q.csv:2:1: record longer than 4096 bytes"));
	iv_buf_release(&csv);
	iv_ingest_free(in);
	iv_mapping_free(m);
}

static void test_aleph_wrapper(void **state)
{
	struct iv_mapping *m = NULL;
	const char yaml[] = "my_dataset:\n"
	                    "  queries:\n"
	                    "    - csv_url: file:///x.csv\n"
	                    "      entities:\n"
	                    "        p:\n"
	                    "          schema: Person\n"
	                    "          keys: [id]\n"
	                    "          properties:\n"
	                    "            name: {column: name}\n";
	(void)state;
	assert_int_equal(iv_mapping_parse("m.yml", yaml, strlen(yaml), &m, NULL), IV_OK);
	iv_mapping_free(m);
}

/*
 * The dangling count survives the pruning of the reference set (it drops
 * the ids that exist every 16,384 new ones): 50,000 passports each after
 * its holder, one in 1,000 naming a holder nobody writes, and one in 5,000
 * naming a holder the file writes only at its end.  Once line by line, once
 * as a file through the two-thread pipeline.
 */
#define REFS_LINES 50000

/* One line: to the file when there is one, else straight into the fixture's ingest. */
static void refs_line(FILE *out, struct fixture *f, const char *text)
{
	if (out)
		fprintf(out, "%s\n", text);
	else
		assert_int_equal(iv_ingest_ftm_line(f->in, text, strlen(text), 0, &f->err), IV_OK);
}

static void refs_file(FILE *out, struct fixture *f)
{
	char text[256];

	for (int i = 0; i < REFS_LINES; i++) {
		const char *holder = i % 1000 == 7   ? "p-missing-"
		                     : i % 5000 == 3 ? "p-late-"
		                                     : "p-";

		snprintf(text, sizeof(text),
		         "{\"id\":\"p-%d\",\"schema\":\"Person\",\"properties\":{\"name\":[\"P "
		         "%d\"]}}",
		         i, i);
		refs_line(out, f, text);
		snprintf(text, sizeof(text),
		         "{\"id\":\"d-%d\",\"schema\":\"Passport\",\"properties\":{\"holder\":[\"%"
		         "s%d\"],"
		         "\"number\":[\"X%d\"]}}",
		         i, holder, i, i);
		refs_line(out, f, text);
	}
	for (int i = 3; i < REFS_LINES; i += 5000) {
		snprintf(
		        text, sizeof(text),
		        "{\"id\":\"p-late-%d\",\"schema\":\"Person\",\"properties\":{\"name\":[\"L "
		        "%d\"]}}",
		        i, i);
		refs_line(out, f, text);
	}
}

static void test_dangling_after_pruning(void **state)
{
	struct fixture *f = *state;
	struct iv_ingest_report rep;
	struct iv_ingest_opts o;
	struct iv_store *st = NULL;
	char path[] = "/tmp/test_ingest_refs.XXXXXX";
	int fd = mkstemp(path);
	FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;

	/* line by line: the writer is this thread */
	refs_file(NULL, f);
	assert_int_equal(iv_ingest_finish(f->in, &f->err), IV_OK);
	iv_ingest_report_get(f->in, &rep);
	assert_int_equal(rep.dangling, REFS_LINES / 1000);

	/* a file: the store's thread notes the references */
	assert_non_null(out);
	refs_file(out, NULL);
	assert_int_equal(fclose(out), 0);
	iv_ingest_opts_init(&o);
	o.format = IV_FORMAT_FTM;
	assert_int_equal(iv_store_open(":memory:", IV_STORE_CREATE, &st, NULL), IV_OK);
	memset(&rep, 0, sizeof(rep));
	assert_int_equal(iv_ingest_file(st, path, &o, &rep, &f->err), IV_OK);
	assert_int_equal(rep.dangling, REFS_LINES / 1000);
	assert_int_equal(rep.records, 2 * REFS_LINES + REFS_LINES / 5000);
	iv_store_close(st);
	unlink(path);
}

/* Every allocation of a whole ingest may fail: the result is an error, never a crash or leak. */
static void test_allocation_failures(void **state)
{
	const char csv[] = "id,given,family,phone,doc\n1,Rebin,Ahmadi,07911 123456,X1\n";
	const char ftm[] = "{\"id\":\"e\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A B\"],"
	                   "\"phone\":[\"+447911123456\"]},\"handling\":{\"grade\":\"1A\"}}";
	unsigned long n;
	int successes = 0;

	(void)state;
	for (n = 1; n < 5000 && successes == 0; n++) {
		struct iv_store *st = NULL;
		struct iv_ingest *in = NULL;
		struct iv_mapping *m = NULL;
		struct iv_ingest_opts o;
		enum iv_err rc;

		iv_ingest_opts_init(&o);
		if (iv_store_open(":memory:", IV_STORE_CREATE, &st, NULL))
			fail_msg("cannot open a store");
		iv_alloc_fail_after(n);
		rc = iv_store_begin(st, NULL);
		if (!rc)
			rc = iv_ingest_new(st, "a.csv", &o, &in, NULL);
		if (!rc)
			rc = iv_mapping_parse("m.yml", mapping_yaml, strlen(mapping_yaml), &m,
			                      NULL);
		if (!rc)
			rc = iv_ingest_csv_buffer(in, m, csv, strlen(csv), NULL);
		if (!rc)
			rc = iv_ingest_ftm_line(in, ftm, strlen(ftm), 1, NULL);
		if (!rc)
			rc = iv_ingest_finish(in, NULL);
		if (!rc)
			rc = iv_store_commit(st, NULL);
		iv_alloc_fail_after(0);
		if (!rc)
			successes++;
		else
			assert_true(rc == IV_ERR_NOMEM || rc == IV_ERR_DB || rc == IV_ERR_TOOBIG);
		iv_ingest_free(in);
		iv_mapping_free(m);
		iv_store_close(st);
	}
	assert_int_equal(successes, 1);
	assert_true(n > 20); /* the loop really did fail allocations on the way */
}

/*
 * Whether err says where and what: "NAME:LINE:COL: " and something after
 * it.  A message that does not begin with NAME: (the store or the file
 * failed before any line) need only be non-empty.
 */
static void expect_placed_message(const struct iv_buf *err, const char *name, uint64_t lineno,
                                  unsigned long n)
{
	char prefix[128];
	const char *p;

	if (err->len == 0)
		fail_msg("allocation %lu: an error with no message", n);
	if (err->len >= 2 && !strcmp(err->buf + err->len - 2, ": "))
		fail_msg("allocation %lu: nothing after the last ':' in '%s'", n, err->buf);
	snprintf(prefix, sizeof(prefix), "%s:", name);
	if (strncmp(err->buf, prefix, strlen(prefix)))
		return;
	p = err->buf + strlen(prefix);
	if (!lineno && (*p < '0' || *p > '9'))
		return; /* "NAME: message" */
	if (lineno) {
		snprintf(prefix, sizeof(prefix), "%llu:", (unsigned long long)lineno);
		if (strncmp(p, prefix, strlen(prefix)))
			fail_msg("allocation %lu: '%s' is not placed at line %llu", n, err->buf,
			         (unsigned long long)lineno);
		p += strlen(prefix);
	} else {
		p += strspn(p, "0123456789");
		if (*p++ != ':')
			fail_msg("allocation %lu: '%s' has no line", n, err->buf);
	}
	if (*p < '1' || *p > '9')
		fail_msg("allocation %lu: '%s' has no column", n, err->buf);
	p += strspn(p, "0123456789");
	if (strncmp(p, ": ", 2) || !p[2] || p[2] == ' ')
		fail_msg("allocation %lu: nothing after the position in '%s'", n, err->buf);
}

/* An ingest of `name` into a fresh in-memory store, inside its transaction. */
static void open_ingest(const char *name, struct iv_store **st, struct iv_ingest **in)
{
	struct iv_ingest_opts o;

	iv_ingest_opts_init(&o);
	*st = NULL;
	*in = NULL;
	if (iv_store_open(":memory:", IV_STORE_CREATE, st, NULL) || iv_store_begin(*st, NULL) ||
	    iv_ingest_new(*st, name, &o, in, NULL))
		fail_msg("cannot set up an ingest");
}

/* Undo and close what open_ingest made. */
static void close_ingest(struct iv_store *st, struct iv_ingest *in)
{
	iv_ingest_free(in);
	iv_store_rollback(st);
	iv_store_close(st);
}

/*
 * Every allocation of reading a line may fail, for good lines and bad: each
 * error still says where and what ("test.jsonl:LINE:COL: " and a message,
 * "out of memory" when there was no memory for more), never the position
 * alone.  The caller's err has room already, as it would after an earlier
 * message; the reader's own messages need memory that may be refused.
 */
static void test_ftm_errors_under_allocation_failure(void **state)
{
	static const char *const lines[] = {
	        "{\"id\":\"e\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A B\"],\"phone\":"
	        "[\"+447911123456\"],\"birthDate\":[\"1970\"]},\"handling\":{\"grade\":\"1A\","
	        "\"releasable_to\":[\"FR\",\"DE\"]},\"datasets\":[\"ds\"],\"first_seen\":"
	        "\"2024-01-02T03:04:05Z\"}",
	        "{\"id\":\"e\",\"schema\":\"Persn\"}",
	        "{\"id\":\"e\",\"schema\":\"Person\",\"properties\":{\"shoeSize\":[\"44\"]}}",
	        "{\"id\":\"e\",\"schema\":\"Person\",\"properties\":{\"name\":[true]}}",
	        "{\"id\":\"e\",\"schema\":\"Person\",\"handling\":{\"grade\":\"4F\"}}",
	        "{\"id\":\"e\",\"schema\":\"Person\",\"handling\":{\"colour\":\"red\"}}",
	        "{\"id\":\"e\",\"schema\":\"Person\",\"handling\":{\"handling\":\"C\"}}",
	        "{\"id\":\"e\",\"schema\":\"Person\",\"last_seen\":\"soon\"}",
	        "{\"id\":\"e\",\"schema\":\"Person\",\"datasets\":[\"\"]}",
	        "{\"id\":\"x\\u001by\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A\"]}}",
	        "{\"id\":\"e\",\"schema\":",
	};
	struct iv_buf err = IV_BUF_INIT;
	unsigned long runs = 0;

	(void)state;
	assert_int_equal(iv_buf_grow(&err, 1024), IV_OK);
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		bool hit = true;

		for (unsigned long n = 1; hit; n++) {
			struct iv_store *st;
			struct iv_ingest *in;
			enum iv_err rc;

			open_ingest("test.jsonl", &st, &in);
			iv_buf_reset(&err);
			iv_alloc_fail_after(n);
			rc = iv_ingest_ftm_line(in, lines[i], strlen(lines[i]), i + 1, &err);
			hit = iv_alloc_count() >= n;
			iv_alloc_fail_after(0);
			if (rc)
				expect_placed_message(&err, "test.jsonl", i + 1, n);
			close_ingest(st, in);
			runs++;
		}
	}
	iv_buf_release(&err);
	assert_true(runs > 40); /* allocations really were refused on the way */
}

/* The same for CSV rows: "NAME:LINE:COL: entity.property: " is followed by what. */
static void test_csv_errors_under_allocation_failure(void **state)
{
	const char csv[] = "id,given,family,phone,doc\n1,Rebin,Ahmadi,07911 123456,X1\n";
	struct iv_buf err = IV_BUF_INIT;
	bool hit = true;
	unsigned long n;

	(void)state;
	assert_int_equal(iv_buf_grow(&err, 1024), IV_OK);
	for (n = 1; hit; n++) {
		struct iv_store *st;
		struct iv_ingest *in;
		struct iv_mapping *m = NULL;
		enum iv_err rc;

		open_ingest("test.csv", &st, &in);
		if (iv_mapping_parse("m.yml", mapping_yaml, strlen(mapping_yaml), &m, NULL))
			fail_msg("cannot parse the mapping");
		iv_buf_reset(&err);
		iv_alloc_fail_after(n);
		rc = iv_ingest_csv_buffer(in, m, csv, strlen(csv), &err);
		hit = iv_alloc_count() >= n;
		iv_alloc_fail_after(0);
		if (rc)
			expect_placed_message(&err, "test.csv", 0, n);
		iv_mapping_free(m);
		close_ingest(st, in);
	}
	iv_buf_release(&err);
	assert_true(n > 20);
}

/*
 * The same through a whole file and the two-thread pipeline: the reader's
 * thread and the store's each place their errors, and a store error (the
 * second line makes a Person a Vessel) is placed at its line and column.
 */
static void test_ftm_file_errors_under_allocation_failure(void **state)
{
	const char text[] =
	        "{\"id\":\"p1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A B\"]}}\n"
	        "{\"id\":\"p1\",\"schema\":\"Vessel\",\"properties\":{\"name\":[\"Boat\"]}}\n";
	char path[] = "/tmp/test_ingest_oom.XXXXXX";
	int fd = mkstemp(path);
	struct iv_buf err = IV_BUF_INIT;
	unsigned long n;
	bool hit = true;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	assert_int_equal(iv_buf_grow(&err, 1024), IV_OK);
	for (n = 1; hit; n++) {
		struct iv_store *st = NULL;
		struct iv_ingest_report report;
		struct iv_ingest_opts o;
		enum iv_err rc;

		iv_ingest_opts_init(&o);
		o.format = IV_FORMAT_FTM;
		if (iv_store_open(":memory:", IV_STORE_CREATE, &st, NULL))
			fail_msg("cannot open a store");
		iv_buf_reset(&err);
		iv_alloc_fail_after(n);
		rc = iv_ingest_file(st, path, &o, &report, &err);
		hit = iv_alloc_count() >= n;
		iv_alloc_fail_after(0);
		assert_int_not_equal(rc, IV_OK);
		expect_placed_message(&err, path, 0, n);
		/* the lines are short: memory running out is not a line over the limit */
		if (strstr(err.buf, "longer than"))
			fail_msg("allocation %lu: '%s'", n, err.buf);
		if (!hit && !strstr(err.buf, ":2:"))
			fail_msg("without a refused allocation: '%s'", err.buf);
		iv_store_close(st);
	}
	unlink(path);
	iv_buf_release(&err);
	assert_true(n > 20);
}

/* ---- mappings and manifests under allocation failure ---------------------- */

/* A fresh folder for a test's files, under $IV_TEST_TMP (or /tmp). */
static void make_temp_dir(char *dir, size_t size)
{
	const char *tmp = getenv("IV_TEST_TMP");

	snprintf(dir, size, "%s/test_ingest.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		fail_msg("cannot make a folder in %s", tmp && *tmp ? tmp : "/tmp");
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "wb");
	if (!fp || fwrite(text, 1, strlen(text), fp) != strlen(text) || fclose(fp))
		fail_msg("cannot write %s", path);
}

static void remove_file(const char *dir, const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
}

/* s with every "LONG" replaced by `long_text`; caller frees. */
static char *with_long_text(const char *s, const char *long_text)
{
	struct iv_buf out = IV_BUF_INIT;
	const char *hit;

	while ((hit = strstr(s, "LONG"))) {
		if (iv_buf_add(&out, s, (size_t)(hit - s)) || iv_buf_addf(&out, "%s", long_text))
			fail_msg("out of memory building a test case");
		s = hit + 4;
	}
	if (iv_buf_addf(&out, "%s", s))
		fail_msg("out of memory building a test case");
	return iv_buf_detach(&out, NULL);
}

/* Text longer than an arena block: copying it is always an allocation of its own. */
static char *long_text(char c)
{
	char *s = malloc(70001);

	assert_non_null(s);
	memset(s, c, 70000);
	s[70000] = '\0';
	return s;
}

/*
 * What a call that had an allocation refused (allocation n) may give: what
 * it gives with all the memory it wants (want_rc and want_msg), word for
 * word, or IV_ERR_NOMEM saying "out of memory".  Never a user error that
 * the input did not earn, never a message that is empty or ends in ": ".
 */
static void expect_same_or_nomem(enum iv_err rc, const struct iv_buf *err, enum iv_err want_rc,
                                 const char *want_msg, unsigned long n)
{
	if (rc == want_rc && (rc == IV_OK || !strcmp(err->buf, want_msg)))
		return;
	if (rc != IV_ERR_NOMEM)
		fail_msg("allocation %lu: %s '%s', expected %s '%s' or nomem", n, iv_err_name(rc),
		         err->buf, iv_err_name(want_rc), want_msg);
	if (err->len == 0)
		fail_msg("allocation %lu: out of memory with no message", n);
	if (err->len >= 2 && !strcmp(err->buf + err->len - 2, ": "))
		fail_msg("allocation %lu: nothing after the last ':' in '%s'", n, err->buf);
	if (!strstr(err->buf, "out of memory"))
		fail_msg("allocation %lu: nomem, but the message says '%s'", n, err->buf);
}

/*
 * Make allocation n fail (0: none): with every one after it when `once` is
 * false, alone (memory short for a moment) when it is true.
 */
static void fail_allocation(unsigned long n, bool once)
{
	if (once)
		iv_alloc_fail_once(n);
	else
		iv_alloc_fail_after(n);
}

/*
 * The mapping in yaml (named name; read from the file name when from_file),
 * parsed with every allocation failing in turn, in both ways; runs made.
 */
static unsigned long parse_mapping_failing(const char *name, const char *yaml, bool from_file)
{
	struct iv_mapping *m = NULL;
	struct iv_buf err = IV_BUF_INIT;
	enum iv_err want_rc;
	char *want_msg;
	bool hit = true;
	unsigned long n;

	assert_int_equal(iv_buf_grow(&err, 1 << 18), IV_OK);
	want_rc = from_file ? iv_mapping_load(name, &m, &err)
	                    : iv_mapping_parse(name, yaml, strlen(yaml), &m, &err);
	want_msg = strdup(err.buf);
	assert_non_null(want_msg);
	iv_mapping_free(m);
	for (n = 1; hit; n++) {
		for (int once = 0; once < 2; once++) {
			enum iv_err rc;

			m = NULL;
			iv_buf_reset(&err);
			fail_allocation(n, once);
			rc = from_file ? iv_mapping_load(name, &m, &err)
			               : iv_mapping_parse(name, yaml, strlen(yaml), &m, &err);
			hit = iv_alloc_count() >= n;
			iv_alloc_fail_after(0);
			expect_same_or_nomem(rc, &err, want_rc, want_msg, n);
			if (rc)
				assert_null(m);
			iv_mapping_free(m);
		}
	}
	free(want_msg);
	iv_buf_release(&err);
	return n;
}

/*
 * Every allocation of loading a mapping may fail, for good mappings and
 * bad: the result is the mapping, the mapping's own error word for word,
 * or IV_ERR_NOMEM saying "out of memory" after its position.  The long
 * handling texts are longer than an arena block, so that copying each is
 * an allocation that can fail.  Allocations fail from the nth on, and the
 * nth alone.
 */
static void test_mapping_under_allocation_failure(void **state)
{
	static const char good[] = "dataset: debriefs\n"
	                           "phone_region: GB\n"
	                           "handling: {grade: 2B, handling: C, conditions: LONG}\n"
	                           "entities:\n"
	                           "  migrant:\n"
	                           "    schema: Person\n"
	                           "    keys: [id]\n"
	                           "    handling: {subject: victim, descriptor: LONG}\n"
	                           "    properties:\n"
	                           "      name: {columns: [given, family], join: ' '}\n"
	                           "      phone: {column: phone, split: ';', handling: {grade: 1A, "
	                           "originator: LONG}}\n"
	                           "      nationality: {literal: IQ}\n"
	                           "queries:\n"
	                           "  - handling: {compartment: LONG, releasable_to: [FR, DE]}\n"
	                           "    entities:\n"
	                           "      passport:\n"
	                           "        schema: Passport\n"
	                           "        keys: [doc]\n"
	                           "        key_literal: passport\n"
	                           "        properties:\n"
	                           "          holder: {entity: migrant}\n"
	                           "          number: {column: doc}\n";
	static const char *const bad[] = {
	        "entities:\n  p:\n    schema: Person\n    keys: [id]\n    handling: {grade: 9Z}\n",
	        "entities:\n  p:\n    schema: Person\n    keys: [id]\n    handling: {colour: "
	        "red}\n",
	        "handling: {conditions: LONG, tlp: [LONG]}\n"
	        "entities:\n  p:\n    schema: Person\n    keys: [id]\n",
	        "entities:\n  p:\n    schema: Person\n    keys: [id]\n    colour: red\n",
	        "entities:\n  p:\n    schema: Person\n    schema: Person\n    keys: [id]\n",
	        "entities:\n  p:\n    schema: Person\n    keys: [id]\n    properties:\n"
	        "      shoeSize: {column: size}\n",
	        "entities:\n  p:\n    schema: Person\n    keys: [id]\n    properties:\n"
	        "      name: {column: name, handling: {grade: 2B, classification: LONG}}\n",
	};
	char *text = long_text('c'), *yaml;
	char dir[256], path[512];
	unsigned long runs = 0;

	(void)state;
	yaml = with_long_text(good, text);
	runs += parse_mapping_failing("m.yml", yaml, false);
	make_temp_dir(dir, sizeof(dir));
	write_file(dir, "m.yml", yaml);
	snprintf(path, sizeof(path), "%s/m.yml", dir);
	runs += parse_mapping_failing(path, NULL, true);
	remove_file(dir, "m.yml");
	rmdir(dir);
	iv_free(yaml);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		yaml = with_long_text(bad[i], text);
		runs += parse_mapping_failing("m.yml", yaml, false);
		iv_free(yaml);
	}
	free(text);
	assert_true(runs > 30); /* allocations really were refused on the way */
}

/* The manifest at dir/manifest.json into a fresh store, allocation n failing (fail_allocation). */
static enum iv_err load_manifest(const char *dir, unsigned long n, bool once, bool *hit,
                                 struct iv_buf *err)
{
	struct iv_store *st = NULL;
	struct iv_ingest_opts o;
	char path[512];
	enum iv_err rc;

	iv_ingest_opts_init(&o);
	snprintf(path, sizeof(path), "%s/manifest.json", dir);
	if (iv_store_open(":memory:", IV_STORE_CREATE, &st, NULL))
		fail_msg("cannot open a store");
	iv_buf_reset(err);
	fail_allocation(n, once);
	rc = iv_ingest_manifest(st, path, &o, NULL, NULL, err);
	*hit = n && iv_alloc_count() >= n;
	iv_alloc_fail_after(0);
	iv_store_close(st);
	return rc;
}

/* The manifest at dir/manifest.json loaded with every allocation failing in turn, both ways; runs
 * made. */
static unsigned long load_manifest_failing(const char *dir)
{
	struct iv_buf err = IV_BUF_INIT;
	enum iv_err want_rc;
	char *want_msg;
	bool hit = true;
	unsigned long n;

	assert_int_equal(iv_buf_grow(&err, 1 << 18), IV_OK);
	want_rc = load_manifest(dir, 0, false, &hit, &err);
	want_msg = strdup(err.buf);
	assert_non_null(want_msg);
	for (n = 1; hit || n == 1; n++) {
		for (int once = 0; once < 2; once++) {
			enum iv_err rc = load_manifest(dir, n, once, &hit, &err);

			expect_same_or_nomem(rc, &err, want_rc, want_msg, n);
		}
	}
	free(want_msg);
	iv_buf_release(&err);
	return n;
}

/*
 * Every allocation of loading a data package may fail: a CSV source with a
 * mapping, a dataset, a phone region and a handling block, and manifests
 * that are wrong in their handling or keys or name a column the file lacks.  The result is what the
 * package gives with all the memory it wants, or IV_ERR_NOMEM saying "out
 * of memory": never a user error such as "a CSV file needs a mapping" for
 * a mapping path that could not be copied.  The mapping path of the last
 * manifest (a folder named 35,000 times: too long to open) and the long
 * conditions are longer than an arena block, so copying them is an
 * allocation of its own.  Allocations fail from the nth on, and the nth
 * alone.
 */
static void test_manifest_under_allocation_failure(void **state)
{
	static const char mapping[] = "handling: {grade: 2B, handling: C, conditions: 'UK only'}\n"
	                              "entities:\n"
	                              "  migrant:\n"
	                              "    schema: Person\n"
	                              "    keys: [id]\n"
	                              "    handling: {subject: victim}\n"
	                              "    properties:\n"
	                              "      name: {columns: [given, family], join: ' '}\n"
	                              "      phone: {column: phone, handling: {grade: 1A}}\n";
	static const char csv[] = "id,given,family,phone\n1,Rebin,Ahmadi,07911 123456\n";
	/* a column the file does not have */
	static const char size_mapping[] = "entities:\n  p:\n    schema: Person\n    keys: [id]\n"
	                                   "    properties:\n      height: {column: size}\n";
	static const char *const manifests[] = {
	        "{\"manifest_version\": 1, \"sources\": [{\"file\": \"a.csv\", \"format\": "
	        "\"csv\", "
	        "\"mapping\": \"m.yml\", \"dataset\": \"debriefs\", \"phone_region\": \"GB\", "
	        "\"date_order\": \"dmy\", \"handling\": {\"grade\": \"2B\", \"conditions\": "
	        "\"LONG\", "
	        "\"releasable_to\": [\"FR\", \"DE\"]}}]}",
	        "{\"manifest_version\": 1, \"sources\": [{\"file\": \"a.csv\", \"mapping\": "
	        "\"m.yml\", \"handling\": {\"grade\": \"9Z\"}}]}",
	        "{\"manifest_version\": 1, \"sources\": [{\"file\": \"a.csv\", \"mapping\": "
	        "\"m.yml\", \"handling\": {\"colour\": \"red\"}}]}",
	        "{\"manifest_version\": 1, \"sources\": [{\"file\": \"a.csv\", \"mapping\": "
	        "\"m.yml\", \"colour\": \"red\"}]}",
	        "{\"manifest_version\": 1, \"sources\": [{\"file\": \"a.csv\", \"mapping\": "
	        "\"size.yml\"}]}",
	        "{\"manifest_version\": 1, \"sources\": [{\"file\": \"a.csv\", \"mapping\": "
	        "\"LONG\", \"format\": \"csv\"}]}",
	};
	char *conditions = long_text('c');
	struct iv_buf far = IV_BUF_INIT; /* ./ 35,000 times, then m.yml */
	char dir[256];
	unsigned long runs = 0;

	(void)state;
	for (int i = 0; i < 35000; i++)
		assert_int_equal(iv_buf_addf(&far, "./"), IV_OK);
	assert_int_equal(iv_buf_addf(&far, "m.yml"), IV_OK);
	make_temp_dir(dir, sizeof(dir));
	write_file(dir, "a.csv", csv);
	write_file(dir, "m.yml", mapping);
	write_file(dir, "size.yml", size_mapping);
	for (size_t i = 0; i < sizeof(manifests) / sizeof(manifests[0]); i++) {
		char *text = with_long_text(
		        manifests[i],
		        i + 1 < sizeof(manifests) / sizeof(manifests[0]) ? conditions : far.buf);

		write_file(dir, "manifest.json", text);
		runs += load_manifest_failing(dir);
		iv_free(text);
	}
	remove_file(dir, "manifest.json");
	remove_file(dir, "a.csv");
	remove_file(dir, "m.yml");
	remove_file(dir, "size.yml");
	rmdir(dir);
	iv_buf_release(&far);
	free(conditions);
	assert_true(runs > 30);
}

/* Every envelope key and its other name sets its own field and bit; others are unknown. */
static void test_envelope_keys(void **state)
{
	static const struct {
		const char *key, *value;
		unsigned bit;
		size_t offset; /* of the text field, or (size_t)-1 for a coded one */
	} keys[] = {
	        {"grade", "2B", IV_HF_GRADE, (size_t)-1},
	        {"handling", "C", IV_HF_CODE, (size_t)-1},
	        {"code", "P", IV_HF_CODE, (size_t)-1},
	        {"classification", "SECRET", IV_HF_CLASSIFICATION, (size_t)-1},
	        {"subject", "victim", IV_HF_SUBJECT, (size_t)-1},
	        {"subject_category", "witness", IV_HF_SUBJECT, (size_t)-1},
	        {"conditions", "no onward", IV_HF_CONDITIONS,
	         offsetof(struct iv_handling, conditions)},
	        {"releasable_to", "FR", IV_HF_RELEASABLE,
	         offsetof(struct iv_handling, releasable_to)},
	        {"releasability", "NL", IV_HF_RELEASABLE,
	         offsetof(struct iv_handling, releasable_to)},
	        {"descriptor", "PERSONAL", IV_HF_DESCRIPTOR,
	         offsetof(struct iv_handling, descriptor)},
	        {"originator", "NCA", IV_HF_ORIGINATOR, offsetof(struct iv_handling, originator)},
	        {"compartment", "op-a", IV_HF_COMPARTMENT,
	         offsetof(struct iv_handling, compartment)},
	        {"operation", "op-b", IV_HF_COMPARTMENT, offsetof(struct iv_handling, compartment)},
	        {"retention_review", "2031-06-30", IV_HF_RETENTION,
	         offsetof(struct iv_handling, retention_review)},
	        {"europol", "H1", IV_HF_EUROPOL, offsetof(struct iv_handling, europol_code)},
	        {"europol_code", "H2", IV_HF_EUROPOL, offsetof(struct iv_handling, europol_code)},
	        {"tlp", "AMBER", IV_HF_TLP, offsetof(struct iv_handling, tlp)},
	        {"legacy_grade", "B2", IV_HF_LEGACY, offsetof(struct iv_handling, legacy_grade)},
	};
	struct iv_arena strings = IV_ARENA_INIT;
	struct iv_buf err = IV_BUF_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		struct iv_envelope_spec spec;

		memset(&spec, 0, sizeof(spec));
		assert_int_equal(iv_envelope_set(&spec, keys[i].key, keys[i].value, &strings, &err),
		                 IV_OK);
		assert_int_equal(spec.set, keys[i].bit);
		if (keys[i].offset != (size_t)-1)
			assert_string_equal(
			        *(const char **)(void *)((char *)&spec.h + keys[i].offset),
			        keys[i].value);
	}
	struct iv_envelope_spec spec;
	memset(&spec, 0, sizeof(spec));
	assert_int_equal(iv_envelope_set(&spec, "colour", "red", &strings, &err), IV_ERR_NOTFOUND);
	assert_int_equal(iv_envelope_set(&spec, "grade", "9Z", &strings, &err), IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "9Z"));
	assert_int_equal(spec.set, 0);
	iv_arena_release(&strings);
	iv_buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_envelope_keys),
	        cmocka_unit_test_setup_teardown(test_ftm_line_values_and_envelope, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_ftm_errors_name_line_and_column, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_ftm_error_columns, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_ftm_value_types, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_mapping_and_csv_rows, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_csv_envelope_precedence, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_cli_options_override_mapping_default, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_csv_errors, setup, teardown),
	        cmocka_unit_test(test_mapping_errors),
	        cmocka_unit_test(test_aleph_wrapper),
	        cmocka_unit_test_setup_teardown(test_query_handling_scope, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_default_dataset_is_stable, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_open_quote_capped, setup, teardown),
	        cmocka_unit_test(test_allocation_failures),
	        cmocka_unit_test(test_ftm_errors_under_allocation_failure),
	        cmocka_unit_test(test_ftm_file_errors_under_allocation_failure),
	        cmocka_unit_test(test_csv_errors_under_allocation_failure),
	        cmocka_unit_test(test_mapping_under_allocation_failure),
	        cmocka_unit_test(test_manifest_under_allocation_failure),
	        cmocka_unit_test_setup_teardown(test_dangling_after_pruning, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
