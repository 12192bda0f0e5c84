/*
 * bench_network.c - network analysis: correctness against python-igraph and
 * networkx, speed against both, and agreement with the generator's truth.
 *
 *   bench_network [--networks DIR] [--edges N] [--samples S] [--rounds R] [--quick]
 *                 [--scale small|medium|large|COUNT] [--kp K] [--python PATH]
 *                 [--skip-correctness] [--skip-speed] [--skip-world] [--keep DIR]
 *
 * Run it from the repository root: the networks are read from
 * ../shared/data/networks (else /work/shared/data/networks), the mapping
 * bench/data/edge-list.yml and the peers bench/network_peers.py are found
 * from the current folder or next to this source file.  The peers run under
 * Debian's /usr/bin/python3 (python3-igraph, python3-networkx), on the same
 * edge list, in the same run.
 *
 * 1. Correctness.  Each edge list of the networks folder goes through the
 *    library's ingest (iv_ingest_file with edge-list.yml: every name a
 *    Person, every row an UnknownLink with its weight) into a fresh store,
 *    iv_graph_project builds the network and iv_graph_measures computes
 *    exact measures.  network_peers.py computes the same ones with both
 *    libraries; per measure the largest absolute difference over the nodes
 *    (matched by id) is printed, PASS when all are within 1e-9.  The
 *    definitions, and where networkx has to be asked for igraph's, are in
 *    network_peers.py.
 * 2. Speed.  A graph of N edges (default 1,000,000; --quick 100,000) with
 *    planted communities and a few hubs is generated deterministically,
 *    written as an edge list and ingested (timed, not compared).  Timed:
 *    the projection, sampled betweenness from S sources (default 100,
 *    --quick 20; networkx takes about 4 s a source at 1M edges), Leiden,
 *    k-core and a 3-hop ego query from 20 start nodes; the peers run the
 *    same algorithms on the same file from the same sources and start
 *    nodes.  Ours and python-igraph's run in R alternating rounds (default
 *    3), each figure the best of its rounds, so that other work on the
 *    machine weighs on both alike; networkx runs once.  Printed: each time,
 *    each total, our total as a ratio of each peer's, against the targets
 *    (within 1.1x of python-igraph, at least 20x faster than networkx, an
 *    ego query under 50 ms), and peak RSS.  The default run takes about
 *    12 minutes on a 2-core machine, most of it networkx.
 * 3. The generator's world (iv_sim, --scale, default small): ingested
 *    through its manifest, resolved (iv_resolve_batch, every family), then
 *    projected.  Communities are compared with the true OCGs
 *    (truth/ocg_members.csv) by NMI and adjusted Rand index over the nodes
 *    that stand for a true OCG member; KPP-Neg with k = the number of true
 *    key players (at most 64; --kp to change) is scored by how many of the
 *    removed nodes are true key players (truth/key_players.csv), next to
 *    the k nodes of highest betweenness and of highest degree.
 *
 * Exit status: 0 when everything ran (a missed target is printed, not an
 * error), 1 when a correctness check failed, 2 when something could not run.
 * --keep DIR leaves the generated files and stores in DIR.
 */
#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench_files.h"
#include "iv/graph.h"
#include "iv/ingest.h"
#include "iv/resolve.h"
#include "iv/sim.h"
#include "iv/store.h"

#define TOLERANCE       1e-9
#define TARGET_IGRAPH   1.1  /* our algorithm total / python-igraph's, at most */
#define TARGET_NETWORKX 20.0 /* networkx's total / ours, at least */
#define TARGET_EGO_SECS 0.050
#define DEFAULT_EDGES   1000000ULL
#define QUICK_EDGES     100000ULL
#define DEFAULT_SAMPLES 100
#define QUICK_SAMPLES   20
#define EGO_STARTS      20
#define DEFAULT_ROUNDS  3
#define MAX_ROUNDS      10
#define EGO_HOPS        3
#define SEED            1
#define DEFAULT_PYTHON  "/usr/bin/python3"
#define BATCHES         IV_GRAPH_BETWEENNESS_BATCHES /* as measures.c splits the sources */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double peak_rss_mb(int who)
{
	struct rusage ru;

	getrusage(who, &ru);
	return (double)ru.ru_maxrss / 1024.0;
}

/* SplitMix64 (Steele, Lea and Flood, 2014): the generator, and the one measures.c samples with. */
static uint64_t splitmix(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* ---- files ----------------------------------------------------------------------------------- */

/* bench/NAME from the repository root, else NAME next to this source file. */
static bool find_bench_file(const char *name, char *out, size_t size)
{
	const char *slash = strrchr(__FILE__, '/');
	int n = snprintf(out, size, "bench/%s", name);

	if (n >= 0 && (size_t)n < size && readable(out))
		return true;
	if (!slash)
		return false;
	n = snprintf(out, size, "%.*s/%s", (int)(slash - __FILE__), __FILE__, name);
	return n >= 0 && (size_t)n < size && readable(out);
}

static long file_bytes(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (long)sb.st_size : -1;
}

/* ---- the run's settings -----------------------------------------------------------------------
 */

struct bench {
	const char *work;   /* folder for generated files and stores */
	const char *python; /* the interpreter the peers run under */
	char mapping[4096]; /* bench/data/edge-list.yml */
	char peers[4096];   /* bench/network_peers.py */
	double peers_secs;  /* wall time spent in the peers, all parts */
};

/* ---- the peers (network_peers.py) ------------------------------------------------------------ */

/* word in single quotes for /bin/sh, a quote inside written as '\'' */
static enum iv_err add_quoted(struct iv_buf *cmd, const char *word)
{
	enum iv_err rc = iv_buf_adds(cmd, cmd->len ? " '" : "'");

	for (const char *c = word; !rc && *c; c++)
		rc = *c == '\'' ? iv_buf_adds(cmd, "'\\''") : iv_buf_addch(cmd, *c);
	return rc ? rc : iv_buf_addch(cmd, '\'');
}

/* Run network_peers.py with args and parse what it prints; *out is the caller's to json_decref. */
static enum iv_err run_peers(struct bench *b, const char *const *args, size_t nargs, json_t **out,
                             struct iv_buf *err)
{
	struct iv_buf cmd = IV_BUF_INIT;
	json_error_t jerr;
	char drain[4096];
	FILE *pipe = NULL;
	double t0 = now();
	enum iv_err rc;
	int status;

	*out = NULL;
	rc = add_quoted(&cmd, b->python);
	if (!rc)
		rc = add_quoted(&cmd, b->peers);
	for (size_t i = 0; !rc && i < nargs; i++)
		rc = add_quoted(&cmd, args[i]);
	if (rc) {
		rc = iv_seterr(err, rc, "out of memory");
		goto out;
	}
	fflush(stdout);
	pipe = popen(cmd.buf, "r");
	if (!pipe) {
		rc = iv_seterr(err, IV_ERR_IO, "%s: %s", cmd.buf, strerror(errno));
		goto out;
	}
	*out = json_loadf(pipe, 0, &jerr);
	while (fread(drain, 1, sizeof(drain), pipe) > 0)
		; /* what a failed parse left: the child must not block writing it */
	status = pclose(pipe);
	if (status != 0 || !*out) {
		rc = iv_seterr(err, IV_ERR_INTERNAL, "%s: %s", cmd.buf,
		               status != 0 ? "failed (its message is above)" : jerr.text);
		json_decref(*out);
		*out = NULL;
	}
out:
	b->peers_secs += now() - t0;
	iv_buf_release(&cmd);
	return rc;
}

static double num(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);

	return json_is_number(v) ? json_number_value(v) : NAN;
}

/* ---- an edge list through the library ------------------------------------------------------- */

struct loaded {
	struct iv_store *st;
	struct iv_graph *g;
	struct iv_ingest_report ingest;
	double ingest_secs;
	struct iv_graph_project_report project;
	double project_secs;
	size_t pairs; /* edges of the simple graph: distinct node pairs */
};

static void loaded_release(struct loaded *l)
{
	iv_graph_free(l->g);
	iv_store_close(l->st);
	memset(l, 0, sizeof(*l));
}

/* Fresh store at `store`, the edge list ingested with the mapping, then projected. */
static enum iv_err load_edge_list(const struct bench *b, const char *csv, const char *store,
                                  struct loaded *l, struct iv_buf *err)
{
	struct iv_graph_project_opts po = {.from = IV_GRAPH_UNDATED, .to = IV_GRAPH_UNDATED};
	struct iv_ingest_opts o;
	double t0;
	enum iv_err rc;

	memset(l, 0, sizeof(*l));
	remove_store(store);
	rc = iv_store_open(store, IV_STORE_CREATE, &l->st, err);
	if (rc)
		return rc;
	iv_ingest_opts_init(&o);
	o.format = IV_FORMAT_CSV;
	o.mapping_path = b->mapping;
	t0 = now();
	rc = iv_ingest_file(l->st, csv, &o, &l->ingest, err);
	l->ingest_secs = now() - t0;
	if (rc)
		return rc;
	t0 = now();
	rc = iv_graph_project(l->st, &po, &l->g, &l->project, err);
	l->project_secs = now() - t0;
	if (rc)
		return rc;
	for (size_t e = 0; e < l->g->nedges; e++)
		if (e == 0 || l->g->edges[e].a != l->g->edges[e - 1].a ||
		    l->g->edges[e].b != l->g->edges[e - 1].b)
			l->pairs++;
	return IV_OK;
}

/* ---- 1. correctness -------------------------------------------------------------------------- */

/* in the order network_peers.py lists them */
enum {
	M_DEGREE,
	M_BETWEENNESS,
	M_BETWEENNESS_NORM,
	M_CLOSENESS,
	M_PAGERANK,
	M_CORENESS,
	NMEASURES
};

