/*
 * main.c - the `invigor` command: global options and verb dispatch.
 *
 *   invigor [--db PATH] <verb> [options]
 *
 * Each verb lives in cli/cmd_<verb>.c.  The database defaults to
 * $INVIGOR_DB, else ./invigor.db.  Exit codes: 0 ok, 1 user error, 2
 * internal failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define INVIGOR_VERSION "0.1.0"

static const struct cli_command commands[] = {
        {"init", "create an empty database", cmd_init},
        {"ingest", "load FtM JSON lines or CSV with a mapping", cmd_ingest},
        {"search", "full-text search over names and text", cmd_search},
        {"show", "every value of an entity with grade, handling and source", cmd_show},
        {"export", "write the store as FtM JSON lines", cmd_export},
        {"stats", "counts of entities, statements and datasets", cmd_stats},
        {"sim", "generate a synthetic OIC world with ground truth", cmd_sim},
        {"names", "name keys and the name comparator", cmd_names},
        {"resolve", "find records that are the same entity (batch or incremental)", cmd_resolve},
        {"clusters", "the canonical entities and their member records", cmd_clusters},
        {"explain", "why two records are or are not the same", cmd_explain},
        {"judge", "record a person's decision on a pair: same, different, unsure, withdrawn",
         cmd_judge},
        {"review", "uncertain pairs waiting for a person, most consequential first", cmd_review},
        {"unmerge", "take a record out of its canonical entity", cmd_unmerge},
        {"network", "who holds a network together: measures, OCGs, key players, paths",
         cmd_network},
        {"serve", "the HTTP JSON API (and web UI) for many users", cmd_serve},
        {"user", "add users, grant and revoke compartments (admin)", cmd_user},
        {"org", "add organisations and record originators' consent (admin)", cmd_org},
        {"audit", "verify the audit trail and ask who saw what", cmd_audit},
};

static void usage(FILE *out)
{
	fprintf(out,
	        "usage: invigor [--db PATH] <verb> [options]\n\n"
	        "invigor %s - intelligence and case platform against organised immigration "
	        "crime\n\nverbs:\n",
	        INVIGOR_VERSION);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\nglobal options:\n"
	             "  --db PATH    database file (default: $INVIGOR_DB, else ./invigor.db)\n"
	             "  --cache-mb N the store's page cache in MiB (default: $INVIGOR_CACHE_MB,\n"
	             "               else 64): a large ingest into a big store runs faster\n"
	             "               with more, and holds that much more memory\n"
	             "  --version    print the version\n"
	             "  --help       this text; 'invigor VERB --help' for a verb\n");
}

/* A page cache size in MiB; false (after saying why) when it is not one. */
static bool cache_mib(const char *text, const char *what, unsigned *out)
{
	if (cli_parse_uint(text, out) && *out >= 1 && *out <= IV_STORE_CACHE_MIB_MAX)
		return true;
	fprintf(stderr, "invigor: error: %s wants a page cache of 1 to %u MiB, not '%s'\n", what,
	        IV_STORE_CACHE_MIB_MAX, text);
	return false;
}

/* The command named `name`, or NULL. */
static const struct cli_command *find_command(const char *name)
{
	for (size_t c = 0; c < sizeof(commands) / sizeof(commands[0]); c++)
		if (!strcmp(commands[c].name, name))
			return &commands[c];
	return NULL;
}

/*
 * The global options' defaults, from the environment: false (after saying
 * why) when $INVIGOR_CACHE_MB is not a page cache size.
 */
static bool global_defaults(struct cli_global *g)
{
	const char *cache = getenv("INVIGOR_CACHE_MB");

	g->db = getenv("INVIGOR_DB");
	if (!g->db || !*g->db)
		g->db = "invigor.db";
	g->cache_mib = 0;
	return !cache || !*cache || cache_mib(cache, "INVIGOR_CACHE_MB", &g->cache_mib);
}

/*
 * The global option at argv[*i] into g, *i moved past it and its value:
 * -1 to go on, else the exit code (0 after --help or --version, 1 after a
 * bad option, with the usage on stderr).
 */
