/*
 * name_script.c - our transliteration rules for the letters that ICU's
 * "Any-Latin; Latin-ASCII" leaves untouched or renders unlike the Latin
 * spellings found in UK and partner records.  They run before ICU; ICU
 * handles everything these tables leave alone.
 *
 *  - Kurdish Sorani: ڕ ڵ ۆ ێ ە are left as they are by ICU; ڤ گ چ پ ژ are
 *    mapped here too so that one table says what Kurdish becomes.
 *  - Persian and Pashto: ی ک, and the Pashto letters ځ څ ډ ړ ږ ښ ګ ڼ ټ ې ۍ
 *    (ICU keeps most of them, and makes ښ "sˌ").
 *  - Urdu and Sindhi: ICU leaves ٹ ڈ ڑ ں and the Sindhi letters as they
 *    are, and a letter it leaves is lost (ڈار "Dar" came out empty);
 *    the retroflexes are their plain letters (Bhutto, Warraich, Khattak),
 *    noon ghunna ں is the n of Humayun and خاں Khan, Sindhi's implosives
 *    and aspirates are written as their Latin spellings write them.
 *  - Arabic: dad ض is "dh" (as ذ is in ICU), so that the comparator can
 *    read both as d (Arabic) or z (Persian: Ramadhan, Ramazan); ta
 *    marbuta ة is the "-a" of Fatima, not ICU's "t"; alif with
 *    hamza or madda is a plain vowel; hamza alone and ʿayn inside a word
 *    are dropped, ʿayn starting a word is "a" (Ali, Abd, Omar are written
 *    with it); the hamza seat ئ starting a word is silent (Sorani writes
 *    every initial vowel on it), elsewhere "y"; alif maqsura ى is "a".
 *  - Ge'ez (Tigrinya, Amharic): ICU's rendering writes the sixth order as
 *    "ǝ" and the first as "a", and reads ፀ as "d"; ours follows the Latin
 *    spellings Eritreans use (Tesfay, Gebre, Tsegay, Berhane): first order
 *    "e", sixth order no vowel, seventh "wa", labialised rows "w" + vowel.
 *  - Cyrillic (Russian, Ukrainian, Belarusian, Serbian, Macedonian,
 *    Bulgarian): ICU follows ISO 9, whose háčeks Latin-ASCII then drops
 *    (Юрий Жуков -> "Urij Zukov", Шевченко -> "Sevcenko"); ours follows the
 *    English-language spellings of the BGN/PCGN kind that UK records and
 *    the press use (Yuriy Zhukov, Shevchenko, Khabarov, Tsoy), with й and
 *    ы as "y", ь and ъ silent, and the Ukrainian є ї і ґ, Belarusian ў
 *    and Serbian and Macedonian ђ ј љ њ ћ џ ѓ ќ ѕ as their own Latin
 *    spellings write them.  A name with є ї і or ґ is Ukrainian, and its г
 *    and и are h and y (Ігор Григоренко: Ihor Hryhorenko); without them
 *    it is read as Russian.  Passports' ICAO spellings (Iurii) meet these
 *    through the spelling key (y read as i).
 *  - Vietnamese and Albanian need nothing here: ICU's Latin-ASCII gives
 *    đ -> d, ë -> e, ç -> c (tests check it).
 *  - Latin names that German records spelt from Cyrillic (Duden: Jewgeni
 *    Schtscherbakow, Wjatscheslaw Morosow, Selimchan Chadschijew, Lewan
 *    Dschaparidse) are also read as English spellings write them
 *    (names_german_english, below; a name's other reading in names.c),
 *    and Chinese names spelt in Wade-Giles (Hsu Chih-ming) as pinyin, the
 *    form ICU gives Hanzi (names_wade_giles_pinyin).
 *  - Oromo names written in Qubee (Caalaa Gammachuu) are also read as the
 *    English spellings of Ethiopian records write them (Chala Gemechu;
 *    names_qubee_english).
 */
#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>

#include "resolve/names_int.h"

struct rule {
	UChar32 c;
	const char *latin;
};

