/*
 * name_indic.c - names in the north Indian scripts (Devanagari, Bengali,
 * Gurmukhi, Gujarati) and in Tamil as their Latin spellings write them
 * (Tamil at the end of the file).
 *
 * ICU's Any-Latin gives these scripts in ISO 15919, which writes every
 * consonant's inherent vowel: করিম comes out "karima", রহমান "rahamāna",
 * ਗੁਰਪ੍ਰੀਤ "guraprīta", against Karim, Rahman and Gurpreet in UK and
 * partner records (and "Abdul Karim" would not even meet "abdula
 * karima" as one abd- compound).  Hindi, Bengali, Punjabi and Gujarati drop
 * that vowel at the end of a word and between a syllable and a
 * consonant followed by a vowel (schwa deletion), so names are spelt
 * without it.  The rewrite runs on the ISO 15919 text, where an inherent
 * vowel is always a short "a" (the vowel sign আ/ा is "ā"):
 *
 *  - right to left, an "a" after a consonant is dropped at the end of a
 *    word of more than two letters, unless a cluster ends there whose
 *    first consonant is not a nasal or r (Krishna, Chandra, Mishra,
 *    Aditya keep it; Singh, Anand, Siddharth do not), and inside one when
 *    a vowel comes before its consonant and a consonant then a vowel, or a
 *    consonant and r, y or v then a vowel, after it (rahamāna -> rahmān,
 *    isalāma -> islām, haraprīta -> harprīt, sukhavindara -> sukhvindar;
 *    mohammada keeps its middle a: mohammad); an aspirate (kh, gh, ch, jh,
 *    th, dh, ph, bh and the retroflex ṭh, ḍh) is one consonant;
 *  - ś and ṣ are "sh" (Sharma, Shafiqul: ASCII would make them "s"), c is
 *    "ch" (চৌধুরী Chowdhury; ISO 15919's "ch", the aspirate, stays "ch"),
 *    r̥ (ऋ) is "ri" (Krishna), jñ (ज्ञ) is "gy" as names say it (Gyan,
 *    Vigyan), the anusvara ṁ is n (m before p, b, m; ng before h);
 *  - v (व ਵ) after a consonant is "w" (Jaswinder, Dwivedi, Vishwanath);
 *    elsewhere it stays v (Vikram; Tiwari is spelt both ways);
 *  - in Bengali, ph (ফ) is "f" (Rafiq, Yusuf, Fatema), b (ব) after শ স দ
 *    জ ত is "w" (বিশ্বাস Biswas, স্বপন Swapan), and a word-initial ই
 *    gliding into a vowel is "y" (ইয়াসমিন Yasmin, ইউনুস Yunus);
 *  - the apostrophe ICU puts between two letters it could misread (m'm)
 *    goes;
 *  - a Bengali word ending in the visarga ঃ is an abbreviation: মোঃ is
 *    "md" (Mohammad), ডাঃ "dr" (a title), any other its first letter,
 *    compared as an initial.
 *
 * Tamil, Telugu, Kannada, Malayalam and Odia keep their final vowels in
 * speech and spelling, so none of the above applies to them; Tamil's stops
 * have their own rewrite (names_tamil_latin, below), the others are left to
 * ICU.
 */
#include <string.h>

#include <unicode/uchar.h>

#include "resolve/names_int.h"

bool names_is_north_indic(UChar32 c)
{
	return c >= 0x0900 && c <= 0x0AFF; /* Devanagari, Bengali, Gurmukhi, Gujarati */
}

static bool is_vowel(UChar c)
{
	switch (c) {
	case 'a':
	case 'e':
	case 'i':
	case 'o':
	case 'u':
	case 0x0101: /* ā */
	case 0x0113: /* ē */
	case 0x012B: /* ī */
	case 0x014D: /* ō */
	case 0x016B: /* ū */
	case 0x00EA: /* ê */
	case 0x00F4: /* ô */
	case 0x0103: /* ă */
	case 0x00E6: /* æ */
		return true;
	default:
		return false;
	}
}

