/*
 * world.c - the world model: organised crime groups as modular chains of
 * cells (one per leg, joined in joint ventures across legs), three tiers
 * of facilitators with roles, phones, accounts, vehicles and burner
 * accounts; migrants travelling in groups along journeys, paying by
 * hawala, deposit, instalments or debt; boats and lorries for the last
 * leg; documents, some forged.  Figures from DOMAIN.md §4-6.
 *
 * The world is built from one PRNG stream, in one pass, with no lookups
 * through hash maps, so it is the same for the same seed on any machine.
 */
#include <string.h>

#include "sim/sim_int.h"

/* Person mentions written per migrant by all the sources (measured in 2024
 * at 20k and 100k: debriefs about 0.93, bank 0.38, hawala 0.35, documents
 * 0.11, partner reports 0.09, detections and registries 0.04); recalibrate
 * when a source changes, so that --scale stays the number of person
 * mentions (within a few per cent). */
#define PERSON_MENTIONS_PER_MIGRANT 1.59

/* People per boat by year (arrivals / boats, DOMAIN.md §4). */
double sim_people_per_boat(int year)
{
	static const double ppb[] = {7, 11, 13, 28, 41, 49, 53, 61};
	int i = year - IV_SIM_YEAR_MIN;

	if (i < 0)
		i = 0;
	if (i > 7)
		i = 7;
	return ppb[i];
}

/* Nationality weights (percent of arrivals) by year, DOMAIN.md §4. */
void sim_nat_weights(int year, double w[NAT__COUNT])
{
	/*                               IR  IQ  AF  SY  ER  SD  AL  VN  TR  PK */
	static const double mix[8][NAT__COUNT] = {
	        /* 2018 */ {62, 18, 5, 4, 4, 3, 1, 1, 1, 1},
	        /* 2019 */ {55, 20, 6, 5, 5, 4, 1, 2, 1, 1},
	        /* 2020 */ {30, 25, 6, 12, 8, 12, 1, 3, 1, 2},
	        /* 2021 */ {30, 24, 6, 11, 13, 6, 2, 4, 2, 2},
	        /* 2022 */ {13, 13, 19, 7, 6, 5, 28, 2, 3, 4},
	        /* 2023 */ {13, 10, 20, 7, 11, 6, 3, 6, 11, 3},
	        /* 2024 */ {12, 8, 21, 9, 11, 10, 2, 14, 5, 3},
	        /* 2025 */ {10, 7, 19, 8, 14, 14, 2, 13, 5, 3},
	};
	int i = year - IV_SIM_YEAR_MIN;

	if (i < 0)
		i = 0;
	if (i > 7)
		i = 7;
	memcpy(w, mix[i], sizeof(mix[i]));
}

/* Route weights by nationality. */
static unsigned pick_route(struct sim_rng *r, unsigned nat)
{
	double w[ROUTE__COUNT] = {0};

	switch (nat) {
	case NAT_IR:
	case NAT_IQ:
	case NAT_SY:
	case NAT_TR:
		w[ROUTE_EMED_CHANNEL] = 82, w[ROUTE_EMED_LORRY] = 8, w[ROUTE_AIR_FALSE_DOCS] = 5;
		w[ROUTE_NL_CARGO] = 3, w[ROUTE_BE_YACHT] = 2;
		break;
	case NAT_AF:
	case NAT_PK:
		w[ROUTE_AFPK_CHANNEL] = 85, w[ROUTE_AIR_FALSE_DOCS] = 8, w[ROUTE_EMED_LORRY] = 7;
		break;
	case NAT_ER:
	case NAT_SD:
		w[ROUTE_CMED_CHANNEL] = 94, w[ROUTE_AIR_FALSE_DOCS] = 3, w[ROUTE_NL_CARGO] = 3;
		break;
	case NAT_AL:
		w[ROUTE_BALKAN_CHANNEL] = 65, w[ROUTE_AL_AIR] = 20, w[ROUTE_NL_CARGO] = 10;
		w[ROUTE_BE_YACHT] = 5;
		break;
	default: /* NAT_VN */
		w[ROUTE_VN_LORRY] = 45, w[ROUTE_VN_BOAT] = 50, w[ROUTE_NL_CARGO] = 5;
		break;
	}
	return sim_rng_weighted(r, w, ROUTE__COUNT);
}

static unsigned pick_group(struct sim_rng *r, unsigned nat)
{
	switch (nat) {
	case NAT_IR:
		return sim_rng_chance(r, 0.25) ? GRP_KURDISH : GRP_PERSIAN;
	case NAT_IQ:
		return sim_rng_chance(r, 0.8) ? GRP_KURDISH : GRP_ARABIC;
	case NAT_SY:
		return sim_rng_chance(r, 0.3) ? GRP_KURDISH : GRP_ARABIC;
	case NAT_TR:
		return sim_rng_chance(r, 0.5) ? GRP_KURDISH : GRP_TURKISH;
	case NAT_AF:
		return GRP_AFGHAN;
	case NAT_ER:
		return GRP_TIGRINYA;
	case NAT_SD:
		return GRP_ARABIC;
	case NAT_AL:
		return GRP_ALBANIAN;
	case NAT_VN:
		return GRP_VIETNAMESE;
	default:
		return GRP_URDU;
	}
}

