/*
 * formats.c - a finished network written out for the analysts' tools:
 * GraphML, GEXF 1.3 (Gephi), i2 Analyst's Notebook ANX and Cytoscape.js
 * JSON (iv/graph.h).
 *
 * Every format carries the same facts under the same names.  Nodes: id,
 * name, schema and, when given, degree, strength, betweenness,
 * betweenness_norm, closeness, pagerank, eigenvector, coreness,
 * articulation, community and role.  Edges: kind, count, weight, amount,
 * duration, first and last (ISO 8601 UTC, left out when undated),
 * direction and evidence (the statement ids, space-separated; a list in
 * JSON).  An edge's ends are written so that a one-way edge points from
 * source to target; direction says "undirected", "directed" (source ->
 * target) or "mutual" (events went both ways), as GEXF names them.
 *
 * Streaming: the three XML formats go through libxml2's xmlTextWriter
 * into an output buffer whose write callback is the caller's sink, and
 * the JSON is dumped one element at a time, so memory does not grow with
 * the network.  When the sink refuses, nothing more reaches it and its
 * error comes back.  libxml2 would print its I/O errors; its error
 * handlers are silenced while we write (the library never prints).
 *
 * Text: names may hold any Unicode and are written as they are.  Bytes
 * that are not UTF-8, and characters XML 1.0 cannot carry (C0 controls
 * other than tab, LF and CR, U+FFFE, U+FFFF), become U+FFFD in every
 * format.  Node ids are written as they are (escaped), except in GraphML,
 * whose ids must be NMTOKENs: there node v is "n<v>" and the canonical id
 * is the "id" attribute.  When some node id would have to be altered to be
 * written, every format falls back to "n<v>" ids, so that two ids can
 * never become one.  In Cytoscape JSON data.id is the element's own id,
 * so the canonical id is given as entity_id; edge ids there are
 * "e<index>", lengthened if a node id could clash.
 *
 * i2 ANX, as ANB's import reads it (the XML chart format of ANB 7 and
 * later, linking by identity: IdReferenceLinking="false"):
 *  - Chart > StrengthCollection, AttributeClassCollection,
 *    EntityTypeCollection, LinkTypeCollection, ChartItemCollection, in
 *    that order; the collections declare only what the chart uses.
 *  - A node is a ChartItem (Label = name, or the id when unnamed) holding
 *    End > Entity (EntityId = Identity = the node id) > Icon > IconStyle
 *    whose Type is the i2 entity type of its schema: Person -> Person;
 *    Organization, Company, PublicBody -> Organisation; Phone ->
 *    Telephone; Email -> Email; BankAccount -> Bank Account; Vehicle ->
 *    Car; Vessel -> Ship; Identification, Passport -> Passport; any other
 *    -> Anonymous.  EntityType declares only the name, so that ANB takes
 *    the icon from its own library.  Nodes sit on a grid (End X/Y) for
 *    ANB's layouts to rearrange.
 *  - An edge is a ChartItem (Label = kind) holding Link (End1Id, End2Id =
 *    the ends' identities) > LinkStyle: Type = kind; ArrowStyle from the
 *    direction bits (ArrowOnHead one way, ArrowOnBoth both, ArrowNone);
 *    LineWidth 1 + log2(weight), at most 5, so heavier ties draw
 *    thicker; and Strength, one of i2's three default strengths:
 *      Confirmed   two or more events adding up to a weight of 2 or more
 *                  (the tie is corroborated);
 *      Unconfirmed one full-weight event, or several light ones;
 *      Tentative   a total weight below 1 (the sources rate the tie as
 *                  weaker than one plain event, e.g. an inferred one).
 *    A dated edge carries DateTime = first (UTC, with TimeZone UniqueID 1,
 *    Coordinated Universal Time) and DateSet/TimeSet; its Description
 *    lists the evidence.
 *  - Every other fact is an Attribute of the item, its AttributeClass
 *    AttText, AttNumber or AttFlag (dates as AttText), hidden on the
 *    chart (Visible="false") until the analyst shows it.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/globals.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>

#include "iv/graph.h"
#include "iv/util.h"

#define GRAPHML_NS  "http://graphml.graphdrawing.org/xmlns"
#define GRAPHML_XSD "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
#define GEXF_NS     "http://gexf.net/1.3"
#define GEXF_XSD    "http://gexf.net/1.3/gexf.xsd"
#define XSI_NS      "http://www.w3.org/2001/XMLSchema-instance"
#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

static const char *const format_names[] = {"graphml", "gexf", "anx", "cyjs"};

int iv_graph_format_parse(const char *name)
{
	for (int i = 0; name && i < (int)(sizeof(format_names) / sizeof(format_names[0])); i++)
		if (strcmp(name, format_names[i]) == 0)
			return i;
	return -1;
}

/* ---- the facts written, by name and type --------------------------------------------- */

enum vtype { V_TEXT, V_REAL, V_INT, V_BOOL };

struct value {
	enum vtype type;
	const char *s; /* V_TEXT, as stored (cleaned when written) */
	double d;
	long long i;
	bool b;
};

struct attr_def {
	const char *name;
	enum vtype type;
};

enum node_attr {
	NA_ID,
	NA_NAME,
	NA_SCHEMA,
	NA_DEGREE,
	NA_STRENGTH,
	NA_BETWEENNESS,
	NA_BETWEENNESS_NORM,
	NA_CLOSENESS,
	NA_PAGERANK,
	NA_EIGENVECTOR,
	NA_CORENESS,
	NA_ARTICULATION,
	NA_COMMUNITY,
	NA_ROLE,
	NA_N
};

