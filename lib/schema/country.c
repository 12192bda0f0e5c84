/*
 * country.c - countries: ISO 3166-1 (all 249 alpha-2/alpha-3 codes with
 * English names), the ICAO 9303 codes found in travel documents, Kosovo,
 * and the English names, official long forms and demonyms that sources
 * use instead of codes.
 *
 * A country normalises to its lower-case alpha-2 code, or to "xxa"
 * (stateless), "xxb" (refugee, 1951 Convention), "xxc" (other refugee)
 * or "xxx" (unspecified) for the ICAO specials.  Lookups compare keys
 * loosely: case, accents on Latin letters, dots and apostrophes are
 * ignored and any other punctuation counts as a space, so "U.K.",
 * "Cote d'Ivoire", "Côte d’Ivoire", "iran (islamic republic of)" and the
 * MRZ filler in "D<<" all find their country.  The index is sorted once
 * (pthread_once, no allocation) and searched with bsearch.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "iv/util.h"
#include "schema/schema_int.h"

struct country {
	const char *code;   /* normalised: lower-case alpha-2, or "xxa".."xxx" */
	const char *alpha3; /* ISO alpha-3 or the ICAO code */
	const char *name;   /* English short name, for display */
};

/* ISO 3166-1, in the order of the standard's English short names. */
static const struct country iso_countries[] = {
        {"af", "AFG", "Afghanistan"},
        {"ax", "ALA", "Åland Islands"},
        {"al", "ALB", "Albania"},
        {"dz", "DZA", "Algeria"},
        {"as", "ASM", "American Samoa"},
        {"ad", "AND", "Andorra"},
        {"ao", "AGO", "Angola"},
        {"ai", "AIA", "Anguilla"},
        {"aq", "ATA", "Antarctica"},
        {"ag", "ATG", "Antigua and Barbuda"},
        {"ar", "ARG", "Argentina"},
        {"am", "ARM", "Armenia"},
        {"aw", "ABW", "Aruba"},
        {"au", "AUS", "Australia"},
        {"at", "AUT", "Austria"},
        {"az", "AZE", "Azerbaijan"},
        {"bs", "BHS", "Bahamas"},
        {"bh", "BHR", "Bahrain"},
        {"bd", "BGD", "Bangladesh"},
        {"bb", "BRB", "Barbados"},
        {"by", "BLR", "Belarus"},
        {"be", "BEL", "Belgium"},
        {"bz", "BLZ", "Belize"},
        {"bj", "BEN", "Benin"},
        {"bm", "BMU", "Bermuda"},
        {"bt", "BTN", "Bhutan"},
        {"bo", "BOL", "Bolivia"},
        {"bq", "BES", "Bonaire, Sint Eustatius and Saba"},
        {"ba", "BIH", "Bosnia and Herzegovina"},
        {"bw", "BWA", "Botswana"},
        {"bv", "BVT", "Bouvet Island"},
        {"br", "BRA", "Brazil"},
        {"io", "IOT", "British Indian Ocean Territory"},
        {"bn", "BRN", "Brunei Darussalam"},
        {"bg", "BGR", "Bulgaria"},
        {"bf", "BFA", "Burkina Faso"},
        {"bi", "BDI", "Burundi"},
        {"cv", "CPV", "Cabo Verde"},
        {"kh", "KHM", "Cambodia"},
        {"cm", "CMR", "Cameroon"},
        {"ca", "CAN", "Canada"},
        {"ky", "CYM", "Cayman Islands"},
        {"cf", "CAF", "Central African Republic"},
        {"td", "TCD", "Chad"},
        {"cl", "CHL", "Chile"},
        {"cn", "CHN", "China"},
        {"cx", "CXR", "Christmas Island"},
        {"cc", "CCK", "Cocos (Keeling) Islands"},
        {"co", "COL", "Colombia"},
        {"km", "COM", "Comoros"},
        {"cg", "COG", "Congo"},
        {"cd", "COD", "Democratic Republic of the Congo"},
        {"ck", "COK", "Cook Islands"},
        {"cr", "CRI", "Costa Rica"},
        {"ci", "CIV", "Côte d'Ivoire"},
        {"hr", "HRV", "Croatia"},
        {"cu", "CUB", "Cuba"},
        {"cw", "CUW", "Curaçao"},
        {"cy", "CYP", "Cyprus"},
        {"cz", "CZE", "Czechia"},
        {"dk", "DNK", "Denmark"},
        {"dj", "DJI", "Djibouti"},
        {"dm", "DMA", "Dominica"},
        {"do", "DOM", "Dominican Republic"},
        {"ec", "ECU", "Ecuador"},
        {"eg", "EGY", "Egypt"},
        {"sv", "SLV", "El Salvador"},
        {"gq", "GNQ", "Equatorial Guinea"},
        {"er", "ERI", "Eritrea"},
        {"ee", "EST", "Estonia"},
        {"sz", "SWZ", "Eswatini"},
        {"et", "ETH", "Ethiopia"},
        {"fk", "FLK", "Falkland Islands"},
        {"fo", "FRO", "Faroe Islands"},
        {"fj", "FJI", "Fiji"},
        {"fi", "FIN", "Finland"},
        {"fr", "FRA", "France"},
        {"gf", "GUF", "French Guiana"},
        {"pf", "PYF", "French Polynesia"},
        {"tf", "ATF", "French Southern Territories"},
        {"ga", "GAB", "Gabon"},
        {"gm", "GMB", "Gambia"},
        {"ge", "GEO", "Georgia"},
        {"de", "DEU", "Germany"},
        {"gh", "GHA", "Ghana"},
        {"gi", "GIB", "Gibraltar"},
        {"gr", "GRC", "Greece"},
        {"gl", "GRL", "Greenland"},
        {"gd", "GRD", "Grenada"},
        {"gp", "GLP", "Guadeloupe"},
        {"gu", "GUM", "Guam"},
        {"gt", "GTM", "Guatemala"},
        {"gg", "GGY", "Guernsey"},
        {"gn", "GIN", "Guinea"},
        {"gw", "GNB", "Guinea-Bissau"},
        {"gy", "GUY", "Guyana"},
        {"ht", "HTI", "Haiti"},
        {"hm", "HMD", "Heard Island and McDonald Islands"},
        {"va", "VAT", "Holy See"},
        {"hn", "HND", "Honduras"},
        {"hk", "HKG", "Hong Kong"},
        {"hu", "HUN", "Hungary"},
        {"is", "ISL", "Iceland"},
        {"in", "IND", "India"},
        {"id", "IDN", "Indonesia"},
        {"ir", "IRN", "Iran"},
        {"iq", "IRQ", "Iraq"},
        {"ie", "IRL", "Ireland"},
        {"im", "IMN", "Isle of Man"},
        {"il", "ISR", "Israel"},
        {"it", "ITA", "Italy"},
        {"jm", "JAM", "Jamaica"},
        {"jp", "JPN", "Japan"},
        {"je", "JEY", "Jersey"},
        {"jo", "JOR", "Jordan"},
        {"kz", "KAZ", "Kazakhstan"},
        {"ke", "KEN", "Kenya"},
        {"ki", "KIR", "Kiribati"},
        {"kp", "PRK", "North Korea"},
        {"kr", "KOR", "South Korea"},
        {"kw", "KWT", "Kuwait"},
        {"kg", "KGZ", "Kyrgyzstan"},
        {"la", "LAO", "Laos"},
        {"lv", "LVA", "Latvia"},
        {"lb", "LBN", "Lebanon"},
        {"ls", "LSO", "Lesotho"},
        {"lr", "LBR", "Liberia"},
        {"ly", "LBY", "Libya"},
        {"li", "LIE", "Liechtenstein"},
        {"lt", "LTU", "Lithuania"},
        {"lu", "LUX", "Luxembourg"},
        {"mo", "MAC", "Macao"},
        {"mg", "MDG", "Madagascar"},
        {"mw", "MWI", "Malawi"},
        {"my", "MYS", "Malaysia"},
        {"mv", "MDV", "Maldives"},
        {"ml", "MLI", "Mali"},
        {"mt", "MLT", "Malta"},
        {"mh", "MHL", "Marshall Islands"},
        {"mq", "MTQ", "Martinique"},
        {"mr", "MRT", "Mauritania"},
        {"mu", "MUS", "Mauritius"},
        {"yt", "MYT", "Mayotte"},
        {"mx", "MEX", "Mexico"},
        {"fm", "FSM", "Micronesia"},
        {"md", "MDA", "Moldova"},
        {"mc", "MCO", "Monaco"},
        {"mn", "MNG", "Mongolia"},
        {"me", "MNE", "Montenegro"},
        {"ms", "MSR", "Montserrat"},
        {"ma", "MAR", "Morocco"},
        {"mz", "MOZ", "Mozambique"},
        {"mm", "MMR", "Myanmar"},
        {"na", "NAM", "Namibia"},
        {"nr", "NRU", "Nauru"},
        {"np", "NPL", "Nepal"},
        {"nl", "NLD", "Netherlands"},
        {"nc", "NCL", "New Caledonia"},
        {"nz", "NZL", "New Zealand"},
        {"ni", "NIC", "Nicaragua"},
        {"ne", "NER", "Niger"},
        {"ng", "NGA", "Nigeria"},
        {"nu", "NIU", "Niue"},
        {"nf", "NFK", "Norfolk Island"},
        {"mk", "MKD", "North Macedonia"},
        {"mp", "MNP", "Northern Mariana Islands"},
        {"no", "NOR", "Norway"},
        {"om", "OMN", "Oman"},
        {"pk", "PAK", "Pakistan"},
        {"pw", "PLW", "Palau"},
        {"ps", "PSE", "Palestine"},
        {"pa", "PAN", "Panama"},
        {"pg", "PNG", "Papua New Guinea"},
        {"py", "PRY", "Paraguay"},
        {"pe", "PER", "Peru"},
        {"ph", "PHL", "Philippines"},
        {"pn", "PCN", "Pitcairn"},
        {"pl", "POL", "Poland"},
        {"pt", "PRT", "Portugal"},
        {"pr", "PRI", "Puerto Rico"},
        {"qa", "QAT", "Qatar"},
        {"re", "REU", "Réunion"},
        {"ro", "ROU", "Romania"},
        {"ru", "RUS", "Russia"},
        {"rw", "RWA", "Rwanda"},
        {"bl", "BLM", "Saint Barthélemy"},
        {"sh", "SHN", "Saint Helena, Ascension and Tristan da Cunha"},
        {"kn", "KNA", "Saint Kitts and Nevis"},
        {"lc", "LCA", "Saint Lucia"},
        {"mf", "MAF", "Saint Martin (French part)"},
        {"pm", "SPM", "Saint Pierre and Miquelon"},
        {"vc", "VCT", "Saint Vincent and the Grenadines"},
        {"ws", "WSM", "Samoa"},
        {"sm", "SMR", "San Marino"},
        {"st", "STP", "Sao Tome and Principe"},
        {"sa", "SAU", "Saudi Arabia"},
        {"sn", "SEN", "Senegal"},
        {"rs", "SRB", "Serbia"},
        {"sc", "SYC", "Seychelles"},
        {"sl", "SLE", "Sierra Leone"},
        {"sg", "SGP", "Singapore"},
        {"sx", "SXM", "Sint Maarten (Dutch part)"},
        {"sk", "SVK", "Slovakia"},
        {"si", "SVN", "Slovenia"},
        {"sb", "SLB", "Solomon Islands"},
        {"so", "SOM", "Somalia"},
        {"za", "ZAF", "South Africa"},
        {"gs", "SGS", "South Georgia and the South Sandwich Islands"},
        {"ss", "SSD", "South Sudan"},
        {"es", "ESP", "Spain"},
        {"lk", "LKA", "Sri Lanka"},
        {"sd", "SDN", "Sudan"},
        {"sr", "SUR", "Suriname"},
        {"sj", "SJM", "Svalbard and Jan Mayen"},
        {"se", "SWE", "Sweden"},
        {"ch", "CHE", "Switzerland"},
        {"sy", "SYR", "Syria"},
        {"tw", "TWN", "Taiwan"},
        {"tj", "TJK", "Tajikistan"},
        {"tz", "TZA", "Tanzania"},
        {"th", "THA", "Thailand"},
        {"tl", "TLS", "Timor-Leste"},
        {"tg", "TGO", "Togo"},
        {"tk", "TKL", "Tokelau"},
        {"to", "TON", "Tonga"},
        {"tt", "TTO", "Trinidad and Tobago"},
        {"tn", "TUN", "Tunisia"},
        {"tr", "TUR", "Türkiye"},
        {"tm", "TKM", "Turkmenistan"},
        {"tc", "TCA", "Turks and Caicos Islands"},
        {"tv", "TUV", "Tuvalu"},
        {"ug", "UGA", "Uganda"},
        {"ua", "UKR", "Ukraine"},
        {"ae", "ARE", "United Arab Emirates"},
        {"gb", "GBR", "United Kingdom"},
        {"us", "USA", "United States"},
        {"um", "UMI", "United States Minor Outlying Islands"},
        {"uy", "URY", "Uruguay"},
        {"uz", "UZB", "Uzbekistan"},
        {"vu", "VUT", "Vanuatu"},
        {"ve", "VEN", "Venezuela"},
        {"vn", "VNM", "Viet Nam"},
        {"vg", "VGB", "British Virgin Islands"},
        {"vi", "VIR", "United States Virgin Islands"},
        {"wf", "WLF", "Wallis and Futuna"},
        {"eh", "ESH", "Western Sahara"},
        {"ye", "YEM", "Yemen"},
        {"zm", "ZMB", "Zambia"},
        {"zw", "ZWE", "Zimbabwe"},
};