static void make_person(struct sim_rng *r, struct sim_person *p, unsigned nat, int sex, int age,
                        int year)
{
	memset(p, 0, sizeof(*p));
	p->nat = (uint8_t)nat;
	p->group = (uint8_t)pick_group(r, nat);
	p->sex = (uint8_t)sex;
	p->given = (uint8_t)sim_rng_below(r, sex == 'F' ? SIM_NAME_FEMALE : SIM_NAME_MALE);
	p->family = (uint8_t)sim_rng_below(r, SIM_NAME_FAMILY);
	p->byear = (uint16_t)(year - age);
	p->bmonth = (uint8_t)sim_rng_range(r, 1, 12);
	p->bday = (uint8_t)sim_rng_range(r, 1, iv_days_in_month(p->byear, p->bmonth));
	p->journey = SIM_NONE;
	p->phone = SIM_NONE;
}

const struct sim_person *sim_person_of(const struct sim_world *w, uint32_t ref)
{
	if (ref & SIM_PERSON_FAC)
		return &SIM_AT(w->facs, struct sim_fac, ref & ~SIM_PERSON_FAC).p;
	return &SIM_AT(w->migrants, struct sim_person, ref);
}

static IV_MUST_USE enum iv_err add_phone(struct sim_world *w, struct sim_rng *r, uint32_t owner,
                                         enum sim_country country, uint32_t *index)
{
	struct sim_phone ph;
	memset(&ph, 0, sizeof(ph));
	ph.owner = owner;
	ph.country = (uint8_t)country;
	ph.prefix = (uint8_t)sim_rng_below(r, 6);
	ph.digits = sim_rng_next(r) % 100000000000ULL;
	return sim_vec_push(&w->phones, &ph, index);
}

static enum sim_country phone_country_of(unsigned nat)
{
	switch (nat) {
	case NAT_ER:
		return C_SD; /* Eritreans mostly carry Sudanese or Libyan SIMs */
	default:
		return sim_nations[nat].country;
	}
}

/* ---- OCGs, cells, facilitators -------------------------------------------- */

static unsigned role_for(struct sim_rng *r, enum sim_mode mode, bool final)
{
	double w[ROLE__COUNT] = {0};

	w[ROLE_RECRUITER] = 2;
	w[ROLE_SAFE_HOUSE] = 1;
	w[ROLE_DRIVER] = 2;
	switch (mode) {
	case MODE_SMALL_BOAT:
		w[ROLE_BOAT_SUPPLIER] = 1.5;
		w[ROLE_BOAT_PILOT] = final ? 0.3 : 1;
		break;
	case MODE_AIR:
		w[ROLE_FORGER] = 2;
		w[ROLE_DRIVER] = 0.3;
		break;
	case MODE_LORRY:
		w[ROLE_DRIVER] = 4;
		break;
	default:
		break;
	}
	if (final) {
		w[ROLE_COLLECTOR] = 1;
		w[ROLE_CONSULTANT] = 0.4;
	}
	return sim_rng_weighted(r, w, ROLE__COUNT);
}

struct plan {
	uint32_t ocg;
	uint8_t route, leg;
};

/* A facilitator being made, with what his steps share. */
struct recruit {
	struct sim_world *w;
	struct sim_rng *r;
	const struct sim_leg_tpl *leg; /* the leg his cell runs */
	uint32_t ref;                  /* SIM_PERSON_FAC | the index he will have */
	unsigned tier, role;
	struct sim_fac f;
};

/* Phones: the first from where his leg starts (home when it starts there),
 * the others from home, except that the third and every further one of a
 * collector or consultant are British. */
static IV_MUST_USE enum iv_err fac_phones(struct recruit *rec)
{
	unsigned nat = rec->f.p.nat;
	unsigned nphones = rec->tier == 3 ? (unsigned)sim_rng_range(rec->r, 1, 3)
	                                  : (unsigned)sim_rng_range(rec->r, 2, 4);

	for (unsigned i = 0; i < nphones; i++) {
		enum sim_country pc;
		uint32_t pi;
		enum iv_err rc;
		if (i == 0)
			pc = rec->leg->from == C__COUNT ? phone_country_of(nat) : rec->leg->from;
		else if (rec->role == ROLE_COLLECTOR || rec->role == ROLE_CONSULTANT || i == 2)
			pc = C_GB;
		else
			pc = phone_country_of(nat);
		if (pc == C_ER)
			pc = C_SD;
		rc = add_phone(rec->w, rec->r, rec->ref, pc, &pi);
		if (rc)
			return rc;
		if (i == 0)
			rec->f.p.phone = pi;
		rec->f.p.nphones++;
	}
	return IV_OK;
}

/* Bank accounts for the upper tiers, the money handlers and a fifth of the
 * rest: the first where his leg ends when banks there have IBANs. */
static IV_MUST_USE enum iv_err fac_accounts(struct recruit *rec)
{
	static const enum sim_country bank_c[] = {C_GB, C_DE, C_NL, C_FR, C_BE,
	                                          C_TR, C_GR, C_IT, C_PL};
	const struct sim_leg_tpl *leg = rec->leg;
	unsigned n;

	if (!(rec->tier < 3 || rec->role == ROLE_HAWALADAR || rec->role == ROLE_COLLECTOR ||
	      sim_rng_chance(rec->r, 0.2)))
		return IV_OK;
	n = (unsigned)sim_rng_range(rec->r, 1, rec->tier == 1 ? 3 : 2);
	for (unsigned i = 0; i < n; i++) {
		struct sim_account a = {rec->ref, 0};
		uint32_t ai;
		enum iv_err rc;
		a.country = (uint8_t)(i == 0 && leg->to != C__COUNT &&
		                                      sim_countries[leg->to].iban_country
		                              ? leg->to
		                              : bank_c[sim_rng_below(rec->r, 9)]);
		rc = sim_vec_push(&rec->w->accounts, &a, &ai);
		if (rc)
			return rc;
		if (i == 0)
			rec->f.account = ai;
		rec->f.naccounts++;
	}
	return IV_OK;
}