static const struct attr_def node_attrs[NA_N] = {
        [NA_ID] = {"id", V_TEXT},
        [NA_NAME] = {"name", V_TEXT},
        [NA_SCHEMA] = {"schema", V_TEXT},
        [NA_DEGREE] = {"degree", V_REAL},
        [NA_STRENGTH] = {"strength", V_REAL},
        [NA_BETWEENNESS] = {"betweenness", V_REAL},
        [NA_BETWEENNESS_NORM] = {"betweenness_norm", V_REAL},
        [NA_CLOSENESS] = {"closeness", V_REAL},
        [NA_PAGERANK] = {"pagerank", V_REAL},
        [NA_EIGENVECTOR] = {"eigenvector", V_REAL},
        [NA_CORENESS] = {"coreness", V_INT},
        [NA_ARTICULATION] = {"articulation", V_BOOL},
        [NA_COMMUNITY] = {"community", V_INT},
        [NA_ROLE] = {"role", V_TEXT},
};

enum edge_attr {
	EA_KIND,
	EA_COUNT,
	EA_WEIGHT,
	EA_AMOUNT,
	EA_DURATION,
	EA_FIRST,
	EA_LAST,
	EA_DIRECTION,
	EA_EVIDENCE,
	EA_N
};

static const struct attr_def edge_attrs[EA_N] = {
        [EA_KIND] = {"kind", V_TEXT},         [EA_COUNT] = {"count", V_INT},
        [EA_WEIGHT] = {"weight", V_REAL},     [EA_AMOUNT] = {"amount", V_REAL},
        [EA_DURATION] = {"duration", V_REAL}, [EA_FIRST] = {"first", V_TEXT},
        [EA_LAST] = {"last", V_TEXT},         [EA_DIRECTION] = {"direction", V_TEXT},
        [EA_EVIDENCE] = {"evidence", V_TEXT},
};

/* ---- the writer's state ------------------------------------------------------------------ */

/* An edge as it is written: ends oriented, dates and evidence as text. */
struct edge_view {
	const struct iv_graph_edge *ed;
	uint32_t src, dst;
	const char *direction;
	char first[32], last[32]; /* "" when undated */
};

struct fw {
	const struct iv_graph *g;
	const struct iv_graph_measures *m;
	const struct iv_graph_communities *c;
	iv_write_fn write;
	void *ctx;
	enum iv_err sink_rc; /* the sink's refusal; nothing reaches it after one */
	enum iv_err rc;      /* our own failure (memory), IV_OK otherwise */
	bool failed;         /* sticky: stop writing */
	bool index_ids;      /* node ids are written as n<index> */
	xmlTextWriterPtr xw;
	struct iv_buf text;     /* a cleaned copy of the string being written */
	struct iv_buf evidence; /* the current edge's evidence ids */
	char num[48];           /* a number or short id being written */
	char id[24];            /* "n<index>" */
	char *json;             /* Cytoscape: the element being written */
	size_t json_alloc;
};

static void fail_nomem(struct fw *w)
{
	if (!w->rc)
		w->rc = IV_ERR_NOMEM;
	w->failed = true;
}

/* ---- text that XML and JSON can carry -------------------------------------------------- */

/* Length of the UTF-8 sequence that byte c leads (1..4), or 0 when it leads none. */
static size_t seq_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	return 0;
}

/* Whether the valid UTF-8 character p[0..n) may appear in XML 1.0. */
static bool xml_char(const unsigned char *p, size_t n)
{
	if (n == 1)
		return p[0] >= 0x20 || p[0] == '\t' || p[0] == '\n' || p[0] == '\r';
	return !(n == 3 && p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf));
}

/* A character that is valid UTF-8 and XML starts at s[i]: its length, else 0. */
static size_t good_char(const char *s, size_t n, size_t i)
{
	size_t k = seq_len((unsigned char)s[i]);

	if (!k || k > n - i || !iv_utf8_valid(s + i, k, NULL) ||
	    !xml_char((const unsigned char *)s + i, k))
		return 0;
	return k;
}

static bool clean_text(const char *s)
{
	size_t n = strlen(s), k;

	for (size_t i = 0; i < n; i += k)
		if (!(k = good_char(s, n, i)))
			return false;
	return true;
}

/*
 * s as it may be written: s itself when clean, else a copy in w->text
 * (valid until the next call) with each bad byte or character replaced by
 * U+FFFD.  NULL when memory runs out.
 */
static const char *clean(struct fw *w, const char *s)
{
	size_t n = strlen(s), k, i = 0;

	if (clean_text(s))
		return s;
	iv_buf_reset(&w->text);
	while (i < n) {
		enum iv_err rc;

		if ((k = good_char(s, n, i))) {
			rc = iv_buf_add(&w->text, s + i, k);
			i += k;
		} else {
			rc = iv_buf_add(&w->text, REPLACEMENT, 3);
			k = seq_len((unsigned char)s[i]);
			/* a valid character XML refuses is replaced whole, a bad byte alone */
			i += k && k <= n - i && iv_utf8_valid(s + i, k, NULL) ? k : 1;
		}
		if (rc) {
			fail_nomem(w);
			return NULL;
		}
	}
	return w->text.buf;
}

/* IV_REAL_DIGITS significant digits, "." as the decimal point whatever the locale; XSD spellings of
 * NaN/INF. */
static const char *fmt_real(struct fw *w, double d)
{
	if (isnan(d))
		return "NaN";
	if (isinf(d))
		return d > 0 ? "INF" : "-INF";
	snprintf(w->num, sizeof(w->num), "%.*g", IV_REAL_DIGITS, d);
	for (char *p = w->num; *p; p++)
		if (*p == ',')
			*p = '.';
	return w->num;
}

/* A value as XML text (numbers in w->num); NULL when memory runs out. */
static const char *value_text(struct fw *w, const struct value *v)
{
	switch (v->type) {
	case V_TEXT:
		return clean(w, v->s);
	case V_REAL:
		return fmt_real(w, v->d);
	case V_INT:
		snprintf(w->num, sizeof(w->num), "%lld", v->i);
		return w->num;
	case V_BOOL:
		return v->b ? "true" : "false";
	}
	return "";
}

/* ---- node and edge facts ------------------------------------------------------------------ */