static const char *const measure_names[NMEASURES] = {"degree",    "betweenness", "betweenness_norm",
                                                     "closeness", "pagerank",    "coreness"};

static double our_measure(const struct iv_graph_measures *m, int k, size_t v)
{
	switch (k) {
	case M_DEGREE:
		return m->degree[v];
	case M_BETWEENNESS:
		return m->betweenness[v];
	case M_BETWEENNESS_NORM:
		return m->betweenness_norm[v];
	case M_CLOSENESS:
		return m->closeness[v];
	case M_PAGERANK:
		return m->pagerank[v];
	default:
		return m->coreness[v];
	}
}

struct agreement {
	double maxdiff[NMEASURES];
	size_t nodes;    /* nodes the peer lists */
	size_t missing;  /* of them, not in our network */
	size_t isolated; /* closeness null at the peer (igraph's NaN) and 0 here */
	size_t broken;   /* a value missing or not a number */
};

static void compare_values(const struct iv_graph *g, const struct iv_graph_measures *m,
                           const json_t *values, struct agreement *a)
{
	const char *id;
	json_t *row;

	memset(a, 0, sizeof(*a));
	json_object_foreach((json_t *)values, id, row)
	{
		long v = iv_graph_find(g, id);

		a->nodes++;
		if (v < 0) {
			a->missing++;
			continue;
		}
		for (int k = 0; k < NMEASURES; k++) {
			const json_t *x = json_array_get(row, (size_t)k);
			double ours = our_measure(m, k, (size_t)v), diff;

			if (k == M_CLOSENESS && json_is_null(x) && ours == 0) {
				a->isolated++;
				continue;
			}
			if (!json_is_number(x)) {
				a->broken++;
				continue;
			}
			diff = fabs(ours - json_number_value(x));
			if (!(diff <= a->maxdiff[k])) /* NaN counts as the largest */
				a->maxdiff[k] = isnan(diff) ? INFINITY : diff;
		}
	}
}

static bool agreement_ok(const struct agreement *a, size_t our_nodes)
{
	for (int k = 0; k < NMEASURES; k++)
		if (!(a->maxdiff[k] <= TOLERANCE))
			return false;
	return !a->missing && !a->broken && a->nodes == our_nodes;
}

static void print_agreement(const char *peer, const struct agreement *a, size_t our_nodes)
{
	printf("  %-22s", peer);
	for (int k = 0; k < NMEASURES; k++)
		printf(" %16.1e", a->maxdiff[k]);
	printf("   %s", agreement_ok(a, our_nodes) ? "PASS" : "FAIL");
	if (a->missing || a->broken || a->nodes != our_nodes)
		printf(" (%zu nodes there, %zu here, %zu not found here, %zu values not numbers)",
		       a->nodes, our_nodes, a->missing, a->broken);
	if (a->isolated)
		printf(" (%zu isolated nodes: closeness NaN there, 0 here, as documented)",
		       a->isolated);
	printf("\n");
}

/* The measures of the peers' JSON are the ones compared here, in this order. */
static bool measures_listed(const json_t *peers)
{
	const json_t *list = json_object_get(peers, "measures");

	if (json_array_size(list) != NMEASURES)
		return false;
	for (size_t k = 0; k < NMEASURES; k++)
		if (!json_is_string(json_array_get(list, k)) ||
		    strcmp(json_string_value(json_array_get(list, k)), measure_names[k]))
			return false;
	return true;
}

/* One network; *failed set when a check failed.  IV_OK unless something could not run. */
static enum iv_err check_network(struct bench *b, const char *dir, const char *file, bool *failed,
                                 struct iv_buf *err)
{
	struct iv_graph_measure_opts mo = {0};
	struct iv_graph_measures m = {0};
	struct agreement ig, nx;
	struct loaded l;
	json_t *peers = NULL;
	const json_t *igv, *nxv;
	char csv[4096], store[4096];
	const char *args[2];
	size_t top = 0;
	enum iv_err rc;

	memset(&l, 0, sizeof(l));
	if (!join(csv, sizeof(csv), dir, file) || !join(store, sizeof(store), b->work, "net.db"))
		return iv_seterr(err, IV_ERR_INVALID, "%s: path too long", dir);
	rc = load_edge_list(b, csv, store, &l, err);
	if (rc)
		goto out;
	mo.exact_limit = l.g->nnodes + 1; /* exact betweenness whatever the size */
	rc = iv_graph_measures(l.g, &mo, &m, err);
	if (rc)
		goto out;
	args[0] = "measures";
	args[1] = csv;
	rc = run_peers(b, args, 2, &peers, err);
	if (rc)
		goto out;
	igv = json_object_get(json_object_get(peers, "igraph"), "values");
	nxv = json_object_get(json_object_get(peers, "networkx"), "values");
	if (!measures_listed(peers) || !json_is_object(igv) || !json_is_object(nxv)) {
		rc = iv_seterr(err, IV_ERR_INTERNAL, "%s: the peers' output lacks the measures",
		               file);
		goto out;
	}
	compare_values(l.g, &m, igv, &ig);
	compare_values(l.g, &m, nxv, &nx);
	for (size_t v = 1; v < m.n; v++)
		if (m.betweenness[v] > m.betweenness[top])
			top = v;
	printf("%s: %zu nodes, %zu edges here; %.0f nodes, %.0f edges at the peers; ingest %.3f "
	       "s, projection %.3f s\n",
	       file, l.g->nnodes, l.pairs, num(peers, "nodes"), num(peers, "edges"), l.ingest_secs,
	       l.project_secs);
	printf("  %-22s", "max |ours - peer|");
	for (int k = 0; k < NMEASURES; k++)
		printf(" %16s", measure_names[k]);
	printf("\n");
	print_agreement("python-igraph", &ig, l.g->nnodes);
	print_agreement("networkx", &nx, l.g->nnodes);
	printf("  igraph_betweenness_subset from every node, as the speed test calls it through "
	       "ctypes, against igraph's betweenness: max difference %.1e\n",
	       num(json_object_get(peers, "igraph"), "subset_all_sources_max_diff"));
	if (m.n)
		printf("  highest betweenness here: %s, %.1f (normalised %.3f), degree %.0f, "
		       "closeness %.3f\n",
		       l.g->nodes[top].id, m.betweenness[top], m.betweenness_norm[top],
		       m.degree[top], m.closeness[top]);
	if (num(peers, "rows_merged") > 0 || num(peers, "self_loops_dropped") > 0)
		printf("  note: the file repeats %.0f pairs and has %.0f self-loops\n",
		       num(peers, "rows_merged"), num(peers, "self_loops_dropped"));
	if (!agreement_ok(&ig, l.g->nnodes) || !agreement_ok(&nx, l.g->nnodes) ||
	    !(num(json_object_get(peers, "igraph"), "subset_all_sources_max_diff") <= TOLERANCE))
		*failed = true;
out:
	json_decref(peers);
	iv_graph_measures_release(&m);
	loaded_release(&l);
	return rc;
}

static int csv_name(const struct dirent *de)
{
	size_t n = strlen(de->d_name);

	return n > 4 && !strcmp(de->d_name + n - 4, ".csv");
}

/* 0 all agree, 1 a check failed, 2 something could not run. */
static int run_correctness(struct bench *b, const char *dir)
{
	struct iv_buf err = IV_BUF_INIT;
	struct dirent **names = NULL;
	bool failed = false;
	int n, status = 0;

	printf("\n== 1. correctness: %s, exact measures against python-igraph and networkx, "
	       "tolerance %.0e ==\n",
	       dir, TOLERANCE);
	printf("(degree; betweenness unweighted, unnormalised and divided by (n-1)(n-2)/2; "
	       "closeness as igraph defines it, networkx with wf_improved=False; PageRank "
	       "weighted, damping 0.85; coreness.  Definitions: bench/network_peers.py)\n");
	n = scandir(dir, &names, csv_name, alphasort);
	if (n <= 0) {
		printf("no edge lists in %s; skipped\n", dir);
		free(names);
		return 0;
	}
	for (int i = 0; i < n; i++) {
		if (!status && check_network(b, dir, names[i]->d_name, &failed, &err)) {
			fprintf(stderr, "bench_network: %s: %s\n", names[i]->d_name, err.buf);
			status = 2;
		}
		free(names[i]);
	}
	free(names);
	iv_buf_release(&err);
	if (!status)
		printf("correctness: %s\n", failed ? "FAIL (see above)" : "PASS on every network");
	return status ? status : failed ? 1 : 0;
}

/* ---- 2. speed: the generated graph ----------------------------------------------------------- */

struct gen_stats {
	uint32_t nodes, communities, hubs, hub_ties;
	uint64_t edges, inside;
	double secs;
};

/* Open-addressing set of node pairs (a < b, so a key is never 0). */
struct pair_set {
	uint64_t *slot;
	size_t mask;
};

static bool pair_add(struct pair_set *ps, uint32_t a, uint32_t b)
{
	uint64_t key = a < b ? (uint64_t)a << 32 | b : (uint64_t)b << 32 | a;
	size_t i = (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 20) & ps->mask;

	while (ps->slot[i]) {
		if (ps->slot[i] == key)
			return false;
		i = (i + 1) & ps->mask;
	}
	ps->slot[i] = key;
	return true;
}

/*
 * An edge list of `edges` ties among edges / 5 nodes (mean degree 10):
 * planted communities of 20 to 200 consecutive nodes; 4% of the ties go
 * from a few hubs to anyone; of the rest, a tie from a node chosen
 * uniformly goes inside its community 9 times in 10, else anywhere.  No
 * self-loops, no repeated pairs; weights 1 to 3.  Deterministic.
 */
