/*
 * mapping.c - CSV mapping files (Aleph's mapping format) read with libyaml.
 *
 * Accepted shapes, as Aleph writes them:
 *
 *   entities: {...}                         one query
 *   queries: [{entities: {...}}, ...]       several queries over one file
 *   NAME: {queries: [...]}                  Aleph's dataset wrapper (NAME = dataset)
 *
 * Each entity: schema, keys (list or one column), key_literal, id_column,
 * properties {prop: {column | columns [+ join] | literal | literals |
 * entity, split}}, and invigor's `handling` envelope, which may also be
 * given at the top level, per entity and per property.  Top-level extras:
 * dataset, delimiter, phone_region, date_order (dmy|mdy).  A query's own
 * `handling` applies to that query's entities.  Anything else (an unknown
 * or repeated key, a setting that has no effect, YAML anchors and aliases)
 * is an error naming the line, never silently ignored.
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include <yaml.h>

#include "ingest/ingest_int.h"

#define MAPPING_MAX_BYTES (4u << 20)

struct loader {
	struct iv_mapping *m;
	yaml_document_t *doc;
	struct iv_buf *err;
};

static yaml_node_t *node(struct loader *l, int id)
{
	return yaml_document_get_node(l->doc, id);
}

static unsigned line_of(yaml_node_t *n)
{
	return (unsigned)n->start_mark.line + 1;
}

static IV_MUST_USE enum iv_err fail(struct loader *l, yaml_node_t *n, const char *what,
                                    const char *detail)
{
	return iv_seterr(l->err, IV_ERR_INVALID, "%s:%u:%u: %s%s%s", l->m->name, n ? line_of(n) : 0,
	                 n ? (unsigned)n->start_mark.column + 1 : 0, what, detail ? ": " : "",
	                 detail ? detail : "");
}

/*
 * An error with code rc at n: "NAME:LINE:COL: what: detail".  Something
 * always follows: when detail is empty (its writer had no memory), what
 * rc means, "out of memory" for IV_ERR_NOMEM (iv_ingest_detail).
 */
static IV_MUST_USE enum iv_err fail_with(struct loader *l, yaml_node_t *n, enum iv_err rc,
                                         const char *what, const char *detail)
{
	char room[64];

	return iv_seterr(l->err, rc, "%s:%u:%u: %s: %s", l->m->name, n ? line_of(n) : 0,
	                 n ? (unsigned)n->start_mark.column + 1 : 0, what,
	                 iv_ingest_detail(rc, detail, room, sizeof(room)));
}

/*
 * fail() with its detail written from fmt; IV_ERR_NOMEM, and "out of
 * memory" after the position, when there is no memory to write it.
 */
static IV_MUST_USE enum iv_err failf(struct loader *l, yaml_node_t *n, const char *what,
                                     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static enum iv_err failf(struct loader *l, yaml_node_t *n, const char *what, const char *fmt, ...)
{
	struct iv_buf detail = IV_BUF_INIT;
	enum iv_err rc;
	va_list ap;

	va_start(ap, fmt);
	rc = iv_buf_vaddf(&detail, fmt, ap);
	va_end(ap);
	rc = fail_with(l, n, rc == IV_ERR_NOMEM ? rc : IV_ERR_INVALID, what, detail.buf);
	iv_buf_release(&detail);
	return rc;
}

static const char *scalar(yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* Value of key in a mapping node, or NULL. */
static yaml_node_t *lookup(struct loader *l, yaml_node_t *map, const char *key)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		const char *k = scalar(node(l, p->key));
		if (k && !strcmp(k, key))
			return node(l, p->value);
	}
	return NULL;
}

static bool key_allowed(const char *key, const char *const *allowed)
{
	for (; *allowed; allowed++)
		if (!strcmp(key, *allowed))
			return true;
	return false;
}

/* Every key of map must be in allowed. */
static IV_MUST_USE enum iv_err check_keys(struct loader *l, yaml_node_t *map,
                                          const char *const *allowed, const char *where)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *kn = node(l, p->key);
		const char *k = scalar(kn);
		if (!k)
			return fail(l, kn, where, "keys must be plain strings");
		for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p; q++) {
			const char *earlier = scalar(node(l, q->key));
			if (earlier && !strcmp(earlier, k))
				return failf(l, kn, where, "'%s' is given twice", k);
		}
		if (!key_allowed(k, allowed))
			return failf(l, kn, where, "'%s' is not a known key here", k);
	}
	return IV_OK;
}

