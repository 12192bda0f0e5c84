/*
 * test_schema.c - unit tests of the schema registry: every schema the
 * data model promises exists, inheritance and property lookups (own and
 * inherited, multiple parents), the common schema of two, edges and OIC
 * flags, the registry's self-check run on deliberately broken tables, and
 * that lookups allocate nothing and are safe from many threads at once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>

#include "iv/schema.h"
#include "schema/schema_int.h"

static const struct iv_schema *get(const char *name)
{
	const struct iv_schema *s = iv_schema_get(name);

	if (!s)
		fail_msg("schema %s missing", name);
	return s;
}

/* ---- first use from many threads ----------------------------------------- */

#define N_THREADS 8

static void *lookup_thread(void *arg)
{
	const struct iv_schema **out = arg;

	*out = iv_schema_get("Person");
	return NULL;
}

/* Runs first: the registry is built by whichever thread gets there first. */
static void test_first_use_threads(void **state)
{
	pthread_t threads[N_THREADS];
	const struct iv_schema *seen[N_THREADS];

	for (int i = 0; i < N_THREADS; i++)
		assert_int_equal(pthread_create(&threads[i], NULL, lookup_thread, &seen[i]), 0);
	for (int i = 0; i < N_THREADS; i++)
		assert_int_equal(pthread_join(threads[i], NULL), 0);
	assert_non_null(seen[0]);
	for (int i = 1; i < N_THREADS; i++)
		assert_ptr_equal(seen[i], seen[0]);
}

/* ---- the compiled-in registry --------------------------------------------- */

static void test_registry_ok(void **state)
{
	struct iv_buf err = IV_BUF_INIT;
	size_t n = 0;

	assert_int_equal(iv_schema_registry_status(&err), IV_OK);
	assert_int_equal(err.len, 0);
	while (iv_schema_at(n))
		n++;
	assert_int_equal(n, iv_schema_count());
	assert_true(n >= 40);
	/* iv_schema_at order and iv_schema_get agree */
	for (size_t i = 0; i < n; i++)
		assert_ptr_equal(iv_schema_get(iv_schema_name(iv_schema_at(i))), iv_schema_at(i));
	iv_buf_release(&err);
}

static void test_listed_schemata_exist(void **state)
{
	static const char *const names[] = {
	        "Thing",        "Interval",       "Value",        "Asset",
	        "LegalEntity",  "Person",         "Organization", "Company",
	        "Address",      "Identification", "Passport",     "BankAccount",
	        "CryptoWallet", "Payment",        "Call",         "Message",
	        "UserAccount",  "Vehicle",        "Vessel",       "Associate",
	        "Family",       "Membership",     "Employment",   "Ownership",
	        "Event",        "Trip",           "Note",         "Document",
	        "Journey",      "JourneyLeg",     "Debrief",      "SocialMediaPost",
	        "Exhibit",      "CustodyEvent",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const struct iv_schema *s = get(names[i]);

		assert_string_equal(iv_schema_name(s), names[i]);
		assert_non_null(iv_schema_label(s));
		assert_true(strlen(iv_schema_label(s)) > 0);
	}
	assert_null(iv_schema_get("Nope"));
	assert_null(iv_schema_get("person")); /* names are case-sensitive, as in FtM */
	assert_null(iv_schema_get(""));
	assert_null(iv_schema_get(NULL));
	assert_null(iv_schema_at(iv_schema_count()));
	assert_null(iv_schema_name(NULL));
	assert_int_equal(iv_schema_flags(NULL), 0);
}

