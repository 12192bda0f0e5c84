/*
 * test_mrz.c - unit tests of the machine readable zone reader
 * (include/iv/mrz.h): ICAO's public specimens of the three layouts
 * (../shared/DOMAIN.md §3), each field and each check digit; a zone with
 * a wrong birth-date digit; zones as records write them (lower case,
 * spaces, one line); long document numbers of TD1 and TD2; dates that are
 * none (30 February); and the
 * zones refused with a message: another length, another character, too
 * much text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "iv/mrz.h"

static void read_ok(const char *text, struct iv_mrz *m)
{
	struct iv_buf err = IV_BUF_INIT;

	if (iv_mrz_parse(text, m, &err) != IV_OK)
		fail_msg("'%s': %s", text, err.buf);
	iv_buf_release(&err);
}

static void expect_specimen_fields(const struct iv_mrz *m, const char *number)
{
	assert_string_equal(m->state, "UTO");
	assert_string_equal(m->surname, "ERIKSSON");
	assert_string_equal(m->given, "ANNA MARIA");
	assert_string_equal(m->number, number);
	assert_string_equal(m->nationality, "UTO");
	assert_string_equal(m->birth, "1974-08-12");
	assert_int_equal(m->sex, 'F');
	assert_string_equal(m->expiry, "2012-04-15");
	assert_true(iv_mrz_all_ok(m));
}

static void test_specimens(void **state)
{
	struct iv_mrz m;

	(void)state;
	read_ok("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
	        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
	        &m);
	assert_int_equal(m.format, IV_MRZ_TD3);
	assert_string_equal(m.code, "P");
	assert_string_equal(m.optional, "ZE184226B");
	expect_specimen_fields(&m, "L898902C3");
	read_ok("I<UTOD231458907<<<<<<<<<<<<<<<\n"
	        "7408122F1204159UTO<<<<<<<<<<<6\n"
	        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
	        &m);
	assert_int_equal(m.format, IV_MRZ_TD1);
	assert_string_equal(m.code, "I");
	expect_specimen_fields(&m, "D23145890");
	read_ok("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\n"
	        "D231458907UTO7408122F1204159<<<<<<<6",
	        &m);
	assert_int_equal(m.format, IV_MRZ_TD2);
	expect_specimen_fields(&m, "D23145890");
}

static void test_check_digits(void **state)
{
	struct iv_mrz m;

	(void)state;
	assert_int_equal(iv_mrz_check_digit("L898902C3", 9), 6);
	assert_int_equal(iv_mrz_check_digit("740812", 6), 2);
	assert_int_equal(iv_mrz_check_digit("<<<", 3), 0);
	assert_int_equal(iv_mrz_check_digit("ab", 2), -1);
	/* DOMAIN.md's bad vector: the birth date's digit and the composite fail */
	read_ok("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
	        "L898902C36UTO7408121F1204159ZE184226B<<<<<10",
	        &m);
	assert_true(m.number_ok);
	assert_false(m.birth_ok);
	assert_true(m.expiry_ok);
	assert_true(m.optional_ok);
	assert_false(m.composite_ok);
	assert_false(iv_mrz_all_ok(&m));
	assert_string_equal(m.birth, "1974-08-12"); /* still read */
	/* a number with one character changed fails its digit and the composite */
	read_ok("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
	        "L898902C46UTO7408122F1204159ZE184226B<<<<<10",
	        &m);
	assert_false(m.number_ok);
	assert_false(m.composite_ok);
}

/* As records write zones: lower case, spaces, on one line, a Windows line break. */
static void test_as_written(void **state)
{
	struct iv_mrz m;

	(void)state;
	read_ok("p<utoeriksson<<anna<maria<<<<<<<<<<<<<<<<<<< "
	        "l898902c36uto7408122f1204159ze184226b<<<<<10",
	        &m);
	expect_specimen_fields(&m, "L898902C3");
	read_ok("  I<UTOD231458907<<<<<<<<<<<<<<<\r\n7408122F1204159UTO<<<<<<<<<<<6\r\n"
	        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<\r\n",
	        &m);
	expect_specimen_fields(&m, "D23145890");
	/* a German passport: issuing state D, a surname alone, no personal number */
	read_ok("P<D<<MUSTERMANN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n"
	        "C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4",
	        &m);
	assert_string_equal(m.state, "D");
	assert_string_equal(m.surname, "MUSTERMANN");
	assert_string_equal(m.given, "");
	assert_string_equal(m.nationality, "D");
	assert_true(m.number_ok && m.birth_ok && m.expiry_ok && m.optional_ok);
}

