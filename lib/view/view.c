/*
 * view.c - reads as one viewer sees the store (include/iv/view.h): entity
 * pages, search with its filters and facets, network projections, and the
 * visible values of one record (view_int.h), each built only from the
 * statements iv_access_visible passes.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iv/resolve.h"
#include "iv/schema.h"
#include "iv/view.h"
#include "view/view_int.h"

void iv_view_init(struct iv_view *v, struct iv_store *st, const struct iv_viewer *viewer)
{
	memset(v, 0, sizeof(*v));
	v->st = st;
	v->viewer = viewer;
}

void iv_view_release(struct iv_view *v)
{
	iv_map_release(&v->envelopes);
}

static char visible_mark; /* the map's value for a visible envelope */
static char hidden_mark;

bool iv_view_envelope_visible(void *view, int64_t envelope)
{
	struct iv_view *v = view;
	struct iv_handling h;
	char key[24];
	void *known;
	bool yes;

	if (v->viewer->local)
		return true;
	snprintf(key, sizeof(key), "%" PRId64, envelope);
	known = iv_map_get(&v->envelopes, key);
	if (known)
		return known == &visible_mark;
	/* an envelope the store cannot give back is not shown */
	yes = iv_store_envelope(v->st, envelope, &h, NULL) == IV_OK &&
	      (v->exporting ? iv_access_exportable(v->viewer, &h)
	                    : iv_access_visible(v->viewer, &h));
	if (iv_map_put(&v->envelopes, key, yes ? &visible_mark : &hidden_mark))
		return yes; /* not remembered: asked again next time */
	return yes;
}

bool iv_view_merges(const struct iv_view *v)
{
	return v->viewer->local || v->viewer->org_kind == IV_ORG_UK;
}

/* ---- compact JSON text ------------------------------------------------------------------ */

/*
 * The entity page, the API's most frequent reply, is written as text
 * rather than built as jansson objects and dumped: the objects, their
 * allocations and the dump were a third of a fetch.  The text is the one
 * json_dumps(JSON_COMPACT) gives for the same page (jansson keeps members
 * in insertion order and escapes as iv_buf_add_json_str does).
 */

/* A writer of JSON text whose first error sticks (later writes do nothing). */
struct json_text {
	struct iv_buf *b;
	enum iv_err rc;
	const char *bad; /* a string that is not UTF-8 (rc IV_ERR_INVALID) */
};

static void put_raw(struct json_text *t, const char *s)
{
	if (!t->rc)
		t->rc = iv_buf_adds(t->b, s);
}

static void put_str(struct json_text *t, const char *s)
{
	if (t->rc)
		return;
	t->rc = iv_buf_add_json_str(t->b, s ? s : "");
	if (t->rc == IV_ERR_INVALID)
		t->bad = s;
}

/* "key":"value", the key given with what goes before it ("{\"id\":", ",\"value\":"). */
static void put_member(struct json_text *t, const char *key, const char *value)
{
	put_raw(t, key);
	put_str(t, value);
}

/* The error of a failed write, for err. */
static IV_MUST_USE enum iv_err json_text_fail(const struct json_text *t, const char *id,
                                              struct iv_buf *err)
{
	if (t->rc == IV_ERR_INVALID)
		return iv_seterr(err, IV_ERR_DB, "entity '%s' holds text that is not UTF-8", id);
	return iv_seterr(err, t->rc, "out of memory writing the page of '%s'", id);
}

static void two_digits(char *out, unsigned v)
{
	out[0] = (char)('0' + v / 10);
	out[1] = (char)('0' + v % 10);
}

/*
 * t as iv_time_format writes it ("2026-11-28T16:00:00Z"), without gmtime
 * and printf for the years 1970-9999 (days to a civil date: H. Hinnant's
 * algorithm); other times go to iv_time_format.
 */
static void time_text(int64_t t, char out[32])
{
	int64_t days = t / 86400, secs = t % 86400, doe, yoe, doy, mp, year, month, day;

	if (t < 0 || t >= INT64_C(253402300800)) {
		iv_time_format(t, out, 32);
		return;
	}
	days += 719468;
	doe = days % 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	day = doy - (153 * mp + 2) / 5 + 1;
	month = mp < 10 ? mp + 3 : mp - 9;
	year = yoe + days / 146097 * 400 + (month <= 2);
	two_digits(out, (unsigned)(year / 100));
	two_digits(out + 2, (unsigned)(year % 100));
	out[4] = '-';
	two_digits(out + 5, (unsigned)month);
	out[7] = '-';
	two_digits(out + 8, (unsigned)day);
	out[10] = 'T';
	two_digits(out + 11, (unsigned)(secs / 3600));
	out[13] = ':';
	two_digits(out + 14, (unsigned)(secs / 60 % 60));
	out[16] = ':';
	two_digits(out + 17, (unsigned)(secs % 60));
	out[19] = 'Z';
	out[20] = '\0';
}

