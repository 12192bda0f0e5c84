/*
 * graph.c - the projection's container: nodes interned by id, events
 * merged into typed edges, the adjacency, subgraphs (include/iv/graph.h).
 *
 * Events are collected in a flat array and merged at finish by one sort
 * on (a, b, kind), so building costs O(E log E) with no per-edge lookup
 * while the store is streamed.  Strings live in one arena.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph_int.h" /* struct iv_graph_priv */

static const char *const link_names[IV_LINK_NKINDS] = {
        "call",         "payment",   "associate", "family",   "membership", "employment",
        "directorship", "ownership", "other",     "selector", "journey",    "cotravel",
};

const char *iv_graph_link_name(enum iv_graph_link kind)
{
	return (unsigned)kind < IV_LINK_NKINDS ? link_names[kind] : NULL;
}

int iv_graph_link_parse(const char *word)
{
	return word ? iv_graph_link_parse_n(word, strlen(word)) : -1;
}

int iv_graph_link_parse_n(const char *word, size_t n)
{
	for (int i = 0; word && i < IV_LINK_NKINDS; i++)
		if (strlen(link_names[i]) == n && memcmp(word, link_names[i], n) == 0)
			return i;
	return -1;
}

enum iv_err iv_graph_kinds_parse(const char *list, unsigned *mask, const char **bad,
                                 size_t *bad_len)
{
	*mask = 0;
	for (const char *w = list ? list : "";; w++) {
		size_t n = strcspn(w, ",");
		int k = iv_graph_link_parse_n(w, n);

		if (k < 0) {
			if (bad)
				*bad = w;
			if (bad_len)
				*bad_len = n;
			*mask = 0;
			return IV_ERR_INVALID;
		}
		*mask |= 1u << k;
		w += n;
		if (!*w)
			return IV_OK;
	}
}

enum iv_err iv_graph_new(struct iv_graph **out, struct iv_buf *err)
{
	struct iv_graph *g = iv_calloc(sizeof(*g));

	*out = NULL;
	if (!g || !(g->priv = iv_calloc(sizeof(*g->priv)))) {
		iv_free(g);
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	}
	*out = g;
	return IV_OK;
}

void iv_graph_free(struct iv_graph *g)
{
	if (!g)
		return;
	if (g->priv) {
		if (g->priv->ig_free)
			g->priv->ig_free(g->priv->ig);
		iv_arena_release(&g->priv->arena);
		iv_map_release(&g->priv->ids);
		iv_free(g->priv->events);
		iv_free(g->priv);
	}
	iv_free(g->nodes);
	iv_free(g->edges);
	iv_free(g->evidence);
	iv_free(g->adj_off);
	iv_free(g->strength);
	iv_free(g->adj);
	iv_free(g);
}

static IV_MUST_USE enum iv_err nomem(struct iv_buf *err)
{
	return iv_seterr(err, IV_ERR_NOMEM, "out of memory building the network");
}

enum iv_err iv_graph_node(struct iv_graph *g, const char *id, const char *name, const char *schema,
                          uint32_t *index, struct iv_buf *err)
{
	struct iv_graph_priv *pv = g->priv;
	void *v;
	struct iv_graph_node *nd;

	if (g->finished)
		return iv_seterr(err, IV_ERR_INTERNAL, "the network is finished");
	if (!id || !*id)
		return iv_seterr(err, IV_ERR_INVALID, "a node needs an id");
	v = iv_map_get(&pv->ids, id);
	if (v) {
		*index = (uint32_t)((uintptr_t)v - 1);
		nd = &g->nodes[*index];
		/* a later mention may name (or type) a node first seen as a bare reference */
		if (name && *name && !*nd->name && !(nd->name = iv_arena_strdup(&pv->arena, name)))
			return nomem(err);
		if (schema && *schema && !*nd->schema &&
		    !(nd->schema = iv_arena_strdup(&pv->arena, schema)))
			return nomem(err);
		return IV_OK;
	}
	if (g->nnodes >= UINT32_MAX - 1)
		return iv_seterr(err, IV_ERR_TOOBIG, "more than 4 billion nodes");
	if (iv_array_grow(&g->nodes, &pv->nodes_alloc, g->nnodes + 1, sizeof(*g->nodes), 64))
		return nomem(err);
	nd = &g->nodes[g->nnodes];
	nd->id = iv_arena_strdup(&pv->arena, id);
	nd->name = iv_arena_strdup(&pv->arena, name ? name : "");
	nd->schema = iv_arena_strdup(&pv->arena, schema ? schema : "");
	if (!nd->id || !nd->name || !nd->schema ||
	    iv_map_put(&pv->ids, nd->id, (void *)(uintptr_t)(g->nnodes + 1)))
		return nomem(err);
	*index = (uint32_t)g->nnodes++;
	return IV_OK;
}

