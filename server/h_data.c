/*
 * h_data.c - what analysts and partners read: search (with its filters
 * and facets), entity pages, an entity's network, paths between two
 * entities, and the network analytics (measures, communities, key
 * players).  Every answer is built by lib/view from the statements the
 * caller may see.  (An entity's related entities and the datasets are in
 * h_browse.c.)
 */
#include <stdlib.h>
#include <string.h>

#include "iv/netcache.h"
#include "iv/schema.h"
#include "iv/util.h"
#include "iv/view.h"
#include "server/server_int.h"

#define PAGE_DEFAULT 20
#define PAGE_MAX     500

/* A date argument of a search ('from' or 'to') into *out; false with a 400 on junk. */
static bool search_date(struct srv_req *r, const char *name, bool end, int64_t *out)
{
	const char *arg = srv_arg(r, name);
	struct iv_date d;

	if (!arg)
		return true;
	if (iv_date_parse(arg, &d) != IV_OK) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
		          "'%s' must be an ISO date (2024, 2024-03 or 2024-03-15)", name);
		return false;
	}
	*out = iv_date_seconds(&d, end);
	return true;
}

/* The filters and facets of a search; false with a 400 on junk. */
static bool search_opts(struct srv_req *r, struct iv_view_search_opts *o)
{
	const char *dataset = srv_arg(r, "dataset"), *country = srv_arg(r, "country"),
	           *grade = srv_arg(r, "grade"), *facets = srv_arg(r, "facets");
	struct iv_handling h;

	iv_view_search_opts_init(o);
	if (dataset && (!*dataset || strlen(dataset) > 200)) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
		          "'dataset' must be a dataset name (1 to 200 bytes)");
		return false;
	}
	o->dataset = dataset;
	if (country) {
		/* two letters, of a country the registry knows; stored in lower case */
		o->country = strlen(country) == 2 ? iv_country_code(country) : NULL;
		if (!o->country || strlen(o->country) != 2) {
			srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
			          "'country' must be an ISO 3166 alpha-2 code (GB, FR, ...)");
			return false;
		}
	}
	if (grade) {
		if (iv_grade_parse(grade, &h) != IV_OK) {
			srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
			          "'grade' must be a source grade 1-3 and an assessment A-E (2B)");
			return false;
		}
		o->grade[0] = h.source_grade;
		o->grade[1] = h.assessment;
	}
	if (!search_date(r, "from", false, &o->from) || !search_date(r, "to", true, &o->to))
		return false;
	if (o->from != IV_VIEW_OPEN && o->to != IV_VIEW_OPEN && o->from > o->to) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid", "'from' is after 'to'");
		return false;
	}
	if (facets && strcmp(facets, "1") != 0 && strcmp(facets, "0") != 0 &&
	    strcmp(facets, "true") != 0 && strcmp(facets, "false") != 0) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid", "'facets' must be 1 or 0");
		return false;
	}
	o->facets = facets && (strcmp(facets, "1") == 0 || strcmp(facets, "true") == 0);
	return true;
}

void h_search(struct srv_req *r)
{
	struct iv_view v;
	struct iv_view_search_opts opts;
	struct iv_buf err = IV_BUF_INIT;
	const char *q = srv_arg(r, "q"), *schema = srv_arg(r, "schema"),
	           *cursor = srv_arg(r, "cursor");
	uint64_t offset = 0;
	unsigned limit;
	json_t *out = NULL, *results;
	enum iv_err rc;

	if (!q || !*q) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
		          "give the words to search for in 'q'");
		return;
	}
	if (strlen(q) > 1000) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid", "'q' is longer than 1000 bytes");
		return;
	}
	if (!srv_arg_uint(r, "limit", 1, PAGE_MAX, PAGE_DEFAULT, &limit))
		return;
	if (cursor && !srv_cursor_parse(cursor, 'o', &offset)) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
		          "'cursor' is not one this server gave");
		return;
	}
	if (!search_opts(r, &opts))
		return;
	iv_view_init(&v, r->st, &r->viewer);
	rc = iv_view_search(&v, q, schema, &opts, (size_t)offset, limit, &out, &err);
	iv_view_release(&v);
	if (rc) {
		srv_fail(r, rc, &err, "search");
		iv_buf_release(&err);
		return;
	}
	results = json_object_get(out, "results");
	for (size_t i = 0; i < json_array_size(results); i++)
		srv_audit_entity(
		        r, json_string_value(json_object_get(json_array_get(results, i), "id")));
	if (offset + json_array_size(results) <
	    (uint64_t)json_integer_value(json_object_get(out, "total"))) {
		char next[64];
		srv_cursor_make('o', offset + json_array_size(results), next, sizeof(next));
		json_object_set_new(out, "next", json_string(next));
	} else {
		json_object_set_new(out, "next", json_null());
	}
	srv_json(r, MHD_HTTP_OK, out);
	iv_buf_release(&err);
}

