/*
 * view.h - the store as one viewer may see it: the single place where
 * the access filter (iv_access_visible) is applied to reads.
 *
 * Everything a user of the server receives is built here, from the
 * statements the filter passes and from nothing else: an entity page
 * holds only visible values, its caption and schema come from them, an
 * entity with no visible value does not exist; search hits, totals,
 * filters and facets count only visible matches and values; related
 * entities, timelines and dataset counts rest on visible statements only;
 * network projections read only visible statements.  Canonical merges
 * (resolution) are shown to UK viewers who see every value of every
 * member, since a merge rests on all of them; partners see records one by
 * one (docs/access.md discusses this).
 *
 * A view borrows its store and viewer; it is used by one thread.
 */
#ifndef IV_VIEW_H
#define IV_VIEW_H

#include <jansson.h>

#include "iv/access.h"
#include "iv/graph.h"
#include "iv/store.h"

struct iv_view {
	struct iv_store *st;
	const struct iv_viewer *viewer;
	struct iv_map envelopes; /* envelope row id (decimal) -> visible (non-NULL) or hidden */
	bool exporting; /* the filter is iv_access_exportable: what may leave in an export */
};

void iv_view_init(struct iv_view *v, struct iv_store *st, const struct iv_viewer *viewer);
void iv_view_release(struct iv_view *v);

/** Whether the view's viewer sees statements of this envelope row (an iv_envelope_visible_fn). */
bool iv_view_envelope_visible(void *view, int64_t envelope);
/** Whether canonical merges are shown to this viewer. */
bool iv_view_merges(const struct iv_view *v);

/**
 * Whether the viewer sees every statement of entity id (*all).  The
 * resolution workbench (explanations, review, judgements) and canonical
 * merges draw on every value of a record, so they are offered only for
 * records the viewer sees whole.
 */
IV_MUST_USE enum iv_err iv_view_sees_all(struct iv_view *v, const char *id, bool *all,
                                         struct iv_buf *err);
/**
 * Whether the viewer sees a resolution record whole (*whole): every
 * statement of id and of every entity that fed it values
 * (iv_resolve_feeders: a passport gives its holder its number).  What
 * shows a record's values or rests on them (an explanation, a review
 * item, a judgement, a merge) is shown only to a viewer who sees it whole.
 * An unknown id is seen whole (its reader says it is unknown).
 */
IV_MUST_USE enum iv_err iv_view_sees_whole(struct iv_view *v, const char *id, bool *whole,
                                           struct iv_buf *err);
/**
 * Whether the viewer sees whole (iv_view_sees_whole) every member of the
 * canonical entity record id is in (*whole; true for a record never
 * resolved): whether they may be told of its merge at all, its canonical
 * id or that two records are in it.
 */
IV_MUST_USE enum iv_err iv_view_sees_merge(struct iv_view *v, const char *id, bool *whole,
                                           struct iv_buf *err);
/**
 * The canonical id of record id's entity as the viewer is shown it
 * (canonical; "" when not shown): only for a merge of two or more records
 * that the viewer sees whole (iv_view_sees_merge) and when merges are
 * shown to them at all.  A record alone and one in a merge the viewer may
 * not see look the same, as on the record's entity page.
 */
IV_MUST_USE enum iv_err iv_view_shown_canonical(struct iv_view *v, const char *id,
                                                struct iv_buf *canonical, struct iv_buf *err);

/** The handling envelope as JSON (grade, handling, conditions, ... tlp). */
json_t *iv_view_handling_json(const struct iv_handling *h);

/**
 * The entity page of id: {"id", "schema", "caption", "canonical",
 * "members": [...], "statements": [...]}, each statement with its
 * handling and source.  IV_ERR_NOTFOUND when the viewer sees nothing of
 * it.  *out is the caller's reference.
 */
IV_MUST_USE enum iv_err iv_view_entity(struct iv_view *v, const char *id, json_t **out,
                                       struct iv_buf *err);

/**
 * The entity page of id as iv_view_entity makes it, appended to out as
 * compact JSON text: the bytes json_dumps(page, JSON_COMPACT) gives,
 * without building the objects (the API's entity fetch).  members, when
 * not NULL, gets the ids of the page's "members" appended, each a JSON
 * string, separated by commas (the inside of a JSON array; a comma
 * first when it already holds some).  On error neither is changed;
 * IV_ERR_NOTFOUND when the viewer sees nothing of id, IV_ERR_DB when a
 * stored string is not UTF-8.
 */
IV_MUST_USE enum iv_err iv_view_entity_write(struct iv_view *v, const char *id, struct iv_buf *out,
                                             struct iv_buf *members, struct iv_buf *err);

/** An open end of a search's date window. */
#define IV_VIEW_OPEN INT64_MIN
/** Hits a search reads whole for its filters and facets, best first; the rest are left out. */
#define IV_VIEW_SCAN_MAX 10000

/**
 * What a search keeps beyond its words, and whether it counts facets.
 * Each filter keeps the entities having a visible statement that meets
 * it; all given must hold.
 */
struct iv_view_search_opts {
	const char *dataset; /* a statement of this dataset; NULL: any */
	const char *country; /* a valid country-typed value, as stored ("gb"); NULL: any */
	char grade[3];       /* a statement of this grade ("2B"); "": any */
	int64_t from, to;    /* a valid date-typed value overlapping [from, to] (unix seconds) */
	bool facets;         /* count schema, dataset, country, grade and year over the hits */
};

