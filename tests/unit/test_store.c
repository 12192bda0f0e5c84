/*
 * test_store.c - the statement store (lib/store) on its SQLite backend:
 * opening and migrations, put/commit/rollback, idempotence, envelopes,
 * schema reconciliation, search (ranking, schema filter, FTS injection),
 * stats, iteration order, 63-bit key collisions, crash safety and
 * allocation failure.  Database files go to $IV_TEST_TMP (or /tmp).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "iv/schema.h"
#include "iv/store.h"
#include "store/sqlite_int.h"
#include "store/store_int.h"
#include "store_helpers.h"

#include "iv/util.h"

/* ---- helpers ---------------------------------------------------------------- */

static void db_path(char *out, size_t size, const char *name)
{
	const char *dir = getenv("IV_TEST_TMP");

	if (!dir || !*dir)
		dir = "/tmp";
	mkdir(dir, 0777);
	snprintf(out, size, "%s/test_store-%ld-%s.db", dir, (long)getpid(), name);
	remove_db(out);
}

static struct iv_store *open_new(const char *path)
{
	struct iv_buf err = IV_BUF_INIT;
	struct iv_store *st = NULL;
	enum iv_err rc = iv_store_open(path, IV_STORE_CREATE, &st, &err);

	if (rc)
		fail_msg("open %s: %s", path, err.buf);
	iv_buf_release(&err);
	return st;
}

static void put_simple(struct iv_store *st, const char *entity, const char *schema,
                       const char *prop, const char *value, const char *dataset)
{
	struct iv_statement s;

	mk(&s, entity, schema, prop, value, dataset, "test:1");
	put_ok(st, &s);
}

/* Statements as a callback saw them, copied. */
struct seen_stmt {
	char id[IV_HASH_HEX];
	const char *entity, *schema, *prop, *value, *original, *dataset, *record;
	int64_t first_seen, last_seen;
	unsigned flags;
	struct iv_handling h;
};

struct collect {
	struct iv_arena arena;
	size_t n;
	size_t stop_after; /* 0 = never */
	struct seen_stmt items[512];
};

static const char *keep(struct collect *c, const char *s)
{
	char *copy = iv_arena_strdup(&c->arena, s ? s : "(null)");

	assert_non_null(copy);
	return copy;
}

static enum iv_err collect_fn(void *ctx, const struct iv_statement *st)
{
	struct collect *c = ctx;
	struct seen_stmt *it;

	assert_true(c->n < sizeof(c->items) / sizeof(c->items[0]));
	it = &c->items[c->n++];
	memcpy(it->id, st->id, sizeof(it->id));
	it->entity = keep(c, st->entity);
	it->schema = keep(c, st->schema);
	it->prop = keep(c, st->property);
	it->value = keep(c, st->value);
	it->original = keep(c, st->original);
	it->dataset = keep(c, st->dataset);
	it->record = keep(c, st->source_record);
	it->first_seen = st->first_seen;
	it->last_seen = st->last_seen;
	it->flags = st->flags;
	it->h = st->handling;
	it->h.conditions = keep(c, st->handling.conditions);
	it->h.releasable_to = keep(c, st->handling.releasable_to);
	it->h.descriptor = keep(c, st->handling.descriptor);
	it->h.originator = keep(c, st->handling.originator);
	it->h.compartment = keep(c, st->handling.compartment);
	it->h.retention_review = keep(c, st->handling.retention_review);
	it->h.legacy_grade = keep(c, st->handling.legacy_grade);
	it->h.europol_code = keep(c, st->handling.europol_code);
	it->h.tlp = keep(c, st->handling.tlp);
	if (c->stop_after && c->n == c->stop_after)
		return IV_ERR_EXISTS; /* any error stops; this one is recognisable */
	return IV_OK;
}

static void collect_release(struct collect *c)
{
	iv_arena_release(&c->arena);
	c->n = 0;
}

static struct collect *collect_new(void)
{
	struct collect *c = calloc(1, sizeof(*c));

	assert_non_null(c);
	return c;
}

static void collect_free(struct collect *c)
{
	collect_release(c);
	free(c);
}

struct hits {
	size_t n;
	struct {
		char id[64];
		char schema[32];
		char caption[128];
		double score;
	} items[32];
};

static enum iv_err hit_fn(void *ctx, const struct iv_entity_hit *hit)
{
	struct hits *h = ctx;

	assert_true(h->n < sizeof(h->items) / sizeof(h->items[0]));
	iv_strlcpy(h->items[h->n].id, hit->id, sizeof(h->items[0].id));
	iv_strlcpy(h->items[h->n].schema, hit->schema, sizeof(h->items[0].schema));
	iv_strlcpy(h->items[h->n].caption, hit->caption, sizeof(h->items[0].caption));
	h->items[h->n].score = hit->score;
	h->n++;
	return IV_OK;
}

static int hit_index(const struct hits *h, const char *id)
{
	for (size_t i = 0; i < h->n; i++) {
		if (strcmp(h->items[i].id, id) == 0)
			return (int)i;
	}
	return -1;
}

static struct iv_store_stats stats_of(struct iv_store *st)
{
	struct iv_store_stats s;
	struct iv_buf err = IV_BUF_INIT;

	if (iv_store_stats(st, &s, NULL, NULL, &err))
		fail_msg("stats: %s", err.buf);
	iv_buf_release(&err);
	return s;
}

static bool exists(struct iv_store *st, const char *entity)
{
	bool yes = true;

	assert_int_equal(iv_store_entity_exists(st, entity, &yes, NULL), IV_OK);
	return yes;
}

/* A one-row text answer from the database file, read behind the store's back. */
static void raw_query(const char *path, const char *sql, char *out, size_t size)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	out[0] = '\0';
	if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
		iv_strlcpy(out, (const char *)sqlite3_column_text(q, 0), size);
	sqlite3_finalize(q);
	sqlite3_close(db);
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;

	assert_int_equal(
	        sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
	        SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* ---- opening ---------------------------------------------------------------- */

static void test_open_create_reopen(void **state)
{
	char path[512];
	struct iv_buf err = IV_BUF_INIT;
	struct iv_store *st = NULL;

	(void)state;
	db_path(path, sizeof(path), "open");
	assert_int_equal(iv_store_open(path, 0, &st, &err), IV_ERR_NOTFOUND);
	assert_null(st);
	assert_non_null(strstr(err.buf, path));

	st = open_new(path);
	begin_ok(st);
	put_simple(st, "p1", "Person", "name", "Anna", "ds");
	commit_ok(st);
	iv_store_close(st);

	/* reopen without CREATE; the data is there */
	assert_int_equal(iv_store_open(path, 0, &st, &err), IV_OK);
	assert_true(exists(st, "p1"));
	iv_store_close(st);

	/* read-only: reads work, writes are refused */
	assert_int_equal(iv_store_open(path, IV_STORE_READONLY, &st, &err), IV_OK);
	assert_true(exists(st, "p1"));
	assert_int_equal(stats_of(st).statements, 1);
	assert_int_equal(iv_store_begin(st, &err), IV_ERR_INVALID);
	iv_store_close(st);

	assert_int_equal(iv_store_open(path, IV_STORE_CREATE | IV_STORE_READONLY, &st, &err),
	                 IV_ERR_INVALID);
	assert_int_equal(iv_store_open("postgresql://localhost/invigor", 0, &st, &err),
	                 IV_ERR_INVALID);
	assert_string_equal(err.buf, "postgres backend not built yet");
	assert_null(st);
	iv_store_close(NULL);
	iv_buf_release(&err);
	remove_db(path);
}

static void test_migration_version(void **state)
{
	char path[512], answer[64];
	struct iv_buf err = IV_BUF_INIT;
	struct iv_store *st = NULL;

	(void)state;
	db_path(path, sizeof(path), "migrate");
	st = open_new(path);
	iv_store_close(st);
	raw_query(path, "SELECT value FROM meta WHERE key = 'version'", answer, sizeof(answer));
	assert_int_equal(atoi(answer), IV_STORE_VERSION);
	raw_query(path, "PRAGMA journal_mode", answer, sizeof(answer));
	assert_string_equal(answer, "wal");
	raw_query(path,
	          "SELECT count(*) FROM sqlite_master WHERE name IN ('statements', 'entities',"
	          " 'datasets', 'envelopes', 'fts', 'ingests',"
	          " 'statements_entity', 'statements_key')",
	          answer, sizeof(answer));
	assert_string_equal(answer, "8");
	raw_query(path, "PRAGMA page_size", answer, sizeof(answer));
	assert_string_equal(answer, SQLITE_PAGE_SIZE);

	/* reopening an up-to-date store migrates nothing and keeps the version */
	st = open_new(path);
	iv_store_close(st);
	raw_query(path, "SELECT value FROM meta WHERE key = 'version'", answer, sizeof(answer));
	assert_int_equal(atoi(answer), IV_STORE_VERSION);

	/* a version 5 store (res_links_b on b alone): read as it is when opened read-only,
	 * migrated by a read-write open; older ones a read-only open refuses, saying what to do */
	raw_exec(path, "DROP INDEX res_links_b; CREATE INDEX res_links_b ON res_links (b);"
	               "UPDATE meta SET value = '5' WHERE key = 'version'");
	assert_int_equal(iv_store_open(path, IV_STORE_READONLY, &st, &err), IV_OK);
	iv_store_close(st);
	raw_query(path, "SELECT value FROM meta WHERE key = 'version'", answer, sizeof(answer));
	assert_string_equal(answer, "5");
	raw_exec(path, "UPDATE meta SET value = '4' WHERE key = 'version'");
	assert_int_equal(iv_store_open(path, IV_STORE_READONLY, &st, &err), IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "open it once for writing"));
	raw_exec(path, "UPDATE meta SET value = '5' WHERE key = 'version'");
	st = open_new(path);
	iv_store_close(st);
	raw_query(path, "SELECT value FROM meta WHERE key = 'version'", answer, sizeof(answer));
	assert_int_equal(atoi(answer), IV_STORE_VERSION);
	raw_query(path, "SELECT sql FROM sqlite_master WHERE name = 'res_links_b'", answer,
	          sizeof(answer));
	assert_non_null(strstr(answer, "(b, kind)"));

	/* a store written by a newer invigor is refused, clearly */
	raw_exec(path, "UPDATE meta SET value = '99' WHERE key = 'version'");
	assert_int_equal(iv_store_open(path, 0, &st, &err), IV_ERR_INVALID);
	assert_null(st);
	assert_non_null(strstr(err.buf, "version 99"));
	assert_non_null(strstr(err.buf, "newer"));
	remove_db(path);

	/* an SQLite file that is something else is not taken over */
	raw_exec(path, "CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)");
	assert_int_equal(iv_store_open(path, IV_STORE_CREATE, &st, &err), IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "not an invigor store"));
	remove_db(path);

	/* a file that is not a database at all */
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	for (int i = 0; i < 64; i++)
		fputs("this is not an SQLite database, just text. ", fp);
	fclose(fp);
	assert_int_equal(iv_store_open(path, IV_STORE_CREATE, &st, &err),
	                 IV_ERR_INVALID); /* the caller named another file */
	assert_non_null(strstr(err.buf, path));
	iv_buf_release(&err);
	remove_db(path);
}

