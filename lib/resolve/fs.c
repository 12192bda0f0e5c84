/*
 * fs.c - Fellegi-Sunter model: features with discrete agreement levels,
 * unsupervised EM for p, m and u, and scoring in bits (include/iv/fs.h).
 *
 * EM works on distinct comparison vectors with their counts, not on the
 * pairs one by one: blocking gives millions of pairs but only hundreds of
 * distinct vectors, so an iteration is cheap and the fit is exact.
 */
#include <math.h>
#include <string.h>

#include "iv/fs.h"

struct fs_feature {
	char *name;
	unsigned nlevels;
	unsigned missing; /* IV_FS_NO_MISSING when none */
	double m[IV_FS_MAX_LEVELS];
	double u[IV_FS_MAX_LEVELS];
};

struct iv_fs_model {
	struct fs_feature features[IV_FS_MAX_FEATURES];
	size_t nfeatures;
	double prior;
	int u_fixed; /* EM keeps u as set (iv_fs_fix_u) */
};

/* distinct comparison vectors and how often each occurs */
struct fs_patterns {
	uint8_t *levels; /* n * K */
	double *count;
	size_t n;
};

static double clamp_prob(double x)
{
	if (!(x >= IV_FS_MIN_PROB)) /* also catches NaN */
		return IV_FS_MIN_PROB;
	if (x > 1.0 - IV_FS_MIN_PROB)
		return 1.0 - IV_FS_MIN_PROB;
	return x;
}

static unsigned evidence_levels(const struct fs_feature *f)
{
	return f->nlevels - (f->missing < f->nlevels ? 1u : 0u);
}

/* m: 0.9 on level 0, the rest shared evenly over the other non-missing levels */
static void start_m(struct fs_feature *f)
{
	unsigned ne = evidence_levels(f);

	for (unsigned l = 0; l < f->nlevels; l++) {
		if (l == f->missing)
			f->m[l] = 1.0;
		else if (l == 0 || ne < 2)
			f->m[l] = ne < 2 ? 1.0 : 0.9;
		else
			f->m[l] = 0.1 / (double)(ne - 1);
	}
}

enum iv_err iv_fs_model_new(struct iv_fs_model **out, struct iv_buf *err)
{
	struct iv_fs_model *model = iv_calloc(sizeof(*model));

	*out = NULL;
	if (!model)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory for a scoring model");
	model->prior = 0.1;
	*out = model;
	return IV_OK;
}

void iv_fs_model_free(struct iv_fs_model *model)
{
	if (!model)
		return;
	for (size_t f = 0; f < model->nfeatures; f++)
		iv_free(model->features[f].name);
	iv_free(model);
}

enum iv_err iv_fs_add_feature(struct iv_fs_model *model, const char *name, unsigned nlevels,
                              unsigned missing_level, struct iv_buf *err)
{
	struct fs_feature *f;
	unsigned ne;

	if (!name || !*name)
		return iv_seterr(err, IV_ERR_INVALID, "a feature needs a name");
	if (nlevels < 2 || nlevels > IV_FS_MAX_LEVELS)
		return iv_seterr(err, IV_ERR_INVALID, "feature %s: %u levels (2 to %d allowed)",
		                 name, nlevels, IV_FS_MAX_LEVELS);
	if (missing_level != IV_FS_NO_MISSING && missing_level >= nlevels)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "feature %s: missing level %u out of range (%u levels)", name,
		                 missing_level, nlevels);
	if (missing_level == 0)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "feature %s: level 0 is the strongest agreement, not missing",
		                 name);
	if (model->nfeatures >= IV_FS_MAX_FEATURES)
		return iv_seterr(err, IV_ERR_INVALID, "feature %s: more than %d features", name,
		                 IV_FS_MAX_FEATURES);
	f = &model->features[model->nfeatures];
	memset(f, 0, sizeof(*f));
	f->name = iv_strdup(name);
	if (!f->name)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory for feature %s", name);
	f->nlevels = nlevels;
	f->missing = missing_level;
	start_m(f);
	ne = evidence_levels(f);
	for (unsigned l = 0; l < nlevels; l++)
		f->u[l] = l == f->missing ? 1.0 : 1.0 / (double)ne;
	model->nfeatures++;
	return IV_OK;
}