/** No filter, no facets (from and to IV_VIEW_OPEN). */
void iv_view_search_opts_init(struct iv_view_search_opts *o);

/**
 * Search: {"total", "results": [{"id", "schema", "caption", "score"}]}:
 * the hits offset..offset+limit-1 of all `total`, ordered by score (2: a
 * visible name matched, 1: other visible text) and then id.  Built only
 * from visible statements, so hidden ones change nothing in it.
 *
 * With opts (NULL: none) giving a filter, only the first
 * IV_VIEW_SCAN_MAX hits are read, the others dropped: `total` counts the
 * kept ones and "filters_capped" says whether any were dropped.  With
 * opts->facets, "facets": {"schema", "dataset", "country", "grade",
 * "year"}, each an object from value to the number of kept hits (among
 * the first IV_VIEW_SCAN_MAX: "facets_capped") with a visible statement
 * of that value, keys in byte order.
 */
IV_MUST_USE enum iv_err iv_view_search(struct iv_view *v, const char *query, const char *schema,
                                       const struct iv_view_search_opts *opts, size_t offset,
                                       size_t limit, json_t **out, struct iv_buf *err);

/* ---- browsing (lib/view/browse.c) ---- */

#define IV_VIEW_RELATED_MAX 2000 /* the largest limit of iv_view_related */

/**
 * The entities linked to id (the records of its page, as iv_view_entity
 * decides: "members") and the dated intervals it takes part in:
 *
 *   {"id", "members", "related": [{"id", "schema", "caption", "property",
 *     "direction": "out"|"in", "via": null|{"id", "schema", "caption"}}],
 *    "timeline": [{"id", "schema", "caption", "kind", "start", "end",
 *     "parties": [{"id", "caption", "role"}], "amount", "currency",
 *     "duration", "statements": [ids]}],
 *    "related_total", "timeline_total", "references_capped"}
 *
 * "related": what its visible references name ("out"), the entities whose
 * visible references name it ("in"), and the other parties of those that
 * are intervals (a Call, Payment, Associate, Event ...) "via" them
 * ("in" when the party is the link's source end: a caller, a payer).
 * "timeline": those intervals, and id itself when it is one, that have a
 * visible date, by start (then end, then id); "kind" is the network's
 * link kind (iv_graph_link_of) or "event".  Each list is cut at limit
 * (its _total says how long it was).  Only visible statements count: an
 * entity the viewer sees nothing of is left out.  IV_ERR_NOTFOUND when
 * the viewer sees nothing of id.
 */
IV_MUST_USE enum iv_err iv_view_related(struct iv_view *v, const char *id, size_t limit,
                                        json_t **out, struct iv_buf *err);

/**
 * The datasets as the viewer sees them: {"datasets": [{"name", "entities",
 * "statements", "first_seen", "last_seen"}], "entities", "statements"},
 * counting visible statements only, by name.
 */
IV_MUST_USE enum iv_err iv_view_datasets(struct iv_view *v, json_t **out, struct iv_buf *err);

/** The network projection as the viewer sees it (opts' filter is set here). */
IV_MUST_USE enum iv_err iv_view_project(struct iv_view *v, struct iv_graph_project_opts *opts,
                                        struct iv_graph **out, struct iv_buf *err);

/* ---- network results as JSON (lib/view/network.c; the CLI's --json uses the same names) ---- */

/** {"id", "name", "schema"} of node v. */
json_t *iv_view_node_json(const struct iv_graph *g, uint32_t v);
/** The evidence statement ids of an edge. */
json_t *iv_view_evidence_json(const struct iv_graph *g, const struct iv_graph_edge *e);
/** {"source", "target", "kind", "count", "weight", "evidence"}. */
json_t *iv_view_edge_json(const struct iv_graph *g, const struct iv_graph_edge *e);
/** A node with its measures (and community and role when c is non-NULL). */
json_t *iv_view_measures_json(const struct iv_graph *g, const struct iv_graph_measures *m,
                              const struct iv_graph_communities *c, uint32_t v);
/** Community i: size, internal links, density, members with roles, brokers. */
json_t *iv_view_community_json(const struct iv_graph *g, const struct iv_graph_communities *c,
                               size_t i);
/** One k of a disruption plan: {"k", "removed", "names", "fragmentation", ...}. */
json_t *iv_view_keyset_json(const struct iv_graph *g, const struct iv_graph_keyset *neg,
                            const struct iv_graph_keyset *pos);
/** The links between two adjacent nodes, with evidence: {"from", "to", "links"}. */
json_t *iv_view_hop_json(const struct iv_graph *g, uint32_t a, uint32_t b);
/** A path: {"length", "nodes", "hops"}. */
json_t *iv_view_path_json(const struct iv_graph *g, const struct iv_graph_path *p);
/**
 * The node indexes 0..n-1 ordered by betweenness, highest first (ties by
 * index); the caller frees with iv_free().  NULL when memory runs out.
 */
uint32_t *iv_view_by_betweenness(const struct iv_graph_measures *m, size_t n);
/** A whole (small) graph: {"nodes": [...with degree], "edges": [...]}. */
json_t *iv_view_graph_json(const struct iv_graph *g);

#endif
