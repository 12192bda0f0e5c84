/*
 * test_fs.c - unit tests of the Fellegi-Sunter model (include/iv/fs.h):
 * EM recovers p, m and u from pairs drawn with known parameters, weights
 * fall with the agreement level, missing levels weigh nothing, the
 * term-frequency adjustment lowers the weight of a frequent value, bad
 * input is refused, and every allocation failure is reported cleanly.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "iv/fs.h"

enum { NFEAT = 4, NPAIRS = 40000 };

/* the truth the synthetic pairs are drawn from; the last level of each is "missing" */
static const unsigned nlevels[NFEAT] = {4, 3, 5, 3};
static const double true_p = 0.2;
static const double true_m[NFEAT][5] = {
        {0.80, 0.12, 0.08},
        {0.90, 0.10},
        {0.70, 0.15, 0.10, 0.05},
        {0.95, 0.05},
};
static const double true_u[NFEAT][5] = {
        {0.05, 0.15, 0.80},
        {0.10, 0.90},
        {0.02, 0.08, 0.20, 0.70},
        {0.30, 0.70},
};
static const double missing_rate = 0.1;

static uint64_t rng_state = 0x2545F4914F6CDD1Dull;

static double uniform(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (double)((rng_state * 0x2545F4914F6CDD1Dull) >> 11) / 9007199254740992.0;
}

static unsigned draw(const double *dist, unsigned n)
{
	double x = uniform(), acc = 0.0;

	for (unsigned l = 0; l + 1 < n; l++) {
		acc += dist[l];
		if (x < acc)
			return l;
	}
	return n - 1;
}

static uint8_t *synthetic(size_t npairs)
{
	uint8_t *levels = malloc(npairs * NFEAT);

	assert_non_null(levels);
	for (size_t i = 0; i < npairs; i++) {
		int match = uniform() < true_p;

		for (unsigned f = 0; f < NFEAT; f++) {
			unsigned ne = nlevels[f] - 1;

			if (uniform() < missing_rate)
				levels[i * NFEAT + f] = (uint8_t)ne;
			else
				levels[i * NFEAT + f] =
				        (uint8_t)draw(match ? true_m[f] : true_u[f], ne);
		}
	}
	return levels;
}

static struct iv_fs_model *new_model(void)
{
	static const char *const names[NFEAT] = {"name", "birth_date", "address", "gender"};
	struct iv_fs_model *model = NULL;

	assert_int_equal(iv_fs_model_new(&model, NULL), IV_OK);
	for (unsigned f = 0; f < NFEAT; f++)
		assert_int_equal(
		        iv_fs_add_feature(model, names[f], nlevels[f], nlevels[f] - 1, NULL),
		        IV_OK);
	return model;
}

static void test_recover(void **state)
{
	struct iv_fs_model *model = new_model();
	uint8_t *levels = synthetic(NPAIRS);
	struct iv_fs_fit_report rep;

	assert_int_equal(iv_fs_fit_em(model, levels, NPAIRS, 0, 0.0, &rep, NULL), IV_OK);
	assert_true(rep.converged);
	assert_true(rep.npatterns <= 4 * 3 * 5 * 3);
	assert_int_equal(rep.npairs, NPAIRS);
	assert_true(fabs(rep.prior - true_p) < 0.02);
	assert_true(fabs(iv_fs_prior(model) - true_p) < 0.02);
	for (unsigned f = 0; f < NFEAT; f++)
		for (unsigned l = 0; l + 1 < nlevels[f]; l++) {
			assert_true(fabs(iv_fs_m(model, f, l) - true_m[f][l]) < 0.03);
			assert_true(fabs(iv_fs_u(model, f, l) - true_u[f][l]) < 0.03);
		}
	assert_string_equal(iv_fs_feature_name(model, 2), "address");
	assert_null(iv_fs_feature_name(model, NFEAT));
	assert_int_equal(iv_fs_nfeatures(model), NFEAT);
	assert_true(isnan(iv_fs_m(model, 0, 9)));
	assert_true(isnan(iv_fs_weight(model, NFEAT, 0)));
	free(levels);
	iv_fs_model_free(model);
}

