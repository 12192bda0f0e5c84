#!/usr/bin/env bash
# test_bad_input.sh - every kind of bad input gives a clear error naming the
# file, line and field, exits 1, and leaves the database byte for byte as
# it was (compared with a full dump before and after) but for the audit
# trail, which records the refused attempt.
. "$(dirname "$0")/lib.sh"

"$INVIGOR" ingest --quiet "$DATA/people.jsonl" >/dev/null 2>&1 || bad "seed ingest"
BEFORE=$(dump "$INVIGOR_DB")
[ -n "$BEFORE" ] && ok || bad "empty dump"

# reject FILE REGEX WHAT [extra ingest args...]
reject() {
  local file=$1 re=$2 what=$3 audited; shift 3
  audited=$(audit_count "$INVIGOR_DB")
  run ingest "$file" "$@"
  expect_rc 1 "$what"
  expect_err "$re" "$what: message"
  expect_eq "$(dump "$INVIGOR_DB")" "$BEFORE" "$what: database unchanged"
  expect_eq "$(audit_count "$INVIGOR_DB")" "$((audited + 1))" "$what: the attempt is audited"
}

good='{"id":"ok-1","schema":"Person","properties":{"name":["Fine Person"]}}'
printf '%s\n{"id":"x","schema":"Person",\n' "$good" >"$WORK/malformed.jsonl"
reject "$WORK/malformed.jsonl" 'malformed.jsonl:2:[0-9]+: malformed JSON' "malformed JSON"

printf '%s\n{"id":"x","schema":"Person","properties":{"name":["bad \xff\xfe name"]}}\n' "$good" >"$WORK/utf8.jsonl"
reject "$WORK/utf8.jsonl" 'utf8.jsonl:2:[0-9]+: invalid UTF-8' "invalid UTF-8"

# an id with an escape sequence would drive the terminal of everyone who lists it
printf '%s\n{"id":"x\\u001b[2Jy","schema":"Person","properties":{"name":["A"]}}\n' "$good" >"$WORK/esc-id.jsonl"
reject "$WORK/esc-id.jsonl" 'esc-id.jsonl:2:[0-9]+: entity id holds a control character \(byte 2\)' "control character in an id"

printf '%s\n{"id":"x","schema":"Smuggler","properties":{}}\n' "$good" >"$WORK/schema.jsonl"
reject "$WORK/schema.jsonl" "schema.jsonl:2:[0-9]+: unknown schema 'Smuggler'" "unknown schema"

printf '%s\n{"id":"x","schema":"Person","properties":{"shoeSize":["44"]}}\n' "$good" >"$WORK/prop.jsonl"
reject "$WORK/prop.jsonl" "prop.jsonl:2:[0-9]+: schema Person has no property 'shoeSize'" "unknown property"

# numbers are values too: the message says so, and names the type it found
printf '%s\n{"id":"x","schema":"Person","properties":{"name":["A",true]}}\n' "$good" >"$WORK/bool.jsonl"
reject "$WORK/bool.jsonl" "bool.jsonl:2:43: property 'name': values must be strings or numbers, not a boolean" "a boolean value"

printf '{"id":"x","schema":"Person","properties":{"name":["A"]},"handling":{"handling":"C"}}\n' >"$WORK/cond.jsonl"
reject "$WORK/cond.jsonl" "cond.jsonl:1:[0-9]+: .*condition" "handling C without conditions"

printf '{"id":"p-alhasan","schema":"Vessel","properties":{"name":["Boat"]}}\n' >"$WORK/clash.jsonl"
reject "$WORK/clash.jsonl" "clash.jsonl:1:[0-9]+: .*(Vessel|Person)" "schema clash with the stored entity"

