#!/usr/bin/env bash
# test_sim_sources_d.sh - the social-media captures of invigor sim:
# social-posts.jsonl and truth/posts.csv exist, the file ingests through a
# manifest with zero errors, every post's language is the truth's, adverts
# are 5-30% of posts, each of the nine languages has adverts and other
# posts, every handle and number in the truth stands in the file, and a
# search for a handle finds its UserAccount.
. "$(dirname "$0")/lib.sh"

run sim --seed 7 --scale small --year 2024 --out "$WORK/w" --quiet
expect_rc 0 "sim small 2024"
for f in social-posts.jsonl truth/posts.csv; do
  [ -s "$WORK/w/$f" ] && ok || bad "$f missing or empty"
done

# a manifest of this source only, so that this test stands alone
"$PY" - "$WORK/w/manifest.json" "$WORK/w/manifest-d.json" <<'PY' && ok || bad "social-posts.jsonl missing from the manifest"
import json, sys
m = json.load(open(sys.argv[1]))
m["sources"] = [s for s in m["sources"] if s["file"] == "social-posts.jsonl"]
if len(m["sources"]) != 1 or m["sources"][0]["format"] != "ftm":
    sys.exit("no ftm entry for social-posts.jsonl")
json.dump(m, open(sys.argv[2], "w"))
PY
run init; expect_rc 0 "init"
run ingest --manifest "$WORK/w/manifest-d.json"; expect_rc 0 "ingest the captures"
grep -Eq "social-posts.jsonl: dataset .* [1-9][0-9]* records" "$WORK/out" "$WORK/err" && ok ||
  bad "social-posts.jsonl not loaded: $ERR"

"$PY" - "$WORK/w" "$INVIGOR_DB" "$WORK/handle" <<'PY' && ok || bad "social-media captures"
import collections, csv, json, sqlite3, sys
w, dbpath, handle_out = sys.argv[1:4]
fail = []
lines = [json.loads(l) for l in open(f"{w}/social-posts.jsonl", encoding="utf-8")]
posts = {e["id"]: e for e in lines if e["schema"] == "SocialMediaPost"}
accounts = {e["id"]: e for e in lines if e["schema"] == "UserAccount"}
truth = list(csv.DictReader(open(f"{w}/truth/posts.csv", encoding="utf-8")))
if set(posts) != {r["post_id"] for r in truth}:
    fail.append("posts and truth/posts.csv list different ids")
cats = {"destination", "departure", "transport", "price", "guarantee", "contact", "payment",
        "document"}
for r in truth:
    p = posts.get(r["post_id"])
    if not p:
        continue
    if p["properties"]["language"] != [r["language"]]:
        fail.append(f"{r['post_id']}: language {p['properties']['language']} != {r['language']}")
    if p["properties"]["author"][0] not in accounts:
        fail.append(f"{r['post_id']}: author has no UserAccount line")
    got = set(filter(None, r["categories"].split(";")))
    if got - cats:
        fail.append(f"{r['post_id']}: unknown categories {got - cats}")
    if r["is_advert"] == "1" and (len(got) < 3 or "contact" not in got or not r["route"]):
        fail.append(f"{r['post_id']}: advert with categories {got}, route '{r['route']}'")
    if r["is_advert"] == "1" and not r["author_true_id"].startswith("F"):
        fail.append(f"{r['post_id']}: advert not by a facilitator")
ads = sum(r["is_advert"] == "1" for r in truth)
if not 0.05 <= ads / max(len(truth), 1) <= 0.30:
    fail.append(f"{ads} adverts of {len(truth)} posts")
seen = collections.Counter((r["language"], r["is_advert"]) for r in truth)
for lang in ("ar", "ckb", "fa", "ps", "sq", "vi", "ti", "en", "fr"):
    for a in "01":
        if not seen[lang, a]:
            fail.append(f"no {'advert' if a == '1' else 'other post'} in {lang}")
hard = sum(r["is_advert"] == "0" and len(r["categories"].split(";")) >= 2 for r in truth)
if not hard:
    fail.append("no hard negatives (non-adverts with two or more categories)")
# every selector of this source in the truth is written where the truth says
for m in csv.DictReader(open(f"{w}/truth/mentions.csv", encoding="utf-8")):
    if m["source"] != "social-posts.jsonl":
        continue
    e = posts.get(m["entity_id"]) or accounts.get(m["entity_id"])
    if not e or m["value"] not in e["properties"].get(m["property"], []):
        fail.append(f"mention {m['entity_id']} {m['property']} {m['value']} not in the file")
db = sqlite3.connect(dbpath)
n = db.execute("select count(*) from entities where schema = 'SocialMediaPost'").fetchone()[0]
if n != len(posts):
    fail.append(f"{n} posts in the database, {len(posts)} in the file")
acct = next(e for e in accounts.values() if e["id"].startswith("sma-"))
open(handle_out, "w").write(acct["properties"]["username"][0] + " " + acct["id"] + "\n")
if fail:
    sys.exit("\n".join(fail[:10]))
PY

read -r handle account <"$WORK/handle"
run search "$handle" --schema UserAccount --limit 100; expect_rc 0 "search $handle"
expect_out "^$account " "search for the handle $handle finds $account"
finish
