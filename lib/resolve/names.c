/*
 * names.c - the name comparator's handle and keys: the ICU
 * transliterator, the variant table, and the way from a UTF-8 name to
 * its tokens and keys.
 *
 * A name goes through these steps, once:
 *  1. checks: size cap, valid UTF-8;
 *  2. UTF-16 and NFKC (presentation forms, ligatures, full-width letters);
 *  3. words: cut at spaces, punctuation and hyphens; apostrophe-like marks
 *     (ʿ ʾ ' ’) vanish inside a word; each word's letters go through our
 *     script rules (name_script.c), then what is left through ICU
 *     "Any-Latin; Latin-ASCII"; the result is lower-cased ASCII;
 *  4. tokens: particles and initials marked, split compounds joined
 *     ("Abdul Rahman" -> abdrahman), glued articles taken off the core
 *     ("Alhasan" -> hasan), variant groups looked up, and skeleton and
 *     phonetic code made from the core (name_codes.c);
 *  5. the whole-name keys, all in one block of memory.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>

#include "resolve/names_int.h"

static const char *const variant_groups[] = {
#define GROUP(spellings) spellings,
#include "resolve/name_variants.def"
#undef GROUP
};

#define NGROUPS ((int)(sizeof(variant_groups) / sizeof(variant_groups[0])))

/* ---- the handle ----------------------------------------------------------------- */

static IV_MUST_USE enum iv_err put_variant(struct iv_names *n, const char *word, size_t len,
                                           int group, struct iv_buf *err)
{
	void *old = iv_map_getn(&n->variants, word, len);

	if (old && (int)(uintptr_t)old != group)
		return iv_seterr(err, IV_ERR_INTERNAL,
		                 "name variant table: '%.*s' is in the groups of '%s' and '%s'",
		                 (int)len, word, n->canonical[(int)(uintptr_t)old - 1],
		                 n->canonical[group - 1]);
	if (old)
		return IV_OK;
	if (iv_map_putn(&n->variants, word, len, (void *)(uintptr_t)group))
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	return IV_OK;
}

static IV_MUST_USE enum iv_err load_variants(struct iv_names *n, struct iv_buf *err)
{
	size_t total = 0, off = 0;
	enum iv_err rc;

	for (int g = 0; g < NGROUPS; g++)
		total += strlen(variant_groups[g]) + 1;
	n->groups = iv_malloc(total);
	n->canonical = iv_calloc((size_t)NGROUPS * sizeof(*n->canonical));
	if (!n->groups || !n->canonical)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	n->ngroups = NGROUPS;
	/* the first spelling of each group, NUL-terminated, is its canonical name */
	for (int g = 0; g < NGROUPS; g++) {
		size_t len = strlen(variant_groups[g]);

		memcpy(n->groups + off, variant_groups[g], len + 1);
		n->canonical[g] = n->groups + off;
		for (size_t i = 0; i < len; i++)
			if (n->groups[off + i] == ' ')
				n->groups[off + i] = '\0';
		off += len + 1;
	}
	for (int g = 0; g < NGROUPS; g++) {
		const char *s = variant_groups[g];

		while (*s) {
			size_t len = strcspn(s, " ");
			char core[64];
			size_t clen;

			for (size_t i = 0; i < len; i++)
				if (s[i] < 'a' || s[i] > 'z')
					return iv_seterr(
					        err, IV_ERR_INTERNAL,
					        "name variant table: '%.*s' is not lower-case "
					        "ASCII letters",
					        (int)len, s);
			if (len == 0 || len >= sizeof(core))
				return iv_seterr(err, IV_ERR_INTERNAL,
				                 "name variant table: bad spacing in group '%s'",
				                 n->canonical[g]);
			rc = put_variant(n, s, len, g + 1, err);
			if (rc)
				return rc;
			clen = names_core_word(s, len, core, sizeof(core));
			if (clen != len || memcmp(core, s, len) != 0) {
				rc = put_variant(n, core, clen, g + 1, err);
				if (rc)
					return rc;
			}
			s += len;
			if (*s == ' ')
				s++;
		}
	}
	return IV_OK;
}

enum iv_err iv_names_new(struct iv_names **out, struct iv_buf *err)
{
	static const char id_utf8[] = "Any-Latin; Latin-ASCII";
	UChar id[sizeof(id_utf8)];
	UErrorCode st = U_ZERO_ERROR;
	UParseError pe;
	struct iv_names *n;
	enum iv_err rc = IV_OK;

	*out = NULL;
	n = iv_calloc(sizeof(*n));
	if (!n)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	u_uastrncpy(id, id_utf8, (int32_t)sizeof(id_utf8));
	n->trans = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, &pe, &st);
	u_uastrncpy(id, "Any-Latin", (int32_t)sizeof(id));
	if (U_SUCCESS(st))
		n->to_latin = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, &pe, &st);
	u_uastrncpy(id, "Latin-ASCII", (int32_t)sizeof(id));
	if (U_SUCCESS(st))
		n->to_ascii = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, &pe, &st);
	if (U_FAILURE(st)) {
		rc = iv_seterr(err, IV_ERR_INTERNAL, "ICU cannot open the transliterator: %s",
		               u_errorName(st));
		goto out;
	}
	rc = load_variants(n, err);
out:
	if (rc)
		iv_names_free(n);
	else
		*out = n;
	return rc;
}

void iv_names_free(struct iv_names *n)
{
	if (!n)
		return;
	if (n->trans)
		utrans_close(n->trans);
	if (n->to_latin)
		utrans_close(n->to_latin);
	if (n->to_ascii)
		utrans_close(n->to_ascii);
	iv_map_release(&n->variants);
	iv_free(n->canonical);
	iv_free(n->groups);
	iv_free(n);
}

const char *iv_names_variant_name(const struct iv_names *n, int group)
{
	if (!n || group < 1 || group > n->ngroups)
		return NULL;
	return n->canonical[group - 1];
}

/* ---- from UTF-8 to words ------------------------------------------------------- */

struct word {
	size_t off, len; /* in words.text */
	unsigned flags;
};

struct words {
	struct iv_buf text; /* each word NUL-terminated */
	struct word w[IV_NAMES_MAX_TOKENS];
	size_t n;
	size_t cur; /* start of the word being written, or SIZE_MAX */
};