/* ---- writing and reading back ----------------------------------------------- */

static void test_put_commit_read_back(void **state)
{
	char path[512];
	struct iv_buf err = IV_BUF_INIT;
	struct collect *c = collect_new();
	struct iv_store_counts counts;
	struct iv_statement s1, s2;
	struct iv_store *st;

	(void)state;
	db_path(path, sizeof(path), "readback");
	st = open_new(path);
	begin_ok(st);

	mk(&s1, "p1", "Person", "name", "Anna Eriksson", "debriefs", "debriefs.csv:41");
	s1.original = "ERIKSSON, Anna";
	s1.first_seen = 1700000000;
	s1.last_seen = 1700000500;
	s1.handling.source_grade = '1';
	s1.handling.assessment = 'B';
	s1.handling.code = 'C';
	s1.handling.conditions = "Not for onward disclosure without originator's consent";
	s1.handling.releasable_to = "FR,BE,NCA";
	s1.handling.classification = IV_CLASS_SECRET;
	s1.handling.descriptor = "PERSONAL";
	s1.handling.originator = "Border Force";
	s1.handling.compartment = "Op KESTREL";
	s1.handling.subject = IV_SUBJECT_VICTIM;
	s1.handling.retention_review = "2031-06-30";
	s1.handling.legacy_grade = "B2 4";
	s1.handling.europol_code = "H2";
	s1.handling.tlp = "AMBER+STRICT";
	iv_statement_id(&s1, NULL);
	put_ok(st, &s1);

	mk(&s2, "p1", "Person", "birthDate", "1974-13-45", "debriefs", "debriefs.csv:41");
	s2.flags = IV_STMT_INVALID;
	put_ok(st, &s2);
	commit_ok(st);

	iv_store_counts(st, &counts);
	assert_int_equal(counts.statements_added, 2);
	assert_int_equal(counts.statements_skipped, 0);
	assert_int_equal(counts.entities_added, 1);
	iv_store_close(st);

	/* a fresh handle (empty caches) reads everything back */
	assert_int_equal(iv_store_open(path, IV_STORE_READONLY, &st, &err), IV_OK);
	assert_int_equal(iv_store_entity_statements(st, "p1", collect_fn, c, &err), IV_OK);
	assert_int_equal(c->n, 2);
	/* ordered by property: birthDate < name */
	struct seen_stmt *b = &c->items[0], *n = &c->items[1];
	assert_string_equal(b->prop, "birthDate");
	assert_string_equal(b->value, "1974-13-45");
	assert_string_equal(b->original, "1974-13-45"); /* same as value */
	assert_int_equal(b->flags, IV_STMT_INVALID);
	assert_string_equal(b->id, s2.id);
	assert_int_equal(b->h.source_grade, '2');
	assert_int_equal(b->h.code, 'P');

	assert_string_equal(n->id, s1.id);
	assert_string_equal(n->entity, "p1");
	assert_string_equal(n->schema, "Person");
	assert_string_equal(n->prop, "name");
	assert_string_equal(n->value, "Anna Eriksson");
	assert_string_equal(n->original, "ERIKSSON, Anna");
	assert_string_equal(n->dataset, "debriefs");
	assert_string_equal(n->record, "debriefs.csv:41");
	assert_int_equal(n->first_seen, 1700000000);
	assert_int_equal(n->last_seen, 1700000500);
	assert_int_equal(n->flags, 0);
	assert_int_equal(n->h.source_grade, '1');
	assert_int_equal(n->h.assessment, 'B');
	assert_int_equal(n->h.code, 'C');
	assert_string_equal(n->h.conditions, s1.handling.conditions);
	assert_string_equal(n->h.releasable_to, "FR,BE,NCA");
	assert_int_equal(n->h.classification, IV_CLASS_SECRET);
	assert_string_equal(n->h.descriptor, "PERSONAL");
	assert_string_equal(n->h.originator, "Border Force");
	assert_string_equal(n->h.compartment, "Op KESTREL");
	assert_int_equal(n->h.subject, IV_SUBJECT_VICTIM);
	assert_string_equal(n->h.retention_review, "2031-06-30");
	assert_string_equal(n->h.legacy_grade, "B2 4");
	assert_string_equal(n->h.europol_code, "H2");
	assert_string_equal(n->h.tlp, "AMBER+STRICT");

	/* one statement by id */
	collect_release(c);
	assert_int_equal(iv_store_statement_get(st, s1.id, collect_fn, c, &err), IV_OK);
	assert_int_equal(c->n, 1);
	assert_string_equal(c->items[0].value, "Anna Eriksson");
	assert_string_equal(c->items[0].h.tlp, "AMBER+STRICT");
	assert_int_equal(
	        iv_store_statement_get(st, "00000000000000000000000000000000", collect_fn, c, &err),
	        IV_ERR_NOTFOUND);
	assert_int_equal(iv_store_statement_get(st, "xyz", collect_fn, c, &err), IV_ERR_INVALID);
	assert_int_equal(c->n, 1);

	/* no statements for an unknown entity, and no error */
	collect_release(c);
	assert_int_equal(iv_store_entity_statements(st, "nobody", collect_fn, c, &err), IV_OK);
	assert_int_equal(c->n, 0);
	iv_store_close(st);
	collect_free(c);
	iv_buf_release(&err);
	remove_db(path);
}

static void test_put_refused(void **state)
{
	char path[512];
	struct iv_buf err = IV_BUF_INIT;
	struct iv_statement s;
	struct iv_store *st;

	(void)state;
	db_path(path, sizeof(path), "refused");
	st = open_new(path);
	mk(&s, "p1", "Person", "name", "Anna", "ds", "r1");
	assert_int_equal(iv_store_put(st, &s, &err), IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "outside a transaction"));
	assert_int_equal(iv_store_commit(st, &err), IV_ERR_INVALID);

	begin_ok(st);
	assert_int_equal(iv_store_begin(st, &err), IV_ERR_INVALID);
	mk(&s, "p1", "Starship", "name", "Anna", "ds", "r1");
	assert_int_equal(iv_store_put(st, &s, &err), IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "Starship"));
	mk(&s, "p1", "Person", "name", "Anna", "ds", "r1");
	s.handling.code = 'C'; /* without conditions */
	assert_int_equal(iv_store_put(st, &s, &err), IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "conditions"));
	mk(&s, "p1", "Person", "name", "Anna", "ds", "r1");
	s.id[5] = 'z';
	assert_int_equal(iv_store_put(st, &s, &err), IV_ERR_INVALID);
	mk(&s, "", "Person", "name", "Anna", "ds", "r1");
	assert_int_equal(iv_store_put(st, &s, &err), IV_ERR_INVALID);
	/* ids that would drive a terminal (ESC, DEL, C1 CSI) or are not UTF-8 */
	{
		static const char *const bad[] = {"p1\x1b[31m", "p1\x7f",
		                                  "p1\xc2\x9b"
		                                  "2J",
		                                  "p1\n", "p1\xff"};

		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			mk(&s, bad[i], "Person", "name", "Anna", "ds", "r1");
			assert_int_equal(iv_store_put(st, &s, &err), IV_ERR_INVALID);
			assert_non_null(strstr(err.buf, i == 4 ? "not UTF-8 (byte 3)"
			                                       : "control character (byte 3)"));
		}
		/* accents, other scripts and a non-breaking space (U+00A0, C2 A0) are text */
		mk(&s, "p-\xc3\xa9\xc2\xa0\xd8\xb9", "Person", "name", "Anna", "ds", "r1");
		put_ok(st, &s);
	}

	/* refused puts leave the transaction usable and add nothing */
	assert_false(exists(st, "p1"));
	put_simple(st, "p2", "Person", "name", "Bo", "ds");
	commit_ok(st);
	assert_int_equal(stats_of(st).statements, 2);
	iv_store_close(st);
	iv_buf_release(&err);
	remove_db(path);
}

static void test_idempotent(void **state)
{
	char path[512];
	struct iv_store_counts counts;
	struct collect *c = collect_new();
	struct iv_statement s;
	struct iv_store *st;

	(void)state;
	db_path(path, sizeof(path), "idem");
	st = open_new(path);
	begin_ok(st);
	mk(&s, "p1", "Person", "name", "Anna", "ds", "r1");
	put_ok(st, &s);
	put_ok(st, &s); /* twice in one batch */
	commit_ok(st);
	iv_store_counts(st, &counts);
	assert_int_equal(counts.statements_added, 1);
	assert_int_equal(counts.statements_skipped, 1);
	assert_int_equal(counts.entities_added, 1);

	/* again in a later transaction, seen over a wider time */
	begin_ok(st);
	s.first_seen = 500;
	s.last_seen = 2000;
	put_ok(st, &s);
	commit_ok(st);
	iv_store_counts(st, &counts);
	assert_int_equal(counts.statements_added, 0);
	assert_int_equal(counts.statements_skipped, 1);
	assert_int_equal(counts.entities_added, 0);

	/* and once more, seen inside the known time: nothing changes */
	begin_ok(st);
	s.first_seen = 1500;
	s.last_seen = 1500;
	put_ok(st, &s);
	commit_ok(st);

	assert_int_equal(iv_store_entity_statements(st, "p1", collect_fn, c, NULL), IV_OK);
	assert_int_equal(c->n, 1);
	assert_int_equal(c->items[0].first_seen, 500);
	assert_int_equal(c->items[0].last_seen, 2000);
	assert_int_equal(stats_of(st).statements, 1);
	iv_store_close(st);
	collect_free(c);
	remove_db(path);
}

static void test_rollback(void **state)
{
	char path[512];
	struct iv_store_counts counts;
	struct collect *c = collect_new();
	struct iv_store_stats s;
	struct iv_store *st;

	(void)state;
	db_path(path, sizeof(path), "rollback");
	st = open_new(path);
	begin_ok(st);
	put_simple(st, "keep", "Person", "name", "Kept", "ds1");
	commit_ok(st);

	begin_ok(st);
	put_simple(st, "p1", "Person", "name", "Anna", "ds2");
	put_simple(st, "keep", "Person", "alias", "Kay", "ds2");
	assert_true(exists(st, "p1")); /* pending entities are visible */
	/* a read inside the transaction sees its own pending statements */
	assert_int_equal(iv_store_entity_statements(st, "p1", collect_fn, c, NULL), IV_OK);
	assert_int_equal(c->n, 1);
	iv_store_rollback(st);
	iv_store_counts(st, &counts);
	assert_int_equal(counts.statements_added, 0);
	assert_int_equal(counts.entities_added, 0);

	assert_false(exists(st, "p1"));
	s = stats_of(st);
	assert_int_equal(s.statements, 1);
	assert_int_equal(s.entities, 1);
	assert_int_equal(s.datasets, 1);

	/* the handle works on after a rollback, with ids reused safely */
	begin_ok(st);
	put_simple(st, "p2", "Vessel", "name", "Sea Star", "ds3");
	commit_ok(st);
	assert_true(exists(st, "p2"));
	assert_false(exists(st, "p1"));

	/* closing with an open transaction rolls it back */
	begin_ok(st);
	put_simple(st, "p3", "Person", "name", "Cy", "ds3");
	iv_store_close(st);
	st = open_new(path);
	assert_false(exists(st, "p3"));
	assert_int_equal(stats_of(st).statements, 2);
	iv_store_rollback(st); /* no transaction: a no-op */
	iv_store_close(st);
	collect_free(c);
	remove_db(path);
}

