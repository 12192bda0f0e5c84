/*
 * audit.c - the tamper-evident audit trail (access.h): append, verify,
 * query.
 *
 * Record n stores hash_n = BLAKE2b-256(tag, hash_{n-1}, seq, at, user,
 * remote, action, query, entities, status, outcome), every part
 * length-prefixed (8 bytes, little-endian) so that no two different
 * records hash alike; hash_0 is 32 zero bytes.  The store's meta table
 * keeps the head anchor "SEQ HEX" of the last record, written in the
 * same transaction as the records, so that a record removed from the end
 * shows as well as one removed from the middle.
 *
 * What verification can and cannot see: an edit, insertion or deletion
 * made with SQL breaks either a record's own hash, the next record's
 * link, the numbering or the anchor, and iv_audit_verify names the
 * first place.  Someone who can write the database and recomputes every
 * later hash and the anchor is not caught by the chain alone: the head
 * hash verification prints is what an operator copies elsewhere, and a
 * trail that later disagrees with a copied head has been rewritten
 * (docs/access.md).
 *
 * Appending is the server's hot path (a batch of requests from one
 * writer thread): one transaction, one prepared insert per record, and
 * the anchor written once per batch.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "access/access_int.h"

#include "iv/util.h"

#define HASH_BYTES IV_STORE_AUDIT_HASH
/* Records hashed and inserted per round (their rows live on the stack). */
#define AUDIT_CHUNK 64
/* Longest field a record may carry, in bytes: a request summary, not a body. */
#define AUDIT_FIELD_MAX ((size_t)1 << 20)

_Static_assert(sizeof(((struct iv_audit_record *)0)->hash) == 2 * HASH_BYTES + 1,
               "an audit record's hex hash");

static const char audit_tag[] = "invigor audit v1";

/* ---- the hash ------------------------------------------------------------------------- */

static void put_bytes(crypto_generichash_state *s, const void *p, size_t n)
{
	unsigned char len[8];
	uint64_t v = n;

	for (int i = 0; i < 8; i++)
		len[i] = (unsigned char)(v >> (8 * i));
	crypto_generichash_update(s, len, sizeof(len));
	if (n)
		crypto_generichash_update(s, p, n);
}

static void put_text(crypto_generichash_state *s, const char *t)
{
	put_bytes(s, t, strlen(t));
}

static void put_int(crypto_generichash_state *s, int64_t v)
{
	unsigned char b[8];
	uint64_t u = (uint64_t)v;

	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(u >> (8 * i));
	put_bytes(s, b, sizeof(b));
}

/* The hash of a record on top of `prev` (prev_len bytes as stored). */
static void record_hash(const struct iv_store_audit_row *r, const unsigned char *prev,
                        size_t prev_len, unsigned char out[HASH_BYTES])
{
	crypto_generichash_state s;

	crypto_generichash_init(&s, NULL, 0, HASH_BYTES);
	put_text(&s, audit_tag);
	put_bytes(&s, prev, prev_len);
	put_int(&s, r->seq);
	put_int(&s, r->at);
	put_text(&s, r->user);
	put_text(&s, r->remote);
	put_text(&s, r->action);
	put_text(&s, r->query);
	put_text(&s, r->entities);
	put_int(&s, r->status);
	put_text(&s, r->outcome);
	crypto_generichash_final(&s, out, HASH_BYTES);
}

/* ---- the head anchor -------------------------------------------------------------------- */

/* "SEQ HEX" into its parts; false when it is not that. */
static bool head_parse(const char *text, int64_t *seq, unsigned char hash[HASH_BYTES])
{
	char *end;
	long long v;
	size_t bin_len = 0;
	const char *hex_end = NULL;

	if (!text || text[0] < '0' || text[0] > '9')
		return false;
	v = strtoll(text, &end, 10);
	if (v < 1 || *end != ' ' || strlen(end + 1) != 2 * HASH_BYTES)
		return false;
	if (sodium_hex2bin(hash, HASH_BYTES, end + 1, 2 * HASH_BYTES, NULL, &bin_len, &hex_end) !=
	            0 ||
	    bin_len != HASH_BYTES || *hex_end)
		return false;
	*seq = v;
	return true;
}

/* ---- appending ---------------------------------------------------------------------------- */

static enum iv_err check_record(const struct iv_audit_record *r, size_t i, struct iv_buf *err)
{
	const char *fields[] = {r->user, r->remote, r->action, r->query, r->entities, r->outcome};

