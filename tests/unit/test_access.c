/*
 * test_access.c - access control (lib/access): roles and permissions;
 * the visibility filter over the whole matrix of organisation kind,
 * clearance, classification, compartment, handling code, releasability,
 * UK EYES ONLY and originator control; the export rule; organisations,
 * users, grants and consents with their refusals; logins, lockout,
 * sessions and their expiry, the lockout under concurrent logins; the
 * audit chain clean and after each kind of tampering, its key (a cut tail
 * with a re-pointed anchor, a missing or wrong key file, a trail from
 * before the key, INVIGOR_AUDIT_KEY); audit queries; allocation failure.  Database files go
 * to $IV_TEST_TMP (or /tmp).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cmocka.h>
#include <jansson.h>
#include <sqlite3.h>

#include "access/access_int.h"
#include "iv/access.h"
#include "iv/schema.h"
#include "store_helpers.h"

#include "iv/util.h"

#define NOW 1700000000

/* ---- helpers ------------------------------------------------------------------------------ */

static int setup(void **state)
{
	return fixture_open(state, "test_access");
}

static struct iv_store *store_of(void **state)
{
	return ((struct fixture *)*state)->st;
}

static const char *path_of(void **state)
{
	return ((struct fixture *)*state)->path;
}

/* Run SQL on the database file behind the store's back. */
static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	char *msg = NULL;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(db);
}

/* One integer answer from the database file. */
static long long raw_int(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	long long v;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return v;
}

static void org_ok(struct iv_store *st, const char *name, enum iv_org_kind kind,
                   const char *country)
{
	struct iv_org org = {name, kind, country};
	struct iv_buf err = IV_BUF_INIT;

	if (iv_access_org_add(st, &org, &err))
		fail_msg("org add %s: %s", name, err.buf);
	iv_buf_release(&err);
}

static void user_ok(struct iv_store *st, const char *name, const char *org, enum iv_role role,
                    enum iv_classification clearance, const char *password)
{
	struct iv_user u = {name, org, role, clearance, false};
	struct iv_buf err = IV_BUF_INIT;

	if (iv_access_user_add(st, &u, password, &err))
		fail_msg("user add %s: %s", name, err.buf);
	iv_buf_release(&err);
}

static enum iv_err user_add(struct iv_store *st, const char *name, const char *org,
                            enum iv_role role, const char *password, struct iv_buf *err)
{
	struct iv_user u = {name, org, role, IV_CLASS_SECRET, false};

	iv_buf_reset(err);
	return iv_access_user_add(st, &u, password, err);
}

/* The usual cast: a UK agency, a French partner, a Dutch partner, and users of each. */
static void seed(struct iv_store *st)
{
	org_ok(st, "NCA", IV_ORG_UK, "GB");
	org_ok(st, "Police Nationale", IV_ORG_PARTNER, "FR");
	org_ok(st, "Politie", IV_ORG_PARTNER, "nl");
	user_ok(st, "alice", "NCA", IV_ROLE_ANALYST, IV_CLASS_SECRET, "alice-password");
	user_ok(st, "pierre", "Police Nationale", IV_ROLE_PARTNER_LIAISON, IV_CLASS_OFFICIAL,
	        "pierre-password");
}

/* ---- roles ----------------------------------------------------------------------------------- */

static void test_roles(void **state)
{
	static const struct {
		const char *name;
		enum iv_role role;
		unsigned perms;
	} want[] = {
	        {"analyst", IV_ROLE_ANALYST,
	         IV_PERM_READ | IV_PERM_INGEST | IV_PERM_JUDGE | IV_PERM_EXPORT},
	        {"investigator", IV_ROLE_INVESTIGATOR,
	         IV_PERM_READ | IV_PERM_INGEST | IV_PERM_JUDGE | IV_PERM_EXPORT},
	        {"prosecutor", IV_ROLE_PROSECUTOR, IV_PERM_READ | IV_PERM_EXPORT},
	        {"partner_liaison", IV_ROLE_PARTNER_LIAISON, IV_PERM_READ},
	        {"auditor", IV_ROLE_AUDITOR, IV_PERM_AUDIT},
	        {"admin", IV_ROLE_ADMIN, IV_PERM_ADMIN | IV_PERM_READ},
	};
	struct iv_viewer v, local;
	enum iv_role r;

	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_string_equal(iv_role_name(want[i].role), want[i].name);
		assert_true(iv_role_parse(want[i].name, &r));
		assert_int_equal(r, want[i].role);
		assert_int_equal(iv_role_permissions(want[i].role), want[i].perms);
	}
	assert_true(iv_role_parse("partner-liaison", &r));
	assert_int_equal(r, IV_ROLE_PARTNER_LIAISON);
	assert_false(iv_role_parse("Admin", &r));
	assert_false(iv_role_parse("root", &r));
	assert_false(iv_role_parse("", &r));
	assert_false(iv_role_parse(NULL, &r));
	assert_int_equal(iv_role_permissions((enum iv_role)42), 0);
	assert_string_equal(iv_role_name((enum iv_role)42), "unknown");

	memset(&v, 0, sizeof(v));
	v.role = IV_ROLE_AUDITOR;
	assert_true(iv_access_allowed(&v, IV_PERM_AUDIT));
	assert_false(iv_access_allowed(&v, IV_PERM_READ));
	assert_false(iv_access_allowed(&v, IV_PERM_AUDIT | IV_PERM_READ));
	v.role = IV_ROLE_PROSECUTOR;
	assert_true(iv_access_allowed(&v, IV_PERM_READ | IV_PERM_EXPORT));
	assert_false(iv_access_allowed(&v, IV_PERM_INGEST));
	assert_false(iv_access_allowed(NULL, IV_PERM_READ));
	iv_viewer_local(&local);
	assert_true(iv_access_allowed(&local, IV_PERM_AUDIT | IV_PERM_ADMIN | IV_PERM_INGEST));
	iv_viewer_release(&local);
}

/* ---- the filter -------------------------------------------------------------------------------
 */

/* A viewer built by hand (no store), with static lists. */
static char op_a[] = "OP-A", op_c[] = "OP-C", europol[] = "Europol", hmrc[] = "HMRC";
static char *uk_compartments[] = {op_a, op_c};
static char *consenting[] = {europol, hmrc};
static char alice[] = "alice", pierre[] = "pierre", nca[] = "NCA",
            police_nationale[] = "Police Nationale";

static void viewer(struct iv_viewer *v, bool partner, enum iv_classification clearance)
{
	memset(v, 0, sizeof(*v));
	v->user = partner ? pierre : alice;
	v->org = partner ? police_nationale : nca;
	v->org_kind = partner ? IV_ORG_PARTNER : IV_ORG_UK;
	memcpy(v->country, partner ? "FR" : "GB", 3);
	v->role = partner ? IV_ROLE_PARTNER_LIAISON : IV_ROLE_ANALYST;
	v->clearance = clearance;
	v->compartments = uk_compartments;
	v->ncompartments = 2;
	v->consenting = consenting;
	v->nconsenting = 2;
}

static void envelope(struct iv_handling *h)
{
	iv_handling_default(h);
	h->source_grade = '2';
	h->assessment = 'B';
}

/* The matrix's dimensions beyond kind and clearance. */
static const char *const compartments[] = {"", "OP-A", "OP-B"}; /* none, granted, not granted */
static const char *const releasability[] = {
        "",                    /* UK agencies only */
        " police nationale ",  /* by organisation, any case, blanks trimmed */
        "DE, fr",              /* by country, in a list */
        "Politie, NL, DE",     /* someone else */
        "Police Nationale SA", /* a longer name is not the name */
};
static const bool released_to_partner[] = {false, true, true, false, false};
enum orcon_case {
	ORCON_NONE,
	ORCON_CONSENTED,    /* descriptor ORCON, originator consented to the viewer's org */
	ORCON_REFUSED,      /* descriptor ORCON, no consent */
	ORCON_OWN,          /* H2, originated by the viewer's own organisation */
	ORCON_H2_REFUSED,   /* Europol H2, no consent */
	ORCON_NO_ORIGINATOR /* ORCON without an originator: nobody could consent */
};

#define NRELEASABILITY (sizeof(releasability) / sizeof(releasability[0]))

/* One point of the matrix: every dimension decoded from its number. */
struct matrix_point {
	int partner, clearance, cls, code, ukeo, orcon;
	size_t comp, rel;
};

static struct matrix_point matrix_point(unsigned i)
{
	struct matrix_point m;

	m.partner = (int)(i % 2), i /= 2;
	m.clearance = (int)(i % 4), i /= 4;
	m.cls = (int)(i % 4), i /= 4;
	m.comp = i % 3, i /= 3;
	m.code = (int)(i % 2), i /= 2;
	m.rel = i % NRELEASABILITY, i /= NRELEASABILITY;
	m.ukeo = (int)(i % 2), i /= 2;
	m.orcon = (int)(i % (ORCON_NO_ORIGINATOR + 1));
	return m;
}

/* The envelope of a point of the matrix (descriptor in the caller's buffer). */
static void matrix_envelope(const struct matrix_point *m, struct iv_handling *h,
                            char descriptor[64])
{
	envelope(h);
	h->classification = (enum iv_classification)m->cls;
	h->compartment = compartments[m->comp];
	h->code = m->code ? 'C' : 'P';
	h->conditions = m->code ? "for the investigation only" : "";
	h->releasable_to = releasability[m->rel];
	h->originator = "Border Force";
	descriptor[0] = '\0';
	if (m->ukeo)
		iv_strlcpy(descriptor, "LOCSEN, uk eyes only", 64);
	switch (m->orcon) {
	case ORCON_CONSENTED:
		strncat(descriptor, " ORCON", 63 - strlen(descriptor));
		h->originator = "europol";
		break;
	case ORCON_REFUSED:
		strncat(descriptor, "/orcon", 63 - strlen(descriptor));
		h->originator = "Interpol";
		break;
	case ORCON_OWN:
		h->europol_code = "H2";
		h->originator = m->partner ? "POLICE NATIONALE" : "nca";
		break;
	case ORCON_H2_REFUSED:
		h->europol_code = "h2";
		h->originator = "Interpol";
		break;
	case ORCON_NO_ORIGINATOR:
		strncat(descriptor, " ORCON", 63 - strlen(descriptor));
		h->originator = "";
		break;
	}
	h->descriptor = descriptor;
}

