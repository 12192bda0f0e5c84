/*
 * sqlite_graph.c - the SQLite store's reads for network projections
 * (store.h, "network projections"): every entity's row id, id and
 * schema; the statements of chosen properties streamed with their row
 * ids, envelope and the schema each was stated under; a statement's
 * content id from its row id; an envelope by row id; the store's
 * generation (the largest row ids), which says when a kept projection is
 * still true.
 *
 * The projection asks for the few properties that make edges (a call's
 * caller, a payment's payer, a person's phone ...).  Both reads are
 * scans in table order: seeking each statement's entity (a join) or each
 * entity's statements (the entity index) costs several times as much on
 * millions of rows, so the caller keeps the entities' schemata in an
 * array by row id and filters and groups itself.
 */
#include <string.h>

#include "store/sqlite_int.h"

#include "iv/util.h"

static IV_MUST_USE enum iv_err graph_entities(struct iv_store *st, iv_graph_entity_fn fn, void *ctx,
                                              struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	int src = SQLITE_DONE;
	enum iv_err rc = sqlite_read_prepare(s, err);

	if (!rc)
		rc = sqlite_stmt(s, SQL_GRAPH_ENTITIES, &stmt, err);
	if (rc)
		return rc;
	while (!rc && (src = sqlite3_step(stmt)) == SQLITE_ROW)
		rc = fn(ctx, sqlite3_column_int64(stmt, 0), sqlite_col(stmt, 1),
		        sqlite_col(stmt, 2));
	if (!rc && src != SQLITE_DONE)
		rc = sqlite_fail(s, err, "reading the network's entities");
	sqlite_stmt_done(s, stmt);
	return rc;
}

static IV_MUST_USE enum iv_err graph_rows(struct iv_store *st, const char *props_json,
                                          iv_graph_row_fn fn, void *ctx, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	struct iv_graph_row row;
	sqlite3_stmt *stmt;
	int src = SQLITE_DONE;
	enum iv_err rc = sqlite_read_prepare(s, err);

	if (!rc)
		rc = sqlite_stmt(s, SQL_GRAPH_ROWS, &stmt, err);
	if (rc)
		return rc;
	sqlite_text(stmt, 1, props_json);
	while (!rc && (src = sqlite3_step(stmt)) == SQLITE_ROW) {
		row.statement = sqlite3_column_int64(stmt, 0);
		row.entity = sqlite3_column_int64(stmt, 1);
		row.prop = sqlite_col(stmt, 2);
		row.value = sqlite_col(stmt, 3);
		row.envelope = sqlite3_column_int64(stmt, 4);
		row.schema = sqlite_col(stmt, 5);
		rc = fn(ctx, &row);
	}
	if (!rc && src != SQLITE_DONE)
		rc = sqlite_fail(s, err, "reading the network's statements");
	sqlite_stmt_done(s, stmt);
	return rc;
}

static IV_MUST_USE enum iv_err graph_statement_hash(struct iv_store *st, int64_t statement,
                                                    char out[IV_HASH_HEX], struct iv_buf *err)
{
	static const char hex[] = "0123456789abcdef";
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_read_prepare(s, err);
	int src;

	if (!rc)
		rc = sqlite_stmt(s, SQL_GRAPH_HASH, &stmt, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, statement);
	src = sqlite3_step(stmt);
	if (src == SQLITE_ROW && sqlite3_column_bytes(stmt, 0) == IV_HASH_BYTES) {
		const unsigned char *h = sqlite3_column_blob(stmt, 0);

		for (size_t i = 0; i < IV_HASH_BYTES; i++) {
			out[2 * i] = hex[h[i] >> 4];
			out[2 * i + 1] = hex[h[i] & 15];
		}
		out[2 * IV_HASH_BYTES] = '\0';
	} else if (src == SQLITE_ROW || src == SQLITE_DONE) {
		rc = iv_seterr(err, IV_ERR_NOTFOUND, "no statement %lld", (long long)statement);
	} else {
		rc = sqlite_fail(s, err, "reading a statement id");
	}
	sqlite_stmt_done(s, stmt);
	return rc;
}

static IV_MUST_USE enum iv_err graph_envelope(struct iv_store *st, int64_t envelope,
                                              struct iv_handling *out, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	const struct sqlite_envelope *e = NULL;
	enum iv_err rc = sqlite_read_prepare(s, err);

	if (!rc)
		rc = sqlite_envelope_by_id(s, envelope, &e, err);
	if (!rc)
		*out = e->h;
	return rc;
}

/*
 * Prepared on each call rather than kept: a request asks it once, and a
 * max() over an INTEGER PRIMARY KEY is one step down the table's b-tree.
 */
static IV_MUST_USE enum iv_err graph_generation(struct iv_store *st,
                                                struct iv_store_generation *out, struct iv_buf *err)
{
	static const char sql[] = "SELECT (SELECT coalesce(max(id), 0) FROM statements), "
	                          "(SELECT coalesce(max(id), 0) FROM entities), "
	                          "(SELECT coalesce(max(id), 0) FROM envelopes), "
	                          "(SELECT coalesce(CAST(value AS INTEGER), 0) FROM meta"
	                          " WHERE key = 'res_generation')";
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt = NULL;
	enum iv_err rc = sqlite_read_prepare(s, err);

	if (rc)
		return rc;
	if (sqlite3_prepare_v2(s->db, sql, (int)sizeof(sql), &stmt, NULL) != SQLITE_OK ||
	    sqlite3_step(stmt) != SQLITE_ROW) {
		rc = sqlite_fail(s, err, "reading where the store stands");
	} else {
		out->statements = sqlite3_column_int64(stmt, 0);
		out->entities = sqlite3_column_int64(stmt, 1);
		out->envelopes = sqlite3_column_int64(stmt, 2);
		out->resolution = sqlite3_column_int64(stmt, 3);
	}
	sqlite3_finalize(stmt);
	return rc;
}

const struct iv_store_graph_ops sqlite_graph_ops = {
        .entities = graph_entities,
        .rows = graph_rows,
        .statement_hash = graph_statement_hash,
        .envelope = graph_envelope,
        .generation = graph_generation,
};