/* Codes outside ISO 3166-1 that travel documents and sources use. */
static const struct country extra_countries[] = {
        {"xk", "XKX", "Kosovo"},
        {"xxa", "XXA", "Stateless"},
        {"xxb", "XXB", "Refugee (1951 Convention)"},
        {"xxc", "XXC", "Refugee (other)"},
        {"xxx", "XXX", "Unspecified nationality"},
        {"eu", "EUE", "European Union"},
};

struct country_alias {
	const char *alias;
	const char *code;
};

/* Other spellings: ICAO codes, official long forms, common names, demonyms. */
static const struct country_alias aliases[] = {
        /* ICAO 9303 codes that are not ISO alpha-3 */
        {"D", "de"},
        {"GBD", "gb"},  /* British Overseas Territories citizen */
        {"GBN", "gb"},  /* British National (Overseas) */
        {"GBO", "gb"},  /* British Overseas citizen */
        {"GBP", "gb"},  /* British protected person */
        {"GBS", "gb"},  /* British subject */
        {"UNK", "xk"},  /* resident of Kosovo, UNMIK document */
        {"UNO", "xxx"}, /* United Nations official: no nationality stated */
        {"UNA", "xxx"}, /* UN specialised agency official */
        {"RKS", "xk"},
        /* United Kingdom and its nations */
        {"UK", "gb"},
        {"Great Britain", "gb"},
        {"Britain", "gb"},
        {"United Kingdom of Great Britain and Northern Ireland", "gb"},
        {"England", "gb"},
        {"Scotland", "gb"},
        {"Wales", "gb"},
        {"Northern Ireland", "gb"},
        {"British", "gb"},
        {"English", "gb"},
        /* official long forms and older names */
        {"United States of America", "us"},
        {"America", "us"},
        {"Bolivia, Plurinational State of", "bo"},
        {"Brunei", "bn"},
        {"Cape Verde", "cv"},
        {"Congo, Democratic Republic of the", "cd"},
        {"Congo, The Democratic Republic of the", "cd"},
        {"DR Congo", "cd"},
        {"DRC", "cd"},
        {"Congo-Kinshasa", "cd"},
        {"Republic of the Congo", "cg"},
        {"Congo-Brazzaville", "cg"},
        {"Ivory Coast", "ci"},
        {"Czech Republic", "cz"},
        {"Swaziland", "sz"},
        {"Falkland Islands (Malvinas)", "fk"},
        {"Gambia, The", "gm"},
        {"The Gambia", "gm"},
        {"Bahamas, The", "bs"},
        {"The Bahamas", "bs"},
        {"Holy See (Vatican City State)", "va"},
        {"Vatican", "va"},
        {"Vatican City", "va"},
        {"Iran, Islamic Republic of", "ir"},
        {"Islamic Republic of Iran", "ir"},
        {"Persia", "ir"},
        {"Korea, Democratic People's Republic of", "kp"},
        {"Democratic People's Republic of Korea", "kp"},
        {"DPRK", "kp"},
        {"Korea, Republic of", "kr"},
        {"Republic of Korea", "kr"},
        {"Lao People's Democratic Republic", "la"},
        {"Macau", "mo"},
        {"Micronesia, Federated States of", "fm"},
        {"Moldova, Republic of", "md"},
        {"Republic of Moldova", "md"},
        {"Burma", "mm"},
        {"Holland", "nl"},
        {"The Netherlands", "nl"},
        {"Netherlands, Kingdom of the", "nl"},
        {"Macedonia", "mk"},
        {"Republic of North Macedonia", "mk"},
        {"Palestine, State of", "ps"},
        {"State of Palestine", "ps"},
        {"Palestinian Territories", "ps"},
        {"Occupied Palestinian Territory", "ps"},
        {"Russian Federation", "ru"},
        {"Saint Helena", "sh"},
        {"St Helena", "sh"},
        {"St Lucia", "lc"},
        {"St Kitts and Nevis", "kn"},
        {"St Vincent and the Grenadines", "vc"},
        {"Syrian Arab Republic", "sy"},
        {"Taiwan, Province of China", "tw"},
        {"Tanzania, United Republic of", "tz"},
        {"United Republic of Tanzania", "tz"},
        {"East Timor", "tl"},
        {"Turkey", "tr"},
        {"UAE", "ae"},
        {"Venezuela, Bolivarian Republic of", "ve"},
        {"Vietnam", "vn"},
        {"Virgin Islands, British", "vg"},
        {"Virgin Islands (British)", "vg"},
        {"Virgin Islands, U.S.", "vi"},
        {"Virgin Islands (U.S.)", "vi"},
        {"Republic of Kosovo", "xk"},
        {"Stateless person", "xxa"},
        /* demonyms: how nationality is often written in debriefs and forms */
        {"Afghan", "af"},
        {"Albanian", "al"},
        {"Algerian", "dz"},
        {"American", "us"},
        {"Angolan", "ao"},
        {"Bangladeshi", "bd"},
        {"Belgian", "be"},
        {"Brazilian", "br"},
        {"Bulgarian", "bg"},
        {"Burundian", "bi"},
        {"Cameroonian", "cm"},
        {"Chadian", "td"},
        {"Chinese", "cn"},
        {"Colombian", "co"},
        {"Croatian", "hr"},
        {"Cuban", "cu"},
        {"Czech", "cz"},
        {"Danish", "dk"},
        {"Dutch", "nl"},
        {"Egyptian", "eg"},
        {"Emirati", "ae"},
        {"Eritrean", "er"},
        {"Ethiopian", "et"},
        {"Filipino", "ph"},
        {"French", "fr"},
        {"Gambian", "gm"},
        {"Georgian", "ge"},
        {"German", "de"},
        {"Ghanaian", "gh"},
        {"Greek", "gr"},
        {"Guinean", "gn"},
        {"Hungarian", "hu"},
        {"Indian", "in"},
        {"Indonesian", "id"},
        {"Iranian", "ir"},
        {"Iraqi", "iq"},
        {"Irish", "ie"},
        {"Italian", "it"},
        {"Ivorian", "ci"},
        {"Jordanian", "jo"},
        {"Kenyan", "ke"},
        {"Kosovan", "xk"},
        {"Kosovar", "xk"},
        {"Kuwaiti", "kw"},
        {"Lebanese", "lb"},
        {"Libyan", "ly"},
        {"Lithuanian", "lt"},
        {"Malian", "ml"},
        {"Moroccan", "ma"},
        {"Nepalese", "np"},
        {"Nepali", "np"},
        {"Nigerian", "ng"},
        {"Nigerien", "ne"},
        {"Pakistani", "pk"},
        {"Palestinian", "ps"},
        {"Polish", "pl"},
        {"Portuguese", "pt"},
        {"Romanian", "ro"},
        {"Russian", "ru"},
        {"Rwandan", "rw"},
        {"Saudi", "sa"},
        {"Senegalese", "sn"},
        {"Serbian", "rs"},
        {"Sierra Leonean", "sl"},
        {"Slovak", "sk"},
        {"Somali", "so"},
        {"South Sudanese", "ss"},
        {"Spanish", "es"},
        {"Sri Lankan", "lk"},
        {"Sudanese", "sd"},
        {"Swedish", "se"},
        {"Swiss", "ch"},
        {"Syrian", "sy"},
        {"Tunisian", "tn"},
        {"Turkish", "tr"},
        {"Ugandan", "ug"},
        {"Ukrainian", "ua"},
        {"Vietnamese", "vn"},
        {"Yemeni", "ye"},
        {"Zimbabwean", "zw"},
};

