/*
 * name_codes.c - the per-token codes of the name comparator: particles,
 * glued articles and abd- compounds, the consonant skeleton and the
 * phonetic code.  docs/resolution.md ("Names") gives the rules and why.
 *
 * Skeleton (written for the way Arabic, Persian, Kurdish, Pashto,
 * Tigrinya, Albanian and Vietnamese names come into Latin letters):
 *  1. digraphs first: dzh dj zh xh j -> j; sh ch sch tch -> x (French and
 *     German write "ch"/"sch" for English "sh": Cherif = Sharif);
 *     kh -> h (Khalid = Halid), gh -> g, ph -> f, th -> t, dh -> d,
 *     ck q c -> k (Qasim = Kasim), a lone x -> s (Vietnamese Xuan);
 *  2. vowels a e i o u are dropped everywhere, also first: Arabic script
 *     writes no short vowels, and its initial alif, ʿayn and hamza have
 *     no fixed Latin vowel (Ibrahim = Ebrahim = ابراهيم);
 *  3. w and y are consonants only at the start of a word (w then reads
 *     v: Wahid = Vahid); elsewhere they spell long vowels (و ي) and go;
 *  4. letters that repeat after that collapse (Mohammed = Muhamad);
 *  5. a final h goes (Abdallah = عبدالله, Fatemeh = Fatima);
 *  6. a word with no consonant keeps its first letter;
 *  7. an initial "ou" before a vowel is w (v), as French spellings of
 *     Maghrebi names write it: Ouahid = Wahid, Ouali = Wali.
 * Phonetic code: the skeleton with letters of one sound class merged —
 * B (b p), F (f v), T (t d), S (s z), X (sh ch), J (j zh dj), K (k g q c,
 * Gulf "g" for qaf: Gaddafi = Qaddafi), N (n, and ng as one sound: Nguyen,
 * Hoang).  It is coarse on purpose: it is one piece of evidence among
 * several, never the whole match.
 */
#include <stdio.h>
#include <string.h>

#include "resolve/names_int.h"

static bool is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static bool word_is(const char *w, size_t len, const char *s)
{
	return strlen(s) == len && memcmp(w, s, len) == 0;
}

static bool starts(const char *w, size_t len, const char *s)
{
	size_t n = strlen(s);

	return n <= len && memcmp(w, s, n) == 0;
}

/* the words that are particles wherever they stand (name_particles.def) */
static const char *const particles[] = {
#define PARTICLE(word) word,
#include "resolve/name_particles.def"
#undef PARTICLE
};

/* the article assimilated before a "sun letter": ar-Rahman, as-Sayed, ad-Din; Urdu and
 * Pashto write it u: Habib ur Rahman, Jalal ud Din, Zia uz Zaman, Noor un Nisa */
static const char *const sun_articles[] = {"ad",  "an",  "ar", "as", "at", "az", "ash",
                                           "adh", "ath", "ud", "un", "ur", "us", "uz"};

bool names_is_particle(const char *word, size_t len, const char *next)
{
	for (size_t i = 0; i < sizeof(particles) / sizeof(particles[0]); i++)
		if (word_is(word, len, particles[i]))
			return true;
	if (!next)
		return false;
	/* never "an" before "ng": Arabic has no such onset, while Vietnamese An
	   Nguyen and An Ngo are a given name before a surname */
	if (word_is(word, len, "an") && next[0] == 'n' && next[1] == 'g')
		return false;
	for (size_t i = 0; i < sizeof(sun_articles) / sizeof(sun_articles[0]); i++)
		if (word_is(word, len, sun_articles[i]) && next[0] == word[1])
			return true;
	return false;
}

