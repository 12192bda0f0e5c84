/*
 * store.c - the public iv_store_* functions.
 *
 * They check arguments and the transaction state once, here, and then
 * call the backend through its function table (store_int.h).  The
 * backend is chosen by the location string: a "postgresql://" URI would
 * go to the PostgreSQL backend (not built yet), anything else is a file
 * path for SQLite.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "store/store_int.h"

#include "iv/util.h"

typedef enum iv_err (*backend_open_fn)(const char *location, unsigned flags, struct iv_store **out,
                                       struct iv_buf *err);

static IV_MUST_USE enum iv_err postgres_open(const char *location, unsigned flags,
                                             struct iv_store **out, struct iv_buf *err)
{
	(void)location;
	(void)flags;
	(void)out;
	return iv_seterr(err, IV_ERR_INVALID, "postgres backend not built yet");
}

/* Location prefixes and their backends; the first match wins, SQLite otherwise. */
static const struct {
	const char *prefix;
	backend_open_fn open;
} backends[] = {
        {"postgresql://", postgres_open},
        {"postgres://", postgres_open},
};

enum iv_err iv_store_open(const char *location, unsigned flags, struct iv_store **out,
                          struct iv_buf *err)
{
	*out = NULL;
	if (!location || !*location)
		return iv_seterr(err, IV_ERR_INVALID, "no store location given");
	if ((flags & IV_STORE_CREATE) && (flags & IV_STORE_READONLY))
		return iv_seterr(err, IV_ERR_INVALID, "%s: cannot create a store read-only",
		                 location);
	for (size_t i = 0; i < sizeof(backends) / sizeof(backends[0]); i++) {
		if (strncmp(location, backends[i].prefix, strlen(backends[i].prefix)) == 0)
			return backends[i].open(location, flags, out, err);
	}
	return iv_store_sqlite_open(location, flags, out, err);
}

void iv_store_close(struct iv_store *st)
{
	if (!st)
		return;
	if (st->in_tx) {
		st->ops->rollback(st);
		st->in_tx = false;
	}
	iv_store_audit_key_release(st);
	st->ops->close(st);
}

void iv_store_set_key_hook(struct iv_store *st, iv_store_key_fn fn, void *ctx)
{
	st->key_fn = fn;
	st->key_ctx = ctx;
}

enum iv_err iv_store_begin(struct iv_store *st, struct iv_buf *err)
{
	enum iv_err rc;

	if (st->flags & IV_STORE_READONLY)
		return iv_seterr(err, IV_ERR_INVALID, "the store is open read-only");
	if (st->in_tx)
		return iv_seterr(err, IV_ERR_INVALID, "a transaction is already open");
	memset(&st->counts, 0, sizeof(st->counts));
	rc = st->ops->begin(st, err);
	if (rc)
		return rc;
	st->in_tx = true;
	return IV_OK;
}

enum iv_err iv_store_commit(struct iv_store *st, struct iv_buf *err)
{
	enum iv_err rc;

	if (!st->in_tx)
		return iv_seterr(err, IV_ERR_INVALID, "commit without a transaction");
	rc = st->ops->commit(st, err);
	if (rc) {
		/* a transaction that cannot commit is over: leave the store as it was */
		st->ops->rollback(st);
		memset(&st->counts, 0, sizeof(st->counts));
	}
	st->in_tx = false;
	return rc;
}

void iv_store_rollback(struct iv_store *st)
{
	if (!st || !st->in_tx)
		return;
	st->ops->rollback(st);
	st->in_tx = false;
	memset(&st->counts, 0, sizeof(st->counts));
}

void iv_store_counts(const struct iv_store *st, struct iv_store_counts *out)
{
	*out = st->counts;
}

