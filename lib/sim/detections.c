/*
 * detections.c - border detections (CSV with a mapping): every small-boat
 * interception or landing (date, place, boat type, engine, people on
 * board, children, nationalities, whether the pilot was identified), and
 * the lorries, yachts and cargo vessels found carrying people at Calais,
 * Coquelles, Dover, Zeebrugge, Purfleet and the small ports (registration,
 * trailer, driver, people found).  People per boat follow DOMAIN.md §4 by
 * year because they are the world's crossings.
 *
 * Each detection is an Event (transportMode, date, location, country,
 * involved: the vehicle, trailer, vessel, driver and pilot as recorded);
 * plates and engine serials are the ones vehicles.csv prints for the
 * same vehicle (sim_vehicle_text, sim_boat_engine).  Truth: the person,
 * vehicle and vessel mentions in mentions.csv; the crossings themselves
 * are truth/crossings.csv.
 */
#include <string.h>

#include "sim/sim_int.h"

static const char mapping[] =
        "# detections.yml - mapping of the border detections written by invigor sim.\n"
        "# involved lists the ids of the vehicle, trailer, vessel, driver and pilot\n"
        "# of the same row.  Entity ids are the mention ids truth/mentions.csv resolves.\n"
        "dataset: uk-border-detections\n"
        "date_order: dmy\n"
        "handling:\n"
        "  grade: 1A\n"
        "  handling: C\n"
        "  conditions: \"UK agencies and the French and Belgian border police; no onward "
        "disclosure\"\n"
        "  releasable_to: [FR, BE]\n"
        "  classification: OFFICIAL-SENSITIVE\n"
        "  descriptor: PERSONAL\n"
        "  originator: UK-BF-CHANNEL\n"
        "  subject: other\n"
        "entities:\n"
        "  detection:\n"
        "    schema: Event\n"
        "    id_column: detection_ref\n"
        "    properties:\n"
        "      name: {column: detection_type}\n"
        "      date: {column: date}\n"
        "      location: {column: location}\n"
        "      country: {column: country}\n"
        "      transportMode: {column: transport_mode}\n"
        "      involved: {column: involved, split: \";\"}\n"
        "      summary: {column: nationalities}\n"
        "      description: {column: notes}\n"
        "      recordId: {column: detection_ref}\n"
        "  vehicle:\n"
        "    schema: Vehicle\n"
        "    id_column: vehicle_mid\n"
        "    properties:\n"
        "      registrationNumber: {column: registration}\n"
        "      type: {column: vehicle_type}\n"
        "      model: {column: make_model}\n"
        "      country: {column: plate_country}\n"
        "      operator: {entity: driver}\n"
        "  trailer:\n"
        "    schema: Vehicle\n"
        "    id_column: trailer_mid\n"
        "    properties:\n"
        "      registrationNumber: {column: trailer}\n"
        "      type: {literal: semi-trailer}\n"
        "      country: {column: plate_country}\n"
        "  vessel:\n"
        "    schema: Vessel\n"
        "    id_column: vessel_mid\n"
        "    properties:\n"
        "      name: {column: vessel_name}\n"
        "      type: {column: boat_type}\n"
        "      engine: {column: engine}\n"
        "      engineSerial: {column: engine_serial}\n"
        "      imoNumber: {column: imo}\n"
        "      mmsi: {column: mmsi}\n"
        "      flag: {column: flag}\n"
        "  driver:\n"
        "    schema: Person\n"
        "    id_column: driver_mid\n"
        "    handling: {subject: suspect}\n"
        "    properties:\n"
        "      name: {column: driver_name}\n"
        "      nationality: {column: driver_nationality}\n"
        "  pilot:\n"
        "    schema: Person\n"
        "    id_column: pilot_mid\n"
        "    handling: {subject: suspect, grade: 2B}\n"
        "    properties:\n"
        "      name: {column: pilot_name}\n"
        "      nationality: {column: pilot_nationality}\n";