/* The rules, as access.h states them, for a point of the matrix. */
static bool matrix_expected(const struct matrix_point *m)
{
	bool want = m->cls <= m->clearance && m->comp != 2;

	if (m->partner)
		want = want && !m->ukeo && (!m->code || released_to_partner[m->rel]);
	return want &&
	       (m->orcon == ORCON_NONE || m->orcon == ORCON_CONSENTED || m->orcon == ORCON_OWN);
}

static void test_filter_matrix(void **state)
{
	const unsigned points = 2 * 4 * 4 * 3 * 2 * NRELEASABILITY * 2 * (ORCON_NO_ORIGINATOR + 1);
	unsigned visible = 0;

	(void)state;
	for (unsigned i = 0; i < points; i++) {
		struct matrix_point m = matrix_point(i);
		struct iv_viewer v;
		struct iv_handling h;
		char descriptor[64];
		bool want = matrix_expected(&m);

		viewer(&v, m.partner, (enum iv_classification)m.clearance);
		matrix_envelope(&m, &h, descriptor);
		if (iv_access_visible(&v, &h) != want)
			fail_msg("partner %d clearance %d class %d compartment '%s' code %c "
			         "releasable '%s' descriptor '%s' originator '%s' europol '%s': "
			         "expected %s",
			         m.partner, m.clearance, m.cls, h.compartment, h.code,
			         h.releasable_to, h.descriptor, h.originator, h.europol_code,
			         want ? "visible" : "hidden");
		visible += want;
		/* the local operator sees everything */
		v.local = true;
		assert_true(iv_access_visible(&v, &h));
	}
	assert_int_equal(points, 11520);
	assert_true(visible > 100 && visible < points / 2);
}

static void test_filter_cases(void **state)
{
	struct iv_viewer uk, fr;
	struct iv_handling h;

	(void)state;
	viewer(&uk, false, IV_CLASS_SECRET);
	viewer(&fr, true, IV_CLASS_TOP_SECRET);

	/* classification order OFFICIAL < OFFICIAL-SENSITIVE < SECRET < TOP SECRET */
	envelope(&h);
	h.classification = IV_CLASS_TOP_SECRET;
	assert_false(iv_access_visible(&uk, &h));
	assert_true(iv_access_visible(&fr, &h));
	h.classification = (enum iv_classification)7; /* not a marking: hidden */
	assert_false(iv_access_visible(&fr, &h));

	/* handling C with no releasability: UK agencies only */
	envelope(&h);
	h.code = 'C';
	h.conditions = "UK only";
	assert_true(iv_access_visible(&uk, &h));
	assert_false(iv_access_visible(&fr, &h));
	h.releasable_to = "FR";
	assert_true(iv_access_visible(&fr, &h));
	h.releasable_to = "FRA"; /* not the alpha-2 code */
	assert_false(iv_access_visible(&fr, &h));
	h.releasable_to = ",, ,FR,";
	assert_true(iv_access_visible(&fr, &h));
	/* an unknown handling code reaches nobody */
	envelope(&h);
	h.code = 'X';
	assert_false(iv_access_visible(&uk, &h));

	/* caveats as words, not substrings */
	envelope(&h);
	h.descriptor = "UK-EYES-ONLY";
	assert_false(iv_access_visible(&fr, &h));
	assert_true(iv_access_visible(&uk, &h));
	h.descriptor = "UK EYES ONLYX";
	assert_true(iv_access_visible(&fr, &h));
	h.descriptor = "UK  EYES\tONLY";
	assert_false(iv_access_visible(&fr, &h));
	/* however the separators were typed: no-break space, en dash, zero-width space, NNBSP */
	static const char *const typed[] = {"UK\xc2\xa0"
	                                    "EYES\xc2\xa0ONLY",
	                                    "UK\xe2\x80\x93"
	                                    "EYES\xe2\x80\x93ONLY",
	                                    "UK\xe2\x80\x8b"
	                                    "EYES\xe2\x80\x8bONLY",
	                                    "uk\xe2\x80\xaf"
	                                    "eyes\xe2\x80\xafonly",
	                                    "LOCSEN,\xc2\xa0UK EYES ONLY"};
	for (size_t i = 0; i < sizeof(typed) / sizeof(typed[0]); i++) {
		h.descriptor = typed[i];
		assert_false(iv_access_visible(&fr, &h));
		assert_true(iv_access_visible(&uk, &h));
	}
	/* letters of other scripts still make words: no caveat is found inside them */
	h.descriptor = "\xd8\xb9UK EYES ONLY"; /* Arabic letter ain glued to UK */
	assert_true(iv_access_visible(&fr, &h));
	h.descriptor = "ORCONS";
	h.originator = "Interpol";
	assert_true(iv_access_visible(&uk, &h));
	h.descriptor = "PERSONAL;ORCON";
	assert_false(iv_access_visible(&uk, &h));
	h.descriptor = "LOCSEN,\xc2\xa0ORCON";
	assert_false(iv_access_visible(&uk, &h));
	h.descriptor = "PERSONAL;ORCON";
	h.originator = "HMRC"; /* consented to the viewer's org */
	assert_true(iv_access_visible(&uk, &h));

	/* a compartment is matched exactly */
	envelope(&h);
	h.compartment = "op-a";
	assert_false(iv_access_visible(&uk, &h));
	h.compartment = "OP-C";
	assert_true(iv_access_visible(&uk, &h));
	uk.ncompartments = 0;
	assert_false(iv_access_visible(&uk, &h));
	assert_false(iv_access_visible(NULL, &h));
	assert_false(iv_access_visible(&uk, NULL));
}

static void test_exportable(void **state)
{
	struct iv_viewer uk, fr, local;
	struct iv_handling h;

	(void)state;
	viewer(&uk, false, IV_CLASS_SECRET);
	viewer(&fr, true, IV_CLASS_SECRET);
	iv_viewer_local(&local);

	envelope(&h);
	assert_true(iv_access_exportable(&uk, &h));
	assert_true(iv_access_exportable(&fr, &h));

	/* TLP:RED stays with its originator's organisation */
	h.tlp = "RED";
	h.originator = "NCA";
	assert_true(iv_access_exportable(&uk, &h));
	assert_false(iv_access_exportable(&fr, &h));
	assert_true(iv_access_visible(&fr, &h)); /* seen, not exported */
	h.originator = "HMRC";
	assert_false(iv_access_exportable(&uk, &h)); /* consent is not enough for RED */
	h.tlp = "TLP:RED";
	h.originator = "";
	assert_false(iv_access_exportable(&uk, &h));
	assert_true(iv_access_exportable(&local, &h));

	/* partners: H2, H3 and AMBER+STRICT need the originator's consent */
	envelope(&h);
	h.europol_code = "H3";
	h.originator = "Interpol";
	assert_true(iv_access_exportable(&uk, &h));
	assert_true(iv_access_visible(&fr, &h));
	assert_false(iv_access_exportable(&fr, &h));
	h.originator = "Europol";
	assert_true(iv_access_exportable(&fr, &h));
	h.originator = "Police Nationale";
	assert_true(iv_access_exportable(&fr, &h));
	envelope(&h);
	h.tlp = "AMBER+STRICT";
	h.originator = "Interpol";
	assert_true(iv_access_exportable(&uk, &h));
	assert_false(iv_access_exportable(&fr, &h));
	h.tlp = "AMBER";
	assert_true(iv_access_exportable(&fr, &h));
	envelope(&h);
	h.europol_code = "H2";
	h.originator = "Interpol";
	assert_false(iv_access_exportable(&uk, &h)); /* not even visible */
	h.originator = "Europol";
	assert_true(iv_access_exportable(&fr, &h));

	/* never exportable what is not visible */
	envelope(&h);
	h.classification = IV_CLASS_TOP_SECRET;
	assert_false(iv_access_exportable(&uk, &h));
	iv_viewer_release(&local);
}

static void test_viewer_local(void **state)
{
	struct iv_viewer v;
	struct iv_handling h;

	(void)state;
	iv_viewer_local(&v);
	assert_true(v.local);
	assert_int_equal(v.clearance, IV_CLASS_TOP_SECRET);
	assert_non_null(v.user);
	envelope(&h);
	h.classification = IV_CLASS_TOP_SECRET;
	h.compartment = "ANYTHING";
	h.descriptor = "UK EYES ONLY ORCON";
	h.code = 'C';
	h.conditions = "x";
	assert_true(iv_access_visible(&v, &h));
	assert_true(iv_access_exportable(&v, &h));
	iv_viewer_release(&v);
	assert_null(v.user);
	iv_viewer_release(&v); /* twice is harmless */
	iv_viewer_release(NULL);
}

/* ---- organisations, users, grants, consents ---------------------------------------------- */

struct names {
	size_t n;
	char items[16][128];
};

static enum iv_err name_fn(void *ctx, const char *name)
{
	struct names *l = ctx;

	assert_true(l->n < 16);
	iv_strlcpy(l->items[l->n++], name, sizeof(l->items[0]));
	return IV_OK;
}

static enum iv_err org_fn(void *ctx, const struct iv_org *org)
{
	char line[160];

	snprintf(line, sizeof(line), "%s/%s/%s", org->name,
	         org->kind == IV_ORG_UK ? "uk" : "partner", org->country);
	return name_fn(ctx, line);
}

static enum iv_err user_fn(void *ctx, const struct iv_user *u)
{
	char line[160];

	snprintf(line, sizeof(line), "%s/%s/%s/%s%s", u->name, u->org, iv_role_name(u->role),
	         iv_classification_name(u->clearance), u->disabled ? "/disabled" : "");
	return name_fn(ctx, line);
}

