/*
 * check.c - consistency check of a schema table before the registry is
 * built from it.
 *
 * schemata.def is hand-written, so everything a typo can break is checked
 * here once, when the registry is first built: unknown parents or ranges,
 * inheritance cycles, a property redeclared along an ancestry, edges
 * whose ends are not entity properties.  The check also resolves the
 * parent names into indices and linearises each schema's ancestry (roots
 * first), which the registry reuses.  It works on the tables passed in,
 * so unit tests can hand it deliberately broken ones, and it allocates
 * nothing but the error text: the registry is built under pthread_once
 * and must not depend on the allocation hook.
 */
#include <string.h>

#include "schema/schema_int.h"

static IV_MUST_USE enum iv_err fail(struct iv_buf *err, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

static IV_MUST_USE enum iv_err fail(struct iv_buf *err, const char *fmt, ...)
{
	struct iv_buf msg = IV_BUF_INIT;
	va_list ap;

	if (!err)
		return IV_ERR_INVALID;
	va_start(ap, fmt);
	if (iv_buf_vaddf(&msg, fmt, ap) == IV_OK)
		iv_buf_setf(err, "schemata: %s", msg.buf);
	else
		iv_buf_setf(err, "schemata: invalid table");
	va_end(ap);
	iv_buf_release(&msg);
	return IV_ERR_INVALID;
}

static bool is_identifier(const char *s, size_t n)
{
	if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return false;
	for (size_t i = 1; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			return false;
	}
	return true;
}

/* Index of the schema named s[0..n), or -1. */
static long find_schema(const struct iv_schema_def *defs, size_t n_defs, const char *s, size_t n)
{
	for (size_t i = 0; i < n_defs; i++) {
		if (strlen(defs[i].name) == n && memcmp(defs[i].name, s, n) == 0)
			return (long)i;
	}
	return -1;
}

static bool chain_has(const struct iv_schema_links *l, size_t s, uint16_t which)
{
	for (size_t i = 0; i < l->n_chain[s]; i++) {
		if (l->chain[s][i] == which)
			return true;
	}
	return false;
}

/* Split the parents string of schema i and resolve each name. */
static IV_MUST_USE enum iv_err resolve_parents(const struct iv_schema_def *defs, size_t n_defs,
                                               size_t i, struct iv_schema_links *l,
                                               struct iv_buf *err)
{
	const char *p = defs[i].parents ? defs[i].parents : "";

	l->n_parents[i] = 0;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		long parent = find_schema(defs, n_defs, p, n);

		if (parent < 0)
			return fail(err, "%s: unknown parent '%.*s'", defs[i].name, (int)n, p);
		if ((size_t)parent == i)
			return fail(err, "%s: inherits from itself", defs[i].name);
		for (size_t k = 0; k < l->n_parents[i]; k++) {
			if (l->parents[i][k] == (uint16_t)parent)
				return fail(err, "%s: parent '%.*s' listed twice", defs[i].name,
				            (int)n, p);
		}
		if (l->n_parents[i] == IV_SCHEMA_MAX_PARENTS)
			return fail(err, "%s: more than %d parents", defs[i].name,
			            IV_SCHEMA_MAX_PARENTS);
		l->parents[i][l->n_parents[i]++] = (uint16_t)parent;
		p += n;
		if (*p == ',')
			p++;
	}
	return IV_OK;
}

/*
 * All proper ancestors of schema i, breadth first, into l->chain[i];
 * fails on a cycle through i or an ancestry past the limit.
 */
static IV_MUST_USE enum iv_err collect_ancestors(const struct iv_schema_def *defs, size_t i,
                                                 struct iv_schema_links *l, struct iv_buf *err)
{
	uint16_t n = 0;

