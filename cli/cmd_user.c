/*
 * cmd_user.c - `invigor user`: the people who may use a store through
 * the server.
 *
 *   invigor user add NAME --org ORG --role ROLE --clearance LEVEL [--password-file F]
 *   invigor user grant NAME COMPARTMENT
 *   invigor user revoke NAME COMPARTMENT
 *   invigor user list [--json]
 *   invigor user disable NAME | enable NAME
 *   invigor user passwd NAME [--password-file F]
 *
 * The work is in lib/access (include/iv/access.h).  Every change commits
 * with its audit record (user $USER, remote "cli", action "cli user
 * VERB"); a refused change leaves a record of the attempt.  A password
 * never appears on the command line: it comes from the first line of a
 * file, or of standard input (not echoed on a terminal).
 * docs/access.md explains roles, clearances and compartments.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "iv/access.h"

#include "cli.h"

static const char user_help[] =
        "usage: invigor [--db PATH] user <add|grant|revoke|list|disable|enable|passwd> ...\n"
        "\n"
        "The users of the store (for 'invigor serve'), their compartments and passwords.\n"
        "\n"
        "  user add NAME --org ORG --role ROLE --clearance LEVEL [--password-file F]\n"
        "  user grant NAME COMPARTMENT      let NAME see statements of an operation\n"
        "  user revoke NAME COMPARTMENT\n"
        "  user list [--json]\n"
        "  user disable NAME                refuse logins and end NAME's sessions\n"
        "  user enable NAME                 (also ends a lockout)\n"
        "  user passwd NAME [--password-file F]\n"
        "\n"
        "'invigor user VERB --help' for one of them.  Every change is written to the\n"
        "audit trail.\n";

static const char add_help[] =
        "usage: invigor [--db PATH] user add NAME --org ORG --role ROLE --clearance LEVEL\n"
        "                                     [--password-file F]\n"
        "\n"
        "Add a user of an organisation ('invigor org add' makes one).\n"
        "\n"
        "  NAME               1 to 64 of A-Z a-z 0-9 . _ -\n"
        "  --org ORG          the user's organisation\n"
        "  --role ROLE        analyst, investigator, prosecutor, partner_liaison (users of\n"
        "                     partner organisations, and only they), auditor or admin\n"
        "  --clearance LEVEL  OFFICIAL, OFFICIAL-SENSITIVE, SECRET or TOP-SECRET\n"
        "  --password-file F  the password is the first line of F; without it, the first\n"
        "                     line of standard input (not echoed on a terminal); at least\n"
        "                     8 bytes\n";

static const char grant_help[] =
        "usage: invigor [--db PATH] user grant NAME COMPARTMENT\n"
        "       invigor [--db PATH] user revoke NAME COMPARTMENT\n"
        "\n"
        "Grant or revoke a compartment (an operation name, exactly as statements carry\n"
        "it): a statement in a compartment reaches only users it is granted to.\n";

static const char list_help[] = "usage: invigor [--db PATH] user list [--json]\n"
                                "\n"
                                "Every user with organisation, role, clearance, compartments\n"
                                "and whether disabled; --json: one object per line.\n";

static const char disable_help[] =
        "usage: invigor [--db PATH] user disable NAME\n"
        "       invigor [--db PATH] user enable NAME\n"
        "\n"
        "Disable a user (logins refused, open sessions ended) or enable one again\n"
        "(which also ends a lockout after failed logins).\n";

static const char passwd_help[] =
        "usage: invigor [--db PATH] user passwd NAME [--password-file F]\n"
        "\n"
        "Set a new password (the first line of F, or of standard input, not echoed on a\n"
        "terminal); ends the user's sessions and any lockout.\n";

/*
 * The password: the first line of `file`, or of standard input (echo off
 * on a terminal), without its line end, into out (size bytes).
 */
static int read_password(const char *file, const char *user, char *out, size_t size)
{
	struct termios old, quiet;
	FILE *f = stdin;
	bool tty = false, got;
	size_t n;

	if (file) {
		f = fopen(file, "r");
		if (!f)
			return cli_error(IV_ERR_NOTFOUND, "%s: cannot read the password file: %s",
			                 file, strerror(errno));
	} else if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0) {
		tty = true;
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		fprintf(stderr, "password for %s: ", user);
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	got = fgets(out, (int)size, f) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (file)
		fclose(f);
	if (!got)
		return file ? cli_error(IV_ERR_INVALID, "%s: the password file is empty", file)
		            : cli_error(IV_ERR_INVALID, "no password on standard input");
	n = strlen(out);
	if (n && out[n - 1] == '\n')
		out[--n] = '\0';
	else if (n == size - 1)
		return cli_error(IV_ERR_INVALID, "the password is longer than %d bytes",
		                 IV_ACCESS_PASSWORD_MAX);
	if (n && out[n - 1] == '\r')
		out[--n] = '\0';
	if (n == 0)
		return cli_error(IV_ERR_INVALID, "the password is empty");
	return CLI_OK;
}