static const char *const header[] = {"detection_ref",
                                     "date",
                                     "detection_type",
                                     "location",
                                     "country",
                                     "transport_mode",
                                     "vehicle_mid",
                                     "registration",
                                     "plate_country",
                                     "trailer_mid",
                                     "trailer",
                                     "vehicle_type",
                                     "make_model",
                                     "vessel_mid",
                                     "vessel_name",
                                     "boat_type",
                                     "engine",
                                     "engine_serial",
                                     "imo",
                                     "mmsi",
                                     "flag",
                                     "driver_mid",
                                     "driver_name",
                                     "driver_nationality",
                                     "people",
                                     "children",
                                     "nationalities",
                                     "pilot_identified",
                                     "pilot_mid",
                                     "pilot_name",
                                     "pilot_nationality",
                                     "involved",
                                     "notes"};
enum { NF = sizeof(header) / sizeof(header[0]) };
enum {
	F_REF,
	F_DATE,
	F_TYPE,
	F_LOC,
	F_COUNTRY,
	F_MODE,
	F_VEH,
	F_REG,
	F_PLATE_CC,
	F_TRL,
	F_TRAILER,
	F_VTYPE,
	F_MAKE,
	F_VES,
	F_VNAME,
	F_BTYPE,
	F_ENGINE,
	F_SERIAL,
	F_IMO,
	F_MMSI,
	F_FLAG,
	F_DMID,
	F_DNAME,
	F_DNAT,
	F_PEOPLE,
	F_CHILDREN,
	F_NATS,
	F_PILOT_ID,
	F_PMID,
	F_PNAME,
	F_PNAT,
	F_INVOLVED,
	F_NOTES
};

struct place {
	const char *name, *cc;
};
static const struct place landings[] = {{"Dungeness beach, Kent", "GB"},
                                        {"Deal beach, Kent", "GB"},
                                        {"Samphire Hoe, Folkestone", "GB"},
                                        {"Kingsdown beach, Kent", "GB"}};
static const struct place interceptions[] = {
        {"Western Jet Foil, Dover (intercepted mid-Channel by Border Force)", "GB"},
        {"Dover harbour (Border Force cutter Typhoon)", "GB"},
        {"Ramsgate harbour (RNLI lifeboat)", "GB"},
        {"Western Jet Foil, Dover (towed in)", "GB"}};
static const struct place lorry_calais[] = {{"Coquelles, Eurotunnel freight terminal", "FR"},
                                            {"Calais port, juxtaposed controls", "FR"},
                                            {"Dover Eastern Docks", "GB"}};
static const struct place lorry_zeebrugge[] = {{"Zeebrugge port, ferry terminal", "BE"},
                                               {"Purfleet, Thames Gateway", "GB"}};
static const struct place small_ports[] = {{"Ramsgate Royal Harbour marina", "GB"},
                                           {"Brightlingsea, Essex", "GB"},
                                           {"Harwich International Port", "GB"},
                                           {"Tilbury docks", "GB"}};

struct tally { /* who was aboard each crossing */
	uint16_t children;
	uint16_t nat[NAT__COUNT];
};

static IV_MUST_USE enum iv_err tally_boats(const struct sim_world *w, struct tally **out)
{
	struct tally *t = iv_calloc((w->boats.len ? w->boats.len : 1) * sizeof(*t));

	if (!t)
		return IV_ERR_NOMEM;
	for (size_t i = 0; i < w->journeys.len; i++) {
		const struct sim_journey *j = &SIM_AT(w->journeys, struct sim_journey, i);
		if (j->boat == SIM_NONE)
			continue;
		for (uint32_t k = 0; k < j->nmigrants; k++) {
			const struct sim_person *p =
			        &SIM_AT(w->migrants, struct sim_person, j->first_migrant + k);
			if (p->flags & PF_CHILD && t[j->boat].children < UINT16_MAX)
				t[j->boat].children++;
			if (t[j->boat].nat[p->nat] < UINT16_MAX)
				t[j->boat].nat[p->nat]++;
		}
	}
	*out = t;
	return IV_OK;
}

/* "Afghan 23; Eritrean 11; Iranian 4", largest first, at most four. */
static void nationalities(const struct tally *t, struct sim_rng *r, char *out, size_t size)
{
	bool used[NAT__COUNT] = {false};
	bool iso = sim_rng_chance(r, 0.3);
	size_t n = 0;

	out[0] = '\0';
	for (int k = 0; k < 4; k++) {
		int best = -1;
		for (int i = 0; i < NAT__COUNT; i++)
			if (!used[i] && t->nat[i] && (best < 0 || t->nat[i] > t->nat[best]))
				best = i;
		if (best < 0)
			break;
		used[best] = true;
		n += (size_t)snprintf(out + n, size - n, "%s%s %u", n ? "; " : "",
		                      iso ? sim_nations[best].iso3 : sim_nations[best].demonym,
		                      t->nat[best]);
		if (n >= size)
			break;
	}
}

