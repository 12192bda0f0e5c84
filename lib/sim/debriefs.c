/*
 * debriefs.c - debrief interviews of intercepted migrants (CSV with an
 * Aleph-style mapping): names as spoken and in native script, birth dates
 * in whatever form the form took, the smuggler as the migrant knew him
 * (often a nickname), his numbers, the price paid and an account in
 * English translation, with trafficking indicators in the narrative.
 */
#include <string.h>

#include "sim/sim_int.h"

static const char mapping[] =
        "# debriefs.yml - mapping of the debrief interviews written by invigor sim.\n"
        "# Migrants are witnesses; the facilitators they name are suspects (3C: a\n"
        "# nickname heard from one frightened witness).  Entity ids are the mention\n"
        "# ids that truth/mentions.csv resolves.\n"
        "dataset: uk-debriefs\n"
        "phone_region: GB\n"
        "date_order: dmy\n"
        "handling:\n"
        "  grade: 2B\n"
        "  handling: C\n"
        "  conditions: \"UK agencies only; debriefing officer's consent before use in court\"\n"
        "  classification: OFFICIAL-SENSITIVE\n"
        "  descriptor: PERSONAL\n"
        "  originator: UK-BF-DEBRIEF\n"
        "entities:\n"
        "  migrant:\n"
        "    schema: Person\n"
        "    id_column: migrant_mid\n"
        "    handling: {subject: witness}\n"
        "    properties:\n"
        "      name: {columns: [given_name, family_name]}\n"
        "      alias: {column: name_native}\n"
        "      firstName: {column: given_name}\n"
        "      lastName: {column: family_name}\n"
        "      birthDate: {column: dob}\n"
        "      gender: {column: sex}\n"
        "      nationality: {column: nationality}\n"
        "      phone: {column: phone}\n"
        "  smuggler:\n"
        "    schema: Person\n"
        "    id_column: smuggler_mid\n"
        "    handling: {subject: suspect, grade: 3C}\n"
        "    properties:\n"
        "      name: {column: smuggler_name}\n"
        "      phone: {column: smuggler_phone, split: \";\"}\n"
        "  journey:\n"
        "    schema: Journey\n"
        "    id_column: journey_mid\n"
        "    properties:\n"
        "      traveller: {entity: migrant}\n"
        "      facilitator: {entity: smuggler}\n"
        "      origin: {column: nationality}\n"
        "      destination: {literal: GB}\n"
        "      originPlace: {column: departure_place}\n"
        "      route: {column: route}\n"
        "      price: {column: paid}\n"
        "      paymentMethod: {column: payment_method}\n"
        "      outcome: {literal: intercepted}\n"
        "  debrief:\n"
        "    schema: Debrief\n"
        "    id_column: debrief_ref\n"
        "    properties:\n"
        "      reference: {column: debrief_ref}\n"
        "      date: {column: interview_date}\n"
        "      location: {column: location}\n"
        "      language: {column: language}\n"
        "      subject: {entity: migrant}\n"
        "      namesAsSpoken: {column: smuggler_name}\n"
        "      phoneMentioned: {column: smuggler_phone, split: \";\"}\n"
        "      placesMentioned: {column: places, split: \";\"}\n"
        "      account: {column: account}\n"
        "      consent: {column: consent}\n";

static const char *const locations[] = {"Western Jet Foil, Dover", "Manston, Kent",
                                        "Dover Immigration Centre", "Croydon, Lunar House",
                                        "Heathrow Terminal 4"};
static const char *const places_fr[] = {"Calais", "Dunkirk", "Gravelines", "Boulogne-sur-Mer"};

static void nationality_noisy(unsigned nat, struct sim_rng *r, char *out, size_t size)
{
	const struct sim_nation *n = &sim_nations[nat];
	const char *v[] = {n->iso3, n->name, n->demonym, n->iso2};

	snprintf(out, size, "%s", v[sim_rng_below(r, 4)]);
}

static void price_noisy(unsigned amount, const char *cur, struct sim_rng *r, char *out, size_t size)
{
	const char *sym = !strcmp(cur, "EUR") ? "€" : !strcmp(cur, "GBP") ? "£" : "$";

	switch (sim_rng_below(r, 5)) {
	case 0:
		snprintf(out, size, "%s%u,%03u", sym, amount / 1000, amount % 1000);
		break;
	case 1:
		snprintf(out, size, "%u %s", amount, cur);
		break;
	case 2:
		if (amount % 1000 == 0)
			snprintf(out, size, "%s%uk", sym, amount / 1000);
		else
			snprintf(out, size, "%u.%uk %s", amount / 1000, amount % 1000 / 100, cur);
		break;
	case 3:
		snprintf(out, size, "%s %u", cur, amount);
		break;
	default:
		out[0] = '\0'; /* would not say */
	}
}

