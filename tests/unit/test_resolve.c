/*
 * test_resolve.c - the entity-resolution engine (include/iv/resolve.h) on
 * a temporary SQLite store: a Latin/Arabic/initials triple merged and an
 * unrelated person kept out, strong identifiers that link (passports,
 * IBANs) and veto (different passport numbers, different IBANs),
 * judgements by people (split, join, override, contradiction, errors),
 * unmerge and its undo, an incremental run against a batch run of the
 * same records, a bridging record (a ledger's "Sahin" holding two men's
 * numbers) that joins one of them only, in batch and incremental runs and
 * under judgements, explanations, the review queue's order, names that are
 * too long, empty, invalid UTF-8 or of mixed scripts, a passport number on
 * two men of other names and birth dates (not a link: review), payments'
 * parties joined by the account on their side (batch and incremental),
 * identifiers written with and without separators or '@', which
 * candidate pairs the per-record budget keeps, batch and incremental runs
 * with each of their allocations failing in turn, and canonical ids.
 * The people are invented; tests/data/resolve/people.jsonl holds the same
 * ones for tests/cli/test_resolve.sh.  Databases go to $IV_TEST_TMP.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>
#include <sqlite3.h>

#include "iv/resolve.h"
#include "iv/statement.h"
#include "iv/store.h"
#include "store_helpers.h"

#include "iv/util.h"

/* ---- the people --------------------------------------------------------------- */

struct person {
	const char *id, *name, *dob, *phone, *nationality;
	int half; /* which half the incremental test ingests it in */
};

/* values as ingest normalises them: E.164 phones, lower-case country codes */
static const struct person people[] = {
        /* the triple (the second name in Arabic script, the third with an initial and
         * day and month of birth swapped) and an unrelated man */
        {"p-hassan-en", "Mohammed Al-Hassan", "1990-05-01", "+447400123456", "iq", 1},
        {"p-hassan-ar", "محمد الحسن", "1990-05-01", "+447400123456", NULL, 1},
        {"p-hassan-init", "M. AL HASSAN", "1990-01-05", "+447400123456", NULL, 2},
        {"p-brown", "Peter Brown", "1975-11-23", "+447911123456", "gb", 1},
        /* duplicates within the first half: spelling, exact names, swapped dates */
        {"p-karimi", "Ahmed Karimi", "1985-02-11", "+447400123410", "ir", 1},
        {"p-karimi-2", "Ahmad Karimi", "1985-02-11", "+447400123410", NULL, 1},
        {"p-tesfay", "Yonas Tesfay", "1992-07-19", "+33612345611", "er", 1},
        {"p-tesfay-2", "Yonas Tesfai", "1992-07-19", "+33612345611", NULL, 1},
        {"p-moreau", "Lucas Moreau", "1980-08-16", "+33612345619", "fr", 1},
        {"p-moreau-2", "Lucas Moreau", "1980-08-16", "+33612345619", NULL, 1},
        {"p-yusuf", "Amina Yusuf", "1993-11-09", "+447400123420", "so", 1},
        {"p-yusuf-2", "Amina Yusuf", "1993-09-11", "+447400123420", NULL, 1},
        /* the second half: a third Karimi, and duplicates among the new records */
        {"p-karimi-3", "Ahmed Karimi", "1985-02-11", "+447400123410", NULL, 2},
        {"p-ramirez", "Diego Ramirez", "1976-02-15", "+33612345633", "mx", 2},
        {"p-ramirez-2", "Diego Ramírez", "1976-02-15", "+33612345633", NULL, 2},
        {"p-haddad", "Omar Haddad", "1983-01-30", "+33612345615", "sy", 2},
        {"p-haddad-2", "Omar Hadad", "1983-01-30", "+33612345615", NULL, 2},
        {"p-nowak", "Tomasz Nowak", "1984-09-02", "+447400123423", "pl", 2},
        {"p-nowak-2", "Tomasz Nowak", "1984-02-09", "+447400123423", NULL, 2},
        /* people with nothing in common */
        {"p-hoxha", "Elira Hoxha", "1988-12-03", "+447911123460", "al", 1},
        {"p-long", "Nguyen Van Long", "1979-04-27", "+33612345761", "vn", 2},
        {"p-rahimi", "Fatima Rahimi", "1996-09-14", "+447911123462", "af", 1},
        {"p-lindqvist", "Sara Lindqvist", "1991-06-08", "+33612345763", "se", 2},
        {"p-gebremariam", "Dawit Gebremariam", "1987-03-22", "+447911123464", "et", 1},
        {"p-barzani", "Hevi Barzani", "1994-10-05", "+33612345765", "iq", 2},
        {"p-mensah", "Kofi Mensah", "1977-05-13", "+447911123466", "gh", 1},
        {"p-popescu", "Ioana Popescu", "1989-02-24", "+33612345767", "ro", 2},
        {"p-aydin", "Leyla Aydin", "1997-03-17", "+447911123468", "tr", 1},
        {"p-qureshi", "Bilal Qureshi", "1982-12-21", "+33612345769", "pk", 2},
        {"p-rossi", "Chiara Rossi", "1990-10-10", "+447911123470", "it", 1},
        {"p-benali", "Samir Benali", "1986-07-04", "+33612345771", "dz", 2},
        {"p-warsame", "Ayan Warsame", "1995-01-26", "+447911123472", "so", 1},
        {"p-berg", "Jonas Berg", "1978-06-30", "+33612345773", "no", 2},
        {"p-toure", "Mariam Toure", "1991-04-12", "+447911123474", "ml", 1},
        {"p-tehrani", "Reza Tehrani", "1981-11-07", "+33612345775", "ir", 2},
        {"p-novak", "Hana Novak", "1998-08-23", "+447911123476", "cz", 1},
        {"p-okafor", "Zainab Okafor", "1993-05-28", "+33612345777", "ng", 2},
        {"p-krasniqi", "Arben Krasniqi", "1985-10-19", "+447911123478", "xk", 1},
        {"p-tran", "Linh Tran", "1999-12-01", "+33612345779", "vn", 2},
        {"p-petrovic", "Goran Petrovic", "1974-03-09", "+447911123480", "rs", 1},
        {"p-jalloh", "Aisha Jalloh", "1992-08-31", "+33612345781", "sl", 2},
        {"p-nasser", "Karim Nasser", "1980-01-18", "+447911123482", "lb", 1},
        {"p-green", "Peter Green", "1975-03-02", "+33612345783", "gb", 2},
        /* namesakes: a close or equal name and nothing else in common */
        {"p-hassan-other", "Mohammed Hassan", "1968-09-14", "+447911123493", "jo", 2},
        {"p-haddad-b", "Omar Haddad", "1971-06-02", "+447911123491", "lb", 1},
        /* a name alone: never merged, at most reviewed */
        {"p-tesfay-3", "Yonas Tesfaye", NULL, NULL, NULL, 2},
        {"p-rossi-2", "Chiara Rossi", NULL, NULL, NULL, 2},
        {"p-hassan-name", "Muhammad Alhassan", NULL, NULL, NULL, 2},
};
#define NPEOPLE (sizeof(people) / sizeof(people[0]))

/* ---- store helpers ------------------------------------------------------------ */

static int setup(void **state)
{
	return fixture_open(state, "test_resolve");
}

static int teardown(void **state)
{
	return fixture_close(state);
}

/* One statement (inside a transaction). */
static void put(struct iv_store *st, const char *entity, const char *schema, const char *prop,
                const char *value)
{
	struct iv_statement s;

	mk(&s, entity, schema, prop, value, "resolve-test", entity);
	put_ok(st, &s);
}

/* An entity from NULL-terminated property/value pairs, in its own transaction. */
static void put_entity(struct iv_store *st, const char *id, const char *schema, ...)
{
	va_list ap;
	const char *prop;

	begin_ok(st);
	va_start(ap, schema);
	while ((prop = va_arg(ap, const char *)) != NULL)
		put(st, id, schema, prop, va_arg(ap, const char *));
	va_end(ap);
	commit_ok(st);
}

/* A reference statement (as ingest flags one): entity's prop names target. */
static void put_ref(struct iv_store *st, const char *entity, const char *schema, const char *prop,
                    const char *target)
{
	struct iv_statement s;

	mk(&s, entity, schema, prop, target, "resolve-test", entity);
	s.flags |= IV_STMT_REF;
	iv_statement_id(&s, NULL);
	begin_ok(st);
	put_ok(st, &s);
	commit_ok(st);
}

/* The people of one half (0: all of them). */
static void put_people(struct iv_store *st, int half)
{
	begin_ok(st);
	for (size_t i = 0; i < NPEOPLE; i++) {
		const struct person *p = &people[i];

		if (half && p->half != half)
			continue;
		put(st, p->id, "Person", "name", p->name);
		if (p->dob)
			put(st, p->id, "Person", "birthDate", p->dob);
		if (p->phone)
			put(st, p->id, "Person", "phone", p->phone);
		if (p->nationality)
			put(st, p->id, "Person", "nationality", p->nationality);
	}
	commit_ok(st);
}

static size_t count_half(int half)
{
	size_t n = 0;

	for (size_t i = 0; i < NPEOPLE; i++)
		n += people[i].half == half;
	return n;
}

/* A batch run of one family (NULL: all); the first family's report into rep (may be NULL). */
static void batch(struct iv_store *st, const char *family, bool keep_model,
                  struct iv_resolve_report *rep)
{
	struct iv_resolve_options o = {0};
	struct iv_resolve_report reports[IV_RESOLVE_NFAMILIES];
	struct iv_buf err = IV_BUF_INIT;
	size_t nrun = 0;
	enum iv_err rc;

	o.family = family;
	o.keep_model = keep_model;
	rc = iv_resolve_batch(st, &o, reports, IV_RESOLVE_NFAMILIES, &nrun, &err);
	if (rc)
		fail_msg("batch (%s): %s (rc %d)", family ? family : "all", err.buf, (int)rc);
	assert_int_equal(nrun, family ? 1 : IV_RESOLVE_NFAMILIES);
	if (rep)
		*rep = reports[0];
	iv_buf_release(&err);
}

/* The explanation of a pair into x; fails the test on error. */
static void explain_into(struct iv_store *st, const char *a, const char *b,
                         struct iv_resolve_explanation *x)
{
	struct iv_buf err = IV_BUF_INIT;

	if (iv_resolve_explain(st, a, b, NULL, x, &err))
		fail_msg("explain %s %s: %s", a, b, err.buf);
	iv_buf_release(&err);
}

/* An incremental run over every family; fails the test on error, returns how many ran. */
static size_t incremental(struct iv_store *st, const struct iv_resolve_options *o,
                          struct iv_resolve_report reports[IV_RESOLVE_NFAMILIES])
{
	struct iv_buf err = IV_BUF_INIT;
	size_t nrun = 0;

	if (iv_resolve_incremental(st, o, reports, IV_RESOLVE_NFAMILIES, &nrun, &err))
		fail_msg("incremental: %s", err.buf);
	iv_buf_release(&err);
	return nrun;
}

/* The canonical id of an entity ("" when it has none). */
static void canonical(struct iv_store *st, const char *eid, char out[64])
{
	struct iv_buf b = IV_BUF_INIT;
	enum iv_err rc = iv_store_res_canonical(st, eid, &b, NULL);

	out[0] = '\0';
	if (rc == IV_OK)
		snprintf(out, 64, "%s", b.buf);
	else if (rc != IV_ERR_NOTFOUND)
		fail_msg("canonical of %s: rc %d", eid, (int)rc);
	iv_buf_release(&b);
}

static bool together(struct iv_store *st, const char *a, const char *b)
{
	char ca[64], cb[64];

	canonical(st, a, ca);
	canonical(st, b, cb);
	if (!*ca || !*cb)
		fail_msg("%s or %s is not resolved", a, b);
	return strcmp(ca, cb) == 0;
}

#define assert_together(st, a, b)                                                                  \
	do {                                                                                       \
		if (!together(st, a, b))                                                           \
			fail_msg("%s and %s should be one canonical entity", a, b);                \
	} while (0)
#define assert_apart(st, a, b)                                                                     \
	do {                                                                                       \
		if (together(st, a, b))                                                            \
			fail_msg("%s and %s should be apart", a, b);                               \
	} while (0)

static enum iv_err count_one(void *ctx, const struct iv_judgement *j)
{
	(*(size_t *)ctx)++;
	return IV_OK;
}

static size_t judgements(struct iv_store *st)
{
	size_t n = 0;

	assert_int_equal(iv_store_judge_each(st, NULL, count_one, &n, NULL), IV_OK);
	return n;
}

struct link_find {
	const char *other;
	int kind;
	double probability;
};

static enum iv_err on_link(void *ctx, const struct iv_res_link *link)
{
	struct link_find *lf = ctx;

	if (strcmp(link->a, lf->other) == 0 || strcmp(link->b, lf->other) == 0) {
		lf->kind = (int)link->kind;
		lf->probability = link->probability;
	}
	return IV_OK;
}

/* The kind of the engine's link between a and b, 0 when there is none. */
static int link_kind(struct iv_store *st, const char *a, const char *b)
{
	struct link_find lf = {b, 0, 0};

	assert_int_equal(iv_store_res_links_of(st, a, on_link, &lf, NULL), IV_OK);
	return lf.kind;
}

/* The probability of the engine's link between a and b, 0 when there is none. */
static double link_probability(struct iv_store *st, const char *a, const char *b)
{
	struct link_find lf = {b, 0, 0};

	assert_int_equal(iv_store_res_links_of(st, a, on_link, &lf, NULL), IV_OK);
	return lf.probability;
}

/* ---- partitions ------------------------------------------------------------------- */

struct membership {
	char entity[64], canonical[64];
};

struct memberships {
	struct membership m[128];
	size_t n;
};

static enum iv_err on_member(void *ctx, const char *entity, const char *canon)
{
	struct memberships *ms = ctx;

	assert_true(ms->n < 128);
	snprintf(ms->m[ms->n].entity, sizeof(ms->m[ms->n].entity), "%s", entity);
	snprintf(ms->m[ms->n].canonical, sizeof(ms->m[ms->n].canonical), "%s", canon);
	ms->n++;
	return IV_OK;
}

static int by_canonical_entity(const void *pa, const void *pb)
{
	const struct membership *a = pa, *b = pb;
	int c = strcmp(a->canonical, b->canonical);

	return c ? c : strcmp(a->entity, b->entity);
}

