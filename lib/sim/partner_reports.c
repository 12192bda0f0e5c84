/*
 * partner_reports.c - what partner agencies send about the facilitators
 * they know, as FollowTheMoney JSON lines (partner-reports.jsonl, no
 * mapping): the French DGPN/OCRIEST, the Belgian Federal Police, the
 * Dutch, German, Greek, Italian and Polish police and Europol's EMSC.
 *
 * Each member-state partner knows a realistic subset of the facilitators
 * whose cell runs a leg into, out of or through its country (German and
 * Dutch police also know boat suppliers who keep boats there), files them
 * under an Organization standing for the OCG as it sees it (now and then
 * a joint-venture cell is filed under the wrong network), and links them
 * with Membership, Associate (cell members to their hub organiser, hub
 * organisers to the leader, joint-venture partners on consecutive legs,
 * a few unconfirmed sightings that are false) and Family edges.  Europol
 * knows mostly those reported by two or more member states.  Ids are in
 * the partner's own namespace ("fr-ocriest-104233"); every line carries
 * its own handling: C with conditions and a Europol code H1-H3, or P with
 * H0, releasability, classification, originator, subject suspect.
 *
 * Truth: person, phone, vehicle, social-account and OCG mentions in
 * truth/mentions.csv; every edge with its true ends in
 * truth/partner_links.csv.
 */
#include <ctype.h>
#include <string.h>

#include "sim/sim_int.h"

#define SRC "partner-reports.jsonl"

enum style {
	ST_FAMILY_UPPER_FIRST, /* "AHMED Karwan" (French, Italian files) */
	ST_GIVEN_FAMILY_UPPER, /* "Karwan AHMED" */
	ST_ALL_UPPER,          /* "KARWAN AHMED" as read from a passport */
	ST_PLAIN               /* "Karwan Ahmed" */
};

struct partner {
	const char *iso2;         /* "" for Europol */
	enum sim_country country; /* C__COUNT for Europol */
	const char *ns, *dataset, *agency, *originator;
	const char *org_fmt; /* nickname, place */
	enum style style;
	double reach; /* share of what happens in its country it learns */
	double p_c;   /* share of reports handled C */
};

#define EUROPOL 7
static const struct partner partners[] = {
        {"FR", C_FR, "fr-ocriest", "partner-fr-ocriest", "DGPN/OCRIEST", "FR-DGPN-OCRIEST",
         "Réseau « %s » (%s)", ST_FAMILY_UPPER_FIRST, 1.0, 0.8},
        {"BE", C_BE, "be-fedpol", "partner-be-fedpol", "Belgian Federal Police (DJSOC)",
         "BE-FEDPOL-DJSOC", "Netwerk %s (%s)", ST_GIVEN_FAMILY_UPPER, 0.9, 0.75},
        {"NL", C_NL, "nl-politie", "partner-nl-politie", "Dutch National Police (AVIM)",
         "NL-POLITIE-AVIM", "Netwerk %s - %s", ST_PLAIN, 0.8, 0.7},
        {"DE", C_DE, "de-bka", "partner-de-bka", "Bundeskriminalamt (BKA)", "DE-BKA",
         "Schleusergruppierung %s (%s)", ST_GIVEN_FAMILY_UPPER, 0.7, 0.75},
        {"GR", C_GR, "gr-hp", "partner-gr-hp", "Hellenic Police (Aliens Division)", "GR-HP-ALIENS",
         "Κύκλωμα %s (%s)", ST_ALL_UPPER, 0.6, 0.7},
        {"IT", C_IT, "it-sco", "partner-it-sco", "Polizia di Stato (SCO)", "IT-PS-SCO",
         "Organizzazione %s (%s)", ST_FAMILY_UPPER_FIRST, 0.6, 0.75},
        {"PL", C_PL, "pl-sg", "partner-pl-sg", "Polish Border Guard (Straż Graniczna)", "PL-SG",
         "Grupa %s (%s)", ST_PLAIN, 0.5, 0.7},
        [EUROPOL] = {"", C__COUNT, "eu-ap", "europol-emsc", "Europol (EMSC)", "EUROPOL-EMSC",
                     "AP Migrant Smuggling target group %s (%s)", ST_PLAIN, 1.0, 0.85},
};
enum { NPARTNERS = sizeof(partners) / sizeof(partners[0]) };

/* How a partner describes a role (summary) and names it (Membership.role). */
static const char *const role_text[ROLE__COUNT] = {
        "Suspected head of the network; directs the route from %s",
        "Organises the stage through %s; receives and dispatches groups",
        "Recruits clients and advertises crossings on social media (%s)",
        "Driver; moves migrants from and to %s",
        "Steers boats or guides groups on foot near %s",
        "Supplies boats, engines and life jackets; storage around %s",
        "Supplies false or look-alike documents (%s)",
        "Runs a safe house near %s",
        "Holds the clients' money (hawala); settles with the network (%s)",
        "So-called asylum consultant advising arrivals (%s)",
        "Collects payments from arrivals and their families (%s)",
};
static const char *const role_label[ROLE__COUNT] = {
        "leader",       "organiser",     "recruiter",       "driver",
        "boat pilot",   "boat supplier", "document forger", "safe house",
        "money holder", "consultant",    "collector",
};

/* The nationality a facilitator sometimes gave a partner instead of his own. */
static const char *const claimed[NAT__COUNT] = {
        [NAT_IR] = "iq", [NAT_IQ] = "ir", [NAT_AF] = "ir", [NAT_SY] = "iq", [NAT_ER] = "et",
        [NAT_SD] = "td", [NAT_AL] = "xk", [NAT_VN] = "cn", [NAT_TR] = "sy", [NAT_PK] = "af",
};

static const char *const platforms[4] = {"Facebook", "TikTok", "Telegram", "Instagram"};

/* A JSON handling object for a report or a line. */
struct hand {
	const char *grade, *europol, *classification, *tlp;
	char code;
	char conditions[320];
	const char *rel[3];
	unsigned nrel;
	char retention[24];
};