static IV_MUST_USE enum iv_err narrative(struct sim_ctx *c, struct sim_rng *r,
                                         const struct sim_person *p, const struct sim_journey *j,
                                         const char *nick, unsigned total, const char *cur)
{
	const struct sim_route *rt = &sim_routes[j->route];
	struct iv_buf *b = &c->tmp2;
	enum iv_err rc;

	iv_buf_reset(b);
	rc = iv_buf_addf(b, "I left %s %s. ", sim_nations[p->nat].city,
	                 sim_rng_chance(r, 0.5) ? "in the spring" : "last year");
	for (unsigned l = 1; !rc && l < rt->nlegs; l++)
		rc = iv_buf_addf(b, "From %s we went to %s by %s. ", rt->legs[l].from_place,
		                 rt->legs[l].to_place, sim_mode_names[rt->legs[l].mode]);
	if (!rc && *nick)
		rc = iv_buf_addf(b, "A man called %s arranged the last part. ", nick);
	if (!rc && j->boat != SIM_NONE && rt->legs[rt->nlegs - 1].mode == MODE_SMALL_BOAT)
		rc = iv_buf_addf(b, "There were about %u people in the boat. ",
		                 (SIM_AT(c->w->boats, struct sim_boat, j->boat).people + 5) / 10 *
		                         10);
	if (!rc && total)
		rc = iv_buf_addf(b, "In total I paid %u %s", total, cur);
	if (!rc && total)
		rc = iv_buf_adds(
		        b, j->pay == PAY_HAWALA ? " through a saraf; my family gave the money "
		                                  "and the code word released it. "
		           : j->pay == PAY_DEBT ? "; I still owe the rest and must work for them. "
		                                : ". ");
	if (!rc && (p->indicators & IND_RESTRICTED))
		rc = iv_buf_adds(b, "They took my phone and I could not leave the house. ");
	if (!rc && (p->indicators & IND_ACCOMPANIED))
		rc = iv_buf_adds(b, "One of them was always with us. ");
	if (!rc && (p->indicators & IND_WORKSITE))
		rc = iv_buf_adds(b, "They said I would work in a nail bar, then on a farm. ");
	if (!rc && (p->indicators & IND_KIDNAP))
		rc = iv_buf_adds(b, "In Libya we were held until our families paid again. ");
	if (!rc && (p->indicators & IND_NO_WAGES))
		rc = iv_buf_adds(b, "I will not be paid until the debt is finished. ");
	if (!rc && (p->indicators & IND_SCRIPTED))
		rc = iv_buf_adds(b, "I was told what to say if police asked. ");
	return rc ? iv_seterr(c->err, rc, "out of memory") : IV_OK;
}

static const char *const header[] = {
        "debrief_ref", "interview_date", "location",        "language",      "migrant_mid",
        "given_name",  "family_name",    "name_native",     "dob",           "sex",
        "nationality", "phone",          "smuggler_mid",    "smuggler_name", "smuggler_phone",
        "journey_mid", "route",          "departure_place", "paid",          "payment_method",
        "places",      "account",        "consent"};
enum { NF = sizeof(header) / sizeof(header[0]) };

struct debriefer {
	struct sim_ctx *c;
	struct sim_file sf;
	struct sim_rng r;
	struct iv_buf smug, phones; /* the smuggler as the migrant named him, his numbers */
	struct iv_buf native;       /* the migrant's name in his own script */
	uint64_t n;                 /* debriefs written */
};

/* One interview: the migrant as recorded and the smuggler as he knew him. */
struct debrief {
	const struct sim_person *p;
	const struct sim_journey *j;
	const struct sim_route *rt;
	const char *cur; /* currency of the last leg, in which the price is told */
	uint32_t fac;    /* the facilitator he names */
	unsigned total;  /* paid, in cur */
	char ref[32], mid[32], smid[32], jmid[32], date[16], dob[32], nat[32], phone[48];
	char paid[48], places[128], given[64], family[64];
};

static enum iv_err nomem(struct debriefer *d)
{
	return iv_seterr(d->c->err, IV_ERR_NOMEM, "out of memory");
}

