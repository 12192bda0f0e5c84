/*
 * cmd_show.c - `invigor show ID`: every value of an entity with its grade,
 * handling, source record and dataset.  For a record merged with others by
 * 'invigor resolve', or a canonical id, the canonical entity: every
 * member's values, each under the record it came from.
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "iv/schema.h"

static const char help[] =
        "usage: invigor [--db PATH] show ID [--record] [--json]\n"
        "\n"
        "Print every value of the entity ID, one per line, with its grade,\n"
        "handling code, classification, data-subject category, dataset and source\n"
        "record.  Values that failed validation are marked (invalid).  When ID was\n"
        "merged with other records by 'invigor resolve' (or is a canonical id, c-...),\n"
        "the canonical entity is shown: every member's values under its record.\n"
        "\n"
        "  --record   only the record ID itself, even when it is merged\n"
        "  --json     one object: id, schema, caption, canonical (or null), members[]\n"
        "             and statements[] with every field (each with its \"entity\")\n";

struct show {
	bool json;
	json_t *statements;
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

static IV_MUST_USE enum iv_err on_statement(void *ctx, const struct iv_statement *s)
{
	struct show *sh = ctx;
	const struct iv_handling *h = &s->handling;

	if (sh->json) {
		char first[32], last[32];
		iv_time_format(s->first_seen, first, sizeof(first));
		iv_time_format(s->last_seen, last, sizeof(last));
		json_t *o = json_pack(
		        "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:s, s:s, s:o}", "id", s->id,
		        "entity", s->entity, "schema", s->schema, "property", s->property, "value",
		        s->value, "original", s->original ? s->original : s->value, "dataset",
		        s->dataset, "source_record", s->source_record ? s->source_record : "",
		        "valid", !(s->flags & IV_STMT_INVALID), "first_seen", first, "last_seen",
		        last, "handling", handling_json(h));
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

static IV_MUST_USE enum iv_err on_entity(void *ctx, const struct iv_entity_hit *hit)
{
	struct head *hd = ctx;

	iv_strlcpy(hd->schema, hit->schema, sizeof(hd->schema));
	iv_strlcpy(hd->caption, hit->caption, sizeof(hd->caption));
	return IV_OK;
}

struct member_ids {
	json_t *ids;
};

static IV_MUST_USE enum iv_err on_member(void *ctx, const char *entity, const char *canonical)
{
	struct member_ids *m = ctx;

	(void)canonical;
	return json_array_append_new(m->ids, json_string(entity)) ? IV_ERR_NOMEM : IV_OK;
}

/*
 * The members to show for ID: the canonical entity's when ID is a
 * canonical id or a merged record (and --record was not given), else ID
 * alone.  *canonical gets the canonical id, or stays empty.
 */
static IV_MUST_USE enum iv_err members_of(struct iv_store *st, const char *id, bool record,
                                          struct iv_buf *canonical, json_t *ids, struct iv_buf *err)
{
	struct member_ids m = {ids};
	enum iv_err rc;

	iv_buf_reset(canonical);
	rc = iv_store_res_canonical(st, id, canonical, err);
	if (rc == IV_ERR_NOTFOUND) { /* not a record, or not resolved */
		iv_buf_reset(err);
		iv_buf_reset(canonical);
		rc = IV_OK;
		if (strncmp(id, "c-", 2) == 0) {
			rc = iv_store_res_members(st, id, on_member, &m, err);
			if (!rc && json_array_size(ids) > 0)
				return iv_buf_adds(canonical, id);
		}
	} else if (!rc && !record) {
		rc = iv_store_res_members(st, canonical->buf, on_member, &m, err);
		if (!rc && json_array_size(ids) > 1)
			return IV_OK;
		json_array_clear(ids);
	}
	if (rc)
		return rc;
	return json_array_append_new(ids, json_string(id)) ? IV_ERR_NOMEM : IV_OK;
}

/*
 * show's command line: *id the one entity id, *json and *record the flags.
 * -1 to go on, else the exit code (0 after the help, 1 after a usage error).
 */
