/*
 * resolve_int.h - what the resolution engine's files share.
 *
 *   family.c   the families (which schemata, which features, which strong
 *              identifiers, which other entities feed values into a
 *              record) and the record set: records built from statements
 *              or from their stored text, and written back as text;
 *   match.c    blocking keys of a record and the comparison of two
 *              records into feature levels (and their explanation);
 *   model.c    a family's model: its stored text, and the rules that
 *              score a pair and decide whether the engine links it;
 *   resolve.c  the batch and incremental runs: block, compare, fit, score,
 *              decide, cluster, save, with a file for each step (block.c,
 *              compare.c, fit.c, save.c, incremental.c) and run_int.h for
 *              what they share;
 *   judge.c    judgements, unmerge, the review queue, explanations and
 *              re-clustering of what a change touches.
 *
 * A record's values sit in one array of the set, sorted by (record, slot):
 * slot f < nfeatures holds feature f's values, slot RV_SLOT_STRONG the
 * strong identifiers ("kind\x1fscope\x1fvalue").  Values of the family's
 * name feature also get name keys (iv_names_keys), in `keys`, indexed like
 * the values.
 */
#ifndef IV_RESOLVE_INT_H
#define IV_RESOLVE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "iv/names.h"
#include "iv/resolve.h"
#include "iv/store.h"
#include "iv/util.h"

#define RV_MAX_FEATURES 10
#define RV_SLOT_STRONG  RV_MAX_FEATURES
#define RV_NSLOTS       (RV_MAX_FEATURES + 1)
/* Values kept per record and slot; more are ignored (a record with 200 aliases). */
#define RV_MAX_VALUES 16
/* Longest value kept, in bytes (longer values are cut at a character boundary). */
#define RV_MAX_VALUE 512

enum rv_kind {
	RV_NAME,  /* names: iv_names keys and similarity */
	RV_DATE,  /* ISO dates, possibly partial */
	RV_EXACT, /* normalised values, agree when the sets share one */
	RV_FUZZY, /* free strings, Jaro-Winkler */
	RV_PHONE, /* phone numbers: as RV_EXACT, and one number in two writings (national and
	             international, a digit dropped) agrees at levels of its own */
};

struct rv_feature {
	const char *name;
	enum rv_kind kind;
	const char *props[6]; /* the record's own properties feeding it; NULL-terminated */
	bool block;           /* its values are blocking keys */
	bool tf;              /* exact agreement weighed by the value's frequency */
	bool weak;            /* an attribute thousands share: agreement never corroborates */
	bool country;         /* country codes: an ICAO status (stateless, refugee) is no value */
	/* agreement the names' agreement implies (a name says where its bearer is from and which
	 * sex): not counted when the names are alike (rv_implied_by_name) */
	bool name_implies;
	/* two different values in one record may be two people's (a ledger's "Sahin" with
	 * two men's phones): such a record is bridging (rv_record_bridges).  Person's phones
	 * and e-mails; not a person's accounts or plates, nor a company's many numbers */
	bool bridges;
	/* a person may hold several (a dual national; a migrant whose examined document is
	 * another country's, and whose examination records its country as his): the m of
	 * disagreeing is at least RV_SEVERAL_M, whatever the fit says (rv_fit_several) */
	bool several;
	/* a fact the object has one of for good (a document's type, issue and expiry
	 * dates): two that differ deny a shared strong identifier (rv_strong_denied) -
	 * one number on a passport and on an ID card, or on two passports issued on
	 * different days, is a number a forger reused */
	bool fixed;
};

/*
 * The least chance that two records of one person disagree on a `several`
 * feature: one pair in twenty.  The fit learns the m of nationality from
 * records that share a phone or a selector (debriefs, reports), which rarely
 * come from a document, and says one in 190 (−7.4 bits against a name and an
 * exact birth date), while a document examination writes the document's
 * country as the holder's nationality.  Measured on the generated world,
 * docs/resolution.md "Scoring in the engine".
 */
#define RV_SEVERAL_M 0.05

struct rv_strong {
	const char *prop;  /* the record's own property */
	const char *kind;  /* identifier kind: values of one kind are compared */
	const char *scope; /* property whose value scopes it (issuing country), or NULL */
	bool veto;         /* two different values of one kind and scope: not the same */
	/* the object holds one identifier of this kind in all (an account is its one
	 * username on its one service): two different ones veto whatever their scopes,
	 * and one value in two known scopes names two objects (with veto) */
	bool one;
};