size_t names_compound_head(const char *core, size_t len, size_t min_rest, int *head)
{
	/* one line per head, its spellings first-longest so that "ghebre" wins over "gebre" */
	static const char *const heads[][5] = {
	        {"ghebre", "gebre", "gabre", "gebra", NULL},
	        {"wolde", "welde", "walde", NULL},
	        {"habte", "habta", NULL},
	        {"tekle", "tecle", NULL},
	        {"haile", "hayle", NULL},
	        {"fikre", NULL},
	};

	*head = 0;
	if (starts(core, len, "abd") && len >= 3 + min_rest) {
		*head = 1;
		return 3;
	}
	for (size_t h = 0; h < sizeof(heads) / sizeof(heads[0]); h++)
		for (size_t k = 0; heads[h][k]; k++) {
			size_t n = strlen(heads[h][k]);

			/* a rest of four letters at least: Waldemar is no walde- */
			if (starts(core, len, heads[h][k]) &&
			    len >= n + (min_rest > 4 ? min_rest : 4)) {
				*head = (int)h + 2;
				return n;
			}
		}
	return 0;
}

size_t names_compound_tail(const char *word, size_t len, bool abjad, const char **tail)
{
	/* each tail's spellings, Latin and as Arabic script comes out (الله, الدین) */
	static const struct {
		const char *spelling, *tail;
		bool alone; /* also a word by itself: not "ulla" (Ulla, a Nordic name) */
	} tails[] = {
	        {"ullah", "ullah", true},
	        {"ulla", "ullah", false},
	        {"ollah", "ullah", true},
	        {"allah", "ullah", true},
	        {"allh", "ullah", true},
	        {"uddin", "uddin", true},
	        {"udin", "uddin", true},
	        {"uddeen", "uddin", true},
	        {"udeen", "uddin", true},
	        {"uddine", "uddin", true},
	        {"eddine", "uddin", true},
	        {"eddin", "uddin", true},
	        {"oddin", "uddin", true},
	        {"aldin", "uddin", true},
	        {"aldyn", "uddin", true},
	        /* the Egyptian and Sudanese el- (Nasr Eldin, Salaheldin, Ezzeldeen), the
	         * article assimilated (Alaaddin, Nureddeen) and aldeen */
	        {"eldin", "uddin", true},
	        {"eldeen", "uddin", true},
	        {"eldine", "uddin", true},
	        {"addin", "uddin", true},
	        {"addeen", "uddin", true},
	        {"eddeen", "uddin", true},
	        {"aldeen", "uddin", true},
	};
	/* Persian and Pashto may write -uddin without the article: گلبدین Gulbuddin */
	static const char dyn[] = "dyn";

	for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		size_t n = strlen(tails[i].spelling);

		if (n > len || memcmp(word + len - n, tails[i].spelling, n) != 0)
			continue;
		if (n == len ? !tails[i].alone : len - n < 3)
			continue;
		/* Abdullah, Kurdish Ebdulla: "servant of God", one name (abd- compounds) */
		if (starts(word, len, "abd") || starts(word, len, "ebd"))
			return 0;
		*tail = tails[i].tail;
		return n;
	}
	if (abjad && len >= 3 + 3 && memcmp(word + len - 3, dyn, 3) == 0 &&
	    !starts(word, len, "abd") && !starts(word, len, "ebd")) {
		*tail = "uddin";
		return 3;
	}
	return 0;
}

bool names_is_din(const char *word, size_t len)
{
	return word_is(word, len, "din") || word_is(word, len, "deen") ||
	       word_is(word, len, "dine") || word_is(word, len, "dyn");
}

bool names_is_din_article(const char *word, size_t len)
{
	return word_is(word, len, "ud") || word_is(word, len, "ad") || word_is(word, len, "al") ||
	       word_is(word, len, "el") || word_is(word, len, "ul");
}

size_t names_vowel_groups(const char *word, size_t len)
{
	size_t groups = 0;

	for (size_t i = 0; i < len; i++)
		groups += is_vowel(word[i]) && (i == 0 || !is_vowel(word[i - 1]));
	return groups;
}

bool names_is_leading_title(const char *word, size_t len)
{
	/* Vietnamese Anh; Doctor and Engineer as Afghan and Pakistani records put
	 * them before a name, in Latin and as Arabic script comes out (داکتر دکتر
	 * ډاکټر ڈاکٹر انجنیر, Arabic الدكتور المهندس), but Parsi surnames after one (Asghar Ali
	 * Engineer, Farzana Doctor) */
	static const char *const titles[] = {"anh", "daktar", "doktor", "doctor", "daktr", "dktr",
	                                     "engineer", "anjnyr",
	                                     /* Arabic الدكتور دكتور المهندس مهندس */
	                                     "aldktwr", "dktwr", "almhnds", "mhnds"};

	for (size_t i = 0; i < sizeof(titles) / sizeof(titles[0]); i++)
		if (word_is(word, len, titles[i]))
			return true;
	return false;
}

