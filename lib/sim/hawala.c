/*
 * hawala.c - pages of hawala ledgers seized from the OCGs' money holders
 * (hawaladar / saraf), as the exhibits officer transcribed them (CSV with
 * a mapping): one line per escrow entry, the depositor by first name or
 * nickname and home town (often in Arabic script), the smuggler it is for
 * by nickname, the code word that releases it, the amount in the leg's
 * currency or in dinars, rials or lira, and whether it is held, released
 * or returned; dates as day/month only or in the Solar Hijri calendar.
 *
 * Each entry is one leg of a hawala-paid journey: the deposit counts as
 * that leg's proceeds for the leg's OCG (truth/money_flows.csv, appended
 * after bank.c's lines).
 */
#include <string.h>

#include "iv/schema.h"
#include "sim/sim_int.h"

/* Share of a seized ledger's entries on the pages that survived. */
#define HAWALA_PAGE_SHARE 0.2

static const char mapping[] =
        "# hawala-ledger.yml - mapping of the hawala ledger pages written by invigor sim.\n"
        "# Depositors and collectors are Persons keyed by the name as written in one\n"
        "# ledger; entries are Payments (status and codeWord are invigor additions).\n"
        "# Iranian and Afghan keepers date entries in the Solar Hijri calendar.\n"
        "dataset: hawala-ledgers\n"
        "phone_region: GB\n"
        "date_order: dmy\n"
        "calendar: persian\n"
        "handling:\n"
        "  grade: 2C\n"
        "  handling: C\n"
        "  conditions: \"UK agencies only; exhibit continuity must be shown before use in "
        "court\"\n"
        "  classification: OFFICIAL-SENSITIVE\n"
        "  descriptor: PERSONAL\n"
        "  originator: UK-NCA-EXHIBITS\n"
        "  subject: other\n"
        "entities:\n"
        "  depositor:\n"
        "    schema: Person\n"
        "    key_literal: hawala-depositor\n"
        "    keys: [ledger, depositor, depositor_town]\n"
        "    properties:\n"
        "      name: {column: depositor}\n"
        "      address: {column: depositor_town}\n"
        "  collector:\n"
        "    schema: Person\n"
        "    key_literal: hawala-collector\n"
        "    keys: [ledger, beneficiary]\n"
        "    properties:\n"
        "      name: {column: beneficiary}\n"
        "      phone: {column: beneficiary_phone}\n"
        "  entry:\n"
        "    schema: Payment\n"
        "    id_column: entry_id\n"
        "    properties:\n"
        "      sequenceNumber: {column: entry}\n"
        "      date: {column: date}\n"
        "      payer: {entity: depositor}\n"
        "      beneficiary: {entity: collector}\n"
        "      amount: {column: amount}\n"
        "      currency: {column: currency}\n"
        "      codeWord: {column: code_word}\n"
        "      status: {column: status}\n"
        "      purpose: {column: leg}\n"
        "      description: {column: notes}\n";

struct town {
	const char *native, *latin;
};
/* Home towns by name group, in the script a ledger keeper would use. */
static const struct town towns[GRP__COUNT][3] = {
        [GRP_KURDISH] = {{"ڕانیە", "Ranya"}, {"پێنجوێن", "Penjwen"}, {"قەڵادزێ", "Qaladze"}},
        [GRP_ARABIC] = {{"الموصل", "Mosul"}, {"الخرطوم", "Khartoum"}, {"حلب", "Aleppo"}},
        [GRP_PERSIAN] = {{"سردشت", "Sardasht"}, {"پیرانشهر", "Piranshahr"}, {"تهران", "Tehran"}},
        [GRP_AFGHAN] = {{"هرات", "Herat"}, {"کابل", "Kabul"}, {"جلال‌آباد", "Jalalabad"}},
        [GRP_TIGRINYA] = {{"ኣስመራ", "Asmara"}, {"መንደፈራ", "Mendefera"}, {"ከረን", "Keren"}},
        [GRP_ALBANIAN] = {{"Kukës", "Kukes"}, {"Tiranë", "Tirana"}, {"Durrës", "Durres"}},
        [GRP_VIETNAMESE] = {{"Nghệ An", "Nghe An"},
                            {"Hà Tĩnh", "Ha Tinh"},
                            {"Quảng Bình", "Quang Binh"}},
        [GRP_TURKISH] = {{"Van", "Van"}, {"Hakkâri", "Hakkari"}, {"Şırnak", "Sirnak"}},
        [GRP_URDU] = {{"گجرات", "Gujrat"},
                      {"سیالکوٹ", "Sialkot"},
                      {"منڈی بہاءالدین", "Mandi Bahauddin"}},
};

