#!/usr/bin/env bash
# test_sim_sources_a.sh - partner reports and call detail records of invigor
# sim: the files and their truth exist, the package ingests with zero errors,
# handling C lines keep their conditions, releasability and Europol code in
# the database (and P lines stay P), partners know a subset of facilitators
# working in or through their country, every phone mention names the phone's
# true owner, and the calls follow the network in plausible numbers.
. "$(dirname "$0")/lib.sh"

run sim --seed 5 --scale 1500 --year 2024 --out "$WORK/w" --quiet; expect_rc 0 "sim"
for f in partner-reports.jsonl cdr.csv cdr.yml truth/calls.csv truth/phones.csv \
         truth/partner_links.csv; do
  [ -s "$WORK/w/$f" ] && ok || bad "$f missing"
done
"$PY" - "$WORK/w/manifest.json" <<'PY' && ok || bad "manifest entries"
import json, sys
src = {s["file"]: s for s in json.load(open(sys.argv[1]))["sources"]}
p, c = src["partner-reports.jsonl"], src["cdr.csv"]
assert p["format"] == "ftm" and "dataset" not in p and "mapping" not in p, p
assert c["format"] == "csv" and c["mapping"] == "cdr.yml" and c["phone_region"] == "GB", c
PY
run init; expect_rc 0 "init"
run ingest --manifest "$WORK/w/manifest.json"; expect_rc 0 "ingest --manifest"
expect_out "partner-reports.jsonl: .* 0 dangling" "partner reports ingested"
expect_out "cdr.csv: dataset uk-cdr: [0-9]+ records" "call records ingested"