static void test_inheritance(void **state)
{
	const struct iv_schema *person = get("Person"), *company = get("Company");
	const struct iv_schema *vessel = get("Vessel"), *passport = get("Passport");
	const struct iv_schema *payment = get("Payment");

	assert_true(iv_schema_is_a(person, "Person"));
	assert_true(iv_schema_is_a(person, "LegalEntity"));
	assert_true(iv_schema_is_a(person, "Thing"));
	assert_false(iv_schema_is_a(person, "Organization"));
	assert_false(iv_schema_is_a(person, "Interval"));
	assert_false(iv_schema_is_a(person, "NoSuchSchema"));
	assert_false(iv_schema_is_a(NULL, "Thing"));

	/* multiple parents: Company is an Organization and an Asset */
	assert_true(iv_schema_is_a(company, "Organization"));
	assert_true(iv_schema_is_a(company, "LegalEntity"));
	assert_true(iv_schema_is_a(company, "Asset"));
	assert_true(iv_schema_is_a(company, "Value"));
	assert_true(iv_schema_is_a(company, "Thing"));
	assert_false(iv_schema_is_a(company, "Person"));

	assert_true(iv_schema_is_a(vessel, "Vehicle"));
	assert_true(iv_schema_is_a(vessel, "Asset"));
	assert_true(iv_schema_is_a(passport, "Identification"));
	assert_true(iv_schema_is_a(passport, "Interval"));
	assert_false(iv_schema_is_a(passport, "Thing"));
	assert_true(iv_schema_is_a(payment, "Interval"));
	assert_true(iv_schema_is_a(payment, "Value"));
	/* an ancestor is not its descendant */
	assert_false(iv_schema_is_a(get("LegalEntity"), "Person"));
}

static void expect_prop(const char *schema, const char *name, enum iv_type type, const char *owner,
                        bool matchable)
{
	const struct iv_property *p = iv_schema_property(get(schema), name);

	if (!p)
		fail_msg("%s has no property %s", schema, name);
	assert_string_equal(p->name, name);
	assert_int_equal(p->type, type);
	assert_string_equal(iv_schema_name(p->owner), owner);
	assert_int_equal(p->matchable, matchable);
	assert_non_null(p->label);
}

static void test_property_lookup(void **state)
{
	const struct iv_property *p;

	expect_prop("Person", "name", IV_TYPE_NAME, "Thing", true);
	expect_prop("Person", "birthDate", IV_TYPE_DATE, "Person", true);
	expect_prop("Person", "nationality", IV_TYPE_COUNTRY, "Person", true);
	expect_prop("Person", "passportNumber", IV_TYPE_IDENTIFIER, "Person", true);
	expect_prop("Person", "phone", IV_TYPE_PHONE, "LegalEntity", true);
	expect_prop("Person", "email", IV_TYPE_EMAIL, "LegalEntity", true);
	expect_prop("Person", "address", IV_TYPE_ADDRESS, "Thing", true);
	expect_prop("Person", "notes", IV_TYPE_TEXT, "Thing", false);
	expect_prop("Company", "amount", IV_TYPE_AMOUNT, "Value", false);
	expect_prop("Company", "registrationNumber", IV_TYPE_IDENTIFIER, "LegalEntity", true);
	expect_prop("Company", "capital", IV_TYPE_AMOUNT, "Company", false);
	expect_prop("BankAccount", "iban", IV_TYPE_IBAN, "BankAccount", true);
	expect_prop("BankAccount", "accountNumber", IV_TYPE_IDENTIFIER, "BankAccount", true);
	expect_prop("BankAccount", "currency", IV_TYPE_CURRENCY, "Value", false);
	expect_prop("Vessel", "registrationNumber", IV_TYPE_IDENTIFIER, "Vehicle", true);
	expect_prop("Vessel", "imoNumber", IV_TYPE_IDENTIFIER, "Vessel", true);
	expect_prop("Vessel", "mmsi", IV_TYPE_IDENTIFIER, "Vessel", true);
	expect_prop("Vessel", "flag", IV_TYPE_COUNTRY, "Vessel", false);
	expect_prop("Passport", "number", IV_TYPE_IDENTIFIER, "Identification", true);
	expect_prop("Passport", "startDate", IV_TYPE_DATE, "Interval", false);
	expect_prop("UserAccount", "username", IV_TYPE_IDENTIFIER, "UserAccount", true);
	expect_prop("Payment", "amount", IV_TYPE_AMOUNT, "Value", false);
	expect_prop("Payment", "date", IV_TYPE_DATE, "Interval", false);
	expect_prop("Call", "callerNumber", IV_TYPE_PHONE, "Call", true);
	expect_prop("JourneyLeg", "mode", IV_TYPE_STRING, "JourneyLeg", false);
	expect_prop("JourneyLeg", "price", IV_TYPE_AMOUNT, "JourneyLeg", false);
	expect_prop("CustodyEvent", "sealNumber", IV_TYPE_IDENTIFIER, "CustodyEvent", false);

	p = iv_schema_property(get("Passport"), "holder");
	assert_non_null(p);
	assert_int_equal(p->type, IV_TYPE_ENTITY);
	assert_string_equal(p->range, "LegalEntity");
	p = iv_schema_property(get("Payment"), "payerAccount");
	assert_string_equal(p->range, "BankAccount");
	assert_null(iv_schema_property(get("Person"), "name")->range);

	/* not on this schema's chain */
	assert_null(iv_schema_property(get("Person"), "iban"));
	assert_null(iv_schema_property(get("Person"), "imoNumber"));
	assert_null(iv_schema_property(get("Passport"), "name"));
	assert_null(iv_schema_property(get("Thing"), "birthDate"));
	assert_null(iv_schema_property(get("Person"), "Name"));
	assert_null(iv_schema_property(get("Person"), ""));
	assert_null(iv_schema_property(get("Person"), NULL));
	assert_null(iv_schema_property(NULL, "name"));
	/* the same name on unrelated chains is two properties */
	assert_ptr_not_equal(iv_schema_property(get("Person"), "birthDate"),
	                     iv_schema_property(get("Passport"), "birthDate"));
	/* an inherited property is the ancestor's own object */
	assert_ptr_equal(iv_schema_property(get("Person"), "name"),
	                 iv_schema_property(get("Thing"), "name"));
}