/* Other entities that point at a record and add values to it. */
enum rv_feed {
	RV_FEED_NONE,
	RV_FEED_DOCUMENT, /* Identification.holder: number (strong), names, birth date */
	RV_FEED_ACCOUNT,  /* UserAccount.owner: service:username as a selector */
	RV_FEED_VEHICLE,  /* Vehicle.owner/operator: registration number as a selector */
	RV_FEED_BANK,     /* BankAccount: its IBAN and number, for RV_FEED_PAYMENT */
	RV_FEED_PAYMENT,  /* Payment: each party gets its side's account as a selector */
};
#define RV_NFEEDS 5

struct rv_family {
	const char *name;
	const char *root;    /* schema root of the records */
	const char *exclude; /* a descendant root that is not part of it, or NULL */
	struct rv_feature f[RV_MAX_FEATURES];
	size_t nf;
	struct rv_strong s[8];
	size_t ns;
	enum rv_feed feeds[RV_NFEEDS];
	int name_feature;       /* index of the RV_NAME feature, -1 when none */
	int selector_feature;   /* where RV_FEED_ACCOUNT/VEHICLE/PAYMENT values go, -1: none */
	int date_feature;       /* where RV_FEED_DOCUMENT birth dates go, -1 when none */
	const char *compose[2]; /* e.g. firstName lastName: one name when the record has none */
	/* a record that holds its identifiers and no name or birth date is bridging, and
	 * its strong links too join one cluster only: a document examination that noted a
	 * number and nothing else links to every holder a forger gave the number */
	bool bare_bridges;
	/* a travel document's machine readable zone (its property, NULL: none): what the
	 * printed fields leave out is read from it (family.c, mrz_fill) */
	const char *mrz;
};

extern const struct rv_family rv_families[IV_RESOLVE_NFAMILIES];
/** The family named (or holding the schema named) `name`, or NULL. */
const struct rv_family *rv_family_find(const char *name);
/** rv_family_find's family as its index in rv_families; -1 for NULL or none. */
int rv_family_index(const char *name);
enum rv_which {
	RV_RECORDS, /* the schemata of the family's records */
	RV_FEEDERS, /* the schemata of the entities that feed them */
	RV_BOTH,
};
/** The schema names of the family's records and/or feeders (static, NULL-terminated). */
size_t rv_family_schemas(const struct rv_family *fam, enum rv_which which, const char **out,
                         size_t max);
/** Whether a schema (by name) is one of the family's record schemata. */
bool rv_family_has(const struct rv_family *fam, const char *schema);

struct rv_value {
	const char *v; /* in the set's arena */
	uint64_t h;    /* hash of (slot, value) */
};

struct rv_record {
	const char *eid;             /* in the set's arena */
	const char *schema;          /* static (registry) */
	uint32_t off[RV_NSLOTS + 1]; /* values of slot s: vals[off[s]] .. vals[off[s+1]-1] */
};

/* A value waiting to be sorted into its record. */
struct rv_raw {
	uint32_t rec;
	uint8_t slot;
	uint32_t seq; /* arrival order, for a stable sort */
	const char *v;
};

/* Two strings: (party, account eid) or (account eid, identifier); via: the payment that
 * names the party and its account (NULL for an account's identifiers). */
struct rv_link_text {
	const char *a, *b, *via;
};

/* An entity that fed a value into a record (eid in the set's arena).  A NULL eid: a stored
 * record that does not say what fed it (written before records kept it, or damaged). */
struct rv_fed {
	uint32_t rec;
	const char *eid;
};

struct rv_set {
	const struct rv_family *fam;
	struct iv_names *names; /* borrowed */
	struct iv_arena arena;
	struct rv_record *recs;
	size_t nrecs, alloc_recs;
	struct rv_value *vals;
	struct iv_name_keys *keys; /* per value; filled for the name feature's values only,
	                            * copies of `distinct` (not released on their own) */
	bool *has_keys;
	/* per value: a free string's (RV_FUZZY) ASCII form when it is written in another
	 * script ("ڕانیە" -> "ranye"), compared instead of it; NULL when the value is
	 * ASCII, or when no value needs one (then the array is NULL too) */
	const char **fold;
	struct iv_name_keys *distinct; /* keys of each distinct name, owned */
	bool *distinct_ok;             /* whether a distinct name made keys */
	size_t ndistinct;
	size_t nvals;
	struct rv_raw *raw; /* while building */
	size_t nraw, alloc_raw;
	struct iv_map by_eid; /* eid -> record index + 1 */
	/* values fed by entities not yet seen: target eid, slot, value, and the entities that
	 * fed each (one, or a payment and its account; the second may be NULL) */
	struct rv_raw *orphans;
	const char **orphan_eids;
	const char *(*orphan_from)[2];
	size_t norphans, alloc_orphans;
	/* a payment's party and the account on its side, and each account's identifiers
	 * ("iban:...", "account:..."): joined into the parties' selectors when built */
	struct rv_link_text *pays, *accounts;
	size_t npays, alloc_pays, naccounts, alloc_accounts;
	/* what fed each record, sorted by record then eid and without repeats once built */
	struct rv_fed *fed;
	size_t nfed, alloc_fed;
	bool payments_joined;
	bool built;
};

