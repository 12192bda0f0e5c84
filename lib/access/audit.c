/*
 * audit.c - the tamper-evident audit trail (access.h): append, verify,
 * query.
 *
 * Record n stores hash_n = BLAKE2b-256(tag, hash_{n-1}, seq, at, user,
 * remote, action, query, entities, status, outcome), every part
 * length-prefixed (8 bytes, little-endian) so that no two different
 * records hash alike; hash_0 is 32 zero bytes.  The store's meta table
 * keeps the head anchor of the last record, written in the same
 * transaction as the records, so that a record removed from the end
 * shows as well as one removed from the middle.
 *
 * The key.  Without a secret, whoever can write the database can cut the
 * trail's tail and re-point the anchor at the new last record (or
 * recompute every later hash), and the chain verifies.  So the chain is
 * keyed: a 32-byte key kept in a file outside the database
 * (iv_store_audit_key_path: INVIGOR_AUDIT_KEY, else
 * "<database>.audit-key", mode 0600) makes each hash a keyed BLAKE2b MAC,
 * and the anchor becomes "SEQ HASH FROM KEYID MAC": FROM is the first
 * record made with the key (records before it come from before the key
 * and verify unkeyed, as they always did), KEYID names the key without
 * revealing it, and MAC seals all four with the key, so that re-pointing
 * the anchor, or moving FROM, needs the key.  Once a key file exists an
 * anchor that is not sealed is itself tampering (the sealed end was cut
 * off and the anchor replaced by an old-style one).
 *
 * Sealing happens once per store, before the first append that finds no
 * key file: in a transaction of its own the key is written to
 * "<key>.new", the anchor sealed, and after the commit the file linked to
 * its name.  A crash before the commit leaves the trail unsealed (the
 * ".new" file is overwritten next time); a crash after it leaves a
 * sealed anchor whose key is in ".new", which the next reader installs
 * when the key id matches.  An append inside the caller's transaction on
 * a store never sealed stays unkeyed: the next one outside seals.
 *
 * What verification can and cannot see: an edit, insertion or deletion
 * made with SQL breaks either a record's own hash, the next record's
 * link, the numbering or the anchor, and iv_audit_verify names the
 * first place.  Someone who also holds the key file can rewrite the
 * trail consistently; so can anyone, for the unkeyed part before FROM.
 * The head hash verification prints is what an operator copies
 * elsewhere: a trail that later disagrees with a copied head was
 * rewritten (docs/access.md).
 *
 * Appending is the server's hot path (a batch of requests from one
 * writer thread): one transaction, one prepared insert per record, and
 * the anchor written once per batch.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

#define KEY_BYTES    IV_STORE_AUDIT_KEY
#define KEY_ID_BYTES 8
/* "SEQ HEX FROM KEYID MAC" at its longest, NUL included */
#define ANCHOR_TEXT (3 * 21 + 2 * (2 * HASH_BYTES) + 2 * KEY_ID_BYTES + 1)

static const char audit_tag[] = "invigor audit v1";
static const char head_tag[] = "invigor audit head v2";
static const char key_id_tag[] = "invigor audit key id";

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

