/*
 * cdr.c - call detail records as UK mobile operators return them under
 * production orders on the facilitators' UK numbers (cdr.csv + cdr.yml):
 * one row per call leg an operator holds, a mobile-originated (MOC) row
 * when its subscriber called and a mobile-terminated (MTC) row when its
 * subscriber was called, so a call between two targets appears twice.
 * Each operator writes times and numbers its own way (2024-03-02 14:05:11,
 * 02/03/2024 14:05, 20240302140511; 447..., 07..., +44 ..., 0033...), all
 * readable under phone region GB and day-first dates.  The cell and the
 * handset's IMEI are the target's; abroad the operator sees the visited
 * network's cell, sometimes only the network.
 *
 * Calls follow the network: a leg's facilitator and his hub organiser,
 * hub organisers handing groups over (a joint venture when the next leg
 * is another OCG's), the leader and his hub organisers, migrants and the
 * smuggler of the last leg, collectors calling the relative who pays for
 * an arrival who owes money (sim_relative_of, "R..." in the truth as in the
 * money sources), collectors and the hawaladar; and background calls to
 * numbers outside the world (family, friends, takeaways, withheld).
 * CDRs carry numbers, not people: the mapping leaves caller and receiver
 * unresolved.  Truth: truth/calls.csv (every record with the true call and
 * both ends), truth/phones.csv (every phone of the world and its owner),
 * phone mentions in truth/mentions.csv.
 *
 * Calls are collected (28 bytes each), sorted by time and then written, so
 * that each operator's return reads in time order.
 */
#include <stdlib.h>
#include <string.h>

#include "sim/sim_int.h"

#define SRC "cdr.csv"

static const char mapping[] =
        "# cdr.yml - mapping of the call detail records written by invigor sim.\n"
        "# UK operators' returns under production orders: numbers, not people, so\n"
        "# the caller and receiver entities are left for resolution to find.  The\n"
        "# cell, its location and the handset's IMEI are the target's side of the\n"
        "# call; the schema has no property for them, so they go to description.\n"
        "dataset: uk-cdr\n"
        "phone_region: GB\n"
        "date_order: dmy\n"
        "handling:\n"
        "  grade: 1A\n"
        "  handling: C\n"
        "  conditions: \"communications data obtained under production orders: for this "
        "investigation only; disclosure through the disclosure officer\"\n"
        "  classification: OFFICIAL-SENSITIVE\n"
        "  descriptor: PERSONAL\n"
        "  originator: UK-CDR-SPOC\n"
        "  subject: other\n"
        "entities:\n"
        "  call:\n"
        "    schema: Call\n"
        "    id_column: record_id\n"
        "    properties:\n"
        "      recordId: {column: record_id}\n"
        "      callerNumber: {column: caller_msisdn}\n"
        "      receiverNumber: {column: called_msisdn}\n"
        "      date: {column: start_time}\n"
        "      duration: {column: duration_s}\n"
        "      publisher: {column: operator}\n"
        "      summary: {column: record_type}\n"
        "      description: {columns: [location, cell_id, imei], join: \"; \"}\n";

struct op {
	const char *name, *code, *mnc;
	int time_style; /* 0 ISO seconds, 1 d/m/Y H:M:S, 2 d/m/Y H:M, 3 YYYYMMDDHHMMSS */
	int number_style;
	const char *withheld;
};
static const struct op ops[] = {
        {"EE", "EE", "30", 0, 0, "Withheld"},
        {"Vodafone UK", "VF", "15", 1, 1, "PRIVATE"},
        {"Virgin Media O2", "O2", "10", 2, 2, "withheld"},
        {"Three UK", "H3G", "20", 3, 3, "Unknown"},
};
enum { NOPS = sizeof(ops) / sizeof(ops[0]) };

enum kind { K_CELL, K_JV, K_LEADER, K_CLIENT, K_COLLECT, K_HAWALA, K_BACKGROUND, K__COUNT };
static const char *const kind_names[K__COUNT] = {
        "cell", "joint_venture", "leader", "client", "collection", "hawala", "background"};

/* A number in an event: a phone of the world, or one outside it. */
#define N_SYN      0x80000000u /* outside the world */
#define N_FAMILY   0x40000000u /* with N_SYN: the relative paying for journey (low bits) */
#define N_WITHHELD 0xffffffffu
/* otherwise with N_SYN: a contact of a target, (phone index << 3) | k */