void rv_set_init(struct rv_set *set, const struct rv_family *fam, struct iv_names *names);
/**
 * The accounts payments name whose identifiers were not read (an
 * incremental run reads new payments, not the old accounts they name):
 * their eids, borrowed from the set, into *out (iv_free it); read them
 * into the set before rv_set_build.
 */
IV_MUST_USE enum iv_err rv_set_unread_accounts(const struct rv_set *set, const char ***out,
                                               size_t *n);
/**
 * Each payment's party gets the identifiers of the account on its side as
 * selector values (orphans, joined at rv_set_build, which calls this when
 * nobody has).  An incremental run calls it before it adopts the resolved
 * records those values point at.  Once per set.
 */
IV_MUST_USE enum iv_err rv_set_join_payments(struct rv_set *set);
void rv_set_release(struct rv_set *set);

/**
 * Add the entities of a statement stream grouped by entity (statements of
 * record schemata make records; feeder schemata feed values into the
 * records they point at).  Call rv_set_feed for each statement, then
 * rv_set_end_entity after each entity's last one (or once at the end).
 */
struct rv_loader {
	struct rv_set *set;
	struct iv_buf entity; /* the entity being read */
	const char *schema;   /* its schema name (static) */
	struct iv_vec props;  /* char* "prop\x1fvalue" of the entity being read, in `strings` */
	struct iv_buf text;   /* the values themselves, "prop\x1fvalue\0" each */
	uint64_t entities;    /* entities finished */
	iv_resolve_progress_fn progress;
	void *progress_ctx;
};
void rv_loader_init(struct rv_loader *l, struct rv_set *set);
void rv_loader_release(struct rv_loader *l);
IV_MUST_USE enum iv_err rv_loader_statement(void *ctx, const struct iv_statement *st);
/** The feed a schema is for a family's records (RV_FEED_NONE when none). */
enum rv_feed rv_feed_of(const struct rv_family *fam, const char *schema);
/**
 * A payment's account property on a party's side ("payer" -> "payerAccount",
 * "beneficiary" -> "beneficiaryAccount"), NULL for another property: what the
 * loader gives a party, and what feeds it (iv_resolve_feeders).
 */
const char *rv_payment_account_of(const char *party);
/**
 * The properties by which an entity of a feed points at the records it
 * feeds (NULL-terminated, static): a passport's "holder", a vehicle's
 * "owner" and "operator", a payment's "payer" and "beneficiary"; none for
 * a bank account, which feeds through payments.  The loader gives values
 * along them, and iv_resolve_feeders follows them back.
 */
const char *const *rv_feed_refs(enum rv_feed feed);
/**
 * An identifier of a kind ("iban", "plate", "document") in the form it is
 * compared in, into out: "GB29 NWBK 6016 1331 9268 19" is "GBNWBK60161331926819".
 */
IV_MUST_USE enum iv_err rv_ident_form(const char *kind, const char *value, struct iv_buf *out);
/** The index in fam->s of the family's first strong identifier of this kind, or -1. */
int rv_kind_index(const struct rv_family *fam, const char *kind, size_t klen);
/** The parts of a strong identifier's text "kind\x1fscope\x1fvalue" (not NUL-ended but value). */
void rv_strong_parts(const char *s, const char **kind, size_t *klen, const char **scope,
                     size_t *slen, const char **value);
IV_MUST_USE enum iv_err rv_loader_end(struct rv_loader *l, struct iv_buf *err);

/** Add a record from its stored text (iv_store_res_get_record). */
IV_MUST_USE enum iv_err rv_set_add_text(struct rv_set *set, const char *eid, const char *text,
                                        struct iv_buf *err);
/**
 * rv_record_bridges of a record's stored text (as rv_set_add_text reads
 * it): the same answer for the record a batch run wrote.  False for text
 * that does not parse.
 */