/* A scalar or a list of scalars, copied into the arena. */
static IV_MUST_USE enum iv_err string_list(struct loader *l, yaml_node_t *n, const char *what,
                                           const char ***out, size_t *count)
{
	size_t len = 0;
	const char **items;

	if (n->type == YAML_SCALAR_NODE) {
		items = iv_arena_alloc(&l->m->arena, sizeof(*items));
		if (!items || !(items[0] = iv_arena_strdup(&l->m->arena, scalar(n))))
			return iv_seterr(l->err, IV_ERR_NOMEM, "out of memory");
		*out = items;
		*count = 1;
		return IV_OK;
	}
	if (n->type != YAML_SEQUENCE_NODE)
		return fail(l, n, what, "expected a string or a list of strings");
	len = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	items = iv_arena_alloc(&l->m->arena, sizeof(*items) * (len ? len : 1));
	if (!items)
		return iv_seterr(l->err, IV_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < len; i++) {
		yaml_node_t *item = node(l, n->data.sequence.items.start[i]);
		if (!scalar(item))
			return fail(l, item, what, "list items must be strings");
		items[i] = iv_arena_strdup(&l->m->arena, scalar(item));
		if (!items[i])
			return iv_seterr(l->err, IV_ERR_NOMEM, "out of memory");
	}
	*out = items;
	*count = len;
	return IV_OK;
}

static IV_MUST_USE enum iv_err read_envelope(struct loader *l, yaml_node_t *map,
                                             struct iv_envelope_spec *spec)
{
	struct iv_buf msg = IV_BUF_INIT;
	enum iv_err rc = IV_OK;

	if (map->type != YAML_MAPPING_NODE)
		return fail(l, map, "handling", "expected a mapping of envelope fields");
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *kn = node(l, p->key), *vn = node(l, p->value);
		const char *k = scalar(kn);
		const char *v = scalar(vn);
		char joined[1024];

		if (!k)
			return fail(l, kn, "handling", "keys must be strings");
		if (vn->type == YAML_SEQUENCE_NODE) {
			const char **items;
			size_t n, pos = 0;
			rc = string_list(l, vn, "handling", &items, &n);
			if (rc)
				goto out;
			joined[0] = '\0';
			for (size_t i = 0; i < n; i++) {
				int w = snprintf(joined + pos, sizeof(joined) - pos, "%s%s",
				                 i ? "," : "", items[i]);
				if (w < 0 || (size_t)w >= sizeof(joined) - pos) {
					rc = fail(l, vn, "handling", "list too long");
					goto out;
				}
				pos += (size_t)w;
			}
			v = joined;
		}
		if (!v) {
			rc = fail(l, vn, "handling", "values must be strings");
			goto out;
		}
		rc = iv_envelope_set(spec, k, v, &l->m->arena, &msg);
		if (rc == IV_ERR_NOTFOUND) {
			rc = failf(l, kn, "handling", "'%s' is not an envelope field", k);
			goto out;
		}
		if (rc) {
			/* the envelope's own code (IV_ERR_NOMEM stays so); an empty
			 * message: memory ran out while it was written */
			rc = fail_with(l, vn, msg.len ? rc : IV_ERR_NOMEM, "handling", msg.buf);
			goto out;
		}
	}
out:
	iv_buf_release(&msg);
	return rc;
}

static const char *const prop_keys[] = {"column", "columns", "join",     "literal", "literals",
                                        "entity", "split",   "handling", NULL};

static IV_MUST_USE enum iv_err no_such_property(struct loader *l, const struct iv_mapping_entity *e,
                                                const char *name, yaml_node_t *spec)
{
	return failf(l, spec, e->key, "schema %s has no property '%s'", iv_schema_name(e->schema),
	             name);
}

