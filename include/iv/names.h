/*
 * names.h - the multilingual name comparator: keys per name and a
 * similarity in [0,1] between two names.
 *
 * A name (UTF-8, any script, scripts may be mixed) is transliterated once
 * into lower-case ASCII (ICU "Any-Latin; Latin-ASCII" plus our own rules
 * for Sorani, Persian/Pashto, Arabic marks and Ge'ez), cut into tokens and
 * given several keys: the ASCII form, a consonant skeleton, a phonetic
 * code, the sorted tokens, and per token the variant group of the built-in
 * name-variant table (lib/resolve/name_variants.def).  docs/resolution.md
 * ("Names") explains each key and the similarity.
 *
 * Rules:
 *  - struct iv_names holds the ICU transliterator, which is not
 *    thread-safe: use one handle per thread (keys made by one handle may
 *    be compared by another: they hold no pointer into the handle).
 *  - keys are computed once (iv_names_keys) and compared many times
 *    (iv_names_compare does no allocation and no ICU work).
 *  - the library never prints; errors come back as enum iv_err with a
 *    message in the optional err buffer.
 */
#ifndef IV_NAMES_H
#define IV_NAMES_H

#include <stddef.h>
#include <stdint.h>

#include "iv/util.h"

/*
 * The default decision threshold on iv_names_compare's similarity; see
 * docs/resolution.md for how it was chosen (FEBRL true pairs vs random
 * pairs, and the multilingual cases of tests/unit/test_names.c).
 */
#define IV_NAMES_DEFAULT_THRESHOLD 0.85

/** Longest name accepted, in bytes of UTF-8 (IV_ERR_TOOBIG above). */
#define IV_NAMES_MAX_BYTES 1000
/** At most this many tokens are kept per name (the rest are ignored). */
#define IV_NAMES_MAX_TOKENS 24

struct iv_names;

/* Token flags. */
enum {
	IV_NAME_TOK_PARTICLE = 1, /* al, el, bin, ibn, abu, van, de ...: low weight */
	IV_NAME_TOK_INITIAL = 2,  /* a single letter ("M."): matches a token's first letter */
	IV_NAME_TOK_ABJAD = 4,    /* written in Arabic script: vowels mostly absent */
	IV_NAME_TOK_TAIL = 8,     /* ullah, uddin of a compound given name: half weight */
};

/* One token of a name; the strings point into the owning iv_name_keys. */
struct iv_name_token {
	const char *ascii;     /* as written, transliterated, lower case */
	const char *core;      /* glued article removed, abd- compounds joined */
	const char *skeleton;  /* consonant skeleton of core */
	const char *phonetic;  /* phonetic code of core */
	const char *skeleton2; /* the other reading against Arabic script, "" when none */
	const char *spelling;  /* core folded over romanisations (z s, w v, ee i ...) */
	uint64_t skeleton_hash, phonetic_hash;
	uint64_t spelling_hash; /* of spelling; 0 when it has fewer than three letters */
	double weight;          /* in the alignment: 1, initials 0.5, particles 0.2 */
	unsigned flags;         /* IV_NAME_TOK_* */
	int variant;            /* variant group (1-based), 0 when the table does not know it */
	int head;               /* compound head class of core (Abd-, Gebre- ...), 0 when none */
	size_t head_len;        /* its length in core: the rest names the person */
	int rest_variant;       /* variant group of that rest, 0 when none or unknown */
	unsigned syllables;     /* vowel groups in core */
	size_t ascii_len;       /* strlen(ascii) */
	size_t core_len;        /* strlen(core) */
};

/*
 * Keys of one name.  Everything is owned by the struct and released by
 * iv_name_keys_release; a zeroed struct may be released.
 */
