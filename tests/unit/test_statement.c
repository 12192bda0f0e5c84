/*
 * test_statement.c - the handling envelope and statement ids
 * (lib/store/statement.c): defaults, every check and its message, grade
 * parsing, marking and category names, and the content id's fields.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "iv/statement.h"

#include "iv/util.h"

static void test_default(void **state)
{
	struct iv_handling h;

	(void)state;
	memset(&h, 0x55, sizeof(h));
	iv_handling_default(&h);
	assert_int_equal(h.source_grade, '2');
	assert_int_equal(h.assessment, 'C');
	assert_int_equal(h.code, 'P');
	assert_int_equal(h.classification, IV_CLASS_OFFICIAL);
	assert_int_equal(h.subject, IV_SUBJECT_OTHER);
	assert_string_equal(h.conditions, "");
	assert_string_equal(h.releasable_to, "");
	assert_string_equal(h.descriptor, "");
	assert_string_equal(h.originator, "");
	assert_string_equal(h.compartment, "");
	assert_string_equal(h.retention_review, "");
	assert_string_equal(h.legacy_grade, "");
	assert_string_equal(h.europol_code, "");
	assert_string_equal(h.tlp, "");
	assert_int_equal(iv_handling_check(&h, NULL), IV_OK);
}

/* Check h and expect failure with a message containing `needle`. */
static void expect_bad(const struct iv_handling *h, const char *needle)
{
	struct iv_buf err = IV_BUF_INIT;

	assert_int_equal(iv_handling_check(h, &err), IV_ERR_INVALID);
	if (!strstr(err.buf, needle))
		fail_msg("message '%s' does not mention '%s'", err.buf, needle);
	iv_buf_release(&err);
}

static void test_check(void **state)
{
	struct iv_handling h;
	struct iv_buf err = IV_BUF_INIT;

	(void)state;
	iv_handling_default(&h);
	h.source_grade = '4';
	expect_bad(&h, "source grade '4'");
	h.source_grade = '0';
	expect_bad(&h, "'0'");
	h.source_grade = '1';
	h.assessment = 'F';
	expect_bad(&h, "assessment 'F'");
	h.assessment = 'a';
	expect_bad(&h, "assessment 'a'");
	h.assessment = 'E';
	h.code = 'X';
	expect_bad(&h, "handling code 'X'");
	h.code = 'C';
	expect_bad(&h, "conditions");
	h.conditions = NULL;
	expect_bad(&h, "conditions");
	h.conditions = "not to be shared outside the taskforce";
	h.releasable_to = "FR,BE";
	assert_int_equal(iv_handling_check(&h, &err), IV_OK);
	assert_string_equal(err.buf, ""); /* untouched on success */

	h.europol_code = "H4";
	expect_bad(&h, "Europol handling code 'H4'");
	h.europol_code = "h2";
	expect_bad(&h, "'h2'");
	h.europol_code = "H3";
	assert_int_equal(iv_handling_check(&h, NULL), IV_OK);

	h.tlp = "WHITE";
	expect_bad(&h, "TLP label 'WHITE'");
	h.tlp = "amber";
	expect_bad(&h, "'amber'");
	h.tlp = "AMBER+STRICT";
	assert_int_equal(iv_handling_check(&h, NULL), IV_OK);
	h.tlp = "CLEAR";
	assert_int_equal(iv_handling_check(&h, NULL), IV_OK);

	h.retention_review = "2031-02-30";
	expect_bad(&h, "retention review date '2031-02-30'");
	h.retention_review = "2031";
	expect_bad(&h, "'2031'");
	h.retention_review = "soon";
	expect_bad(&h, "'soon'");
	h.retention_review = "2031-06-30";
	assert_int_equal(iv_handling_check(&h, NULL), IV_OK);

	h.classification = (enum iv_classification)9;
	expect_bad(&h, "classification 9");
	h.classification = IV_CLASS_TOP_SECRET;
	h.subject = (enum iv_subject)7;
	expect_bad(&h, "data-subject category 7");
	h.subject = IV_SUBJECT_WITNESS;
	assert_int_equal(iv_handling_check(&h, NULL), IV_OK);
	iv_buf_release(&err);
}

static void test_grade_parse(void **state)
{
	struct iv_handling h;

	(void)state;
	iv_handling_default(&h);
	assert_int_equal(iv_grade_parse("1A", &h), IV_OK);
	assert_int_equal(h.source_grade, '1');
	assert_int_equal(h.assessment, 'A');
	assert_int_equal(iv_grade_parse("3e", &h), IV_OK);
	assert_int_equal(h.source_grade, '3');
	assert_int_equal(h.assessment, 'E');

	static const char *const bad[] = {"", "2", "4A", "0B", "2F", "2BB", "B2", "22", " 2B"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(iv_grade_parse(bad[i], &h), IV_ERR_INVALID);
		/* untouched on failure */
		assert_int_equal(h.source_grade, '3');
		assert_int_equal(h.assessment, 'E');
	}
	assert_int_equal(iv_grade_parse(NULL, &h), IV_ERR_INVALID);
}