/* Where the property's value comes from: exactly one of column, columns, literal(s), entity. */
static IV_MUST_USE enum iv_err read_prop_source(struct loader *l, struct iv_mapping_prop *mp,
                                                const char *name, yaml_node_t *spec)
{
	yaml_node_t *n;
	enum iv_err rc;
	int kinds = 0;

	if ((n = lookup(l, spec, "column"))) {
		kinds++;
		mp->kind = IV_MV_COLUMN;
		if (!scalar(n))
			return fail(l, n, name, "column must be a string");
		rc = string_list(l, n, name, &mp->columns, &mp->ncolumns);
		if (rc)
			return rc;
	}
	if ((n = lookup(l, spec, "columns"))) {
		kinds++;
		mp->kind = IV_MV_COLUMNS;
		rc = string_list(l, n, name, &mp->columns, &mp->ncolumns);
		if (rc)
			return rc;
	}
	if (lookup(l, spec, "literal") && lookup(l, spec, "literals"))
		return fail(l, spec, name, "give literal or literals, not both");
	if ((n = lookup(l, spec, "literal")) || (n = lookup(l, spec, "literals"))) {
		kinds++;
		mp->kind = IV_MV_LITERAL;
		rc = string_list(l, n, name, &mp->literals, &mp->nliterals);
		if (rc)
			return rc;
	}
	if ((n = lookup(l, spec, "entity"))) {
		kinds++;
		mp->kind = IV_MV_ENTITY;
		if (!scalar(n))
			return fail(l, n, name, "entity must name a mapped entity");
		mp->entity = iv_arena_strdup(&l->m->arena, scalar(n));
		if (!mp->entity)
			return iv_seterr(l->err, IV_ERR_NOMEM, "out of memory");
	}
	if (kinds != 1)
		return fail(l, spec, name,
		            "give exactly one of column, columns, literal(s) or entity");
	return IV_OK;
}

/* join (with columns), split (with column) and the property's own handling. */
static IV_MUST_USE enum iv_err read_prop_options(struct loader *l, struct iv_mapping_prop *mp,
                                                 const char *name, yaml_node_t *spec)
{
	struct iv_arena *a = &l->m->arena;
	yaml_node_t *n;

	if ((n = lookup(l, spec, "join"))) {
		if (!scalar(n))
			return fail(l, n, name, "join must be a string");
		if (mp->kind != IV_MV_COLUMNS)
			return fail(l, n, name, "join goes with columns");
		mp->join = iv_arena_strdup(a, scalar(n));
		if (!mp->join)
			return iv_seterr(l->err, IV_ERR_NOMEM, "out of memory");
	}
	if ((n = lookup(l, spec, "split"))) {
		if (!scalar(n) || !*scalar(n))
			return fail(l, n, name, "split must be a non-empty string");
		if (mp->kind != IV_MV_COLUMN)
			return fail(l, n, name, "split goes with column");
		mp->split = iv_arena_strdup(a, scalar(n));
		if (!mp->split)
			return iv_seterr(l->err, IV_ERR_NOMEM, "out of memory");
	}
	if ((n = lookup(l, spec, "handling")))
		return read_envelope(l, n, &mp->env);
	return IV_OK;
}

/* Room for the places of the property's columns in the header: -1 until iv_mapping_bind. */
static IV_MUST_USE enum iv_err unbound_columns(struct loader *l, struct iv_mapping_prop *mp)
{
	if (!mp->ncolumns)
		return IV_OK;
	mp->column_index = iv_arena_alloc(&l->m->arena, sizeof(int) * mp->ncolumns);
	if (!mp->column_index)
		return iv_seterr(l->err, IV_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < mp->ncolumns; i++)
		mp->column_index[i] = -1;
	return IV_OK;
}

static IV_MUST_USE enum iv_err read_property(struct loader *l, struct iv_mapping_entity *e,
                                             struct iv_mapping_prop *mp, const char *name,
                                             yaml_node_t *spec)
{
	enum iv_err rc;

	mp->name = iv_arena_strdup(&l->m->arena, name);
	mp->line = line_of(spec);
	if (!mp->name)
		return iv_seterr(l->err, IV_ERR_NOMEM, "out of memory");
	if (!iv_schema_property(e->schema, name))
		return no_such_property(l, e, name, spec);
	if (spec->type != YAML_MAPPING_NODE)
		return fail(l, spec, name, "expected a mapping with column, literal or entity");
	rc = check_keys(l, spec, prop_keys, name);
	if (!rc)
		rc = read_prop_source(l, mp, name, spec);
	if (!rc)
		rc = read_prop_options(l, mp, name, spec);
	if (!rc)
		rc = unbound_columns(l, mp);
	return rc;
}

