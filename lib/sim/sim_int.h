/*
 * sim_int.h - internals of the scenario generator shared by the files of lib/sim:
 * the PRNG, the compact world model, the name and place tables, the noise
 * helpers and the writers every source uses.  See docs/scenario.md.
 *
 * The world holds indices and small integers only; every string in the
 * output is rendered on demand from the tables, so memory stays at about
 * a hundred bytes per migrant and the files stream.
 */
#ifndef IV_SIM_INT_H
#define IV_SIM_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "iv/sim.h"
#include "iv/util.h"

/* ---- PRNG: xoshiro256** seeded by splitmix64 ------------------------------ */

struct sim_rng {
	uint64_t s[4];
};

/**
 * splitmix64's output function: a fixed, well-mixed hash of x.  Writers use
 * it to derive a detail from an index deterministically without drawing
 * from their stream (so that adding a detail moves no other draw).
 */
uint64_t sim_hash64(uint64_t x);

/** Seed one independent stream per (seed, stream tag). */
void sim_rng_seed(struct sim_rng *r, uint64_t seed, uint64_t stream);
uint64_t sim_rng_next(struct sim_rng *r);
/** Uniform in [0, n); n > 0. */
uint32_t sim_rng_below(struct sim_rng *r, uint32_t n);
/** Uniform in [lo, hi]. */
int sim_rng_range(struct sim_rng *r, int lo, int hi);
/** True with probability p. */
bool sim_rng_chance(struct sim_rng *r, double p);
/** Index drawn with the given weights (n entries, sum > 0). */
unsigned sim_rng_weighted(struct sim_rng *r, const double *w, unsigned n);

/* ---- tables: nations, name groups, phones, places ------------------------- */

enum sim_nat {
	NAT_IR,
	NAT_IQ,
	NAT_AF,
	NAT_SY,
	NAT_ER,
	NAT_SD,
	NAT_AL,
	NAT_VN,
	NAT_TR,
	NAT_PK,
	NAT__COUNT
};

enum sim_group { /* name groups: script and naming customs */
	         GRP_KURDISH,
	         GRP_ARABIC,
	         GRP_PERSIAN,
	         GRP_AFGHAN,
	         GRP_TIGRINYA,
	         GRP_ALBANIAN,
	         GRP_VIETNAMESE,
	         GRP_TURKISH,
	         GRP_URDU,
	         GRP__COUNT
};

/* Countries that appear in phones, accounts, routes and documents. */
enum sim_country {
	C_GB,
	C_FR,
	C_BE,
	C_DE,
	C_NL,
	C_TR,
	C_IQ,
	C_IR,
	C_AF,
	C_AL,
	C_VN,
	C_SD,
	C_LY,
	C_GR,
	C_IT,
	C_SY,
	C_PK,
	C_ER,
	C_RU,
	C_PL,
	C__COUNT
};

struct sim_nation {
	const char *iso2, *iso3, *name, *demonym;
	enum sim_country country;
	const char *language; /* spoken, for debriefs */
	const char *city;     /* home city */
};

extern const struct sim_nation sim_nations[NAT__COUNT];

struct sim_country_info {
	const char *iso2, *iso3, *name;
	const char *cc;           /* phone country code */
	const char *prefixes[6];  /* mobile prefixes after the country code */
	unsigned nsn;             /* national significant number length */
	const char *iban_country; /* NULL: no IBANs there */
};

extern const struct sim_country_info sim_countries[C__COUNT];

#define SIM_NAME_MALE   10
#define SIM_NAME_FEMALE 4
#define SIM_NAME_FAMILY 8

struct sim_name {
	const char *native;
	const char *latin[3]; /* latin[0] is the canonical transliteration */
};

struct sim_name_group {
	struct sim_name male[SIM_NAME_MALE];
	struct sim_name female[SIM_NAME_FEMALE];
	struct sim_name family[SIM_NAME_FAMILY];
	const char *nick;  /* nickname prefix: "Kaka ", "Abu ", "Haji " */
	bool family_first; /* Vietnamese order */
	bool latin_script; /* native spelling is Latin (Albanian, Turkish) */
};

extern const struct sim_name_group sim_groups[GRP__COUNT];

/* ---- the world ------------------------------------------------------------- */

#define SIM_NONE       UINT32_MAX
#define SIM_MAX_LEGS   6
#define SIM_PERSON_FAC 0x80000000u /* person reference: facilitator when set */

