#!/usr/bin/env bash
# test_sim_sources_b.sh - the money sources of invigor sim: bank.csv and
# hawala-ledger.csv exist with their mappings, the package ingests with zero
# errors, every money flow in the truth names a Payment and Persons that are
# in the database, and no OCG's recorded proceeds exceed truth/proceeds.csv.
# Social-media captures, when written, keep adverts a minority in every
# language.
. "$(dirname "$0")/lib.sh"

run sim --seed 11 --scale 1500 --year 2024 --out "$WORK/w" --quiet; expect_rc 0 "sim"
for f in bank.csv bank.yml hawala-ledger.csv hawala-ledger.yml truth/money_flows.csv \
         truth/money_parties.csv; do
  [ -s "$WORK/w/$f" ] && ok || bad "$f missing"
done
run ingest --manifest "$WORK/w/manifest.json"; expect_rc 0 "ingest --manifest"

"$PY" - "$INVIGOR_DB" "$WORK/w" <<'PY' && ok || bad "money flows and database disagree"
import collections, csv, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
w = sys.argv[2]
ents = collections.defaultdict(set)
for eid, schema in db.execute("select eid, schema from entities"):
    ents[schema].add(eid)
flows = list(csv.DictReader(open(f"{w}/truth/money_flows.csv", encoding="utf-8")))
fail = []
src = collections.Counter(f["source"] for f in flows)
for s in ("bank.csv", "hawala-ledger.csv"):
    if not src[s]:
        fail.append(f"no flows from {s}")
for f in flows:
    if f["txn_id"] not in ents["Payment"]:
        fail.append(f"payment {f['txn_id']} not in the database")
    for k in ("payer_entity", "beneficiary_entity"):
        if f[k] not in ents["Person"]:
            fail.append(f"{k} {f[k]} of {f['txn_id']} not in the database")
cats = {"deposit", "instalment", "release", "supplier", "proceeds", "legitimate"}
bad_cat = {f["category"] for f in flows} - cats
if bad_cat:
    fail.append(f"unknown categories {bad_cat}")
legit = sum(f["category"] == "legitimate" for f in flows)
if not legit:
    fail.append("no legitimate background transactions")
got = collections.Counter()
for f in flows:
    if f["ocg"]:
        got[f["ocg"]] += int(f["proceeds_gbp"])
truth = {r["ocg"]: int(r["proceeds_gbp"]) for r in csv.DictReader(open(f"{w}/truth/proceeds.csv"))}
for ocg, v in got.items():
    if v > truth.get(ocg, 0):
        fail.append(f"{ocg}: recorded proceeds {v} exceed {truth.get(ocg)}")
if fail:
    sys.exit("\n".join(fail[:10]))
PY

if [ -s "$WORK/w/truth/posts.csv" ]; then
  "$PY" - "$WORK/w/truth/posts.csv" <<'PY' && ok || bad "post labels"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
ads = sum(r["is_advert"] == "1" for r in rows)
langs = {r["language"] for r in rows}
need = {"ar", "ckb", "fa", "ps", "sq", "vi", "ti", "en", "fr"}
if not rows or ads * 2 >= len(rows):
    sys.exit(f"{ads} adverts of {len(rows)} posts")
if need - langs:
    sys.exit(f"languages missing: {need - langs}")
PY
fi
finish
