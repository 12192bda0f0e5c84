/*
 * h_admin.c - users, organisations, compartment grants and originators'
 * consents, for the admin role.  Changes take effect for logged-in users
 * at once (the session cache is dropped).
 *
 * An admin cannot raise their own access through the API: no grants to
 * themselves and none of compartments they do not hold, no user with a
 * clearance above their own, no admins or auditors (a second admin could
 * grant and consent for the first), and consent for an originator's
 * controlled statements only from that originator's own organisation.
 * The operator at the command line does what the API refuses.
 */
#include <string.h>
#include <strings.h>

#include "server/server_int.h"

static bool holds(const struct iv_viewer *v, const char *compartment)
{
	for (size_t i = 0; i < v->ncompartments; i++)
		if (strcmp(v->compartments[i], compartment) == 0)
			return true;
	return false;
}

static IV_MUST_USE enum iv_err on_user(void *ctx, const struct iv_user *u)
{
	json_t *list = ctx;

	return json_array_append_new(list,
	                             json_pack("{s:s, s:s, s:s, s:s, s:b}", "name", u->name, "org",
	                                       u->org, "role", iv_role_name(u->role), "clearance",
	                                       iv_classification_name(u->clearance), "disabled",
	                                       u->disabled))
	               ? IV_ERR_NOMEM
	               : IV_OK;
}

void h_users_list(struct srv_req *r)
{
	struct iv_buf err = IV_BUF_INIT;
	json_t *list = json_array();
	enum iv_err rc = list ? iv_access_user_each(r->st, on_user, list, &err) : IV_ERR_NOMEM;

	if (rc) {
		json_decref(list);
		srv_fail(r, rc, &err, "user");
	} else {
		srv_json(r, MHD_HTTP_OK, json_pack("{s:o}", "users", list));
	}
	iv_buf_release(&err);
}

void h_users_add(struct srv_req *r)
{
	json_t *body = srv_body_object(r);
	const char *name, *org, *role, *clearance, *password;
	struct iv_user u;
	struct iv_buf err = IV_BUF_INIT;
	enum iv_err rc;

	if (!body)
		return;
	if (!srv_member_str(r, body, "name", true, 64, &name) ||
	    !srv_member_str(r, body, "org", true, 100, &org) ||
	    !srv_member_str(r, body, "role", true, 32, &role) ||
	    !srv_member_str(r, body, "clearance", true, 32, &clearance) ||
	    !srv_member_str(r, body, "password", true, 1024, &password))
		goto out;
	memset(&u, 0, sizeof(u));
	u.name = name;
	u.org = org;
	if (!iv_role_parse(role, &u.role)) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid", "unknown role '%s'", role);
		goto out;
	}
	if (!iv_classification_parse(clearance, &u.clearance)) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid", "unknown clearance '%s'", clearance);
		goto out;
	}
	srv_audit_query(r, "name=%s&org=%s&role=%s&clearance=%s", name, org, role, clearance);
	if (u.role == IV_ROLE_ADMIN || u.role == IV_ROLE_AUDITOR) {
		/* an admin made by an admin could grant and consent for them: admins and auditors
		 * are made by the operator at the command line */
		srv_error(r, MHD_HTTP_FORBIDDEN, "forbidden",
		          "admins and auditors are added at the command line (invigor user add)");
		goto out;
	}
	if (u.clearance > r->viewer.clearance) {
		srv_error(r, MHD_HTTP_FORBIDDEN, "forbidden",
		          "you may not give a clearance above your own (%s)",
		          iv_classification_name(r->viewer.clearance));
		goto out;
	}
	rc = iv_access_user_add(r->st, &u, password, &err);
	if (rc == IV_ERR_NOTFOUND)
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid", "no organisation '%s'", org);
	else if (rc)
		srv_fail(r, rc, &err, "user");
	else
		srv_json(r, MHD_HTTP_CREATED, json_pack("{s:s}", "name", name));
out:
	json_decref(body);
	iv_buf_release(&err);
}

void h_user_grant(struct srv_req *r)
{
	json_t *body = srv_body_object(r);
	const char *comp;
	struct iv_buf err = IV_BUF_INIT;
	enum iv_err rc;

	if (!body)
		return;
	if (srv_member_str(r, body, "compartment", true, 100, &comp)) {
		srv_audit_query(r, "user=%s&compartment=%s", r->params[0], comp);
		if (strcasecmp(r->params[0], r->viewer.user) == 0) {
			srv_error(r, MHD_HTTP_FORBIDDEN, "forbidden",
			          "you may not grant yourself a compartment; ask another admin");
			goto out;
		}
		if (!holds(&r->viewer, comp)) {
			/* else an admin could grant it to a user they made and log in as them */
			srv_error(r, MHD_HTTP_FORBIDDEN, "forbidden",
			          "you may grant only compartments you hold yourself");
			goto out;
		}
		rc = iv_access_user_grant(r->st, r->params[0], comp, &err);
		srv_session_forget_all(r->srv);
		if (rc)
			srv_fail(r, rc, &err, "user");
		else
			srv_json(r, MHD_HTTP_OK,
			         json_pack("{s:s, s:s}", "user", r->params[0], "granted", comp));
	}
out:
	json_decref(body);
	iv_buf_release(&err);
}

