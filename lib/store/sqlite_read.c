/*
 * sqlite_read.c - reading the SQLite store: statements of an entity or of
 * the whole store, one statement by id, the statements that point at an
 * entity, entities, search and counts as a viewer sees them (the whole
 * store's census is sqlite_stats.c).
 *
 * Every read first writes the pending batch of an open transaction, so a
 * writer reads its own statements.  Iterations step one prepared
 * statement and hand each row to the callback with strings borrowed from
 * SQLite and from the envelope cache; memory does not grow with the
 * number of rows.  A callback may read the store again (a busy prepared
 * statement is then prepared afresh, see sqlite_stmt) but must not write.
 */
#include <stdio.h>
#include <string.h>

#include "store/sqlite_int.h"

#include "iv/util.h"

/* Before reading inside a write transaction, write what is pending. */
enum iv_err sqlite_read_prepare(struct iv_sqlite *s, struct iv_buf *err)
{
	if (!s->base.in_tx || s->batch_len == 0)
		return IV_OK;
	if (s->tx_broken)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "%s: a write in this transaction failed; roll it back", s->path);
	return sqlite_flush(s, err);
}

static const char *column_str(sqlite3_stmt *stmt, int col)
{
	return (const char *)sqlite3_column_text(stmt, col);
}

/* Fill a statement from a row of STMT_COLUMNS (sqlite.c). */
static IV_MUST_USE enum iv_err row_statement(struct iv_sqlite *s, sqlite3_stmt *row,
                                             struct iv_statement *st, struct iv_buf *err)
{
	const struct sqlite_envelope *env;
	enum iv_err rc;

	memset(st, 0, sizeof(*st));
	if (sqlite3_column_bytes(row, 1) != IV_HASH_BYTES)
		return iv_seterr(err, IV_ERR_DB, "%s: statement %lld has a damaged hash", s->path,
		                 (long long)sqlite3_column_int64(row, 0));
	iv_hash_hex(sqlite3_column_blob(row, 1), st->id);
	st->entity = column_str(row, 2);
	st->schema = column_str(row, 3);
	st->property = column_str(row, 4);
	st->value = column_str(row, 5);
	st->original = sqlite3_column_type(row, 6) == SQLITE_NULL ? st->value : column_str(row, 6);
	st->dataset = column_str(row, 7);
	st->source_record = column_str(row, 9);
	st->first_seen = sqlite3_column_int64(row, 10);
	st->last_seen = sqlite3_column_int64(row, 11);
	st->flags = (unsigned)sqlite3_column_int64(row, 12);
	if (!st->entity || !st->schema || !st->property || !st->value || !st->original ||
	    !st->dataset || !st->source_record)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory reading a statement");
	rc = sqlite_envelope_by_id(s, sqlite3_column_int64(row, 8), &env, err);
	if (rc)
		return rc;
	st->handling = env->h;
	return IV_OK;
}

/* Step `stmt` to the end, handing each row to fn. */
enum iv_err sqlite_each_row(struct iv_sqlite *s, sqlite3_stmt *stmt, iv_statement_fn fn, void *ctx,
                            struct iv_buf *err)
{
	struct iv_statement st;
	enum iv_err rc;
	int src;

	while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
		rc = row_statement(s, stmt, &st, err);
		if (rc)
			return rc;
		rc = fn(ctx, &st);
		if (rc)
			return rc;
	}
	return src == SQLITE_DONE ? IV_OK : sqlite_fail(s, err, "reading statements");
}

enum iv_err sqlite_entity_exists(struct iv_store *st, const char *entity, bool *exists,
                                 struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	const struct sqlite_entity *e = NULL;
	/* entity rows are written by put itself, so pending statements count too */
	enum iv_err rc = sqlite_entity_lookup(s, false, entity, &e, err);

	*exists = !rc && e;
	return rc;
}

enum iv_err sqlite_entity_statements(struct iv_store *st, const char *entity, iv_statement_fn fn,
                                     void *ctx, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	const struct sqlite_entity *e = NULL;
	sqlite3_stmt *stmt;
	enum iv_err rc;

	rc = sqlite_read_prepare(s, err);
	if (!rc)
		rc = sqlite_entity_lookup(s, false, entity, &e, err);
	if (rc || !e)
		return rc;
	rc = sqlite_stmt(s, SQL_ENTITY_STATEMENTS, &stmt, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, e->id);
	rc = sqlite_each_row(s, stmt, fn, ctx, err);
	sqlite_stmt_done(s, stmt);
	return rc;
}