struct call_ev {
	uint32_t t;     /* seconds since the year began */
	uint32_t a, b;  /* caller, receiver */
	uint32_t about; /* journey index, SIM_NONE */
	uint32_t seq;   /* order of generation: ties in t */
	uint16_t dur;
	uint8_t kind, pad;
	uint32_t pad2;
};

struct gen {
	struct sim_ctx *c;
	const struct sim_world *w;
	struct sim_rng r;
	struct sim_vec ev;   /* struct call_ev */
	uint32_t *collector; /* per cell */
	int ydays;
	enum iv_err rc;
};

static const struct sim_phone *phone(const struct sim_world *w, uint32_t n)
{
	return &SIM_AT(w->phones, struct sim_phone, n);
}

/* A UK number of a facilitator under a production order (most are). */
static bool is_target(const struct sim_world *w, uint32_t n)
{
	const struct sim_phone *ph;

	if (n & N_SYN)
		return false;
	ph = phone(w, n);
	return ph->country == C_GB && (ph->owner & SIM_PERSON_FAC) &&
	       sim_hash64(w->seed ^ 0x7a59e7ULL ^ ((uint64_t)n << 16)) % 100 < 85;
}

static unsigned operator_of(const struct sim_world *w, uint32_t n)
{
	return (unsigned)(sim_hash64(w->seed ^ 0x0e7a7011ULL ^ ((uint64_t)n << 8)) % NOPS);
}

static enum sim_country home_phone_country(unsigned nat)
{
	return nat == NAT_ER ? C_SD : sim_nations[nat].country;
}

/* A number outside the world as a struct sim_phone. */
static void synthetic(const struct sim_world *w, uint32_t n, struct sim_phone *out)
{
	uint64_t h = sim_hash64(w->seed ^ 0x5711ULL ^ ((uint64_t)n << 4));

	memset(out, 0, sizeof(*out));
	out->owner = SIM_NONE;
	out->prefix = (uint8_t)(h % 6);
	out->digits = (h >> 8) % 100000000000ULL;
	if (n & N_FAMILY) {
		struct sim_relative rel;
		sim_relative_of(w, n & ~(N_SYN | N_FAMILY), &rel);
		out->country = rel.country;
	} else {
		/* a target's contact: in the UK, or family at home */
		uint32_t pi = (n & ~N_SYN) >> 3;
		const struct sim_person *p = sim_person_of(w, phone(w, pi)->owner);
		out->country = (uint8_t)((h >> 56) % 10 < 7 ? C_GB : home_phone_country(p->nat));
	}
}

/* ---- generation ----------------------------------------------------------------- */

static int clamp_day(const struct gen *g, int d)
{
	return d < 0 ? 0 : d >= g->ydays ? g->ydays - 1 : d;
}

static void push(struct gen *g, enum kind k, uint32_t a, uint32_t b, int day, uint32_t about)
{
	static const double hours[24] = {1, 0.5, 0.3, 0.3, 0.3, 0.5, 1, 2, 3, 4, 4, 4,
	                                 5, 5,   4,   4,   4,   5,   6, 7, 7, 6, 4, 2};
	static const unsigned lo[K__COUNT] = {15, 40, 30, 10, 40, 20, 5};
	static const unsigned hi[K__COUNT] = {300, 900, 600, 240, 480, 180, 1200};
	struct call_ev e;
	double u;

	if (g->rc || a == b || !(is_target(g->w, a) || is_target(g->w, b)))
		return;
	memset(&e, 0, sizeof(e));
	e.t = (uint32_t)clamp_day(g, day) * 86400u + sim_rng_weighted(&g->r, hours, 24) * 3600u +
	      sim_rng_below(&g->r, 3600);
	e.a = a, e.b = b, e.about = about, e.kind = (uint8_t)k;
	e.seq = (uint32_t)g->ev.len;
	u = (double)sim_rng_below(&g->r, 1000) / 1000.0;
	e.dur = sim_rng_chance(&g->r, 0.08) ? 0 /* not answered */
	                                    : (uint16_t)(lo[k] + (double)(hi[k] - lo[k]) * u * u);
	g->rc = sim_vec_push(&g->ev, &e, NULL);
}

