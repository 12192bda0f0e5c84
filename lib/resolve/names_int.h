/*
 * names_int.h - what the files of the name comparator share inside
 * lib/resolve: the handle, the script rules applied before ICU, and the
 * per-token codes (article and abd- handling, skeleton, phonetic code).
 * Nothing outside lib/resolve includes this.
 */
#ifndef IV_NAMES_INT_H
#define IV_NAMES_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <unicode/utrans.h>

#include "iv/names.h"
#include "iv/util.h"

/* Longest skeleton or phonetic code kept per token. */
#define NAMES_CODE_MAX 64

struct iv_names {
	UTransliterator *trans; /* "Any-Latin; Latin-ASCII"; one thread at a time */
	/* the two halves, for the north Indian scripts (name_indic.c) between them */
	UTransliterator *to_latin, *to_ascii;
	struct iv_map variants; /* spelling -> (void *)(uintptr_t)group */
	const char **canonical; /* [group - 1] -> first spelling; points into groups */
	char *groups;           /* copy of the table text the above point into */
	int ngroups;
};

/* ---- name_script.c: rules applied before ICU ---------------------------- */

/*
 * Our own rendering of code point c, for the letters ICU leaves behind or
 * renders in a way that does not meet the Latin spellings people use
 * (Sorani, Persian/Pashto, Arabic marks and hamza seats, Ge'ez, Cyrillic).
 * `initial` says the letter starts a word (after an optional article);
 * `ukrainian` that the name is Ukrainian (names_is_ukrainian), whose г and
 * и are spelt h and y (Hryhorenko), not g and i as in Russian.  Returns
 * NULL when ICU should handle c; "" to drop it; " " for a word break; else
 * lower-case ASCII, static or written into scratch.
 */
const char *names_script_rule(UChar32 c, bool initial, bool ukrainian, char scratch[8]);
/** True when the name holds a letter only Ukrainian writes: і ї є ґ. */
bool names_is_ukrainian(const UChar *s, int32_t len);
/* What in a word looks spelt the German way from Cyrillic (names_german_cues). */
enum {
	NAMES_GERMAN_STRONG = 1 << 0, /* tsch, dsch, wj */
	NAMES_GERMAN_SCH = 1 << 1,
	NAMES_GERMAN_ENDING = 1 << 2, /* -ow -ew -owa -ewa */
	NAMES_GERMAN_J_EDGE = 1 << 3, /* Jewgeni, Sergej */
	NAMES_GERMAN_J = 1 << 4,      /* Pjotr, Wassiljew */
	NAMES_GERMAN_CH = 1 << 5      /* Chassanow */
};
/** The cues (NAMES_GERMAN_*) an ASCII word gives that it is spelt the German way from Cyrillic. */
unsigned names_german_cues(const UChar *w, int32_t len);
/** Whether a name whose words gave cues (or-ed) is read the German way too. */
bool names_german_read(unsigned cues);
/**
 * The English spelling of an ASCII word spelt the German way from Cyrillic
 * (Wjatscheslaw Morosow: vyacheslav morozov), lower case, into out (cap
 * units, at least 2 * len); returns its length, -1 when cap is too small.
 */
int32_t names_german_english(const UChar *w, int32_t len, UChar *out, int32_t cap);
/** Whether an ASCII word is a syllable only Wade-Giles writes so (Hsu, Chih, Hsieh, Kuo). */
bool names_wade_giles(const UChar *w, int32_t len);
/**
 * The pinyin of an ASCII Wade-Giles syllable (Chien: jian), lower case, into
 * out (cap units, at least len + 2); returns its length, -1 when cap is too
 * small.
 */
int32_t names_wade_giles_pinyin(const UChar *w, int32_t len, UChar *out, int32_t cap);
/* What in a word looks written in Qubee, Oromo's Latin alphabet (names_qubee_cues). */
enum {
	NAMES_QUBEE_ENDING = 1 << 0, /* a consonant and a doubled a, i, o, u: Caalaa */
	NAMES_QUBEE_LETTER = 1 << 1  /* c not before h, x, q; a doubled consonant: Lammaa */
};
/** The cues (NAMES_QUBEE_*) an ASCII word gives that it is written in Qubee. */
unsigned names_qubee_cues(const UChar *w, int32_t len);
/**
 * The English spelling of an ASCII word written in Qubee (Gammachuu:
 * gamachu, Caalaa: chala), lower case, into out (cap units, at least
 * 2 * len); returns its length, -1 when cap is too small.
 */
