/*
 * sqlite_int.h - the SQLite backend's handle, shared by its three files:
 * sqlite.c (open, migrations, transactions, errors, prepared statements),
 * sqlite_write.c (put: interning, the batch, flushing), sqlite_read.c
 * (iteration, search, stats, what points at an entity, per-dataset
 * counts), and the tables of other modules:
 * sqlite_resolve.c, sqlite_graph.c and sqlite_access.c.
 *
 * The handle keeps three kinds of state beside the connection:
 *  - prepared statements, one per entry of enum sql_id, made on first use;
 *  - caches of interned ids (entities, datasets, envelopes) so a put
 *    touches SQL only for the statement row itself;
 *  - the batch of pending statements of the open transaction, sorted by
 *    row key and written on commit or when full.
 * The caches mirror committed-or-pending rows of this connection; they
 * are dropped on rollback, and at open and at each begin when another
 * connection has written since (PRAGMA data_version), because both can
 * change what they mirror.  A long-lived read-only handle does not check
 * between its reads: a reader that must see another process's schema
 * upgrades reopens (or begins) first.
 */
#ifndef IV_SQLITE_INT_H
#define IV_SQLITE_INT_H

#include <sqlite3.h>

#include "iv/schema.h"
#include "store/store_int.h"

#include "iv/util.h"

/* Pending statements per batch: large enough that one sorted batch walks
 * the table b-tree mostly forward, small enough to keep RSS modest. */
#define SQLITE_BATCH_MAX 16384
/* Page size of new stores (see docs/data-model.md for the measurements). */
#define SQLITE_PAGE_SIZE "16384"

/* Rows in one multi-row INSERT of resolution's batch writes (SQL_RES_PUT_KEYS, _LINKS). */
#define RES_BATCH 32
/* Entries kept in the entity cache before it is dropped and refilled
 * (about 120-130 bytes each with the map's slack: some 17 MB at most).  At
 * 2^18 a national-size file (the 1M world's CDR: 11.2M statements, 1.4M
 * entities) peaked at 211 MB, past issue 2's 200 MB; at 2^17 at 180 MB,
 * with no loss of speed (docs/benchmarks.md, "Ingest"). */
#define SQLITE_ENTITY_CACHE_MAX ((size_t)1 << 17)
/* Longest run of occupied keys a lookup or insert walks (63-bit collisions). */
#define SQLITE_PROBE_MAX 1024

