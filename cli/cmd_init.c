/*
 * cmd_init.c - `invigor init`: create an empty database (or migrate an
 * existing one to this version).
 */
#include <getopt.h>

#include "cli.h"

static const char help[] = "usage: invigor [--db PATH] init\n\n"
                           "Create the database at --db (default $INVIGOR_DB or ./invigor.db),\n"
                           "or bring an existing one up to this version.\n";

int cmd_init(int argc, char **argv, const struct cli_global *g)
{
	struct iv_store *st = NULL;
	int code;

	if (cli_wants_help(argc, argv)) {
		fputs(help, stdout);
		return CLI_OK;
	}
	if (argc > 1)
		return cli_usage("init", "unexpected argument '%s'", argv[1]);
	code = cli_open_store(g, true, false, &st);
	if (code)
		return code;
	iv_store_close(st);
	fprintf(stderr, "invigor: database ready at %s\n", g->db);
	return CLI_OK;
}