static int by_string(const void *pa, const void *pb)
{
	return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

/*
 * The partition of the store's entities, independent of canonical ids: each
 * canonical entity as its sorted member list, the lists sorted, one a line.
 * Caller frees.
 */
static char *partition(struct iv_store *st, struct memberships *ms)
{
	char *groups[128];
	size_t ng = 0, len = 1;
	char *out;

	ms->n = 0;
	assert_int_equal(iv_store_res_each_member(st, on_member, ms, NULL), IV_OK);
	qsort(ms->m, ms->n, sizeof(ms->m[0]), by_canonical_entity);
	for (size_t i = 0; i < ms->n;) {
		size_t j = i, glen = 1;

		while (j < ms->n && strcmp(ms->m[j].canonical, ms->m[i].canonical) == 0)
			glen += strlen(ms->m[j++].entity) + 1;
		groups[ng] = calloc(1, glen);
		assert_non_null(groups[ng]);
		for (size_t k = i; k < j; k++) {
			if (k > i)
				strncat(groups[ng], ",", glen - strlen(groups[ng]) - 1);
			strncat(groups[ng], ms->m[k].entity, glen - strlen(groups[ng]) - 1);
		}
		len += strlen(groups[ng]) + 1;
		ng++;
		i = j;
	}
	qsort(groups, ng, sizeof(groups[0]), by_string);
	out = calloc(1, len);
	assert_non_null(out);
	for (size_t g = 0; g < ng; g++) {
		strncat(out, groups[g], len - strlen(out) - 1);
		strncat(out, "\n", len - strlen(out) - 1);
		free(groups[g]);
	}
	return out;
}

/*
 * Two stores hold the same canonical entities: the same partition of their records and,
 * with the smallest-member rule, the same canonical ids.  Returns the records counted.
 */
static size_t assert_same_clusters(struct iv_store *a, struct iv_store *b)
{
	struct memberships *ma = calloc(1, sizeof(*ma)), *mb = calloc(1, sizeof(*mb));
	char *pa, *pb;
	size_t n;

	assert_non_null(ma);
	assert_non_null(mb);
	pa = partition(a, ma);
	pb = partition(b, mb);
	assert_string_equal(pa, pb);
	assert_int_equal(ma->n, mb->n);
	qsort(ma->m, ma->n, sizeof(ma->m[0]), by_canonical_entity);
	qsort(mb->m, mb->n, sizeof(mb->m[0]), by_canonical_entity);
	for (size_t i = 0; i < ma->n; i++) {
		assert_string_equal(ma->m[i].entity, mb->m[i].entity);
		assert_string_equal(ma->m[i].canonical, mb->m[i].canonical);
	}
	n = ma->n;
	free(pa);
	free(pb);
	free(ma);
	free(mb);
	return n;
}

/* ---- merging across scripts ------------------------------------------------------- */

struct pair_count {
	size_t n;
	bool bad_probability;
};

static void on_pair(void *ctx, const char *a, const char *b, double probability, int decision)
{
	struct pair_count *pc = ctx;

	pc->n++;
	if (!(probability >= 0 && probability <= 1))
		pc->bad_probability = true;
}

static void test_cross_script_triple(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_options o = {0};
	struct iv_resolve_report rep;
	struct pair_count pc = {0, false};
	struct iv_buf err = IV_BUF_INIT;
	char c_en[64], want[24];
	size_t nrun = 0;

	put_people(f->st, 0);
	o.family = "Person";
	o.pair = on_pair;
	o.pair_ctx = &pc;
	if (iv_resolve_batch(f->st, &o, &rep, 1, &nrun, &err))
		fail_msg("batch: %s", err.buf);
	iv_buf_release(&err);
	assert_int_equal(nrun, 1);
	assert_string_equal(rep.family, "Person");
	assert_int_equal(rep.records, NPEOPLE);
	assert_true(rep.fitted);
	/* the pair callback saw every compared pair, each with a probability */
	assert_int_equal(pc.n, rep.pairs_compared);
	assert_false(pc.bad_probability);

	assert_together(f->st, "p-hassan-en", "p-hassan-ar");
	assert_together(f->st, "p-hassan-en", "p-hassan-init");
	assert_apart(f->st, "p-hassan-en", "p-brown");
	/* a namesake with another birth date and phone, and a name alone, stay out */
	assert_apart(f->st, "p-hassan-en", "p-hassan-other");
	assert_apart(f->st, "p-hassan-en", "p-hassan-name");
	/* the canonical id comes from the smallest member id */
	canonical(f->st, "p-hassan-en", c_en);
	iv_resolve_canonical_id("p-hassan-ar", want);
	assert_string_equal(c_en, want);
	/* the other duplicates, and no more than them */
	assert_together(f->st, "p-karimi", "p-karimi-3");
	assert_together(f->st, "p-yusuf", "p-yusuf-2");
	assert_apart(f->st, "p-haddad", "p-haddad-b");
	assert_apart(f->st, "p-brown", "p-green");
	assert_apart(f->st, "p-tesfay", "p-tesfay-3");
	assert_apart(f->st, "p-rossi", "p-rossi-2");
}

/* ---- strong identifiers ------------------------------------------------------------- */

static void test_passports_link_and_veto(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_report rep;

	/* the same number and country, different spellings and no birth date on one */
	put_entity(f->st, "doc-hassan-1", "Passport", "number", "K1234567", "country", "iq",
	           "givenName", "Mohammed", "surname", "Al-Hassan", "birthDate", "1990-05-01",
	           NULL);
	put_entity(f->st, "doc-hassan-2", "Passport", "number", "K1234567", "country", "iq",
	           "givenName", "Mohamad", "surname", "Alhasan", NULL);
	/* the same names and birth date, different numbers of one country */
	put_entity(f->st, "doc-brown", "Passport", "number", "533401234", "country", "gb",
	           "givenName", "Peter", "surname", "Brown", "birthDate", "1975-11-23", NULL);
	put_entity(f->st, "doc-brown-2", "Passport", "number", "533409876", "country", "gb",
	           "givenName", "Peter", "surname", "Brown", "birthDate", "1975-11-23", NULL);
	batch(f->st, "Passport", false, &rep);
	assert_string_equal(rep.family, "Identification");
	assert_int_equal(rep.records, 4);
	assert_int_equal(link_kind(f->st, "doc-hassan-1", "doc-hassan-2"), IV_RES_STRONG);
	assert_together(f->st, "doc-hassan-1", "doc-hassan-2");
	assert_int_equal(link_kind(f->st, "doc-brown", "doc-brown-2"), IV_RES_VETO);
	assert_apart(f->st, "doc-brown", "doc-brown-2");
	assert_true(rep.strong_links >= 1);
	assert_true(rep.vetoes >= 1);
	/* the explanation names the identifier with its scope, and both numbers of a veto */
	{
		struct iv_resolve_explanation x;

		explain_into(f->st, "doc-hassan-1", "doc-hassan-2", &x);
		assert_string_equal(x.identifier.kind, "document");
		assert_string_equal(x.identifier.scope, "iq");
		assert_string_equal(x.identifier.a, "K1234567");
		assert_string_equal(x.identifier.b, "K1234567");
		assert_non_null(strstr(x.rule, "shared strong identifier: document iq K1234567"));
		assert_null(strstr(x.rule, "compared as"));
		explain_into(f->st, "doc-brown", "doc-brown-2", &x);
		assert_non_null(strstr(x.rule,
		                       "conflicting strong identifier: document gb 533401234 and "
		                       "533409876"));
	}
}

/*
 * A document has one number, one type, one holder's birth date, one issue
 * and one expiry date.  One man's Vietnamese and French passports share his
 * name and birth date and are two documents; one number on a passport and
 * on an ID card, or on two passports issued on other days or to holders
 * born on other days, is a number a forger reused: for review, not one
 * document.  A type is compared as its ICAO class ("Passport" is P), and a
 * type named otherwise says nothing.  A year alone against the whole date, or an examination that
 * left the expiry date out, is still one document.  (An examination that
 * left out every fact that differs agrees with both documents, and joins
 * them: docs/resolution.md, "Documents".)
 */
static void test_documents_fixed_facts(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_explanation x;

	put_entity(f->st, "dv-vn", "Passport", "number", "K11956779", "country", "vn", "type", "P",
	           "givenName", "TIEN DUNG", "surname", "NGUYEN", "birthDate", "1992-05-11",
	           "startDate", "2020-09-06", NULL);
	put_entity(f->st, "dv-fr", "Passport", "number", "R96562913", "country", "fr", "type", "P",
	           "givenName", "Tien Dung", "surname", "Nguyen", "birthDate", "1992-05-11",
	           "startDate", "2011-03-27", NULL);
	/* one Greek number on a passport, an ID card, a passport issued on another day, and a
	 * passport of a holder born on another day; and the passport examined again */
	put_entity(f->st, "dg-p", "Passport", "number", "P20000049", "country", "gr", "type", "P",
	           "givenName", "ZABIHULLAH", "surname", "AHMADZAI", "birthDate", "1991-12-14",
	           "startDate", "2017-04-04", "endDate", "2027-04-04", NULL);
	put_entity(f->st, "dg-i", "Identification", "number", "P20000049", "country", "gr", "type",
	           "I", "startDate", "2022-01-07", "endDate", "2032-01-07", NULL);
	put_entity(f->st, "dg-day", "Passport", "number", "P20000049", "country", "gr", "type", "P",
	           "givenName", "ZABIHULLAH", "surname", "AHMADZAI", "startDate", "2017-04-05",
	           "endDate", "2027-04-05", NULL);
	put_entity(f->st, "dg-born", "Passport", "number", "P20000049", "country", "gr", "type",
	           "P", "givenName", "Zabiullah", "surname", "Ahmadzai", "birthDate", "1993-12-16",
	           "startDate", "2017-04-04", "endDate", "2027-04-04", NULL);
	put_entity(f->st, "dg-again", "Passport", "number", "P20000049", "country", "gr", "type",
	           "P", "givenName", "Zabihullah", "surname", "Ahmadzai", "birthDate", "1991",
	           "startDate", "2017-04-04", NULL);
	/* the type in words: "Passport" is the zone's P; a type named otherwise says nothing */
	put_entity(f->st, "dg-word", "Passport", "number", "P20000049", "country", "gr", "type",
	           "Passport", "givenName", "ZABIHULLAH", "surname", "AHMADZAI", "birthDate",
	           "1991-12-14", "startDate", "2017-04-04", NULL);
	put_entity(f->st, "dg-other", "Passport", "number", "P20000049", "country", "gr", "type",
	           "travel document", "givenName", "ZABIHULLAH", "surname", "AHMADZAI", "birthDate",
	           "1991-12-14", "startDate", "2017-04-04", NULL);
	batch(f->st, "Identification", false, NULL);
	assert_int_equal(link_kind(f->st, "dg-p", "dg-word"), IV_RES_STRONG);
	assert_int_equal(link_kind(f->st, "dg-p", "dg-other"), IV_RES_STRONG);
	assert_int_equal(link_kind(f->st, "dg-i", "dg-word"), IV_RES_REUSED);
	assert_int_equal(link_kind(f->st, "dv-vn", "dv-fr"), IV_RES_VETO);
	assert_apart(f->st, "dv-vn", "dv-fr");
	assert_int_equal(link_kind(f->st, "dg-p", "dg-i"), IV_RES_REUSED);
	assert_int_equal(link_kind(f->st, "dg-p", "dg-day"), IV_RES_REUSED);
	assert_int_equal(link_kind(f->st, "dg-p", "dg-born"), IV_RES_REUSED);
	assert_int_equal(link_kind(f->st, "dg-p", "dg-again"), IV_RES_STRONG);
	assert_together(f->st, "dg-p", "dg-again");
	assert_apart(f->st, "dg-p", "dg-i");
	assert_apart(f->st, "dg-p", "dg-born");
	/* the rule says which fact differs */
	explain_into(f->st, "dg-p", "dg-i", &x);
	assert_string_equal(x.decision, "review");
	assert_non_null(strstr(x.rule, "but the type differs (P and I)"));
	explain_into(f->st, "dg-p", "dg-born", &x);
	assert_non_null(strstr(x.rule, "but the birth date differs (1991-12-14 and 1993-12-16)"));
	explain_into(f->st, "dv-vn", "dv-fr", &x);
	assert_non_null(strstr(x.rule, "conflicting strong identifier: document vn K11956779"));
}

/*
 * Identity cards whose examination copied only the machine readable zone
 * (the names and birth date are in it alone): the Identification record
 * reads them from the zone, so one number on two cards of two people is a
 * reused number, not one card; a zone whose number fails its check digit
 * names no document; and the card's holder gets the number, names and
 * birth date from the zone as from printed fields.
 */
static void test_documents_from_zone(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_explanation x;
	char text[1024];

	put_entity(f->st, "dz-1", "Identification", "type", "I", "country", "gr", "holder", "dz-h1",
	           "mrz",
	           "I<GRCP200000492<<<<<<<<<<<<<<<\n8501190M3201071GRC<<<<<<<<<<<2\n"
	           "CELA<<ERION<<<<<<<<<<<<<<<<<<<",
	           NULL);
	put_entity(f->st, "dz-2", "Identification", "type", "I", "country", "gr", "mrz",
	           "I<GRCP200000492<<<<<<<<<<<<<<<\n8808051M2505037GRC<<<<<<<<<<<8\n"
	           "HAKIMI<<SHARIF<<<<<<<<<<<<<<<<",
	           NULL);
	/* the number's check digit (2) misread as 3 */
	put_entity(f->st, "dz-3", "Identification", "type", "I", "country", "gr", "mrz",
	           "I<GRCP200000493<<<<<<<<<<<<<<<\n8501190M3201071GRC<<<<<<<<<<<2\n"
	           "CELA<<ERION<<<<<<<<<<<<<<<<<<<",
	           NULL);
	put_entity(f->st, "dz-h1", "Person", "nationality", "gr", NULL);
	batch(f->st, "Identification", false, NULL);
	assert_int_equal(link_kind(f->st, "dz-1", "dz-2"), IV_RES_REUSED);
	assert_apart(f->st, "dz-1", "dz-2");
	explain_into(f->st, "dz-1", "dz-2", &x);
	assert_string_equal(x.features[0].a, "ERION CELA");
	assert_string_equal(x.features[0].b, "SHARIF HAKIMI");
	assert_non_null(strstr(x.rule, "document gr P20000049"));
	stored_record_text(f->st, "dz-1", text);
	assert_non_null(strstr(text, "\"birth_date\":[\"1985-01-19\"]"));
	assert_non_null(strstr(text, "\"expires\":[\"2032-01-07\"]"));
	stored_record_text(f->st, "dz-3", text);
	assert_null(strstr(text, "P20000049"));
	assert_non_null(strstr(text, "\"name\":[\"ERION CELA\"]"));
	batch(f->st, "Person", false, NULL);
	stored_record_text(f->st, "dz-h1", text);
	assert_non_null(strstr(text, "P20000049"));
	assert_non_null(strstr(text, "\"name\":[\"ERION CELA\"]"));
	assert_non_null(strstr(text, "\"birth_date\":[\"1985-01-19\"]"));
}

/*
 * An account is one username on one service: a man's Telegram and Facebook
 * accounts share his phone and his name and stay two accounts, and one
 * handle on two services is two accounts; one account seen twice links.
 */
static void test_accounts_one_per_service(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_explanation x;

	put_entity(f->st, "ua-tg", "UserAccount", "username", "berhanetekle88", "service",
	           "Telegram", "name", "Wedi Berhane", "phone", "+249992399009", NULL);
	put_entity(f->st, "ua-fb", "UserAccount", "username", "berhane.tekle87", "service",
	           "Facebook", "name", "Wedi Berhane", "phone", "+249992399009", NULL);
	put_entity(f->st, "ua-ig", "UserAccount", "username", "berhanetekle88", "service",
	           "Instagram", "name", "Wedi Berhane", "phone", "+249992399009", NULL);
	put_entity(f->st, "ua-tg-2", "UserAccount", "username", "@berhanetekle88", "service",
	           "telegram", NULL); /* the service's name in lower case: one service */
	batch(f->st, "UserAccount", false, NULL);
	assert_int_equal(link_kind(f->st, "ua-tg", "ua-fb"), IV_RES_VETO);
	assert_int_equal(link_kind(f->st, "ua-tg", "ua-ig"), IV_RES_VETO);
	assert_int_equal(link_kind(f->st, "ua-fb", "ua-ig"), IV_RES_VETO);
	assert_apart(f->st, "ua-tg", "ua-fb");
	assert_apart(f->st, "ua-tg", "ua-ig");
	assert_apart(f->st, "ua-fb", "ua-ig");
	assert_int_equal(link_kind(f->st, "ua-tg", "ua-tg-2"), IV_RES_STRONG);
	assert_together(f->st, "ua-tg", "ua-tg-2");
	/* the rule names each side's service */
	explain_into(f->st, "ua-fb", "ua-tg", &x);
	assert_string_equal(x.identifier.scope, "facebook");
	assert_string_equal(x.identifier.scope_b, "telegram");
	assert_non_null(strstr(x.rule, "conflicting strong identifier: username facebook "
	                               "berhane.tekle87 and telegram berhanetekle88"));
	explain_into(f->st, "ua-tg", "ua-tg-2", &x);
	assert_string_equal(x.identifier.scope_b, "");
}

/* Counts the review queue's reused-number items (and checks their impact). */
struct reused_seen {
	int reused, others_reused;
};

static enum iv_err on_reused(void *ctx, const struct iv_resolve_review_item *it)
{
	struct reused_seen *rs = ctx;
	bool gul = strcmp(it->a, "pp-gul") == 0 || strcmp(it->b, "pp-gul") == 0;

	if (it->reused && gul) {
		rs->reused++;
		assert_int_equal(it->pairs, 2); /* from each Hemin record: one decision */
		assert_true(it->probability < 0.2);
		assert_true(fabs(it->impact - (double)(it->size_a + it->size_b)) < 1e-9);
	} else if (it->reused) {
		rs->others_reused++;
	}
	return IV_OK;
}

/*
 * One passport number on three Person records: a spelling of the holder's
 * name links by it; a man of another name and birth date (a forger reuses
 * numbers) does not - the pair goes to review, and the explanation says why.
 */
static void test_strong_denied(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_explanation *x = calloc(1, sizeof(*x));
	struct iv_resolve_report rep;
	struct iv_buf err = IV_BUF_INIT;

	assert_non_null(x);
	put_people(f->st, 0);
	put_entity(f->st, "pp-hemin", "Person", "name", "Hemin Ahmed", "birthDate", "1986-01-31",
	           "passportNumber", "X20000316", "nationality", "nl", "gender", "male", NULL);
	put_entity(f->st, "pp-hemin-2", "Person", "name", "HEMIN AHMAD", "passportNumber",
	           "X20000316", "nationality", "nl", NULL);
	put_entity(f->st, "pp-gul", "Person", "name", "Gul Safi", "birthDate", "1976-12-08",
	           "passportNumber", "X20000316", "nationality", "nl", "gender", "male", NULL);
	/* other names, the same birth date: a name changed, or written as another */
	put_entity(f->st, "pp-zhila", "Person", "name", "Zhila Karimi", "birthDate", "1991-03-14",
	           "passportNumber", "N20000777", "nationality", "gb", NULL);
	put_entity(f->st, "pp-zhila-2", "Person", "name", "Jane Baker", "birthDate", "1991-03-14",
	           "passportNumber", "N20000777", "nationality", "gb", NULL);
	batch(f->st, "Person", false, &rep);
	assert_int_equal(link_kind(f->st, "pp-zhila", "pp-zhila-2"), IV_RES_STRONG);
	assert_together(f->st, "pp-zhila", "pp-zhila-2");
	assert_int_equal(link_kind(f->st, "pp-hemin", "pp-hemin-2"), IV_RES_STRONG);
	assert_together(f->st, "pp-hemin", "pp-hemin-2");
	assert_int_equal(link_kind(f->st, "pp-hemin", "pp-gul"), IV_RES_REUSED);
	assert_int_equal(link_kind(f->st, "pp-hemin-2", "pp-gul"), IV_RES_REUSED);
	assert_apart(f->st, "pp-hemin", "pp-gul");
	assert_int_equal(rep.strong_links, 2);
	/* in the review queue as uncertain as can be, whatever the probability */
	{
		struct reused_seen rs = {0, 0};

		assert_int_equal(iv_resolve_review(f->st, 0, on_reused, &rs, &err), IV_OK);
		assert_int_equal(rs.reused, 1);
		assert_int_equal(rs.others_reused, 0);
	}

	explain_into(f->st, "pp-hemin", "pp-gul", x);
	assert_string_equal(x->decision, "review");
	assert_non_null(strstr(x->rule, "X20000316"));
	assert_non_null(strstr(x->rule, "reused or forged"));
	explain_into(f->st, "pp-hemin", "pp-hemin-2", x);
	assert_string_equal(x->decision, "same");
	assert_null(strstr(x->rule, "forged"));
	iv_buf_release(&err);
	free(x);
}

/*
 * One French passport number on five document examinations: two of a
 * holder, two of another holder of another name and birth date (a forger
 * reused it), and one that noted the number alone.  The bare record links
 * to all four by the number; it is bridging and joins one holder only, so
 * the reused number never makes the two holders one through it.  People
 * decide: "unsure" changes nothing, "same" makes all of them one.
 */
static void test_reused_number_not_bridged(void **state)
{
	static const char *const given[] = {"Ahmad", "Karim",  "Zhila", "Omar",  "Hemin",
	                                    "Saba",  "Tesfay", "Nour",  "Bilal", "Dritan"};
	static const char *const family[] = {"Noori", "Safi", "Haile", "Osman", "Aziz",
	                                     "Hoxha", "Tran", "Khan",  "Popal", "Demir"};
	struct fixture *f = *state;
	struct iv_buf err = IV_BUF_INIT;
	char id[24], number[24], date[16];

	/* forty passports, twenty examined twice: enough for the model to learn that
	 * another name and birth date speak against a pair */
	for (int i = 0; i < 40; i++) {
		snprintf(number, sizeof(number), "AB%07d", 1234567 + 7 * i);
		snprintf(date, sizeof(date), "19%02d-%02d-%02d", 60 + i, 1 + i % 12, 1 + i % 28);
		for (int copy = 0; copy < (i < 20 ? 2 : 1); copy++) {
			snprintf(id, sizeof(id), "dx-%d-%d", i, copy);
			put_entity(f->st, id, "Passport", "number", number, "country", "gb", "type",
			           "P", "givenName", given[i % 10], "surname",
			           family[(i / 10 + i) % 10], "birthDate", date, NULL);
		}
	}
	for (int copy = 0; copy < 2; copy++) {
		snprintf(id, sizeof(id), "dx-rahimi-%d", copy);
		put_entity(f->st, id, "Passport", "number", "18FR12345", "country", "fr", "type",
		           "P", "givenName", "Mohammad", "surname", "Rahimi", "birthDate",
		           "2003-08-17", NULL);
		snprintf(id, sizeof(id), "dx-rasuli-%d", copy);
		put_entity(f->st, id, "Passport", "number", "18FR12345", "country", "fr", "type",
		           "P", "givenName", "Farid", "surname", "Rasuli", "birthDate",
		           "1991-07-20", NULL);
	}
	put_entity(f->st, "dx-blank", "Identification", "number", "18 FR 12345", "country", "fr",
	           "type", "P", NULL);
	batch(f->st, "Identification", false, NULL);
	assert_int_equal(link_kind(f->st, "dx-rahimi-0", "dx-rasuli-0"), IV_RES_REUSED);
	assert_int_equal(link_kind(f->st, "dx-blank", "dx-rahimi-0"), IV_RES_STRONG);
	assert_int_equal(link_kind(f->st, "dx-blank", "dx-rasuli-0"), IV_RES_STRONG);
	assert_together(f->st, "dx-rahimi-0", "dx-rahimi-1");
	assert_together(f->st, "dx-rasuli-0", "dx-rasuli-1");
	assert_apart(f->st, "dx-rahimi-0", "dx-rasuli-0");
	assert_true(together(f->st, "dx-blank", "dx-rahimi-0") !=
	            together(f->st, "dx-blank", "dx-rasuli-0"));
	if (iv_resolve_judge(f->st, "dx-rahimi-0", "dx-rasuli-0", "unsure", "analyst", NULL, &err))
		fail_msg("judge: %s", err.buf);
	assert_apart(f->st, "dx-rahimi-0", "dx-rasuli-0");
	if (iv_resolve_judge(f->st, "dx-rahimi-0", "dx-rasuli-0", "same", "analyst", NULL, &err))
		fail_msg("judge: %s", err.buf);
	assert_together(f->st, "dx-rahimi-0", "dx-rasuli-1");
	assert_together(f->st, "dx-rahimi-1", "dx-rasuli-0");
	assert_together(f->st, "dx-blank", "dx-rasuli-1");
	iv_buf_release(&err);
}

/*
 * A refugee's travel document says XXB where his debrief says Sudanese: the
 * status scopes nothing, so one passport number is one identifier.
 */
static void test_status_scopes_nothing(void **state)
{
	struct fixture *f = *state;

	put_people(f->st, 0);
	put_entity(f->st, "pp-idris", "Person", "name", "Abdelrahman Idris", "passportNumber",
	           "P0123456", "nationality", "xxb", NULL);
	put_entity(f->st, "pp-idris-2", "Person", "name", "ABDELRAHMAN IDRIS", "passportNumber",
	           "P0123456", "nationality", "sd", NULL);
	batch(f->st, "Person", false, NULL);
	assert_int_equal(link_kind(f->st, "pp-idris", "pp-idris-2"), IV_RES_STRONG);
	assert_together(f->st, "pp-idris", "pp-idris-2");
}

static void put_account(struct iv_store *st, const char *id, const char *iban,
                        const char *account_number)
{
	begin_ok(st);
	put(st, id, "BankAccount", "iban", iban);
	if (account_number)
		put(st, id, "BankAccount", "accountNumber", account_number);
	put(st, id, "BankAccount", "bankName", "Northwest Bank");
	put(st, id, "BankAccount", "bic", "NWBKGB2L");
	put(st, id, "BankAccount", "country", "gb");
	put(st, id, "BankAccount", "accountType", "current");
	commit_ok(st);
}

/* The feature of an explanation by name (below, with the explanation tests). */
static const struct iv_resolve_feature *feature(const struct iv_resolve_explanation *x,
                                                const char *name);

/* A transfer from (or to) an account: the party and the account on its side. */
static void put_payment(struct iv_store *st, const char *id, const char *payer,
                        const char *payer_account, const char *beneficiary)
{
	begin_ok(st);
	put(st, id, "Payment", "payer", payer);
	if (payer_account)
		put(st, id, "Payment", "payerAccount", payer_account);
	put(st, id, "Payment", "beneficiary", beneficiary);
	put(st, id, "Payment", "amount", "450");
	commit_ok(st);
}

/*
 * Two writings of a mother's name send money from one customer account:
 * the account joins them (a shared selector and a compatible name); a man
 * of another name sending from it (a relative, a shared account) is kept
 * apart; a third writing that arrives later is matched incrementally
 * against the account stored before, and a resolved payer who pays from a
 * new account is resolved again with it.
 */
static void test_payment_accounts(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_options o = {0};
	struct iv_resolve_report reports[IV_RESOLVE_NFAMILIES];
	size_t nrun = 0;

	put_people(f->st, 0);
	put_entity(f->st, "acc-sheu", "BankAccount", "accountNumber", "C646298799", NULL);
	put_entity(f->st, "mt-angela", "Person", "name", "Angela Sheu", "country", "al", NULL);
	put_entity(f->st, "mt-anxhela", "Person", "name", "ANXHELA SHEU", "country", "al", NULL);
	put_entity(f->st, "mt-dritan", "Person", "name", "Dritan Tchela", "country", "al", NULL);
	put_entity(f->st, "mt-ermal", "Person", "name", "Ermal Lekaj", NULL);
	put_payment(f->st, "pay-1", "mt-angela", "acc-sheu", "mt-ermal");
	put_payment(f->st, "pay-2", "mt-anxhela", "acc-sheu", "mt-ermal");
	put_payment(f->st, "pay-3", "mt-dritan", "acc-sheu", "mt-ermal");
	batch(f->st, "Person", false, NULL);
	assert_together(f->st, "mt-angela", "mt-anxhela");
	assert_apart(f->st, "mt-angela", "mt-dritan");
	assert_apart(f->st, "mt-angela", "mt-ermal");

	/* later: a new writing of her name and a new payment from the old account */
	put_entity(f->st, "mt-angela-3", "Person", "name", "MRS ANGELA SHEU", NULL);
	put_payment(f->st, "pay-4", "mt-angela-3", "acc-sheu", "mt-ermal");
	nrun = incremental(f->st, &o, reports);
	assert_true(nrun >= 1);
	assert_together(f->st, "mt-angela", "mt-angela-3");
	assert_apart(f->st, "mt-angela-3", "mt-dritan");

	/* a resolved payer sends from a new account, and a new writing of him too */
	put_entity(f->st, "acc-tchela", "BankAccount", "iban", "GB33BUKB20201555555555", NULL);
	put_entity(f->st, "mt-dritan-2", "Person", "name", "DRITAN TCHELA", NULL);
	put_payment(f->st, "pay-5", "mt-dritan", "acc-tchela", "mt-ermal");
	put_payment(f->st, "pay-6", "mt-dritan-2", "acc-tchela", "mt-ermal");
	nrun = incremental(f->st, &o, reports);
	assert_int_equal(reports[0].updated, 1); /* mt-dritan, resolved again with the account */
	/* his stored record holds the new account (the model here is fitted on too few
	 * records to weigh it; the medium world's does) */
	{
		struct iv_resolve_explanation *x = calloc(1, sizeof(*x));

		assert_non_null(x);
		const struct iv_resolve_feature *sel;

		explain_into(f->st, "mt-dritan", "mt-dritan-2", x);
		sel = feature(x, "selectors");
		assert_non_null(sel);
		assert_string_equal(sel->level, "shared");
		/* the IBAN (its check digits aside), or the domestic number inside it */
		if (strcmp(sel->a, "iban:GBBUKB20201555555555") != 0 &&
		    strcmp(sel->a, "account:20201555555555") != 0)
			fail_msg("shared selector %s", sel->a);
		free(x);
	}
}

static void test_bank_accounts_same_iban(void **state)
{
	struct fixture *f = *state;

	put_account(f->st, "acct-a", "GB29NWBK60161331926819", NULL);
	put_entity(f->st, "acct-b", "BankAccount", "iban", "GB29NWBK60161331926819", "bankName",
	           "Northwest Bank plc", NULL);
	put_account(f->st, "acct-c", "GB94BARC10201530093459", NULL);
	batch(f->st, "BankAccount", false, NULL);
	assert_int_equal(link_kind(f->st, "acct-a", "acct-b"), IV_RES_STRONG);
	assert_together(f->st, "acct-a", "acct-b");
	/* everything but the IBAN equal */
	assert_apart(f->st, "acct-a", "acct-c");
	assert_apart(f->st, "acct-b", "acct-c");
}

/*
 * Two accounts with different IBANs and all else equal, account number and
 * BIC included: the IBANs conflict (a veto identifier), so they must never
 * be one entity, whatever the shared account number says.
 */
static void test_bank_accounts_iban_veto(void **state)
{
	struct fixture *f = *state;

	put_account(f->st, "acct-d", "GB33BUKB20201555555555", "31926819");
	put_account(f->st, "acct-e", "GB82WEST12345698765432", "31926819");
	batch(f->st, "BankAccount", false, NULL);
	if (link_kind(f->st, "acct-d", "acct-e") != IV_RES_VETO)
		fail_msg("acct-d/acct-e: link kind %d, expected a veto (%d): the conflicting "
		         "IBANs must win over the shared account number",
		         link_kind(f->st, "acct-d", "acct-e"), IV_RES_VETO);
	assert_apart(f->st, "acct-d", "acct-e");
}

/*
 * An explanation shows an identifier as each record received it and the
 * form both were compared in: an IBAN in groups of four on one side, run
 * together on the other, compared without its check digits.
 */
static void test_explain_identifier_as_written(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_explanation x;

	put_account(f->st, "acct-w1", "GB29 NWBK 6016 1331 9268 19", NULL);
	put_account(f->st, "acct-w2", "GB29NWBK60161331926819", NULL);
	batch(f->st, "BankAccount", false, NULL);
	explain_into(f->st, "acct-w1", "acct-w2", &x);
	assert_string_equal(x.identifier.kind, "iban");
	assert_string_equal(x.identifier.a, "GB29 NWBK 6016 1331 9268 19");
	assert_string_equal(x.identifier.b, "GB29NWBK60161331926819");
	assert_string_equal(x.identifier.compared, "GBNWBK60161331926819");
	assert_string_equal(x.rule, "shared strong identifier: iban GB29 NWBK 6016 1331 9268 19 = "
	                            "GB29NWBK60161331926819 (compared as GBNWBK60161331926819)");
	/* two IBANs in conflict: both as written */
	put_account(f->st, "acct-w3", "DE89 3704 0044 0532 0130 00", NULL);
	batch(f->st, "BankAccount", false, NULL);
	explain_into(f->st, "acct-w1", "acct-w3", &x);
	assert_string_equal(x.rule, "conflicting strong identifier: iban GB29 NWBK 6016 1331 9268 "
	                            "19 and DE89 3704 0044 0532 0130 00");
	/*
	 * A holder's own British passport and an Iraqi one he was given with the same
	 * number: the Iraqi number is shared with another record, and what his own
	 * statements hold is the British one, so it is shown as compared.
	 */
	put_entity(f->st, "pg-1", "Person", "name", "Peter Brown", "nationality", "gb",
	           "passportNumber", "533 401 234", NULL);
	put_entity(f->st, "pg-doc", "Passport", "number", "533401234", "country", "iq", "holder",
	           "pg-1", NULL);
	put_entity(f->st, "pg-2", "Person", "name", "Peter Brown", "nationality", "iq",
	           "passportNumber", "533-401-234", NULL);
	batch(f->st, "Person", false, NULL);
	explain_into(f->st, "pg-1", "pg-2", &x);
	assert_string_equal(x.identifier.kind, "document");
	assert_string_equal(x.identifier.scope, "iq");
	assert_string_equal(x.identifier.a, "533401234");
	assert_string_equal(x.identifier.b, "533-401-234");
	/* a pair without an identifier has none */
	put_entity(f->st, "pw-1", "Person", "name", "Ahmad Karimi", NULL);
	put_entity(f->st, "pw-2", "Person", "name", "Ahmad Karimi", "phone", "+33612345678", NULL);
	batch(f->st, "Person", false, NULL);
	explain_into(f->st, "pw-1", "pw-2", &x);
	assert_string_equal(x.identifier.kind, "");
	assert_string_equal(x.rule, "");
}

/*
 * A batch run again clears what the last one stored of its family and
 * nothing else: a second family's links and entities survive a re-run of
 * the first (the clear by family), and a family alone in the store (whose
 * tables are emptied whole) comes out of a re-run as it went in.
 */
static void test_rerun_clears_own_family_only(void **state)
{
	struct fixture *f = *state;
	struct memberships *ms = calloc(1, sizeof(*ms));
	struct iv_resolve_report rep1, rep2;
	char *alone1, *alone2, *both;

	assert_non_null(ms);
	put_people(f->st, 0);
	batch(f->st, "Person", false, &rep1);
	alone1 = partition(f->st, ms);
	batch(f->st, "Person", false, &rep2); /* alone: the tables emptied whole */
	alone2 = partition(f->st, ms);
	assert_string_equal(alone1, alone2);
	assert_int_equal(rep1.match_links, rep2.match_links);
	assert_int_equal(rep1.review_pairs, rep2.review_pairs);
	assert_int_equal(link_kind(f->st, "p-hassan-en", "p-hassan-ar"),
	                 link_kind(f->st, "p-hassan-ar", "p-hassan-en"));
	assert_int_not_equal(link_kind(f->st, "p-hassan-en", "p-hassan-ar"), 0);

	put_account(f->st, "acct-a", "GB29NWBK60161331926819", NULL);
	put_entity(f->st, "acct-b", "BankAccount", "iban", "GB29NWBK60161331926819", NULL);
	batch(f->st, "BankAccount", false, NULL);
	assert_int_equal(link_kind(f->st, "acct-a", "acct-b"), IV_RES_STRONG);
	both = partition(f->st, ms);
	batch(f->st, "Person", false, NULL); /* by family: the accounts stay */
	assert_int_equal(link_kind(f->st, "acct-a", "acct-b"), IV_RES_STRONG);
	assert_together(f->st, "acct-a", "acct-b");
	free(alone2);
	alone2 = partition(f->st, ms);
	assert_string_equal(both, alone2);
	batch(f->st, "BankAccount", false, NULL); /* and the people stay */
	assert_together(f->st, "p-hassan-en", "p-hassan-ar");
	assert_int_not_equal(link_kind(f->st, "p-hassan-en", "p-hassan-ar"), 0);
	free(alone2);
	alone2 = partition(f->st, ms);
	assert_string_equal(both, alone2);
	free(alone1);
	free(alone2);
	free(both);
	free(ms);
}

/* SQL on the fixture's file through a connection of its own (a test's trigger). */
static void exec_raw(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	char *msg = NULL;

	if (sqlite3_open(path, &db) != SQLITE_OK || sqlite3_exec(db, sql, NULL, NULL, &msg))
		fail_msg("%s: %s", sql, msg ? msg : sqlite3_errmsg(db));
	sqlite3_close(db);
}

/* A number a query on the fixture's file answers. */
static long long query_int(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	long long v = -1;

	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return v;
}

/* Every row of a one-column query on a connection of the test's, one a line (caller frees). */
static char *query_lines_on(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	struct iv_buf out = IV_BUF_INIT;

	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(stmt, 0);

		assert_int_equal(iv_buf_addf(&out, "%s\n", t ? (const char *)t : ""), IV_OK);
	}
	sqlite3_finalize(stmt);
	return out.len ? out.buf : strdup(""); /* no rows: out.buf is the shared empty string */
}

