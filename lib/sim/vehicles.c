/*
 * vehicles.c - vehicle and vessel records as a registry, a hire company,
 * a ship register or a boat dealer returns them (CSV with a mapping):
 * plates in each country's format (GB, FR, BE, NL, DE, PL, RO, BG, TR,
 * IT, GR), make and model, the registered keeper (the facilitator, a
 * member of his cell as a straw keeper, a haulier or a hire company with
 * the facilitator as hirer), ships with IMO, MMSI, call sign and flag,
 * and the dinghies and outboard engines bought in Germany and the
 * Netherlands for each small-boat crossing.
 *
 * Everything a record prints about a vehicle is derived from the world's
 * vehicle index by hashing (sim_vehicle_text, sim_boat_engine), so that
 * detections.c prints the same plate or engine serial for the same
 * vehicle.  Truth: truth/vehicles.csv, one row per true vehicle or boat,
 * and the vehicle, vessel, person and phone mentions in mentions.csv.
 */
#include <string.h>

#include "sim/sim_int.h"

/* ---- deterministic derivation ------------------------------------------- */

/* A hash of (seed, index, salt): the same on every run and machine. */
static uint64_t hv(const struct sim_world *w, uint64_t index, uint64_t salt)
{
	return sim_hash64(w->seed ^ sim_hash64(index * 0x100000001b3ULL + salt));
}

static char letter(uint64_t h, unsigned k)
{
	static const char az[] = "ABCDEFGHJKLMNPRSTUVWXYZ"; /* no I, O, Q */

	return az[(h >> (5 * k)) % 23];
}

static unsigned digits(uint64_t h, unsigned k, unsigned mod)
{
	return (unsigned)((h >> (3 * k)) % mod);
}

/* Registration plate in the format of country cc, from hash h. */
void sim_plate(const char *cc, uint64_t h, char *out, size_t size)
{
	static const char *const de_city[] = {"HH", "B", "K", "DU", "D", "HB", "OS", "AC"};
	static const char *const pl_area[] = {"WA", "PO", "KR", "GD", "WGM", "DW", "SZ", "LU"};
	static const char *const ro_county[] = {"B", "CJ", "TM", "IS", "BV", "CT", "AG", "SV"};
	static const char *const bg_area[] = {"CA", "CB", "PB", "B", "A", "BP", "PK", "CH"};
	uint64_t g = sim_hash64(h);

	if (!strcmp(cc, "GB"))
		snprintf(out, size, "%c%c%02u %c%c%c", letter(h, 0), letter(h, 1),
		         15 + digits(g, 0, 9) + (unsigned)(g & 1) * 50, letter(h, 2), letter(h, 3),
		         letter(h, 4));
	else if (!strcmp(cc, "FR"))
		snprintf(out, size, "%c%c-%03u-%c%c", letter(h, 0), letter(h, 1),
		         digits(g, 0, 1000), letter(h, 2), letter(h, 3));
	else if (!strcmp(cc, "BE"))
		snprintf(out, size, "%u-%c%c%c-%03u", 1 + digits(g, 0, 2), letter(h, 0),
		         letter(h, 1), letter(h, 2), digits(g, 2, 1000));
	else if (!strcmp(cc, "NL"))
		snprintf(out, size, "%02u-%c%c%c-%u", digits(g, 0, 100), letter(h, 0), letter(h, 1),
		         letter(h, 2), digits(g, 3, 10));
	else if (!strcmp(cc, "DE"))
		snprintf(out, size, "%s %c%c %u", de_city[g % 8], letter(h, 0), letter(h, 1),
		         10 + digits(g, 3, 9990));
	else if (!strcmp(cc, "PL"))
		snprintf(out, size, "%s %05u", pl_area[g % 8], digits(g, 3, 100000));
	else if (!strcmp(cc, "RO"))
		snprintf(out, size, "%s %02u %c%c%c", ro_county[g % 8], 10 + digits(g, 3, 90),
		         letter(h, 0), letter(h, 1), letter(h, 2));
	else if (!strcmp(cc, "BG"))
		snprintf(out, size, "%s %04u %c%c", bg_area[g % 8], 1000 + digits(g, 3, 9000),
		         letter(h, 0), letter(h, 1));
	else if (!strcmp(cc, "TR"))
		snprintf(out, size, "%02u %c%c%c %03u", 1 + digits(g, 0, 81), letter(h, 0),
		         letter(h, 1), letter(h, 2), 100 + digits(g, 3, 900));
	else if (!strcmp(cc, "IT"))
		snprintf(out, size, "%c%c %03u %c%c", letter(h, 0), letter(h, 1),
		         digits(g, 0, 1000), letter(h, 2), letter(h, 3));
	else if (!strcmp(cc, "GR"))
		snprintf(out, size, "%c%c%c-%04u", letter(h, 0), letter(h, 1), letter(h, 2),
		         1000 + digits(g, 0, 9000));
	else /* Russian style, also used for the rest */
		snprintf(out, size, "%c%03u%c%c %02u", letter(h, 0), digits(g, 0, 1000),
		         letter(h, 1), letter(h, 2), 10 + digits(g, 4, 90));
}

struct make_model {
	const char *make, *model;
};

static const struct make_model lorries[] = {{"DAF", "XF 480"},     {"Scania", "R 450"},
                                            {"Volvo", "FH 500"},   {"Mercedes-Benz", "Actros"},
                                            {"MAN", "TGX 18.470"}, {"Iveco", "S-Way 490"}};
static const struct make_model vans[] = {{"Ford", "Transit"},   {"Mercedes-Benz", "Sprinter"},
                                         {"Renault", "Master"}, {"Volkswagen", "Crafter"},
                                         {"Fiat", "Ducato"},    {"Peugeot", "Boxer"}};