/* ---- add and passwd --------------------------------------------------------------------- */

struct user_change {
	struct iv_user user;
	const char *password;
	const char *compartment;
	bool flag; /* grant (not revoke), disable (not enable) */
};

static IV_MUST_USE enum iv_err do_add(struct iv_store *st, void *ctx, struct iv_buf *err)
{
	struct user_change *c = ctx;

	return iv_access_user_add(st, &c->user, c->password, err);
}

static IV_MUST_USE enum iv_err do_passwd(struct iv_store *st, void *ctx, struct iv_buf *err)
{
	struct user_change *c = ctx;

	return iv_access_user_password(st, c->user.name, c->password, err);
}

static int user_add(int argc, char **argv, const struct cli_global *g)
{
	enum { OPT_ORG = 256, OPT_ROLE, OPT_CLEARANCE, OPT_PASSWORD_FILE };
	static const struct option options[] = {
	        {"org", required_argument, NULL, OPT_ORG},
	        {"role", required_argument, NULL, OPT_ROLE},
	        {"clearance", required_argument, NULL, OPT_CLEARANCE},
	        {"password-file", required_argument, NULL, OPT_PASSWORD_FILE},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	struct user_change c = {.password = NULL};
	char password[IV_ACCESS_PASSWORD_MAX + 3];
	const char *role = NULL, *clearance = NULL, *file = NULL;
	int opt, code;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			fputs(add_help, stdout);
			return CLI_OK;
		case OPT_ORG:
			c.user.org = optarg;
			break;
		case OPT_ROLE:
			role = optarg;
			break;
		case OPT_CLEARANCE:
			clearance = optarg;
			break;
		case OPT_PASSWORD_FILE:
			file = optarg;
			break;
		default:
			return cli_usage("user add", "bad option");
		}
	}
	if (optind + 1 != argc)
		return cli_usage("user add", "give one user name");
	c.user.name = argv[optind];
	if (!c.user.org || !role || !clearance)
		return cli_usage("user add", "--org, --role and --clearance are required");
	if (!iv_role_parse(role, &c.user.role))
		return cli_usage("user add",
		                 "unknown role '%s' (analyst, investigator, prosecutor, "
		                 "partner_liaison, auditor, admin)",
		                 role);
	if (!iv_classification_parse(clearance, &c.user.clearance))
		return cli_usage("user add",
		                 "unknown clearance '%s' (OFFICIAL, OFFICIAL-SENSITIVE, SECRET, "
		                 "TOP-SECRET)",
		                 clearance);
	code = read_password(file, c.user.name, password, sizeof(password));
	if (!code) {
		c.password = password;
		code = cli_audited(g, "cli user add", argc, argv, do_add, &c);
	}
	explicit_bzero(password, sizeof(password));
	if (!code)
		fprintf(stderr, "invigor: user '%s' added (%s, %s, %s)\n", c.user.name, c.user.org,
		        iv_role_name(c.user.role), iv_classification_name(c.user.clearance));
	return code;
}

static int user_passwd(int argc, char **argv, const struct cli_global *g)
{
	enum { OPT_PASSWORD_FILE = 256 };
	static const struct option options[] = {
	        {"password-file", required_argument, NULL, OPT_PASSWORD_FILE},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	struct user_change c = {.password = NULL};
	char password[IV_ACCESS_PASSWORD_MAX + 3];
	const char *file = NULL;
	int opt, code;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			fputs(passwd_help, stdout);
			return CLI_OK;
		case OPT_PASSWORD_FILE:
			file = optarg;
			break;
		default:
			return cli_usage("user passwd", "bad option");
		}
	}
	if (optind + 1 != argc)
		return cli_usage("user passwd", "give one user name");
	c.user.name = argv[optind];
	code = read_password(file, c.user.name, password, sizeof(password));
	if (!code) {
		c.password = password;
		code = cli_audited(g, "cli user passwd", argc, argv, do_passwd, &c);
	}
	explicit_bzero(password, sizeof(password));
	if (!code)
		fprintf(stderr, "invigor: password of '%s' changed; its sessions are ended\n",
		        c.user.name);
	return code;
}

/* ---- grant, revoke, disable, enable --------------------------------------------------------- */

static IV_MUST_USE enum iv_err do_grant(struct iv_store *st, void *ctx, struct iv_buf *err)
{
	struct user_change *c = ctx;

	return c->flag ? iv_access_user_grant(st, c->user.name, c->compartment, err)
	               : iv_access_user_revoke(st, c->user.name, c->compartment, err);
}

static IV_MUST_USE enum iv_err do_disable(struct iv_store *st, void *ctx, struct iv_buf *err)
{
	struct user_change *c = ctx;

	return iv_access_user_disable(st, c->user.name, c->flag, err);
}

