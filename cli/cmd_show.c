/*
 * cmd_show.c - `invigor show ID`: every value of an entity with its grade,
 * handling, source record and dataset.
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "iv/schema.h"

static const char help[] =
        "usage: invigor [--db PATH] show ID [--json]\n"
        "\n"
        "Print every value of the entity ID, one per line, with its grade,\n"
        "handling code, classification, data-subject category, dataset and source\n"
        "record.  Values that failed validation are marked (invalid).\n"
        "\n"
        "  --json   one object: id, schema, caption and statements[] with every field\n";

struct show {
	bool json;
	json_t *statements;
	size_t n;
};

static json_t *handling_json(const struct iv_handling *h)
{
	char grade[3] = {h->source_grade, h->assessment, '\0'};
	char code[2] = {h->code, '\0'};

	return json_pack(
	        "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "grade", grade,
	        "handling", code, "conditions", h->conditions ? h->conditions : "", "releasable_to",
	        h->releasable_to ? h->releasable_to : "", "classification",
	        iv_classification_name(h->classification), "descriptor",
	        h->descriptor ? h->descriptor : "", "originator",
	        h->originator ? h->originator : "", "compartment",
	        h->compartment ? h->compartment : "", "subject", iv_subject_name(h->subject),
	        "retention_review", h->retention_review ? h->retention_review : "", "legacy_grade",
	        h->legacy_grade ? h->legacy_grade : "", "europol",
	        h->europol_code ? h->europol_code : "", "tlp", h->tlp ? h->tlp : "");
}

static enum iv_err on_statement(void *ctx, const struct iv_statement *s)
{
	struct show *sh = ctx;
	const struct iv_handling *h = &s->handling;

	sh->n++;
	if (sh->json) {
		char first[32], last[32];
		iv_time_format(s->first_seen, first, sizeof(first));
		iv_time_format(s->last_seen, last, sizeof(last));
		json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:s, s:s, s:o}",
		                      "id", s->id, "schema", s->schema, "property", s->property,
		                      "value", s->value, "original",
		                      s->original ? s->original : s->value, "dataset", s->dataset,
		                      "source_record", s->source_record ? s->source_record : "",
		                      "valid", !(s->flags & IV_STMT_INVALID), "first_seen", first,
		                      "last_seen", last, "handling", handling_json(h));
		if (!o || json_array_append_new(sh->statements, o))
			return IV_ERR_NOMEM;
		return IV_OK;
	}
	printf("  %-18s %s%s\n", s->property, s->value,
	       (s->flags & IV_STMT_INVALID) ? "  (invalid)" : "");
	printf("  %-18s %c%c %c %s %s | %s | %s\n", "", h->source_grade, h->assessment, h->code,
	       iv_classification_name(h->classification), iv_subject_name(h->subject), s->dataset,
	       s->source_record ? s->source_record : "");
	if (h->code == 'C')
		printf("  %-18s conditions: %s%s%s\n", "", h->conditions,
		       h->releasable_to && *h->releasable_to ? "; releasable to " : "",
		       h->releasable_to ? h->releasable_to : "");
	return IV_OK;
}

struct head {
	char schema[64];
	char caption[512];
};

static enum iv_err on_entity(void *ctx, const struct iv_entity_hit *hit)
{
	struct head *hd = ctx;

	iv_strlcpy(hd->schema, hit->schema, sizeof(hd->schema));
	iv_strlcpy(hd->caption, hit->caption, sizeof(hd->caption));
	return IV_OK;
}

int cmd_show(int argc, char **argv, const struct cli_global *g)
{
	static const struct option options[] = {
	        {"json", no_argument, NULL, 'j'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	struct iv_store *st = NULL;
	struct iv_buf err = IV_BUF_INIT;
	struct show sh = {false, NULL, 0};
	struct head hd;
	int opt, code;
	enum iv_err rc;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (opt == 'h') {
			fputs(help, stdout);
			return CLI_OK;
		}
		if (opt != 'j')
			return cli_usage("show", "bad option");
		sh.json = true;
	}
	if (optind + 1 != argc)
		return cli_usage("show", "give exactly one entity id");
	code = cli_open_store(g, false, true, &st);
	if (code)
		return code;
	rc = iv_store_entity_get(st, argv[optind], on_entity, &hd, &err);
	if (rc == IV_ERR_NOTFOUND) {
		code = cli_error(rc, "no entity with id '%s'", argv[optind]);
		goto out;
	}
	if (rc) {
		code = cli_fail(rc, &err);
		goto out;
	}
	if (sh.json) {
		sh.statements = json_array();
	} else {
		printf("%s  %s\n%s\n", hd.schema, hd.caption, argv[optind]);
	}
	rc = iv_store_entity_statements(st, argv[optind], on_statement, &sh, &err);
	if (rc) {
		code = rc == IV_ERR_NOMEM ? cli_error(rc, "out of memory") : cli_fail(rc, &err);
		goto out;
	}
	if (sh.json) {
		code = cli_print_json(json_pack("{s:s, s:s, s:s, s:O}", "id", argv[optind],
		                                "schema", hd.schema, "caption", hd.caption,
		                                "statements", sh.statements));
	}
out:
	json_decref(sh.statements);
	iv_store_close(st);
	iv_buf_release(&err);
	return code;
}
