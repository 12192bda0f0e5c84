/*
 * sessions.c - passwords, logins, lockout and sessions (access.h).
 *
 * Passwords are hashed with argon2id at libsodium's interactive cost;
 * the hash text carries its own parameters, so a later change of cost
 * still verifies old hashes.  A login answers every refusal the same way
 * (IV_ERR_DENIED, one message) and spends one argon2id verification
 * whether or not the user exists, so that neither the answer nor its
 * time tells an unknown name from a wrong password.
 *
 * Lockout: every attempt is counted as a failure before its password is
 * checked, in one short write transaction that first refuses a user with
 * IV_ACCESS_MAX_FAILURES failures (IV_ERR_TOOBIG, without a password
 * check) until IV_ACCESS_LOCKOUT_SECONDS after the last one; an attempt
 * within IV_ACCESS_LOCKOUT_SECONDS of the previous failure adds to the
 * count, a later one starts it again.  Reading the count, checking the
 * password (~100 ms) and then writing count+1 would let parallel guesses
 * all read the same count; reserving first bounds the checks per window
 * whatever the concurrency.  The check itself runs outside any
 * transaction, so argon2id never holds the write lock.  A successful
 * login, a new password or enabling the user clears the count.
 *
 * A session token is 32 random bytes shown as 64 hex digits; the store
 * keeps only their BLAKE2b-256 hash, so a copy of the database opens no
 * session.  Expired sessions are removed when someone presents one and
 * at every login.
 */
#include <pthread.h>
#include <string.h>

#include <sodium.h>

#include "access/access_int.h"

#include "iv/util.h"

_Static_assert(ACCESS_PWHASH_BYTES == crypto_pwhash_STRBYTES, "argon2id hash text size");
_Static_assert(IV_ACCESS_TOKEN_HEX == 2 * 32 + 1, "a token is 32 bytes in hex");

#define TOKEN_BYTES 32

static const char denied[] = "wrong user name or password";

/* ---- password hashing ---------------------------------------------------------------- */

static bool cheap_hashing;
static pthread_mutex_t dummy_lock = PTHREAD_MUTEX_INITIALIZER;
static char dummy_hash[ACCESS_PWHASH_BYTES]; /* "" until first needed */

void iv_access_test_cheap_hashing(bool cheap)
{
	pthread_mutex_lock(&dummy_lock);
	cheap_hashing = cheap;
	dummy_hash[0] = '\0';
	pthread_mutex_unlock(&dummy_lock);
}

static IV_MUST_USE enum iv_err hash_with(const char *password, char out[ACCESS_PWHASH_BYTES],
                                         bool cheap, struct iv_buf *err)
{
	unsigned long long ops =
	        cheap ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
	size_t mem = cheap ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;

	if (iv_crypto_init() != IV_OK)
		return iv_seterr(err, IV_ERR_INTERNAL, "libsodium could not be initialised");
	if (crypto_pwhash_str(out, password, strlen(password), ops, mem) != 0)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory hashing a password");
	return IV_OK;
}

enum iv_err access_password_hash(const char *password, char out[ACCESS_PWHASH_BYTES],
                                 struct iv_buf *err)
{
	return hash_with(password, out, cheap_hashing, err);
}