enum sim_mode {
	MODE_SMALL_BOAT,
	MODE_LORRY,
	MODE_AIR,
	MODE_CAR,
	MODE_FOOT,
	MODE_YACHT,
	MODE_CARGO_SHIP,
	MODE_BUS,
	MODE_TRAIN,
	MODE__COUNT
};
extern const char *const sim_mode_names[MODE__COUNT];

struct sim_leg_tpl {
	enum sim_country from, to; /* C__COUNT for "the migrant's home" */
	const char *from_place, *to_place;
	enum sim_mode mode;
	unsigned price_lo, price_hi; /* per person */
	const char *currency;
};

struct sim_route {
	const char *name;
	unsigned nlegs;
	struct sim_leg_tpl legs[SIM_MAX_LEGS];
};

enum {
	ROUTE_EMED_CHANNEL,
	ROUTE_AFPK_CHANNEL,
	ROUTE_CMED_CHANNEL,
	ROUTE_BALKAN_CHANNEL,
	ROUTE_AL_AIR,
	ROUTE_VN_LORRY,
	ROUTE_VN_BOAT,
	ROUTE_EMED_LORRY,
	ROUTE_NL_CARGO,
	ROUTE_BE_YACHT,
	ROUTE_AIR_FALSE_DOCS,
	ROUTE__COUNT
};
extern const struct sim_route sim_routes[ROUTE__COUNT];

enum sim_role {
	ROLE_ORGANISER,
	ROLE_HUB_ORGANISER,
	ROLE_RECRUITER,
	ROLE_DRIVER,
	ROLE_BOAT_PILOT,
	ROLE_BOAT_SUPPLIER,
	ROLE_FORGER,
	ROLE_SAFE_HOUSE,
	ROLE_HAWALADAR,
	ROLE_CONSULTANT,
	ROLE_COLLECTOR,
	ROLE__COUNT
};
extern const char *const sim_role_names[ROLE__COUNT];

enum sim_pay {
	PAY_HAWALA,
	PAY_DEPOSIT_ON_ARRIVAL,
	PAY_INSTALMENTS,
	PAY_DEBT,
	PAY_CASH,
	PAY__COUNT
};
extern const char *const sim_pay_names[PAY__COUNT];

/* Trafficking indicators (bits of sim_person.indicators). */
enum {
	IND_DEBT = 1 << 0,
	IND_RESTRICTED = 1 << 1,
	IND_ACCOMPANIED = 1 << 2,
	IND_SCRIPTED = 1 << 3,
	IND_NO_WAGES = 1 << 4,
	IND_WORKSITE = 1 << 5, /* nail bar, car wash, cannabis farm */
	IND_KIDNAP = 1 << 6,
	IND__COUNT = 7
};
extern const char *const sim_indicator_names[IND__COUNT];

struct sim_person { /* a migrant, a facilitator or a relative */
	uint8_t nat, group, sex /* 'M'/'F' */, flags;
	uint8_t given, family, bmonth, bday;
	uint16_t byear;
	uint8_t indicators, pad;
	uint32_t journey; /* migrants: index of the journey */
	uint32_t phone;   /* first phone, SIM_NONE when none */
	uint32_t nphones;
};
enum { PF_CHILD = 1 << 0, PF_PILOT = 1 << 1, PF_DEBRIEFED = 1 << 2, PF_DISPUTED_AGE = 1 << 3 };

struct sim_fac {
	struct sim_person p;
	uint32_t ocg, cell;
	uint8_t tier, role, other_crime, alias;
	uint32_t account; /* first bank account or SIM_NONE */
	uint32_t naccounts;
	uint32_t vehicle; /* SIM_NONE or a vehicle/vessel index */
	uint32_t social;  /* first social account, SIM_NONE */
	uint32_t nsocial;
};

struct sim_cell {
	uint32_t ocg;
	uint32_t first_fac, nfac; /* facilitators of the cell, contiguous */
	uint32_t organiser;       /* hub organiser (facilitator index) */
	uint8_t route, leg;       /* the leg this cell runs */
};

struct sim_ocg {
	uint8_t nat;         /* ethnicity of the network */
	uint8_t other_crime; /* also in other crime */
	uint32_t leader;     /* facilitator index */
	uint32_t hawaladar;  /* facilitator index or SIM_NONE */
	uint32_t first_cell, ncells;
	uint64_t proceeds_gbp; /* computed while the world is built */
	uint32_t journeys, migrants;
};