void h_user_revoke(struct srv_req *r)
{
	struct iv_buf err = IV_BUF_INIT;
	enum iv_err rc;

	srv_audit_query(r, "user=%s&compartment=%s", r->params[0], r->params[1]);
	rc = iv_access_user_revoke(r->st, r->params[0], r->params[1], &err);

	srv_session_forget_all(r->srv);
	if (rc)
		srv_fail(r, rc, &err, "user or grant");
	else
		srv_json(r, MHD_HTTP_OK,
		         json_pack("{s:s, s:s}", "user", r->params[0], "revoked", r->params[1]));
	iv_buf_release(&err);
}

static IV_MUST_USE enum iv_err on_org(void *ctx, const struct iv_org *o)
{
	json_t *list = ctx;

	return json_array_append_new(list, json_pack("{s:s, s:s, s:s}", "name", o->name, "kind",
	                                             o->kind == IV_ORG_UK ? "uk" : "partner",
	                                             "country", o->country))
	               ? IV_ERR_NOMEM
	               : IV_OK;
}

void h_orgs_list(struct srv_req *r)
{
	struct iv_buf err = IV_BUF_INIT;
	json_t *list = json_array();
	enum iv_err rc = list ? iv_access_org_each(r->st, on_org, list, &err) : IV_ERR_NOMEM;

	if (rc) {
		json_decref(list);
		srv_fail(r, rc, &err, "organisation");
	} else {
		srv_json(r, MHD_HTTP_OK, json_pack("{s:o}", "orgs", list));
	}
	iv_buf_release(&err);
}

void h_orgs_add(struct srv_req *r)
{
	json_t *body = srv_body_object(r);
	const char *name, *kind, *country;
	struct iv_org o;
	struct iv_buf err = IV_BUF_INIT;
	enum iv_err rc;

	if (!body)
		return;
	if (!srv_member_str(r, body, "name", true, 100, &name) ||
	    !srv_member_str(r, body, "kind", true, 16, &kind) ||
	    !srv_member_str(r, body, "country", true, 8, &country))
		goto out;
	if (strcmp(kind, "uk") != 0 && strcmp(kind, "partner") != 0) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid", "'kind' is 'uk' or 'partner'");
		goto out;
	}
	srv_audit_query(r, "name=%s&kind=%s&country=%s", name, kind, country);
	o.name = name;
	o.kind = strcmp(kind, "uk") == 0 ? IV_ORG_UK : IV_ORG_PARTNER;
	o.country = country;
	rc = iv_access_org_add(r->st, &o, &err);
	if (rc)
		srv_fail(r, rc, &err, "organisation");
	else
		srv_json(r, MHD_HTTP_CREATED, json_pack("{s:s}", "name", name));
out:
	json_decref(body);
	iv_buf_release(&err);
}

void h_consents(struct srv_req *r)
{
	json_t *body = srv_body_object(r), *granted;
	const char *originator, *org;
	struct iv_buf err = IV_BUF_INIT;
	enum iv_err rc;

	if (!body)
		return;
	if (!srv_member_str(r, body, "originator", true, 100, &originator) ||
	    !srv_member_str(r, body, "org", true, 100, &org))
		goto out;
	granted = json_object_get(body, "granted");
	if (granted && !json_is_boolean(granted)) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid", "'granted' must be true or false");
		goto out;
	}
	srv_audit_query(r, "originator=%s&org=%s&granted=%s", originator, org,
	                !granted || json_is_true(granted) ? "true" : "false");
	if (strcasecmp(originator, r->viewer.org) != 0) {
		srv_error(r, MHD_HTTP_FORBIDDEN, "forbidden",
		          "only an admin of the originator's own organisation may consent for it");
		goto out;
	}
	rc = iv_access_consent(r->st, originator, org, !granted || json_is_true(granted), &err);
	srv_session_forget_all(r->srv);
	if (rc)
		srv_fail(r, rc, &err, "organisation");
	else
		srv_json(r, MHD_HTTP_OK,
		         json_pack("{s:s, s:s, s:b}", "originator", originator, "org", org,
		                   "granted", !granted || json_is_true(granted)));
out:
	json_decref(body);
	iv_buf_release(&err);
}
