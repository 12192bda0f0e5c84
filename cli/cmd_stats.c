/*
 * cmd_stats.c - `invigor stats`: counts of entities, statements, datasets,
 * invalid values and dangling references, and per dataset; and the merged
 * records whose stored resolution record does not say what fed it (a store
 * resolved before records kept it), whose merges networks hide until a
 * batch run.
 */
#include <getopt.h>

#include "cli.h"

static const char help[] = "usage: invigor [--db PATH] stats [--json]\n"
                           "\n"
                           "Counts of entities, statements, datasets, values that failed\n"
                           "validation, and references to entities not in the store.\n"
                           "\n"
                           "Merged records whose stored resolution record does not say which\n"
                           "entities fed it values (resolved before records kept it) are counted:\n"
                           "networks do not show their merges to viewers with a filter until a\n"
                           "batch 'invigor resolve' writes them again.\n"
                           "\n"
                           "  --json   {\"entities\", \"statements\", \"datasets\", \"invalid\",\n"
                           "            \"dangling\", \"unsaid_merged\",\n"
                           "            \"by_dataset\": {NAME: {entities, statements}}}\n";

/* The per-dataset lines, kept until the totals are printed above them. */
struct per_dataset {
	bool json;
	json_t *obj;
	struct iv_buf lines;
};

static IV_MUST_USE enum iv_err on_dataset(void *ctx, const char *name, uint64_t entities,
                                          uint64_t statements)
{
	struct per_dataset *pd = ctx;

	if (pd->json)
		return json_object_set_new(pd->obj, name,
		                           json_pack("{s:I, s:I}", "entities", (json_int_t)entities,
		                                     "statements", (json_int_t)statements))
		               ? IV_ERR_NOMEM
		               : IV_OK;
	return iv_buf_addf(&pd->lines, "  %-30s %10llu entities %12llu statements\n", name,
	                   (unsigned long long)entities, (unsigned long long)statements);
}

static IV_MUST_USE enum iv_err count_unsaid(void *ctx, const char *entity, const char *canonical)
{
	(void)entity;
	(void)canonical;
	(*(uint64_t *)ctx)++;
	return IV_OK;
}

int cmd_stats(int argc, char **argv, const struct cli_global *g)
{
	static const struct option options[] = {
	        {"json", no_argument, NULL, 'j'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	struct iv_store *st = NULL;
	struct iv_buf err = IV_BUF_INIT;
	struct iv_store_stats s;
	struct per_dataset pd = {false, NULL, IV_BUF_INIT};
	uint64_t unsaid = 0;
	int opt, code;
	enum iv_err rc;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (opt == 'h') {
			fputs(help, stdout);
			return CLI_OK;
		}
		if (opt != 'j')
			return cli_usage("stats", "bad option");
		pd.json = true;
	}
	if (optind < argc)
		return cli_usage("stats", "unexpected argument '%s'", argv[optind]);
	code = cli_open_store(g, false, true, &st);
	if (code)
		return code;
	if (pd.json) {
		pd.obj = json_object();
		if (!pd.obj) {
			code = cli_error(IV_ERR_NOMEM, "out of memory");
			goto out;
		}
	}
	rc = iv_store_stats(st, &s, on_dataset, &pd, &err);
	if (!rc)
		rc = iv_store_res_unsaid_members(st, count_unsaid, &unsaid, &err);
	if (rc) {
		code = rc == IV_ERR_NOMEM ? cli_error(rc, "out of memory") : cli_fail(rc, &err);
		goto out;
	}
	if (!pd.json) {
		printf("%s\n  entities   %llu\n  statements %llu\n  datasets   %llu\n"
		       "  invalid    %llu (values kept verbatim)\n  dangling   %llu (references "
		       "to absent entities)\n",
		       g->db, (unsigned long long)s.entities, (unsigned long long)s.statements,
		       (unsigned long long)s.datasets, (unsigned long long)s.invalid,
		       (unsigned long long)s.dangling);
		if (unsaid)
			printf("  unsaid     %llu merged records do not say what fed them "
			       "(resolved "
			       "before records kept it):\n             networks hide their merges "
			       "from viewers with a filter until 'invigor resolve'\n",
			       (unsigned long long)unsaid);
		fputs(pd.lines.buf ? pd.lines.buf : "", stdout);
	}
	if (pd.json)
		code = cli_print_json(json_pack(
		        "{s:I, s:I, s:I, s:I, s:I, s:I, s:O}", "entities", (json_int_t)s.entities,
		        "statements", (json_int_t)s.statements, "datasets", (json_int_t)s.datasets,
		        "invalid", (json_int_t)s.invalid, "dangling", (json_int_t)s.dangling,
		        "unsaid_merged", (json_int_t)unsaid, "by_dataset", pd.obj));
out:
	json_decref(pd.obj);
	iv_buf_release(&pd.lines);
	iv_store_close(st);
	iv_buf_release(&err);
	return code;
}
