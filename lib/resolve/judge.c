/*
 * judge.c - what people do with the engine's output: explanations of a
 * pair, judgements (same / different / unsure) that always win, unmerge,
 * and the review queue of uncertain pairs.
 *
 * A judgement is stored with its user and time and never deleted: a
 * later judgement on the same pair overrides an earlier one, which is
 * how a merge or a split is undone, and a withdrawal ("withdrawn", itself
 * a judgement kept with its user, time and note) takes back the latest
 * one standing, so the one before it stands again, or the engine decides.
 * Judgements that contradict each other (a chain of "same" joining two
 * entities judged "different") are refused before anything is written.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "iv/schema.h"
#include "resolve/resolve_int.h"

#include "iv/util.h"

/* ---- which family an entity is in -------------------------------------------------- */

struct schema_out {
	char schema[64];
};

static IV_MUST_USE enum iv_err got_schema(void *ctx, const struct iv_entity_hit *hit)
{
	struct schema_out *o = ctx;

	snprintf(o->schema, sizeof(o->schema), "%s", hit->schema);
	return IV_OK;
}

static IV_MUST_USE enum iv_err family_of_entity(struct iv_store *st, const char *eid,
                                                const struct rv_family **fam, struct iv_buf *err)
{
	struct schema_out o = {{0}};
	enum iv_err rc = iv_store_entity_get(st, eid, got_schema, &o, err);

	if (rc == IV_ERR_NOTFOUND)
		return iv_seterr(err, rc, "no entity '%s'", eid);
	if (rc)
		return rc;
	*fam = NULL;
	for (size_t i = 0; i < IV_RESOLVE_NFAMILIES && !*fam; i++)
		if (rv_family_has(&rv_families[i], o.schema))
			*fam = &rv_families[i];
	if (!*fam)
		return iv_seterr(err, IV_ERR_INVALID, "'%s' is a %s, which is not resolved", eid,
		                 o.schema);
	return IV_OK;
}

static IV_MUST_USE enum iv_err same_family(struct iv_store *st, const char *a, const char *b,
                                           const struct rv_family **fam, struct iv_buf *err)
{
	const struct rv_family *fb;
	enum iv_err rc = family_of_entity(st, a, fam, err);

	if (!rc)
		rc = family_of_entity(st, b, &fb, err);
	if (!rc && fb != *fam)
		rc = iv_seterr(err, IV_ERR_INVALID,
		               "'%s' is a %s and '%s' a %s: they cannot be "
		               "the same",
		               a, (*fam)->name, b, fb->name);
	if (!rc && strcmp(a, b) == 0)
		rc = iv_seterr(err, IV_ERR_INVALID, "give two different entities");
	return rc;
}

/* ---- feeders ----------------------------------------------------------------------------- */

/* The references to a record: the feeding entities, and the payments with their side. */
struct feeders {
	const struct rv_family *fam;
	struct iv_vec ids;   /* char *: feeding entities */
	struct iv_vec pays;  /* char *: payments naming the record as a party */
	struct iv_vec sides; /* const char *: the account property of the record's side */
	const char *side;    /* while reading one payment: the property wanted */
};

/* Whether a property is one a feed points at the records it feeds by. */
static bool feeds_along(enum rv_feed feed, const char *property)
{
	for (const char *const *p = rv_feed_refs(feed); *p; p++)
		if (strcmp(*p, property) == 0)
			return true;
	return false;
}

/* A reference to the record: from a feeding entity, along a property it feeds by. */
static IV_MUST_USE enum iv_err feeder_ref(void *ctx, const struct iv_statement *s)
{
	struct feeders *fd = ctx;
	enum rv_feed feed = rv_feed_of(fd->fam, s->schema);
	const char *side = NULL;
	char *id;

	if (feed == RV_FEED_NONE || !feeds_along(feed, s->property))
		return IV_OK;
	id = iv_strdup(s->entity);
	if (!id || iv_vec_push(&fd->ids, id)) {
		iv_free(id);
		return IV_ERR_NOMEM;
	}
	if (feed == RV_FEED_PAYMENT)
		side = rv_payment_account_of(s->property);
	if (side) {
		id = iv_strdup(s->entity);
		if (!id || iv_vec_push(&fd->pays, id)) {
			iv_free(id);
			return IV_ERR_NOMEM;
		}
		if (iv_vec_push(&fd->sides, (void *)side))
			return IV_ERR_NOMEM;
	}
	return IV_OK;
}

/* A payment's account on the record's side. */
static IV_MUST_USE enum iv_err feeder_account(void *ctx, const struct iv_statement *s)
{
	struct feeders *fd = ctx;
	char *id;

	if (strcmp(s->property, fd->side) != 0)
		return IV_OK;
	id = iv_strdup(s->value);
	if (!id || iv_vec_push(&fd->ids, id)) {
		iv_free(id);
		return IV_ERR_NOMEM;
	}
	return IV_OK;
}

/* What the last run stored as having fed a record ("fed_by"), when it says. */
struct stored_fed {
	struct iv_vec ids; /* char * */
	bool known;
};

static IV_MUST_USE enum iv_err push_fed(void *ctx, const char *eid)
{
	struct stored_fed *sf = ctx;
	char *id = iv_strdup(eid);

	if (!id || iv_vec_push(&sf->ids, id)) {
		iv_free(id);
		return IV_ERR_NOMEM;
	}
	return IV_OK;
}

static IV_MUST_USE enum iv_err read_stored_fed(void *ctx, const char *eid, const char *family,
                                               const char *text)
{
	struct stored_fed *sf = ctx;
	json_t *root = json_loads(text, 0, NULL);
	enum iv_err rc = rv_json_fed(root, push_fed, sf, &sf->known); /* damaged: does not say */

	(void)eid;
	(void)family;
	json_decref(root);
	return rc;
}

/*
 * The feeders the last run stored with the record (*known false when it
 * stored none, or did not say): exactly what its values, and so its links
 * and merges, came from.
 */
static IV_MUST_USE enum iv_err stored_feeders(struct iv_store *st, const char *entity,
                                              iv_resolve_feeder_fn fn, void *ctx, bool *known,
                                              struct iv_buf *err)
{
	struct stored_fed sf = {IV_VEC_INIT, false};
	enum iv_err rc = iv_store_res_get_record(st, entity, read_stored_fed, &sf, err);

	if (rc == IV_ERR_NOTFOUND) { /* not resolved yet */
		if (err)
			iv_buf_reset(err);
		rc = IV_OK;
	}
	if (rc == IV_ERR_NOMEM)
		rc = iv_seterr(err, rc, "out of memory reading what fed '%s'", entity);
	/* handed over once the store's read is done: fn may read the store too */
	for (size_t i = 0; !rc && sf.known && i < sf.ids.len; i++)
		rc = fn(ctx, sf.ids.items[i]);
	*known = !rc && sf.known;
	iv_vec_release_all(&sf.ids);
	return rc;
}

enum iv_err iv_resolve_feeders(struct iv_store *st, const char *entity, iv_resolve_feeder_fn fn,
                               void *ctx, struct iv_buf *err)
{
	struct feeders fd = {0};
	struct iv_map once = IV_MAP_INIT; /* an account many payments name is handed over once */
	bool known = false;
	enum iv_err rc = stored_feeders(st, entity, fn, ctx, &known, err);

	if (rc || known)
		return rc;
	rc = family_of_entity(st, entity, &fd.fam, err);

	if (rc == IV_ERR_INVALID) { /* of no resolved family: nothing feeds it */
		if (err)
			iv_buf_reset(err);
		return IV_OK;
	}
	if (!rc && fd.fam->feeds[0] == RV_FEED_NONE) /* a family nothing feeds: no walk */
		return IV_OK;
	if (!rc)
		rc = iv_store_referrers(st, entity, feeder_ref, &fd, err);
	for (size_t i = 0; !rc && i < fd.pays.len; i++) {
		fd.side = fd.sides.items[i];
		rc = iv_store_entity_statements(st, fd.pays.items[i], feeder_account, &fd, err);
	}
	for (size_t i = 0; !rc && i < fd.ids.len; i++) {
		if (iv_map_has(&once, fd.ids.items[i]))
			continue;
		rc = iv_map_put(&once, fd.ids.items[i], (void *)1);
		if (!rc)
			rc = fn(ctx, fd.ids.items[i]);
	}
	iv_map_release(&once);
	if (rc == IV_ERR_NOMEM)
		rc = iv_seterr(err, rc, "out of memory reading what feeds '%s'", entity);
	iv_vec_release_all(&fd.ids);
	iv_vec_release_all(&fd.pays);
	iv_vec_release(&fd.sides);
	return rc;
}