/* The phone a facilitator uses for a call: his UK SIM half the time. */
static uint32_t fac_phone(struct gen *g, uint32_t f)
{
	const struct sim_person *p = &SIM_AT(g->w->facs, struct sim_fac, f).p;
	uint32_t gb = SIM_NONE;

	for (uint32_t k = 0; k < p->nphones; k++)
		if (phone(g->w, p->phone + k)->country == C_GB)
			gb = p->phone + k;
	if (gb != SIM_NONE && sim_rng_chance(&g->r, 0.5))
		return gb;
	if (p->nphones == 1 || sim_rng_chance(&g->r, 0.6))
		return p->phone;
	return p->phone + sim_rng_below(&g->r, p->nphones);
}

static void fac_call(struct gen *g, enum kind k, uint32_t f1, uint32_t f2, int day, uint32_t about)
{
	uint32_t a = fac_phone(g, f1), b = fac_phone(g, f2);

	if (sim_rng_chance(&g->r, 0.5))
		push(g, k, a, b, day, about);
	else
		push(g, k, b, a, day, about);
}

static uint32_t organiser_of(const struct sim_world *w, uint32_t f)
{
	return SIM_AT(w->cells, struct sim_cell, SIM_AT(w->facs, struct sim_fac, f).cell).organiser;
}

static void journey_calls(struct gen *g, uint32_t ji)
{
	const struct sim_world *w = g->w;
	const struct sim_journey *j = &SIM_AT(w->journeys, struct sim_journey, ji);
	const unsigned last = j->nlegs - 1u;
	int day[SIM_MAX_LEGS];
	const struct sim_ocg *o = &SIM_AT(w->ocgs, struct sim_ocg, j->ocg);
	uint32_t final_cell = SIM_AT(w->facs, struct sim_fac, j->fac[last]).cell;

	day[last] = j->day;
	for (int l = (int)last - 1; l >= 0; l--)
		day[l] = day[l + 1] - sim_rng_range(&g->r, 4, 15);
	for (unsigned l = 0; l <= last; l++) {
		uint32_t f = j->fac[l], hub = organiser_of(w, f);
		/* one call in three: groups are arranged in batches, not one by one */
		if (f != hub && sim_rng_chance(&g->r, 0.35))
			fac_call(g, K_CELL, hub, f, day[l] - sim_rng_range(&g->r, 0, 2), ji);
		if (l < last && sim_rng_chance(&g->r, 0.5)) {
			uint32_t next = organiser_of(w, j->fac[l + 1]);
			bool jv = SIM_AT(w->facs, struct sim_fac, hub).ocg !=
			          SIM_AT(w->facs, struct sim_fac, next).ocg;
			if (hub != next)
				fac_call(g, jv ? K_JV : K_CELL, hub, next, day[l] + 1, ji);
		}
	}
	/* the travellers and the smuggler of the last leg */
	for (uint32_t k = 0; k < j->nmigrants; k++) {
		const struct sim_person *m =
		        &SIM_AT(w->migrants, struct sim_person, j->first_migrant + k);
		if (m->phone == SIM_NONE || !sim_rng_chance(&g->r, 0.7))
			continue;
		for (int n = sim_rng_range(&g->r, 1, 3); n > 0; n--) {
			uint32_t s = fac_phone(g, j->fac[last]);
			int d = day[last] - sim_rng_range(&g->r, 0, 5);
			if (sim_rng_chance(&g->r, 0.6))
				push(g, K_CLIENT, m->phone, s, d, ji);
			else
				push(g, K_CLIENT, s, m->phone, d, ji);
		}
	}
	if (sim_rng_chance(&g->r, 0.2))
		fac_call(g, K_LEADER, o->leader, organiser_of(w, j->fac[last]), day[last] - 3, ji);
	/* after arrival: the collector chases the family for what is owed */
	if (j->outcome == OUT_ARRIVED &&
	    (j->pay == PAY_DEPOSIT_ON_ARRIVAL || j->pay == PAY_INSTALMENTS || j->pay == PAY_DEBT)) {
		uint32_t col = g->collector[final_cell];
		int n = j->pay == PAY_DEBT ? sim_rng_range(&g->r, 3, 6)
		                           : sim_rng_range(&g->r, 1, 3);
		for (; n > 0; n--)
			push(g, K_COLLECT, fac_phone(g, col), N_SYN | N_FAMILY | ji,
			     day[last] + sim_rng_range(&g->r, 1, 60), ji);
	}
	if (j->pay == PAY_HAWALA && o->hawaladar != SIM_NONE && sim_rng_chance(&g->r, 0.6))
		fac_call(g, K_HAWALA, g->collector[final_cell], o->hawaladar,
		         day[last] + sim_rng_range(&g->r, 0, 2), ji);
}