static void date_noisy(int year, int day, struct sim_rng *r, char *out, size_t size)
{
	char iso[16];

	sim_day_iso(year, day, iso, sizeof(iso));
	if (sim_rng_chance(r, 0.5))
		snprintf(out, size, "%s", iso);
	else
		snprintf(out, size, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

struct row {
	const char *f[NF];
	char ref[24], date[16], vmid[24], reg[32], tmid[24], trailer[32], make[64], smid[24];
	char serial[32], dmid[24], pmid[24], people[16], children[8], nats[128];
	char involved[128], notes[256], vtrue[24], ttrue[32], strue[24];
	struct sim_vehicle_text t;
};

static IV_MUST_USE enum iv_err add_involved(struct row *rw, const char *id)
{
	size_t n = strlen(rw->involved);

	if (!*id)
		return IV_OK;
	snprintf(rw->involved + n, sizeof(rw->involved) - n, "%s%s", n ? ";" : "", id);
	return IV_OK;
}

enum iv_err sim_write_detections(struct sim_ctx *c)
{
	const struct sim_world *w = c->w;
	struct sim_file sf;
	struct sim_rng r;
	struct tally *tally = NULL;
	struct iv_buf dname = IV_BUF_INIT, pname = IV_BUF_INIT;
	struct row rw;
	enum iv_err rc;
	uint64_t n = 0;

	rc = sim_write_text(c, "detections.yml", mapping);
	if (rc)
		return rc;
	rc = tally_boats(w, &tally);
	if (rc)
		return iv_seterr(c->err, rc, "out of memory");
	rc = sim_file_open(c, &sf, "detections.csv");
	if (rc)
		goto out;
	rc = sim_csv_row(c, &sf, header, NF);
	sim_rng_seed(&r, w->seed, 'B');
	for (size_t i = 0; !rc && i < w->boats.len; i++) {
		const struct sim_boat *b = &SIM_AT(w->boats, struct sim_boat, i);
		const struct tally *t = &tally[i];
		const struct sim_vehicle *vh =
		        b->vehicle != SIM_NONE
		                ? &SIM_AT(w->vehicles, struct sim_vehicle, b->vehicle)
		                : NULL;
		const struct place *pl;
		bool boat = b->mode == MODE_SMALL_BOAT;
		bool lorry = b->mode == MODE_LORRY;
		bool named_driver = false, pilot = false;

		/* every small boat is counted; lorries, yachts and ships when found */
		if (!boat && !sim_rng_chance(&r, lorry ? 0.7 : 0.55))
			continue;
		n++;
		memset(&rw, 0, sizeof(rw));
		for (size_t k = 0; k < NF; k++)
			rw.f[k] = "";
		snprintf(rw.ref, sizeof(rw.ref), "DET-%07llu", (unsigned long long)n);
		date_noisy(w->year, b->day, &r, rw.date, sizeof(rw.date));
		rw.f[F_REF] = rw.ref, rw.f[F_DATE] = rw.date;
		rw.f[F_MODE] = sim_mode_names[b->mode];
		snprintf(rw.people, sizeof(rw.people), "%u", b->people);
		if (boat && sim_rng_chance(&r, 0.05)) /* counted roughly on the beach */
			snprintf(rw.people, sizeof(rw.people), "c.%u", (b->people + 2) / 5 * 5);
		if (!sim_rng_chance(&r, 0.1))
			snprintf(rw.children, sizeof(rw.children), "%u", t->children);
		nationalities(t, &r, rw.nats, sizeof(rw.nats));
		rw.f[F_PEOPLE] = rw.people, rw.f[F_CHILDREN] = rw.children, rw.f[F_NATS] = rw.nats;
		if (boat) {
			const char *engine;
			bool landed = sim_rng_chance(&r, 0.15);
			pl = landed ? &landings[sim_rng_below(&r, 4)]
			            : &interceptions[sim_rng_below(&r, 4)];
			rw.f[F_TYPE] = landed ? "small boat landing" : "small boat interception";
			snprintf(rw.smid, sizeof(rw.smid), "dtv-%07llu", (unsigned long long)n);
			snprintf(rw.strue, sizeof(rw.strue), "B%06zu", i);
			sim_boat_engine(w, (uint32_t)i, &engine, rw.serial, sizeof(rw.serial));
			rw.f[F_VES] = rw.smid;
			rw.f[F_BTYPE] = sim_rng_chance(&r, 0.8) ? "inflatable, grey, about 9-11 m"
			                                        : "inflatable (small boat)";
			rw.f[F_ENGINE] = sim_rng_chance(&r, 0.85) ? engine : "";
			if (!sim_rng_chance(&r, 0.4))
				rw.serial[0] = '\0'; /* plate not recovered or filed off */
			rw.f[F_SERIAL] = rw.serial;
			if (b->pilot != SIM_NONE && sim_rng_chance(&r, 0.7)) {
				const struct sim_person *pp =
				        &SIM_AT(w->migrants, struct sim_person, b->pilot);
				pilot = true;
				iv_buf_reset(&pname);
				if (sim_name(&pname, pp, NAME_NOISY, &r))
					goto nomem;
				snprintf(rw.pmid, sizeof(rw.pmid), "dtp-%07llu",
				         (unsigned long long)n);
				rw.f[F_PMID] = rw.pmid, rw.f[F_PNAME] = pname.buf;
				rw.f[F_PNAT] = sim_rng_chance(&r, 0.5)
				                       ? sim_nations[pp->nat].iso3
				                       : sim_nations[pp->nat].demonym;
			}
			rw.f[F_PILOT_ID] = pilot ? "yes" : "no";
			snprintf(rw.notes, sizeof(rw.notes),
			         "%s people on board, %s children; %s%s", rw.people,
			         *rw.children ? rw.children : "unknown number of",
			         pilot ? "pilot identified by passengers" : "pilot not identified",
			         b->people > 60 ? "; boat overloaded, several in the water" : "");
		} else {
			if (lorry)
				pl = vh && vh->country == C_BE
				             ? &lorry_zeebrugge[sim_rng_below(&r, 2)]
				             : &lorry_calais[sim_rng_below(&r, 3)];
			if (lorry && b->supplier != SIM_NONE) { /* where the leg starts */
				const struct sim_fac *sp =
				        &SIM_AT(w->facs, struct sim_fac, b->supplier);
				const struct sim_cell *cl =
				        &SIM_AT(w->cells, struct sim_cell, sp->cell);
				pl = sim_routes[cl->route].legs[cl->leg].from == C_BE
				             ? &lorry_zeebrugge[sim_rng_below(&r, 2)]
				             : &lorry_calais[sim_rng_below(&r, 3)];
			} else
				pl = &small_ports[sim_rng_below(&r, 2) +
				                  (b->mode == MODE_CARGO_SHIP ? 2 : 0)];
			rw.f[F_TYPE] = lorry                   ? "clandestine entrants in lorry"
			               : b->mode == MODE_YACHT ? "yacht landing"
			                                       : "stowaways on cargo vessel";
			sim_crossing_vehicle(w, (uint32_t)i, &rw.t, rw.vtrue, sizeof(rw.vtrue));
			if (lorry) {
				snprintf(rw.vmid, sizeof(rw.vmid), "dtv-%07llu",
				         (unsigned long long)n);
				snprintf(rw.tmid, sizeof(rw.tmid), "dtt-%07llu",
				         (unsigned long long)n);
				snprintf(rw.reg, sizeof(rw.reg), "%s", rw.t.plate);
				if (sim_rng_chance(&r, 0.15)) { /* typed without spaces */
					size_t k = 0;
					for (const char *p = rw.t.plate; *p; p++)
						if (*p != ' ' && *p != '-')
							rw.reg[k++] = *p;
					rw.reg[k] = '\0';
				}
				sim_plate(rw.t.country, (uint64_t)i * 104729 + w->seed + 1,
				          rw.trailer, sizeof(rw.trailer));
				snprintf(rw.ttrue, sizeof(rw.ttrue), "%s-T", rw.vtrue);
				snprintf(rw.make, sizeof(rw.make), "%s %s", rw.t.make, rw.t.model);
				rw.f[F_VEH] = rw.vmid, rw.f[F_REG] = rw.reg;
				rw.f[F_PLATE_CC] = rw.t.country, rw.f[F_TRL] = rw.tmid;
				rw.f[F_TRAILER] = rw.trailer, rw.f[F_VTYPE] = rw.t.type;
				rw.f[F_MAKE] = rw.make;
				snprintf(rw.notes, sizeof(rw.notes),
				         "%s people found in the %s trailer by %s", rw.people,
				         sim_rng_chance(&r, 0.5) ? "curtain-sided" : "refrigerated",
				         sim_rng_chance(&r, 0.5) ? "CO2 detector" : "dog team");
			} else {
				snprintf(rw.smid, sizeof(rw.smid), "dtv-%07llu",
				         (unsigned long long)n);
				snprintf(rw.strue, sizeof(rw.strue), "%s", rw.vtrue);
				rw.f[F_VES] = rw.smid, rw.f[F_VNAME] = rw.t.name;
				rw.f[F_BTYPE] = rw.t.type, rw.f[F_IMO] = rw.t.imo;
				rw.f[F_MMSI] = sim_rng_chance(&r, 0.7) ? rw.t.mmsi : "";
				rw.f[F_FLAG] = rw.t.country;
				snprintf(rw.notes, sizeof(rw.notes), "%s people found %s",
				         rw.people,
				         b->mode == MODE_YACHT ? "below deck" : "in a container");
				rw.vtrue[0] = '\0';
			}
			if (b->driver != SIM_NONE && (lorry || sim_rng_chance(&r, 0.7))) {
				const struct sim_fac *fc =
				        &SIM_AT(w->facs, struct sim_fac, b->driver);
				named_driver = true;
				iv_buf_reset(&dname);
				if (sim_name(&dname, &fc->p, NAME_NOISY, &r))
					goto nomem;
				snprintf(rw.dmid, sizeof(rw.dmid), "dtd-%07llu",
				         (unsigned long long)n);
				rw.f[F_DMID] = rw.dmid, rw.f[F_DNAME] = dname.buf;
				rw.f[F_DNAT] = sim_rng_chance(&r, 0.6)
				                       ? sim_nations[fc->p.nat].iso3
				                       : sim_nations[fc->p.nat].name;
			}
		}
		rw.f[F_LOC] = pl->name, rw.f[F_COUNTRY] = pl->cc;
		if (add_involved(&rw, rw.vmid) || add_involved(&rw, rw.tmid) ||
		    add_involved(&rw, rw.smid) || add_involved(&rw, rw.dmid) ||
		    add_involved(&rw, rw.pmid))
			goto nomem;
		rw.f[F_INVOLVED] = rw.involved, rw.f[F_NOTES] = rw.notes;
		rc = sim_csv_row(c, &sf, rw.f, NF);
		if (!rc && *rw.vmid)
			rc = sim_mention(c, "detections.csv", rw.vmid, "registrationNumber", rw.reg,
			                 "vehicle", rw.vtrue);
		if (!rc && *rw.tmid)
			rc = sim_mention(c, "detections.csv", rw.tmid, "registrationNumber",
			                 rw.trailer, "vehicle", rw.ttrue);
		if (!rc && *rw.smid)
			rc = sim_mention(c, "detections.csv", rw.smid,
			                 *rw.serial  ? "engineSerial"
			                 : *rw.t.imo ? "imoNumber"
			                             : "name",
			                 *rw.serial   ? rw.serial
			                 : *rw.t.imo  ? rw.t.imo
			                 : *rw.t.name ? rw.t.name
			                              : "(unnamed boat)",
			                 "vessel", rw.strue);
		if (!rc && named_driver)
			rc = sim_person_mention(c, "detections.csv", rw.dmid, dname.buf,
			                        SIM_PERSON_FAC | b->driver);
		if (!rc && pilot)
			rc = sim_person_mention(c, "detections.csv", rw.pmid, pname.buf, b->pilot);
		if (!rc && (n & 4095) == 0)
			sim_progress(c, "detections.csv", i, w->boats.len);
	}
	goto out;
nomem:
	rc = iv_seterr(c->err, IV_ERR_NOMEM, "out of memory");
out:
	iv_free(tally);
	iv_buf_release(&dname);
	iv_buf_release(&pname);
	if (sf.f) {
		c->rep->records += sf.rows ? sf.rows - 1 : 0;
		c->rep->files++;
	}
	return sim_file_abort(c, &sf, rc);
}