/* A driver's lorry, van or car; a boat supplier's dinghy (bought in Germany
 * or the Netherlands), yacht or cargo vessel. */
static IV_MUST_USE enum iv_err fac_vehicle(struct recruit *rec)
{
	const struct sim_leg_tpl *leg = rec->leg;
	unsigned role = rec->role;
	struct sim_vehicle v = {rec->ref, 0, 0};

	if (role != ROLE_DRIVER && role != ROLE_BOAT_SUPPLIER)
		return IV_OK;
	v.kind = role == ROLE_BOAT_SUPPLIER
	                 ? 3
	                 : (leg->mode == MODE_LORRY ? 0 : 1 + sim_rng_below(rec->r, 2));
	if (leg->mode == MODE_YACHT && role == ROLE_BOAT_SUPPLIER)
		v.kind = 4;
	if (leg->mode == MODE_CARGO_SHIP && role == ROLE_BOAT_SUPPLIER)
		v.kind = 5;
	v.country = (uint8_t)(v.kind == 3 ? (sim_rng_chance(rec->r, 0.6) ? C_DE : C_NL)
	                                  : (leg->from == C__COUNT ? C_TR : leg->from));
	return sim_vec_push(&rec->w->vehicles, &v, &rec->f.vehicle);
}

/* Social-media accounts: every recruiter's, and some of tier 2's. */
static IV_MUST_USE enum iv_err fac_socials(struct recruit *rec)
{
	unsigned n;

	if (!(rec->role == ROLE_RECRUITER || (rec->tier == 2 && sim_rng_chance(rec->r, 0.3))))
		return IV_OK;
	n = (unsigned)sim_rng_range(rec->r, 1, 4);
	for (unsigned i = 0; i < n; i++) {
		struct sim_social s = {rec->ref, (uint8_t)sim_rng_below(rec->r, 4), 0, 0};
		uint32_t si;
		enum iv_err rc = sim_vec_push(&rec->w->socials, &s, &si);
		if (rc)
			return rc;
		if (i == 0)
			rec->f.social = si;
		rec->f.nsocial++;
	}
	return IV_OK;
}

/* A facilitator of cell (of the OCG ocg) with a tier and a role, his phones,
 * accounts, vehicle and social accounts; index: where he was pushed. */
static IV_MUST_USE enum iv_err add_fac(struct sim_world *w, struct sim_rng *r, uint32_t ocg,
                                       uint32_t cell, unsigned tier, unsigned role, uint32_t *index)
{
	const struct sim_ocg *o = &SIM_AT(w->ocgs, struct sim_ocg, ocg);
	const struct sim_cell *cl = &SIM_AT(w->cells, struct sim_cell, cell);
	struct recruit rec = {.w = w, .r = r, .tier = tier, .role = role};
	double natw[NAT__COUNT];
	unsigned nat = o->nat;
	int sex, age;
	enum iv_err rc;

	memset(&rec.f, 0, sizeof(rec.f));
	rec.leg = &sim_routes[cl->route].legs[cl->leg];
	rec.ref = SIM_PERSON_FAC | (uint32_t)w->facs.len;
	sim_nat_weights(w->year, natw);
	if (sim_rng_chance(r, 0.15)) /* smugglers mostly share their clients' nationality */
		nat = sim_rng_weighted(r, natw, NAT__COUNT);
	/* One draw per statement.  The two were arguments of one call, whose
	 * order C leaves open; GCC drew the age first, and the seeds' worlds
	 * depend on that order. */
	age = sim_rng_range(r, 22, 58);
	sex = sim_rng_chance(r, 0.92) ? 'M' : 'F';
	make_person(r, &rec.f.p, nat, sex, age, w->year);
	rec.f.ocg = ocg;
	rec.f.cell = cell;
	rec.f.tier = (uint8_t)tier;
	rec.f.role = (uint8_t)role;
	rec.f.other_crime = o->other_crime;
	rec.f.alias = (uint8_t)sim_rng_below(r, 4);
	rec.f.account = rec.f.vehicle = rec.f.social = SIM_NONE;
	rc = fac_phones(&rec);
	if (!rc)
		rc = fac_accounts(&rec);
	if (!rc)
		rc = fac_vehicle(&rec);
	if (!rc)
		rc = fac_socials(&rec);
	if (rc)
		return rc;
	return sim_vec_push(&w->facs, &rec.f, index);
}

/* The OCGs being founded and the cells planned for them. */
struct founding {
	struct sim_world *w;
	struct sim_rng *r;
	uint32_t nocg;
	unsigned cell_cap;     /* most cells one route's leg can have */
	uint32_t per_leg_load; /* migrants a cell carries, roughly: a member more per 60 */
	struct plan *plan;     /* the cells, in the order they were planned */
	size_t nplan;
};

/* The OCGs, each with its ethnicity and the route it runs: a cell planned
 * for every leg of it that has room (cell_cap) left. */