static bool node_attr_present(const struct fw *w, enum node_attr a)
{
	const struct iv_graph_measures *m = w->m;

	switch (a) {
	case NA_ID:
	case NA_NAME:
	case NA_SCHEMA:
		return true;
	case NA_DEGREE:
		return m && m->degree;
	case NA_STRENGTH:
		return m && m->strength;
	case NA_BETWEENNESS:
		return m && m->betweenness;
	case NA_BETWEENNESS_NORM:
		return m && m->betweenness_norm;
	case NA_CLOSENESS:
		return m && m->closeness;
	case NA_PAGERANK:
		return m && m->pagerank;
	case NA_EIGENVECTOR:
		return m && m->eigenvector;
	case NA_CORENESS:
		return m && m->coreness;
	case NA_ARTICULATION:
		return m && m->articulation;
	case NA_COMMUNITY:
		return w->c && w->c->membership;
	case NA_ROLE:
		return w->c && w->c->role;
	case NA_N:
		break;
	}
	return false;
}

/* Node v's value of a present attribute; false when it has none. */
static bool node_value(const struct fw *w, enum node_attr a, uint32_t v, struct value *out)
{
	const struct iv_graph_node *nd = &w->g->nodes[v];
	const struct iv_graph_measures *m = w->m;

	memset(out, 0, sizeof(*out));
	out->type = node_attrs[a].type;
	switch (a) {
	case NA_ID:
		out->s = nd->id;
		break;
	case NA_NAME:
		out->s = nd->name;
		break;
	case NA_SCHEMA:
		out->s = nd->schema;
		break;
	case NA_DEGREE:
		out->d = m->degree[v];
		break;
	case NA_STRENGTH:
		out->d = m->strength[v];
		break;
	case NA_BETWEENNESS:
		out->d = m->betweenness[v];
		break;
	case NA_BETWEENNESS_NORM:
		out->d = m->betweenness_norm[v];
		break;
	case NA_CLOSENESS:
		out->d = m->closeness[v];
		break;
	case NA_PAGERANK:
		out->d = m->pagerank[v];
		break;
	case NA_EIGENVECTOR:
		out->d = m->eigenvector[v];
		break;
	case NA_CORENESS:
		out->i = m->coreness[v];
		break;
	case NA_ARTICULATION:
		out->b = m->articulation[v];
		break;
	case NA_COMMUNITY:
		out->i = w->c->membership[v];
		break;
	case NA_ROLE:
		out->s = iv_graph_role_name((enum iv_graph_role)w->c->role[v]);
		return out->s != NULL;
	case NA_N:
		return false;
	}
	return true;
}

static const char *direction_word(uint8_t dir)
{
	switch (dir & 3) {
	case 1:
	case 2:
		return "directed";
	case 3:
		return "mutual";
	}
	return "undirected";
}

/* Edge e as written: one-way edges point source -> target; dates and evidence as text. */
static void view_edge(struct fw *w, size_t e, struct edge_view *ev)
{
	const struct iv_graph_edge *ed = &w->g->edges[e];
	char one[128];

	ev->ed = ed;
	ev->src = (ed->dir & 3) == 2 ? ed->b : ed->a;
	ev->dst = (ed->dir & 3) == 2 ? ed->a : ed->b;
	ev->direction = direction_word(ed->dir);
	ev->first[0] = ev->last[0] = '\0';
	if (ed->first != IV_GRAPH_UNDATED)
		iv_time_format(ed->first, ev->first, sizeof(ev->first));
	if (ed->last != IV_GRAPH_UNDATED)
		iv_time_format(ed->last, ev->last, sizeof(ev->last));
	iv_buf_reset(&w->evidence);
	for (uint32_t k = 0; k < ed->ev_n; k++) {
		one[0] = '\0';
		iv_graph_evidence_text(w->g, w->g->evidence[ed->ev_off + k], one, sizeof(one));
		if ((k && iv_buf_addch(&w->evidence, ' ')) || iv_buf_adds(&w->evidence, one)) {
			fail_nomem(w);
			return;
		}
	}
}

/* Edge value of an attribute; false when the edge has none (undated, no evidence). */
static bool edge_value(const struct fw *w, enum edge_attr a, const struct edge_view *ev,
                       struct value *out)
{
	const struct iv_graph_edge *ed = ev->ed;

	memset(out, 0, sizeof(*out));
	out->type = edge_attrs[a].type;
	switch (a) {
	case EA_KIND:
		out->s = iv_graph_link_name((enum iv_graph_link)ed->kind);
		return out->s != NULL;
	case EA_COUNT:
		out->i = ed->count;
		return true;
	case EA_WEIGHT:
		out->d = ed->weight;
		return true;
	case EA_AMOUNT:
		out->d = ed->amount;
		return true;
	case EA_DURATION:
		out->d = ed->duration;
		return true;
	case EA_FIRST:
		out->s = ev->first;
		return *ev->first != '\0';
	case EA_LAST:
		out->s = ev->last;
		return *ev->last != '\0';
	case EA_DIRECTION:
		out->s = ev->direction;
		return true;
	case EA_EVIDENCE:
		out->s = w->evidence.buf;
		return w->evidence.len > 0;
	case EA_N:
		break;
	}
	return false;
}

/*
 * The id node v is written under (outside GraphML): its own id, or
 * "n<v>" when ids fall back to indexes.  Borrowed until the next call.
 */
static const char *node_id(struct fw *w, uint32_t v)
{
	if (!w->index_ids)
		return w->g->nodes[v].id;
	snprintf(w->id, sizeof(w->id), "n%u", v);
	return w->id;
}

/* ---- XML through libxml2's text writer ------------------------------------------------ */

static int sink_xml_write(void *ctx, const char *buf, int len)
{
	struct fw *w = ctx;
	enum iv_err rc;

	if (w->sink_rc)
		return -1;
	if (len <= 0)
		return 0;
	rc = w->write(w->ctx, buf, (size_t)len);
	if (rc) {
		w->sink_rc = rc;
		w->failed = true;
		return -1;
	}
	return len;
}