static void test_weights(void **state)
{
	struct iv_fs_model *model = new_model();
	uint8_t *levels = synthetic(NPAIRS);
	uint8_t all_agree[NFEAT] = {0, 0, 0, 0}, all_missing[NFEAT] = {3, 2, 4, 2};
	uint8_t one[NFEAT] = {0, 2, 4, 2}, bad[NFEAT] = {9, 2, 4, 2};
	struct iv_fs_contrib why[NFEAT];
	double prior_odds, s;

	assert_int_equal(iv_fs_fit_em(model, levels, NPAIRS, 200, 1e-8, NULL, NULL), IV_OK);
	/* weights fall as agreement weakens, and are log2(m/u) */
	for (unsigned f = 0; f < NFEAT; f++) {
		for (unsigned l = 0; l + 2 < nlevels[f]; l++)
			assert_true(iv_fs_weight(model, f, l) > iv_fs_weight(model, f, l + 1));
		assert_true(iv_fs_weight(model, f, 0) > 0.0);
		assert_true(iv_fs_weight(model, f, nlevels[f] - 2) < 0.0);
		assert_true(fabs(iv_fs_weight(model, f, 0) -
		                 log2(iv_fs_m(model, f, 0) / iv_fs_u(model, f, 0))) < 1e-12);
		/* missing weighs nothing */
		assert_true(iv_fs_weight(model, f, nlevels[f] - 1) == 0.0);
	}
	prior_odds = log2(iv_fs_prior(model) / (1.0 - iv_fs_prior(model)));
	assert_true(fabs(iv_fs_score(model, all_missing, why) - prior_odds) < 1e-12);
	for (unsigned f = 0; f < NFEAT; f++)
		assert_true(why[f].weight == 0.0);
	s = iv_fs_score(model, one, why);
	assert_true(fabs(s - prior_odds - iv_fs_weight(model, 0, 0)) < 1e-12);
	assert_int_equal(why[0].level, 0);
	assert_true(fabs(why[0].m - iv_fs_m(model, 0, 0)) < 1e-15);
	/* a level out of range counts as missing */
	assert_true(fabs(iv_fs_score(model, bad, NULL) - prior_odds) < 1e-12);
	s = iv_fs_score(model, all_agree, NULL);
	assert_true(s > 10.0);
	assert_true(iv_fs_probability(s) > 0.999);
	assert_true(fabs(iv_fs_probability(0.0) - 0.5) < 1e-15);
	assert_true(iv_fs_probability(-20.0) < 1e-5);
	free(levels);
	iv_fs_model_free(model);
}

static void test_tf(void **state)
{
	struct iv_fs_model *model = new_model();
	uint8_t *levels = synthetic(NPAIRS);
	uint8_t agree[NFEAT] = {0, 2, 4, 2}, near[NFEAT] = {1, 2, 4, 2};
	double common[NFEAT] = {0.05, NAN, NAN, NAN}, rare[NFEAT] = {1e-5, NAN, NAN, NAN};
	double none[NFEAT] = {NAN, NAN, NAN, NAN}, zero[NFEAT] = {0.0, NAN, NAN, NAN};
	struct iv_fs_contrib why[NFEAT];
	double plain, s_common, s_rare;

	assert_int_equal(iv_fs_fit_em(model, levels, NPAIRS, 0, 0.0, NULL, NULL), IV_OK);
	plain = iv_fs_score(model, agree, NULL);
	s_common = iv_fs_score_tf(model, agree, common, why);
	s_rare = iv_fs_score_tf(model, agree, rare, NULL);
	/* fitted u(level 0) is about 0.05 */
	assert_true(s_common < s_rare);
	assert_true(fabs(why[0].u - 0.05) < 1e-15);
	assert_true(fabs(why[0].weight - log2(why[0].m / 0.05)) < 1e-12);
	assert_true(fabs(s_rare - s_common - log2(0.05 / 1e-5)) < 1e-9);
	assert_true(fabs(iv_fs_score_tf(model, agree, none, NULL) - plain) < 1e-12);
	assert_true(fabs(iv_fs_score_tf(model, agree, NULL, NULL) - plain) < 1e-12);
	/* only exact agreement is adjusted */
	assert_true(fabs(iv_fs_score_tf(model, near, common, NULL) -
	                 iv_fs_score(model, near, NULL)) < 1e-12);
	/* a frequency of 0 is clamped, never infinite */
	assert_true(isfinite(iv_fs_score_tf(model, agree, zero, NULL)));
	free(levels);
	iv_fs_model_free(model);
}