static const char *const entity_keys[] = {"schema",    "keys",       "key",      "key_literal",
                                          "id_column", "properties", "handling", NULL};

/* The entity's schema: named, known and not abstract. */
static IV_MUST_USE enum iv_err read_schema(struct loader *l, struct iv_mapping_entity *e,
                                           const char *key, yaml_node_t *spec)
{
	yaml_node_t *n = lookup(l, spec, "schema");

	if (!scalar(n))
		return fail(l, n ? n : spec, key, "schema missing");
	e->schema = iv_schema_get(scalar(n));
	if (!e->schema)
		return fail(l, n, key, "unknown schema");
	if (iv_schema_flags(e->schema) & IV_SCHEMA_ABSTRACT)
		return fail(l, n, key, "abstract schema cannot be mapped");
	return IV_OK;
}

/* What makes the entity's id: its key columns (keys or key) and key_literal, or id_column. */
static IV_MUST_USE enum iv_err read_identity(struct loader *l, struct iv_mapping_entity *e,
                                             const char *key, yaml_node_t *spec)
{
	struct iv_arena *a = &l->m->arena;
	yaml_node_t *n;
	enum iv_err rc;

	if ((n = lookup(l, spec, "keys")) || (n = lookup(l, spec, "key"))) {
		rc = string_list(l, n, key, &e->keys, &e->nkeys);
		if (rc)
			return rc;
		e->key_index = iv_arena_alloc(a, sizeof(int) * (e->nkeys ? e->nkeys : 1));
		if (!e->key_index)
			return iv_seterr(l->err, IV_ERR_NOMEM, "out of memory");
		for (size_t i = 0; i < e->nkeys; i++)
			e->key_index[i] = -1;
	}
	if ((n = lookup(l, spec, "key_literal"))) {
		if (!scalar(n))
			return fail(l, n, key, "key_literal must be a string");
		e->key_literal = iv_arena_strdup(a, scalar(n));
		if (!e->key_literal)
			return iv_seterr(l->err, IV_ERR_NOMEM, "out of memory");
	}
	if ((n = lookup(l, spec, "id_column"))) {
		if (!scalar(n))
			return fail(l, n, key, "id_column must be a string");
		e->id_column = iv_arena_strdup(a, scalar(n));
		if (!e->id_column)
			return iv_seterr(l->err, IV_ERR_NOMEM, "out of memory");
	}
	if (!e->nkeys && !e->id_column)
		return fail(l, spec, key, "needs keys (columns that identify it) or id_column");
	return IV_OK;
}

/* The entity's properties, each read by read_property. */
static IV_MUST_USE enum iv_err read_properties(struct loader *l, struct iv_mapping_entity *e,
                                               const char *key, yaml_node_t *props)
{
	if (props->type != YAML_MAPPING_NODE)
		return fail(l, props, key, "properties must be a mapping");
	e->nprops = (size_t)(props->data.mapping.pairs.top - props->data.mapping.pairs.start);
	e->props = iv_arena_alloc(&l->m->arena, sizeof(*e->props) * (e->nprops ? e->nprops : 1));
	if (!e->props)
		return iv_seterr(l->err, IV_ERR_NOMEM, "out of memory");
	memset(e->props, 0, sizeof(*e->props) * e->nprops);
	for (size_t i = 0; i < e->nprops; i++) {
		yaml_node_pair_t *p = props->data.mapping.pairs.start + i;
		const char *pname = scalar(node(l, p->key));
		enum iv_err rc;

		if (!pname)
			return fail(l, node(l, p->key), key, "property names must be strings");
		rc = read_property(l, e, &e->props[i], pname, node(l, p->value));
		if (rc)
			return rc;
	}
	return IV_OK;
}

