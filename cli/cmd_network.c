/*
 * cmd_network.c - `invigor network measures|communities|keyplayers|path|
 * paths|ego`: the network of resolved entities and what it says about who
 * holds it together (lib/graph, docs/network.md).
 *
 * Every subcommand builds the projection from the store (with --from,
 * --to and --kinds), runs one analysis and prints it as text or, with
 * --json, one JSON object per line using canonical entity ids and names.
 * --format graphml|gexf|anx|cyjs writes the result's network instead.
 * cmd_export.c writes whole projections with the same writer.
 */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "iv/view.h"
#include "iv/graph.h"

static const char help[] =
        "usage: invigor [--db PATH] network SUBCOMMAND [options]\n"
        "\n"
        "The network of resolved entities: people, organisations and the selectors\n"
        "they use (phones, e-mails, accounts, vehicles, documents), linked by calls,\n"
        "payments, relationships, shared selectors and journeys.  docs/network.md\n"
        "explains each measure.\n"
        "\n"
        "subcommands:\n"
        "  measures [--top N]           degree, betweenness, closeness, PageRank,\n"
        "                               k-core, community per node (--json: every node)\n"
        "  communities [--method leiden|multilevel] [--resolution X]\n"
        "                               candidate OCGs: members, density, brokers, roles\n"
        "  keyplayers --k N             for k = 1..N, the nodes whose removal fragments\n"
        "                               the network most, and the nodes that reach most\n"
        "  path ID1 ID2                 every shortest path, each link with its evidence\n"
        "  paths ID1 ID2 [--max-len N]  every path of at most N links (default 4)\n"
        "  ego ID [--hops N] [--max-nodes N]\n"
        "                               the network around ID (default 2 hops, 500 nodes)\n"
        "\n"
        "options for every subcommand:\n"
        "  --from DATE, --to DATE       only dated links in this window (ISO 8601);\n"
        "                               undated links (family, a phone in use) stay\n"
        "  --kinds LIST                 only these link kinds, comma-separated: call,\n"
        "                               payment, associate, family, membership,\n"
        "                               employment, directorship, ownership, other,\n"
        "                               selector, journey, cotravel\n"
        "  --json                       one JSON object per line\n"
        "  --format F                   write the result's network as graphml, gexf,\n"
        "                               anx (i2 Analyst's Notebook) or cyjs (Cytoscape)\n"
        "  --max-paths N                at most N paths (path, paths; default 100)\n"
        "  --samples N                  sampled sources for betweenness on large networks\n"
        "  --time-limit SECONDS         stop (exit 1, nothing printed) when the projection\n"
        "                               and analysis take longer than this (default: none)\n"
        "\n"
        "measures --json prints per node: id, name, schema, degree, strength,\n"
        "betweenness (unnormalised, as igraph computes it), betweenness_norm,\n"
        "closeness, pagerank, eigenvector, coreness, community, articulation.\n"
        "keyplayers --json prints per k: {\"k\", \"removed\": [ids], \"fragmentation\",\n"
        "\"largest_component\", \"components\", \"reach\": [ids], \"reached\"}.\n";

struct net_opts {
	const char *sub;
	struct iv_graph_project_opts proj;
	bool json;
	int format; /* -1: none */
	unsigned top, k, hops, max_nodes, max_len, max_paths, samples;
	bool top_given;
	const char *method;
	double resolution;
	const char *ids[2];
	size_t nids;
};

static IV_MUST_USE enum iv_err write_stdout(void *ctx, const char *data, size_t n)
{
	(void)ctx;
	return fwrite(data, 1, n, stdout) == n ? IV_OK : IV_ERR_IO;
}

/* A date option as unix seconds (the start of a partial date; --to: its end). */
static bool parse_when(const char *s, bool end, int64_t *out)
{
	struct iv_date d;

	if (iv_date_parse(s, &d) != IV_OK)
		return false;
	*out = iv_date_seconds(&d, end);
	return true;
}