#define N_ISO   (sizeof(iso_countries) / sizeof(iso_countries[0]))
#define N_EXTRA (sizeof(extra_countries) / sizeof(extra_countries[0]))
#define N_ALIAS (sizeof(aliases) / sizeof(aliases[0]))
#define N_KEYS  ((N_ISO + N_EXTRA) * 3 + N_ALIAS)

_Static_assert(N_ISO == 249, "ISO 3166-1 has 249 countries");

struct country_key {
	const char *key;
	const struct country *country;
};

static struct country_key keys[N_KEYS];
static size_t n_keys;
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

/* ---- loose key comparison --------------------------------------------------- */

/*
 * Base letter of a precomposed Latin-1 letter U+00C0..U+00FF, given its
 * UTF-8 second byte (after 0xC3); 0 for the few that have none (Æ, ß ...).
 */
static char fold_latin1(unsigned char b)
{
	/* U+00C0..U+00DF, then the same letters in lower case U+00E0..U+00FF */
	static const char map[65] = "aaaaaa\0ceeeeiiii\0nooooo\0ouuuuy\0\0"
	                            "aaaaaa\0ceeeeiiii\0nooooo\0ouuuuy\0y";

	return b >= 0x80 && b <= 0xbf ? map[b - 0x80] : '\0';
}

