/*
 * norm_calendar.c - what the date normaliser needs beyond digits: the
 * words dates are written with, in the languages of the taskforce's
 * sources, and the calendars behind them.
 *
 * Words: month names (Gregorian in English, French, German, Italian,
 * Spanish, Portuguese, Dutch, Greek, Turkish, Albanian, Russian,
 * Ukrainian, Arabic as Egypt and the Gulf, the Levant and Iraq, and the
 * Maghreb write them, Urdu, Sorani Kurdish, Bengali and Tigrinya as
 * Eritrea uses it; Solar Hijri in Persian, Dari, Pashto and Sorani; lunar
 * Hijri in Arabic, Persian and Latin letters; Ethiopian in Amharic and
 * Latin letters), calendar markers (هـ, هـ.ش, ዓ.ም, AH, SH, EC, AD, م),
 * words that say a date is approximate (circa, حوالي) and words that
 * carry nothing (de, г., ቀን).  A word is compared after iv_date_fold, so
 * that case, accents, Arabic hamza and vowel signs, and the Arabic and
 * Persian forms of ي and ك, Pashto letters written with Persian ones and
 * Amharic's interchangeable letters (ሃ ሀ ኀ, ሠ ሰ, ፀ ጸ) do not matter; the
 * table is written as people write the words and folded once, at first
 * use.
 *
 * Calendars: ICU's Persian, Umm al-Qura and Ethiopic calendars turn a
 * date into the Gregorian one (iv_calendar_to_gregorian).  Tigrinya month
 * names are Gregorian in Eritrea and Ethiopian in Tigray: such a word has
 * a second reading that applies when the value or its source names the
 * Ethiopian calendar, or the value leans to it (HINT: Amharic ቀን).  Four
 * names Amharic spells alike are either (TE), and need one of those.
 * Roman numeral months have no calendar of their own.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ucal.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "iv/util.h"
#include "schema/schema_int.h"

static const char *const calendar_names[] = {
        [IV_CAL_UNSET] = "unset",       [IV_CAL_GREGORIAN] = "gregorian",
        [IV_CAL_PERSIAN] = "persian",   [IV_CAL_ISLAMIC] = "islamic",
        [IV_CAL_ETHIOPIC] = "ethiopic",
};

const char *iv_calendar_name(enum iv_calendar c)
{
	return (unsigned)c < sizeof(calendar_names) / sizeof(calendar_names[0]) ? calendar_names[c]
	                                                                        : NULL;
}

bool iv_calendar_from_name(const char *name, enum iv_calendar *out)
{
	static const struct {
		const char *name;
		enum iv_calendar c;
	} other[] = {{"solar-hijri", IV_CAL_PERSIAN},
	             {"hijri", IV_CAL_ISLAMIC},
	             {"umalqura", IV_CAL_ISLAMIC},
	             {"ethiopian", IV_CAL_ETHIOPIC}};

	if (!name)
		return false;
	for (unsigned c = IV_CAL_GREGORIAN; c < sizeof(calendar_names) / sizeof(calendar_names[0]);
	     c++)
		if (!strcmp(name, calendar_names[c])) {
			*out = (enum iv_calendar)c;
			return true;
		}
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++)
		if (!strcmp(name, other[i].name)) {
			*out = other[i].c;
			return true;
		}
	return false;
}

/* ---- the words ---------------------------------------------------------------- */

/* clang-format off */
#define G(t, m)     {t, IV_DATE_WORD_MONTH, m, IV_CAL_GREGORIAN, 0, IV_CAL_GREGORIAN}
#define P(t, m)     {t, IV_DATE_WORD_MONTH, m, IV_CAL_PERSIAN, 0, IV_CAL_GREGORIAN}
#define H(t, m)     {t, IV_DATE_WORD_MONTH, m, IV_CAL_ISLAMIC, 0, IV_CAL_GREGORIAN}
#define E(t, m)     {t, IV_DATE_WORD_MONTH, m, IV_CAL_ETHIOPIC, 0, IV_CAL_GREGORIAN}
/* a Tigrinya month: Gregorian in Eritrea, the Ethiopian month e in Tigray */
#define TI(t, m, e) {t, IV_DATE_WORD_MONTH, m, IV_CAL_GREGORIAN, e, IV_CAL_ETHIOPIC}
/* a month Tigrinya (Gregorian, Eritrea) and Amharic (Ethiopian) spell alike */
#define TE(t, m, e) {t, IV_DATE_WORD_MONTH_EITHER, m, IV_CAL_GREGORIAN, e, IV_CAL_ETHIOPIC}
#define ROMAN(t, m) {t, IV_DATE_WORD_ROMAN, m, IV_CAL_GREGORIAN, 0, IV_CAL_GREGORIAN}
#define HINT(t, c)  {t, IV_DATE_WORD_HINT, 0, c, 0, IV_CAL_GREGORIAN}
#define MARK(t, c)  {t, IV_DATE_WORD_MARK, 0, c, 0, IV_CAL_GREGORIAN}
#define ABOUT(t)    {t, IV_DATE_WORD_ABOUT, 0, IV_CAL_GREGORIAN, 0, IV_CAL_GREGORIAN}
#define SKIP(t)     {t, IV_DATE_WORD_SKIP, 0, IV_CAL_GREGORIAN, 0, IV_CAL_GREGORIAN}

