/*
 * test_resolve_match.c - the engine's comparison rules below the public
 * API (lib/resolve/resolve_int.h): a name that is a short form of another
 * ("Kaka Azad" for "Azad Mohammed") and its level, one phone number
 * written two ways (national and international, a digit dropped) with its
 * levels and blocking keys, which keys are a record's evidence (its
 * identifiers' and selectors', first), when a shared strong identifier is
 * denied (a reused number), the decision rule that links a shared
 * selector with a compatible name, the key a name's frequency is
 * counted under (every spelling of the name), and bridging records: which
 * records hold two different selectors, and how clustering places them
 * (one cluster, never two; judgements and strong identifiers first; the
 * same clusters whatever the nodes' numbering); values compared in
 * another form than they arrive in (a month-first date kept verbatim, a
 * refugee's status for a nationality, an address in another script), and
 * the review band's calibration by people's verdicts.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "resolve/resolve_int.h"
#include "names_helpers.h"

static bool short_form(const char *a, const char *b)
{
	struct iv_name_keys ka = {0}, kb = {0};
	bool one, other;

	if (iv_names_keys(names, a, &ka, NULL) || iv_names_keys(names, b, &kb, NULL))
		fail_msg("keys of '%s' / '%s'", a, b);
	one = rv_name_short_form(&ka, &kb);
	other = rv_name_short_form(&kb, &ka);
	if (one != other)
		fail_msg("'%s' / '%s': not symmetric", a, b);
	iv_name_keys_release(&ka);
	iv_name_keys_release(&kb);
	return one;
}

static void test_short_form(void **state)
{
	(void)state;
	assert_true(short_form("Azad", "Azad Mohammed"));
	assert_true(short_form("Kaka Azad", "Azad Mohammed"));
	assert_true(short_form("Kaka Azad", "ئازاد محەمەد"));
	assert_true(short_form("Haji Farid", "Farid Ahmad Popalzai"));
	assert_true(short_form("Hassan", "M. Al Hassan"));
	/* a different surname, an initial alone, the same number of words */
	assert_false(short_form("Azad Karim", "Azad Mohammed"));
	assert_false(short_form("M.", "Mohammed Hassan"));
	assert_false(short_form("Azad Mohammed", "Azaad Mohamed"));
	assert_false(short_form("Hemin", "Azad Mohammed"));
}

/* A record set of one family from stored-record texts, built. */
static void set_of(struct rv_set *set, const char *family, const char *const *texts, size_t n)
{
	char eid[32];

	rv_set_init(set, rv_family_find(family), names);
	for (size_t i = 0; i < n; i++) {
		snprintf(eid, sizeof(eid), "r-%zu", i);
		assert_int_equal(rv_set_add_text(set, eid, texts[i], NULL), IV_OK);
	}
	assert_int_equal(rv_set_build(set, NULL), IV_OK);
}

static void release_set(struct rv_set *set)
{
	set->names = NULL; /* borrowed */
	rv_set_release(set);
}

/* What json_dumps(JSON_COMPACT) writes for a record, built as jansson objects (the oracle). */
static char *record_dumped(const struct rv_set *set, size_t rec)
{
	const struct rv_record *r = &set->recs[rec];
	json_t *root = json_object(), *values = json_object(), *strong = json_array();
	char *text;

	json_object_set_new(root, "schema", json_string(r->schema));
	for (size_t f = 0; f < set->fam->nf; f++) {
		json_t *arr = json_array();

		for (uint32_t v = r->off[f]; v < r->off[f + 1]; v++)
			json_array_append_new(arr, json_string(set->vals[v].v));
		if (json_array_size(arr) > 0)
			json_object_set(values, set->fam->f[f].name, arr);
		json_decref(arr);
	}
	for (uint32_t v = r->off[RV_SLOT_STRONG]; v < r->off[RV_SLOT_STRONG + 1]; v++)
		json_array_append_new(strong, json_string(set->vals[v].v));
	json_object_set_new(root, "values", values);
	json_object_set_new(root, "strong", strong);
	json_object_set_new(root, "bridges", json_boolean(rv_record_bridges(set, rec)));
	text = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	return text;
}

/* A record's stored text is what jansson would write for it, and reads back into the same
 * record: the text a batch writes is the text an incremental run and an explanation read
 * (quotes, control characters and scripts kept). */
static void test_record_text_round_trip(void **state)
{
	static const char *const texts[] = {
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"Muhamad \\\"Abu Ali\\\" "
	        "Alhasan\",\"محمد الحسن\"],\"birth_date\":[\"1982-04\"],\"phone\":"
	        "[\"+447700900123\"]},\"strong\":[\"passport\\u001Fgb\\u001F123456789\"],"
	        "\"bridges\":false}",
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"ሃብታይ ተስፋይ\",\"back\\\\slash\\t"
	        "tab\"]},\"strong\":[],\"bridges\":false}",
	        "{\"schema\":\"Person\",\"values\":{},\"strong\":[],\"bridges\":false}",
	        /* two men's phones: bridging, and the text says so */
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"Sahin\"],\"phone\":"
	        "[\"+306906527292\",\"+905328794531\"]},\"strong\":[],\"bridges\":true}",
	        /* two phones and a birth date to the day: one man's numbers, not bridging */
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"Ali Osman\"],\"birth_date\":"
	        "[\"1982-09-10\"],\"phone\":[\"+33676725589\",\"+249921101987\"]},\"strong\":[],"
	        "\"bridges\":false}",
	};
	struct rv_set set;
	struct iv_buf text = IV_BUF_INIT;

	(void)state;
	set_of(&set, "Person", texts, sizeof(texts) / sizeof(texts[0]));
	assert_int_equal(set.nrecs, sizeof(texts) / sizeof(texts[0]));
	for (size_t i = 0; i < set.nrecs; i++) {
		char *want = record_dumped(&set, i);

		assert_non_null(want);
		assert_int_equal(rv_record_text(&set, i, &text), IV_OK);
		assert_string_equal(text.buf, want);
		assert_string_equal(text.buf, texts[strtoul(set.recs[i].eid + 2, NULL, 10)]);
		/* the stored answer is the one the text's values give, as an older record
		 * without it (cut here) is parsed for */
		{
			bool bridges = rv_record_bridges(&set, i);
			size_t key = text.len -
			             strlen(bridges ? ",\"bridges\":true}" : ",\"bridges\":false}");

			assert_int_equal(rv_text_bridges(set.fam, text.buf), bridges);
			text.buf[key] = '}';
			text.buf[key + 1] = '\0';
			assert_int_equal(rv_text_bridges(set.fam, text.buf), bridges);
		}
		free(want);
	}
	iv_buf_release(&text);
	release_set(&set);
}