/* Code words: ordinary words, transliterated as the keeper wrote them. */
static const char *const code_words[] = {
        "gul",    "baran",  "shahin", "toti", "sev",   "hanar", "chra", "ase",  "bahar", "khanzad",
        "gulala", "shirin", "qand",   "nan",  "kotir", "mang",  "roj",  "hewa", "jwan",  "nergz"};

static const char *currency_noisy(struct sim_rng *r, const char *cur)
{
	if (!sim_rng_chance(r, 0.12))
		return cur;
	return !strcmp(cur, "USD")   ? "$"
	       : !strcmp(cur, "EUR") ? "€"
	       : !strcmp(cur, "GBP") ? "£"
	                             : cur;
}

/* The Solar Hijri date of a Gregorian one, as the keeper writes it (1403/07/26). */
static void solar_hijri(int y, int m, int d, char *out, size_t size)
{
	if (!iv_calendar_from_gregorian(IV_CAL_PERSIAN, &y, &m, &d))
		y = m = d = 0; /* 1900-2100 only: not reached */
	snprintf(out, size, "%04d/%02d/%02d", y % 10000, m % 100, d % 100);
}

static void date_noisy(struct sim_rng *r, int year, int day, unsigned group, char *iso, char *out,
                       size_t size)
{
	int y, m, d;

	sim_day_iso(year, day, iso, 16);
	sscanf(iso, "%d-%d-%d", &y, &m, &d);
	if ((group == GRP_PERSIAN || group == GRP_AFGHAN) && sim_rng_chance(r, 0.6))
		solar_hijri(y, m, d, out, size);
	else if (sim_rng_chance(r, 0.5))
		snprintf(out, size, "%d/%d", d, m); /* day and month only */
	else if (sim_rng_chance(r, 0.8))
		snprintf(out, size, "%02d/%02d/%04d", d, m, y);
	else
		snprintf(out, size, "%02d.%02d.%02d", d, m, y % 100);
}

static const char *status_text(struct sim_rng *r, int status)
{
	static const char *const held[] = {"held", "HELD", "waiting", "held - not yet"};
	static const char *const rel[] = {"released", "released on code", "paid out", "done"};
	static const char *const ret[] = {"returned", "returned to depositor", "ret.",
	                                  "given back"};
	unsigned k = sim_rng_chance(r, 0.7) ? 0 : sim_rng_below(r, 4);

	return status == 0 ? held[k] : status == 1 ? rel[k] : ret[k];
}

struct ledger_state {
	uint32_t entries;
	bool seized;
};

static const char *const header[] = {"ledger",         "page",        "entry",
                                     "entry_id",       "date",        "depositor",
                                     "depositor_town", "beneficiary", "beneficiary_phone",
                                     "code_word",      "amount",      "currency",
                                     "status",         "leg",         "notes"};
enum { NF = sizeof(header) / sizeof(header[0]) };

struct hawala {
	struct sim_ctx *c;
	struct sim_file sf, flows; /* hawala-ledger.csv, truth/money_flows.csv */
	struct sim_rng r;
	struct ledger_state *led; /* by OCG */
	struct iv_buf dep, ben;   /* depositor and collector as the keeper wrote them */
};