static int sink_xml_close(void *ctx)
{
	return 0;
}

/* Each x_ helper does nothing once writing has failed, and records a failure. */
static void x_check(struct fw *w, int ret)
{
	if (ret < 0)
		w->failed = true;
}

static void x_start(struct fw *w, const char *name)
{
	if (!w->failed)
		x_check(w, xmlTextWriterStartElement(w->xw, BAD_CAST name));
}

static void x_end(struct fw *w)
{
	if (!w->failed)
		x_check(w, xmlTextWriterEndElement(w->xw));
}

/* An attribute whose value is known to be clean (ASCII we made). */
static void x_attr_raw(struct fw *w, const char *name, const char *value)
{
	if (!w->failed)
		x_check(w, xmlTextWriterWriteAttribute(w->xw, BAD_CAST name, BAD_CAST value));
}

/* An attribute with a value from the data, cleaned. */
static void x_attr(struct fw *w, const char *name, const char *value)
{
	const char *v;

	if (w->failed || !(v = clean(w, value)))
		return;
	x_attr_raw(w, name, v);
}

static void x_attrf(struct fw *w, const char *name, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
static void x_attrf(struct fw *w, const char *name, const char *fmt, ...)
{
	char v[64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v, sizeof(v), fmt, ap);
	va_end(ap);
	x_attr_raw(w, name, v);
}

/* <name>text</name>, the text cleaned. */
static void x_text_element(struct fw *w, const char *name, const char *text)
{
	const char *v;

	x_start(w, name);
	if (!w->failed && (v = clean(w, text)))
		x_check(w, xmlTextWriterWriteString(w->xw, BAD_CAST v));
	x_end(w);
}

/* ---- GraphML ------------------------------------------------------------------------------ */

/* GraphML and GEXF name the value types alike. */
static const char *xml_type(enum vtype t)
{
	static const char *const names[] = {
	        [V_TEXT] = "string", [V_REAL] = "double", [V_INT] = "long", [V_BOOL] = "boolean"};
	return names[t];
}

static void graphml_key(struct fw *w, const struct attr_def *a, const char *domain)
{
	x_start(w, "key");
	x_attr_raw(w, "id", a->name);
	x_attr_raw(w, "for", domain);
	x_attr_raw(w, "attr.name", a->name);
	x_attr_raw(w, "attr.type", xml_type(a->type));
	x_end(w);
}

static void graphml_data(struct fw *w, const char *key, const struct value *v)
{
	const char *text = value_text(w, v);

	if (!text) /* out of memory, already recorded */
		return;
	x_start(w, "data");
	x_attr_raw(w, "key", key);
	if (!w->failed)
		x_check(w, xmlTextWriterWriteString(w->xw, BAD_CAST text));
	x_end(w);
}

static void write_graphml(struct fw *w)
{
	const struct iv_graph *g = w->g;
	struct value val;

	x_start(w, "graphml");
	x_attr_raw(w, "xmlns", GRAPHML_NS);
	x_attr_raw(w, "xmlns:xsi", XSI_NS);
	x_attr_raw(w, "xsi:schemaLocation", GRAPHML_NS " " GRAPHML_XSD);
	for (int a = 0; a < NA_N; a++)
		if (node_attr_present(w, a))
			graphml_key(w, &node_attrs[a], "node");
	for (int a = 0; a < EA_N; a++)
		graphml_key(w, &edge_attrs[a], "edge");
	x_start(w, "graph");
	x_attr_raw(w, "id", "G");
	x_attr_raw(w, "edgedefault", "undirected");
	for (uint32_t v = 0; v < g->nnodes && !w->failed; v++) {
		x_start(w, "node");
		x_attrf(w, "id", "n%u", v);
		for (int a = 0; a < NA_N; a++)
			if (node_attr_present(w, a) && node_value(w, a, v, &val))
				graphml_data(w, node_attrs[a].name, &val);
		x_end(w);
	}
	for (size_t e = 0; e < g->nedges && !w->failed; e++) {
		struct edge_view ev;

		view_edge(w, e, &ev);
		x_start(w, "edge");
		x_attrf(w, "id", "e%zu", e);
		x_attrf(w, "source", "n%u", ev.src);
		x_attrf(w, "target", "n%u", ev.dst);
		for (int a = 0; a < EA_N; a++)
			if (edge_value(w, a, &ev, &val))
				graphml_data(w, edge_attrs[a].name, &val);
		x_end(w);
	}
	x_end(w); /* graph */
	x_end(w); /* graphml */
}

/* ---- GEXF 1.3 ---------------------------------------------------------------------------- */

/*
 * GEXF attribute ids are "n_<name>" and "e_<name>": Gephi keys its columns
 * by these ids and keeps "id", "label" and "weight" for its own.
 */
static void gexf_declare(struct fw *w, char prefix, const struct attr_def *a)
{
	x_start(w, "attribute");
	x_attrf(w, "id", "%c_%s", prefix, a->name);
	x_attr_raw(w, "title", a->name);
	x_attr_raw(w, "type", xml_type(a->type));
	x_end(w);
}

static void gexf_attvalue(struct fw *w, char prefix, const char *name, const struct value *v)
{
	const char *text = value_text(w, v);

	if (!text)
		return;
	x_start(w, "attvalue");
	x_attrf(w, "for", "%c_%s", prefix, name);
	x_attr_raw(w, "value", text);
	x_end(w);
}

static void gexf_node(struct fw *w, uint32_t v)
{
	const struct iv_graph_node *nd = &w->g->nodes[v];
	struct value val;

	x_start(w, "node");
	x_attr(w, "id", node_id(w, v));
	x_attr(w, "label", *nd->name ? nd->name : nd->id);
	x_start(w, "attvalues");
	for (int a = 0; a < NA_N; a++)
		if (node_attr_present(w, a) && node_value(w, a, v, &val))
			gexf_attvalue(w, 'n', node_attrs[a].name, &val);
	x_end(w);
	x_end(w);
}

static void gexf_edge(struct fw *w, size_t e)
{
	struct edge_view ev;
	struct value val;
	const char *kind;

	view_edge(w, e, &ev);
	kind = iv_graph_link_name((enum iv_graph_link)ev.ed->kind);
	x_start(w, "edge");
	x_attrf(w, "id", "e%zu", e);
	x_attr(w, "source", node_id(w, ev.src));
	x_attr(w, "target", node_id(w, ev.dst));
	x_attr_raw(w, "type", ev.direction);
	if (kind) {
		/* kind tells parallel edges of different kinds apart (GEXF 1.3) */
		x_attr_raw(w, "kind", kind);
		x_attr_raw(w, "label", kind);
	}
	x_attr_raw(w, "weight", fmt_real(w, ev.ed->weight));
	x_start(w, "attvalues");
	for (int a = 0; a < EA_N; a++)
		if (edge_value(w, a, &ev, &val))
			gexf_attvalue(w, 'e', edge_attrs[a].name, &val);
	x_end(w);
	x_end(w);
}

static void write_gexf(struct fw *w)
{
	const struct iv_graph *g = w->g;

	x_start(w, "gexf");
	x_attr_raw(w, "xmlns", GEXF_NS);
	x_attr_raw(w, "xmlns:xsi", XSI_NS);
	x_attr_raw(w, "xsi:schemaLocation", GEXF_NS " " GEXF_XSD);
	x_attr_raw(w, "version", "1.3");
	x_start(w, "meta");
	x_text_element(w, "creator", "invigor");
	x_text_element(w, "description", "a network projected from the invigor store");
	x_end(w);
	x_start(w, "graph");
	x_attr_raw(w, "defaultedgetype", "undirected");
	x_attr_raw(w, "mode", "static");
	x_start(w, "attributes");
	x_attr_raw(w, "class", "node");
	x_attr_raw(w, "mode", "static");
	for (int a = 0; a < NA_N; a++)
		if (node_attr_present(w, a))
			gexf_declare(w, 'n', &node_attrs[a]);
	x_end(w);
	x_start(w, "attributes");
	x_attr_raw(w, "class", "edge");
	x_attr_raw(w, "mode", "static");
	for (int a = 0; a < EA_N; a++)
		gexf_declare(w, 'e', &edge_attrs[a]);
	x_end(w);
	x_start(w, "nodes");
	x_attrf(w, "count", "%zu", g->nnodes);
	for (uint32_t v = 0; v < g->nnodes && !w->failed; v++)
		gexf_node(w, v);
	x_end(w);
	x_start(w, "edges");
	x_attrf(w, "count", "%zu", g->nedges);
	for (size_t e = 0; e < g->nedges && !w->failed; e++)
		gexf_edge(w, e);
	x_end(w);
	x_end(w); /* graph */
	x_end(w); /* gexf */
}

/* ---- i2 Analyst's Notebook ANX (the mapping is at the top of the file) ------------------ */

enum anx_icon {
	ICON_PERSON,
	ICON_ORGANISATION,
	ICON_TELEPHONE,
	ICON_EMAIL,
	ICON_BANK_ACCOUNT,
	ICON_CAR,
	ICON_SHIP,
	ICON_PASSPORT,
	ICON_ANONYMOUS,
	ICON_N
};

static const char *const anx_icon_names[ICON_N] = {
        "Person", "Organisation", "Telephone", "Email",     "Bank Account",
        "Car",    "Ship",         "Passport",  "Anonymous",
};

static const struct {
	const char *schema;
	enum anx_icon icon;
} anx_schema_icons[] = {
        {"Person", ICON_PERSON},
        {"Organization", ICON_ORGANISATION},
        {"Company", ICON_ORGANISATION},
        {"PublicBody", ICON_ORGANISATION},
        {"Phone", ICON_TELEPHONE},
        {"Email", ICON_EMAIL},
        {"BankAccount", ICON_BANK_ACCOUNT},
        {"Vehicle", ICON_CAR},
        {"Vessel", ICON_SHIP},
        {"Identification", ICON_PASSPORT},
        {"Passport", ICON_PASSPORT},
};

static enum anx_icon anx_icon_of(const char *schema)
{
	for (size_t i = 0; i < sizeof(anx_schema_icons) / sizeof(anx_schema_icons[0]); i++)
		if (strcmp(schema, anx_schema_icons[i].schema) == 0)
			return anx_schema_icons[i].icon;
	return ICON_ANONYMOUS;
}

static const struct {
	const char *name, *dots;
} anx_strengths[] = {
        {"Confirmed", "DotStyleSolid"},
        {"Unconfirmed", "DotStyleDashed"},
        {"Tentative", "DotStyleDotted"},
};

static unsigned anx_strength(const struct iv_graph_edge *ed)
{
	if (!(ed->weight >= 1)) /* NaN too */
		return 2;
	return ed->count >= 2 && ed->weight >= 2 ? 0 : 1;
}

static const char *anx_arrow(uint8_t dir)
{
	return (dir & 3) == 3 ? "ArrowOnBoth" : (dir & 3) ? "ArrowOnHead" : "ArrowNone";
}

/* 1 + log2(weight), 1 to 5. */
static int anx_line_width(double weight)
{
	int width = 1;

	for (double x = weight; x >= 2 && width < 5; x /= 2)
		width++;
	return width;
}

/* ANX type of an attribute: AttText, AttNumber or AttFlag. */
static const char *anx_att_type(enum vtype t)
{
	return t == V_TEXT ? "AttText" : t == V_BOOL ? "AttFlag" : "AttNumber";
}

/*
 * The attribute classes: node attributes (but id and name, which are the
 * Identity and the Label) as AC<a>, edge attributes as AC<NA_N + a>.
 */
static bool anx_node_attr(const struct fw *w, enum node_attr a)
{
	return a != NA_ID && a != NA_NAME && node_attr_present(w, a);
}

static void anx_attribute(struct fw *w, int cls, const char *name, const struct value *v)
{
	const char *text;

	if (v->type == V_REAL && !isfinite(v->d)) /* no number to give ANB */
		return;
	if (!(text = value_text(w, v)))
		return;
	x_start(w, "Attribute");
	x_attr_raw(w, "AttributeClass", name);
	x_attrf(w, "AttributeClassReference", "AC%d", cls);
	x_attr_raw(w, "Value", text);
	x_end(w);
}

static void anx_declarations(struct fw *w, unsigned icons, unsigned kinds)
{
	x_start(w, "StrengthCollection");
	for (unsigned i = 0; i < 3; i++) {
		x_start(w, "Strength");
		x_attrf(w, "Id", "STR%u", i + 1);
		x_attr_raw(w, "Name", anx_strengths[i].name);
		x_attr_raw(w, "DotStyle", anx_strengths[i].dots);
		x_end(w);
	}
	x_end(w);
	x_start(w, "AttributeClassCollection");
	for (int a = 0; a < NA_N + EA_N; a++) {
		const struct attr_def *d = a < NA_N ? &node_attrs[a] : &edge_attrs[a - NA_N];

		if (a < NA_N && !anx_node_attr(w, a))
			continue;
		x_start(w, "AttributeClass");
		x_attrf(w, "Id", "AC%d", a);
		x_attr_raw(w, "Name", d->name);
		x_attr_raw(w, "Type", anx_att_type(d->type));
		x_attr_raw(w, "Visible", "false");
		x_end(w);
	}
	x_end(w);
	x_start(w, "EntityTypeCollection");
	for (unsigned i = 0; i < ICON_N; i++) {
		if (!(icons & (1u << i)))
			continue;
		x_start(w, "EntityType");
		x_attrf(w, "Id", "ET%u", i + 1);
		x_attr_raw(w, "Name", anx_icon_names[i]);
		x_end(w);
	}
	x_end(w);
	x_start(w, "LinkTypeCollection");
	for (unsigned k = 0; k < IV_LINK_NKINDS; k++) {
		if (!(kinds & (1u << k)))
			continue;
		x_start(w, "LinkType");
		x_attrf(w, "Id", "LT%u", k + 1);
		x_attr_raw(w, "Name", iv_graph_link_name(k));
		x_end(w);
	}
	x_end(w);
}

#define ANX_GRID 150 /* chart units between neighbouring nodes of the grid */

static void anx_entity(struct fw *w, uint32_t v, uint32_t columns)
{
	const struct iv_graph_node *nd = &w->g->nodes[v];
	enum anx_icon icon = anx_icon_of(nd->schema);
	long x = (long)(v % columns) * ANX_GRID, y = (long)(v / columns) * ANX_GRID;
	struct value val;

	x_start(w, "ChartItem");
	x_attr(w, "Label", *nd->name ? nd->name : node_id(w, v));
	x_attrf(w, "XPosition", "%ld", x);
	x_start(w, "End");
	x_attrf(w, "X", "%ld", x);
	x_attrf(w, "Y", "%ld", y);
	x_start(w, "Entity");
	x_attr(w, "EntityId", node_id(w, v));
	x_attr(w, "Identity", node_id(w, v));
	x_attr_raw(w, "LabelIsIdentity", *nd->name ? "false" : "true");
	x_start(w, "Icon");
	x_start(w, "IconStyle");
	x_attr_raw(w, "Type", anx_icon_names[icon]);
	x_attrf(w, "EntityTypeReference", "ET%d", (int)icon + 1);
	x_end(w); /* IconStyle */
	x_end(w); /* Icon */
	x_end(w); /* Entity */
	x_end(w); /* End */
	x_start(w, "AttributeCollection");
	for (int a = 0; a < NA_N; a++)
		if (anx_node_attr(w, a) && node_value(w, a, v, &val))
			anx_attribute(w, a, node_attrs[a].name, &val);
	x_end(w);
	x_end(w); /* ChartItem */
}

static void anx_link(struct fw *w, size_t e)
{
	struct edge_view ev;
	struct value val;
	const char *kind;
	int width;

	view_edge(w, e, &ev);
	kind = iv_graph_link_name((enum iv_graph_link)ev.ed->kind);
	x_start(w, "ChartItem");
	x_attr_raw(w, "Label", kind ? kind : "");
	if (w->evidence.len) {
		struct iv_buf desc = IV_BUF_INIT;

		if (iv_buf_addf(&desc, "evidence: %s", w->evidence.buf))
			fail_nomem(w);
		else
			x_attr(w, "Description", desc.buf);
		iv_buf_release(&desc);
	}
	if (*ev.first) {
		char when[32];

		/* i2 reads DateTime without a zone and takes it as UTC */
		iv_strlcpy(when, ev.first, sizeof(when));
		when[strcspn(when, "Z")] = '\0';
		x_attr_raw(w, "DateSet", "true");
		x_attr_raw(w, "TimeSet", "true");
		x_attr_raw(w, "DateTime", when);
	}
	x_start(w, "Link");
	x_attr(w, "End1Id", node_id(w, ev.src));
	x_attr(w, "End2Id", node_id(w, ev.dst));
	x_start(w, "LinkStyle");
	x_attr_raw(w, "Strength", anx_strengths[anx_strength(ev.ed)].name);
	x_attr_raw(w, "ArrowStyle", anx_arrow(ev.ed->dir));
	width = anx_line_width(ev.ed->weight);
	if (width > 1)
		x_attrf(w, "LineWidth", "%d", width);
	if (kind) {
		x_attr_raw(w, "Type", kind);
		x_attrf(w, "LinkTypeReference", "LT%u", (unsigned)ev.ed->kind + 1);
	}
	x_end(w); /* LinkStyle */
	x_end(w); /* Link */
	x_start(w, "AttributeCollection");
	for (int a = 0; a < EA_N; a++)
		if (edge_value(w, a, &ev, &val))
			anx_attribute(w, NA_N + a, edge_attrs[a].name, &val);
	x_end(w);
	if (*ev.first) {
		x_start(w, "TimeZone");
		x_attr_raw(w, "UniqueID", "1");
		x_attr_raw(w, "Name", "Coordinated Universal Time");
		x_end(w);
	}
	x_end(w); /* ChartItem */
}

static void write_anx(struct fw *w)
{
	const struct iv_graph *g = w->g;
	unsigned icons = 0, kinds = 0;
	uint32_t columns = 1;

	for (uint32_t v = 0; v < g->nnodes; v++)
		icons |= 1u << anx_icon_of(g->nodes[v].schema);
	for (size_t e = 0; e < g->nedges; e++)
		if (g->edges[e].kind < IV_LINK_NKINDS)
			kinds |= 1u << g->edges[e].kind;
	while ((uint64_t)columns * columns < g->nnodes)
		columns++;
	x_start(w, "Chart");
	x_attr_raw(w, "IdReferenceLinking", "false");
	anx_declarations(w, icons, kinds);
	x_start(w, "ChartItemCollection");
	for (uint32_t v = 0; v < g->nnodes && !w->failed; v++)
		anx_entity(w, v, columns);
	for (size_t e = 0; e < g->nedges && !w->failed; e++)
		anx_link(w, e);
	x_end(w); /* ChartItemCollection */
	x_end(w); /* Chart */
}

/*
 * Silences libxml2's error reports while we write: it would print them.
 * Its I/O and writer errors go to the generic handler (per thread).
 */
static void xml_quiet(void *ctx, const char *msg, ...)
{
}

static void write_xml(struct fw *w, enum iv_graph_format format)
{
	xmlOutputBufferPtr out;
	xmlGenericErrorFunc saved = xmlGenericError;
	void *saved_ctx = xmlGenericErrorContext;

	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, xml_quiet);
	out = xmlOutputBufferCreateIO(sink_xml_write, sink_xml_close, w, NULL);
	if (!out) {
		fail_nomem(w);
		goto out;
	}
	/* the text writer owns the output buffer from here, and closes it */
	if (!(w->xw = xmlNewTextWriter(out))) {
		xmlOutputBufferClose(out);
		fail_nomem(w);
		goto out;
	}
	x_check(w, xmlTextWriterSetIndent(w->xw, 1));
	x_check(w, xmlTextWriterSetIndentString(w->xw, BAD_CAST "\t"));
	if (!w->failed)
		x_check(w, xmlTextWriterStartDocument(w->xw, "1.0", "UTF-8", NULL));
	if (format == IV_GRAPH_GRAPHML)
		write_graphml(w);
	else if (format == IV_GRAPH_GEXF)
		write_gexf(w);
	else
		write_anx(w);
	if (!w->failed)
		x_check(w, xmlTextWriterEndDocument(w->xw));
	if (!w->failed)
		x_check(w, xmlTextWriterFlush(w->xw));
	xmlFreeTextWriter(w->xw);
	w->xw = NULL;
out:
	xmlSetGenericErrorFunc(saved_ctx, saved);
}