/* The interview's ids and date. */
static void open_interview(struct debriefer *d, struct debrief *db)
{
	unsigned long long n = d->n;
	unsigned late = sim_rng_below(&d->r, 3);

	snprintf(db->ref, sizeof(db->ref), "DBR-%07llu", n);
	snprintf(db->mid, sizeof(db->mid), "dbm-%07llu", n);
	snprintf(db->jmid, sizeof(db->jmid), "dbj-%07llu", n);
	/* The day after the crossing; the draw only decides whether the day is
	 * held at 364 near the year's end (sim_day_iso keeps day 365 in the
	 * year).  Kept as it was so that a seed's files stay the same. */
	sim_day_iso(d->c->w->year, db->j->day + (int)late > 364 ? 364 : db->j->day + 1, db->date,
	            sizeof(db->date));
}

/* The migrant as the officer wrote him down. */
static IV_MUST_USE enum iv_err record_migrant(struct debriefer *d, struct debrief *db)
{
	const struct sim_person *p = db->p;
	struct sim_rng *r = &d->r;
	int vg, vf;

	vg = (int)sim_rng_below(r, 3);
	vf = sim_rng_chance(r, 0.6) ? vg : (int)sim_rng_below(r, 3);
	snprintf(db->given, sizeof(db->given), "%s", sim_given(p, vg));
	snprintf(db->family, sizeof(db->family), "%s", sim_family(p, vf));
	iv_buf_reset(&d->native);
	if (!sim_groups[p->group].latin_script && sim_rng_chance(r, 0.7) &&
	    sim_name(&d->native, p, NAME_NATIVE, NULL))
		return nomem(d);
	sim_birth_noisy(p, r, db->dob, sizeof(db->dob));
	nationality_noisy(p->nat, r, db->nat, sizeof(db->nat));
	db->phone[0] = '\0';
	if (p->phone != SIM_NONE && sim_rng_chance(r, 0.8))
		sim_phone_noisy(&SIM_AT(d->c->w->phones, struct sim_phone, p->phone), r, db->phone,
		                sizeof(db->phone));
	return IV_OK;
}

/* The smuggler's numbers the migrant gave: the first, a second now and then. */
static IV_MUST_USE enum iv_err smuggler_phones(struct debriefer *d, struct debrief *db,
                                               const struct sim_fac *fc)
{
	struct sim_ctx *c = d->c;
	enum iv_err rc;

	for (uint32_t k = 0; k < fc->p.nphones && k < 2; k++) {
		uint32_t pi = fc->p.phone + k;
		char one[48];
		if (k && !sim_rng_chance(&d->r, 0.3))
			break;
		sim_phone_noisy(&SIM_AT(c->w->phones, struct sim_phone, pi), &d->r, one,
		                sizeof(one));
		if (iv_buf_addf(&d->phones, "%s%s", k ? ";" : "", one))
			return nomem(d);
		rc = sim_phone_mention(c, "debriefs.csv", db->smid, "phone", one, pi);
		if (!rc)
			rc = sim_phone_mention(c, "debriefs.csv", db->ref, "phoneMentioned", one,
			                       pi);
		if (rc)
			return rc;
	}
	return IV_OK;
}

/* The smuggler, usually whoever ran the last leg, by name or nickname when
 * the migrant could name him. */
static IV_MUST_USE enum iv_err name_smuggler(struct debriefer *d, struct debrief *db)
{
	const struct sim_journey *j = db->j;
	struct sim_rng *r = &d->r;
	const struct sim_fac *fc;
	unsigned leg;

	leg = sim_rng_chance(r, 0.7) ? j->nlegs - 1u : sim_rng_below(r, j->nlegs);
	db->fac = j->fac[leg];
	iv_buf_reset(&d->smug);
	iv_buf_reset(&d->phones);
	db->smid[0] = '\0';
	if (!sim_rng_chance(r, 0.88))
		return IV_OK;
	fc = &SIM_AT(d->c->w->facs, struct sim_fac, db->fac);
	snprintf(db->smid, sizeof(db->smid), "dbs-%07llu", (unsigned long long)d->n);
	if (sim_rng_chance(r, 0.55) ? sim_nickname(&d->smug, &fc->p)
	                            : sim_name(&d->smug, &fc->p, NAME_NOISY, r))
		return nomem(d);
	return smuggler_phones(d, db, fc);
}

/* What he paid, in the last leg's currency (legs priced in another are left
 * out), and the places he named. */