	for (uint16_t k = 0; k < l->n_parents[i]; k++)
		l->chain[i][n++] = l->parents[i][k];
	for (uint16_t at = 0; at < n; at++) {
		uint16_t a = l->chain[i][at];

		for (uint16_t k = 0; k < l->n_parents[a]; k++) {
			uint16_t p = l->parents[a][k];
			bool seen = false;

			if (p == i)
				return fail(err, "%s: inheritance cycle", defs[i].name);
			for (uint16_t j = 0; j < n; j++)
				seen = seen || l->chain[i][j] == p;
			if (seen)
				continue;
			if (n + 1 >= IV_SCHEMA_MAX_CHAIN)
				return fail(err, "%s: more than %d ancestors", defs[i].name,
				            IV_SCHEMA_MAX_CHAIN - 1);
			l->chain[i][n++] = p;
		}
	}
	l->n_chain[i] = n;
	return IV_OK;
}

/* Depth-first post-order from schema s: every ancestor before its children. */
static void linearise(const struct iv_schema_links *l, uint16_t s, uint16_t *out, uint16_t *n)
{
	/* a schema already placed has all its ancestors placed before it */
	for (uint16_t j = 0; j < *n; j++) {
		if (out[j] == s)
			return;
	}
	for (uint16_t k = 0; k < l->n_parents[s]; k++)
		linearise(l, l->parents[s][k], out, n);
	out[(*n)++] = s;
}

static IV_MUST_USE enum iv_err check_schemata(const struct iv_schema_def *defs, size_t n_defs,
                                              struct iv_schema_links *l, struct iv_buf *err)
{
	const unsigned known = IV_SCHEMA_ABSTRACT | IV_SCHEMA_EDGE | IV_SCHEMA_OIC;
	enum iv_err rc;

	if (n_defs == 0 || n_defs > IV_SCHEMA_MAX)
		return fail(err, "%zu schemata (1..%d allowed)", n_defs, IV_SCHEMA_MAX);
	for (size_t i = 0; i < n_defs; i++) {
		const struct iv_schema_def *d = &defs[i];

		if (!d->name || !is_identifier(d->name, strlen(d->name)))
			return fail(err, "schema %zu: bad name", i);
		if (find_schema(defs, i, d->name, strlen(d->name)) >= 0)
			return fail(err, "%s: defined twice", d->name);
		if (!d->label || !d->label[0])
			return fail(err, "%s: no label", d->name);
		if (d->flags & ~known)
			return fail(err, "%s: unknown flags %#x", d->name, d->flags & ~known);
		if (!(d->flags & IV_SCHEMA_EDGE) && (d->edge_source || d->edge_target))
			return fail(err, "%s: edge ends on a schema that is not an edge", d->name);
		if ((d->flags & IV_SCHEMA_EDGE) && (!d->edge_source || !d->edge_target))
			return fail(err, "%s: edge without source and target", d->name);
	}
	for (size_t i = 0; i < n_defs; i++) {
		rc = resolve_parents(defs, n_defs, i, l, err);
		if (rc)
			return rc;
	}
	for (size_t i = 0; i < n_defs; i++) {
		rc = collect_ancestors(defs, i, l, err);
		if (rc)
			return rc;
	}
	/* acyclic now: replace each breadth-first set with its linear order */
	for (size_t i = 0; i < n_defs; i++) {
		uint16_t order[IV_SCHEMA_MAX_CHAIN];
		uint16_t n = 0;

		linearise(l, (uint16_t)i, order, &n);
		memcpy(l->chain[i], order, n * sizeof(order[0]));
		l->n_chain[i] = n;
	}
	return IV_OK;
}