	for (size_t f = 0; f < sizeof(fields) / sizeof(fields[0]); f++) {
		if (!fields[f])
			return iv_seterr(err, IV_ERR_INVALID,
			                 "audit record %zu of the batch lacks a field (use \"\")",
			                 i);
		if (strlen(fields[f]) > AUDIT_FIELD_MAX)
			return iv_seterr(err, IV_ERR_TOOBIG,
			                 "audit record %zu of the batch has a field over %zu bytes",
			                 i, AUDIT_FIELD_MAX);
	}
	return IV_OK;
}

/*
 * The entities list as stored: "[]" when empty, else the JSON array of
 * strings re-written compactly (one spelling for every list, which the
 * entity query relies on).  *json is set when the text needs freeing.
 */
static enum iv_err entities_text(const char *given, size_t i, const char **out, char **json,
                                 struct iv_buf *err)
{
	json_error_t je;
	json_t *v;
	size_t k;
	json_t *item;

	*json = NULL;
	if (!*given || strcmp(given, "[]") == 0) {
		*out = "[]";
		return IV_OK;
	}
	v = json_loads(given, 0, &je);
	if (!v || !json_is_array(v)) {
		json_decref(v);
		return iv_seterr(err, IV_ERR_INVALID,
		                 "audit record %zu of the batch: entities is not a JSON array of "
		                 "entity ids",
		                 i);
	}
	json_array_foreach(v, k, item)
	{
		if (!json_is_string(item)) {
			json_decref(v);
			return iv_seterr(
			        err, IV_ERR_INVALID,
			        "audit record %zu of the batch: entity %zu is not a string", i, k);
		}
	}
	*json = json_dumps(v, JSON_COMPACT);
	json_decref(v);
	if (!*json)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	*out = *json;
	return IV_OK;
}

/* Hash and insert records [0, n) of one round on top of *seq and prev; advances both. */
static enum iv_err append_round(struct iv_store *st, struct iv_audit_record *recs, size_t first,
                                size_t n, int64_t *seq, unsigned char prev[HASH_BYTES],
                                struct iv_buf *err)
{
	struct iv_store_audit_row rows[AUDIT_CHUNK];
	unsigned char hashes[AUDIT_CHUNK][HASH_BYTES];
	unsigned char start[HASH_BYTES];
	char *json[AUDIT_CHUNK];
	size_t made = 0;
	enum iv_err rc = IV_OK;

	memcpy(start, prev, HASH_BYTES);
	for (; made < n; made++) {
		struct iv_audit_record *r = &recs[made];
		struct iv_store_audit_row *row = &rows[made];

		rc = entities_text(r->entities, first + made, &row->entities, &json[made], err);
		if (rc)
			break;
		row->seq = *seq + 1 + (int64_t)made;
		row->at = r->at;
		row->user = r->user;
		row->remote = r->remote;
		row->action = r->action;
		row->query = r->query;
		row->status = r->status;
		row->outcome = r->outcome;
		row->prev = made ? hashes[made - 1] : start;
		row->prev_len = HASH_BYTES;
		row->hash = hashes[made];
		row->hash_len = HASH_BYTES;
		row->malformed = false;
		record_hash(row, row->prev, HASH_BYTES, hashes[made]);
		r->seq = row->seq;
		sodium_bin2hex(r->hash, sizeof(r->hash), hashes[made], HASH_BYTES);
	}
	if (!rc)
		rc = iv_store_audit_put(st, rows, n, err);
	if (!rc) {
		*seq += (int64_t)n;
		memcpy(prev, hashes[n - 1], HASH_BYTES);
	}
	for (size_t i = 0; i < made; i++)
		free(json[i]);
	return rc;
}

enum iv_err iv_audit_append(struct iv_store *st, struct iv_audit_record *recs, size_t n,
                            struct iv_buf *err)
{
	struct iv_buf head = IV_BUF_INIT;
	unsigned char prev[HASH_BYTES];
	char anchor[32 + 2 * HASH_BYTES];
	int64_t seq = 0;
	bool own, found = false;
	enum iv_err rc = IV_OK;