/* One ledger entry: a leg of a hawala-paid journey, as the keeper wrote it. */
struct entry {
	size_t ji;  /* the journey */
	unsigned l; /* its leg */
	const struct sim_journey *j;
	const struct sim_leg_tpl *leg;
	const struct sim_fac *fc;       /* the leg's facilitator, who collects */
	struct ledger_state *ls;        /* the ledger of the facilitator's OCG */
	const struct sim_relative *rel; /* the family member who deposits */
	const struct town *tw;          /* the depositor's home town */
	const char *code, *town, *cur;
	bool native, returned; /* written in the family's script; cancelled */
	int status;            /* 0 held, 1 released */
	uint64_t total, gbp;   /* in the leg's currency, in pounds */
	char lid[16], page[16], entry[16], eid[48], iso[16], date[48], phone[48];
	char amount[32], legtext[96];
	char dent[IV_HASH_HEX], bent[IV_HASH_HEX]; /* the ids ingest gives the two persons */
};

static enum iv_err nomem(struct hawala *hw)
{
	return iv_seterr(hw->c->err, IV_ERR_NOMEM, "out of memory");
}

/* The entry's place in the ledger, its date, and the two names. */
static IV_MUST_USE enum iv_err keep_entry(struct hawala *hw, struct entry *e)
{
	const struct sim_world *w = hw->c->w;
	struct sim_rng *r = &hw->r;
	const struct sim_fac *fc = e->fc;
	int day = sim_leg_day(e->j, e->l);

	e->ls->entries++;
	snprintf(e->lid, sizeof(e->lid), "HWL-%03u", fc->ocg);
	snprintf(e->page, sizeof(e->page), "%u", e->ls->entries / 24 + 1);
	snprintf(e->entry, sizeof(e->entry), "%u", e->ls->entries);
	snprintf(e->eid, sizeof(e->eid), "hw-%03u-%06u", fc->ocg, e->ls->entries);
	date_noisy(r, w->year, day > 5 ? day - 5 : 0, e->rel->p.group, e->iso, e->date,
	           sizeof(e->date));
	iv_buf_reset(&hw->dep);
	iv_buf_reset(&hw->ben);
	if (iv_buf_adds(&hw->dep, sim_given(&e->rel->p, e->native ? -1 : (int)sim_rng_below(r, 3))))
		return nomem(hw);
	if (sim_rng_chance(r, 0.5) ? sim_nickname(&hw->ben, &fc->p)
	                           : iv_buf_adds(&hw->ben, sim_given(&fc->p, e->native ? -1 : 0)))
		return nomem(hw);
	if (sim_rng_chance(r, 0.3))
		sim_phone_noisy(&SIM_AT(w->phones, struct sim_phone, fc->p.phone), r, e->phone,
		                sizeof(e->phone));
	e->town = e->native ? e->tw->native : e->tw->latin;
	return IV_OK;
}

/* The amount: some families paid in dinars, rials or lira at the keeper's rate. */
static void write_amount(struct hawala *hw, struct entry *e)
{
	struct sim_rng *r = &hw->r;
	unsigned nat = e->rel->p.nat;
	bool usd = !strcmp(e->cur, "USD");
	unsigned long long total = e->total;

	if (usd && nat == NAT_IQ && sim_rng_chance(r, 0.25)) {
		snprintf(e->amount, sizeof(e->amount), "%llu", total * 1310);
		e->cur = "IQD";
	} else if (usd && nat == NAT_IR && sim_rng_chance(r, 0.2)) {
		snprintf(e->amount, sizeof(e->amount), "%llu", total * 590000);
		e->cur = "IRR";
	} else if (usd && nat == NAT_TR && sim_rng_chance(r, 0.3)) {
		snprintf(e->amount, sizeof(e->amount), "%llu", total * 32);
		e->cur = "TRY";
	} else if (total < 1000 || sim_rng_chance(r, 0.3)) {
		snprintf(e->amount, sizeof(e->amount), "%llu%s", total, usd ? "$" : "");
	} else {
		snprintf(e->amount, sizeof(e->amount), "%llu,%03llu", total / 1000, total % 1000);
	}
}