static void test_names(void **state)
{
	enum iv_classification c;
	enum iv_subject s;

	(void)state;
	assert_string_equal(iv_classification_name(IV_CLASS_OFFICIAL), "OFFICIAL");
	assert_string_equal(iv_classification_name(IV_CLASS_OFFICIAL_SENSITIVE),
	                    "OFFICIAL-SENSITIVE");
	assert_string_equal(iv_classification_name(IV_CLASS_SECRET), "SECRET");
	assert_string_equal(iv_classification_name(IV_CLASS_TOP_SECRET), "TOP SECRET");
	assert_string_equal(iv_classification_name((enum iv_classification)42), "?");
	for (int i = IV_CLASS_OFFICIAL; i <= IV_CLASS_TOP_SECRET; i++) {
		assert_true(iv_classification_parse(iv_classification_name(i), &c));
		assert_int_equal(c, i);
	}
	assert_true(iv_classification_parse("official sensitive", &c));
	assert_int_equal(c, IV_CLASS_OFFICIAL_SENSITIVE);
	assert_true(iv_classification_parse("Top_Secret", &c));
	assert_int_equal(c, IV_CLASS_TOP_SECRET);
	c = IV_CLASS_SECRET;
	assert_false(iv_classification_parse("CONFIDENTIAL", &c));
	assert_false(iv_classification_parse("OFFICIAL-", &c));
	assert_false(iv_classification_parse("", &c));
	assert_false(iv_classification_parse(NULL, &c));
	assert_int_equal(c, IV_CLASS_SECRET);

	assert_string_equal(iv_subject_name(IV_SUBJECT_SUSPECT), "suspect");
	assert_string_equal(iv_subject_name(IV_SUBJECT_VICTIM), "victim");
	assert_string_equal(iv_subject_name((enum iv_subject) - 1), "?");
	for (int i = IV_SUBJECT_OTHER; i <= IV_SUBJECT_WITNESS; i++) {
		assert_true(iv_subject_parse(iv_subject_name(i), &s));
		assert_int_equal(s, i);
	}
	assert_true(iv_subject_parse("Witness", &s));
	assert_int_equal(s, IV_SUBJECT_WITNESS);
	assert_false(iv_subject_parse("informant", &s));
	assert_false(iv_subject_parse(NULL, &s));
}

static void base_statement(struct iv_statement *st)
{
	memset(st, 0, sizeof(*st));
	st->entity = "p1";
	st->schema = "Person";
	st->property = "name";
	st->value = "Anna Eriksson";
	st->original = "ERIKSSON, Anna";
	st->dataset = "debriefs";
	st->source_record = "debriefs.csv:41";
	iv_handling_default(&st->handling);
}

static void test_statement_id(void **state)
{
	struct iv_statement st, other;
	unsigned char digest[IV_HASH_BYTES];
	char hex[IV_HASH_HEX];

	(void)state;
	base_statement(&st);
	iv_statement_id(&st, digest);
	assert_int_equal(strlen(st.id), 32);
	assert_int_equal(strspn(st.id, "0123456789abcdef"), 32);
	iv_hash_hex(digest, hex);
	assert_string_equal(hex, st.id);

	/* deterministic, with or without the digest */
	base_statement(&other);
	iv_statement_id(&other, NULL);
	assert_string_equal(other.id, st.id);

	/* the schema, the normalised value, the seen times, the flags and the
	 * envelope are not part of the id */
	other.schema = "LegalEntity";
	other.value = "anna eriksson";
	other.first_seen = 99;
	other.flags = IV_STMT_INVALID;
	other.handling.source_grade = '1';
	iv_statement_id(&other, NULL);
	assert_string_equal(other.id, st.id);

	/* every field of the id changes it */
	const char **fields[] = {&other.dataset, &other.entity, &other.property, &other.original,
	                         &other.source_record};
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const char *saved = *fields[i];

		*fields[i] = "something else";
		iv_statement_id(&other, NULL);
		assert_string_not_equal(other.id, st.id);
		*fields[i] = saved;
	}

	/* fields are separated: ("ab", "c") is not ("a", "bc") */
	base_statement(&st);
	st.entity = "ab";
	st.property = "c";
	iv_statement_id(&st, NULL);
	base_statement(&other);
	other.entity = "a";
	other.property = "bc";
	iv_statement_id(&other, NULL);
	assert_string_not_equal(other.id, st.id);

	/* without an original, the value stands in for it */
	base_statement(&st);
	st.original = st.value;
	iv_statement_id(&st, NULL);
	base_statement(&other);
	other.original = NULL;
	iv_statement_id(&other, NULL);
	assert_string_equal(other.id, st.id);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_default),      cmocka_unit_test(test_check),
	        cmocka_unit_test(test_grade_parse),  cmocka_unit_test(test_names),
	        cmocka_unit_test(test_statement_id),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
