/*
 * cluster.c - canonical entities: clusters of positive links that never
 * cross a negative one, with people's judgements applied over the
 * engine's links.
 *
 * Positive edges are taken strongest first - judged same, shared strong
 * identifier, then the model's links by falling probability - and each
 * joins two clusters unless a negative edge (judged different, or a
 * strong-identifier veto) runs between them.  The order makes the result
 * independent of the order links were found in, so a batch run and an
 * incremental one that found the same links make the same clusters.
 * A bridging record - one holding two different phone numbers, e-mails or
 * selectors, such as a hawala ledger's "Sahin" who collects for two men
 * called Sahin - joins by the model's links one cluster only: the one it
 * links to most strongly, after the other links have made theirs.
 * A cluster's canonical id is derived from its smallest member id, so it
 * is stable while that member stays (docs/resolution.md, "Clusters").
 */
#define _GNU_SOURCE /* qsort_r */
#include <stdlib.h>
#include <string.h>

#include "resolve/resolve_int.h"

#include "iv/util.h"

/* ---- union-find with cannot-links ------------------------------------------------- */

static uint32_t find(uint32_t *parent, uint32_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

/* Strongest kind first, then higher probability, then the entity ids' order (rank). */
static int edge_order(const void *pa, const void *pb, void *ctx)
{
	const struct rv_edge *a = pa, *b = pb;
	const uint32_t *rank = ctx;
	uint32_t a1, a2, b1, b2;

	if (a->kind != b->kind)
		return a->kind > b->kind ? -1 : 1;
	if (a->prob != b->prob)
		return a->prob > b->prob ? -1 : 1;
	a1 = rank[a->a] < rank[a->b] ? rank[a->a] : rank[a->b];
	a2 = rank[a->a] < rank[a->b] ? rank[a->b] : rank[a->a];
	b1 = rank[b->a] < rank[b->b] ? rank[b->a] : rank[b->b];
	b2 = rank[b->a] < rank[b->b] ? rank[b->b] : rank[b->a];
	if (a1 != b1)
		return a1 < b1 ? -1 : 1;
	return a2 < b2 ? -1 : a2 > b2;
}

static int name_order(const void *pa, const void *pb, void *ctx)
{
	const char *const *names = ctx;

	return strcmp(names[*(const uint32_t *)pa], names[*(const uint32_t *)pb]);
}

uint32_t *rv_rank_names(const char *const *names, size_t n)
{
	uint32_t *order = iv_malloc((n + 1) * sizeof(*order));
	uint32_t *rank = iv_malloc((n + 1) * sizeof(*rank));

	if (!order || !rank) {
		iv_free(order);
		iv_free(rank);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		order[i] = (uint32_t)i;
	qsort_r(order, n, sizeof(*order), name_order, (void *)names);
	for (size_t i = 0; i < n; i++)
		rank[order[i]] = (uint32_t)i;
	iv_free(order);
	return rank;
}

/* Each root's cannot-link partners (node indexes), as a growable list. */
struct cannot {
	uint32_t *v;
	uint32_t n, alloc;
};

static IV_MUST_USE enum iv_err cannot_add(struct cannot *c, uint32_t x)
{
	if (c->n == c->alloc) {
		uint32_t alloc = c->alloc ? c->alloc * 2 : 4;
		uint32_t *v = iv_realloc(c->v, alloc * sizeof(*v));

		if (!v)
			return IV_ERR_NOMEM;
		c->v = v;
		c->alloc = alloc;
	}
	c->v[c->n++] = x;
	return IV_OK;
}

/* The clustering under way: union-find, cannot-lists per root, and whether a root's
 * cluster holds an ordinary (not bridging) record (meaningful at roots only). */
struct clustering {
	uint32_t *root;
	struct cannot *cl;
	bool *ordinary;
};

/* Join the clusters of a and b unless a cannot-link runs between them; *joined says whether
 * they are one now. */
static IV_MUST_USE enum iv_err join(struct clustering *c, uint32_t a, uint32_t b, bool *joined)
{
	uint32_t ra = find(c->root, a), rb = find(c->root, b), other, keep, gone;
	struct cannot *small, *big;
	enum iv_err rc = IV_OK;

	*joined = ra == rb;
	if (ra == rb)
		return IV_OK;
	/* a cannot-link between the two clusters is on both roots' lists: check the shorter */
	small = c->cl[ra].n <= c->cl[rb].n ? &c->cl[ra] : &c->cl[rb];
	other = small == &c->cl[ra] ? rb : ra;
	for (uint32_t k = 0; k < small->n; k++)
		if (find(c->root, small->v[k]) == other)
			return IV_OK;
	/* the root with the longer list survives and takes the other's list */
	big = small == &c->cl[ra] ? &c->cl[rb] : &c->cl[ra];
	for (uint32_t k = 0; !rc && k < small->n; k++)
		rc = cannot_add(big, small->v[k]);
	keep = small == &c->cl[ra] ? rb : ra;
	gone = keep == ra ? rb : ra;
	c->root[gone] = keep;
	c->ordinary[keep] = c->ordinary[keep] || c->ordinary[gone];
	iv_free(small->v);
	memset(small, 0, sizeof(*small));
	*joined = true;
	return rc;
}

/* A bridging record's deferred model link to an ordinary record. */
struct held_link {
	uint32_t self, other;
	uint32_t group; /* the smallest rank in self's cluster after the first pass */
	double prob;
};

/* By the bridging record's cluster, then strongest first, then the other record's rank. */
static int held_order(const void *pa, const void *pb, void *ctx)
{
	const struct held_link *a = pa, *b = pb;
	const uint32_t *rank = ctx;

	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	if (a->prob != b->prob)
		return a->prob > b->prob ? -1 : 1;
	if (a->other != b->other)
		return rank[a->other] < rank[b->other] ? -1 : 1;
	return rank[a->self] < rank[b->self] ? -1 : rank[a->self] > rank[b->self];
}

/*
 * Bridging records that no strong link or judgement has placed with an
 * ordinary record (one of them, or several that such links joined) join the
 * cluster their model links weigh most for (the sum of the probabilities;
 * ties: the strongest link, then the other record's rank), or the next when a
 * cannot-link keeps them from that one.  h: their links, strongest first.
 * *spread: whether the links reached more than one cluster.
 */
static IV_MUST_USE enum iv_err place_bridging(struct clustering *c, const struct held_link *h,
                                              size_t nh, bool *spread)
{
	double *weight = iv_malloc((nh + 1) * sizeof(*weight));
	uint32_t *target = iv_malloc((nh + 1) * sizeof(*target));
	size_t nt = 0;
	enum iv_err rc = IV_OK;
	bool joined = false;

	*spread = false;
	if (!weight || !target) {
		iv_free(weight);
		iv_free(target);
		return IV_ERR_NOMEM;
	}
	/* targets in the order of their strongest link: the tie-break comes for free */
	for (size_t k = 0; k < nh; k++) {
		uint32_t t = find(c->root, h[k].other);
		size_t i = 0;

		while (i < nt && target[i] != t)
			i++;
		if (i == nt) {
			target[nt] = t;
			weight[nt++] = 0;
		}
		weight[i] += h[k].prob;
	}
	*spread = nt > 1;
	while (!rc && !joined && nt > 0) {
		size_t best = 0;

		for (size_t i = 1; i < nt; i++)
			if (weight[i] > weight[best])
				best = i;
		rc = join(c, h[0].self, target[best], &joined);
		/* out of the list, the others keeping their order (ties go to the first) */
		nt--;
		memmove(target + best, target + best + 1, (nt - best) * sizeof(*target));
		memmove(weight + best, weight + best + 1, (nt - best) * sizeof(*weight));
	}
	iv_free(weight);
	iv_free(target);
	return rc;
}

/* The cannot-links among the edges, on both their records. */
static IV_MUST_USE enum iv_err add_cannot_links(struct clustering *c, const struct rv_edge *edges,
                                                size_t nedges)
{
	enum iv_err rc = IV_OK;

	for (size_t e = 0; !rc && e < nedges; e++)
		if (edges[e].kind < 0 && edges[e].a != edges[e].b) {
			rc = cannot_add(&c->cl[edges[e].a], edges[e].b);
			if (!rc)
				rc = cannot_add(&c->cl[edges[e].b], edges[e].a);
		}
	return rc;
}

/* Whether a bridging record's cluster holds the edge back: its model links, and its strong
 * links with hold_strong. */
static bool holdable(const struct rv_edge *x, bool hold_strong)
{
	return x->kind == RV_E_MATCH || (hold_strong && x->kind == RV_E_STRONG);
}

/*
 * Pass 1: every positive edge (the sorted edges start with them) joins,
 * but those a bridging record holds back towards an ordinary one, which go
 * to h (room for every edge), counted in *nh.
 */
static IV_MUST_USE enum iv_err join_ordinary(struct clustering *c, const struct rv_edge *edges,
                                             size_t nedges, const bool *bridging, bool hold_strong,
                                             struct held_link *h, size_t *nh)
{
	enum iv_err rc = IV_OK;
	bool joined;

	for (size_t e = 0; !rc && e < nedges && edges[e].kind > 0; e++) {
		const struct rv_edge *x = &edges[e];
		bool ba = bridging && bridging[x->a], bb = bridging && bridging[x->b];
		bool held = holdable(x, hold_strong);

		if (held && ba && !bb)
			h[(*nh)++] = (struct held_link){x->a, x->b, 0, x->prob};
		else if (held && bb && !ba)
			h[(*nh)++] = (struct held_link){x->b, x->a, 0, x->prob};
		else if (!held || !(ba || bb))
			rc = join(c, x->a, x->b, &joined);
	}
	return rc;
}

/* Each held link's group (the smallest rank in its bridging record's cluster), then h in
 * held_order. */
static IV_MUST_USE enum iv_err group_held(const struct clustering *c, size_t n,
                                          const uint32_t *rank, struct held_link *h, size_t nh)
{
	uint32_t *least = iv_malloc(n * sizeof(*least));

	if (!least)
		return IV_ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		least[i] = UINT32_MAX;
	for (size_t i = 0; i < n; i++) {
		uint32_t r = find(c->root, (uint32_t)i);

		if (rank[i] < least[r])
			least[r] = rank[i];
	}
	for (size_t k = 0; k < nh; k++)
		h[k].group = least[find(c->root, h[k].self)];
	iv_free(least);
	qsort_r(h, nh, sizeof(*h), held_order, (void *)rank);
	return IV_OK;
}

/*
 * Pass 2: each cluster of bridging records alone joins one cluster of
 * ordinary records through its held links (h grouped); *held (may be NULL)
 * counts the clusters whose links reached more than one.
 */
static IV_MUST_USE enum iv_err place_groups(struct clustering *c, const struct held_link *h,
                                            size_t nh, size_t *held)
{
	enum iv_err rc = IV_OK;
	size_t first;

	for (size_t k = 0; !rc && k < nh; k = first) {
		bool spread;

		for (first = k + 1; first < nh && h[first].group == h[k].group; first++)
			;
		if (c->ordinary[find(c->root, h[k].self)])
			continue;
		rc = place_bridging(c, h + k, first - k, &spread);
		if (!rc && spread && held)
			(*held)++;
	}
	return rc;
}

/* Pass 3: model links between bridging records join them while one side holds only such. */
static IV_MUST_USE enum iv_err join_bridging(struct clustering *c, const struct rv_edge *edges,
                                             size_t nedges, const bool *bridging, bool hold_strong)
{
	enum iv_err rc = IV_OK;
	bool joined;

	for (size_t e = 0; !rc && e < nedges && edges[e].kind > 0; e++) {
		const struct rv_edge *x = &edges[e];

		if (holdable(x, hold_strong) && bridging && bridging[x->a] && bridging[x->b] &&
		    !(c->ordinary[find(c->root, x->a)] && c->ordinary[find(c->root, x->b)]))
			rc = join(c, x->a, x->b, &joined);
	}
	return rc;
}

enum iv_err rv_cluster(size_t n, struct rv_edge *edges, size_t nedges, const uint32_t *rank,
                       const bool *bridging, bool hold_strong, uint32_t *root, size_t *held,
                       struct iv_buf *err)
{
	struct clustering c = {root, NULL, NULL};
	struct held_link *h = NULL;
	size_t nh = 0;
	enum iv_err rc = IV_OK;

	if (held)
		*held = 0;
	for (size_t i = 0; i < n; i++)
		root[i] = (uint32_t)i;
	if (nedges == 0)
		return IV_OK;
	qsort_r(edges, nedges, sizeof(*edges), edge_order, (void *)rank);
	c.cl = iv_calloc((n ? n : 1) * sizeof(*c.cl));
	c.ordinary = iv_malloc(n ? n : 1);
	h = iv_malloc((nedges + 1) * sizeof(*h));
	if (!c.cl || !c.ordinary || !h) {
		rc = IV_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		c.ordinary[i] = !bridging || !bridging[i];
	rc = add_cannot_links(&c, edges, nedges);
	if (!rc)
		rc = join_ordinary(&c, edges, nedges, bridging, hold_strong, h, &nh);
	if (!rc && nh)
		rc = group_held(&c, n, rank, h, nh);
	if (!rc)
		rc = place_groups(&c, h, nh, held);
	if (!rc)
		rc = join_bridging(&c, edges, nedges, bridging, hold_strong);
out:
	for (size_t i = 0; i < n; i++) {
		root[i] = find(root, (uint32_t)i);
		if (c.cl)
			iv_free(c.cl[i].v);
	}
	iv_free(c.cl);
	iv_free(c.ordinary);
	iv_free(h);
	return rc ? iv_seterr(err, rc, "out of memory clustering") : IV_OK;
}

/* ---- people's verdicts --------------------------------------------------------------- */

static IV_MUST_USE enum iv_err pair_key(struct iv_buf *b, const char *x, const char *y)
{
	const char *lo = strcmp(x, y) < 0 ? x : y, *hi = lo == x ? y : x;

	iv_buf_reset(b);
	return iv_buf_addf(b, "%s\x1f%s", lo, hi);
}

static IV_MUST_USE enum iv_err judged_push(struct rv_judged *p, char c)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 2;
		char *stack = iv_realloc(p->stack, cap);

		if (!stack)
			return IV_ERR_NOMEM;
		p->stack = stack;
		p->cap = cap;
	}
	p->stack[p->n++] = c;
	return IV_OK;
}

enum iv_err rv_verdicts_add(void *ctx, const struct iv_judgement *j)
{
	struct rv_verdicts *v = ctx;
	struct iv_buf key;
	struct rv_judged *p;
	char c = j->verdict[0] == 's'   ? 's'
	         : j->verdict[0] == 'd' ? 'd'
	         : j->verdict[0] == 'w' ? 'w'
	                                : 'u';
	enum iv_err rc;

	iv_buf_init(&key, 0);
	rc = pair_key(&key, j->a, j->b);
	if (rc)
		goto out;
	p = iv_map_get(&v->map, key.buf);
	if (!p && c == 'w')
		goto out; /* nothing stands: nothing to take back */
	if (!p) {
		p = iv_calloc(sizeof(*p));
		if (!p || iv_map_put(&v->map, key.buf, p)) {
			iv_free(p);
			rc = IV_ERR_NOMEM;
			goto out;
		}
		v->n++;
		if (iv_map_put(&v->ids, j->a, (void *)1) || iv_map_put(&v->ids, j->b, (void *)1)) {
			rc = IV_ERR_NOMEM;
			goto out;
		}
	}
	if (j->id) {
		if (j->id <= p->last)
			goto out; /* applied already, when the pair was loaded from its other end */
		p->last = j->id;
	}
	if (c == 'w') {
		if (p->n)
			p->n--;
	} else {
		rc = judged_push(p, c);
	}
out:
	iv_buf_release(&key);
	return rc;
}

enum iv_err rv_verdicts_load(struct iv_store *st, const char *entity, struct rv_verdicts *v,
                             struct iv_buf *err)
{
	enum iv_err rc = iv_store_judge_each(st, entity, rv_verdicts_add, v, err);

	if (rc == IV_ERR_NOMEM)
		rc = iv_seterr(err, rc, "out of memory reading judgements");
	return rc;
}

static char judged_top(const struct rv_judged *p)
{
	return p && p->n ? p->stack[p->n - 1] : 0;
}

char rv_verdict(const struct rv_verdicts *v, const char *a, const char *b)
{
	struct iv_buf key;
	char c = 0;

	if (v->n == 0 || !iv_map_has(&v->ids, a) || !iv_map_has(&v->ids, b))
		return 0;
	iv_buf_init(&key, 0);
	if (!pair_key(&key, a, b))
		c = judged_top(iv_map_get(&v->map, key.buf));
	iv_buf_release(&key);
	return c;
}

bool rv_verdicts_next(const struct rv_verdicts *v, size_t *pos, struct rv_verdict_pair *p)
{
	const char *key, *sep;
	void *val;

	while (iv_map_next(&v->map, pos, &key, &val)) {
		p->verdict = judged_top(val);
		sep = strchr(key, '\x1f'); /* keys are "a\x1fb" */
		if (!p->verdict || !sep)
			continue;
		p->a = key;
		p->alen = (size_t)(sep - key);
		p->b = sep + 1;
		return true;
	}
	return false;
}

void rv_verdicts_release(struct rv_verdicts *v)
{
	size_t pos = 0;
	const char *key;
	void *val;

	while (iv_map_next(&v->map, &pos, &key, &val)) {
		struct rv_judged *p = val;

		iv_free(p->stack);
	}
	iv_map_release_all(&v->map);
	iv_map_release(&v->ids);
	memset(v, 0, sizeof(*v));
}

int rv_edge_kind_of(enum iv_res_link_kind kind, char verdict)
{
	if (verdict == 's')
		return RV_E_SAME;
	if (verdict == 'd')
		return RV_E_DIFFERENT;
	if (verdict == 'u')
		return kind == IV_RES_VETO ? RV_E_VETO
		                           : 0; /* unsure: the engine alone does not merge */
	switch (kind) {
	case IV_RES_MATCH:
		return RV_E_MATCH;
	case IV_RES_STRONG:
		return RV_E_STRONG;
	case IV_RES_VETO:
		return RV_E_VETO;
	case IV_RES_REVIEW:
	case IV_RES_REUSED:
		break;
	}
	return 0;
}

void iv_resolve_canonical_id(const char *eid, char out[24])
{
	static const char hex[] = "0123456789abcdef";
	IV_HASHER_ALIGNED struct iv_hasher h;
	unsigned char d[IV_HASH_BYTES];

	iv_hasher_init(&h);
	iv_hasher_field(&h, "canonical");
	iv_hasher_field(&h, eid);
	iv_hasher_final(&h, d);
	out[0] = 'c';
	out[1] = '-';
	for (int i = 0; i < 8; i++) {
		out[2 + 2 * i] = hex[d[i] >> 4];
		out[3 + 2 * i] = hex[d[i] & 15];
	}
	out[18] = '\0';
}

/* ---- re-clustering around some entities ------------------------------------------------ */

/*
 * The closure of positive links (and people's "same") around the seeds,
 * as the store gives it: its nodes in order, the links between them as
 * edges already weighed with people's verdicts, what each node's
 * canonical entity was, and which nodes are bridging records.
 */
struct closure {
	const struct rv_verdicts *verdicts;
	const struct rv_family *fam; /* the nodes' (one family's) */
	struct iv_map index;         /* eid -> node + 1 */
	struct iv_vec eids;          /* char *, owned */
	char (*was)[24];             /* the node's canonical id before ("" when none or unusual) */
	bool *bridging;
	size_t was_cap, bridging_cap;
	struct rv_edge *edges;
	size_t nedges, edges_cap;
};

static void closure_release(struct closure *c)
{
	iv_map_release(&c->index);
	iv_vec_release_all(&c->eids);
	iv_free(c->was);
	iv_free(c->bridging);
	iv_free(c->edges);
}

static IV_MUST_USE enum iv_err closure_node(void *ctx, const struct iv_res_node *node)
{
	struct closure *c = ctx;
	size_t i = c->eids.len;
	const struct rv_family *fam = node->family ? rv_family_find(node->family) : NULL;
	char *copy;

	if (iv_array_grow(&c->was, &c->was_cap, i + 1, sizeof(*c->was), 64) ||
	    iv_array_grow(&c->bridging, &c->bridging_cap, i + 1, sizeof(*c->bridging), 64))
		return IV_ERR_NOMEM;
	copy = iv_strdup(node->entity);
	if (!copy || iv_vec_push(&c->eids, copy)) {
		iv_free(copy);
		return IV_ERR_NOMEM;
	}
	if (iv_map_put(&c->index, copy, (void *)(uintptr_t)(i + 1)))
		return IV_ERR_NOMEM;
	c->was[i][0] = '\0';
	if (node->canonical && strlen(node->canonical) < sizeof(c->was[i]))
		memcpy(c->was[i], node->canonical, strlen(node->canonical) + 1);
	/* bridging as the batch run that stored the record saw it (never resolved: ordinary) */
	c->bridging[i] = fam && node->record && rv_text_bridges(fam, node->record);
	if (fam)
		c->fam = fam;
	return IV_OK;
}

static IV_MUST_USE enum iv_err closure_push(struct closure *c, struct rv_edge e)
{
	if (iv_array_grow(&c->edges, &c->edges_cap, c->nedges + 1, sizeof(*c->edges), 256))
		return IV_ERR_NOMEM;
	c->edges[c->nedges++] = e;
	return IV_OK;
}

static IV_MUST_USE enum iv_err closure_edge(void *ctx, size_t a, size_t b,
                                            enum iv_res_link_kind kind, double probability)
{
	struct closure *c = ctx;
	int k = rv_edge_kind_of(kind, rv_verdict(c->verdicts, c->eids.items[a], c->eids.items[b]));

	return k ? closure_push(c, (struct rv_edge){(uint32_t)a, (uint32_t)b, k, probability})
	         : IV_OK;
}

/* The node of an entity id of the closure, or -1. */
static long closure_at(const struct closure *c, const char *eid, size_t len)
{
	void *v = iv_map_getn(&c->index, eid, len);

	return v ? (long)((uintptr_t)v - 1) : -1;
}

/*
 * The closure around the seeds: the store follows the engine's positive
 * links and people's "same" (every one: which of them the closure reaches
 * is only known as it grows).
 */
static IV_MUST_USE enum iv_err closure_read(struct iv_store *st, struct closure *c,
                                            const struct iv_vec *seeds, struct iv_buf *err)
{
	const unsigned follow = IV_RES_FOLLOW(IV_RES_MATCH) | IV_RES_FOLLOW(IV_RES_STRONG);
	struct iv_vec also = IV_VEC_INIT; /* char *: a, b, a, b ... owned */
	struct rv_verdict_pair p;
	size_t pos = 0;
	enum iv_err rc = IV_OK;

	while (!rc && rv_verdicts_next(c->verdicts, &pos, &p)) {
		char *a, *b;

		if (p.verdict != 's')
			continue;
		a = iv_strndup(p.a, p.alen);
		b = iv_strdup(p.b);
		if (!a || !b || iv_vec_push(&also, a)) {
			iv_free(a);
			iv_free(b);
			rc = IV_ERR_NOMEM;
		} else if (iv_vec_push(&also, b)) {
			iv_free(b);
			rc = IV_ERR_NOMEM;
		}
	}
	if (!rc)
		rc = iv_store_res_closure(st, (const char *const *)seeds->items, seeds->len,
		                          (const char *const *)also.items, also.len / 2, follow,
		                          closure_node, closure_edge, c, err);
	iv_vec_release_all(&also);
	return rc;
}

/* People's verdicts on pairs of the closure, also those the engine never linked
 * (an unsure one joins nothing and parts nothing). */
static enum iv_err closure_add_verdicts(struct closure *c)
{
	struct rv_verdict_pair p;
	size_t pos = 0;
	enum iv_err rc = IV_OK;

	while (!rc && rv_verdicts_next(c->verdicts, &pos, &p)) {
		long ia, ib;

		if (p.verdict == 'u')
			continue;
		ia = closure_at(c, p.a, p.alen);
		ib = closure_at(c, p.b, strlen(p.b));
		if (ia >= 0 && ib >= 0)
			rc = closure_push(
			        c, (struct rv_edge){(uint32_t)ia, (uint32_t)ib,
			                            p.verdict == 's' ? RV_E_SAME : RV_E_DIFFERENT,
			                            1.0});
	}
	return rc;
}

/*
 * Each cluster's canonical id from its smallest member id; only the
 * memberships that changed are written.  best has room for one id per
 * closure member.
 */
static enum iv_err write_members(struct iv_store *st, const struct closure *c, const uint32_t *root,
                                 char **best, struct iv_buf *err)
{
	size_t n = c->eids.len;
	enum iv_err rc = IV_OK;

	for (size_t i = 0; i < n; i++) {
		char *e = c->eids.items[i];

		if (!best[root[i]] || strcmp(e, best[root[i]]) < 0)
			best[root[i]] = e;
	}
	for (size_t i = 0; !rc && i < n; i++) {
		char id[24];

		iv_resolve_canonical_id(best[root[i]], id);
		if (strcmp(id, c->was[i]) != 0)
			rc = iv_store_res_set_member(st, c->eids.items[i], id, err);
	}
	return rc;
}

/* Copies of the seed ids, for the closure to own. */
static enum iv_err copy_seeds(const char *const *seeds, size_t nseeds, struct iv_vec *out)
{
	for (size_t i = 0; i < nseeds; i++) {
		char *copy = iv_strdup(seeds[i]);

		if (!copy || iv_vec_push(out, copy)) {
			iv_free(copy);
			return IV_ERR_NOMEM;
		}
	}
	return IV_OK;
}

enum iv_err rv_recluster(struct iv_store *st, const char *const *seeds, size_t nseeds,
                         const struct rv_verdicts *known, struct iv_buf *err)
{
	struct rv_verdicts verdicts;
	struct closure c;
	struct iv_vec seed_ids = IV_VEC_INIT;
	uint32_t *root = NULL, *rank = NULL;
	char **best = NULL;
	size_t n;
	enum iv_err rc;

	memset(&verdicts, 0, sizeof(verdicts));
	memset(&c, 0, sizeof(c));
	c.verdicts = known ? known : &verdicts;
	rc = known ? IV_OK : rv_verdicts_load(st, NULL, &verdicts, err);
	if (!rc)
		rc = copy_seeds(seeds, nseeds, &seed_ids);
	if (!rc)
		rc = closure_read(st, &c, &seed_ids, err);
	if (rc)
		goto out;
	n = c.eids.len;
	rc = closure_add_verdicts(&c);
	root = iv_calloc((n + 1) * sizeof(*root));
	best = iv_calloc((n + 1) * sizeof(*best));
	rank = rv_rank_names((const char *const *)c.eids.items, n);
	if (!rc && (!root || !best || !rank))
		rc = IV_ERR_NOMEM;
	if (!rc)
		rc = rv_cluster(n, c.edges, c.nedges, rank, c.bridging,
		                c.fam && c.fam->bare_bridges, root, NULL, err);
	if (!rc)
		rc = write_members(st, &c, root, best, err);
out:
	if (rc == IV_ERR_NOMEM)
		rc = iv_seterr(err, rc, "out of memory re-clustering");
	iv_free(root);
	iv_free(rank);
	iv_free(best);
	closure_release(&c);
	iv_vec_release_all(&seed_ids);
	rv_verdicts_release(&verdicts);
	return rc;
}
