#!/usr/bin/python3
# dates_heldout4_make.py -- generator for bench/data/dates_heldout4.tsv
#
# Held-out evaluation set no. 4 for the date normaliser.  Written by a helper
# session that did NOT see the normaliser's code, docs or tests, nor any of the
# earlier bench/data/dates_* sets.  Rows imitate dates as they are written in
# the records of a taskforce against organised immigration crime: police
# debriefs, Home Office / partner police reports, identity documents (passports,
# tazkira, shenasnameh, kebele IDs, Eritrean IDs, Syrian/Iraqi IDs, UNHCR/IOM
# registrations), money-transfer and bank exports, hawala ledgers, social media.
#
# Every expected value is computed here, never typed in by hand:
#   * Gregorian: own Julian-day-number arithmetic (validity, weekday names).
#   * Solar Hijri: arithmetic 33-year cycle, leap iff (25*y + 11) mod 33 < 8,
#     counted from the anchor 1 Farvardin 1365 = 1986-03-21 (checked against
#     1 Farvardin 1403 = 2024-03-20 and 30 Esfand 1403 = 2025-03-20).
#   * Ethiopian: 12 x 30 days + Pagume (6 days iff year mod 4 == 3), epoch fixed
#     by 1 Meskerem 2017 EC = 2024-09-11, checked on 1 Meskerem 1976 = 1983-09-12.
#   * Lunar Hijri: tabular Islamic civil calendar (epoch JDN 1948440 = 16 July
#     622 Julian, leap years 2,5,7,10,13,16,18,21,24,26,29 of the 30-year cycle).
#     Real documents may differ by 1-2 days; such rows carry the note "tabular".
#   * A converted date given only to month or year -> the Gregorian month/year
#     holding the midpoint of that span; the script asserts the midpoint is at
#     least 1 day (3 days for lunar Hijri) away from a Gregorian month/year edge.
#   * Impossible dates are asserted impossible by the same arithmetic.
# No network, no third-party or calendar library; only the standard library.
# Running   /usr/bin/python3 dates_heldout4_make.py   rewrites the TSV exactly.

import math
import os