static const struct make_model cars[] = {{"Volkswagen", "Passat"}, {"BMW", "520d"},
                                         {"Audi", "A6"},           {"Toyota", "Corolla"},
                                         {"Renault", "Megane"},    {"Skoda", "Octavia"}};
static const struct make_model yachts[] = {
        {"Beneteau", "Oceanis 38"}, {"Jeanneau", "Sun Odyssey 349"},
        {"Bavaria", "Cruiser 37"},  {"Hallberg-Rassy", "342"},
        {"Dufour", "360 GL"},       {"Hanse", "388"}};
static const struct make_model cargos[] = {
        {"general cargo", "Damen Combi Freighter 3850"}, {"general cargo", "Damen CF 5000"},
        {"container feeder", "Sietas Type 168"},         {"general cargo", "Conoship 4100"},
        {"ro-ro cargo", "Flensburger FSG 1500"},         {"container feeder", "Volharding 600"}};

struct flag {
	const char *cc, *mid, *call;
};
static const struct flag cargo_flags[] = {{"PA", "351", "3E"}, {"LR", "636", "A8"},
                                          {"MT", "248", "9H"}, {"NL", "244", "PD"},
                                          {"CY", "209", "5B"}, {"AG", "305", "V2"}};
static const struct flag yacht_flags[] = {
        {"BE", "205", "OR"}, {"NL", "245", "PE"}, {"FR", "227", "FM"}, {"GB", "235", "MX"}};

static const char *const name_a[] = {"NORDIC", "BALTIC", "SEA",   "NORTH",
                                     "AMBER",  "SILVER", "OCEAN", "WESTERN"};
static const char *const name_b[] = {"TRADER",  "STAR", "SPIRIT", "BREEZE",
                                     "CARRIER", "WIND", "PEARL",  "RUNNER"};
static const char *const yacht_names[] = {"Zeewind",   "Blue Horizon", "Mistral",  "Lady Anne",
                                          "Noordster", "Sea Gypsy",    "Avontuur", "Calypso"};

/* The plate's country: hauliers register lorries in Poland, Romania,
 * Bulgaria and the UK as often as in the leg's own country. */
static const char *road_country(const struct sim_world *w, uint64_t v, const struct sim_vehicle *vh)
{
	static const char *const lorry_cc[] = {"PL", "PL", "PL", "RO", "RO", "BG", "GB", "GB"};
	uint64_t h = hv(w, v, 11);

	if (vh->kind == 0 && h % 10 < 6)
		return lorry_cc[(h >> 8) % 8];
	if (vh->kind != 0 && h % 10 < 2)
		return "GB";
	return sim_countries[vh->country].iso2;
}

/* IMO number: seven digits, the last the check of the first six (weights 7..2). */
static void imo_of(uint64_t h, char *out, size_t size)
{
	unsigned d[6], sum = 0;

	d[0] = 9;
	for (unsigned i = 1; i < 6; i++)
		d[i] = (unsigned)((h >> (4 * i)) % 10);
	for (unsigned i = 0; i < 6; i++)
		sum += d[i] * (7 - i);
	snprintf(out, size, "%u%u%u%u%u%u%u", d[0], d[1], d[2], d[3], d[4], d[5], sum % 10);
}

/* The text of vehicle key v (a world vehicle index, or DERIVED | facilitator). */
static void text_of(const struct sim_world *w, uint64_t v, const struct sim_vehicle *vh,
                    struct sim_vehicle_text *out)
{
	uint64_t h = hv(w, v, 1);
	const struct make_model *mm;
	const struct flag *fl;

	memset(out, 0, sizeof(*out));
	switch (vh->kind) {
	case 0:
	case 1:
	case 2:
		mm = vh->kind == 0 ? &lorries[h % 6] : vh->kind == 1 ? &vans[h % 6] : &cars[h % 6];
		out->country = road_country(w, v, vh);
		sim_plate(out->country, hv(w, v, 2), out->plate, sizeof(out->plate));
		out->make = mm->make, out->model = mm->model;
		out->type = vh->kind == 0   ? "HGV tractor unit"
		            : vh->kind == 1 ? "panel van"
		                            : "car";
		break;
	case 3:
		out->country = sim_countries[vh->country].iso2;
		out->make = "unbranded";
		out->model = "inflatable 9.5 m";
		out->type = "inflatable boat";
		break;
	case 4:
		fl = &yacht_flags[vh->country == C_BE ? h % 2 : (h >> 4) % 4];
		mm = &yachts[(h >> 8) % 6];
		out->country = fl->cc, out->make = mm->make, out->model = mm->model;
		out->type = "sailing yacht";
		snprintf(out->name, sizeof(out->name), "%s", yacht_names[(h >> 12) % 8]);
		snprintf(out->mmsi, sizeof(out->mmsi), "%s%06u", fl->mid, digits(h, 7, 1000000));
		snprintf(out->call_sign, sizeof(out->call_sign), "%s%c%c%u", fl->call, letter(h, 6),
		         letter(h, 7), digits(h, 14, 10));
		break;
	default:
		fl = &cargo_flags[h % 6];
		mm = &cargos[(h >> 8) % 6];
		out->country = fl->cc, out->make = mm->make, out->model = mm->model;
		out->type = "cargo vessel";
		snprintf(out->name, sizeof(out->name), "%s %s", name_a[(h >> 12) % 8],
		         name_b[(h >> 16) % 8]);
		imo_of(hv(w, v, 3), out->imo, sizeof(out->imo));
		snprintf(out->mmsi, sizeof(out->mmsi), "%s%06u", fl->mid, digits(h, 7, 1000000));
		snprintf(out->call_sign, sizeof(out->call_sign), "%s%c%c%u", fl->call, letter(h, 6),
		         letter(h, 7), digits(h, 14, 10));
	}
}

