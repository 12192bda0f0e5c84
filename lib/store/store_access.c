/*
 * store_access.c - the public iv_store_* functions of access control's
 * tables (store.h, "access control"): they check the arguments and the
 * transaction state and call the backend through its table.
 *
 * lib/access writes through iv_store_access_begin/end, which open a
 * transaction of their own or, inside the caller's, a savepoint: either
 * way one access-control change is undone whole when it fails, and a
 * caller that wants a change and its audit record in one commit opens
 * the transaction around both.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "store/store_int.h"

#include "iv/util.h"

static IV_MUST_USE enum iv_err need_tx(const struct iv_store *st, struct iv_buf *err)
{
	if (!st->in_tx)
		return iv_seterr(err, IV_ERR_INVALID, "access-control writes need a transaction");
	return IV_OK;
}

static IV_MUST_USE enum iv_err need(const void *p, const char *what, struct iv_buf *err)
{
	if (!p)
		return iv_seterr(err, IV_ERR_INVALID, "no %s given", what);
	return IV_OK;
}

enum iv_err iv_store_access_begin(struct iv_store *st, bool *own, struct iv_buf *err)
{
	*own = !st->in_tx;
	if (*own)
		return iv_store_begin(st, err);
	return st->ops->access->savepoint(st, IV_SAVEPOINT_OPEN, err);
}

enum iv_err iv_store_access_end(struct iv_store *st, bool own, enum iv_err rc, struct iv_buf *err)
{
	if (rc) {
		if (own)
			iv_store_rollback(st);
		else if (st->in_tx)
			(void)st->ops->access->savepoint(st, IV_SAVEPOINT_UNDO, NULL);
		return rc;
	}
	if (own)
		return iv_store_commit(st, err);
	return st->ops->access->savepoint(st, IV_SAVEPOINT_RELEASE, err);
}

enum iv_err iv_store_access_read_begin(struct iv_store *st, bool *own, struct iv_buf *err)
{
	enum iv_err rc;

	/* inside a transaction or another read: that one's snapshot serves */
	*own = !st->in_tx && !st->reading;
	if (!*own)
		return IV_OK;
	rc = st->ops->access->savepoint(st, IV_SNAPSHOT_BEGIN, err);
	if (rc)
		*own = false;
	st->reading = *own;
	return rc;
}

void iv_store_access_read_end(struct iv_store *st, bool own)
{
	if (!own)
		return;
	(void)st->ops->access->savepoint(st, IV_SNAPSHOT_END, NULL);
	st->reading = false;
}

/* ---- organisations and users ---------------------------------------------------- */

enum iv_err iv_store_org_add(struct iv_store *st, const struct iv_store_org *org,
                             struct iv_buf *err)
{
	enum iv_err rc = need_tx(st, err);

	if (!rc)
		rc = need(org->name, "organisation name", err);
	return rc ? rc : st->ops->access->org_add(st, org, err);
}

enum iv_err iv_store_org_get(struct iv_store *st, const char *name, iv_store_org_fn fn, void *ctx,
                             struct iv_buf *err)
{
	enum iv_err rc = need(name, "organisation name", err);

	return rc ? rc : st->ops->access->org_get(st, name, fn, ctx, err);
}

enum iv_err iv_store_org_each(struct iv_store *st, iv_store_org_fn fn, void *ctx,
                              struct iv_buf *err)
{
	return st->ops->access->org_get(st, NULL, fn, ctx, err);
}

enum iv_err iv_store_user_add(struct iv_store *st, const struct iv_store_user *user,
                              struct iv_buf *err)
{
	enum iv_err rc = need_tx(st, err);

	if (!rc)
		rc = need(user->name, "user name", err);
	return rc ? rc : st->ops->access->user_add(st, user, err);
}

enum iv_err iv_store_user_get(struct iv_store *st, const char *name, iv_store_user_fn fn, void *ctx,
                              struct iv_buf *err)
{
	enum iv_err rc = need(name, "user name", err);

	return rc ? rc : st->ops->access->user_get(st, name, fn, ctx, err);
}

enum iv_err iv_store_user_each(struct iv_store *st, iv_store_user_fn fn, void *ctx,
                               struct iv_buf *err)
{
	return st->ops->access->user_get(st, NULL, fn, ctx, err);
}

enum iv_err iv_store_user_set_password(struct iv_store *st, const char *name,
                                       const char *password_hash, struct iv_buf *err)
{
	enum iv_err rc = need_tx(st, err);

	if (!rc)
		rc = need(name, "user name", err);
	if (!rc)
		rc = need(password_hash, "password hash", err);
	return rc ? rc : st->ops->access->user_set_password(st, name, password_hash, err);
}

enum iv_err iv_store_user_set_disabled(struct iv_store *st, const char *name, bool disabled,
                                       struct iv_buf *err)
{
	enum iv_err rc = need_tx(st, err);

	if (!rc)
		rc = need(name, "user name", err);
	return rc ? rc : st->ops->access->user_set_disabled(st, name, disabled, err);
}

enum iv_err iv_store_user_set_failures(struct iv_store *st, const char *name, int64_t count,
                                       int64_t last_failed_at, struct iv_buf *err)
{
	enum iv_err rc = need_tx(st, err);

	if (!rc)
		rc = need(name, "user name", err);
	return rc ? rc : st->ops->access->user_set_failures(st, name, count, last_failed_at, err);
}

/* ---- grants and consents ------------------------------------------------------------ */

