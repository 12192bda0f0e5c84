/*
 * schema_int.h - internals of the schema module shared by its files and
 * its unit tests (not part of the public API).
 *
 * Registry: schemata.def is compiled into two plain tables of
 * definitions (struct iv_schema_def, struct iv_prop_def).  Before the
 * registry is built from them, iv_schema_check_defs verifies the tables;
 * it takes the tables as arguments so that tests can feed it broken ones.
 *
 * Types: one normaliser per property type behind iv_type_normalize, all
 * with the same contract.  s is NUL-terminated, valid UTF-8, already
 * trimmed and not empty (n == strlen(s)); out is empty on entry.  On
 * success the normaliser appends the normalised value to out and sets
 * *valid; when the value does not validate it sets *valid = false and may
 * leave anything in out (iv_type_normalize replaces it with the input
 * verbatim).  The return value is only for IV_ERR_NOMEM and IV_ERR_TOOBIG.
 */
#ifndef IV_SCHEMA_INT_H
#define IV_SCHEMA_INT_H

#include <stdint.h>

#include "iv/schema.h"

/* Limits of the registry; the check refuses tables beyond them. */
#define IV_SCHEMA_MAX         256  /* schemata in one table */
#define IV_SCHEMA_MAX_PARENTS 4    /* direct parents of one schema */
#define IV_SCHEMA_MAX_CHAIN   32   /* a schema and all its ancestors */
#define IV_SCHEMA_MAX_PROPS   4096 /* property declarations in one table */

/* One IV_SCHEMA line of schemata.def. */
struct iv_schema_def {
	const char *name;
	const char *parents; /* "A,B" or "" */
	unsigned flags;
	const char *label;
	const char *edge_source; /* NULL unless IV_SCHEMA_EDGE */
	const char *edge_target;
};

/* One IV_PROP line of schemata.def. */
struct iv_prop_def {
	const char *schema;
	const char *name;
	enum iv_type type;
	const char *label;
	const char *range; /* target schema for IV_TYPE_ENTITY, else NULL */
	bool matchable;
};

/*
 * How schemata are linked, as the check resolves them: direct parents and
 * the ancestry chain (the schema's ancestors, roots first, then the schema
 * itself last), all as indices into the schema table.
 */
struct iv_schema_links {
	uint16_t n_parents[IV_SCHEMA_MAX];
	uint16_t parents[IV_SCHEMA_MAX][IV_SCHEMA_MAX_PARENTS];
	uint16_t n_chain[IV_SCHEMA_MAX];
	uint16_t chain[IV_SCHEMA_MAX][IV_SCHEMA_MAX_CHAIN];
};

/**
 * Verify a schema table: names are identifiers and unique, labels are
 * present, flags known, parents exist and form no cycle (within the
 * limits above), each property's schema exists, entity properties (and
 * only they) name an existing range schema, no property name appears
 * twice along any schema's ancestry, and edge schemata (and only they)
 * name two entity properties they have as their ends.
 *
 * Fills *links when it is non-NULL.  Allocates nothing (except the error
 * text); returns IV_OK, or IV_ERR_INVALID with the first problem in err.
 */
IV_MUST_USE enum iv_err iv_schema_check_defs(const struct iv_schema_def *schemata,
                                             size_t n_schemata, const struct iv_prop_def *props,
                                             size_t n_props, struct iv_schema_links *links,
                                             struct iv_buf *err);

/**
 * The result of checking the compiled-in schemata.def when the registry
 * was built (builds it if needed).  IV_OK means the registry is usable;
 * otherwise every lookup returns NULL and err says why.
 */
IV_MUST_USE enum iv_err iv_schema_registry_status(struct iv_buf *err);

/** Number of schemata and property declarations in the compiled-in table. */
size_t iv_schema_count(void);
size_t iv_schema_prop_def_count(void);

/* ---- property types ------------------------------------------------------ */

typedef enum iv_err (*iv_norm_fn)(const char *s, size_t n, const struct iv_norm_ctx *ctx,
                                  struct iv_buf *out, bool *valid);

enum iv_err iv_norm_string(const char *s, size_t n, const struct iv_norm_ctx *ctx,
                           struct iv_buf *out, bool *valid);
enum iv_err iv_norm_text(const char *s, size_t n, const struct iv_norm_ctx *ctx, struct iv_buf *out,
                         bool *valid);
enum iv_err iv_norm_name(const char *s, size_t n, const struct iv_norm_ctx *ctx, struct iv_buf *out,
                         bool *valid);
enum iv_err iv_norm_identifier(const char *s, size_t n, const struct iv_norm_ctx *ctx,
                               struct iv_buf *out, bool *valid);
enum iv_err iv_norm_address(const char *s, size_t n, const struct iv_norm_ctx *ctx,
                            struct iv_buf *out, bool *valid);
enum iv_err iv_norm_entity(const char *s, size_t n, const struct iv_norm_ctx *ctx,
                           struct iv_buf *out, bool *valid);
enum iv_err iv_norm_date(const char *s, size_t n, const struct iv_norm_ctx *ctx, struct iv_buf *out,
                         bool *valid);
enum iv_err iv_norm_country(const char *s, size_t n, const struct iv_norm_ctx *ctx,
                            struct iv_buf *out, bool *valid);
enum iv_err iv_norm_phone(const char *s, size_t n, const struct iv_norm_ctx *ctx,
                          struct iv_buf *out, bool *valid);