static int feature(const struct rv_family *fam, const char *name)
{
	for (size_t f = 0; f < fam->nf; f++)
		if (!strcmp(fam->f[f].name, name))
			return (int)f;
	fail_msg("no feature %s", name);
	return -1;
}

static void test_name_level(void **state)
{
	static const char *const texts[] = {
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"Kaka Azad\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"Azad Mohammed\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"Azad Karim\"]}}",
	};
	struct rv_set set;
	struct rv_compare c;
	int name;

	(void)state;
	set_of(&set, "Person", texts, 3);
	name = feature(set.fam, "name");
	rv_compare(&set, 0, &set, 1, NULL, &c);
	assert_int_equal(c.level[name], RV_NAME_LEVEL_SHORT_FORM);
	assert_string_equal(rv_level_name(RV_NAME, c.level[name]), "short form");
	rv_compare(&set, 1, &set, 2, NULL, &c);
	assert_true(c.level[name] > RV_NAME_LEVEL_SHORT_FORM);
	assert_int_equal(rv_kind_levels(RV_NAME), 7);
	assert_string_equal(rv_level_name(RV_NAME, 6), "missing");
	release_set(&set);
}

/*
 * Values written the same share one spelling's keys, and a comparing
 * thread's memo answers a pair of spellings met again: the levels are
 * those of comparing afresh, whichever order the pairs come in.
 */
static void test_shared_keys_and_memo(void **state)
{
	static const char *const texts[] = {
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"Muhammad Al-Hassan\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"Mohammed Alhasan\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"Muhammad Al-Hassan\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"Mohammed Alhasan\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"Karim Rahimi\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"\u0645\u062d\u0645\u062f "
	        "\u0627\u0644\u062d\u0633\u0646\"]}}",
	};
	struct rv_set set;
	struct rv_memo *memo = iv_calloc(sizeof(*memo));
	int name;

	(void)state;
	assert_non_null(memo);
	set_of(&set, "Person", texts, 6);
	name = feature(set.fam, "name");
	assert_int_equal(set.ndistinct, 4);
	assert_ptr_equal(set.keys[set.recs[0].off[name]].pool_,
	                 set.keys[set.recs[2].off[name]].pool_);
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < 6; i++)
			for (size_t j = 0; j < 6; j++) {
				struct rv_compare fresh, kept;

				if (i == j)
					continue;
				rv_compare(&set, i, &set, j, NULL, &fresh);
				rv_compare(&set, i, &set, j, memo, &kept);
				assert_int_equal(fresh.level[name], kept.level[name]);
			}
	/* the same two spellings on another pair of records: the same level, a close one */
	{
		struct rv_compare a, b;

		rv_compare(&set, 0, &set, 1, memo, &a);
		rv_compare(&set, 2, &set, 3, memo, &b);
		assert_int_equal(a.level[name], b.level[name]);
		assert_true(a.level[name] < RV_NAME_LEVEL_SHORT_FORM);
	}
	iv_free(memo);
	release_set(&set);
}

/* Whether records i and j of the set share a blocking key. */
static bool share_key(const struct rv_set *set, size_t i, size_t j)
{
	uint64_t *ka = NULL, *kb = NULL;
	size_t na = 0, nb = 0, aa = 0, ab = 0;
	bool shared = false;

	assert_int_equal(rv_record_keys(set, i, &ka, &na, &aa, NULL, NULL, NULL), IV_OK);
	assert_int_equal(rv_record_keys(set, j, &kb, &nb, &ab, NULL, NULL, NULL), IV_OK);
	for (size_t x = 0; x < na; x++)
		for (size_t y = 0; y < nb; y++)
			shared = shared || ka[x] == kb[y];
	iv_free(ka);
	iv_free(kb);
	return shared;
}

/* A record's identifier and selector keys come first, and only they are counted as such. */
static void test_evidence_keys(void **state)
{
	static const char *const texts[] = {
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"Karwan Aziz\"],\"birth_date\":"
	        "[\"1990-05-01\"],\"phone\":[\"+33754477969\"],\"email\":[\"k@example.org\"]},"
	        "\"strong\":[\"document\\u001fiq\\u001fA1234567\"]}",
	        "{\"schema\":\"Person\",\"values\":{\"phone\":[\"+33754477969\"],\"email\":"
	        "[\"k@example.org\"]},\"strong\":[\"document\\u001fiq\\u001fA1234567\"]}",
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"Karwan Aziz\"],\"birth_date\":"
	        "[\"1990-05-01\"]}}",
	};
	struct rv_set set;
	uint64_t *k[3] = {NULL, NULL, NULL};
	size_t n[3] = {0, 0, 0}, alloc[3] = {0, 0, 0}, ev[3];

	(void)state;
	set_of(&set, "Person", texts, 3);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(
		        rv_record_keys(&set, i, &k[i], &n[i], &alloc[i], &ev[i], NULL, NULL),
		        IV_OK);
	/* the second record has only evidence: its keys are the first record's first ones */
	assert_int_equal(ev[1], n[1]);
	assert_int_equal(ev[0], ev[1]);
	assert_true(ev[1] >= 4); /* the document, the e-mail, the phone (two keys) */
	for (size_t x = 0; x < ev[1]; x++) {
		bool found = false;

		for (size_t y = 0; y < ev[0]; y++)
			found = found || k[0][y] == k[1][x];
		assert_true(found);
	}
	assert_true(n[0] > ev[0]);
	/* names and dates alone: keys, none of them evidence */
	assert_int_equal(ev[2], 0);
	assert_true(n[2] > 0);
	for (size_t i = 0; i < 3; i++)
		iv_free(k[i]);
	release_set(&set);
}