/* The page is written as JSON text straight into the reply (iv_view_entity_write). */
void h_entity(struct srv_req *r)
{
	struct iv_view v;
	struct iv_buf err = IV_BUF_INIT, members = IV_BUF_INIT;
	enum iv_err rc;

	iv_view_init(&v, r->st, &r->viewer);
	iv_buf_reset(&r->raw);
	rc = iv_view_entity_write(&v, r->params[0], &r->raw, &members, &err);
	iv_view_release(&v);
	if (rc) {
		srv_fail(r, rc, &err, "entity");
	} else {
		srv_audit_entities(r, members.buf, members.len);
		r->raw_type = SRV_JSON_TYPE;
		r->status = MHD_HTTP_OK;
	}
	iv_buf_release(&members);
	iv_buf_release(&err);
}

/* ---- networks ------------------------------------------------------------------------------- */

bool srv_network_window(struct srv_req *r, const char *from, const char *to, const char *kinds,
                        struct iv_graph_project_opts *o)
{
	struct iv_date d;

	memset(o, 0, sizeof(*o));
	o->from = o->to = IV_GRAPH_UNDATED;
	if (from) {
		if (iv_date_parse(from, &d) != IV_OK)
			goto bad_date;
		o->from = iv_date_seconds(&d, false);
	}
	if (to) {
		if (iv_date_parse(to, &d) != IV_OK)
			goto bad_date;
		o->to = iv_date_seconds(&d, true);
	}
	if (kinds && iv_graph_kinds_parse(kinds, &o->kinds, NULL, NULL) != IV_OK)
		goto bad_kinds;
	return true;
bad_date:
	srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
	          "'from' and 'to' must be ISO dates (2024, 2024-03 or 2024-03-15)");
	return false;
bad_kinds:
	srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
	          "'kinds' must be link kinds separated by commas (call,payment,associate,...)");
	return false;
}

long srv_graph_node(struct srv_req *r, struct iv_view *v, const struct iv_graph *g, const char *id)
{
	long i = iv_graph_find(g, id);

	if (i < 0 && iv_view_merges(v)) {
		struct iv_buf canon = IV_BUF_INIT;
		if (iv_store_res_canonical(r->st, id, &canon, NULL) == IV_OK)
			i = iv_graph_find(g, canon.buf);
		iv_buf_release(&canon);
	}
	return i;
}

/*
 * The caller's projection, lent by the server's network cache (kept for
 * every viewer who sees the same statements: netcache.h) into *ng, which
 * the caller gives back with iv_netcache_release; NULL with the reply set
 * on failure.
 */
static const struct iv_graph *project(struct srv_req *r, struct iv_view *v, struct iv_netgraph *ng)
{
	struct iv_graph_project_opts o;
	struct iv_buf err = IV_BUF_INIT;
	enum iv_err rc;

	memset(ng, 0, sizeof(*ng));
	if (!srv_network_window(r, srv_arg(r, "from"), srv_arg(r, "to"), srv_arg(r, "kinds"), &o))
		return NULL;
	rc = iv_netcache_get(r->srv->netcache, v, &o, ng, &err);
	if (rc)
		srv_fail(r, rc, &err, "network");
	iv_buf_release(&err);
	return rc ? NULL : &ng->graph;
}

/* Node of id in g (a record's canonical id when merges are shown); false with a 404. */
static bool node_of(struct srv_req *r, struct iv_view *v, const struct iv_graph *g, const char *id,
                    uint32_t *out)
{
	long i = srv_graph_node(r, v, g, id);

	if (i < 0) {
		srv_error(r, MHD_HTTP_NOT_FOUND, "not_found",
		          "no such entity in the network (no links in this window and of these "
		          "kinds)");
		return false;
	}
	*out = (uint32_t)i;
	return true;
}

static void audit_graph(struct srv_req *r, const struct iv_graph *g)
{
	for (size_t i = 0; i < g->nnodes; i++)
		srv_audit_node(r, g->nodes[i].id);
}

