/*
 * sqlite_resolve.c - entity resolution's tables in the SQLite store:
 * feature records, blocking keys, the engine's links, canonical
 * memberships, fitted models and judgements (migration 2 in sqlite.c).
 *
 * The tables name entities by the integer row id of `entities`; the
 * interface (store.h) names them by entity id, so every function looks
 * its entity ids up first and an id the store does not hold is
 * IV_ERR_NOTFOUND.  Links keep the smaller row id in `a`, so a pair has
 * one row whichever way round it is given.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/sqlite_int.h"

#include "iv/util.h"

/*
 * Resolution writes every record it read several times (record, keys,
 * links, membership): the row ids of the entities a resolution read are
 * kept here, filled as the records stream, beside the ingest's bounded
 * entity cache.  Dropped with the other caches (rollback, another
 * connection writing) and when it grows past this.
 */
#define RES_IDS_MAX ((size_t)1 << 23)

void sqlite_res_remember(struct iv_sqlite *s, const char *eid, int64_t id)
{
	if (s->res_ids.len >= RES_IDS_MAX)
		iv_map_release(&s->res_ids);
	/* a failed insert only costs a later lookup */
	if (iv_map_put(&s->res_ids, eid, (void *)(uintptr_t)id) != IV_OK)
		return;
}

/* The row id of an entity id; IV_ERR_NOTFOUND when the store has no such entity. */
static IV_MUST_USE enum iv_err entity_row(struct iv_sqlite *s, const char *eid, int64_t *id,
                                          struct iv_buf *err)
{
	const struct sqlite_entity *e = NULL;
	void *known = iv_map_get(&s->res_ids, eid);
	enum iv_err rc = sqlite_read_prepare(s, err);

	if (rc)
		return rc;
	if (known) {
		*id = (int64_t)(uintptr_t)known;
		return IV_OK;
	}
	rc = sqlite_entity_lookup(s, false, eid, &e, err);
	if (rc)
		return rc;
	if (!e)
		return iv_seterr(err, IV_ERR_NOTFOUND, "no entity '%s'", eid);
	*id = e->id;
	sqlite_res_remember(s, eid, e->id);
	return IV_OK;
}

/* The row ids of a pair of entity ids, smaller first (links and judgements keep a < b). */
static IV_MUST_USE enum iv_err pair_rows(struct iv_sqlite *s, const char *a, const char *b,
                                         int64_t *lo, int64_t *hi, struct iv_buf *err)
{
	int64_t ra = 0, rb = 0;
	enum iv_err rc = entity_row(s, a, &ra, err);

	if (!rc)
		rc = entity_row(s, b, &rb, err);
	*lo = ra < rb ? ra : rb;
	*hi = ra < rb ? rb : ra;
	return rc;
}

enum iv_err sqlite_res_row(struct iv_sqlite *s, const char *entity, const char *schema,
                           const char *prop, const char *value, int64_t id, int64_t *last_id,
                           iv_statement_fn fn, void *ctx)
{
	struct iv_statement row;

	memset(&row, 0, sizeof(row));
	row.dataset = row.source_record = "";
	row.entity = entity;
	row.schema = schema;
	row.property = prop;
	row.value = row.original = value;
	if (id != *last_id) {
		*last_id = id;
		sqlite_res_remember(s, entity, id);
	}
	return fn(ctx, &row);
}

enum iv_err sqlite_res_rows(struct iv_sqlite *s, sqlite3_stmt *stmt, int64_t *last_id,
                            iv_statement_fn fn, void *ctx, struct iv_buf *err)
{
	enum iv_err rc = IV_OK;
	int src = SQLITE_DONE;

	while (!rc && (src = sqlite3_step(stmt)) == SQLITE_ROW)
		rc = sqlite_res_row(s, sqlite_col(stmt, 0), sqlite_col(stmt, 1),
		                    sqlite_col(stmt, 2), sqlite_col(stmt, 3),
		                    sqlite3_column_int64(stmt, 4), last_id, fn, ctx);
	if (!rc && src != SQLITE_DONE)
		rc = sqlite_fail(s, err, "reading records to resolve");
	return rc;
}

static IV_MUST_USE enum iv_err res_each_entity_of(struct iv_store *st, const char *schemas_json,
                                                  bool unresolved, int64_t since,
                                                  iv_statement_fn fn, void *ctx, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	int64_t last_id = 0;
	bool done = false;
	enum iv_err rc = sqlite_read_prepare(s, err);

	if (!rc && since < 0 && !unresolved) /* a batch's whole family: on two connections */
		rc = sqlite_scan_family(s, schemas_json, fn, ctx, &done, err);
	if (rc || done)
		return rc;
	rc = sqlite_stmt(s,
	                 since >= 0   ? (unresolved ? SQL_RES_SINCE : SQL_RES_CHANGED)
	                 : unresolved ? SQL_RES_UNRESOLVED
	                              : SQL_RES_EACH_OF,
	                 &stmt, err);
	if (rc)
		return rc;
	sqlite_text(stmt, 1, schemas_json);
	if (since >= 0)
		sqlite3_bind_int64(stmt, 2, since);
	rc = sqlite_res_rows(s, stmt, &last_id, fn, ctx, err);
	sqlite_stmt_done(s, stmt);
	return rc;
}