struct sim_journey {
	uint32_t first_migrant, nmigrants; /* contiguous in the migrant array */
	uint8_t route, pay, outcome, nlegs;
	uint16_t day; /* day of the year of the final leg */
	uint32_t fac[SIM_MAX_LEGS];
	uint32_t price[SIM_MAX_LEGS]; /* per person, in the leg currency */
	uint32_t boat;                /* boat or lorry crossing, SIM_NONE */
	uint32_t ocg;                 /* OCG of the final leg */
};
enum { OUT_ARRIVED, OUT_INTERCEPTED, OUT_RETURNED };

struct sim_boat { /* one crossing of the last leg: a boat, a lorry, a yacht */
	uint16_t day;
	uint8_t mode, place;
	uint32_t people;
	uint32_t pilot;    /* migrant index (forced to steer) or SIM_NONE */
	uint32_t driver;   /* facilitator index or SIM_NONE */
	uint32_t vehicle;  /* vehicle/vessel index */
	uint32_t supplier; /* facilitator who supplied the boat */
	uint32_t ocg;
};

struct sim_vehicle {
	uint32_t owner; /* facilitator index */
	uint8_t kind;   /* 0 lorry, 1 van, 2 car, 3 dinghy, 4 yacht, 5 cargo vessel */
	uint8_t country;
};

struct sim_phone {
	uint32_t owner; /* person reference (SIM_PERSON_FAC | fac, or migrant index) */
	uint8_t country;
	uint64_t digits; /* subscriber digits after the prefix */
	uint8_t prefix;
};

struct sim_account {
	uint32_t owner; /* facilitator index */
	uint8_t country;
};

struct sim_doc {
	uint32_t holder;    /* person reference of the true holder */
	uint32_t presenter; /* person reference of whoever presented it */
	uint8_t country;    /* issuing state (enum sim_country) */
	uint8_t td1;        /* identity card (TD1) rather than passport (TD3) */
	uint8_t forgery;    /* enum sim_forgery */
	uint8_t pad;
	uint32_t number;    /* document number (digits after the series letters) */
	uint16_t issue_day; /* days since 2010-01-01 */
};
enum sim_forgery {
	FORGE_NONE,
	FORGE_CHECK_DIGIT,
	FORGE_NUMBER_REUSED,
	FORGE_IMPOSTOR,
	FORGE_MRZ_MISMATCH,
	FORGE_DATES,
	FORGE__COUNT
};
extern const char *const sim_forgery_names[FORGE__COUNT];

struct sim_social {
	uint32_t owner; /* person reference */
	uint8_t platform, lang;
	uint16_t pad;
};

struct sim_vec { /* a growable array of fixed-size items */
	void *items;
	size_t len, alloc, size;
};
IV_MUST_USE enum iv_err sim_vec_push(struct sim_vec *v, const void *item, uint32_t *index);
void sim_vec_release(struct sim_vec *v);
#define SIM_AT(vec, type, i) (((type *)(vec).items)[i])

/* Most cells one route's leg can have (4 at small scale, more as the world grows). */
#define SIM_MAX_CELLS_PER_LEG 64 /* a uint64_t bitset holds one leg's cells */

struct sim_world {
	uint64_t seed;
	int year;
	uint64_t scale;
	struct sim_vec migrants; /* struct sim_person */
	struct sim_vec facs;     /* struct sim_fac */
	struct sim_vec cells;    /* struct sim_cell */
	struct sim_vec ocgs;     /* struct sim_ocg */
	struct sim_vec journeys; /* struct sim_journey */
	struct sim_vec boats;    /* struct sim_boat */
	struct sim_vec vehicles; /* struct sim_vehicle */
	struct sim_vec phones;   /* struct sim_phone */
	struct sim_vec accounts; /* struct sim_account */
	struct sim_vec docs;     /* struct sim_doc */
	struct sim_vec socials;  /* struct sim_social */
	uint32_t ocg_of_route_leg[ROUTE__COUNT][SIM_MAX_LEGS]
	                         [SIM_MAX_CELLS_PER_LEG]; /* cells serving a leg */
	uint8_t ncells_of_route_leg[ROUTE__COUNT][SIM_MAX_LEGS];
};

IV_MUST_USE enum iv_err sim_world_build(struct sim_world *w, struct iv_buf *err);
void sim_world_release(struct sim_world *w);

/** People per boat in a year (DOMAIN.md §4), and the nationality weights. */
double sim_people_per_boat(int year);
void sim_nat_weights(int year, double w[NAT__COUNT]);
/** A person reference's struct (migrant or facilitator). */
const struct sim_person *sim_person_of(const struct sim_world *w, uint32_t ref);

/* ---- rendering: names, dates, phones, ids ---------------------------------- */