/* Each target's own life: regular contacts (two of them most of the time) and
 * the odd withheld caller, about one call for two of his network's, so that
 * the network's calls stand out neither more nor less in a quiet world. */
static void background_calls(struct gen *g, uint32_t pi, uint32_t busy)
{
	static const double weight[7] = {5, 4, 1, 1, 1, 1, 1};
	unsigned ncontacts = 2 + (busy / 10 < 5 ? busy / 10 : 5);
	uint32_t n = 1 + busy / 2 + sim_rng_below(&g->r, 3);

	if (pi >= 1u << 27) /* contact numbers are (pi << 3 | k) under N_SYN */
		return;
	for (; n > 0; n--) {
		uint32_t other = N_SYN | (pi << 3) | sim_rng_weighted(&g->r, weight, ncontacts);
		int d = (int)sim_rng_below(&g->r, (uint32_t)g->ydays);
		if (sim_rng_chance(&g->r, 0.55))
			push(g, K_BACKGROUND, pi, other, d, SIM_NONE);
		else
			push(g, K_BACKGROUND, other, pi, d, SIM_NONE);
	}
	if (sim_rng_chance(&g->r, 0.3))
		push(g, K_BACKGROUND, N_WITHHELD, pi, (int)sim_rng_below(&g->r, (uint32_t)g->ydays),
		     SIM_NONE);
}