/* ---- Cytoscape.js JSON ---------------------------------------------------------------- */

static int sink_json(const char *buf, size_t size, void *data)
{
	struct fw *w = data;
	enum iv_err rc;

	if (w->sink_rc)
		return -1;
	if (!size)
		return 0;
	rc = w->write(w->ctx, buf, size);
	if (rc) {
		w->sink_rc = rc;
		w->failed = true;
		return -1;
	}
	return 0;
}

static void json_raw(struct fw *w, const char *s)
{
	if (!w->failed)
		sink_json(s, strlen(s), w);
}

/* Set key to v in obj; false (memory recorded) when it cannot be made. */
static bool json_put(struct fw *w, json_t *obj, const char *key, const struct value *v)
{
	json_t *j = NULL;
	const char *s;

	switch (v->type) {
	case V_TEXT:
		if (!(s = clean(w, v->s)))
			return false;
		j = json_string(s);
		break;
	case V_REAL:
		j = isfinite(v->d) ? json_real(v->d) : json_null(); /* JSON has no NaN */
		break;
	case V_INT:
		j = json_integer(v->i);
		break;
	case V_BOOL:
		j = json_boolean(v->b);
		break;
	}
	if (!j || json_object_set_new(obj, key, j)) {
		fail_nomem(w);
		return false;
	}
	return true;
}

