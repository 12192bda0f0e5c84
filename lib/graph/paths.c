/*
 * paths.c - paths between two nodes and ego networks (include/iv/graph.h).
 *
 * The path searches walk the finished graph's adjacency directly rather
 * than call igraph_get_all_shortest_paths and igraph_get_all_simple_paths:
 * those build every path before returning any (the first keeps every
 * shortest path to every node nearer than the target, the second every
 * simple path from the source up to the cutoff, wherever it ends), which
 * on a network of a million edges runs out of memory long before the cap
 * an analyst asks for applies.  Here:
 *  - shortest paths: a breadth-first search from a that stops at b's
 *    level, counting paths as it goes (so `truncated` is exact), then a
 *    walk back from b along edges that go one level down, which never
 *    meets a dead end, up to max_paths paths;
 *  - all paths: a breadth-first search from b gives each node's distance
 *    to b; then depth-first searches from a for paths of exactly L hops,
 *    L = the distance, then one more ..., up to max_len, never entering a
 *    node from which b is further than the hops left.  Shortest first
 *    falls out of the order, and the search stops at the cap.
 * The unit test checks both against igraph's functions on real networks.
 *
 * The ego network uses igraph_neighborhood on the cached simple graph.
 *
 * A finished graph lists each node's neighbours in ascending order with
 * the kinds of one pair next to each other, so a neighbour equal to the
 * one before it is skipped as the same tie.
 */
#include <stdlib.h>
#include <string.h>

#include "graph/graph_int.h"

#define GR_MAX_PATHS  100
#define GR_EGO_NODES  500
#define GR_PATHS_WORK 50000000.0 /* steps of an all-paths search before it gives up */

void iv_graph_paths_release(struct iv_graph_paths *p)
{
	if (!p)
		return;
	for (size_t i = 0; p->p && i < p->n; i++)
		iv_free(p->p[i].nodes);
	iv_free(p->p);
	memset(p, 0, sizeof(*p));
}

/* True when entry k of the adjacency repeats the neighbour before it (another kind). */
static bool gr_repeat(const struct iv_graph *g, size_t v, size_t k)
{
	return k > g->adj_off[v] && g->adj[k - 1].node == g->adj[k].node;
}

static IV_MUST_USE enum iv_err gr_check_ends(const struct iv_graph *g, uint32_t a, uint32_t b,
                                             struct iv_buf *err)
{
	enum iv_err rc = gr_check_finished(g, err);

	if (rc)
		return rc;
	if (a >= g->nnodes)
		return iv_seterr(err, IV_ERR_INVALID, "no node %u (the network has %zu)", a,
		                 g->nnodes);
	if (b >= g->nnodes)
		return iv_seterr(err, IV_ERR_INVALID, "no node %u (the network has %zu)", b,
		                 g->nnodes);
	return IV_OK;
}

/* Append a path of len hops (nodes copied) to out, growing it by doubling. */
static IV_MUST_USE enum iv_err gr_add_path(struct iv_graph_paths *out, size_t *alloc,
                                           const uint32_t *nodes, size_t len)
{
	struct iv_graph_path *p;

	if (out->n == *alloc) {
		size_t want = *alloc ? *alloc * 2 : 8;
		struct iv_graph_path *q = iv_realloc(out->p, want * sizeof(*q));

		if (!q)
			return IV_ERR_NOMEM;
		out->p = q;
		*alloc = want;
	}
	p = &out->p[out->n];
	p->nodes = iv_malloc((len + 1) * sizeof(*p->nodes));
	if (!p->nodes)
		return IV_ERR_NOMEM;
	memcpy(p->nodes, nodes, (len + 1) * sizeof(*nodes));
	p->len = len;
	out->n++;
	return IV_OK;
}

/*
 * Breadth-first distances from src: dist[v] = hops (dist all UINT32_MAX
 * on entry; unreached nodes keep it).  Nodes `limit` or more hops away are
 * not expanded; once target is found the limit drops to its distance, so
 * every node nearer than the target is expanded and no node beyond.
 * With count, count[v] gets the number of shortest paths from src to v
 * (complete for the nodes up to the limit).
 */
