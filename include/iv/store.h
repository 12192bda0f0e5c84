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
#define IV_STORE_VERSION 6
/**
 * The oldest version a read-only open takes as it is: the migrations after
 * it only add or change indexes, which the reads do without.
 */
#define IV_STORE_READABLE_VERSION 5

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
 * already recorded for the entity (say Person vs Vessel), and when the
 * entity id is not UTF-8 or holds a control character (C0, DEL, C1: ids
 * are printed everywhere and must not drive a terminal).  A statement
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

/** Whether a viewer may see statements of the handling envelope with this row id. */
typedef bool (*iv_envelope_visible_fn)(void *ctx, int64_t envelope);

/**
 * Search as a viewer sees the store: the entities that have a statement
 * matching the query whose envelope `visible` passes (NULL: every
 * statement) and whose own schema is `schema` or a descendant.  Each hit
 * once, in no promised order, with score 2 when a visible name matched
 * and 1 when only other text did; hit.caption is the id and hit.schema
 * "": the caller orders the hits and builds captions from what the viewer
 * may see.  Nothing of a hit depends on statements `visible` refuses, so
 * hidden statements cannot be inferred from it.  Stops when fn returns
 * something other than IV_OK (which is returned).
 */
IV_MUST_USE enum iv_err iv_store_search_visible(struct iv_store *st, const char *query,
                                                const char *schema, iv_envelope_visible_fn visible,
                                                void *vctx, iv_entity_fn fn, void *ctx,
                                                struct iv_buf *err);

struct iv_store_stats {
	uint64_t entities;
	uint64_t statements;
	uint64_t datasets;
	uint64_t invalid;  /* statements whose value failed validation */
	uint64_t dangling; /* reference statements whose target entity is absent */
};

/** Per-dataset counts for `invigor stats`: called once per dataset, by name. */
typedef enum iv_err (*iv_dataset_fn)(void *ctx, const char *name, uint64_t entities,
                                     uint64_t statements);
/**
 * The store's census: totals into out and, when fn is not NULL, each
 * dataset that holds statements to fn, by name, after the totals are
 * complete.  One pass over every statement (sqlite_stats.c).
 */
IV_MUST_USE enum iv_err iv_store_stats(struct iv_store *st, struct iv_store_stats *out,
                                       iv_dataset_fn fn, void *ctx, struct iv_buf *err);

/**
 * The reference statements (IV_STMT_REF) whose value is the entity id
 * `entity`: what other entities say points at it (an Associate's
 * `person`, a Call's `receiver`), in the order they were stored, each
 * handed to fn with its envelope.  Indexed: as cheap as the answer.
 */
IV_MUST_USE enum iv_err iv_store_referrers(struct iv_store *st, const char *entity,
                                           iv_statement_fn fn, void *ctx, struct iv_buf *err);

/** One dataset's figures as iv_store_dataset_counts gives them (name borrowed). */
struct iv_dataset_counts {
	const char *name;
	uint64_t entities;   /* distinct entities with a counted statement in it */
	uint64_t statements; /* counted statements */
	int64_t first_seen;  /* earliest first_seen of them (unix seconds) */
	int64_t last_seen;   /* latest last_seen */
};
typedef enum iv_err (*iv_dataset_counts_fn)(void *ctx, const struct iv_dataset_counts *d);

/**
 * Per-dataset figures over the statements whose envelope `visible` passes
 * (NULL: every statement), one call per dataset with any, by name (byte
 * order); *total gets the same figures over all datasets (name NULL,
 * entities counted once however many datasets hold them).  Nothing of the
 * answer depends on statements `visible` refuses.
 */
