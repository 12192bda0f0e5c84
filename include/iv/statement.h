/*
 * statement.h - the unit of knowledge in invigor and its handling envelope.
 *
 * Every value is a statement (entity, property, value, source record,
 * dataset) with a handling envelope of its own (DOMAIN.md section 1):
 * 3x5x2 grade, handling code with conditions and releasability,
 * classification and descriptor, originator, compartment, data-subject
 * category and retention review date.  Statement ids are content hashes
 * (iv_statement_id), so ingesting the same source twice adds nothing.
 *
 * Strings inside these structs are borrowed: whoever fills them owns the
 * memory (usually an arena or the store's row buffer).
 */
#ifndef IV_STATEMENT_H
#define IV_STATEMENT_H

#include <stdbool.h>
#include <stdint.h>

#include "iv/util.h"

enum iv_classification {
	IV_CLASS_OFFICIAL = 0,
	IV_CLASS_OFFICIAL_SENSITIVE,
	IV_CLASS_SECRET,
	IV_CLASS_TOP_SECRET,
};

enum iv_subject {
	IV_SUBJECT_OTHER = 0,
	IV_SUBJECT_SUSPECT,
	IV_SUBJECT_CONVICTED,
	IV_SUBJECT_VICTIM,
	IV_SUBJECT_WITNESS,
};

struct iv_handling {
	char source_grade;         /* '1' reliable, '2' untested, '3' not reliable */
	char assessment;           /* 'A'..'E' */
	char code;                 /* 'P' or 'C' */
	const char *conditions;    /* required when code == 'C', else NULL or "" */
	const char *releasable_to; /* comma-separated orgs/country codes; "" = UK agencies only */
	enum iv_classification classification;
	const char *descriptor;  /* PERSONAL, COMMERCIAL, LOCSEN, caveats; may be "" */
	const char *originator;  /* originating organisation; may be "" */
	const char *compartment; /* operation name; "" = none */
	enum iv_subject subject;
	const char *retention_review; /* ISO date or "" */
	const char *legacy_grade;     /* a 5x5x5 grade kept verbatim, or "" */
	const char *europol_code;     /* H0..H3 for EU partners, or "" */
	const char *tlp;              /* TLP 2.0 label or "" */
};

/** The default envelope: 2C, handling P, OFFICIAL, subject other, all strings "". */
void iv_handling_default(struct iv_handling *h);
/**
 * Check an envelope: grade digits and letters in range, conditions present
 * for C, TLP/Europol codes known.  Sets err to what is wrong.
 */
IV_MUST_USE enum iv_err iv_handling_check(const struct iv_handling *h, struct iv_buf *err);
/** Parse "2B" into source_grade/assessment. */
IV_MUST_USE enum iv_err iv_grade_parse(const char *s, struct iv_handling *h);

const char *iv_classification_name(enum iv_classification c); /* "OFFICIAL-SENSITIVE" */
bool iv_classification_parse(const char *s, enum iv_classification *out);
const char *iv_subject_name(enum iv_subject s); /* "suspect" */
bool iv_subject_parse(const char *s, enum iv_subject *out);

enum iv_statement_flags {
	IV_STMT_INVALID = 1 << 0, /* value failed its type's validation; kept verbatim */
	IV_STMT_REF = 1 << 1,     /* value is an entity reference */
};

struct iv_statement {
	char id[IV_HASH_HEX]; /* content hash, hex; filled by iv_statement_id */
	const char *entity;   /* entity id as given by the source */
	const char *schema;   /* schema name */
	const char *property; /* property name */
	const char *value;    /* normalised value (or verbatim when invalid) */
	const char *original; /* value exactly as received */
	const char *dataset;
	const char *source_record; /* e.g. "debriefs.csv:41" or a record id */
	int64_t first_seen;        /* unix seconds */
	int64_t last_seen;
	unsigned flags; /* enum iv_statement_flags */
	struct iv_handling handling;
};

/**
 * Compute the content id of a statement from (dataset, entity, property,
 * original value, source record) and write it to st->id; also return the
 * raw digest in digest (may be NULL).
 */
void iv_statement_id(struct iv_statement *st, unsigned char digest[IV_HASH_BYTES]);

#endif
