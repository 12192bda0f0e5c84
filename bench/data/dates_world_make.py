#!/usr/bin/python3
# dates_world_make.py - builds bench/data/dates_world.tsv, the first
# evaluation set for invigor's date normaliser (held out until its first
# measurement; its misses were then used to change the rules, so it is now a
# development set, and bench/data/dates_heldout.tsv is the held-out one).
#
# Written by a helper session WITHOUT reading the normaliser's code or its unit
# tests (lib/schema/norm_date.c, tests/unit/test_types.c were not opened), so
# the set is independent of the implementation.
#
# Every row is built from the calendar values it stands for (year, month, day in
# the calendar the raw text is written in), so the raw text and the expected
# value cannot drift apart: the raw string is produced from a template, a month
# name table and a digit set; the expected value is produced by the converters
# below. Rows whose expected value is `invalid` because the date does not exist
# (31 February, 30 Esfand of a common year, Pagume 6 of a common Ethiopian
# year, ...) are CHECKED to be impossible by the same converters.
#
# Converters (all written here; no ICU, no calendar library; Python's datetime
# is used only to cross-check the Gregorian day-number functions):
#   * Gregorian  <-> Julian Day Number: Fliegel / Van Flandern integer formulas.
#   * Solar Hijri: the arithmetic 33-year cycle (year y is leap when
#     y mod 33 is one of 1,5,9,13,17,22,26,30, i.e. (25y+11) mod 33 < 8), months
#     1-6 of 31 days, 7-11 of 30, Esfand 29/30.  New-year day numbers are counted
#     from the anchor 1 Farvardin 1365 = 21 March 1986; only valid 1300-1450 SH.
#     Checked against the other anchors in check_anchors().
#   * Ethiopian: JDN = 1724220 + 365(y-1) + floor(y/4) + 30(m-1) + d
#     (epoch 1 Meskerem 1 = 29 August 8 AD Julian); 12 months of 30 days and
#     Pagume of 5 days, 6 when y mod 4 = 3.
#   * Lunar Hijri: the TABULAR Islamic civil calendar (epoch 16 July 622 Julian,
#     leap years (14+11y) mod 30 < 11, odd months 30 days, even 29, Dhu al-Hijjah
#     30 in leap years).  Official Umm al-Qura dates can differ by a day or two;
#     these rows carry `tabular` in the note and the benchmark accepts +-2 days.
#
# Precision: a date with a day gives YYYY-MM-DD.  A converted month or year
# (e.g. "Dey 1365", "1975 EC") gives the Gregorian month or year that holds the
# middle day(s) of its span; the script refuses to emit a row whose middle is
# not clearly inside one Gregorian month/year (for lunar Hijri it also demands
# that the answer survives a shift of +-2 days).
#
# Run:  /usr/bin/python3 bench/data/dates_world_make.py   (writes the TSV next
# to this script and prints a summary; add --print to dump the rows).

import datetime
import os
import sys
import unicodedata
from collections import Counter

# ----------------------------------------------------------------------------
# calendar arithmetic
# ----------------------------------------------------------------------------

def g2j(y, m, d):
    a = (14 - m) // 12
    yy = y + 4800 - a
    mm = m + 12 * a - 3
    return d + (153 * mm + 2) // 5 + 365 * yy + yy // 4 - yy // 100 + yy // 400 - 32045


def julian2j(y, m, d):
    a = (14 - m) // 12
    yy = y + 4800 - a
    mm = m + 12 * a - 3
    return d + (153 * mm + 2) // 5 + 365 * yy + yy // 4 - 32083


def j2g(j):
    a = j + 32044
    b = (4 * a + 3) // 146097
    c = a - 146097 * b // 4
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = 100 * b + d - 4800 + m // 10
    return year, month, day


def g_leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def g_mlen(y, m):
    if not 1 <= m <= 12:
        raise ValueError("month %d" % m)
    if m == 2:
        return 29 if g_leap(y) else 28
    return 30 if m in (4, 6, 9, 11) else 31


def g_check(y, m, d):
    if d is not None and not 1 <= d <= g_mlen(y, m):
        raise ValueError("day %d" % d)
    if m is not None:
        g_mlen(y, m)


# --- Solar Hijri (arithmetic 33-year cycle) ---------------------------------
SH_LEAP_REM = {1, 5, 9, 13, 17, 22, 26, 30}
SH_ANCHOR_Y, SH_ANCHOR_J = 1365, g2j(1986, 3, 21)   # 1 Farvardin 1365


def sh_leap(y):
    return y % 33 in SH_LEAP_REM


def sh_ylen(y):
    return 366 if sh_leap(y) else 365


def sh_newyear(y):
    if not 1300 <= y <= 1450:
        raise ValueError("SH year %d outside 1300-1450" % y)
    j = SH_ANCHOR_J
    for k in range(SH_ANCHOR_Y, y):
        j += sh_ylen(k)
    for k in range(y, SH_ANCHOR_Y):
        j -= sh_ylen(k)
    return j


def sh_mlen(y, m):
    if not 1 <= m <= 12:
        raise ValueError("SH month %d" % m)
    if m <= 6:
        return 31
    if m <= 11:
        return 30
    return 30 if sh_leap(y) else 29


def sh2j(y, m, d):
    if not 1 <= d <= sh_mlen(y, m):
        raise ValueError("SH day %d of month %d year %d" % (d, m, y))
    off = 31 * (m - 1) if m <= 7 else 186 + 30 * (m - 7)
    return sh_newyear(y) + off + d - 1


# --- Ethiopian ------------------------------------------------------------
def et_leap(y):          # the year that ends with Pagume 6
    return y % 4 == 3


def et_ylen(y):
    return 366 if et_leap(y) else 365


def et_mlen(y, m):
    if not 1 <= m <= 13:
        raise ValueError("EC month %d" % m)
    if m <= 12:
        return 30
    return 6 if et_leap(y) else 5


def et2j(y, m, d):
    if not 1 <= d <= et_mlen(y, m):
        raise ValueError("EC day %d of month %d year %d" % (d, m, y))
    return 1724220 + 365 * (y - 1) + y // 4 + 30 * (m - 1) + d


# --- Lunar Hijri, tabular civil --------------------------------------------
def is_leap(y):
    return (14 + 11 * y) % 30 < 11


def is_ylen(y):
    return 355 if is_leap(y) else 354


def is_mlen(y, m):
    if not 1 <= m <= 12:
        raise ValueError("AH month %d" % m)
    if m % 2 == 1:
        return 30
    if m == 12 and is_leap(y):
        return 30
    return 29


def is2j(y, m, d):
    if not 1 <= d <= is_mlen(y, m):
        raise ValueError("AH day %d of month %d year %d" % (d, m, y))
    return d + (59 * (m - 1) + 1) // 2 + (y - 1) * 354 + (3 + 11 * y) // 30 + 1948439


CAL = {
    'sh': (sh2j, sh_mlen, sh_ylen),
    'et': (et2j, et_mlen, et_ylen),
    'is': (is2j, is_mlen, is_ylen),
}


def iso(y, m=None, d=None):
    if d is not None:
        return "%04d-%02d-%02d" % (y, m, d)
    if m is not None:
        return "%04d-%02d" % (y, m)
    return "%04d" % y