/* Parse a 32-digit hex statement id into its digest. */
static bool parse_id(const char *id, unsigned char digest[IV_HASH_BYTES])
{
	/* value + 1 of each hex digit, 0 for anything else: one load a character */
	static const unsigned char hex[256] = {
	        ['0'] = 1,  ['1'] = 2,  ['2'] = 3,  ['3'] = 4,  ['4'] = 5,  ['5'] = 6,
	        ['6'] = 7,  ['7'] = 8,  ['8'] = 9,  ['9'] = 10, ['a'] = 11, ['b'] = 12,
	        ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16, ['A'] = 11, ['B'] = 12,
	        ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
	};
	const unsigned char *p = (const unsigned char *)id;

	for (int i = 0; i < IV_HASH_BYTES; i++) {
		unsigned hi = hex[p[2 * i]], lo;

		if (!hi)
			return false; /* also stops at the terminator */
		lo = hex[p[2 * i + 1]];
		if (!lo)
			return false;
		digest[i] = (unsigned char)((hi - 1) << 4 | (lo - 1));
	}
	return p[2 * IV_HASH_BYTES] == '\0';
}

enum iv_err iv_store_put(struct iv_store *st, const struct iv_statement *stmt, struct iv_buf *err)
{
	unsigned char digest[IV_HASH_BYTES];

	if (!st->in_tx)
		return iv_seterr(err, IV_ERR_INVALID, "put outside a transaction");
	if (!stmt->entity || !*stmt->entity)
		return iv_seterr(err, IV_ERR_INVALID, "statement without an entity id");
	{
		/* an id is printed everywhere: it may not drive a terminal (an older store's
		 * are kept, and the CLI shows their control characters as '?') */
		size_t len = strlen(stmt->entity), at;

		if (!iv_utf8_valid(stmt->entity, len, &at))
			return iv_seterr(err, IV_ERR_INVALID, "entity id is not UTF-8 (byte %zu)",
			                 at + 1);
		if (iv_utf8_control(stmt->entity, len, false, &at))
			return iv_seterr(err, IV_ERR_INVALID,
			                 "entity id holds a control character (byte %zu)", at + 1);
	}
	if (!stmt->schema || !stmt->property || !stmt->value)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "statement on entity '%s' lacks a schema, property or value",
		                 stmt->entity);
	if (!parse_id(stmt->id, digest))
		return iv_seterr(err, IV_ERR_INVALID,
		                 "statement on entity '%s' has no valid id (call iv_statement_id)",
		                 stmt->entity);
	return st->ops->put(st, stmt, digest, err);
}

enum iv_err iv_store_entity_exists(struct iv_store *st, const char *entity, bool *exists,
                                   struct iv_buf *err)
{
	*exists = false;
	if (!entity)
		return iv_seterr(err, IV_ERR_INVALID, "no entity id given");
	return st->ops->entity_exists(st, entity, exists, err);
}

enum iv_err iv_store_entity_statements(struct iv_store *st, const char *entity, iv_statement_fn fn,
                                       void *ctx, struct iv_buf *err)
{
	if (!entity)
		return iv_seterr(err, IV_ERR_INVALID, "no entity id given");
	return st->ops->entity_statements(st, entity, fn, ctx, err);
}

enum iv_err iv_store_statement_get(struct iv_store *st, const char *id, iv_statement_fn fn,
                                   void *ctx, struct iv_buf *err)
{
	unsigned char digest[IV_HASH_BYTES];

	if (!id || !parse_id(id, digest))
		return iv_seterr(err, IV_ERR_INVALID, "'%s' is not a statement id",
		                 id ? id : "(null)");
	return st->ops->statement_get(st, digest, fn, ctx, err);
}

enum iv_err iv_store_each_statement(struct iv_store *st, const char *dataset, iv_statement_fn fn,
                                    void *ctx, struct iv_buf *err)
{
	return st->ops->each_statement(st, dataset, fn, ctx, err);
}

enum iv_err iv_store_entity_get(struct iv_store *st, const char *entity, iv_entity_fn fn, void *ctx,
                                struct iv_buf *err)
{
	if (!entity)
		return iv_seterr(err, IV_ERR_INVALID, "no entity id given");
	return st->ops->entity_get(st, entity, fn, ctx, err);
}