void h_entity_network(struct srv_req *r)
{
	struct iv_view v;
	struct iv_netgraph ng;
	const struct iv_graph *g;
	struct iv_graph *sub = NULL;
	struct iv_buf err = IV_BUF_INIT;
	unsigned hops, max_nodes;
	uint32_t center;
	enum iv_err rc;

	if (!srv_arg_uint(r, "hops", 1, 6, 2, &hops) ||
	    !srv_arg_uint(r, "max_nodes", 1, 5000, 500, &max_nodes))
		return;
	iv_view_init(&v, r->st, &r->viewer);
	g = project(r, &v, &ng);
	if (g && node_of(r, &v, g, r->params[0], &center)) {
		rc = iv_graph_ego(g, center, hops, max_nodes, &sub, &err);
		if (rc) {
			srv_fail(r, rc, &err, "network");
		} else {
			audit_graph(r, sub);
			json_t *out = iv_view_graph_json(sub);
			if (out)
				json_object_set_new(out, "center",
				                    json_string(g->nodes[center].id));
			srv_json(r, MHD_HTTP_OK, out);
		}
	}
	iv_graph_free(sub);
	iv_netcache_release(r->srv->netcache, &ng);
	iv_view_release(&v);
	iv_buf_release(&err);
}

void h_paths(struct srv_req *r)
{
	const char *from = srv_arg(r, "source"), *to = srv_arg(r, "target");
	struct iv_view v;
	struct iv_netgraph ng = {0};
	const struct iv_graph *g;
	struct iv_graph_paths ps;
	struct iv_buf err = IV_BUF_INIT;
	unsigned max_len, max_paths;
	uint32_t a, b;
	enum iv_err rc;

	memset(&ps, 0, sizeof(ps));
	if (!from || !to) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
		          "give 'source' and 'target' entity ids");
		return;
	}
	if (!srv_arg_uint(r, "max_len", 0, 8, 0, &max_len) ||
	    !srv_arg_uint(r, "max_paths", 1, 1000, 100, &max_paths))
		return;
	iv_view_init(&v, r->st, &r->viewer);
	g = project(r, &v, &ng);
	if (!g || !node_of(r, &v, g, from, &a) || !node_of(r, &v, g, to, &b))
		goto out;
	if (a == b) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
		          "source and target are the same entity");
		goto out;
	}
	rc = max_len ? iv_graph_all_paths(g, a, b, max_len, max_paths, &ps, &err)
	             : iv_graph_shortest_paths(g, a, b, max_paths, &ps, &err);
	if (rc) {
		srv_fail(r, rc, &err, "path");
		goto out;
	}
	json_t *paths = json_array();
	for (size_t i = 0; paths && i < ps.n; i++) {
		for (size_t k = 0; k <= ps.p[i].len; k++)
			srv_audit_node(r, g->nodes[ps.p[i].nodes[k]].id);
		json_array_append_new(paths, iv_view_path_json(g, &ps.p[i]));
	}
	srv_json(r, MHD_HTTP_OK,
	         json_pack("{s:s, s:s, s:o, s:b}", "source", g->nodes[a].id, "target",
	                   g->nodes[b].id, "paths", paths, "truncated", ps.truncated));
out:
	iv_graph_paths_release(&ps);
	iv_netcache_release(r->srv->netcache, &ng);
	iv_view_release(&v);
	iv_buf_release(&err);
}

/* ---- analytics ------------------------------------------------------------------------------- */

struct analysis {
	struct iv_view v;
	struct iv_netgraph ng;
	const struct iv_graph *g;
	struct iv_graph_measures m;
	struct iv_graph_communities c;
};

static bool analyse(struct srv_req *r, struct analysis *an, bool communities)
{
	struct iv_graph_measure_opts mo = {0, 0, 1};
	struct iv_graph_community_opts co = {NULL, 0, 0, 1};
	struct iv_buf err = IV_BUF_INIT;
	enum iv_err rc;

	memset(an, 0, sizeof(*an));
	iv_view_init(&an->v, r->st, &r->viewer);
	an->g = project(r, &an->v, &an->ng);
	if (!an->g)
		return false;
	rc = iv_graph_measures(an->g, &mo, &an->m, &err);
	if (!rc && communities)
		rc = iv_graph_communities(an->g, &an->m, &co, &an->c, &err);
	if (rc)
		srv_fail(r, rc, &err, "network");
	iv_buf_release(&err);
	return rc == IV_OK;
}

static void analysis_release(struct srv_req *r, struct analysis *an)
{
	iv_graph_communities_release(&an->c);
	iv_graph_measures_release(&an->m);
	iv_netcache_release(r->srv->netcache, &an->ng);
	iv_view_release(&an->v);
}

