#!/usr/bin/env bash
# test_access.sh - the access-control verbs (user, org, audit): help and exit
# codes, organisations and users with their refusals (unknown role, unknown
# org, a partner's role, missing or empty password), grants and consents,
# list output in text and JSON, every change and refused change in the
# audit trail, audit query filters, audit verify failing after the
# database is tampered with (sqlite3), the tail cut with the anchor
# re-pointed included, and the audit key: beside the database, mode 0600,
# missing / wrong / malformed is an error, INVIGOR_AUDIT_KEY.
. "$(dirname "$0")/lib.sh"

export USER=tester
# check_lines PYTHON: runs PYTHON on each stdout line parsed as JSON (d; its index i; all: rows)
check_lines() {
  "$PY" -c 'import json,sys
lines=open(sys.argv[1]).read().splitlines()
assert lines, "no output"
rows=[json.loads(l) for l in lines]
for i,d in enumerate(rows):
    exec(sys.argv[2])' "$WORK/out" "$1"
}

# --- help, options, exit codes ---------------------------------------------------------
for verb in user org audit; do
  run "$verb" --help; expect_rc 0 "$verb --help"; expect_out "^usage: invigor .*$verb" "$verb help"
  run "$verb"; expect_rc 1 "$verb without a verb"
  run "$verb" bogus; expect_rc 1 "$verb bogus"; expect_err "unknown $verb verb 'bogus'" "$verb names the bad verb"
done
for sub in add grant revoke list disable enable passwd; do
  run user "$sub" --help; expect_rc 0 "user $sub --help"; expect_out "^(usage: )? *invigor .*user $sub" "user $sub help"
done
for sub in add list consent; do
  run org "$sub" --help; expect_rc 0 "org $sub --help"; expect_out "^usage: invigor .*org $sub" "org $sub help"
done
for sub in verify query; do
  run audit "$sub" --help; expect_rc 0 "audit $sub --help"; expect_out "^usage: invigor .*audit $sub" "audit $sub help"
done
run user list; expect_rc 1 "user list without a database"; expect_err "no database" "says so"

run init; expect_rc 0 "init"
printf 'correct horse battery\n' >"$WORK/pw"
printf 'second-password\r\n' >"$WORK/pw2"
: >"$WORK/empty"
printf '\n' >"$WORK/blank"
printf 'short\n' >"$WORK/short"

# --- organisations ------------------------------------------------------------------------
run org add NCA --kind uk; expect_rc 0 "org add NCA"
run org add "Police Nationale" --kind partner --country fr; expect_rc 0 "org add a partner"
run org add Politie --kind partner --country NL; expect_rc 0 "org add another partner"
run org add nca --kind uk; expect_rc 1 "org add a taken name"; expect_err "already exists" "says taken"
run org add Garda --kind partner; expect_rc 1 "partner without a country"; expect_err "needs --country" "asks for it"
run org add Garda --kind partner --country XX; expect_rc 1 "org add a bad country"; expect_err "not a country code" "says so"
run org add Garda --kind police --country IE; expect_rc 1 "org add a bad kind"; expect_err "uk or partner" "names the kinds"
run org add "A, B" --kind uk; expect_rc 1 "org add a name with a comma"; expect_err "not an organisation name" "says so"
run org add; expect_rc 1 "org add without a name"
run org add X --bogus; expect_rc 1 "org add with a bad option"
run org list; expect_rc 0 "org list"
expect_out "^NCA +uk +GB" "NCA listed"
expect_out "^Police Nationale +partner +FR" "partner listed with its country upper-cased"