/* Options of a verb that takes only --help: its positional arguments start at optind. */
static int plain_options(int argc, char **argv, const char *verb, const char *help)
{
	static const struct option options[] = {
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	int opt;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (opt == 'h') {
			fputs(help, stdout);
			return -1;
		}
		return cli_usage(verb, "bad option");
	}
	return CLI_OK;
}

static int user_grant(int argc, char **argv, const struct cli_global *g)
{
	struct user_change c = {.password = NULL};
	bool grant = strcmp(argv[0], "grant") == 0;
	const char *verb = grant ? "user grant" : "user revoke";
	int code = plain_options(argc, argv, verb, grant_help);

	if (code)
		return code < 0 ? CLI_OK : code;
	if (optind + 2 != argc)
		return cli_usage(verb, "give a user name and a compartment");
	c.user.name = argv[optind];
	c.compartment = argv[optind + 1];
	c.flag = grant;
	code = cli_audited(g, grant ? "cli user grant" : "cli user revoke", argc, argv, do_grant,
	                   &c);
	if (!code)
		fprintf(stderr, "invigor: '%s' %s compartment '%s'\n", c.user.name,
		        grant ? "now has" : "no longer has", c.compartment);
	return code;
}

static int user_disable(int argc, char **argv, const struct cli_global *g)
{
	struct user_change c = {.password = NULL};
	bool disable = strcmp(argv[0], "disable") == 0;
	const char *verb = disable ? "user disable" : "user enable";
	int code = plain_options(argc, argv, verb, disable_help);

	if (code)
		return code < 0 ? CLI_OK : code;
	if (optind + 1 != argc)
		return cli_usage(verb, "give one user name");
	c.user.name = argv[optind];
	c.flag = disable;
	code = cli_audited(g, disable ? "cli user disable" : "cli user enable", argc, argv,
	                   do_disable, &c);
	if (!code)
		fprintf(stderr, "invigor: user '%s' %s\n", c.user.name,
		        disable ? "disabled" : "enabled");
	return code;
}

/* ---- list -------------------------------------------------------------------------------------
 */

struct user_list {
	struct iv_store *st;
	bool json;
	json_t *compartments; /* of the user being listed */
	struct iv_buf text;
	struct iv_buf *err;
};

static IV_MUST_USE enum iv_err list_compartment(void *ctx, const char *name)
{
	struct user_list *l = ctx;

	if (l->json)
		return json_array_append_new(l->compartments, json_string(name)) ? IV_ERR_NOMEM
		                                                                 : IV_OK;
	if (l->text.len && iv_buf_adds(&l->text, ","))
		return IV_ERR_NOMEM;
	return iv_buf_adds(&l->text, name);
}

static IV_MUST_USE enum iv_err list_user(void *ctx, const struct iv_user *u)
{
	struct user_list *l = ctx;
	enum iv_err rc;

	iv_buf_reset(&l->text);
	l->compartments = json_array();
	if (!l->compartments)
		return iv_seterr(l->err, IV_ERR_NOMEM, "out of memory");
	rc = iv_access_grant_each(l->st, u->name, list_compartment, l, l->err);
	if (!rc && l->json) {
		json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:b, s:O}", "name", u->name, "org",
		                      u->org, "role", iv_role_name(u->role), "clearance",
		                      iv_classification_name(u->clearance), "disabled", u->disabled,
		                      "compartments", l->compartments);
		if (cli_print_json(o))
			rc = IV_ERR_NOMEM;
	} else if (!rc) {
		printf("%-20s %-24s %-16s %-18s %-8s %s\n", u->name, u->org, iv_role_name(u->role),
		       iv_classification_name(u->clearance), u->disabled ? "disabled" : "active",
		       l->text.len ? l->text.buf : "-");
	}
	json_decref(l->compartments);
	l->compartments = NULL;
	return rc;
}

static int user_list(int argc, char **argv, const struct cli_global *g)
{
	struct iv_buf err = IV_BUF_INIT;
	struct user_list l = {.text = IV_BUF_INIT, .err = &err};
	int code;
	enum iv_err rc;

	code = cli_json_only(argc, argv, "user list", list_help, &l.json);
	if (code >= 0)
		return code;
	code = cli_open_store(g, false, true, &l.st);
	if (code)
		return code;
	rc = iv_access_user_each(l.st, list_user, &l, &err);
	if (rc)
		code = cli_fail(rc, &err);
	iv_store_close(l.st);
	iv_buf_release(&l.text);
	iv_buf_release(&err);
	return code;
}

/* ---- the verb ----------------------------------------------------------------------------------
 */

int cmd_user(int argc, char **argv, const struct cli_global *g)
{
	static const struct cli_subverb subs[] = {
	        {"add", user_add},       {"grant", user_grant},     {"revoke", user_grant},
	        {"list", user_list},     {"disable", user_disable}, {"enable", user_disable},
	        {"passwd", user_passwd},
	};

	return cli_dispatch("user", user_help, subs, sizeof(subs) / sizeof(subs[0]), argc, argv, g);
}