static void gr_bfs(const struct iv_graph *g, uint32_t src, uint32_t target, uint32_t limit,
                   uint32_t *dist, uint32_t *queue, double *count)
{
	size_t head = 0, tail = 0;

	dist[src] = 0;
	if (count)
		count[src] = 1;
	if (src == target)
		return;
	queue[tail++] = src;
	while (head < tail) {
		uint32_t v = queue[head++];

		if (dist[v] >= limit)
			break;
		for (size_t k = g->adj_off[v]; k < g->adj_off[v + 1]; k++) {
			uint32_t u = g->adj[k].node;

			if (gr_repeat(g, v, k))
				continue;
			if (dist[u] == UINT32_MAX) {
				dist[u] = dist[v] + 1;
				queue[tail++] = u;
				if (u == target)
					limit = dist[u];
			}
			if (count && dist[u] == dist[v] + 1)
				count[u] += count[v];
		}
	}
}

/* Scratch of the path searches. */
struct gr_walk {
	uint32_t *dist, *queue, *path;
	size_t *cursor;
	double *count;
};

static IV_MUST_USE enum iv_err gr_walk_init(struct gr_walk *w, size_t n, bool count)
{
	memset(w, 0, sizeof(*w));
	w->dist = iv_malloc((n + 1) * sizeof(*w->dist));
	w->queue = iv_malloc((n + 1) * sizeof(*w->queue));
	w->path = iv_malloc((n + 1) * sizeof(*w->path));
	w->cursor = iv_malloc((n + 1) * sizeof(*w->cursor));
	w->count = count ? iv_calloc((n + 1) * sizeof(*w->count)) : NULL;
	if (!w->dist || !w->queue || !w->path || !w->cursor || (count && !w->count))
		return IV_ERR_NOMEM;
	memset(w->dist, 0xff, (n + 1) * sizeof(*w->dist));
	return IV_OK;
}

static void gr_walk_release(struct gr_walk *w)
{
	iv_free(w->count);
	iv_free(w->cursor);
	iv_free(w->path);
	iv_free(w->queue);
	iv_free(w->dist);
}

enum iv_err iv_graph_shortest_paths(const struct iv_graph *g, uint32_t a, uint32_t b,
                                    size_t max_paths, struct iv_graph_paths *out,
                                    struct iv_buf *err)
{
	struct gr_walk w;
	size_t alloc = 0, depth, len;
	enum iv_err rc;

	memset(out, 0, sizeof(*out));
	rc = gr_check_ends(g, a, b, err);
	if (rc)
		return rc;
	if (!max_paths)
		max_paths = GR_MAX_PATHS;
	if (gr_walk_init(&w, g->nnodes, true))
		goto nomem;
	gr_bfs(g, a, b, UINT32_MAX, w.dist, w.queue, w.count);
	if (w.dist[b] == UINT32_MAX)
		goto out; /* not connected: no path, and no error */
	len = w.dist[b];
	out->truncated = w.count[b] > (double)max_paths;
	/* walk back from b: path[d] is the node d hops from a, cursor[d] its next entry */
	w.path[len] = b;
	w.cursor[len] = g->adj_off[b];
	depth = len;
	while (out->n < max_paths) {
		uint32_t v = w.path[depth];
		size_t k;

		if (depth == 0) { /* reached a: a whole path */
			if (gr_add_path(out, &alloc, w.path, len))
				goto nomem;
			if (len == 0)
				break;
			depth++;
			continue;
		}
		if (w.cursor[depth] >= g->adj_off[v + 1]) {
			if (depth == len)
				break; /* every path seen */
			depth++;
			continue;
		}
		k = w.cursor[depth]++;
		if (gr_repeat(g, v, k) || w.dist[g->adj[k].node] != depth - 1)
			continue;
		depth--;
		w.path[depth] = g->adj[k].node;
		w.cursor[depth] = g->adj_off[w.path[depth]];
	}
	goto out;
nomem:
	rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory finding paths");
out:
	gr_walk_release(&w);
	if (rc)
		iv_graph_paths_release(out);
	return rc;
}

/*
 * Depth-first search for simple paths of exactly len hops from path[0] to
 * b, pruned by w->dist (distances to b).  Adds them to out until it holds
 * max_paths; one more sets truncated and ends the search.  *work counts
 * adjacency steps; past GR_PATHS_WORK the search also stops, truncated.
 */
