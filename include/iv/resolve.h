/*
 * resolve.h - entity resolution over the store: which records are the same
 * person (organisation, account, vehicle, vessel, social account,
 * identity document), with the reasons, and the people's judgements that
 * overrule the engine.  docs/resolution.md explains the method.
 *
 * The engine works family by family (Person, Organization, BankAccount,
 * Vehicle, Vessel, UserAccount, Identification).  A batch run reads every
 * record of a family, blocks on several keys per record with a budget of
 * candidate pairs per record, compares each candidate pair on the
 * family's features, fits a Fellegi-Sunter model on the pairs by EM
 * (lib/resolve/fs.c), scores with term-frequency adjustment, links on
 * strong identifiers and vetoes on conflicting ones, and clusters:
 * a canonical entity is a connected set of positive links that never
 * crosses a negative judgement or a veto.  Judgements by people always
 * win.  Everything is kept in the store (store.h, "entity resolution"),
 * so an incremental run matches new records against the existing ones
 * without a full re-run, and `explain` shows the reasons for any pair.
 *
 * Rules: the library never prints; errors come back as enum iv_err with
 * a message in the optional err buffer.  Functions that write open and
 * commit their own transaction: on failure nothing of it is changed (a run
 * over every family commits family by family: a failure keeps the families
 * already done).
 */
#ifndef IV_RESOLVE_H
#define IV_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iv/fs.h"
#include "iv/store.h"
#include "iv/util.h"

/* Defaults (docs/resolution.md, "Decisions" and "Blocking", says why). */
#define IV_RESOLVE_THRESHOLD  0.9 /* link at posterior probability >= this */
#define IV_RESOLVE_REVIEW_LOW 0.2 /* review pairs with probability in [this, threshold) */
/* People's verdicts on this many review pairs of a family, of both kinds, calibrate its
 * review band (docs/resolution.md, "Calibration by judgements"). */
#define IV_RESOLVE_CALIBRATION_MIN 30
#define IV_RESOLVE_MAX_BLOCK       64 /* larger blocks: sorted neighbourhood instead of all pairs */
#define IV_RESOLVE_WINDOW          8  /* neighbours compared inside an oversized block */
#define IV_RESOLVE_BUDGET          20 /* candidate pairs each record keeps (a pair: either) */

/** The families, in the order a run over every family takes them. */
#define IV_RESOLVE_NFAMILIES 7
const char *iv_resolve_family_name(size_t i);
/** The family a schema belongs to (by name), or NULL when it is not resolved. */
const char *iv_resolve_family_of(const char *schema);

/**
 * Progress of a long run: phase name, done of total (total 0: unknown).  Called on
 * the run's thread while the run may be writing the store on another: it must not
 * use the store.
 */
typedef void (*iv_resolve_progress_fn)(void *ctx, const char *phase, uint64_t done, uint64_t total);

struct iv_resolve_options {
	const char *family; /* a family or one of its schemata; NULL: every family */
	double threshold;   /* 0: IV_RESOLVE_THRESHOLD */
	double review_low;  /* 0: IV_RESOLVE_REVIEW_LOW */
	unsigned max_block; /* 0: IV_RESOLVE_MAX_BLOCK */
	unsigned window;    /* 0: IV_RESOLVE_WINDOW */
	unsigned budget;    /* 0: IV_RESOLVE_BUDGET */
	unsigned threads;   /* comparison threads; 0: 2 */
	bool keep_model;    /* batch: score with the stored model instead of fitting anew */
	/* explain: leave out the calibration by people's verdicts (a caller who may not
	 * see every record they were given on: the API) */
	bool no_calibration;
	iv_resolve_progress_fn progress;
	void *progress_ctx;
	/* batch: every compared pair with its decision (enum iv_res_link_kind, 0
	 * for none), for benchmarks and audits, called once the run has committed
	 * (not inside the report's timed phases); may be NULL */
	void (*pair)(void *ctx, const char *a, const char *b, double probability, int decision);
	void *pair_ctx;
};

