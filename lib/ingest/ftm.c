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
					return iv_seterr(err, IV_ERR_INVALID,
					                 "handling.%s: list items must be strings",
					                 key);
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
			return iv_seterr(err, IV_ERR_INVALID, "handling.%s: expected a string",
			                 key);
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

enum iv_err iv_ingest_ftm_line(struct iv_ingest *in, const char *line, size_t len, uint64_t lineno,
                               struct iv_buf *err)
{
	struct iv_envelope_spec line_env = {0};
	struct iv_arena strings = IV_ARENA_INIT;
	struct iv_handling h;
	struct iv_buf msg = IV_BUF_INIT;
	json_error_t jerr;
	json_t *obj = NULL, *props, *orig, *v;
	const struct iv_schema *schema;
	const char *id, *dataset, *source_record, *key, *why;
	char what[64];
	int64_t first_seen = in->now;
	int64_t last_seen = first_seen;
	size_t bad;
	enum iv_err rc = IV_OK;

	in->report.records++;
	if (!iv_utf8_valid(line, len, &bad)) {
		rc = line_error(in, lineno, bad + 1, err, "invalid UTF-8");
		goto out;
	}
	obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!obj) {
		iv_buf_setf(&msg, "malformed JSON: %s", jerr.text);
		rc = line_error(in, lineno, jerr.column > 0 ? (size_t)jerr.column : 1, err,
		                msg.buf);
		goto out;
	}
	if (!json_is_object(obj)) {
		rc = line_error(in, lineno, 1, err, "expected a JSON object (one entity per line)");
		goto out;
	}
	v = json_object_get(obj, "id");
	id = json_string_value(v);
	if (!id || !*id) {
		rc = line_error(in, lineno, key_column(line, len, "id"), err,
		                "entity has no \"id\" string");
		goto out;
	}
	v = json_object_get(obj, "schema");
	if (!json_is_string(v)) {
		rc = line_error(in, lineno, key_column(line, len, "schema"), err,
		                "entity has no \"schema\" string");
		goto out;
	}
	schema = iv_schema_get(json_string_value(v));
	if (!schema || (iv_schema_flags(schema) & IV_SCHEMA_ABSTRACT)) {
		iv_buf_setf(&msg, "%s schema '%s'", schema ? "abstract" : "unknown",
		            json_string_value(v));
		rc = line_error(in, lineno, key_column(line, len, "schema"), err, msg.buf);
		goto out;
	}
	props = json_object_get(obj, "properties");
	if (props && !json_is_object(props)) {
		rc = line_error(in, lineno, key_column(line, len, "properties"), err,
		                "\"properties\" must be an object");
		goto out;
	}
	orig = json_object_get(obj, "original_values");
	if (orig && !json_is_object(orig))
		orig = NULL;

	dataset = dataset_of(in, obj);
	if (!dataset)
		dataset = in->default_dataset;
	if ((why = iv_ingest_dataset_problem(dataset))) {
		snprintf(what, sizeof(what), "the dataset name %s", why);
		rc = line_error(in, lineno, key_column(line, len, "datasets"), err, what);
		goto out;
	}
	if (iv_ingest_note_dataset(in, dataset)) {
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
		goto out;
	}
	v = json_object_get(obj, "source_record");
	source_record = json_is_string(v) ? json_string_value(v) : in->base;
	v = json_object_get(obj, "first_seen");
	if (json_is_string(v) && !iv_ingest_parse_time(json_string_value(v), &first_seen)) {
		rc = line_error(in, lineno, key_column(line, len, "first_seen"), err,
		                "first_seen is not an ISO 8601 time");
		goto out;
	}
	v = json_object_get(obj, "last_seen");
	if (json_is_string(v) && !iv_ingest_parse_time(json_string_value(v), &last_seen)) {
		rc = line_error(in, lineno, key_column(line, len, "last_seen"), err,
		                "last_seen is not an ISO 8601 time");
		goto out;
	}

	/* Envelope: default < caller's options < the line's own. */
	iv_handling_default(&h);
	iv_envelope_apply(&h, &in->package);
	iv_envelope_apply(&h, &in->cli);
	v = json_object_get(obj, "handling");
	if (v && !json_is_null(v)) {
		if (!json_is_object(v)) {
			rc = line_error(in, lineno, key_column(line, len, "handling"), err,
			                "\"handling\" must be an object");
			goto out;
		}
		rc = iv_envelope_from_json(v, &line_env, &strings, &msg);
		if (rc) {
			rc = line_error(in, lineno, key_column(line, len, "handling"), err,
			                msg.buf);
			goto out;
		}
		iv_envelope_apply(&h, &line_env);
	}
	if (iv_handling_check(&h, &msg)) {
		rc = line_error(in, lineno, key_column(line, len, "handling"), err, msg.buf);
		goto out;
	}

	json_object_foreach(props, key, v)
	{
		json_t *ov = orig ? json_object_get(orig, key) : NULL;
		size_t n = json_is_array(v) ? json_array_size(v) : 1;

		if (!iv_schema_property(schema, key)) {
			iv_buf_setf(&msg, "schema %s has no property '%s'", iv_schema_name(schema),
			            key);
			rc = line_error(in, lineno, key_column(line, len, key), err, msg.buf);
			goto out;
		}
		in->line = lineno;
		in->col = key_column(line, len, key);
		for (size_t i = 0; i < n; i++) {
			json_t *item = json_is_array(v) ? json_array_get(v, i) : v;
			json_t *oitem = json_is_array(ov) ? json_array_get(ov, i) : NULL;
			char tmp[64];
			const char *raw;

			if (json_is_null(item))
				continue;
			if (value_string(item, tmp, sizeof(tmp), &raw)) {
				iv_buf_setf(&msg, "property '%s': values must be strings", key);
				rc = line_error(in, lineno, key_column(line, len, key), err,
				                msg.buf);
				goto out;
			}
			/* original_values carry the value as first received */
			rc = iv_ingest_emit(in, id, schema, key, raw,
			                    json_is_string(oitem) ? json_string_value(oitem) : NULL,
			                    dataset, source_record, &h, &in->opts.norm, first_seen,
			                    last_seen, &msg);
			if (rc) {
				rc = iv_seterr(err, rc, "%s:%llu:%zu: %s", in->name,
				               (unsigned long long)lineno,
				               key_column(line, len, key), msg.buf);
				goto out;
			}
		}
	}
out:
	json_decref(obj);
	iv_buf_release(&msg);
	iv_arena_release(&strings);
	return rc;
}
