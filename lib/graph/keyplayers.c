/*
 * keyplayers.c - Borgatti's key players (include/iv/graph.h): the nodes
 * whose removal fragments the network most (KPP-Neg), and the nodes that
 * reach most others in one step (KPP-Pos), with the fragmentation measure
 * itself.
 *
 * Fragmentation F = 1 - sum s(s-1) / (n(n-1)) is computed with igraph in
 * iv_graph_fragmentation.  The KPP-Neg search needs it for every
 * candidate at every step, and recomputing components per candidate would
 * cost O(candidates * (n + m)) a step, which is why Borgatti's own search
 * and simple ports of it try only a short list of candidates on large
 * networks.  Here one depth-first search of the network left (Hopcroft
 * and Tarjan's low points) gives, for every node at once, the pieces its
 * component breaks into when it is removed: the subtrees of the children
 * whose low point does not reach above it, and the rest.  So each step
 * weighs every node as a candidate in O(n + m), and no shortlist is
 * needed.
 *
 * The search, for k = 1 .. kmax in turn: start from the set found for
 * k - 1 and add the node that leaves the smallest sum s(s-1) (greedy
 * addition); then swap passes: for each member, put it back and remove
 * instead the best node of the network so restored, when that is strictly
 * better; repeat until a pass changes nothing (at most 10 passes).  Swaps
 * cost one search per member and pass, so they stop when the work
 * (adjacency entries visited) passes GR_SWAP_WORK; the remaining k keep
 * their greedy sets.  Ties go to the higher degree, then the lower index,
 * so the result is deterministic.
 *
 * A finished graph lists each node's neighbours in ascending order with
 * the kinds of one pair next to each other (edges are sorted by (a, b,
 * kind) before the adjacency is built), so a neighbour equal to the one
 * before it is another kind of the same tie and is skipped.
 */
#include <math.h>
#include <string.h>

#include "graph/graph_int.h"

#define GR_SWAP_PASSES 10
#define GR_SWAP_WORK   400000000.0

static double gr_frag(uint64_t q, size_t left)
{
	if (left <= 1) /* nothing or a lone node left: all isolates */
		return 1.0;
	return 1.0 - (double)q / ((double)left * (double)(left - 1));
}

double iv_graph_fragmentation(const struct iv_graph *g, const uint32_t *removed, size_t nremoved,
                              size_t *largest, size_t *components)
{
	const struct gr_simple *s = NULL;
	igraph_vector_int_t keep, csize;
	bool keep_made = false, csize_made = false, sub_made = false;
	igraph_integer_t no = 0;
	igraph_t sub;
	bool *gone = NULL;
	size_t left = 0, big = 0;
	uint64_t q = 0;
	double f = NAN;

	if (largest)
		*largest = 0;
	if (components)
		*components = 0;
	if (!g || !g->finished || !(gone = iv_calloc(g->nnodes + 1)))
		return NAN;
	for (size_t i = 0; i < nremoved; i++) {
		if (removed[i] >= g->nnodes) {
			iv_free(gone);
			return NAN;
		}
		gone[removed[i]] = true;
	}
	gr_lock();
	if (gr_simple_get(g, &s, NULL))
		goto out;
	if (igraph_vector_int_init(&keep, 0))
		goto out;
	keep_made = true;
	if (igraph_vector_int_init(&csize, 0))
		goto out;
	csize_made = true;
	for (size_t v = 0; v < g->nnodes; v++)
		if (!gone[v] && igraph_vector_int_push_back(&keep, (igraph_integer_t)v))
			goto out;
	left = (size_t)igraph_vector_int_size(&keep);
	if (igraph_induced_subgraph(&s->ig, &sub, igraph_vss_vector(&keep), IGRAPH_SUBGRAPH_AUTO))
		goto out;
	sub_made = true;
	if (igraph_connected_components(&sub, NULL, &csize, &no, IGRAPH_WEAK))
		goto out;
	for (igraph_integer_t i = 0; i < no; i++) {
		uint64_t c = (uint64_t)VECTOR(csize)[i];

		q += c * (c - 1);
		if (c > big)
			big = c;
	}
	f = gr_frag(q, left);
	if (largest)
		*largest = big;
	if (components)
		*components = (size_t)no;
out:
	if (sub_made)
		igraph_destroy(&sub);
	if (csize_made)
		igraph_vector_int_destroy(&csize);
	if (keep_made)
		igraph_vector_int_destroy(&keep);
	gr_unlock();
	iv_free(gone);
	return f;
}

