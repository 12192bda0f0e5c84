/*
 * documents.c - document examinations at the border (CSV with a mapping):
 * what a document examiner records about each passport (ICAO 9303 TD3)
 * or identity card (TD1) presented: the data page as printed, the MRZ
 * lines as read (joined by a line feed inside one quoted field), and the
 * finding.  Genuine documents have correct check digits; forged ones
 * follow the world's forgery kinds (DOMAIN.md §3): a bad check digit, one
 * number reused across a forger's batch (same issuing state and number
 * under different identities), an impostor with a look-alike's genuine
 * document, an MRZ unlike the printed data, impossible dates.
 *
 * Truth: truth/documents.csv (one row per document: true holder,
 * presenter, forged, reasons, check-digit status per field) and the
 * person mentions in mentions.csv.
 */
#include <ctype.h>
#include <string.h>

#include "iv/mrz.h"
#include "sim/sim_int.h"

static const char mapping[] =
        "# documents.yml - mapping of the document examinations written by invigor sim.\n"
        "# A passport (TD3) fills passport_id, an identity card (TD1) idcard_id; the\n"
        "# holder is the identity printed on the document, the presenter is recorded\n"
        "# only when the examiner established that someone else presented it.\n"
        "dataset: uk-document-exams\n"
        "date_order: dmy\n"
        "handling:\n"
        "  grade: 1A\n"
        "  handling: C\n"
        "  conditions: \"UK agencies only; forensic document report required before use in "
        "court\"\n"
        "  classification: OFFICIAL-SENSITIVE\n"
        "  descriptor: PERSONAL\n"
        "  originator: UK-BF-NDFU\n"
        "  subject: other\n"
        "entities:\n"
        "  holder:\n"
        "    schema: Person\n"
        "    id_column: holder_mid\n"
        "    properties:\n"
        "      name: {columns: [given_names, surname]}\n"
        "      firstName: {column: given_names}\n"
        "      lastName: {column: surname}\n"
        "      alias: {column: name_native}\n"
        "      birthDate: {column: birth_date}\n"
        "      gender: {column: sex}\n"
        "      nationality: {column: nationality}\n"
        "  presenter:\n"
        "    schema: Person\n"
        "    id_column: presenter_mid\n"
        "    handling: {subject: suspect}\n"
        "    properties:\n"
        "      name: {column: presenter_name}\n"
        "  passport:\n"
        "    schema: Passport\n"
        "    id_column: passport_id\n"
        "    properties:\n"
        "      holder: {entity: holder}\n"
        "      type: {column: doc_type}\n"
        "      number: {column: document_number}\n"
        "      passportNumber: {column: document_number}\n"
        "      country: {column: issuing_state}\n"
        "      surname: {column: surname}\n"
        "      givenName: {column: given_names}\n"
        "      birthDate: {column: birth_date}\n"
        "      gender: {column: sex}\n"
        "      personalNumber: {column: personal_number}\n"
        "      startDate: {column: issue_date}\n"
        "      endDate: {column: expiry_date}\n"
        "      mrz: {column: mrz}\n"
        "      date: {column: exam_date}\n"
        "      recordId: {column: exam_id}\n"
        "      summary: {column: port}\n"
        "      description: {column: finding}\n"
        "  idcard:\n"
        "    schema: Identification\n"
        "    id_column: idcard_id\n"
        "    properties:\n"
        "      holder: {entity: holder}\n"
        "      type: {column: doc_type}\n"
        "      number: {column: document_number}\n"
        "      country: {column: issuing_state}\n"
        "      startDate: {column: issue_date}\n"
        "      endDate: {column: expiry_date}\n"
        "      mrz: {column: mrz}\n"
        "      date: {column: exam_date}\n"
        "      recordId: {column: exam_id}\n"
        "      summary: {column: port}\n"
        "      description: {column: finding}\n"
        "  presented:\n"
        "    schema: UnknownLink\n"
        "    id_column: link_id\n"
        "    properties:\n"
        "      subject: {entity: presenter}\n"
        "      object: {column: document_id}\n"
        "      role: {literal: presented the document}\n"
        "      date: {column: exam_date}\n";

static const char *const header[] = {
        "exam_id",     "exam_date",     "port",           "examiner",        "doc_type",
        "document_id", "passport_id",   "idcard_id",      "issuing_state",   "document_number",
        "surname",     "given_names",   "name_native",    "nationality",     "birth_date",
        "sex",         "issue_date",    "expiry_date",    "personal_number", "mrz",
        "holder_mid",  "presenter_mid", "presenter_name", "link_id",         "finding",
        "outcome"};
enum { NF = sizeof(header) / sizeof(header[0]) };

