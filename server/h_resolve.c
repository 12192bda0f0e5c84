/*
 * h_resolve.c - the resolution review queue, explanations and people's
 * judgements, for analysts and investigators.  A judgement is recorded
 * under the caller's user name.
 */
#include <string.h>

#include "iv/resolve.h"
#include "iv/view.h"
#include "server/server_int.h"

/*
 * Whether the caller sees a record whole: its statements and those fed into
 * it (iv_view_sees_whole).  An unknown id passes (the resolution call says
 * 404); any failure to tell refuses.  cache (may be NULL) keeps the answers
 * of one request: the review queue asks of a facilitator's record once for
 * all its links.
 */
static bool sees_record(struct iv_view *v, struct iv_map *cache, const char *eid)
{
	void *had = cache ? iv_map_get(cache, eid) : NULL;
	bool whole = false;

	if (had)
		return had == (void *)2;
	if (iv_view_sees_whole(v, eid, &whole, NULL))
		whole = false;
	if (cache && iv_map_put(cache, eid, whole ? (void *)2 : (void *)1))
		whole = false; /* out of memory: refuse rather than guess */
	return whole;
}

/*
 * Whether the caller sees every value of both records: explanations and
 * the queue show values of every statement, those the entities that feed
 * a record gave it too (a passport's number, names and birth date given to
 * its holder), and a judgement rests on them, so the workbench is open
 * only for records the caller sees whole (to others such a record answers
 * 404, like an unknown id).  Unknown ids pass (the resolution call says 404).
 */
static bool sees_pair_cached(struct srv_req *r, struct iv_map *cache, const char *a, const char *b)
{
	struct iv_view v;
	bool seen;

	iv_view_init(&v, r->st, &r->viewer);
	seen = sees_record(&v, cache, a) && sees_record(&v, cache, b);
	iv_view_release(&v);
	return seen;
}

static bool sees_pair(struct srv_req *r, const char *a, const char *b)
{
	return sees_pair_cached(r, NULL, a, b);
}

/*
 * eid's canonical id as the caller is shown it, into out ("" when not:
 * a record alone, or in a merge whose members, or what fed them, the
 * caller may not all see, look the same, as on its entity page;
 * iv_view_shown_canonical).  Any failure to tell shows nothing.
 */
static void shown_canonical(struct srv_req *r, const char *eid, struct iv_buf *out)
{
	struct iv_view v;

	iv_view_init(&v, r->st, &r->viewer);
	if (iv_view_shown_canonical(&v, eid, out, NULL))
		iv_buf_reset(out);
	iv_view_release(&v);
}

/*
 * The same answer as for an unknown id (srv_fail's 404): a record the caller
 * does not see whole must not be told apart from one that does not exist.
 */
static void refuse_pair(struct srv_req *r)
{
	srv_fail(r, IV_ERR_NOTFOUND, NULL, "entity");
}

struct queue {
	struct srv_req *r;
	json_t *items;
	struct iv_map seen; /* eid -> 2 seen whole, 1 not (sees_record) */
};

/* The queue's filter: links between records the caller sees whole. */
static bool sees_link(void *ctx, const char *a, const char *b)
{
	struct queue *q = ctx;

	return sees_pair_cached(q->r, &q->seen, a, b);
}

/*
 * The queue's entities as the caller is shown them: one whose members, or
 * what fed them, he may not all see is its records alone to him, as on
 * their pages (iv_view_sees_merge); any failure to tell says so too.
 */
static bool sees_entity(void *ctx, const char *entity)
{
	struct queue *q = ctx;
	struct iv_view v;
	bool whole = false;

	iv_view_init(&v, q->r->st, &q->r->viewer);
	if (iv_view_sees_merge(&v, entity, &whole, NULL))
		whole = false;
	iv_view_release(&v);
	return whole;
}

/*
 * The pairs the caller sees whole, up to the limit; a pair of entities is
 * shown by its most consequential link the caller sees, and the queue is
 * ordered by the impact over the entities as he is shown them.  Cluster
 * sizes, the impact figure and the number of links are not given: the
 * number of links counts links he may not see.
 */
static IV_MUST_USE enum iv_err on_item(void *ctx, const struct iv_resolve_review_item *it)
{
	struct queue *q = ctx;

	return json_array_append_new(q->items, json_pack("{s:s, s:s, s:f, s:b}", "a", it->a, "b",
	                                                 it->b, "probability", it->probability,
	                                                 "reused", it->reused))
	               ? IV_ERR_NOMEM
	               : IV_OK;
}