struct pr {
	struct sim_ctx *c;
	const struct sim_world *w;
	struct sim_file out, links;
	struct sim_rng r;
	const struct partner *pt;
	unsigned p;      /* index of pt */
	uint8_t *known;  /* per facilitator: one bit per partner */
	uint8_t *touch;  /* per OCG: bit per partner whose country one of its cells touches */
	uint32_t *view;  /* per facilitator: the OCG the partner files him under */
	uint32_t *pid;   /* per facilitator: the partner's entity number */
	uint32_t *order; /* known facilitators grouped by view */
	uint32_t *start; /* per OCG + 1: first index in order */
	uint32_t *vcell; /* per cell: the OCG the partner files the cell under */
	/* per route and leg, per cell of the leg: bit ib set when it handed over
	 * to cell ib of the next leg */
	uint64_t (*jv)[SIM_MAX_LEGS][SIM_MAX_CELLS_PER_LEG];
	uint32_t next;                  /* the partner's next entity number */
	uint32_t msg;                   /* current SIENA message */
	uint32_t item;                  /* item within the message */
	struct hand h;                  /* the current report's handling */
	struct iv_buf line, name, prop; /* prop: the property open on the line */
	enum iv_err rc;
};

/* A template from the tables above with its "%s" filled by a, then b. */
static void fill(char *out, size_t size, const char *tpl, const char *a, const char *b)
{
	size_t n = 0;

	for (const char *t = tpl; *t && n + 1 < size; t++) {
		if (t[0] == '%' && t[1] == 's') {
			const char *arg = a ? a : "";
			a = b, b = NULL;
			while (*arg && n + 1 < size)
				out[n++] = *arg++;
			t++;
		} else {
			out[n++] = *t;
		}
	}
	out[n] = '\0';
}

/* ---- the JSON line ------------------------------------------------------- */

static void add(struct pr *s, enum iv_err rc)
{
	if (rc && !s->rc)
		s->rc = rc;
}

static void id_of(const struct pr *s, uint32_t n, char *out, size_t size)
{
	snprintf(out, size, "%s-%u", s->pt->ns, n);
}

static uint32_t new_id(struct pr *s, char *out, size_t size)
{
	uint32_t n = s->next;

	s->next += 1 + sim_rng_below(&s->r, 3);
	id_of(s, n, out, size);
	return n;
}

/* Open a line: {"id": ..., "schema": ..., "properties": { */
static void line_open(struct pr *s, const char *id, const char *schema)
{
	add(s, sim_ftm_open(&s->line, &s->prop, id, schema));
}

/* Append a value to property prop; values of one property come together. */
static void val(struct pr *s, const char *prop, const char *v)
{
	add(s, sim_ftm_value(&s->line, &s->prop, prop, v));
}

static void hand_json(struct pr *s, const struct hand *h, const char *descriptor)
{
	struct iv_buf *b = &s->line;

	add(s, iv_buf_addf(b, "\"handling\": {\"grade\": \"%s\", \"handling\": \"%c\"", h->grade,
	                   h->code));
	if (h->code == 'C') {
		add(s, iv_buf_adds(b, ", \"conditions\": "));
		add(s, sim_json_str(b, h->conditions));
	}
	if (h->nrel) {
		add(s, iv_buf_adds(b, ", \"releasable_to\": ["));
		for (unsigned i = 0; i < h->nrel; i++)
			add(s, iv_buf_addf(b, "%s\"%s\"", i ? ", " : "", h->rel[i]));
		add(s, iv_buf_addch(b, ']'));
	}
	add(s, iv_buf_addf(b, ", \"classification\": \"%s\"", h->classification));
	if (descriptor)
		add(s, iv_buf_addf(b, ", \"descriptor\": \"%s\"", descriptor));
	add(s, iv_buf_addf(b, ", \"originator\": \"%s\", \"subject\": \"suspect\"",
	                   s->pt->originator));
	if (h->europol)
		add(s, iv_buf_addf(b, ", \"europol\": \"%s\"", h->europol));
	if (h->tlp)
		add(s, iv_buf_addf(b, ", \"tlp\": \"%s\"", h->tlp));
	if (*h->retention)
		add(s, iv_buf_addf(b, ", \"retention_review\": \"%s\"", h->retention));
	add(s, iv_buf_addch(b, '}'));
}

/* Close the line with its dataset, handling and SIENA reference, and write it. */
static void line_close(struct pr *s, const struct hand *h, const char *descriptor)
{
	struct iv_buf *b = &s->line;

	add(s, sim_ftm_close_properties(b, &s->prop));
	add(s, iv_buf_addf(b, "\"datasets\": [\"%s\"], ", s->pt->dataset));
	hand_json(s, h, descriptor);
	add(s, iv_buf_addf(b, ", \"source_record\": \"SIENA %07u-%u\"}\n", s->msg, ++s->item));
	if (!s->rc)
		add(s, sim_file_write(s->c, &s->out, b));
}

/* ---- handling ---------------------------------------------------------------- */

static void new_report(struct pr *s)
{
	static const char *const grades[] = {"1A", "1B", "2B", "2C", "3C"};
	static const double gw[] = {4, 12, 48, 24, 12};
	const struct partner *pt = s->pt;
	struct hand *h = &s->h;
	const char *who = pt->agency;

	memset(h, 0, sizeof(*h));
	s->msg = 1000000 +
	         (uint32_t)(sim_hash64(s->c->w->seed ^ ((uint64_t)s->p << 40) ^ s->next) % 8999999);
	s->item = 0;
	h->grade = grades[sim_rng_weighted(&s->r, gw, 5)];
	h->classification = "OFFICIAL-SENSITIVE";
	if (s->p == EUROPOL) {
		h->tlp = "AMBER";
		snprintf(h->retention, sizeof(h->retention), "%d-06-30", s->w->year + 3);
	}
	if (sim_rng_chance(&s->r, pt->p_c)) {
		unsigned k = sim_rng_below(&s->r, 10);
		h->code = 'C';
		if (k < 4) {
			h->europol = "H1";
			snprintf(h->conditions, sizeof(h->conditions),
			         "H1: not to be used in judicial proceedings without the prior "
			         "permission of %s",
			         who);
			h->rel[h->nrel++] = pt->iso2[0] ? pt->iso2 : "EU";
			if (pt->iso2[0])
				h->rel[h->nrel++] = "EUROPOL";
		} else if (k < 7) {
			h->europol = "H2";
			snprintf(
			        h->conditions, sizeof(h->conditions),
			        "H2: not to be disseminated beyond the receiving UK agency without "
			        "the permission of %s",
			        who);
		} else {
			static const char *const h3[] = {
			        "H3: intelligence only; no executive action (arrest, search) "
			        "without prior consultation of %s",
			        "H3: not to be shared with the subjects' countries of origin; "
			        "consult %s before any use",
			        "H3: ongoing investigation by %s; no overt enquiries before "
			        "consultation"};
			h->europol = "H3";
			fill(h->conditions, sizeof(h->conditions), h3[sim_rng_below(&s->r, 3)], who,
			     NULL);
			if (pt->iso2[0])
				h->rel[h->nrel++] = pt->iso2;
		}
		if (s->p == EUROPOL) {
			char tmp[sizeof(h->conditions)];
			iv_strlcpy(tmp,
			           "Europol AP Migrant Smuggling, data owners' conditions "
			           "apply; ",
			           sizeof(tmp));
			iv_strlcpy(tmp + strlen(tmp), h->conditions, sizeof(tmp) - strlen(tmp));
			memcpy(h->conditions, tmp, sizeof(tmp));
		}
	} else {
		h->code = 'P';
		h->classification = sim_rng_chance(&s->r, 0.5) ? "OFFICIAL" : "OFFICIAL-SENSITIVE";
		h->europol = sim_rng_chance(&s->r, 0.7) ? "H0" : NULL;
		h->rel[h->nrel++] = pt->iso2[0] ? "EUROPOL" : "EU";
		if (pt->iso2[0])
			h->rel[h->nrel++] = pt->iso2;
	}
}

