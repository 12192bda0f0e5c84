/*
 * store.h - the statement store.
 *
 * One interface, several backends behind a function table (store_int.h):
 * SQLite now (a file path), PostgreSQL later (a "postgresql://" URI)
 * without touching callers.  The store keeps statements with their
 * handling envelopes, interns entity ids, tracks each entity's schema (the
 * most specific one its statements agree on), and keeps a full-text index
 * over name, address and text values.
 *
 * Writes happen inside a transaction opened with iv_store_begin and ended
 * with iv_store_commit or iv_store_rollback; a crash at any point leaves
 * the store as it was at the last commit.  Statements put in a
 * transaction may be buffered and written in key order at commit, so
 * reads inside a write transaction are not guaranteed to see them.
 *
 * A store handle is used by one thread at a time.
 */
#ifndef IV_STORE_H
#define IV_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "iv/statement.h"
#include "iv/util.h"

struct iv_store;

enum iv_store_open_flags {
	IV_STORE_CREATE = 1 << 0,   /* create the database when missing */
	IV_STORE_READONLY = 1 << 1, /* open for reading only */
};

/** The schema version this build writes; older stores are migrated forward. */
#define IV_STORE_VERSION 3

/**
 * Open (and, with IV_STORE_CREATE, create) the store at `location`, a file
 * path for SQLite.  Applies pending migrations.  Fails with
 * IV_ERR_NOTFOUND when the database does not exist and CREATE is not set.
 * On success *out is a handle the caller closes with iv_store_close().
 */
IV_MUST_USE enum iv_err iv_store_open(const char *location, unsigned flags, struct iv_store **out,
                                      struct iv_buf *err);
/** Close the handle, rolling back an open transaction; NULL is a no-op. */
void iv_store_close(struct iv_store *st);

/** Start a write transaction (takes the write lock; waits up to 10 s for another writer). */
IV_MUST_USE enum iv_err iv_store_begin(struct iv_store *st, struct iv_buf *err);
/**
 * Write what is pending and commit.  When the commit fails the
 * transaction is rolled back: the store is as it was at iv_store_begin.
 */
IV_MUST_USE enum iv_err iv_store_commit(struct iv_store *st, struct iv_buf *err);
/** Discard everything since iv_store_begin. */
void iv_store_rollback(struct iv_store *st);

/**
 * What the current (or last) transaction did. Reset by iv_store_begin.
 * Statements are counted as they are written, so inside a transaction
 * the statement counts lag behind the puts until the next read,
 * iv_store_log_ingest or commit; after commit they are final.
 */
struct iv_store_counts {
	uint64_t statements_added;
	uint64_t statements_skipped; /* already present: last_seen updated */
	uint64_t entities_added;
};
void iv_store_counts(const struct iv_store *st, struct iv_store_counts *out);

/**
 * Put one statement (inside a transaction).  st->id must be set
 * (iv_statement_id).  The strings are copied.  Fails with IV_ERR_INVALID
 * when the statement's schema cannot be reconciled with the schema
 * already recorded for the entity (say Person vs Vessel).  A statement
 * already in the store is not added again; its last_seen is raised.
 */
IV_MUST_USE enum iv_err iv_store_put(struct iv_store *st, const struct iv_statement *stmt,
                                     struct iv_buf *err);

/** Whether an entity with this id has any statement in the store (committed or pending). */
IV_MUST_USE enum iv_err iv_store_entity_exists(struct iv_store *st, const char *entity,
                                               bool *exists, struct iv_buf *err);

/**
 * Callback for statement iteration.  The statement and its strings are
 * borrowed until the callback returns.  Return IV_OK to go on; any other
 * value stops the iteration and is returned by the iterating function.
 */
typedef enum iv_err (*iv_statement_fn)(void *ctx, const struct iv_statement *stmt);

/**
 * The statement with this id (32 hex digits); IV_ERR_NOTFOUND when the
 * store has none, IV_ERR_INVALID when id is not a statement id.
 */
IV_MUST_USE enum iv_err iv_store_statement_get(struct iv_store *st, const char *id,
                                               iv_statement_fn fn, void *ctx, struct iv_buf *err);

/** Every statement of one entity, ordered by property, then value. */
IV_MUST_USE enum iv_err iv_store_entity_statements(struct iv_store *st, const char *entity,
                                                   iv_statement_fn fn, void *ctx,
                                                   struct iv_buf *err);