/* A connection of the test's to the fixture's file (sqlite3_close). */
static sqlite3 *open_raw(const char *path)
{
	sqlite3 *db = NULL;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		fail_msg("%s: %s", path, sqlite3_errmsg(db));
	return db;
}

/* Every row of a one-column query on the fixture's file, one a line (caller frees). */
static char *query_lines(const char *path, const char *sql)
{
	sqlite3 *db = open_raw(path);
	char *out = query_lines_on(db, sql);

	sqlite3_close(db);
	return out;
}

/*
 * A batch whose save fails fails with a message, and the earlier resolution
 * stays whole, wherever the save fails: at its start (the store opened
 * read-only), in a stage on the writer's thread after it wrote (keys beside
 * the fit, the engine's links beside clustering; a trigger refuses the
 * rows), and after clustering (memberships).  No transaction is left open.
 */
static void test_batch_save_fails_keeps_earlier(void **state)
{
	static const char *const tables[] = {"res_keys", "res_links", "res_members"};
	struct fixture *f = *state;
	struct memberships *ms = calloc(1, sizeof(*ms));
	struct iv_resolve_options o = {0};
	struct iv_resolve_report rep;
	struct iv_store *ro = NULL;
	struct iv_buf err = IV_BUF_INIT;
	size_t nrun = 0;
	char *before, *after, sql[256];

	assert_non_null(ms);
	put_people(f->st, 0);
	batch(f->st, "Person", false, NULL);
	before = partition(f->st, ms);
	o.family = "Person";
	assert_int_equal(iv_store_open(f->path, IV_STORE_READONLY, &ro, &err), IV_OK);
	assert_int_not_equal(iv_resolve_batch(ro, &o, &rep, 1, &nrun, &err), IV_OK);
	assert_true(err.len > 0);
	iv_store_close(ro);
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		snprintf(sql, sizeof(sql),
		         "CREATE TRIGGER test_refuse BEFORE INSERT ON %s"
		         " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
		         tables[i]);
		exec_raw(f->path, sql);
		iv_buf_reset(&err);
		assert_int_not_equal(iv_resolve_batch(f->st, &o, &rep, 1, &nrun, &err), IV_OK);
		if (!strstr(err.buf, "refused by the test"))
			fail_msg("%s: the error does not say why: %s", tables[i], err.buf);
		exec_raw(f->path, "DROP TRIGGER test_refuse");
		after = partition(f->st, ms);
		assert_string_equal(before, after);
		free(after);
		assert_int_not_equal(link_kind(f->st, "p-hassan-en", "p-hassan-ar"), 0);
		assert_int_equal(iv_store_begin(f->st, &err), IV_OK); /* none left open */
		iv_store_rollback(f->st);
	}
	batch(f->st, "Person", false, NULL);
	after = partition(f->st, ms);
	assert_string_equal(before, after);
	iv_buf_release(&err);
	free(before);
	free(after);
	free(ms);
}

/* ---- judgements ---------------------------------------------------------------------- */

static void judge_ok(struct iv_store *st, const char *a, const char *b, const char *verdict,
                     const char *user)
{
	struct iv_buf err = IV_BUF_INIT;

	if (iv_resolve_judge(st, a, b, verdict, user, "test", &err))
		fail_msg("judge %s %s %s: %s", a, b, verdict, err.buf);
	iv_buf_release(&err);
}

static enum iv_err judge_rc(struct iv_store *st, const char *a, const char *b, const char *verdict,
                            const char *user, bool *has_message)
{
	struct iv_buf err = IV_BUF_INIT;
	enum iv_err rc = iv_resolve_judge(st, a, b, verdict, user, NULL, &err);

	*has_message = err.len > 0;
	iv_buf_release(&err);
	return rc;
}

static void test_judge_different_splits(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_report rep;
	size_t n0;

	put_people(f->st, 0);
	batch(f->st, "Person", false, NULL);
	assert_together(f->st, "p-hassan-en", "p-hassan-ar");
	n0 = judgements(f->st);
	assert_int_equal(n0, 0);
	judge_ok(f->st, "p-hassan-en", "p-hassan-ar", "different", "alice");
	assert_int_equal(judgements(f->st), 1);
	assert_apart(f->st, "p-hassan-en", "p-hassan-ar");
	/* a new batch run keeps the person's decision */
	batch(f->st, "Person", false, &rep);
	assert_apart(f->st, "p-hassan-en", "p-hassan-ar");
	assert_int_equal(rep.judgements, 1);
	/* and so does a batch with the stored model */
	batch(f->st, "Person", true, NULL);
	assert_apart(f->st, "p-hassan-en", "p-hassan-ar");
	/* the other duplicates are untouched */
	assert_together(f->st, "p-karimi", "p-karimi-2");
}

static void test_judge_same_joins_and_later_overrides(void **state)
{
	struct fixture *f = *state;

	put_people(f->st, 0);
	batch(f->st, "Person", false, NULL);
	assert_apart(f->st, "p-brown", "p-green");
	judge_ok(f->st, "p-brown", "p-green", "same", "alice");
	assert_together(f->st, "p-brown", "p-green");
	batch(f->st, "Person", false, NULL);
	assert_together(f->st, "p-brown", "p-green");
	/* a later judgement on the pair (either order) overrides the earlier one */
	judge_ok(f->st, "p-green", "p-brown", "different", "bob");
	assert_int_equal(judgements(f->st), 2);
	assert_apart(f->st, "p-brown", "p-green");
	batch(f->st, "Person", false, NULL);
	assert_apart(f->st, "p-brown", "p-green");
	/* and back: a split is undone the same way */
	judge_ok(f->st, "p-hassan-en", "p-hassan-ar", "different", "alice");
	assert_apart(f->st, "p-hassan-en", "p-hassan-ar");
	judge_ok(f->st, "p-hassan-en", "p-hassan-ar", "same", "alice");
	assert_together(f->st, "p-hassan-en", "p-hassan-ar");
	assert_together(f->st, "p-hassan-en", "p-hassan-init");
}

static void test_judge_contradiction(void **state)
{
	struct fixture *f = *state;
	char before[3][64], after[3][64];
	const char *ids[3] = {"p-brown", "p-green", "p-berg"};
	bool msg;
	size_t n;

	put_people(f->st, 0);
	batch(f->st, "Person", false, NULL);
	judge_ok(f->st, "p-brown", "p-green", "same", "alice");
	judge_ok(f->st, "p-green", "p-berg", "same", "bob");
	assert_together(f->st, "p-brown", "p-berg");
	n = judgements(f->st);
	assert_int_equal(n, 2);
	for (int i = 0; i < 3; i++)
		canonical(f->st, ids[i], before[i]);
	assert_int_equal(judge_rc(f->st, "p-brown", "p-berg", "different", "carol", &msg),
	                 IV_ERR_INVALID);
	assert_true(msg);
	assert_int_equal(judgements(f->st), n);
	for (int i = 0; i < 3; i++) {
		canonical(f->st, ids[i], after[i]);
		assert_string_equal(before[i], after[i]);
	}
	/* judging one of the "same" pairs again first makes it consistent */
	judge_ok(f->st, "p-green", "p-berg", "different", "carol");
	judge_ok(f->st, "p-brown", "p-berg", "different", "carol");
	assert_int_equal(judgements(f->st), n + 2);
	assert_together(f->st, "p-brown", "p-green");
	assert_apart(f->st, "p-brown", "p-berg");
	assert_apart(f->st, "p-green", "p-berg");
}

static void test_judge_errors(void **state)
{
	struct fixture *f = *state;
	char before[64], after[64];
	bool msg;

	put_people(f->st, 0);
	put_entity(f->st, "veh-transit", "Vehicle", "registrationNumber", "AB12CDE", "country",
	           "gb", "model", "Ford Transit", NULL);
	batch(f->st, NULL, false, NULL);
	canonical(f->st, "p-hassan-en", before);
	assert_int_equal(judge_rc(f->st, "p-nobody", "p-hassan-en", "same", "alice", &msg),
	                 IV_ERR_NOTFOUND);
	assert_true(msg);
	assert_int_equal(judge_rc(f->st, "p-hassan-en", "p-nobody", "different", "alice", &msg),
	                 IV_ERR_NOTFOUND);
	assert_int_equal(judge_rc(f->st, "p-hassan-en", "p-hassan-ar", "maybe", "alice", &msg),
	                 IV_ERR_INVALID);
	assert_true(msg);
	assert_int_equal(judge_rc(f->st, "p-hassan-en", "p-hassan-ar", NULL, "alice", &msg),
	                 IV_ERR_INVALID);
	assert_int_equal(judge_rc(f->st, "p-hassan-en", "p-hassan-ar", "", "alice", &msg),
	                 IV_ERR_INVALID);
	assert_int_equal(judge_rc(f->st, "p-hassan-en", "veh-transit", "same", "alice", &msg),
	                 IV_ERR_INVALID);
	assert_true(msg);
	assert_int_equal(judge_rc(f->st, "p-hassan-en", "p-hassan-en", "same", "alice", &msg),
	                 IV_ERR_INVALID);
	assert_int_equal(judge_rc(f->st, "p-hassan-en", "p-hassan-ar", "same", "", &msg),
	                 IV_ERR_INVALID);
	assert_int_equal(judgements(f->st), 0);
	canonical(f->st, "p-hassan-en", after);
	assert_string_equal(before, after);
	assert_together(f->st, "p-hassan-en", "p-hassan-ar");
}

/* ---- withdrawals ------------------------------------------------------------------------ */

/* The explanation of a pair (fails the test on error); caller frees. */
static struct iv_resolve_explanation *explain_ok(struct iv_store *st, const char *a, const char *b)
{
	struct iv_resolve_explanation *x = calloc(1, sizeof(*x));

	assert_non_null(x);
	explain_into(st, a, b, x);
	return x;
}

/* same, then withdrawn: the engine's decision is back, and the log keeps both */
static void test_withdraw_same_gives_engine_back(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_explanation *engine, *judged, *back;
	struct iv_resolve_report rep;
	char before_brown[64], before_green[64], after[64];

	put_people(f->st, 0);
	batch(f->st, "Person", false, NULL);
	assert_apart(f->st, "p-brown", "p-green");
	canonical(f->st, "p-brown", before_brown);
	canonical(f->st, "p-green", before_green);
	engine = explain_ok(f->st, "p-brown", "p-green");
	assert_string_equal(engine->judgement, "");

	judge_ok(f->st, "p-brown", "p-green", "same", "alice");
	assert_together(f->st, "p-brown", "p-green");
	judged = explain_ok(f->st, "p-brown", "p-green");
	assert_string_equal(judged->decision, "same");
	assert_non_null(strstr(judged->judgement, "same by alice"));

	/* withdrawn by someone else, either order of the pair */
	judge_ok(f->st, "p-green", "p-brown", "withdrawn", "bob");
	assert_int_equal(judgements(f->st), 2); /* the withdrawal is recorded, nothing deleted */
	assert_apart(f->st, "p-brown", "p-green");
	canonical(f->st, "p-brown", after);
	assert_string_equal(after, before_brown);
	canonical(f->st, "p-green", after);
	assert_string_equal(after, before_green);
	back = explain_ok(f->st, "p-brown", "p-green");
	assert_string_equal(back->judgement, "");
	assert_string_equal(back->decision, engine->decision);
	assert_false(back->same_cluster);

	/* a new batch run agrees: nothing stands on the pair */
	batch(f->st, "Person", false, &rep);
	assert_apart(f->st, "p-brown", "p-green");
	assert_int_equal(rep.judgements, 0);
	free(engine);
	free(judged);
	free(back);
}

/* different, same, withdrawn: "different" stands again; withdrawn again: the engine */
static void test_withdraw_restores_earlier(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_explanation *x;
	struct iv_resolve_report rep;
	bool msg;

	put_people(f->st, 0);
	batch(f->st, "Person", false, NULL);
	assert_together(f->st, "p-hassan-en", "p-hassan-ar"); /* the engine merges them */
	judge_ok(f->st, "p-hassan-en", "p-hassan-ar", "different", "alice");
	assert_apart(f->st, "p-hassan-en", "p-hassan-ar");
	judge_ok(f->st, "p-hassan-ar", "p-hassan-en", "same", "bob");
	assert_together(f->st, "p-hassan-en", "p-hassan-ar");
	judge_ok(f->st, "p-hassan-en", "p-hassan-ar", "withdrawn", "bob");
	assert_int_equal(judgements(f->st), 3);
	assert_apart(f->st, "p-hassan-en", "p-hassan-ar");
	x = explain_ok(f->st, "p-hassan-en", "p-hassan-ar");
	assert_string_equal(x->decision, "different");
	assert_non_null(strstr(x->judgement, "different by alice"));
	free(x);
	/* a batch run applies what stands, too */
	batch(f->st, "Person", false, &rep);
	assert_apart(f->st, "p-hassan-en", "p-hassan-ar");
	assert_int_equal(rep.judgements, 1);

	/* the second withdrawal takes back "different": the engine merges them again */
	judge_ok(f->st, "p-hassan-en", "p-hassan-ar", "withdrawn", "alice");
	assert_together(f->st, "p-hassan-en", "p-hassan-ar");
	assert_together(f->st, "p-hassan-en", "p-hassan-init");
	x = explain_ok(f->st, "p-hassan-en", "p-hassan-ar");
	assert_string_equal(x->judgement, "");
	assert_string_equal(x->decision, "same");
	free(x);
	/* and then nothing stands: a third withdrawal is refused */
	assert_int_equal(judge_rc(f->st, "p-hassan-en", "p-hassan-ar", "withdrawn", "alice", &msg),
	                 IV_ERR_INVALID);
	assert_true(msg);
	assert_int_equal(judgements(f->st), 4);
}

/* withdrawn with nothing standing: an error, and nothing changes */
static void test_withdraw_nothing(void **state)
{
	struct fixture *f = *state;
	struct iv_buf err = IV_BUF_INIT;
	char before[64], after[64];

	put_people(f->st, 0);
	batch(f->st, "Person", false, NULL);
	canonical(f->st, "p-hassan-en", before);
	assert_int_equal(iv_resolve_judge(f->st, "p-hassan-en", "p-hassan-ar", "withdrawn", "alice",
	                                  "oops", &err),
	                 IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "nothing to withdraw"));
	assert_int_equal(judgements(f->st), 0);
	canonical(f->st, "p-hassan-en", after);
	assert_string_equal(before, after);
	assert_together(f->st, "p-hassan-en", "p-hassan-ar");
	/* a judgement on another pair is nothing to withdraw on this one */
	judge_ok(f->st, "p-brown", "p-green", "same", "alice");
	iv_buf_reset(&err);
	assert_int_equal(
	        iv_resolve_judge(f->st, "p-brown", "p-berg", "withdrawn", "alice", NULL, &err),
	        IV_ERR_INVALID);
	assert_int_equal(judgements(f->st), 1);
	/* the usual checks hold for a withdrawal too */
	assert_int_equal(
	        iv_resolve_judge(f->st, "p-brown", "p-nobody", "withdrawn", "alice", NULL, &err),
	        IV_ERR_NOTFOUND);
	assert_int_equal(iv_resolve_judge(f->st, "p-brown", "p-green", "withdrawn", "", NULL, &err),
	                 IV_ERR_INVALID);
	assert_int_equal(judgements(f->st), 1);
	assert_together(f->st, "p-brown", "p-green");
	iv_buf_release(&err);
}

/* a withdrawal that would bring back a contradicting judgement is refused */
static void test_withdraw_contradiction(void **state)
{
	struct fixture *f = *state;
	const char *ids[3] = {"p-brown", "p-green", "p-berg"};
	char before[3][64], after[3][64];
	bool msg;
	size_t n;

	put_people(f->st, 0);
	batch(f->st, "Person", false, NULL);
	judge_ok(f->st, "p-brown", "p-berg", "different", "alice");
	judge_ok(f->st, "p-brown", "p-berg", "same", "alice");
	judge_ok(f->st, "p-brown", "p-green", "same", "bob");
	judge_ok(f->st, "p-green", "p-berg", "same", "bob");
	assert_together(f->st, "p-brown", "p-berg");
	n = judgements(f->st);
	for (int i = 0; i < 3; i++)
		canonical(f->st, ids[i], before[i]);
	/* "different" on brown-berg would come back while brown = green = berg */
	assert_int_equal(judge_rc(f->st, "p-brown", "p-berg", "withdrawn", "carol", &msg),
	                 IV_ERR_INVALID);
	assert_true(msg);
	assert_int_equal(judgements(f->st), n);
	for (int i = 0; i < 3; i++) {
		canonical(f->st, ids[i], after[i]);
		assert_string_equal(before[i], after[i]);
	}
	/* withdrawing one of the chain's links first makes it consistent */
	judge_ok(f->st, "p-green", "p-berg", "withdrawn", "carol");
	judge_ok(f->st, "p-brown", "p-berg", "withdrawn", "carol");
	assert_together(f->st, "p-brown", "p-green");
	assert_apart(f->st, "p-brown", "p-berg");
	assert_apart(f->st, "p-green", "p-berg");
}

