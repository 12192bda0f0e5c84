/*
 * h_audit.c - the audit trail for auditors: who did what, who saw an
 * entity, and whether the chain is intact; and, for every user, their own
 * recent activity (GET /activity).
 */
#include <stdio.h>
#include <string.h>

#include "server/server_int.h"

struct page {
	json_t *records;
	int64_t last;
};

static IV_MUST_USE enum iv_err on_record(void *ctx, const struct iv_audit_record *rec)
{
	struct page *p = ctx;
	json_error_t jerr;
	json_t *ents = json_loads(rec->entities, 0, &jerr);
	char at[32];

	iv_time_format(rec->at, at, sizeof(at));
	p->last = rec->seq;
	return json_array_append_new(
	               p->records,
	               json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:i, s:o, s:s}", "seq",
	                         (json_int_t)rec->seq, "at", at, "user", srv_text(rec->user),
	                         "remote", srv_text(rec->remote), "action", srv_text(rec->action),
	                         "query", srv_text(rec->query), "entities",
	                         ents ? ents : json_array(), "status", rec->status, "outcome",
	                         srv_text(rec->outcome), "hash", rec->hash))
	               ? IV_ERR_NOMEM
	               : IV_OK;
}

void h_audit(struct srv_req *r)
{
	struct iv_audit_query q;
	struct page p = {json_array(), 0};
	struct iv_buf err = IV_BUF_INIT;
	const char *from = srv_arg(r, "from"), *to = srv_arg(r, "to"),
	           *cursor = srv_arg(r, "cursor");
	struct iv_date d;
	uint64_t after = 0;
	unsigned limit;
	enum iv_err rc;

	memset(&q, 0, sizeof(q));
	srv_audit_flush(r->srv); /* every request answered before this one is in the answer */
	if (!p.records) {
		srv_fail(r, IV_ERR_NOMEM, NULL, "");
		return;
	}
	if (!srv_arg_uint(r, "limit", 1, 1000, 100, &limit))
		goto out;
	if (cursor && !srv_cursor_parse(cursor, 's', &after)) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
		          "'cursor' is not one this server gave");
		goto out;
	}
	if ((from && iv_date_parse(from, &d) != IV_OK) || (to && iv_date_parse(to, &d) != IV_OK)) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid", "'from' and 'to' must be ISO dates");
		goto out;
	}
	if (from && iv_date_parse(from, &d) == IV_OK)
		q.from = iv_date_seconds(&d, false);
	if (to && iv_date_parse(to, &d) == IV_OK)
		q.to = iv_date_seconds(&d, true);
	q.user = srv_arg(r, "user");
	q.entity = srv_arg(r, "entity");
	q.after_seq = (int64_t)after;
	q.limit = limit;
	rc = iv_audit_each(r->st, &q, on_record, &p, &err);
	if (rc) {
		srv_fail(r, rc, &err, "audit record");
		goto out;
	}
	json_t *out = json_pack("{s:O}", "records", p.records);
	if (out && json_array_size(p.records) == limit) {
		char next[64];
		srv_cursor_make('s', (uint64_t)p.last, next, sizeof(next));
		json_object_set_new(out, "next", json_string(next));
	} else if (out) {
		json_object_set_new(out, "next", json_null());
	}
	srv_json(r, MHD_HTTP_OK, out);
out:
	json_decref(p.records);
	iv_buf_release(&err);
}

void h_audit_verify(struct srv_req *r)
{
	struct iv_audit_verify v;
	struct iv_buf err = IV_BUF_INIT;
	enum iv_err rc;

	memset(&v, 0, sizeof(v));
	srv_audit_flush(r->srv);
	rc = iv_audit_verify(r->st, &v, &err);
	if (rc == IV_ERR_NOTFOUND || rc == IV_ERR_INVALID || rc == IV_ERR_IO) {
		/* the key is missing, wrong or unreadable: the trail cannot be vouched for */
		if (!r->srv->cfg.quiet)
			fprintf(stderr, "invigor serve: audit verify: %s\n", err.buf);
		srv_json(r, MHD_HTTP_OK,
		         json_pack("{s:b, s:I, s:I, s:s, s:s}", "intact", 0, "records",
		                   (json_int_t)v.records, "first_bad", (json_int_t)v.first_bad,
		                   "problem",
		                   "the audit key is missing, unreadable or not the one the trail "
		                   "was sealed with; the operator's log has the detail",
		                   "head", v.head));
	} else if (rc) {
		srv_fail(r, rc, &err, "audit trail");
	} else {
		srv_json(r, MHD_HTTP_OK,
		         json_pack("{s:b, s:I, s:I, s:s, s:s, s:b, s:I, s:s}", "intact",
		                   v.first_bad == 0, "records", (json_int_t)v.records, "first_bad",
		                   (json_int_t)v.first_bad, "problem", v.problem, "head", v.head,
		                   "keyed", v.keyed, "keyed_from", (json_int_t)v.keyed_from,
		                   "key_id", v.key_id));
	}
	iv_buf_release(&err);
}

