/*
 * browse.c - what a viewer browses beside search and entity pages: an
 * entity's related entities and its timeline of dated intervals
 * (iv_view_related), and the datasets (iv_view_datasets).  Like every
 * read of lib/view, each is built from the statements the viewer may see
 * and from nothing else, and each list is put in an order made of those
 * statements only.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iv/graph.h"
#include "iv/schema.h"
#include "iv/view.h"
#include "view/view_int.h"

/* Visible references to an entity read for its related entities; more are left out. */
#define REFERENCES_MAX 10000

/* What a reply says of an entity it names, read once per request. */
struct brief {
	const char *id;               /* the map's key */
	const char *schema;           /* static */
	const char *caption;          /* in the arena */
	bool seen;                    /* the viewer sees something of it */
	enum iv_classification level; /* the highest of what the viewer sees of it */
};

/* A visible statement of another record that names one of the page's records. */
struct referrer {
	const char *entity; /* in the arena */
	const char *property;
};

/* A timeline entry with the keys it is ordered by. */
struct dated {
	int64_t start, end; /* unix seconds; IV_VIEW_OPEN when absent */
	const char *id;
	json_t *entry;
};

struct related {
	struct iv_view *view;
	struct iv_buf *err;
	struct iv_map self;   /* the page's records */
	struct iv_map briefs; /* id -> struct brief */
	struct iv_map
	        entries; /* what related already holds: "id\x1fproperty\x1fdirection\x1fvia" */
	struct iv_arena arena;
	struct view_record record;  /* the record being read for its links */
	struct view_record scratch; /* for briefs */
	struct referrer *referrers;
	size_t nreferrers, referrers_alloc;
	bool capped; /* REFERENCES_MAX was reached */
	json_t *related;
	struct dated *timeline;
	size_t ntimeline, timeline_alloc;
};

static IV_MUST_USE enum iv_err nomem(struct related *r)
{
	return iv_seterr(r->err, IV_ERR_NOMEM, "out of memory");
}

/* The brief of id, read on first use. */
static IV_MUST_USE enum iv_err brief_of(struct related *r, const char *id, const struct brief **out)
{
	struct brief *b = iv_map_get(&r->briefs, id);
	enum iv_err rc;

	if (b) {
		*out = b;
		return IV_OK;
	}
	rc = view_record_read(r->view, id, &r->scratch, r->err);
	if (rc)
		return rc;
	b = iv_arena_alloc(&r->arena, sizeof(*b));
	if (!b)
		return nomem(r);
	b->seen = r->scratch.n > 0;
	b->level = r->scratch.level;
	b->schema = view_record_schema(&r->scratch);
	b->id = iv_arena_strdup(&r->arena, id);
	b->caption = iv_arena_strdup(&r->arena, r->scratch.caption ? r->scratch.caption : id);
	if (!b->id || !b->caption || iv_map_put(&r->briefs, id, b))
		return nomem(r);
	*out = b;
	return IV_OK;
}

static json_t *brief_json(const struct brief *b)
{
	return json_pack("{s:s, s:s, s:s, s:s}", "id", b->id, "schema", b->schema, "caption",
	                 b->caption, "classification", iv_classification_name(b->level));
}

/* Add {id, schema, caption, property, direction, via} unless held already or unseen. */
static IV_MUST_USE enum iv_err add_related(struct related *r, const char *id, const char *property,
                                           const char *direction, const char *via)
{
	const struct brief *b, *vb = NULL;
	struct iv_buf key = IV_BUF_INIT;
	json_t *o;
	enum iv_err rc;

	if (iv_buf_addf(&key, "%s\x1f%s\x1f%s\x1f%s", id, property, direction, via ? via : ""))
		return nomem(r);
	if (iv_map_has(&r->entries, key.buf)) {
		iv_buf_release(&key);
		return IV_OK;
	}
	rc = iv_map_put(&r->entries, key.buf, r) ? nomem(r) : IV_OK;
	iv_buf_release(&key);
	if (!rc)
		rc = brief_of(r, id, &b);
	if (!rc && via)
		rc = brief_of(r, via, &vb);
	if (rc || !b->seen || (vb && !vb->seen))
		return rc;
	/* the entry is built from both records: it is marked as the higher of them */
	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:s}", "id", id, "schema", b->schema,
	              "caption", b->caption, "property", property, "direction", direction, "via",
	              vb ? brief_json(vb) : json_null(), "classification",
	              iv_classification_name(vb && vb->level > b->level ? vb->level : b->level));
	if (!o || json_array_append_new(r->related, o))
		return nomem(r);
	return IV_OK;
}