static const char *const airports[] = {"Heathrow Terminal 2",
                                       "Heathrow Terminal 4",
                                       "Heathrow Terminal 5",
                                       "Gatwick North",
                                       "Stansted",
                                       "Manchester Terminal 1",
                                       "Birmingham"};
static const char *const seaports[] = {"Dover Eastern Docks", "Coquelles (juxtaposed control)",
                                       "Western Jet Foil, Dover", "Folkestone",
                                       "Harwich International"};

/* ---- dates: days since 2010-01-01 ------------------------------------------- */

static int year_days(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 366 : 365;
}

static int days_of(int y, int m, int d)
{
	int n = 0;

	for (int k = 2010; k < y; k++)
		n += year_days(k);
	for (int k = y; k < 2010; k++)
		n -= year_days(k);
	for (int k = 1; k < m; k++)
		n += iv_days_in_month(y, k);
	return n + d - 1;
}

struct ymd {
	int y, m, d;
};

static struct ymd ymd_of(int days)
{
	struct ymd r = {2010, 1, 1};

	while (days < 0)
		days += year_days(--r.y);
	while (days >= year_days(r.y))
		days -= year_days(r.y++);
	while (days >= iv_days_in_month(r.y, r.m))
		days -= iv_days_in_month(r.y, r.m++);
	r.d = days + 1;
	return r;
}

/* ---- MRZ ---------------------------------------------------------------------- */

/* The base Latin letter of a code point (ICAO 9303 transliteration, simplified). */
static char fold(unsigned cp)
{
	static const char latin1[] =
	        "AAAAAAACEEEEIIIIDNOOOOO OUUUUYPSAAAAAAACEEEEIIIIDNOOOOO OUUUUYPY";
	static const char ext_a[] =
	        "AAAAAACCCCCCCCDDDDEEEEEEEEEEGGGGGGGGHHHHIIIIIIIIIIIIJJKKKLLLLLLLLL"
	        "LNNNNNNNNNOOOOOOOORRRRRRSSSSSSSSTTTTTTUUUUUUUUUUUUWWYYYZZZZZZS";

	_Static_assert(sizeof(latin1) == 65 && sizeof(ext_a) == 129, "fold tables");
	if (cp < 0x80)
		return (char)toupper((int)cp);
	if (cp >= 0xC0 && cp <= 0xFF)
		return latin1[cp - 0xC0];
	if (cp >= 0x100 && cp <= 0x17F)
		return ext_a[cp - 0x100];
	if (cp == 0x1A0 || cp == 0x1A1)
		return 'O';
	if (cp == 0x1AF || cp == 0x1B0)
		return 'U';
	if (cp >= 0x1EA0 && cp <= 0x1EF9)
		return cp <= 0x1EB7   ? 'A'
		       : cp <= 0x1EC7 ? 'E'
		       : cp <= 0x1ECB ? 'I'
		       : cp <= 0x1EE3 ? 'O'
		       : cp <= 0x1EF1 ? 'U'
		                      : 'Y';
	return ' ';
}

/* Upper-case ASCII form of a UTF-8 name, as the data page prints it. */
static void upper_ascii(const char *s, char *out, size_t size)
{
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p && n + 1 < size;) {
		unsigned cp = *p++;
		if (cp >= 0xC0) {
			int more = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : 1;
			cp &= 0x3Fu >> more;
			for (; more && (*p & 0xC0) == 0x80; more--)
				cp = cp << 6 | (*p++ & 0x3Fu);
		}
		char ch = fold(cp);
		if (ch != ' ' || (n && out[n - 1] != ' '))
			out[n++] = ch;
	}
	out[n] = '\0';
}

/* Append a name component to the MRZ: spaces, hyphens and apostrophes as '<'. */
static size_t mrz_name_part(char *mrz, size_t at, size_t end, const char *upper)
{
	for (const char *p = upper; *p && at < end; p++) {
		if (*p >= 'A' && *p <= 'Z')
			mrz[at++] = *p;
		else if (*p == ' ' || *p == '-')
			mrz[at++] = '<';
	}
	return at;
}

static void mrz_names(char *mrz, size_t at, size_t width, const char *surname, const char *given)
{
	size_t end = at + width;

	memset(mrz + at, '<', width);
	at = mrz_name_part(mrz, at, end, surname);
	if (at + 2 < end)
		at = mrz_name_part(mrz, at + 2, end, given);
}

static void put(char *mrz, size_t at, const char *s, size_t width)
{
	size_t n = strlen(s);

	memset(mrz + at, '<', width);
	memcpy(mrz + at, s, n < width ? n : width);
}

static char cd(const char *s, size_t n)
{
	return (char)('0' + iv_mrz_check_digit(s, n));
}

