/*
 * sqlite_write.c - putting statements into the SQLite store.
 *
 * A put resolves everything a statement refers to into integers it can
 * keep in memory (the entity, the dataset, the envelope), mostly from the
 * handle's caches, copies the strings into the batch arena and appends
 * the statement to the batch.  The batch is written when it is full and
 * at commit: sorted by row key, so one INSERT walks the key index in
 * order instead of jumping about, which is what makes random 63-bit keys
 * affordable (docs/data-model.md has the figures).  Each statement's row
 * id is its place in put order after the largest id so far, so that a
 * record's statements (put together) lie side by side in the table, as
 * they are read: an entity's page reads one or two table pages, not one
 * per statement; search's index is written in that order after the rows.
 *
 * Row keys: a statement's row id is the 63-bit prefix of its BLAKE2b-128
 * id.  When that row is taken by a statement with a different hash (two
 * ids that share 63 bits: odds of about n^2 / 2^64 that it happens at all
 * among n statements, 5 in a million at ten million), the statement goes
 * to the next free key up (open addressing with linear probing;
 * statements are never deleted, so a lookup walks from the key until it
 * meets the hash or a free key).
 */
#include <stdio.h>
#include <string.h>

#include "store/sqlite_int.h"

#include "iv/util.h"

/* ---- registry lookups ------------------------------------------------------ */

static IV_MUST_USE enum iv_err prop_lookup(struct iv_sqlite *s, const char *schema,
                                           const char *prop, const struct sqlite_prop **out,
                                           struct iv_buf *err)
{
	struct sqlite_prop *info;
	enum iv_err rc;

	iv_buf_reset(&s->propkey);
	rc = iv_buf_adds(&s->propkey, schema);
	if (!rc)
		rc = iv_buf_addch(&s->propkey, '\x1f');
	if (!rc)
		rc = iv_buf_adds(&s->propkey, prop);
	if (rc)
		return iv_seterr(err, rc, "out of memory");
	info = iv_map_getn(&s->props, s->propkey.buf, s->propkey.len);
	if (info) {
		*out = info;
		return IV_OK;
	}

	const struct iv_schema *sch = iv_schema_get(schema);
	if (!sch)
		return iv_seterr(err, IV_ERR_INVALID, "unknown schema '%s'", schema);
	/* a flood of made-up property names must not grow this without bound */
	if (s->props.len >= 4096) {
		iv_map_release(&s->props);
		iv_arena_release(&s->prop_arena);
	}
	info = iv_arena_alloc(&s->prop_arena, sizeof(*info));
	if (!info)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	info->schema = sch;
	info->prop = iv_schema_property(sch, prop);
	/* an entity's own names (matchable: name, alias, firstName ...) rank
	 * above names it merely mentions (a debrief's namesAsSpoken) and text */
	info->fts = !info->prop                                                 ? SQLITE_FTS_NONE
	            : info->prop->type == IV_TYPE_NAME && info->prop->matchable ? SQLITE_FTS_NAME
	            : info->prop->type == IV_TYPE_NAME                          ? SQLITE_FTS_TEXT
	            : info->prop->type == IV_TYPE_ADDRESS || info->prop->type == IV_TYPE_TEXT
	                    ? SQLITE_FTS_TEXT
	                    : SQLITE_FTS_NONE;
	if (iv_map_putn(&s->props, s->propkey.buf, s->propkey.len, info))
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	*out = info;
	return IV_OK;
}

/* ---- entities ------------------------------------------------------------- */

/*
 * Remember an entity.  A full cache is dropped and refilled, but only by
 * writers: a reader may be inside an iteration callback whose statement
 * borrows envelope strings from the cache, so it gets a scratch copy.
 */
static IV_MUST_USE enum iv_err entity_cache(struct iv_sqlite *s, bool writing, const char *eid,
                                            int64_t id, const struct iv_schema *schema,
                                            const struct sqlite_entity **out, struct iv_buf *err)
{
	struct sqlite_entity *e;

	if (s->entities.len >= SQLITE_ENTITY_CACHE_MAX) {
		if (!writing) {
			s->scratch_entity.id = id;
			s->scratch_entity.schema = schema;
			*out = &s->scratch_entity;
			return IV_OK;
		}
		sqlite_caches_drop(s);
	}
	e = iv_arena_alloc(&s->cache_arena, sizeof(*e));
	if (!e || iv_map_put(&s->entities, eid, e))
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	e->id = id;
	e->schema = schema;
	*out = e;
	return IV_OK;
}