static IV_MUST_USE enum iv_err found_ocgs(struct founding *fd)
{
	struct sim_world *w = fd->w;
	struct sim_rng *r = fd->r;
	double natw[NAT__COUNT];

	sim_nat_weights(w->year, natw);
	natw[NAT_IQ] *= 3; /* Channel networks are mostly Iraqi Kurdish */
	for (uint32_t o = 0; o < fd->nocg; o++) {
		struct sim_ocg g;
		unsigned route;
		enum iv_err rc;
		memset(&g, 0, sizeof(g));
		g.nat = (uint8_t)sim_rng_weighted(r, natw, NAT__COUNT);
		g.other_crime = sim_rng_chance(r, 1.0 / 3.0);
		g.leader = g.hawaladar = SIM_NONE;
		rc = sim_vec_push(&w->ocgs, &g, NULL);
		if (rc)
			return rc;
		route = pick_route(r, g.nat);
		for (unsigned l = 0; l < sim_routes[route].nlegs; l++) {
			if (w->ncells_of_route_leg[route][l] >= fd->cell_cap)
				continue;
			fd->plan[fd->nplan++] = (struct plan){o, (uint8_t)route, (uint8_t)l};
			w->ncells_of_route_leg[route][l]++;
		}
	}
	return IV_OK;
}

/* Every leg of every route is served: joint ventures (a cell of any OCG)
 * fill the gaps, and now and then join a leg that has room. */
static void plan_joint_ventures(struct founding *fd)
{
	struct sim_world *w = fd->w;
	struct sim_rng *r = fd->r;

	for (unsigned route = 0; route < ROUTE__COUNT; route++)
		for (unsigned l = 0; l < sim_routes[route].nlegs; l++) {
			unsigned want = w->ncells_of_route_leg[route][l] ? 0 : 1;
			if (sim_rng_chance(r, 0.3) &&
			    w->ncells_of_route_leg[route][l] < fd->cell_cap)
				want++;
			for (unsigned k = 0; k < want; k++) {
				fd->plan[fd->nplan++] = (struct plan){sim_rng_below(r, fd->nocg),
				                                      (uint8_t)route, (uint8_t)l};
				w->ncells_of_route_leg[route][l]++;
			}
		}
}

/* The planned cell pl, as cell ci of its OCG and of its route's leg. */
static IV_MUST_USE enum iv_err open_cell(struct founding *fd, const struct plan *pl, uint32_t *ci)
{
	struct sim_world *w = fd->w;
	struct sim_cell cl;
	enum iv_err rc;

	memset(&cl, 0, sizeof(cl));
	cl.ocg = pl->ocg;
	cl.route = pl->route;
	cl.leg = pl->leg;
	cl.first_fac = (uint32_t)w->facs.len;
	rc = sim_vec_push(&w->cells, &cl, ci);
	if (rc)
		return rc;
	w->ocg_of_route_leg[cl.route][cl.leg][w->ncells_of_route_leg[cl.route][cl.leg]++] = *ci;
	SIM_AT(w->ocgs, struct sim_ocg, pl->ocg).ncells++;
	return IV_OK;
}

/* Tier 1 and the money: the route leader and the OCG's hawaladar, in its first cell. */
static IV_MUST_USE enum iv_err lead_ocg(struct founding *fd, uint32_t o, uint32_t ci)
{
	uint32_t fi;
	enum iv_err rc;

	rc = add_fac(fd->w, fd->r, o, ci, 1, ROLE_ORGANISER, &fi);
	if (rc)
		return rc;
	SIM_AT(fd->w->ocgs, struct sim_ocg, o).leader = fi;
	rc = add_fac(fd->w, fd->r, o, ci, 2, ROLE_HAWALADAR, &fi);
	if (rc)
		return rc;
	SIM_AT(fd->w->ocgs, struct sim_ocg, o).hawaladar = fi;
	return IV_OK;
}

/* Cell ci's facilitators, contiguous: its hub organiser, members with roles
 * for its leg's mode, and whoever the mode needs (boats, documents). */
static IV_MUST_USE enum iv_err staff_cell(struct founding *fd, uint32_t o, uint32_t ci)
{
	struct sim_world *w = fd->w;
	struct sim_rng *r = fd->r;
	struct sim_cell *cl = &SIM_AT(w->cells, struct sim_cell, ci); /* add_fac adds no cell */
	const struct sim_leg_tpl *leg = &sim_routes[cl->route].legs[cl->leg];
	bool final = leg->to == C_GB;
	uint32_t fi, nfac = (uint32_t)sim_rng_range(r, 3, 5) + fd->per_leg_load / 60;
	enum iv_err rc = IV_OK;

	if (nfac > 40)
		nfac = 40;
	if (SIM_AT(w->ocgs, struct sim_ocg, o).leader == SIM_NONE)
		rc = lead_ocg(fd, o, ci);
	if (!rc)
		rc = add_fac(w, r, o, ci, 2, ROLE_HUB_ORGANISER, &fi);
	if (rc)
		return rc;
	cl->organiser = fi;
	for (uint32_t k = 0; !rc && k < nfac; k++)
		rc = add_fac(w, r, o, ci, 3, role_for(r, leg->mode, final), NULL);
	if (!rc && leg->mode == MODE_SMALL_BOAT) /* someone must supply boats */
		rc = add_fac(w, r, o, ci, 3, ROLE_BOAT_SUPPLIER, NULL);
	if (!rc && leg->mode == MODE_AIR)
		rc = add_fac(w, r, o, ci, 3, ROLE_FORGER, NULL);
	if (rc)
		return rc;
	cl->nfac = (uint32_t)w->facs.len - cl->first_fac;
	return IV_OK;
}