static void yymmdd(struct ymd d, char *out)
{
	char t[40];

	snprintf(t, sizeof(t), "%02d%02d%02d", d.y % 100, d.m, d.d);
	memcpy(out, t, 6);
	out[6] = '\0';
}

/* What the document says: the data page, or the MRZ when it differs. */
struct docdata {
	char issuer[4], nat[4];
	char number[12];
	char surname[64], given[64];
	struct ymd birth, expiry;
	char sex;
	char personal[16];
};

/* Check-digit fields of the MRZ, in truth order. */
enum { CD_NUMBER, CD_BIRTH, CD_EXPIRY, CD_PERSONAL, CD_COMPOSITE, CD__COUNT };
static const char *const cd_names[CD__COUNT] = {"document_number", "birth_date", "expiry_date",
                                                "personal_number", "composite"};

/* Positions of the check digits (line, column) and the ranges they cover. */
static void td3(const struct docdata *d, char l1[45], char l2[45])
{
	char b[8], e[8], comp[64];

	memset(l1, '<', 44), memset(l2, '<', 44);
	l1[44] = l2[44] = '\0';
	l1[0] = 'P';
	put(l1, 2, d->issuer, 3);
	mrz_names(l1, 5, 39, d->surname, d->given);
	put(l2, 0, d->number, 9);
	l2[9] = cd(l2, 9);
	put(l2, 10, d->nat, 3);
	yymmdd(d->birth, b);
	memcpy(l2 + 13, b, 6);
	l2[19] = cd(l2 + 13, 6);
	l2[20] = d->sex;
	yymmdd(d->expiry, e);
	memcpy(l2 + 21, e, 6);
	l2[27] = cd(l2 + 21, 6);
	put(l2, 28, d->personal, 14);
	l2[42] = cd(l2 + 28, 14);
	memcpy(comp, l2, 10), memcpy(comp + 10, l2 + 13, 7), memcpy(comp + 17, l2 + 21, 22);
	l2[43] = cd(comp, 39);
}

static void td1(const struct docdata *d, char l1[31], char l2[31], char l3[31])
{
	char b[8], e[8], comp[64];

	memset(l1, '<', 30), memset(l2, '<', 30), memset(l3, '<', 30);
	l1[30] = l2[30] = l3[30] = '\0';
	l1[0] = 'I';
	put(l1, 2, d->issuer, 3);
	put(l1, 5, d->number, 9);
	l1[14] = cd(l1 + 5, 9);
	put(l1, 15, d->personal, 15);
	yymmdd(d->birth, b);
	memcpy(l2, b, 6);
	l2[6] = cd(l2, 6);
	l2[7] = d->sex;
	yymmdd(d->expiry, e);
	memcpy(l2 + 8, e, 6);
	l2[14] = cd(l2 + 8, 6);
	put(l2, 15, d->nat, 3);
	memcpy(comp, l1 + 5, 25), memcpy(comp + 25, l2, 7), memcpy(comp + 32, l2 + 8, 7);
	memcpy(comp + 39, l2 + 18, 11);
	l2[29] = cd(comp, 50);
	mrz_names(l3, 0, 30, d->surname, d->given);
}

/* Where each check digit stands: TD3 in line 2, TD1 in lines 1-2. */
static char *cd_at(bool is_td1, char *l1, char *l2, int which)
{
	static const int td3_pos[CD__COUNT] = {9, 19, 27, 42, 43};
	static const int td1_pos[CD__COUNT] = {14, 6, 14, -1, 29};

	if (!is_td1)
		return l2 + td3_pos[which];
	if (which == CD_NUMBER)
		return l1 + td1_pos[which];
	return td1_pos[which] < 0 ? NULL : l2 + td1_pos[which];
}

/* Re-verify every check digit of the MRZ as written: "ok", "bad" or "n/a". */
static void verify(bool is_td1, const char *l1, const char *l2, const char *st[CD__COUNT])
{
	char comp[64];
	int want[CD__COUNT], got[CD__COUNT];

	if (!is_td1) {
		want[CD_NUMBER] = iv_mrz_check_digit(l2, 9), got[CD_NUMBER] = l2[9];
		want[CD_BIRTH] = iv_mrz_check_digit(l2 + 13, 6), got[CD_BIRTH] = l2[19];
		want[CD_EXPIRY] = iv_mrz_check_digit(l2 + 21, 6), got[CD_EXPIRY] = l2[27];
		want[CD_PERSONAL] = iv_mrz_check_digit(l2 + 28, 14), got[CD_PERSONAL] = l2[42];
		memcpy(comp, l2, 10), memcpy(comp + 10, l2 + 13, 7), memcpy(comp + 17, l2 + 21, 22);
		want[CD_COMPOSITE] = iv_mrz_check_digit(comp, 39), got[CD_COMPOSITE] = l2[43];
	} else {
		want[CD_NUMBER] = iv_mrz_check_digit(l1 + 5, 9), got[CD_NUMBER] = l1[14];
		want[CD_BIRTH] = iv_mrz_check_digit(l2, 6), got[CD_BIRTH] = l2[6];
		want[CD_EXPIRY] = iv_mrz_check_digit(l2 + 8, 6), got[CD_EXPIRY] = l2[14];
		want[CD_PERSONAL] = 0, got[CD_PERSONAL] = '0';
		memcpy(comp, l1 + 5, 25), memcpy(comp + 25, l2, 7), memcpy(comp + 32, l2 + 8, 7);
		memcpy(comp + 39, l2 + 18, 11);
		want[CD_COMPOSITE] = iv_mrz_check_digit(comp, 50), got[CD_COMPOSITE] = l2[29];
	}
	for (int i = 0; i < CD__COUNT; i++)
		st[i] = is_td1 && i == CD_PERSONAL ? "n/a" : got[i] == '0' + want[i] ? "ok" : "bad";
}

