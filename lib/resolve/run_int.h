/*
 * run_int.h - a resolution run's state (struct run) and what the files of
 * its steps share.  A batch or an incremental run of one family goes
 * through them in order:
 *
 *   resolve.c      the entry points, the options' defaults, a run's
 *                  lifecycle, reading its records, and the batch run's
 *                  order of steps;
 *   block.c        blocking keys and candidate pairs (the budget);
 *   compare.c      the candidate pairs compared into levels, on threads;
 *   fit.c          the model fitted on the pairs; every pair scored and
 *                  decided with it;
 *   save.c         records, keys, links and memberships written to the
 *                  store (a batch's stages on threads of their own);
 *   incremental.c  the incremental run: new and changed records against
 *                  the stored ones.
 *
 * The model and the rules that score and link a pair (model.c) need no
 * run: resolve_int.h declares them.  Only those files include this one.
 */
#ifndef IV_RESOLVE_RUN_INT_H
#define IV_RESOLVE_RUN_INT_H

#include <pthread.h>

#include "resolve/resolve_int.h"

/*
 * What a key is of: an identifier or selector, a full birth date, a value
 * whose frequency is counted and which blocks nothing, or a name.
 */
#define KEY_EVIDENCE 1
#define KEY_DATED    2
#define KEY_COUNTED  4
#define KEY_STRONG   8 /* with KEY_EVIDENCE: a strong identifier's key (not a selector's) */

struct keyrec {
	uint64_t key;
	uint32_t rec;
	uint8_t what; /* KEY_EVIDENCE (and KEY_STRONG), KEY_DATED, KEY_COUNTED or 0 */
};

typedef uint64_t (*count_fn)(void *ctx, uint64_t key);

struct key_tally {
	uint64_t key, count;
};

/* What a batch keeps of a comparison: levels, strong rule, value frequencies. */
struct rv_outcome {
	uint8_t level[RV_MAX_FEATURES];
	int8_t strong;                   /* 1 shared strong identifier, -1 veto, 0 neither */
	uint32_t count[RV_MAX_FEATURES]; /* records holding the agreeing value; 0: no TF */
};

struct run {
	struct iv_store *st;
	const struct rv_family *fam;
	struct iv_resolve_options o;
	struct iv_resolve_report *rep;
	struct rv_set set;
	struct keyrec *kr;
	size_t nkr, alloc_kr;
	uint64_t *pairs; /* lo << 32 | hi */
	uint8_t *shared; /* keys each pair shares; 255: a pair between distinct names of a block */
	uint32_t *place; /* per record: its place in name order (name_places), once needed */
	uint8_t *bridge_memo;    /* per record: 0 not known yet, 1 not bridging, 2 bridging */
	struct key_tally *tally; /* key -> records carrying it (make_tally) */
	size_t tally_mask;
	size_t npairs, alloc_pairs;
	uint64_t *names_met; /* pairs joining the distinct names of a block (meet_names) */
	size_t nnames_met, alloc_names_met;
	uint64_t *evident; /* pairs a block of an identifier's or selector's key proposed */
	size_t nevident, alloc_evident;
	uint64_t *dated; /* pairs a block of a full birth date's key proposed */
	size_t ndated, alloc_dated;
	/* per compared pair */
	struct rv_outcome *cmp;
	count_fn count; /* a value's frequency, from its key; called from comparing threads */
	/* incremental: resolved records that new entities feed (a passport for its holder),
	 * re-resolved with the new values; `prev` holds them as they were stored */
	struct rv_set *prev;
	size_t nstale;
	uint64_t
	        since; /* incremental: the model's mark; records changed after it are re-resolved */
	void *count_ctx;
	double *prob;
	int *decision; /* enum rv_edge_kind, 0 none, RV_DECIDED_REVIEW or _REUSED */
	/* the random pairs' levels (estimate_u), nf per pair: compared once, weighed each pass */
	uint8_t *u_levels;
	size_t u_pairs;
};

/* A batch's decisions on a pair besides the edges (enum rv_edge_kind): for review, and
 * for review as a reused number (rv_strong_denied). */
#define RV_DECIDED_REVIEW 4
#define RV_DECIDED_REUSED 5

/* ---- resolve.c -------------------------------------------------------------- */

/** Free what the run holds (its set and every array); the struct is the caller's. */
void rv_run_release(struct run *r);
/** qsort's order of two uint64_t (keys, packed pairs). */
int rv_u64_cmp(const void *pa, const void *pb);
/** Sort n items of `size` bytes by the uint64_t each begins with; stable (LSD radix). */
IV_MUST_USE enum iv_err rv_radix_sort(void *items, size_t n, size_t size);
/** Tell the caller's progress callback (o->progress, if any) how far a phase is. */
void rv_progress(const struct iv_resolve_options *o, const char *phase, uint64_t done,
                 uint64_t total);
/**
 * Read the run's records into r->set and build it: every record of the
 * family, or (unresolved) what an incremental run looks at.
 */
IV_MUST_USE enum iv_err rv_load_family(struct run *r, bool unresolved, struct iv_buf *err);
/** One family's batch run into *rep (incremental.c runs it to fit a model again). */
IV_MUST_USE enum iv_err rv_batch_family(struct iv_store *st, const struct rv_family *fam,
                                        const struct iv_resolve_options *o, bool threshold_given,
                                        struct iv_resolve_report *rep, bool *ran,
                                        struct iv_buf *err);

/* ---- block.c ---------------------------------------------------------------- */

/** Every record's keys into r->kr, (key, record) order, no repeats, and r->tally (run-owned). */
IV_MUST_USE enum iv_err rv_make_keys(struct run *r, struct iv_buf *err);
/**
 * Sort kr[0..*n) by key, stably, and drop each (key, record) that repeats the
 * one before it: a key that two values of one record make counts once.  *n
 * becomes the count.
 */