def expected(cal, y, m, d):
    """ISO value; raises ValueError if the date does not exist."""
    if cal == 'g':
        g_check(y, m, d)
        return iso(y, m, d)
    to_j, mlen, ylen = CAL[cal]
    if d is not None:
        return iso(*j2g(to_j(y, m, d)))
    if m is not None:
        start, n, key = to_j(y, m, 1), mlen(y, m), (lambda g: g[:2])
    else:
        start, n, key = to_j(y, 1, 1), ylen(y), (lambda g: g[:1])
    mids = [start + (n - 1) // 2, start + n // 2]
    if cal == 'is':
        mids += [mids[0] - 2, mids[1] + 2]
    keys = {key(j2g(j)) for j in mids}
    if len(keys) != 1:
        raise RuntimeError("middle of %s %s/%s straddles a Gregorian boundary" % (cal, y, m))
    return iso(*keys.pop())


def weekday(j):          # 0 = Sunday
    return (j + 1) % 7


# ----------------------------------------------------------------------------
# anchors
# ----------------------------------------------------------------------------

def check_anchors(verbose):
    bad = 0
    # Gregorian day numbers against Python's proleptic Gregorian ordinal
    for o in range(datetime.date(1890, 1, 1).toordinal(), datetime.date(2110, 1, 1).toordinal()):
        dt = datetime.date.fromordinal(o)
        j = g2j(dt.year, dt.month, dt.day)
        assert j == o + 1721425 and j2g(j) == (dt.year, dt.month, dt.day)
        assert weekday(j) == (dt.isoweekday() % 7)
    exact = [
        # Solar Hijri (1 Farvardin 1365 is the constant the arithmetic hangs on)
        ("SH 1 Farvardin 1365", sh2j(1365, 1, 1), (1986, 3, 21)),
        ("SH 1 Farvardin 1403", sh2j(1403, 1, 1), (2024, 3, 20)),
        ("SH 30 Esfand 1403 (leap)", sh2j(1403, 12, 30), (2025, 3, 20)),
        ("SH 1 Farvardin 1404", sh2j(1404, 1, 1), (2025, 3, 21)),
        ("SH 1 Farvardin 1300", sh2j(1300, 1, 1), (1921, 3, 21)),
        ("SH 1 Farvardin 1399", sh2j(1399, 1, 1), (2020, 3, 20)),
        ("SH 1 Farvardin 1400", sh2j(1400, 1, 1), (2021, 3, 21)),
        ("SH 22 Bahman 1357 (revolution)", sh2j(1357, 11, 22), (1979, 2, 11)),
        ("SH 12 Farvardin 1358 (referendum)", sh2j(1358, 1, 12), (1979, 4, 1)),
        ("SH 13 Aban 1358 (embassy)", sh2j(1358, 8, 13), (1979, 11, 4)),
        ("SH 31 Shahrivar 1359 (war begins)", sh2j(1359, 6, 31), (1980, 9, 22)),
        ("SH 14 Khordad 1368", sh2j(1368, 3, 14), (1989, 6, 4)),
        ("SH 2 Khordad 1376 (election)", sh2j(1376, 3, 2), (1997, 5, 23)),
        ("SH 22 Khordad 1388 (election)", sh2j(1388, 3, 22), (2009, 6, 12)),
        ("SH 7 Sawr 1357 (Saur revolution)", sh2j(1357, 2, 7), (1978, 4, 27)),
        ("SH 6 Jadi 1358 (Soviet entry)", sh2j(1358, 10, 6), (1979, 12, 27)),
        ("SH 26 Dalw 1367 (Soviet withdrawal)", sh2j(1367, 11, 26), (1989, 2, 15)),
        ("SH 8 Sawr 1371 (mujahideen)", sh2j(1371, 2, 8), (1992, 4, 28)),
        ("SH 28 Asad 1398 (independence day)", sh2j(1398, 5, 28), (2019, 8, 19)),
        ("SH 24 Asad 1400 (fall of Kabul)", sh2j(1400, 5, 24), (2021, 8, 15)),
        # Ethiopian
        ("EC 1 Meskerem 2017", et2j(2017, 1, 1), (2024, 9, 11)),
        ("EC 1 Meskerem 1976", et2j(1976, 1, 1), (1983, 9, 12)),
        ("EC 1 Meskerem 2016", et2j(2016, 1, 1), (2023, 9, 12)),
        ("EC 1 Meskerem 2000 (millennium)", et2j(2000, 1, 1), (2007, 9, 12)),
        ("EC Pagume 6 2015", et2j(2015, 13, 6), (2023, 9, 11)),
        ("EC 20 Ginbot 1983 (fall of Derg)", et2j(1983, 9, 20), (1991, 5, 28)),
        ("EC 23 Yekatit 1888 (Adwa)", et2j(1888, 6, 23), (1896, 3, 1)),
        ("EC 29 Tahsas 2015 (Genna)", et2j(2015, 4, 29), (2023, 1, 7)),
        ("EC 11 Tir 2015 (Timket)", et2j(2015, 5, 11), (2023, 1, 19)),
        ("EC 17 Meskerem 2017 (Meskel)", et2j(2017, 1, 17), (2024, 9, 27)),
    ]
    for label, j, want in exact:
        got = j2g(j)
        ok = got == want
        bad += not ok
        if verbose or not ok:
            print("%-40s %s %s" % (label, iso(*got), "ok" if ok else "MISMATCH want " + iso(*want)))
    # epochs in the Julian calendar
    for label, j, want in [("EC epoch 1 Meskerem 1 = 29 Aug 8 Julian", et2j(1, 1, 1), julian2j(8, 8, 29)),
                           ("AH epoch 1 Muharram 1 = 16 Jul 622 Julian", is2j(1, 1, 1), julian2j(622, 7, 16))]:
        ok = j == want
        bad += not ok
        if verbose or not ok:
            print("%-40s %s" % (label, "ok" if ok else "MISMATCH"))
    # tabular Hijri against Umm al-Qura / announced dates: report the difference
    approx = [
        ("AH 1 Muharram 1400 (Grand Mosque)", is2j(1400, 1, 1), (1979, 11, 20)),
        ("AH 1 Ramadan 1444", is2j(1444, 9, 1), (2023, 3, 23)),
        ("AH 1 Shawwal 1444", is2j(1444, 10, 1), (2023, 4, 21)),
        ("AH 10 Dhu al-Hijjah 1444", is2j(1444, 12, 10), (2023, 6, 28)),
        ("AH 1 Muharram 1445", is2j(1445, 1, 1), (2023, 7, 19)),
        ("AH 1 Ramadan 1445", is2j(1445, 9, 1), (2024, 3, 11)),
        ("AH 1 Shawwal 1445", is2j(1445, 10, 1), (2024, 4, 10)),
    ]
    for label, j, want in approx:
        diff = j - g2j(*want)
        ok = abs(diff) <= 2
        bad += not ok
        if verbose or not ok:
            print("%-40s %s tabular, announced %s (%+d day)" % (label, iso(*j2g(j)), iso(*want), diff))
    # internal consistency: month lengths chain into the next month / year
    for name, (to_j, mlen, ylen), years, nm in [("sh", CAL['sh'], range(1300, 1450), 12),
                                                ("et", CAL['et'], range(1900, 2030), 13),
                                                ("is", CAL['is'], range(1300, 1460), 12)]:
        for y in years:
            tot = 0
            for m in range(1, nm + 1):
                n = mlen(y, m)
                tot += n
                nxt = to_j(y, m + 1, 1) if m < nm else to_j(y + 1, 1, 1)
                assert to_j(y, m, n) + 1 == nxt, (name, y, m)
            assert tot == ylen(y), (name, y)
    sh_leaps = [y for y in range(1355, 1411) if sh_leap(y)]
    if verbose:
        print("SH leap years 1355-1410:", sh_leaps)
    assert sh_leaps == [1358, 1362, 1366, 1370, 1375, 1379, 1383, 1387, 1391, 1395, 1399, 1403, 1408]
    return bad


# ----------------------------------------------------------------------------
# names and digits
# ----------------------------------------------------------------------------

def T(s):
    return s.split('|')

EN = T("January|February|March|April|May|June|July|August|September|October|November|December")
EN3 = [x[:3] for x in EN]
FR = T("janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre")
FR_ASCII = T("janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre")
FR_AB = T("janv.|févr.|mars|avr.|mai|juin|juil.|août|sept.|oct.|nov.|déc.")
DE = T("Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember")
DE_AB = T("Jan.|Feb.|Mär.|Apr.|Mai|Jun.|Jul.|Aug.|Sep.|Okt.|Nov.|Dez.")
IT = T("gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre")
IT_AB = T("gen.|feb.|mar.|apr.|mag.|giu.|lug.|ago.|set.|ott.|nov.|dic.")
ES = T("enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre")
ES_AB = T("ene.|feb.|mar.|abr.|may.|jun.|jul.|ago.|sep.|oct.|nov.|dic.")
ES3 = T("ene|feb|mar|abr|may|jun|jul|ago|sep|oct|nov|dic")
NL = T("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december")
NL_AB = T("jan.|feb.|mrt.|apr.|mei|jun.|jul.|aug.|sep.|okt.|nov.|dec.")
GR_GEN = T("Ιανουαρίου|Φεβρουαρίου|Μαρτίου|Απριλίου|Μαΐου|Ιουνίου|Ιουλίου|Αυγούστου|Σεπτεμβρίου|Οκτωβρίου|Νοεμβρίου|Δεκεμβρίου")
GR_NOM = T("Ιανουάριος|Φεβρουάριος|Μάρτιος|Απρίλιος|Μάιος|Ιούνιος|Ιούλιος|Αύγουστος|Σεπτέμβριος|Οκτώβριος|Νοέμβριος|Δεκέμβριος")
GR_AB = T("Ιαν|Φεβ|Μαρ|Απρ|Μαΐ|Ιουν|Ιουλ|Αυγ|Σεπ|Οκτ|Νοε|Δεκ")
RU_GEN = T("января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря")
RU_NOM = T("январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь")
RU_AB = T("янв.|февр.|мар.|апр.|мая|июн.|июл.|авг.|сент.|окт.|нояб.|дек.")
UA_GEN = T("січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня")
UA_NOM = T("січень|лютий|березень|квітень|травень|червень|липень|серпень|вересень|жовтень|листопад|грудень")
TR = T("Ocak|Şubat|Mart|Nisan|Mayıs|Haziran|Temmuz|Ağustos|Eylül|Ekim|Kasım|Aralık")
TR_ASCII = T("Ocak|Subat|Mart|Nisan|Mayis|Haziran|Temmuz|Agustos|Eylul|Ekim|Kasim|Aralik")
TR_UP = T("OCAK|ŞUBAT|MART|NİSAN|MAYIS|HAZİRAN|TEMMUZ|AĞUSTOS|EYLÜL|EKİM|KASIM|ARALIK")
TR_AB = T("Oca|Şub|Mar|Nis|May|Haz|Tem|Ağu|Eyl|Eki|Kas|Ara")
SQ = T("janar|shkurt|mars|prill|maj|qershor|korrik|gusht|shtator|tetor|nëntor|dhjetor")
AR_EG = T("يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر")
AR_LEV = T("كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول")
CKB = T("کانوونی دووەم|شوبات|ئازار|نیسان|ئایار|حوزەیران|تەممووز|ئاب|ئەیلوول|تشرینی یەکەم|تشرینی دووەم|کانوونی یەکەم")
UR = T("جنوری|فروری|مارچ|اپریل|مئی|جون|جولائی|اگست|ستمبر|اکتوبر|نومبر|دسمبر")
FA_G = T("ژانویه|فوریه|مارس|آوریل|مه|ژوئن|ژوئیه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر")
BN = T("জানুয়ারি|ফেব্রুয়ারি|মার্চ|এপ্রিল|মে|জুন|জুলাই|আগস্ট|সেপ্টেম্বর|অক্টোবর|নভেম্বর|ডিসেম্বর")
TI = T("ጥሪ|ለካቲት|መጋቢት|ሚያዝያ|ግንቦት|ሰነ|ሓምለ|ነሓሰ|መስከረም|ጥቅምቲ|ሕዳር|ታሕሳስ")
TI_ONLY = {1, 2, 6, 7, 8, 10}   # Tigrinya spellings that differ from the Amharic ones
AM = T("መስከረም|ጥቅምት|ኅዳር|ታኅሣሥ|ጥር|የካቲት|መጋቢት|ሚያዝያ|ግንቦት|ሰኔ|ሐምሌ|ነሐሴ|ጳጉሜ")
ET_LAT = T("Meskerem|Tikimt|Hidar|Tahsas|Tir|Yekatit|Megabit|Miyazya|Ginbot|Sene|Hamle|Nehase|Pagume")
FA_SH = T("فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند")
SH_LAT = T("Farvardin|Ordibehesht|Khordad|Tir|Mordad|Shahrivar|Mehr|Aban|Azar|Dey|Bahman|Esfand")
PRS = T("حمل|ثور|جوزا|سرطان|اسد|سنبله|میزان|عقرب|قوس|جدی|دلو|حوت")
PRS_LAT = T("Hamal|Sawr|Jawza|Saratan|Asad|Sunbula|Mizan|Aqrab|Qaws|Jadi|Dalw|Hut")
PS = T("وری|غویی|غبرګولی|چنګاښ|زمری|وږی|تله|لړم|لیندۍ|مرغومی|سلواغه|کب")
AR_HIJ = T("محرم|صفر|ربيع الأول|ربيع الآخر|جمادى الأولى|جمادى الآخرة|رجب|شعبان|رمضان|شوال|ذو القعدة|ذو الحجة")
HIJ_LAT = T("Muharram|Safar|Rabi al-Awwal|Rabi al-Thani|Jumada al-Ula|Jumada al-Akhirah|Rajab|Sha'ban|Ramadan|Shawwal|Dhu al-Qa'dah|Dhu al-Hijjah")
ZW = '\u200c'
FA_HIJ = T("محرم|صفر|ربیع" + ZW + "الاول|ربیع" + ZW + "الثانی|جمادی" + ZW + "الاول|جمادی" + ZW + "الثانی|رجب|شعبان|رمضان|شوال|ذی" + ZW + "القعده|ذی" + ZW + "الحجه")
UR_HIJ = T("محرم|صفر|ربیع الاول|ربیع الثانی|جمادی الاول|جمادی الثانی|رجب|شعبان|رمضان|شوال|ذوالقعدہ|ذوالحجہ")
ROMAN = T("I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII")
AR_WD = T("الأحد|الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت")
FA_WD = T("یکشنبه|دوشنبه|سه" + ZW + "شنبه|چهارشنبه|پنج" + ZW + "شنبه|جمعه|شنبه")
EN_SFX = {1: 'st', 2: 'nd', 3: 'rd', 21: 'st', 22: 'nd', 23: 'rd', 31: 'st'}

DIGITS = {'lat': '0123456789',
          'ar': '٠١٢٣٤٥٦٧٨٩',            # U+0660..0669 Arabic-Indic
          'fa': '۰۱۲۳۴۵۶۷۸۹',            # U+06F0..06F9 Persian/Urdu
          'bn': '০১২৩৪৫৬৭৮৯'}            # U+09E6..09EF Bengali
RLM = '\u200f'

# ----------------------------------------------------------------------------
# rows
# ----------------------------------------------------------------------------

ROWS = []          # (section, raw, calendar, order, expected, region, note, valuecal)
SECTION = [None]


def sec(name):
    SECTION[0] = name


def nat(s, dig):
    return ''.join(DIGITS[dig][int(c)] if c.isdigit() else c for c in s)


def D(region, tpl, cal, y, m=None, d=None, names=EN, dig='lat', decl='-', order='dmy',
      note='', bad=None, ab=None, wd=None):
    """A row built from calendar values.  cal: g, sh, is, et.
    bad=None: valid, expected computed.  bad=True: must be an impossible date.
    bad='reason': invalid for that reason (no calendar check)."""
    def pick(tab):
        return tab[m - 1] if tab and m and 1 <= m <= len(tab) else '?'
    f = {
        'd': nat(str(d), dig) if d is not None else '',
        'dd': nat('%02d' % d, dig) if d is not None else '',
        'm': nat(str(m), dig) if m is not None else '',
        'mm': nat('%02d' % m, dig) if m is not None else '',
        'y': nat(str(y), dig) if y is not None else '',
        'yy': nat('%02d' % (y % 100), dig) if y is not None else '',
        'M': pick(names), 'Mab': pick(ab), 'MU': pick(names).upper(),
        'M3': pick(EN3), 'MU3': pick(EN3).upper(), 'R': pick(ROMAN),
        'sfx': EN_SFX.get(d, 'th') if d else '',
    }
    if wd:
        to_j = {'g': g2j, 'sh': sh2j, 'is': is2j, 'et': et2j}[cal]
        f['W'] = wd[weekday(to_j(y, m, d))]
    raw = unicodedata.normalize('NFC', tpl.format(**f))
    assert '\t' not in raw and '\n' not in raw and '?' not in raw.replace('??', ''), raw
    if bad is None:
        exp = expected(cal, y, m, d)
    else:
        if bad is True:
            try:
                expected(cal, y, m, d)
            except ValueError:
                pass
            else:
                raise AssertionError("row meant impossible is valid: " + raw)
        exp = 'invalid'
    if isinstance(bad, str):
        note = (note + '; ' + bad) if note else bad
    if cal == 'is' and bad is None and 'tabular' not in note:
        note = (note + '; tabular') if note else 'tabular'
    ROWS.append((SECTION[0], raw, decl, order, exp, region, note, cal))


def X(region, raw, note, decl='-', order='dmy'):
    """free text that must be refused"""
    ROWS.append((SECTION[0], unicodedata.normalize('NFC', raw), decl, order, 'invalid', region, note, '-'))


def build():
    # ------------------------------------------------------------------ A
    sec('gregorian-named')
    D('uk', '{d} {M3} {y}', 'g', 1974, 8, 12, note='English abbreviation')
    D('uk', '{d} {M} {y}', 'g', 1983, 9, 3)
    D('uk', '{d}{sfx} {M} {y}', 'g', 1990, 3, 1, names=EN, note='ordinal 1st')
    D('uk', '{d}{sfx} {M3} {y}', 'g', 1979, 2, 22, note='ordinal 22nd')
    D('uk', '{dd} {MU3} {y}', 'g', 1983, 1, 5, note='upper-case abbreviation')
    D('uk', '{d} Sept {y}', 'g', 1985, 9, 14, note='Sept')
    D('uk', '{M} {y}', 'g', 1992, 6, names=EN, note='month and year')
    D('pk', '{dd}-{MU3}-{y}', 'g', 1974, 8, 12, note='bank DD-MON-YYYY')
    D('pk', '{dd}-{M3}-{y}', 'g', 1988, 10, 21, note='bank DD-Mon-YYYY')
    D('bd', '{dd} {M3} {y}', 'g', 1995, 2, 7, note='NID style')
    D('us', '{M3} {d}, {y}', 'g', 1974, 8, 12, order='mdy', note='US month first')
    D('us', '{M} {d}{sfx}, {y}', 'g', 1986, 7, 4, names=EN, order='mdy', note='US ordinal')
    D('us', '{M} {d}, {y}', 'g', 2001, 3, 4, names=EN, order='mdy')
    D('ir-fa', '{d} {M} {y}', 'g', 1974, 8, 12, names=EN, decl='persian',
      note='English month name overrides declared Solar Hijri')

    D('fr', '{d} {M} {y}', 'g', 1974, 8, 12, names=FR)
    D('fr', '{d} {M} {y}', 'g', 1981, 8, 30, names=FR_ASCII, note='aout without circumflex')
    D('fr', '{d} {MU} {y}', 'g', 1974, 8, 12, names=FR, note='upper case with accent')
    D('fr', '{d}er {M} {y}', 'g', 1980, 1, 1, names=FR, note='1er')
    D('fr', '{d} {Mab} {y}', 'g', 1991, 2, 3, ab=FR_AB, note='févr.')
    D('fr', '{d} {Mab} {y}', 'g', 2001, 7, 7, ab=FR_AB, note='juil.')
    D('fr', '{d} {Mab} {y}', 'g', 1984, 1, 9, ab=FR_AB, note='janv.')
    D('fr', '{M} {y}', 'g', 1985, 9, names=FR, note='month and year')
    D('fr', 'le {d} {M} {y}', 'g', 1977, 3, 5, names=FR, note='with article le')
    D('fr', '{dd} {MU} {y}', 'g', 1962, 12, 19, names=FR_ASCII, note='upper case, accent dropped')

    D('de', '{d}. {M} {y}', 'g', 1974, 8, 12, names=DE)
    D('de', '{d}. {Mab} {y}', 'g', 1980, 3, 3, ab=DE_AB, note='Mär.')
    D('de', '{d}. Mrz. {y}', 'g', 1986, 3, 17, note='Mrz.')
    D('de', '{d}. Maerz {y}', 'g', 1999, 3, 7, note='ae for ä')
    D('de', '{dd}. {Mab} {y}', 'g', 1988, 10, 12, ab=DE_AB, note='Okt.')
    D('de', '{dd}.{Mab}{y}', 'g', 1990, 12, 24, ab=DE_AB, note='no spaces')
    D('de', '{M} {y}', 'g', 1985, 6, names=DE, note='month and year')

    D('it', '{d} {M} {y}', 'g', 1974, 8, 12, names=IT)
    D('it', '{d}° {M} {y}', 'g', 1980, 1, 1, names=IT, note='1° ordinal')
    D('it', '{d} {Mab} {y}', 'g', 1983, 1, 5, ab=IT_AB, note='gen.')
    D('it', '{d} {Mab} {y}', 'g', 1977, 5, 21, ab=IT_AB, note='mag.')
    D('it', '{M} {y}', 'g', 1992, 3, names=IT, note='month and year')
    D('it', '{dd} {MU} {y}', 'g', 1959, 6, 2, names=IT, note='upper case')

    D('es', '{d} de {M} de {y}', 'g', 1974, 8, 12, names=ES)
    D('es', '{dd}-{Mab}-{y}', 'g', 1983, 1, 5, ab=ES3, note='spreadsheet dd-mmm-yyyy')
    D('es', '{d} {Mab} {y}', 'g', 1987, 1, 26, ab=ES_AB, note='ene.')
    D('es', '{d} DE {MU} DE {y}', 'g', 1985, 10, 12, names=ES, note='upper case')
    D('es', '{M} de {y}', 'g', 1995, 5, names=ES, note='month and year')
    D('es', '{d} de {M} {y}', 'g', 2002, 7, 7, names=ES, note='second de missing')
    D('es', '{d} {Mab} {y}', 'g', 1971, 11, 19, ab=ES_AB, note='nov.')

    D('nl', '{d} {M} {y}', 'g', 1974, 8, 12, names=NL)
    D('nl', '{d} {Mab} {y}', 'g', 1980, 3, 3, ab=NL_AB, note='mrt.')
    D('nl', '{d} {M} {y}', 'g', 1985, 5, 1, names=NL, note='mei')
    D('nl', '{d} {M} {y}', 'g', 1996, 2, 29, names=NL, note='leap day')
    D('nl', '{M} {y}', 'g', 2001, 6, names=NL, note='month and year')

    D('gr', '{d} {M} {y}', 'g', 1974, 8, 12, names=GR_GEN, note='genitive')
    D('gr', '{d} ΑΥΓΟΥΣΤΟΥ {y}', 'g', 1978, 8, 15, note='upper case genitive, no accent')
    D('gr', '{d} {M} {y}', 'g', 1985, 3, 25, names=GR_GEN, note='genitive')
    D('gr', '{d} {M} {y}', 'g', 1990, 5, 3, names=GR_GEN, note='Μαΐου with diaeresis')
    D('gr', '{M} {y}', 'g', 1977, 6, names=GR_NOM, note='nominative, month and year')
    D('gr', '{d} {Mab} {y}', 'g', 1980, 10, 28, ab=GR_AB, note='abbreviation')

    D('ru', '{d} {M} {y} г.', 'g', 1974, 8, 12, names=RU_GEN, note='genitive, г.')
    D('ru', '{d} {M} {y} года', 'g', 1980, 3, 3, names=RU_GEN, note='года')
    D('ru', '{d} {Mab} {y} г.', 'g', 1985, 9, 1, ab=RU_AB, note='сент.')
    D('ru', '{d} {Mab} {y}', 'g', 1992, 8, 19, ab=RU_AB, note='авг.')
    D('ru', '{M} {y} г.', 'g', 1974, 8, names=RU_NOM, note='nominative, month and year')
    D('ru', '{d} ДЕКАБРЯ {y} Г.', 'g', 1979, 12, 25, note='upper case')
    D('ru', '{dd} {M} {y}г.', 'g', 2004, 2, 29, names=RU_GEN, note='leap day; г. attached')

    D('ua', '{d} {M} {y} р.', 'g', 1974, 8, 12, names=UA_GEN, note='genitive, р.')
    D('ua', '{d} {M} {y} р.', 'g', 1991, 8, 24, names=UA_GEN)
    D('ua', '{d} {M} {y} року', 'g', 1980, 1, 1, names=UA_GEN, note='року')
    D('ua', '{M} {y} р.', 'g', 1985, 3, names=UA_NOM, note='nominative, month and year')
    D('ua', '{d} ЛИСТОПАДА {y}', 'g', 1972, 11, 15, note='upper case')

    D('tr', '{d} {M} {y}', 'g', 1974, 8, 12, names=TR)
    D('tr', '{d} {M} {y}', 'g', 1976, 8, 30, names=TR_ASCII, note='Agustos without ğ')
    D('tr', '{d} {M} {y}', 'g', 1979, 8, 3, names=TR_UP, note='upper case Ğ')
    D('tr', '{d} {M} {y}', 'g', 1985, 4, 23, names=TR_UP, note='NİSAN with dotted İ')
    D('tr', '{d} {Mab}. {y}', 'g', 1990, 2, 3, ab=TR_AB, note='Şub.')
    D('tr', '{d} {M} {y}', 'g', 1977, 5, 15, names=TR_ASCII, note='Mayis without ı')
    D('tr', '{M} {y}', 'g', 1980, 9, names=TR, note='month and year')
    D('tr', '{dd} {Mab} {y}', 'g', 2001, 12, 30, ab=TR_AB, note='Ara')

    D('al', '{d} {M} {y}', 'g', 1974, 8, 12, names=SQ)
    D('al', '{d} {M} {y}', 'g', 1980, 11, 28, names=SQ, note='nëntor')
    D('al', '{d} nentor {y}', 'g', 1991, 11, 6, note='nentor without ë')
    D('al', '{d} {M} {y}', 'g', 1990, 1, 1, names=SQ)
    D('al', '{M} {y}', 'g', 1992, 2, names=SQ, note='month and year')

    D('eg', '{d} {M} {y}', 'g', 1974, 8, 12, names=AR_EG, dig='ar', note='Arabic-Indic digits')
    D('eg', '{d} اغسطس {y}', 'g', 1979, 8, 25, note='no hamza')
    D('eg', '{d} {M} {y}م', 'g', 1980, 1, 5, names=AR_EG, dig='ar', note='م marker')
    D('eg', '{d} {M} {y}', 'g', 1973, 10, 6, names=AR_EG)
    D('eg', '{d} إبريل {y}', 'g', 1988, 4, 15, dig='ar', note='إبريل spelling')
    D('eg', '{W}، {d} {M} {y}', 'g', 1986, 6, 15, names=AR_EG, dig='ar', wd=AR_WD,
      note='weekday and Arabic comma')
    D('eg', '{M} {y}', 'g', 1990, 5, names=AR_EG, dig='ar', note='month and year')
    D('eg', '{d} يونية {y}', 'g', 1967, 6, 5, dig='ar', note='يونية spelling')
    D('ly', '{d} {M} {y}', 'g', 1986, 2, 17, names=AR_EG)
    D('ly', '{d} {M} {y}', 'g', 1969, 9, 1, names=AR_EG, dig='ar')
    D('sd', '{d} {M} {y}', 'g', 1989, 6, 30, names=AR_EG)
    D('sd', '{d} {M} {y}م', 'g', 2018, 12, 19, names=AR_EG, dig='ar')
    D('sa-ar', '{d} {M} {y}م', 'g', 1974, 8, 12, names=AR_EG, note='م marker')
    D('sa-ar', '{d} {M} {y} م', 'g', 2003, 6, 1, names=AR_EG, dig='ar', note='spaced م')
    D('sa-ar', '{d} {M} {y}', 'g', 1982, 4, 8, names=AR_EG, dig='ar', decl='islamic',
      note='Gregorian month name overrides declared Hijri')

    D('sy', '{d} {M} {y}', 'g', 1974, 8, 12, names=AR_LEV, dig='ar', note='Levantine آب')
    D('sy', '{d} اب {y}', 'g', 1982, 8, 2, note='اب without madda')
    D('sy', '{d} {M} {y}', 'g', 1970, 11, 16, names=AR_LEV, dig='ar', note='تشرين الثاني')
    D('sy', '{d} آب/أغسطس {y}', 'g', 1974, 8, 21, dig='ar', note='both month names')
    D('sy', '{M} {y}', 'g', 1995, 5, names=AR_LEV, dig='ar', note='month and year')
    D('sy', '{d} ايلول {y}', 'g', 1999, 9, 9, note='no hamza')
    D('iq-ar', '{d} {M} {y}', 'g', 1958, 7, 14, names=AR_LEV, dig='ar')
    D('iq-ar', '{d} {M} {y}', 'g', 1990, 1, 1, names=AR_LEV, dig='ar', note='كانون الثاني = January')
    D('iq-ar', '{d} {M} {y}', 'g', 1985, 12, 31, names=AR_LEV, dig='ar', note='كانون الأول = December')
    D('iq-ar', '{d} تشرين الاول {y}', 'g', 2005, 10, 15, note='no hamza')
    D('iq-ar', '{M} {y}', 'g', 1991, 2, names=AR_LEV, dig='ar', note='month and year')
    D('iq-ar', '{d} اذار {y}', 'g', 1991, 3, 5, dig='ar', note='اذار without madda')

    D('iq-ckb', '{d}ی {M}ی {y}', 'g', 1974, 8, 12, names=CKB, dig='ar', note='Sorani -ی suffixes')
    D('iq-ckb', '{d}ی {M}ی {y}', 'g', 1988, 3, 16, names=CKB, dig='ar', note='Sorani -ی suffixes')
    D('iq-ckb', '{d} {M} {y}', 'g', 1991, 4, 5, names=CKB, dig='ar')
    D('iq-ckb', '{d}ی {M}ی {y}', 'g', 1990, 1, 1, names=CKB, dig='ar', note='کانوونی دووەم = January')
    D('iq-ckb', '{M}ی {y}', 'g', 2017, 10, names=CKB, dig='ar', note='month and year')
    D('iq-ckb', '{d} {M} {y}', 'g', 2017, 9, 25, names=CKB, dig='ar')
    D('iq-ckb', '{d} {M} {y}', 'g', 1985, 6, 22, names=CKB, dig='ar')
    D('iq-ckb', '{d} {M} {y}', 'g', 1979, 12, 3, names=CKB, note='کانوونی یەکەم = December; Latin digits')

    D('pk-ur', '{d} {M} {y}ء', 'g', 1974, 8, 12, names=UR, dig='fa', note='Urdu digits; ء year sign')
    D('pk-ur', '{d} {M} {y}', 'g', 1980, 12, 25, names=UR, dig='fa')
    D('pk-ur', '{d} {M} {y}ء', 'g', 1977, 7, 5, names=UR)
    D('pk-ur', '{M} {y}', 'g', 1998, 5, names=UR, dig='fa', note='month and year')
    D('pk-ur', '{d} {M} {y}', 'g', 1990, 3, 23, names=UR)
    D('ir-fa', '{d} {M} {y}', 'g', 1974, 8, 12, names=FA_G, dig='fa', note='Persian name of Gregorian month')
    D('ir-fa', '{d} {M} {y} میلادی', 'g', 1990, 6, 2, names=FA_G, dig='fa', note='میلادی marker')

    D('bd', '{d} {M} {y}', 'g', 1974, 8, 12, names=BN, dig='bn')
    D('bd', '{d} {M} {y}', 'g', 1971, 3, 26, names=BN, dig='bn')
    D('bd', '{d} {M} {y}', 'g', 1990, 1, 1, names=BN, dig='bn')
    D('bd', '{M} {y}', 'g', 1985, 2, names=BN, dig='bn', note='month and year')

    D('vn', 'ngày {d} tháng {m} năm {y}', 'g', 1974, 8, 12)
    D('vn', 'ngày {dd} tháng {mm} năm {y}', 'g', 1985, 9, 2)
    D('vn', 'tháng {m} năm {y}', 'g', 1975, 4, note='month and year')
    D('vn', 'ngày {d} tháng Tư năm {y}', 'g', 1975, 4, 30, note='tháng Tư = April')
    D('vn', 'NGÀY {dd} THÁNG {mm} NĂM {y}', 'g', 1990, 3, 5, note='upper case')

    # ------------------------------------------------------------------ B
    sec('gregorian-numeric')
    D('uk', '{dd}/{mm}/{y}', 'g', 1974, 8, 12)
    D('uk', '{d}/{m}/{y}', 'g', 1990, 3, 1, note='no zero padding')
    D('uk', '{y}-{mm}-{dd}', 'g', 2001, 11, 5, note='ISO')
    D('uk', '{y}{mm}{dd}', 'g', 1974, 8, 12, note='ISO basic, bank record')
    D('uk', '{y}-{mm}-{dd}T00:00:00', 'g', 1974, 8, 12, note='timestamp export')
    D('uk', '{dd}/{mm}/{y} 00:00:00', 'g', 1983, 5, 9, note='timestamp export')
    D('uk', '{mm}/{y}', 'g', 1974, 8, note='month and year')
    D('uk', '{y}-{mm}', 'g', 2005, 7, note='ISO month')
    D('uk', '{y}', 'g', 1974, note='year only')
    D('fr', '{dd}/{mm}/{y}', 'g', 1983, 6, 17)
    D('fr', '{dd} {mm} {y}', 'g', 1979, 10, 3, note='space separated')
    D('fr', '{dd}/{mm}/{y}', 'g', 2015, 3, 8, decl='gregorian')
    D('de', '{dd}.{mm}.{y}', 'g', 1974, 8, 12)
    D('de', '{d}.{m}.{y}', 'g', 1990, 3, 1, note='no zero padding')
    D('de', '{mm}.{y}', 'g', 1990, 10, note='month and year')
    D('it', '{dd}/{mm}/{y}', 'g', 1987, 12, 6)
    D('it', '{dd}-{mm}-{y}', 'g', 1993, 4, 25)
    D('it', '{d}.{R}.{y}', 'g', 1978, 4, 21, note='Roman month numeral')
    D('es', '{dd}/{mm}/{y}', 'g', 1975, 11, 20)
    D('es', '{d}-{m}-{y}', 'g', 1999, 1, 31)
    D('es', '{dd} / {mm} / {y}', 'g', 1977, 6, 14, note='spaces around slashes')
    D('nl', '{dd}-{mm}-{y}', 'g', 1974, 8, 12)
    D('nl', '{d}-{m}-{y}', 'g', 2000, 2, 29, note='leap day of 2000')
    D('gr', '{d}/{m}/{y}', 'g', 1967, 4, 21)
    D('tr', '{dd}.{mm}.{y}', 'g', 1980, 9, 12)
    D('al', '{dd}.{mm}.{y}', 'g', 1997, 3, 14)
    D('ru', '{dd}.{mm}.{y} г.', 'g', 1961, 4, 12, note='г.')
    D('ru', '{dd}.{mm}.{y}', 'g', 1986, 4, 26)
    D('ua', '{dd}.{mm}.{y} р.', 'g', 1990, 7, 16, note='р.')
    D('vn', '{dd}/{mm}/{y}', 'g', 1978, 12, 25)
    D('bd', '{dd}/{mm}/{y}', 'g', 1974, 8, 12, dig='bn', note='Bengali digits')
    D('bd', '{dd}-{mm}-{y}', 'g', 1988, 11, 29, dig='bn', note='Bengali digits')
    D('pk-ur', '{dd}/{mm}/{y}', 'g', 1974, 8, 12, dig='fa', note='Urdu digits')
    D('pk-ur', '{dd}؍{mm}؍{y}', 'g', 1992, 3, 25, dig='fa', note='Arabic date separator U+060D')
    D('pk-ur', '{d}؍{m}؍{y}ء', 'g', 1984, 10, 9, dig='fa', note='date separator U+060D; ء')
    D('eg', '{dd}/{mm}/{y}', 'g', 1974, 8, 12, dig='ar', note='Arabic-Indic digits')
    D('eg', '{d}' + RLM + '/{m}' + RLM + '/{y}', 'g', 1981, 10, 6, dig='ar', note='RLM U+200F after day and month')
    D('eg', '{dd}' + RLM + '/{mm}' + RLM + '/{y}', 'g', 1994, 1, 17, note='RLM U+200F, Latin digits')
    D('eg', '{W}، {dd}/{mm}/{y}', 'g', 1999, 12, 31, dig='ar', wd=AR_WD, note='weekday and Arabic comma')
    D('eg', '{y}', 'g', 1983, dig='ar', note='year only')
    D('sa-ar', '{y}/{mm}/{dd}م', 'g', 1974, 8, 12, dig='ar', note='year first; م')
    D('sa-ar', '{y}/{mm}/{dd}', 'g', 1990, 8, 2, note='year first')
    D('sa-ar', '{y}/{mm}/{dd}م', 'g', 1985, 3, 12, decl='islamic', note='م overrides declared Hijri')
    D('iq-ar', '{y}/{m}/{d}', 'g', 1979, 7, 16, dig='ar', note='year first')
    D('iq-ckb', '{d}/{m}/{y}', 'g', 1996, 8, 31, dig='ar')
    D('iq-ckb', '{dd}' + RLM + '/{mm}' + RLM + '/{y}', 'g', 2014, 6, 10, dig='ar', note='RLM U+200F')
    D('sy', '{dd}-{mm}-{y}', 'g', 2011, 3, 15, dig='ar')
    D('ly', '{dd}-{mm}-{y}', 'g', 2011, 2, 17)
    D('sd', '{dd}/{mm}/{y}م', 'g', 1985, 4, 6, dig='ar', note='م')
    D('ir-fa', '{y}/{mm}/{dd}', 'g', 1986, 7, 3, dig='fa', note='Gregorian year in Persian digits, year first')
    D('ir-fa', '{y}/{mm}/{dd} میلادی', 'g', 1988, 1, 14, decl='persian', note='میلادی overrides declared Solar Hijri')
    D('af-prs', '{dd}/{mm}/{y}', 'g', 1996, 9, 27)
    D('et-am', '{dd}/{mm}/{y} G.C.', 'g', 1991, 5, 28, decl='ethiopic', note='G.C. overrides declared Ethiopian')
    D('et-am', '{dd}/{mm}/{y} AD', 'g', 1984, 3, 2, decl='ethiopic', note='AD overrides declared Ethiopian')
    D('us', '{mm}/{dd}/{y}', 'g', 1974, 8, 12, order='mdy')
    D('us', '{m}/{d}/{y}', 'g', 2001, 3, 4, order='mdy')
    D('us', '{mm}/{dd}/{y}', 'g', 1980, 12, 25, order='mdy')
    D('us', '{m}/{d}/{y}', 'g', 1995, 1, 2, order='mdy')
    D('us', '{mm}-{dd}-{y}', 'g', 1976, 7, 4, order='mdy')
    D('us', '{mm}/{dd}/{y}', 'g', 1996, 2, 29, order='mdy', note='leap day')
    D('us', '{y}-{mm}-{dd}', 'g', 1988, 11, 8, order='mdy', note='ISO in a month-first source')
    D('us', '{m}/{d}/{y} 12:00:00 AM', 'g', 2010, 6, 18, order='mdy', note='spreadsheet export')

    # ------------------------------------------------------------------ C
    sec('solar-hijri')
    D('ir-fa', '{d} {M} {y}', 'sh', 1353, 5, 12, names=FA_SH, dig='fa')
    D('ir-fa', '{d} {M} {y}', 'sh', 1357, 11, 22, names=FA_SH, dig='fa')
    D('ir-fa', '{d} {M} {y}', 'sh', 1365, 1, 1, names=FA_SH, dig='fa')
    D('ir-fa', '{d} {M} {y}', 'sh', 1399, 12, 30, names=FA_SH, dig='fa', note='30 Esfand of leap 1399')
    D('ir-fa', '{d} {M} {y} ه.ش', 'sh', 1395, 12, 30, names=FA_SH, dig='fa', note='30 Esfand of leap 1395')
    D('ir-fa', '{d} {M} {y}', 'sh', 1342, 3, 15, names=FA_SH, dig='fa')
    D('ir-fa', '{M} {y}', 'sh', 1365, 10, names=FA_SH, dig='fa', note='Dey 1365 is mid-Jan 1987')
    D('ir-fa', '{y} ه.ش', 'sh', 1365, dig='fa', note='year only')
    D('ir-fa', '{d} امرداد {y}', 'sh', 1360, 5, 3, dig='fa', note='امرداد variant')
    D('ir-fa', '{d} {M} {y} هـ.ش', 'sh', 1359, 6, 31, names=FA_SH, dig='fa')
    D('ir-fa', '{W} {d} {M} {y}', 'sh', 1363, 2, 18, names=FA_SH, dig='fa', wd=FA_WD, note='weekday with ZWNJ')
    D('ir-fa', '{d} {M} {y}', 'sh', 1370, 7, 8, names=FA_SH, note='Latin digits')
    D('ir-fa', '{d} {M} {y}', 'sh', 1372, 9, 30, names=FA_SH, dig='ar', note='Arabic-Indic digits in Persian')
    D('ir-fa', '{d} دي {y}', 'sh', 1380, 10, 11, dig='fa', note='دي with Arabic ya')
    D('ir-fa', '{d} {M} {y} هجری شمسی', 'sh', 1375, 4, 25, names=FA_SH, dig='fa')
    D('ir-fa', '{d} {M} {y} خورشیدی', 'sh', 1388, 3, 22, names=FA_SH, dig='fa')
    D('ir-fa', '{d} {M} {y}', 'sh', 1376, 3, 2, names=FA_SH, dig='fa')
    D('ir-fa', '{M} {y}', 'sh', 1383, 12, names=FA_SH, dig='fa', note='month and year')
    D('ir-fa', '{d} {M} {y}', 'sh', 1390, 2, 31, names=FA_SH, dig='fa', note='day 31')
    D('ir-fa', '{d} {M} {y}', 'sh', 1402, 6, 31, names=FA_SH, dig='fa')
    D('ir-fa', '{d} {M} {y}', 'sh', 1345, 8, 1, names=FA_SH, dig='fa')
    D('ir-fa', '{d} {M} {y}', 'sh', 1335, 9, 20, names=FA_SH, dig='fa')
    D('ir-fa', '{y}/{mm}/{dd} ه.ش', 'sh', 1365, 4, 12, dig='fa', note='year first')
    D('ir-fa', '{y}/{m}/{d} هـ.ش', 'sh', 1368, 3, 14, dig='fa', note='year first')
    D('ir-fa', '{y}/{mm}/{dd} SH', 'sh', 1362, 11, 5, note='SH marker')
    D('ir-fa', '{dd}/{mm}/{y} ش', 'sh', 1358, 8, 13, dig='fa', note='day first; ش marker')
    D('ir-fa', '{y}/{mm}/{dd}', 'sh', 1371, 6, 25, dig='fa', decl='persian')
    D('ir-fa', '{y}/{mm}/{dd}', 'sh', 1365, 4, 12, decl='persian', note='same text is invalid without a calendar')
    D('ir-fa', '{y}{mm}{dd}', 'sh', 1367, 7, 9, decl='persian', note='bank yyyymmdd')
    D('ir-fa', '{y}-{mm}-{dd}', 'sh', 1398, 10, 17, decl='persian')
    D('ir-fa', '{y}/{mm}/{dd}', 'sh', 1360, 12, 29, dig='ar', decl='persian', note='Arabic-Indic digits')
    D('ir-fa', '{y}/{mm}/{dd} ه\u200d.ش', 'sh', 1373, 7, 1, dig='fa', note='ZWJ after ه')
    D('ir-fa', '{y}', 'sh', 1365, decl='persian', note='year only')
    D('ir-fa', '{y}/{mm}', 'sh', 1369, 7, dig='fa', decl='persian', note='year and month')
    D('ir-fa', '{d} {M} {y}', 'sh', 1365, 1, 12, names=SH_LAT, note='Latin month name')
    D('ir-fa', '{d} {M} {y} SH', 'sh', 1360, 2, 3, names=SH_LAT)
    D('ir-fa', '{M} {y}', 'sh', 1370, 3, names=SH_LAT, note='month and year')
    D('ir-fa', '{d} {M} {y} SH', 'sh', 1362, 4, 21, names=SH_LAT, note='Tir is also an Ethiopian month')
    D('ir-fa', '{M} {y} SH', 'sh', 1353, 5, names=SH_LAT, note='month and year')
    D('ir-fa', '{d} {M} {y}', 'sh', 1372, 6, 5, names=SH_LAT)
    D('ir-fa', '{d} {M} {y}', 'sh', 1358, 8, 13, names=SH_LAT)
    D('ir-fa', '{d} {M} {y}', 'sh', 1380, 9, 30, names=SH_LAT)
    D('ir-fa', '{d} {M} {y} H.Sh.', 'sh', 1366, 10, 1, names=SH_LAT)
    D('ir-fa', '{d} {M} {y}', 'sh', 1357, 11, 22, names=SH_LAT)
    D('ir-fa', '{d} {M} {y}', 'sh', 1378, 12, 29, names=SH_LAT)
    D('ir-fa', '{d} {M} {y} SH', 'sh', 1399, 12, 30, names=SH_LAT, note='30 Esfand of leap 1399')

    D('af-prs', '{d} {M} {y}', 'sh', 1365, 1, 12, names=PRS, dig='fa')
    D('af-prs', '{d} {M} {y}', 'sh', 1370, 2, 15, names=PRS, dig='fa')
    D('af-prs', '{d} {M} {y} هـ ش', 'sh', 1355, 3, 3, names=PRS, dig='fa')
    D('af-prs', '{M} {y}', 'sh', 1360, 4, names=PRS, dig='fa', note='month and year')
    D('af-prs', '{d} {M} {y}', 'sh', 1398, 5, 28, names=PRS, dig='fa')
    D('af-prs', '{d} {M} {y}', 'sh', 1371, 2, 8, names=PRS, dig='fa')
    D('af-prs', '{d} {M} {y}', 'sh', 1357, 2, 7, names=PRS, dig='fa')
    D('af-prs', '{d} {M} {y}', 'sh', 1358, 10, 6, names=PRS, dig='fa')
    D('af-prs', '{d} {M} {y} هـ ش', 'sh', 1367, 11, 26, names=PRS, dig='fa')
    D('af-prs', '{d} {M} {y}', 'sh', 1400, 5, 24, names=PRS, dig='fa')
    D('af-prs', '{M} {y}', 'sh', 1375, 7, names=PRS, dig='fa', note='month and year')
    D('af-prs', '{d} {M} {y}', 'sh', 1363, 8, 10, names=PRS, dig='fa')
    D('af-prs', '{M} {y}', 'sh', 1380, 9, names=PRS, dig='fa', note='month and year')
    D('af-prs', '{d} {M} {y}', 'sh', 1399, 12, 30, names=PRS, dig='fa', note='30 Hut of leap 1399')
    D('af-prs', '{y}/{m}/{d}', 'sh', 1368, 6, 15, dig='fa', decl='persian', note='tazkira style')
    D('af-prs', '{y}/{m}/{d}', 'sh', 1374, 9, 9, decl='persian')
    D('af-prs', '{d}/{m}/{y}', 'sh', 1362, 7, 20, dig='fa', decl='persian', note='day first')
    D('af-prs', '{d} جوزاء {y}', 'sh', 1352, 3, 26, dig='fa', note='جوزاء with hamza')
    D('af-prs', '{d} {M} {y}', 'sh', 1365, 1, 12, names=PRS_LAT, note='Latin Dari month')
    D('af-prs', '{M} {y}', 'sh', 1360, 4, names=PRS_LAT, note='Latin Dari month; month and year')
    D('af-prs', '{d} {M} {y}', 'sh', 1370, 6, 5, names=PRS_LAT, note='Latin Dari month')
    D('af-prs', '{d} {M} {y} هـ.ش', 'sh', 1384, 11, 1, names=PRS, dig='fa')
    D('af-prs', '{d} {M} {y}', 'sh', 1390, 10, 21, names=PRS, dig='fa')

    D('af-ps', '{d} {M} {y}', 'sh', 1365, 1, 12, names=PS, dig='fa')
    D('af-ps', '{d} {M} {y}', 'sh', 1370, 2, 5, names=PS, dig='fa')
    D('af-ps', '{d} {M} {y}', 'sh', 1360, 3, 20, names=PS, dig='fa')
    D('af-ps', '{M} {y}', 'sh', 1358, 4, names=PS, dig='fa', note='month and year')
    D('af-ps', '{d} {M} {y}', 'sh', 1398, 5, 28, names=PS, dig='fa')
    D('af-ps', '{d} {M} {y}', 'sh', 1380, 6, 10, names=PS, dig='fa')
    D('af-ps', '{d} {M} {y} هـ ش', 'sh', 1375, 7, 15, names=PS, dig='fa')
    D('af-ps', '{M} {y}', 'sh', 1366, 8, names=PS, dig='fa', note='month and year')
    D('af-ps', '{d} {M} {y}', 'sh', 1385, 9, 1, names=PS, dig='fa')
    D('af-ps', '{d} {M} {y}', 'sh', 1359, 10, 9, names=PS, dig='fa')
    D('af-ps', '{d} {M} {y}', 'sh', 1370, 11, 30, names=PS, dig='fa')
    D('af-ps', '{d} {M} {y}', 'sh', 1365, 12, 12, names=PS, dig='fa')
    D('af-ps', '{d} غبرگولی {y}', 'sh', 1372, 3, 4, dig='fa', note='Persian گ for Pashto ګ')

    # ------------------------------------------------------------------ D
    sec('lunar-hijri')
    D('sa-ar', '{d} {M} {y}هـ', 'is', 1405, 3, 12, names=AR_HIJ, dig='ar')
    D('sa-ar', '{y}/{mm}/{dd}هـ', 'is', 1405, 3, 12, dig='ar', note='year first')
    D('sa-ar', '{y}/{mm}/{dd}هـ', 'is', 1398, 7, 9, note='year first, Latin digits')
    D('sa-ar', '{dd}/{mm}/{y} هـ', 'is', 1410, 5, 20, dig='ar', note='day first')
    D('sa-ar', '{d} {M} {y} هـ', 'is', 1400, 1, 1, names=AR_HIJ, dig='ar')
    D('sa-ar', '{d} {M} {y}هـ', 'is', 1395, 9, 27, names=AR_HIJ, dig='ar')
    D('sa-ar', '{d} {M} {y}هـ', 'is', 1410, 12, 10, names=AR_HIJ, dig='ar')
    D('sa-ar', '{d} ذي الحجة {y} هـ', 'is', 1402, 12, 10, dig='ar', note='genitive ذي')
    D('sa-ar', '{d} {M} {y}هـ', 'is', 1385, 2, 5, names=AR_HIJ, dig='ar')
    D('sa-ar', '{d} {M} {y}ه', 'is', 1420, 8, 15, names=AR_HIJ, dig='ar', note='ه without tatweel')
    D('sa-ar', '{d} {M} {y}هـ', 'is', 1415, 5, 3, names=AR_HIJ, dig='ar')
    D('sa-ar', '{d} {M} {y}هـ', 'is', 1399, 6, 20, names=AR_HIJ, dig='ar')
    D('sa-ar', '{d} {M} {y}هـ', 'is', 1425, 7, 7, names=AR_HIJ, dig='ar')
    D('sa-ar', '{d} {M} {y}هـ', 'is', 1390, 10, 2, names=AR_HIJ, dig='ar')
    D('sa-ar', '{d} {M} {y}هـ', 'is', 1430, 11, 18, names=AR_HIJ, dig='ar')
    D('sa-ar', '{d} {M} {y}هـ', 'is', 1408, 4, 9, names=AR_HIJ, dig='ar')
    D('sa-ar', '{d} ربيع الثاني {y}هـ', 'is', 1412, 4, 22, dig='ar', note='ربيع الثاني')
    D('sa-ar', '{d} ربيع أول {y}هـ', 'is', 1418, 3, 14, dig='ar', note='ربيع أول without article')
    D('sa-ar', '{d} جمادى الثانية {y}هـ', 'is', 1404, 6, 11, dig='ar', note='جمادى الثانية')
    D('sa-ar', '{d} جمادى الاولى {y}هـ', 'is', 1395, 5, 25, dig='ar', note='no hamza')
    D('sa-ar', '{y}/{mm}/{dd}', 'is', 1407, 11, 23, decl='islamic', note='iqama style, declared')
    D('sa-ar', '{dd}/{mm}/{y}', 'is', 1412, 1, 15, decl='islamic', note='declared')
    D('sa-ar', '{y}/{mm}/{dd}', 'is', 1421, 2, 28, dig='ar', decl='islamic', note='declared')
    D('sa-ar', '{y}', 'is', 1405, decl='islamic', note='year only, declared')
    D('sa-ar', '{M} {y}هـ', 'is', 1400, 9, names=AR_HIJ, dig='ar', note='month and year')
    D('sa-ar', '{y}هـ', 'is', 1390, dig='ar', note='year only')
    D('sa-ar', '{d} {M} {y}هـ', 'is', 1365, 4, 12, names=AR_HIJ, dig='ar', note='SH-looking year, but هـ')
    D('iq-ar', '{d} ربيع الاول {y} هـ', 'is', 1405, 3, 12, dig='ar', note='no hamza')
    D('sa-ar', '{d} {M} {y} AH', 'is', 1405, 3, 12, names=HIJ_LAT)
    D('sa-ar', '{d} {M} {y} AH', 'is', 1400, 1, 1, names=HIJ_LAT)
    D('sa-ar', '{d} {M} {y} AH', 'is', 1395, 9, 27, names=HIJ_LAT)
    D('sa-ar', '{d} {M} {y} AH', 'is', 1410, 12, 10, names=HIJ_LAT)
    D('sa-ar', '{M} {y} AH', 'is', 1390, 10, names=HIJ_LAT, note='month and year')
    D('sa-ar', '{d} {M} {y} AH', 'is', 1420, 8, 15, names=HIJ_LAT)
    D('sa-ar', '{d} {M} {y} AH', 'is', 1415, 5, 3, names=HIJ_LAT)
    D('sa-ar', '{d} {M} {y} AH', 'is', 1425, 7, 7, names=HIJ_LAT)
    D('sa-ar', '{d} {M} {y} AH', 'is', 1430, 11, 18, names=HIJ_LAT)
    D('sa-ar', '{y} AH', 'is', 1400, note='year only')
    D('ir-fa', '{d} {M} {y} ه.ق', 'is', 1405, 12, 10, names=FA_HIJ, dig='fa', note='Persian ZWNJ spelling; ه.ق')
    D('af-prs', '{d} {M} {y} هـ ق', 'is', 1410, 9, 15, names=FA_HIJ, dig='fa', note='هـ ق lunar marker')
    D('ir-fa', '{y}/{mm}/{dd} ه.ق', 'is', 1405, 3, 12, dig='fa', decl='persian', note='ه.ق overrides declared Solar Hijri')
    D('pk-ur', '{d} {M} {y}ھ', 'is', 1405, 3, 12, names=UR_HIJ, dig='fa', note='Urdu ھ year sign')

    # ------------------------------------------------------------------ E
    sec('ethiopian')
    D('et-am', '{M} {d} ቀን {y} ዓ.ም', 'et', 1975, 1, 12, names=AM)
    D('et-am', '{M} {d} ቀን {y} ዓ.ም.', 'et', 1983, 9, 20, names=AM)
    D('et-am', '{M} {d} ቀን {y} ዓ.ም', 'et', 1990, 5, 11, names=AM)
    D('et-am', '{M} {d} ቀን {y} ዓ.ም', 'et', 2015, 13, 6, names=AM, note='Pagume 6 of leap 2015')
    D('et-am', '{M} {d} ቀን {y} ዓ.ም', 'et', 2014, 13, 5, names=AM, note='Pagume 5')
    D('et-am', '{M} {d} ቀን {y} ዓ.ም', 'et', 2017, 1, 1, names=AM, note='new year 2017')
    D('et-am', '{M} {d} ቀን {y} ዓ.ም', 'et', 1980, 4, 29, names=AM)
    D('et-am', 'ታህሳስ {d} ቀን {y} ዓ.ም', 'et', 1985, 4, 3, note='ታህሳስ spelling')
    D('et-am', '{M} {d} ቀን {y} ዓ.ም', 'et', 1970, 3, 14, names=AM)
    D('et-am', 'ህዳር {d} ቀን {y} ዓ.ም', 'et', 1995, 3, 27, note='ህዳር spelling')
    D('et-am', 'ሃምሌ {d} ቀን {y} ዓ.ም', 'et', 1968, 11, 5, note='ሃምሌ spelling')
    D('et-am', 'ነሃሴ {d} ቀን {y} ዓ.ም', 'et', 1977, 12, 30, note='ነሃሴ spelling')
    D('et-am', '{M} {d} ቀን {y} ዓ.ም', 'et', 1966, 6, 8, names=AM)
    D('et-am', '{M} {d} ቀን {y} ዓ.ም', 'et', 1952, 7, 19, names=AM)
    D('et-am', '{M} {d} ቀን {y} ዓ.ም', 'et', 1988, 8, 2, names=AM)
    D('et-am', '{M} {d} ቀን {y} ዓ.ም', 'et', 2000, 1, 1, names=AM, note='millennium')
    D('et-am', '{M} {d} ቀን {y} ዓ.ም', 'et', 2008, 10, 16, names=AM)
    D('et-am', '{M} {d} ቀን {y} ዓ.ም', 'et', 1972, 2, 21, names=AM)
    D('et-am', '{dd}/{mm}/{y} ዓ.ም', 'et', 1975, 1, 12, note='numeric with ዓ.ም')
    D('et-am', '{d}/{m}/{y} ዓ.ም', 'et', 1989, 6, 17, note='numeric with ዓ.ም')
    D('et-am', '{y} ዓ.ም', 'et', 1975, note='year only')
    D('et-am', '{M} {y} ዓ.ም', 'et', 1970, 8, names=AM, note='month and year')
    D('et-am', '{M} {d}, {y} ዓ.ም', 'et', 1979, 9, 25, names=AM, note='comma style')
    D('et-am', 'ጳጉሜን {d} ቀን {y} ዓ.ም', 'et', 2007, 13, 5, note='ጳጉሜን spelling')
    D('et-am', '{dd}/{mm}/{y}', 'et', 1976, 1, 12, decl='ethiopic', note='declared')
    D('et-am', '{dd}/{mm}/{y}', 'et', 2011, 13, 5, decl='ethiopic', note='month 13 = Pagume')
    D('et-am', '{dd}/{mm}/{y}', 'et', 2011, 13, 6, decl='ethiopic', note='Pagume 6 of leap 2011')
    D('et-am', '{y}', 'et', 1975, decl='ethiopic', note='year only, declared')
    D('et-am', '{dd}/{mm}/{y}', 'et', 1980, 4, 29, decl='ethiopic', note='declared')
    D('et-am', '{d}/{m}/{y}', 'et', 2000, 1, 1, decl='ethiopic', note='declared')
    D('et-am', '{M} {d} ቀን {y}', 'et', 1962, 9, 23, names=AM, decl='ethiopic', note='declared, no ዓ.ም')
    D('et-am', '{M} {d} ቀን {y}', 'et', 1990, 5, 20, names=AM, note='Amharic-only month name, no ዓ.ም')
    D('et-am', '{M} {d} ቀን {y}', 'et', 1986, 12, 14, names=AM, note='Amharic-only month name, no ዓ.ም')
    D('et-am', '{M} {d} ቀን {y}', 'et', 2005, 10, 3, names=AM, note='Amharic-only month name, no ዓ.ም')
    D('et-am', '{d} {M} {y} EC', 'et', 1975, 1, 12, names=ET_LAT, note='Latin month')
    D('et-am', '{M} {d}, {y} E.C.', 'et', 1990, 5, 12, names=ET_LAT, note='Latin month; Tir')
    D('et-am', '{d} {M} {y} EC', 'et', 1983, 9, 20, names=ET_LAT)
    D('et-am', '{M} {y} EC', 'et', 1975, 11, names=ET_LAT, note='month and year')
    D('et-am', '{y} EC', 'et', 1965, note='year only')
    D('et-am', '{d} {M} {y} EC', 'et', 2011, 13, 5, names=ET_LAT)
    D('et-am', '{d} {M} {y} EC', 'et', 2011, 13, 6, names=ET_LAT, note='Pagume 6 of leap 2011')
    D('et-am', '{d} {M} {y} EC', 'et', 1975, 5, 12, names=ET_LAT, note='Tir is also a Persian month')
    D('et-am', '{d}/{m}/{y} EC', 'et', 1982, 7, 3, note='numeric with EC')

    # ------------------------------------------------------------------ F
    sec('eritrean')
    D('er-ti', '{d} {M} {y}', 'g', 1974, 8, 12, names=TI, note='Tigrinya ነሓሰ = August')
    D('er-ti', '{d} {M} {y}', 'g', 1991, 5, 24, names=TI, decl='gregorian', note='ግንቦት = May (Gregorian)')
    D('er-ti', '{d} {M} {y}', 'g', 1961, 9, 1, names=TI, decl='gregorian', note='መስከረም = September')
    D('er-ti', '{d} {M} {y}', 'g', 1988, 6, 20, names=TI, note='ሰነ = June')
    D('er-ti', '{M} {y}', 'g', 1985, 1, names=TI, note='ጥሪ = January; month and year')
    D('er-ti', '{d} {M} {y}', 'g', 1990, 1, 31, names=TI, note='day 31 exists in Gregorian')
    D('er-ti', '{d} {M} {y}', 'g', 1992, 2, 29, names=TI, note='leap day')
    D('er-ti', 'ዕለት {d} {M} {y}', 'g', 1990, 2, 5, names=TI, note='ዕለት = date')
    D('er-ti', '{M} {y}', 'g', 2001, 7, names=TI, note='ሓምለ = July; month and year')
    D('er-ti', '{d} {M} {y}', 'g', 1980, 10, 15, names=TI, note='ጥቅምቲ = October')
    D('er-ti', '{d} {M} {y}', 'g', 1975, 11, 3, names=TI, decl='gregorian', note='ሕዳር = November')
    D('er-ti', '{d} {M} {y}', 'g', 1999, 12, 25, names=TI, decl='gregorian', note='ታሕሳስ = December')
    D('er-ti', '{d} {M} {y}', 'g', 1986, 3, 10, names=TI, decl='gregorian', note='መጋቢት = March')
    D('er-ti', '{d} {M} {y}', 'g', 1979, 4, 7, names=TI, decl='gregorian', note='ሚያዝያ = April')
    D('er-ti', '{d} {M} {y}', 'g', 1985, 8, 31, names=TI, note='day 31')
    D('er-ti', '{d} {M} {y}', 'g', 1998, 7, 31, names=TI, note='day 31')
    D('er-ti', '{d} {M} {y}', 'g', 2002, 10, 31, names=TI, note='day 31')
    D('er-ti', '{d} {M} {y}', 'g', 1970, 5, 31, names=TI, decl='gregorian', note='day 31')
    D('er-ti', '{d} {M} {y}', 'g', 1995, 12, 31, names=TI, decl='gregorian', note='day 31')
    D('er-ti', '{dd}/{mm}/{y}', 'g', 1983, 2, 14, decl='gregorian')
    D('er-ti', '{d} {M} {y}', 'g', 1968, 2, 9, names=TI, note='ለካቲት = February')
    D('er-ti', '{d} {M} {y}', 'g', 2010, 6, 1, names=TI)
    D('er-ti', '{d} {M} {y}', 'g', 1977, 1, 20, names=TI)
    D('er-ti', '{d} {M} {y}', 'g', 1993, 9, 28, names=TI, decl='gregorian')
    D('er-ti', '{M} {y}', 'g', 1994, 5, names=TI, decl='gregorian', note='month and year')
    D('er-ti', '{d} {M} {y}', 'g', 1987, 8, 3, names=TI)
    D('er-ti', 'ዕለት {dd}/{mm}/{y}', 'g', 2005, 11, 16, decl='gregorian', note='ዕለት = date')
    D('er-ti', '{d} {M} {y}', 'g', 2000, 4, 30, names=TI, decl='gregorian')
    D('er-ti', '{d} {M} {y}', 'g', 1972, 10, 9, names=TI)
    D('er-ti', '{d} {M} {y}', 'g', 1984, 7, 14, names=TI)

    # ------------------------------------------------------------------ G
    sec('unknown-approx')
    D('uk', '00/{mm}/{y}', 'g', 1985, 5, note='unknown day')
    D('de', '00.{mm}.{y}', 'g', 1985, 5, note='unknown day')
    D('uk', '00/00/{y}', 'g', 1985, note='unknown day and month')
    D('uk', 'XX/XX/{y}', 'g', 1985, note='unknown day and month')
    D('de', 'xx.xx.{y}', 'g', 1979, note='unknown day and month')
    D('tr', '00.00.{y}', 'g', 1990, note='unknown day and month')
    D('uk', '{y}-00-00', 'g', 1985, note='ISO with zeros')
    D('uk', '{y}-{mm}-00', 'g', 1985, 5, note='ISO, unknown day')
    D('fr', 'XX/{mm}/{y}', 'g', 1992, 11, note='unknown day')
    D('it', '??/??/{y}', 'g', 1988, note='unknown day and month')
    D('uk', 'circa {y}', 'g', 1985)
    D('uk', 'c. {y}', 'g', 1979)
    D('de', 'ca. {y}', 'g', 1990)
    D('uk', 'approx. {y}', 'g', 1987)
    D('uk', 'about {y}', 'g', 1995)
    D('uk', 'circa {dd}/{mm}/{y}', 'g', 1974, 8, 12, note='approximate full date')
    D('de', 'ca. {M} {y}', 'g', 1985, 5, names=DE, note='approximate month')
    D('fr', 'vers {y}', 'g', 1982, note='vers = about')
    D('uk', 'approx. {M3} {y}', 'g', 1974, 8, note='approximate month')
    D('uk', '~{y}', 'g', 1985)
    D('uk', '{dd}/{mm}/{y}', 'g', 1985, 1, 1, note='looks like a placeholder but is a full date')
    D('sy', 'حوالي {y}', 'g', 1985, dig='ar')
    D('iq-ar', 'حوالي عام {y}', 'g', 1990, note='حوالي عام = around the year')
    D('sd', '{y} تقريبا', 'g', 1990)
    D('eg', 'تقريباً {y}', 'g', 1987, dig='ar', note='with tanwin')
    D('ru', 'около {y} г.', 'g', 1985, note='около = about')
    D('tr', 'yaklaşık {y}', 'g', 1984, note='yaklaşık = about')
    D('ir-fa', 'حدود {y} ه.ش', 'sh', 1365, dig='fa', note='حدود = about; SH year')
    D('af-prs', 'تقریباً {y}', 'sh', 1360, dig='fa', decl='persian', note='Persian spelling; declared')
    D('ir-fa', '{y}/۰۰/۰۰ ه.ش', 'sh', 1365, dig='fa', note='unknown month and day')
    D('sa-ar', '٠٠/٠٠/{y}هـ', 'is', 1405, dig='ar', note='unknown day and month')
    D('sa-ar', 'c. {y} AH', 'is', 1400)
    D('et-am', 'circa {y} EC', 'et', 1975)

    # ------------------------------------------------------------------ H
    sec('invalid')
    X('uk', 'unknown', 'free text')
    X('uk', 'n/a', 'free text')
    X('uk', 'N/K', 'not known')
    X('uk', 'born in Kabul', 'place, not a date')
    X('iq-ar', 'غير معروف', 'unknown')
    X('af-prs', 'نامعلوم', 'unknown')
    X('ru', 'неизвестно', 'unknown')
    X('fr', 'date inconnue', 'unknown')
    X('de', 'unbekannt', 'unknown')
    X('uk', 'August', 'month alone')
    X('fr', 'août', 'month alone')
    X('eg', 'أغسطس', 'month alone')
    X('ir-fa', 'اسفند', 'month alone', decl='persian')
    X('er-ti', 'ነሓሰ', 'month alone')
    X('uk', 'XX/XX/XXXX', 'nothing known')
    X('uk', '00/00/0000', 'nothing known')
    X('uk', 'approx. 30 years old', 'age, not a date')
    X('uk', '12 Aug', 'no year')
    X('fr', '12/08', 'no year')
    D('uk', '{dd}/{mm}/{yy}', 'g', 1974, 8, 12, bad='two-digit year')
    D('pk', '{dd}-{M3}-{yy}', 'g', 1974, 8, 12, bad='two-digit year')
    D('us', '{mm}/{dd}/{yy}', 'g', 1990, 7, 4, order='mdy', bad='two-digit year')
    D('fr', '{d} {M} {yy}', 'g', 1974, 8, 12, names=FR, bad='two-digit year')
    D('eg', '{dd}/{mm}/{yy}', 'g', 1974, 8, 12, dig='ar', bad='two-digit year')
    D('uk', '{dd}/{mm}/{y}', 'g', 1989, 2, 31, bad=True, note='31 February')
    D('uk', '{dd}/{mm}/{y}', 'g', 1989, 2, 29, bad=True, note='29 February of a common year')
    D('es', '{dd}/{mm}/{y}', 'g', 1990, 4, 31, bad=True, note='31 April')
    D('uk', '{dd}/{mm}/{y}', 'g', 1980, 1, 32, bad=True, note='day 32')
    D('fr', '{d} {M} {y}', 'g', 2023, 2, 29, names=FR, bad=True, note='29 février of a common year')
    D('ru', '{d} {M} {y} г.', 'g', 1980, 9, 31, names=RU_GEN, bad=True, note='31 September')
    D('tr', '{d} {M} {y}', 'g', 1991, 2, 29, names=TR, bad=True, note='29 Şubat of a common year')
    D('nl', '{dd}-{mm}-{y}', 'g', 2000, 2, 30, bad=True, note='30 February')
    D('uk', '{y}-{mm}-{dd}', 'g', 1974, 13, 12, bad=True, note='month 13')
    D('eg', '{dd}/{mm}/{y}', 'g', 1990, 4, 31, dig='ar', bad=True, note='31 April, Arabic-Indic digits')
    D('us', '{mm}/{dd}/{y}', 'g', 1980, 25, 12, order='mdy', bad=True, note='month 25 in a month-first source')
    D('uk', '{dd}/{mm}/{y}', 'g', 1980, 25, 12, bad=True, note='US-looking date in a day-first source')
    D('er-ti', '{d} {M} {y}', 'g', 1990, 6, 31, names=TI, decl='gregorian', bad=True, note='31 June (ሰነ)')
    D('er-ti', '{d} {M} {y}', 'g', 1990, 2, 29, names=TI, bad=True, note='29 February of a common year')
    D('ir-fa', '{d} {M} {y}', 'sh', 1402, 12, 30, names=FA_SH, dig='fa', bad=True, note='30 Esfand of common 1402')
    D('af-prs', '{d} {M} {y}', 'sh', 1398, 12, 30, names=PRS, dig='fa', bad=True, note='30 Hut of common 1398')
    D('ir-fa', '{d} {M} {y}', 'sh', 1365, 7, 31, names=FA_SH, dig='fa', bad=True, note='Mehr has 30 days')
    D('ir-fa', '{d} {M} {y}', 'sh', 1365, 1, 32, names=SH_LAT, bad=True, note='day 32')
    D('af-prs', '{d} {M} {y}', 'sh', 1365, 8, 31, names=PRS, dig='fa', bad=True, note='Aqrab has 30 days')
    D('ir-fa', '{d} {M} {y} SH', 'sh', 1390, 12, 30, names=SH_LAT, bad=True, note='30 Esfand of common 1390')
    D('ir-fa', '{y}/{mm}/{dd}', 'sh', 1365, 4, 12, bad='calendar unknown: Solar or lunar Hijri')
    D('af-prs', '{dd}/{mm}/{y}', 'sh', 1365, 4, 12, bad='calendar unknown: Solar or lunar Hijri')
    D('ir-fa', '{y}-{mm}-{dd}', 'sh', 1370, 5, 3, bad='calendar unknown: Solar or lunar Hijri')
    D('sa-ar', '{y}/{mm}/{dd}', 'is', 1405, 3, 12, bad='calendar unknown: lunar or Solar Hijri')
    D('sa-ar', '{d} {M} {y} هـ', 'is', 1400, 9, 31, names=AR_HIJ, dig='ar', bad=True, note='31 Ramadan')
    D('sa-ar', '{y}/{mm}/{dd}', 'is', 1405, 13, 1, decl='islamic', bad=True, note='month 13')
    D('sa-ar', '{d} {M} {y} AH', 'is', 1410, 1, 31, names=HIJ_LAT, bad=True, note='day 31')
    D('et-am', '{M} {d} ቀን {y} ዓ.ም', 'et', 2014, 13, 6, names=AM, bad=True, note='Pagume 6 of common 2014')
    D('et-am', '{M} {d} ቀን {y} ዓ.ም', 'et', 1975, 1, 31, names=AM, bad=True, note='Ethiopian months have 30 days')
    D('et-am', '{d} {M} {y} EC', 'et', 2011, 13, 7, names=ET_LAT, bad=True, note='Pagume 7')


HEADER = """\
# dates_world.tsv - the first evaluation set for invigor's date normaliser.
#
# What: dates as they are really written in records about migrants and smugglers
# (police debriefs, partner-country reports, identity documents, bank records,
# hawala ledgers) from the UK, France, Germany, Italy, Spain, the Netherlands,
# Greece, Turkey, Albania, Iraq (Arabic, Sorani), Syria, Egypt, Libya, Sudan,
# Saudi Arabia, Iran, Afghanistan (Dari, Pashto), Pakistan, Eritrea, Ethiopia,
# Russia/Ukraine, Vietnam, Bangladesh: Gregorian dates with month names in each
# language, numeric forms (native digits, RLM marks, Arabic date separator),
# Solar Hijri (Iranian, Dari, Pashto month names), lunar Hijri, Ethiopian,
# Eritrean Gregorian with Tigrinya month names, unknown or approximate parts,
# and values a careful normaliser must refuse.
#
# Who: written by a helper session from general knowledge of these date
# conventions, WITHOUT seeing the normaliser's code or unit tests.  This is a
# It was held out until it was first measured (30 November 2026: 443 of 477
# right); its misses were then used to change the rules, so it is now a
# development set.  bench/data/dates_heldout.tsv, written later by another
# helper who saw neither the code nor this set, is the held-out one.
#
# How the expected values were computed: by dates_world_make.py (next to this
# file), which builds every row from its calendar values and regenerates this
# file exactly.  Solar Hijri: arithmetic 33-year cycle (leap when y mod 33 in
# 1,5,9,13,17,22,26,30), valid 1300-1450 SH.  Ethiopian: Julian-day arithmetic
# (Pagume 6 when y mod 4 = 3).  Lunar Hijri: tabular Islamic civil calendar;
# those rows say `tabular` in the note and should be scored with +-2 days,
# because Umm al-Qura / announced dates can differ by a day or two.  The
# converters were checked against fixed anchors (1 Farvardin 1365 = 1986-03-21,
# 1 Farvardin 1403 = 2024-03-20, 30 Esfand 1403 = 2025-03-20, 22 Bahman 1357 =
# 1979-02-11, 1 Meskerem 2017 EC = 2024-09-11, 1 Meskerem 1976 EC = 1983-09-12,
# 20 Ginbot 1983 EC = 1991-05-28, ...; see check_anchors() in the script).
#
# Columns (tab-separated, UTF-8, NFC; raw values may hold U+200F RLM, U+200C
# ZWNJ, U+200D ZWJ on purpose):
#   raw       the date as written
#   calendar  calendar the source declares for dates that do not say theirs:
#             - | gregorian | persian (Solar Hijri) | islamic (lunar Hijri) | ethiopic
#             A marker in the text (هـ, ه.ش, ه.ق, ዓ.ም, EC, AH, SH, م, میلادی,
#             G.C.) or a month name of one calendar overrides the declared one.
#   order     dmy | mdy: how the source reads 03/04/2001
#   expected  ISO 8601 Gregorian at the precision of the raw value: YYYY-MM-DD,
#             YYYY-MM, YYYY; or `invalid`.  Unknown day -> month; unknown day
#             and month -> year; approximate markers do not change the value.
#             A converted month or year gives the Gregorian month or year that
#             holds the middle of its span (SH 1365 -> 1986; 1975 EC -> 1983).
#   region    source community label
#   note      a few words
"""


def main():
    verbose = '--print' in sys.argv or '--anchors' in sys.argv
    bad = check_anchors(True)
    if bad:
        sys.exit("anchor check failed")
    build()
    raws = Counter((r[1], r[2], r[3]) for r in ROWS)
    dup = [k for k, v in raws.items() if v > 1]
    assert not dup, dup
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'dates_world.tsv')
    with open(out, 'w', encoding='utf-8', newline='\n') as f:
        f.write(HEADER)
        f.write('raw\tcalendar\torder\texpected\tregion\tnote\n')
        for r in ROWS:
            f.write('\t'.join((r[1], r[2], r[3], r[4], r[5], r[6])) + '\n')
    if '--print' in sys.argv:
        for r in ROWS:
            print('\t'.join((r[0], r[1], r[2], r[3], r[4], r[5], r[6])))
    print("rows:", len(ROWS), "->", out)
    for title, key in [("section", 0), ("region", 5), ("declared calendar", 2), ("value calendar", 7)]:
        c = Counter(r[key] for r in ROWS)
        print(title + ":", ', '.join("%s %d" % kv for kv in sorted(c.items())))
    c = Counter(r[7] for r in ROWS if r[4] != 'invalid')
    print("valid rows by value calendar:", dict(sorted(c.items())))


if __name__ == '__main__':
    main()
