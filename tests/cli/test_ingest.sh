#!/usr/bin/env bash
# test_ingest.sh - the main path end to end: init, ingest FtM and CSV with a
# mapping, search, show, stats, export and re-ingest into a new database.
. "$(dirname "$0")/lib.sh"

run init; expect_rc 0 "init"
[ -f "$INVIGOR_DB" ] && ok || bad "init made no database"

# --- FtM JSON lines --------------------------------------------------------
run ingest --json "$DATA/people.jsonl"
expect_rc 0 "ingest people.jsonl"
expect_eq "$(json records)" 8 "records read (blank line skipped)"
expect_eq "$(json dataset)" partner-fr "dataset from the lines"
expect_eq "$(json invalid)" 3 "invalid values: 31/02/1989, the bad IBAN, the ICAO specimen country UTO"
expect_eq "$(json dangling)" 1 "dangling reference to p-missing"
added=$(json statements_added)
[ "$added" -gt 15 ] && ok || bad "statements added: $added"

run ingest --json "$DATA/people.jsonl"
expect_rc 0 "re-ingest"
expect_eq "$(json statements_added)" 0 "re-ingest adds nothing"
expect_eq "$(json statements_skipped)" "$added" "re-ingest skips every statement"

# --- search ------------------------------------------------------------------
run search alhasan --json
expect_rc 0 "search alhasan"
expect_eq "$(json id)" p-alhasan "search finds the Latin name"
run search "الحسن"
expect_out "p-alhasan" "search finds the Arabic-script name"
run search karwan --schema Passport
expect_rc 0 "search with schema filter"
expect_eq "$OUT" "" "schema filter excludes people"
run search 'foo" OR *'
[ "$RC" -le 1 ] && ok || bad "FTS syntax in a query crashed: $RC $ERR"
run search '— …'
expect_rc 1 "a query of dashes alone"
expect_err "no word to search for" "a query of dashes alone: message"
run search nosuchname
expect_rc 0 "search without hits"
expect_err "no entity matches" "search without hits says so"

# --- show ----------------------------------------------------------------------
run show p-alhasan --json
expect_rc 0 "show --json"
expect_eq "$(json schema)" Person "schema shown"
expect_out '"grade":"2B"' "grade of each value"
expect_out '"handling":"C"' "handling code"
expect_out '"conditions":"Not for onward disclosure' "conditions travel with the value"
expect_out '"releasable_to":"FR,BE"' "releasability list"
expect_out '"dataset":"partner-fr"' "dataset of each value"
expect_out '"value":"\+447911123456"' "phone normalised to E.164"
expect_out '"original":"\+44 7911 123456"' "original phone kept"
run show pp-1 --json
expect_out '"value":"31/02/1989","original":"31/02/1989","dataset":"partner-fr","source_record":"people.jsonl","valid":false' "invalid date kept verbatim and marked"
run show p-alhasan
expect_rc 0 "show text"
expect_out "2B C OFFICIAL-SENSITIVE suspect" "text shows grade, handling, classification, subject"
run show no-such-id
expect_rc 1 "show unknown id"
expect_err "no entity with id 'no-such-id'" "show unknown id message"

# --- CSV with a mapping -----------------------------------------------------
run ingest --json "$DATA/debriefs.csv" --mapping "$DATA/debriefs.yml"
expect_rc 0 "ingest CSV"
expect_eq "$(json records)" 3 "CSV rows"
expect_eq "$(json dataset)" debriefs "dataset from the mapping"
# invalid: 31/02/1989 date, phone 12345, bad IBAN check (…33)
expect_eq "$(json invalid)" 3 "CSV invalid values"
run search rebin --json
expect_rc 0 "search CSV person"
mid=$(json id)
run show "$mid" --json
expect_out '"subject":"victim"' "entity-level subject from the mapping"
expect_out '"value":"\+9647501234567"' "international phone normalised"
expect_out '"value":"1995-03-12"' "day/month/year date normalised"
expect_out '"source_record":"debriefs.csv:2"' "source record names file and line"
run search karwan --json
expect_rc 0 "search smuggler"
smuggler=$(grep -v '"p-rashid"' "$WORK/out" | "$PY" -c 'import json,sys; print(json.loads(sys.stdin.readline())["id"])')
run show "$smuggler" --json
expect_out '"subject":"suspect"' "smuggler is a suspect"
expect_out '"grade":"3C"' "entity-level grade overrides the mapping default"
expect_out '"value":"\+447400654321"' "local phone read with the mapping's region"