bool rv_text_bridges(const struct rv_family *fam, const char *text);
/** Sort the values into their records and compute name keys; call once after adding. */
IV_MUST_USE enum iv_err rv_set_build(struct rv_set *set, struct iv_buf *err);
/**
 * A record's stored text (JSON) into out (emptied first; on failure it may hold part of
 * the text): IV_ERR_INVALID when a value is not UTF-8, IV_ERR_NOMEM or IV_ERR_TOOBIG.
 */
IV_MUST_USE enum iv_err rv_record_text(const struct rv_set *set, size_t rec, struct iv_buf *out);
/**
 * The feeders a stored record's JSON says fed it ("fed_by"), each handed to
 * fn; *known false when it does not say: no list, or a list with an item
 * that is not an id (damaged).  Items before a damaged one may have been
 * handed over already.  The one reading of the list, for the loader and for
 * iv_resolve_feeders.
 */
IV_MUST_USE enum iv_err rv_json_fed(const json_t *record, enum iv_err (*fn)(void *, const char *),
                                    void *ctx, bool *known);
/**
 * What fed record rec of a built set: set->fed[*lo .. *hi), in eid order;
 * false when that is not known (a stored record that did not say).
 */
bool rv_record_fed(const struct rv_set *set, size_t rec, size_t *lo, size_t *hi);
/** Index of the record of an entity, or -1. */
long rv_set_find(const struct rv_set *set, const char *eid);

static inline size_t rv_nvals(const struct rv_record *r, unsigned slot)
{
	return r->off[slot + 1] - r->off[slot];
}

/* ---- match.c ---------------------------------------------------------------- */

/** Levels of each kind (the last is "missing"). */
unsigned rv_kind_levels(enum rv_kind kind);
/* The level at which two values of a kind disagree: the last before "missing". */
static inline unsigned rv_level_different(enum rv_kind kind)
{
	return rv_kind_levels(kind) - 2;
}
/**
 * Whether feature f of a pair at this level shares a value of a blocking
 * feature (a phone, also written another way; an e-mail; a selector).
 */
bool rv_shares_selector(const struct rv_family *fam, size_t f, unsigned level);
/** Whether feature f's values are selectors: exact or phone values that block. */
bool rv_is_selector(const struct rv_family *fam, size_t f);
/**
 * Whether n values of feature f hold two that differ: two phone numbers
 * that are not one number written two ways or with a digit dropped
 * (directly or through a third writing), two e-mails.  False for features
 * not marked `bridges`.
 */
bool rv_values_bridge(const struct rv_family *fam, size_t f, const char *const *v, size_t n);
/**
 * Whether a record of the set is a *bridging* record: it holds two
 * different values of one `bridges` feature (rv_values_bridge), so that its
 * links may reach two people - a ledger's "Sahin" with the numbers of two
 * facilitators called Sahin; or, in a family with bare_bridges, it holds
 * an identifier and neither a name nor a birth date.  A record that gives
 * a birth date to the day (rv_full_date) names one person, and its numbers
 * are his: it is not bridging.  rv_cluster lets such a record join one
 * cluster by the model's links, never two (docs/resolution.md).
 */
bool rv_record_bridges(const struct rv_set *set, size_t rec);
/* A date to the day, and not 1 January (the day written for a year alone). */
bool rv_full_date(const char *s);
/* The name level of a short form (rv_name_short_form) */
#define RV_NAME_LEVEL_SHORT_FORM 3
/* Name levels up to this one say the names are at least 0.70 alike (or one is a short form). */
#define RV_NAME_LEVEL_SIMILAR 4
/* The name level of two names not alike at all */
#define RV_NAME_LEVEL_DIFFERENT 5
/* The date level of two dates that disagree (the next one: a date is missing) */
#define RV_DATE_LEVEL_DIFFERENT 4
/**
 * Whether one name is a short form of the other: every word of the
 * shorter (particles and honorifics aside, at least one that is not an
 * initial) pairs with a word of the longer at similarity >= 0.9, and the
 * longer has words left over ("Azad" or "Kaka Azad" for "Azad Mohammed").
 */
bool rv_name_short_form(const struct iv_name_keys *a, const struct iv_name_keys *b);
/** Words for a level of a kind ("exact", "year +-1", "missing" ...). */
const char *rv_level_name(enum rv_kind kind, unsigned level);

/* Blocking keys carry their family's index above this bit (63-bit keys in the store). */
#define RV_KEY_FAMILY_SHIFT 56
/** The range every key of the family falls in. */
void rv_key_range(const struct rv_family *fam, uint64_t *lo, uint64_t *hi);

