/*
 * bank.c - bank and money-transfer records (CSV with a mapping), as banks
 * and money-transfer operators return them under production orders:
 * account holders as the bank writes them (upper case, initials,
 * "M. AL HASSAN"), IBANs with and without spaces and a few with a bad
 * check, UK sort codes, agent-typed names and customer numbers for
 * transfers, amounts and dates in each institution's own format.
 *
 * Money follows the world: families pay deposits and instalments for the
 * legs of captured journeys, debtors repay collectors in small sums, cells
 * pay boat suppliers, hub organisers move proceeds up to the leader in
 * amounts kept under £10,000, and about half the rows are legitimate
 * background (wages, rent, family support) with the same words in them.
 * Every row is also a line of truth/money_flows.csv (money.c).
 */
#include <ctype.h>
#include <string.h>

#include "sim/sim_int.h"

/* Share of journeys whose payers' or payees' accounts were covered by a
 * production order; tuned so that the bank file adds about 0.3 person
 * mentions per migrant. */
#define BANK_JOURNEY_SHARE 0.05
#define BANK_BOAT_SHARE    0.08
#define BANK_CELL_SHARE    0.5

static const char mapping[] =
        "# bank.yml - mapping of the bank and money-transfer records written by invigor sim.\n"
        "# A party is a Person keyed by the name and account (or the transfer agent's\n"
        "# customer number) as the institution wrote them; an account is keyed by the\n"
        "# IBAN or sort code and number as written, and a money transfer's customer\n"
        "# number is the customer's account with the operator (a row has one or the\n"
        "# other).  Payment ids are transaction ids.\n"
        "dataset: bank-records\n"
        "phone_region: GB\n"
        "date_order: dmy\n"
        "handling:\n"
        "  grade: 1A\n"
        "  handling: C\n"
        "  conditions: \"Production order (POCA 2002 s.345); do not disclose to the account "
        "holder; financial investigator's consent before dissemination\"\n"
        "  classification: OFFICIAL-SENSITIVE\n"
        "  descriptor: PERSONAL\n"
        "  originator: UK-FIN-INVESTIGATION\n"
        "  subject: other\n"
        "entities:\n"
        "  payer:\n"
        "    schema: Person\n"
        "    key_literal: bank-holder\n"
        "    keys: [sender_name, sender_iban, sender_account_no, sender_customer_ref]\n"
        "    properties:\n"
        "      name: {column: sender_name}\n"
        "      country: {column: sender_country}\n"
        "  payer_account:\n"
        "    schema: BankAccount\n"
        "    key_literal: bank-account\n"
        "    keys: [sender_iban, sender_account_no, sender_customer_ref]\n"
        "    properties:\n"
        "      iban: {column: sender_iban}\n"
        "      accountNumber: {columns: [sender_account_no, sender_customer_ref]}\n"
        "      country: {column: sender_country}\n"
        "  beneficiary:\n"
        "    schema: Person\n"
        "    key_literal: bank-holder\n"
        "    keys: [beneficiary_name, beneficiary_iban, beneficiary_account_no, "
        "beneficiary_customer_ref]\n"
        "    properties:\n"
        "      name: {column: beneficiary_name}\n"
        "      country: {column: beneficiary_country}\n"
        "  beneficiary_account:\n"
        "    schema: BankAccount\n"
        "    key_literal: bank-account\n"
        "    keys: [beneficiary_iban, beneficiary_account_no, beneficiary_customer_ref]\n"
        "    properties:\n"
        "      iban: {column: beneficiary_iban}\n"
        "      accountNumber: {columns: [beneficiary_account_no, beneficiary_customer_ref]}\n"
        "      country: {column: beneficiary_country}\n"
        "  payment:\n"
        "    schema: Payment\n"
        "    id_column: txn_id\n"
        "    properties:\n"
        "      transactionNumber: {column: txn_id}\n"
        "      date: {column: value_date}\n"
        "      payer: {entity: payer}\n"
        "      payerAccount: {entity: payer_account}\n"
        "      beneficiary: {entity: beneficiary}\n"
        "      beneficiaryAccount: {entity: beneficiary_account}\n"
        "      amount: {column: amount}\n"
        "      currency: {column: currency}\n"
        "      purpose: {column: reference}\n"
        "      programme: {column: channel}\n"
        "      publisher: {column: provider}\n"
        "      description: {column: branch}\n";

enum channel { CH_FPS, CH_SEPA, CH_SWIFT, CH_MTO };
static const char *const channel_names[] = {"FPS", "SEPA", "SWIFT", "MTO"};

/* Invented institutions: no real bank is named. */
static const char *const uk_banks[] = {"Northgate Bank plc", "Albion Savings Bank", "Thames Mutual",
                                       "Pennine Building Society"};
static const char *const mtos[] = {"SwiftRemit Ltd", "Zagros Express Transfer",
                                   "CityLink Money Transfer", "Bosphorus Para Transfer"};
static const char *const uk_branches[] = {
        "Croydon",         "Birmingham Soho Road", "Manchester Piccadilly",
        "Leeds Harehills", "Dover Market Sq",      "London Edgware Road",
        "Coventry",        "Peterborough"};