static IV_MUST_USE enum iv_err read_entity(struct loader *l, struct iv_mapping_entity *e,
                                           const char *key, yaml_node_t *spec)
{
	yaml_node_t *n, *props;
	enum iv_err rc;

	e->key = iv_arena_strdup(&l->m->arena, key);
	e->line = line_of(spec);
	e->id_index = -1;
	if (!e->key)
		return iv_seterr(l->err, IV_ERR_NOMEM, "out of memory");
	if (spec->type != YAML_MAPPING_NODE)
		return fail(l, spec, key, "an entity must be a mapping with schema and keys");
	rc = check_keys(l, spec, entity_keys, key);
	if (!rc)
		rc = read_schema(l, e, key, spec);
	if (!rc)
		rc = read_identity(l, e, key, spec);
	if (!rc && (n = lookup(l, spec, "handling")))
		rc = read_envelope(l, n, &e->env);
	if (rc)
		return rc;
	props = lookup(l, spec, "properties");
	return props ? read_properties(l, e, key, props) : IV_OK;
}

/* Append the entities of one `entities:` mapping. */
static IV_MUST_USE enum iv_err read_entities(struct loader *l, yaml_node_t *ents)
{
	struct iv_mapping *m = l->m;
	size_t add, total;
	struct iv_mapping_entity *grown;

	if (ents->type != YAML_MAPPING_NODE)
		return fail(l, ents, "entities", "expected a mapping of entity names");
	add = (size_t)(ents->data.mapping.pairs.top - ents->data.mapping.pairs.start);
	total = m->nentities + add;
	grown = iv_arena_alloc(&m->arena, sizeof(*grown) * (total ? total : 1));
	if (!grown)
		return iv_seterr(l->err, IV_ERR_NOMEM, "out of memory");
	if (m->nentities)
		memcpy(grown, m->entities, sizeof(*grown) * m->nentities);
	memset(grown + m->nentities, 0, sizeof(*grown) * add);
	m->entities = grown;
	for (size_t i = 0; i < add; i++) {
		yaml_node_pair_t *p = ents->data.mapping.pairs.start + i;
		const char *key = scalar(node(l, p->key));
		if (!key)
			return fail(l, node(l, p->key), "entities", "names must be strings");
		for (size_t j = 0; j < m->nentities; j++)
			if (!strcmp(m->entities[j].key, key))
				return fail(l, node(l, p->key), key, "entity mapped twice");
		enum iv_err rc = read_entity(l, &m->entities[m->nentities], key, node(l, p->value));
		if (rc)
			return rc;
		m->nentities++;
	}
	return IV_OK;
}

static const char *const top_keys[] = {"entities",  "queries",      "dataset",    "handling",
                                       "delimiter", "phone_region", "date_order", "calendar",
                                       "csv_url",   "csv_urls",     "filters",    "filters_not",
                                       NULL};
static const char *const query_keys[] = {"entities", "handling",    "csv_url", "csv_urls",
                                         "filters",  "filters_not", NULL};

/* The top-level settings that apply to the whole file. */
static IV_MUST_USE enum iv_err read_file_settings(struct loader *l, yaml_node_t *q)
{
	struct iv_arena *a = &l->m->arena;
	yaml_node_t *n;

	if ((n = lookup(l, q, "dataset"))) {
		if (!scalar(n) || !*scalar(n))
			return fail(l, n, "dataset", "must be a non-empty string");
		l->m->dataset = iv_arena_strdup(a, scalar(n));
		if (!l->m->dataset)
			return iv_seterr(l->err, IV_ERR_NOMEM, "out of memory");
	}
	if ((n = lookup(l, q, "delimiter"))) {
		const char *d = scalar(n);
		if (d && !strcmp(d, "\\t"))
			l->m->delimiter = '\t';
		else if (d && strlen(d) == 1 && d[0] != '"' && d[0] != '\n' && d[0] != '\r')
			l->m->delimiter = d[0];
		else
			return fail(l, n, "delimiter", "must be one character (\\t for a tab)");
		l->m->has_delimiter = true;
	}
	if ((n = lookup(l, q, "phone_region"))) {
		const char *r = scalar(n);
		if (!r || strlen(r) != 2)
			return fail(l, n, "phone_region", "must be an ISO 3166 alpha-2 code");
		l->m->norm.phone_region = iv_arena_strdup(a, r);
		if (!l->m->norm.phone_region)
			return iv_seterr(l->err, IV_ERR_NOMEM, "out of memory");
		l->m->has_norm_region = true;
	}
	if ((n = lookup(l, q, "date_order"))) {
		const char *o = scalar(n);
		if (!o || (strcmp(o, "dmy") && strcmp(o, "mdy")))
			return fail(l, n, "date_order", "must be dmy or mdy");
		l->m->norm.date_mdy = !strcmp(o, "mdy");
		l->m->has_norm_order = true;
	}
	if ((n = lookup(l, q, "calendar")) &&
	    !iv_calendar_from_name(scalar(n), &l->m->norm.calendar))
		return fail(l, n, "calendar", "must be gregorian, persian, islamic or ethiopic");
	if ((n = lookup(l, q, "handling")))
		return read_envelope(l, n, &l->m->env);
	return IV_OK;
}