#define DERIVED (1ULL << 40)

void sim_vehicle_text(const struct sim_world *w, uint32_t v, struct sim_vehicle_text *out)
{
	text_of(w, v, &SIM_AT(w->vehicles, struct sim_vehicle, v), out);
}

/* The kind a crossing's mode needs: lorry 0, yacht 4, cargo vessel 5 (else -1). */
static int kind_for(unsigned mode)
{
	return mode == MODE_LORRY ? 0 : mode == MODE_YACHT ? 4 : mode == MODE_CARGO_SHIP ? 5 : -1;
}

/* A crossing's lorry or vessel when its supplier has none of the right kind:
 * one per supplier, registered where the leg starts. */
static void derived_of(const struct sim_world *w, uint32_t boat, struct sim_vehicle *vh)
{
	const struct sim_boat *b = &SIM_AT(w->boats, struct sim_boat, boat);
	const struct sim_fac *fc = &SIM_AT(w->facs, struct sim_fac, b->supplier);
	const struct sim_cell *cl = &SIM_AT(w->cells, struct sim_cell, fc->cell);
	enum sim_country from = sim_routes[cl->route].legs[cl->leg].from;

	vh->owner = SIM_PERSON_FAC | b->supplier;
	vh->kind = (uint8_t)kind_for(b->mode);
	vh->country = (uint8_t)(from == C__COUNT ? C_FR : from);
}

static bool crossing_has_own(const struct sim_world *w, const struct sim_boat *b)
{
	const struct sim_vehicle *vh;

	if (b->vehicle == SIM_NONE)
		return false;
	vh = &SIM_AT(w->vehicles, struct sim_vehicle, b->vehicle);
	return kind_for(b->mode) == 0 ? vh->kind <= 2 : vh->kind == kind_for(b->mode);
}

void sim_crossing_vehicle(const struct sim_world *w, uint32_t boat, struct sim_vehicle_text *out,
                          char *true_id, size_t size)
{
	const struct sim_boat *b = &SIM_AT(w->boats, struct sim_boat, boat);
	struct sim_vehicle vh;

	if (crossing_has_own(w, b)) {
		sim_vehicle_text(w, b->vehicle, out);
		snprintf(true_id, size, "VH%06u", b->vehicle);
		return;
	}
	derived_of(w, boat, &vh);
	text_of(w, DERIVED | b->supplier, &vh, out);
	snprintf(true_id, size, "VD%06u", b->supplier);
}

static const struct {
	const char *make, *serial_prefix;
} engines[] = {{"Yamaha 40 HP", "6BG-"},    {"Mercury 60 ELPT", "2B"}, {"Tohatsu M40D2", "00"},
               {"Suzuki DF40A", "04004F-"}, {"Parsun F40", "P40-"},    {"Yamaha 60 HP", "6C5-"}};

void sim_boat_engine(const struct sim_world *w, uint32_t boat, const char **make, char *serial,
                     size_t size)
{
	uint64_t h = hv(w, boat, 21);
	unsigned e = (unsigned)(h % 6);

	*make = engines[e].make;
	snprintf(serial, size, "%s%07u", engines[e].serial_prefix, digits(h, 3, 10000000));
}

/* ---- the records ----------------------------------------------------------- */

static const char mapping[] =
        "# vehicles.yml - mapping of the vehicle and vessel records written by invigor sim.\n"
        "# One row per record: a registry entry, a hire agreement, a ship register\n"
        "# entry or a boat dealer's sale.  owner_id and operator_id hold the id of the\n"
        "# person or company of the same row.  Entity ids are the mention ids that\n"
        "# truth/mentions.csv resolves.\n"
        "dataset: registries\n"
        "phone_region: GB\n"
        "date_order: dmy\n"
        "handling:\n"
        "  grade: 1B\n"
        "  handling: C\n"
        "  conditions: \"UK law-enforcement use only; re-request from the registry before use "
        "in court\"\n"
        "  classification: OFFICIAL-SENSITIVE\n"
        "  descriptor: PERSONAL\n"
        "  originator: UK-NCA-REGISTRIES\n"
        "  subject: other\n"
        "entities:\n"
        "  person:\n"
        "    schema: Person\n"
        "    id_column: person_mid\n"
        "    properties:\n"
        "      name: {column: person_name}\n"
        "      birthDate: {column: person_dob}\n"
        "      nationality: {column: person_nationality}\n"
        "      address: {column: person_address}\n"
        "      phone: {column: person_phone}\n"
        "  company:\n"
        "    schema: Company\n"
        "    id_column: company_mid\n"
        "    properties:\n"
        "      name: {column: company_name}\n"
        "      registrationNumber: {column: company_reg}\n"
        "      address: {column: company_address}\n"
        "      jurisdiction: {column: company_country}\n"
        "  vehicle:\n"
        "    schema: Vehicle\n"
        "    id_column: vehicle_mid\n"
        "    properties:\n"
        "      registrationNumber: {column: registration}\n"
        "      type: {column: vehicle_type}\n"
        "      model: {columns: [make, model]}\n"
        "      country: {column: country}\n"
        "      registrationDate: {column: first_registered}\n"
        "      owner: {column: owner_id}\n"
        "      operator: {column: operator_id}\n"
        "      notes: {column: notes}\n"
        "  vessel:\n"
        "    schema: Vessel\n"
        "    id_column: vessel_mid\n"
        "    properties:\n"
        "      name: {column: vessel_name}\n"
        "      type: {column: vehicle_type}\n"
        "      model: {columns: [make, model]}\n"
        "      registrationNumber: {column: registration}\n"
        "      imoNumber: {column: imo}\n"
        "      mmsi: {column: mmsi}\n"
        "      callSign: {column: call_sign}\n"
        "      flag: {column: country}\n"
        "      registrationPort: {column: port}\n"
        "      engine: {column: engine}\n"
        "      engineSerial: {column: engine_serial}\n"
        "      registrationDate: {column: first_registered}\n"
        "      owner: {column: owner_id}\n"
        "      operator: {column: operator_id}\n"
        "      notes: {column: notes}\n";