static enum iv_err generate_graph(const char *path, uint64_t edges, struct gen_stats *gs,
                                  struct iv_buf *err)
{
	struct pair_set ps = {0};
	uint32_t *first = NULL, *size = NULL, *community = NULL;
	uint64_t state = SEED, tries = 0, hub_edges;
	size_t cap = 1024;
	FILE *f = NULL;
	double t0 = now();
	enum iv_err rc = IV_OK;

	memset(gs, 0, sizeof(*gs));
	gs->nodes = (uint32_t)(edges / 5 > 50 ? edges / 5 : 50);
	gs->hubs = (uint32_t)(edges / 50000 > 2 ? edges / 50000 : 2);
	hub_edges = edges / 25;
	gs->hub_ties = (uint32_t)(hub_edges / gs->hubs);
	while (cap < 2 * edges)
		cap *= 2;
	ps.slot = iv_calloc(cap * sizeof(*ps.slot));
	ps.mask = cap - 1;
	first = iv_malloc(gs->nodes * sizeof(*first));
	size = iv_malloc(gs->nodes * sizeof(*size));
	community = iv_malloc(gs->nodes * sizeof(*community));
	if (!ps.slot || !first || !size || !community) {
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory generating the graph");
		goto out;
	}
	for (uint32_t v = 0; v < gs->nodes;) {
		uint32_t s = 20 + (uint32_t)(splitmix(&state) % 181);

		s = s < gs->nodes - v ? s : gs->nodes - v;
		first[gs->communities] = v;
		size[gs->communities] = s;
		for (uint32_t i = 0; i < s; i++)
			community[v + i] = gs->communities;
		gs->communities++;
		v += s;
	}
	f = fopen(path, "w");
	if (!f) {
		rc = iv_seterr(err, IV_ERR_IO, "%s: %s", path, strerror(errno));
		goto out;
	}
	fputs("source,target,weight\n", f);
	while (gs->edges < edges) {
		uint32_t a, b;

		if (++tries > 50 * edges + 1000) {
			rc = iv_seterr(err, IV_ERR_INVALID, "cannot place %llu edges",
			               (unsigned long long)edges);
			goto out;
		}
		if (gs->edges < (uint64_t)gs->hubs * gs->hub_ties) {
			/* hubs are spread over the communities */
			a = (uint32_t)(gs->edges / gs->hub_ties) * (gs->nodes / gs->hubs);
			b = (uint32_t)(splitmix(&state) % gs->nodes);
		} else {
			uint32_t c;

			a = (uint32_t)(splitmix(&state) % gs->nodes);
			c = community[a];
			if (splitmix(&state) % 10 < 9)
				b = first[c] + (uint32_t)(splitmix(&state) % size[c]);
			else
				b = (uint32_t)(splitmix(&state) % gs->nodes);
		}
		if (a == b || !pair_add(&ps, a, b))
			continue;
		gs->inside += community[a] == community[b];
		fprintf(f, "n%u,n%u,%u\n", a, b, 1 + (unsigned)(splitmix(&state) % 3));
		gs->edges++;
	}
	if (fclose(f)) {
		f = NULL;
		rc = iv_seterr(err, IV_ERR_IO, "%s: %s", path, strerror(errno));
		goto out;
	}
	f = NULL;
	gs->secs = now() - t0;
out:
	if (f)
		fclose(f);
	iv_free(ps.slot);
	iv_free(first);
	iv_free(size);
	iv_free(community);
	return rc;
}

/*
 * The sources iv_graph_measures samples: k distinct node indexes drawn
 * by a partial Fisher-Yates shuffle driven by SplitMix64 from the seed,
 * as lib/graph/measures.c documents it.  The library does not hand its
 * sample out, so the benchmark draws the same one to give the peers; the
 * betweenness comparison below shows whether it is the same.
 */
static enum iv_err draw_sources(size_t n, size_t k, uint64_t seed, uint32_t *out)
{
	uint32_t *perm = iv_malloc((n + 1) * sizeof(*perm));
	uint64_t state = seed;

	if (!perm)
		return IV_ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		perm[i] = (uint32_t)i;
	for (size_t i = 0; i < k; i++) {
		size_t j = i + (size_t)(splitmix(&state) % (n - i));
		uint32_t t = perm[i];

		perm[i] = perm[j];
		perm[j] = t;
	}
	memcpy(out, perm, k * sizeof(*out));
	iv_free(perm);
	return IV_OK;
}

/* The ids of nodes[0..n) of g, one a line, into path. */
static enum iv_err write_ids(const struct iv_graph *g, const uint32_t *nodes, size_t n,
                             const char *path, struct iv_buf *err)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return iv_seterr(err, IV_ERR_IO, "%s: %s", path, strerror(errno));
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s\n", g->nodes[nodes[i]].id);
	if (fclose(f))
		return iv_seterr(err, IV_ERR_IO, "%s: %s", path, strerror(errno));
	return IV_OK;
}

struct ego_times {
	double secs[EGO_STARTS];
	size_t nodes[EGO_STARTS];
	double total, median, max;
};

static int double_cmp(const void *x, const void *y)
{
	double p = *(const double *)x, q = *(const double *)y;

	return (p > q) - (p < q);
}

static void ego_summary(struct ego_times *e)
{
	double sorted[EGO_STARTS];

	memcpy(sorted, e->secs, sizeof(sorted));
	qsort(sorted, EGO_STARTS, sizeof(*sorted), double_cmp);
	e->median = (sorted[EGO_STARTS / 2 - 1] + sorted[EGO_STARTS / 2]) / 2;
	e->max = sorted[EGO_STARTS - 1];
	e->total = 0;
	for (size_t i = 0; i < EGO_STARTS; i++)
		e->total += e->secs[i];
}

/* What one library took; NAN where it did not run. */
struct lib_times {
	double build; /* not in the total: projection, or reading the file and building the graph */
	double convert; /* ours only: the projection turned into igraph's graph (NAN for the peers)
	                 */
	double betweenness, communities, kcore;
	struct ego_times ego;
	double total; /* conversion + betweenness + communities + k-core + every ego query */
};

static void peer_times(const json_t *lib, const json_t *load, const char *build,
                       const char *communities, struct lib_times *t)
{
	const json_t *ego = json_object_get(lib, "ego");

	t->build = num(load, "read_csv") + num(load, build);
	t->convert = NAN;
	t->betweenness = num(lib, "betweenness");
	t->communities = num(lib, communities);
	t->kcore = num(lib, "kcore");
	t->ego.total = num(ego, "total");
	t->ego.median = num(ego, "median");
	t->ego.max = num(ego, "max");
	t->total = t->betweenness + t->communities + t->kcore + t->ego.total;
}

static const char *met(bool ok)
{
	return ok ? "met" : "MISSED";
}

/* Largest |ours - scale * peer| over the nodes, and the largest of our values. */
static void compare_vector(const struct iv_graph *g, const json_t *ids, const json_t *peer,
                           const double *ours, double scale, double *maxdiff, double *maxours,
                           size_t *missing)
{
	*maxdiff = 0;
	*maxours = 0;
	*missing = 0;
	for (size_t i = 0; i < json_array_size(ids); i++) {
		long v = iv_graph_find(g, json_string_value(json_array_get(ids, i)));
		const json_t *x = json_array_get(peer, i);
		double d;

		if (v < 0 || !json_is_number(x)) {
			(*missing)++;
			continue;
		}
		d = fabs(ours[v] - scale * json_number_value(x));
		*maxdiff = d > *maxdiff ? d : *maxdiff;
		*maxours = ours[v] > *maxours ? ours[v] : *maxours;
	}
}

static void print_cell(int width, double x)
{
	if (isnan(x))
		printf(" %*s", width, "-");
	else
		printf(" %*.3f", width, x);
}

static void print_row(const char *what, double ours, double ig, double nx)
{
	printf("  %-34s", what);
	print_cell(12, ours);
	print_cell(14, ig);
	print_cell(14, nx);
	printf("\n");
}

/* The smallest of x and y, ignoring a NaN. */
static double least(double x, double y)
{
	return isnan(x) || y < x ? y : x;
}

/*
 * Best of the rounds, figure by figure (each library's graph is built
 * once per round outside its figures; ours is converted to igraph's once,
 * in the first round, so that figure is the first round's).
 */
static void best_of(const struct lib_times *round, size_t n, struct lib_times *best)
{
	memset(best, 0, sizeof(*best));
	best->build = best->betweenness = best->communities = best->kcore = NAN;
	best->ego.total = best->ego.median = best->ego.max = NAN;
	best->convert = round[0].convert;
	for (size_t i = 0; i < n; i++) {
		best->build = least(best->build, round[i].build);
		best->betweenness = least(best->betweenness, round[i].betweenness);
		best->communities = least(best->communities, round[i].communities);
		best->kcore = least(best->kcore, round[i].kcore);
		best->ego.total = least(best->ego.total, round[i].ego.total);
		best->ego.median = least(best->ego.median, round[i].ego.median);
		best->ego.max = least(best->ego.max, round[i].ego.max);
	}
	memcpy(best->ego.nodes, round[0].ego.nodes, sizeof(best->ego.nodes));
	best->total = (isnan(best->convert) ? 0 : best->convert) + best->betweenness +
	              best->communities + best->kcore + best->ego.total;
}

struct speed_run {
	struct loaded l;
	struct gen_stats gs;
	struct iv_graph_measures m;    /* the last round's */
	struct iv_graph_communities c; /* the last round's */
	uint32_t *sources;
	uint32_t starts[EGO_STARTS];
	char sources_path[4096], starts_path[4096];
	size_t rounds;
	struct lib_times ours_round[MAX_ROUNDS], ig_round[MAX_ROUNDS];
	struct lib_times ours, ig, nx; /* ours and python-igraph: best of the rounds */
	json_t *ig_json;               /* python-igraph's first round */
	json_t *nx_json;               /* networkx's one run */
};