static void test_orgs(void **state)
{
	struct iv_store *st = store_of(state);
	struct iv_buf err = IV_BUF_INIT;
	struct names l = {0};
	static const struct {
		struct iv_org org;
		enum iv_err rc;
	} bad[] = {
	        {{"", IV_ORG_UK, "GB"}, IV_ERR_INVALID},
	        {{NULL, IV_ORG_UK, "GB"}, IV_ERR_INVALID},
	        {{"NCA, HMRC", IV_ORG_UK, "GB"}, IV_ERR_INVALID}, /* a comma */
	        {{" NCA", IV_ORG_UK, "GB"}, IV_ERR_INVALID},      /* a leading blank */
	        {{"NCA\n", IV_ORG_UK, "GB"}, IV_ERR_INVALID},     /* a control character */
	        {{"Police;", IV_ORG_PARTNER, "FR"}, IV_ERR_INVALID},
	        {{"Garda", (enum iv_org_kind)5, "IE"}, IV_ERR_INVALID},
	        {{"Garda", IV_ORG_PARTNER, "XX"}, IV_ERR_INVALID}, /* not a country */
	        {{"Garda", IV_ORG_PARTNER, "IRL"}, IV_ERR_INVALID},
	        {{"Garda", IV_ORG_PARTNER, ""}, IV_ERR_INVALID},
	        {{"Garda", IV_ORG_PARTNER, "GB"}, IV_ERR_INVALID}, /* a partner is abroad */
	        {{"HMRC", IV_ORG_UK, "FR"}, IV_ERR_INVALID},       /* a UK agency is GB */
	        {{"nca", IV_ORG_UK, "GB"}, IV_ERR_EXISTS},         /* taken, whatever the case */
	};
	char long_name[120];

	org_ok(st, "NCA", IV_ORG_UK, "GB");
	org_ok(st, "HMRC", IV_ORG_UK, NULL); /* GB by default */
	org_ok(st, "Guardia Civil (ES) & Co. 'Mar'", IV_ORG_PARTNER, "es");
	org_ok(st, "Polícia Judiciária", IV_ORG_PARTNER, "PT");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		iv_buf_reset(&err);
		if (iv_access_org_add(st, &bad[i].org, &err) != bad[i].rc)
			fail_msg("org '%s' (%s): expected %s, got '%s'",
			         bad[i].org.name ? bad[i].org.name : "(null)", bad[i].org.country,
			         iv_err_name(bad[i].rc), err.buf);
	}
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	struct iv_org too_long = {long_name, IV_ORG_UK, "GB"};
	assert_int_equal(iv_access_org_add(st, &too_long, &err), IV_ERR_INVALID);
	assert_int_equal(iv_access_org_add(st, NULL, &err), IV_ERR_INVALID);

	assert_int_equal(iv_access_org_each(st, org_fn, &l, &err), IV_OK);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.items[0], "Guardia Civil (ES) & Co. 'Mar'/partner/ES");
	assert_string_equal(l.items[1], "HMRC/uk/GB");
	assert_string_equal(l.items[2], "NCA/uk/GB");
	assert_string_equal(l.items[3], "Polícia Judiciária/partner/PT");
	iv_buf_release(&err);
}

static void test_users(void **state)
{
	struct iv_store *st = store_of(state);
	struct iv_buf err = IV_BUF_INIT;
	struct names l = {0};
	struct iv_user bad_role = {"zed", "NCA", (enum iv_role)9, IV_CLASS_SECRET, false};
	struct iv_user bad_clearance = {"zed", "NCA", IV_ROLE_ANALYST, (enum iv_classification)9,
	                                false};
	char long_password[IV_ACCESS_PASSWORD_MAX + 2];

	seed(st);
	/* names */
	assert_int_equal(user_add(st, "", "NCA", IV_ROLE_ANALYST, "password1", &err),
	                 IV_ERR_INVALID);
	assert_int_equal(user_add(st, NULL, "NCA", IV_ROLE_ANALYST, "password1", &err),
	                 IV_ERR_INVALID);
	assert_int_equal(user_add(st, "bob smith", "NCA", IV_ROLE_ANALYST, "password1", &err),
	                 IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "not a user name"));
	assert_int_equal(user_add(st, "bob/x", "NCA", IV_ROLE_ANALYST, "password1", &err),
	                 IV_ERR_INVALID);
	assert_int_equal(user_add(st,
	                          "a234567890123456789012345678901234567890123456789012345678901"
	                          "2345",
	                          "NCA", IV_ROLE_ANALYST, "password1", &err),
	                 IV_ERR_INVALID);
	/* organisations and roles */
	assert_int_equal(user_add(st, "bob", "SOCA", IV_ROLE_ANALYST, "password1", &err),
	                 IV_ERR_NOTFOUND);
	assert_non_null(strstr(err.buf, "SOCA"));
	assert_int_equal(
	        user_add(st, "bob", "Police Nationale", IV_ROLE_ANALYST, "password1", &err),
	        IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "partner"));
	assert_int_equal(user_add(st, "bob", "Police Nationale", IV_ROLE_ADMIN, "password1", &err),
	                 IV_ERR_INVALID);
	assert_int_equal(user_add(st, "bob", "NCA", IV_ROLE_PARTNER_LIAISON, "password1", &err),
	                 IV_ERR_INVALID);
	assert_int_equal(iv_access_user_add(st, &bad_role, "password1", &err), IV_ERR_INVALID);
	assert_int_equal(iv_access_user_add(st, &bad_clearance, "password1", &err), IV_ERR_INVALID);
	assert_int_equal(iv_access_user_add(st, NULL, "password1", &err), IV_ERR_INVALID);
	/* passwords */
	assert_int_equal(user_add(st, "bob", "NCA", IV_ROLE_ANALYST, "short", &err),
	                 IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "at least 8"));
	assert_int_equal(user_add(st, "bob", "NCA", IV_ROLE_ANALYST, "", &err), IV_ERR_INVALID);
	assert_int_equal(user_add(st, "bob", "NCA", IV_ROLE_ANALYST, NULL, &err), IV_ERR_INVALID);
	memset(long_password, 'p', sizeof(long_password) - 1);
	long_password[sizeof(long_password) - 1] = '\0';
	assert_int_equal(user_add(st, "bob", "NCA", IV_ROLE_ANALYST, long_password, &err),
	                 IV_ERR_INVALID);
	/* duplicates, whatever the case */
	assert_int_equal(user_add(st, "ALICE", "NCA", IV_ROLE_ANALYST, "password1", &err),
	                 IV_ERR_EXISTS);
	/* nothing of the refused adds is there */
	assert_int_equal(raw_int(path_of(state), "SELECT count(*) FROM users"), 2);

	user_ok(st, "bob.smith-2_x", "nca", IV_ROLE_AUDITOR, IV_CLASS_OFFICIAL, "bob-password");
	assert_int_equal(iv_access_user_each(st, user_fn, &l, &err), IV_OK);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.items[0], "alice/NCA/analyst/SECRET");
	assert_string_equal(l.items[1], "bob.smith-2_x/NCA/auditor/OFFICIAL");
	assert_string_equal(l.items[2], "pierre/Police Nationale/partner_liaison/OFFICIAL");

	/* the password is stored as argon2id, never as itself */
	assert_int_equal(raw_int(path_of(state), "SELECT count(*) FROM users WHERE password_hash"
	                                         " LIKE '$argon2id$%' AND password_hash NOT LIKE"
	                                         " '%alice-password%'"),
	                 3);

	/* disable, enable, passwords of unknown users */
	assert_int_equal(iv_access_user_disable(st, "bob.smith-2_x", true, &err), IV_OK);
	assert_int_equal(iv_access_user_disable(st, "nobody", true, &err), IV_ERR_NOTFOUND);
	assert_int_equal(iv_access_user_disable(st, "no body", true, &err), IV_ERR_NOTFOUND);
	assert_int_equal(iv_access_user_password(st, "nobody", "password1", &err), IV_ERR_NOTFOUND);
	assert_int_equal(iv_access_user_password(st, "alice", "short", &err), IV_ERR_INVALID);
	l.n = 0;
	assert_int_equal(iv_access_user_each(st, user_fn, &l, &err), IV_OK);
	assert_string_equal(l.items[1], "bob.smith-2_x/NCA/auditor/OFFICIAL/disabled");
	iv_buf_release(&err);
}

static enum iv_err consent_fn(void *ctx, const char *originator, const char *org, int64_t at)
{
	char line[260];

	assert_true(at > 0);
	snprintf(line, sizeof(line), "%s>%s", originator, org);
	return name_fn(ctx, line);
}