static bool is_interval(const struct view_record *rec)
{
	return rec->schema && iv_schema_is_a(rec->schema, "Interval");
}

/* A number value (an amount, a duration) as JSON: the largest of them, or null. */
static void keep_max(double *best, bool *have, const char *value)
{
	double d = strtod(value, NULL);

	if (isfinite(d) && (!*have || d > *best)) {
		*best = d;
		*have = true;
	}
}

/* The parties of an interval: its visible references to entities the viewer sees. */
static IV_MUST_USE enum iv_err parties_json(struct related *r, const struct view_record *rec,
                                            json_t *parties, enum iv_classification *level)
{
	const struct view_value *prev = NULL;

	for (size_t i = 0; i < rec->n; i++) {
		const struct view_value *val = &rec->values[i];
		const struct brief *b;
		enum iv_err rc;
		json_t *o;

		if (val->type != IV_TYPE_ENTITY || !*val->value)
			continue;
		/* the same value from two sources comes twice, one after the other */
		if (prev && strcmp(prev->property, val->property) == 0 &&
		    strcmp(prev->value, val->value) == 0)
			continue;
		prev = val;
		rc = brief_of(r, val->value, &b);
		if (rc)
			return rc;
		if (!b->seen)
			continue;
		if (b->level > *level)
			*level = b->level;
		o = json_pack("{s:s, s:s, s:s, s:s}", "id", b->id, "caption", b->caption, "role",
		              val->property, "classification", iv_classification_name(b->level));
		if (!o || json_array_append_new(parties, o))
			return nomem(r);
	}
	return IV_OK;
}

/* What an interval's visible values say of its time, sums and currency. */
struct interval_facts {
	const char *start, *end; /* the earliest date or start date, the latest end date */
	int64_t start_s, end_s;  /* their unix seconds; IV_VIEW_OPEN when absent */
	double amount, duration; /* the largest of each */
	bool have_amount, have_duration;
	const char *currency; /* the first in byte order */
};

/* A date of an interval: its earliest start and latest end win, as the network takes them. */
static void note_date(struct interval_facts *f, const char *property, const char *value, int64_t t)
{
	if (strcmp(property, "date") == 0 || strcmp(property, "startDate") == 0) {
		if (!f->start || t < f->start_s) {
			f->start = value;
			f->start_s = t;
		}
	} else if (strcmp(property, "endDate") == 0) {
		if (!f->end || t > f->end_s) {
			f->end = value;
			f->end_s = t;
		}
	}
}

/* What one valid value of an interval adds to its facts. */
static void note_value(struct interval_facts *f, const struct view_value *val)
{
	struct iv_date dt;

	if (val->type == IV_TYPE_DATE && iv_date_parse(val->value, &dt) == IV_OK) {
		note_date(f, val->property, val->value, iv_date_seconds(&dt, false));
	} else if (strcmp(val->property, "amount") == 0) {
		keep_max(&f->amount, &f->have_amount, val->value);
	} else if (strcmp(val->property, "duration") == 0) {
		keep_max(&f->duration, &f->have_duration, val->value);
	} else if (strcmp(val->property, "currency") == 0) {
		if (!f->currency || strcmp(val->value, f->currency) < 0)
			f->currency = val->value;
	}
}

/* The ids of rec's statements into statements, and its valid values into f; false on no memory. */
static bool read_interval(const struct view_record *rec, json_t *statements,
                          struct interval_facts *f)
{
	for (size_t i = 0; i < rec->n; i++) {
		const struct view_value *val = &rec->values[i];

		if (json_array_append_new(statements, json_string(val->id)))
			return false;
		if (val->valid)
			note_value(f, val);
	}
	return true;
}