/* Generate, ingest and project the graph; choose the sources and start nodes for all. */
static enum iv_err speed_prepare(struct bench *b, uint64_t edges, size_t samples, const char *csv,
                                 struct speed_run *r, struct iv_buf *err)
{
	char store[4096];
	uint64_t state = SEED + 1;
	enum iv_err rc;

	rc = generate_graph(csv, edges, &r->gs, err);
	if (rc)
		return rc;
	printf("generated: %u nodes in %u planted communities of 20-200 (%.0f%% of ties inside "
	       "one), %u hubs of %u ties; %llu edges, weights 1-3, no repeats or self-loops; "
	       "%.1f MB in %.2f s\n",
	       r->gs.nodes, r->gs.communities, 100.0 * (double)r->gs.inside / (double)r->gs.edges,
	       r->gs.hubs, r->gs.hub_ties, (unsigned long long)r->gs.edges,
	       (double)file_bytes(csv) / 1e6, r->gs.secs);
	fflush(stdout);
	if (!join(store, sizeof(store), b->work, "speed.db") ||
	    !join(r->sources_path, sizeof(r->sources_path), b->work, "sources.txt") ||
	    !join(r->starts_path, sizeof(r->starts_path), b->work, "ego-starts.txt"))
		return iv_seterr(err, IV_ERR_INVALID, "%s: path too long", b->work);
	rc = load_edge_list(b, csv, store, &r->l, err);
	if (rc)
		return rc;
	printf("ingest (not compared; iv_ingest_file with %s): %llu rows, %llu statements, %llu "
	       "entities in %.2f s\n",
	       b->mapping, (unsigned long long)r->l.ingest.records,
	       (unsigned long long)r->l.ingest.statements_added,
	       (unsigned long long)r->l.ingest.entities_added, r->l.ingest_secs);
	printf("projection: %zu nodes, %zu edges from %llu statements in %.2f s\n", r->l.g->nnodes,
	       r->l.pairs, (unsigned long long)r->l.project.statements, r->l.project_secs);
	fflush(stdout);
	if (r->l.g->nnodes < EGO_STARTS || samples > r->l.g->nnodes)
		return iv_seterr(err, IV_ERR_INVALID, "the graph is too small for the test");

	/* start nodes: distinct, drawn uniformly */
	for (size_t i = 0; i < EGO_STARTS;) {
		uint32_t v = (uint32_t)(splitmix(&state) % r->l.g->nnodes);
		bool seen = false;

		for (size_t j = 0; j < i; j++)
			seen |= r->starts[j] == v;
		if (!seen)
			r->starts[i++] = v;
	}
	r->sources = iv_malloc((samples + 1) * sizeof(*r->sources));
	if (!r->sources || draw_sources(r->l.g->nnodes, samples, SEED, r->sources))
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	rc = write_ids(r->l.g, r->sources, samples, r->sources_path, err);
	return rc ? rc : write_ids(r->l.g, r->starts, EGO_STARTS, r->starts_path, err);
}

/* One round of our analyses into r->ours_round[i]. */
static enum iv_err speed_ours(size_t samples, size_t i, struct speed_run *r, struct iv_buf *err)
{
	struct iv_graph_measure_opts mo = {.exact_limit = 1, .samples = samples, .seed = SEED};
	struct iv_graph_community_opts co = {.method = "leiden", .resolution = 1, .seed = SEED};
	struct lib_times *t = &r->ours_round[i];
	double t0, wall, phases = 0;
	enum iv_err rc;

	iv_graph_communities_release(&r->c);
	iv_graph_measures_release(&r->m);
	t0 = now();
	rc = iv_graph_measures(r->l.g, &mo, &r->m, err);
	wall = now() - t0;
	if (rc)
		return rc;
	if (!r->m.sampled || r->m.sources != samples)
		return iv_seterr(err, IV_ERR_INTERNAL,
		                 "betweenness was not sampled from %zu sources", samples);
	for (size_t k = 0; k < 6; k++)
		phases += r->m.seconds[k];
	t0 = now();
	rc = iv_graph_communities(r->l.g, &r->m, &co, &r->c, err);
	t->communities = now() - t0;
	if (rc)
		return rc;
	for (size_t k = 0; k < EGO_STARTS; k++) {
		struct iv_graph *ego = NULL;

		t0 = now();
		rc = iv_graph_ego(r->l.g, r->starts[k], EGO_HOPS, r->l.g->nnodes, &ego, err);
		t->ego.secs[k] = now() - t0;
		if (rc)
			return rc;
		t->ego.nodes[k] = ego->nnodes;
		iv_graph_free(ego);
	}
	ego_summary(&t->ego);

	/*
	 * iv_graph_measures times each part; what its wall time has besides them
	 * is, in the first round, the conversion to igraph's graph (kept with
	 * the graph for the later analyses) and in every round its arrays:
	 * counted in our total, as the peers build their graph outside theirs.
	 */
	t->build = r->l.project_secs;
	t->convert = wall - phases;
	t->betweenness = r->m.seconds[1];
	t->kcore = r->m.seconds[4];
	t->total = t->convert + t->betweenness + t->communities + t->kcore + t->ego.total;
	if (i == 0)
		printf("our first round: iv_graph_measures %.2f s in all (conversion to igraph and "
		       "set-up %.2f s, betweenness %.2f s, k-core %.3f s; also computed in the "
		       "same "
		       "call and not compared: degree %.3f s, sampled closeness %.2f s, PageRank "
		       "and "
		       "eigenvector %.2f s, articulation points, bridges and components %.2f s); "
		       "iv_graph_communities %.2f s (of which Leiden as igraph reports it %.2f s); "
		       "peak RSS so far %.0f MB\n",
		       wall, t->convert, r->m.seconds[1], r->m.seconds[4], r->m.seconds[0],
		       r->m.seconds[2], r->m.seconds[3], r->m.seconds[5], t->communities,
		       r->c.seconds, peak_rss_mb(RUSAGE_SELF));
	return IV_OK;
}

/* One run of the peers (only: "igraph" or "networkx") on the same file, sources and starts. */
static enum iv_err speed_peer(struct bench *b, const char *csv, const char *only,
                              struct speed_run *r, json_t **out, struct iv_buf *err)
{
	const char *args[] = {"speed",        csv,      "--sources", r->sources_path, "--ego",
	                      r->starts_path, "--only", only};

	return run_peers(b, args, sizeof(args) / sizeof(*args), out, err);
}

static void print_round(size_t i, const struct lib_times *ours, const struct lib_times *ig)
{
	printf("round %zu: invigor %.3f s (conversion and set-up %.3f, betweenness %.3f, "
	       "communities %.3f, k-core %.3f, ego %.3f); python-igraph %.3f s (%.3f, %.3f, %.3f, "
	       "%.3f); ratio %.2f\n",
	       i + 1, ours->total, ours->convert, ours->betweenness, ours->communities, ours->kcore,
	       ours->ego.total, ig->total, ig->betweenness, ig->communities, ig->kcore,
	       ig->ego.total, ours->total / ig->total);
	fflush(stdout);
}

static void print_table(const struct speed_run *r, size_t samples)
{
	const json_t *igj = json_object_get(r->ig_json, "igraph");
	const json_t *nxj = json_object_get(r->nx_json, "networkx");
	char best[32];

	printf("\n  %-34s %12s %14s %14s\n", "seconds", "invigor", "python-igraph", "networkx");
	printf("  %-34s %12s %14s %14s\n", "", "",
	       json_string_value(json_object_get(igj, "version")),
	       json_string_value(json_object_get(nxj, "version")));
	snprintf(best, sizeof(best), "best of %zu", r->rounds);
	printf("  %-34s %12s %14s %14s\n", "", best, best, "one run");
	print_row("graph build (not in the total)", r->ours.build, r->ig.build, r->nx.build);
	printf("    (ours: iv_graph_project from the store, once; peers: reading the CSV and "
	       "building their graph)\n");
	print_row("conversion to igraph (ours only)", r->ours.convert, r->ig.convert,
	          r->nx.convert);
	print_row("betweenness, sampled", r->ours.betweenness, r->ig.betweenness,
	          r->nx.betweenness);
	print_row("communities (Leiden; nx: Louvain)", r->ours.communities, r->ig.communities,
	          r->nx.communities);
	print_row("k-core", r->ours.kcore, r->ig.kcore, r->nx.kcore);
	print_row("ego, 3 hops, 20 queries", r->ours.ego.total, r->ig.ego.total, r->nx.ego.total);
	printf("  %-34s %12.1f %14.1f %14.1f\n", "  one query, median (ms)",
	       r->ours.ego.median * 1e3, r->ig.ego.median * 1e3, r->nx.ego.median * 1e3);
	printf("  %-34s %12.1f %14.1f %14.1f\n", "  one query, max (ms)", r->ours.ego.max * 1e3,
	       r->ig.ego.max * 1e3, r->nx.ego.max * 1e3);
	print_row("total", r->ours.total, r->ig.total, r->nx.total);
	print_row("total with the graph build", r->ours.total + r->ours.build,
	          r->ig.total + r->ig.build, r->nx.total + r->nx.build);
	printf("  what each ran:\n"
	       "    betweenness  unweighted, from the same %zu sources (S) to every node; ours "
	       "iv_graph_measures (exact_limit 1, samples %zu: igraph_betweenness_subset in %d "
	       "batches); python-igraph 0.10.2 has no sources= argument, so libigraph's "
	       "igraph_betweenness_subset through ctypes on python-igraph's graph; networkx "
	       "betweenness_centrality_subset\n"
	       "    communities  ours iv_graph_communities (Leiden, modularity, resolution 1, and "
	       "the community table, brokers and roles); python-igraph community_leiden "
	       "(modularity, weighted, until stable); networkx 2.8 has no Leiden: "
	       "louvain_communities (weighted) instead\n"
	       "    k-core       ours the coreness part of iv_graph_measures; coreness(); "
	       "core_number()\n"
	       "    ego          ours iv_graph_ego (hops 3, max_nodes = every node: no cap), which "
	       "builds the ego network with its edges, nearest and heaviest first; peers only "
	       "list the nodes: neighborhood(order=3) / single_source_shortest_path_length "
	       "(cutoff 3).  Building the subgraph too (induced_subgraph / ego_graph) takes them "
	       "%.3f s / %.3f s for the 20 queries (max %.1f / %.1f ms)\n",
	       samples, samples, BATCHES, num(json_object_get(igj, "ego_subgraph"), "total"),
	       num(json_object_get(nxj, "ego_subgraph"), "total"),
	       num(json_object_get(igj, "ego_subgraph"), "max") * 1e3,
	       num(json_object_get(nxj, "ego_subgraph"), "max") * 1e3);
}

