#!/usr/bin/env bash
# test_names.sh - invigor names keys / compare: help and exit codes, the
# JSON contract ("similarity" in [0,1], "match", the alignment), names in
# several scripts, and the errors for empty, oversized and invalid names.
. "$(dirname "$0")/lib.sh"

# --- options and exit codes ----------------------------------------------------
run names --help; expect_rc 0 "names --help"; expect_out "compare NAME1 NAME2" "help shows compare"
run names; expect_rc 1 "names without a subcommand"; expect_err "invigor: error: " "says what is missing"
run names frobnicate x; expect_rc 1 "unknown subcommand"; expect_err "unknown subcommand" "names it"
run names compare "Ali"; expect_rc 1 "compare with one name"; expect_err "two names" "asks for two"
run names keys; expect_rc 1 "keys without a name"
run names keys --bogus Ali; expect_rc 1 "bad option"

# --- keys ------------------------------------------------------------------------
run names keys "Mohammed Al-Hassan"; expect_rc 0 "keys"; expect_out "skeleton +mhmd hsn" "text skeleton"
# a name as typed is shown, but never drives the terminal
run names keys "$(printf 'Ali\033[2J Hassan')"; expect_rc 0 "keys of a name with an escape"
if grep -q "$(printf '\033')" "$WORK/out"; then bad "the escape reached the terminal"; else ok; fi
expect_out "^name +Ali\?\[2J Hassan" "shown as ?"
# a right-to-left override and a C1 CSI would reorder or drive it too
run names keys "$(printf 'Ali\342\200\256 Hassan \302\2332J')"; expect_rc 0 "keys of a name with an override"
expect_out "^name +Ali\? Hassan \?2J$" "shown as ? too"
run names keys --json "محمد الحسن"; expect_rc 0 "keys --json"
expect_eq "$(json ascii)" "mhmd alhsn" "Arabic ASCII form"
expect_eq "$(json skeleton)" "mhmd hsn" "Arabic skeleton, article off"
expect_eq "$(json tokens.0.variant)" "mohammed" "variant group"
expect_eq "$(json tokens.0.arabic_script)" "True" "marked as Arabic script"
run names keys Nguyễn Văn Long --json; expect_rc 0 "keys of several arguments"
expect_eq "$(json ascii)" "nguyen van long" "Vietnamese"

# --- compare: the JSON contract ------------------------------------------------------
run names compare --json "Mohammed Al-Hassan" "Muhamad Alhasan"; expect_rc 0 "compare"
expect_eq "$(json match)" "True" "Latin spellings match"
"$PY" -c 'import json,sys
d=json.load(open(sys.argv[1]))
assert 0.0 <= d["similarity"] <= 1.0 and d["similarity"] >= d["threshold"]
assert d["a"]["ascii"] == "mohammed al hassan" and d["b"]["sorted"]
assert all(set(p) == {"a","b","similarity","why"} for p in d["alignment"])' "$WORK/out" && ok || bad "compare JSON shape"
# reals as people read them (15 significant digits), not 0.84999999999999998
expect_out '"threshold":0\.85,' "threshold written as 0.85"
for pair in "Mohammed Al-Hassan|محمد الحسن" "Mohammed Al-Hassan|M. AL HASSAN" "Yonas Tesfay|ዮናስ ተስፋይ" \
	"Nguyen Van Long|Nguyễn Văn Long" "Ahmad Rezaei|ئەحمەد ڕەزایی" "Elira Hoxha|Elirë Hoxhë"; do
  run names compare --json "${pair%%|*}" "${pair##*|}"; expect_rc 0 "compare $pair"
  expect_eq "$(json match)" "True" "$pair match"
done
run names compare --json "Mohammed Al-Hassan" "Mohammed Rashid"; expect_rc 0 "compare different"
expect_eq "$(json match)" "False" "different surname does not match"
run names compare "Hassan Mohammed" "Mohammed Hassan"; expect_rc 0 "compare text"
expect_out "similarity 1.0000: match" "swapped order is the same name"

# a Cyrillic name with г or и is read as Russian and as Ukrainian; the better counts
run names compare --json "Олег Григоренко" "Oleh Hryhorenko"; expect_rc 0 "compare Cyrillic"
"$PY" -c 'import json,sys
d=json.load(open(sys.argv[1]))
assert d["match"] and d["similarity"] == 1.0, d
assert d["reading_a"] == "Ukrainian" and d["reading_b"] is None, d
assert d["a"]["reading"] == "Russian" and d["a"]["other_reading"]["ascii"] == "oleh hryhorenko", d["a"]
assert [p["a"] for p in d["alignment"]] == ["oleh", "hryhorenko"], d["alignment"]
assert "reading" not in d["b"], d["b"]' "$WORK/out" && ok || bad "compare JSON names the reading"
run names compare "Олег Григоренко" "Oleh Hryhorenko"; expect_rc 0 "compare Cyrillic as text"
expect_out "-> oleh hryhorenko \[.*\] \(read as Ukrainian\)" "text says the reading"
run names keys "Олег Григоренко"; expect_rc 0 "keys of a Cyrillic name"
expect_out "\(read as Russian\)" "keys say the first reading"
expect_out "^read as Ukrainian, the other reading" "and give the other"

# a compound's tail (ullah, uddin) is a word of its own, glued or apart, in any script
run names keys --json "نجیب الله"; expect_rc 0 "keys of a Dari compound"
"$PY" -c 'import json,sys
d=json.load(open(sys.argv[1]))
assert [(t["ascii"], t["kind"], t["weight"]) for t in d["tokens"]] == [("njyb", "name", 1.0), ("ullah", "tail", 0.5)], d["tokens"]' "$WORK/out" && ok || bad "keys JSON names the tail"
run names compare --json "نجیب الله" "Najibullah"; expect_rc 0 "compare a compound"
expect_eq "$(json match)" "True" "نجیب الله matches Najibullah"
run names compare --json "ڈار" "Dar"; expect_rc 0 "compare an Urdu letter ICU leaves"
expect_eq "$(json match)" "True" "ڈار matches Dar (ڈ was lost)"
# a consonant + h in Arabic script is read as a digraph and apart; the better counts
run names compare --json "سهیل" "Suhail"; expect_rc 0 "compare a consonant + h"
expect_eq "$(json match)" "True" "سهیل matches Suhail"
expect_eq "$(json reading_a)" "h apart (Suhail)" "in its reading with h apart"
run names compare --json "Şahin" "Shahin"; expect_rc 0 "compare a Turkish letter"
expect_eq "$(json reading_a)" "ş ç as sh ch (Shahin)" "in its English reading"

# --- bad names ----------------------------------------------------------------------
run names keys " - . "; expect_rc 1 "no letters"; expect_err "invigor: error: .*no letters" "says so"
run names compare "Ali" ""; expect_rc 1 "empty name"
run names keys "$(head -c 10000 /dev/zero | tr '\0' 'a')"; expect_rc 1 "10,000 characters"
expect_err "invigor: error: .*limit" "names the limit"
run names keys "$(printf 'Ahmed \xc3\x28')"; expect_rc 1 "invalid UTF-8"; expect_err "UTF-8" "says UTF-8"
run names keys "Mohammed حسن ተስፋይ Nguyễn"; expect_rc 0 "mixed scripts are fine"

finish