/**
 * Keys of one record: appended to *keys (with *n of *alloc used).  The keys
 * of its identifiers and selectors (strong identifiers, phones, e-mails,
 * handles) come first, *evidence (when not NULL) of them; then its full
 * birth dates' keys, *dated (when not NULL) of them; then the keys that
 * are only counted, *counted of them: a value's frequency and no block (an
 * address, 1 January of a year); then the others.
 */
IV_MUST_USE enum iv_err rv_record_keys(const struct rv_set *set, size_t rec, uint64_t **keys,
                                       size_t *n, size_t *alloc, size_t *evidence, size_t *dated,
                                       size_t *counted);
/** The key a name's frequency is counted under (its words in any order and spelling). */
uint64_t rv_name_tf_key(const struct rv_family *fam, const struct iv_name_keys *k);
uint64_t rv_value_key(const struct rv_family *fam, unsigned slot, const char *value);

/** What comparing two records found beyond the levels. */
struct rv_compare {
	uint8_t level[RV_MAX_FEATURES];
	uint64_t tf_key[RV_MAX_FEATURES]; /* the agreeing value's key (0: none) for TF */
	int strong;                       /* 1 shared strong identifier, -1 conflict, 0 neither */
	const char *strong_value;         /* the shared or conflicting value (for explanations) */
	const char *strong_other;         /* the other record's value of that identifier */
	/* for explanations: the values that decided each feature (indexes into vals, or -1) */
	long best_a[RV_MAX_FEATURES], best_b[RV_MAX_FEATURES];
};

/*
 * Name similarities already computed, for one comparing thread: a
 * direct-mapped table keyed by the two spellings' keys (values written
 * the same share their keys, family.c), so a pair of spellings met again
 * in another pair of records is not compared again.  Zeroed before use;
 * valid while the sets compared are.
 */
#define RV_MEMO_SLOTS 65536
struct rv_memo {
	struct rv_memo_slot {
		const void *a, *b;
		double s;
	} slot[RV_MEMO_SLOTS];
};

/**
 * Compare records i (of set sa) and j (of set sb).  No allocation;
 * thread-safe with one memo per thread (NULL: none).
 */
void rv_compare(const struct rv_set *sa, size_t i, const struct rv_set *sb, size_t j,
                struct rv_memo *memo, struct rv_compare *out);

/* ---- model.c ---------------------------------------------------------------- */

/* A family's fitted model with what scoring needs beside it. */
struct rv_model {
	struct iv_fs_model *fs;
	double threshold, review_low;
	uint64_t nrecords;
	/* records that hold a value of each feature: a value's frequency is counted among
	 * them (a city held by 180 of 5,000 addresses is common, whatever the records
	 * without one) */
	uint64_t holding[RV_MAX_FEATURES];
	uint64_t mark; /* iv_store_res_mark when the records were last read: later statements
	                  are what an incremental run looks at */
};

void rv_model_release(struct rv_model *m);
/** A new model with the family's features (not fitted). */
IV_MUST_USE enum iv_err rv_model_new(const struct rv_family *fam, struct rv_model *out,
                                     struct iv_buf *err);
/** The model as stored text, and back. */
IV_MUST_USE enum iv_err rv_model_text(const struct rv_family *fam, const struct rv_model *m,
                                      struct iv_buf *out);
