#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""Generator for bench/data/dates_heldout.tsv -- second held-out date set.

Written by a helper session that did NOT see the normaliser's code, docs or
tests, nor the first held-out set (dates_heldout.tsv / dates_heldout_make.py).
Every expected value is computed here, from first principles, by the
calendar arithmetic below (no calendar library, no ICU, no network):

  * Gregorian <-> Julian Day Number: Fliegel & Van Flandern integer formulas.
  * Solar Hijri (Persian): arithmetic 33-year cycle; year y is leap when
    y mod 33 is in {1,5,9,13,17,22,26,30}; months 1-6 have 31 days, 7-11
    have 30, Esfand 29 (30 in leap years).  Year lengths are accumulated from
    the anchor 1 Farvardin 1365 = 1986-03-21.
  * Ethiopian: 1 Meskerem 1 EC = JDN 1724221; 12 months of 30 days plus
    Pagume of 5 days (6 when year mod 4 == 3).
  * Lunar Hijri: tabular Islamic civil calendar (epoch JDN 1948440,
    leap when (14 + 11*y) mod 30 < 11; odd months 30 days, even 29,
    Dhu al-Hijja 30 in leap years).  Rows are marked "tabular".
  * A converted date given only to month or year gets the Gregorian month
    or year holding the middle of that span (both middle days, and for
    lunar rows +-2 days around them, are asserted to fall in the same
    Gregorian month/year so the value is unambiguous).

The anchors given in the brief (and a few more) are asserted at start-up.
Rows whose raw text carries a date are built from a template plus the
structured (y, m, d), so the raw string and the expected value cannot drift
apart; weekday names are computed from the date.  Dates not chosen by hand
come from a fixed linear congruential generator, so running

    /usr/bin/python3 bench/data/dates_heldout_make.py