/*
 * An identity card's number longer than nine characters: the digit's place
 * holds '<' and the number goes on in the optional data, its digit last.
 */
static void test_td1_long_number(void **state)
{
	char l1[31], zone[100], comp[51];
	const char *l2 = "7408122F1204159UTO<<<<<<<<<<<", *l3 = "ERIKSSON<<ANNA<MARIA<<<<<<<<<<";
	struct iv_mrz m;
	int d;

	(void)state;
	/* D23145890 + 734, check digit over the twelve */
	d = iv_mrz_check_digit("D23145890734", 12);
	snprintf(l1, sizeof(l1), "I<UTOD23145890<734%d<<<<<<<<<<<", d);
	assert_int_equal(strlen(l1), 30);
	memcpy(comp, l1 + 5, 25);
	memcpy(comp + 25, l2, 7);
	memcpy(comp + 32, l2 + 8, 7);
	memcpy(comp + 39, l2 + 18, 11);
	snprintf(zone, sizeof(zone), "%s\n%s%d\n%s", l1, l2, iv_mrz_check_digit(comp, 50), l3);
	read_ok(zone, &m);
	assert_string_equal(m.number, "D23145890734");
	assert_true(m.number_ok);
	assert_true(m.composite_ok);
	assert_string_equal(m.optional, "");
}

/* TD2's long number, in its lower line's optional data; a date that is none. */
static void test_td2_long_number_and_dates(void **state)
{
	char l2[37], zone[80], comp[31];
	struct iv_mrz m;

	(void)state;
	/* D23145890 + 734 and its digit in the optional data (29-35) */
	snprintf(l2, sizeof(l2), "D23145890<UTO7408122F1204159734%d<<<",
	         iv_mrz_check_digit("D23145890734", 12));
	memcpy(comp, l2, 10);
	memcpy(comp + 10, l2 + 13, 7);
	memcpy(comp + 17, l2 + 21, 14);
	snprintf(zone, sizeof(zone), "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\n%s%d", l2,
	         iv_mrz_check_digit(comp, 31));
	read_ok(zone, &m);
	assert_string_equal(m.number, "D23145890734");
	assert_true(m.number_ok);
	assert_true(m.composite_ok);
	assert_string_equal(m.optional, "");
	/* 30 February is no birth date; the middle line's optional data of a TD1 card */
	read_ok("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
	        "L898902C36UTO7402302F1204159ZE184226B<<<<<10",
	        &m);
	assert_string_equal(m.birth, "");
	read_ok("I<UTOD231458907<<<<<<<<<<<<<<<\n"
	        "7408122F1204159UTOAB12<<<<<<<6\n"
	        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
	        &m);
	assert_string_equal(m.optional2, "AB12");
	assert_false(m.composite_ok); /* the optional data is in the composite */
}

static void test_refused(void **state)
{
	static const char *const bad[] = {
	        "",
	        "P<UTOERIKSSON<<ANNA", /* too short */
	        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F", /* cut */
	        "P<UTOERIKSSÖN<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
	        "L898902C36UTO7408122F1204159ZE184226B<<<<<10", /* a letter no zone has */
	        "P-UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
	        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
	};
	struct iv_buf err = IV_BUF_INIT;
	char big[2000];
	struct iv_mrz m;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		iv_buf_reset(&err);
		assert_int_equal(iv_mrz_parse(bad[i], &m, &err), IV_ERR_INVALID);
		assert_non_null(strstr(err.buf, "MRZ"));
	}
	assert_int_equal(iv_mrz_parse(bad[1], &m, &err), IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "TD1 zone has 90"));
	memset(big, '<', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(iv_mrz_parse(big, &m, &err), IV_ERR_TOOBIG);
	memset(big, '<', 300);
	big[300] = '\0';
	assert_int_equal(iv_mrz_parse(big, &m, &err), IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "more than 90"));
	iv_buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_specimens),
	        cmocka_unit_test(test_check_digits),
	        cmocka_unit_test(test_as_written),
	        cmocka_unit_test(test_td1_long_number),
	        cmocka_unit_test(test_td2_long_number_and_dates),
	        cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