/*
 * One query: its entities, and its own handling, which applies to those
 * entities only (under each entity's own); the top level also holds the
 * file's settings and the handling that applies to every entity.
 */
static IV_MUST_USE enum iv_err read_query(struct loader *l, yaml_node_t *q, bool top)
{
	struct iv_envelope_spec qspec = {0};
	yaml_node_t *n;
	size_t first = l->m->nentities;
	enum iv_err rc;

	if (q->type != YAML_MAPPING_NODE)
		return fail(l, q, "query", "expected a mapping");
	rc = check_keys(l, q, top ? top_keys : query_keys, top ? "mapping" : "query");
	if (rc)
		return rc;
	if ((n = lookup(l, q, "filters")) || (n = lookup(l, q, "filters_not")))
		return fail(l, n, "query", "row filters are not supported; filter the file first");
	if (top) {
		rc = read_file_settings(l, q);
	} else if ((n = lookup(l, q, "handling"))) {
		rc = read_envelope(l, n, &qspec);
	}
	if (rc)
		return rc;
	if ((n = lookup(l, q, "entities"))) {
		rc = read_entities(l, n);
		if (rc)
			return rc;
	}
	for (size_t i = first; i < l->m->nentities; i++) {
		struct iv_envelope_spec merged = qspec;
		iv_envelope_apply(&merged.h, &l->m->entities[i].env);
		merged.set |= l->m->entities[i].env.set;
		l->m->entities[i].env = merged;
	}
	if (top && (n = lookup(l, q, "queries"))) {
		if (n->type != YAML_SEQUENCE_NODE)
			return fail(l, n, "queries", "expected a list");
		for (yaml_node_item_t *it = n->data.sequence.items.start;
		     it < n->data.sequence.items.top; it++) {
			rc = read_query(l, node(l, *it), false);
			if (rc)
				return rc;
		}
	}
	return IV_OK;
}

/*
 * Anchors and aliases make one node appear in several places; a mapping
 * has no use for them, and they allow cycles and exponential expansion,
 * so a node referred to more than once is refused.
 */
static IV_MUST_USE enum iv_err refuse_aliases(struct loader *l)
{
	yaml_document_t *d = l->doc;
	size_t count = (size_t)(d->nodes.top - d->nodes.start);
	unsigned char *refs = iv_calloc(count + 1);
	enum iv_err rc = IV_OK;

	if (!refs)
		return iv_seterr(l->err, IV_ERR_NOMEM, "out of memory");
	refs[1] = 1; /* the root */
	for (size_t i = 0; i < count && !rc; i++) {
		yaml_node_t *n = d->nodes.start + i;
		int ids[2];
		if (n->type == YAML_SEQUENCE_NODE) {
			for (yaml_node_item_t *it = n->data.sequence.items.start;
			     it < n->data.sequence.items.top && !rc; it++)
				if (*it >= 1 && (size_t)*it <= count && refs[*it]++)
					rc = fail(l, node(l, *it), "mapping",
					          "anchors and aliases are not supported");
		} else if (n->type == YAML_MAPPING_NODE) {
			for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
			     p < n->data.mapping.pairs.top && !rc; p++) {
				ids[0] = p->key;
				ids[1] = p->value;
				for (int k = 0; k < 2 && !rc; k++)
					if (ids[k] >= 1 && (size_t)ids[k] <= count &&
					    refs[ids[k]]++)
						rc = fail(l, node(l, ids[k]), "mapping",
						          "anchors and aliases are not supported");
			}
		}
	}
	iv_free(refs);
	return rc;
}