/* Whether key is among keys[from..to). */
static bool has_key(const uint64_t *keys, size_t from, size_t to, uint64_t key)
{
	for (size_t i = from; i < to; i++)
		if (keys[i] == key)
			return true;
	return false;
}

/*
 * An address and 1 January make keys that are only counted (they block
 * nothing): the key a record makes of its address is the one an equal
 * address is counted under when two records are compared, case aside,
 * and an address in Arabic script by its ASCII form; 1 January of a year
 * likewise.
 */
static void test_counted_keys(void **state)
{
	static const char *const texts[] = {
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"Emir Rezaei\"],\"birth_date\":"
	        "[\"1982-01-01\"],\"address\":[\"Hafenstrasse 33, 20910 Hamburg\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"Rezaei, Emir\"],\"birth_date\":"
	        "[\"1982-01-01\"],\"address\":[\"HAFENSTRASSE 33, 20910 HAMBURG\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"Karwan Aziz\"],\"address\":"
	        "[\"\u0695\u0627\u0646\u06cc\u06d5\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"Karwan Aziz\"],\"address\":"
	        "[\"RANYE\"]}}",
	};
	const struct rv_family *fam = rv_family_find("Person");
	int addr = feature(fam, "address"), dob = feature(fam, "birth_date");
	struct rv_set set;
	uint64_t *k[4] = {NULL, NULL, NULL, NULL};
	size_t n[4] = {0}, alloc[4] = {0}, ev[4], dated[4], counted[4];
	struct rv_compare c;

	(void)state;
	set_of(&set, "Person", texts, 4);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(rv_record_keys(&set, i, &k[i], &n[i], &alloc[i], &ev[i], &dated[i],
		                                &counted[i]),
		                 IV_OK);
	/* 1 January is no blocking key, but it is counted */
	assert_int_equal(dated[0], 0);
	assert_int_equal(counted[0], 2);
	rv_compare(&set, 0, &set, 1, NULL, &c);
	assert_int_equal(c.level[addr], 0);
	assert_int_equal(c.level[dob], 0);
	for (size_t i = 0; i < 2; i++) {
		size_t from = ev[i] + dated[i], to = from + counted[i];

		assert_true(c.tf_key[addr] && has_key(k[i], from, to, c.tf_key[addr]));
		assert_true(c.tf_key[dob] && has_key(k[i], from, to, c.tf_key[dob]));
	}
	/* the Sorani spelling of Ranya is compared, and counted, as its ASCII form */
	rv_compare(&set, 2, &set, 3, NULL, &c);
	assert_int_equal(c.level[addr], 0);
	for (size_t i = 2; i < 4; i++) {
		size_t from = ev[i] + dated[i];

		assert_int_equal(counted[i], 1);
		assert_true(c.tf_key[addr] && has_key(k[i], from, from + 1, c.tf_key[addr]));
	}
	for (size_t i = 0; i < 4; i++)
		iv_free(k[i]);
	release_set(&set);
}

/* rv_strong_denied on weights set by hand (a fitted model's come from the data). */
static void test_strong_denied_rule(void **state)
{
	const struct rv_family *fam = rv_family_find("Person");
	struct iv_fs_contrib c[RV_MAX_FEATURES];
	uint8_t level[RV_MAX_FEATURES];
	int name = feature(fam, "name"), dob = feature(fam, "birth_date");
	int nat = feature(fam, "nationality"), sex = feature(fam, "gender");

	(void)state;
	memset(c, 0, sizeof(c));
	for (size_t f = 0; f < fam->nf; f++)
		level[f] = (uint8_t)(rv_kind_levels(fam->f[f].kind) - 1); /* missing */
	/* alike names (+0.5), another birth date (-4) and sex (-7): -10.5 bits */
	level[name] = RV_NAME_LEVEL_SIMILAR;
	c[name].weight = 0.5;
	level[dob] = RV_DATE_LEVEL_DIFFERENT;
	c[dob].weight = -4;
	c[sex].weight = -7;
	assert_true(rv_strong_denied(fam, level, c));
	/* a shared nationality (+3) does not count: every holder of the passport has it */
	c[nat].weight = 3;
	assert_true(rv_strong_denied(fam, level, c));
	/* but a little less against (-9.5) leaves the identifier its link */
	c[sex].weight = -6;
	assert_false(rv_strong_denied(fam, level, c));
	/* names not alike at all, and only weak attributes agree: denied */
	memset(c, 0, sizeof(c));
	level[name] = RV_NAME_LEVEL_DIFFERENT;
	c[name].weight = -5;
	level[dob] = (uint8_t)(rv_kind_levels(RV_DATE) - 1);
	c[nat].weight = 3;
	c[sex].weight = 0.5;
	assert_true(rv_strong_denied(fam, level, c));
	/* names not alike, but the birth date agrees (a changed name): linked */
	level[dob] = 0;
	c[dob].weight = 9;
	assert_false(rv_strong_denied(fam, level, c));
}