# --- handling: a C line and a P line, as the database shows them -------------
for code in C P; do
  line=$("$PY" - "$WORK/w/partner-reports.jsonl" "$code" <<'PY'
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    e = json.loads(l)
    if e["schema"] == "Person" and e["handling"]["handling"] == sys.argv[2] and \
       (sys.argv[2] == "P" or e["handling"].get("releasable_to")):
        print(l.strip())
        break
PY
)
  [ -n "$line" ] && ok || { bad "no Person line handled $code"; continue; }
  id=$("$PY" -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$line")
  run show "$id" --json; expect_rc 0 "show $id"
  "$PY" - "$WORK/out" "$line" <<'PY' && ok || bad "handling $code of $id not kept"
import json, sys
got = json.load(open(sys.argv[1], encoding="utf-8"))
line = json.loads(sys.argv[2])
h = line["handling"]
stmts = [s for s in got["statements"] if s["source_record"] == line["source_record"]]
assert got["schema"] == "Person" and stmts, got
nvalues = sum(len(v) for v in line["properties"].values())
assert len(stmts) >= nvalues - 1, (len(stmts), nvalues)  # one value may repeat another
for s in stmts:
    e = s["handling"]
    assert s["dataset"] == line["datasets"][0], s
    assert e["handling"] == h["handling"] and e["grade"] == h["grade"], e
    assert e["conditions"] == h.get("conditions", ""), e
    assert e["releasable_to"] == ",".join(h.get("releasable_to", [])), e
    assert e["europol"] == h.get("europol", ""), e
    assert e["originator"] == h["originator"] and e["subject"] == "suspect", e
    if h["handling"] == "C":
        assert e["europol"] in ("H1", "H2", "H3") and e["conditions"].startswith(e["europol"]), e
    else:
        assert e["europol"] in ("H0", "") and e["conditions"] == "", e
PY
done

# --- partners: who they know, and what the truth says about it ----------------
"$PY" - "$INVIGOR_DB" "$WORK/w" <<'PY' && ok || bad "partner reports and truth disagree"
import collections, csv, json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
w = sys.argv[2]
rd = lambda f: list(csv.DictReader(open(f"{w}/{f}", encoding="utf-8")))
lines = [json.loads(l) for l in open(f"{w}/partner-reports.jsonl", encoding="utf-8")]
persons = {l["id"] for l in lines if l["schema"] == "Person"}
in_db = {r[0] for r in db.execute("select eid from entities where schema = 'Person'")}
fail = []
if persons - in_db:
    fail.append(f"partner persons not in the database: {sorted(persons - in_db)[:3]}")
men = [m for m in rd("truth/mentions.csv") if m["source"] == "partner-reports.jsonl"]
who = {m["entity_id"]: m["true_id"] for m in men if m["kind"] == "person"}
if set(who) != persons:
    fail.append(f"{len(persons ^ set(who))} partner persons without exactly one truth mention")
owner = {r["phone"]: r["owner"] for r in rd("truth/phones.csv")}
for m in men:
    if m["kind"] == "phone" and m["entity_id"] in who and owner[m["true_id"]] != who[m["entity_id"]]:
        fail.append(f"{m['entity_id']}: phone {m['value']} belongs to {owner[m['true_id']]}")
# a member state knows facilitators working in or through its country, not all
members = {r["true_id"]: r for r in rd("truth/ocg_members.csv")}
ends = {}
for r in rd("truth/legs.csv"):
    ends[(r["route"], r["leg"])] = {r["destination"]} | ({r["origin"]} if r["leg"] != "1" else set())
by_ds = collections.defaultdict(set)
for l in lines:
    if l["schema"] == "Person":
        by_ds[l["datasets"][0]].add(who.get(l["id"], "?"))
iso = {"fr": "FR", "be": "BE", "nl": "NL", "de": "DE", "gr": "GR", "it": "IT", "pl": "PL"}
if "partner-fr-ocriest" not in by_ds or "europol-emsc" not in by_ds:
    fail.append(f"partners missing: {sorted(by_ds)}")
for ds, ids in by_ds.items():
    if len(ids) > 0.8 * len(members):
        fail.append(f"{ds} knows {len(ids)} of {len(members)} facilitators")
    if not ds.startswith("partner-"):
        continue
    cc = iso[ds.split("-")[1]]
    for t in ids:
        m = members.get(t)
        if m is None:
            fail.append(f"{ds}: {t} is not a facilitator")
        elif m["role"] not in ("organiser", "hawaladar", "boat_supplier") and \
                cc not in ends.get((m["route"], m["leg"]), {cc}):
            fail.append(f"{ds}: {t} works {m['route']} leg {m['leg']}, not in {cc}")
links = rd("truth/partner_links.csv")
kinds = collections.Counter((l["schema"], l["true"]) for l in links)
for need in (("Membership", "1"), ("Associate", "1")):
    if not kinds[need]:
        fail.append(f"no {need} links")
if kinds[("Membership", "0")] + kinds[("Associate", "0")] > 0.2 * len(links):
    fail.append(f"too many false links: {kinds}")
if fail:
    sys.exit("\n".join(fail[:10]))
PY

# --- calls: numbers, their owners, and how many ---------------------------------
"$PY" - "$INVIGOR_DB" "$WORK/w" <<'PY' && ok || bad "call records and truth disagree"
import collections, csv, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
w = sys.argv[2]
rd = lambda f: list(csv.DictReader(open(f"{w}/{f}", encoding="utf-8")))
rows, truth = rd("cdr.csv"), rd("truth/calls.csv")
phones = {r["phone"]: r for r in rd("truth/phones.csv")}
members = {r["true_id"]: r["ocg"] for r in rd("truth/ocg_members.csv")}
journeys = {r["journey"] for r in rd("truth/legs.csv")}
fail = []
ncalls = db.execute("select count(*) from entities where schema = 'Call'").fetchone()[0]
if ncalls != len(rows) or len(truth) != len(rows):
    fail.append(f"{len(rows)} records, {ncalls} Call entities, {len(truth)} truth rows")
calls = {t["call"] for t in truth}
if not len(journeys) <= len(calls) <= 10 * len(journeys):
    fail.append(f"{len(calls)} calls for {len(journeys)} journeys")
kinds = collections.Counter(t["kind"] for t in truth)
for k in ("cell", "joint_venture", "client", "collection", "background"):
    if not kinds[k]:
        fail.append(f"no {k} calls")
if not 0.1 <= kinds["background"] / len(truth) <= 0.6:
    fail.append(f"background share {kinds['background']}/{len(truth)}")
ment = collections.defaultdict(dict)
for m in rd("truth/mentions.csv"):
    if m["source"] == "cdr.csv":
        ment[m["entity_id"]][m["property"]] = m["true_id"]
for r, t in zip(rows, truth):
    if r["record_id"] != t["record_id"]:
        fail.append(f"{r['record_id']}: truth row {t['record_id']}")
        break
    target = t["caller_phone"] if r["record_type"] == "MOC" else t["receiver_phone"]
    if not target or phones[target]["production_order"] != "1" or \
            phones[target]["operator"] != r["operator"]:
        fail.append(f"{r['record_id']}: {target} is not that operator's target")
    for side, prop in (("caller", "callerNumber"), ("receiver", "receiverNumber")):
        ph = t[side + "_phone"]
        if ph and (ment[r["record_id"]].get(prop) != ph or phones[ph]["owner"] != t[side]):
            fail.append(f"{r['record_id']}: {prop} mention or owner of {ph} wrong")
    if t["kind"] in ("cell", "joint_venture"):
        same = members.get(t["caller"]) == members.get(t["receiver"])
        if not t["caller"].startswith("F") or not t["receiver"].startswith("F") or \
                same != (t["kind"] == "cell"):
            fail.append(f"{r['record_id']}: {t['kind']} call {t['caller']} -> {t['receiver']}")
    if t["kind"] == "collection" and not t["receiver"].startswith("R"):
        fail.append(f"{r['record_id']}: collection call to {t['receiver']}")
if fail:
    sys.exit("\n".join(fail[:10]))
PY
finish