enum iv_err sqlite_statement_get(struct iv_store *st, const unsigned char digest[IV_HASH_BYTES],
                                 iv_statement_fn fn, void *ctx, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	int64_t key = iv_store_key(st, digest);
	struct iv_statement stmt_out;
	sqlite3_stmt *stmt;
	char hex[IV_HASH_HEX];
	enum iv_err rc;

	rc = sqlite_read_prepare(s, err);
	if (!rc)
		rc = sqlite_stmt(s, SQL_STMT_BY_KEY, &stmt, err);
	if (rc)
		return rc;
	/* walk the probe run from the key: the hash says which row is ours */
	for (int probe = 0; probe < SQLITE_PROBE_MAX; probe++) {
		int src;

		sqlite3_reset(stmt);
		sqlite3_bind_int64(stmt, 1, key);
		src = sqlite3_step(stmt);
		if (src == SQLITE_DONE)
			break;
		if (src != SQLITE_ROW) {
			rc = sqlite_fail(s, err, "reading a statement");
			goto out;
		}
		if (sqlite3_column_bytes(stmt, 1) == IV_HASH_BYTES &&
		    memcmp(sqlite3_column_blob(stmt, 1), digest, IV_HASH_BYTES) == 0) {
			rc = row_statement(s, stmt, &stmt_out, err);
			if (!rc)
				rc = fn(ctx, &stmt_out);
			goto out;
		}
		key = key == INT64_MAX ? 0 : key + 1;
	}
	iv_hash_hex(digest, hex);
	rc = iv_seterr(err, IV_ERR_NOTFOUND, "no statement %s", hex);
out:
	sqlite_stmt_done(s, stmt);
	return rc;
}

enum iv_err sqlite_each_statement(struct iv_store *st, const char *dataset, iv_statement_fn fn,
                                  void *ctx, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt = NULL;
	int64_t dataset_id = 0;
	enum iv_err rc;
	int src;

	rc = sqlite_read_prepare(s, err);
	if (rc)
		return rc;
	if (dataset) {
		rc = sqlite_stmt(s, SQL_DATASET_BY_NAME, &stmt, err);
		if (rc)
			return rc;
		sqlite_text(stmt, 1, dataset);
		src = sqlite3_step(stmt);
		if (src == SQLITE_ROW)
			dataset_id = sqlite3_column_int64(stmt, 0);
		else if (src != SQLITE_DONE)
			rc = sqlite_fail(s, err, "looking a dataset up");
		sqlite_stmt_done(s, stmt);
		if (rc || src == SQLITE_DONE)
			return rc; /* no such dataset: no statements */
	}
	rc = sqlite_stmt(s, dataset ? SQL_EACH_DATASET : SQL_EACH_ALL, &stmt, err);
	if (rc)
		return rc;
	if (dataset)
		sqlite3_bind_int64(stmt, 1, dataset_id);
	rc = sqlite_each_row(s, stmt, fn, ctx, err);
	sqlite_stmt_done(s, stmt);
	return rc;
}

/* The entity's best name, or NULL: copied into caption. */
static IV_MUST_USE enum iv_err entity_caption(struct iv_sqlite *s, int64_t id,
                                              struct iv_buf *caption, struct iv_buf *err)
{
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_stmt(s, SQL_CAPTION, &stmt, err);
	int src;

	if (rc)
		return rc;
	iv_buf_reset(caption);
	sqlite3_bind_int64(stmt, 1, id);
	src = sqlite3_step(stmt);
	if (src == SQLITE_ROW) {
		const char *name = column_str(stmt, 0);

		if (name && iv_buf_adds(caption, name))
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	} else if (src != SQLITE_DONE) {
		rc = sqlite_fail(s, err, "reading a caption");
	}
	sqlite_stmt_done(s, stmt);
	return rc;
}

enum iv_err sqlite_entity_get(struct iv_store *st, const char *entity, iv_entity_fn fn, void *ctx,
                              struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	struct iv_buf caption = IV_BUF_INIT;
	const struct sqlite_entity *e = NULL;
	struct iv_entity_hit hit;
	enum iv_err rc;

	rc = sqlite_read_prepare(s, err);
	if (!rc)
		rc = sqlite_entity_lookup(s, false, entity, &e, err);
	if (rc)
		return rc;
	if (!e)
		return iv_seterr(err, IV_ERR_NOTFOUND, "no entity '%s'", entity);
	hit.schema = iv_schema_name(e->schema);
	rc = entity_caption(s, e->id, &caption, err);
	if (rc)
		goto out;
	hit.id = entity;
	hit.caption = caption.len ? caption.buf : entity;
	hit.score = 0;
	rc = fn(ctx, &hit);
out:
	iv_buf_release(&caption);
	return rc;
}

/* Hand one search hit to fn unless its schema is filtered out; *taken says which. */
static IV_MUST_USE enum iv_err search_hit(struct iv_sqlite *s, int64_t entity, double score,
                                          const char *schema, struct iv_buf *caption,
                                          iv_entity_fn fn, void *ctx, bool *taken,
                                          struct iv_buf *err)
{
	const struct iv_schema *es;
	struct iv_entity_hit hit;
	sqlite3_stmt *stmt;
	const char *eid, *name;
	enum iv_err rc;
	int src;

