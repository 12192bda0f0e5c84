/*
 * truth.c - the ground truth behind the sources (OUT/truth/, formats in
 * docs/scenario.md): people, OCG membership and roles, key players per
 * network, journeys and legs, boats, proceeds per OCG, victims needing
 * referral, documents and why they are forged.  truth/mentions.csv is
 * written by the sources as they go (io.c).
 */
#include <string.h>

#include "sim/sim_int.h"

static IV_MUST_USE enum iv_err close_rc(struct sim_ctx *c, struct sim_file *sf, enum iv_err rc)
{
	return sim_file_abort(c, sf, rc);
}

static IV_MUST_USE enum iv_err people(struct sim_ctx *c)
{
	static const char *const h[] = {"true_id",    "kind",        "name",  "name_native", "sex",
	                                "birth_date", "nationality", "child", "journey"};
	const struct sim_world *w = c->w;
	struct sim_file sf;
	enum iv_err rc = sim_file_open(c, &sf, "truth/people.csv");

	if (rc)
		return rc;
	rc = sim_csv_row(c, &sf, h, 9);
	for (size_t i = 0; !rc && i < w->migrants.len + w->facs.len; i++) {
		uint32_t ref = i < w->migrants.len
		                       ? (uint32_t)i
		                       : SIM_PERSON_FAC | (uint32_t)(i - w->migrants.len);
		const struct sim_person *p = sim_person_of(w, ref);
		char id[32], dob[16], jid[16] = "";
		const char *f[9];
		iv_buf_reset(&c->tmp);
		iv_buf_reset(&c->tmp2);
		if (sim_name(&c->tmp, p, NAME_CANONICAL, NULL) ||
		    (!sim_groups[p->group].latin_script &&
		     sim_name(&c->tmp2, p, NAME_NATIVE, NULL)))
			return close_rc(c, &sf, iv_seterr(c->err, IV_ERR_NOMEM, "out of memory"));
		sim_true_id(ref, id, sizeof(id));
		sim_birth_iso(p, dob, sizeof(dob));
		if (p->journey != SIM_NONE)
			snprintf(jid, sizeof(jid), "J%07u", p->journey);
		f[0] = id, f[1] = ref & SIM_PERSON_FAC ? "facilitator" : "migrant",
		f[2] = c->tmp.buf;
		f[3] = c->tmp2.buf, f[4] = p->sex == 'M' ? "M" : "F", f[5] = dob;
		f[6] = sim_nations[p->nat].iso2, f[7] = p->flags & PF_CHILD ? "1" : "0", f[8] = jid;
		rc = sim_csv_row(c, &sf, f, 9);
	}
	return close_rc(c, &sf, rc);
}

static IV_MUST_USE enum iv_err members(struct sim_ctx *c)
{
	static const char *const h[] = {"true_id", "ocg",   "cell", "tier",
	                                "role",    "route", "leg",  "other_crime"};
	const struct sim_world *w = c->w;
	struct sim_file sf;
	enum iv_err rc = sim_file_open(c, &sf, "truth/ocg_members.csv");

	if (rc)
		return rc;
	rc = sim_csv_row(c, &sf, h, 8);
	for (size_t i = 0; !rc && i < w->facs.len; i++) {
		const struct sim_fac *f = &SIM_AT(w->facs, struct sim_fac, i);
		const struct sim_cell *cl = &SIM_AT(w->cells, struct sim_cell, f->cell);
		char id[32], ocg[16], cell[24], tier[4], leg[4];
		const char *v[8];
		sim_true_id(SIM_PERSON_FAC | (uint32_t)i, id, sizeof(id));
		snprintf(ocg, sizeof(ocg), "OCG%03u", f->ocg);
		snprintf(cell, sizeof(cell), "OCG%03u-C%u", f->ocg, f->cell);
		snprintf(tier, sizeof(tier), "%u", f->tier);
		snprintf(leg, sizeof(leg), "%u", cl->leg + 1u);
		v[0] = id, v[1] = ocg, v[2] = cell, v[3] = tier, v[4] = sim_role_names[f->role];
		v[5] = sim_routes[cl->route].name, v[6] = leg, v[7] = f->other_crime ? "1" : "0";
		rc = sim_csv_row(c, &sf, v, 8);
	}
	return close_rc(c, &sf, rc);
}