/* Our last round's results against the peers' on the same graph. */
static void print_agreement_speed(const struct speed_run *r, size_t samples)
{
	const json_t *igj = json_object_get(r->ig_json, "igraph");
	const json_t *nxj = json_object_get(r->nx_json, "networkx");
	const json_t *igv = json_object_get(r->ig_json, "values");
	const json_t *nxv = json_object_get(r->nx_json, "values");
	const json_t *ig_sizes = json_object_get(json_object_get(igj, "ego"), "sizes");
	const json_t *nx_sizes = json_object_get(json_object_get(nxj, "ego"), "sizes");
	double scale = (double)r->l.g->nnodes / (double)samples;
	double diff_ig, diff_nx, top, core_ig = NAN, core_nx = NAN, maxcore = NAN;
	size_t miss_ig, miss_nx, ego_differ = 0, ego_min = SIZE_MAX, ego_max = 0;
	double *ourcore = iv_malloc((r->m.n + 1) * sizeof(*ourcore));

	printf("  agreement (our last round):\n");
	compare_vector(r->l.g, json_object_get(igv, "ids"),
	               json_object_get(igv, "igraph_betweenness"), r->m.betweenness, scale,
	               &diff_ig, &top, &miss_ig);
	compare_vector(r->l.g, json_object_get(nxv, "ids"),
	               json_object_get(nxv, "networkx_betweenness"), r->m.betweenness, scale,
	               &diff_nx, &top, &miss_nx);
	printf("    betweenness: ours against n/S x the peer's subset figure (n/S = %.1f): max "
	       "difference %.2e python-igraph, %.2e networkx; largest value %.1f; relative %.1e / "
	       "%.1e%s\n",
	       scale, diff_ig, diff_nx, top, diff_ig / (top > 0 ? top : 1),
	       diff_nx / (top > 0 ? top : 1),
	       miss_ig || miss_nx ? " (some nodes not matched)" : "");
	printf("      (the estimate's own relative standard error on the top 10, from its "
	       "batches: %.3f)\n",
	       r->m.betweenness_error);
	if (ourcore) {
		for (size_t v = 0; v < r->m.n; v++)
			ourcore[v] = r->m.coreness[v];
		compare_vector(r->l.g, json_object_get(igv, "ids"),
		               json_object_get(igv, "igraph_coreness"), ourcore, 1, &core_ig,
		               &maxcore, &miss_ig);
		compare_vector(r->l.g, json_object_get(nxv, "ids"),
		               json_object_get(nxv, "networkx_coreness"), ourcore, 1, &core_nx,
		               &maxcore, &miss_nx);
		printf("    coreness: max difference %.0f python-igraph, %.0f networkx; largest "
		       "core %.0f\n",
		       core_ig, core_nx, maxcore);
	}
	for (size_t i = 0; i < EGO_STARTS; i++) {
		size_t here = r->ours.ego.nodes[i];
		double want = json_number_value(json_array_get(ig_sizes, i));

		ego_differ += (double)here != want ||
		              want != json_number_value(json_array_get(nx_sizes, i));
		ego_min = here < ego_min ? here : ego_min;
		ego_max = here > ego_max ? here : ego_max;
	}
	printf("    ego: node counts equal at all three for %zu of %d start nodes (%zu..%zu "
	       "nodes here)\n",
	       EGO_STARTS - ego_differ, EGO_STARTS, ego_min, ego_max);
	printf("    communities: %zu here (modularity %.4f); python-igraph Leiden %.0f (%.4f); "
	       "networkx Louvain %.0f (%.4f); %u planted\n",
	       r->c.n, r->c.modularity, num(igj, "communities"), num(igj, "modularity"),
	       num(nxj, "communities"), num(nxj, "modularity"), r->gs.communities);
	iv_free(ourcore);
}

static void print_targets(const struct speed_run *r)
{
	double ratio_ig = r->ours.total / r->ig.total, ratio_nx = r->nx.total / r->ours.total;
	double lo = INFINITY, hi = 0;

	for (size_t i = 0; i < r->rounds; i++) {
		double x = r->ours_round[i].total / r->ig_round[i].total;

		lo = x < lo ? x : lo;
		hi = x > hi ? x : hi;
	}
	printf("  targets:\n");
	printf("    ours / python-igraph  %.2f, best against best (target <= %.1f): %s; round by "
	       "round %.2f..%.2f\n",
	       ratio_ig, TARGET_IGRAPH, met(ratio_ig <= TARGET_IGRAPH), lo, hi);
	printf("    networkx / ours       %.1f (target >= %.0f): %s\n", ratio_nx, TARGET_NETWORKX,
	       met(ratio_nx >= TARGET_NETWORKX));
	printf("    ego query             median %.1f ms, max %.1f ms (target < %.0f ms): %s\n",
	       r->ours.ego.median * 1e3, r->ours.ego.max * 1e3, TARGET_EGO_SECS * 1e3,
	       met(r->ours.ego.max < TARGET_EGO_SECS));
	printf("    with the graph build  ours / python-igraph %.2f, networkx / ours %.1f\n",
	       (r->ours.total + r->ours.build) / (r->ig.total + r->ig.build),
	       (r->nx.total + r->nx.build) / (r->ours.total + r->ours.build));
	printf("  peak RSS: ours %.0f MB (the whole process: generation, ingest, projection, "
	       "analyses); peers %.0f MB (largest child)\n",
	       peak_rss_mb(RUSAGE_SELF), peak_rss_mb(RUSAGE_CHILDREN));
}

/* 0 done, 2 failed. */
static int run_speed(struct bench *b, uint64_t edges, size_t samples, size_t rounds)
{
	struct speed_run r;
	struct iv_buf err = IV_BUF_INIT;
	char csv[4096];
	enum iv_err rc;

	memset(&r, 0, sizeof(r));
	r.rounds = rounds;
	printf("\n== 2. speed: a generated graph of %llu edges; betweenness from S = %zu sampled "
	       "sources; ours and python-igraph in %zu alternating rounds, networkx once ==\n",
	       (unsigned long long)edges, samples, rounds);
	if (!join(csv, sizeof(csv), b->work, "edges.csv")) {
		rc = iv_seterr(&err, IV_ERR_INVALID, "%s: path too long", b->work);
		goto out;
	}
	rc = speed_prepare(b, edges, samples, csv, &r, &err);
	for (size_t i = 0; !rc && i < rounds; i++) {
		json_t *ig = NULL;

		rc = speed_ours(samples, i, &r, &err);
		if (!rc)
			rc = speed_peer(b, csv, "igraph", &r, &ig, &err);
		if (rc)
			break;
		peer_times(json_object_get(ig, "igraph"), json_object_get(ig, "load"),
		           "igraph_build", "leiden", &r.ig_round[i]);
		print_round(i, &r.ours_round[i], &r.ig_round[i]);
		if (!r.ig_json)
			r.ig_json = ig;
		else
			json_decref(ig);
	}
	if (rc)
		goto out;
	printf("networkx: %s %s speed --only networkx (minutes)...\n", b->python, b->peers);
	fflush(stdout);
	rc = speed_peer(b, csv, "networkx", &r, &r.nx_json, &err);
	if (rc)
		goto out;
	best_of(r.ours_round, rounds, &r.ours);
	best_of(r.ig_round, rounds, &r.ig);
	peer_times(json_object_get(r.nx_json, "networkx"), json_object_get(r.nx_json, "load"),
	           "networkx_build", "louvain", &r.nx);
	print_table(&r, samples);
	print_agreement_speed(&r, samples);
	print_targets(&r);
out:
	if (rc)
		fprintf(stderr, "bench_network: speed: %s\n", err.buf);
	json_decref(r.ig_json);
	json_decref(r.nx_json);
	iv_free(r.sources);
	iv_graph_communities_release(&r.c);
	iv_graph_measures_release(&r.m);
	loaded_release(&r.l);
	iv_buf_release(&err);
	return rc ? 2 : 0;
}

/* ---- 3. the generator's world ------------------------------------------------------------------
 */

/* A CSV file read by header names; row gets the wanted cells ("" when empty). */
typedef enum iv_err (*table_row_fn)(void *ctx, const char *const *cells);

struct table_reader {
	const char *const *want;
	size_t nwant;
	long col[8];
	struct iv_buf cell[8];
	size_t field;
	bool have_header;
	table_row_fn row;
	void *ctx;
	enum iv_err rc;
};