/* An informant's reporting inside a report: stricter conditions. */
static void informant(const struct pr *s, struct hand *h)
{
	*h = s->h;
	h->grade = "3C";
	h->code = 'C';
	h->europol = "H3";
	h->classification = "OFFICIAL-SENSITIVE";
	h->nrel = 0;
	snprintf(h->conditions, sizeof(h->conditions),
	         "H3: human source reporting - source protection applies; not to be disclosed "
	         "or used as evidence; consult %s before any action",
	         s->pt->agency);
}

/* ---- rendering ------------------------------------------------------------------ */

static void upper_ascii(char *dst, size_t size, const char *src)
{
	size_t i;

	for (i = 0; src[i]; i++)
		if (src[i] & 0x80)
			break;
	if (src[i]) { /* letters outside ASCII: left as written */
		snprintf(dst, size, "%s", src);
		return;
	}
	for (i = 0; src[i] && i + 1 < size; i++)
		dst[i] = (char)toupper((unsigned char)src[i]);
	dst[i] = '\0';
}

static int variant(struct sim_rng *r)
{
	static const double w[] = {65, 22, 13};

	return (int)sim_rng_weighted(r, w, 3);
}

/* The name as the partner files it, with its given and family parts. */
static void render_name(struct pr *s, const struct sim_person *p, char *given, size_t gsz,
                        char *family, size_t fsz)
{
	int vg = variant(&s->r), vf = sim_rng_chance(&s->r, 0.7) ? vg : variant(&s->r);
	char g[96], f[96];
	bool family_first = sim_groups[p->group].family_first;

	snprintf(given, gsz, "%s", sim_given(p, vg));
	snprintf(family, fsz, "%s", sim_family(p, vf));
	iv_buf_reset(&s->name);
	switch (s->pt->style) {
	case ST_FAMILY_UPPER_FIRST:
		upper_ascii(f, sizeof(f), family);
		add(s, iv_buf_addf(&s->name, "%s %s", f, given));
		break;
	case ST_GIVEN_FAMILY_UPPER:
		upper_ascii(f, sizeof(f), family);
		add(s, iv_buf_addf(&s->name, family_first ? "%2$s %1$s" : "%1$s %2$s", given, f));
		break;
	case ST_ALL_UPPER:
		upper_ascii(g, sizeof(g), given);
		upper_ascii(f, sizeof(f), family);
		add(s, iv_buf_addf(&s->name, family_first ? "%2$s %1$s" : "%1$s %2$s", g, f));
		break;
	default:
		add(s,
		    iv_buf_addf(&s->name, family_first ? "%2$s %1$s" : "%1$s %2$s", given, family));
	}
}

/* A phone as partners write it: mostly E.164, sometimes spaced or 00. */
static void phone_as_written(struct pr *s, const struct sim_phone *ph, char *out, size_t size)
{
	const char *cc = sim_countries[ph->country].cc;
	char e164[40];
	const char *nsn;
	unsigned k = sim_rng_below(&s->r, 100);

	sim_phone_e164(ph, e164, sizeof(e164));
	nsn = e164 + 1 + strlen(cc);
	if (k < 75)
		snprintf(out, size, "%s", e164);
	else if (k < 87)
		snprintf(out, size, "+%s %.3s %.3s %s", cc, nsn, nsn + 3, nsn + 6);
	else if (k < 96 || ph->country != s->pt->country)
		snprintf(out, size, "00%s%s", cc, nsn);
	else /* the partner's own national form: valid only read as its own country */
		snprintf(out, size, "0%s", nsn);
}

/* Where a cell works in a country: the place of its leg there, or the country. */
static const char *place_in(const struct sim_world *w, uint32_t cell, enum sim_country country)
{
	const struct sim_cell *cl = &SIM_AT(w->cells, struct sim_cell, cell);
	const struct sim_leg_tpl *leg = &sim_routes[cl->route].legs[cl->leg];

	if (country == C__COUNT)
		return leg->from_place && leg->from != C__COUNT ? leg->from_place : leg->to_place;
	if (leg->from == country && leg->from_place)
		return leg->from_place;
	if (leg->to == country)
		return leg->to_place;
	return sim_countries[country].name;
}

static bool touches(const struct sim_world *w, uint32_t cell, enum sim_country country)
{
	const struct sim_cell *cl = &SIM_AT(w->cells, struct sim_cell, cell);
	const struct sim_leg_tpl *leg = &sim_routes[cl->route].legs[cl->leg];

	return leg->from == country || leg->to == country;
}

/* Kin in the world: facilitators of one cell from one family (same name
 * group and family name), half of such pairs by a fixed draw. */