static int global_option(int argc, char **argv, int *i, struct cli_global *g)
{
	const char *arg = argv[*i];
	bool has_value = *i + 1 < argc;

	if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
		usage(stdout);
		return CLI_OK;
	}
	if (!strcmp(arg, "--version")) {
		printf("invigor %s\n", INVIGOR_VERSION);
		return CLI_OK;
	}
	if (!strcmp(arg, "--db") && has_value) {
		g->db = argv[*i + 1];
		*i += 2;
		return -1;
	}
	if (!strcmp(arg, "--cache-mb") && has_value) {
		if (!cache_mib(argv[*i + 1], "--cache-mb", &g->cache_mib))
			return CLI_USER;
		*i += 2;
		return -1;
	}
	if (!strncmp(arg, "--cache-mb=", 11)) {
		if (!cache_mib(arg + 11, "--cache-mb", &g->cache_mib))
			return CLI_USER;
		(*i)++;
		return -1;
	}
	if (!strncmp(arg, "--db=", 5)) {
		g->db = arg + 5;
		(*i)++;
		return -1;
	}
	if ((!strcmp(arg, "--db") || !strcmp(arg, "--cache-mb")) && !has_value)
		fprintf(stderr, "invigor: error: %s needs a value\n", arg);
	else
		fprintf(stderr, "invigor: error: unknown global option '%s'\n", arg);
	usage(stderr);
	return CLI_USER;
}

/* No verb after the global options (argv[i] is past the end): a usage error. */
static int no_verb(char **argv, int i)
{
	/* "invigor --db resolve": the verb became the path */
	bool verb_taken = i >= 2 && !strcmp(argv[i - 2], "--db") && find_command(argv[i - 1]);

	fprintf(stderr, "invigor: error: which verb?%s\n",
	        verb_taken ? " (--db takes the next word as the store's path)" : "");
	usage(stderr);
	return CLI_USER;
}

/*
 * A global option given after the verb argv[i] (up to a "--"), which the
 * verb would not take: true after saying where it goes.
 */
static bool global_after_verb(int argc, char **argv, int i)
{
	for (int k = i + 1; k < argc && strcmp(argv[k], "--") != 0; k++)
		if (!strcmp(argv[k], "--db") || !strncmp(argv[k], "--db=", 5) ||
		    !strcmp(argv[k], "--cache-mb") || !strncmp(argv[k], "--cache-mb=", 11)) {
			fprintf(stderr,
			        "invigor: error: %.*s is a global option: give it before the verb "
			        "(invigor --db PATH %s ...)\n",
			        (int)strcspn(argv[k], "="), argv[k], argv[i]);
			return true;
		}
	return false;
}

/* "invigor help [VERB]" (argv[i] is "help", VERB a verb): the usage, or "invigor VERB --help". */
/*
 * A verb that succeeded but whose output was lost (a full disk, a closed pipe
 * under `| head` is not one: SIGPIPE ends the process first) fails: a script
 * must not take a truncated answer for a whole one.  Verbs that noticed the
 * failure themselves have already said so.
 */
static int stdout_written(int code)
{
	int flushed, why;

	if (code != CLI_OK)
		return code;
	flushed = fflush(stdout) == 0;
	why = errno;
	if (flushed && !ferror(stdout))
		return code;
	fprintf(stderr, "invigor: error: writing to stdout failed (%s); the output is incomplete\n",
	        flushed ? "an earlier write" : strerror(why));
	return CLI_INTERNAL;
}

static int help_verb(int argc, char **argv, int i, const struct cli_global *g)
{
	char *help_argv[] = {NULL, (char *)"--help", NULL};

	if (i + 1 >= argc) {
		usage(stdout);
		return CLI_OK;
	}
	help_argv[0] = argv[i + 1];
	return find_command(argv[i + 1])->run(2, help_argv, g);
}

int main(int argc, char **argv)
{
	const struct cli_command *cmd;
	struct cli_global g;
	int i = 1, code;

	if (!global_defaults(&g))
		return CLI_USER;
	while (i < argc && argv[i][0] == '-')
		if ((code = global_option(argc, argv, &i, &g)) >= 0)
			return code;
	if (i >= argc)
		return no_verb(argv, i);
	if (global_after_verb(argc, argv, i))
		return CLI_USER;
	if (!strcmp(argv[i], "help") && i + 1 < argc && !find_command(argv[i + 1])) {
		fprintf(stderr,
		        "invigor: error: no help on '%s': it is no verb (see 'invigor --help')\n",
		        argv[i + 1]);
		return CLI_USER;
	}
	if (!strcmp(argv[i], "help"))
		return help_verb(argc, argv, i, &g);
	/* the long batch verbs run with huge-page malloc (iv_prefer_huge_pages) */
	if (!strcmp(argv[i], "resolve") || !strcmp(argv[i], "ingest") || !strcmp(argv[i], "sim") ||
	    !strcmp(argv[i], "network"))
		iv_prefer_huge_pages("/proc/self/exe", argv);
	if ((cmd = find_command(argv[i])) != NULL)
		return stdout_written(cmd->run(argc - i, argv + i, &g));
	fprintf(stderr, "invigor: error: unknown verb '%s' (see 'invigor --help')\n", argv[i]);
	return CLI_USER;
}