/* The interned entity for eid, from the cache or the table; *out NULL when absent. */
enum iv_err sqlite_entity_lookup(struct iv_sqlite *s, bool writing, const char *eid,
                                 const struct sqlite_entity **out, struct iv_buf *err)
{
	sqlite3_stmt *stmt;
	const struct iv_schema *schema;
	const char *name;
	int64_t id;
	enum iv_err rc;
	int src;

	*out = iv_map_get(&s->entities, eid);
	if (*out)
		return IV_OK;
	rc = sqlite_stmt(s, SQL_ENTITY_BY_EID, &stmt, err);
	if (rc)
		return rc;
	sqlite_text(stmt, 1, eid);
	src = sqlite3_step(stmt);
	if (src == SQLITE_DONE)
		goto out;
	if (src != SQLITE_ROW) {
		rc = sqlite_fail(s, err, "looking an entity up");
		goto out;
	}
	id = sqlite3_column_int64(stmt, 0);
	name = (const char *)sqlite3_column_text(stmt, 1);
	schema = name ? iv_schema_get(name) : NULL;
	if (!schema) {
		rc = iv_seterr(err, IV_ERR_INVALID,
		               "entity '%s' is recorded with unknown schema '%s'", eid,
		               name ? name : "");
		goto out;
	}
	rc = entity_cache(s, writing, eid, id, schema, out, err);
out:
	sqlite_stmt_done(s, stmt);
	return rc;
}

static IV_MUST_USE enum iv_err entity_insert(struct iv_sqlite *s, const char *eid,
                                             const struct iv_schema *schema,
                                             const struct sqlite_entity **out, struct iv_buf *err)
{
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_stmt(s, SQL_ENTITY_INSERT, &stmt, err);

	if (rc)
		return rc;
	sqlite_text(stmt, 1, eid);
	sqlite_text(stmt, 2, iv_schema_name(schema));
	if (sqlite3_step(stmt) != SQLITE_DONE)
		rc = sqlite_fail(s, err, "adding an entity");
	sqlite_stmt_done(s, stmt);
	if (rc)
		return rc;
	s->base.counts.entities_added++;
	return entity_cache(s, true, eid, sqlite3_last_insert_rowid(s->db), schema, out, err);
}

/* Make the entity's recorded schema one that `schema` agrees with, or fail. */
static IV_MUST_USE enum iv_err entity_reconcile(struct iv_sqlite *s, const char *eid,
                                                const struct sqlite_entity *e,
                                                const struct iv_schema *schema, struct iv_buf *err)
{
	const struct iv_schema *common;
	sqlite3_stmt *stmt;
	enum iv_err rc;

	if (e->schema == schema)
		return IV_OK;
	common = iv_schema_common(e->schema, schema);
	if (!common)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "entity '%s' is a %s, so it cannot also be a %s", eid,
		                 iv_schema_name(e->schema), iv_schema_name(schema));
	if (common == e->schema)
		return IV_OK;
	rc = sqlite_stmt(s, SQL_ENTITY_SET_SCHEMA, &stmt, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, e->id);
	sqlite_text(stmt, 2, iv_schema_name(common));
	if (sqlite3_step(stmt) != SQLITE_DONE)
		rc = sqlite_fail(s, err, "changing an entity's schema");
	sqlite_stmt_done(s, stmt);
	if (!rc)
		((struct sqlite_entity *)e)->schema = common;
	return rc;
}

/* ---- datasets ------------------------------------------------------------- */

static IV_MUST_USE enum iv_err dataset_intern(struct iv_sqlite *s, const char *name, int64_t *id,
                                              struct iv_buf *err)
{
	struct sqlite_entity *d = iv_map_get(&s->datasets, name);
	sqlite3_stmt *stmt;
	enum iv_err rc;
	int src;