# --------------------------------------------------------------- Gregorian
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
    return (100 * b + d - 4800 + m // 10, m + 3 - 12 * (m // 10), e - (153 * m + 2) // 5 + 1)


def g_leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def g_mlen(y, m):
    return [31, 29 if g_leap(y) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]


def g_ok(y, m, d):
    return 1 <= m <= 12 and 1 <= d <= g_mlen(y, m)


# --------------------------------------------------------------- Solar Hijri
def p_leap(y):
    return (25 * y + 11) % 33 < 8


P_ANCHOR = (1365, g2j(1986, 3, 21))


def p_year_start(y):
    yy, j = P_ANCHOR
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


def p_ok(y, m, d):
    return 1 <= m <= 12 and 1 <= d <= p_mlen(y, m)


def p2j(y, m, d):
    assert p_ok(y, m, d), (y, m, d)
    off = 31 * (m - 1) if m <= 7 else 186 + 30 * (m - 7)
    return p_year_start(y) + off + d - 1


# --------------------------------------------------------------- Ethiopian
def e_leap(y):
    return y % 4 == 3


def e_mlen(y, m):
    return 30 if m <= 12 else (6 if e_leap(y) else 5)


def e_ok(y, m, d):
    return 1 <= m <= 13 and 1 <= d <= e_mlen(y, m)


E_EPOCH = g2j(2024, 9, 11) - (365 * 2016 + 2017 // 4)


def e2j(y, m, d):
    assert e_ok(y, m, d), (y, m, d)
    return E_EPOCH + 365 * (y - 1) + y // 4 + 30 * (m - 1) + d - 1


# --------------------------------------------------------------- lunar Hijri (tabular)
def h_leap(y):
    return (14 + 11 * y) % 30 < 11


def h_mlen(y, m):
    if m % 2 == 1:
        return 30
    return 30 if (m == 12 and h_leap(y)) else 29


def h_ok(y, m, d):
    return 1 <= m <= 12 and 1 <= d <= h_mlen(y, m)


def h2j(y, m, d):
    assert h_ok(y, m, d), (y, m, d)
    return d + math.ceil(29.5 * (m - 1)) + (y - 1) * 354 + (3 + 11 * y) // 30 + 1948439


# --------------------------------------------------------------- anchor checks
def _checks():
    assert j2g(p2j(1365, 1, 1)) == (1986, 3, 21)
    assert j2g(p2j(1403, 1, 1)) == (2024, 3, 20)
    assert p_leap(1403) and j2g(p2j(1403, 12, 30)) == (2025, 3, 20)
    assert j2g(p2j(1404, 1, 1)) == (2025, 3, 21)
    assert j2g(e2j(2017, 1, 1)) == (2024, 9, 11)
    assert j2g(e2j(1976, 1, 1)) == (1983, 9, 12)
    assert j2g(e2j(2000, 1, 1)) == (2007, 9, 12)      # Ethiopian millennium
    assert j2g(h2j(1, 1, 1)) == (622, 7, 19)          # = 16 July 622 Julian
    assert j2g(h2j(1400, 1, 1)) == (1979, 11, 21)
    assert g2j(2000, 1, 1) % 7 == 5                    # Saturday (0 = Monday)
    for j in range(g2j(1940, 1, 1), g2j(2030, 1, 1)):
        assert g2j(*j2g(j)) == j


_checks()

# --------------------------------------------------------------- expected values
INVALID = "invalid"


def _t(hh, mi, ss):
    if hh is None:
        return ""
    assert 0 <= hh <= 23 and 0 <= mi <= 59
    s = "T%02d:%02d" % (hh, mi)
    if ss is not None:
        assert 0 <= ss <= 59
        s += ":%02d" % ss
    return s


def _iso(y, m, d):
    return "%04d-%02d-%02d" % (y, m, d)


def G(y, m=None, d=None, hh=None, mi=None, ss=None):
    if m is None:
        return "%04d" % y
    if d is None:
        return "%04d-%02d" % (y, m)
    assert g_ok(y, m, d), (y, m, d)
    return _iso(y, m, d) + _t(hh, mi, ss)


def _from_j(j, hh=None, mi=None, ss=None):
    return _iso(*j2g(j)) + _t(hh, mi, ss)


def _mid(j0, j1, prec, margin):
    """Gregorian month ('m') or year ('y') holding the midpoint of days j0..j1."""
    mid = (j0 + j1 + 1) / 2.0          # day j covers [j, j+1)
    lo = j2g(math.floor(mid - margin))
    hi = j2g(math.floor(mid + margin))
    if prec == "m":
        assert lo[:2] == hi[:2], ("midpoint too near a month edge", lo, hi)
        return "%04d-%02d" % lo[:2]
    assert lo[0] == hi[0], ("midpoint too near a year edge", lo, hi)
    return "%04d" % lo[0]


def P(y, m, d, hh=None, mi=None, ss=None):
    return _from_j(p2j(y, m, d), hh, mi, ss)


def PM(y, m):
    return _mid(p2j(y, m, 1), p2j(y, m, p_mlen(y, m)), "m", 1)


def PY(y):
    return _mid(p2j(y, 1, 1), p2j(y, 12, p_mlen(y, 12)), "y", 1)


def E(y, m, d):
    return _from_j(e2j(y, m, d))


def EM(y, m):
    return _mid(e2j(y, m, 1), e2j(y, m, e_mlen(y, m)), "m", 1)


def EY(y):
    return _mid(e2j(y, 1, 1), e2j(y, 13, e_mlen(y, 13)), "y", 1)


def H(y, m, d, hh=None, mi=None, ss=None):
    return _from_j(h2j(y, m, d), hh, mi, ss)


def HM(y, m):
    return _mid(h2j(y, m, 1), h2j(y, m, h_mlen(y, m)), "m", 3)


def HY(y):
    return _mid(h2j(y, 1, 1), h2j(y, 12, h_mlen(y, 12)), "y", 3)


def BAD_G(y, m, d):
    assert not g_ok(y, m, d)
    return INVALID


def BAD_P(y, m, d):
    assert not p_ok(y, m, d)
    return INVALID


def BAD_E(y, m, d):
    assert not e_ok(y, m, d)
    return INVALID


def BAD_H(y, m, d):
    assert not h_ok(y, m, d)
    return INVALID


# --------------------------------------------------------------- writing helpers
def _tr(s, zero):
    return "".join(chr(ord(zero) + ord(c) - 48) if "0" <= c <= "9" else c for c in s)


def fa(s):   # Extended Arabic-Indic (Persian/Dari/Pashto/Urdu) digits
    return _tr(s, "\u06f0")


def ar(s):   # Arabic-Indic digits
    return _tr(s, "\u0660")


def bn(s):   # Bengali digits
    return _tr(s, "\u09e6")


def dv(s):   # Devanagari digits
    return _tr(s, "\u0966")


def fw(s):   # full-width digits
    return _tr(s, "\uff10")


def geez(n):
    """Ge'ez numeral for 1 <= n <= 9999."""
    ones = " ፩፪፫፬፭፮፯፰፱"
    tens = " ፲፳፴፵፶፷፸፹፺"

    def two(k):
        return (tens[k // 10] if k >= 10 else "") + (ones[k % 10] if k % 10 else "")

    assert 1 <= n <= 9999
    hi, lo = divmod(n, 100)
    if hi == 0:
        return two(lo)
    return (two(hi) if hi > 1 else "") + "፻" + (two(lo) if lo else "")


RLM = "\u200f"
ZWNJ = "\u200c"

WD = {  # Monday first
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(),
    "en3": "Mon Tue Wed Thu Fri Sat Sun".split(),
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche".split(),
    "de": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag".split(),
    "nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split(),
    "it": "lunedì martedì mercoledì giovedì venerdì sabato domenica".split(),
    "el": "Δευτέρα Τρίτη Τετάρτη Πέμπτη Παρασκευή Σάββατο Κυριακή".split(),
    "es": "lunes martes miércoles jueves viernes sábado domingo".split(),
    "sv": "måndag tisdag onsdag torsdag fredag lördag söndag".split(),
    "pl": "poniedziałek wtorek środa czwartek piątek sobota niedziela".split(),
    "cs": "pondělí úterý středa čtvrtek pátek sobota neděle".split(),
    "fa": ["دوشنبه", "سه" + ZWNJ + "شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه"],
    "ar": "الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد".split(),
    "tr": "Pazartesi Salı Çarşamba Perşembe Cuma Cumartesi Pazar".split(),
    "ro": "luni marți miercuri joi vineri sâmbătă duminică".split(),
    "vi": ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"],
    "zh": "星期一 星期二 星期三 星期四 星期五 星期六 星期日".split(),
    "ru": "понедельник вторник среда четверг пятница суббота воскресенье".split(),
    "ti": "ሰኑይ ሰሉስ ረቡዕ ሓሙስ ዓርቢ ቀዳም ሰንበት".split(),
    "hu": "hétfő kedd szerda csütörtök péntek szombat vasárnap".split(),
}


def wd(lang, y, m, d):
    return WD[lang][g2j(y, m, d) % 7]


def wdp(lang, y, m, d):   # weekday of a Solar Hijri date
    return WD[lang][p2j(y, m, d) % 7]


# --------------------------------------------------------------- rows
ROWS = []


def r(raw, cal, order, exp, region, note, kind):
    assert "\t" not in raw and "\n" not in raw and raw == raw.strip()
    assert cal in ("-", "gregorian", "persian", "islamic", "ethiopic")
    assert order in ("dmy", "mdy")
    assert kind in ("gm", "gn", "sh", "ih", "et", "x")
    assert (exp == INVALID) == (kind == "x")
    if kind == "ih":
        assert "tabular" in note
    ROWS.append((raw, cal, order, exp, region, note, kind))


D, M = "dmy", "mdy"

# ================= UK police / Home Office (English) =================
r("12 March 1985", "-", D, G(1985, 3, 12), "UK", "HO screening interview, DOB", "gm")
r("03/11/1994", "-", D, G(1994, 11, 3), "UK", "PNC record DOB", "gn")
r("1st January 2000", "-", D, G(2000, 1, 1), "UK", "UASC claimed DOB", "gm")
r(wd("en", 2019, 5, 14) + " 14 May 2019", "-", D, G(2019, 5, 14), "UK", "debrief: day of crossing, weekday", "gm")
r("14 MAR/MARS 1987", "-", D, G(1987, 3, 14), "UK", "bilingual passport page", "gm")
r("c. 1972", "-", D, G(1972), "UK", "approximate year", "gn")
r("about June 2001", "-", D, G(2001, 6), "UK", "approximate month", "gm")
r("2019-07-14 23:45:10", "-", D, G(2019, 7, 14, 23, 45, 10), "UK", "small-boat launch log", "gn")
r("08/09/2021 04:12", "-", D, G(2021, 9, 8, 4, 12), "UK", "Border Force interception time", "gn")
r("00/05/1985", "-", D, G(1985, 5), "UK", "unknown day", "gn")
r("00/00/1979", "-", D, G(1979), "UK", "unknown day and month", "gn")
r(wd("en", 2019, 11, 3) + ", 3rd November 2019", "-", D, G(2019, 11, 3), "UK", "custody record, arrest", "gm")
r("early 2016", "-", D, G(2016), "UK", "approximate year", "gn")
r("mid-August 2020", "-", D, G(2020, 8), "UK", "approximate month", "gm")
r("12/03/85", "-", D, INVALID, "UK", "two-digit year", "x")
r("N/K", "-", D, INVALID, "UK", "not known", "x")
r("35 years old", "-", D, INVALID, "UK", "age, not a date", "x")
r("31/04/1990", "-", D, BAD_G(1990, 4, 31), "UK", "impossible: 31 April", "x")
r("29/02/2000", "-", D, G(2000, 2, 29), "UK", "leap day, century leap year", "gn")
r("29/02/1991", "-", D, BAD_G(1991, 2, 29), "UK", "impossible: 1991 not leap", "x")
r("September 2015", "-", D, G(2015, 9), "UK", "month and year", "gm")
r("21 Sept 1996", "-", D, G(1996, 9, 21), "UK", "abbrev Sept", "gm")
r("7th Oct 1974", "-", D, G(1974, 10, 7), "UK", "ordinal, abbrev", "gm")
r("5:40 pm 02/09/2021", "-", D, G(2021, 9, 2, 17, 40), "UK", "custody log, time first, pm", "gn")
r("09 JUN 2022 0315 hrs", "-", D, G(2022, 6, 9, 3, 15), "UK", "police log, 24h hrs", "gm")
r("March", "-", D, INVALID, "UK", "month alone", "x")
r("12th of February 1958", "-", D, G(1958, 2, 12), "UK", "ordinal 'of'", "gm")
r("approx. 01/01/2003", "-", D, G(2003, 1, 1), "UK", "approximate, 1 Jan placeholder", "gn")
r("31 Dec 2023 11:59 PM", "-", D, G(2023, 12, 31, 23, 59), "UK", "12h clock", "gm")
r(wd("en3", 2024, 1, 26) + " 26 Jan 2024", "-", D, G(2024, 1, 26), "UK", "abbrev weekday", "gm")
r("the 4th day of April 1962", "-", D, G(1962, 4, 4), "UK", "court papers style", "gm")
r("17 July 2023 at 02:50", "-", D, G(2023, 7, 17, 2, 50), "UK", "witness statement", "gm")

# ================= money-transfer exports and social media =================
r("03/17/2020 11:45:10 PM", "-", M, G(2020, 3, 17, 23, 45, 10), "MTO", "money-transfer export, US format", "gn")
r("3/4/1992", "-", M, G(1992, 3, 4), "MTO", "sender DOB, US format", "gn")
r("12/03/1985", "-", M, G(1985, 12, 3), "MTO", "US format", "gn")
r("11/30/2018 12:30 PM", "-", M, G(2018, 11, 30, 12, 30), "MTO", "12:30 PM is noon", "gn")
r("02/29/2016", "-", M, G(2016, 2, 29), "MTO", "leap day, US format", "gn")
r("13/05/1990", "-", M, INVALID, "MTO", "impossible under declared mdy: month 13", "x")
r("August 3, 2021 at 9:07 PM", "-", M, G(2021, 8, 3, 21, 7), "SOC", "Facebook post timestamp", "gm")
r("Jan 5, 2020, 12:15 AM", "-", M, G(2020, 1, 5, 0, 15), "SOC", "12:15 AM is 00:15", "gm")
r("2022-10-17T03:22:41Z", "-", D, G(2022, 10, 17, 3, 22, 41), "SOC", "platform return, UTC", "gn")
r("08-NOV-2018 09:05:33", "-", D, G(2018, 11, 8, 9, 5, 33), "BANK", "bank statement export", "gm")

# ================= France =================
r("1er janvier 1990", "-", D, G(1990, 1, 1), "FR", "PV d'audition", "gm")
r("le 3 février 2018", "-", D, G(2018, 2, 3), "FR", "PV d'interpellation", "gm")
r(wd("fr", 2017, 7, 5) + " 5 juillet 2017", "-", D, G(2017, 7, 5), "FR", "weekday", "gm")
r("15 août 2021 à 14h30", "-", D, G(2021, 8, 15, 14, 30), "FR", "heure d'interpellation", "gm")
r("vers 1988", "-", D, G(1988), "FR", "approximate year", "gn")
r("début mars 2017", "-", D, G(2017, 3), "FR", "approximate month", "gm")
r("inconnu", "-", D, INVALID, "FR", "free text", "x")
r("30 février 2001", "-", D, BAD_G(2001, 2, 30), "FR", "impossible: 30 February", "x")
r("XX/06/1995", "-", D, G(1995, 6), "FR", "unknown day XX", "gn")
r("déc. 1979", "-", D, G(1979, 12), "FR", "abbrev month", "gm")
r("14 janv. 2003", "-", D, G(2003, 1, 14), "FR", "abbrev janv.", "gm")
r("né le 26 septembre 1999", "-", D, G(1999, 9, 26), "FR", "né le", "gm")
r("23 octobre 2023 vers 22h15", "-", D, G(2023, 10, 23, 22, 15), "FR", "Calais, approximate time", "gm")

# ================= Germany / Austria =================
r("28. März 1967", "-", D, G(1967, 3, 28), "DE", "BAMF Anhörung", "gm")
r("3. Jänner 1953", "-", D, G(1953, 1, 3), "AT", "Austrian Jänner", "gm")
r(wd("de", 2016, 11, 9) + ", 9. November 2016", "-", D, G(2016, 11, 9), "DE", "weekday", "gm")
r("ca. Mai 1991", "-", D, G(1991, 5), "DE", "approximate month", "gm")
r("04.03.2022 um 06:10 Uhr", "-", D, G(2022, 3, 4, 6, 10), "DE", "Festnahme time", "gn")
r("unbekannt", "-", D, INVALID, "DE", "free text", "x")
r("32.01.1988", "-", D, BAD_G(1988, 1, 32), "DE", "impossible: day 32", "x")
r("Anfang Mai 2018", "-", D, G(2018, 5), "DE", "approximate month", "gm")
r("1.9.1971", "-", D, G(1971, 9, 1), "DE", "no leading zeros", "gn")
r("00.00.1993", "-", D, G(1993), "DE", "unknown day and month", "gn")
r("27. Dez. 2002", "-", D, G(2002, 12, 27), "DE", "abbrev Dez.", "gm")
r("etwa 25 Jahre", "-", D, INVALID, "DE", "age", "x")
r("19. Feber 1964", "-", D, G(1964, 2, 19), "AT", "Austrian Feber", "gm")
r("20.12.2015, 23:05 Uhr", "-", D, G(2015, 12, 20, 23, 5), "AT", "Grenzübertritt", "gn")

# ================= Netherlands / Belgium =================
r("18 maart 1977", "-", D, G(1977, 3, 18), "NL", "IND gehoor", "gm")
r(wd("nl", 2017, 10, 18) + " 18 oktober 2017", "-", D, G(2017, 10, 18), "NL", "weekday", "gm")
r("rond 1983", "-", D, G(1983), "NL", "approximate year", "gn")
r("eind juni 2019", "-", D, G(2019, 6), "NL", "approximate month", "gm")
r("23-11-2004", "-", D, G(2004, 11, 23), "NL", "numeric dashes", "gn")
r("le 9 avril 2015", "-", D, G(2015, 4, 9), "BE", "francophone PV", "gm")
r("11/04/2015 22:10", "-", D, G(2015, 4, 11, 22, 10), "BE", "Zeebrugge interception", "gn")
r("16 sept. 1982", "-", D, G(1982, 9, 16), "BE", "Dutch abbrev sept.", "gm")
r("3 jan. 1999", "-", D, G(1999, 1, 3), "NL", "abbrev jan.", "gm")
r(wd("nl", 2022, 7, 2).capitalize() + " 2 juli 2022", "-", D, G(2022, 7, 2), "BE", "capitalised weekday", "gm")

# ================= Italy =================
r("9 marzo 1986", "-", D, G(1986, 3, 9), "IT", "verbale", "gm")
r("1º gennaio 1997", "-", D, G(1997, 1, 1), "IT", "ordinal º", "gm")
r(wd("it", 2020, 2, 3) + " 3 febbraio 2020", "-", D, G(2020, 2, 3), "IT", "weekday", "gm")
r("fine luglio 2016", "-", D, G(2016, 7), "IT", "approximate month", "gm")
r("nato il 7 settembre 1983", "-", D, G(1983, 9, 7), "IT", "nato il", "gm")
r("14 ago 2018 ore 05:20", "-", D, G(2018, 8, 14, 5, 20), "IT", "sbarco, abbrev ago", "gm")

# ================= Greece =================
r("21 Μαρτίου 1981", "-", D, G(1981, 3, 21), "GR", "genitive month", "gm")
r("3 Φεβρουαρίου 2016", "-", D, G(2016, 2, 3), "GR", "genitive month", "gm")
r("Ιούνιος 2016", "-", D, G(2016, 6), "GR", "nominative month and year", "gm")
r(wd("el", 2020, 3, 1) + ", 1 Μαρτίου 2020", "-", D, G(2020, 3, 1), "GR", "Evros, weekday", "gm")
r("01/09/2015", "-", D, G(2015, 9, 1), "GR", "numeric", "gn")
r("περίπου 1995", "-", D, G(1995), "GR", "approximate year", "gn")
r("22 Δεκ. 2015", "-", D, G(2015, 12, 22), "GR", "abbrev Δεκ.", "gm")
r("άγνωστη", "-", D, INVALID, "GR", "free text", "x")
r("12/03/2016 3:20 μ.μ.", "-", D, G(2016, 3, 12, 15, 20), "GR", "μ.μ. = pm", "gn")

# ================= Spain =================
r("8 de marzo de 1979", "-", D, G(1979, 3, 8), "ES", "atestado", "gm")
r(wd("es", 2018, 8, 22) + ", 22 de agosto de 2018", "-", D, G(2018, 8, 22), "ES", "Ceuta, weekday", "gm")
r("a mediados de agosto de 2015", "-", D, G(2015, 8), "ES", "approximate month", "gm")
r("hacia 1992", "-", D, G(1992), "ES", "approximate year", "gn")
r("05-11-2018", "-", D, G(2018, 11, 5), "ES", "numeric dashes", "gn")
r("17 de septiembre de 2021, 06:40", "-", D, G(2021, 9, 17, 6, 40), "ES", "Canarias arrival", "gm")

# ================= Sweden =================
r("27 mars 1994", "-", D, G(1994, 3, 27), "SE", "Migrationsverket", "gm")
r("den 11 februari 2016", "-", D, G(2016, 2, 11), "SE", "den", "gm")
r("maj 1989", "-", D, G(1989, 5), "SE", "month and year", "gm")
r("2015-11-04 kl. 13.45", "-", D, G(2015, 11, 4, 13, 45), "SE", "kl. with dot time", "gn")

# ================= Poland =================
r("14 marca 1986", "-", D, G(1986, 3, 14), "PL", "genitive month", "gm")
r("29 lutego 2016 r.", "-", D, G(2016, 2, 29), "PL", "r. suffix, leap day", "gm")
r("listopad 1991", "-", D, G(1991, 11), "PL", "nominative month", "gm")
r(wd("pl", 2021, 10, 6) + ", 6 października 2021", "-", D, G(2021, 10, 6), "PL", "Straż Graniczna, weekday", "gm")
r("21.09.2016 godz. 02:15", "-", D, G(2016, 9, 21, 2, 15), "PL", "godz.", "gn")
r("31.06.2015", "-", D, BAD_G(2015, 6, 31), "PL", "impossible: 31 June", "x")

# ================= Czech =================
r("2. března 1972", "-", D, G(1972, 3, 2), "CZ", "genitive month", "gm")
r("květen 1995", "-", D, G(1995, 5), "CZ", "nominative month", "gm")
r(wd("cs", 1995, 7, 11) + " 11. července 1995", "-", D, G(1995, 7, 11), "CZ", "weekday", "gm")
r("cca 1988", "-", D, G(1988), "CZ", "approximate year", "gn")

# ================= Iran (Persian) =================
r(fa("15") + " فروردین " + fa("1365"), "-", D, P(1365, 1, 15), "IR", "shenasnameh, Persian digits", "sh")
r(fa("23") + " مهر " + fa("1370"), "-", D, P(1370, 7, 23), "IR", "Persian month name", "sh")
r(fa("30") + " اسفند " + fa("1375"), "-", D, P(1375, 12, 30), "IR", "30 Esfand in leap year 1375", "sh")
r(fa("30") + " اسفند " + fa("1402"), "-", D, BAD_P(1402, 12, 30), "IR", "impossible: 1402 not leap", "x")
r(fa("31") + " مهر " + fa("1368"), "-", D, BAD_P(1368, 7, 31), "IR", "impossible: Mehr has 30 days", "x")
r("مرداد " + fa("1360"), "-", D, PM(1360, 5), "IR", "month only -> middle of Mordad", "sh")
r(fa("1362") + " ه.ش", "-", D, PY(1362), "IR", "year only with marker", "sh")
r("1370/05/12", "persian", D, P(1370, 5, 12), "IR", "declared Solar Hijri, Y/M/D", "sh")
r("1368/11/22", "-", D, INVALID, "IR", "Latin-digit 13xx year, no calendar", "x")
r("12 Mehr 1366", "-", D, P(1366, 7, 12), "IR", "transliterated month", "sh")
r("23 Ordibehesht 1380 SH", "-", D, P(1380, 2, 23), "IR", "SH marker", "sh")
r(fa("1400/05/12") + " ساعت " + fa("14:30"), "persian", D, P(1400, 5, 12, 14, 30), "IR", "police report time", "sh")
r(fa("1401/08/03") + " - " + fa("09:15") + " ب.ظ", "persian", D, P(1401, 8, 3, 21, 15), "IR", "ب.ظ = pm", "sh")
r(wdp("fa", 1398, 3, 15) + " " + fa("15") + " خرداد " + fa("1398"), "-", D, P(1398, 3, 15), "IR", "Persian weekday", "sh")
r("حدود " + fa("1365") + " ه.ش", "-", D, PY(1365), "IR", "approximate year with marker", "sh")
r("اوایل مهر " + fa("1394"), "-", D, PM(1394, 7), "IR", "early Mehr -> month", "sh")
r(RLM + fa("1378/12/29"), "persian", D, P(1378, 12, 29), "IR", "RLM, last day of common year", "sh")
r(fa("1335/07/09"), "persian", D, P(1335, 7, 9), "IR", "shenasnameh numeric", "sh")
r("1362/10/11 ه.ش", "-", D, P(1362, 10, 11), "IR", "Latin digits with marker", "sh")
r(fa("1385/08/00"), "persian", D, PM(1385, 8), "IR", "unknown day", "sh")
r("21 MAR 1986", "-", D, G(1986, 3, 21), "IR", "Iranian passport, Gregorian page", "gm")
r(fa("20") + " ژوئیه " + fa("2018"), "-", D, G(2018, 7, 20), "IR", "Gregorian month in Persian", "gm")
r("6 March 1984", "persian", D, G(1984, 3, 6), "IR", "Gregorian month name overrides declared", "gm")
r("1977", "persian", D, G(1977), "IR", "plain-digit year is Gregorian", "gn")
r(fa("1990/04/08"), "-", D, G(1990, 4, 8), "IR", "Gregorian in Persian digits", "gn")
r("نامعلوم", "-", D, INVALID, "IR", "free text: unknown", "x")
r(fa("25") + " ساله", "-", D, INVALID, "IR", "age: 25 years old", "x")
r(fa("67/05/12"), "persian", D, INVALID, "IR", "two-digit year", "x")

# ================= Afghanistan (Dari, Pashto) =================
r(fa("15") + " حمل " + fa("1365"), "-", D, P(1365, 1, 15), "AF", "Dari zodiac month, tazkira", "sh")
r(fa("2") + " ثور " + fa("1371"), "-", D, P(1371, 2, 2), "AF", "Dari month", "sh")
r(fa("20") + " جوزا " + fa("1369"), "-", D, P(1369, 3, 20), "AF", "Dari month", "sh")
r("سرطان " + fa("1380"), "-", D, PM(1380, 4), "AF", "month only -> middle of Saratan", "sh")
r(fa("10") + " اسد " + fa("1357"), "-", D, P(1357, 5, 10), "AF", "Dari month", "sh")
r(fa("5") + " سنبله " + fa("1373"), "-", D, P(1373, 6, 5), "AF", "Dari month", "sh")
r(fa("28") + " میزان " + fa("1383"), "-", D, P(1383, 7, 28), "AF", "Dari month", "sh")
r(fa("11") + " عقرب " + fa("1388"), "-", D, P(1388, 8, 11), "AF", "Dari month", "sh")
r(fa("1") + " قوس " + fa("1361"), "-", D, P(1361, 9, 1), "AF", "Dari month", "sh")
r(fa("30") + " جدی " + fa("1379"), "-", D, P(1379, 10, 30), "AF", "Dari month", "sh")
r(fa("12") + " دلو " + fa("1364"), "-", D, P(1364, 11, 12), "AF", "Dari month", "sh")
r(fa("29") + " حوت " + fa("1386"), "-", D, P(1386, 12, 29), "AF", "last day of common year", "sh")
r("7 Saratan 1376", "-", D, P(1376, 4, 7), "AF", "transliterated Dari month", "sh")
r(fa("12") + " وری " + fa("1370"), "-", D, P(1370, 1, 12), "AF", "Pashto month Wray", "sh")
r(fa("20") + " غویی " + fa("1368"), "-", D, P(1368, 2, 20), "AF", "Pashto month Ghwayay", "sh")
r(fa("3") + " چنګاښ " + fa("1375"), "-", D, P(1375, 4, 3), "AF", "Pashto month Changakh", "sh")
r(fa("18") + " لړم " + fa("1390"), "-", D, P(1390, 8, 18), "AF", "Pashto month Laram", "sh")
r("مرغومی " + fa("1366"), "-", D, PM(1366, 10), "AF", "Pashto month only", "sh")
r("1375/03/14", "persian", D, P(1375, 3, 14), "AF", "e-tazkira, declared Solar Hijri", "sh")
r("1381/2/9", "persian", D, P(1381, 2, 9), "AF", "paper tazkira transcription", "sh")
r("1399 هـ ش", "-", D, PY(1399), "AF", "Latin year with marker", "sh")
r("Dey 1390", "-", D, PM(1390, 10), "AF", "transliterated month only", "sh")
r(fa("1372/06/31"), "-", D, P(1372, 6, 31), "AF", "Persian digits imply Solar Hijri", "sh")
r(fa("12") + " ربیع" + ZWNJ + "الاول " + fa("1405") + " ه.ق", "-", D, H(1405, 3, 12), "AF", "lunar marker ه.ق, tabular", "ih")
r(fa("1410") + " ه.ق", "-", D, HY(1410), "AF", "lunar year only, tabular", "ih")
r(fa("12") + " مارچ " + fa("2016"), "-", D, G(2016, 3, 12), "AF", "Dari Gregorian month", "gm")
r("14/06/1998", "-", D, G(1998, 6, 14), "AF", "Afghan passport", "gn")
r("01/01/1995", "-", D, G(1995, 1, 1), "AF", "UNHCR registration, placeholder", "gn")
r(fa("1984"), "-", D, G(1984), "AF", "Persian-digit Gregorian year", "gn")
r("1365", "-", D, INVALID, "AF", "Latin-digit 13xx year, no calendar", "x")
r("اسد", "-", D, INVALID, "AF", "month alone", "x")
r("سن: " + fa("18") + " سال در " + fa("1385"), "-", D, INVALID, "AF", "paper tazkira age statement", "x")
r("5 August 1995", "-", D, G(1995, 8, 5), "AF", "IOM registration", "gm")
r("1384/09/21", "-", D, INVALID, "AF", "Latin-digit 13xx date, no calendar", "x")

# ================= Iraq / Syria (Arabic, Sorani, Kurmanji) =================
r("29 آذار 1959", "-", D, G(1959, 3, 29), "SY", "Levantine month", "gm")
r(ar("18") + " شباط " + ar("2012"), "-", D, G(2012, 2, 18), "SY", "Arabic-Indic digits", "gm")
r("كانون الثاني " + ar("1978"), "-", D, G(1978, 1), "IQ", "two-word month", "gm")
r(ar("15") + " تشرين الأول " + ar("1989"), "-", D, G(1989, 10, 15), "IQ", "Tishrin I", "gm")
r(wd("ar", 2016, 9, 4) + " 4 أيلول 2016", "-", D, G(2016, 9, 4), "SY", "Arabic weekday", "gm")
r(RLM + ar("20/06/1991"), "-", D, G(1991, 6, 20), "SY", "Syrian ID, RLM", "gn")
r("1963/07/01", "-", D, G(1963, 7, 1), "IQ", "Iraqi ID Y/M/D", "gn")
r(ar("2018/04/29") + " " + ar("08:10") + " م", "-", D, G(2018, 4, 29, 20, 10), "IQ", "م = pm", "gn")
r("غير معروف", "-", D, INVALID, "SY", "free text", "x")
r("عمره 30 سنة", "-", D, INVALID, "IQ", "age", "x")
r(ar("1987"), "-", D, G(1987), "SY", "Arabic-Indic year", "gn")
r("12/13/1990", "-", D, INVALID, "IQ", "impossible under dmy: month 13", "x")
r(ar("16") + "ی ئازاری " + ar("1988"), "-", D, G(1988, 3, 16), "IQ-KRG", "Sorani izafe", "gm")
r("تەممووزی 2014", "-", D, G(2014, 7), "IQ-KRG", "Sorani month and year", "gm")
r(ar("3") + "ی کانوونی دووەمی " + ar("1990"), "-", D, G(1990, 1, 3), "IQ-KRG", "Sorani two-word month", "gm")
r("12ê Sibatê 1994", "-", D, G(1994, 2, 12), "SY-KRD", "Kurmanji", "gm")
r("3ê Tebaxê 2014", "-", D, G(2014, 8, 3), "IQ-KRG", "Kurmanji, Sinjar", "gm")
r("25ê Cotmehê 1983", "-", D, G(1983, 10, 25), "SY-KRD", "Kurmanji", "gm")
r(ar("15") + " رمضان " + ar("1405") + " هـ", "-", D, H(1405, 9, 15), "IQ", "Hijri marker, tabular", "ih")
r("1 شوال 1410 هـ", "-", D, H(1410, 10, 1), "SY", "Hijri marker, tabular", "ih")
r(ar("20") + " شعبان " + ar("1395") + " هـ", "-", D, H(1395, 8, 20), "SY", "tabular", "ih")

# ================= Eritrea (Tigrinya, Gregorian) =================
r("15 ሓምለ 1992", "-", D, G(1992, 7, 15), "ER", "Tigrinya month (July)", "gm")
r("3 ነሓሰ 1988", "-", D, G(1988, 8, 3), "ER", "Tigrinya month (August)", "gm")
r("ጥሪ 1995", "-", D, G(1995, 1), "ER", "Tigrinya month and year", "gm")
r("20 ለካቲት 1990", "-", D, G(1990, 2, 20), "ER", "Tigrinya month (February)", "gm")
r("1 ጥቅምቲ 1997", "-", D, G(1997, 10, 1), "ER", "Tigrinya month (October)", "gm")
r("8 ሰነ 1993", "-", D, G(1993, 6, 8), "ER", "Tigrinya month (June)", "gm")
r(wd("ti", 2015, 7, 15) + " 15 ሓምለ 2015", "-", D, G(2015, 7, 15), "ER", "Tigrinya weekday", "gm")
r("12 መጋቢት 1985", "-", D, INVALID, "ER", "shared month name, no calendar", "x")
r("ሚያዝያ 1990", "-", D, INVALID, "ER", "shared month name, no calendar", "x")
r("3 ግንቦት 2001", "gregorian", D, G(2001, 5, 3), "ER", "shared name, declared Gregorian", "gm")
r("መስከረም 20 1999", "-", D, INVALID, "ER", "shared month name, no calendar", "x")
r("30 መጋቢት 1986 G.C.", "-", D, G(1986, 3, 30), "ER", "shared name with G.C.", "gm")
r("06/11/1984", "-", D, G(1984, 11, 6), "ER", "Eritrean ID numeric", "gn")
r("ግንቦት 1991", "gregorian", D, G(1991, 5), "ER", "shared name, declared Gregorian", "gm")
r("25 ግንቦት 1998", "-", D, INVALID, "ER", "shared month name, no calendar", "x")

# ================= Ethiopia (Amharic, Ethiopian calendar) =================
r("መጋቢት 12 ቀን 1977 ዓ.ም", "-", D, E(1977, 7, 12), "ET", "ቀን and ዓ.ም", "et")
r("12/07/1977 ዓ.ም", "-", D, E(1977, 7, 12), "ET", "numeric with ዓ.ም", "et")
r("ጥቅምት 5 1980", "-", D, E(1980, 2, 5), "ET", "Amharic-only month name", "et")
r("ሰኔ 30 ቀን 1985 ዓ.ም", "-", D, E(1985, 10, 30), "ET", "", "et")
r("ጳጉሜ 5 ቀን 1999 ዓ.ም", "-", D, E(1999, 13, 5), "ET", "Pagume", "et")
r("ጳጉሜ 6 2011 ዓ.ም", "-", D, E(2011, 13, 6), "ET", "Pagume 6 in leap year 2011", "et")
r("ጳጉሜ 6 ቀን 2014 ዓ.ም", "-", D, BAD_E(2014, 13, 6), "ET", "impossible: 2014 EC not leap", "x")
r("ሚያዝያ 1982 ዓ.ም", "-", D, EM(1982, 8), "ET", "month only -> middle of Miyazya", "et")
r("1975 ዓ.ም", "-", D, EY(1975), "ET", "year only with marker", "et")
r("4 Hamle 1981 E.C.", "-", D, E(1981, 11, 4), "ET", "transliterated, E.C.", "et")
r("Ter 20, 1988 E.C.", "-", D, E(1988, 5, 20), "ET", "transliterated Ter", "et")
r("15/01/1990", "ethiopic", D, E(1990, 1, 15), "ET", "kebele ID, declared Ethiopian", "et")
r("ግንቦት " + geez(20) + " ቀን " + geez(1983), "-", D, E(1983, 9, 20), "ET", "Ge'ez numerals", "et")
r("የካቲት 11 ቀን 1967", "-", D, E(1967, 6, 11), "ET", "ቀን", "et")
r("ታኅሣሥ 1 1970", "-", D, E(1970, 4, 1), "ET", "Amharic-only month name", "et")
r("ኅዳር 8 ቀን 1996 ዓ.ም", "-", D, E(1996, 3, 8), "ET", "", "et")
r("መስከረም 1 ቀን 2000 ዓ.ም", "-", D, E(2000, 1, 1), "ET", "Ethiopian millennium", "et")
r("ሐምሌ 1990 ዓ.ም", "-", D, EM(1990, 11), "ET", "month only", "et")
r("ጥር 18 1972 ዓ.ም", "-", D, E(1972, 5, 18), "ET", "", "et")
r("Meskerem 17, 1995 E.C.", "-", D, E(1995, 1, 17), "ET", "transliterated, E.C.", "et")
r("April 26, 1991 G.C.", "-", D, G(1991, 4, 26), "ET", "G.C. in English", "gm")
r("ሚያዝያ 23 1984", "ethiopic", D, E(1984, 8, 23), "ET", "shared name, declared Ethiopian", "et")

# ================= Sudan =================
r(ar("12") + " يناير " + ar("1995"), "-", D, G(1995, 1, 12), "SD", "Arabic-Indic digits", "gm")
r("01/01/1996", "-", D, G(1996, 1, 1), "SD", "UNHCR, 1 Jan placeholder", "gn")
r(ar("00/00/1998"), "-", D, G(1998), "SD", "unknown day and month", "gn")
r(ar("3") + " جمادى الأولى " + ar("1408") + " هـ", "-", D, H(1408, 5, 3), "SD", "tabular", "ih")
r("25 يونيه 1993", "-", D, G(1993, 6, 25), "SD", "spelling يونيه", "gm")

# ================= Egypt =================
r(ar("5") + " أغسطس " + ar("1997"), "-", D, G(1997, 8, 5), "EG", "", "gm")
r(wd("ar", 2018, 10, 18) + " " + ar("18") + " أكتوبر " + ar("2018"), "-", D, G(2018, 10, 18), "EG", "weekday", "gm")
r("15 نوفمبر 2019 الساعة 10:30 ص", "-", D, G(2019, 11, 15, 10, 30), "EG", "ص = am", "gm")
r(ar("1") + " محرم " + ar("1430") + " هـ", "-", D, H(1430, 1, 1), "EG", "tabular", "ih")

# ================= Libya =================
r("20 ديسمبر 2017 الساعة 03:40", "-", D, G(2017, 12, 20, 3, 40), "LY", "detention log", "gm")
r("15-02-2011", "-", D, G(2011, 2, 15), "LY", "numeric", "gn")
r(ar("12/09/2022"), "-", D, G(2022, 9, 12), "LY", "Arabic-Indic numeric", "gn")
r("12 ربيع الآخر 1435 هـ", "-", D, H(1435, 4, 12), "LY", "tabular", "ih")

# ================= Maghreb =================
r("12 جانفي 1990", "-", D, G(1990, 1, 12), "DZ", "Algerian month name", "gm")
r("3 أوت 1995", "-", D, G(1995, 8, 3), "DZ", "Algerian month name", "gm")
r("15 غشت 1992", "-", D, G(1992, 8, 15), "MA", "Moroccan month name", "gm")
r("2 شتنبر 1988", "-", D, G(1988, 9, 2), "MA", "Moroccan month name", "gm")
r("جويلية 2011", "-", D, G(2011, 7), "TN", "Tunisian month and year", "gm")

# ================= Turkey =================
r("24 Şubat 2010 " + wd("tr", 2010, 2, 24), "-", D, G(2010, 2, 24), "TR", "weekday after", "gm")
r("Ağustos 1992", "-", D, G(1992, 8), "TR", "month and year", "gm")
r("19.03.2016 saat 04:30", "-", D, G(2016, 3, 19, 4, 30), "TR", "saat", "gn")
r("14 Eyl 2018", "-", D, G(2018, 9, 14), "TR", "abbrev Eyl", "gm")
r("Temmuz", "-", D, INVALID, "TR", "month alone", "x")

# ================= Albania / Kosovo =================
r("28 korrik 1979", "-", D, G(1979, 7, 28), "AL", "", "gm")
r("gusht 1992", "-", D, G(1992, 8), "AL", "month and year", "gm")
r("17.02.2008", "-", D, G(2008, 2, 17), "XK", "numeric", "gn")
r("1 qershor 1999", "-", D, G(1999, 6, 1), "XK", "", "gm")
r("23 nëntor 1976", "-", D, G(1976, 11, 23), "XK", "", "gm")

# ================= Balkan police =================
r("24. марта 1999.", "-", D, G(1999, 3, 24), "RS", "Serbian Cyrillic genitive", "gm")
r("28. јун 1989.", "-", D, G(1989, 6, 28), "RS", "Serbian Cyrillic nominative", "gm")
r("15. juli 2015.", "-", D, G(2015, 7, 15), "BA", "Bosnian", "gm")
r("8. ožujka 1957.", "-", D, G(1957, 3, 8), "HR", "Croatian genitive", "gm")
r("svibanj 1991.", "-", D, G(1991, 5), "HR", "Croatian nominative", "gm")
r("13. veljače 2020. u 14:30 sati", "-", D, G(2020, 2, 13, 14, 30), "HR", "time", "gm")
r("17 ноември 1973", "-", D, G(1973, 11, 17), "MK", "Macedonian", "gm")
r("јули 2015", "-", D, G(2015, 7), "MK", "Macedonian month and year", "gm")
r("9 септември 1966 г.", "-", D, G(1966, 9, 9), "BG", "Bulgarian", "gm")
r("1956. október 23.", "-", D, G(1956, 10, 23), "HU", "Hungarian Y M D", "gm")
r("2015. szeptember 15., 14:30", "-", D, G(2015, 9, 15, 14, 30), "HU", "time", "gm")
r(wd("ro", 2015, 9, 14) + ", 14 septembrie 2015", "-", D, G(2015, 9, 14), "RO", "weekday", "gm")
r("aprox. 1992", "-", D, G(1992), "RO", "approximate year", "gn")
r("14.07.19", "-", D, INVALID, "RS", "two-digit year", "x")

# ================= Vietnam =================
r("ngày 30 tháng 4 năm 1975", "-", D, G(1975, 4, 30), "VN", "", "gm")
r(wd("vi", 2019, 10, 22) + ", ngày 22 tháng 10 năm 2019", "-", D, G(2019, 10, 22), "VN", "weekday", "gm")
r("tháng 8 năm 1999", "-", D, G(1999, 8), "VN", "month and year", "gm")
r("04:30 ngày 23/10/2019", "-", D, G(2019, 10, 23, 4, 30), "VN", "time first", "gn")
r("02/10/2019 11:45 CH", "-", D, G(2019, 10, 2, 23, 45), "VN", "CH = pm", "gn")

# ================= China =================
r("1968年12月26日", "-", D, G(1968, 12, 26), "CN", "", "gm")
r("2019年10月23日 " + wd("zh", 2019, 10, 23), "-", D, G(2019, 10, 23), "CN", "weekday", "gm")
r(fw("2003") + "年" + fw("11") + "月" + fw("2") + "日", "-", D, G(2003, 11, 2), "CN", "full-width digits", "gm")
r("二〇〇一年十月十五日", "-", D, G(2001, 10, 15), "CN", "Chinese numerals", "gm")
r("2020年6月1日 下午3:05", "-", D, G(2020, 6, 1, 15, 5), "CN", "下午 = pm", "gm")

# ================= Bangladesh =================
r(bn("16/12/1971"), "-", D, G(1971, 12, 16), "BD", "Bengali digits", "gn")
r(bn("5") + " আগস্ট " + bn("1997"), "-", D, G(1997, 8, 5), "BD", "Bengali month", "gm")
r("জুলাই " + bn("2010"), "-", D, G(2010, 7), "BD", "month and year", "gm")
r("03 Feb 1992", "-", D, G(1992, 2, 3), "BD", "passport", "gm")

# ================= Pakistan =================
r("14.08.1982", "-", D, G(1982, 8, 14), "PK", "CNIC", "gn")
r("23 مارچ 1986", "-", D, G(1986, 3, 23), "PK", "Urdu month", "gm")
r("جولائی 2010", "-", D, G(2010, 7), "PK", "Urdu month and year", "gm")
r("13-May-2016 10:15 AM", "-", D, G(2016, 5, 13, 10, 15), "PK", "bank record", "gm")
r("15 رمضان المبارک 1440ھ", "-", D, H(1440, 9, 15), "PK", "Urdu ھ marker, tabular", "ih")
r("27 Rajab 1442 AH", "-", D, H(1442, 7, 27), "PK", "tabular", "ih")
r("15/09/1440", "islamic", D, H(1440, 9, 15), "PK", "hawala ledger, declared lunar, tabular", "ih")

# ================= India =================
r("26-Jan-1974", "-", D, G(1974, 1, 26), "IN", "", "gm")
r(dv("19") + " नवंबर " + dv("1960"), "-", D, G(1960, 11, 19), "IN", "Devanagari digits", "gm")
r("15/08/1990", "-", D, G(1990, 8, 15), "IN", "numeric", "gn")
r("2 अक्टूबर 1969", "-", D, G(1969, 10, 2), "IN", "Hindi month", "gm")

# ================= Nigeria =================
r("1st October, 1960", "-", D, G(1960, 10, 1), "NG", "comma after month", "gm")
r("June 12th 1993", "-", D, G(1993, 6, 12), "NG", "month first, ordinal", "gm")
r("03/12/1985", "-", D, G(1985, 12, 3), "NG", "numeric dmy", "gn")
r("about 30 years", "-", D, INVALID, "NG", "age", "x")

# ================= Somalia =================
r("21 Oktoobar 1969", "-", D, G(1969, 10, 21), "SO", "Somali month", "gm")
r("Luuliyo 2010", "-", D, G(2010, 7), "SO", "month and year", "gm")
r("1da Janaayo 1990", "-", D, G(1990, 1, 1), "SO", "ordinal suffix -da", "gm")
r("15 Agoosto 1996", "-", D, G(1996, 8, 15), "SO", "Somali month", "gm")
r("25 jir", "-", D, INVALID, "SO", "age: 25 years old", "x")
r("10 Ramadaan 1441", "-", D, H(1441, 9, 10), "SO", "hawala ledger, Somali spelling, tabular", "ih")

# ================= Georgia =================
r("26 მაისი 1991", "-", D, G(1991, 5, 26), "GE", "", "gm")
r("1985 წლის 14 აპრილი", "-", D, G(1985, 4, 14), "GE", "year first, genitive year", "gm")
r("ივლისი 2010", "-", D, G(2010, 7), "GE", "month and year", "gm")

# ================= Ukraine =================
r("24 серпня 1991 р.", "-", D, G(1991, 8, 24), "UA", "genitive month", "gm")
r("травень 1991", "-", D, G(1991, 5), "UA", "nominative month", "gm")
r("27.02.2022 о 06:15", "-", D, G(2022, 2, 27, 6, 15), "UA", "о + time", "gn")

# ================= Russia =================
r("31 декабря 1999 г.", "-", D, G(1999, 12, 31), "RU", "genitive month", "gm")
r("май 1991 г.", "-", D, G(1991, 5), "RU", "nominative month", "gm")
r(wd("ru", 2017, 10, 18) + ", 18 октября 2017", "-", D, G(2017, 10, 18), "RU", "weekday", "gm")

# ================= further lunar Hijri =================
r("10 Muharram 1415 A.H.", "-", D, H(1415, 1, 10), "IQ", "A.H., tabular", "ih")
r("1st Shawwal 1439H", "-", D, H(1439, 10, 1), "SY", "H suffix, tabular", "ih")
r("ذو الحجة 1420 هـ", "-", D, HM(1420, 12), "SY", "month only, tabular", "ih")
r("1400 هـ", "-", D, HY(1400), "IQ", "year only, tabular", "ih")
r("رمضان " + ar("1410") + " هـ", "-", D, HM(1410, 9), "SD", "month only, tabular", "ih")
r("1405/09/15", "islamic", D, H(1405, 9, 15), "IQ", "declared lunar, Y/M/D, tabular", "ih")
r("12/05/1441 14:20", "islamic", D, H(1441, 5, 12, 14, 20), "AF", "hawala ledger with time, tabular", "ih")
r(RLM + ar("23") + " جمادى الآخرة " + ar("1418") + " هـ", "-", D, H(1418, 6, 23), "SY", "RLM, tabular", "ih")
r("31 رمضان 1420 هـ", "-", D, BAD_H(1420, 9, 31), "SY", "impossible: 31 Ramadan", "x")
r("15/09/1405", "-", D, INVALID, "IQ", "Latin-digit 14xx date, no calendar", "x")

# ----- more Afghan / Iranian rows (Gregorian dates in their records) -----
r(fa("15") + " جنوری " + fa("1998"), "-", D, G(1998, 1, 15), "AF", "Dari Gregorian month", "gm")
r("فبروری " + fa("2016"), "-", D, G(2016, 2), "AF", "Dari Gregorian month and year", "gm")
r(fa("21") + " سپتامبر " + fa("2021"), "-", D, G(2021, 9, 21), "AF", "Gregorian month, Persian digits", "gm")
r("03 OCT 2001", "-", D, G(2001, 10, 3), "AF", "Afghan passport", "gm")
r("2021-08-26 17:50", "-", D, G(2021, 8, 26, 17, 50), "AF", "evacuation manifest", "gn")
r(fa("12/08/2021"), "-", D, G(2021, 8, 12), "AF", "Persian digits, Gregorian numeric", "gn")
r("حدود " + fa("1995"), "-", D, G(1995), "AF", "approximate Gregorian year", "gn")
r(fa("20") + " ډسمبر " + fa("2019"), "-", D, G(2019, 12, 20), "AF", "Pashto Gregorian month", "gm")
r("15 August 2021", "-", D, G(2021, 8, 15), "AF", "debrief: left Kabul", "gm")
r("00/00/1996", "-", D, G(1996), "AF", "UNHCR, unknown day and month", "gn")
r("تقریباً " + fa("20") + " ساله", "-", D, INVALID, "AF", "age: about 20 years old", "x")
r(wd("fa", 2021, 8, 14) + " " + fa("14") + " اگست " + fa("2021"), "-", D, G(2021, 8, 14), "AF", "Dari weekday, Gregorian", "gm")
r(fa("5") + " سپتامبر " + fa("2019"), "-", D, G(2019, 9, 5), "IR", "Gregorian month in Persian", "gm")
r(fa("22") + " نوامبر " + fa("1989"), "-", D, G(1989, 11, 22), "IR", "Gregorian month in Persian", "gm")
r("آوریل " + fa("2017"), "-", D, G(2017, 4), "IR", "Gregorian month and year", "gm")
r("22/11/1989", "-", D, G(1989, 11, 22), "IR", "passport numeric", "gn")
r("19 JAN 1979", "-", D, G(1979, 1, 19), "IR", "passport", "gm")
r("8 Dec 1983", "-", D, G(1983, 12, 8), "IR", "English translation of shenasnameh", "gm")
r("دسامبر " + fa("2022"), "-", D, G(2022, 12), "IR", "Gregorian month and year", "gm")
r(fa("14") + " فوریه " + fa("2017") + " ساعت " + fa("22:10"), "-", D, G(2017, 2, 14, 22, 10), "IR", "time, Persian digits", "gm")
r("نامشخص", "-", D, INVALID, "IR", "free text: unspecified", "x")

# --------------------------------------------------------------- output
HEADER_COMMENT = """\
# dates_heldout4.tsv -- held-out evaluation set no. 4 for the date normaliser.
# Dates as written in the records of a taskforce against organised immigration
# crime: UK/EU police and Home Office, Afghan/Iranian documents (Solar Hijri,
# Persian digits, tazkira), Iraqi/Syrian/Kurdish, Eritrean (Tigrinya, Gregorian),
# Ethiopian (Amharic, Ethiopian calendar), North/East African, Turkish, Balkan,
# Asian, Nigerian, Somali, Georgian, Ukrainian, Russian sources; money-transfer,
# bank, hawala and social-media timestamps.
# Written by a helper session that did not see the normaliser's implementation,
# documentation or tests, nor the earlier bench/data/dates_* sets.
# Expected values were computed (not typed) by dates_heldout4_make.py, which
# rewrites this file exactly: own Gregorian JDN arithmetic; Solar Hijri by the
# arithmetic 33-year cycle anchored on 1 Farvardin 1365 = 1986-03-21; Ethiopian
# by its 365/366-day arithmetic anchored on 1 Meskerem 2017 EC = 2024-09-11;
# lunar Hijri by the tabular Islamic civil calendar (rows noted 'tabular';
# +/-2 days accepted). A converted month or year gives the Gregorian month or
# year holding the middle of that span. 'invalid' = must be refused.
# Columns: raw, calendar declared by the source mapping ('-' = none), numeric
# order declared by the source, expected ISO 8601 value, region, note."""


def main():
    seen = set()
    for row in ROWS:
        key = row[:3]
        assert key not in seen, ("duplicate row", key)
        seen.add(key)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dates_heldout4.tsv")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER_COMMENT + "\n")
        f.write("raw\tcalendar\torder\texpected\tregion\tnote\n")
        for raw, cal, order, exp, region, note, _kind in ROWS:
            f.write("\t".join((raw, cal, order, exp, region, note or "-")) + "\n")


if __name__ == "__main__":
    main()