/* ---- the KPP-Neg search ----------------------------------------------------------- */

/* The state of one search: the removed set and the depth-first search's arrays. */
struct gr_kp {
	const struct iv_graph *g;
	size_t n;
	bool *gone;       /* removed */
	uint32_t *degree; /* distinct neighbours, for ties */
	uint32_t *disc;   /* discovery time + 1; 0: not yet seen */
	uint32_t *low;    /* low point */
	uint32_t *sub;    /* nodes in the depth-first subtree */
	uint32_t *cut;    /* nodes in the subtrees that removing the node separates */
	uint64_t *pieces; /* sum p(p-1) over those subtrees */
	uint32_t *parent; /* UINT32_MAX at a root */
	size_t *cursor;   /* next adjacency entry to look at */
	uint32_t *stack;  /* the search's path */
	uint32_t *comp;   /* the nodes of the component being searched */
	double work;      /* adjacency entries and nodes visited so far */
};

/* What one search of the network left finds. */
struct gr_kp_eval {
	uint64_t q; /* sum s(s-1) over its components */
	size_t components, largest;
	uint32_t best;   /* the node whose removal leaves the smallest sum; UINT32_MAX: none */
	uint64_t best_q; /* that sum */
};

/* Whether removing v (q falls by drop) beats the best: larger drop, then degree, then index. */
static bool gr_kp_better(const struct gr_kp *kp, const struct gr_kp_eval *ev, uint32_t v,
                         uint64_t drop)
{
	if (ev->best == UINT32_MAX || drop != ev->best_q)
		return ev->best == UINT32_MAX || drop > ev->best_q;
	if (kp->degree[v] != kp->degree[ev->best])
		return kp->degree[v] > kp->degree[ev->best];
	return v < ev->best;
}

/* Search the component of root; adds its figures to ev. */
static void gr_kp_component(struct gr_kp *kp, uint32_t root, uint32_t *time, struct gr_kp_eval *ev)
{
	const struct iv_graph *g = kp->g;
	size_t depth = 0, ncomp = 0;
	uint64_t size, whole;

	kp->stack[depth++] = root;
	kp->parent[root] = UINT32_MAX;
	kp->disc[root] = kp->low[root] = ++*time;
	kp->sub[root] = 1;
	kp->cut[root] = 0;
	kp->pieces[root] = 0;
	kp->cursor[root] = g->adj_off[root];
	kp->comp[ncomp++] = root;
	while (depth) {
		uint32_t v = kp->stack[depth - 1];
		size_t k = kp->cursor[v];

		if (k < g->adj_off[v + 1]) {
			uint32_t u = g->adj[k].node;

			kp->cursor[v] = k + 1;
			kp->work++;
			if (kp->gone[u] || (k > g->adj_off[v] && g->adj[k - 1].node == u) ||
			    u == kp->parent[v])
				continue;
			if (kp->disc[u]) { /* a back edge */
				if (kp->disc[u] < kp->low[v])
					kp->low[v] = kp->disc[u];
				continue;
			}
			kp->parent[u] = v;
			kp->disc[u] = kp->low[u] = ++*time;
			kp->sub[u] = 1;
			kp->cut[u] = 0;
			kp->pieces[u] = 0;
			kp->cursor[u] = g->adj_off[u];
			kp->comp[ncomp++] = u;
			kp->stack[depth++] = u;
			continue;
		}
		/* v is done: hand its subtree to its parent */
		depth--;
		kp->work++;
		if (kp->parent[v] != UINT32_MAX) {
			uint32_t p = kp->parent[v];

			kp->sub[p] += kp->sub[v];
			if (kp->low[v] < kp->low[p])
				kp->low[p] = kp->low[v];
			if (kp->low[v] >= kp->disc[p]) {
				kp->cut[p] += kp->sub[v];
				kp->pieces[p] += (uint64_t)kp->sub[v] * (kp->sub[v] - 1);
			}
		}
	}
	size = ncomp;
	whole = size * (size - 1);
	ev->q += whole;
	ev->components++;
	if (size > ev->largest)
		ev->largest = size;
	/* while searching, best_q holds the drop; gr_kp_eval makes it the sum left */
	for (size_t i = 0; i < ncomp; i++) {
		uint32_t v = kp->comp[i];
		uint64_t rest = size - 1 - kp->cut[v];
		uint64_t drop = whole - kp->pieces[v] - (rest ? rest * (rest - 1) : 0);

		if (gr_kp_better(kp, ev, v, drop)) {
			ev->best = v;
			ev->best_q = drop;
		}
	}
}