/**
 * Every statement (of one dataset when dataset is non-NULL), grouped by
 * entity: all statements of an entity come together, ordered by dataset,
 * source record and envelope so that an exporter can cut fragments.
 * Streams: memory use does not grow with the store.
 */
IV_MUST_USE enum iv_err iv_store_each_statement(struct iv_store *st, const char *dataset,
                                                iv_statement_fn fn, void *ctx, struct iv_buf *err);

/** An entity record as reads return it (strings borrowed for the callback). */
struct iv_entity_hit {
	const char *id;
	const char *schema;
	const char *caption; /* best name, or the id when it has none */
	double score;        /* higher is better */
};

typedef enum iv_err (*iv_entity_fn)(void *ctx, const struct iv_entity_hit *hit);

/** The entity's schema and caption; IV_ERR_NOTFOUND when absent. */
IV_MUST_USE enum iv_err iv_store_entity_get(struct iv_store *st, const char *entity,
                                            iv_entity_fn fn, void *ctx, struct iv_buf *err);

/**
 * Full-text search over names, addresses and text.  `query` is plain
 * words (each word must match a token prefix; quotes and operators in it
 * are treated as text, never as FTS syntax).  schema, when non-NULL,
 * keeps entities of that schema or its descendants.  Best first, at most
 * `limit` hits.  IV_ERR_INVALID when the query has no searchable word.
 */
IV_MUST_USE enum iv_err iv_store_search(struct iv_store *st, const char *query, const char *schema,
                                        unsigned limit, iv_entity_fn fn, void *ctx,
                                        struct iv_buf *err);

struct iv_store_stats {
	uint64_t entities;
	uint64_t statements;
	uint64_t datasets;
	uint64_t invalid;  /* statements whose value failed validation */
	uint64_t dangling; /* reference statements whose target entity is absent */
};

IV_MUST_USE enum iv_err iv_store_stats(struct iv_store *st, struct iv_store_stats *out,
                                       struct iv_buf *err);

/** Per-dataset counts for `invigor stats`: called once per dataset, by name. */
typedef enum iv_err (*iv_dataset_fn)(void *ctx, const char *name, uint64_t entities,
                                     uint64_t statements);
IV_MUST_USE enum iv_err iv_store_datasets(struct iv_store *st, iv_dataset_fn fn, void *ctx,
                                          struct iv_buf *err);

/**
 * Write the statements pending in the transaction (still uncommitted), so
 * that iv_store_counts() is final for what was put so far.
 */
IV_MUST_USE enum iv_err iv_store_flush(struct iv_store *st, struct iv_buf *err);

/**
 * Record that a file was ingested (for the activity log); inside a
 * transaction.  Writes pending statements first; with counts NULL the
 * transaction's own counts, final at that point, are logged.
 */
IV_MUST_USE enum iv_err iv_store_log_ingest(struct iv_store *st, const char *file,
                                            const char *dataset,
                                            const struct iv_store_counts *counts,
                                            struct iv_buf *err);

/* ---- entity resolution ------------------------------------------------------
 *
 * What lib/resolve keeps between runs (docs/resolution.md): per resolved
 * entity its family and feature record (text the engine writes and reads
 * back), its blocking keys, the links the engine found, the canonical
 * entity it belongs to, each family's fitted model, and the judgements
 * people made.  Entities are named by their ids; an id the store does not
 * hold is IV_ERR_NOTFOUND.  Writes need a transaction.
 */

/**
 * Every statement of every entity whose recorded schema is one of the
 * nschemas names, grouped by entity (all statements of an entity come
 * together, in no promised order within it).  Streams.  Lean: only the
 * statement's entity, schema (the entity's), property and value are set;
 * the other strings are "" and the handling envelope is empty.
 */
IV_MUST_USE enum iv_err iv_store_each_entity_of(struct iv_store *st, const char *const *schemas,
                                                size_t nschemas, iv_statement_fn fn, void *ctx,
                                                struct iv_buf *err);

/* ---- network projections ---------------------------------------------------- */

/** A statement as a network projection reads it: lean, with row ids. */
struct iv_graph_row {
	int64_t statement; /* statement row id (iv_store_statement_hash gives its id) */
	int64_t entity;    /* entity row id (iv_store_graph_entities gives its id and schema) */
	const char *prop;
	const char *value;
	int64_t envelope; /* handling envelope row id */
};
typedef enum iv_err (*iv_graph_row_fn)(void *ctx, const struct iv_graph_row *row);
typedef enum iv_err (*iv_graph_entity_fn)(void *ctx, int64_t entity, const char *eid,
                                          const char *schema);

