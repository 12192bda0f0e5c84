/*
 * sqlite_scan.c - a batch resolution's read of a family's records on two
 * connections at once.
 *
 * At a million person mentions the read is 7.5M statement rows, and most
 * of its time is SQLite stepping through them: one core's work while the
 * other waits.  The entities' row ids are cut into SCAN_CHUNKS ranges; a
 * second, read-only connection on its own thread reads the odd ranges
 * into memory while the caller's connection reads the even ones, and the
 * caller's callback sees every row on the caller's thread, in entity
 * order, exactly as one query would give them.  Alternating short ranges
 * keeps the two halves even however the family's entities are spread
 * over the ids (a world's people are ingested after its documents).
 *
 * The two connections read two snapshots, and each range is a statement
 * of its own: a writer committing during the read can make a later range
 * newer than an earlier one.  Resolution takes its mark (the last
 * statement id) before it reads, so whatever a range saw past the mark is
 * read again by the next incremental run, which is what a single query
 * racing the same writer would need too.
 *
 * Used only where it can be: a file store (":memory:" has no second
 * connection) outside a write transaction (the other connection would not
 * see its uncommitted rows).  Otherwise, or when no thread or connection
 * can be made, the caller reads with one query.
 */
#include <pthread.h>
#include <string.h>

#include "store/sqlite_int.h"

#include "iv/util.h"

#define SCAN_CHUNKS 64
#define SCAN_AHEAD  2 /* ranges the reader may hold ready */

struct scan_row {
	const char *entity, *schema, *prop, *value; /* in the chunk's arena */
	int64_t id;
};

struct scan_chunk {
	struct iv_arena arena;
	struct scan_row *rows;
	size_t n, alloc;
};

struct scan {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	sqlite3 *db; /* the reader's */
	sqlite3_stmt *stmt;
	const char *schemas_json;
	int64_t lo, hi;                      /* entity row ids */
	uint64_t span;                       /* ids per range (the last one ends at hi) */
	struct scan_chunk ready[SCAN_AHEAD]; /* odd range 2j+1 in ready[j % SCAN_AHEAD] */
	unsigned produced, consumed;         /* odd ranges read, and handed on */
	bool stop;                           /* the caller gave up */
	bool failed;                         /* the reader did (rc and err say why) */
	enum iv_err rc;
	struct iv_buf err;
};

static void chunk_reset(struct scan_chunk *c)
{
	iv_arena_release(&c->arena);
	c->n = 0;
}

/*
 * Range k's ids, as offsets from lo in unsigned arithmetic (no overflow
 * however close to the ends of int64 the ids are); the last ends at hi.
 */
static void bind_range(sqlite3_stmt *stmt, const struct scan *sc, unsigned k)
{
	uint64_t total = (uint64_t)sc->hi - (uint64_t)sc->lo; /* hi >= lo */
	uint64_t from = (uint64_t)k * sc->span, to = from + sc->span - 1;

	if (from > total) { /* past the end: nothing */
		sqlite3_bind_int64(stmt, 2, 1);
		sqlite3_bind_int64(stmt, 3, 0);
		return;
	}
	if (to > total || k == SCAN_CHUNKS - 1)
		to = total;
	sqlite3_bind_int64(stmt, 2, (int64_t)((uint64_t)sc->lo + from));
	sqlite3_bind_int64(stmt, 3, (int64_t)((uint64_t)sc->lo + to));
}