static void test_grants_consents_viewer(void **state)
{
	struct iv_store *st = store_of(state);
	struct iv_buf err = IV_BUF_INIT;
	struct iv_viewer v;
	struct names l = {0};

	seed(st);
	assert_int_equal(iv_access_user_grant(st, "alice", "OP-KESTREL", &err), IV_OK);
	assert_int_equal(iv_access_user_grant(st, "alice", "OP-ALBATROSS", &err), IV_OK);
	assert_int_equal(iv_access_user_grant(st, "alice", "op-kestrel", &err), IV_OK);
	assert_int_equal(iv_access_user_grant(st, "alice", "OP-KESTREL", &err), IV_ERR_EXISTS);
	assert_int_equal(iv_access_user_grant(st, "nobody", "OP-KESTREL", &err), IV_ERR_NOTFOUND);
	assert_int_equal(iv_access_user_grant(st, "alice", "OP-A,OP-B", &err), IV_ERR_INVALID);
	assert_int_equal(iv_access_user_grant(st, "alice", "", &err), IV_ERR_INVALID);
	assert_int_equal(iv_access_user_grant(st, "alice", NULL, &err), IV_ERR_INVALID);
	assert_int_equal(iv_access_user_revoke(st, "alice", "op-kestrel", &err), IV_OK);
	assert_int_equal(iv_access_user_revoke(st, "alice", "op-kestrel", &err), IV_ERR_NOTFOUND);
	assert_int_equal(iv_access_grant_each(st, "alice", name_fn, &l, &err), IV_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[0], "OP-ALBATROSS");
	assert_int_equal(iv_access_grant_each(st, "nobody", name_fn, &l, &err), IV_ERR_NOTFOUND);

	assert_int_equal(iv_access_consent(st, "Europol", "Police Nationale", true, &err), IV_OK);
	assert_int_equal(iv_access_consent(st, "Border Force", "police nationale", true, &err),
	                 IV_OK);
	assert_int_equal(iv_access_consent(st, "europol", "Police Nationale", true, &err),
	                 IV_ERR_EXISTS);
	assert_int_equal(iv_access_consent(st, "Europol", "Garda", true, &err), IV_ERR_NOTFOUND);
	assert_int_equal(iv_access_consent(st, "Euro,pol", "NCA", true, &err), IV_ERR_INVALID);
	assert_int_equal(iv_access_consent(st, "Interpol", "NCA", false, &err), IV_ERR_NOTFOUND);
	assert_int_equal(iv_access_consent(st, "Interpol", "NCA", true, &err), IV_OK);
	assert_int_equal(iv_access_consent(st, "Interpol", "NCA", false, &err), IV_OK);
	l.n = 0;
	assert_int_equal(iv_access_consent_each(st, NULL, consent_fn, &l, &err), IV_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[0], "Border Force>Police Nationale");
	assert_string_equal(l.items[1], "Europol>Police Nationale");

	/* the viewers */
	assert_int_equal(iv_viewer_load(st, "alice", &v, &err), IV_OK);
	assert_string_equal(v.user, "alice");
	assert_string_equal(v.org, "NCA");
	assert_int_equal(v.org_kind, IV_ORG_UK);
	assert_string_equal(v.country, "GB");
	assert_int_equal(v.role, IV_ROLE_ANALYST);
	assert_int_equal(v.clearance, IV_CLASS_SECRET);
	assert_int_equal(v.ncompartments, 2);
	assert_string_equal(v.compartments[0], "OP-ALBATROSS");
	assert_string_equal(v.compartments[1], "OP-KESTREL");
	assert_int_equal(v.nconsenting, 0);
	assert_false(v.local);
	iv_viewer_release(&v);

	assert_int_equal(iv_viewer_load(st, "Pierre", &v, &err), IV_OK);
	assert_string_equal(v.user, "pierre");
	assert_int_equal(v.org_kind, IV_ORG_PARTNER);
	assert_string_equal(v.country, "FR");
	assert_int_equal(v.ncompartments, 0);
	assert_int_equal(v.nconsenting, 2);
	assert_string_equal(v.consenting[0], "Border Force");
	assert_string_equal(v.consenting[1], "Europol");
	{
		struct iv_handling h;

		envelope(&h);
		h.descriptor = "ORCON";
		h.originator = "EUROPOL";
		assert_true(iv_access_visible(&v, &h));
		h.originator = "Interpol";
		assert_false(iv_access_visible(&v, &h));
	}
	iv_viewer_release(&v);

	assert_int_equal(iv_viewer_load(st, "nobody", &v, &err), IV_ERR_NOTFOUND);
	assert_null(v.user);
	assert_int_equal(iv_viewer_load(st, "a b", &v, &err), IV_ERR_NOTFOUND);
	assert_int_equal(iv_access_user_disable(st, "alice", true, &err), IV_OK);
	assert_int_equal(iv_viewer_load(st, "alice", &v, &err), IV_ERR_DENIED);
	assert_null(v.user);
	assert_int_equal(iv_access_user_disable(st, "alice", false, &err), IV_OK);
	assert_int_equal(iv_viewer_load(st, "alice", &v, &err), IV_OK);
	iv_viewer_release(&v);
	iv_buf_release(&err);
}

/* A change inside the caller's transaction: undone alone when it fails, kept on commit. */
static void test_inside_transaction(void **state)
{
	struct iv_store *st = store_of(state);
	struct iv_buf err = IV_BUF_INIT;

	seed(st);
	begin_ok(st);
	assert_int_equal(iv_access_user_grant(st, "alice", "OP-1", &err), IV_OK);
	assert_int_equal(iv_access_user_grant(st, "alice", "OP-1", &err), IV_ERR_EXISTS);
	assert_int_equal(iv_access_user_grant(st, "alice", "OP-2", &err), IV_OK);
	commit_ok(st);
	assert_int_equal(raw_int(path_of(state), "SELECT count(*) FROM grants"), 2);
	begin_ok(st);
	assert_int_equal(iv_access_user_grant(st, "alice", "OP-3", &err), IV_OK);
	iv_store_rollback(st);
	assert_int_equal(raw_int(path_of(state), "SELECT count(*) FROM grants"), 2);
	iv_buf_release(&err);
}

/* ---- logins and sessions ------------------------------------------------------------------ */

static enum iv_err login(struct iv_store *st, const char *user, const char *password, int64_t now,
                         char token[IV_ACCESS_TOKEN_HEX], struct iv_buf *err)
{
	iv_buf_reset(err);
	return iv_access_login(st, user, password, now, 3600, token, err);
}

static void test_login(void **state)
{
	struct iv_store *st = store_of(state);
	struct iv_buf err = IV_BUF_INIT, user = IV_BUF_INIT;
	char token[IV_ACCESS_TOKEN_HEX], other[IV_ACCESS_TOKEN_HEX], denied[200];
	int64_t expires = 0;

	seed(st);
	assert_int_equal(login(st, "alice", "alice-password", NOW, token, &err), IV_OK);
	assert_int_equal(strlen(token), 64);
	assert_int_equal(strspn(token, "0123456789abcdef"), 64);
	assert_int_equal(iv_access_session(st, token, NOW + 10, &user, &expires, &err), IV_OK);
	assert_string_equal(user.buf, "alice");
	assert_int_equal(expires, NOW + 3600);
	/* only the token's hash is stored */
	assert_int_equal(raw_int(path_of(state), "SELECT count(*) FROM sessions WHERE"
	                                         " length(token_hash) = 32"),
	                 1);

	/* wrong password, unknown user, disabled user: one answer */
	assert_int_equal(login(st, "alice", "wrong-password", NOW, other, &err), IV_ERR_DENIED);
	assert_string_equal(other, "");
	iv_strlcpy(denied, err.buf, sizeof(denied));
	assert_int_equal(login(st, "mallory", "alice-password", NOW, other, &err), IV_ERR_DENIED);
	assert_string_equal(err.buf, denied);
	assert_int_equal(login(st, "not a name", "alice-password", NOW, other, &err),
	                 IV_ERR_DENIED);
	assert_string_equal(err.buf, denied);
	assert_int_equal(login(st, NULL, "alice-password", NOW, other, &err), IV_ERR_DENIED);
	assert_int_equal(iv_access_user_disable(st, "pierre", true, &err), IV_OK);
	assert_int_equal(login(st, "pierre", "pierre-password", NOW, other, &err), IV_ERR_DENIED);
	assert_string_equal(err.buf, denied);
	assert_int_equal(iv_access_user_disable(st, "pierre", false, &err), IV_OK);
	assert_int_equal(login(st, "PIERRE", "pierre-password", NOW, other, &err), IV_OK);
	assert_int_equal(iv_access_session(st, other, NOW, &user, NULL, &err), IV_OK);
	assert_string_equal(user.buf, "pierre");
	assert_int_equal(iv_access_login(st, "alice", "alice-password", NOW, 0, other, &err),
	                 IV_ERR_INVALID);

	/* bad tokens */
	assert_int_equal(iv_access_session(st, "nonsense", NOW, &user, NULL, &err), IV_ERR_DENIED);
	assert_int_equal(iv_access_session(st, NULL, NOW, &user, NULL, &err), IV_ERR_DENIED);
	memcpy(other, token, sizeof(other));
	other[0] = other[0] == '0' ? '1' : '0';
	assert_int_equal(iv_access_session(st, other, NOW, &user, NULL, &err), IV_ERR_DENIED);

	/* expiry: refused at the second it ends, and the row goes */
	assert_int_equal(iv_access_session(st, token, NOW + 3599, &user, NULL, &err), IV_OK);
	assert_int_equal(iv_access_session(st, token, NOW + 3600, &user, NULL, &err),
	                 IV_ERR_DENIED);
	assert_int_equal(raw_int(path_of(state), "SELECT count(*) FROM sessions WHERE"
	                                         " user = 'alice'"),
	                 0);
	/* expired sessions of others go at the next login */
	assert_int_equal(raw_int(path_of(state), "SELECT count(*) FROM sessions"), 1);
	assert_int_equal(login(st, "alice", "alice-password", NOW + 7200, token, &err), IV_OK);
	assert_int_equal(raw_int(path_of(state), "SELECT count(*) FROM sessions"), 1);

	/* logout */
	assert_int_equal(iv_access_logout(st, token, &err), IV_OK);
	assert_int_equal(iv_access_session(st, token, NOW + 7200, &user, NULL, &err),
	                 IV_ERR_DENIED);
	assert_int_equal(iv_access_logout(st, token, &err), IV_OK);
	assert_int_equal(iv_access_logout(st, "junk", &err), IV_OK);

	/* a new password and disabling end the user's sessions */
	assert_int_equal(login(st, "alice", "alice-password", NOW, token, &err), IV_OK);
	assert_int_equal(iv_access_user_password(st, "alice", "new-password", &err), IV_OK);
	assert_int_equal(iv_access_session(st, token, NOW, &user, NULL, &err), IV_ERR_DENIED);
	assert_int_equal(login(st, "alice", "alice-password", NOW, token, &err), IV_ERR_DENIED);
	assert_int_equal(login(st, "alice", "new-password", NOW, token, &err), IV_OK);
	assert_int_equal(iv_access_user_disable(st, "alice", true, &err), IV_OK);
	assert_int_equal(iv_access_session(st, token, NOW, &user, NULL, &err), IV_ERR_DENIED);
	iv_buf_release(&user);
	iv_buf_release(&err);
}