enum iv_err iv_store_grant(struct iv_store *st, const char *user, const char *compartment,
                           bool granted, bool *changed, struct iv_buf *err)
{
	enum iv_err rc = need_tx(st, err);

	*changed = false;
	if (!rc)
		rc = need(user, "user name", err);
	if (!rc)
		rc = need(compartment, "compartment", err);
	return rc ? rc : st->ops->access->grant(st, user, compartment, granted, changed, err);
}

enum iv_err iv_store_grants_of(struct iv_store *st, const char *user, iv_store_name_fn fn,
                               void *ctx, struct iv_buf *err)
{
	enum iv_err rc = need(user, "user name", err);

	return rc ? rc : st->ops->access->grants_of(st, user, fn, ctx, err);
}

enum iv_err iv_store_consent(struct iv_store *st, const char *originator, const char *org,
                             int64_t at, bool granted, bool *changed, struct iv_buf *err)
{
	enum iv_err rc = need_tx(st, err);

	*changed = false;
	if (!rc)
		rc = need(originator, "originator", err);
	if (!rc)
		rc = need(org, "organisation name", err);
	return rc ? rc : st->ops->access->consent(st, originator, org, at, granted, changed, err);
}

enum iv_err iv_store_consent_each(struct iv_store *st, const char *org, iv_store_consent_fn fn,
                                  void *ctx, struct iv_buf *err)
{
	return st->ops->access->consent_each(st, org, fn, ctx, err);
}

/* ---- sessions ---------------------------------------------------------------------------- */

enum iv_err iv_store_session_put(struct iv_store *st, const unsigned char hash[IV_STORE_TOKEN_HASH],
                                 const char *user, int64_t created, int64_t expires,
                                 struct iv_buf *err)
{
	enum iv_err rc = need_tx(st, err);

	if (!rc)
		rc = need(user, "user name", err);
	return rc ? rc : st->ops->access->session_put(st, hash, user, created, expires, err);
}

enum iv_err iv_store_session_get(struct iv_store *st, const unsigned char hash[IV_STORE_TOKEN_HASH],
                                 iv_store_session_fn fn, void *ctx, struct iv_buf *err)
{
	return st->ops->access->session_get(st, hash, fn, ctx, err);
}

enum iv_err iv_store_session_delete(struct iv_store *st, const unsigned char *hash,
                                    const char *user, int64_t expired_at, struct iv_buf *err)
{
	enum iv_err rc = need_tx(st, err);

	return rc ? rc : st->ops->access->session_delete(st, hash, user, expired_at, err);
}

/* ---- the audit trail ------------------------------------------------------------------- */

enum iv_err iv_store_audit_key_locate(struct iv_store *st, const char *path, struct iv_buf *err)
{
	const char *named = getenv("INVIGOR_AUDIT_KEY");
	struct iv_buf where = IV_BUF_INIT;
	char *full = NULL;
	enum iv_err rc;

	if (strcmp(path, ":memory:") == 0 || !*path)
		return IV_OK;
	if (named && *named) {
		rc = iv_buf_adds(&where, named);
	} else {
		/* absolute, so that a process that changes directory (or opens the database by
		 * another relative name or a symbolic link) finds the same file */
		full = realpath(path, NULL);
		rc = iv_buf_addf(&where, "%s.audit-key", full ? full : path);
		free(full);
	}
	if (rc) {
		iv_buf_release(&where);
		return iv_seterr(err, rc, "out of memory");
	}
	st->audit_key_path = iv_buf_detach(&where, NULL);
	return IV_OK;
}

void iv_store_audit_key_release(struct iv_store *st)
{
	iv_free(st->audit_key_path);
	st->audit_key_path = NULL;
	sodium_memzero(&st->audit_key, sizeof(st->audit_key));
}

const char *iv_store_audit_key_path(const struct iv_store *st)
{
	return st->audit_key_path;
}

struct iv_store_audit_key *iv_store_audit_key_slot(struct iv_store *st)
{
	return &st->audit_key;
}

enum iv_err iv_store_audit_head(struct iv_store *st, struct iv_buf *out, bool *found,
                                struct iv_buf *err)
{
	*found = false;
	iv_buf_reset(out);
	return st->ops->access->audit_head(st, out, found, err);
}

enum iv_err iv_store_audit_set_head(struct iv_store *st, const char *head, struct iv_buf *err)
{
	enum iv_err rc = need_tx(st, err);

	if (!rc)
		rc = need(head, "audit head", err);
	return rc ? rc : st->ops->access->audit_set_head(st, head, err);
}

enum iv_err iv_store_audit_put(struct iv_store *st, const struct iv_store_audit_row *rows, size_t n,
                               struct iv_buf *err)
{
	enum iv_err rc = need_tx(st, err);

	for (size_t i = 0; !rc && i < n; i++) {
		const struct iv_store_audit_row *r = &rows[i];

		if (!r->user || !r->remote || !r->action || !r->query || !r->entities ||
		    !r->outcome || !r->prev || !r->hash)
			rc = iv_seterr(err, IV_ERR_INVALID, "audit record %lld lacks a field",
			               (long long)r->seq);
	}
	return rc ? rc : st->ops->access->audit_put(st, rows, n, err);
}

enum iv_err iv_store_audit_each(struct iv_store *st, const struct iv_store_audit_filter *q,
                                iv_store_audit_fn fn, void *ctx, struct iv_buf *err)
{
	return st->ops->access->audit_each(st, q, fn, ctx, err);
}

enum iv_err iv_store_audit_recent(struct iv_store *st, const char *user, unsigned limit,
                                  iv_store_audit_fn fn, void *ctx, struct iv_buf *err)
{
	if (!user)
		return iv_seterr(err, IV_ERR_INVALID, "whose audit records?");
	return st->ops->access->audit_recent(st, user, limit, fn, ctx, err);
}