static const char *const header[] = {"record_id",
                                     "record_type",
                                     "source",
                                     "country",
                                     "vehicle_mid",
                                     "vessel_mid",
                                     "registration",
                                     "vehicle_type",
                                     "make",
                                     "model",
                                     "first_registered",
                                     "vessel_name",
                                     "imo",
                                     "mmsi",
                                     "call_sign",
                                     "port",
                                     "engine",
                                     "engine_serial",
                                     "owner_id",
                                     "operator_id",
                                     "person_mid",
                                     "person_name",
                                     "person_dob",
                                     "person_nationality",
                                     "person_address",
                                     "person_phone",
                                     "company_mid",
                                     "company_name",
                                     "company_reg",
                                     "company_address",
                                     "company_country",
                                     "notes"};
enum { NF = sizeof(header) / sizeof(header[0]) };
enum {
	F_ID,
	F_TYPE,
	F_SOURCE,
	F_COUNTRY,
	F_VEH,
	F_VES,
	F_REG,
	F_VTYPE,
	F_MAKE,
	F_MODEL,
	F_FIRST,
	F_VNAME,
	F_IMO,
	F_MMSI,
	F_CALL,
	F_PORT,
	F_ENGINE,
	F_SERIAL,
	F_OWNER,
	F_OPERATOR,
	F_PMID,
	F_PNAME,
	F_PDOB,
	F_PNAT,
	F_PADDR,
	F_PPHONE,
	F_CMID,
	F_CNAME,
	F_CREG,
	F_CADDR,
	F_CCOUNTRY,
	F_NOTES
};

struct place {
	const char *cc, *street, *city, *postcode; /* postcode: its fixed first part */
	unsigned ndigits;                          /* digits that follow */
};
static const struct place places[] = {
        {"GB", "Station Road", "Dover", "CT16 ", 1},
        {"GB", "High Street", "Croydon", "CR0 ", 1},
        {"FR", "rue de la Gare", "Calais", "621", 2},
        {"FR", "avenue Foch", "Lille", "590", 2},
        {"BE", "Kerkstraat", "Brugge", "8", 3},
        {"BE", "Rue Haute", "Bruxelles", "10", 2},
        {"NL", "Havenweg", "Rotterdam", "30", 2},
        {"NL", "Dorpsstraat", "Eindhoven", "56", 2},
        {"DE", "Hafenstrasse", "Hamburg", "20", 3},
        {"DE", "Industriestrasse", "Duisburg", "47", 3},
        {"PL", "ul. Polna", "Warszawa", "00-", 3},
        {"PL", "ul. Lipowa", "Poznan", "60-", 3},
        {"RO", "Strada Garii", "Bucuresti", "0", 5},
        {"BG", "ul. Vitosha", "Sofia", "1", 3},
        {"TR", "Liman Caddesi", "Istanbul", "34", 3},
        {"IT", "Via Roma", "Milano", "201", 2},
        {"GR", "Odos Ermou", "Athina", "105 ", 2},
};