/* Sorted by code point (binary search). */
static const struct rule arabic[] = {
        {0x0621, ""},    /* ء hamza */
        {0x0622, "a"},   /* آ alif madda */
        {0x0623, "a"},   /* أ */
        {0x0624, "w"},   /* ؤ */
        {0x0625, "i"},   /* إ */
        {0x0629, "a"},   /* ة ta marbuta */
        {0x0636, "dh"},  /* ض dad: ICU's "d" hides the Persian z (Ramazan) */
        {0x0640, ""},    /* ـ tatweel */
        {0x0643, "k"},   /* ك */
        {0x0649, "a"},   /* ى alif maqsura */
        {0x064A, "y"},   /* ي */
        {0x0671, "a"},   /* ٱ alif wasla */
        {0x0679, "t"},   /* ٹ Urdu */
        {0x067A, "th"},  /* ٺ Sindhi */
        {0x067B, "b"},   /* ٻ Sindhi */
        {0x067C, "t"},   /* ټ Pashto */
        {0x067D, "t"},   /* ٽ Sindhi */
        {0x067E, "p"},   /* پ */
        {0x067F, "th"},  /* ٿ Sindhi */
        {0x0680, "bh"},  /* ڀ Sindhi */
        {0x0681, "dz"},  /* ځ Pashto */
        {0x0683, "ny"},  /* ڃ Sindhi */
        {0x0684, "j"},   /* ڄ Sindhi */
        {0x0685, "ts"},  /* څ Pashto */
        {0x0686, "ch"},  /* چ */
        {0x0687, "chh"}, /* ڇ Sindhi */
        {0x0688, "d"},   /* ڈ Urdu */
        {0x0689, "d"},   /* ډ Pashto */
        {0x068A, "d"},   /* ڊ Sindhi */
        {0x068C, "dh"},  /* ڌ Sindhi */
        {0x068D, "dh"},  /* ڍ Sindhi */
        {0x068F, "d"},   /* ڏ Sindhi */
        {0x0691, "r"},   /* ڑ Urdu */
        {0x0693, "r"},   /* ړ Pashto */
        {0x0695, "r"},   /* ڕ Sorani */
        {0x0696, "zh"},  /* ږ Pashto */
        {0x0698, "zh"},  /* ژ */
        {0x069A, "sh"},  /* ښ Pashto */
        {0x06A4, "v"},   /* ڤ Sorani */
        {0x06A6, "ph"},  /* ڦ Sindhi */
        {0x06A9, "k"},   /* ک */
        {0x06AA, "k"},   /* ڪ Sindhi */
        {0x06AB, "g"},   /* ګ Pashto */
        {0x06AF, "g"},   /* گ */
        {0x06B1, "ng"},  /* ڱ Sindhi */
        {0x06B3, "g"},   /* ڳ Sindhi */
        {0x06B5, "l"},   /* ڵ Sorani */
        {0x06BA, "n"},   /* ں Urdu noon ghunna: Humayun, Khan (خاں) */
        {0x06BB, "n"},   /* ڻ Sindhi */
        {0x06BC, "n"},   /* ڼ Pashto */
        {0x06BE, "h"},   /* ھ */
        {0x06C0, "e"},   /* ۀ */
        {0x06C1, "h"},   /* ہ */
        {0x06C2, "e"},   /* ۂ Urdu izafat */
        {0x06C3, "a"},   /* ۃ Urdu ta marbuta */
        {0x06C6, "o"},   /* ۆ Sorani */
        {0x06CC, "y"},   /* ی Persian */
        {0x06CD, "ay"},  /* ۍ Pashto */
        {0x06CE, "e"},   /* ێ Sorani */
        {0x06D0, "e"},   /* ې Pashto */
        {0x06D2, "e"},   /* ے */
        {0x06D3, "e"},   /* ۓ Urdu */
        {0x06D5, "e"},   /* ە Sorani */
        {0x200C, ""},    /* zero-width non-joiner (Persian) */
        {0x200D, ""},    /* zero-width joiner */
};

/* Consonant of each row of eight in U+1200..U+135F; NULL = vowel carrier. */
static const char *const geez_rows[] = {
        "h",   "l",  "h",  "m",  "s",  "r",  "s",  "sh", /* 1200 ሀ .. 1238 ሸ */
        "q",   "qw", "q",  "qw", "b",  "v",  "t",  "ch", /* 1240 ቀ .. 1278 ቸ */
        "h",   "hw", "n",  "ny", NULL, "k",  "kw", "kh", /* 1280 ኀ .. 12B8 ኸ */
        "khw", "w",  NULL, "z",  "zh", "y",  "d",  "d",  /* 12C0 ዀ .. 12F8 ዸ */
        "j",   "g",  "gw", "g",  "t",  "ch", "p",  "ts", /* 1300 ጀ .. 1338 ጸ */
        "ts",  "f",  "p",  "",                           /* 1340 ፀ .. 1358 */
};