/*
 * Key players: each network is a tree (leader - hawaladar and hub
 * organisers - members), so its cut vertices are the leader and every hub
 * organiser; removing the leader splits the OCG into its cells, removing a
 * hub organiser cuts the cell's members off.  Ranked by what they cut off.
 */
static IV_MUST_USE enum iv_err key_players(struct sim_ctx *c)
{
	static const char *const h[] = {"ocg", "true_id", "rank", "role", "cuts_off", "reason"};
	const struct sim_world *w = c->w;
	struct sim_file sf;
	enum iv_err rc = sim_file_open(c, &sf, "truth/key_players.csv");

	if (rc)
		return rc;
	rc = sim_csv_row(c, &sf, h, 6);
	for (size_t o = 0; !rc && o < w->ocgs.len; o++) {
		const struct sim_ocg *g = &SIM_AT(w->ocgs, struct sim_ocg, o);
		char ocg[32], id[16], rank[8], cut[16], reason[128];
		const char *v[6];
		uint32_t total = 0;
		for (uint32_t k = 0; k < g->ncells; k++)
			total += SIM_AT(w->cells, struct sim_cell, g->first_cell + k).nfac;
		snprintf(ocg, sizeof(ocg), "OCG%03zu", o);
		sim_true_id(SIM_PERSON_FAC | g->leader, id, sizeof(id));
		snprintf(cut, sizeof(cut), "%u", total - 1);
		snprintf(reason, sizeof(reason),
		         "route leader: removal splits the network into %u cells", g->ncells);
		v[0] = ocg, v[1] = id, v[2] = "1", v[3] = "organiser", v[4] = cut, v[5] = reason;
		rc = sim_csv_row(c, &sf, v, 6);
		for (uint32_t k = 0; !rc && k < g->ncells; k++) {
			const struct sim_cell *cl =
			        &SIM_AT(w->cells, struct sim_cell, g->first_cell + k);
			sim_true_id(SIM_PERSON_FAC | cl->organiser, id, sizeof(id));
			snprintf(rank, sizeof(rank), "%u", k + 2);
			snprintf(cut, sizeof(cut), "%u", cl->nfac - 1);
			snprintf(reason, sizeof(reason), "hub organiser of leg %u (%s -> %s)",
			         cl->leg + 1u,
			         sim_routes[cl->route].legs[cl->leg].from_place
			                 ? sim_routes[cl->route].legs[cl->leg].from_place
			                 : "home",
			         sim_routes[cl->route].legs[cl->leg].to_place);
			v[1] = id, v[2] = rank, v[3] = "hub_organiser", v[4] = cut, v[5] = reason;
			rc = sim_csv_row(c, &sf, v, 6);
		}
	}
	return close_rc(c, &sf, rc);
}