/* Search the network without the removed nodes. */
static void gr_kp_eval(struct gr_kp *kp, struct gr_kp_eval *ev)
{
	uint32_t time = 0;

	memset(ev, 0, sizeof(*ev));
	ev->best = UINT32_MAX;
	memset(kp->disc, 0, kp->n * sizeof(*kp->disc));
	for (size_t v = 0; v < kp->n; v++)
		if (!kp->gone[v] && !kp->disc[v])
			gr_kp_component(kp, (uint32_t)v, &time, ev);
	kp->work += (double)kp->n;
	if (ev->best != UINT32_MAX)
		ev->best_q = ev->q - ev->best_q;
}

static void gr_kp_release(struct gr_kp *kp)
{
	iv_free(kp->gone);
	iv_free(kp->degree);
	iv_free(kp->disc);
	iv_free(kp->low);
	iv_free(kp->sub);
	iv_free(kp->cut);
	iv_free(kp->pieces);
	iv_free(kp->parent);
	iv_free(kp->cursor);
	iv_free(kp->stack);
	iv_free(kp->comp);
}

static IV_MUST_USE enum iv_err gr_kp_init(struct gr_kp *kp, const struct iv_graph *g)
{
	size_t n = g->nnodes + 1;

	memset(kp, 0, sizeof(*kp));
	kp->g = g;
	kp->n = g->nnodes;
	kp->gone = iv_calloc(n * sizeof(*kp->gone));
	kp->degree = iv_calloc(n * sizeof(*kp->degree));
	kp->disc = iv_calloc(n * sizeof(*kp->disc));
	kp->low = iv_malloc(n * sizeof(*kp->low));
	kp->sub = iv_malloc(n * sizeof(*kp->sub));
	kp->cut = iv_malloc(n * sizeof(*kp->cut));
	kp->pieces = iv_malloc(n * sizeof(*kp->pieces));
	kp->parent = iv_malloc(n * sizeof(*kp->parent));
	kp->cursor = iv_malloc(n * sizeof(*kp->cursor));
	kp->stack = iv_malloc(n * sizeof(*kp->stack));
	kp->comp = iv_malloc(n * sizeof(*kp->comp));
	if (!kp->gone || !kp->degree || !kp->disc || !kp->low || !kp->sub || !kp->cut ||
	    !kp->pieces || !kp->parent || !kp->cursor || !kp->stack || !kp->comp) {
		gr_kp_release(kp);
		return IV_ERR_NOMEM;
	}
	for (size_t v = 0; v < kp->n; v++)
		for (size_t k = g->adj_off[v]; k < g->adj_off[v + 1]; k++)
			if (k == g->adj_off[v] || g->adj[k - 1].node != g->adj[k].node)
				kp->degree[v]++;
	return IV_OK;
}

static IV_MUST_USE enum iv_err gr_kp_check(const struct iv_graph *g, size_t kmax,
                                           struct iv_buf *err)
{
	enum iv_err rc = gr_check_finished(g, err);

	if (rc)
		return rc;
	if (g->nnodes == 0)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "the network is empty: there are no key players");
	if (kmax == 0)
		return iv_seterr(err, IV_ERR_INVALID, "k must be at least 1");
	if (kmax > IV_GRAPH_MAX_K)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "k is %zu; at most %d key players are searched", kmax,
		                 IV_GRAPH_MAX_K);
	if (kmax > g->nnodes)
		return iv_seterr(err, IV_ERR_INVALID, "k is %zu but the network has only %zu nodes",
		                 kmax, g->nnodes);
	return IV_OK;
}

/*
 * Swap passes over the set (see the head of the file); *q is its sum
 * s(s-1).  False when the time limit passed (the set stays a valid one).
 */