/* ---- unmerge --------------------------------------------------------------------------- */

static size_t unmerge_ok(struct iv_store *st, const char *eid)
{
	struct iv_buf err = IV_BUF_INIT;
	size_t removed = 99;

	if (iv_resolve_unmerge(st, eid, "alice", NULL, &removed, &err))
		fail_msg("unmerge %s: %s", eid, err.buf);
	iv_buf_release(&err);
	return removed;
}

struct verdict_check {
	const char *entity;
	size_t different;
};

static enum iv_err on_verdict(void *ctx, const struct iv_judgement *j)
{
	struct verdict_check *vc = ctx;

	if ((strcmp(j->a, vc->entity) == 0 || strcmp(j->b, vc->entity) == 0) &&
	    strcmp(j->verdict, "different") == 0 && strcmp(j->user, "alice") == 0)
		vc->different++;
	return IV_OK;
}

static void test_unmerge(void **state)
{
	struct fixture *f = *state;
	struct verdict_check vc = {"p-hassan-init", 0};
	struct iv_buf err = IV_BUF_INIT;
	size_t removed = 99;

	put_people(f->st, 0);
	batch(f->st, "Person", false, NULL);
	assert_together(f->st, "p-hassan-init", "p-hassan-en");
	assert_int_equal(unmerge_ok(f->st, "p-hassan-init"), 2);
	assert_int_equal(judgements(f->st), 2);
	assert_int_equal(iv_store_judge_each(f->st, "p-hassan-init", on_verdict, &vc, NULL), IV_OK);
	assert_int_equal(vc.different, 2);
	assert_apart(f->st, "p-hassan-init", "p-hassan-en");
	assert_apart(f->st, "p-hassan-init", "p-hassan-ar");
	assert_together(f->st, "p-hassan-en", "p-hassan-ar");
	/* alone already: nothing to do */
	assert_int_equal(unmerge_ok(f->st, "p-hassan-init"), 0);
	assert_int_equal(unmerge_ok(f->st, "p-brown"), 0);
	assert_int_equal(judgements(f->st), 2);
	/* unknown, or without a user */
	assert_int_equal(iv_resolve_unmerge(f->st, "p-nobody", "alice", NULL, &removed, &err),
	                 IV_ERR_NOTFOUND);
	assert_int_equal(removed, 0);
	assert_int_equal(iv_resolve_unmerge(f->st, "p-karimi", "", NULL, &removed, &err),
	                 IV_ERR_INVALID);
	assert_together(f->st, "p-karimi", "p-karimi-2");
	assert_int_equal(judgements(f->st), 2);
	iv_buf_release(&err);
}

static void test_unmerge_undo_pair(void **state)
{
	struct fixture *f = *state;

	put_people(f->st, 0);
	batch(f->st, "Person", false, NULL);
	assert_int_equal(unmerge_ok(f->st, "p-tesfay-2"), 1);
	assert_apart(f->st, "p-tesfay", "p-tesfay-2");
	judge_ok(f->st, "p-tesfay-2", "p-tesfay", "same", "alice");
	assert_together(f->st, "p-tesfay", "p-tesfay-2");
}

/*
 * The unmerge help promises "undo with 'invigor judge ... same'": judging
 * the entity the same as one former member should bring back the whole
 * canonical entity it was taken out of.
 */
static void test_unmerge_undo_three(void **state)
{
	struct fixture *f = *state;

	put_people(f->st, 0);
	batch(f->st, "Person", false, NULL);
	assert_int_equal(unmerge_ok(f->st, "p-hassan-init"), 2);
	/* one "same" undoes one pair only: the other "different" still keeps them apart */
	judge_ok(f->st, "p-hassan-init", "p-hassan-en", "same", "alice");
	assert_together(f->st, "p-hassan-init", "p-hassan-en");
	assert_apart(f->st, "p-hassan-init", "p-hassan-ar");
	/* the undo the help describes: "same" again with each former member */
	judge_ok(f->st, "p-hassan-init", "p-hassan-ar", "same", "alice");
	assert_together(f->st, "p-hassan-init", "p-hassan-en");
	assert_together(f->st, "p-hassan-en", "p-hassan-ar");
	assert_together(f->st, "p-hassan-init", "p-hassan-ar");
}

/* withdrawing the "different" judgements an unmerge recorded brings the entity back */
static void test_unmerge_undo_by_withdrawing(void **state)
{
	struct fixture *f = *state;

	put_people(f->st, 0);
	batch(f->st, "Person", false, NULL);
	assert_int_equal(unmerge_ok(f->st, "p-hassan-init"), 2);
	judge_ok(f->st, "p-hassan-en", "p-hassan-init", "withdrawn", "alice");
	assert_apart(f->st, "p-hassan-init", "p-hassan-ar"); /* one "different" still stands */
	judge_ok(f->st, "p-hassan-init", "p-hassan-ar", "withdrawn", "alice");
	assert_together(f->st, "p-hassan-init", "p-hassan-en");
	assert_together(f->st, "p-hassan-init", "p-hassan-ar");
	assert_int_equal(judgements(f->st), 4);
}

/* ---- incremental against batch ---------------------------------------------------------- */

/*
 * A woman written in Sorani with a refugee's status for a nationality, her
 * town in Sorani and her birth date kept verbatim month first (half 1), and
 * in Latin script with her nationality, the town's Latin name and an ISO
 * date (half 2): values compared in another form than they arrive in.
 */
static void put_zhila(struct iv_store *st, int half)
{
	if (half != 2)
		put_entity(st, "p-zhila-ku", "Person", "name",
		           "\u0698\u06cc\u0644\u0627 \u06a9\u06d5\u0631\u06cc\u0645\u06cc",
		           "address", "\u0695\u0627\u0646\u06cc\u06d5", "birthDate", "08/26/1988",
		           "nationality", "xxb", NULL);
	if (half != 1)
		put_entity(st, "p-zhila-la", "Person", "name", "Zhila Karimi", "address", "Ranya",
		           "birthDate", "1988-08-26", "nationality", "iq", NULL);
}

static void test_incremental_matches_batch(void **state)
{
	struct fixture *f = *state;
	struct fixture *g;
	void *gs = NULL;
	struct iv_resolve_options o = {0};
	struct iv_resolve_report reports[IV_RESOLVE_NFAMILIES];
	size_t nrun = 0;

	/* store A: half, batch, the other half, incremental */
	put_people(f->st, 1);
	put_zhila(f->st, 1);
	batch(f->st, NULL, false, NULL);
	put_people(f->st, 2);
	put_zhila(f->st, 2);
	nrun = incremental(f->st, &o, reports);
	assert_int_equal(nrun, 1); /* only Person had new records */
	assert_string_equal(reports[0].family, "Person");
	assert_int_equal(reports[0].new_records, count_half(2) + 1);
	/* nothing new: nothing runs */
	nrun = incremental(f->st, &o, reports);
	assert_int_equal(nrun, 0);

	/* store B: all of it at once, a fresh fit */
	assert_int_equal(setup(&gs), 0);
	g = gs;
	put_people(g->st, 0);
	put_zhila(g->st, 0);
	batch(g->st, NULL, false, NULL);

	assert_int_equal(assert_same_clusters(f->st, g->st), NPEOPLE + 2);
	assert_together(f->st, "p-zhila-ku", "p-zhila-la");
	assert_together(g->st, "p-zhila-ku", "p-zhila-la");
	/* the merges themselves are there (a partition of singletons would also be equal) */
	assert_together(f->st, "p-hassan-init", "p-hassan-en");
	assert_together(f->st, "p-karimi-3", "p-karimi");
	assert_together(f->st, "p-ramirez", "p-ramirez-2");
	teardown(&gs);
}

static void test_incremental_before_batch(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_report reports[IV_RESOLVE_NFAMILIES];
	struct iv_buf err = IV_BUF_INIT;
	char c[64];
	size_t nrun = 99;

	put_people(f->st, 0);
	assert_int_equal(
	        iv_resolve_incremental(f->st, NULL, reports, IV_RESOLVE_NFAMILIES, &nrun, &err),
	        IV_OK);
	assert_int_equal(nrun, 0);
	canonical(f->st, "p-hassan-en", c);
	assert_string_equal(c, "");
	iv_buf_release(&err);
}

/* ---- a bridging record ----------------------------------------------------------------- */

/* Two men called Sahin, two records each; a hawala ledger's "Sahin" holds both men's numbers. */
static void put_sahins(struct iv_store *st)
{
	put_entity(st, "b-sahin-1", "Person", "name", "Sahin Yilmaz", "birthDate", "1980-03-04",
	           "phone", "+306906527292", "nationality", "tr", NULL);
	put_entity(st, "b-sahin-1b", "Person", "name", "Sahin Yilmaz", "birthDate", "1980-03-04",
	           "phone", "+306906527292", NULL);
	put_entity(st, "b-sahin-2", "Person", "name", "Sahin Demir", "birthDate", "1975-06-07",
	           "phone", "+905328794531", "nationality", "tr", NULL);
	put_entity(st, "b-sahin-2b", "Person", "name", "Sahin Demir", "birthDate", "1975-06-07",
	           "phone", "+905328794531", NULL);
}

static void put_ledger(struct iv_store *st)
{
	begin_ok(st);
	put(st, "b-ledger", "Person", "name", "Sahin");
	put(st, "b-ledger", "Person", "phone", "+306906527292");
	put(st, "b-ledger", "Person", "phone", "+905328794531");
	commit_ok(st);
}

/* The ledger's record links to both men and joins one of them; the men stay apart. */
static void test_bridging_record(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_report rep;

	put_people(f->st, 0);
	put_sahins(f->st);
	put_ledger(f->st);
	batch(f->st, "Person", false, &rep);
	assert_int_equal(link_kind(f->st, "b-ledger", "b-sahin-1"), IV_RES_MATCH);
	assert_int_equal(link_kind(f->st, "b-ledger", "b-sahin-2"), IV_RES_MATCH);
	assert_together(f->st, "b-sahin-1", "b-sahin-1b");
	assert_together(f->st, "b-sahin-2", "b-sahin-2b");
	assert_apart(f->st, "b-sahin-1", "b-sahin-2");
	assert_true(together(f->st, "b-ledger", "b-sahin-1") !=
	            together(f->st, "b-ledger", "b-sahin-2"));
	assert_int_equal(rep.bridging_held, 1);
	/* the explanation says why a link to the other man did not join them */
	{
		struct iv_resolve_explanation *x = calloc(1, sizeof(*x));
		const char *other =
		        together(f->st, "b-ledger", "b-sahin-1") ? "b-sahin-2" : "b-sahin-1";

		assert_non_null(x);
		assert_int_equal(iv_resolve_explain(f->st, "b-ledger", other, NULL, x, NULL),
		                 IV_OK);
		assert_string_equal(x->decision, "same");
		assert_false(x->same_cluster);
		assert_true(x->a_bridging);
		assert_false(x->b_bridging);
		memset(x, 0, sizeof(*x));
		assert_int_equal(
		        iv_resolve_explain(f->st, "b-sahin-1", "b-sahin-1b", NULL, x, NULL), IV_OK);
		assert_false(x->a_bridging || x->b_bridging);
		free(x);
	}
	/* a person's "different" moves it to the other man (re-clustering what it touches),
	 * still without joining the two */
	if (together(f->st, "b-ledger", "b-sahin-1")) {
		judge_ok(f->st, "b-ledger", "b-sahin-1", "different", "alice");
		assert_together(f->st, "b-ledger", "b-sahin-2");
	} else {
		judge_ok(f->st, "b-ledger", "b-sahin-2", "different", "alice");
		assert_together(f->st, "b-ledger", "b-sahin-1");
	}
	assert_apart(f->st, "b-sahin-1", "b-sahin-2");
	/* "same" on the men joins them: people win */
	judge_ok(f->st, "b-sahin-1", "b-sahin-2b", "same", "alice");
	assert_together(f->st, "b-sahin-1", "b-sahin-2");
}

/* A ledger ingested after a batch run lands where a batch run over everything puts it. */
static void test_bridging_incremental_matches_batch(void **state)
{
	struct fixture *f = *state;
	struct fixture *g;
	void *gs = NULL;
	struct iv_resolve_report reports[IV_RESOLVE_NFAMILIES];
	size_t nrun = 0;

	put_people(f->st, 0);
	put_sahins(f->st);
	batch(f->st, NULL, false, NULL);
	put_ledger(f->st);
	nrun = incremental(f->st, NULL, reports);
	assert_int_equal(nrun, 1);
	assert_int_equal(reports[0].new_records, 1);

	assert_int_equal(setup(&gs), 0);
	g = gs;
	put_people(g->st, 0);
	put_sahins(g->st);
	put_ledger(g->st);
	batch(g->st, NULL, false, NULL);

	assert_int_equal(assert_same_clusters(f->st, g->st), NPEOPLE + 5);
	assert_apart(f->st, "b-sahin-1", "b-sahin-2");
	assert_true(together(f->st, "b-ledger", "b-sahin-1") ||
	            together(f->st, "b-ledger", "b-sahin-2"));
	teardown(&gs);
}

/* A model stored by an older version is fitted again by the next incremental run, not an error. */
static void test_incremental_refits_old_model(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_report reports[IV_RESOLVE_NFAMILIES];
	struct iv_buf model = IV_BUF_INIT;
	size_t nrun = 0;

	put_people(f->st, 1);
	batch(f->st, NULL, false, NULL);
	/* what an older version stored: a feature fewer */
	assert_int_equal(iv_store_begin(f->st, NULL), IV_OK);
	assert_int_equal(iv_store_res_set_model(f->st, "Person",
	                                        "{\"features\": [], \"prior\": -5, "
	                                        "\"threshold\": 0.9, \"review_low\": 0.2}",
	                                        NULL),
	                 IV_OK);
	assert_int_equal(iv_store_commit(f->st, NULL), IV_OK);
	put_people(f->st, 2);
	nrun = incremental(f->st, NULL, reports);
	assert_int_equal(nrun, 1);
	assert_true(reports[0].refitted); /* the report says the run was a batch one */
	assert_true(reports[0].fitted);
	assert_true(together(f->st, "p-hassan-en", "p-hassan-ar"));
	/* and the model stored now is a whole one */
	assert_int_equal(iv_store_res_get_model(f->st, "Person", &model, NULL), IV_OK);
	assert_null(strstr(model.buf, "\"features\": []"));
	assert_null(strstr(model.buf, "\"features\":[]"));
	/* a whole model of an older form (identifiers written otherwise): fitted again */
	{
		char *form = strstr(model.buf, "\"form\":");
		struct iv_resolve_report *rep = &reports[0];

		assert_non_null(form);
		form[1] = 'x'; /* "xorm": no form */
		assert_int_equal(iv_store_begin(f->st, NULL), IV_OK);
		assert_int_equal(iv_store_res_set_model(f->st, "Person", model.buf, NULL), IV_OK);
		assert_int_equal(iv_store_commit(f->st, NULL), IV_OK);
		put_entity(f->st, "p-late", "Person", "name", "Lucas Moreau", "birthDate",
		           "1980-08-16", "phone", "+33612345619", NULL);
		nrun = incremental(f->st, NULL, reports);
		assert_int_equal(nrun, 1);
		assert_true(rep->fitted);
		assert_true(rep->refitted);
		assert_true(together(f->st, "p-late", "p-moreau"));
	}
	/* with the model whole again, the next run is an incremental one */
	put_entity(f->st, "p-later", "Person", "name", "Lucas Moreau", "birthDate", "1980-08-16",
	           NULL);
	nrun = incremental(f->st, NULL, reports);
	assert_int_equal(nrun, 1);
	assert_false(reports[0].refitted);
	assert_false(reports[0].fitted);
	assert_int_equal(reports[0].new_records, 1);
	iv_buf_release(&model);
}

/* ---- explain ------------------------------------------------------------------------------ */

static const struct iv_resolve_feature *feature(const struct iv_resolve_explanation *x,
                                                const char *name)
{
	for (size_t i = 0; i < x->nfeatures; i++)
		if (strcmp(x->features[i].name, name) == 0)
			return &x->features[i];
	return NULL;
}

/* The score is the prior plus the features' weights, and the probability follows from it. */
static void check_sums(const struct iv_resolve_explanation *x)
{
	double sum = x->prior;

	for (size_t i = 0; i < x->nfeatures; i++)
		sum += x->features[i].c.weight;
	assert_true(fabs(sum - x->score) < 1e-6 * (1 + fabs(x->score)));
	assert_true(fabs(x->probability - 1.0 / (1.0 + exp2(-x->score))) < 1e-9);
	assert_true(x->probability >= 0 && x->probability <= 1);
}

static void test_explain(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_explanation *x = calloc(1, sizeof(*x));
	struct iv_buf err = IV_BUF_INIT;
	const struct iv_resolve_feature *name, *dob;

	assert_non_null(x);
	put_people(f->st, 0);
	put_entity(f->st, "veh-transit", "Vehicle", "registrationNumber", "AB12CDE", NULL);
	put_entity(f->st, "p-ahmadzay", "Person", "name", "Hameed Ahmadzay", "nationality", "af",
	           "gender", "male", NULL);
	put_entity(f->st, "p-ahmadzay-2", "Person", "name", "Hameed Ahmadzay", "nationality", "af",
	           "gender", "male", NULL);
	put_entity(f->st, "p-ahmadzay-ir", "Person", "name", "Hameed Ahmadzay", "nationality", "ir",
	           NULL);
	/* before any run there is no model */
	assert_int_equal(iv_resolve_explain(f->st, "p-hassan-en", "p-hassan-ar", NULL, x, &err),
	                 IV_ERR_NOTFOUND);
	batch(f->st, "Person", false, NULL);

	explain_into(f->st, "p-hassan-en", "p-hassan-ar", x);
	assert_string_equal(x->family, "Person");
	assert_string_equal(x->a, "p-hassan-en");
	assert_string_equal(x->b, "p-hassan-ar");
	name = feature(x, "name");
	assert_non_null(name);
	assert_string_equal(name->a, "Mohammed Al-Hassan");
	assert_string_equal(name->b, "محمد الحسن");
	assert_true(name->c.weight > 0);
	dob = feature(x, "birth_date");
	assert_non_null(dob);
	assert_string_equal(dob->level, "exact");
	assert_true(dob->c.weight > 0);
	assert_non_null(feature(x, "phone"));
	check_sums(x);
	assert_string_equal(x->decision, "same");
	assert_true(x->same_cluster);
	assert_string_equal(x->rule, "");
	assert_string_equal(x->judgement, "");

	/* an exact birth date is weighed by how common the date is */
	explain_into(f->st, "p-moreau", "p-moreau-2", x);
	assert_string_equal(feature(x, "birth_date")->level, "exact");
	assert_true(feature(x, "birth_date")->tf);
	check_sums(x);

	/* one name with only a nationality and a gender behind it: the name implies both, so
	 * they weigh nothing; never merged */
	explain_into(f->st, "p-ahmadzay", "p-ahmadzay-2", x);
	check_sums(x);
	assert_true(feature(x, "name")->c.weight > 0);
	assert_string_equal(feature(x, "nationality")->level, "shared");
	assert_true(feature(x, "nationality")->implied);
	assert_true(feature(x, "nationality")->c.weight == 0);
	assert_true(feature(x, "gender")->implied);
	assert_true(feature(x, "gender")->c.weight == 0);
	assert_false(feature(x, "name")->implied);
	assert_true(strcmp(x->decision, "review") == 0 || strcmp(x->decision, "different") == 0);
	assert_false(x->same_cluster);
	{
		double namesakes = x->score;

		/* another nationality still counts against */
		explain_into(f->st, "p-ahmadzay", "p-ahmadzay-ir", x);
		check_sums(x);
		assert_string_equal(feature(x, "nationality")->level, "different");
		assert_false(feature(x, "nationality")->implied);
		assert_true(feature(x, "nationality")->several);
		assert_false(feature(x, "name")->several);
		assert_true(feature(x, "nationality")->c.weight < 0);
		assert_true(x->score < namesakes);
		assert_false(x->same_cluster);
	}

	/* day and month swapped */
	explain_into(f->st, "p-hassan-en", "p-hassan-init", x);
	assert_string_equal(feature(x, "birth_date")->level, "day/month swapped");
	check_sums(x);

	/* an unrelated man */
	explain_into(f->st, "p-hassan-en", "p-brown", x);
	check_sums(x);
	assert_true(strcmp(x->decision, "different") == 0 || strcmp(x->decision, "review") == 0);
	assert_false(x->same_cluster);
	assert_true(feature(x, "name")->c.weight < 0);

	/* a person's judgement decides, and is shown */
	judge_ok(f->st, "p-hassan-en", "p-hassan-ar", "different", "alice");
	explain_into(f->st, "p-hassan-ar", "p-hassan-en", x);
	assert_string_equal(x->decision, "different");
	assert_false(x->same_cluster);
	assert_non_null(strstr(x->judgement, "alice"));

	/* errors */
	assert_int_equal(iv_resolve_explain(f->st, "p-hassan-en", "p-nobody", NULL, x, &err),
	                 IV_ERR_NOTFOUND);
	assert_int_equal(iv_resolve_explain(f->st, "p-hassan-en", "veh-transit", NULL, x, &err),
	                 IV_ERR_INVALID);
	iv_buf_release(&err);
	free(x);
}

/* ---- review --------------------------------------------------------------------------------- */

struct review_items {
	struct iv_store *st;
	size_t n;
	double impact[256], probability[256];
	char a[256][64], b[256][64];
	size_t size_a[256], size_b[256], pairs[256];
	bool reused[256];
};

static enum iv_err on_review(void *ctx, const struct iv_resolve_review_item *it)
{
	struct review_items *r = ctx;

	assert_true(r->n < 256);
	r->impact[r->n] = it->impact;
	r->probability[r->n] = it->probability;
	snprintf(r->a[r->n], sizeof(r->a[0]), "%s", it->a);
	snprintf(r->b[r->n], sizeof(r->b[0]), "%s", it->b);
	r->size_a[r->n] = it->size_a;
	r->size_b[r->n] = it->size_b;
	r->pairs[r->n] = it->pairs;
	r->reused[r->n] = it->reused;
	r->n++;
	return IV_OK;
}

static enum iv_err count_member(void *ctx, const char *entity, const char *canon)
{
	(*(size_t *)ctx)++;
	return IV_OK;
}

static size_t cluster_size(struct iv_store *st, const char *eid)
{
	char c[64];
	size_t n = 0;

	canonical(st, eid, c);
	assert_int_equal(iv_store_res_members(st, c, count_member, &n, NULL), IV_OK);
	return n;
}