/*
 * --kinds LIST: the kinds of a comma-separated list (iv_graph_kinds_parse,
 * as the API reads ?kinds=).  Returns 0, or the usage error's exit code
 * naming the first item that is no kind.
 */
static int parse_kinds(const char *cmd, const char *list, unsigned *out)
{
	const char *bad;
	size_t n;

	if (iv_graph_kinds_parse(list, out, &bad, &n) == IV_OK)
		return 0;
	if (n)
		return cli_usage(cmd, "--kinds: unknown link kind '%.*s'", (int)n, bad);
	return cli_usage(cmd,
	                 "--kinds wants at least one link kind between every two commas, not '%s'",
	                 list);
}

static void net_defaults(struct net_opts *o)
{
	o->proj.from = o->proj.to = IV_GRAPH_UNDATED;
	o->format = -1;
	o->top = 20;
	o->k = 5;
	o->hops = 2;
	o->max_nodes = 500;
	o->max_len = 4;
	o->max_paths = 100;
	o->method = "leiden";
	o->resolution = 1.0;
}

/*
 * A count option: a whole number from 1 to max (UINT_MAX: no bound but
 * cli_parse_uint's).  Returns 0 or an exit code.
 */
static int parse_count(const char *name, const char *arg, unsigned max, unsigned *out)
{
	if (cli_parse_uint(arg, out) && *out && *out <= max)
		return 0;
	if (max == UINT_MAX)
		return cli_usage("network", "%s wants a count above 0", name);
	return cli_usage("network", "%s wants a number from 1 to %u", name, max);
}

/* --from, --to, --kinds: the projection's window and link kinds. */
static int parse_projection(int opt, const char *arg, struct iv_graph_project_opts *proj)
{
	switch (opt) {
	case 'F':
		if (!parse_when(arg, false, &proj->from))
			return cli_usage("network", "--from wants an ISO 8601 date, not '%s'", arg);
		return 0;
	case 'T':
		if (!parse_when(arg, true, &proj->to))
			return cli_usage("network", "--to wants an ISO 8601 date, not '%s'", arg);
		return 0;
	default: /* 'K' */
		return parse_kinds("network", arg, &proj->kinds);
	}
}

static int parse_resolution(const char *arg, double *out)
{
	char *end = NULL;

	*out = strtod(arg, &end);
	if (!end || *end || !(*out > 0) || *out > 100)
		return cli_usage("network", "--resolution wants a number above 0, at most 100");
	return 0;
}

/* --time-limit takes effect at once: it bounds the projection as well as the analysis. */
static int parse_time_limit(const char *arg)
{
	char *end = NULL;
	double limit = strtod(arg, &end);

	if (!end || *end || !(limit > 0) || limit > 86400)
		return cli_usage("network", "--time-limit wants seconds above 0, at most 86400");
	iv_graph_time_limit(limit);
	return 0;
}

/* One option getopt_long returned: 0, -1 after --help, or an exit code. */
static int parse_option(int opt, const char *arg, struct net_opts *o)
{
	int code;

	switch (opt) {
	case 'h':
		fputs(help, stdout);
		return -1;
	case 'F':
	case 'T':
	case 'K':
		return parse_projection(opt, arg, &o->proj);
	case 'j':
		o->json = true;
		return 0;
	case 'f':
		o->format = iv_graph_format_parse(arg);
		if (o->format < 0)
			return cli_usage("network",
			                 "--format is graphml, gexf, anx or cyjs, not '%s'", arg);
		return 0;
	case 't':
		code = parse_count("--top", arg, UINT_MAX, &o->top);
		if (code)
			return code;
		o->top_given = true;
		return 0;
	case 'k':
		return parse_count("--k", arg, IV_GRAPH_MAX_K, &o->k);
	case 'o':
		return parse_count("--hops", arg, 10, &o->hops);
	case 'n':
		return parse_count("--max-nodes", arg, UINT_MAX, &o->max_nodes);
	case 'l':
		return parse_count("--max-len", arg, 10, &o->max_len);
	case 'p':
		return parse_count("--max-paths", arg, UINT_MAX, &o->max_paths);
	case 's':
		return parse_count("--samples", arg, UINT_MAX, &o->samples);
	case 'm':
		if (strcmp(arg, "leiden") && strcmp(arg, "multilevel"))
			return cli_usage("network", "--method is leiden or multilevel");
		o->method = arg;
		return 0;
	case 'r':
		return parse_resolution(arg, &o->resolution);
	case 'L':
		return parse_time_limit(arg);
	default:
		return cli_usage("network", "bad option");
	}
}