/* A letter (not a vowel, a mark or punctuation). */
static bool is_consonant(UChar c)
{
	return !is_vowel(c) && u_isalpha(c);
}

/* Stops that take an "h" as their aspirate: k g c j t d p b and ṭ ḍ. */
static bool aspirates(UChar c)
{
	return c == 'k' || c == 'g' || c == 'c' || c == 'j' || c == 't' || c == 'd' || c == 'p' ||
	       c == 'b' || c == 0x1E6D /* ṭ */ || c == 0x1E0D /* ḍ */;
}

/* The start of the consonant (one letter, or a stop and its "h") that ends at w[end - 1]. */
static int32_t consonant_start(const UChar *w, int32_t end)
{
	if (end >= 2 && w[end - 1] == 'h' && aspirates(w[end - 2]))
		return end - 2;
	return end - 1;
}

/* The length of the consonant starting at w[i] (0 when none). */
static int32_t consonant_len(const UChar *w, int32_t len, int32_t i)
{
	if (i >= len || !is_consonant(w[i]))
		return 0;
	return i + 1 < len && w[i + 1] == 'h' && aspirates(w[i]) ? 2 : 1;
}

/* Nasals (and r), which make no cluster that keeps a final vowel. */
static bool soft(UChar c)
{
	return c == 'n' || c == 'm' || c == 'r' || c == 0x1E41 /* ṁ */ || c == 0x1E45 /* ṅ */ ||
	       c == 0x00F1 /* ñ */ || c == 0x1E47 /* ṇ */;
}

static bool glide(UChar c)
{
	return c == 'r' || c == 'y' || c == 'v';
}

/* Whether the inherent vowel w[i] ("a" after a consonant) is dropped (module comment). */
static bool drops(const UChar *w, int32_t len, int32_t i)
{
	int32_t start, c1;

	if (i == 0 || !is_consonant(w[i - 1]))
		return false;
	if (i + 1 < len && is_vowel(w[i + 1]))
		return false; /* "ai", "au": one vowel */
	start = consonant_start(w, i);
	if (i == len - 1) {
		/* after a cluster (Krishna, Chandra) it is said and written */
		if (start > 0 && is_consonant(w[start - 1]) &&
		    !soft(w[consonant_start(w, start) < start ? consonant_start(w, start)
		                                              : start - 1]))
			return false;
		return len > 2;
	}
	if (start == 0 || !is_vowel(w[start - 1]))
		return false;
	c1 = consonant_len(w, len, i + 1);
	if (!c1)
		return false;
	if (i + 1 + c1 < len && is_vowel(w[i + 1 + c1]))
		return true;
	/* a consonant and r, y or v: one onset (Gurpreet, Harpreet) */
	return i + 1 + c1 + 1 < len && glide(w[i + 1 + c1]) && is_vowel(w[i + 1 + c1 + 1]);
}

/* The Latin of an abbreviation ending in the visarga (ḥ in w): md, dr, else its first letter. */
static int32_t abbreviated(const UChar *w, int32_t n, UChar *out)
{
	if (n >= 2 && w[0] == 'm' && (w[1] == 'o' || w[1] == 0x014D)) { /* মোঃ */
		out[0] = 'm';
		out[1] = 'd';
		return 2;
	}
	if (n >= 2 && w[0] == 0x1E0D && (w[1] == 0x0101 || w[1] == 'a')) { /* ডাঃ */
		out[0] = 'd';
		out[1] = 'r';
		return 2;
	}
	if (n >= 2 && U16_IS_LEAD(w[0]) && U16_IS_TRAIL(w[1])) {
		out[0] = w[0];
		out[1] = w[1];
		return 2;
	}
	out[0] = w[0];
	return 1;
}