static void test_lockout(void **state)
{
	struct iv_store *st = store_of(state);
	struct iv_buf err = IV_BUF_INIT;
	char token[IV_ACCESS_TOKEN_HEX];
	int64_t t = NOW;

	seed(st);
	/* failures a window apart never add up */
	for (int i = 0; i < 2 * IV_ACCESS_MAX_FAILURES; i++) {
		assert_int_equal(login(st, "alice", "wrong-password", t, token, &err),
		                 IV_ERR_DENIED);
		t += IV_ACCESS_LOCKOUT_SECONDS;
	}
	assert_int_equal(login(st, "alice", "alice-password", t, token, &err), IV_OK);

	/* a success clears the count */
	for (int i = 0; i < IV_ACCESS_MAX_FAILURES - 1; i++)
		assert_int_equal(login(st, "alice", "wrong-password", t + i, token, &err),
		                 IV_ERR_DENIED);
	assert_int_equal(login(st, "alice", "alice-password", t + 10, token, &err), IV_OK);
	assert_int_equal(raw_int(path_of(state), "SELECT failed_logins FROM users WHERE"
	                                         " name = 'alice'"),
	                 0);

	/* MAX failures in the window: refused, even with the right password */
	for (int i = 0; i < IV_ACCESS_MAX_FAILURES; i++)
		assert_int_equal(login(st, "alice", "wrong-password", t + 20 + i, token, &err),
		                 IV_ERR_DENIED);
	assert_int_equal(login(st, "alice", "alice-password", t + 30, token, &err), IV_ERR_TOOBIG);
	assert_non_null(strstr(err.buf, "too many failed logins"));
	assert_string_equal(token, "");
	assert_int_equal(login(st, "alice", "wrong-password", t + 31, token, &err), IV_ERR_TOOBIG);
	/* other users are not touched */
	assert_int_equal(login(st, "pierre", "pierre-password", t + 31, token, &err), IV_OK);
	/* the lockout ends IV_ACCESS_LOCKOUT_SECONDS after the last failure */
	t += 20 + IV_ACCESS_MAX_FAILURES - 1;
	assert_int_equal(login(st, "alice", "alice-password", t + IV_ACCESS_LOCKOUT_SECONDS - 1,
	                       token, &err),
	                 IV_ERR_TOOBIG);
	assert_int_equal(
	        login(st, "alice", "alice-password", t + IV_ACCESS_LOCKOUT_SECONDS, token, &err),
	        IV_OK);

	/* enabling a user (or a new password) also ends a lockout */
	for (int i = 0; i < IV_ACCESS_MAX_FAILURES; i++)
		assert_int_equal(login(st, "alice", "wrong-password", t + 2000, token, &err),
		                 IV_ERR_DENIED);
	assert_int_equal(login(st, "alice", "alice-password", t + 2001, token, &err),
	                 IV_ERR_TOOBIG);
	assert_int_equal(iv_access_user_disable(st, "alice", false, &err), IV_OK);
	assert_int_equal(login(st, "alice", "alice-password", t + 2002, token, &err), IV_OK);
	iv_buf_release(&err);
}

/* ---- concurrent logins ---------------------------------------------------------------------- */

#define LOGIN_THREADS 20

struct racer {
	const char *path;
	pthread_t thread;
	enum iv_err rc;
	char message[200];
};

static atomic_int checks_in_tx, checks_run;

/* Runs where the password is checked: no transaction may be open, and the check takes a while
 * (argon2id's real cost), so that the logins overlap as a server's would. */
static void check_outside_tx(struct iv_store *st, void *ctx)
{
	struct timespec pause = {0, 20 * 1000 * 1000};

	(void)ctx;
	atomic_fetch_add(&checks_run, 1);
	if (iv_store_begin(st, NULL) != IV_OK)
		atomic_fetch_add(&checks_in_tx, 1);
	else
		iv_store_rollback(st);
	nanosleep(&pause, NULL);
}

static void *race_login(void *arg)
{
	struct racer *r = arg;
	struct iv_buf err = IV_BUF_INIT;
	struct iv_store *st = NULL;
	char token[IV_ACCESS_TOKEN_HEX];

	r->rc = iv_store_open(r->path, 0, &st, &err);
	if (!r->rc)
		r->rc = iv_access_login(st, "alice", "wrong-password", NOW, 3600, token, &err);
	iv_strlcpy(r->message, err.len ? err.buf : "", sizeof(r->message));
	iv_store_close(st);
	iv_buf_release(&err);
	return NULL;
}

/* Parallel wrong guesses, each on its own connection: at most MAX password checks, the rest
 * refused before a check, and every check outside a transaction. */
static void test_lockout_concurrent(void **state)
{
	struct racer racers[LOGIN_THREADS];
	int denied = 0, toobig = 0;

	seed(store_of(state));
	atomic_store(&checks_in_tx, 0);
	atomic_store(&checks_run, 0);
	iv_access_test_verify_hook(check_outside_tx, NULL);
	for (int i = 0; i < LOGIN_THREADS; i++) {
		racers[i] = (struct racer){.path = path_of(state)};
		assert_int_equal(pthread_create(&racers[i].thread, NULL, race_login, &racers[i]),
		                 0);
	}
	for (int i = 0; i < LOGIN_THREADS; i++)
		assert_int_equal(pthread_join(racers[i].thread, NULL), 0);
	iv_access_test_verify_hook(NULL, NULL);
	for (int i = 0; i < LOGIN_THREADS; i++) {
		if (racers[i].rc == IV_ERR_DENIED)
			denied++;
		else if (racers[i].rc == IV_ERR_TOOBIG)
			toobig++;
		else
			fail_msg("login %d: %s: %s", i, iv_err_name(racers[i].rc),
			         racers[i].message);
	}
	assert_true(denied <= IV_ACCESS_MAX_FAILURES);
	assert_int_equal(denied, IV_ACCESS_MAX_FAILURES);
	assert_int_equal(toobig, LOGIN_THREADS - IV_ACCESS_MAX_FAILURES);
	assert_int_equal(atomic_load(&checks_run), IV_ACCESS_MAX_FAILURES);
	assert_int_equal(atomic_load(&checks_in_tx), 0);
	assert_int_equal(raw_int(path_of(state), "SELECT failed_logins FROM users WHERE"
	                                         " name = 'alice'"),
	                 IV_ACCESS_MAX_FAILURES);
}

/* ---- the audit trail ------------------------------------------------------------------------ */

static const char *const audit_users[] = {"alice", "bob", "pierre"};

/* Append n records in batches of `batch`: record i is user i % 3, at NOW + i, entities of i. */
static void append_records(struct iv_store *st, int first, int n, int batch)
{
	struct iv_audit_record recs[64];
	char entities[64][80], queries[64][32];
	struct iv_buf err = IV_BUF_INIT;

	assert_true(batch <= 64);
	for (int i = 0; i < n; i += batch) {
		int m = n - i < batch ? n - i : batch;

		for (int j = 0; j < m; j++) {
			int k = first + i + j;

			snprintf(entities[j], sizeof(entities[j]), "[\"e-%d\", \"e-%d\"]", k,
			         k % 7);
			snprintf(queries[j], sizeof(queries[j]), "q=%d", k);
			recs[j] = (struct iv_audit_record){
			        .at = NOW + k,
			        .user = audit_users[k % 3],
			        .remote = "10.0.0.1",
			        .action = "GET /api/v1/entities",
			        .query = queries[j],
			        .entities = entities[j],
			        .status = 200,
			        .outcome = "ok",
			};
		}
		if (iv_audit_append(st, recs, (size_t)m, &err))
			fail_msg("append: %s", err.buf);
		for (int j = 0; j < m; j++) {
			assert_int_equal(recs[j].seq, first + i + j + 1);
			assert_int_equal(strlen(recs[j].hash), 64);
		}
	}
	iv_buf_release(&err);
}

static struct iv_audit_verify verify(struct iv_store *st)
{
	struct iv_audit_verify v;
	struct iv_buf err = IV_BUF_INIT;

	if (iv_audit_verify(st, &v, &err))
		fail_msg("verify: %s", err.buf);
	iv_buf_release(&err);
	return v;
}

static void test_audit_append_verify(void **state)
{
	struct iv_store *st = store_of(state);
	struct iv_audit_verify v;
	struct iv_audit_record r = {.at = NOW,
	                            .user = "u",
	                            .remote = "",
	                            .action = "a",
	                            .query = "",
	                            .entities = "[]",
	                            .status = 0,
	                            .outcome = "ok"};
	struct iv_buf err = IV_BUF_INIT;

	v = verify(st);
	assert_int_equal(v.records, 0);
	assert_int_equal(v.first_bad, 0);
	assert_int_equal(iv_audit_append(st, NULL, 0, &err), IV_OK);

	append_records(st, 0, 1, 1);
	append_records(st, 1, 200, 37);
	append_records(st, 201, 130, 64);
	v = verify(st);
	assert_int_equal(v.records, 331);
	assert_int_equal(v.first_bad, 0);
	assert_string_equal(v.problem, "");
	assert_int_equal(strlen(v.head), 64);
	assert_int_equal(raw_int(path_of(state), "SELECT CAST(value AS INTEGER) FROM meta WHERE"
	                                         " key = 'audit_head'"),
	                 331);

	/* refused records append nothing, and neither do their batch-mates */
	struct iv_audit_record two[2] = {r, r};
	two[1].entities = "[\"a\", 3]";
	assert_int_equal(iv_audit_append(st, two, 2, &err), IV_ERR_INVALID);
	assert_int_equal(two[0].seq, 0);
	two[1].entities = "{\"a\": 1}";
	assert_int_equal(iv_audit_append(st, two, 2, &err), IV_ERR_INVALID);
	two[1].entities = "[\"a\"";
	assert_int_equal(iv_audit_append(st, two, 2, &err), IV_ERR_INVALID);
	two[1].entities = "[]";
	two[1].user = NULL;
	assert_int_equal(iv_audit_append(st, two, 2, &err), IV_ERR_INVALID);
	assert_int_equal(verify(st).records, 331);

	/* a large batch, and a batch inside the caller's transaction */
	{
		struct iv_audit_record *many = calloc(5000, sizeof(*many));

		assert_non_null(many);
		for (int i = 0; i < 5000; i++)
			many[i] = r;
		assert_int_equal(iv_audit_append(st, many, 5000, &err), IV_OK);
		assert_int_equal(many[4999].seq, 331 + 5000);
		free(many);
	}
	begin_ok(st);
	assert_int_equal(iv_audit_append(st, &r, 1, &err), IV_OK);
	two[1].user = "x";
	two[1].entities = "bad";
	assert_int_equal(iv_audit_append(st, two, 2, &err), IV_ERR_INVALID);
	commit_ok(st);
	v = verify(st);
	assert_int_equal(v.records, 5332);
	assert_int_equal(v.first_bad, 0);
	iv_buf_release(&err);
}