static IV_MUST_USE enum iv_err gr_paths_of(const struct iv_graph *g, struct gr_walk *w,
                                           bool *onpath, uint32_t b, size_t len, size_t max_paths,
                                           double *work, struct iv_graph_paths *out, size_t *alloc)
{
	size_t depth = 0;
	enum iv_err rc = IV_OK;

	onpath[w->path[0]] = true;
	w->cursor[0] = g->adj_off[w->path[0]];
	for (;;) {
		uint32_t v = w->path[depth], u;
		size_t k;

		/* at b the path ends (the search only gets there in len hops) */
		if (v == b || w->cursor[depth] >= g->adj_off[v + 1]) {
			if (v == b && depth == len) {
				if (out->n == max_paths) {
					out->truncated = true;
					break;
				}
				rc = gr_add_path(out, alloc, w->path, len);
				if (rc)
					break;
			}
			onpath[v] = false;
			if (depth == 0)
				return IV_OK;
			depth--;
			continue;
		}
		if (++*work > GR_PATHS_WORK) {
			out->truncated = true;
			break;
		}
		k = w->cursor[depth]++;
		u = g->adj[k].node;
		if (gr_repeat(g, v, k) || onpath[u] || w->dist[u] == UINT32_MAX ||
		    depth + 1 + w->dist[u] > len || (u == b && depth + 1 != len))
			continue;
		depth++;
		w->path[depth] = u;
		w->cursor[depth] = g->adj_off[u];
		onpath[u] = true;
	}
	/* stopped early: clear the marks of the path still open */
	for (size_t d = 0; d <= depth; d++)
		onpath[w->path[d]] = false;
	return rc;
}

enum iv_err iv_graph_all_paths(const struct iv_graph *g, uint32_t a, uint32_t b, size_t max_len,
                               size_t max_paths, struct iv_graph_paths *out, struct iv_buf *err)
{
	struct gr_walk w;
	bool *onpath = NULL;
	size_t alloc = 0;
	double work = 0;
	enum iv_err rc;

	memset(out, 0, sizeof(*out));
	rc = gr_check_ends(g, a, b, err);
	if (rc)
		return rc;
	if (!max_paths)
		max_paths = GR_MAX_PATHS;
	if (max_len >= g->nnodes) /* a simple path has fewer hops than there are nodes */
		max_len = g->nnodes - 1;
	if (gr_walk_init(&w, g->nnodes, false) || !(onpath = iv_calloc(g->nnodes + 1)))
		goto nomem;
	gr_bfs(g, b, UINT32_MAX, (uint32_t)max_len, w.dist, w.queue, NULL);
	w.path[0] = a;
	for (size_t len = w.dist[a]; w.dist[a] != UINT32_MAX && len <= max_len; len++) {
		rc = gr_paths_of(g, &w, onpath, b, len, max_paths, &work, out, &alloc);
		if (rc)
			goto nomem;
		if (out->truncated)
			break;
	}
	goto out;
nomem:
	rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory finding paths");
out:
	iv_free(onpath);
	gr_walk_release(&w);
	if (rc)
		iv_graph_paths_release(out);
	return rc;
}

/* ---- ego networks ------------------------------------------------------------------- */

struct gr_near {
	uint32_t node, hops;
	double strength;
};

/* Nearer first, then the heavier ties, then the lower index. */
static int gr_by_nearness(const void *x, const void *y)
{
	const struct gr_near *p = x, *q = y;

	if (p->hops != q->hops)
		return p->hops < q->hops ? -1 : 1;
	if (p->strength != q->strength)
		return p->strength > q->strength ? -1 : 1;
	return (p->node > q->node) - (p->node < q->node);
}

/*
 * The nodes near center, nearest first, into *near / *count: within
 * `hops`, but no farther than the first ring that takes the count past
 * max_nodes, since nothing beyond it can be kept.  igraph_neighborhood
 * lists a neighbourhood in breadth-first order, so asking for one more
 * hop at a time gives each ring's end; a hub's ego network then costs its
 * first ring, not three hops of the whole network.
 */
static IV_MUST_USE enum iv_err gr_neighbourhood(const struct iv_graph *g, uint32_t center,
                                                size_t hops, size_t max_nodes,
                                                struct gr_near **near, size_t *count,
                                                struct iv_buf *err)
{
	const struct gr_simple *s = NULL;
	igraph_vector_int_list_t res;
	igraph_vector_int_t *list = NULL;
	size_t len = 1;
	igraph_error_t irc;
	enum iv_err rc;