static IV_MUST_USE enum iv_err res_mark(struct iv_store *st, uint64_t *mark, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_read_prepare(s, err);

	if (!rc)
		rc = sqlite_stmt(s, SQL_STMT_LAST_ID, &stmt, err);
	if (rc)
		return rc;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*mark = (uint64_t)sqlite3_column_int64(stmt, 0);
	else
		rc = sqlite_fail(s, err, "reading the statement count");
	sqlite_stmt_done(s, stmt);
	return rc;
}

/*
 * Canonical memberships are about to change: counted in the store's graph
 * generation (meta res_generation) when the transaction commits, or at
 * once outside one, so that a kept network projection is not served for
 * clusters that are gone (lib/view/netcache.c).
 */
static IV_MUST_USE enum iv_err memberships_change(struct iv_sqlite *s, struct iv_buf *err)
{
	if (!sqlite3_get_autocommit(s->db)) {
		s->res_touched = true;
		return IV_OK;
	}
	return sqlite_run(s, SQL_RES_GENERATION_BUMP, err, "counting a resolution change");
}

/*
 * Clear a family's resolution: its records, their members and links, and
 * the keys in its range.  When no other family has records (the usual
 * case: people only), the three tables are emptied whole, which SQLite
 * does by dropping their pages: for a million records 0.5 s rather than 10
 * (a link is only ever stored between two records of one family).
 */
static IV_MUST_USE enum iv_err res_clear(struct iv_store *st, const char *family, int64_t key_lo,
                                         int64_t key_hi, struct iv_buf *err)
{
	static const enum sql_id some[] = {SQL_RES_CLEAR_LINKS, SQL_RES_CLEAR_KEYS,
	                                   SQL_RES_CLEAR_KEY_COUNTS, SQL_RES_CLEAR_MEMBERS,
	                                   SQL_RES_CLEAR_RECORDS};
	static const enum sql_id all[] = {SQL_RES_CLEAR_ALL_LINKS, SQL_RES_CLEAR_KEYS,
	                                  SQL_RES_CLEAR_KEY_COUNTS, SQL_RES_CLEAR_ALL_MEMBERS,
	                                  SQL_RES_CLEAR_ALL_RECORDS};
	struct iv_sqlite *s = sqlite_of(st);
	const enum sql_id *steps = some;
	sqlite3_stmt *stmt = NULL;
	enum iv_err rc = sqlite_read_prepare(s, err);

	if (!rc)
		rc = memberships_change(s, err);
	if (!rc)
		rc = sqlite_stmt(s, SQL_RES_OTHER_FAMILY, &stmt, err);
	if (!rc) {
		sqlite_text(stmt, 1, family);
		if (sqlite3_step(stmt) != SQLITE_ROW)
			rc = sqlite_fail(s, err, "reading the resolved families");
		else if (sqlite3_column_int(stmt, 0) == 0)
			steps = all;
		sqlite_stmt_done(s, stmt);
	}
	for (size_t i = 0; !rc && i < sizeof(some) / sizeof(some[0]); i++) {
		rc = sqlite_stmt(s, steps[i], &stmt, err);
		if (rc)
			break;
		if (steps[i] == SQL_RES_CLEAR_KEYS || steps[i] == SQL_RES_CLEAR_KEY_COUNTS) {
			sqlite3_bind_int64(stmt, 2, key_lo);
			sqlite3_bind_int64(stmt, 3, key_hi);
		} else if (steps == some) {
			sqlite_text(stmt, 1, family);
		}
		rc = sqlite_step_done(s, stmt, NULL, err, "clearing a resolution");
	}
	return rc;
}

