/*
 * test_graph_formats.c - unit tests of lib/graph/formats.c: small networks
 * built by hand (Arabic and Ge'ez names, XML-hostile ids and names, dated
 * and undated edges, a self-loop, merged events) written in each format
 * into memory and read back, GraphML, GEXF and ANX with libxml2 and
 * Cytoscape JSON with jansson; text that is not clean UTF-8; a sink that
 * refuses at every point; streaming; allocation failures.
 *
 * Run as `test_graph_formats --write-samples DIR` it writes sample files
 * into DIR instead, which tests/unit/graph_formats_schemas.sh validates
 * with xmllint against the GraphML and GEXF schemas.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "iv/graph.h"

#define GEEZ         "\xe1\x8b\xae\xe1\x8a\x93\xe1\x88\xb5 \xe1\x89\xb0\xe1\x88\xb5\xe1\x8d\x8b\xe1\x8b\xac"
#define ARABIC       "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf \xd8\xa7\xd9\x84\xd8\xa3\xd8\xad\xd9\x85\xd8\xaf"
#define HOSTILE_ID   "org<&>\"'1"
#define HOSTILE_NAME "Smugglers & Sons <\"Ltd\"> 'x'\ttab\nline"
#define T1           1700000000 /* 2023-11-14T22:13:20Z */
#define T2           1700003600 /* 2023-11-14T23:13:20Z */
#define T3           1600000000 /* 2020-09-13T12:26:40Z */

static const enum iv_graph_format all_formats[] = {IV_GRAPH_GRAPHML, IV_GRAPH_GEXF, IV_GRAPH_ANX,
                                                   IV_GRAPH_CYJS};

/* ---- a sink into memory that can be told to refuse ----------------------------------------- */

struct sink {
	struct iv_buf out;
	bool keep;             /* keep the bytes (else only count them) */
	unsigned long calls;   /* write calls */
	unsigned long fail_at; /* refuse this call (1-based), 0: never */
	enum iv_err fail_rc;
	bool failed;
	bool called_after_failure;
	size_t bytes, max_write;
};

static enum iv_err sink_write(void *ctx, const char *data, size_t n)
{
	struct sink *s = ctx;

	s->calls++;
	if (s->failed) {
		s->called_after_failure = true;
		return s->fail_rc;
	}
	if (s->fail_at && s->calls == s->fail_at) {
		s->failed = true;
		return s->fail_rc;
	}
	s->bytes += n;
	if (n > s->max_write)
		s->max_write = n;
	return s->keep ? iv_buf_add(&s->out, data, n) : IV_OK;
}

static void sink_init(struct sink *s, bool keep)
{
	memset(s, 0, sizeof(*s));
	iv_buf_init(&s->out, 0);
	s->keep = keep;
}

/* ---- the networks -------------------------------------------------------------------------- */

static void evidence_name(void *ctx, int64_t statement, char *out, size_t size)
{
	snprintf(out, size, "stmt%lld", (long long)statement);
}

static uint32_t node(struct iv_graph *g, const char *id, const char *name, const char *schema)
{
	uint32_t idx = UINT32_MAX;

	assert_int_equal(iv_graph_node(g, id, name, schema, &idx, NULL), IV_OK);
	return idx;
}

static void event(struct iv_graph *g, uint32_t a, uint32_t b, enum iv_graph_link kind,
                  bool directed, double weight, int64_t date, unsigned nev, ...)
{
	struct iv_graph_event ev = {
	        .a = a, .b = b, .kind = kind, .directed = directed, .weight = weight, .date = date};
	va_list ap;

	va_start(ap, nev);
	for (unsigned k = 0; k < nev; k++)
		ev.evidence[k] = va_arg(ap, int);
	va_end(ap);
	ev.nevidence = nev;
	if (kind == IV_LINK_CALL)
		ev.duration = 45;
	if (kind == IV_LINK_PAYMENT)
		ev.amount = 2500.5;
	assert_int_equal(iv_graph_event(g, &ev, NULL), IV_OK);
}

/*
 * Nodes 0..6; after finish the edges are, in order:
 *   e0 call 0->1, two events merged (dated T1 and T2, evidence 101 102 103)
 *   e1 associate 0-2, undated, weight 0.5 (evidence 104)
 *   e2 payment 2->1 (stored as 1-2 with the direction bit reversed), dated T3
 *   e3 selector 1-3, undated, no evidence
 *   e4 journey 5<->6, both ways: mutual
 * and a self-loop 0->0 is dropped.
 */
static struct iv_graph *sample(void)
{
	struct iv_graph *g = NULL;

