#!/usr/bin/env bash
# test_manifest.sh - `invigor ingest --manifest`: a data package loads in one
# transaction with each source's format, mapping, dataset and handling;
# a bad package loads nothing.
. "$(dirname "$0")/lib.sh"

PKG="$WORK/pkg"
mkdir -p "$PKG/csv"
cp "$DATA/people.jsonl" "$PKG/report.jsonl"
cp "$DATA/debriefs.csv" "$DATA/debriefs.yml" "$PKG/csv/"
cat >"$PKG/manifest.json" <<'JSON'
{
  "manifest_version": 1,
  "name": "test package",
  "sources": [
    {"file": "report.jsonl", "format": "ftm", "dataset": "partner-nl",
     "handling": {"grade": "1B", "handling": "C", "conditions": "Dutch police consent needed",
                  "releasable_to": ["NL"], "europol": "H1", "originator": "NL-KMAR"}},
    {"file": "csv/debriefs.csv", "mapping": "csv/debriefs.yml", "description": "debriefs"}
  ]
}
JSON

run ingest --json --manifest "$PKG/manifest.json"
expect_rc 0 "ingest a manifest"
expect_eq "$(grep -c '"file"' "$WORK/out")" 2 "one summary per source"
run stats --json
expect_eq "$(json datasets)" 2 "two datasets"
expect_eq "$(json by_dataset.partner-nl.entities)" 8 "the manifest's dataset name is used"

# a line without its own envelope gets the manifest's ...
run show p-rashid --json
expect_out '"grade":"1B"' "manifest grade"
expect_out '"conditions":"Dutch police consent needed"' "manifest conditions"
expect_out '"europol":"H1"' "manifest Europol code"
expect_out '"originator":"NL-KMAR"' "manifest originator"
# ... and a line's own envelope still wins
run show p-nguyen --json
expect_out '"grade":"1A"' "the line's own grade wins over the manifest"
expect_out '"subject":"victim"' "the line's own subject"

# command-line options win over the manifest's handling
INVIGOR_DB="$WORK/cli.db" "$INVIGOR" ingest --quiet --manifest "$PKG/manifest.json" --grade 3E >/dev/null 2>&1
sqlite3 "$WORK/cli.db" "select distinct grade||assessment from envelopes e join statements s on s.envelope=e.id join datasets d on d.id=s.dataset where d.name='partner-nl'" >"$WORK/grades"
expect_eq "$(sort -u "$WORK/grades" | tr '\n' ' ')" "1A 2B 3E " "--grade overrides the manifest but not the lines' own grades (2B, 1A)"

# re-loading the package adds nothing
run ingest --json --manifest "$PKG/manifest.json"
expect_rc 0 "reload"
if grep -q '"statements_added":[1-9]' "$WORK/out"; then bad "reload added statements"; else ok; fi

# a bad package loads nothing at all
BEFORE=$(dump "$INVIGOR_DB")
reject() { # reject MANIFEST-TEXT REGEX WHAT
  printf '%s\n' "$1" >"$PKG/bad.json"
  run ingest --manifest "$PKG/bad.json"
  expect_rc 1 "$3"
  expect_err "$2" "$3: message"
  expect_eq "$(dump "$INVIGOR_DB")" "$BEFORE" "$3: database unchanged"
}
printf '{"id":"new-1","schema":"Person","properties":{"name":["New Person"]}}\n' >"$PKG/new.jsonl"
printf '{"id":"new-2","schema":"Persn"}\n' >"$PKG/broken.jsonl"
reject '{"manifest_version":1,"sources":[{"file":"new.jsonl"},{"file":"broken.jsonl"}]}' \
  "broken.jsonl:1:[0-9]+: unknown schema 'Persn'" "second file broken: the first is not kept either"
reject '{"manifest_version":1,"sources":[{"file":"new.jsonl"},{"file":"gone.jsonl"}]}' \
  "gone.jsonl: No such file" "missing file"
reject '{"manifest_version":1,"sources":[{"file":"../outside.jsonl"}]}' \
  "sources\[0\]: file must be a path relative" "path escaping the package"
reject '{"manifest_version":1,"sources":[{"file":"/etc/passwd"}]}' \
  "sources\[0\]: file must be a path relative" "absolute path"
reject '{"manifest_version":1,"sources":[{"file":"new.jsonl","colour":"red"}]}' \
  "'colour' is not a known key" "unknown key"
reject '{"manifest_version":1,"sources":[{"file":"new.jsonl","handling":{"handling":"C"}}]}' \
  "new.jsonl:1:[0-9]+: .*condition" "handling C without conditions"
reject '{"manifest_version":1,"sources":[{"file":"new.jsonl","calendar":"lunar"}]}' \
  "calendar must be gregorian, persian, islamic or ethiopic" "an unknown calendar"
reject '{"manifest_version":1,"sources":[{"file":"new.jsonl","calendar":7}]}' \
  "calendar must be" "a calendar that is not a string"
reject '{"manifest_version":2,"sources":[]}' "not a manifest" "wrong version"
reject '{"manifest_version":1,"sources":[]}' "must list 1 to" "no sources"
reject '{"manifest_version":1,' "malformed JSON" "malformed manifest"
run ingest --manifest "$PKG/none.json"; expect_rc 1 "missing manifest"
run ingest --manifest "$PKG/manifest.json" "$PKG/new.jsonl"; expect_rc 1 "files and a manifest"
run ingest --manifest "$PKG/manifest.json" --dataset x; expect_rc 1 "--dataset with a manifest"

# a larger page cache for a big load (--cache-mb, $INVIGOR_CACHE_MB): the same load; a size
# out of range is refused before anything is opened
rm -f "$WORK/cache.db"*
run --db "$WORK/cache.db" --cache-mb 512 ingest --manifest "$PKG/manifest.json"
expect_rc 0 "ingest with --cache-mb"
run --db "$WORK/cache.db" stats --json
expect_eq "$(json datasets)" 2 "the same datasets with a larger cache"
INVIGOR_CACHE_MB=128 run --db "$WORK/cache.db" --cache-mb=256 stats --json
expect_rc 0 "--cache-mb= and the environment"
for bad in 0 x 65537 -1 ""; do
  run --db "$WORK/cache.db" --cache-mb "$bad" stats; expect_rc 1 "--cache-mb '$bad'"
  expect_err "page cache of 1 to 65536 MiB" "says why ('$bad')"
done
INVIGOR_CACHE_MB=lots run --db "$WORK/cache.db" stats; expect_rc 1 "a bad INVIGOR_CACHE_MB"
expect_err "INVIGOR_CACHE_MB wants a page cache" "names the variable"

finish
