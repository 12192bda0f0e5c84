/*
 * schema.h - the schema registry and the property types.
 *
 * The registry is compiled from one data file (lib/schema/schemata.def)
 * into the binary: FollowTheMoney-compatible schemata (Thing, LegalEntity,
 * Person, ... Payment, Call, Ownership ...) plus the OIC extensions
 * (Journey, JourneyLeg, Debrief, SocialMediaPost, Exhibit, CustodyEvent).
 * Schemata inherit properties from their parents; a property is looked up
 * by its FtM name on the schema or any ancestor.
 *
 * Property types each have a normaliser/validator.  A value that fails
 * validation is never changed: iv_type_normalize returns it verbatim and
 * reports valid = false, and the caller keeps it marked invalid.
 *
 * All objects returned by the registry are static and live for the whole
 * program; nothing here needs freeing and everything is thread-safe after
 * the first call (the registry is built once, under pthread_once).
 */
#ifndef IV_SCHEMA_H
#define IV_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "iv/util.h"

enum iv_type {
	IV_TYPE_STRING = 0, /* free short string, no validation */
	IV_TYPE_TEXT,       /* long free text */
	IV_TYPE_NAME,       /* a name of a person or thing */
	IV_TYPE_DATE,       /* ISO 8601, partial allowed */
	IV_TYPE_COUNTRY,    /* ISO 3166-1 / ICAO special codes */
	IV_TYPE_PHONE,      /* E.164 through libphonenumber */
	IV_TYPE_EMAIL,
	IV_TYPE_IBAN,       /* mod-97 checked */
	IV_TYPE_IDENTIFIER, /* document, registration, account numbers */
	IV_TYPE_ADDRESS,
	IV_TYPE_URL,
	IV_TYPE_AMOUNT,   /* a number, optionally with an ISO 4217 currency */
	IV_TYPE_CURRENCY, /* an ISO 4217 code */
	IV_TYPE_NUMBER,   /* a plain decimal number */
	IV_TYPE_ENTITY,   /* a reference to another entity by id */
	IV_TYPE__COUNT
};

/** FtM type name ("name", "date", "entity", ...). */
const char *iv_type_name(enum iv_type t);
/** Look a type up by its name; returns false when unknown. */
bool iv_type_from_name(const char *name, enum iv_type *out);

struct iv_schema;

struct iv_property {
	const char *name;  /* FtM property name, e.g. "birthDate" */
	const char *label; /* human label, e.g. "Birth date" */
	enum iv_type type;
	const struct iv_schema *owner; /* schema that declares it */
	const char *range; /* for IV_TYPE_ENTITY: schema name of the target, else NULL */
	bool matchable;    /* used by resolution (names, identifiers, dates ...) */
};

enum iv_schema_flags {
	IV_SCHEMA_ABSTRACT = 1 << 0, /* cannot be instantiated (Thing, Interval, Value) */
	IV_SCHEMA_EDGE = 1 << 1,     /* a link between two entities (Payment, Call, Family ...) */
	IV_SCHEMA_OIC = 1 << 2,      /* an invigor extension not in FtM */
};

/** Look a schema up by name ("Person"); NULL when unknown. */
const struct iv_schema *iv_schema_get(const char *name);
const char *iv_schema_name(const struct iv_schema *s);
const char *iv_schema_label(const struct iv_schema *s);
unsigned iv_schema_flags(const struct iv_schema *s);
/** For edge schemata: the properties naming the two ends (payer/beneficiary ...). */
const char *iv_schema_edge_source(const struct iv_schema *s);
const char *iv_schema_edge_target(const struct iv_schema *s);
/** True when s is `ancestor` or inherits from it (directly or not). */
bool iv_schema_is_a(const struct iv_schema *s, const char *ancestor);
/**
 * Of two schemata given for one entity, the one both can be: the more
 * specific when one descends from the other, else NULL (incompatible).
 */
