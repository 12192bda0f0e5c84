/*
 * registry.c - the schema registry, compiled from schemata.def.
 *
 * schemata.def is included four times: to number the schemata (an enum),
 * for the table of schema definitions, for the property definitions, and
 * for each property's declaring schema as an enum constant, so that a
 * property of an undefined schema does not compile.
 *
 * The first lookup builds the registry under pthread_once: check.c
 * verifies the tables and resolves the inheritance, and this file lays
 * the result out in static arrays with two open-addressing hash tables
 * (schema name -> schema; declaring schema + property name -> property).
 * Nothing is allocated, on purpose: a build that failed on an injected
 * allocation failure could never be retried under pthread_once, and
 * everything here must live for the whole program anyway.
 *
 * A property lookup walks the schema's ancestry chain (at most a handful
 * of schemata) probing the property table for each, so no per-schema
 * table of inherited properties is needed.
 */
#include <pthread.h>
#include <string.h>

#include "schema/schema_int.h"

/* ---- the compiled-in tables --------------------------------------------- */

enum {
#define IV_SCHEMA(name, parents, flags, label, source, target) SCHEMA_IDX_##name,
#define IV_PROP(schema, name, type, label, range, matchable)
#include "schema/schemata.def"
#undef IV_SCHEMA
#undef IV_PROP
	N_SCHEMATA
};