/* The handling envelope as iv_view_handling_json's object, in text. */
static void put_handling(struct json_text *t, const struct iv_handling *h)
{
	char grade[3] = {h->source_grade, h->assessment, '\0'};
	char code[2] = {h->code, '\0'};

	put_member(t, "{\"grade\":", grade);
	put_member(t, ",\"handling\":", code);
	put_member(t, ",\"conditions\":", h->conditions);
	put_member(t, ",\"releasable_to\":", h->releasable_to);
	put_member(t, ",\"classification\":", iv_classification_name(h->classification));
	put_member(t, ",\"descriptor\":", h->descriptor);
	put_member(t, ",\"originator\":", h->originator);
	put_member(t, ",\"compartment\":", h->compartment);
	put_member(t, ",\"subject\":", iv_subject_name(h->subject));
	put_member(t, ",\"retention_review\":", h->retention_review);
	put_member(t, ",\"legacy_grade\":", h->legacy_grade);
	put_member(t, ",\"europol\":", h->europol_code);
	put_member(t, ",\"tlp\":", h->tlp);
	put_raw(t, "}");
}

/* Read back from its text (put_handling), so that pages and this say the same. */
json_t *iv_view_handling_json(const struct iv_handling *h)
{
	struct iv_buf text = IV_BUF_INIT;
	struct json_text t = {&text, IV_OK, NULL};
	json_t *j = NULL;

	put_handling(&t, h);
	if (!t.rc)
		j = json_loadb(text.buf, text.len, 0, NULL);
	iv_buf_release(&text);
	return j;
}

/* ---- entity pages ----------------------------------------------------------------------- */

/* What the visible statements of an entity (or of a canonical entity's members) add up to. */
#define PAGE_ENVELOPES  16   /* handling objects a page remembers, to share among its values */
#define PAGE_TEXT_USUAL 8192 /* bytes of an entity page's statements as text, most of the time */

/* An envelope met on a page: the page's own copy, the filter's verdict, its handling text. */
struct page_envelope {
	struct iv_handling h;     /* strings in the page's arena */
	bool visible;             /* iv_access_visible for the page's viewer */
	size_t text_at, text_len; /* its object in handling_text; text_len 0: not made yet */
};

struct page {
	struct iv_view *view;
	struct iv_buf *text;     /* the statements as JSON text, comma-separated; NULL: only
	                          * caption and schema are wanted */
	struct json_text writer; /* onto text */
	size_t seen;             /* visible statements of the current member */
	bool hidden;             /* some statement read was not visible */
	const struct iv_schema *schema;
	struct iv_buf caption;
	/* a record's statements share a few envelopes: the filter is asked once for each (it is
	 * a function of the viewer and the envelope) and each handling object written once */
	struct page_envelope envelopes[PAGE_ENVELOPES];
	size_t nenvelopes;
	struct iv_arena arena;
	struct iv_buf handling_text;
};

static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Every field of the two envelopes is the same. */
static bool same_envelope(const struct iv_handling *a, const struct iv_handling *b)
{
	return a->source_grade == b->source_grade && a->assessment == b->assessment &&
	       a->code == b->code && a->classification == b->classification &&
	       a->subject == b->subject && same_text(a->conditions, b->conditions) &&
	       same_text(a->releasable_to, b->releasable_to) &&
	       same_text(a->descriptor, b->descriptor) && same_text(a->originator, b->originator) &&
	       same_text(a->compartment, b->compartment) &&
	       same_text(a->retention_review, b->retention_review) &&
	       same_text(a->legacy_grade, b->legacy_grade) &&
	       same_text(a->europol_code, b->europol_code) && same_text(a->tlp, b->tlp);
}

/* A copy of s in the arena (NULL stays NULL); false when memory runs out. */
static bool arena_copy(struct iv_arena *a, const char **s)
{
	if (*s)
		*s = iv_arena_strdup(a, *s);
	return *s != NULL;
}

/*
 * The page's entry for envelope h, made (with the filter's verdict) the
 * first time it is met; NULL when the page holds PAGE_ENVELOPES others or
 * memory runs out: the caller then asks the filter itself.  The entry
 * keeps its own copy of h, since a statement's strings are only borrowed
 * for the callback.
 */
static struct page_envelope *page_envelope(struct page *p, const struct iv_handling *h)
{
	struct page_envelope *e;
	struct iv_handling c = *h;

	for (size_t i = 0; i < p->nenvelopes; i++)
		if (same_envelope(&p->envelopes[i].h, h))
			return &p->envelopes[i];
	if (p->nenvelopes == PAGE_ENVELOPES)
		return NULL;
	if (!arena_copy(&p->arena, &c.conditions) || !arena_copy(&p->arena, &c.releasable_to) ||
	    !arena_copy(&p->arena, &c.descriptor) || !arena_copy(&p->arena, &c.originator) ||
	    !arena_copy(&p->arena, &c.compartment) || !arena_copy(&p->arena, &c.retention_review) ||
	    !arena_copy(&p->arena, &c.legacy_grade) || !arena_copy(&p->arena, &c.europol_code) ||
	    !arena_copy(&p->arena, &c.tlp))
		return NULL;
	e = &p->envelopes[p->nenvelopes++];
	e->h = c;
	e->visible = p->view->viewer->local || iv_access_visible(p->view->viewer, &c);
	e->text_at = e->text_len = 0;
	return e;
}

/* Whether the page's viewer sees a statement of envelope h (iv_access_visible). */
static bool page_visible(struct page *p, const struct iv_handling *h)
{
	const struct page_envelope *e;

	if (p->view->viewer->local)
		return true;
	e = page_envelope(p, h);
	return e ? e->visible : iv_access_visible(p->view->viewer, h);
}