enum sql_id {
	SQL_BEGIN,
	SQL_COMMIT,
	SQL_ROLLBACK,
	SQL_DATA_VERSION,
	SQL_STMT_INSERT,
	SQL_STMT_LAST_ID,
	SQL_STMT_SEEN,
	SQL_STMT_TOUCH,
	SQL_FTS_INSERT,
	SQL_ENTITY_BY_EID,
	SQL_ENTITY_BY_ID,
	SQL_ENTITY_INSERT,
	SQL_ENTITY_SET_SCHEMA,
	SQL_DATASET_BY_NAME,
	SQL_DATASET_INSERT,
	SQL_ENVELOPE_FIND,
	SQL_ENVELOPE_INSERT,
	SQL_ENVELOPE_BY_ID,
	SQL_CAPTION,
	SQL_STMT_BY_KEY,
	SQL_ENTITY_STATEMENTS,
	SQL_EACH_ALL,
	SQL_EACH_DATASET,
	SQL_SEARCH,
	SQL_SEARCH_VISIBLE,
	SQL_STATS_SCAN,
	SQL_DATASET_NAMES,
	SQL_STATS_DANGLING,
	SQL_REFERRERS,
	SQL_ENVELOPE_IDS,
	SQL_DATASET_COUNTS,
	SQL_TOTAL_COUNTS,
	SQL_LOG_INGEST,
	SQL_RES_EACH_OF,
	SQL_RES_EACH_IN, /* SQL_RES_EACH_OF in a range of entity row ids (sqlite_scan.c) */
	SQL_ENTITY_ID_RANGE,
	SQL_RES_UNRESOLVED,
	SQL_RES_CHANGED,
	SQL_RES_SINCE,
	SQL_RES_OTHER_FAMILY,
	SQL_RES_GENERATION_BUMP,
	SQL_RES_MEMBER_ENVELOPES,
	SQL_RES_UNSAID,
	SQL_RES_CLEAR_LINKS,
	SQL_RES_CLEAR_ALL_LINKS,
	SQL_RES_CLEAR_ALL_MEMBERS,
	SQL_RES_CLEAR_ALL_RECORDS,
	SQL_RES_CLEAR_KEYS,
	SQL_RES_CLEAR_KEY_COUNTS,
	SQL_RES_CLEAR_MEMBERS,
	SQL_RES_CLEAR_RECORDS,
	SQL_RES_PUT_RECORD,
	SQL_RES_GET_RECORD,
	SQL_RES_PUT_KEY,
	SQL_RES_PUT_KEYS, /* RES_BATCH rows */
	SQL_RES_KEY_ENTITIES,
	SQL_RES_KEY_COUNT,
	SQL_RES_ADD_KEY_COUNT,
	SQL_RES_PUT_LINK,
	SQL_RES_PUT_LINKS, /* RES_BATCH rows */
	SQL_RES_LINKS_OF,
	SQL_RES_EACH_LINK,
	SQL_RES_LINKS_FROM,
	SQL_RES_LINKS_TO,
	SQL_RES_NODE,
	SQL_RES_SET_MEMBER,
	SQL_RES_CANONICAL,
	SQL_RES_MEMBERS,
	SQL_RES_EACH_MEMBER,
	SQL_RES_EACH_CANONICAL,
	SQL_RES_SET_MODEL,
	SQL_RES_GET_MODEL,
	SQL_JUDGE_PUT,
	SQL_JUDGE_ALL,
	SQL_JUDGE_OF,
	SQL_GRAPH_ROWS,
	SQL_GRAPH_ENTITIES,
	SQL_GRAPH_HASH,
	SQL_SAVEPOINT,
	SQL_RELEASE,
	SQL_ROLLBACK_TO,
	SQL_READ_BEGIN,
	SQL_ORG_ADD,
	SQL_ORG_GET,
	SQL_ORG_EACH,
	SQL_USER_ADD,
	SQL_USER_GET,
	SQL_USER_EACH,
	SQL_USER_SET_PASSWORD,
	SQL_USER_SET_DISABLED,
	SQL_USER_SET_FAILURES,
	SQL_GRANT_ADD,
	SQL_GRANT_DELETE,
	SQL_GRANTS_OF,
	SQL_CONSENT_ADD,
	SQL_CONSENT_DELETE,
	SQL_CONSENTS_TO,
	SQL_CONSENTS_ALL,
	SQL_SESSION_PUT,
	SQL_SESSION_GET,
	SQL_SESSION_DELETE,
	SQL_SESSION_DELETE_USER,
	SQL_SESSION_EXPIRE,
	SQL_AUDIT_HEAD,
	SQL_AUDIT_SET_HEAD,
	SQL_AUDIT_PUT,
	SQL_AUDIT_EACH,
	SQL_AUDIT_BY_USER,
	SQL_AUDIT_RECENT,
	SQL__COUNT
};

/* An interned entity as the cache holds it. */
struct sqlite_entity {
	int64_t id;
	const struct iv_schema *schema;
};

/* An interned envelope: its row id and the envelope (strings in cache_arena). */
struct sqlite_envelope {
	int64_t id;
	struct iv_handling h;
};

/* Where a value goes in the full-text index: names rank above other text. */
enum sqlite_fts {
	SQLITE_FTS_NONE = 0,
	SQLITE_FTS_NAME, /* name-typed values: column `name` */
	SQLITE_FTS_TEXT, /* addresses and free text: column `text` */
};

/* A schema+property pair resolved against the registry. */
struct sqlite_prop {
	const struct iv_schema *schema;
	const struct iv_property *prop; /* NULL: not a property of the schema */
	enum sqlite_fts fts;            /* which full-text column, if any */
};

/* A statement waiting in the batch; strings are static or in batch_arena. */
struct sqlite_pending {
	int64_t key;
	unsigned char hash[IV_HASH_BYTES];
	int64_t entity;
	int64_t dataset;
	int64_t envelope;
	const char *schema;
	const char *prop;
	const char *value;
	const char *original; /* NULL when equal to value */
	const char *source_record;
	int value_len, original_len, record_len;
	int64_t first_seen;
	int64_t last_seen;
	unsigned flags;
	enum sqlite_fts fts;
	bool added; /* written by this flush (and so to be indexed for search) */
};