/*
 * Whether the word has a character the FTS5 unicode61 tokenizer keeps in a
 * token: a letter, a number (or a private-use character); a word of dashes
 * and symbols alone would match nothing.
 */
static bool searchable_word(const unsigned char *start, const unsigned char *end)
{
	int32_t i = 0, n = (int32_t)(end - start);

	while (i < n) {
		UChar32 c;
		U8_NEXT(start, i, n, c);
		if (c < 0)
			continue;
		int8_t type = u_charType(c);
		if (u_isalnum(c) || type == U_PRIVATE_USE_CHAR)
			return true;
	}
	return false;
}

static bool space_byte(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

enum iv_err iv_store_fts_query(const char *query, struct iv_buf *out, struct iv_buf *err)
{
	const unsigned char *p = (const unsigned char *)query;
	size_t words = 0;
	enum iv_err rc = IV_OK;

	iv_buf_reset(out);
	while (*p) {
		const unsigned char *start, *end;
		bool searchable = false;

		while (*p && space_byte(*p))
			p++;
		start = p;
		while (*p && !space_byte(*p))
			p++;
		end = p;
		searchable = searchable_word(start, end);
		if (!searchable)
			continue;
		if (words++)
			rc = iv_buf_addch(out, ' ');
		if (!rc)
			rc = iv_buf_addch(out, '"');
		for (const unsigned char *q = start; !rc && q < end; q++) {
			rc = iv_buf_addch(out, (char)*q);
			if (!rc && *q == '"')
				rc = iv_buf_addch(out, '"');
		}
		if (!rc)
			rc = iv_buf_adds(out, "\"*");
		if (rc)
			return iv_seterr(err, rc, "search query too long");
	}
	if (!words)
		return iv_seterr(err, IV_ERR_INVALID, "the query '%s' has no word to search for",
		                 query);
	return IV_OK;
}

enum iv_err iv_store_search(struct iv_store *st, const char *query, const char *schema,
                            unsigned limit, iv_entity_fn fn, void *ctx, struct iv_buf *err)
{
	struct iv_buf match = IV_BUF_INIT;
	enum iv_err rc;

	if (!query)
		return iv_seterr(err, IV_ERR_INVALID, "no search query given");
	iv_buf_init(&match, (size_t)64 * 1024);
	rc = iv_store_fts_query(query, &match, err);
	if (rc)
		goto out;
	rc = st->ops->search(st, match.buf, schema, limit, fn, ctx, err);
out:
	iv_buf_release(&match);
	return rc;
}

enum iv_err iv_store_search_visible(struct iv_store *st, const char *query, const char *schema,
                                    iv_envelope_visible_fn visible, void *vctx, iv_entity_fn fn,
                                    void *ctx, struct iv_buf *err)
{
	struct iv_buf match = IV_BUF_INIT;
	enum iv_err rc;

	if (!query)
		return iv_seterr(err, IV_ERR_INVALID, "no search query given");
	iv_buf_init(&match, (size_t)64 * 1024);
	rc = iv_store_fts_query(query, &match, err);
	if (!rc)
		rc = st->ops->search_visible(st, match.buf, schema, visible, vctx, fn, ctx, err);
	iv_buf_release(&match);
	return rc;
}

enum iv_err iv_store_stats(struct iv_store *st, struct iv_store_stats *out, iv_dataset_fn fn,
                           void *ctx, struct iv_buf *err)
{
	bool own;
	enum iv_err rc;

	memset(out, 0, sizeof(*out));
	/* one snapshot: a dataset an ingest adds meanwhile is either counted or not */
	rc = iv_store_access_read_begin(st, &own, err);
	if (!rc)
		rc = st->ops->stats(st, out, fn, ctx, err);
	iv_store_access_read_end(st, own);
	return rc;
}

enum iv_err iv_store_referrers(struct iv_store *st, const char *entity, iv_statement_fn fn,
                               void *ctx, struct iv_buf *err)
{
	if (!entity)
		return iv_seterr(err, IV_ERR_INVALID, "no entity id given");
	return st->ops->referrers(st, entity, fn, ctx, err);
}

enum iv_err iv_store_dataset_counts(struct iv_store *st, iv_envelope_visible_fn visible, void *vctx,
                                    iv_dataset_counts_fn fn, void *ctx,
                                    struct iv_dataset_counts *total, struct iv_buf *err)
{
	memset(total, 0, sizeof(*total));
	return st->ops->dataset_counts(st, visible, vctx, fn, ctx, total, err);
}

enum iv_err iv_store_flush(struct iv_store *st, struct iv_buf *err)
{
	if (!st->in_tx)
		return iv_seterr(err, IV_ERR_INVALID, "flushing outside a transaction");
	return st->ops->flush(st, err);
}

enum iv_err iv_store_log_ingest(struct iv_store *st, const char *file, const char *dataset,
                                const struct iv_store_counts *counts, struct iv_buf *err)
{
	if (!st->in_tx)
		return iv_seterr(err, IV_ERR_INVALID, "logging an ingest outside a transaction");
	if (!file)
		return iv_seterr(err, IV_ERR_INVALID, "no file name given for the ingest log");
	return st->ops->log_ingest(st, file, dataset, counts, err);
}

/* ---- entity resolution ---------------------------------------------------- */

/* A write outside a transaction is a caller's mistake: say so before SQL does. */
static IV_MUST_USE enum iv_err need_tx(const struct iv_store *st, struct iv_buf *err)
{
	if (!st->in_tx)
		return iv_seterr(err, IV_ERR_INVALID, "resolution writes need a transaction");
	return IV_OK;
}

/* The schema names as a JSON array (for the backend's IN list). */
static IV_MUST_USE enum iv_err schemas_json(const char *const *schemas, size_t n, char **out,
                                            struct iv_buf *err)
{
	json_t *arr = json_array();

	*out = NULL;
	if (!arr)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		if (!schemas[i] || json_array_append_new(arr, json_string(schemas[i])) != 0) {
			json_decref(arr);
			return iv_seterr(err, IV_ERR_INVALID,
			                 "bad schema name in a resolution query");
		}
	}
	*out = json_dumps(arr, JSON_COMPACT);
	json_decref(arr);
	return *out ? IV_OK : iv_seterr(err, IV_ERR_NOMEM, "out of memory");
}