struct schema_hit {
	char schema[32];
};

static enum iv_err schema_fn(void *ctx, const struct iv_entity_hit *hit)
{
	struct schema_hit *h = ctx;

	iv_strlcpy(h->schema, hit->schema, sizeof(h->schema));
	return IV_OK;
}

static const char *schema_of(struct iv_store *st, const char *entity, struct schema_hit *h)
{
	h->schema[0] = '\0';
	assert_int_equal(iv_store_entity_get(st, entity, schema_fn, h, NULL), IV_OK);
	return h->schema;
}

static void test_schema_reconcile(void **state)
{
	char path[512];
	struct iv_buf err = IV_BUF_INIT;
	struct schema_hit h;
	struct iv_statement s;
	struct iv_store *st;

	(void)state;
	db_path(path, sizeof(path), "reconcile");
	st = open_new(path);
	begin_ok(st);
	put_simple(st, "e1", "LegalEntity", "name", "Karim", "ds");
	assert_string_equal(schema_of(st, "e1", &h), "LegalEntity");
	put_simple(st, "e1", "Person", "birthDate", "1980-01-01", "ds");
	assert_string_equal(schema_of(st, "e1", &h), "Person");
	/* a less specific statement later keeps the more specific schema */
	put_simple(st, "e1", "LegalEntity", "phone", "+447700900123", "ds");
	assert_string_equal(schema_of(st, "e1", &h), "Person");
	put_simple(st, "v1", "Person", "name", "Sea Star", "ds");
	mk(&s, "v1", "Vessel", "flag", "fr", "ds", "r");
	assert_int_equal(iv_store_put(st, &s, &err), IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "Person"));
	assert_non_null(strstr(err.buf, "Vessel"));
	assert_non_null(strstr(err.buf, "v1"));
	commit_ok(st);
	iv_store_close(st);

	/* the recorded schema outlives the handle's cache */
	st = open_new(path);
	assert_string_equal(schema_of(st, "e1", &h), "Person");
	begin_ok(st);
	mk(&s, "e1", "Company", "name", "Karim Ltd", "ds", "r");
	iv_buf_reset(&err);
	assert_int_equal(iv_store_put(st, &s, &err), IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "Company"));
	assert_non_null(strstr(err.buf, "Person"));
	commit_ok(st);
	assert_int_equal(stats_of(st).statements, 4);
	assert_int_equal(iv_store_entity_get(st, "nobody", schema_fn, &h, &err), IV_ERR_NOTFOUND);
	iv_store_close(st);
	iv_buf_release(&err);
	remove_db(path);
}

/* Two handles on one file: each must notice what the other committed. */
static void test_two_handles(void **state)
{
	char path[512];
	struct iv_buf err = IV_BUF_INIT;
	struct schema_hit h;
	struct iv_statement s;
	struct iv_store *a, *b;

	(void)state;
	db_path(path, sizeof(path), "two");
	a = open_new(path);
	b = open_new(path);
	begin_ok(a);
	put_simple(a, "x", "LegalEntity", "name", "X", "ds");
	commit_ok(a);
	/* b learns x as a LegalEntity and keeps it in its cache */
	begin_ok(b);
	put_simple(b, "x", "LegalEntity", "alias", "Ex", "ds");
	commit_ok(b);
	/* a makes x a Person */
	begin_ok(a);
	put_simple(a, "x", "Person", "birthDate", "1980", "ds");
	commit_ok(a);
	/* b must see that: a Company would have fitted a LegalEntity, not a Person */
	begin_ok(b);
	mk(&s, "x", "Company", "jurisdiction", "fr", "ds", "r");
	assert_int_equal(iv_store_put(b, &s, &err), IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "Person"));
	commit_ok(b);
	assert_string_equal(schema_of(b, "x", &h), "Person");

	/* while one handle writes, the other cannot begin, and says why */
	begin_ok(a);
	sqlite3_busy_timeout(((struct iv_sqlite *)b)->db, 50);
	iv_buf_reset(&err);
	assert_int_equal(iv_store_begin(b, &err), IV_ERR_BUSY);
	assert_non_null(strstr(err.buf, "locked"));
	iv_store_rollback(a);
	begin_ok(b);
	commit_ok(b);
	iv_store_close(a);
	iv_store_close(b);
	iv_buf_release(&err);
	remove_db(path);
}

/*
 * A write that finds another connection's transaction open waits for it
 * (a judgement made while a batch resolve holds the lock goes through
 * after it), says so once after IV_STORE_WAIT_NOTICE_SECS, and a time
 * limit ends the wait.
 */
struct waiter {
	struct iv_store *st;
	int told;
	enum iv_err rc;
	double waited;
};

static void on_wait(void *ctx)
{
	((struct waiter *)ctx)->told++;
}

static void *wait_and_write(void *arg)
{
	struct waiter *w = arg;
	double t0 = iv_clock();

	w->rc = iv_store_begin(w->st, NULL);
	w->waited = iv_clock() - t0;
	if (!w->rc) {
		put_simple(w->st, "y", "Person", "name", "Y", "ds");
		w->rc = iv_store_commit(w->st, NULL);
	}
	return NULL;
}

static void test_writer_waits(void **state)
{
	char path[512];
	struct iv_buf err = IV_BUF_INIT;
	struct waiter w = {0};
	pthread_t t;
	struct iv_store *a;
	double t0;

	(void)state;
	db_path(path, sizeof(path), "wait");
	a = open_new(path);
	w.st = open_new(path);
	iv_store_on_wait(w.st, on_wait, &w);
	begin_ok(a);
	put_simple(a, "x", "Person", "name", "X", "ds");
	assert_int_equal(pthread_create(&t, NULL, wait_and_write, &w), 0);
	sleep(IV_STORE_WAIT_NOTICE_SECS + 1);
	commit_ok(a);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_int_equal(w.rc, IV_OK);
	assert_true(w.waited >= IV_STORE_WAIT_NOTICE_SECS);
	assert_int_equal(w.told, 1);

	/* a time limit ends the wait, long before IV_STORE_WRITE_WAIT_SECS */
	begin_ok(a);
	iv_store_time_limit(w.st, 0.3);
	t0 = iv_clock();
	assert_int_equal(iv_store_begin(w.st, &err), IV_ERR_BUSY);
	assert_true(iv_clock() - t0 < 5);
	assert_non_null(strstr(err.buf, "locked"));
	iv_store_time_limit(w.st, 0);
	iv_store_rollback(a);
	iv_store_close(a);
	iv_store_close(w.st);
	iv_buf_release(&err);
	remove_db(path);
}

/* A full disk (here: a page limit) fails the commit cleanly and keeps the last commit. */
static void test_disk_full(void **state)
{
	char path[512], entity[32], value[64];
	struct iv_buf err = IV_BUF_INIT;
	struct iv_statement s;
	struct iv_store *st;
	enum iv_err rc = IV_OK;

	(void)state;
	db_path(path, sizeof(path), "full");
	st = open_new(path);
	begin_ok(st);
	put_simple(st, "kept", "Person", "name", "Kept", "ds");
	commit_ok(st);
	assert_int_equal(sqlite3_exec(((struct iv_sqlite *)st)->db, "PRAGMA max_page_count = 40",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	begin_ok(st);
	for (int i = 0; i < 20000 && !rc; i++) {
		snprintf(entity, sizeof(entity), "e%d", i);
		snprintf(value, sizeof(value), "a name long enough to fill pages %d", i);
		mk(&s, entity, "Person", "name", value, "ds", "r");
		rc = iv_store_put(st, &s, &err);
	}
	if (!rc)
		rc = iv_store_commit(st, &err);
	else
		iv_store_rollback(st);
	assert_int_equal(rc, IV_ERR_DB);
	assert_non_null(strstr(err.buf, "disk is full"));
	assert_non_null(strstr(err.buf, path));
	assert_int_equal(stats_of(st).statements, 1);
	assert_true(exists(st, "kept"));
	assert_false(exists(st, "e0"));
	iv_store_close(st);
	iv_buf_release(&err);
	remove_db(path);
}

/* ---- search ----------------------------------------------------------------- */

static enum iv_err search(struct iv_store *st, const char *q, const char *schema, unsigned limit,
                          struct hits *h)
{
	memset(h, 0, sizeof(*h));
	return iv_store_search(st, q, schema, limit, hit_fn, h, NULL);
}

static void test_search(void **state)
{
	char path[512];
	struct iv_buf err = IV_BUF_INIT;
	struct hits h;
	struct iv_store *st;

	(void)state;
	db_path(path, sizeof(path), "search");
	st = open_new(path);
	begin_ok(st);
	put_simple(st, "p1", "Person", "name", "Karim Ahmadi", "ds");
	put_simple(st, "p2", "Person", "name", "Ahmed Karimi", "ds");
	put_simple(st, "p2", "Person", "notes", "Travelled with Karim", "ds");
	put_simple(st, "c1", "Company", "name", "Karim Transport Ltd", "ds");
	put_simple(st, "v1", "Vessel", "name", "Karim Star", "ds");
	put_simple(st, "p3", "Person", "notes",
	           "A long debrief in which the interviewee describes the crossing, the camp near "
	           "the coast, the price paid in cash and the man called karim who collected it "
	           "together with several other people whose names were not given",
	           "ds");
	put_simple(st, "m1", "Person", "name", "Jürgen Müller", "ds");
	put_simple(st, "m1", "Person", "address", "12 Rue de la Gare, Calais", "ds");
	put_simple(st, "f1", "Person", "name", "foo bar", "ds");
	put_simple(st, "t1", "Person", "phone", "+447700900123", "ds");
	commit_ok(st);

	/* every entity that mentions karim, each once, best first */
	assert_int_equal(search(st, "karim", NULL, 20, &h), IV_OK);
	assert_int_equal(h.n, 5);
	for (size_t i = 1; i < h.n; i++)
		assert_true(h.items[i - 1].score >= h.items[i].score);
	assert_true(hit_index(&h, "p1") >= 0);
	assert_true(hit_index(&h, "p2") >= 0);
	assert_true(hit_index(&h, "c1") >= 0);
	assert_true(hit_index(&h, "v1") >= 0);
	/* a short name beats one mention in a long text */
	assert_true(hit_index(&h, "p1") < hit_index(&h, "p3"));
	/* captions: the name, or the id when there is none */
	assert_string_equal(h.items[hit_index(&h, "p2")].caption, "Ahmed Karimi");
	assert_string_equal(h.items[hit_index(&h, "p3")].caption, "p3");
	assert_string_equal(h.items[hit_index(&h, "v1")].schema, "Vessel");

	/* all words must match, as prefixes */
	assert_int_equal(search(st, "karim ahm", NULL, 20, &h), IV_OK);
	assert_int_equal(h.n, 2);
	assert_int_equal(search(st, "KARIM transport", NULL, 20, &h), IV_OK);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.items[0].id, "c1");

	/* the limit */
	assert_int_equal(search(st, "karim", NULL, 2, &h), IV_OK);
	assert_int_equal(h.n, 2);
	assert_int_equal(search(st, "karim", NULL, 0, &h), IV_OK);
	assert_int_equal(h.n, 0);

	/* schema filter, descendants included */
	assert_int_equal(search(st, "karim", "LegalEntity", 20, &h), IV_OK);
	assert_int_equal(h.n, 4);
	assert_int_equal(hit_index(&h, "v1"), -1);
	assert_int_equal(search(st, "karim", "Person", 20, &h), IV_OK);
	assert_int_equal(h.n, 3);
	assert_int_equal(hit_index(&h, "c1"), -1);
	assert_int_equal(search(st, "karim", "Vessel", 20, &h), IV_OK);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.items[0].id, "v1");
	assert_int_equal(iv_store_search(st, "karim", "Starship", 20, hit_fn, &h, &err),
	                 IV_ERR_INVALID);

	/* diacritics are folded; addresses are searchable; phones are not */
	assert_int_equal(search(st, "muller", NULL, 20, &h), IV_OK);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.items[0].caption, "Jürgen Müller");
	assert_int_equal(search(st, "MÜLLER jurgen", NULL, 20, &h), IV_OK);
	assert_int_equal(h.n, 1);
	assert_int_equal(search(st, "calais", NULL, 20, &h), IV_OK);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.items[0].id, "m1");
	assert_int_equal(search(st, "447700900123", NULL, 20, &h), IV_OK);
	assert_int_equal(h.n, 0);

	/* FTS syntax in the query is text: no syntax error, no match-all */
	assert_int_equal(search(st, "foo\" OR *", NULL, 20, &h), IV_OK);
	assert_int_equal(h.n, 0);
	assert_int_equal(search(st, "foo\"", NULL, 20, &h), IV_OK);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.items[0].id, "f1");
	assert_int_equal(search(st, "NEAR(karim star) karim", NULL, 20, &h), IV_OK);
	assert_int_equal(h.n, 0);
	assert_int_equal(search(st, "karim -star", NULL, 20, &h), IV_OK);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.items[0].id, "v1");
	assert_int_equal(search(st, "value:karim", NULL, 20, &h), IV_OK);
	assert_int_equal(h.n, 0);
	assert_int_equal(search(st, "^karim", NULL, 20, &h), IV_OK);
	assert_int_equal(h.n, 5);

	/* nothing searchable */
	assert_int_equal(iv_store_search(st, "* \" - ()", NULL, 20, hit_fn, &h, &err),
	                 IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "no word"));
	assert_int_equal(iv_store_search(st, "", NULL, 20, hit_fn, &h, &err), IV_ERR_INVALID);
	assert_int_equal(iv_store_search(st, "   ", NULL, 20, hit_fn, &h, &err), IV_ERR_INVALID);

	iv_store_close(st);
	iv_buf_release(&err);
	remove_db(path);
}

