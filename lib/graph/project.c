/*
 * project.c - the network projection of the store (iv_graph_project), and
 * the link each edge schema makes in it (iv_graph_link_of, for entity
 * pages that name the same kinds).
 *
 * Canonical memberships first (resolution): record id -> canonical id, so
 * every record of one resolved person is one node.  A viewer's nodes take
 * canonical ids only for merges of two or more records that he sees
 * whole; a record alone keeps its own id, as does a record of a merge he
 * may not see whole, so that no hidden record or value changes what a node
 * is called (on_member, keep_whole_merges).  Then one pass over
 * the store's statements in table order (a scan: seeking through the
 * entity index costs three times as much) keeps, compactly, the
 * statements that make links and names; sorted by entity, they give
 *
 *  1. the links: the two ends of each edge schema (a Call's caller and
 *     receiver, or their numbers when the CDR names no person; a
 *     Payment's payer and beneficiary, or their accounts), its date,
 *     amount, duration and weight; a person's or organisation's phones and
 *     e-mails (selector nodes "phone:VALUE"); an account's, vehicle's or
 *     document's owner or holder; a journey's traveller and facilitator,
 *     and travellers of one travelling group;
 *  2. the names and schemata of the entities that became nodes.
 *
 * Every statement passes the viewer's filter (opts->visible) first; what
 * the filter hides is never counted, linked or named.  A link whose ends
 * are hidden does not exist for that viewer.  docs/network.md lists the
 * rules in an analyst's words.
 *
 * The store's schema of an entity is reconciled from all its statements,
 * hidden ones included (a secret statement saying Person narrows a
 * LegalEntity), so a viewer's projection does not use it: each entity
 * takes the most specific schema its visible statements were stated
 * under, and that decides its rule, whether it is read at all and its
 * node's schema.  Nor does a viewer's node order follow the entities' row
 * ids (an entity first created by a hidden statement comes early): the
 * entities are taken in the order of their first visible statements.
 * The operator's projection keeps the store's schema and row order.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "graph/graph_int.h" /* gr_expired: the time limit */
#include "iv/graph.h"
#include "iv/schema.h"
#include "iv/store.h"

/* ---- what each schema contributes ---------------------------------------------------- */

enum role { R_NONE, R_A, R_B, R_A_ALT, R_B_ALT, R_DATE, R_AMOUNT, R_DURATION, R_WEIGHT, R_GROUP };

struct rule {
	const char *schema;
	enum iv_graph_link kind;
	bool directed;
	const char *a, *b;         /* entity properties at the two ends */
	const char *a_alt, *b_alt; /* fallbacks when an end is missing (numbers, accounts) */
	const char *alt_schema;    /* the selector kind of the fallbacks: "phone" or "" */
};

/* clang-format off */
static const struct rule rules[] = {
	{"Call", IV_LINK_CALL, true, "caller", "receiver", "callerNumber", "receiverNumber", "phone"},
	{"Payment", IV_LINK_PAYMENT, true, "payer", "beneficiary", "payerAccount", "beneficiaryAccount", ""},
	{"Associate", IV_LINK_ASSOCIATE, false, "person", "associate", NULL, NULL, ""},
	{"Family", IV_LINK_FAMILY, false, "person", "relative", NULL, NULL, ""},
	{"Membership", IV_LINK_MEMBERSHIP, true, "member", "organization", NULL, NULL, ""},
	{"Employment", IV_LINK_EMPLOYMENT, true, "employee", "employer", NULL, NULL, ""},
	{"Directorship", IV_LINK_DIRECTORSHIP, true, "director", "organization", NULL, NULL, ""},
	{"Ownership", IV_LINK_OWNERSHIP, true, "owner", "asset", NULL, NULL, ""},
	{"UnknownLink", IV_LINK_OTHER, false, "subject", "object", NULL, NULL, ""},
	{"Journey", IV_LINK_JOURNEY, true, "facilitator", "traveller", NULL, NULL, ""},
	{"UserAccount", IV_LINK_SELECTOR, false, "owner", NULL, NULL, NULL, ""},
	{"Vehicle", IV_LINK_OWNERSHIP, true, "owner", NULL, "operator", NULL, ""},
	{"Vessel", IV_LINK_OWNERSHIP, true, "owner", NULL, "operator", NULL, ""},
	{"Airplane", IV_LINK_OWNERSHIP, true, "owner", NULL, "operator", NULL, ""},
	{"Identification", IV_LINK_SELECTOR, false, "holder", NULL, NULL, NULL, ""},
	{"Passport", IV_LINK_SELECTOR, false, "holder", NULL, NULL, NULL, ""},
	/* a leg of a journey and what it travelled in: co-travel (journey_legs) */
	{"JourneyLeg", IV_LINK_COTRAVEL, false, "journey", NULL, "vessel", "vehicle", ""},
	/* people and organisations: their phones and e-mails become selector nodes */
	{"Person", IV_LINK_SELECTOR, false, NULL, NULL, NULL, NULL, ""},
	{"Organization", IV_LINK_SELECTOR, false, NULL, NULL, NULL, NULL, ""},
	{"Company", IV_LINK_SELECTOR, false, NULL, NULL, NULL, NULL, ""},
	{"PublicBody", IV_LINK_SELECTOR, false, NULL, NULL, NULL, NULL, ""},
	{"LegalEntity", IV_LINK_SELECTOR, false, NULL, NULL, NULL, NULL, ""},
};
/* clang-format on */
#define NRULES (sizeof(rules) / sizeof(rules[0]))

int iv_graph_link_of(const char *schema, const char **a, const char **b)
{
	const struct iv_schema *s = schema ? iv_schema_get(schema) : NULL;
	const struct rule *found = NULL;

	/* its own rule first, else the first rule of an ancestor */
	for (size_t i = 0; s && !found && i < NRULES; i++)
		if (rules[i].a && rules[i].b && strcmp(rules[i].schema, schema) == 0)
			found = &rules[i];
	for (size_t i = 0; s && !found && i < NRULES; i++)
		if (rules[i].a && rules[i].b && iv_schema_is_a(s, rules[i].schema))
			found = &rules[i];
	if (a)
		*a = found ? found->a : NULL;
	if (b)
		*b = found ? found->b : NULL;
	return found ? (int)found->kind : -1;
}

/* the properties read: names (first, see name_nodes), every rule's ends, and these */
#define PROP_NAME 0
static const char *const props[] = {
        "name",         "caller",         "receiver",
        "callerNumber", "receiverNumber", "payer",
        "beneficiary",  "payerAccount",   "beneficiaryAccount",
        "person",       "associate",      "relative",
        "member",       "organization",   "employee",
        "employer",     "director",       "owner",
        "asset",        "subject",        "object",
        "facilitator",  "traveller",      "operator",
        "holder",       "group",          "phone",
        "email",        "date",           "startDate",
        "endDate",      "amount",         "duration",
        "weight",       "journey",        "vessel",
        "vehicle",
};
#define NPROPS (sizeof(props) / sizeof(props[0]))