static const struct iv_date_word words[] = {
        /* English (three-letter abbreviations of all twelve, and Sept) */
        G("january", 1), G("jan", 1), G("february", 2), G("feb", 2), G("march", 3), G("mar", 3),
        G("april", 4), G("apr", 4), G("may", 5), G("june", 6), G("jun", 6), G("july", 7),
        G("jul", 7), G("august", 8), G("aug", 8), G("september", 9), G("sep", 9), G("sept", 9),
        G("october", 10), G("oct", 10), G("november", 11), G("nov", 11), G("december", 12),
        G("dec", 12),
        /* French */
        G("janvier", 1), G("janv", 1), G("février", 2), G("févr", 2), G("fév", 2), G("mars", 3),
        G("avril", 4), G("avr", 4), G("mai", 5), G("juin", 6), G("juillet", 7), G("juil", 7),
        G("août", 8), G("aou", 8), G("septembre", 9), G("octobre", 10), G("novembre", 11), G("décembre", 12),
        G("déc", 12),
        /* German */
        G("januar", 1), G("jänner", 1), G("jän", 1), G("februar", 2), G("feber", 2),
        G("märz", 3), G("maerz", 3), G("mär", 3), G("mrz", 3), G("jaenner", 1), G("juni", 6),
        G("juli", 7), G("oktober", 10), G("okt", 10), G("dezember", 12), G("dez", 12),
        /* Italian */
        G("gennaio", 1), G("gen", 1), G("febbraio", 2), G("marzo", 3), G("aprile", 4),
        G("maggio", 5), G("mag", 5), G("giugno", 6), G("giu", 6), G("luglio", 7), G("lug", 7),
        G("agosto", 8), G("ago", 8), G("settembre", 9), G("set", 9), G("ottobre", 10),
        G("ott", 10), G("dicembre", 12), G("dic", 12),
        /* Spanish and Portuguese */
        G("enero", 1), G("ene", 1), G("febrero", 2), G("abril", 4), G("abr", 4), G("mayo", 5),
        G("junio", 6), G("julio", 7), G("septiembre", 9), G("setiembre", 9), G("octubre", 10),
        G("noviembre", 11), G("diciembre", 12), G("janeiro", 1), G("fevereiro", 2), G("fev", 2),
        G("março", 3), G("maio", 5), G("junho", 6), G("julho", 7), G("setembro", 9),
        G("outubro", 10), G("out", 10), G("novembro", 11), G("dezembro", 12),
        /* Dutch */
        G("januari", 1), G("februari", 2), G("maart", 3), G("mrt", 3), G("mei", 5),
        G("augustus", 8),
        /* Turkish (with and without its letters: folding drops them) */
        G("ocak", 1), G("oca", 1), G("şubat", 2), G("şub", 2), G("mart", 3), G("nisan", 4),
        G("nis", 4), G("mayıs", 5), G("haziran", 6), G("haz", 6), G("temmuz", 7), G("tem", 7),
        G("ağustos", 8), G("ağu", 8), G("eylül", 9), G("eyl", 9), G("ekim", 10), G("eki", 10),
        G("kasım", 11), G("kas", 11), G("aralık", 12), G("ara", 12),
        /* Albanian */
        G("janar", 1), G("shkurt", 2), G("prill", 4), G("maj", 5), G("qershor", 6),
        G("korrik", 7), G("gusht", 8), G("shtator", 9), G("tetor", 10), G("nëntor", 11),
        G("dhjetor", 12),
        /* Greek, nominative and genitive */
        G("ιανουάριος", 1), G("ιανουαρίου", 1), G("ιαν", 1), G("φεβρουάριος", 2),
        G("φεβρουαρίου", 2), G("φεβ", 2), G("μάρτιος", 3), G("μαρτίου", 3), G("μαρ", 3),
        G("απρίλιος", 4), G("απριλίου", 4), G("απρ", 4), G("μάιος", 5), G("μαΐου", 5),
        G("μαΐ", 5), G("ιούνιος", 6), G("ιουνίου", 6), G("ιουν", 6), G("ιούλιος", 7),
        G("ιουλίου", 7), G("ιουλ", 7), G("αύγουστος", 8), G("αυγούστου", 8), G("αυγ", 8),
        G("σεπτέμβριος", 9), G("σεπτεμβρίου", 9), G("σεπ", 9), G("οκτώβριος", 10),
        G("οκτωβρίου", 10), G("οκτ", 10), G("νοέμβριος", 11), G("νοεμβρίου", 11), G("νοε", 11),
        G("δεκέμβριος", 12), G("δεκεμβρίου", 12), G("δεκ", 12),
        /* Russian, nominative and genitive */
        G("январь", 1), G("января", 1), G("янв", 1), G("февраль", 2), G("февраля", 2),
        G("фев", 2), G("март", 3), G("марта", 3), G("мар", 3), G("апрель", 4), G("апреля", 4),
        G("апр", 4), G("май", 5), G("мая", 5), G("июнь", 6), G("июня", 6), G("июн", 6),
        G("июль", 7), G("июля", 7), G("июл", 7), G("август", 8), G("августа", 8), G("авг", 8),
        G("сентябрь", 9), G("сентября", 9), G("сен", 9), G("сент", 9), G("октябрь", 10),
        G("октября", 10), G("окт", 10), G("ноябрь", 11), G("ноября", 11), G("ноя", 11),
        G("нояб", 11), G("декабрь", 12), G("декабря", 12), G("дек", 12),
        /* Ukrainian */
        G("січень", 1), G("січня", 1), G("лютий", 2), G("лютого", 2), G("березень", 3),
        G("березня", 3), G("квітень", 4), G("квітня", 4), G("травень", 5), G("травня", 5),
        G("червень", 6), G("червня", 6), G("липень", 7), G("липня", 7), G("серпень", 8),
        G("серпня", 8), G("вересень", 9), G("вересня", 9), G("жовтень", 10), G("жовтня", 10),
        G("листопад", 11), G("листопада", 11), G("грудень", 12), G("грудня", 12),
        /* Arabic: Egypt, Sudan, the Gulf */
        G("يناير", 1), G("فبراير", 2), G("مارس", 3), G("أبريل", 4), G("إبريل", 4), G("مايو", 5),
        G("يونيو", 6), G("يونيه", 6), G("يوليو", 7), G("يوليه", 7), G("أغسطس", 8),
        G("سبتمبر", 9), G("أكتوبر", 10), G("نوفمبر", 11), G("ديسمبر", 12),
        /* Arabic: Libya's own names, 1986-2011 */
        G("أي النار", 1), G("النوار", 2), G("الربيع", 3), G("الطير", 4), G("الماء", 5),
        G("الصيف", 6), G("ناصر", 7), G("هانيبال", 8), G("الفاتح", 9), G("التمور", 10),
        G("الحرث", 11), G("الكانون", 12),
        /* Arabic: the Levant and Iraq */
        G("كانون الثاني", 1), G("شباط", 2), G("آذار", 3), G("نيسان", 4), G("أيار", 5),
        G("حزيران", 6), G("تموز", 7), G("آب", 8), G("أيلول", 9), G("تشرين الأول", 10),
        G("تشرين الثاني", 11), G("كانون الأول", 12),
        /* Arabic: Algeria, Tunisia (from French) and Morocco */
        G("جانفي", 1), G("فيفري", 2), G("أفريل", 4), G("ماي", 5), G("جوان", 6), G("جويلية", 7),
        G("أوت", 8), G("يوليوز", 7), G("غشت", 8), G("شتنبر", 9), G("نونبر", 11), G("دجنبر", 12),
        /* Persian names of Gregorian months (Iran) */
        G("ژانویه", 1), G("ژانویهٔ", 1), G("فوریه", 2), G("آوریل", 4), G("مه", 5), G("ژوئن", 6),
        G("ژوئیه", 7), G("ژوییه", 7), G("اوت", 8), G("آگوست", 8), G("سپتامبر", 9),
        G("اکتبر", 10), G("نوامبر", 11), G("دسامبر", 12), G("می", 5),
        /* Roman numerals, as Central and Eastern Europe write months (21.IV.1978); X in
           norm_date.c, since XX/XX/1985 is unknown */
        ROMAN("i", 1), ROMAN("ii", 2), ROMAN("iii", 3), ROMAN("iv", 4), ROMAN("v", 5),
        ROMAN("vi", 6), ROMAN("vii", 7), ROMAN("viii", 8), ROMAN("ix", 9), ROMAN("xi", 11),
        ROMAN("xii", 12),
        /* Urdu */
        G("جنوری", 1), G("فروری", 2), G("مارچ", 3), G("اپریل", 4), G("مئی", 5), G("جون", 6),
        G("جولائی", 7), G("اگست", 8), G("ستمبر", 9), G("اکتوبر", 10), G("نومبر", 11),
        G("دسمبر", 12),
        /* Sorani Kurdish (Iraq: the Syriac names) */
        G("کانوونی دووەم", 1), G("شوبات", 2), G("ئازار", 3), G("ئایار", 5), G("حوزەیران", 6),
        G("تەممووز", 7), G("ئاب", 8), G("ئەیلوول", 9), G("تشرینی یەکەم", 10),
        G("تشرینی دووەم", 11), G("کانوونی یەکەم", 12),
        /* Serbian, Bosnian and Montenegrin (Cyrillic and Latin), Macedonian, Bulgarian */
        G("јануар", 1), G("јануара", 1), G("фебруар", 2), G("фебруара", 2), G("марта", 3),
        G("април", 4), G("априла", 4), G("мај", 5), G("маја", 5), G("јун", 6), G("јуна", 6),
        G("јул", 7), G("јула", 7), G("августа", 8), G("септембар", 9), G("септембра", 9),
        G("октобар", 10), G("октобра", 10), G("новембар", 11), G("новембра", 11),
        G("децембар", 12), G("децембра", 12), G("januara", 1), G("februara", 2),
        G("marta", 3), G("aprila", 4), G("maja", 5), G("juna", 6), G("jula", 7),
        G("avgust", 8), G("avgusta", 8), G("augusta", 8), G("septembar", 9),
        G("septembra", 9), G("oktobar", 10), G("oktobra", 10), G("novembar", 11),
        G("novembra", 11), G("decembar", 12), G("decembra", 12), G("јануари", 1),
        G("февруари", 2), G("јуни", 6), G("јули", 7), G("септември", 9), G("октомври", 10),
        G("ноември", 11), G("декември", 12), G("януари", 1), G("юни", 6), G("юли", 7),
        /* Croatian (listopad is October here and November in Polish and Czech: left out) */
        G("siječanj", 1), G("siječnja", 1), G("veljača", 2), G("veljače", 2), G("ožujak", 3),
        G("ožujka", 3), G("travanj", 4), G("travnja", 4), G("svibanj", 5), G("svibnja", 5),
        G("lipanj", 6), G("lipnja", 6), G("srpanj", 7), G("srpnja", 7), G("kolovoz", 8),
        G("kolovoza", 8), G("rujan", 9), G("rujna", 9), G("studeni", 11), G("studenoga", 11),
        G("studenog", 11), G("prosinac", 12), G("prosinca", 12),
        /* Slovenian */
        G("januarja", 1), G("februarja", 2), G("marec", 3), G("marca", 3), G("junij", 6),
        G("junija", 6), G("julij", 7), G("julija", 7), G("avgusta", 8), G("septembra", 9),
        /* Hungarian (and its year-first order, 2010. augusztus 13.) */
        G("január", 1), G("február", 2), G("febr", 2), G("március", 3), G("márc", 3),
        G("április", 4), G("ápr", 4), G("május", 5), G("máj", 5), G("június", 6), G("jún", 6),
        G("július", 7), G("júl", 7), G("augusztus", 8), G("szeptember", 9), G("szept", 9),
        G("október", 10),
        /* Romanian */
        G("ianuarie", 1), G("ian", 1), G("februarie", 2), G("martie", 3), G("aprilie", 4),
        G("iunie", 6), G("iun", 6), G("iulie", 7), G("iul", 7), G("septembrie", 9),
        G("octombrie", 10), G("noiembrie", 11), G("noi", 11), G("decembrie", 12),
        /* Czech (listopad, November here and October in Croatian, is left out) */
        G("leden", 1), G("ledna", 1), G("únor", 2), G("února", 2), G("březen", 3),
        G("března", 3), G("duben", 4), G("dubna", 4), G("květen", 5), G("května", 5),
        G("červen", 6), G("června", 6), G("červenec", 7), G("července", 7), G("srpen", 8),
        G("srpna", 8), G("září", 9), G("říjen", 10), G("října", 10), G("prosinec", 12),
        G("prosince", 12),
        /* Polish abbreviations (lis, November here and October in Croatian, is left out) */
        G("sty", 1), G("lut", 2), G("kwi", 4), G("cze", 6), G("lip", 7), G("sie", 8),
        G("wrz", 9), G("paź", 10), G("gru", 12),
        /* English names as Amharic writes them (ኦገስት) */
        G("ጃንዋሪ", 1), G("ፌብሩዋሪ", 2), G("ማርች", 3), G("ኤፕሪል", 4), G("ሜይ", 5), G("ጁን", 6),
        G("ጁላይ", 7), G("ኦገስት", 8), G("ሴፕቴምበር", 9), G("ኦክቶበር", 10), G("ኖቬምበር", 11),
        G("ዲሴምበር", 12),
        /* Polish */
        G("styczeń", 1), G("stycznia", 1), G("luty", 2), G("lutego", 2), G("marzec", 3),
        G("kwiecień", 4), G("kwietnia", 4), G("czerwiec", 6), G("czerwca", 6),
        G("lipiec", 7), G("lipca", 7), G("sierpień", 8), G("sierpnia", 8), G("wrzesień", 9),
        G("września", 9), G("październik", 10), G("października", 10), G("grudzień", 12),
        G("grudnia", 12),
        /* Swedish, Danish, Norwegian */
        G("augusti", 8), G("marts", 3), G("desember", 12),
        /* Finnish, and its partitive (3. marraskuuta 2010) */
        G("tammikuu", 1), G("tammikuuta", 1), G("helmikuu", 2), G("helmikuuta", 2),
        G("maaliskuu", 3), G("maaliskuuta", 3), G("huhtikuu", 4), G("huhtikuuta", 4),
        G("toukokuu", 5), G("toukokuuta", 5), G("kesäkuu", 6), G("kesäkuuta", 6),
        G("heinäkuu", 7), G("heinäkuuta", 7), G("elokuu", 8), G("elokuuta", 8),
        G("syyskuu", 9), G("syyskuuta", 9), G("lokakuu", 10), G("lokakuuta", 10),
        G("marraskuu", 11), G("marraskuuta", 11), G("joulukuu", 12), G("joulukuuta", 12),
        /* Maltese */
        G("jannar", 1), G("frar", 2), G("marzu", 3), G("mejju", 5), G("ġunju", 6),
        G("lulju", 7), G("awwissu", 8), G("settembru", 9), G("ottubru", 10),
        G("novembru", 11), G("diċembru", 12),
        /* Pashto names of Gregorian months (Afghanistan) */
        G("جنوري", 1), G("فبروري", 2), G("جولای", 7), G("اګست", 8), G("سپتمبر", 9),
        G("ډسمبر", 12),
        /* Somali */
        G("janaayo", 1), G("febraayo", 2), G("maarso", 3), G("abriil", 4), G("maajo", 5),
        G("juun", 6), G("luulyo", 7), G("luuliyo", 7), G("agoosto", 8), G("ogosto", 8), G("sebtembar", 9), G("oktoobar", 10),
        G("nofembar", 11), G("desembar", 12),
        /* Kurmanji Kurdish (with the -ê dates give them) */
        G("kanûna paşîn", 1), G("kanûna paşin", 1), G("sibat", 2), G("sibatê", 2),
        G("adar", 3), G("adarê", 3), G("nîsan", 4), G("nîsanê", 4), G("gulan", 5),
        G("gulanê", 5), G("hezîran", 6), G("hezîranê", 6), G("tîrmeh", 7), G("tîrmehê", 7),
        G("tebax", 8), G("tebaxê", 8), G("îlon", 9), G("îlonê", 9), G("cotmeh", 10),
        G("cotmehê", 10), G("mijdar", 11), G("mijdarê", 11), G("kanûna pêşîn", 12),
        /* Georgian */
        G("იანვარი", 1), G("თებერვალი", 2), G("მარტი", 3), G("აპრილი", 4), G("მაისი", 5),
        G("ივნისი", 6), G("ივლისი", 7), G("აგვისტო", 8), G("სექტემბერი", 9),
        G("ოქტომბერი", 10), G("ნოემბერი", 11), G("დეკემბერი", 12),
        /* Hindi and Punjabi */
        G("जनवरी", 1), G("फ़रवरी", 2), G("फरवरी", 2), G("मार्च", 3), G("अप्रैल", 4), G("मई", 5),
        G("जून", 6), G("जुलाई", 7), G("अगस्त", 8), G("सितंबर", 9), G("सितम्बर", 9),
        G("अक्टूबर", 10), G("अक्तूबर", 10), G("नवंबर", 11), G("नवम्बर", 11), G("दिसंबर", 12),
        G("दिसम्बर", 12), G("ਜਨਵਰੀ", 1), G("ਫ਼ਰਵਰੀ", 2), G("ਫਰਵਰੀ", 2), G("ਮਾਰਚ", 3),
        G("ਅਪ੍ਰੈਲ", 4), G("ਅਪਰੈਲ", 4), G("ਮਈ", 5), G("ਜੂਨ", 6), G("ਜੁਲਾਈ", 7), G("ਅਗਸਤ", 8),
        G("ਸਤੰਬਰ", 9), G("ਅਕਤੂਬਰ", 10), G("ਨਵੰਬਰ", 11), G("ਦਸੰਬਰ", 12),
        /* Bengali */
        G("জানুয়ারি", 1), G("জানুয়ারী", 1), G("ফেব্রুয়ারি", 2), G("ফেব্রুয়ারী", 2), G("মার্চ", 3), G("এপ্রিল", 4), G("মে", 5),
        G("জুন", 6), G("জুলাই", 7), G("আগস্ট", 8), G("সেপ্টেম্বর", 9), G("অক্টোবর", 10),
        G("নভেম্বর", 11), G("ডিসেম্বর", 12),
        /* Tigrinya: Gregorian in Eritrea, Ethiopian in Tigray; the four Amharic spells alike
           are either, and the date or its source must say which */
        TI("ጥሪ", 1, 5), TI("ለካቲት", 2, 6), TE("መጋቢት", 3, 7), TE("ሚያዝያ", 4, 8), TE("ግንቦት", 5, 9),
        TI("ሰነ", 6, 10), TI("ሓምለ", 7, 11), TI("ነሓሰ", 8, 12), TE("መስከረም", 9, 1),
        TI("ጥቅምቲ", 10, 2), TI("ሕዳር", 11, 3), TI("ታሕሳስ", 12, 4),
        /* Ethiopian months as Amharic writes them (and the Latin names) */
        E("ጥቅምት", 2), E("ኅዳር", 3), E("ህዳር", 3), E("ታኅሣሥ", 4), E("ታህሳስ", 4), E("ታኅሳስ", 4),
        E("ጥር", 5), E("የካቲት", 6), E("ሚያዚያ", 8), E("ሰኔ", 10), E("ሐምሌ", 11), E("ሀምሌ", 11),
        E("ነሐሴ", 12), E("ነሀሴ", 12), E("ጳጉሜ", 13), E("ጳጉሜን", 13), E("meskerem", 1),
        E("tikimt", 2), E("tekemt", 2), E("tiqimt", 2), E("hidar", 3), E("hedar", 3),
        E("tahsas", 4), E("tahisas", 4), E("ter", 5), E("yekatit", 6), E("yakatit", 6),
        E("megabit", 7), E("miyazya", 8), E("miyazia", 8), E("ginbot", 9), E("genbot", 9),
        E("sene", 10), E("hamle", 11), E("nehase", 12), E("nehasse", 12), E("pagume", 13),
        E("pagumen", 13),
        /* Solar Hijri: Persian (Iran), in Arabic and Latin letters */
        P("فروردین", 1), P("اردیبهشت", 2), P("خرداد", 3), P("تیر", 4), P("مرداد", 5),
        P("امرداد", 5), P("شهریور", 6), P("مهر", 7), P("آبان", 8), P("آذر", 9), P("دی", 10),
        P("بهمن", 11), P("اسفند", 12), P("farvardin", 1), P("ordibehesht", 2), P("khordad", 3),
        {"tir", IV_DATE_WORD_MONTH, 4, IV_CAL_PERSIAN, 5, IV_CAL_ETHIOPIC}, P("mordad", 5),
        P("amordad", 5), P("shahrivar", 6), P("mehr", 7), P("aban", 8), P("azar", 9),
        P("dey", 10), P("dei", 10), P("bahman", 11), P("esfand", 12),
        /* Solar Hijri: Dari (Afghanistan, the zodiac names), Pashto and Sorani */
        P("حمل", 1), P("ثور", 2), P("جوزا", 3), P("جوزای", 3), P("جوزاء", 3), P("سرطان", 4),
        P("اسد", 5), P("سنبله", 6), P("میزان", 7), P("عقرب", 8), P("قوس", 9), P("جدی", 10),
        P("دلو", 11), P("حوت", 12), P("hamal", 1), P("sawr", 2), P("saur", 2), P("jawza", 3),
        P("jauza", 3), P("saratan", 4), P("asad", 5), P("sonbola", 6), P("sunbula", 6),
        P("mizan", 7), P("aqrab", 8), P("qaws", 9), P("qaus", 9), P("jadi", 10), P("dalw", 11), P("dalwa", 11),
        P("dalv", 11), P("hoot", 12), P("hut", 12), P("وری", 1), P("غویی", 2), P("غبرګولی", 3),
        P("چنګاښ", 4), P("زمری", 5), P("وږی", 6), P("تله", 7), P("لړم", 8), P("لیندۍ", 9),
        P("مرغومی", 10), P("سلواغه", 11), P("کب", 12), P("خاکەلێوە", 1), P("گوڵان", 2),
        P("جۆزەردان", 3), P("پووشپەڕ", 4), P("گەلاوێژ", 5), P("خەرمانان", 6), P("ڕەزبەر", 7),
        P("خەزەڵوەر", 8), P("گەڵاڕێزان", 8), P("سەرماوەز", 9), P("بەفرانبار", 10),
        P("ڕێبەندان", 11), P("ڕەشەمە", 12),
        /* lunar Hijri, in Arabic, Persian and Latin letters */
        H("محرم", 1), H("محرم الحرام", 1), H("صفر المظفر", 2), H("رمضان المبارك", 9), H("صفر", 2), H("ربيع الأول", 3), H("ربيع أول", 3), H("ربیع‌الاول", 3),
        H("ربيع الثاني", 4), H("ربيع الآخر", 4), H("ربيع ثاني", 4), H("ربیع‌الثانی", 4),
        H("جمادى الأولى", 5), H("جمادى الأول", 5), H("جمادی‌الاول", 5), H("جمادى الآخرة", 6),
        H("جمادى الثانية", 6), H("جمادى الثاني", 6), H("جمادی‌الثانی", 6), H("رجب", 7),
        H("شعبان", 8), H("رمضان", 9), H("شوال", 10), H("ذو القعدة", 11), H("ذي القعدة", 11),
        H("ذیقعده", 11), H("ذو الحجة", 12), H("ذي الحجة", 12), H("ذیحجه", 12),
        H("ذی‌الحجه", 12), H("ذی‌القعده", 11), H("جمادی‌الاولی", 5), H("جمادی‌الآخر", 6),
        H("جمادی‌الثانیه", 6), H("muharram", 1), H("moharram", 1), H("safar", 2),
        H("rabi al awwal", 3), H("rabi ul awwal", 3), H("rabi al awal", 3),
        H("rabiul awwal", 3), H("rabi i", 3), H("rabi al thani", 4), H("rabi al akhir", 4),
        H("rabi ul akhir", 4), H("rabi ul sani", 4), H("rabi al sani", 4), H("rabiul akhir", 4),
        H("rabi ii", 4), H("jumada al ula", 5), H("jumada al awwal", 5), H("jumada al oula", 5),
        H("jumadal ula", 5), H("jumada i", 5), H("jumada al akhirah", 6),
        H("jumada al akhira", 6), H("jumada al thani", 6), H("jumada al thaniyah", 6),
        H("jumadal akhira", 6), H("jumada ii", 6), H("jamadi ul awwal", 5), H("jamadi ul awal", 5), H("jamadi ul akhir", 6),
        H("jamadi us sani", 6), H("rabi us sani", 4), H("zilhaj", 12), H("zil hajj", 12),
        H("zul hijjah", 12), H("zilqad", 11), H("zil qad", 11), H("rajab", 7), H("shaban", 8),
        H("shaaban", 8), H("ramadan", 9), H("ramadaan", 9), H("ramazan", 9), H("ramzan", 9), H("shawwal", 10),
        H("shawal", 10), H("dhu al qadah", 11), H("dhu al qidah", 11), H("dhul qadah", 11),
        H("dhul qidah", 11), H("dhu l qada", 11), H("zulqada", 11), H("zul qada", 11),
        H("dhu al hijjah", 12), H("dhul hijjah", 12), H("dhu l hijja", 12), H("zulhijja", 12),
        H("zul hijja", 12),
        /* calendar markers */
        MARK("هـ", IV_CAL_ISLAMIC), MARK("ه ق", IV_CAL_ISLAMIC), MARK("هجري", IV_CAL_ISLAMIC),
        MARK("هجرية", IV_CAL_ISLAMIC), MARK("هجري قمري", IV_CAL_ISLAMIC),
        MARK("قمری", IV_CAL_ISLAMIC), MARK("ھ", IV_CAL_ISLAMIC), MARK("ہجری", IV_CAL_ISLAMIC),
        MARK("hq", IV_CAL_ISLAMIC), MARK("h q", IV_CAL_ISLAMIC), MARK("ah", IV_CAL_ISLAMIC),
        MARK("a h", IV_CAL_ISLAMIC), MARK("h", IV_CAL_ISLAMIC), MARK("hijri", IV_CAL_ISLAMIC),
        MARK("ه ش", IV_CAL_PERSIAN), MARK("ش", IV_CAL_PERSIAN),
        MARK("هجری شمسی", IV_CAL_PERSIAN), MARK("شمسی", IV_CAL_PERSIAN),
        MARK("خورشیدی", IV_CAL_PERSIAN), MARK("هجری خورشیدی", IV_CAL_PERSIAN),
        MARK("h sh", IV_CAL_PERSIAN), MARK("لمریز", IV_CAL_PERSIAN),
        MARK("هجری لمریز", IV_CAL_PERSIAN), MARK("sh", IV_CAL_PERSIAN), MARK("s h", IV_CAL_PERSIAN),
        MARK("hs", IV_CAL_PERSIAN), MARK("h s", IV_CAL_PERSIAN), MARK("ap", IV_CAL_PERSIAN),
        MARK("shamsi", IV_CAL_PERSIAN), MARK("hijri shamsi", IV_CAL_PERSIAN),
        MARK("solar hijri", IV_CAL_PERSIAN), MARK("ዓ ም", IV_CAL_ETHIOPIC),
        MARK("ዓም", IV_CAL_ETHIOPIC), MARK("ec", IV_CAL_ETHIOPIC), MARK("e c", IV_CAL_ETHIOPIC),
        MARK("م", IV_CAL_GREGORIAN), MARK("ميلادي", IV_CAL_GREGORIAN),
        MARK("ميلادية", IV_CAL_GREGORIAN), MARK("میلادی", IV_CAL_GREGORIAN),
        MARK("ad", IV_CAL_GREGORIAN), MARK("ء", IV_CAL_GREGORIAN),
        MARK("عیسوی", IV_CAL_GREGORIAN), MARK("gc", IV_CAL_GREGORIAN),
        MARK("g c", IV_CAL_GREGORIAN), MARK("ፈረንጅ", IV_CAL_GREGORIAN),
        MARK("a d", IV_CAL_GREGORIAN), MARK("ce", IV_CAL_GREGORIAN),
        MARK("c e", IV_CAL_GREGORIAN),
        /* approximate */
        ABOUT("oko"), ABOUT("око"), ABOUT("cca"), ABOUT("kb"), ABOUT("körülbelül"),
        ABOUT("okoli"), ABOUT("około"), ABOUT("omkring"), ABOUT("cirka"), ABOUT("ungefär"),
        ABOUT("omtrent"), ABOUT("ongeveer"), ABOUT("noin"), ABOUT("rreth"), ABOUT("близько"),
        ABOUT("приблизно"), ABOUT("приблизително"), ABOUT("qiyaastii"), ABOUT("nêzîkî"),
        ABOUT("প্রায়"), ABOUT("khoảng"), ABOUT("约"), ABOUT("大约"), ABOUT("დაახლოებით"),
        ABOUT("በግምት"), ABOUT("تقریباً"), ABOUT("حدوداً"),
        ABOUT("verso"), ABOUT("i början av"), ABOUT("i slutet av"), ABOUT("в конце"),
        ABOUT("в начале"), ABOUT("в середине"), ABOUT("sonları"), ABOUT("başları"),
        ABOUT("ortaları"), ABOUT("أواخر"), ABOUT("في أواخر"), ABOUT("أوائل"), ABOUT("منتصف"),
        ABOUT("rond"), ABOUT("fine"), ABOUT("a mediados"), ABOUT("mediados"), ABOUT("hacia"),
        ABOUT("principios"), ABOUT("finales"), ABOUT("اوایل"), ABOUT("اواسط"), ABOUT("اواخر"),
        ABOUT("on or about"), ABOUT("mid"), ABOUT("early"), ABOUT("late"), ABOUT("mitte"),
        ABOUT("anfang"), ABOUT("ende"), ABOUT("début"), ABOUT("fin"), ABOUT("courant"),
        ABOUT("omstreeks"), ABOUT("begin"), ABOUT("eind"), ABOUT("inizio"), ABOUT("metà"),
        ABOUT("circa"), ABOUT("ca"), ABOUT("c"), ABOUT("approx"), ABOUT("approximately"),
        ABOUT("about"), ABOUT("around"), ABOUT("abt"), ABOUT("est"), ABOUT("estimated"),
        ABOUT("env"), ABOUT("environ"), ABOUT("vers"), ABOUT("etwa"), ABOUT("ungefähr"),
        ABOUT("aprox"), ABOUT("aproximadamente"), ABOUT("yaklaşık"), ABOUT("около"),
        ABOUT("примерно"), ABOUT("περίπου"), ABOUT("حوالي"), ABOUT("حوالى"), ABOUT("تقريبا"),
        ABOUT("حدود"), ABOUT("حدودا"), ABOUT("نحو"),
        /* words that carry nothing */
        SKIP("de"), SKIP("del"), SKIP("of"), SKIP("the"), SKIP("le"), SKIP("den"), SKIP("am"),
        SKIP("г"), SKIP("год"), SKIP("года"), SKIP("р"), SKIP("року"), SKIP("рік"), HINT("ቀን", IV_CAL_ETHIOPIC),
        SKIP("ngày"), SKIP("năm"), SKIP("sal"), SKIP("سال"), SKIP("عام"), SKIP("سنة"),
        SKIP("ዕለት"), SKIP("يوم"), SKIP("روز"), SKIP("تاریخ"), SKIP("تاريخ"),
        /* weekdays, which some records put first: "Mon, 12 Aug 1974", "الأحد، ١٥ يونيو" */
        SKIP("monday"), SKIP("mon"), SKIP("tuesday"), SKIP("tue"), SKIP("tues"),
        SKIP("wednesday"), SKIP("wed"), SKIP("thursday"), SKIP("thu"), SKIP("thur"),
        SKIP("thurs"), SKIP("friday"), SKIP("fri"), SKIP("saturday"), SKIP("sat"),
        SKIP("sunday"), SKIP("sun"), SKIP("lundi"), SKIP("mardi"), SKIP("mercredi"),
        SKIP("jeudi"), SKIP("vendredi"), SKIP("samedi"), SKIP("dimanche"), SKIP("montag"),
        SKIP("dienstag"), SKIP("mittwoch"), SKIP("donnerstag"), SKIP("freitag"),
        SKIP("samstag"), SKIP("sonnabend"), SKIP("sonntag"), SKIP("lunedì"), SKIP("martedì"),
        SKIP("mercoledì"), SKIP("giovedì"), SKIP("venerdì"), SKIP("sabato"), SKIP("domenica"),
        SKIP("lunes"), SKIP("martes"), SKIP("miércoles"), SKIP("jueves"), SKIP("viernes"),
        SKIP("sábado"), SKIP("domingo"), SKIP("segunda feira"), SKIP("terça feira"),
        SKIP("quarta feira"), SKIP("quinta feira"), SKIP("sexta feira"), SKIP("maandag"),
        SKIP("dinsdag"), SKIP("woensdag"), SKIP("donderdag"), SKIP("vrijdag"), SKIP("zaterdag"),
        SKIP("zondag"), SKIP("pazartesi"), SKIP("salı"), SKIP("çarşamba"), SKIP("perşembe"),
        SKIP("cuma"), SKIP("cumartesi"), SKIP("pazar"), SKIP("понедельник"), SKIP("вторник"),
        SKIP("среда"), SKIP("четверг"), SKIP("пятница"), SKIP("суббота"), SKIP("воскресенье"),
        SKIP("δευτέρα"), SKIP("τρίτη"), SKIP("τετάρτη"), SKIP("πέμπτη"), SKIP("παρασκευή"),
        SKIP("σάββατο"), SKIP("κυριακή"), SKIP("الأحد"), SKIP("الاثنين"), SKIP("الإثنين"),
        SKIP("الثلاثاء"), SKIP("الأربعاء"), SKIP("الخميس"), SKIP("الجمعة"), SKIP("السبت"),
        SKIP("شنبه"), SKIP("یکشنبه"), SKIP("دوشنبه"), SKIP("سه‌شنبه"), SKIP("چهارشنبه"),
        SKIP("پنجشنبه"), SKIP("پنج‌شنبه"), SKIP("جمعه"), SKIP("پیر"), SKIP("منگل"), SKIP("بدھ"),
        SKIP("جمعرات"), SKIP("جمعہ"), SKIP("ہفتہ"), SKIP("اتوار"), SKIP("እሑድ"), SKIP("እሁድ"),
        SKIP("ሰኞ"), SKIP("ማክሰኞ"), SKIP("ረቡዕ"), SKIP("ሐሙስ"), SKIP("ዓርብ"), SKIP("ቅዳሜ"),
        SKIP("ሰንበት"), SKIP("ሰኑይ"), SKIP("ሰሉስ"), SKIP("ሓሙስ"), SKIP("ዓርቢ"), SKIP("ቀዳም"),
        SKIP("thứ hai"), SKIP("thứ ba"), SKIP("thứ tư"), SKIP("thứ năm"), SKIP("thứ sáu"),
        SKIP("thứ bảy"), SKIP("chủ nhật"),
        /* year words, and small words before a date */
        SKIP("godine"), SKIP("године"), SKIP("godina"), SKIP("година"), SKIP("god"), SKIP("r"),
        SKIP("roku"), SKIP("წლის"), SKIP("წ"), SKIP("ماه"), SKIP("më"), SKIP("ta"), SKIP("年"),
        SKIP("日"), SKIP("号"), SKIP("کال"), SKIP("د"), SKIP("day"), SKIP("vitit"),
        SKIP("viti"), SKIP("الساعة"), SKIP("ساعة"), SKIP("ساعت"),
        /* words that bring in or close a time (14:35 Uhr, à 14h35, om 14:35 uur) */
        SKIP("at"), SKIP("om"), SKIP("ore"), SKIP("um"), SKIP("uhr"), SKIP("uur"),
        SKIP("alle"), SKIP("saat"), SKIP("klo"), SKIP("kl"), SKIP("godz"), SKIP("sati"),
        SKIP("u"), SKIP("о"), SKIP("o"), SKIP("в"), SKIP("lúc"), SKIP("στις"), SKIP("a las"),
        SKIP("utc"), SKIP("gmt"),
        /* labels and words before a date: DOB:, dnia, الموافق, مورخ, تاریخ تولد */
        SKIP("dob"), SKIP("d o b"), SKIP("date of birth"), SKIP("dnia"), SKIP("dne"),
        SKIP("lindur"), SKIP("الموافق"), SKIP("مورخ"), SKIP("تولد"), SKIP("sinh"), SKIP("जन्म"),
        SKIP("तिथि"), SKIP("måndagen"), SKIP("tisdagen"), SKIP("onsdagen"), SKIP("torsdagen"),
        SKIP("fredagen"), SKIP("lördagen"), SKIP("söndagen"),
        /* born (on): né le, nato il, geboren am */
        SKIP("born"), SKIP("born on"), SKIP("né"), SKIP("née"), SKIP("nato"), SKIP("nata"),
        SKIP("il"), SKIP("nacido"), SKIP("nacida"), SKIP("el"), SKIP("geboren"), SKIP("geb"),
        SKIP("pondělí"), SKIP("úterý"), SKIP("středa"), SKIP("čtvrtek"), SKIP("pátek"),
        SKIP("neděle"),
        /* weekdays of the Balkans and central and northern Europe, Somali, Bengali, Georgian,
           Maltese, Chinese */
        SKIP("ponedjeljak"), SKIP("ponedeljak"), SKIP("utorak"), SKIP("srijeda"),
        SKIP("sreda"), SKIP("četvrtak"), SKIP("petak"), SKIP("subota"), SKIP("nedjelja"),
        SKIP("nedelja"), SKIP("понедељак"), SKIP("уторак"), SKIP("четвртак"), SKIP("петак"),
        SKIP("субота"), SKIP("недеља"), SKIP("сряда"), SKIP("четвъртък"), SKIP("петък"),
        SKIP("събота"), SKIP("неделя"), SKIP("четврток"), SKIP("петок"), SKIP("сабота"),
        SKIP("недела"), SKIP("понеделник"), SKIP("ponedeljek"), SKIP("torek"), SKIP("četrtek"), SKIP("petek"),
        SKIP("sobota"), SKIP("hétfő"), SKIP("kedd"), SKIP("szerda"), SKIP("csütörtök"),
        SKIP("péntek"), SKIP("szombat"), SKIP("vasárnap"), SKIP("luni"), SKIP("marți"),
        SKIP("miercuri"), SKIP("joi"), SKIP("vineri"), SKIP("sâmbătă"), SKIP("duminică"),
        SKIP("poniedziałek"), SKIP("wtorek"), SKIP("środa"), SKIP("czwartek"), SKIP("piątek"),
        SKIP("niedziela"), SKIP("måndag"), SKIP("tisdag"), SKIP("onsdag"), SKIP("torsdag"),
        SKIP("fredag"), SKIP("lördag"), SKIP("söndag"), SKIP("mandag"), SKIP("tirsdag"),
        SKIP("lørdag"), SKIP("søndag"), SKIP("maanantai"), SKIP("tiistai"),
        SKIP("keskiviikko"), SKIP("torstai"), SKIP("perjantai"), SKIP("lauantai"),
        SKIP("sunnuntai"), SKIP("e hënë"), SKIP("e martë"), SKIP("e mërkurë"), SKIP("e enjte"),
        SKIP("e premte"), SKIP("e shtunë"), SKIP("e diel"), SKIP("понеділок"),
        SKIP("вівторок"), SKIP("середа"), SKIP("четвер"), SKIP("пятниця"), SKIP("неділя"),
        SKIP("isniin"), SKIP("talaado"), SKIP("arbaco"), SKIP("khamiis"), SKIP("jimco"),
        SKIP("sabti"), SKIP("axad"), SKIP("duşem"), SKIP("sêşem"), SKIP("çarşem"),
        SKIP("pêncşem"), SKIP("şemî"), SKIP("yekşem"), SKIP("সোমবার"), SKIP("মঙ্গলবার"),
        SKIP("বুধবার"), SKIP("বৃহস্পতিবার"), SKIP("শুক্রবার"), SKIP("শনিবার"), SKIP("রবিবার"),
        SKIP("ორშაბათი"), SKIP("სამშაბათი"), SKIP("ოთხშაბათი"), SKIP("ხუთშაბათი"),
        SKIP("პარასკევი"), SKIP("შაბათი"), SKIP("კვირა"), SKIP("it tnejn"), SKIP("it tlieta"),
        SKIP("l erbgħa"), SKIP("il ħamis"), SKIP("il ġimgħa"), SKIP("is sibt"), SKIP("il ħadd"),
        SKIP("星期一"), SKIP("星期二"), SKIP("星期三"), SKIP("星期四"), SKIP("星期五"),
        SKIP("星期六"), SKIP("星期日"), SKIP("星期天"),
        /* Vietnamese: "ngày 12 tháng 8 năm 1974", the month is the number after it */
        {"tháng", IV_DATE_WORD_MONTH_NUMBER, 0, IV_CAL_GREGORIAN, 0, IV_CAL_GREGORIAN},
};
/* clang-format on */

