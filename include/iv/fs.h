/*
 * fs.h - Fellegi-Sunter scoring of record pairs: a model over K comparison
 * features, each with a few discrete agreement levels, whose match prior p
 * and per-level m and u probabilities are trained without labels by EM on
 * the comparison vectors themselves.  docs/resolution.md ("Scoring")
 * explains the method.
 *
 * Rules:
 *  - levels are small integers, 0 the strongest agreement (for example
 *    name: 0 exact, 1 skeleton or variant, 2 similarity >= 0.85, 3 >= 0.7,
 *    4 disagree, 5 missing).  Level 0 is what term-frequency adjustment
 *    calls "exact agreement", and it is where EM starts m high.
 *  - a feature may name one level as "missing": that level carries no
 *    evidence (weight 0) and takes no part in the m/u estimates.
 *  - a comparison vector is K bytes, one level per feature in the order
 *    the features were added; a batch of n pairs is n * K bytes, row-major.
 *  - weights are in bits: log2(m/u).  Probabilities are clamped to
 *    [IV_FS_MIN_PROB, 1 - IV_FS_MIN_PROB] so no weight is infinite.
 *  - the model is not thread-safe while it is fitted or changed; scoring
 *    a fitted model does no allocation and may run from many threads.
 *  - the library never prints; errors come back as enum iv_err with a
 *    message in the optional err buffer.
 */
#ifndef IV_FS_H
#define IV_FS_H

#include <stddef.h>
#include <stdint.h>

#include "iv/util.h"

/** Most levels per feature and most features per model. */
#define IV_FS_MAX_LEVELS   16
#define IV_FS_MAX_FEATURES 64
/** A feature without a missing level passes this as missing_level. */
#define IV_FS_NO_MISSING 255u
/** Smallest probability any m, u or p is allowed to take (and 1 minus it the largest). */
#define IV_FS_MIN_PROB 1e-6

struct iv_fs_model;

/** What a fit did; every field is set on success. */
struct iv_fs_fit_report {
	unsigned iterations; /* EM iterations run */
	int converged;       /* 1 when the largest parameter change fell below tol */
	double prior;        /* the fitted match prior p */
	double loglik;       /* log-likelihood (natural log) of the data at the end */
	size_t npatterns;    /* distinct comparison vectors EM worked on */
	size_t npairs;       /* pairs given */
};

/** One feature's part in a score (for explanations). */
struct iv_fs_contrib {
	unsigned level; /* the level compared */
	double m, u;    /* the probabilities used (u after any TF override) */
	double weight;  /* bits added to the score; 0 for the missing level */
};

/** A new model with no feature; *out is freed with iv_fs_model_free. */
IV_MUST_USE enum iv_err iv_fs_model_new(struct iv_fs_model **out, struct iv_buf *err);
/** Free a model; NULL is a no-op. */
void iv_fs_model_free(struct iv_fs_model *model);

/**
 * Add a feature with nlevels levels (2..IV_FS_MAX_LEVELS) of which
 * missing_level (< nlevels, or IV_FS_NO_MISSING) means "not compared".
 * The name is copied.  Its m and u start at a neutral guess (m high on
 * level 0, u uniform) until the model is fitted.  IV_ERR_INVALID for a
 * NULL or empty name, a bad level count or missing level, more than
 * IV_FS_MAX_FEATURES features; IV_ERR_NOMEM.
 */
IV_MUST_USE enum iv_err iv_fs_add_feature(struct iv_fs_model *model, const char *name,
                                          unsigned nlevels, unsigned missing_level,
                                          struct iv_buf *err);

/** Number of features; name of feature f (borrowed from the model) or NULL. */
size_t iv_fs_nfeatures(const struct iv_fs_model *model);
const char *iv_fs_feature_name(const struct iv_fs_model *model, size_t f);

/**
 * Fit p, m and u by expectation-maximisation on npairs comparison vectors
 * (levels: npairs * K bytes, see the rules above), assuming the features
 * are independent given match status.  Starts from p = 0.1, m = 0.9 on
 * level 0 with the rest shared evenly, u = the observed level frequencies
 * (most pairs are non-matches).  Identical vectors are grouped first, so
 * one iteration costs O(distinct vectors * K).  Stops after max_iter
 * iterations (0: 500) or when no parameter moves by more than tol
 * (<= 0: 1e-7).  report may be NULL.  On failure the model keeps its
 * previous parameters.  IV_ERR_INVALID when there are no features, no
 * pairs, or a level is out of range (the message names the pair and the
 * feature); IV_ERR_NOMEM.
 */
IV_MUST_USE enum iv_err iv_fs_fit_em(struct iv_fs_model *model, const uint8_t *levels,
                                     size_t npairs, unsigned max_iter, double tol,
                                     struct iv_fs_fit_report *report, struct iv_buf *err);

/**
 * Set the prior and one feature's m and u for every level (nlevels
 * entries each, as the feature was added), for a model read back from
 * storage.  Values are clamped like fitted ones.  IV_ERR_INVALID for a
 * feature out of range, a wrong level count, or a value that is not a
 * number in [0,1].
 */
IV_MUST_USE enum iv_err iv_fs_set(struct iv_fs_model *model, double prior, size_t feature,
                                  const double *m, const double *u, unsigned nlevels,
                                  struct iv_buf *err);

/**
 * With fixed non-zero, iv_fs_fit_em keeps every u as it is now (set with
 * iv_fs_set, for example from the level frequencies of random record
 * pairs, which are almost all non-matches) and fits only p and m.
 */
void iv_fs_fix_u(struct iv_fs_model *model, int fixed);
/** Set the match prior p (clamped like every probability). */
void iv_fs_set_prior(struct iv_fs_model *model, double prior);

/** Match prior p, m and u of one feature level (NaN when out of range). */
double iv_fs_prior(const struct iv_fs_model *model);
double iv_fs_m(const struct iv_fs_model *model, size_t feature, unsigned level);
double iv_fs_u(const struct iv_fs_model *model, size_t feature, unsigned level);

/**
 * Weight of one feature level in bits, log2(m/u); 0 for the missing
 * level, NaN when the feature or level is out of range.
 */
double iv_fs_weight(const struct iv_fs_model *model, size_t feature, unsigned level);

/**
 * Score of one comparison vector (K bytes) in bits: the prior log-odds
 * log2(p / (1 - p)) plus the weight of every feature.  A level out of
 * range counts as missing (0).  per_feature, when non-NULL, receives K
 * entries.  No allocation.
 */
double iv_fs_score(const struct iv_fs_model *model, const uint8_t *levels,
                   struct iv_fs_contrib *per_feature);

/**
 * Score with term-frequency adjustment.  tf_u_override has K entries;
 * NaN means "no adjustment" for that feature.  When feature f agrees
 * exactly (level 0) and tf_u_override[f] is a number, u for that feature
 * becomes that number instead of the fitted u: the observed frequency of
 * the agreeing value, i.e. the chance that two records of different
 * people share it by accident (clamped like every probability).  So
 * "Nguyen" held by 5% of records weighs log2(m / 0.05) while a name held
 * by one record in 100,000 weighs log2(m / 0.00001): a common value counts
 * for less.  Other levels are scored as iv_fs_score does.  A NULL
 * tf_u_override is iv_fs_score.
 */
double iv_fs_score_tf(const struct iv_fs_model *model, const uint8_t *levels,
                      const double *tf_u_override, struct iv_fs_contrib *per_feature);

/** Posterior match probability of a score: 1 / (1 + 2^-score). */
double iv_fs_probability(double score);

#endif