static size_t prop_index(const struct iv_schema *s, const char *name)
{
	const struct iv_property *p;

	for (size_t i = 0; (p = iv_schema_property_at(s, i)); i++) {
		if (strcmp(p->name, name) == 0)
			return i;
	}
	fail_msg("%s has no property %s in iteration", iv_schema_name(s), name);
	return SIZE_MAX;
}

static void test_property_iteration(void **state)
{
	const struct iv_schema *s;

	/* every schema: iteration yields each visible property once, and
	 * lookup by name finds the very same object */
	for (size_t k = 0; (s = iv_schema_at(k)); k++) {
		const struct iv_property *p;
		size_t n = 0;

		for (size_t i = 0; (p = iv_schema_property_at(s, i)); i++) {
			n++;
			assert_ptr_equal(iv_schema_property(s, p->name), p);
			assert_true(iv_schema_is_a(s, iv_schema_name(p->owner)));
			for (size_t j = 0; j < i; j++)
				assert_string_not_equal(iv_schema_property_at(s, j)->name, p->name);
		}
		if (strcmp(iv_schema_name(s), "Company") == 0)
			assert_true(n > 50);
	}
	/* ancestors' properties come first */
	s = get("Company");
	assert_true(prop_index(s, "name") < prop_index(s, "registrationNumber"));
	assert_true(prop_index(s, "registrationNumber") < prop_index(s, "capital"));
	assert_true(prop_index(s, "amount") < prop_index(s, "capital"));
	assert_null(iv_schema_property_at(NULL, 0));
	assert_null(iv_schema_property_at(s, 100000));
}

static void test_common(void **state)
{
	const struct iv_schema *person = get("Person"), *le = get("LegalEntity");
	const struct iv_schema *company = get("Company"), *org = get("Organization");
	const struct iv_schema *thing = get("Thing");

	assert_ptr_equal(iv_schema_common(person, le), person);
	assert_ptr_equal(iv_schema_common(le, person), person);
	assert_ptr_equal(iv_schema_common(le, company), company);
	assert_ptr_equal(iv_schema_common(company, org), company);
	assert_ptr_equal(iv_schema_common(thing, company), company);
	assert_ptr_equal(iv_schema_common(get("Asset"), company), company);
	assert_ptr_equal(iv_schema_common(person, person), person);
	assert_null(iv_schema_common(person, company));
	assert_null(iv_schema_common(person, org));
	assert_null(iv_schema_common(get("Vessel"), get("Airplane")));
	assert_null(iv_schema_common(person, get("Payment")));
	assert_null(iv_schema_common(person, NULL));
	assert_null(iv_schema_common(NULL, person));
}

