/*
 * graph.h - networks: projections of the store, their analysis with the
 * igraph C library, and the formats analysts chart them in.
 *
 * A projection (struct iv_graph) is an undirected multigraph of nodes
 * (canonical entities and selector nodes such as a phone number) and
 * typed edges (call, payment, associate, shared selector ...).  Events
 * of one kind between the same two nodes are merged into one edge that
 * keeps their count, total weight, amount and duration, first and last
 * date, and the statements behind them (the evidence).  Analyses see the
 * simple graph beneath it: one edge per pair of nodes, weight the sum
 * over kinds, no self-loops.
 *
 * Building: iv_graph_new, then iv_graph_node / iv_graph_event in any
 * order, then iv_graph_finish (merges events into edges, drops
 * self-loops, builds the adjacency).  Only a finished graph may be
 * analysed or written.  lib/graph/project.c builds one from the store
 * (iv_graph_project); tests build small ones by hand.
 *
 * docs/network.md explains each measure in an analyst's words.
 */
#ifndef IV_GRAPH_H
#define IV_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iv/err.h"
#include "iv/export.h"
#include "iv/util.h"

/* ---- the projection ------------------------------------------------------------ */

/** What an edge stands for.  iv_graph_link_name gives the lower-case word. */
enum iv_graph_link {
	IV_LINK_CALL,       /* Call: caller and receiver */
	IV_LINK_PAYMENT,    /* Payment: payer and beneficiary */
	IV_LINK_ASSOCIATE,  /* Associate */
	IV_LINK_FAMILY,     /* Family */
	IV_LINK_MEMBERSHIP, /* Membership */
	IV_LINK_EMPLOYMENT, /* Employment */
	IV_LINK_DIRECTORSHIP,
	IV_LINK_OWNERSHIP, /* Ownership, and an asset's owner property */
	IV_LINK_OTHER,     /* UnknownLink, imported edge lists */
	IV_LINK_SELECTOR,  /* an entity uses a phone, e-mail, account, document */
	IV_LINK_JOURNEY,   /* traveller and facilitator of one journey */
	IV_LINK_COTRAVEL,  /* travellers of one journey leg */
	IV_LINK_NKINDS
};

/** "call", "payment", ... ; NULL when out of range. */
const char *iv_graph_link_name(enum iv_graph_link kind);
/** The kind named by word (as iv_graph_link_name spells it), or -1. */
int iv_graph_link_parse(const char *word);
/**
 * The kind named by the n bytes at word (no NUL needed: one item of a
 * comma-separated list, read in place), or -1.
 */
int iv_graph_link_parse_n(const char *word, size_t n);
/**
 * The kinds a comma-separated list names ("call,payment"; any length, read
 * in place), as a mask of 1u << kind.  IV_OK; or IV_ERR_INVALID with
 * *bad and *bad_len (either may be NULL) at the first item that names no
 * kind, where an empty item ("call,,payment", ",", "") is one with
 * *bad_len 0.  The command line and the API read --kinds and ?kinds= with
 * it, so both refuse the same lists.
 */
enum iv_err iv_graph_kinds_parse(const char *list, unsigned *mask, const char **bad,
                                 size_t *bad_len);
/**
 * The link an entity of this schema (or of a descendant) makes between two
 * others in the projection (lib/graph/project.c's rules): Call gives
 * IV_LINK_CALL with *a "caller" and *b "receiver", Journey IV_LINK_JOURNEY
 * from its facilitator to its traveller ...  -1 when the projection makes
 * no such link of it (a person, a passport, an event); *a and *b (either
 * may be NULL) are then NULL.  Strings are static.
 */
int iv_graph_link_of(const char *schema, const char **a, const char **b);

struct iv_graph_node {
	const char *id;     /* canonical entity id, or "phone:+447700900123" for a selector */
	const char *name;   /* display name, "" when none */
	const char *schema; /* Person, Organization, Phone, Email, BankAccount, Vehicle ... */
};

#define IV_GRAPH_UNDATED INT64_MIN

/** One event between two nodes, as the projection meets it. */
struct iv_graph_event {
	uint32_t a, b; /* node indexes; a == b is a self-loop, dropped by finish */
	enum iv_graph_link kind;
	bool directed;       /* a -> b (a call's caller, a payment's payer) */
	double weight;       /* tie strength it adds (1 when the source gives none) */
	double amount;       /* payments: the amount (0 otherwise) */
	double duration;     /* calls: seconds (0 otherwise) */
	int64_t date;        /* unix seconds, IV_GRAPH_UNDATED when undated */
	int64_t evidence[4]; /* statement row ids behind it (store ids), nevidence used */
	unsigned nevidence;
};