static void test_bad_input(void **state)
{
	struct iv_fs_model *model = NULL;
	struct iv_buf err = IV_BUF_INIT;
	uint8_t row[2] = {0, 1}, bad[4] = {0, 1, 1, 3};

	assert_int_equal(iv_fs_model_new(&model, &err), IV_OK);
	assert_int_equal(iv_fs_fit_em(model, row, 1, 0, 0.0, NULL, &err), IV_ERR_INVALID);
	assert_int_equal(iv_fs_add_feature(model, "", 3, 2, &err), IV_ERR_INVALID);
	assert_int_equal(iv_fs_add_feature(model, NULL, 3, 2, &err), IV_ERR_INVALID);
	assert_int_equal(iv_fs_add_feature(model, "x", 1, IV_FS_NO_MISSING, &err), IV_ERR_INVALID);
	assert_int_equal(
	        iv_fs_add_feature(model, "x", IV_FS_MAX_LEVELS + 1, IV_FS_NO_MISSING, &err),
	        IV_ERR_INVALID);
	assert_int_equal(iv_fs_add_feature(model, "x", 3, 3, &err), IV_ERR_INVALID);
	assert_int_equal(iv_fs_add_feature(model, "x", 3, 0, &err), IV_ERR_INVALID);
	assert_int_equal(iv_fs_nfeatures(model), 0);
	assert_int_equal(iv_fs_add_feature(model, "name", 3, 2, &err), IV_OK);
	assert_int_equal(iv_fs_add_feature(model, "id", 2, IV_FS_NO_MISSING, &err), IV_OK);
	/* zero pairs */
	assert_int_equal(iv_fs_fit_em(model, row, 0, 0, 0.0, NULL, &err), IV_ERR_INVALID);
	/* level out of range: named in the message, model untouched */
	iv_buf_reset(&err);
	assert_int_equal(iv_fs_fit_em(model, bad, 2, 0, 0.0, NULL, &err), IV_ERR_INVALID);
	assert_non_null(strstr(err.buf, "pair 1"));
	assert_non_null(strstr(err.buf, "id"));
	assert_true(fabs(iv_fs_prior(model) - 0.1) < 1e-15);
	assert_true(fabs(iv_fs_u(model, 1, 0) - 0.5) < 1e-15);
	/* a feature with no missing level still fits */
	assert_int_equal(iv_fs_fit_em(model, bad, 1, 0, 0.0, NULL, &err), IV_OK);
	for (int i = 0; i < IV_FS_MAX_FEATURES - 2; i++)
		assert_int_equal(iv_fs_add_feature(model, "f", 2, IV_FS_NO_MISSING, &err), IV_OK);
	assert_int_equal(iv_fs_add_feature(model, "f", 2, IV_FS_NO_MISSING, &err), IV_ERR_INVALID);
	iv_fs_model_free(model);
	iv_fs_model_free(NULL);
	iv_buf_release(&err);
}

static void test_alloc_failure(void **state)
{
	uint8_t *levels = synthetic(2000);
	int ok = 0;

	for (unsigned long n = 1; n < 200 && !ok; n++) {
		struct iv_fs_model *model = NULL;
		struct iv_buf err = IV_BUF_INIT;
		enum iv_err rc;

		iv_alloc_fail_after(n);
		rc = iv_fs_model_new(&model, &err);
		for (unsigned f = 0; f < NFEAT && rc == IV_OK; f++)
			rc = iv_fs_add_feature(model, "feature", nlevels[f], nlevels[f] - 1, &err);
		if (rc == IV_OK)
			rc = iv_fs_fit_em(model, levels, 2000, 0, 0.0, NULL, &err);
		iv_alloc_fail_after(0);
		if (rc == IV_OK)
			ok = 1;
		else
			assert_int_equal(rc, IV_ERR_NOMEM);
		iv_fs_model_free(model);
		iv_buf_release(&err);
	}
	assert_true(ok);
	free(levels);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_recover),
	        cmocka_unit_test(test_weights),
	        cmocka_unit_test(test_tf),
	        cmocka_unit_test(test_bad_input),
	        cmocka_unit_test(test_alloc_failure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
