/*
 * ingest.h - reading source files into the statement store.
 *
 * Two readers: FtM JSON lines (what Aleph and OpenSanctions export, plus
 * invigor's optional per-line handling envelope) and CSV with an Aleph-style
 * mapping YAML file.  Each file is ingested in one transaction: all of it or
 * nothing.  A malformed file stops with IV_ERR_INVALID and an error message
 * "FILE:LINE:COL: what is wrong"; a well-formed value that fails its type's
 * validation is kept verbatim, marked invalid and counted.  COL counts
 * bytes from 1; in an FtM line it is that of the key the error is about (a
 * property's key in "properties" for its values), or of the entity's '{'
 * when the line lacks the key.
 *
 * Envelope precedence, strongest first: a per-column (CSV mapping) or
 * per-line (FtM "handling" object) envelope; a per-entity (and per-query)
 * envelope in the mapping; options given explicitly by the caller
 * (opts->handling with the field's bit in opts->handling_set); the
 * mapping's top-level `handling`; a data package's defaults for the file
 * (opts->package with opts->package_set, from a manifest); the built-in
 * default (iv_handling_default).
 */
#ifndef IV_INGEST_H
#define IV_INGEST_H

#include <stdint.h>

#include "iv/schema.h"
#include "iv/statement.h"
#include "iv/store.h"

enum iv_ingest_format {
	IV_FORMAT_AUTO = 0, /* by extension: .json/.jsonl/.ftm -> ftm, .csv/.tsv -> csv */
	IV_FORMAT_FTM,
	IV_FORMAT_CSV,
};

/** Which envelope fields the caller set explicitly (bits of handling_set). */
enum iv_handling_field {
	IV_HF_GRADE = 1 << 0,
	IV_HF_CODE = 1 << 1,
	IV_HF_CONDITIONS = 1 << 2,
	IV_HF_RELEASABLE = 1 << 3,
	IV_HF_CLASSIFICATION = 1 << 4,
	IV_HF_DESCRIPTOR = 1 << 5,
	IV_HF_ORIGINATOR = 1 << 6,
	IV_HF_COMPARTMENT = 1 << 7,
	IV_HF_SUBJECT = 1 << 8,
	IV_HF_RETENTION = 1 << 9,
	IV_HF_EUROPOL = 1 << 10,
	IV_HF_TLP = 1 << 11,
	IV_HF_LEGACY = 1 << 12,
};

/** Progress callback: bytes read so far of total (total 0 when unknown). */
typedef void (*iv_progress_fn)(void *ctx, uint64_t done, uint64_t total);

struct iv_ingest_opts {
	enum iv_ingest_format format;
	const char *mapping_path; /* required for CSV */
	const char *dataset;      /* NULL: from the FtM line, the mapping, or the file name */
	const char *name;         /* the file's own name (an upload's, as its sender called
	                             it): in messages, source records, the ingest log and
	                             the default dataset; NULL: the path */
	struct iv_handling handling;
	unsigned handling_set;      /* enum iv_handling_field bits set by the caller */
	struct iv_handling package; /* a manifest's defaults for this file */
	unsigned package_set;       /* enum iv_handling_field bits set in package */
	struct iv_norm_ctx norm;    /* phone region, date order, calendar: they win over a
	                               mapping's (norm.date_mdy only when set, or with
	                               date_order_set; norm.calendar when not IV_CAL_UNSET) */
	bool date_order_set;        /* norm.date_mdy was given, dmy or mdy */
	size_t max_record;          /* longest line/record in bytes; 0 = IV_INGEST_MAX_RECORD */
	iv_progress_fn progress;
	void *progress_ctx;
};

#define IV_INGEST_MAX_RECORD ((size_t)16 << 20)

/** Zero the options and give the handling its defaults. */
void iv_ingest_opts_init(struct iv_ingest_opts *o);