/** Events of one kind between two nodes, merged. */
struct iv_graph_edge {
	uint32_t a, b;         /* node indexes, a < b */
	uint8_t kind;          /* enum iv_graph_link */
	uint8_t dir;           /* bit 0: some event went a -> b; bit 1: some went b -> a */
	uint32_t count;        /* events merged */
	double weight;         /* sum of the events' weights */
	double amount;         /* sum of amounts */
	double duration;       /* sum of durations */
	int64_t first, last;   /* dates (unix seconds) of the earliest and latest dated event */
	uint32_t ev_off, ev_n; /* evidence: g->evidence[ev_off .. ev_off + ev_n) */
};

/** An adjacency entry: the neighbour and the edge that reaches it. */
struct iv_graph_adj {
	uint32_t node;
	uint32_t edge;
};

/**
 * Turns a statement row id into the id users see (the statement's content
 * hash); writes at most size bytes with a NUL.  Set by the projection.
 */
typedef void (*iv_graph_evidence_fn)(void *ctx, int64_t statement, char *out, size_t size);

struct iv_graph {
	struct iv_graph_node *nodes;
	size_t nnodes;
	struct iv_graph_edge *edges; /* sorted by (a, b, kind) after finish */
	size_t nedges;
	int64_t *evidence;
	size_t nevidence;
	/* after finish: the edges at node v are adj[adj_off[v] .. adj_off[v + 1]) */
	size_t *adj_off;
	struct iv_graph_adj *adj;
	double *strength;  /* after finish: the weight of all of node v's ties, of every kind */
	size_t self_loops; /* events dropped by finish because a == b */
	bool finished;
	iv_graph_evidence_fn evidence_name; /* NULL: evidence printed as the row id */
	void *evidence_ctx;
	/* private to graph.c */
	struct iv_graph_priv *priv;
};

IV_MUST_USE enum iv_err iv_graph_new(struct iv_graph **out, struct iv_buf *err);
void iv_graph_free(struct iv_graph *g);
/**
 * The node with this id, added when new (name and schema copied; a later
 * call may fill a name or schema that was ""); *index gets its index.
 */
IV_MUST_USE enum iv_err iv_graph_node(struct iv_graph *g, const char *id, const char *name,
                                      const char *schema, uint32_t *index, struct iv_buf *err);
/** The index of the node with this id, or -1. */
long iv_graph_find(const struct iv_graph *g, const char *id);
/** Record an event (before finish). */
IV_MUST_USE enum iv_err iv_graph_event(struct iv_graph *g, const struct iv_graph_event *ev,
                                       struct iv_buf *err);
/** Merge the events into edges, drop self-loops, build the adjacency. */
IV_MUST_USE enum iv_err iv_graph_finish(struct iv_graph *g, struct iv_buf *err);
/**
 * The finished graph of the given nodes of g (indexes, any order, no
 * duplicates) and every edge among them, evidence copied.  Node i of *out
 * is g's node nodes[i].
 */
IV_MUST_USE enum iv_err iv_graph_subgraph(const struct iv_graph *g, const uint32_t *nodes, size_t n,
                                          struct iv_graph **out, struct iv_buf *err);
/** Write the evidence id of statement into out (through evidence_name when set). */
void iv_graph_evidence_text(const struct iv_graph *g, int64_t statement, char *out, size_t size);

/** What the projection takes from the store. */
struct iv_graph_project_opts {
	int64_t from, to; /* time window in unix seconds; IV_GRAPH_UNDATED: open */
	unsigned kinds;   /* bit per enum iv_graph_link; 0: all */
	/*
	 * The access filter: whether the viewer may see a statement of this
	 * handling envelope (store envelope id).  NULL: everything (the local
	 * operator).  Every statement the projection reads passes through it.
	 */
	bool (*visible)(void *ctx, int64_t envelope);
	void *visible_ctx;
	/*
	 * With a filter: whether records are merged into their canonical
	 * entities for this viewer (iv_view_merges); a canonical entity is
	 * then merged only when every statement of every member passes the
	 * filter, as on the entity page (a merge may rest on any value).
	 * Without a filter records are always merged.
	 */
	bool merges;
};

/*
 * Figures of a projection run.  `statements` and `hidden` say how much
 * the filter held back: for the operator's log, never for the viewer.
 */
struct iv_graph_project_report {
	uint64_t statements;      /* statements read */
	uint64_t hidden;          /* of them, not visible to the viewer */
	uint64_t outside_window;  /* dated events outside the window */
	uint64_t dated_in_window; /* dated links kept (0 with a window: nothing in it) */
	uint64_t dangling;        /* references to entities not in the store (no filter only) */
	uint64_t not_numbers;     /* phone values that are no number ("PRIVATE", "Withheld") */
	uint64_t values_dropped;  /* values past the 16 kept per property of an entity */
	double seconds;
};