/* the schemata read: the rules' (same index), then those that are only ever nodes */
static const char *const schemata[] = {
        "Call",         "Payment",   "Associate",      "Family",      "Membership",  "Employment",
        "Directorship", "Ownership", "UnknownLink",    "Journey",     "UserAccount", "Vehicle",
        "Vessel",       "Airplane",  "Identification", "Passport",    "JourneyLeg",  "Person",
        "Organization", "Company",   "PublicBody",     "LegalEntity", "BankAccount", "CryptoWallet",
        "Address",      "Document",
};
#define NSCHEMATA (sizeof(schemata) / sizeof(schemata[0]))

#define MAXV 16 /* values kept per property of one entity (more are counted, not linked) */

/*
 * The first traveller of a travelling group on a day, and the statements
 * that put them there.  The traveller is an entity id: a node only once
 * someone travels with them.
 */
struct cofirst {
	const char *traveller;
	int64_t traveller_stmt,
	        group_stmt; /* group_stmt: its group value or its leg's conveyance */
};

/* A journey's travellers as its statements name them (ids into proj.text). */
struct trip {
	const char *traveller[MAXV];
	int64_t stmt[MAXV];
	size_t n;
};

/* A leg read: its journey and what it travelled in, on its day. */
struct leg {
	const char *journey, *conveyance;
	int64_t date;
	int64_t journey_stmt, conveyance_stmt;
};

struct vals {
	const char *v[MAXV];
	int64_t stmt[MAXV];
	size_t n;
};

/* A statement kept for the projection: strings are offsets into proj.text. */
struct prow {
	int64_t entity;
	int64_t stmt;
	size_t value;
	uint8_t prop; /* index into props[] */
};

#define NO_SCHEMA 0xff
/* with a filter, an entity none of whose visible statements has been read yet */
#define UNDECIDED 0xfe
_Static_assert(NSCHEMATA < UNDECIDED, "a schema index is a byte below UNDECIDED");

struct proj {
	struct iv_store *st;
	struct prow *rows;
	size_t nrows, rows_alloc;
	char *text; /* NUL-terminated strings */
	size_t ntext, text_alloc;
	/*
	 * The entities of the schemata read, by row id: schema index
	 * (NO_SCHEMA: other) and id.  With a filter, until settle_schemata,
	 * every entity's slot holds the most specific schema of its visible
	 * statements so far, as an index into seen[] (UNDECIDED: none yet):
	 * one byte where on_row looks anyway, no second array to miss in.
	 */
	uint8_t *ent_schema;
	size_t *ent_eid;
	const struct iv_schema *seen[UNDECIDED];
	size_t nseen;
	uint8_t last_seen; /* the seen[] index narrow() looked up last */
	size_t nent, ent_alloc;
	struct iv_map prop_code;   /* property -> index + 1 */
	struct iv_map schema_code; /* schema -> index + 1 */
	const struct iv_graph_project_opts *o;
	struct iv_graph *g;
	struct iv_graph_project_report *rep;
	struct iv_buf *err;
	struct iv_map canon;   /* record id -> canonical id (resolved records only) */
	struct iv_arena arena; /* canonical ids */
	/* the canonical entity whose memberships are being read (they come in its order) */
	struct iv_buf entity_canon; /* its id */
	char *entity_canon_kept;    /* its copy in the arena, once a node is named by it */
	struct iv_buf first_member;
	size_t members;    /* read so far */
	struct iv_map vis; /* envelope id (decimal) -> 1 visible / 2 hidden */
	/* the entity being gathered in stream 2 */
	int64_t cur;
	const char *cur_eid;
	const struct rule *rule;
	struct vals ends[4]; /* a, b, a_alt, b_alt */
	struct vals phone, email, group;
	int64_t date, end;
	double amount, duration, weight;
	/* travelling groups: group value -> first traveller node + 1 */
	struct iv_map groups;
	/* journey legs: each journey's travellers, and the legs read (journey_legs) */
	struct iv_map journeys; /* journey id -> struct trip * (arena) */
	struct leg *legs;
	size_t nlegs, legs_alloc;
	uint64_t cotravel_capped;
};

static bool visible(struct proj *p, int64_t envelope)
{
	char key[24];
	void *v;

	if (!p->o->visible)
		return true;
	snprintf(key, sizeof(key), "%lld", (long long)envelope);
	v = iv_map_get(&p->vis, key);
	if (!v) {
		bool ok = p->o->visible(p->o->visible_ctx, envelope);

		/* a failed insert only costs asking the filter again */
		if (iv_map_put(&p->vis, key, (void *)(uintptr_t)(ok ? 1 : 2)) != IV_OK)
			return ok;
		return ok;
	}
	return (uintptr_t)v == 1;
}

/* ISO 8601 (partial allowed) as unix seconds at its start; IV_GRAPH_UNDATED when not a date. */
static int64_t to_seconds(const char *s)
{
	struct iv_date d;

	if (iv_date_parse(s, &d) != IV_OK)
		return IV_GRAPH_UNDATED;
	return iv_date_seconds(&d, false);
}

/* The node id of a referenced entity: its canonical id when resolved. */
static const char *node_id(struct proj *p, const char *eid)
{
	const char *c = iv_map_get(&p->canon, eid);

	return c ? c : eid;
}

/* The node of a referenced entity: under its canonical id when resolved. */
static IV_MUST_USE enum iv_err entity_node(struct proj *p, const char *eid, uint32_t *idx)
{
	return iv_graph_node(p->g, node_id(p, eid), "", "", idx, p->err);
}

/*
 * Whether a phone value is a number: at least six digits and no letters.
 * Call records write "PRIVATE", "Withheld" or "Unknown" for a hidden
 * caller; as nodes those would tie every withheld call together.
 */