# --- users ----------------------------------------------------------------------------------
run user add alice --org NCA --role analyst --clearance SECRET --password-file "$WORK/pw"
expect_rc 0 "user add alice"; expect_err "user 'alice' added" "confirms"
"$INVIGOR" user add bob --org nca --role auditor --clearance official <"$WORK/pw2" >"$WORK/out" 2>"$WORK/err"
RC=$?; ERR=$(cat "$WORK/err"); expect_rc 0 "user add with the password on stdin"
if grep -q "second-password" "$WORK/out" "$WORK/err"; then bad "the password was echoed"; else ok; fi
run user add pierre --org "Police Nationale" --role partner-liaison --clearance OFFICIAL --password-file "$WORK/pw"
expect_rc 0 "user add a partner liaison"
run user add carol --org NCA --role wizard --clearance SECRET --password-file "$WORK/pw"
expect_rc 1 "unknown role"; expect_err "unknown role 'wizard'" "names the role"
run user add carol --org NCA --role analyst --clearance ULTRA --password-file "$WORK/pw"
expect_rc 1 "unknown clearance"; expect_err "unknown clearance 'ULTRA'" "names the clearance"
run user add carol --org SOCA --role analyst --clearance SECRET --password-file "$WORK/pw"
expect_rc 1 "unknown org"; expect_err "no organisation named 'SOCA'" "names the org"
run user add carol --org Politie --role analyst --clearance SECRET --password-file "$WORK/pw"
expect_rc 1 "a partner's user as analyst"; expect_err "partner_liaison" "says which role"
run user add carol --org NCA --role partner_liaison --clearance SECRET --password-file "$WORK/pw"
expect_rc 1 "partner_liaison in a UK org"
run user add carol --org NCA --role analyst --clearance SECRET --password-file "$WORK/nonexistent"
expect_rc 1 "missing password file"; expect_err "nonexistent: cannot read the password file" "names the file"
run user add carol --org NCA --role analyst --clearance SECRET --password-file "$WORK/empty"
expect_rc 1 "empty password file"; expect_err "password file is empty" "says empty"
run user add carol --org NCA --role analyst --clearance SECRET --password-file "$WORK/blank"
expect_rc 1 "blank password"; expect_err "password is empty" "says empty"
"$INVIGOR" user add carol --org NCA --role analyst --clearance SECRET </dev/null >"$WORK/out" 2>"$WORK/err"
RC=$?; ERR=$(cat "$WORK/err"); expect_rc 1 "no password on stdin"; expect_err "no password" "says so"
run user add carol --org NCA --role analyst --clearance SECRET --password-file "$WORK/short"
expect_rc 1 "short password"; expect_err "at least 8" "says how long"
run user add "carol smith" --org NCA --role analyst --clearance SECRET --password-file "$WORK/pw"
expect_rc 1 "bad user name"; expect_err "not a user name" "says so"
run user add ALICE --org NCA --role analyst --clearance SECRET --password-file "$WORK/pw"
expect_rc 1 "duplicate user"; expect_err "already exists" "says taken"
run user add carol --org NCA --role analyst; expect_rc 1 "user add without a clearance"
run user add --org NCA --role analyst --clearance SECRET; expect_rc 1 "user add without a name"
run user add a b --org NCA --role analyst --clearance SECRET; expect_rc 1 "user add with two names"

# --- grants, consents, disable, passwd ----------------------------------------------------------
run user grant alice OP-KESTREL; expect_rc 0 "grant"
run user grant alice OP-ALBATROSS; expect_rc 0 "another grant"
run user grant alice OP-KESTREL; expect_rc 1 "grant twice"; expect_err "already has" "says so"
run user grant nobody OP-KESTREL; expect_rc 1 "grant to an unknown user"; expect_err "no user named 'nobody'" "names the user"
run user grant alice "OP-A,OP-B"; expect_rc 1 "grant a compartment with a comma"
run user grant alice; expect_rc 1 "grant without a compartment"
run user revoke alice OP-ALBATROSS; expect_rc 0 "revoke"
run user revoke alice OP-ALBATROSS; expect_rc 1 "revoke what is not granted"
run org consent Europol "Police Nationale"; expect_rc 0 "consent"
run org consent Europol "police nationale"; expect_rc 1 "consent twice"
run org consent Europol Garda; expect_rc 1 "consent to an unknown org"
run org consent Interpol NCA --withdraw; expect_rc 1 "withdraw a consent never given"
run org consent HMRC Politie; expect_rc 0 "another consent"
run org consent HMRC Politie --withdraw; expect_rc 0 "withdraw it"
run user disable bob; expect_rc 0 "disable"
run user disable nobody; expect_rc 1 "disable an unknown user"
run user passwd pierre --password-file "$WORK/pw2"; expect_rc 0 "passwd"
run user passwd pierre --password-file "$WORK/short"; expect_rc 1 "passwd too short"
run user passwd nobody --password-file "$WORK/pw2"; expect_rc 1 "passwd of an unknown user"