/* One odd range into c; false (with sc->err) when SQLite or memory fails. */
static bool read_range(struct scan *sc, unsigned k, struct scan_chunk *c)
{
	int src;

	bind_range(sc->stmt, sc, k);
	while ((src = sqlite3_step(sc->stmt)) == SQLITE_ROW) {
		struct scan_row *row;

		if (iv_array_grow(&c->rows, &c->alloc, c->n + 1, sizeof(*c->rows), 4096))
			goto nomem;
		row = &c->rows[c->n];
		row->entity = iv_arena_strdup(&c->arena, sqlite_col(sc->stmt, 0));
		row->schema = iv_arena_strdup(&c->arena, sqlite_col(sc->stmt, 1));
		row->prop = iv_arena_strdup(&c->arena, sqlite_col(sc->stmt, 2));
		row->value = iv_arena_strdup(&c->arena, sqlite_col(sc->stmt, 3));
		row->id = sqlite3_column_int64(sc->stmt, 4);
		if (!row->entity || !row->schema || !row->prop || !row->value)
			goto nomem;
		c->n++;
	}
	if (src == SQLITE_DONE) {
		sqlite3_reset(sc->stmt);
		return true;
	}
	sc->rc = src == SQLITE_NOMEM ? IV_ERR_NOMEM : IV_ERR_DB;
	iv_buf_setf(&sc->err, "reading records to resolve (second reader): %s",
	            sqlite3_errmsg(sc->db));
	sqlite3_reset(sc->stmt);
	return false;
nomem:
	sqlite3_reset(sc->stmt);
	sc->rc = IV_ERR_NOMEM;
	iv_buf_setf(&sc->err, "out of memory reading records to resolve");
	return false;
}

static void *reader_thread(void *arg)
{
	struct scan *sc = arg;

	for (unsigned j = 0; j < SCAN_CHUNKS / 2; j++) {
		struct scan_chunk *c = &sc->ready[j % SCAN_AHEAD];
		bool ok, stop;

		pthread_mutex_lock(&sc->lock);
		while (!sc->stop && sc->produced - sc->consumed >= SCAN_AHEAD)
			pthread_cond_wait(&sc->changed, &sc->lock);
		stop = sc->stop;
		pthread_mutex_unlock(&sc->lock);
		if (stop)
			break;
		ok = read_range(sc, 2 * j + 1, c);
		pthread_mutex_lock(&sc->lock);
		if (ok)
			sc->produced++;
		else
			sc->failed = true;
		pthread_cond_broadcast(&sc->changed);
		pthread_mutex_unlock(&sc->lock);
		if (!ok)
			break;
	}
	return NULL;
}

/* An even range, read on the caller's connection. */
static IV_MUST_USE enum iv_err own_range(struct iv_sqlite *s, const struct scan *sc, unsigned k,
                                         int64_t *last_id, iv_statement_fn fn, void *ctx,
                                         struct iv_buf *err)
{
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_stmt(s, SQL_RES_EACH_IN, &stmt, err);

	if (rc)
		return rc;
	sqlite_text(stmt, 1, sc->schemas_json);
	bind_range(stmt, sc, k);
	rc = sqlite_res_rows(s, stmt, last_id, fn, ctx, err);
	sqlite_stmt_done(s, stmt);
	return rc;
}

/* The reader's next range, handed on to fn. */
static IV_MUST_USE enum iv_err their_range(struct iv_sqlite *s, struct scan *sc, unsigned j,
                                           int64_t *last_id, iv_statement_fn fn, void *ctx,
                                           struct iv_buf *err)
{
	struct scan_chunk *c = &sc->ready[j % SCAN_AHEAD];
	enum iv_err rc = IV_OK;
	bool failed;

	pthread_mutex_lock(&sc->lock);
	while (!sc->failed && sc->produced <= j)
		pthread_cond_wait(&sc->changed, &sc->lock);
	failed = sc->produced <= j;
	pthread_mutex_unlock(&sc->lock);
	if (failed)
		return iv_seterr(err, sc->rc, "%s: %s", s->path, sc->err.buf);
	for (size_t i = 0; !rc && i < c->n; i++)
		rc = sqlite_res_row(s, c->rows[i].entity, c->rows[i].schema, c->rows[i].prop,
		                    c->rows[i].value, c->rows[i].id, last_id, fn, ctx);
	chunk_reset(c);
	pthread_mutex_lock(&sc->lock);
	sc->consumed++;
	pthread_cond_broadcast(&sc->changed);
	pthread_mutex_unlock(&sc->lock);
	return rc;
}

