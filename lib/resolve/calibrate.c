/*
 * calibrate.c - the review band's match probability, calibrated by the
 * judgements people gave on it.
 *
 * The model's probability comes from an EM fit without labels, and in the
 * review band it can be far from what people find: on the generated world,
 * review links the model puts at 0.85-0.90 are one person 9.6% of the
 * time (docs/resolution.md, "Calibration by judgements").  People's "same"
 * and "different" on review links are labels.  A logistic fit of the
 * verdict on the link's score in bits (Platt scaling), one per family,
 * drawn towards the model's own reading of the score (slope ln 2, offset
 * 0) by a Gaussian prior, gives the share of such links people find to be
 * one.  It is computed when asked (the review queue, an explanation) from
 * the verdicts that stand, so a judgement moves it at once.  It is shown
 * beside the model's probability and decides nothing: links, clusters and
 * the queue's order stay the model's.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "resolve/resolve_int.h"

#include "iv/util.h"

/* How strongly the fit is drawn towards the model's reading: the precision (1 / variance) of
 * the Gaussian prior on the slope and the offset. */
#define CALIBRATION_PRIOR 1.0

/* The logistic function, without overflow at either end. */
static double logistic(double z)
{
	if (z >= 0)
		return 1.0 / (1.0 + exp(-z));
	return exp(z) / (1.0 + exp(z));
}

void rv_calibration_fit(const double *score, const bool *same, size_t n, struct rv_calibration *out)
{
	double a = M_LN2, b = 0.0;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		if (same[i])
			out->same++;
		else
			out->different++;
	}
	if (n < RV_CALIBRATION_MIN || out->same == 0 || out->different == 0)
		return;
	/* Newton's method on the penalised log-likelihood: two parameters, a 2 x 2 Hessian */
	for (int it = 0; it < 100; it++) {
		double ga = CALIBRATION_PRIOR * (a - M_LN2), gb = CALIBRATION_PRIOR * b;
		double haa = CALIBRATION_PRIOR, hab = 0.0, hbb = CALIBRATION_PRIOR, det, da, db;

		for (size_t i = 0; i < n; i++) {
			double q = logistic(a * score[i] + b), r = q - (same[i] ? 1.0 : 0.0),
			       w = q * (1.0 - q);

			ga += r * score[i];
			gb += r;
			haa += w * score[i] * score[i];
			hab += w * score[i];
			hbb += w;
		}
		det = haa * hbb - hab * hab;
		if (!(det > 0))
			break;
		da = (hbb * ga - hab * gb) / det;
		db = (haa * gb - hab * ga) / det;
		a -= da;
		b -= db;
		if (fabs(da) + fabs(db) < 1e-10)
			break;
	}
	if (isfinite(a) && isfinite(b)) {
		out->fitted = true;
		out->slope = a;
		out->offset = b;
	}
}

double rv_calibrated(const struct rv_calibration *c, double score)
{
	return logistic(c->slope * score + c->offset);
}

/* ---- from the store ---------------------------------------------------------------------- */

/* One judged review link: its first record, its score and the verdict. */
struct judged_link {
	char *a;
	double score;
	bool same;
	int family; /* index in rv_families, -1 until its record is read */
};

struct calib_read {
	struct iv_vec links;  /* struct judged_link * */
	struct iv_map family; /* a judged link's first record -> its family's index + 1 */
	const char *other;    /* the pair's other record, while its links are read */
	double score;
	bool found;
};

static IV_MUST_USE enum iv_err find_review_link(void *ctx, const struct iv_res_link *l)
{
	struct calib_read *c = ctx;

	if (l->kind == IV_RES_REVIEW &&
	    (strcmp(l->a, c->other) == 0 || strcmp(l->b, c->other) == 0)) {
		c->found = true;
		c->score = l->score;
	}
	return IV_OK;
}

