/*
 * cmd_search.c - `invigor search QUERY`: full-text search over names,
 * addresses and text, best first.
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "iv/schema.h"

static const char help[] =
        "usage: invigor [--db PATH] search QUERY... [options]\n"
        "\n"
        "Find entities whose names, addresses or text match every word of\n"
        "QUERY (each word matches as a prefix; case and accents ignored).\n"
        "\n"
        "options:\n"
        "  --schema NAME   only entities of this schema or its descendants\n"
        "  --limit N       at most N hits (default 20)\n"
        "  --json          one JSON object per hit: id, schema, caption, score\n";

static const struct option options[] = {
        {"schema", required_argument, NULL, 's'},
        {"limit", required_argument, NULL, 'l'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
};

struct hits {
	bool json;
	unsigned n;
};

static IV_MUST_USE enum iv_err on_hit(void *ctx, const struct iv_entity_hit *hit)
{
	struct hits *h = ctx;

	h->n++;
	if (h->json) {
		if (cli_print_json(json_pack("{s:s, s:s, s:s, s:f}", "id", hit->id, "schema",
		                             hit->schema, "caption", hit->caption, "score",
		                             hit->score)))
			return IV_ERR_NOMEM;
	} else {
		printf("%-34s %-14s %s\n", hit->id, hit->schema, hit->caption);
	}
	return IV_OK;
}

int cmd_search(int argc, char **argv, const struct cli_global *g)
{
	struct iv_store *st = NULL;
	struct iv_buf err = IV_BUF_INIT, query = IV_BUF_INIT;
	const char *schema = NULL;
	unsigned limit = 20;
	struct hits hits = {false, 0};
	int opt, code;
	enum iv_err rc;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			fputs(help, stdout);
			return CLI_OK;
		case 's':
			if (!iv_schema_get(optarg))
				return cli_usage("search", "unknown schema '%s'", optarg);
			schema = optarg;
			break;
		case 'l':
			if (!cli_parse_uint(optarg, &limit) || limit == 0 || limit > 10000)
				return cli_usage("search",
				                 "--limit takes a number from 1 to 10000");
			break;
		case 'j':
			hits.json = true;
			break;
		default:
			return cli_usage("search", "bad option");
		}
	}
	if (optind >= argc)
		return cli_usage("search", "no query given");
	for (int i = optind; i < argc; i++)
		if (iv_buf_addf(&query, "%s%s", i > optind ? " " : "", argv[i]))
			return cli_error(IV_ERR_NOMEM, "out of memory");
	code = cli_open_store(g, false, true, &st);
	if (code)
		goto out;
	rc = iv_store_search(st, query.buf, schema, limit, on_hit, &hits, &err);
	if (rc) {
		code = cli_fail(rc, &err);
		goto out;
	}
	if (!hits.json && hits.n == 0)
		fprintf(stderr, "invigor: no entity matches '%s'\n", query.buf);
out:
	iv_store_close(st);
	iv_buf_release(&err);
	iv_buf_release(&query);
	return code;
}