/* The ledger line as the exhibits officer transcribed it. */
static IV_MUST_USE enum iv_err write_line(struct hawala *hw, struct entry *e)
{
	struct sim_rng *r = &hw->r;
	const char *f[NF];

	snprintf(e->legtext, sizeof(e->legtext), "%s > %s",
	         e->leg->from_place ? e->leg->from_place : e->tw->latin, e->leg->to_place);
	f[0] = e->lid, f[1] = e->page, f[2] = e->entry, f[3] = e->eid, f[4] = e->date;
	f[5] = hw->dep.buf, f[6] = e->town, f[7] = hw->ben.buf, f[8] = e->phone;
	/* one draw per statement, column by column */
	f[9] = sim_rng_chance(r, 0.9) ? e->code : "";
	f[10] = e->amount;
	f[11] = currency_noisy(r, e->cur);
	f[12] = status_text(r, e->returned ? 2 : e->status);
	f[13] = e->legtext;
	f[14] = e->returned ? "family cancelled" : e->j->nmigrants > 1 ? "family" : "";
	return sim_csv_row(hw->c, &hw->sf, f, NF);
}

/* The ids ingest gives the two persons: keys as in the mapping. */
static void entry_ids(const struct hawala *hw, struct entry *e)
{
	IV_HASHER_ALIGNED struct iv_hasher h;
	unsigned char d[IV_HASH_BYTES];

	iv_hasher_init(&h);
	iv_hasher_field(&h, "hawala-depositor");
	iv_hasher_field(&h, e->lid);
	iv_hasher_field(&h, hw->dep.buf);
	iv_hasher_field(&h, e->town);
	iv_hasher_final(&h, d);
	iv_hash_hex(d, e->dent);
	iv_hasher_init(&h);
	iv_hasher_field(&h, "hawala-collector");
	iv_hasher_field(&h, e->lid);
	iv_hasher_field(&h, hw->ben.buf);
	iv_hasher_final(&h, d);
	iv_hash_hex(d, e->bent);
}

/* The truth of an entry: who the two persons are, and the money it moved. */
static IV_MUST_USE enum iv_err entry_truth(struct hawala *hw, const struct entry *e)
{
	struct sim_ctx *c = hw->c;
	uint32_t collector = SIM_PERSON_FAC | e->j->fac[e->l];
	char rtrue[32], ftrue[32];
	struct sim_flow fl;
	enum iv_err rc;

	snprintf(rtrue, sizeof(rtrue), "R%07zu", e->ji);
	sim_true_id(collector, ftrue, sizeof(ftrue));
	c->rep->person_mentions++;
	rc = sim_mention(c, "hawala-ledger.csv", e->dent, "", hw->dep.buf, "person", rtrue);
	if (!rc)
		rc = sim_person_mention(c, "hawala-ledger.csv", e->bent, hw->ben.buf, collector);
	if (!rc && *e->phone)
		rc = sim_phone_mention(c, "hawala-ledger.csv", e->bent, "phone", e->phone,
		                       e->fc->p.phone);
	memset(&fl, 0, sizeof(fl));
	fl.source = "hawala-ledger.csv", fl.txn = e->eid, fl.date = e->iso;
	fl.payer_true = rtrue, fl.ben_true = ftrue, fl.payer_entity = e->dent;
	fl.ben_entity = e->bent, fl.amount = e->amount, fl.currency = e->cur;
	fl.category = e->status == 1 && !e->returned ? "release" : "deposit";
	fl.channel = "hawala";
	fl.gbp = e->gbp, fl.proceeds = e->returned ? 0 : e->gbp;
	fl.ocg = e->fc->ocg, fl.journey = (uint32_t)e->ji, fl.leg = (int)e->l;
	if (!rc)
		rc = sim_money_flow(c, &hw->flows, &fl);
	return rc;
}

static IV_MUST_USE enum iv_err write_entry(struct hawala *hw, struct entry *e)
{
	enum iv_err rc = keep_entry(hw, e);

	if (rc)
		return rc;
	write_amount(hw, e);
	rc = write_line(hw, e);
	if (rc)
		return rc;
	entry_ids(hw, e);
	return entry_truth(hw, e);
}

