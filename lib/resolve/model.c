/*
 * model.c - a family's model: made, stored as text and read back, and the
 * rules that score a compared pair with it and decide whether the engine
 * links it.  The runs, explanations and the review queue score alike with
 * these; fit.c fits the model on a run's pairs.
 */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "resolve/resolve_int.h"

#include "iv/util.h"

void rv_model_release(struct rv_model *m)
{
	iv_fs_model_free(m->fs);
	memset(m, 0, sizeof(*m));
}

enum iv_err rv_model_new(const struct rv_family *fam, struct rv_model *out, struct iv_buf *err)
{
	enum iv_err rc;

	memset(out, 0, sizeof(*out));
	rc = iv_fs_model_new(&out->fs, err);
	for (size_t f = 0; !rc && f < fam->nf; f++) {
		unsigned nl = rv_kind_levels(fam->f[f].kind);

		rc = iv_fs_add_feature(out->fs, fam->f[f].name, nl, nl - 1, err);
	}
	if (rc)
		rv_model_release(out);
	return rc;
}

void rv_model_count_holding(struct rv_model *m, const struct rv_set *set, bool add)
{
	for (size_t f = 0; f < set->fam->nf; f++) {
		uint64_t n = 0;

		for (size_t i = 0; i < set->nrecs; i++)
			n += set->recs[i].off[f + 1] > set->recs[i].off[f];
		if (add)
			m->holding[f] += n;
		else
			m->holding[f] = m->holding[f] > n ? m->holding[f] - n : 0;
	}
}

enum iv_err rv_model_text(const struct rv_family *fam, const struct rv_model *m, struct iv_buf *out)
{
	json_t *root = json_object(), *features = json_array();
	char *text = NULL;
	enum iv_err rc = IV_ERR_NOMEM;

	if (!root || !features)
		goto out;
	if (json_object_set_new(root, "form", json_integer(RV_MODEL_FORM)) ||
	    json_object_set_new(root, "family", json_string(fam->name)) ||
	    json_object_set_new(root, "prior", json_real(iv_fs_prior(m->fs))) ||
	    json_object_set_new(root, "threshold", json_real(m->threshold)) ||
	    json_object_set_new(root, "review_low", json_real(m->review_low)) ||
	    json_object_set_new(root, "records", json_integer((json_int_t)m->nrecords)) ||
	    json_object_set_new(root, "mark", json_integer((json_int_t)m->mark)) ||
	    json_object_set(root, "features", features))
		goto out;
	for (size_t f = 0; f < fam->nf; f++) {
		json_t *feat = json_object(), *ms = json_array(), *us = json_array();
		unsigned nl = rv_kind_levels(fam->f[f].kind);

		if (!feat || !ms || !us || json_array_append_new(features, feat) ||
		    json_object_set_new(feat, "name", json_string(fam->f[f].name)) ||
		    json_object_set_new(feat, "m", ms) || json_object_set_new(feat, "u", us) ||
		    json_object_set_new(feat, "holding", json_integer((json_int_t)m->holding[f])))
			goto out;
		for (unsigned l = 0; l < nl; l++)
			if (json_array_append_new(ms, json_real(iv_fs_m(m->fs, f, l))) ||
			    json_array_append_new(us, json_real(iv_fs_u(m->fs, f, l))))
				goto out;
	}
	text = json_dumps(root, JSON_COMPACT | JSON_REAL_PRECISION(17));
	if (!text)
		goto out;
	iv_buf_reset(out);
	rc = iv_buf_adds(out, text);
out:
	free(text);
	json_decref(features);
	json_decref(root);
	return rc;
}

enum iv_err rv_model_parse(const struct rv_family *fam, const char *text, struct rv_model *out,
                           struct iv_buf *err)
{
	json_error_t jerr;
	json_t *root = json_loads(text, 0, &jerr);
	json_t *features;
	enum iv_err rc;

	memset(out, 0, sizeof(*out));
	features = root ? json_object_get(root, "features") : NULL;
	if (!json_is_array(features) || json_array_size(features) != fam->nf)
		goto bad;
	/* records and keys stored by another form of the engine (identifiers written
	 * otherwise) would not meet new ones: such a model is fitted again */
	if (json_integer_value(json_object_get(root, "form")) != RV_MODEL_FORM)
		goto bad;
	rc = rv_model_new(fam, out, err);
	if (rc)
		goto fail;
	for (size_t f = 0; f < fam->nf; f++) {
		json_t *feat = json_array_get(features, f);
		json_t *ms = json_object_get(feat, "m"), *us = json_object_get(feat, "u");
		json_t *holding = json_object_get(feat, "holding");
		unsigned nl = rv_kind_levels(fam->f[f].kind);
		double m[IV_FS_MAX_LEVELS], u[IV_FS_MAX_LEVELS];

		if (json_array_size(ms) != nl || json_array_size(us) != nl ||
		    !json_is_integer(holding) || json_integer_value(holding) < 0)
			goto bad;
		out->holding[f] = (uint64_t)json_integer_value(holding);
		for (unsigned l = 0; l < nl; l++) {
			m[l] = json_number_value(json_array_get(ms, l));
			u[l] = json_number_value(json_array_get(us, l));
		}
		if (iv_fs_set(out->fs, json_number_value(json_object_get(root, "prior")), f, m, u,
		              nl, NULL))
			goto bad;
	}
	out->threshold = json_number_value(json_object_get(root, "threshold"));
	out->review_low = json_number_value(json_object_get(root, "review_low"));
	out->nrecords = (uint64_t)json_integer_value(json_object_get(root, "records"));
	out->mark = (uint64_t)json_integer_value(json_object_get(root, "mark"));
	if (!(out->threshold > 0 && out->threshold < 1) ||
	    !(out->review_low > 0 && out->review_low < out->threshold))
		goto bad;
	json_decref(root);
	return IV_OK;
bad:
	rc = iv_seterr(err, IV_ERR_DB,
	               "the stored %s model is damaged or from an older version; run 'invigor "
	               "resolve'",
	               fam->name);
fail:
	json_decref(root);
	rv_model_release(out);
	return rc;
}