long iv_graph_find(const struct iv_graph *g, const char *id)
{
	void *v = id ? iv_map_get(&g->priv->ids, id) : NULL;

	return v ? (long)((uintptr_t)v - 1) : -1;
}

enum iv_err iv_graph_event(struct iv_graph *g, const struct iv_graph_event *ev, struct iv_buf *err)
{
	struct iv_graph_priv *pv = g->priv;

	if (g->finished)
		return iv_seterr(err, IV_ERR_INTERNAL, "the network is finished");
	if (ev->a >= g->nnodes || ev->b >= g->nnodes || (unsigned)ev->kind >= IV_LINK_NKINDS ||
	    ev->nevidence > 4)
		return iv_seterr(err, IV_ERR_INVALID, "an event names an unknown node or kind");
	if (iv_array_grow(&pv->events, &pv->events_alloc, pv->nevents + 1, sizeof(*pv->events), 64))
		return nomem(err);
	pv->events[pv->nevents++] = *ev;
	return IV_OK;
}

/* Events ordered by their edge: (low end, high end, kind). */
static int by_edge(const void *x, const void *y)
{
	const struct iv_graph_event *p = x, *q = y;
	uint32_t pa = p->a < p->b ? p->a : p->b, pb = p->a < p->b ? p->b : p->a;
	uint32_t qa = q->a < q->b ? q->a : q->b, qb = q->a < q->b ? q->b : q->a;

	if (pa != qa)
		return pa < qa ? -1 : 1;
	if (pb != qb)
		return pb < qb ? -1 : 1;
	return (p->kind > q->kind) - (p->kind < q->kind);
}

static IV_MUST_USE enum iv_err build_adjacency(struct iv_graph *g, struct iv_buf *err)
{
	size_t *fill;

	g->adj_off = iv_calloc((g->nnodes + 1) * sizeof(*g->adj_off));
	g->adj = iv_malloc((2 * g->nedges + 1) * sizeof(*g->adj));
	g->strength = iv_calloc((g->nnodes + 1) * sizeof(*g->strength));
	fill = iv_calloc((g->nnodes + 1) * sizeof(*fill));
	if (!g->adj_off || !g->adj || !g->strength || !fill) {
		iv_free(fill);
		return nomem(err);
	}
	for (size_t e = 0; e < g->nedges; e++) {
		g->adj_off[g->edges[e].a + 1]++;
		g->adj_off[g->edges[e].b + 1]++;
		g->strength[g->edges[e].a] += g->edges[e].weight;
		g->strength[g->edges[e].b] += g->edges[e].weight;
	}
	for (size_t v = 0; v < g->nnodes; v++)
		g->adj_off[v + 1] += g->adj_off[v];
	for (size_t e = 0; e < g->nedges; e++) {
		uint32_t a = g->edges[e].a, b = g->edges[e].b;

		g->adj[g->adj_off[a] + fill[a]++] = (struct iv_graph_adj){b, (uint32_t)e};
		g->adj[g->adj_off[b] + fill[b]++] = (struct iv_graph_adj){a, (uint32_t)e};
	}
	iv_free(fill);
	return IV_OK;
}

/* One more event of edge ed (the same ends and kind): counts, sums, direction,
 * dates and evidence. */