int32_t names_qubee_english(const UChar *w, int32_t len, UChar *out, int32_t cap);
/** True for letters of the Arabic-script blocks (no written short vowels). */
bool names_is_abjad(UChar32 c);
/** True for apostrophe-like marks dropped inside a word (ʿ ʾ ' ’ `). */
bool names_is_mark(UChar32 c);

/* ---- name_indic.c: north Indian scripts, between ICU's two steps ------------ */

/** True for letters of Devanagari, Bengali, Gurmukhi and Gujarati. */
bool names_is_north_indic(UChar32 c);
/**
 * Rewrite one word of ICU's Any-Latin (ISO 15919) from those scripts as
 * names are spelt (inherent vowels dropped, ś ṣ as sh, c as ch; bengali:
 * the word was Bengali, ph as f); with abbreviation (a Bengali word ending
 * in the visarga), md, dr or its first letter.  out holds at least
 * 2 * len + 2 units; returns its length.
 */
int32_t names_indic_latin(const UChar *in, int32_t len, bool bengali, bool abbreviation,
                          UChar *out);
/** True for letters of the Tamil block. */
bool names_is_tamil(UChar32 c);
/**
 * Rewrite one Tamil word of ICU's Any-Latin as its names are spelt (c as s,
 * t as th, stops voiced after nasals); with loan, as an Arabic name written
 * in Tamil is spelt (முகம்மது Muhammad: k between vowels h, t d, p b).  out
 * holds at least 2 * len + 2 units; returns its length.
 */
int32_t names_tamil_latin(const UChar *in, int32_t len, bool loan, UChar *out);

/* ---- name_codes.c: per-token codes --------------------------------------- */

/** True when word (lower-case ASCII) is a particle; next is the following word or NULL. */
bool names_is_particle(const char *word, size_t len, const char *next);
/**
 * True when word is an honorific that is also a common given name
 * (Vietnamese "Anh", elder brother) or a title that is also a surname
 * (Doctor, Engineer): a particle only as the first word of a longer name
 * ("Anh Long", "Daktar Ashraf Ghani"), never elsewhere ("Pham Duc Anh",
 * "Asghar Ali Engineer").
 */
bool names_is_leading_title(const char *word, size_t len);
/**
 * Length of a leading abd- prefix including its article ("abdul" 5,
 * "abd" 3), when the rest is a stem of at least min_rest letters; else 0.
 */
size_t names_abd_prefix(const char *word, size_t len, size_t min_rest);
/**
 * A compound name's shared head and its rest: "abd" of a core form
 * ("abdrahman"), or a Ge'ez theophoric head (Gebre-, Wolde-, Habte-,
 * Tekle-, Haile-, Fikre-: "servant, son, gift, plant, power, love of"),
 * in any of its spellings.  Returns the head's length and its class
 * (*head: 1 abd, 2 and up one per Ge'ez head) when at least min_rest (four
 * after a Ge'ez head: Waldemar is no walde-)
 * letters follow; else 0.  Two names with one head are told apart by
 * their rests: Abdulrahman and Abdulkarim share only "servant of".
 */
size_t names_compound_head(const char *core, size_t len, size_t min_rest, int *head);
/**
 * The tail of a compound given name at the end of word: "ullah" ("of God":
 * Najibullah, Nasrallah, Ruhollah, نجیب‌الله) or "uddin" ("of the faith":
 * Jalaluddin, Salaheddine, جلال‌الدین), written as one word with the name
 * before it or as a word of its own (Najib Ullah, نجیب الله).  Returns the
 * tail's length in word (all of it for the tail alone) and sets *tail to
 * its one spelling; 0 when word has no such tail, leaves fewer than
 * three letters before it (Mullah, Aladdin), or is an abd- compound
 * (Abdullah, Kurdish Ebdulla: one name, "servant of God").  A word in
 * Arabic script (abjad) may also end in "dyn" without the article, as
 * Persian and Pashto write Gulbuddin (گلبدین).
 */