	if (d) {
		*id = d->id;
		return IV_OK;
	}
	rc = sqlite_stmt(s, SQL_DATASET_BY_NAME, &stmt, err);
	if (rc)
		return rc;
	sqlite_text(stmt, 1, name);
	src = sqlite3_step(stmt);
	if (src == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
	} else if (src != SQLITE_DONE) {
		rc = sqlite_fail(s, err, "looking a dataset up");
	} else {
		sqlite_stmt_done(s, stmt);
		rc = sqlite_stmt(s, SQL_DATASET_INSERT, &stmt, err);
		if (rc)
			return rc;
		sqlite_text(stmt, 1, name);
		if (sqlite3_step(stmt) != SQLITE_DONE)
			rc = sqlite_fail(s, err, "adding a dataset");
		*id = sqlite3_last_insert_rowid(s->db);
	}
	sqlite_stmt_done(s, stmt);
	if (rc)
		return rc;
	d = iv_arena_alloc(&s->cache_arena, sizeof(*d));
	if (!d || iv_map_put(&s->datasets, name, d))
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	d->id = *id;
	d->schema = NULL;
	return IV_OK;
}

/* ---- envelopes ------------------------------------------------------------ */

static const char *str_or_empty(const char *str)
{
	return str ? str : "";
}

static bool str_same(const char *a, const char *b)
{
	return a == b || strcmp(str_or_empty(a), str_or_empty(b)) == 0;
}

static bool handling_same(const struct iv_handling *a, const struct iv_handling *b)
{
	return a->source_grade == b->source_grade && a->assessment == b->assessment &&
	       a->code == b->code && a->classification == b->classification &&
	       a->subject == b->subject && str_same(a->conditions, b->conditions) &&
	       str_same(a->releasable_to, b->releasable_to) &&
	       str_same(a->descriptor, b->descriptor) && str_same(a->originator, b->originator) &&
	       str_same(a->compartment, b->compartment) &&
	       str_same(a->retention_review, b->retention_review) &&
	       str_same(a->legacy_grade, b->legacy_grade) &&
	       str_same(a->europol_code, b->europol_code) && str_same(a->tlp, b->tlp);
}

/* The strings of an envelope in table column order, from conditions on. */
#define ENVELOPE_STRINGS(h)                                                                        \
	{                                                                                          \
		(h)->conditions, (h)->releasable_to, (h)->descriptor, (h)->originator,             \
		        (h)->compartment, (h)->retention_review, (h)->legacy_grade,                \
		        (h)->europol_code, (h)->tlp                                                \
	}

/* A binary key naming the envelope exactly: fixed fields, then length-prefixed strings. */
static IV_MUST_USE enum iv_err envelope_key(struct iv_buf *key, const struct iv_handling *h)
{
	const char *strings[] = ENVELOPE_STRINGS(h);
	char fixed[5] = {h->source_grade, h->assessment, h->code, (char)h->classification,
	                 (char)h->subject};
	enum iv_err rc;

	iv_buf_reset(key);
	rc = iv_buf_add(key, fixed, sizeof(fixed));
	for (size_t i = 0; !rc && i < sizeof(strings) / sizeof(strings[0]); i++) {
		const char *str = str_or_empty(strings[i]);
		size_t len = strlen(str);

		rc = iv_buf_add(key, &len, sizeof(len));
		if (!rc)
			rc = iv_buf_add(key, str, len);
	}
	return rc;
}

/* Bind an envelope's 14 columns to ?1..?14 (strings borrowed from h). */
static void envelope_bind(sqlite3_stmt *stmt, const struct iv_handling *h, char chars[3][2])
{
	const char *strings[] = ENVELOPE_STRINGS(h);

	chars[0][0] = h->source_grade;
	chars[1][0] = h->assessment;
	chars[2][0] = h->code;
	for (int i = 0; i < 3; i++) {
		chars[i][1] = '\0';
		sqlite_text(stmt, i + 1, chars[i]);
	}
	sqlite_text(stmt, 4, strings[0]);
	sqlite_text(stmt, 5, strings[1]);
	sqlite_text(stmt, 6, iv_classification_name(h->classification));
	sqlite_text(stmt, 7, strings[2]);
	sqlite_text(stmt, 8, strings[3]);
	sqlite_text(stmt, 9, strings[4]);
	sqlite_text(stmt, 10, iv_subject_name(h->subject));
	for (int i = 5; i < 9; i++)
		sqlite_text(stmt, i + 6, strings[i]);
}