int32_t names_indic_latin(const UChar *in, int32_t len, bool bengali, bool abbreviation, UChar *out)
{
	UChar w[IV_NAMES_MAX_BYTES + 8] = {0};
	int32_t n = 0, o = 0;

	/* the word's letters, without ICU's separating apostrophes */
	for (int32_t i = 0; i < len && n < (int32_t)(sizeof(w) / sizeof(w[0])); i++)
		if (in[i] != '\'' && in[i] != 0x2019)
			w[n++] = in[i];
	if (abbreviation && n > 0)
		return abbreviated(w, n, out);
	if (bengali && n > 1 && w[0] == 'i') {
		/* ই gliding into a vowel: y (ইয়াসমিন iẏāsamina, ইউনুস iunusa) */
		if (w[1] == 0x1E8F) { /* ẏ */
			memmove(w, w + 1, (size_t)(n - 1) * sizeof(UChar));
			n--;
		} else if (is_vowel(w[1])) {
			w[0] = 'y';
		}
	}
	for (int32_t i = n - 1; i > 0; i--)
		if (w[i] == 'a' && drops(w, n, i)) {
			memmove(w + i, w + i + 1, (size_t)(n - i - 1) * sizeof(UChar));
			n--;
		}
	for (int32_t i = 0; i < n; i++) {
		UChar c = w[i];

		if (c == 0x015B || c == 0x1E63) { /* ś ṣ */
			out[o++] = 's';
			out[o++] = 'h';
		} else if (c == 0x015A || c == 0x1E62) { /* Ś Ṣ */
			out[o++] = 'S';
			out[o++] = 'h';
		} else if ((c == 'c' || c == 'C') && !(i + 1 < n && w[i + 1] == 'h')) {
			out[o++] = c;
			out[o++] = 'h';
		} else if (c == 'v' && i > 0 && is_consonant(w[i - 1])) {
			out[o++] = 'w'; /* after a consonant: Jaswinder, Dwivedi, Vishwanath */
		} else if (bengali && c == 'b' && i > 0 && !(i + 1 < n && w[i + 1] == 'h') &&
		           (w[i - 1] == 0x015B || w[i - 1] == 's' || w[i - 1] == 'd' ||
		            w[i - 1] == 'j' || w[i - 1] == 't')) {
			out[o++] = 'w'; /* ব after শ স দ জ ত: Biswas, Swapan */
		} else if (bengali && (c == 'p' || c == 'P') && i + 1 < n && w[i + 1] == 'h') {
			out[o++] = c == 'p' ? 'f' : 'F'; /* ফ */
			i++;
		} else if (c == 'j' && i + 1 < n && w[i + 1] == 0x00F1) { /* jñ: ज्ञ, জ্ঞ */
			out[o++] = 'g';
			out[o++] = 'y';
			i++;
		} else if (c == 'r' && i + 1 < n && w[i + 1] == 0x0325) { /* r̥ */
			out[o++] = 'r';
			out[o++] = 'i';
			i++;
		} else if (c == 0x1E41) { /* ṁ anusvara: n; m before a labial; ng before h */
			UChar next = i + 1 < n ? w[i + 1] : 0;

			if (next == 'p' || next == 'b' || next == 'm') {
				out[o++] = 'm';
			} else {
				out[o++] = 'n';
				if (next == 'h')
					out[o++] = 'g';
			}
		} else {
			out[o++] = c;
		}
	}
	return o;
}

/*
 * Tamil, as its names are spelt in English (Selvam, Sivakumar, Ganesan,
 * Muthu, Kandasamy, Vadivel, Manjula, Pichai, Nathan).  Tamil words end on
 * a written consonant (the pulli), so no vowel is dropped; the rewrite is
 * of the stops, which Tamil says one way at the start of a word, another
 * between vowels or after a nasal:
 *  - c is s at the start and between vowels, ch when doubled, j after ñ;
 *  - the dental t is th (Tamil, Thiru, Nathan; tt too: Muthu), d after n;
 *  - the retroflex ṭ is d between vowels and after ṇ (Vadivel);
 *  - the Grantha ṣ and ś are sh (Suresh).
 * k and p are left: Murukan meets Murugan, but the same rule would make
 * Sivakumar "sivagumar".  The aytham before p (ஃப) writes f in both
 * readings (ஃபாரூக் Farook).
 *
 * Tamil has one letter for k, g and h (and ḥ, kh, q), one for p, b and f,
 * one for t and d, and ends a word on a consonant with u; so Muslim names
 * of Arabic origin, common in Sri Lanka and Tamil Nadu, come out of the
 * reading above as "mukammathu" (முகம்மது Muhammad), "apthul" (Abdul),
 * "iprakim" (Ibrahim).  The loan reading (a name's other reading,
 * names.c) spells them as English records write the Arabic name:
 *  - k between vowels is h (the sound Tamil says there: Muhammad, Ibrahim,
 *    Rahuman), kk is k;
 *  - t is d (Abdul, Ahmad, Hamid, Kadar, Rashid), tt is t (Fatima), and a
 *    final tu is d: the u only carries the stop (Muhammadu);
 *  - p is f at the start of a word before ā or ai (Fatima, Faisal, Farook;
 *    Padma, a Tamil name, keeps its p) and b elsewhere (Abdul, Ibrahim,
 *    Mubarak, Zainab, Najib), pp is p: f inside a word (Yusuf, Hanifa) is
 *    missed, one reading cannot hold both;
 *  - c is s and ṣ sh, as in the ordinary reading.
 */
