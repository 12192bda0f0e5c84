/*
 * view_int.h - what the files of lib/view share: the visible values of one
 * record, read once and kept, for search filters and facets (view.c) and
 * for related entities and timelines (browse.c).
 */
#ifndef IV_VIEW_INT_H
#define IV_VIEW_INT_H

#include "iv/schema.h"
#include "iv/view.h"

/* One visible statement of a record; strings in the record's arena. */
struct view_value {
	char id[IV_HASH_HEX];
	const char *property;
	const char *value;
	const char *dataset;
	enum iv_type type; /* under the statement's schema; IV_TYPE_STRING when unknown */
	bool valid;        /* the value passed its type's validation */
	char grade[3];     /* of its envelope: "2B" */
};

struct view_record {
	const struct iv_schema *schema; /* the most specific its visible statements agree on */
	const char *caption;            /* the least visible name; NULL when none */
	struct view_value *values;      /* in the store's order: by property, then value */
	size_t n, alloc;
	struct iv_arena arena;
	enum iv_classification level; /* the highest classification of the visible values */
};

#define VIEW_RECORD_INIT                                                                           \
	{                                                                                          \
		NULL, NULL, NULL, 0, 0, IV_ARENA_INIT, IV_CLASS_OFFICIAL                           \
	}

/**
 * Read what the viewer sees of record id into rec, replacing what it held;
 * rec->n == 0 when that is nothing (or the store has no such record).
 */
IV_MUST_USE enum iv_err view_record_read(struct iv_view *v, const char *id, struct view_record *rec,
                                         struct iv_buf *err);
void view_record_release(struct view_record *rec);
/** The record's schema name as shown: "Thing" when none is known. */
const char *view_record_schema(const struct view_record *rec);

#endif