	*taken = false;
	rc = sqlite_stmt(s, SQL_ENTITY_BY_ID, &stmt, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, entity);
	src = sqlite3_step(stmt);
	if (src != SQLITE_ROW) {
		rc = src == SQLITE_DONE ? IV_OK : sqlite_fail(s, err, "reading an entity");
		goto out;
	}
	eid = column_str(stmt, 0);
	name = column_str(stmt, 1);
	if (!eid || !name) {
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
		goto out;
	}
	es = iv_schema_get(name);
	if (schema && !(es && iv_schema_is_a(es, schema)))
		goto out;
	rc = entity_caption(s, entity, caption, err);
	if (rc)
		goto out;
	hit.id = eid;
	hit.schema = name;
	hit.caption = caption->len ? caption->buf : eid;
	hit.score = score;
	*taken = true;
	rc = fn(ctx, &hit);
out:
	sqlite_stmt_done(s, stmt);
	return rc;
}

enum iv_err sqlite_search(struct iv_store *st, const char *match, const char *schema,
                          unsigned limit, iv_entity_fn fn, void *ctx, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	struct iv_map seen = IV_MAP_INIT;
	struct iv_buf caption = IV_BUF_INIT;
	sqlite3_stmt *stmt = NULL;
	unsigned hits = 0;
	enum iv_err rc;
	int src = SQLITE_DONE;

	if (schema && !iv_schema_get(schema))
		return iv_seterr(err, IV_ERR_INVALID, "unknown schema '%s'", schema);
	rc = sqlite_read_prepare(s, err);
	if (rc || limit == 0)
		return rc;
	rc = sqlite_stmt(s, SQL_SEARCH, &stmt, err);
	if (rc)
		return rc;
	sqlite_text(stmt, 1, match);
	/* best matching statements first; an entity's first one carries its best score */
	while (hits < limit && (src = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t entity = sqlite3_column_int64(stmt, 1);
		double score = -sqlite3_column_double(stmt, 2); /* bm25: lower is better */
		char key[24];
		bool taken;

		snprintf(key, sizeof(key), "%lld", (long long)entity);
		if (iv_map_has(&seen, key))
			continue;
		if (iv_map_put(&seen, key, &seen)) {
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
			goto out;
		}
		rc = search_hit(s, entity, score, schema, &caption, fn, ctx, &taken, err);
		if (rc)
			goto out;
		hits += taken;
	}
	if (hits < limit && src != SQLITE_DONE)
		rc = sqlite_fail(s, err, "searching");
out:
	sqlite_stmt_done(s, stmt);
	iv_map_release(&seen);
	iv_buf_release(&caption);
	return rc;
}

/*
 * A viewer's search must not change when statements they cannot see are
 * added, so nothing here may depend on them: not bm25 (its statistics
 * count every row), not the order FTS5 returns rows in.  Each entity gets
 * the best of its visible matching statements' scores (2: a name, 1:
 * other text); the caller orders hits by score, then id.
 */
enum iv_err sqlite_search_visible(struct iv_store *st, const char *match, const char *schema,
                                  iv_envelope_visible_fn visible, void *vctx, iv_entity_fn fn,
                                  void *ctx, struct iv_buf *err)
{
	static char name_mark, text_mark; /* the map's values: best score so far */
	struct iv_sqlite *s = sqlite_of(st);
	struct iv_map best = IV_MAP_INIT;
	sqlite3_stmt *stmt = NULL;
	const char *key;
	void *value;
	size_t pos = 0;
	enum iv_err rc;
	int src;

	if (schema && !iv_schema_get(schema))
		return iv_seterr(err, IV_ERR_INVALID, "unknown schema '%s'", schema);
	rc = sqlite_read_prepare(s, err);
	if (!rc)
		rc = sqlite_stmt(s, SQL_SEARCH_VISIBLE, &stmt, err);
	if (rc)
		return rc;
	sqlite_text(stmt, 1, match);
	while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *eid = column_str(stmt, 0), *name = column_str(stmt, 1);
		const char *prop = column_str(stmt, 3);
		const struct iv_schema *ss;
		const struct iv_property *p;
		char *mark;

		if (!eid || !name || !prop) {
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
			goto out;
		}
		if (visible && !visible(vctx, sqlite3_column_int64(stmt, 2)))
			continue;
		ss = iv_schema_get(name);
		if (schema && !(ss && iv_schema_is_a(ss, schema)))
			continue;
		p = ss ? iv_schema_property(ss, prop) : NULL;
		mark = p && p->type == IV_TYPE_NAME ? &name_mark : &text_mark;
		if (iv_map_get(&best, eid) == &name_mark)
			continue;
		if (iv_map_put(&best, eid, mark)) {
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
			goto out;
		}
	}
	if (src != SQLITE_DONE) {
		rc = sqlite_fail(s, err, "searching");
		goto out;
	}
	sqlite_stmt_done(s, stmt);
	stmt = NULL;
	while (!rc && iv_map_next(&best, &pos, &key, &value)) {
		struct iv_entity_hit hit = {key, "", key, value == &name_mark ? 2.0 : 1.0};
		rc = fn(ctx, &hit);
	}
out:
	sqlite_stmt_done(s, stmt);
	iv_map_release(&best);
	return rc;
}