static bool kin(const struct sim_world *w, uint32_t a, uint32_t b)
{
	const struct sim_fac *fa = &SIM_AT(w->facs, struct sim_fac, a);
	const struct sim_fac *fb = &SIM_AT(w->facs, struct sim_fac, b);

	return a != b && fa->cell == fb->cell && fa->p.group == fb->p.group &&
	       fa->p.family == fb->p.family && fa->p.nat == fb->p.nat &&
	       sim_hash64(w->seed ^ ((uint64_t)(a < b ? a : b) << 32) ^ (a < b ? b : a)) % 2 == 0;
}

static const char *kin_word(const struct sim_world *w, uint32_t a, uint32_t b)
{
	const struct sim_person *pa = &SIM_AT(w->facs, struct sim_fac, a).p;
	const struct sim_person *pb = &SIM_AT(w->facs, struct sim_fac, b).p;
	int d = (int)pa->byear - (int)pb->byear;

	if (d > 14 || d < -14)
		return "cousin";
	return pb->sex == 'F' ? "sister" : "brother";
}

/* ---- truth ---------------------------------------------------------------------- */

static void link_truth(struct pr *s, const char *id, const char *schema, const char *rel,
                       uint32_t from, const char *to, bool truly)
{
	char a[16];
	const char *f[6];

	if (s->rc)
		return;
	sim_true_id(SIM_PERSON_FAC | from, a, sizeof(a));
	f[0] = id, f[1] = schema, f[2] = rel, f[3] = a, f[4] = to, f[5] = truly ? "1" : "0";
	add(s, sim_csv_row(s->c, &s->links, f, 6));
}

static void link_pair(struct pr *s, const char *schema, const char *rel, uint32_t a, uint32_t b,
                      const char *pa, const char *pb, const struct hand *h, bool truly)
{
	char id[48], x[48], y[48], tb[16];

	new_id(s, id, sizeof(id));
	id_of(s, s->pid[a], x, sizeof(x));
	id_of(s, s->pid[b], y, sizeof(y));
	line_open(s, id, schema);
	val(s, pa, x);
	val(s, pb, y);
	val(s, "relationship", rel);
	line_close(s, h, NULL);
	sim_true_id(SIM_PERSON_FAC | b, tb, sizeof(tb));
	link_truth(s, id, schema, rel, a, tb, truly);
}

/* ---- entities ------------------------------------------------------------------- */

static void lower2(char out[4], const char *iso2)
{
	out[0] = (char)tolower((unsigned char)iso2[0]);
	out[1] = (char)tolower((unsigned char)iso2[1]);
	out[2] = '\0';
}

/* A vehicle or vessel the partner ties to the person (Vehicle.owner), printed
 * as the registries print it (sim_vehicle_text) so that the plate, IMO or
 * MMSI links to vehicles.csv and detections.csv.  Dinghies carry nothing to
 * link by and are left out. */
static void emit_vehicle(struct pr *s, uint32_t f, const char *owner)
{
	const struct sim_world *w = s->w;
	uint32_t v = SIM_AT(w->facs, struct sim_fac, f).vehicle;
	const struct sim_vehicle *vh = &SIM_AT(w->vehicles, struct sim_vehicle, v);
	struct sim_vehicle_text t;
	char id[48], model[96], ctry[4], tid[16];
	const char *prop, *value;

	if (vh->kind == 3)
		return;
	sim_vehicle_text(w, v, &t);
	new_id(s, id, sizeof(id));
	lower2(ctry, t.country);
	snprintf(model, sizeof(model), "%s %s", t.make, t.model);
	if (vh->kind <= 2) {
		line_open(s, id, "Vehicle");
		val(s, "registrationNumber", t.plate);
		val(s, "type", t.type);
		val(s, "model", model);
		val(s, "country", ctry);
		prop = "registrationNumber", value = t.plate;
	} else {
		line_open(s, id, "Vessel");
		val(s, "name", t.name);
		val(s, "type", t.type);
		val(s, "model", model);
		val(s, "flag", ctry);
		val(s, "imoNumber", t.imo);
		val(s, "mmsi", t.mmsi);
		val(s, "callSign", t.call_sign);
		if (vh->kind == 4)
			val(s, "registrationPort",
			    place_in(w, SIM_AT(w->facs, struct sim_fac, f).cell,
			             (enum sim_country)vh->country));
		prop = *t.imo ? "imoNumber" : "mmsi", value = *t.imo ? t.imo : t.mmsi;
	}
	val(s, "owner", owner);
	line_close(s, &s->h, NULL);
	snprintf(tid, sizeof(tid), "VH%06u", v);
	if (!s->rc)
		add(s, sim_mention(s->c, SRC, id, prop, value, vh->kind <= 2 ? "vehicle" : "vessel",
		                   tid));
}

/* A social-media account the partner ties to the person. */
static void emit_account(struct pr *s, uint32_t f, uint32_t si, const char *owner)
{
	const struct sim_world *w = s->w;
	const struct sim_fac *fc = &SIM_AT(w->facs, struct sim_fac, f);
	const struct sim_social *so = &SIM_AT(w->socials, struct sim_social, si);
	char id[48], user[96], tid[16];

	sim_username(w, si, user, sizeof(user));
	new_id(s, id, sizeof(id));
	line_open(s, id, "UserAccount");
	val(s, "service", platforms[so->platform % 4]);
	val(s, "username", user);
	val(s, "owner", owner);
	if (so->platform % 4 == 2 && fc->p.phone != SIM_NONE) { /* Telegram: the number */
		char ph[48];
		sim_phone_e164(&SIM_AT(w->phones, struct sim_phone, fc->p.phone), ph, sizeof(ph));
		val(s, "phone", ph);
		line_close(s, &s->h, "PERSONAL");
		if (!s->rc)
			add(s, sim_phone_mention(s->c, SRC, id, "phone", ph, fc->p.phone));
	} else {
		line_close(s, &s->h, "PERSONAL");
	}
	snprintf(tid, sizeof(tid), "SM%07u", si);
	if (!s->rc)
		add(s, sim_mention(s->c, SRC, id, "username", user, "account", tid));
}

/* The names the partner holds: as filed, its parts, the native spelling,
 * another transliteration and a nickname, each only some of the time. */