rewrites dates_heldout.tsv byte-for-byte identically.
"""
import os
import sys

# ----------------------------------------------------------------- arithmetic

def g2j(y, m, d):
    a = (14 - m) // 12
    yy = y + 4800 - a
    mm = m + 12 * a - 3
    return d + (153 * mm + 2) // 5 + 365 * yy + yy // 4 - yy // 100 + yy // 400 - 32045


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
    if m == 2:
        return 29 if g_leap(y) else 28
    return 30 if m in (4, 6, 9, 11) else 31


# Solar Hijri ---------------------------------------------------------------
SH_LEAP = {1, 5, 9, 13, 17, 22, 26, 30}


def sh_leap(y):
    return y % 33 in SH_LEAP


def sh_ylen(y):
    return 366 if sh_leap(y) else 365


SH_ANCHOR = (1365, g2j(1986, 3, 21))


def sh_newyear(y):
    ay, j = SH_ANCHOR
    if y >= ay:
        for k in range(ay, y):
            j += sh_ylen(k)
    else:
        for k in range(y, ay):
            j -= sh_ylen(k)
    return j


def sh_mlen(y, m):
    if m <= 6:
        return 31
    if m <= 11:
        return 30
    return 30 if sh_leap(y) else 29


def sh2j(y, m, d):
    assert 1 <= m <= 12 and 1 <= d <= sh_mlen(y, m), (y, m, d)
    off = 31 * (m - 1) if m <= 7 else 186 + 30 * (m - 7)
    return sh_newyear(y) + off + d - 1


# Ethiopian -----------------------------------------------------------------
ETH_EPOCH = 1724221


def eth_leap(y):
    return y % 4 == 3


def eth_mlen(y, m):
    if m <= 12:
        return 30
    return 6 if eth_leap(y) else 5


def eth2j(y, m, d):
    assert 1 <= m <= 13 and 1 <= d <= eth_mlen(y, m), (y, m, d)
    return ETH_EPOCH + 365 * (y - 1) + y // 4 + 30 * (m - 1) + d - 1


# Tabular Islamic (civil epoch) ---------------------------------------------
def isl_leap(y):
    return (14 + 11 * y) % 30 < 11


def isl_mlen(y, m):
    if m == 12:
        return 30 if isl_leap(y) else 29
    return 30 if m % 2 == 1 else 29


def isl2j(y, m, d):
    assert 1 <= m <= 12 and 1 <= d <= isl_mlen(y, m), (y, m, d)
    return d + (59 * (m - 1) + 1) // 2 + (y - 1) * 354 + (3 + 11 * y) // 30 + 1948439


CAL = {
    'G': dict(to_j=g2j, mlen=g_mlen, months=12, ylen=lambda y: 366 if g_leap(y) else 365,
              yrange=(1950, 2024)),
    'SH': dict(to_j=sh2j, mlen=sh_mlen, months=12, ylen=sh_ylen, yrange=(1329, 1403)),
    'ETH': dict(to_j=eth2j, mlen=eth_mlen, months=13,
                ylen=lambda y: 366 if eth_leap(y) else 365, yrange=(1943, 2016)),
    'ISL': dict(to_j=isl2j, mlen=isl_mlen, months=12,
                ylen=lambda y: 355 if isl_leap(y) else 354, yrange=(1370, 1445)),
}


def giso(j):
    y, m, d = j2g(j)
    return '%04d-%02d-%02d' % (y, m, d)


def mid_span(start, length, level, slack):
    """Gregorian month/year holding the middle of [start, start+length)."""
    lo = start + (length - 1) // 2 - slack
    hi = start + length // 2 + slack
    keys = set()
    for j in range(lo, hi + 1):
        y, m, _ = j2g(j)
        keys.add('%04d-%02d' % (y, m) if level == 'm' else '%04d' % y)
    if len(keys) != 1:
        return None
    return keys.pop()


# ------------------------------------------------------------------ self-test
def _selftest():
    for j in range(g2j(1940, 1, 1), g2j(2030, 1, 1)):
        assert g2j(*j2g(j)) == j
    assert g2j(2000, 1, 1) == 2451545
    assert (g2j(2000, 1, 1) + 1) % 7 == 6            # Saturday
    assert (g2j(1974, 8, 12) + 1) % 7 == 1           # Monday
    # Solar Hijri anchors from the brief, plus well-known dates
    assert giso(sh2j(1365, 1, 1)) == '1986-03-21'
    assert giso(sh2j(1403, 1, 1)) == '2024-03-20'
    assert sh_leap(1403) and giso(sh2j(1403, 12, 30)) == '2025-03-20'
    assert giso(sh2j(1404, 1, 1)) == '2025-03-21'
    assert giso(sh2j(1357, 11, 22)) == '1979-02-11'   # 22 Bahman 1357
    assert giso(sh2j(1399, 12, 30)) == '2021-03-20'
    assert not sh_leap(1402)
    # Ethiopian anchors from the brief, plus the Ethiopian millennium
    assert giso(eth2j(2017, 1, 1)) == '2024-09-11'
    assert giso(eth2j(1976, 1, 1)) == '1983-09-12'
    assert giso(eth2j(2000, 1, 1)) == '2007-09-12'
    assert giso(eth2j(2015, 13, 6)) == '2023-09-11'
    assert giso(eth2j(1977, 4, 29)) == '1985-01-07'   # Genna (Christmas)
    # Tabular Islamic: epoch and consistency of month lengths
    assert isl2j(1, 1, 1) == 1948440
    for y in range(1300, 1500):
        for m in range(1, 13):
            nxt = isl2j(y, m + 1, 1) if m < 12 else isl2j(y + 1, 1, 1)
            assert nxt - isl2j(y, m, 1) == isl_mlen(y, m)
        assert eth2j(y + 600, 1, 1) + 365 + (1 if eth_leap(y + 600) else 0) == eth2j(y + 601, 1, 1)
    for y in range(1300, 1420):
        for m in range(1, 13):
            nxt = sh2j(y, m + 1, 1) if m < 12 else sh2j(y + 1, 1, 1)
            assert nxt - sh2j(y, m, 1) == sh_mlen(y, m)
    # tabular dates vs. widely published (observed) dates, within 2 days
    for (hy, hm, hd), g in [((1446, 1, 1), (2024, 7, 7)), ((1445, 9, 1), (2024, 3, 11)),
                            ((1400, 1, 1), (1979, 11, 21)), ((1420, 1, 1), (1999, 4, 17))]:
        assert abs(isl2j(hy, hm, hd) - g2j(*g)) <= 2, (hy, hm, hd)


_selftest()

# ------------------------------------------------------------- deterministic RNG
class LCG:
    def __init__(self, seed):
        self.s = seed

    def below(self, n):
        self.s = (1103515245 * self.s + 12345) % 2147483648
        return (self.s >> 8) % n


RNG = LCG(4027)

# ----------------------------------------------------------------- vocabulary
EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
      'September', 'October', 'November', 'December']
EN3 = [m[:3] for m in EN]
EN3U = [m.upper() for m in EN3]
EN_DOT = ['Jan.', 'Feb.', 'Mar.', 'Apr.', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.',
          'Nov.', 'Dec.']
FR3U = ['JAN', 'FÉV', 'MARS', 'AVR', 'MAI', 'JUIN', 'JUIL', 'AOÛT', 'SEPT', 'OCT', 'NOV', 'DÉC']
SRC_NOM = ['јануар', 'фебруар', 'март', 'април', 'мај', 'јун', 'јул', 'август', 'септембар',
           'октобар', 'новембар', 'децембар']
SRC_GEN = ['јануара', 'фебруара', 'марта', 'априла', 'маја', 'јуна', 'јула', 'августа',
           'септембра', 'октобра', 'новембра', 'децембра']
SRL_NOM = ['januar', 'februar', 'mart', 'april', 'maj', 'jun', 'jul', 'avgust', 'septembar',
           'oktobar', 'novembar', 'decembar']
SRL_GEN = ['januara', 'februara', 'marta', 'aprila', 'maja', 'juna', 'jula', 'avgusta',
           'septembra', 'oktobra', 'novembra', 'decembra']
HR_NOM = ['siječanj', 'veljača', 'ožujak', 'travanj', 'svibanj', 'lipanj', 'srpanj', 'kolovoz',
          'rujan', 'listopad', 'studeni', 'prosinac']
HR_GEN = ['siječnja', 'veljače', 'ožujka', 'travnja', 'svibnja', 'lipnja', 'srpnja', 'kolovoza',
          'rujna', 'listopada', 'studenoga', 'prosinca']
BS_NOM = ['januar', 'februar', 'mart', 'april', 'maj', 'juni', 'juli', 'august', 'septembar',
          'oktobar', 'novembar', 'decembar']
BS_GEN = ['januara', 'februara', 'marta', 'aprila', 'maja', 'juna', 'jula', 'augusta',
          'septembra', 'oktobra', 'novembra', 'decembra']
MK = ['јануари', 'февруари', 'март', 'април', 'мај', 'јуни', 'јули', 'август', 'септември',
      'октомври', 'ноември', 'декември']
BG = ['януари', 'февруари', 'март', 'април', 'май', 'юни', 'юли', 'август', 'септември',
      'октомври', 'ноември', 'декември']
HU = ['január', 'február', 'március', 'április', 'május', 'június', 'július', 'augusztus',
      'szeptember', 'október', 'november', 'december']
HU_AB = ['jan.', 'febr.', 'márc.', 'ápr.', 'máj.', 'jún.', 'júl.', 'aug.', 'szept.', 'okt.',
         'nov.', 'dec.']
RO = ['ianuarie', 'februarie', 'martie', 'aprilie', 'mai', 'iunie', 'iulie', 'august',
      'septembrie', 'octombrie', 'noiembrie', 'decembrie']
RO_AB = ['ian.', 'feb.', 'mar.', 'apr.', 'mai', 'iun.', 'iul.', 'aug.', 'sept.', 'oct.', 'nov.',
         'dec.']
SL_NOM = ['januar', 'februar', 'marec', 'april', 'maj', 'junij', 'julij', 'avgust', 'september',
          'oktober', 'november', 'december']
SL_GEN = ['januarja', 'februarja', 'marca', 'aprila', 'maja', 'junija', 'julija', 'avgusta',
          'septembra', 'oktobra', 'novembra', 'decembra']
IT = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto',
      'settembre', 'ottobre', 'novembre', 'dicembre']
IT_CAP = [m.capitalize() for m in IT]
IT3 = ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic']
MT = ['Jannar', 'Frar', 'Marzu', 'April', 'Mejju', 'Ġunju', 'Lulju', 'Awwissu', 'Settembru',
      'Ottubru', 'Novembru', 'Diċembru']
FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre',
      'octobre', 'novembre', 'décembre']
FR_AB = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.',
         'nov.', 'déc.']
AR_EG = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر',
         'أكتوبر', 'نوفمبر', 'ديسمبر']
AR_LEV = ['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول',
          'تشرين الأول', 'تشرين الثاني', 'كانون الأول']
AR_MA = ['يناير', 'فبراير', 'مارس', 'أبريل', 'ماي', 'يونيو', 'يوليوز', 'غشت', 'شتنبر',
         'أكتوبر', 'نونبر', 'دجنبر']
AR_TN = ['جانفي', 'فيفري', 'مارس', 'أفريل', 'ماي', 'جوان', 'جويلية', 'أوت', 'سبتمبر',
         'أكتوبر', 'نوفمبر', 'ديسمبر']
AR_LY = ['أي النار', 'النوار', 'الربيع', 'الطير', 'الماء', 'الصيف', 'ناصر', 'هانيبال',
         'الفاتح', 'التمور', 'الحرث', 'الكانون']
SO = ['Janaayo', 'Febraayo', 'Maarso', 'Abriil', 'Maajo', 'Juun', 'Luulyo', 'Agoosto',
      'Sebtembar', 'Oktoobar', 'Nofembar', 'Desembar']
KU = ['Kanûna Paşîn', 'Sibat', 'Adar', 'Nîsan', 'Gulan', 'Hezîran', 'Tîrmeh', 'Tebax', 'Îlon',
      'Cotmeh', 'Mijdar', 'Kanûna Pêşîn']
TR = ['Ocak', 'Şubat', 'Mart', 'Nisan', 'Mayıs', 'Haziran', 'Temmuz', 'Ağustos', 'Eylül', 'Ekim',
      'Kasım', 'Aralık']
TR_UP = ['OCAK', 'ŞUBAT', 'MART', 'NİSAN', 'MAYIS', 'HAZİRAN', 'TEMMUZ', 'AĞUSTOS', 'EYLÜL',
         'EKİM', 'KASIM', 'ARALIK']
FA_G = ['ژانویه', 'فوریه', 'مارس', 'آوریل', 'مه', 'ژوئن', 'ژوئیه', 'اوت', 'سپتامبر', 'اکتبر',
        'نوامبر', 'دسامبر']
FA_G2 = ['ژانویه', 'فوریه', 'مارس', 'آوریل', 'می', 'ژوئن', 'جولای', 'آگوست', 'سپتامبر', 'اکتبر',
         'نوامبر', 'دسامبر']
DARI_G = ['جنوری', 'فبروری', 'مارچ', 'اپریل', 'می', 'جون', 'جولای', 'اگست', 'سپتمبر', 'اکتوبر',
          'نومبر', 'دسمبر']
UR = ['جنوری', 'فروری', 'مارچ', 'اپریل', 'مئی', 'جون', 'جولائی', 'اگست', 'ستمبر', 'اکتوبر',
      'نومبر', 'دسمبر']
BN = ['জানুয়ারি', 'ফেব্রুয়ারি', 'মার্চ', 'এপ্রিল', 'মে', 'জুন', 'জুলাই', 'আগস্ট', 'সেপ্টেম্বর',
      'অক্টোবর', 'নভেম্বর', 'ডিসেম্বর']
VI = ['Một', 'Hai', 'Ba', 'Tư', 'Năm', 'Sáu', 'Bảy', 'Tám', 'Chín', 'Mười', 'Mười Một',
      'Mười Hai']
PL_NOM = ['styczeń', 'luty', 'marzec', 'kwiecień', 'maj', 'czerwiec', 'lipiec', 'sierpień',
          'wrzesień', 'październik', 'listopad', 'grudzień']
PL_GEN = ['stycznia', 'lutego', 'marca', 'kwietnia', 'maja', 'czerwca', 'lipca', 'sierpnia',
          'września', 'października', 'listopada', 'grudnia']
DE = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September',
      'Oktober', 'November', 'Dezember']
DE_AB = ['Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sept.', 'Okt.', 'Nov.',
         'Dez.']
AT = ['Jänner', 'Feber'] + DE[2:]
AT_AB = ['Jän.'] + DE_AB[1:]
SV = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september',
      'oktober', 'november', 'december']
DA = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september',
      'oktober', 'november', 'december']
NO = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september',
      'oktober', 'november', 'desember']
FI_NOM = ['tammikuu', 'helmikuu', 'maaliskuu', 'huhtikuu', 'toukokuu', 'kesäkuu', 'heinäkuu',
          'elokuu', 'syyskuu', 'lokakuu', 'marraskuu', 'joulukuu']
FI_PAR = [m + 'ta' for m in FI_NOM]
EL_NOM = ['Ιανουάριος', 'Φεβρουάριος', 'Μάρτιος', 'Απρίλιος', 'Μάιος', 'Ιούνιος', 'Ιούλιος',
          'Αύγουστος', 'Σεπτέμβριος', 'Οκτώβριος', 'Νοέμβριος', 'Δεκέμβριος']
EL_GEN = ['Ιανουαρίου', 'Φεβρουαρίου', 'Μαρτίου', 'Απριλίου', 'Μαΐου', 'Ιουνίου', 'Ιουλίου',
          'Αυγούστου', 'Σεπτεμβρίου', 'Οκτωβρίου', 'Νοεμβρίου', 'Δεκεμβρίου']
EL_AB = ['Ιαν', 'Φεβ', 'Μαρ', 'Απρ', 'Μαΐ', 'Ιουν', 'Ιουλ', 'Αυγ', 'Σεπ', 'Οκτ', 'Νοε', 'Δεκ']
SQ = ['janar', 'shkurt', 'mars', 'prill', 'maj', 'qershor', 'korrik', 'gusht', 'shtator',
      'tetor', 'nëntor', 'dhjetor']
RU_NOM = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь',
          'октябрь', 'ноябрь', 'декабрь']
RU_GEN = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа',
          'сентября', 'октября', 'ноября', 'декабря']
RU_AB = ['янв.', 'февр.', 'марта', 'апр.', 'мая', 'июня', 'июля', 'авг.', 'сент.', 'окт.',
         'нояб.', 'дек.']
UK_NOM = ['січень', 'лютий', 'березень', 'квітень', 'травень', 'червень', 'липень', 'серпень',
          'вересень', 'жовтень', 'листопад', 'грудень']
UK_GEN = ['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня',
          'вересня', 'жовтня', 'листопада', 'грудня']
KA = ['იანვარი', 'თებერვალი', 'მარტი', 'აპრილი', 'მაისი', 'ივნისი', 'ივლისი', 'აგვისტო',
      'სექტემბერი', 'ოქტომბერი', 'ნოემბერი', 'დეკემბერი']

# Solar Hijri month names
FA_SH = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی',
         'بهمن', 'اسفند']
SH_LAT = ['Farvardin', 'Ordibehesht', 'Khordad', 'Tir', 'Mordad', 'Shahrivar', 'Mehr', 'Aban',
          'Azar', 'Dey', 'Bahman', 'Esfand']
DA_SH = ['حمل', 'ثور', 'جوزا', 'سرطان', 'اسد', 'سنبله', 'میزان', 'عقرب', 'قوس', 'جدی', 'دلو',
         'حوت']
DA_SH_LAT = ['Hamal', 'Sawr', 'Jawza', 'Saratan', 'Asad', 'Sunbula', 'Mizan', 'Aqrab', 'Qaws',
             'Jadi', 'Dalw', 'Hut']
PS_SH = ['وری', 'غویی', 'غبرګولی', 'چنګاښ', 'زمری', 'وږی', 'تله', 'لړم', 'لیندۍ', 'مرغومی',
         'سلواغه', 'کب']
# Lunar Hijri month names
AR_H = ['محرم', 'صفر', 'ربيع الأول', 'ربيع الآخر', 'جمادى الأولى', 'جمادى الآخرة', 'رجب',
        'شعبان', 'رمضان', 'شوال', 'ذو القعدة', 'ذو الحجة']
H_LAT = ['Muharram', 'Safar', "Rabi' al-Awwal", "Rabi' al-Thani", 'Jumada al-Ula',
         'Jumada al-Akhirah', 'Rajab', "Sha'ban", 'Ramadan', 'Shawwal', "Dhu al-Qi'dah",
         'Dhu al-Hijjah']
UR_H = ['محرم', 'صفر', 'ربیع الاول', 'ربیع الثانی', 'جمادی الاول', 'جمادی الثانی', 'رجب', 'شعبان',
        'رمضان', 'شوال', 'ذوالقعدہ', 'ذوالحجہ']
# Ethiopian month names
AM_E = ['መስከረም', 'ጥቅምት', 'ኅዳር', 'ታኅሣሥ', 'ጥር', 'የካቲት', 'መጋቢት', 'ሚያዝያ', 'ግንቦት', 'ሰኔ',
        'ሐምሌ', 'ነሐሴ', 'ጳጉሜ']
AM_E2 = ['መስከረም', 'ጥቅምት', 'ህዳር', 'ታህሳስ', 'ጥር', 'የካቲት', 'መጋቢት', 'ሚያዚያ', 'ግንቦት', 'ሰኔ',
         'ሀምሌ', 'ነሀሴ', 'ጳጉሜን']
TI_E = ['መስከረም', 'ጥቅምቲ', 'ሕዳር', 'ታሕሳስ', 'ጥሪ', 'ለካቲት', 'መጋቢት', 'ሚያዝያ', 'ግንቦት', 'ሰነ',
        'ሓምለ', 'ነሓሰ', 'ጳጉሜን']
E_LAT = ['Meskerem', 'Tikimt', 'Hidar', 'Tahsas', 'Tir', 'Yekatit', 'Megabit', 'Miyazya',
         'Ginbot', 'Sene', 'Hamle', 'Nehase', 'Pagume']

# Weekdays, Sunday first
W = {
    'en': ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    'en3': ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    'src': ['недеља', 'понедељак', 'уторак', 'среда', 'четвртак', 'петак', 'субота'],
    'srl': ['nedelja', 'ponedeljak', 'utorak', 'sreda', 'četvrtak', 'petak', 'subota'],
    'hr': ['nedjelja', 'ponedjeljak', 'utorak', 'srijeda', 'četvrtak', 'petak', 'subota'],
    'mk': ['недела', 'понеделник', 'вторник', 'среда', 'четврток', 'петок', 'сабота'],
    'bg': ['неделя', 'понеделник', 'вторник', 'сряда', 'четвъртък', 'петък', 'събота'],
    'hu': ['vasárnap', 'hétfő', 'kedd', 'szerda', 'csütörtök', 'péntek', 'szombat'],
    'ro': ['duminică', 'luni', 'marți', 'miercuri', 'joi', 'vineri', 'sâmbătă'],
    'sl': ['nedelja', 'ponedeljek', 'torek', 'sreda', 'četrtek', 'petek', 'sobota'],
    'it': ['domenica', 'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato'],
    'mt': ['Il-Ħadd', 'It-Tnejn', 'It-Tlieta', 'L-Erbgħa', 'Il-Ħamis', 'Il-Ġimgħa', 'Is-Sibt'],
    'ar': ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'],
    'fr': ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
    'so': ['Axad', 'Isniin', 'Talaado', 'Arbaco', 'Khamiis', 'Jimco', 'Sabti'],
    'tr': ['Pazar', 'Pazartesi', 'Salı', 'Çarşamba', 'Perşembe', 'Cuma', 'Cumartesi'],
    'fa': ['یکشنبه', 'دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه', 'جمعه', 'شنبه'],
    'bn': ['রবিবার', 'সোমবার', 'মঙ্গলবার', 'বুধবার', 'বৃহস্পতিবার', 'শুক্রবার', 'শনিবার'],
    'vi': ['Chủ Nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'],
    'zh': ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
    'pl': ['niedziela', 'poniedziałek', 'wtorek', 'środa', 'czwartek', 'piątek', 'sobota'],
    'de': ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'],
    'sv': ['söndag', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag'],
    'da': ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'],
    'fi': ['sunnuntai', 'maanantai', 'tiistai', 'keskiviikko', 'torstai', 'perjantai',
           'lauantai'],
    'el': ['Κυριακή', 'Δευτέρα', 'Τρίτη', 'Τετάρτη', 'Πέμπτη', 'Παρασκευή', 'Σάββατο'],
    'sq': ['e diel', 'e hënë', 'e martë', 'e mërkurë', 'e enjte', 'e premte', 'e shtunë'],
    'ru': ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'],
    'uk': ['неділя', 'понеділок', 'вівторок', 'середа', 'четвер', 'пʼятниця', 'субота'],
    'am': ['እሑድ', 'ሰኞ', 'ማክሰኞ', 'ረቡዕ', 'ሐሙስ', 'ዓርብ', 'ቅዳሜ'],
}

DIGITS = {
    'fa': str.maketrans('0123456789', '۰۱۲۳۴۵۶۷۸۹'),
    'ar': str.maketrans('0123456789', '٠١٢٣٤٥٦٧٨٩'),
    'bn': str.maketrans('0123456789', '০১২৩৪৫৬৭৮৯'),
}
ZH_D = '〇一二三四五六七八九'


def zh_small(n):
    if n <= 10:
        return '十' if n == 10 else ZH_D[n]
    t, u = divmod(n, 10)
    return ('' if t == 1 else ZH_D[t]) + '十' + (ZH_D[u] if u else '')


def ordinal(n):
    if 10 <= n % 100 <= 20:
        suf = 'th'
    else:
        suf = {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')
    return '%d%s' % (n, suf)


RLM = '\u200f'
ALM = '\u061c'

# ------------------------------------------------------------------- row store
ROWS = []
KIND = []          # per-row category, only for the summary printed on stderr
_CUR = ['']


def section(name):
    _CUR[0] = name


def add(raw, cal, order, expected, region, note):
    for v in (raw, cal, order, expected, region, note):
        assert '\t' not in v and '\n' not in v and v == v.strip(), repr(v)
    assert cal in ('-', 'gregorian', 'persian', 'islamic', 'ethiopic')
    assert order in ('dmy', 'mdy')
    ROWS.append((raw, cal, order, expected, region, note))
    KIND.append(_CUR[0])


def draw(sysname, prec, avoid_m=()):
    c = CAL[sysname]
    lo, hi = c['yrange']
    while True:
        y = lo + RNG.below(hi - lo + 1)
        m = 1 + RNG.below(c['months'])
        if m in avoid_m:
            continue
        if sysname == 'ETH' and m == 13 and prec == 'm':
            continue
        d = 1 + RNG.below(c['mlen'](y, m))
        if sysname == 'ETH' and m == 13 and RNG.below(3):
            continue                      # keep Pagume rare
        if prec == 'd':
            return y, m, d
        if prec == 'm':
            if expected_of(sysname, y, m, None, 'm') is None:
                continue
            return y, m, None
        if expected_of(sysname, y, None, None, 'y') is None:
            continue
        return y, None, None


def expected_of(sysname, y, m, d, prec):
    c = CAL[sysname]
    slack = 2 if sysname == 'ISL' else 0
    if sysname == 'G':
        if prec == 'd':
            assert 1 <= m <= 12 and 1 <= d <= g_mlen(y, m), (y, m, d)
            return '%04d-%02d-%02d' % (y, m, d)
        if prec == 'm':
            assert 1 <= m <= 12
            return '%04d-%02d' % (y, m)
        return '%04d' % y
    if prec == 'd':
        return giso(c['to_j'](y, m, d))
    if prec == 'm':
        return mid_span(c['to_j'](y, m, 1), c['mlen'](y, m), 'm', slack)
    return mid_span(c['to_j'](y, 1, 1), c['ylen'](y), 'y', slack)


def R(sysname, region, tmpl, ymd=None, prec='d', M=None, M2=None, Wd=None, digits=None,
      cal='-', order='dmy', note='', avoid_m=(), t=None):
    """Build one valid row from a template.  ymd=None draws a date."""
    if ymd is None:
        y, m, d = draw(sysname, prec, avoid_m)
    else:
        y, m, d = (tuple(ymd) + (None, None))[:3]
    exp = expected_of(sysname, y, m, d, prec)
    assert exp is not None, ('ambiguous middle', sysname, y, m)
    f = {'y': str(y)}
    if m is not None:
        f.update(m=str(m), mm='%02d' % m)
        if M:
            f['M'] = M[m - 1]
        if M2:
            f['M2'] = M2[m - 1]
        f['zm'] = zh_small(m) if m <= 12 else ''
    if d is not None:
        f.update(d=str(d), dd='%02d' % d, o=ordinal(d), zd=zh_small(d))
        if Wd:
            j = CAL[sysname]['to_j'](y, m, d)
            f['W'] = W[Wd][(j + 1) % 7]
    f['zy'] = ''.join(ZH_D[int(ch)] for ch in str(y))
    raw = tmpl.format(**f)
    if digits:
        raw = raw.translate(DIGITS[digits])
    if t:
        exp = exp + 'T' + t
    if sysname == 'ISL':
        note = (note + '; tabular') if note else 'tabular'
    add(raw, cal, order, exp, region, note)


def G(*a, **k):
    R('G', *a, **k)


def SH(*a, **k):
    R('SH', *a, **k)


def ISL(*a, **k):
    R('ISL', *a, **k)


def ETH(*a, **k):
    R('ETH', *a, **k)


def BAD(raw, region, note, cal='-', order='dmy'):
    add(raw, cal, order, 'invalid', region, note)


# ======================================================================= ROWS
section('gregorian-named')
# ---- English, UK / US systems ---------------------------------------------
G('UK', '{dd}-{M}-{y}', (1974, 8, 12), M=EN3, note='Excel-style dd-Mon-yyyy')
G('UK', '{W}, {dd} {M} {y}', (1974, 8, 12), M=EN3, Wd='en3', note='RFC-style weekday')
G('UK', '{o} {M} {y}', M=EN, note='ordinal day')
G('UK', '{o} of {M} {y}', M=EN, note='ordinal "of"')
G('UK', '{d} {M} {y}', M=EN3, note='abbreviated month')
G('UK', '{dd} {M} {y}', M=EN3U, note='passport VIZ upper-case')
G('UK', '{dd}-{M}-{y}', M=EN3U, note='upper-case Excel style')
G('UK', 'circa {M} {y}', prec='m', M=EN, note='approximate month')
G('UK', 'abt. {M} {y}', prec='m', M=EN3, note='approximate abbreviated')
G('UK', 'approx. {d} {M} {y}', M=EN, note='approximate full date')
G('US', '{M} {d}, {y}', M=EN, order='mdy', note='US long form')
G('US', '{M} {d}, {y}', M=EN_DOT, order='mdy', avoid_m=(5, 6, 7), note='AP-style abbreviation')
G('US', '{W}, {M} {d}, {y}', M=EN, Wd='en', order='mdy', note='weekday long form')
G('US', '{M} {dd} {y}', M=EN3U, order='mdy', note='upper-case no comma')
G('US', '{M} {y}', prec='m', M=EN, order='mdy', note='month and year')
G('passport', '{dd} {M}/{M2} {y}', (1974, 8, 12), M=EN3U, M2=FR3U, note='bilingual VIZ')
G('passport', '{dd} {M2}/{M} {y}', (1988, 2, 3), M=EN3U, M2=FR3U, note='bilingual VIZ FR first')

# ---- Balkan route ----------------------------------------------------------
G('Serbia', '{d}. {M} {y}.', M=SRC_GEN, note='Cyrillic genitive')
G('Serbia', '{d}. {M} {y}. године', M=SRC_GEN, note='Cyrillic genitive + godine')
G('Serbia', '{W}, {d}. {M} {y}.', M=SRC_GEN, Wd='src', note='Cyrillic weekday')
G('Serbia', '{M} {y}.', prec='m', M=SRC_NOM, note='Cyrillic nominative month-year')
G('Serbia', 'око {y}. године', prec='y', note='Cyrillic approximate')
G('Serbia', '{dd}. {M} {y}', M=SRC_GEN, note='Cyrillic, no trailing dot')
G('Serbia', '{d}. {M} {y}.', M=SRL_GEN, note='Latin genitive')
G('Serbia', '{d}. {M} {y}. godine', M=SRL_GEN, note='Latin genitive + godine')
G('Serbia', '{M} {y}. godine', prec='m', M=SRL_NOM, note='Latin nominative month')
G('Serbia', 'oko {d}. {M} {y}.', M=SRL_GEN, note='Latin approximate full date')
G('Serbia', '{W}, {d}. {M} {y}.', M=SRL_GEN, Wd='srl', note='Latin weekday (ekavian)')
# Croatian: October (listopad) avoided -- "listopada" is November in Polish.
G('Croatia', '{d}. {M} {y}.', M=HR_GEN, avoid_m=(10,), note='genitive')
G('Croatia', '{d}. {M} {y}. godine', M=HR_GEN, avoid_m=(10,), note='genitive + godine')
G('Croatia', '{d}. {M} {y}.', (1983, 7, 21), M=HR_GEN, note='srpnja = July')
G('Croatia', '{d}. {M} {y}.', (1979, 6, 9), M=HR_GEN, note='lipnja = June')
G('Croatia', '{M} {y}.', prec='m', M=HR_NOM, avoid_m=(10,), note='nominative month-year')
G('Croatia', '{W}, {dd}. {M} {y}.', M=HR_GEN, Wd='hr', avoid_m=(10,), note='weekday (ijekavian)')
G('Croatia', 'cca. {y}.', prec='y', note='approximate')
G('Bosnia', '{d}. {M} {y}. godine', M=BS_GEN, note='genitive')
G('Bosnia', '{d}. {M} {y}.', (1992, 7, 4), M=BS_NOM, note='juli nominative')
G('Bosnia', '{M} {y}.', (1995, 6), prec='m', M=BS_NOM, note='juni month-year')
G('Bosnia', '{dd}. {M} {y}.', M=BS_GEN, note='genitive padded day')
G('N.Macedonia', '{d} {M} {y}', M=MK, note='Cyrillic')
G('N.Macedonia', '{d} {M} {y} година', M=MK, note='Cyrillic + godina')
G('N.Macedonia', '{M} {y}', prec='m', M=MK, note='month-year')
G('N.Macedonia', '{W}, {d} {M} {y}', M=MK, Wd='mk', note='weekday')
G('Bulgaria', '{d} {M} {y} г.', M=BG, note='with г.')
G('Bulgaria', '{dd} {M} {y}', M=BG, note='padded day')
G('Bulgaria', '{M} {y} г.', prec='m', M=BG, note='month-year')
G('Bulgaria', '{W}, {d} {M} {y} г.', M=BG, Wd='bg', note='weekday')
G('Bulgaria', 'около {y} г.', prec='y', note='approximate')
G('Hungary', '{y}. {M} {d}.', M=HU, note='year-first')
G('Hungary', '{y}. {M} {dd}.', M=HU, note='year-first padded')
G('Hungary', '{y}. {M} {d}.', M=HU_AB, note='abbreviated month')
G('Hungary', '{y}. {M}', prec='m', M=HU, note='month-year')
G('Hungary', '{y}. {M} {d}., {W}', M=HU, Wd='hu', note='weekday after')
G('Hungary', 'kb. {y}', prec='y', note='approximate (körülbelül)')
G('Romania', '{d} {M} {y}', M=RO, note='full month')
G('Romania', '{dd} {M} {y}', M=RO_AB, avoid_m=(5,), note='abbreviated month')
G('Romania', '{M} {y}', prec='m', M=RO, note='month-year')
G('Romania', '{W}, {d} {M} {y}', M=RO, Wd='ro', note='weekday')
G('Romania', 'circa {y}', prec='y', note='approximate')
G('Slovenia', '{d}. {M} {y}', M=SL_GEN, note='genitive')
G('Slovenia', '{M} {y}', prec='m', M=SL_NOM, note='nominative month-year')
G('Slovenia', '{W}, {d}. {M} {y}', M=SL_GEN, Wd='sl', note='weekday')
G('Slovenia', 'okoli {y}', prec='y', note='approximate')

# ---- Central Mediterranean -------------------------------------------------
G('Italy', '{d} {M} {y}', M=IT, note='full month')
G('Italy', '{W} {d} {M} {y}', M=IT, Wd='it', note='weekday')
G('Italy', '{dd}-{M}-{y}', M=IT3, note='abbreviated, dashes')
G('Italy', '1° {M} {y}', (1990, 5, 1), M=IT, note='1° ordinal')
G('Italy', '{M} {y}', prec='m', M=IT, note='month-year')
G('Italy', '{d} {M} {y}', M=IT_CAP, note='capitalised month')
G('Italy', 'circa {y}', prec='y', note='approximate')
G('Malta', "{d} ta' {M} {y}", M=MT, note="ta' form")
G('Malta', '{d} {M} {y}', (1987, 6, 19), M=MT, note='Ġunju')
G('Malta', "{W}, {d} ta' {M} {y}", M=MT, Wd='mt', note='weekday')
G('Malta', '{M} {y}', (1999, 12), prec='m', M=MT, note='Diċembru')
G('Libya', '{d} {M} {y}', M=AR_EG, note='Arabic month')
G('Libya', '{d} {M} {y}م', M=AR_EG, digits='ar', note='Arabic-Indic + م')
G('Libya', '{d} {M} {y}', (1994, 9, 1), M=AR_LY, note='Libyan 1986-2011 month name (al-Fatih)')
G('Libya', '{d} {M} {y}', (2003, 8, 17), M=AR_LY, note='Libyan 1986-2011 month name (Hannibal)')
G('Tunisia', '{d} {M} {y}', (1991, 6, 14), M=AR_TN, note='Maghreb جوان')
G('Tunisia', '{d} {M} {y}', (1986, 7, 30), M=AR_TN, note='Maghreb جويلية')
G('Algeria', '{W} {d} {M} {y}', (1993, 1, 12), M=AR_TN, Wd='ar', note='جانفي + weekday')
G('Algeria', '{M} {y}', (1997, 8), prec='m', M=AR_TN, note='أوت month-year')
G('Tunisia', '{d} {M} {y}', M=FR, note='French')
G('Algeria', '1er {M} {y}', (1984, 11, 1), M=FR, note='1er')
G('Morocco', '{dd} {M} {y}', M=FR_AB, avoid_m=(3, 5, 6, 8), note='French abbreviated')
G('Tunisia', '{W} {d} {M} {y}', M=FR, Wd='fr', note='French weekday')
G('Algeria', 'vers {y}', prec='y', note='French approximate')
G('Morocco', 'vers {M} {y}', prec='m', M=FR, note='French approximate month')
G('Morocco', '{d} {M} {y}', (1989, 8, 23), M=AR_MA, note='غشت')
G('Morocco', '{d} {M} {y}', (1976, 12, 5), M=AR_MA, note='دجنبر')
G('Morocco', '{M} {y}', (2001, 9), prec='m', M=AR_MA, note='شتنبر month-year')
G('Morocco', '{W} {d} {M} {y}م', (1996, 7, 18), M=AR_MA, Wd='ar', note='يوليوز + weekday + م')
G('Sudan', '{d} {M} {y}', M=AR_EG, digits='ar', note='Arabic-Indic digits')
G('Sudan', '{d} {M} {y}م', M=AR_EG, note='Latin digits + م')
G('Sudan', '{M} {y}م', prec='m', M=AR_EG, note='month-year')
G('Sudan', 'حوالي {y}', prec='y', digits='ar', note='approximate, Arabic-Indic')
G('Syria', '{d} {M} {y}', (1988, 1, 27), M=AR_LEV, note='كانون الثاني = January')
G('Syria', '{d} {M} {y}', (1981, 12, 2), M=AR_LEV, digits='ar', note='كانون الأول = December')
G('Iraq', '{M} {y}', (2006, 10), prec='m', M=AR_LEV, note='تشرين الأول month-year')
G('Iraq', '{d} {M} {y}م', M=AR_LEV, note='Levantine month + م')

# ---- Horn of Africa --------------------------------------------------------
G('Somalia', '{d} {M} {y}', M=SO, note='Somali month')
G('Somalia', '{d} {M} {y}', (1991, 1, 26), M=SO, note='Janaayo')
G('Somalia', '{M} {y}', prec='m', M=SO, avoid_m=(9,), note='month-year')
G('Somalia', '{W}, {d} {M} {y}', M=SO, Wd='so', note='weekday')
G('Somalia', 'qiyaastii {y}', prec='y', note='approximate')
G('Ethiopia', '{M} {d}, {y} G.C.', M=EN, note='G.C. marker')

# ---- Kurmanji Kurdish, Turkish ---------------------------------------------
G('Kurdish-SY', '{d} {M} {y}', (1990, 1, 15), M=KU, note='Kanûna Paşîn = January')
G('Kurdish-SY', '{d} {M} {y}', (1978, 12, 8), M=KU, note='Kanûna Pêşîn = December')
G('Kurdish-TR', '{d} {M} {y}', M=KU, note='Kurmanji month')
G('Kurdish-TR', '{M} {y}', prec='m', M=KU, note='month-year')
G('Kurdish-TR', 'nêzîkî {y}', prec='y', note='approximate')
G('Turkey', '{d} {M} {y}', M=TR, note='Turkish')
G('Turkey', '{dd} {M} {y} {W}', M=TR, Wd='tr', note='weekday after')
G('Turkey', '{M} {y}', prec='m', M=TR, note='month-year')
G('Turkey', '{dd} {M} {y}', M=TR_UP, avoid_m=(4,), note='upper-case')
G('Turkey', '{d} {M} {y}', (1983, 4, 9), M=TR_UP, note='NİSAN dotted capital')
G('Turkey', 'yaklaşık {y}', prec='y', note='approximate')

# ---- Persian / Dari Gregorian, Urdu, Bengali ------------------------------
G('Iran', '{d} {M} {y}', M=FA_G, digits='fa', note='Gregorian month in Persian')
G('Iran', '{d} {M} {y}', M=FA_G, note='Persian month, Latin digits')
G('Iran', '{M} {y}', prec='m', M=FA_G, digits='fa', note='month-year')
G('Iran', '{d} {M} {y} میلادی', M=FA_G, digits='fa', note='میلادی marker')
G('Iran', '{W} {d} {M} {y}', M=FA_G, Wd='fa', digits='fa', note='weekday')
G('Iran', '{d} {M} {y}', (1985, 5, 12), M=FA_G2, digits='fa', note='می variant for May')
G('Iran', '{d} {M} {y}', (1979, 1, 14), M=FA_G, digits='fa', cal='persian',
  note='declared persian but Gregorian month name')
G('Afghanistan', '{d} {M} {y}', M=DARI_G, digits='fa', note='Dari Gregorian month')
G('Afghanistan', '{d} {M} {y}', (1993, 8, 19), M=DARI_G, note='Dari, Latin digits')
G('Pakistan', '{d} {M} {y}ء', M=UR, note='Urdu + ء marker')
G('Pakistan', '{d} {M} {y}', M=UR, digits='fa', note='Urdu, Eastern digits')
G('Pakistan', '{M} {y}ء', prec='m', M=UR, note='month-year')
G('Pakistan', '{d} {M} {y}ء', (1977, 5, 21), M=UR, digits='fa', note='مئی')
G('Bangladesh', '{d} {M} {y}', M=BN, digits='bn', note='Bengali digits')
G('Bangladesh', '{d} {M}, {y}', M=BN, note='Latin digits')
G('Bangladesh', '{M} {y}', prec='m', M=BN, digits='bn', note='month-year')
G('Bangladesh', '{W}, {d} {M} {y}', M=BN, Wd='bn', digits='bn', note='weekday')
G('Bangladesh', 'প্রায় {y}', prec='y', digits='bn', note='approximate')

# ---- Vietnamese, Chinese ---------------------------------------------------
G('Vietnam', 'ngày {d} tháng {m} năm {y}', note='tháng + number')
G('Vietnam', 'ngày {d} tháng {M} năm {y}', M=VI, note='tháng + word')
G('Vietnam', 'ngày {d} tháng {M} năm {y}', (1982, 4, 30), M=VI, note='tháng Tư')
G('Vietnam', 'tháng {m} năm {y}', prec='m', note='month-year')
G('Vietnam', 'khoảng năm {y}', prec='y', note='approximate')
G('China', '{y}年{m}月{d}日', note='CJK')
G('China', '{y}年{mm}月{dd}日', note='CJK padded')
G('China', '{zy}年{zm}月{zd}日', note='Chinese numerals')
G('China', '{y}年{m}月', prec='m', note='month-year')
G('China', '{y}年{m}月{d}日 {W}', Wd='zh', note='weekday')
G('China', '约{y}年', prec='y', note='approximate')

# ---- Northern / Eastern Europe ---------------------------------------------
# Polish November (listopad) avoided -- Croatian "listopada" is October.
G('Poland', '{d} {M} {y} r.', M=PL_GEN, avoid_m=(11,), note='genitive + r.')
G('Poland', '{dd} {M} {y}', M=PL_GEN, avoid_m=(11,), note='genitive')
G('Poland', '{M} {y}', prec='m', M=PL_NOM, avoid_m=(11,), note='nominative month-year')
G('Poland', '{W}, {d} {M} {y} r.', M=PL_GEN, Wd='pl', avoid_m=(11,), note='weekday')
G('Poland', 'około {y} r.', prec='y', note='approximate')
G('Germany', '{d}. {M} {y}', M=DE, note='German')
G('Germany', '{W}, {d}. {M} {y}', M=DE, Wd='de', note='weekday')
G('Germany', '{M} {y}', prec='m', M=DE, note='month-year')
G('Germany', '{d}. {M} {y}', M=DE_AB, avoid_m=(3, 5, 6, 7), note='abbreviated')
G('Austria', '{d}. {M} {y}', (1969, 1, 23), M=AT, note='Jänner')
G('Austria', '{M} {y}', (1991, 1), prec='m', M=AT, note='Jänner month-year')
G('Austria', '{dd}. {M} {y}', (2002, 1, 8), M=AT_AB, note='Jän.')
G('Austria', '{d}. {M} {y}', (1975, 2, 11), M=AT, note='Feber')
G('Sweden', '{d} {M} {y}', M=SV, note='Swedish')
G('Sweden', '{W} {d} {M} {y}', M=SV, Wd='sv', note='weekday')
G('Sweden', '{M} {y}', prec='m', M=SV, note='month-year')
G('Sweden', 'omkring {y}', prec='y', note='approximate')
G('Denmark', '{d}. {M} {y}', M=DA, note='Danish')
G('Denmark', '{W} den {d}. {M} {y}', M=DA, Wd='da', note='weekday')
G('Denmark', '{M} {y}', prec='m', M=DA, note='month-year')
G('Norway', '{d}. {M} {y}', M=NO, note='Norwegian')
G('Norway', '{W} {d}. {M} {y}', M=NO, Wd='da', note='weekday')
G('Norway', '{d}. {M} {y}', (1986, 12, 24), M=NO, note='desember')
G('Finland', '{d}. {M} {y}', M=FI_PAR, note='partitive')
G('Finland', '{W} {d}. {M} {y}', M=FI_PAR, Wd='fi', note='weekday')
G('Finland', '{M} {y}', prec='m', M=FI_NOM, note='nominative month-year')
G('Finland', 'noin {y}', prec='y', note='approximate')
G('Greece', '{d} {M} {y}', M=EL_GEN, note='genitive')
G('Greece', '{W}, {d} {M} {y}', M=EL_GEN, Wd='el', note='weekday')
G('Greece', '{M} {y}', prec='m', M=EL_NOM, note='nominative month-year')
G('Greece', '{dd} {M} {y}', M=EL_AB, note='abbreviated')
G('Greece', 'περίπου {y}', prec='y', note='approximate')
G('Albania', '{d} {M} {y}', M=SQ, note='Albanian')
G('Albania', 'më {d} {M} {y}', M=SQ, note='më prefix')
G('Albania', '{M} {y}', prec='m', M=SQ, note='month-year')
G('Albania', '{W}, {d} {M} {y}', M=SQ, Wd='sq', note='weekday')
G('Albania', 'rreth {y}', prec='y', note='approximate')
G('Russia', '{d} {M} {y} г.', M=RU_GEN, note='genitive + г.')
G('Russia', '{dd} {M} {y} года', M=RU_GEN, note='genitive + года')
G('Russia', '{M} {y} г.', prec='m', M=RU_NOM, note='nominative month-year')
G('Russia', '{d} {M} {y}', M=RU_AB, avoid_m=(3, 5, 6, 7), note='abbreviated')
G('Russia', '{W}, {d} {M} {y} г.', M=RU_GEN, Wd='ru', note='weekday')
G('Russia', 'около {y} г.', prec='y', note='approximate')
G('Ukraine', '{d} {M} {y} р.', M=UK_GEN, note='genitive + р.')
G('Ukraine', '{dd} {M} {y} року', M=UK_GEN, note='genitive + року')
G('Ukraine', '{d} {M} {y} р.', (1989, 11, 7), M=UK_GEN, note='листопада = November')
G('Ukraine', '{M} {y} р.', prec='m', M=UK_NOM, note='nominative month-year')
G('Ukraine', '{W}, {d} {M} {y}', M=UK_GEN, Wd='uk', note='weekday')
G('Ukraine', 'близько {y} р.', prec='y', note='approximate')
G('Georgia', '{d} {M} {y}', M=KA, note='Georgian')
G('Georgia', '{y} წლის {d} {M}', M=KA, note='year-first წლის')
G('Georgia', '{M} {y}', prec='m', M=KA, note='month-year')
G('Georgia', 'დაახლოებით {y}', prec='y', note='approximate')

section('gregorian-numeric')
# ---- numeric Gregorian -----------------------------------------------------
G('UK', '{dd}/{mm}/{y}', (1985, 3, 12), note='ambiguous d/m, dmy')
G('US', '{mm}/{dd}/{y}', (1985, 12, 3), order='mdy', note='ambiguous d/m, mdy')
G('US', '{mm}/{dd}/{y}', (1985, 3, 12), order='mdy', note='mdy')
G('UK', '{dd}/{mm}/{y}', (1979, 12, 25), note='day > 12')
G('US', '{m}/{d}/{y}', (1962, 7, 4), order='mdy', note='unpadded mdy')
G('UK', '{d}/{m}/{y}', (1962, 7, 4), note='unpadded dmy')
G('US', '{y}-{mm}-{dd}', (1985, 3, 12), order='mdy', note='ISO in mdy source')
G('UK', '{y}-{mm}-{dd}', (1991, 10, 2), note='ISO in dmy source')
G('UK', '{y}/{mm}/{dd}', (2003, 11, 5), note='year-first slashes')
G('Germany', '{dd}.{mm}.{y}', (1985, 3, 12), note='dots')
G('Serbia', '{dd}.{mm}.{y}.', (1968, 9, 7), note='trailing dot')
G('Hungary', '{y}.{mm}.{dd}.', (1973, 4, 28), note='year-first dots')
G('Hungary', '{y}. {mm}. {dd}.', (2011, 2, 6), note='year-first spaced dots')
G('Italy', '{dd}-{mm}-{y}', (1999, 6, 30), note='dashes')
G('Greece', '{d}/{m}/{y}', (1987, 3, 1), note='unpadded')
G('UK', '{dd}/{mm}/{y}', (1984, 2, 29), note='leap day')
G('Germany', '{dd}.{mm}.{y}', (2000, 2, 29), note='leap day 2000')
G('UK', '{dd}/{mm}/{y}', (2024, 12, 31), note='last day of range')
G('UK', '{dd}/{mm}/{y}', (1950, 1, 1), note='first day of range')
G('UK', '00/{mm}/{y}', (1985, 5), prec='m', note='unknown day 00')
G('UK', '00/00/{y}', (1985,), prec='y', note='unknown day and month 00')
G('UK', 'XX/{mm}/{y}', (1977, 11), prec='m', note='unknown day XX')
G('Germany', 'xx.xx.{y}', (1978,), prec='y', note='unknown day and month xx')
G('Sweden', '{y}-00-00', (1964,), prec='y', note='ISO with zero month/day')
G('Greece', '??/{mm}/{y}', (1990, 7), prec='m', note='unknown day ??')
G('Italy', '{mm}/{y}', (1982, 5), prec='m', note='month/year')
G('Sweden', '{y}-{mm}', (1994, 8), prec='m', note='ISO month')
G('UK', '{y}', (1958,), prec='y', note='year only')
G('UK', 'about {y}', (1980,), prec='y', note='approximate year')
G('Germany', 'ca. {y}', (1975,), prec='y', note='approximate year')
G('UK', 'c. {y}', (1968,), prec='y', note='approximate year')
G('Libya', 'حوالي {y}', (1990,), prec='y', note='approximate, Latin digits')
G('Egypt', '{dd}/{mm}/{y}', (1985, 3, 12), digits='ar', note='Arabic-Indic digits')
G('Afghanistan', '{y}/{mm}/{dd}', (1998, 3, 17), digits='fa', note='Persian digits, Gregorian year')
G('Bangladesh', '{dd}/{mm}/{y}', (1971, 12, 16), digits='bn', note='Bengali digits')
G('Syria', RLM + '{dd}/{mm}/{y}', (1986, 4, 22), note='leading RLM')
G('Iraq', RLM + '{dd}/' + RLM + '{mm}/' + RLM + '{y}', (1993, 10, 15), digits='ar',
  note='RLM between parts, Arabic-Indic')
G('Jordan', '{y}/{mm}/{dd}' + ALM, (1972, 5, 9), note='trailing Arabic letter mark')
G('UK', '{dd}/{mm}/{y} 00:00:00', (1974, 8, 12), t='00:00:00', note='export with midnight time')
G('US', '{mm}/{dd}/{y} 00:00:00', (1974, 8, 12), order='mdy', t='00:00:00',
  note='mdy export with time')
G('UK', '{y}-{mm}-{dd}T00:00:00', (1974, 8, 12), t='00:00:00', note='ISO timestamp')
G('Germany', '{y}-{mm}-{dd} 14:22', (2016, 5, 3), t='14:22', note='ISO date + HH:MM')
G('US', '{m}/{d}/{y} 2:22 PM', (2016, 3, 5), order='mdy', t='14:22', note='PM time')
G('US', '{m}/{d}/{y} 12:05:09 AM', (2016, 5, 3), order='mdy', t='00:05:09', note='12 AM = 00')
G('Austria', '{dd}.{mm}.{y} 08:30', (2015, 9, 14), t='08:30', note='dots + time')
G('UK', '{y}-{mm}-{dd} 08:30:00.000', (2015, 9, 14), t='08:30:00', note='SQL datetime with ms')
G('Italy', '{dd}/{mm}/{y} 21:03:44', (2015, 9, 14), t='21:03:44', note='money transfer')
G('US', '{y}/{mm}/{dd} 12:00 PM', (2019, 11, 30), order='mdy', t='12:00', note='12 PM = noon')
G('US', '{mm}/{dd}/{y} 12:45 AM', (2019, 11, 30), order='mdy', t='00:45', note='12:45 AM')
G('UK', '{dd}-{M}-{y} 11:45 PM', (2015, 9, 14), M=EN3, t='23:45', note='Excel style + PM')
G('Germany', '{dd}.{mm}.{y} 23:59:59', (1999, 12, 31), t='23:59:59', note='end of day')
G('UK', '{y}{mm}{dd}', (2015, 9, 14), note='compact YYYYMMDD')
G('Eritrea', '{dd}/{mm}/{y}', (1985, 3, 12), cal='gregorian', note='declared gregorian')
G('Eritrea', '{y}-{mm}-{dd}', (1996, 11, 20), cal='gregorian', note='declared gregorian ISO')
G('Saudi', '{dd}/{mm}/{y}م', (1985, 3, 12), cal='islamic', note='declared islamic but م marker')
G('Ethiopia', '{dd}/{mm}/{y} G.C.', (1985, 4, 12), cal='ethiopic',
  note='declared ethiopic but G.C. marker')
G('Ethiopia', '{dd}/{mm}/{y} G.C.', (2001, 9, 22), note='G.C. marker')
G('Vietnam', '{W}, ngày {dd}/{mm}/{y}', (1985, 3, 12), Wd='vi', note='weekday + numeric')
G('UK', '{dd}/{mm}/{y}', (1995, 1, 13), note='day 13')
G('Sweden', '{y}-{m}-{d}', (1995, 1, 13), note='ISO unpadded')
G('US', '{m}/{d}/{y}', (2003, 1, 2), order='mdy', note='1/2 mdy')
G('UK', '{d}/{m}/{y}', (2003, 2, 1), note='1/2 dmy')
G('Poland', '{dd}.{mm}.{y} r.', (1966, 10, 31), note='dots + r.')
G('Russia', '{dd}.{mm}.{y} г.', (1957, 6, 16), note='dots + г.')
G('Turkey', '{dd}.{mm}.{y}', (2010, 8, 27), note='dots')

section('solar-hijri')
# ---- Solar Hijri -----------------------------------------------------------
SH('Iran', '{d} {M} {y}', (1365, 7, 12), M=FA_SH, digits='fa', note='Persian month')
SH('Iran', '{y}/{mm}/{dd}', (1362, 4, 9), digits='fa', cal='persian', note='declared persian')
SH('Iran', '{y}/{m}/{d}', (1371, 2, 5), cal='persian', note='declared, Latin digits')
SH('Iran', '{d} {M} {y}', (1365, 1, 1), M=FA_SH, digits='fa', note='anchor Nowruz 1365')
SH('Iran', '{d} {M} {y}', (1403, 1, 1), M=FA_SH, digits='fa', note='anchor Nowruz 1403')
SH('Iran', '{d} {M} {y}', (1403, 12, 30), M=FA_SH, digits='fa', note='anchor leap 30 Esfand')
SH('Iran', '{d} {M} {y}', (1357, 11, 22), M=FA_SH, digits='fa', note='22 Bahman 1357')
SH('Iran', '{y} هـ.ش', (1362,), prec='y', digits='fa', note='year + هـ.ش')
SH('Iran', '{y} ش', (1359,), prec='y', note='year + ش, Latin digits')
SH('Iran', '{y}', (1370,), prec='y', digits='fa', cal='persian', note='declared, year only')
SH('Iran', 'حدود {y}', (1355,), prec='y', digits='fa', cal='persian', note='approximate')
SH('Iran', '{M} {y}', (1368, 9), prec='m', M=FA_SH, digits='fa', note='month-year')
SH('Iran', '{d} {M} {y}', M=SH_LAT, note='transliterated')
SH('Iran', '{d} {M} {y} SH', (1361, 12, 3), M=SH_LAT, note='SH marker')
SH('Iran', '{M} {y}', prec='m', M=SH_LAT, note='transliterated month-year')
SH('Iran', '{y}/{mm}/{dd}', (1368, 11, 29), digits='fa',
   note='Persian digits, no marker (digit script implies SH)')
SH('Iran', '{y} خورشیدی', (1350,), prec='y', digits='fa', note='خورشیدی')
SH('Iran', '{d} {M} {y}', (1339, 10, 5), M=FA_SH, digits='fa', note='older date')
SH('Iran', '{d} {M} {y}', (1364, 12, 29), M=FA_SH, digits='fa', note='last day of common year')
SH('Iran', '{d} {M} {y}', (1399, 12, 30), M=FA_SH, digits='fa', note='30 Esfand leap 1399')
SH('Iran', '{d} {M} {y}', (1380, 6, 31), M=FA_SH, digits='fa', note='31 Shahrivar')
SH('Iran', '{W} {d} {M} {y}', M=FA_SH, Wd='fa', digits='fa', note='weekday')
SH('Iran', '{y}/{mm}/{dd}', (1375, 12, 30), cal='persian', note='declared, leap Esfand 30')
SH('Iran', '{d} {M} {y} هـ.ش', M=FA_SH, digits='fa', note='day + marker')
SH('Iran', '{dd}/{mm}/{y}', digits='fa', cal='persian', note='declared, d/m/y')
SH('Iran', '{y}-{mm}-{dd}', cal='persian', note='declared, bank ISO-like')
SH('Iran', '{d} {M} ماه {y}', M=FA_SH, digits='fa', note='"ماه" after month')
SH('Iran', '{y} ه.ش', prec='y', digits='fa', note='ه.ش marker')
SH('Iran', '{d} {M} {y}', (1342, 8, 13), M=FA_SH, digits='fa', note='Aban')
SH('Afghanistan', '{d} {M} {y}', (1360, 1, 15), M=DA_SH, digits='fa', note='Dari Hamal')
SH('Afghanistan', '{d} {M} {y}', (1372, 6, 3), M=DA_SH, digits='fa', note='Dari Sunbula')
SH('Afghanistan', '{d} {M} {y}', (1364, 10, 20), M=DA_SH, digits='fa', note='Dari Jadi')
SH('Afghanistan', '{M} {y}', (1380, 8), prec='m', M=DA_SH, digits='fa', note='Aqrab month-year')
SH('Afghanistan', '{y}/{mm}/{dd}', (1369, 4, 18), cal='persian', note='e-tazkira, declared')
SH('Afghanistan', '{dd}/{mm}/{y}', digits='fa', cal='persian', note='declared, d/m/y')
SH('Afghanistan', '{y}', (1365,), prec='y', digits='fa', cal='persian', note='paper tazkira year')
SH('Afghanistan', '{M} {y}', (1358, 12), prec='m', M=DA_SH, digits='fa', note='Hut month-year')
SH('Afghanistan', '{d} {M} {y}', (1362, 1, 12), M=DA_SH_LAT, note='transliterated Dari')
SH('Afghanistan', '{d} {M} {y} H.Sh.', M=DA_SH_LAT, note='H.Sh. marker')
SH('Afghanistan', '{M} {y} هـ ش', prec='m', M=DA_SH, digits='fa', note='month + هـ ش')
SH('Afghanistan', 'تقریباً {y}', prec='y', digits='fa', cal='persian', note='approximate')
SH('Afghanistan', '{d} {M} {y} هـ.ش', M=DA_SH, digits='fa', note='day + marker')
SH('Afghanistan', '{d} {M} {y}', M=DA_SH, note='Dari month, Latin digits')
SH('Afghanistan', '{y}/{mm}/{dd}', (1374, 9, 2), digits='fa',
   note='Persian digits, no marker (digit script implies SH)')
SH('Afghanistan-ps', '{d} {M} {y}', M=PS_SH, digits='fa', note='Pashto month')
SH('Afghanistan-ps', '{d} {M} {y}', (1370, 4, 7), M=PS_SH, digits='fa', note='Pashto چنګاښ')
SH('Afghanistan-ps', '{d} {M} {y}', (1363, 8, 23), M=PS_SH, digits='fa', note='Pashto لړم')
SH('Afghanistan-ps', '{d} {M} {y}', (1374, 12, 10), M=PS_SH, digits='fa', note='Pashto کب')
SH('Afghanistan-ps', '{M} {y}', (1359, 10), prec='m', M=PS_SH, digits='fa',
   note='Pashto month-year')
SH('Afghanistan', '{y}', (1367,), prec='y', cal='persian', note='declared, Latin year')
SH('Afghanistan', '00/{mm}/{y}', (1365, 5), prec='m', cal='persian', note='unknown day 00')
SH('Iran', '{y}/00/00', (1352,), prec='y', cal='persian', note='unknown month/day 00')

section('lunar-hijri')
# ---- lunar Hijri -----------------------------------------------------------
ISL('Saudi', '{d} {M} {y} هـ', (1405, 9, 15), M=AR_H, note='Arabic month + هـ')
ISL('Saudi', '{d} {M} {y} هـ', (1405, 9, 15), M=AR_H, digits='ar', note='Arabic-Indic')
ISL('Saudi', '{y}/{mm}/{dd}هـ', (1408, 3, 22), note='numeric year-first + هـ')
ISL('Yemen', '{dd}/{mm}/{y} هـ', (1395, 7, 4), note='numeric d/m/y + هـ')
ISL('Saudi', '{y}/{mm}/{dd}', (1412, 11, 8), cal='islamic', note='declared islamic')
ISL('Yemen', '{dd}/{mm}/{y}', (1389, 2, 26), cal='islamic', note='declared islamic d/m/y')
ISL('Sudan', '{d} {M} {y} AH', (1400, 3, 12), M=H_LAT, note='transliterated + AH')
ISL('Saudi', '{d} {M} {y} AH', (1446, 1, 1), M=H_LAT, note='1 Muharram 1446')
ISL('Sudan', '{M} {y} هـ', (1410, 12), prec='m', M=AR_H, note='month-year')
ISL('Saudi', '{y} هـ', (1399,), prec='y', note='year + هـ')
ISL('Iraq', '{y}هـ', (1395,), prec='y', digits='ar', note='Arabic-Indic year + هـ')
ISL('Sudan', '{d} {M} {y} AH', (1392, 10, 10), M=H_LAT, note='Shawwal')
ISL('Iran', '{d} {M} {y} ه.ق', (1420, 7, 27), M=AR_H, note='ه.ق lunar marker')
ISL('Iran', '{d} {M} {y} ه.ق', (1418, 8, 15), M=AR_H, digits='fa', note='Persian digits + ه.ق')
ISL('Pakistan', '{d} {M} {y}ھ', (1407, 3, 12), M=UR_H, note='Urdu + ھ')
ISL('Pakistan', '{d} {M} {y}ھ', (1411, 9, 27), M=UR_H, digits='fa', note='Urdu, Eastern digits')
ISL('Sudan', '{M} {y} AH', (1415, 5), prec='m', M=H_LAT, note='Jumada al-Ula month-year')
ISL('Saudi', '{d} {M} {y} AH', (1380, 12, 23), M=H_LAT, note="Dhu al-Hijjah")
ISL('Yemen', '{d} {M} {y} هـ', (1388, 2, 5), M=AR_H, note='Safar')
ISL('Libya', 'حوالي {y} هـ', (1401,), prec='y', note='approximate year')
ISL('Saudi', '{y}/{mm}/00', (1430, 3), prec='m', cal='islamic', note='unknown day')
ISL('Yemen', '{M} الحرام {y} هـ', (1425, 1), prec='m', M=AR_H, note='محرم الحرام')
ISL('Sudan', '{d} {M} {y} AH', (1372, 7, 3), M=H_LAT, note='Rajab')
ISL('Saudi', '{y}/{mm}/{dd}', (1388, 12, 29), cal='islamic', note='declared, 29 Dhu al-Hijjah')
ISL('Syria', '{d} {M} {y} هـ', (1409, 6, 20), M=AR_H, note='جمادى الآخرة')
ISL('Iraq', '{M} {y}هـ', (1411, 4), prec='m', M=AR_H, digits='ar', note='ربيع الآخر month-year')
ISL('Sudan', '{d} Dhul Qadah {y} AH', (1433, 11, 9), note='spelling Dhul Qadah')
ISL('Saudi', '{y}/{mm}/{dd} هـ', (1445, 9, 1), note='1 Ramadan 1445')
ISL('Somalia', '{d} {M} {y} AH', (1378, 8, 14), M=H_LAT, note="Sha'ban")
ISL('Egypt', '{d} {M} {y} هـ', M=AR_H, digits='ar', note='random date')

section('ethiopian')
# ---- Ethiopian -------------------------------------------------------------
ETH('Ethiopia', '{M} {d} ቀን {y} ዓ.ም', (2017, 1, 1), M=AM_E, note='anchor 1 Meskerem 2017')
ETH('Ethiopia', '{M} {d} ቀን {y} ዓ.ም', (1976, 1, 1), M=AM_E, note='anchor 1 Meskerem 1976')
ETH('Ethiopia', '{M} {d} ቀን {y} ዓ.ም', (2015, 13, 6), M=AM_E, note='Pagume 6 leap')
ETH('Ethiopia', '{M} {d} ቀን {y} ዓ.ም.', (1977, 2, 12), M=AM_E, note='Tikimt, final dot')
ETH('Ethiopia', '{M} {d} {y} ዓ.ም', (1975, 4, 29), M=AM_E2, note='Tahsas 29 (Genna)')
ETH('Ethiopia', '{dd}/{mm}/{y} ዓ.ም', (1977, 4, 12), note='numeric + ዓ.ም')
ETH('Ethiopia', '{dd}/{mm}/{y}', (1977, 4, 12), cal='ethiopic', note='kebele ID, declared')
ETH('Ethiopia', '{y}', (1977,), prec='y', cal='ethiopic', note='declared, year only')
ETH('Ethiopia', '{y} ዓ.ም', (1975,), prec='y', note='year + ዓ.ም')
ETH('Ethiopia', '{M} {y} ዓ.ም', (1975, 5), prec='m', M=AM_E, note='Tir month-year')
ETH('Ethiopia', '{d} {M} {y} EC', (1977, 4, 12), M=E_LAT, note='transliterated + EC')
ETH('Ethiopia', '{M} {y} E.C.', (1980, 1), prec='m', M=E_LAT, note='month-year + E.C.')
ETH('Ethiopia', '{M} {d}, {y} E.C.', (1968, 10, 3), M=E_LAT, note='English-style order')
ETH('Ethiopia', '{dd}/{mm}/{y}', (1977, 13, 5), cal='ethiopic', note='Pagume 5 as month 13')
ETH('Ethiopia', '{dd}/{mm}/{y}', (1975, 13, 6), cal='ethiopic', note='Pagume 6 leap, month 13')
ETH('Ethiopia', '{y}/{mm}/{dd}', (1970, 3, 15), cal='ethiopic', note='declared, year-first')
ETH('Ethiopia', '{M} {d} ቀን {y} ዓ.ም', (1988, 6, 23), M=AM_E, note='Yekatit')
ETH('Ethiopia', '{M} {d} {y} ዓ.ም', (1990, 8, 1), M=AM_E2, note='Miyazya')
ETH('Ethiopia', '{M} {d} ቀን {y} ዓ.ም', (1983, 9, 20), M=AM_E, note='Ginbot 20 1983')
ETH('Ethiopia', '{M} {y} ዓ.ም', (1960, 11), prec='m', M=AM_E2, note='Hamle month-year')
ETH('Ethiopia', '{M} {d} ቀን {y} ዓ.ም', (1966, 12, 30), M=AM_E, note='Nehase 30')
ETH('Ethiopia', '{M} {d} ቀን {y} ዓ.ም', (1987, 3, 29), M=AM_E, note='Hidar')
ETH('Tigray', '{M} {d} {y} ዓ.ም', (1977, 2, 12), M=TI_E, note='Tigrinya ጥቅምቲ')
ETH('Tigray', '{d} {M} {y} ዓ.ም', (1980, 10, 5), M=TI_E, note='Tigrinya ሰነ')
ETH('Tigray', '{M} {y} ዓ.ም', (1985, 11), prec='m', M=TI_E, note='Tigrinya ሓምለ month-year')
ETH('Ethiopia', '00/{mm}/{y}', (1978, 5), prec='m', cal='ethiopic', note='unknown day')
ETH('Ethiopia', 'በግምት {y} ዓ.ም', (1970,), prec='y', note='approximate (በግምት)')
ETH('Ethiopia', '{dd}/{mm}/{y}', (1999, 12, 30), cal='ethiopic', note='Nehase 30 1999')
ETH('Ethiopia', '{y} E.C.', (2005,), prec='y', note='year + E.C.')
ETH('Ethiopia', '{d} {M} {y} E.C.', (2000, 1, 1), M=E_LAT, note='Ethiopian millennium')
ETH('Ethiopia', '{W} {M} {d} ቀን {y} ዓ.ም', M=AM_E, Wd='am', note='weekday')

section('invalid')
# ---- must be refused -------------------------------------------------------
# two-digit years
BAD('12/03/85', 'UK', 'two-digit year')
BAD('12-Aug-74', 'UK', 'two-digit year, Excel style')
BAD('3/12/85', 'US', 'two-digit year', order='mdy')
BAD('12.03.85.', 'Serbia', 'two-digit year')
BAD('12 марта 85 г.', 'Russia', 'two-digit year')
BAD('12 Mehr 65', 'Iran', 'two-digit Solar Hijri year')
BAD('١٢/٠٣/٨٥', 'Sudan', 'two-digit year, Arabic-Indic')
BAD('85', 'UK', 'bare two-digit year')
# impossible dates
BAD('31/04/1985', 'UK', 'April has 30 days')
BAD('29/02/1985', 'UK', '1985 not leap')
BAD('30 février 1990', 'Tunisia', 'no 30 February')
BAD('31 June 1990', 'UK', 'June has 30 days')
BAD('1990-13-01', 'US', 'month 13', order='mdy')
BAD('32.01.1991', 'Germany', 'day 32')
BAD('31 ноября 1990 г.', 'Russia', 'November has 30 days')
BAD('29. veljače 2001.', 'Croatia', '2001 not leap')
BAD('31 aprile 1988', 'Italy', 'April has 30 days')
BAD('00/00/0000', 'UK', 'year zero placeholder')
BAD('2001-02-29', 'Sweden', '2001 not leap')
BAD('31 Eylül 1982', 'Turkey', 'September has 30 days')
BAD('۳۱ مهر ۱۳۶۵', 'Iran', 'Mehr has 30 days')
BAD('۳۰ اسفند ۱۴۰۲', 'Iran', '1402 not leap (33-year rule)')
BAD('1365/13/01', 'Iran', 'Solar Hijri month 13', cal='persian')
BAD('32 Hamal 1370', 'Afghanistan', 'Hamal has 31 days')
BAD('31 رمضان 1405 هـ', 'Saudi', 'no 31st of a lunar month; tabular')
BAD('ጳጉሜ 6 ቀን 2016 ዓ.ም', 'Ethiopia', '2016 EC not leap')
BAD('06/13/1976', 'Ethiopia', 'Pagume 6 in non-leap 1976', cal='ethiopic')
BAD('31/01/1977', 'Ethiopia', 'Ethiopian months have 30 days', cal='ethiopic')
# Latin-digit year 1300-1499 with nothing naming the calendar
BAD('1365/07/12', 'Iran', 'Hijri year, Latin digits, no marker')
BAD('12/07/1365', 'Afghanistan', 'Hijri year, Latin digits, no marker')
BAD('1380', 'Afghanistan', 'bare Hijri-range year')
BAD('1405/09/15', 'Saudi', 'Hijri year, Latin digits, no marker')
BAD('15.09.1405', 'Sudan', 'Hijri year, Latin digits, no marker')
BAD('circa 1370', 'UK', 'approximate Hijri-range year, no marker')
# free text
BAD('unknown', 'UK', 'free text')
BAD('N/K', 'UK', 'not known')
BAD('غير معروف', 'Libya', 'free text (unknown)')
BAD('نامعلوم', 'Afghanistan', 'free text (unknown)')
BAD('непознато', 'Serbia', 'free text (unknown)')
BAD('inconnue', 'Tunisia', 'free text (unknown)')
BAD('keine Angabe', 'Germany', 'free text (not stated)')
BAD('bilinmiyor', 'Turkey', 'free text (unknown)')
# month alone
BAD('March', 'UK', 'month alone')
BAD('مارس', 'Morocco', 'month alone')
BAD('Mehr', 'Iran', 'month alone (Solar Hijri)')
BAD('ጥቅምት', 'Ethiopia', 'month alone (Ethiopian)')
BAD('сентябрь', 'Russia', 'month alone')
# ages
BAD('35 years old', 'UK', 'age')
BAD('age 35', 'US', 'age', order='mdy')
BAD('۲۵ ساله', 'Iran', 'age')
BAD('عمره 30 سنة', 'Libya', 'age')
BAD('30 godina', 'Bosnia', 'age')
BAD('35 anni', 'Italy', 'age')
BAD('35 yaşında', 'Turkey', 'age')
BAD('ዕድሜ 35', 'Ethiopia', 'age')

# ===================================================================== output
HEADER = """\
# dates_heldout.tsv -- second held-out evaluation set for the date normaliser.
# Written by a helper session WITHOUT seeing the normaliser's implementation,
# its docs or tests, or the first held-out set (dates_heldout.tsv).
# Generated by dates_heldout_make.py (same directory); rerun it to reproduce
# this file exactly.  Expected values are computed there by self-written
# calendar arithmetic, not a library: Gregorian via Julian Day Numbers; Solar
# Hijri by the arithmetic 33-year cycle (leap if y mod 33 in
# {1,5,9,13,17,22,26,30}; checked: 1 Farvardin 1365 = 1986-03-21,
# 1 Farvardin 1403 = 2024-03-20, 30 Esfand 1403 = 2025-03-20); Ethiopian by
# its arithmetic (checked: 1 Meskerem 2017 = 2024-09-11, 1 Meskerem 1976 =
# 1983-09-12); lunar Hijri by the tabular Islamic civil calendar (rows marked
# "tabular"; +-2 days accepted).  Converted month/year-only values give the
# Gregorian month/year holding the middle of the span.  Times of day are
# kept (24-hour).  "invalid" = a careful system must refuse the value.
# Columns: raw, calendar (declared by the source mapping; - = none),
# order (dmy/mdy reading of 03/04/2001), expected, region, note.
"""


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'dates_heldout.tsv')
    seen = set()
    for r in ROWS:
        key = (r[0], r[1], r[2])
        assert key not in seen, ('duplicate row', r)
        seen.add(key)
    with open(out, 'w', encoding='utf-8', newline='\n') as fh:
        fh.write(HEADER)
        fh.write('raw\tcalendar\torder\texpected\tregion\tnote\n')
        for r in ROWS:
            fh.write('\t'.join(r) + '\n')
    print('wrote %d rows to %s' % (len(ROWS), out), file=sys.stderr)
    if '-v' in sys.argv:
        from collections import Counter
        for title, cnt in (('kind', Counter(KIND)),
                           ('calendar', Counter(r[1] for r in ROWS)),
                           ('region', Counter(r[4] for r in ROWS))):
            print('by %s:' % title, file=sys.stderr)
            for k, v in sorted(cnt.items(), key=lambda kv: (-kv[1], kv[0])):
                print('  %-18s %d' % (k, v), file=sys.stderr)


if __name__ == '__main__':
    main()