/** What a run did, per family. */
struct iv_resolve_report {
	const char *family;      /* static */
	uint64_t records;        /* records of the family read */
	uint64_t new_records;    /* incremental: records resolved by this run */
	uint64_t updated;        /* incremental: resolved records new entities fed (re-resolved) */
	uint64_t stored_records; /* incremental: records the family had resolved before the run */
	uint64_t keys;           /* blocking keys (record, key) made */
	uint64_t big_blocks;     /* blocks over max_block, compared by sorted neighbourhood */
	uint64_t pairs_blocked;  /* distinct candidate pairs the blocks proposed */
	uint64_t pairs_compared; /* pairs compared, after the per-record budget */
	uint64_t strong_links, match_links, vetoes, review_pairs;
	uint64_t judgements; /* judgements by people applied */
	/* bridging records (two different phones, e-mails or selectors) whose model links
	 * reached several clusters: each joined only the one it links to most strongly */
	uint64_t bridging_held;
	uint64_t clusters; /* canonical entities, singletons included */
	uint64_t merged;   /* canonical entities with more than one member */
	uint64_t largest;  /* members of the largest canonical entity */
	bool fitted;       /* a model was fitted (else the stored one was used) */
	/* incremental: the stored model was from an older invigor (or damaged), so the
	 * family was resolved afresh by a batch run, which this report describes */
	bool refitted;
	struct iv_fs_fit_report fit;
	double seconds[6]; /* load, block, compare, fit+score, cluster, save */
	/* seconds of the save spent on a thread of its own beside the other phases,
	 * not in seconds[5]: the records beside blocking and comparing, their keys
	 * beside fit+score, the engine's links beside clustering.  A phase that waits
	 * for its stage to end counts the wait in its own seconds. */
	double save_beside;
};

/**
 * Batch run: resolve every record of the family (or of every family)
 * afresh and replace what the store held for it.  reports receives up to
 * nreports entries (one per family run); *nrun says how many ran.
 */
IV_MUST_USE enum iv_err iv_resolve_batch(struct iv_store *st, const struct iv_resolve_options *opt,
                                         struct iv_resolve_report *reports, size_t nreports,
                                         size_t *nrun, struct iv_buf *err);

/**
 * Incremental run: records not yet resolved (ingested since the last
 * run) are blocked against the stored keys, scored with the stored
 * model, linked and clustered with their neighbours; nothing else is
 * re-scored.  A resolved record that changed since the last run (new
 * statements on it, or a new entity feeding it: a passport whose holder
 * was resolved before) is resolved again with its stored and new values.  A family never
 * batch-resolved is skipped (nrun counts only families that ran).  A family
 * whose stored model an older invigor wrote is resolved afresh by a batch
 * run instead, with a new fit (the report's refitted).
 */
IV_MUST_USE enum iv_err iv_resolve_incremental(struct iv_store *st,
                                               const struct iv_resolve_options *opt,
                                               struct iv_resolve_report *reports, size_t nreports,
                                               size_t *nrun, struct iv_buf *err);

/** One feature's line in an explanation. */
struct iv_resolve_feature {
	char name[32];
	char a[160], b[160]; /* what was compared on each side ("" when missing) */
	char level[32];      /* the agreement level in words */
	struct iv_fs_contrib c;
	bool tf;      /* u came from the value's frequency */
	bool implied; /* agrees, but the names' agreement implies it (nationality, sex): 0 bits */
	/* disagrees on what one person may hold several of (nationality: a dual national, a
	 * document of another country), so it weighs less against (docs/resolution.md) */
	bool several;
};

/*
 * The strong identifier an explanation's rule speaks of: each record's value
 * as it was received (the compared form when the record's own statements do
 * not hold it in that scope, as when a passport gave it to its holder), and
 * the form both are compared in ("GB29 NWBK 6016 1331 9268 19" is
 * GBNWBK60161331926819; the first record's when two are in conflict).
 * scope_b is the second record's scope when two in conflict have different
 * ones (an account's username on facebook, another's on telegram; "(none)"
 * when it has none), else "".  Scopes are in lower case.
 */
struct iv_resolve_identifier {
	char kind[32], scope[32], scope_b[32];
	char a[128], b[128], compared[128];
};

/*
 * The entities that fed one record of an explanation its values (a
 * passport its number, names and birth date; iv_resolve_feeders): the
 * first `listed` of their ids in eid order, each ended by '\0', as many
 * as fit; n counts them all.  known is false when the stored record does
 * not say (resolved before records kept it).
 */
struct iv_resolve_fed {
	char ids[480];
	size_t n, listed;
	bool known;
};