/* ---- the writer ----------------------------------------------------------------- */

/* One examination: the document as issued and as forged, then what the examiner typed. */
struct exam {
	const struct sim_doc *d;
	const struct sim_person *hp, *pp; /* true holder, presenter */
	uint64_t n;                       /* the examination's number, from 1 */
	/* the world's choices for this document come from its hash, so that
	 * they leave the shared stream alone */
	uint64_t h;
	enum sim_country state; /* issuing state */
	bool is_td1, air, expired;
	int exam_day, issue_day, birth_day; /* days since 2010-01-01 */
	struct docdata pd, md;              /* printed data, MRZ data */
	const char *detail;                 /* what the forgery changed */
	char l1[45], l2[45], l3[31];        /* the MRZ as read */
	const char *st[CD__COUNT];          /* each check digit re-verified */
	char tid[32];                       /* the document's true id */
	/* the record as typed */
	char id[32], date[16], docid[32], pass[32], card[32], number[16], surname[64], given[64];
	char nat[8], birth[16], issue[16], expiry[16], personal[16], holder[32], presenter[32];
	char link[32], finding[200], reasons[96];
	const char *port, *outcome;
};

static void issuer_code(enum sim_country c, char out[4])
{
	snprintf(out, 4, "%s", c == C_DE ? "D" : sim_countries[c].iso3);
}

static void date_noisy(struct ymd d, struct sim_rng *r, char *out, size_t size, double swap)
{
	unsigned k = sim_rng_below(r, 100);

	if (k < 45)
		snprintf(out, size, "%04d-%02d-%02d", d.y, d.m, d.d);
	else if ((int)k < 100 - (int)(swap * 100))
		snprintf(out, size, "%02d/%02d/%04d", d.d, d.m, d.y);
	else
		snprintf(out, size, "%02d/%02d/%04d", d.m, d.d, d.y); /* typed month first */
}

/* Swap two adjacent letters of s (an examiner's typo). */
static void typo(char *s, struct sim_rng *r)
{
	size_t n = strlen(s);

	if (n < 4)
		return;
	size_t i = 1 + sim_rng_below(r, (uint32_t)(n - 2));
	if (isalpha((unsigned char)s[i]) && isalpha((unsigned char)s[i + 1])) {
		char t = s[i];
		s[i] = s[i + 1];
		s[i + 1] = t;
	}
}

/* Title case of an upper-case name ("AL-HASSAN" -> "Al-Hassan"). */
static void title_case(char *s)
{
	for (size_t i = 0; s[i]; i++)
		if (i && isalpha((unsigned char)s[i - 1]))
			s[i] = (char)tolower((unsigned char)s[i]);
}

struct doc_writer {
	struct sim_ctx *c;
	struct sim_file sf, tf; /* document-exams.csv, truth/documents.csv */
	struct sim_rng r;
	/* the native-script name, the impostor's name, the MRZ of the current row */
	struct iv_buf native, pname, mrz;
};

static const char *const truth_header[] = {"document_id",
                                           "true_id",
                                           "exam_id",
                                           "true_holder",
                                           "presenter",
                                           "forged",
                                           "reasons",
                                           "cd_document_number",
                                           "cd_birth_date",
                                           "cd_expiry_date",
                                           "cd_personal_number",
                                           "cd_composite",
                                           "issuing_state",
                                           "number"};
enum { NT = sizeof(truth_header) / sizeof(truth_header[0]) };

static enum iv_err nomem(struct doc_writer *dw)
{
	return iv_seterr(dw->c->err, IV_ERR_NOMEM, "out of memory");
}

/* A traveller is examined on the day of his crossing, at an airport if he
 * flew; anyone else (a facilitator, someone who made no journey) on a day of
 * the year at a seaport. */
