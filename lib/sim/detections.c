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
	const struct place *pl;   /* where it was detected */
	bool named_driver, pilot; /* a driver or pilot on the row */
	char ref[24], date[16], vmid[24], reg[32], tmid[24], trailer[32], make[64], smid[24];
	char serial[32], dmid[24], pmid[24], people[16], children[8], nats[128];
	char involved[128], notes[256], vtrue[24], ttrue[32], strue[24];
	struct sim_vehicle_text t;
};

struct det_writer {
	struct sim_ctx *c;
	struct sim_file sf;
	struct sim_rng r;
	struct tally *tally;        /* who was aboard, by crossing */
	struct iv_buf dname, pname; /* the driver's and the pilot's names as recorded */
	uint64_t n;                 /* detections written */
};

static IV_MUST_USE enum iv_err add_involved(struct row *rw, const char *id)
{
	size_t n = strlen(rw->involved);

	if (!*id)
		return IV_OK;
	snprintf(rw->involved + n, sizeof(rw->involved) - n, "%s%s", n ? ";" : "", id);
	return IV_OK;
}

/* When, and who was aboard: the people counted, the children, the nationalities. */
static void count_aboard(struct det_writer *dw, const struct sim_boat *b, const struct tally *t,
                         struct row *rw)
{
	struct sim_rng *r = &dw->r;

	date_noisy(dw->c->w->year, b->day, r, rw->date, sizeof(rw->date));
	rw->f[F_REF] = rw->ref, rw->f[F_DATE] = rw->date;
	rw->f[F_MODE] = sim_mode_names[b->mode];
	snprintf(rw->people, sizeof(rw->people), "%u", b->people);
	/* a small boat's people are counted roughly on the beach */
	if (b->mode == MODE_SMALL_BOAT && sim_rng_chance(r, 0.05))
		snprintf(rw->people, sizeof(rw->people), "c.%u", (b->people + 2) / 5 * 5);
	if (!sim_rng_chance(r, 0.1))
		snprintf(rw->children, sizeof(rw->children), "%u", t->children);
	nationalities(t, r, rw->nats, sizeof(rw->nats));
	rw->f[F_PEOPLE] = rw->people, rw->f[F_CHILDREN] = rw->children, rw->f[F_NATS] = rw->nats;
}

/* The pilot, when the passengers named him. */
static IV_MUST_USE enum iv_err name_pilot(struct det_writer *dw, const struct sim_boat *b,
                                          struct row *rw)
{
	const struct sim_person *pp = &SIM_AT(dw->c->w->migrants, struct sim_person, b->pilot);

	rw->pilot = true;
	iv_buf_reset(&dw->pname);
	if (sim_name(&dw->pname, pp, NAME_NOISY, &dw->r))
		return iv_seterr(dw->c->err, IV_ERR_NOMEM, "out of memory");
	snprintf(rw->pmid, sizeof(rw->pmid), "dtp-%07llu", (unsigned long long)dw->n);
	rw->f[F_PMID] = rw->pmid, rw->f[F_PNAME] = dw->pname.buf;
	rw->f[F_PNAT] = sim_rng_chance(&dw->r, 0.5) ? sim_nations[pp->nat].iso3
	                                            : sim_nations[pp->nat].demonym;
	return IV_OK;
}

/* A small boat, landed or intercepted: the boat and engine as seen, the pilot if named. */
static IV_MUST_USE enum iv_err small_boat(struct det_writer *dw, size_t i, const struct sim_boat *b,
                                          struct row *rw)
{
	struct sim_rng *r = &dw->r;
	const char *engine;
	bool landed = sim_rng_chance(r, 0.15);

