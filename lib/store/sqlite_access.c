/*
 * sqlite_access.c - access control's tables in the SQLite store
 * (migration 4 in sqlite.c): organisations, users, grants, consents,
 * sessions and the audit trail with its head anchor in meta.
 *
 * Nothing here checks a field's meaning: lib/access does that before it
 * writes.  Uniqueness is the database's (primary keys, names unique
 * whatever their case); an insert that finds its key taken is
 * IV_ERR_EXISTS, an update that finds no row IV_ERR_NOTFOUND.
 *
 * Audit rows are read back as stored, with a flag for a row whose
 * columns do not have the types the table declares (or whose text holds
 * a NUL byte): a C string would show less than the row holds, so such a
 * row must not pass verification on what it shows.
 */
#include <string.h>

#include "store/sqlite_int.h"

#include "iv/util.h"

static IV_MUST_USE enum iv_err access_savepoint(struct iv_store *st, enum iv_store_savepoint op,
                                                struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	enum iv_err rc;

	switch (op) {
	case IV_SAVEPOINT_OPEN:
		/* the statements put so far go in first, so that an undo spares them */
		rc = sqlite_read_prepare(s, err);
		return rc ? rc : sqlite_run(s, SQL_SAVEPOINT, err, "opening a savepoint");
	case IV_SAVEPOINT_RELEASE:
		return sqlite_run(s, SQL_RELEASE, err, "releasing a savepoint");
	case IV_SAVEPOINT_UNDO:
		rc = sqlite_run(s, SQL_ROLLBACK_TO, err, "undoing a change");
		if (!rc)
			rc = sqlite_run(s, SQL_RELEASE, err, "releasing a savepoint");
		if (rc)
			s->tx_broken = true; /* the caller's transaction can only roll back */
		return rc;
	case IV_SNAPSHOT_BEGIN:
		return sqlite_run(s, SQL_READ_BEGIN, err, "starting a read");
	case IV_SNAPSHOT_END:
		/* a read transaction has nothing to lose: a failed COMMIT is a ROLLBACK */
		if (sqlite_run(s, SQL_COMMIT, NULL, "ending a read") != IV_OK &&
		    !sqlite3_get_autocommit(s->db))
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return IV_OK;
	}
	return iv_seterr(err, IV_ERR_INTERNAL, "unknown savepoint operation %d", (int)op);
}

/* ---- organisations ------------------------------------------------------------- */

static IV_MUST_USE enum iv_err access_org_add(struct iv_store *st, const struct iv_store_org *org,
                                              struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	bool added = false;
	enum iv_err rc = sqlite_stmt(s, SQL_ORG_ADD, &stmt, err);

	if (rc)
		return rc;
	sqlite_text(stmt, 1, org->name);
	sqlite_text(stmt, 2, org->kind);
	sqlite_text(stmt, 3, org->country);
	sqlite3_bind_int64(stmt, 4, org->created);
	rc = sqlite_step_done(s, stmt, &added, err, "adding an organisation");
	if (!rc && !added)
		rc = iv_seterr(err, IV_ERR_EXISTS, "an organisation named '%s' already exists",
		               org->name);
	return rc;
}

static IV_MUST_USE enum iv_err access_org_get(struct iv_store *st, const char *name,
                                              iv_store_org_fn fn, void *ctx, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	struct iv_store_org org;
	sqlite3_stmt *stmt;
	bool found = false;
	int src = SQLITE_DONE;
	enum iv_err rc = sqlite_stmt(s, name ? SQL_ORG_GET : SQL_ORG_EACH, &stmt, err);

	if (rc)
		return rc;
	if (name)
		sqlite_text(stmt, 1, name);
	while (!rc && (src = sqlite3_step(stmt)) == SQLITE_ROW) {
		org.name = sqlite_col(stmt, 0);
		org.kind = sqlite_col(stmt, 1);
		org.country = sqlite_col(stmt, 2);
		org.created = sqlite3_column_int64(stmt, 3);
		found = true;
		rc = fn(ctx, &org);
	}
	if (!rc && src != SQLITE_DONE)
		rc = sqlite_fail(s, err, "reading organisations");
	else if (!rc && name && !found)
		rc = iv_seterr(err, IV_ERR_NOTFOUND, "no organisation named '%s'", name);
	sqlite_stmt_done(s, stmt);
	return rc;
}