/* OCGs, their cells and facilitators for a world of about `migrants`. */
static IV_MUST_USE enum iv_err build_ocgs(struct sim_world *w, struct sim_rng *r, uint32_t migrants)
{
	uint32_t nocg = migrants / 400 + 3;
	struct founding fd = {.w = w, .r = r, .nocg = nocg};
	size_t cap = (size_t)nocg * SIM_MAX_LEGS + ROUTE__COUNT * SIM_MAX_LEGS * 2;
	enum iv_err rc;

	fd.per_leg_load = migrants / (nocg * 3) + 1;
	/* cells per route and leg grow with the world (4 at small scale), so
	 * that at large scale every OCG still runs its legs */
	fd.cell_cap = 4 + nocg / 16;
	if (fd.cell_cap > SIM_MAX_CELLS_PER_LEG)
		fd.cell_cap = SIM_MAX_CELLS_PER_LEG;
	fd.plan = iv_calloc(cap * sizeof(*fd.plan));
	if (!fd.plan)
		return IV_ERR_NOMEM;
	rc = found_ocgs(&fd);
	if (rc)
		goto out;
	plan_joint_ventures(&fd);
	/* the plan's counts start again: open_cell counts the cells it opens */
	memset(w->ncells_of_route_leg, 0, sizeof(w->ncells_of_route_leg));
	/* cells OCG by OCG, facilitators cell by cell: both contiguous */
	for (uint32_t o = 0; !rc && o < nocg; o++) {
		SIM_AT(w->ocgs, struct sim_ocg, o).first_cell = (uint32_t)w->cells.len;
		for (size_t i = 0; !rc && i < fd.nplan; i++) {
			uint32_t ci;
			if (fd.plan[i].ocg != o)
				continue;
			rc = open_cell(&fd, &fd.plan[i], &ci);
			if (!rc)
				rc = staff_cell(&fd, o, ci);
		}
	}
out:
	iv_free(fd.plan);
	return rc;
}

/* A facilitator of the cell with one of the roles (or any member). */
static uint32_t cell_member(const struct sim_world *w, struct sim_rng *r, uint32_t ci, int role)
{
	const struct sim_cell *cl = &SIM_AT(w->cells, struct sim_cell, ci);

	for (int tries = 0; role >= 0 && tries < 12; tries++) {
		uint32_t f = cl->first_fac + sim_rng_below(r, cl->nfac);
		if (SIM_AT(w->facs, struct sim_fac, f).role == (uint8_t)role)
			return f;
	}
	return cl->first_fac + sim_rng_below(r, cl->nfac);
}

/* ---- journeys, boats, documents -------------------------------------------- */

static int season_day(struct sim_rng *r, int year, bool channel)
{
	/* crossings peak late summer and autumn */
	static const double month_w[12] = {3, 3, 5, 7, 9, 10, 11, 13, 13, 11, 8, 7};
	static const double flat[12] = {8, 8, 8, 8, 9, 9, 9, 9, 8, 8, 8, 8};
	unsigned m = sim_rng_weighted(r, channel ? month_w : flat, 12);
	int day = 0;

	for (unsigned i = 0; i < m; i++)
		day += iv_days_in_month(year, (int)i + 1);
	return day + sim_rng_range(r, 0, iv_days_in_month(year, (int)m + 1) - 1);
}

static unsigned pick_pay(struct sim_rng *r, unsigned nat)
{
	double w[PAY__COUNT];

	switch (nat) {
	case NAT_AL:
		w[0] = 5, w[1] = 40, w[2] = 5, w[3] = 25, w[4] = 25;
		break;
	case NAT_VN:
		w[0] = 0, w[1] = 30, w[2] = 15, w[3] = 50, w[4] = 5;
		break;
	case NAT_ER:
	case NAT_SD:
		w[0] = 35, w[1] = 15, w[2] = 40, w[3] = 2, w[4] = 8;
		break;
	default:
		w[0] = 60, w[1] = 15, w[2] = 14, w[3] = 1, w[4] = 10;
	}
	return sim_rng_weighted(r, w, PAY__COUNT);
}

struct open_boat {
	uint32_t boat, target;
};

static IV_MUST_USE enum iv_err board(struct sim_world *w, struct sim_rng *r, struct sim_journey *j,
                                     struct open_boat *open)
{
	const struct sim_route *rt = &sim_routes[j->route];
	const struct sim_leg_tpl *last = &rt->legs[rt->nlegs - 1];
	uint32_t fcell_fac = j->fac[rt->nlegs - 1];
	const struct sim_fac *ff = &SIM_AT(w->facs, struct sim_fac, fcell_fac);
	struct sim_boat *b;
	enum iv_err rc;

	if (last->mode == MODE_AIR)
		return IV_OK;
	if (open->boat == SIM_NONE ||
	    SIM_AT(w->boats, struct sim_boat, open->boat).people + j->nmigrants > open->target) {
		struct sim_boat nb;
		double mean = last->mode == MODE_SMALL_BOAT ? sim_people_per_boat(w->year)
		              : last->mode == MODE_LORRY    ? 8
		                                            : 10;
		memset(&nb, 0, sizeof(nb));
		nb.mode = last->mode;
		nb.day = (uint16_t)season_day(r, w->year, last->mode == MODE_SMALL_BOAT);
		nb.place = (uint8_t)sim_rng_below(r, 4);
		nb.pilot = nb.driver = nb.vehicle = nb.supplier = SIM_NONE;
		nb.ocg = ff->ocg;
		nb.supplier =
		        cell_member(w, r, ff->cell,
		                    last->mode == MODE_LORRY ? ROLE_DRIVER : ROLE_BOAT_SUPPLIER);
		nb.vehicle = SIM_AT(w->facs, struct sim_fac, nb.supplier).vehicle;
		if (last->mode != MODE_SMALL_BOAT)
			nb.driver = nb.supplier;
		open->target =
		        (uint32_t)(mean * (0.7 + 0.6 * (double)sim_rng_below(r, 1000) / 1000.0));
		if (open->target < 1)
			open->target = 1;
		rc = sim_vec_push(&w->boats, &nb, &open->boat);
		if (rc)
			return rc;
	}
	b = &SIM_AT(w->boats, struct sim_boat, open->boat);
	j->boat = open->boat;
	j->day = b->day;
	b->people += j->nmigrants;
	return IV_OK;
}