static IV_MUST_USE enum iv_err each_of(struct iv_store *st, const char *const *schemas, size_t n,
                                       bool unresolved, int64_t since, iv_statement_fn fn,
                                       void *ctx, struct iv_buf *err)
{
	char *json;
	enum iv_err rc = schemas_json(schemas, n, &json, err);

	if (rc)
		return rc;
	rc = st->ops->res->each_entity_of(st, json, unresolved, since, fn, ctx, err);
	free(json);
	return rc;
}

enum iv_err iv_store_each_entity_of(struct iv_store *st, const char *const *schemas, size_t n,
                                    iv_statement_fn fn, void *ctx, struct iv_buf *err)
{
	return each_of(st, schemas, n, false, -1, fn, ctx, err);
}

enum iv_err iv_store_res_unresolved(struct iv_store *st, const char *const *schemas, size_t n,
                                    iv_statement_fn fn, void *ctx, struct iv_buf *err)
{
	return each_of(st, schemas, n, true, -1, fn, ctx, err);
}

/* Keys converted to their stored form at a time in iv_store_res_put_keys. */
#define RES_KEYS_CHUNK 1024

/* Keys are 64-bit hashes; SQLite integers are signed 64-bit: keep 63 bits. */
static int64_t key_row(uint64_t key)
{
	return (int64_t)(key & (uint64_t)INT64_MAX);
}