/* ---- users ---------------------------------------------------------------------- */

static IV_MUST_USE enum iv_err access_user_add(struct iv_store *st,
                                               const struct iv_store_user *user, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	bool added = false;
	enum iv_err rc = sqlite_stmt(s, SQL_USER_ADD, &stmt, err);

	if (rc)
		return rc;
	sqlite_text(stmt, 1, user->name);
	sqlite_text(stmt, 2, user->org);
	sqlite_text(stmt, 3, user->role);
	sqlite_text(stmt, 4, user->clearance);
	sqlite_text(stmt, 5, user->password_hash);
	sqlite3_bind_int(stmt, 6, user->disabled);
	sqlite3_bind_int64(stmt, 7, user->created);
	sqlite3_bind_int64(stmt, 8, user->failed_logins);
	sqlite3_bind_int64(stmt, 9, user->last_failed_at);
	rc = sqlite_step_done(s, stmt, &added, err, "adding a user");
	if (!rc && !added)
		rc = iv_seterr(err, IV_ERR_EXISTS, "a user named '%s' already exists", user->name);
	return rc;
}

static IV_MUST_USE enum iv_err access_user_get(struct iv_store *st, const char *name,
                                               iv_store_user_fn fn, void *ctx, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	struct iv_store_user u;
	sqlite3_stmt *stmt;
	bool found = false;
	int src = SQLITE_DONE;
	enum iv_err rc = sqlite_stmt(s, name ? SQL_USER_GET : SQL_USER_EACH, &stmt, err);

	if (rc)
		return rc;
	if (name)
		sqlite_text(stmt, 1, name);
	while (!rc && (src = sqlite3_step(stmt)) == SQLITE_ROW) {
		u.name = sqlite_col(stmt, 0);
		u.org = sqlite_col(stmt, 1);
		u.role = sqlite_col(stmt, 2);
		u.clearance = sqlite_col(stmt, 3);
		u.password_hash = sqlite_col(stmt, 4);
		u.disabled = sqlite3_column_int64(stmt, 5) != 0;
		u.created = sqlite3_column_int64(stmt, 6);
		u.failed_logins = sqlite3_column_int64(stmt, 7);
		u.last_failed_at = sqlite3_column_int64(stmt, 8);
		found = true;
		rc = fn(ctx, &u);
	}
	if (!rc && src != SQLITE_DONE)
		rc = sqlite_fail(s, err, "reading users");
	else if (!rc && name && !found)
		rc = iv_seterr(err, IV_ERR_NOTFOUND, "no user named '%s'", name);
	sqlite_stmt_done(s, stmt);
	return rc;
}

/* Run an update of one user's row: ?1 the name, the rest bound by the caller. */
static IV_MUST_USE enum iv_err user_update(struct iv_sqlite *s, sqlite3_stmt *stmt,
                                           const char *name, struct iv_buf *err)
{
	bool changed = false;
	enum iv_err rc;

	sqlite_text(stmt, 1, name);
	rc = sqlite_step_done(s, stmt, &changed, err, "changing a user");
	if (!rc && !changed)
		rc = iv_seterr(err, IV_ERR_NOTFOUND, "no user named '%s'", name);
	return rc;
}

static IV_MUST_USE enum iv_err access_user_set_password(struct iv_store *st, const char *name,
                                                        const char *hash, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_stmt(s, SQL_USER_SET_PASSWORD, &stmt, err);

	if (rc)
		return rc;
	sqlite_text(stmt, 2, hash);
	return user_update(s, stmt, name, err);
}