static void test_review_order(void **state)
{
	struct fixture *f = *state;
	struct review_items *r = calloc(1, sizeof(*r)), *top = calloc(1, sizeof(*top));
	struct review_items *after = calloc(1, sizeof(*after));
	struct iv_buf err = IV_BUF_INIT;
	bool distinct = false;

	assert_non_null(r);
	assert_non_null(top);
	assert_non_null(after);
	put_people(f->st, 0);
	batch(f->st, "Person", false, NULL);
	assert_int_equal(iv_resolve_review(f->st, 0, on_review, r, &err), IV_OK);
	/* the names alone (Tesfaye, Muhammad Alhassan) wait for review */
	assert_true(r->n >= 3);
	for (size_t i = 0; i < r->n; i++) {
		double uncertainty = 1.0 - fabs(2.0 * r->probability[i] - 1.0);

		if (i > 0 && r->impact[i] > r->impact[i - 1])
			fail_msg("review item %zu (impact %g) after one of impact %g", i,
			         r->impact[i], r->impact[i - 1]);
		if (i > 0 && r->impact[i] != r->impact[i - 1])
			distinct = true;
		assert_true(r->probability[i] >= IV_RESOLVE_REVIEW_LOW &&
		            r->probability[i] < IV_RESOLVE_THRESHOLD);
		assert_true(fabs(r->impact[i] -
		                 uncertainty * (double)(r->size_a[i] + r->size_b[i])) < 1e-9);
		assert_int_equal(r->size_a[i], cluster_size(f->st, r->a[i]));
		assert_int_equal(r->size_b[i], cluster_size(f->st, r->b[i]));
		assert_apart(f->st, r->a[i], r->b[i]);
	}
	assert_true(distinct); /* else the order says nothing */
	/* one item per pair of entities */
	for (size_t i = 0; i < r->n; i++) {
		char ci[2][64], cj[2][64];

		assert_true(r->pairs[i] >= 1);
		canonical(f->st, r->a[i], ci[0]);
		canonical(f->st, r->b[i], ci[1]);
		for (size_t j = 0; j < i; j++) {
			canonical(f->st, r->a[j], cj[0]);
			canonical(f->st, r->b[j], cj[1]);
			assert_false((strcmp(ci[0], cj[0]) == 0 && strcmp(ci[1], cj[1]) == 0) ||
			             (strcmp(ci[0], cj[1]) == 0 && strcmp(ci[1], cj[0]) == 0));
		}
	}
	/* a pair that joins a three-record entity comes before one of two single records */
	assert_true(r->size_a[0] + r->size_b[0] >= 4);
	/* a limit keeps the head of the queue */
	assert_int_equal(iv_resolve_review(f->st, 2, on_review, top, &err), IV_OK);
	assert_int_equal(top->n, 2);
	for (size_t i = 0; i < 2; i++) {
		assert_string_equal(top->a[i], r->a[i]);
		assert_string_equal(top->b[i], r->b[i]);
	}
	/* a decided pair leaves the queue, even "unsure" */
	judge_ok(f->st, r->a[0], r->b[0], "unsure", "alice");
	assert_int_equal(iv_resolve_review(f->st, 0, on_review, after, &err), IV_OK);
	assert_int_equal(after->n, r->n - 1);
	for (size_t i = 0; i < after->n; i++)
		assert_false(strcmp(after->a[i], r->a[0]) == 0 &&
		             strcmp(after->b[i], r->b[0]) == 0);
	/* withdrawn: the pair waits for review again */
	judge_ok(f->st, r->a[0], r->b[0], "withdrawn", "alice");
	after->n = 0;
	assert_int_equal(iv_resolve_review(f->st, 0, on_review, after, &err), IV_OK);
	assert_int_equal(after->n, r->n);
	assert_string_equal(after->a[0], r->a[0]);
	assert_string_equal(after->b[0], r->b[0]);
	iv_buf_release(&err);
	free(r);
	free(top);
	free(after);
}

struct calibrated_seen {
	size_t n, calibrated;
	double p;
};

static bool see_all(void *ctx, const char *a, const char *b)
{
	(void)ctx;
	(void)a;
	(void)b;
	return true;
}

static enum iv_err on_calibrated(void *ctx, const struct iv_resolve_review_item *it)
{
	struct calibrated_seen *c = ctx;

	c->n++;
	if (it->calibrated) {
		c->calibrated++;
		c->p = it->calibrated_probability;
		assert_int_equal(it->calibration_judgements, 36);
	}
	return IV_OK;
}

/*
 * People's verdicts on review pairs calibrate the band: forty pairs of
 * namesakes wait for review; once 36 are judged (4 same, 32 different),
 * the queue and the explanation of the rest give the share people found
 * the same beside the model's probability; a batch run keeps the judged
 * "same" links, whose two records are one entity now.  A caller shown part
 * of the store (the API's queue, an explanation with no_calibration) is
 * not given it: it is fitted on records he may not see.
 */
static void test_review_calibrated(void **state)
{
	static const char *const given[] = {"Tesfaye", "Hemin", "Dilshad", "Bilal", "Omid",
	                                    "Zhila",   "Arian", "Karwan",  "Nour",  "Sirwan"};
	static const char *const family[] = {"Haile", "Aziz", "Rasuli", "Osman"};
	struct fixture *f = *state;
	struct calibrated_seen before = {0}, seen = {0}, again = {0}, shown = {0};
	const struct iv_resolve_options partial = {.no_calibration = true};
	struct iv_resolve_explanation x;
	struct iv_buf err = IV_BUF_INIT;
	char a[16], b[16], name[48];

	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "%s %s", given[i % 10], family[i / 10]);
		snprintf(a, sizeof(a), "cal-%d-a", i);
		snprintf(b, sizeof(b), "cal-%d-b", i);
		put_entity(f->st, a, "Person", "name", name, NULL);
		put_entity(f->st, b, "Person", "name", name, NULL);
	}
	batch(f->st, "Person", false, NULL);
	for (int i = 0; i < 40; i++) {
		snprintf(a, sizeof(a), "cal-%d-a", i);
		snprintf(b, sizeof(b), "cal-%d-b", i);
		assert_int_equal(link_kind(f->st, a, b), IV_RES_REVIEW);
	}
	assert_int_equal(iv_resolve_review(f->st, 0, on_calibrated, &before, &err), IV_OK);
	assert_int_equal(before.n, 40);
	assert_int_equal(before.calibrated, 0); /* nobody has judged */
	explain_into(f->st, "cal-39-a", "cal-39-b", &x);
	assert_false(x.calibrated);
	for (int i = 0; i < 36; i++) {
		snprintf(a, sizeof(a), "cal-%d-a", i);
		snprintf(b, sizeof(b), "cal-%d-b", i);
		judge_ok(f->st, a, b, i % 9 == 0 ? "same" : "different", "alice");
	}
	assert_int_equal(iv_resolve_review(f->st, 0, on_calibrated, &seen, &err), IV_OK);
	assert_int_equal(seen.n, 4);
	assert_int_equal(seen.calibrated, 4);
	assert_true(seen.p < 0.3); /* 4 in 36 were the same, whatever the model says */
	explain_into(f->st, "cal-39-a", "cal-39-b", &x);
	assert_string_equal(x.decision, "review");
	assert_true(x.calibrated);
	assert_int_equal(x.calibration_same, 4);
	assert_int_equal(x.calibration_different, 32);
	assert_true(fabs(x.calibrated_probability - seen.p) < 1e-9);
	assert_true(x.probability > x.calibrated_probability);
	/* a batch run keeps the judged links, the "same" ones inside one entity */
	batch(f->st, "Person", true, NULL);
	assert_together(f->st, "cal-0-a", "cal-0-b");
	assert_int_equal(link_kind(f->st, "cal-0-a", "cal-0-b"), IV_RES_REVIEW);
	assert_int_equal(iv_resolve_review(f->st, 0, on_calibrated, &again, &err), IV_OK);
	assert_int_equal(again.calibrated, 4);
	assert_true(fabs(again.p - seen.p) < 1e-9);
	/* not for a caller shown part of the store */
	assert_int_equal(
	        iv_resolve_review_filtered(f->st, 0, see_all, NULL, on_calibrated, &shown, &err),
	        IV_OK);
	assert_int_equal(shown.n, 4);
	assert_int_equal(shown.calibrated, 0);
	assert_int_equal(iv_resolve_explain(f->st, "cal-39-a", "cal-39-b", &partial, &x, &err),
	                 IV_OK);
	assert_string_equal(x.decision, "review");
	assert_false(x.calibrated);
	iv_buf_release(&err);
}

/* The links the queue's filter lets through: all but those naming `hide`. */
struct hiding {
	const char *hide;
};

static bool not_hidden(void *ctx, const char *a, const char *b)
{
	const struct hiding *h = ctx;

	return strcmp(a, h->hide) != 0 && strcmp(b, h->hide) != 0;
}

/*
 * The three Hassan records (one entity) and "Muhammad Alhassan" (a name alone) are linked
 * for review three times: one item, by its most uncertain link, "3 pairs".  A filter that
 * hides the shown link's record shows the pair of entities by the next link; a person's
 * different on any two of their records (not the shown ones) takes it off the queue.
 */
static void test_review_by_entities(void **state)
{
	struct fixture *f = *state;
	struct review_items *r = calloc(1, sizeof(*r)), *hid = calloc(1, sizeof(*hid));
	struct iv_buf err = IV_BUF_INIT;
	const char *triple[] = {"p-hassan-en", "p-hassan-ar", "p-hassan-init"};
	size_t item = SIZE_MAX, other = SIZE_MAX;
	struct hiding h;

	assert_non_null(r);
	assert_non_null(hid);
	put_people(f->st, 0);
	batch(f->st, "Person", false, NULL);
	assert_together(f->st, "p-hassan-en", "p-hassan-init");
	assert_int_equal(iv_resolve_review(f->st, 0, on_review, r, &err), IV_OK);
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->b[i], "p-hassan-name") == 0 || strcmp(r->a[i], "p-hassan-name") == 0)
			for (size_t k = 0; k < 3; k++)
				if (strcmp(r->a[i], triple[k]) == 0 ||
				    strcmp(r->b[i], triple[k]) == 0)
					item = i;
	if (item == SIZE_MAX)
		fail_msg("no review item between the Hassan entity and the name alone");
	assert_int_equal(r->pairs[item], 3);
	assert_int_equal(r->size_a[item] + r->size_b[item], 4);

	/* the shown record hidden: the same pair of entities, by another of its links */
	h.hide = strcmp(r->a[item], "p-hassan-name") == 0 ? r->b[item] : r->a[item];
	assert_int_equal(iv_resolve_review_filtered(f->st, 0, not_hidden, &h, on_review, hid, &err),
	                 IV_OK);
	for (size_t i = 0; i < hid->n; i++) {
		assert_true(not_hidden(&h, hid->a[i], hid->b[i]));
		if (strcmp(hid->a[i], "p-hassan-name") == 0 ||
		    strcmp(hid->b[i], "p-hassan-name") == 0)
			if (hid->size_a[i] + hid->size_b[i] == 4)
				other = i;
	}
	assert_true(other != SIZE_MAX);
	assert_int_equal(hid->n, r->n);
	/* a limit counts what the filter lets through */
	hid->n = 0;
	assert_int_equal(iv_resolve_review_filtered(f->st, 1, not_hidden, &h, on_review, hid, &err),
	                 IV_OK);
	assert_int_equal(hid->n, 1);

	/* different on two records the item did not show: the pair of entities is decided */
	for (size_t k = 0; k < 3; k++)
		if (strcmp(triple[k], r->a[item]) != 0 && strcmp(triple[k], r->b[item]) != 0) {
			judge_ok(f->st, triple[k], "p-hassan-name", "different", "alice");
			break;
		}
	hid->n = 0;
	assert_int_equal(iv_resolve_review(f->st, 0, on_review, hid, &err), IV_OK);
	assert_int_equal(hid->n, r->n - 1);
	for (size_t i = 0; i < hid->n; i++)
		assert_false((strcmp(hid->a[i], "p-hassan-name") == 0 ||
		              strcmp(hid->b[i], "p-hassan-name") == 0) &&
		             hid->size_a[i] + hid->size_b[i] == 4);
	iv_buf_release(&err);
	free(r);
	free(hid);
}

/* The caller's view of entities: every one whole, or all but the one `split` is in. */
struct shown_view {
	struct iv_store *st;
	char split[64]; /* a canonical id, "" for none */
};

static bool view_whole(void *ctx, const char *entity)
{
	struct shown_view *sv = ctx;
	char c[64];

	canonical(sv->st, entity, c);
	return strcmp(c, sv->split) != 0;
}

/* Items naming `x` with one of the three Hassan records, and those naming two of them. */
static void count_hassan(const struct review_items *r, const char *x, size_t *with_x,
                         size_t *inside)
{
	static const char *const triple[] = {"p-hassan-en", "p-hassan-ar", "p-hassan-init"};

	*with_x = *inside = 0;
	for (size_t i = 0; i < r->n; i++) {
		size_t in = 0;

		for (size_t k = 0; k < 3; k++)
			in += strcmp(r->a[i], triple[k]) == 0 || strcmp(r->b[i], triple[k]) == 0;
		*with_x += in == 1 && (strcmp(r->a[i], x) == 0 || strcmp(r->b[i], x) == 0);
		*inside += in == 2;
	}
}

/*
 * The shown queue's sizes are those of the entities as shown (a record of the
 * split entity counts alone), its impact is the uncertainty times their sum,
 * and it is ordered by that impact, most first (ties by a, then b).
 */
static void assert_shown_order(struct shown_view *sv, const struct review_items *s)
{
	for (size_t i = 0; i < s->n; i++) {
		char ca[64], cb[64];
		double p = s->probability[i], u = fabs(2.0 * p - 1.0);

		canonical(sv->st, s->a[i], ca);
		canonical(sv->st, s->b[i], cb);
		if (strcmp(ca, sv->split) == 0)
			assert_int_equal(s->size_a[i], 1);
		if (strcmp(cb, sv->split) == 0)
			assert_int_equal(s->size_b[i], 1);
		assert_true(fabs(s->impact[i] - (s->reused[i] ? 1.0 : 1.0 - u) *
		                                        (double)(s->size_a[i] + s->size_b[i])) <
		            1e-9);
		if (i > 0) {
			assert_true(s->impact[i - 1] >= s->impact[i]);
			if (s->impact[i - 1] == s->impact[i]) {
				int c = strcmp(s->a[i - 1], s->a[i]);

				assert_true(c < 0 || (c == 0 && strcmp(s->b[i - 1], s->b[i]) < 0));
			}
		}
	}
}

/*
 * The queue as a caller is shown entities: when he sees every entity whole it is the
 * engine's queue; when he does not see the Hassan entity whole, its three records are
 * three to him: each link from one of them to the name alone is an item of its own, and a
 * person's "different" settles only the pair of records it names.
 */
static void test_review_as_shown(void **state)
{
	struct fixture *f = *state;
	struct review_items *r = calloc(1, sizeof(*r)), *s = calloc(1, sizeof(*s));
	struct iv_buf err = IV_BUF_INIT;
	struct shown_view sv = {f->st, ""};
	size_t with_name, inside, with_name_split, inside_split;

	assert_non_null(r);
	assert_non_null(s);
	put_people(f->st, 0);
	batch(f->st, "Person", false, NULL);
	assert_together(f->st, "p-hassan-en", "p-hassan-init");
	assert_int_equal(iv_resolve_review_filtered(f->st, 0, see_all, NULL, on_review, r, &err),
	                 IV_OK);
	assert_int_equal(iv_resolve_review_shown(f->st, 0, see_all, NULL, view_whole, &sv,
	                                         on_review, s, &err),
	                 IV_OK);
	assert_int_equal(s->n, r->n);
	for (size_t i = 0; i < r->n; i++) {
		assert_string_equal(s->a[i], r->a[i]);
		assert_string_equal(s->b[i], r->b[i]);
	}
	count_hassan(r, "p-hassan-name", &with_name, &inside);
	assert_int_equal(with_name, 1);
	assert_int_equal(inside, 0);

	canonical(f->st, "p-hassan-en", sv.split);
	s->n = 0;
	assert_int_equal(iv_resolve_review_shown(f->st, 0, see_all, NULL, view_whole, &sv,
	                                         on_review, s, &err),
	                 IV_OK);
	count_hassan(s, "p-hassan-name", &with_name_split, &inside_split);
	assert_int_equal(with_name_split, 3); /* the test can fail: three links, three items */
	assert_int_equal(s->n, r->n - with_name + with_name_split + inside_split);
	assert_shown_order(&sv, s);
	/* the engine puts the Hassan entity's link first (three records and one); shown as
	 * records alone, its links weigh less than the Tesfay pair's */
	assert_string_equal(r->a[0], "p-hassan-ar");
	assert_string_equal(s->a[0], "p-tesfay");

	/* a different on one record and the name settles that pair of records alone */
	judge_ok(f->st, "p-hassan-en", "p-hassan-name", "different", "alice");
	s->n = 0;
	assert_int_equal(iv_resolve_review_shown(f->st, 0, see_all, NULL, view_whole, &sv,
	                                         on_review, s, &err),
	                 IV_OK);
	count_hassan(s, "p-hassan-name", &with_name_split, &inside_split);
	assert_int_equal(with_name_split, 2);
	iv_buf_release(&err);
	free(r);
	free(s);
}

/*
 * The shown queue against a brute-force reference on a made-up queue: 60
 * records in 20 canonical entities of 1 to 7 records, 150 review links with
 * probabilities from a short list (ties), and entities seen whole or not by
 * a pattern.  The reference computes every row's shown impact, sorts them
 * all (impact, then a, then b), keeps the first row of each pair of shown
 * entities and cuts at the limit; the queue must give exactly that, for
 * limits that stop it part-way too.
 */
#define BR_RECORDS 60
#define BR_LINKS   150

struct brute {
	int canon[BR_RECORDS];
	size_t size[BR_RECORDS];
	unsigned pattern; /* entity g is seen whole unless bit g % 8 of pattern is set */
	size_t asked;
};

static int brute_record(const char *eid)
{
	return atoi(eid + 2);
}

static bool brute_whole_of(const struct brute *br, int g)
{
	return !(br->pattern >> (g % 8) & 1u);
}

static bool brute_whole(void *ctx, const char *entity)
{
	struct brute *br = ctx;

	br->asked++;
	return brute_whole_of(br, br->canon[brute_record(entity)]);
}

struct brute_row {
	char a[8], b[8], key[24];
	double impact;
};

static int brute_order(const void *pa, const void *pb)
{
	const struct brute_row *x = pa, *y = pb;
	int c;

	if (x->impact != y->impact)
		return x->impact > y->impact ? -1 : 1;
	c = strcmp(x->a, y->a);
	return c ? c : strcmp(x->b, y->b);
}

static void test_review_shown_brute(void **state)
{
	struct fixture *f = *state;
	static const double probs[] = {0.25, 0.35, 0.5, 0.5, 0.65, 0.75, 0.45, 0.55};
	static const size_t limits[] = {0, 1, 2, 3, 7, 25};
	struct brute br;
	struct brute_row *rows = calloc(BR_LINKS, sizeof(*rows));
	struct review_items *got = calloc(1, sizeof(*got));
	struct iv_buf err = IV_BUF_INIT;
	unsigned seed = 7;
	char eid[8], canon[8];
	size_t nrows = 0;

	assert_non_null(rows);
	assert_non_null(got);
	memset(&br, 0, sizeof(br));
	begin_ok(f->st);
	for (int i = 0; i < BR_RECORDS; i++) {
		snprintf(eid, sizeof(eid), "x-%02d", i);
		put(f->st, eid, "Person", "name", "Test Person");
	}
	commit_ok(f->st);
	begin_ok(f->st);
	for (int i = 0; i < BR_RECORDS; i++) {
		seed = seed * 1103515245u + 12345u;
		br.canon[i] = i < 20 ? i : (int)((seed >> 16) % 20); /* each entity holds one */
		snprintf(eid, sizeof(eid), "x-%02d", i);
		snprintf(canon, sizeof(canon), "c-%02d", br.canon[i]);
		assert_int_equal(iv_store_res_set_member(f->st, eid, canon, &err), IV_OK);
	}
	for (int i = 0; i < BR_RECORDS; i++)
		br.size[br.canon[i]]++;
	for (size_t l = 0; l < BR_LINKS; l++) {
		struct iv_res_link link = {NULL, NULL, IV_RES_REVIEW, 0.0, 0.0, NULL, NULL};
		int x, y;
		bool again = false;

		seed = seed * 1103515245u + 12345u;
		x = (int)((seed >> 8) % BR_RECORDS);
		y = (int)((seed >> 20) % BR_RECORDS);
		if (x == y)
			continue;
		if (x > y) {
			int t = x;
			x = y;
			y = t;
		}
		snprintf(rows[nrows].a, sizeof(rows[0].a), "x-%02d", x);
		snprintf(rows[nrows].b, sizeof(rows[0].b), "x-%02d", y);
		for (size_t k = 0; k < nrows; k++)
			again = again || (strcmp(rows[k].a, rows[nrows].a) == 0 &&
			                  strcmp(rows[k].b, rows[nrows].b) == 0);
		if (again)
			continue;
		link.a = rows[nrows].a;
		link.b = rows[nrows].b;
		link.probability = probs[(seed >> 4) % 8];
		rows[nrows].impact =
		        link.probability; /* the probability, until the pattern is known */
		assert_int_equal(iv_store_res_put_link(f->st, &link, &err), IV_OK);
		nrows++;
	}
	commit_ok(f->st);
	assert_true(nrows > 100);

	for (br.pattern = 0; br.pattern < 8; br.pattern += 3) {
		struct brute_row *ref = calloc(nrows, sizeof(*ref));
		size_t nref = 0, shown = 0;

		assert_non_null(ref);
		for (size_t k = 0; k < nrows; k++) {
			int a = brute_record(rows[k].a), b = brute_record(rows[k].b);
			int ca = br.canon[a], cb = br.canon[b];
			bool wa = br.size[ca] < 2 || brute_whole_of(&br, ca);
			bool wb = br.size[cb] < 2 || brute_whole_of(&br, cb);
			char ka[12], kb[12];
			double p = rows[k].impact;

			if (wa && wb && ca == cb)
				continue;
			ref[nref] = rows[k];
			snprintf(ka, sizeof(ka), wa ? "c%d" : "r%d", wa ? ca : a);
			snprintf(kb, sizeof(kb), wb ? "c%d" : "r%d", wb ? cb : b);
			snprintf(ref[nref].key, sizeof(ref[0].key), "%s|%s",
			         strcmp(ka, kb) < 0 ? ka : kb, strcmp(ka, kb) < 0 ? kb : ka);
			ref[nref].impact =
			        (1.0 - fabs(2.0 * p - 1.0)) *
			        (double)((wa ? br.size[ca] : 1) + (wb ? br.size[cb] : 1));
			nref++;
		}
		qsort(ref, nref, sizeof(*ref), brute_order);
		for (size_t k = 0; k < nref;
		     k++) { /* the first row of each pair of shown entities */
			bool dup = false;

			for (size_t m = 0; m < shown && !dup; m++)
				dup = strcmp(ref[m].key, ref[k].key) == 0;
			if (!dup)
				ref[shown++] = ref[k];
		}
		assert_true(shown > 20);
		for (size_t li = 0; li < sizeof(limits) / sizeof(limits[0]); li++) {
			size_t want = limits[li] == 0 || limits[li] > shown ? shown : limits[li];

			got->n = 0;
			br.asked = 0;
			assert_int_equal(iv_resolve_review_shown(f->st, limits[li], see_all, NULL,
			                                         brute_whole, &br, on_review, got,
			                                         &err),
			                 IV_OK);
			assert_int_equal(got->n, want);
			for (size_t k = 0; k < want; k++) {
				if (strcmp(got->a[k], ref[k].a) != 0 ||
				    strcmp(got->b[k], ref[k].b) != 0)
					fail_msg("pattern %u, limit %zu, item %zu: %s %s, want %s "
					         "%s",
					         br.pattern, want, k, got->a[k], got->b[k],
					         ref[k].a, ref[k].b);
				assert_true(fabs(got->impact[k] - ref[k].impact) < 1e-12);
			}
			/* whole() is asked at most once per entity of two or more records */
			assert_true(br.asked <= 20);
		}
		free(ref);
	}
	iv_buf_release(&err);
	free(rows);
	free(got);
}