	assert_int_equal(iv_graph_new(&g, NULL), IV_OK);
	g->evidence_name = evidence_name;
	node(g, "Q1", GEEZ, "Person");
	node(g, "Q2", ARABIC, "Person");
	node(g, HOSTILE_ID, HOSTILE_NAME, "Organization");
	node(g, "phone:+447700900123", "", "Phone");
	node(g, "acct:GB33BUKB20201555555555", "", "BankAccount");
	node(g, "vessel:1", "Sea Star", "Vessel");
	node(g, "addr:1", "Somewhere", "Address");
	event(g, 0, 1, IV_LINK_CALL, true, 1, T2, 2, 102, 103);
	event(g, 0, 1, IV_LINK_CALL, true, 1, T1, 1, 101);
	event(g, 0, 2, IV_LINK_ASSOCIATE, false, 0.5, IV_GRAPH_UNDATED, 1, 104);
	event(g, 2, 1, IV_LINK_PAYMENT, true, 1, T3, 1, 105);
	event(g, 1, 3, IV_LINK_SELECTOR, false, 1, IV_GRAPH_UNDATED, 0);
	event(g, 5, 6, IV_LINK_JOURNEY, true, 1, IV_GRAPH_UNDATED, 0);
	event(g, 6, 5, IV_LINK_JOURNEY, true, 1, IV_GRAPH_UNDATED, 0);
	event(g, 0, 0, IV_LINK_ASSOCIATE, false, 1, IV_GRAPH_UNDATED, 0);
	assert_int_equal(iv_graph_finish(g, NULL), IV_OK);
	assert_int_equal(g->nnodes, 7);
	assert_int_equal(g->nedges, 5);
	assert_int_equal(g->self_loops, 1);
	return g;
}

/* Measures and communities for the 7 nodes of sample(), set by hand. */
struct extras {
	double degree[7], strength[7], betweenness[7], betweenness_norm[7], closeness[7],
	        pagerank[7], eigenvector[7];
	int coreness[7], membership[7];
	bool articulation[7];
	uint8_t role[7];
	struct iv_graph_measures m;
	struct iv_graph_communities c;
};

static void extras_init(struct extras *x)
{
	memset(x, 0, sizeof(*x));
	for (int v = 0; v < 7; v++) {
		x->degree[v] = v % 3 + 1;
		x->strength[v] = 1.5 * v;
		x->betweenness[v] = v * 0.25;
		x->betweenness_norm[v] = v * 0.01;
		x->closeness[v] = 1.0 / (v + 1);
		x->pagerank[v] = 0.1 + v * 0.01;
		x->eigenvector[v] = v / 6.0;
		x->coreness[v] = v % 2 + 1;
		x->membership[v] = v < 4 ? 0 : 1;
		x->articulation[v] = v == 1;
		x->role[v] = (uint8_t)(v % 3);
	}
	x->closeness[6] = NAN; /* an isolated pair's node: no finite closeness */
	x->m = (struct iv_graph_measures){
	        .n = 7,
	        .degree = x->degree,
	        .strength = x->strength,
	        .betweenness = x->betweenness,
	        .betweenness_norm = x->betweenness_norm,
	        .closeness = x->closeness,
	        .pagerank = x->pagerank,
	        .eigenvector = x->eigenvector,
	        .coreness = x->coreness,
	        .articulation = x->articulation,
	};
	x->c = (struct iv_graph_communities){.method = "leiden",
	                                     .nnodes = 7,
	                                     .membership = x->membership,
	                                     .role = x->role,
	                                     .n = 2};
}

/* Names that are not clean text: bad bytes, control characters, a bad id. */
static struct iv_graph *unclean(void)
{
	struct iv_graph *g = NULL;

	assert_int_equal(iv_graph_new(&g, NULL), IV_OK);
	node(g, "bad\x01id", "bell\x07 and \xff\xfe bytes", "Person");
	node(g, "fine", "cut \xe1\x8b", "Person");
	node(g, "nonchar", "\xef\xbf\xbe", "Person");
	event(g, 0, 1, IV_LINK_CALL, true, 1, T1, 1, 7);
	event(g, 1, 2, IV_LINK_FAMILY, false, 1, IV_GRAPH_UNDATED, 0);
	assert_int_equal(iv_graph_finish(g, NULL), IV_OK);
	return g;
}

/* ---- reading back ------------------------------------------------------------------------ */

static void write_ok(const struct iv_graph *g, enum iv_graph_format f,
                     const struct iv_graph_measures *m, const struct iv_graph_communities *c,
                     struct sink *s)
{
	struct iv_buf err = IV_BUF_INIT;
	enum iv_err rc;

	sink_init(s, true);
	rc = iv_graph_write(g, f, m, c, sink_write, s, &err);
	if (rc)
		fail_msg("write failed: %s", err.buf);
	iv_buf_release(&err);
	assert_true(s->out.len > 0);
}

static xmlDocPtr parse_xml(const struct sink *s)
{
	xmlDocPtr doc =
	        xmlReadMemory(s->out.buf, (int)s->out.len, "out.xml", NULL, XML_PARSE_NONET);

	if (!doc)
		fail_msg("not well-formed XML:\n%s", s->out.buf);
	return doc;
}