/* Who travels together on one journey. */
struct party {
	unsigned nat, size;
	bool family;        /* a family: the second a wife or a child, the rest children */
	bool unaccompanied; /* a child alone */
};

/* The journey's route, payment, outcome and day, before its legs. */
static void plan_journey(struct sim_rng *r, int year, unsigned nat, struct sim_journey *j)
{
	memset(j, 0, sizeof(*j));
	j->route = (uint8_t)pick_route(r, nat);
	j->nlegs = (uint8_t)sim_routes[j->route].nlegs;
	j->pay = (uint8_t)pick_pay(r, nat);
	j->boat = SIM_NONE;
	j->outcome = sim_rng_chance(r, 0.7)    ? OUT_ARRIVED
	             : sim_rng_chance(r, 0.85) ? OUT_INTERCEPTED
	                                       : OUT_RETURNED;
	j->day = (uint16_t)season_day(r, year, false);
}

/* The cell that runs leg l: any of the leg's cells, or, when the previous
 * leg's OCG also runs this one, mostly that OCG's cell. */
static uint32_t leg_cell(const struct sim_world *w, struct sim_rng *r, unsigned route, unsigned l,
                         uint32_t prev_cell)
{
	unsigned ncell = w->ncells_of_route_leg[route][l];
	uint32_t ci = w->ocg_of_route_leg[route][l][sim_rng_below(r, ncell)];

	for (unsigned k = 0; prev_cell != SIM_NONE && k < ncell; k++) {
		uint32_t c2 = w->ocg_of_route_leg[route][l][k];
		if (SIM_AT(w->cells, struct sim_cell, c2).ocg ==
		            SIM_AT(w->cells, struct sim_cell, prev_cell).ocg &&
		    sim_rng_chance(r, 0.7))
			ci = c2;
	}
	return ci;
}

/* A leg's price per person, to the hundred; now and then a Channel
 * crossing goes cheap or bespoke. */
static uint32_t leg_price(struct sim_rng *r, const struct sim_leg_tpl *leg)
{
	uint32_t price = (uint32_t)sim_rng_range(r, (int)leg->price_lo, (int)leg->price_hi);

	price = (price + 50) / 100 * 100;
	if (leg->mode == MODE_SMALL_BOAT && leg->to == C_GB && sim_rng_chance(r, 0.03))
		price = sim_rng_chance(r, 0.5) ? 500 : 10000; /* low / bespoke */
	return price;
}

/* Who runs each leg and what it costs; the OCG of the final leg. */
static void assign_legs(const struct sim_world *w, struct sim_rng *r, struct sim_journey *j)
{
	const struct sim_route *rt = &sim_routes[j->route];
	uint32_t prev_cell = SIM_NONE;

	for (unsigned l = 0; l < rt->nlegs; l++) {
		uint32_t ci = leg_cell(w, r, j->route, l, prev_cell);
		prev_cell = ci;
		j->fac[l] = cell_member(w, r, ci, ROLE_RECRUITER);
		j->price[l] = leg_price(r, &rt->legs[l]);
		if (l + 1 == rt->nlegs)
			j->ocg = SIM_AT(w->cells, struct sim_cell, ci).ocg;
	}
}

/* Member k of the party: child or adult, age, sex, name (a family's), flags. */
static void traveller(const struct sim_world *w, struct sim_rng *r, const struct party *pt,
                      const struct sim_journey *j, unsigned k, struct sim_person *p)
{
	bool family = pt->family, unaccompanied = pt->unaccompanied;
	bool child =
	        unaccompanied || (family && k >= 2) || (family && k == 1 && sim_rng_chance(r, 0.3));
	int age = child ? sim_rng_range(r, unaccompanied ? 14 : 3, 17) : sim_rng_range(r, 18, 48);
	int sex = child                     ? (unaccompanied || sim_rng_chance(r, 0.5) ? 'M' : 'F')
	          : (family && k == 1)      ? 'F'
	          : sim_rng_chance(r, 0.94) ? 'M'
	                                    : 'F';

	make_person(r, p, pt->nat, sex, age, w->year);
	if (k > 0 && family) { /* a family shares the family name */
		p->family = SIM_AT(w->migrants, struct sim_person, j->first_migrant).family;
		p->group = SIM_AT(w->migrants, struct sim_person, j->first_migrant).group;
	}
	p->journey = (uint32_t)w->journeys.len; /* pushed after its party */
	if (child)
		p->flags |= PF_CHILD;
	if (unaccompanied && sim_rng_chance(r, 0.3))
		p->flags |= PF_DISPUTED_AGE;
}

/* Trafficking indicators: debt bondage, kidnap on the central Mediterranean,
 * and control, likelier where there is already one. */
static void indicators(struct sim_rng *r, const struct sim_journey *j, unsigned nat,
                       struct sim_person *p)
{
	if (j->pay == PAY_DEBT) {
		p->indicators |= IND_DEBT;
		if (sim_rng_chance(r, 0.5))
			p->indicators |= IND_NO_WAGES;
		if (nat == NAT_VN && sim_rng_chance(r, 0.6))
			p->indicators |= IND_WORKSITE;
	}
	if (j->route == ROUTE_CMED_CHANNEL && sim_rng_chance(r, 0.15))
		p->indicators |= IND_KIDNAP;
	if (sim_rng_chance(r, p->indicators ? 0.4 : 0.03))
		p->indicators |= IND_RESTRICTED;
	if (sim_rng_chance(r, p->indicators ? 0.3 : 0.02))
		p->indicators |= IND_ACCOMPANIED;
	if (p->indicators && sim_rng_chance(r, 0.3))
		p->indicators |= IND_SCRIPTED;
}