# the column is that of the key, not of an earlier value that says the same
# word: for the reader's errors and for the store's (through the pipeline)
printf '%s\n{"id":"x","caption":"schema","schema":"Smuggler","properties":{}}\n' "$good" >"$WORK/col.jsonl"
reject "$WORK/col.jsonl" "col.jsonl:2:30: unknown schema 'Smuggler'" "the column of the schema key"
printf '{"id":"p-alhasan","schema":"Vessel","caption":"name","properties":{"name":["Boat"]}}\n' >"$WORK/clash-col.jsonl"
reject "$WORK/clash-col.jsonl" "clash-col.jsonl:1:68: .*(Vessel|Person)" "the column of a property the store refused"

# the store's error (schema clash, line 3) comes before the reader's
# (malformed JSON, line 5): the earlier one is reported, whichever thread
# found it first
{ printf '%s\n' "$good" "$good"
  printf '{"id":"p-alhasan","schema":"Vessel","properties":{"name":["Boat"]}}\n'
  printf '%s\n' "$good"
  printf '{"id":"x",\n'; } >"$WORK/order.jsonl"
reject "$WORK/order.jsonl" "order.jsonl:3:[0-9]+: .*(Vessel|Person)" "first error by line, not by thread"

printf 'debrief_id,given_name,family_name,name_native,dob,nationality,phone,smuggler_name,smuggler_phone,paid,account\nD-9,A,B,C,1990,IRQ,,K,,,\nD-10,A,B\n' >"$WORK/ragged.csv"
reject "$WORK/ragged.csv" 'ragged.csv:3:1: row has 3 fields, the header has 11' "ragged CSV row" --mapping "$DATA/debriefs.yml"

printf 'debrief_id,given_name,family_name\nD-9,A,B\n' >"$WORK/cols.csv"
reject "$WORK/cols.csv" "debriefs.yml:[0-9]+: .*column '(name_native|dob|nationality|phone|smuggler_name|smuggler_phone|account)' is not in the file" "mapping names a missing column" --mapping "$DATA/debriefs.yml"

printf 'entities:\n  p:\n    schema: Person\n    keys: [id]\n    properties:\n      name: {colum: name}\n' >"$WORK/typo.yml"
printf 'id,name\n1,A\n' >"$WORK/typo.csv"
reject "$WORK/typo.csv" "typo.yml:6:[0-9]+: .*'colum' is not a known key" "mapping typo" --mapping "$WORK/typo.yml"

printf 'entities: [unclosed\n' >"$WORK/broken.yml"
reject "$WORK/typo.csv" "broken.yml:[0-9]+:[0-9]+: malformed YAML" "malformed mapping YAML" --mapping "$WORK/broken.yml"

reject "$WORK/typo.csv" "needs a mapping" "CSV without a mapping"

: >"$WORK/empty.jsonl"
reject "$WORK/empty.jsonl" 'empty.jsonl: the file is empty' "empty file"

reject "$WORK/not-there.jsonl" 'not-there.jsonl: No such file' "missing file"

# a 100 MB line: refused at the record limit without reading it all into memory
{ printf '%s\n{"id":"big","schema":"Person","properties":{"name":["' "$good"
  head -c 100000000 /dev/zero | tr '\0' 'a'
  printf '"]}}\n'; } >"$WORK/big.jsonl"
reject "$WORK/big.jsonl" 'big.jsonl:2:1: line longer than the [0-9]+-byte limit' "100 MB line"
rm -f "$WORK/big.jsonl"

# ... and a good file after a bad one in the same command is not loaded either
run ingest "$DATA/people.jsonl" "$WORK/malformed.jsonl"
expect_rc 1 "bad second file"
expect_err "were not loaded" "says which files were not loaded"

# a value that is well-formed but fails validation is not an error
printf '{"id":"v1","schema":"Person","properties":{"birthDate":["31/02/1989"],"phone":["+44 12"]}}\n{"id":"v2","schema":"BankAccount","properties":{"iban":["DE00 0000 0000 0000 0000 00"]}}\n' >"$WORK/invalid.jsonl"
run ingest --json "$WORK/invalid.jsonl"
expect_rc 0 "invalid values are not errors"
expect_eq "$(json invalid)" 3 "three invalid values counted"

