/*
 * test_sim.c - unit tests of lib/sim: option checks, the PRNG's
 * determinism, ICAO 9303 check digits against the public specimen,
 * generated IBANs and phones that the schema's own validators accept, and
 * two whole runs that must write byte-identical files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "iv/mrz.h"
#include "iv/schema.h"
#include "iv/sim.h"
#include "sim/sim_int.h"

static void test_scale_parse(void **state)
{
	uint64_t v = 0;

	(void)state;
	assert_int_equal(iv_sim_scale_parse("small", &v), IV_OK);
	assert_int_equal(v, IV_SIM_SCALE_SMALL);
	assert_int_equal(iv_sim_scale_parse("large", &v), IV_OK);
	assert_int_equal(v, IV_SIM_SCALE_LARGE);
	assert_int_equal(iv_sim_scale_parse("12345", &v), IV_OK);
	assert_int_equal(v, 12345);
	assert_int_equal(iv_sim_scale_parse("0", &v), IV_ERR_INVALID);
	assert_int_equal(iv_sim_scale_parse("-5", &v), IV_ERR_INVALID);
	assert_int_equal(iv_sim_scale_parse("12x", &v), IV_ERR_INVALID);
	assert_int_equal(iv_sim_scale_parse("huge", &v), IV_ERR_INVALID);
	assert_int_equal(iv_sim_scale_parse("100000001", &v), IV_ERR_INVALID);
}

static void test_bad_options(void **state)
{
	struct iv_sim_opts o;
	struct iv_buf err = IV_BUF_INIT;

	(void)state;
	iv_sim_opts_init(&o);
	assert_int_equal(iv_sim_run(&o, NULL, &err), IV_ERR_INVALID);
	o.out_dir = "/nonexistent-dir/x";
	o.year = 2017;
	assert_int_equal(iv_sim_run(&o, NULL, &err), IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "2017"));
	o.year = 2024;
	assert_int_equal(iv_sim_run(&o, NULL, &err), IV_ERR_IO);
	assert_non_null(strstr(err.buf, "/nonexistent-dir/x"));
	iv_buf_release(&err);
}

static void test_rng(void **state)
{
	struct sim_rng a, b;
	double w[3] = {0, 1, 0};

	(void)state;
	sim_rng_seed(&a, 42, 1);
	sim_rng_seed(&b, 42, 1);
	for (int i = 0; i < 1000; i++)
		assert_true(sim_rng_next(&a) == sim_rng_next(&b));
	sim_rng_seed(&b, 42, 2);
	assert_true(sim_rng_next(&a) != sim_rng_next(&b));
	for (int i = 0; i < 1000; i++) {
		int v = sim_rng_range(&a, 3, 5);
		assert_true(v >= 3 && v <= 5);
		assert_int_equal(sim_rng_weighted(&a, w, 3), 1);
	}
}

static void test_mrz_check(void **state)
{
	/* ICAO 9303 specimen (DOMAIN.md §3) */
	(void)state;
	assert_int_equal(iv_mrz_check_digit("L898902C3", 9), 6);
	assert_int_equal(iv_mrz_check_digit("740812", 6), 2);
	assert_int_equal(iv_mrz_check_digit("120415", 6), 9);
	assert_int_equal(iv_mrz_check_digit("D23145890", 9), 7);
}