enum iv_err iv_store_res_mark(struct iv_store *st, uint64_t *mark, struct iv_buf *err)
{
	*mark = 0;
	return st->ops->res->mark(st, mark, err);
}

enum iv_err iv_store_res_changed(struct iv_store *st, const char *const *schemas, size_t n,
                                 uint64_t mark, iv_statement_fn fn, void *ctx, struct iv_buf *err)
{
	if (mark > (uint64_t)INT64_MAX)
		return iv_seterr(err, IV_ERR_INVALID, "bad statement mark");
	return each_of(st, schemas, n, false, (int64_t)mark, fn, ctx, err);
}

enum iv_err iv_store_res_since(struct iv_store *st, const char *const *schemas, size_t n,
                               uint64_t mark, iv_statement_fn fn, void *ctx, struct iv_buf *err)
{
	if (mark > (uint64_t)INT64_MAX)
		return iv_seterr(err, IV_ERR_INVALID, "bad statement mark");
	return each_of(st, schemas, n, true, (int64_t)mark, fn, ctx, err);
}

enum iv_err iv_store_res_clear(struct iv_store *st, const char *family, uint64_t key_lo,
                               uint64_t key_hi, struct iv_buf *err)
{
	enum iv_err rc = need_tx(st, err);

	return rc ? rc : st->ops->res->clear(st, family, key_row(key_lo), key_row(key_hi), err);
}

enum iv_err iv_store_res_bulk(struct iv_store *st, bool begin, struct iv_buf *err)
{
	enum iv_err rc = need_tx(st, err);

	return rc ? rc : st->ops->res->bulk(st, begin, err);
}

enum iv_err iv_store_res_put_record(struct iv_store *st, const char *entity, const char *family,
                                    const char *record, struct iv_buf *err)
{
	enum iv_err rc = need_tx(st, err);

	return rc ? rc : st->ops->res->put_record(st, entity, family, record, err);
}

enum iv_err iv_store_res_get_record(struct iv_store *st, const char *entity, iv_res_record_fn fn,
                                    void *ctx, struct iv_buf *err)
{
	return st->ops->res->get_record(st, entity, fn, ctx, err);
}

enum iv_err iv_store_res_get_records(struct iv_store *st, const char *const *entities, size_t n,
                                     iv_res_record_fn fn, void *ctx, struct iv_buf *err)
{
	return st->ops->res->get_records(st, entities, n, fn, ctx, err);
}

enum iv_err iv_store_res_put_key(struct iv_store *st, uint64_t key, const char *entity,
                                 struct iv_buf *err)
{
	enum iv_err rc = need_tx(st, err);

	return rc ? rc : st->ops->res->put_key(st, key_row(key), entity, err);
}

enum iv_err iv_store_res_put_keys(struct iv_store *st, const uint64_t *keys,
                                  const char *const *entities, size_t n, struct iv_buf *err)
{
	int64_t rows[RES_KEYS_CHUNK];
	enum iv_err rc = need_tx(st, err);

	/* the stored form of each key (key_row), a chunk at a time */
	for (size_t at = 0; !rc && at < n; at += RES_KEYS_CHUNK) {
		size_t m = n - at < RES_KEYS_CHUNK ? n - at : RES_KEYS_CHUNK;

		for (size_t k = 0; k < m; k++)
			rows[k] = key_row(keys[at + k]);
		rc = st->ops->res->put_keys(st, rows, entities + at, m, err);
	}
	return rc;
}

enum iv_err iv_store_res_add_key_count(struct iv_store *st, uint64_t key, uint64_t count,
                                       struct iv_buf *err)
{
	enum iv_err rc = need_tx(st, err);

	return rc ? rc : st->ops->res->add_key_count(st, key_row(key), count, err);
}

enum iv_err iv_store_res_key_entities(struct iv_store *st, uint64_t key, unsigned limit,
                                      iv_res_member_fn fn, void *ctx, uint64_t *total,
                                      struct iv_buf *err)
{
	return st->ops->res->key_entities(st, key_row(key), limit, fn, ctx, total, err);
}

