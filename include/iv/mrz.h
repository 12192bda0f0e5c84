/*
 * mrz.h - the machine readable zone of travel documents (ICAO 9303): TD1
 * identity cards, TD2 and TD3 passports and visas, read into their fields
 * with every check digit verified (lib/schema/mrz.c).
 */
#ifndef IV_MRZ_H
#define IV_MRZ_H

#include <stdbool.h>
#include <stddef.h>

#include "iv/err.h"
#include "iv/util.h"

/* The longest zone (TD1, 3 x 30) and the most text taken for one (spaces, line breaks). */
#define IV_MRZ_MAX_CHARS 90
#define IV_MRZ_MAX_INPUT 512

enum iv_mrz_format { IV_MRZ_TD1 = 1, IV_MRZ_TD2, IV_MRZ_TD3 };

/* A zone's fields, upper case, fillers dropped ('<' between words as a space). */
struct iv_mrz {
	enum iv_mrz_format format;
	char code[3];        /* document code: "P", "I", "ID", "V", "AC" ... */
	char state[4];       /* issuing state or organisation: "UTO", "D" for Germany */
	char surname[40];    /* the primary identifier */
	char given[40];      /* the secondary identifier: given names, space-separated */
	char number[24];     /* document number (a TD1 card's long number whole) */
	char nationality[4]; /* "XXA" stateless, "XXB" refugee ... as written */
	char birth[11];      /* YYYY-MM-DD; "" when the zone gives none */
	char sex;            /* 'M', 'F', 'X', or 0 when unspecified */
	char expiry[11];     /* YYYY-MM-DD; "" when none */
	char optional[32];   /* personal number or optional data (TD1: the upper line's) */
	char optional2[16];  /* TD1: the middle line's optional data */
	/* each check digit: true when it agrees (a field without one: true) */
	bool number_ok, birth_ok, expiry_ok, optional_ok, composite_ok;
};

/**
 * The check digit of n characters of a zone (weights 7, 3, 1; A-Z 10-35,
 * '<' 0), or -1 when one of them is no zone character.
 */
int iv_mrz_check_digit(const char *s, size_t n);
/**
 * Read a zone: spaces and line breaks are ignored, letters upper-cased,
 * and the layout told by the number of characters left (90 TD1, 72 TD2,
 * 88 TD3).  IV_ERR_INVALID for another number or another character,
 * IV_ERR_TOOBIG for more than IV_MRZ_MAX_INPUT bytes, with a message; a
 * failing check digit is no error (see the *_ok flags).
 */
IV_MUST_USE enum iv_err iv_mrz_parse(const char *text, struct iv_mrz *out, struct iv_buf *err);
/** Whether every check digit of a zone read agrees. */
bool iv_mrz_all_ok(const struct iv_mrz *m);

#endif