#undef G
#undef P
#undef H
#undef E
#undef TI
#undef TE
#undef ROMAN
#undef HINT
#undef MARK
#undef ABOUT
#undef SKIP

#define NWORDS (sizeof(words) / sizeof(words[0]))

/* the folded words, sorted, built once */
static struct folded {
	char text[IV_DATE_WORD_MAX];
	size_t n;
	unsigned idx; /* into words[] */
} folded[NWORDS];
static size_t nfolded;
static pthread_once_t folded_once = PTHREAD_ONCE_INIT;

static int folded_cmp(const void *a, const void *b)
{
	const struct folded *x = a, *y = b;
	size_t n = x->n < y->n ? x->n : y->n;
	int c = memcmp(x->text, y->text, n);

	return c ? c : (x->n > y->n) - (x->n < y->n);
}

static void folded_build(void)
{
	for (unsigned i = 0; i < NWORDS; i++) {
		struct folded *f = &folded[nfolded];

		/* a word that does not fold (too long) is left out; the unit test finds it */
		if (iv_date_fold(words[i].text, strlen(words[i].text), f->text, sizeof(f->text),
		                 &f->n)) {
			f->idx = i;
			nfolded++;
		}
	}
	qsort(folded, nfolded, sizeof(folded[0]), folded_cmp);
}