static void table_field(void *s, size_t len, void *data)
{
	struct table_reader *t = data;
	const char *f = s ? s : "";

	for (size_t k = 0; !t->rc && k < t->nwant; k++) {
		if (!t->have_header && len == strlen(t->want[k]) && !memcmp(f, t->want[k], len))
			t->col[k] = (long)t->field;
		if (t->have_header && t->col[k] == (long)t->field &&
		    iv_buf_add(&t->cell[k], f, len))
			t->rc = IV_ERR_NOMEM;
	}
	t->field++;
}

static void table_record(int c, void *data)
{
	struct table_reader *t = data;
	const char *cells[8];

	if (!t->rc && !t->have_header) {
		for (size_t k = 0; k < t->nwant; k++)
			if (t->col[k] < 0)
				t->rc = IV_ERR_INVALID;
		t->have_header = true;
	} else if (!t->rc) {
		for (size_t k = 0; k < t->nwant; k++)
			cells[k] = t->cell[k].buf;
		t->rc = t->row(t->ctx, cells);
	}
	for (size_t k = 0; k < t->nwant; k++)
		iv_buf_reset(&t->cell[k]);
	t->field = 0;
}

static enum iv_err read_table(const char *path, const char *const *want, size_t nwant,
                              table_row_fn row, void *ctx, struct iv_buf *err)
{
	struct table_reader t = {.want = want, .nwant = nwant, .row = row, .ctx = ctx};
	struct csv_parser parser;
	char chunk[65536];
	size_t got;
	FILE *f;
	enum iv_err rc = IV_OK;

	for (size_t k = 0; k < nwant; k++) {
		t.col[k] = -1;
		iv_buf_init(&t.cell[k], 0);
	}
	f = fopen(path, "rb");
	if (!f) {
		rc = iv_seterr(err, IV_ERR_NOTFOUND, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (csv_init(&parser, CSV_APPEND_NULL)) {
		fclose(f);
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
		goto out;
	}
	while (!t.rc && (got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (csv_parse(&parser, chunk, got, table_field, table_record, &t) != got) {
			rc = iv_seterr(err, IV_ERR_INVALID, "%s: %s", path,
			               csv_strerror(csv_error(&parser)));
			break;
		}
	if (!rc)
		csv_fini(&parser, table_field, table_record, &t);
	csv_free(&parser);
	fclose(f);
	if (!rc && t.rc)
		rc = iv_seterr(err, t.rc, "%s: %s", path,
		               t.rc == IV_ERR_INVALID ? "a wanted column is missing" : "failed");
out:
	for (size_t k = 0; k < nwant; k++)
		iv_buf_release(&t.cell[k]);
	return rc;
}

/* Interned strings: key -> index + 1. */
struct names {
	struct iv_map map;
	size_t n;
};

static enum iv_err intern(struct names *nm, const char *key, uint32_t *out)
{
	void *hit = iv_map_get(&nm->map, key);
	enum iv_err rc;

	if (!hit) {
		hit = (void *)(uintptr_t)(nm->n + 1);
		rc = iv_map_put(&nm->map, key, hit);
		if (rc)
			return rc;
		nm->n++;
	}
	*out = (uint32_t)((uintptr_t)hit - 1);
	return IV_OK;
}

/* Votes (item, true person): an item's person is the one most votes name. */
struct votes {
	uint64_t *v; /* item << 32 | person */
	size_t n, alloc;
};

static enum iv_err vote(struct votes *vs, uint32_t item, uint32_t person)
{
	if (vs->n == vs->alloc) {
		size_t alloc = vs->alloc ? 2 * vs->alloc : 4096;
		uint64_t *bigger = iv_realloc(vs->v, alloc * sizeof(*bigger));

		if (!bigger)
			return IV_ERR_NOMEM;
		vs->v = bigger;
		vs->alloc = alloc;
	}
	vs->v[vs->n++] = (uint64_t)item << 32 | person;
	return IV_OK;
}

static int u64_cmp(const void *x, const void *y)
{
	uint64_t p = *(const uint64_t *)x, q = *(const uint64_t *)y;

	return (p > q) - (p < q);
}

/* out[item] = its majority person (lowest on a tie), UINT32_MAX when it has no vote. */
static enum iv_err count_votes(struct votes *vs, size_t nitems, uint32_t **out)
{
	uint32_t *person = iv_malloc((nitems + 1) * sizeof(*person));

	*out = person;
	if (!person)
		return IV_ERR_NOMEM;
	for (size_t i = 0; i < nitems; i++)
		person[i] = UINT32_MAX;
	qsort(vs->v, vs->n, sizeof(*vs->v), u64_cmp);
	for (size_t i = 0, best = 0; i < vs->n;) {
		size_t j = i;

		while (j < vs->n && vs->v[j] == vs->v[i])
			j++;
		if (i == 0 || vs->v[i] >> 32 != vs->v[i - 1] >> 32)
			best = 0;
		if (j - i > best) {
			best = j - i;
			person[vs->v[i] >> 32] = (uint32_t)vs->v[i];
		}
		i = j;
	}
	return IV_OK;
}

struct world_truth {
	struct names people;   /* true ids */
	struct names entities; /* record entity ids with person mentions */
	struct names canon;    /* canonical ids */
	struct names ocgs;
	struct votes entity_votes, canon_votes;
	uint32_t *entity_person; /* per entity, its true person */
	uint32_t *canon_person;  /* per canonical entity, its true person */
	int *ocg_of;             /* per person, the OCG index, -1 none */
	size_t ocg_alloc;
	bool *key_player; /* per person */
	size_t key_alloc, nkey, ocg_members;
};

static void world_truth_release(struct world_truth *t)
{
	iv_map_release(&t->people.map);
	iv_map_release(&t->entities.map);
	iv_map_release(&t->canon.map);
	iv_map_release(&t->ocgs.map);
	iv_free(t->entity_votes.v);
	iv_free(t->canon_votes.v);
	iv_free(t->entity_person);
	iv_free(t->canon_person);
	iv_free(t->ocg_of);
	iv_free(t->key_player);
	memset(t, 0, sizeof(*t));
}

static enum iv_err on_mention(void *ctx, const char *const *cells)
{
	struct world_truth *t = ctx;
	uint32_t entity, person;
	enum iv_err rc;

	if (strcmp(cells[1], "person") || !cells[0][0] || !cells[2][0])
		return IV_OK;
	rc = intern(&t->entities, cells[0], &entity);
	if (!rc)
		rc = intern(&t->people, cells[2], &person);
	return rc ? rc : vote(&t->entity_votes, entity, person);
}

/*
 * A per-person array arr of *alloc elements, grown (new bytes set to fill)
 * to hold person p; NULL when out of memory, arr left as it was.
 */
static void *fit_person(void *arr, size_t *alloc, size_t elem, uint32_t p, int fill)
{
	size_t grown = *alloc ? *alloc : 1024;
	char *bigger;

	if (p < *alloc)
		return arr;
	while (grown <= p)
		grown *= 2;
	bigger = iv_realloc(arr, grown * elem);
	if (!bigger)
		return NULL;
	memset(bigger + *alloc * elem, fill, (grown - *alloc) * elem);
	*alloc = grown;
	return bigger;
}

static enum iv_err on_ocg_member(void *ctx, const char *const *cells)
{
	struct world_truth *t = ctx;
	uint32_t person, ocg;
	int *grown;
	enum iv_err rc;

	rc = intern(&t->people, cells[0], &person);
	if (!rc)
		rc = intern(&t->ocgs, cells[1], &ocg);
	if (rc)
		return rc;
	grown = fit_person(t->ocg_of, &t->ocg_alloc, sizeof(*grown), person, 0xff); /* -1 */
	if (!grown)
		return IV_ERR_NOMEM;
	t->ocg_of = grown;
	t->ocg_members += t->ocg_of[person] < 0;
	t->ocg_of[person] = (int)ocg;
	return IV_OK;
}

static enum iv_err on_key_player(void *ctx, const char *const *cells)
{
	struct world_truth *t = ctx;
	uint32_t person;
	bool *grown;
	enum iv_err rc = intern(&t->people, cells[0], &person);

	if (rc)
		return rc;
	grown = fit_person(t->key_player, &t->key_alloc, sizeof(*grown), person, 0);
	if (!grown)
		return IV_ERR_NOMEM;
	t->key_player = grown;
	t->nkey += !t->key_player[person];
	t->key_player[person] = true;
	return IV_OK;
}

static enum iv_err on_member(void *ctx, const char *entity, const char *canonical)
{
	struct world_truth *t = ctx;
	const void *hit = iv_map_get(&t->entities.map, entity);
	uint32_t c;
	enum iv_err rc;

	if (!hit)
		return IV_OK;
	rc = intern(&t->canon, canonical, &c);
	return rc ? rc : vote(&t->canon_votes, c, t->entity_person[(uintptr_t)hit - 1]);
}

static enum iv_err load_world_truth(const char *world, struct iv_store *st, struct world_truth *t,
                                    struct iv_buf *err)
{
	static const char *const mention_cols[] = {"entity_id", "kind", "true_id"};
	static const char *const ocg_cols[] = {"true_id", "ocg"};
	static const char *const key_cols[] = {"true_id"};
	char path[4096];
	enum iv_err rc;

	if (!join(path, sizeof(path), world, "truth/mentions.csv"))
		return iv_seterr(err, IV_ERR_INVALID, "%s: path too long", world);
	rc = read_table(path, mention_cols, 3, on_mention, t, err);
	if (!rc && count_votes(&t->entity_votes, t->entities.n, &t->entity_person))
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	if (!rc)
		rc = iv_store_res_each_member(st, on_member, t, err);
	if (!rc && count_votes(&t->canon_votes, t->canon.n, &t->canon_person))
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	if (!rc && join(path, sizeof(path), world, "truth/ocg_members.csv"))
		rc = read_table(path, ocg_cols, 2, on_ocg_member, t, err);
	if (!rc && join(path, sizeof(path), world, "truth/key_players.csv"))
		rc = read_table(path, key_cols, 1, on_key_player, t, err);
	return rc;
}

/* The true person a node stands for (its canonical entity's, else its record's), or -1. */
static long node_person(const struct world_truth *t, const struct iv_graph *g, size_t v)
{
	const void *hit = iv_map_get(&t->canon.map, g->nodes[v].id);

	if (hit && t->canon_person[(uintptr_t)hit - 1] != UINT32_MAX)
		return t->canon_person[(uintptr_t)hit - 1];
	hit = iv_map_get(&t->entities.map, g->nodes[v].id);
	if (hit && t->entity_person[(uintptr_t)hit - 1] != UINT32_MAX)
		return t->entity_person[(uintptr_t)hit - 1];
	return -1;
}

static int ocg_of(const struct world_truth *t, long person)
{
	return person >= 0 && (size_t)person < t->ocg_alloc ? t->ocg_of[person] : -1;
}

static bool is_key(const struct world_truth *t, long person)
{
	return person >= 0 && (size_t)person < t->key_alloc && t->key_player[person];
}

/*
 * NMI and ARI of a partition against the true OCGs, over the nodes that
 * stand for an OCG member.  Both sides are numbered 0, 1, ... in order of
 * first appearance among those nodes: iv_graph_compare_partitions (igraph)
 * refuses a label that is not below the number of items.
 */
static enum iv_err score_partition(const struct world_truth *t, const struct iv_graph *g,
                                   const int *membership, double *nmi, double *ari, size_t *items,
                                   size_t *communities, struct iv_buf *err)
{
	size_t nocg = t->ocgs.n, ntruth = 0;
	int *found = iv_malloc((g->nnodes + 1) * sizeof(*found));
	int *truth = iv_malloc((g->nnodes + 1) * sizeof(*truth));
	int *label = iv_malloc((g->nnodes + 1) * sizeof(*label));
	int *ocg_label = iv_malloc((nocg + 1) * sizeof(*ocg_label));
	enum iv_err rc = IV_OK;

	*items = *communities = 0;
	if (!found || !truth || !label || !ocg_label) {
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
		goto out;
	}
	memset(label, 0xff, g->nnodes * sizeof(*label)); /* -1: not seen yet */
	memset(ocg_label, 0xff, nocg * sizeof(*ocg_label));
	for (size_t v = 0; v < g->nnodes; v++) {
		int ocg = ocg_of(t, node_person(t, g, v)), c = membership[v];

		if (ocg < 0 || c < 0 || (size_t)c >= g->nnodes)
			continue;
		if (label[c] < 0)
			label[c] = (int)(*communities)++;
		if (ocg_label[ocg] < 0)
			ocg_label[ocg] = (int)ntruth++;
		found[*items] = label[c];
		truth[(*items)++] = ocg_label[ocg];
	}
	rc = iv_graph_compare_partitions(found, truth, *items, nmi, ari, err);
out:
	iv_free(found);
	iv_free(truth);
	iv_free(label);
	iv_free(ocg_label);
	return rc;
}

/* The connected components of g as a partition (a baseline for the communities). */
static enum iv_err components_partition(const struct iv_graph *g, int *membership)
{
	uint32_t *queue = iv_malloc((g->nnodes + 1) * sizeof(*queue));
	int next = 0;

	if (!queue)
		return IV_ERR_NOMEM;
	for (size_t v = 0; v < g->nnodes; v++)
		membership[v] = -1;
	for (size_t v = 0; v < g->nnodes; v++) {
		size_t head = 0, tail = 0;

		if (membership[v] >= 0)
			continue;
		membership[v] = next;
		queue[tail++] = (uint32_t)v;
		while (head < tail) {
			uint32_t u = queue[head++];

			for (size_t k = g->adj_off[u]; k < g->adj_off[u + 1]; k++)
				if (membership[g->adj[k].node] < 0) {
					membership[g->adj[k].node] = next;
					queue[tail++] = g->adj[k].node;
				}
		}
		next++;
	}
	iv_free(queue);
	return IV_OK;
}

/* How many of nodes[0..k) stand for distinct true key players. */
static size_t key_players_found(const struct world_truth *t, const struct iv_graph *g,
                                const uint32_t *nodes, size_t k)
{
	size_t found = 0;

	for (size_t i = 0; i < k; i++) {
		long p = node_person(t, g, nodes[i]);
		bool again = false;

		for (size_t j = 0; j < i; j++)
			again |= node_person(t, g, nodes[j]) == p;
		found += is_key(t, p) && !again;
	}
	return found;
}

/* The k nodes with the highest score (ties: lower index first). */
static void top_nodes(const double *score, size_t n, size_t k, uint32_t *out)
{
	for (size_t i = 0; i < k; i++)
		out[i] = UINT32_MAX;
	for (size_t v = 0; v < n; v++) {
		size_t at = k;

		while (at > 0 && (out[at - 1] == UINT32_MAX || score[v] > score[out[at - 1]]))
			at--;
		if (at == k)
			continue;
		memmove(&out[at + 1], &out[at], (k - at - 1) * sizeof(*out));
		out[at] = (uint32_t)v;
	}
}

static void print_kp(const char *what, const struct world_truth *t, const struct iv_graph *g,
                     const uint32_t *nodes, size_t k)
{
	printf("  %-36s %zu of %zu are true key players (%.2f); fragmentation after removing "
	       "them %.4f\n",
	       what, key_players_found(t, g, nodes, k), k,
	       (double)key_players_found(t, g, nodes, k) / (double)k,
	       iv_graph_fragmentation(g, nodes, k, NULL, NULL));
}

struct world_run {
	struct iv_store *st;
	struct iv_graph *g;
	struct iv_graph_measures m;
	struct iv_graph_communities c, louvain;
	struct world_truth t;
	struct iv_graph_keyset *kp;
	uint32_t *top;
	int *components;
};

static void world_run_release(struct world_run *w)
{
	iv_free(w->components);
	iv_free(w->top);
	iv_free(w->kp);
	world_truth_release(&w->t);
	iv_graph_communities_release(&w->louvain);
	iv_graph_communities_release(&w->c);
	iv_graph_measures_release(&w->m);
	iv_graph_free(w->g);
	iv_store_close(w->st);
}

/* Generate, ingest, resolve and project the world. */
static enum iv_err world_build(const char *work, uint64_t scale, struct world_run *w, char *world,
                               size_t size, struct iv_buf *err)
{
	struct iv_graph_project_opts po = {.from = IV_GRAPH_UNDATED, .to = IV_GRAPH_UNDATED};
	struct iv_graph_project_report pr;
	struct iv_resolve_report reps[IV_RESOLVE_NFAMILIES];
	struct iv_resolve_options ro = {0};
	struct iv_ingest_opts io;
	struct iv_sim_opts so;
	struct iv_sim_report sr;
	char store[4096], manifest[4096];
	size_t nrun = 0;
	uint64_t records = 0, clusters = 0;
	double t0;
	enum iv_err rc;

	if (!join(world, size, work, "world") || !join(store, sizeof(store), work, "world.db") ||
	    !join(manifest, sizeof(manifest), world, "manifest.json"))
		return iv_seterr(err, IV_ERR_INVALID, "%s: path too long", work);
	iv_sim_opts_init(&so);
	so.scale = scale;
	so.out_dir = world;
	t0 = now();
	rc = iv_sim_run(&so, &sr, err);
	if (rc)
		return rc;
	printf("generate: %llu person mentions, %llu facilitators in %llu OCGs, %llu records in "
	       "%.2f s\n",
	       (unsigned long long)sr.person_mentions, (unsigned long long)sr.facilitators,
	       (unsigned long long)sr.ocgs, (unsigned long long)sr.records, now() - t0);
	remove_store(store);
	rc = iv_store_open(store, IV_STORE_CREATE, &w->st, err);
	if (rc)
		return rc;
	iv_ingest_opts_init(&io);
	t0 = now();
	rc = iv_ingest_manifest(w->st, manifest, &io, NULL, NULL, err);
	if (rc)
		return rc;
	printf("ingest: manifest in %.2f s\n", now() - t0);
	t0 = now();
	rc = iv_resolve_batch(w->st, &ro, reps, IV_RESOLVE_NFAMILIES, &nrun, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < nrun; i++) {
		records += reps[i].records;
		clusters += reps[i].clusters;
	}
	printf("resolve (iv_resolve_batch, every family, default options): %llu records into "
	       "%llu canonical entities in %.2f s\n",
	       (unsigned long long)records, (unsigned long long)clusters, now() - t0);
	rc = iv_graph_project(w->st, &po, &w->g, &pr, err);
	if (rc)
		return rc;
	printf("projection: %zu nodes, %zu edges (of every kind) from %llu statements in %.2f s\n",
	       w->g->nnodes, w->g->nedges, (unsigned long long)pr.statements, pr.seconds);
	return IV_OK;
}

/* 0 done, 2 failed. */
static int run_world(struct bench *b, uint64_t scale, size_t kp_asked)
{
	struct iv_graph_community_opts co = {.method = "leiden", .resolution = 1, .seed = SEED};
	struct world_run w;
	struct iv_buf err = IV_BUF_INIT;
	char world[4096];
	double nmi, ari, t0;
	size_t items, comms, k, members_seen = 0, keys_seen = 0;
	bool *seen = NULL;
	enum iv_err rc;

	memset(&w, 0, sizeof(w));
	printf("\n== 3. the generator's world (iv_sim, %llu person mentions asked): communities "
	       "against the true OCGs, key players against the true ones ==\n",
	       (unsigned long long)scale);
	fflush(stdout);
	rc = world_build(b->work, scale, &w, world, sizeof(world), &err);
	if (!rc)
		rc = load_world_truth(world, w.st, &w.t, &err);
	if (!rc)
		rc = iv_graph_measures(w.g, NULL, &w.m, &err);
	if (rc)
		goto out;
	seen = iv_calloc(w.t.people.n + 1);
	if (!seen) {
		rc = iv_seterr(&err, IV_ERR_NOMEM, "out of memory");
		goto out;
	}
	for (size_t v = 0; v < w.g->nnodes; v++) {
		long p = node_person(&w.t, w.g, v);

		if (p < 0 || seen[p])
			continue;
		seen[p] = true;
		members_seen += ocg_of(&w.t, p) >= 0;
		keys_seen += is_key(&w.t, p);
	}
	printf("network: %zu components, the largest %zu nodes; fragmentation with nothing removed "
	       "%.4f\n",
	       w.m.components, w.m.largest_component,
	       iv_graph_fragmentation(w.g, NULL, 0, NULL, NULL));
	printf("truth: %zu OCG members in %zu OCGs, %zu key players; in the network: %zu of the "
	       "members and %zu of the key players are nodes\n",
	       w.t.ocg_members, w.t.ocgs.n, w.t.nkey, members_seen, keys_seen);

	t0 = now();
	rc = iv_graph_communities(w.g, &w.m, &co, &w.c, &err);
	if (rc)
		goto out;
	rc = score_partition(&w.t, w.g, w.c.membership, &nmi, &ari, &items, &comms, &err);
	if (rc)
		goto out;
	printf("communities (Leiden, %zu over the whole network, modularity %.4f, %.2f s):\n",
	       w.c.n, w.c.modularity, now() - t0);
	printf("  against the true OCGs, over the %zu nodes that stand for one of the %zu members "
	       "seen (a member whose records the resolution left apart is several nodes; they fall "
	       "in %zu communities): NMI %.4f, adjusted Rand %.4f\n",
	       items, members_seen, comms, nmi, ari);
	co.method = "multilevel";
	if (iv_graph_communities(w.g, &w.m, &co, &w.louvain, &err) == IV_OK &&
	    score_partition(&w.t, w.g, w.louvain.membership, &nmi, &ari, &items, &comms, &err) ==
	            IV_OK)
		printf("  peer, same run: multilevel (Louvain), %zu communities: NMI %.4f, "
		       "adjusted "
		       "Rand %.4f\n",
		       w.louvain.n, nmi, ari);
	else
		printf("  peer, multilevel (Louvain): not run (%s)\n", err.buf);
	w.components = iv_malloc((w.g->nnodes + 1) * sizeof(*w.components));
	if (w.components && components_partition(w.g, w.components) == IV_OK &&
	    score_partition(&w.t, w.g, w.components, &nmi, &ari, &items, &comms, &err) == IV_OK)
		printf("  baseline, same run: the connected components as communities (%zu of them "
		       "hold those nodes): NMI %.4f, adjusted Rand %.4f\n",
		       comms, nmi, ari);

	k = kp_asked ? kp_asked : w.t.nkey;
	k = k < IV_GRAPH_MAX_K ? k : IV_GRAPH_MAX_K;
	k = k < w.g->nnodes ? k : w.g->nnodes;
	w.kp = iv_calloc((k + 1) * sizeof(*w.kp));
	w.top = iv_malloc((k + 1) * sizeof(*w.top));
	if (!w.kp || !w.top || !k) {
		rc = iv_seterr(&err, IV_ERR_NOMEM, "out of memory (or no key players)");
		goto out;
	}
	t0 = now();
	rc = iv_graph_keyplayers_neg(w.g, k, w.kp, &err);
	if (rc)
		goto out;
	printf("key players, k = %zu (%s; %zu true key players, at most %d asked): KPP-Neg %.2f "
	       "s\n",
	       k, kp_asked ? "--kp" : "the number of true key players", w.t.nkey, IV_GRAPH_MAX_K,
	       now() - t0);
	print_kp("KPP-Neg (fragmentation)", &w.t, w.g, w.kp[k - 1].removed, k);
	top_nodes(w.m.betweenness, w.m.n, k, w.top);
	print_kp("peer: top k by betweenness", &w.t, w.g, w.top, k);
	top_nodes(w.m.degree, w.m.n, k, w.top);
	print_kp("peer: top k by degree", &w.t, w.g, w.top, k);
out:
	if (rc)
		fprintf(stderr, "bench_network: world: %s\n", err.buf);
	iv_free(seen);
	world_run_release(&w);
	iv_buf_release(&err);
	return rc ? 2 : 0;
}

/* ---- main ---------------------------------------------------------------------------------- */

static const char usage[] =
        "usage: bench_network [--networks DIR] [--edges N] [--samples S] [--rounds R] [--quick]\n"
        "                     [--scale small|medium|large|COUNT] [--kp K] [--python PATH]\n"
        "                     [--skip-correctness] [--skip-speed] [--skip-world] [--keep DIR]\n";

static bool parse_count(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *end || v == 0)
		return false;
	*out = v;
	return true;
}

int main(int argc, char **argv)
{
	struct bench b = {.python = DEFAULT_PYTHON};
	const char *networks = NULL, *keep = NULL;
	uint64_t edges = 0, samples = 0, scale = IV_SIM_SCALE_SMALL, kp = 0;
	uint64_t rounds = DEFAULT_ROUNDS;
	bool quick = false, skip_correctness = false, skip_speed = false, skip_world = false;
	char work[4096];
	double t0 = now();
	int status = 0, part;

	for (int i = 1; i < argc; i++) {
		bool value = i + 1 < argc;

		if (!strcmp(argv[i], "--networks") && value) {
			networks = argv[++i];
		} else if (!strcmp(argv[i], "--edges") && value &&
		           parse_count(argv[i + 1], &edges)) {
			i++;
		} else if (!strcmp(argv[i], "--samples") && value &&
		           parse_count(argv[i + 1], &samples)) {
			i++;
		} else if (!strcmp(argv[i], "--scale") && value &&
		           iv_sim_scale_parse(argv[i + 1], &scale) == IV_OK) {
			i++;
		} else if (!strcmp(argv[i], "--kp") && value && parse_count(argv[i + 1], &kp)) {
			i++;
		} else if (!strcmp(argv[i], "--rounds") && value &&
		           parse_count(argv[i + 1], &rounds) && rounds <= MAX_ROUNDS) {
			i++;
		} else if (!strcmp(argv[i], "--python") && value) {
			b.python = argv[++i];
		} else if (!strcmp(argv[i], "--keep") && value) {
			keep = argv[++i];
		} else if (!strcmp(argv[i], "--quick")) {
			quick = true;
		} else if (!strcmp(argv[i], "--skip-correctness")) {
			skip_correctness = true;
		} else if (!strcmp(argv[i], "--skip-speed")) {
			skip_speed = true;
		} else if (!strcmp(argv[i], "--skip-world")) {
			skip_world = true;
		} else {
			fputs(usage, stderr);
			return 2;
		}
	}
	edges = edges ? edges : quick ? QUICK_EDGES : DEFAULT_EDGES;
	samples = samples ? samples : quick ? QUICK_SAMPLES : DEFAULT_SAMPLES;
	if (samples > BATCHES && samples % BATCHES) {
		/* equal batches make the library's estimate n/S times the sources' sum */
		samples += BATCHES - samples % BATCHES;
		printf("S rounded up to %llu, a multiple of %d\n", (unsigned long long)samples,
		       BATCHES);
	}
	if (!networks)
		networks = readable("../shared/data/networks") ? "../shared/data/networks"
		                                               : "/work/shared/data/networks";
	if (!find_bench_file("data/edge-list.yml", b.mapping, sizeof(b.mapping)) ||
	    !find_bench_file("network_peers.py", b.peers, sizeof(b.peers))) {
		fprintf(stderr, "bench_network: bench/data/edge-list.yml or bench/network_peers.py "
		                "not found; run from the repository root\n");
		return 2;
	}
	if (keep) {
		if (mkdir(keep, 0777) && errno != EEXIST) {
			fprintf(stderr, "bench_network: %s: %s\n", keep, strerror(errno));
			return 2;
		}
		iv_strlcpy(work, keep, sizeof(work));
	} else {
		iv_strlcpy(work, "/tmp/bench_network.XXXXXX", sizeof(work));
		if (!mkdtemp(work)) {
			fprintf(stderr, "bench_network: %s: %s\n", work, strerror(errno));
			return 2;
		}
	}
	b.work = work;
	printf("command:");
	for (int i = 0; i < argc; i++)
		printf(" %s", argv[i]);
	printf("\nnetworks: %s; mapping: %s; peers: %s %s; work folder: %s (%s)\n", networks,
	       b.mapping, b.python, b.peers, work, keep ? "kept" : "removed at the end");

	if (!skip_correctness) {
		part = run_correctness(&b, networks);
		status = part > status ? part : status;
	}
	if (!skip_speed && status < 2) {
		part = run_speed(&b, edges, (size_t)samples, (size_t)rounds);
		status = part > status ? part : status;
	}
	if (!skip_world && status < 2) {
		part = run_world(&b, scale, (size_t)kp);
		status = part > status ? part : status;
	}
	printf("\nwhole run %.1f s (of which the peers %.1f s); peak RSS %.0f MB here, %.0f MB in "
	       "the largest peer\n",
	       now() - t0, b.peers_secs, peak_rss_mb(RUSAGE_SELF), peak_rss_mb(RUSAGE_CHILDREN));
	if (keep)
		printf("files and stores kept in %s\n", work);
	else
		remove_tree(work);
	return status;
}