static void expect_edge(const char *schema, const char *source, const char *target)
{
	const struct iv_schema *s = get(schema);

	assert_true(iv_schema_flags(s) & IV_SCHEMA_EDGE);
	assert_false(iv_schema_flags(s) & IV_SCHEMA_ABSTRACT);
	assert_string_equal(iv_schema_edge_source(s), source);
	assert_string_equal(iv_schema_edge_target(s), target);
}

static void test_edges(void **state)
{
	const struct iv_schema *s;

	expect_edge("Payment", "payer", "beneficiary");
	expect_edge("Call", "caller", "receiver");
	expect_edge("Associate", "person", "associate");
	expect_edge("Family", "person", "relative");
	expect_edge("Membership", "member", "organization");
	expect_edge("Employment", "employee", "employer");
	expect_edge("Ownership", "owner", "asset");

	/* every edge's ends are entity properties with a range; no other schema has ends */
	for (size_t k = 0; (s = iv_schema_at(k)); k++) {
		if (iv_schema_flags(s) & IV_SCHEMA_EDGE) {
			const struct iv_property *src =
			        iv_schema_property(s, iv_schema_edge_source(s));
			const struct iv_property *dst =
			        iv_schema_property(s, iv_schema_edge_target(s));

			assert_non_null(src);
			assert_non_null(dst);
			assert_int_equal(src->type, IV_TYPE_ENTITY);
			assert_int_equal(dst->type, IV_TYPE_ENTITY);
			assert_non_null(iv_schema_get(src->range));
			assert_non_null(iv_schema_get(dst->range));
		} else {
			assert_null(iv_schema_edge_source(s));
			assert_null(iv_schema_edge_target(s));
		}
	}
	assert_null(iv_schema_edge_source(get("Person")));
	assert_null(iv_schema_edge_source(NULL));
}

static void test_flags(void **state)
{
	static const char *const oic[] = {"Journey",         "JourneyLeg", "Debrief",
	                                  "SocialMediaPost", "Exhibit",    "CustodyEvent"};
	static const char *const abstract[] = {"Thing", "Interval", "Value"};
	static const char *const concrete[] = {"LegalEntity", "Person",  "Company",
	                                       "Asset",       "Payment", "Passport"};

	for (size_t i = 0; i < sizeof(oic) / sizeof(oic[0]); i++) {
		assert_true(iv_schema_flags(get(oic[i])) & IV_SCHEMA_OIC);
		assert_false(iv_schema_flags(get(oic[i])) & IV_SCHEMA_ABSTRACT);
	}
	for (size_t i = 0; i < sizeof(abstract) / sizeof(abstract[0]); i++)
		assert_true(iv_schema_flags(get(abstract[i])) & IV_SCHEMA_ABSTRACT);
	for (size_t i = 0; i < sizeof(concrete) / sizeof(concrete[0]); i++)
		assert_int_equal(iv_schema_flags(get(concrete[i])) &
		                         (IV_SCHEMA_ABSTRACT | IV_SCHEMA_OIC),
		                 0);
	/* the OIC schemata have what the data model says they carry */
	assert_non_null(iv_schema_property(get("Journey"), "facilitator"));
	assert_non_null(iv_schema_property(get("Journey"), "paymentMethod"));
	assert_int_equal(iv_schema_property(get("Journey"), "origin")->type, IV_TYPE_COUNTRY);
	assert_string_equal(iv_schema_property(get("JourneyLeg"), "journey")->range, "Journey");
	assert_string_equal(iv_schema_property(get("JourneyLeg"), "vessel")->range, "Vessel");
	assert_int_equal(iv_schema_property(get("Debrief"), "account")->type, IV_TYPE_TEXT);
	assert_string_equal(iv_schema_property(get("SocialMediaPost"), "author")->range,
	                    "UserAccount");
	assert_string_equal(iv_schema_property(get("CustodyEvent"), "exhibit")->range, "Exhibit");
	assert_non_null(iv_schema_property(get("CustodyEvent"), "sealIntact"));
	assert_non_null(iv_schema_property(get("Exhibit"), "seizedBy"));
}

