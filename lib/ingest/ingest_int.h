/*
 * ingest_int.h - internals shared by the ingest readers (ftm.c, csv.c,
 * mapping.c) and their driver (ingest.c).  Not part of the public API.
 */
#ifndef IV_INGEST_INT_H
#define IV_INGEST_INT_H

#include <stdio.h>

#include <jansson.h>

#include "iv/ingest.h"

/* An envelope with a mask of the fields it sets (enum iv_handling_field). */
struct iv_envelope_spec {
	struct iv_handling h;
	unsigned set;
};

/* Overlay the fields `spec` sets onto h (strings are borrowed). */
void iv_envelope_apply(struct iv_handling *h, const struct iv_envelope_spec *spec);

/*
 * Read an envelope from key/value pairs as written in mappings and FtM
 * lines: grade "2B", handling/code "P"|"C", conditions, releasable_to
 * (string or list joined by ','), classification, descriptor, originator,
 * compartment/operation, subject, retention_review, legacy_grade,
 * europol/europol_code, tlp.  `strings` keeps the copies alive.  Returns
 * IV_ERR_INVALID with a message naming the key on a bad value, and
 * IV_ERR_NOTFOUND when the key is not an envelope key.
 */
/*
 * Read an envelope from a JSON object ({"grade": "2B", "releasable_to":
 * ["FR"], ...}) as FtM lines and manifests carry it; unknown keys are
 * errors naming the key.
 */
enum iv_err iv_envelope_from_json(json_t *obj, struct iv_envelope_spec *spec,
                                  struct iv_arena *strings, struct iv_buf *err);

enum iv_err iv_envelope_set(struct iv_envelope_spec *spec, const char *key, const char *value,
                            struct iv_arena *strings, struct iv_buf *err);

/*
 * The entity ids a file's statements refer to that were not in the store
 * when last looked for: what the dangling count is made of at the end of
 * the file.  Noted by the thread that writes (it owns the store) after each
 * referring statement is put, and pruned of the ids that exist every time
 * the set has doubled since the last pruning (from IV_REFS_CHECK), so a file
 * whose references name entities written before them (a journey after its
 * traveller and its facilitator) holds a few thousand ids whatever its size;
 * only references forward to entities the file writes later stay.  (Kept
 * whole, a national debrief file's 700,000 references took 45 MB.)
 */
#define IV_REFS_CHECK 16384
struct iv_refs {
	struct iv_map pending; /* referenced ids not seen in the store yet */
	size_t check_at;       /* prune when pending holds this many */
};
/*
 * Put one statement into the store, and note it in refs when it refers to
 * an entity (a valid IV_STMT_REF value): what the thread that writes calls,
 * in the pipeline and without it.
 */
enum iv_err iv_refs_put(struct iv_refs *r, struct iv_store *st, const struct iv_statement *s,
                        struct iv_buf *err);
/* At the end of the file: how many of the referenced ids are still in no entity. */
enum iv_err iv_refs_dangling(struct iv_refs *r, struct iv_store *st, uint64_t *dangling,
                             struct iv_buf *err);
void iv_refs_release(struct iv_refs *r);

struct iv_ingest {
	struct iv_store *store;
	const char *name; /* file name for messages */
	const char *base; /* base name for source records */
	struct iv_ingest_opts opts;
	struct iv_envelope_spec cli;     /* what the caller set explicitly */
	struct iv_envelope_spec package; /* a manifest's defaults for the file */
	struct iv_ingest_report report;
	struct iv_buf value;   /* scratch: normalised value */
	struct iv_buf scratch; /* scratch: source record, ids */
	struct iv_refs refs;   /* referenced entity ids, for the dangling count */
	struct iv_arena arena; /* storage for names */
	int64_t now;
	/* memo of normalised values for the costly types (phone, date ...):
	 * key = type, context and raw value; value = arena string whose first
	 * byte is '1' (valid) or '0'.  Cleared when it reaches its cap. */
	struct iv_map memo;
	struct iv_arena memo_arena;
	struct iv_buf memo_key;
	/* when set, statements go to the store's thread through this queue;
	 * line/col say where the statement being emitted came from */
	struct iv_pipe *pipe;
	uint64_t line;
	size_t col;
	const char *default_dataset; /* the file name without its extension */
	struct iv_buf dataset_seen;  /* the dataset of the latest record, for the log */
};

/*
 * The detail of an error placed at a line and column: detail itself, or
 * when it is empty (a callee said nothing, or had no memory to say it)
 * what rc is: "out of memory", else "failed with error 'NAME' and no
 * detail" written into room.  Never empty, so a position is never left
 * with nothing after it.
 */
const char *iv_ingest_detail(enum iv_err rc, const char *detail, char *room, size_t size);

/* Remember the dataset of the record being read (for the report and the log). */
enum iv_err iv_ingest_note_dataset(struct iv_ingest *in, const char *dataset);

/*
 * The two-thread pipeline (pipeline.c): the producer pushes statements
 * (copied), the consumer drains them into the store in order.  On a store
 * error the consumer cancels and reports "NAME:LINE:COL: message" with the
 * statement's line in *err_line.
 */
