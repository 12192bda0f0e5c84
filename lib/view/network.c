/*
 * network.c - network results as JSON, in the field names `invigor
 * network --json` and the API share: nodes, measures, communities, key
 * players, paths with each link's evidence, ego networks.
 */
#define _GNU_SOURCE /* qsort_r: a sort with its context, no global for the comparison */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iv/view.h"

json_t *iv_view_node_json(const struct iv_graph *g, uint32_t v)
{
	return json_pack("{s:s, s:s, s:s}", "id", g->nodes[v].id, "name", g->nodes[v].name,
	                 "schema", g->nodes[v].schema);
}

json_t *iv_view_evidence_json(const struct iv_graph *g, const struct iv_graph_edge *e)
{
	json_t *arr = json_array();

	for (uint32_t i = 0; arr && i < e->ev_n; i++) {
		char id[80];

		iv_graph_evidence_text(g, g->evidence[e->ev_off + i], id, sizeof(id));
		json_array_append_new(arr, json_string(id));
	}
	return arr;
}

json_t *iv_view_edge_json(const struct iv_graph *g, const struct iv_graph_edge *e)
{
	return json_pack("{s:s, s:s, s:s, s:I, s:f, s:o}", "source", g->nodes[e->a].id, "target",
	                 g->nodes[e->b].id, "kind", iv_graph_link_name((enum iv_graph_link)e->kind),
	                 "count", (json_int_t)e->count, "weight", e->weight, "evidence",
	                 iv_view_evidence_json(g, e));
}

json_t *iv_view_measures_json(const struct iv_graph *g, const struct iv_graph_measures *m,
                              const struct iv_graph_communities *c, uint32_t v)
{
	json_t *j = iv_view_node_json(g, v);

	if (!j)
		return NULL;
	json_object_set_new(j, "degree", json_integer((json_int_t)m->degree[v]));
	json_object_set_new(j, "strength", json_real(m->strength[v]));
	json_object_set_new(j, "betweenness", json_real(m->betweenness[v]));
	json_object_set_new(j, "betweenness_norm", json_real(m->betweenness_norm[v]));
	json_object_set_new(j, "closeness", json_real(m->closeness[v]));
	json_object_set_new(j, "pagerank", json_real(m->pagerank[v]));
	json_object_set_new(j, "eigenvector", json_real(m->eigenvector[v]));
	json_object_set_new(j, "coreness", json_integer(m->coreness[v]));
	json_object_set_new(j, "community", json_integer(c ? c->membership[v] : -1));
	if (c)
		json_object_set_new(j, "role", json_string(iv_graph_role_name(c->role[v])));
	json_object_set_new(j, "articulation", json_boolean(m->articulation[v]));
	return j;
}

json_t *iv_view_community_json(const struct iv_graph *g, const struct iv_graph_communities *c,
                               size_t i)
{
	const struct iv_graph_community *cm = &c->c[i];
	json_t *j = json_pack("{s:I, s:I, s:I, s:f}", "community", (json_int_t)i, "size",
	                      (json_int_t)cm->nmembers, "internal_links",
	                      (json_int_t)cm->internal_edges, "density", cm->density);
	json_t *members = json_array(), *brokers = json_array();

	for (size_t k = 0; members && k < cm->nmembers; k++) {
		json_t *n = iv_view_node_json(g, cm->members[k]);

		json_object_set_new(n, "role",
		                    json_string(iv_graph_role_name(c->role[cm->members[k]])));
		json_array_append_new(members, n);
	}
	for (size_t k = 0; brokers && k < cm->nbrokers; k++)
		json_array_append_new(brokers, json_string(g->nodes[cm->brokers[k]].id));
	json_object_set_new(j, "members", members);
	json_object_set_new(j, "brokers", brokers);
	return j;
}