	rw->pl = landed ? &landings[sim_rng_below(r, 4)] : &interceptions[sim_rng_below(r, 4)];
	rw->f[F_TYPE] = landed ? "small boat landing" : "small boat interception";
	snprintf(rw->smid, sizeof(rw->smid), "dtv-%07llu", (unsigned long long)dw->n);
	snprintf(rw->strue, sizeof(rw->strue), "B%06zu", i);
	sim_boat_engine(dw->c->w, (uint32_t)i, &engine, rw->serial, sizeof(rw->serial));
	rw->f[F_VES] = rw->smid;
	rw->f[F_BTYPE] = sim_rng_chance(r, 0.8) ? "inflatable, grey, about 9-11 m"
	                                        : "inflatable (small boat)";
	rw->f[F_ENGINE] = sim_rng_chance(r, 0.85) ? engine : "";
	if (!sim_rng_chance(r, 0.4))
		rw->serial[0] = '\0'; /* plate not recovered or filed off */
	rw->f[F_SERIAL] = rw->serial;
	if (b->pilot != SIM_NONE && sim_rng_chance(r, 0.7)) {
		enum iv_err rc = name_pilot(dw, b, rw);
		if (rc)
			return rc;
	}
	rw->f[F_PILOT_ID] = rw->pilot ? "yes" : "no";
	snprintf(rw->notes, sizeof(rw->notes), "%s people on board, %s children; %s%s", rw->people,
	         *rw->children ? rw->children : "unknown number of",
	         rw->pilot ? "pilot identified by passengers" : "pilot not identified",
	         b->people > 60 ? "; boat overloaded, several in the water" : "");
	return IV_OK;
}

/* Where a lorry, yacht or ship was found: a lorry by where its driver's leg
 * starts (Belgium: Zeebrugge or Purfleet; elsewhere: Coquelles, Calais or
 * Dover), a yacht or ship at a small port. */
static const struct place *where_found(struct det_writer *dw, const struct sim_boat *b)
{
	const struct sim_world *w = dw->c->w;
	struct sim_rng *r = &dw->r;
	bool lorry = b->mode == MODE_LORRY;

	/* A pick by the lorry's plate, which the pick below always replaces
	 * (world.c gives every crossing a supplier).  Its draw stays so that a
	 * seed's world stays byte-identical. */
	if (lorry) {
		const struct sim_vehicle *vh =
		        b->vehicle != SIM_NONE
		                ? &SIM_AT(w->vehicles, struct sim_vehicle, b->vehicle)
		                : NULL;
		(void)sim_rng_below(r, vh && vh->country == C_BE ? 2 : 3);
	}
	if (lorry && b->supplier != SIM_NONE) {
		const struct sim_fac *sp = &SIM_AT(w->facs, struct sim_fac, b->supplier);
		const struct sim_cell *cl = &SIM_AT(w->cells, struct sim_cell, sp->cell);
		return sim_routes[cl->route].legs[cl->leg].from == C_BE
		               ? &lorry_zeebrugge[sim_rng_below(r, 2)]
		               : &lorry_calais[sim_rng_below(r, 3)];
	}
	return &small_ports[sim_rng_below(r, 2) + (b->mode == MODE_CARGO_SHIP ? 2 : 0)];
}

/* The lorry and its trailer as the officer recorded them. */
static void lorry(struct det_writer *dw, size_t i, struct row *rw)
{
	struct sim_rng *r = &dw->r;
	const char *trailer, *found_by;

	snprintf(rw->vmid, sizeof(rw->vmid), "dtv-%07llu", (unsigned long long)dw->n);
	snprintf(rw->tmid, sizeof(rw->tmid), "dtt-%07llu", (unsigned long long)dw->n);
	snprintf(rw->reg, sizeof(rw->reg), "%s", rw->t.plate);
	if (sim_rng_chance(r, 0.15)) { /* typed without spaces */
		size_t k = 0;
		for (const char *p = rw->t.plate; *p; p++)
			if (*p != ' ' && *p != '-')
				rw->reg[k++] = *p;
		rw->reg[k] = '\0';
	}
	sim_plate(rw->t.country, (uint64_t)i * 104729 + dw->c->w->seed + 1, rw->trailer,
	          sizeof(rw->trailer));
	snprintf(rw->ttrue, sizeof(rw->ttrue), "%s-T", rw->vtrue);
	snprintf(rw->make, sizeof(rw->make), "%s %s", rw->t.make, rw->t.model);
	rw->f[F_VEH] = rw->vmid, rw->f[F_REG] = rw->reg;
	rw->f[F_PLATE_CC] = rw->t.country, rw->f[F_TRL] = rw->tmid;
	rw->f[F_TRAILER] = rw->trailer, rw->f[F_VTYPE] = rw->t.type;
	rw->f[F_MAKE] = rw->make;
	/* One draw per statement.  The two were arguments of one call, whose
	 * order C leaves open; GCC drew the detector first, and the seeds'
	 * files depend on that order. */
	found_by = sim_rng_chance(r, 0.5) ? "CO2 detector" : "dog team";
	trailer = sim_rng_chance(r, 0.5) ? "curtain-sided" : "refrigerated";
	snprintf(rw->notes, sizeof(rw->notes), "%s people found in the %s trailer by %s",
	         rw->people, trailer, found_by);
}