run user list; expect_rc 0 "user list"
expect_out "^alice +NCA +analyst +SECRET +active +OP-KESTREL$" "alice with her compartment"
expect_out "^bob +NCA +auditor +OFFICIAL +disabled" "bob disabled, his org as stored"
expect_out "^pierre +Police Nationale +partner_liaison +OFFICIAL +active +-$" "pierre"
run user list --json; expect_rc 0 "user list --json"
check_lines 'assert set(d) == {"name","org","role","clearance","disabled","compartments"}, d
assert [r["name"] for r in rows] == ["alice","bob","pierre"]
assert rows[0]["compartments"] == ["OP-KESTREL"] and rows[1]["disabled"] is True
assert rows[2]["role"] == "partner_liaison" and rows[2]["org"] == "Police Nationale"' && ok || bad "user list --json lines"
run user enable bob; expect_rc 0 "enable"
run org list --json; expect_rc 0 "org list --json"
check_lines 'assert set(d) == {"name","kind","country","consents_from"}, d
assert {r["name"]: r["consents_from"] for r in rows}["Police Nationale"] == ["Europol"]
assert {r["name"]: r["consents_from"] for r in rows}["Politie"] == []
assert {r["name"]: r["kind"] for r in rows}["NCA"] == "uk"' && ok || bad "org list --json lines"

# no password reached the database in the clear, or the trail
if sqlite3 "$INVIGOR_DB" .dump | grep -q -e "correct horse" -e "second-password"; then bad "a password is stored in the clear"; else ok; fi

# --- the audit trail -------------------------------------------------------------------------------
run audit verify; expect_rc 0 "audit verify"; expect_out "^audit trail intact: [0-9]+ records, head [0-9a-f]{64}$" "intact"
run audit verify --json; expect_rc 0 "audit verify --json"
check_lines 'assert d["intact"] is True and d["first_bad"] == 0 and d["records"] > 30, d' && ok || bad "verify --json"
run audit query --json; expect_rc 0 "audit query --json"
check_lines 'assert {"seq","at","user","remote","action","query","entities","status","outcome","hash"} <= set(d), d
assert d["seq"] == i + 1 and d["user"] == "tester" and d["remote"] == "cli"
assert d["action"].startswith("cli "), d
assert (d["status"] == 0) == (d["outcome"] == "ok"), d' && ok || bad "audit query --json lines"
run audit query --json
check_lines 'ok = [r for r in rows if r["action"] == "cli user add" and r["status"] == 0]
assert len(ok) == 3, ok
unknown = [r for r in rows if "wizard" in r["query"]]
assert len(unknown) == 0, unknown
soca = [r for r in rows if "SOCA" in r["query"]]
assert len(soca) == 1 and soca[0]["status"] == 1 and soca[0]["outcome"].startswith("invalid: no organisation"), soca
assert any(r["action"] == "cli org consent" and "--withdraw" in r["query"] for r in rows)
assert any(r["query"] == "alice OP-KESTREL" for r in rows)
assert all("password" not in r["query"] or "--password-file" in r["query"] for r in rows)' && ok || bad "what the trail holds"
run audit query --user tester --limit 2; expect_rc 0 "audit query --limit"
expect_eq "$(wc -l <"$WORK/out")" "2" "two records"
expect_out "^1 [0-9T:-]+Z tester cli 0 ok cli org add" "the text form"
run audit query --user nobody; expect_rc 0 "audit query for another user"; expect_eq "$OUT" "" "none"
run audit query --after 3 --limit 1 --json; expect_rc 0 "audit query --after"
check_lines 'assert d["seq"] == 4' && ok || bad "--after is a cursor"
run audit query --from 2000-01-01 --to 2999; expect_rc 0 "audit query with dates"
run audit query --from 1999 --to 2000; expect_rc 0 "audit query of the past"; expect_eq "$OUT" "" "none then"
run audit query --from tomorrow; expect_rc 1 "a bad date"; expect_err "--from takes a date" "says so"
run audit query --to 2024-13; expect_rc 1 "a bad --to"
run audit query --from 2024-05 --to 2024-04; expect_rc 1 "from after to"
run audit query --limit 0; expect_rc 1 "--limit 0"
run audit query --after x; expect_rc 1 "--after x"
run audit query --entity x extra; expect_rc 1 "audit query with an argument"
run audit verify extra; expect_rc 1 "audit verify with an argument"