static void test_phone_writings(void **state)
{
	/* no names: only the phones make keys */
	static const char *const texts[] = {
	        "{\"schema\":\"Person\",\"values\":{\"phone\":[\"+33754477969\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"phone\":[\"0754477969\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"phone\":[\"+3375447796\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"phone\":[\"+33754477968\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"phone\":[\"+33754477969\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"phone\":[\"12345\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"phone\":[\"1234\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"phone\":[\"+33754407969\"]}}",
	};
	struct rv_set set;
	struct rv_compare c;
	int phone;

	(void)state;
	set_of(&set, "Person", texts, 8);
	phone = feature(set.fam, "phone");
	assert_int_equal(set.fam->f[phone].kind, RV_PHONE);
	rv_compare(&set, 0, &set, 4, NULL, &c);
	assert_int_equal(c.level[phone], 0);
	assert_string_equal(rv_level_name(RV_PHONE, 0), "shared");
	/* national and international writing: the last nine digits */
	rv_compare(&set, 0, &set, 1, NULL, &c);
	assert_int_equal(c.level[phone], 1);
	assert_true(share_key(&set, 0, 1));
	/* the last digit dropped */
	rv_compare(&set, 2, &set, 0, NULL, &c);
	assert_int_equal(c.level[phone], 2);
	assert_true(share_key(&set, 0, 2));
	/* another number: the next of its range shares the key of the dropped digit, no more */
	rv_compare(&set, 0, &set, 3, NULL, &c);
	assert_int_equal(c.level[phone], 3);
	rv_compare(&set, 0, &set, 7, NULL, &c);
	assert_int_equal(c.level[phone], 3);
	assert_false(share_key(&set, 0, 7));
	/* short numbers are compared as they are */
	rv_compare(&set, 5, &set, 6, NULL, &c);
	assert_int_equal(c.level[phone], 3);
	assert_false(share_key(&set, 5, 6));
	/* shared selectors: the same number in either writing, not a dropped digit */
	assert_true(rv_shares_selector(set.fam, (size_t)phone, 0));
	assert_true(rv_shares_selector(set.fam, (size_t)phone, 1));
	assert_false(rv_shares_selector(set.fam, (size_t)phone, 2));
	assert_false(rv_shares_selector(set.fam, (size_t)feature(set.fam, "nationality"), 0));
	release_set(&set);
}

/*
 * Values that arrive in another form than the one they are compared in:
 * a month-first date a day-first source kept verbatim, a refugee's status
 * in place of a nationality, an address in Sorani or Ge'ez script.
 */
static void test_values_other_forms(void **state)
{
	static const char *const texts[] = {
	        "{\"schema\":\"Person\",\"values\":{\"birth_date\":[\"1988-08-26\"],"
	        "\"nationality\":[\"sd\"],\"address\":[\"Ranya\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"birth_date\":[\"08/26/1988\"],"
	        "\"nationality\":[\"xxb\"],\"address\":[\"\u0695\u0627\u0646\u06cc\u06d5\"]}}",
	        /* 26.08.1988: the same date with the day first */
	        "{\"schema\":\"Person\",\"values\":{\"birth_date\":[\"26.08.1988\"],"
	        "\"nationality\":[\"xxa\", \"iq\"],\"address\":[\"Durres\"]}}",
	        /* both orders possible: no date */
	        "{\"schema\":\"Person\",\"values\":{\"birth_date\":[\"08/06/1988\"],"
	        "\"address\":[\"\u1218\u1295\u12f0\u1348\u122b\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"birth_date\":[\"1988-06-08\"],"
	        "\"address\":[\"Mendefera\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"birth_date\":[\"31/31/1988\"]}}",
	        /* one order only, but no such day (6, 7), and a leap day (8, 9) */
	        "{\"schema\":\"Person\",\"values\":{\"birth_date\":[\"31/02/1988\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"birth_date\":[\"02/29/1989\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"birth_date\":[\"02/29/1988\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"birth_date\":[\"1988-02-29\"]}}",
	        /* a Hijri year the ingest could not place (no calendar said), kept as written */
	        "{\"schema\":\"Person\",\"values\":{\"birth_date\":[\"1365/04/12\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"birth_date\":[\"1986-07-03\"]}}",
	};
	struct rv_set set;
	struct rv_compare c;
	int date, nat, address;

	(void)state;
	set_of(&set, "Person", texts, 12);
	date = feature(set.fam, "birth_date");
	nat = feature(set.fam, "nationality");
	address = feature(set.fam, "address");
	/* the month-first date has one possible reading */
	rv_compare(&set, 0, &set, 1, NULL, &c);
	assert_int_equal(c.level[date], 0);
	rv_compare(&set, 1, &set, 2, NULL, &c);
	assert_int_equal(c.level[date], 0);
	/* ambiguous or impossible both ways: missing, not different */
	rv_compare(&set, 3, &set, 4, NULL, &c);
	assert_int_equal(c.level[date], rv_kind_levels(RV_DATE) - 1);
	rv_compare(&set, 5, &set, 0, NULL, &c);
	assert_int_equal(c.level[date], rv_kind_levels(RV_DATE) - 1);
	rv_compare(&set, 6, &set, 9, NULL, &c);
	assert_int_equal(c.level[date], rv_kind_levels(RV_DATE) - 1);
	rv_compare(&set, 7, &set, 9, NULL, &c);
	assert_int_equal(c.level[date], rv_kind_levels(RV_DATE) - 1);
	rv_compare(&set, 8, &set, 9, NULL, &c);
	assert_int_equal(c.level[date], 0);
	/* 1365/04/12 is 3 July 1986 in the Solar Hijri calendar: missing, not a year 1365 */
	rv_compare(&set, 10, &set, 11, NULL, &c);
	assert_int_equal(c.level[date], rv_kind_levels(RV_DATE) - 1);
	/* a status is no nationality: missing against Sudanese, the other value kept */
	rv_compare(&set, 0, &set, 1, NULL, &c);
	assert_int_equal(c.level[nat], rv_kind_levels(RV_EXACT) - 1);
	assert_int_equal(set.recs[1].off[nat + 1] - set.recs[1].off[nat], 0);
	assert_int_equal(set.recs[2].off[nat + 1] - set.recs[2].off[nat], 1);
	assert_string_equal(set.vals[set.recs[2].off[nat]].v, "iq");
	/* Sorani and Ge'ez addresses meet their Latin spellings; Durres does not */
	rv_compare(&set, 0, &set, 1, NULL, &c);
	assert_true(c.level[address] <= 1);
	rv_compare(&set, 3, &set, 4, NULL, &c);
	assert_true(c.level[address] <= 1);
	rv_compare(&set, 1, &set, 2, NULL, &c);
	assert_int_equal(c.level[address], 3);
	/* the stored record keeps the address as written */
	assert_string_equal(set.vals[set.recs[1].off[address]].v, "\u0695\u0627\u0646\u06cc\u06d5");
	release_set(&set);
}