static void exam_when_where(const struct sim_world *w, struct exam *e)
{
	if (!(e->d->presenter & SIM_PERSON_FAC) && e->pp->journey != SIM_NONE) {
		const struct sim_journey *j =
		        &SIM_AT(w->journeys, struct sim_journey, e->pp->journey);
		e->air = j->route == ROUTE_AL_AIR || j->route == ROUTE_AIR_FALSE_DOCS;
		e->exam_day = days_of(w->year, 1, 1) + j->day;
	} else {
		e->exam_day = days_of(w->year, 1, 1) + (int)(e->h % 360);
	}
	e->port = e->air ? airports[(e->h >> 9) % 7] : seaports[(e->h >> 9) % 5];
	struct ymd x = ymd_of(e->exam_day);
	snprintf(e->date, sizeof(e->date), "%04d-%02d-%02d", x.y, x.m, x.d);
}

/* The data page as printed: the true holder's identity, from the issuing state. */
static void print_data_page(struct exam *e)
{
	static const enum sim_country batch_states[] = {C_IT, C_GR, C_FR, C_BE, C_DE, C_NL, C_PL};
	static const enum sim_country refugee_states[] = {C_DE, C_IT, C_GR, C_FR, C_NL};
	const struct sim_doc *d = e->d;
	const struct sim_person *hp = e->hp;
	struct docdata *pd = &e->pd;
	uint64_t h = e->h;

	memset(pd, 0, sizeof(*pd));
	if (d->forgery == FORGE_NUMBER_REUSED) /* one forger's batch, one state */
		e->state = batch_states[(d->number / 7) % 7];
	issuer_code(e->state, pd->issuer);
	snprintf(pd->nat, sizeof(pd->nat), "%s", sim_nations[hp->nat].iso3);
	if (d->forgery != FORGE_NONE && d->forgery != FORGE_IMPOSTOR && h % 5)
		snprintf(pd->nat, sizeof(pd->nat), "%s", sim_countries[e->state].iso3);
	if (d->forgery == FORGE_NONE && !(d->holder & SIM_PERSON_FAC) &&
	    (hp->nat == NAT_ER || hp->nat == NAT_SY || hp->nat == NAT_AF || hp->nat == NAT_SD) &&
	    (h >> 5) % 100 < 25) { /* a refugee travel document from a host state */
		e->state = refugee_states[(h >> 12) % 5];
		issuer_code(e->state, pd->issuer);
		snprintf(pd->nat, sizeof(pd->nat), "%s", (h >> 20) % 5 ? "XXB" : "XXA");
		e->is_td1 = false;
	}
	snprintf(pd->number, sizeof(pd->number), "%c%08u",
	         "CFGHJKLMNPRTVWXYZ"[(e->state * 7 + 3) % 17], d -> number % 100000000);
	upper_ascii(sim_family(hp, 0), pd->surname, sizeof(pd->surname));
	upper_ascii(sim_given(hp, 0), pd->given, sizeof(pd->given));
	pd->birth = (struct ymd){hp->byear, hp->bmonth, hp->bday};
	pd->sex = (char)hp->sex;
	if ((h >> 24) % 10 < 4)
		snprintf(pd->personal, sizeof(pd->personal), "%011llu",
		         (unsigned long long)(sim_hash64(h) % 100000000000ULL));
}

/* Issued after birth and before the examination; valid 5 years for a
 * minor, 10 for an adult. */
static void validity(struct exam *e)
{
	const struct sim_person *hp = e->hp;

	e->birth_day = days_of(hp->byear, hp->bmonth, hp->bday);
	e->issue_day = e->d->issue_day;
	if (e->issue_day < e->birth_day + 30)
		e->issue_day = e->birth_day + 30 + (int)((e->h >> 30) % 300);
	if (e->issue_day > e->exam_day - 1)
		e->issue_day = e->exam_day - 1 - (int)((e->h >> 40) % 200);
	e->pd.expiry =
	        ymd_of(e->issue_day + (e->exam_day - e->birth_day < 18 * 365 ? 5 : 10) * 365 + 2);
}