/* The default key file of the database at path. */
static void key_path(const char *path, char *out, size_t size)
{
	char *full = realpath(path, NULL);

	assert_non_null(full);
	snprintf(out, size, "%s.audit-key", full);
	free(full);
}

/* Verify on a handle of its own (which reads the key file afresh); its result and message. */
static enum iv_err verify_fresh(const char *path, struct iv_audit_verify *v, struct iv_buf *err)
{
	struct iv_store *st = NULL;
	enum iv_err rc;

	iv_buf_reset(err);
	assert_int_equal(iv_store_open(path, 0, &st, err), IV_OK);
	rc = iv_audit_verify(st, v, err);
	iv_store_close(st);
	return rc;
}

/* Build a trail of 20 records, tamper with it by SQL, and verify. */
static struct iv_audit_verify tampered(void **state, const char *sql)
{
	struct fixture *f = *state;

	append_records(f->st, 0, 20, 8);
	assert_int_equal(verify(f->st).first_bad, 0);
	raw_exec(f->path, sql);
	return verify(f->st);
}

#define TAMPER_TEST(name, sql, seq, words)                                                         \
	static void name(void **state)                                                             \
	{                                                                                          \
		struct iv_audit_verify v = tampered(state, sql);                                   \
                                                                                                   \
		if (v.first_bad != (seq) || !strstr(v.problem, words))                             \
			fail_msg("%s: first bad %lld (%s), expected %d (%s)", sql,                 \
			         (long long)v.first_bad, v.problem, (seq), words);                 \
	}

TAMPER_TEST(test_tamper_update, "UPDATE audit SET outcome = 'denied' WHERE seq = 7", 7, "altered")
TAMPER_TEST(test_tamper_update_time, "UPDATE audit SET at = at + 1 WHERE seq = 1", 1, "altered")
TAMPER_TEST(test_tamper_update_type, "UPDATE audit SET status = 'two hundred' WHERE seq = 3", 3,
            "altered")
TAMPER_TEST(test_tamper_nul,
            "UPDATE audit SET user = CAST('bob' || x'00' || 'x' AS TEXT)"
            " WHERE seq = 5",
            5, "altered")
TAMPER_TEST(test_tamper_delete_middle, "DELETE FROM audit WHERE seq = 9", 9, "record 9 is missing")
TAMPER_TEST(test_tamper_delete_range, "DELETE FROM audit WHERE seq BETWEEN 4 AND 6", 4,
            "records 4 to 6 are missing")
TAMPER_TEST(test_tamper_delete_last, "DELETE FROM audit WHERE seq = 20", 20, "truncated")
TAMPER_TEST(test_tamper_delete_all, "DELETE FROM audit", 1, "records 1 to 20")
TAMPER_TEST(test_tamper_insert_forged,
            "INSERT INTO audit SELECT 21, at, user, remote, action, query, entities, status,"
            " outcome, hash, hash FROM audit WHERE seq = 20",
            21, "record 21")
TAMPER_TEST(test_tamper_insert_before, "UPDATE audit SET seq = 0 WHERE seq = 1", 1,
            "before record 1")
TAMPER_TEST(test_tamper_replace,
            "DELETE FROM audit WHERE seq = 12; INSERT INTO audit SELECT 12, at, user, remote,"
            " action, query, entities, status, outcome, prev, hash FROM audit WHERE seq = 11",
            12, "does not follow record 11")
TAMPER_TEST(test_tamper_head_seq,
            "UPDATE meta SET value = '19 ' || hex(randomblob(32)) WHERE key = 'audit_head'", 20,
            "beyond the head anchor")
TAMPER_TEST(test_tamper_head_hash,
            "UPDATE meta SET value = '20 ' || lower(hex(zeroblob(32))) WHERE key = 'audit_head'",
            20, "does not match record 20")
TAMPER_TEST(test_tamper_head_junk, "UPDATE meta SET value = 'junk' WHERE key = 'audit_head'", 20,
            "damaged")
TAMPER_TEST(test_tamper_head_missing, "DELETE FROM meta WHERE key = 'audit_head'", 20, "missing")

/* A forger who recomputes the record's own hash still breaks the link to the next record. */
static void test_tamper_rehashed(void **state)
{
	struct fixture *f = *state;
	struct iv_audit_record r = {.at = NOW,
	                            .user = "eve",
	                            .remote = "x",
	                            .action = "a",
	                            .query = "",
	                            .entities = "[]",
	                            .status = 0,
	                            .outcome = "ok"};
	struct iv_buf err = IV_BUF_INIT;
	char path2[640], sql[900];
	struct iv_store *other = NULL;
	struct iv_audit_verify v;

	append_records(f->st, 0, 10, 10);
	/* a second store, keyed with ours (the forger holds the key), whose record 1 is eve's:
	 * its (valid) hash replaces ours */
	snprintf(path2, sizeof(path2), "%s-other", f->path);
	remove_db(path2);
	key_path(f->path, sql, sizeof(sql));
	assert_int_equal(setenv("INVIGOR_AUDIT_KEY", sql, 1), 0);
	assert_int_equal(iv_store_open(path2, IV_STORE_CREATE, &other, &err), IV_OK);
	unsetenv("INVIGOR_AUDIT_KEY");
	assert_int_equal(iv_audit_append(other, &r, 1, &err), IV_OK);
	iv_store_close(other);
	snprintf(sql, sizeof(sql),
	         "ATTACH '%s' AS o; DELETE FROM audit WHERE seq = 1;"
	         " INSERT INTO audit SELECT * FROM o.audit WHERE seq = 1;",
	         path2);
	raw_exec(f->path, sql);
	remove_db(path2);
	v = verify(f->st);
	assert_int_equal(v.first_bad, 2);
	assert_non_null(strstr(v.problem, "does not follow record 1"));
	iv_buf_release(&err);
}

/* An append onto a trail whose anchor was altered is refused, not chained onto a lie. */
static void test_append_after_tamper(void **state)
{
	struct fixture *f = *state;
	struct iv_audit_record r = {.at = NOW,
	                            .user = "u",
	                            .remote = "",
	                            .action = "a",
	                            .query = "",
	                            .entities = "[]",
	                            .status = 0,
	                            .outcome = "ok"};
	struct iv_buf err = IV_BUF_INIT;

	append_records(f->st, 0, 5, 5);
	raw_exec(f->path, "UPDATE meta SET value = '3 ' || lower(hex(zeroblob(32)))"
	                  " WHERE key = 'audit_head'");
	assert_int_equal(iv_audit_append(f->st, &r, 1, &err), IV_ERR_DB);
	assert_non_null(strstr(err.buf, "audit verify"));
	raw_exec(f->path, "UPDATE meta SET value = 'junk' WHERE key = 'audit_head'");
	assert_int_equal(iv_audit_append(f->st, &r, 1, &err), IV_ERR_DB);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit"), 5);
	iv_buf_release(&err);
}

/* ---- the audit key ----------------------------------------------------------------------------
 */

/* The attack the key is for: cut the tail and re-point the anchor at the new last record. */
static void test_key_truncation(void **state)
{
	struct fixture *f = *state;
	struct iv_audit_verify v;
	struct iv_buf err = IV_BUF_INIT;
	char key[700];
	struct stat sb;

	append_records(f->st, 0, 40, 16);
	v = verify(f->st);
	assert_int_equal(v.first_bad, 0);
	assert_true(v.keyed);
	assert_int_equal(v.keyed_from, 1);
	assert_int_equal(strlen(v.key_id), 16);
	/* the key is a file of its own beside the database, for its owner only */
	key_path(f->path, key, sizeof(key));
	assert_int_equal(stat(key, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(sb.st_size, 65);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM meta WHERE key = 'audit_head'"
	                                  " AND value LIKE '40 % 1 ' || '"
	                                  "%'"),
	                 1);

	/* the anchor re-pointed the old way */
	raw_exec(f->path, "DELETE FROM audit WHERE seq > 30; UPDATE meta SET value = (SELECT seq"
	                  " || ' ' || lower(hex(hash)) FROM audit WHERE seq = 30)"
	                  " WHERE key = 'audit_head'");
	assert_int_equal(verify_fresh(f->path, &v, &err), IV_OK);
	assert_int_equal(v.first_bad, 31);
	assert_non_null(strstr(v.problem, "not sealed"));
	assert_false(v.keyed);
	v = verify(f->st);
	assert_int_equal(v.first_bad, 31);
	/* and nothing is chained onto it */
	assert_int_equal(iv_audit_note(f->st, "u", "", "a", "", 0, "ok", &err), IV_ERR_DB);
	assert_non_null(strstr(err.buf, "not sealed"));
	iv_buf_release(&err);
}

/* The same cut, keeping the seal of the old head: the seal no longer matches. */
TAMPER_TEST(test_key_truncation_resealed,
            "DELETE FROM audit WHERE seq > 15; UPDATE meta SET value = (SELECT seq || ' ' ||"
            " lower(hex(hash)) FROM audit WHERE seq = 15) || ' ' || substr(value,"
            " instr(value, ' ') + 66) WHERE key = 'audit_head'",
            15, "seal")