/* Write the handling object of h onto the page's text, made once per envelope of the page. */
static void page_handling(struct page *p, const struct iv_handling *h)
{
	struct page_envelope *e = page_envelope(p, h);
	struct json_text t = {&p->handling_text, IV_OK, NULL};
	size_t start = p->handling_text.len;

	if (!e) {
		put_handling(&p->writer, h);
		return;
	}
	if (!e->text_len) {
		put_handling(&t, h);
		if (t.rc) {
			iv_buf_truncate(&p->handling_text, start);
			p->writer.rc = p->writer.rc ? p->writer.rc : t.rc;
			p->writer.bad = p->writer.bad ? p->writer.bad : t.bad;
			return;
		}
		e->text_at = start;
		e->text_len = p->handling_text.len - start;
	}
	if (!p->writer.rc)
		p->writer.rc = iv_buf_add(p->text, p->handling_text.buf + e->text_at, e->text_len);
}

/* The statement as on_statement's object, in text. */
static IV_MUST_USE enum iv_err statement_text(struct page *p, const struct iv_statement *s)
{
	struct json_text *t = &p->writer;
	char first[32], last[32];

	time_text(s->first_seen, first);
	time_text(s->last_seen, last);
	put_member(t, p->text->len ? ",{\"id\":" : "{\"id\":", s->id);
	put_member(t, ",\"entity\":", s->entity);
	put_member(t, ",\"schema\":", s->schema);
	put_member(t, ",\"property\":", s->property);
	put_member(t, ",\"value\":", s->value);
	put_member(t, ",\"original\":", s->original ? s->original : s->value);
	put_member(t, ",\"dataset\":", s->dataset);
	put_member(t, ",\"source_record\":", s->source_record);
	put_raw(t, (s->flags & IV_STMT_INVALID) ? ",\"valid\":false" : ",\"valid\":true");
	put_member(t, ",\"first_seen\":", first);
	put_member(t, ",\"last_seen\":", last);
	put_raw(t, ",\"handling\":");
	page_handling(p, &s->handling);
	put_raw(t, "}");
	/* stops the walk; the caller reports the writer's error */
	return t->rc;
}

static void page_release(struct page *p)
{
	p->nenvelopes = 0;
	iv_arena_release(&p->arena);
	iv_buf_release(&p->handling_text);
	iv_buf_release(&p->caption);
}

static IV_MUST_USE enum iv_err on_statement(void *ctx, const struct iv_statement *s)
{
	struct page *p = ctx;
	const struct iv_schema *ss;

	if (!page_visible(p, &s->handling)) {
		p->hidden = true;
		return IV_OK;
	}
	p->seen++;
	/* the most specific schema the visible statements agree on */
	ss = iv_schema_get(s->schema);
	if (ss && (!p->schema || iv_schema_is_a(ss, iv_schema_name(p->schema))))
		p->schema = ss;
	/* the caption: the least name, as the store's own caption is made */
	if (strcmp(s->property, "name") == 0 &&
	    (p->caption.len == 0 || strcmp(s->value, p->caption.buf) < 0)) {
		iv_buf_reset(&p->caption);
		if (iv_buf_adds(&p->caption, s->value))
			return IV_ERR_NOMEM;
	}
	return p->text ? statement_text(p, s) : IV_OK;
}

static IV_MUST_USE enum iv_err on_member(void *ctx, const char *entity, const char *canonical)
{
	(void)canonical;
	return json_array_append_new((json_t *)ctx, json_string(entity)) ? IV_ERR_NOMEM : IV_OK;
}

struct all_seen {
	const struct iv_viewer *viewer;
	bool all;
};

static IV_MUST_USE enum iv_err on_seen(void *ctx, const struct iv_statement *s)
{
	struct all_seen *a = ctx;

	if (!iv_access_visible(a->viewer, &s->handling)) {
		a->all = false;
		return IV_ERR_DENIED; /* one is enough: stops the walk */
	}
	return IV_OK;
}

enum iv_err iv_view_sees_all(struct iv_view *v, const char *id, bool *all, struct iv_buf *err)
{
	struct all_seen a = {v->viewer, true};
	enum iv_err rc;

	*all = true;
	if (v->viewer->local)
		return IV_OK;
	rc = iv_store_entity_statements(v->st, id, on_seen, &a, err);
	*all = a.all;
	return rc == IV_ERR_DENIED && !a.all ? IV_OK : rc;
}

struct feeders_seen {
	struct iv_view *v;
	bool all;
	struct iv_map *seen; /* feeders found seen whole already (may be NULL) */
	struct iv_buf *err;
};

static IV_MUST_USE enum iv_err feeder_seen(void *ctx, const char *entity)
{
	struct feeders_seen *fs = ctx;
	bool all = true;
	enum iv_err rc = IV_OK;

	/* an account that fed several members of a merge is read once */
	if (!fs->all || (fs->seen && iv_map_has(fs->seen, entity)))
		return IV_OK;
	rc = iv_view_sees_all(fs->v, entity, &all, fs->err);
	if (rc == IV_ERR_NOTFOUND) { /* a feeder since deleted: it shows nothing */
		if (fs->err)
			iv_buf_reset(fs->err);
		rc = IV_OK;
	}
	if (!rc && all && fs->seen && iv_map_put(fs->seen, entity, (void *)1))
		rc = iv_seterr(fs->err, IV_ERR_NOMEM, "out of memory");
	fs->all = fs->all && all;
	return rc;
}