/* What the forger changed: the MRZ against the page, or dates that cannot be. */
static void forge(struct exam *e)
{
	const struct sim_person *hp = e->hp;
	uint64_t h = e->h;

	switch (e->d->forgery) {
	case FORGE_MRZ_MISMATCH:
		switch ((h >> 44) % 4) {
		case 0:
			e->md.birth.y += 1 + (int)((h >> 46) % 3);
			e->detail = "birth_date";
			break;
		case 1:
			upper_ascii(sim_groups[hp->group]
			                    .family[(hp->family + 1) % SIM_NAME_FAMILY]
			                    .latin[0],
			            e->md.surname, sizeof(e->md.surname));
			e->detail = "surname";
			break;
		case 2:
			e->md.sex = e->md.sex == 'M' ? 'F' : 'M';
			e->detail = "sex";
			break;
		default:
			e->md.number[8] = (char)('0' + (e->md.number[8] - '0' + 3) % 10);
			e->detail = "document_number";
		}
		break;
	case FORGE_DATES:
		if ((h >> 44) % 2) {
			e->issue_day = e->birth_day - 200 - (int)((h >> 46) % 2000);
			e->pd.expiry = ymd_of(e->issue_day + 3652);
			e->detail = "birth_after_issue";
		} else {
			e->pd.expiry = ymd_of(e->issue_day - 30 - (int)((h >> 46) % 900));
			e->detail = "expiry_before_issue";
		}
		e->md.expiry = e->pd.expiry;
		break;
	default:
		break;
	}
}

/* The MRZ as the reader saw it, a forged check digit included, and each
 * check digit re-verified for the truth. */
static IV_MUST_USE enum iv_err read_mrz(struct doc_writer *dw, struct exam *e)
{
	if (e->is_td1)
		td1(&e->md, e->l1, e->l2, e->l3);
	else
		td3(&e->md, e->l1, e->l2);
	if (e->d->forgery == FORGE_CHECK_DIGIT) {
		int which = (int)((e->h >> 44) % 4);
		char *p;
		if (which == CD_PERSONAL)
			which = CD_COMPOSITE;
		p = cd_at(e->is_td1, e->l1, e->l2, which);
		*p = (char)('0' + (*p - '0' + 1 + (int)((e->h >> 50) % 8)) % 10);
		e->detail = cd_names[which];
	}
	verify(e->is_td1, e->l1, e->l2, e->st);
	iv_buf_reset(&dw->mrz);
	if (iv_buf_addf(&dw->mrz, "%s\n%s", e->l1, e->l2) ||
	    (e->is_td1 && iv_buf_addf(&dw->mrz, "\n%s", e->l3)))
		return nomem(dw);
	return IV_OK;
}

/* The data page as the examiner typed it: case, typos, fields left out.
 * Draws from the stream in the order the fields are typed. */
static IV_MUST_USE enum iv_err type_data_page(struct doc_writer *dw, struct exam *e)
{
	struct sim_rng *r = &dw->r;
	enum sim_forgery forgery = e->d->forgery;

	snprintf(e->surname, sizeof(e->surname), "%s", e->pd.surname);
	snprintf(e->given, sizeof(e->given), "%s", e->pd.given);
	if (sim_rng_chance(r, 0.3))
		title_case(e->surname), title_case(e->given);
	if (sim_rng_chance(r, 0.04))
		typo(sim_rng_chance(r, 0.5) ? e->surname : e->given, r);
	iv_buf_reset(&dw->native);
	if (!sim_groups[e->hp->group].latin_script && !(forgery && forgery != FORGE_IMPOSTOR) &&
	    sim_rng_chance(r, 0.35) && sim_name(&dw->native, e->hp, NAME_NATIVE, NULL))
		return nomem(dw);
	snprintf(e->nat, sizeof(e->nat), "%s", e->pd.nat);
	if (sim_rng_chance(r, 0.04))
		e->nat[0] = '\0';
	if (sim_rng_chance(r, 0.03))
		e->birth[0] = '\0';
	else
		date_noisy(e->pd.birth, r, e->birth, sizeof(e->birth), 0.05);
	snprintf(e->number, sizeof(e->number), "%s", e->pd.number);
	if (sim_rng_chance(r, 0.02)) /* O typed for 0 */
		for (char *p = e->number + 1; *p; p++)
			if (*p == '0') {
				*p = 'O';
				break;
			}
	snprintf(e->personal, sizeof(e->personal), "%s", e->pd.personal);
	if (e->is_td1)
		snprintf(e->card, sizeof(e->card), "%s", e->docid);
	else
		snprintf(e->pass, sizeof(e->pass), "%s", e->docid);
	return IV_OK;
}

/* An impostor who later gave his true name: a second person on the row. */
static IV_MUST_USE enum iv_err name_presenter(struct doc_writer *dw, struct exam *e)
{
	size_t len;

	iv_buf_reset(&dw->pname);
	if (sim_name(&dw->pname, e->pp, NAME_NOISY, &dw->r))
		return nomem(dw);
	snprintf(e->presenter, sizeof(e->presenter), "dxp-%07llu", (unsigned long long)e->n);
	snprintf(e->link, sizeof(e->link), "dxl-%07llu", (unsigned long long)e->n);
	len = strlen(e->finding);
	snprintf(e->finding + len, sizeof(e->finding) - len,
	         "; presenter later gave his true name");
	return IV_OK;
}