static IV_MUST_USE enum iv_err access_user_set_disabled(struct iv_store *st, const char *name,
                                                        bool disabled, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_stmt(s, SQL_USER_SET_DISABLED, &stmt, err);

	if (rc)
		return rc;
	sqlite3_bind_int(stmt, 2, disabled);
	return user_update(s, stmt, name, err);
}

static IV_MUST_USE enum iv_err access_user_set_failures(struct iv_store *st, const char *name,
                                                        int64_t count, int64_t at,
                                                        struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_stmt(s, SQL_USER_SET_FAILURES, &stmt, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 2, count);
	sqlite3_bind_int64(stmt, 3, at);
	return user_update(s, stmt, name, err);
}

/* ---- grants and consents --------------------------------------------------------------- */

static IV_MUST_USE enum iv_err access_grant(struct iv_store *st, const char *user,
                                            const char *compartment, bool granted, bool *changed,
                                            struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_stmt(s, granted ? SQL_GRANT_ADD : SQL_GRANT_DELETE, &stmt, err);

	if (rc)
		return rc;
	sqlite_text(stmt, 1, user);
	sqlite_text(stmt, 2, compartment);
	return sqlite_step_done(s, stmt, changed, err, "changing a grant");
}

static IV_MUST_USE enum iv_err access_grants_of(struct iv_store *st, const char *user,
                                                iv_store_name_fn fn, void *ctx, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	int src = SQLITE_DONE;
	enum iv_err rc = sqlite_stmt(s, SQL_GRANTS_OF, &stmt, err);

	if (rc)
		return rc;
	sqlite_text(stmt, 1, user);
	while (!rc && (src = sqlite3_step(stmt)) == SQLITE_ROW)
		rc = fn(ctx, sqlite_col(stmt, 0));
	if (!rc && src != SQLITE_DONE)
		rc = sqlite_fail(s, err, "reading grants");
	sqlite_stmt_done(s, stmt);
	return rc;
}

static IV_MUST_USE enum iv_err access_consent(struct iv_store *st, const char *originator,
                                              const char *org, int64_t at, bool granted,
                                              bool *changed, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_stmt(s, granted ? SQL_CONSENT_ADD : SQL_CONSENT_DELETE, &stmt, err);

	if (rc)
		return rc;
	sqlite_text(stmt, 1, originator);
	sqlite_text(stmt, 2, org);
	if (granted)
		sqlite3_bind_int64(stmt, 3, at);
	return sqlite_step_done(s, stmt, changed, err, "changing a consent");
}

static IV_MUST_USE enum iv_err access_consent_each(struct iv_store *st, const char *org,
                                                   iv_store_consent_fn fn, void *ctx,
                                                   struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	int src = SQLITE_DONE;
	enum iv_err rc = sqlite_stmt(s, org ? SQL_CONSENTS_TO : SQL_CONSENTS_ALL, &stmt, err);

	if (rc)
		return rc;
	if (org)
		sqlite_text(stmt, 1, org);
	while (!rc && (src = sqlite3_step(stmt)) == SQLITE_ROW)
		rc = fn(ctx, sqlite_col(stmt, 0), sqlite_col(stmt, 1),
		        sqlite3_column_int64(stmt, 2));
	if (!rc && src != SQLITE_DONE)
		rc = sqlite_fail(s, err, "reading consents");
	sqlite_stmt_done(s, stmt);
	return rc;
}

/* ---- sessions --------------------------------------------------------------------------- */

static IV_MUST_USE enum iv_err access_session_put(struct iv_store *st, const unsigned char *hash,
                                                  const char *user, int64_t created,
                                                  int64_t expires, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_stmt(s, SQL_SESSION_PUT, &stmt, err);

	if (rc)
		return rc;
	sqlite3_bind_blob(stmt, 1, hash, IV_STORE_TOKEN_HASH, SQLITE_STATIC);
	sqlite_text(stmt, 2, user);
	sqlite3_bind_int64(stmt, 3, created);
	sqlite3_bind_int64(stmt, 4, expires);
	return sqlite_step_done(s, stmt, NULL, err, "storing a session");
}

