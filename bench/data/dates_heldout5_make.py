#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""Generator for bench/data/dates_heldout5.tsv (held-out date-normaliser set 5).

Written by a helper session that saw neither the implementation (lib/, tests/,
docs/, include/, cli/, fuzz/, bench/*.c, README.md) nor any earlier dates_* set.
Rows imitate dates as written in records of a taskforce against organised
immigration crime: phone extraction reports (Cellebrite/XRY), WhatsApp and
Telegram exports, money-transfer/bank/hawala records, court and prosecution
papers, social-media posts, identity documents (passports, tazkira,
shenasnameh, kebele IDs, Eritrean/Syrian/Iraqi IDs, UNHCR/IOM registrations).

Every expected value is computed here, never typed as an ISO string:
  * Gregorian: G(y, m, d, time) checked by datetime.date (validity only).
  * Solar Hijri: the arithmetic 33-year rule, leap iff (25*y + 11) mod 33 < 8,
    counted from the anchor 1 Farvardin 1365 = 1986-03-21 (asserted against
    1 Farvardin 1403 = 2024-03-20 and 30 Esfand 1403 = 2025-03-20).
  * Ethiopian: JDN = 1724220 + 365*(y-1) + y//4 + 30*(m-1) + d, leap iff
    y mod 4 == 3 (Pagume 6 days); asserted against 1 Meskerem 2017 = 2024-09-11
    and 1 Meskerem 1976 = 1983-09-12.
  * Lunar Hijri: tabular Islamic civil calendar (epoch JDN 1948440, leap iff
    (14 + 11*y) mod 30 < 11); such rows carry the note word "tabular".
  * A converted date given only to the month or year yields the Gregorian
    month/year holding the middle of that span; the generator refuses to emit
    a row whose middle is within 3 days of a Gregorian month/year boundary.
  * Weekday names are generated from the date, never typed.
Running this script rewrites the TSV next to it byte for byte.
"""
import datetime
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "dates_heldout5.tsv")

RLM, LRM, ALM, ZWNJ = "\u200f", "\u200e", "\u061c", "\u200c"

# ---------------------------------------------------------------- calendars
J0 = 1721425  # JDN = date.toordinal() + J0


def g2j(y, m, d):
    return datetime.date(y, m, d).toordinal() + J0


def j2g(j):
    return datetime.date.fromordinal(j - J0)


# Solar Hijri, arithmetic 33-year rule
def p_leap(y):
    return (25 * y + 11) % 33 < 8


def p_nowruz(y):
    j, yy = g2j(1986, 3, 21), 1365
    while yy < y:
        j += 366 if p_leap(yy) else 365
        yy += 1
    while yy > y:
        yy -= 1
        j -= 366 if p_leap(yy) else 365
    return j


def p_mlen(y, m):
    if m <= 6:
        return 31
    if m <= 11:
        return 30
    return 30 if p_leap(y) else 29


def p2j(y, m, d):
    if not (1 <= m <= 12 and 1 <= d <= p_mlen(y, m)):
        raise ValueError("bad persian date %d-%d-%d" % (y, m, d))
    off = (m - 1) * 31 if m <= 7 else 186 + (m - 7) * 30
    return p_nowruz(y) + off + d - 1


# Ethiopian
def e_leap(y):
    return y % 4 == 3


def e_mlen(y, m):
    if m <= 12:
        return 30
    return 6 if e_leap(y) else 5


def e2j(y, m, d):
    if not (1 <= m <= 13 and 1 <= d <= e_mlen(y, m)):
        raise ValueError("bad ethiopian date %d-%d-%d" % (y, m, d))
    return 1724220 + 365 * (y - 1) + y // 4 + 30 * (m - 1) + d


# Tabular Islamic (civil epoch)
def h_leap(y):
    return (14 + 11 * y) % 30 < 11


def h_mlen(y, m):
    if m % 2 == 1:
        return 30
    if m == 12 and h_leap(y):
        return 30
    return 29


def h2j(y, m, d):
    if not (1 <= m <= 12 and 1 <= d <= h_mlen(y, m)):
        raise ValueError("bad hijri date %d-%d-%d" % (y, m, d))
    return d + (59 * (m - 1) + 1) // 2 + (y - 1) * 354 + (3 + 11 * y) // 30 + 1948439


# anchors
assert p2j(1365, 1, 1) == g2j(1986, 3, 21)
assert p2j(1403, 1, 1) == g2j(2024, 3, 20)
assert p_leap(1403) and p2j(1403, 12, 30) == g2j(2025, 3, 20)
assert p2j(1404, 1, 1) == g2j(2025, 3, 21)
assert e2j(2017, 1, 1) == g2j(2024, 9, 11)
assert e2j(1976, 1, 1) == g2j(1983, 9, 12)
assert h2j(1, 1, 1) == 1948440
assert j2g(h2j(1445, 9, 1)) == datetime.date(2024, 3, 11)


def _tm(t):
    if t is None:
        return ""
    parts = t.split(":")
    assert len(parts) in (2, 3) and all(len(p) == 2 for p in parts), t
    h, mi = int(parts[0]), int(parts[1])
    assert 0 <= h < 24 and 0 <= mi < 60 and (len(parts) == 2 or int(parts[2]) < 60)
    return "T" + t


def G(y, m=None, d=None, t=None):
    if m is None:
        return "%04d" % y
    if d is None:
        datetime.date(y, m, 1)
        return "%04d-%02d" % (y, m)
    return datetime.date(y, m, d).isoformat() + _tm(t)


def _span(j_start, n, margin, prec):
    """Gregorian month ('m') or year ('y') holding the middle of a span of n
    days; refuse if any day within `margin` of the middle falls elsewhere."""
    lo = j_start + (n - 1) // 2 - margin
    hi = j_start + n // 2 + margin
    keys = set()
    for j in range(lo, hi + 1):
        g = j2g(j)
        keys.add((g.year, g.month) if prec == "m" else (g.year,))
    assert len(keys) == 1, ("ambiguous middle", j_start, n, keys)
    k = keys.pop()
    return "%04d-%02d" % k if prec == "m" else "%04d" % k


def P(y, m=None, d=None, t=None):
    if m is None:
        n = 366 if p_leap(y) else 365
        return _span(p2j(y, 1, 1), n, 3, "y")
    if d is None:
        return _span(p2j(y, m, 1), p_mlen(y, m), 3, "m")
    return j2g(p2j(y, m, d)).isoformat() + _tm(t)


def E(y, m=None, d=None, t=None):
    if m is None:
        n = 366 if e_leap(y) else 365
        return _span(e2j(y, 1, 1), n, 3, "y")
    if d is None:
        return _span(e2j(y, m, 1), e_mlen(y, m), 3, "m")
    return j2g(e2j(y, m, d)).isoformat() + _tm(t)


def H(y, m=None, d=None, t=None):
    if m is None:
        n = 355 if h_leap(y) else 354
        return _span(h2j(y, 1, 1), n, 5, "y")
    if d is None:
        return _span(h2j(y, m, 1), h_mlen(y, m), 4, "m")
    return j2g(h2j(y, m, d)).isoformat() + _tm(t)


def bad_p(y, m, d):
    try:
        p2j(y, m, d)
    except ValueError:
        return "invalid"
    raise AssertionError("expected impossible persian date")


def bad_e(y, m, d):
    try:
        e2j(y, m, d)
    except ValueError:
        return "invalid"
    raise AssertionError("expected impossible ethiopian date")


def bad_g(y, m, d):
    try:
        datetime.date(y, m, d)
    except ValueError:
        return "invalid"
    raise AssertionError("expected impossible gregorian date")


INV = "invalid"

# ---------------------------------------------------------------- digits
def _digits(base):
    return lambda s: "".join(chr(base + int(c)) if c.isdigit() and c.isascii() else c for c in str(s))


fa = _digits(0x06F0)   # Persian / Dari / Pashto
ar = _digits(0x0660)   # Arabic-Indic
bn = _digits(0x09E6)   # Bengali
dv = _digits(0x0966)   # Devanagari

_GE1 = "፩፪፫፬፭፮፯፰፱"
_GE10 = "፲፳፴፵፶፷፸፹፺"


def _ge2(n):
    return (_GE10[n // 10 - 1] if n >= 10 else "") + (_GE1[n % 10 - 1] if n % 10 else "")


def ge(n):
    assert 0 < n < 10000
    hi, lo = divmod(n, 100)
    s = ""
    if hi:
        s = ("" if hi == 1 else _ge2(hi)) + "፻"
    return s + _ge2(lo)


assert ge(1990) == "፲፱፻፺" and ge(2011) == "፳፻፲፩" and ge(12) == "፲፪"

# ---------------------------------------------------------------- weekdays
WD = {
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "de": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag",
    "nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
    "it": "lunedì martedì mercoledì giovedì venerdì sabato domenica",
    "es": "lunes martes miércoles jueves viernes sábado domingo",
    "el": "Δευτέρα Τρίτη Τετάρτη Πέμπτη Παρασκευή Σάββατο Κυριακή",
    "sv": "måndag tisdag onsdag torsdag fredag lördag söndag",
    "pl": "poniedziałek wtorek środa czwartek piątek sobota niedziela",
    "cs": "pondělí úterý středa čtvrtek pátek sobota neděle",
    "tr": "Pazartesi Salı Çarşamba Perşembe Cuma Cumartesi Pazar",
    "ru": "понедельник вторник среда четверг пятница суббота воскресенье",
    "uk": "понеділок вівторок середа четвер пʼятниця субота неділя",
    "ar": "الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد",
    "fa": "دوشنبه سه\u200cشنبه چهارشنبه پنجشنبه جمعه شنبه یکشنبه",
    "vi": "Thứ Hai|Thứ Ba|Thứ Tư|Thứ Năm|Thứ Sáu|Thứ Bảy|Chủ Nhật",
    "sq": "e hënë|e martë|e mërkurë|e enjte|e premte|e shtunë|e diel",
}


def wd(lang, y, m, d):
    names = WD[lang].split("|") if "|" in WD[lang] else WD[lang].split(" ")
    return names[datetime.date(y, m, d).weekday()]


def wdp(y, m, d):  # weekday of a Solar Hijri date, Persian name
    g = j2g(p2j(y, m, d))
    return wd("fa", g.year, g.month, g.day)


# ---------------------------------------------------------------- rows
ROWS = []  # (raw, calendar, order, expected, region, note, kind)
# kind (not written): gm = Gregorian with month name, gn = numeric/timestamp
# Gregorian, sh = Solar Hijri, ih = lunar Hijri, et = Ethiopian, inv = refused


def R(kind, raw, cal, order, exp, region, note):
    ROWS.append((raw, cal, order, exp, region, note, kind))


def gm(raw, exp, region, note, cal="-", order="dmy"):
    R("gm", raw, cal, order, exp, region, note)


def gn(raw, exp, region, note, cal="-", order="dmy"):
    R("gn", raw, cal, order, exp, region, note)


def sh(raw, exp, region, note, cal="-", order="dmy"):
    R("sh", raw, cal, order, exp, region, note)


def ih(raw, exp, region, note, cal="-", order="dmy"):
    assert "tabular" in note
    R("ih", raw, cal, order, exp, region, note)


def et(raw, exp, region, note, cal="-", order="dmy"):
    R("et", raw, cal, order, exp, region, note)


def bad(raw, region, note, cal="-", order="dmy", exp=INV):
    assert exp == INV
    R("inv", raw, cal, order, exp, region, note)


# ======================= phone extraction, messaging exports =============
gn("12/03/2019 14:22:05(UTC+0)", G(2019, 3, 12, "14:22:05"), "UK", "Cellebrite UFED timestamp")
gn("3/12/2019 2:22:05 PM(UTC-5)", G(2019, 3, 12, "14:22:05"), "UK", "Cellebrite US locale, offset dropped", order="mdy")
gn("12/25/2020 12:05:33 AM(UTC+0)", G(2020, 12, 25, "00:05:33"), "UK", "Cellebrite, 12 AM is midnight", order="mdy")
gn("1/2/2021 12:30:00 PM(UTC+2)", G(2021, 1, 2, "12:30:00"), "GR", "Cellebrite US locale, 12 PM noon", order="mdy")
gn("14/07/2021 23:59:59(UTC+3)", G(2021, 7, 14, "23:59:59"), "TR", "Cellebrite, seized in Izmir")
gn("30/06/2021 21:15:42(UTC+4:30)", G(2021, 6, 30, "21:15:42"), "AF", "Cellebrite, Kabul offset")
gn("2020-11-05 03:14:07 +01:00", G(2020, 11, 5, "03:14:07"), "DE", "XRY timestamp with offset")
gn("05.11.2020 03:14:07 (UTC+1)", G(2020, 11, 5, "03:14:07"), "DE", "XRY German locale")
gn("2021-06-30 21:15:42 UTC", G(2021, 6, 30, "21:15:42"), "NL", "XRY UTC")
gn("2021-06-30 21:15:42 +0430", G(2021, 6, 30, "21:15:42"), "IR", "extraction, Tehran offset no colon")
gn("2019-09-01T06:07:08+03:00", G(2019, 9, 1, "06:07:08"), "SY", "ISO timestamp with offset")
gn("2018-02-28T23:41:00Z", G(2018, 2, 28, "23:41:00"), "LY", "ISO timestamp Zulu")
gn("[21/08/2022, 04:37:12]", G(2022, 8, 21, "04:37:12"), "UK", "WhatsApp iOS export")
gn("21/08/2022, 04:37", G(2022, 8, 21, "04:37"), "UK", "WhatsApp Android export")
gn("21/08/2022 à 04:37", G(2022, 8, 21, "04:37"), "FR", "WhatsApp fr export")
gn("[2022/08/21 4:37:12]", G(2022, 8, 21, "04:37:12"), "CN", "WhatsApp export, year first")
gn(ar("21") + RLM + "/" + ar("8") + RLM + "/" + ar("2022") + "، " + ar("4:37") + " م", G(2022, 8, 21, "16:37"),
   "SY", "WhatsApp Arabic, RLM, م = PM")
gn(ar("3") + RLM + "/" + ar("1") + RLM + "/" + ar("2023") + " " + ar("9:05") + " ص", G(2023, 1, 3, "09:05"),
   "IQ", "WhatsApp Arabic, ص = AM")
gn("21.08.2022 04:37:12 UTC+03:00", G(2022, 8, 21, "04:37:12"), "UA", "Telegram HTML export title")
gn("2022-08-21T04:37:12", G(2022, 8, 21, "04:37:12"), "UA", "Telegram JSON export")
gn("09.10.2023 22:48:03 UTC+02:00", G(2023, 10, 9, "22:48:03"), "RS", "Telegram HTML export, Belgrade")
gn("12/3/2019 2:22 μ.μ.", G(2019, 3, 12, "14:22"), "GR", "Viber el, μ.μ. = PM")
gn("14:22 12/03/2019", G(2019, 3, 12, "14:22"), "VN", "Zalo, time first")
gn("12.03.2019 14:22:05", G(2019, 3, 12, "14:22:05"), "AL", "phone report sq")
gn("6/30/2021, 9:15 PM", G(2021, 6, 30, "21:15"), "UK", "Signal desktop US locale", order="mdy")
gn("03/04/2019 10:11", G(2019, 3, 4, "10:11"), "UK", "Cellebrite US locale, order decides", order="mdy")
gn("03/04/2019 10:11", G(2019, 4, 3, "10:11"), "IT", "Cellebrite it locale, order decides")
gn("2019/3/12 下午2:22", G(2019, 3, 12, "14:22"), "CN", "WeChat, 下午 = PM")
gm("2019年3月12日 上午11:05", G(2019, 3, 12, "11:05"), "CN", "WeChat chat header, 上午 = AM")

# ======================= money transfer, bank, hawala ======================
gn("03/04/2019", G(2019, 3, 4), "UK", "Western Union US receipt", order="mdy")
gn("04/03/2019", G(2019, 3, 4), "IT", "Western Union it receipt")
gn("20190304", G(2019, 3, 4), "NL", "ING CSV export yyyymmdd")
gn("04.03.2019 15:47:12", G(2019, 3, 4, "15:47:12"), "TR", "Turkish bank statement")
gn("04-03-2019 03:47 PM", G(2019, 3, 4, "15:47"), "PK", "JazzCash SMS")
gn("2019/03/04 15:47", G(2019, 3, 4, "15:47"), "SO", "Dahabshiil receipt")
gn("04/03/2019 15.47", G(2019, 3, 4, "15:47"), "IT", "Poste Italiane, dotted time")
gn("17.11.2020 09:03:44", G(2020, 11, 17, "09:03:44"), "UA", "PrivatBank statement")
gn("07/29/2016", G(2016, 7, 29), "NG", "MoneyGram US-format receipt", order="mdy")
gn(ar("4/3/2019"), G(2019, 3, 4), "SY", "hawala ledger, Arabic-Indic digits")
gn(ar("2019/03/04"), G(2019, 3, 4), "IQ", "hawala ledger, year first")
gn(bn("04/03/2019"), G(2019, 3, 4), "BD", "bKash Bengali digits")
gn(fa("2019/03/04"), G(2019, 3, 4), "AF", "hawala ledger Gregorian, Persian digits")
gn("2023-05-09 08:00:00.000", G(2023, 5, 9, "08:00:00"), "DE", "SQL export milliseconds")
gm("04 Mar 2019", G(2019, 3, 4), "UK", "Barclays statement")
gm("MAR 04 2019", G(2019, 3, 4), "UK", "MoneyGram receipt", order="mdy")
gm("04 Mar 2019, 03:47 PM", G(2019, 3, 4, "15:47"), "IN", "UPI app history")
gm("Mar 4, 2019 3:47:12 PM", G(2019, 3, 4, "15:47:12"), "UK", "Remitly email", order="mdy")
gm("04 мар 2019", G(2019, 3, 4), "RU", "bank app, abbreviated month")
gm("4 Mart 2019 Pazartesi", G(2019, 3, 4), "TR", "bank receipt with weekday")
gm("26 sie 2017", G(2017, 8, 26), "PL", "bank app, sie = sierpień")
gm("26-AUG-2017 18:05", G(2017, 8, 26, "18:05"), "SO", "Dahabshiil print")
gm("١٥ أغسطس ٢٠١٧", G(2017, 8, 15), "EG", "money transfer, Egyptian month")

# ======================= court, prosecution, police (long form) ============
gm("12th March 2019", G(2019, 3, 12), "UK", "witness statement")
gm("the 12th day of March 2019", G(2019, 3, 12), "UK", "indictment")
gm(wd("en", 2019, 3, 12) + " 12 March 2019", G(2019, 3, 12), "UK", "court list, weekday")
gm("On or about 3 June 2018", G(2018, 6, 3), "UK", "charge wording, approximate")
gm("23rd Dec 2015", G(2015, 12, 23), "UK", "custody record")
gm("22nd February 1996", G(1996, 2, 22), "UK", "PNC DOB")
gm("le 26 février 2019", G(2019, 2, 26), "FR", "procès-verbal")
gm("le 1er juin 2018", G(2018, 6, 1), "FR", "jugement, 1er")
gm("le " + wd("fr", 2017, 10, 17) + " 17 octobre 2017", G(2017, 10, 17), "FR", "réquisitoire, weekday")
gm("né le 8 août 1994", G(1994, 8, 8), "FR", "PV d'audition, né le")
gm("am 11. Dezember 2017", G(2017, 12, 11), "DE", "Anklageschrift")
gm(wd("de", 2020, 9, 15) + ", 15. September 2020", G(2020, 9, 15), "DE", "Urteil, weekday")
gm("am 3. Jänner 2020", G(2020, 1, 3), "AT", "Austrian Jänner")
gm("geb. 27. Feb. 1991", G(1991, 2, 27), "DE", "Vernehmung, abbreviated")
gm(wd("nl", 2021, 5, 4) + " 4 mei 2021", G(2021, 5, 4), "NL", "vonnis, weekday")
gm("geboren 19 okt. 1993", G(1993, 10, 19), "BE", "PV Dutch, okt.")
gm("1° giugno 2018", G(2018, 6, 1), "IT", "sentenza, ordinal sign")
gm(wd("it", 2022, 11, 23) + " 23 novembre 2022", G(2022, 11, 23), "IT", "decreto, weekday")
gm("nato il 7 gen. 1989", G(1989, 1, 7), "IT", "fotosegnalamento, gen.")
gm(wd("el", 2016, 4, 20) + ", 20 Απριλίου 2016", G(2016, 4, 20), "GR", "court, weekday")
gm("5 Αυγ 2015", G(2015, 8, 5), "GR", "Hellenic Coast Guard log")
gm("14 Μαΐου 1998", G(1998, 5, 14), "GR", "asylum service")
gm(wd("es", 2018, 7, 9) + ", 9 de julio de 2018", G(2018, 7, 9), "ES", "sentencia, weekday")
gm("nacido el 30 de noviembre de 1999", G(1999, 11, 30), "ES", "reseña, nacido el")
gm(wd("sv", 2020, 2, 18) + "en den 18 februari 2020", G(2020, 2, 18), "SE", "dom, weekday-en den")
gm("3 aug. 2017", G(2017, 8, 3), "SE", "polisanmälan, aug.")
gm("dnia 19 stycznia 2016 r.", G(2016, 1, 19), "PL", "protokół, r.")
gm("28 października 2015 roku", G(2015, 10, 28), "PL", "akt oskarżenia")
gm(wd("pl", 2019, 12, 5) + ", 5 grudnia 2019", G(2019, 12, 5), "PL", "wyrok, weekday")
gm("4 lipca 1986", G(1986, 7, 4), "PL", "Straż Graniczna, lipca = July")
gm("dne 9. září 2015", G(2015, 9, 9), "CZ", "protokol, genitive")
gm("21. srpna 1984", G(1984, 8, 21), "CZ", "Czech srpna = August")
gm(wd("cs", 2018, 6, 14) + " 14. června 2018", G(2018, 6, 14), "CZ", "rozsudek, weekday")
gm("12 Mart 2019 " + wd("tr", 2019, 3, 12), G(2019, 3, 12), "TR", "iddianame, weekday after")
gm("9 Eylül 1992", G(1992, 9, 9), "TR", "nüfus kaydı")
gm("më 22 korrik 2018", G(2018, 7, 22), "AL", "aktakuzë, më")
gm("lindur më 17 shkurt 1990", G(1990, 2, 17), "XK", "Kosovo police, shkurt = Feb")
gm(wd("sq", 2021, 11, 4) + ", 4 nëntor 2021", G(2021, 11, 4), "AL", "vendim gjykate, weekday")
gm("25. avgusta 2017. godine", G(2017, 8, 25), "RS", "optužnica, Serbian genitive")
gm("3. октобра 2014. године", G(2014, 10, 3), "RS", "Cyrillic court record")
gm("28. veljače 2020.", G(2020, 2, 28), "HR", "Croatian veljača = February")
gm("7. srpnja 1995.", G(1995, 7, 7), "HR", "Croatian srpanj = July")
gm("19. studenoga 1983.", G(1983, 11, 19), "HR", "Croatian studeni = November")
gm("2. juna 2004. godine", G(2004, 6, 2), "BA", "Bosnian court")
gm(wd("ru", 2020, 1, 31) + ", 31 января 2020 г.", G(2020, 1, 31), "RU", "постановление, weekday")
gm("16 жовтня 2017 р.", G(2017, 10, 16), "UA", "протокол, р.")
gm("5 листопада 1988 р.", G(1988, 11, 5), "UA", "Ukrainian листопада = November")
gm("2017 წლის 6 ივლისი", G(2017, 7, 6), "GE", "court, year first")
gm("ngày 23 tháng 10 năm 2019", G(2019, 10, 23), "VN", "biên bản")
gm("二〇二〇年一月三十一日", G(2020, 1, 31), "CN", "judgment, Chinese numerals")
gm("2018年11月6日", G(2018, 11, 6), "CN", "police record")
gm("الموافق ١٨ نوفمبر ٢٠١٨", G(2018, 11, 18), "EG", "court, الموافق")
gm("١٢ نيسان ٢٠١٩", G(2019, 4, 12), "SY", "court, Levantine month")
gm("12 حزيران 2014", G(2014, 6, 12), "IQ", "Iraqi court, Latin digits")
gm(wd("ar", 2009, 10, 29) + " " + ar("29") + " تشرين الأول " + ar("2009"), G(2009, 10, 29), "SY", "court, weekday")
gm("١٧ جويلية ١٩٩٤", G(1994, 7, 17), "TN", "Tunisian جويلية = July")
gm("22 غشت 1989", G(1989, 8, 22), "MA", "Moroccan غشت = August")
gm("5 دجنبر 2012", G(2012, 12, 5), "MA", "Moroccan دجنبر = December")
gm("١ أوت ١٩٩١", G(1991, 8, 1), "DZ", "Algerian أوت = August")

# ======================= identity documents, registrations =================
gm("12 MAR/MARS 1990", G(1990, 3, 12), "SY", "passport bilingual")
gm("01 JAN/JAN 1990", G(1990, 1, 1), "AF", "passport, default 1 Jan DOB")
gm("16 AOU/AUG 1985", G(1985, 8, 16), "MA", "passport fr/en AOU")
gm("09 OCT 1982", G(1982, 10, 9), "IR", "Iranian passport Gregorian, persian declared", cal="persian")
gm("21 APR 1993", G(1993, 4, 21), "AF", "Afghan passport Gregorian, persian declared", cal="persian")
gm("11 NOV 1975", G(1975, 11, 11), "ET", "Ethiopian passport Gregorian, ethiopic declared", cal="ethiopic")
gm("12-MAR-1990", G(1990, 3, 12), "UNHCR", "proGres DOB")
gm("UNK-MAR-1990", G(1990, 3), "UNHCR", "proGres unknown day")
gm("UNK-UNK-1988", G(1988), "UNHCR", "proGres unknown day and month")
gm("circa June 1997", G(1997, 6), "IOM", "approximate month")
gm("12 ለካቲት 1990", G(1990, 2, 12), "ER", "Tigrinya ለካቲት = Feb (Gregorian)")
gm("ጥሪ 1992", G(1992, 1), "ER", "Tigrinya ጥሪ = Jan, month-year")
gm("25 ሰነ 1987", G(1987, 6, 25), "ER", "Tigrinya ሰነ = June")
gm("3 ሓምለ 1994", G(1994, 7, 3), "ER", "Tigrinya ሓምለ = July")
gm("18 ጥቅምቲ 1998", G(1998, 10, 18), "ER", "Tigrinya ጥቅምቲ = Oct")
gm("15 መስከረም 1995 G.C.", G(1995, 9, 15), "ER", "shared name, G.C. says Gregorian")
gm("ሚያዝያ 2 1999 G.C.", G(1999, 4, 2), "ER", "shared name, G.C.")
gm("12 Maarso 1990", G(1990, 3, 12), "SO", "Somali month")
gm("Luulyo 1988", G(1988, 7), "SO", "Somali month-year")
gm("12 მარტი 1990", G(1990, 3, 12), "GE", "Georgian ID")
gm("27 აგვისტო 1979", G(1979, 8, 27), "GE", "Georgian police")
gm("Ngày sinh: 05 tháng 11, 1996", G(1996, 11, 5), "VN", "label, comma form")
gm("1990年03月12日", G(1990, 3, 12), "CN", "hukou")
gm("১২ মার্চ ১৯৯০", G(1990, 3, 12), "BD", "birth registration, Bengali")
gm("৭ অক্টোবর ১৯৮৫", G(1985, 10, 7), "BD", "NID Bengali")
gm("12 مارچ 1990", G(1990, 3, 12), "PK", "Urdu month, Latin digits")
gm("۲۳ ستمبر ۱۹۸۸", G(1988, 9, 23), "PK", "Urdu month, Persian digits")
gm("१२ मार्च १९९०", G(1990, 3, 12), "IN", "Hindi, Devanagari digits")
gm("जन्म तिथि: 4 अगस्त 1992", G(1992, 8, 4), "IN", "Hindi label")
gm("12th March, 1990", G(1990, 3, 12), "NG", "NIMC slip")
gm("١٢ يناير ١٩٩٠", G(1990, 1, 12), "EG", "national ID, Egyptian month")
gm("١٢ كانون الثاني ١٩٩٠", G(1990, 1, 12), "SY", "civil register, Levantine")
gm("٢٥ شباط ١٩٨٣", G(1983, 2, 25), "IQ", "Iraqi ID, شباط = Feb")
gm("٤ آذار ١٩٨٧", G(1987, 3, 4), "SY", "Arabic آذار = March (not Persian آذر)")
gm("١٩ أيار ١٩٩٩", G(1999, 5, 19), "SY", "Levantine أيار = May")
gm("٣٠ أيلول ١٩٦٨", G(1968, 9, 30), "IQ", "Levantine أيلول = Sep")
gm("٢ كانون الأول ٢٠٠٠", G(2000, 12, 2), "SY", "كانون الأول = Dec")
gm("١٤ تشرين الثاني ١٩٧٢", G(1972, 11, 14), "IQ", "تشرين الثاني = Nov")
gm("10 يوليو 1988", G(1988, 7, 10), "SD", "Sudanese ID")
gm("11 أبريل 1986", G(1986, 4, 11), "LY", "Libyan ID")
gm("٧ مايو ٢٠٠٢", G(2002, 5, 7), "LY", "Libyan record")
gm("١٢ی ئازاری ١٩٩٠", G(1990, 3, 12), "KRI", "Sorani, ئازار = March, izafe")
gm("12 ئایار 1988", G(1988, 5, 12), "KRI", "Sorani ئایار = May")
gm("٣ تشرینی یەکەمی ١٩٩٧", G(1997, 10, 3), "KRI", "Sorani تشرینی یەکەم = Oct")
gm("12 Gulan 1990", G(1990, 5, 12), "SY", "Kurmanji Gulan = May")
gm("Tebax 1995", G(1995, 8), "TR", "Kurmanji Tebax = Aug, month-year")
gm("21 Îlon 2001", G(2001, 9, 21), "SY", "Kurmanji Îlon = Sep")
gm("14 Nisan 1984", G(1984, 4, 14), "TR", "nüfus cüzdanı")
gm("02 Ara 1977", G(1977, 12, 2), "TR", "Aralık abbreviated")
gm("15 qershor 1989", G(1989, 6, 15), "AL", "letërnjoftim")
gm("30 tetor 1993", G(1993, 10, 30), "XK", "Kosovo ID, tetor = Oct")
gm("17. februar 1986", G(1986, 2, 17), "BA", "Bosnian ID")
gm("24. децембар 1980.", G(1980, 12, 24), "RS", "Serbian Cyrillic nominative")
gm("9 травня 1995", G(1995, 5, 9), "UA", "Ukrainian травня = May")
gm("۱۲ مارس ۲۰۱۹", G(2019, 3, 12), "IR", "Persian digits, Gregorian month name")
gm("۲۴ ژوئن ۱۹۹۷ میلادی", G(1997, 6, 24), "IR", "Gregorian ژوئن + میلادی")
gm("12 March 1990", G(1990, 3, 12), "IR", "English month, persian declared", cal="persian")
gm("7 Aug 1986", G(1986, 8, 7), "SA", "English month, islamic declared", cal="islamic")

# ======================= social media (absolute) ===========================
gm("March 12, 2019", G(2019, 3, 12), "UK", "Facebook en-US", order="mdy")
gm("March 12, 2019 at 2:22 PM", G(2019, 3, 12, "14:22"), "UK", "Facebook en-US with time", order="mdy")
gm("2:22 PM · Mar 12, 2019", G(2019, 3, 12, "14:22"), "UK", "Twitter/X timestamp", order="mdy")
gm("27 janvier 2020 à 08:05", G(2020, 1, 27, "08:05"), "FR", "Facebook fr")
gm("30. April 2018 um 23:10", G(2018, 4, 30, "23:10"), "DE", "Facebook de")
gm("8 de octubre de 2016 a las 19:45", G(2016, 10, 8, "19:45"), "ES", "Facebook es")
gm("16 agosto 2017 alle ore 10:30", G(2017, 8, 16, "10:30"), "IT", "Facebook it")
gm("1 juni 2020 om 06:55", G(2020, 6, 1, "06:55"), "NL", "Facebook nl")
gm("29 декабря 2018 г. в 21:04", G(2018, 12, 29, "21:04"), "RU", "VK post")
gm("١٢ مارس ٢٠١٩ الساعة ٢:٢٢ م", G(2019, 3, 12, "14:22"), "EG", "Facebook ar, م = PM")
gm("20 Tháng 9, 2019 lúc 13:07", G(2019, 9, 20, "13:07"), "VN", "Facebook vi")
gm("2 juli 2016 kl. 00:12", G(2016, 7, 2, "00:12"), "SE", "Facebook sv")
gm("24 kwietnia 2021 o 17:38", G(2021, 4, 24, "17:38"), "PL", "Facebook pl")
gm(wd("el", 2019, 3, 12) + " 12 Μαρτίου 2019 στις 2:22 μ.μ.", G(2019, 3, 12, "14:22"), "GR", "Facebook el, weekday, μ.μ.")
gm("Jun 30, 2021 9:15 PM", G(2021, 6, 30, "21:15"), "NG", "Instagram en-US", order="mdy")
gm("July 4, 2017", G(2017, 7, 4), "PK", "Facebook en-US", order="mdy")
gm("Sept 9, 2020", G(2020, 9, 9), "IN", "Sept abbreviation", order="mdy")
assert datetime.date(2020, 8, 5).weekday() == 2
gm("ረቡዕ, 5 ኦገስት 2020", G(2020, 8, 5), "ER", "Wednesday + transliterated month")
gm("mid-March 2019", G(2019, 3), "UK", "debrief, approximate")
gm("fin mai 2019", G(2019, 5), "FR", "PV, fin = late")
gm("Anfang Oktober 2015", G(2015, 10), "DE", "Anhörung, approximate")
gm("begin augustus 2015", G(2015, 8), "NL", "gehoor, approximate")
gm("verso metà luglio 2016", G(2016, 7), "IT", "verbale, approximate")
gm("a mediados de enero de 2017", G(2017, 1), "ES", "declaración, approximate")
gm("i början av april 2016", G(2016, 4), "SE", "utredning, approximate")
gm("około października 2015", G(2015, 10), "PL", "przesłuchanie, approximate")
gm("в конце ноября 2014", G(2014, 11), "RU", "допрос, approximate")
gm("Ekim 2015 sonları", G(2015, 10), "TR", "ifade, approximate")
gm("أواخر كانون الأول ٢٠١٥", G(2015, 12), "SY", "debrief, أواخر = late")
gm("حوالي آب ٢٠١٥", G(2015, 8), "IQ", "debrief, around August")
gm("about 14 September 2015", G(2015, 9, 14), "UK", "debrief approximate full date")
gm("Σεπτέμβριος 2015", G(2015, 9), "GR", "month-year nominative")
gm("tháng 10 năm 2019", G(2019, 10), "VN", "month-year (Essex lorry case era)")
gm("prosinec 2021", G(2021, 12), "CZ", "Czech prosinec = Dec")
gm("ca. Februar 1960", G(1960, 2), "DE", "elderly relative, approximate")
gm("Dec 1954", G(1954, 12), "UK", "old record month-year")
gm("2 Jan 1951", G(1951, 1, 2), "UK", "old DOB")

# ======================= numeric Gregorian (forms, IDs) ====================
gn("18/06/1997", G(1997, 6, 18), "SY", "passport numeric")
gn("1990/03/12", G(1990, 3, 12), "IQ", "Iraqi national ID")
gn(ar("1990/3/12"), G(1990, 3, 12), "IQ", "Iraqi ID Arabic-Indic, year first")
gn(ar("12/03/1990"), G(1990, 3, 12), "EG", "Egyptian form")
gn("12/03/1990", G(1990, 3, 12), "ER", "Eritrean ID, gregorian declared", cal="gregorian")
gn("12.03.1990", G(1990, 3, 12), "PK", "CNIC")
gn("DOB: 12/03/1990", G(1990, 3, 12), "IN", "Aadhaar, label")
gn("1990.03.12", G(1990, 3, 12), "CN", "ID card dotted")
gn("12/03/1990", G(1990, 12, 3), "UK", "US-format form, order decides", order="mdy")
gn("31/12/1969", G(1969, 12, 31), "TR", "kimlik")
gn("29/02/1992", G(1992, 2, 29), "AL", "leap day valid")
gn("29.02.2000", G(2000, 2, 29), "RU", "leap day century")
gn("00/05/1985", G(1985, 5), "UK", "unknown day")
gn("00.00.1990", G(1990), "DE", "unknown day and month")
gn("XX/XX/1985", G(1985), "FR", "unknown day and month as XX")
gn("??.06.1993", G(1993, 6), "AT", "unknown day as ??")
gn("01/01/1995", G(1995, 1, 1), "AF", "UNHCR default 1 Jan")
gn("1985", G(1985), "ET", "year alone, ethiopic declared: plain digits Gregorian", cal="ethiopic")
gn("1992", G(1992), "IR", "year alone, persian declared: plain digits Gregorian", cal="persian")
gn("circa 1985", G(1985), "UK", "approximate year")
gn("vers 1993", G(1993), "FR", "approximate year")
gn("حوالي ١٩٩٠", G(1990), "SD", "approximate year Arabic")
gn("около 1972 г.", G(1972), "RU", "approximate year Russian")
gn("yaklaşık 1988", G(1988), "TR", "approximate year Turkish")
gn("rreth vitit 1991", G(1991), "AL", "approximate year Albanian")
gn("early 2018", G(2018), "UK", "approximate year word")
gn("03/2019", G(2019, 3), "UK", "month-year numeric")
gn("2017-11", G(2017, 11), "NL", "month-year ISO")
gn("12.03.1990 г.", G(1990, 3, 12), "UA", "numeric with г.")
gn("12.03.1990. godine", G(1990, 3, 12), "BA", "numeric with godine")
gn("12. 3. 1990", G(1990, 3, 12), "CZ", "Czech spaced")
gn("12.3.1990.", G(1990, 3, 12), "HR", "trailing dot")
gn("05/11/1996", G(1996, 11, 5), "VN", "CCCD")
gn("08.01.1979", G(1979, 1, 8), "GE", "Georgian ID numeric")
gn("1/7/1999", G(1999, 1, 7), "SO", "Somali numeric, US habit", order="mdy")
gn("12/03/1990 G.C.", G(1990, 3, 12), "ET", "G.C. overrides ethiopic declared", cal="ethiopic")
gn("1988/04/09 م", G(1988, 4, 9), "IQ", "م = Gregorian marker")
gn("2001-06-15T00:00:00", G(2001, 6, 15, "00:00:00"), "NL", "DOB exported as timestamp")

# ======================= Solar Hijri ======================================
sh(fa("1365/07/12"), P(1365, 7, 12), "IR", "shenasnameh", cal="persian")
sh("1365/07/12", P(1365, 7, 12), "IR", "Latin digits, persian declared", cal="persian")
sh(fa("12 مهر 1365"), P(1365, 7, 12), "IR", "Persian month name")
sh("12 Mehr 1365", P(1365, 7, 12), "IR", "transliterated Mehr")
sh("دوازدهم مهر ماه یکهزار و سیصد و شصت و پنج", P(1365, 7, 12), "IR", "shenasnameh spelled out in words")
sh(fa("12 حمل 1370"), P(1370, 1, 12), "AF", "Dari حمل = Farvardin")
sh("1370/05/12", P(1370, 5, 12), "AF", "e-tazkira Latin digits", cal="persian")
sh(fa("1370") + " ه.ش", P(1370), "AF", "year only with ه.ش marker")
sh(fa("00/00/1370"), P(1370), "AF", "unknown day and month, persian declared", cal="persian")
sh(fa("اسد 1375"), P(1375, 5), "AF", "month only, Dari اسد = Mordad")
sh(fa("15 جدی 1380"), P(1380, 10, 15), "AF", "Dari جدی = Dey")
sh(fa("3 ثور 1368") + " هـ ش", P(1368, 2, 3), "AF", "Dari ثور + marker")
sh(fa("29 حوت 1374"), P(1374, 12, 29), "AF", "Dari حوت = Esfand")
sh(fa("30 اسفند 1375"), P(1375, 12, 30), "IR", "leap year 30 Esfand")
sh(fa("31 شهریور 1368"), P(1368, 6, 31), "IR", "31-day month")
sh(fa("8 لړم 1362"), P(1362, 8, 8), "AF", "Pashto لړم = Aqrab")
sh("12 Saratan 1372", P(1372, 4, 12), "AF", "transliterated Saratan")
sh("Jawza 1380", P(1380, 3), "AF", "month only, Jawza")
sh(fa("1398/08/25 02:30") + " ب.ظ", P(1398, 8, 25, "14:30"), "IR", "bank receipt, ب.ظ = PM", cal="persian")
sh("1398/08/25 14:30:12", P(1398, 8, 25, "14:30:12"), "IR", "bank receipt Latin", cal="persian")
sh(wdp(1398, 8, 25) + " " + fa("25 آبان 1398"), P(1398, 8, 25), "IR", "weekday + Aban")
sh(fa("آذر 1385"), P(1385, 9), "IR", "month only, آذر = 9th month")
sh("1390 هـ.ش", P(1390), "IR", "year only, Latin digits + marker")
sh(fa("1360") + " شمسی", P(1360), "AF", "year only, شمسی")
sh("1 Farvardin 1403", P(1403, 1, 1), "IR", "anchor Nowruz 1403")
sh(fa("1402/12/29"), P(1402, 12, 29), "IR", "last day non-leap 1402", cal="persian")
sh(fa("1365/7/12") + " ه" + ZWNJ + ".ش", P(1365, 7, 12), "AF", "marker with ZWNJ")
sh("تاریخ تولد: " + fa("1369/04/01"), P(1369, 4, 1), "AF", "label, persian declared", cal="persian")
sh(fa("12 میزان 1364"), P(1364, 7, 12), "AF", "Dari میزان = Mehr")
sh("مورخ " + fa("1400/03/15"), P(1400, 3, 15), "IR", "court, مورخ", cal="persian")
sh("Esfand 1399", P(1399, 12), "IR", "month only Esfand")
sh(fa("5 خرداد 1357"), P(1357, 3, 5), "IR", "pre-revolution shenasnameh")
sh(fa("17 دلو 1359"), P(1359, 11, 17), "AF", "Dari دلو = Bahman")
sh(fa("12 مهر 1365"), P(1365, 7, 12), "IR", "Persian month, gregorian declared", cal="gregorian")
sh(RLM + fa("1396/11/22"), P(1396, 11, 22), "AF", "hawala ledger, leading RLM", cal="persian")

# ======================= lunar Hijri (tabular) =============================
ih("15 رمضان 1420 هـ", H(1420, 9, 15), "SA", "tabular; Latin digits")
ih(ar("15") + " رمضان " + ar("1420") + "هـ", H(1420, 9, 15), "SD", "tabular; Arabic-Indic")
ih("1420/09/15 هـ", H(1420, 9, 15), "SA", "tabular; numeric + marker")
ih("12 Rabi' al-Awwal 1405 AH", H(1405, 3, 12), "SA", "tabular; transliterated")
ih("1405/03/12", H(1405, 3, 12), "SA", "tabular; iqama, islamic declared", cal="islamic")
ih(ar("20") + " ذو الحجة " + ar("1435") + " هـ", H(1435, 12, 20), "SA", "tabular; Dhu al-Hijjah")
ih("ذو القعدة 1428 هـ", H(1428, 11), "SD", "tabular; month only")
ih("1410 هـ", H(1410), "LY", "tabular; year only with marker")
ih("3 Muharram 1441H", H(1441, 1, 3), "SA", "tabular; H suffix")
ih("1441-01-03", H(1441, 1, 3), "SA", "tabular; ISO-like, islamic declared", cal="islamic")
ih(ar("7") + " جمادى الأولى " + ar("1402") + " هـ", H(1402, 5, 7), "EG", "tabular; Jumada I")
ih("7 Jumada al-Ula 1402", H(1402, 5, 7), "PK", "tabular; month name only")
ih("الموافق " + ar("2") + " شوال " + ar("1427") + "هـ", H(1427, 10, 2), "SD", "tabular; marriage certificate")
ih("14 Shaban 1415 Hijri", H(1415, 8, 14), "PK", "tabular; nikah nama")
ih(fa("1400") + " ه.ق", H(1400), "IR", "tabular; ه.ق lunar marker, year only")
ih(fa("12 ربیع") + ZWNJ + "الاول " + fa("1405") + " ه.ق", H(1405, 3, 12), "IR", "tabular; Persian spelling")
ih("رجب 1435", H(1435, 7), "LY", "tabular; month only, no marker")
ih(ar("27") + " رجب " + ar("1410") + " هـ", H(1410, 7, 27), "LY", "tabular; Libyan register")
ih("Safar 1412 AH", H(1412, 2), "SO", "tabular; month only")
ih("1 Shawwal 1444", H(1444, 10, 1), "SO", "tabular; Eid al-Fitr")
ih(fa("15/02/1443") + " هـ ق", H(1443, 2, 15), "AF", "tabular; post-2021 Afghan document")

# ======================= Ethiopian ========================================
et("12/01/1982 ዓ.ም", E(1982, 1, 12), "ET", "kebele ID")
et("መስከረም 12 ቀን 1982 ዓ.ም", E(1982, 1, 12), "ET", "Amharic ቀን + ዓ.ም")
et("ጥር 22 ቀን 1985 ዓ.ም", E(1985, 5, 22), "ET", "Tir")
et("22/05/1985", E(1985, 5, 22), "ET", "kebele, ethiopic declared", cal="ethiopic")
et(ge(12) + " ጥር " + ge(1985), E(1985, 5, 12), "ET", "Ge'ez numerals")
et("ጥቅምት 3 1990 E.C.", E(1990, 2, 3), "ET", "E.C. marker")
et("3 Tikimt 1990 E.C.", E(1990, 2, 3), "ET", "transliterated Tikimt")
et("ሐምሌ 1980 ዓ.ም", E(1980, 11), "ET", "month only")
et("1985 ዓ.ም", E(1985), "ET", "year only with ዓ.ም")
et("ጳጉሜ 3 ቀን 2011 ዓ.ም", E(2011, 13, 3), "ET", "Pagume")
et("ሰኔ 30 ቀን 2000 ዓ.ም", E(2000, 10, 30), "ET", "Sene 30")
et("30/02/1976", E(1976, 2, 30), "ET", "day 30 in month 2 valid in EC", cal="ethiopic")
et("06/13/2015", E(2015, 13, 6), "ET", "Pagume 6 in EC leap year", cal="ethiopic")
et("ሚያዝያ 12 ቀን 1992 ዓ.ም", E(1992, 8, 12), "ET", "shared name, ዓ.ም says Ethiopian")
et("ነሐሴ 15/2010 ዓ.ም", E(2010, 12, 15), "ET", "Nehase, slash")
et("የካቲት 8 ቀን 1988", E(1988, 6, 8), "ET", "Amharic የካቲት + ቀን")
et("ህዳር " + ge(15) + " ቀን " + ge(2010) + " ዓ.ም", E(2010, 3, 15), "ET", "Ge'ez numerals, Hidar")
et("ታኅሣሥ 29 ቀን 1976 ዓ.ም", E(1976, 4, 29), "ET", "Tahsas 29")
et("መጋቢት 5 1989 E.C.", E(1989, 7, 5), "ET", "shared name + E.C.")
et("ግንቦት 1995 ዓ.ም", E(1995, 9), "ET", "shared name month only + ዓ.ም")
et("15/09/2003 ዓ.ም", E(2003, 9, 15), "ET", "ID numeric + ዓ.ም")

# ======================= must be refused ==================================
bad("8/21/22, 4:37 AM", "UK", "WhatsApp US export, two-digit year", order="mdy")
bad("[21.08.22, 04:37:12]", "DE", "WhatsApp de iOS, two-digit year")
bad("900312", "SY", "MRZ DOB yymmdd, two-digit year")
bad("12/03/85", "UK", "two-digit year")
bad("15.08.79", "RS", "two-digit year")
bad("12-Jan-90", "NG", "two-digit year")
bad("31/04/1990", "SY", "impossible: 31 April" if bad_g(1990, 4, 31) else "")
bad("29/02/1991", "AF", "impossible: not leap" if bad_g(1991, 2, 29) else "")
bad("30 février 1992", "FR", "impossible: 30 Feb" if bad_g(1992, 2, 30) else "")
bad("31 June 1988", "UK", "impossible: 31 June" if bad_g(1988, 6, 31) else "")
bad("13/13/1990", "IQ", "impossible month")
bad("00/00/0000", "UNHCR", "placeholder, no year")
bad(fa("30 اسفند 1374"), "IR", "impossible: 1374 not leap" if bad_p(1374, 12, 30) else "")
bad(fa("31 مهر 1368"), "IR", "impossible: Mehr has 30 days" if bad_p(1368, 7, 31) else "")
bad("06/13/2014", "ET", "impossible: Pagume 6 in EC common year" if bad_e(2014, 13, 6) else "", cal="ethiopic")
bad("1365/07/12", "AF", "Latin 13xx, no marker or declared calendar")
bad("1420/09/15", "SA", "Latin 14xx, no marker or declared calendar")
bad("1370", "AF", "Latin year 1370 alone, no calendar")
bad("unknown", "UK", "free text")
bad("غير معروف", "SY", "free text: unknown")
bad("نامعلوم", "AF", "free text: unknown")
bad("March", "UK", "month alone")
bad("آذار", "SY", "month alone")
bad("25 years old", "UK", "age")
bad("٢٥ سنة", "SD", "age")
bad(fa("15") + " ساله", "AF", "age on paper tazkira")
bad("12 listopada 1990", "PL", "listopad ambiguous Polish/Croatian")
bad("listopad 1988", "HR", "listopad ambiguous")
bad("12 መስከረም 1990", "ER", "shared Ethiopic name, no marker")
bad("ግንቦት 1992", "ER", "shared Ethiopic name, no marker")
bad("Yesterday at 14:22", "UK", "relative date")
bad("3 days ago", "UK", "relative date")
bad("hace 2 días", "ES", "relative date")
bad("вчера в 14:22", "RU", "relative date")
bad("منذ ٣ أيام", "EG", "relative date")
bad("dün 14:22", "TR", "relative date")
bad("昨天 14:22", "CN", "relative date")
bad("Mar 12 at 2:22 PM", "UK", "no year (current-year display)", order="mdy")

# ---------------------------------------------------------------- checks
ROWS[:] = [r for r in ROWS if r is not None]
seen = set()
for r in ROWS:
    raw, cal, order, exp, region, note, kind = r
    assert raw and note and region, r
    for f in r[:6]:
        assert "\t" not in f and "\n" not in f, r
    assert cal in ("-", "gregorian", "persian", "islamic", "ethiopic"), r
    assert order in ("dmy", "mdy"), r
    if exp != INV:
        y = int(exp[:4])
        assert 1950 <= y <= 2024, r
    assert (kind == "inv") == (exp == INV), r
    if kind == "ih" or cal == "islamic":
        assert "tabular" in note or kind != "ih", r
    key = (raw, cal, order)
    assert key not in seen, r
    seen.add(key)

HEADER = """\
# dates_heldout5.tsv - held-out evaluation set 5 for the date normaliser.
# Dates as written in records of a multi-agency taskforce against organised
# immigration crime: phone extraction reports (Cellebrite/XRY), WhatsApp and
# Telegram exports, money-transfer/bank/hawala records, court and prosecution
# papers, social-media posts, identity documents and UNHCR/IOM registrations.
# Written by a helper session that did not see the implementation, its tests or
# docs, or any earlier dates_* set.
# Expected values were computed by dates_heldout5_make.py (same directory),
# which reproduces this file exactly: Gregorian dates checked with Python's
# datetime; Solar Hijri by the arithmetic 33-year rule anchored at
# 1 Farvardin 1365 = 1986-03-21 (checked: 1 Farvardin 1403 = 2024-03-20,
# 30 Esfand 1403 = 2025-03-20); Ethiopian by its arithmetic (checked:
# 1 Meskerem 2017 = 2024-09-11, 1 Meskerem 1976 = 1983-09-12); lunar Hijri by
# the tabular Islamic civil calendar (rows noted "tabular"; +-2 days accepted).
# Month- or year-only converted dates give the Gregorian month/year holding the
# middle of the span. Time-zone offsets are dropped, local time kept.
# Columns: raw, calendar (declared by the source mapping), order, expected,
# region, note.
"""


def main():
    lines = [HEADER.rstrip("\n"), "raw\tcalendar\torder\texpected\tregion\tnote"]
    for r in ROWS:
        lines.append("\t".join(r[:6]))
    data = "\n".join(lines) + "\n"
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(data)
    if "-v" in sys.argv:
        from collections import Counter
        print("rows", len(ROWS))
        print("kind", sorted(Counter(r[6] for r in ROWS).items()))
        print("calendar", sorted(Counter(r[1] for r in ROWS).items()))
        print("region", sorted(Counter(r[4] for r in ROWS).items()))


if __name__ == "__main__":
    main()