/* 1 January stands for a year alone (registrations write it when the day is unknown). */
static void test_first_of_january(void **state)
{
	static const char *const texts[] = {
	        "{\"schema\":\"Person\",\"values\":{\"birth_date\":[\"1994-01-01\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"birth_date\":[\"1994-11-02\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"birth_date\":[\"1995-11-02\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"birth_date\":[\"01/01/1994\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"birth_date\":[\"1994-01-05\"]}}",
	};
	struct rv_set set;
	struct rv_compare c;
	int date;

	(void)state;
	set_of(&set, "Person", texts, 5);
	date = feature(set.fam, "birth_date");
	/* the same year: a part of the other date, as 1994 against 1994-11-02 */
	rv_compare(&set, 0, &set, 1, NULL, &c);
	assert_int_equal(c.level[date], 2);
	rv_compare(&set, 1, &set, 0, NULL, &c);
	assert_int_equal(c.level[date], 2);
	/* another year is still another date */
	rv_compare(&set, 0, &set, 2, NULL, &c);
	assert_int_equal(c.level[date], RV_DATE_LEVEL_DIFFERENT);
	/* two first Januaries agree exactly (their frequency says how common they are) */
	rv_compare(&set, 0, &set, 3, NULL, &c);
	assert_int_equal(c.level[date], 0);
	/* 5 January is a day like any other */
	rv_compare(&set, 4, &set, 1, NULL, &c);
	assert_int_equal(c.level[date], RV_DATE_LEVEL_DIFFERENT);
	/* and 1 January makes no key of a full birth date (a year alone blocks by year) */
	{
		uint64_t *keys = NULL;
		size_t n = 0, alloc = 0, nev = 0, ndated = 9;

		assert_int_equal(rv_record_keys(&set, 0, &keys, &n, &alloc, &nev, &ndated, NULL),
		                 IV_OK);
		assert_int_equal(ndated, 0);
		n = 0;
		assert_int_equal(rv_record_keys(&set, 1, &keys, &n, &alloc, &nev, &ndated, NULL),
		                 IV_OK);
		assert_int_equal(ndated, 1);
		iv_free(keys);
	}
	release_set(&set);
}

static void test_selector_and_name(void **state)
{
	const struct rv_family *fam = rv_family_find("Person");
	uint8_t level[RV_MAX_FEATURES];
	struct iv_fs_contrib c[RV_MAX_FEATURES];
	int name = feature(fam, "name"), phone = feature(fam, "phone");
	bool by_selector;

	(void)state;
	memset(c, 0, sizeof(c));
	for (size_t f = 0; f < fam->nf; f++)
		level[f] = (uint8_t)(rv_kind_levels(fam->f[f].kind) - 1); /* missing */
	level[name] = RV_NAME_LEVEL_SHORT_FORM;
	level[phone] = 0;
	c[name].weight = 4.6;
	c[phone].weight = 12.7;
	/* a shared phone and a short form: linked in the review band's upper half */
	assert_true(rv_links(fam, 0.6, 0.9, level, c, &by_selector));
	assert_true(by_selector);
	assert_false(rv_links(fam, 0.4, 0.9, level, c, &by_selector));
	/* at the threshold and corroborated: the ordinary rule */
	assert_true(rv_links(fam, 0.95, 0.9, level, c, &by_selector));
	assert_false(by_selector);
	/* a threshold below 0.5 is the bar */
	assert_true(rv_links(fam, 0.35, 0.3, level, c, &by_selector));
	/* the other writing of the number counts as shared */
	level[phone] = 1;
	assert_true(rv_links(fam, 0.6, 0.9, level, c, &by_selector));
	/* names only 0.70 alike, or no shared selector: no */
	level[name] = RV_NAME_LEVEL_SIMILAR;
	assert_false(rv_links(fam, 0.8, 0.9, level, c, &by_selector));
	level[name] = RV_NAME_LEVEL_SHORT_FORM;
	level[phone] = 3;
	c[phone].weight = -1;
	assert_false(rv_links(fam, 0.8, 0.9, level, c, &by_selector));
}

static uint64_t tf_key(const char *name)
{
	struct iv_name_keys k = {0};
	uint64_t key;

	if (iv_names_keys(names, name, &k, NULL))
		fail_msg("keys of '%s'", name);
	key = rv_name_tf_key(rv_family_find("Person"), &k);
	iv_name_keys_release(&k);
	return key;
}

/*
 * A name blocks with its words written as one, however they were spaced
 * and in either reading of ذ ض ث: Gholamreza Ahmadi shares no pair of words
 * with غلام رضا احمدی, nor Mohammadreza with محمد رضا.
 */
static void test_glued_name_keys(void **state)
{
	static const char *const texts[] = {
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"Gholamreza Ahmadi\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"غلام "
	        "رضا احمدی\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"Mohammadreza\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"محمد "
	        "رضا\"]}}",
	        /* ends on d: its Persian reading looks no further than the words
	           (valgrind saw the byte after them read, 30 November 2026) */
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"محمد "
	        "احمد\"]}}",
	        "{\"schema\":\"Person\",\"values\":{\"name\":[\"Mohammad Ahmad\"]}}",
	};
	struct rv_set set;

	(void)state;
	set_of(&set, "Person", texts, 6);
	assert_true(share_key(&set, 0, 1));
	assert_true(share_key(&set, 4, 5));
	assert_true(share_key(&set, 2, 3));
	assert_false(share_key(&set, 0, 2));
	release_set(&set);
}

/* A name's frequency counts every spelling and order of it, not one way of writing it. */
static void test_name_frequency_key(void **state)
{
	(void)state;
	assert_true(tf_key("امیر") == tf_key("Amir"));
	assert_true(tf_key("Ameer") == tf_key("Amir"));
	assert_true(tf_key("Azad Mohammed") == tf_key("Muhammad Azad"));
	assert_true(tf_key("Haji Farid") == tf_key("Farid"));
	assert_true(tf_key("Amir") != tf_key("Azad"));
	assert_true(tf_key("Azad Azad") != tf_key("Azad"));
	assert_true(tf_key("Azad Mohammed") != tf_key("Azad Karim"));
}