static IV_MUST_USE enum iv_err access_session_get(struct iv_store *st, const unsigned char *hash,
                                                  iv_store_session_fn fn, void *ctx,
                                                  struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	struct iv_store_session session;
	sqlite3_stmt *stmt;
	int src;
	enum iv_err rc = sqlite_stmt(s, SQL_SESSION_GET, &stmt, err);

	if (rc)
		return rc;
	sqlite3_bind_blob(stmt, 1, hash, IV_STORE_TOKEN_HASH, SQLITE_STATIC);
	src = sqlite3_step(stmt);
	if (src == SQLITE_ROW) {
		session.user = sqlite_col(stmt, 0);
		session.created = sqlite3_column_int64(stmt, 1);
		session.expires = sqlite3_column_int64(stmt, 2);
		session.token_hash = sqlite3_column_blob(stmt, 3);
		session.token_hash_len = (size_t)sqlite3_column_bytes(stmt, 3);
		session.user_live = sqlite3_column_int64(stmt, 4) != 0;
		rc = fn(ctx, &session);
	} else if (src == SQLITE_DONE) {
		rc = iv_seterr(err, IV_ERR_NOTFOUND, "no such session");
	} else {
		rc = sqlite_fail(s, err, "reading a session");
	}
	sqlite_stmt_done(s, stmt);
	return rc;
}

static IV_MUST_USE enum iv_err access_session_delete(struct iv_store *st, const unsigned char *hash,
                                                     const char *user, int64_t expired_at,
                                                     struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	enum iv_err rc = IV_OK;

	if (hash) {
		rc = sqlite_stmt(s, SQL_SESSION_DELETE, &stmt, err);
		if (rc)
			return rc;
		sqlite3_bind_blob(stmt, 1, hash, IV_STORE_TOKEN_HASH, SQLITE_STATIC);
		rc = sqlite_step_done(s, stmt, NULL, err, "ending a session");
	}
	if (!rc && user) {
		rc = sqlite_stmt(s, SQL_SESSION_DELETE_USER, &stmt, err);
		if (rc)
			return rc;
		sqlite_text(stmt, 1, user);
		rc = sqlite_step_done(s, stmt, NULL, err, "ending a user's sessions");
	}
	if (!rc && expired_at > 0) {
		rc = sqlite_stmt(s, SQL_SESSION_EXPIRE, &stmt, err);
		if (rc)
			return rc;
		sqlite3_bind_int64(stmt, 1, expired_at);
		rc = sqlite_step_done(s, stmt, NULL, err, "removing expired sessions");
	}
	return rc;
}

/* ---- the audit trail ------------------------------------------------------------------- */

static IV_MUST_USE enum iv_err access_audit_head(struct iv_store *st, struct iv_buf *out,
                                                 bool *found, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	int src;
	enum iv_err rc = sqlite_stmt(s, SQL_AUDIT_HEAD, &stmt, err);

	if (rc)
		return rc;
	src = sqlite3_step(stmt);
	if (src == SQLITE_ROW) {
		*found = true;
		rc = iv_buf_adds(out, sqlite_col(stmt, 0));
		if (rc)
			rc = iv_seterr(err, rc, "the audit head anchor is too long");
	} else if (src != SQLITE_DONE) {
		rc = sqlite_fail(s, err, "reading the audit head anchor");
	}
	sqlite_stmt_done(s, stmt);
	return rc;
}

static IV_MUST_USE enum iv_err access_audit_set_head(struct iv_store *st, const char *head,
                                                     struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_stmt(s, SQL_AUDIT_SET_HEAD, &stmt, err);

	if (rc)
		return rc;
	sqlite_text(stmt, 1, head);
	return sqlite_step_done(s, stmt, NULL, err, "recording the audit head anchor");
}