static const char *const by_given[] = {"James", "Sarah", "David",  "Emma", "Michael", "Laura",
                                       "Peter", "Julia", "Thomas", "Anna", "Mark",    "Helen"};
static const char *const by_family[] = {"Smith",  "Jones",  "Taylor",   "Brown",
                                        "Wilson", "Evans",  "Müller",   "Dubois",
                                        "Jansen", "Walker", "Kowalski", "Roberts"};

struct party {
	char true_id[16];
	char name[160];
	char iban[48], acct[40], cust[32];
	char country[4];
	char acct_true[16];
	char entity[IV_HASH_HEX];
	uint32_t ref; /* person reference for sim_person_mention, SIM_NONE otherwise */
};

struct bank {
	struct sim_ctx *c;
	struct sim_file csv, flows;
	struct sim_rng r;
	uint64_t n;     /* transactions written */
	uint32_t nbyst; /* bystanders in the pool */
	uint64_t *cell_gbp;
};

static void upper_ascii(char *s)
{
	for (; *s; s++)
		if (!(*s & 0x80))
			*s = (char)toupper((unsigned char)*s);
}

static int ascii_variant(const char *(*part)(const struct sim_person *, int),
                         const struct sim_person *p, int want)
{
	for (int v = want; v < want + 3; v++) {
		const char *s = part(p, v % 3);
		bool ascii = true;
		for (; *s; s++)
			ascii &= !(*s & 0x80);
		if (ascii)
			return v % 3;
	}
	return want;
}

/* A name as a bank or an agent writes it; h picks the style. */
static void bank_name(const struct sim_person *p, uint64_t h, char *out, size_t size)
{
	int vg = ascii_variant(sim_given, p, (int)(h % 3));
	int vf = ascii_variant(sim_family, p, (int)(h / 3 % 3));
	char given[48], family[48];
	size_t k = 0;

	snprintf(given, sizeof(given), "%s", sim_given(p, vg));
	snprintf(family, sizeof(family), "%s", sim_family(p, vf));
	if (h / 9 % 3 == 0) /* "Al-Hassan" -> "AL HASSAN" */
		for (char *s = family; *s; s++)
			if (*s == '-')
				*s = ' ';
	switch (h / 27 % 6) {
	case 0:
	case 1:
		snprintf(out, size, "%s %s", given, family);
		upper_ascii(out);
		break;
	case 2: /* initial: the first character, however many bytes it takes */
		k = 1;
		while (given[k] && (given[k] & 0xC0) == 0x80)
			k++;
		snprintf(out, size, "%.*s. %s", (int)k, given, family);
		upper_ascii(out);
		break;
	case 3:
		snprintf(out, size, "%s %s", family, given);
		upper_ascii(out);
		break;
	case 4:
		snprintf(out, size, "%s %s %s", p->sex == 'F' ? "MRS" : "MR", given, family);
		upper_ascii(out);
		break;
	default:
		snprintf(out, size, "%s %s", given, family);
	}
}

static void party_entity(struct party *pt)
{
	IV_HASHER_ALIGNED struct iv_hasher h;
	unsigned char d[IV_HASH_BYTES];

	iv_hasher_init(&h);
	iv_hasher_field(&h, "bank-holder");
	iv_hasher_field(&h, pt->name);
	iv_hasher_field(&h, pt->iban);
	iv_hasher_field(&h, pt->acct);
	iv_hasher_field(&h, pt->cust);
	iv_hasher_final(&h, d);
	iv_hash_hex(d, pt->entity);
}

static void account_entity(const struct party *pt, char out[IV_HASH_HEX])
{
	IV_HASHER_ALIGNED struct iv_hasher h;
	unsigned char d[IV_HASH_BYTES];

	iv_hasher_init(&h);
	iv_hasher_field(&h, "bank-account");
	iv_hasher_field(&h, pt->iban);
	iv_hasher_field(&h, pt->acct);
	iv_hasher_field(&h, pt->cust);
	iv_hasher_final(&h, d);
	iv_hash_hex(d, out);
}

static void uk_account(uint64_t h, char *out, size_t size)
{
	snprintf(out, size, "%02u-%02u-%02u %08llu", (unsigned)(h % 90 + 10),
	         (unsigned)(h / 90 % 100), (unsigned)(h / 9000 % 100),
	         (unsigned long long)(h / 900000 % 100000000ULL));
}

