#!/usr/bin/env bash
# test_sim.sh - invigor sim end to end: options and exit codes, determinism
# (byte-identical output for one seed, different for another), every source
# in the manifest ingests with zero errors, every mention of an ingested
# entity is in the truth, and the world follows DOMAIN.md §4 (nationality
# mix by year, prices per leg, people per boat by year).
. "$(dirname "$0")/lib.sh"

# --- options -----------------------------------------------------------------
run sim --help; expect_rc 0 "sim --help"; expect_out "--scale" "help names --scale"
run sim; expect_rc 1 "sim without --out"; expect_err "invigor: error: .*--out" "says --out is needed"
run sim --out "$WORK/x" --year 1999; expect_rc 1 "year out of range"
run sim --out "$WORK/x" --scale huge; expect_rc 1 "bad scale"
run sim --out "$WORK/x" --seed -3; expect_rc 1 "negative seed"
touch "$WORK/file"
run sim --out "$WORK/file"; expect_rc 1 "output is a file"
expect_err "invigor: error: .*file" "names the path"

# --- determinism -------------------------------------------------------------
run sim --seed 7 --scale small --year 2024 --out "$WORK/a"; expect_rc 0 "sim small"
expect_err "person mentions" "summary on stderr"
run sim --seed 7 --scale small --year 2024 --out "$WORK/b" --quiet; expect_rc 0 "sim again"
expect_eq "$ERR" "" "--quiet is quiet"
if diff -r "$WORK/a" "$WORK/b" >/dev/null; then ok; else bad "same seed gave different files"; fi
run sim --seed 8 --scale small --year 2024 --out "$WORK/c" --quiet
if cmp -s "$WORK/a/debriefs.csv" "$WORK/c/debriefs.csv"; then bad "another seed gave the same debriefs"; else ok; fi

# --- every source ingests with zero errors ------------------------------------
sources=$("$PY" -c 'import json,sys
m=json.load(open(sys.argv[1]))
assert m["manifest_version"]==1
for s in m["sources"]:
    print(s["file"], s.get("mapping",""), s.get("dataset",""), s.get("phone_region",""), s.get("date_order",""))' "$WORK/a/manifest.json")
[ -n "$sources" ] && ok || bad "manifest lists no sources"
run init; expect_rc 0 "init"
if "$INVIGOR" ingest --help 2>/dev/null | grep -q -- --manifest; then
  run ingest --manifest "$WORK/a/manifest.json"; expect_rc 0 "ingest --manifest"
else
  while read -r file mapping dataset region order; do
    args=("$WORK/a/$file" --dataset "$dataset")
    [ -n "$mapping" ] && args+=(--mapping "$WORK/a/$mapping")
    [ -n "$region" ] && args+=(--phone-region "$region")
    [ -n "$order" ] && args+=(--date-order "$order")
    run ingest "${args[@]}"; expect_rc 0 "ingest $file"
  done <<<"$sources"
fi

# --- truth ------------------------------------------------------------------
for f in mentions people ocg_members key_players legs crossings proceeds victims; do
  [ -s "$WORK/a/truth/$f.csv" ] && ok || bad "truth/$f.csv missing"
done
# every entity in the database that stands for a person is in the truth
"$PY" - "$INVIGOR_DB" "$WORK/a/truth/mentions.csv" <<'PY' && ok || bad "mentions and database disagree"
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
ids = {r[0] for r in db.execute("select eid from entities where schema = 'Person'")}
truth = {}
for row in csv.DictReader(open(sys.argv[2], encoding='utf-8')):
    if row['kind'] == 'person':
        truth[row['entity_id']] = row['true_id']
missing = ids - set(truth)
if missing:
    sys.exit(f"{len(missing)} person entities without truth, e.g. {sorted(missing)[:3]}")
if not ids:
    sys.exit("no person entities ingested")
extra = set(truth) - ids
if extra:
    sys.exit(f"{len(extra)} truth mentions not in the database, e.g. {sorted(extra)[:3]}")
PY

# --- distributions (DOMAIN.md §4) -------------------------------------------
for year in 2019 2022 2024; do
  run sim --seed 3 --scale 30000 --year "$year" --out "$WORK/y$year" --quiet
  expect_rc 0 "sim $year"
done
"$PY" - "$WORK" <<'PY' && ok || bad "distributions out of tolerance"
import csv, sys, collections
work = sys.argv[1]
mix = {2019: {'IR': 55, 'IQ': 20}, 2022: {'AL': 28, 'AF': 19}, 2024: {'AF': 21, 'VN': 14, 'IR': 12}}
top = {2019: 'IR', 2022: 'AL', 2024: 'AF'}
ppb = {2019: 11, 2022: 41, 2024: 53}
ranges = {('FR', 'GB', 'small_boat', 'EUR'): (3000, 4500), ('TR', 'GR', 'small_boat', 'USD'): (1000, 3000),
          ('LY', 'IT', 'small_boat', 'USD'): (1000, 4000), ('AL', 'GB', 'air', 'GBP'): (10000, 14000),
          ('BE', 'GB', 'lorry', 'GBP'): (10000, 13000)}
fail = []
for y in (2019, 2022, 2024):
    d = f"{work}/y{y}/truth"
    nat = collections.Counter(r['nationality'] for r in csv.DictReader(open(f"{d}/people.csv")) if r['kind'] == 'migrant')
    total = sum(nat.values())
    if nat.most_common(1)[0][0] != top[y]:
        fail.append(f"{y}: leading nationality {nat.most_common(1)} not {top[y]}")
    for c, pct in mix[y].items():
        got = 100.0 * nat[c] / total
        if abs(got - pct) > 4:
            fail.append(f"{y}: {c} {got:.1f}% vs {pct}% +-4")
    sizes = [int(r['people']) for r in csv.DictReader(open(f"{d}/crossings.csv")) if r['mode'] == 'small_boat']
    mean = sum(sizes) / len(sizes)
    if abs(mean - ppb[y]) > 0.2 * ppb[y]:
        fail.append(f"{y}: {mean:.1f} people per boat vs {ppb[y]} +-20%")
    seen = collections.defaultdict(lambda: [0, 0])
    for r in csv.DictReader(open(f"{d}/legs.csv")):
        k = (r['origin'], r['destination'], r['mode'], r['currency'])
        if k in ranges:
            lo, hi = ranges[k]
            seen[k][0] += 1
            seen[k][1] += lo <= int(r['price']) <= hi
    for k, (n, inside) in seen.items():
        if inside < 0.95 * n:
            fail.append(f"{y}: {k}: only {inside}/{n} prices in {ranges[k]}")
    if ('FR', 'GB', 'small_boat', 'EUR') not in seen:
        fail.append(f"{y}: no Channel small-boat legs")
if fail:
    sys.exit("\n".join(fail))
PY

# a tiny world may leave a source without records: it stays out of the
# manifest, and the package still loads
for args in "--seed 3 --year 2025" "--seed 5 --year 2018" "--seed 2 --year 2025"; do
  rm -rf "$WORK/tiny"
  # shellcheck disable=SC2086
  "$INVIGOR" sim $args --scale 50 --out "$WORK/tiny" --quiet || bad "tiny sim $args"
  if INVIGOR_DB="$WORK/tiny.db" "$INVIGOR" ingest --quiet --manifest "$WORK/tiny/manifest.json" >/dev/null 2>"$WORK/err"; then ok; else
    bad "tiny world ($args) does not load: $(cat "$WORK/err")"; fi
  rm -f "$WORK/tiny.db"*
done

finish