/**
 * Build the projection of the store: canonical entities (resolved records
 * under their canonical id; with a viewer's filter, only merges of two or
 * more records the viewer sees whole, each other record its own node,
 * since a merge may rest on statements the viewer may not see and the
 * canonical id of a record alone would tell a hidden record from an id
 * never stored),
 * selector nodes, and edges from the edge schemata, selectors, ownership
 * properties and journeys.  With a time
 * window, dated events outside it are left out; undated links (a family
 * tie, a phone a person uses) stay.  docs/network.md lists the rules.
 */
IV_MUST_USE enum iv_err
iv_graph_project(struct iv_store *st, const struct iv_graph_project_opts *opts,
                 struct iv_graph **out, struct iv_graph_project_report *report, struct iv_buf *err);

/* ---- measures (lib/graph/measures.c) ------------------------------------------------- */

/*
 * A time limit on this thread's graph work from now on: projections,
 * measures and key-player searches stop with IV_ERR_TIMEOUT ("... stopped
 * at the time limit of N s") once `seconds` have passed, checked in our
 * own loops and between igraph's calls (one igraph call runs to its end:
 * simple.c says why).  seconds <= 0 lifts it.
 */
void iv_graph_time_limit(double seconds);

/* Sampled betweenness is computed in this many batches of sources (their spread gives the error).
 */
#define IV_GRAPH_BETWEENNESS_BATCHES 4

struct iv_graph_measure_opts {
	size_t exact_limit; /* betweenness is exact up to this many nodes; 0: 5000 */
	size_t samples;     /* sampled source nodes above it; 0: 200 */
	uint64_t seed;      /* sampling and community seed; 0: 1 */
};

/** Per-node measures of the simple graph (arrays of g->nnodes), and graph-level figures. */
struct iv_graph_measures {
	size_t n;
	double *degree;           /* neighbours */
	double *strength;         /* weighted degree: sum of edge weights */
	double *betweenness;      /* as igraph computes it, unnormalised (estimated when sampled) */
	double *betweenness_norm; /* divided by (n-1)(n-2)/2 */
	double *closeness;        /* igraph: over the nodes it reaches, 1 / mean distance (0 when
	                             isolated; estimated from the sampled sources when sampled) */
	double *pagerank;         /* damping 0.85, weighted */
	double *eigenvector;      /* scaled to a maximum of 1 */
	int *coreness;            /* k-core number */
	bool *articulation;       /* removing it disconnects its component */
	uint32_t *bridges;        /* edge indexes (into g->edges) of bridges */
	size_t nbridges;
	size_t components;
	size_t largest_component;
	bool sampled; /* betweenness estimated from `sources` sampled sources */
	size_t sources;
	double betweenness_error; /* sampled: relative standard error of the top values; 0 exact */
	double seconds[6]; /* degree+strength, betweenness, closeness, pagerank+eigen, coreness, cut
	                    */
};

IV_MUST_USE enum iv_err iv_graph_measures(const struct iv_graph *g,
                                          const struct iv_graph_measure_opts *opts,
                                          struct iv_graph_measures *out, struct iv_buf *err);
void iv_graph_measures_release(struct iv_graph_measures *m);

/* ---- communities (lib/graph/community.c) -------------------------------------------- */

enum iv_graph_role { IV_ROLE_PERIPHERAL, IV_ROLE_BROKER, IV_ROLE_ORGANISER };
/** "peripheral", "broker", "organiser". */
const char *iv_graph_role_name(enum iv_graph_role r);

struct iv_graph_community {
	uint32_t *members; /* node indexes, most central first */
	size_t nmembers;
	size_t internal_edges;
	double density;    /* internal edges / possible pairs */
	uint32_t *brokers; /* members with ties to other communities, most ties first */
	size_t nbrokers;
};

struct iv_graph_communities {
	const char *method; /* "leiden" or "multilevel" */
	size_t nnodes;      /* of the network they partition */
	int *membership;    /* per node, community index (largest first) */
	uint8_t *role;      /* per node, enum iv_graph_role */
	struct iv_graph_community *c;
	size_t n;
	double modularity;
	double seconds;
};

struct iv_graph_community_opts {
	const char
	        *method;   /* "leiden" (default) or "multilevel" (refused above multilevel_limit) */
	double resolution; /* modularity resolution; 0: 1 */
	size_t multilevel_limit; /* edges; 0: 100000 */
	uint64_t seed;           /* 0: 1 */
};

/** Communities of the simple graph; roles need the measures m. */
IV_MUST_USE enum iv_err iv_graph_communities(const struct iv_graph *g,
                                             const struct iv_graph_measures *m,
                                             const struct iv_graph_community_opts *opts,
                                             struct iv_graph_communities *out, struct iv_buf *err);