static bool gr_kp_swaps(struct gr_kp *kp, uint32_t *set, size_t k, uint64_t *q)
{
	for (int pass = 0; pass < GR_SWAP_PASSES; pass++) {
		bool improved = false;

		for (size_t i = 0; i < k && kp->work < GR_SWAP_WORK; i++) {
			struct gr_kp_eval ev;

			if (gr_expired())
				return false;
			kp->gone[set[i]] = false;
			gr_kp_eval(kp, &ev);
			if (ev.best != UINT32_MAX && ev.best != set[i] && ev.best_q < *q) {
				set[i] = ev.best;
				*q = ev.best_q;
				improved = true;
			}
			kp->gone[set[i]] = true;
		}
		if (!improved || kp->work >= GR_SWAP_WORK)
			return true;
	}
	return true;
}

enum iv_err iv_graph_keyplayers_neg(const struct iv_graph *g, size_t kmax,
                                    struct iv_graph_keyset *out, struct iv_buf *err)
{
	uint32_t set[IV_GRAPH_MAX_K];
	struct gr_kp kp;
	enum iv_err rc = gr_kp_check(g, kmax, err);
	uint64_t q;
	bool stopped = false;

	if (rc)
		return rc;
	memset(out, 0, kmax * sizeof(*out));
	if (gr_kp_init(&kp, g))
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory searching key players");
	for (size_t k = 1; k <= kmax; k++) {
		struct gr_kp_eval ev;

		/* greedy addition: the best node of the network left */
		if (gr_expired()) {
			stopped = true;
			break;
		}
		gr_kp_eval(&kp, &ev);
		set[k - 1] = ev.best;
		q = ev.best_q;
		kp.gone[ev.best] = true;
		if (!gr_kp_swaps(&kp, set, k, &q)) {
			stopped = true;
			break;
		}
		/* the figures of the set found */
		gr_kp_eval(&kp, &ev);
		out[k - 1].k = k;
		memcpy(out[k - 1].removed, set, k * sizeof(*set));
		out[k - 1].fragmentation = gr_frag(ev.q, kp.n - k);
		out[k - 1].largest_component = ev.largest;
		out[k - 1].components = ev.components;
	}
	gr_kp_release(&kp);
	if (stopped)
		return gr_timeout_err(err, "the key player search");
	return IV_OK;
}

/* ---- KPP-Pos ------------------------------------------------------------------------ */

enum iv_err iv_graph_keyplayers_pos(const struct iv_graph *g, size_t kmax,
                                    struct iv_graph_keyset *out, struct iv_buf *err)
{
	enum iv_err rc = gr_kp_check(g, kmax, err);
	bool *in = NULL, *reached = NULL;
	uint32_t set[IV_GRAPH_MAX_K];
	size_t nreached = 0, n;

	if (rc)
		return rc;
	n = g->nnodes;
	memset(out, 0, kmax * sizeof(*out));
	in = iv_calloc(n + 1);
	reached = iv_calloc(n + 1);
	if (!in || !reached) {
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory searching key players");
		goto out;
	}
	for (size_t k = 1; k <= kmax; k++) {
		long best_gain = 0;
		size_t best_deg = 0;
		uint32_t best = UINT32_MAX;

		if (gr_expired()) {
			rc = gr_timeout_err(err, "the key player search");
			goto out;
		}

		/* the gain of v: neighbours newly reached, less v itself if it was reached */
		for (size_t v = 0; v < n; v++) {
			long gain = reached[v] ? -1 : 0;
			size_t deg = 0;

			if (in[v])
				continue;
			for (size_t j = g->adj_off[v]; j < g->adj_off[v + 1]; j++) {
				uint32_t u = g->adj[j].node;

				if (j > g->adj_off[v] && g->adj[j - 1].node == u)
					continue;
				deg++;
				if (!in[u] && !reached[u])
					gain++;
			}
			if (best == UINT32_MAX || gain > best_gain ||
			    (gain == best_gain && deg > best_deg)) {
				best = (uint32_t)v;
				best_gain = gain;
				best_deg = deg;
			}
		}
		set[k - 1] = best;
		in[best] = true;
		if (reached[best]) {
			reached[best] = false;
			nreached--;
		}
		for (size_t j = g->adj_off[best]; j < g->adj_off[best + 1]; j++) {
			uint32_t u = g->adj[j].node;

			if (!in[u] && !reached[u]) {
				reached[u] = true;
				nreached++;
			}
		}
		out[k - 1].k = k;
		memcpy(out[k - 1].removed, set, k * sizeof(*set));
		out[k - 1].reached = nreached;
	}
out:
	iv_free(reached);
	iv_free(in);
	return rc;
}