/* What the examiner found: each forgery kind is caught at its own rate. */
static IV_MUST_USE enum iv_err find_forgery(struct doc_writer *dw, struct exam *e)
{
	struct sim_rng *r = &dw->r;

	switch (e->d->forgery) {
	case FORGE_CHECK_DIGIT:
		if (sim_rng_chance(r, 0.95))
			snprintf(e->finding, sizeof(e->finding),
			         "MRZ check digit failure (%s); counterfeit suspected", e->detail);
		break;
	case FORGE_MRZ_MISMATCH:
		if (sim_rng_chance(r, 0.85))
			snprintf(e->finding, sizeof(e->finding),
			         "MRZ does not match the data page (%s); altered document",
			         e->detail);
		break;
	case FORGE_DATES:
		if (sim_rng_chance(r, 0.8))
			snprintf(e->finding, sizeof(e->finding), "%s",
			         *e->detail == 'b' ? "date of issue precedes date of birth"
			                           : "date of expiry precedes date of issue");
		break;
	case FORGE_IMPOSTOR:
		if (!sim_rng_chance(r, 0.55))
			break;
		snprintf(e->finding, sizeof(e->finding), "%s",
		         "facial comparison failed: presenter is not the rightful holder "
		         "(impostor)");
		if (sim_rng_chance(r, 0.6))
			return name_presenter(dw, e);
		break;
	case FORGE_NUMBER_REUSED:
		if (sim_rng_chance(r, 0.35))
			snprintf(e->finding, sizeof(e->finding), "%s",
			         "counterfeit: printing defects, UV features absent");
		break;
	default:
		if (sim_rng_chance(r, 0.02))
			snprintf(e->finding, sizeof(e->finding), "%s",
			         "referred to second line; no fraud found");
	}
	return IV_OK;
}

/* What became of the traveller and the document. */
static void decide(struct doc_writer *dw, struct exam *e)
{
	e->outcome = "granted leave to enter";
	if (*e->finding)
		e->outcome = e->air ? "refused entry; document retained"
		                    : "document seized; referred to NDFU";
	else if (e->expired)
		snprintf(e->finding, sizeof(e->finding), "%s",
		         "document expired; no other anomaly");
	else
		snprintf(e->finding, sizeof(e->finding), "%s",
		         sim_rng_chance(&dw->r, 0.5) ? "no anomalies found"
		                                     : "UV, OVD and MRZ checked; genuine");
	if (!e->air && !*e->presenter)
		e->outcome =
		        (e->h >> 60) % 2 ? "asylum claim; document retained" : "document returned";
}

/* The examination's row and the mentions it makes: holder, presenter, document. */
static IV_MUST_USE enum iv_err write_exam(struct doc_writer *dw, const struct exam *e)
{
	static const char *const examiners[] = {"BF 4471",  "BF 2390", "BF 6618",
	                                        "NDFU 118", "BF 5024", "BF 3307"};
	struct sim_ctx *c = dw->c;
	const char *f[NF];
	char name[160];
	enum iv_err rc;

	f[0] = e->id, f[1] = e->date, f[2] = e->port, f[3] = examiners[(e->h >> 14) % 6];
	f[4] = e->is_td1 ? "I" : "P", f[5] = e->docid, f[6] = e->pass, f[7] = e->card;
	f[8] = e->pd.issuer, f[9] = e->number, f[10] = e->surname, f[11] = e->given;
	f[12] = dw->native.buf, f[13] = e->nat, f[14] = e->birth;
	f[15] = e->pd.sex == 'M' ? "M" : "F", f[16] = e->issue, f[17] = e->expiry;
	f[18] = e->personal, f[19] = dw->mrz.buf, f[20] = e->holder, f[21] = e->presenter;
	f[22] = dw->pname.len && *e->presenter ? dw->pname.buf : "", f[23] = e->link;
	f[24] = e->finding, f[25] = e->outcome;
	rc = sim_csv_row(c, &dw->sf, f, NF);
	snprintf(name, sizeof(name), "%s %s", e->given, e->surname);
	if (!rc)
		rc = sim_person_mention(c, "document-exams.csv", e->holder, name, e->d->holder);
	if (!rc && *e->presenter)
		rc = sim_person_mention(c, "document-exams.csv", e->presenter, dw->pname.buf,
		                        e->d->presenter);
	if (!rc)
		rc = sim_mention(c, "document-exams.csv", e->docid, "number", e->number, "document",
		                 e->tid);
	return rc;
}