bool names_is_abd_head(const char *word, size_t len)
{
	static const char *const heads[] = {"abd",    "abdul", "abdel", "abdal", "abdol",
	                                    "abdoul", "abdur", "abder", "abdar", "abdoel"};

	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
		if (word_is(word, len, heads[i]))
			return true;
	return false;
}

size_t names_abd_prefix(const char *word, size_t len, size_t min_rest)
{
	static const char *const articles[] = {"oul", "ul", "el", "al", "ol", "il", "oel"};
	const char *rest = word + 3;
	size_t rlen = len - 3;

	if (!starts(word, len, "abd") || len < 3 + min_rest)
		return 0;
	for (size_t i = 0; i < sizeof(articles) / sizeof(articles[0]); i++) {
		size_t n = strlen(articles[i]);

		if (starts(rest, rlen, articles[i]) && rlen - n >= min_rest)
			return 3 + n;
	}
	/* abdur-rahman, abder-razak: vowel and an assimilated doubled consonant */
	if (rlen >= 3 && is_vowel(rest[0]) && !is_vowel(rest[1]) && rest[1] == rest[2] &&
	    rlen - 2 >= min_rest)
		return 5;
	/* abdirahman, abdurahman: a linking vowel */
	if (rlen >= 2 && is_vowel(rest[0]) && !is_vowel(rest[1]) && rlen - 1 >= min_rest)
		return 4;
	if (!is_vowel(rest[0]))
		return 3;
	return 0;
}

size_t names_article_prefix(const char *word, size_t len, size_t min_rest)
{
	if (len < 2 + min_rest)
		return 0;
	if ((starts(word, len, "al") || starts(word, len, "el") || starts(word, len, "ul")) &&
	    !is_vowel(word[2]) && word[2] >= 'a' && word[2] <= 'z')
		return 2;
	return 0;
}

size_t names_core_word(const char *word, size_t len, char *out, size_t size)
{
	size_t p = names_abd_prefix(word, len, 3), n;

	if (p > 3)
		n = (size_t)snprintf(out, size, "abd%.*s", (int)(len - p), word + p);
	else
		n = (size_t)snprintf(out, size, "%.*s", (int)len, word);
	return n < size ? n : size - 1;
}

/* A word whose first letters "ou" before a vowel are the w French spellings
 * write so (Maghrebi names: Ouahid = Wahid, Ouali = Wali, Ouardia). */
static bool french_w(const char *w, size_t len)
{
	return len > 3 && w[0] == 'o' && w[1] == 'u' && is_vowel(w[2]);
}

/* Append c to the skeleton unless it repeats the last letter. */
static void put(char *out, size_t *n, char c)
{
	if (*n > 0 && out[*n - 1] == c)
		return;
	if (*n + 1 < NAMES_CODE_MAX)
		out[(*n)++] = c;
}

size_t names_skeleton(const char *w, size_t len, char *out)
{
	static const struct {
		const char *from;
		char to;
	} digraphs[] = {
	        {"dzh", 'j'}, {"sch", 'x'}, {"tch", 'x'}, {"sh", 'x'}, {"ch", 'x'},
	        {"zh", 'j'},  {"dj", 'j'},  {"xh", 'j'},  {"kh", 'h'}, {"gh", 'g'},
	        {"ph", 'f'},  {"th", 't'},  {"dh", 'd'},  {"ck", 'k'},
	};
	size_t n = 0, i = 0;

	/* French spelling writes an initial w as ou before a vowel: Ouahid, Ouali */
	if (french_w(w, len)) {
		put(out, &n, 'v');
		i = 2;
	}
	while (i < len) {
		char c = w[i], to = 0;
		size_t step = 1;

		for (size_t d = 0; d < sizeof(digraphs) / sizeof(digraphs[0]); d++) {
			size_t dl = strlen(digraphs[d].from);

			if (dl <= len - i && memcmp(w + i, digraphs[d].from, dl) == 0) {
				to = digraphs[d].to;
				step = dl;
				break;
			}
		}
		if (!to) {
			if (is_vowel(c))
				to = 0;
			else if (c == 'w')
				to = i == 0 ? 'v' : 0;
			else if (c == 'y')
				to = i == 0 ? 'y' : 0;
			else if (c == 'q' || c == 'c')
				to = 'k';
			else if (c == 'x')
				to = 's';
			else
				to = c;
		}
		if (to)
			put(out, &n, to);
		i += step;
	}
	if (n > 1 && out[n - 1] == 'h')
		n--;
	if (n == 0 && len > 0)
		out[n++] = w[0];
	out[n] = '\0';
	return n;
}

