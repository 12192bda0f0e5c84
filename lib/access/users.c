/*
 * users.c - organisations, users, compartment grants, originators'
 * consents, and loading the viewer of a user (access.h).
 *
 * Every field is checked here, before the store sees it, so the store's
 * tables hold only names that follow access.h's rules.  A change runs in
 * iv_store_access_begin/end: its own transaction, or a savepoint inside
 * the caller's (a CLI verb that writes the change and its audit record
 * in one commit), and on error nothing of it remains.
 *
 * A password is hashed before the transaction opens: argon2id takes a
 * noticeable fraction of a second and the write lock is not held for it.
 */
#include <string.h>

#include <sodium.h>

#include "access/access_int.h"

#include "iv/util.h"

/* ---- organisations ---------------------------------------------------------------- */

static bool blank_country(const struct iv_org *org)
{
	return !org->country || !*org->country;
}

enum iv_err iv_access_org_add(struct iv_store *st, const struct iv_org *org, struct iv_buf *err)
{
	struct iv_store_org row;
	char country[3];
	bool own;
	enum iv_err rc;

	if (!org || !access_org_name_ok(org->name))
		return iv_seterr(err, IV_ERR_INVALID,
		                 "'%s' is not an organisation name (1 to 100 bytes of letters, "
		                 "digits, spaces and . _ - ( ) & ')",
		                 org && org->name ? org->name : "");
	if (org->kind != IV_ORG_UK && org->kind != IV_ORG_PARTNER)
		return iv_seterr(err, IV_ERR_INVALID, "organisation kind %d is not uk or partner",
		                 (int)org->kind);
	if (blank_country(org) && org->kind == IV_ORG_UK)
		memcpy(country, "GB", 3);
	else if (!access_country_parse(org->country, country))
		return iv_seterr(err, IV_ERR_INVALID,
		                 "'%s' is not a country code (ISO 3166-1 alpha-2, like FR)",
		                 org->country ? org->country : "");
	if (org->kind == IV_ORG_UK && strcmp(country, "GB") != 0)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "a UK organisation's country is GB, not %s (a partner abroad is "
		                 "of kind partner)",
		                 country);
	if (org->kind == IV_ORG_PARTNER && strcmp(country, "GB") == 0)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "a partner organisation is abroad: its country is not GB");
	row.name = org->name;
	row.kind = access_org_kind_name(org->kind);
	row.country = country;
	row.created = iv_now();
	rc = iv_store_access_begin(st, &own, err);
	if (rc)
		return rc;
	rc = iv_store_org_add(st, &row, err);
	return iv_store_access_end(st, own, rc, err);
}

struct org_each {
	iv_org_fn fn;
	void *ctx;
	struct iv_buf *err;
};

/* A stored organisation as access.h shows it; IV_ERR_DB for a row the rules never wrote. */
static IV_MUST_USE enum iv_err org_of_row(const struct iv_store_org *row, struct iv_org *org,
                                          struct iv_buf *err)
{
	org->name = row->name;
	org->country = row->country;
	if (!access_org_kind_parse(row->kind, &org->kind))
		return iv_seterr(err, IV_ERR_DB, "organisation '%s' has an unknown kind '%s'",
		                 row->name, row->kind);
	return IV_OK;
}

static IV_MUST_USE enum iv_err org_each_row(void *ctx, const struct iv_store_org *row)
{
	struct org_each *e = ctx;
	struct iv_org org;
	enum iv_err rc = org_of_row(row, &org, e->err);

	return rc ? rc : e->fn(e->ctx, &org);
}

enum iv_err iv_access_org_each(struct iv_store *st, iv_org_fn fn, void *ctx, struct iv_buf *err)
{
	struct org_each e = {fn, ctx, err};

	return iv_store_org_each(st, org_each_row, &e, err);
}

/* ---- users ------------------------------------------------------------------------------- */

/* An organisation as stored (its name, kind and country), or IV_ERR_NOTFOUND. */
struct org_kind {
	char name[128]; /* as stored: the name's case as it was added */
	enum iv_org_kind kind;
	char country[3];
	struct iv_buf *err;
};

static IV_MUST_USE enum iv_err org_kind_row(void *ctx, const struct iv_store_org *row)
{
	struct org_kind *k = ctx;
	struct iv_org org;
	enum iv_err rc = org_of_row(row, &org, k->err);

	k->kind = org.kind;
	iv_strlcpy(k->name, row->name, sizeof(k->name));
	iv_strlcpy(k->country, row->country, sizeof(k->country));
	return rc;
}