static const struct iv_schema_def schema_defs[] = {
#define IV_SCHEMA(name, parents, flags, label, source, target)                                     \
	{#name, parents, flags, label, source, target},
#define IV_PROP(schema, name, type, label, range, matchable)
#include "schema/schemata.def"
#undef IV_SCHEMA
#undef IV_PROP
};

static const struct iv_prop_def prop_defs[] = {
#define IV_SCHEMA(name, parents, flags, label, source, target)
#define IV_PROP(schema, name, type, label, range, matchable)                                       \
	{#schema, #name, IV_TYPE_##type, label, range, matchable},
#include "schema/schemata.def"
#undef IV_SCHEMA
#undef IV_PROP
};

/* the declaring schema of each property; an undefined schema is a compile error */
static const uint16_t prop_owner[] = {
#define IV_SCHEMA(name, parents, flags, label, source, target)
#define IV_PROP(schema, name, type, label, range, matchable) SCHEMA_IDX_##schema,
#include "schema/schemata.def"
#undef IV_SCHEMA
#undef IV_PROP
};

#define N_PROPS          (sizeof(prop_defs) / sizeof(prop_defs[0]))
#define SCHEMA_TABLE_CAP 512u  /* power of two, at least twice N_SCHEMATA */
#define PROP_TABLE_CAP   8192u /* power of two, at least twice N_PROPS */

_Static_assert(N_SCHEMATA <= IV_SCHEMA_MAX, "too many schemata for the registry");
_Static_assert(N_SCHEMATA * 2 <= SCHEMA_TABLE_CAP, "grow SCHEMA_TABLE_CAP");
_Static_assert(N_PROPS <= IV_SCHEMA_MAX_PROPS, "too many properties for the registry");
_Static_assert(N_PROPS * 2 <= PROP_TABLE_CAP, "grow PROP_TABLE_CAP");

/* ---- the built registry -------------------------------------------------- */

struct iv_schema {
	const char *name;
	const char *label;
	const char *edge_source;
	const char *edge_target;
	unsigned flags;
	uint16_t index;
	uint16_t n_chain; /* ancestors, roots first, then the schema itself */
	uint16_t chain[IV_SCHEMA_MAX_CHAIN];
	uint16_t own_start; /* its own properties: by_owner[own_start .. +own_count) */
	uint16_t own_count;
};

static struct iv_schema schemata[N_SCHEMATA];
static struct iv_property properties[N_PROPS];
static uint16_t by_owner[N_PROPS];
static uint16_t schema_table[SCHEMA_TABLE_CAP]; /* schema index + 1; 0 = empty */
static uint16_t prop_table[PROP_TABLE_CAP];     /* property index + 1; 0 = empty */
static struct iv_schema_links links;
static enum iv_err registry_rc = IV_ERR_INTERNAL;
static pthread_once_t registry_once = PTHREAD_ONCE_INIT;

static size_t schema_slot(const char *name)
{
	return (size_t)iv_hash64(name, strlen(name)) & (SCHEMA_TABLE_CAP - 1);
}

static size_t prop_slot(uint16_t owner, const char *name)
{
	uint64_t h =
	        iv_hash64(name, strlen(name)) ^ ((uint64_t)(owner + 1) * 0x9e3779b97f4a7c15ULL);

	return (size_t)(h ^ (h >> 29)) & (PROP_TABLE_CAP - 1);
}

static void build_schemata(void)
{
	for (uint16_t i = 0; i < N_SCHEMATA; i++) {
		struct iv_schema *s = &schemata[i];
		const struct iv_schema_def *d = &schema_defs[i];
		size_t slot = schema_slot(d->name);

		s->name = d->name;
		s->label = d->label;
		s->edge_source = d->edge_source;
		s->edge_target = d->edge_target;
		s->flags = d->flags;
		s->index = i;
		s->n_chain = links.n_chain[i];
		memcpy(s->chain, links.chain[i], s->n_chain * sizeof(s->chain[0]));
		while (schema_table[slot])
			slot = (slot + 1) & (SCHEMA_TABLE_CAP - 1);
		schema_table[slot] = (uint16_t)(i + 1);
	}
}

static void build_properties(void)
{
	uint16_t fill[N_SCHEMATA] = {0};
	uint16_t start = 0;

	for (uint16_t i = 0; i < N_PROPS; i++)
		schemata[prop_owner[i]].own_count++;
	for (uint16_t s = 0; s < N_SCHEMATA; s++) {
		schemata[s].own_start = start;
		start = (uint16_t)(start + schemata[s].own_count);
	}
	for (uint16_t i = 0; i < N_PROPS; i++) {
		const struct iv_prop_def *d = &prop_defs[i];
		struct iv_schema *owner = &schemata[prop_owner[i]];
		size_t slot = prop_slot(prop_owner[i], d->name);

		properties[i].name = d->name;
		properties[i].label = d->label;
		properties[i].type = d->type;
		properties[i].owner = owner;
		properties[i].range = d->range;
		properties[i].matchable = d->matchable;
		by_owner[owner->own_start + fill[owner->index]++] = i;
		while (prop_table[slot])
			slot = (slot + 1) & (PROP_TABLE_CAP - 1);
		prop_table[slot] = (uint16_t)(i + 1);
	}
}

static void registry_build(void)
{
	if (iv_schema_check_defs(schema_defs, N_SCHEMATA, prop_defs, N_PROPS, &links, NULL)) {
		registry_rc = IV_ERR_INVALID;
		return;
	}
	build_schemata();
	build_properties();
	registry_rc = IV_OK;
}

/* True when the registry is usable (building it on first use). */
static bool registry_ready(void)
{
	if (pthread_once(&registry_once, registry_build) != 0)
		return false;
	return registry_rc == IV_OK;
}

enum iv_err iv_schema_registry_status(struct iv_buf *err)
{
	if (registry_ready())
		return IV_OK;
	if (registry_rc == IV_ERR_INVALID)
		return iv_schema_check_defs(schema_defs, N_SCHEMATA, prop_defs, N_PROPS, NULL, err);
	return iv_seterr(err, IV_ERR_INTERNAL, "schemata: registry could not be built");
}

size_t iv_schema_count(void)
{
	return N_SCHEMATA;
}

size_t iv_schema_prop_def_count(void)
{
	return N_PROPS;
}

/* ---- lookups ------------------------------------------------------------- */

const struct iv_schema *iv_schema_get(const char *name)
{
	size_t slot;

	if (!name || !registry_ready())
		return NULL;
	for (slot = schema_slot(name); schema_table[slot];
	     slot = (slot + 1) & (SCHEMA_TABLE_CAP - 1)) {
		const struct iv_schema *s = &schemata[schema_table[slot] - 1];

		if (strcmp(s->name, name) == 0)
			return s;
	}
	return NULL;
}

const struct iv_schema *iv_schema_at(size_t i)
{
	if (i >= N_SCHEMATA || !registry_ready())
		return NULL;
	return &schemata[i];
}

const char *iv_schema_name(const struct iv_schema *s)
{
	return s ? s->name : NULL;
}

const char *iv_schema_label(const struct iv_schema *s)
{
	return s ? s->label : NULL;
}

unsigned iv_schema_flags(const struct iv_schema *s)
{
	return s ? s->flags : 0;
}

const char *iv_schema_edge_source(const struct iv_schema *s)
{
	return s ? s->edge_source : NULL;
}

const char *iv_schema_edge_target(const struct iv_schema *s)
{
	return s ? s->edge_target : NULL;
}

/* True when schema `ancestor` is in the chain of s (s itself included). */
static bool descends(const struct iv_schema *s, const struct iv_schema *ancestor)
{
	for (uint16_t i = 0; i < s->n_chain; i++) {
		if (s->chain[i] == ancestor->index)
			return true;
	}
	return false;
}

bool iv_schema_is_a(const struct iv_schema *s, const char *ancestor)
{
	const struct iv_schema *a = iv_schema_get(ancestor);

	return s && a && descends(s, a);
}

const struct iv_schema *iv_schema_common(const struct iv_schema *a, const struct iv_schema *b)
{
	if (!a || !b)
		return NULL;
	if (descends(a, b))
		return a;
	if (descends(b, a))
		return b;
	return NULL;
}

const struct iv_property *iv_schema_property(const struct iv_schema *s, const char *name)
{
	if (!s || !name)
		return NULL;
	/* nearest first; names are unique along a chain, so order only saves probes */
	for (uint16_t c = s->n_chain; c-- > 0;) {
		uint16_t owner = s->chain[c];

		for (size_t slot = prop_slot(owner, name); prop_table[slot];
		     slot = (slot + 1) & (PROP_TABLE_CAP - 1)) {
			const struct iv_property *p = &properties[prop_table[slot] - 1];

			if (p->owner == &schemata[owner] && strcmp(p->name, name) == 0)
				return p;
		}
	}
	return NULL;
}

const struct iv_property *iv_schema_property_at(const struct iv_schema *s, size_t i)
{
	if (!s)
		return NULL;
	for (uint16_t c = 0; c < s->n_chain; c++) {
		const struct iv_schema *a = &schemata[s->chain[c]];

		if (i < a->own_count)
			return &properties[by_owner[a->own_start + i]];
		i -= a->own_count;
	}
	return NULL;
}