/* Whether the viewer sees every entity that fed record id whole (*all); seen may be NULL. */
static IV_MUST_USE enum iv_err sees_feeders(struct iv_view *v, const char *id, struct iv_map *seen,
                                            bool *all, struct iv_buf *err)
{
	struct feeders_seen fs = {v, true, seen, err};
	enum iv_err rc =
	        v->viewer->local ? IV_OK : iv_resolve_feeders(v->st, id, feeder_seen, &fs, err);

	if (rc == IV_ERR_NOTFOUND) { /* the record itself is unknown */
		if (err)
			iv_buf_reset(err);
		rc = IV_OK;
	}
	*all = !rc && fs.all;
	return rc;
}

enum iv_err iv_view_sees_whole(struct iv_view *v, const char *id, bool *whole, struct iv_buf *err)
{
	enum iv_err rc = iv_view_sees_all(v, id, whole, err);

	if (!rc && *whole)
		rc = sees_feeders(v, id, NULL, whole, err);
	if (rc)
		*whole = false;
	return rc;
}

struct merge_seen {
	struct iv_view *v;
	struct iv_map feeders; /* seen whole already */
	bool whole;
	size_t n; /* members */
	struct iv_buf *err;
};

static IV_MUST_USE enum iv_err member_seen(void *ctx, const char *entity, const char *canonical)
{
	struct merge_seen *ms = ctx;
	enum iv_err rc;

	(void)canonical;
	ms->n++;
	if (!ms->whole || ms->v->viewer->local)
		return IV_OK;
	rc = iv_view_sees_all(ms->v, entity, &ms->whole, ms->err);
	if (!rc && ms->whole)
		rc = sees_feeders(ms->v, entity, &ms->feeders, &ms->whole, ms->err);
	return rc;
}

/*
 * Record id's canonical entity into canonical ("" when it has none), how
 * many members it has (*n) and whether the viewer sees them all whole.
 */
static IV_MUST_USE enum iv_err merge_check(struct iv_view *v, const char *id,
                                           struct iv_buf *canonical, size_t *n, bool *whole,
                                           struct iv_buf *err)
{
	struct merge_seen ms = {v, IV_MAP_INIT, true, 0, err};
	bool own = false;
	enum iv_err rc = iv_store_access_read_begin(v->st, &own, err);

	iv_buf_reset(canonical);
	if (rc)
		return rc;
	rc = iv_store_res_canonical(v->st, id, canonical, err);
	if (rc == IV_ERR_NOTFOUND) { /* not resolved: no merge */
		if (err)
			iv_buf_reset(err);
		iv_buf_reset(canonical);
		rc = IV_OK;
	} else if (!rc) {
		rc = iv_store_res_members(v->st, canonical->buf, member_seen, &ms, err);
	}
	iv_store_access_read_end(v->st, own);
	*n = ms.n;
	*whole = !rc && ms.whole;
	iv_map_release(&ms.feeders);
	return rc;
}

enum iv_err iv_view_sees_merge(struct iv_view *v, const char *id, bool *whole, struct iv_buf *err)
{
	struct iv_buf canonical = IV_BUF_INIT;
	size_t n = 0;
	enum iv_err rc = v->viewer->local ? IV_OK : merge_check(v, id, &canonical, &n, whole, err);

	if (v->viewer->local)
		*whole = true;
	iv_buf_release(&canonical);
	return rc;
}

enum iv_err iv_view_shown_canonical(struct iv_view *v, const char *id, struct iv_buf *canonical,
                                    struct iv_buf *err)
{
	size_t n = 0;
	bool whole = false;
	enum iv_err rc;

	iv_buf_reset(canonical);
	if (!iv_view_merges(v))
		return IV_OK;
	rc = merge_check(v, id, canonical, &n, &whole, err);
	/* a record alone, or in a merge the viewer does not see whole: as its page shows it */
	if (rc || n < 2 || !whole)
		iv_buf_reset(canonical);
	return rc;
}

/*
 * Whether id names a canonical entity rather than a record: it has the
 * shape the resolver gives canonical ids ("c-" and 16 hex digits) and no
 * record of that id holds statements.  A record whose own id happens to
 * begin "c-" is a record like any other.
 */
static IV_MUST_USE enum iv_err canonical_id(struct iv_view *v, const char *id, bool *is,
                                            struct iv_buf *err)
{
	bool exists = false;
	enum iv_err rc;

	*is = false;
	if (strncmp(id, "c-", 2) != 0 || strlen(id) != 18 ||
	    strspn(id + 2, "0123456789abcdef") != 16)
		return IV_OK;
	rc = iv_store_entity_exists(v->st, id, &exists, err);
	*is = !rc && !exists;
	return rc;
}

/*
 * The records that may make up id's page: its canonical entity's members
 * when merges are shown to the viewer, else id alone.  *merged says
 * whether they are a merge, which is shown only when the viewer sees every
 * value of every member.  A canonical id names a merge of two or more
 * records to a viewer (to the operator, any canonical entity): the one of
 * a record alone is unknown to him, as networks name such a record by its
 * own id (lib/graph/project.c).  Were its page shown when he sees the
 * record whole, its 404 would tell him that the record holds a value he may
 * not see, or is fed one by an entity he may not see (a SECRET passport).
 */
static IV_MUST_USE enum iv_err records_of(struct iv_view *v, const char *id,
                                          struct iv_buf *canonical, json_t *ids, bool *merged,
                                          struct iv_buf *err)
{
	bool is_canonical;
	enum iv_err rc;