static void person_names(struct pr *s, const struct sim_person *p, bool eu, const char *given,
                         const char *family)
{
	val(s, "name", s->name.buf);
	if (sim_rng_chance(&s->r, 0.7)) {
		val(s, "firstName", given);
		val(s, "lastName", family);
	}
	if (!sim_groups[p->group].latin_script && sim_rng_chance(&s->r, eu ? 0.7 : 0.4)) {
		struct iv_buf native = IV_BUF_INIT;
		add(s, sim_name(&native, p, NAME_NATIVE, NULL));
		val(s, "alias", native.buf);
		iv_buf_release(&native);
	}
	if (sim_rng_chance(&s->r, eu ? 0.6 : 0.25)) {
		char alt[200];
		int v = 1 + (int)sim_rng_below(&s->r, 2);
		snprintf(alt, sizeof(alt),
		         sim_groups[p->group].family_first ? "%2$s %1$s" : "%s %s", sim_given(p, v),
		         sim_family(p, v));
		if (strcmp(alt, s->name.buf))
			val(s, "alias", alt);
	}
	if (sim_rng_chance(&s->r, 0.55)) {
		struct iv_buf nick = IV_BUF_INIT;
		add(s, sim_nickname(&nick, p));
		val(s, "weakAlias", nick.buf);
		iv_buf_release(&nick);
	}
}

/* Birth date (often partial or the 1 January default), nationality (now and
 * then the one he claimed), gender and the partner's country. */
static void person_particulars(struct pr *s, const struct sim_person *p, bool eu)
{
	char dob[16], ctry[4];

	switch (sim_rng_weighted(&s->r, (const double[]){50, 8, 20, 8, 14}, 5)) {
	case 0:
		sim_birth_iso(p, dob, sizeof(dob));
		break;
	case 1:
		snprintf(dob, sizeof(dob), "%04u-%02u", p->byear, p->bmonth);
		break;
	case 2:
		snprintf(dob, sizeof(dob), "%04u", p->byear);
		break;
	case 3: /* the default date for an unknown birthday */
		snprintf(dob, sizeof(dob), "%04u-01-01", p->byear);
		break;
	default:
		dob[0] = '\0';
	}
	val(s, "birthDate", dob);
	lower2(ctry, sim_nations[p->nat].iso2);
	val(s, "nationality", sim_rng_chance(&s->r, 0.95) ? ctry : claimed[p->nat]);
	if (sim_rng_chance(&s->r, 0.8))
		val(s, "gender", p->sex == 'F' ? "female" : "male");
	if (!eu) {
		lower2(ctry, s->pt->iso2);
		val(s, "country", ctry);
	}
}

/* The numbers a partner knows for a person, as written, with their world index. */
struct known_phones {
	char text[4][48];
	uint32_t ix[4];
	unsigned n;
};

/* Phones: the one used in the partner's country most often. */
static void person_phones(struct pr *s, const struct sim_person *p, bool eu,
                          struct known_phones *kp)
{
	kp->n = 0;
	for (unsigned k = 0; k < p->nphones && kp->n < 4; k++) {
		uint32_t pi = p->phone + k;
		const struct sim_phone *ph = &SIM_AT(s->w->phones, struct sim_phone, pi);
		double pk = ph->country == s->pt->country ? 0.8 : k == 0 ? 0.6 : 0.35;
		if (!sim_rng_chance(&s->r, eu ? pk + 0.1 : pk))
			continue;
		phone_as_written(s, ph, kp->text[kp->n], sizeof(kp->text[kp->n]));
		kp->ix[kp->n++] = pi;
	}
	for (unsigned k = 0; k < kp->n; k++)
		val(s, "phone", kp->text[k]);
}

/* What the partner says he does, or that it does not know. */
static void person_summary(struct pr *s, const struct sim_fac *fc, const char *place)
{
	char text[256];

	if (sim_rng_chance(&s->r, 0.9))
		fill(text, sizeof(text), role_text[fc->role], place, NULL);
	else
		snprintf(text, sizeof(text), "Facilitator; role not established (%s)", place);
	val(s, "summary", text);
}

/* A later message adds a number or a spelling: a fragment of the same id, in
 * a message of its own, now and then under H2. */
static void later_fragment(struct pr *s, const struct sim_person *p, const char *id)
{
	uint32_t save = s->msg, item = s->item;
	char more[48] = "", alt[200];
	uint32_t pi = SIM_NONE;
	struct hand h;

	s->msg = save + 1 + sim_rng_below(&s->r, 400);
	s->item = 0;
	h = s->h;
	if (h.code == 'C' && sim_rng_chance(&s->r, 0.5)) {
		h.europol = "H2";
		snprintf(h.conditions, sizeof(h.conditions),
		         "H2: not to be disseminated beyond the receiving UK agency without "
		         "the permission of %s",
		         s->pt->agency);
		h.nrel = 0;
	}
	line_open(s, id, "Person");
	if (p->nphones > 1) {
		pi = p->phone + sim_rng_below(&s->r, p->nphones);
		phone_as_written(s, &SIM_AT(s->w->phones, struct sim_phone, pi), more,
		                 sizeof(more));
		val(s, "phone", more);
	}
	snprintf(alt, sizeof(alt), "%s %s", sim_given(p, 2), sim_family(p, 1));
	val(s, "alias", alt);
	line_close(s, &h, "PERSONAL");
	if (!s->rc && pi != SIM_NONE)
		add(s, sim_phone_mention(s->c, SRC, id, "phone", more, pi));
	s->msg = save, s->item = item;
}

/* Facilitator f as the partner knows him: his Person line (an informant's
 * under stricter handling), a later fragment now and then, his vehicle and
 * his social-media accounts. */
static void emit_person(struct pr *s, uint32_t f, const char *place)
{
	const struct sim_fac *fc = &SIM_AT(s->w->facs, struct sim_fac, f);
	const struct sim_person *p = &fc->p;
	const bool eu = s->p == EUROPOL;
	char id[48], given[96], family[96];
	struct known_phones kp;
	struct hand h = s->h;

	id_of(s, s->pid[f], id, sizeof(id));
	render_name(s, p, given, sizeof(given), family, sizeof(family));
	line_open(s, id, "Person");
	person_names(s, p, eu, given, family);
	person_particulars(s, p, eu);
	person_phones(s, p, eu, &kp);
	person_summary(s, fc, place);
	if (!eu && sim_rng_chance(&s->r, 0.1))
		informant(s, &h);
	line_close(s, &h, "PERSONAL");
	if (s->rc)
		return;
	add(s, sim_person_mention(s->c, SRC, id, s->name.buf, SIM_PERSON_FAC | f));
	for (unsigned k = 0; k < kp.n && !s->rc; k++)
		add(s, sim_phone_mention(s->c, SRC, id, "phone", kp.text[k], kp.ix[k]));
	if (sim_rng_chance(&s->r, 0.12))
		later_fragment(s, p, id);
	if (fc->vehicle != SIM_NONE && sim_rng_chance(&s->r, 0.55))
		emit_vehicle(s, f, id);
	for (unsigned k = 0; k < fc->nsocial && fc->social != SIM_NONE; k++)
		if (sim_rng_chance(&s->r, fc->role == ROLE_RECRUITER ? 0.45 : 0.25))
			emit_account(s, f, fc->social + k, id);
}