static IV_MUST_USE enum iv_err word_char(struct words *ws, char c)
{
	if (ws->cur == SIZE_MAX) {
		if (ws->n == IV_NAMES_MAX_TOKENS)
			return IV_OK; /* beyond the token cap: ignored */
		ws->cur = ws->text.len;
	}
	return iv_buf_addch(&ws->text, c);
}

static IV_MUST_USE enum iv_err word_end(struct words *ws, unsigned flags)
{
	if (ws->cur == SIZE_MAX)
		return IV_OK;
	ws->w[ws->n].off = ws->cur;
	ws->w[ws->n].len = ws->text.len - ws->cur;
	ws->w[ws->n].flags = flags;
	ws->n++;
	ws->cur = SIZE_MAX;
	return iv_buf_addch(&ws->text, '\0');
}

/* Lower-case ASCII words out of transliterated text. */
static IV_MUST_USE enum iv_err add_words(struct words *ws, const UChar *s, int32_t len,
                                         unsigned flags)
{
	enum iv_err rc = IV_OK;

	for (int32_t i = 0; i < len && !rc;) {
		UChar32 c;

		U16_NEXT(s, i, len, c);
		if (c < 0x80 && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			rc = word_char(ws, (char)c);
		else if (c >= 'A' && c <= 'Z')
			rc = word_char(ws, (char)(c - 'A' + 'a'));
		else if (names_is_mark(c) || c >= 0x80)
			continue; /* what ICU left non-ASCII (ǝ, ʿ): nothing Latin to keep */
		else
			rc = word_end(ws, flags);
	}
	if (!rc)
		rc = word_end(ws, flags);
	return rc;
}

/* Scratch of one iv_names_keys call. */
struct scratch {
	UChar *u16, *norm, *tok, *out;
	int32_t norm_len; /* UTF-16 units in norm */
	int32_t tok_len, tok_cap, out_cap;
	bool tok_abjad, tok_nonascii;
	bool tok_indic;   /* a letter of a north Indian script (name_indic.c) */
	bool tok_bengali; /* a Bengali letter (ফ is f there) */
	bool tok_latin;   /* an ASCII letter */
	bool tok_tamil;   /* a Tamil letter (name_indic.c, names_tamil_latin) */
	bool tamil;       /* a Tamil word was read */
	unsigned german;  /* the cues of German spelling its Latin words gave (NAMES_GERMAN_*) */
	bool german_read; /* read Latin words as English spells them (READ_GERMAN) */
	bool wade_giles;  /* a Latin word only Wade-Giles writes so was read */
	bool pinyin_read; /* read Latin words from Wade-Giles as pinyin (READ_PINYIN) */
	unsigned qubee_endings; /* Latin words ending as Qubee writes (NAMES_QUBEE_ENDING) */
	bool qubee_letter;      /* a Latin word with a letter Qubee writes (NAMES_QUBEE_LETTER) */
	bool qubee_read;   /* read Latin words from Qubee as English spells them (READ_QUBEE) */
	bool tamil_loan;   /* read Tamil as an Arabic name is spelt (READ_TAMIL_LOAN) */
	bool tok_abbrev;   /* it ends in the Bengali visarga: an abbreviation (মোঃ Md.) */
	bool ukrainian;    /* names_is_ukrainian: г and и read as h and y */
	bool two_readings; /* a Cyrillic г or и was read: the other reading differs */
	bool bengali_ja;   /* a Bengali জ was read, which stands for j and for z */
	bool h_joint;      /* an Arabic-script consonant + ه/ح read as a Latin digraph */
	bool h_apart;      /* read them apart (READ_H_APART) */
	bool bengali_z;    /* read জ as z (READ_BENGALI_Z) */
	bool turkish_read; /* read Turkish letters as English spells them (READ_TURKISH) */
	bool kurmanji;     /* a Kurmanji name (turkish_name) */
	UChar32 prev;      /* the token's last letter so far, 0 at its start */
};

/* t over src[0..len) into sc->out, grown as needed (src is not sc->out); *out_len its length. */
static IV_MUST_USE enum iv_err transliterate(UTransliterator *t, struct scratch *sc,
                                             const UChar *src, int32_t len, int32_t *out_len,
                                             struct iv_buf *err)
{
	for (;;) {
		UErrorCode st = U_ZERO_ERROR;
		int32_t tlen = len, limit = len;

		if (len <= sc->out_cap) {
			memcpy(sc->out, src, (size_t)len * sizeof(UChar));
			utrans_transUChars(t, sc->out, &tlen, sc->out_cap, 0, &limit, &st);
			if (U_SUCCESS(st)) {
				*out_len = tlen;
				return IV_OK;
			}
			if (st != U_BUFFER_OVERFLOW_ERROR || sc->out_cap > (1 << 20))
				return iv_seterr(err, IV_ERR_INTERNAL,
				                 "ICU transliteration failed: %s", u_errorName(st));
		}
		{
			UChar *bigger =
			        iv_realloc(sc->out, (size_t)sc->out_cap * 2 * sizeof(UChar));

			if (!bigger)
				return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
			sc->out = bigger;
			sc->out_cap *= 2;
		}
	}
}

/*
 * A word of a north Indian script: ICU's Any-Latin, our rewrite of its ISO
 * 15919 (name_indic.c), then Latin-ASCII.
 */
static IV_MUST_USE enum iv_err indic_word(struct iv_names *n, struct scratch *sc, int32_t len,
                                          bool bengali, bool tamil, bool abbreviation,
                                          int32_t *out_len, struct iv_buf *err)
{
	int32_t l1 = 0, l2;
	UChar *mid;
	enum iv_err rc = transliterate(n->to_latin, sc, sc->tok, len, &l1, err);

	if (rc)
		return rc;
	mid = iv_malloc(((size_t)l1 * 2 + 2) * sizeof(UChar));
	if (!mid)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	l2 = tamil ? names_tamil_latin(sc->out, l1, sc->tamil_loan, mid)
	           : names_indic_latin(sc->out, l1, bengali, abbreviation, mid);
	rc = transliterate(n->to_ascii, sc, mid, l2, out_len, err);
	iv_free(mid);
	return rc;
}

static IV_MUST_USE enum iv_err flush_token(struct iv_names *n, struct scratch *sc, struct words *ws,
                                           struct iv_buf *err)
{
	int32_t len = sc->tok_len, tlen = 0;
	/* ال (ٱل) starting a word in Arabic script: the article (NAMES_WORD_ARTICLE) */
	bool article = sc->tok_abjad && len >= 2 &&
	               (sc->tok[0] == 0x0627 || sc->tok[0] == 0x0671) && sc->tok[1] == 0x0644;
	unsigned flags =
	        (sc->tok_abjad ? IV_NAME_TOK_ABJAD : 0) | (article ? NAMES_WORD_ARTICLE : 0);
	bool indic = sc->tok_indic || sc->tok_tamil, bengali = sc->tok_bengali,
	     tamil = sc->tok_tamil && !sc->tok_indic, abbreviation = sc->tok_abbrev,
	     nonascii = sc->tok_nonascii;
	enum iv_err rc;

	if (len == 0)
		return IV_OK;
	sc->tok_len = 0;
	sc->tok_abjad = sc->tok_indic = sc->tok_bengali = sc->tok_abbrev = sc->tok_latin =
	        sc->tok_tamil = sc->tok_nonascii = false;
	sc->prev = 0;
	if (abbreviation && len == 1)
		return IV_OK; /* a visarga alone abbreviates nothing */
	if (!nonascii) {
		sc->german |= names_german_cues(sc->tok, len);
		sc->wade_giles |= names_wade_giles(sc->tok, len);
		{
			unsigned q = names_qubee_cues(sc->tok, len);

			sc->qubee_endings += (q & NAMES_QUBEE_ENDING) != 0;
			sc->qubee_letter |= (q & NAMES_QUBEE_LETTER) != 0;
		}
		if (sc->german_read || sc->pinyin_read || sc->qubee_read) {
			int32_t glen =
			        sc->german_read
			                ? names_german_english(sc->tok, len, sc->out, sc->out_cap)
			        : sc->pinyin_read
			                ? names_wade_giles_pinyin(sc->tok, len, sc->out,
			                                          sc->out_cap)
			                : names_qubee_english(sc->tok, len, sc->out, sc->out_cap);

			if (glen < 0)
				return iv_seterr(err, IV_ERR_INTERNAL, "name buffer too small");
			return add_words(ws, sc->out, glen, flags);
		}
		return add_words(ws, sc->tok, len, flags);
	}
	sc->tamil |= tamil;
	rc = indic ? indic_word(n, sc, len, bengali, tamil, abbreviation, &tlen, err)
	           : transliterate(n->trans, sc, sc->tok, len, &tlen, err);
	if (!rc && add_words(ws, sc->out, tlen, flags))
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	return rc;
}

static void tok_add(struct scratch *sc, UChar32 c)
{
	if (sc->tok_len + 2 > sc->tok_cap)
		return; /* cannot happen: tok_cap covers the longest expansion */
	U16_APPEND_UNSAFE(sc->tok, sc->tok_len, c);
	if (c >= 0x80)
		sc->tok_nonascii = true;
	if (names_is_north_indic(c))
		sc->tok_indic = true;
	if (c >= 0x0980 && c <= 0x09FF)
		sc->tok_bengali = true;
	if (names_is_tamil(c))
		sc->tok_tamil = true;
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		sc->tok_latin = true;
	sc->tok_abbrev = c == 0x0983; /* Bengali visarga, last so far */
}

static bool word_initial(const struct scratch *sc)
{
	/* start of a word, or just after the article ال */
	return sc->tok_len == 0 ||
	       (sc->tok_len == 2 && sc->tok[0] == 0x0627 && sc->tok[1] == 0x0644);
}

static bool is_letter_part(UChar32 c)
{
	int8_t t = u_charType(c);

	return u_isalnum(c) || t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK ||
	       t == U_ENCLOSING_MARK || c == 0x200C || c == 0x200D;
}

/*
 * Whether an Arabic-script letter that comes out as s z d t k g or p, then
 * ه or ح, makes a Latin digraph the script does not mean: سهیل comes out
 * "shyl", read as Sh- while Latin writes Suhail, Soheil; زهير "zhyr" for
 * Zuhair, دهقان "dhqan" for Dehghan.  Latin writes some names so too
 * (Ishaq, Azhar, Mazhar, Adham: no vowel between), so such a name is read
 * both ways (READ_H_APART puts an "a" between).  Urdu's ھ is not among
 * them: it marks the aspirate the digraph means (بھٹو Bhutto).
 */
static bool h_after_consonant(UChar32 prev, UChar32 c)
{
	if (c != 0x0647 && c != 0x062D && c != 0x06C1) /* ه ح, Urdu ہ */
		return false;
	switch (prev) {
	case 0x0633: /* س */
	case 0x0635: /* ص */
	case 0x0632: /* ز */
	case 0x0638: /* ظ */
	case 0x062F: /* د */
	case 0x0688: /* ڈ */
	case 0x0689: /* ډ */
	case 0x062A: /* ت */
	case 0x0637: /* ط */
	case 0x0679: /* ٹ */
	case 0x067C: /* ټ */
	case 0x0643: /* ك */
	case 0x06A9: /* ک */
	case 0x06AF: /* گ */
	case 0x06AB: /* ګ */
	case 0x067E: /* پ */
		return true;
	default:
		return false;
	}
}

/*
 * Turkish and Kurmanji Latin letters: ş and ç are the sh and ch English
 * spellings write (Şahin / Shahin, Çelik), c is j (Cemal / Jamal, Kurmanji
 * Ciwan / Jiwan), and in Kurmanji x is kh (Xelîl / Khalil).  ICU's
 * Latin-ASCII writes s, c, c and x, as records that drop the letters' marks
 * do (Sahin, Celik), so a Turkish or Kurmanji name is read both ways
 * (READ_TURKISH reads them as English spells them).  Turkish is told by
 * ş ğ ı İ (ç alone is also French and Portuguese: François, Gonçalo, whose
 * c is no j), Kurmanji by ê î û with an x in a name with no letter only
 * Vietnamese writes (Lê Xuân is no Kurmanji name).
 */
static bool is_turkish_letter(UChar32 c)
{
	return c == 0x015E || c == 0x015F || c == 0x011E || c == 0x011F || c == 0x0131 ||
	       c == 0x0130;
}

/* â ă đ ơ ư and the letters with two marks (U+1EA0..U+1EF9): Vietnamese */
static bool is_vietnamese_letter(UChar32 c)
{
	UChar32 l = u_tolower(c);

	return l == 0x00E2 || l == 0x0103 || l == 0x0111 || l == 0x01A1 || l == 0x01B0 ||
	       (c >= 0x1EA0 && c <= 0x1EF9);
}

/* What READ_TURKISH writes for c, or rule (the ordinary reading) where it does not differ. */
static const char *turkish_rule(UChar32 c, bool kurmanji, const char *rule)
{
	switch (c) {
	case 0x015E: /* Ş */
	case 0x015F: /* ş */
		return "sh";
	case 0x00C7: /* Ç */
	case 0x00E7: /* ç */
		return "ch";
	case 'C':
	case 'c':
		return "j";
	case 'X':
	case 'x':
		return kurmanji ? "kh" : rule;
	default:
		return rule;
	}
}

static bool is_kurmanji_vowel(UChar32 c)
{
	return c == 0x00CA || c == 0x00EA || c == 0x00CE || c == 0x00EE || c == 0x00DB ||
	       c == 0x00FB;
}

/* Whether s is a Turkish or Kurmanji name (*kurmanji: the latter), as told above. */
static bool turkish_name(const UChar *s, int32_t len, bool *kurmanji)
{
	bool turkish = false, kurmanji_vowel = false, x = false, vietnamese = false;

	for (int32_t i = 0; i < len; i++) {
		turkish |= is_turkish_letter(s[i]);
		kurmanji_vowel |= is_kurmanji_vowel(s[i]);
		x |= s[i] == 'x' || s[i] == 'X';
		vietnamese |= is_vietnamese_letter(s[i]);
	}
	*kurmanji = kurmanji_vowel && x && !vietnamese;
	return turkish || *kurmanji;
}

/* What reading a name needed, as to_words saw it. */
struct seen {
	bool ukrainian;    /* Cyrillic read as Ukrainian */
	bool two_readings; /* a Cyrillic г or и, read otherwise in the other reading */
	bool bengali_ja;   /* a Bengali জ */
	bool h_digraph;    /* an Arabic-script consonant + ه/ح (h_after_consonant) */
	bool turkish;      /* a Turkish or Kurmanji name (is_turkish_letter) */
	bool tamil;        /* a word in Tamil script */
	bool german;       /* a Latin word spelt the German way from Cyrillic */
	bool wade_giles;   /* a Latin word only Wade-Giles writes so */
	bool qubee;        /* a Latin word written in Qubee, Oromo's alphabet */
};

/*
 * The words of a name, transliterated.  reading: READ_AUTO reads Cyrillic
 * as Ukrainian when the name has є ї і ґ, as Russian when not, Bengali
 * জ as j, an Arabic-script consonant + ه/ح as the Latin digraph they make,
 * and Turkish letters as Latin-ASCII writes them; READ_RUSSIAN and
 * READ_UKRAINIAN force one, READ_BENGALI_Z reads জ as z (Bengali has no
 * other letter for the z of Aziz, Zia, Zakir), READ_H_APART reads
 * consonant and h apart (h_after_consonant), READ_TURKISH reads Turkish and
 * Kurmanji letters as English spellings write them, READ_TAMIL_LOAN reads
 * Tamil as an Arabic name written in it is spelt (name_indic.c),
 * READ_GERMAN reads Latin words spelt the German way from Cyrillic as
 * English spells them, READ_PINYIN Latin words spelt in Wade-Giles as
 * pinyin, READ_QUBEE Latin words written in Oromo's Qubee as English
 * spells them (name_script.c).  *seen says what the name held.
 */
enum reading {
	READ_AUTO,
	READ_RUSSIAN,
	READ_UKRAINIAN,
	READ_BENGALI_Z,
	READ_H_APART,
	READ_TURKISH,
	READ_TAMIL_LOAN,
	READ_GERMAN,
	READ_PINYIN,
	READ_QUBEE
};

/*
 * The name in UTF-16 (sc->u16) and NFKC (sc->norm, sc->norm_len units), and
 * the token and output buffers sized for it; to_words frees them.
 */
static IV_MUST_USE enum iv_err normalise(const char *utf8, size_t len, struct scratch *sc,
                                         struct iv_buf *err)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfkc;
	int32_t ulen = 0, nlen;

	u_strFromUTF8(NULL, 0, &ulen, utf8, (int32_t)len, &st);
	st = U_ZERO_ERROR;
	sc->u16 = iv_malloc(((size_t)ulen + 1) * sizeof(UChar));
	if (!sc->u16)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	u_strFromUTF8(sc->u16, ulen + 1, NULL, utf8, (int32_t)len, &st);
	nfkc = unorm2_getNFKCInstance(&st);
	if (U_FAILURE(st))
		goto icu_failed;
	nlen = unorm2_normalize(nfkc, sc->u16, ulen, NULL, 0, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		goto icu_failed;
	st = U_ZERO_ERROR;
	sc->norm = iv_malloc(((size_t)nlen + 1) * sizeof(UChar));
	/* a code point becomes at most 4 ASCII letters (Ge'ez "khwa") */
	sc->tok_cap = nlen * 4 + 8;
	sc->tok = iv_malloc((size_t)sc->tok_cap * sizeof(UChar));
	sc->out_cap = nlen * 8 + 64;
	sc->out = iv_malloc((size_t)sc->out_cap * sizeof(UChar));
	if (!sc->norm || !sc->tok || !sc->out)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	unorm2_normalize(nfkc, sc->u16, ulen, sc->norm, nlen + 1, &st);
	if (U_FAILURE(st))
		goto icu_failed;
	sc->norm_len = nlen;
	return IV_OK;
icu_failed:
	return iv_seterr(err, IV_ERR_INTERNAL, "ICU normalisation failed: %s", u_errorName(st));
}

/* The switches of the reading in sc, and the name's script cues that choose it in *seen. */
static void start_reading(struct scratch *sc, enum reading reading, struct seen *seen)
{
	sc->ukrainian = reading == READ_AUTO ? names_is_ukrainian(sc->norm, sc->norm_len)
	                                     : reading == READ_UKRAINIAN;
	seen->ukrainian = sc->ukrainian;
	sc->h_apart = reading == READ_H_APART;
	sc->tamil_loan = reading == READ_TAMIL_LOAN;
	sc->german_read = reading == READ_GERMAN;
	sc->pinyin_read = reading == READ_PINYIN;
	sc->qubee_read = reading == READ_QUBEE;
	sc->bengali_z = reading == READ_BENGALI_Z;
	sc->turkish_read = reading == READ_TURKISH;
	seen->turkish = turkish_name(sc->norm, sc->norm_len, &sc->kurmanji);
}

/*
 * Whether c starts a new word since Latin and a north Indian script run
 * together: the Indic rules are for the one (Karimকরিম: karim karim, not karimkrim).
 */
static bool script_break(const struct scratch *sc, UChar32 c)
{
	return ((sc->tok_indic || sc->tok_tamil) && c < 0x80) ||
	       (sc->tok_latin && (names_is_north_indic(c) || names_is_tamil(c)));
}

/*
 * Gurmukhi tippi and bindi, which ICU drops: the n they are (ਸਿੰਘ Singh), as ਨ
 * with a virama, so that the word stays Gurmukhi for ICU; m before a labial
 * (ਕੰਬੋਜ Kamboj), nothing before the ਮ it doubles (ਅੰਮ੍ਰਿਤ Amrit).  i: where
 * the code point after it starts in sc->norm.
 */
static void gurmukhi_nasal(struct scratch *sc, int32_t i)
{
	UChar32 next = 0;

	if (i < sc->norm_len)
		U16_GET(sc->norm, 0, i, sc->norm_len, next);
	if (next != 0x0A2E && sc->tok_len > 0) { /* alone, it is no letter */
		tok_add(sc, next >= 0x0A2A && next <= 0x0A2D ? 0x0A2E : 0x0A28);
		tok_add(sc, 0x0A4D);
	}
}

/* A letter into the token as our script rules (name_script.c) write it, or the word's end. */
static IV_MUST_USE enum iv_err add_letter(struct iv_names *n, struct scratch *sc, struct words *ws,
                                          UChar32 c, struct iv_buf *err)
{
	enum iv_err rc = IV_OK;
	const char *rule;
	char buf[8];

	if (h_after_consonant(sc->prev, c)) {
		sc->h_joint = true;
		if (sc->h_apart)
			tok_add(sc, 'a');
	}
	sc->prev = c;
	rule = names_script_rule(c, word_initial(sc), sc->ukrainian, buf);
	if (sc->turkish_read)
		rule = turkish_rule(c, sc->kurmanji, rule);
	if (!rule) {
		tok_add(sc, c);
	} else if (rule[0] == ' ') {
		rc = flush_token(n, sc, ws, err);
	} else {
		for (const char *p = rule; *p; p++)
			tok_add(sc, (UChar32)(unsigned char)*p);
	}
	/* the Bengali visarga ends an abbreviation, written with or without a space
	 * after it (মোঃশফিকুল: Md. Shafiqul) */
	if (c == 0x0983 && !rc)
		rc = flush_token(n, sc, ws, err);
	return rc;
}

/*
 * One code point of the normalised name: a part of the token being built,
 * or the end of it.  i: where the code point after c starts in sc->norm.
 */
static IV_MUST_USE enum iv_err read_char(struct iv_names *n, struct scratch *sc, struct words *ws,
                                         UChar32 c, int32_t i, struct iv_buf *err)
{
	enum iv_err rc;

	if (names_is_mark(c))
		return IV_OK;
	if (!is_letter_part(c))
		return flush_token(n, sc, ws, err);
	if (script_break(sc, c)) {
		rc = flush_token(n, sc, ws, err);
		if (rc)
			return rc;
	}
	if (names_is_abjad(c))
		sc->tok_abjad = true;
	if (c == 0x0A70 || c == 0x0A02) { /* Gurmukhi tippi, bindi */
		gurmukhi_nasal(sc, i);
		return IV_OK;
	}
	if (c == 0x0413 || c == 0x0433 || c == 0x0418 || c == 0x0438) /* Г г И и */
		sc->two_readings = true;
	if (c == 0x099C) { /* জ */
		sc->bengali_ja = true;
		/* read as z: জ় with its nukta, which ICU gives as z */
		if (sc->bengali_z) {
			tok_add(sc, 0x099C);
			tok_add(sc, 0x09BC);
			return IV_OK;
		}
	}
	return add_letter(n, sc, ws, c, err);
}

/* What the words held that calls for a second reading, once all are read. */
static void tell_seen(const struct scratch *sc, struct seen *seen)
{
	seen->two_readings = sc->two_readings;
	seen->bengali_ja = sc->bengali_ja;
	seen->h_digraph = sc->h_joint;
	seen->tamil = sc->tamil;
	seen->german = names_german_read(sc->german);
	seen->wade_giles = sc->wade_giles;
	/* two words ending as Qubee writes, or one and a letter Qubee writes */
	seen->qubee = sc->qubee_endings >= 2 || (sc->qubee_endings == 1 && sc->qubee_letter);
}

static IV_MUST_USE enum iv_err to_words(struct iv_names *n, const char *utf8, size_t len,
                                        enum reading reading, struct words *ws, struct seen *seen,
                                        struct iv_buf *err)
{
	struct scratch sc = {0};
	enum iv_err rc = normalise(utf8, len, &sc, err);

	if (rc)
		goto out;
	start_reading(&sc, reading, seen);
	for (int32_t i = 0; i < sc.norm_len && !rc;) {
		UChar32 c;

		U16_NEXT(sc.norm, i, sc.norm_len, c);
		rc = read_char(n, &sc, ws, c, i, err);
	}
	if (!rc)
		rc = flush_token(n, &sc, ws, err);
	if (rc == IV_ERR_NOMEM && err && err->len == 0)
		iv_buf_setf(err, "out of memory");
	tell_seen(&sc, seen);
out:
	iv_free(sc.out);
	iv_free(sc.tok);
	iv_free(sc.norm);
	iv_free(sc.u16);
	return rc;
}

/* ---- from words to tokens and keys ------------------------------------------- */

/* One token while it is built: offsets into the pool. */
struct draft {
	size_t ascii, core, skel, phon, skel2, spell;
	size_t ascii_len, core_len;
	unsigned flags;
	double weight;
	int variant, head, rest_variant;
	size_t head_len;
	unsigned syllables;
	uint64_t skel_hash, phon_hash, spell_hash;
};

static int lookup(const struct iv_names *n, const char *s, size_t len)
{
	return (int)(uintptr_t)iv_map_getn(&n->variants, s, len);
}

/* Add one string to the pool; *off gets where it starts. */
static IV_MUST_USE enum iv_err pool_add(struct iv_buf *pool, const char *s, size_t len, size_t *off)
{
	*off = pool->len;
	if (iv_buf_add(pool, s, len) || iv_buf_addch(pool, '\0'))
		return IV_ERR_NOMEM;
	return IV_OK;
}

static IV_MUST_USE enum iv_err make_token(const struct iv_names *n, struct iv_buf *pool,
                                          const char *ascii, size_t alen, const char *core,
                                          size_t clen, unsigned flags, struct draft *d)
{
	struct names_codes c;

	memset(d, 0, sizeof(*d));
	d->flags = flags;
	d->weight = (flags & IV_NAME_TOK_PARTICLE)                       ? 0.2
	            : (flags & (IV_NAME_TOK_INITIAL | IV_NAME_TOK_TAIL)) ? 0.5
	                                                                 : 1.0;
	d->variant = lookup(n, core, clen);
	if (!d->variant)
		d->variant = lookup(n, ascii, alen);
	/* made once per spelling here, compared many times (name_compare.c) */
	names_codes_of(core, clen, flags & IV_NAME_TOK_ABJAD, &c);
	d->head = c.head;
	d->head_len = c.head_len;
	if (d->head)
		d->rest_variant = lookup(n, core + d->head_len, clen - d->head_len);
	d->syllables = c.syllables;
	d->skel_hash = c.skel_hash;
	d->phon_hash = c.phon_hash;
	d->spell_hash = c.spell_hash;
	d->ascii_len = alen;
	d->core_len = clen;
	if (pool_add(pool, ascii, alen, &d->ascii) || pool_add(pool, core, clen, &d->core) ||
	    pool_add(pool, c.skel, c.skel_len, &d->skel) ||
	    pool_add(pool, c.phon, c.phon_len, &d->phon) ||
	    pool_add(pool, c.skel2, c.skel2_len, &d->skel2) ||
	    pool_add(pool, c.spell, c.spell_len, &d->spell))
		return IV_ERR_NOMEM;
	return IV_OK;
}

/* snprintf's result as the length actually written into a buffer of size. */
static size_t written(int n, size_t size)
{
	if (n < 0)
		return 0;
	return (size_t)n >= size ? size - 1 : (size_t)n;
}

/*
 * The tail of a compound given name that word i of ws ends in or is
 * (names_compound_tail), or a "din" after the article (Jalal ud Din, Salah
 * al-Din): its length in the word and its one spelling in *tail; 0 when
 * there is none.  A word that is only a tail is one after a name (Najib
 * Ullah), not first (Allah Ditta, Allah Bakhsh: the name itself) nor after
 * a particle, an initial or another tail.  drafts[0..nd) are the tokens made
 * of the words before it.
 */
static size_t tail_of(const struct words *ws, size_t i, const struct draft *drafts, size_t nd,
                      const char **tail)
{
	const char *w = ws->text.buf + ws->w[i].off;
	size_t len = ws->w[i].len > IV_NAMES_MAX_BYTES ? IV_NAMES_MAX_BYTES : ws->w[i].len;
	size_t tl = names_compound_tail(w, len, ws->w[i].flags & IV_NAME_TOK_ABJAD, tail);
	unsigned not_a_name = IV_NAME_TOK_PARTICLE | IV_NAME_TOK_INITIAL | IV_NAME_TOK_TAIL;

	if (tl && tl < len)
		return tl;
	if (tl)
		return nd > 0 && !(drafts[nd - 1].flags & not_a_name) ? tl : 0;
	if (nd >= 2 && (drafts[nd - 1].flags & IV_NAME_TOK_PARTICLE) &&
	    !(drafts[nd - 2].flags & not_a_name) && names_is_din(w, len) &&
	    names_is_din_article(ws->text.buf + ws->w[i - 1].off, ws->w[i - 1].len)) {
		*tail = "uddin";
		return len;
	}
	return 0;
}

/* A word's first IV_NAMES_MAX_BYTES bytes: transliteration can make a word
 * longer than the input cap (a Hangul syllable or a squared katakana sign
 * becomes several letters), and keys use that much of it. */
static size_t word_len(const struct words *ws, size_t i)
{
	return ws->w[i].len > IV_NAMES_MAX_BYTES ? IV_NAMES_MAX_BYTES : ws->w[i].len;
}

/*
 * The compound that starts at word i, an abd- head (Abdul Rahman, عبد
 * الرحمن, Abd al-Aziz), as one token: written joined, its core "abd" and
 * what follows the second part's article.  *last is the compound's last
 * word (a particle between the two parts is taken in).
 */
static IV_MUST_USE enum iv_err abd_compound(const struct iv_names *n, const struct words *ws,
                                            size_t i, struct iv_buf *pool, struct draft *draft,
                                            size_t *last)
{
	char joined[2 * IV_NAMES_MAX_BYTES + 8], core[IV_NAMES_MAX_BYTES + 8];
	const char *w = ws->text.buf + ws->w[i].off, *next = ws->text.buf + ws->w[i + 1].off;
	unsigned flags = ws->w[i].flags & ~NAMES_WORD_ARTICLE;
	size_t len = word_len(ws, i), j = i + 1, jl, alen, clen, p;
	const char *nw;

	if (names_is_particle(next, ws->w[j].len,
	                      j + 1 < ws->n ? ws->text.buf + ws->w[j + 1].off : NULL) &&
	    j + 1 < ws->n)
		j++;
	nw = ws->text.buf + ws->w[j].off;
	jl = word_len(ws, j);
	p = (ws->w[j].flags & IV_NAME_TOK_ABJAD)
	            ? ((ws->w[j].flags & NAMES_WORD_ARTICLE) && jl >= 4 ? 2 : 0)
	            : names_article_prefix(nw, jl, 2);
	alen = written(snprintf(joined, sizeof(joined), "%.*s%.*s", (int)len, w, (int)jl, nw),
	               sizeof(joined));
	clen = written(snprintf(core, sizeof(core), "abd%.*s", (int)(jl - p), nw + p),
	               sizeof(core));
	for (size_t k = i; k <= j; k++)
		flags |= ws->w[k].flags & ~NAMES_WORD_ARTICLE;
	*last = j;
	return make_token(n, pool, joined, alen, core, clen, flags, draft);
}

/*
 * A word's core, into core (NUL-terminated), its length returned: an
 * abd- compound written as one word in the core form every abd- compound
 * takes, and a name the variant table does not know without its article
 * (particles and initials are their own core).
 */
static size_t word_core(const struct iv_names *n, const char *w, size_t len, unsigned flags,
                        bool article, char *core, size_t size)
{
	bool abjad = flags & IV_NAME_TOK_ABJAD;
	size_t min_rest = abjad ? 2 : 3, clen = len, p;

	memcpy(core, w, len);
	if (!(flags & (IV_NAME_TOK_PARTICLE | IV_NAME_TOK_INITIAL))) {
		p = names_abd_prefix(w, len, min_rest);
		if (p > 3) {
			clen = written(snprintf(core, size, "abd%.*s", (int)(len - p), w + p),
			               size);
		} else if (!lookup(n, w, len)) {
			p = abjad ? (article && len >= 2 + min_rest ? 2 : 0)
			          : names_article_prefix(w, len, min_rest);
			clen = len - p;
			memcpy(core, w + p, clen);
		}
	}
	core[clen] = '\0';
	return clen;
}

/*
 * Word i's compound tail (-ullah, -uddin) as a word of its own, when it has
 * one and the words after it still fit in IV_NAMES_MAX_TOKENS: its head (if
 * any) and the tail into drafts[*nd...]; *done says whether it had one.
 */
static IV_MUST_USE enum iv_err tail_tokens(const struct iv_names *n, const struct words *ws,
                                           size_t i, unsigned flags, struct iv_buf *pool,
                                           struct draft *drafts, size_t *nd, bool *done)
{
	const char *w = ws->text.buf + ws->w[i].off, *tail = NULL;
	size_t len = word_len(ws, i), min_rest = (flags & IV_NAME_TOK_ABJAD) ? 2 : 3, tl;
	enum iv_err rc;

	*done = false;
	if ((flags & (IV_NAME_TOK_PARTICLE | IV_NAME_TOK_INITIAL)) ||
	    names_abd_prefix(w, len, min_rest) != 0 ||
	    (tl = tail_of(ws, i, drafts, *nd, &tail)) == 0 ||
	    !(tl == len || *nd + 2 + (ws->n - i - 1) <= IV_NAMES_MAX_TOKENS))
		return IV_OK;
	*done = true;
	if (tl < len) {
		rc = make_token(n, pool, w, len - tl, w, len - tl, flags, &drafts[(*nd)++]);
		if (rc)
			return rc;
	}
	return make_token(n, pool, tail, strlen(tail), tail, strlen(tail), flags | IV_NAME_TOK_TAIL,
	                  &drafts[(*nd)++]);
}

static IV_MUST_USE enum iv_err make_tokens(const struct iv_names *n, const struct words *ws,
                                           struct iv_buf *pool, struct draft *drafts,
                                           size_t *ndrafts)
{
	char core[IV_NAMES_MAX_BYTES + 8];
	size_t nd = 0;
	enum iv_err rc;

	for (size_t i = 0; i < ws->n; i++) {
		const char *w = ws->text.buf + ws->w[i].off;
		size_t len = word_len(ws, i), clen;
		const char *next = i + 1 < ws->n ? ws->text.buf + ws->w[i + 1].off : NULL;
		unsigned flags = ws->w[i].flags & ~NAMES_WORD_ARTICLE;
		bool done;

		if (names_is_abd_head(w, len) && next) {
			rc = abd_compound(n, ws, i, pool, &drafts[nd++], &i);
			if (rc)
				return rc;
			continue;
		}
		if (names_is_particle(w, len, next) ||
		    (i == 0 && next && names_is_leading_title(w, len)))
			flags |= IV_NAME_TOK_PARTICLE;
		else if (len == 1 && w[0] >= 'a' && w[0] <= 'z')
			flags |= IV_NAME_TOK_INITIAL;
		rc = tail_tokens(n, ws, i, flags, pool, drafts, &nd, &done);
		if (rc)
			return rc;
		if (done)
			continue;
		clen = word_core(n, w, len, flags, ws->w[i].flags & NAMES_WORD_ARTICLE, core,
		                 sizeof(core));
		rc = make_token(n, pool, w, len, core, clen, flags, &drafts[nd++]);
		if (rc)
			return rc;
	}
	*ndrafts = nd;
	return IV_OK;
}

/* The whole-name keys: joined per-token fields, particles left out unless all are. */
static IV_MUST_USE enum iv_err join_keys(struct iv_buf *pool, const struct draft *d, size_t nd,
                                         size_t offs[4])
{
	bool all_particles = true;
	size_t order[IV_NAMES_MAX_TOKENS], no = 0;

	for (size_t i = 0; i < nd; i++)
		if (!(d[i].flags & IV_NAME_TOK_PARTICLE))
			all_particles = false;
	for (int key = 0; key < 4; key++) {
		bool first = true;

		offs[key] = pool->len;
		for (size_t i = 0; i < nd; i++) {
			size_t off;

			if (key > 0 && !all_particles && (d[i].flags & IV_NAME_TOK_PARTICLE))
				continue;
			off = key == 0 ? d[i].ascii : key == 1 ? d[i].skel : d[i].phon;
			if (key == 3) {
				order[no++] = d[i].core;
				continue;
			}
			if ((!first && iv_buf_addch(pool, ' ')) ||
			    iv_buf_adds(pool, pool->buf + off))
				return IV_ERR_NOMEM;
			first = false;
		}
		if (key == 3) {
			/* insertion sort: at most IV_NAMES_MAX_TOKENS offsets into the pool */
			for (size_t i = 1; i < no; i++)
				for (size_t j = i; j > 0 && strcmp(pool->buf + order[j - 1],
				                                   pool->buf + order[j]) > 0;
				     j--) {
					size_t t = order[j];

					order[j] = order[j - 1];
					order[j - 1] = t;
				}
			for (size_t i = 0; i < no; i++) {
				/* pool->buf may move while we add: copy through the offset */
				size_t start = order[i], slen = strlen(pool->buf + start);

				if ((i > 0 && iv_buf_addch(pool, ' ')) ||
				    iv_buf_grow(pool, slen + 1))
					return IV_ERR_NOMEM;
				if (iv_buf_add(pool, pool->buf + start, slen))
					return IV_ERR_NOMEM;
			}
		}
		if (iv_buf_addch(pool, '\0'))
			return IV_ERR_NOMEM;
	}
	return IV_OK;
}

void iv_name_keys_release(struct iv_name_keys *keys)
{
	if (!keys)
		return;
	if (keys->other) {
		iv_name_keys_release(keys->other);
		iv_free(keys->other);
	}
	iv_free(keys->tokens);
	iv_free(keys->pool_);
	memset(keys, 0, sizeof(*keys));
}

/*
 * A name read two ways: the reading's name when read first (READ_AUTO) and
 * the other way, and how the other way reads.  A Cyrillic name is read first
 * as Russian or Ukrainian, whichever its letters say (names_is_ukrainian).
 */
struct two_readings {
	const char *first, *second;
	enum reading other;
};

static const struct two_readings russian = {"Russian", "Ukrainian", READ_UKRAINIAN},
                                 ukrainian = {"Ukrainian", "Russian", READ_RUSSIAN},
                                 bengali = {"Bengali জ as j", "Bengali জ as z", READ_BENGALI_Z},
                                 h_digraph = {"consonant and h as one (Azhar)", "h apart (Suhail)",
                                              READ_H_APART},
                                 turkish = {"ş ç as s c (Sahin)", "ş ç as sh ch (Shahin)",
                                            READ_TURKISH},
                                 tamil = {"Tamil as its names are spelt (Murugan)",
                                          "Tamil as an Arabic name (Muhammad)", READ_TAMIL_LOAN},
                                 german = {"as written (Schtscherbakow)",
                                           "German spelling read as English (Shcherbakov)",
                                           READ_GERMAN},
                                 wade_giles = {"as written (Hsu Chih-ming)",
                                               "Wade-Giles read as pinyin (Xu Zhiming)",
                                               READ_PINYIN},
                                 qubee = {"as written (Caalaa Gammachuu)",
                                          "Qubee read as English (Chala Gemechu)", READ_QUBEE};

/* Which two readings what the name held calls for (the first that applies), or NULL. */
static const struct two_readings *readings_of(const struct seen *seen)
{
	return seen->two_readings ? (seen->ukrainian ? &ukrainian : &russian)
	       : seen->bengali_ja ? &bengali
	       : seen->h_digraph  ? &h_digraph
	       : seen->turkish    ? &turkish
	       : seen->tamil      ? &tamil
	       : seen->german     ? &german
	       : seen->wade_giles ? &wade_giles
	       : seen->qubee      ? &qubee
	                          : NULL;
}

/* The keys of one reading of a name (checked for size and UTF-8 already); *two: the
 * name's two readings, NULL when it has one. */
static IV_MUST_USE enum iv_err keys_of(struct iv_names *n, const char *utf8, size_t len,
                                       enum reading reading, struct iv_name_keys *keys,
                                       const struct two_readings **two, struct iv_buf *err)
{
	struct words ws = {.text = IV_BUF_INIT, .cur = SIZE_MAX};
	struct iv_buf pool = IV_BUF_INIT;
	struct draft drafts[IV_NAMES_MAX_TOKENS];
	size_t nd = 0, offs[4];
	struct seen seen = {0};
	enum iv_err rc;
	char *base;

	rc = to_words(n, utf8, len, reading, &ws, &seen, err);
	if (rc)
		goto out;
	if (ws.n == 0) {
		rc = iv_seterr(err, IV_ERR_INVALID, "name has no letters or digits");
		goto out;
	}
	rc = make_tokens(n, &ws, &pool, drafts, &nd);
	if (!rc)
		rc = join_keys(&pool, drafts, nd, offs);
	if (rc) {
		rc = iv_seterr(err, rc, "out of memory");
		goto out;
	}
	keys->tokens = iv_calloc(nd * sizeof(*keys->tokens));
	base = keys->tokens ? iv_buf_detach(&pool, NULL) : NULL;
	if (!base) {
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
		goto out;
	}
	keys->pool_ = base;
	keys->ntokens = nd;
	keys->ascii = base + offs[0];
	keys->skeleton = base + offs[1];
	keys->phonetic = base + offs[2];
	keys->sorted = base + offs[3];
	keys->sorted_hash = iv_hash64(keys->sorted, strlen(keys->sorted));
	for (size_t i = 0; i < nd; i++) {
		struct iv_name_token *t = &keys->tokens[i];

		t->ascii = base + drafts[i].ascii;
		t->core = base + drafts[i].core;
		t->skeleton = base + drafts[i].skel;
		t->phonetic = base + drafts[i].phon;
		t->skeleton2 = base + drafts[i].skel2;
		t->spelling = base + drafts[i].spell;
		t->skeleton_hash = drafts[i].skel_hash;
		t->phonetic_hash = drafts[i].phon_hash;
		t->spelling_hash = drafts[i].spell_hash;
		t->weight = drafts[i].weight;
		t->flags = drafts[i].flags;
		t->variant = drafts[i].variant;
		t->head = drafts[i].head;
		t->head_len = drafts[i].head_len;
		t->rest_variant = drafts[i].rest_variant;
		t->syllables = drafts[i].syllables;
		t->ascii_len = drafts[i].ascii_len;
		t->core_len = drafts[i].core_len;
	}
	*two = readings_of(&seen);
	if (*two) /* the reading's name (a Cyrillic one's: as its letters were read) */
		keys->reading = reading == (*two)->other ? (*two)->second : (*two)->first;
out:
	iv_buf_release(&pool);
	iv_buf_release(&ws.text);
	return rc;
}

enum iv_err iv_names_keys(struct iv_names *n, const char *utf8, struct iv_name_keys *keys,
                          struct iv_buf *err)
{
	const struct two_readings *two = NULL;
	size_t len, bad = 0;
	enum iv_err rc;

	memset(keys, 0, sizeof(*keys));
	len = strlen(utf8);
	if (len > IV_NAMES_MAX_BYTES)
		return iv_seterr(err, IV_ERR_TOOBIG, "name is %zu bytes long; the limit is %d", len,
		                 IV_NAMES_MAX_BYTES);
	if (!iv_utf8_valid(utf8, len, &bad))
		return iv_seterr(err, IV_ERR_INVALID, "name is not valid UTF-8 (byte %zu)", bad);
	rc = keys_of(n, utf8, len, READ_AUTO, keys, &two, err);
	if (!rc && two) {
		keys->other = iv_calloc(sizeof(*keys->other));
		rc = keys->other ? keys_of(n, utf8, len, two->other, keys->other, &two, err)
		                 : iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	}
	if (rc)
		iv_name_keys_release(keys);
	return rc;
}
