/*
 * h_auth.c - logging in and out, and who the caller is.
 *
 * POST /api/v1/login {"username", "password"} -> {"token", "expires"}.
 * One answer (401) for an unknown user, a wrong password and a disabled
 * user; 429 while the user is locked out after repeated failures, or
 * while the client's address is, after --address-failures failed
 * logins in the window whatever names it tried.
 */
#include <string.h>
#include <time.h>

#include "server/server_int.h"

void h_login(struct srv_req *r)
{
	json_t *body = srv_body_object(r);
	const char *user, *password;
	char token[IV_ACCESS_TOKEN_HEX], expires[32];
	struct iv_buf err = IV_BUF_INIT;
	int64_t now = (int64_t)time(NULL);
	enum iv_err rc;

	if (!body)
		return;
	if (!srv_member_str(r, body, "username", true, 64, &user) ||
	    !srv_member_str(r, body, "password", true, 1024, &password))
		goto out;
	srv_audit_query(r, "username=%s", user);
	if (!srv_login_allowed(r->srv, r->remote)) {
		srv_error(r, MHD_HTTP_TOO_MANY_REQUESTS, "locked",
		          "too many failed logins from this address: try again in %d minutes",
		          IV_ACCESS_LOCKOUT_SECONDS / 60);
		goto out;
	}
	rc = iv_access_login(r->st, user, password, now, r->srv->cfg.session_ttl, token, &err);
	if (rc == IV_ERR_DENIED || rc == IV_ERR_TOOBIG)
		srv_login_failed(r->srv, r->remote);
	if (rc == IV_ERR_DENIED) {
		srv_error(r, MHD_HTTP_UNAUTHORIZED, "unauthenticated",
		          "wrong user name or password");
	} else if (rc == IV_ERR_TOOBIG) {
		srv_error(r, MHD_HTTP_TOO_MANY_REQUESTS, "locked",
		          "too many failed logins: try again in %d minutes",
		          IV_ACCESS_LOCKOUT_SECONDS / 60);
	} else if (rc) {
		srv_fail(r, rc, &err, "user");
	} else {
		iv_time_format(now + r->srv->cfg.session_ttl, expires, sizeof(expires));
		srv_json(r, MHD_HTTP_OK,
		         json_pack("{s:s, s:s}", "token", token, "expires", expires));
	}
out:
	json_decref(body);
	iv_buf_release(&err);
}

void h_logout(struct srv_req *r)
{
	struct iv_buf err = IV_BUF_INIT;
	enum iv_err rc = iv_access_logout(r->st, r->token, &err);

	srv_session_forget(r->srv, r->token);
	if (rc)
		srv_fail(r, rc, &err, "session");
	else
		srv_json(r, MHD_HTTP_OK, json_pack("{s:b}", "logged_out", 1));
	iv_buf_release(&err);
}

void h_me(struct srv_req *r)
{
	const struct iv_viewer *v = &r->viewer;
	json_t *comps = json_array();
	unsigned perms = iv_role_permissions(v->role);

	for (size_t i = 0; comps && i < v->ncompartments; i++)
		json_array_append_new(comps, json_string(v->compartments[i]));
	srv_json(r, MHD_HTTP_OK,
	         json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:{s:b, s:b, s:b, s:b, s:b, s:b}}",
	                   "user", v->user, "org", v->org, "org_kind",
	                   v->org_kind == IV_ORG_UK ? "uk" : "partner", "country", v->country,
	                   "role", iv_role_name(v->role), "clearance",
	                   iv_classification_name(v->clearance), "compartments", comps,
	                   "permissions", "read", (perms & IV_PERM_READ) != 0, "ingest",
	                   (perms & IV_PERM_INGEST) != 0, "judge", (perms & IV_PERM_JUDGE) != 0,
	                   "export", (perms & IV_PERM_EXPORT) != 0, "admin",
	                   (perms & IV_PERM_ADMIN) != 0, "audit", (perms & IV_PERM_AUDIT) != 0));
}

void h_health(struct srv_req *r)
{
	srv_json(r, MHD_HTTP_OK, json_pack("{s:s}", "status", "ok"));
}