/* ---- explain ----------------------------------------------------------------------------- */

/* What fed record rec into out: the ids that fit, each ended by '\0'. */
static void explain_fed(const struct rv_set *set, size_t rec, struct iv_resolve_fed *out)
{
	size_t lo, hi, used = 0;

	memset(out, 0, sizeof(*out));
	out->known = rv_record_fed(set, rec, &lo, &hi);
	if (!out->known)
		return;
	out->n = hi - lo;
	for (size_t i = lo; i < hi; i++) {
		size_t len = strlen(set->fed[i].eid);

		if (used + len + 1 > sizeof(out->ids))
			break;
		memcpy(out->ids + used, set->fed[i].eid, len + 1);
		used += len + 1;
		out->listed++;
	}
}

struct stored {
	struct rv_set *set;
	struct iv_buf *err;
};

static IV_MUST_USE enum iv_err add_stored(void *ctx, const char *eid, const char *family,
                                          const char *text)
{
	struct stored *sd = ctx;

	(void)family;
	return rv_set_add_text(sd->set, eid, text, sd->err);
}

/* A record from what was stored at the last run, else from the entity's statements now. */
static IV_MUST_USE enum iv_err load_one(struct iv_store *st, struct rv_set *set, const char *eid,
                                        struct iv_buf *err)
{
	struct rv_loader l;
	struct stored sd = {set, err};
	enum iv_err rc = iv_store_res_get_record(st, eid, add_stored, &sd, err);

	if (rc != IV_ERR_NOTFOUND)
		return rc;
	if (err)
		iv_buf_reset(err);
	rv_loader_init(&l, set);
	rc = iv_store_entity_statements(st, eid, rv_loader_statement, &l, err);
	if (!rc)
		rc = rv_loader_end(&l, err);
	rv_loader_release(&l);
	if (!rc && rv_set_find(set, eid) < 0)
		rc = iv_seterr(err, IV_ERR_NOTFOUND, "no entity '%s'", eid);
	return rc;
}

/*
 * Copy at most n - 1 bytes of len bytes of s, cut at a UTF-8 character
 * boundary, with control characters (an identifier's parts are kept apart
 * by \x1f; a source's text may hold any) shown as spaces.
 */