static void test_fts_query(void **state)
{
	struct iv_buf out = IV_BUF_INIT, err = IV_BUF_INIT;

	(void)state;
	assert_int_equal(iv_store_fts_query("foo\" OR *", &out, &err), IV_OK);
	assert_string_equal(out.buf, "\"foo\"\"\"* \"OR\"*");
	assert_int_equal(iv_store_fts_query("  Ahmed\tKARIMI ", &out, &err), IV_OK);
	assert_string_equal(out.buf, "\"Ahmed\"* \"KARIMI\"*");
	assert_int_equal(iv_store_fts_query("\"\"\"", &out, &err), IV_ERR_INVALID);
	iv_buf_release(&out);
	iv_buf_release(&err);
}

/* ---- stats and iteration ---------------------------------------------------- */

struct dataset_count {
	size_t n;
	char name[4][16];
	uint64_t entities[4], statements[4];
};

static enum iv_err dataset_fn(void *ctx, const char *name, uint64_t entities, uint64_t statements)
{
	struct dataset_count *d = ctx;

	assert_true(d->n < 4);
	iv_strlcpy(d->name[d->n], name, sizeof(d->name[0]));
	d->entities[d->n] = entities;
	d->statements[d->n] = statements;
	d->n++;
	return IV_OK;
}

static void test_stats(void **state)
{
	char path[512], answer[64];
	struct dataset_count d;
	struct iv_statement s;
	struct iv_store_stats stats;
	struct iv_store *st;

	(void)state;
	db_path(path, sizeof(path), "stats");
	st = open_new(path);
	stats = stats_of(st);
	assert_int_equal(stats.statements + stats.entities + stats.datasets, 0);

	begin_ok(st);
	put_simple(st, "p1", "Person", "name", "Anna", "ds1");
	mk(&s, "p1", "Person", "birthDate", "31/31/1999", "ds1", "r1");
	s.flags = IV_STMT_INVALID;
	put_ok(st, &s);
	mk(&s, "p1", "Person", "proof", "doc-missing", "ds1", "r1");
	s.flags = IV_STMT_REF;
	put_ok(st, &s);
	mk(&s, "p1", "Person", "addressEntity", "p2", "ds1", "r1");
	s.flags = IV_STMT_REF;
	put_ok(st, &s);
	put_simple(st, "p2", "Person", "name", "Bo", "ds2");
	put_simple(st, "p3", "Person", "name", "Cy", "ds2");
	assert_int_equal(iv_store_log_ingest(st, "people.csv", "ds1", NULL, NULL), IV_OK);
	commit_ok(st);

	stats = stats_of(st);
	assert_int_equal(stats.statements, 6);
	assert_int_equal(stats.entities, 3);
	assert_int_equal(stats.datasets, 2);
	assert_int_equal(stats.invalid, 1);
	assert_int_equal(stats.dangling, 1);

	memset(&d, 0, sizeof(d));
	assert_int_equal(iv_store_stats(st, &stats, dataset_fn, &d, NULL), IV_OK);
	assert_int_equal(stats.statements, 6);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.name[0], "ds1");
	assert_int_equal(d.entities[0], 1);
	assert_int_equal(d.statements[0], 4);
	assert_string_equal(d.name[1], "ds2");
	assert_int_equal(d.entities[1], 2);
	assert_int_equal(d.statements[1], 2);
	iv_store_close(st);

	/* an entity row id far past the first pages of the census's bitmaps, an entity that
	 * comes back to a dataset after another, and a dataset with no statements */
	raw_exec(path, "UPDATE statements SET entity = 300000 WHERE entity ="
	               " (SELECT id FROM entities WHERE eid = 'p3');"
	               "UPDATE entities SET id = 300000 WHERE eid = 'p3';"
	               "INSERT INTO datasets (name) VALUES ('ds0-empty');");
	st = open_new(path);
	begin_ok(st);
	put_simple(st, "p2", "Person", "alias", "Bobby", "ds2");
	put_simple(st, "p1", "Person", "alias", "Annie", "ds2");
	put_simple(st, "p3", "Person", "alias", "Cyrus", "ds2");
	commit_ok(st);
	memset(&d, 0, sizeof(d));
	assert_int_equal(iv_store_stats(st, &stats, dataset_fn, &d, NULL), IV_OK);
	assert_int_equal(stats.statements, 9);
	assert_int_equal(stats.entities, 3);
	assert_int_equal(stats.datasets, 2);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.name[1], "ds2");
	assert_int_equal(d.entities[1], 3); /* p1, p2 and p3 (row 300000), each once */
	assert_int_equal(d.statements[1], 5);
	iv_store_close(st);

	/* the ingest log has the transaction's final counts */
	raw_query(path,
	          "SELECT file || '|' || dataset || '|' || added || '|' || skipped || '|' ||"
	          " entities_added FROM ingests",
	          answer, sizeof(answer));
	assert_string_equal(answer, "people.csv|ds1|6|0|3");
	remove_db(path);
}

static void test_each_statement_order(void **state)
{
	static const char *const entities[] = {"e-c", "e-a", "e-b"};
	static const char *const datasets[] = {"first", "second"};
	static const char *const props[] = {"notes", "name", "alias"};
	char path[512], value[64], record[32];
	struct collect *c = collect_new();
	struct iv_statement s;
	struct iv_store *st;
	struct iv_buf err = IV_BUF_INIT;

	(void)state;
	db_path(path, sizeof(path), "each");
	st = open_new(path);
	begin_ok(st);
	/* interleaved over entities, datasets, records and properties */
	for (int i = 0; i < 60; i++) {
		snprintf(value, sizeof(value), "value %d", i);
		snprintf(record, sizeof(record), "rec-%d", (i * 7) % 5);
		mk(&s, entities[i % 3], "Person", props[(i / 3) % 3], value, datasets[(i / 2) % 2],
		   record);
		put_ok(st, &s);
	}
	commit_ok(st);

	assert_int_equal(iv_store_each_statement(st, NULL, collect_fn, c, &err), IV_OK);
	assert_int_equal(c->n, 60);
	/* each entity comes in one run; inside it, dataset (in order of first
	 * appearance), then source record, then property */
	int runs = 1;
	for (size_t i = 1; i < c->n; i++) {
		struct seen_stmt *a = &c->items[i - 1], *b = &c->items[i];

		if (strcmp(a->entity, b->entity) != 0) {
			runs++;
			continue;
		}
		int ds = strcmp(a->dataset, b->dataset);
		assert_true(ds <= 0);
		if (ds < 0)
			continue;
		int rec = strcmp(a->record, b->record);
		assert_true(rec <= 0);
		if (rec == 0)
			assert_true(strcmp(a->prop, b->prop) <= 0);
	}
	assert_int_equal(runs, 3);

	/* one dataset only */
	collect_release(c);
	assert_int_equal(iv_store_each_statement(st, "second", collect_fn, c, &err), IV_OK);
	assert_int_equal(c->n, 30);
	for (size_t i = 0; i < c->n; i++)
		assert_string_equal(c->items[i].dataset, "second");
	collect_release(c);
	assert_int_equal(iv_store_each_statement(st, "no-such", collect_fn, c, &err), IV_OK);
	assert_int_equal(c->n, 0);

	/* the callback stops the iteration with its own error */
	c->stop_after = 7;
	assert_int_equal(iv_store_each_statement(st, NULL, collect_fn, c, &err), IV_ERR_EXISTS);
	assert_int_equal(c->n, 7);
	iv_store_close(st);
	collect_free(c);
	iv_buf_release(&err);
	remove_db(path);
}