struct key_iter {
	const unsigned char *p;
	bool space; /* a separator is pending */
	bool started;
};

/* Next byte of the loose form of a key; 0 at the end. */
static int key_next(struct key_iter *it)
{
	for (;;) {
		const unsigned char *p = it->p;
		int c = *p;
		int out;
		size_t adv = 1;

		if (c == '\0')
			return 0;
		if (c == '.' || c == '\'') {
			it->p++;
			continue;
		}
		/* ’ ‘ (U+2019, U+2018): apostrophes */
		if (c == 0xe2 && p[1] == 0x80 && (p[2] == 0x98 || p[2] == 0x99)) {
			it->p += 3;
			continue;
		}
		/* combining diacritical marks U+0300..U+036F (decomposed accents) */
		if ((c == 0xcc && p[1] >= 0x80 && p[1] <= 0xbf) ||
		    (c == 0xcd && p[1] >= 0x80 && p[1] <= 0xaf)) {
			it->p += 2;
			continue;
		}
		if (c < 0x80 &&
		    !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
			it->space = true;
			it->p++;
			continue;
		}
		if (c >= 'A' && c <= 'Z') {
			out = c - 'A' + 'a';
		} else if (c == 0xc3 && fold_latin1(p[1])) {
			out = fold_latin1(p[1]);
			adv = 2;
		} else {
			out = c;
		}
		if (it->space && it->started) {
			it->space = false;
			return ' ';
		}
		it->space = false;
		it->started = true;
		it->p += adv;
		return out;
	}
}