/** Every entity: its row id, id and schema, in row-id order.  Streams. */
IV_MUST_USE enum iv_err iv_store_graph_entities(struct iv_store *st, iv_graph_entity_fn fn,
                                                void *ctx, struct iv_buf *err);
/**
 * Every statement with a property among `props`, in the store's order
 * (one pass over the statements table, no join, no grouping: the caller
 * groups by entity).  Streams.
 */
IV_MUST_USE enum iv_err iv_store_graph_rows(struct iv_store *st, const char *const *props,
                                            size_t nprops, iv_graph_row_fn fn, void *ctx,
                                            struct iv_buf *err);
/** The content id (hex) of the statement with this row id into out (IV_HASH_HEX bytes). */
IV_MUST_USE enum iv_err iv_store_statement_hash(struct iv_store *st, int64_t statement,
                                                char out[IV_HASH_HEX], struct iv_buf *err);
/** The handling envelope with this row id. Strings live until the store's caches drop. */
IV_MUST_USE enum iv_err iv_store_envelope(struct iv_store *st, int64_t envelope,
                                          struct iv_handling *out, struct iv_buf *err);

/** What the engine concluded about a pair. */
enum iv_res_link_kind {
	IV_RES_MATCH = 1,  /* the model's probability reached the threshold */
	IV_RES_STRONG = 2, /* a shared strong identifier */
	IV_RES_VETO = 3,   /* conflicting strong identifiers: never in one cluster */
	IV_RES_REVIEW = 4, /* in the uncertain band: for a person to decide */
};

struct iv_res_link {
	const char *a, *b; /* entity ids */
	enum iv_res_link_kind kind;
	double score;       /* bits */
	double probability; /* posterior match probability */
};

/** A person's decision on a pair; verdict is "same", "different" or "unsure". */
struct iv_judgement {
	int64_t id; /* set by the store, increasing: a later judgement overrides an earlier one */
	const char *a, *b;
	const char *verdict;
	const char *user;
	const char *note; /* "" when none */
	int64_t at;       /* unix seconds */
};

typedef enum iv_err (*iv_res_link_fn)(void *ctx, const struct iv_res_link *link);
typedef enum iv_err (*iv_judgement_fn)(void *ctx, const struct iv_judgement *j);
/** An entity and the canonical entity it belongs to. */
typedef enum iv_err (*iv_res_member_fn)(void *ctx, const char *entity, const char *canonical);
/** An entity's stored feature record. */
typedef enum iv_err (*iv_res_record_fn)(void *ctx, const char *entity, const char *family,
                                        const char *record);

/**
 * A mark of how far the statements go now: statements put later are
 * "after the mark" (iv_store_res_changed).
 */
IV_MUST_USE enum iv_err iv_store_res_mark(struct iv_store *st, uint64_t *mark, struct iv_buf *err);
/**
 * The statements (lean, as iv_store_each_entity_of) of the entities of
 * those schemata that have a resolution record and a statement put after
 * the mark: resolved records that have changed since.
 */
IV_MUST_USE enum iv_err iv_store_res_changed(struct iv_store *st, const char *const *schemas,
                                             size_t nschemas, uint64_t mark, iv_statement_fn fn,
                                             void *ctx, struct iv_buf *err);
/** The same for every entity of those schemata with a statement after the mark. */
IV_MUST_USE enum iv_err iv_store_res_since(struct iv_store *st, const char *const *schemas,
                                           size_t nschemas, uint64_t mark, iv_statement_fn fn,
                                           void *ctx, struct iv_buf *err);
/**
 * Forget a family's records, links and memberships (not its model, not
 * judgements), and the blocking keys in [key_lo, key_hi] (the engine
 * gives each family its own range of keys).
 */
IV_MUST_USE enum iv_err iv_store_res_clear(struct iv_store *st, const char *family, uint64_t key_lo,
                                           uint64_t key_hi, struct iv_buf *err);
/**
 * Around a batch run's writes (begin true before, false after, in one
 * transaction): the store may set its secondary indexes aside while rows
 * are written and build them once at the end.  Reads in between may be
 * slow; the result is the same.
 */