/* Rows as "entity|schema|property|value" lines, for comparing two reads. */
static char *rows_text(const struct collect *c)
{
	struct iv_buf b = IV_BUF_INIT;

	for (size_t i = 0; i < c->n; i++)
		assert_int_equal(iv_buf_addf(&b, "%s|%s|%s|%s\n", c->items[i].entity,
		                             c->items[i].schema, c->items[i].prop,
		                             c->items[i].value),
		                 IV_OK);
	return iv_buf_detach(&b, NULL);
}

/*
 * iv_store_each_entity_of reads a file store's family on two connections at
 * once (sqlite_scan.c), in ranges of entity ids split between them: the rows
 * come in the order, and with the values, one query gives (":memory:", and a
 * file store inside a transaction, read that way), entities whose ids the
 * ranges cut between them included; a callback's error stops the read.
 */
static void test_each_entity_of_two_readers(void **state)
{
	static const char *const schemas[] = {"Person", "Passport"};
	static const char *const all[] = {"Person", "Passport", "Company"};
	static const char *const props[] = {"name", "number", "name"};
	char path[512], eid[32], value[64];
	struct iv_store *file, *mem = NULL;
	struct collect *c = collect_new();
	struct iv_buf err = IV_BUF_INIT;
	char *one, *two, *in_tx;

	(void)state;
	db_path(path, sizeof(path), "scan");
	file = open_new(path);
	assert_int_equal(iv_store_open(":memory:", IV_STORE_CREATE, &mem, &err), IV_OK);
	for (int pass = 0; pass < 2; pass++) {
		struct iv_store *st = pass ? mem : file;

		begin_ok(st);
		/* people, passports and companies interleaved over the ids, and every third
		 * entity given a second value after the others (its rows far apart) */
		for (int i = 0; i < 240; i++) {
			snprintf(eid, sizeof(eid), "e-%03d", (i * 37) % 240);
			snprintf(value, sizeof(value), "Value %d ص", i);
			put_simple(st, eid, all[((i * 37) % 240) % 3], props[((i * 37) % 240) % 3],
			           value, "scan");
		}
		for (int i = 0; i < 240; i += 3) {
			snprintf(eid, sizeof(eid), "e-%03d", i);
			snprintf(value, sizeof(value), "Later %d", i);
			put_simple(st, eid, all[i % 3], props[i % 3], value, "scan");
		}
		commit_ok(st);
	}
	assert_int_equal(iv_store_each_entity_of(mem, schemas, 2, collect_fn, c, &err), IV_OK);
	assert_int_equal(c->n, 160 + 80); /* 160 entities, 80 of them with a second value */
	one = rows_text(c);
	collect_release(c);
	assert_int_equal(iv_store_each_entity_of(file, schemas, 2, collect_fn, c, &err), IV_OK);
	two = rows_text(c);
	assert_string_equal(one, two);
	collect_release(c);
	begin_ok(file); /* inside a transaction: one query */
	assert_int_equal(iv_store_each_entity_of(file, schemas, 2, collect_fn, c, &err), IV_OK);
	iv_store_rollback(file);
	in_tx = rows_text(c);
	assert_string_equal(one, in_tx);
	collect_release(c);

	/* the callback's error stops the read, the second reader with it */
	c->stop_after = 150;
	assert_int_equal(iv_store_each_entity_of(file, schemas, 2, collect_fn, c, &err),
	                 IV_ERR_EXISTS);
	assert_int_equal(c->n, 150);
	c->stop_after = 0;
	collect_release(c);
	/* and the store reads on */
	assert_int_equal(iv_store_each_entity_of(file, schemas, 2, collect_fn, c, &err), IV_OK);
	assert_int_equal(c->n, 240);
	free(one);
	free(two);
	free(in_tx);
	iv_store_close(file);
	iv_store_close(mem);
	collect_free(c);
	iv_buf_release(&err);
	remove_db(path);
}

/* The page cache: 1 to IV_STORE_CACHE_MIB_MAX MiB, anything else refused with a reason. */
static void test_cache_size(void **state)
{
	char path[512];
	struct iv_store *st;
	struct iv_buf err = IV_BUF_INIT;

	(void)state;
	db_path(path, sizeof(path), "cache");
	st = open_new(path);
	assert_int_equal(iv_store_cache(st, 0, &err), IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "page cache"));
	assert_int_equal(iv_store_cache(st, IV_STORE_CACHE_MIB_MAX + 1, &err), IV_ERR_INVALID);
	assert_int_equal(iv_store_cache(st, 256, &err), IV_OK);
	assert_int_equal(iv_store_cache(st, IV_STORE_CACHE_MIB_MAX, &err), IV_OK);
	assert_int_equal(iv_store_cache(st, IV_STORE_CACHE_MIB, &err), IV_OK);
	begin_ok(st); /* and the store works on */
	put_simple(st, "p-cache", "Person", "name", "Anna", "ds");
	commit_ok(st);
	iv_store_close(st);
	iv_buf_release(&err);
	remove_db(path);
}

/* A callback that reads the store again while the iteration is running. */
struct nested {
	struct iv_store *st;
	size_t outer, inner;
};

static enum iv_err nested_inner(void *ctx, const struct iv_statement *s)
{
	struct nested *n = ctx;

	(void)s;
	n->inner++;
	return IV_OK;
}

static enum iv_err nested_outer(void *ctx, const struct iv_statement *s)
{
	struct nested *n = ctx;

	n->outer++;
	return iv_store_entity_statements(n->st, s->entity, nested_inner, n, NULL);
}

static void test_nested_reads(void **state)
{
	char path[512];
	struct nested n = {NULL, 0, 0};

	(void)state;
	db_path(path, sizeof(path), "nested");
	n.st = open_new(path);
	begin_ok(n.st);
	put_simple(n.st, "a", "Person", "name", "A", "ds");
	put_simple(n.st, "a", "Person", "alias", "AA", "ds");
	put_simple(n.st, "b", "Person", "name", "B", "ds");
	commit_ok(n.st);
	assert_int_equal(iv_store_each_statement(n.st, NULL, nested_outer, &n, NULL), IV_OK);
	assert_int_equal(n.outer, 3);
	assert_int_equal(n.inner, 2 * 2 + 1);
	iv_store_close(n.st);
	remove_db(path);
}

/*
 * A snapshot read inside another (a page's read asking whether a merge is
 * seen whole, which takes its own): the inner one does not own a read and
 * uses the outer's; once the outer ends, a write can begin.
 */
static void test_nested_snapshots(void **state)
{
	char path[512];
	struct iv_store *st;
	bool outer = false, inner = true;

	(void)state;
	db_path(path, sizeof(path), "snapshots");
	st = open_new(path);
	begin_ok(st);
	put_simple(st, "a", "Person", "name", "A", "ds");
	commit_ok(st);
	assert_int_equal(iv_store_access_read_begin(st, &outer, NULL), IV_OK);
	assert_true(outer);
	assert_int_equal(iv_store_access_read_begin(st, &inner, NULL), IV_OK);
	assert_false(inner);
	assert_true(exists(st, "a"));
	iv_store_access_read_end(st, inner);
	assert_true(exists(st, "a")); /* the outer read goes on */
	iv_store_access_read_end(st, outer);
	begin_ok(st); /* no read left open */
	put_simple(st, "b", "Person", "name", "B", "ds");
	commit_ok(st);
	/* inside a write transaction no read is begun */
	begin_ok(st);
	assert_int_equal(iv_store_access_read_begin(st, &outer, NULL), IV_OK);
	assert_false(outer);
	iv_store_access_read_end(st, outer);
	commit_ok(st);
	iv_store_close(st);
	remove_db(path);
}

/* ---- keys, batches, crashes ------------------------------------------------- */

static int64_t forced_key(void *ctx, const unsigned char digest[IV_HASH_BYTES])
{
	(void)digest;
	return *(const int64_t *)ctx;
}

static void check_collisions(int64_t key)
{
	char path[512], values[3][16];
	struct iv_store_counts counts;
	struct collect *c = collect_new();
	struct iv_statement s[3];
	struct iv_store *st;

	db_path(path, sizeof(path), "collide");
	st = open_new(path);
	iv_store_set_key_hook(st, forced_key, &key);
	begin_ok(st);
	for (int i = 0; i < 3; i++) {
		snprintf(values[i], sizeof(values[i]), "name %d", i);
		mk(&s[i], "p1", "Person", "name", values[i], "ds", "r1");
		put_ok(st, &s[i]);
	}
	commit_ok(st);
	iv_store_counts(st, &counts);
	assert_int_equal(counts.statements_added, 3);

	/* all three again, in another order: each finds itself along the probe run */
	begin_ok(st);
	for (int i = 2; i >= 0; i--)
		put_ok(st, &s[i]);
	commit_ok(st);
	iv_store_counts(st, &counts);
	assert_int_equal(counts.statements_added, 0);
	assert_int_equal(counts.statements_skipped, 3);

	for (int i = 0; i < 3; i++) {
		collect_release(c);
		assert_int_equal(iv_store_statement_get(st, s[i].id, collect_fn, c, NULL), IV_OK);
		assert_int_equal(c->n, 1);
		assert_string_equal(c->items[0].value, values[i]);
		assert_string_equal(c->items[0].id, s[i].id);
	}
	collect_release(c);
	assert_int_equal(iv_store_entity_statements(st, "p1", collect_fn, c, NULL), IV_OK);
	assert_int_equal(c->n, 3);
	iv_store_close(st);
	collect_free(c);
	remove_db(path);
}

static void test_key_collisions(void **state)
{
	(void)state;
	check_collisions(42);
	check_collisions(INT64_MAX); /* the probe wraps to 0 */
}

static void test_large_batch(void **state)
{
	const int n = SQLITE_BATCH_MAX + 1500;
	char path[512], entity[32], value[32];
	struct iv_store_counts counts;
	struct iv_statement s;
	struct iv_store *st;

	(void)state;
	db_path(path, sizeof(path), "batch");
	st = open_new(path);
	for (int round = 0; round < 2; round++) {
		begin_ok(st);
		for (int i = 0; i < n; i++) {
			snprintf(entity, sizeof(entity), "e%d", i / 4);
			snprintf(value, sizeof(value), "v%d", i);
			mk(&s, entity, "Person", "alias", value, "ds", "big.csv");
			put_ok(st, &s);
		}
		commit_ok(st);
		iv_store_counts(st, &counts);
		assert_int_equal(counts.statements_added, round ? 0 : (uint64_t)n);
		assert_int_equal(counts.statements_skipped, round ? (uint64_t)n : 0);
		assert_int_equal(counts.entities_added, round ? 0 : (uint64_t)(n + 3) / 4);
	}
	assert_int_equal(stats_of(st).statements, (uint64_t)n);
	iv_store_close(st);

	/* rows in put order, whatever the keys (sqlite_write.c): each entity's side by side */
	char got[64];
	raw_query(path,
	          "SELECT count(*) FROM statements a JOIN statements b ON b.id = a.id + 1"
	          " WHERE CAST(substr(b.value, 2) AS INT) != CAST(substr(a.value, 2) AS INT) + 1",
	          got, sizeof(got));
	assert_string_equal(got, "0");
	raw_query(path,
	          "SELECT count(*) FROM (SELECT entity FROM statements GROUP BY entity"
	          " HAVING max(id) - min(id) + 1 != count(*))",
	          got, sizeof(got));
	assert_string_equal(got, "0");
	raw_query(path, "SELECT min(id) || '-' || max(id) FROM statements", got, sizeof(got));
	snprintf(value, sizeof(value), "1-%d", n);
	assert_string_equal(got, value);
	/* search's document numbers are those rows, in both batches */
	for (int i = 0; i < n; i += 4099) {
		char sql[160];

		snprintf(sql, sizeof(sql),
		         "SELECT s.value FROM fts JOIN statements s ON s.id = fts.rowid"
		         " WHERE fts MATCH 'v%d'",
		         i);
		snprintf(value, sizeof(value), "v%d", i);
		raw_query(path, sql, got, sizeof(got));
		assert_string_equal(got, value);
	}
	remove_db(path);
}