/** Add the records of set that hold each feature to m->holding (take them away: !add). */
void rv_model_count_holding(struct rv_model *m, const struct rv_set *set, bool add);
/*
 * The form of the engine's stored records, keys and model: raised when a
 * change makes them compare otherwise (2: identifiers in one written form,
 * payments' accounts as selectors, 29 November; 3: a month-first date
 * kept verbatim is a date and makes a key, an ICAO status is no
 * nationality, free strings compared in ASCII, 29 November 2026; 4: a v
 * inside a name's word leaves its skeleton as w does, 29 November; 5: a
 * plate's O and I read as 0 and 1, an IBAN without its check digits, a
 * vessel's engine serial an identifier; 6: the skeleton keeps a v again, 1
 * January makes no full-date key, an account number loses its leading
 * zeros, 29 November; 7: an address's frequency counts, frequencies are
 * among the records that hold the feature, 29 November; 8: "le" is a name
 * (Vietnamese Lê), not a particle, an address and 1 January make keys that are
 * only counted, 29 November; 9: "an" before "ng" is a name (Vietnamese An
 * Nguyen), not an article, the variant table knows more names, whose
 * keys are their groups', and Cyrillic is spelt as English-language
 * records spell it (Zhukov, not Zukov; a Ukrainian name's г and и as h
 * and y), 30 November; 10: a Cyrillic name with г or и blocks in its
 * Russian and its Ukrainian readings both, 30 November; 11: names in north
 * Indian scripts without ISO 15919's inherent vowels (করিম karim), ś ṣ as
 * sh, c as ch, Bengali জ read as j and as z (two readings, both blocking),
 * Tamil's stops as its names are spelt (Selvam, Muthu, Vadivel),
 * and the spelling key reads ph as f and q as k; the variant
 * table knows Somali spellings (Maxamed, Cali) and South Asian ones (Md,
 * Hossain, Chowdhury), 30 November; 12: Urdu's ٹ ڈ ڑ ں and Sindhi's
 * letters are read, not lost, Afghan and Pakistani titles (ملا, Mawlawi,
 * Qari, داکتر) are particles, and the ullah and uddin of compound names
 * (Najibullah, نجیب الله, Jalal ud Din) are words of their own that do
 * not block, 30 November; 13: a name blocks with its words written as one,
 * an Arabic-script consonant + ه/ح is also read apart (سهیل Suhail), the
 * article ال is taken off as the script writes it (علیرضا keeps its "al"),
 * Mohamud is Mahmoud, 30 November; 14: a name with Turkish letters is
 * also read as English spells them (Şahin: Shahin; Kurmanji Xelîl:
 * Khalil), 30 November; 15: an initial "ou" before a vowel is w in the
 * skeleton and the spelling key (Ouahid: Wahid), Aït a particle, 30
 * November; 16: 26 more variant groups (Hakim, Halim, Khalil ...), 30
 * November; 17: Doctor and Engineer titles only before a name, a word that
 * is only a tail one only after a name (Allah Ditta), the Turkish reading
 * not for ç alone and for Kurmanji without ş, Urdu ہ after a consonant
 * read apart too, 30 November; 18: a nationality's m of disagreeing at
 * least RV_SEVERAL_M, a record with a birth date to the day not bridging,
 * 30 November; 19: an account's usernames on two services veto, 30
 * November; 20: a Tamil name also read as an Arabic name written in Tamil
 * is spelt, 30 November; 21: a name chain's middle words cost half as
 * much missing, a Latin name spelt the German way from Cyrillic also read
 * as English spells it, 30 November; 22: el-din spellings, Maghrebi
 * variants, "son of" glued, Arabic-script titles with their article, 30
 * November; 23: strong identifiers' scopes in lower case, the German
 * reading on two cues, the rules above narrowed after a review, 30
 * November; 24: Russian and Ukrainian forms of given names in the variant
 * table, 30 November; 25: Chinese names in Wade-Giles also read as pinyin,
 * 30 November; 26: a name and its -a feminine are two names, 30 November;
 * 27: Oromo names in Qubee also read as English spells them, 30 November;
 * 28: a document's number one of its kind; its type, holder's birth date, issue and expiry dates
 * fixed facts, 30 November).
 * A stored model of another form does not parse, so the next incremental
 * run is a batch one.
 */
#define RV_MODEL_FORM 28
IV_MUST_USE enum iv_err rv_model_parse(const struct rv_family *fam, const char *text,
                                       struct rv_model *out, struct iv_buf *err);
/**
 * Score a comparison (levels per feature) in bits.  counts[f] is how many
 * records hold the agreeing value of feature f (0: no adjustment); an
 * exact agreement then weighs u = counts[f] / m->holding[f] (the records
 * that hold the feature; all records when the model does not know), the
 * chance that a random record with the feature holds the value, so a rare
 * name counts for more than a common one.  Agreement the names imply (rv_implied_by_name) weighs 0;
 * implied[f] (when not NULL) says which features that set to 0.
 */
double rv_score(const struct rv_family *fam, const struct rv_model *m, const uint8_t *level,
                const uint64_t *counts, struct iv_fs_contrib *per_feature, bool *implied);
/*
 * Whether evidence beyond one feature backs a match: at least two features
 * that speak for it (positive weight) and are not weak attributes.  A name
 * alone never merges (it goes to review), and neither does a name with only
 * a nationality or a gender behind it: those are shared by thousands.
 */
/** Whether a scored pair's evidence is corroborated (see above). */
bool rv_corroborated(const struct rv_family *fam, const struct iv_fs_contrib *per_feature);