IV_MUST_USE enum iv_err rv_keyrecs_unique(struct keyrec *kr, size_t *n);
/** The candidate pairs of r->kr's blocks, cut to each record's budget: r->pairs, r->shared. */
IV_MUST_USE enum iv_err rv_make_pairs(struct run *r, struct iv_buf *err);
/** How many of the run's records carry a key (0 before rv_make_keys). */
uint64_t rv_key_count(const struct run *r, uint64_t key);
/** Append the pair (a, b) to r->pairs as lo << 32 | hi; a record with itself is no pair. */
IV_MUST_USE enum iv_err rv_push_pair(struct run *r, uint32_t a, uint32_t b);
/** A block's entries keyed by (name place, record), to sort as integers; needs r->place. */
void rv_key_by_place(const struct run *r, struct keyrec *block, size_t n);
/** A candidate pair's rank in a record's budget, from what its shared keys are of. */
uint8_t rv_pair_rank(size_t keys, bool evident, bool dated);

/* ---- compare.c -------------------------------------------------------------- */

/**
 * Compare r->pairs (lo in sa, hi in sb) into r->cmp on r->o.threads
 * threads; allocates r->cmp, r->prob and r->decision (rv_run_release frees them).
 */
IV_MUST_USE enum iv_err rv_compare_all(struct run *r, const struct rv_set *sa,
                                       const struct rv_set *sb, struct iv_buf *err);

/* ---- fit.c ------------------------------------------------------------------ */

/** Fit m (made by rv_model_new) on the run's compared pairs: u, m by EM, the prior. */
IV_MUST_USE enum iv_err rv_fit(struct run *r, struct rv_model *m, struct iv_buf *err);
/** Score every compared pair with m into r->prob and decide it into r->decision. */
void rv_decide_all(struct run *r, const struct rv_model *m);
/** Count the run's decisions into its report. */
void rv_count_links(struct run *r);
/** The stored link kind of a decision (r->decision). */
enum iv_res_link_kind rv_link_kind(int decision);

/* ---- save.c ----------------------------------------------------------------- */

/* Which of the decided pairs rv_save_links writes. */
enum save_which {
	SAVE_ALL,    /* every decided pair (an incremental run's) */
	SAVE_ENGINE, /* the engine's links (strong, model, veto): a batch, before clustering */
	SAVE_REVIEW, /* review pairs: a batch, after clustering */
};

/*
 * Each stage runs on a thread of its own while the engine works on: the
 * records beside blocking and comparing (they need only the loaded set,
 * which nothing changes once it is built), the keys beside the fit (made
 * and sorted by rv_make_keys; blocking reads them only), the engine's links
 * beside clustering (review pairs wait for the clusters, which decide which
 * of them to keep).  Blocking, fitting and clustering use one core, the
 * comparison all of them (the records' writer then takes its share), and
 * none of them the store: a stage is joined before the next starts and
 * before anything else reads or writes the store (people's verdicts are
 * read before the links' stage starts).  Without a thread the stage runs
 * where it would have started.  The write transaction is therefore open
 * from the end of the load to the commit.
 */
typedef enum iv_err (*save_stage_fn)(struct run *r, struct iv_buf *err);

struct save_stage {
	struct run *r;
	save_stage_fn fn;
	pthread_t tid;
	bool running;
	enum iv_err rc;
	struct iv_buf err;
	double seconds; /* the stages' own time on their thread, summed */
};

/** Write the set's records as text (quiet: without progress calls). */
IV_MUST_USE enum iv_err rv_save_records(struct run *r, const struct rv_set *set, bool quiet,
                                        struct iv_buf *err);
/** Write the decided pairs `which` names (review pairs inside one entity too). */
IV_MUST_USE enum iv_err rv_save_links(struct run *r, const struct rv_set *sa,
                                      const struct rv_set *sb, enum save_which which,
                                      struct iv_buf *err);
/** A stage: begin the batch's transaction, clear the family's resolution, write records. */
IV_MUST_USE enum iv_err rv_save_open(struct run *r, struct iv_buf *err);
/** A stage: the blocking keys (a block over max_block as a sample and a count). */
IV_MUST_USE enum iv_err rv_save_keys(struct run *r, struct iv_buf *err);
/** A stage: the engine's links (strong, model, veto); review pairs wait for rv_save_close. */
IV_MUST_USE enum iv_err rv_save_links_stage(struct run *r, struct iv_buf *err);
/** Start a stage on its thread, or run it here; *in_tx says whether the transaction is open. */
IV_MUST_USE enum iv_err rv_save_stage_start(struct save_stage *e, struct run *r, save_stage_fn fn,
                                            bool *in_tx, struct iv_buf *err);
/**
 * Wait for the running stage, if any: its result, its error text into err.
 * Not IV_MUST_USE: a run that failed already waits for it and drops both.
 */
enum iv_err rv_save_stage_end(struct save_stage *e, bool *in_tx, struct iv_buf *err);
/** The rest of a batch's save once clustered (review links, members, model); commits. */
IV_MUST_USE enum iv_err rv_save_close(struct run *r, struct rv_model *model, const char (*ids)[24],
                                      struct iv_buf *text, struct iv_buf *err);

/* ---- incremental.c ---------------------------------------------------------- */

/** One family's incremental run into *rep; *ran: it had records to resolve, or ran a batch. */
IV_MUST_USE enum iv_err rv_incremental_family(struct iv_store *st, const struct rv_family *fam,
                                              const struct iv_resolve_options *o,
                                              bool threshold_given, struct iv_resolve_report *rep,
                                              bool *ran, struct iv_buf *err);

#endif