struct iv_resolve_explanation {
	char family[32];
	char a[256], b[256];
	struct iv_resolve_feature features[16]; /* at least the most features of a family */
	size_t nfeatures;
	double prior;       /* bits */
	double score;       /* bits, prior included */
	double probability; /* from the score */
	char rule[768];     /* a rule that decides (strong identifier, selector and name), or "" */
	struct iv_resolve_identifier identifier; /* kind "" when no strong identifier decides */
	char judgement[200]; /* the judgement by a person that stands on the pair, or "" */
	char decision[16];   /* "same", "different", "review" */
	bool same_cluster;   /* the two are in one canonical entity now */
	/* whether a, b is a bridging record (two different phones or e-mails: its model
	 * links join one entity only) */
	bool a_bridging, b_bridging;
	struct iv_resolve_fed fed_a, fed_b; /* what gave each record values compared here */
	/* in the review band, the probability people's verdicts on the family's review
	 * links calibrate (docs/resolution.md, "Calibration by judgements"): set when
	 * calibrated, with how many judged links were "same" and "different" */
	bool calibrated;
	double calibrated_probability;
	size_t calibration_same, calibration_different;
};

/**
 * Why (or why not) two entities are the same, from the records as the
 * last run stored them (an entity not resolved yet: from its statements
 * now) and the family's stored model.  IV_ERR_NOTFOUND for an
 * unknown id or a family never resolved; IV_ERR_INVALID when the two are
 * of different families.
 */
IV_MUST_USE enum iv_err iv_resolve_explain(struct iv_store *st, const char *a, const char *b,
                                           const struct iv_resolve_options *opt,
                                           struct iv_resolve_explanation *out, struct iv_buf *err);

typedef enum iv_err (*iv_resolve_feeder_fn)(void *ctx, const char *entity);

/**
 * The entities whose statements feed values into the resolution record of
 * `entity`, each handed to fn (one may come twice): a passport's holder
 * gets its number, names and birth date, an account's owner its handle, a
 * vehicle's owner or operator its plate, a payment's party the account on
 * its side (the payment and that account).  An explanation or a review
 * item of the record shows their values too, and a merge of the record
 * may rest on them, so whoever is shown one must see them.  For a record
 * the last run stored, those it stored with it ("fed_by": exactly what its
 * values came from); else, or when the stored record does not say, those
 * that point at it now.  IV_ERR_NOTFOUND for an unknown entity; none for
 * an entity of no resolved family.
 */
IV_MUST_USE enum iv_err iv_resolve_feeders(struct iv_store *st, const char *entity,
                                           iv_resolve_feeder_fn fn, void *ctx, struct iv_buf *err);

/** The explanation as JSON: a, b, family, features[], prior, score, probability, rule,
 * judgement, decision, same_cluster, bridging[] (ids), fed_by {a, b}: the ids that
 * fed each record (null for a record that does not say), fed_by_count {a, b}: how
 * many there are (the lists stop at about 480 bytes).  New reference; NULL when memory
 * runs out. */
struct json_t;
struct json_t *iv_resolve_explanation_json(const struct iv_resolve_explanation *x);

/* The longest user name and note a judgement keeps, in bytes. */
#define IV_RESOLVE_USER_MAX 256
#define IV_RESOLVE_NOTE_MAX 16384

/**
 * Record a person's judgement ("same", "different", "unsure") and
 * re-cluster what it touches.  "withdrawn" takes back the latest
 * judgement standing on the pair: the one before it stands again, or,
 * when there was none, the engine decides.  A withdrawal is itself a
 * judgement (kept with user, time and note); the log is never edited.
 * IV_ERR_NOTFOUND for an unknown id, IV_ERR_INVALID for a bad verdict,
 * a user name or note that is not UTF-8, holds control characters (a note
 * may hold tabs and line breaks) or is longer than the limits above,
 * two families, a withdrawal when no judgement on the pair stands, or a
 * judgement that contradicts other judgements (same-judgements would join
 * two entities judged different, also after a withdrawal brings an
 * earlier judgement back): then nothing is changed.
 */
IV_MUST_USE enum iv_err iv_resolve_judge(struct iv_store *st, const char *a, const char *b,
                                         const char *verdict, const char *user, const char *note,
                                         struct iv_buf *err);

