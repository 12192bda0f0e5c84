/*
 * h_export.c - exports for the caller: FtM JSON lines of what may leave
 * to them (iv_access_exportable: TLP:RED stays with its originator,
 * Europol H2/H3 and TLP:AMBER+STRICT need the originator's consent for
 * partners), or their network projection as GraphML, GEXF, i2 ANX or
 * Cytoscape JSON built from the same statements; and a chart (POST
 * /export): the part of that projection among the nodes the caller names.
 */
#include <stdlib.h>
#include <string.h>

#include "iv/export.h"
#include "iv/netcache.h"
#include "iv/view.h"
#include "server/server_int.h"

#define EXPORT_MAX ((size_t)256 << 20)

static IV_MUST_USE enum iv_err to_raw(void *ctx, const char *data, size_t n)
{
	return iv_buf_add(ctx, data, n);
}

static bool exportable(void *ctx, const struct iv_handling *h)
{
	return iv_access_exportable(ctx, h);
}

/* An entity whose lines an FtM export wrote: the reply shows it. */
static void audit_exported(void *ctx, const char *entity)
{
	srv_audit_entity(ctx, entity);
}

/*
 * Reply with a finished graph in format gf, with each node's measures and
 * community, as a download (invigor-export.EXT, or invigor-chart.EXT for a
 * chart); every node is audited.
 */
static void reply_graph(struct srv_req *r, const struct iv_graph *g, int gf, bool chart)
{
	static const char *const types[] = {"application/graphml+xml", "application/gexf+xml",
	                                    "application/xml", "application/json"};
	static const char *const dispositions[][4] = {
	        {"attachment; filename=\"invigor-export.graphml\"",
	         "attachment; filename=\"invigor-export.gexf\"",
	         "attachment; filename=\"invigor-export.anx\"",
	         "attachment; filename=\"invigor-export.json\""},
	        {"attachment; filename=\"invigor-chart.graphml\"",
	         "attachment; filename=\"invigor-chart.gexf\"",
	         "attachment; filename=\"invigor-chart.anx\"",
	         "attachment; filename=\"invigor-chart.json\""},
	};
	struct iv_graph_measures m;
	struct iv_graph_communities c;
	struct iv_buf err = IV_BUF_INIT;
	enum iv_err rc;

	memset(&m, 0, sizeof(m));
	memset(&c, 0, sizeof(c));
	rc = iv_graph_measures(g, NULL, &m, &err);
	if (!rc)
		rc = iv_graph_communities(g, &m, NULL, &c, &err);
	if (!rc)
		rc = iv_graph_write(g, (enum iv_graph_format)gf, &m, &c, to_raw, &r->raw, &err);
	if (rc) {
		srv_fail(r, rc, &err, "network");
	} else {
		for (size_t i = 0; i < g->nnodes; i++)
			srv_audit_node(r, g->nodes[i].id);
		r->status = MHD_HTTP_OK;
		r->raw_type = types[gf];
		r->headers[r->nheaders][0] = MHD_HTTP_HEADER_CONTENT_DISPOSITION;
		r->headers[r->nheaders++][1] = dispositions[chart][gf];
	}
	iv_graph_communities_release(&c);
	iv_graph_measures_release(&m);
	iv_buf_release(&err);
}

void h_export(struct srv_req *r)
{
	const char *format = srv_arg(r, "format"), *dataset = srv_arg(r, "dataset");
	struct iv_buf err = IV_BUF_INIT;
	struct iv_view v;
	struct iv_netgraph ng = {0};
	struct iv_graph_project_opts o;
	int gf;
	enum iv_err rc;

	iv_buf_init(&r->raw, EXPORT_MAX);
	if (!format || strcmp(format, "ftm") == 0) {
		rc = iv_export_ftm_kept(r->st, dataset, r->viewer.local ? NULL : exportable,
		                        &r->viewer, audit_exported, r, to_raw, &r->raw, NULL, &err);
		if (rc) {
			/* nothing was sent: the entities written so far are not the reply's */
			iv_buf_reset(&r->audit_entities);
			srv_fail(r, rc, &err, "dataset");
		} else {
			r->status = MHD_HTTP_OK;
			r->raw_type = "application/x-ndjson; charset=utf-8";
			r->headers[r->nheaders][0] = MHD_HTTP_HEADER_CONTENT_DISPOSITION;
			r->headers[r->nheaders++][1] =
			        "attachment; filename=\"invigor-export.ftm.jsonl\"";
		}
		iv_buf_release(&err);
		return;
	}
	gf = iv_graph_format_parse(format);
	if (gf < 0) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
		          "'format' is ftm, graphml, gexf, anx or cyjs");
		return;
	}
	memset(&o, 0, sizeof(o));
	o.from = o.to = IV_GRAPH_UNDATED;
	iv_view_init(&v, r->st, &r->viewer);
	v.exporting = true;
	rc = iv_netcache_get(r->srv->netcache, &v, &o, &ng, &err);
	if (rc)
		srv_fail(r, rc, &err, "network");
	else
		reply_graph(r, &ng.graph, gf, false);
	iv_netcache_release(r->srv->netcache, &ng);
	iv_view_release(&v);
	iv_buf_release(&err);
}

/* ---- charts ------------------------------------------------------------------------------- */

#define CHART_MAX_NODES 10000