struct iv_ingest_report {
	uint64_t records;            /* lines or rows read */
	uint64_t statements;         /* statements produced from the file */
	uint64_t statements_added;   /* new in the store */
	uint64_t statements_skipped; /* already there */
	uint64_t entities_added;     /* entity ids new to the store */
	uint64_t invalid;            /* values kept verbatim because they failed validation */
	uint64_t dangling;           /* references to entities neither in the file nor the store */
	char dataset[256];           /* the dataset name used (of the last record) */
};

/**
 * Ingest one file into st in one transaction.  On any error nothing of the
 * file is kept, err holds "FILE:LINE:COL: message" (or "FILE: message") and
 * the return is IV_ERR_INVALID for bad input, IV_ERR_NOTFOUND for a missing
 * file, IV_ERR_TOOBIG for an over-long record, or another code for
 * internal failures.  The report is filled on success.
 */
IV_MUST_USE enum iv_err iv_ingest_file(struct iv_store *st, const char *path,
                                       const struct iv_ingest_opts *opts,
                                       struct iv_ingest_report *report, struct iv_buf *err);

/** Called once per source of a manifest, in order, after the commit. */
typedef void (*iv_ingest_file_fn)(void *ctx, const char *file,
                                  const struct iv_ingest_report *report);

/**
 * Load a data package: every source listed in the manifest at `path` (see
 * docs/manifest.md), all in one transaction.  Paths in it are relative to
 * its folder.  opts apply to every source; its explicitly set envelope
 * fields win over the manifest's per-source handling.  On error nothing
 * is kept and err names the manifest entry or the file, line and column.
 */
IV_MUST_USE enum iv_err iv_ingest_manifest(struct iv_store *st, const char *path,
                                           const struct iv_ingest_opts *opts,
                                           iv_ingest_file_fn on_file, void *ctx,
                                           struct iv_buf *err);

/*
 * Lower-level entry points, for fuzzing and for the server, which receives
 * data as bytes.  `name` is used in error messages and source records.
 * These parse and put statements into an already open transaction.
 */
struct iv_ingest; /* one ingest in progress */

IV_MUST_USE enum iv_err iv_ingest_new(struct iv_store *st, const char *name,
                                      const struct iv_ingest_opts *opts, struct iv_ingest **out,
                                      struct iv_buf *err);
void iv_ingest_free(struct iv_ingest *in);
/** Parse one FtM JSON line (without its newline); lineno for messages. */
IV_MUST_USE enum iv_err iv_ingest_ftm_line(struct iv_ingest *in, const char *line, size_t len,
                                           uint64_t lineno, struct iv_buf *err);

/*
 * CSV mappings (Aleph format, read with libyaml).  A mapping is loaded once
 * and can then be applied to rows.
 */
struct iv_mapping;

IV_MUST_USE enum iv_err iv_mapping_load(const char *path, struct iv_mapping **out,
                                        struct iv_buf *err);
/** Parse a mapping from memory; `name` is used in messages. */
IV_MUST_USE enum iv_err iv_mapping_parse(const char *name, const char *yaml, size_t len,
                                         struct iv_mapping **out, struct iv_buf *err);
void iv_mapping_free(struct iv_mapping *m);

/**
 * Parse CSV bytes held in memory with a mapping (the whole "file"), for
 * fuzzing and uploads.  Same rules as iv_ingest_file.
 */
IV_MUST_USE enum iv_err iv_ingest_csv_buffer(struct iv_ingest *in, struct iv_mapping *m,
                                             const char *data, size_t len, struct iv_buf *err);

/** End of input: count dangling references into the report (before commit). */
IV_MUST_USE enum iv_err iv_ingest_finish(struct iv_ingest *in, struct iv_buf *err);

/** The running counts of an ingest in progress. */
void iv_ingest_report_get(const struct iv_ingest *in, struct iv_ingest_report *out);

/** The longest dataset name, in bytes. */
#define IV_DATASET_MAX 200
/**
 * What is wrong with a dataset name ("is empty", "is not valid UTF-8", ...),
 * or NULL when it may be used: 1 to IV_DATASET_MAX bytes of UTF-8 without
 * control characters.  Every ingest checks the names it writes with it.
 */
const char *iv_ingest_dataset_problem(const char *dataset);

#endif
