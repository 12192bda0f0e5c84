/*
 * fit.c - the model fitted on a run's compared pairs, and every pair
 * scored and decided with it.
 *
 * u from random record pairs; m by EM in two sessions, so that no feature
 * judges the pairs it chose; then the prior among the candidate pairs,
 * and u once more with each random pair weighed by the fitted model
 * (docs/resolution.md, "Scoring in the engine").  A pair is decided by
 * model.c's rules (rv_score, rv_strong_denied, rv_links).
 */
#include <math.h>
#include <string.h>

#include "resolve/run_int.h"

#include "iv/util.h"

/* splitmix64: a deterministic sample of record pairs, the same every run */
static uint64_t splitmix(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

#define U_SAMPLE 200000

/*
 * u from random record pairs: almost all of them are different people, so
 * the level frequencies among them are the non-match probabilities.
 */
/* Passes of re-estimating u from random pairs weighted by the fitted model (see rv_fit). */
#define U_PASSES 3

static IV_MUST_USE enum iv_err estimate_u(struct run *r, struct rv_model *m, bool weigh,
                                          struct iv_buf *err)
{
	const struct rv_family *fam = r->fam;
	double counts[RV_MAX_FEATURES][IV_FS_MAX_LEVELS];
	uint64_t n = r->set.nrecs, all = n * (n - 1) / 2, state = 0x1f2e3d4c5b6a7988ull;
	uint64_t sample = all < U_SAMPLE ? all : U_SAMPLE;
	struct rv_compare c;
	double w;
	enum iv_err rc = IV_OK;

	memset(counts, 0, sizeof(counts));
	if (!r->u_levels) { /* the first pass compares the pairs; later passes weigh them again */
		r->u_levels = iv_malloc(sample * fam->nf + 1);
		if (!r->u_levels)
			return iv_seterr(err, IV_ERR_NOMEM, "out of memory fitting the model");
		r->u_pairs = (size_t)sample;
		for (uint64_t s = 0, a = 0, b = 1; s < sample; s++) {
			size_t i, j;

			if (all <= U_SAMPLE) { /* every pair, in order: (a, b) walks them */
				i = (size_t)a;
				j = (size_t)b;
				if (++b == n) {
					a++;
					b = a + 1;
				}
			} else {
				i = (size_t)(splitmix(&state) % n);
				j = (size_t)(splitmix(&state) % (n - 1));
				if (j >= i)
					j++;
			}
			rv_compare(&r->set, i, &r->set, j, NULL, &c);
			memcpy(r->u_levels + s * fam->nf, c.level, fam->nf);
		}
	}
	for (size_t s = 0; s < r->u_pairs; s++) {
		const uint8_t *level = r->u_levels + s * fam->nf;

		/* refining: a random pair counts as far as the fitted model thinks it differs */
		w = weigh ? 1.0 - iv_fs_probability(iv_fs_score(m->fs, level, NULL)) : 1.0;
		for (size_t f = 0; f < fam->nf; f++)
			counts[f][level[f]] += w;
	}
	for (size_t f = 0; !rc && f < fam->nf; f++) {
		unsigned nl = rv_kind_levels(fam->f[f].kind);
		double mm[IV_FS_MAX_LEVELS], uu[IV_FS_MAX_LEVELS], total = 0;

		for (unsigned l = 0; l + 1 < nl; l++)
			total += counts[f][l] + 0.5;
		for (unsigned l = 0; l < nl; l++) {
			mm[l] = iv_fs_m(m->fs, f, l);
			uu[l] = l + 1 < nl ? (counts[f][l] + 0.5) / total : 1.0;
		}
		rc = iv_fs_set(m->fs, iv_fs_prior(m->fs), f, mm, uu, nl, err);
	}
	iv_fs_fix_u(m->fs, 1);
	return rc;
}

/*
 * One EM session with u fixed: m fitted on the pairs `use` selects, with the
 * features in `mask` treated as missing (they chose the pairs, so they must
 * not judge them).  The fitted m of the features in `take` go into m.
 */
static IV_MUST_USE enum iv_err em_session(struct run *r, struct rv_model *m, const uint8_t *levels,
                                          const bool *use, const bool *mask, const bool *take,
                                          struct iv_buf *err)
{
	size_t nf = r->fam->nf, n = 0;
	uint8_t *sub = iv_malloc(r->npairs * nf + 1);
	struct rv_model s;
	struct iv_fs_fit_report rep;
	enum iv_err rc;

	if (!sub)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory fitting the model");
	for (size_t p = 0; p < r->npairs; p++) {
		if (!use[p])
			continue;
		for (size_t f = 0; f < nf; f++)
			sub[n * nf + f] = mask[f] ? (uint8_t)(rv_kind_levels(r->fam->f[f].kind) - 1)
			                          : levels[p * nf + f];
		n++;
	}
	rc = rv_model_new(r->fam, &s, err);
	for (size_t f = 0; !rc && f < nf; f++) {
		unsigned nl = rv_kind_levels(r->fam->f[f].kind);
		double mm[IV_FS_MAX_LEVELS], uu[IV_FS_MAX_LEVELS];

		for (unsigned l = 0; l < nl; l++) {
			mm[l] = iv_fs_m(s.fs, f, l);
			uu[l] = iv_fs_u(m->fs, f, l);
		}
		rc = iv_fs_set(s.fs, 0.1, f, mm, uu, nl, err);
	}
	if (!rc)
		iv_fs_fix_u(s.fs, 1);
	if (!rc && n > 0) {
		rc = iv_fs_fit_em(s.fs, sub, n, 0, 0, &rep, err);
		if (!rc)
			r->rep->fit.iterations += rep.iterations;
	}
	for (size_t f = 0; !rc && n > 0 && f < nf; f++) {
		unsigned nl = rv_kind_levels(r->fam->f[f].kind);
		double mm[IV_FS_MAX_LEVELS], uu[IV_FS_MAX_LEVELS];

		/* expected matches behind the estimate, for smoothing */
		double ne = rep.prior * (double)n;

		if (!take[f] || mask[f])
			continue;
		/* one pseudo-match per level (a Dirichlet prior): a level that few matches
		 * showed is unlikely, not impossible; with many matches this fades away */
		for (unsigned l = 0; l < nl; l++) {
			mm[l] = l + 1 < nl
			                ? (iv_fs_m(s.fs, f, l) * ne + 1.0) / (ne + (double)(nl - 1))
			                : 1.0;
			uu[l] = iv_fs_u(m->fs, f, l);
		}
		rc = iv_fs_set(m->fs, iv_fs_prior(m->fs), f, mm, uu, nl, err);
	}
	if (rc == IV_ERR_INVALID) { /* nothing to learn from: keep the starting m */
		if (err)
			iv_buf_reset(err);
		rc = IV_OK;
	}
	rv_model_release(&s);
	iv_free(sub);
	return rc;
}

enum iv_err rv_fit_several(const struct rv_family *fam, struct rv_model *m, struct iv_buf *err)
{
	const double least = RV_SEVERAL_M;

	for (size_t f = 0; f < fam->nf; f++) {
		unsigned nl = rv_kind_levels(fam->f[f].kind),
		         diff = rv_level_different(fam->f[f].kind);
		double mm[IV_FS_MAX_LEVELS], uu[IV_FS_MAX_LEVELS], rest = 0;
		enum iv_err rc;

		if (!fam->f[f].several || nl < 3 || iv_fs_m(m->fs, f, diff) >= least)
			continue;
		for (unsigned l = 0; l < diff; l++)
			rest += iv_fs_m(m->fs, f, l);
		for (unsigned l = 0; l < nl; l++) {
			mm[l] = iv_fs_m(m->fs, f, l);
			uu[l] = iv_fs_u(m->fs, f, l);
			if (l < diff && rest > 0)
				mm[l] *= (1.0 - least) / rest;
		}
		mm[diff] = least;
		rc = iv_fs_set(m->fs, iv_fs_prior(m->fs), f, mm, uu, nl, err);
		if (rc)
			return rc;
	}
	return IV_OK;
}

/*
 * EM on the prior alone (m and u fixed) over the candidate pairs: the
 * share of matches among them.  Vectors are packed 4 bits per level into
 * one integer and grouped, so an iteration costs O(distinct vectors).
 */
static IV_MUST_USE enum iv_err fit_prior(struct run *r, struct rv_model *m, const uint8_t *levels,
                                         double *prior, struct iv_buf *err)
{
	size_t nf = r->fam->nf, ndist = 0;
	uint64_t *packed = iv_malloc((r->npairs + 1) * sizeof(*packed));
	double *count = NULL, *post = NULL;

	if (!packed)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory fitting the model");
	for (size_t p = 0; p < r->npairs; p++) {
		uint64_t v = 0;

		for (size_t f = 0; f < nf; f++)
			v |= (uint64_t)(levels[p * nf + f] & 15) << (4 * f);
		packed[p] = v;
	}
	if (rv_radix_sort(packed, r->npairs, sizeof(*packed))) {
		iv_free(packed);
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory fitting the model");
	}
	count = iv_malloc((r->npairs + 1) * sizeof(*count));
	post = iv_malloc((r->npairs + 1) * sizeof(*post));
	if (!count || !post) {
		iv_free(packed);
		iv_free(count);
		iv_free(post);
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory fitting the model");
	}
	for (size_t p = 0; p < r->npairs; p++) {
		if (ndist && packed[ndist - 1] == packed[p]) {
			count[ndist - 1] += 1;
			continue;
		}
		packed[ndist] = packed[p];
		count[ndist++] = 1;
	}
	/* the score without the prior, once per distinct vector */
	iv_fs_set_prior(m->fs, 0.5);
	for (size_t i = 0; i < ndist; i++) {
		uint8_t lv[RV_MAX_FEATURES];

		for (size_t f = 0; f < nf; f++)
			lv[f] = (uint8_t)((packed[i] >> (4 * f)) & 15);
		post[i] = iv_fs_score(m->fs, lv, NULL);
	}
	*prior = 0.1;
	for (int it = 0; it < 200 && r->npairs; it++) {
		double sum = 0, before = *prior, logit = log2(*prior / (1 - *prior));

		for (size_t i = 0; i < ndist; i++)
			sum += count[i] * iv_fs_probability(post[i] + logit);
		*prior = sum / (double)r->npairs;
		if (*prior < IV_FS_MIN_PROB)
			*prior = IV_FS_MIN_PROB;
		if (*prior > 1 - IV_FS_MIN_PROB)
			*prior = 1 - IV_FS_MIN_PROB;
		if (fabs(*prior - before) < 1e-9)
			break;
	}
	iv_free(packed);
	iv_free(count);
	iv_free(post);
	return IV_OK;
}

/* Fewer pairs sharing a value than this: the name's m is fitted on all candidate pairs. */
#define SESSION_MIN_PAIRS 200

/*
 * Fit the model (docs/resolution.md, "Scoring"): u from random pairs; m by
 * EM with u fixed in two sessions, so that no feature judges the pairs it
 * chose: the pairs that share a value (phone, e-mail, selector) give the m
 * of the name and the other features, with the shared-value features
 * masked; the pairs with similar names give the m of the value features,
 * with the name masked.  Then the match prior: EM on p alone over all
 * candidate pairs, turned into the chance that two random records match.
 */
/*
 * Session 1's pairs: those sharing a blocking value (a phone, an e-mail), with
 * those features masked.  Records without phones or e-mails (a census, a
 * passenger list) have no such pair, so the name's m then comes from all
 * candidate pairs, nothing masked.
 */
static void session_sharing(const struct run *r, bool *use, bool *mask, bool *take)
{
	const struct rv_family *fam = r->fam;
	size_t nuse = 0;

	for (size_t f = 0; f < fam->nf; f++) {
		mask[f] = rv_is_selector(fam, f);
		take[f] = !mask[f];
	}
	for (size_t p = 0; p < r->npairs; p++) {
		use[p] = false;
		for (size_t f = 0; f < fam->nf; f++)
			if (mask[f] && rv_shares_selector(fam, f, r->cmp[p].level[f]))
				use[p] = true;
		nuse += use[p];
	}
	if (nuse < SESSION_MIN_PAIRS) {
		for (size_t p = 0; p < r->npairs; p++)
			use[p] = true;
		for (size_t f = 0; f < fam->nf; f++)
			mask[f] = false;
	}
}

/* Session 2's pairs: those with similar names, the name masked; it takes the
 * selectors (masked in session 1, whether or not session 1 had pairs). */
static void session_names(const struct run *r, bool *use, bool *mask, bool *take)
{
	const struct rv_family *fam = r->fam;
	int name = fam->name_feature;

	for (size_t f = 0; f < fam->nf; f++) {
		take[f] = rv_is_selector(fam, f);
		mask[f] = (int)f == name;
	}
	for (size_t p = 0; p < r->npairs; p++)
		use[p] = name < 0 || r->cmp[p].level[name] <= RV_NAME_LEVEL_SIMILAR;
}

/*
 * Random pairs are not all non-matches: a facilitator named in 300 reports
 * makes 45,000 matching pairs, and his phone's u among random pairs comes
 * mostly from them.  Once m is fitted, u is estimated again with each random
 * pair weighted by the chance it is a non-match.
 */
static enum iv_err reestimate_u(struct run *r, struct rv_model *m, struct iv_buf *err)
{
	double p0 = iv_fs_prior(m->fs);
	enum iv_err rc = IV_OK;

	for (int pass = 0; !rc && pass < U_PASSES; pass++) {
		rc = estimate_u(r, m, true, err);
		if (!rc)
			iv_fs_set_prior(m->fs, p0);
	}
	return rc;
}

enum iv_err rv_fit(struct run *r, struct rv_model *m, struct iv_buf *err)
{
	size_t nf = r->fam->nf;
	uint8_t *levels = iv_malloc(r->npairs * nf + 1);
	bool *use = iv_calloc(r->npairs + 1);
	bool mask[RV_MAX_FEATURES] = {0}, take[RV_MAX_FEATURES] = {0};
	double prior = 0.1, n = (double)r->set.nrecs;
	enum iv_err rc;

	if (!levels || !use) {
		iv_free(levels);
		iv_free(use);
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory fitting the model");
	}
	for (size_t p = 0; p < r->npairs; p++)
		memcpy(levels + p * nf, r->cmp[p].level, nf);
	rc = estimate_u(r, m, false, err);
	session_sharing(r, use, mask, take);
	if (!rc)
		rc = em_session(r, m, levels, use, mask, take, err);
	session_names(r, use, mask, take);
	if (!rc)
		rc = em_session(r, m, levels, use, mask, take, err);
	if (!rc)
		rc = rv_fit_several(r->fam, m, err);
	/* the prior among candidate pairs, m and u fixed, over distinct vectors */
	if (!rc)
		rc = fit_prior(r, m, levels, &prior, err);
	iv_free(levels);
	iv_free(use);
	r->rep->fitted = rc == IV_OK;
	r->rep->fit.prior = prior;
	r->rep->fit.npairs = r->npairs;
	/* scoring with u from random pairs needs the chance that two random records match */
	if (!rc && n > 1)
		iv_fs_set_prior(m->fs, prior * (double)r->npairs / (n * (n - 1) / 2));
	if (!rc && n > 1)
		rc = reestimate_u(r, m, err);
	return rc;
}

/* Score every pair and decide. */
void rv_decide_all(struct run *r, const struct rv_model *m)
{
	for (size_t p = 0; p < r->npairs; p++) {
		const struct rv_outcome *c = &r->cmp[p];
		struct iv_fs_contrib contrib[RV_MAX_FEATURES];
		uint64_t counts[RV_MAX_FEATURES];
		double score;

		for (size_t f = 0; f < r->fam->nf; f++)
			counts[f] = c->count[f];
		score = rv_score(r->fam, m, c->level, counts, contrib, NULL);
		r->prob[p] = iv_fs_probability(score);
		if (c->strong > 0 && rv_strong_denied(r->fam, c->level, contrib))
			r->decision[p] = RV_DECIDED_REUSED; /* a person sees the reused number */
		else if (c->strong > 0)
			r->decision[p] = RV_E_STRONG;
		else if (c->strong < 0)
			r->decision[p] = RV_E_VETO;
		else if (rv_links(r->fam, r->prob[p], r->o.threshold, c->level, contrib, NULL))
			r->decision[p] = RV_E_MATCH;
		else if (r->prob[p] >= r->o.review_low)
			r->decision[p] = RV_DECIDED_REVIEW;
		else
			r->decision[p] = 0;
	}
}

enum iv_res_link_kind rv_link_kind(int decision)
{
	switch (decision) {
	case RV_E_STRONG:
		return IV_RES_STRONG;
	case RV_E_VETO:
		return IV_RES_VETO;
	case RV_E_MATCH:
		return IV_RES_MATCH;
	case RV_DECIDED_REUSED:
		return IV_RES_REUSED;
	default:
		return IV_RES_REVIEW;
	}
}

void rv_count_links(struct run *r)
{
	for (size_t p = 0; p < r->npairs; p++) {
		switch (r->decision[p]) {
		case RV_E_STRONG:
			r->rep->strong_links++;
			break;
		case RV_E_VETO:
			r->rep->vetoes++;
			break;
		case RV_E_MATCH:
			r->rep->match_links++;
			break;
		case RV_DECIDED_REVIEW:
		case RV_DECIDED_REUSED:
			r->rep->review_pairs++;
			break;
		default:
			break;
		}
	}
}