/* The hash of a record on top of `prev` (prev_len bytes as stored); keyed when key is non-NULL. */
static void record_hash(const struct iv_store_audit_row *r, const unsigned char *prev,
                        size_t prev_len, const unsigned char *key, unsigned char out[HASH_BYTES])
{
	crypto_generichash_state s;

	crypto_generichash_init(&s, key, key ? KEY_BYTES : 0, HASH_BYTES);
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

/* The head anchor's parts: "SEQ HEX", or sealed "SEQ HEX FROM KEYID MAC". */
struct anchor {
	int64_t seq;                    /* the last record; 0 only for a sealed empty trail */
	unsigned char hash[HASH_BYTES]; /* its hash (zeros for none) */
	bool sealed;                    /* from, id and mac are set */
	int64_t from;                   /* the first record made with the key */
	unsigned char id[KEY_ID_BYTES]; /* the key's id */
	unsigned char mac[HASH_BYTES];  /* the key's MAC of the four above */
};

/* A decimal field >= min ending at a space or the end; advances *p. */
static bool int_field(const char **p, int64_t min, int64_t *out)
{
	char *end;
	long long v;

	if (**p < '0' || **p > '9')
		return false;
	errno = 0;
	v = strtoll(*p, &end, 10);
	if (errno || v < min || (*end != ' ' && *end))
		return false;
	*out = v;
	*p = end;
	return true;
}

/* Exactly 2n hex digits ending at a space or the end; advances *p. */
static bool hex_field(const char **p, unsigned char *out, size_t n)
{
	size_t bin_len = 0;
	const char *end = NULL;

	if (strlen(*p) < 2 * n || ((*p)[2 * n] != ' ' && (*p)[2 * n]))
		return false;
	if (sodium_hex2bin(out, n, *p, 2 * n, NULL, &bin_len, &end) != 0 || bin_len != n ||
	    end != *p + 2 * n)
		return false;
	*p = end;
	return true;
}

/* The anchor's text into its parts; false when it is not one. */
static bool anchor_parse(const char *text, struct anchor *a)
{
	const char *p = text;

	memset(a, 0, sizeof(*a));
	if (!p || !int_field(&p, 0, &a->seq) || *p++ != ' ' || !hex_field(&p, a->hash, HASH_BYTES))
		return false;
	if (!*p)
		return a->seq >= 1;
	a->sealed = true;
	return *p++ == ' ' && int_field(&p, 1, &a->from) && *p++ == ' ' &&
	       hex_field(&p, a->id, KEY_ID_BYTES) && *p++ == ' ' &&
	       hex_field(&p, a->mac, HASH_BYTES) && !*p && a->from <= a->seq + 1;
}

/* A key's id: names it in the anchor and in messages without revealing it. */
static void key_id(const unsigned char key[KEY_BYTES], unsigned char out[KEY_ID_BYTES])
{
	unsigned char full[crypto_generichash_BYTES_MIN];

	crypto_generichash(full, sizeof(full), (const unsigned char *)key_id_tag,
	                   strlen(key_id_tag), key, KEY_BYTES);
	memcpy(out, full, KEY_ID_BYTES);
}

static void anchor_mac(const struct anchor *a, const unsigned char key[KEY_BYTES],
                       unsigned char out[HASH_BYTES])
{
	crypto_generichash_state s;

	crypto_generichash_init(&s, key, KEY_BYTES, HASH_BYTES);
	put_text(&s, head_tag);
	put_int(&s, a->seq);
	put_bytes(&s, a->hash, HASH_BYTES);
	put_int(&s, a->from);
	put_bytes(&s, a->id, KEY_ID_BYTES);
	crypto_generichash_final(&s, out, HASH_BYTES);
}

/* Seal a (seq, hash, from set) with the key: its id and MAC. */
static void anchor_seal(struct anchor *a, const unsigned char key[KEY_BYTES])
{
	a->sealed = true;
	key_id(key, a->id);
	anchor_mac(a, key, a->mac);
}

static bool anchor_mac_ok(const struct anchor *a, const unsigned char key[KEY_BYTES])
{
	unsigned char mac[HASH_BYTES];

	anchor_mac(a, key, mac);
	return sodium_memcmp(mac, a->mac, HASH_BYTES) == 0;
}

static void anchor_format(const struct anchor *a, char out[ANCHOR_TEXT])
{
	char hash[2 * HASH_BYTES + 1], id[2 * KEY_ID_BYTES + 1], mac[2 * HASH_BYTES + 1];

	sodium_bin2hex(hash, sizeof(hash), a->hash, HASH_BYTES);
	if (!a->sealed) {
		snprintf(out, ANCHOR_TEXT, "%lld %s", (long long)a->seq, hash);
		return;
	}
	sodium_bin2hex(id, sizeof(id), a->id, KEY_ID_BYTES);
	sodium_bin2hex(mac, sizeof(mac), a->mac, HASH_BYTES);
	snprintf(out, ANCHOR_TEXT, "%lld %s %lld %s %s", (long long)a->seq, hash,
	         (long long)a->from, id, mac);
}

/* ---- the key file ------------------------------------------------------------------------- */

/* Read a key file: 64 hex digits, then white space at most.  IV_ERR_NOTFOUND, silently, when
 * there is no file. */
static IV_MUST_USE enum iv_err key_read(const char *path, unsigned char key[KEY_BYTES],
                                        struct iv_buf *err)
{
	char text[2 * KEY_BYTES + 16];
	size_t len = 0, bin_len = 0;
	const char *end = NULL;
	ssize_t n = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	enum iv_err rc = IV_OK;

	if (fd < 0 && errno == ENOENT)
		return IV_ERR_NOTFOUND;
	if (fd < 0)
		return iv_seterr(err, IV_ERR_IO, "%s: cannot read the audit key: %s", path,
		                 strerror(errno));
	while (len < sizeof(text) && (n = read(fd, text + len, sizeof(text) - len)) > 0)
		len += (size_t)n;
	if (n < 0)
		rc = iv_seterr(err, IV_ERR_IO, "%s: cannot read the audit key: %s", path,
		               strerror(errno));
	close(fd);
	while (!rc && len > 2 * KEY_BYTES &&
	       (text[len - 1] == '\n' || text[len - 1] == '\r' || text[len - 1] == ' '))
		len--;
	if (!rc && (len != 2 * KEY_BYTES ||
	            sodium_hex2bin(key, KEY_BYTES, text, len, NULL, &bin_len, &end) != 0 ||
	            bin_len != KEY_BYTES || end != text + len))
		rc = iv_seterr(err, IV_ERR_INVALID,
		               "%s: not an invigor audit key (64 hex digits on one line)", path);
	sodium_memzero(text, sizeof(text));
	if (rc)
		sodium_memzero(key, KEY_BYTES);
	return rc;
}

/* Write a new key to `path` (replacing one there), mode 0600, synced. */
static IV_MUST_USE enum iv_err key_write(const char *path, const unsigned char key[KEY_BYTES],
                                         struct iv_buf *err)
{
	char text[2 * KEY_BYTES + 2];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	enum iv_err rc = IV_OK;

	if (fd < 0)
		return iv_seterr(err, IV_ERR_IO, "%s: cannot create the audit key: %s", path,
		                 strerror(errno));
	sodium_bin2hex(text, sizeof(text), key, KEY_BYTES);
	text[2 * KEY_BYTES] = '\n';
	if (fchmod(fd, 0600) != 0 ||
	    write(fd, text, sizeof(text) - 1) != (ssize_t)sizeof(text) - 1 || fsync(fd) != 0)
		rc = iv_seterr(err, IV_ERR_IO, "%s: cannot write the audit key: %s", path,
		               strerror(errno));
	if (close(fd) != 0 && !rc)
		rc = iv_seterr(err, IV_ERR_IO, "%s: cannot write the audit key: %s", path,
		               strerror(errno));
	sodium_memzero(text, sizeof(text));
	if (rc)
		unlink(path);
	return rc;
}

/* Give the key written to `fresh` its name `path` (never replacing another key there). */
static IV_MUST_USE enum iv_err key_install(const char *path, const char *fresh,
                                           const unsigned char key[KEY_BYTES], struct iv_buf *err)
{
	unsigned char there[KEY_BYTES];
	enum iv_err rc = IV_OK;

	if (link(fresh, path) != 0) {
		if (errno != EEXIST)
			return iv_seterr(err, IV_ERR_IO,
			                 "%s: cannot install the audit key from %s: %s", path,
			                 fresh, strerror(errno));
		/* another process finished the install first: the same key, or a conflict */
		rc = key_read(path, there, err);
		if (!rc && sodium_memcmp(there, key, KEY_BYTES) != 0)
			rc = iv_seterr(
			        err, IV_ERR_EXISTS,
			        "%s: another audit key appeared there; this store's key is in "
			        "%s",
			        path, fresh);
		sodium_memzero(there, sizeof(there));
		if (rc)
			return rc == IV_ERR_NOTFOUND ? iv_seterr(err, IV_ERR_IO,
			                                         "%s: the audit key vanished", path)
			                             : rc;
	}
	unlink(fresh);
	return IV_OK;
}

/* "<path>.new", where a key waits for the commit that seals the trail with it. */
static IV_MUST_USE enum iv_err fresh_path(const char *path, struct iv_buf *out, struct iv_buf *err)
{
	if (iv_buf_addf(out, "%s.new", path) != IV_OK)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	return IV_OK;
}

/*
 * Read the key file into the handle's slot when it is there (nothing when
 * it is not, or already read).  With a sealed anchor `a`, a key waiting in
 * "<path>.new" whose id is a's (a crash came between the commit that
 * sealed the trail and the install) is installed first.
 */
static IV_MUST_USE enum iv_err key_load(struct iv_store *st, const struct anchor *a,
                                        struct iv_buf *err)
{
	struct iv_store_audit_key *k = iv_store_audit_key_slot(st);
	const char *path = iv_store_audit_key_path(st);
	struct iv_buf fresh = IV_BUF_INIT;
	unsigned char id[KEY_ID_BYTES];
	enum iv_err rc;

	if (k->loaded || k->unkeyed || !path)
		return IV_OK;
	rc = key_read(path, k->key, err);
	if (rc == IV_ERR_NOTFOUND && a && a->sealed) {
		rc = fresh_path(path, &fresh, err);
		if (!rc && key_read(fresh.buf, k->key, NULL) == IV_OK) {
			key_id(k->key, id);
			rc = sodium_memcmp(id, a->id, KEY_ID_BYTES) == 0
			             ? key_install(path, fresh.buf, k->key, err)
			             : IV_ERR_NOTFOUND;
		} else if (!rc) {
			rc = IV_ERR_NOTFOUND;
		}
	}
	iv_buf_release(&fresh);
	if (rc) {
		sodium_memzero(k->key, KEY_BYTES);
		return rc == IV_ERR_NOTFOUND ? IV_OK : rc;
	}
	k->loaded = true;
	return IV_OK;
}

static IV_MUST_USE enum iv_err any_record(void *ctx, const struct iv_store_audit_row *row)
{
	(void)row;
	*(bool *)ctx = true;
	return IV_OK;
}

/*
 * Before a store's first keyed append: when the trail is not sealed and
 * no key file exists, create the key and seal the anchor with it, in a
 * transaction of its own (inside the caller's, nothing happens).  An
 * empty trail is also sealed with a key file found there.
 */
static IV_MUST_USE enum iv_err audit_seal(struct iv_store *st, struct iv_buf *err)
{
	struct iv_store_audit_key *k = iv_store_audit_key_slot(st);
	const char *path = iv_store_audit_key_path(st);
	struct iv_buf head = IV_BUF_INIT, fresh = IV_BUF_INIT;
	unsigned char key[KEY_BYTES];
	char text[ANCHOR_TEXT];
	struct iv_store_audit_filter first = {.after_seq = INT64_MIN, .limit = 1};
	struct anchor a;
	bool own, found = false, created = false, sealed = false, records = false;
	enum iv_err rc;

	if (k->loaded || k->unkeyed || !path)
		return IV_OK;
	rc = iv_store_access_begin(st, &own, err);
	if (rc || !own)
		return rc ? rc : iv_store_access_end(st, own, IV_OK, err);
	rc = iv_store_audit_head(st, &head, &found, err);
	if (!rc && !found)
		rc = iv_store_audit_each(st, &first, any_record, &records, err);
	/* damaged, sealed already, or records without an anchor: the append says which */
	if (rc || records || (found && (!anchor_parse(head.buf, &a) || a.sealed)))
		goto end;
	if (!found)
		memset(&a, 0, sizeof(a));
	rc = key_read(path, key, err);
	if (rc == IV_ERR_NOTFOUND) {
		randombytes_buf(key, sizeof(key));
		rc = fresh_path(path, &fresh, err);
		if (!rc)
			rc = key_write(fresh.buf, key, err);
		created = !rc;
	} else if (!rc && found) {
		goto end; /* a key, and a trail not sealed with it: the append refuses */
	}
	if (rc)
		goto end;
	a.from = a.seq + 1;
	anchor_seal(&a, key);
	anchor_format(&a, text);
	rc = iv_store_audit_set_head(st, text, err);
	sealed = !rc;
end:
	rc = iv_store_access_end(st, own, rc, err);
	if (created && !rc)
		rc = key_install(path, fresh.buf, key, err);
	else if (created)
		unlink(fresh.buf);
	if (!rc && sealed) {
		memcpy(k->key, key, KEY_BYTES);
		k->loaded = true;
	}
	sodium_memzero(key, sizeof(key));
	iv_buf_release(&fresh);
	iv_buf_release(&head);
	return rc;
}

void iv_audit_test_unkeyed(struct iv_store *st)
{
	iv_store_audit_key_slot(st)->unkeyed = true;
}

/* The key a sealed anchor needs, checked against the anchor: NULL with a message otherwise. */
static const unsigned char *key_for(struct iv_store *st, const struct anchor *a, enum iv_err *rc,
                                    struct iv_buf *err)
{
	struct iv_store_audit_key *k = iv_store_audit_key_slot(st);
	const char *path = iv_store_audit_key_path(st);
	char want[2 * KEY_ID_BYTES + 1], have[2 * KEY_ID_BYTES + 1];
	unsigned char id[KEY_ID_BYTES];

	sodium_bin2hex(want, sizeof(want), a->id, KEY_ID_BYTES);
	if (!k->loaded) {
		*rc = iv_seterr(
		        err, IV_ERR_NOTFOUND,
		        "the audit trail is sealed with a key (id %s) from record %lld, and "
		        "the key file %s is missing: set INVIGOR_AUDIT_KEY to the file "
		        "where the key is kept",
		        want, (long long)a->from, path ? path : "(none for this store)");
		return NULL;
	}
	key_id(k->key, id);
	if (sodium_memcmp(id, a->id, KEY_ID_BYTES) != 0) {
		sodium_bin2hex(have, sizeof(have), id, KEY_ID_BYTES);
		*rc = iv_seterr(err, IV_ERR_INVALID,
		                "%s holds audit key %s, but the trail is sealed with key %s: the "
		                "wrong key file, or the head anchor was altered",
		                path ? path : "the key", have, want);
		return NULL;
	}
	*rc = IV_OK;
	return k->key;
}

/* ---- appending ---------------------------------------------------------------------------- */

static IV_MUST_USE enum iv_err check_record(const struct iv_audit_record *r, size_t i,
                                            struct iv_buf *err)
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
static IV_MUST_USE enum iv_err entities_text(const char *given, size_t i, const char **out,
                                             char **json, struct iv_buf *err)
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

/* Hash (with key, when non-NULL) and insert records [0, n) of one round on top of *seq and
 * prev; advances both. */
static IV_MUST_USE enum iv_err append_round(struct iv_store *st, struct iv_audit_record *recs,
                                            size_t first, size_t n, const unsigned char *key,
                                            int64_t *seq, unsigned char prev[HASH_BYTES],
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
		record_hash(row, row->prev, HASH_BYTES, key, hashes[made]);
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

/*
 * The key this append chains with (NULL: none, the trail predates keys),
 * after checking the anchor `a` (found: there is one): a sealed anchor
 * needs its key and a MAC that matches; once a key file exists, an
 * anchor that is not sealed is refused.  *from: the first keyed record.
 */
static const unsigned char *append_key(struct iv_store *st, bool found, const struct anchor *a,
                                       int64_t *from, enum iv_err *rc, struct iv_buf *err)
{
	const unsigned char *key;

	*rc = key_load(st, found ? a : NULL, err);
	if (*rc)
		return NULL;
	if (found && a->sealed) {
		key = key_for(st, a, rc, err);
		if (key && !anchor_mac_ok(a, key)) {
			*rc = iv_seterr(
			        err, IV_ERR_DB,
			        "the audit trail's head anchor does not match its seal; run "
			        "'invigor audit verify'");
			key = NULL;
		}
		*from = a->from;
		return key;
	}
	if (!iv_store_audit_key_slot(st)->loaded)
		return NULL;
	if (found) {
		*rc = iv_seterr(err, IV_ERR_DB,
		                "the audit key %s exists but the trail's head anchor is not sealed "
		                "with it: the sealed end of the trail was cut off, or the key is "
		                "another store's; run 'invigor audit verify'",
		                iv_store_audit_key_path(st));
		return NULL;
	}
	*from = 1; /* an empty trail takes the key from its first record */
	return iv_store_audit_key_slot(st)->key;
}

enum iv_err iv_audit_append(struct iv_store *st, struct iv_audit_record *recs, size_t n,
                            struct iv_buf *err)
{
	struct iv_buf head = IV_BUF_INIT;
	struct anchor a;
	const unsigned char *key = NULL;
	char text[ANCHOR_TEXT];
	int64_t from = 0;
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
	if (!rc)
		rc = audit_seal(st, err);
	if (rc)
		return rc;
	rc = iv_store_access_begin(st, &own, err);
	if (rc)
		return rc;
	memset(&a, 0, sizeof(a));
	rc = iv_store_audit_head(st, &head, &found, err);
	if (!rc && found && !anchor_parse(head.buf, &a))
		rc = iv_seterr(err, IV_ERR_DB,
		               "the audit trail's head anchor is damaged; run 'invigor audit "
		               "verify'");
	if (!rc)
		key = append_key(st, found, &a, &from, &rc, err);
	for (size_t i = 0; !rc && i < n; i += AUDIT_CHUNK) {
		size_t m = n - i < AUDIT_CHUNK ? n - i : AUDIT_CHUNK;

		rc = append_round(st, recs + i, i, m, key, &a.seq, a.hash, err);
	}
	if (!rc) {
		a.sealed = false;
		if (key) {
			a.from = from;
			anchor_seal(&a, key);
		}
		anchor_format(&a, text);
		rc = iv_store_audit_set_head(st, text, err);
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
	/* sealing takes a transaction of its own: before the change's */
	enum iv_err rc = audit_seal(st, err);

	if (!rc)
		rc = iv_store_access_begin(st, &own, err);
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
	/* records from `from` on are keyed with key (NULL: none are); with from 0 and a key (an
	 * anchor that is not sealed, though a key exists) the first keyed record sets it */
	const unsigned char *key;
	int64_t from;
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

static IV_MUST_USE enum iv_err verify_row(void *ctx, const struct iv_store_audit_row *row)
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
		record_hash(row, row->prev, row->prev_len,
		            w->key && w->from && row->seq >= w->from ? w->key : NULL, hash);
		if (w->key && !w->from && row->hash_len == HASH_BYTES &&
		    sodium_memcmp(row->hash, hash, HASH_BYTES)) {
			record_hash(row, row->prev, row->prev_len, w->key, hash);
			if (!sodium_memcmp(row->hash, hash, HASH_BYTES))
				w->from = row->seq;
		}
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

/* The anchor against the end of the walk; key_path: the key file, when one exists. */
static void verify_head(struct verify_walk *w, bool found, const struct anchor *a,
                        const char *key_path)
{
	long long last = (long long)w->last_seq;

	if (!found) {
		if (w->last_seq > 0)
			bad(w, w->last_seq,
			    "the head anchor is missing: the end of the trail cannot be checked");
		return;
	}
	if (!a) {
		bad(w, w->last_seq > 0 ? w->last_seq : 1, "the head anchor is damaged");
		return;
	}
	if (a->seq > w->last_seq) {
		if (a->seq == w->last_seq + 1)
			bad(w, w->last_seq + 1,
			    "record %lld is missing from the end: the trail was truncated",
			    last + 1);
		else
			bad(w, w->last_seq + 1,
			    "records %lld to %lld are missing from the end: the trail was "
			    "truncated",
			    last + 1, (long long)a->seq);
	} else if (a->seq < w->last_seq) {
		bad(w, a->seq + 1,
		    "record %lld is beyond the head anchor (record %lld): it was added behind the "
		    "store's back, or the anchor was altered",
		    (long long)a->seq + 1, (long long)a->seq);
	} else if (a->seq > 0 && sodium_memcmp(a->hash, w->prev, HASH_BYTES)) {
		bad(w, w->last_seq,
		    "the head anchor does not match record %lld: the anchor or the record was "
		    "altered",
		    last);
	}
	if (a->sealed && !anchor_mac_ok(a, w->key))
		bad(w, w->last_seq > 0 ? w->last_seq : 1,
		    "the head anchor does not match its seal: the anchor was altered or "
		    "re-pointed");
	else if (!a->sealed && key_path)
		bad(w, w->last_seq + 1,
		    "the head anchor is not sealed with the audit key (%s): the sealed end of the "
		    "trail after record %lld was cut off and the anchor replaced, or the key is "
		    "another store's",
		    key_path, last);
}

enum iv_err iv_audit_verify(struct iv_store *st, struct iv_audit_verify *out, struct iv_buf *err)
{
	struct iv_store_audit_filter all = {.after_seq = INT64_MIN};
	struct verify_walk w = {.out = out, .expected = 1};
	struct iv_buf head = IV_BUF_INIT;
	struct anchor a;
	bool own = false, found = false, parsed = false;
	enum iv_err rc;

	memset(out, 0, sizeof(*out));
	if (iv_crypto_init() != IV_OK)
		return iv_seterr(err, IV_ERR_INTERNAL, "libsodium could not be initialised");
	/* the key before the snapshot: a key file that exists now was made for an anchor the
	 * snapshot shows sealed (a trail sealed after it began finds the key below) */
	rc = key_load(st, NULL, err);
	/* the records and the anchor from one snapshot: an append between them is no gap */
	if (!rc)
		rc = iv_store_access_read_begin(st, &own, err);
	if (rc)
		return rc;
	rc = iv_store_audit_head(st, &head, &found, err);
	parsed = !rc && found && anchor_parse(head.buf, &a);
	if (parsed && a.sealed) {
		rc = key_load(st, &a, err);
		if (!rc)
			w.key = key_for(st, &a, &rc, err);
		w.from = a.from;
	} else if (iv_store_audit_key_slot(st)->loaded) {
		/* no sealed anchor to say where keying starts: the records do, so that a
		 * damaged anchor is reported as that, not as every keyed record altered */
		w.key = iv_store_audit_key_slot(st)->key;
	}
	if (!rc)
		rc = iv_store_audit_each(st, &all, verify_row, &w, err);
	iv_store_access_read_end(st, own);
	if (!rc) {
		verify_head(&w, found, parsed ? &a : NULL,
		            iv_store_audit_key_slot(st)->loaded ? iv_store_audit_key_path(st)
		                                                : NULL);
		if (w.key && parsed && a.sealed) {
			out->keyed = true;
			out->keyed_from = a.from;
			sodium_bin2hex(out->key_id, sizeof(out->key_id), a.id, KEY_ID_BYTES);
		}
	}
	iv_buf_release(&head);
	return rc;
}

/* ---- querying ------------------------------------------------------------------------------ */

struct audit_each {
	iv_audit_fn fn;
	void *ctx;
};

static IV_MUST_USE enum iv_err each_row(void *ctx, const struct iv_store_audit_row *row)
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

enum iv_err iv_audit_recent(struct iv_store *st, const char *user, unsigned limit, iv_audit_fn fn,
                            void *ctx, struct iv_buf *err)
{
	struct audit_each e = {fn, ctx};

	return iv_store_audit_recent(st, user, limit, each_row, &e, err);
}