size_t iv_fs_nfeatures(const struct iv_fs_model *model)
{
	return model->nfeatures;
}

const char *iv_fs_feature_name(const struct iv_fs_model *model, size_t f)
{
	return f < model->nfeatures ? model->features[f].name : NULL;
}

/* ---- grouping identical vectors -------------------------------------------------------- */

static void patterns_release(struct fs_patterns *pt)
{
	iv_free(pt->levels);
	iv_free(pt->count);
	memset(pt, 0, sizeof(*pt));
}

/*
 * Check every level and group identical vectors.  The map key is the
 * vector written as letters ('A' + level), its value the pattern index + 1.
 */
static IV_MUST_USE enum iv_err group_patterns(const struct iv_fs_model *model,
                                              const uint8_t *levels, size_t npairs,
                                              struct fs_patterns *pt, struct iv_buf *err)
{
	size_t k = model->nfeatures;
	struct iv_map seen = IV_MAP_INIT;
	char key[IV_FS_MAX_FEATURES + 1];
	enum iv_err rc = IV_OK;

	memset(pt, 0, sizeof(*pt));
	for (size_t i = 0; i < npairs; i++)
		for (size_t f = 0; f < k; f++)
			if (levels[i * k + f] >= model->features[f].nlevels)
				return iv_seterr(err, IV_ERR_INVALID,
				                 "pair %zu, feature %s: level %u out of range "
				                 "(%u levels)",
				                 i, model->features[f].name, levels[i * k + f],
				                 model->features[f].nlevels);
	/* at most npairs patterns; the arrays are small next to the input */
	pt->levels = iv_malloc(npairs * k);
	pt->count = iv_malloc(npairs * sizeof(*pt->count));
	if (!pt->levels || !pt->count) {
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory grouping %zu pairs", npairs);
		goto out;
	}
	for (size_t i = 0; i < npairs; i++) {
		const uint8_t *row = levels + i * k;
		void *hit;

		for (size_t f = 0; f < k; f++)
			key[f] = (char)('A' + row[f]);
		key[k] = '\0';
		hit = iv_map_getn(&seen, key, k);
		if (hit) {
			pt->count[(uintptr_t)hit - 1] += 1.0;
			continue;
		}
		rc = iv_map_putn(&seen, key, k, (void *)(uintptr_t)(pt->n + 1));
		if (rc) {
			rc = iv_seterr(err, rc, "out of memory grouping %zu pairs", npairs);
			goto out;
		}
		memcpy(pt->levels + pt->n * k, row, k);
		pt->count[pt->n++] = 1.0;
	}
out:
	iv_map_release(&seen);
	if (rc)
		patterns_release(pt);
	return rc;
}

/* ---- EM ----------------------------------------------------------------------------- */

/* log P(vector | match) and log P(vector | non-match), missing levels skipped */
static void log_likelihoods(const struct fs_feature *feat, size_t k, const uint8_t *row, double *lm,
                            double *lu)
{
	double a = 0.0, b = 0.0;

	for (size_t f = 0; f < k; f++) {
		unsigned l = row[f];

		if (l == feat[f].missing)
			continue;
		a += log(feat[f].m[l]);
		b += log(feat[f].u[l]);
	}
	*lm = a;
	*lu = b;
}

/* normalise one distribution over the non-missing levels, clamped */
static void normalise(double *p, const struct fs_feature *f)
{
	double sum = 0.0;

	for (unsigned l = 0; l < f->nlevels; l++)
		if (l != f->missing)
			sum += p[l];
	for (unsigned l = 0; l < f->nlevels; l++) {
		if (l == f->missing)
			p[l] = 1.0;
		else
			p[l] = clamp_prob(sum > 0.0 ? p[l] / sum
			                            : 1.0 / (double)evidence_levels(f));
	}
}

/* The start of u: the observed level frequencies over every pair (nearly all differ). */
static void start_u(struct fs_feature *feat, size_t k, const struct fs_patterns *pt)
{
	for (size_t f = 0; f < k; f++) {
		memset(feat[f].u, 0, sizeof(feat[f].u));
		for (size_t i = 0; i < pt->n; i++)
			feat[f].u[pt->levels[i * k + f]] += pt->count[i];
		normalise(feat[f].u, &feat[f]);
	}
}