/* ---- who the partner knows ----------------------------------------------------- */

static double p_known(const struct sim_fac *f)
{
	switch (f->role) {
	case ROLE_ORGANISER:
		return 0.55;
	case ROLE_HUB_ORGANISER:
		return 0.7;
	case ROLE_HAWALADAR:
		return 0.35;
	case ROLE_DRIVER:
	case ROLE_BOAT_PILOT:
	case ROLE_BOAT_SUPPLIER:
		return 0.5;
	case ROLE_RECRUITER:
		return 0.35;
	default:
		return 0.3;
	}
}

/* A member state: which facilitators it knows and under which OCG it files them. */
static void decide_member_state(struct pr *s)
{
	const struct sim_world *w = s->w;
	const enum sim_country pc = s->pt->country;

	for (size_t ci = 0; ci < w->cells.len; ci++) {
		const struct sim_cell *cl = &SIM_AT(w->cells, struct sim_cell, ci);
		s->vcell[ci] = SIM_NONE;
		if (!touches(w, (uint32_t)ci, pc))
			continue;
		s->vcell[ci] = cl->ocg;
		/* a joint-venture cell filed under the network it works with */
		if (sim_rng_chance(&s->r, 0.12)) {
			for (int d = -1; d <= 1; d += 2) {
				int l = (int)cl->leg + d;
				if (l < 0 || l >= (int)sim_routes[cl->route].nlegs)
					continue;
				for (unsigned k = 0; k < w->ncells_of_route_leg[cl->route][l];
				     k++) {
					uint32_t other = w->ocg_of_route_leg[cl->route][l][k];
					if (touches(w, other, pc) &&
					    SIM_AT(w->cells, struct sim_cell, other).ocg != cl->ocg)
						s->vcell[ci] =
						        SIM_AT(w->cells, struct sim_cell, other)
						                .ocg;
				}
			}
		}
	}
	for (size_t f = 0; f < w->facs.len; f++) {
		const struct sim_fac *fc = &SIM_AT(w->facs, struct sim_fac, f);
		const struct sim_ocg *g = &SIM_AT(w->ocgs, struct sim_ocg, fc->ocg);
		double p = 0;
		uint32_t v = fc->ocg;

		s->view[f] = SIM_NONE;
		if (s->vcell[fc->cell] != SIM_NONE) {
			p = p_known(fc);
			v = s->vcell[fc->cell];
		} else if ((pc == C_DE || pc == C_NL) && fc->role == ROLE_BOAT_SUPPLIER &&
		           fc->vehicle != SIM_NONE &&
		           SIM_AT(w->vehicles, struct sim_vehicle, fc->vehicle).country == pc) {
			p = 0.5; /* boats and engines stored there */
		} else if ((g->leader == f || g->hawaladar == f) &&
		           (s->touch[fc->ocg] >> s->p & 1)) {
			p = g->leader == f ? 0.25 : 0.15;
		}
		if (p > 0 && sim_rng_chance(&s->r, p * s->pt->reach)) {
			s->view[f] = v;
			s->known[f] |= (uint8_t)(1u << s->p);
		}
	}
}

/* Europol: mostly those two or more member states reported. */
static void decide_europol(struct pr *s)
{
	const struct sim_world *w = s->w;

	for (size_t f = 0; f < w->facs.len; f++) {
		const struct sim_fac *fc = &SIM_AT(w->facs, struct sim_fac, f);
		unsigned n = (unsigned)__builtin_popcount(s->known[f] & 0x7f);
		double p = n >= 2 ? 0.85 : n == 1 ? (fc->tier <= 2 ? 0.4 : 0.1) : 0;

		s->view[f] = SIM_NONE;
		if (p > 0 && sim_rng_chance(&s->r, p)) {
			s->view[f] = fc->ocg;
			s->known[f] |= (uint8_t)(1u << s->p);
		}
	}
}

/* Group the known facilitators by view (a counting sort, stable) and number them. */
static void group(struct pr *s)
{
	const struct sim_world *w = s->w;
	size_t nocg = w->ocgs.len;

	memset(s->start, 0, (nocg + 1) * sizeof(*s->start));
	for (size_t f = 0; f < w->facs.len; f++)
		if (s->view[f] != SIM_NONE)
			s->start[s->view[f] + 1]++;
	for (size_t o = 0; o < nocg; o++)
		s->start[o + 1] += s->start[o];
	{
		uint32_t *fill = s->pid; /* borrowed as the fill cursor, renumbered below */
		for (size_t o = 0; o < nocg; o++)
			fill[o] = s->start[o];
		for (size_t f = 0; f < w->facs.len; f++)
			if (s->view[f] != SIM_NONE)
				s->order[fill[s->view[f]]++] = (uint32_t)f;
	}
	s->next = 100000 + 1000 * sim_rng_below(&s->r, 800);
	for (uint32_t i = 0; i < s->start[nocg]; i++) {
		s->pid[s->order[i]] = s->next;
		s->next += 1 + sim_rng_below(&s->r, 3);
	}
}

/* The facilitator who names the network for the partner: the most senior known. */
static uint32_t head_of(const struct pr *s, uint32_t o)
{
	uint32_t best = SIM_NONE;
	unsigned best_tier = 9;

	for (uint32_t i = s->start[o]; i < s->start[o + 1]; i++) {
		const struct sim_fac *fc = &SIM_AT(s->w->facs, struct sim_fac, s->order[i]);
		unsigned t = fc->tier + (fc->ocg != o ? 3u : 0u);
		if (t < best_tier)
			best = s->order[i], best_tier = t;
	}
	return best;
}