/*
 * A shared strong identifier links on its own unless the other features
 * weigh at least this many bits against it (1000:1 - other names, birth
 * dates and sexes; a weak attribute's agreement is left out, as every
 * holder of a country's documents shares its nationality), or the names
 * are not alike at all (RV_NAME_LEVEL_DIFFERENT) and no other feature
 * but a weak one agrees, or a fixed fact (a document's type, issue or
 * expiry date) differs: forgers put one document number on several
 * identities and on documents of other kinds.  Such a pair goes to review, where a person sees the
 * reused number.
 */
#define RV_STRONG_DENIED_BITS 10.0
/**
 * The first fixed feature whose two values differ at these levels (dates: in
 * their day or month, or more; a year one apart with the same day and month
 * still agrees, as the comparator's "close"), -1 when none.
 */
int rv_fixed_differs(const struct rv_family *fam, const uint8_t *level);
/** Whether a pair's levels and weights (the prior aside) deny a shared strong identifier. */
bool rv_strong_denied(const struct rv_family *fam, const uint8_t *level,
                      const struct iv_fs_contrib *per_feature);

/*
 * A pair that shares a value of a blocking feature (a phone, an e-mail, a
 * selector) and whose names agree at least as a short form links at this
 * probability (or at the threshold, when that is lower): two independent
 * kinds of evidence, one for who the records are and one for how they are
 * reached, and the model under-weighs a shared value (docs/resolution.md,
 * "Decisions", says why).
 */
#define RV_SELECTOR_NAME_PROBABILITY 0.5
/**
 * Whether feature f's agreement is implied by the names' and so not
 * counted: f is name_implies and the two names are alike (any level
 * below RV_NAME_LEVEL_DIFFERENT).  Two Vietnamese migrants called Hoang
 * Nam Huang share their nationality and sex because they share a
 * Vietnamese man's name; counting both as independent evidence added 3.5
 * bits to every such pair.
 */
bool rv_implied_by_name(const struct rv_family *fam, const uint8_t *level, size_t f);
/**
 * Whether the engine links a scored pair (strong identifiers and
 * judgements aside): probability >= threshold and corroborated, or a
 * shared selector and a name at least a short form at
 * RV_SELECTOR_NAME_PROBABILITY.  *by_selector says which (may be NULL).
 */
bool rv_links(const struct rv_family *fam, double probability, double threshold,
              const uint8_t *level, const struct iv_fs_contrib *per_feature, bool *by_selector);

/* ---- fit.c ------------------------------------------------------------------ */

/*
 * A `several` feature's m of disagreeing raised to RV_SEVERAL_M when the fit
 * put it lower; the agreeing levels share what is left as they shared it
 * before (disagreeing is the last level before "missing").  The batch fit
 * calls it before the prior is fitted.
 */
IV_MUST_USE enum iv_err rv_fit_several(const struct rv_family *fam, struct rv_model *m,
                                       struct iv_buf *err);

/* ---- calibrate.c ------------------------------------------------------------ */

/*
 * A family's review band calibrated by people's verdicts (calibrate.c): the
 * probability that a review link of score s (bits) is one object is
 * logistic(slope * s + offset), fitted on the review links people judged
 * "same" or "different" once there are at least RV_CALIBRATION_MIN of them,
 * of both verdicts.
 */
#define RV_CALIBRATION_MIN IV_RESOLVE_CALIBRATION_MIN
struct rv_verdicts;
struct rv_calibration {
	bool fitted;
	double slope, offset;
	size_t same, different; /* the judged review links it was fitted on */
};
struct rv_calibrations {
	struct rv_calibration fam[IV_RESOLVE_NFAMILIES]; /* by index in rv_families */
};
/** Fit a calibration on n judged review links (score in bits, same or not). */
void rv_calibration_fit(const double *score, const bool *same, size_t n,
                        struct rv_calibration *out);
/** The calibrated probability of a review link of this score (c fitted). */
double rv_calibrated(const struct rv_calibration *c, double score);
/**
 * Every family's calibration, from the review links in the store on which
 * a verdict of v stands ("same" or "different"; v as rv_verdicts_load(st,
 * NULL) reads it).
 */
IV_MUST_USE enum iv_err rv_calibrations_read(struct iv_store *st, const struct rv_verdicts *v,
                                             struct rv_calibrations *out, struct iv_buf *err);

/* ---- cluster.c -------------------------------------------------------------- */

/* An edge for clustering, strongest kind first. */
enum rv_edge_kind {
	RV_E_DIFFERENT = -2, /* judged different by a person: never in one cluster */
	RV_E_VETO = -1,      /* conflicting strong identifiers */
	RV_E_MATCH = 1,      /* the model */
	RV_E_STRONG = 2,     /* a shared strong identifier */
	RV_E_SAME = 3,       /* judged the same by a person */
};