static void merge_event(struct iv_graph *g, struct iv_graph_edge *ed,
                        const struct iv_graph_event *x)
{
	ed->count++;
	ed->weight += x->weight;
	ed->amount += x->amount;
	ed->duration += x->duration;
	if (x->directed)
		ed->dir |= x->a == ed->a ? 1 : 2;
	if (x->date != IV_GRAPH_UNDATED) {
		if (ed->first == IV_GRAPH_UNDATED || x->date < ed->first)
			ed->first = x->date;
		if (ed->last == IV_GRAPH_UNDATED || x->date > ed->last)
			ed->last = x->date;
	}
	for (unsigned k = 0; k < x->nevidence; k++)
		g->evidence[g->nevidence++] = x->evidence[k];
}

/* The sorted events merged into edges, one per (a, b, kind); self-loops counted
 * and left out.  g->edges and g->evidence have room for all. */
static void merge_events(struct iv_graph *g)
{
	const struct iv_graph_priv *pv = g->priv;
	size_t i = 0;

	while (i < pv->nevents) {
		const struct iv_graph_event *ev = &pv->events[i];
		struct iv_graph_edge *ed;
		size_t j = i;

		if (ev->a == ev->b) {
			g->self_loops++;
			i++;
			continue;
		}
		ed = &g->edges[g->nedges++];
		memset(ed, 0, sizeof(*ed));
		ed->a = ev->a < ev->b ? ev->a : ev->b;
		ed->b = ev->a < ev->b ? ev->b : ev->a;
		ed->kind = (uint8_t)ev->kind;
		ed->first = ed->last = IV_GRAPH_UNDATED;
		ed->ev_off = (uint32_t)g->nevidence;
		for (; j < pv->nevents && by_edge(&pv->events[j], ev) == 0; j++)
			merge_event(g, ed, &pv->events[j]);
		ed->ev_n = (uint32_t)(g->nevidence - ed->ev_off);
		i = j;
	}
}

enum iv_err iv_graph_finish(struct iv_graph *g, struct iv_buf *err)
{
	struct iv_graph_priv *pv = g->priv;
	size_t nev = 0;

	if (g->finished)
		return IV_OK;
	/* edges and evidence are addressed with 32 bits */
	for (size_t k = 0; k < pv->nevents; k++)
		nev += pv->events[k].nevidence;
	if (pv->nevents >= UINT32_MAX || nev >= UINT32_MAX)
		return iv_seterr(err, IV_ERR_TOOBIG,
		                 "more than 4 billion links or evidence statements in one network");
	if (pv->nevents) /* qsort's array may not be NULL, even when empty */
		qsort(pv->events, pv->nevents, sizeof(*pv->events), by_edge);
	g->evidence = iv_malloc((nev + 1) * sizeof(*g->evidence));
	g->edges = iv_malloc((pv->nevents + 1) * sizeof(*g->edges));
	if (!g->evidence || !g->edges)
		return nomem(err);
	merge_events(g);
	iv_free(pv->events);
	pv->events = NULL;
	pv->nevents = pv->events_alloc = 0;
	if (build_adjacency(g, err))
		return IV_ERR_NOMEM;
	g->finished = true;
	return IV_OK;
}

/* Edges ordered by (a, b, kind), as finish leaves them. */
static int by_ends(const void *x, const void *y)
{
	const struct iv_graph_edge *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	if (p->b != q->b)
		return p->b < q->b ? -1 : 1;
	return (p->kind > q->kind) - (p->kind < q->kind);
}

/*
 * The chosen nodes into s, in their order; local[v] gets node v's index
 * in s, UINT32_MAX for the nodes not chosen.
 */
static IV_MUST_USE enum iv_err sub_nodes(const struct iv_graph *g, const uint32_t *nodes, size_t n,
                                         struct iv_graph *s, uint32_t *local, struct iv_buf *err)
{
	enum iv_err rc = IV_OK;

	for (size_t v = 0; v < g->nnodes; v++)
		local[v] = UINT32_MAX;
	for (size_t i = 0; !rc && i < n; i++) {
		const struct iv_graph_node *nd;
		uint32_t idx = 0;

		if (nodes[i] >= g->nnodes)
			return iv_seterr(err, IV_ERR_INVALID, "no node %u", nodes[i]);
		nd = &g->nodes[nodes[i]];
		rc = iv_graph_node(s, nd->id, nd->name, nd->schema, &idx, err);
		local[nodes[i]] = idx;
	}
	return rc;
}