/* The second connection and its statement; false when either cannot be made. */
static bool open_reader(struct iv_sqlite *s, struct scan *sc)
{
	if (sqlite3_open_v2(s->path, &sc->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK)
		return false;
	sqlite3_busy_timeout(sc->db, 10000);
	if (sqlite3_exec(sc->db, "PRAGMA cache_size = -65536", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(sc->db, sqlite_sql_text(SQL_RES_EACH_IN), -1, &sc->stmt, NULL) !=
	            SQLITE_OK)
		return false;
	sqlite3_bind_text(sc->stmt, 1, sc->schemas_json, -1, SQLITE_STATIC);
	return true;
}

/* The range of entity row ids into sc; false when there are none (or on error, *rc set). */
static bool id_range(struct iv_sqlite *s, struct scan *sc, struct iv_buf *err, enum iv_err *rc)
{
	sqlite3_stmt *stmt;
	bool any = false;
	int src;

	*rc = sqlite_stmt(s, SQL_ENTITY_ID_RANGE, &stmt, err);
	if (*rc)
		return false;
	src = sqlite3_step(stmt);
	if (src == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
		int64_t hi = sqlite3_column_int64(stmt, 1);

		sc->lo = sqlite3_column_int64(stmt, 0);
		sc->hi = hi;
		sc->span = ((uint64_t)hi - (uint64_t)sc->lo) / SCAN_CHUNKS + 1;
		any = true;
	} else if (src != SQLITE_ROW && src != SQLITE_DONE) {
		*rc = sqlite_fail(s, err, "reading the entities' range");
	}
	sqlite_stmt_done(s, stmt);
	return any;
}

enum iv_err sqlite_scan_family(struct iv_sqlite *s, const char *schemas_json, iv_statement_fn fn,
                               void *ctx, bool *done, struct iv_buf *err)
{
	struct scan sc;
	pthread_t tid;
	int64_t last_id = 0;
	enum iv_err rc = IV_OK;
	bool started = false;

	*done = false;
	if (s->base.in_tx || !sqlite3_get_autocommit(s->db) || strcmp(s->path, ":memory:") == 0 ||
	    s->path[0] == '\0')
		return IV_OK;
	memset(&sc, 0, sizeof(sc));
	sc.schemas_json = schemas_json;
	iv_buf_init(&sc.err, 0);
	if (!id_range(s, &sc, err, &rc) || !open_reader(s, &sc))
		goto out;
	if (pthread_mutex_init(&sc.lock, NULL) != 0)
		goto out;
	if (pthread_cond_init(&sc.changed, NULL) != 0) {
		pthread_mutex_destroy(&sc.lock);
		goto out;
	}
	started = pthread_create(&tid, NULL, reader_thread, &sc) == 0;
	if (!started) {
		pthread_cond_destroy(&sc.changed);
		pthread_mutex_destroy(&sc.lock);
		goto out;
	}
	*done = true; /* from here on the rows are this function's to give */
	for (unsigned k = 0; !rc && k < SCAN_CHUNKS; k++)
		rc = k % 2 == 0 ? own_range(s, &sc, k, &last_id, fn, ctx, err)
		                : their_range(s, &sc, k / 2, &last_id, fn, ctx, err);
	pthread_mutex_lock(&sc.lock);
	sc.stop = true;
	pthread_cond_broadcast(&sc.changed);
	pthread_mutex_unlock(&sc.lock);
	if (rc)
		sqlite3_interrupt(sc.db); /* stopped early: the reader's range is not wanted */
	pthread_join(tid, NULL);
	pthread_cond_destroy(&sc.changed);
	pthread_mutex_destroy(&sc.lock);
out:
	sqlite3_finalize(sc.stmt);
	sqlite3_close(sc.db);
	for (unsigned i = 0; i < SCAN_AHEAD; i++) {
		chunk_reset(&sc.ready[i]);
		iv_free(sc.ready[i].rows);
	}
	iv_buf_release(&sc.err);
	return rc;
}