/* Cache an envelope under its key and its id; the strings are copied. */
static IV_MUST_USE enum iv_err envelope_cache(struct iv_sqlite *s, const struct iv_buf *key,
                                              int64_t id, const struct iv_handling *h,
                                              const struct sqlite_envelope **out,
                                              struct iv_buf *err)
{
	struct sqlite_envelope *e = iv_arena_alloc(&s->cache_arena, sizeof(*e));
	char idkey[24];

	if (!e)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	const char **fields[] = {&e->h.conditions,   &e->h.releasable_to, &e->h.descriptor,
	                         &e->h.originator,   &e->h.compartment,   &e->h.retention_review,
	                         &e->h.legacy_grade, &e->h.europol_code,  &e->h.tlp};
	e->id = id;
	e->h = *h;
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		*fields[i] = iv_arena_strdup(&s->cache_arena, str_or_empty(*fields[i]));
		if (!*fields[i])
			return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	}
	snprintf(idkey, sizeof(idkey), "%lld", (long long)id);
	if ((key && iv_map_putn(&s->envelopes, key->buf, key->len, e)) ||
	    iv_map_put(&s->envelope_ids, idkey, e))
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	*out = e;
	return IV_OK;
}

static IV_MUST_USE enum iv_err envelope_intern(struct iv_sqlite *s, const struct iv_handling *h,
                                               int64_t *id, struct iv_buf *err)
{
	const struct sqlite_envelope *e = s->last_envelope;
	sqlite3_stmt *stmt;
	char chars[3][2];
	enum iv_err rc;
	int src;

	if (e && handling_same(&e->h, h)) {
		*id = e->id;
		return IV_OK;
	}
	if (envelope_key(&s->envkey, h))
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	e = iv_map_getn(&s->envelopes, s->envkey.buf, s->envkey.len);
	if (e) {
		s->last_envelope = e;
		*id = e->id;
		return IV_OK;
	}
	/* a new envelope: check it once here rather than on every put */
	rc = iv_handling_check(h, err);
	if (rc)
		return rc;
	rc = sqlite_stmt(s, SQL_ENVELOPE_FIND, &stmt, err);
	if (rc)
		return rc;
	envelope_bind(stmt, h, chars);
	src = sqlite3_step(stmt);
	if (src == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
	} else if (src != SQLITE_DONE) {
		rc = sqlite_fail(s, err, "looking an envelope up");
	} else {
		sqlite_stmt_done(s, stmt);
		rc = sqlite_stmt(s, SQL_ENVELOPE_INSERT, &stmt, err);
		if (rc)
			return rc;
		envelope_bind(stmt, h, chars);
		if (sqlite3_step(stmt) != SQLITE_DONE)
			rc = sqlite_fail(s, err, "adding an envelope");
		*id = sqlite3_last_insert_rowid(s->db);
	}
	sqlite_stmt_done(s, stmt);
	if (rc)
		return rc;
	rc = envelope_cache(s, &s->envkey, *id, h, &e, err);
	if (rc)
		return rc;
	s->last_envelope = e;
	return IV_OK;
}