/* Leg l of journey ji, when its ledger was seized and its page survived. */
static IV_MUST_USE enum iv_err leg_entries(struct hawala *hw, size_t ji, unsigned l,
                                           const struct sim_relative *rel, const char *code)
{
	const struct sim_world *w = hw->c->w;
	struct entry e;
	enum iv_err rc;

	memset(&e, 0, sizeof(e));
	e.ji = ji, e.l = l, e.rel = rel, e.code = code;
	e.j = &SIM_AT(w->journeys, struct sim_journey, ji);
	e.leg = &sim_routes[e.j->route].legs[l];
	e.fc = &SIM_AT(w->facs, struct sim_fac, e.j->fac[l]);
	e.ls = &hw->led[e.fc->ocg];
	e.tw = &towns[rel->p.group][sim_mix64(w->seed, ji) % 3];
	e.status = l + 1u < e.j->nlegs || e.j->outcome == OUT_ARRIVED ? 1 : 0;
	e.native = !sim_groups[rel->p.group].latin_script && sim_rng_chance(&hw->r, 0.6);
	e.total = (uint64_t)e.j->price[l] * e.j->nmigrants;
	e.gbp = sim_leg_gbp(e.j, l);
	e.cur = e.leg->currency;
	if (!e.ls->seized || !sim_rng_chance(&hw->r, HAWALA_PAGE_SHARE))
		return IV_OK;
	for (;;) {
		rc = write_entry(hw, &e);
		/* now and then a second booking the family cancelled; it keeps the
		 * first one's phone number when the keeper wrote none */
		if (rc || e.returned || !sim_rng_chance(&hw->r, 0.02))
			return rc;
		e.returned = true;
		e.cur = e.leg->currency;
	}
}

/* The entries of hawala-paid journey ji, leg by leg. */
static IV_MUST_USE enum iv_err journey_entries(struct hawala *hw, size_t ji)
{
	const struct sim_world *w = hw->c->w;
	const struct sim_journey *j = &SIM_AT(w->journeys, struct sim_journey, ji);
	struct sim_relative rel;
	const char *code;
	enum iv_err rc = IV_OK;

	sim_relative_of(w, (uint32_t)ji, &rel);
	code = code_words[sim_mix64(w->seed ^ 0x434f4445ULL, ji) % 20];
	for (unsigned l = 0; !rc && l < j->nlegs; l++)
		rc = leg_entries(hw, ji, l, &rel, code);
	return rc;
}

enum iv_err sim_write_hawala(struct sim_ctx *c)
{
	const struct sim_world *w = c->w;
	struct hawala hw = {.c = c, .dep = IV_BUF_INIT, .ben = IV_BUF_INIT};
	enum iv_err rc;
	uint32_t nseized = 0;

	sim_rng_seed(&hw.r, w->seed, 'H');
	rc = sim_write_text(c, "hawala-ledger.yml", mapping);
	if (rc)
		return rc;
	hw.led = iv_calloc((w->ocgs.len + 1) * sizeof(*hw.led));
	if (!hw.led)
		return nomem(&hw);
	for (size_t o = 0; o < w->ocgs.len; o++) /* the ledgers that were found, at least one */
		nseized += hw.led[o].seized =
		        sim_rng_chance(&hw.r, 0.5) || (o + 1 == w->ocgs.len && !nseized);
	rc = sim_file_open(c, &hw.sf, "hawala-ledger.csv");
	if (rc)
		goto done;
	rc = sim_money_open(c, &hw.flows, true);
	if (!rc)
		rc = sim_csv_row(c, &hw.sf, header, NF);
	for (size_t ji = 0; !rc && ji < w->journeys.len; ji++) {
		if (SIM_AT(w->journeys, struct sim_journey, ji).pay != PAY_HAWALA)
			continue;
		rc = journey_entries(&hw, ji);
		if (!rc && (ji & 8191) == 0)
			sim_progress(c, "hawala-ledger.csv", ji, w->journeys.len);
	}
	c->rep->records += hw.sf.rows ? hw.sf.rows - 1 : 0;
	c->rep->files++;
	if (hw.flows.f)
		rc = sim_file_abort(c, &hw.flows, rc);
	rc = sim_file_abort(c, &hw.sf, rc);
done:
	iv_buf_release(&hw.dep);
	iv_buf_release(&hw.ben);
	iv_free(hw.led);
	return rc;
}