static void price_and_places(struct debriefer *d, struct debrief *db)
{
	const struct sim_leg_tpl *last = &db->rt->legs[db->j->nlegs - 1];

	db->cur = last->currency;
	db->total = 0;
	for (unsigned l = 0; l < db->j->nlegs; l++)
		if (!strcmp(db->rt->legs[l].currency, db->cur))
			db->total += db->j->price[l];
	price_noisy(db->total, db->cur, &d->r, db->paid, sizeof(db->paid));
	snprintf(db->places, sizeof(db->places), "%s;%s", last->from_place,
	         places_fr[sim_rng_below(&d->r, 4)]);
}

/* The row (the account is in c->tmp2, from narrative) and the mentions it makes. */
static IV_MUST_USE enum iv_err write_debrief(struct debriefer *d, struct debrief *db, size_t i)
{
	struct sim_ctx *c = d->c;
	const struct sim_person *p = db->p;
	const char *f[NF];
	enum iv_err rc;

	f[0] = db->ref, f[1] = db->date, f[2] = locations[sim_rng_below(&d->r, 5)];
	f[3] = sim_nations[p->nat].language, f[4] = db->mid, f[5] = db->given;
	f[6] = db->family, f[7] = d->native.buf, f[8] = db->dob;
	f[9] = p->sex == 'M' ? "male" : "female", f[10] = db->nat, f[11] = db->phone;
	f[12] = db->smid, f[13] = d->smug.buf, f[14] = d->phones.buf, f[15] = db->jmid;
	f[16] = db->rt->name, f[17] = db->rt->legs[db->j->nlegs - 1].from_place;
	f[18] = db->paid, f[19] = sim_pay_names[db->j->pay], f[20] = db->places;
	f[21] = c->tmp2.buf;
	f[22] = sim_rng_chance(&d->r, 0.9) ? "given" : "refused";
	rc = sim_csv_row(c, &d->sf, f, NF);
	if (!rc) {
		char full[160];
		snprintf(full, sizeof(full), "%s %s", db->given, db->family);
		rc = sim_person_mention(c, "debriefs.csv", db->mid, full, (uint32_t)i);
	}
	if (!rc && *db->smid)
		rc = sim_person_mention(c, "debriefs.csv", db->smid, d->smug.buf,
		                        SIM_PERSON_FAC | db->fac);
	if (!rc && *db->phone)
		rc = sim_phone_mention(c, "debriefs.csv", db->mid, "phone", db->phone, p->phone);
	return rc;
}

/* Migrant i, when he was debriefed (a little over half; not the younger
 * half of the children). */
static IV_MUST_USE enum iv_err debrief(struct debriefer *d, size_t i)
{
	const struct sim_world *w = d->c->w;
	struct sim_person *p = &SIM_AT(w->migrants, struct sim_person, i);
	struct debrief db;
	enum iv_err rc;

	if (!sim_rng_chance(&d->r, 0.55) || (p->flags & PF_CHILD && p->bday % 2))
		return IV_OK;
	p->flags |= PF_DEBRIEFED;
	d->n++;
	memset(&db, 0, sizeof(db));
	db.p = p;
	db.j = &SIM_AT(w->journeys, struct sim_journey, p->journey);
	db.rt = &sim_routes[db.j->route];
	open_interview(d, &db);
	rc = record_migrant(d, &db);
	if (!rc)
		rc = name_smuggler(d, &db);
	if (rc)
		return rc;
	price_and_places(d, &db);
	rc = narrative(d->c, &d->r, p, db.j, d->smug.buf, db.total, db.cur);
	if (!rc)
		rc = write_debrief(d, &db, i);
	if (!rc && (d->n & 4095) == 0)
		sim_progress(d->c, "debriefs.csv", i, w->migrants.len);
	return rc;
}

enum iv_err sim_write_debriefs(struct sim_ctx *c)
{
	const struct sim_world *w = c->w;
	struct debriefer d = {
	        .c = c, .smug = IV_BUF_INIT, .phones = IV_BUF_INIT, .native = IV_BUF_INIT};
	enum iv_err rc;

	rc = sim_write_text(c, "debriefs.yml", mapping);
	if (rc)
		return rc;
	rc = sim_file_open(c, &d.sf, "debriefs.csv");
	if (rc)
		return rc;
	rc = sim_csv_row(c, &d.sf, header, NF);
	sim_rng_seed(&d.r, w->seed, 'D');
	for (size_t i = 0; !rc && i < w->migrants.len; i++)
		rc = debrief(&d, i);
	iv_buf_release(&d.smug);
	iv_buf_release(&d.phones);
	iv_buf_release(&d.native);
	c->rep->records += d.sf.rows ? d.sf.rows - 1 : 0;
	c->rep->files++;
	return sim_file_abort(c, &d.sf, rc);
}