enum iv_err sqlite_envelope_by_id(struct iv_sqlite *s, int64_t id,
                                  const struct sqlite_envelope **out, struct iv_buf *err)
{
	struct iv_handling h;
	sqlite3_stmt *stmt;
	char idkey[24];
	const char *text[14];
	enum iv_err rc;
	int src;

	snprintf(idkey, sizeof(idkey), "%lld", (long long)id);
	*out = iv_map_get(&s->envelope_ids, idkey);
	if (*out)
		return IV_OK;
	rc = sqlite_stmt(s, SQL_ENVELOPE_BY_ID, &stmt, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(stmt, 1, id);
	src = sqlite3_step(stmt);
	if (src != SQLITE_ROW) {
		rc = src == SQLITE_DONE
		             ? iv_seterr(err, IV_ERR_DB,
		                         "%s: a statement refers to missing envelope %lld", s->path,
		                         (long long)id)
		             : sqlite_fail(s, err, "reading an envelope");
		goto out;
	}
	for (int i = 0; i < 14; i++) {
		text[i] = (const char *)sqlite3_column_text(stmt, i);
		if (!text[i]) {
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
			goto out;
		}
	}
	memset(&h, 0, sizeof(h));
	h.source_grade = text[0][0];
	h.assessment = text[1][0];
	h.code = text[2][0];
	h.conditions = text[3];
	h.releasable_to = text[4];
	h.descriptor = text[6];
	h.originator = text[7];
	h.compartment = text[8];
	h.retention_review = text[10];
	h.legacy_grade = text[11];
	h.europol_code = text[12];
	h.tlp = text[13];
	if (!iv_classification_parse(text[5], &h.classification) ||
	    !iv_subject_parse(text[9], &h.subject)) {
		rc = iv_seterr(err, IV_ERR_DB,
		               "%s: envelope %lld has an unknown classification or "
		               "data-subject category",
		               s->path, (long long)id);
		goto out;
	}
	rc = envelope_cache(s, NULL, id, &h, out, err);
out:
	sqlite_stmt_done(s, stmt);
	return rc;
}

/* ---- the batch ------------------------------------------------------------ */

void sqlite_batch_drop(struct iv_sqlite *s)
{
	s->batch_len = 0;
	s->last_source_record = NULL;
	iv_arena_release(&s->batch_arena);
}

/*
 * Sort the batch by row key: an LSD radix sort over the 63-bit keys, 11
 * bits a pass.  Stable, so equal keys keep put order; about ten times
 * quicker than qsort here, which matters at one sort per 64k statements.
 */
#define RADIX_BITS 11
#define RADIX_SIZE (1u << RADIX_BITS)

static void order_sort(struct sqlite_order *order, struct sqlite_order *tmp, size_t n)
{
	size_t count[RADIX_SIZE];
	struct sqlite_order *from = order, *to = tmp;

	for (unsigned shift = 0; shift < 63; shift += RADIX_BITS) {
		size_t sum = 0;

		memset(count, 0, sizeof(count));
		for (size_t i = 0; i < n; i++)
			count[((uint64_t)from[i].key >> shift) & (RADIX_SIZE - 1)]++;
		if (count[((uint64_t)from[0].key >> shift) & (RADIX_SIZE - 1)] == n)
			continue; /* every key has this digit: nothing to move */
		for (size_t d = 0; d < RADIX_SIZE; d++) {
			size_t c = count[d];

			count[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			to[count[((uint64_t)from[i].key >> shift) & (RADIX_SIZE - 1)]++] = from[i];
		struct sqlite_order *swap = from;
		from = to;
		to = swap;
	}
	if (from != order)
		memcpy(order, from, n * sizeof(*order));
}

static int64_t key_next(int64_t key)
{
	return key == INT64_MAX ? 0 : key + 1;
}

struct flush_stmts {
	sqlite3_stmt *insert, *seen, *touch, *fts;
	int64_t first_id; /* the row id of the batch's first statement in put order */
};

/*
 * Index a statement added for search: its FTS5 document number is the
 * statement's rowid; they are indexed in rowid order, so FTS5's
 * delta-coded doclists stay compact and a hit leads straight to the row.
 */
static IV_MUST_USE enum iv_err index_one(struct iv_sqlite *s, struct flush_stmts *q,
                                         const struct sqlite_pending *p, int64_t id,
                                         struct iv_buf *err)
{
	int src;

	sqlite3_bind_int64(q->fts, 1, id);
	/* ?2 is the name column, ?3 the text column; the other stays NULL */
	sqlite3_bind_null(q->fts, p->fts == SQLITE_FTS_NAME ? 3 : 2);
	sqlite3_bind_text(q->fts, p->fts == SQLITE_FTS_NAME ? 2 : 3, p->value, p->value_len,
	                  SQLITE_STATIC);
	src = sqlite3_step(q->fts);
	sqlite3_reset(q->fts);
	return src == SQLITE_DONE ? IV_OK : sqlite_fail(s, err, "indexing a statement for search");
}

/* Write one statement at its key or the first free key after it. */
static IV_MUST_USE enum iv_err write_one(struct iv_sqlite *s, struct flush_stmts *q,
                                         struct sqlite_pending *p, struct iv_buf *err)
{
	int64_t key = p->key;

	for (int probe = 0; probe < SQLITE_PROBE_MAX; probe++, key = key_next(key)) {
		sqlite3_stmt *ins = q->insert;
		const void *hash;
		int64_t first, last;
		int src, changes;

		sqlite3_bind_int64(ins, 1, key);
		sqlite3_bind_blob(ins, 2, p->hash, IV_HASH_BYTES, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 3, p->entity);
		sqlite_text(ins, 4, p->schema);
		sqlite_text(ins, 5, p->prop);
		sqlite3_bind_text(ins, 6, p->value, p->value_len, SQLITE_STATIC);
		if (p->original)
			sqlite3_bind_text(ins, 7, p->original, p->original_len, SQLITE_STATIC);
		else
			sqlite3_bind_null(ins, 7);
		sqlite3_bind_int64(ins, 8, p->dataset);
		sqlite3_bind_int64(ins, 9, p->envelope);
		sqlite3_bind_text(ins, 10, p->source_record, p->record_len, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 11, p->first_seen);
		sqlite3_bind_int64(ins, 12, p->last_seen);
		sqlite3_bind_int64(ins, 13, (int64_t)p->flags);
		sqlite3_bind_int64(ins, 14, q->first_id + (p - s->batch));
		src = sqlite3_step(ins);
		changes = sqlite3_changes(s->db);
		sqlite3_reset(ins);
		if (src != SQLITE_DONE)
			return sqlite_fail(s, err, "adding a statement");
		if (changes) {
			s->base.counts.statements_added++;
			p->added = true;
			return IV_OK;
		}

		/* the key is taken: by this very statement, or by a 63-bit collision */
		sqlite3_bind_int64(q->seen, 1, key);
		src = sqlite3_step(q->seen);
		if (src != SQLITE_ROW) {
			sqlite3_reset(q->seen);
			return sqlite_fail(s, err, "reading a statement");
		}
		hash = sqlite3_column_blob(q->seen, 0);
		if (sqlite3_column_bytes(q->seen, 0) != IV_HASH_BYTES ||
		    memcmp(hash, p->hash, IV_HASH_BYTES) != 0) {
			sqlite3_reset(q->seen);
			continue;
		}
		first = sqlite3_column_int64(q->seen, 1);
		last = sqlite3_column_int64(q->seen, 2);
		sqlite3_reset(q->seen);
		s->base.counts.statements_skipped++;
		if (p->first_seen >= first && p->last_seen <= last)
			return IV_OK;
		sqlite3_bind_int64(q->touch, 1, key);
		sqlite3_bind_int64(q->touch, 2, p->first_seen < first ? p->first_seen : first);
		sqlite3_bind_int64(q->touch, 3, p->last_seen > last ? p->last_seen : last);
		src = sqlite3_step(q->touch);
		sqlite3_reset(q->touch);
		return src == SQLITE_DONE ? IV_OK : sqlite_fail(s, err, "updating a statement");
	}
	return iv_seterr(err, IV_ERR_INTERNAL, "%s: more than %d statements share one row key",
	                 s->path, SQLITE_PROBE_MAX);
}

static IV_MUST_USE enum iv_err flush_sorted(struct iv_sqlite *s, struct flush_stmts *q,
                                            struct iv_buf *err)
{
	size_t n = s->batch_len;

	for (size_t i = 0; i < n; i++)
		s->order[i] = (struct sqlite_order){s->batch[i].key, i};
	order_sort(s->order, s->order + SQLITE_BATCH_MAX, n);

	for (size_t i = 0; i < n;) {
		struct sqlite_pending *p = &s->batch[s->order[i].index];
		size_t j = i + 1;
		enum iv_err rc;

		/* the batch is read in key order, i.e. at random: fetch ahead */
		if (i + 8 < n)
			__builtin_prefetch(&s->batch[s->order[i + 8].index]);

		/* the same statement twice in one batch: write it once, seen over both */
		for (; j < n && s->order[j].key == p->key; j++) {
			struct sqlite_pending *dup = &s->batch[s->order[j].index];

			if (memcmp(dup->hash, p->hash, IV_HASH_BYTES) != 0)
				break;
			if (dup->first_seen < p->first_seen)
				p->first_seen = dup->first_seen;
			if (dup->last_seen > p->last_seen)
				p->last_seen = dup->last_seen;
			s->base.counts.statements_skipped++;
		}
		rc = write_one(s, q, p, err);
		if (rc)
			return rc;
		i = j;
	}
	/* search's index in row id order: put order */
	for (size_t i = 0; i < n; i++) {
		const struct sqlite_pending *p = &s->batch[i];
		enum iv_err rc;

		if (!p->added || !p->fts || !p->value_len)
			continue;
		rc = index_one(s, q, p, q->first_id + (int64_t)i, err);
		if (rc)
			return rc;
	}
	return IV_OK;
}

/* The row id after the largest so far: this batch's first. */
static IV_MUST_USE enum iv_err first_id(struct iv_sqlite *s, int64_t *out, struct iv_buf *err)
{
	sqlite3_stmt *stmt = NULL;
	enum iv_err rc = sqlite_stmt(s, SQL_STMT_LAST_ID, &stmt, err);

	if (rc)
		return rc;
	if (sqlite3_step(stmt) != SQLITE_ROW)
		rc = sqlite_fail(s, err, "reading the last statement id");
	else
		*out = sqlite3_column_int64(stmt, 0) + 1;
	sqlite_stmt_done(s, stmt);
	return rc;
}

enum iv_err sqlite_flush(struct iv_sqlite *s, struct iv_buf *err)
{
	struct flush_stmts q = {NULL, NULL, NULL, NULL, 0};
	enum iv_err rc;

	if (s->batch_len == 0)
		return IV_OK;
	rc = first_id(s, &q.first_id, err);
	if (!rc)
		rc = sqlite_stmt(s, SQL_STMT_INSERT, &q.insert, err);
	if (!rc)
		rc = sqlite_stmt(s, SQL_STMT_SEEN, &q.seen, err);
	if (!rc)
		rc = sqlite_stmt(s, SQL_STMT_TOUCH, &q.touch, err);
	if (!rc)
		rc = sqlite_stmt(s, SQL_FTS_INSERT, &q.fts, err);
	if (!rc)
		rc = flush_sorted(s, &q, err);
	sqlite_stmt_done(s, q.fts);
	sqlite_stmt_done(s, q.touch);
	sqlite_stmt_done(s, q.seen);
	sqlite_stmt_done(s, q.insert);
	sqlite_batch_drop(s);
	if (rc)
		s->tx_broken = true;
	return rc;
}

/* ---- put -------------------------------------------------------------------- */

static IV_MUST_USE enum iv_err batch_ready(struct iv_sqlite *s, struct iv_buf *err)
{
	if (!s->batch) {
		s->batch = iv_malloc(SQLITE_BATCH_MAX * sizeof(s->batch[0]));
		/* twice the batch: the second half is the radix sort's scratch */
		s->order = iv_malloc(2 * SQLITE_BATCH_MAX * sizeof(s->order[0]));
		if (!s->batch || !s->order) {
			iv_free(s->batch);
			iv_free(s->order);
			s->batch = NULL;
			s->order = NULL;
			return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
		}
	}
	if (s->batch_len == SQLITE_BATCH_MAX)
		return sqlite_flush(s, err);
	return IV_OK;
}

/* Copy a string of known length into the batch arena. */
static const char *batch_copy(struct iv_sqlite *s, const char *str, size_t len)
{
	char *copy = iv_arena_alloc(&s->batch_arena, len + 1);

	if (copy) {
		memcpy(copy, str, len);
		copy[len] = '\0';
	}
	return copy;
}

/* Copy the statement's strings into the batch arena. */
static IV_MUST_USE enum iv_err pending_strings(struct iv_sqlite *s, struct sqlite_pending *p,
                                               const struct iv_statement *stmt,
                                               const struct sqlite_prop *info, struct iv_buf *err)
{
	const char *record = str_or_empty(stmt->source_record);
	size_t value_len = strlen(stmt->value);
	size_t original_len = stmt->original ? strlen(stmt->original) : 0;
	size_t record_len = strlen(record);
	bool differs = stmt->original && (original_len != value_len ||
	                                  memcmp(stmt->original, stmt->value, value_len) != 0);

	if (value_len > INT32_MAX || original_len > INT32_MAX || record_len > INT32_MAX)
		return iv_seterr(err, IV_ERR_TOOBIG, "a statement on '%s' has a value over 2 GB",
		                 stmt->entity);
	p->prop = info->prop ? info->prop->name
	                     : batch_copy(s, stmt->property, strlen(stmt->property));
	p->value = batch_copy(s, stmt->value, value_len);
	p->value_len = (int)value_len;
	p->original = differs ? batch_copy(s, stmt->original, original_len) : NULL;
	p->original_len = (int)original_len;
	/* the statements of one source record come together: share its name */
	if (!s->last_source_record || (size_t)s->last_record_len != record_len ||
	    memcmp(s->last_source_record, record, record_len) != 0) {
		s->last_source_record = batch_copy(s, record, record_len);
		s->last_record_len = (int)record_len;
	}
	p->source_record = s->last_source_record;
	p->record_len = (int)record_len;
	if (!p->prop || !p->value || (differs && !p->original) || !p->source_record)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	return IV_OK;
}

enum iv_err sqlite_put(struct iv_store *st, const struct iv_statement *stmt,
                       const unsigned char digest[IV_HASH_BYTES], struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	const struct sqlite_entity *entity = NULL;
	const struct sqlite_prop *info = NULL;
	struct sqlite_pending *p;
	enum iv_err rc;

	if (s->tx_broken)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "%s: a write in this transaction failed; roll it back", s->path);
	rc = batch_ready(s, err);
	if (rc)
		return rc;
	rc = prop_lookup(s, stmt->schema, stmt->property, &info, err);
	if (rc)
		return rc;

	p = &s->batch[s->batch_len];
	memcpy(p->hash, digest, IV_HASH_BYTES);
	p->key = iv_store_key(st, digest);
	p->schema = iv_schema_name(info->schema);
	p->fts = info->fts;
	p->first_seen = stmt->first_seen;
	p->last_seen = stmt->last_seen;
	p->flags = stmt->flags;
	p->added = false;
	rc = dataset_intern(s, str_or_empty(stmt->dataset), &p->dataset, err);
	if (rc)
		return rc;
	rc = envelope_intern(s, &stmt->handling, &p->envelope, err);
	if (rc)
		return rc;
	rc = pending_strings(s, p, stmt, info, err);
	if (rc)
		return rc;

	/* last, so that a statement that fails above leaves no entity behind */
	rc = sqlite_entity_lookup(s, true, stmt->entity, &entity, err);
	if (rc)
		return rc;
	if (entity)
		rc = entity_reconcile(s, stmt->entity, entity, info->schema, err);
	else
		rc = entity_insert(s, stmt->entity, info->schema, &entity, err);
	if (rc)
		return rc;
	p->entity = entity->id;
	s->batch_len++;
	return IV_OK;
}

/* ---- the ingest log ------------------------------------------------------- */

enum iv_err sqlite_flush_pending(struct iv_store *st, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);

	if (s->tx_broken)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "%s: a write in this transaction failed; roll it back", s->path);
	return sqlite_flush(s, err);
}

enum iv_err sqlite_log_ingest(struct iv_store *st, const char *file, const char *dataset,
                              const struct iv_store_counts *counts, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	sqlite3_stmt *stmt;
	enum iv_err rc;

	if (s->tx_broken)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "%s: a write in this transaction failed; roll it back", s->path);
	/* write what is pending so that the transaction's own counts are final */
	rc = sqlite_flush(s, err);
	if (rc)
		return rc;
	if (!counts)
		counts = &st->counts;
	rc = sqlite_stmt(s, SQL_LOG_INGEST, &stmt, err);
	if (rc)
		return rc;
	sqlite_text(stmt, 1, file);
	if (dataset)
		sqlite_text(stmt, 2, dataset);
	else
		sqlite3_bind_null(stmt, 2);
	sqlite3_bind_int64(stmt, 3, iv_now());
	sqlite3_bind_int64(stmt, 4, (int64_t)counts->statements_added);
	sqlite3_bind_int64(stmt, 5, (int64_t)counts->statements_skipped);
	sqlite3_bind_int64(stmt, 6, (int64_t)counts->entities_added);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		rc = sqlite_fail(s, err, "logging the ingest");
	sqlite_stmt_done(s, stmt);
	return rc;
}