/* ---- the caller's own activity ----------------------------------------------------------- */

#define ACTIVITY_DEFAULT 20
#define ACTIVITY_MAX     200

struct activity {
	json_t *list;
	struct iv_view view;   /* the caller's view now */
	struct iv_map seen;    /* id -> (void *)1 visible, (void *)2 not */
	struct iv_buf scratch; /* a page written only to learn whether it is there */
};

/* Whether the caller sees anything of id today: GET /entities/{id} would answer 200. */
static IV_MUST_USE enum iv_err visible_now(struct activity *a, const char *id, bool *yes)
{
	struct iv_buf err = IV_BUF_INIT;
	void *known = iv_map_get(&a->seen, id);
	enum iv_err rc;

	if (known) {
		*yes = known == (void *)1;
		return IV_OK;
	}
	iv_buf_reset(&a->scratch);
	rc = iv_view_entity_write(&a->view, id, &a->scratch, NULL, &err);
	iv_buf_release(&err);
	if (rc && rc != IV_ERR_NOTFOUND && rc != IV_ERR_INVALID)
		return rc;
	*yes = rc == IV_OK;
	return iv_map_put(&a->seen, id, *yes ? (void *)1 : (void *)2);
}

static IV_MUST_USE enum iv_err on_activity(void *ctx, const struct iv_audit_record *rec)
{
	struct activity *a = ctx;
	json_error_t jerr;
	json_t *ents = json_loads(rec->entities, 0, &jerr), *shown = json_array(), *id;
	char at[32];
	size_t i;

	/* ids the caller was given then but may no longer see (a grant revoked since) are left out
	 */
	if (!shown) {
		json_decref(ents);
		return IV_ERR_NOMEM;
	}
	json_array_foreach(json_is_array(ents) ? ents : NULL, i, id)
	{
		bool yes = false;
		enum iv_err rc =
		        json_is_string(id) ? visible_now(a, json_string_value(id), &yes) : IV_OK;

		if (rc || (yes && json_array_append(shown, id))) {
			json_decref(ents);
			json_decref(shown);
			return rc ? rc : IV_ERR_NOMEM;
		}
	}
	json_decref(ents);
	iv_time_format(rec->at, at, sizeof(at));
	return json_array_append_new(a->list,
	                             json_pack("{s:I, s:s, s:o, s:o, s:o, s:i}", "seq",
	                                       (json_int_t)rec->seq, "at", at, "action",
	                                       srv_text(rec->action), "query", srv_text(rec->query),
	                                       "entities", shown, "status", rec->status))
	               ? IV_ERR_NOMEM
	               : IV_OK;
}

/*
 * What the caller did lately, newest first, for their dashboard: their own
 * records only (the store is asked for this user's and no one else's), and
 * without who-from or the chain's hashes, which are the auditor's business.
 * The entity ids of each record pass the caller's filter as it is now.
 */
void h_activity(struct srv_req *r)
{
	struct iv_buf err = IV_BUF_INIT;
	json_t *list;
	unsigned limit;
	enum iv_err rc;

	if (!srv_arg_uint(r, "limit", 1, ACTIVITY_MAX, ACTIVITY_DEFAULT, &limit))
		return;
	srv_audit_flush(r->srv); /* every request answered before this one is in the answer */
	list = json_array();
	struct activity a = {.list = list, .scratch = IV_BUF_INIT};
	iv_view_init(&a.view, r->st, &r->viewer);
	rc = list ? iv_audit_recent(r->st, r->viewer.user, limit, on_activity, &a, &err)
	          : IV_ERR_NOMEM;
	iv_view_release(&a.view);
	iv_map_release(&a.seen);
	iv_buf_release(&a.scratch);
	if (rc) {
		json_decref(list);
		srv_fail(r, rc, &err, "audit record");
	} else {
		srv_json(r, MHD_HTTP_OK, json_pack("{s:o}", "activity", list));
	}
	iv_buf_release(&err);
}
