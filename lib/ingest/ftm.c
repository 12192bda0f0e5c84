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
#define _GNU_SOURCE /* memmem */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ingest/ingest_int.h"

/*
 * Where a key stands in the line.  jansson keeps no positions, so the text
 * of an object (the line has parsed whole already) is read again one member
 * at a time, each key and each value by json_loadb with
 * JSON_DISABLE_EOF_CHECK, which then sets jerr.position to the bytes it
 * read.  Between them only whitespace, ':' and ',' can stand.  The walk
 * compares keys as jansson decodes them, so a key written with escapes is
 * found too, and a value or a nested key that says the same word is not.
 */
struct object_walk {
	const char *text;
	size_t len;
	size_t at; /* just past the '{', or past a member's value */
};

static size_t skip_space(const char *text, size_t len, size_t at)
{
	while (at < len &&
	       (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r'))
		at++;
	return at;
}

/*
 * Read the JSON value at w->at and move past it; NULL when there is none
 * (or jansson has no memory: the caller then points at the entity's start).
 */
static json_t *walk_read(struct object_walk *w)
{
	json_error_t jerr;
	json_t *v = json_loadb(w->text + w->at, w->len - w->at,
	                       JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK, &jerr);

	if (v)
		w->at += (size_t)jerr.position;
	return v;
}

/*
 * Read the next member's key: *key_at gets the offset of its opening
 * quote, *same whether it is key, and w->at moves to its value.  false at
 * the end of the object.
 */
static bool walk_key(struct object_walk *w, size_t *key_at, const char *key, bool *same)
{
	json_t *name;

	w->at = skip_space(w->text, w->len, w->at);
	if (w->at < w->len && w->text[w->at] == ',')
		w->at = skip_space(w->text, w->len, w->at + 1);
	if (w->at >= w->len || w->text[w->at] != '"')
		return false;
	*key_at = w->at;
	name = walk_read(w);
	if (!json_is_string(name)) {
		json_decref(name);
		return false;
	}
	*same = !strcmp(json_string_value(name), key);
	json_decref(name);
	w->at = skip_space(w->text, w->len, w->at);
	if (w->at >= w->len || w->text[w->at] != ':')
		return false;
	w->at = skip_space(w->text, w->len, w->at + 1);
	return true;
}

/* Move past the value of the member whose key walk_key read. */
static bool walk_value(struct object_walk *w)
{
	json_t *v = walk_read(w);

	json_decref(v);
	return v != NULL;
}

/*
 * Find key among the members of the object whose '{' is at text[object]:
 * *key_at gets the offset of the key, *value_at that of its value.
 */
static bool find_key(const char *text, size_t len, size_t object, const char *key, size_t *key_at,
                     size_t *value_at)
{
	struct object_walk w = {text, len, object + 1};
	bool same = false;

	while (walk_key(&w, key_at, key, &same)) {
		if (same) {
			*value_at = w.at;
			return true;
		}
		if (!walk_value(&w))
			break;
	}
	return false;
}

/* The dataset of the line's values; *key gets the line's key that named it, if one did. */
static const char *dataset_of(struct iv_ingest *in, json_t *obj, const char **key)
{
	json_t *ds = json_object_get(obj, "datasets");

	*key = NULL;
	if (in->opts.dataset)
		return in->opts.dataset;
	if (json_is_array(ds) && json_array_size(ds) > 0 && json_is_string(json_array_get(ds, 0))) {
		*key = "datasets";
		return json_string_value(json_array_get(ds, 0));
	}
	if (json_is_string(json_object_get(obj, "dataset"))) {
		*key = "dataset";
		return json_string_value(json_object_get(obj, "dataset"));
	}
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

/*
 * One line as its steps read it: each step fills in what the next needs.
 * msg holds the detail of a failed step (its own or a callee's) until it is
 * placed at its line and column in the caller's err (line_error).
 */
struct ftm_line {
	struct iv_ingest *in;
	const char *text;
	size_t len;
	uint64_t lineno;
	size_t start;       /* offset of the entity's '{' */
	bool has_backslash; /* whether the line escapes anything */
	json_t *obj;
	const char *id;
	const struct iv_schema *schema;
	json_t *props; /* may be NULL: an entity with no values */
	json_t *orig;  /* "original_values", NULL unless an object */
	/* the members of "properties" in the text, as far as emit_property has come */
	struct object_walk props_walk;
	size_t props_at; /* offset of the '{' of "properties" once props_walk is set */
	const char *dataset, *source_record;
	const char *dataset_key; /* the key that named the dataset, NULL if none did */
	int64_t first_seen, last_seen;
	struct iv_handling h;
	struct iv_envelope_spec line_env; /* the line's own "handling" */
	struct iv_arena strings;          /* holds line_env's strings until the line is done */
	struct iv_buf msg;
};

/*
 * Put "NAME:LINE:COL: what" into err and return rc.  Something always
 * follows the position: when a step or a callee could say nothing (it had
 * no memory to), rc is described instead ("out of memory").
 */
static IV_MUST_USE enum iv_err line_error(const struct ftm_line *l, size_t col, enum iv_err rc,
                                          const char *what, struct iv_buf *err)
{
	char room[64];

	return iv_seterr(err, rc, "%s:%llu:%zu: %s", l->in->name, (unsigned long long)l->lineno,
	                 col, iv_ingest_detail(rc, what, room, sizeof(room)));
}

/*
 * Say what is wrong in l->msg, for line_error.  Returns rc, or IV_ERR_NOMEM
 * when there was no memory to say it (line_error then says so).
 */
static IV_MUST_USE enum iv_err say(struct ftm_line *l, enum iv_err rc, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
static enum iv_err say(struct ftm_line *l, enum iv_err rc, const char *fmt, ...)
{
	va_list ap;
	enum iv_err written;

	iv_buf_reset(&l->msg);
	va_start(ap, fmt);
	written = iv_buf_vaddf(&l->msg, fmt, ap);
	va_end(ap);
	return written == IV_ERR_NOMEM ? written : rc;
}

/* Column (1-based) of the entity's own key; of the entity's start when it has none. */
static size_t key_column(const struct ftm_line *l, const char *key)
{
	size_t key_at, value_at;

	if (key && find_key(l->text, l->len, l->start, key, &key_at, &value_at))
		return key_at + 1;
	return l->start + 1;
}

/*
 * Column of a property's key found by its name alone when that is certain,
 * else 0.  In a line with no backslash nothing is escaped, so the
 * property's own key stands in it as `"name"`; when that is the only place
 * it does, it is the key.  This spares the walk below (as costly as parsing
 * the line again) for nearly every line.
 */
static size_t plain_key_column(const struct ftm_line *l, const char *key)
{
	size_t klen = strlen(key), found = 0;
	const char *p = l->text + 1, *end = l->text + l->len;

	if (l->has_backslash || klen == 0)
		return 0;
	while (p < end && (p = memmem(p, (size_t)(end - p), key, klen))) {
		if (p[-1] == '"' && p + klen < end && p[klen] == '"') {
			if (found)
				return 0;
			found = (size_t)(p - l->text); /* the column of its opening quote */
		}
		p++;
	}
	return found;
}

/*
 * Column of the key of property key.  emit_property visits the properties
 * in the order of the text (jansson keeps an object's keys in the order it
 * read them), so the walk goes on from the last property it found; when key
 * is not the next member (plain_key_column found those before it), the
 * properties are searched from their start.
 */
static size_t property_column(struct ftm_line *l, const char *key)
{
	size_t key_at, value_at, col = plain_key_column(l, key);
	bool same = false;

	if (col)
		return col;
	if (!l->props_walk.text) {
		if (!find_key(l->text, l->len, l->start, "properties", &key_at, &value_at))
			return l->start + 1;
		l->props_at = value_at;
		l->props_walk = (struct object_walk){l->text, l->len, value_at + 1};
	}
	if (!walk_key(&l->props_walk, &key_at, key, &same) || !same) {
		if (!find_key(l->text, l->len, l->props_at, key, &key_at, &value_at))
			return l->start + 1;
		l->props_walk.at = value_at;
	}
	/* should this fail, the next property is searched for */
	(void)walk_value(&l->props_walk);
	return key_at + 1;
}

/* An error placed at the entity's key (at its start when it lacks the key). */
static IV_MUST_USE enum iv_err key_error(struct ftm_line *l, const char *key, enum iv_err rc,
                                         const char *what, struct iv_buf *err)
{
	return line_error(l, key_column(l, key), rc, what, err);
}

static IV_MUST_USE enum iv_err parse_line(struct ftm_line *l, struct iv_buf *err)
{
	json_error_t jerr;
	size_t bad;

	if (!iv_utf8_valid(l->text, l->len, &bad))
		return line_error(l, bad + 1, IV_ERR_INVALID, "invalid UTF-8", err);
	l->start = skip_space(l->text, l->len, 0);
	l->has_backslash = memchr(l->text, '\\', l->len) != NULL;
	l->obj = json_loadb(l->text, l->len, JSON_REJECT_DUPLICATES, &jerr);
	if (!l->obj) {
		enum iv_err rc = say(l, IV_ERR_INVALID, "malformed JSON: %s", jerr.text);

		/* position, not column: columns count bytes here, as for invalid UTF-8 */
		return line_error(l, jerr.position > 0 ? (size_t)jerr.position : 1, rc, l->msg.buf,
		                  err);
	}
	if (!json_is_object(l->obj))
		return line_error(l, l->start + 1, IV_ERR_INVALID,
		                  "expected a JSON object (one entity per line)", err);
	return IV_OK;
}

/* id, schema, properties and original_values. */
static IV_MUST_USE enum iv_err read_entity(struct ftm_line *l, struct iv_buf *err)
{
	json_t *v = json_object_get(l->obj, "schema");

	l->id = json_string_value(json_object_get(l->obj, "id"));
	if (!l->id || !*l->id)
		return key_error(l, "id", IV_ERR_INVALID, "entity has no \"id\" string", err);
	if (!json_is_string(v))
		return key_error(l, "schema", IV_ERR_INVALID, "entity has no \"schema\" string",
		                 err);
	l->schema = iv_schema_get(json_string_value(v));
	if (!l->schema || (iv_schema_flags(l->schema) & IV_SCHEMA_ABSTRACT)) {
		enum iv_err rc = say(l, IV_ERR_INVALID, "%s schema '%s'",
		                     l->schema ? "abstract" : "unknown", json_string_value(v));

		return key_error(l, "schema", rc, l->msg.buf, err);
	}
	l->props = json_object_get(l->obj, "properties");
	if (l->props && !json_is_object(l->props))
		return key_error(l, "properties", IV_ERR_INVALID,
		                 "\"properties\" must be an object", err);
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
		enum iv_err rc = say(l, IV_ERR_INVALID, "%s is not an ISO 8601 time", key);

		return key_error(l, key, rc, l->msg.buf, err);
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

	l->dataset = dataset_of(l->in, l->obj, &l->dataset_key);
	if (!l->dataset)
		l->dataset = l->in->default_dataset;
	if ((why = iv_ingest_dataset_problem(l->dataset))) {
		snprintf(what, sizeof(what), "the dataset name %s", why);
		return key_error(l, l->dataset_key, IV_ERR_INVALID, what, err);
	}
	if (iv_ingest_note_dataset(l->in, l->dataset))
		return key_error(l, l->dataset_key, IV_ERR_NOMEM, "out of memory", err);
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
	enum iv_err rc;

	/* Envelope: default < caller's options < the line's own. */
	iv_handling_default(&l->h);
	iv_envelope_apply(&l->h, &l->in->package);
	iv_envelope_apply(&l->h, &l->in->cli);
	if (v && !json_is_null(v)) {
		if (!json_is_object(v))
			return key_error(l, "handling", IV_ERR_INVALID,
			                 "\"handling\" must be an object", err);
		rc = iv_envelope_from_json(v, &l->line_env, &l->strings, &l->msg);
		if (rc)
			return key_error(l, "handling", rc, l->msg.buf, err);
		iv_envelope_apply(&l->h, &l->line_env);
	}
	rc = iv_handling_check(&l->h, &l->msg);
	if (rc)
		return key_error(l, "handling", rc, l->msg.buf, err);
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
		rc = say(l, IV_ERR_INVALID,
		         "property '%s': values must be strings or numbers, not %s", key,
		         json_kind(item));
		return line_error(l, col, rc, l->msg.buf, err);
	}
	/* original_values carry the value as first received */
	rc = iv_ingest_emit(l->in, l->id, l->schema, key, raw,
	                    json_is_string(original) ? json_string_value(original) : NULL,
	                    l->dataset, l->source_record, &l->h, &l->in->opts.norm, l->first_seen,
	                    l->last_seen, &l->msg);
	if (rc)
		return line_error(l, col, rc, l->msg.buf, err);
	return IV_OK;
}

/* Every value of property key: a list of them, or a single one. */
static IV_MUST_USE enum iv_err emit_property(struct ftm_line *l, const char *key, json_t *values,
                                             struct iv_buf *err)
{
	json_t *originals = l->orig ? json_object_get(l->orig, key) : NULL;
	size_t n = json_is_array(values) ? json_array_size(values) : 1;
	size_t col = property_column(l, key);
	enum iv_err rc = IV_OK;

	if (!iv_schema_property(l->schema, key)) {
		rc = say(l, IV_ERR_INVALID, "schema %s has no property '%s'",
		         iv_schema_name(l->schema), key);
		return line_error(l, col, rc, l->msg.buf, err);
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
