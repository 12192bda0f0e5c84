/*
 * explain_json.c - an explanation as JSON, shared by `invigor explain
 * --json` and the API's /api/v1/explain.
 */
#include <string.h>

#include <jansson.h>

#include "iv/resolve.h"

/* One record's feeders as a JSON array of ids (the first listed), or null when it does not say. */
static json_t *fed_json(const struct iv_resolve_fed *f)
{
	json_t *ids;
	const char *p = f->ids;

	if (!f->known)
		return json_null();
	ids = json_array();
	for (size_t i = 0; ids && i < f->listed; i++) {
		json_array_append_new(ids, json_string(p));
		p += strlen(p) + 1;
	}
	return ids;
}

static json_t *fed_count(const struct iv_resolve_fed *f)
{
	return f->known ? json_integer((json_int_t)f->n) : json_null();
}

json_t *iv_resolve_explanation_json(const struct iv_resolve_explanation *x)
{
	json_t *features = json_array(), *bridging = json_array(), *identifier = NULL;
	json_t *calibrated = NULL; /* "calibrated": null when not calibrated */
	const struct iv_resolve_identifier *id = &x->identifier;

	if (bridging && x->a_bridging)
		json_array_append_new(bridging, json_string(x->a));
	if (bridging && x->b_bridging)
		json_array_append_new(bridging, json_string(x->b));
	for (size_t f = 0; f < x->nfeatures && features; f++) {
		const struct iv_resolve_feature *rf = &x->features[f];

		json_array_append_new(
		        features,
		        json_pack("{s:s, s:s, s:s, s:s, s:i, s:f, s:f, s:f, s:b, s:b, s:b}", "name",
		                  rf->name, "a", rf->a, "b", rf->b, "level", rf->level,
		                  "level_index", (int)rf->c.level, "m", rf->c.m, "u", rf->c.u,
		                  "weight", rf->c.weight, "tf", rf->tf, "implied", rf->implied,
		                  "several", rf->several));
	}
	if (*id->kind)
		identifier = json_pack("{s:s, s:s?, s:s?, s:s, s:s, s:s}", "kind", id->kind,
		                       "scope", *id->scope ? id->scope : NULL, "scope_b",
		                       *id->scope_b ? id->scope_b : NULL, "a", id->a, "b", id->b,
		                       "compared", id->compared);
	if (x->calibrated)
		calibrated = json_pack("{s:f, s:I, s:I}", "probability", x->calibrated_probability,
		                       "same", (json_int_t)x->calibration_same, "different",
		                       (json_int_t)x->calibration_different);
	return json_pack("{s:s, s:s, s:s, s:o, s:f, s:f, s:f, s:s?, s:o?, s:s?, s:s, s:b, s:o, "
	                 "s:{s:o, s:o}, s:{s:o, s:o}, s:o?}",
	                 "a", x->a, "b", x->b, "family", x->family, "features", features, "prior",
	                 x->prior, "score", x->score, "probability", x->probability, "rule",
	                 *x->rule ? x->rule : NULL, "identifier", identifier, "judgement",
	                 *x->judgement ? x->judgement : NULL, "decision", x->decision,
	                 "same_cluster", x->same_cluster, "bridging", bridging, "fed_by", "a",
	                 fed_json(&x->fed_a), "b", fed_json(&x->fed_b), "fed_by_count", "a",
	                 fed_count(&x->fed_a), "b", fed_count(&x->fed_b), "calibrated", calibrated);
}