bool names_is_tamil(UChar32 c)
{
	return c >= 0x0B80 && c <= 0x0BFF;
}

/* The loan reading's stops (names_tamil_latin): *step letters of in at i, 0 when none. */
static UChar loan_stop(const UChar *in, int32_t len, int32_t i, int32_t *step)
{
	UChar c = in[i], prev = i > 0 ? in[i - 1] : 0, next = i + 1 < len ? in[i + 1] : 0;

	*step = next == c ? 2 : 1; /* a doubled stop is the stop itself */
	switch (c) {
	case 'k':
		return *step == 1 && i > 0 && is_vowel(prev) && is_vowel(next) ? 'h' : 'k';
	case 't':
		if (*step == 1 && next == 'u' && i + 2 == len)
			*step = 2; /* a final tu: d */
		return *step == 2 && next == 't' ? 't' : 'd';
	case 'p': /* first: f before ā or ai (பாத்திமா Fatima, பைசல் Faisal), else p (பத்மா Padma) */
		if (*step == 2)
			return 'p';
		if (i == 0)
			return next == 0x0101 || (next == 'a' && i + 2 < len && in[i + 2] == 'i')
			               ? 'f'
			               : 'p';
		return 'b';
	default:
		*step = 0;
		return 0;
	}
}

int32_t names_tamil_latin(const UChar *in, int32_t len, bool loan, UChar *out)
{
	int32_t o = 0;

	for (int32_t i = 0; i < len; i++) {
		UChar c = in[i], prev = i > 0 ? in[i - 1] : 0, next = i + 1 < len ? in[i + 1] : 0;
		bool between = i > 0 && is_vowel(prev) && is_vowel(next);
		int32_t step;
		UChar stop = loan ? loan_stop(in, len, i, &step) : 0;

		if (c == 0x1E25 && next == 'p') { /* the aytham before p: f */
			out[o++] = 'f';
			i++;
		} else if (stop) {
			out[o++] = stop;
			i += step - 1;
		} else if (c == 'c' && next == 'c') { /* cc: ch */
			out[o++] = 'c';
			out[o++] = 'h';
			i++;
		} else if (c == 'c') {
			out[o++] = prev == 0x00F1 ? 'j' : i == 0 || between ? 's' : 'c';
		} else if (c == 't' && next == 't') { /* tt: th */
			out[o++] = 't';
			out[o++] = 'h';
			i++;
		} else if (c == 't') {
			if (prev == 'n') {
				out[o++] = 'd';
			} else {
				out[o++] = 't';
				out[o++] = 'h';
			}
		} else if (c == 0x1E6D && (between || prev == 0x1E47)) { /* ṭ after a vowel, ṇ */
			out[o++] = 'd';
		} else if (c == 0x00F1 && next == 'c') { /* ñ before c: n (then j) */
			out[o++] = 'n';
		} else if (c == 0x1E63 || c == 0x015B) { /* the Grantha ஷ ஶ: sh (Suresh) */
			out[o++] = 's';
			out[o++] = 'h';
		} else {
			out[o++] = c;
		}
	}
	return o;
}