TAMPER_TEST(test_key_from_moved,
            "UPDATE meta SET value = replace(value, ' 1 ', ' 5 ') WHERE key = 'audit_head'", 1,
            "altered")
TAMPER_TEST(test_key_rehash_unkeyed, "UPDATE audit SET hash = zeroblob(32) WHERE seq = 20", 20,
            "altered")

/* A missing, wrong or malformed key file is an error for verify, never "intact". */
static void test_key_missing_wrong(void **state)
{
	struct fixture *f = *state;
	struct iv_audit_verify v;
	struct iv_buf err = IV_BUF_INIT;
	struct iv_store *st = NULL;
	char key[700], moved[720];
	FILE *fp;

	append_records(f->st, 0, 10, 10);
	key_path(f->path, key, sizeof(key));
	snprintf(moved, sizeof(moved), "%s.moved", key);
	assert_int_equal(rename(key, moved), 0);
	assert_int_equal(verify_fresh(f->path, &v, &err), IV_ERR_NOTFOUND);
	assert_non_null(strstr(err.buf, "missing"));
	assert_non_null(strstr(err.buf, "INVIGOR_AUDIT_KEY"));
	assert_int_equal(v.first_bad, 0);
	assert_int_equal(v.records, 0);
	/* an append neither chains on without the key nor makes a new one */
	assert_int_equal(iv_store_open(f->path, 0, &st, &err), IV_OK);
	assert_int_equal(iv_audit_note(st, "u", "", "a", "", 0, "ok", &err), IV_ERR_NOTFOUND);
	iv_store_close(st);
	assert_int_equal(access(key, F_OK), -1);

	/* another key */
	fp = fopen(key, "w");
	assert_non_null(fp);
	fputs("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n", fp);
	fclose(fp);
	assert_int_equal(verify_fresh(f->path, &v, &err), IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "sealed with key"));
	/* not a key */
	fp = fopen(key, "w");
	assert_non_null(fp);
	fputs("secret\n", fp);
	fclose(fp);
	assert_int_equal(verify_fresh(f->path, &v, &err), IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "not an invigor audit key"));
	/* the right one, kept elsewhere and named by INVIGOR_AUDIT_KEY */
	unlink(key);
	assert_int_equal(setenv("INVIGOR_AUDIT_KEY", moved, 1), 0);
	assert_int_equal(verify_fresh(f->path, &v, &err), IV_OK);
	unsetenv("INVIGOR_AUDIT_KEY");
	assert_int_equal(v.first_bad, 0);
	assert_int_equal(v.records, 10);
	assert_true(v.keyed);
	unlink(moved);
	iv_buf_release(&err);
}

/* A trail from before keys verifies as it did; the first append with a key seals it, and
 * cutting it back to the unkeyed part is caught. */
static void test_key_old_trail(void **state)
{
	struct fixture *f = *state;
	struct iv_audit_verify v;
	struct iv_buf err = IV_BUF_INIT;
	struct iv_store *old = NULL, *st = NULL;
	char key[700];

	key_path(f->path, key, sizeof(key));
	assert_int_equal(iv_store_open(f->path, 0, &old, &err), IV_OK);
	iv_audit_test_unkeyed(old);
	append_records(old, 0, 10, 4);
	iv_store_close(old);
	assert_int_equal(access(key, F_OK), -1);
	assert_int_equal(verify_fresh(f->path, &v, &err), IV_OK);
	assert_int_equal(v.first_bad, 0);
	assert_int_equal(v.records, 10);
	assert_false(v.keyed);
	assert_int_equal(v.keyed_from, 0);

	/* an append inside the caller's transaction stays unkeyed; the next one seals */
	assert_int_equal(iv_store_open(f->path, 0, &st, &err), IV_OK);
	begin_ok(st);
	append_records(st, 10, 1, 1);
	commit_ok(st);
	assert_int_equal(access(key, F_OK), -1);
	append_records(st, 11, 5, 5);
	assert_int_equal(access(key, F_OK), 0);
	v = verify(st);
	assert_int_equal(v.first_bad, 0);
	assert_int_equal(v.records, 16);
	assert_true(v.keyed);
	assert_int_equal(v.keyed_from, 12);
	iv_store_close(st);

	/* the unkeyed part is still checked */
	raw_exec(f->path, "UPDATE audit SET query = 'x' WHERE seq = 3");
	assert_int_equal(verify_fresh(f->path, &v, &err), IV_OK);
	assert_int_equal(v.first_bad, 3);
	raw_exec(f->path, "UPDATE audit SET query = 'q=2' WHERE seq = 3");
	/* cut back to the unkeyed part with an anchor of the old kind */
	raw_exec(f->path, "DELETE FROM audit WHERE seq > 11; UPDATE meta SET value = (SELECT seq"
	                  " || ' ' || lower(hex(hash)) FROM audit WHERE seq = 11)"
	                  " WHERE key = 'audit_head'");
	assert_int_equal(verify_fresh(f->path, &v, &err), IV_OK);
	assert_int_equal(v.first_bad, 12);
	assert_non_null(strstr(v.problem, "not sealed"));
	iv_buf_release(&err);
}

/* A crash between sealing the trail and naming the key file: the next reader installs it. */
static void test_key_install_recovery(void **state)
{
	struct fixture *f = *state;
	struct iv_audit_verify v;
	struct iv_buf err = IV_BUF_INIT;
	char key[700], fresh[720];

	append_records(f->st, 0, 3, 3);
	key_path(f->path, key, sizeof(key));
	snprintf(fresh, sizeof(fresh), "%s.new", key);
	assert_int_equal(rename(key, fresh), 0);
	assert_int_equal(verify_fresh(f->path, &v, &err), IV_OK);
	assert_int_equal(v.first_bad, 0);
	assert_true(v.keyed);
	assert_int_equal(access(key, F_OK), 0);
	assert_int_equal(access(fresh, F_OK), -1);
	iv_buf_release(&err);
}

/* An in-memory store has no key file: its trail is unkeyed, as before. */
static void test_key_memory(void **state)
{
	struct iv_store *st = NULL;
	struct iv_buf err = IV_BUF_INIT;
	struct iv_audit_verify v;

	(void)state;
	assert_int_equal(iv_store_open(":memory:", IV_STORE_CREATE, &st, &err), IV_OK);
	assert_null(iv_store_audit_key_path(st));
	append_records(st, 0, 5, 5);
	v = verify(st);
	assert_int_equal(v.first_bad, 0);
	assert_false(v.keyed);
	iv_store_close(st);
	iv_buf_release(&err);
}

/* ---- audit queries -----------------------------------------------------------------------------
 */

struct seen {
	size_t n;
	int64_t seqs[400];
	char users[400][16];
};

static enum iv_err seen_fn(void *ctx, const struct iv_audit_record *r)
{
	struct seen *s = ctx;

	assert_true(s->n < 400);
	assert_int_equal(strlen(r->hash), 64);
	iv_strlcpy(s->users[s->n], r->user, sizeof(s->users[0]));
	s->seqs[s->n++] = r->seq;
	return IV_OK;
}

static struct seen *query(struct iv_store *st, const struct iv_audit_query *q)
{
	static struct seen s;
	struct iv_buf err = IV_BUF_INIT;

	memset(&s, 0, sizeof(s));
	if (iv_audit_each(st, q, seen_fn, &s, &err))
		fail_msg("audit query: %s", err.buf);
	iv_buf_release(&err);
	return &s;
}

static void test_audit_query(void **state)
{
	struct iv_store *st = store_of(state);
	struct iv_buf err = IV_BUF_INIT;
	struct iv_audit_query q = {0};
	struct seen *s;
	static struct seen recent;
	static const char *const odd[] = {
	        "say \"hi\"", "100%", "a_b", "a\\b", "x/y", "Ḥasan", "", "tab\there",
	};
	int64_t cursor = 0;
	size_t total = 0;

	append_records(st, 0, 60, 16); /* records 1..60, user (seq-1) % 3 */

	s = query(st, &q);
	assert_int_equal(s->n, 60);
	assert_int_equal(s->seqs[59], 60);

	q.user = "bob";
	s = query(st, &q);
	assert_int_equal(s->n, 20);
	for (size_t i = 0; i < s->n; i++)
		assert_string_equal(s->users[i], "bob");
	q.user = "Bob"; /* the trail says what was written */
	assert_int_equal(query(st, &q)->n, 0);

	/* entity: e-K is in record K+1, and e-(K%7) in every record with that remainder */
	memset(&q, 0, sizeof(q));
	q.entity = "e-40";
	s = query(st, &q);
	assert_int_equal(s->n, 1);
	assert_int_equal(s->seqs[0], 41);
	q.entity = "e-4";
	s = query(st, &q);
	assert_int_equal(s->n, 8); /* K = 4, 11, ..., 53 */
	q.entity = "e-";
	assert_int_equal(query(st, &q)->n, 0);
	q.entity = "e-%";
	assert_int_equal(query(st, &q)->n, 0);

	/* time and cursor */
	memset(&q, 0, sizeof(q));
	q.from = NOW + 10;
	q.to = NOW + 19;
	s = query(st, &q);
	assert_int_equal(s->n, 10);
	assert_int_equal(s->seqs[0], 11);
	memset(&q, 0, sizeof(q));
	q.limit = 7;
	do {
		q.after_seq = cursor;
		s = query(st, &q);
		total += s->n;
		if (s->n)
			cursor = s->seqs[s->n - 1];
	} while (s->n == 7);
	assert_int_equal(total, 60);
	assert_int_equal(cursor, 60);
	q.after_seq = 55;
	q.user = "alice";
	q.limit = 0;
	s = query(st, &q);
	assert_int_equal(s->n, 1); /* alice's are the seq with (seq - 1) % 3 == 0 */
	assert_int_equal(s->seqs[0], 58);

	/* one user's latest, newest first, nobody else's */
	memset(&recent, 0, sizeof(recent));
	assert_int_equal(iv_audit_recent(st, "bob", 5, seen_fn, &recent, &err), IV_OK);
	assert_int_equal(recent.n, 5);
	for (size_t i = 0; i < recent.n; i++) {
		assert_string_equal(recent.users[i], "bob");
		assert_int_equal(recent.seqs[i], 59 - 3 * (int64_t)i); /* bob: (seq - 1) % 3 == 1 */
	}
	memset(&recent, 0, sizeof(recent));
	assert_int_equal(iv_audit_recent(st, "bob", 0, seen_fn, &recent, &err), IV_OK);
	assert_int_equal(recent.n, 20);
	memset(&recent, 0, sizeof(recent));
	assert_int_equal(iv_audit_recent(st, "Bob", 5, seen_fn, &recent, &err), IV_OK);
	assert_int_equal(recent.n, 0); /* the trail says what was written */
	assert_int_equal(iv_audit_recent(st, "nobody", 5, seen_fn, &recent, &err), IV_OK);
	assert_int_equal(recent.n, 0);

	/* ids that are trouble for LIKE, JSON or SQL */
	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		json_t *arr = json_pack("[s, s]", odd[i], "plain");
		char *text = json_dumps(arr, 0); /* with the spaces of the default */
		struct iv_audit_record r = {.at = NOW,
		                            .user = "odd",
		                            .remote = "",
		                            .action = "a",
		                            .query = "",
		                            .entities = text,
		                            .status = 0,
		                            .outcome = "ok"};

		assert_int_equal(iv_audit_append(st, &r, 1, &err), IV_OK);
		free(text);
		json_decref(arr);
	}
	memset(&q, 0, sizeof(q));
	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		q.entity = odd[i];
		s = query(st, &q);
		if (s->n != 1 || s->seqs[0] != (int64_t)(61 + i))
			fail_msg("entity '%s': %zu records", odd[i], s->n);
	}
	q.entity = "say";
	assert_int_equal(query(st, &q)->n, 0);
	q.entity = "100_";
	assert_int_equal(query(st, &q)->n, 0);
	q.entity = "a%b";
	assert_int_equal(query(st, &q)->n, 0);
	q.entity = "plain";
	assert_int_equal(query(st, &q)->n, 8);
	/* a record damaged into bad JSON is skipped by the entity query, not fatal */
	raw_exec(path_of(state), "UPDATE audit SET entities = '[\"plain\"' WHERE seq = 61");
	assert_int_equal(query(st, &q)->n, 7);
	assert_int_equal(iv_audit_each(st, NULL, seen_fn, &(struct seen){0}, &err), IV_OK);
	iv_buf_release(&err);
}

