#!/usr/bin/env bash
# test_sim_sources_c.sh - the document examinations, border detections and
# vehicle/vessel records of invigor sim: the files and their truth exist,
# they ingest through a manifest with zero errors, forged documents are a
# minority with every forgery kind present, every genuine MRZ's check
# digits verify (ICAO 9303, computed here), a number is reused across
# identities, people per small boat follow DOMAIN.md §4 for the year, and
# the engine serials of detected boats lead back to a dealer's sale.
. "$(dirname "$0")/lib.sh"

run sim --seed 7 --scale small --year 2024 --out "$WORK/w" --quiet
expect_rc 0 "sim small 2024"
for f in document-exams.csv document-exams.yml detections.csv detections.yml vehicles.csv \
  vehicles.yml truth/documents.csv truth/vehicles.csv; do
  [ -s "$WORK/w/$f" ] && ok || bad "$f missing or empty"
done

# a manifest of these three sources only, so that this test stands alone
"$PY" - "$WORK/w/manifest.json" "$WORK/w/manifest-c.json" <<'PY' && ok || bad "sources missing from the manifest"
import json, sys
m = json.load(open(sys.argv[1]))
want = {"document-exams.csv", "detections.csv", "vehicles.csv"}
m["sources"] = [s for s in m["sources"] if s["file"] in want]
if {s["file"] for s in m["sources"]} != want:
    sys.exit("manifest lacks " + ", ".join(sorted(want - {s["file"] for s in m["sources"]})))
json.dump(m, open(sys.argv[2], "w"))
PY
run init; expect_rc 0 "init"
run ingest --manifest "$WORK/w/manifest-c.json"; expect_rc 0 "ingest the three sources"
for f in document-exams detections vehicles; do
  grep -Eq "$f.csv: dataset .* [1-9][0-9]* records" "$WORK/out" "$WORK/err" && ok || bad "$f.csv not loaded"
done

"$PY" - "$WORK/w" <<'PY' && ok || bad "document examinations"
import csv, re, sys, collections
w = sys.argv[1]

def val(ch):
    if ch.isdigit():
        return int(ch)
    if 'A' <= ch <= 'Z':
        return ord(ch) - 55
    return 0

def check(s):
    return str(sum(val(c) * (7, 3, 1)[i % 3] for i, c in enumerate(s)) % 10)

def mrz_ok(mrz):
    lines = mrz.split("\n")
    if len(lines) == 2:  # TD3
        a, b = lines
        assert len(a) == 44 and len(b) == 44, mrz
        return [b[9] == check(b[0:9]), b[19] == check(b[13:19]), b[27] == check(b[21:27]),
                b[42] == check(b[28:42]) or (b[28:43] == "<" * 15),
                b[43] == check(b[0:10] + b[13:20] + b[21:43])]
    a, b, c = lines  # TD1
    assert len(a) == 30 and len(b) == 30 and len(c) == 30, mrz
    return [a[14] == check(a[5:14]), b[6] == check(b[0:6]), b[14] == check(b[8:14]),
            b[29] == check(a[5:30] + b[0:7] + b[8:15] + b[18:29])]

exams = {r["document_id"]: r for r in csv.DictReader(open(f"{w}/document-exams.csv", encoding="utf-8"))}
truth = list(csv.DictReader(open(f"{w}/truth/documents.csv", encoding="utf-8")))
if len(truth) != len(exams) or len(truth) < 50:
    sys.exit(f"{len(exams)} examinations but {len(truth)} truth rows")
forged = [t for t in truth if t["forged"] == "1"]
if not 0 < len(forged) < len(truth) / 2:
    sys.exit(f"{len(forged)} of {len(truth)} documents forged: not a minority")
kinds = {t["reasons"].split(";")[0].split(":")[0] for t in forged}
need = {"check_digit", "number_reused", "impostor", "mrz_mismatch", "impossible_dates"}
if need - kinds:
    sys.exit(f"forgery kinds missing: {need - kinds}")
for t in truth:
    ok = mrz_ok(exams[t["document_id"]]["mrz"])
    if t["forged"] == "0" and not all(ok):
        sys.exit(f"genuine {t['document_id']} fails a check digit: {exams[t['document_id']]['mrz']}")
    if t["reasons"].startswith("check_digit") and all(ok):
        sys.exit(f"{t['document_id']} should fail a check digit")
    if t["reasons"].startswith("impostor") and t["true_holder"] == t["presenter"]:
        sys.exit(f"impostor {t['document_id']} presented by its holder")
# one issuing state and number under different identities
holders = collections.defaultdict(set)
for t in truth:
    holders[(t["issuing_state"], t["number"])].add(t["true_holder"])
if not any(len(h) > 1 for h in holders.values()):
    sys.exit("no document number reused across identities")
PY

"$PY" - "$WORK/w" 2024 <<'PY' && ok || bad "border detections and vehicle records"
import csv, re, sys
w, year = sys.argv[1], int(sys.argv[2])
ppb = {2018: 7, 2019: 11, 2020: 13, 2021: 28, 2022: 41, 2023: 49, 2024: 53, 2025: 61}[year]
det = list(csv.DictReader(open(f"{w}/detections.csv", encoding="utf-8")))
boats = [int(re.sub(r"\D", "", r["people"])) for r in det if r["transport_mode"] == "small_boat"]
if len(boats) < 10:
    sys.exit(f"only {len(boats)} small boats")
mean = sum(boats) / len(boats)
if abs(mean - ppb) > 0.25 * ppb:
    sys.exit(f"people per boat {mean:.1f}, expected {ppb} +-25%")
if not any(r["transport_mode"] == "lorry" and r["registration"] for r in det):
    sys.exit("no lorry detection with a registration")
veh = list(csv.DictReader(open(f"{w}/vehicles.csv", encoding="utf-8")))
sold = {r["engine_serial"] for r in veh if r["engine_serial"]}
seen = {r["engine_serial"] for r in det if r["engine_serial"]}
if not seen or not seen <= sold:
    sys.exit(f"{len(seen - sold)} detected engine serials never sold")
mentions = {(r["source"], r["entity_id"]) for r in csv.DictReader(open(f"{w}/truth/mentions.csv", encoding="utf-8"))
            if r["kind"] in ("vehicle", "vessel")}
for r in veh:
    mid = r["vehicle_mid"] or r["vessel_mid"]
    if ("vehicles.csv", mid) not in mentions:
        sys.exit(f"{mid} has no truth mention")
for r in veh:
    if r["record_type"] == "vessel" and not (r["imo"] or r["call_sign"]):
        sys.exit(f"vessel {r['vessel_mid']} without IMO or call sign")
PY

run sim --seed 7 --scale small --year 2024 --out "$WORK/w2" --quiet
for f in document-exams.csv detections.csv vehicles.csv truth/documents.csv truth/vehicles.csv; do
  cmp -s "$WORK/w/$f" "$WORK/w2/$f" && ok || bad "$f differs between two runs"
done
finish