	*merged = false;
	rc = canonical_id(v, id, &is_canonical, err);
	if (rc)
		return rc;
	if (iv_view_merges(v)) {
		rc = iv_store_res_canonical(v->st, id, canonical, err);
		if (rc == IV_ERR_NOTFOUND) {
			if (err) /* optional, as everywhere */
				iv_buf_reset(err);
			iv_buf_reset(canonical);
			if (!is_canonical)
				goto alone;
			rc = iv_store_res_members(v->st, id, on_member, ids, err);
			if (!rc && json_array_size(ids) == 0)
				return iv_seterr(err, IV_ERR_NOTFOUND, "no entity '%s'", id);
			if (!rc && iv_buf_adds(canonical, id))
				rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
		} else if (!rc) {
			rc = iv_store_res_members(v->st, canonical->buf, on_member, ids, err);
		}
		if (rc)
			return rc;
		*merged = json_array_size(ids) >= (is_canonical && v->viewer->local ? 1u : 2u);
		if (*merged)
			return IV_OK;
		json_array_clear(ids);
		iv_buf_reset(canonical);
	}
alone:
	if (is_canonical && !v->viewer->local)
		return iv_seterr(err, IV_ERR_NOTFOUND, "no entity '%s'", id);
	return json_array_append_new(ids, json_string(id)) ? IV_ERR_NOMEM : IV_OK;
}

/* Read the statements of the records ids into p; shown gets those the viewer sees anything of. */
static IV_MUST_USE enum iv_err read_records(struct iv_view *v, struct page *p, json_t *ids,
                                            json_t *shown, struct iv_buf *err)
{
	for (size_t i = 0; i < json_array_size(ids); i++) {
		const char *member = json_string_value(json_array_get(ids, i));
		enum iv_err rc;

		p->seen = 0;
		rc = iv_store_entity_statements(v->st, member, on_statement, p, err);
		if (rc)
			return rc;
		/* a member the viewer sees nothing of is not named either */
		if (p->seen && json_array_append_new(shown, json_string(member)))
			return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	}
	return IV_OK;
}

/*
 * Read the page of id into p (its statements as text, caption, schema),
 * shown the records the viewer sees anything of and canonical its
 * canonical id when a merge is shown.  IV_ERR_NOTFOUND when the viewer
 * sees nothing of it.
 */
static IV_MUST_USE enum iv_err entity_page(struct iv_view *v, const char *id, struct page *p,
                                           json_t *shown, struct iv_buf *canonical,
                                           struct iv_buf *err)
{
	json_t *ids = json_array();
	struct iv_map feeders = IV_MAP_INIT; /* seen whole already */
	bool merged = false, own = false;
	enum iv_err rc;

	if (!ids)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	/* one snapshot for the whole page: its merge, members and statements agree, and the
	 * store starts one read transaction instead of one per query */
	rc = iv_store_access_read_begin(v->st, &own, err);
	if (rc) {
		json_decref(ids);
		return rc;
	}
	rc = records_of(v, id, canonical, ids, &merged, err);
	if (!rc)
		rc = read_records(v, p, ids, shown, err);
	/* and on every value fed into them (a passport's number into its holder's record) */
	for (size_t i = 0; !rc && merged && !p->hidden && i < json_array_size(ids); i++) {
		bool all;

		rc = sees_feeders(v, json_string_value(json_array_get(ids, i)), &feeders, &all,
		                  err);
		p->hidden = p->hidden || !all;
	}
	iv_map_release(&feeders);
	if (!rc && merged && p->hidden) {
		/* a merge rests on every value of every member: the viewer does not see them all,
		 * so the page is the record alone (a canonical id is then unknown to them) */
		bool is_canonical;

		if (p->text)
			iv_buf_reset(p->text);
		json_array_clear(shown);
		json_array_clear(ids);
		iv_buf_reset(canonical);
		p->schema = NULL;
		iv_buf_reset(&p->caption);
		rc = canonical_id(v, id, &is_canonical, err);
		if (rc)
			goto out;
		if (is_canonical)
			rc = iv_seterr(err, IV_ERR_NOTFOUND, "no entity '%s'", id);
		else if (json_array_append_new(ids, json_string(id)))
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
		else
			rc = read_records(v, p, ids, shown, err);
	}
	if (p->text && p->writer.rc)
		rc = json_text_fail(&p->writer, id, err);
	if (!rc && json_array_size(shown) == 0)
		rc = iv_seterr(err, IV_ERR_NOTFOUND, "no entity '%s'", id);
out:
	iv_store_access_read_end(v->st, own);
	json_decref(ids);
	return rc;
}

/* The caption a page shows: its least visible name, else its first record's id. */
static const char *page_caption(const struct page *p, json_t *shown)
{
	return p->caption.len ? p->caption.buf : json_string_value(json_array_get(shown, 0));
}

/* The JSON form is read back from the text, so that both say the same, by construction. */
enum iv_err iv_view_entity(struct iv_view *v, const char *id, json_t **out, struct iv_buf *err)
{
	struct iv_buf text = IV_BUF_INIT;
	enum iv_err rc = iv_view_entity_write(v, id, &text, NULL, err);

	*out = NULL;
	if (!rc) {
		*out = json_loadb(text.buf, text.len, 0, NULL);
		if (!*out)
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	}
	iv_buf_release(&text);
	return rc;
}