	if (n == 0)
		return IV_OK;
	if (!recs)
		return iv_seterr(err, IV_ERR_INVALID, "no audit records given");
	for (size_t i = 0; !rc && i < n; i++)
		rc = check_record(&recs[i], i, err);
	if (!rc && iv_crypto_init() != IV_OK)
		rc = iv_seterr(err, IV_ERR_INTERNAL, "libsodium could not be initialised");
	if (rc)
		return rc;
	rc = iv_store_access_begin(st, &own, err);
	if (rc)
		return rc;
	memset(prev, 0, sizeof(prev));
	rc = iv_store_audit_head(st, &head, &found, err);
	if (!rc && found && !head_parse(head.buf, &seq, prev))
		rc = iv_seterr(err, IV_ERR_DB,
		               "the audit trail's head anchor is damaged; run 'invigor audit "
		               "verify'");
	for (size_t i = 0; !rc && i < n; i += AUDIT_CHUNK) {
		size_t m = n - i < AUDIT_CHUNK ? n - i : AUDIT_CHUNK;

		rc = append_round(st, recs + i, i, m, &seq, prev, err);
	}
	if (!rc) {
		char hex[2 * HASH_BYTES + 1];

		sodium_bin2hex(hex, sizeof(hex), prev, HASH_BYTES);
		snprintf(anchor, sizeof(anchor), "%lld %s", (long long)seq, hex);
		rc = iv_store_audit_set_head(st, anchor, err);
	}
	rc = iv_store_access_end(st, own, rc, err);
	if (rc) {
		for (size_t i = 0; i < n; i++) {
			recs[i].seq = 0;
			recs[i].hash[0] = '\0';
		}
	}
	iv_buf_release(&head);
	return rc;
}

enum iv_err iv_audit_note(struct iv_store *st, const char *user, const char *remote,
                          const char *action, const char *query, int status, const char *outcome,
                          struct iv_buf *err)
{
	struct iv_audit_record rec = {
	        .at = iv_now(),
	        .user = user,
	        .remote = remote,
	        .action = action,
	        .query = query,
	        .entities = "[]",
	        .status = status,
	        .outcome = outcome,
	};

	return iv_audit_append(st, &rec, 1, err);
}

enum iv_err iv_audit_cli_change(struct iv_store *st, const char *user, const char *action,
                                const char *query, iv_access_change_fn fn, void *ctx,
                                struct iv_buf *err)
{
	struct iv_buf outcome = IV_BUF_INIT;
	bool own;
	enum iv_err rc = iv_store_access_begin(st, &own, err);

	if (rc)
		return rc; /* nothing can be written, the record of the attempt neither */
	rc = fn(st, ctx, err);
	if (!rc)
		rc = iv_audit_note(st, user, "cli", action, query, 0, "ok", err);
	rc = iv_store_access_end(st, own, rc, err);
	if (!rc)
		return IV_OK;
	if (iv_buf_addf(&outcome, "%s: %s", iv_err_is_user(rc) ? "invalid" : "error",
	                err && err->len ? err->buf : iv_err_name(rc)) == IV_OK) {
		/* the attempt changed nothing: a record of it is worth having, not failing for */
		enum iv_err noted = iv_audit_note(st, user, "cli", action, query,
		                                  iv_err_is_user(rc) ? 1 : 2, outcome.buf, NULL);
		(void)noted;
	}
	iv_buf_release(&outcome);
	return rc;
}

/* ---- verifying ----------------------------------------------------------------------------- */

struct verify_walk {
	struct iv_audit_verify *out;
	int64_t expected;               /* the seq the next record must have */
	unsigned char prev[HASH_BYTES]; /* the hash the next record must link to */
	int64_t last_seq;               /* of the last record numbered from 1 */
};

__attribute__((format(printf, 3, 4))) static void bad(struct verify_walk *w, int64_t seq,
                                                      const char *fmt, ...)
{
	va_list ap;

	if (w->out->first_bad)
		return; /* only the first problem is reported: later ones follow from it */
	w->out->first_bad = seq;
	va_start(ap, fmt);
	vsnprintf(w->out->problem, sizeof(w->out->problem), fmt, ap);
	va_end(ap);
}

static enum iv_err verify_row(void *ctx, const struct iv_store_audit_row *row)
{
	struct verify_walk *w = ctx;
	unsigned char hash[HASH_BYTES];
	long long seq = (long long)row->seq;

	w->out->records++;
	if (row->seq < 1) {
		bad(w, 1,
		    "a record numbered %lld comes before record 1: it was inserted, or a record "
		    "renumbered",
		    seq);
		return IV_OK;
	}
	if (row->seq != w->expected) {
		if (row->seq == w->expected + 1)
			bad(w, w->expected, "record %lld is missing: it was deleted",
			    (long long)w->expected);
		else
			bad(w, w->expected, "records %lld to %lld are missing: they were deleted",
			    (long long)w->expected, seq - 1);
	} else if (row->malformed) {
		bad(w, row->seq, "record %lld was altered: a field holds the wrong type of value",
		    seq);
	} else if (row->prev_len != HASH_BYTES || sodium_memcmp(row->prev, w->prev, HASH_BYTES)) {
		if (row->seq == 1)
			bad(w, 1, "record 1 does not start the trail: it was altered or replaced");
		else
			bad(w, row->seq,
			    "record %lld does not follow record %lld: its link was altered, or a "
			    "record was inserted or replaced here",
			    seq, seq - 1);
	} else {
		record_hash(row, row->prev, row->prev_len, hash);
		if (row->hash_len != HASH_BYTES || sodium_memcmp(row->hash, hash, HASH_BYTES))
			bad(w, row->seq,
			    "record %lld was altered: its hash does not match its fields", seq);
	}
	w->expected = row->seq + 1;
	w->last_seq = row->seq;
	if (row->hash_len == HASH_BYTES) {
		memcpy(w->prev, row->hash, HASH_BYTES);
		sodium_bin2hex(w->out->head, sizeof(w->out->head), row->hash, HASH_BYTES);
	} else {
		memset(w->prev, 0, HASH_BYTES);
		w->out->head[0] = '\0';
	}
	return IV_OK;
}