const struct iv_date_word *iv_date_word_find(const char *folded_text, size_t n)
{
	struct folded key = {.n = 0};
	const struct folded *hit;

	if (n >= sizeof(key.text))
		return NULL;
	pthread_once(&folded_once, folded_build);
	memcpy(key.text, folded_text, n);
	key.n = n;
	hit = bsearch(&key, folded, nfolded, sizeof(folded[0]), folded_cmp);
	return hit ? &words[hit->idx] : NULL;
}

size_t iv_date_word_count(void)
{
	return NWORDS;
}

const struct iv_date_word *iv_date_word_at(size_t i)
{
	return i < NWORDS ? &words[i] : NULL;
}

/*
 * Amharic writes one sound with several Ethiopic letters: ሃ ኀ (and its
 * row) are compared as ሀ, ሠ as ሰ, ፀ as ጸ, ኣ as አ.  Any other ch comes back
 * as it is.
 */
static UChar32 fold_ethiopic_letter(UChar32 ch)
{
	if (ch == 0x1203 || ch == 0x12A3)
		return ch - 3;
	if (ch >= 0x1280 && ch <= 0x1287)
		ch -= 0x80;
	else if (ch >= 0x1220 && ch <= 0x1227)
		ch += 0x10;
	else if (ch >= 0x1340 && ch <= 0x1347)
		ch -= 8;
	return ch == 0x1203 ? 0x1200 : ch; /* ኃ became ሃ */
}