static void test_all_properties_sound(void **state)
{
	const struct iv_schema *s;

	for (size_t k = 0; (s = iv_schema_at(k)); k++) {
		const struct iv_property *p;

		for (size_t i = 0; (p = iv_schema_property_at(s, i)); i++) {
			assert_true((unsigned)p->type < IV_TYPE__COUNT);
			assert_true(p->label && p->label[0]);
			if (p->type == IV_TYPE_ENTITY) {
				assert_non_null(p->range);
				assert_non_null(iv_schema_get(p->range));
			} else {
				assert_null(p->range);
			}
		}
	}
}

static void test_type_names(void **state)
{
	for (unsigned t = 0; t < IV_TYPE__COUNT; t++) {
		enum iv_type back;
		const char *name = iv_type_name((enum iv_type)t);

		assert_non_null(name);
		assert_true(iv_type_from_name(name, &back));
		assert_int_equal(back, t);
	}
	assert_string_equal(iv_type_name(IV_TYPE_NAME), "name");
	assert_string_equal(iv_type_name(IV_TYPE_ENTITY), "entity");
	assert_string_equal(iv_type_name(IV_TYPE_IBAN), "iban");
	assert_null(iv_type_name(IV_TYPE__COUNT));
	{
		enum iv_type t = IV_TYPE_TEXT;

		assert_false(iv_type_from_name("nope", &t));
		assert_false(iv_type_from_name(NULL, &t));
		assert_int_equal(t, IV_TYPE_TEXT);
	}
}

static void test_lookups_allocate_nothing(void **state)
{
	const struct iv_schema *s;

	iv_alloc_fail_after(1); /* any allocation would now fail */
	s = iv_schema_get("Vessel");
	assert_non_null(s);
	assert_non_null(iv_schema_property(s, "name"));
	assert_non_null(iv_schema_property_at(s, 3));
	assert_true(iv_schema_is_a(s, "Asset"));
	assert_int_equal(iv_alloc_count(), 0);
	iv_alloc_fail_after(0);
}

/* ---- the self-check on hand-made tables ------------------------------------ */

static const struct iv_schema_def good_schemata[] = {
        {"Root", "", IV_SCHEMA_ABSTRACT, "Root", NULL, NULL},
        {"Left", "Root", 0, "Left", NULL, NULL},
        {"Right", "Root", 0, "Right", NULL, NULL},
        {"Both", "Left,Right", 0, "Both", NULL, NULL},
        {"Link", "", IV_SCHEMA_EDGE, "Link", "from", "to"},
};