static IV_MUST_USE enum iv_err journeys(struct sim_ctx *c)
{
	static const char *const h[] = {
	        "journey",     "leg",        "route",    "nationality", "migrants", "origin",
	        "destination", "from_place", "to_place", "mode",        "price",    "currency",
	        "facilitator", "ocg",        "payment",  "boat",        "date",     "outcome"};
	static const char *const outcomes[] = {"arrived", "intercepted", "returned"};
	const struct sim_world *w = c->w;
	struct sim_file sf;
	enum iv_err rc = sim_file_open(c, &sf, "truth/legs.csv");

	if (rc)
		return rc;
	rc = sim_csv_row(c, &sf, h, 18);
	for (size_t i = 0; !rc && i < w->journeys.len; i++) {
		const struct sim_journey *j = &SIM_AT(w->journeys, struct sim_journey, i);
		const struct sim_route *rt = &sim_routes[j->route];
		const struct sim_person *p =
		        &SIM_AT(w->migrants, struct sim_person, j->first_migrant);
		for (unsigned l = 0; !rc && l < j->nlegs; l++) {
			const struct sim_leg_tpl *leg = &rt->legs[l];
			const struct sim_fac *fc = &SIM_AT(w->facs, struct sim_fac, j->fac[l]);
			char jid[32], ln[4], nm[8], price[16], fid[16], ocg[16], boat[16] = "",
			                                                         date[16];
			const char *v[18];
			snprintf(jid, sizeof(jid), "J%07zu", i);
			snprintf(ln, sizeof(ln), "%u", l + 1);
			snprintf(nm, sizeof(nm), "%u", j->nmigrants);
			snprintf(price, sizeof(price), "%u", j->price[l]);
			sim_true_id(SIM_PERSON_FAC | j->fac[l], fid, sizeof(fid));
			snprintf(ocg, sizeof(ocg), "OCG%03u", fc->ocg);
			if (j->boat != SIM_NONE && l + 1 == j->nlegs)
				snprintf(boat, sizeof(boat), "B%06u", j->boat);
			sim_day_iso(w->year, j->day, date, sizeof(date));
			v[0] = jid, v[1] = ln, v[2] = rt->name, v[3] = sim_nations[p->nat].iso2;
			v[4] = nm;
			v[5] = leg->from == C__COUNT ? sim_nations[p->nat].iso2
			                             : sim_countries[leg->from].iso2;
			v[6] = sim_countries[leg->to].iso2;
			v[7] = leg->from_place ? leg->from_place : sim_nations[p->nat].city;
			v[8] = leg->to_place, v[9] = sim_mode_names[leg->mode], v[10] = price;
			v[11] = leg->currency, v[12] = fid, v[13] = ocg,
			v[14] = sim_pay_names[j->pay];
			v[15] = boat, v[16] = l + 1 == j->nlegs ? date : "";
			v[17] = outcomes[j->outcome];
			rc = sim_csv_row(c, &sf, v, 18);
		}
	}
	return close_rc(c, &sf, rc);
}

static IV_MUST_USE enum iv_err boats(struct sim_ctx *c)
{
	static const char *const h[] = {"boat",  "date",   "mode",     "people", "ocg",
	                                "pilot", "driver", "supplier", "vehicle"};
	const struct sim_world *w = c->w;
	struct sim_file sf;
	enum iv_err rc = sim_file_open(c, &sf, "truth/crossings.csv");

	if (rc)
		return rc;
	rc = sim_csv_row(c, &sf, h, 9);
	for (size_t i = 0; !rc && i < w->boats.len; i++) {
		const struct sim_boat *b = &SIM_AT(w->boats, struct sim_boat, i);
		char id[32], date[16], n[16], ocg[16], pilot[16] = "", drv[16] = "", sup[16] = "",
		                                       veh[16] = "";
		const char *v[9];
		snprintf(id, sizeof(id), "B%06zu", i);
		sim_day_iso(w->year, b->day, date, sizeof(date));
		snprintf(n, sizeof(n), "%u", b->people);
		snprintf(ocg, sizeof(ocg), "OCG%03u", b->ocg);
		if (b->pilot != SIM_NONE)
			sim_true_id(b->pilot, pilot, sizeof(pilot));
		if (b->driver != SIM_NONE)
			sim_true_id(SIM_PERSON_FAC | b->driver, drv, sizeof(drv));
		if (b->supplier != SIM_NONE)
			sim_true_id(SIM_PERSON_FAC | b->supplier, sup, sizeof(sup));
		if (b->vehicle != SIM_NONE)
			snprintf(veh, sizeof(veh), "VH%06u", b->vehicle);
		v[0] = id, v[1] = date, v[2] = sim_mode_names[b->mode], v[3] = n, v[4] = ocg;
		v[5] = pilot, v[6] = drv, v[7] = sup, v[8] = veh;
		rc = sim_csv_row(c, &sf, v, 9);
	}
	return close_rc(c, &sf, rc);
}

