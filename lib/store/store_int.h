/*
 * store_int.h - what the store front end (store.c) and its backends share.
 *
 * struct iv_store is the part of every backend handle that store.c
 * knows: the function table, the transaction state and the counts.  A
 * backend embeds it as its first member and casts back.  Adding a
 * backend means one new file with an open function and a table, plus
 * one line in store.c's list of location prefixes; callers never change.
 *
 * store.c checks the arguments and the transaction state before it
 * calls through the table, so a backend may assume: a handle that is
 * open, `in_tx` true for put/commit/log_ingest, writable for begin.
 */
#ifndef IV_STORE_INT_H
#define IV_STORE_INT_H

#include "iv/store.h"

struct iv_store;

/**
 * Test hook: compute the 63-bit row key of a statement from its digest
 * instead of iv_hash_key(), so that a test can force key collisions.
 * Must return a value in [0, INT64_MAX].
 */
typedef int64_t (*iv_store_key_fn)(void *ctx, const unsigned char digest[IV_HASH_BYTES]);

/* Entity resolution's tables (store.h, "entity resolution"); ids are entity ids. */
struct iv_store_res_ops {
	/* since >= 0: the entities with a statement after that mark (and, unless
	 * `unresolved`, a resolution record) */
	enum iv_err (*each_entity_of)(struct iv_store *st, const char *schemas_json,
	                              bool unresolved, int64_t since, iv_statement_fn fn, void *ctx,
	                              struct iv_buf *err);
	enum iv_err (*mark)(struct iv_store *st, uint64_t *mark, struct iv_buf *err);
	enum iv_err (*clear)(struct iv_store *st, const char *family, int64_t key_lo,
	                     int64_t key_hi, struct iv_buf *err);
	enum iv_err (*bulk)(struct iv_store *st, bool begin, struct iv_buf *err);
	enum iv_err (*put_record)(struct iv_store *st, const char *entity, const char *family,
	                          const char *record, struct iv_buf *err);
	enum iv_err (*get_record)(struct iv_store *st, const char *entity, iv_res_record_fn fn,
	                          void *ctx, struct iv_buf *err);
	enum iv_err (*get_records)(struct iv_store *st, const char *const *entities, size_t n,
	                           iv_res_record_fn fn, void *ctx, struct iv_buf *err);
	enum iv_err (*put_key)(struct iv_store *st, int64_t key, const char *entity,
	                       struct iv_buf *err);
	enum iv_err (*put_keys)(struct iv_store *st, const int64_t *keys,
	                        const char *const *entities, size_t n, struct iv_buf *err);
	enum iv_err (*add_key_count)(struct iv_store *st, int64_t key, uint64_t count,
	                             struct iv_buf *err);
	enum iv_err (*key_entities)(struct iv_store *st, int64_t key, unsigned limit,
	                            iv_res_member_fn fn, void *ctx, uint64_t *total,
	                            struct iv_buf *err);
	enum iv_err (*put_link)(struct iv_store *st, const struct iv_res_link *link,
	                        struct iv_buf *err);
	enum iv_err (*put_links)(struct iv_store *st, const struct iv_res_link *links, size_t n,
	                         struct iv_buf *err);
	enum iv_err (*links_of)(struct iv_store *st, const char *entity, iv_res_link_fn fn,
	                        void *ctx, struct iv_buf *err);
	enum iv_err (*each_link)(struct iv_store *st, enum iv_res_link_kind kind, iv_res_link_fn fn,
	                         void *ctx, struct iv_buf *err);
	enum iv_err (*closure)(struct iv_store *st, const char *const *seeds, size_t nseeds,
	                       const char *const *also, size_t nalso, unsigned follow,
	                       iv_res_node_fn node_fn, iv_res_edge_fn edge_fn, void *ctx,
	                       struct iv_buf *err);
	enum iv_err (*set_member)(struct iv_store *st, const char *entity, const char *canonical,
	                          struct iv_buf *err);
	enum iv_err (*canonical)(struct iv_store *st, const char *entity, struct iv_buf *out,
	                         struct iv_buf *err);
	enum iv_err (*members)(struct iv_store *st, const char *canonical, iv_res_member_fn fn,
	                       void *ctx, struct iv_buf *err);
	enum iv_err (*each_canonical)(struct iv_store *st, iv_res_canonical_fn fn, void *ctx,
	                              struct iv_buf *err);
	enum iv_err (*member_envelopes)(struct iv_store *st, iv_res_envelope_fn fn, void *ctx,
	                                struct iv_buf *err);
	enum iv_err (*unsaid_members)(struct iv_store *st, iv_res_member_fn fn, void *ctx,
	                              struct iv_buf *err);
	enum iv_err (*set_model)(struct iv_store *st, const char *family, const char *model,
	                         struct iv_buf *err);
	enum iv_err (*get_model)(struct iv_store *st, const char *family, struct iv_buf *out,
	                         struct iv_buf *err);
	enum iv_err (*judge_put)(struct iv_store *st, const struct iv_judgement *j,
	                         struct iv_buf *err);
	enum iv_err (*judge_each)(struct iv_store *st, const char *entity, iv_judgement_fn fn,
	                          void *ctx, struct iv_buf *err);
};