/* A facilitator as holder of his first (or k-th) account, or as an agent's pickup. */
static void party_fac(struct bank *b, uint32_t f, unsigned k, enum channel ch, struct party *pt)
{
	const struct sim_world *w = b->c->w;
	const struct sim_fac *fc = &SIM_AT(w->facs, struct sim_fac, f);
	uint32_t acc = fc->account == SIM_NONE ? SIM_NONE : fc->account + k % fc->naccounts;

	memset(pt, 0, sizeof(*pt));
	pt->ref = SIM_PERSON_FAC | f;
	sim_true_id(pt->ref, pt->true_id, sizeof(pt->true_id));
	if (ch == CH_MTO || acc == SIM_NONE) { /* typed by the agent at the counter */
		bank_name(&fc->p, sim_rng_next(&b->r), pt->name, sizeof(pt->name));
		snprintf(pt->country, sizeof(pt->country), "%s",
		         sim_countries[SIM_AT(w->phones, struct sim_phone, fc->p.phone).country]
		                 .iso2);
	} else {
		const struct sim_account *a = &SIM_AT(w->accounts, struct sim_account, acc);
		char iban[48];
		/* the holder's name is the same on every statement of one account */
		bank_name(&fc->p, sim_mix64(w->seed, acc), pt->name, sizeof(pt->name));
		sim_iban(w, acc, sim_rng_chance(&b->r, 0.02), iban, sizeof(iban));
		snprintf(pt->country, sizeof(pt->country), "%s", sim_countries[a->country].iso2);
		snprintf(pt->acct_true, sizeof(pt->acct_true), "AC%07u", acc);
		if (ch == CH_FPS && a->country == C_GB) /* GBkk WEST ssssss aaaaaaaa */
			snprintf(pt->acct, sizeof(pt->acct), "%.2s-%.2s-%.2s %.8s", iban + 8,
			         iban + 10, iban + 12, iban + 14);
		else if (sim_rng_chance(&b->r, 0.3)) { /* printed in groups of four */
			size_t n = 0;
			for (size_t i = 0; iban[i] && n + 2 < sizeof(pt->iban); i++) {
				if (i && i % 4 == 0)
					pt->iban[n++] = ' ';
				pt->iban[n++] = iban[i];
			}
			pt->iban[n] = '\0';
		} else {
			snprintf(pt->iban, sizeof(pt->iban), "%s", iban);
		}
	}
	party_entity(pt);
}

static void party_relative(struct bank *b, uint32_t journey, enum channel ch, struct party *pt)
{
	const struct sim_world *w = b->c->w;
	struct sim_relative rel;
	uint64_t h = sim_mix64(w->seed ^ 0x41434354ULL, journey);

	sim_relative_of(w, journey, &rel);
	memset(pt, 0, sizeof(*pt));
	pt->ref = SIM_NONE;
	snprintf(pt->true_id, sizeof(pt->true_id), "R%07u", journey);
	snprintf(pt->country, sizeof(pt->country), "%s", sim_countries[rel.country].iso2);
	if (ch == CH_FPS) {
		bank_name(&rel.p, h, pt->name, sizeof(pt->name));
		uk_account(h, pt->acct, sizeof(pt->acct));
		snprintf(pt->acct_true, sizeof(pt->acct_true), "AR%07u", journey);
	} else { /* agent-typed name, the customer number the operator gave him */
		bank_name(&rel.p, sim_rng_next(&b->r), pt->name, sizeof(pt->name));
		snprintf(pt->cust, sizeof(pt->cust), "C%09llu",
		         (unsigned long long)(h % 1000000000ULL));
		snprintf(pt->acct_true, sizeof(pt->acct_true), "CR%07u", journey);
	}
	party_entity(pt);
}

static void party_migrant(struct bank *b, uint32_t m, struct party *pt)
{
	const struct sim_world *w = b->c->w;
	const struct sim_person *p = &SIM_AT(w->migrants, struct sim_person, m);

	memset(pt, 0, sizeof(*pt));
	pt->ref = m;
	sim_true_id(m, pt->true_id, sizeof(pt->true_id));
	bank_name(p, sim_rng_next(&b->r), pt->name, sizeof(pt->name));
	snprintf(pt->cust, sizeof(pt->cust), "C%09llu",
	         (unsigned long long)(sim_mix64(w->seed ^ 0x4d4947ULL, m) % 1000000000ULL));
	snprintf(pt->acct_true, sizeof(pt->acct_true), "CM%07u", m);
	snprintf(pt->country, sizeof(pt->country), "GB");
	party_entity(pt);
}

static void party_bystander(struct bank *b, uint32_t x, struct party *pt)
{
	uint64_t h = sim_mix64(b->c->w->seed ^ 0x425953ULL, x);

	memset(pt, 0, sizeof(*pt));
	pt->ref = SIM_NONE;
	snprintf(pt->true_id, sizeof(pt->true_id), "X%07u", x);
	snprintf(pt->name, sizeof(pt->name), "%s %s", by_given[h % 12], by_family[h / 12 % 12]);
	if (h / 144 % 2)
		upper_ascii(pt->name);
	uk_account(h / 288, pt->acct, sizeof(pt->acct));
	snprintf(pt->acct_true, sizeof(pt->acct_true), "AX%07u", x);
	snprintf(pt->country, sizeof(pt->country), "GB");
	party_entity(pt);
}