/*
 * A time limit stops the store's work inside SQLite with IV_ERR_TIMEOUT and
 * a message naming the limit; without one the same work runs; a write
 * stopped so is rolled back and leaves the store as it was.
 */
static void test_time_limit(void **state)
{
	char path[512], entity[32], value[32];
	struct iv_store_stats stats;
	struct iv_buf err = IV_BUF_INIT;
	struct iv_statement s;
	struct iv_store *st;
	enum iv_err rc;

	(void)state;
	db_path(path, sizeof(path), "limit");
	st = open_new(path);
	begin_ok(st);
	for (int i = 0; i < 20000; i++) {
		snprintf(entity, sizeof(entity), "e%d", i / 4);
		snprintf(value, sizeof(value), "v%d", i);
		mk(&s, entity, "Person", "alias", value, "ds", "limit.csv");
		put_ok(st, &s);
	}
	commit_ok(st);

	iv_store_time_limit(st, 1e-9); /* already past by the first check */
	rc = iv_store_stats(st, &stats, NULL, NULL, &err);
	assert_int_equal(rc, IV_ERR_TIMEOUT);
	assert_non_null(strstr(err.buf, "time limit"));
	iv_store_time_limit(st, 0);
	assert_int_equal(stats_of(st).statements, 20000);

	/* a write stopped by the limit: rolled back, nothing kept */
	begin_ok(st);
	iv_store_time_limit(st, 1e-9);
	for (int i = 0; i < 20000; i++) {
		snprintf(entity, sizeof(entity), "f%d", i / 4);
		snprintf(value, sizeof(value), "w%d", i);
		mk(&s, entity, "Person", "alias", value, "ds", "limit.csv");
		rc = iv_store_put(st, &s, &err);
		if (rc)
			break;
	}
	if (!rc)
		rc = iv_store_commit(st, &err);
	assert_int_equal(rc, IV_ERR_TIMEOUT);
	iv_store_rollback(st);
	iv_store_time_limit(st, 0);
	assert_int_equal(stats_of(st).statements, 20000);
	iv_buf_release(&err);
	iv_store_close(st);
	remove_db(path);
}

static void test_crash_leaves_last_commit(void **state)
{
	char path[512];
	struct iv_store *st;
	struct iv_store_stats s;
	pid_t pid;
	int status = 0, ready[2];

	(void)state;
	db_path(path, sizeof(path), "crash");
	st = open_new(path);
	begin_ok(st);
	put_simple(st, "kept", "Person", "name", "Kept", "ds");
	commit_ok(st);
	iv_store_close(st);

	/* the child writes without committing, says so and waits to be killed
	 * from outside (as a crash would: no exit handlers, no leak check) */
	assert_int_equal(pipe(ready), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char entity[32];

		close(ready[0]);
		st = NULL;
		if (iv_store_open(path, 0, &st, NULL) || iv_store_begin(st, NULL))
			_exit(3);
		for (int i = 0; i < 2000; i++) {
			struct iv_statement x;

			snprintf(entity, sizeof(entity), "lost%d", i);
			mk(&x, entity, "Person", "name", "Lost", "ds", "r");
			if (iv_store_put(st, &x, NULL))
				_exit(4);
		}
		/* a read writes the batch into the WAL: the kill lands mid-transaction */
		if (iv_store_stats(st, &s, NULL, NULL, NULL) || s.statements != 2001)
			_exit(5);
		if (write(ready[1], "k", 1) != 1)
			_exit(6);
		for (;;)
			pause();
	}
	close(ready[1]);
	char byte = 0;
	assert_int_equal(read(ready[0], &byte, 1), 1);
	assert_int_equal(byte, 'k');
	assert_int_equal(kill(pid, SIGKILL), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	close(ready[0]);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGKILL);

	st = open_new(path);
	s = stats_of(st);
	assert_int_equal(s.statements, 1);
	assert_int_equal(s.entities, 1);
	assert_true(exists(st, "kept"));
	assert_false(exists(st, "lost0"));
	begin_ok(st);
	put_simple(st, "after", "Person", "name", "After", "ds");
	commit_ok(st);
	assert_int_equal(stats_of(st).statements, 2);
	iv_store_close(st);
	remove_db(path);
}

/* ---- allocation failure ----------------------------------------------------- */

static enum iv_err count_fn(void *ctx, const struct iv_statement *s)
{
	(void)s;
	++*(size_t *)ctx;
	return IV_OK;
}

static enum iv_err hit_count_fn(void *ctx, const struct iv_entity_hit *hit)
{
	(void)hit;
	++*(size_t *)ctx;
	return IV_OK;
}

/* Open, write in two envelopes and two datasets, read in every way, close. */
static enum iv_err alloc_sequence(const char *path, const struct iv_statement *s, size_t n,
                                  struct iv_buf *err)
{
	struct iv_store *st = NULL;
	struct iv_store_stats stats;
	size_t count = 0;
	bool yes;
	enum iv_err rc;

	rc = iv_store_open(path, IV_STORE_CREATE, &st, err);
	if (rc)
		return rc;
	rc = iv_store_begin(st, err);
	for (size_t i = 0; !rc && i < n; i++)
		rc = iv_store_put(st, &s[i], err);
	if (!rc)
		rc = iv_store_entity_exists(st, "p1", &yes, err);
	if (!rc)
		rc = iv_store_log_ingest(st, "f.csv", "ds1", NULL, err);
	if (!rc)
		rc = iv_store_commit(st, err);
	if (!rc)
		rc = iv_store_each_statement(st, NULL, count_fn, &count, err);
	if (!rc)
		rc = iv_store_search(st, "anna", "Person", 10, hit_count_fn, &count, err);
	if (!rc)
		rc = iv_store_stats(st, &stats, NULL, NULL, err);
	if (!rc)
		rc = iv_store_entity_statements(st, "p2", count_fn, &count, err);
	iv_store_close(st); /* also rolls back a transaction left open */
	return rc;
}

static void test_alloc_failure(void **state)
{
	char path[512];
	struct iv_statement s[6];
	struct iv_buf err = IV_BUF_INIT;
	bool completed = false;
	unsigned long failures = 0;

	(void)state;
	db_path(path, sizeof(path), "alloc");
	/* build the schema registry and libsodium outside the failure window */
	assert_non_null(iv_schema_get("Person"));
	assert_int_equal(iv_crypto_init(), IV_OK);
	mk(&s[0], "p1", "Person", "name", "Anna", "ds1", "r1");
	mk(&s[1], "p1", "Person", "alias", "Annie", "ds1", "r1");
	mk(&s[2], "p2", "LegalEntity", "name", "Anna Trading", "ds2", "r2");
	s[2].handling.code = 'C';
	s[2].handling.conditions = "UK only";
	iv_statement_id(&s[2], NULL);
	mk(&s[3], "p2", "Company", "notes", "A shell company", "ds2", "r2");
	mk(&s[4], "p2", "Company", "madeUpProperty", "x", "ds2", "r3");
	mk(&s[5], "p1", "Person", "name", "Anna", "ds1", "r1");

	for (unsigned long n = 1; n < 100000 && !completed; n++) {
		enum iv_err rc;

		remove_db(path);
		iv_buf_reset(&err);
		iv_alloc_fail_after(n);
		rc = alloc_sequence(path, s, 6, &err);
		iv_alloc_fail_after(0);
		if (rc == IV_OK) {
			completed = true;
			break;
		}
		failures++;
		if (rc != IV_ERR_NOMEM)
			fail_msg("allocation %lu failed with %s: %s", n, iv_err_name(rc), err.buf);

		/* whatever failed, the file holds all of the transaction or none of it */
		struct iv_store *st = NULL;
		if (iv_store_open(path, 0, &st, NULL) == IV_OK) {
			uint64_t got = stats_of(st).statements;
			if (got != 0 && got != 5)
				fail_msg("after failing allocation %lu the store has %llu "
				         "statements",
				         n, (unsigned long long)got);
			iv_store_close(st);
		}
	}
	assert_true(completed);
	assert_true(failures > 10);
	iv_buf_release(&err);
	remove_db(path);
}

/* ---- resolution's batch writes ---------------------------------------------------- */

struct link_tally {
	size_t n, of_e5;
	double prob_sum;
};

static enum iv_err tally_link(void *ctx, const struct iv_res_link *link)
{
	struct link_tally *t = ctx;

	t->n++;
	t->prob_sum += link->probability;
	t->of_e5 += !strcmp(link->a, "e-005") || !strcmp(link->b, "e-005");
	return IV_OK;
}

static enum iv_err count_entity(void *ctx, const char *entity, const char *unused)
{
	(void)entity;
	(void)unused;
	++*(size_t *)ctx;
	return IV_OK;
}

/*
 * put_keys and put_links write what as many single puts would, through
 * their multi-row statements (RES_BATCH rows) and the remainder one by
 * one; an unknown entity, a link to itself or an unknown kind is an error.
 */