/* Seen whole: any entity but the Hassan one (its records are those count_hassan knows). */
static bool not_hassan(void *ctx, const char *entity)
{
	(void)ctx;
	return strncmp(entity, "p-hassan-", 9) != 0 || strcmp(entity, "p-hassan-name") == 0 ||
	       strcmp(entity, "p-hassan-other") == 0;
}

/* The engine's queue, or (shown) the queue with the Hassan entity split, into r. */
static enum iv_err review_of(struct iv_store *st, bool shown, struct review_items *r,
                             struct iv_buf *err)
{
	r->n = 0;
	return shown ? iv_resolve_review_shown(st, 0, see_all, NULL, not_hassan, NULL, on_review, r,
	                                       err)
	             : iv_resolve_review(st, 0, on_review, r, err);
}

/* A call the nth allocation failed: it ran out of memory, or the store did (nothing else). */
static void failed_for_memory(unsigned long n, enum iv_err rc, const struct iv_buf *err)
{
	if (rc != IV_ERR_NOMEM && rc != IV_ERR_DB)
		fail_msg("allocation %lu failed with %s: %s", n, iv_err_name(rc), err->buf);
}

/* Every allocation of one queue failing in turn: an error each time, then want. */
static void review_fails_cleanly(struct iv_store *st, bool shown, const struct review_items *want,
                                 struct review_items *got)
{
	struct iv_buf err = IV_BUF_INIT;
	bool completed = false;

	for (unsigned long n = 1; n < 100000 && !completed; n++) {
		enum iv_err rc;

		iv_buf_reset(&err);
		iv_alloc_fail_after(n);
		rc = review_of(st, shown, got, &err);
		iv_alloc_fail_after(0);
		if (rc == IV_OK)
			completed = true;
		else
			failed_for_memory(n, rc, &err);
	}
	assert_true(completed);
	assert_int_equal(got->n, want->n);
	for (size_t i = 0; i < got->n; i++) {
		assert_string_equal(got->a[i], want->a[i]);
		assert_string_equal(got->b[i], want->b[i]);
	}
	iv_buf_release(&err);
}

/*
 * Every allocation of the review queue failing in turn: an error, never a crash or a leak
 * (the sanitizers' and valgrind's runs watch the second), and the same queue once none fails;
 * for the engine's queue and for the queue as shown, with its heap and keys (whole() asked
 * without the store, which allocates).
 */
static void test_review_alloc_failure(void **state)
{
	struct fixture *f = *state;
	struct review_items *want = calloc(1, sizeof(*want)), *got = calloc(1, sizeof(*got));

	assert_non_null(want);
	assert_non_null(got);
	put_people(f->st, 0);
	batch(f->st, "Person", false, NULL);
	judge_ok(f->st, "p-hassan-init", "p-hassan-name", "unsure", "alice");
	assert_int_equal(review_of(f->st, false, want, NULL), IV_OK);
	assert_true(want->n >= 2);
	review_fails_cleanly(f->st, false, want, got);

	assert_together(f->st, "p-hassan-en", "p-hassan-ar");
	assert_together(f->st, "p-hassan-en", "p-hassan-init");
	assert_int_equal(review_of(f->st, true, want, NULL), IV_OK);
	review_fails_cleanly(f->st, true, want, got);
	free(want);
	free(got);
}

/*
 * A judgement that runs out of memory anywhere (reading the verdicts,
 * walking the closure in the store, clustering, writing memberships) fails
 * cleanly and changes nothing: no judgement kept, the clusters as they
 * were; once memory suffices it is recorded and splits the pair.
 */
static void test_judge_alloc_failure(void **state)
{
	struct fixture *f = *state;
	struct memberships *ms = calloc(1, sizeof(*ms));
	struct iv_buf err = IV_BUF_INIT;
	bool completed = false;
	char *before;
	size_t n0, failures = 0;

	assert_non_null(ms);
	put_people(f->st, 0);
	batch(f->st, "Person", false, NULL);
	assert_together(f->st, "p-karimi-3", "p-karimi");
	judge_ok(f->st, "p-hassan-init", "p-hassan-name", "unsure", "alice");
	before = partition(f->st, ms);
	n0 = judgements(f->st);
	for (unsigned long n = 1; n < 100000 && !completed; n++) {
		enum iv_err rc;
		char *now;

		iv_buf_reset(&err);
		iv_alloc_fail_after(n);
		rc = iv_resolve_judge(f->st, "p-karimi-3", "p-karimi", "different", "bob", "",
		                      &err);
		iv_alloc_fail_after(0);
		if (rc == IV_OK) {
			completed = true;
			break;
		}
		failed_for_memory(n, rc, &err);
		failures++;
		assert_int_equal(judgements(f->st), n0);
		now = partition(f->st, ms);
		assert_string_equal(now, before);
		free(now);
	}
	assert_true(completed);
	assert_true(failures > 50); /* the closure's and the clustering's allocations too */
	assert_int_equal(judgements(f->st), n0 + 1);
	assert_apart(f->st, "p-karimi-3", "p-karimi");
	free(before);
	free(ms);
	iv_buf_release(&err);
}

/* ---- running out of memory in a run --------------------------------------------------------- */

/*
 * Everything the store keeps of the resolution but the models' times, one row a line in a
 * fixed order, entities by their ids: records, keys and key counts, links, memberships,
 * models, and the indexes a batch drops for its bulk write.  Caller frees.
 */
static char *resolution_rows(sqlite3 *db)
{
	return query_lines_on(db, "SELECT 'record ' || e.eid || ' ' || r.family || ' ' || r.record"
	                          " FROM res_records r JOIN entities e ON e.id = r.entity"
	                          " UNION ALL SELECT 'key ' || k.key || ' ' || e.eid"
	                          " FROM res_keys k JOIN entities e ON e.id = k.entity"
	                          " UNION ALL SELECT 'key count ' || key || ' ' || count"
	                          " FROM res_key_counts"
	                          " UNION ALL SELECT 'link ' || a.eid || ' ' || b.eid || ' ' ||"
	                          " l.kind || ' ' || l.probability || ' ' || l.score"
	                          " FROM res_links l JOIN entities a ON a.id = l.a"
	                          " JOIN entities b ON b.id = l.b"
	                          " UNION ALL SELECT 'member ' || e.eid || ' ' || m.canonical"
	                          " FROM res_members m JOIN entities e ON e.id = m.entity"
	                          " UNION ALL SELECT 'model ' || family || ' ' || model"
	                          " FROM res_models"
	                          " UNION ALL SELECT 'index ' || name FROM sqlite_master"
	                          " WHERE type = 'index' AND tbl_name LIKE 'res%'"
	                          " ORDER BY 1");
}

/* The count SQLite moves on whenever another connection (the store's) commits a change. */
static long long data_version(sqlite3 *db)
{
	char *v = query_lines_on(db, "PRAGMA data_version");
	long long n = strtoll(v, NULL, 10);

	free(v);
	return n;
}

/*
 * The store a run meets: half the people batch-resolved, a person's "different" between two
 * of them, then the other half, a new statement on a resolved record and a passport whose
 * holder was resolved (its values feed her): an incremental run resolves both again.
 */
static void put_alloc_world(struct iv_store *st)
{
	put_people(st, 1);
	batch(st, "Person", false, NULL);
	assert_together(st, "p-yusuf", "p-yusuf-2");
	judge_ok(st, "p-yusuf", "p-yusuf-2", "different", "alice");
	put_people(st, 2);
	put_entity(st, "p-brown", "Person", "gender", "male", NULL);
	put_entity(st, "doc-rossi", "Passport", "number", "YA7654321", "country", "it", "givenName",
	           "Chiara", "surname", "Rossi", "birthDate", "1990-10-10", NULL);
	put_ref(st, "doc-rossi", "Passport", "holder", "p-rossi");
}

/* A run of Person; *nrun: the families that ran.  Asserts nothing (the hook may be set). */
typedef enum iv_err (*person_run_fn)(struct iv_store *st, struct iv_resolve_report *rep,
                                     size_t *nrun, struct iv_buf *err);

/* A batch run of Person, as batch() makes it. */
static enum iv_err batch_person(struct iv_store *st, struct iv_resolve_report *rep, size_t *nrun,
                                struct iv_buf *err)
{
	struct iv_resolve_options o = {.family = "Person"};

	return iv_resolve_batch(st, &o, rep, 1, nrun, err);
}

/* An incremental run of Person. */
static enum iv_err incremental_person(struct iv_store *st, struct iv_resolve_report *rep,
                                      size_t *nrun, struct iv_buf *err)
{
	struct iv_resolve_options o = {.family = "Person"};

	return iv_resolve_incremental(st, &o, rep, 1, nrun, err);
}

/* What an incremental run of put_alloc_world's store reports. */
static void assert_incremental_report(const struct iv_resolve_report *rep, size_t nrun)
{
	assert_int_equal(nrun, 1);
	assert_int_equal(rep->new_records, count_half(2));
	assert_int_equal(rep->updated, 2); /* p-brown's gender, p-rossi's passport */
}

/*
 * run (one family's run, which writes in one transaction: include/iv/resolve.h) with each
 * allocation failing in turn: IV_ERR_NOMEM or IV_ERR_DB with a message each time, never
 * another code or a crash, and nothing changed, until one completes: no transaction left
 * open, nothing committed (the file's data_version, which any commit moves on: the rows of
 * resolution_rows, the models' times, the count of membership changes), and the memberships
 * as partition() reads them through the store.  Returns the failures.
 */
static size_t run_fails_cleanly(struct fixture *f, person_run_fn run, struct iv_resolve_report *rep,
                                size_t *nrun)
{
	struct memberships *ms = calloc(1, sizeof(*ms));
	struct iv_buf err = IV_BUF_INIT;
	sqlite3 *db = open_raw(f->path);
	long long version = data_version(db);
	char *members, *now;
	bool completed = false;
	size_t failures = 0;

	assert_non_null(ms);
	/* room for the message before memory runs out (a message needs none of its own then) */
	assert_int_equal(iv_buf_grow(&err, 4096), IV_OK);
	members = partition(f->st, ms);
	for (unsigned long n = 1; n < 200000 && !completed; n++) {
		enum iv_err rc;

		iv_buf_reset(&err);
		iv_alloc_fail_after(n);
		rc = run(f->st, rep, nrun, &err);
		iv_alloc_fail_after(0);
		if (rc == IV_OK) {
			completed = true;
			break;
		}
		failed_for_memory(n, rc, &err);
		if (err.len == 0)
			fail_msg("allocation %lu failed with %s and no message", n,
			         iv_err_name(rc));
		failures++;
		if (iv_store_begin(f->st, &err))
			fail_msg("allocation %lu left a transaction open: %s", n, err.buf);
		iv_store_rollback(f->st);
		if (data_version(db) != version)
			fail_msg("allocation %lu: the failed run committed a change", n);
		now = partition(f->st, ms);
		assert_string_equal(now, members);
		free(now);
	}
	assert_true(completed);
	assert_true(data_version(db) != version); /* (the check sees the run that completed) */
	free(members);
	free(ms);
	sqlite3_close(db);
	iv_buf_release(&err);
	return failures;
}

/* What a completed run left in f is what the same run, with memory enough, left in g. */
static void assert_same_resolution(struct fixture *f, struct fixture *g)
{
	sqlite3 *fdb = open_raw(f->path), *gdb = open_raw(g->path);
	char *got = resolution_rows(fdb), *want = resolution_rows(gdb);

	assert_string_equal(got, want);
	sqlite3_close(fdb);
	sqlite3_close(gdb);
	assert_int_equal(assert_same_clusters(f->st, g->st), NPEOPLE);
	free(got);
	free(want);
}

/*
 * A batch run of Person that runs out of memory anywhere (reading, blocking, comparing,
 * fitting, clustering, in a save stage on the writer's thread or after it; this store is
 * too small for the comparison's and the keys' own threads)
 * fails cleanly and changes nothing: the half resolved before, the judgement's split and
 * the other half unresolved stay as they were.  Once memory suffices it resolves everyone
 * as a batch run in a store that never ran out (the judgement still stands).
 */
static void test_batch_alloc_failure(void **state)
{
	struct fixture *f = *state, *g;
	void *gs = NULL;
	struct iv_resolve_report rep;
	size_t nrun = 0, failures;
	char c[64];

	put_alloc_world(f->st);
	canonical(f->st, "p-ramirez", c);
	assert_string_equal(c, ""); /* the second half is not resolved yet */
	failures = run_fails_cleanly(f, batch_person, &rep, &nrun);
	assert_true(failures > 1000); /* every phase's allocations, not the first few */
	assert_int_equal(nrun, 1);
	assert_int_equal(rep.records, NPEOPLE);
	assert_int_equal(rep.judgements, 1);

	assert_int_equal(setup(&gs), 0);
	g = gs;
	put_alloc_world(g->st);
	batch(g->st, "Person", false, NULL);
	assert_same_resolution(f, g);
	assert_together(f->st, "p-karimi-3", "p-karimi");
	assert_together(f->st, "p-ramirez", "p-ramirez-2");
	assert_apart(f->st, "p-yusuf", "p-yusuf-2");
	teardown(&gs);
}

/*
 * The same for an incremental run of Person: new records, a resolved record with a new
 * statement and one a new passport feeds are resolved against the stored ones, or nothing
 * changes; once memory suffices, the same resolution as the incremental run of a store
 * that never ran out.
 */
static void test_incremental_alloc_failure(void **state)
{
	struct fixture *f = *state, *g;
	void *gs = NULL;
	struct iv_resolve_report rep;
	struct iv_buf err = IV_BUF_INIT;
	size_t nrun = 0, failures;

	put_alloc_world(f->st);
	failures = run_fails_cleanly(f, incremental_person, &rep, &nrun);
	assert_true(failures > 1000);
	assert_incremental_report(&rep, nrun);

	assert_int_equal(setup(&gs), 0);
	g = gs;
	put_alloc_world(g->st);
	if (incremental_person(g->st, &rep, &nrun, &err))
		fail_msg("incremental: %s", err.buf);
	assert_incremental_report(&rep, nrun);
	assert_same_resolution(f, g);
	assert_together(f->st, "p-karimi-3", "p-karimi");
	assert_together(f->st, "p-ramirez", "p-ramirez-2");
	assert_apart(f->st, "p-yusuf", "p-yusuf-2");
	teardown(&gs);
	iv_buf_release(&err);
}

/* ---- bad input ---------------------------------------------------------------------------- */

static enum iv_err record_length(void *ctx, const char *entity, const char *family,
                                 const char *record)
{
	*(size_t *)ctx = strlen(record);
	return IV_OK;
}

/*
 * Who judged and why: a user name or note that is not UTF-8, holds control
 * characters (a note may hold line breaks and tabs) or is too long is
 * refused with nothing written, by judge and unmerge alike; a bad note an
 * older store kept is shown with U+FFFD, and the explanation's JSON is made.
 */
static void test_judge_text(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_explanation *x = calloc(1, sizeof(*x));
	struct iv_buf err = IV_BUF_INIT;
	char *longnote = malloc(IV_RESOLVE_NOTE_MAX + 2);
	size_t removed = 0;
	json_t *j;

	assert_non_null(x);
	assert_non_null(longnote);
	put_people(f->st, 0);
	batch(f->st, "Person", false, NULL);
	memset(longnote, 'x', IV_RESOLVE_NOTE_MAX + 1);
	longnote[IV_RESOLVE_NOTE_MAX + 1] = '\0';
	static const char *const bad_notes[] = {"bad\xff", "cut \xc3", "bell\a", "esc\x1b[2J"};
	for (size_t i = 0; i < sizeof(bad_notes) / sizeof(bad_notes[0]); i++) {
		iv_buf_reset(&err);
		assert_int_equal(iv_resolve_judge(f->st, "p-hassan-en", "p-hassan-ar", "unsure",
		                                  "alice", bad_notes[i], &err),
		                 IV_ERR_INVALID);
		assert_non_null(strstr(err.buf, "the note"));
		assert_int_equal(iv_resolve_unmerge(f->st, "p-hassan-en", "alice", bad_notes[i],
		                                    &removed, &err),
		                 IV_ERR_INVALID);
	}
	assert_int_equal(iv_resolve_judge(f->st, "p-hassan-en", "p-hassan-ar", "unsure", "al\nice",
	                                  "", &err),
	                 IV_ERR_INVALID);
	assert_int_equal(iv_resolve_judge(f->st, "p-hassan-en", "p-hassan-ar", "unsure", "\xc0\x80",
	                                  "", &err),
	                 IV_ERR_INVALID);
	assert_int_equal(iv_resolve_judge(f->st, "p-hassan-en", "p-hassan-ar", "unsure", "alice",
	                                  longnote, &err),
	                 IV_ERR_INVALID);
	assert_int_equal(judgements(f->st), 0);
	assert_int_equal(removed, 0);
	longnote[IV_RESOLVE_NOTE_MAX] = '\0'; /* at the limit, with lines and a tab: kept */
	longnote[10] = '\n';
	longnote[11] = '\t';
	judge_ok(f->st, "p-hassan-en", "p-hassan-ar", "unsure",
	         "al\xc3\xaf"
	         "ce");
	assert_int_equal(iv_resolve_judge(f->st, "p-hassan-en", "p-hassan-init", "unsure", "alice",
	                                  longnote, &err),
	                 IV_OK);
	assert_int_equal(judgements(f->st), 2);

	/* as an older store kept it: the note and user not UTF-8 */
	struct iv_judgement old = {0,         "p-hassan-en", "p-hassan-name", "unsure",
	                           "b\xffob", "n\xfeote",    1796006163};
	begin_ok(f->st);
	assert_int_equal(iv_store_judge_put(f->st, &old, &err), IV_OK);
	commit_ok(f->st);
	assert_int_equal(iv_resolve_explain(f->st, "p-hassan-en", "p-hassan-name", NULL, x, &err),
	                 IV_OK);
	assert_string_equal(x->judgement,
	                    "unsure by b\xef\xbf\xbdob at 2026-11-30T02:36:03Z: n\xef\xbf\xbdote");
	j = iv_resolve_explanation_json(x);
	assert_non_null(j);
	json_decref(j);
	free(longnote);
	free(x);
	iv_buf_release(&err);
}

static void test_bad_names(void **state)
{
	struct fixture *f = *state;
	struct iv_store_stats before, after;
	struct iv_resolve_explanation *x = calloc(1, sizeof(*x));
	char *ascii = malloc(10001), *geez = malloc(30001), c[64];
	static const char *const ids[] = {"bad-ascii", "bad-geez",  "bad-empty",
	                                  "bad-utf8",  "bad-mixed", "bad-ok"};
	size_t len = 0;

	assert_non_null(x);
	assert_non_null(ascii);
	assert_non_null(geez);
	/* 10,000 characters, in ASCII and in Ge'ez (3 bytes each, so a cut must step back) */
	memset(ascii, 'a', 10000);
	ascii[10000] = '\0';
	for (int i = 0; i < 10000; i++)
		memcpy(geez + 3 * i, "\xe1\x89\xb0", 3); /* ተ */
	geez[30000] = '\0';
	/* one phone for all, so that they are blocked together and compared */
	begin_ok(f->st);
	put(f->st, "bad-ascii", "Person", "name", ascii);
	put(f->st, "bad-geez", "Person", "name", geez);
	put(f->st, "bad-empty", "Person", "name", "");
	put(f->st, "bad-utf8", "Person", "name", "Ahmed \xc3\x28 Karimi");
	put(f->st, "bad-mixed", "Person", "name", "Ali علي");
	put(f->st, "bad-ok", "Person", "name", "Ali Karimi");
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		put(f->st, ids[i], "Person", "phone", "+447400123499");
	commit_ok(f->st);
	put_people(f->st, 0);
	assert_int_equal(iv_store_stats(f->st, &before, NULL, NULL, NULL), IV_OK);

	batch(f->st, "Person", false, NULL);
	assert_int_equal(iv_store_stats(f->st, &after, NULL, NULL, NULL), IV_OK);
	assert_int_equal(before.entities, after.entities);
	assert_int_equal(before.statements, after.statements);
	assert_int_equal(before.invalid, after.invalid);
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		canonical(f->st, ids[i], c);
		if (!*c)
			fail_msg("%s was not resolved", ids[i]);
	}
	/* the stored record holds the long names cut, not whole */
	assert_int_equal(iv_store_res_get_record(f->st, "bad-geez", record_length, &len, NULL),
	                 IV_OK);
	assert_true(len > 0 && len < 2000);
	/* the good records are resolved as without the bad ones */
	assert_together(f->st, "p-hassan-en", "p-hassan-ar");
	/* explanations of the bad ones work */
	explain_into(f->st, "bad-geez", "bad-ascii", x);
	check_sums(x);
	assert_true(strlen(feature(x, "name")->a) < sizeof(x->features[0].a));
	explain_into(f->st, "bad-empty", "bad-mixed", x);
	assert_string_equal(feature(x, "name")->level, "missing");
	/* and so is a batch with the stored model */
	batch(f->st, "Person", true, NULL);
	free(ascii);
	free(geez);
	free(x);
}

/* ---- options and ids -------------------------------------------------------------------- */