/*
 * A value's frequency is its share of the records that hold the feature: a
 * birth date held by 10 of the 100 records that give one, among 1,000
 * records, has u 0.1 (not 0.01); a model that does not know how many hold
 * it counts all records.  The count survives the model's stored text.
 */
static void test_frequency_among_holders(void **state)
{
	const struct rv_family *fam = rv_family_find("Person");
	int dob = feature(fam, "birth_date");
	struct rv_model m, back;
	struct iv_fs_contrib c[RV_MAX_FEATURES];
	uint8_t level[RV_MAX_FEATURES];
	uint64_t counts[RV_MAX_FEATURES] = {0};
	struct iv_buf text = IV_BUF_INIT;

	(void)state;
	assert_int_equal(rv_model_new(fam, &m, NULL), IV_OK);
	m.nrecords = 1000;
	m.threshold = 0.9;
	m.review_low = 0.2;
	for (size_t f = 0; f < fam->nf; f++)
		level[f] = (uint8_t)(rv_kind_levels(fam->f[f].kind) - 1); /* missing */
	level[dob] = 0;
	counts[dob] = 10;
	(void)rv_score(fam, &m, level, counts, c, NULL);
	assert_true(fabs(c[dob].u - 0.01) < 1e-12);
	m.holding[dob] = 100;
	(void)rv_score(fam, &m, level, counts, c, NULL);
	assert_true(fabs(c[dob].u - 0.1) < 1e-12);
	assert_int_equal(rv_model_text(fam, &m, &text), IV_OK);
	assert_int_equal(rv_model_parse(fam, text.buf, &back, NULL), IV_OK);
	assert_int_equal(back.holding[dob], 100);
	rv_model_release(&back);
	rv_model_release(&m);
	iv_buf_release(&text);
}

/* ---- bridging records ------------------------------------------------------------ */

static void test_bridging_values(void **state)
{
	const struct rv_family *fam = rv_family_find("Person");
	int phone = feature(fam, "phone"), name = feature(fam, "name");
	int email = feature(fam, "email");
	const char *one_number[] = {"+306906527292", "06906527292", "+30690652729"};
	const char *two_numbers[] = {"+306906527292", "+905328794531"};
	const char *two_mails[] = {"a@example.org", "b@example.org"};
	const char *two_names[] = {"Sahin Sahin", "Sahin Demir"};

	(void)state;
	assert_true(phone >= 0 && name >= 0 && email >= 0);
	/* one number written three ways (national, a digit dropped) is one number */
	assert_false(rv_values_bridge(fam, (size_t)phone, one_number, 3));
	assert_true(rv_values_bridge(fam, (size_t)phone, two_numbers, 2));
	assert_false(rv_values_bridge(fam, (size_t)phone, two_numbers, 1));
	assert_false(rv_values_bridge(fam, (size_t)phone, two_numbers, 0));
	assert_true(rv_values_bridge(fam, (size_t)email, two_mails, 2));
	/* names are not selectors: aliases never make a record bridging */
	assert_false(rv_values_bridge(fam, (size_t)name, two_names, 2));
	/* nor do a person's accounts and plates, nor a company's several numbers */
	{
		const char *two_accounts[] = {"telegram:kaka_azad", "whatsapp:+447400123456"};
		const struct rv_family *org = rv_family_find("Organization");
		int org_phone = feature(org, "phone");

		assert_false(
		        rv_values_bridge(fam, (size_t)feature(fam, "selectors"), two_accounts, 2));
		assert_true(org_phone >= 0);
		assert_false(rv_values_bridge(org, (size_t)org_phone, two_numbers, 2));
	}
	/* the stored text says the same */
	assert_true(rv_text_bridges(fam, "{\"schema\":\"Person\",\"values\":{\"name\":[\"Sahin\"],"
	                                 "\"phone\":[\"+306906527292\",\"+905328794531\"]}}"));
	assert_false(rv_text_bridges(fam, "{\"schema\":\"Person\",\"values\":{\"name\":[\"Sahin\"],"
	                                  "\"phone\":[\"+306906527292\",\"06906527292\"]}}"));
	/* a record that gives a birth date to the day names one person: his two numbers */
	assert_false(rv_text_bridges(fam, "{\"schema\":\"Person\",\"values\":{\"name\":[\"Ali "
	                                  "Osman\"],\"birth_date\":[\"1982-09-10\"],\"phone\":["
	                                  "\"+33676725589\",\"+249921101987\"]}}"));
	/* a year, or 1 January (a year alone), does not */
	assert_true(rv_text_bridges(fam, "{\"schema\":\"Person\",\"values\":{\"name\":[\"Ali "
	                                 "Osman\"],\"birth_date\":[\"1982\"],\"phone\":["
	                                 "\"+33676725589\",\"+249921101987\"]}}"));
	assert_true(rv_text_bridges(fam, "{\"schema\":\"Person\",\"values\":{\"name\":[\"Ali "
	                                 "Osman\"],\"birth_date\":[\"1982-01-01\"],\"phone\":["
	                                 "\"+33676725589\",\"+249921101987\"]}}"));
	assert_false(rv_text_bridges(fam, "{\"values\":{\"phone\":\"+306906527292\"}}"));
	assert_false(rv_text_bridges(fam, "{not json"));
	assert_false(rv_text_bridges(fam, "[]"));
}

/* Cluster n nodes named node-0.., bridging as given; the root of each into root. */
static void cluster_nodes(size_t n, const struct rv_edge *edges, size_t nedges,
                          const bool *bridging, uint32_t *root, size_t *held)
{
	struct rv_edge copy[32];
	char label[16][32];
	const char *np[16];
	uint32_t *rank;

	assert_true(n <= 16 && nedges <= 32);
	for (size_t i = 0; i < n; i++) {
		snprintf(label[i], sizeof(label[i]), "node-%02zu", i);
		np[i] = label[i];
	}
	memcpy(copy, edges, nedges * sizeof(*edges));
	rank = rv_rank_names(np, n);
	assert_non_null(rank);
	assert_int_equal(rv_cluster(n, copy, nedges, rank, bridging, false, root, held, NULL),
	                 IV_OK);
	iv_free(rank);
}