IV_MUST_USE enum iv_err iv_store_res_bulk(struct iv_store *st, bool begin, struct iv_buf *err);
/** Store (or replace) the feature record of an entity. */
IV_MUST_USE enum iv_err iv_store_res_put_record(struct iv_store *st, const char *entity,
                                                const char *family, const char *record,
                                                struct iv_buf *err);
/** The entity's feature record to fn; IV_ERR_NOTFOUND when it has none. */
IV_MUST_USE enum iv_err iv_store_res_get_record(struct iv_store *st, const char *entity,
                                                iv_res_record_fn fn, void *ctx, struct iv_buf *err);
/**
 * The statements (lean, as iv_store_each_entity_of) of the entities of
 * those schemata that have no resolution record yet: not resolved so far.
 */
IV_MUST_USE enum iv_err iv_store_res_unresolved(struct iv_store *st, const char *const *schemas,
                                                size_t nschemas, iv_statement_fn fn, void *ctx,
                                                struct iv_buf *err);
/** Record that an entity carries a blocking key (keys keep their low 63 bits). */
IV_MUST_USE enum iv_err iv_store_res_put_key(struct iv_store *st, uint64_t key, const char *entity,
                                             struct iv_buf *err);
/**
 * Record that `count` more entities carry a key without listing them (a
 * key too common to block on, whose frequency still matters).
 */
IV_MUST_USE enum iv_err iv_store_res_add_key_count(struct iv_store *st, uint64_t key,
                                                   uint64_t count, struct iv_buf *err);
/**
 * The entities listed with a key, at most limit of them (in entity
 * order), and in *total how many carry it (listed and counted).
 */
IV_MUST_USE enum iv_err iv_store_res_key_entities(struct iv_store *st, uint64_t key, unsigned limit,
                                                  iv_res_member_fn fn, void *ctx, uint64_t *total,
                                                  struct iv_buf *err);
/** Store (or replace) the engine's link between two entities. */
IV_MUST_USE enum iv_err iv_store_res_put_link(struct iv_store *st, const struct iv_res_link *link,
                                              struct iv_buf *err);
/** The engine's links touching an entity. */
IV_MUST_USE enum iv_err iv_store_res_links_of(struct iv_store *st, const char *entity,
                                              iv_res_link_fn fn, void *ctx, struct iv_buf *err);
/** Every link of one kind (0: every kind), in no promised order. */
IV_MUST_USE enum iv_err iv_store_res_each_link(struct iv_store *st, enum iv_res_link_kind kind,
                                               iv_res_link_fn fn, void *ctx, struct iv_buf *err);
/** Put an entity in a canonical entity (replacing its previous one). */
IV_MUST_USE enum iv_err iv_store_res_set_member(struct iv_store *st, const char *entity,
                                                const char *canonical, struct iv_buf *err);
/** The canonical id of an entity into out; IV_ERR_NOTFOUND when it is not resolved. */
IV_MUST_USE enum iv_err iv_store_res_canonical(struct iv_store *st, const char *entity,
                                               struct iv_buf *out, struct iv_buf *err);
/** The members of a canonical entity, in entity order (none: IV_OK, no call). */
IV_MUST_USE enum iv_err iv_store_res_members(struct iv_store *st, const char *canonical,
                                             iv_res_member_fn fn, void *ctx, struct iv_buf *err);
/** Every membership, ordered by canonical id then entity. */
IV_MUST_USE enum iv_err iv_store_res_each_member(struct iv_store *st, iv_res_member_fn fn,
                                                 void *ctx, struct iv_buf *err);
/** Store (or replace) a family's fitted model (text the engine writes). */
IV_MUST_USE enum iv_err iv_store_res_set_model(struct iv_store *st, const char *family,
                                               const char *model, struct iv_buf *err);
/** A family's model into out; IV_ERR_NOTFOUND when the family was never resolved. */
IV_MUST_USE enum iv_err iv_store_res_get_model(struct iv_store *st, const char *family,
                                               struct iv_buf *out, struct iv_buf *err);
/** Append a judgement (j->id and the order of a and b are ignored). */
IV_MUST_USE enum iv_err iv_store_judge_put(struct iv_store *st, const struct iv_judgement *j,
                                           struct iv_buf *err);
/** Judgements touching an entity (every judgement when entity is NULL), oldest first. */
IV_MUST_USE enum iv_err iv_store_judge_each(struct iv_store *st, const char *entity,
                                            iv_judgement_fn fn, void *ctx, struct iv_buf *err);

#endif