/* Vowel of each order: ä, u, i, a, e, ǝ (none), o, wa. */
static const char *const geez_orders[] = {"e", "u", "i", "a", "e", "", "o", "wa"};

/* Labialised rows (ቈ ቘ ኈ ኰ ዀ ጐ) have the orders 0, 2, 3, 4, 5 only. */
static bool geez_labial_row(int row)
{
	return row == 9 || row == 11 || row == 17 || row == 22 || row == 24 || row == 34;
}

static const char *geez(UChar32 c, char *buf, size_t size)
{
	int row = (int)(c - 0x1200) / 8, order = (int)(c - 0x1200) % 8;
	const char *cons, *vowel = geez_orders[order];

	if (row >= (int)(sizeof(geez_rows) / sizeof(geez_rows[0])))
		return "";
	cons = geez_rows[row];
	if (!cons) /* the carriers አ and ዐ: the vowel alone, አ "a" and እ "e" */
		vowel = order == 0 ? "a" : order == 5 ? "e" : vowel;
	if (geez_labial_row(row) && order == 7)
		vowel = "a";
	snprintf(buf, size, "%s%s", cons ? cons : "", vowel);
	return buf;
}

/* а..я, then ѐ..џ (U+0450..U+045F), lower case; upper case folds onto them. */
static const char *const cyrillic_a_ya[32] = {
        "a", "b", "v", "g", "d", "e",  "zh", "z",  "i",  "y",    "k", "l", "m", "n", "o",  "p",
        "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",  "y", "",  "e", "yu", "ya",
};
static const char *const cyrillic_ie_dzhe[16] = {
        "e", "yo", "dj", "gj", "ye", "dz", "i", "yi", "j", "lj", "nj", "c", "kj", "i", "u", "dzh",
};

static const char *cyrillic(UChar32 c, bool ukrainian)
{
	if (c >= 0x0410 && c <= 0x042F) /* А..Я */
		c += 0x20;
	else if (c >= 0x0400 && c <= 0x040F) /* Ѐ..Џ */
		c += 0x50;
	if (ukrainian && c == 0x0433) /* г */
		return "h";
	if (ukrainian && c == 0x0438) /* и */
		return "y";
	if (c >= 0x0430 && c <= 0x044F)
		return cyrillic_a_ya[c - 0x0430];
	if (c >= 0x0450 && c <= 0x045F)
		return cyrillic_ie_dzhe[c - 0x0450];
	if (c == 0x0490 || c == 0x0491) /* Ґ ґ */
		return "g";
	return NULL; /* the rest of the block: ICU */
}

bool names_is_ukrainian(const UChar *s, int32_t len)
{
	for (int32_t i = 0; i < len; i++)
		switch (s[i]) {
		case 0x0404: /* Є */
		case 0x0406: /* І */
		case 0x0407: /* Ї */
		case 0x0454: /* є */
		case 0x0456: /* і */
		case 0x0457: /* ї */
		case 0x0490: /* Ґ */
		case 0x0491: /* ґ */
			return true;
		default:
			break;
		}
	return false;
}