static void date_noisy(struct bank *b, int day, bool german, char *iso, char *out, size_t size)
{
	static const char *const mon[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
	                                  "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
	static const double wt[] = {40, 30, 8, 7, 5};
	int y, m, d;

	if (day > 364)
		day = 364;
	sim_day_iso(b->c->w->year, day, iso, 16);
	sscanf(iso, "%d-%d-%d", &y, &m, &d);
	if (german) {
		snprintf(out, size, "%02d.%02d.%04d", d, m, y);
		return;
	}
	switch (sim_rng_weighted(&b->r, wt, 5)) {
	case 0:
		snprintf(out, size, "%s", iso);
		break;
	case 1:
		snprintf(out, size, "%02d/%02d/%04d", d, m, y);
		break;
	case 2:
		snprintf(out, size, "%04d%02d%02d", y, m, d);
		break;
	case 3:
		snprintf(out, size, "%02d-%s-%02d", d, mon[m - 1], y % 100);
		break;
	default: /* an operator's US-style export */
		snprintf(out, size, "%02d/%02d/%04d", m, d, y);
	}
}

static void amount_text(struct bank *b, uint64_t v, bool german, char *out, size_t size)
{
	unsigned th = (unsigned)(v / 1000), rest = (unsigned)(v % 1000);

	if (german)
		snprintf(out, size, th ? "%u.%03u,00" : "%.0u%u,00", th, rest);
	else if (sim_rng_chance(&b->r, 0.4))
		snprintf(out, size, th ? "%u,%03u.00" : "%.0u%u.00", th, rest);
	else if (sim_rng_chance(&b->r, 0.5))
		snprintf(out, size, "%llu.00", (unsigned long long)v);
	else
		snprintf(out, size, "%llu", (unsigned long long)v);
}

static IV_MUST_USE enum iv_err mention(struct sim_ctx *c, const struct party *pt)
{
	enum iv_err rc;

	if (pt->ref != SIM_NONE) {
		rc = sim_person_mention(c, "bank.csv", pt->entity, pt->name, pt->ref);
	} else {
		c->rep->person_mentions++;
		rc = sim_mention(c, "bank.csv", pt->entity, "", pt->name, "person", pt->true_id);
	}
	if (!rc && pt->acct_true[0]) {
		char acc[IV_HASH_HEX];
		account_entity(pt, acc);
		rc = sim_mention(c, "bank.csv", acc, pt->iban[0] ? "iban" : "accountNumber",
		                 pt->iban[0]   ? pt->iban
		                 : pt->acct[0] ? pt->acct
		                               : pt->cust,
		                 "account", pt->acct_true);
	}
	return rc;
}

struct txn {
	const struct party *from, *to;
	enum channel ch;
	int day;
	uint64_t amount; /* whole units of currency */
	const char *currency, *reference, *category;
	uint64_t gbp, proceeds;
	uint32_t ocg, journey;
	int leg;
};

static IV_MUST_USE enum iv_err write_txn(struct bank *b, const struct txn *t)
{
	struct sim_ctx *c = b->c;
	bool german =
	        t->ch == CH_SEPA && !strcmp(t->to->country, "DE") && sim_rng_chance(&b->r, 0.7);
	char id[32], iso[16], date[24], amount[32];
	const char *provider, *branch, *f[18];
	struct sim_flow fl;
	enum iv_err rc;

	b->n++;
	switch (t->ch) {
	case CH_FPS:
		snprintf(id, sizeof(id), "FP%02d%09lluGB", c->w->year % 100,
		         (unsigned long long)b->n);
		provider = uk_banks[b->n % 4];
		break;
	case CH_SEPA:
		snprintf(id, sizeof(id), "SEPA%02d%010llu", c->w->year % 100,
		         (unsigned long long)b->n);
		provider = german ? "Rheinland Handelsbank" : "Banque du Littoral";
		break;
	case CH_SWIFT:
		snprintf(id, sizeof(id), "SW%02dX%08llu", c->w->year % 100,
		         (unsigned long long)b->n);
		provider = uk_banks[b->n % 4];
		break;
	default:
		snprintf(id, sizeof(id), "MTCN %010llu",
		         (unsigned long long)((1000000000ULL + b->n * 7919ULL) % 10000000000ULL));
		provider = mtos[b->n % 4];
	}
	branch = !strcmp(t->from->country, "GB") ? uk_branches[sim_rng_below(&b->r, 8)]
	         : t->ch == CH_MTO               ? "agent"
	                                         : "";
	date_noisy(b, t->day, german, iso, date, sizeof(date));
	amount_text(b, t->amount, german, amount, sizeof(amount));
	f[0] = id, f[1] = provider, f[2] = channel_names[t->ch], f[3] = date;
	f[4] = t->from->name, f[5] = t->from->iban, f[6] = t->from->acct, f[7] = t->from->cust;
	f[8] = sim_rng_chance(&b->r, 0.9) ? t->from->country : "";
	f[9] = t->to->name, f[10] = t->to->iban, f[11] = t->to->acct, f[12] = t->to->cust;
	f[13] = t->to->country, f[14] = amount, f[15] = t->currency;
	f[16] = t->reference, f[17] = branch;
	rc = sim_csv_row(c, &b->csv, f, 18);
	if (!rc)
		rc = mention(c, t->from);
	if (!rc)
		rc = mention(c, t->to);
	if (rc)
		return rc;
	memset(&fl, 0, sizeof(fl));
	fl.source = "bank.csv", fl.txn = id, fl.date = iso;
	fl.payer_true = t->from->true_id, fl.ben_true = t->to->true_id;
	fl.payer_entity = t->from->entity, fl.ben_entity = t->to->entity;
	fl.amount = amount, fl.currency = t->currency, fl.category = t->category;
	fl.channel = t->ch == CH_MTO ? "mto" : "bank";
	fl.gbp = t->gbp, fl.proceeds = t->proceeds, fl.ocg = t->ocg, fl.journey = t->journey;
	fl.leg = t->leg;
	return sim_money_flow(c, &b->flows, &fl);
}

static void family_reference(struct bank *b, const struct sim_person *m, char *out, size_t size)
{
	static const char *const refs[] = {"family support", "gift",       "FAMILY SUPPORT",
	                                   "loan",           "travel",     "for brother",
	                                   "help",           "HOUSE RENT", "medical"};

	if (sim_rng_chance(&b->r, 0.15)) /* the traveller's name as the reference */
		snprintf(out, size, "for %s", sim_given(m, 0));
	else
		snprintf(out, size, "%s",
		         sim_rng_chance(&b->r, 0.1) ? "" : refs[sim_rng_below(&b->r, 9)]);
}

/* Who is paid for a leg: the facilitator, or his hub organiser's account. */
static uint32_t payee_of(const struct sim_world *w, uint32_t f)
{
	const struct sim_fac *fc = &SIM_AT(w->facs, struct sim_fac, f);

	if (fc->account != SIM_NONE)
		return f;
	return SIM_AT(w->cells, struct sim_cell, fc->cell).organiser;
}

/* The payments for one captured journey, leg by leg. */
/*
 * A leg's price in the pieces it is paid in, as the journey's way of paying
 * says: a deposit and the rest on arrival (when it arrives), up to three
 * instalments, or small repayments from wages (debt bondage, at most the
 * leg's price).  Returns how many pieces (at most 4); *category names the
 * first.
 */
static unsigned leg_pieces(struct bank *b, const struct sim_journey *j, uint64_t total,
                           uint64_t gbp, bool done, uint64_t piece[4], const char **category)
{
	uint64_t paid = 0;
	unsigned npiece = 0;

	*category = "instalment";
	if (j->pay == PAY_DEPOSIT_ON_ARRIVAL) {
		piece[0] = total * (uint64_t)sim_rng_range(&b->r, 30, 50) / 100 / 50 * 50;
		piece[1] = total - piece[0];
		npiece = 1;
		npiece += done;
		*category = "deposit";
	} else if (j->pay == PAY_INSTALMENTS) {
		unsigned k = 1 + (total > 2000) + (total > 6000);
		for (unsigned i = 0; i + 1 < k; i++)
			piece[i] = total / k / 50 * 50, paid += piece[i];
		piece[k - 1] = total - paid;
		npiece = k;
	} else { /* debt: the traveller repays the collector from wages, in small sums */
		unsigned k = (unsigned)sim_rng_range(&b->r, 2, 4);
		for (unsigned i = 0; i < k && paid + 900 <= gbp; i++)
			piece[npiece++] = (uint64_t)sim_rng_range(&b->r, 5, 18) * 50,
			paid += piece[npiece - 1];
	}
	return npiece;
}

/* One leg of a journey and how it is paid, for leg_payment. */
struct leg_pay {
	uint32_t ji;
	unsigned l;
	uint32_t payee;          /* the facilitator paid */
	uint64_t total, gbp;     /* the leg's price in its currency and in pounds */
	bool complete;           /* the pieces add up to the price */
	unsigned npiece;         /* how many pieces */
	uint64_t paid_gbp;       /* pounds of the pieces before */
	const char *category;    /* the first piece's */
	struct sim_relative rel; /* who pays for the traveller */
};

/* Piece i of a leg's price: the traveller's repayment of a debt, or the family's
 * payment by a money-transfer operator, Faster Payments or SWIFT. */
static IV_MUST_USE enum iv_err leg_payment(struct bank *b, struct leg_pay *lp, unsigned i,
                                           uint64_t piece)
{
	const struct sim_world *w = b->c->w;
	const struct sim_journey *j = &SIM_AT(w->journeys, struct sim_journey, lp->ji);
	const struct sim_person *m = &SIM_AT(w->migrants, struct sim_person, j->first_migrant);
	enum channel ch = CH_MTO;
	struct party from, to;
	char ref[64];
	struct txn t;

	memset(&t, 0, sizeof(t));
	if (j->pay == PAY_DEBT) {
		party_migrant(b, j->first_migrant, &from);
		t.currency = "GBP", t.amount = piece, t.gbp = piece;
		t.reference = sim_rng_chance(&b->r, 0.5) ? "rent" : "food money";
		t.day = sim_leg_day(j, lp->l) + 30 * (int)(i + 1);
	} else {
		if (lp->rel.country == C_GB)
			ch = SIM_AT(w->accounts, struct sim_account,
			            SIM_AT(w->facs, struct sim_fac, lp->payee).account)
			                             .country == C_GB
			             ? CH_FPS
			             : CH_SWIFT;
		party_relative(b, lp->ji, ch == CH_MTO ? CH_MTO : CH_FPS, &from);
		t.amount = piece;
		t.currency = sim_routes[j->route].legs[lp->l].currency;
		t.gbp = lp->complete && i + 1 == lp->npiece
		                ? lp->gbp - lp->paid_gbp
		                : lp->gbp * piece / (lp->total ? lp->total : 1);
		if (ch == CH_FPS) /* domestic payments are in pounds */
			t.currency = "GBP", t.amount = t.gbp;
		family_reference(b, m, ref, sizeof(ref));
		t.reference = ref;
		t.day = sim_leg_day(j, lp->l) - 6 + 3 * (int)i + (i ? 10 : 0);
		if (t.day < 0)
			t.day = 0;
	}
	party_fac(b, lp->payee, 0, ch, &to);
	t.from = &from, t.to = &to, t.ch = ch;
	t.category = i == 0 ? lp->category : "instalment";
	t.proceeds = t.gbp;
	t.ocg = SIM_AT(w->facs, struct sim_fac, j->fac[lp->l]).ocg;
	t.journey = lp->ji, t.leg = (int)lp->l;
	lp->paid_gbp += t.gbp;
	return write_txn(b, &t);
}

static IV_MUST_USE enum iv_err journey_payments(struct bank *b, uint32_t ji)
{
	const struct sim_world *w = b->c->w;
	const struct sim_journey *j = &SIM_AT(w->journeys, struct sim_journey, ji);
	struct leg_pay lp = {.ji = ji};
	enum iv_err rc = IV_OK;

	sim_relative_of(w, ji, &lp.rel);
	if (j->pay == PAY_HAWALA || j->pay == PAY_CASH)
		return IV_OK;
	for (unsigned l = 0; !rc && l < j->nlegs; l++) {
		bool done = l + 1u < j->nlegs || j->outcome == OUT_ARRIVED;
		uint64_t piece[4], paid = 0;

		if (j->pay == PAY_DEBT && l + 1u < j->nlegs)
			continue;
		lp.l = l;
		lp.payee = payee_of(w, j->fac[l]);
		lp.total = (uint64_t)j->price[l] * j->nmigrants;
		lp.gbp = sim_leg_gbp(j, l);
		lp.paid_gbp = 0;
		lp.npiece = leg_pieces(b, j, lp.total, lp.gbp, done, piece, &lp.category);
		for (unsigned i = 0; i < lp.npiece; i++)
			paid += piece[i];
		lp.complete = j->pay != PAY_DEBT && paid == lp.total;
		for (unsigned i = 0; !rc && i < lp.npiece; i++)
			rc = leg_payment(b, &lp, i, piece[i]);
	}
	return rc;
}

/* Wages, rent and family support: the same words, no smuggling behind them. */
static IV_MUST_USE enum iv_err background(struct bank *b, uint32_t ji)
{
	const struct sim_world *w = b->c->w;
	static const char *const out_refs[] = {"RENT",          "rent june",      "COUNCIL TAX",
	                                       "car insurance", "family support", "loan repayment",
	                                       "gift"};
	struct party from, to;
	struct txn t;
	unsigned kind = sim_rng_below(&b->r, 4);
	struct sim_relative rel;

	sim_relative_of(w, ji, &rel);
	memset(&t, 0, sizeof(t));
	t.ch = CH_FPS;
	t.currency = "GBP";
	t.category = "legitimate";
	t.ocg = t.journey = SIM_NONE;
	t.leg = -1;
	t.day = (int)sim_rng_below(&b->r, 365);
	if (kind == 0 && rel.country == C_GB) { /* wages into a relative's account */
		party_bystander(b, sim_rng_below(&b->r, b->nbyst), &from);
		party_relative(b, ji, CH_FPS, &to);
		t.amount = (uint64_t)sim_rng_range(&b->r, 14, 32) * 100;
		t.reference = sim_rng_chance(&b->r, 0.5) ? "SALARY" : "wages";
	} else if (kind == 1 && rel.country == C_GB) {
		party_relative(b, ji, CH_FPS, &from);
		party_bystander(b, sim_rng_below(&b->r, b->nbyst), &to);
		t.amount = (uint64_t)sim_rng_range(&b->r, 4, 14) * 50;
		t.reference = out_refs[sim_rng_below(&b->r, 7)];
	} else if (kind == 2 && w->facs.len) { /* a facilitator's ordinary outgoings */
		uint32_t f = sim_rng_below(&b->r, (uint32_t)w->facs.len);
		const struct sim_fac *fc = &SIM_AT(w->facs, struct sim_fac, f);
		if (fc->account == SIM_NONE ||
		    SIM_AT(w->accounts, struct sim_account, fc->account).country != C_GB)
			f = payee_of(w, f), fc = &SIM_AT(w->facs, struct sim_fac, f);
		if (SIM_AT(w->accounts, struct sim_account, fc->account).country != C_GB)
			t.ch = CH_SWIFT;
		party_fac(b, f, 0, t.ch, &from);
		party_bystander(b, sim_rng_below(&b->r, b->nbyst), &to);
		t.amount = (uint64_t)sim_rng_range(&b->r, 6, 30) * 50;
		t.reference = out_refs[sim_rng_below(&b->r, 4)];
	} else { /* a family abroad helped by a relative: looks like a deposit */
		party_bystander(b, sim_rng_below(&b->r, b->nbyst), &from);
		party_relative(b, ji, CH_MTO, &to);
		t.ch = CH_MTO;
		t.amount = (uint64_t)sim_rng_range(&b->r, 2, 30) * 50;
		t.reference = sim_rng_chance(&b->r, 0.6) ? "family support" : "gift";
	}
	t.from = &from, t.to = &to;
	t.gbp = t.amount;
	return write_txn(b, &t);
}

/* Cells pay the supplier for the boat package (about EUR 15k), structured. */
static IV_MUST_USE enum iv_err supplier_payments(struct bank *b)
{
	const struct sim_world *w = b->c->w;
	enum iv_err rc = IV_OK;

	for (size_t i = 0; !rc && i < w->boats.len; i++) {
		const struct sim_boat *bt = &SIM_AT(w->boats, struct sim_boat, i);
		const struct sim_fac *sup;
		struct party from, to;
		uint64_t total, paid = 0;
		unsigned k;
		if (bt->mode != MODE_SMALL_BOAT || bt->supplier == SIM_NONE ||
		    !sim_rng_chance(&b->r, BANK_BOAT_SHARE))
			continue;
		sup = &SIM_AT(w->facs, struct sim_fac, bt->supplier);
		total = (uint64_t)sim_rng_range(&b->r, 120, 165) * 100;
		k = (unsigned)sim_rng_range(&b->r, 2, 3);
		for (unsigned p = 0; !rc && p < k; p++) {
			struct txn t;
			uint64_t amt = p + 1 == k ? total - paid : total / k / 10 * 10;
			enum channel ch = sup->account == SIM_NONE ? CH_MTO : CH_SEPA;
			paid += amt;
			party_fac(b, SIM_AT(w->cells, struct sim_cell, sup->cell).organiser, 0,
			          ch == CH_MTO ? CH_MTO : CH_SWIFT, &from);
			party_fac(b, bt->supplier, 0, ch, &to);
			memset(&t, 0, sizeof(t));
			t.from = &from, t.to = &to, t.ch = ch;
			t.day = bt->day - 12 + (int)p * 2 < 0 ? 0 : bt->day - 12 + (int)p * 2;
			t.amount = amt, t.currency = "EUR";
			t.reference = sim_rng_chance(&b->r, 0.5)   ? "boat parts"
			              : sim_rng_chance(&b->r, 0.5) ? "MARINE EQUIPMENT"
			                                           : "invoice";
			t.category = "supplier";
			t.gbp = (uint64_t)((double)amt * 0.85);
			t.ocg = bt->ocg, t.journey = SIM_NONE, t.leg = -1;
			rc = write_txn(b, &t);
		}
	}
	return rc;
}

/* Hub organisers move proceeds up to the route leader, under £10,000 a time. */
static IV_MUST_USE enum iv_err proceeds_up(struct bank *b)
{
	const struct sim_world *w = b->c->w;
	enum iv_err rc = IV_OK;

	for (size_t ci = 0; !rc && ci < w->cells.len; ci++) {
		const struct sim_cell *cl = &SIM_AT(w->cells, struct sim_cell, ci);
		const struct sim_ocg *g = &SIM_AT(w->ocgs, struct sim_ocg, cl->ocg);
		uint64_t moves = b->cell_gbp[ci] / 4 / 9500;
		if (cl->organiser == g->leader || !sim_rng_chance(&b->r, BANK_CELL_SHARE))
			continue;
		if (moves > 4 + w->scale / 250000)
			moves = 4 + w->scale / 250000;
		for (uint64_t k = 0; !rc && k < moves; k++) {
			struct party from, to;
			struct txn t;
			party_fac(b, cl->organiser, (unsigned)k, CH_SWIFT, &from);
			party_fac(b, g->leader, (unsigned)(k / 2), CH_SWIFT, &to);
			memset(&t, 0, sizeof(t));
			t.from = &from, t.to = &to;
			t.ch = !strcmp(from.country, "GB") && !strcmp(to.country, "GB") ? CH_FPS
			                                                                : CH_SWIFT;
			if (t.ch == CH_FPS) { /* re-render with sort codes */
				party_fac(b, cl->organiser, (unsigned)k, CH_FPS, &from);
				party_fac(b, g->leader, (unsigned)(k / 2), CH_FPS, &to);
			}
			t.day = (int)sim_rng_below(&b->r, 365);
			t.amount = (uint64_t)sim_rng_range(&b->r, 900, 990) * 10;
			t.currency = t.ch == CH_FPS ? "GBP" : "EUR";
			t.gbp = t.ch == CH_FPS ? t.amount : (uint64_t)((double)t.amount * 0.85);
			t.reference = sim_rng_chance(&b->r, 0.4)   ? "loan"
			              : sim_rng_chance(&b->r, 0.5) ? "business investment"
			                                           : "car sale";
			t.category = "proceeds";
			t.ocg = cl->ocg, t.journey = SIM_NONE, t.leg = -1;
			rc = write_txn(b, &t);
		}
	}
	return rc;
}

static IV_MUST_USE enum iv_err parties_truth(struct bank *b)
{
	static const char *const h[] = {"true_id", "kind",     "name",
	                                "country", "relation", "migrant"};
	struct sim_ctx *c = b->c;
	const struct sim_world *w = c->w;
	struct sim_file sf;
	enum iv_err rc = sim_file_open(c, &sf, "truth/money_parties.csv");

	if (rc)
		return rc;
	rc = sim_csv_row(c, &sf, h, 6);
	for (size_t i = 0; !rc && i < w->journeys.len; i++) {
		struct sim_relative rel;
		char id[32], mid[32];
		const char *v[6];
		sim_relative_of(w, (uint32_t)i, &rel);
		iv_buf_reset(&c->tmp);
		if (sim_name(&c->tmp, &rel.p, NAME_CANONICAL, NULL))
			return sim_file_abort(c, &sf,
			                      iv_seterr(c->err, IV_ERR_NOMEM, "out of memory"));
		snprintf(id, sizeof(id), "R%07zu", i);
		sim_true_id(SIM_AT(w->journeys, struct sim_journey, i).first_migrant, mid,
		            sizeof(mid));
		v[0] = id, v[1] = "relative", v[2] = c->tmp.buf;
		v[3] = sim_countries[rel.country].iso2, v[4] = sim_relations[rel.relation];
		v[5] = mid;
		rc = sim_csv_row(c, &sf, v, 6);
	}
	for (uint32_t x = 0; !rc && x < b->nbyst; x++) {
		struct party pt;
		const char *v[6];
		party_bystander(b, x, &pt);
		v[0] = pt.true_id, v[1] = "bystander", v[2] = pt.name, v[3] = "GB", v[4] = "";
		v[5] = "";
		rc = sim_csv_row(c, &sf, v, 6);
	}
	return sim_file_abort(c, &sf, rc);
}

enum iv_err sim_write_bank(struct sim_ctx *c)
{
	static const char *const header[] = {"txn_id",
	                                     "provider",
	                                     "channel",
	                                     "value_date",
	                                     "sender_name",
	                                     "sender_iban",
	                                     "sender_account_no",
	                                     "sender_customer_ref",
	                                     "sender_country",
	                                     "beneficiary_name",
	                                     "beneficiary_iban",
	                                     "beneficiary_account_no",
	                                     "beneficiary_customer_ref",
	                                     "beneficiary_country",
	                                     "amount",
	                                     "currency",
	                                     "reference",
	                                     "branch"};
	const struct sim_world *w = c->w;
	struct bank b;
	enum iv_err rc;

	memset(&b, 0, sizeof(b));
	b.c = c;
	b.nbyst = (uint32_t)(w->journeys.len / 20 + 50);
	sim_rng_seed(&b.r, w->seed, 'B');
	rc = sim_write_text(c, "bank.yml", mapping);
	if (rc)
		return rc;
	b.cell_gbp = iv_calloc((w->cells.len + 1) * sizeof(*b.cell_gbp));
	if (!b.cell_gbp)
		return iv_seterr(c->err, IV_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < w->journeys.len; i++) {
		const struct sim_journey *j = &SIM_AT(w->journeys, struct sim_journey, i);
		for (unsigned l = 0; l < j->nlegs; l++)
			b.cell_gbp[SIM_AT(w->facs, struct sim_fac, j->fac[l]).cell] +=
			        sim_leg_gbp(j, l);
	}
	rc = sim_file_open(c, &b.csv, "bank.csv");
	if (rc)
		goto out;
	rc = sim_money_open(c, &b.flows, false);
	if (!rc)
		rc = sim_csv_row(c, &b.csv, header, 18);
	for (size_t i = 0; !rc && i < w->journeys.len; i++) {
		if (!sim_rng_chance(&b.r, BANK_JOURNEY_SHARE))
			continue;
		rc = journey_payments(&b, (uint32_t)i);
		if (!rc && sim_rng_chance(&b.r, 0.9))
			rc = background(&b, (uint32_t)i);
		if (!rc && sim_rng_chance(&b.r, 0.5))
			rc = background(&b, (uint32_t)i);
		if (!rc && (i & 8191) == 0)
			sim_progress(c, "bank.csv", i, w->journeys.len);
	}
	if (!rc)
		rc = supplier_payments(&b);
	if (!rc)
		rc = proceeds_up(&b);
	if (!rc)
		rc = parties_truth(&b);
out:
	iv_free(b.cell_gbp);
	c->rep->records += b.csv.rows ? b.csv.rows - 1 : 0;
	c->rep->files++;
	if (b.flows.f)
		rc = sim_file_abort(c, &b.flows, rc);
	return sim_file_abort(c, &b.csv, rc);
}