/*
 * E step: each distinct vector's posterior match probability into g; the
 * sum of the posteriors over every pair into *gsum; returns the data's
 * log-likelihood under the model.
 */
static double e_step(const struct fs_feature *feat, size_t k, double prior,
                     const struct fs_patterns *pt, double *g, double *gsum)
{
	double loglik = 0.0, logit = log(prior) - log(1.0 - prior);

	*gsum = 0.0;
	for (size_t i = 0; i < pt->n; i++) {
		double lm, lu, x, big;

		log_likelihoods(feat, k, pt->levels + i * k, &lm, &lu);
		x = logit + lm - lu;
		g[i] = x >= 0 ? 1.0 / (1.0 + exp(-x)) : exp(x) / (1.0 + exp(x));
		/* log(p e^lm + (1-p) e^lu) without overflow */
		lm += log(prior);
		lu += log(1.0 - prior);
		big = lm > lu ? lm : lu;
		loglik += pt->count[i] * (big + log(exp(lm - big) + exp(lu - big)));
		*gsum += pt->count[i] * g[i];
	}
	return loglik;
}

/*
 * M step: m and u (unless fixed) from the expected counts the posteriors g
 * give; returns the largest change of any m or u.
 */
static double m_step(struct fs_feature *feat, size_t k, bool u_fixed, const struct fs_patterns *pt,
                     const double *g)
{
	double msum[IV_FS_MAX_FEATURES][IV_FS_MAX_LEVELS];
	double usum[IV_FS_MAX_FEATURES][IV_FS_MAX_LEVELS];
	double change = 0.0;

	memset(msum, 0, sizeof(msum));
	memset(usum, 0, sizeof(usum));
	for (size_t i = 0; i < pt->n; i++)
		for (size_t f = 0; f < k; f++) {
			unsigned l = pt->levels[i * k + f];

			msum[f][l] += pt->count[i] * g[i];
			usum[f][l] += pt->count[i] * (1.0 - g[i]);
		}
	for (size_t f = 0; f < k; f++) {
		normalise(msum[f], &feat[f]);
		normalise(usum[f], &feat[f]);
		for (unsigned l = 0; l < feat[f].nlevels; l++) {
			change = fmax(change, fabs(msum[f][l] - feat[f].m[l]));
			feat[f].m[l] = msum[f][l];
			if (u_fixed)
				continue;
			change = fmax(change, fabs(usum[f][l] - feat[f].u[l]));
			feat[f].u[l] = usum[f][l];
		}
	}
	return change;
}

enum iv_err iv_fs_fit_em(struct iv_fs_model *model, const uint8_t *levels, size_t npairs,
                         unsigned max_iter, double tol, struct iv_fs_fit_report *report,
                         struct iv_buf *err)
{
	size_t k = model->nfeatures;
	struct fs_patterns pt;
	struct fs_feature *feat = NULL;
	double *g = NULL;
	double prior = 0.1, loglik = 0.0;
	unsigned it = 0;
	int converged = 0;
	enum iv_err rc;

	if (k == 0)
		return iv_seterr(err, IV_ERR_INVALID, "the model has no feature to fit");
	if (npairs == 0 || !levels)
		return iv_seterr(err, IV_ERR_INVALID, "no pairs to fit the model on");
	if (max_iter == 0)
		max_iter = 500;
	if (!(tol > 0.0))
		tol = 1e-7;
	rc = group_patterns(model, levels, npairs, &pt, err);
	if (rc)
		return rc;
	/* work on a copy so that a failure leaves the model as it was */
	feat = iv_malloc(k * sizeof(*feat));
	g = iv_malloc(pt.n * sizeof(*g));
	if (!feat || !g) {
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory fitting the model");
		goto out;
	}
	memcpy(feat, model->features, k * sizeof(*feat));
	/* start: m high on level 0, u = observed level frequencies (or as fixed) */
	for (size_t f = 0; f < k; f++)
		start_m(&feat[f]);
	if (!model->u_fixed)
		start_u(feat, k, &pt);
	while (it < max_iter) {
		double gsum, change;

		it++;
		loglik = e_step(feat, k, prior, &pt, g, &gsum);
		/* M: p, then m and u from the expected counts */
		change = fabs(clamp_prob(gsum / (double)npairs) - prior);
		prior = clamp_prob(gsum / (double)npairs);
		change = fmax(change, m_step(feat, k, model->u_fixed, &pt, g));
		if (change < tol) {
			converged = 1;
			break;
		}
	}
	memcpy(model->features, feat, k * sizeof(*feat));
	model->prior = prior;
	if (report) {
		report->iterations = it;
		report->converged = converged;
		report->prior = prior;
		report->loglik = loglik;
		report->npatterns = pt.n;
		report->npairs = npairs;
	}
	rc = IV_OK;
out:
	iv_free(g);
	iv_free(feat);
	patterns_release(&pt);
	return rc;
}