/*
 * The letter ch is compared as: ı as i, ة as ه, ى and ي as ی, ك as ک, the
 * Pashto letters a Persian keyboard writes with Persian ones, and the
 * Ethiopic letters Amharic spells alike as one.
 */
static UChar32 fold_letter(UChar32 ch)
{
	switch (ch) {
	case 0x0131: /* ı */
		return 'i';
	case 0x0629: /* ة */
		return 0x0647;
	case 0x0649: /* ى */
	case 0x064A: /* ي */
		return 0x06CC;
	case 0x0643: /* ك */
		return 0x06A9;
	/* Pashto letters a Persian keyboard writes with Persian ones */
	case 0x06AB: /* ګ */
		return 0x06AF;
	case 0x0693: /* ړ */
		return 0x0631;
	case 0x0696: /* ږ */
		return 0x0698;
	case 0x069A: /* ښ */
		return 0x0634;
	case 0x06CD: /* ۍ */
	case 0x06D0: /* ې */
		return 0x06CC;
	default:
		return fold_ethiopic_letter(ch);
	}
}

/*
 * s[0..n) after NFKC case folding and then canonical decomposition, in
 * c[0..*clen) (room for cap units); false when it does not fit or ICU
 * fails.  *st goes on to the caller's next ICU call.
 */