/* The timeline entry of a dated interval; takes parties and statements (also on failure). */
static json_t *timeline_entry(const char *id, const struct view_record *rec,
                              const struct interval_facts *f, json_t *parties, json_t *statements,
                              enum iv_classification level)
{
	int link = iv_graph_link_of(view_record_schema(rec), NULL, NULL);
	const char *kind = link >= 0 ? iv_graph_link_name((enum iv_graph_link)link) : "event";

	return json_pack(
	        "{s:s, s:s, s:s, s:s, s:s?, s:s?, s:o, s:o, s:s?, s:o, s:o, s:s}", "id", id,
	        "schema", view_record_schema(rec), "caption", rec->caption ? rec->caption : id,
	        "kind", kind, "start", f->start, "end", f->end, "parties", parties, "amount",
	        f->have_amount ? json_real(f->amount) : json_null(), "currency", f->currency,
	        "duration", f->have_duration ? json_real(f->duration) : json_null(), "statements",
	        statements, "classification", iv_classification_name(level));
}

/* Put the entry o on the timeline with the keys it is ordered by; o is freed on failure. */
static IV_MUST_USE enum iv_err push_dated(struct related *r, json_t *o,
                                          const struct interval_facts *f)
{
	struct dated *d;

	if (iv_array_grow(&r->timeline, &r->timeline_alloc, r->ntimeline + 1, sizeof(*r->timeline),
	                  16)) {
		json_decref(o);
		return nomem(r);
	}
	d = &r->timeline[r->ntimeline++];
	d->start = f->start ? f->start_s : f->end_s;
	d->end = f->end ? f->end_s : f->start_s;
	d->id = json_string_value(json_object_get(o, "id"));
	d->entry = o;
	return IV_OK;
}

/* When the interval read into rec is dated, its timeline entry. */
static IV_MUST_USE enum iv_err add_timeline(struct related *r, const char *id,
                                            const struct view_record *rec)
{
	struct interval_facts f = {.start_s = IV_VIEW_OPEN, .end_s = IV_VIEW_OPEN};
	enum iv_classification level = rec->level;
	json_t *parties = json_array(), *statements = json_array(), *o;
	enum iv_err rc = IV_OK;

	if (!parties || !statements || !read_interval(rec, statements, &f))
		rc = nomem(r);
	else if (f.start || f.end)
		rc = parties_json(r, rec, parties, &level);
	if (rc || (!f.start && !f.end)) {
		json_decref(parties);
		json_decref(statements);
		return rc;
	}
	o = timeline_entry(id, rec, &f, parties, statements, level);
	if (!o)
		return nomem(r);
	return push_dated(r, o, &f);
}

/* What a record of the page says itself: its references ("out"), and itself when dated. */
static IV_MUST_USE enum iv_err read_member(struct related *r, const char *member)
{
	enum iv_err rc = view_record_read(r->view, member, &r->record, r->err);

	for (size_t i = 0; !rc && i < r->record.n; i++) {
		const struct view_value *val = &r->record.values[i];

		if (val->type == IV_TYPE_ENTITY && *val->value && !iv_map_has(&r->self, val->value))
			rc = add_related(r, val->value, val->property, "out", NULL);
	}
	if (!rc && is_interval(&r->record))
		rc = add_timeline(r, member, &r->record);
	return rc;
}

static IV_MUST_USE enum iv_err on_referrer(void *ctx, const struct iv_statement *s)
{
	struct related *r = ctx;
	struct referrer *ref;

	if (!r->view->viewer->local && !iv_access_visible(r->view->viewer, &s->handling))
		return IV_OK;
	if (iv_map_has(&r->self, s->entity))
		return IV_OK;
	if (r->nreferrers == REFERENCES_MAX) {
		r->capped = true;
		return IV_ERR_TOOBIG; /* stops the walk; not an error */
	}
	if (iv_array_grow(&r->referrers, &r->referrers_alloc, r->nreferrers + 1,
	                  sizeof(*r->referrers), 64))
		return IV_ERR_NOMEM;
	ref = &r->referrers[r->nreferrers];
	ref->entity = iv_arena_strdup(&r->arena, s->entity);
	ref->property = iv_arena_strdup(&r->arena, s->property);
	if (!ref->entity || !ref->property)
		return IV_ERR_NOMEM;
	r->nreferrers++;
	return IV_OK;
}