void h_review(struct srv_req *r)
{
	struct iv_buf err = IV_BUF_INIT;
	json_t *items = json_array();
	unsigned limit;
	enum iv_err rc;

	if (!srv_arg_uint(r, "limit", 1, 1000, 50, &limit)) {
		json_decref(items);
		return;
	}
	struct queue q = {r, items, IV_MAP_INIT};
	rc = items ? iv_resolve_review_shown(r->st, limit, sees_link, &q, sees_entity, &q, on_item,
	                                     &q, &err)
	           : IV_ERR_NOMEM;
	if (rc) {
		json_decref(items);
		srv_fail(r, rc, &err, "review queue");
	} else {
		for (size_t i = 0; i < json_array_size(items); i++) {
			json_t *it = json_array_get(items, i);
			srv_audit_entity(r, json_string_value(json_object_get(it, "a")));
			srv_audit_entity(r, json_string_value(json_object_get(it, "b")));
		}
		srv_json(r, MHD_HTTP_OK, json_pack("{s:o}", "pairs", items));
	}
	iv_map_release(&q.seen);
	iv_buf_release(&err);
}

/* Record an entity that fed an explained record: the explanation shows what it gave. */
static IV_MUST_USE enum iv_err audit_feeder(void *ctx, const char *entity)
{
	srv_audit_entity(ctx, entity);
	return IV_OK;
}

void h_explain(struct srv_req *r)
{
	const char *a = srv_arg(r, "a"), *b = srv_arg(r, "b");
	/* the calibration is fitted on every judged pair of the family, records the caller
	 * may not see among them: not read, and not given */
	const struct iv_resolve_options opt = {.no_calibration = true};
	struct iv_resolve_explanation *x;
	struct iv_buf err = IV_BUF_INIT;
	enum iv_err rc;

	if (!a || !b) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid", "give two entity ids 'a' and 'b'");
		return;
	}
	if (!sees_pair(r, a, b)) {
		refuse_pair(r);
		return;
	}
	x = iv_calloc(sizeof(*x));
	rc = x ? iv_resolve_explain(r->st, a, b, &opt, x, &err) : IV_ERR_NOMEM;
	/* the explanation shows values the records' feeders gave them (a passport's number) and
	 * names those feeders: who saw a passport's number is asked of the trail by the passport */
	if (!rc) {
		srv_audit_entity(r, a);
		srv_audit_entity(r, b);
		rc = iv_resolve_feeders(r->st, a, audit_feeder, r, &err);
		if (!rc)
			rc = iv_resolve_feeders(r->st, b, audit_feeder, r, &err);
	}
	if (rc) {
		srv_fail(r, rc, &err, "entity");
	} else {
		x->calibrated = false; /* (not read: opt) */
		json_t *j = iv_resolve_explanation_json(x);
		struct iv_buf ca = IV_BUF_INIT, cb = IV_BUF_INIT;

		/* in one entity now as the caller is shown entities: a merge he may not see whole
		 * is two records to him, here as on their pages */
		shown_canonical(r, a, &ca);
		shown_canonical(r, b, &cb);
		if (j)
			json_object_set_new(j, "same_cluster",
			                    json_boolean(ca.len && strcmp(ca.buf, cb.buf) == 0));
		iv_buf_release(&ca);
		iv_buf_release(&cb);
		srv_json(r, MHD_HTTP_OK, j);
	}
	iv_free(x);
	iv_buf_release(&err);
}

void h_judge(struct srv_req *r)
{
	json_t *body = srv_body_object(r);
	const char *a, *b, *verdict, *note;
	struct iv_buf err = IV_BUF_INIT, ca = IV_BUF_INIT, cb = IV_BUF_INIT;
	struct iv_resolve_conflict conflict;
	enum iv_err rc;

	if (!body)
		return;
	if (!srv_member_str(r, body, "a", true, SRV_MAX_PARAM, &a) ||
	    !srv_member_str(r, body, "b", true, SRV_MAX_PARAM, &b) ||
	    !srv_member_str(r, body, "verdict", true, 16, &verdict) ||
	    !srv_member_str(r, body, "note", false, 4000, &note))
		goto out;
	srv_audit_query(r, "verdict=%s", verdict);
	srv_audit_entity(r, a);
	srv_audit_entity(r, b);
	if (!sees_pair(r, a, b)) {
		refuse_pair(r);
		goto out;
	}
	rc = iv_resolve_judge_checked(r->st, a, b, verdict, r->viewer.user, note ? note : "",
	                              &conflict, &err);
	/* a contradiction names the pair judged different: told only to whom sees both */
	if (rc == IV_ERR_INVALID && *conflict.a && !sees_pair(r, conflict.a, conflict.b)) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
		          "this judgement contradicts others, on records you may not see all of; "
		          "nothing was changed (ask an analyst cleared to see them)");
		goto out;
	}
	if (rc) {
		srv_fail(r, rc, &err, "entity");
		goto out;
	}
	/* a canonical id is given as the entity page would show it */
	shown_canonical(r, a, &ca);
	shown_canonical(r, b, &cb);
	srv_json(r, MHD_HTTP_CREATED,
	         json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?}", "a", a, "b", b, "verdict", verdict,
	                   "user", r->viewer.user, "canonical_a", ca.len ? ca.buf : NULL,
	                   "canonical_b", cb.len ? cb.buf : NULL));
out:
	json_decref(body);
	iv_buf_release(&err);
	iv_buf_release(&ca);
	iv_buf_release(&cb);
}