static bool fold_normalize(const char *s, size_t n, UChar *c, int32_t cap, int32_t *clen,
                           UErrorCode *st)
{
	UChar a[IV_DATE_WORD_MAX], b[2 * IV_DATE_WORD_MAX];
	int32_t alen = 0, blen;
	const UNormalizer2 *cf = unorm2_getNFKCCasefoldInstance(st);
	const UNormalizer2 *nfd = unorm2_getNFDInstance(st);

	if (U_FAILURE(*st) || n >= IV_DATE_WORD_MAX)
		return false;
	u_strFromUTF8(a, IV_DATE_WORD_MAX, &alen, s, (int32_t)n, st);
	if (U_FAILURE(*st))
		return false;
	blen = unorm2_normalize(cf, a, alen, b, 2 * IV_DATE_WORD_MAX, st);
	if (U_FAILURE(*st))
		return false;
	*clen = unorm2_normalize(nfd, b, blen, c, cap, st);
	return !U_FAILURE(*st);
}

/*
 * Fold one word or a few words joined by single spaces: NFKC case
 * folding (which also drops joiners and bidi marks and maps Arabic
 * presentation forms), canonical decomposition, then without its
 * non-spacing marks (accents, Greek tonos, Arabic vowel signs and hamza
 * above or below, Bengali vowel signs alike on both sides) and tatweel;
 * Turkish ı becomes i, ة becomes ه, ى and ي become ی, ك becomes ک, the
 * Pashto letters ګ ړ ږ ښ ۍ ې the Persian ones a Persian keyboard writes
 * for them, and Ethiopic ሃ ኀ (and its row) ሠ ፀ ኣ the letters Amharic
 * spells the same words with (ሀ, ሰ, ጸ, አ; Tigrinya's ሐ stays apart).
 */
