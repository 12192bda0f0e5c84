/*
 * h_export.c - exports for the caller: FtM JSON lines of what may leave
 * to them (iv_access_exportable: TLP:RED stays with its originator,
 * Europol H2/H3 and TLP:AMBER+STRICT need the originator's consent for
 * partners), or their network projection as GraphML, GEXF, i2 ANX or
 * Cytoscape JSON built from the same statements.
 */
#include <string.h>

#include "iv/export.h"
#include "iv/view.h"
#include "server/server_int.h"

#define EXPORT_MAX ((size_t)256 << 20)

static enum iv_err to_raw(void *ctx, const char *data, size_t n)
{
	return iv_buf_add(ctx, data, n);
}

static bool exportable(void *ctx, const struct iv_handling *h)
{
	return iv_access_exportable(ctx, h);
}

void h_export(struct srv_req *r)
{
	const char *format = srv_arg(r, "format"), *dataset = srv_arg(r, "dataset");
	struct iv_buf err = IV_BUF_INIT;
	struct iv_view v;
	struct iv_graph *g = NULL;
	struct iv_graph_measures m;
	struct iv_graph_communities c;
	struct iv_graph_project_opts o;
	int gf;
	enum iv_err rc;

	memset(&m, 0, sizeof(m));
	memset(&c, 0, sizeof(c));
	iv_buf_init(&r->raw, EXPORT_MAX);
	if (!format || strcmp(format, "ftm") == 0) {
		rc = iv_export_ftm_kept(r->st, dataset, r->viewer.local ? NULL : exportable,
		                        &r->viewer, to_raw, &r->raw, NULL, &err);
		if (rc) {
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
	rc = iv_view_project(&v, &o, &g, &err);
	if (!rc)
		rc = iv_graph_measures(g, NULL, &m, &err);
	if (!rc)
		rc = iv_graph_communities(g, &m, NULL, &c, &err);
	if (!rc)
		rc = iv_graph_write(g, (enum iv_graph_format)gf, &m, &c, to_raw, &r->raw, &err);
	if (rc) {
		srv_fail(r, rc, &err, "network");
	} else {
		static const char *const types[] = {"application/graphml+xml",
		                                    "application/gexf+xml", "application/xml",
		                                    "application/json"};
		for (size_t i = 0; i < g->nnodes; i++)
			srv_audit_entity(r, g->nodes[i].id);
		r->status = MHD_HTTP_OK;
		r->raw_type = types[gf];
	}
	iv_graph_communities_release(&c);
	iv_graph_measures_release(&m);
	iv_graph_free(g);
	iv_view_release(&v);
	iv_buf_release(&err);
}