static int key_cmp(const char *a, const char *b)
{
	struct key_iter ia = {(const unsigned char *)a, false, false};
	struct key_iter ib = {(const unsigned char *)b, false, false};

	for (;;) {
		int ca = key_next(&ia), cb = key_next(&ib);

		if (ca != cb || ca == 0)
			return ca - cb;
	}
}

static int entry_cmp(const void *a, const void *b)
{
	const struct country_key *ka = a, *kb = b;

	return key_cmp(ka->key, kb->key);
}

static void add_key(const char *key, const struct country *c)
{
	keys[n_keys].key = key;
	keys[n_keys].country = c;
	n_keys++;
}

static const struct country *by_code(const char *code)
{
	for (size_t i = 0; i < N_ISO; i++) {
		if (strcmp(iso_countries[i].code, code) == 0)
			return &iso_countries[i];
	}
	for (size_t i = 0; i < N_EXTRA; i++) {
		if (strcmp(extra_countries[i].code, code) == 0)
			return &extra_countries[i];
	}
	return NULL;
}

static void index_build(void)
{
	for (size_t i = 0; i < N_ISO + N_EXTRA; i++) {
		const struct country *c =
		        i < N_ISO ? &iso_countries[i] : &extra_countries[i - N_ISO];

		add_key(c->code, c);
		add_key(c->alpha3, c);
		add_key(c->name, c);
	}
	for (size_t i = 0; i < N_ALIAS; i++) {
		const struct country *c = by_code(aliases[i].code);

		if (c) /* a bad alias code is caught by iv_country_index_check's test */
			add_key(aliases[i].alias, c);
	}
	qsort(keys, n_keys, sizeof(keys[0]), entry_cmp);
}