static int cmp_ev(const void *x, const void *y)
{
	const struct call_ev *a = x, *b = y;

	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* ---- rendering ------------------------------------------------------------------ */

static const char *mcc_of(enum sim_country c)
{
	static const char *const mcc[C__COUNT] = {
	        [C_GB] = "234", [C_FR] = "208", [C_BE] = "206", [C_DE] = "262", [C_NL] = "204",
	        [C_TR] = "286", [C_IQ] = "418", [C_IR] = "432", [C_AF] = "412", [C_AL] = "276",
	        [C_VN] = "452", [C_SD] = "634", [C_LY] = "606", [C_GR] = "202", [C_IT] = "222",
	        [C_SY] = "417", [C_PK] = "410", [C_ER] = "657", [C_RU] = "250", [C_PL] = "260"};
	return mcc[c];
}

static void number(const struct sim_world *w, uint32_t n, const struct op *op, char *out,
                   size_t size)
{
	struct sim_phone syn;
	const struct sim_phone *ph;
	const char *cc, *nsn;
	char e164[40];

	if (n == N_WITHHELD) {
		snprintf(out, size, "%s", op->withheld);
		return;
	}
	if (n & N_SYN)
		synthetic(w, n, &syn), ph = &syn;
	else
		ph = phone(w, n);
	sim_phone_e164(ph, e164, sizeof(e164));
	cc = sim_countries[ph->country].cc;
	nsn = e164 + 1 + strlen(cc);
	if (ph->country == C_GB) {
		switch (op->number_style) {
		case 0:
		case 1:
			snprintf(out, size, op->number_style ? "+44%s" : "44%s", nsn);
			break;
		case 2:
			snprintf(out, size, "0%s", nsn);
			break;
		default:
			snprintf(out, size, "+44 %.4s %s", nsn, nsn + 4);
		}
	} else if (op->number_style == 0 || op->number_style == 2) {
		snprintf(out, size, "00%s%s", cc, nsn);
	} else {
		snprintf(out, size, "+%s%s", cc, nsn);
	}
}

static void start_time(const struct sim_world *w, uint32_t t, int style, char *out, size_t size)
{
	int day = (int)(t / 86400), m = 1;
	unsigned s = t % 86400, hh = s / 3600, mm = s / 60 % 60, ss = s % 60;

	while (m < 12 && day >= iv_days_in_month(w->year, m))
		day -= iv_days_in_month(w->year, m++);
	switch (style) {
	case 0:
		snprintf(out, size, "%04d-%02d-%02d %02u:%02u:%02u", w->year, m, day + 1, hh, mm,
		         ss);
		break;
	case 1:
		snprintf(out, size, "%02d/%02d/%04d %02u:%02u:%02u", day + 1, m, w->year, hh, mm,
		         ss);
		break;
	case 2:
		snprintf(out, size, "%02d/%02d/%04d %02u:%02u", day + 1, m, w->year, hh, mm);
		break;
	default:
		snprintf(out, size, "%04d%02d%02d%02u%02u%02u", w->year, m, day + 1, hh, mm, ss);
	}
}

/* The handset a SIM sits in: a facilitator's spare SIMs often share one. */
static void imei(const struct sim_world *w, uint32_t pi, char *out, size_t size)
{
	static const char *const tac[] = {"35332811", "35693803", "86764903",
	                                  "35875209", "35280511", "86891804"};
	const struct sim_phone *ph = phone(w, pi);
	uint32_t f = ph->owner & ~SIM_PERSON_FAC;
	uint32_t first = SIM_AT(w->facs, struct sim_fac, f).p.phone;
	uint64_t h;
	char d[16];
	unsigned sum = 0;

	if (pi != first && sim_hash64(w->seed ^ 0x1e1ULL ^ ((uint64_t)pi << 12)) % 100 < 35)
		pi = first;
	h = sim_hash64(w->seed ^ 0x13e1ULL ^ ((uint64_t)pi << 20));
	snprintf(d, sizeof(d), "%s%06u", tac[h % 6], (unsigned)((h >> 8) % 1000000));
	for (int i = 0; i < 14; i++) { /* Luhn over the 14 digits */
		unsigned v = (unsigned)(d[i] - '0');
		if (i % 2) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
	}
	snprintf(out, size, "%s%u", d, (10 - sum % 10) % 10);
}

/* Where a target's handset is: the UK for collectors and consultants, else
 * where his leg starts (or ends, for a first leg from the home country). */
static void where(const struct sim_world *w, uint32_t pi, uint32_t seq, const struct op *op,
                  char *cell, size_t csz, char *loc, size_t lsz)
{
	static const char *const uk[] = {"London",     "Birmingham", "Manchester",   "Coventry",
	                                 "Leeds",      "Glasgow",    "Peterborough", "Liverpool",
	                                 "Folkestone", "Dover"};
	uint32_t f = phone(w, pi)->owner & ~SIM_PERSON_FAC;
	const struct sim_fac *fc = &SIM_AT(w->facs, struct sim_fac, f);
	const struct sim_cell *cl = &SIM_AT(w->cells, struct sim_cell, fc->cell);
	const struct sim_leg_tpl *leg = &sim_routes[cl->route].legs[cl->leg];
	uint64_t h = sim_hash64(w->seed ^ 0xce11ULL ^ ((uint64_t)f << 8) ^ (seq % 3));
	enum sim_country country;
	const char *place;

	if (fc->role == ROLE_COLLECTOR || fc->role == ROLE_CONSULTANT)
		country = C_GB, place = uk[sim_hash64(w->seed ^ f) % 10];
	else if (leg->from != C__COUNT)
		country = leg->from, place = leg->from_place;
	else
		country = leg->to, place = leg->to_place;
	if (country == C_GB) {
		snprintf(cell, csz, "234-%s-%u-%u", op->mnc, (unsigned)(h % 60000) + 1000,
		         (unsigned)(h >> 20) % 65000 + 100);
		snprintf(loc, lsz, "%s", place);
	} else if ((h >> 50) % 10 < 3) { /* roaming: only the visited network */
		snprintf(cell, csz, "%s-01", mcc_of(country));
		loc[0] = '\0';
	} else {
		snprintf(cell, csz, "%s-01-%u-%u", mcc_of(country), (unsigned)(h % 60000) + 1000,
		         (unsigned)(h >> 20) % 65000 + 100);
		snprintf(loc, lsz, "roaming %s (%s)", sim_countries[country].iso2, place);
	}
}

/* ---- writing -------------------------------------------------------------------- */

static void who(const struct sim_world *w, uint32_t n, char *ph, char *id, size_t size)
{
	ph[0] = id[0] = '\0';
	if (n != N_WITHHELD && (n & N_FAMILY)) /* the relative, as bank.c and hawala.c name him */
		snprintf(id, size, "R%07u", n & ~(N_SYN | N_FAMILY));
	if (n & N_SYN)
		return;
	snprintf(ph, size, "PH%07u", n);
	sim_true_id(phone(w, n)->owner, id, size);
}

static IV_MUST_USE enum iv_err write_record(struct sim_ctx *c, struct sim_file *sf,
                                            struct sim_file *truth, const struct call_ev *e,
                                            uint32_t call, uint32_t target, bool moc, uint32_t *seq)
{
	const struct sim_world *w = c->w;
	const struct op *op = &ops[operator_of(w, target)];
	unsigned oi = (unsigned)(op - ops);
	char rid[40], a[48], b[48], when[32], dur[12], cell[40], loc[64], im[20];
	char cid[16], aph[16], aid[16], bph[16], bid[16], about[16] = "";
	const char *f[10], *t[8];
	enum iv_err rc;

	snprintf(rid, sizeof(rid), "%s-%d-%08u", op->code, w->year, ++seq[oi]);
	number(w, e->a, op, a, sizeof(a));
	number(w, e->b, op, b, sizeof(b));
	start_time(w, e->t, op->time_style, when, sizeof(when));
	snprintf(dur, sizeof(dur), "%u", e->dur);
	where(w, target, e->seq, op, cell, sizeof(cell), loc, sizeof(loc));
	imei(w, target, im, sizeof(im));
	f[0] = rid, f[1] = op->name, f[2] = moc ? "MOC" : "MTC", f[3] = a, f[4] = b;
	f[5] = when, f[6] = dur, f[7] = cell, f[8] = loc, f[9] = im;
	rc = sim_csv_row(c, sf, f, 10);
	if (!rc && !(e->a & N_SYN))
		rc = sim_phone_mention(c, SRC, rid, "callerNumber", a, e->a);
	if (!rc && !(e->b & N_SYN))
		rc = sim_phone_mention(c, SRC, rid, "receiverNumber", b, e->b);
	if (rc)
		return rc;
	snprintf(cid, sizeof(cid), "C%08u", call);
	who(w, e->a, aph, aid, sizeof(aph));
	who(w, e->b, bph, bid, sizeof(bph));
	if (e->about != SIM_NONE)
		snprintf(about, sizeof(about), "J%07u", e->about);
	t[0] = rid, t[1] = cid, t[2] = kind_names[e->kind], t[3] = aph, t[4] = aid, t[5] = bph;
	t[6] = bid, t[7] = about;
	return sim_csv_row(c, truth, t, 8);
}

/* truth/phones.csv: every phone of the world with its true owner, as E.164,
 * and whether a production order covered it (with the operator that answered). */
static IV_MUST_USE enum iv_err phones_truth(struct sim_ctx *c)
{
	static const char *const h[] = {"phone",   "owner", "e164", "country", "production_order",
	                                "operator"};
	const struct sim_world *w = c->w;
	struct sim_file sf;
	enum iv_err rc = sim_file_open(c, &sf, "truth/phones.csv");

	if (rc)
		return rc;
	rc = sim_csv_row(c, &sf, h, 6);
	for (size_t i = 0; !rc && i < w->phones.len; i++) {
		const struct sim_phone *ph = phone(w, (uint32_t)i);
		bool order = is_target(w, (uint32_t)i);
		char id[32], owner[16], e164[40];
		const char *v[6];
		snprintf(id, sizeof(id), "PH%07zu", i);
		sim_true_id(ph->owner, owner, sizeof(owner));
		sim_phone_e164(ph, e164, sizeof(e164));
		v[0] = id, v[1] = owner, v[2] = e164, v[3] = sim_countries[ph->country].iso2;
		v[4] = order ? "1" : "0", v[5] = order ? ops[operator_of(w, (uint32_t)i)].name : "";
		rc = sim_csv_row(c, &sf, v, 6);
	}
	return sim_file_abort(c, &sf, rc);
}

/* Each cell's collector, who takes the calls about money: its first facilitator
 * in that role, else its organiser. */
static void find_collectors(struct gen *g)
{
	const struct sim_world *w = g->w;

	for (size_t ci = 0; ci < w->cells.len; ci++) {
		const struct sim_cell *cl = &SIM_AT(w->cells, struct sim_cell, ci);
		g->collector[ci] = cl->organiser;
		for (uint32_t k = 0; k < cl->nfac; k++)
			if (SIM_AT(w->facs, struct sim_fac, cl->first_fac + k).role ==
			    ROLE_COLLECTOR) {
				g->collector[ci] = cl->first_fac + k;
				break;
			}
	}
}

/*
 * Every call of the year: the journeys' calls, then each target number's
 * background calls, as many as it lacks beside those (busy counts the calls a
 * number already has).  Sorted by time.  g->rc says whether memory ran out.
 */
static void make_calls(struct gen *g, uint32_t *busy)
{
	const struct sim_world *w = g->w;

	for (size_t ji = 0; ji < w->journeys.len && !g->rc; ji++)
		journey_calls(g, (uint32_t)ji);
	for (size_t i = 0; i < g->ev.len; i++) {
		const struct call_ev *e = &SIM_AT(g->ev, struct call_ev, i);
		if (!(e->a & N_SYN))
			busy[e->a]++;
		if (!(e->b & N_SYN))
			busy[e->b]++;
	}
	for (size_t pi = 0; pi < w->phones.len && !g->rc; pi++)
		if (is_target(w, (uint32_t)pi))
			background_calls(g, (uint32_t)pi, busy[pi]);
	if (!g->rc && g->ev.len)
		qsort(g->ev.items, g->ev.len, sizeof(struct call_ev), cmp_ev);
}

/* The operator's rows (each end that is a target number) and the truth's. */
static IV_MUST_USE enum iv_err write_calls(struct gen *g, struct sim_file *sf,
                                           struct sim_file *truth)
{
	static const char *const header[] = {
	        "record_id",  "operator",   "record_type", "caller_msisdn", "called_msisdn",
	        "start_time", "duration_s", "cell_id",     "location",      "imei"};
	static const char *const th[] = {"record_id", "call",           "kind",     "caller_phone",
	                                 "caller",    "receiver_phone", "receiver", "about"};
	struct sim_ctx *c = g->c;
	uint32_t seq[NOPS] = {0};
	enum iv_err rc;

	rc = sim_file_open(c, sf, SRC);
	if (!rc)
		rc = sim_file_open(c, truth, "truth/calls.csv");
	if (!rc)
		rc = sim_csv_row(c, sf, header, 10);
	if (!rc)
		rc = sim_csv_row(c, truth, th, 8);
	for (size_t i = 0; !rc && i < g->ev.len; i++) {
		const struct call_ev *e = &SIM_AT(g->ev, struct call_ev, i);
		if (is_target(g->w, e->a))
			rc = write_record(c, sf, truth, e, (uint32_t)i, e->a, true, seq);
		if (!rc && is_target(g->w, e->b))
			rc = write_record(c, sf, truth, e, (uint32_t)i, e->b, false, seq);
		if (!rc && (i & 65535) == 0)
			sim_progress(c, SRC, i, g->ev.len);
	}
	return rc;
}

enum iv_err sim_write_cdr(struct sim_ctx *c)
{
	const struct sim_world *w = c->w;
	struct sim_file sf, truth;
	struct gen g;
	uint32_t *busy = NULL;
	enum iv_err rc;

	memset(&g, 0, sizeof(g));
	memset(&sf, 0, sizeof(sf));
	memset(&truth, 0, sizeof(truth));
	g.c = c;
	g.w = w;
	g.ev.size = sizeof(struct call_ev);
	g.ydays = 365 + (iv_days_in_month(w->year, 2) == 29);
	sim_rng_seed(&g.r, w->seed, 'C');
	rc = sim_write_text(c, "cdr.yml", mapping);
	if (rc)
		return rc;
	g.collector = iv_calloc((w->cells.len + 1) * sizeof(uint32_t));
	busy = iv_calloc((w->phones.len + 1) * sizeof(uint32_t));
	if (!g.collector || !busy) {
		rc = iv_seterr(c->err, IV_ERR_NOMEM, "out of memory");
		goto out;
	}
	find_collectors(&g);
	make_calls(&g, busy);
	if (g.rc) {
		rc = iv_seterr(c->err, IV_ERR_NOMEM, "out of memory");
		goto out;
	}
	rc = write_calls(&g, &sf, &truth);
out:
	if (sf.f) {
		c->rep->records += sf.rows ? sf.rows - 1 : 0;
		c->rep->files++;
	}
	rc = sim_file_abort(c, &sf, rc);
	rc = sim_file_abort(c, &truth, rc);
	if (!rc)
		rc = phones_truth(c);
	sim_vec_release(&g.ev);
	iv_free(g.collector);
	iv_free(busy);
	return rc;
}
