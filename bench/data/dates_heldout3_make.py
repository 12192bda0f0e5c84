#!/usr/bin/python3
# dates_heldout3_make.py -- generator for bench/data/dates_heldout3.tsv
#
# Held-out evaluation set no. 3 for the date normaliser.  Written by a helper
# session that did NOT read the normaliser's code, docs or tests, nor any of the
# earlier bench/data/dates_* sets.  Rows imitate how dates are really written in
# the records a taskforce against organised immigration crime ingests (UK/EU
# police and Home Office systems, partner-country police, identity documents,
# UNHCR/IOM registrations, money-transfer and hawala records, court papers,
# social media).
#
# Every row is declared with its *truth* (calendar, year, month, day, time) and a
# template that renders the raw text with the language's real month/weekday
# names and digits; the expected ISO value is then computed, never typed by
# hand.  Conversions use only the arithmetic below (no ICU, no calendar
# package); Python's datetime is used solely to cross-check our own Gregorian
# day numbers in self_test().
#
#   Gregorian   proleptic Gregorian day numbers (RD, 0001-01-01 = 1).
#   Solar Hijri 33-year arithmetic cycle, leap when year mod 33 is one of
#               1,5,9,13,17,22,26,30; anchored 1 Farvardin 1365 = 1986-03-21.
#   Ethiopian   twelve 30-day months + Pagume (6 days when year mod 4 == 3,
#               else 5); anchored 1 Meskerem 2017 EC = 2024-09-11.
#   lunar Hijri tabular Islamic civil calendar (leap years 2,5,7,10,13,16,18,
#               21,24,26,29 of the 30-year cycle; epoch 1 Muharram 1 AH =
#               16 July 622 Julian = RD 227015).  Such rows carry "tabular"
#               in the note (benchmark tolerance +-2 days).
#   Converted dates known only to the month or year map to the Gregorian month
#   or year holding the midpoint of that span; the generator refuses any such
#   row whose midpoint lies within 3 days (months) / 20 days (years) of a
#   Gregorian boundary, so the answer does not hinge on rounding.
#
# Run:  /usr/bin/python3 bench/data/dates_heldout3_make.py
# It rewrites dates_heldout3.tsv next to this script (byte-identical on every
# run) and prints row counts to stderr.

import os
import re
import sys
import unicodedata

# ---------------------------------------------------------------- calendars

G_MLEN = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def g_leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def g_mlen(y, m):
    return 29 if (m == 2 and g_leap(y)) else G_MLEN[m - 1]


def g2ord(y, m, d):
    if not (1 <= m <= 12 and 1 <= d <= g_mlen(y, m)):
        raise ValueError("bad Gregorian date %r" % ((y, m, d),))
    y1 = y - 1
    n = 365 * y1 + y1 // 4 - y1 // 100 + y1 // 400
    for k in range(1, m):
        n += g_mlen(y, k)
    return n + d


def ord2g(n):
    y = (n * 400) // 146097 + 1
    while g2ord(y, 1, 1) > n:
        y -= 1
    while g2ord(y + 1, 1, 1) <= n:
        y += 1
    r = n - g2ord(y, 1, 1) + 1
    m = 1
    while r > g_mlen(y, m):
        r -= g_mlen(y, m)
        m += 1
    return y, m, r


# Solar Hijri -------------------------------------------------------------
FA_LEAP_REM = (1, 5, 9, 13, 17, 22, 26, 30)


def fa_leap(y):
    return y % 33 in FA_LEAP_REM


def fa_mlen(y, m):
    if m <= 6:
        return 31
    if m <= 11:
        return 30
    return 30 if fa_leap(y) else 29


FA_ANCHOR = (1365, g2ord(1986, 3, 21))


def fa_new_year(y):
    ay, o = FA_ANCHOR
    while ay < y:
        o += 366 if fa_leap(ay) else 365
        ay += 1
    while ay > y:
        ay -= 1
        o -= 366 if fa_leap(ay) else 365
    return o


def fa2ord(y, m, d):
    if not (1 <= m <= 12 and 1 <= d <= fa_mlen(y, m)):
        raise ValueError("bad Solar Hijri date %r" % ((y, m, d),))
    o = fa_new_year(y)
    for k in range(1, m):
        o += fa_mlen(y, k)
    return o + d - 1


# Ethiopian ---------------------------------------------------------------
def et_leap(y):
    return y % 4 == 3


def et_mlen(y, m):
    if m <= 12:
        return 30
    return 6 if et_leap(y) else 5


def et_days_before(y):          # days in years 1 .. y-1
    return 365 * (y - 1) + y // 4


ET_C = g2ord(2024, 9, 11) - et_days_before(2017)


def et2ord(y, m, d):
    if not (1 <= m <= 13 and 1 <= d <= et_mlen(y, m)):
        raise ValueError("bad Ethiopian date %r" % ((y, m, d),))
    return ET_C + et_days_before(y) + 30 * (m - 1) + d - 1


# tabular Islamic (civil) -------------------------------------------------
ISL_EPOCH = g2ord(622, 7, 19)   # = Julian 622-07-16


def isl_leap(y):
    return (14 + 11 * y) % 30 < 11


def isl_mlen(y, m):
    if m % 2 == 1 or (m == 12 and isl_leap(y)):
        return 30
    return 29