enum iv_err iv_norm_email(const char *s, size_t n, const struct iv_norm_ctx *ctx,
                          struct iv_buf *out, bool *valid);
enum iv_err iv_norm_url(const char *s, size_t n, const struct iv_norm_ctx *ctx, struct iv_buf *out,
                        bool *valid);
enum iv_err iv_norm_iban(const char *s, size_t n, const struct iv_norm_ctx *ctx, struct iv_buf *out,
                         bool *valid);
enum iv_err iv_norm_amount(const char *s, size_t n, const struct iv_norm_ctx *ctx,
                           struct iv_buf *out, bool *valid);
enum iv_err iv_norm_number(const char *s, size_t n, const struct iv_norm_ctx *ctx,
                           struct iv_buf *out, bool *valid);
enum iv_err iv_norm_currency(const char *s, size_t n, const struct iv_norm_ctx *ctx,
                             struct iv_buf *out, bool *valid);

/* ---- dates beyond digits (norm_calendar.c) --------------------------------- */

#define IV_DATE_WORD_MAX 64 /* bytes of a word (or words) the date tables compare */

enum iv_date_word_kind {
	IV_DATE_WORD_MONTH,        /* a month's name */
	IV_DATE_WORD_MONTH_EITHER, /* a month's name two calendars share: the date must say which */
	IV_DATE_WORD_ROMAN,        /* a Roman numeral month (21.IV.1978), of no calendar */
	IV_DATE_WORD_MONTH_NUMBER, /* the number after it is the month (Vietnamese tháng) */
	IV_DATE_WORD_MARK,         /* names the calendar: هـ, AH, ዓ.ም, AD */
	IV_DATE_WORD_ABOUT,        /* the date is approximate: circa, حوالي */
	IV_DATE_WORD_SKIP,         /* carries nothing: de, г., ዕለት */
	IV_DATE_WORD_HINT,         /* carries nothing but leans to a calendar: Amharic ቀን */
};

struct iv_date_word {
	const char *text;  /* as written */
	uint8_t kind;      /* enum iv_date_word_kind */
	uint8_t month;     /* a month: 1..13 */
	uint8_t cal;       /* a month: its calendar; a mark or hint: the calendar it names */
	uint8_t alt_month; /* a month: its number in alt_cal, when the date is in alt_cal */
	uint8_t alt_cal;
};

/** The entry for a folded word or words (joined by one space); NULL when none. */
const struct iv_date_word *iv_date_word_find(const char *folded, size_t n);
/** The table, for tests. */
size_t iv_date_word_count(void);
const struct iv_date_word *iv_date_word_at(size_t i);
/**
 * Fold s[0..n) for the tables into out (NUL-terminated); false when too
 * long.  out may be s: the input is read whole before out is written.
 */
bool iv_date_fold(const char *s, size_t n, char *out, size_t cap, size_t *outlen);
/**
 * y-m-d of cal at precision prec (enum iv_date_prec; with a time, MINUTE or
 * SECOND, the day is used as at DAY) as a Gregorian date, in place.
 */
bool iv_calendar_to_gregorian(enum iv_calendar cal, int prec, int *y, int *m, int *d);

/* ---- text helpers (text.c) ------------------------------------------------ */

/* How iv_text_clean treats whitespace and line breaks. */
enum iv_text_mode {
	IV_TEXT_LINE,      /* whitespace controls become one space each; no collapsing */
	IV_TEXT_MULTILINE, /* CR LF / CR / NEL / LS / PS become LF; tabs kept */
	IV_TEXT_COLLAPSE,  /* every whitespace run becomes one space; zero-width chars dropped */
	IV_TEXT_ADDRESS,   /* like COLLAPSE, but a line break becomes ", " */
};

/**
 * Append s[0..n) (valid UTF-8) to out cleaned for mode: control
 * characters dropped, whitespace handled as the mode says, the ends
 * trimmed, and the result in Unicode NFC.  Idempotent.
 */
IV_MUST_USE enum iv_err iv_text_clean(const char *s, size_t n, enum iv_text_mode mode,
                                      struct iv_buf *out);
/** Replace the contents of b (valid UTF-8) with their NFC form. */
IV_MUST_USE enum iv_err iv_text_nfc(struct iv_buf *b);
/** True when s[0..n) holds white space, a control or an invisible character. */
bool iv_text_has_blank(const char *s, size_t n);
/** Narrow [*s, *s + *n) past Unicode white space (and a BOM) at both ends. */
void iv_text_trim(const char **s, size_t *n);
/** Same, for bytes that may not be UTF-8: ASCII white space only. */
void iv_text_trim_ascii(const char **s, size_t *n);

/* ---- tables (currency.c, country.c, iban.c) ------------------------------- */

/**
 * The ISO 4217 code for a currency sign or word at the start of s[0..n)
 * ("€", "US$", "£", "euros" ...); *len gets the bytes it covers.  Words
 * must end at a non-letter.  NULL when s starts with none.
 */
const char *iv_currency_symbol(const char *s, size_t n, size_t *len);
/** Number of ISO 4217 codes known (for tests). */
size_t iv_currency_count(void);
/** Number of ISO 3166-1 countries in the table (249) and of extra codes. */
size_t iv_country_iso_count(void);
/**
 * Check the country lookup index: no key maps to two codes.  Returns
 * true when sound; otherwise *key gets the first ambiguous key.
 */
bool iv_country_index_check(const char **key);
/** Expected IBAN length for a two-letter country (upper case); 0 when unknown. */
int iv_iban_length(const char *country);

#endif