/*
 * The username of world social account si (its owner's canonical given and
 * family name, lower-case ASCII, in one of four patterns, ending in a number
 * no other account has, so that no two accounts share a handle): social.c's
 * posts and partner-reports.jsonl write the same string for one account.
 */
void sim_username(const struct sim_world *w, uint32_t si, char *out, size_t size);

/* Person ids in the truth: "M0000012" (migrant), "F00034" (facilitator). */
void sim_true_id(uint32_t ref, char *out, size_t size);

enum sim_name_style { NAME_CANONICAL, NAME_NOISY, NAME_NATIVE };
/** Full name of a person into out (replaces the contents). */
IV_MUST_USE enum iv_err sim_name(struct iv_buf *out, const struct sim_person *p,
                                 enum sim_name_style style, struct sim_rng *r);
/** Given name or family name alone (canonical or noisy). */
const char *sim_given(const struct sim_person *p, int variant);
const char *sim_family(const struct sim_person *p, int variant);
/** A nickname ("Kaka Karwan", "Abu Omar"). */
IV_MUST_USE enum iv_err sim_nickname(struct iv_buf *out, const struct sim_person *p);

/** Birth date as a source writes it: ISO, d/m/y, swapped, year only, 01/01, or "". */
void sim_birth_noisy(const struct sim_person *p, struct sim_rng *r, char *out, size_t size);
void sim_birth_iso(const struct sim_person *p, char *out, size_t size);
/** A date from a day of the year of w->year (ISO). */
void sim_day_iso(int year, int day, char *out, size_t size);

/** A phone in E.164, or as written (spaces, 00, local form, typos when noisy). */
void sim_phone_e164(const struct sim_phone *ph, char *out, size_t size);
void sim_phone_noisy(const struct sim_phone *ph, struct sim_rng *r, char *out, size_t size);

/** IBAN with a correct check (or a broken one when bad). */
void sim_iban(const struct sim_world *w, uint32_t account, bool bad, char *out, size_t size);

/* ---- writers --------------------------------------------------------------- */

struct sim_file {
	FILE *f;
	char *path; /* iv_malloc'd */
	char *buffer;
	uint64_t rows;
};

struct sim_ctx {
	struct sim_world *w;
	const struct iv_sim_opts *opts;
	struct iv_sim_report *rep;
	struct sim_file mentions; /* truth/mentions.csv */
	struct iv_buf line, tmp, tmp2;
	struct iv_buf *err;
};

IV_MUST_USE enum iv_err sim_file_open(struct sim_ctx *c, struct sim_file *sf, const char *rel);
IV_MUST_USE enum iv_err sim_file_close(struct sim_ctx *c, struct sim_file *sf);
/** Close after an error: rc is returned, err keeps the first message. */
enum iv_err sim_file_abort(struct sim_ctx *c, struct sim_file *sf, enum iv_err rc);
/** Write a whole string (a mapping file) to OUT/rel. */
IV_MUST_USE enum iv_err sim_write_text(struct sim_ctx *c, const char *rel, const char *text);

/** Append one CSV field (quoted when needed) and its separator to b. */
IV_MUST_USE enum iv_err sim_csv_field(struct iv_buf *b, const char *s, bool last);
/** Write n fields as one CSV row. */
IV_MUST_USE enum iv_err sim_csv_row(struct sim_ctx *c, struct sim_file *sf,
                                    const char *const *fields, size_t n);
/** Append s as a JSON string (quoted, escaped) to b. */
IV_MUST_USE enum iv_err sim_json_str(struct iv_buf *b, const char *s);

/*
 * Writing an FtM JSON line: open it ({"id", "schema", "properties": {),
 * add values (the values of one property must come together; empty ones are
 * skipped; open_prop remembers the property being written), then close the
 * properties object ("]}, " or "}, ") and append the rest of the line.
 */
IV_MUST_USE enum iv_err sim_ftm_open(struct iv_buf *line, struct iv_buf *open_prop, const char *id,
                                     const char *schema);
IV_MUST_USE enum iv_err sim_ftm_value(struct iv_buf *line, struct iv_buf *open_prop,
                                      const char *prop, const char *v);
IV_MUST_USE enum iv_err sim_ftm_close_properties(struct iv_buf *line,
                                                 const struct iv_buf *open_prop);
IV_MUST_USE enum iv_err sim_file_write(struct sim_ctx *c, struct sim_file *sf,
                                       const struct iv_buf *b);