static IV_MUST_USE enum iv_err access_audit_put(struct iv_store *st,
                                                const struct iv_store_audit_row *rows, size_t n,
                                                struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	enum iv_err rc = IV_OK;

	for (size_t i = 0; !rc && i < n; i++) {
		const struct iv_store_audit_row *r = &rows[i];
		int src;

		rc = sqlite_stmt(s, SQL_AUDIT_PUT, &stmt, err);
		if (rc)
			break;
		sqlite3_bind_int64(stmt, 1, r->seq);
		sqlite3_bind_int64(stmt, 2, r->at);
		sqlite_text(stmt, 3, r->user);
		sqlite_text(stmt, 4, r->remote);
		sqlite_text(stmt, 5, r->action);
		sqlite_text(stmt, 6, r->query);
		sqlite_text(stmt, 7, r->entities);
		sqlite3_bind_int64(stmt, 8, r->status);
		sqlite_text(stmt, 9, r->outcome);
		sqlite3_bind_blob(stmt, 10, r->prev, (int)r->prev_len, SQLITE_STATIC);
		sqlite3_bind_blob(stmt, 11, r->hash, (int)r->hash_len, SQLITE_STATIC);
		src = sqlite3_step(stmt);
		if (src == SQLITE_CONSTRAINT_PRIMARYKEY)
			rc = iv_seterr(err, IV_ERR_DB,
			               "%s: audit record %lld already exists beyond the head "
			               "anchor; run 'invigor audit verify'",
			               s->path, (long long)r->seq);
		else if (src != SQLITE_DONE)
			rc = sqlite_fail(s, err, "appending to the audit trail");
		sqlite_stmt_done(s, stmt);
	}
	return rc;
}

/* Whether column c holds the type the table declares (and, for text, no NUL byte). */
static bool column_sound(sqlite3_stmt *stmt, int c, int type)
{
	if (sqlite3_column_type(stmt, c) != type)
		return false;
	if (type == SQLITE_TEXT) {
		const char *t = (const char *)sqlite3_column_text(stmt, c);
		int n = sqlite3_column_bytes(stmt, c);

		return t && strlen(t) == (size_t)n;
	}
	return true;
}

/* Fill row from a row of AUDIT_COLUMNS (borrowed until the next step). */
static void audit_row_read(sqlite3_stmt *stmt, struct iv_store_audit_row *row)
{
	static const int types[] = {SQLITE_INTEGER, SQLITE_INTEGER, SQLITE_TEXT, SQLITE_TEXT,
	                            SQLITE_TEXT,    SQLITE_TEXT,    SQLITE_TEXT, SQLITE_INTEGER,
	                            SQLITE_TEXT,    SQLITE_BLOB,    SQLITE_BLOB};

	row->malformed = false;
	for (int c = 0; c < (int)(sizeof(types) / sizeof(types[0])); c++)
		row->malformed |= !column_sound(stmt, c, types[c]);
	row->seq = sqlite3_column_int64(stmt, 0);
	row->at = sqlite3_column_int64(stmt, 1);
	row->user = sqlite_col(stmt, 2);
	row->remote = sqlite_col(stmt, 3);
	row->action = sqlite_col(stmt, 4);
	row->query = sqlite_col(stmt, 5);
	row->entities = sqlite_col(stmt, 6);
	row->status = sqlite3_column_int64(stmt, 7);
	row->outcome = sqlite_col(stmt, 8);
	row->prev = sqlite3_column_blob(stmt, 9);
	row->prev_len = (size_t)sqlite3_column_bytes(stmt, 9);
	row->hash = sqlite3_column_blob(stmt, 10);
	row->hash_len = (size_t)sqlite3_column_bytes(stmt, 10);
}

