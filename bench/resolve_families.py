#!/usr/bin/python3
"""resolve_families.py - how the generated world's other families resolve:
vehicles, vessels, bank and social accounts, identity documents (issue 4,
"Schemata"; docs/resolution.md "Families and features").

  build-rel/bench_resolve --skip-febrl --scale medium --keep DIR
  python3 bench/resolve_families.py DIR [--invigor build-rel/invigor]

bench_resolve resolves the Person family only.  This script copies
DIR/sim.db to a temporary folder, runs `invigor resolve --json` there (every
family), and scores each family's canonical entities against
DIR/world/truth/mentions.csv, whose kinds vehicle, vessel, account and
document give each such entity id the true object it stands for: pairwise
precision, recall and F1 over the records with truth, as bench_resolve
scores people.  The kept store is not changed.

What the world's truth says that no identifier can: a lorry's trailer
keeps one true id across detections that each give it another plate, and
(in worlds generated before 30 November 2026, evening) different social
accounts of one service shared a handle, which no service allows.  The
script counts both, so that a reader can tell them from the engine's
misses, and the boats seen with no identifier at all.  Each document
examination of the world saw its own document, so in the Identification
family every pair put together is false (a number a forger reused).
"""
import collections
import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

KINDS = ("vehicle", "vessel", "account", "document")


def pairs(n):
    return n * (n - 1) // 2