static IV_MUST_USE enum iv_err org_kind_of(struct iv_store *st, const char *org,
                                           struct org_kind *out, struct iv_buf *err)
{
	out->err = err;
	if (!access_org_name_ok(org))
		return iv_seterr(err, IV_ERR_NOTFOUND, "no organisation named '%s'",
		                 org ? org : "");
	return iv_store_org_get(st, org, org_kind_row, out, err);
}

static IV_MUST_USE enum iv_err check_password(const char *password, struct iv_buf *err)
{
	size_t n = password ? strlen(password) : 0;

	if (n < IV_ACCESS_PASSWORD_MIN)
		return iv_seterr(err, IV_ERR_INVALID, "a password has at least %d bytes",
		                 IV_ACCESS_PASSWORD_MIN);
	if (n > IV_ACCESS_PASSWORD_MAX)
		return iv_seterr(err, IV_ERR_INVALID, "a password has at most %d bytes",
		                 IV_ACCESS_PASSWORD_MAX);
	return IV_OK;
}

static IV_MUST_USE enum iv_err check_user_name(const char *name, struct iv_buf *err)
{
	if (!access_user_name_ok(name))
		return iv_seterr(err, IV_ERR_INVALID,
		                 "'%s' is not a user name (1 to 64 of A-Z a-z 0-9 . _ -)",
		                 name ? name : "");
	return IV_OK;
}

enum iv_err iv_access_user_add(struct iv_store *st, const struct iv_user *user,
                               const char *password, struct iv_buf *err)
{
	char hash[ACCESS_PWHASH_BYTES];
	struct iv_store_user row;
	struct org_kind org;
	bool own;
	enum iv_err rc;

	if (!user)
		return iv_seterr(err, IV_ERR_INVALID, "no user given");
	rc = check_user_name(user->name, err);
	if (rc)
		return rc;
	if ((unsigned)user->role > (unsigned)IV_ROLE_ADMIN)
		return iv_seterr(err, IV_ERR_INVALID, "role %d is not a known role",
		                 (int)user->role);
	if ((unsigned)user->clearance > (unsigned)IV_CLASS_TOP_SECRET)
		return iv_seterr(err, IV_ERR_INVALID, "clearance %d is not a known classification",
		                 (int)user->clearance);
	rc = check_password(password, err);
	if (rc)
		return rc;
	rc = org_kind_of(st, user->org, &org, err);
	if (rc)
		return rc;
	if (org.kind == IV_ORG_PARTNER && user->role != IV_ROLE_PARTNER_LIAISON)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "'%s' is a partner organisation: its users have the "
		                 "partner_liaison role, not %s",
		                 user->org, iv_role_name(user->role));
	if (org.kind == IV_ORG_UK && user->role == IV_ROLE_PARTNER_LIAISON)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "the partner_liaison role is for users of partner organisations; "
		                 "'%s' is a UK organisation",
		                 user->org);
	rc = access_password_hash(password, hash, err);
	if (rc)
		return rc;
	row.name = user->name;
	row.org = org.name;
	row.role = iv_role_name(user->role);
	row.clearance = iv_classification_name(user->clearance);
	row.password_hash = hash;
	row.disabled = user->disabled;
	row.created = iv_now();
	row.failed_logins = 0;
	row.last_failed_at = 0;
	rc = iv_store_access_begin(st, &own, err);
	if (!rc) {
		rc = iv_store_user_add(st, &row, err);
		rc = iv_store_access_end(st, own, rc, err);
	}
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

enum iv_err iv_access_user_password(struct iv_store *st, const char *user, const char *password,
                                    struct iv_buf *err)
{
	char hash[ACCESS_PWHASH_BYTES];
	bool own;
	enum iv_err rc = check_password(password, err);

	if (rc)
		return rc;
	if (!access_user_name_ok(user))
		return iv_seterr(err, IV_ERR_NOTFOUND, "no user named '%s'", user ? user : "");
	rc = access_password_hash(password, hash, err);
	if (rc)
		return rc;
	rc = iv_store_access_begin(st, &own, err);
	if (!rc) {
		rc = iv_store_user_set_password(st, user, hash, err);
		if (!rc)
			rc = iv_store_session_delete(st, NULL, user, 0, err);
		rc = iv_store_access_end(st, own, rc, err);
	}
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

enum iv_err iv_access_user_disable(struct iv_store *st, const char *user, bool disabled,
                                   struct iv_buf *err)
{
	bool own;
	enum iv_err rc;