static IV_MUST_USE enum iv_err family_of_link(void *ctx, const char *entity, const char *family,
                                              const char *text)
{
	struct calib_read *c = ctx;
	int f = rv_family_index(family);

	(void)text;
	return f < 0 ? IV_OK : iv_map_put(&c->family, entity, (void *)(uintptr_t)(f + 1));
}

/* The judged pair x, y: its review link, when it has one, joins c->links. */
static IV_MUST_USE enum iv_err read_judged(struct iv_store *st, struct calib_read *c, const char *x,
                                           const char *y, bool same, struct iv_buf *err)
{
	struct judged_link *j;
	enum iv_err e;

	c->other = y;
	c->found = false;
	e = iv_store_res_links_of(st, x, find_review_link, c, err);
	if (e || !c->found)
		return e;
	j = iv_calloc(sizeof(*j));
	if (j)
		j->a = iv_strdup(x);
	if (!j || !j->a || iv_vec_push(&c->links, j)) {
		if (j)
			iv_free(j->a);
		iv_free(j);
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory reading judgements");
	}
	j->score = c->score;
	j->same = same;
	j->family = -1;
	return IV_OK;
}

/* Fit each family's calibration on the judged links read. */
static IV_MUST_USE enum iv_err fit_families(const struct calib_read *c, struct rv_calibrations *out,
                                            struct iv_buf *err)
{
	double *score = iv_malloc((c->links.len + 1) * sizeof(*score));
	bool *same = iv_malloc((c->links.len + 1) * sizeof(*same));

	if (!score || !same) {
		iv_free(score);
		iv_free(same);
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory calibrating");
	}
	for (size_t f = 0; f < IV_RESOLVE_NFAMILIES; f++) {
		size_t n = 0;

		for (size_t i = 0; i < c->links.len; i++) {
			const struct judged_link *j = c->links.items[i];

			if (j->family == (int)f) {
				score[n] = j->score;
				same[n++] = j->same;
			}
		}
		rv_calibration_fit(score, same, n, &out->fam[f]);
	}
	iv_free(score);
	iv_free(same);
	return IV_OK;
}

enum iv_err rv_calibrations_read(struct iv_store *st, const struct rv_verdicts *v,
                                 struct rv_calibrations *out, struct iv_buf *err)
{
	struct calib_read c;
	struct iv_buf x = IV_BUF_INIT;
	const char **firsts = NULL;
	struct rv_verdict_pair p;
	size_t pos = 0;
	enum iv_err e = IV_OK;

	memset(out, 0, sizeof(*out));
	memset(&c, 0, sizeof(c));
	while (!e && rv_verdicts_next(v, &pos, &p)) {
		if (p.verdict != 's' && p.verdict != 'd')
			continue;
		iv_buf_reset(&x);
		e = iv_buf_add(&x, p.a, p.alen);
		if (e)
			e = iv_seterr(err, e, "out of memory reading judgements");
		else
			e = read_judged(st, &c, x.buf, p.b, p.verdict == 's', err);
	}
	if (!e && c.links.len) {
		firsts = iv_malloc(c.links.len * sizeof(*firsts));
		if (!firsts)
			e = iv_seterr(err, IV_ERR_NOMEM, "out of memory reading judgements");
		for (size_t i = 0; firsts && i < c.links.len; i++)
			firsts[i] = ((const struct judged_link *)c.links.items[i])->a;
		if (!e)
			e = iv_store_res_get_records(st, firsts, c.links.len, family_of_link, &c,
			                             err);
		for (size_t i = 0; !e && i < c.links.len; i++) {
			struct judged_link *j = c.links.items[i];

			j->family = (int)(uintptr_t)iv_map_get(&c.family, j->a) - 1;
		}
	}
	if (!e)
		e = fit_families(&c, out, err);
	for (size_t i = 0; i < c.links.len; i++) {
		struct judged_link *j = c.links.items[i];

		iv_free(j->a);
		iv_free(j);
	}
	iv_vec_release(&c.links);
	iv_map_release(&c.family);
	iv_free(firsts);
	iv_buf_release(&x);
	return e;
}