/* Check that entity references name mapped entities. */
static IV_MUST_USE enum iv_err check_refs(struct loader *l)
{
	struct iv_mapping *m = l->m;

	if (m->nentities == 0)
		return iv_seterr(l->err, IV_ERR_INVALID, "%s: the mapping maps no entities",
		                 m->name);
	for (size_t i = 0; i < m->nentities; i++) {
		for (size_t j = 0; j < m->entities[i].nprops; j++) {
			struct iv_mapping_prop *mp = &m->entities[i].props[j];
			const struct iv_property *p;
			bool found = false;

			p = iv_schema_property(m->entities[i].schema, mp->name);
			if (mp->kind == IV_MV_ENTITY) {
				for (size_t k = 0; k < m->nentities; k++)
					found |= !strcmp(m->entities[k].key, mp->entity);
				if (!found)
					return iv_seterr(l->err, IV_ERR_INVALID,
					                 "%s:%u: %s.%s: entity '%s' is not mapped",
					                 m->name, mp->line, m->entities[i].key,
					                 mp->name, mp->entity);
				if (p->type != IV_TYPE_ENTITY)
					return iv_seterr(l->err, IV_ERR_INVALID,
					                 "%s:%u: %s.%s is not an entity property",
					                 m->name, mp->line, m->entities[i].key,
					                 mp->name);
			}
		}
	}
	return IV_OK;
}

/* A mapping named name, empty but for ',' as its delimiter. */
static IV_MUST_USE enum iv_err new_mapping(const char *name, struct iv_mapping **out,
                                           struct iv_buf *err)
{
	struct iv_mapping *m = iv_calloc(sizeof(*m));

	if (!m)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	m->delimiter = ',';
	m->name = iv_arena_strdup(&m->arena, name);
	if (!m->name) {
		iv_mapping_free(m);
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	}
	*out = m;
	return IV_OK;
}

/*
 * Aleph's wrapper: one key (the dataset) holding {queries: [...]}.  When
 * *root is one, the dataset is its key and *root becomes the mapping
 * under it.
 */
static IV_MUST_USE enum iv_err unwrap_dataset(struct loader *l, yaml_node_t **root)
{
	yaml_node_pair_t *p = (*root)->data.mapping.pairs.start;
	yaml_node_t *inner;

	if (lookup(l, *root, "entities") || lookup(l, *root, "queries") ||
	    (*root)->data.mapping.pairs.top - p != 1)
		return IV_OK;
	inner = node(l, p->value);
	if (!scalar(node(l, p->key)) || !inner || inner->type != YAML_MAPPING_NODE)
		return IV_OK;
	l->m->dataset = iv_arena_strdup(&l->m->arena, scalar(node(l, p->key)));
	if (!l->m->dataset)
		return iv_seterr(l->err, IV_ERR_NOMEM, "out of memory");
	*root = inner;
	return IV_OK;
}

/* The mapping in the loaded document: a mapping at the top, no aliases, its entities. */
static IV_MUST_USE enum iv_err read_document(struct loader *l)
{
	yaml_node_t *root = yaml_document_get_root_node(l->doc);
	enum iv_err rc;

	if (!root)
		return iv_seterr(l->err, IV_ERR_INVALID, "%s: the mapping is empty", l->m->name);
	if (root->type != YAML_MAPPING_NODE)
		return fail(l, root, "mapping", "the top level must be a mapping");
	rc = unwrap_dataset(l, &root);
	if (!rc)
		rc = refuse_aliases(l);
	if (!rc)
		rc = read_query(l, root, true);
	if (!rc)
		rc = check_refs(l);
	return rc;
}

enum iv_err iv_mapping_parse(const char *name, const char *yaml, size_t len,
                             struct iv_mapping **out, struct iv_buf *err)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	struct iv_mapping *m = NULL;
	struct loader l;
	enum iv_err rc;

	*out = NULL;
	if (!iv_utf8_valid(yaml, len, NULL))
		return iv_seterr(err, IV_ERR_INVALID, "%s: the mapping is not valid UTF-8", name);
	rc = new_mapping(name, &m, err);
	if (rc)
		return rc;
	l.m = m;
	l.doc = &doc;
	l.err = err;
	if (!yaml_parser_initialize(&parser)) {
		iv_mapping_free(m);
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
	if (!yaml_parser_load(&parser, &doc)) {
		rc = iv_seterr(err, IV_ERR_INVALID, "%s:%zu:%zu: malformed YAML: %s", name,
		               parser.problem_mark.line + 1, parser.problem_mark.column + 1,
		               parser.problem ? parser.problem : "parse error");
		goto out;
	}
	rc = read_document(&l);
	yaml_document_delete(&doc);
out:
	yaml_parser_delete(&parser);
	if (rc)
		iv_mapping_free(m);
	else
		*out = m;
	return rc;
}