	if (!access_user_name_ok(user))
		return iv_seterr(err, IV_ERR_NOTFOUND, "no user named '%s'", user ? user : "");
	rc = iv_store_access_begin(st, &own, err);
	if (rc)
		return rc;
	rc = iv_store_user_set_disabled(st, user, disabled, err);
	if (!rc && disabled)
		rc = iv_store_session_delete(st, NULL, user, 0, err);
	return iv_store_access_end(st, own, rc, err);
}

static IV_MUST_USE enum iv_err ignore_user(void *ctx, const struct iv_store_user *row)
{
	return IV_OK;
}

static IV_MUST_USE enum iv_err grant(struct iv_store *st, const char *user, const char *compartment,
                                     bool granted, struct iv_buf *err)
{
	bool own, changed = false;
	enum iv_err rc;

	if (!access_user_name_ok(user))
		return iv_seterr(err, IV_ERR_NOTFOUND, "no user named '%s'", user ? user : "");
	if (!access_compartment_ok(compartment))
		return iv_seterr(err, IV_ERR_INVALID,
		                 "'%s' is not a compartment (an operation name of 1 to 100 bytes, "
		                 "no commas)",
		                 compartment ? compartment : "");
	rc = iv_store_access_begin(st, &own, err);
	if (rc)
		return rc;
	rc = iv_store_user_get(st, user, ignore_user, NULL, err);
	if (!rc)
		rc = iv_store_grant(st, user, compartment, granted, &changed, err);
	if (!rc && !changed)
		rc = granted ? iv_seterr(err, IV_ERR_EXISTS, "'%s' already has compartment '%s'",
		                         user, compartment)
		             : iv_seterr(err, IV_ERR_NOTFOUND,
		                         "'%s' does not have compartment '%s'", user, compartment);
	return iv_store_access_end(st, own, rc, err);
}

enum iv_err iv_access_user_grant(struct iv_store *st, const char *user, const char *compartment,
                                 struct iv_buf *err)
{
	return grant(st, user, compartment, true, err);
}

enum iv_err iv_access_user_revoke(struct iv_store *st, const char *user, const char *compartment,
                                  struct iv_buf *err)
{
	return grant(st, user, compartment, false, err);
}

struct user_each {
	iv_user_fn fn;
	void *ctx;
	struct iv_buf *err;
};

/* A stored user as access.h shows it; IV_ERR_DB for a row the rules never wrote. */
static IV_MUST_USE enum iv_err user_of_row(const struct iv_store_user *row, struct iv_user *u,
                                           struct iv_buf *err)
{
	u->name = row->name;
	u->org = row->org;
	u->disabled = row->disabled;
	if (!iv_role_parse(row->role, &u->role) ||
	    !iv_classification_parse(row->clearance, &u->clearance))
		return iv_seterr(err, IV_ERR_DB,
		                 "user '%s' has an unknown role '%s' or clearance '%s'", row->name,
		                 row->role, row->clearance);
	return IV_OK;
}

static IV_MUST_USE enum iv_err user_each_row(void *ctx, const struct iv_store_user *row)
{
	struct user_each *e = ctx;
	struct iv_user u;
	enum iv_err rc = user_of_row(row, &u, e->err);

	return rc ? rc : e->fn(e->ctx, &u);
}

enum iv_err iv_access_user_each(struct iv_store *st, iv_user_fn fn, void *ctx, struct iv_buf *err)
{
	struct user_each e = {fn, ctx, err};