/*
 * The graph of test_cluster_bridging - 0-1: one man's records, 2-3: another's; 4 holds
 * both men's numbers and links to each, more to the first; 5-6: bridging records linked
 * only to each other; 7: alone - with extra edges, clustered; node 7 bridging or not.
 */
static void cluster_men(const struct rv_edge *extra, size_t nextra, bool bridging7,
                        bool none_bridging, uint32_t *root, size_t *held)
{
	static const struct rv_edge base[] = {
	        {0, 1, RV_E_MATCH, 0.99}, {2, 3, RV_E_MATCH, 0.99}, {4, 0, RV_E_MATCH, 0.95},
	        {4, 1, RV_E_MATCH, 0.90}, {4, 2, RV_E_MATCH, 0.99}, {5, 6, RV_E_MATCH, 0.97},
	};
	bool bridging[8] = {false, false, false, false, true, true, true, bridging7};
	struct rv_edge edges[16];
	size_t nbase = sizeof(base) / sizeof(base[0]);

	assert_true(nbase + nextra <= 16);
	memcpy(edges, base, sizeof(base));
	if (nextra)
		memcpy(edges + nbase, extra, nextra * sizeof(*extra));
	cluster_nodes(8, edges, nbase + nextra, none_bridging ? NULL : bridging, root, held);
}

static void test_cluster_bridging(void **state)
{
	uint32_t root[8];
	size_t held = 0;

	(void)state;
	/* without bridging records, 4 joins the two men */
	cluster_men(NULL, 0, false, true, root, &held);
	assert_int_equal(root[0], root[2]);
	assert_int_equal(held, 0);
	/* with: 4 joins the first man only (0.95 + 0.90 against 0.99), the men stay apart */
	cluster_men(NULL, 0, false, false, root, &held);
	assert_int_equal(root[4], root[0]);
	assert_int_equal(root[0], root[1]);
	assert_int_equal(root[2], root[3]);
	assert_true(root[0] != root[2]);
	assert_int_equal(held, 1);
	/* bridging records linked only to each other are one entity */
	assert_int_equal(root[5], root[6]);
	assert_true(root[5] != root[0] && root[5] != root[2]);
	assert_true(root[7] != root[0] && root[7] != root[2] && root[7] != root[5]);

	/* a person's "different" keeps 4 from the first man: it goes to the second */
	cluster_men((const struct rv_edge[]){{4, 1, RV_E_DIFFERENT, 1.0}}, 1, false, false, root,
	            &held);
	assert_int_equal(root[4], root[2]);
	assert_true(root[0] != root[2]);
	/* a strong identifier places 4 with the second man first: its model links to the first
	 * then join nothing */
	cluster_men((const struct rv_edge[]){{4, 3, RV_E_STRONG, 1.0}}, 1, false, false, root,
	            &held);
	assert_int_equal(root[4], root[3]);
	assert_true(root[0] != root[2]);
	assert_int_equal(held, 0);
	/* a person's "same" always joins, bridging or not */
	cluster_men((const struct rv_edge[]){{1, 2, RV_E_SAME, 1.0}}, 1, false, false, root, &held);
	assert_int_equal(root[0], root[3]);
	assert_int_equal(root[4], root[0]);
	/* a second bridging record linked to the first and to the second man does not join
	 * the men through the first bridging record */
	cluster_men((const struct rv_edge[]){{7, 4, RV_E_MATCH, 0.99}, {7, 3, RV_E_MATCH, 0.98}}, 2,
	            true, false, root, &held);
	assert_int_equal(root[4], root[0]);
	assert_int_equal(root[7], root[3]);
	assert_true(root[0] != root[2]);
	assert_int_equal(held, 1); /* 7's links to ordinary records reach one cluster */
	/* bridging records joined by a strong identifier choose together, by all their links:
	 * 4 leans to the first man (1.85), 7 to the second (0.99 + 0.98 + 0.97) */
	cluster_men((const struct rv_edge[]){{7, 4, RV_E_STRONG, 1.0},
	                                     {7, 3, RV_E_MATCH, 0.99},
	                                     {7, 2, RV_E_MATCH, 0.98},
	                                     {7, 3, RV_E_MATCH, 0.97}},
	            4, true, false, root, &held);
	assert_int_equal(root[4], root[7]);
	assert_int_equal(root[7], root[2]);
	assert_true(root[0] != root[2]);
	assert_int_equal(held, 1);
}

/* The clusters do not depend on how the nodes are numbered: the same graph renumbered. */
static void test_cluster_bridging_numbering(void **state)
{
	/* the graph of test_cluster_bridging with a tie: 4 links to each man at 0.95 */
	static const uint32_t perm[7] = {6, 3, 0, 5, 2, 1, 4}; /* node i becomes perm[i] */
	struct rv_edge edges[] = {
	        {0, 1, RV_E_MATCH, 0.99}, {2, 3, RV_E_MATCH, 0.99}, {4, 0, RV_E_MATCH, 0.95},
	        {4, 2, RV_E_MATCH, 0.95}, {5, 6, RV_E_MATCH, 0.97},
	};
	struct rv_edge renum[5];
	bool bridging[7] = {false, false, false, false, true, false, false};
	bool bridging2[7] = {0};
	uint32_t root[7], root2[7];
	char label[7][16];
	const char *np[7], *np2[7];
	uint32_t *rank, *rank2;

	(void)state;
	/* node i is called name i in both numberings, so the ranks follow the names */
	for (size_t i = 0; i < 7; i++) {
		snprintf(label[i], sizeof(label[i]), "e-%c", (char)('g' - i));
		np[i] = label[i];
		np2[perm[i]] = label[i];
		bridging2[perm[i]] = bridging[i];
	}
	for (size_t e = 0; e < 5; e++)
		renum[e] = (struct rv_edge){perm[edges[e].b], perm[edges[e].a], edges[e].kind,
		                            edges[e].prob};
	rank = rv_rank_names(np, 7);
	rank2 = rv_rank_names(np2, 7);
	assert_non_null(rank);
	assert_non_null(rank2);
	assert_int_equal(rv_cluster(7, edges, 5, rank, bridging, false, root, NULL, NULL), IV_OK);
	assert_int_equal(rv_cluster(7, renum, 5, rank2, bridging2, false, root2, NULL, NULL),
	                 IV_OK);
	for (size_t i = 0; i < 7; i++)
		for (size_t j = 0; j < 7; j++)
			assert_int_equal(root[i] == root[j], root2[perm[i]] == root2[perm[j]]);
	/* the tie goes to the man whose record has the lower rank: node 2 ("e-e") */
	assert_int_equal(root[4], root[2]);
	iv_free(rank);
	iv_free(rank2);
}

