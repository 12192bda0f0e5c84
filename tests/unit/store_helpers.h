/*
 * store_helpers.h - what the store and resolution unit tests share: a
 * statement built with the default envelope, put/begin/commit that fail
 * the test with the store's message, a fresh database per test (struct
 * fixture), and removing a database with its WAL and shared-memory
 * files.  Included after cmocka.h.
 */
#ifndef IV_TEST_STORE_HELPERS_H
#define IV_TEST_STORE_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "iv/store.h"

static inline void remove_db(const char *path)
{
	char side[700];

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s.audit-key", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s.audit-key.new", path);
	unlink(side);
}

/* A statement with the default envelope, seen at time 1000, its id computed. */
static inline void mk(struct iv_statement *s, const char *entity, const char *schema,
                      const char *prop, const char *value, const char *dataset, const char *record)
{
	memset(s, 0, sizeof(*s));
	s->entity = entity;
	s->schema = schema;
	s->property = prop;
	s->value = value;
	s->original = value;
	s->dataset = dataset;
	s->source_record = record;
	s->first_seen = 1000;
	s->last_seen = 1000;
	iv_handling_default(&s->handling);
	iv_statement_id(s, NULL);
}

/* A fresh database in $IV_TEST_TMP (or /tmp) for one test: setup and teardown. */
struct fixture {
	char path[600];
	struct iv_store *st;
};

/* Open a new store named after tag into *state; 0, or -1 with the reason on stderr. */
static inline int fixture_open(void **state, const char *tag)
{
	static unsigned serial;
	struct fixture *f = calloc(1, sizeof(*f));
	const char *dir = getenv("IV_TEST_TMP");
	struct iv_buf err = IV_BUF_INIT;

	if (!f)
		return -1;
	if (!dir || !*dir)
		dir = "/tmp";
	mkdir(dir, 0777);
	snprintf(f->path, sizeof(f->path), "%s/%s-%ld-%u.db", dir, tag, (long)getpid(), serial++);
	remove_db(f->path);
	if (iv_store_open(f->path, IV_STORE_CREATE, &f->st, &err)) {
		fprintf(stderr, "open %s: %s\n", f->path, err.buf);
		iv_buf_release(&err);
		free(f);
		return -1;
	}
	iv_buf_release(&err);
	*state = f;
	return 0;
}

static inline int fixture_close(void **state)
{
	struct fixture *f = *state;

	iv_store_close(f->st);
	remove_db(f->path);
	free(f);
	return 0;
}

static inline void put_ok(struct iv_store *st, const struct iv_statement *s)
{
	struct iv_buf err = IV_BUF_INIT;

	if (iv_store_put(st, s, &err))
		fail_msg("put %s.%s: %s", s->entity, s->property, err.buf);
	iv_buf_release(&err);
}

static inline void begin_ok(struct iv_store *st)
{
	struct iv_buf err = IV_BUF_INIT;

	if (iv_store_begin(st, &err))
		fail_msg("begin: %s", err.buf);
	iv_buf_release(&err);
}

static inline void commit_ok(struct iv_store *st)
{
	struct iv_buf err = IV_BUF_INIT;

	if (iv_store_commit(st, &err))
		fail_msg("commit: %s", err.buf);
	iv_buf_release(&err);
}

static inline enum iv_err copy_record_text(void *ctx, const char *entity, const char *family,
                                           const char *text)
{
	(void)entity;
	(void)family;
	snprintf(ctx, 1024, "%s", text);
	return IV_OK;
}

/* A resolved record's stored text (iv_store_res_get_record) into out; fails the test when none. */
static inline void stored_record_text(struct iv_store *st, const char *eid, char out[1024])
{
	out[0] = '\0';
	assert_int_equal(iv_store_res_get_record(st, eid, copy_record_text, out, NULL), IV_OK);
}

#endif