const struct iv_schema *iv_schema_common(const struct iv_schema *a, const struct iv_schema *b);
/** Property by name on s or any ancestor; NULL when s has no such property. */
const struct iv_property *iv_schema_property(const struct iv_schema *s, const char *name);
/** Iterate all properties of s including inherited ones: i from 0 until NULL. */
const struct iv_property *iv_schema_property_at(const struct iv_schema *s, size_t i);
/** Iterate all schemata: i from 0 until NULL. */
const struct iv_schema *iv_schema_at(size_t i);

/* ---- normalisation ------------------------------------------------------- */

/**
 * The calendar a source writes its dates in when a date does not say
 * (docs/schema.md, "Dates"): Solar and lunar Hijri apply to years
 * 1200-1499, the Ethiopian calendar to every date with a month not written
 * in ISO 8601.  Unset reads as Gregorian, but a month two calendars name
 * alike is refused unless the date or a declared calendar says which.
 */
enum iv_calendar {
	IV_CAL_UNSET = 0, /* nothing declared: the default */
	IV_CAL_GREGORIAN,
	IV_CAL_PERSIAN,  /* Solar Hijri (Iran, Afghanistan) */
	IV_CAL_ISLAMIC,  /* lunar Hijri, Umm al-Qura (Saudi Arabia) */
	IV_CAL_ETHIOPIC, /* Ethiopian, Amete Mihret (Ethiopia) */
};

/** Per-source context for normalisers. */
struct iv_norm_ctx {
	const char *phone_region;  /* ISO alpha-2 default region for local numbers, NULL = none */
	bool date_mdy;             /* read 03/04/2001 as month/day (default day/month) */
	enum iv_calendar calendar; /* for dates that do not name theirs */
};

/** The calendar's name as sources write it ("gregorian", "persian", "islamic", "ethiopic"). */
const char *iv_calendar_name(enum iv_calendar c);
/** A calendar by its name (or "solar-hijri", "hijri", "ethiopian"); false when unknown. */
bool iv_calendar_from_name(const char *name, enum iv_calendar *out);
/**
 * The Gregorian date *y-*m-*d (1900-2100) in calendar c (Persian, Islamic
 * Umm al-Qura or Ethiopic), in place; false for another calendar or a date
 * out of range.  The scenario generator writes dates as Afghan and Iranian
 * records and hawala ledgers do with it.
 */
bool iv_calendar_from_gregorian(enum iv_calendar c, int *y, int *m, int *d);

/**
 * Normalise raw (NUL-terminated, valid UTF-8) as a value of type t.
 * On return out holds the normalised value (or raw verbatim when it fails
 * validation) and *valid says which.  Leading/trailing whitespace is
 * trimmed either way; a value that is empty after trimming gives *valid =
 * false and an empty out.  Fails only for allocation (IV_ERR_NOMEM) or
 * when out would exceed its cap (IV_ERR_TOOBIG).
 */
IV_MUST_USE enum iv_err iv_type_normalize(enum iv_type t, const char *raw,
                                          const struct iv_norm_ctx *ctx, struct iv_buf *out,
                                          bool *valid);

/* Helpers the normalisers use, public for other modules and tests. */

/** ISO 3166 alpha-2 (lower case, or "xxa".."xxx" for ICAO specials) for a
 * code or an English name; NULL when unknown. Static string. */
const char *iv_country_code(const char *code_or_name);
/** English name of a normalised country code; NULL when unknown. */
const char *iv_country_name(const char *code);
/**
 * True for a normalised ICAO special ("xxa" stateless, "xxb" and "xxc"
 * refugee, "xxx" unspecified): a status, not a country, so it neither
 * agrees nor disagrees with a nationality.
 */
bool iv_country_is_status(const char *code);
/** True for a known ISO 4217 code (upper case, 3 letters). */
bool iv_currency_valid(const char *code);
/** IBAN mod-97 and length check on a compacted, upper-case IBAN. */
bool iv_iban_check(const char *iban);

#endif
