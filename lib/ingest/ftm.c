/*
 * ftm.c - the FollowTheMoney JSON lines reader.
 *
 * One entity (or entity fragment) per line, as Aleph and OpenSanctions
 * export it: {"id", "schema", "properties": {prop: [values]}, "datasets"}.
 * invigor adds optional keys so that its own export loses nothing:
 *   "handling":        the envelope of every value on the line
 *   "source_record":   where the values came from
 *   "original_values": {prop: [values as received]} aligned with properties
 *   "first_seen", "last_seen": ISO 8601 times
 * Unknown top-level keys are ignored (FtM producers add their own);
 * unknown schemata and properties are errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ingest/ingest_int.h"

/* Column (1-based) of the first `"key"` in the line, or 1. */
static size_t key_column(const char *line, size_t len, const char *key)
{
	size_t klen = strlen(key);

	for (size_t i = 0; i + klen + 2 <= len; i++) {
		if (line[i] == '"' && !memcmp(line + i + 1, key, klen) && line[i + 1 + klen] == '"')
			return i + 1;
	}
	return 1;
}

static const char *dataset_of(struct iv_ingest *in, json_t *obj)
{
	json_t *ds = json_object_get(obj, "datasets");

	if (in->opts.dataset)
		return in->opts.dataset;
	if (json_is_array(ds) && json_array_size(ds) > 0 && json_is_string(json_array_get(ds, 0)))
		return json_string_value(json_array_get(ds, 0));
	if (json_is_string(json_object_get(obj, "dataset")))
		return json_string_value(json_object_get(obj, "dataset"));
	return NULL;
}

static IV_MUST_USE enum iv_err value_string(json_t *v, char *tmp, size_t size, const char **out)
{
	if (json_is_string(v)) {
		*out = json_string_value(v);
		return IV_OK;
	}
	if (json_is_integer(v)) {
		snprintf(tmp, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		*out = tmp;
		return IV_OK;
	}
	if (json_is_real(v)) {
		/* the shortest form that reads back as the same number */
		double d = json_real_value(v);
		for (int prec = 15; prec <= 17; prec++) {
			snprintf(tmp, size, "%.*g", prec, d);
			if (strtod(tmp, NULL) == d)
				break;
		}
		*out = tmp;
		return IV_OK;
	}
	return IV_ERR_INVALID;
}

/* What a JSON value is, for messages: "a boolean", "an object" ... */
static const char *json_kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	case JSON_NULL:
		return "null";
	}
	return "an unknown JSON value";
}

enum iv_err iv_envelope_from_json(json_t *obj, struct iv_envelope_spec *spec,
                                  struct iv_arena *strings, struct iv_buf *err)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v)
	{
		char joined[1024];
		const char *value = NULL;

		if (json_is_array(v)) {
			/* releasable_to as a list */
			size_t pos = 0, i;
			json_t *item;
			joined[0] = '\0';
			json_array_foreach(v, i, item)
			{
				if (!json_is_string(item))
					return iv_seterr(
					        err, IV_ERR_INVALID,
					        "handling.%s: list items must be strings, not %s",
					        key, json_kind(item));
				int w = snprintf(joined + pos, sizeof(joined) - pos, "%s%s",
				                 i ? "," : "", json_string_value(item));
				if (w < 0 || (size_t)w >= sizeof(joined) - pos)
					return iv_seterr(err, IV_ERR_INVALID,
					                 "handling.%s: list too long", key);
				pos += (size_t)w;
			}
			value = joined;
		} else if (json_is_string(v)) {
			value = json_string_value(v);
		} else if (json_is_null(v)) {
			continue;
		} else {
			return iv_seterr(
			        err, IV_ERR_INVALID,
			        "handling.%s: expected a string or a list of strings, not %s", key,
			        json_kind(v));
		}
		enum iv_err rc = iv_envelope_set(spec, key, value, strings, err);
		if (rc == IV_ERR_NOTFOUND)
			return iv_seterr(err, IV_ERR_INVALID, "handling: unknown key '%s'", key);
		if (rc)
			return rc;
	}
	return IV_OK;
}

static IV_MUST_USE enum iv_err line_error(struct iv_ingest *in, uint64_t lineno, size_t col,
                                          struct iv_buf *err, const char *what)
{
	return iv_seterr(err, IV_ERR_INVALID, "%s:%llu:%zu: %s", in->name,
	                 (unsigned long long)lineno, col, what);
}