/* The network o, headed by hf, as the partner names it: an Organization line and
 * its truth; org gets its id, tid the truth's OCG id. */
static void emit_ocg(struct pr *s, uint32_t o, const struct sim_fac *hf, const char *place,
                     char org[48], char tid[16])
{
	const struct sim_world *w = s->w;
	char name[256], alias[160], summary[256];
	struct iv_buf nick = IV_BUF_INIT;

	new_report(s);
	add(s, sim_nickname(&nick, &hf->p));
	new_id(s, org, 48);
	fill(name, sizeof(name), s->pt->org_fmt, nick.buf, place);
	snprintf(alias, sizeof(alias), "%s network", nick.buf);
	snprintf(summary, sizeof(summary),
	         "Organised immigration crime group as assessed by %s; %s smugglers active on the "
	         "%s route",
	         s->pt->agency, sim_nations[SIM_AT(w->ocgs, struct sim_ocg, o).nat].demonym,
	         sim_routes[SIM_AT(w->cells, struct sim_cell, hf->cell).route].name);
	iv_buf_release(&nick);
	line_open(s, org, "Organization");
	val(s, "name", name);
	val(s, "alias", alias);
	if (s->p != EUROPOL) {
		char ctry[4];
		lower2(ctry, s->pt->iso2);
		val(s, "country", ctry);
	}
	val(s, "summary", summary);
	line_close(s, &s->h, NULL);
	snprintf(tid, 16, "OCG%03u", o);
	if (!s->rc)
		add(s, sim_mention(s->c, SRC, org, "", name, "ocg", tid));
}

/* Membership of everyone filed under the network. */
static void emit_memberships(struct pr *s, uint32_t o, const char *org, const char *tid)
{
	const struct sim_world *w = s->w;

	for (uint32_t i = s->start[o]; i < s->start[o + 1] && !s->rc; i++) {
		uint32_t f = s->order[i];
		const struct sim_fac *fc = &SIM_AT(w->facs, struct sim_fac, f);
		char id[48], member[48];
		new_id(s, id, sizeof(id));
		id_of(s, s->pid[f], member, sizeof(member));
		line_open(s, id, "Membership");
		val(s, "member", member);
		val(s, "organization", org);
		val(s, "role", sim_rng_chance(&s->r, 0.9) ? role_label[fc->role] : "member");
		line_close(s, &s->h, NULL);
		link_truth(s, id, "Membership", "member", f, tid, fc->ocg == o);
	}
}

/* Who works for whom: members to their hub organiser, organisers to the leader. */
static void emit_bosses(struct pr *s, uint32_t o)
{
	const struct sim_world *w = s->w;

	for (uint32_t i = s->start[o]; i < s->start[o + 1] && !s->rc; i++) {
		uint32_t f = s->order[i], boss;
		const struct sim_fac *fc = &SIM_AT(w->facs, struct sim_fac, f);
		const struct sim_ocg *g = &SIM_AT(w->ocgs, struct sim_ocg, fc->ocg);
		if (fc->role == ROLE_ORGANISER)
			continue;
		boss = fc->role == ROLE_HUB_ORGANISER || fc->role == ROLE_HAWALADAR
		               ? g->leader
		               : SIM_AT(w->cells, struct sim_cell, fc->cell).organiser;
		if (boss == f || s->view[boss] == SIM_NONE || !sim_rng_chance(&s->r, 0.75))
			continue;
		link_pair(s, "Associate",
		          fc->role == ROLE_HAWALADAR ? "holds money for" : "works for", f, boss,
		          "person", "associate", &s->h, true);
	}
}

/* Relatives in one cell. */
static void emit_relatives(struct pr *s, uint32_t o)
{
	const struct sim_world *w = s->w;

	for (uint32_t i = s->start[o]; i < s->start[o + 1] && !s->rc; i++)
		for (uint32_t k = i + 1; k < s->start[o + 1] && !s->rc; k++) {
			uint32_t a = s->order[i], b = s->order[k];
			if (SIM_AT(w->facs, struct sim_fac, a).cell !=
			    SIM_AT(w->facs, struct sim_fac, b).cell)
				break; /* a cell's members are contiguous */
			if (kin(w, a, b) && sim_rng_chance(&s->r, 0.8))
				link_pair(s, "Family", kin_word(w, a, b), a, b, "person",
				          "relative", &s->h, true);
		}
}

static void emit_network(struct pr *s, uint32_t o)
{
	const struct sim_world *w = s->w;
	const struct sim_fac *hf = &SIM_AT(w->facs, struct sim_fac, head_of(s, o));
	const enum sim_country pc = s->pt->country;
	char org[48], tid[16];

	emit_ocg(s, o, hf, place_in(w, hf->cell, pc), org, tid);
	for (uint32_t i = s->start[o]; i < s->start[o + 1] && !s->rc; i++) {
		uint32_t f = s->order[i];
		emit_person(s, f, place_in(w, SIM_AT(w->facs, struct sim_fac, f).cell, pc));
	}
	emit_memberships(s, o, org, tid);
	emit_bosses(s, o);
	emit_relatives(s, o);
}

/* Hub organisers of consecutive legs who handed groups over (joint ventures),
 * then a few unconfirmed sightings, false more often than not. */