/* The truth row: who holds and who presented it, why it is forged, each check digit. */
static IV_MUST_USE enum iv_err write_truth(struct doc_writer *dw, struct exam *e)
{
	const struct sim_doc *d = e->d;
	char hid[24], pid[24];
	const char *v[NT];

	sim_true_id(d->holder, hid, sizeof(hid));
	sim_true_id(d->presenter, pid, sizeof(pid));
	if (d->forgery)
		snprintf(e->reasons, sizeof(e->reasons), "%s%s%s", sim_forgery_names[d->forgery],
		         *e->detail ? ":" : "", e->detail);
	if (d->forgery && !strcmp(e->pd.nat, sim_countries[e->state].iso3) &&
	    strcmp(e->pd.nat, sim_nations[e->hp->nat].iso3))
		snprintf(e->reasons + strlen(e->reasons), sizeof(e->reasons) - strlen(e->reasons),
		         ";nationality_not_holders");
	v[0] = e->docid, v[1] = e->tid, v[2] = e->id, v[3] = hid, v[4] = pid;
	v[5] = d->forgery ? "1" : "0", v[6] = e->reasons;
	for (int k = 0; k < CD__COUNT; k++)
		v[7 + k] = e->st[k];
	v[12] = e->pd.issuer, v[13] = e->pd.number;
	return sim_csv_row(dw->c, &dw->tf, v, NT);
}

/* Document i of the world, examined n-th: its row, its mentions, its truth. */
static IV_MUST_USE enum iv_err examine(struct doc_writer *dw, size_t i, uint64_t n)
{
	const struct sim_world *w = dw->c->w;
	struct exam e;
	enum iv_err rc;

	memset(&e, 0, sizeof(e));
	e.d = &SIM_AT(w->docs, struct sim_doc, i);
	e.hp = sim_person_of(w, e.d->holder);
	e.pp = sim_person_of(w, e.d->presenter);
	e.n = n;
	e.h = sim_hash64(w->seed * 31 + i);
	e.state = (enum sim_country)e.d->country;
	e.is_td1 = e.d->td1;
	e.detail = "";
	snprintf(e.id, sizeof(e.id), "DEX-%07llu", (unsigned long long)n);
	snprintf(e.docid, sizeof(e.docid), "dxd-%07llu", (unsigned long long)n);
	snprintf(e.holder, sizeof(e.holder), "dxh-%07llu", (unsigned long long)n);
	snprintf(e.tid, sizeof(e.tid), "DOC%07zu", i);
	exam_when_where(w, &e);
	print_data_page(&e);
	validity(&e);
	e.md = e.pd;
	forge(&e);
	/* the dates of issue and expiry as typed: the first draws of the row */
	date_noisy(ymd_of(e.issue_day), &dw->r, e.issue, sizeof(e.issue), 0.0);
	date_noisy(e.pd.expiry, &dw->r, e.expiry, sizeof(e.expiry), 0.0);
	e.expired = days_of(e.pd.expiry.y, e.pd.expiry.m, e.pd.expiry.d) < e.exam_day;
	rc = read_mrz(dw, &e);
	if (!rc)
		rc = type_data_page(dw, &e);
	if (!rc)
		rc = find_forgery(dw, &e);
	if (rc)
		return rc;
	decide(dw, &e);
	rc = write_exam(dw, &e);
	if (!rc)
		rc = write_truth(dw, &e);
	dw->c->rep->documents++;
	if (e.d->forgery)
		dw->c->rep->forged++;
	return rc;
}

enum iv_err sim_write_documents(struct sim_ctx *c)
{
	const struct sim_world *w = c->w;
	struct doc_writer dw = {
	        .c = c, .native = IV_BUF_INIT, .pname = IV_BUF_INIT, .mrz = IV_BUF_INIT};
	enum iv_err rc;

	rc = sim_write_text(c, "document-exams.yml", mapping);
	if (rc)
		return rc;
	rc = sim_file_open(c, &dw.sf, "document-exams.csv");
	if (rc)
		return rc;
	rc = sim_file_open(c, &dw.tf, "truth/documents.csv");
	if (rc)
		return sim_file_abort(c, &dw.sf, rc);
	rc = sim_csv_row(c, &dw.sf, header, NF);
	if (!rc)
		rc = sim_csv_row(c, &dw.tf, truth_header, NT);
	sim_rng_seed(&dw.r, w->seed, 'X');
	for (size_t i = 0; !rc && i < w->docs.len; i++) {
		rc = examine(&dw, i, i + 1);
		if (!rc && ((i + 1) & 4095) == 0)
			sim_progress(c, "document-exams.csv", i, w->docs.len);
	}
	iv_buf_release(&dw.native);
	iv_buf_release(&dw.pname);
	iv_buf_release(&dw.mrz);
	c->rep->records += dw.sf.rows ? dw.sf.rows - 1 : 0;
	c->rep->files++;
	rc = sim_file_abort(c, &dw.tf, rc);
	return sim_file_abort(c, &dw.sf, rc);
}