struct iv_name_keys {
	char *ascii;          /* whole name: tokens joined by one space */
	char *skeleton;       /* skeletons of the non-particle tokens, in order */
	char *phonetic;       /* phonetic codes of the non-particle tokens, in order */
	char *sorted;         /* cores of the non-particle tokens, sorted */
	uint64_t sorted_hash; /* iv_hash64 of sorted: unequal hashes, unequal names */
	struct iv_name_token *tokens;
	size_t ntokens;
	/* A Cyrillic name with г or и, which Russian and Ukrainian spell otherwise
	 * (Григоренко: Grigorenko, Hryhorenko), is read as Ukrainian when it has
	 * є, ї, і or ґ and as Russian when not; the letters cannot tell a
	 * Ukrainian name without them, so it keeps the other reading too, and
	 * iv_names_compare takes the better.  So does a Bengali name with জ,
	 * which stands for j (Jahangir) and for z (Aziz).  reading is "Russian",
	 * "Ukrainian", "Bengali জ as j" or "Bengali জ as z" for such names
	 * (other's is the other), NULL for the rest. */
	const char *reading;
	struct iv_name_keys *other;
	char *pool_; /* the string storage behind every pointer above */
};

/*
 * One aligned pair of tokens (or a token left unpaired, with the other
 * index -1), for explanations.
 */
struct iv_name_pair {
	int a, b;          /* token indexes into the two names' tokens, or -1 */
	double similarity; /* per-token similarity, 0 for an unpaired token */
	const char *why;   /* static: "equal", "variant", "skeleton", "phonetic",
	                      "initial", "jaro-winkler", "unpaired", "different variants",
	                      "joined": one word written as two on the other side */
};

struct iv_name_explain {
	struct iv_name_pair pairs[2 * IV_NAMES_MAX_TOKENS];
	size_t npairs;
	/* the alignment is of name a's (b's) other reading (keys.other): its
	 * token indexes are into that reading's tokens */
	bool other_a, other_b;
};

/**
 * Open a comparator: the ICU transliterator and the variant table.
 * *out is the caller's, freed with iv_names_free.  IV_ERR_INTERNAL when
 * ICU cannot build the transliterator or the table is inconsistent.
 */
IV_MUST_USE enum iv_err iv_names_new(struct iv_names **out, struct iv_buf *err);
/** Free a comparator; NULL is a no-op. */
void iv_names_free(struct iv_names *n);

/**
 * Compute the keys of one name (NUL-terminated UTF-8) into *keys, which
 * the caller releases with iv_name_keys_release (also after a failure).
 * Errors: IV_ERR_INVALID for invalid UTF-8 or a name with no letter or
 * digit left after normalisation, IV_ERR_TOOBIG over IV_NAMES_MAX_BYTES,
 * IV_ERR_NOMEM, IV_ERR_INTERNAL when ICU fails.
 */
IV_MUST_USE enum iv_err iv_names_keys(struct iv_names *n, const char *utf8,
                                      struct iv_name_keys *keys, struct iv_buf *err);
/** Release keys; a zeroed struct is a no-op.  Leaves the struct zeroed. */
void iv_name_keys_release(struct iv_name_keys *keys);

/**
 * Similarity in [0,1] of two names from their keys; 1 for equal names;
 * the best over each name's readings (keys.other).
 * Symmetric up to rounding.  When explain is non-NULL it receives the
 * token alignment.  No allocation, no ICU: safe from any thread on keys
 * nobody is changing.  The handle is not used today and may be NULL.
 */
double iv_names_compare(const struct iv_names *n, const struct iv_name_keys *a,
                        const struct iv_name_keys *b, struct iv_name_explain *explain);

/** True when the similarity reaches IV_NAMES_DEFAULT_THRESHOLD. */
static inline int iv_names_match(double similarity)
{
	return similarity >= IV_NAMES_DEFAULT_THRESHOLD;
}

/** Canonical (first) spelling of variant group g (1-based), or NULL; owned by n. */
const char *iv_names_variant_name(const struct iv_names *n, int group);

/**
 * Jaro-Winkler similarity of two byte strings (prefix scale 0.1, prefix
 * up to 4).  Only the first 64 bytes of each are compared.
 */
double iv_names_jaro_winkler(const char *a, size_t alen, const char *b, size_t blen);

#endif