/* A batch entry's place in key order. */
struct sqlite_order {
	int64_t key;
	size_t index;
};

struct iv_sqlite {
	struct iv_store base;
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmts[SQL__COUNT];
	int64_t data_version; /* PRAGMA data_version when the caches were last valid */
	bool tx_broken;       /* a write failed half-way: only rollback is possible */
	bool res_touched;     /* canonical memberships changed in this transaction */
	double deadline;      /* monotonic second past which SQLite stops (0: none) */
	double limit;         /* the time limit as given, for the message */
	double wait_start;    /* when the current wait for another writer began */
	bool wait_told;       /* on_wait was called for it */
	iv_store_wait_fn on_wait;
	void *on_wait_ctx;

	/* caches of interned rows (see the file comment) */
	struct iv_arena cache_arena;
	struct iv_map entities;              /* eid -> struct sqlite_entity */
	struct sqlite_entity scratch_entity; /* a lookup that found the cache full */
	struct iv_map datasets;              /* name -> struct sqlite_entity (id only) */
	struct iv_map envelopes;             /* envelope key -> struct sqlite_envelope */
	struct iv_map envelope_ids;          /* decimal id -> struct sqlite_envelope */
	struct iv_map res_ids; /* eid -> row id, for resolution's writes (sqlite_resolve.c) */
	struct iv_buf envkey;  /* scratch: the key of the envelope being put */
	const struct sqlite_envelope *last_envelope; /* the envelope of the last put */

	/* registry lookups; independent of the database, never dropped */
	struct iv_arena prop_arena;
	struct iv_map props; /* "schema\x1fprop" -> struct sqlite_prop */
	struct iv_buf propkey;

	/* the batch */
	struct iv_arena batch_arena;
	struct sqlite_pending *batch; /* SQLITE_BATCH_MAX entries, made on the first put */
	struct sqlite_order *order;   /* twice as many, for sorting */
	size_t batch_len;
	const char *last_source_record; /* in batch_arena: shared by consecutive puts */
	int last_record_len;
};

static inline struct iv_sqlite *sqlite_of(struct iv_store *st)
{
	return (struct iv_sqlite *)st;
}

/* sqlite.c */
/* The SQL of a statement (for a connection other than the store's own). */
const char *sqlite_sql_text(enum sql_id id);
IV_MUST_USE enum iv_err sqlite_stmt(struct iv_sqlite *s, enum sql_id id, sqlite3_stmt **out,
                                    struct iv_buf *err);
void sqlite_stmt_done(struct iv_sqlite *s, sqlite3_stmt *stmt);
IV_MUST_USE enum iv_err sqlite_fail(struct iv_sqlite *s, struct iv_buf *err, const char *doing);
IV_MUST_USE enum iv_err sqlite_run(struct iv_sqlite *s, enum sql_id id, struct iv_buf *err,
                                   const char *doing);
void sqlite_caches_drop(struct iv_sqlite *s);
void sqlite_text(sqlite3_stmt *stmt, int col, const char *s);
/* A text column, "" for NULL. */
const char *sqlite_col(sqlite3_stmt *stmt, int col);
/* Step a statement that returns no rows, then reset it; *changed (may be NULL):
 * whether it changed a row. */
IV_MUST_USE enum iv_err sqlite_step_done(struct iv_sqlite *s, sqlite3_stmt *stmt, bool *changed,
                                         struct iv_buf *err, const char *doing);

/* sqlite_write.c */
IV_MUST_USE enum iv_err sqlite_put(struct iv_store *st, const struct iv_statement *stmt,
                                   const unsigned char digest[IV_HASH_BYTES], struct iv_buf *err);
IV_MUST_USE enum iv_err sqlite_flush(struct iv_sqlite *s, struct iv_buf *err);
void sqlite_batch_drop(struct iv_sqlite *s);
IV_MUST_USE enum iv_err sqlite_entity_lookup(struct iv_sqlite *s, bool writing, const char *eid,
                                             const struct sqlite_entity **out, struct iv_buf *err);
IV_MUST_USE enum iv_err sqlite_envelope_by_id(struct iv_sqlite *s, int64_t id,
                                              const struct sqlite_envelope **out,
                                              struct iv_buf *err);