static IV_MUST_USE enum iv_err res_put_record(struct iv_store *st, const char *entity,
                                              const char *family, const char *record,
                                              struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	int64_t id = 0;
	enum iv_err rc = entity_row(s, entity, &id, err);

	if (!rc)
		rc = sqlite_stmt(s, SQL_RES_PUT_RECORD, &stmt, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite_text(stmt, 2, family);
	sqlite_text(stmt, 3, record);
	return sqlite_step_done(s, stmt, NULL, err, "storing a resolution record");
}

static IV_MUST_USE enum iv_err res_get_record(struct iv_store *st, const char *entity,
                                              iv_res_record_fn fn, void *ctx, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	int64_t id = 0;
	int src;
	enum iv_err rc = entity_row(s, entity, &id, err);

	if (!rc)
		rc = sqlite_stmt(s, SQL_RES_GET_RECORD, &stmt, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	src = sqlite3_step(stmt);
	if (src == SQLITE_ROW)
		rc = fn(ctx, entity, sqlite_col(stmt, 0), sqlite_col(stmt, 1));
	else if (src == SQLITE_DONE)
		rc = iv_seterr(err, IV_ERR_NOTFOUND, "entity '%s' has not been resolved", entity);
	else
		rc = sqlite_fail(s, err, "reading a resolution record");
	sqlite_stmt_done(s, stmt);
	return rc;
}

struct record_row {
	int64_t id;
	size_t i;
};

static int record_row_order(const void *pa, const void *pb)
{
	const struct record_row *a = pa, *b = pb;

	return a->id < b->id ? -1 : a->id > b->id;
}

/* In row-id order: the records of a few hundred thousand entities are then read page by page. */
static IV_MUST_USE enum iv_err res_get_records(struct iv_store *st, const char *const *entities,
                                               size_t n, iv_res_record_fn fn, void *ctx,
                                               struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	struct record_row *rows = iv_malloc((n + 1) * sizeof(*rows));
	sqlite3_stmt *stmt = NULL;
	enum iv_err rc =
	        rows ? IV_OK
	             : iv_seterr(err, IV_ERR_NOMEM, "out of memory reading resolution records");

	for (size_t i = 0; !rc && i < n; i++) {
		rows[i].i = i;
		rc = entity_row(s, entities[i], &rows[i].id, err);
	}
	if (!rc) {
		qsort(rows, n, sizeof(*rows), record_row_order);
		rc = sqlite_stmt(s, SQL_RES_GET_RECORD, &stmt, err);
	}
	for (size_t k = 0; !rc && k < n; k++) {
		int src;

		sqlite3_bind_int64(stmt, 1, rows[k].id);
		src = sqlite3_step(stmt);
		if (src == SQLITE_ROW)
			rc = fn(ctx, entities[rows[k].i], sqlite_col(stmt, 0), sqlite_col(stmt, 1));
		else if (src != SQLITE_DONE)
			rc = sqlite_fail(s, err, "reading a resolution record");
		sqlite3_reset(stmt);
	}
	if (stmt)
		sqlite_stmt_done(s, stmt);
	iv_free(rows);
	return rc;
}

static IV_MUST_USE enum iv_err res_put_key(struct iv_store *st, int64_t key, const char *entity,
                                           struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	int64_t id = 0;
	enum iv_err rc = entity_row(s, entity, &id, err);

	if (!rc)
		rc = sqlite_stmt(s, SQL_RES_PUT_KEY, &stmt, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, key);
	sqlite3_bind_int64(stmt, 2, id);
	return sqlite_step_done(s, stmt, NULL, err, "storing a blocking key");
}

/*
 * Many keys: RES_BATCH rows a statement, the rest one by one.  The
 * statement is stepped before the next batch's row ids are looked up.
 */
static IV_MUST_USE enum iv_err res_put_keys(struct iv_store *st, const int64_t *keys,
                                            const char *const *entities, size_t n,
                                            struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	size_t i = 0;
	enum iv_err rc = IV_OK;

	while (!rc && n - i >= RES_BATCH) {
		sqlite3_stmt *stmt;
		int64_t ids[RES_BATCH];

		for (size_t k = 0; !rc && k < RES_BATCH; k++)
			rc = entity_row(s, entities[i + k], &ids[k], err);
		if (!rc)
			rc = sqlite_stmt(s, SQL_RES_PUT_KEYS, &stmt, err);
		if (rc)
			return rc;
		for (int k = 0; k < RES_BATCH; k++) {
			sqlite3_bind_int64(stmt, 2 * k + 1, keys[i + (size_t)k]);
			sqlite3_bind_int64(stmt, 2 * k + 2, ids[k]);
		}
		rc = sqlite_step_done(s, stmt, NULL, err, "storing blocking keys");
		i += RES_BATCH;
	}
	for (; !rc && i < n; i++)
		rc = res_put_key(st, keys[i], entities[i], err);
	return rc;
}

static IV_MUST_USE enum iv_err res_add_key_count(struct iv_store *st, int64_t key, uint64_t count,
                                                 struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_read_prepare(s, err);

	if (!rc)
		rc = sqlite_stmt(s, SQL_RES_ADD_KEY_COUNT, &stmt, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, key);
	sqlite3_bind_int64(stmt, 2, (int64_t)count);
	return sqlite_step_done(s, stmt, NULL, err, "storing a key count");
}

static IV_MUST_USE enum iv_err res_key_entities(struct iv_store *st, int64_t key, unsigned limit,
                                                iv_res_member_fn fn, void *ctx, uint64_t *total,
                                                struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	int src;
	enum iv_err rc = sqlite_read_prepare(s, err);

	if (!rc)
		rc = sqlite_stmt(s, SQL_RES_KEY_COUNT, &stmt, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, key);
	src = sqlite3_step(stmt);
	*total = src == SQLITE_ROW ? (uint64_t)sqlite3_column_int64(stmt, 0) : 0;
	if (src != SQLITE_ROW)
		rc = sqlite_fail(s, err, "counting a blocking key");
	sqlite_stmt_done(s, stmt);
	if (rc || limit == 0 || *total == 0)
		return rc;
	rc = sqlite_stmt(s, SQL_RES_KEY_ENTITIES, &stmt, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, key);
	sqlite3_bind_int64(stmt, 2, limit);
	while (!rc && (src = sqlite3_step(stmt)) == SQLITE_ROW) {
		/* the caller reads these entities' records next (iv_store_res_get_records) */
		sqlite_res_remember(s, sqlite_col(stmt, 0), sqlite3_column_int64(stmt, 1));
		rc = fn(ctx, sqlite_col(stmt, 0), NULL);
	}
	if (!rc && src != SQLITE_DONE)
		rc = sqlite_fail(s, err, "reading a blocking key");
	sqlite_stmt_done(s, stmt);
	return rc;
}

static IV_MUST_USE enum iv_err res_put_link(struct iv_store *st, const struct iv_res_link *link,
                                            struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	int64_t a = 0, b = 0;
	enum iv_err rc = pair_rows(s, link->a, link->b, &a, &b, err);

	if (!rc && a == b)
		rc = iv_seterr(err, IV_ERR_INVALID, "a link needs two different entities");
	if (!rc)
		rc = sqlite_stmt(s, SQL_RES_PUT_LINK, &stmt, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, a);
	sqlite3_bind_int64(stmt, 2, b);
	sqlite3_bind_int(stmt, 3, (int)link->kind);
	sqlite3_bind_double(stmt, 4, link->score);
	sqlite3_bind_double(stmt, 5, link->probability);
	return sqlite_step_done(s, stmt, NULL, err, "storing a link");
}

/* Many links: RES_BATCH rows a statement (as res_put_keys), the rest one by one. */
static IV_MUST_USE enum iv_err res_put_links(struct iv_store *st, const struct iv_res_link *links,
                                             size_t n, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	size_t i = 0;
	enum iv_err rc = IV_OK;

	while (!rc && n - i >= RES_BATCH) {
		sqlite3_stmt *stmt;
		int64_t lo[RES_BATCH], hi[RES_BATCH];

		for (size_t k = 0; !rc && k < RES_BATCH; k++) {
			rc = pair_rows(s, links[i + k].a, links[i + k].b, &lo[k], &hi[k], err);
			if (!rc && lo[k] == hi[k])
				rc = iv_seterr(err, IV_ERR_INVALID,
				               "a link needs two different entities");
		}
		if (!rc)
			rc = sqlite_stmt(s, SQL_RES_PUT_LINKS, &stmt, err);
		if (rc)
			return rc;
		for (int k = 0; k < RES_BATCH; k++) {
			const struct iv_res_link *l = &links[i + (size_t)k];

			sqlite3_bind_int64(stmt, 5 * k + 1, lo[k]);
			sqlite3_bind_int64(stmt, 5 * k + 2, hi[k]);
			sqlite3_bind_int(stmt, 5 * k + 3, (int)l->kind);
			sqlite3_bind_double(stmt, 5 * k + 4, l->score);
			sqlite3_bind_double(stmt, 5 * k + 5, l->probability);
		}
		rc = sqlite_step_done(s, stmt, NULL, err, "storing links");
		i += RES_BATCH;
	}
	for (; !rc && i < n; i++)
		rc = res_put_link(st, &links[i], err);
	return rc;
}

static IV_MUST_USE enum iv_err link_rows(struct iv_sqlite *s, sqlite3_stmt *stmt, iv_res_link_fn fn,
                                         void *ctx, struct iv_buf *err)
{
	struct iv_res_link link;
	enum iv_err rc = IV_OK;
	int src;

	while (!rc && (src = sqlite3_step(stmt)) == SQLITE_ROW) {
		link.a = sqlite_col(stmt, 0);
		link.b = sqlite_col(stmt, 1);
		link.kind = (enum iv_res_link_kind)sqlite3_column_int(stmt, 2);
		link.score = sqlite3_column_double(stmt, 3);
		link.probability = sqlite3_column_double(stmt, 4);
		link.canonical_a = (const char *)sqlite3_column_text(stmt, 5);
		link.canonical_b = (const char *)sqlite3_column_text(stmt, 6);
		rc = fn(ctx, &link);
	}
	if (!rc && src != SQLITE_DONE)
		rc = sqlite_fail(s, err, "reading links");
	return rc;
}

static IV_MUST_USE enum iv_err res_links_of(struct iv_store *st, const char *entity,
                                            iv_res_link_fn fn, void *ctx, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	int64_t id = 0;
	enum iv_err rc = entity_row(s, entity, &id, err);

	if (!rc)
		rc = sqlite_stmt(s, SQL_RES_LINKS_OF, &stmt, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	rc = link_rows(s, stmt, fn, ctx, err);
	sqlite_stmt_done(s, stmt);
	return rc;
}

static IV_MUST_USE enum iv_err res_each_link(struct iv_store *st, enum iv_res_link_kind kind,
                                             iv_res_link_fn fn, void *ctx, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_read_prepare(s, err);

	if (!rc)
		rc = sqlite_stmt(s, SQL_RES_EACH_LINK, &stmt, err);
	if (rc)
		return rc;
	sqlite3_bind_int(stmt, 1, (int)kind);
	rc = link_rows(s, stmt, fn, ctx, err);
	sqlite_stmt_done(s, stmt);
	return rc;
}

/* ---- closures ----------------------------------------------------------------------------- */

/* The closure's nodes: node -> row id, and row id -> node by open addressing (row ids are never 0).
 */
struct closure_nodes {
	int64_t *ids;
	size_t n, cap;
	int64_t *slot_id;
	uint32_t *slot_node;
	size_t mask; /* slots - 1, a power of two less one */
};

#define CLOSURE_CHUNK 4096 /* pending links per allocation */

/* A link read from its `a` end, by row ids: the other end may join the closure later. */
struct pending_link {
	int64_t self, other;
	int kind;
	double probability;
};

static size_t closure_slot(const struct closure_nodes *t, int64_t id)
{
	uint64_t x = (uint64_t)id * UINT64_C(0x9E3779B97F4A7C15);

	return (size_t)(x ^ (x >> 31)) & t->mask;
}

static bool closure_find(const struct closure_nodes *t, int64_t id, uint32_t *node)
{
	if (!t->slot_id)
		return false;
	for (size_t i = closure_slot(t, id);; i = (i + 1) & t->mask) {
		if (t->slot_id[i] == id) {
			*node = t->slot_node[i];
			return true;
		}
		if (t->slot_id[i] == 0)
			return false;
	}
}

static IV_MUST_USE enum iv_err closure_grow(struct closure_nodes *t)
{
	size_t nslots = t->slot_id ? (t->mask + 1) * 2 : 1024;
	struct closure_nodes bigger = *t;

	bigger.slot_id = iv_calloc(nslots * sizeof(*bigger.slot_id));
	bigger.slot_node = iv_malloc(nslots * sizeof(*bigger.slot_node));
	if (!bigger.slot_id || !bigger.slot_node) {
		iv_free(bigger.slot_id);
		iv_free(bigger.slot_node);
		return IV_ERR_NOMEM;
	}
	bigger.mask = nslots - 1;
	for (size_t node = 0; node < t->n; node++) {
		size_t i = closure_slot(&bigger, t->ids[node]);

		while (bigger.slot_id[i])
			i = (i + 1) & bigger.mask;
		bigger.slot_id[i] = t->ids[node];
		bigger.slot_node[i] = (uint32_t)node;
	}
	iv_free(t->slot_id);
	iv_free(t->slot_node);
	*t = bigger;
	return IV_OK;
}

static IV_MUST_USE enum iv_err closure_add(struct closure_nodes *t, int64_t id)
{
	uint32_t node;
	size_t i;

	if (closure_find(t, id, &node))
		return IV_OK;
	if (t->n >= UINT32_MAX - 1)
		return IV_ERR_NOMEM;
	if (!t->slot_id || (t->n + 1) * 2 > t->mask + 1) {
		enum iv_err rc = closure_grow(t);

		if (rc)
			return rc;
	}
	if (iv_array_grow(&t->ids, &t->cap, t->n + 1, sizeof(*t->ids), 256))
		return IV_ERR_NOMEM;
	for (i = closure_slot(t, id); t->slot_id[i]; i = (i + 1) & t->mask)
		;
	t->slot_id[i] = id;
	t->slot_node[i] = (uint32_t)t->n;
	t->ids[t->n++] = id;
	return IV_OK;
}

/* A pair that widens a closure whatever the links say, by row ids (both ways round). */
struct closure_also {
	int64_t from, to;
};

static int also_order(const void *pa, const void *pb)
{
	const struct closure_also *a = pa, *b = pb;

	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	return a->to < b->to ? -1 : a->to > b->to;
}

/* The node's partners in `also` (sorted by from) join the closure. */
static IV_MUST_USE enum iv_err closure_also_add(struct closure_nodes *t, int64_t id,
                                                const struct closure_also *also, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (also[mid].from < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && also[lo].from == id; lo++)
		if (closure_add(t, also[lo].to))
			return IV_ERR_NOMEM;
	return IV_OK;
}

/* Whether links of this stored kind widen the closure. */
static bool closure_follows(unsigned follow, int kind)
{
	return kind > 0 && kind < 32 && (follow & IV_RES_FOLLOW(kind));
}

/* The links at one node: from its `a` end kept as pending links, from its `b` end only followed. */
static IV_MUST_USE enum iv_err closure_expand(struct iv_sqlite *s, struct closure_nodes *t,
                                              size_t node, unsigned follow, struct iv_vec *pending,
                                              size_t *npending, struct iv_buf *err)
{
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_stmt(s, SQL_RES_LINKS_FROM, &stmt, err);
	int src;

	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, t->ids[node]);
	while (!rc && (src = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct pending_link *chunk;
		int kind = sqlite3_column_int(stmt, 1);
		int64_t other = sqlite3_column_int64(stmt, 0);

		if (closure_follows(follow, kind))
			rc = closure_add(t, other);
		if (!rc && *npending % CLOSURE_CHUNK == 0) {
			chunk = iv_malloc(CLOSURE_CHUNK * sizeof(*chunk));
			if (!chunk || iv_vec_push(pending, chunk)) {
				iv_free(chunk);
				rc = IV_ERR_NOMEM;
			}
		}
		if (!rc) {
			chunk = pending->items[*npending / CLOSURE_CHUNK];
			chunk[*npending % CLOSURE_CHUNK] = (struct pending_link){
			        t->ids[node], other, kind, sqlite3_column_double(stmt, 2)};
			(*npending)++;
		}
	}
	if (!rc && src != SQLITE_DONE)
		rc = sqlite_fail(s, err, "reading links");
	sqlite_stmt_done(s, stmt);
	if (rc)
		return rc == IV_ERR_NOMEM ? iv_seterr(err, rc, "out of memory reading links") : rc;
	rc = sqlite_stmt(s, SQL_RES_LINKS_TO, &stmt, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, t->ids[node]);
	while (!rc && (src = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (closure_follows(follow, sqlite3_column_int(stmt, 1)))
			rc = closure_add(t, sqlite3_column_int64(stmt, 0));
	}
	if (!rc && src != SQLITE_DONE)
		rc = sqlite_fail(s, err, "reading links");
	sqlite_stmt_done(s, stmt);
	return rc == IV_ERR_NOMEM ? iv_seterr(err, rc, "out of memory reading links") : rc;
}

static IV_MUST_USE enum iv_err closure_node(struct iv_sqlite *s, int64_t id, iv_res_node_fn node_fn,
                                            void *ctx, struct iv_buf *err)
{
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_stmt(s, SQL_RES_NODE, &stmt, err);
	int src;

	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	src = sqlite3_step(stmt);
	if (src == SQLITE_ROW) {
		struct iv_res_node node = {sqlite_col(stmt, 0), NULL, NULL, NULL};

		if (sqlite3_column_type(stmt, 1) != SQLITE_NULL)
			node.canonical = sqlite_col(stmt, 1);
		if (sqlite3_column_type(stmt, 2) != SQLITE_NULL) {
			node.family = sqlite_col(stmt, 2);
			node.record = sqlite_col(stmt, 3);
		}
		rc = node_fn(ctx, &node);
	} else if (src == SQLITE_DONE) /* a link names a row entities does not hold */
		rc = iv_seterr(
		        err, IV_ERR_DB,
		        "%s: a resolution link names entity row %lld, which the store does not "
		        "hold (damaged?)",
		        s->path ? s->path : "store", (long long)id);
	else
		rc = sqlite_fail(s, err, "reading an entity");
	sqlite_stmt_done(s, stmt);
	return rc;
}

static int id_order(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;

	return a < b ? -1 : a > b;
}

/*
 * Breadth first from the seeds; then the nodes are numbered and read in
 * row-id order, since the tables are keyed by row id and neighbouring
 * reads then share pages.
 */
static IV_MUST_USE enum iv_err res_closure(struct iv_store *st, const char *const *seeds,
                                           size_t nseeds, const char *const *also, size_t nalso,
                                           unsigned follow, iv_res_node_fn node_fn,
                                           iv_res_edge_fn edge_fn, void *ctx, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	struct closure_nodes t;
	struct closure_also *pairs = NULL;
	struct iv_vec pending = IV_VEC_INIT;
	size_t npending = 0;
	enum iv_err rc = IV_OK;

	memset(&t, 0, sizeof(t));
	if (nalso) {
		pairs = nalso <= SIZE_MAX / (2 * sizeof(*pairs))
		                ? iv_malloc(2 * nalso * sizeof(*pairs))
		                : NULL;
		if (!pairs)
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory reading links");
	}
	for (size_t k = 0; !rc && k < nalso; k++) {
		int64_t a = 0, b = 0;

		rc = entity_row(s, also[2 * k], &a, err);
		if (!rc)
			rc = entity_row(s, also[2 * k + 1], &b, err);
		pairs[2 * k] = (struct closure_also){a, b};
		pairs[2 * k + 1] = (struct closure_also){b, a};
	}
	if (!rc && nalso)
		qsort(pairs, 2 * nalso, sizeof(*pairs), also_order);
	for (size_t i = 0; !rc && i < nseeds; i++) {
		int64_t id = 0;

		rc = entity_row(s, seeds[i], &id, err);
		if (!rc && closure_add(&t, id))
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory reading links");
	}
	for (size_t node = 0; !rc && node < t.n; node++) {
		rc = closure_expand(s, &t, node, follow, &pending, &npending, err);
		if (!rc && nalso && closure_also_add(&t, t.ids[node], pairs, 2 * nalso))
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory reading links");
	}
	iv_free(pairs);
	if (!rc && t.n) {
		qsort(t.ids, t.n, sizeof(*t.ids), id_order);
		for (size_t node = 0; node < t.n; node++) {
			size_t i = closure_slot(&t, t.ids[node]);

			while (t.slot_id[i] != t.ids[node])
				i = (i + 1) & t.mask;
			t.slot_node[i] = (uint32_t)node;
		}
	}
	for (size_t node = 0; !rc && node < t.n; node++)
		rc = closure_node(s, t.ids[node], node_fn, ctx, err);
	for (size_t k = 0; !rc && k < npending; k++) {
		const struct pending_link *r =
		        (const struct pending_link *)pending.items[k / CLOSURE_CHUNK] +
		        k % CLOSURE_CHUNK;
		uint32_t self, other;

		if (closure_find(&t, r->self, &self) && closure_find(&t, r->other, &other))
			rc = edge_fn(ctx, self, other, (enum iv_res_link_kind)r->kind,
			             r->probability);
	}
	iv_vec_release_all(&pending);
	iv_free(t.ids);
	iv_free(t.slot_id);
	iv_free(t.slot_node);
	return rc;
}

static IV_MUST_USE enum iv_err res_set_member(struct iv_store *st, const char *entity,
                                              const char *canonical, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	int64_t id = 0;
	enum iv_err rc = entity_row(s, entity, &id, err);

	if (!rc && !s->res_touched)
		rc = memberships_change(s, err);
	if (!rc)
		rc = sqlite_stmt(s, SQL_RES_SET_MEMBER, &stmt, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite_text(stmt, 2, canonical);
	return sqlite_step_done(s, stmt, NULL, err, "storing a canonical entity");
}

static IV_MUST_USE enum iv_err res_canonical(struct iv_store *st, const char *entity,
                                             struct iv_buf *out, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	int64_t id = 0;
	int src;
	enum iv_err rc = entity_row(s, entity, &id, err);

	if (!rc)
		rc = sqlite_stmt(s, SQL_RES_CANONICAL, &stmt, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	src = sqlite3_step(stmt);
	iv_buf_reset(out);
	if (src == SQLITE_ROW)
		rc = iv_buf_adds(out, sqlite_col(stmt, 0));
	else if (src == SQLITE_DONE)
		rc = iv_seterr(err, IV_ERR_NOTFOUND, "entity '%s' has not been resolved", entity);
	else
		rc = sqlite_fail(s, err, "reading a canonical entity");
	sqlite_stmt_done(s, stmt);
	return rc;
}

static IV_MUST_USE enum iv_err member_rows(struct iv_sqlite *s, sqlite3_stmt *stmt,
                                           iv_res_member_fn fn, void *ctx, struct iv_buf *err)
{
	enum iv_err rc = IV_OK;
	int src;

	while (!rc && (src = sqlite3_step(stmt)) == SQLITE_ROW)
		rc = fn(ctx, sqlite_col(stmt, 0), sqlite_col(stmt, 1));
	if (!rc && src != SQLITE_DONE)
		rc = sqlite_fail(s, err, "reading canonical entities");
	return rc;
}

static IV_MUST_USE enum iv_err res_members(struct iv_store *st, const char *canonical,
                                           iv_res_member_fn fn, void *ctx, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_read_prepare(s, err);

	if (!rc)
		rc = sqlite_stmt(s, canonical ? SQL_RES_MEMBERS : SQL_RES_EACH_MEMBER, &stmt, err);
	if (rc)
		return rc;
	if (canonical)
		sqlite_text(stmt, 1, canonical);
	rc = member_rows(s, stmt, fn, ctx, err);
	sqlite_stmt_done(s, stmt);
	return rc;
}

static IV_MUST_USE enum iv_err res_each_canonical(struct iv_store *st, iv_res_canonical_fn fn,
                                                  void *ctx, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_read_prepare(s, err);
	int src = SQLITE_DONE;

	if (!rc)
		rc = sqlite_stmt(s, SQL_RES_EACH_CANONICAL, &stmt, err);
	if (rc)
		return rc;
	while (!rc && (src = sqlite3_step(stmt)) == SQLITE_ROW)
		rc = fn(ctx, sqlite_col(stmt, 0), (uint64_t)sqlite3_column_int64(stmt, 1));
	if (!rc && src != SQLITE_DONE)
		rc = sqlite_fail(s, err, "reading canonical entities");
	sqlite_stmt_done(s, stmt);
	return rc;
}

static IV_MUST_USE enum iv_err res_unsaid_members(struct iv_store *st, iv_res_member_fn fn,
                                                  void *ctx, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_read_prepare(s, err);

	if (!rc)
		rc = sqlite_stmt(s, SQL_RES_UNSAID, &stmt, err);
	if (rc)
		return rc;
	rc = member_rows(s, stmt, fn, ctx, err);
	sqlite_stmt_done(s, stmt);
	return rc;
}

static IV_MUST_USE enum iv_err res_member_envelopes(struct iv_store *st, iv_res_envelope_fn fn,
                                                    void *ctx, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	int src = SQLITE_DONE;
	enum iv_err rc = sqlite_read_prepare(s, err);

	if (!rc)
		rc = sqlite_stmt(s, SQL_RES_MEMBER_ENVELOPES, &stmt, err);
	if (rc)
		return rc;
	while (!rc && (src = sqlite3_step(stmt)) == SQLITE_ROW)
		rc = fn(ctx, sqlite_col(stmt, 0), sqlite3_column_int64(stmt, 1));
	if (!rc && src != SQLITE_DONE)
		rc = sqlite_fail(s, err, "reading the envelopes of merged records");
	sqlite_stmt_done(s, stmt);
	return rc;
}

static IV_MUST_USE enum iv_err res_set_model(struct iv_store *st, const char *family,
                                             const char *model, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_read_prepare(s, err);

	if (!rc)
		rc = sqlite_stmt(s, SQL_RES_SET_MODEL, &stmt, err);
	if (rc)
		return rc;
	sqlite_text(stmt, 1, family);
	sqlite_text(stmt, 2, model);
	sqlite3_bind_int64(stmt, 3, (int64_t)time(NULL));
	return sqlite_step_done(s, stmt, NULL, err, "storing a resolution model");
}

static IV_MUST_USE enum iv_err res_get_model(struct iv_store *st, const char *family,
                                             struct iv_buf *out, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	int src;
	enum iv_err rc = sqlite_read_prepare(s, err);

	if (!rc)
		rc = sqlite_stmt(s, SQL_RES_GET_MODEL, &stmt, err);
	if (rc)
		return rc;
	sqlite_text(stmt, 1, family);
	src = sqlite3_step(stmt);
	iv_buf_reset(out);
	if (src == SQLITE_ROW)
		rc = iv_buf_adds(out, sqlite_col(stmt, 0));
	else if (src == SQLITE_DONE)
		rc = iv_seterr(err, IV_ERR_NOTFOUND, "no %s has been resolved yet", family);
	else
		rc = sqlite_fail(s, err, "reading a resolution model");
	sqlite_stmt_done(s, stmt);
	return rc;
}

static IV_MUST_USE enum iv_err res_judge_put(struct iv_store *st, const struct iv_judgement *j,
                                             struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	int64_t a = 0, b = 0;
	enum iv_err rc = pair_rows(s, j->a, j->b, &a, &b, err);

	if (!rc)
		rc = sqlite_stmt(s, SQL_JUDGE_PUT, &stmt, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, a);
	sqlite3_bind_int64(stmt, 2, b);
	sqlite_text(stmt, 3, j->verdict);
	sqlite_text(stmt, 4, j->user);
	sqlite_text(stmt, 5, j->note ? j->note : "");
	sqlite3_bind_int64(stmt, 6, j->at);
	return sqlite_step_done(s, stmt, NULL, err, "storing a judgement");
}

static IV_MUST_USE enum iv_err res_judge_each(struct iv_store *st, const char *entity,
                                              iv_judgement_fn fn, void *ctx, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	struct iv_judgement j;
	sqlite3_stmt *stmt;
	int64_t id = 0;
	int src;
	enum iv_err rc = entity ? entity_row(s, entity, &id, err) : sqlite_read_prepare(s, err);

	if (!rc)
		rc = sqlite_stmt(s, entity ? SQL_JUDGE_OF : SQL_JUDGE_ALL, &stmt, err);
	if (rc)
		return rc;
	if (entity)
		sqlite3_bind_int64(stmt, 1, id);
	while (!rc && (src = sqlite3_step(stmt)) == SQLITE_ROW) {
		j.id = sqlite3_column_int64(stmt, 0);
		j.a = sqlite_col(stmt, 1);
		j.b = sqlite_col(stmt, 2);
		j.verdict = sqlite_col(stmt, 3);
		j.user = sqlite_col(stmt, 4);
		j.note = sqlite_col(stmt, 5);
		j.at = sqlite3_column_int64(stmt, 6);
		rc = fn(ctx, &j);
	}
	if (!rc && src != SQLITE_DONE)
		rc = sqlite_fail(s, err, "reading judgements");
	sqlite_stmt_done(s, stmt);
	return rc;
}

/*
 * A batch run rewrites a family's rows: the secondary indexes are dropped
 * while it writes and built again at the end (sorting once is far cheaper
 * than a random index insert per row).  Inside the caller's transaction,
 * so a rollback brings them back as they were.
 */
static IV_MUST_USE enum iv_err res_bulk(struct iv_store *st, bool begin, struct iv_buf *err)
{
	static const char drop[] = "DROP INDEX IF EXISTS res_records_family;"
	                           "DROP INDEX IF EXISTS res_links_b;"
	                           "DROP INDEX IF EXISTS res_members_canonical;";
	static const char create[] =
	        "CREATE INDEX IF NOT EXISTS res_records_family ON res_records (family);"
	        "CREATE INDEX IF NOT EXISTS res_links_b ON res_links (b, kind);"
	        "CREATE INDEX IF NOT EXISTS res_members_canonical ON res_members (canonical);";
	struct iv_sqlite *s = sqlite_of(st);
	enum iv_err rc = sqlite_read_prepare(s, err);

	if (rc)
		return rc;
	/* prepared statements over these tables are re-prepared by SQLite as needed */
	if (sqlite3_exec(s->db, begin ? drop : create, NULL, NULL, NULL) != SQLITE_OK)
		return sqlite_fail(s, err, begin ? "preparing a bulk write" : "rebuilding indexes");
	return IV_OK;
}

const struct iv_store_res_ops sqlite_res_ops = {
        .bulk = res_bulk,
        .each_entity_of = res_each_entity_of,
        .mark = res_mark,
        .clear = res_clear,
        .put_record = res_put_record,
        .get_record = res_get_record,
        .get_records = res_get_records,
        .put_key = res_put_key,
        .put_keys = res_put_keys,
        .key_entities = res_key_entities,
        .add_key_count = res_add_key_count,
        .put_link = res_put_link,
        .put_links = res_put_links,
        .links_of = res_links_of,
        .each_link = res_each_link,
        .closure = res_closure,
        .set_member = res_set_member,
        .canonical = res_canonical,
        .members = res_members,
        .each_canonical = res_each_canonical,
        .member_envelopes = res_member_envelopes,
        .unsaid_members = res_unsaid_members,
        .set_model = res_set_model,
        .get_model = res_get_model,
        .judge_put = res_judge_put,
        .judge_each = res_judge_each,
};