/* The CLI's audited change: the change and its record commit together, a refusal is recorded. */
static enum iv_err grant_op(struct iv_store *st, void *ctx, struct iv_buf *err)
{
	return iv_access_user_grant(st, "alice", ctx, err);
}

static char op_x[] = "OP-X", op_bad[] = "a,b";

static void test_cli_change(void **state)
{
	struct iv_store *st = store_of(state);
	struct iv_buf err = IV_BUF_INIT;
	struct seen *s;
	struct iv_audit_query q = {0};

	seed(st);
	assert_int_equal(iv_audit_cli_change(st, "operator", "cli user grant", "alice OP-X",
	                                     grant_op, op_x, &err),
	                 IV_OK);
	assert_int_equal(iv_audit_cli_change(st, "operator", "cli user grant", "alice OP-X",
	                                     grant_op, op_x, &err),
	                 IV_ERR_EXISTS);
	assert_int_equal(iv_audit_cli_change(st, "operator", "cli user grant", "alice a,b",
	                                     grant_op, op_bad, &err),
	                 IV_ERR_INVALID);
	s = query(st, &q);
	assert_int_equal(s->n, 3);
	assert_int_equal(raw_int(path_of(state), "SELECT count(*) FROM audit WHERE status = 0"
	                                         " AND outcome = 'ok' AND remote = 'cli'"),
	                 1);
	assert_int_equal(raw_int(path_of(state), "SELECT count(*) FROM audit WHERE status = 1"
	                                         " AND outcome LIKE 'invalid: %already%'"),
	                 1);
	assert_int_equal(raw_int(path_of(state), "SELECT count(*) FROM grants"), 1);
	assert_int_equal(verify(st).first_bad, 0);
	iv_buf_release(&err);
}

/* ---- allocation failure ------------------------------------------------------------------------
 */

static enum iv_err alloc_sequence(const char *path, struct iv_buf *err)
{
	struct iv_store *st = NULL;
	struct iv_org org = {"NCA", IV_ORG_UK, "GB"};
	struct iv_user u = {"alice", "NCA", IV_ROLE_ANALYST, IV_CLASS_SECRET, false};
	struct iv_audit_record recs[3];
	struct iv_audit_verify v;
	struct iv_audit_query q = {.entity = "e-1"};
	struct iv_viewer viewer;
	struct iv_buf user = IV_BUF_INIT;
	struct seen s = {0};
	char token[IV_ACCESS_TOKEN_HEX];
	enum iv_err rc;

	for (int i = 0; i < 3; i++)
		recs[i] = (struct iv_audit_record){.at = NOW,
		                                   .user = "alice",
		                                   .remote = "r",
		                                   .action = "a",
		                                   .query = "q",
		                                   .entities = "[\"e-1\"]",
		                                   .status = 200,
		                                   .outcome = "ok"};
	rc = iv_store_open(path, IV_STORE_CREATE, &st, err);
	if (!rc)
		rc = iv_access_org_add(st, &org, err);
	if (!rc)
		rc = iv_access_user_add(st, &u, "alice-password", err);
	if (!rc)
		rc = iv_access_user_grant(st, "alice", "OP-A", err);
	if (!rc)
		rc = iv_access_consent(st, "Europol", "NCA", true, err);
	if (!rc) {
		rc = iv_viewer_load(st, "alice", &viewer, err);
		if (!rc) {
			if (viewer.ncompartments != 1 || viewer.nconsenting != 1)
				rc = IV_ERR_INTERNAL;
			iv_viewer_release(&viewer);
		}
	}
	if (!rc)
		rc = iv_access_login(st, "alice", "alice-password", NOW, 60, token, err);
	if (!rc)
		rc = iv_access_session(st, token, NOW, &user, NULL, err);
	if (!rc)
		rc = iv_audit_append(st, recs, 3, err);
	if (!rc)
		rc = iv_audit_verify(st, &v, err);
	if (!rc && v.first_bad)
		rc = IV_ERR_INTERNAL;
	if (!rc)
		rc = iv_audit_each(st, &q, seen_fn, &s, err);
	if (!rc && s.n != 3)
		rc = IV_ERR_INTERNAL;
	iv_buf_release(&user);
	iv_store_close(st);
	return rc;
}

static void test_alloc_failure(void **state)
{
	char path[620];
	struct iv_buf err = IV_BUF_INIT;
	bool completed = false;
	unsigned long failures = 0;

	snprintf(path, sizeof(path), "%s-alloc", path_of(state));
	assert_non_null(iv_schema_get("Person"));
	assert_int_equal(iv_crypto_init(), IV_OK);
	for (unsigned long n = 1; n < 100000 && !completed; n++) {
		enum iv_err rc;

		remove_db(path);
		iv_buf_reset(&err);
		iv_alloc_fail_after(n);
		rc = alloc_sequence(path, &err);
		iv_alloc_fail_after(0);
		if (rc == IV_OK) {
			completed = true;
			break;
		}
		failures++;
		if (rc != IV_ERR_NOMEM)
			fail_msg("allocation %lu failed with %s: %s", n, iv_err_name(rc), err.buf);
	}
	assert_true(completed);
	assert_true(failures > 5);
	iv_buf_release(&err);
	remove_db(path);
}

/* ---- the store's tables ------------------------------------------------------------------------
 */

static void test_tables(void **state)
{
	assert_int_equal(raw_int(path_of(state), "SELECT count(*) FROM sqlite_master WHERE name IN"
	                                         " ('orgs', 'users', 'grants', 'consents',"
	                                         " 'sessions', 'audit')"),
	                 6);
	assert_int_equal(raw_int(path_of(state), "SELECT CAST(value AS INTEGER) FROM meta"
	                                         " WHERE key = 'version'"),
	                 IV_STORE_VERSION);
	assert_true(IV_STORE_VERSION >= 4);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, fixture_close)
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_roles),
	        cmocka_unit_test(test_filter_matrix),
	        cmocka_unit_test(test_filter_cases),
	        cmocka_unit_test(test_exportable),
	        cmocka_unit_test(test_viewer_local),
	        T(test_tables),
	        T(test_orgs),
	        T(test_users),
	        T(test_grants_consents_viewer),
	        T(test_inside_transaction),
	        T(test_login),
	        T(test_lockout),
	        T(test_lockout_concurrent),
	        T(test_audit_append_verify),
	        T(test_tamper_update),
	        T(test_tamper_update_time),
	        T(test_tamper_update_type),
	        T(test_tamper_nul),
	        T(test_tamper_delete_middle),
	        T(test_tamper_delete_range),
	        T(test_tamper_delete_last),
	        T(test_tamper_delete_all),
	        T(test_tamper_insert_forged),
	        T(test_tamper_insert_before),
	        T(test_tamper_replace),
	        T(test_tamper_head_seq),
	        T(test_tamper_head_hash),
	        T(test_tamper_head_junk),
	        T(test_tamper_head_missing),
	        T(test_tamper_rehashed),
	        T(test_append_after_tamper),
	        T(test_key_truncation),
	        T(test_key_truncation_resealed),
	        T(test_key_from_moved),
	        T(test_key_rehash_unkeyed),
	        T(test_key_missing_wrong),
	        T(test_key_old_trail),
	        T(test_key_install_recovery),
	        cmocka_unit_test(test_key_memory),
	        T(test_audit_query),
	        T(test_cli_change),
	        T(test_alloc_failure),
	};
#undef T
	/* argon2id at its least cost: these tests hash dozens of passwords, under valgrind too */
	iv_access_test_cheap_hashing(true);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
