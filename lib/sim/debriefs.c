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

enum iv_err sim_write_debriefs(struct sim_ctx *c)
{
	static const char *const header[] = {"debrief_ref",  "interview_date", "location",
	                                     "language",     "migrant_mid",    "given_name",
	                                     "family_name",  "name_native",    "dob",
	                                     "sex",          "nationality",    "phone",
	                                     "smuggler_mid", "smuggler_name",  "smuggler_phone",
	                                     "journey_mid",  "route",          "departure_place",
	                                     "paid",         "payment_method", "places",
	                                     "account",      "consent"};
	enum { NF = sizeof(header) / sizeof(header[0]) };
	const struct sim_world *w = c->w;
	struct sim_file sf;
	struct sim_rng r;
	struct iv_buf smug = IV_BUF_INIT, phones = IV_BUF_INIT, native = IV_BUF_INIT;
	enum iv_err rc;
	uint64_t n = 0;

	rc = sim_write_text(c, "debriefs.yml", mapping);
	if (rc)
		return rc;
	rc = sim_file_open(c, &sf, "debriefs.csv");
	if (rc)
		return rc;
	rc = sim_csv_row(c, &sf, header, NF);
	sim_rng_seed(&r, w->seed, 'D');
	for (size_t i = 0; !rc && i < w->migrants.len; i++) {
		struct sim_person *p = &SIM_AT(w->migrants, struct sim_person, i);
		const struct sim_journey *j = &SIM_AT(w->journeys, struct sim_journey, p->journey);
		const struct sim_route *rt = &sim_routes[j->route];
		char ref[32], mid[32], smid[32], jmid[32], date[16], dob[32], nat[32], phone[48];
		char paid[48], places[128], given[64], family[64];
		const char *f[NF];
		unsigned total = 0, leg;
		uint32_t fac;
		int vg, vf;

		if (!sim_rng_chance(&r, 0.55) || (p->flags & PF_CHILD && p->bday % 2))
			continue;
		p->flags |= PF_DEBRIEFED;
		n++;
		snprintf(ref, sizeof(ref), "DBR-%07llu", (unsigned long long)n);
		snprintf(mid, sizeof(mid), "dbm-%07llu", (unsigned long long)n);
		snprintf(jmid, sizeof(jmid), "dbj-%07llu", (unsigned long long)n);
		sim_day_iso(w->year, j->day + (int)sim_rng_below(&r, 3) > 364 ? 364 : j->day + 1,
		            date, sizeof(date));
		vg = (int)sim_rng_below(&r, 3),
		vf = sim_rng_chance(&r, 0.6) ? vg : (int)sim_rng_below(&r, 3);
		snprintf(given, sizeof(given), "%s", sim_given(p, vg));
		snprintf(family, sizeof(family), "%s", sim_family(p, vf));
		iv_buf_reset(&native);
		if (!sim_groups[p->group].latin_script && sim_rng_chance(&r, 0.7) &&
		    sim_name(&native, p, NAME_NATIVE, NULL))
			goto nomem;
		sim_birth_noisy(p, &r, dob, sizeof(dob));
		nationality_noisy(p->nat, &r, nat, sizeof(nat));
		phone[0] = '\0';
		if (p->phone != SIM_NONE && sim_rng_chance(&r, 0.8))
			sim_phone_noisy(&SIM_AT(w->phones, struct sim_phone, p->phone), &r, phone,
			                sizeof(phone));
		/* the smuggler: usually whoever ran the last leg */
		leg = sim_rng_chance(&r, 0.7) ? j->nlegs - 1u : sim_rng_below(&r, j->nlegs);
		fac = j->fac[leg];
		iv_buf_reset(&smug);
		iv_buf_reset(&phones);
		smid[0] = '\0';
		if (sim_rng_chance(&r, 0.88)) {
			const struct sim_fac *fc = &SIM_AT(w->facs, struct sim_fac, fac);
			snprintf(smid, sizeof(smid), "dbs-%07llu", (unsigned long long)n);
			if (sim_rng_chance(&r, 0.55) ? sim_nickname(&smug, &fc->p)
			                             : sim_name(&smug, &fc->p, NAME_NOISY, &r))
				goto nomem;
			for (uint32_t k = 0; k < fc->p.nphones && k < 2; k++) {
				char one[48];
				if (k && !sim_rng_chance(&r, 0.3))
					break;
				sim_phone_noisy(
				        &SIM_AT(w->phones, struct sim_phone, fc->p.phone + k), &r,
				        one, sizeof(one));
				if (iv_buf_addf(&phones, "%s%s", k ? ";" : "", one))
					goto nomem;
				rc = sim_phone_mention(c, "debriefs.csv", smid, "phone", one,
				                       fc->p.phone + k);
				if (!rc)
					rc = sim_phone_mention(c, "debriefs.csv", ref,
					                       "phoneMentioned", one,
					                       fc->p.phone + k);
				if (rc)
					goto out;
			}
		}
		for (unsigned l = 0; l < j->nlegs; l++)
			if (!strcmp(rt->legs[l].currency, rt->legs[j->nlegs - 1].currency))
				total += j->price[l];
		price_noisy(total, rt->legs[j->nlegs - 1].currency, &r, paid, sizeof(paid));
		snprintf(places, sizeof(places), "%s;%s", rt->legs[j->nlegs - 1].from_place,
		         places_fr[sim_rng_below(&r, 4)]);
		rc = narrative(c, &r, p, j, smug.buf, total, rt->legs[j->nlegs - 1].currency);
		if (rc)
			goto out;
		f[0] = ref, f[1] = date, f[2] = locations[sim_rng_below(&r, 5)];
		f[3] = sim_nations[p->nat].language, f[4] = mid, f[5] = given, f[6] = family;
		f[7] = native.buf, f[8] = dob, f[9] = p->sex == 'M' ? "male" : "female";
		f[10] = nat, f[11] = phone, f[12] = smid, f[13] = smug.buf, f[14] = phones.buf;
		f[15] = jmid, f[16] = rt->name, f[17] = rt->legs[j->nlegs - 1].from_place;
		f[18] = paid, f[19] = sim_pay_names[j->pay], f[20] = places, f[21] = c->tmp2.buf;
		f[22] = sim_rng_chance(&r, 0.9) ? "given" : "refused";
		rc = sim_csv_row(c, &sf, f, NF);
		if (!rc) {
			char full[160];
			snprintf(full, sizeof(full), "%s %s", given, family);
			rc = sim_person_mention(c, "debriefs.csv", mid, full, (uint32_t)i);
		}
		if (!rc && *smid)
			rc = sim_person_mention(c, "debriefs.csv", smid, smug.buf,
			                        SIM_PERSON_FAC | fac);
		if (!rc && *phone)
			rc = sim_phone_mention(c, "debriefs.csv", mid, "phone", phone, p->phone);
		if (!rc && (n & 4095) == 0)
			sim_progress(c, "debriefs.csv", i, w->migrants.len);
	}
	goto out;
nomem:
	rc = iv_seterr(c->err, IV_ERR_NOMEM, "out of memory");
out:
	iv_buf_release(&smug);
	iv_buf_release(&phones);
	iv_buf_release(&native);
	c->rep->records += sf.rows ? sf.rows - 1 : 0;
	c->rep->files++;
	return sim_file_abort(c, &sf, rc);
}