static void test_batch_options(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_options o = {0};
	struct iv_resolve_report reports[IV_RESOLVE_NFAMILIES];
	struct iv_buf err = IV_BUF_INIT;
	size_t nrun = 99;

	put_people(f->st, 0);
	/* keep_model needs a stored model */
	o.family = "Person";
	o.keep_model = true;
	assert_int_equal(iv_resolve_batch(f->st, &o, reports, IV_RESOLVE_NFAMILIES, &nrun, &err),
	                 IV_ERR_NOTFOUND);
	assert_int_equal(nrun, 0);
	assert_true(err.len > 0);
	/* an unknown family */
	o.family = "Nonsense";
	o.keep_model = false;
	iv_buf_reset(&err);
	assert_int_equal(iv_resolve_batch(f->st, &o, reports, IV_RESOLVE_NFAMILIES, &nrun, &err),
	                 IV_ERR_INVALID);
	assert_int_equal(nrun, 0);
	assert_non_null(strstr(err.buf, "Nonsense"));
	/* a schema names its family */
	o.family = "Passport";
	assert_int_equal(iv_resolve_batch(f->st, &o, reports, IV_RESOLVE_NFAMILIES, &nrun, &err),
	                 IV_OK);
	assert_int_equal(nrun, 1);
	assert_string_equal(reports[0].family, "Identification");
	assert_int_equal(reports[0].records, 0);
	assert_string_equal(iv_resolve_family_of("Passport"), "Identification");
	assert_string_equal(iv_resolve_family_of("Vessel"), "Vessel");
	assert_null(iv_resolve_family_of("Payment"));
	assert_string_equal(iv_resolve_family_name(0), "Person");
	assert_null(iv_resolve_family_name(IV_RESOLVE_NFAMILIES));
	/* every family */
	batch(f->st, NULL, false, reports);
	assert_string_equal(reports[0].family, "Person");
	assert_int_equal(reports[0].records, NPEOPLE);
	iv_buf_release(&err);
}

/* Whether the pair callback saw one pair (either order). */
struct seen_pair {
	const char *a, *b;
	bool seen;
};

static void on_seen_pair(void *ctx, const char *a, const char *b, double probability, int decision)
{
	struct seen_pair *sp = ctx;

	(void)probability;
	(void)decision;
	if ((!strcmp(a, sp->a) && !strcmp(b, sp->b)) || (!strcmp(a, sp->b) && !strcmp(b, sp->a)))
		sp->seen = true;
}

/*
 * One phone written in many reports under two names ("Kaka Azad" and
 * "Azad Mohammed"): the block is over max_block, and the window meets
 * only neighbours in name order, but the first record of one name meets
 * the first of the other.
 */
static void test_block_names_meet(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_options o = {0};
	struct iv_resolve_report rep;
	struct seen_pair sp = {"k-1", "m-1", false};
	struct iv_buf err = IV_BUF_INIT;
	size_t nrun = 0;
	char id[16];

	begin_ok(f->st);
	for (int i = 1; i <= 6; i++) {
		snprintf(id, sizeof(id), "k-%d", i);
		put(f->st, id, "Person", "name", "Kaka Azad");
		put(f->st, id, "Person", "phone", "+33754477969");
		snprintf(id, sizeof(id), "m-%d", i);
		put(f->st, id, "Person", "name", "Azad Mohammed");
		put(f->st, id, "Person", "phone", "+33754477969");
	}
	commit_ok(f->st);
	o.family = "Person";
	o.max_block = 4;
	o.window = 1;
	o.pair = on_seen_pair;
	o.pair_ctx = &sp;
	assert_int_equal(iv_resolve_batch(f->st, &o, &rep, 1, &nrun, &err), IV_OK);
	assert_int_equal(nrun, 1);
	assert_true(rep.big_blocks > 0);
	assert_true(sp.seen);
	iv_buf_release(&err);
}

/* Five records of each of two names (ids pa-1.., pb-1..), all holding prop = value. */
static void put_two_names(struct iv_store *st, const char *pa, const char *na, const char *pb,
                          const char *nb, const char *prop, const char *value)
{
	char id[16];

	for (int i = 1; i <= 5; i++) {
		snprintf(id, sizeof(id), "%s-%d", pa, i);
		put(st, id, "Person", "name", na);
		put(st, id, "Person", "nationality", "nl");
		put(st, id, "Person", prop, value);
		snprintf(id, sizeof(id), "%s-%d", pb, i);
		put(st, id, "Person", "name", nb);
		put(st, id, "Person", "nationality", "nl");
		put(st, id, "Person", prop, value);
	}
}

/* Whether a batch run of family Person with a budget of 2 compared a with b. */
static bool compared_at_budget_2(struct iv_store *st, const char *a, const char *b)
{
	struct iv_resolve_options o = {0};
	struct iv_resolve_report rep;
	struct seen_pair sp = {a, b, false};
	struct iv_buf err = IV_BUF_INIT;
	size_t nrun = 0;

	o.family = "Person";
	o.budget = 2;
	o.pair = on_seen_pair;
	o.pair_ctx = &sp;
	assert_int_equal(iv_resolve_batch(st, &o, &rep, 1, &nrun, &err), IV_OK);
	assert_int_equal(nrun, 1);
	assert_int_equal(rep.big_blocks, 0);
	iv_buf_release(&err);
	return sp.seen;
}

/*
 * The same within max_block: a facilitator's phone in 5 debriefs as
 * "Xhaxhi Gezim" and 5 as "Gezim Hoxha".  Two records of one name share
 * more keys than the two names do, so with a budget of 2 every record keeps
 * pairs of its own name and the names never met.  The first record of each
 * name meets the other's, and the first that is not bridging: x-1 holds a
 * second phone too, and its links would join one cluster only.
 */
static void test_small_block_names_meet(void **state)
{
	struct fixture *f = *state;

	begin_ok(f->st);
	put_two_names(f->st, "x", "Xhaxhi Gezim", "g", "Gezim Hoxha", "phone", "+31612115282");
	put(f->st, "x-1", "Person", "phone", "+355693673287");
	commit_ok(f->st);
	assert_true(compared_at_budget_2(f->st, "x-2", "g-1"));
}

/*
 * Not for a strong identifier: one passport number under two names may be a
 * forger's batch ("A reused number"), and a pair forced past the budget
 * would bring the two holders' strong link into the clusters' reach.
 */
static void test_small_block_number_no_meet(void **state)
{
	struct fixture *f = *state;

	begin_ok(f->st);
	put_two_names(f->st, "h", "Hemin Ahmed", "s", "Gul Safi", "passportNumber", "X20000316");
	commit_ok(f->st);
	assert_false(compared_at_budget_2(f->st, "h-1", "s-1"));
}

/*
 * A second copy of a facilitator's debrief, whose name and phone are each
 * in more records than max_block: the batch run's window meets his other
 * records; an incremental run meets the sample of them the batch listed
 * (before it listed none of a big block, and the copy stayed alone).  The
 * sample is max_block records; listed and counted make the value's
 * frequency.
 */
static void test_incremental_big_block(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_options o = {0};
	struct iv_resolve_report rep;
	struct iv_resolve_report reports[IV_RESOLVE_NFAMILIES];
	struct iv_buf err = IV_BUF_INIT;
	size_t nrun = 0;
	char id[16];

	put_people(f->st, 0); /* the world around him, for the model's fit */
	begin_ok(f->st);
	for (int i = 1; i <= 30; i++) {
		snprintf(id, sizeof(id), "h-%02d", i);
		put(f->st, id, "Person", "name", i % 3 ? "Haji Javad" : "Javad Ahmadi");
		put(f->st, id, "Person", "phone", "+33750420129");
	}
	commit_ok(f->st);
	o.family = "Person";
	o.max_block = 8;
	assert_int_equal(iv_resolve_batch(f->st, &o, &rep, 1, &nrun, &err), IV_OK);
	assert_true(rep.big_blocks > 0);
	assert_together(f->st, "h-01", "h-29");

	begin_ok(f->st);
	put(f->st, "h-again", "Person", "name", "Haji Javad");
	put(f->st, "h-again", "Person", "phone", "+33 7 50 42 01 29");
	commit_ok(f->st);
	nrun = incremental(f->st, &o, reports);
	assert_int_equal(nrun, 1);
	assert_int_equal(reports[0].new_records, 1);
	assert_true(reports[0].pairs_compared > 0);
	assert_true(reports[0].pairs_compared <= IV_RESOLVE_BUDGET);
	assert_together(f->st, "h-again", "h-01");

	/* a big block lists max_block records and counts the rest; no key lists more */
	assert_int_equal(query_int(f->path, "SELECT max(n) FROM (SELECT count(*) AS n FROM"
	                                    " res_keys GROUP BY key)"),
	                 8);
	assert_true(query_int(f->path, "SELECT count(*) FROM res_key_counts c WHERE (SELECT"
	                               " count(*) FROM res_keys k WHERE k.key = c.key) = 8") >= 2);
	assert_int_equal(query_int(f->path, "SELECT max(n) FROM (SELECT count(*) + (SELECT"
	                                    " coalesce(sum(count), 0) FROM res_key_counts c"
	                                    " WHERE c.key = k.key) AS n FROM res_keys k GROUP BY"
	                                    " key)"),
	                 31);
	iv_buf_release(&err);
}

/* Records from a small pool of names, phones and birth dates: many pairs, many namesakes. */
static void put_crowd(struct iv_store *st, const char *prefix, int from, int to)
{
	static const char *const names[] = {"Ahmad Karimi", "Ahmed Kareemi",   "Hemin Aziz",
	                                    "Dilshad Aziz", "Rebwar Kareem",   "Azad Mohammed",
	                                    "Kaka Azad",    "Nguyen Van Thanh"};
	char id[32], phone[32], dob[16];

	begin_ok(st);
	for (int i = from; i < to; i++) {
		snprintf(id, sizeof(id), "%s-%03d", prefix, i);
		snprintf(phone, sizeof(phone), "+4477009%05d", (i * 7) % 40);
		snprintf(dob, sizeof(dob), "19%02d-0%d-1%d", 70 + i % 23, 1 + i % 9, i % 10);
		put(st, id, "Person", "name", names[i % 8]);
		put(st, id, "Person", "phone", phone);
		if (i % 3)
			put(st, id, "Person", "birthDate", dob);
	}
	commit_ok(st);
}

/*
 * An incremental run compares on threads (a value's frequency read from
 * the store one thread at a time, remembered per thread) and gives what
 * one thread gives: the same links, probabilities and clusters, over
 * enough pairs that the threads run (4,096 and more).
 */
static void test_incremental_threads(void **state)
{
	static const char links_sql[] =
	        "SELECT ea.eid || ' ' || eb.eid || ' ' || l.kind || ' ' || printf('%.12f',"
	        " l.probability) FROM res_links l JOIN entities ea ON ea.id = l.a JOIN entities eb"
	        " ON eb.id = l.b ORDER BY 1";
	static const char members_sql[] =
	        "SELECT e.eid || ' ' || m.canonical FROM res_members m JOIN entities e ON"
	        " e.id = m.entity ORDER BY 1";
	struct fixture *f = *state, *g;
	void *gs = NULL;
	struct iv_resolve_options o = {0};
	struct iv_resolve_report one[IV_RESOLVE_NFAMILIES], two[IV_RESOLVE_NFAMILIES];
	struct iv_resolve_report rep;
	struct iv_buf err = IV_BUF_INIT;
	size_t nrun = 0;
	char *la, *lb, *ma, *mb;

	assert_int_equal(setup(&gs), 0);
	g = gs;
	o.family = "Person";
	o.max_block = 400;
	o.budget = 1000;
	o.threads = 1;
	put_people(f->st, 0);
	put_people(g->st, 0);
	put_crowd(f->st, "old", 0, 160);
	put_crowd(g->st, "old", 0, 160);
	assert_int_equal(iv_resolve_batch(f->st, &o, &rep, 1, &nrun, &err), IV_OK);
	assert_int_equal(iv_resolve_batch(g->st, &o, &rep, 1, &nrun, &err), IV_OK);
	put_crowd(f->st, "new", 160, 320);
	put_crowd(g->st, "new", 160, 320);
	assert_int_equal(incremental(f->st, &o, one), 1);
	o.threads = 2;
	assert_int_equal(incremental(g->st, &o, two), 1);
	assert_true(one[0].pairs_compared >= 4096 * 2);
	assert_int_equal(one[0].pairs_compared, two[0].pairs_compared);
	assert_int_equal(one[0].match_links, two[0].match_links);
	assert_int_equal(one[0].review_pairs, two[0].review_pairs);
	la = query_lines(f->path, links_sql);
	lb = query_lines(g->path, links_sql);
	ma = query_lines(f->path, members_sql);
	mb = query_lines(g->path, members_sql);
	assert_true(strlen(la) > 1000);
	assert_string_equal(la, lb);
	assert_string_equal(ma, mb);
	free(la);
	free(lb);
	free(ma);
	free(mb);
	iv_buf_release(&err);
	teardown(&gs);
}

/*
 * A person's "same" that reaches out of the engine's links: a-1 and a-2 are
 * linked by the engine, b-1 joined to a-1 by a judgement alone.  A new
 * record linked to a-2 (and first in id order, so the canonical id moves
 * to it) re-clusters a-1's entity; b-1 must come along, or it keeps the old
 * canonical id and is split off.
 */
static void test_incremental_same_reaches_out(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_options o = {0};
	struct iv_resolve_report reports[IV_RESOLVE_NFAMILIES];

	put_people(f->st, 0);
	put_entity(f->st, "a-1", "Person", "name", "Rebin Aziz", "passportNumber", "N30001234",
	           "nationality", "gb", NULL);
	put_entity(f->st, "a-2", "Person", "name", "REBIN AZIZ", "passportNumber", "N30001234",
	           "nationality", "gb", NULL);
	put_entity(f->st, "b-1", "Person", "name", "Kak Rebin", "birthDate", "1988-02-03", NULL);
	batch(f->st, "Person", false, NULL);
	assert_together(f->st, "a-1", "a-2");
	assert_apart(f->st, "a-1", "b-1");
	judge_ok(f->st, "a-1", "b-1", "same", "alice");
	assert_together(f->st, "a-2", "b-1");
	put_entity(f->st, "0-new", "Person", "name", "Rebin Aziz", "passportNumber", "N30001234",
	           "nationality", "gb", NULL);
	assert_int_equal(incremental(f->st, &o, reports), 1);
	assert_together(f->st, "0-new", "a-2");
	assert_together(f->st, "0-new", "b-1");
	assert_together(f->st, "a-1", "b-1");
}

/*
 * Identifiers as written: one plate with and without its hyphens or
 * spaces, in either case, is one strong identifier; another plate is another car.
 * A person's vehicles and social accounts feed the same forms; Arabic-Indic
 * digits read as ASCII; "N/A" and "000000000" are no numbers at all.
 */
static void test_identifier_writings(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_explanation *x = calloc(1, sizeof(*x));

	assert_non_null(x);
	put_entity(f->st, "veh-1", "Vehicle", "registrationNumber", "2-TEV-024", "country", "be",
	           NULL);
	put_entity(f->st, "veh-2", "Vehicle", "registrationNumber", "2tev024", "country", "be",
	           NULL);
	put_entity(f->st, "veh-3", "Vehicle", "registrationNumber", "2 TEV 024", "country", "be",
	           NULL);
	put_entity(f->st, "veh-4", "Vehicle", "registrationNumber", "2-TEV-025", "country", "be",
	           NULL);
	batch(f->st, "Vehicle", false, NULL);
	assert_int_equal(link_kind(f->st, "veh-1", "veh-2"), IV_RES_STRONG);
	assert_int_equal(link_kind(f->st, "veh-1", "veh-3"), IV_RES_STRONG);
	assert_together(f->st, "veh-2", "veh-3");
	assert_apart(f->st, "veh-1", "veh-4");

	put_people(f->st, 0);
	/* a plate each way, and nothing else in common */
	put_entity(f->st, "dr-1", "Person", "name", "Phamm Thihoa", NULL);
	put_entity(f->st, "dr-2", "Person", "name", "PHAMM THIHOA", NULL);
	put_entity(f->st, "veh-dr-1", "Vehicle", "registrationNumber", "2TEV024", "owner", "dr-1",
	           NULL);
	put_entity(f->st, "veh-dr-2", "Vehicle", "registrationNumber", "2-TEV-024", "owner", "dr-2",
	           NULL);
	/* a handle each way */
	put_entity(f->st, "kk-1", "Person", "name", "Kaka Azad", NULL);
	put_entity(f->st, "kk-2", "Person", "name", "KAKA AZAD", NULL);
	put_entity(f->st, "tg-1", "UserAccount", "username", "@Kaka_Azad", "service", "telegram",
	           "owner", "kk-1", NULL);
	put_entity(f->st, "tg-2", "UserAccount", "username", "kaka_azad", "service", "telegram",
	           "owner", "kk-2", NULL);
	/* a passport number in Arabic-Indic digits, and in ASCII */
	put_entity(f->st, "ar-1", "Person", "name", "Rebin Aziz", "passportNumber",
	           "A\xd9\xa1\xd9\xa2\xd9\xa3\xd9\xa4\xd9\xa5\xd9\xa6\xd9\xa7", "nationality", "iq",
	           NULL);
	put_entity(f->st, "ar-2", "Person", "name", "REBIN AZIZ", "passportNumber", "a 1234567",
	           "nationality", "iq", NULL);
	/* what people type for no number links nobody */
	put_entity(f->st, "na-1", "Person", "name", "Farid Safi", "passportNumber", "N/A",
	           "nationality", "af", NULL);
	put_entity(f->st, "na-2", "Person", "name", "Farid Safi", "passportNumber", "n.a.",
	           "nationality", "af", NULL);
	put_entity(f->st, "na-3", "Person", "name", "Farid Safi", "passportNumber", "000000000",
	           "nationality", "af", NULL);
	batch(f->st, "Person", false, NULL);
	/* both plates and both handles come out in one form (the model decides the rest) */
	explain_into(f->st, "dr-1", "dr-2", x);
	assert_string_equal(feature(x, "selectors")->level, "shared");
	assert_string_equal(feature(x, "selectors")->a, "plate:2TEV024");
	explain_into(f->st, "kk-1", "kk-2", x);
	assert_string_equal(feature(x, "selectors")->level, "shared");
	assert_string_equal(feature(x, "selectors")->a, "telegram:kaka_azad");
	assert_int_equal(link_kind(f->st, "ar-1", "ar-2"), IV_RES_STRONG);
	assert_together(f->st, "ar-1", "ar-2");
	assert_true(link_kind(f->st, "na-1", "na-2") != IV_RES_STRONG);
	assert_true(link_kind(f->st, "na-1", "na-3") != IV_RES_STRONG);
	explain_into(f->st, "na-1", "na-2", x);
	assert_null(strstr(x->rule, "strong identifier"));
	free(x);
}

/*
 * Identifiers read as one where they are one: a plate's O and I for 0 and 1;
 * an IBAN with a mistyped check digit (it fails mod-97, is kept verbatim)
 * and the IBAN it was meant to be, which must not veto each other; a
 * British sort code and account number and the IBAN that holds them; a
 * dinghy's outboard serial number in a seizure and in the dealer's sale.
 */
static void test_identifier_readings(void **state)
{
	struct fixture *f = *state;

	put_entity(f->st, "pl-1", "Vehicle", "registrationNumber", "PO 6O529", "country", "pl",
	           NULL);
	put_entity(f->st, "pl-2", "Vehicle", "registrationNumber", "PO 60529", "country", "pl",
	           NULL);
	put_entity(f->st, "pl-3", "Vehicle", "registrationNumber", "PO 60528", "country", "pl",
	           NULL);
	batch(f->st, "Vehicle", false, NULL);
	assert_int_equal(link_kind(f->st, "pl-1", "pl-2"), IV_RES_STRONG);
	assert_apart(f->st, "pl-1", "pl-3");

	put_entity(f->st, "gr-1", "BankAccount", "iban", "GR46 4505 1667 5180 4705 5910 172",
	           "country", "gr", NULL);
	put_entity(f->st, "gr-2", "BankAccount", "iban", "GR4945051667518047055910172", "country",
	           "gr", NULL);
	put_entity(f->st, "gr-3", "BankAccount", "iban", "GR4945051667518047055910173", "country",
	           "gr", NULL);
	put_entity(f->st, "uk-1", "BankAccount", "accountNumber", "46-00-27 66812112", "country",
	           "gb", NULL);
	put_entity(f->st, "uk-2", "BankAccount", "iban", "GB31 WEST 4600 2766 8121 12", "country",
	           "gb", NULL);
	put_entity(f->st, "uk-3", "BankAccount", "accountNumber", "46-00-27 66812113", "country",
	           "gb", NULL);
	/* a Dutch account as written at home, without its leading zero */
	put_entity(f->st, "nl-1", "BankAccount", "accountNumber", "41.71.64.300", "country", "nl",
	           NULL);
	put_entity(f->st, "nl-2", "BankAccount", "iban", "NL91 ABNA 0417 1643 00", "country", "nl",
	           NULL);
	/* a Latvian BBAN is a bank code and digits too, but the digits alone are no account */
	put_entity(f->st, "lv-1", "BankAccount", "accountNumber", "0000435195001", "country", "lv",
	           NULL);
	put_entity(f->st, "lv-2", "BankAccount", "iban", "LV80BANK0000435195001", "country", "lv",
	           NULL);
	batch(f->st, "BankAccount", false, NULL);
	assert_int_equal(link_kind(f->st, "gr-1", "gr-2"), IV_RES_STRONG);
	assert_apart(f->st, "gr-1", "gr-3"); /* another account */
	assert_apart(f->st, "gr-2", "gr-3");
	assert_int_equal(link_kind(f->st, "uk-1", "uk-2"), IV_RES_STRONG);
	assert_apart(f->st, "uk-2", "uk-3");
	assert_int_equal(link_kind(f->st, "nl-1", "nl-2"), IV_RES_STRONG);
	assert_apart(f->st, "lv-1", "lv-2");

	put_entity(f->st, "boat-1", "Vessel", "type", "inflatable", "engine", "Yamaha 60 HP",
	           "engineSerial", "6C5-4661041", NULL);
	put_entity(f->st, "boat-2", "Vessel", "type", "inflatable boat", "flag", "de", "engine",
	           "Yamaha 60 HP", "engineSerial", "6C5 4661041", NULL);
	put_entity(f->st, "boat-3", "Vessel", "type", "inflatable boat", "flag", "de", "engine",
	           "Yamaha 60 HP", "engineSerial", "6C5-4661042", NULL);
	batch(f->st, "Vessel", false, NULL);
	assert_int_equal(link_kind(f->st, "boat-1", "boat-2"), IV_RES_STRONG);
	assert_apart(f->st, "boat-1", "boat-3");
}

/* A batch run of Person with a budget, seeing every compared pair. */
static void budget_run(struct iv_store *st, unsigned budget, struct seen_pair *sp)
{
	struct iv_resolve_options o = {0};
	struct iv_resolve_report rep;
	struct iv_buf err = IV_BUF_INIT;
	size_t nrun = 0;

	o.family = "Person";
	o.budget = budget;
	o.pair = on_seen_pair;
	o.pair_ctx = sp;
	if (iv_resolve_batch(st, &o, &rep, 1, &nrun, &err))
		fail_msg("batch: %s", err.buf);
	iv_buf_release(&err);
}

/*
 * One man under two names (one-a, one-b) who share one value of prop, and
 * ten namesakes of each name (ns-a1.., ns-b1..) with values of their own:
 * the value prefix followed by 01..10.
 */