json_t *iv_view_keyset_json(const struct iv_graph *g, const struct iv_graph_keyset *neg,
                            const struct iv_graph_keyset *pos)
{
	json_t *j = json_pack("{s:I, s:f, s:I, s:I, s:I}", "k", (json_int_t)neg->k, "fragmentation",
	                      neg->fragmentation, "largest_component",
	                      (json_int_t)neg->largest_component, "components",
	                      (json_int_t)neg->components, "reached", (json_int_t)pos->reached);
	json_t *removed = json_array(), *reach = json_array(), *names = json_array();

	for (size_t k = 0; k < neg->k; k++) {
		json_array_append_new(removed, json_string(g->nodes[neg->removed[k]].id));
		json_array_append_new(names, json_string(g->nodes[neg->removed[k]].name));
	}
	for (size_t k = 0; k < pos->k; k++)
		json_array_append_new(reach, json_string(g->nodes[pos->removed[k]].id));
	json_object_set_new(j, "removed", removed);
	json_object_set_new(j, "names", names);
	json_object_set_new(j, "reach", reach);
	return j;
}

/* A date as ISO 8601, or "-" when undated. */
static void date_text(int64_t t, char *out, size_t size)
{
	if (t == IV_GRAPH_UNDATED)
		snprintf(out, size, "-");
	else
		iv_time_format(t, out, size);
}

/* One link between two nodes: kind, count, weight, amount, duration, dates, evidence. */
static json_t *link_json(const struct iv_graph *g, const struct iv_graph_edge *e)
{
	char first[32], last[32];

	date_text(e->first, first, sizeof(first));
	date_text(e->last, last, sizeof(last));
	return json_pack("{s:s, s:I, s:f, s:f, s:f, s:s, s:s, s:o}", "kind",
	                 iv_graph_link_name((enum iv_graph_link)e->kind), "count",
	                 (json_int_t)e->count, "weight", e->weight, "amount", e->amount, "duration",
	                 e->duration, "first", first, "last", last, "evidence",
	                 iv_view_evidence_json(g, e));
}

json_t *iv_view_hop_json(const struct iv_graph *g, uint32_t a, uint32_t b)
{
	json_t *links = json_array();

	for (size_t k = g->adj_off[a]; links && k < g->adj_off[a + 1]; k++)
		if (g->adj[k].node == b)
			json_array_append_new(links, link_json(g, &g->edges[g->adj[k].edge]));
	return json_pack("{s:s, s:s, s:o}", "from", g->nodes[a].id, "to", g->nodes[b].id, "links",
	                 links);
}

json_t *iv_view_path_json(const struct iv_graph *g, const struct iv_graph_path *p)
{
	json_t *nodes = json_array(), *hops = json_array();

	for (size_t k = 0; k <= p->len; k++)
		json_array_append_new(nodes, iv_view_node_json(g, p->nodes[k]));
	for (size_t k = 0; k < p->len; k++)
		json_array_append_new(hops, iv_view_hop_json(g, p->nodes[k], p->nodes[k + 1]));
	return json_pack("{s:I, s:o, s:o}", "length", (json_int_t)p->len, "nodes", nodes, "hops",
	                 hops);
}

json_t *iv_view_graph_json(const struct iv_graph *g)
{
	json_t *nodes = json_array(), *edges = json_array();

	for (size_t v = 0; nodes && v < g->nnodes; v++) {
		json_t *n = iv_view_node_json(g, (uint32_t)v);
		json_object_set_new(n, "degree",
		                    json_integer((json_int_t)(g->adj_off[v + 1] - g->adj_off[v])));
		json_array_append_new(nodes, n);
	}
	for (size_t e = 0; edges && e < g->nedges; e++)
		json_array_append_new(edges, iv_view_edge_json(g, &g->edges[e]));
	return json_pack("{s:o, s:o}", "nodes", nodes, "edges", edges);
}

static int by_betweenness(const void *x, const void *y, void *ctx)
{
	const struct iv_graph_measures *m = ctx;
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	double d = m->betweenness[b] - m->betweenness[a];

	if (d != 0)
		return d > 0 ? 1 : -1;
	return (a > b) - (a < b);
}

uint32_t *iv_view_by_betweenness(const struct iv_graph_measures *m, size_t n)
{
	uint32_t *order = iv_malloc((n + 1) * sizeof(*order));

	if (!order)
		return NULL;
	for (size_t v = 0; v < n; v++)
		order[v] = (uint32_t)v;
	qsort_r(order, n, sizeof(*order), by_betweenness, (void *)m);
	return order;
}