/*
 * A token's second skeleton, for comparing with Arabic script.  An
 * Arabic-script token read the Persian, Turkish and Urdu way: ذ and ض
 * (transliterated "dh") sound z there, ث ("th") s — Zabihullah =
 * ذبیح‌الله, Osman = عثمان, Ramazan = رمضان — while Arabic spellings keep
 * dh/th (Dhiab, Uthman) and d/t in the skeleton.  A Latin token with a v
 * inside it read as و, which Persian names write v as often as w and the
 * skeleton drops as a long vowel: Navid = نوید, Parviz = پرویز (only
 * against Arabic script: among Latin spellings Novak is not Nick), and its
 * th read as s, as the Persian reading reads ث: Latin Othman against
 * Sorani عوسمان, which writes the name with س; and a c before e, i or y,
 * not first, read as s, as French spellings of Maghrebi names write س
 * (Lahcen لحسن, Hocine حسين, Mouncef منصف; a first c is Somali ع, Cilmi,
 * or Turkish j, Cihad).
 * Returns the length, 0 when there is no other reading.
 */
size_t names_other_skeleton(const char *core, size_t core_len, bool abjad, char out[NAMES_CODE_MAX])
{
	char word[NAMES_CODE_MAX];
	size_t n = 0;
	bool changed = false;

	if (!abjad) {
		for (size_t i = 0; i < core_len && n + 1 < sizeof(word); i++) {
			bool waw = i > 0 && core[i] == 'v';
			char next = i + 1 < core_len ? core[i + 1] : 0;

			if (core[i] == 't' && next == 'h') {
				word[n++] = 's';
				i++;
				changed = true;
				continue;
			}
			/* not first: Somali writes ع as c (Cilmi), Turkish j (Cihad) */
			if (i > 0 && core[i] == 'c' &&
			    (next == 'e' || next == 'i' || next == 'y')) {
				word[n++] = 's';
				changed = true;
				continue;
			}
			word[n++] = waw ? 'w' : core[i];
			changed |= waw;
		}
		return changed ? names_skeleton(word, n, out) : 0;
	}
	for (size_t i = 0; i < core_len && n + 1 < sizeof(word); i++) {
		if ((core[i] == 'd' || core[i] == 't') && i + 1 < core_len && core[i + 1] == 'h') {
			word[n++] = core[i] == 'd' ? 'z' : 's';
			i++;
			changed = true;
		} else {
			word[n++] = core[i];
		}
	}
	return changed ? names_skeleton(word, n, out) : 0;
}

/*
 * A word's spelling folded over what romanisations write differently for
 * one sound: z as s (German-style writing of ز: Aziz / Asis, Reza / Resa),
 * w as v (Persian و: Nawid / Navid), ph as f (Mustapha / Mustafa), q as k
 * (Tariq / Tarik), y as i, ee and ea as i, oo and ou as u, and a doubled
 * letter as one (Azeez / Aziz, Naveed / Navid).  Returns the length
 * (at most NAMES_CODE_MAX - 1 letters).
 */