static IV_MUST_USE enum iv_err check_link_kind(const struct iv_res_link *link, struct iv_buf *err)
{
	if (link->kind < IV_RES_MATCH || link->kind > IV_RES_REUSED)
		return iv_seterr(err, IV_ERR_INVALID, "unknown link kind %d", (int)link->kind);
	return IV_OK;
}

enum iv_err iv_store_res_put_link(struct iv_store *st, const struct iv_res_link *link,
                                  struct iv_buf *err)
{
	enum iv_err rc = need_tx(st, err);

	if (!rc)
		rc = check_link_kind(link, err);
	return rc ? rc : st->ops->res->put_link(st, link, err);
}

enum iv_err iv_store_res_put_links(struct iv_store *st, const struct iv_res_link *links, size_t n,
                                   struct iv_buf *err)
{
	enum iv_err rc = need_tx(st, err);

	for (size_t i = 0; !rc && i < n; i++)
		rc = check_link_kind(&links[i], err);
	return rc ? rc : st->ops->res->put_links(st, links, n, err);
}

enum iv_err iv_store_res_links_of(struct iv_store *st, const char *entity, iv_res_link_fn fn,
                                  void *ctx, struct iv_buf *err)
{
	return st->ops->res->links_of(st, entity, fn, ctx, err);
}

enum iv_err iv_store_res_each_link(struct iv_store *st, enum iv_res_link_kind kind,
                                   iv_res_link_fn fn, void *ctx, struct iv_buf *err)
{
	return st->ops->res->each_link(st, kind, fn, ctx, err);
}

enum iv_err iv_store_res_closure(struct iv_store *st, const char *const *seeds, size_t nseeds,
                                 const char *const *also, size_t nalso, unsigned follow,
                                 iv_res_node_fn node_fn, iv_res_edge_fn edge_fn, void *ctx,
                                 struct iv_buf *err)
{
	return st->ops->res->closure(st, seeds, nseeds, also, nalso, follow, node_fn, edge_fn, ctx,
	                             err);
}

enum iv_err iv_store_res_set_member(struct iv_store *st, const char *entity, const char *canonical,
                                    struct iv_buf *err)
{
	enum iv_err rc = need_tx(st, err);

	return rc ? rc : st->ops->res->set_member(st, entity, canonical, err);
}

enum iv_err iv_store_res_canonical(struct iv_store *st, const char *entity, struct iv_buf *out,
                                   struct iv_buf *err)
{
	return st->ops->res->canonical(st, entity, out, err);
}

enum iv_err iv_store_res_members(struct iv_store *st, const char *canonical, iv_res_member_fn fn,
                                 void *ctx, struct iv_buf *err)
{
	if (!canonical)
		return iv_seterr(err, IV_ERR_INVALID, "no canonical id given");
	return st->ops->res->members(st, canonical, fn, ctx, err);
}

enum iv_err iv_store_res_each_member(struct iv_store *st, iv_res_member_fn fn, void *ctx,
                                     struct iv_buf *err)
{
	return st->ops->res->members(st, NULL, fn, ctx, err);
}

enum iv_err iv_store_res_each_canonical(struct iv_store *st, iv_res_canonical_fn fn, void *ctx,
                                        struct iv_buf *err)
{
	return st->ops->res->each_canonical(st, fn, ctx, err);
}

enum iv_err iv_store_res_member_envelopes(struct iv_store *st, iv_res_envelope_fn fn, void *ctx,
                                          struct iv_buf *err)
{
	return st->ops->res->member_envelopes(st, fn, ctx, err);
}

enum iv_err iv_store_res_unsaid_members(struct iv_store *st, iv_res_member_fn fn, void *ctx,
                                        struct iv_buf *err)
{
	return st->ops->res->unsaid_members(st, fn, ctx, err);
}