/** One line of truth/mentions.csv. */
IV_MUST_USE enum iv_err sim_mention(struct sim_ctx *c, const char *source, const char *entity,
                                    const char *property, const char *value, const char *kind,
                                    const char *true_id);
/** A person mention: counts it in the report too. */
IV_MUST_USE enum iv_err sim_person_mention(struct sim_ctx *c, const char *source,
                                           const char *entity, const char *value, uint32_t ref);
IV_MUST_USE enum iv_err sim_phone_mention(struct sim_ctx *c, const char *source, const char *entity,
                                          const char *property, const char *value, uint32_t phone);
void sim_progress(struct sim_ctx *c, const char *stage, uint64_t done, uint64_t total);

/* ---- sources and truth (one function per file family) --------------------- */

/* One writer per source file, each in lib/sim/<source>.c (see sim.c's table). */
IV_MUST_USE enum iv_err sim_write_debriefs(struct sim_ctx *c);
IV_MUST_USE enum iv_err sim_write_partner_reports(struct sim_ctx *c);
IV_MUST_USE enum iv_err sim_write_cdr(struct sim_ctx *c);
IV_MUST_USE enum iv_err sim_write_bank(struct sim_ctx *c);
IV_MUST_USE enum iv_err sim_write_hawala(struct sim_ctx *c);
IV_MUST_USE enum iv_err sim_write_social(struct sim_ctx *c);
IV_MUST_USE enum iv_err sim_write_documents(struct sim_ctx *c);
IV_MUST_USE enum iv_err sim_write_detections(struct sim_ctx *c);
IV_MUST_USE enum iv_err sim_write_vehicles(struct sim_ctx *c);
/* The ground truth (truth.c), written after every source. */
IV_MUST_USE enum iv_err sim_write_truth(struct sim_ctx *c);

/* Vehicles and vessels as registries print them (vehicles.c), shared with
 * detections.c so that one plate or engine serial links the two sources. */
struct sim_vehicle_text {
	const char *country;      /* ISO2 of the plate or the flag state */
	char plate[24];           /* registration as issued ("" for unregistered boats) */
	const char *make, *model; /* static strings */
	const char *type;         /* "HGV tractor unit", "panel van", "yacht", ... */
	char name[40];            /* vessels: name as painted */
	char imo[16], mmsi[16], call_sign[12];
};
void sim_vehicle_text(const struct sim_world *w, uint32_t v, struct sim_vehicle_text *out);
/** The dinghy and engine of a small-boat crossing; serial is unique per boat. */
void sim_boat_engine(const struct sim_world *w, uint32_t boat, const char **make, char *serial,
                     size_t size);
/** The lorry or vessel of a crossing (its supplier's, or one derived from him: true
 * id "VH<vehicle>" or "VD<facilitator>" into true_id). */
void sim_crossing_vehicle(const struct sim_world *w, uint32_t boat, struct sim_vehicle_text *out,
                          char *true_id, size_t size);
/** A registration plate in the format of country cc (ISO2), drawn from hash h. */
void sim_plate(const char *cc, uint64_t h, char *out, size_t size);

/* Money shared by bank.c and hawala.c (money.c): the relative who pays for a
 * journey ("R" + journey index in the truth), leg amounts in GBP exactly as
 * world.c counts proceeds, and the lines of truth/money_flows.csv. */
struct sim_relative {
	struct sim_person p;
	uint8_t country;  /* enum sim_country where the relative lives */
	uint8_t relation; /* index into sim_relations */
};
extern const char *const sim_relations[5];
void sim_relative_of(const struct sim_world *w, uint32_t journey, struct sim_relative *out);
uint64_t sim_leg_gbp(const struct sim_journey *j, unsigned leg);
double sim_gbp_rate(const char *currency);
int sim_leg_day(const struct sim_journey *j, unsigned leg);
uint64_t sim_mix64(uint64_t a, uint64_t b);
struct sim_flow {
	const char *source, *txn, *date, *payer_true, *ben_true, *payer_entity, *ben_entity;
	const char *amount, *currency, *category, *channel;
	uint64_t gbp, proceeds;
	uint32_t ocg, journey; /* SIM_NONE when none */
	int leg;               /* 0-based, -1 when none */
};
/** Open truth/money_flows.csv (header when it is new) or append to it. */
IV_MUST_USE enum iv_err sim_money_open(struct sim_ctx *c, struct sim_file *sf, bool append);
IV_MUST_USE enum iv_err sim_money_flow(struct sim_ctx *c, struct sim_file *sf,
                                       const struct sim_flow *fl);

#endif
