/*
 * access_int.h - what the access module's files share.
 *
 *   roles.c     role names and what each may do;
 *   names.c     the rules for names: users, organisations, originators,
 *               compartments, countries;
 *   users.c     organisations, users, grants, consents, loading a viewer;
 *   filter.c    the visibility and export rules (pure functions);
 *   sessions.c  password hashing, logins, lockout, sessions;
 *   audit.c     the hash-chained audit trail: append, verify, query.
 */
#ifndef IV_ACCESS_INT_H
#define IV_ACCESS_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "iv/access.h"

/* Longest crypto_pwhash_str() text, NUL included (crypto_pwhash_STRBYTES). */
#define ACCESS_PWHASH_BYTES 128

/* names.c: whether a string follows the rules access.h gives for it */
bool access_user_name_ok(const char *s);
bool access_org_name_ok(const char *s); /* also for originators */
bool access_compartment_ok(const char *s);
/* "uk"/"partner" */
const char *access_org_kind_name(enum iv_org_kind k);
bool access_org_kind_parse(const char *s, enum iv_org_kind *out);
/* A country code checked and upper-cased into out[3]; false when it is not ISO 3166-1 alpha-2. */
bool access_country_parse(const char *s, char out[3]);

/* filter.c: sort a loaded viewer's compartments and consenting originators */
void access_viewer_sort(struct iv_viewer *v);

/* sessions.c */
/** Hash a password with argon2id into out; IV_ERR_NOMEM when libsodium cannot. */
IV_MUST_USE enum iv_err access_password_hash(const char *password, char out[ACCESS_PWHASH_BYTES],
                                             struct iv_buf *err);

/**
 * Test hook: hash passwords with libsodium's minimum argon2id cost rather
 * than the interactive one (a test adds and logs in many users, under
 * valgrind too).  Stored hashes carry their cost, so both verify.  Not
 * thread-safe; for tests only.
 */
void iv_access_test_cheap_hashing(bool cheap);
/**
 * Test hook: call fn(st, ctx) in iv_access_login just before the password
 * is checked (after the attempt was reserved), so that a test can see the
 * check runs outside any transaction and widen the race window.  NULL
 * removes it.  Not thread-safe to set; for tests only.
 */
void iv_access_test_verify_hook(void (*fn)(struct iv_store *st, void *ctx), void *ctx);

/* audit.c */
/**
 * Test hook: make this handle append as builds before audit keys did (no
 * key read or created, head anchor unsealed), to build a trail that
 * predates the key.  For tests only.
 */
void iv_audit_test_unkeyed(struct iv_store *st);

#endif