static const struct iv_prop_def good_props[] = {
        {"Root", "name", IV_TYPE_NAME, "Name", NULL, true},
        {"Left", "left", IV_TYPE_STRING, "Left", NULL, false},
        {"Right", "right", IV_TYPE_STRING, "Right", NULL, false},
        {"Both", "both", IV_TYPE_DATE, "Both", NULL, false},
        {"Link", "from", IV_TYPE_ENTITY, "From", "Root", false},
        {"Link", "to", IV_TYPE_ENTITY, "To", "Both", false},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_check_good_table(void **state)
{
	struct iv_schema_links *l = calloc(1, sizeof(*l));
	struct iv_buf err = IV_BUF_INIT;

	assert_int_equal(iv_schema_check_defs(good_schemata, N(good_schemata), good_props,
	                                      N(good_props), l, &err),
	                 IV_OK);
	assert_int_equal(err.len, 0); /* untouched on success */
	/* Both: Root once (diamond), parents before children, itself last */
	assert_int_equal(l->n_chain[3], 4);
	assert_int_equal(l->chain[3][0], 0);
	assert_int_equal(l->chain[3][3], 3);
	assert_int_equal(l->n_parents[3], 2);
	assert_int_equal(l->n_chain[0], 1);
	free(l);
	iv_buf_release(&err);
}

/* Run the check on the good tables with one schema or property replaced. */
static void expect_bad(const struct iv_schema_def *schema, size_t schema_at,
                       const struct iv_prop_def *prop, size_t prop_at, const char *message)
{
	struct iv_schema_def s[N(good_schemata) + 1];
	struct iv_prop_def p[N(good_props) + 1];
	size_t ns = N(good_schemata), np = N(good_props);
	struct iv_buf err = IV_BUF_INIT;

	memcpy(s, good_schemata, sizeof(good_schemata));
	memcpy(p, good_props, sizeof(good_props));
	if (schema) {
		s[schema_at] = *schema;
		ns = schema_at >= ns ? ns + 1 : ns;
	}
	if (prop) {
		p[prop_at] = *prop;
		np = prop_at >= np ? np + 1 : np;
	}
	assert_int_equal(iv_schema_check_defs(s, ns, p, np, NULL, &err), IV_ERR_INVALID);
	if (!strstr(err.buf, message))
		fail_msg("expected '%s' in '%s'", message, err.buf);
	iv_buf_release(&err);
}

static void test_check_bad_tables(void **state)
{
	const struct iv_schema_def unknown_parent = {"Left", "Nowhere", 0, "Left", NULL, NULL};
	const struct iv_schema_def self_parent = {"Left", "Left", 0, "Left", NULL, NULL};
	const struct iv_schema_def cycle = {"Root", "Both", 0, "Root", NULL, NULL};
	const struct iv_schema_def twice = {"Left", "", 0, "Left", NULL, NULL};
	const struct iv_schema_def dup_name = {"Root", "", 0, "Again", NULL, NULL};
	const struct iv_schema_def bad_name = {"1st", "", 0, "First", NULL, NULL};
	const struct iv_schema_def no_label = {"Extra", "", 0, "", NULL, NULL};
	const struct iv_schema_def bad_flags = {"Extra", "", 1u << 9, "Extra", NULL, NULL};
	const struct iv_schema_def edge_no_ends = {"Link", "", IV_SCHEMA_EDGE, "Link", NULL, NULL};
	const struct iv_schema_def ends_no_edge = {"Link", "", 0, "Link", "from", "to"};
	const struct iv_schema_def edge_bad_end = {"Link", "",     IV_SCHEMA_EDGE,
	                                           "Link", "from", "nowhere"};
	const struct iv_schema_def edge_not_entity = {"Link", "Root", IV_SCHEMA_EDGE,
	                                              "Link", "from", "name"};
	const struct iv_schema_def dup_parent = {"Both", "Left,Left", 0, "Both", NULL, NULL};
	const struct iv_prop_def redeclared = {"Both", "name", IV_TYPE_NAME, "Name", NULL, true};
	const struct iv_prop_def diamond = {"Right", "left", IV_TYPE_STRING, "L", NULL, false};
	const struct iv_prop_def unknown_range = {"Link", "to",      IV_TYPE_ENTITY,
	                                          "To",   "Nowhere", false};
	const struct iv_prop_def no_range = {"Link", "to", IV_TYPE_ENTITY, "To", NULL, false};
	const struct iv_prop_def range_on_string = {"Left", "left", IV_TYPE_STRING,
	                                            "Left", "Root", false};
	const struct iv_prop_def unknown_schema = {"Ghost", "x", IV_TYPE_STRING, "X", NULL, false};
	const struct iv_prop_def same_schema = {"Left", "left", IV_TYPE_TEXT, "Again", NULL, false};
	const struct iv_prop_def bad_type = {"Left", "odd", IV_TYPE__COUNT, "Odd", NULL, false};
	const struct iv_prop_def no_prop_label = {"Left", "odd", IV_TYPE_STRING, "", NULL, false};

	expect_bad(&unknown_parent, 1, NULL, 0, "unknown parent 'Nowhere'");
	expect_bad(&self_parent, 1, NULL, 0, "inherits from itself");
	expect_bad(&cycle, 0, NULL, 0, "cycle");
	expect_bad(&twice, 5, NULL, 0, "Left: defined twice");
	expect_bad(&dup_name, 5, NULL, 0, "Root: defined twice");
	expect_bad(&bad_name, 5, NULL, 0, "bad name");
	expect_bad(&no_label, 5, NULL, 0, "no label");
	expect_bad(&bad_flags, 5, NULL, 0, "unknown flags");
	expect_bad(&edge_no_ends, 4, NULL, 0, "edge without source and target");
	expect_bad(&ends_no_edge, 4, NULL, 0, "not an edge");
	expect_bad(&edge_bad_end, 4, NULL, 0, "edge end 'nowhere' is not a property");
	expect_bad(&edge_not_entity, 4, NULL, 0, "edge end 'name' is not an entity property");
	expect_bad(&dup_parent, 3, NULL, 0, "listed twice");
	expect_bad(NULL, 0, &redeclared, 6, "'name' declared twice along its ancestry");
	expect_bad(NULL, 0, &diamond, 6, "'left' declared twice along its ancestry");
	expect_bad(NULL, 0, &same_schema, 6, "'left' declared twice");
	expect_bad(NULL, 0, &unknown_range, 5, "unknown range 'Nowhere'");
	expect_bad(NULL, 0, &no_range, 5, "without a range");
	expect_bad(NULL, 0, &range_on_string, 1, "range on a property that is not an entity");
	expect_bad(NULL, 0, &unknown_schema, 6, "unknown schema 'Ghost'");
	expect_bad(NULL, 0, &bad_type, 6, "unknown type");
	expect_bad(NULL, 0, &no_prop_label, 6, "no label");

	/* a property of the same name on two unrelated chains is fine */
	{
		const struct iv_prop_def unrelated = {"Link", "left", IV_TYPE_STRING,
		                                      "L",    NULL,   false};
		struct iv_prop_def p[N(good_props) + 1];

		memcpy(p, good_props, sizeof(good_props));
		p[N(good_props)] = unrelated;
		assert_int_equal(iv_schema_check_defs(good_schemata, N(good_schemata), p,
		                                      N(good_props) + 1, NULL, NULL),
		                 IV_OK);
	}
	/* no table at all; and a NULL err is allowed */
	assert_int_equal(iv_schema_check_defs(good_schemata, 0, NULL, 0, NULL, NULL),
	                 IV_ERR_INVALID);
}

static void test_check_long_chain(void **state)
{
	/* S0 <- S1 <- ... : within the limit passes, past it fails */
	static char names[IV_SCHEMA_MAX_CHAIN + 1][16];
	struct iv_schema_def defs[IV_SCHEMA_MAX_CHAIN + 1];
	struct iv_buf err = IV_BUF_INIT;

	for (unsigned i = 0; i <= IV_SCHEMA_MAX_CHAIN; i++) {
		snprintf(names[i], sizeof(names[i]), "S%u", i);
		defs[i] =
		        (struct iv_schema_def){names[i], i ? names[i - 1] : "", 0, "S", NULL, NULL};
	}
	assert_int_equal(iv_schema_check_defs(defs, IV_SCHEMA_MAX_CHAIN, NULL, 0, NULL, &err),
	                 IV_OK);
	assert_int_equal(iv_schema_check_defs(defs, IV_SCHEMA_MAX_CHAIN + 1, NULL, 0, NULL, &err),
	                 IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "ancestors"));
	iv_buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_first_use_threads),
	        cmocka_unit_test(test_registry_ok),
	        cmocka_unit_test(test_listed_schemata_exist),
	        cmocka_unit_test(test_inheritance),
	        cmocka_unit_test(test_property_lookup),
	        cmocka_unit_test(test_property_iteration),
	        cmocka_unit_test(test_common),
	        cmocka_unit_test(test_edges),
	        cmocka_unit_test(test_flags),
	        cmocka_unit_test(test_all_properties_sound),
	        cmocka_unit_test(test_type_names),
	        cmocka_unit_test(test_lookups_allocate_nothing),
	        cmocka_unit_test(test_check_good_table),
	        cmocka_unit_test(test_check_bad_tables),
	        cmocka_unit_test(test_check_long_chain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