/* ---- reading and scoring ---------------------------------------------------------------- */

enum iv_err iv_fs_set(struct iv_fs_model *model, double prior, size_t feature, const double *m,
                      const double *u, unsigned nlevels, struct iv_buf *err)
{
	struct fs_feature *f;

	if (feature >= model->nfeatures)
		return iv_seterr(err, IV_ERR_INVALID, "no feature %zu in the model", feature);
	f = &model->features[feature];
	if (nlevels != f->nlevels)
		return iv_seterr(err, IV_ERR_INVALID, "feature %s has %u levels, not %u", f->name,
		                 f->nlevels, nlevels);
	if (!(prior >= 0 && prior <= 1))
		return iv_seterr(err, IV_ERR_INVALID, "a prior must be a probability");
	for (unsigned l = 0; l < nlevels; l++)
		if (!(m[l] >= 0 && m[l] <= 1 && u[l] >= 0 && u[l] <= 1))
			return iv_seterr(err, IV_ERR_INVALID,
			                 "feature %s: m and u must be probabilities", f->name);
	model->prior = clamp_prob(prior);
	for (unsigned l = 0; l < nlevels; l++) {
		f->m[l] = l == f->missing ? 1.0 : clamp_prob(m[l]);
		f->u[l] = l == f->missing ? 1.0 : clamp_prob(u[l]);
	}
	return IV_OK;
}

void iv_fs_fix_u(struct iv_fs_model *model, int fixed)
{
	model->u_fixed = fixed != 0;
}

void iv_fs_set_prior(struct iv_fs_model *model, double prior)
{
	model->prior = clamp_prob(prior);
}

double iv_fs_prior(const struct iv_fs_model *model)
{
	return model->prior;
}

double iv_fs_m(const struct iv_fs_model *model, size_t feature, unsigned level)
{
	if (feature >= model->nfeatures || level >= model->features[feature].nlevels)
		return NAN;
	return model->features[feature].m[level];
}

double iv_fs_u(const struct iv_fs_model *model, size_t feature, unsigned level)
{
	if (feature >= model->nfeatures || level >= model->features[feature].nlevels)
		return NAN;
	return model->features[feature].u[level];
}

double iv_fs_weight(const struct iv_fs_model *model, size_t feature, unsigned level)
{
	const struct fs_feature *f;

	if (feature >= model->nfeatures || level >= model->features[feature].nlevels)
		return NAN;
	f = &model->features[feature];
	if (level == f->missing)
		return 0.0;
	return log2(f->m[level] / f->u[level]);
}

double iv_fs_score_tf(const struct iv_fs_model *model, const uint8_t *levels,
                      const double *tf_u_override, struct iv_fs_contrib *per_feature)
{
	double score = log2(model->prior / (1.0 - model->prior));

	for (size_t i = 0; i < model->nfeatures; i++) {
		const struct fs_feature *f = &model->features[i];
		unsigned l = levels[i];
		double m = 1.0, u = 1.0, w = 0.0;

		if (l < f->nlevels && l != f->missing) {
			m = f->m[l];
			u = f->u[l];
			if (l == 0 && tf_u_override && !isnan(tf_u_override[i]))
				u = clamp_prob(tf_u_override[i]);
			w = log2(m / u);
		}
		score += w;
		if (per_feature) {
			per_feature[i].level = l;
			per_feature[i].m = m;
			per_feature[i].u = u;
			per_feature[i].weight = w;
		}
	}
	return score;
}

double iv_fs_score(const struct iv_fs_model *model, const uint8_t *levels,
                   struct iv_fs_contrib *per_feature)
{
	return iv_fs_score_tf(model, levels, NULL, per_feature);
}

double iv_fs_probability(double score)
{
	return 1.0 / (1.0 + exp2(-score));
}