struct rv_edge {
	uint32_t a, b;
	int kind; /* enum rv_edge_kind */
	double prob;
};

/**
 * Cluster n nodes: positive edges are taken strongest first (then by
 * probability, then by the rank of their nodes' entity ids, so that the
 * result does not depend on how nodes were numbered), and join two
 * clusters unless a negative edge runs between them.  root[i] receives a
 * representative of i's cluster.  The edges are reordered.
 *
 * bridging (may be NULL: none) marks bridging records (rv_record_bridges).
 * Their model links (RV_E_MATCH), and with hold_strong their strong links
 * too (RV_E_STRONG: a bare record of a family with bare_bridges), wait
 * until the other edges are taken;
 * then each cluster of bridging records without an ordinary record (one
 * record, or several that strong links or judgements joined) joins the one
 * cluster its links weigh most for, so it never joins two clusters of
 * ordinary records that nothing else joins; model links between two
 * bridging records join them while one side holds bridging records only.
 * *held (may be NULL) counts the clusters of bridging records whose links
 * reached more than one cluster.
 */
IV_MUST_USE enum iv_err rv_cluster(size_t n, struct rv_edge *edges, size_t nedges,
                                   const uint32_t *rank, const bool *bridging, bool hold_strong,
                                   uint32_t *root, size_t *held, struct iv_buf *err);
/** Each name's rank in sorted order (caller frees), or NULL when out of memory. */
uint32_t *rv_rank_names(const char *const *names, size_t n);

/*
 * People's verdicts on each pair: the judgement that stands.  A later
 * judgement overrides an earlier one; a withdrawal ("withdrawn") takes
 * back the latest one standing, so the one before it stands again, or
 * none (the engine decides).  Each pair keeps the stack of its standing
 * judgements for that.
 */
struct rv_judged {
	int64_t last; /* store id of the last judgement applied: loading it again changes nothing */
	size_t n, cap;
	char *stack; /* 's', 'd', 'u', oldest first: stack[n - 1] stands (n == 0: none) */
};
struct rv_verdicts {
	struct iv_map map; /* "a\x1fb" (a < b) -> struct rv_judged *, owned */
	/* every entity id a judgement names -> (void *)1: rv_verdict answers most pairs (a
	 * closure's million links) by one lookup, without making the pair's key */
	struct iv_map ids;
	size_t n; /* pairs ever judged: at least the pairs with a standing verdict */
};
/**
 * Add the judgements touching entity (all when NULL), oldest first.  Loading
 * judgements already in v (a pair seen from both its ends) changes nothing.
 */
IV_MUST_USE enum iv_err rv_verdicts_load(struct iv_store *st, const char *entity,
                                         struct rv_verdicts *v, struct iv_buf *err);
/**
 * Add one judgement (a judge_each callback; ctx is the struct rv_verdicts):
 * it stands, or, for a withdrawal, the one it withdraws stops standing (a
 * withdrawal with nothing standing changes nothing).  A judgement with id 0
 * (not stored yet) is always applied.
 */
IV_MUST_USE enum iv_err rv_verdicts_add(void *ctx, const struct iv_judgement *j);
/** The standing verdict: 's' same, 'd' different, 'u' unsure, 0 when none stands. */
char rv_verdict(const struct rv_verdicts *v, const char *a, const char *b);
/** A pair with a standing verdict (rv_verdicts_next); the ids are borrowed. */
struct rv_verdict_pair {
	const char *a; /* the first id: alen bytes, not NUL-terminated */
	size_t alen;
	const char *b; /* the second id, NUL-terminated */
	char verdict;  /* as rv_verdict gives it */
};
/** Walk the pairs with a standing verdict: start with *pos = 0; false at the end. */
bool rv_verdicts_next(const struct rv_verdicts *v, size_t *pos, struct rv_verdict_pair *p);
void rv_verdicts_release(struct rv_verdicts *v);
/** The edge kind for an engine link once people's verdicts are applied; 0: no edge. */
int rv_edge_kind_of(enum iv_res_link_kind kind, char verdict);

/**
 * Re-cluster the connected part of the link graph around the given
 * entities.  known: every verdict people have given, as the caller just
 * read them (NULL: read them from the store).
 */
IV_MUST_USE enum iv_err rv_recluster(struct iv_store *st, const char *const *seeds, size_t nseeds,
                                     const struct rv_verdicts *known, struct iv_buf *err);

#endif