void iv_graph_communities_release(struct iv_graph_communities *c);
/**
 * Agreement of two partitions of n items (any non-negative community
 * numbers): normalised mutual information and adjusted Rand.
 */
IV_MUST_USE enum iv_err iv_graph_compare_partitions(const int *a, const int *b, size_t n,
                                                    double *nmi, double *ari, struct iv_buf *err);

/* ---- key players (lib/graph/keyplayers.c) -------------------------------------------- */

#define IV_GRAPH_MAX_K 64

/** One k of a key-player search. */
struct iv_graph_keyset {
	size_t k;
	uint32_t removed[IV_GRAPH_MAX_K]; /* node indexes */
	double fragmentation;             /* KPP-Neg: Borgatti's F after removing them (0..1) */
	size_t largest_component;         /* KPP-Neg: nodes in the largest component left */
	size_t components;                /* KPP-Neg: components left */
	size_t reached; /* KPP-Pos: nodes within one step of the set, the set excluded */
};

/**
 * Borgatti's fragmentation F = 1 - sum s(s-1) / (n(n-1)) over the
 * component sizes s of the simple graph without the removed nodes
 * (n counts the nodes left; F is 1 when at most one node is left).
 * *largest and *components may be NULL.  NaN when g is not finished, a
 * removed index is not a node, or memory runs out.
 */
double iv_graph_fragmentation(const struct iv_graph *g, const uint32_t *removed, size_t nremoved,
                              size_t *largest, size_t *components);
/**
 * KPP-Neg: for each k in 1..kmax (kmax <= IV_GRAPH_MAX_K, and at most the
 * node count), the set of k nodes whose removal fragments the network
 * most, by greedy search with swaps; out gets kmax entries.
 */
IV_MUST_USE enum iv_err iv_graph_keyplayers_neg(const struct iv_graph *g, size_t kmax,
                                                struct iv_graph_keyset *out, struct iv_buf *err);
/** KPP-Pos: for each k, the set that reaches most other nodes in one step (greedy). */
IV_MUST_USE enum iv_err iv_graph_keyplayers_pos(const struct iv_graph *g, size_t kmax,
                                                struct iv_graph_keyset *out, struct iv_buf *err);

/* ---- paths and ego networks (lib/graph/paths.c) ------------------------------------------ */

struct iv_graph_path {
	uint32_t *nodes; /* len + 1 node indexes, from the first to the second */
	size_t len;      /* hops */
};

struct iv_graph_paths {
	struct iv_graph_path *p;
	size_t n;
	bool truncated; /* more paths than asked for exist (or all_paths hit its work cap) */
};

/** All shortest paths from a to b (at most max_paths; 0: 100); none when disconnected. */
IV_MUST_USE enum iv_err iv_graph_shortest_paths(const struct iv_graph *g, uint32_t a, uint32_t b,
                                                size_t max_paths, struct iv_graph_paths *out,
                                                struct iv_buf *err);
/** Every simple path from a to b of at most max_len hops (at most max_paths), shortest first. */
IV_MUST_USE enum iv_err iv_graph_all_paths(const struct iv_graph *g, uint32_t a, uint32_t b,
                                           size_t max_len, size_t max_paths,
                                           struct iv_graph_paths *out, struct iv_buf *err);
void iv_graph_paths_release(struct iv_graph_paths *p);

/**
 * The ego network of center to `hops` steps: at most max_nodes nodes (0:
 * 500), nearer nodes first, and among equally near ones those with the
 * heaviest ties; center is node 0 of the subgraph *out.
 */
IV_MUST_USE enum iv_err iv_graph_ego(const struct iv_graph *g, uint32_t center, size_t hops,
                                     size_t max_nodes, struct iv_graph **out, struct iv_buf *err);

/* ---- formats (lib/graph/formats.c) ---------------------------------------------------- */

enum iv_graph_format { IV_GRAPH_GRAPHML, IV_GRAPH_GEXF, IV_GRAPH_ANX, IV_GRAPH_CYJS };

/** The format named "graphml", "gexf", "anx" or "cyjs", or -1. */
int iv_graph_format_parse(const char *name);

/**
 * Write a finished graph: every node with id, name and schema, every
 * edge with kind, count, weight, amount, duration, first and last date
 * and its evidence.  m and c (either may be NULL) add each node's
 * measures and community.
 */
IV_MUST_USE enum iv_err iv_graph_write(const struct iv_graph *g, enum iv_graph_format format,
                                       const struct iv_graph_measures *m,
                                       const struct iv_graph_communities *c, iv_write_fn write,
                                       void *ctx, struct iv_buf *err);

#endif