static int by_referrer(const void *x, const void *y)
{
	const struct referrer *a = x, *b = y;
	int c = strcmp(a->entity, b->entity);

	return c ? c : strcmp(a->property, b->property);
}

/*
 * A record that names the page's: it is related ("in"), and when it is an
 * interval its other parties are, via it, and it goes on the timeline.
 */
static IV_MUST_USE enum iv_err read_referrer(struct related *r, const struct referrer *refs,
                                             size_t n)
{
	const char *z = refs[0].entity, *source = NULL;
	enum iv_err rc = IV_OK;

	for (size_t i = 0; !rc && i < n; i++)
		if (i == 0 || strcmp(refs[i].property, refs[i - 1].property) != 0)
			rc = add_related(r, z, refs[i].property, "in", NULL);
	if (!rc)
		rc = view_record_read(r->view, z, &r->record, r->err);
	if (rc || !is_interval(&r->record))
		return rc;
	iv_graph_link_of(view_record_schema(&r->record), &source, NULL);
	for (size_t i = 0; !rc && i < r->record.n; i++) {
		const struct view_value *val = &r->record.values[i];

		if (val->type != IV_TYPE_ENTITY || !*val->value || strcmp(val->value, z) == 0 ||
		    iv_map_has(&r->self, val->value))
			continue;
		rc = add_related(r, val->value, val->property,
		                 source && strcmp(val->property, source) == 0 ? "in" : "out", z);
	}
	if (!rc)
		rc = add_timeline(r, z, &r->record);
	return rc;
}

