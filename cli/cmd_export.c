/*
 * cmd_export.c - `invigor export --format ftm`: the store as FtM JSON lines
 * on stdout, losslessly (ingest -> export -> ingest gives the same
 * statements).
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "iv/export.h"
#include "iv/graph.h"

static const char help[] =
        "usage: invigor [--db PATH] export --format ftm [--dataset NAME] [--resolved]\n"
        "       invigor [--db PATH] export --format graphml|gexf|anx|cyjs [--from DATE]\n"
        "                                  [--to DATE] [--kinds LIST]\n"
        "\n"
        "Write entities as FtM JSON lines on stdout: one line per fragment (the\n"
        "values of an entity sharing dataset, source record and handling), with\n"
        "invigor's handling envelope, source record and original values so that\n"
        "ingesting the output gives the same statements.\n"
        "\n"
        "  --format F       ftm, or a network format: graphml, gexf (Gephi), anx\n"
        "                   (i2 Analyst's Notebook) or cyjs (Cytoscape JSON); a\n"
        "                   network is the projection 'invigor network' analyses,\n"
        "                   with each node's measures and community\n"
        "  --from, --to, --kinds   the network's time window and link kinds (see\n"
        "                   'invigor network --help')\n"
        "  --dataset NAME   only statements of this dataset\n"
        "  --resolved       records merged by 'invigor resolve' are written under\n"
        "                   their canonical id, with their own id in \"referents\",\n"
        "                   and references to them point at the canonical id\n";

static IV_MUST_USE enum iv_err write_stdout(void *ctx, const char *data, size_t n)
{
	(void)ctx;
	return fwrite(data, 1, n, stdout) == n ? IV_OK : IV_ERR_IO;
}

/* What `invigor export` was asked for. */
struct export_request {
	const char *format, *dataset, *from, *to, *kinds;
	bool resolved;
};

/* export's command line into r: -1 to go on, else the exit code (0 after the help). */
static int export_options(int argc, char **argv, struct export_request *r)
{
	static const struct option options[] = {
	        {"format", required_argument, NULL, 'f'}, {"dataset", required_argument, NULL, 'd'},
	        {"resolved", no_argument, NULL, 'r'},     {"from", required_argument, NULL, 'F'},
	        {"to", required_argument, NULL, 'T'},     {"kinds", required_argument, NULL, 'K'},
	        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
	};
	int opt;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			fputs(help, stdout);
			return CLI_OK;
		case 'f':
			r->format = optarg;
			break;
		case 'd':
			r->dataset = optarg;
			break;
		case 'r':
			r->resolved = true;
			break;
		case 'F':
			r->from = optarg;
			break;
		case 'T':
			r->to = optarg;
			break;
		case 'K':
			r->kinds = optarg;
			break;
		default:
			return cli_usage("export", "bad option");
		}
	}
	if (optind < argc)
		return cli_usage("export", "unexpected argument '%s'", argv[optind]);
	return -1;
}

/* The store as FtM JSON lines on stdout (--format ftm); an exit code. */
static int export_ftm(const struct cli_global *g, const struct export_request *r)
{
	struct iv_store *st = NULL;
	struct iv_buf err = IV_BUF_INIT;
	uint64_t lines = 0;
	int code;
	enum iv_err rc;

	code = cli_open_store(g, false, true, &st);
	if (code)
		return code;
	rc = r->resolved ? iv_export_ftm_resolved(st, r->dataset, write_stdout, NULL, &lines, &err)
	                 : iv_export_ftm(st, r->dataset, write_stdout, NULL, &lines, &err);
	if (rc == IV_ERR_IO)
		code = cli_error(rc, "writing to stdout failed");
	else if (rc)
		code = cli_fail(rc, &err);
	else if (fflush(stdout))
		code = cli_error(IV_ERR_IO, "writing to stdout failed");
	else if (r->dataset && lines == 0) /* a misspelt name, most likely */
		code = cli_error(IV_ERR_NOTFOUND,
		                 "no statements of a dataset '%s' ('invigor stats' lists the "
		                 "datasets)",
		                 r->dataset);
	else
		fprintf(stderr, "invigor: exported %llu fragment lines\n",
		        (unsigned long long)lines);
	iv_store_close(st);
	iv_buf_release(&err);
	return code;
}

int cmd_export(int argc, char **argv, const struct cli_global *g)
{
	struct export_request r = {.format = "ftm"};
	int code;

	code = export_options(argc, argv, &r);
	if (code >= 0)
		return code;
	if (iv_graph_format_parse(r.format) >= 0) {
		if (r.dataset || r.resolved)
			return cli_usage("export", "--dataset and --resolved go with --format ftm");
		return cli_export_network(g, iv_graph_format_parse(r.format), r.from, r.to,
		                          r.kinds);
	}
	if (strcmp(r.format, "ftm"))
		return cli_usage("export", "unknown format '%s': ftm, graphml, gexf, anx or cyjs",
		                 r.format);
	if (r.from || r.to || r.kinds)
		return cli_usage("export", "--from, --to and --kinds go with a network format");
	return export_ftm(g, &r);
}