/* Network projections' reads (store.h, "network projections"). */
struct iv_store_graph_ops {
	enum iv_err (*entities)(struct iv_store *st, iv_graph_entity_fn fn, void *ctx,
	                        struct iv_buf *err);
	enum iv_err (*rows)(struct iv_store *st, const char *props_json, iv_graph_row_fn fn,
	                    void *ctx, struct iv_buf *err);
	enum iv_err (*statement_hash)(struct iv_store *st, int64_t statement, char out[IV_HASH_HEX],
	                              struct iv_buf *err);
	enum iv_err (*envelope)(struct iv_store *st, int64_t envelope, struct iv_handling *out,
	                        struct iv_buf *err);
	enum iv_err (*generation)(struct iv_store *st, struct iv_store_generation *out,
	                          struct iv_buf *err);
};

/* What a savepoint call does (struct iv_store_access_ops). */
enum iv_store_savepoint {
	IV_SAVEPOINT_OPEN,
	IV_SAVEPOINT_RELEASE,
	IV_SAVEPOINT_UNDO, /* roll back to the savepoint and release it */
	IV_SNAPSHOT_BEGIN, /* a read transaction */
	IV_SNAPSHOT_END,
};

/* Access control's tables (store.h, "access control"). */
struct iv_store_access_ops {
	enum iv_err (*savepoint)(struct iv_store *st, enum iv_store_savepoint op,
	                         struct iv_buf *err);
	enum iv_err (*org_add)(struct iv_store *st, const struct iv_store_org *org,
	                       struct iv_buf *err);
	/* name NULL: every organisation */
	enum iv_err (*org_get)(struct iv_store *st, const char *name, iv_store_org_fn fn, void *ctx,
	                       struct iv_buf *err);
	enum iv_err (*user_add)(struct iv_store *st, const struct iv_store_user *user,
	                        struct iv_buf *err);
	/* name NULL: every user */
	enum iv_err (*user_get)(struct iv_store *st, const char *name, iv_store_user_fn fn,
	                        void *ctx, struct iv_buf *err);
	enum iv_err (*user_set_password)(struct iv_store *st, const char *name, const char *hash,
	                                 struct iv_buf *err);
	enum iv_err (*user_set_disabled)(struct iv_store *st, const char *name, bool disabled,
	                                 struct iv_buf *err);
	enum iv_err (*user_set_failures)(struct iv_store *st, const char *name, int64_t count,
	                                 int64_t at, struct iv_buf *err);
	enum iv_err (*grant)(struct iv_store *st, const char *user, const char *compartment,
	                     bool granted, bool *changed, struct iv_buf *err);
	enum iv_err (*grants_of)(struct iv_store *st, const char *user, iv_store_name_fn fn,
	                         void *ctx, struct iv_buf *err);
	enum iv_err (*consent)(struct iv_store *st, const char *originator, const char *org,
	                       int64_t at, bool granted, bool *changed, struct iv_buf *err);
	enum iv_err (*consent_each)(struct iv_store *st, const char *org, iv_store_consent_fn fn,
	                            void *ctx, struct iv_buf *err);
	enum iv_err (*session_put)(struct iv_store *st, const unsigned char *hash, const char *user,
	                           int64_t created, int64_t expires, struct iv_buf *err);
	enum iv_err (*session_get)(struct iv_store *st, const unsigned char *hash,
	                           iv_store_session_fn fn, void *ctx, struct iv_buf *err);
	enum iv_err (*session_delete)(struct iv_store *st, const unsigned char *hash,
	                              const char *user, int64_t expired_at, struct iv_buf *err);
	enum iv_err (*audit_head)(struct iv_store *st, struct iv_buf *out, bool *found,
	                          struct iv_buf *err);
	enum iv_err (*audit_set_head)(struct iv_store *st, const char *head, struct iv_buf *err);
	enum iv_err (*audit_put)(struct iv_store *st, const struct iv_store_audit_row *rows,
	                         size_t n, struct iv_buf *err);
	enum iv_err (*audit_each)(struct iv_store *st, const struct iv_store_audit_filter *q,
	                          iv_store_audit_fn fn, void *ctx, struct iv_buf *err);
	enum iv_err (*audit_recent)(struct iv_store *st, const char *user, unsigned limit,
	                            iv_store_audit_fn fn, void *ctx, struct iv_buf *err);
};