	*count = 0;
	*near = iv_malloc(sizeof(**near));
	if (!*near)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory finding the ego network");
	(*near)[0] = (struct gr_near){center, 0, 0};
	gr_lock();
	rc = gr_simple_get(g, &s, err);
	if (rc) {
		gr_unlock();
		return rc;
	}
	irc = igraph_vector_int_list_init(&res, 0);
	if (irc) {
		rc = gr_igraph_err(err, irc, "ego network");
		gr_unlock();
		return rc;
	}
	for (size_t h = 1; h <= hops && len <= max_nodes; h++) {
		size_t was = len;
		struct gr_near *grown;

		irc = igraph_neighborhood(&s->ig, &res, igraph_vss_1(center), (igraph_integer_t)h,
		                          IGRAPH_ALL, 0);
		if (irc) {
			rc = gr_igraph_err(err, irc, "ego network");
			goto out;
		}
		list = igraph_vector_int_list_get_ptr(&res, 0);
		len = (size_t)igraph_vector_int_size(list);
		if (len == was)
			break; /* the component is exhausted */
		grown = iv_realloc(*near, len * sizeof(**near));
		if (!grown) {
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory finding the ego network");
			goto out;
		}
		*near = grown;
		for (size_t i = was; i < len; i++)
			(*near)[i] = (struct gr_near){(uint32_t)VECTOR(*list)[i], (uint32_t)h, 0};
	}
	*count = len;
out:
	igraph_vector_int_list_destroy(&res);
	gr_unlock();
	return rc;
}

/* Sift the weakest of a min-heap (by gr_by_nearness, reversed) down from i. */
static void gr_sift(struct gr_near *heap, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		struct gr_near t;

		if (l < n && gr_by_nearness(&heap[l], &heap[m]) > 0)
			m = l;
		if (r < n && gr_by_nearness(&heap[r], &heap[m]) > 0)
			m = r;
		if (m == i)
			return;
		t = heap[i];
		heap[i] = heap[m];
		heap[m] = t;
		i = m;
	}
}

/*
 * Move the `want` best of ring[0..n) (by gr_by_nearness) to its front in
 * O(n log want): a heap of the best so far, its worst at the root.
 */
static void gr_select(struct gr_near *ring, size_t n, size_t want)
{
	if (want >= n)
		return;
	for (size_t i = want / 2; i-- > 0;)
		gr_sift(ring, want, i);
	for (size_t i = want; i < n; i++)
		if (want && gr_by_nearness(&ring[i], &ring[0]) < 0) {
			struct gr_near t = ring[0];

			ring[0] = ring[i];
			ring[i] = t;
			gr_sift(ring, want, 0);
		}
}

enum iv_err iv_graph_ego(const struct iv_graph *g, uint32_t center, size_t hops, size_t max_nodes,
                         struct iv_graph **out, struct iv_buf *err)
{
	struct gr_near *near = NULL;
	uint32_t *nodes = NULL;
	size_t len = 0, keep, ring;
	enum iv_err rc;

	*out = NULL;
	rc = gr_check_ends(g, center, center, err);
	if (rc)
		return rc;
	if (!max_nodes)
		max_nodes = GR_EGO_NODES;
	rc = gr_neighbourhood(g, center, hops, max_nodes, &near, &len, err);
	if (rc)
		goto out;
	/* the strength of each node: the weight of all its ties, of every kind */
	for (size_t i = 0; i < len; i++)
		near[i].strength = g->strength[near[i].node];
	keep = len < max_nodes ? len : max_nodes;
	/* only the last ring can be cut: keep its heaviest */
	for (ring = len; ring > 0 && near[ring - 1].hops == near[len - 1].hops;)
		ring--;
	if (keep > ring)
		gr_select(near + ring, len - ring, keep - ring);
	/* the center stays first: it alone is 0 hops away */
	qsort(near, keep, sizeof(*near), gr_by_nearness);
	nodes = iv_malloc((keep + 1) * sizeof(*nodes));
	if (!nodes) {
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory finding the ego network");
		goto out;
	}
	for (size_t i = 0; i < keep; i++)
		nodes[i] = near[i].node;
	rc = iv_graph_subgraph(g, nodes, keep, out, err);
out:
	iv_free(nodes);
	iv_free(near);
	return rc;
}