IV_MUST_USE enum iv_err iv_store_dataset_counts(struct iv_store *st, iv_envelope_visible_fn visible,
                                                void *vctx, iv_dataset_counts_fn fn, void *ctx,
                                                struct iv_dataset_counts *total,
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
	/*
	 * The schema the statement was stated under.  The entity's schema
	 * (iv_store_graph_entities) is reconciled from all its statements;
	 * a viewer's projection takes the most specific of the visible ones.
	 */
	const char *schema;
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

/*
 * Where the store's statements, entities and envelopes stand: their
 * largest row ids.  Rows are only ever added to those tables; in place,
 * an ingest touches a statement's first and last seen and narrows an
 * entity's schema, neither of which a filtered projection reads; every
 * transaction that changes canonical memberships (a resolution, a
 * judgement) counts one more in `resolution`.  So,
 * outside a write transaction, two equal generations read at two times
 * mean the same inputs to a viewer's projection, and a projection read
 * between two equal readings saw exactly them.  Inside a write
 * transaction the reading includes its uncommitted rows, whose ids a
 * rollback frees for reuse: nothing read there may be kept under it.
 */
struct iv_store_generation {
	int64_t statements, entities, envelopes;
	int64_t resolution; /* transactions that changed canonical memberships */
};
/** The store's generation now, as a read on this connection sees it. */
IV_MUST_USE enum iv_err iv_store_generation(struct iv_store *st, struct iv_store_generation *out,
                                            struct iv_buf *err);
/**
 * From now on, any read or write on this handle that runs past `seconds`
 * stops with IV_ERR_TIMEOUT ("... stopped at the time limit of N s"); a
 * write so stopped leaves its transaction to be rolled back.  0: no limit
 * (the default).  The server gives each request its --time-limit.
 */
void iv_store_time_limit(struct iv_store *st, double seconds);

/*
 * How long a write waits for another connection's write transaction to end
 * before it fails with "the store is locked by another process": a batch
 * resolve of a million mentions holds the lock for about 25 s, and an
 * analyst's judgement or an ingest started meanwhile should go through
 * once it is done.  A time limit (iv_store_time_limit) ends the wait
 * earlier.  Readers never wait (WAL).
 */
#define IV_STORE_WRITE_WAIT_SECS 60
/** Called once per wait, after IV_STORE_WAIT_NOTICE_SECS of waiting for another writer. */
typedef void (*iv_store_wait_fn)(void *ctx);
#define IV_STORE_WAIT_NOTICE_SECS 2
/** Be told when a write on this handle has to wait for another writer (NULL: not). */
void iv_store_on_wait(struct iv_store *st, iv_store_wait_fn fn, void *ctx);

/** The page cache a handle keeps by default, in MiB (iv_store_cache changes it). */
#define IV_STORE_CACHE_MIB     64
#define IV_STORE_CACHE_MIB_MAX 65536u
/**
 * Set this handle's page cache to mib MiB (1 to IV_STORE_CACHE_MIB_MAX):
 * a large load that rewrites the indexes of a big store runs faster with
 * more (the statements' key index of a million-mention world is 0.5 GB),
 * at the price of that much resident memory.  IV_ERR_INVALID out of range.
 */
IV_MUST_USE enum iv_err iv_store_cache(struct iv_store *st, unsigned mib, struct iv_buf *err);
/** Whether a write transaction (iv_store_begin) is open on this connection. */
bool iv_store_in_transaction(const struct iv_store *st);

/** What the engine concluded about a pair. */
enum iv_res_link_kind {
	IV_RES_MATCH = 1,  /* the model's probability reached the threshold */
	IV_RES_STRONG = 2, /* a shared strong identifier */
	IV_RES_VETO = 3,   /* conflicting strong identifiers: never in one cluster */
	IV_RES_REVIEW = 4, /* in the uncertain band: for a person to decide */
	IV_RES_REUSED = 5, /* a shared strong identifier the rest of the evidence denies
	                    * (a reused or forged number): for a person to decide */
};

struct iv_res_link {
	const char *a, *b; /* entity ids */
	enum iv_res_link_kind kind;
	double score;       /* bits */
	double probability; /* posterior match probability */
	/* read back (links_of, each_link): the canonical entity each end is in now,
	 * NULL when it is in none; ignored when links are put */
	const char *canonical_a, *canonical_b;
};

/**
 * A person's decision on a pair; verdict is "same", "different", "unsure", or
 * "withdrawn" (takes back the latest of the others still standing on the pair).
 */
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
 * The feature records of several entities to fn, in an order the store
 * chooses (the one it reads fastest); an entity without a record is
 * skipped, an entity the store does not hold is IV_ERR_NOTFOUND.
 */
IV_MUST_USE enum iv_err iv_store_res_get_records(struct iv_store *st, const char *const *entities,
                                                 size_t n, iv_res_record_fn fn, void *ctx,
                                                 struct iv_buf *err);
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
 * iv_store_res_put_key for n (key, entity) pairs at once: the same rows,
 * written in multi-row statements (a batch run writes millions).  On an
 * error (an unknown entity) nothing of this call is kept only if the
 * caller rolls back the transaction, as with the single put.
 */
IV_MUST_USE enum iv_err iv_store_res_put_keys(struct iv_store *st, const uint64_t *keys,
                                              const char *const *entities, size_t n,
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
/** iv_store_res_put_link for n links at once (multi-row statements; see put_keys). */
IV_MUST_USE enum iv_err iv_store_res_put_links(struct iv_store *st, const struct iv_res_link *links,
                                               size_t n, struct iv_buf *err);
/** The engine's links touching an entity. */
IV_MUST_USE enum iv_err iv_store_res_links_of(struct iv_store *st, const char *entity,
                                              iv_res_link_fn fn, void *ctx, struct iv_buf *err);
/** Every link of one kind (0: every kind), in no promised order. */
IV_MUST_USE enum iv_err iv_store_res_each_link(struct iv_store *st, enum iv_res_link_kind kind,
                                               iv_res_link_fn fn, void *ctx, struct iv_buf *err);
/**
 * A node of a closure (iv_store_res_closure): an entity, the canonical
 * entity it is in now (NULL: none), and its stored feature record and the
 * record's family (NULL: none).  The strings last until the callback
 * returns.
 */
struct iv_res_node {
	const char *entity, *canonical, *family, *record;
};
typedef enum iv_err (*iv_res_node_fn)(void *ctx, const struct iv_res_node *node);
/** A stored link between the closure's nodes numbered a and b (their places in node order). */
typedef enum iv_err (*iv_res_edge_fn)(void *ctx, size_t a, size_t b, enum iv_res_link_kind kind,
                                      double probability);
/** iv_store_res_closure's follow: the links of these kinds widen a closure. */
#define IV_RES_FOLLOW(kind) (1u << (unsigned)(kind))
/**
 * The entities reached from the seeds (the seeds too) through links whose
 * kind is in `follow` (IV_RES_FOLLOW(kind) | ...) and through the pairs in
 * `also` (nalso pairs of entity ids, also[2k] with also[2k + 1]: people's
 * "same", which join what the engine's links do not), each once to
 * node_fn, in an order the store chooses: its n-th call is node n.  Then
 * every stored link of any kind between two of them, once, to edge_fn.  The callbacks must not call
 * the store.  A seed the store does not hold: IV_ERR_NOTFOUND.  This is what re-clustering around
 * some entities reads (a judgement, an incremental run); the backend walks its own row ids, which
 * the links_of of each entity in turn would have to name.
 */
IV_MUST_USE enum iv_err iv_store_res_closure(struct iv_store *st, const char *const *seeds,
                                             size_t nseeds, const char *const *also, size_t nalso,
                                             unsigned follow, iv_res_node_fn node_fn,
                                             iv_res_edge_fn edge_fn, void *ctx, struct iv_buf *err);
/** Put an entity in a canonical entity (replacing its previous one). */
IV_MUST_USE enum iv_err iv_store_res_set_member(struct iv_store *st, const char *entity,
                                                const char *canonical, struct iv_buf *err);
/** The canonical id of an entity into out; IV_ERR_NOTFOUND when it is not resolved. */
IV_MUST_USE enum iv_err iv_store_res_canonical(struct iv_store *st, const char *entity,
                                               struct iv_buf *out, struct iv_buf *err);
/** The members of a canonical entity, in entity order (none: IV_OK, no call). */
IV_MUST_USE enum iv_err iv_store_res_members(struct iv_store *st, const char *canonical,
                                             iv_res_member_fn fn, void *ctx, struct iv_buf *err);
/**
 * Every membership, ordered by canonical id (bytewise, as strcmp orders it)
 * then entity.  Callers count entities' sizes in one pass on that order; a
 * backend whose text collation is not bytewise (PostgreSQL's default) must
 * ask for it (COLLATE "C").
 */
IV_MUST_USE enum iv_err iv_store_res_each_member(struct iv_store *st, iv_res_member_fn fn,
                                                 void *ctx, struct iv_buf *err);
/** A canonical entity and how many entities are its members. */
typedef enum iv_err (*iv_res_canonical_fn)(void *ctx, const char *canonical, uint64_t size);
/**
 * Every canonical entity with its size, without naming the members: the
 * review queue's sizes (a pass over the memberships' index, no entity ids).
 */
IV_MUST_USE enum iv_err iv_store_res_each_canonical(struct iv_store *st, iv_res_canonical_fn fn,
                                                    void *ctx, struct iv_buf *err);
typedef enum iv_err (*iv_res_envelope_fn)(void *ctx, const char *entity, int64_t envelope);
/**
 * For every member of a canonical entity of two or more records, the
 * handling envelope of each of its statements and of each statement of
 * the entities its stored record says fed it ("fed_by": a passport that
 * gave its holder a number), repeats and all: what a viewer must see
 * whole before a merge is shown to them.
 */
IV_MUST_USE enum iv_err iv_store_res_member_envelopes(struct iv_store *st, iv_res_envelope_fn fn,
                                                      void *ctx, struct iv_buf *err);
/**
 * The members of canonical entities of two or more records whose stored
 * record does not say what fed it (none stored, or written before records
 * kept it): iv_resolve_feeders finds theirs from the references now.
 */
IV_MUST_USE enum iv_err iv_store_res_unsaid_members(struct iv_store *st, iv_res_member_fn fn,
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

/* ---- access control -----------------------------------------------------------
 *
 * What lib/access keeps (include/iv/access.h, docs/access.md):
 * organisations, users with their argon2id password hashes and failed-login
 * counts, compartment grants, originators' consents, sessions by the hash of
 * their token, and the audit trail with its head anchor.  Roles, kinds and
 * classifications are stored by name.  The store checks nothing but
 * uniqueness: lib/access checks every field before it gets here, and calls
 * these functions only between iv_store_access_begin and iv_store_access_end
 * when it writes.
 */

/** An organisation row; strings borrowed (for the callback, or from the caller). */
struct iv_store_org {
	const char *name;
	const char *kind;    /* "uk" or "partner" */
	const char *country; /* ISO 3166-1 alpha-2, upper case */
	int64_t created;     /* unix seconds */
};

/** A user row; strings borrowed. */
struct iv_store_user {
	const char *name;
	const char *org;
	const char *role;          /* iv_role_name() */
	const char *clearance;     /* iv_classification_name() */
	const char *password_hash; /* crypto_pwhash_str() text */
	bool disabled;
	int64_t created;
	int64_t failed_logins;  /* failures counted since last_failed_at's window opened */
	int64_t last_failed_at; /* unix seconds of the last failure; 0 = none */
};

/** A session row: who and until when (token_hash: IV_STORE_TOKEN_HASH bytes). */
struct iv_store_session {
	const char *user;
	int64_t created;
	int64_t expires;
	const unsigned char *token_hash;
	size_t token_hash_len;
	bool user_live; /* the user exists and is not disabled */
};

#define IV_STORE_TOKEN_HASH 32 /* BLAKE2b-256 of a session token */
#define IV_STORE_AUDIT_HASH 32 /* BLAKE2b-256 of an audit record */
#define IV_STORE_AUDIT_KEY  32 /* the audit trail's BLAKE2b key */

/**
 * The audit trail's key as a handle keeps it once lib/access has read it
 * (access.h, "the audit trail"); the store only holds it and wipes it on
 * close.
 */
struct iv_store_audit_key {
	unsigned char key[IV_STORE_AUDIT_KEY];
	bool loaded;  /* key holds the key read from the key file */
	bool unkeyed; /* test hook: append as builds before audit keys did */
};

/** An audit row as stored (strings borrowed; prev and hash as stored, any length). */
struct iv_store_audit_row {
	int64_t seq;
	int64_t at;
	const char *user;
	const char *remote;
	const char *action;
	const char *query;
	const char *entities;
	int64_t status;
	const char *outcome;
	const unsigned char *prev;
	size_t prev_len;
	const unsigned char *hash;
	size_t hash_len;
	/* read back only: a column has the wrong type, or a text holds a NUL byte
	 * (what the fields above show is then not all that is stored) */
	bool malformed;
};

/** Which audit rows iv_store_audit_each returns, in seq order. */
struct iv_store_audit_filter {
	const char *user;   /* NULL = any */
	const char *entity; /* NULL = any: rows whose `entities` JSON array holds this string */
	int64_t from, to;   /* at >= from, at <= to; 0 = unbounded */
	int64_t after_seq;  /* seq > after_seq */
	unsigned limit;     /* 0 = all */
};

typedef enum iv_err (*iv_store_org_fn)(void *ctx, const struct iv_store_org *org);
typedef enum iv_err (*iv_store_user_fn)(void *ctx, const struct iv_store_user *user);
typedef enum iv_err (*iv_store_name_fn)(void *ctx, const char *name);
typedef enum iv_err (*iv_store_consent_fn)(void *ctx, const char *originator, const char *org,
                                           int64_t at);
typedef enum iv_err (*iv_store_session_fn)(void *ctx, const struct iv_store_session *session);
typedef enum iv_err (*iv_store_audit_fn)(void *ctx, const struct iv_store_audit_row *row);

/**
 * Start a write: a transaction of its own when none is open (*own true),
 * else a savepoint inside the caller's transaction, so that
 * iv_store_access_end can undo exactly this write either way.
 */
IV_MUST_USE enum iv_err iv_store_access_begin(struct iv_store *st, bool *own, struct iv_buf *err);
/**
 * End what iv_store_access_begin started: with rc IV_OK commit (or release
 * the savepoint) and return the outcome; otherwise undo everything since
 * the begin and return rc.
 */
IV_MUST_USE enum iv_err iv_store_access_end(struct iv_store *st, bool own, enum iv_err rc,
                                            struct iv_buf *err);
/**
 * Read several things from one snapshot: a read transaction when neither a
 * transaction nor another such read is open (*own true), nothing otherwise
 * (the open one's snapshot serves, so reads nest).  iv_store_access_read_end
 * ends it.
 */
IV_MUST_USE enum iv_err iv_store_access_read_begin(struct iv_store *st, bool *own,
                                                   struct iv_buf *err);
void iv_store_access_read_end(struct iv_store *st, bool own);

/** Add an organisation; IV_ERR_EXISTS when the name is taken. */
IV_MUST_USE enum iv_err iv_store_org_add(struct iv_store *st, const struct iv_store_org *org,
                                         struct iv_buf *err);
/** The organisation to fn; IV_ERR_NOTFOUND when there is none by that name. */
IV_MUST_USE enum iv_err iv_store_org_get(struct iv_store *st, const char *name, iv_store_org_fn fn,
                                         void *ctx, struct iv_buf *err);
/** Every organisation, by name. */
IV_MUST_USE enum iv_err iv_store_org_each(struct iv_store *st, iv_store_org_fn fn, void *ctx,
                                          struct iv_buf *err);
/** Add a user; IV_ERR_EXISTS when the name is taken. */
IV_MUST_USE enum iv_err iv_store_user_add(struct iv_store *st, const struct iv_store_user *user,
                                          struct iv_buf *err);
/** The user to fn; IV_ERR_NOTFOUND when there is none by that name. */
IV_MUST_USE enum iv_err iv_store_user_get(struct iv_store *st, const char *name,
                                          iv_store_user_fn fn, void *ctx, struct iv_buf *err);
/** Every user, by name. */
IV_MUST_USE enum iv_err iv_store_user_each(struct iv_store *st, iv_store_user_fn fn, void *ctx,
                                           struct iv_buf *err);
/** Set a user's password hash; IV_ERR_NOTFOUND for an unknown user. */
IV_MUST_USE enum iv_err iv_store_user_set_password(struct iv_store *st, const char *name,
                                                   const char *password_hash, struct iv_buf *err);
/** Disable or enable a user; IV_ERR_NOTFOUND for an unknown user. */
IV_MUST_USE enum iv_err iv_store_user_set_disabled(struct iv_store *st, const char *name,
                                                   bool disabled, struct iv_buf *err);
/** Set a user's failed-login count and the time of the last failure. */
IV_MUST_USE enum iv_err iv_store_user_set_failures(struct iv_store *st, const char *name,
                                                   int64_t count, int64_t last_failed_at,
                                                   struct iv_buf *err);
/**
 * Grant (or revoke) a compartment; *changed says whether a row was added
 * (removed): false when it was already granted (not granted).
 */
IV_MUST_USE enum iv_err iv_store_grant(struct iv_store *st, const char *user,
                                       const char *compartment, bool granted, bool *changed,
                                       struct iv_buf *err);
/** A user's compartments, in byte order. */
IV_MUST_USE enum iv_err iv_store_grants_of(struct iv_store *st, const char *user,
                                           iv_store_name_fn fn, void *ctx, struct iv_buf *err);
/** Record (or withdraw) a consent; *changed as iv_store_grant. */
IV_MUST_USE enum iv_err iv_store_consent(struct iv_store *st, const char *originator,
                                         const char *org, int64_t at, bool granted, bool *changed,
                                         struct iv_buf *err);
/** The consents to one organisation (every consent when org is NULL), by org then originator. */
IV_MUST_USE enum iv_err iv_store_consent_each(struct iv_store *st, const char *org,
                                              iv_store_consent_fn fn, void *ctx,
                                              struct iv_buf *err);
/** Store a session under the hash of its token. */
IV_MUST_USE enum iv_err iv_store_session_put(struct iv_store *st,
                                             const unsigned char hash[IV_STORE_TOKEN_HASH],
                                             const char *user, int64_t created, int64_t expires,
                                             struct iv_buf *err);
/** The session with this token hash to fn; IV_ERR_NOTFOUND when there is none. */
IV_MUST_USE enum iv_err iv_store_session_get(struct iv_store *st,
                                             const unsigned char hash[IV_STORE_TOKEN_HASH],
                                             iv_store_session_fn fn, void *ctx, struct iv_buf *err);
/**
 * Delete sessions: the one with this token hash (when hash is non-NULL),
 * every session of `user` (when non-NULL), and every session that expires
 * at or before `expired_at` (when positive).
 */
IV_MUST_USE enum iv_err iv_store_session_delete(struct iv_store *st, const unsigned char *hash,
                                                const char *user, int64_t expired_at,
                                                struct iv_buf *err);
/**
 * Where the audit trail's key file is: the file INVIGOR_AUDIT_KEY names
 * (when set at open), else "<database>.audit-key" beside the database
 * file, its directory resolved to an absolute path at open so that every
 * process opening the same database finds the same file.  NULL for a
 * store without a file (in memory).  Borrowed for the handle's life.
 */
const char *iv_store_audit_key_path(const struct iv_store *st);
/** The handle's slot for the audit key (never NULL). */
struct iv_store_audit_key *iv_store_audit_key_slot(struct iv_store *st);
/** The audit head anchor's text into out; *found false (out empty) when there is none. */
IV_MUST_USE enum iv_err iv_store_audit_head(struct iv_store *st, struct iv_buf *out, bool *found,
                                            struct iv_buf *err);
/** Set the audit head anchor's text. */
IV_MUST_USE enum iv_err iv_store_audit_set_head(struct iv_store *st, const char *head,
                                                struct iv_buf *err);
/**
 * Insert audit rows (their seq given, `malformed` ignored); IV_ERR_DB when
 * a row with one of those seq numbers is already there (the trail was
 * written behind the head anchor's back: verification says where).
 */
IV_MUST_USE enum iv_err iv_store_audit_put(struct iv_store *st,
                                           const struct iv_store_audit_row *rows, size_t n,
                                           struct iv_buf *err);
/** The audit rows the filter keeps, in seq order. */
IV_MUST_USE enum iv_err iv_store_audit_each(struct iv_store *st,
                                            const struct iv_store_audit_filter *q,
                                            iv_store_audit_fn fn, void *ctx, struct iv_buf *err);
/** One user's latest audit rows (their name exactly), newest first; at most limit (0: all). */
IV_MUST_USE enum iv_err iv_store_audit_recent(struct iv_store *st, const char *user, unsigned limit,
                                              iv_store_audit_fn fn, void *ctx, struct iv_buf *err);

#endif