static IV_MUST_USE enum iv_err check_props(const struct iv_schema_def *defs, size_t n_defs,
                                           const struct iv_prop_def *props, size_t n_props,
                                           const struct iv_schema_links *l, uint16_t *owners,
                                           struct iv_buf *err)
{
	for (size_t i = 0; i < n_props; i++) {
		const struct iv_prop_def *p = &props[i];
		long owner;

		if (!p->schema ||
		    (owner = find_schema(defs, n_defs, p->schema, strlen(p->schema))) < 0)
			return fail(err, "property %zu: unknown schema '%s'", i,
			            p->schema ? p->schema : "(null)");
		owners[i] = (uint16_t)owner;
		if (!p->name || !is_identifier(p->name, strlen(p->name)))
			return fail(err, "%s: property %zu has a bad name", p->schema, i);
		if (!p->label || !p->label[0])
			return fail(err, "%s:%s: no label", p->schema, p->name);
		if ((unsigned)p->type >= IV_TYPE__COUNT)
			return fail(err, "%s:%s: unknown type", p->schema, p->name);
		if (p->type == IV_TYPE_ENTITY && !p->range)
			return fail(err, "%s:%s: entity property without a range", p->schema,
			            p->name);
		if (p->type != IV_TYPE_ENTITY && p->range)
			return fail(err, "%s:%s: range on a property that is not an entity",
			            p->schema, p->name);
		if (p->range && find_schema(defs, n_defs, p->range, strlen(p->range)) < 0)
			return fail(err, "%s:%s: unknown range '%s'", p->schema, p->name, p->range);
	}
	/* a name may appear once along the ancestry of every schema */
	for (size_t i = 0; i < n_props; i++) {
		for (size_t j = i + 1; j < n_props; j++) {
			if (strcmp(props[i].name, props[j].name) != 0)
				continue;
			for (size_t s = 0; s < n_defs; s++) {
				if (chain_has(l, s, owners[i]) && chain_has(l, s, owners[j]))
					return fail(err,
					            "%s: property '%s' declared twice along "
					            "its ancestry (%s, %s)",
					            defs[s].name, props[i].name, props[i].schema,
					            props[j].schema);
			}
		}
	}
	return IV_OK;
}

/* The edge end `name` must be an entity property somewhere in the chain of s. */
static IV_MUST_USE enum iv_err check_edge_end(const struct iv_schema_def *defs, size_t s,
                                              const struct iv_prop_def *props, size_t n_props,
                                              const struct iv_schema_links *l,
                                              const uint16_t *owners, const char *name,
                                              struct iv_buf *err)
{
	for (size_t i = 0; i < n_props; i++) {
		if (strcmp(props[i].name, name) != 0 || !chain_has(l, s, owners[i]))
			continue;
		if (props[i].type != IV_TYPE_ENTITY)
			return fail(err, "%s: edge end '%s' is not an entity property",
			            defs[s].name, name);
		return IV_OK;
	}
	return fail(err, "%s: edge end '%s' is not a property of the schema", defs[s].name, name);
}

enum iv_err iv_schema_check_defs(const struct iv_schema_def *schemata, size_t n_schemata,
                                 const struct iv_prop_def *props, size_t n_props,
                                 struct iv_schema_links *links, struct iv_buf *err)
{
	struct iv_schema_links scratch = {0};
	struct iv_schema_links *l = links ? links : &scratch;
	uint16_t owners[IV_SCHEMA_MAX_PROPS];
	enum iv_err rc;

	if (n_props > IV_SCHEMA_MAX_PROPS)
		return fail(err, "%zu properties (at most %d allowed)", n_props,
		            IV_SCHEMA_MAX_PROPS);
	rc = check_schemata(schemata, n_schemata, l, err);
	if (rc)
		return rc;
	rc = check_props(schemata, n_schemata, props, n_props, l, owners, err);
	if (rc)
		return rc;
	for (size_t s = 0; s < n_schemata; s++) {
		if (!(schemata[s].flags & IV_SCHEMA_EDGE))
			continue;
		rc = check_edge_end(schemata, s, props, n_props, l, owners, schemata[s].edge_source,
		                    err);
		if (rc)
			return rc;
		rc = check_edge_end(schemata, s, props, n_props, l, owners, schemata[s].edge_target,
		                    err);
		if (rc)
			return rc;
	}
	return IV_OK;
}