/* The time window and link kinds of a chart, as the network endpoints take them; a 400 on junk. */
static bool chart_opts(struct srv_req *r, json_t *body, struct iv_graph_project_opts *o)
{
	const char *from, *to, *kinds = NULL;
	json_t *k = json_object_get(body, "kinds");
	unsigned listed = 0;

	if (!srv_member_str(r, body, "from", false, 32, &from) ||
	    !srv_member_str(r, body, "to", false, 32, &to))
		return false;
	/* "call,payment" as the query argument spells it, or ["call", "payment"] */
	if (json_is_string(k)) {
		kinds = json_string_value(k);
	} else if (json_is_array(k) && json_array_size(k) > 0) {
		/* each item one kind, however many */
		for (size_t i = 0; i < json_array_size(k); i++) {
			int kind = iv_graph_link_parse(json_string_value(json_array_get(k, i)));

			if (kind < 0)
				goto bad_kinds;
			listed |= 1u << kind;
		}
	} else if (k && !json_is_null(k)) {
		goto bad_kinds;
	}
	if (!srv_network_window(r, from, to, kinds, o))
		return false;
	if (listed)
		o->kinds = listed;
	return true;
bad_kinds:
	srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
	          "'kinds' must be link kinds, as \"call,payment\" or [\"call\", \"payment\"]");
	return false;
}

/*
 * The ids of 'nodes' (strings, at most CHART_MAX_NODES of them); false with
 * a 400 or 413 when the list is missing, empty, too long or not of ids.
 */
static bool chart_ids(struct srv_req *r, json_t *body, json_t **out)
{
	json_t *nodes = json_object_get(body, "nodes");
	size_t n;

	*out = NULL;
	if (!json_is_array(nodes)) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
		          "'nodes' must be an array of the chart's entity ids");
		return false;
	}
	n = json_array_size(nodes);
	if (n == 0) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
		          "'nodes' is empty: give the entity ids of the chart's nodes");
		return false;
	}
	if (n > CHART_MAX_NODES) {
		srv_error(r, MHD_HTTP_CONTENT_TOO_LARGE, "too_big",
		          "a chart has at most %d nodes; 'nodes' holds %zu", CHART_MAX_NODES, n);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *id = json_array_get(nodes, i);

		if (!json_is_string(id) || json_string_length(id) == 0 ||
		    json_string_length(id) >= SRV_MAX_PARAM ||
		    strlen(json_string_value(id)) != json_string_length(id)) {
			srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
			          "'nodes' must hold entity ids: text of 1 to %d bytes without NUL "
			          "(item %zu is not)",
			          SRV_MAX_PARAM - 1, i);
			return false;
		}
	}
	*out = nodes;
	return true;
}

/*
 * The node of id in the caller's projection, as the network endpoints find
 * it (a record's canonical entity when merges are shown), or -1.
 */
static int by_index(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;

	return a < b ? -1 : a > b;
}

/*
 * POST /export: the chart the caller has drawn, from their exportable
 * projection.  Ids not in it (unknown, hidden, not exportable, or with no
 * link in the window) are left out without a word, so that the reply is
 * the same whether or not such ids were sent; nodes come in the
 * projection's order, whatever the order asked.
 */
void h_export_chart(struct srv_req *r)
{
	json_t *body = srv_body_object(r), *ids = NULL;
	const char *format;
	struct iv_graph_project_opts o;
	struct iv_buf err = IV_BUF_INIT;
	struct iv_view v;
	struct iv_netgraph ng = {0};
	const struct iv_graph *g = &ng.graph;
	struct iv_graph *sub = NULL;
	uint32_t *chosen = NULL;
	size_t nchosen = 0;
	int gf;
	enum iv_err rc;

	iv_view_init(&v, r->st, &r->viewer);
	if (!body)
		goto out;
	if (!srv_member_str(r, body, "format", true, 16, &format))
		goto out;
	gf = iv_graph_format_parse(format);
	if (gf < 0) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
		          "'format' is graphml, gexf, anx or cyjs");
		goto out;
	}
	if (!chart_ids(r, body, &ids) || !chart_opts(r, body, &o))
		goto out;
	srv_audit_query(r, "format=%s&nodes=%zu", format, json_array_size(ids));
	iv_buf_init(&r->raw, EXPORT_MAX);
	v.exporting = true;
	rc = iv_netcache_get(r->srv->netcache, &v, &o, &ng, &err);
	if (!rc) {
		chosen = iv_malloc((json_array_size(ids) + 1) * sizeof(*chosen));
		if (!chosen)
			rc = iv_seterr(&err, IV_ERR_NOMEM, "out of memory");
	}
	for (size_t i = 0; !rc && i < json_array_size(ids); i++) {
		long k = srv_graph_node(r, &v, g, json_string_value(json_array_get(ids, i)));

		if (k >= 0)
			chosen[nchosen++] = (uint32_t)k;
	}
	if (!rc && nchosen > 1) { /* the projection's order, each node once */
		size_t kept = 1;

		qsort(chosen, nchosen, sizeof(*chosen), by_index);
		for (size_t i = 1; i < nchosen; i++)
			if (chosen[i] != chosen[kept - 1])
				chosen[kept++] = chosen[i];
		nchosen = kept;
	}
	if (!rc)
		rc = iv_graph_subgraph(g, chosen, nchosen, &sub, &err);
	if (rc)
		srv_fail(r, rc, &err, "network");
	else
		reply_graph(r, sub, gf, true);
out:
	iv_free(chosen);
	iv_graph_free(sub);
	iv_netcache_release(r->srv->netcache, &ng);
	iv_view_release(&v);
	iv_buf_release(&err);
	json_decref(body);
}
