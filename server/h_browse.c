/*
 * h_browse.c - what the web UI browses beside search and entity pages: an
 * entity's related entities and timeline, and the datasets.  Every answer
 * is built by lib/view (browse.c) from the statements the caller may see;
 * every entity id a reply names is recorded for the audit trail.
 */
#include <string.h>

#include "iv/view.h"
#include "server/server_int.h"

#define RELATED_DEFAULT 200

/* Record id for the audit trail once, however often the reply names it. */
static void audit_once(struct srv_req *r, json_t *seen, const char *id)
{
	if (!id || json_object_get(seen, id))
		return;
	json_object_set_new(seen, id, json_null());
	srv_audit_entity(r, id);
}

/* Every entity the related reply names: the entity and its records, related ones, links,
 * parties. */
static void audit_related(struct srv_req *r, json_t *out)
{
	json_t *seen = json_object(), *related = json_object_get(out, "related"),
	       *timeline = json_object_get(out, "timeline"),
	       *members = json_object_get(out, "members");

	audit_once(r, seen, r->params[0]);
	for (size_t i = 0; i < json_array_size(members); i++)
		audit_once(r, seen, json_string_value(json_array_get(members, i)));
	for (size_t i = 0; i < json_array_size(related); i++) {
		json_t *o = json_array_get(related, i);

		audit_once(r, seen, json_string_value(json_object_get(o, "id")));
		audit_once(r, seen,
		           json_string_value(json_object_get(json_object_get(o, "via"), "id")));
	}
	for (size_t i = 0; i < json_array_size(timeline); i++) {
		json_t *o = json_array_get(timeline, i), *parties = json_object_get(o, "parties");

		audit_once(r, seen, json_string_value(json_object_get(o, "id")));
		for (size_t k = 0; k < json_array_size(parties); k++)
			audit_once(r, seen,
			           json_string_value(
			                   json_object_get(json_array_get(parties, k), "id")));
	}
	json_decref(seen);
}

void h_entity_related(struct srv_req *r)
{
	struct iv_view v;
	struct iv_buf err = IV_BUF_INIT;
	json_t *out = NULL;
	unsigned limit;
	enum iv_err rc;

	if (!srv_arg_uint(r, "limit", 1, IV_VIEW_RELATED_MAX, RELATED_DEFAULT, &limit))
		return;
	iv_view_init(&v, r->st, &r->viewer);
	rc = iv_view_related(&v, r->params[0], limit, &out, &err);
	iv_view_release(&v);
	if (rc) {
		srv_fail(r, rc, &err, "entity");
	} else {
		audit_related(r, out);
		srv_json(r, MHD_HTTP_OK, out);
	}
	iv_buf_release(&err);
}

void h_datasets(struct srv_req *r)
{
	struct iv_view v;
	struct iv_buf err = IV_BUF_INIT;
	json_t *out = NULL;
	enum iv_err rc;

	iv_view_init(&v, r->st, &r->viewer);
	rc = iv_view_datasets(&v, &out, &err);
	iv_view_release(&v);
	if (rc)
		srv_fail(r, rc, &err, "dataset");
	else
		srv_json(r, MHD_HTTP_OK, out);
	iv_buf_release(&err);
}