const char *names_script_rule(UChar32 c, bool initial, bool ukrainian, char scratch[8])
{
	size_t lo = 0, hi = sizeof(arabic) / sizeof(arabic[0]);

	if (c == 0x0639) /* ع */
		return initial ? "a" : "";
	if (c == 0x0626) /* ئ */
		return initial ? "" : "y";
	if (c >= 0x1200 && c < 0x1360)
		return geez(c, scratch, 8);
	if (c >= 0x0400 && c <= 0x04FF)
		return cyrillic(c, ukrainian);
	if (c >= 0x1361 && c <= 0x1368) /* Ethiopic word space and punctuation */
		return " ";
	if (c >= 0x1369 && c <= 0x137C) /* Ethiopic numerals */
		return "";
	if (c < 0x0621 || c > 0x200D)
		return NULL;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (arabic[mid].c == c)
			return arabic[mid].latin;
		if (arabic[mid].c < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

bool names_is_abjad(UChar32 c)
{
	return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
	       (c >= 0x08A0 && c <= 0x08FF) || (c >= 0xFB50 && c <= 0xFDFF) ||
	       (c >= 0xFE70 && c <= 0xFEFF);
}

bool names_is_mark(UChar32 c)
{
	switch (c) {
	case '\'':
	case '`':
	case 0x00B4: /* ´ */
	case 0x02B9: /* ʹ */
	case 0x02BB: /* ʻ */
	case 0x02BC: /* ʼ */
	case 0x02BE: /* ʾ */
	case 0x02BF: /* ʿ */
	case 0x2018:
	case 0x2019:
		return true;
	default:
		return false;
	}
}

/* ---- German spellings of Cyrillic names --------------------------------------------- */

static bool ascii_vowel(UChar c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static UChar lower(UChar c)
{
	return c >= 'A' && c <= 'Z' ? (UChar)(c - 'A' + 'a') : c;
}

static bool at(const UChar *w, int32_t len, int32_t i, const char *s)
{
	for (; *s; s++, i++)
		if (i >= len || lower(w[i]) != (UChar)*s)
			return false;
	return true;
}

/*
 * What in an ASCII word looks spelt the German way from Cyrillic, as bits
 * (GERMAN_*, names_int.h): tsch, dsch or wj, which no English or German
 * name has (strong); sch (ш ж, but Fischer too); an ending -ow, -ew, -owa,
 * -ewa (-ов -ев; not -hew or -rew: Matthew, Andrew); j starting a word
 * before a vowel (Jewgeni, Juri) or ending one after a vowel (Sergej,
 * Alexej); j between a consonant and a vowel (Pjotr, Wassiljew); ch
 * starting a word before a vowel (Chassanow).  names.c reads a name the
 * other way when it has a strong cue, or two kinds of cue: Julia, Fischer
 * and Matthew Jennings have one.
 */
unsigned names_german_cues(const UChar *w, int32_t len)
{
	unsigned cues = 0;

	for (int32_t i = 0; i + 1 < len; i++) {
		if (at(w, len, i, "tsch") || at(w, len, i, "dsch") || at(w, len, i, "wj"))
			cues |= NAMES_GERMAN_STRONG;
		else if (at(w, len, i, "sch"))
			cues |= NAMES_GERMAN_SCH;
		if (i > 0 && lower(w[i]) == 'j' && !ascii_vowel(lower(w[i - 1])) &&
		    ascii_vowel(lower(w[i + 1])))
			cues |= NAMES_GERMAN_J;
	}
	if (len >= 5 && (at(w, len, len - 2, "ow") || at(w, len, len - 2, "ew")) &&
	    !at(w, len, len - 3, "hew") && !at(w, len, len - 3, "rew"))
		cues |= NAMES_GERMAN_ENDING;
	if (len >= 5 && (at(w, len, len - 3, "owa") || at(w, len, len - 3, "ewa")))
		cues |= NAMES_GERMAN_ENDING;
	if (len >= 3 && lower(w[0]) == 'j' && ascii_vowel(lower(w[1])))
		cues |= NAMES_GERMAN_J_EDGE;
	if (len >= 4 && lower(w[len - 1]) == 'j' && ascii_vowel(lower(w[len - 2])))
		cues |= NAMES_GERMAN_J_EDGE;
	if (len >= 4 && at(w, len, 0, "ch") && ascii_vowel(lower(w[2])))
		cues |= NAMES_GERMAN_CH;
	return cues;
}

bool names_german_read(unsigned cues)
{
	unsigned kinds = cues & ~(unsigned)NAMES_GERMAN_STRONG, n = 0;

	for (; kinds; kinds &= kinds - 1)
		n++;
	return (cues & NAMES_GERMAN_STRONG) || n >= 2;
}

/*
 * The English spelling of a word spelt the German way from Cyrillic:
 * schtsch -> shch, tsch -> ch, dsch -> j, sch -> sh (ж too: Schurawljow
 * comes out shuravlyov, a letter from zhuravlyov), ch -> kh (х), ss -> s,
 * s between vowels -> z (з), z -> ts (ц), w -> v, j -> y before a vowel
 * and at the end after one (Jewgeni, Wassiljew, Sergej).  Returns its
 * length, lower case, or -1 when out (cap units) could not hold it.
 */
int32_t names_german_english(const UChar *w, int32_t len, UChar *out, int32_t cap)
{
	static const struct {
		const char *from, *to;
	} table[] = {
	        {"schtsch", "shch"}, {"tsch", "ch"}, {"dsch", "j"}, {"sch", "sh"},
	        {"ch", "kh"},        {"ss", "s"},    {"z", "ts"},   {"w", "v"},
	};
	int32_t o = 0;

	if (cap < 2 * len) /* no rule writes more than two letters for one */
		return -1;
	for (int32_t i = 0; i < len;) {
		UChar c = lower(w[i]), prev = i > 0 ? lower(w[i - 1]) : 0;
		UChar next = i + 1 < len ? lower(w[i + 1]) : 0;
		bool done = false;

		for (size_t k = 0; k < sizeof(table) / sizeof(table[0]) && !done; k++) {
			if (!at(w, len, i, table[k].from))
				continue;
			for (const char *t = table[k].to; *t; t++)
				out[o++] = (UChar)*t;
			i += (int32_t)strlen(table[k].from);
			done = true;
		}
		if (done)
			continue;
		if (c == 's' && ascii_vowel(prev) && ascii_vowel(next))
			out[o++] = 'z';
		else if (c == 'j' && (ascii_vowel(next) || (!next && ascii_vowel(prev))))
			out[o++] = 'y';
		else
			out[o++] = c;
		i++;
	}
	return o;
}

/* ---- Wade-Giles spellings of Chinese names ------------------------------------------ */

static bool word_eq(const UChar *w, int32_t len, const char *s)
{
	return (int32_t)strlen(s) == len && at(w, len, 0, s);
}

/*
 * Whether an ASCII word is a syllable only Wade-Giles writes so, as
 * Taiwanese passports and older records spell Chinese names (Hsu
 * Chih-ming, Chao Li-hsin, Kuo Chien-hua): hs before a vowel, a syllable
 * ending in -ieh, or one of chih, shih, jih, tzu, tsu, szu, ssu, erh, kuo.
 * Pinyin, Vietnamese and English have none of them.
 */
bool names_wade_giles(const UChar *w, int32_t len)
{
	static const char *const own[] = {"chih", "shih", "jih", "tzu", "tsu",
	                                  "szu",  "ssu",  "erh", "kuo"};

	if (len >= 3 && at(w, len, 0, "hs") && ascii_vowel(lower(w[2])))
		return len <= 6;
	if (len >= 4 && len <= 6 && at(w, len, len - 3, "ieh"))
		return true;
	for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		if (word_eq(w, len, own[i]))
			return true;
	return false;
}

/*
 * The pinyin of a Wade-Giles syllable, as ICU writes Hanzi (without tones):
 * the whole syllables chih shih jih -> zhi shi ri, tzu tsu -> zi zu, szu
 * ssu -> si, erh -> er, ho ko -> he ge; else the initial (hs -> x, ts tz ->
 * z, ch -> j before i, zh otherwise, k -> g, t -> d, p -> b, j -> r: the
 * apostrophe that told the aspirates, ch' k' t' p', is what records drop)
 * and the final (ien -> ian, ieh -> ie, ueh -> ue, ung -> ong).  A word of
 * more than one syllable is only lowered.  Returns its length, lower
 * case, or -1 when out (cap units) could not hold it.
 */
int32_t names_wade_giles_pinyin(const UChar *w, int32_t len, UChar *out, int32_t cap)
{
	static const struct {
		const char *wg, *py;
	} whole[] = {{"chih", "zhi"}, {"shih", "shi"}, {"jih", "ri"}, {"tzu", "zi"}, {"tsu", "zu"},
	             {"szu", "si"},   {"ssu", "si"},   {"erh", "er"}, {"ho", "he"},  {"ko", "ge"}};
	static const struct {
		const char *wg, *py;
	} finals[] = {{"ien", "ian"}, {"ieh", "ie"}, {"ueh", "ue"}, {"ung", "ong"}};
	const char *py = NULL;
	int32_t o = 0, i = 0;

	if (cap < len + 2)
		return -1;
	for (size_t k = 0; k < sizeof(whole) / sizeof(whole[0]) && !py; k++)
		if (word_eq(w, len, whole[k].wg))
			py = whole[k].py;
	if (py) {
		for (; *py; py++)
			out[o++] = (UChar)*py;
		return o;
	}
	if (len > 6) {
		for (; i < len; i++)
			out[o++] = lower(w[i]);
		return o;
	}
	if (at(w, len, 0, "hs")) {
		out[o++] = 'x', i = 2;
	} else if (at(w, len, 0, "ts") || at(w, len, 0, "tz")) {
		out[o++] = 'z', i = 2;
	} else if (at(w, len, 0, "ch")) {
		if (len > 2 && lower(w[2]) == 'i') {
			out[o++] = 'j';
		} else {
			out[o++] = 'z';
			out[o++] = 'h';
		}
		i = 2;
	} else if (len > 1 && ascii_vowel(lower(w[1]))) {
		UChar c = lower(w[0]);

		out[o++] = c == 'k' ? 'g' : c == 't' ? 'd' : c == 'p' ? 'b' : c == 'j' ? 'r' : c;
		i = 1;
	}
	for (size_t k = 0; k < sizeof(finals) / sizeof(finals[0]); k++) {
		int32_t n = (int32_t)strlen(finals[k].wg);

		if (len - i >= n && at(w, len, len - n, finals[k].wg)) {
			for (; i < len - n; i++)
				out[o++] = lower(w[i]);
			for (py = finals[k].py; *py; py++)
				out[o++] = (UChar)*py;
			return o;
		}
	}
	for (; i < len; i++)
		out[o++] = lower(w[i]);
	return o;
}

/* ---- Oromo names in Qubee ---------------------------------------------------------- */

static bool plain_vowel(UChar c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/*
 * What in an ASCII word looks written in Qubee, the Latin alphabet of
 * Oromo (Caalaa Gammachuu, Dirribaa, Lammaa, Caaltuu), as bits
 * (NAMES_QUBEE_*, names_int.h): an ending of four letters or more in a
 * consonant and a doubled a, i, o or u, as Oromo names end in a long vowel
 * that Qubee writes twice (three times when a dropped hudhaa split it:
 * Qana'aa; not -ee, which English names end in: Renee, Aimee, Magee); and
 * a letter Qubee writes for what English spellings write otherwise: c not
 * before h (ch'), x, q, or a doubled consonant in such a word (Lammaa,
 * Guddataa).  names.c reads a name the Qubee way too when two words end
 * so, or one does and a letter says Qubee: not Mustafaa Ali, not Renee
 * Cox.
 */
unsigned names_qubee_cues(const UChar *w, int32_t len)
{
	UChar v = len > 0 ? lower(w[len - 1]) : 0;
	int32_t run = 0;
	unsigned cues = 0;
	bool ending;

	for (int32_t i = 0; i < len; i++) {
		UChar c = lower(w[i]), next = i + 1 < len ? lower(w[i + 1]) : 0;

		if ((c == 'c' && next != 'h') || c == 'x' || c == 'q')
			cues |= NAMES_QUBEE_LETTER;
	}
	/* three when the hudhaa (') that splits a long vowel was dropped: Qana'aa */
	while (run < len && run < 3 && lower(w[len - 1 - run]) == v)
		run++;
	ending = len >= 4 && plain_vowel(v) && v != 'e' && run >= 2 && run < len &&
	         !ascii_vowel(lower(w[len - 1 - run]));
	if (!ending)
		return cues;
	for (int32_t i = 0; i + 1 < len; i++)
		if (lower(w[i]) == lower(w[i + 1]) && !ascii_vowel(lower(w[i])))
			cues |= NAMES_QUBEE_LETTER;
	return cues | NAMES_QUBEE_ENDING;
}

/*
 * The English spelling of a word written in Qubee, as the Latin spellings
 * of Ethiopian records and passports write Oromo names from Ge'ez (Chala
 * Gemechu, Lemma, Dereje): c -> ch (the ejective ch' Ge'ez writes ጨ; "ch"
 * stays), x -> t (ጠ), q -> k (ቀ), ph -> p (ጰ), dh -> d (the implosive),
 * a doubled letter (long vowel, geminate consonant) as one.  The vowel
 * Amharic spellings write e and Qubee a (Gemechu, Gammachuu) is left to
 * the skeleton, which drops vowels.  Returns its length, lower case, or -1
 * when out (cap units) could not hold it.
 */
int32_t names_qubee_english(const UChar *w, int32_t len, UChar *out, int32_t cap)
{
	int32_t o = 0;

	if (cap < 2 * len) /* c -> ch is the only rule that writes two letters for one */
		return -1;
	for (int32_t i = 0; i < len; i++) {
		UChar c = lower(w[i]), next = i + 1 < len ? lower(w[i + 1]) : 0;

		if (c == 'c' && next != 'h') {
			out[o++] = 'c';
			out[o++] = 'h';
			continue;
		}
		if ((c == 'p' || c == 'd') && next == 'h') {
			out[o++] = c;
			i++;
			continue;
		}
		c = c == 'x' ? 't' : c == 'q' ? 'k' : c;
		if (o > 0 && out[o - 1] == c)
			continue;
		out[o++] = c;
	}
	return o;
}