static bool is_number(const char *v)
{
	size_t digits = 0;

	for (; *v; v++) {
		if ((*v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z'))
			return false;
		digits += *v >= '0' && *v <= '9';
	}
	return digits >= 6;
}

static IV_MUST_USE enum iv_err selector_node(struct proj *p, const char *kind, const char *schema,
                                             const char *value, uint32_t *idx)
{
	char small[256];
	struct iv_buf id = IV_BUF_INIT;
	enum iv_err rc;
	int n = snprintf(small, sizeof(small), "%s:%s", kind, value);

	/* on the hot path: the id is built on the stack unless the value is long */
	if (n >= 0 && (size_t)n < sizeof(small))
		return iv_graph_node(p->g, small, value, schema, idx, p->err);
	if (iv_buf_addf(&id, "%s:%s", kind, value))
		return iv_seterr(p->err, IV_ERR_NOMEM, "out of memory");
	rc = iv_graph_node(p->g, id.buf, value, schema, idx, p->err);
	iv_buf_release(&id);
	return rc;
}

/*
 * Whether an event falls in the window: its [start, end] overlaps it.  A
 * moment (a call, a leg) without an end ends where it starts; a tie with a
 * start and no end (open_ended) is still going on.  Undated: kept (a window
 * says nothing).  The caller says which it is for each entity: nothing of
 * the entity read before may decide it.
 */
static bool in_window(const struct proj *p, int64_t start, int64_t end, bool open_ended)
{
	if (start == IV_GRAPH_UNDATED && end == IV_GRAPH_UNDATED)
		return true;
	if (start == IV_GRAPH_UNDATED)
		start = end;
	if (end == IV_GRAPH_UNDATED)
		end = open_ended ? INT64_MAX : start;
	if (p->o->from != IV_GRAPH_UNDATED && end < p->o->from)
		return false;
	if (p->o->to != IV_GRAPH_UNDATED && start > p->o->to)
		return false;
	return true;
}

static bool wanted(const struct proj *p, enum iv_graph_link kind)
{
	return !p->o->kinds || (p->o->kinds & (1u << kind));
}

static IV_MUST_USE enum iv_err emit(struct proj *p, uint32_t a, uint32_t b, enum iv_graph_link kind,
                                    bool directed, int64_t sa, int64_t sb)
{
	struct iv_graph_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.a = a;
	ev.b = b;
	ev.kind = kind;
	ev.directed = directed;
	ev.weight = p->weight > 0 ? p->weight : 1.0;
	ev.amount = kind == IV_LINK_PAYMENT ? p->amount : 0;
	ev.duration = kind == IV_LINK_CALL ? p->duration : 0;
	ev.date = p->date;
	if (sa)
		ev.evidence[ev.nevidence++] = sa;
	if (sb)
		ev.evidence[ev.nevidence++] = sb;
	return iv_graph_event(p->g, &ev, p->err);
}

/* One end's nodes: the entity references, else the fallback (a number or an account). */
/* One end's usable values: the entity references, else the fallbacks (numbers, accounts). */
static void end_values(struct proj *p, int which, const char **val, int64_t *stmt, size_t *n,
                       bool *phones)
{
	const struct vals *v = p->ends[which].n ? &p->ends[which] : &p->ends[which + 2];

	*phones = !p->ends[which].n && p->rule->alt_schema[0];
	*n = 0;
	for (size_t i = 0; i < v->n; i++) {
		if (*phones && !is_number(v->v[i])) {
			p->rep->not_numbers++;
			continue;
		}
		val[*n] = v->v[i];
		stmt[(*n)++] = v->stmt[i];
	}
}

/* The nodes of one end's values (made only once both ends are known to exist). */
static IV_MUST_USE enum iv_err end_nodes(struct proj *p, const char *const *val, size_t n,
                                         bool phones, uint32_t *idx)
{
	enum iv_err rc = IV_OK;

	for (size_t i = 0; !rc && i < n; i++)
		rc = phones ? selector_node(p, p->rule->alt_schema, "Phone", val[i], &idx[i])
		            : entity_node(p, val[i], &idx[i]);
	return rc;
}

/* Travellers of one group: each joins the group's first traveller (a star, not a clique). */
/*
 * Travellers of one group on one day: each joins the group's first
 * traveller (a star, not a clique).  A group name means something only on
 * its day: "boat 1" on two dates is two crossings.
 */
/* A day's number (days since 1970) for grouping; -1 for undated. */
static int64_t day_of(int64_t date)
{
	return date == IV_GRAPH_UNDATED ? -1 : date / 86400;
}

/*
 * A co-travel link from the first traveller of a group (or leg) to another,
 * with four statements of evidence: each traveller's and what ties each to
 * the group (its group value, or its leg's vessel or vehicle).  The two
 * become nodes here, so that no one who travelled with nobody is one.
 */
static IV_MUST_USE enum iv_err cotravel_link(struct proj *p, const struct cofirst *first,
                                             const char *traveller, int64_t traveller_stmt,
                                             int64_t tie_stmt, int64_t date)
{
	struct iv_graph_event ev;
	uint32_t a, b;
	enum iv_err rc = entity_node(p, first->traveller, &a);

	if (!rc)
		rc = entity_node(p, traveller, &b);
	if (rc)
		return rc;
	memset(&ev, 0, sizeof(ev));
	ev.a = a;
	ev.b = b;
	ev.kind = IV_LINK_COTRAVEL;
	ev.weight = 1;
	ev.date = date;
	ev.evidence[0] = first->traveller_stmt;
	ev.evidence[1] = first->group_stmt;
	ev.evidence[2] = traveller_stmt;
	ev.evidence[3] = tie_stmt;
	ev.nevidence = 4;
	return iv_graph_event(p->g, &ev, p->err);
}

static IV_MUST_USE enum iv_err cotravel(struct proj *p, const char *traveller, int64_t stmt)
{
	enum iv_err rc = IV_OK;

	for (size_t i = 0; !rc && i < p->group.n; i++) {
		struct iv_buf key = IV_BUF_INIT;
		struct cofirst *first;

		if (iv_buf_addf(&key, "%s\x1f%lld", p->group.v[i], (long long)day_of(p->date))) {
			rc = iv_seterr(p->err, IV_ERR_NOMEM, "out of memory");
			break;
		}
		first = iv_map_get(&p->groups, key.buf);
		if (!first) {
			first = iv_arena_alloc(&p->arena, sizeof(*first));
			if (!first || iv_map_put(&p->groups, key.buf, first))
				rc = iv_seterr(p->err, IV_ERR_NOMEM, "out of memory");
			else
				*first = (struct cofirst){traveller, stmt, p->group.stmt[i]};
		} else {
			rc = cotravel_link(p, first, traveller, stmt, p->group.stmt[i], p->date);
		}
		iv_buf_release(&key);
	}
	return rc;
}

/* A journey's travellers, kept for the legs that name the journey (journey_legs). */
static IV_MUST_USE enum iv_err note_trip(struct proj *p)
{
	struct trip *t;

	if (!p->ends[1].n || iv_map_has(&p->journeys, p->cur_eid))
		return IV_OK;
	t = iv_arena_alloc(&p->arena, sizeof(*t));
	if (!t || iv_map_put(&p->journeys, p->cur_eid, t))
		return iv_seterr(p->err, IV_ERR_NOMEM, "out of memory reading journeys");
	memcpy(t->traveller, p->ends[1].v, p->ends[1].n * sizeof(t->traveller[0]));
	memcpy(t->stmt, p->ends[1].stmt, p->ends[1].n * sizeof(t->stmt[0]));
	t->n = p->ends[1].n;
	return IV_OK;
}

/* A leg, kept with each conveyance (vessel, vehicle) it names, on its day. */
static IV_MUST_USE enum iv_err note_leg(struct proj *p)
{
	if (!wanted(p, IV_LINK_COTRAVEL) || !p->ends[0].n || (!p->ends[2].n && !p->ends[3].n))
		return IV_OK;
	/* a leg is a moment, as its journey is */
	if (!in_window(p, p->date, p->end, false)) {
		p->rep->outside_window++;
		return IV_OK;
	}
	for (size_t j = 0; j < p->ends[0].n; j++)
		for (int w = 2; w < 4; w++)
			for (size_t i = 0; i < p->ends[w].n; i++) {
				if (p->nlegs == p->legs_alloc) {
					size_t want = p->legs_alloc ? 2 * p->legs_alloc : 256;
					struct leg *l = iv_realloc(p->legs, want * sizeof(*l));

					if (!l)
						return iv_seterr(
						        p->err, IV_ERR_NOMEM,
						        "out of memory reading journey legs");
					p->legs = l;
					p->legs_alloc = want;
				}
				p->legs[p->nlegs++] =
				        (struct leg){p->ends[0].v[j], p->ends[w].v[i], p->date,
				                     p->ends[0].stmt[j], p->ends[w].stmt[i]};
			}
	return IV_OK;
}

/*
 * An edge schema's entity (a call, a payment, a journey, a tie): a link
 * from every node at one end to every node at the other; a journey's
 * travellers who share a travelling group travel together.
 */
static IV_MUST_USE enum iv_err flush_link(struct proj *p)
{
	const struct rule *r = p->rule;
	uint32_t na_idx[MAXV], nb_idx[MAXV];
	int64_t sa[MAXV], sb[MAXV];
	const char *va[MAXV], *vb[MAXV];
	size_t na = 0, nb = 0;
	bool pa, pb;
	bool cot = r->kind == IV_LINK_JOURNEY && p->group.n && wanted(p, IV_LINK_COTRAVEL);
	bool link; /* the link of the rule's kind is made (not only co-travel) */
	/* a call, payment or journey is a moment; a tie with a start and no end goes on */
	bool open_ended =
	        r->kind != IV_LINK_CALL && r->kind != IV_LINK_PAYMENT && r->kind != IV_LINK_JOURNEY;
	enum iv_err rc;

	if (!in_window(p, p->date, p->end, open_ended)) {
		p->rep->outside_window++;
		return IV_OK;
	}
	if (!wanted(p, r->kind) && !cot)
		return IV_OK;
	end_values(p, 0, va, sa, &na, &pa);
	end_values(p, 1, vb, sb, &nb, &pb);
	if (!nb || (!na && !cot))
		return IV_OK; /* a link needs both ends */
	if (p->date != IV_GRAPH_UNDATED || p->end != IV_GRAPH_UNDATED)
		p->rep->dated_in_window++;
	/* the ends are nodes only when this link is made: with co-travel alone asked, a
	 * journey's facilitator is none, and its travellers only as cotravel_link makes them */
	link = na && wanted(p, r->kind);
	rc = link ? end_nodes(p, va, na, pa, na_idx) : IV_OK;
	if (!rc && link)
		rc = end_nodes(p, vb, nb, pb, nb_idx);
	for (size_t i = 0; !rc && link && i < na; i++)
		for (size_t j = 0; !rc && j < nb; j++)
			rc = emit(p, na_idx[i], nb_idx[j], r->kind, r->directed, sa[i], sb[j]);
	/* a journey's travellers who share a travelling group */
	for (size_t j = 0; !rc && cot && j < nb; j++)
		rc = cotravel(p, vb[j], sb[j]);
	return rc;
}

/* An asset or account: a link from its owner, holder or operator to it. */
static IV_MUST_USE enum iv_err flush_asset(struct proj *p)
{
	const struct rule *r = p->rule;
	uint32_t self;
	enum iv_err rc;

	if (!wanted(p, r->kind) || (!p->ends[0].n && !p->ends[2].n))
		return IV_OK;
	rc = entity_node(p, p->cur_eid, &self);
	for (int w = 0; !rc && w < 3; w += 2)
		for (size_t i = 0; !rc && i < p->ends[w].n; i++) {
			uint32_t o;

			rc = entity_node(p, p->ends[w].v[i], &o);
			if (!rc)
				rc = emit(p, o, self, r->kind, r->directed, p->ends[w].stmt[i], 0);
		}
	return rc;
}

/*
 * Whether any phone of the gathered entity is a number; the others are
 * counted and set to NULL, so that no selector node is made of them.
 */
static bool usable_phones(struct proj *p)
{
	bool have = false;

	for (size_t i = 0; i < p->phone.n; i++)
		if (!is_number(p->phone.v[i])) {
			p->rep->not_numbers++;
			p->phone.v[i] = NULL;
		} else {
			have = true;
		}
	return have;
}

/* A person or organisation: a link to each of its phones and e-mails, selector nodes. */
static IV_MUST_USE enum iv_err flush_selectors(struct proj *p)
{
	uint32_t self;
	enum iv_err rc;

	if (!wanted(p, IV_LINK_SELECTOR) || (!p->phone.n && !p->email.n))
		return IV_OK;
	p->date = IV_GRAPH_UNDATED;
	p->weight = 1;
	if (!usable_phones(p) && !p->email.n)
		return IV_OK; /* nothing usable: the entity is not made a lone node */
	rc = entity_node(p, p->cur_eid, &self);
	for (size_t i = 0; !rc && i < p->phone.n; i++) {
		uint32_t s;

		if (!p->phone.v[i])
			continue;
		rc = selector_node(p, "phone", "Phone", p->phone.v[i], &s);
		if (!rc)
			rc = emit(p, self, s, IV_LINK_SELECTOR, false, p->phone.stmt[i], 0);
	}
	for (size_t i = 0; !rc && i < p->email.n; i++) {
		uint32_t s;

		rc = selector_node(p, "email", "Email", p->email.v[i], &s);
		if (!rc)
			rc = emit(p, self, s, IV_LINK_SELECTOR, false, p->email.stmt[i], 0);
	}
	return rc;
}

/* The gathered entity is complete: turn it into events, by what its rule says it is. */
static IV_MUST_USE enum iv_err flush_entity(struct proj *p)
{
	const struct rule *r = p->rule;
	enum iv_err rc;

	if (!r)
		return IV_OK;
	if (r->kind == IV_LINK_COTRAVEL)
		return note_leg(p);
	if (r->kind == IV_LINK_JOURNEY && (rc = note_trip(p)) != IV_OK)
		return rc;
	if (r->a && r->b)
		return flush_link(p);
	if (r->a)
		return flush_asset(p);
	return flush_selectors(p);
}

static const char *text_at(const struct proj *p, size_t off)
{
	return p->text + off;
}

static void start_entity(struct proj *p, const struct prow *row)
{
	memset(p->ends, 0, sizeof(p->ends));
	memset(&p->phone, 0, sizeof(p->phone));
	memset(&p->email, 0, sizeof(p->email));
	memset(&p->group, 0, sizeof(p->group));
	p->cur = row->entity;
	p->cur_eid = text_at(p, p->ent_eid[row->entity]);
	p->rule = p->ent_schema[row->entity] < NRULES ? &rules[p->ent_schema[row->entity]] : NULL;
	p->date = p->end = IV_GRAPH_UNDATED;
	p->amount = p->duration = p->weight = 0;
}

static void keep(struct proj *p, struct vals *v, const struct prow *row)
{
	const char *value = text_at(p, row->value);

	if (!*value)
		return;
	if (v->n >= MAXV) {
		p->rep->values_dropped++;
		return;
	}
	v->v[v->n] = value;
	v->stmt[v->n++] = row->stmt;
}

/* One kept statement of an entity being gathered (the rows come sorted by entity). */
static void gather(struct proj *p, const struct prow *row)
{
	const struct rule *r = p->rule;
	const char *prop = props[row->prop], *value = text_at(p, row->value);

	if (!r)
		return;
	if (r->a && strcmp(prop, r->a) == 0)
		keep(p, &p->ends[0], row);
	else if (r->b && strcmp(prop, r->b) == 0)
		keep(p, &p->ends[1], row);
	else if (r->a_alt && strcmp(prop, r->a_alt) == 0)
		keep(p, &p->ends[2], row);
	else if (r->b_alt && strcmp(prop, r->b_alt) == 0)
		keep(p, &p->ends[3], row);
	else if (!r->a && strcmp(prop, "phone") == 0)
		keep(p, &p->phone, row);
	else if (!r->a && strcmp(prop, "email") == 0)
		keep(p, &p->email, row);
	else if (strcmp(prop, "group") == 0)
		keep(p, &p->group, row);
	else if (strcmp(prop, "date") == 0 || strcmp(prop, "startDate") == 0) {
		int64_t t = to_seconds(value);

		/* the earliest date an event carries */
		if (t != IV_GRAPH_UNDATED && (p->date == IV_GRAPH_UNDATED || t < p->date))
			p->date = t;
	} else if (strcmp(prop, "endDate") == 0) {
		int64_t t = to_seconds(value);

		if (t != IV_GRAPH_UNDATED && (p->end == IV_GRAPH_UNDATED || t > p->end))
			p->end = t;
	} else if (strcmp(prop, "amount") == 0) {
		/* one event's amount, however many sources wrote it ("500", "500.00") */
		double a = strtod(value, NULL);

		if (isfinite(a) && a > p->amount)
			p->amount = a;
	} else if (strcmp(prop, "duration") == 0) {
		double d = strtod(value, NULL);

		if (isfinite(d) && d > p->duration)
			p->duration = d;
	} else if (strcmp(prop, "weight") == 0) {
		double w = strtod(value, NULL);

		if (isfinite(w) && w > p->weight)
			p->weight = w;
	}
}

static IV_MUST_USE enum iv_err add_text(struct proj *p, const char *s, size_t *off)
{
	size_t n = strlen(s) + 1;

	if (p->ntext + n > p->text_alloc) {
		size_t want = p->text_alloc ? p->text_alloc : 1u << 20;
		char *t;

		while (want < p->ntext + n)
			want *= 2;
		t = iv_realloc(p->text, want);
		if (!t)
			return iv_seterr(p->err, IV_ERR_NOMEM, "out of memory reading the network");
		p->text = t;
		p->text_alloc = want;
	}
	memcpy(p->text + p->ntext, s, n);
	*off = p->ntext;
	p->ntext += n;
	return IV_OK;
}

/*
 * An entity from the store: the schemata read keep their id, by row id.
 * With a filter every entity does, its schema UNDECIDED: the store's
 * schema rests on hidden statements too.
 */
static IV_MUST_USE enum iv_err on_entity(void *ctx, int64_t entity, const char *eid,
                                         const char *schema)
{
	struct proj *p = ctx;
	void *sc;

	if (entity < 0 || (uint64_t)entity >= SIZE_MAX / 16)
		return iv_seterr(p->err, IV_ERR_DB, "an entity row id out of range");
	if ((size_t)entity >= p->ent_alloc) {
		size_t want = p->ent_alloc ? p->ent_alloc : 1u << 16;
		uint8_t *q;
		size_t *r;

		while (want <= (size_t)entity)
			want *= 2;
		q = iv_realloc(p->ent_schema, want);
		if (q)
			p->ent_schema = q;
		r = q ? iv_realloc(p->ent_eid, want * sizeof(*r)) : NULL;
		if (!r)
			return iv_seterr(p->err, IV_ERR_NOMEM, "out of memory reading the network");
		p->ent_eid = r;
		memset(p->ent_schema + p->ent_alloc, NO_SCHEMA, want - p->ent_alloc);
		p->ent_alloc = want;
	}
	if ((size_t)entity >= p->nent)
		p->nent = (size_t)entity + 1;
	if (p->o->visible) {
		p->ent_schema[entity] = UNDECIDED;
		return add_text(p, eid, &p->ent_eid[entity]);
	}
	sc = iv_map_get(&p->schema_code, schema);
	if (!sc)
		return IV_OK;
	p->ent_schema[entity] = (uint8_t)((uintptr_t)sc - 1);
	return add_text(p, eid, &p->ent_eid[entity]);
}

/* The seen[] index of a schema, added when new; UNDECIDED when seen[] is full. */
static uint8_t seen_index(struct proj *p, const struct iv_schema *s)
{
	for (size_t i = 0; i < p->nseen; i++)
		if (p->seen[i] == s)
			return (uint8_t)i;
	if (p->nseen == UNDECIDED)
		return UNDECIDED; /* the registry holds far fewer schemata */
	p->seen[p->nseen] = s;
	return (uint8_t)p->nseen++;
}

/*
 * With a filter: a visible statement's schema narrows its entity's.  The
 * store refuses a schema that is neither an ancestor nor a descendant of
 * an entity's, so the common one exists; were it missing, the first
 * stands.
 */
static void narrow(struct proj *p, int64_t entity, const char *schema)
{
	uint8_t *slot = &p->ent_schema[entity];
	const struct iv_schema *s, *now, *common;

	/* an entity's statements mostly come together, under one schema */
	if (p->last_seen == UNDECIDED ||
	    strcmp(schema, iv_schema_name(p->seen[p->last_seen])) != 0) {
		s = iv_schema_get(schema);
		if (!s)
			return;
		p->last_seen = seen_index(p, s);
		if (p->last_seen == UNDECIDED)
			return;
	}
	if (*slot == p->last_seen)
		return;
	s = p->seen[p->last_seen];
	now = *slot == UNDECIDED ? NULL : p->seen[*slot];
	common = now ? iv_schema_common(now, s) : s;
	if (common == s)
		*slot = p->last_seen;
}

/* A statement from the store: of an entity read, visible to the viewer, kept compactly. */
static IV_MUST_USE enum iv_err on_row(void *ctx, const struct iv_graph_row *row)
{
	struct proj *p = ctx;
	void *pc;
	struct prow *r;

	if (row->entity < 0 || (size_t)row->entity >= p->nent ||
	    p->ent_schema[row->entity] == NO_SCHEMA)
		return IV_OK;
	/* a clock read per 65,536 statements: nothing next to reading them */
	if ((p->rep->statements & 0xffff) == 0 && gr_expired())
		return gr_timeout_err(p->err, "the network projection");
	p->rep->statements++;
	if (!visible(p, row->envelope)) {
		p->rep->hidden++;
		return IV_OK;
	}
	if (p->o->visible)
		narrow(p, row->entity, row->schema);
	pc = iv_map_get(&p->prop_code, row->prop);
	if (!pc)
		return IV_OK;
	if (p->nrows == p->rows_alloc) {
		size_t want = p->rows_alloc ? 2 * p->rows_alloc : 1u << 16;
		struct prow *q = iv_realloc(p->rows, want * sizeof(*q));

		if (!q)
			return iv_seterr(p->err, IV_ERR_NOMEM, "out of memory reading the network");
		p->rows = q;
		p->rows_alloc = want;
	}
	r = &p->rows[p->nrows];
	r->entity = row->entity;
	r->stmt = row->statement;
	r->prop = (uint8_t)((uintptr_t)pc - 1);
	if (add_text(p, row->value, &r->value))
		return IV_ERR_NOMEM;
	p->nrows++;
	return IV_OK;
}

/* The group of a kept statement: its entity's rank, or without ranks its entity's row id. */
static inline size_t group_of(const size_t *rank, const struct prow *row)
{
	return rank ? rank[row->entity] : (size_t)row->entity;
}

/*
 * The kept statements grouped by entity: a counting sort on the row id,
 * or on rank[row id] < ngroups when given (stable, so each entity's
 * statements stay in table order), O(rows + entities) where a comparison
 * sort of millions of rows costs seconds.
 */
static IV_MUST_USE enum iv_err group_rows(struct proj *p, const size_t *rank, size_t ngroups)
{
	size_t *start = iv_calloc((ngroups + 1) * sizeof(*start));
	struct prow *out = iv_malloc((p->nrows + 1) * sizeof(*out));

	if (!start || !out) {
		iv_free(start);
		iv_free(out);
		return iv_seterr(p->err, IV_ERR_NOMEM, "out of memory grouping the network");
	}
	for (size_t i = 0; i < p->nrows; i++)
		start[group_of(rank, &p->rows[i]) + 1]++;
	for (size_t e = 0; e < ngroups; e++)
		start[e + 1] += start[e];
	for (size_t i = 0; i < p->nrows; i++)
		out[start[group_of(rank, &p->rows[i])]++] = p->rows[i];
	iv_free(start);
	iv_free(p->rows);
	p->rows = out;
	p->rows_alloc = p->nrows + 1;
	return IV_OK;
}

/*
 * With a filter, once every statement is read: each entity's schema is
 * the most specific its visible statements say, when it is one of the
 * schemata read; the kept statements of the others go.
 */
static void settle_schemata(struct proj *p)
{
	uint8_t code[UNDECIDED + 2];
	size_t n = 0;

	memset(code, NO_SCHEMA, sizeof(code));
	for (size_t i = 0; i < p->nseen; i++) {
		void *sc = iv_map_get(&p->schema_code, iv_schema_name(p->seen[i]));

		if (sc)
			code[i] = (uint8_t)((uintptr_t)sc - 1);
	}
	for (size_t e = 0; e < p->nent; e++)
		p->ent_schema[e] = code[p->ent_schema[e]];
	for (size_t i = 0; i < p->nrows; i++)
		if (p->ent_schema[p->rows[i].entity] != NO_SCHEMA) {
			if (n != i)
				p->rows[n] = p->rows[i];
			n++;
		}
	p->nrows = n;
}

/*
 * With a filter: the kept statements grouped by entity, the entities in
 * the order of their first visible statement rather than of their row ids
 * (an entity first created by a hidden statement has an early one), so
 * that no hidden statement moves a node.  The statements' own order is
 * the order they were stored in, which hidden ones do not change.
 */
static IV_MUST_USE enum iv_err group_rows_by_first_visible(struct proj *p)
{
	size_t *rank = iv_malloc((p->nent + 1) * sizeof(*rank));
	size_t n = 0;
	enum iv_err rc;

	if (!rank)
		return iv_seterr(p->err, IV_ERR_NOMEM, "out of memory grouping the network");
	for (size_t e = 0; e < p->nent; e++)
		rank[e] = SIZE_MAX;
	for (size_t i = 0; i < p->nrows; i++)
		if (rank[p->rows[i].entity] == SIZE_MAX)
			rank[p->rows[i].entity] = n++;
	rc = group_rows(p, rank, n);
	iv_free(rank);
	return rc;
}

/* Pass 1 over the sorted statements: each entity's links. */
static IV_MUST_USE enum iv_err make_links(struct proj *p)
{
	enum iv_err rc = IV_OK;

	for (size_t i = 0; !rc && i < p->nrows; i++) {
		if (i == 0 || p->rows[i].entity != p->rows[i - 1].entity) {
			if (i)
				rc = flush_entity(p);
			start_entity(p, &p->rows[i]);
		}
		gather(p, &p->rows[i]);
	}
	if (!rc && p->nrows)
		rc = flush_entity(p);
	return rc;
}

static int leg_order(const void *pa, const void *pb)
{
	const struct leg *a = pa, *b = pb;
	int c = strcmp(a->conveyance, b->conveyance);

	if (c)
		return c;
	if (day_of(a->date) != day_of(b->date))
		return day_of(a->date) < day_of(b->date) ? -1 : 1;
	/* then as read: the table's order, which the sort must keep */
	return a->conveyance_stmt < b->conveyance_stmt   ? -1
	       : a->conveyance_stmt > b->conveyance_stmt ? 1
	       : a->journey_stmt < b->journey_stmt       ? -1
	                                                 : a->journey_stmt > b->journey_stmt;
}

/*
 * Travelling on the same journey leg: legs in one vessel or vehicle on one
 * day put their journeys' travellers together, each joined to the first
 * traveller of the first such leg (a star, not a clique, as travelling
 * groups are), with the two travellers' and the two legs' statements as
 * evidence.  Undated legs meet only undated legs.
 */
static IV_MUST_USE enum iv_err journey_legs(struct proj *p)
{
	enum iv_err rc = IV_OK;

	if (p->nlegs > 1)
		qsort(p->legs, p->nlegs, sizeof(p->legs[0]), leg_order);
	for (size_t i = 0; !rc && i < p->nlegs;) {
		size_t j = i + 1;
		const struct leg *head = &p->legs[i];
		struct cofirst first;
		bool have_first = false;

		while (j < p->nlegs && strcmp(p->legs[j].conveyance, head->conveyance) == 0 &&
		       day_of(p->legs[j].date) == day_of(head->date))
			j++;
		for (size_t k = i; !rc && k < j; k++) {
			const struct leg *l = &p->legs[k];
			const struct trip *t = iv_map_get(&p->journeys, l->journey);

			for (size_t m = 0; !rc && t && m < t->n; m++) {
				const char *who = t->traveller[m];

				if (!have_first) {
					first = (struct cofirst){who, t->stmt[m],
					                         l->conveyance_stmt};
					have_first = true;
				} else if (strcmp(node_id(p, who), node_id(p, first.traveller))) {
					rc = cotravel_link(p, &first, who, t->stmt[m],
					                   l->conveyance_stmt, l->date);
				}
			}
		}
		i = j;
	}
	return rc;
}

/* Pass 2: the name (the first visible one) and schema of every entity that became a node. */
static IV_MUST_USE enum iv_err name_nodes(struct proj *p)
{
	enum iv_err rc = IV_OK;
	size_t i = 0;

	while (!rc && i < p->nrows) {
		int64_t e = p->rows[i].entity;
		const char *eid = text_at(p, p->ent_eid[e]), *c, *name = "";
		size_t j = i;
		long idx;
		uint32_t node;

		for (; j < p->nrows && p->rows[j].entity == e; j++)
			if (!*name && p->rows[j].prop == PROP_NAME)
				name = text_at(p, p->rows[j].value);
		c = iv_map_get(&p->canon, eid);
		idx = iv_graph_find(p->g, c ? c : eid);
		if (idx >= 0)
			rc = iv_graph_node(p->g, p->g->nodes[idx].id, name,
			                   schemata[p->ent_schema[e]], &node, p->err);
		i = j;
	}
	return rc;
}

/*
 * A membership; they come ordered by canonical id.  The operator's nodes
 * are named by the canonical id of every resolved record.  A viewer's
 * are only for a merge of two or more records (and of those, only the
 * merges he sees whole: keep_whole_merges): a record alone keeps its own
 * id, as a record of a merge he may not see whole does.  Were a record
 * alone named by its canonical id, a hidden record that a visible link
 * names would be told from an id the store never held, and a record of a
 * merge he may not see whole from a record alone.
 */
static IV_MUST_USE enum iv_err on_member(void *ctx, const char *entity, const char *canonical)
{
	struct proj *p = ctx;
	bool viewer = p->o->visible != NULL;

	if (p->members == 0 || strcmp(p->entity_canon.buf, canonical) != 0) {
		iv_buf_reset(&p->entity_canon);
		iv_buf_reset(&p->first_member);
		p->entity_canon_kept = NULL;
		p->members = 0;
		if (iv_buf_adds(&p->entity_canon, canonical) ||
		    iv_buf_adds(&p->first_member, entity))
			goto nomem;
	}
	if (++p->members == 1 && viewer)
		return IV_OK; /* named by the canonical id only if a second member comes */
	if (!p->entity_canon_kept) {
		p->entity_canon_kept =
		        iv_arena_strndup(&p->arena, p->entity_canon.buf, p->entity_canon.len);
		if (!p->entity_canon_kept ||
		    (viewer && iv_map_put(&p->canon, p->first_member.buf, p->entity_canon_kept)))
			goto nomem;
	}
	if (iv_map_put(&p->canon, entity, p->entity_canon_kept))
		goto nomem;
	return IV_OK;
nomem:
	return iv_seterr(p->err, IV_ERR_NOMEM, "out of memory reading canonical entities");
}

struct whole {
	struct proj *p;
	struct iv_map broken; /* canonical ids with a member statement the viewer may not see */
};

static IV_MUST_USE enum iv_err on_member_envelope(void *ctx, const char *entity, int64_t envelope)
{
	struct whole *w = ctx;
	const char *c;

	if (visible(w->p, envelope))
		return IV_OK;
	c = iv_map_get(&w->p->canon, entity);
	if (c && !iv_map_has(&w->broken, c) && iv_map_put(&w->broken, c, (void *)1))
		return iv_seterr(w->p->err, IV_ERR_NOMEM,
		                 "out of memory reading canonical entities");
	return IV_OK;
}

/* A member whose stored record does not say what fed it: its merge is not shown. */
static IV_MUST_USE enum iv_err on_unsaid_member(void *ctx, const char *entity,
                                                const char *canonical)
{
	struct whole *w = ctx;
	const char *c = iv_map_get(&w->p->canon, entity);

	(void)canonical; /* the map keys on p->canon's copy */
	if (c && !iv_map_has(&w->broken, c) && iv_map_put(&w->broken, c, (void *)1))
		return iv_seterr(w->p->err, IV_ERR_NOMEM,
		                 "out of memory reading canonical entities");
	return IV_OK;
}

/*
 * For a viewer, keep only the merges they see whole: a canonical entity
 * one of whose members holds a statement the filter holds back, or was
 * fed a value by an entity with one (a passport's number given to its
 * holder), stays as its records, since the merge may rest on that very
 * statement (the entity page's rule, lib/view/view.c, which asks
 * iv_resolve_feeders).  A member whose stored record does not say what
 * fed it (a store resolved before records kept it) keeps its merge from
 * the viewer until the next resolution says.  (Records alone are not in
 * p->canon for a viewer: on_member.)
 */
static IV_MUST_USE enum iv_err keep_whole_merges(struct proj *p)
{
	struct whole w = {p, IV_MAP_INIT};
	struct iv_map kept = IV_MAP_INIT;
	const char *key;
	void *value;
	size_t pos = 0;
	enum iv_err rc = iv_store_res_member_envelopes(p->st, on_member_envelope, &w, p->err);

	if (!rc)
		rc = iv_store_res_unsaid_members(p->st, on_unsaid_member, &w, p->err);

	while (!rc && iv_map_next(&p->canon, &pos, &key, &value))
		if (!iv_map_has(&w.broken, value) && iv_map_put(&kept, key, value))
			rc = iv_seterr(p->err, IV_ERR_NOMEM,
			               "out of memory reading canonical entities");
	iv_map_release(&w.broken);
	if (rc) {
		iv_map_release(&kept);
		return rc;
	}
	iv_map_release(&p->canon);
	p->canon = kept;
	return IV_OK;
}

static void evidence_name(void *ctx, int64_t statement, char *out, size_t size)
{
	char hex[IV_HASH_HEX];

	if (iv_store_statement_hash(ctx, statement, hex, NULL) == IV_OK)
		snprintf(out, size, "%s", hex);
	else
		snprintf(out, size, "%lld", (long long)statement);
}

/*
 * The projection's graph, which names evidence by statement hash; also
 * checks that rules[] and schemata[] agree, since on_entity's schema index
 * is used for both.
 */
static IV_MUST_USE enum iv_err new_projection_graph(struct proj *p)
{
	enum iv_err rc = iv_graph_new(&p->g, p->err);

	if (rc)
		return rc;
	p->g->evidence_name = evidence_name;
	p->g->evidence_ctx = p->st;
	for (size_t i = 0; i < NRULES; i++)
		if (strcmp(rules[i].schema, schemata[i]) != 0) {
			iv_graph_free(p->g);
			p->g = NULL;
			return iv_seterr(p->err, IV_ERR_INTERNAL,
			                 "project.c: rules and schemata disagree");
		}
	return IV_OK;
}

/* Record id -> canonical id, for a viewer only the merges they see whole. */
static IV_MUST_USE enum iv_err read_merges(struct proj *p)
{
	enum iv_err rc = IV_OK;

	/* a merge may rest on any statement of its members: see keep_whole_merges */
	if (!p->o->visible || p->o->merges)
		rc = iv_store_res_each_member(p->st, on_member, p, p->err);
	if (!rc && p->o->visible && p->canon.len)
		rc = keep_whole_merges(p);
	return rc;
}

/* The codes of the properties and schemata read (index + 1), for on_row and on_entity. */
static IV_MUST_USE enum iv_err make_codes(struct proj *p)
{
	enum iv_err rc = IV_OK;

	for (size_t i = 0; !rc && i < NPROPS; i++)
		if (iv_map_put(&p->prop_code, props[i], (void *)(uintptr_t)(i + 1)))
			rc = iv_seterr(p->err, IV_ERR_NOMEM, "out of memory");
	for (size_t i = 0; !rc && i < NSCHEMATA; i++)
		if (iv_map_put(&p->schema_code, schemata[i], (void *)(uintptr_t)(i + 1)))
			rc = iv_seterr(p->err, IV_ERR_NOMEM, "out of memory");
	return rc;
}

/* The entities, then one pass over the statements, grouped by entity. */
static IV_MUST_USE enum iv_err read_statements(struct proj *p)
{
	enum iv_err rc = iv_store_graph_entities(p->st, on_entity, p, p->err);

	if (!rc)
		rc = iv_store_graph_rows(p->st, props, NPROPS, on_row, p, p->err);
	if (rc)
		return rc;
	if (!p->o->visible)
		return group_rows(p, NULL, p->nent);
	settle_schemata(p);
	return group_rows_by_first_visible(p);
}

/*
 * A node nothing named: a reference to an entity the store does not
 * hold.  Asked of the store only for the operator: for a viewer, "not
 * there" and "hidden" must look the same.
 */
static IV_MUST_USE enum iv_err count_dangling(struct proj *p)
{
	enum iv_err rc = IV_OK;

	for (size_t i = 0; !rc && !p->o->visible && i < p->g->nnodes; i++) {
		bool exists = true;

		if (*p->g->nodes[i].schema)
			continue;
		rc = iv_store_entity_exists(p->st, p->g->nodes[i].id, &exists, p->err);
		if (!rc && !exists)
			p->rep->dangling++;
	}
	return rc;
}

/*
 * Everything read from the store, in one snapshot, so that the merges,
 * what they rest on and the statements agree.
 */
static IV_MUST_USE enum iv_err read_snapshot(struct proj *p)
{
	bool own = false;
	enum iv_err rc = iv_store_access_read_begin(p->st, &own, p->err);

	if (rc)
		return rc;
	rc = read_merges(p);
	if (!rc)
		rc = make_codes(p);
	if (!rc)
		rc = read_statements(p);
	if (!rc)
		rc = make_links(p);
	if (!rc)
		rc = journey_legs(p);
	if (!rc)
		rc = name_nodes(p);
	if (!rc)
		rc = count_dangling(p);
	iv_store_access_read_end(p->st, own);
	return rc;
}

/* What the projection held while it ran; not the graph. */
static void proj_release(struct proj *p)
{
	iv_map_release(&p->canon);
	iv_buf_release(&p->entity_canon);
	iv_buf_release(&p->first_member);
	iv_map_release(&p->vis);
	iv_map_release(&p->groups);
	iv_map_release(&p->journeys);
	iv_free(p->legs);
	iv_map_release(&p->prop_code);
	iv_map_release(&p->schema_code);
	iv_arena_release(&p->arena);
	iv_free(p->rows);
	iv_free(p->text);
	iv_free(p->ent_schema);
	iv_free(p->ent_eid);
}

enum iv_err iv_graph_project(struct iv_store *st, const struct iv_graph_project_opts *opts,
                             struct iv_graph **out, struct iv_graph_project_report *report,
                             struct iv_buf *err)
{
	static const struct iv_graph_project_opts defaults = {
	        IV_GRAPH_UNDATED, IV_GRAPH_UNDATED, 0, NULL, NULL, false};
	struct iv_graph_project_report scratch_rep;
	struct proj p;
	struct timespec ts0, ts1;
	enum iv_err rc;

	*out = NULL;
	memset(&p, 0, sizeof(p));
	iv_buf_init(&p.entity_canon, 0);
	iv_buf_init(&p.first_member, 0);
	if (!report)
		report = &scratch_rep;
	memset(report, 0, sizeof(*report));
	clock_gettime(CLOCK_MONOTONIC, &ts0);
	p.st = st;
	p.o = opts ? opts : &defaults;
	p.rep = report;
	p.err = err;
	p.cur = -1;
	p.last_seen = UNDECIDED;
	if (p.o->from != IV_GRAPH_UNDATED && p.o->to != IV_GRAPH_UNDATED && p.o->from > p.o->to)
		return iv_seterr(err, IV_ERR_INVALID, "the time window ends before it starts");
	rc = new_projection_graph(&p);
	if (rc)
		return rc;
	rc = read_snapshot(&p);
	if (!rc)
		rc = iv_graph_finish(p.g, err);
	proj_release(&p);
	if (rc) {
		iv_graph_free(p.g);
		return rc;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts1);
	report->seconds = (double)(ts1.tv_sec - ts0.tv_sec) + (ts1.tv_nsec - ts0.tv_nsec) / 1e9;
	*out = p.g;
	return IV_OK;
}