static uint64_t fnv(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

/* A street address in country cc (Istanbul when the table has none). */
static void address_of(const char *cc, uint64_t h, char *out, size_t size)
{
	const struct place *match[4];
	const struct place *p;
	unsigned n = 0;
	char pc[24];

	for (size_t i = 0; i < sizeof(places) / sizeof(places[0]) && n < 4; i++)
		if (!strcmp(places[i].cc, cc))
			match[n++] = &places[i];
	p = n ? match[(h >> 20) % n] : &places[14];
	snprintf(pc, sizeof(pc), "%s%0*u", p->postcode, (int)p->ndigits,
	         digits(h, 2,
	                p->ndigits == 1   ? 10
	                : p->ndigits == 2 ? 100
	                : p->ndigits == 3 ? 1000
	                                  : 100000));
	if (!strcmp(p->cc, "GB"))
		snprintf(pc + strlen(pc), sizeof(pc) - strlen(pc), "%c%c", letter(h, 9),
		         letter(h, 10));
	if (!strcmp(p->cc, "GB"))
		snprintf(out, size, "%u %s, %s %s", 1 + digits(h, 8, 120), p->street, p->city, pc);
	else
		snprintf(out, size, "%s %u, %s %s", p->street, 1 + digits(h, 8, 120), pc, p->city);
}

static const char *haulier(const char *cc, uint64_t h)
{
	static const struct {
		const char *cc, *name[2];
	} t[] = {{"PL", {"Trans-Pol Sp. z o.o.", "Mazowsze Logistyka Sp. z o.o."}},
	         {"RO", {"Rotrans Express SRL", "Carpati Cargo SRL"}},
	         {"BG", {"Bultrans EOOD", "Balkan Freight OOD"}},
	         {"GB", {"Channel Freight Ltd", "Kent Van & Truck Hire Ltd"}},
	         {"FR", {"Transports Martin SARL", "Loc'Utilitaires Nord SAS"}},
	         {"BE", {"Vlaams Transport BV", "Rent-a-Van Brugge BV"}},
	         {"NL", {"Van Dijk Logistiek B.V.", "Rotterdam Busverhuur B.V."}},
	         {"DE", {"Spedition Becker GmbH", "Autovermietung Nord GmbH"}},
	         {"TR", {"Anadolu Lojistik A.S.", "Marmara Nakliyat Ltd. Sti."}},
	         {"IT", {"Autotrasporti Rossi Srl", "Noleggio Furgoni Srl"}},
	         {"GR", {"Hellas Trans AE", "Attiki Rent EPE"}}};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (!strcmp(t[i].cc, cc))
			return t[i].name[h % 2];
	return "Intertrans Ltd";
}

static const char *registry_of(const char *cc)
{
	static const struct {
		const char *cc, *name;
	} t[] = {{"GB", "DVLA"},     {"FR", "ANTS SIV"}, {"BE", "DIV"},    {"NL", "RDW"},
	         {"DE", "KBA ZFZR"}, {"PL", "CEPiK"},    {"RO", "DRPCIV"}, {"BG", "MVR KAT"},
	         {"TR", "EGM"},      {"IT", "ACI PRA"},  {"GR", "YME"}};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (!strcmp(t[i].cc, cc))
			return t[i].name;
	return "EUCARIS";
}

/* A plate as a clerk typed it: compact, lower case, O for 0. */
static void plate_noisy(const char *plate, struct sim_rng *r, char *out, size_t size)
{
	size_t n = 0;
	unsigned style = sim_rng_below(r, 20);

	for (const char *p = plate; *p && n + 1 < size; p++) {
		char ch = *p;
		if (style < 3 && (ch == ' ' || ch == '-'))
			continue;
		if (style == 3 && ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if (style == 4 && ch == '0')
			ch = 'O';
		out[n++] = ch;
	}
	out[n] = '\0';
}

/* A registry date some years before the simulated year, d/m/y or ISO. */
static void reg_date(int year, uint64_t h, struct sim_rng *r, char *out, size_t size)
{
	int y = year - 1 - (int)digits(h, 1, 9);
	int m = 1 + (int)digits(h, 4, 12), d = 1 + (int)digits(h, 6, 28);

	if (sim_rng_chance(r, 0.5))
		snprintf(out, size, "%04d-%02d-%02d", y, m, d);
	else
		snprintf(out, size, "%02d/%02d/%04d", d, m, y);
}

struct writer {
	struct sim_ctx *c;
	struct sim_file csv, truth;
	struct sim_rng r;
	uint64_t n;
	struct iv_buf name;
};

static IV_MUST_USE enum iv_err nomem(struct writer *wr)
{
	return iv_seterr(wr->c->err, IV_ERR_NOMEM, "out of memory");
}

/* The person columns of a row: a facilitator (or migrant) as the registry has him. */
static IV_MUST_USE enum iv_err person_cols(struct writer *wr, const char **f, uint32_t ref,
                                           const char *cc, bool phone, char *mid, char *dob,
                                           char *addr, char *ph, size_t size)
{
	const struct sim_world *w = wr->c->w;
	const struct sim_person *p = sim_person_of(w, ref);

	snprintf(mid, size, "vrp-%07llu", (unsigned long long)wr->n);
	iv_buf_reset(&wr->name);
	{ /* registries write Latin names: the canonical or another transliteration */
		int vg = sim_rng_chance(&wr->r, 0.7) ? 0 : 1 + (int)sim_rng_below(&wr->r, 2);
		int vf = sim_rng_chance(&wr->r, 0.7) ? 0 : 1 + (int)sim_rng_below(&wr->r, 2);
		bool upper = sim_rng_chance(&wr->r, 0.3);
		if (sim_groups[p->group].family_first
		            ? iv_buf_addf(&wr->name, "%s %s", sim_family(p, vf), sim_given(p, vg))
		            : iv_buf_addf(&wr->name, "%s, %s", sim_family(p, vf), sim_given(p, vg)))
			return nomem(wr);
		for (size_t i = 0; upper && i < wr->name.len; i++)
			if (wr->name.buf[i] >= 'a' && wr->name.buf[i] <= 'z')
				wr->name.buf[i] = (char)(wr->name.buf[i] - 'a' + 'A');
	}
	dob[0] = '\0';
	if (sim_rng_chance(&wr->r, 0.8))
		sim_birth_iso(p, dob, size);
	address_of(cc, hv(w, ref, 31), addr, size);
	ph[0] = '\0';
	if (phone && p->phone != SIM_NONE && sim_rng_chance(&wr->r, 0.6))
		sim_phone_noisy(&SIM_AT(w->phones, struct sim_phone, p->phone), &wr->r, ph, size);
	f[F_PMID] = mid, f[F_PNAME] = wr->name.buf, f[F_PDOB] = dob;
	f[F_PNAT] = sim_nations[p->nat].iso3, f[F_PADDR] = addr, f[F_PPHONE] = ph;
	return IV_OK;
}

static IV_MUST_USE enum iv_err mentions_of_row(struct writer *wr, const char **f, uint32_t ref,
                                               const char *true_vehicle, bool vessel)
{
	struct sim_ctx *c = wr->c;
	const char *eid = vessel ? f[F_VES] : f[F_VEH];
	const char *prop = *f[F_REG]      ? "registrationNumber"
	                   : *f[F_IMO]    ? "imoNumber"
	                   : *f[F_SERIAL] ? "engineSerial"
	                                  : "name";
	const char *value = *f[F_REG]      ? f[F_REG]
	                    : *f[F_IMO]    ? f[F_IMO]
	                    : *f[F_SERIAL] ? f[F_SERIAL]
	                                   : f[F_VNAME];
	enum iv_err rc = sim_mention(c, "vehicles.csv", eid, prop, value[0] ? value : "(unnamed)",
	                             vessel ? "vessel" : "vehicle", true_vehicle);

	if (!rc && *f[F_PMID])
		rc = sim_person_mention(c, "vehicles.csv", f[F_PMID], f[F_PNAME], ref);
	if (!rc && *f[F_PPHONE])
		rc = sim_phone_mention(c, "vehicles.csv", f[F_PMID], "phone", f[F_PPHONE],
		                       sim_person_of(c->w, ref)->phone);
	return rc;
}

static IV_MUST_USE enum iv_err truth_row(struct writer *wr, const char *id, const char *kind,
                                         const struct sim_vehicle_text *t, const char *serial,
                                         uint32_t op, const char *registered)
{
	char opid[16];
	const char *v[10];

	sim_true_id(SIM_PERSON_FAC | op, opid, sizeof(opid));
	v[0] = id, v[1] = kind, v[2] = t->country, v[3] = t->plate, v[4] = t->name;
	v[5] = t->imo, v[6] = t->mmsi, v[7] = serial, v[8] = opid, v[9] = registered;
	return sim_csv_row(wr->c, &wr->truth, v, 10);
}

/* One registry, hire or ship-register record being written. */
struct record {
	const char *f[NF];
	const struct sim_vehicle *vh;
	struct sim_vehicle_text t;
	uint64_t h;     /* the vehicle's hash: keeper, straw keeper, company */
	uint32_t owner; /* the facilitator whose vehicle it is */
	uint32_t ref;   /* person reference of the keeper or hirer on the record */
	bool vessel;
	char rid[24], vmid[24], cmid[32], creg[24], caddr[96];
	/* person_cols writes the four person columns with one size: addr's */
	char pmid[96], dob[96], addr[96], ph[96];
	char reg[32], first[16], notes[160], registered[96];
};

/* The record's ids and what it says about the vehicle or vessel itself. */
static void describe(struct writer *wr, uint64_t v, struct record *rec)
{
	const struct sim_vehicle *vh = rec->vh;
	const struct sim_vehicle_text *t = &rec->t;
	const char **f = rec->f;

	text_of(wr->c->w, v, vh, &rec->t);
	wr->n++;
	for (size_t i = 0; i < NF; i++)
		f[i] = "";
	snprintf(rec->rid, sizeof(rec->rid), "VR-%07llu", (unsigned long long)wr->n);
	snprintf(rec->vmid, sizeof(rec->vmid), "vrv-%07llu", (unsigned long long)wr->n);
	f[F_ID] = rec->rid, f[F_COUNTRY] = t->country, f[F_VTYPE] = t->type;
	f[F_MAKE] = t->make, f[F_MODEL] = t->model;
	reg_date(wr->c->w->year, rec->h, &wr->r, rec->first, sizeof(rec->first));
	f[F_FIRST] = rec->first;
	if (rec->vessel) {
		f[F_VES] = rec->vmid, f[F_VNAME] = t->name, f[F_IMO] = t->imo, f[F_MMSI] = t->mmsi;
		f[F_CALL] = t->call_sign;
		f[F_SOURCE] = vh->kind == 5 ? "Equasis" : "small ships register";
		f[F_TYPE] = "vessel";
		f[F_PORT] = vh->kind == 5 ? (t->country[0] == 'N' ? "Rotterdam" : "")
		                          : (!strcmp(t->country, "BE") ? "Nieuwpoort" : "Ostend");
		if (sim_rng_chance(&wr->r, 0.04))
			f[F_MMSI] = ""; /* not transmitting */
	} else {
		plate_noisy(t->plate, &wr->r, rec->reg, sizeof(rec->reg));
		f[F_VEH] = rec->vmid, f[F_REG] = rec->reg, f[F_SOURCE] = registry_of(t->country);
		f[F_TYPE] = "registration";
	}
}

/* A person as registered keeper: the facilitator, or a member of his cell
 * as straw keeper when keeper (0-59) is 45 or more. */
static IV_MUST_USE enum iv_err person_keeper(struct writer *wr, struct record *rec, unsigned keeper)
{
	const struct sim_world *w = wr->c->w;
	const struct sim_fac *fc = &SIM_AT(w->facs, struct sim_fac, rec->owner);
	const struct sim_cell *cl = &SIM_AT(w->cells, struct sim_cell, fc->cell);
	enum iv_err rc;

	if (keeper >= 45 && cl->nfac > 1) {
		uint32_t straw = cl->first_fac + (uint32_t)(rec->h >> 16) % cl->nfac;
		if (straw != rec->owner)
			rec->ref = SIM_PERSON_FAC | straw;
	}
	rc = person_cols(wr, rec->f, rec->ref, rec->t.country, false, rec->pmid, rec->dob,
	                 rec->addr, rec->ph, sizeof(rec->addr));
	if (rc)
		return rc;
	rec->f[F_OWNER] = rec->pmid;
	sim_true_id(rec->ref, rec->registered, sizeof(rec->registered));
	return IV_OK;
}

/* The facilitator as operator of a company's vehicle: the master on a cargo
 * ship's crew list, or the hirer of a hire company's vehicle or yacht. */
static IV_MUST_USE enum iv_err hirer(struct writer *wr, struct record *rec)
{
	enum iv_err rc;
	int d0;
	char from[16], to[16];

	rc = person_cols(wr, rec->f, rec->ref, rec->t.country, true, rec->pmid, rec->dob, rec->addr,
	                 rec->ph, sizeof(rec->addr));
	if (rc)
		return rc;
	rec->f[F_OPERATOR] = rec->pmid;
	if (rec->vh->kind == 5) {
		snprintf(rec->notes, sizeof(rec->notes), "master named on the crew list");
		return IV_OK;
	}
	d0 = (int)sim_rng_below(&wr->r, 330);
	sim_day_iso(wr->c->w->year, d0, from, sizeof(from));
	sim_day_iso(wr->c->w->year, d0 + 1 + (int)sim_rng_below(&wr->r, 30), to, sizeof(to));
	rec->f[F_TYPE] = "hire";
	snprintf(rec->notes, sizeof(rec->notes), "hired %s to %s, paid cash%s", from, to,
	         sim_rng_chance(&wr->r, 0.3) ? "; returned late" : "");
	return IV_OK;
}

/* A company as registered keeper: a shipping line, a yacht charter, a haulier
 * or hire company; the facilitator as operator when it hires or crews it
 * (keeper 80-99, and every cargo ship). */
static IV_MUST_USE enum iv_err company_keeper(struct writer *wr, struct record *rec,
                                              unsigned keeper)
{
	const struct sim_vehicle *vh = rec->vh;
	uint64_t h = rec->h;
	const char *co =
	        vh->kind == 5   ? (h >> 9) % 2 ? "Nordzee Shipping B.V." : "Baltic Feeder Lines Ltd"
	        : vh->kind == 4 ? "Yachtcharter Noordzee BV"
	                        : haulier(rec->t.country, h >> 9);
	const char *cc = vh->kind >= 4 ? (vh->kind == 5 ? "NL" : "BE") : rec->t.country;
	const char **f = rec->f;

	snprintf(rec->cmid, sizeof(rec->cmid), "vrc-%s-%08llx", cc,
	         (unsigned long long)(fnv(co) & 0xffffffffULL));
	snprintf(rec->creg, sizeof(rec->creg), "%s%07u", cc, (unsigned)(fnv(co) % 10000000));
	address_of(cc, h >> 3, rec->caddr, sizeof(rec->caddr));
	f[F_CMID] = rec->cmid, f[F_CNAME] = co, f[F_CREG] = rec->creg, f[F_CADDR] = rec->caddr;
	f[F_CCOUNTRY] = cc, f[F_OWNER] = rec->cmid;
	snprintf(rec->registered, sizeof(rec->registered), "%s", co);
	if (keeper >= 80 || vh->kind == 5)
		return hirer(wr, rec);
	return IV_OK;
}

/* The row, its mentions and its line of truth/vehicles.csv. */
static IV_MUST_USE enum iv_err write_record(struct writer *wr, struct record *rec, const char *tid)
{
	unsigned kind = rec->vh->kind;
	enum iv_err rc;

	rec->f[F_NOTES] = rec->notes;
	rc = sim_csv_row(wr->c, &wr->csv, rec->f, NF);
	if (!rc)
		rc = mentions_of_row(wr, rec->f, rec->ref, tid, rec->vessel);
	if (!rc)
		rc = truth_row(wr, tid,
		               kind == 0   ? "lorry"
		               : kind == 1 ? "van"
		               : kind == 2 ? "car"
		               : kind == 4 ? "yacht"
		                           : "cargo_vessel",
		               &rec->t, "", rec->owner, rec->registered);
	return rc;
}

/* One registry (or hire, or ship register) record per vehicle: key is the
 * world's vehicle index or DERIVED | supplier, tid its true id. */
static IV_MUST_USE enum iv_err vehicle_record(struct writer *wr, uint64_t v,
                                              const struct sim_vehicle *vh, const char *tid)
{
	struct record rec;
	unsigned keeper;
	enum iv_err rc;

	if (vh->kind == 3)
		return IV_OK; /* dinghies: see the dealers' sales per crossing */
	memset(&rec, 0, sizeof(rec));
	rec.vh = vh;
	rec.owner = vh->owner & ~SIM_PERSON_FAC;
	rec.ref = vh->owner;
	rec.h = hv(wr->c->w, v, 41);
	rec.vessel = vh->kind >= 4;
	describe(wr, v, &rec);
	/* keeper: the facilitator (45%), a cell member as straw keeper (15%),
	 * a haulier or charter company (20%), a hire company with him as hirer (20%);
	 * cargo ships always belong to a shipping company */
	keeper = (unsigned)(rec.h % 100);
	if (vh->kind == 5)
		keeper = 60 + keeper % 40;
	if (keeper < 60)
		rc = person_keeper(wr, &rec, keeper);
	else
		rc = company_keeper(wr, &rec, keeper);
	if (!rc)
		rc = write_record(wr, &rec, tid);
	return rc;
}

/* A dealer's sale of the dinghy and engine of one small-boat crossing. */
static IV_MUST_USE enum iv_err boat_sale(struct writer *wr, uint32_t bi)
{
	static const struct {
		const char *cc, *name, *reg;
	} dealers[] = {{"DE", "Wassersport Schulz GmbH", "HRB 48213"},
	               {"DE", "Bootscenter Rhein GmbH", "HRB 22871"},
	               {"DE", "Schlauchboot-Discount Kiel UG", "HRB 19544"},
	               {"NL", "Watersport Centrum De Vries B.V.", "KvK 24311986"},
	               {"NL", "Botenhandel Jansen V.O.F.", "KvK 17290441"}};
	struct sim_ctx *c = wr->c;
	const struct sim_world *w = c->w;
	const struct sim_boat *b = &SIM_AT(w->boats, struct sim_boat, bi);
	uint32_t sup = b->supplier;
	const struct sim_fac *fc = &SIM_AT(w->facs, struct sim_fac, sup);
	const struct sim_vehicle *vh =
	        fc->vehicle != SIM_NONE ? &SIM_AT(w->vehicles, struct sim_vehicle, fc->vehicle)
	                                : NULL;
	bool nl = vh ? vh->country == C_NL : hv(w, bi, 51) % 3 == 0;
	unsigned d = (unsigned)(hv(w, bi, 52) % 2) + (nl ? 3 : 0);
	struct sim_vehicle_text t;
	const char *engine, *f[NF];
	char rid[24], vmid[24], cmid[24], caddr[96];
	char pmid[96], dob[96], addr[96], ph[96]; /* person_cols writes each at sizeof(addr) */
	char serial[32], date[16], tid[16], notes[160];
	enum iv_err rc;

	if (d >= 5)
		d = 4;
	memset(&t, 0, sizeof(t));
	t.country = dealers[d].cc;
	wr->n++;
	for (size_t i = 0; i < NF; i++)
		f[i] = "";
	sim_boat_engine(w, bi, &engine, serial, sizeof(serial));
	snprintf(rid, sizeof(rid), "VR-%07llu", (unsigned long long)wr->n);
	snprintf(vmid, sizeof(vmid), "vrv-%07llu", (unsigned long long)wr->n);
	snprintf(cmid, sizeof(cmid), "vrd-%u", d);
	snprintf(tid, sizeof(tid), "B%06u", bi);
	sim_day_iso(w->year, b->day > 40 ? b->day - 5 - (int)sim_rng_below(&wr->r, 30) : 0, date,
	            sizeof(date));
	address_of(dealers[d].cc, hv(w, d, 53), caddr, sizeof(caddr));
	f[F_ID] = rid, f[F_TYPE] = "boat_sale", f[F_SOURCE] = dealers[d].name;
	f[F_COUNTRY] = dealers[d].cc, f[F_VES] = vmid, f[F_VTYPE] = "inflatable boat";
	f[F_MAKE] = "unbranded",
	f[F_MODEL] = hv(w, bi, 54) % 2 ? "inflatable 9.5 m" : "inflatable 11 m";
	f[F_FIRST] = date, f[F_ENGINE] = engine, f[F_SERIAL] = serial;
	f[F_CMID] = cmid, f[F_CNAME] = dealers[d].name, f[F_CREG] = dealers[d].reg;
	f[F_CADDR] = caddr, f[F_CCOUNTRY] = dealers[d].cc, f[F_OPERATOR] = cmid;
	snprintf(notes, sizeof(notes), "sold with %u life jackets; paid %s",
	         20 + (unsigned)(hv(w, bi, 55) % 41),
	         sim_rng_chance(&wr->r, 0.8) ? "cash" : "by card");
	f[F_NOTES] = notes;
	if (sim_rng_chance(&wr->r, 0.75)) { /* the buyer showed an ID */
		rc = person_cols(wr, f, SIM_PERSON_FAC | sup, dealers[d].cc, true, pmid, dob, addr,
		                 ph, sizeof(addr));
		if (rc)
			return rc;
		f[F_OWNER] = pmid;
	} else {
		f[F_NOTES] = "cash sale, buyer not identified";
	}
	rc = sim_csv_row(c, &wr->csv, f, NF);
	if (!rc)
		rc = mentions_of_row(wr, f, SIM_PERSON_FAC | sup, tid, true);
	if (!rc) {
		char who[16];
		sim_true_id(SIM_PERSON_FAC | sup, who, sizeof(who));
		rc = truth_row(wr, tid, "dinghy", &t, serial, sup, *f[F_OWNER] ? who : "");
	}
	return rc;
}

enum iv_err sim_write_vehicles(struct sim_ctx *c)
{
	static const char *const th[] = {"true_id",  "kind",         "country", "registration",
	                                 "name",     "imo",          "mmsi",    "engine_serial",
	                                 "operator", "registered_to"};
	const struct sim_world *w = c->w;
	struct writer wr;
	unsigned char *seen = NULL;
	enum iv_err rc;

	memset(&wr, 0, sizeof(wr));
	wr.c = c;
	wr.name = (struct iv_buf)IV_BUF_INIT;
	rc = sim_write_text(c, "vehicles.yml", mapping);
	if (rc)
		return rc;
	rc = sim_file_open(c, &wr.csv, "vehicles.csv");
	if (rc)
		return rc;
	rc = sim_file_open(c, &wr.truth, "truth/vehicles.csv");
	if (rc)
		return sim_file_abort(c, &wr.csv, rc);
	sim_rng_seed(&wr.r, w->seed, 'V');
	rc = sim_csv_row(c, &wr.csv, header, NF);
	if (!rc)
		rc = sim_csv_row(c, &wr.truth, th, 10);
	for (size_t v = 0; !rc && v < w->vehicles.len; v++) {
		char tid[32];
		snprintf(tid, sizeof(tid), "VH%06zu", v);
		rc = vehicle_record(&wr, v, &SIM_AT(w->vehicles, struct sim_vehicle, v), tid);
	}
	/* lorries and vessels of crossings whose supplier has none of the kind */
	seen = iv_calloc(w->facs.len ? w->facs.len : 1);
	if (!seen && !rc)
		rc = nomem(&wr);
	for (size_t b = 0; !rc && b < w->boats.len; b++) {
		const struct sim_boat *bt = &SIM_AT(w->boats, struct sim_boat, b);
		struct sim_vehicle vh;
		char tid[32];
		if (kind_for(bt->mode) < 0 || bt->supplier == SIM_NONE || crossing_has_own(w, bt) ||
		    seen[bt->supplier])
			continue;
		seen[bt->supplier] = 1;
		derived_of(w, (uint32_t)b, &vh);
		snprintf(tid, sizeof(tid), "VD%06u", bt->supplier);
		rc = vehicle_record(&wr, DERIVED | bt->supplier, &vh, tid);
	}
	iv_free(seen);
	for (size_t b = 0; !rc && b < w->boats.len; b++) {
		const struct sim_boat *bt = &SIM_AT(w->boats, struct sim_boat, b);
		if (bt->mode == MODE_SMALL_BOAT && bt->supplier != SIM_NONE)
			rc = boat_sale(&wr, (uint32_t)b);
		if (!rc && (b & 4095) == 0)
			sim_progress(c, "vehicles.csv", b, w->boats.len);
	}
	iv_buf_release(&wr.name);
	c->rep->records += wr.csv.rows ? wr.csv.rows - 1 : 0;
	c->rep->files++;
	rc = sim_file_abort(c, &wr.truth, rc);
	return sim_file_abort(c, &wr.csv, rc);
}
