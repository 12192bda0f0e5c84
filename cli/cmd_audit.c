/*
 * cmd_audit.c - `invigor audit`: check the audit trail and ask it who
 * saw or changed what.
 *
 *   invigor audit verify [--json]
 *   invigor audit query [--user U] [--entity ID] [--from DATE] [--to DATE]
 *                       [--after SEQ] [--limit N] [--json]
 *
 * verify walks the hash chain and the head anchor (lib/access/audit.c):
 * exit 0 when intact, 1 when tampering is found, with where and what,
 * and says which records the audit key covers; a missing or wrong key
 * file is an error.
 * docs/access.md explains how to read it.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "iv/access.h"

#include "cli.h"

static const char audit_help[] =
        "usage: invigor [--db PATH] audit <verify|query> ...\n"
        "\n"
        "The audit trail: every request to the server and every change made with\n"
        "'invigor user' and 'invigor org', in a hash chain.\n"
        "\n"
        "  audit verify [--json]      check that no record was altered, inserted or deleted\n"
        "  audit query [options]      the records: who asked what, when, and what came back\n"
        "\n"
        "'invigor audit VERB --help' for one of them.\n";

static const char verify_help[] =
        "usage: invigor [--db PATH] audit verify [--json]\n"
        "\n"
        "Walk the audit trail's hash chain and its head anchor.  Exit 0 when every\n"
        "record verifies; exit 1 when one was altered, inserted or deleted, naming the\n"
        "first record that does not verify and what is wrong there.  Keep the head hash\n"
        "it prints somewhere else: a trail that no longer leads to a head you kept was\n"
        "rewritten.\n"
        "\n"
        "The chain and its head are keyed with the audit key, a file outside the\n"
        "database: $INVIGOR_AUDIT_KEY, else DATABASE.audit-key.  A missing or wrong key\n"
        "file is an error (exit 1 or 2), never 'intact'.\n"
        "\n"
        "  --json    one object: intact, records, first_bad, problem, head, keyed,\n"
        "            keyed_from, key_id\n";

static const char query_help[] =
        "usage: invigor [--db PATH] audit query [--user U] [--entity ID] [--from DATE]\n"
        "                                       [--to DATE] [--after SEQ] [--limit N] "
        "[--json]\n"
        "\n"
        "The audit records that match, oldest first.\n"
        "\n"
        "  --user U      records of user U\n"
        "  --entity ID   records whose returned or changed entities include ID\n"
        "  --from DATE   at or after DATE (2024-05-01, 2024-05, 2024-05-01T10:00)\n"
        "  --to DATE     at or before the end of DATE\n"
        "  --after SEQ   records after sequence number SEQ (to page through)\n"
        "  --limit N     at most N records\n"
        "  --json        one object per line\n";

/* ---- verify -------------------------------------------------------------------------------- */

/* Which part of an intact trail the key covers. */
static void print_keying(const struct iv_audit_verify *v)
{
	if (!v->keyed) {
		printf("not keyed: the trail predates audit keys (the next change seals it)\n");
		return;
	}
	if ((uint64_t)v->keyed_from > v->records)
		printf("keyed: sealed with audit key %s; records from %lld on will be keyed\n",
		       v->key_id, (long long)v->keyed_from);
	else if (v->keyed_from > 1)
		printf("keyed: records %lld to %llu with audit key %s; records 1 to %lld predate "
		       "the key and are chained unkeyed\n",
		       (long long)v->keyed_from, (unsigned long long)v->records, v->key_id,
		       (long long)v->keyed_from - 1);
	else
		printf("keyed: every record, with audit key %s\n", v->key_id);
}

static int audit_verify(int argc, char **argv, const struct cli_global *g)
{
	struct iv_audit_verify v;
	struct iv_buf err = IV_BUF_INIT;
	struct iv_store *st = NULL;
	bool json = false;
	int code;
	enum iv_err rc;

	code = cli_json_only(argc, argv, "audit verify", verify_help, &json);
	if (code >= 0)
		return code;
	code = cli_open_store(g, false, true, &st);
	if (code)
		return code;
	rc = iv_audit_verify(st, &v, &err);
	iv_store_close(st);
	if (rc) {
		code = cli_fail(rc, &err);
		goto out;
	}
	if (json) {
		code = cli_print_json(json_pack(
		        "{s:b, s:I, s:I, s:s, s:s, s:b, s:I, s:s}", "intact", !v.first_bad,
		        "records", (json_int_t)v.records, "first_bad", (json_int_t)v.first_bad,
		        "problem", v.problem, "head", v.head, "keyed", v.keyed, "keyed_from",
		        (json_int_t)v.keyed_from, "key_id", v.key_id));
	} else if (!v.first_bad) {
		printf("audit trail intact: %llu records", (unsigned long long)v.records);
		if (v.records)
			printf(", head %s", v.head);
		putchar('\n');
		print_keying(&v);
	} else {
		printf("audit trail BROKEN at record %lld: %s (%llu records read)\n",
		       (long long)v.first_bad, v.problem, (unsigned long long)v.records);
	}
	if (!code && v.first_bad)
		code = cli_error(IV_ERR_INVALID, "the audit trail does not verify: record %lld: %s",
		                 (long long)v.first_bad, v.problem);
out:
	iv_buf_release(&err);
	return code;
}

/* ---- query ----------------------------------------------------------------------------------- */

/* A JSON string of s, with any byte that is not UTF-8 shown as U+FFFD. */
static json_t *json_text(const char *s)
{
	struct iv_buf clean = IV_BUF_INIT;
	size_t n = strlen(s), bad;
	json_t *v;

	if (iv_utf8_valid(s, n, &bad))
		return json_string(s);
	v = iv_utf8_clean(&clean, s, n) ? NULL : json_string(clean.buf);
	iv_buf_release(&clean);
	return v;
}