enum iv_err iv_view_entity_write(struct iv_view *v, const char *id, struct iv_buf *out,
                                 struct iv_buf *members, struct iv_buf *err)
{
	struct page p;
	struct iv_buf canonical = IV_BUF_INIT, statements = IV_BUF_INIT;
	struct json_text t = {out, IV_OK, NULL};
	json_t *shown = json_array();
	size_t out_len = out->len, members_len = members ? members->len : 0;
	enum iv_err rc;

	memset(&p, 0, sizeof(p));
	p.view = v;
	p.text = &statements;
	p.writer.b = &statements;
	/* room for a usual page at once, rather than growing it by doubling from a few bytes */
	if (!shown || iv_buf_grow(&statements, PAGE_TEXT_USUAL) ||
	    iv_buf_grow(&p.handling_text, PAGE_TEXT_USUAL / 4)) {
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
		goto out;
	}
	rc = entity_page(v, id, &p, shown, &canonical, err);
	if (rc)
		goto out;
	if (iv_buf_grow(out, statements.len + 1024)) {
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
		goto out;
	}
	put_member(&t, "{\"id\":", id);
	put_member(&t, ",\"schema\":", p.schema ? iv_schema_name(p.schema) : "Thing");
	put_member(&t, ",\"caption\":", page_caption(&p, shown));
	if (canonical.len)
		put_member(&t, ",\"canonical\":", canonical.buf);
	else
		put_raw(&t, ",\"canonical\":null");
	put_raw(&t, ",\"members\":[");
	for (size_t i = 0; i < json_array_size(shown); i++) {
		const char *member = json_string_value(json_array_get(shown, i));

		if (i)
			put_raw(&t, ",");
		put_str(&t, member);
		if (members && !t.rc) {
			struct json_text m = {members, IV_OK, NULL};
			if (members->len)
				put_raw(&m, ",");
			put_str(&m, member);
			t.rc = m.rc;
		}
	}
	put_raw(&t, "],\"statements\":[");
	if (!t.rc)
		t.rc = iv_buf_add(out, statements.buf, statements.len);
	put_raw(&t, "]}");
	if (t.rc)
		rc = json_text_fail(&t, id, err);
out:
	if (rc) {
		iv_buf_truncate(out, out_len);
		if (members)
			iv_buf_truncate(members, members_len);
	}
	json_decref(shown);
	page_release(&p);
	iv_buf_release(&statements);
	iv_buf_release(&canonical);
	return rc;
}

/* ---- one record's visible values ----------------------------------------------------------- */

struct record_read {
	struct iv_view *view;
	struct view_record *rec;
};

static IV_MUST_USE enum iv_err on_record_statement(void *ctx, const struct iv_statement *s)
{
	struct record_read *rr = ctx;
	struct view_record *rec = rr->rec;
	const struct iv_schema *ss;
	const struct iv_property *prop;
	struct view_value *val;

	if (!rr->view->viewer->local && !iv_access_visible(rr->view->viewer, &s->handling))
		return IV_OK;
	if (iv_array_grow(&rec->values, &rec->alloc, rec->n + 1, sizeof(*rec->values), 16))
		return IV_ERR_NOMEM;
	/* schema and caption as an entity page makes them */
	ss = iv_schema_get(s->schema);
	if (ss && (!rec->schema || iv_schema_is_a(ss, iv_schema_name(rec->schema))))
		rec->schema = ss;
	prop = ss ? iv_schema_property(ss, s->property) : NULL;
	val = &rec->values[rec->n];
	memcpy(val->id, s->id, sizeof(val->id));
	val->property = iv_arena_strdup(&rec->arena, s->property);
	val->value = iv_arena_strdup(&rec->arena, s->value);
	val->dataset = iv_arena_strdup(&rec->arena, s->dataset);
	if (!val->property || !val->value || !val->dataset)
		return IV_ERR_NOMEM;
	val->type = prop ? prop->type : IV_TYPE_STRING;
	val->valid = !(s->flags & IV_STMT_INVALID);
	val->grade[0] = s->handling.source_grade;
	val->grade[1] = s->handling.assessment;
	val->grade[2] = '\0';
	if (s->handling.classification > rec->level)
		rec->level = s->handling.classification;
	if (strcmp(s->property, "name") == 0 &&
	    (!rec->caption || strcmp(val->value, rec->caption) < 0))
		rec->caption = val->value;
	rec->n++;
	return IV_OK;
}

enum iv_err view_record_read(struct iv_view *v, const char *id, struct view_record *rec,
                             struct iv_buf *err)
{
	struct record_read rr = {v, rec};
	enum iv_err rc;

	iv_arena_release(&rec->arena);
	rec->schema = NULL;
	rec->caption = NULL;
	rec->n = 0;
	rec->level = IV_CLASS_OFFICIAL;
	rc = iv_store_entity_statements(v->st, id, on_record_statement, &rr, err);
	if (rc == IV_ERR_NOMEM)
		iv_seterr(err, rc, "out of memory");
	return rc;
}

void view_record_release(struct view_record *rec)
{
	iv_arena_release(&rec->arena);
	iv_free(rec->values);
	rec->values = NULL;
	rec->n = rec->alloc = 0;
}

const char *view_record_schema(const struct view_record *rec)
{
	return rec->schema ? iv_schema_name(rec->schema) : "Thing";
}

/* ---- search -------------------------------------------------------------------------------- */

struct hit {
	double score;
	char id[];
};