static void put_man_and_namesakes(struct iv_store *st, const char *name_a, const char *name_b,
                                  const char *prop, const char *prefix_a, const char *prefix_b,
                                  const char *shared)
{
	char id[16], value[40];

	begin_ok(st);
	for (int i = 1; i <= 10; i++) {
		snprintf(id, sizeof(id), "ns-a%d", i);
		snprintf(value, sizeof(value), "%s%02d", prefix_a, i);
		put(st, id, "Person", "name", name_a);
		put(st, id, "Person", prop, value);
		snprintf(id, sizeof(id), "ns-b%d", i);
		snprintf(value, sizeof(value), "%s%02d", prefix_b, i);
		put(st, id, "Person", "name", name_b);
		put(st, id, "Person", prop, value);
	}
	put(st, "one-a", "Person", "name", name_a);
	put(st, "one-a", "Person", prop, shared);
	put(st, "one-b", "Person", "name", name_b);
	put(st, "one-b", "Person", prop, shared);
	commit_ok(st);
}

/*
 * Two spellings of one man share his phone, and each spelling is the name
 * of ten other men with their own phones: every namesake shares more keys
 * (a name makes several) than the phone's two, but a pair that shares a
 * selector ranks first, so the budget keeps it for comparison.
 */
static void test_budget_ranks_evidence(void **state)
{
	struct fixture *f = *state;
	struct seen_pair sp = {"one-a", "one-b", false};

	put_man_and_namesakes(f->st, "Haji Najib", "Najib Hakimi", "phone", "+4474001235",
	                      "+4474001236", "+33647766349");
	budget_run(f->st, 3, &sp);
	assert_true(sp.seen);
}

/*
 * One man under two mangled spellings with one birth date, and ten
 * namesakes of each spelling born on other days: every namesake shares
 * more name keys than the two records do, but a shared full birth date
 * ranks above any number of name keys (a name alone never links two
 * records), so the budget keeps the pair.
 */
static void test_budget_ranks_birth_date(void **state)
{
	struct fixture *f = *state;
	struct seen_pair sp = {"one-a", "one-b", false};

	put_man_and_namesakes(f->st, "Minh Tuan Nguyen", "Minhtuan Nguyenn", "birthDate",
	                      "1980-03-", "1981-04-", "2002-12-29");
	budget_run(f->st, 3, &sp);
	assert_true(sp.seen);
}

/*
 * Eight debriefs name one facilitator the same way with the same phone.
 * With a budget of two, each record keeps its two first pairs, and every
 * record's first pairs are with the earliest records: the last one is
 * compared only because a pair is kept when either of its records keeps it.
 */
static void test_budget_either_keeps(void **state)
{
	struct fixture *f = *state;
	struct seen_pair sp = {"fd-0", "fd-7", false};
	char id[16];

	put_people(f->st, 0);
	begin_ok(f->st);
	for (int i = 0; i < 8; i++) {
		snprintf(id, sizeof(id), "fd-%d", i);
		put(f->st, id, "Person", "name", "Kaka Rebin");
		put(f->st, id, "Person", "phone", "+33754477969");
	}
	commit_ok(f->st);
	budget_run(f->st, 2, &sp);
	assert_true(sp.seen);
	for (int i = 1; i < 8; i++) {
		snprintf(id, sizeof(id), "fd-%d", i);
		assert_together(f->st, "fd-0", id);
	}
}

/*
 * A shared address weighs by how common it is among the records that have
 * one: two records of "Emir Rezaei" at one street address are more alike
 * than two of "Karim Ahmadi" who both give a city that thirty others give.
 * Both weights come from the value's frequency, and the explanation says so.
 */
static void test_address_frequency(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_explanation street, city;
	const struct iv_resolve_feature *fs, *fc;
	char id[16], name[32];

	put_people(f->st, 0);
	begin_ok(f->st);
	for (int i = 0; i < 30; i++) {
		snprintf(id, sizeof(id), "kb-%d", i);
		snprintf(name, sizeof(name), "Person%c%c Kabuli", 'a' + i % 26, 'a' + i / 26);
		put(f->st, id, "Person", "name", name);
		put(f->st, id, "Person", "address", "Kabul");
	}
	put(f->st, "rz-1", "Person", "name", "Rezaei, Emir");
	put(f->st, "rz-1", "Person", "address", "Hafenstrasse 33, 20910 Hamburg");
	put(f->st, "rz-2", "Person", "name", "Emir Rezaei");
	put(f->st, "rz-2", "Person", "address", "HAFENSTRASSE 33, 20910 HAMBURG");
	put(f->st, "ah-1", "Person", "name", "Karim Ahmadi");
	put(f->st, "ah-1", "Person", "address", "Kabul");
	put(f->st, "ah-2", "Person", "name", "Ahmadi, Karim");
	put(f->st, "ah-2", "Person", "address", "kabul");
	commit_ok(f->st);
	batch(f->st, "Person", false, NULL);
	explain_into(f->st, "rz-1", "rz-2", &street);
	explain_into(f->st, "ah-1", "ah-2", &city);
	fs = feature(&street, "address");
	fc = feature(&city, "address");
	assert_non_null(fs);
	assert_non_null(fc);
	assert_string_equal(fs->level, "equal");
	assert_string_equal(fc->level, "equal");
	assert_true(fs->tf && fc->tf);
	/* 2 of the 34 records with an address against 32 of them (case aside) */
	assert_true(fabs(fs->c.u - 2.0 / 34.0) < 1e-9);
	assert_true(fabs(fc->c.u - 32.0 / 34.0) < 1e-9);
	assert_true(fs->c.weight > fc->c.weight + 3.0);
	assert_true(street.score > city.score);
	check_sums(&street);
	check_sums(&city);
}

/* Three people who give one street address and share nothing else are never compared. */
static void test_address_blocks_nothing(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_report rep;
	struct iv_resolve_options o = {0};
	struct iv_resolve_report reports[IV_RESOLVE_NFAMILIES];

	put_entity(f->st, "ad-1", "Person", "name", "Amir Karimi", "address",
	           "Hafenstrasse 33, 20910 Hamburg", NULL);
	put_entity(f->st, "ad-2", "Person", "name", "Bekir Yilmaz", "address",
	           "Hafenstrasse 33, 20910 Hamburg", NULL);
	batch(f->st, "Person", false, &rep);
	assert_int_equal(rep.pairs_compared, 0);
	put_entity(f->st, "ad-3", "Person", "name", "Chen Wei", "address",
	           "hafenstrasse 33, 20910 hamburg", NULL);
	assert_int_equal(incremental(f->st, &o, reports), 1);
	assert_int_equal(reports[0].pairs_compared, 0);
}

/* Each feature's count of the records that hold it, as the stored model says (and all). */
static void stored_holding(struct iv_store *st, uint64_t out[17], size_t *nf)
{
	struct iv_buf text = IV_BUF_INIT;
	json_t *root, *features, *feat;
	size_t i;

	if (iv_store_res_get_model(st, "Person", &text, NULL))
		fail_msg("no stored Person model");
	root = json_loads(text.buf, 0, NULL);
	features = json_object_get(root, "features");
	assert_true(json_is_array(features) && json_array_size(features) <= 16);
	*nf = json_array_size(features);
	json_array_foreach(features, i, feat)
	{
		assert_true(json_is_integer(json_object_get(feat, "holding")));
		out[i] = (uint64_t)json_integer_value(json_object_get(feat, "holding"));
	}
	out[16] = (uint64_t)json_integer_value(json_object_get(root, "records"));
	json_decref(root);
	iv_buf_release(&text);
}

/*
 * How many records hold each feature (a value's frequency is counted among
 * them) is kept with the model: an incremental run that adds records and
 * resolves one again with a new value leaves the count a batch run makes
 * over the same records, and a batch run that keeps the model counts again.
 */
static void test_holding_counts(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_options o = {0};
	struct iv_resolve_report reports[IV_RESOLVE_NFAMILIES];
	uint64_t inc[17], kept[17], fresh[17], before;
	size_t nf = 0, nf2 = 0;

	put_people(f->st, 1);
	batch(f->st, "Person", false, NULL);
	put_people(f->st, 2);
	/* a resolved record gains a birth date and an address */
	put_entity(f->st, people[0].id, "Person", "address", "Hafenstrasse 33, 20910 Hamburg",
	           "birthDate", "1971-06-02", NULL);
	assert_int_equal(incremental(f->st, &o, reports), 1);
	assert_true(reports[0].updated >= 1);
	stored_holding(f->st, inc, &nf);
	batch(f->st, "Person", true, NULL);
	stored_holding(f->st, kept, &nf2);
	assert_int_equal(nf, nf2);
	batch(f->st, "Person", false, NULL);
	stored_holding(f->st, fresh, &nf2);
	inc[nf] = inc[16], kept[nf] = kept[16], fresh[nf] = fresh[16]; /* the records */
	for (size_t i = 0; i <= nf; i++) {
		if (inc[i] != fresh[i] || kept[i] != fresh[i])
			fail_msg(
			        "feature %zu: %llu records hold it after the incremental run, %llu "
			        "after a batch keeping the model, %llu after a batch",
			        i, (unsigned long long)inc[i], (unsigned long long)kept[i],
			        (unsigned long long)fresh[i]);
	}
	before = fresh[6]; /* the address */
	assert_true(before >= 1);
	/* a record more, and a batch run that keeps the model counts it */
	put_entity(f->st, "hc-new", "Person", "name", "Hemin Ahmed", "address",
	           "Havenweg 118, 3004 Rotterdam", NULL);
	batch(f->st, "Person", true, NULL);
	stored_holding(f->st, kept, &nf2);
	batch(f->st, "Person", false, NULL);
	stored_holding(f->st, fresh, &nf2);
	assert_int_equal(fresh[6], before + 1);
	for (size_t i = 0; i < nf; i++)
		assert_int_equal(kept[i], fresh[i]);
	assert_int_equal(kept[16], fresh[16]);
}

/*
 * A record resolved again by an incremental run is counted once in its
 * values' frequencies, not once in the store (as it was) and once in the
 * run: its pair scores as a batch run with the same model scores it.
 */
static void test_reresolved_counted_once(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_options o = {0};
	struct iv_resolve_report reports[IV_RESOLVE_NFAMILIES];
	double p_inc, p_batch;

	put_people(f->st, 0);
	/* a name, a birth date and an address (written twice) whose frequencies count */
	put_entity(f->st, "rr-a", "Person", "name", "Soran Qadir Hawrami", "birthDate",
	           "1984-03-05", "address", "Hafenstrasse 33, 20910 Hamburg", "address",
	           "HAFENSTRASSE 33, 20910 HAMBURG", NULL);
	put_entity(f->st, "rr-b", "Person", "name", "Soran Qadir Hawrami", "birthDate",
	           "1984-03-05", "nationality", "iq", "address", "Hafenstrasse 33, 20910 Hamburg",
	           NULL);
	batch(f->st, "Person", false, NULL);
	put_entity(f->st, "rr-a", "Person", "gender", "male", NULL);
	assert_int_equal(incremental(f->st, &o, reports), 1);
	assert_int_equal(reports[0].updated, 1);
	p_inc = link_probability(f->st, "rr-a", "rr-b");
	batch(f->st, "Person", true, NULL);
	p_batch = link_probability(f->st, "rr-a", "rr-b");
	assert_true(p_batch > 0 && p_batch < 1); /* a link, and its probability is kept */
	if (fabs(p_inc - p_batch) > 1e-9)
		fail_msg("rr-a/rr-b: probability %.9f after the incremental run, %.9f after a "
		         "batch with the same model",
		         p_inc, p_batch);
}

struct feeder_list {
	char ids[32][64];
	size_t n;
};

static int cmp_id(const void *a, const void *b)
{
	return strcmp(a, b);
}

static enum iv_err add_feeder(void *ctx, const char *entity)
{
	struct feeder_list *fl = ctx;

	assert_true(fl->n < 32);
	snprintf(fl->ids[fl->n++], sizeof(fl->ids[0]), "%s", entity);
	return IV_OK;
}

/* The feeders of a record as one sorted, space-separated list, each once. */
static void feeders_of(struct iv_store *st, const char *entity, char *out, size_t n)
{
	struct feeder_list fl = {.n = 0};
	struct iv_buf err = IV_BUF_INIT;

	if (iv_resolve_feeders(st, entity, add_feeder, &fl, &err))
		fail_msg("feeders of %s: %s", entity, err.buf);
	qsort(fl.ids, fl.n, sizeof(fl.ids[0]), cmp_id);
	out[0] = '\0';
	for (size_t i = 0; i < fl.n; i++)
		if (i == 0 || strcmp(fl.ids[i], fl.ids[i - 1]) != 0)
			snprintf(out + strlen(out), n - strlen(out), "%s%s", *out ? " " : "",
			         fl.ids[i]);
	iv_buf_release(&err);
}

/*
 * What feeds fd-p and fd-q: fd-p holds a passport, owns an account,
 * operates a car and pays fd-q from fd-acc1 to fd-acc2; an associate names
 * both, and a second payment names fd-p as its project: they feed nothing.
 */
static void feeders_world(struct iv_store *st)
{
	put_entity(st, "fd-p", "Person", "name", "Soran Hawrami", NULL);
	put_entity(st, "fd-q", "Person", "name", "Dilan Aziz", NULL);
	put_entity(st, "fd-pass", "Passport", "number", "Z9988776", "country", "iq", NULL);
	put_ref(st, "fd-pass", "Passport", "holder", "fd-p");
	put_entity(st, "fd-user", "UserAccount", "username", "soran_h", "service", "telegram",
	           NULL);
	put_ref(st, "fd-user", "UserAccount", "owner", "fd-p");
	put_entity(st, "fd-car", "Vehicle", "registrationNumber", "AB12 CDE", NULL);
	put_ref(st, "fd-car", "Vehicle", "operator", "fd-p");
	put_entity(st, "fd-acc1", "BankAccount", "iban", "GB29 NWBK 6016 1331 9268 19", NULL);
	put_entity(st, "fd-acc2", "BankAccount", "iban", "DE89 3704 0044 0532 0130 00", NULL);
	put_entity(st, "fd-pay", "Payment", "amount", "500", NULL);
	put_ref(st, "fd-pay", "Payment", "payer", "fd-p");
	put_ref(st, "fd-pay", "Payment", "payerAccount", "fd-acc1");
	put_ref(st, "fd-pay", "Payment", "beneficiary", "fd-q");
	put_ref(st, "fd-pay", "Payment", "beneficiaryAccount", "fd-acc2");
	put_ref(st, "fd-assoc", "Associate", "person", "fd-p");
	put_ref(st, "fd-assoc", "Associate", "associate", "fd-q");
	/* a payment pointing at him by a property it does not feed by feeds nothing */
	put_ref(st, "fd-pay2", "Payment", "project", "fd-p");
}

/*
 * What feeds a person's record: a passport he holds, an account he owns, a
 * vehicle he operates, a payment naming him and its account on his side
 * (not the other party's); an associate naming him feeds nothing.
 */
static void test_feeders(void **state)
{
	struct fixture *f = *state;
	char got[512];

	feeders_world(f->st);
	feeders_of(f->st, "fd-p", got, sizeof(got));
	assert_string_equal(got, "fd-acc1 fd-car fd-pass fd-pay fd-user");
	feeders_of(f->st, "fd-q", got, sizeof(got));
	assert_string_equal(got, "fd-acc2 fd-pay");
	feeders_of(f->st, "fd-acc1", got, sizeof(got)); /* a bank account: nothing feeds it */
	assert_string_equal(got, "");
	feeders_of(f->st, "fd-pay", got, sizeof(got)); /* a payment: no resolved family */
	assert_string_equal(got, "");
	{
		struct feeder_list fl = {.n = 0};

		assert_int_equal(iv_resolve_feeders(f->st, "fd-nobody", add_feeder, &fl, NULL),
		                 IV_ERR_NOTFOUND);
	}
}

/*
 * A resolution stores with each record what fed it ("fed_by"), and that is
 * what its feeders are from then on: a passport given to the holder after
 * the run did not feed the stored record, until a run takes it in (the
 * earlier feeders kept).  A stored record that does not say (resolved
 * before records kept it) is answered from the references now, and an
 * incremental run that takes it up again does not make it say.
 */
static void test_feeders_stored(void **state)
{
	struct fixture *f = *state;
	struct iv_resolve_options o = {0};
	struct iv_resolve_report reports[IV_RESOLVE_NFAMILIES];
	char got[512], text[1024];

	feeders_world(f->st);
	batch(f->st, "Person", false, NULL);
	stored_record_text(f->st, "fd-p", text);
	assert_non_null(strstr(
	        text, "\"fed_by\":[\"fd-acc1\",\"fd-car\",\"fd-pass\",\"fd-pay\",\"fd-user\"]"));
	feeders_of(f->st, "fd-p", got, sizeof(got));
	assert_string_equal(got, "fd-acc1 fd-car fd-pass fd-pay fd-user");

	{
		struct iv_resolve_explanation *x = calloc(1, sizeof(*x));

		assert_non_null(x);
		explain_into(f->st, "fd-p", "fd-q", x);
		assert_true(x->fed_a.known && x->fed_b.known);
		assert_int_equal(x->fed_a.n, 5);
		assert_int_equal(x->fed_a.listed, 5);
		assert_memory_equal(x->fed_a.ids, "fd-acc1\0fd-car\0fd-pass\0fd-pay\0fd-user\0",
		                    38);
		assert_int_equal(x->fed_b.listed, 2);
		assert_memory_equal(x->fed_b.ids, "fd-acc2\0fd-pay\0", 15);
		free(x);
	}

	/* a passport after the run: not what the stored record came from, until a run */
	put_entity(f->st, "fd-pass2", "Passport", "number", "K5566778", "country", "iq", NULL);
	put_ref(f->st, "fd-pass2", "Passport", "holder", "fd-p");
	feeders_of(f->st, "fd-p", got, sizeof(got));
	assert_string_equal(got, "fd-acc1 fd-car fd-pass fd-pay fd-user");
	o.family = "Person";
	incremental(f->st, &o, reports);
	feeders_of(f->st, "fd-p", got, sizeof(got));
	assert_string_equal(got, "fd-acc1 fd-car fd-pass fd-pass2 fd-pay fd-user");

	/* a record that does not say: the references now, and it still does not say after a
	 * run takes it up again */
	begin_ok(f->st);
	assert_int_equal(iv_store_res_put_record(f->st, "fd-q", "Person",
	                                         "{\"schema\":\"Person\",\"values\":{\"name\":"
	                                         "[\"Dilan Aziz\"]},\"strong\":[]}",
	                                         NULL),
	                 IV_OK);
	commit_ok(f->st);
	feeders_of(f->st, "fd-q", got, sizeof(got));
	assert_string_equal(got, "fd-acc2 fd-pay");
	{
		struct iv_resolve_explanation *x = calloc(1, sizeof(*x));

		assert_non_null(x);
		explain_into(f->st, "fd-p", "fd-q", x);
		assert_true(x->fed_a.known);
		assert_false(x->fed_b.known); /* its stored record does not say */
		assert_int_equal(x->fed_b.n, 0);
		free(x);
	}
	put_entity(f->st, "fd-user2", "UserAccount", "username", "dilan_a", "service", "telegram",
	           NULL);
	put_ref(f->st, "fd-user2", "UserAccount", "owner", "fd-q");
	incremental(f->st, &o, reports);
	stored_record_text(f->st, "fd-q", text);
	assert_non_null(strstr(text, "dilan_a"));
	assert_null(strstr(text, "fed_by"));
	feeders_of(f->st, "fd-q", got, sizeof(got));
	assert_string_equal(got, "fd-acc2 fd-pay fd-user2");

	/* a damaged list says nothing: the references answer, and a run goes on */
	begin_ok(f->st);
	assert_int_equal(iv_store_res_put_record(f->st, "fd-p", "Person",
	                                         "{\"schema\":\"Person\",\"values\":{\"name\":"
	                                         "[\"Soran Hawrami\"]},\"strong\":[],"
	                                         "\"fed_by\":[1,\"fd-pass\"]}",
	                                         NULL),
	                 IV_OK);
	commit_ok(f->st);
	feeders_of(f->st, "fd-p", got, sizeof(got));
	assert_string_equal(got, "fd-acc1 fd-car fd-pass fd-pass2 fd-pay fd-user");
	put_entity(f->st, "fd-user3", "UserAccount", "username", "soran_h2", "service", "signal",
	           NULL);
	put_ref(f->st, "fd-user3", "UserAccount", "owner", "fd-p");
	incremental(f->st, &o, reports);
	stored_record_text(f->st, "fd-p", text);
	assert_non_null(strstr(text, "soran_h2"));
	assert_null(strstr(text, "fed_by"));
}

static void test_canonical_id(void **state)
{
	char a[24], b[24], c[24];

	memset(a, 'x', sizeof(a));
	iv_resolve_canonical_id("p-hassan-ar", a);
	iv_resolve_canonical_id("p-hassan-ar", b);
	iv_resolve_canonical_id("p-hassan-en", c);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_int_equal(strlen(a), 18);
	assert_memory_equal(a, "c-", 2);
	for (int i = 2; i < 18; i++)
		assert_non_null(strchr("0123456789abcdef", a[i]));
	iv_resolve_canonical_id("", c);
	assert_int_equal(strlen(c), 18);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_cross_script_triple, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_passports_link_and_veto, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_documents_fixed_facts, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_documents_from_zone, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_review_calibrated, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_accounts_one_per_service, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_strong_denied, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_reused_number_not_bridged, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_status_scopes_nothing, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_bank_accounts_same_iban, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_payment_accounts, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_identifier_writings, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_identifier_readings, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_address_frequency, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_address_blocks_nothing, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_holding_counts, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_reresolved_counted_once, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_feeders, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_feeders_stored, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_bank_accounts_iban_veto, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_explain_identifier_as_written, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_rerun_clears_own_family_only, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_batch_save_fails_keeps_earlier, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_judge_different_splits, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_judge_same_joins_and_later_overrides, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_judge_contradiction, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_judge_errors, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_withdraw_same_gives_engine_back, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_withdraw_restores_earlier, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_withdraw_nothing, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_withdraw_contradiction, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_unmerge, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_unmerge_undo_pair, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_unmerge_undo_three, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_unmerge_undo_by_withdrawing, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_incremental_matches_batch, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_incremental_before_batch, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_incremental_refits_old_model, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_bridging_record, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_bridging_incremental_matches_batch, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_explain, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_review_order, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_review_by_entities, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_review_as_shown, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_review_shown_brute, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_review_alloc_failure, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_judge_alloc_failure, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_batch_alloc_failure, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_incremental_alloc_failure, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_judge_text, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_bad_names, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_batch_options, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_block_names_meet, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_small_block_names_meet, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_small_block_number_no_meet, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_incremental_big_block, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_incremental_threads, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_incremental_same_reaches_out, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_budget_ranks_evidence, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_budget_ranks_birth_date, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_budget_either_keeps, setup, teardown),
	        cmocka_unit_test(test_canonical_id),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