size_t names_compound_tail(const char *word, size_t len, bool abjad, const char **tail);
/** "din" or "deen" written apart after an article: Jalal ud Din, Salah al-Din. */
bool names_is_din(const char *word, size_t len);
/** The article before such a "din": ud, ad, al, el, ul. */
bool names_is_din_article(const char *word, size_t len);
/**
 * Vowel groups (a e i o u runs) in word: syllables, roughly.  A word of
 * one syllable ("Hung", "Hoang") is told apart by its vowel, so its
 * skeleton alone does not make it a spelling of another.
 */
size_t names_vowel_groups(const char *word, size_t len);
/** True when word is the head of a split compound: "abd", "abdul", "abdel" ... */
bool names_is_abd_head(const char *word, size_t len);
/**
 * Length of a leading article glued to a Latin word ("al"/"el"/"ul"), when
 * the rest is a stem of at least min_rest letters starting with a
 * consonant; else 0.  (A word in Arabic script says whether it starts with
 * the article ال: NAMES_WORD_ARTICLE.)
 */
size_t names_article_prefix(const char *word, size_t len, size_t min_rest);
/*
 * A word's flag while it is cut from the name, before it is a token: written
 * in Arabic script starting with the article ال (ٱل), which the ASCII form
 * cannot tell from عل (علیرضا "alyrdha" is Alireza, العزيز "alazyz" al-Aziz).
 */
#define NAMES_WORD_ARTICLE 0x100u
/** Consonant skeleton of word into out (NAMES_CODE_MAX bytes); returns its length. */
size_t names_skeleton(const char *word, size_t len, char *out);
/**
 * A token's second skeleton for comparing with Arabic script, into out
 * (NAMES_CODE_MAX bytes): an Arabic-script token's Persian reading of
 * dh/th, a Latin token's v inside the word read as و.  Returns its length,
 * 0 when there is no other reading.
 */
size_t names_other_skeleton(const char *core, size_t core_len, bool abjad,
                            char out[NAMES_CODE_MAX]);
/**
 * A word's spelling folded over what romanisations write differently for
 * one sound (z s, w v, ee i, oo u, y i, doubled letters) into out
 * (NAMES_CODE_MAX bytes); returns its length.
 */
size_t names_spelling(const char *w, size_t len, char out[NAMES_CODE_MAX]);
/** Phonetic code of a skeleton into out (NAMES_CODE_MAX bytes); returns its length. */
size_t names_phonetic(const char *skel, size_t len, char *out);
/* A token's codes, made from its core: what names.c stores per token and
 * name_compare.c makes for two words joined into one. */
struct names_codes {
	char skel[NAMES_CODE_MAX], phon[NAMES_CODE_MAX], skel2[NAMES_CODE_MAX],
	        spell[NAMES_CODE_MAX]; /* each NUL-terminated */
	size_t skel_len, phon_len, skel2_len, spell_len;
	uint64_t skel_hash, phon_hash, spell_hash; /* spell_hash 0 under three letters */
	int head;                                  /* names_compound_head */
	size_t head_len;
	unsigned syllables; /* names_vowel_groups */
};
/** The codes of a token whose core is core[0..len), written in Arabic script or not. */
void names_codes_of(const char *core, size_t len, bool abjad, struct names_codes *c);
/**
 * The name's words (their cores; not its particles or initials) written as
 * one word, in order, by the hash of its phonetic code: the same for Gholam Reza
 * Ahmadi, Gholamreza Ahmadi and غلام رضا احمدی, however the words were
 * spaced.  out[0] is the first reading; out[1], when the function returns
 * 2, the Persian reading of an Arabic-script ذ ض ث (names_other_skeleton).
 * Returns 0 for a name of no such words.
 */
size_t names_glued_keys(const struct iv_name_keys *k, uint64_t out[2]);
/**
 * The core form of a single Latin word (glued abd- compounds joined as
 * "abd" + stem) into out (size bytes); returns its length.  Used for the
 * variant table so that its entries meet names on the same key.
 */
size_t names_core_word(const char *word, size_t len, char *out, size_t size);

#endif