def score(truth, canonical):
    """Pairwise precision, recall, F1 and counts over the ids in both maps."""
    recs = [e for e in truth if e in canonical]
    true_pairs = sum(pairs(n) for n in collections.Counter(truth[e] for e in recs).values())
    clusters = collections.defaultdict(list)
    for e in recs:
        clusters[canonical[e]].append(e)
    together = sum(pairs(len(m)) for m in clusters.values())
    right = sum(sum(pairs(k) for k in collections.Counter(truth[e] for e in m).values())
                for m in clusters.values())
    p = right / together if together else 1.0
    r = right / true_pairs if true_pairs else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return len(recs), true_pairs, together, right, p, r, f1


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(argv) >= 2 else 2
    work = argv[1]
    invigor = "build-rel/invigor"
    if len(argv) == 4 and argv[2] == "--invigor":
        invigor = argv[3]
    elif len(argv) != 2:
        print("usage: resolve_families.py DIR [--invigor PATH]", file=sys.stderr)
        return 2
    for need in (work + "/sim.db", work + "/world/truth/mentions.csv", invigor):
        if not os.path.exists(need):
            print("resolve_families.py: %s: not found" % need, file=sys.stderr)
            return 1

    truth = {k: {} for k in KINDS}
    with open(work + "/world/truth/mentions.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["kind"] in truth and row["entity_id"] and row["true_id"]:
                truth[row["kind"]][row["entity_id"]] = row["true_id"]

    tmp = tempfile.mkdtemp(prefix="resolve_families.")
    try:
        db = tmp + "/sim.db"
        src = sqlite3.connect("file:%s/sim.db?mode=ro" % work, uri=True)
        dst = sqlite3.connect(db)
        src.backup(dst)
        src.close()
        dst.close()
        for extra in ("sim.db.audit-key",):
            if os.path.exists(work + "/" + extra):
                shutil.copy(work + "/" + extra, tmp + "/" + extra)
        env = dict(os.environ, INVIGOR_USER=os.environ.get("INVIGOR_USER", "bench"))
        run = subprocess.run([invigor, "--db", db, "resolve", "--json"], env=env,
                             capture_output=True, text=True)
        if run.returncode:
            print("resolve_families.py: invigor resolve failed: %s" % run.stderr.strip(),
                  file=sys.stderr)
            return 1
        reports = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
        con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
        canonical = dict(con.execute(
            "SELECT e.eid, m.canonical FROM res_members m JOIN entities e ON e.id = m.entity"))
        family = dict(con.execute(
            "SELECT e.eid, r.family FROM res_records r JOIN entities e ON e.id = r.entity"))
        strong = {}
        for eid, record in con.execute(
                "SELECT e.eid, r.record FROM res_records r JOIN entities e ON e.id = r.entity "
                "WHERE r.family IN ('Vehicle', 'Vessel', 'UserAccount')"):
            strong[eid] = set(json.loads(record).get("strong", []))
        con.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    for rep in reports:
        if rep.get("family") and rep.get("family") != "Person":
            print("resolved %-14s %6d records, %7d pairs compared, %6d strong links, "
                  "%6d vetoes, %6d for review, %.2f s"
                  % (rep["family"], rep.get("records", 0), rep.get("pairs_compared", 0),
                     rep.get("strong_links", 0), rep.get("vetoes", 0), rep.get("review", 0),
                     rep.get("seconds", 0.0)))
    print("%-9s %-16s %7s %8s %8s %8s %7s %7s %7s"
          % ("truth", "family", "records", "true", "together", "right", "P", "R", "F1"))
    for kind in KINDS:
        t = truth[kind]
        fams = sorted(set(family.get(e) for e in t if e in canonical), key=str)
        for fam in fams:
            n, tp, tog, right, p, r, f1 = score(
                {e: v for e, v in t.items() if family.get(e) == fam}, canonical)
            print("%-9s %-16s %7d %8d %8d %8d %7.4f %7.4f %7.4f"
                  % (kind, fam, n, tp, tog, right, p, r, f1))

    # what the truth asks that identifiers cannot give
    by_true = collections.defaultdict(set)
    for e, tid in truth["vehicle"].items():
        # a plate's value alone ("plate\x1fscope\x1fvalue"): with or without its country
        by_true[tid].update(i.split("\x1f")[-1] for i in strong.get(e, ())
                            if i.startswith("plate\x1f"))
    plates = set(tid for tid, ids in by_true.items() if len(ids) > 1)
    per_true = collections.Counter(truth["vehicle"].values())
    plate_pairs = sum(pairs(per_true[tid]) for tid in plates)
    rest = {e: tid for e, tid in truth["vehicle"].items() if tid not in plates}
    _, _, _, _, p_rest, r_rest, _ = score(rest, canonical)
    print("vehicles: %d true objects carry more than one plate (%d true pairs, "
          "the world's trailers: one id, a new plate at each detection); over the "
          "rest P %.4f R %.4f" % (len(plates), plate_pairs, p_rest, r_rest))
    # a boat seen at a landing with no engine serial, IMO, MMSI or registration: a grey
    # inflatable with a Tohatsu outboard, as hundreds are; no identifier can place it
    bare = set(e for e in truth["vessel"] if family.get(e) == "Vessel" and not strong.get(e))
    bare_true = set(truth["vessel"][e] for e in bare)
    per_vessel = collections.Counter(truth["vessel"].values())
    rest = {e: tid for e, tid in truth["vessel"].items() if tid not in bare_true}
    _, _, _, _, p_rest, r_rest, _ = score(rest, canonical)
    print("vessels: %d records name no identifier (%d true pairs involve their boats, "
          "boats seen with no serial, IMO, MMSI or registration); over the rest P %.4f "
          "R %.4f" % (len(bare), sum(pairs(per_vessel[t]) for t in bare_true), p_rest, r_rest))
    docs = truth["document"]
    print("documents: %d true documents for %d records (each examination saw its own "
          "document; one number on several is a forger's): every pair put together is false"
          % (len(set(docs.values())), len(docs)))
    handle_owner = collections.defaultdict(set)
    for e, tid in truth["account"].items():
        if family.get(e) == "UserAccount":
            for ident in strong.get(e, ()):
                handle_owner[ident].add(tid)
    shared = [h for h, owners in handle_owner.items() if len(owners) > 1]
    print("accounts: %d service handles are held by more than one true account "
          "(a service gives a handle to one account)" % len(shared))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