	return iv_store_user_each(st, user_each_row, &e, err);
}

enum iv_err iv_access_grant_each(struct iv_store *st, const char *user, iv_access_name_fn fn,
                                 void *ctx, struct iv_buf *err)
{
	enum iv_err rc;

	if (!access_user_name_ok(user))
		return iv_seterr(err, IV_ERR_NOTFOUND, "no user named '%s'", user ? user : "");
	rc = iv_store_user_get(st, user, ignore_user, NULL, err);
	return rc ? rc : iv_store_grants_of(st, user, fn, ctx, err);
}

/* ---- consents ------------------------------------------------------------------------------ */

enum iv_err iv_access_consent(struct iv_store *st, const char *originator, const char *org,
                              bool granted, struct iv_buf *err)
{
	struct org_kind kind;
	bool own, changed = false;
	enum iv_err rc;

	if (!access_org_name_ok(originator))
		return iv_seterr(err, IV_ERR_INVALID,
		                 "'%s' is not an originator name (1 to 100 bytes of letters, "
		                 "digits, spaces and . _ - ( ) & ')",
		                 originator ? originator : "");
	rc = iv_store_access_begin(st, &own, err);
	if (rc)
		return rc;
	rc = org_kind_of(st, org, &kind, err);
	if (!rc)
		rc = iv_store_consent(st, originator, kind.name, iv_now(), granted, &changed, err);
	if (!rc && !changed)
		rc = granted ? iv_seterr(err, IV_ERR_EXISTS,
		                         "the consent of '%s' to '%s' is already recorded",
		                         originator, org)
		             : iv_seterr(err, IV_ERR_NOTFOUND,
		                         "no consent of '%s' to '%s' is recorded", originator, org);
	return iv_store_access_end(st, own, rc, err);
}

enum iv_err iv_access_consent_each(struct iv_store *st, const char *org, iv_consent_fn fn,
                                   void *ctx, struct iv_buf *err)
{
	return iv_store_consent_each(st, org, fn, ctx, err);
}

/* ---- the viewer ------------------------------------------------------------------------------ */

struct viewer_load {
	struct iv_viewer *v;
	struct iv_vec list; /* compartments or originators being read */
	bool disabled;
	struct iv_buf *err;
};

static IV_MUST_USE enum iv_err viewer_user_row(void *ctx, const struct iv_store_user *row)
{
	struct viewer_load *l = ctx;
	struct iv_user u;
	enum iv_err rc = user_of_row(row, &u, l->err);

	if (rc)
		return rc;
	l->v->user = iv_strdup(row->name);
	l->v->org = iv_strdup(row->org);
	if (!l->v->user || !l->v->org)
		return iv_seterr(l->err, IV_ERR_NOMEM, "out of memory");
	l->v->role = u.role;
	l->v->clearance = u.clearance;
	l->disabled = u.disabled;
	return IV_OK;
}

static IV_MUST_USE enum iv_err viewer_name(void *ctx, const char *name)
{
	struct viewer_load *l = ctx;
	char *copy = iv_strdup(name);

	if (!copy || iv_vec_push(&l->list, copy)) {
		iv_free(copy);
		return iv_seterr(l->err, IV_ERR_NOMEM, "out of memory");
	}
	return IV_OK;
}

static IV_MUST_USE enum iv_err viewer_consent(void *ctx, const char *originator, const char *org,
                                              int64_t at)
{
	return viewer_name(ctx, originator);
}

/* The names read so far, handed to the viewer as its array. */
static void take_list(struct viewer_load *l, char ***items, size_t *n)
{
	*items = (char **)l->list.items;
	*n = l->list.len;
	memset(&l->list, 0, sizeof(l->list));
}

enum iv_err iv_viewer_load(struct iv_store *st, const char *user, struct iv_viewer *out,
                           struct iv_buf *err)
{
	struct viewer_load l = {.v = out, .list = IV_VEC_INIT, .err = err};
	struct org_kind org;
	bool own = false;
	enum iv_err rc;

	memset(out, 0, sizeof(*out));
	if (!access_user_name_ok(user))
		return iv_seterr(err, IV_ERR_NOTFOUND, "no user named '%s'", user ? user : "");
	/* one snapshot: a grant revoked half-way through is either in or out */
	rc = iv_store_access_read_begin(st, &own, err);
	if (rc)
		return rc;
	rc = iv_store_user_get(st, user, viewer_user_row, &l, err);
	if (!rc && l.disabled)
		rc = iv_seterr(err, IV_ERR_DENIED, "user '%s' is disabled", user);
	if (!rc)
		rc = org_kind_of(st, out->org, &org, err);
	if (!rc) {
		out->org_kind = org.kind;
		memcpy(out->country, org.country, sizeof(out->country));
		rc = iv_store_grants_of(st, out->user, viewer_name, &l, err);
	}
	if (!rc) {
		take_list(&l, &out->compartments, &out->ncompartments);
		rc = iv_store_consent_each(st, out->org, viewer_consent, &l, err);
	}
	if (!rc)
		take_list(&l, &out->consenting, &out->nconsenting);
	iv_store_access_read_end(st, own);
	iv_vec_release_all(&l.list);
	if (rc) {
		iv_viewer_release(out);
		return rc;
	}
	access_viewer_sort(out);
	return IV_OK;
}