IV_MUST_USE enum iv_err sqlite_flush_pending(struct iv_store *st, struct iv_buf *err);
IV_MUST_USE enum iv_err sqlite_log_ingest(struct iv_store *st, const char *file,
                                          const char *dataset, const struct iv_store_counts *counts,
                                          struct iv_buf *err);

/* sqlite_read.c */
IV_MUST_USE enum iv_err sqlite_entity_exists(struct iv_store *st, const char *entity, bool *exists,
                                             struct iv_buf *err);
IV_MUST_USE enum iv_err sqlite_entity_statements(struct iv_store *st, const char *entity,
                                                 iv_statement_fn fn, void *ctx, struct iv_buf *err);
IV_MUST_USE enum iv_err sqlite_statement_get(struct iv_store *st,
                                             const unsigned char digest[IV_HASH_BYTES],
                                             iv_statement_fn fn, void *ctx, struct iv_buf *err);
IV_MUST_USE enum iv_err sqlite_each_statement(struct iv_store *st, const char *dataset,
                                              iv_statement_fn fn, void *ctx, struct iv_buf *err);
IV_MUST_USE enum iv_err sqlite_entity_get(struct iv_store *st, const char *entity, iv_entity_fn fn,
                                          void *ctx, struct iv_buf *err);
IV_MUST_USE enum iv_err sqlite_search(struct iv_store *st, const char *match, const char *schema,
                                      unsigned limit, iv_entity_fn fn, void *ctx,
                                      struct iv_buf *err);
IV_MUST_USE enum iv_err sqlite_search_visible(struct iv_store *st, const char *match,
                                              const char *schema, iv_envelope_visible_fn visible,
                                              void *vctx, iv_entity_fn fn, void *ctx,
                                              struct iv_buf *err);
IV_MUST_USE enum iv_err sqlite_stats(struct iv_store *st, struct iv_store_stats *out,
                                     iv_dataset_fn fn, void *ctx, struct iv_buf *err);
IV_MUST_USE enum iv_err sqlite_referrers(struct iv_store *st, const char *entity,
                                         iv_statement_fn fn, void *ctx, struct iv_buf *err);
IV_MUST_USE enum iv_err sqlite_dataset_counts(struct iv_store *st, iv_envelope_visible_fn visible,
                                              void *vctx, iv_dataset_counts_fn fn, void *ctx,
                                              struct iv_dataset_counts *total, struct iv_buf *err);
IV_MUST_USE enum iv_err sqlite_read_prepare(struct iv_sqlite *s, struct iv_buf *err);
IV_MUST_USE enum iv_err sqlite_each_row(struct iv_sqlite *s, sqlite3_stmt *stmt, iv_statement_fn fn,
                                        void *ctx, struct iv_buf *err);

/* sqlite_resolve.c */
extern const struct iv_store_res_ops sqlite_res_ops;
/* Keep an entity's row id for resolution's writes (a cache: a failure costs a lookup). */
void sqlite_res_remember(struct iv_sqlite *s, const char *eid, int64_t id);
/*
 * One lean row (entity, schema, property, value, entity row id) to fn, as
 * iv_store_each_entity_of gives it, remembering the entity's row id when it
 * differs from *last_id; sqlite_res_rows steps a statement of such rows.
 */
IV_MUST_USE enum iv_err sqlite_res_row(struct iv_sqlite *s, const char *entity, const char *schema,
                                       const char *prop, const char *value, int64_t id,
                                       int64_t *last_id, iv_statement_fn fn, void *ctx);
IV_MUST_USE enum iv_err sqlite_res_rows(struct iv_sqlite *s, sqlite3_stmt *stmt, int64_t *last_id,
                                        iv_statement_fn fn, void *ctx, struct iv_buf *err);

/* sqlite_scan.c */
/*
 * Every statement of the entities of the schemas (a JSON array), in entity
 * order, read on this connection and a second one at once; *done false
 * (nothing given to fn) when it cannot be done that way here.
 */
IV_MUST_USE enum iv_err sqlite_scan_family(struct iv_sqlite *s, const char *schemas_json,
                                           iv_statement_fn fn, void *ctx, bool *done,
                                           struct iv_buf *err);
extern const struct iv_store_graph_ops sqlite_graph_ops;

/* sqlite_access.c */
extern const struct iv_store_access_ops sqlite_access_ops;

#endif
