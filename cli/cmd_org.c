/*
 * cmd_org.c - `invigor org`: the organisations users belong to, and the
 * originators' consents that let originator-controlled statements reach
 * them.
 *
 *   invigor org add NAME --kind uk|partner --country CC
 *   invigor org list [--json]
 *   invigor org consent ORIGINATOR ORG [--withdraw]
 *
 * The work is in lib/access (include/iv/access.h).  Every change commits
 * with its audit record (user $USER, remote "cli", action "cli org
 * VERB").  docs/access.md explains what the kind and consents decide.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "iv/access.h"

#include "cli.h"

static const char org_help[] =
        "usage: invigor [--db PATH] org <add|list|consent> ...\n"
        "\n"
        "The organisations of the store's users, and originators' consents.\n"
        "\n"
        "  org add NAME --kind uk|partner [--country CC]\n"
        "  org list [--json]\n"
        "  org consent ORIGINATOR ORG [--withdraw]\n"
        "\n"
        "'invigor org VERB --help' for one of them.  Every change is written to the\n"
        "audit trail.\n";

static const char add_help[] =
        "usage: invigor [--db PATH] org add NAME --kind uk|partner [--country CC]\n"
        "\n"
        "Add an organisation: a UK agency (kind uk, country GB) or a partner agency\n"
        "abroad (kind partner, with its country).  A partner sees handling-C statements\n"
        "only when their releasability list names it or its country, and never those\n"
        "marked UK EYES ONLY.\n"
        "\n"
        "  NAME          1 to 100 bytes of letters, digits, spaces and . _ - ( ) & '\n"
        "  --kind K      uk or partner\n"
        "  --country CC  ISO 3166-1 alpha-2 code (FR, NL, ...); GB for uk, the default\n";

static const char list_help[] = "usage: invigor [--db PATH] org list [--json]\n"
                                "\n"
                                "Every organisation with its kind, country and the originators\n"
                                "that consented to it; --json: one object per line.\n";

static const char consent_help[] =
        "usage: invigor [--db PATH] org consent ORIGINATOR ORG [--withdraw]\n"
        "\n"
        "Record that ORIGINATOR (as statements name it) lets its originator-controlled\n"
        "statements (descriptor ORCON, or Europol handling code H2) reach ORG; with\n"
        "--withdraw, take that consent back.\n";

/* ---- add ----------------------------------------------------------------------------------- */

static IV_MUST_USE enum iv_err do_add(struct iv_store *st, void *ctx, struct iv_buf *err)
{
	return iv_access_org_add(st, ctx, err);
}

static int org_add(int argc, char **argv, const struct cli_global *g)
{
	enum { OPT_KIND = 256, OPT_COUNTRY };
	static const struct option options[] = {
	        {"kind", required_argument, NULL, OPT_KIND},
	        {"country", required_argument, NULL, OPT_COUNTRY},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	struct iv_org org = {0};
	const char *kind = NULL;
	int opt, code;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			fputs(add_help, stdout);
			return CLI_OK;
		case OPT_KIND:
			kind = optarg;
			break;
		case OPT_COUNTRY:
			org.country = optarg;
			break;
		default:
			return cli_usage("org add", "bad option");
		}
	}
	if (optind + 1 != argc)
		return cli_usage("org add", "give one organisation name");
	org.name = argv[optind];
	if (!kind)
		return cli_usage("org add", "--kind is required (uk or partner)");
	if (!strcmp(kind, "uk"))
		org.kind = IV_ORG_UK;
	else if (!strcmp(kind, "partner"))
		org.kind = IV_ORG_PARTNER;
	else
		return cli_usage("org add", "--kind is uk or partner, not '%s'", kind);
	if (org.kind == IV_ORG_PARTNER && !org.country)
		return cli_usage("org add", "a partner organisation needs --country");
	code = cli_audited(g, "cli org add", argc, argv, do_add, &org);
	if (!code)
		fprintf(stderr, "invigor: organisation '%s' added\n", org.name);
	return code;
}

/* ---- list ------------------------------------------------------------------------------------ */

