#!/usr/bin/python3
"""resolve_ceiling.py - how high pairwise F1 can go on the generator's world
without merging records on an ambiguous name alone (issue 4, docs/resolution.md
"Measured").

  build-rel/bench_resolve --skip-febrl --scale medium --keep DIR
  python3 bench/resolve_ceiling.py DIR

DIR is the folder bench_resolve kept: DIR/sim.db (the resolved store) and
DIR/world/truth/mentions.csv (which person each Person entity id stands for).

A record is *name-only ambiguous* when it holds nothing but names (and at most
nationality, country and gender) and each of its names, written exactly as it
is (case and word order aside), is also held by records of another true
person: a money-transfer beneficiary "ALI OSMAN, TR" when three people in the
world are called Ali Osman.  No resolver can tell from the record which of
them it is, so the true pairs it belongs to are out of reach of any engine
that does not guess.  This script counts them and prints:

  - the recall ceiling: true pairs that do not involve such a record, as a
    share of all true pairs (an upper bound: spelling variants make more
    records ambiguous than exact spellings do);
  - the F1 ceiling at perfect precision and at the precision the store's
    clusters have now;
  - the store's own pairwise precision, recall and F1 (the same figures
    bench_resolve prints, recomputed here as a check).

bench_resolve prints the same ceiling in its own run (its "ceiling" lines),
over its own true pairs; this script is for a folder kept from an earlier run.
"""
import collections
import csv
import json
import re
import sqlite3
import sys

EVIDENCE_FREE = {"name", "nationality", "country", "gender"}


def pairs(n):
    return n * (n - 1) // 2


def name_key(name):
    return " ".join(sorted(t for t in re.split(r"[\s,.\-]+", name.lower()) if t))


def load_truth(path):
    votes = collections.defaultdict(collections.Counter)
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["kind"] == "person" and row["entity_id"] and row["true_id"]:
                votes[row["entity_id"]][row["true_id"]] += 1
    return {e: c.most_common(1)[0][0] for e, c in votes.items()}


def main():
    if len(sys.argv) != 2 or sys.argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(sys.argv) == 2 else 2
    work = sys.argv[1]
    truth = load_truth(work + "/world/truth/mentions.csv")
    db = sqlite3.connect("file:%s/sim.db?mode=ro" % work, uri=True)
    records, cluster = {}, {}
    for eid, record in db.execute(
        "SELECT e.eid, r.record FROM res_records r JOIN entities e ON e.id = r.entity "
        "WHERE r.family = 'Person'"
    ):
        if eid in truth:
            records[eid] = json.loads(record).get("values", {})
    for eid, canonical in db.execute(
        "SELECT e.eid, m.canonical FROM res_members m JOIN entities e ON e.id = m.entity"
    ):
        if eid in records:
            cluster[eid] = canonical
    if not records:
        print("no resolved Person records with truth in %s/sim.db" % work, file=sys.stderr)
        return 1

    holders = collections.defaultdict(set)
    for eid, values in records.items():
        for name in values.get("name", []):
            holders[name_key(name)].add(truth[eid])
    ambiguous = set()
    for eid, values in records.items():
        names = values.get("name", [])
        if names and set(values) <= EVIDENCE_FREE and all(
            len(holders[name_key(n)]) > 1 for n in names
        ):
            ambiguous.add(eid)

    people = collections.defaultdict(list)
    for eid in records:
        people[truth[eid]].append(eid)
    true_pairs = sum(pairs(len(es)) for es in people.values())
    reachable = sum(pairs(sum(e not in ambiguous for e in es)) for es in people.values())

    together = collections.defaultdict(collections.Counter)
    for eid in records:
        together[cluster.get(eid, eid)][truth[eid]] += 1
    put = sum(pairs(sum(c.values())) for c in together.values())
    right = sum(pairs(n) for c in together.values() for n in c.values())
    precision = right / put if put else 1.0
    recall = right / true_pairs if true_pairs else 1.0

    def f1(p, r):
        return 2 * p * r / (p + r) if p + r else 0.0

    ceiling = reachable / true_pairs if true_pairs else 1.0
    print("records              %d Person records with truth, %d true people, %d true pairs"
          % (len(records), len(people), true_pairs))
    print("name-only ambiguous  %d records (%.1f%%): only a name, held by several true people"
          % (len(ambiguous), 100.0 * len(ambiguous) / len(records)))
    print("recall ceiling       %.4f (%d of %d true pairs reachable without guessing)"
          % (ceiling, reachable, true_pairs))
    print("F1 ceiling           %.4f at precision 1.0; %.4f at the store's precision %.4f"
          % (f1(1.0, ceiling), f1(precision, ceiling), precision))
    print("store now            pairwise precision %.4f  recall %.4f  F1 %.4f"
          % (precision, recall, f1(precision, recall)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