static IV_MUST_USE enum iv_err proceeds(struct sim_ctx *c)
{
	static const char *const h[] = {"ocg",      "nationality",  "leader",     "journeys",
	                                "migrants", "proceeds_gbp", "other_crime"};
	const struct sim_world *w = c->w;
	struct sim_file sf;
	enum iv_err rc = sim_file_open(c, &sf, "truth/proceeds.csv");

	if (rc)
		return rc;
	rc = sim_csv_row(c, &sf, h, 7);
	for (size_t i = 0; !rc && i < w->ocgs.len; i++) {
		const struct sim_ocg *g = &SIM_AT(w->ocgs, struct sim_ocg, i);
		char id[32], lead[16], nj[16], nm[16], gbp[24];
		const char *v[7];
		snprintf(id, sizeof(id), "OCG%03zu", i);
		sim_true_id(SIM_PERSON_FAC | g->leader, lead, sizeof(lead));
		snprintf(nj, sizeof(nj), "%u", g->journeys);
		snprintf(nm, sizeof(nm), "%u", g->migrants);
		snprintf(gbp, sizeof(gbp), "%llu", (unsigned long long)g->proceeds_gbp);
		v[0] = id, v[1] = sim_nations[g->nat].iso2, v[2] = lead, v[3] = nj, v[4] = nm;
		v[5] = gbp, v[6] = g->other_crime ? "1" : "0";
		rc = sim_csv_row(c, &sf, v, 7);
	}
	return close_rc(c, &sf, rc);
}

/* DOMAIN.md §6: a child (or disputed age) with any indicator -> mandatory
 * referral; an adult with a strong indicator -> first-responder review. */
static IV_MUST_USE enum iv_err victims(struct sim_ctx *c)
{
	static const char *const h[] = {"true_id",    "child",    "disputed_age",
	                                "indicators", "referral", "reason"};
	const struct sim_world *w = c->w;
	struct sim_file sf;
	enum iv_err rc = sim_file_open(c, &sf, "truth/victims.csv");

	if (rc)
		return rc;
	rc = sim_csv_row(c, &sf, h, 6);
	for (size_t i = 0; !rc && i < w->migrants.len; i++) {
		const struct sim_person *p = &SIM_AT(w->migrants, struct sim_person, i);
		bool child = p->flags & (PF_CHILD | PF_DISPUTED_AGE);
		bool strong =
		        p->indicators & (IND_DEBT | IND_KIDNAP | IND_WORKSITE | IND_RESTRICTED);
		char id[32], ind[160] = "";
		const char *v[6], *referral, *reason;
		size_t n = 0;
		if (!p->indicators &&
		    !(p->flags & PF_CHILD &&
		      !(SIM_AT(w->journeys, struct sim_journey, p->journey).nmigrants > 1)))
			continue;
		for (unsigned b = 0; b < IND__COUNT; b++)
			if (p->indicators & (1u << b))
				n += (size_t)snprintf(ind + n, sizeof(ind) - n, "%s%s",
				                      n ? ";" : "", sim_indicator_names[b]);
		if (child && p->indicators)
			referral = "mandatory", reason = "child or disputed age with an indicator";
		else if (child)
			referral = "mandatory", reason = "unaccompanied child";
		else if (strong)
			referral = "review", reason = "adult with a strong indicator";
		else
			referral = "none", reason = "weak indicators only";
		if (*referral != 'n')
			c->rep->referrals++;
		sim_true_id((uint32_t)i, id, sizeof(id));
		v[0] = id, v[1] = p->flags & PF_CHILD ? "1" : "0";
		v[2] = p->flags & PF_DISPUTED_AGE ? "1" : "0", v[3] = ind, v[4] = referral;
		v[5] = reason;
		rc = sim_csv_row(c, &sf, v, 6);
	}
	return close_rc(c, &sf, rc);
}

enum iv_err sim_write_truth(struct sim_ctx *c)
{
	enum iv_err rc = people(c);

	if (!rc)
		rc = members(c);
	if (!rc)
		rc = key_players(c);
	if (!rc)
		rc = journeys(c);
	if (!rc)
		rc = boats(c);
	if (!rc)
		rc = proceeds(c);
	if (!rc)
		rc = victims(c);
	return rc;
}
