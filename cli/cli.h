/*
 * cli.h - what the `invigor` subcommands share: global options, error
 * reporting with the exit-code convention (0 ok, 1 user error, 2 internal
 * failure), opening the store, and small output helpers.
 */
#ifndef IV_CLI_H
#define IV_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "iv/store.h"
#include "iv/util.h"

enum { CLI_OK = 0, CLI_USER = 1, CLI_INTERNAL = 2 };

struct cli_global {
	const char *db;     /* --db, else $INVIGOR_DB, else ./invigor.db */
	unsigned cache_mib; /* --cache-mb, else $INVIGOR_CACHE_MB; 0: the store's default */
};

/* One subcommand: argv[0] is the verb. */
struct cli_command {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv, const struct cli_global *g);
};

int cmd_init(int argc, char **argv, const struct cli_global *g);
int cmd_ingest(int argc, char **argv, const struct cli_global *g);
int cmd_search(int argc, char **argv, const struct cli_global *g);
int cmd_show(int argc, char **argv, const struct cli_global *g);
int cmd_export(int argc, char **argv, const struct cli_global *g);
int cmd_stats(int argc, char **argv, const struct cli_global *g);
int cmd_sim(int argc, char **argv, const struct cli_global *g);
int cmd_names(int argc, char **argv, const struct cli_global *g);
int cmd_resolve(int argc, char **argv, const struct cli_global *g);
int cmd_clusters(int argc, char **argv, const struct cli_global *g);
int cmd_explain(int argc, char **argv, const struct cli_global *g);
int cmd_judge(int argc, char **argv, const struct cli_global *g);
int cmd_review(int argc, char **argv, const struct cli_global *g);
int cmd_unmerge(int argc, char **argv, const struct cli_global *g);
int cmd_network(int argc, char **argv, const struct cli_global *g);
int cmd_serve(int argc, char **argv, const struct cli_global *g);
int cmd_user(int argc, char **argv, const struct cli_global *g);
int cmd_org(int argc, char **argv, const struct cli_global *g);
int cmd_audit(int argc, char **argv, const struct cli_global *g);

/** Print "invigor: error: MESSAGE" to stderr; returns 1 or 2 by rc. */
int cli_error(enum iv_err rc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** Report a library error whose message is in err. */
int cli_fail(enum iv_err rc, const struct iv_buf *err);
/** Usage error: message plus a pointer to --help; returns 1. */
int cli_usage(const char *verb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/**
 * Check n entity ids given on the command line: not empty, and UTF-8 (ids
 * are matched, printed and written to JSON and the audit trail as given;
 * a source may have put control characters in one, which ingest keeps).
 * A usage error for the first that fails, else 0.
 */
int cli_check_ids(const char *verb, char *const *ids, int n);

/**
 * Write s to stdout with each control character (C0, DEL, C1) shown as
 * '?': text a source or a user typed (a name, an id) must not drive the
 * terminal.
 */
void cli_put_text(const char *s);

/**
 * Write s to f as cli_put_text does, in a column of `width` characters:
 * padded with spaces; when longer, with cut, cut between characters (never
 * inside a UTF-8 sequence) and ended with "…", else whole (an id someone
 * copies).  Characters are counted as code points, combining marks as none.
 */
void cli_put_cell(FILE *f, const char *s, int width, bool cut);

/** Open the store (create when `create`); reports and returns non-zero on failure. */
int cli_open_store(const struct cli_global *g, bool create, bool readonly, struct iv_store **out);

/**
 * After an ingest: resolve the new records against the stored entities of
 * every family already resolved (iv_resolve_incremental), with a line per
 * family on stderr unless quiet.  Returns an exit code.
 */
int cli_resolve_new(struct iv_store *st, bool quiet);

/**
 * `export --format graphml|gexf|anx|cyjs`: the whole projection (window and
 * kinds as `network` takes them, NULL for none) with measures and
 * communities, on stdout.  Returns an exit code.
 */
int cli_export_network(const struct cli_global *g, int format, const char *from, const char *to,
                       const char *kinds);

/** Who makes a change at the command line, for the audit trail: $USER, else "operator". */
const char *cli_operator(void);

/**
 * Append the audit record of a change made at the command line (remote
 * "cli"): outcome "ok" (or `ok` when given) when rc is IV_OK, else
 * "invalid: MESSAGE" / "error: MESSAGE" from err.  A record that cannot be
 * written gives a warning on stderr; the change itself stands.
 */
void cli_audit(struct iv_store *st, const char *action, const char *query, enum iv_err rc,
               const struct iv_buf *err, const char *ok);

/**
 * Open the store and make a change with its audit record in one
 * transaction (iv_audit_cli_change): action names it ("cli user add"),
 * the arguments after the verb (argv[1..]) are the record's query.
 * Reports a failure; returns an exit code.
 */
struct iv_store;
typedef enum iv_err (*cli_change_fn)(struct iv_store *st, void *ctx, struct iv_buf *err);
int cli_audited(const struct cli_global *g, const char *action, int argc, char **argv,
                cli_change_fn fn, void *ctx);

/** A sub-verb of a verb with several (`invigor user add`, `invigor audit verify`). */
struct cli_subverb {
	const char *name;
	int (*run)(int argc, char **argv, const struct cli_global *g); /* argv[0]: the sub-verb */
};

/**
 * Run the sub-verb argv[1] of `verb` from the table, or print `help` for
 * --help; a missing or unknown sub-verb is a usage error naming them all.
 */
int cli_dispatch(const char *verb, const char *help, const struct cli_subverb *subs, size_t n,
                 int argc, char **argv, const struct cli_global *g);

/**
 * Options of a command that takes only --json and --help, and no
 * arguments: -1 to go on (*json set), else the exit code to return (0
 * after printing help, 1 after a usage error).  `usage_name` is what
 * errors call it ("user list").
 */
int cli_json_only(int argc, char **argv, const char *usage_name, const char *help, bool *json);

/** Print a JSON value as one compact line on stdout and free it; returns 0 or 2. */
int cli_print_json(json_t *v);

/** Parse an unsigned count option; returns false on junk. */
bool cli_parse_uint(const char *s, unsigned *out);

/** Standard getopt-long parse for "--help": true when argv asks for help. */
bool cli_wants_help(int argc, char **argv);

#endif