enum iv_err sqlite_referrers(struct iv_store *st, const char *entity, iv_statement_fn fn, void *ctx,
                             struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	enum iv_err rc;

	rc = sqlite_read_prepare(s, err);
	if (!rc)
		rc = sqlite_stmt(s, SQL_REFERRERS, &stmt, err);
	if (rc)
		return rc;
	sqlite_text(stmt, 1, entity);
	rc = sqlite_each_row(s, stmt, fn, ctx, err);
	sqlite_stmt_done(s, stmt);
	return rc;
}

/*
 * The envelopes `visible` passes as a JSON array of row ids into out.
 * The ids are read first and asked about after, since asking reads the
 * envelope table too.
 */
static IV_MUST_USE enum iv_err visible_envelopes(struct iv_sqlite *s,
                                                 iv_envelope_visible_fn visible, void *vctx,
                                                 struct iv_buf *out, struct iv_buf *err)
{
	int64_t *ids = NULL;
	size_t n = 0, alloc = 0;
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_stmt(s, SQL_ENVELOPE_IDS, &stmt, err);
	int src;

	if (rc)
		return rc;
	while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (n == alloc) {
			size_t want = alloc ? 2 * alloc : 64;
			int64_t *more = iv_realloc(ids, want * sizeof(*ids));

			if (!more) {
				rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
				break;
			}
			ids = more;
			alloc = want;
		}
		ids[n++] = sqlite3_column_int64(stmt, 0);
	}
	if (!rc && src != SQLITE_DONE)
		rc = sqlite_fail(s, err, "reading envelopes");
	sqlite_stmt_done(s, stmt);
	if (!rc && iv_buf_addch(out, '['))
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	for (size_t i = 0, shown = 0; !rc && i < n; i++) {
		if (!visible(vctx, ids[i]))
			continue;
		if (iv_buf_addf(out, "%s%lld", shown++ ? "," : "", (long long)ids[i]))
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	}
	if (!rc && iv_buf_addch(out, ']'))
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	iv_free(ids);
	return rc;
}

enum iv_err sqlite_dataset_counts(struct iv_store *st, iv_envelope_visible_fn visible, void *vctx,
                                  iv_dataset_counts_fn fn, void *ctx,
                                  struct iv_dataset_counts *total, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	struct iv_buf shown = IV_BUF_INIT;
	sqlite3_stmt *stmt = NULL;
	enum iv_err rc;
	int src;

	rc = sqlite_read_prepare(s, err);
	if (!rc && visible)
		rc = visible_envelopes(s, visible, vctx, &shown, err);
	if (!rc)
		rc = sqlite_stmt(s, SQL_DATASET_COUNTS, &stmt, err);
	if (rc)
		goto out;
	if (visible)
		sqlite_text(stmt, 1, shown.buf);
	else
		sqlite3_bind_null(stmt, 1);
	while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct iv_dataset_counts d = {
		        column_str(stmt, 0), (uint64_t)sqlite3_column_int64(stmt, 1),
		        (uint64_t)sqlite3_column_int64(stmt, 2), sqlite3_column_int64(stmt, 3),
		        sqlite3_column_int64(stmt, 4)};

		if (!d.name) {
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
			goto out;
		}
		rc = fn(ctx, &d);
		if (rc)
			goto out;
	}
	if (src != SQLITE_DONE) {
		rc = sqlite_fail(s, err, "counting datasets");
		goto out;
	}
	sqlite_stmt_done(s, stmt);
	rc = sqlite_stmt(s, SQL_TOTAL_COUNTS, &stmt, err);
	if (rc) {
		stmt = NULL;
		goto out;
	}
	if (visible)
		sqlite_text(stmt, 1, shown.buf);
	else
		sqlite3_bind_null(stmt, 1);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		total->entities = (uint64_t)sqlite3_column_int64(stmt, 0);
		total->statements = (uint64_t)sqlite3_column_int64(stmt, 1);
		total->first_seen = sqlite3_column_int64(stmt, 2);
		total->last_seen = sqlite3_column_int64(stmt, 3);
	} else {
		rc = sqlite_fail(s, err, "counting statements");
	}
out:
	sqlite_stmt_done(s, stmt);
	iv_buf_release(&shown);
	return rc;
}