static void test_res_batch_writes(void **state)
{
	struct fixture *f;
	char eid[80][16];
	const char *eids[80];
	uint64_t keys[80];
	struct iv_res_link links[80];
	struct link_tally t = {0};
	uint64_t total = 0;
	size_t listed = 0;
	struct iv_buf err = IV_BUF_INIT;

	assert_int_equal(fixture_open(state, "res-batch"), 0);
	f = *state;
	begin_ok(f->st);
	for (int i = 0; i < 80; i++) {
		struct iv_statement s;

		snprintf(eid[i], sizeof(eid[i]), "e-%03d", i);
		eids[i] = eid[i];
		mk(&s, eid[i], "Person", "name", "Someone", "ds", "r1");
		put_ok(f->st, &s);
	}
	commit_ok(f->st);

	begin_ok(f->st);
	/* 70 = two statements of 32 and six single rows; key 1000 + i % 5 */
	for (int i = 0; i < 70; i++) {
		keys[i] = 1000 + (uint64_t)(i % 5);
		links[i] = (struct iv_res_link){eid[i], eid[i + 1], IV_RES_MATCH, 3.0,
		                                0.5,    NULL,       NULL};
	}
	links[69].probability = 0.75;
	assert_int_equal(iv_store_res_put_keys(f->st, keys, eids, 70, &err), IV_OK);
	assert_int_equal(iv_store_res_put_keys(f->st, keys, eids, 70, &err), IV_OK); /* ignored */
	assert_int_equal(iv_store_res_put_links(f->st, links, 70, &err), IV_OK);
	commit_ok(f->st);
	assert_int_equal(
	        iv_store_res_key_entities(f->st, 1000, 100, count_entity, &listed, &total, &err),
	        IV_OK);
	assert_int_equal(listed, 14);
	assert_int_equal(total, 14);
	assert_int_equal(iv_store_res_each_link(f->st, 0, tally_link, &t, &err), IV_OK);
	assert_int_equal(t.n, 70);
	assert_int_equal(t.of_e5, 2);
	assert_true(t.prob_sum > 69 * 0.5 + 0.75 - 1e-9 && t.prob_sum < 69 * 0.5 + 0.75 + 1e-9);

	/* errors: inside a full statement and in the remainder */
	begin_ok(f->st);
	links[40].b = "no-such-entity";
	assert_int_equal(iv_store_res_put_links(f->st, links, 70, &err), IV_ERR_NOTFOUND);
	links[40].b = eid[41];
	links[66].b = links[66].a;
	assert_int_equal(iv_store_res_put_links(f->st, links, 70, &err), IV_ERR_INVALID);
	links[66].b = eid[67];
	links[3].kind = (enum iv_res_link_kind)99;
	assert_int_equal(iv_store_res_put_links(f->st, links, 70, &err), IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "kind"));
	eids[33] = "no-such-entity";
	assert_int_equal(iv_store_res_put_keys(f->st, keys, eids, 70, &err), IV_ERR_NOTFOUND);
	iv_store_rollback(f->st);
	/* outside a transaction: refused */
	assert_int_not_equal(iv_store_res_put_links(f->st, links + 4, 1, &err), IV_OK);
	iv_buf_release(&err);
	fixture_close(state);
}

/* ---- closures and records read in the store's order ---------------------------------- */

struct closure_seen {
	char node[16][16];
	char canonical[16][24];
	char family[16][16];
	size_t n;
	char edges[512]; /* "a-b:kind " per edge, by entity ids, smaller first */
	size_t nedges;
};

static enum iv_err seen_node(void *ctx, const struct iv_res_node *node)
{
	struct closure_seen *c = ctx;

	assert_true(c->n < 16);
	snprintf(c->node[c->n], sizeof(c->node[0]), "%s", node->entity);
	snprintf(c->canonical[c->n], sizeof(c->canonical[0]), "%s",
	         node->canonical ? node->canonical : "-");
	snprintf(c->family[c->n], sizeof(c->family[0]), "%s", node->family ? node->family : "-");
	/* a record comes with its family */
	assert_true((node->family == NULL) == (node->record == NULL));
	c->n++;
	return IV_OK;
}

static enum iv_err seen_edge(void *ctx, size_t a, size_t b, enum iv_res_link_kind kind,
                             double probability)
{
	struct closure_seen *c = ctx;
	const char *x, *y;
	size_t len = strlen(c->edges);

	assert_true(a < c->n && b < c->n && a != b);
	assert_true(probability > 0.0 && probability < 1.0);
	x = strcmp(c->node[a], c->node[b]) < 0 ? c->node[a] : c->node[b];
	y = x == c->node[a] ? c->node[b] : c->node[a];
	snprintf(c->edges + len, sizeof(c->edges) - len, "%s-%s:%d ", x, y, (int)kind);
	c->nedges++;
	return IV_OK;
}

/* The closure's nodes, sorted and joined by spaces (its edges stay in c). */
static const char *closure_of(struct iv_store *st, const char *const *seeds, size_t n,
                              unsigned follow, struct closure_seen *c, char *out, size_t outsz)
{
	const char *sorted[16];

	memset(c, 0, sizeof(*c));
	assert_int_equal(
	        iv_store_res_closure(st, seeds, n, NULL, 0, follow, seen_node, seen_edge, c, NULL),
	        IV_OK);
	for (size_t i = 0; i < c->n; i++) {
		sorted[i] = c->node[i];
		for (size_t j = i; j > 0 && strcmp(sorted[j - 1], sorted[j]) > 0; j--) {
			const char *t = sorted[j];

			sorted[j] = sorted[j - 1];
			sorted[j - 1] = t;
		}
	}
	out[0] = '\0';
	for (size_t i = 0; i < c->n; i++) {
		size_t len = strlen(out);

		snprintf(out + len, outsz - len, "%s%s", i ? " " : "", sorted[i]);
	}
	return out;
}

static bool has_edge(const struct closure_seen *c, const char *edge)
{
	return strstr(c->edges, edge) != NULL;
}

/*
 * iv_store_res_closure follows the kinds asked for from either end of a
 * link, reports every link of any kind among the nodes once, and each
 * node's membership and record; an unknown seed is an error.
 */
static void test_res_closure(void **state)
{
	static const struct {
		int a, b;
		enum iv_res_link_kind kind;
	} links[] = {
	        {0, 1, IV_RES_MATCH},  {2, 1, IV_RES_STRONG}, {2, 3, IV_RES_REVIEW},
	        {3, 4, IV_RES_MATCH},  {5, 6, IV_RES_MATCH},  {2, 7, IV_RES_VETO},
	        {0, 2, IV_RES_REVIEW},
	};
	const unsigned positive = IV_RES_FOLLOW(IV_RES_MATCH) | IV_RES_FOLLOW(IV_RES_STRONG);
	struct fixture *f;
	struct closure_seen c;
	char eid[10][16], got[256];
	struct iv_buf err = IV_BUF_INIT;

	assert_int_equal(fixture_open(state, "res-closure"), 0);
	f = *state;
	begin_ok(f->st);
	for (int i = 0; i < 10; i++) {
		struct iv_statement s;

		snprintf(eid[i], sizeof(eid[i]), "e-%d", i);
		mk(&s, eid[i], "Person", "name", "Someone", "ds", "r1");
		put_ok(f->st, &s);
	}
	commit_ok(f->st);
	begin_ok(f->st);
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		struct iv_res_link l = {
		        eid[links[i].a], eid[links[i].b], links[i].kind, 1.0, 0.5, NULL, NULL};

		assert_int_equal(iv_store_res_put_link(f->st, &l, &err), IV_OK);
	}
	assert_int_equal(iv_store_res_put_record(f->st, eid[0], "Person", "{\"r\":0}", &err),
	                 IV_OK);
	assert_int_equal(iv_store_res_put_record(f->st, eid[4], "Person", "{\"r\":4}", &err),
	                 IV_OK);
	assert_int_equal(iv_store_res_set_member(f->st, eid[1], "c-one", &err), IV_OK);
	commit_ok(f->st);

	{
		const char *seeds[] = {"e-1"};

		assert_string_equal(closure_of(f->st, seeds, 1, positive, &c, got, sizeof(got)),
		                    "e-0 e-1 e-2");
		/* the review link between two nodes is reported, the one leaving is not */
		assert_int_equal(c.nedges, 3);
		assert_true(has_edge(&c, "e-0-e-1:1 "));
		assert_true(has_edge(&c, "e-1-e-2:2 "));
		assert_true(has_edge(&c, "e-0-e-2:4 "));
		for (size_t i = 0; i < c.n; i++) {
			if (!strcmp(c.node[i], "e-1"))
				assert_string_equal(c.canonical[i], "c-one");
			else
				assert_string_equal(c.canonical[i], "-");
			assert_string_equal(c.family[i], strcmp(c.node[i], "e-0") ? "-" : "Person");
		}
	}
	{
		/* reached from a link's other end; a seed twice is one node */
		const char *seeds[] = {"e-4", "e-4"};

		assert_string_equal(closure_of(f->st, seeds, 2, positive, &c, got, sizeof(got)),
		                    "e-3 e-4");
		assert_int_equal(c.nedges, 1);
		assert_true(has_edge(&c, "e-3-e-4:1 "));
	}
	{
		const char *seeds[] = {"e-4", "e-8"};

		/* following review links too joins the two parts; the veto is only reported */
		assert_string_equal(closure_of(f->st, seeds, 2,
		                               positive | IV_RES_FOLLOW(IV_RES_REVIEW), &c, got,
		                               sizeof(got)),
		                    "e-0 e-1 e-2 e-3 e-4 e-8");
		assert_int_equal(c.nedges, 5);
		assert_false(has_edge(&c, "e-2-e-7"));
		assert_string_equal(closure_of(f->st, seeds, 2,
		                               positive | IV_RES_FOLLOW(IV_RES_REVIEW) |
		                                       IV_RES_FOLLOW(IV_RES_VETO),
		                               &c, got, sizeof(got)),
		                    "e-0 e-1 e-2 e-3 e-4 e-7 e-8");
		assert_true(has_edge(&c, "e-2-e-7:3 "));
	}
	{
		/* people's "same" widens it too, from either end, and further from there */
		const char *seeds[] = {"e-4"};
		const char *also[] = {"e-8", "e-9", "e-3", "e-5", "e-7", "e-7"};
		char got2[256];

		memset(&c, 0, sizeof(c));
		assert_int_equal(iv_store_res_closure(f->st, seeds, 1, also, 3, positive, seen_node,
		                                      seen_edge, &c, NULL),
		                 IV_OK);
		closure_of(f->st, seeds, 1, positive, &c, got2, sizeof(got2));
		assert_string_equal(got2, "e-3 e-4");
		memset(&c, 0, sizeof(c));
		assert_int_equal(iv_store_res_closure(f->st, seeds, 1, also, 3, positive, seen_node,
		                                      seen_edge, &c, NULL),
		                 IV_OK);
		/* e-3 reaches e-5 (a judged pair), e-5 its match e-6; e-8 and e-9 stay out */
		assert_int_equal(c.n, 4);
		assert_true(has_edge(&c, "e-5-e-6:1 "));
		assert_true(has_edge(&c, "e-3-e-4:1 "));
		assert_false(has_edge(&c, "e-8"));
	}
	{
		const char *also[] = {"e-1", "nobody"};
		const char *seeds[] = {"e-1"};

		memset(&c, 0, sizeof(c));
		assert_int_equal(iv_store_res_closure(f->st, seeds, 1, also, 1, positive, seen_node,
		                                      seen_edge, &c, &err),
		                 IV_ERR_NOTFOUND);
	}
	{
		const char *seeds[] = {"e-5", "nobody"};

		memset(&c, 0, sizeof(c));
		assert_int_equal(iv_store_res_closure(f->st, seeds, 2, NULL, 0, positive, seen_node,
		                                      seen_edge, &c, &err),
		                 IV_ERR_NOTFOUND);
		assert_non_null(strstr(err.buf, "nobody"));
		assert_string_equal(closure_of(f->st, seeds, 0, positive, &c, got, sizeof(got)),
		                    "");
	}
	iv_buf_release(&err);
	fixture_close(state);
}