static void emit_cross_links(struct pr *s)
{
	const struct sim_world *w = s->w;
	uint32_t nknown = s->start[w->ocgs.len];

	if (nknown == 0)
		return;
	new_report(s);
	for (unsigned rt = 0; rt < ROUTE__COUNT && !s->rc; rt++)
		for (unsigned l = 0; l + 1 < sim_routes[rt].nlegs; l++)
			for (unsigned ia = 0; ia < w->ncells_of_route_leg[rt][l]; ia++)
				for (unsigned ib = 0; ib < w->ncells_of_route_leg[rt][l + 1];
				     ib++) {
					uint32_t ca = w->ocg_of_route_leg[rt][l][ia];
					uint32_t cb = w->ocg_of_route_leg[rt][l + 1][ib];
					const struct sim_cell *a =
					        &SIM_AT(w->cells, struct sim_cell, ca);
					const struct sim_cell *b =
					        &SIM_AT(w->cells, struct sim_cell, cb);
					char rel[160];
					if (!(s->jv[rt][l][ia] >> ib & 1) || a->ocg == b->ocg ||
					    s->view[a->organiser] == SIM_NONE ||
					    s->view[b->organiser] == SIM_NONE ||
					    !sim_rng_chance(&s->r, 0.7))
						continue;
					snprintf(rel, sizeof(rel),
					         "joint venture: hands groups over at %s",
					         sim_routes[rt].legs[l].to_place);
					link_pair(s, "Associate", rel, a->organiser, b->organiser,
					          "person", "associate", &s->h, true);
				}
	for (uint32_t i = 0; i < nknown && !s->rc; i++) {
		uint32_t f = s->order[i], g = SIM_NONE;
		struct hand h;
		if (!sim_rng_chance(&s->r, 0.025))
			continue;
		for (int tries = 0; tries < 4 && g == SIM_NONE; tries++) {
			uint32_t x = s->order[sim_rng_below(&s->r, nknown)];
			if (SIM_AT(w->facs, struct sim_fac, x).ocg !=
			    SIM_AT(w->facs, struct sim_fac, f).ocg)
				g = x;
		}
		if (g == SIM_NONE)
			continue;
		h = s->h;
		h.grade = "3D";
		link_pair(s, "Associate", "seen together (unconfirmed)", f, g, "person",
		          "associate", &h, false);
	}
}

/* Which cell pairs on consecutive legs handed a journey over. */
static void joint_ventures(struct pr *s)
{
	const struct sim_world *w = s->w;

	for (size_t i = 0; i < w->journeys.len; i++) {
		const struct sim_journey *j = &SIM_AT(w->journeys, struct sim_journey, i);
		for (unsigned l = 0; l + 1 < j->nlegs; l++) {
			uint32_t ca = SIM_AT(w->facs, struct sim_fac, j->fac[l]).cell;
			uint32_t cb = SIM_AT(w->facs, struct sim_fac, j->fac[l + 1]).cell;
			unsigned ia = SIM_MAX_CELLS_PER_LEG,
			         ib = SIM_MAX_CELLS_PER_LEG; /* not found */
			for (unsigned k = 0; k < w->ncells_of_route_leg[j->route][l]; k++)
				if (w->ocg_of_route_leg[j->route][l][k] == ca)
					ia = k;
			for (unsigned k = 0; k < w->ncells_of_route_leg[j->route][l + 1]; k++)
				if (w->ocg_of_route_leg[j->route][l + 1][k] == cb)
					ib = k;
			if (ia < SIM_MAX_CELLS_PER_LEG && ib < SIM_MAX_CELLS_PER_LEG)
				s->jv[j->route][l][ia] |= UINT64_C(1) << ib;
		}
	}
}

/* The tables of one run: false when memory runs out. */
static bool pr_alloc(struct pr *s)
{
	const struct sim_world *w = s->w;
	size_t nf = w->facs.len, no = w->ocgs.len;

	s->known = iv_calloc(nf + 1);
	s->touch = iv_calloc(no + 1);
	s->view = iv_calloc((nf + 1) * sizeof(uint32_t));
	s->pid = iv_calloc((nf + no + 1) * sizeof(uint32_t));
	s->order = iv_calloc((nf + 1) * sizeof(uint32_t));
	s->start = iv_calloc((no + 1) * sizeof(uint32_t));
	s->vcell = iv_calloc((w->cells.len + 1) * sizeof(uint32_t));
	s->jv = iv_calloc(ROUTE__COUNT * sizeof(*s->jv));
	return s->known && s->touch && s->view && s->pid && s->order && s->start && s->vcell &&
	       s->jv;
}

static void pr_release(struct pr *s)
{
	iv_buf_release(&s->line);
	iv_buf_release(&s->name);
	iv_buf_release(&s->prop);
	iv_free(s->known);
	iv_free(s->touch);
	iv_free(s->view);
	iv_free(s->pid);
	iv_free(s->order);
	iv_free(s->start);
	iv_free(s->vcell);
	iv_free(s->jv);
}

/* Each partner's reports in turn (Europol last): whom it knows, then its networks
 * and the links across them. */
static void write_partners(struct pr *s)
{
	const struct sim_world *w = s->w;

	for (size_t ci = 0; ci < w->cells.len; ci++)
		for (unsigned p = 0; p < EUROPOL; p++)
			if (touches(w, (uint32_t)ci, partners[p].country))
				s->touch[SIM_AT(w->cells, struct sim_cell, ci).ocg] |=
				        (uint8_t)(1u << p);
	for (unsigned p = 0; p < NPARTNERS && !s->rc; p++) {
		s->p = p;
		s->pt = &partners[p];
		sim_rng_seed(&s->r, w->seed, ((uint64_t)'P' << 8) | p);
		if (p == EUROPOL)
			decide_europol(s);
		else
			decide_member_state(s);
		group(s);
		for (uint32_t o = 0; o < w->ocgs.len && !s->rc; o++)
			if (s->start[o + 1] > s->start[o])
				emit_network(s, o);
		if (!s->rc)
			emit_cross_links(s);
		sim_progress(s->c, SRC, p + 1, NPARTNERS);
	}
}

enum iv_err sim_write_partner_reports(struct sim_ctx *c)
{
	static const char *const h[] = {"entity_id", "schema",  "relationship",
	                                "from_true", "to_true", "true"};
	struct pr s;
	enum iv_err rc;

	memset(&s, 0, sizeof(s));
	s.c = c;
	s.w = c->w;
	if (!pr_alloc(&s)) {
		rc = iv_seterr(c->err, IV_ERR_NOMEM, "out of memory");
		goto out;
	}
	rc = sim_file_open(c, &s.out, SRC);
	if (!rc)
		rc = sim_file_open(c, &s.links, "truth/partner_links.csv");
	if (!rc)
		rc = sim_csv_row(c, &s.links, h, 6);
	if (rc)
		goto out;
	joint_ventures(&s);
	write_partners(&s);
	rc = s.rc;
	if (rc == IV_ERR_NOMEM)
		rc = iv_seterr(c->err, rc, "out of memory");
out:
	if (s.out.f) {
		c->rep->records += s.out.rows;
		c->rep->files++;
	}
	rc = sim_file_abort(c, &s.out, rc);
	rc = sim_file_abort(c, &s.links, rc);
	pr_release(&s);
	return rc;
}