# --- stats ---------------------------------------------------------------------
run stats --json
expect_rc 0 "stats"
expect_eq "$(json datasets)" 2 "two datasets"
stmts=$(json statements)
ents=$(json entities)
[ "$ents" -ge 10 ] && ok || bad "entities: $ents"
expect_eq "$(json by_dataset.debriefs.entities)" 13 "debriefs entities: 3 migrants, 2 smugglers, 2 accounts, 3 holdings (one without an account, as Aleph would), 3 debriefs"
expect_eq "$(json dangling)" 1 "stats dangling"

# --- export and re-ingest: the same statements --------------------------------
run export --format ftm
expect_rc 0 "export"
cp "$WORK/out" "$WORK/export.jsonl"
lines=$(wc -l <"$WORK/export.jsonl")
[ "$lines" -ge 10 ] && ok || bad "export lines: $lines"
INVIGOR_DB="$WORK/copy.db" "$INVIGOR" ingest --quiet "$WORK/export.jsonl" >/dev/null 2>"$WORK/err"
expect_eq "$?" 0 "re-ingest the export"
INVIGOR_DB="$WORK/copy.db" "$INVIGOR" stats --json >"$WORK/out"
expect_eq "$(json statements)" "$stmts" "same statement count after round trip"
q="select hex(s.hash), e.eid, s.schema, s.prop, s.value, coalesce(s.original, s.value), d.name, s.source_record, s.flags, s.first_seen, s.last_seen, v.grade, v.assessment, v.code, v.conditions, v.releasable_to, v.classification, v.descriptor, v.originator, v.compartment, v.subject, v.retention_review, v.legacy_grade, v.europol_code, v.tlp from statements s join entities e on e.id=s.entity join datasets d on d.id=s.dataset join envelopes v on v.id=s.envelope order by 1"
sqlite3 "$INVIGOR_DB" "$q" >"$WORK/a.txt" && sqlite3 "$WORK/copy.db" "$q" >"$WORK/b.txt"
if cmp -s "$WORK/a.txt" "$WORK/b.txt" && [ -s "$WORK/a.txt" ]; then ok; else bad "statements differ after export and re-ingest: $(diff "$WORK/a.txt" "$WORK/b.txt" | head -5)"; fi
INVIGOR_DB="$WORK/copy.db" "$INVIGOR" export --format ftm >"$WORK/export2.jsonl" 2>/dev/null
cmp -s "$WORK/export.jsonl" "$WORK/export2.jsonl" && ok || bad "second export differs from the first"
run export --format ftm --dataset debriefs
expect_rc 0 "export one dataset"
if grep -q partner-fr "$WORK/out"; then bad "dataset filter leaked other datasets"; else ok; fi
run export --format ftm --dataset debrief; expect_rc 1 "export a dataset the store does not have"
expect_err "no statements of a dataset 'debrief'" "says so"; expect_eq "$OUT" "" "and writes nothing"

# dataset names are text: control characters and bytes that are not UTF-8 are refused, nothing kept
printf '{"id": "dsbad-1", "schema": "Person", "datasets": ["bad\\u0007bell"], "properties": {"name": ["Dsbad One"]}}\n' > "$WORK/dsbad.jsonl"
run ingest "$WORK/dsbad.jsonl"
expect_rc 1 "a dataset name with a control character"
expect_err "dsbad.jsonl:1:.*dataset name holds a control character" "its line and why"
run ingest --dataset "$(printf 'bad\377name')" "$DATA/people.jsonl"
expect_rc 1 "a --dataset that is not UTF-8"
expect_err "dataset name is not valid UTF-8" "why"
run search dsbad --json
expect_rc 0 "search after the refusals"
if grep -qi dsbad "$WORK/out"; then bad "a refused record was kept"; else ok; fi