/* A phone for most: a SIM from home (Sudanese for Eritreans) or, less often,
 * from where the last leg starts. */
static IV_MUST_USE enum iv_err migrant_phone(struct sim_world *w, struct sim_rng *r,
                                             const struct sim_journey *j, unsigned nat,
                                             struct sim_person *p)
{
	const struct sim_route *rt = &sim_routes[j->route];
	enum sim_country pc;
	enum iv_err rc;

	if (!sim_rng_chance(r, 0.6))
		return IV_OK;
	pc = rt->legs[rt->nlegs - 1].from;
	if (pc == C__COUNT || pc == C_ER || sim_rng_chance(r, 0.6))
		pc = phone_country_of(nat);
	rc = add_phone(w, r, (uint32_t)w->migrants.len, pc, &p->phone);
	if (rc)
		return rc;
	p->nphones = 1;
	return IV_OK;
}

/* The party's members, contiguous in w->migrants. */
static IV_MUST_USE enum iv_err add_party(struct sim_world *w, struct sim_rng *r,
                                         const struct party *pt, struct sim_journey *j)
{
	j->first_migrant = (uint32_t)w->migrants.len;
	j->nmigrants = pt->size;
	for (unsigned k = 0; k < pt->size; k++) {
		struct sim_person p;
		enum iv_err rc;
		traveller(w, r, pt, j, k, &p);
		indicators(r, j, pt->nat, &p);
		rc = migrant_phone(w, r, j, pt->nat, &p);
		if (!rc)
			rc = sim_vec_push(&w->migrants, &p, NULL);
		if (rc)
			return rc;
	}
	return IV_OK;
}

/* Journeys until the world has `target` migrants: each a party, its legs,
 * its members, and its place on the last leg's boat or lorry. */
static IV_MUST_USE enum iv_err build_journeys(struct sim_world *w, struct sim_rng *r,
                                              uint32_t target)
{
	double natw[NAT__COUNT];
	struct open_boat open[ROUTE__COUNT];
	enum iv_err rc;

	for (unsigned i = 0; i < ROUTE__COUNT; i++)
		open[i].boat = SIM_NONE, open[i].target = 0;
	sim_nat_weights(w->year, natw);
	while (w->migrants.len < target) {
		struct sim_journey j;
		struct party pt;
		pt.nat = sim_rng_weighted(r, natw, NAT__COUNT);
		pt.size = sim_rng_chance(r, 0.72) ? 1 : (unsigned)sim_rng_range(r, 2, 5);
		pt.family = pt.size > 1 && sim_rng_chance(r, 0.6);
		pt.unaccompanied = pt.size == 1 && sim_rng_chance(r, 0.06);
		plan_journey(r, w->year, pt.nat, &j);
		assign_legs(w, r, &j);
		rc = add_party(w, r, &pt, &j);
		if (!rc)
			rc = board(w, r, &j, &open[j.route]);
		if (!rc)
			rc = sim_vec_push(&w->journeys, &j, NULL);
		if (rc)
			return rc;
	}
	return IV_OK;
}

/* The adult male forced to steer each small boat. */
static void pick_pilots(struct sim_world *w, struct sim_rng *r)
{
	for (size_t i = 0; i < w->journeys.len; i++) {
		const struct sim_journey *j = &SIM_AT(w->journeys, struct sim_journey, i);
		struct sim_boat *b;
		struct sim_person *p;
		if (j->boat == SIM_NONE)
			continue;
		b = &SIM_AT(w->boats, struct sim_boat, j->boat);
		p = &SIM_AT(w->migrants, struct sim_person, j->first_migrant);
		if (b->mode == MODE_SMALL_BOAT && b->pilot == SIM_NONE && p->sex == 'M' &&
		    !(p->flags & PF_CHILD) && sim_rng_chance(r, 0.5)) {
			b->pilot = j->first_migrant;
			p->flags |= PF_PILOT;
		}
	}
}

static double to_gbp(const char *cur)
{
	return !strcmp(cur, "GBP") ? 1.0 : !strcmp(cur, "EUR") ? 0.85 : 0.79;
}

static void proceeds(struct sim_world *w)
{
	for (size_t i = 0; i < w->journeys.len; i++) {
		const struct sim_journey *j = &SIM_AT(w->journeys, struct sim_journey, i);
		const struct sim_route *rt = &sim_routes[j->route];
		for (unsigned l = 0; l < j->nlegs; l++) {
			const struct sim_fac *f = &SIM_AT(w->facs, struct sim_fac, j->fac[l]);
			struct sim_ocg *o = &SIM_AT(w->ocgs, struct sim_ocg, f->ocg);
			o->proceeds_gbp += (uint64_t)((double)j->price[l] * j->nmigrants *
			                              to_gbp(rt->legs[l].currency));
		}
		SIM_AT(w->ocgs, struct sim_ocg, j->ocg).journeys++;
		SIM_AT(w->ocgs, struct sim_ocg, j->ocg).migrants += j->nmigrants;
	}
}