static IV_MUST_USE enum iv_err print_record(void *ctx, const struct iv_audit_record *r)
{
	bool json = *(const bool *)ctx;
	char at[32];

	iv_time_format(r->at, at, sizeof(at));
	if (json) {
		json_t *entities = json_loads(r->entities, 0, NULL);
		json_t *o;

		if (!entities)
			entities = json_text(r->entities);
		o = json_pack("{s:I, s:s, s:I, s:o, s:o, s:o, s:o, s:o, s:i, s:o, s:s}", "seq",
		              (json_int_t)r->seq, "at", at, "at_unix", (json_int_t)r->at, "user",
		              json_text(r->user), "remote", json_text(r->remote), "action",
		              json_text(r->action), "query", json_text(r->query), "entities",
		              entities, "status", r->status, "outcome", json_text(r->outcome),
		              "hash", r->hash);
		return cli_print_json(o) ? IV_ERR_NOMEM : IV_OK;
	}
	printf("%lld %s %s %s %d %s %s", (long long)r->seq, at, r->user, r->remote, r->status,
	       r->outcome, r->action);
	if (*r->query)
		printf(" %s", r->query);
	if (strcmp(r->entities, "[]") != 0)
		printf(" %s", r->entities);
	putchar('\n');
	return IV_OK;
}

/* A date option into seconds: the start of the date, or with `end` its last second. */
static bool parse_date_option(const char *s, bool end, int64_t *out)
{
	struct iv_date d;

	if (iv_date_parse(s, &d) != IV_OK)
		return false;
	*out = iv_date_seconds(&d, end);
	return true;
}

static bool parse_seq(const char *s, int64_t *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < 0)
		return false;
	*out = v;
	return true;
}

/* audit query's long options, numbered past any short option's letter */
enum { OPT_USER = 256, OPT_ENTITY, OPT_FROM, OPT_TO, OPT_AFTER, OPT_LIMIT, OPT_JSON };

/*
 * One option of `audit query` into q (or *json): -1 to go on, else the exit
 * code (0 after the help, 1 after a usage error).
 */
static int query_option(int opt, const char *arg, struct iv_audit_query *q, bool *json)
{
	switch (opt) {
	case 'h':
		fputs(query_help, stdout);
		return CLI_OK;
	case OPT_USER:
		q->user = arg;
		break;
	case OPT_ENTITY:
		q->entity = arg;
		break;
	case OPT_FROM:
		if (!parse_date_option(arg, false, &q->from))
			return cli_usage("audit query",
			                 "--from takes a date like 2024-05-01, not '%s'", arg);
		break;
	case OPT_TO:
		if (!parse_date_option(arg, true, &q->to))
			return cli_usage("audit query",
			                 "--to takes a date like 2024-05-31, not '%s'", arg);
		break;
	case OPT_AFTER:
		if (!parse_seq(arg, &q->after_seq))
			return cli_usage("audit query", "--after takes a sequence number, not '%s'",
			                 arg);
		break;
	case OPT_LIMIT:
		if (!cli_parse_uint(arg, &q->limit) || q->limit == 0)
			return cli_usage("audit query", "--limit takes a positive count");
		break;
	case OPT_JSON:
		*json = true;
		break;
	default:
		return cli_usage("audit query", "bad option");
	}
	return -1;
}

/* `audit query`'s command line into q and *json: -1 to go on, else the exit code to return. */
static int query_options(int argc, char **argv, struct iv_audit_query *q, bool *json)
{
	static const struct option options[] = {
	        {"user", required_argument, NULL, OPT_USER},
	        {"entity", required_argument, NULL, OPT_ENTITY},
	        {"from", required_argument, NULL, OPT_FROM},
	        {"to", required_argument, NULL, OPT_TO},
	        {"after", required_argument, NULL, OPT_AFTER},
	        {"limit", required_argument, NULL, OPT_LIMIT},
	        {"json", no_argument, NULL, OPT_JSON},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	int opt, code = -1;

	optind = 1;
	while (code < 0 && (opt = getopt_long(argc, argv, "h", options, NULL)) != -1)
		code = query_option(opt, optarg, q, json);
	if (code >= 0)
		return code;
	if (optind < argc)
		return cli_usage("audit query", "unexpected argument '%s'", argv[optind]);
	if (q->from && q->to && q->from > q->to)
		return cli_usage("audit query", "--from is after --to");
	return -1;
}

static int audit_query(int argc, char **argv, const struct cli_global *g)
{
	struct iv_audit_query q = {0};
	struct iv_buf err = IV_BUF_INIT;
	struct iv_store *st = NULL;
	bool json = false;
	int code;
	enum iv_err rc;

	code = query_options(argc, argv, &q, &json);
	if (code >= 0)
		return code;
	code = cli_open_store(g, false, true, &st);
	if (code)
		return code;
	rc = iv_audit_each(st, &q, print_record, &json, &err);
	if (rc)
		code = cli_fail(rc, &err);
	iv_store_close(st);
	iv_buf_release(&err);
	return code;
}

/* ---- the verb ----------------------------------------------------------------------------------
 */

int cmd_audit(int argc, char **argv, const struct cli_global *g)
{
	static const struct cli_subverb subs[] = {
	        {"verify", audit_verify},
	        {"query", audit_query},
	};

	return cli_dispatch("audit", audit_help, subs, sizeof(subs) / sizeof(subs[0]), argc, argv,
	                    g);
}