/*
 * One line as its steps read it: each step fills in what the next needs.
 * msg holds the detail of a failed step (its own or a callee's) until it is
 * placed at its line and column in the caller's err.
 */
struct ftm_line {
	struct iv_ingest *in;
	const char *text;
	size_t len;
	uint64_t lineno;
	json_t *obj;
	const char *id;
	const struct iv_schema *schema;
	json_t *props; /* may be NULL: an entity with no values */
	json_t *orig;  /* "original_values", NULL unless an object */
	const char *dataset, *source_record;
	int64_t first_seen, last_seen;
	struct iv_handling h;
	struct iv_envelope_spec line_env; /* the line's own "handling" */
	struct iv_arena strings;          /* holds line_env's strings until the line is done */
	struct iv_buf msg;
};

/* An error placed at the line's first `"key"`. */
static IV_MUST_USE enum iv_err key_error(struct ftm_line *l, const char *key, struct iv_buf *err,
                                         const char *what)
{
	return line_error(l->in, l->lineno, key_column(l->text, l->len, key), err, what);
}

static IV_MUST_USE enum iv_err parse_line(struct ftm_line *l, struct iv_buf *err)
{
	json_error_t jerr;
	size_t bad;

	if (!iv_utf8_valid(l->text, l->len, &bad))
		return line_error(l->in, l->lineno, bad + 1, err, "invalid UTF-8");
	l->obj = json_loadb(l->text, l->len, JSON_REJECT_DUPLICATES, &jerr);
	if (!l->obj) {
		iv_buf_setf(&l->msg, "malformed JSON: %s", jerr.text);
		return line_error(l->in, l->lineno, jerr.column > 0 ? (size_t)jerr.column : 1, err,
		                  l->msg.buf);
	}
	if (!json_is_object(l->obj))
		return line_error(l->in, l->lineno, 1, err,
		                  "expected a JSON object (one entity per line)");
	return IV_OK;
}

/* id, schema, properties and original_values. */
static IV_MUST_USE enum iv_err read_entity(struct ftm_line *l, struct iv_buf *err)
{
	json_t *v = json_object_get(l->obj, "schema");

	l->id = json_string_value(json_object_get(l->obj, "id"));
	if (!l->id || !*l->id)
		return key_error(l, "id", err, "entity has no \"id\" string");
	if (!json_is_string(v))
		return key_error(l, "schema", err, "entity has no \"schema\" string");
	l->schema = iv_schema_get(json_string_value(v));
	if (!l->schema || (iv_schema_flags(l->schema) & IV_SCHEMA_ABSTRACT)) {
		iv_buf_setf(&l->msg, "%s schema '%s'", l->schema ? "abstract" : "unknown",
		            json_string_value(v));
		return key_error(l, "schema", err, l->msg.buf);
	}
	l->props = json_object_get(l->obj, "properties");
	if (l->props && !json_is_object(l->props))
		return key_error(l, "properties", err, "\"properties\" must be an object");
	l->orig = json_object_get(l->obj, "original_values");
	if (l->orig && !json_is_object(l->orig))
		l->orig = NULL;
	return IV_OK;
}

/* A time the line may give under key; *out keeps its value when it does not. */
static IV_MUST_USE enum iv_err read_time(struct ftm_line *l, const char *key, int64_t *out,
                                         struct iv_buf *err)
{
	json_t *v = json_object_get(l->obj, key);

	if (json_is_string(v) && !iv_ingest_parse_time(json_string_value(v), out)) {
		iv_buf_setf(&l->msg, "%s is not an ISO 8601 time", key);
		return key_error(l, key, err, l->msg.buf);
	}
	return IV_OK;
}

/* Where the values come from: dataset, source record, first and last seen. */
static IV_MUST_USE enum iv_err read_provenance(struct ftm_line *l, struct iv_buf *err)
{
	const char *why;
	char what[64];
	json_t *v;
	enum iv_err rc;

	l->dataset = dataset_of(l->in, l->obj);
	if (!l->dataset)
		l->dataset = l->in->default_dataset;
	if ((why = iv_ingest_dataset_problem(l->dataset))) {
		snprintf(what, sizeof(what), "the dataset name %s", why);
		return key_error(l, "datasets", err, what);
	}
	if (iv_ingest_note_dataset(l->in, l->dataset))
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	v = json_object_get(l->obj, "source_record");
	l->source_record = json_is_string(v) ? json_string_value(v) : l->in->base;
	rc = read_time(l, "first_seen", &l->first_seen, err);
	if (!rc)
		rc = read_time(l, "last_seen", &l->last_seen, err);
	return rc;
}