# --- dates in other calendars: the mapping's calendar, --calendar, bad values ---
cat > "$WORK/ledger.csv" <<'CSV'
id,name,born,paid
l1,Hamed Noori,۱۳۶۵/۰۴/۱۲,1403/07/26
l2,Amanuel Tesfay,12 ጥቅምቲ 1985,12/10/2024
l3,Samir Haddad,15 رمضان 1405 هـ,circa 2023
l4,Omid Rahimi,1365/04/12,00/05/2024
CSV
cat > "$WORK/ledger.yml" <<'YML'
dataset: ledger
calendar: persian
entities:
  person:
    schema: Person
    keys: [id]
    properties:
      name: {column: name}
      birthDate: {column: born}
  payment:
    schema: Payment
    key_literal: payment
    keys: [id]
    properties:
      date: {column: paid}
      payer: {entity: person}
YML
run ingest --json "$WORK/ledger.csv" --mapping "$WORK/ledger.yml"
expect_rc 0 "ingest a ledger whose mapping says calendar: persian"
expect_eq "$(json invalid)" 0 "every date read"
q="select s.original || ' -> ' || s.value from statements s join datasets d on d.id = s.dataset where d.name = 'ledger' and s.prop in ('birthDate', 'date') order by s.original"
dates=$(sqlite3 "$INVIGOR_DB" "$q")
for want in '1403/07/26 -> 2024-10-17' '12/10/2024 -> 2024-10-12' '۱۳۶۵/۰۴/۱۲ -> 1986-07-03' \
  '12 ጥቅምቲ 1985 -> 1985-10-12' '15 رمضان 1405 هـ -> 1985-06-04' 'circa 2023 -> 2023' \
  '1365/04/12 -> 1986-07-03' '00/05/2024 -> 2024-05'; do
  case "$dates" in *"$want"*) ok ;; *) bad "date '$want' not stored: $dates" ;; esac
done
# without the mapping's calendar the year 1365 is refused, not read as Gregorian
sed '/^calendar:/d; s/^dataset: ledger/dataset: ledger2/' "$WORK/ledger.yml" > "$WORK/ledger2.yml"
run ingest --json "$WORK/ledger.csv" --mapping "$WORK/ledger2.yml"
expect_rc 0 "the same ledger without a calendar"
expect_eq "$(json invalid)" 2 "1403/07/26 and 1365/04/12 kept as written, marked invalid"
# --calendar gregorian on the command line wins over the mapping's persian
sed 's/^dataset: ledger/dataset: ledger3/' "$WORK/ledger.yml" > "$WORK/ledger3.yml"
run ingest --json --calendar gregorian "$WORK/ledger.csv" --mapping "$WORK/ledger3.yml"
expect_rc 0 "--calendar gregorian over a mapping that says persian"
expect_eq "$(json invalid)" 2 "the Latin-digit Hijri years are refused again"
# --calendar on the command line: an Ethiopian register
printf 'id,name,born\ne1,Abebe Kebede,12/01/1975\n' > "$WORK/eth.csv"
printf 'dataset: eth\nentities:\n  person:\n    schema: Person\n    keys: [id]\n    properties:\n      name: {column: name}\n      birthDate: {column: born}\n' > "$WORK/eth.yml"
run ingest --json --calendar ethiopic "$WORK/eth.csv" --mapping "$WORK/eth.yml"
expect_rc 0 "--calendar ethiopic"
expect_eq "$(sqlite3 "$INVIGOR_DB" "select value from statements where prop = 'birthDate' and original = '12/01/1975'")" 1982-09-22 "12 Meskerem 1975 EC"
run ingest --calendar julian "$WORK/eth.csv" --mapping "$WORK/eth.yml"
expect_rc 1 "an unknown --calendar"
expect_err "calendar must be gregorian, persian, islamic or ethiopic" "names the choices"
sed 's/^dataset: eth/dataset: eth\ncalendar: mayan/' "$WORK/eth.yml" > "$WORK/eth-bad.yml"
run ingest "$WORK/eth.csv" --mapping "$WORK/eth-bad.yml"
expect_rc 1 "a mapping with an unknown calendar"
expect_err "calendar" "says which key"

finish