/* The anchor against the end of the walk. */
static void verify_head(struct verify_walk *w, bool found, const char *text)
{
	unsigned char hash[HASH_BYTES];
	int64_t seq = 0;
	long long last = (long long)w->last_seq;

	if (!found) {
		if (w->last_seq > 0)
			bad(w, w->last_seq,
			    "the head anchor is missing: the end of the trail cannot be checked");
		return;
	}
	if (!head_parse(text, &seq, hash)) {
		bad(w, w->last_seq > 0 ? w->last_seq : 1, "the head anchor is damaged");
		return;
	}
	if (seq > w->last_seq) {
		if (seq == w->last_seq + 1)
			bad(w, w->last_seq + 1,
			    "record %lld is missing from the end: the trail was truncated",
			    last + 1);
		else
			bad(w, w->last_seq + 1,
			    "records %lld to %lld are missing from the end: the trail was "
			    "truncated",
			    last + 1, (long long)seq);
	} else if (seq < w->last_seq) {
		bad(w, seq + 1,
		    "record %lld is beyond the head anchor (record %lld): it was added behind the "
		    "store's back, or the anchor was altered",
		    (long long)seq + 1, (long long)seq);
	} else if (sodium_memcmp(hash, w->prev, HASH_BYTES)) {
		bad(w, w->last_seq,
		    "the head anchor does not match record %lld: the anchor or the record was "
		    "altered",
		    last);
	}
}

enum iv_err iv_audit_verify(struct iv_store *st, struct iv_audit_verify *out, struct iv_buf *err)
{
	struct iv_store_audit_filter all = {.after_seq = INT64_MIN};
	struct verify_walk w = {.out = out, .expected = 1};
	struct iv_buf head = IV_BUF_INIT;
	bool own = false, found = false;
	enum iv_err rc;

	memset(out, 0, sizeof(*out));
	if (iv_crypto_init() != IV_OK)
		return iv_seterr(err, IV_ERR_INTERNAL, "libsodium could not be initialised");
	/* the records and the anchor from one snapshot: an append between them is no gap */
	rc = iv_store_access_read_begin(st, &own, err);
	if (rc)
		return rc;
	rc = iv_store_audit_each(st, &all, verify_row, &w, err);
	if (!rc)
		rc = iv_store_audit_head(st, &head, &found, err);
	iv_store_access_read_end(st, own);
	if (!rc)
		verify_head(&w, found, head.buf);
	iv_buf_release(&head);
	return rc;
}

/* ---- querying ------------------------------------------------------------------------------ */

struct audit_each {
	iv_audit_fn fn;
	void *ctx;
};

static enum iv_err each_row(void *ctx, const struct iv_store_audit_row *row)
{
	struct audit_each *e = ctx;
	struct iv_audit_record rec;

	rec.seq = row->seq;
	rec.at = row->at;
	rec.user = row->user;
	rec.remote = row->remote;
	rec.action = row->action;
	rec.query = row->query;
	rec.entities = row->entities;
	rec.status = (int)row->status;
	rec.outcome = row->outcome;
	if (row->hash_len == HASH_BYTES)
		sodium_bin2hex(rec.hash, sizeof(rec.hash), row->hash, HASH_BYTES);
	else
		rec.hash[0] = '\0';
	return e->fn(e->ctx, &rec);
}

enum iv_err iv_audit_each(struct iv_store *st, const struct iv_audit_query *q, iv_audit_fn fn,
                          void *ctx, struct iv_buf *err)
{
	struct iv_store_audit_filter f = {0};
	struct audit_each e = {fn, ctx};

	if (q) {
		f.user = q->user;
		f.entity = q->entity;
		f.from = q->from;
		f.to = q->to;
		f.after_seq = q->after_seq;
		f.limit = q->limit;
	}
	if (f.after_seq < 0)
		f.after_seq = 0;
	return iv_store_audit_each(st, &f, each_row, &e, err);
}