/* The yacht or cargo ship as the officer recorded it. */
static void vessel(struct det_writer *dw, const struct sim_boat *b, struct row *rw)
{
	snprintf(rw->smid, sizeof(rw->smid), "dtv-%07llu", (unsigned long long)dw->n);
	snprintf(rw->strue, sizeof(rw->strue), "%s", rw->vtrue);
	rw->f[F_VES] = rw->smid, rw->f[F_VNAME] = rw->t.name;
	rw->f[F_BTYPE] = rw->t.type, rw->f[F_IMO] = rw->t.imo;
	rw->f[F_MMSI] = sim_rng_chance(&dw->r, 0.7) ? rw->t.mmsi : "";
	rw->f[F_FLAG] = rw->t.country;
	snprintf(rw->notes, sizeof(rw->notes), "%s people found %s", rw->people,
	         b->mode == MODE_YACHT ? "below deck" : "in a container");
	rw->vtrue[0] = '\0';
}

/* The driver or skipper, when named. */
static IV_MUST_USE enum iv_err name_driver(struct det_writer *dw, const struct sim_boat *b,
                                           struct row *rw)
{
	const struct sim_fac *fc = &SIM_AT(dw->c->w->facs, struct sim_fac, b->driver);

	rw->named_driver = true;
	iv_buf_reset(&dw->dname);
	if (sim_name(&dw->dname, &fc->p, NAME_NOISY, &dw->r))
		return iv_seterr(dw->c->err, IV_ERR_NOMEM, "out of memory");
	snprintf(rw->dmid, sizeof(rw->dmid), "dtd-%07llu", (unsigned long long)dw->n);
	rw->f[F_DMID] = rw->dmid, rw->f[F_DNAME] = dw->dname.buf;
	rw->f[F_DNAT] = sim_rng_chance(&dw->r, 0.6) ? sim_nations[fc->p.nat].iso3
	                                            : sim_nations[fc->p.nat].name;
	return IV_OK;
}

/* People found in a lorry, on a yacht or on a cargo ship. */
static IV_MUST_USE enum iv_err found_aboard(struct det_writer *dw, size_t i,
                                            const struct sim_boat *b, struct row *rw)
{
	bool is_lorry = b->mode == MODE_LORRY;

	rw->pl = where_found(dw, b);
	rw->f[F_TYPE] = is_lorry                ? "clandestine entrants in lorry"
	                : b->mode == MODE_YACHT ? "yacht landing"
	                                        : "stowaways on cargo vessel";
	sim_crossing_vehicle(dw->c->w, (uint32_t)i, &rw->t, rw->vtrue, sizeof(rw->vtrue));
	if (is_lorry)
		lorry(dw, i, rw);
	else
		vessel(dw, b, rw);
	if (b->driver != SIM_NONE && (is_lorry || sim_rng_chance(&dw->r, 0.7)))
		return name_driver(dw, b, rw);
	return IV_OK;
}

/* The row and the mentions it makes: vehicle, trailer, vessel, driver, pilot. */
static IV_MUST_USE enum iv_err write_detection(struct det_writer *dw, const struct sim_boat *b,
                                               struct row *rw)
{
	struct sim_ctx *c = dw->c;
	enum iv_err rc;