size_t names_spelling(const char *w, size_t len, char out[NAMES_CODE_MAX])
{
	size_t n = 0;

	for (size_t i = 0; i < len && n + 1 < NAMES_CODE_MAX; i++) {
		char c = w[i];

		if (i == 0 && french_w(w, len)) {
			c = 'v';
			i++;
		} else if ((c == 'e' && i + 1 < len && (w[i + 1] == 'e' || w[i + 1] == 'a')) ||
		           (c == 'o' && i + 1 < len && (w[i + 1] == 'o' || w[i + 1] == 'u'))) {
			c = c == 'e' ? 'i' : 'u';
			i++;
		} else if (c == 'p' && i + 1 < len && w[i + 1] == 'h') {
			/* Mustapha / Mustafa, Bengali ফ as ISO 15919 writes it (Saiphul, Saiful) */
			c = 'f';
			i++;
		} else if (c == 'q') {
			c = 'k'; /* ق as q or k: Tariq / Tarik, Shafiqul / Shafikul */
		} else if (c == 'z') {
			c = 's';
		} else if (c == 'w') {
			c = 'v';
		} else if (c == 'y') {
			/* y and i, one letter in Cyrillic and Arabic romanised several ways:
			 * Yuriy and Iurii (a passport's ICAO spelling), Layla and Laila (not j:
			 * Arabic writes Jana and Yana with two letters, ج and ي) */
			c = 'i';
		}
		if (n == 0 || out[n - 1] != c)
			out[n++] = c;
	}
	out[n] = '\0';
	return n;
}

size_t names_phonetic(const char *skel, size_t len, char *out)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		char c = skel[i], to;

		switch (c) {
		case 'b':
		case 'p':
			to = 'B';
			break;
		case 'f':
		case 'v':
			to = 'F';
			break;
		case 't':
		case 'd':
			to = 'T';
			break;
		case 's':
		case 'z':
			to = 'S';
			break;
		case 'k':
		case 'g':
		case 'q':
		case 'c':
			if (c == 'g' && i > 0 && skel[i - 1] == 'n')
				continue; /* ng is one sound (Nguyen, Hoang) */
			to = 'K';
			break;
		default:
			to = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
		}
		put(out, &n, to);
	}
	if (n == 0 && len > 0)
		out[n++] =
		        (skel[0] >= 'a' && skel[0] <= 'z') ? (char)(skel[0] - 'a' + 'A') : skel[0];
	out[n] = '\0';
	return n;
}

void names_codes_of(const char *core, size_t len, bool abjad, struct names_codes *c)
{
	c->skel_len = names_skeleton(core, len, c->skel);
	c->phon_len = names_phonetic(c->skel, c->skel_len, c->phon);
	/* it writes nothing when there is no other reading */
	c->skel2_len = names_other_skeleton(core, len, abjad, c->skel2);
	c->skel2[c->skel2_len] = '\0';
	c->spell_len = names_spelling(core, len, c->spell);
	c->skel_hash = iv_hash64(c->skel, c->skel_len);
	c->phon_hash = iv_hash64(c->phon, c->phon_len);
	c->spell_hash = c->spell_len >= 3 ? iv_hash64(c->spell, c->spell_len) | 1 : 0;
	c->head_len = names_compound_head(core, len, 3, &c->head);
	c->syllables = (unsigned)names_vowel_groups(core, len);
}

size_t names_glued_keys(const struct iv_name_keys *k, uint64_t out[2])
{
	char word[2 * NAMES_CODE_MAX], skel[NAMES_CODE_MAX], phon[NAMES_CODE_MAX];
	size_t len = 0, n = 0, slen;
	bool abjad = false;

	for (size_t t = 0; t < k->ntokens; t++) {
		const struct iv_name_token *tok = &k->tokens[t];

		if (tok->flags & (IV_NAME_TOK_PARTICLE | IV_NAME_TOK_INITIAL))
			continue;
		/* cores: an article glued to a word goes, as a particle apart does */
		if (len + tok->core_len >= sizeof(word))
			break;
		memcpy(word + len, tok->core, tok->core_len);
		len += tok->core_len;
		abjad |= (tok->flags & IV_NAME_TOK_ABJAD) != 0;
	}
	if (len == 0)
		return 0;
	word[len] = '\0';
	slen = names_skeleton(word, len, skel);
	out[n++] = iv_hash64(phon, names_phonetic(skel, slen, phon));
	slen = names_other_skeleton(word, len, abjad, skel);
	if (abjad && slen > 0)
		out[n++] = iv_hash64(phon, names_phonetic(skel, slen, phon));
	return n;
}