static bool json_put_text(struct fw *w, json_t *obj, const char *key, const char *s)
{
	struct value v = {.type = V_TEXT, .s = s};

	return json_put(w, obj, key, &v);
}

/*
 * Dump {"data": data} as one element of a list, after its separator, in
 * one write to the sink (jansson would call back once per token); frees
 * data.  The element is dumped into w->json, grown to the largest seen.
 */
static void json_element(struct fw *w, json_t *data, bool first)
{
	const char *sep = first ? "\n" : ",\n";
	size_t seplen = strlen(sep), n;
	json_t *el = json_object();

	if (!el || json_object_set_new(el, "data", data)) {
		if (!el)
			json_decref(data);
		json_decref(el);
		fail_nomem(w);
		return;
	}
	for (;;) {
		size_t room = w->json_alloc > seplen ? w->json_alloc - seplen : 0;
		char *grown;

		n = room ? json_dumpb(el, w->json + seplen, room, IV_JSON_DUMP_FLAGS) : 0;
		if (room && !n) /* jansson ran out of memory */
			break;
		if (room && n <= room)
			break;
		if (!room)
			n = 4096;
		if (!(grown = iv_realloc(w->json, seplen + n))) {
			n = 0;
			break;
		}
		w->json = grown;
		w->json_alloc = seplen + n;
	}
	json_decref(el);
	if (!n) {
		fail_nomem(w);
		return;
	}
	memcpy(w->json, sep, seplen);
	sink_json(w->json, seplen + n, w);
}