static IV_MUST_USE enum iv_err access_audit_each(struct iv_store *st,
                                                 const struct iv_store_audit_filter *q,
                                                 iv_store_audit_fn fn, void *ctx,
                                                 struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	struct iv_store_audit_row row;
	struct iv_buf probe = IV_BUF_INIT;
	sqlite3_stmt *stmt;
	int src = SQLITE_DONE;
	enum iv_err rc = sqlite_read_prepare(s, err);

	if (!rc)
		rc = sqlite_stmt(s, q->user ? SQL_AUDIT_BY_USER : SQL_AUDIT_EACH, &stmt, err);
	if (rc)
		return rc;
	sqlite3_clear_bindings(stmt); /* a kept statement keeps the last call's entity */
	sqlite3_bind_int64(stmt, 1, q->after_seq);
	if (q->user)
		sqlite_text(stmt, 2, q->user);
	sqlite3_bind_int64(stmt, 3, q->from);
	sqlite3_bind_int64(stmt, 4, q->to);
	if (q->entity) {
		bool plain = true;

		/* JSON writes such an id as it is, between quotes: that string must appear */
		for (const unsigned char *p = (const unsigned char *)q->entity; *p && plain; p++)
			plain = *p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\' && *p != '/';
		if (plain)
			rc = iv_buf_addf(&probe, "\"%s\"", q->entity);
		if (rc) {
			rc = iv_seterr(err, rc, "entity id too long");
			goto out;
		}
		sqlite_text(stmt, 5, q->entity);
		sqlite3_bind_text(stmt, 6, probe.buf, (int)probe.len, SQLITE_STATIC);
	}
	sqlite3_bind_int64(stmt, 7, q->limit ? (int64_t)q->limit : -1);
	while (!rc && (src = sqlite3_step(stmt)) == SQLITE_ROW) {
		audit_row_read(stmt, &row);
		rc = fn(ctx, &row);
	}
	if (!rc && src != SQLITE_DONE)
		rc = sqlite_fail(s, err, "reading the audit trail");
out:
	sqlite_stmt_done(s, stmt);
	iv_buf_release(&probe);
	return rc;
}

static IV_MUST_USE enum iv_err access_audit_recent(struct iv_store *st, const char *user,
                                                   unsigned limit, iv_store_audit_fn fn, void *ctx,
                                                   struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	struct iv_store_audit_row row;
	sqlite3_stmt *stmt;
	int src = SQLITE_DONE;
	enum iv_err rc = sqlite_read_prepare(s, err);

	if (!rc)
		rc = sqlite_stmt(s, SQL_AUDIT_RECENT, &stmt, err);
	if (rc)
		return rc;
	sqlite_text(stmt, 1, user);
	sqlite3_bind_int64(stmt, 2, limit ? (int64_t)limit : -1);
	while (!rc && (src = sqlite3_step(stmt)) == SQLITE_ROW) {
		audit_row_read(stmt, &row);
		rc = fn(ctx, &row);
	}
	if (!rc && src != SQLITE_DONE)
		rc = sqlite_fail(s, err, "reading the audit trail");
	sqlite_stmt_done(s, stmt);
	return rc;
}

const struct iv_store_access_ops sqlite_access_ops = {
        .savepoint = access_savepoint,
        .org_add = access_org_add,
        .org_get = access_org_get,
        .user_add = access_user_add,
        .user_get = access_user_get,
        .user_set_password = access_user_set_password,
        .user_set_disabled = access_user_set_disabled,
        .user_set_failures = access_user_set_failures,
        .grant = access_grant,
        .grants_of = access_grants_of,
        .consent = access_consent,
        .consent_each = access_consent_each,
        .session_put = access_session_put,
        .session_get = access_session_get,
        .session_delete = access_session_delete,
        .audit_head = access_audit_head,
        .audit_set_head = access_audit_set_head,
        .audit_put = access_audit_put,
        .audit_each = access_audit_each,
        .audit_recent = access_audit_recent,
};