	rw->f[F_LOC] = rw->pl->name, rw->f[F_COUNTRY] = rw->pl->cc;
	if (add_involved(rw, rw->vmid) || add_involved(rw, rw->tmid) ||
	    add_involved(rw, rw->smid) || add_involved(rw, rw->dmid) || add_involved(rw, rw->pmid))
		return iv_seterr(c->err, IV_ERR_NOMEM, "out of memory");
	rw->f[F_INVOLVED] = rw->involved, rw->f[F_NOTES] = rw->notes;
	rc = sim_csv_row(c, &dw->sf, rw->f, NF);
	if (!rc && *rw->vmid)
		rc = sim_mention(c, "detections.csv", rw->vmid, "registrationNumber", rw->reg,
		                 "vehicle", rw->vtrue);
	if (!rc && *rw->tmid)
		rc = sim_mention(c, "detections.csv", rw->tmid, "registrationNumber", rw->trailer,
		                 "vehicle", rw->ttrue);
	if (!rc && *rw->smid) /* a vessel by its best key: engine serial, IMO number, name */
		rc = sim_mention(c, "detections.csv", rw->smid,
		                 *rw->serial  ? "engineSerial"
		                 : *rw->t.imo ? "imoNumber"
		                              : "name",
		                 *rw->serial   ? rw->serial
		                 : *rw->t.imo  ? rw->t.imo
		                 : *rw->t.name ? rw->t.name
		                               : "(unnamed boat)",
		                 "vessel", rw->strue);
	if (!rc && rw->named_driver)
		rc = sim_person_mention(c, "detections.csv", rw->dmid, dw->dname.buf,
		                        SIM_PERSON_FAC | b->driver);
	if (!rc && rw->pilot)
		rc = sim_person_mention(c, "detections.csv", rw->pmid, dw->pname.buf, b->pilot);
	return rc;
}

/* Crossing i, when it was detected: its row and its mentions. */
static IV_MUST_USE enum iv_err detect(struct det_writer *dw, size_t i)
{
	const struct sim_world *w = dw->c->w;
	const struct sim_boat *b = &SIM_AT(w->boats, struct sim_boat, i);
	struct row rw;
	enum iv_err rc;

	/* every small boat is counted; lorries, yachts and ships when found */
	if (b->mode != MODE_SMALL_BOAT &&
	    !sim_rng_chance(&dw->r, b->mode == MODE_LORRY ? 0.7 : 0.55))
		return IV_OK;
	dw->n++;
	memset(&rw, 0, sizeof(rw));
	for (size_t k = 0; k < NF; k++)
		rw.f[k] = "";
	snprintf(rw.ref, sizeof(rw.ref), "DET-%07llu", (unsigned long long)dw->n);
	count_aboard(dw, b, &dw->tally[i], &rw);
	if (b->mode == MODE_SMALL_BOAT)
		rc = small_boat(dw, i, b, &rw);
	else
		rc = found_aboard(dw, i, b, &rw);
	if (!rc)
		rc = write_detection(dw, b, &rw);
	if (!rc && (dw->n & 4095) == 0)
		sim_progress(dw->c, "detections.csv", i, w->boats.len);
	return rc;
}

enum iv_err sim_write_detections(struct sim_ctx *c)
{
	const struct sim_world *w = c->w;
	struct det_writer dw = {.c = c, .dname = IV_BUF_INIT, .pname = IV_BUF_INIT};
	enum iv_err rc;

	rc = sim_write_text(c, "detections.yml", mapping);
	if (rc)
		return rc;
	rc = tally_boats(w, &dw.tally);
	if (rc)
		return iv_seterr(c->err, rc, "out of memory");
	rc = sim_file_open(c, &dw.sf, "detections.csv");
	if (rc)
		goto out;
	rc = sim_csv_row(c, &dw.sf, header, NF);
	sim_rng_seed(&dw.r, w->seed, 'B');
	for (size_t i = 0; !rc && i < w->boats.len; i++)
		rc = detect(&dw, i);
out:
	iv_free(dw.tally);
	iv_buf_release(&dw.dname);
	iv_buf_release(&dw.pname);
	if (dw.sf.f) {
		c->rep->records += dw.sf.rows ? dw.sf.rows - 1 : 0;
		c->rep->files++;
	}
	return sim_file_abort(c, &dw.sf, rc);
}