enum iv_err iv_store_res_set_model(struct iv_store *st, const char *family, const char *model,
                                   struct iv_buf *err)
{
	enum iv_err rc = need_tx(st, err);

	return rc ? rc : st->ops->res->set_model(st, family, model, err);
}

enum iv_err iv_store_res_get_model(struct iv_store *st, const char *family, struct iv_buf *out,
                                   struct iv_buf *err)
{
	return st->ops->res->get_model(st, family, out, err);
}

enum iv_err iv_store_judge_put(struct iv_store *st, const struct iv_judgement *j,
                               struct iv_buf *err)
{
	enum iv_err rc = need_tx(st, err);

	if (rc)
		return rc;
	if (!j->a || !j->b || !j->user || !*j->user || !j->verdict ||
	    (strcmp(j->verdict, "same") != 0 && strcmp(j->verdict, "different") != 0 &&
	     strcmp(j->verdict, "unsure") != 0 && strcmp(j->verdict, "withdrawn") != 0))
		return iv_seterr(err, IV_ERR_INVALID,
		                 "a judgement needs two entities, a user and a verdict of same, "
		                 "different, unsure or withdrawn");
	if (strcmp(j->a, j->b) == 0)
		return iv_seterr(err, IV_ERR_INVALID, "a judgement needs two different entities");
	return st->ops->res->judge_put(st, j, err);
}

enum iv_err iv_store_judge_each(struct iv_store *st, const char *entity, iv_judgement_fn fn,
                                void *ctx, struct iv_buf *err)
{
	return st->ops->res->judge_each(st, entity, fn, ctx, err);
}

/* ---- network projections -------------------------------------------------- */

enum iv_err iv_store_graph_entities(struct iv_store *st, iv_graph_entity_fn fn, void *ctx,
                                    struct iv_buf *err)
{
	return st->ops->graph->entities(st, fn, ctx, err);
}

enum iv_err iv_store_graph_rows(struct iv_store *st, const char *const *props, size_t nprops,
                                iv_graph_row_fn fn, void *ctx, struct iv_buf *err)
{
	char *pj = NULL;
	/* property names are plain words, as schema names are */
	enum iv_err rc = schemas_json(props, nprops, &pj, err);

	if (!rc)
		rc = st->ops->graph->rows(st, pj, fn, ctx, err);
	free(pj);
	return rc;
}

enum iv_err iv_store_statement_hash(struct iv_store *st, int64_t statement, char out[IV_HASH_HEX],
                                    struct iv_buf *err)
{
	return st->ops->graph->statement_hash(st, statement, out, err);
}

enum iv_err iv_store_envelope(struct iv_store *st, int64_t envelope, struct iv_handling *out,
                              struct iv_buf *err)
{
	return st->ops->graph->envelope(st, envelope, out, err);
}

enum iv_err iv_store_generation(struct iv_store *st, struct iv_store_generation *out,
                                struct iv_buf *err)
{
	return st->ops->graph->generation(st, out, err);
}

enum iv_err iv_store_cache(struct iv_store *st, unsigned mib, struct iv_buf *err)
{
	if (mib < 1 || mib > IV_STORE_CACHE_MIB_MAX)
		return iv_seterr(err, IV_ERR_INVALID, "a page cache of 1 to %u MiB, not %u",
		                 IV_STORE_CACHE_MIB_MAX, mib);
	return st->ops->cache ? st->ops->cache(st, mib, err) : IV_OK;
}

void iv_store_on_wait(struct iv_store *st, iv_store_wait_fn fn, void *ctx)
{
	if (st && st->ops->on_wait)
		st->ops->on_wait(st, fn, ctx);
}

void iv_store_time_limit(struct iv_store *st, double seconds)
{
	if (st && st->ops->time_limit)
		st->ops->time_limit(st, seconds);
}

bool iv_store_in_transaction(const struct iv_store *st)
{
	return st && st->in_tx;
}