static void test_iban_and_phone_valid(void **state)
{
	struct sim_world w;
	struct iv_buf out = IV_BUF_INIT;
	struct iv_norm_ctx ctx;
	bool valid;
	char text[64];

	(void)state;
	memset(&w, 0, sizeof(w));
	memset(&ctx, 0, sizeof(ctx));
	w.seed = 9;
	w.accounts.size = sizeof(struct sim_account);
	for (unsigned c = 0; c < C__COUNT; c++) {
		struct sim_account a = {0, (uint8_t)c};
		struct sim_phone ph = {0, (uint8_t)c, 123456789012ULL, 0};
		if (!sim_countries[c].iban_country)
			continue;
		assert_int_equal(sim_vec_push(&w.accounts, &a, NULL), IV_OK);
		sim_iban(&w, (uint32_t)w.accounts.len - 1, false, text, sizeof(text));
		assert_int_equal(iv_type_normalize(IV_TYPE_IBAN, text, &ctx, &out, &valid), IV_OK);
		if (!valid)
			fail_msg("IBAN %s rejected", text);
		sim_iban(&w, (uint32_t)w.accounts.len - 1, true, text, sizeof(text));
		assert_int_equal(iv_type_normalize(IV_TYPE_IBAN, text, &ctx, &out, &valid), IV_OK);
		assert_false(valid);
		for (uint8_t p = 0; p < 6; p++) {
			ph.prefix = p;
			sim_phone_e164(&ph, text, sizeof(text));
			assert_int_equal(iv_type_normalize(IV_TYPE_PHONE, text, &ctx, &out, &valid),
			                 IV_OK);
			if (!valid)
				fail_msg("phone %s rejected", text);
		}
	}
	sim_vec_release(&w.accounts);
	iv_buf_release(&out);
}

static void test_phones_all_countries(void **state)
{
	struct iv_buf out = IV_BUF_INIT;
	struct iv_norm_ctx ctx;
	bool valid;
	char text[64];

	(void)state;
	memset(&ctx, 0, sizeof(ctx));
	for (unsigned c = 0; c < C__COUNT; c++) {
		for (uint8_t p = 0; p < 6; p++) {
			struct sim_phone ph = {0, (uint8_t)c, 4567890123ULL + p, p};
			sim_phone_e164(&ph, text, sizeof(text));
			assert_int_equal(iv_type_normalize(IV_TYPE_PHONE, text, &ctx, &out, &valid),
			                 IV_OK);
			if (!valid && c != C_ER) /* Eritrean SIMs are never generated */
				fail_msg("phone %s (%s) rejected", text, sim_countries[c].iso2);
		}
	}
	iv_buf_release(&out);
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *data;
	long len;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc((size_t)len + 1);
	*n = fread(data, 1, (size_t)len, f);
	fclose(f);
	return data;
}

static void test_deterministic(void **state)
{
	static const char *const files[] = {"debriefs.csv",   "debriefs.yml",
	                                    "manifest.json",  "truth/mentions.csv",
	                                    "truth/legs.csv", "truth/people.csv"};
	const char *tmp = getenv("IV_TEST_TMP");
	char a[512], b[512];
	struct iv_sim_opts o;
	struct iv_sim_report ra, rb;
	struct iv_buf err = IV_BUF_INIT;

	(void)state;
	snprintf(a, sizeof(a), "%s/sim-a-%d", tmp ? tmp : "/tmp", (int)getpid());
	snprintf(b, sizeof(b), "%s/sim-b-%d", tmp ? tmp : "/tmp", (int)getpid());
	iv_sim_opts_init(&o);
	o.seed = 5;
	o.scale = 600;
	o.out_dir = a;
	assert_int_equal(iv_sim_run(&o, &ra, &err), IV_OK);
	o.out_dir = b;
	assert_int_equal(iv_sim_run(&o, &rb, &err), IV_OK);
	assert_true(ra.person_mentions > 0);
	assert_true(ra.person_mentions == rb.person_mentions && ra.bytes == rb.bytes);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char pa[600], pb[600];
		size_t na = 0, nb = 0;
		char *da, *db;
		snprintf(pa, sizeof(pa), "%s/%s", a, files[i]);
		snprintf(pb, sizeof(pb), "%s/%s", b, files[i]);
		da = slurp(pa, &na);
		db = slurp(pb, &nb);
		assert_non_null(da);
		assert_non_null(db);
		assert_true(na > 0 && na == nb && !memcmp(da, db, na));
		free(da);
		free(db);
		unlink(pa);
		unlink(pb);
	}
	iv_buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_scale_parse),
	        cmocka_unit_test(test_bad_options),
	        cmocka_unit_test(test_rng),
	        cmocka_unit_test(test_mrz_check),
	        cmocka_unit_test(test_iban_and_phone_valid),
	        cmocka_unit_test(test_phones_all_countries),
	        cmocka_unit_test(test_deterministic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