void h_measures(struct srv_req *r)
{
	struct analysis an;
	const char *cursor = srv_arg(r, "cursor");
	uint64_t offset = 0;
	unsigned limit;
	uint32_t *order = NULL;
	json_t *nodes, *out;

	if (!srv_arg_uint(r, "limit", 1, 5000, 100, &limit))
		return;
	if (cursor && !srv_cursor_parse(cursor, 'o', &offset)) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
		          "'cursor' is not one this server gave");
		return;
	}
	if (!analyse(r, &an, true))
		goto out;
	order = iv_view_by_betweenness(&an.m, an.g->nnodes);
	nodes = json_array();
	if (!order || !nodes) {
		json_decref(nodes);
		srv_fail(r, IV_ERR_NOMEM, NULL, "");
		goto out;
	}
	for (uint64_t i = offset; i < an.g->nnodes && i < offset + limit; i++) {
		srv_audit_node(r, an.g->nodes[order[i]].id);
		json_array_append_new(nodes, iv_view_measures_json(an.g, &an.m, &an.c, order[i]));
	}
	out = json_pack("{s:I, s:I, s:b, s:I, s:f, s:o}", "nodes_total", (json_int_t)an.g->nnodes,
	                "links_total", (json_int_t)an.g->nedges, "betweenness_sampled",
	                an.m.sampled, "sources", (json_int_t)an.m.sources, "betweenness_error",
	                an.m.betweenness_error, "nodes", nodes);
	if (out && offset + limit < an.g->nnodes) {
		char next[64];
		srv_cursor_make('o', offset + limit, next, sizeof(next));
		json_object_set_new(out, "next", json_string(next));
	} else if (out) {
		json_object_set_new(out, "next", json_null());
	}
	srv_json(r, MHD_HTTP_OK, out);
out:
	iv_free(order);
	analysis_release(r, &an);
}

void h_communities(struct srv_req *r)
{
	struct analysis an;
	unsigned limit, min_size;
	json_t *list;

	if (!srv_arg_uint(r, "limit", 1, 10000, 100, &limit) ||
	    !srv_arg_uint(r, "min_size", 1, 1000000, 2, &min_size))
		return;
	if (!analyse(r, &an, true))
		goto out;
	list = json_array();
	for (size_t i = 0; list && i < an.c.n && json_array_size(list) < limit; i++) {
		if (an.c.c[i].nmembers < min_size)
			continue;
		for (size_t k = 0; k < an.c.c[i].nmembers; k++)
			srv_audit_node(r, an.g->nodes[an.c.c[i].members[k]].id);
		json_array_append_new(list, iv_view_community_json(an.g, &an.c, i));
	}
	srv_json(r, MHD_HTTP_OK,
	         json_pack("{s:s, s:f, s:I, s:o}", "method", an.c.method, "modularity",
	                   an.c.modularity, "communities_total", (json_int_t)an.c.n, "communities",
	                   list));
out:
	analysis_release(r, &an);
}

void h_keyplayers(struct srv_req *r)
{
	struct iv_view v;
	struct iv_netgraph ng;
	const struct iv_graph *g;
	struct iv_graph_keyset *neg = NULL, *pos = NULL;
	struct iv_buf err = IV_BUF_INIT;
	unsigned k;
	enum iv_err rc;

	if (!srv_arg_uint(r, "k", 1, 10, 5, &k))
		return;
	iv_view_init(&v, r->st, &r->viewer);
	g = project(r, &v, &ng);
	if (!g)
		goto out;
	if (k > g->nnodes) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
		          "k is %u but the network has %zu nodes", k, g->nnodes);
		goto out;
	}
	neg = iv_calloc(k * sizeof(*neg));
	pos = iv_calloc(k * sizeof(*pos));
	rc = neg && pos ? iv_graph_keyplayers_neg(g, k, neg, &err) : IV_ERR_NOMEM;
	if (!rc)
		rc = iv_graph_keyplayers_pos(g, k, pos, &err);
	if (rc) {
		srv_fail(r, rc, &err, "network");
		goto out;
	}
	json_t *plan = json_array();
	for (size_t i = 0; plan && i < k; i++) {
		/* both plans' nodes: KPP-Neg's removed, KPP-Pos's reach */
		for (size_t j = 0; j < neg[i].k; j++)
			srv_audit_node(r, g->nodes[neg[i].removed[j]].id);
		for (size_t j = 0; j < pos[i].k; j++)
			srv_audit_node(r, g->nodes[pos[i].removed[j]].id);
		json_array_append_new(plan, iv_view_keyset_json(g, &neg[i], &pos[i]));
	}
	srv_json(r, MHD_HTTP_OK,
	         json_pack("{s:I, s:o}", "nodes_total", (json_int_t)g->nnodes, "plan", plan));
out:
	iv_free(neg);
	iv_free(pos);
	iv_netcache_release(r->srv->netcache, &ng);
	iv_view_release(&v);
	iv_buf_release(&err);
}