def isl2ord(y, m, d):
    if not (1 <= m <= 12 and 1 <= d <= isl_mlen(y, m)):
        raise ValueError("bad Hijri date %r" % ((y, m, d),))
    return (ISL_EPOCH - 1 + (y - 1) * 354 + (3 + 11 * y) // 30
            + 29 * (m - 1) + m // 2 + d)


CAL = {
    'greg': (g2ord, g_mlen, 12),
    'persian': (fa2ord, fa_mlen, 12),
    'ethiopic': (et2ord, et_mlen, 13),
    'islamic': (isl2ord, isl_mlen, 12),
}


def iso(o):
    y, m, d = ord2g(o)
    return "%04d-%02d-%02d" % (y, m, d)


def same_span(lo, hi, key):
    vals = {key(ord2g(o)) for o in range(lo, hi + 1)}
    return len(vals) == 1


def expected_for(cal, y, m, d, t):
    to_ord, mlen, nmonths = CAL[cal]
    if cal == 'greg':
        if d is not None:
            g2ord(y, m, d)                       # validates
            s = "%04d-%02d-%02d" % (y, m, d)
        elif m is not None:
            assert 1 <= m <= 12
            s = "%04d-%02d" % (y, m)
        else:
            s = "%04d" % y
    elif d is not None:
        s = iso(to_ord(y, m, d))
    elif m is not None:
        first = to_ord(y, m, 1)
        last = to_ord(y, m, mlen(y, m))
        lo, hi = (first + last) // 2, (first + last + 1) // 2
        if not same_span(lo - 3, hi + 3, lambda g: g[:2]):
            raise ValueError("month midpoint too near a boundary %r" % ((cal, y, m),))
        gy, gm, _ = ord2g(lo)
        s = "%04d-%02d" % (gy, gm)
    else:
        first = to_ord(y, 1, 1)
        last = to_ord(y + 1, 1, 1) - 1
        lo, hi = (first + last) // 2, (first + last + 1) // 2
        if not same_span(lo - 20, hi + 20, lambda g: g[0]):
            raise ValueError("year midpoint too near a boundary %r" % ((cal, y),))
        s = "%04d" % ord2g(lo)[0]
    if t is not None:
        assert d is not None
        if len(t) == 2:
            s += "T%02d:%02d" % t
        else:
            s += "T%02d:%02d:%02d" % t
    return s


def self_test():
    import datetime
    for o in range(g2ord(1900, 1, 1), g2ord(2031, 1, 1)):
        y, m, d = ord2g(o)
        assert datetime.date.fromordinal(o) == datetime.date(y, m, d)
        assert g2ord(y, m, d) == o
    # Solar Hijri anchors
    assert fa2ord(1365, 1, 1) == g2ord(1986, 3, 21)
    assert fa2ord(1403, 1, 1) == g2ord(2024, 3, 20)
    assert fa_leap(1403)
    assert fa2ord(1403, 12, 30) == g2ord(2025, 3, 20)
    assert fa2ord(1404, 1, 1) == g2ord(2025, 3, 21)
    assert fa2ord(1357, 11, 22) == g2ord(1979, 2, 11)    # 22 Bahman 1357
    # Ethiopian anchors
    assert et2ord(2017, 1, 1) == g2ord(2024, 9, 11)
    assert et2ord(1976, 1, 1) == g2ord(1983, 9, 12)
    assert et2ord(2000, 1, 1) == g2ord(2007, 9, 12)      # EC millennium
    assert et2ord(2011, 13, 6) + 1 == et2ord(2012, 1, 1)
    assert et2ord(1970, 4, 29) == g2ord(1978, 1, 7)      # Genna
    # tabular Islamic
    assert ISL_EPOCH == 227015
    assert [y for y in range(1, 31) if isl_leap(y)] == [2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29]
    assert isl2ord(1400, 1, 1) == g2ord(1979, 11, 21)
    for y in range(1300, 1500):
        n = sum(isl_mlen(y, m) for m in range(1, 13))
        assert isl2ord(y, 1, 1) + n == isl2ord(y + 1, 1, 1)
    for y in range(1300, 1500):
        n = sum(fa_mlen(y, m) for m in range(1, 13))
        assert fa2ord(y, 1, 1) + n == fa2ord(y + 1, 1, 1)
    for y in range(1900, 2100):
        n = sum(et_mlen(y, m) for m in range(1, 14))
        assert et2ord(y, 1, 1) + n == et2ord(y + 1, 1, 1)


# ---------------------------------------------------------- language tables

def _l(s):
    return s.split('|')


MONTHS = {
    'en': {'nom': _l('January|February|March|April|May|June|July|August|September|October|November|December'),
           'abbr': _l('Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec')},
    'fr': {'nom': _l('janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre'),
           'abbr': _l('janv.|févr.|mars|avr.|mai|juin|juil.|août|sept.|oct.|nov.|déc.')},
    'de': {'nom': _l('Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember'),
           'abbr': _l('Jan.|Feb.|März|Apr.|Mai|Juni|Juli|Aug.|Sept.|Okt.|Nov.|Dez.')},
    'nl': {'nom': _l('januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december'),
           'abbr': _l('jan.|feb.|mrt.|apr.|mei|jun.|jul.|aug.|sep.|okt.|nov.|dec.')},
    'it': {'nom': _l('gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre'),
           'abbr': _l('gen|feb|mar|apr|mag|giu|lug|ago|set|ott|nov|dic')},
    'el': {'nom': _l('Ιανουάριος|Φεβρουάριος|Μάρτιος|Απρίλιος|Μάιος|Ιούνιος|Ιούλιος|Αύγουστος|Σεπτέμβριος|Οκτώβριος|Νοέμβριος|Δεκέμβριος'),
           'gen': _l('Ιανουαρίου|Φεβρουαρίου|Μαρτίου|Απριλίου|Μαΐου|Ιουνίου|Ιουλίου|Αυγούστου|Σεπτεμβρίου|Οκτωβρίου|Νοεμβρίου|Δεκεμβρίου'),
           'abbr': _l('Ιαν|Φεβ|Μαρ|Απρ|Μαΐ|Ιουν|Ιουλ|Αυγ|Σεπ|Οκτ|Νοε|Δεκ')},
    'es': {'nom': _l('enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre'),
           'abbr': _l('ene.|feb.|mar.|abr.|may.|jun.|jul.|ago.|sept.|oct.|nov.|dic.')},
    'sv': {'nom': _l('januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december'),
           'abbr': _l('jan.|feb.|mars|apr.|maj|juni|juli|aug.|sep.|okt.|nov.|dec.')},
    # Arabic: Levant/Iraq, Egypt/Sudan/Libya, Algeria/Tunisia, Morocco
    'ar_lev': {'nom': _l('كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول')},
    'ar_eg': {'nom': _l('يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر')},
    'ar_dz': {'nom': _l('جانفي|فيفري|مارس|أفريل|ماي|جوان|جويلية|أوت|سبتمبر|أكتوبر|نوفمبر|ديسمبر')},
    'ar_ma': {'nom': _l('يناير|فبراير|مارس|أبريل|ماي|يونيو|يوليوز|غشت|شتنبر|أكتوبر|نونبر|دجنبر')},
    'ckb': {'nom': _l('کانوونی دووەم|شوبات|ئازار|نیسان|ئایار|حوزەیران|تەممووز|ئاب|ئەیلوول|تشرینی یەکەم|تشرینی دووەم|کانوونی یەکەم')},
    'kmr': {'nom': _l('Çile|Sibat|Adar|Nîsan|Gulan|Hezîran|Tîrmeh|Tebax|Îlon|Cotmeh|Mijdar|Kanûn')},
    # Tigrinya as used in Eritrea for GREGORIAN months (ጥሪ = January)
    'ti_er': {'nom': _l('ጥሪ|ለካቲት|መጋቢት|ሚያዝያ|ግንቦት|ሰነ|ሓምለ|ነሓሰ|መስከረም|ጥቅምቲ|ሕዳር|ታሕሳስ')},
    'so': {'nom': _l('Janaayo|Febraayo|Maarso|Abriil|Maajo|Juun|Luulyo|Agoosto|Sebtembar|Oktoobar|Nofembar|Desembar')},
    'sq': {'nom': _l('janar|shkurt|mars|prill|maj|qershor|korrik|gusht|shtator|tetor|nëntor|dhjetor')},
    'tr': {'nom': _l('Ocak|Şubat|Mart|Nisan|Mayıs|Haziran|Temmuz|Ağustos|Eylül|Ekim|Kasım|Aralık')},
    'vi': {'nom': _l('tháng Một|tháng Hai|tháng Ba|tháng Tư|tháng Năm|tháng Sáu|tháng Bảy|tháng Tám|tháng Chín|tháng Mười|tháng Mười Một|tháng Mười Hai')},
    'bn': {'nom': _l('জানুয়ারী|ফেব্রুয়ারী|মার্চ|এপ্রিল|মে|জুন|জুলাই|আগস্ট|সেপ্টেম্বর|অক্টোবর|নভেম্বর|ডিসেম্বর')},
    'ur': {'nom': _l('جنوری|فروری|مارچ|اپریل|مئی|جون|جولائی|اگست|ستمبر|اکتوبر|نومبر|دسمبر')},
    'hi': {'nom': _l('जनवरी|फ़रवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|अक्तूबर|नवंबर|दिसंबर')},
    'pa': {'nom': _l('ਜਨਵਰੀ|ਫ਼ਰਵਰੀ|ਮਾਰਚ|ਅਪ੍ਰੈਲ|ਮਈ|ਜੂਨ|ਜੁਲਾਈ|ਅਗਸਤ|ਸਤੰਬਰ|ਅਕਤੂਬਰ|ਨਵੰਬਰ|ਦਸੰਬਰ')},
    'sr_cyr': {'nom': _l('јануар|фебруар|март|април|мај|јун|јул|август|септембар|октобар|новембар|децембар'),
               'gen': _l('јануара|фебруара|марта|априла|маја|јуна|јула|августа|септембра|октобра|новембра|децембра')},
    'sr_lat': {'nom': _l('januar|februar|mart|april|maj|jun|jul|avgust|septembar|oktobar|novembar|decembar'),
               'gen': _l('januara|februara|marta|aprila|maja|juna|jula|avgusta|septembra|oktobra|novembra|decembra')},
    'bs': {'nom': _l('januar|februar|mart|april|maj|juni|juli|august|septembar|oktobar|novembar|decembar'),
           'gen': _l('januara|februara|marta|aprila|maja|juna|jula|augusta|septembra|oktobra|novembra|decembra')},
    'hr': {'nom': _l('siječanj|veljača|ožujak|travanj|svibanj|lipanj|srpanj|kolovoz|rujan|listopad|studeni|prosinac'),
           'gen': _l('siječnja|veljače|ožujka|travnja|svibnja|lipnja|srpnja|kolovoza|rujna|listopada|studenoga|prosinca')},
    'mk': {'nom': _l('јануари|февруари|март|април|мај|јуни|јули|август|септември|октомври|ноември|декември')},
    'bg': {'nom': _l('януари|февруари|март|април|май|юни|юли|август|септември|октомври|ноември|декември')},
    'hu': {'nom': _l('január|február|március|április|május|június|július|augusztus|szeptember|október|november|december'),
           'abbr': _l('jan.|febr.|márc.|ápr.|máj.|jún.|júl.|aug.|szept.|okt.|nov.|dec.')},
    'ro': {'nom': _l('ianuarie|februarie|martie|aprilie|mai|iunie|iulie|august|septembrie|octombrie|noiembrie|decembrie'),
           'abbr': _l('ian.|feb.|mar.|apr.|mai|iun.|iul.|aug.|sept.|oct.|nov.|dec.')},
    'sl': {'nom': _l('januar|februar|marec|april|maj|junij|julij|avgust|september|oktober|november|december')},
    'pl': {'nom': _l('styczeń|luty|marzec|kwiecień|maj|czerwiec|lipiec|sierpień|wrzesień|październik|listopad|grudzień'),
           'gen': _l('stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia')},
    'uk': {'nom': _l('січень|лютий|березень|квітень|травень|червень|липень|серпень|вересень|жовтень|листопад|грудень'),
           'gen': _l('січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня')},
    'ru': {'nom': _l('январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь'),
           'gen': _l('января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря')},
    'ka': {'nom': _l('იანვარი|თებერვალი|მარტი|აპრილი|მაისი|ივნისი|ივლისი|აგვისტო|სექტემბერი|ოქტომბერი|ნოემბერი|დეკემბერი')},
    'fa_greg': {'nom': _l('ژانویه|فوریه|مارس|آوریل|مه|ژوئن|ژوئیه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر')},
    'prs_greg': {'nom': _l('جنوری|فبروری|مارچ|اپریل|می|جون|جولای|اگست|سپتمبر|اکتوبر|نومبر|دسمبر')},
    'zh': {'nom': [str(i) for i in range(1, 13)]},
    # Solar Hijri month names
    'fa_ir': {'nom': _l('فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند')},
    'fa_ir_lat': {'nom': _l('Farvardin|Ordibehesht|Khordad|Tir|Mordad|Shahrivar|Mehr|Aban|Azar|Dey|Bahman|Esfand')},
    'prs_sh': {'nom': _l('حمل|ثور|جوزا|سرطان|اسد|سنبله|میزان|عقرب|قوس|جدی|دلو|حوت')},
    'prs_sh_lat': {'nom': _l('Hamal|Saur|Jawza|Saratan|Asad|Sunbula|Mizan|Aqrab|Qaws|Jadi|Dalw|Hut'),
                   'alt': _l('Hamal|Sawr|Jauza|Saratan|Asad|Sonbola|Mizan|Aqrab|Qaus|Jaddi|Dalwa|Hoot')},
    'ps_sh': {'nom': _l('وری|غویی|غبرګولی|چنګاښ|زمری|وږی|تله|لړم|لیندۍ|مرغومی|سلواغه|کب')},
    'ckb_sh': {'nom': _l('خاکەلێوە|گوڵان|جۆزەردان|پووشپەڕ|گەلاوێژ|خەرمانان|ڕەزبەر|خەزەڵوەر|سەرماوەز|بەفرانبار|ڕێبەندان|ڕەشەمە')},
    # lunar Hijri month names
    'ar_isl': {'nom': _l('محرم|صفر|ربيع الأول|ربيع الآخر|جمادى الأولى|جمادى الآخرة|رجب|شعبان|رمضان|شوال|ذو القعدة|ذو الحجة'),
               'alt': _l('محرم|صفر|ربيع الأول|ربيع الثاني|جمادى الأولى|جمادى الثانية|رجب|شعبان|رمضان|شوال|ذو القعدة|ذو الحجة')},
    'en_isl': {'nom': _l("Muharram|Safar|Rabi' al-Awwal|Rabi' al-Thani|Jumada al-Ula|Jumada al-Akhirah|Rajab|Sha'ban|Ramadan|Shawwal|Dhu al-Qa'dah|Dhu al-Hijjah"),
               'alt': _l('Muharram|Safar|Rabi ul Awwal|Rabi ul Akhir|Jamadi ul Awwal|Jamadi ul Akhir|Rajab|Shaban|Ramzan|Shawwal|Zil Qad|Zil Hajj')},
    'ur_isl': {'nom': _l('محرم|صفر|ربیع الاول|ربیع الثانی|جمادی الاول|جمادی الثانی|رجب|شعبان|رمضان|شوال|ذوالقعدہ|ذوالحجہ')},
    'fa_isl': {'nom': _l('محرم|صفر|ربیع‌الاول|ربیع‌الثانی|جمادی‌الاول|جمادی‌الثانی|رجب|شعبان|رمضان|شوال|ذی‌القعده|ذی‌الحجه')},
    # Ethiopian calendar month names
    'am_et': {'nom': _l('መስከረም|ጥቅምት|ኅዳር|ታኅሣሥ|ጥር|የካቲት|መጋቢት|ሚያዝያ|ግንቦት|ሰኔ|ሐምሌ|ነሐሴ|ጳጉሜ'),
              'alt': _l('መስከረም|ጥቅምት|ህዳር|ታህሳስ|ጥር|የካቲት|መጋቢት|ሚያዚያ|ግንቦት|ሰኔ|ሀምሌ|ነሀሴ|ጳጉሜን')},
    'am_et_lat': {'nom': _l('Meskerem|Tikimt|Hidar|Tahsas|Tir|Yekatit|Megabit|Miyazia|Ginbot|Sene|Hamle|Nehase|Pagume')},
    'ti_et': {'nom': _l('መስከረም|ጥቅምቲ|ሕዳር|ታሕሳስ|ጥሪ|ለካቲት|መጋቢት|ሚያዝያ|ግንቦት|ሰነ|ሓምለ|ነሓሰ|ጳጉሜን')},
}

WEEKDAYS = {   # Monday first
    'en': _l('Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday'),
    'enabbr': _l('Mon|Tue|Wed|Thu|Fri|Sat|Sun'),
    'fr': _l('lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche'),
    'de': _l('Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag'),
    'nl': _l('maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag'),
    'it': _l('lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica'),
    'el': _l('Δευτέρα|Τρίτη|Τετάρτη|Πέμπτη|Παρασκευή|Σάββατο|Κυριακή'),
    'es': _l('lunes|martes|miércoles|jueves|viernes|sábado|domingo'),
    'sv': _l('måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag'),
    'ar': _l('الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد'),
    'fa': _l('دوشنبه|سه‌شنبه|چهارشنبه|پنجشنبه|جمعه|شنبه|یکشنبه'),
    'sq': _l('e hënë|e martë|e mërkurë|e enjte|e premte|e shtunë|e diel'),
    'tr': _l('Pazartesi|Salı|Çarşamba|Perşembe|Cuma|Cumartesi|Pazar'),
    'vi': _l('Thứ Hai|Thứ Ba|Thứ Tư|Thứ Năm|Thứ Sáu|Thứ Bảy|Chủ Nhật'),
    'zh': _l('一|二|三|四|五|六|日'),
    'ru': _l('понедельник|вторник|среда|четверг|пятница|суббота|воскресенье'),
    'hu': _l('hétfő|kedd|szerda|csütörtök|péntek|szombat|vasárnap'),
    'pl': _l('poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela'),
    'am': _l('ሰኞ|ማክሰኞ|ረቡዕ|ሐሙስ|ዓርብ|ቅዳሜ|እሑድ'),
    'ti': _l('ሰኑይ|ሰሉስ|ረቡዕ|ሓሙስ|ዓርቢ|ቀዳም|ሰንበት'),
    'bn': _l('সোমবার|মঙ্গলবার|বুধবার|বৃহস্পতিবার|শুক্রবার|শনিবার|রবিবার'),
}

AMPM = {
    'en': ('AM', 'PM'), 'enl': ('am', 'pm'),
    'es': ('a.\u00a0m.', 'p.\u00a0m.'), 'el': ('π.μ.', 'μ.μ.'),
    'ar': ('صباحاً', 'مساءً'), 'zh': ('上午', '下午'),
}

DIGITS = {
    'fa': '۰۱۲۳۴۵۶۷۸۹', 'ar': '٠١٢٣٤٥٦٧٨٩', 'bn': '০১২৩৪৫৬৭৮৯',
    'deva': '०१२३४५६७८९', 'guru': '੦੧੨੩੪੫੬੭੮੯', 'fw': '０１２３４５６７８９',
}

ROMAN = _l('I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII')


def en_ord(n):
    if 11 <= n % 100 <= 13:
        return "%dth" % n
    return "%d%s" % (n, {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th'))


def geez(n):
    ones = ['', '፩', '፪', '፫', '፬', '፭', '፮', '፯', '፰', '፱']
    tens = ['', '፲', '፳', '፴', '፵', '፶', '፷', '፸', '፹', '፺']

    def two(k):
        return tens[k // 10] + ones[k % 10]
    assert 0 < n < 10000
    hi, lo = divmod(n, 100)
    s = ''
    if hi:
        s = ('' if hi == 1 else two(hi)) + '፻'
    return s + two(lo)


ZH_D = '〇一二三四五六七八九'


def zh_year(n):
    return ''.join(ZH_D[int(c)] for c in str(n))


def zh_num(n):       # 1..31
    if n < 10:
        return ZH_D[n]
    t, o = divmod(n, 10)
    return ('' if t == 1 else ZH_D[t]) + '十' + (ZH_D[o] if o else '')


def greek_upper(s):
    s = unicodedata.normalize('NFD', s).replace('\u0301', '')
    return unicodedata.normalize('NFC', s).upper()


def month_name(lang, form, m):
    tab = MONTHS[lang]
    if form in ('up', 'upf', 'genup'):
        base = {'up': 'abbr', 'upf': 'nom', 'genup': 'gen'}[form]
        s = tab[base][m - 1]
        return greek_upper(s) if lang == 'el' else s.upper()
    return tab[form][m - 1]


PH = re.compile(r'\{(\w+)(?::(\w+))?\}')


def render(tmpl, lang, y, m, d, t, gord):
    def rep(mo):
        k, f = mo.group(1), mo.group(2)
        if k == 'd':
            if f is None:
                return str(d)
            return {'ord': en_ord(d), 'fr': '1er' if d == 1 else str(d),
                    'it': '1º' if d == 1 else str(d), 'geez': geez(d),
                    'zh': zh_num(d)}[f]
        if k == 'dd':
            return "%02d" % d
        if k == 'm':
            return zh_num(m) if f == 'zh' else str(m)
        if k == 'mm':
            return "%02d" % m
        if k == 'y':
            if f is None:
                return str(y)
            return {'geez': geez(y), 'zh': zh_year(y)}[f]
        if k == 'M':
            return month_name(lang, f or 'nom', m)
        if k == 'R':
            return ROMAN[m - 1]
        if k == 'W':
            return WEEKDAYS[f][(gord - 1) % 7]
        if k == 'HH':
            return "%02d" % t[0]
        if k == 'H':
            return str(t[0])
        if k == 'h':
            return str(t[0] % 12 or 12)
        if k == 'hh':
            return "%02d" % (t[0] % 12 or 12)
        if k == 'MI':
            return "%02d" % t[1]
        if k == 'SS':
            return "%02d" % t[2]
        if k == 'AP':
            return AMPM[f][0 if t[0] < 12 else 1]
        raise KeyError(mo.group(0))
    return PH.sub(rep, tmpl)


# ------------------------------------------------------------------- rows

ROWS = []   # (raw, calendar, order, expected, region, note, category)


def _add(cat, region, lang, tmpl, truth_cal, ymd, t, cal, order, note, dig):
    y = ymd[0]
    m = ymd[1] if len(ymd) > 1 else None
    d = ymd[2] if len(ymd) > 2 else None
    exp = expected_for(truth_cal, y, m, d, t)
    gord = CAL[truth_cal][0](y, m, d) if d is not None else None
    raw = render(tmpl, lang, y, m, d, t, gord)
    if dig:
        raw = raw.translate(str.maketrans('0123456789', DIGITS[dig]))
    if truth_cal == 'islamic' and 'tabular' not in note:
        note = (note + '; tabular') if note else 'tabular'
    ROWS.append((raw, cal, order, exp, region, note, cat))


def G(region, lang, tmpl, ymd, t=None, cal='-', order='dmy', note='', dig=None, cat='gname'):
    _add(cat, region, lang, tmpl, 'greg', ymd, t, cal, order, note, dig)


def N(region, tmpl, ymd, t=None, cal='-', order='dmy', note='', dig=None):
    _add('gnum', region, 'en', tmpl, 'greg', ymd, t, cal, order, note, dig)


def SH(region, lang, tmpl, ymd, t=None, cal='-', note='', dig=None, order='dmy'):
    _add('persian', region, lang, tmpl, 'persian', ymd, t, cal, order, note, dig)


def IH(region, lang, tmpl, ymd, t=None, cal='-', note='', dig=None, order='dmy'):
    _add('islamic', region, lang, tmpl, 'islamic', ymd, t, cal, order, note, dig)


def ET(region, lang, tmpl, ymd, t=None, cal='-', note='', dig=None, order='dmy'):
    _add('ethiopic', region, lang, tmpl, 'ethiopic', ymd, t, cal, order, note, dig)


def BAD(region, raw, note, cal='-', order='dmy'):
    ROWS.append((raw, cal, order, 'invalid', region, note, 'invalid'))


RLM = '\u200f'
NBSP = '\u00a0'
NNBSP = '\u202f'

# ============ A. Gregorian, month written as a word (or Roman numeral) =====

# UK police / Home Office (English)
G('UK', 'en', '{d} {M} {y}', (1989, 3, 14), note='Home Office CID')
G('UK', 'en', '{dd} {M:up} {y}', (1992, 11, 3), note='passport print')
G('UK', 'en', '{dd}-{M:abbr}-{y}', (1977, 7, 21), note='PNC export')
G('UK', 'en', '{d:ord} {M} {y}', (2001, 6, 8), note='witness statement')
G('UK', 'en', '{W:en} {d:ord} {M} {y}', (2017, 9, 5), note='weekday')
G('UK', 'en', '{W:enabbr} {d} {M:abbr} {y} {HH}:{MI}', (2021, 11, 24), t=(23, 40), note='custody record')
G('UK', 'en', '{d} Sept {y}', (1996, 9, 30), note='Sept abbreviation')
G('UK', 'en', 'c. {y}', (1985,), note='approximate')
G('UK', 'en', 'circa {M} {y}', (1990, 6), note='approximate month')
G('UK', 'en', 'approx. {y}', (1999,), note='approximate')
G('UK', 'en', '{M} {y}', (2015, 10), note='crossing month')
G('UK', 'en', '{d} {M} {y} at {HH}{MI}hrs', (2019, 8, 14), t=(3, 22), note='police 24h hrs')
G('UK', 'en', '{d:ord} {M:abbr} {y}', (2016, 10, 22), note='debrief')
G('UK', 'en', 'XX {M:up} {y}', (1990, 1), note='unknown day XX')
G('UK', 'en', 'mid-{M} {y}', (2015, 8), note='approximate month')
G('UK', 'en', 'early {y}', (2016,), note='approximate year')
G('UK', 'en', '{d} {M} {y}, {h}:{MI} {AP:enl}', (2018, 7, 3), t=(23, 45), note='pm lower case')
G('UK', 'en', '{d} {M} {y}', (2024, 2, 29), note='leap day, small-boat arrival')
G('UK', 'en', '{d} {M:upf} {y}', (1958, 12, 25), note='upper case')
G('UK', 'en', '{W:en} {d} {M} {y} {HH}:{MI}:{SS}', (2022, 1, 16), t=(4, 5, 9), note='weekday, seconds')
G('UK', 'en', 'on or about {d} {M} {y}', (2019, 5, 17), note='approximate words')

# US partner / money-transfer (month first)
G('US', 'en', '{M} {d}, {y}', (2001, 3, 4), order='mdy', note='US style')
G('US', 'en', '{M:up} {dd}, {y}', (2018, 12, 5), order='mdy', note='MTO receipt')
G('US', 'en', '{W:en}, {M} {d}, {y} {h}:{MI} {AP:en}', (2020, 6, 12), t=(14, 7), order='mdy', note='weekday, PM')

# Nigeria, India, Pakistan, Bangladesh (English and national scripts)
G('NG', 'en', 'the {d:ord} day of {M}, {y}', (1994, 6, 12), note='affidavit')
G('NG', 'en', '{d:ord} {M}, {y}', (1987, 11, 23), note='')
G('NG', 'en', '{M} {d:ord}, {y}', (2002, 1, 2), note='month first words')
G('IN', 'en', '{dd}-{M:abbr}-{y}', (1991, 4, 17), note='Indian passport')
G('IN', 'hi', '{d} {M} {y}', (1993, 8, 9), dig='deva', note='Hindi, Devanagari digits')
G('IN', 'pa', '{d} {M} {y}', (1985, 12, 31), note='Punjabi Gurmukhi')
G('PK', 'en', '{dd}-{M:up}-{y}', (1990, 5, 7), note='CNIC style')
G('PK', 'ur', '{d} {M} {y}', (1996, 2, 19), note='Urdu')
G('PK', 'ur', '{d} {M} {y}', (1988, 10, 28), dig='fa', note='Urdu, Eastern digits')
G('BD', 'bn', '{d} {M} {y}', (1995, 9, 11), dig='bn', note='Bengali digits')
G('BD', 'bn', '{W:bn}, {d} {M}, {y}', (2016, 1, 27), dig='bn', note='Bengali weekday')
G('BD', 'en', '{dd} {M:abbr} {y}', (1998, 3, 24), note='')

# Somalia
G('SO', 'so', '{d} {M} {y}', (1992, 3, 8), note='Somali')
G('SO', 'so', '{d}ka {M} {y}', (1990, 6, 26), note='Somali ordinal suffix')
G('SO', 'so', '{M} {y}', (2016, 7), note='Somali month-year')

# China
G('CN', 'zh', '{y}年{m}月{d}日', (1979, 10, 1), dig='fw', note='full-width digits')
G('CN', 'zh', '{y:zh}年{m:zh}月{d:zh}日', (1983, 7, 26), note='Chinese numerals')
G('CN', 'zh', '{y}年{m}月{d}日星期{W:zh}', (2017, 2, 9), note='weekday')
G('CN', 'zh', '{y}年{m}月{d}日 {AP:zh}{h}:{MI}', (2023, 4, 30), t=(15, 22), note='xiawu = PM')

# Vietnam
G('VN', 'vi', 'ngày {d} tháng {m} năm {y}', (1986, 12, 2), note='')
G('VN', 'vi', '{W:vi}, ngày {d} tháng {m} năm {y}', (2019, 10, 23), note='weekday')
G('VN', 'vi', 'khoảng năm {y}', (1996,), note='approximate')
G('VN', 'vi', '{d} {M} {y}', (1997, 4, 30), note='month in words')

# France, Belgium (FR), Maghreb French
G('FR', 'fr', '{d:fr} {M} {y}', (1990, 1, 1), note='1er')
G('FR', 'fr', '{d} {M} {y}', (1984, 3, 14), note='')
G('FR', 'fr', '{W:fr} {d} {M} {y}', (2018, 5, 9), note='weekday')
G('FR', 'fr', 'le {d} {M} {y} à {H}h{MI}', (2016, 2, 3), t=(14, 35), note='time 14h35')
G('FR', 'fr', '{d} {M:abbr} {y}', (1995, 12, 5), note='abbr')
G('FR', 'fr', 'vers {y}', (1985,), note='approximate')
G('FR', 'fr', 'courant {M} {y}', (2015, 6), note='approximate month')
G('FR', 'fr', 'début {M} {y}', (2015, 11), note='approximate month')
G('FR', 'fr', '{M} {y}', (2016, 1), note='month-year')
G('FR', 'fr', '{W:fr} {d} {M} {y} à {HH}' + NBSP + 'h' + NBSP + '{MI}', (2015, 9, 7), t=(6, 30), note='no-break spaces')
G('FR', 'fr', '{d} {M:upf} {y}', (1971, 2, 28), note='upper case')
G('BE-fr', 'fr', '{d} {M} {y}', (2004, 2, 17), note='')
G('BE-fr', 'fr', '{d:fr} {M} {y}', (2011, 4, 1), note='1er')
G('MA', 'fr', '{d} {M} {y}', (1996, 5, 12), note='Moroccan CNIE French')
G('DZ', 'fr', '{d} {M} {y}', (1998, 8, 23), note='Algerian French')
G('TN', 'fr', '{d} {M} {y}', (1993, 10, 6), note='Tunisian French')

# Germany / Austria
G('DE', 'de', '{d}. {M} {y}', (1989, 7, 11), note='')
G('AT', 'de', '{d}. Jänner {y}', (1976, 1, 19), note='Austrian Jänner')
G('DE', 'de', '{W:de}, {d}. {M} {y}', (2015, 9, 2), note='weekday')
G('DE', 'de', '{d}. {M:abbr} {y}', (2016, 10, 5), note='abbr')
G('DE', 'de', 'ca. {y}', (1988,), note='approximate')
G('DE', 'de', 'etwa {M} {y}', (2015, 5), note='approximate month')
G('DE', 'de', '{d}. {M} {y}, {HH}:{MI} Uhr', (2000, 2, 5), t=(14, 35), note='Uhr')
G('DE', 'de', '{d}. {M} {y}', (1996, 2, 29), note='leap day')
G('DE', 'de', 'Mitte {M} {y}', (2016, 7), note='approximate month')
G('DE', 'de', '{d}. {M:abbr} {y}', (2001, 9, 12), note='Sept.')

# Netherlands / Flanders
G('NL', 'nl', '{d} {M} {y}', (1987, 3, 19), note='')
G('NL', 'nl', '{d} {M} {y}', (1995, 5, 3), note='')
G('NL', 'nl', '{W:nl} {d} {M} {y}', (2022, 6, 1), note='weekday')
G('NL', 'nl', '{d} {M:abbr} {y}', (2013, 10, 21), note='abbr')
G('NL', 'nl', 'ca. {y}', (1993,), note='approximate')
G('NL', 'nl', 'omstreeks {M} {y}', (2015, 6), note='approximate month')
G('BE-nl', 'nl', '{d} {M} {y} om {HH}:{MI} uur', (2004, 2, 27), t=(14, 35), note='time')
G('BE-nl', 'nl', '{d} {M:abbr} {y}', (2000, 3, 1), note='mrt.')

# Italy
G('IT', 'it', '{d} {M} {y}', (1982, 3, 14), note='')
G('IT', 'it', '{d:it} {M} {y}', (1990, 1, 1), note='1º')
G('IT', 'it', '{W:it} {d} {M} {y}', (2016, 8, 24), note='weekday')
G('IT', 'it', '{d} {M:abbr} {y}', (2014, 6, 18), note='abbr')
G('IT', 'it', 'circa {y}', (1994,), note='approximate')
G('IT', 'it', '{M} {y}', (2017, 6), note='month-year')
G('IT', 'it', '{d} {M} {y} ore {HH}:{MI}', (2013, 10, 3), t=(7, 10), note='landing time')

# Greece
G('GR', 'el', '{d} {M:gen} {y}', (1981, 8, 27), note='genitive')
G('GR', 'el', '{W:el}, {d} {M:gen} {y}', (2020, 3, 4), note='weekday')
G('GR', 'el', '{d} {M:abbr} {y}', (2019, 11, 2), note='abbr')
G('GR', 'el', 'περίπου {y}', (1991,), note='approximate')
G('GR', 'el', '{M} {y}', (2015, 9), note='nominative month-year')
G('GR', 'el', '{d} {M:gen} {y}, {h}:{MI} {AP:el}', (2016, 3, 20), t=(14, 35), note='μ.μ. = PM')
G('GR', 'el', '{d} {M:genup} {y}', (1968, 9, 30), note='upper case, no accents')

# Spain
G('ES', 'es', '{d} de {M} de {y}', (1983, 7, 9), note='')
G('ES', 'es', '{W:es}, {d} de {M} de {y}', (2018, 6, 16), note='weekday')
G('ES', 'es', '{d} {M:abbr} {y}', (2020, 9, 13), note='abbr')
G('ES', 'es', 'aprox. {y}', (1986,), note='approximate')
G('ES', 'es', '{M} de {y}', (2015, 6), note='month-year')
G('ES', 'es', '{d} de {M} de {y}, {h}:{MI} {AP:es}', (2006, 5, 26), t=(14, 35), note='p. m.')

# Sweden
G('SE', 'sv', '{d} {M} {y}', (1997, 3, 6), note='')
G('SE', 'sv', '{W:sv} {d} {M} {y}', (2015, 12, 22), note='weekday')
G('SE', 'sv', '{d} {M:abbr} {y}', (2016, 8, 11), note='abbr')
G('SE', 'sv', 'cirka {y}', (2001,), note='approximate')
G('SE', 'sv', '{d} {M} {y} kl. {HH}.{MI}', (2000, 2, 5), t=(14, 35), note='kl. 14.35')

# Arabic: Iraq, Syria (Levantine month names)
G('IQ', 'ar_lev', '{d} {M} {y}', (1980, 4, 16), note='Latin digits')
G('IQ', 'ar_lev', '{d} {M} {y}', (1978, 3, 4), dig='ar', note='Arabic-Indic digits')
G('IQ', 'ar_lev', '{W:ar} {d} {M} {y}', (2004, 12, 29), dig='ar', note='weekday')
G('IQ', 'ar_lev', 'حوالي {y}', (1965,), dig='ar', note='approximate')
G('IQ', 'ar_lev', '{d} {M} {y}', (1970, 1, 27), dig='ar', note='')
G('IQ', 'ar_lev', '{d} {M} {y} الساعة {h}:{MI} {AP:ar}', (2017, 10, 16), t=(15, 22), dig='ar', note='masa’an = PM')
G('SY', 'ar_lev', '{d} {M} {y}', (1989, 2, 14), dig='ar', note='')
G('SY', 'ar_lev', '{d} {M} {y}', (2016, 11, 21), note='')
G('SY', 'ar_lev', '{M} {y}', (2015, 12), dig='ar', note='month-year')
G('SY', 'ar_lev', '{d} {M} {y}م', (1973, 9, 5), dig='ar', note='م = Gregorian')
G('SY', 'ar_lev', RLM + '{d} {M} {y}', (2012, 7, 18), dig='ar', note='leading RLM')
# Egypt, Sudan, Libya
G('SD', 'ar_eg', '{d} {M} {y}', (1982, 3, 29), dig='ar', note='')
G('SD', 'ar_eg', 'تقريباً {y}', (1998,), dig='ar', note='approximate')
G('EG', 'ar_eg', '{d} {M} {y}', (2000, 2, 5), dig='ar', note='')
G('EG', 'ar_eg', '{W:ar} {d} {M} {y}', (2016, 7, 21), dig='ar', note='weekday')
G('LY', 'ar_eg', '{d} {M} {y}', (1987, 9, 9), dig='ar', note='')
G('LY', 'ar_eg', '{d} {M} {y}', (1993, 4, 26), note='Latin digits')
# Maghreb Arabic
G('DZ', 'ar_dz', '{d} {M} {y}', (1998, 7, 14), note='جويلية')
G('DZ', 'ar_dz', '{d} {M} {y}', (1992, 1, 14), dig='ar', note='جانفي')
G('TN', 'ar_dz', '{d} {M} {y}', (1999, 8, 23), dig='ar', note='أوت')
G('TN', 'ar_dz', '{d} {M} {y}', (2001, 4, 6), note='أفريل')
G('MA', 'ar_ma', '{d} {M} {y}', (1996, 7, 14), note='يوليوز')
G('MA', 'ar_ma', '{d} {M} {y}', (1994, 9, 3), note='شتنبر')
G('MA', 'ar_ma', '{d} {M} {y}', (1990, 12, 25), note='دجنبر')

# Kurdish
G('IQ-ckb', 'ckb', '{d} {M} {y}', (1989, 3, 21), dig='ar', note='Sorani')
G('IQ-ckb', 'ckb', '{d} {M} {y}', (2015, 10, 22), note='Sorani, Latin digits')
G('IQ-ckb', 'ckb', '{M} {y}', (2015, 9), dig='ar', note='Sorani month-year')
G('IQ-ckb', 'ckb', '{d}ی {M}ی {y}', (1991, 4, 5), dig='ar', note='Sorani ezafe forms')
G('TR-kmr', 'kmr', '{d} {M} {y}', (1974, 3, 21), note='Kurmanji')
G('SY-kmr', 'kmr', '{M} {y}', (2015, 8), note='Kurmanji month-year')
G('TR-kmr', 'kmr', '{d} {M} {y}', (1996, 10, 21), note='Kurmanji')

# Eritrea: Tigrinya names of GREGORIAN months
G('ER', 'ti_er', '{d} {M} {y}', (1985, 3, 8), cal='gregorian', note='Tigrinya, Gregorian')
G('ER', 'ti_er', '{d} {M} {y}', (1997, 1, 17), cal='gregorian', note='ጥሪ = January')
G('ER', 'ti_er', '{d} {M} {y}', (1991, 6, 20), cal='gregorian', note='ሰነ = June')
G('ER', 'ti_er', '{M} {y}', (2015, 8), cal='gregorian', note='month-year')
G('ER', 'ti_er', '{W:ti} {d} {M} {y}', (2014, 8, 6), cal='gregorian', note='weekday')
G('ER', 'ti_er', '{d} {M} {y}', (1991, 5, 24), cal='gregorian', note='')
# Ethiopian source that wrote a Gregorian date in English
G('ET', 'en', '{d} {M} {y}', (1990, 5, 12), cal='ethiopic', note='English month name overrides EC')

# Albania / Kosovo
G('AL', 'sq', '{d} {M} {y}', (1991, 3, 7), note='')
G('AL', 'sq', '{d} {M} {y}', (1961, 1, 11), note='')
G('AL', 'sq', '{W:sq}, {d} {M} {y}', (2014, 9, 17), note='weekday')
G('AL', 'sq', 'rreth vitit {y}', (1950,), note='approximate')
G('XK', 'sq', '{d} {M} {y}', (2008, 2, 17), note='Kosovo')

# Turkey
G('TR', 'tr', '{d} {M} {y}', (1999, 3, 2), note='')
G('TR', 'tr', '{d} {M} {y} {W:tr}', (1995, 1, 3), note='weekday after')
G('TR', 'tr', '{M} {y}', (2015, 8), note='month-year')
G('TR', 'tr', '{d} {M} {y}', (1993, 10, 29), note='')

# Balkan route, Central/Eastern Europe
G('RS', 'sr_cyr', '{d}. {M:gen} {y}. године', (1989, 3, 28), note='Cyrillic genitive')
G('RS', 'sr_lat', '{d}. {M:gen} {y}.', (1994, 1, 30), note='Latin genitive')
G('BA', 'bs', '{d}. {M:gen} {y}. godine', (1989, 3, 15), note='')
G('BA', 'bs', '{d}. {M} {y}.', (2016, 7, 17), note='nominative')
G('HR', 'hr', '{d}. {M:gen} {y}.', (1980, 3, 10), note='genitive ožujka')
G('HR', 'hr', '{d}. {M:gen} {y}.', (1957, 1, 1), note='genitive siječnja')
G('HR', 'hr', '{M} {y}.', (2015, 11), note='nominative month-year')
G('MK', 'mk', '{d} {M} {y}', (2001, 3, 26), note='')
G('MK', 'mk', '{d} {M} {y} година', (1972, 1, 6), note='')
G('BG', 'bg', '{d} {M} {y} г.', (1993, 3, 3), note='')
G('HU', 'hu', '{y}. {M} {d}.', (1956, 10, 23), note='year first')
G('HU', 'hu', '{y}. {M} {d}., {W:hu}', (2015, 9, 15), note='weekday after')
G('RO', 'ro', '{d} {M} {y}', (1989, 12, 22), note='')
G('RO', 'ro', '{d} {M:abbr} {y}', (1977, 3, 4), note='abbr')
G('RO', 'ro', '{M} {y}', (2018, 4), note='month-year')
G('SI', 'sl', '{d}. {M} {y}', (1991, 6, 25), note='')
G('PL', 'pl', '{d} {M:gen} {y} r.', (1981, 12, 13), note='genitive')
G('PL', 'pl', '{d} {M:gen} {y}', (2000, 7, 7), note='genitive')
G('PL', 'pl', '{M} {y}', (2021, 9), note='nominative month-year')
G('UA', 'uk', '{d} {M:gen} {y} р.', (1991, 8, 24), note='genitive')
G('UA', 'uk', '{d} {M:gen} {y} року', (1964, 5, 9), note='genitive')
G('UA', 'uk', '{M} {y}', (2022, 3), note='nominative month-year')
G('RU', 'ru', '{d} {M:gen} {y} г.', (1975, 11, 7), note='genitive')
G('RU', 'ru', '{d} {M:gen} {y} года', (1998, 1, 12), note='genitive')
G('RU', 'ru', 'около {y} г.', (1953,), note='approximate')
G('GE', 'ka', '{d} {M} {y}', (1994, 2, 18), note='Georgian')
G('GE', 'ka', '{y} წლის {d} {M}', (1988, 6, 21), note='Georgian year first')
# Roman-numeral months
G('PL', 'pl', '{d}.{R}.{y}', (1987, 3, 14), note='Roman month')
G('HR', 'hr', '{d}. {R}. {y}.', (1994, 1, 3), note='Roman month')
G('RO', 'ro', '{d}.{R}.{y}', (2016, 10, 31), note='Roman month')
G('HU', 'hu', '{y}. {R}. {d}.', (1983, 3, 14), note='Roman month')
G('BG', 'bg', '{d}.{R}.{y} г.', (1986, 11, 9), note='Roman month')

# Iranian / Afghan sources writing Gregorian months
G('IR', 'fa_greg', '{d} {M} {y}', (2009, 6, 12), dig='fa', note='Persian names of Gregorian months')
G('AF', 'prs_greg', '{d} {M} {y}', (1992, 3, 14), dig='fa', cal='persian', note='Dari Gregorian month overrides SH')
G('AF', 'en', '{d} {M} {y}', (1990, 3, 15), cal='persian', note='English month overrides SH')
G('AF', 'prs_greg', '{d} {M} {y}', (2021, 8, 15), cal='persian', note='Dari Gregorian month, Latin digits')

# ============ B. Gregorian, numeric =======================================

N('UK', '{dd}/{mm}/{y}', (1986, 7, 19), note='')
N('UK', '{dd}/{mm}/{y}', (2013, 12, 11), note='ambiguous, read dmy')
N('UK', '{dd}/{mm}/{y} {HH}:{MI}', (2019, 8, 14), t=(3, 22), note='custody timestamp')
N('UK', '{dd}/{mm}/{y} {HH}:{MI}:{SS}', (1966, 3, 14), t=(0, 0, 0), note='DB export, midnight kept')
N('UK', '{y}-{mm}-{dd}', (2001, 9, 4), note='ISO')
N('UK', '00/{mm}/{y}', (1985, 5), note='unknown day 00')
N('UK', 'XX/{mm}/{y}', (1990, 11), note='unknown day XX')
N('UK', '01/01/{y}', (1999, 1, 1), note='default 1 Jan as written')
N('UK', '{mm}/{y}', (1992, 7), note='month/year')
N('UK', '{y}-{mm}', (2016, 4), note='ISO month')
N('US', '{mm}/{dd}/{y}', (2001, 3, 4), order='mdy', note='ambiguous, read mdy')
N('US', '{m}/{d}/{y}', (2013, 11, 12), order='mdy', note='ambiguous, read mdy')
N('US', '{mm}/{dd}/{y} {hh}:{MI} {AP:en}', (2019, 8, 14), t=(15, 22), order='mdy', note='MTO PM')
N('US', '{mm}/{dd}/{y} {hh}:{MI} {AP:en}', (2018, 12, 1), t=(0, 0), order='mdy', note='12:00 AM = 00:00')
N('US', '{m}/{d}/{y} {h}:{MI} {AP:en}', (1996, 7, 4), t=(12, 30), order='mdy', note='12:30 PM')
N('FR', '{dd}/{mm}/{y}', (2001, 4, 3), note='ambiguous, read dmy')
N('FR', '{dd}/{mm}/{y} à {HH}:{MI}', (2016, 1, 22), t=(22, 10), note='')
N('FR', '--/{mm}/{y}', (1984, 6), note='unknown day --')
N('DE', '{dd}.{mm}.{y}', (1991, 12, 24), note='')
N('DE', '{d}.{m}.{y}', (1990, 3, 5), note='unpadded')
N('DE', '00.00.{y}', (1979,), note='unknown day and month')
N('DE', '{dd}.{mm}.{y}, {HH}:{MI} Uhr', (2015, 9, 5), t=(4, 30), note='')
N('NL', '{dd}-{mm}-{y}', (1988, 8, 8), note='')
N('NL', '00-00-{y}', (1975,), note='unknown day and month')
N('IT', 'xx/xx/{y}', (1982,), note='unknown xx')
N('GR', '{d}/{m}/{y}', (1993, 3, 25), note='')
N('GR', '??/{mm}/{y}', (1992, 7), note='unknown day ??')
N('ES', '{dd}/{mm}/{y}', (2006, 5, 26), note='')
N('SE', '{y}-{mm}-{dd}', (1994, 1, 17), note='')
N('SE', '{y}{mm}{dd}', (1972, 8, 15), note='compact YYYYMMDD')
N('SE', '{y}-00-00', (1985,), note='unknown day and month')
N('IQ', '{dd}/{mm}/{y}', (1979, 7, 16), dig='ar', note='Arabic-Indic digits')
N('IQ', '{y}/{m}/{d}', (1984, 9, 23), dig='ar', note='year first')
N('SY', '{d}-{m}-{y}', (1991, 6, 2), dig='ar', note='')
N('EG', '{y}/{m}/{d}', (1988, 1, 20), note='')
N('SD', '{dd}/{mm}/{y}', (1997, 12, 1), dig='ar', note='')
N('LY', '{dd}-{mm}-{y}', (2017, 7, 9), note='coastguard report')
N('DZ', '{dd}/{mm}/{y}', (2002, 3, 19), note='')
N('AF', '{y}/{mm}/{dd}', (1990, 3, 15), dig='fa', note='Persian digits, Gregorian year')
N('IR', '{y}/{mm}/{dd}', (1992, 5, 27), note='passport Gregorian side')
N('AF', '{y}', (1977,), cal='persian', note='plain year read as Gregorian')
N('ET', '{y}', (1982,), cal='ethiopic', note='plain year read as Gregorian')
N('SA', '{y}', (1990,), cal='islamic', note='plain year read as Gregorian')
N('TR', '{dd}.{mm}.{y}', (1992, 10, 29), note='')
N('TR', '{dd}.{mm}.{y} {HH}:{MI}', (2020, 3, 1), t=(5, 15), note='')
N('AL', '{dd}.{mm}.{y}', (1990, 12, 8), note='')
N('XK', '{dd}.{mm}.{y}', (1999, 6, 12), note='')
N('RS', '{dd}.{mm}.{y}.', (2015, 9, 15), note='trailing dot')
N('HR', '{dd}. {mm}. {y}.', (2015, 10, 17), note='spaced, trailing dot')
N('BA', '{dd}.{mm}.{y}', (2018, 5, 26), note='')
N('BG', '{dd}.{mm}.{y} г.', (2013, 11, 4), note='')
N('HU', '{y}.{mm}.{dd}.', (2015, 9, 14), note='year first')
N('HU', '{y}. {mm}. {dd}.', (1983, 2, 6), note='year first spaced')
N('RO', '{dd}.{mm}.{y}', (1979, 5, 23), note='')
N('SI', '{d}. {m}. {y}', (2015, 10, 21), note='')
N('PL', '{dd}.{mm}.{y} r.', (2021, 8, 26), note='')
N('UA', '{dd}.{mm}.{y}', (2022, 2, 24), note='')
N('RU', '{dd}.{mm}.{y} г.', (1986, 4, 26), note='')
N('CN', '{y}-{mm}-{dd}', (1987, 6, 4), note='')
N('CN', '{y}/{m}/{d}', (2003, 11, 7), note='')
N('VN', '{dd}/{mm}/{y}', (1998, 5, 3), note='')
N('VN', '{HH}:{MI} ngày {dd}/{mm}/{y}', (2021, 3, 17), t=(23, 55), note='time first')
N('BD', '{dd}/{mm}/{y}', (1995, 6, 16), dig='bn', note='Bengali digits')
N('BD', '{dd}-{mm}-{y}', (2000, 1, 21), note='')
N('PK', '{dd}-{mm}-{y}', (1984, 8, 14), note='')
N('NG', '{y}-{mm}-{dd}', (1983, 2, 28), note='NIN slip')
N('SO', '{dd}/{mm}/{y}', (1996, 7, 1), note='')
N('ER', '{dd}/{mm}/{y}', (1993, 5, 24), cal='gregorian', note='Eritrean ID')
N('ER', '{dd}/{mm}/{y}', (2000, 5, 30), cal='gregorian', note='')
N('UNHCR', '01/01/{y}', (2004, 1, 1), note='registration default as written')
N('UNHCR', '00/00/{y}', (2001,), note='unknown day and month')
N('IOM', '{y}-{mm}-{dd}T{HH}:{MI}:{SS}', (2021, 8, 26), t=(14, 5, 33), note='ISO timestamp')

# ============ C. Solar Hijri ==============================================

# Afghanistan (tazkira, e-tazkira, police, Dari / Pashto)
SH('AF', 'prs_sh', '{y}/{mm}/{dd}', (1365, 2, 15), dig='fa', cal='persian', note='tazkira, Persian digits')
SH('AF', 'prs_sh', '{dd}/{mm}/{y}', (1372, 6, 31), dig='fa', cal='persian', note='day first')
SH('AF', 'prs_sh', '{d} {M} {y}', (1358, 10, 6), dig='fa', note='Dari month name')
SH('AF', 'prs_sh_lat', '{d} {M} {y}', (1370, 2, 15), note='transliterated Saur')
SH('AF', 'prs_sh_lat', '{M:alt} {d}, {y}', (1392, 11, 22), note='transliterated Dalwa')
SH('AF', 'prs_sh', '{d} {M} {y} ه.ش', (1380, 1, 1), dig='fa', note='marker ه.ش')
SH('AF', 'prs_sh', '{y}/{m}/{d}', (1375, 12, 30), cal='persian', note='leap year, 30 Hut')
SH('AF', 'prs_sh', '{y}-{mm}-{dd}', (1368, 9, 2), cal='persian', note='Latin digits, declared SH')
SH('AF', 'prs_sh', '{y} ه.ش', (1370,), dig='fa', note='year only, marker')
SH('AF', 'prs_sh', 'حدود {y} هـ ش', (1368,), dig='fa', note='approximate year')
SH('AF', 'prs_sh', '{M} {y}', (1369, 4), dig='fa', note='month-year')
SH('AF', 'prs_sh', '۰۰/{mm}/{y}', (1374, 8), dig='fa', cal='persian', note='unknown day')
SH('AF', 'prs_sh', RLM + '{y}/{mm}/{dd}', (1378, 12, 29), dig='fa', cal='persian', note='leading RLM')
SH('AF', 'prs_sh', '{W:fa} {d} {M} {y}', (1385, 7, 9), dig='fa', note='weekday')
SH('AF', 'ps_sh', 'د {y} کال د {M} {d}مه', (1370, 5, 10), dig='fa', note='Pashto')
SH('AF', 'ps_sh', '{d} {M} {y} لمریز', (1392, 11, 2), dig='fa', note='Pashto, solar marker')
SH('AF', 'prs_sh', '{y}/{m}/{d} هـ.ش', (1381, 3, 12), note='Latin digits, marker')
SH('AF', 'prs_sh', '{y} H.Sh.', (1376,), note='Latin marker, year only')
SH('AF', 'prs_sh_lat', '{d} {M} {y} SH', (1383, 9, 18), note='transliterated, SH')
SH('AF', 'prs_sh', '{y}/{mm}/{dd} ساعت {HH}:{MI}', (1398, 5, 23), t=(14, 30), dig='fa', cal='persian', note='police report time')
SH('AF', 'prs_sh', '{dd}-{mm}-{y}', (1362, 3, 25), dig='fa', cal='persian', note='')
SH('AF', 'prs_sh', '{d} {M} {y}', (1366, 1, 1), dig='fa', note='1 Hamal (Nowruz)')
SH('AF', 'prs_sh_lat', '{M} {y}', (1380, 1), note='transliterated month-year')
SH('AF', 'ps_sh', '{d} {M} {y}', (1366, 12, 30), dig='fa', note='Pashto Kab 30, leap year')
SH('AF', 'prs_sh', '{d} {M} {y}', (1388, 8, 4), note='Dari month, Latin digits')
SH('AF', 'prs_sh', '{y}/{mm}/{dd}', (1371, 4, 2), dig='fa', note='Persian digits, no marker')
SH('AF', 'prs_sh', '{dd}.{mm}.{y}', (1390, 10, 11), cal='persian', note='interpreter copy')
SH('AF', 'prs_sh', '{y}/{mm}/{dd}', (1395, 12, 30), cal='persian', note='leap year, 30 Hut')
SH('AF', 'prs_sh', 'سال {y} هجری شمسی', (1384,), dig='fa', note='year only, full marker')
# Iran (shenasnameh, police)
SH('IR', 'fa_ir', '{y}/{mm}/{dd}', (1368, 6, 21), dig='fa', cal='persian', note='shenasnameh')
SH('IR', 'fa_ir', '{d} {M} {y}', (1357, 11, 22), dig='fa', note='')
SH('IR', 'fa_ir_lat', '{d} {M} {y}', (1361, 7, 3), note='transliterated Mehr')
SH('IR', 'fa_ir', '{y}/{mm}/{dd}', (1349, 1, 1), cal='persian', note='Latin digits, declared SH')
SH('IR', 'fa_ir', '{W:fa} {d} {M} {y}', (1399, 9, 30), dig='fa', note='weekday')
SH('IR', 'fa_ir', '{y} ه.ش', (1362,), dig='fa', note='year only')
SH('IR', 'fa_ir', '{M} {y}', (1374, 2), dig='fa', note='month-year')
SH('IR', 'fa_ir', '{y}/{mm}/{dd} - {HH}:{MI}', (1402, 7, 15), t=(8, 45), dig='fa', cal='persian', note='timestamp')
SH('IR', 'fa_ir', '{d} {M} {y} هجری شمسی', (1335, 5, 10), dig='fa', note='full marker')
SH('IR', 'fa_ir', '{y}-{mm}-{dd}', (1378, 10, 1), cal='persian', note='')
SH('IR', 'fa_ir_lat', '{M} {d}, {y}', (1363, 12, 29), note='last day of common year')
SH('IR', 'fa_ir', RLM + '{y}/{m}/{d}', (1393, 1, 14), dig='fa', cal='persian', note='RLM, unpadded')
SH('IR', 'fa_ir', '{dd} {M} {y}', (1385, 4, 12), note='Latin digits, Persian month')
SH('IR', 'fa_ir', '{y} SH', (1350,), note='year only, SH')
SH('IR', 'fa_ir', '{y}/{mm}/۰۰', (1366, 11), dig='fa', cal='persian', note='unknown day')
SH('IR-ckb', 'ckb_sh', '{d}ی {M}ی {y}', (1370, 5, 15), dig='fa', note='Kurdish solar month names')
SH('IR', 'fa_ir', '{d} {M} {y} ه.ش', (1396, 12, 29), note='Latin digits, marker')

# ============ D. lunar Hijri (tabular) =====================================

IH('SA', 'ar_isl', '{dd}/{mm}/{y} هـ', (1438, 3, 12), dig='ar', note='iqama')
IH('SA', 'ar_isl', '{y}/{mm}/{dd}', (1441, 7, 5), cal='islamic', note='iqama, declared islamic')
IH('SA', 'ar_isl', '{d} {M} {y} هـ', (1405, 8, 15), dig='ar', note='')
IH('SA', 'en_isl', '{d} {M} {y} AH', (1400, 1, 1), note='')
IH('SA', 'en_isl', '{y} AH', (1410,), note='year only')
IH('SA', 'ar_isl', '{M} {y} هـ', (1440, 9), dig='ar', note='month-year')
IH('PK', 'ur_isl', '{d} {M} {y}ھ', (1410, 7, 27), dig='fa', note='Urdu')
IH('IR', 'fa_isl', '{d} {M} {y} ه.ق', (1405, 1, 15), dig='fa', note='Persian lunar marker')
IH('AF', 'ar_isl', '{y} هـ ق', (1440,), dig='fa', note='year only, lunar marker')
IH('SO', 'ar_isl', '{y}/{mm}/{dd}', (1442, 12, 10), cal='islamic', note='hawala ledger')
IH('SO', 'en_isl', '{d} {M} {y}', (1436, 12, 10), note='hawala, English names')
IH('YE', 'ar_isl', '{dd}/{mm}/{y}هـ', (1415, 7, 15), dig='ar', note='')
IH('LY', 'ar_isl', '{d} {M} {y} هـ', (1432, 7, 20), dig='ar', note='')
IH('EG', 'ar_isl', '{d} {M} {y} هـ', (1420, 10, 3), note='Latin digits')
IH('SD', 'ar_isl', '{y}/{m}/{d}هـ', (1425, 2, 8), dig='ar', note='court paper')
IH('SA', 'ar_isl', '{y}-{mm}-{dd} AH', (1444, 9, 1), note='')
IH('PK', 'en_isl', '{d} {M:alt} {y}H', (1418, 5, 21), note='South Asian spelling')
IH('SA', 'ar_isl', '{dd}-{mm}-{y}', (1435, 11, 29), cal='islamic', note='declared islamic')
IH('SA', 'en_isl', '{M} {y} AH', (1436, 1), note='month-year')
IH('PK', 'ur_isl', '{d} {M} {y} ہجری', (1412, 3, 12), note='Urdu, Latin digits')
IH('AF', 'fa_isl', '{d} {M} {y} هـ ق', (1430, 9, 27), dig='fa', note='Dari lunar')
IH('SA', 'ar_isl', '{y}/{mm}/{dd}هـ', (1443, 6, 1), dig='ar', cal='islamic', note='')
IH('IQ', 'ar_isl', '{d} {M:alt} {y} هجرية', (1390, 4, 18), dig='ar', note='ربيع الثاني')
IH('SA', 'ar_isl', '{y}/{mm}/٠٠ هـ', (1427, 5), dig='ar', note='unknown day')
IH('SA', 'ar_isl', '{y}هـ', (1420,), dig='ar', note='year only')

# ============ E. Ethiopian calendar ========================================

ET('ET', 'am_et', '{M} {d} ቀን {y} ዓ.ም', (1982, 7, 14), note='kebele ID, Amharic')
ET('ET', 'am_et', '{dd}/{mm}/{y}', (1975, 5, 12), cal='ethiopic', note='kebele ID numeric')
ET('ET', 'am_et_lat', '{d} {M} {y} E.C.', (1984, 2, 23), note='transliterated')
ET('ET', 'am_et_lat', '{M} {d}, {y} EC', (1990, 5, 1), note='Tir, not Iranian Tir')
ET('ET', 'am_et', '{y} ዓ.ም', (1975,), note='year only')
ET('ET', 'am_et', '{M} {y} ዓ.ም', (1990, 5), note='month-year')
ET('ET', 'am_et', '{M} {d} ቀን {y} ዓ.ም', (2011, 13, 6), note='Pagume 6, leap year')
ET('ET', 'am_et', '{dd}/{mm}/{y}', (1980, 6, 30), cal='ethiopic', note='Yekatit 30')
ET('ET', 'am_et', '{M} {d} ቀን {y} ዓ.ም', (2000, 1, 1), note='EC millennium')
ET('ET', 'am_et', '{M} {d:geez} ቀን {y:geez} ዓ.ም', (1982, 8, 12), note='Ge’ez numerals')
ET('ET', 'am_et', '{W:am}፣ {M} {d} ቀን {y} ዓ.ም', (2008, 3, 15), note='weekday')
ET('ET-tigray', 'ti_et', '{d} {M} {y} ዓ.ም', (2013, 2, 10), cal='ethiopic', note='Tigrinya, EC')
ET('ET', 'am_et_lat', '{M} {d}, {y}', (2017, 1, 1), cal='ethiopic', note='Enkutatash')
ET('ET', 'am_et', '{dd}.{mm}.{y}', (1987, 9, 3), cal='ethiopic', note='')
ET('ET', 'am_et', '00/{mm}/{y}', (1975, 5), cal='ethiopic', note='unknown day')
ET('ET', 'am_et', '{y} E.C.', (1963,), note='year only')
ET('ET', 'am_et', '{M:alt} {d} {y} ዓ.ም', (1993, 3, 7), note='spelling ህዳር')
ET('ET', 'am_et', '{dd}/{mm}/{y} ዓ.ም', (1995, 10, 20), note='numeric with marker')
ET('ET', 'am_et', 'በግምት {y} ዓ.ም', (1985,), note='approximate')
ET('ET', 'am_et', '{M} {d} ቀን {y} ዓ.ም', (1970, 4, 29), note='Genna')
ET('ET', 'am_et', '{dd}/{mm}/{y} E.C.', (2005, 11, 22), note='')
ET('ET', 'am_et', '{y}/{mm}/{dd}', (2010, 4, 5), cal='ethiopic', note='year first')
ET('ET', 'am_et_lat', '{M} {y} E.C.', (1986, 10), note='month-year')
ET('ET', 'am_et', '{M} {d} ቀን {y} ዓ.ም', (2016, 12, 30), note='Nehase 30')
ET('ET', 'am_et', '{M} {d} ቀን {y} ዓ.ም', (1960, 5, 11), note='')

# ============ F. must be refused ===========================================

BAD('UK', '14/03/89', 'two-digit year')
BAD('UK', '14-MAR-89', 'two-digit year')
BAD('DE', '5.3.90', 'two-digit year')
BAD('FR', '12/07/76', 'two-digit year')
BAD('RU', '14.03.89 г.', 'two-digit year')
BAD('IQ', '٠٥/٠٣/٩٠', 'two-digit year')
BAD('AF', '۶۵/۰۲/۱۵', 'two-digit year', cal='persian')
BAD('ET', '12/05/82', 'two-digit year', cal='ethiopic')
BAD('US', '3/4/01', 'two-digit year', order='mdy')
BAD('UK', '31/04/1990', 'impossible: 31 April')
BAD('UK', '29/02/1991', 'impossible: not leap')
BAD('FR', '30 février 1985', 'impossible')
BAD('NG', '31st June 1978', 'impossible')
BAD('DE', '31.09.2001', 'impossible')
BAD('UK', '15/13/1990', 'impossible month 13')
BAD('UK', '00/00/0000', 'no date')
BAD('RU', '31 ноября 1990 г.', 'impossible')
BAD('IR', '۳۱ مهر ۱۳۶۸', 'impossible: Mehr has 30')
BAD('IR', '۳۰ اسفند ۱۴۰۲', 'impossible: 1402 not leap')
BAD('AF', '۳۱ حوت ۱۳۹۰', 'impossible: Hut max 30')
BAD('AF', '1382/12/30', 'impossible: 1382 not leap', cal='persian')
BAD('ET', 'ጳጉሜ 6 ቀን 2012 ዓ.ም', 'impossible: 2012 EC not leap')
BAD('ET', 'ሰኔ 31 ቀን 1985 ዓ.ም', 'impossible: 30-day month')
BAD('ET', '13/13/2011', 'impossible: Pagume max 6', cal='ethiopic')
BAD('AF', '1365/02/15', 'Hijri-range year, no calendar')
BAD('AF', '15.02.1370', 'Hijri-range year, no calendar')
BAD('SA', '1438-03-12', 'Hijri-range year, no calendar')
BAD('AF', '1375', 'Hijri-range year alone, no calendar')
BAD('UK', 'unknown', 'free text')
BAD('UK', 'N/K', 'not known')
BAD('FR', 'inconnue', 'free text')
BAD('DE', 'unbekannt', 'free text')
BAD('AF', 'نامعلوم', 'free text')
BAD('IQ', 'غير معروف', 'free text')
BAD('ER', 'ዘይፍለጥ', 'free text (unknown)', cal='gregorian')
BAD('UK', 'March', 'month alone')
BAD('SY', 'آذار', 'month alone')
BAD('SD', 'رمضان', 'month alone')
BAD('UK', '14 March', 'no year')
BAD('UK', '25 years old', 'age')
BAD('DE', 'ca. 30 Jahre alt', 'age')
BAD('AF', '۲۲ ساله', 'age')
BAD('IQ', 'عمره 17 سنة', 'age')
BAD('TR', '17 yaşında', 'age')
BAD('IT', 'età dichiarata 16 anni', 'age')


# ---------------------------------------------------------------- output

HEADER = """\
# dates_heldout3.tsv -- held-out evaluation set no. 3 for the date normaliser.
# Written by a helper session WITHOUT seeing the normaliser's implementation,
# docs or tests, and without seeing the earlier dates_* sets.  Rows imitate dates
# as written in records of a taskforce against organised immigration crime:
# UK/EU police and Home Office systems, Balkan-route and partner-country police,
# identity documents (tazkira, shenasnameh, kebele and national IDs, passports),
# UNHCR/IOM registrations, money-transfer and hawala records, court papers.
# Generated by dates_heldout3_make.py in this directory; rerunning it reproduces
# this file byte for byte.
# Columns: raw | calendar declared by the source mapping for dates that do not
#   say theirs (- = none) | order (dmy/mdy) | expected | region | note.
# Expected values are computed by the generator's own arithmetic, no library:
#   Solar Hijri: 33-year arithmetic cycle (leap when year mod 33 in
#     1,5,9,13,17,22,26,30), anchored 1 Farvardin 1365 = 1986-03-21
#     (checked: 1 Farvardin 1403 = 2024-03-20, 30 Esfand 1403 = 2025-03-20);
#   Ethiopian: 30-day months + Pagume of 5/6 days (6 when year mod 4 = 3),
#     anchored 1 Meskerem 2017 = 2024-09-11 (checked 1 Meskerem 1976 = 1983-09-12);
#   lunar Hijri: tabular Islamic civil calendar (leap years 2,5,7,10,13,16,18,21,
#     24,26,29; epoch 16 July 622 Julian); such rows say "tabular" in the note.
#   A converted date known only to the month/year gives the Gregorian month/year
#   holding the middle of that span.  Unknown day -> YYYY-MM; unknown day and
#   month -> YYYY; approximate words do not change the value; times are kept in
#   24-hour form.  Some raw values contain invisible U+200F or no-break spaces.
"""


def main():
    self_test()
    for r in ROWS:
        for f in r[:6]:
            assert '\t' not in f and '\n' not in f and '\r' not in f, r
            assert f == f.strip() or f is r[0], r
        assert r[1] in ('-', 'gregorian', 'persian', 'islamic', 'ethiopic'), r
        assert r[2] in ('dmy', 'mdy'), r
    raws = [(r[0], r[1], r[2]) for r in ROWS]
    assert len(raws) == len(set(raws)), "duplicate rows"
    out = HEADER + "raw\tcalendar\torder\texpected\tregion\tnote\n"
    out += ''.join('\t'.join(r[:6]) + '\n' for r in ROWS)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'dates_heldout3.tsv')
    with open(path, 'w', encoding='utf-8', newline='\n') as fh:
        fh.write(out)
    # summary
    from collections import Counter
    cats = Counter(r[6] for r in ROWS)
    cals = Counter(r[1] for r in ROWS)
    regs = Counter(r[4] for r in ROWS)
    sys.stderr.write("rows: %d\n" % len(ROWS))
    sys.stderr.write("by kind: %s\n" % dict(sorted(cats.items())))
    sys.stderr.write("by declared calendar: %s\n" % dict(sorted(cals.items())))
    sys.stderr.write("by region: %s\n" % ', '.join('%s %d' % kv for kv in sorted(regs.items())))


if __name__ == '__main__':
    main()
