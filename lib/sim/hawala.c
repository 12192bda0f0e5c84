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

enum iv_err sim_write_hawala(struct sim_ctx *c)
{
	static const char *const header[] = {"ledger",         "page",        "entry",
	                                     "entry_id",       "date",        "depositor",
	                                     "depositor_town", "beneficiary", "beneficiary_phone",
	                                     "code_word",      "amount",      "currency",
	                                     "status",         "leg",         "notes"};
	enum { NF = sizeof(header) / sizeof(header[0]) };
	const struct sim_world *w = c->w;
	struct sim_file sf, flows;
	struct sim_rng r;
	struct ledger_state *led = NULL;
	struct iv_buf dep = IV_BUF_INIT, ben = IV_BUF_INIT;
	enum iv_err rc;
	uint32_t nseized = 0;

	memset(&flows, 0, sizeof(flows));
	sim_rng_seed(&r, w->seed, 'H');
	rc = sim_write_text(c, "hawala-ledger.yml", mapping);
	if (rc)
		return rc;
	led = iv_calloc((w->ocgs.len + 1) * sizeof(*led));
	if (!led)
		return iv_seterr(c->err, IV_ERR_NOMEM, "out of memory");
	for (size_t o = 0; o < w->ocgs.len; o++) /* the ledgers that were found */
		nseized += led[o].seized =
		        sim_rng_chance(&r, 0.5) || (o + 1 == w->ocgs.len && !nseized);
	rc = sim_file_open(c, &sf, "hawala-ledger.csv");
	if (rc)
		goto done;
	rc = sim_money_open(c, &flows, true);
	if (!rc)
		rc = sim_csv_row(c, &sf, header, NF);
	for (size_t ji = 0; !rc && ji < w->journeys.len; ji++) {
		const struct sim_journey *j = &SIM_AT(w->journeys, struct sim_journey, ji);
		const struct sim_route *rt = &sim_routes[j->route];
		struct sim_relative rel;
		const char *code;
		if (j->pay != PAY_HAWALA)
			continue;
		sim_relative_of(w, (uint32_t)ji, &rel);
		code = code_words[sim_mix64(w->seed ^ 0x434f4445ULL, ji) % 20];
		for (unsigned l = 0; !rc && l < j->nlegs; l++) {
			const struct sim_leg_tpl *leg = &rt->legs[l];
			const struct sim_fac *fc = &SIM_AT(w->facs, struct sim_fac, j->fac[l]);
			struct ledger_state *ls = &led[fc->ocg];
			const struct town *tw = &towns[rel.p.group][sim_mix64(w->seed, ji) % 3];
			bool done = l + 1u < j->nlegs || j->outcome == OUT_ARRIVED;
			bool native =
			        !sim_groups[rel.p.group].latin_script && sim_rng_chance(&r, 0.6);
			uint64_t total = (uint64_t)j->price[l] * j->nmigrants,
			         gbp = sim_leg_gbp(j, l);
			char lid[16], page[16], entry[16], eid[48], iso[16], date[48],
			        phone[48] = "";
			char amount[32], legtext[96], rtrue[32], ftrue[32];
			char dent[IV_HASH_HEX], bent[IV_HASH_HEX];
			const char *cur = leg->currency, *f[NF];
			struct sim_flow fl;
			int status = done ? 1 : 0;
			bool returned = false;
			if (!ls->seized || !sim_rng_chance(&r, HAWALA_PAGE_SHARE))
				continue;
		again:
			ls->entries++;
			snprintf(lid, sizeof(lid), "HWL-%03u", fc->ocg);
			snprintf(page, sizeof(page), "%u", ls->entries / 24 + 1);
			snprintf(entry, sizeof(entry), "%u", ls->entries);
			snprintf(eid, sizeof(eid), "hw-%03u-%06u", fc->ocg, ls->entries);
			date_noisy(&r, w->year, sim_leg_day(j, l) > 5 ? sim_leg_day(j, l) - 5 : 0,
			           rel.p.group, iso, date, sizeof(date));
			iv_buf_reset(&dep);
			iv_buf_reset(&ben);
			if (iv_buf_adds(&dep,
			                sim_given(&rel.p, native ? -1 : (int)sim_rng_below(&r, 3))))
				goto nomem;
			if (sim_rng_chance(&r, 0.5)
			            ? sim_nickname(&ben, &fc->p)
			            : iv_buf_adds(&ben, sim_given(&fc->p, native ? -1 : 0)))
				goto nomem;
			if (sim_rng_chance(&r, 0.3))
				sim_phone_noisy(&SIM_AT(w->phones, struct sim_phone, fc->p.phone),
				                &r, phone, sizeof(phone));
			/* some families paid in dinars, rials or lira at the keeper's rate */
			if (!strcmp(cur, "USD") && rel.p.nat == NAT_IQ && sim_rng_chance(&r, 0.25))
				snprintf(amount, sizeof(amount), "%llu",
				         (unsigned long long)(total * 1310)),
				        cur = "IQD";
			else if (!strcmp(cur, "USD") && rel.p.nat == NAT_IR &&
			         sim_rng_chance(&r, 0.2))
				snprintf(amount, sizeof(amount), "%llu",
				         (unsigned long long)(total * 590000)),
				        cur = "IRR";
			else if (!strcmp(cur, "USD") && rel.p.nat == NAT_TR &&
			         sim_rng_chance(&r, 0.3))
				snprintf(amount, sizeof(amount), "%llu",
				         (unsigned long long)(total * 32)),
				        cur = "TRY";
			else if (total < 1000 || sim_rng_chance(&r, 0.3))
				snprintf(amount, sizeof(amount), "%llu%s",
				         (unsigned long long)total, !strcmp(cur, "USD") ? "$" : "");
			else
				snprintf(amount, sizeof(amount), "%llu,%03llu",
				         (unsigned long long)(total / 1000),
				         (unsigned long long)(total % 1000));
			snprintf(legtext, sizeof(legtext), "%s > %s",
			         leg->from_place ? leg->from_place : tw->latin, leg->to_place);
			f[0] = lid, f[1] = page, f[2] = entry, f[3] = eid, f[4] = date;
			f[5] = dep.buf, f[6] = native ? tw->native : tw->latin, f[7] = ben.buf;
			f[8] = phone, f[9] = sim_rng_chance(&r, 0.9) ? code : "";
			f[10] = amount, f[11] = currency_noisy(&r, cur);
			f[12] = status_text(&r, returned ? 2 : status), f[13] = legtext;
			f[14] = returned ? "family cancelled" : j->nmigrants > 1 ? "family" : "";
			rc = sim_csv_row(c, &sf, f, NF);
			if (rc)
				goto out;
			/* the ids ingest gives the two persons: keys as in the mapping */
			{
				IV_HASHER_ALIGNED struct iv_hasher h;
				unsigned char d[IV_HASH_BYTES];
				iv_hasher_init(&h);
				iv_hasher_field(&h, "hawala-depositor");
				iv_hasher_field(&h, lid);
				iv_hasher_field(&h, dep.buf);
				iv_hasher_field(&h, f[6]);
				iv_hasher_final(&h, d);
				iv_hash_hex(d, dent);
				iv_hasher_init(&h);
				iv_hasher_field(&h, "hawala-collector");
				iv_hasher_field(&h, lid);
				iv_hasher_field(&h, ben.buf);
				iv_hasher_final(&h, d);
				iv_hash_hex(d, bent);
			}
			snprintf(rtrue, sizeof(rtrue), "R%07zu", ji);
			sim_true_id(SIM_PERSON_FAC | j->fac[l], ftrue, sizeof(ftrue));
			c->rep->person_mentions++;
			rc = sim_mention(c, "hawala-ledger.csv", dent, "", dep.buf, "person",
			                 rtrue);
			if (!rc)
				rc = sim_person_mention(c, "hawala-ledger.csv", bent, ben.buf,
				                        SIM_PERSON_FAC | j->fac[l]);
			if (!rc && *phone)
				rc = sim_phone_mention(c, "hawala-ledger.csv", bent, "phone", phone,
				                       fc->p.phone);
			memset(&fl, 0, sizeof(fl));
			fl.source = "hawala-ledger.csv", fl.txn = eid, fl.date = iso;
			fl.payer_true = rtrue, fl.ben_true = ftrue, fl.payer_entity = dent;
			fl.ben_entity = bent, fl.amount = amount, fl.currency = cur;
			fl.category = status == 1 && !returned ? "release" : "deposit";
			fl.channel = "hawala";
			fl.gbp = gbp, fl.proceeds = returned ? 0 : gbp;
			fl.ocg = fc->ocg, fl.journey = (uint32_t)ji, fl.leg = (int)l;
			if (!rc)
				rc = sim_money_flow(c, &flows, &fl);
			/* now and then a second booking the family cancelled */
			if (!rc && !returned && sim_rng_chance(&r, 0.02)) {
				returned = true;
				cur = leg->currency;
				goto again;
			}
		}
		if (!rc && (ji & 8191) == 0)
			sim_progress(c, "hawala-ledger.csv", ji, w->journeys.len);
	}
	goto out;
nomem:
	rc = iv_seterr(c->err, IV_ERR_NOMEM, "out of memory");
out:
	c->rep->records += sf.rows ? sf.rows - 1 : 0;
	c->rep->files++;
	if (flows.f)
		rc = sim_file_abort(c, &flows, rc);
	rc = sim_file_abort(c, &sf, rc);
done:
	iv_buf_release(&dep);
	iv_buf_release(&ben);
	iv_free(led);
	return rc;
}