# usage errors
run ingest; expect_rc 1 "ingest without files"
run ingest --grade 9Z "$DATA/people.jsonl"; expect_rc 1 "bad grade"
run ingest --handling C "$DATA/people.jsonl"; expect_rc 1 "C without conditions on the command line"
# an envelope option's bad value is the command line's error, with or without
# --handling, and is refused before the store is opened (nothing audited)
audited=$(audit_count "$INVIGOR_DB")
run ingest --tlp TLP:PURPLE "$DATA/people.jsonl"; expect_rc 1 "bad --tlp"
expect_err "error: TLP label 'TLP:PURPLE'" "bad --tlp: a usage error naming the label"
run ingest --europol H9 "$DATA/people.jsonl"; expect_rc 1 "bad --europol"
expect_err "error: Europol handling code 'H9'" "bad --europol: a usage error naming the code"
run ingest --retention-review 2031-13-45 "$DATA/people.jsonl"; expect_rc 1 "bad --retention-review"
expect_err "error: retention review date '2031-13-45'" "bad --retention-review: a usage error"
run ingest --handling P --tlp RED --conditions "not for release" --quiet "$DATA/people.jsonl"
expect_rc 0 "good envelope options load"
expect_eq "$(audit_count "$INVIGOR_DB")" "$((audited + 1))" "bad envelope options are not audited as attempts"
run frobnicate; expect_rc 1 "unknown verb"
for verb in init ingest search show export stats; do
  run "$verb" --help; expect_rc 0 "$verb --help"; expect_out "usage: invigor" "$verb --help text"
done
run --db "$WORK/none/x.db" stats; expect_rc 1 "stats on a missing database"
run help frobnicate; expect_rc 1 "help on no verb"; expect_err "no help on 'frobnicate'" "names the word"
run sim --out "$WORK/w" --seed; expect_rc 1 "an option without its value"
expect_err "\-\-seed needs a value" "says the value is missing, not that the option is unknown"

# output that could not be written is an error, not a success with nothing shown
if [ -w /dev/full ]; then
  "$INVIGOR" stats >/dev/full 2>"$WORK/full.err"; expect_eq "$?" "2" "stats into a full disk fails"
  grep -q "writing to stdout failed" "$WORK/full.err" && ok || bad "says the output was lost"
  "$INVIGOR" names compare "Ali Hassan" "علي حسن" --json >/dev/full 2>/dev/null
  expect_eq "$?" "2" "names compare --json into a full disk fails"
fi

# serve's settings: a config line too long is named, 0 is a grace period but no timeout
printf '# %01100d\nthreads = 2\n' 0 >"$WORK/long.conf"
run serve --config "$WORK/long.conf"; expect_rc 1 "a config line too long"
expect_err "long.conf:1: a line longer than" "names the line"
run serve --timeout 0; expect_rc 1 "--timeout 0"; expect_err "bad value '0' for --timeout" "refused"
"$INVIGOR" serve --listen 127.0.0.1:0 --grace 0 --quiet --port-file "$WORK/port" &
SERVE=$!
for _ in $(seq 50); do [ -s "$WORK/port" ] && break; sleep 0.1; done
[ -s "$WORK/port" ] && ok || bad "serve --grace 0 starts"
# a second server on a port in use fails, rather than sharing it (the kernel would deal
# the connections between two servers, perhaps on two stores)
timeout 10 "$INVIGOR" serve --listen "127.0.0.1:$(cat "$WORK/port")" --quiet >/dev/null 2>"$WORK/second.err"
expect_eq "$?" "2" "a second server on a port in use fails"
grep -q "cannot listen on 127.0.0.1" "$WORK/second.err" && ok || bad "says it cannot listen: $(cat "$WORK/second.err")"
kill -TERM "$SERVE"; wait "$SERVE"; expect_eq "$?" "0" "serve --grace 0 stops at once, cleanly"

finish