/* The pair judged different that a refused judgement would have joined. */
struct iv_resolve_conflict {
	char a[256], b[256];
};

/**
 * iv_resolve_judge, and when the judgement is refused as a contradiction,
 * the pair it would have joined in *conflict (both "" otherwise): the
 * error text names that pair too, so a caller serving someone who may not
 * see those records gives its own message instead (server/h_resolve.c).
 */
IV_MUST_USE enum iv_err iv_resolve_judge_checked(struct iv_store *st, const char *a, const char *b,
                                                 const char *verdict, const char *user,
                                                 const char *note,
                                                 struct iv_resolve_conflict *conflict,
                                                 struct iv_buf *err);

/**
 * Take an entity out of its canonical entity: a "different" judgement
 * against each other member, then re-cluster.  *removed says how many
 * judgements were added (0: it was alone).
 */
IV_MUST_USE enum iv_err iv_resolve_unmerge(struct iv_store *st, const char *entity,
                                           const char *user, const char *note, size_t *removed,
                                           struct iv_buf *err);

/**
 * A decision waiting for review: two canonical entities the engine was
 * unsure of, shown by their most consequential review link (a, b).
 */
struct iv_resolve_review_item {
	const char *a, *b;
	double probability;
	double impact;         /* ordering: uncertainty x records a decision would join or part */
	size_t size_a, size_b; /* members of their canonical entities */
	/* one strong identifier (a document number) on both, and the rest of the evidence
	 * against it: a reused or forged number, as uncertain as a pair can be */
	bool reused;
	size_t pairs; /* review links between the two entities, this one included */
	/* the probability calibrated by people's verdicts on the family's review links
	 * (docs/resolution.md, "Calibration by judgements"): set when calibrated */
	bool calibrated;
	double calibrated_probability;
	size_t calibration_judgements; /* the judged review links it was fitted on */
};
typedef enum iv_err (*iv_resolve_review_fn)(void *ctx, const struct iv_resolve_review_item *it);
/** Whether the caller may be shown a link between records a and b. */
typedef bool (*iv_resolve_review_seen_fn)(void *ctx, const char *a, const char *b);

/**
 * The review queue, most impact first, at most limit items (0: all): one
 * item per pair of canonical entities, and none for a pair on which a
 * person's "different" or "unsure" stands between two of their records.
 */
IV_MUST_USE enum iv_err iv_resolve_review(struct iv_store *st, size_t limit,
                                          iv_resolve_review_fn fn, void *ctx, struct iv_buf *err);
/**
 * As iv_resolve_review, for a caller who may not see every record: a pair
 * of entities is shown by its most consequential link seen() allows, and
 * only such links count against the limit.  The item's sizes, impact and
 * pairs still count every record, hidden ones too: not for such a caller.
 */
IV_MUST_USE enum iv_err iv_resolve_review_filtered(struct iv_store *st, size_t limit,
                                                   iv_resolve_review_seen_fn seen, void *seen_ctx,
                                                   iv_resolve_review_fn fn, void *ctx,
                                                   struct iv_buf *err);
/** Whether the caller sees whole the canonical entity record `entity` is in. */
typedef bool (*iv_resolve_review_whole_fn)(void *ctx, const char *entity);
/**
 * As iv_resolve_review_filtered, with the entities as the caller is shown
 * them: one he does not see whole (whole() says no) is its records alone,
 * so a link inside it may be offered, a link stands for each pair of
 * entities as shown, and only a person's "different" or "unsure" between
 * the records each holds as shown settles a pair.  The order, the sizes
 * and the impact are over the entities as shown too (an item's `pairs` is 1
 * unless both are seen whole).  whole() is asked once per entity of two or
 * more records, and only as far down the engine's queue as the order needs:
 * a row's impact as shown is never more than the engine's.
 */
IV_MUST_USE enum iv_err iv_resolve_review_shown(struct iv_store *st, size_t limit,
                                                iv_resolve_review_seen_fn seen, void *seen_ctx,
                                                iv_resolve_review_whole_fn whole, void *whole_ctx,
                                                iv_resolve_review_fn fn, void *ctx,
                                                struct iv_buf *err);

/** The canonical id an entity set with smallest member `eid` gets ("c-" and 16 hex digits). */
void iv_resolve_canonical_id(const char *eid, char out[24]);

#endif