# tampering, each on a copy of the database
cp "$INVIGOR_DB" "$WORK/clean.db"
tamper() { # tamper SQL EXPECTED-SEQ WHAT
  rm -f "$INVIGOR_DB" "$INVIGOR_DB-wal" "$INVIGOR_DB-shm"
  cp "$WORK/clean.db" "$INVIGOR_DB"
  sqlite3 "$INVIGOR_DB" "$1" || { bad "$3: sqlite3 failed"; return; }
  run audit verify; expect_rc 1 "$3: verify fails"
  expect_out "BROKEN at record $2:" "$3: names record $2"
  expect_err "does not verify: record $2" "$3: says so on stderr"
  run audit verify --json; expect_rc 1 "$3: verify --json fails"
  check_lines "assert d['intact'] is False and d['first_bad'] == $2, d" && ok || bad "$3: verify --json"
}
LAST=$(sqlite3 "$WORK/clean.db" "SELECT max(seq) FROM audit")
tamper "UPDATE audit SET user = 'mallory' WHERE seq = 5" 5 "an altered record"
tamper "DELETE FROM audit WHERE seq = 7" 7 "a deleted record"
tamper "DELETE FROM audit WHERE seq = $LAST" "$LAST" "a truncated trail"
tamper "INSERT INTO audit SELECT seq + 1, at, user, remote, action, query, entities, status, outcome, hash, hash FROM audit WHERE seq = $LAST" "$((LAST + 1))" "an inserted record"
tamper "UPDATE meta SET value = '1 ' || substr(value, instr(value, ' ') + 1) WHERE key = 'audit_head'" 2 "an altered anchor"
tamper "DELETE FROM meta WHERE key = 'audit_head'" "$LAST" "a missing anchor"

# a tampered trail refuses further changes rather than chaining onto them
run user grant alice OP-NEW; expect_rc 2 "a change on a trail without its anchor"; expect_err "audit verify" "points at verify"
cp "$WORK/clean.db" "$INVIGOR_DB"; rm -f "$INVIGOR_DB-wal" "$INVIGOR_DB-shm"
run audit verify; expect_rc 0 "the clean copy verifies"

# the audit key: a file of its own beside the database, for its owner only
cp "$WORK/clean.db" "$INVIGOR_DB"; rm -f "$INVIGOR_DB-wal" "$INVIGOR_DB-shm"
KEY="$(realpath "$INVIGOR_DB").audit-key"
if [ -f "$KEY" ]; then ok; else bad "no audit key beside the database"; fi
expect_eq "$(stat -c %a "$KEY")" "600" "the audit key's mode"
run audit verify; expect_rc 0 "verify with the key"; expect_out "^keyed: every record, with audit key [0-9a-f]{16}$" "says what is keyed"
run audit verify --json
check_lines 'assert d["keyed"] is True and d["keyed_from"] == 1 and len(d["key_id"]) == 16, d' && ok || bad "verify --json keying"
# the attack the key is for: cut the tail and re-point the anchor at the new last record
tamper "DELETE FROM audit WHERE seq > 30; UPDATE meta SET value = (SELECT seq || ' ' || lower(hex(hash)) FROM audit WHERE seq = 30) WHERE key = 'audit_head'" 31 "a cut tail with a re-pointed anchor"
expect_out "not sealed with the audit key" "a cut tail: says the anchor is not sealed"
tamper "DELETE FROM audit WHERE seq > 30; UPDATE meta SET value = (SELECT seq || ' ' || lower(hex(hash)) FROM audit WHERE seq = 30) || ' ' || substr(value, instr(value, ' ') + 66) WHERE key = 'audit_head'" 30 "a cut tail under the old seal"
# a missing, wrong or malformed key file is an error, never "intact"
cp "$WORK/clean.db" "$INVIGOR_DB"; rm -f "$INVIGOR_DB-wal" "$INVIGOR_DB-shm"
mv "$KEY" "$WORK/kept-key"
run audit verify; expect_rc 1 "verify without the key file"; expect_err "key file .* is missing" "says the key is missing"
if grep -q intact "$WORK/out"; then bad "verify without the key said intact"; else ok; fi
run user grant alice OP-NOKEY; expect_rc 1 "a change without the key file"
if [ -e "$KEY" ]; then bad "a new key was made for a sealed trail"; else ok; fi
printf '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n' >"$KEY"
run audit verify; expect_rc 1 "verify with another key"; expect_err "sealed with key" "says it is another key"
printf 'secret\n' >"$KEY"
run audit verify; expect_rc 1 "verify with a malformed key"; expect_err "not an invigor audit key" "says so"
rm -f "$KEY"
# the key kept elsewhere, named by INVIGOR_AUDIT_KEY
INVIGOR_AUDIT_KEY="$WORK/kept-key" run audit verify; expect_rc 0 "verify with INVIGOR_AUDIT_KEY"
expect_out "^audit trail intact" "intact with the key kept elsewhere"
mv "$WORK/kept-key" "$KEY"

finish