/*
 * Nationality is a feature a person may hold several of: however seldom the
 * fit saw one person's records disagree on it, disagreeing keeps an m of at
 * least RV_SEVERAL_M, and the agreeing level keeps the rest; gender, which
 * is not such a feature, keeps what it was given.
 */
static void test_fit_several(void **state)
{
	const struct rv_family *fam = rv_family_find("Person");
	struct rv_model m;
	size_t nat = 0, sex = 0;
	double mm[3] = {0.999, 0.001, 1.0}, uu[3] = {0.12, 0.88, 1.0};

	(void)state;
	for (size_t f = 0; f < fam->nf; f++) {
		if (!strcmp(fam->f[f].name, "nationality"))
			nat = f;
		if (!strcmp(fam->f[f].name, "gender"))
			sex = f;
	}
	assert_true(fam->f[nat].several);
	assert_false(fam->f[sex].several);
	assert_int_equal(rv_model_new(fam, &m, NULL), IV_OK);
	assert_int_equal(iv_fs_set(m.fs, 0.01, nat, mm, uu, 3, NULL), IV_OK);
	assert_int_equal(iv_fs_set(m.fs, 0.01, sex, mm, uu, 3, NULL), IV_OK);
	assert_int_equal(rv_fit_several(fam, &m, NULL), IV_OK);
	assert_float_equal(iv_fs_m(m.fs, nat, 1), RV_SEVERAL_M, 1e-9);
	assert_float_equal(iv_fs_m(m.fs, nat, 0), 1.0 - RV_SEVERAL_M, 1e-9);
	assert_float_equal(iv_fs_u(m.fs, nat, 1), 0.88, 1e-9);
	assert_float_equal(iv_fs_m(m.fs, sex, 1), 0.001, 1e-9);
	/* above the floor already: unchanged */
	mm[0] = 0.8;
	mm[1] = 0.2;
	assert_int_equal(iv_fs_set(m.fs, 0.01, nat, mm, uu, 3, NULL), IV_OK);
	assert_int_equal(rv_fit_several(fam, &m, NULL), IV_OK);
	assert_float_equal(iv_fs_m(m.fs, nat, 1), 0.2, 1e-9);
	rv_model_release(&m);
}

/*
 * The review band's calibration (calibrate.c): fitted on verdicts drawn
 * from a known logistic curve, it finds the curve; with fewer than
 * RV_CALIBRATION_MIN verdicts, or verdicts of one kind, it is not fitted.
 */
static void test_calibration_fit(void **state)
{
	enum { N = 4000 };
	static double score[N];
	static bool same[N];
	struct rv_calibration c;
	uint64_t seed = 42;
	size_t nsame = 0;

	(void)state;
	for (size_t i = 0; i < N; i++) {
		double u, p;

		seed = seed * 6364136223846793005u + 1442695040888963407u;
		score[i] = -2.0 + 5.5 * (double)(seed >> 11) / 9007199254740992.0;
		seed = seed * 6364136223846793005u + 1442695040888963407u;
		u = (double)(seed >> 11) / 9007199254740992.0;
		p = 1.0 / (1.0 + exp(-(0.3 * score[i] - 3.0)));
		same[i] = u < p;
		nsame += same[i];
	}
	rv_calibration_fit(score, same, N, &c);
	assert_true(c.fitted);
	assert_int_equal(c.same, nsame);
	assert_int_equal(c.same + c.different, N);
	if (fabs(c.slope - 0.3) > 0.15 || fabs(c.offset + 3.0) > 0.5)
		fail_msg("fitted slope %g offset %g, drawn from 0.3 and -3", c.slope, c.offset);
	/* at 2.8 bits the model says 0.87; the verdicts say one in ten */
	assert_true(fabs(rv_calibrated(&c, 2.8) - 1.0 / (1.0 + exp(-(0.3 * 2.8 - 3.0)))) < 0.03);
	/* few verdicts, or one kind: no calibration */
	rv_calibration_fit(score, same, RV_CALIBRATION_MIN - 1, &c);
	assert_false(c.fitted);
	for (size_t i = 0; i < 100; i++)
		same[i] = false;
	rv_calibration_fit(score, same, 100, &c);
	assert_false(c.fitted);
	assert_int_equal(c.different, 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_short_form),
	        cmocka_unit_test(test_name_level),
	        cmocka_unit_test(test_shared_keys_and_memo),
	        cmocka_unit_test(test_evidence_keys),
	        cmocka_unit_test(test_strong_denied_rule),
	        cmocka_unit_test(test_phone_writings),
	        cmocka_unit_test(test_first_of_january),
	        cmocka_unit_test(test_selector_and_name),
	        cmocka_unit_test(test_name_frequency_key),
	        cmocka_unit_test(test_glued_name_keys),
	        cmocka_unit_test(test_frequency_among_holders),
	        cmocka_unit_test(test_counted_keys),
	        cmocka_unit_test(test_bridging_values),
	        cmocka_unit_test(test_cluster_bridging),
	        cmocka_unit_test(test_cluster_bridging_numbering),
	        cmocka_unit_test(test_record_text_round_trip),
	        cmocka_unit_test(test_values_other_forms),
	        cmocka_unit_test(test_fit_several),
	        cmocka_unit_test(test_calibration_fit),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