/* Links read back name each end's canonical entity; each canonical entity comes with its size. */
struct link_places {
	char got[8][48]; /* "a-b:canonical_a/canonical_b" ("-" for none) */
	size_t n;
	char sizes[128]; /* "canonical=size " in the order given */
};

static enum iv_err place_link(void *ctx, const struct iv_res_link *l)
{
	struct link_places *p = ctx;

	if (p->n < 8)
		snprintf(p->got[p->n], sizeof(p->got[0]), "%s-%s:%s/%s", l->a, l->b,
		         l->canonical_a ? l->canonical_a : "-",
		         l->canonical_b ? l->canonical_b : "-");
	p->n++;
	return IV_OK;
}

static enum iv_err place_size(void *ctx, const char *canonical, uint64_t size)
{
	struct link_places *p = ctx;
	size_t len = strlen(p->sizes);

	snprintf(p->sizes + len, sizeof(p->sizes) - len, "%s=%llu ", canonical,
	         (unsigned long long)size);
	return IV_OK;
}

static bool placed(const struct link_places *p, const char *want)
{
	for (size_t i = 0; i < p->n && i < 8; i++)
		if (strcmp(p->got[i], want) == 0)
			return true;
	return false;
}

static void test_res_link_canonicals(void **state)
{
	static const struct {
		int a, b;
		enum iv_res_link_kind kind;
	} links[] = {{0, 3, IV_RES_REVIEW},
	             {1, 4, IV_RES_REVIEW},
	             {2, 3, IV_RES_MATCH},
	             {4, 5, IV_RES_REUSED}};
	static const char *const member_of[] = {"c-a", "c-a", "c-a", "c-b", NULL, NULL};
	struct fixture *f;
	struct link_places p;
	char eid[6][8];
	struct iv_buf err = IV_BUF_INIT;

	assert_int_equal(fixture_open(state, "res-places"), 0);
	f = *state;
	begin_ok(f->st);
	for (int i = 0; i < 6; i++) {
		struct iv_statement s;

		snprintf(eid[i], sizeof(eid[i]), "e-%d", i);
		mk(&s, eid[i], "Person", "name", "Someone", "ds", "r1");
		put_ok(f->st, &s);
	}
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		struct iv_res_link l = {eid[links[i].a], eid[links[i].b], links[i].kind, 1.0, 0.5,
		                        "ignored",       "ignored"};

		assert_int_equal(iv_store_res_put_link(f->st, &l, &err), IV_OK);
	}
	for (int i = 0; i < 6; i++)
		if (member_of[i])
			assert_int_equal(iv_store_res_set_member(f->st, eid[i], member_of[i], &err),
			                 IV_OK);
	commit_ok(f->st);

	memset(&p, 0, sizeof(p));
	assert_int_equal(iv_store_res_each_link(f->st, IV_RES_REVIEW, place_link, &p, &err), IV_OK);
	assert_int_equal(p.n, 2);
	assert_true(placed(&p, "e-0-e-3:c-a/c-b"));
	assert_true(placed(&p, "e-1-e-4:c-a/-")); /* an end in no canonical entity: NULL */
	memset(&p, 0, sizeof(p));
	assert_int_equal(iv_store_res_each_link(f->st, IV_RES_REUSED, place_link, &p, &err), IV_OK);
	assert_int_equal(p.n, 1);
	assert_true(placed(&p, "e-4-e-5:-/-"));
	memset(&p, 0, sizeof(p));
	assert_int_equal(iv_store_res_links_of(f->st, "e-3", place_link, &p, &err), IV_OK);
	assert_int_equal(p.n, 2);
	assert_true(placed(&p, "e-0-e-3:c-a/c-b"));
	assert_true(placed(&p, "e-2-e-3:c-a/c-b"));
	/* sizes, without members named; a moved member moves its count */
	assert_int_equal(iv_store_res_each_canonical(f->st, place_size, &p, &err), IV_OK);
	assert_string_equal(p.sizes, "c-a=3 c-b=1 ");
	begin_ok(f->st);
	assert_int_equal(iv_store_res_set_member(f->st, eid[2], "c-b", &err), IV_OK);
	commit_ok(f->st);
	p.sizes[0] = '\0';
	assert_int_equal(iv_store_res_each_canonical(f->st, place_size, &p, &err), IV_OK);
	assert_string_equal(p.sizes, "c-a=2 c-b=2 ");
	iv_buf_release(&err);
	fixture_close(state);
}

struct closure_count {
	size_t nodes, edges, with_canonical;
	bool out_of_range;
};

static enum iv_err count_node(void *ctx, const struct iv_res_node *node)
{
	struct closure_count *c = ctx;

	c->nodes++;
	c->with_canonical += node->canonical != NULL;
	return IV_OK;
}

static enum iv_err count_edge(void *ctx, size_t a, size_t b, enum iv_res_link_kind kind,
                              double probability)
{
	struct closure_count *c = ctx;

	(void)kind;
	(void)probability;
	c->out_of_range = c->out_of_range || a >= c->nodes || b >= c->nodes || a == b;
	c->edges++;
	return IV_OK;
}

/*
 * A closure past the sizes its tables start at: 700 entities in a chain of
 * links (the node table grows several times) and a clique of 100 among the
 * first (4,950 links: more than one allocation of pending links).
 */
static void test_res_closure_large(void **state)
{
	enum { N = 700, CLIQUE = 100 };
	struct fixture *f;
	static char eid[N][16];
	struct iv_res_link *links = calloc(N + CLIQUE * CLIQUE, sizeof(*links));
	const char *seed[] = {"e-350"};
	struct closure_count c = {0};
	struct iv_buf err = IV_BUF_INIT;
	size_t n = 0;

	assert_non_null(links);
	assert_int_equal(fixture_open(state, "res-closure-large"), 0);
	f = *state;
	begin_ok(f->st);
	for (int i = 0; i < N; i++) {
		struct iv_statement s;

		snprintf(eid[i], sizeof(eid[i]), "e-%d", i);
		mk(&s, eid[i], "Person", "name", "Someone", "ds", "r1");
		put_ok(f->st, &s);
	}
	for (int i = 0; i + 1 < N; i++)
		links[n++] = (struct iv_res_link){eid[i], eid[i + 1], IV_RES_MATCH, 1.0,
		                                  0.95,   NULL,       NULL};
	for (int i = 0; i < CLIQUE; i++)
		for (int j = i + 2; j < CLIQUE; j++)
			links[n++] = (struct iv_res_link){eid[i], eid[j], IV_RES_REVIEW, 0.0,
			                                  0.5,    NULL,   NULL};
	assert_int_equal(iv_store_res_put_links(f->st, links, n, &err), IV_OK);
	assert_int_equal(iv_store_res_set_member(f->st, eid[7], "c-seven", &err), IV_OK);
	commit_ok(f->st);
	assert_int_equal(iv_store_res_closure(f->st, seed, 1, NULL, 0, IV_RES_FOLLOW(IV_RES_MATCH),
	                                      count_node, count_edge, &c, &err),
	                 IV_OK);
	assert_int_equal(c.nodes, N);
	assert_int_equal(c.edges, n);
	assert_false(c.out_of_range);
	assert_int_equal(c.with_canonical, 1);
	free(links);
	iv_buf_release(&err);
	fixture_close(state);
}

struct records_seen {
	char got[128];
	size_t n;
};

static enum iv_err seen_record(void *ctx, const char *entity, const char *family,
                               const char *record)
{
	struct records_seen *r = ctx;
	size_t len = strlen(r->got);

	assert_string_equal(family, "Person");
	snprintf(r->got + len, sizeof(r->got) - len, "%s=%s ", entity, record);
	r->n++;
	return IV_OK;
}

/* iv_store_res_get_records: every record asked for once, entities without one skipped. */
static void test_res_get_records(void **state)
{
	const char *want[] = {"e-5", "e-0", "e-1", "e-2", "e-0"};
	struct fixture *f;
	struct records_seen r;
	struct iv_buf err = IV_BUF_INIT;

	assert_int_equal(fixture_open(state, "res-records"), 0);
	f = *state;
	begin_ok(f->st);
	for (int i = 0; i < 6; i++) {
		struct iv_statement s;
		char eid[16], text[32];

		snprintf(eid, sizeof(eid), "e-%d", i);
		mk(&s, eid, "Person", "name", "Someone", "ds", "r1");
		put_ok(f->st, &s);
		if (i % 5 == 0 || i == 2) {
			snprintf(text, sizeof(text), "{\"r\":%d}", i);
			assert_int_equal(iv_store_res_put_record(f->st, eid, "Person", text, &err),
			                 IV_OK);
		}
	}
	commit_ok(f->st);
	memset(&r, 0, sizeof(r));
	assert_int_equal(iv_store_res_get_records(f->st, want, 4, seen_record, &r, &err), IV_OK);
	assert_int_equal(r.n, 3);
	assert_non_null(strstr(r.got, "e-0={\"r\":0} "));
	assert_non_null(strstr(r.got, "e-2={\"r\":2} "));
	assert_non_null(strstr(r.got, "e-5={\"r\":5} "));
	/* in row order: the store's choice, here the order the entities were made in */
	assert_string_equal(r.got, "e-0={\"r\":0} e-2={\"r\":2} e-5={\"r\":5} ");
	memset(&r, 0, sizeof(r));
	assert_int_equal(iv_store_res_get_records(f->st, want, 0, seen_record, &r, &err), IV_OK);
	assert_int_equal(r.n, 0);
	want[1] = "nobody";
	assert_int_equal(iv_store_res_get_records(f->st, want, 4, seen_record, &r, &err),
	                 IV_ERR_NOTFOUND);
	iv_buf_release(&err);
	fixture_close(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_open_create_reopen),
	        cmocka_unit_test(test_migration_version),
	        cmocka_unit_test(test_put_commit_read_back),
	        cmocka_unit_test(test_put_refused),
	        cmocka_unit_test(test_idempotent),
	        cmocka_unit_test(test_rollback),
	        cmocka_unit_test(test_schema_reconcile),
	        cmocka_unit_test(test_two_handles),
	        cmocka_unit_test(test_writer_waits),
	        cmocka_unit_test(test_disk_full),
	        cmocka_unit_test(test_search),
	        cmocka_unit_test(test_fts_query),
	        cmocka_unit_test(test_stats),
	        cmocka_unit_test(test_each_statement_order),
	        cmocka_unit_test(test_each_entity_of_two_readers),
	        cmocka_unit_test(test_cache_size),
	        cmocka_unit_test(test_nested_reads),
	        cmocka_unit_test(test_nested_snapshots),
	        cmocka_unit_test(test_key_collisions),
	        cmocka_unit_test(test_large_batch),
	        cmocka_unit_test(test_time_limit),
	        cmocka_unit_test(test_crash_leaves_last_commit),
	        cmocka_unit_test(test_alloc_failure),
	        cmocka_unit_test(test_res_batch_writes),
	        cmocka_unit_test(test_res_closure),
	        cmocka_unit_test(test_res_link_canonicals),
	        cmocka_unit_test(test_res_closure_large),
	        cmocka_unit_test(test_res_get_records),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