static void cyjs_node(struct fw *w, uint32_t v)
{
	json_t *data = json_object();
	struct value val;
	bool ok;

	if (!data) {
		fail_nomem(w);
		return;
	}
	ok = json_put_text(w, data, "id", node_id(w, v));
	for (int a = 0; ok && a < NA_N; a++) {
		if (!node_attr_present(w, a) || !node_value(w, a, v, &val))
			continue;
		/* the canonical id is data.id unless ids fell back to indexes */
		ok = json_put(w, data, a == NA_ID ? "entity_id" : node_attrs[a].name, &val);
	}
	if (!ok) {
		json_decref(data);
		return;
	}
	json_element(w, data, v == 0);
}

static void cyjs_edge(struct fw *w, size_t e, const char *prefix)
{
	json_t *data = json_object(), *evidence = NULL;
	struct edge_view ev;
	struct value val;
	char id[48];
	bool ok;

	if (!data) {
		fail_nomem(w);
		return;
	}
	view_edge(w, e, &ev);
	snprintf(id, sizeof(id), "%s%zu", prefix, e);
	ok = !w->failed && json_put_text(w, data, "id", id) &&
	     json_put_text(w, data, "source", node_id(w, ev.src)) &&
	     json_put_text(w, data, "target", node_id(w, ev.dst));
	for (int a = 0; ok && a < EA_N; a++) {
		if (a == EA_EVIDENCE || !edge_value(w, a, &ev, &val))
			continue;
		ok = json_put(w, data, edge_attrs[a].name, &val);
	}
	/* evidence as a list of statement ids */
	if (ok && !(evidence = json_array()))
		ok = false, fail_nomem(w);
	for (uint32_t k = 0; ok && k < ev.ed->ev_n; k++) {
		char one[128];
		const char *s;
		json_t *j;

		one[0] = '\0';
		iv_graph_evidence_text(w->g, w->g->evidence[ev.ed->ev_off + k], one, sizeof(one));
		if (!(s = clean(w, one)))
			ok = false;
		else if (!(j = json_string(s)) || json_array_append_new(evidence, j))
			ok = false, fail_nomem(w);
	}
	if (ok) {
		/* set_new takes the list, also when it fails */
		if (json_object_set_new(data, "evidence", evidence))
			ok = false, fail_nomem(w);
		evidence = NULL;
	}
	json_decref(evidence);
	if (!ok) {
		json_decref(data);
		return;
	}
	json_element(w, data, e == 0);
}