static IV_MUST_USE enum iv_err on_hit(void *ctx, const struct iv_entity_hit *hit)
{
	struct iv_vec *hits = ctx;
	size_t n = strlen(hit->id) + 1;
	struct hit *h = iv_malloc(sizeof(*h) + n);

	if (!h)
		return IV_ERR_NOMEM;
	h->score = hit->score;
	memcpy(h->id, hit->id, n);
	if (iv_vec_push(hits, h)) {
		iv_free(h);
		return IV_ERR_NOMEM;
	}
	return IV_OK;
}

/* Best score first, then by id: an order made only of what the viewer sees. */
static int by_score(const void *x, const void *y)
{
	const struct hit *a = *(struct hit *const *)x, *b = *(struct hit *const *)y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return strcmp(a->id, b->id);
}

/* One result: caption and schema from what the viewer may see of the record. */
static json_t *result_json(struct iv_view *v, const struct hit *h, struct iv_buf *err,
                           enum iv_err *rc)
{
	struct page p;
	json_t *o;

	memset(&p, 0, sizeof(p));
	p.view = v;
	*rc = iv_store_entity_statements(v->st, h->id, on_statement, &p, err);
	if (*rc) {
		page_release(&p);
		return NULL;
	}
	o = json_pack("{s:s, s:s, s:s, s:f}", "id", h->id, "schema",
	              p.schema ? iv_schema_name(p.schema) : "Thing", "caption",
	              p.caption.len ? p.caption.buf : h->id, "score", h->score);
	page_release(&p);
	if (!o)
		*rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	return o;
}

/* ---- search filters and facets ---- */

void iv_view_search_opts_init(struct iv_view_search_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->from = o->to = IV_VIEW_OPEN;
}

static bool filtering(const struct iv_view_search_opts *o)
{
	return o && (o->dataset || o->country || o->grade[0] || o->from != IV_VIEW_OPEN ||
	             o->to != IV_VIEW_OPEN);
}

/* Whether a date value (partial allowed) overlaps the window [from, to]. */
static bool date_in_window(const char *value, int64_t from, int64_t to)
{
	struct iv_date d;

	if (iv_date_parse(value, &d) != IV_OK)
		return false;
	if (from != IV_VIEW_OPEN && iv_date_seconds(&d, true) < from)
		return false;
	return to == IV_VIEW_OPEN || iv_date_seconds(&d, false) <= to;
}

/* Whether a record meets every filter of o. */
static bool record_kept(const struct view_record *rec, const struct iv_view_search_opts *o)
{
	bool dataset = !o->dataset, country = !o->country, grade = !o->grade[0];
	bool dated = o->from == IV_VIEW_OPEN && o->to == IV_VIEW_OPEN;

	for (size_t i = 0; i < rec->n; i++) {
		const struct view_value *val = &rec->values[i];

		dataset = dataset || strcmp(val->dataset, o->dataset) == 0;
		grade = grade || strcmp(val->grade, o->grade) == 0;
		country = country || (val->valid && val->type == IV_TYPE_COUNTRY &&
		                      strcmp(val->value, o->country) == 0);
		dated = dated || (val->valid && val->type == IV_TYPE_DATE &&
		                  date_in_window(val->value, o->from, o->to));
	}
	return dataset && country && grade && dated;
}

/* Facets as they are counted: an object per facet, value -> count. */
enum { FACET_SCHEMA, FACET_DATASET, FACET_COUNTRY, FACET_GRADE, FACET_YEAR, NFACETS };
static const char *const facet_names[NFACETS] = {"schema", "dataset", "country", "grade", "year"};

struct facets {
	json_t *counts[NFACETS];
	json_t *seen; /* "<facet><value>" of the record being counted: each counted once */
};

static IV_MUST_USE enum iv_err facet_count(struct facets *f, int facet, const char *value)
{
	struct iv_buf key = IV_BUF_INIT;
	json_t *c;
	enum iv_err rc = IV_OK;

	if (iv_buf_addch(&key, (char)('0' + facet)) || iv_buf_adds(&key, value))
		rc = IV_ERR_NOMEM;
	else if (json_object_get(f->seen, key.buf))
		goto out;
	else if (json_object_set_new(f->seen, key.buf, json_null()))
		rc = IV_ERR_NOMEM;
	else if ((c = json_object_get(f->counts[facet], value)))
		rc = json_integer_set(c, json_integer_value(c) + 1) ? IV_ERR_NOMEM : IV_OK;
	else
		rc = json_object_set_new(f->counts[facet], value, json_integer(1)) ? IV_ERR_NOMEM
		                                                                   : IV_OK;
out:
	iv_buf_release(&key);
	return rc;
}

static IV_MUST_USE enum iv_err facets_add(struct facets *f, const struct view_record *rec)
{
	enum iv_err rc;

	json_object_clear(f->seen);
	rc = facet_count(f, FACET_SCHEMA, view_record_schema(rec));
	for (size_t i = 0; !rc && i < rec->n; i++) {
		const struct view_value *val = &rec->values[i];
		struct iv_date d;
		char year[16];

		rc = facet_count(f, FACET_DATASET, val->dataset);
		if (!rc)
			rc = facet_count(f, FACET_GRADE, val->grade);
		if (!rc && val->valid && val->type == IV_TYPE_COUNTRY)
			rc = facet_count(f, FACET_COUNTRY, val->value);
		if (!rc && val->valid && val->type == IV_TYPE_DATE &&
		    iv_date_parse(val->value, &d) == IV_OK) {
			snprintf(year, sizeof(year), "%04d", d.year);
			rc = facet_count(f, FACET_YEAR, year);
		}
	}
	return rc;
}