static IV_MUST_USE enum iv_err build_docs(struct sim_world *w, struct sim_rng *r)
{
	static const enum sim_country fake_states[] = {C_IT, C_GR, C_FR, C_BE, C_DE, C_NL, C_PL};
	enum iv_err rc;

	for (size_t i = 0; i < w->journeys.len; i++) {
		const struct sim_journey *j = &SIM_AT(w->journeys, struct sim_journey, i);
		bool air = j->route == ROUTE_AL_AIR || j->route == ROUTE_AIR_FALSE_DOCS;
		for (uint32_t k = 0; k < j->nmigrants; k++) {
			uint32_t mi = j->first_migrant + k;
			const struct sim_person *p = &SIM_AT(w->migrants, struct sim_person, mi);
			struct sim_doc d;
			if (!air && !sim_rng_chance(r, 0.06))
				continue;
			memset(&d, 0, sizeof(d));
			d.holder = d.presenter = mi;
			d.country = (uint8_t)sim_nations[p->nat].country;
			d.td1 = 0;
			d.number = 10000000 + sim_rng_below(r, 89999999);
			d.issue_day = (uint16_t)sim_rng_range(r, 0, (w->year - 2010) * 365);
			if (air) {
				double fw[FORGE__COUNT] = {12, 20, 20, 25, 13, 10};
				if (j->route == ROUTE_AL_AIR)
					fw[FORGE_IMPOSTOR] = 70;
				d.forgery = (uint8_t)sim_rng_weighted(r, fw, FORGE__COUNT);
				if (d.forgery != FORGE_NONE) {
					d.country = (uint8_t)fake_states[sim_rng_below(r, 7)];
					d.td1 = (uint8_t)sim_rng_chance(r, 0.3);
				}
				if (d.forgery == FORGE_IMPOSTOR) {
					/* a genuine document of a look-alike */
					d.holder = sim_rng_below(r, (uint32_t)w->migrants.len);
					if (d.holder == mi)
						d.holder =
						        (d.holder + 1) % (uint32_t)w->migrants.len;
				}
				if (d.forgery == FORGE_NUMBER_REUSED) /* one forger's batch */
					d.number = 20000000 + (uint32_t)(j->ocg % 50) * 7 +
					           sim_rng_below(r, 3);
			}
			rc = sim_vec_push(&w->docs, &d, NULL);
			if (rc)
				return rc;
		}
	}
	/* facilitators' own documents: genuine, or fraudulently obtained */
	for (size_t f = 0; f < w->facs.len; f += 3) {
		const struct sim_fac *fc = &SIM_AT(w->facs, struct sim_fac, f);
		struct sim_doc d;
		memset(&d, 0, sizeof(d));
		d.holder = d.presenter = SIM_PERSON_FAC | (uint32_t)f;
		d.country = (uint8_t)sim_nations[fc->p.nat].country;
		d.number = 10000000 + sim_rng_below(r, 89999999);
		d.issue_day = (uint16_t)sim_rng_range(r, 0, (w->year - 2010) * 365);
		d.td1 = (uint8_t)sim_rng_chance(r, 0.2);
		if (sim_rng_chance(r, 0.2)) {
			d.forgery = FORGE_NUMBER_REUSED;
			d.country = (uint8_t)fake_states[sim_rng_below(r, 7)];
			d.number = 20000000 + (fc->ocg % 50) * 7 + sim_rng_below(r, 3);
		}
		rc = sim_vec_push(&w->docs, &d, NULL);
		if (rc)
			return rc;
	}
	return IV_OK;
}

static IV_MUST_USE enum iv_err community_accounts(struct sim_world *w, struct sim_rng *r)
{
	for (size_t i = 0; i < w->migrants.len; i += 4) {
		struct sim_social s = {(uint32_t)i, (uint8_t)sim_rng_below(r, 4), 0, 0};
		enum iv_err rc = sim_vec_push(&w->socials, &s, NULL);
		if (rc)
			return rc;
	}
	return IV_OK;
}

enum iv_err sim_world_build(struct sim_world *w, struct iv_buf *err)
{
	struct sim_rng r;
	uint32_t migrants = (uint32_t)((double)w->scale / PERSON_MENTIONS_PER_MIGRANT);
	enum iv_err rc;

	if (migrants < 20)
		migrants = 20;
	w->migrants.size = sizeof(struct sim_person);
	w->facs.size = sizeof(struct sim_fac);
	w->cells.size = sizeof(struct sim_cell);
	w->ocgs.size = sizeof(struct sim_ocg);
	w->journeys.size = sizeof(struct sim_journey);
	w->boats.size = sizeof(struct sim_boat);
	w->vehicles.size = sizeof(struct sim_vehicle);
	w->phones.size = sizeof(struct sim_phone);
	w->accounts.size = sizeof(struct sim_account);
	w->docs.size = sizeof(struct sim_doc);
	w->socials.size = sizeof(struct sim_social);
	sim_rng_seed(&r, w->seed, 1);
	rc = build_ocgs(w, &r, migrants);
	if (!rc)
		rc = build_journeys(w, &r, migrants);
	if (!rc)
		pick_pilots(w, &r), proceeds(w), rc = build_docs(w, &r);
	if (!rc)
		rc = community_accounts(w, &r);
	if (rc)
		return iv_seterr(err, rc, "out of memory while building the world");
	return IV_OK;
}

void sim_world_release(struct sim_world *w)
{
	sim_vec_release(&w->migrants);
	sim_vec_release(&w->facs);
	sim_vec_release(&w->cells);
	sim_vec_release(&w->ocgs);
	sim_vec_release(&w->journeys);
	sim_vec_release(&w->boats);
	sim_vec_release(&w->vehicles);
	sim_vec_release(&w->phones);
	sim_vec_release(&w->accounts);
	sim_vec_release(&w->docs);
	sim_vec_release(&w->socials);
}
