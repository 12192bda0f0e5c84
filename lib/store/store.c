/*
 * store.c - the public iv_store_* functions.
 *
 * They check arguments and the transaction state once, here, and then
 * call the backend through its function table (store_int.h).  The
 * backend is chosen by the location string: a "postgresql://" URI would
 * go to the PostgreSQL backend (not built yet), anything else is a file
 * path for SQLite.
 */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "store/store_int.h"

#include "iv/util.h"

typedef enum iv_err (*backend_open_fn)(const char *location, unsigned flags, struct iv_store **out,
                                       struct iv_buf *err);

static enum iv_err postgres_open(const char *location, unsigned flags, struct iv_store **out,
                                 struct iv_buf *err)
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

enum iv_err iv_store_stats(struct iv_store *st, struct iv_store_stats *out, struct iv_buf *err)
{
	memset(out, 0, sizeof(*out));
	return st->ops->stats(st, out, err);
}

enum iv_err iv_store_datasets(struct iv_store *st, iv_dataset_fn fn, void *ctx, struct iv_buf *err)
{
	return st->ops->datasets(st, fn, ctx, err);
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