/* What follows the options: the subcommand, then at most two entity ids. */
static int parse_operands(int argc, char **argv, struct net_opts *o)
{
	if (optind >= argc)
		return cli_usage("network", "which analysis? measures, communities, keyplayers, "
		                            "path, paths or ego");
	o->sub = argv[optind++];
	if (argc - optind > 2)
		return cli_usage("network", "unexpected argument '%s'", argv[optind + 2]);
	while (optind < argc)
		o->ids[o->nids++] = argv[optind++];
	return cli_check_ids("network", argv + optind - o->nids, (int)o->nids);
}

/* 0 when the command line is good, -1 after --help, else an exit code. */
static int parse(int argc, char **argv, struct net_opts *o)
{
	static const struct option options[] = {
	        {"from", required_argument, NULL, 'F'},
	        {"to", required_argument, NULL, 'T'},
	        {"kinds", required_argument, NULL, 'K'},
	        {"json", no_argument, NULL, 'j'},
	        {"format", required_argument, NULL, 'f'},
	        {"top", required_argument, NULL, 't'},
	        {"k", required_argument, NULL, 'k'},
	        {"hops", required_argument, NULL, 'o'},
	        {"max-nodes", required_argument, NULL, 'n'},
	        {"max-len", required_argument, NULL, 'l'},
	        {"max-paths", required_argument, NULL, 'p'},
	        {"samples", required_argument, NULL, 's'},
	        {"method", required_argument, NULL, 'm'},
	        {"resolution", required_argument, NULL, 'r'},
	        {"time-limit", required_argument, NULL, 'L'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	int opt, code;

	net_defaults(o);
	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		code = parse_option(opt, optarg, o);
		if (code)
			return code;
	}
	return parse_operands(argc, argv, o);
}

/* The node of a user's id: a node id, or a record's canonical entity. */
static int find_node(struct iv_store *st, const struct iv_graph *g, const char *id, uint32_t *out)
{
	struct iv_buf canon = IV_BUF_INIT;
	long i = iv_graph_find(g, id);

	if (i < 0 && iv_store_res_canonical(st, id, &canon, NULL) == IV_OK)
		i = iv_graph_find(g, canon.buf);
	iv_buf_release(&canon);
	if (i < 0)
		return cli_error(IV_ERR_NOTFOUND,
		                 "'%s' is not in the network: no such entity, or no links "
		                 "(in this window and of these kinds)",
		                 id);
	*out = (uint32_t)i;
	return 0;
}

/*
 * A text column: s cut to at most width characters at a UTF-8 boundary
 * (names are Arabic, Ge'ez, Latin ...), padded to width characters.
 */
static void cell(const char *s, int width)
{
	int chars = 0;
	size_t n = 0;

	while (s[n] && chars < width) {
		n++;
		while ((s[n] & 0xc0) == 0x80) /* continuation bytes */
			n++;
		chars++;
	}
	printf("%.*s%*s ", (int)n, s, width - chars, "");
}

static void date_text(int64_t t, char *out, size_t size)
{
	if (t == IV_GRAPH_UNDATED)
		snprintf(out, size, "-");
	else
		iv_time_format(t, out, size);
}

/*
 * Measures and communities of g (the caller releases both, whatever the
 * outcome); with --format, the network written with them.  Returns an
 * exit code.
 */
static int analyse(const struct net_opts *o, const struct iv_graph *g, struct iv_graph_measures *m,
                   struct iv_graph_communities *c)
{
	struct iv_graph_measure_opts mo = {0, o->samples, 1};
	struct iv_graph_community_opts co = {o->method, o->resolution, 0, 1};
	struct iv_buf err = IV_BUF_INIT;
	int code;
	enum iv_err rc;

	memset(m, 0, sizeof(*m));
	memset(c, 0, sizeof(*c));
	rc = iv_graph_measures(g, &mo, m, &err);
	if (!rc)
		rc = iv_graph_communities(g, m, &co, c, &err);
	if (!rc && o->format >= 0)
		rc = iv_graph_write(g, (enum iv_graph_format)o->format, m, c, write_stdout, NULL,
		                    &err);
	code = rc ? cli_fail(rc, &err) : 0;
	iv_buf_release(&err);
	return code;
}

/* ---- measures ---------------------------------------------------------------------------- */

static int run_measures(const struct net_opts *o, const struct iv_graph *g)
{
	struct iv_graph_measures m;
	struct iv_graph_communities c;
	uint32_t *order = NULL;
	int code = analyse(o, g, &m, &c);

	if (code || o->format >= 0)
		goto out;
	order = iv_view_by_betweenness(&m, g->nnodes);
	if (!order) {
		code = cli_error(IV_ERR_NOMEM, "out of memory");
		goto out;
	}
	if (!o->json) {
		printf("%zu nodes, %zu links, %zu components (largest %zu), %zu communities "
		       "(modularity %.3f)\n",
		       g->nnodes, g->nedges, m.components, m.largest_component, c.n, c.modularity);
		if (m.sampled)
			printf("betweenness estimated from %zu sampled sources (relative standard "
			       "error of the top values %.1f%%)\n",
			       m.sources, 100 * m.betweenness_error);
		fprintf(stderr,
		        "invigor: measures in %.2f s (betweenness %.2f, closeness %.2f, pagerank "
		        "%.2f, coreness %.2f), communities in %.2f s\n",
		        m.seconds[0] + m.seconds[1] + m.seconds[2] + m.seconds[3] + m.seconds[4] +
		                m.seconds[5],
		        m.seconds[1], m.seconds[2], m.seconds[3], m.seconds[4], c.seconds);
		printf("%-24s %-28s %6s %10s %8s %8s %8s %5s %5s\n", "id", "name", "degree",
		       "betweenness", "(norm)", "closeness", "pagerank", "core", "comm");
	}
	for (size_t i = 0; !code && i < g->nnodes; i++) {
		uint32_t v = order[i];

		if ((!o->json || o->top_given) && i >= o->top)
			break;
		if (o->json) {
			json_t *j = iv_view_measures_json(g, &m, &c, v);

			code = cli_print_json(j);
		} else {
			cell(g->nodes[v].id, 24);
			cell(g->nodes[v].name, 28);
			printf("%6.0f %10.1f %8.4f %8.4f %8.5f %5d %5d\n", m.degree[v],
			       m.betweenness[v], m.betweenness_norm[v], m.closeness[v],
			       m.pagerank[v], m.coreness[v], c.membership[v]);
		}
	}
out:
	iv_free(order);
	iv_graph_communities_release(&c);
	iv_graph_measures_release(&m);
	return code;
}

/* ---- communities ------------------------------------------------------------------------- */

static int run_communities(const struct net_opts *o, const struct iv_graph *g)
{
	struct iv_graph_measures m;
	struct iv_graph_communities c;
	int code = analyse(o, g, &m, &c);

	if (code || o->format >= 0)
		goto out;
	if (!o->json)
		printf("%zu communities by %s (modularity %.3f) over %zu nodes\n", c.n, c.method,
		       c.modularity, g->nnodes);
	for (size_t i = 0; !code && i < c.n; i++) {
		const struct iv_graph_community *cm = &c.c[i];

		if (o->json) {
			json_t *j = iv_view_community_json(g, &c, i);

			code = cli_print_json(j);
			continue;
		}
		if (cm->nmembers < 2 && i >= 20)
			continue;
		printf("\ncommunity %zu: %zu members, %zu internal links, density %.3f\n", i,
		       cm->nmembers, cm->internal_edges, cm->density);
		for (size_t k = 0; k < cm->nmembers && k < 15; k++) {
			uint32_t v = cm->members[k];

			printf("  %-10s ", iv_graph_role_name(c.role[v]));
			cell(g->nodes[v].id, 24);
			printf("%s\n", g->nodes[v].name);
		}
		if (cm->nmembers > 15)
			printf("  ... and %zu more\n", cm->nmembers - 15);
		if (cm->nbrokers) {
			printf("  brokers to other communities:");
			for (size_t k = 0; k < cm->nbrokers && k < 5; k++)
				printf(" %s", g->nodes[cm->brokers[k]].id);
			printf("\n");
		}
	}
out:
	iv_graph_communities_release(&c);
	iv_graph_measures_release(&m);
	return code;
}

/* ---- key players ----------------------------------------------------------------------------- */

static int run_keyplayers(const struct net_opts *o, const struct iv_graph *g)
{
	struct iv_graph_keyset *neg = NULL, *pos = NULL;
	struct iv_buf err = IV_BUF_INIT;
	size_t kmax = o->k;
	int code = 0;
	enum iv_err rc;

	if (g->nnodes == 0)
		return cli_error(IV_ERR_INVALID, "the network is empty: nothing to fragment");
	if (kmax > g->nnodes)
		return cli_error(IV_ERR_INVALID, "--k %u is more than the %zu nodes in the network",
		                 o->k, g->nnodes);
	/* kmax <= nnodes: no product here overflows */
	neg = iv_calloc(kmax * sizeof(*neg));
	pos = iv_calloc(kmax * sizeof(*pos));
	if (!neg || !pos) {
		code = cli_error(IV_ERR_NOMEM, "out of memory");
		goto out;
	}
	rc = iv_graph_keyplayers_neg(g, kmax, neg, &err);
	if (!rc)
		rc = iv_graph_keyplayers_pos(g, kmax, pos, &err);
	if (rc) {
		code = cli_fail(rc, &err);
		goto out;
	}
	if (!o->json)
		printf("disruption plan for %zu nodes: remove k key players (KPP-Neg), or reach "
		       "most with k (KPP-Pos)\n%3s %13s %8s %10s  %s\n",
		       g->nnodes, "k", "fragmentation", "largest", "components", "remove");
	for (size_t i = 0; !code && i < kmax; i++) {
		if (o->json) {
			json_t *j = iv_view_keyset_json(g, &neg[i], &pos[i]);

			code = cli_print_json(j);
			continue;
		}
		printf("%3zu %13.4f %8zu %10zu  ", neg[i].k, neg[i].fragmentation,
		       neg[i].largest_component, neg[i].components);
		for (size_t k = 0; k < neg[i].k; k++)
			printf("%s%s (%s)", k ? ", " : "", g->nodes[neg[i].removed[k]].id,
			       g->nodes[neg[i].removed[k]].name);
		printf("\n");
	}
	if (!o->json && !code) {
		printf("\nreach (KPP-Pos): k nodes within one step of the most others\n");
		for (size_t i = 0; i < kmax; i++) {
			printf("%3zu reach %zu: ", pos[i].k, pos[i].reached);
			for (size_t k = 0; k < pos[i].k; k++)
				printf("%s%s", k ? ", " : "", g->nodes[pos[i].removed[k]].id);
			printf("\n");
		}
	}
out:
	iv_free(neg);
	iv_free(pos);
	iv_buf_release(&err);
	return code;
}

/* ---- paths ----------------------------------------------------------------------------------- */

/* The edges between two nodes (all kinds), as JSON hops or text lines. */
static void hop_text(const struct iv_graph *g, uint32_t a, uint32_t b)
{
	for (size_t k = g->adj_off[a]; k < g->adj_off[a + 1]; k++) {
		const struct iv_graph_edge *e = &g->edges[g->adj[k].edge];
		char first[32], last[32], ev[80];

		if (g->adj[k].node != b)
			continue;
		date_text(e->first, first, sizeof(first));
		date_text(e->last, last, sizeof(last));
		printf("      %-10s x%-4u %s .. %s",
		       iv_graph_link_name((enum iv_graph_link)e->kind), e->count, first, last);
		if (e->amount)
			printf("  amount %.2f", e->amount);
		if (e->duration)
			printf("  %.0f s", e->duration);
		for (uint32_t i = 0; i < e->ev_n && i < 3; i++) {
			iv_graph_evidence_text(g, g->evidence[e->ev_off + i], ev, sizeof(ev));
			printf("%s%s", i ? " " : "  evidence ", ev);
		}
		if (e->ev_n > 3)
			printf(" (+%u)", e->ev_n - 3);
		printf("\n");
	}
}

static int print_paths(const struct net_opts *o, const struct iv_graph *g,
                       const struct iv_graph_paths *ps)
{
	int code = 0;

	if (!o->json)
		printf("%zu path%s%s\n", ps->n, ps->n == 1 ? "" : "s",
		       ps->truncated ? " (more exist: --max-paths)" : "");
	for (size_t i = 0; !code && i < ps->n; i++) {
		const struct iv_graph_path *p = &ps->p[i];

		if (o->json) {
			code = cli_print_json(iv_view_path_json(g, p));
			continue;
		}
		printf("\npath %zu, %zu link%s:\n", i + 1, p->len, p->len == 1 ? "" : "s");
		for (size_t k = 0; k <= p->len; k++) {
			printf("  %s %s (%s)\n", g->nodes[p->nodes[k]].id,
			       g->nodes[p->nodes[k]].name, g->nodes[p->nodes[k]].schema);
			if (k < p->len)
				hop_text(g, p->nodes[k], p->nodes[k + 1]);
		}
	}
	return code;
}

static int run_paths(struct iv_store *st, const struct net_opts *o, const struct iv_graph *g,
                     bool all)
{
	struct iv_graph_paths ps;
	struct iv_buf err = IV_BUF_INIT;
	uint32_t a = 0, b = 0;
	int code;
	enum iv_err rc;

	memset(&ps, 0, sizeof(ps));
	if (o->nids != 2)
		return cli_usage("network", "%s wants two entity ids", o->sub);
	code = find_node(st, g, o->ids[0], &a);
	if (!code)
		code = find_node(st, g, o->ids[1], &b);
	if (code)
		return code;
	if (a == b)
		return cli_error(IV_ERR_INVALID, "'%s' and '%s' are the same entity", o->ids[0],
		                 o->ids[1]);
	rc = all ? iv_graph_all_paths(g, a, b, o->max_len, o->max_paths, &ps, &err)
	         : iv_graph_shortest_paths(g, a, b, o->max_paths, &ps, &err);
	if (rc) {
		code = cli_fail(rc, &err);
	} else if (ps.n == 0) {
		code = cli_error(IV_ERR_NOTFOUND, "no path links '%s' and '%s'%s", o->ids[0],
		                 o->ids[1], all ? " within --max-len links" : "");
	} else if (o->format >= 0) {
		/* the nodes of every path found, as one network */
		uint32_t *nodes = iv_calloc((g->nnodes + 1) * sizeof(*nodes));
		char *seen = iv_calloc(g->nnodes + 1);
		size_t n = 0;
		struct iv_graph *sub = NULL;

		if (!nodes || !seen) {
			code = cli_error(IV_ERR_NOMEM, "out of memory");
		} else {
			for (size_t i = 0; i < ps.n; i++)
				for (size_t k = 0; k <= ps.p[i].len; k++)
					if (!seen[ps.p[i].nodes[k]]) {
						seen[ps.p[i].nodes[k]] = 1;
						nodes[n++] = ps.p[i].nodes[k];
					}
			rc = iv_graph_subgraph(g, nodes, n, &sub, &err);
			if (!rc)
				rc = iv_graph_write(sub, (enum iv_graph_format)o->format, NULL,
				                    NULL, write_stdout, NULL, &err);
			code = rc ? cli_fail(rc, &err) : 0;
		}
		iv_graph_free(sub);
		iv_free(nodes);
		iv_free(seen);
	} else {
		code = print_paths(o, g, &ps);
	}
	iv_graph_paths_release(&ps);
	iv_buf_release(&err);
	return code;
}

/* ---- ego ----------------------------------------------------------------------------------------
 */

static int run_ego(struct iv_store *st, const struct net_opts *o, const struct iv_graph *g)
{
	struct iv_graph *sub = NULL;
	struct iv_buf err = IV_BUF_INIT;
	uint32_t center = 0;
	int code;
	enum iv_err rc;

	if (o->nids != 1)
		return cli_usage("network", "ego wants one entity id");
	code = find_node(st, g, o->ids[0], &center);
	if (code)
		return code;
	rc = iv_graph_ego(g, center, o->hops, o->max_nodes, &sub, &err);
	if (rc) {
		code = cli_fail(rc, &err);
		goto out;
	}
	if (o->format >= 0) {
		rc = iv_graph_write(sub, (enum iv_graph_format)o->format, NULL, NULL, write_stdout,
		                    NULL, &err);
		code = rc ? cli_fail(rc, &err) : 0;
		goto out;
	}
	if (!o->json)
		printf("%s %s: %zu nodes and %zu links within %u hops%s\n", g->nodes[center].id,
		       g->nodes[center].name, sub->nnodes, sub->nedges, o->hops,
		       sub->nnodes >= o->max_nodes ? " (at the --max-nodes limit)" : "");
	for (size_t v = 0; !code && v < sub->nnodes; v++) {
		if (o->json) {
			code = cli_print_json(json_pack(
			        "{s:s, s:s, s:s, s:I}", "id", sub->nodes[v].id, "name",
			        sub->nodes[v].name, "schema", sub->nodes[v].schema, "degree",
			        (json_int_t)(sub->adj_off[v + 1] - sub->adj_off[v])));
			continue;
		}
		printf("  ");
		cell(sub->nodes[v].id, 24);
		cell(sub->nodes[v].name, 28);
		printf("%-14s %zu links\n", sub->nodes[v].schema,
		       sub->adj_off[v + 1] - sub->adj_off[v]);
	}
	for (size_t e = 0; !code && o->json && e < sub->nedges; e++) {
		const struct iv_graph_edge *ed = &sub->edges[e];

		code = cli_print_json(iv_view_edge_json(sub, ed));
	}
out:
	iv_graph_free(sub);
	iv_buf_release(&err);
	return code;
}

int cmd_network(int argc, char **argv, const struct cli_global *gl)
{
	struct net_opts o;
	struct iv_store *st = NULL;
	struct iv_graph *g = NULL;
	struct iv_graph_project_report rep;
	struct iv_buf err = IV_BUF_INIT;
	int code;
	enum iv_err rc;

	memset(&o, 0, sizeof(o));
	code = parse(argc, argv, &o);
	if (code)
		return code < 0 ? CLI_OK : code;
	if (strcmp(o.sub, "measures") && strcmp(o.sub, "communities") &&
	    strcmp(o.sub, "keyplayers") && strcmp(o.sub, "path") && strcmp(o.sub, "paths") &&
	    strcmp(o.sub, "ego"))
		return cli_usage("network", "unknown analysis '%s'", o.sub);
	code = cli_open_store(gl, false, true, &st);
	if (code)
		return code;
	rc = iv_graph_project(st, &o.proj, &g, &rep, &err);
	if (rc) {
		code = cli_fail(rc, &err);
		goto out;
	}
	fprintf(stderr,
	        "invigor: network of %zu nodes and %zu links from %llu statements in %.2f s "
	        "(%llu outside the window, %llu references to entities not in the store, %llu "
	        "phone values that are no number, %zu self-links left out, %llu values past "
	        "16 per property)\n",
	        g->nnodes, g->nedges, (unsigned long long)rep.statements, rep.seconds,
	        (unsigned long long)rep.outside_window, (unsigned long long)rep.dangling,
	        (unsigned long long)rep.not_numbers, g->self_loops,
	        (unsigned long long)rep.values_dropped);
	if ((o.proj.from != IV_GRAPH_UNDATED || o.proj.to != IV_GRAPH_UNDATED) &&
	    rep.dated_in_window == 0) {
		code = cli_error(IV_ERR_NOTFOUND,
		                 "no dated link falls in the time window (%llu fall outside it)",
		                 (unsigned long long)rep.outside_window);
		goto out;
	}
	if (g->nnodes == 0) {
		code = cli_error(IV_ERR_NOTFOUND, "the network is empty: no links%s in the store",
		                 o.proj.kinds ? " of these kinds" : "");
		goto out;
	}
	if (!strcmp(o.sub, "measures"))
		code = run_measures(&o, g);
	else if (!strcmp(o.sub, "communities"))
		code = run_communities(&o, g);
	else if (!strcmp(o.sub, "keyplayers"))
		code = run_keyplayers(&o, g);
	else if (!strcmp(o.sub, "path"))
		code = run_paths(st, &o, g, false);
	else if (!strcmp(o.sub, "paths"))
		code = run_paths(st, &o, g, true);
	else
		code = run_ego(st, &o, g);
out:
	iv_graph_free(g);
	iv_store_close(st);
	iv_buf_release(&err);
	return code;
}

int cli_export_network(const struct cli_global *gl, int format, const char *from, const char *to,
                       const char *kinds)
{
	struct net_opts o;
	struct iv_store *st = NULL;
	struct iv_graph *g = NULL;
	struct iv_buf err = IV_BUF_INIT;
	int code;
	enum iv_err rc;

	memset(&o, 0, sizeof(o));
	o.proj.from = o.proj.to = IV_GRAPH_UNDATED;
	o.format = format;
	o.method = "leiden";
	o.resolution = 1.0;
	if (from && !parse_when(from, false, &o.proj.from))
		return cli_usage("export", "--from wants an ISO 8601 date, not '%s'", from);
	if (to && !parse_when(to, true, &o.proj.to))
		return cli_usage("export", "--to wants an ISO 8601 date, not '%s'", to);
	if (kinds && (code = parse_kinds("export", kinds, &o.proj.kinds)) != 0)
		return code;
	code = cli_open_store(gl, false, true, &st);
	if (code)
		return code;
	rc = iv_graph_project(st, &o.proj, &g, NULL, &err);
	if (rc)
		code = cli_fail(rc, &err);
	else if (g->nnodes == 0)
		code = cli_error(IV_ERR_NOTFOUND, "the network is empty: nothing to export");
	else
		code = run_measures(&o, g);
	if (!code && fflush(stdout))
		code = cli_error(IV_ERR_IO, "writing to stdout failed");
	iv_graph_free(g);
	iv_store_close(st);
	iv_buf_release(&err);
	return code;
}