/*
 * Edge ids "e<index>", the prefix lengthened with "_" while some node id
 * is that prefix followed by digits: Cytoscape keeps one id space for both.
 */
static bool edge_prefix_taken(const struct fw *w, const char *prefix)
{
	size_t n = strlen(prefix);

	if (w->index_ids) /* node ids are n<index> */
		return false;
	for (uint32_t v = 0; v < w->g->nnodes; v++) {
		const char *id = w->g->nodes[v].id;

		if (strncmp(id, prefix, n) == 0 && id[n] &&
		    strspn(id + n, "0123456789") == strlen(id + n))
			return true;
	}
	return false;
}

static void write_cyjs(struct fw *w)
{
	struct iv_buf prefix = IV_BUF_INIT;

	if (iv_buf_adds(&prefix, "e")) {
		fail_nomem(w);
		return;
	}
	while (edge_prefix_taken(w, prefix.buf))
		if (iv_buf_addch(&prefix, '_')) {
			fail_nomem(w);
			goto out;
		}
	json_raw(w, "{\"elements\":{\"nodes\":[");
	for (uint32_t v = 0; v < w->g->nnodes && !w->failed; v++)
		cyjs_node(w, v);
	json_raw(w, "\n],\"edges\":[");
	for (size_t e = 0; e < w->g->nedges && !w->failed; e++)
		cyjs_edge(w, e, prefix.buf);
	json_raw(w, "\n]}}\n");
out:
	iv_buf_release(&prefix);
}

/* ---- iv_graph_write -------------------------------------------------------------------- */

enum iv_err iv_graph_write(const struct iv_graph *g, enum iv_graph_format format,
                           const struct iv_graph_measures *m, const struct iv_graph_communities *c,
                           iv_write_fn write, void *ctx, struct iv_buf *err)
{
	struct fw w = {.g = g, .m = m, .c = c, .write = write, .ctx = ctx};
	enum iv_err rc;

	if (!g || !g->finished)
		return iv_seterr(err, IV_ERR_INTERNAL, "the network is not finished");
	if ((unsigned)format > IV_GRAPH_CYJS)
		return iv_seterr(err, IV_ERR_INVALID, "no network format %d", (int)format);
	if (!write)
		return iv_seterr(err, IV_ERR_INVALID, "no output to write the network to");
	if (m && m->n != g->nnodes)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "the measures are of a network of %zu nodes, not %zu", m->n,
		                 g->nnodes);
	if (c && c->nnodes != g->nnodes)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "the communities are of a network of %zu nodes, not %zu",
		                 c->nnodes, g->nnodes);
	iv_buf_init(&w.text, 0);
	iv_buf_init(&w.evidence, 0);
	for (uint32_t v = 0; v < g->nnodes && !w.index_ids; v++)
		w.index_ids = !clean_text(g->nodes[v].id);
	if (format == IV_GRAPH_CYJS)
		write_cyjs(&w);
	else
		write_xml(&w, format);
	iv_buf_release(&w.text);
	iv_buf_release(&w.evidence);
	iv_free(w.json);
	if (w.sink_rc)
		return iv_seterr(err, w.sink_rc, "writing the network as %s stopped: %s",
		                 format_names[format], iv_err_name(w.sink_rc));
	if (w.rc)
		return iv_seterr(err, w.rc, "out of memory writing the network as %s",
		                 format_names[format]);
	rc = w.failed ? IV_ERR_NOMEM
	              : IV_OK; /* libxml2 fails only for memory once the sink is fine */
	if (rc)
		return iv_seterr(err, rc, "libxml2 could not write the network as %s",
		                 format_names[format]);
	return IV_OK;
}
