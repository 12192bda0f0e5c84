/*
 * ftm_export.c - FtM JSON lines export (see iv/export.h).
 *
 * The store streams statements grouped by entity and ordered by dataset,
 * source record and envelope; consecutive statements that share all of
 * those (and their first/last seen times) become one fragment line.  The
 * resolved export renames records of merged canonical entities (a map
 * read once from the store before the stream starts).
 */
#include <string.h>

#include <jansson.h>

#include "iv/export.h"
#include "iv/schema.h"

struct fragment {
	json_t *props;    /* prop -> [values] */
	json_t *original; /* prop -> [originals], aligned with props */
	bool any_original;
	struct iv_statement key; /* strings owned by `strings` */
	struct iv_arena strings;
	bool open;
};

/* What the caller of a kept export passes: which statements go, who hears of each entity. */
struct export_filter {
	iv_export_keep_fn keep; /* NULL: every statement */
	void *keep_ctx;
	iv_export_entity_fn exported; /* NULL: nobody asks */
	void *exported_ctx;
};

struct exporter {
	iv_write_fn write;
	void *ctx;
	uint64_t lines;
	struct fragment frag;
	struct iv_buf *err;
	struct export_filter filter;
	struct iv_map *canonical;    /* record id -> canonical id (merged entities only), or NULL */
	struct iv_buf last_exported; /* the entity filter.exported was last told */
};

/* The canonical id a record is written under, or NULL to keep its own. */
static const char *renamed(const struct exporter *ex, const char *eid)
{
	return ex->canonical ? iv_map_get(ex->canonical, eid) : NULL;
}