/*
 * Whether entry k of chosen node from's adjacency is an edge the subgraph
 * takes.  Each edge among the chosen nodes is taken once, from its lower
 * end (edges have a < b).  The neighbour is read from the adjacency list,
 * so that an edge (far away in memory) is read only when both its ends
 * are chosen.
 */
static bool sub_takes(const struct iv_graph *g, const uint32_t *local, uint32_t from, size_t k)
{
	uint32_t w = g->adj[k].node;

	return w > from && local[w] != UINT32_MAX;
}

/* How many edges, and evidence statements, the subgraph holds. */
static void sub_count(const struct iv_graph *g, const uint32_t *nodes, size_t n,
                      const uint32_t *local, size_t *nedges, size_t *nev)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = g->adj_off[nodes[i]]; k < g->adj_off[nodes[i] + 1]; k++)
			if (sub_takes(g, local, nodes[i], k)) {
				(*nedges)++;
				*nev += g->edges[g->adj[k].edge].ev_n;
			}
}

/* The edges among the chosen nodes, with their evidence, into s (sized by sub_count). */
static void sub_copy_edges(const struct iv_graph *g, const uint32_t *nodes, size_t n,
                           const uint32_t *local, struct iv_graph *s)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = g->adj_off[nodes[i]]; k < g->adj_off[nodes[i] + 1]; k++) {
			const struct iv_graph_edge *ed;
			struct iv_graph_edge *ne;

			if (!sub_takes(g, local, nodes[i], k))
				continue;
			ed = &g->edges[g->adj[k].edge];
			ne = &s->edges[s->nedges++];
			*ne = *ed;
			ne->a = local[ed->a];
			ne->b = local[ed->b];
			if (ne->a > ne->b) { /* keep a < b; the direction bits swap with the ends */
				ne->a = local[ed->b];
				ne->b = local[ed->a];
				ne->dir = (uint8_t)(((ed->dir & 1) << 1) | ((ed->dir & 2) >> 1));
			}
			ne->ev_off = (uint32_t)s->nevidence;
			memcpy(s->evidence + s->nevidence, g->evidence + ed->ev_off,
			       ed->ev_n * sizeof(*g->evidence));
			s->nevidence += ed->ev_n;
		}
}

enum iv_err iv_graph_subgraph(const struct iv_graph *g, const uint32_t *nodes, size_t n,
                              struct iv_graph **out, struct iv_buf *err)
{
	struct iv_graph *s = NULL;
	uint32_t *local = NULL;
	size_t nedges = 0, nev = 0;
	enum iv_err rc;

	*out = NULL;
	if (!g->finished)
		return iv_seterr(err, IV_ERR_INTERNAL, "the network is not finished");
	rc = iv_graph_new(&s, err);
	if (rc)
		return rc;
	s->evidence_name = g->evidence_name;
	s->evidence_ctx = g->evidence_ctx;
	local = iv_malloc((g->nnodes + 1) * sizeof(*local));
	if (!local) {
		rc = nomem(err);
		goto out;
	}
	rc = sub_nodes(g, nodes, n, s, local, err);
	if (rc)
		goto out;
	sub_count(g, nodes, n, local, &nedges, &nev);
	s->edges = iv_malloc((nedges + 1) * sizeof(*s->edges));
	s->evidence = iv_malloc((nev + 1) * sizeof(*s->evidence));
	if (!s->edges || !s->evidence) {
		rc = nomem(err);
		goto out;
	}
	sub_copy_edges(g, nodes, n, local, s);
	/* each edge keeps its own evidence range, so sorting the edges needs no copying */
	qsort(s->edges, s->nedges, sizeof(*s->edges), by_ends);
	rc = build_adjacency(s, err);
	if (!rc)
		s->finished = true;
out:
	iv_free(local);
	if (rc)
		iv_graph_free(s);
	else
		*out = s;
	return rc;
}

void iv_graph_evidence_text(const struct iv_graph *g, int64_t statement, char *out, size_t size)
{
	if (!size)
		return;
	if (g->evidence_name)
		g->evidence_name(g->evidence_ctx, statement, out, size);
	else
		snprintf(out, size, "%lld", (long long)statement);
}