bool iv_date_fold(const char *s, size_t n, char *out, size_t cap, size_t *outlen)
{
	UChar c[4 * IV_DATE_WORD_MAX], letters[IV_DATE_WORD_MAX];
	int32_t clen = 0, k = 0, i = 0, len = 0;
	UErrorCode st = U_ZERO_ERROR;

	if (!fold_normalize(s, n, c, 4 * IV_DATE_WORD_MAX, &clen, &st))
		return false;
	while (i < clen) {
		UChar32 ch;

		U16_NEXT(c, i, clen, ch);
		if (u_charType(ch) == U_NON_SPACING_MARK || ch == 0x0640)
			continue;
		ch = fold_letter(ch);
		if (k + 2 > (int32_t)(sizeof(letters) / sizeof(letters[0])))
			return false;
		U16_APPEND_UNSAFE(letters, k, ch);
	}
	u_strToUTF8(out, (int32_t)cap, &len, letters, k, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING || (size_t)len >= cap)
		return false;
	*outlen = (size_t)len;
	return true;
}

/* ---- calendars --------------------------------------------------------------- */

/* One calendar of each kind, opened once; each conversion works on a clone (ucal_open resolves
 * the locale and the zone every time, five times the cost). */
static UCalendar *templates[IV_CAL_ETHIOPIC + 1];
static pthread_once_t templates_once = PTHREAD_ONCE_INIT;