/* The string value of an XPath expression, namespaces g (GraphML) and x (GEXF); caller frees. */
static char *xp(xmlDocPtr doc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *xp(xmlDocPtr doc, const char *fmt, ...)
{
	char expr[512];
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr res;
	char *out;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(expr, sizeof(expr), fmt, ap);
	va_end(ap);
	assert_non_null(ctx);
	xmlXPathRegisterNs(ctx, BAD_CAST "g", BAD_CAST "http://graphml.graphdrawing.org/xmlns");
	xmlXPathRegisterNs(ctx, BAD_CAST "x", BAD_CAST "http://gexf.net/1.3");
	res = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	if (!res)
		fail_msg("bad XPath %s", expr);
	out = (char *)xmlXPathCastToString(res);
	xmlXPathFreeObject(res);
	xmlXPathFreeContext(ctx);
	return out;
}

#define assert_xp(doc, expected, ...)                                                              \
	do {                                                                                       \
		char *got_ = xp(doc, __VA_ARGS__);                                                 \
		if (strcmp(got_, (expected)) != 0)                                                 \
			fail_msg("%s: got \"%s\", want \"%s\"", #__VA_ARGS__, got_, (expected));   \
		xmlFree(got_);                                                                     \
	} while (0)

/* Whether the text at X holds statements 101, 102 and 103, and its length. */
#define EVIDENCE3(x)                                                                               \
	"concat(contains(" x ", 'stmt101'), contains(" x ", 'stmt102'), contains(" x               \
	", 'stmt103'), string-length(" x "))"

/* ---- tests ------------------------------------------------------------------------------- */

static void test_format_names(void **state)
{
	(void)state;
	assert_int_equal(iv_graph_format_parse("graphml"), IV_GRAPH_GRAPHML);
	assert_int_equal(iv_graph_format_parse("gexf"), IV_GRAPH_GEXF);
	assert_int_equal(iv_graph_format_parse("anx"), IV_GRAPH_ANX);
	assert_int_equal(iv_graph_format_parse("cyjs"), IV_GRAPH_CYJS);
	assert_int_equal(iv_graph_format_parse("GraphML"), -1);
	assert_int_equal(iv_graph_format_parse("dot"), -1);
	assert_int_equal(iv_graph_format_parse(""), -1);
	assert_int_equal(iv_graph_format_parse(NULL), -1);
}

static void test_refusals(void **state)
{
	struct iv_graph *g = NULL, *open = NULL;
	struct iv_buf err = IV_BUF_INIT;
	struct extras x;
	struct sink s;

	(void)state;
	sink_init(&s, true);
	assert_int_equal(iv_graph_new(&open, NULL), IV_OK);
	node(open, "a", "A", "Person");
	assert_int_equal(iv_graph_write(open, IV_GRAPH_GRAPHML, NULL, NULL, sink_write, &s, &err),
	                 IV_ERR_INTERNAL);
	assert_non_null(strstr(err.buf, "not finished"));
	g = sample();
	assert_int_equal(
	        iv_graph_write(g, (enum iv_graph_format)9, NULL, NULL, sink_write, &s, &err),
	        IV_ERR_INVALID);
	assert_int_equal(iv_graph_write(g, IV_GRAPH_GEXF, NULL, NULL, NULL, &s, &err),
	                 IV_ERR_INVALID);
	extras_init(&x);
	x.m.n = 6;
	assert_int_equal(iv_graph_write(g, IV_GRAPH_CYJS, &x.m, NULL, sink_write, &s, &err),
	                 IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "6 nodes"));
	assert_int_equal(s.calls, 0);
	iv_graph_free(open);
	iv_graph_free(g);
	iv_buf_release(&err);
	iv_buf_release(&s.out);
}

static void test_graphml(void **state)
{
	struct iv_graph *g = sample();
	struct sink s;
	xmlDocPtr doc;

	(void)state;
	write_ok(g, IV_GRAPH_GRAPHML, NULL, NULL, &s);
	doc = parse_xml(&s);
	assert_xp(doc, "7", "count(/g:graphml/g:graph/g:node)");
	assert_xp(doc, "5", "count(/g:graphml/g:graph/g:edge)");
	assert_xp(doc, "undirected", "string(/g:graphml/g:graph/@edgedefault)");
	/* keys: id, name, schema for nodes (no measures given), nine for edges */
	assert_xp(doc, "3", "count(/g:graphml/g:key[@for='node'])");
	assert_xp(doc, "9", "count(/g:graphml/g:key[@for='edge'])");
	assert_xp(doc, "long", "string(//g:key[@id='count']/@attr.type)");
	assert_xp(doc, "double", "string(//g:key[@id='weight']/@attr.name/../@attr.type)");
	/* names and ids round-trip */
	assert_xp(doc, GEEZ, "string(//g:node[@id='n0']/g:data[@key='name'])");
	assert_xp(doc, ARABIC, "string(//g:node[@id='n1']/g:data[@key='name'])");
	assert_xp(doc, HOSTILE_ID, "string(//g:node[@id='n2']/g:data[@key='id'])");
	assert_xp(doc, HOSTILE_NAME, "string(//g:node[@id='n2']/g:data[@key='name'])");
	assert_xp(doc, "Organization", "string(//g:node[@id='n2']/g:data[@key='schema'])");
	assert_xp(doc, "", "string(//g:node[@id='n3']/g:data[@key='name'])");
	/* the merged call */
	assert_xp(doc, "n0", "string(//g:edge[@id='e0']/@source)");
	assert_xp(doc, "n1", "string(//g:edge[@id='e0']/@target)");
	assert_xp(doc, "call", "string(//g:edge[@id='e0']/g:data[@key='kind'])");
	assert_xp(doc, "2", "string(//g:edge[@id='e0']/g:data[@key='count'])");
	assert_xp(doc, "2", "string(//g:edge[@id='e0']/g:data[@key='weight'])");
	assert_xp(doc, "90", "string(//g:edge[@id='e0']/g:data[@key='duration'])");
	assert_xp(doc, "2023-11-14T22:13:20Z", "string(//g:edge[@id='e0']/g:data[@key='first'])");
	assert_xp(doc, "2023-11-14T23:13:20Z", "string(//g:edge[@id='e0']/g:data[@key='last'])");
	assert_xp(doc, "directed", "string(//g:edge[@id='e0']/g:data[@key='direction'])");
	/* merged events keep their evidence; their order is the sort's */
	assert_xp(doc, "truetruetrue23", EVIDENCE3("//g:edge[@id='e0']/g:data[@key='evidence']"));
	/* undated: no first or last; no evidence: no evidence data */
	assert_xp(doc, "0", "count(//g:edge[@id='e1']/g:data[@key='first' or @key='last'])");
	assert_xp(doc, "0.5", "string(//g:edge[@id='e1']/g:data[@key='weight'])");
	assert_xp(doc, "undirected", "string(//g:edge[@id='e1']/g:data[@key='direction'])");
	assert_xp(doc, "0", "count(//g:edge[@id='e3']/g:data[@key='evidence'])");
	/* the payment went 2 -> 1: written from its payer */
	assert_xp(doc, "n2", "string(//g:edge[@id='e2']/@source)");
	assert_xp(doc, "n1", "string(//g:edge[@id='e2']/@target)");
	assert_xp(doc, "2500.5", "string(//g:edge[@id='e2']/g:data[@key='amount'])");
	assert_xp(doc, "mutual", "string(//g:edge[@id='e4']/g:data[@key='direction'])");
	xmlFreeDoc(doc);
	iv_buf_release(&s.out);
	iv_graph_free(g);
}

static void test_graphml_measures(void **state)
{
	struct iv_graph *g = sample();
	struct extras x;
	struct sink s;
	xmlDocPtr doc;

	(void)state;
	extras_init(&x);
	write_ok(g, IV_GRAPH_GRAPHML, &x.m, &x.c, &s);
	doc = parse_xml(&s);
	assert_xp(doc, "14", "count(/g:graphml/g:key[@for='node'])");
	assert_xp(doc, "boolean", "string(//g:key[@id='articulation']/@attr.type)");
	assert_xp(doc, "3", "string(//g:node[@id='n2']/g:data[@key='degree'])");
	assert_xp(doc, "true", "string(//g:node[@id='n1']/g:data[@key='articulation'])");
	assert_xp(doc, "false", "string(//g:node[@id='n0']/g:data[@key='articulation'])");
	assert_xp(doc, "0.5", "string(//g:node[@id='n1']/g:data[@key='closeness'])");
	assert_xp(doc, "NaN", "string(//g:node[@id='n6']/g:data[@key='closeness'])");
	assert_xp(doc, "1", "string(//g:node[@id='n5']/g:data[@key='community'])");
	assert_xp(doc, "broker", "string(//g:node[@id='n1']/g:data[@key='role'])");
	assert_xp(doc, "organiser", "string(//g:node[@id='n2']/g:data[@key='role'])");
	xmlFreeDoc(doc);
	iv_buf_release(&s.out);
	iv_graph_free(g);
}

static void test_gexf(void **state)
{
	struct iv_graph *g = sample();
	struct extras x;
	struct sink s;
	xmlDocPtr doc;

	(void)state;
	extras_init(&x);
	write_ok(g, IV_GRAPH_GEXF, &x.m, &x.c, &s);
	doc = parse_xml(&s);
	assert_xp(doc, "1.3", "string(/x:gexf/@version)");
	assert_xp(doc, "7", "string(/x:gexf/x:graph/x:nodes/@count)");
	assert_xp(doc, "7", "count(//x:node)");
	assert_xp(doc, "5", "count(//x:edge)");
	assert_xp(doc, "14", "count(//x:attributes[@class='node']/x:attribute)");
	assert_xp(doc, "9", "count(//x:attributes[@class='edge']/x:attribute)");
	assert_xp(doc, "double", "string(//x:attribute[@id='n_pagerank']/@type)");
	assert_xp(doc, "boolean", "string(//x:attribute[@id='n_articulation']/@type)");
	assert_xp(doc, "long", "string(//x:attribute[@id='e_count']/@type)");
	assert_xp(doc, "weight", "string(//x:attribute[@id='e_weight']/@title)");
	/* nodes under their own ids; label = name, or the id when unnamed */
	assert_xp(doc, GEEZ, "string(//x:node[@id='Q1']/@label)");
	assert_xp(doc, ARABIC,
	          "string(//x:node[@id='Q2']/x:attvalues/x:attvalue[@for='n_name']/@value)");
	assert_xp(doc, HOSTILE_NAME, "string(//x:node[3]/@label)");
	assert_xp(doc, HOSTILE_ID, "string(//x:node[3]/@id)");
	assert_xp(doc, "phone:+447700900123", "string(//x:node[4]/@label)");
	assert_xp(doc, "Phone", "string(//x:node[4]//x:attvalue[@for='n_schema']/@value)");
	assert_xp(doc, "NaN", "string(//x:node[7]//x:attvalue[@for='n_closeness']/@value)");
	/* edges: label and kind = kind, weight, type from the direction */
	assert_xp(doc, "call", "string(//x:edge[@id='e0']/@label)");
	assert_xp(doc, "call", "string(//x:edge[@id='e0']/@kind)");
	assert_xp(doc, "2", "string(//x:edge[@id='e0']/@weight)");
	assert_xp(doc, "directed", "string(//x:edge[@id='e0']/@type)");
	assert_xp(doc, "Q1", "string(//x:edge[@id='e0']/@source)");
	assert_xp(doc, "undirected", "string(//x:edge[@id='e1']/@type)");
	assert_xp(doc, HOSTILE_ID, "string(//x:edge[@id='e2']/@source)");
	assert_xp(doc, "Q2", "string(//x:edge[@id='e2']/@target)");
	assert_xp(doc, "mutual", "string(//x:edge[@id='e4']/@type)");
	assert_xp(doc, "2", "string(//x:edge[@id='e0']//x:attvalue[@for='e_count']/@value)");
	assert_xp(doc, "stmt105",
	          "string(//x:edge[@id='e2']//x:attvalue[@for='e_evidence']/@value)");
	assert_xp(doc, "0", "count(//x:edge[@id='e1']//x:attvalue[@for='e_first'])");
	xmlFreeDoc(doc);
	iv_buf_release(&s.out);
	iv_graph_free(g);
}

static void test_anx(void **state)
{
	struct iv_graph *g = sample();
	struct extras x;
	struct sink s;
	xmlDocPtr doc;

	(void)state;
	extras_init(&x);
	write_ok(g, IV_GRAPH_ANX, &x.m, &x.c, &s);
	doc = parse_xml(&s);
	assert_xp(doc, "false", "string(/Chart/@IdReferenceLinking)");
	assert_xp(doc, "12", "count(/Chart/ChartItemCollection/ChartItem)");
	assert_xp(doc, "7", "count(//ChartItem/End/Entity)");
	assert_xp(doc, "5", "count(//ChartItem/Link)");
	/* the declarations: three strengths, the six entity types used, the five link kinds */
	assert_xp(
	        doc, "Confirmed Unconfirmed Tentative",
	        "concat(//Strength[1]/@Name, ' ', //Strength[2]/@Name, ' ', //Strength[3]/@Name)");
	assert_xp(doc, "6", "count(//EntityTypeCollection/EntityType)");
	assert_xp(doc, "0", "count(//EntityType[@Name='Car'])");
	assert_xp(doc, "5", "count(//LinkTypeCollection/LinkType)");
	/* entities: Identity = id, Label = name, icon type by schema */
	assert_xp(doc, GEEZ, "string(//ChartItem[End/Entity/@Identity='Q1']/@Label)");
	assert_xp(doc, "Person", "string(//Entity[@Identity='Q2']/Icon/IconStyle/@Type)");
	assert_xp(doc, "Organisation", "string(//ChartItem[3]//IconStyle/@Type)");
	assert_xp(doc, HOSTILE_ID, "string(//ChartItem[3]/End/Entity/@EntityId)");
	assert_xp(doc, HOSTILE_NAME, "string(//ChartItem[3]/@Label)");
	assert_xp(doc, "Telephone", "string(//ChartItem[4]//IconStyle/@Type)");
	assert_xp(doc, "phone:+447700900123", "string(//ChartItem[4]/@Label)");
	assert_xp(doc, "Bank Account", "string(//ChartItem[5]//IconStyle/@Type)");
	assert_xp(doc, "Ship", "string(//ChartItem[6]//IconStyle/@Type)");
	assert_xp(doc, "Anonymous", "string(//ChartItem[7]//IconStyle/@Type)");
	assert_xp(doc, "Anonymous",
	          "string(//EntityType[@Id=//ChartItem[7]//IconStyle/"
	          "@EntityTypeReference]/@Name)");
	assert_xp(doc, "Organization",
	          "string(//ChartItem[3]//Attribute[@AttributeClass='schema']/@Value)");
	assert_xp(doc, "broker",
	          "string(//ChartItem[2]//Attribute[@AttributeClass='role']/@Value)");
	assert_xp(doc, "0", "count(//ChartItem[7]//Attribute[@AttributeClass='closeness'])");
	assert_xp(doc, "AttFlag", "string(//AttributeClass[@Name='articulation']/@Type)");
	/* every link end is an entity's identity */
	assert_xp(doc, "0",
	          "count(//Link[not(@End1Id = //Entity/@Identity) or "
	          "not(@End2Id = //Entity/@Identity)])");
	/* the merged call: corroborated, one way, dated at its first event, evidence described */
	assert_xp(doc, "call", "string(//ChartItem[8]/@Label)");
	assert_xp(doc, "Q1 Q2",
	          "concat(//ChartItem[8]/Link/@End1Id, ' ', //ChartItem[8]/Link/@End2Id)");
	assert_xp(doc, "Confirmed", "string(//ChartItem[8]/Link/LinkStyle/@Strength)");
	assert_xp(doc, "ArrowOnHead", "string(//ChartItem[8]/Link/LinkStyle/@ArrowStyle)");
	assert_xp(doc, "2", "string(//ChartItem[8]/Link/LinkStyle/@LineWidth)");
	assert_xp(doc, "call", "string(//ChartItem[8]/Link/LinkStyle/@Type)");
	assert_xp(doc, "2023-11-14T22:13:20", "string(//ChartItem[8]/@DateTime)");
	assert_xp(doc, "true", "string(//ChartItem[8]/@DateSet)");
	assert_xp(doc, "1", "string(//ChartItem[8]/TimeZone/@UniqueID)");
	assert_xp(doc, "evidence: ", "substring(//ChartItem[8]/@Description, 1, 10)");
	assert_xp(doc, "truetruetrue33", EVIDENCE3("//ChartItem[8]/@Description"));
	assert_xp(doc, "2", "string(//ChartItem[8]//Attribute[@AttributeClass='count']/@Value)");
	/* the light associate: tentative, undirected, undated */
	assert_xp(doc, "Tentative", "string(//ChartItem[9]/Link/LinkStyle/@Strength)");
	assert_xp(doc, "ArrowNone", "string(//ChartItem[9]/Link/LinkStyle/@ArrowStyle)");
	assert_xp(doc, "0", "count(//ChartItem[9]/@DateTime | //ChartItem[9]/TimeZone)");
	/* the payment: from its payer, one plain event */
	assert_xp(doc, HOSTILE_ID, "string(//ChartItem[10]/Link/@End1Id)");
	assert_xp(doc, "Unconfirmed", "string(//ChartItem[10]/Link/LinkStyle/@Strength)");
	assert_xp(doc, "2020-09-13T12:26:40", "string(//ChartItem[10]/@DateTime)");
	assert_xp(doc, "0", "count(//ChartItem[11]/@Description)");
	assert_xp(doc, "ArrowOnBoth", "string(//ChartItem[12]/Link/LinkStyle/@ArrowStyle)");
	xmlFreeDoc(doc);
	iv_buf_release(&s.out);
	iv_graph_free(g);
}

static json_t *load_json(const struct sink *s)
{
	json_error_t jerr;
	json_t *root = json_loadb(s->out.buf, s->out.len, 0, &jerr);

	if (!root)
		fail_msg("not JSON (%s at %d):\n%s", jerr.text, jerr.position, s->out.buf);
	return root;
}

static json_t *cy_data(json_t *root, const char *list, size_t i)
{
	json_t *el = json_array_get(json_object_get(json_object_get(root, "elements"), list), i);

	assert_non_null(el);
	return json_object_get(el, "data");
}

static void test_cyjs(void **state)
{
	struct iv_graph *g = sample();
	struct extras x;
	struct sink s;
	json_t *root, *d, *ev;

	(void)state;
	extras_init(&x);
	write_ok(g, IV_GRAPH_CYJS, &x.m, &x.c, &s);
	root = load_json(&s);
	assert_int_equal(
	        json_array_size(json_object_get(json_object_get(root, "elements"), "nodes")), 7);
	assert_int_equal(
	        json_array_size(json_object_get(json_object_get(root, "elements"), "edges")), 5);
	d = cy_data(root, "nodes", 1);
	assert_string_equal(json_string_value(json_object_get(d, "id")), "Q2");
	assert_string_equal(json_string_value(json_object_get(d, "entity_id")), "Q2");
	assert_string_equal(json_string_value(json_object_get(d, "name")), ARABIC);
	assert_string_equal(json_string_value(json_object_get(d, "role")), "broker");
	assert_true(json_is_true(json_object_get(d, "articulation")));
	assert_int_equal(json_integer_value(json_object_get(d, "coreness")), 2);
	assert_true(json_real_value(json_object_get(d, "closeness")) == 0.5);
	d = cy_data(root, "nodes", 2);
	assert_string_equal(json_string_value(json_object_get(d, "id")), HOSTILE_ID);
	assert_string_equal(json_string_value(json_object_get(d, "name")), HOSTILE_NAME);
	d = cy_data(root, "nodes", 6);
	assert_true(json_is_null(json_object_get(d, "closeness")));
	d = cy_data(root, "edges", 0);
	assert_string_equal(json_string_value(json_object_get(d, "id")), "e0");
	assert_string_equal(json_string_value(json_object_get(d, "source")), "Q1");
	assert_string_equal(json_string_value(json_object_get(d, "target")), "Q2");
	assert_string_equal(json_string_value(json_object_get(d, "kind")), "call");
	assert_int_equal(json_integer_value(json_object_get(d, "count")), 2);
	assert_true(json_real_value(json_object_get(d, "weight")) == 2.0);
	assert_string_equal(json_string_value(json_object_get(d, "first")), "2023-11-14T22:13:20Z");
	ev = json_object_get(d, "evidence");
	assert_int_equal(json_array_size(ev), 3);
	for (size_t k = 0; k < 3; k++) {
		const char *id = json_string_value(json_array_get(ev, k));

		assert_non_null(id);
		assert_true(!strcmp(id, "stmt101") || !strcmp(id, "stmt102") ||
		            !strcmp(id, "stmt103"));
	}
	d = cy_data(root, "edges", 1);
	assert_null(json_object_get(d, "first"));
	assert_string_equal(json_string_value(json_object_get(d, "direction")), "undirected");
	d = cy_data(root, "edges", 2);
	assert_string_equal(json_string_value(json_object_get(d, "source")), HOSTILE_ID);
	assert_true(json_real_value(json_object_get(d, "amount")) == 2500.5);
	d = cy_data(root, "edges", 3);
	assert_int_equal(json_array_size(json_object_get(d, "evidence")), 0);
	json_decref(root);
	iv_buf_release(&s.out);
	iv_graph_free(g);
}

/* A node id of the form e<digits> pushes Cytoscape's edge ids aside. */
static void test_cyjs_edge_ids(void **state)
{
	struct iv_graph *g = NULL;
	struct sink s;
	json_t *root;

	(void)state;
	assert_int_equal(iv_graph_new(&g, NULL), IV_OK);
	node(g, "e0", "", "Person");
	node(g, "e_1", "", "Person");
	event(g, 0, 1, IV_LINK_FAMILY, false, 1, IV_GRAPH_UNDATED, 0);
	assert_int_equal(iv_graph_finish(g, NULL), IV_OK);
	write_ok(g, IV_GRAPH_CYJS, NULL, NULL, &s);
	root = load_json(&s);
	assert_string_equal(json_string_value(json_object_get(cy_data(root, "edges", 0), "id")),
	                    "e__0");
	json_decref(root);
	iv_buf_release(&s.out);
	iv_graph_free(g);
}

/* Bad bytes and control characters become U+FFFD; a bad id sends every format to n<index> ids. */
static void test_unclean_text(void **state)
{
	struct iv_graph *g = unclean();
	struct sink s;
	xmlDocPtr doc;
	json_t *root;

	(void)state;
	write_ok(g, IV_GRAPH_GRAPHML, NULL, NULL, &s);
	doc = parse_xml(&s);
	assert_xp(doc, "bad\xef\xbf\xbdid", "string(//g:node[@id='n0']/g:data[@key='id'])");
	assert_xp(doc, "bell\xef\xbf\xbd and \xef\xbf\xbd\xef\xbf\xbd bytes",
	          "string(//g:node[@id='n0']/g:data[@key='name'])");
	assert_xp(doc, "cut \xef\xbf\xbd\xef\xbf\xbd",
	          "string(//g:node[@id='n1']/g:data[@key='name'])");
	assert_xp(doc, "\xef\xbf\xbd", "string(//g:node[@id='n2']/g:data[@key='name'])");
	xmlFreeDoc(doc);
	iv_buf_release(&s.out);

	write_ok(g, IV_GRAPH_GEXF, NULL, NULL, &s);
	doc = parse_xml(&s);
	assert_xp(doc, "n0 n1 n2",
	          "concat(//x:node[1]/@id, ' ', //x:node[2]/@id, ' ', //x:node[3]/@id)");
	assert_xp(doc, "fine", "string(//x:node[2]//x:attvalue[@for='n_id']/@value)");
	assert_xp(doc, "n0", "string(//x:edge[1]/@source)");
	xmlFreeDoc(doc);
	iv_buf_release(&s.out);

	write_ok(g, IV_GRAPH_ANX, NULL, NULL, &s);
	doc = parse_xml(&s);
	assert_xp(doc, "n1", "string(//ChartItem[2]/End/Entity/@Identity)");
	assert_xp(doc, "n0 n1", "concat(//Link[1]/@End1Id, ' ', //Link[1]/@End2Id)");
	xmlFreeDoc(doc);
	iv_buf_release(&s.out);

	write_ok(g, IV_GRAPH_CYJS, NULL, NULL, &s);
	root = load_json(&s);
	assert_string_equal(json_string_value(json_object_get(cy_data(root, "nodes", 0), "id")),
	                    "n0");
	assert_string_equal(
	        json_string_value(json_object_get(cy_data(root, "nodes", 0), "entity_id")),
	        "bad\xef\xbf\xbdid");
	assert_string_equal(json_string_value(json_object_get(cy_data(root, "edges", 0), "id")),
	                    "e0");
	/* no evidence_name: the statement row id */
	assert_string_equal(json_string_value(json_array_get(
	                            json_object_get(cy_data(root, "edges", 0), "evidence"), 0)),
	                    "7");
	json_decref(root);
	iv_buf_release(&s.out);
	iv_graph_free(g);
}

/* A network big enough that every format reaches the sink in many writes. */
static struct iv_graph *big(uint32_t nnodes, uint32_t nevents)
{
	struct iv_graph *g = NULL;
	char id[32], name[64];

	assert_int_equal(iv_graph_new(&g, NULL), IV_OK);
	for (uint32_t v = 0; v < nnodes; v++) {
		snprintf(id, sizeof(id), "node:%u", v);
		snprintf(name, sizeof(name), "%s %u", v % 2 ? ARABIC : GEEZ, v);
		node(g, id, name, v % 3 ? "Person" : "Phone");
	}
	for (uint32_t i = 0; i < nevents; i++) {
		uint32_t a = (uint32_t)(((uint64_t)i * 7919) % nnodes);
		uint32_t b = (uint32_t)(((uint64_t)i * 104729 + 1) % nnodes);

		event(g, a, b, (enum iv_graph_link)(i % IV_LINK_NKINDS), i % 2, 1 + i % 3,
		      i % 4 ? (int64_t)T3 + i * 60 : IV_GRAPH_UNDATED, 2, (int)i, (int)i + 1);
	}
	assert_int_equal(iv_graph_finish(g, NULL), IV_OK);
	return g;
}

/* Every refusal of the sink stops the writer, and its error comes back. */
static void test_sink_errors(void **state)
{
	struct iv_graph *g = big(100, 300);
	struct iv_buf err = IV_BUF_INIT;

	(void)state;
	for (size_t f = 0; f < sizeof(all_formats) / sizeof(all_formats[0]); f++) {
		struct sink s;
		unsigned long total, step;

		sink_init(&s, false);
		assert_int_equal(
		        iv_graph_write(g, all_formats[f], NULL, NULL, sink_write, &s, &err), IV_OK);
		total = s.calls;
		assert_true(total >= 4);
		/* every call for the XML formats; the JSON is written in many small pieces */
		step = total > 400 ? total / 200 : 1;
		for (unsigned long k = 1; k <= total; k += (k < 20 || k + 20 > total) ? 1 : step) {
			enum iv_err want = k % 2 ? IV_ERR_IO : IV_ERR_TOOBIG;
			enum iv_err rc;

			sink_init(&s, false);
			s.fail_at = k;
			s.fail_rc = want;
			iv_buf_reset(&err);
			rc = iv_graph_write(g, all_formats[f], NULL, NULL, sink_write, &s, &err);
			if (rc != want)
				fail_msg("format %zu, refusal at call %lu of %lu: got %s", f, k,
				         total, iv_err_name(rc));
			assert_false(s.called_after_failure);
			assert_non_null(strstr(err.buf, "stopped"));
		}
	}
	iv_buf_release(&err);
	iv_graph_free(g);
}

/* Output reaches the sink as it is made: no write comes near the document's size. */
static void test_streaming(void **state)
{
	struct iv_graph *g = big(1500, 10000);

	(void)state;
	for (size_t f = 0; f < sizeof(all_formats) / sizeof(all_formats[0]); f++) {
		struct sink s;

		sink_init(&s, false);
		assert_int_equal(
		        iv_graph_write(g, all_formats[f], NULL, NULL, sink_write, &s, NULL), IV_OK);
		assert_true(s.bytes > 500000);
		assert_true(s.max_write <= 65536);
	}
	iv_graph_free(g);
}

/* Each allocation of ours failing in turn is a clean IV_ERR_NOMEM. */
static void test_alloc_failure(void **state)
{
	struct iv_graph *g = unclean(), *s2 = sample();

	(void)state;
	for (int which = 0; which < 2; which++) {
		const struct iv_graph *net = which ? s2 : g;

		for (size_t f = 0; f < sizeof(all_formats) / sizeof(all_formats[0]); f++) {
			unsigned long n;

			for (n = 1; n < 10000; n++) {
				struct iv_buf err = IV_BUF_INIT;
				struct sink s;
				enum iv_err rc;

				sink_init(&s, false);
				iv_alloc_fail_after(n);
				rc = iv_graph_write(net, all_formats[f], NULL, NULL, sink_write, &s,
				                    &err);
				iv_alloc_fail_after(0);
				iv_buf_release(&err);
				if (rc == IV_OK)
					break;
				assert_int_equal(rc, IV_ERR_NOMEM);
			}
			assert_true(n < 10000);
		}
	}
	iv_graph_free(g);
	iv_graph_free(s2);
}

/* ---- sample files for the schema check ----------------------------------------------------- */

static enum iv_err file_write(void *ctx, const char *data, size_t n)
{
	return fwrite(data, 1, n, ctx) == n ? IV_OK : IV_ERR_IO;
}

static int write_sample(const char *dir, const char *name, const struct iv_graph *g,
                        enum iv_graph_format f, const struct iv_graph_measures *m,
                        const struct iv_graph_communities *c)
{
	static const char *const ext[] = {"graphml", "gexf", "anx", "cyjs"};
	struct iv_buf err = IV_BUF_INIT;
	char path[4096];
	FILE *fp;
	enum iv_err rc;

	snprintf(path, sizeof(path), "%s/%s.%s", dir, name, ext[f]);
	if (!(fp = fopen(path, "wb"))) {
		perror(path);
		return 1;
	}
	rc = iv_graph_write(g, f, m, c, file_write, fp, &err);
	if (fclose(fp) || rc) {
		fprintf(stderr, "%s: %s\n", path, rc ? err.buf : "write failed");
		iv_buf_release(&err);
		return 1;
	}
	iv_buf_release(&err);
	return 0;
}

static int write_samples(const char *dir)
{
	struct iv_graph *g = sample(), *u = unclean();
	struct extras x;
	int bad = 0;

	extras_init(&x);
	for (size_t f = 0; f < sizeof(all_formats) / sizeof(all_formats[0]); f++) {
		bad |= write_sample(dir, "sample", g, all_formats[f], &x.m, &x.c);
		bad |= write_sample(dir, "plain", g, all_formats[f], NULL, NULL);
		bad |= write_sample(dir, "unclean", u, all_formats[f], NULL, NULL);
	}
	iv_graph_free(g);
	iv_graph_free(u);
	return bad;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_format_names), cmocka_unit_test(test_refusals),
	        cmocka_unit_test(test_graphml),      cmocka_unit_test(test_graphml_measures),
	        cmocka_unit_test(test_gexf),         cmocka_unit_test(test_anx),
	        cmocka_unit_test(test_cyjs),         cmocka_unit_test(test_cyjs_edge_ids),
	        cmocka_unit_test(test_unclean_text), cmocka_unit_test(test_sink_errors),
	        cmocka_unit_test(test_streaming),    cmocka_unit_test(test_alloc_failure),
	};
	int rc;

	if (argc == 3 && strcmp(argv[1], "--write-samples") == 0)
		rc = write_samples(argv[2]);
	else
		rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