static const struct country *find(const char *s)
{
	struct country_key probe = {s, NULL};
	const struct country_key *hit;

	if (!s || strlen(s) > 128)
		return NULL;
	pthread_once(&index_once, index_build);
	hit = bsearch(&probe, keys, n_keys, sizeof(keys[0]), entry_cmp);
	return hit ? hit->country : NULL;
}

const char *iv_country_code(const char *code_or_name)
{
	const struct country *c = find(code_or_name);

	return c ? c->code : NULL;
}

const char *iv_country_name(const char *code)
{
	char lower[4];
	size_t n = code ? strlen(code) : 0;
	const struct country *c;

	if (n < 2 || n > 3)
		return NULL;
	for (size_t i = 0; i < n && i < sizeof(lower) - 1; i++)
		lower[i] = (char)(code[i] >= 'A' && code[i] <= 'Z' ? code[i] - 'A' + 'a' : code[i]);
	lower[n] = '\0';
	c = by_code(lower);
	return c ? c->name : NULL;
}

bool iv_country_is_status(const char *code)
{
	/* countries normalise to two letters; the ICAO statuses in extra_countries to three */
	return code && strlen(code) == 3 && by_code(code) != NULL;
}

size_t iv_country_iso_count(void)
{
	return N_ISO;
}

bool iv_country_index_check(const char **key)
{
	pthread_once(&index_once, index_build);
	if (n_keys != N_KEYS) {
		*key = "(an alias names an unknown code)";
		return false;
	}
	for (size_t i = 1; i < n_keys; i++) {
		if (key_cmp(keys[i - 1].key, keys[i].key) == 0 &&
		    keys[i - 1].country != keys[i].country) {
			*key = keys[i].key;
			return false;
		}
	}
	return true;
}

enum iv_err iv_norm_country(const char *s, size_t n, const struct iv_norm_ctx *ctx,
                            struct iv_buf *out, bool *valid)
{
	const char *code = iv_country_code(s);

	*valid = code != NULL;
	return code ? iv_buf_adds(out, code) : IV_OK;
}