static IV_MUST_USE enum iv_err read_handling(struct ftm_line *l, struct iv_buf *err)
{
	json_t *v = json_object_get(l->obj, "handling");

	/* Envelope: default < caller's options < the line's own. */
	iv_handling_default(&l->h);
	iv_envelope_apply(&l->h, &l->in->package);
	iv_envelope_apply(&l->h, &l->in->cli);
	if (v && !json_is_null(v)) {
		if (!json_is_object(v))
			return key_error(l, "handling", err, "\"handling\" must be an object");
		if (iv_envelope_from_json(v, &l->line_env, &l->strings, &l->msg))
			return key_error(l, "handling", err, l->msg.buf);
		iv_envelope_apply(&l->h, &l->line_env);
	}
	if (iv_handling_check(&l->h, &l->msg))
		return key_error(l, "handling", err, l->msg.buf);
	return IV_OK;
}

/* One value of property key; col is where key stands in the line. */
static IV_MUST_USE enum iv_err emit_value(struct ftm_line *l, const char *key, size_t col,
                                          json_t *item, json_t *original, struct iv_buf *err)
{
	char tmp[64];
	const char *raw;
	enum iv_err rc;

	if (json_is_null(item))
		return IV_OK;
	if (value_string(item, tmp, sizeof(tmp), &raw)) {
		iv_buf_setf(&l->msg, "property '%s': values must be strings or numbers, not %s",
		            key, json_kind(item));
		return line_error(l->in, l->lineno, col, err, l->msg.buf);
	}
	/* original_values carry the value as first received */
	rc = iv_ingest_emit(l->in, l->id, l->schema, key, raw,
	                    json_is_string(original) ? json_string_value(original) : NULL,
	                    l->dataset, l->source_record, &l->h, &l->in->opts.norm, l->first_seen,
	                    l->last_seen, &l->msg);
	if (rc)
		return iv_seterr(err, rc, "%s:%llu:%zu: %s", l->in->name,
		                 (unsigned long long)l->lineno, col, l->msg.buf);
	return IV_OK;
}

/* Every value of property key: a list of them, or a single one. */
static IV_MUST_USE enum iv_err emit_property(struct ftm_line *l, const char *key, json_t *values,
                                             struct iv_buf *err)
{
	json_t *originals = l->orig ? json_object_get(l->orig, key) : NULL;
	size_t n = json_is_array(values) ? json_array_size(values) : 1;
	size_t col = key_column(l->text, l->len, key);
	enum iv_err rc = IV_OK;

	if (!iv_schema_property(l->schema, key)) {
		iv_buf_setf(&l->msg, "schema %s has no property '%s'", iv_schema_name(l->schema),
		            key);
		return line_error(l->in, l->lineno, col, err, l->msg.buf);
	}
	/* where the store's errors about these values will point */
	l->in->line = l->lineno;
	l->in->col = col;
	for (size_t i = 0; !rc && i < n; i++) {
		json_t *item = json_is_array(values) ? json_array_get(values, i) : values;
		json_t *original = json_is_array(originals) ? json_array_get(originals, i) : NULL;

		rc = emit_value(l, key, col, item, original, err);
	}
	return rc;
}

enum iv_err iv_ingest_ftm_line(struct iv_ingest *in, const char *line, size_t len, uint64_t lineno,
                               struct iv_buf *err)
{
	struct ftm_line l = {.in = in,
	                     .text = line,
	                     .len = len,
	                     .lineno = lineno,
	                     .first_seen = in->now,
	                     .last_seen = in->now,
	                     .strings = IV_ARENA_INIT,
	                     .msg = IV_BUF_INIT};
	const char *key;
	json_t *values;
	enum iv_err rc;

	in->report.records++;
	rc = parse_line(&l, err);
	if (rc)
		goto out;
	rc = read_entity(&l, err);
	if (rc)
		goto out;
	rc = read_provenance(&l, err);
	if (rc)
		goto out;
	rc = read_handling(&l, err);
	if (rc)
		goto out;
	json_object_foreach(l.props, key, values)
	{
		rc = emit_property(&l, key, values, err);
		if (rc)
			goto out;
	}
out:
	json_decref(l.obj);
	iv_buf_release(&l.msg);
	iv_arena_release(&l.strings);
	return rc;
}
