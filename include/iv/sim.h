/*
 * sim.h - the scenario generator: a synthetic organised-immigration-crime
 * world written as the messy source files a taskforce receives (debriefs,
 * partner reports, call records, bank and hawala records, social-media
 * captures, document examinations, border detections, vehicle and vessel
 * records), a manifest.json that loads them all, and the ground truth
 * behind them in OUT/truth/ (docs/scenario.md describes every file).
 *
 * Rules:
 *  - deterministic: the same seed, scale and year give byte-identical
 *    files (no clock, no addresses, no hash-map order in the output);
 *  - streaming: records go to files as they are made; memory holds only
 *    the compact world model (about 100 bytes per migrant);
 *  - the library never prints: progress goes through the callback.
 */
#ifndef IV_SIM_H
#define IV_SIM_H

#include <stdint.h>

#include "iv/util.h"

#define IV_SIM_SCALE_SMALL  2000ULL
#define IV_SIM_SCALE_MEDIUM 100000ULL
#define IV_SIM_SCALE_LARGE  1000000ULL
#define IV_SIM_YEAR_MIN     2018
#define IV_SIM_YEAR_MAX     2025

/** Progress: `stage` names the file being written; done/total in that stage. */
typedef void (*iv_sim_progress_fn)(void *ctx, const char *stage, uint64_t done, uint64_t total);

struct iv_sim_opts {
	uint64_t seed;
	uint64_t scale;      /* target number of person mentions across all sources */
	int year;            /* the year simulated, IV_SIM_YEAR_MIN..IV_SIM_YEAR_MAX */
	const char *out_dir; /* created when missing; files in it are overwritten */
	iv_sim_progress_fn progress;
	void *progress_ctx;
};

/** What was written. */
struct iv_sim_report {
	uint64_t person_mentions; /* person entities written across all sources */
	uint64_t mentions;        /* every mention listed in truth/mentions.csv */
	uint64_t records;         /* rows and lines over all source files */
	uint64_t files;           /* source files (without mappings and truth) */
	uint64_t bytes;           /* bytes of every file written */
	uint64_t migrants, facilitators, ocgs, journeys, boats;
	uint64_t posts, adverts, documents, forged, payments, referrals;
};

/** Defaults: seed 1, small scale, year 2024, out_dir NULL (must be set). */
void iv_sim_opts_init(struct iv_sim_opts *o);

/**
 * Parse a scale: "small", "medium", "large" or a positive count of person
 * mentions (at most 100,000,000).  IV_ERR_INVALID on anything else.
 */
IV_MUST_USE enum iv_err iv_sim_scale_parse(const char *s, uint64_t *out);

/**
 * Generate the world into opts->out_dir.  Returns IV_ERR_INVALID for bad
 * options (year out of range, scale 0, no out_dir), IV_ERR_IO when a file
 * cannot be written (err names it), IV_ERR_NOMEM.  report may be NULL.
 */
IV_MUST_USE enum iv_err iv_sim_run(const struct iv_sim_opts *opts, struct iv_sim_report *report,
                                   struct iv_buf *err);

#endif