struct iv_pipe;
enum iv_err iv_pipe_new(struct iv_pipe **out);
void iv_pipe_free(struct iv_pipe *p);
enum iv_err iv_pipe_push(struct iv_pipe *p, const struct iv_statement *s, uint64_t line,
                         size_t col);
/* Producer: no more statements (hands over the last batch). */
enum iv_err iv_pipe_close(struct iv_pipe *p);
/* Either side: stop; pushes fail and the drain returns. */
void iv_pipe_cancel(struct iv_pipe *p);
/* Consumer: put every statement into st, and note its references in refs. */
enum iv_err iv_pipe_drain(struct iv_pipe *p, struct iv_store *st, struct iv_refs *refs,
                          const char *name, uint64_t *err_line, struct iv_buf *err);

/*
 * Emit one statement: validate the property on the schema, normalise the
 * raw value, hash and put it.  `original` is the value as first received
 * when it differs from raw (an exported, already normalised value), NULL
 * when raw is itself the value as received.  Returns IV_ERR_INVALID with a message (no position:
 * the caller prefixes it) for an unknown property.
 */
enum iv_err iv_ingest_emit(struct iv_ingest *in, const char *entity, const struct iv_schema *schema,
                           const char *prop, const char *raw, const char *original,
                           const char *dataset, const char *source_record,
                           const struct iv_handling *h, const struct iv_norm_ctx *norm,
                           int64_t first_seen, int64_t last_seen, struct iv_buf *err);

/* Internals of a loaded mapping, used by csv.c. */
enum iv_map_value_kind {
	IV_MV_COLUMN,  /* one column */
	IV_MV_COLUMNS, /* several columns joined with `join` */
	IV_MV_LITERAL, /* a fixed value */
	IV_MV_ENTITY,  /* the id of another mapped entity */
};

struct iv_mapping_prop {
	const char *name; /* property name */
	enum iv_map_value_kind kind;
	const char **columns; /* column names (COLUMN: 1, COLUMNS: n) */
	int *column_index;    /* resolved against the header, -1 before */
	size_t ncolumns;
	const char **literals; /* LITERAL values */
	size_t nliterals;
	const char *entity; /* ENTITY: the mapped entity's key name */
	const char *join;   /* COLUMNS: separator, default " " */
	const char *split;  /* split a cell into several values on this */
	struct iv_envelope_spec env;
	unsigned line; /* line in the mapping file, for messages */
};

struct iv_mapping_entity {
	const char *key; /* the name under `entities:` */
	const struct iv_schema *schema;
	const char **keys; /* key columns */
	int *key_index;
	size_t nkeys;
	const char *key_literal;
	const char *id_column; /* use this column verbatim as the id */
	int id_index;
	struct iv_mapping_prop *props;
	size_t nprops;
	struct iv_envelope_spec env;
	unsigned line;
};

struct iv_mapping {
	const char *name;    /* file name for messages */
	const char *dataset; /* NULL when the mapping names none */
	char delimiter;      /* ',' unless set */
	struct iv_envelope_spec env;
	struct iv_norm_ctx norm;
	bool has_norm_region, has_norm_order, has_delimiter;
	struct iv_mapping_entity *entities;
	size_t nentities;
	struct iv_arena arena; /* all of the above lives here */
};

/*
 * Resolve column names against a header row; IV_ERR_INVALID naming the
 * mapping entity, property and column when a column is missing.
 */
enum iv_err iv_mapping_bind(struct iv_mapping *m, const char *const *header, size_t ncols,
                            struct iv_buf *err);

/*
 * Reading a file line by line with a cap on the line length; the line
 * handed out excludes its newline (and a trailing CR).
 */
struct iv_line_reader {
	FILE *fp;
	char *chunk;
	size_t chunk_len, chunk_pos;
	struct iv_buf line;
	uint64_t lineno;
	uint64_t bytes;
	bool eof;
};

enum iv_err iv_line_reader_open(struct iv_line_reader *r, const char *path, size_t cap,
                                struct iv_buf *err);
/*
 * Next line into r->line; *got = false at the end.  IV_ERR_TOOBIG past the
 * cap, IV_ERR_NOMEM when memory ran out before it (the line is read past).
 */
enum iv_err iv_line_reader_next(struct iv_line_reader *r, bool *got);
void iv_line_reader_close(struct iv_line_reader *r);

/* The CSV reader, fed line by line (a record may span lines in quotes). */
struct iv_csv_reader;
enum iv_err iv_csv_reader_new(struct iv_ingest *in, struct iv_mapping *m,
                              struct iv_csv_reader **out);
enum iv_err iv_csv_reader_feed(struct iv_csv_reader *cr, const char *line, size_t len,
                               uint64_t lineno, struct iv_buf *err);
enum iv_err iv_csv_reader_finish(struct iv_csv_reader *cr, uint64_t lineno, struct iv_buf *err);
void iv_csv_reader_free(struct iv_csv_reader *cr);

/* Ingest one file inside the transaction open on st (iv_ingest_file without begin/commit). */
enum iv_err iv_ingest_in_tx(struct iv_store *st, const char *path,
                            const struct iv_ingest_opts *opts, struct iv_ingest_report *report,
                            struct iv_buf *err);

/* Parse "2026-11-28T09:51:56Z" (or a date) to unix seconds. */
bool iv_ingest_parse_time(const char *s, int64_t *out);

#endif