static void copy_text(char *dst, size_t n, const char *s, size_t len)
{
	if (len >= n) {
		len = n - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	}
	memcpy(dst, s, len);
	dst[len] = '\0';
	for (char *p = dst; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
}

static void copy_value(char *dst, size_t n, const struct rv_set *set, long v)
{
	const char *s = v >= 0 ? set->vals[v].v : "";

	copy_text(dst, n, s, strlen(s));
}

/*
 * What identifier_side looks for in an entity's statements: one of the
 * identifier's property whose compared form is the record's value, and the
 * value that scopes the entity's own identifiers of that kind (its
 * nationality, a passport's country), as the loader reads it.
 */
struct written {
	const struct rv_strong *rs; /* the family's identifier of that kind */
	const char *compared;       /* the record's value, as compared */
	struct iv_buf form, scope;
	char *out;
	size_t n;
	bool found, scoped;
};

static IV_MUST_USE enum iv_err written_statement(void *ctx, const struct iv_statement *s)
{
	struct written *w = ctx;
	enum iv_err rc;

	if (w->rs->scope && !w->scoped && strcmp(s->property, w->rs->scope) == 0 &&
	    !iv_country_is_status(s->value)) {
		/* as the loader keeps it (strong_text): the value itself */
		iv_buf_reset(&w->scope);
		if (iv_buf_adds(&w->scope, s->value))
			return IV_ERR_NOMEM;
		w->scoped = true;
	}
	if (w->found || strcmp(s->property, w->rs->prop) != 0)
		return IV_OK;
	rc = rv_ident_form(w->rs->kind, s->value, &w->form);
	if (rc)
		return rc;
	if (w->form.buf && strcmp(w->form.buf, w->compared) == 0) {
		const char *text = s->original && *s->original ? s->original : s->value;

		copy_text(w->out, w->n, text, strlen(text));
		w->found = true;
	}
	return IV_OK;
}

/*
 * One side of the identifier: its value as the entity's own statements
 * received it, else as compared (a value another entity gave it: a
 * passport's number to its holder, or an account number read out of an
 * IBAN).  An own statement of another scope (the holder's British passport
 * against an Iraqi one he was given with the same number) is not it.
 */
static IV_MUST_USE enum iv_err identifier_side(struct iv_store *st, const struct rv_family *fam,
                                               const char *eid, const char *strong, char *out,
                                               size_t n, struct iv_buf *err)
{
	struct written w = {.out = out, .n = n};
	const char *kind, *scope;
	size_t klen, slen;
	int k;
	enum iv_err rc;

	rv_strong_parts(strong, &kind, &klen, &scope, &slen, &w.compared);
	copy_text(out, n, w.compared, strlen(w.compared));
	k = rv_kind_index(fam, kind, klen);
	if (k < 0)
		return IV_OK;
	w.rs = &fam->s[k];
	iv_buf_init(&w.form, 0);
	iv_buf_init(&w.scope, 0);
	rc = iv_store_entity_statements(st, eid, written_statement, &w, err);
	if (rc) {
		char why[200];

		copy_text(why, sizeof(why), err && err->len ? err->buf : iv_err_name(rc),
		          err && err->len ? err->len : strlen(iv_err_name(rc)));
		rc = iv_seterr(err, rc, "reading the identifiers of '%s': %s", eid, why);
	} else if (w.found && slen &&
	           (!w.scoped || w.scope.len != slen || memcmp(w.scope.buf, scope, slen) != 0)) {
		copy_text(out, n, w.compared, strlen(w.compared)); /* another scope's */
	}
	iv_buf_release(&w.form);
	iv_buf_release(&w.scope);
	return rc;
}

/*
 * The strong identifier a pair shares (or holds in conflict), for the
 * explanation; the compared form is a's (two in conflict differ).
 */
static IV_MUST_USE enum iv_err
identifier_forms(struct iv_store *st, const struct rv_family *fam, const char *a, const char *b,
                 const struct rv_compare *c, struct iv_resolve_explanation *out, struct iv_buf *err)
{
	const char *kind, *scope, *value;
	size_t klen, slen;
	enum iv_err rc;

	rv_strong_parts(c->strong_value, &kind, &klen, &scope, &slen, &value);
	copy_text(out->identifier.kind, sizeof(out->identifier.kind), kind, klen);
	copy_text(out->identifier.scope, sizeof(out->identifier.scope), scope, slen);
	if (c->strong < 0 && c->strong_other) {
		const char *kind_b, *scope_b, *value_b;
		size_t klen_b, slen_b;

		rv_strong_parts(c->strong_other, &kind_b, &klen_b, &scope_b, &slen_b, &value_b);
		if (slen_b != slen || memcmp(scope_b, scope, slen) != 0)
			copy_text(out->identifier.scope_b, sizeof(out->identifier.scope_b),
			          slen_b ? scope_b : "(none)", slen_b ? slen_b : strlen("(none)"));
	}
	copy_text(out->identifier.compared, sizeof(out->identifier.compared), value, strlen(value));
	rc = identifier_side(st, fam, a, c->strong_value, out->identifier.a,
	                     sizeof(out->identifier.a), err);
	if (!rc)
		rc = identifier_side(st, fam, b,
		                     c->strong_other ? c->strong_other : c->strong_value,
		                     out->identifier.b, sizeof(out->identifier.b), err);
	return rc;
}

/* identifier_text at its longest: the fields and the words between them */
#define IDENT_TEXT (sizeof(struct iv_resolve_identifier) + 32)
/* ... and the rule that says it, with the longest words around it */
_Static_assert(sizeof(((struct iv_resolve_explanation *)0)->rule) >= IDENT_TEXT + 200,
               "an explanation's rule holds the identifier in words");

/*
 * The identifier in words: "iban GB29 NWBK 6016 1331 9268 19 (compared as
 * GBNWBK60161331926819)", both sides when they write it otherwise, "and"
 * between two values in conflict, and the second one's scope when it is
 * another ("username Facebook berhane.tekle87 and Telegram berhanetekle88").
 */
static void identifier_text(const struct iv_resolve_identifier *id, bool conflict, char *out,
                            size_t n)
{
	bool one = strcmp(id->a, id->b) == 0 && !*id->scope_b;
	bool as_written = one && strcmp(id->a, id->compared) == 0;

	snprintf(out, n, "%s%s%s %s%s%s%s%s%s%s%s", id->kind, *id->scope ? " " : "", id->scope,
	         id->a,
	         one        ? ""
	         : conflict ? " and "
	                    : " = ",
	         id->scope_b, *id->scope_b ? " " : "", one ? "" : id->b,
	         conflict || as_written ? "" : " (compared as ",
	         conflict || as_written ? "" : id->compared, conflict || as_written ? "" : ")");
}

/* The judgements on one pair that stand, oldest first: a withdrawal takes the latest back. */
struct last_judgement {
	const char *other;
	struct iv_vec texts;    /* char *, owned: "same by alice at ...: note" */
	struct iv_buf verdicts; /* 's', 'd', 'u', one per text */
};

/* A feature's name as words (birth_date: "birth date"), into out. */
static const char *words_of(const char *name, char *out, size_t n)
{
	snprintf(out, n, "%s", name);
	for (char *p = out; *p; p++)
		if (*p == '_')
			*p = ' ';
	return out;
}

static IV_MUST_USE enum iv_err last_judgement(void *ctx, const struct iv_judgement *j)
{
	struct last_judgement *lj = ctx;
	struct iv_buf text;
	char at[32];
	enum iv_err rc;

	if (strcmp(j->a, lj->other) != 0 && strcmp(j->b, lj->other) != 0)
		return IV_OK;
	if (j->verdict[0] == 'w') {
		if (lj->texts.len) {
			iv_free(lj->texts.items[--lj->texts.len]);
			iv_buf_truncate(&lj->verdicts, lj->verdicts.len - 1);
		}
		return IV_OK;
	}
	iv_buf_init(&text, 0);
	iv_time_format(j->at, at, sizeof(at));
	/* a store written before who and why were checked may hold bytes that are not UTF-8 */
	rc = iv_buf_addf(&text, "%s by ", j->verdict);
	if (!rc)
		rc = iv_utf8_clean(&text, j->user, strlen(j->user));
	if (!rc)
		rc = iv_buf_addf(&text, " at %s%s", at, *j->note ? ": " : "");
	if (!rc)
		rc = iv_utf8_clean(&text, j->note, strlen(j->note));
	if (!rc)
		rc = iv_buf_add(&lj->verdicts,
		                j->verdict[0] == 's' || j->verdict[0] == 'd' ? j->verdict : "u", 1);
	if (!rc)
		rc = iv_vec_push(&lj->texts, text.buf);
	if (rc) {
		iv_buf_release(&text);
		return IV_ERR_NOMEM;
	}
	return IV_OK; /* the vector owns the text now */
}

/* A pair in the review band: its probability as people's verdicts calibrate it, when they do. */
static IV_MUST_USE enum iv_err explain_calibrate(struct iv_store *st, const struct rv_family *fam,
                                                 struct iv_resolve_explanation *out,
                                                 struct iv_buf *err)
{
	struct rv_verdicts v;
	struct rv_calibrations cal;
	const struct rv_calibration *c = &cal.fam[fam - rv_families];
	enum iv_err rc;

	memset(&v, 0, sizeof(v));
	rc = rv_verdicts_load(st, NULL, &v, err);
	if (!rc)
		rc = rv_calibrations_read(st, &v, &cal, err);
	if (!rc && c->fitted) {
		out->calibrated = true;
		out->calibrated_probability = rv_calibrated(c, out->score);
		out->calibration_same = c->same;
		out->calibration_different = c->different;
	}
	rv_verdicts_release(&v);
	return rc;
}

/*
 * What an explanation is worked out from, kept together so that each step
 * of iv_resolve_explain takes what the steps before it found: the pair's
 * records, the family's model, and their comparison as the run scores it.
 */
struct explaining {
	const struct rv_family *fam;
	struct rv_set set; /* the two records */
	struct rv_model model;
	double threshold; /* the model's, or the one asked for */
	long ia, ib;      /* a and b in set */
	struct rv_compare c;
	uint64_t counts[RV_MAX_FEATURES]; /* records holding each agreeing value (0: none) */
	struct iv_fs_contrib contrib[RV_MAX_FEATURES];
	bool implied[RV_MAX_FEATURES];
	bool denied; /* a shared strong identifier the other features deny */
	int fixed;   /* a fixed fact that differs, or -1 */
};

/* The family's model and the two records as the last run stored them, for the pair's score. */
static IV_MUST_USE enum iv_err explain_load(struct iv_store *st, const char *a, const char *b,
                                            const struct iv_resolve_options *opt,
                                            struct explaining *e, struct iv_buf *err)
{
	struct iv_buf text;
	enum iv_err rc;

	iv_buf_init(&text, 0);
	rc = iv_store_res_get_model(st, e->fam->name, &text, err);
	if (rc == IV_ERR_NOTFOUND)
		rc = iv_seterr(err, rc, "no %s model yet: run 'invigor resolve' first",
		               e->fam->name);
	if (!rc)
		rc = rv_model_parse(e->fam, text.buf, &e->model, err);
	e->threshold = e->model.threshold;
	if (!rc && opt && opt->threshold > 0 && opt->threshold < 1)
		e->threshold = opt->threshold;
	if (!rc)
		rc = iv_names_new(&e->set.names, err);
	if (!rc)
		rc = load_one(st, &e->set, a, err);
	if (!rc)
		rc = load_one(st, &e->set, b, err);
	if (!rc)
		rc = rv_set_build(&e->set, err);
	iv_buf_release(&text);
	return rc;
}

/*
 * The pair compared and scored as a run scores it (a value's frequency
 * weighs in), so that the figures shown are the ones that decided.
 */
static IV_MUST_USE enum iv_err explain_score(struct iv_store *st, const char *a, const char *b,
                                             struct explaining *e,
                                             struct iv_resolve_explanation *out, struct iv_buf *err)
{
	const struct rv_family *fam = e->fam;
	enum iv_err rc = IV_OK;

	e->ia = rv_set_find(&e->set, a);
	e->ib = rv_set_find(&e->set, b);
	rv_compare(&e->set, (size_t)e->ia, &e->set, (size_t)e->ib, NULL, &e->c);
	for (size_t f = 0; f < fam->nf && !rc; f++) {
		if (e->c.tf_key[f])
			rc = iv_store_res_key_entities(st, e->c.tf_key[f], 0, NULL, NULL,
			                               &e->counts[f], err);
	}
	if (rc)
		return rc;
	out->score = rv_score(fam, &e->model, e->c.level, e->counts, e->contrib, e->implied);
	out->probability = iv_fs_probability(out->score);
	out->prior = log2(iv_fs_prior(e->model.fs) / (1 - iv_fs_prior(e->model.fs)));
	e->denied = e->c.strong > 0 && rv_strong_denied(fam, e->c.level, e->contrib);
	e->fixed = rv_fixed_differs(fam, e->c.level);
	return IV_OK;
}

/* Each feature's two values, level and weight: the table a person reads the score from. */
static void explain_features(const struct explaining *e, const char *a, const char *b,
                             struct iv_resolve_explanation *out)
{
	const struct rv_family *fam = e->fam;

	snprintf(out->family, sizeof(out->family), "%s", fam->name);
	snprintf(out->a, sizeof(out->a), "%s", a);
	snprintf(out->b, sizeof(out->b), "%s", b);
	for (size_t f = 0; f < fam->nf && f < RV_MAX_FEATURES; f++) {
		struct iv_resolve_feature *rf = &out->features[out->nfeatures++];

		snprintf(rf->name, sizeof(rf->name), "%s", fam->f[f].name);
		copy_value(rf->a, sizeof(rf->a), &e->set, e->c.best_a[f]);
		copy_value(rf->b, sizeof(rf->b), &e->set, e->c.best_b[f]);
		snprintf(rf->level, sizeof(rf->level), "%s",
		         rv_level_name(fam->f[f].kind, e->c.level[f]));
		rf->c = e->contrib[f];
		rf->tf = e->c.tf_key[f] && e->counts[f] > 0;
		rf->implied = e->implied[f];
		rf->several =
		        fam->f[f].several && e->c.level[f] == rv_level_different(fam->f[f].kind);
	}
}

/*
 * The rule of a strong identifier the two share or hold in conflict, in
 * words: it decides over the score unless the other features deny it.
 */
static IV_MUST_USE enum iv_err explain_identifier(struct iv_store *st, const char *a, const char *b,
                                                  const struct explaining *e,
                                                  struct iv_resolve_explanation *out,
                                                  struct iv_buf *err)
{
	char v[IDENT_TEXT], what[32];
	enum iv_err rc = identifier_forms(st, e->fam, a, b, &e->c, out, err);

	if (rc)
		return rc;
	identifier_text(&out->identifier, e->c.strong < 0, v, sizeof(v));
	if (e->denied && e->fixed >= 0) {
		/* the two values, each cut at 40 bytes on a character's boundary */
		const struct iv_resolve_feature *rf = &out->features[e->fixed];
		char fa[41], fb[41];

		copy_text(fa, sizeof(fa), rf->a, strlen(rf->a));
		copy_text(fb, sizeof(fb), rf->b, strlen(rf->b));
		snprintf(out->rule, sizeof(out->rule),
		         "shared strong identifier: %s, but the %s differs (%s and %s), and "
		         "one document has one (a reused or forged number?): for review",
		         v, words_of(e->fam->f[e->fixed].name, what, sizeof(what)), fa, fb);
	} else if (e->denied)
		snprintf(out->rule, sizeof(out->rule),
		         "shared strong identifier: %s, but the names differ or the other "
		         "features weigh %.0f bits or more against it (a reused or forged "
		         "number?): for review",
		         v, RV_STRONG_DENIED_BITS);
	else
		snprintf(out->rule, sizeof(out->rule), "%s strong identifier: %s",
		         e->c.strong > 0 ? "shared" : "conflicting", v);
	return IV_OK;
}

/*
 * The judgement by a person that stands on the pair, into out, and its
 * verdict ('s', 'd', 'u'; 0 for none): it wins over the engine.
 */
static IV_MUST_USE enum iv_err explain_judgement(struct iv_store *st, const char *a, const char *b,
                                                 struct iv_resolve_explanation *out, char *verdict,
                                                 struct iv_buf *err)
{
	struct last_judgement lj = {b, IV_VEC_INIT, IV_BUF_INIT};
	enum iv_err rc = iv_store_judge_each(st, a, last_judgement, &lj, err);

	if (rc == IV_ERR_NOMEM)
		rc = iv_seterr(err, rc, "out of memory reading judgements");
	if (!rc && lj.texts.len) {
		*verdict = lj.verdicts.buf[lj.verdicts.len - 1];
		snprintf(out->judgement, sizeof(out->judgement), "%s",
		         (const char *)lj.texts.items[lj.texts.len - 1]);
	}
	iv_vec_release_all(&lj.texts);
	iv_buf_release(&lj.verdicts);
	return rc;
}

/*
 * The decision, in the order a run takes it (rv_decide_all): a person's
 * verdict, then a strong identifier, then the score against the threshold.
 */
static void explain_decision(const struct explaining *e, char verdict,
                             struct iv_resolve_explanation *out)
{
	bool by_selector = false;

	if (verdict == 's' || (verdict != 'd' && verdict != 'u' && e->c.strong > 0 && !e->denied))
		snprintf(out->decision, sizeof(out->decision), "same");
	else if (verdict == 'd' || verdict == 'u' || e->c.strong < 0)
		snprintf(out->decision, sizeof(out->decision),
		         verdict == 'u' ? "unsure" : "different");
	else if (e->denied) /* as rv_decide_all: a reused number is for review, whatever the score
	                     */
		snprintf(out->decision, sizeof(out->decision), "review");
	else if (rv_links(e->fam, out->probability, e->threshold, e->c.level, e->contrib,
	                  &by_selector)) {
		snprintf(out->decision, sizeof(out->decision), "same");
		if (by_selector)
			snprintf(out->rule, sizeof(out->rule),
			         "a shared phone, e-mail or selector and a compatible name: "
			         "linked at probability >= %.2f",
			         e->threshold < RV_SELECTOR_NAME_PROBABILITY
			                 ? e->threshold
			                 : RV_SELECTOR_NAME_PROBABILITY);
	} else if (out->probability >= e->model.review_low)
		snprintf(out->decision, sizeof(out->decision), "review");
	else
		snprintf(out->decision, sizeof(out->decision), "different");
}

/*
 * Whether the score alone leaves the pair in the review band (no strong
 * identifier, not linked): there people's verdicts calibrate it.
 */
static bool explain_in_review_band(const struct explaining *e,
                                   const struct iv_resolve_explanation *out)
{
	return e->c.strong == 0 && out->probability >= e->model.review_low &&
	       !rv_links(e->fam, out->probability, e->threshold, e->c.level, e->contrib, NULL);
}

/*
 * Where the two stand now (one canonical entity or two, bridging records)
 * and what fed their values: what the person deciding also has to see.
 */
static void explain_standing(struct iv_store *st, const struct explaining *e, const char *a,
                             const char *b, struct iv_resolve_explanation *out)
{
	struct iv_buf ca, cb;

	iv_buf_init(&ca, 0);
	iv_buf_init(&cb, 0);
	if (!iv_store_res_canonical(st, a, &ca, NULL) && !iv_store_res_canonical(st, b, &cb, NULL))
		out->same_cluster = strcmp(ca.buf, cb.buf) == 0;
	out->a_bridging = rv_record_bridges(&e->set, (size_t)e->ia);
	out->b_bridging = rv_record_bridges(&e->set, (size_t)e->ib);
	explain_fed(&e->set, (size_t)e->ia, &out->fed_a);
	explain_fed(&e->set, (size_t)e->ib, &out->fed_b);
	iv_buf_release(&ca);
	iv_buf_release(&cb);
}

enum iv_err iv_resolve_explain(struct iv_store *st, const char *a, const char *b,
                               const struct iv_resolve_options *opt,
                               struct iv_resolve_explanation *out, struct iv_buf *err)
{
	struct explaining e;
	char verdict = 0;
	enum iv_err rc;

	memset(out, 0, sizeof(*out));
	memset(&e, 0, sizeof(e));
	rc = same_family(st, a, b, &e.fam, err);
	if (rc)
		return rc;
	rv_set_init(&e.set, e.fam, NULL);
	rc = explain_load(st, a, b, opt, &e, err);
	if (!rc)
		rc = explain_score(st, a, b, &e, out, err);
	if (rc)
		goto out;
	explain_features(&e, a, b, out);
	if (e.c.strong) {
		rc = explain_identifier(st, a, b, &e, out, err);
		if (rc)
			goto out;
	}
	rc = explain_judgement(st, a, b, out, &verdict, err);
	if (rc)
		goto out;
	explain_decision(&e, verdict, out);
	if (!(opt && opt->no_calibration) && explain_in_review_band(&e, out)) {
		rc = explain_calibrate(st, e.fam, out, err);
		if (rc)
			goto out;
	}
	explain_standing(st, &e, a, b, out);
out:
	iv_names_free(e.set.names);
	e.set.names = NULL;
	rv_set_release(&e.set);
	rv_model_release(&e.model);
	return rc;
}

/* ---- judgements ------------------------------------------------------------------------------ */

/* The refusal of judgement j, which standing judgements contradict on records x and y. */
static IV_MUST_USE enum iv_err contradiction(const struct iv_judgement *j, const char *x,
                                             size_t xlen, const char *y, struct iv_buf *err)
{
	bool pair = (strlen(j->a) == xlen && strncmp(j->a, x, xlen) == 0 && strcmp(j->b, y) == 0) ||
	            (strlen(j->b) == xlen && strncmp(j->b, x, xlen) == 0 && strcmp(j->a, y) == 0);

	if (pair && j->verdict[0] == 'd')
		return iv_seterr(err, IV_ERR_INVALID,
		                 "'%.*s' and '%s' cannot be judged different: judgements of 'same' "
		                 "join them; withdraw one of those first ('invigor judge ID1 ID2 "
		                 "withdrawn')",
		                 (int)xlen, x, y);
	if (j->verdict[0] == 's')
		return iv_seterr(err, IV_ERR_INVALID,
		                 "judging '%s' and '%s' the same would join '%.*s' and '%s', which "
		                 "were judged different; judge one of those pairs again first",
		                 j->a, j->b, (int)xlen, x, y);
	return iv_seterr(err, IV_ERR_INVALID,
	                 "this judgement contradicts others: '%.*s' and '%s' were judged "
	                 "different, and judgements of 'same' would join them; judge one of "
	                 "those pairs again first",
	                 (int)xlen, x, y);
}

/*
 * Would the verdicts, with this one (j) added, put two entities judged
 * different into one chain of "same"?  Says which pair when so.
 */
/* Number each entity a standing "same" or "different" verdict names, from 1 (the
 * map copies its keys). */
static IV_MUST_USE enum iv_err number_judged(const struct rv_verdicts *v, struct iv_map *idx,
                                             size_t *nnames)
{
	struct rv_verdict_pair p;
	size_t pos = 0;
	enum iv_err rc = IV_OK;

	while (!rc && rv_verdicts_next(v, &pos, &p)) {
		if (p.verdict == 'u')
			continue;
		if (!iv_map_getn(idx, p.a, p.alen))
			rc = iv_map_putn(idx, p.a, p.alen, (void *)(uintptr_t)(++*nnames));
		if (!rc && !iv_map_get(idx, p.b))
			rc = iv_map_put(idx, p.b, (void *)(uintptr_t)(++*nnames));
	}
	return rc;
}

/* The root of x's set, halving the path on the way. */
static uint32_t find_root(uint32_t *parent, uint32_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

static IV_MUST_USE enum iv_err check_contradiction(struct rv_verdicts *v,
                                                   const struct iv_judgement *j,
                                                   struct iv_resolve_conflict *conflict,
                                                   struct iv_buf *err)
{
	struct iv_map idx = {0};
	size_t nnames = 0;
	uint32_t *parent = NULL;
	enum iv_err rc = number_judged(v, &idx, &nnames);

	if (!rc && !(parent = iv_malloc((nnames + 1) * sizeof(*parent))))
		rc = IV_ERR_NOMEM;
	for (size_t i = 0; !rc && i < nnames; i++)
		parent[i] = (uint32_t)i;
	/* join the "same" pairs, then look for a "different" pair inside one set */
	for (int pass = 0; pass < 2 && !rc; pass++) {
		struct rv_verdict_pair p;
		size_t pos = 0;

		while (rv_verdicts_next(v, &pos, &p)) {
			uint32_t a, b;

			if (p.verdict == 'u' || (pass == 0) != (p.verdict == 's'))
				continue;
			a = (uint32_t)((uintptr_t)iv_map_getn(&idx, p.a, p.alen) - 1);
			b = (uint32_t)((uintptr_t)iv_map_get(&idx, p.b) - 1);
			a = find_root(parent, a);
			b = find_root(parent, b);
			if (pass == 0) {
				parent[a] = b;
			} else if (a == b) {
				if (conflict) {
					snprintf(conflict->a, sizeof(conflict->a), "%.*s",
					         (int)p.alen, p.a);
					snprintf(conflict->b, sizeof(conflict->b), "%s", p.b);
				}
				rc = contradiction(j, p.a, p.alen, p.b, err);
				break;
			}
		}
	}
	iv_free(parent);
	iv_map_release(&idx);
	if (rc == IV_ERR_NOMEM)
		rc = iv_seterr(err, rc, "out of memory checking judgements");
	return rc;
}

/*
 * Who judged and why are kept as given and shown in explanations, the
 * API's JSON and the audit trail: UTF-8, without control characters (a
 * note may hold tabs and line breaks), and of a bounded length.
 */
static IV_MUST_USE enum iv_err check_words(const char *what, const char *s, size_t max, bool lines,
                                           struct iv_buf *err)
{
	size_t n = strlen(s), bad;

	if (n > max)
		return iv_seterr(err, IV_ERR_INVALID, "%s is %zu bytes long; at most %zu", what, n,
		                 max);
	if (!iv_utf8_valid(s, n, &bad))
		return iv_seterr(err, IV_ERR_INVALID, "%s is not UTF-8 (byte %zu)", what, bad + 1);
	if (iv_utf8_control(s, n, lines, &bad))
		return iv_seterr(err, IV_ERR_INVALID, "%s holds a control character (byte %zu)",
		                 what, bad + 1);
	return IV_OK;
}

static IV_MUST_USE enum iv_err check_judge_text(const char *user, const char *note,
                                                struct iv_buf *err)
{
	enum iv_err rc;

	if (!user || !*user)
		return iv_seterr(err, IV_ERR_INVALID, "a judgement needs a user");
	rc = check_words("the user name", user, IV_RESOLVE_USER_MAX, false, err);
	return rc || !note ? rc : check_words("the note", note, IV_RESOLVE_NOTE_MAX, true, err);
}

enum iv_err iv_resolve_judge(struct iv_store *st, const char *a, const char *b, const char *verdict,
                             const char *user, const char *note, struct iv_buf *err)
{
	return iv_resolve_judge_checked(st, a, b, verdict, user, note, NULL, err);
}

enum iv_err iv_resolve_judge_checked(struct iv_store *st, const char *a, const char *b,
                                     const char *verdict, const char *user, const char *note,
                                     struct iv_resolve_conflict *conflict, struct iv_buf *err)
{
	const struct rv_family *fam;
	struct rv_verdicts v;
	struct iv_judgement j;
	const char *seeds[2] = {a, b};
	enum iv_err rc;

	if (conflict)
		*conflict->a = *conflict->b = '\0';
	if (!verdict || (strcmp(verdict, "same") != 0 && strcmp(verdict, "different") != 0 &&
	                 strcmp(verdict, "unsure") != 0 && strcmp(verdict, "withdrawn") != 0))
		return iv_seterr(err, IV_ERR_INVALID,
		                 "a verdict is same, different, unsure or withdrawn, not '%s'",
		                 verdict ? verdict : "");
	rc = check_judge_text(user, note, err);
	if (!rc)
		rc = same_family(st, a, b, &fam, err);
	if (rc)
		return rc;
	/* the judgements are read under the write lock: two people judging at once are checked
	 * one after the other */
	rc = iv_store_begin(st, err);
	if (rc)
		return rc;
	memset(&v, 0, sizeof(v));
	j = (struct iv_judgement){0, a, b, verdict, user, note ? note : "", (int64_t)time(NULL)};
	rc = rv_verdicts_load(st, NULL, &v, err);
	if (!rc && verdict[0] == 'w' && !rv_verdict(&v, a, b))
		rc = iv_seterr(err, IV_ERR_INVALID,
		               "nothing to withdraw: no judgement on '%s' and '%s' stands", a, b);
	if (!rc)
		rc = rv_verdicts_add(&v, &j);
	if (rc == IV_ERR_NOMEM)
		rc = iv_seterr(err, rc, "out of memory checking judgements");
	/* a withdrawal is checked like any judgement: the one it brings back may contradict */
	if (!rc)
		rc = check_contradiction(&v, &j, conflict, err);
	if (!rc)
		rc = iv_store_judge_put(st, &j, err);
	/* v holds every verdict, this one too: the clusters are re-made with them */
	if (!rc)
		rc = rv_recluster(st, seeds, 2, &v, err);
	rv_verdicts_release(&v);
	if (!rc)
		return iv_store_commit(st, err);
	iv_store_rollback(st);
	return rc;
}

struct member_list {
	struct iv_vec eids;
};

static IV_MUST_USE enum iv_err add_member(void *ctx, const char *entity, const char *canonical)
{
	struct member_list *ml = ctx;
	char *copy = iv_strdup(entity);

	(void)canonical;
	if (!copy || iv_vec_push(&ml->eids, copy)) {
		iv_free(copy);
		return IV_ERR_NOMEM;
	}
	return IV_OK;
}

enum iv_err iv_resolve_unmerge(struct iv_store *st, const char *entity, const char *user,
                               const char *note, size_t *removed, struct iv_buf *err)
{
	struct member_list ml = {IV_VEC_INIT};
	struct iv_buf canonical;
	const char **seeds = NULL;
	size_t nseeds = 0;
	enum iv_err rc;

	*removed = 0;
	rc = check_judge_text(user, note, err);
	if (rc)
		return rc;
	iv_buf_init(&canonical, 0);
	rc = iv_store_res_canonical(st, entity, &canonical, err);
	if (!rc)
		rc = iv_store_res_members(st, canonical.buf, add_member, &ml, err);
	if (rc)
		goto out;
	seeds = iv_malloc((ml.eids.len + 1) * sizeof(*seeds));
	if (!seeds) {
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
		goto out;
	}
	rc = iv_store_begin(st, err);
	if (rc)
		goto out;
	seeds[nseeds++] = entity;
	for (size_t i = 0; !rc && i < ml.eids.len; i++) {
		struct iv_judgement j = {0,
		                         entity,
		                         ml.eids.items[i],
		                         "different",
		                         user,
		                         note ? note : "unmerge",
		                         (int64_t)time(NULL)};

		if (strcmp(ml.eids.items[i], entity) == 0)
			continue;
		rc = iv_store_judge_put(st, &j, err);
		seeds[nseeds++] = ml.eids.items[i];
		(*removed)++;
	}
	if (!rc)
		rc = rv_recluster(st, seeds, nseeds, NULL, err);
	if (!rc)
		rc = iv_store_commit(st, err);
	else
		iv_store_rollback(st);
out:
	iv_free(seeds);
	iv_vec_release_all(&ml.eids);
	iv_buf_release(&canonical);
	return rc;
}

/* ---- the review queue --------------------------------------------------------------------------
 */

/*
 * The queue reads, in one snapshot, the uncertain links nobody has judged
 * with the canonical entity of each end, then every canonical entity's
 * size (from the memberships' index: no entity id is looked up), and the
 * canonical entity of the records people's judgements name; the rest is
 * done in memory.  At a million person mentions (3.4M links, 192,370 of
 * them review and reused) this takes 1.8-2.0 s; reading every membership
 * with its entity id took 2.2-2.6 s, and asking the store for two
 * canonical ids and two sizes per link 5.5 s (docs/resolution.md).
 *
 * A decision is between two entities, not two records: the links between
 * one pair of entities are one item, shown by its most consequential link
 * (the first in the queue's order that the caller may see) with how many
 * there are; a pair of entities on which a person's "different" or
 * "unsure" stands between any two of their records is decided already.
 */
struct canon_slot {
	size_t size;
	size_t index; /* in the order the links named them: names the slot in pair keys */
	char id[];    /* the canonical id */
};

/* The review links between one pair of canonical entities. */
struct pair_slot {
	size_t pairs;
	bool settled; /* a person's different or unsure stands between them */
	bool shown;
};

struct review_collect {
	struct iv_store *st;
	struct rv_verdicts v;
	struct iv_arena arena; /* the canonical and pair slots */
	struct iv_map canon;   /* entity id a link or judgement names -> struct canon_slot */
	struct iv_map slots;   /* canonical id -> struct canon_slot */
	struct iv_map pairs;   /* the two canon_slot indexes, smaller first -> struct pair_slot */
	struct iv_buf scratch; /* a judged record's canonical id */
	struct iv_buf *err;    /* the caller's, for a store error while collecting */
	size_t nslots;
	bool keep_inner;            /* keep links inside one entity (a caller may see it as two) */
	struct iv_vec items;        /* struct review_row * */
	bool calibrate;             /* read the calibration (not for a caller shown part) */
	struct rv_calibrations cal; /* the review band by people's verdicts, per family */
	bool calibrated;            /* a family's calibration is fitted */
	struct iv_vec
	        settling; /* char *: x, y of each standing different or unsure (shown queue) */
};

struct review_row {
	struct iv_resolve_review_item it;
	char *a, *b;
	const struct canon_slot *ca, *cb; /* the canonical entities of a and b */
	enum iv_res_link_kind kind;
	double score; /* the link's, in bits */
	struct pair_slot *pair;
	const char *shown_key; /* the shown queue's pair of entities as shown (in the arena) */
};

/* The slot of a canonical entity into *out, made (size 0 until the sizes are read) when new. */
static IV_MUST_USE enum iv_err slot_of(struct review_collect *rc, const char *canonical,
                                       struct canon_slot **out)
{
	size_t n;

	*out = iv_map_get(&rc->slots, canonical);
	if (*out)
		return IV_OK;
	n = strlen(canonical) + 1;
	*out = iv_arena_alloc(&rc->arena, sizeof(**out) + n);
	if (!*out)
		return IV_ERR_NOMEM;
	(*out)->size = 0;
	(*out)->index = rc->nslots++;
	memcpy((*out)->id, canonical, n);
	return iv_map_put(&rc->slots, (*out)->id, *out);
}

/* Note the canonical entity of a record one end of a link names. */
static IV_MUST_USE enum iv_err place_end(struct review_collect *rc, const char *eid,
                                         const char *canonical, const struct canon_slot **out)
{
	struct canon_slot *c;
	enum iv_err e = slot_of(rc, canonical, &c);

	*out = c;
	if (e || iv_map_has(&rc->canon, eid))
		return e;
	return iv_map_put(&rc->canon, eid, c);
}

static IV_MUST_USE enum iv_err review_link(void *ctx, const struct iv_res_link *link)
{
	struct review_collect *rc = ctx;
	struct review_row *row;
	enum iv_err e;

	if (!link->canonical_a || !link->canonical_b)
		return IV_OK; /* not resolved (any more) */
	if (rv_verdict(&rc->v, link->a, link->b))
		return IV_OK; /* a person has decided */
	row = iv_calloc(sizeof(*row));
	if (!row)
		return IV_ERR_NOMEM;
	row->a = iv_strdup(link->a);
	row->b = iv_strdup(link->b);
	row->it.probability = link->probability;
	row->score = link->score;
	row->kind = link->kind;
	if (!row->a || !row->b || iv_vec_push(&rc->items, row)) {
		iv_free(row->a);
		iv_free(row->b);
		iv_free(row);
		return IV_ERR_NOMEM;
	}
	e = place_end(rc, link->a, link->canonical_a, &row->ca);
	return e ? e : place_end(rc, link->b, link->canonical_b, &row->cb);
}

/* Call fn with the two records of each standing "different" or "unsure" judgement. */
static IV_MUST_USE enum iv_err each_settling(struct review_collect *rc,
                                             enum iv_err (*fn)(struct review_collect *rc,
                                                               const char *x, const char *y))
{
	struct iv_buf x = IV_BUF_INIT;
	struct rv_verdict_pair p;
	size_t pos = 0;
	enum iv_err e = IV_OK;

	while (!e && rv_verdicts_next(&rc->v, &pos, &p)) {
		if (p.verdict == 's')
			continue;
		iv_buf_reset(&x);
		e = iv_buf_add(&x, p.a, p.alen);
		if (!e)
			e = fn(rc, x.buf, p.b);
	}
	iv_buf_release(&x);
	return e;
}

/*
 * Note the canonical entity of a judged record, when a link named that
 * entity (no other can hold a pair in the queue).
 */
static IV_MUST_USE enum iv_err judged_end(struct review_collect *rc, const char *eid)
{
	struct canon_slot *c;
	enum iv_err e;

	if (iv_map_has(&rc->canon, eid))
		return IV_OK;
	e = iv_store_res_canonical(rc->st, eid, &rc->scratch, rc->err);
	if (e == IV_ERR_NOTFOUND) {
		if (rc->err)
			iv_buf_reset(rc->err);
		return IV_OK; /* not resolved, or gone */
	}
	if (e)
		return e;
	c = iv_map_get(&rc->slots, rc->scratch.buf);
	return c ? iv_map_put(&rc->canon, eid, c) : IV_OK;
}

static IV_MUST_USE enum iv_err judged_pair(struct review_collect *rc, const char *x, const char *y)
{
	enum iv_err e = judged_end(rc, x);

	return e ? e : judged_end(rc, y);
}

/* Each canonical entity a link named gets its size. */
static IV_MUST_USE enum iv_err review_size(void *ctx, const char *canonical, uint64_t size)
{
	struct review_collect *rc = ctx;
	struct canon_slot *c = iv_map_get(&rc->slots, canonical);

	if (c)
		c->size = (size_t)size;
	return IV_OK;
}

/* The canonical entity of a record a link or a judgement named; NULL when it has none. */
static const struct canon_slot *canon_of(const struct review_collect *rc, const char *eid)
{
	return iv_map_get(&rc->canon, eid);
}

/* The slot of a pair of canonical entities into *out: made when make, else NULL when none. */
static IV_MUST_USE enum iv_err pair_of(struct review_collect *rc, const struct canon_slot *ca,
                                       const struct canon_slot *cb, bool make,
                                       struct pair_slot **out)
{
	size_t lo = ca->index < cb->index ? ca->index : cb->index;
	size_t hi = ca->index < cb->index ? cb->index : ca->index;
	char key[48];
	int n = snprintf(key, sizeof(key), "%zx:%zx", lo, hi);

	*out = iv_map_getn(&rc->pairs, key, (size_t)n);
	if (*out || !make)
		return IV_OK;
	*out = iv_arena_alloc(&rc->arena, sizeof(**out));
	if (!*out)
		return IV_ERR_NOMEM;
	memset(*out, 0, sizeof(**out));
	return iv_map_putn(&rc->pairs, key, (size_t)n, *out);
}

/*
 * How much deciding a row changes: how uncertain it is (1 at p = 0.5; a reused
 * number: the identifier says one person, the rest two) times how many records
 * the decision joins or parts.
 */
static double review_impact(const struct review_row *row, size_t size_a, size_t size_b)
{
	return (row->it.reused ? 1.0 : 1.0 - fabs(2.0 * row->it.probability - 1.0)) *
	       (double)(size_a + size_b);
}

/* Whether a link's row stays in the queue (*keep): false when there is nothing to decide. */
static IV_MUST_USE enum iv_err review_place(struct review_collect *rc, struct review_row *row,
                                            bool *keep)
{
	const struct canon_slot *ca = row->ca, *cb = row->cb;
	enum iv_err e;

	*keep = false;
	if (ca == cb && !rc->keep_inner)
		return IV_OK; /* already one entity through other links */
	e = pair_of(rc, ca, cb, true, &row->pair);
	if (e)
		return e;
	row->pair->pairs++;
	row->it.size_a = ca->size;
	row->it.size_b = cb->size;
	row->it.reused = row->kind == IV_RES_REUSED;
	/* a link inside one entity is offered only to a caller shown its two records alone (the
	 * shown queue): that is the most it weighs there, and its place in the order it walks */
	row->it.impact =
	        ca == cb ? review_impact(row, 1, 1) : review_impact(row, ca->size, cb->size);
	*keep = true;
	return IV_OK;
}

/* A judgement's pair of entities is decided (when it names two that have review links). */
static IV_MUST_USE enum iv_err settle(struct review_collect *rc, const char *x, const char *y)
{
	const struct canon_slot *cx = canon_of(rc, x), *cy = canon_of(rc, y);
	struct pair_slot *p = NULL;
	enum iv_err e;

	if (!cx || !cy || cx == cy)
		return IV_OK;
	e = pair_of(rc, cx, cy, false, &p);
	if (p)
		p->settled = true;
	return e;
}

static int review_order(const void *pa, const void *pb)
{
	const struct review_row *a = *(const struct review_row *const *)pa;
	const struct review_row *b = *(const struct review_row *const *)pb;
	int c;

	if (a->it.impact != b->it.impact)
		return a->it.impact > b->it.impact ? -1 : 1;
	c = strcmp(a->a, b->a);
	return c ? c : strcmp(a->b, b->b);
}

static void review_release(struct review_collect *rc)
{
	for (size_t i = 0; i < rc->items.len; i++) {
		struct review_row *row = rc->items.items[i];

		iv_free(row->a);
		iv_free(row->b);
	}
	iv_vec_release_all(&rc->items);
	iv_vec_release_all(&rc->settling);
	iv_map_release(&rc->canon);
	iv_map_release(&rc->slots);
	iv_map_release(&rc->pairs);
	iv_buf_release(&rc->scratch);
	iv_arena_release(&rc->arena);
	rv_verdicts_release(&rc->v);
}

/* The store's part of the queue, from one snapshot. */
static IV_MUST_USE enum iv_err review_load(struct iv_store *st, struct review_collect *rc,
                                           struct iv_buf *err)
{
	bool own = false;
	enum iv_err e = iv_store_access_read_begin(st, &own, err);

	rc->st = st;
	rc->err = err;
	if (!e)
		e = rv_verdicts_load(st, NULL, &rc->v, err);
	if (!e && rc->calibrate)
		e = rv_calibrations_read(st, &rc->v, &rc->cal, err);
	for (size_t f = 0; !e && f < IV_RESOLVE_NFAMILIES; f++)
		rc->calibrated |= rc->cal.fam[f].fitted;
	if (!e)
		e = iv_store_res_each_link(st, IV_RES_REVIEW, review_link, rc, err);
	if (!e)
		e = iv_store_res_each_link(st, IV_RES_REUSED, review_link, rc, err);
	if (!e && rc->items.len)
		e = each_settling(rc, judged_pair);
	if (!e && rc->items.len)
		e = iv_store_res_each_canonical(st, review_size, rc, err);
	iv_store_access_read_end(st, own);
	return e;
}

static IV_MUST_USE enum iv_err family_index(void *ctx, const char *entity, const char *family,
                                            const char *text)
{
	(void)entity;
	(void)text;
	*(int *)ctx = rv_family_index(family);
	return IV_OK;
}

/*
 * A row about to be shown gets its calibrated probability, when its
 * family's review band is calibrated (calibrate.c; a reused number's is
 * not: its score says nothing of the band).
 */
static IV_MUST_USE enum iv_err review_calibrate(struct review_collect *rc, struct review_row *row,
                                                struct iv_buf *err)
{
	int f = -1;
	enum iv_err e;

	row->it.calibrated = false;
	if (!rc->calibrated || row->kind != IV_RES_REVIEW)
		return IV_OK;
	e = iv_store_res_get_record(rc->st, row->a, family_index, &f, err);
	if (e == IV_ERR_NOTFOUND) {
		if (err)
			iv_buf_reset(err);
		return IV_OK;
	}
	if (e || f < 0 || !rc->cal.fam[f].fitted)
		return e;
	row->it.calibrated = true;
	row->it.calibrated_probability = rv_calibrated(&rc->cal.fam[f], row->score);
	row->it.calibration_judgements = rc->cal.fam[f].same + rc->cal.fam[f].different;
	return IV_OK;
}

/* Read the queue into rc, its rows with something to decide, in order. */
static IV_MUST_USE enum iv_err review_read(struct iv_store *st, struct review_collect *rc,
                                           struct iv_buf *err)
{
	enum iv_err e = review_load(st, rc, err);
	size_t kept = 0;

	for (size_t i = 0; i < rc->items.len; i++) { /* after a failure, every row goes */
		struct review_row *row = rc->items.items[i];
		bool keep = false;

		if (!e)
			e = review_place(rc, row, &keep);
		if (keep) {
			rc->items.items[kept++] = row;
		} else {
			iv_free(row->a);
			iv_free(row->b);
			iv_free(row);
		}
	}
	rc->items.len = kept;
	if (!e)
		e = each_settling(rc, settle);
	if (e == IV_ERR_NOMEM)
		return iv_seterr(err, e, "out of memory reading the review queue");
	if (!e && rc->items.len)
		qsort(rc->items.items, rc->items.len, sizeof(void *), review_order);
	return e;
}

enum iv_err iv_resolve_review_filtered(struct iv_store *st, size_t limit,
                                       iv_resolve_review_seen_fn seen, void *seen_ctx,
                                       iv_resolve_review_fn fn, void *ctx, struct iv_buf *err)
{
	struct review_collect rc;
	size_t shown = 0;
	enum iv_err e;

	memset(&rc, 0, sizeof(rc));
	/* the calibration is fitted on judged pairs of every record: only for a caller
	 * who sees them all */
	rc.calibrate = !seen;
	e = review_read(st, &rc, err);
	for (size_t i = 0; !e && i < rc.items.len && (limit == 0 || shown < limit); i++) {
		struct review_row *row = rc.items.items[i];

		if (row->pair->settled || row->pair->shown ||
		    (seen && !seen(seen_ctx, row->a, row->b)))
			continue;
		row->pair->shown = true;
		row->it.a = row->a;
		row->it.b = row->b;
		row->it.pairs = row->pair->pairs;
		shown++;
		e = review_calibrate(&rc, row, err);
		if (!e)
			e = fn(ctx, &row->it);
	}
	review_release(&rc);
	return e;
}

/* ---- the queue as a caller is shown entities ---------------------------------------------- */

/*
 * The shown queue is ordered by the impact over the entities as the caller
 * is shown them (an entity he does not see whole counts as its records
 * alone).  That impact is never more than the engine's, so the rows are
 * taken in the engine's order into a heap, each with its shown impact, and
 * the heap's first is given once it beats the engine's impact of the next
 * row not taken: whole() is asked only as far down the queue as the order
 * needs, and the result is the queue sorted by shown impact.
 */
struct shown_queue {
	struct review_collect *rc;
	iv_resolve_review_seen_fn seen;
	void *seen_ctx;
	iv_resolve_review_whole_fn whole;
	void *ctx;
	struct iv_map whole_of;    /* slot index -> 1 seen whole, 2 not */
	struct iv_map keys;        /* shown pairs already given */
	struct iv_vec heap;        /* struct review_row *: rows taken, first by shown impact */
	struct iv_buf ka, kb, key; /* scratch for the two entities' keys and the pair's */
};

/* Whether the caller is shown record eid's entity (slot c) as one: alone, or seen whole. */
static bool shown_whole(struct shown_queue *q, const struct canon_slot *c, const char *eid)
{
	char key[24];
	int n = snprintf(key, sizeof(key), "%zx", c->index);
	void *had;
	bool whole;

	if (c->size < 2)
		return true;
	had = iv_map_getn(&q->whole_of, key, (size_t)n);
	if (had)
		return had == (void *)1;
	whole = q->whole(q->ctx, eid);
	/* a failed insert only costs asking again */
	if (iv_map_putn(&q->whole_of, key, (size_t)n, whole ? (void *)1 : (void *)2) != IV_OK)
		return whole;
	return whole;
}

/* Whether record x is in the shown entity of record r (slot c, shown whole or not). */
static bool in_shown(const struct review_collect *rc, const char *x, const char *r,
                     const struct canon_slot *c, bool whole)
{
	return whole ? canon_of(rc, x) == c : strcmp(x, r) == 0;
}

/* A person's different or unsure between the two shown entities. */
static bool shown_settled(const struct shown_queue *q, const struct review_row *row,
                          const struct canon_slot *ca, bool wa, const struct canon_slot *cb,
                          bool wb)
{
	for (size_t i = 0; i + 1 < q->rc->settling.len; i += 2) {
		const char *x = q->rc->settling.items[i], *y = q->rc->settling.items[i + 1];

		if ((in_shown(q->rc, x, row->a, ca, wa) && in_shown(q->rc, y, row->b, cb, wb)) ||
		    (in_shown(q->rc, y, row->a, ca, wa) && in_shown(q->rc, x, row->b, cb, wb)))
			return true;
	}
	return false;
}

/* A shown entity's key: its slot when shown whole, else the record alone. */
static IV_MUST_USE enum iv_err shown_key(struct iv_buf *out, const struct canon_slot *c, bool whole,
                                         const char *eid)
{
	iv_buf_reset(out);
	return whole ? iv_buf_addf(out, "c%zx", c->index) : iv_buf_addf(out, "r%s", eid);
}

/*
 * Place a row as the caller is shown entities: *keep false when it offers
 * him nothing (a link he may not see, one inside an entity he is shown as
 * one, a pair a person settled); else its key (the two entities as shown),
 * the sizes he is shown and the impact over them.
 */
static IV_MUST_USE enum iv_err shown_place(struct shown_queue *q, struct review_row *row,
                                           bool *keep)
{
	const struct canon_slot *ca = row->ca, *cb = row->cb;
	bool wa, wb;
	enum iv_err e;

	*keep = false;
	if (q->seen && !q->seen(q->seen_ctx, row->a, row->b))
		return IV_OK;
	wa = shown_whole(q, ca, row->a);
	wb = shown_whole(q, cb, row->b);
	if ((wa && wb && ca == cb) || shown_settled(q, row, ca, wa, cb, wb))
		return IV_OK; /* one entity as the caller is shown it, or decided */
	e = shown_key(&q->ka, ca, wa, row->a);
	if (!e)
		e = shown_key(&q->kb, cb, wb, row->b);
	if (e)
		return e;
	iv_buf_reset(&q->key);
	e = strcmp(q->ka.buf, q->kb.buf) < 0
	            ? iv_buf_addf(&q->key, "%s\x1f%s", q->ka.buf, q->kb.buf)
	            : iv_buf_addf(&q->key, "%s\x1f%s", q->kb.buf, q->ka.buf);
	row->shown_key = e ? NULL : iv_arena_strndup(&q->rc->arena, q->key.buf, q->key.len);
	if (!row->shown_key)
		return IV_ERR_NOMEM;
	row->it.size_a = wa ? ca->size : 1;
	row->it.size_b = wb ? cb->size : 1;
	row->it.pairs = wa && wb ? row->pair->pairs : 1;
	row->it.impact = review_impact(row, row->it.size_a, row->it.size_b);
	*keep = true;
	return IV_OK;
}

/* Whether row x comes before row y (the queue's order; review_order). */
static bool shown_before(const struct review_row *x, const struct review_row *y)
{
	return review_order(&x, &y) < 0;
}

static IV_MUST_USE enum iv_err heap_push(struct iv_vec *h, struct review_row *row)
{
	size_t i = h->len;

	if (iv_vec_push(h, row))
		return IV_ERR_NOMEM;
	while (i > 0 && shown_before(row, h->items[(i - 1) / 2])) {
		h->items[i] = h->items[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h->items[i] = row;
	return IV_OK;
}

static struct review_row *heap_pop(struct iv_vec *h)
{
	struct review_row *first = h->items[0], *last = h->items[--h->len];
	size_t i = 0;

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= h->len)
			break;
		if (c + 1 < h->len && shown_before(h->items[c + 1], h->items[c]))
			c++;
		if (!shown_before(h->items[c], last))
			break;
		h->items[i] = h->items[c];
		i = c;
	}
	if (h->len)
		h->items[i] = last;
	return first;
}

/* Keep a standing different or unsure: the shown queue settles pairs of records by it. */
static IV_MUST_USE enum iv_err note_settling(struct review_collect *rc, const char *x,
                                             const char *y)
{
	char *cx = iv_strdup(x), *cy = iv_strdup(y);

	if (!cx || !cy || iv_vec_push(&rc->settling, cx)) {
		iv_free(cx);
		iv_free(cy);
		return IV_ERR_NOMEM;
	}
	if (iv_vec_push(&rc->settling, cy)) {
		iv_free(cy);
		return IV_ERR_NOMEM;
	}
	return IV_OK;
}

/* The next row the caller is shown, into *out (NULL at the end of the queue). */
static IV_MUST_USE enum iv_err shown_next(struct shown_queue *q, size_t *next,
                                          struct review_row **out)
{
	const struct iv_vec *rows = &q->rc->items;

	*out = NULL;
	for (;;) {
		struct review_row *top = q->heap.len ? q->heap.items[0] : NULL;
		struct review_row *row;
		enum iv_err e;
		bool keep;

		/* the next row's engine impact bounds the shown impact of it and all after it */
		if (*next < rows->len &&
		    (!top ||
		     !(top->it.impact > ((struct review_row *)rows->items[*next])->it.impact))) {
			row = rows->items[(*next)++];
			e = shown_place(q, row, &keep);
			if (!e && keep)
				e = heap_push(&q->heap, row);
			if (e)
				return e;
			continue;
		}
		if (!top)
			return IV_OK;
		heap_pop(&q->heap);
		if (iv_map_has(&q->keys, top->shown_key))
			continue; /* the pair of shown entities came with a weightier link */
		*out = top;
		return iv_map_put(&q->keys, top->shown_key, (void *)1);
	}
}

enum iv_err iv_resolve_review_shown(struct iv_store *st, size_t limit,
                                    iv_resolve_review_seen_fn seen, void *seen_ctx,
                                    iv_resolve_review_whole_fn whole, void *whole_ctx,
                                    iv_resolve_review_fn fn, void *ctx, struct iv_buf *err)
{
	struct review_collect rc;
	struct shown_queue q = {&rc,         seen,        seen_ctx,    whole,
	                        whole_ctx,   IV_MAP_INIT, IV_MAP_INIT, IV_VEC_INIT,
	                        IV_BUF_INIT, IV_BUF_INIT, IV_BUF_INIT};
	size_t shown = 0, next = 0;
	enum iv_err e;

	memset(&rc, 0, sizeof(rc));
	rc.keep_inner = true;
	e = review_read(st, &rc, err);
	if (!e)
		e = each_settling(&rc, note_settling);
	while (!e && (limit == 0 || shown < limit)) {
		struct review_row *row;

		e = shown_next(&q, &next, &row);
		if (e || !row)
			break;
		row->it.a = row->a;
		row->it.b = row->b;
		shown++;
		e = review_calibrate(&rc, row, err);
		if (!e)
			e = fn(ctx, &row->it);
	}
	if (e == IV_ERR_NOMEM)
		e = iv_seterr(err, e, "out of memory reading the review queue");
	iv_buf_release(&q.ka);
	iv_buf_release(&q.kb);
	iv_buf_release(&q.key);
	iv_map_release(&q.whole_of);
	iv_map_release(&q.keys);
	iv_vec_release(&q.heap);
	review_release(&rc);
	return e;
}

enum iv_err iv_resolve_review(struct iv_store *st, size_t limit, iv_resolve_review_fn fn, void *ctx,
                              struct iv_buf *err)
{
	return iv_resolve_review_filtered(st, limit, NULL, NULL, fn, ctx, err);
}