static void templates_open(void)
{
	static const char *const locale[] = {
	        [IV_CAL_PERSIAN] = "en@calendar=persian",
	        [IV_CAL_ISLAMIC] = "en@calendar=islamic-umalqura",
	        [IV_CAL_ETHIOPIC] = "en@calendar=ethiopic",
	};
	static const UChar utc[] = {'U', 'T', 'C', 0};

	for (int c = IV_CAL_PERSIAN; c <= IV_CAL_ETHIOPIC; c++) {
		UErrorCode st = U_ZERO_ERROR;

		templates[c] = ucal_open(utc, -1, locale[c], UCAL_DEFAULT, &st);
		if (U_FAILURE(st)) {
			ucal_close(templates[c]);
			templates[c] = NULL;
		} else {
			ucal_setAttribute(templates[c], UCAL_LENIENT, 0);
		}
	}
}

/*
 * The Gregorian date of y-m-d in cal, at precision prec (IV_DATE_YEAR,
 * _MONTH, _DAY, or with a time _MINUTE and _SECOND, whose day counts as
 * at _DAY): a month stands for its 15th day (Pagume its 3rd) and a year
 * for the first day of its seventh month, the middle of the span, whose
 * Gregorian month or year is the answer.  False for a date the calendar
 * does not have (30 Esfand of a common year), a year outside the ones
 * records are written in (Solar Hijri 1200-1599, lunar Hijri 1200-1699,
 * Ethiopian 1500-2299: "1974 h" is a time, not a Hijri year) or a
 * Gregorian year before 1500.  If ICU could not open the calendar, every
 * date in it is refused.
 */
bool iv_calendar_to_gregorian(enum iv_calendar cal, int prec, int *y, int *m, int *d)
{
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *from;
	int month = prec == IV_DATE_YEAR ? 7 : *m;
	int day = prec >= IV_DATE_DAY ? *d : prec != IV_DATE_MONTH ? 1 : month == 13 ? 3 : 15;
	struct tm tm;
	time_t secs;
	UDate at;

	/* the years the calendars' dates in these records are written in */
	if ((cal == IV_CAL_PERSIAN && (*y < 1200 || *y >= 1600)) ||
	    (cal == IV_CAL_ISLAMIC && (*y < 1200 || *y >= 1700)) ||
	    (cal == IV_CAL_ETHIOPIC && (*y < 1500 || *y >= 2300)) || cal == IV_CAL_GREGORIAN ||
	    cal == IV_CAL_UNSET || (unsigned)cal > IV_CAL_ETHIOPIC)
		return false;
	pthread_once(&templates_once, templates_open);
	if (!templates[cal] || !(from = ucal_clone(templates[cal], &st)) || U_FAILURE(st))
		return false;
	ucal_clear(from);
	if (cal == IV_CAL_ETHIOPIC)
		ucal_set(from, UCAL_ERA, 1); /* Amete Mihret */
	ucal_set(from, UCAL_YEAR, *y);
	ucal_set(from, UCAL_MONTH, month - 1);
	ucal_set(from, UCAL_DATE, day);
	at = ucal_getMillis(from, &st);
	ucal_close(from);
	/* the UTC day it starts, in the Gregorian calendar (gmtime_r's, proleptic) */
	secs = (time_t)(at / 1000.0);
	if (U_FAILURE(st) || !gmtime_r(&secs, &tm))
		return false;
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
	return *y >= 1500 && *y <= 9999;
}

bool iv_calendar_from_gregorian(enum iv_calendar cal, int *y, int *m, int *d)
{
	UErrorCode st = U_ZERO_ERROR;
	struct tm tm = {0};
	UCalendar *to;
	time_t secs;
	bool ok;

	if (cal < IV_CAL_PERSIAN || cal > IV_CAL_ETHIOPIC || *y < 1900 || *y > 2100 || *m < 1 ||
	    *m > 12 || *d < 1 || *d > iv_days_in_month(*y, *m))
		return false;
	pthread_once(&templates_once, templates_open);
	if (!templates[cal] || !(to = ucal_clone(templates[cal], &st)) || U_FAILURE(st))
		return false;
	tm.tm_year = *y - 1900;
	tm.tm_mon = *m - 1;
	tm.tm_mday = *d;
	secs = timegm(&tm);
	ucal_setMillis(to, (UDate)secs * 1000.0, &st);
	*y = ucal_get(to, UCAL_YEAR, &st);
	*m = ucal_get(to, UCAL_MONTH, &st) + 1;
	*d = ucal_get(to, UCAL_DATE, &st);
	ok = U_SUCCESS(st) && (cal != IV_CAL_ETHIOPIC || ucal_get(to, UCAL_ERA, &st) == 1);
	ucal_close(to);
	return ok && U_SUCCESS(st);
}