static int by_key(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The same object with its keys in byte order (a new reference; NULL on no memory). */
static json_t *sorted_object(json_t *obj)
{
	size_t n = json_object_size(obj), i = 0;
	const char **keys = iv_malloc((n + 1) * sizeof(*keys));
	json_t *out = json_object(), *val;
	const char *key;

	if (!keys || !out) {
		iv_free(keys);
		json_decref(out);
		return NULL;
	}
	json_object_foreach(obj, key, val)
	{
		keys[i++] = key;
	}
	qsort(keys, n, sizeof(*keys), by_key);
	for (i = 0; out && i < n; i++)
		if (json_object_set(out, keys[i], json_object_get(obj, keys[i]))) {
			json_decref(out);
			out = NULL;
		}
	iv_free(keys);
	return out;
}

static json_t *facets_json(const struct facets *f)
{
	json_t *out = json_object();

	for (int i = 0; out && i < NFACETS; i++)
		if (json_object_set_new(out, facet_names[i], sorted_object(f->counts[i]))) {
			json_decref(out);
			out = NULL;
		}
	return out;
}

/*
 * Read the first IV_VIEW_SCAN_MAX hits whole: those the filters keep go
 * to kept (borrowed), and are counted in f when facets are wanted.
 */
static IV_MUST_USE enum iv_err scan_hits(struct iv_view *v, const struct iv_vec *hits,
                                         const struct iv_view_search_opts *o, struct iv_vec *kept,
                                         struct facets *f, struct iv_buf *err)
{
	struct view_record rec = VIEW_RECORD_INIT;
	enum iv_err rc = IV_OK;

	for (size_t i = 0; !rc && i < hits->len && i < IV_VIEW_SCAN_MAX; i++) {
		const struct hit *h = hits->items[i];

		rc = view_record_read(v, h->id, &rec, err);
		if (rc || !record_kept(&rec, o))
			continue;
		if (iv_vec_push(kept, hits->items[i]))
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
		else if (o->facets && facets_add(f, &rec))
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	}
	view_record_release(&rec);
	return rc;
}

static void facets_release(struct facets *f)
{
	for (int i = 0; i < NFACETS; i++)
		json_decref(f->counts[i]);
	json_decref(f->seen);
}

/* Add "facets" and the capped flags to a search's reply. */
static IV_MUST_USE enum iv_err search_extras(json_t *out, const struct iv_view_search_opts *o,
                                             const struct facets *f, bool capped)
{
	if (o->facets && (json_object_set_new(out, "facets", facets_json(f)) ||
	                  json_object_set_new(out, "facets_capped", json_boolean(capped))))
		return IV_ERR_NOMEM;
	if (filtering(o) && json_object_set_new(out, "filters_capped", json_boolean(capped)))
		return IV_ERR_NOMEM;
	return IV_OK;
}

enum iv_err iv_view_search(struct iv_view *v, const char *query, const char *schema,
                           const struct iv_view_search_opts *opts, size_t offset, size_t limit,
                           json_t **out, struct iv_buf *err)
{
	struct iv_vec hits = IV_VEC_INIT, kept = IV_VEC_INIT;
	const struct iv_vec *list = &hits;
	struct facets f;
	json_t *results = json_array();
	bool scan = filtering(opts) || (opts && opts->facets);
	enum iv_err rc;

	*out = NULL;
	memset(&f, 0, sizeof(f));
	if (!results)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	rc = iv_store_search_visible(v->st, query, schema,
	                             v->viewer->local ? NULL : iv_view_envelope_visible, v, on_hit,
	                             &hits, err);
	if (rc == IV_ERR_NOMEM)
		iv_seterr(err, rc, "out of memory");
	if (!rc && hits.len > 1)
		qsort(hits.items, hits.len, sizeof(*hits.items), by_score);
	if (!rc && scan) {
		for (int i = 0; i < NFACETS; i++)
			f.counts[i] = json_object();
		f.seen = json_object();
		for (int i = 0; i < NFACETS; i++)
			if (!f.counts[i] || !f.seen)
				rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
		if (!rc)
			rc = scan_hits(v, &hits, opts, &kept, &f, err);
		if (filtering(opts))
			list = &kept;
	}
	for (size_t i = offset; !rc && i < list->len && i < offset + limit; i++) {
		json_t *o = result_json(v, list->items[i], err, &rc);
		if (o && json_array_append_new(results, o))
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	}
	if (!rc) {
		*out = json_pack("{s:I, s:O}", "total", (json_int_t)list->len, "results", results);
		if (!*out || (scan && search_extras(*out, opts, &f, hits.len > IV_VIEW_SCAN_MAX))) {
			json_decref(*out);
			*out = NULL;
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
		}
	}
	json_decref(results);
	facets_release(&f);
	iv_vec_release(&kept);
	iv_vec_release_all(&hits);
	return rc;
}

/* ---- networks ---------------------------------------------------------------------------------
 */

enum iv_err iv_view_project(struct iv_view *v, struct iv_graph_project_opts *opts,
                            struct iv_graph **out, struct iv_buf *err)
{
	if (v->viewer->local) {
		opts->visible = NULL;
		opts->visible_ctx = NULL;
	} else {
		opts->visible = iv_view_envelope_visible;
		opts->visible_ctx = v;
	}
	opts->merges = iv_view_merges(v);
	return iv_graph_project(v->st, opts, out, NULL, err);
}