static bool password_ok(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

/* Spend what checking a real user's password costs, for a name that has none. */
static void spend_a_verification(const char *password)
{
	char hash[ACCESS_PWHASH_BYTES];

	pthread_mutex_lock(&dummy_lock);
	if (!dummy_hash[0]) {
		unsigned char secret[16];
		char text[33];

		randombytes_buf(secret, sizeof(secret));
		sodium_bin2hex(text, sizeof(text), secret, sizeof(secret));
		if (hash_with(text, dummy_hash, cheap_hashing, NULL) != IV_OK)
			dummy_hash[0] = '\0';
	}
	memcpy(hash, dummy_hash, sizeof(hash));
	pthread_mutex_unlock(&dummy_lock);
	if (hash[0])
		(void)password_ok(hash, password);
}

/* ---- tokens ------------------------------------------------------------------------------ */

/* The stored form of a token: BLAKE2b-256 of its bytes. */
static void token_hash(const unsigned char token[TOKEN_BYTES],
                       unsigned char out[IV_STORE_TOKEN_HASH])
{
	crypto_generichash(out, IV_STORE_TOKEN_HASH, token, TOKEN_BYTES, NULL, 0);
}

/* A token's 64 hex digits into its bytes; false for anything else. */
static bool token_parse(const char *hex, unsigned char out[TOKEN_BYTES])
{
	size_t bin_len = 0;
	const char *end = NULL;

	if (!hex || strlen(hex) != 2 * TOKEN_BYTES)
		return false;
	return sodium_hex2bin(out, TOKEN_BYTES, hex, 2 * TOKEN_BYTES, NULL, &bin_len, &end) == 0 &&
	       bin_len == TOKEN_BYTES && end == hex + 2 * TOKEN_BYTES;
}

/* ---- logins ------------------------------------------------------------------------------- */

/* What a login needs of the user's row, copied out of the callback. */
struct login_user {
	char name[65];
	char hash[ACCESS_PWHASH_BYTES];
	bool disabled;
	int64_t failed;
	int64_t last_failed_at;
};

static IV_MUST_USE enum iv_err login_row(void *ctx, const struct iv_store_user *row)
{
	struct login_user *u = ctx;

	iv_strlcpy(u->name, row->name, sizeof(u->name));
	iv_strlcpy(u->hash, row->password_hash, sizeof(u->hash));
	u->disabled = row->disabled;
	u->failed = row->failed_logins;
	u->last_failed_at = row->last_failed_at;
	return IV_OK;
}

static bool locked_out(const struct login_user *u, int64_t now)
{
	return u->failed >= IV_ACCESS_MAX_FAILURES &&
	       now - u->last_failed_at < IV_ACCESS_LOCKOUT_SECONDS;
}

/*
 * Reserve a password check: in one short write transaction, refuse when
 * the user is locked out, else count this attempt as a failure before
 * the password is checked (a failure long after the last starts a new
 * count).  Concurrent logins for one user queue on the write lock, so at
 * most IV_ACCESS_MAX_FAILURES checks run per window whatever the
 * concurrency; a success clears the count afterwards.  *locked: refused.
 */
static IV_MUST_USE enum iv_err reserve_attempt(struct iv_store *st, const char *user, int64_t now,
                                               struct login_user *u, bool *locked,
                                               struct iv_buf *err)
{
	bool own;
	enum iv_err rc = iv_store_access_begin(st, &own, err);

	*locked = false;
	if (rc)
		return rc;
	rc = iv_store_user_get(st, user, login_row, u, err);
	if (!rc && locked_out(u, now))
		*locked = true;
	else if (!rc)
		rc = iv_store_user_set_failures(
		        st, u->name,
		        now - u->last_failed_at >= IV_ACCESS_LOCKOUT_SECONDS ? 1 : u->failed + 1,
		        now, err);
	return iv_store_access_end(st, own, rc, err);
}

static void (*verify_hook)(struct iv_store *st, void *ctx);
static void *verify_hook_ctx;

void iv_access_test_verify_hook(void (*fn)(struct iv_store *st, void *ctx), void *ctx)
{
	verify_hook = fn;
	verify_hook_ctx = ctx;
}

enum iv_err iv_access_login(struct iv_store *st, const char *user, const char *password,
                            int64_t now, int64_t ttl_seconds, char token[IV_ACCESS_TOKEN_HEX],
                            struct iv_buf *err)
{
	struct login_user u;
	unsigned char raw[TOKEN_BYTES], hash[IV_STORE_TOKEN_HASH];
	bool own, ok, locked = false;
	enum iv_err rc;

	token[0] = '\0';
	if (!password)
		return iv_seterr(err, IV_ERR_INVALID, "no password given");
	if (ttl_seconds <= 0 || now <= 0 || now > INT64_MAX - ttl_seconds)
		return iv_seterr(err, IV_ERR_INVALID, "a session needs a positive lifetime");
	if (iv_crypto_init() != IV_OK)
		return iv_seterr(err, IV_ERR_INTERNAL, "libsodium could not be initialised");
	memset(&u, 0, sizeof(u));
	rc = access_user_name_ok(user) ? reserve_attempt(st, user, now, &u, &locked, err)
	                               : IV_ERR_NOTFOUND;
	if (rc == IV_ERR_NOTFOUND) {
		spend_a_verification(password);
		return iv_seterr(err, IV_ERR_DENIED, "%s", denied);
	}
	if (rc || locked) {
		sodium_memzero(u.hash, sizeof(u.hash));
		if (rc)
			return rc;
		return iv_seterr(
		        err, IV_ERR_TOOBIG, "too many failed logins; try again in %lld minutes",
		        (long long)((IV_ACCESS_LOCKOUT_SECONDS - (now - u.last_failed_at) + 59) /
		                    60));
	}
	/* outside the reservation's transaction: argon2id holds no lock */
	if (verify_hook)
		verify_hook(st, verify_hook_ctx);
	ok = password_ok(u.hash, password);
	sodium_memzero(u.hash, sizeof(u.hash));
	if (!ok)
		return iv_seterr(err, IV_ERR_DENIED, "%s", denied); /* counted when reserved */

	randombytes_buf(raw, sizeof(raw));
	token_hash(raw, hash);
	rc = iv_store_access_begin(st, &own, err);
	if (rc)
		goto out;
	/* the right password clears the count the reservation added to */
	rc = iv_store_user_set_failures(st, u.name, 0, 0, err);
	if (!rc && u.disabled)
		rc = iv_seterr(err, IV_ERR_DENIED, "%s", denied);
	if (!rc)
		rc = iv_store_session_delete(st, NULL, NULL, now, err);
	if (!rc)
		rc = iv_store_session_put(st, hash, u.name, now, now + ttl_seconds, err);
	rc = iv_store_access_end(st, own, rc, err);
	if (!rc)
		sodium_bin2hex(token, IV_ACCESS_TOKEN_HEX, raw, sizeof(raw));
out:
	sodium_memzero(raw, sizeof(raw));
	return rc;
}

/* ---- sessions ----------------------------------------------------------------------------- */

struct session_row {
	const unsigned char *want;
	bool matches;
	bool live;
	int64_t expires;
	struct iv_buf *user;
	enum iv_err rc;
};

static IV_MUST_USE enum iv_err session_row(void *ctx, const struct iv_store_session *s)
{
	struct session_row *r = ctx;

	r->matches = s->token_hash_len == IV_STORE_TOKEN_HASH &&
	             sodium_memcmp(s->token_hash, r->want, IV_STORE_TOKEN_HASH) == 0;
	r->live = s->user_live;
	r->expires = s->expires;
	iv_buf_reset(r->user);
	r->rc = iv_buf_adds(r->user, s->user);
	return IV_OK;
}

/* Remove one session; failures only cost a later lookup, so they are not reported. */
static void forget(struct iv_store *st, const unsigned char hash[IV_STORE_TOKEN_HASH])
{
	bool own;
	enum iv_err rc;

	if (iv_store_access_begin(st, &own, NULL) != IV_OK)
		return;
	rc = iv_store_session_delete(st, hash, NULL, 0, NULL);
	rc = iv_store_access_end(st, own, rc, NULL);
	(void)rc;
}

enum iv_err iv_access_session(struct iv_store *st, const char *token, int64_t now,
                              struct iv_buf *user_out, int64_t *expires, struct iv_buf *err)
{
	unsigned char raw[TOKEN_BYTES], hash[IV_STORE_TOKEN_HASH];
	struct iv_buf user = IV_BUF_INIT;
	struct session_row r = {.want = hash, .user = &user};
	enum iv_err rc;

	if (expires)
		*expires = 0;
	if (!token_parse(token, raw))
		return iv_seterr(err, IV_ERR_DENIED, "no such session");
	token_hash(raw, hash);
	sodium_memzero(raw, sizeof(raw));
	rc = iv_store_session_get(st, hash, session_row, &r, err);
	if (rc == IV_ERR_NOTFOUND || (!rc && !r.matches)) {
		rc = iv_seterr(err, IV_ERR_DENIED, "no such session");
		goto out;
	}
	if (!rc && r.rc)
		rc = iv_seterr(err, r.rc, "out of memory");
	if (rc)
		goto out;
	if (r.expires <= now || !r.live) {
		forget(st, hash);
		rc = iv_seterr(err, IV_ERR_DENIED,
		               r.live ? "the session has expired" : "no such session");
		goto out;
	}
	iv_buf_reset(user_out);
	rc = iv_buf_add(user_out, user.buf, user.len);
	if (rc) {
		rc = iv_seterr(err, rc, "out of memory");
		goto out;
	}
	if (expires)
		*expires = r.expires;
out:
	iv_buf_release(&user);
	return rc;
}

enum iv_err iv_access_logout(struct iv_store *st, const char *token, struct iv_buf *err)
{
	unsigned char raw[TOKEN_BYTES], hash[IV_STORE_TOKEN_HASH];
	bool own;
	enum iv_err rc;

	if (!token_parse(token, raw))
		return IV_OK;
	token_hash(raw, hash);
	sodium_memzero(raw, sizeof(raw));
	rc = iv_store_access_begin(st, &own, err);
	if (rc)
		return rc;
	rc = iv_store_session_delete(st, hash, NULL, 0, err);
	return iv_store_access_end(st, own, rc, err);
}