struct iv_store_ops {
	const char *name; /* "sqlite" */
	void (*close)(struct iv_store *st);
	enum iv_err (*begin)(struct iv_store *st, struct iv_buf *err);
	enum iv_err (*commit)(struct iv_store *st, struct iv_buf *err);
	void (*rollback)(struct iv_store *st);
	void (*time_limit)(struct iv_store *st, double seconds);
	void (*on_wait)(struct iv_store *st, iv_store_wait_fn fn, void *ctx);
	enum iv_err (*cache)(struct iv_store *st, unsigned mib, struct iv_buf *err);
	enum iv_err (*put)(struct iv_store *st, const struct iv_statement *stmt,
	                   const unsigned char digest[IV_HASH_BYTES], struct iv_buf *err);
	enum iv_err (*entity_exists)(struct iv_store *st, const char *entity, bool *exists,
	                             struct iv_buf *err);
	enum iv_err (*entity_statements)(struct iv_store *st, const char *entity,
	                                 iv_statement_fn fn, void *ctx, struct iv_buf *err);
	enum iv_err (*statement_get)(struct iv_store *st, const unsigned char digest[IV_HASH_BYTES],
	                             iv_statement_fn fn, void *ctx, struct iv_buf *err);
	enum iv_err (*each_statement)(struct iv_store *st, const char *dataset, iv_statement_fn fn,
	                              void *ctx, struct iv_buf *err);
	enum iv_err (*entity_get)(struct iv_store *st, const char *entity, iv_entity_fn fn,
	                          void *ctx, struct iv_buf *err);
	enum iv_err (*search)(struct iv_store *st, const char *match, const char *schema,
	                      unsigned limit, iv_entity_fn fn, void *ctx, struct iv_buf *err);
	enum iv_err (*search_visible)(struct iv_store *st, const char *match, const char *schema,
	                              iv_envelope_visible_fn visible, void *vctx, iv_entity_fn fn,
	                              void *ctx, struct iv_buf *err);
	enum iv_err (*stats)(struct iv_store *st, struct iv_store_stats *out, iv_dataset_fn fn,
	                     void *ctx, struct iv_buf *err);
	enum iv_err (*referrers)(struct iv_store *st, const char *entity, iv_statement_fn fn,
	                         void *ctx, struct iv_buf *err);
	enum iv_err (*dataset_counts)(struct iv_store *st, iv_envelope_visible_fn visible,
	                              void *vctx, iv_dataset_counts_fn fn, void *ctx,
	                              struct iv_dataset_counts *total, struct iv_buf *err);
	enum iv_err (*flush)(struct iv_store *st, struct iv_buf *err);
	enum iv_err (*log_ingest)(struct iv_store *st, const char *file, const char *dataset,
	                          const struct iv_store_counts *counts, struct iv_buf *err);
	const struct iv_store_res_ops *res;
	const struct iv_store_graph_ops *graph;
	const struct iv_store_access_ops *access;
};

struct iv_store {
	const struct iv_store_ops *ops;
	unsigned flags; /* enum iv_store_open_flags */
	bool in_tx;     /* between begin and commit/rollback */
	bool reading;   /* inside an iv_store_access_read_begin that began a read */
	struct iv_store_counts counts;
	iv_store_key_fn key_fn; /* NULL = iv_hash_key */
	void *key_ctx;
	char *audit_key_path; /* iv_store_audit_key_path(); NULL = none */
	struct iv_store_audit_key audit_key;
};

/**
 * Set st->audit_key_path for a database file at `path` (store.h,
 * iv_store_audit_key_path); nothing for ":memory:".  Backends call it
 * once the file is open; iv_store_close releases it.
 */
IV_MUST_USE enum iv_err iv_store_audit_key_locate(struct iv_store *st, const char *path,
                                                  struct iv_buf *err);
/** Free the key path and wipe the key (iv_store_close). */
void iv_store_audit_key_release(struct iv_store *st);

/** The row key of a digest: iv_hash_key() unless a test hook is set. */
static inline int64_t iv_store_key(const struct iv_store *st,
                                   const unsigned char digest[IV_HASH_BYTES])
{
	return st->key_fn ? st->key_fn(st->key_ctx, digest) : iv_hash_key(digest);
}

/** Install (or, with fn NULL, remove) the key hook.  For tests only. */
void iv_store_set_key_hook(struct iv_store *st, iv_store_key_fn fn, void *ctx);

/**
 * Build the FTS5 MATCH expression for a plain-words query into out: each
 * whitespace-separated word that holds a letter or digit becomes an FTS5
 * string ("..." with inner quotes doubled) with a trailing * (prefix),
 * and the strings are joined by spaces (AND).  User text can never reach
 * FTS5 as syntax.  IV_ERR_INVALID when no such word remains.
 */
IV_MUST_USE enum iv_err iv_store_fts_query(const char *query, struct iv_buf *out,
                                           struct iv_buf *err);

/* ---- backends ------------------------------------------------------------- */

IV_MUST_USE enum iv_err iv_store_sqlite_open(const char *path, unsigned flags,
                                             struct iv_store **out, struct iv_buf *err);

#endif