static const char *str_at(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* Direct links first, then by property, id, direction and the link they come through. */
static int by_related(const void *x, const void *y)
{
	json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
	json_t *va = json_object_get(a, "via"), *vb = json_object_get(b, "via");
	int c;

	if (json_is_null(va) != json_is_null(vb))
		return json_is_null(va) ? -1 : 1;
	if ((c = strcmp(str_at(a, "property"), str_at(b, "property"))) ||
	    (c = strcmp(str_at(a, "id"), str_at(b, "id"))) ||
	    (c = strcmp(str_at(a, "direction"), str_at(b, "direction"))))
		return c;
	return strcmp(str_at(va, "id"), str_at(vb, "id"));
}

static int cmp_i64(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

static int by_date(const void *x, const void *y)
{
	const struct dated *a = x, *b = y;
	int c = cmp_i64(a->start, b->start);

	if (!c)
		c = cmp_i64(a->end, b->end);
	return c ? c : strcmp(a->id, b->id);
}

/* The related list sorted and cut at limit, as a new array. */
static json_t *related_list(json_t *related, size_t limit)
{
	size_t n = json_array_size(related);
	json_t **items = iv_malloc((n + 1) * sizeof(*items));
	json_t *out = json_array();

	if (!items || !out) {
		iv_free(items);
		json_decref(out);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		items[i] = json_array_get(related, i);
	qsort(items, n, sizeof(*items), by_related);
	for (size_t i = 0; out && i < n && i < limit; i++)
		if (json_array_append(out, items[i])) {
			json_decref(out);
			out = NULL;
		}
	iv_free(items);
	return out;
}

static json_t *timeline_list(struct related *r, size_t limit)
{
	json_t *out = json_array();

	if (r->ntimeline > 1)
		qsort(r->timeline, r->ntimeline, sizeof(*r->timeline), by_date);
	for (size_t i = 0; out && i < r->ntimeline && i < limit; i++)
		if (json_array_append(out, r->timeline[i].entry)) {
			json_decref(out);
			out = NULL;
		}
	return out;
}

/* Every record of the page, its references, then what names it. */
static IV_MUST_USE enum iv_err gather(struct related *r, json_t *members)
{
	enum iv_err rc = IV_OK;

	for (size_t i = 0; !rc && i < json_array_size(members); i++)
		if (iv_map_put(&r->self, json_string_value(json_array_get(members, i)), r))
			rc = nomem(r);
	for (size_t i = 0; !rc && i < json_array_size(members); i++)
		rc = read_member(r, json_string_value(json_array_get(members, i)));
	for (size_t i = 0; !rc && !r->capped && i < json_array_size(members); i++) {
		rc = iv_store_referrers(r->view->st, json_string_value(json_array_get(members, i)),
		                        on_referrer, r, r->err);
		if (rc == IV_ERR_TOOBIG && r->capped)
			rc = IV_OK;
		else if (rc == IV_ERR_NOMEM)
			rc = nomem(r);
	}
	if (!rc && r->nreferrers > 1)
		qsort(r->referrers, r->nreferrers, sizeof(*r->referrers), by_referrer);
	for (size_t i = 0, j; !rc && i < r->nreferrers; i = j) {
		for (j = i + 1; j < r->nreferrers &&
		                strcmp(r->referrers[j].entity, r->referrers[i].entity) == 0;
		     j++)
			;
		rc = read_referrer(r, &r->referrers[i], j - i);
	}
	return rc;
}

enum iv_err iv_view_related(struct iv_view *v, const char *id, size_t limit, json_t **out,
                            struct iv_buf *err)
{
	struct related r;
	json_t *page = NULL, *related = NULL, *timeline = NULL;
	enum iv_err rc;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	r.view = v;
	r.err = err;
	r.related = json_array();
	if (!r.related)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	/* the same records the entity page shows: merges as the page decides them */
	rc = iv_view_entity(v, id, &page, err);
	if (!rc)
		rc = gather(&r, json_object_get(page, "members"));
	if (!rc) {
		related = related_list(r.related, limit);
		timeline = timeline_list(&r, limit);
		*out = related && timeline
		               ? json_pack("{s:s, s:O, s:O, s:O, s:I, s:I, s:b}", "id", id,
		                           "members", json_object_get(page, "members"), "related",
		                           related, "timeline", timeline, "related_total",
		                           (json_int_t)json_array_size(r.related), "timeline_total",
		                           (json_int_t)r.ntimeline, "references_capped", r.capped)
		               : NULL;
		if (!*out)
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	}
	json_decref(related);
	json_decref(timeline);
	json_decref(page);
	json_decref(r.related);
	for (size_t i = 0; i < r.ntimeline; i++)
		json_decref(r.timeline[i].entry);
	iv_free(r.timeline);
	iv_free(r.referrers);
	view_record_release(&r.record);
	view_record_release(&r.scratch);
	iv_map_release(&r.self);
	iv_map_release(&r.briefs);
	iv_map_release(&r.entries);
	iv_arena_release(&r.arena);
	return rc;
}

/* ---- datasets ------------------------------------------------------------------------------ */

static IV_MUST_USE enum iv_err on_dataset(void *ctx, const struct iv_dataset_counts *d)
{
	char first[32], last[32];
	json_t *o;

	iv_time_format(d->first_seen, first, sizeof(first));
	iv_time_format(d->last_seen, last, sizeof(last));
	o = json_pack("{s:s, s:I, s:I, s:s, s:s}", "name", d->name, "entities",
	              (json_int_t)d->entities, "statements", (json_int_t)d->statements,
	              "first_seen", first, "last_seen", last);
	return !o || json_array_append_new((json_t *)ctx, o) ? IV_ERR_NOMEM : IV_OK;
}

enum iv_err iv_view_datasets(struct iv_view *v, json_t **out, struct iv_buf *err)
{
	struct iv_dataset_counts total;
	json_t *list = json_array();
	enum iv_err rc;

	*out = NULL;
	if (!list)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	rc = iv_store_dataset_counts(v->st, v->viewer->local ? NULL : iv_view_envelope_visible, v,
	                             on_dataset, list, &total, err);
	if (rc == IV_ERR_NOMEM)
		iv_seterr(err, rc, "out of memory");
	if (!rc) {
		*out = json_pack("{s:O, s:I, s:I}", "datasets", list, "entities",
		                 (json_int_t)total.entities, "statements",
		                 (json_int_t)total.statements);
		if (!*out)
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	}
	json_decref(list);
	return rc;
}