double rv_score(const struct rv_family *fam, const struct rv_model *m, const uint8_t *level,
                const uint64_t *counts, struct iv_fs_contrib *per_feature, bool *implied)
{
	double tf[RV_MAX_FEATURES];

	for (size_t f = 0; f < fam->nf; f++) {
		/* the chance that a random record with the feature holds the value */
		uint64_t among = m->holding[f] > 1 ? m->holding[f] : m->nrecords;

		tf[f] = NAN;
		if (counts && counts[f] > 0 && among > 1)
			tf[f] = (double)(counts[f] < among ? counts[f] : among) / (double)among;
	}
	{
		struct iv_fs_contrib own[RV_MAX_FEATURES];
		struct iv_fs_contrib *c = per_feature ? per_feature : own;
		double score = iv_fs_score_tf(m->fs, level, tf, c);

		/* agreement the names imply is not evidence again; disagreement still is */
		for (size_t f = 0; f < fam->nf; f++) {
			bool drop = c[f].weight > 0 && rv_implied_by_name(fam, level, f);

			if (drop) {
				score -= c[f].weight;
				c[f].weight = 0;
			}
			if (implied)
				implied[f] = drop;
		}
		return score;
	}
}

bool rv_implied_by_name(const struct rv_family *fam, const uint8_t *level, size_t f)
{
	return fam->f[f].name_implies && fam->name_feature >= 0 &&
	       level[fam->name_feature] < RV_NAME_LEVEL_DIFFERENT;
}

bool rv_corroborated(const struct rv_family *fam, const struct iv_fs_contrib *per_feature)
{
	size_t positive = 0;

	for (size_t f = 0; f < fam->nf; f++)
		if (per_feature[f].weight > 0 && !fam->f[f].weak)
			positive++;
	return positive >= 2;
}

int rv_fixed_differs(const struct rv_family *fam, const uint8_t *level)
{
	for (size_t f = 0; f < fam->nf; f++) {
		unsigned different = rv_level_different(fam->f[f].kind);

		/* a date: two of its three parts alike is no longer one date (2020-07-01 and
		 * 2020-07-02); a year alone against the whole date, or the day and month
		 * swapped, still is */
		if (fam->f[f].fixed &&
		    (level[f] == different ||
		     (fam->f[f].kind == RV_DATE && level[f] == RV_DATE_LEVEL_DIFFERENT - 1)))
			return (int)f;
	}
	return -1;
}

bool rv_strong_denied(const struct rv_family *fam, const uint8_t *level,
                      const struct iv_fs_contrib *per_feature)
{
	double sum = 0;
	bool backed = false;

	/* a weak attribute's agreement does not count: one country's documents give all
	 * their holders its nationality */
	for (size_t f = 0; f < fam->nf; f++) {
		if (!fam->f[f].weak || per_feature[f].weight < 0)
			sum += per_feature[f].weight;
		if (!fam->f[f].weak && (int)f != fam->name_feature && per_feature[f].weight > 0)
			backed = true;
	}
	if (sum <= -RV_STRONG_DENIED_BITS || rv_fixed_differs(fam, level) >= 0)
		return true;
	/* other names, and nothing but the number says they are one */
	return fam->name_feature >= 0 && level[fam->name_feature] == RV_NAME_LEVEL_DIFFERENT &&
	       !backed;
}

bool rv_links(const struct rv_family *fam, double probability, double threshold,
              const uint8_t *level, const struct iv_fs_contrib *per_feature, bool *by_selector)
{
	double bar =
	        threshold < RV_SELECTOR_NAME_PROBABILITY ? threshold : RV_SELECTOR_NAME_PROBABILITY;
	bool shared = false;

	if (by_selector)
		*by_selector = false;
	if (probability >= threshold && rv_corroborated(fam, per_feature))
		return true;
	if (fam->name_feature < 0 || probability < bar ||
	    level[fam->name_feature] > RV_NAME_LEVEL_SHORT_FORM)
		return false;
	for (size_t f = 0; f < fam->nf; f++)
		if (rv_shares_selector(fam, f, level[f]) && per_feature[f].weight > 0)
			shared = true;
	if (shared && by_selector)
		*by_selector = true;
	return shared;
}