enum iv_err iv_mapping_load(const char *path, struct iv_mapping **out, struct iv_buf *err)
{
	struct iv_buf text = IV_BUF_INIT;
	char chunk[65536];
	FILE *fp;
	size_t n;
	enum iv_err rc = IV_OK;

	*out = NULL;
	iv_buf_init(&text, MAPPING_MAX_BYTES);
	fp = fopen(path, "rb");
	if (!fp) {
		int e = errno;
		return iv_seterr(err, e == ENOENT ? IV_ERR_NOTFOUND : IV_ERR_IO, "%s: %s", path,
		                 strerror(e));
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		rc = iv_buf_add(&text, chunk, n);
		if (rc == IV_ERR_TOOBIG)
			rc = iv_seterr(err, rc, "%s: mapping larger than %u bytes", path,
			               MAPPING_MAX_BYTES);
		else if (rc)
			rc = iv_seterr(err, IV_ERR_NOMEM, "%s: out of memory", path);
		if (rc)
			goto out;
	}
	if (ferror(fp)) {
		rc = iv_seterr(err, IV_ERR_IO, "%s: read failed", path);
		goto out;
	}
	rc = iv_mapping_parse(path, text.buf, text.len, out, err);
out:
	fclose(fp);
	iv_buf_release(&text);
	return rc;
}

void iv_mapping_free(struct iv_mapping *m)
{
	if (!m)
		return;
	iv_arena_release(&m->arena);
	iv_free(m);
}

static int find_column(const char *const *header, size_t ncols, const char *name)
{
	for (size_t i = 0; i < ncols; i++)
		if (!strcmp(header[i], name))
			return (int)i;
	return -1;
}

static IV_MUST_USE enum iv_err missing_column(struct iv_mapping *m, unsigned line,
                                              const char *where, const char *col,
                                              const char *const *header, size_t ncols,
                                              struct iv_buf *err)
{
	struct iv_buf cols = IV_BUF_INIT;
	enum iv_err rc = IV_OK;

	for (size_t i = 0; i < ncols && cols.len < 400 && !rc; i++)
		rc = iv_buf_addf(&cols, "%s%s", i ? ", " : "", header[i]);
	/* no memory to list the columns: say so rather than list none */
	if (rc == IV_ERR_NOMEM)
		rc = iv_seterr(err, rc, "%s:%u: %s: out of memory", m->name, line, where);
	else
		rc = iv_seterr(err, IV_ERR_INVALID,
		               "%s:%u: %s: column '%s' is not in the file (columns: %s)", m->name,
		               line, where, col, cols.buf);
	iv_buf_release(&cols);
	return rc;
}

enum iv_err iv_mapping_bind(struct iv_mapping *m, const char *const *header, size_t ncols,
                            struct iv_buf *err)
{
	for (size_t i = 0; i < m->nentities; i++) {
		struct iv_mapping_entity *e = &m->entities[i];
		for (size_t k = 0; k < e->nkeys; k++) {
			e->key_index[k] = find_column(header, ncols, e->keys[k]);
			if (e->key_index[k] < 0)
				return missing_column(m, e->line, e->key, e->keys[k], header, ncols,
				                      err);
		}
		if (e->id_column) {
			e->id_index = find_column(header, ncols, e->id_column);
			if (e->id_index < 0)
				return missing_column(m, e->line, e->key, e->id_column, header,
				                      ncols, err);
		}
		for (size_t j = 0; j < e->nprops; j++) {
			struct iv_mapping_prop *mp = &e->props[j];
			for (size_t c = 0; c < mp->ncolumns; c++) {
				mp->column_index[c] = find_column(header, ncols, mp->columns[c]);
				if (mp->column_index[c] < 0)
					return missing_column(m, mp->line, mp->name, mp->columns[c],
					                      header, ncols, err);
			}
		}
	}
	return IV_OK;
}