static int show_options(int argc, char **argv, const char **id, bool *json, bool *record)
{
	static const struct option options[] = {
	        {"json", no_argument, NULL, 'j'},
	        {"record", no_argument, NULL, 'r'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	int opt, code;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (opt == 'h') {
			fputs(help, stdout);
			return CLI_OK;
		}
		if (opt == 'j')
			*json = true;
		else if (opt == 'r')
			*record = true;
		else
			return cli_usage("show", "bad option");
	}
	if (optind + 1 != argc)
		return cli_usage("show", "give exactly one entity id");
	*id = argv[optind];
	code = cli_check_ids("show", argv + optind, 1);
	return code ? code : -1;
}

/* Report a failure to read the store: memory by name, else the library's message. */
static int read_failed(enum iv_err rc, const struct iv_buf *err)
{
	return rc == IV_ERR_NOMEM ? cli_error(rc, "out of memory") : cli_fail(rc, err);
}

/*
 * The header's schema and caption: the record asked for, or the canonical
 * entity's first member.  An exit code; an unknown entity is named by id.
 */
static int read_head(struct iv_store *st, const char *id, json_t *ids, struct head *hd,
                     struct iv_buf *err)
{
	enum iv_err rc = iv_store_entity_get(st, json_string_value(json_array_get(ids, 0)),
	                                     on_entity, hd, err);

	if (rc == IV_ERR_NOTFOUND)
		return cli_error(rc, "no entity with id '%s'", id);
	if (rc)
		return cli_fail(rc, err);
	return CLI_OK;
}

/* The text header: schema and caption, then the id or what the canonical entity gathers. */
static void print_head(const struct head *hd, const char *id, const struct iv_buf *canonical,
                       json_t *ids)
{
	if (canonical->len && json_array_size(ids) > 1)
		printf("%s  %s\n%s: canonical entity of %zu records\n", hd->schema, hd->caption,
		       canonical->buf, json_array_size(ids));
	else
		printf("%s  %s\n%s\n", hd->schema, hd->caption, id);
}

/* Every member's statements through on_statement, each under its record when several. */
static int show_statements(struct iv_store *st, json_t *ids, struct show *sh, struct iv_buf *err)
{
	for (size_t i = 0; i < json_array_size(ids); i++) {
		const char *member = json_string_value(json_array_get(ids, i));
		enum iv_err rc;

		if (!sh->json && json_array_size(ids) > 1)
			printf("record %s\n", member);
		rc = iv_store_entity_statements(st, member, on_statement, sh, err);
		if (rc)
			return read_failed(rc, err);
	}
	return CLI_OK;
}

int cmd_show(int argc, char **argv, const struct cli_global *g)
{
	struct iv_store *st = NULL;
	struct iv_buf err = IV_BUF_INIT, canonical = IV_BUF_INIT;
	struct show sh = {false, NULL};
	struct head hd;
	json_t *ids = json_array();
	const char *id = NULL;
	bool record = false;
	int code;
	enum iv_err rc;

	code = show_options(argc, argv, &id, &sh.json, &record);
	if (code >= 0)
		goto out;
	code = cli_open_store(g, false, true, &st);
	if (code)
		goto out;
	rc = ids ? members_of(st, id, record, &canonical, ids, &err) : IV_ERR_NOMEM;
	if (rc) {
		code = read_failed(rc, &err);
		goto out;
	}
	code = read_head(st, id, ids, &hd, &err);
	if (code)
		goto out;
	if (sh.json)
		sh.statements = json_array();
	else
		print_head(&hd, id, &canonical, ids);
	code = show_statements(st, ids, &sh, &err);
	if (!code && sh.json)
		code = cli_print_json(json_pack("{s:s, s:s, s:s, s:s?, s:O, s:O}", "id", id,
		                                "schema", hd.schema, "caption", hd.caption,
		                                "canonical", canonical.len ? canonical.buf : NULL,
		                                "members", ids, "statements", sh.statements));
out:
	json_decref(sh.statements);
	json_decref(ids);
	iv_store_close(st);
	iv_buf_release(&err);
	iv_buf_release(&canonical);
	return code;
}