struct org_list {
	struct iv_store *st;
	bool json;
	json_t *consents;
	struct iv_buf text;
	struct iv_buf *err;
};

static IV_MUST_USE enum iv_err list_consent(void *ctx, const char *originator, const char *org,
                                            int64_t at)
{
	struct org_list *l = ctx;

	if (l->json)
		return json_array_append_new(l->consents, json_string(originator)) ? IV_ERR_NOMEM
		                                                                   : IV_OK;
	if (l->text.len && iv_buf_adds(&l->text, ", "))
		return IV_ERR_NOMEM;
	return iv_buf_adds(&l->text, originator);
}

static IV_MUST_USE enum iv_err list_org(void *ctx, const struct iv_org *org)
{
	struct org_list *l = ctx;
	const char *kind = org->kind == IV_ORG_PARTNER ? "partner" : "uk";
	enum iv_err rc;

	iv_buf_reset(&l->text);
	l->consents = json_array();
	if (!l->consents)
		return iv_seterr(l->err, IV_ERR_NOMEM, "out of memory");
	rc = iv_access_consent_each(l->st, org->name, list_consent, l, l->err);
	if (!rc && l->json) {
		json_t *o = json_pack("{s:s, s:s, s:s, s:O}", "name", org->name, "kind", kind,
		                      "country", org->country, "consents_from", l->consents);
		if (cli_print_json(o))
			rc = IV_ERR_NOMEM;
	} else if (!rc) {
		printf("%-32s %-8s %-3s", org->name, kind, org->country);
		if (l->text.len)
			printf(" consents from: %s", l->text.buf);
		putchar('\n');
	}
	json_decref(l->consents);
	l->consents = NULL;
	return rc;
}

static int org_list(int argc, char **argv, const struct cli_global *g)
{
	struct iv_buf err = IV_BUF_INIT;
	struct org_list l = {.text = IV_BUF_INIT, .err = &err};
	int code;
	enum iv_err rc;

	code = cli_json_only(argc, argv, "org list", list_help, &l.json);
	if (code >= 0)
		return code;
	code = cli_open_store(g, false, true, &l.st);
	if (code)
		return code;
	rc = iv_access_org_each(l.st, list_org, &l, &err);
	if (rc)
		code = cli_fail(rc, &err);
	iv_store_close(l.st);
	iv_buf_release(&l.text);
	iv_buf_release(&err);
	return code;
}

/* ---- consent ----------------------------------------------------------------------------------
 */

struct consent_change {
	const char *originator, *org;
	bool granted;
};

static IV_MUST_USE enum iv_err do_consent(struct iv_store *st, void *ctx, struct iv_buf *err)
{
	struct consent_change *c = ctx;

	return iv_access_consent(st, c->originator, c->org, c->granted, err);
}

static int org_consent(int argc, char **argv, const struct cli_global *g)
{
	enum { OPT_WITHDRAW = 256 };
	static const struct option options[] = {
	        {"withdraw", no_argument, NULL, OPT_WITHDRAW},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	struct consent_change c = {.granted = true};
	int opt, code;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			fputs(consent_help, stdout);
			return CLI_OK;
		case OPT_WITHDRAW:
			c.granted = false;
			break;
		default:
			return cli_usage("org consent", "bad option");
		}
	}
	if (optind + 2 != argc)
		return cli_usage("org consent", "give an originator and an organisation");
	c.originator = argv[optind];
	c.org = argv[optind + 1];
	code = cli_audited(g, "cli org consent", argc, argv, do_consent, &c);
	if (!code)
		fprintf(stderr, "invigor: consent of '%s' to '%s' %s\n", c.originator, c.org,
		        c.granted ? "recorded" : "withdrawn");
	return code;
}

/* ---- the verb ----------------------------------------------------------------------------------
 */

int cmd_org(int argc, char **argv, const struct cli_global *g)
{
	static const struct cli_subverb subs[] = {
	        {"add", org_add},
	        {"list", org_list},
	        {"consent", org_consent},
	};

	return cli_dispatch("org", org_help, subs, sizeof(subs) / sizeof(subs[0]), argc, argv, g);
}