static bool same_str(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

static bool same_handling(const struct iv_handling *a, const struct iv_handling *b)
{
	return a->source_grade == b->source_grade && a->assessment == b->assessment &&
	       a->code == b->code && a->classification == b->classification &&
	       a->subject == b->subject && same_str(a->conditions, b->conditions) &&
	       same_str(a->releasable_to, b->releasable_to) &&
	       same_str(a->descriptor, b->descriptor) && same_str(a->originator, b->originator) &&
	       same_str(a->compartment, b->compartment) &&
	       same_str(a->retention_review, b->retention_review) &&
	       same_str(a->legacy_grade, b->legacy_grade) &&
	       same_str(a->europol_code, b->europol_code) && same_str(a->tlp, b->tlp);
}

static bool same_fragment(const struct iv_statement *a, const struct iv_statement *b)
{
	return !strcmp(a->entity, b->entity) && !strcmp(a->schema, b->schema) &&
	       !strcmp(a->dataset, b->dataset) && same_str(a->source_record, b->source_record) &&
	       a->first_seen == b->first_seen && a->last_seen == b->last_seen &&
	       same_handling(&a->handling, &b->handling);
}

static int set_str(json_t *obj, const char *key, const char *value)
{
	if (!value || !*value)
		return 0;
	return json_object_set_new(obj, key, json_string(value));
}

/** The envelope as a JSON object (shared with other writers through iv/export.h later). */
static json_t *handling_json(const struct iv_handling *h)
{
	json_t *o = json_object();
	char grade[3] = {h->source_grade, h->assessment, '\0'};
	char code[2] = {h->code, '\0'};

	if (!o)
		return NULL;
	json_object_set_new(o, "grade", json_string(grade));
	json_object_set_new(o, "handling", json_string(code));
	set_str(o, "conditions", h->conditions);
	if (h->releasable_to && *h->releasable_to) {
		json_t *list = json_array();
		const char *p = h->releasable_to;
		while (list && *p) {
			const char *comma = strchr(p, ',');
			size_t n = comma ? (size_t)(comma - p) : strlen(p);
			json_array_append_new(list, json_stringn(p, n));
			p += n + (comma ? 1 : 0);
		}
		json_object_set_new(o, "releasable_to", list);
	}
	json_object_set_new(o, "classification",
	                    json_string(iv_classification_name(h->classification)));
	set_str(o, "descriptor", h->descriptor);
	set_str(o, "originator", h->originator);
	set_str(o, "compartment", h->compartment);
	json_object_set_new(o, "subject", json_string(iv_subject_name(h->subject)));
	set_str(o, "retention_review", h->retention_review);
	set_str(o, "legacy_grade", h->legacy_grade);
	set_str(o, "europol", h->europol_code);
	set_str(o, "tlp", h->tlp);
	return o;
}

/* Tell filter.exported of an entity whose line was written, once per run of its lines. */
static IV_MUST_USE enum iv_err tell_exported(struct exporter *ex, const char *entity)
{
	if (!ex->filter.exported ||
	    (ex->last_exported.len && strcmp(ex->last_exported.buf, entity) == 0))
		return IV_OK;
	iv_buf_reset(&ex->last_exported);
	if (iv_buf_adds(&ex->last_exported, entity))
		return iv_seterr(ex->err, IV_ERR_NOMEM, "out of memory");
	ex->filter.exported(ex->filter.exported_ctx, entity);
	return IV_OK;
}

static IV_MUST_USE enum iv_err flush(struct exporter *ex)
{
	struct fragment *f = &ex->frag;
	json_t *line;
	char first[32], last[32];
	char *text = NULL;
	enum iv_err rc = IV_OK;

	if (!f->open)
		return IV_OK;
	iv_time_format(f->key.first_seen, first, sizeof(first));
	iv_time_format(f->key.last_seen, last, sizeof(last));
	{
		const char *canonical = renamed(ex, f->key.entity);

		line = json_pack("{s:s, s:s, s:O, s:[s], s:s, s:s, s:s}", "id",
		                 canonical ? canonical : f->key.entity, "schema", f->key.schema,
		                 "properties", f->props, "datasets", f->key.dataset,
		                 "source_record", f->key.source_record ? f->key.source_record : "",
		                 "first_seen", first, "last_seen", last);
		if (line && canonical &&
		    json_object_set_new(line, "referents", json_pack("[s]", f->key.entity))) {
			json_decref(line);
			line = NULL;
		}
	}
	if (!line) {
		rc = iv_seterr(ex->err, IV_ERR_NOMEM, "out of memory");
		goto out;
	}
	json_object_set_new(line, "handling", handling_json(&f->key.handling));
	if (f->any_original)
		json_object_set(line, "original_values", f->original);
	text = json_dumps(line, JSON_COMPACT);
	json_decref(line);
	if (!text) {
		rc = iv_seterr(ex->err, IV_ERR_NOMEM, "out of memory");
		goto out;
	}
	rc = ex->write(ex->ctx, text, strlen(text));
	if (!rc)
		rc = ex->write(ex->ctx, "\n", 1);
	if (!rc)
		ex->lines++;
	if (!rc)
		rc = tell_exported(ex, f->key.entity);
	free(text);
out:
	json_decref(f->props);
	json_decref(f->original);
	f->props = f->original = NULL;
	f->any_original = false;
	f->open = false;
	iv_arena_release(&f->strings);
	return rc;
}

static const char *keep(struct fragment *f, const char *s)
{
	return s ? iv_arena_strdup(&f->strings, s) : NULL;
}

static IV_MUST_USE enum iv_err open_fragment(struct exporter *ex, const struct iv_statement *st)
{
	struct fragment *f = &ex->frag;
	struct iv_handling *h = &f->key.handling;

	f->key = *st;
	f->key.entity = keep(f, st->entity);
	f->key.schema = keep(f, st->schema);
	f->key.dataset = keep(f, st->dataset);
	f->key.source_record = keep(f, st->source_record);
	h->conditions = keep(f, st->handling.conditions);
	h->releasable_to = keep(f, st->handling.releasable_to);
	h->descriptor = keep(f, st->handling.descriptor);
	h->originator = keep(f, st->handling.originator);
	h->compartment = keep(f, st->handling.compartment);
	h->retention_review = keep(f, st->handling.retention_review);
	h->legacy_grade = keep(f, st->handling.legacy_grade);
	h->europol_code = keep(f, st->handling.europol_code);
	h->tlp = keep(f, st->handling.tlp);
	f->props = json_object();
	f->original = json_object();
	if (!f->key.entity || !f->key.schema || !f->key.dataset || !f->props || !f->original)
		return iv_seterr(ex->err, IV_ERR_NOMEM, "out of memory");
	f->open = true;
	return IV_OK;
}

static IV_MUST_USE enum iv_err on_statement(void *ctx, const struct iv_statement *st)
{
	struct exporter *ex = ctx;
	struct fragment *f = &ex->frag;
	json_t *values, *originals;
	const char *orig = st->original ? st->original : st->value;
	enum iv_err rc;

	if (ex->filter.keep && !ex->filter.keep(ex->filter.keep_ctx, &st->handling))
		return IV_OK;
	if (f->open && !same_fragment(&f->key, st)) {
		rc = flush(ex);
		if (rc)
			return rc;
	}
	if (!f->open) {
		rc = open_fragment(ex, st);
		if (rc)
			return rc;
	}
	values = json_object_get(f->props, st->property);
	if (!values) {
		values = json_array();
		originals = json_array();
		if (json_object_set_new(f->props, st->property, values) ||
		    json_object_set_new(f->original, st->property, originals))
			return iv_seterr(ex->err, IV_ERR_NOMEM, "out of memory");
	}
	originals = json_object_get(f->original, st->property);
	if ((st->flags & IV_STMT_REF) && renamed(ex, st->value)) {
		/* a reference to a merged record points at its canonical entity */
		if (json_array_append_new(values, json_string(renamed(ex, st->value))) ||
		    json_array_append_new(originals, json_string(orig)))
			return iv_seterr(ex->err, IV_ERR_NOMEM, "out of memory");
		f->any_original = true;
		return IV_OK;
	}
	if (json_array_append_new(values, json_string(st->value)) ||
	    json_array_append_new(originals, json_string(orig)))
		return iv_seterr(ex->err, IV_ERR_NOMEM, "out of memory");
	if (strcmp(orig, st->value))
		f->any_original = true;
	return IV_OK;
}

/* The export itself, with the caller's filter (may be NULL: every statement, nobody told). */
static IV_MUST_USE enum iv_err export_statements(struct iv_store *st, const char *dataset,
                                                 iv_write_fn write, void *ctx, uint64_t *lines,
                                                 struct iv_map *canonical,
                                                 const struct export_filter *filter,
                                                 struct iv_buf *err)
{
	struct exporter ex;
	enum iv_err rc;

	memset(&ex, 0, sizeof(ex));
	if (filter)
		ex.filter = *filter;
	ex.write = write;
	ex.ctx = ctx;
	ex.err = err;
	ex.canonical = canonical;
	iv_buf_init(&ex.last_exported, 0);
	rc = iv_store_each_statement(st, dataset, on_statement, &ex, err);
	if (!rc)
		rc = flush(&ex);
	json_decref(ex.frag.props);
	json_decref(ex.frag.original);
	iv_arena_release(&ex.frag.strings);
	iv_buf_release(&ex.last_exported);
	if (lines)
		*lines = ex.lines;
	return rc;
}

enum iv_err iv_export_ftm(struct iv_store *st, const char *dataset, iv_write_fn write, void *ctx,
                          uint64_t *lines, struct iv_buf *err)
{
	return export_statements(st, dataset, write, ctx, lines, NULL, NULL, err);
}

enum iv_err iv_export_ftm_kept(struct iv_store *st, const char *dataset, iv_export_keep_fn keep_fn,
                               void *keep_ctx, iv_export_entity_fn exported, void *exported_ctx,
                               iv_write_fn write, void *ctx, uint64_t *lines, struct iv_buf *err)
{
	const struct export_filter filter = {keep_fn, keep_ctx, exported, exported_ctx};

	return export_statements(st, dataset, write, ctx, lines, NULL, &filter, err);
}

/* Memberships arrive ordered by canonical id: keep the groups of two or more. */
struct members {
	struct iv_map *map;
	struct iv_arena *arena;
	char *canonical; /* in arena */
	const char *first;
	size_t n;
};

static IV_MUST_USE enum iv_err on_member(void *ctx, const char *entity, const char *canonical)
{
	struct members *m = ctx;

	if (!m->canonical || strcmp(m->canonical, canonical) != 0) {
		m->canonical = iv_arena_strdup(m->arena, canonical);
		m->first = NULL;
		m->n = 0;
		if (!m->canonical)
			return IV_ERR_NOMEM;
	}
	m->n++;
	if (m->n == 1) {
		m->first = iv_arena_strdup(m->arena, entity); /* named once a second member comes */
		return m->first ? IV_OK : IV_ERR_NOMEM;
	}
	if (m->n == 2 && iv_map_put(m->map, m->first, m->canonical))
		return IV_ERR_NOMEM;
	return iv_map_put(m->map, entity, m->canonical);
}

enum iv_err iv_export_ftm_resolved(struct iv_store *st, const char *dataset, iv_write_fn write,
                                   void *ctx, uint64_t *lines, struct iv_buf *err)
{
	struct iv_map map = IV_MAP_INIT;
	struct iv_arena arena = IV_ARENA_INIT;
	struct members m = {&map, &arena, NULL, NULL, 0};
	enum iv_err rc = iv_store_res_each_member(st, on_member, &m, err);

	if (rc == IV_ERR_NOMEM)
		rc = iv_seterr(err, rc, "out of memory reading canonical entities");
	if (!rc)
		rc = export_statements(st, dataset, write, ctx, lines, &map, NULL, err);
	iv_map_release(&map);
	iv_arena_release(&arena);
	return rc;
}
