#!/usr/bin/python3
"""resolve_missed.py - where the generator's world is lost: the true pairs the
clusters keep apart, by what lies between the two fragments of a person, and
the false pairs they put together (issue 4, docs/resolution.md "Measured").

  build-rel/bench_resolve --skip-febrl --scale medium --keep DIR
  python3 bench/resolve_missed.py DIR

DIR is the folder bench_resolve kept: DIR/sim.db (the resolved store) and
DIR/world/truth/mentions.csv (which person each Person entity id stands for;
an id that names several people counts as its majority person, as
bench_resolve scores it).

A person whose records sit in several canonical entities has *fragments*;
each pair of fragments misses |A| x |B| true pairs.  They are counted by the
strongest link the run stored between the two fragments (a model link a
bridging record did not follow, or a review pair at 0.2 or more; pairs below
0.2 are not stored), and by whether one fragment holds only records with a
name and nothing else (at most nationality, country and gender besides).
The second table takes the records with more than a name only, the pairs
an engine that never merges on a name alone can reach at most, and tells
the fragments with no kind of evidence in common (a phone on one side, a
birth date on the other) from those with one.  A last table tries what
merging on a rare name alone would give (the engine does not).
"""
import collections
import csv
import json
import sqlite3
import sys

NAME_ONLY = {"name", "nationality", "country", "gender"}


def pairs(n):
    return n * (n - 1) // 2


def main():
    if len(sys.argv) != 2 or sys.argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(sys.argv) == 2 else 2
    work = sys.argv[1]
    votes = collections.defaultdict(collections.Counter)
    with open(work + "/world/truth/mentions.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["kind"] == "person" and row["entity_id"] and row["true_id"]:
                votes[row["entity_id"]][row["true_id"]] += 1
    person = {e: c.most_common(1)[0][0] for e, c in votes.items()}

    db = sqlite3.connect("file:%s/sim.db?mode=ro" % work, uri=True)
    eid = dict(db.execute("SELECT e.id, e.eid FROM entities e JOIN res_records r ON r.entity = e.id"))
    name_only = {}
    kinds = {}  # the kinds of evidence a record holds beyond a name
    for entity, record in db.execute("SELECT entity, record FROM res_records WHERE family = 'Person'"):
        held = set(json.loads(record).get("values", {}))
        # as bench_resolve's ceiling reads it: a name, and nothing else that identifies
        name_only[eid[entity]] = "name" in held and held <= NAME_ONLY
        kinds[eid[entity]] = held - NAME_ONLY
    canonical = {eid[e]: c for e, c in db.execute("SELECT entity, canonical FROM res_members") if e in eid}
    records = [e for e in name_only if e in person and e in canonical]
    if not records:
        print("no resolved Person records with truth in %s/sim.db" % work, file=sys.stderr)
        return 1

    best = {}
    for a, b, p in db.execute("SELECT a, b, probability FROM res_links WHERE kind IN (1, 4, 5)"):
        a, b = eid.get(a), eid.get(b)
        if a in person and b in person and person[a] == person[b] and canonical.get(a) != canonical.get(b):
            key = (person[a],) + tuple(sorted((canonical[a], canonical[b])))
            best[key] = max(best.get(key, 0.0), p)

    def fragment_pairs(kept):
        """Each pair of one person's fragments (of the records kept), with the best link."""
        fragments = collections.defaultdict(lambda: collections.defaultdict(list))
        for e in records:
            if kept(e):
                fragments[person[e]][canonical[e]].append(e)
        for p, frs in fragments.items():
            cs = sorted(frs)
            for i in range(len(cs)):
                for j in range(i):
                    yield frs[cs[i]], frs[cs[j]], best.get((p, cs[j], cs[i]))

    missed = collections.Counter()
    for a, b, link in fragment_pairs(lambda e: True):
        only = all(name_only[e] for e in a) or all(name_only[e] for e in b)
        if link is None:
            what = "one fragment has names only, no link" if only else "both have more than a name, no link"
        elif link >= 0.9:
            what = "a link at >= 0.9 between them"
        else:
            what = "a review pair at 0.2-0.9 between them"
        missed[what] += len(a) * len(b)

    truth = sum(pairs(n) for n in collections.Counter(person[e] for e in records).values())
    together = wrong = 0
    members = collections.defaultdict(list)
    for e in records:
        members[canonical[e]].append(e)
    for ms in members.values():
        n = len(ms)
        right = sum(pairs(k) for k in collections.Counter(person[e] for e in ms).values())
        together += pairs(n)
        wrong += pairs(n) - right
    print("records %d, true pairs %d, put together %d (false %d), missed %d"
          % (len(records), truth, together, wrong, sum(missed.values())))
    print("precision %.4f  recall %.4f" % ((together - wrong) / together if together else 0,
                                           (together - wrong) / truth if truth else 0))
    for what, n in missed.most_common():
        print("  missed %8d  %s" % (n, what))

    # the same between records that hold more than a name: what this engine, which never
    # merges on a name alone, could reach at most
    inner = collections.Counter()
    for a, b, link in fragment_pairs(lambda e: not name_only[e]):
        common = set().union(*(kinds[e] for e in a)) & set().union(*(kinds[e] for e in b))
        if link is not None and link >= 0.9:
            what = "a link at >= 0.9 between them (a bridging record's)"
        elif link is not None:
            what = "a review pair at 0.2-0.9 between them"
        elif not common:
            what = "no kind of evidence in common (the name is all they share)"
        else:
            what = "evidence of one kind on both sides, no link"
        inner[what] += len(a) * len(b)
    reach = sum(pairs(n) for n in collections.Counter(
        person[e] for e in records if not name_only[e]).values())
    print("between records with more than a name: %d true pairs (recall ceiling %.4f without "
          "merging on a name alone), missed %d"
          % (reach, reach / truth if truth else 0, sum(inner.values())))
    for what, n in inner.most_common():
        print("  missed %8d  %s" % (n, what))
    rare_name_trial(db, eid, person, canonical, name_only)
    return 0


def rare_name_trial(db, eid, person, canonical, name_only):
    """What merging on a rare name alone would give: each name-only record
    that is alone joins the canonical entity its rarest blocking key leads
    to, when that key is held by at most `most` records and reaches records
    with more than a name in that one entity only."""
    count = dict(db.execute("SELECT key, count FROM res_key_counts"))
    keys = collections.defaultdict(set)
    holders = collections.defaultdict(set)
    for key, entity in db.execute("SELECT key, entity FROM res_keys"):
        e = eid.get(entity)
        if e in canonical:
            keys[e].add(key)
            holders[key].add(e)
    members = collections.defaultdict(list)
    for e, c in canonical.items():
        if e in person:
            members[c].append(e)
    print("trial, merging on a rare name alone (not done by the engine):")
    for most in (2, 5, 10, 50):
        joins = collections.defaultdict(list)
        for r in person:
            if r not in canonical or not name_only.get(r) or len(members[canonical[r]]) > 1 or not keys[r]:
                continue
            rarest = min(keys[r], key=lambda k: count.get(k, len(holders[k])))
            if count.get(rarest, len(holders[rarest])) > most:
                continue
            reached = {canonical[e] for e in holders[rarest] if not name_only.get(e)}
            if len(reached) == 1:
                joins[reached.pop()].append(r)
        right = wrong = 0
        for c, joining in joins.items():
            for i, a in enumerate(joining):
                for b in members[c] + joining[:i]:
                    right += person[a] == person[b]
                    wrong += person[a] != person[b]
        print("  rarest key held by <= %2d records: %5d records join, %7d true pairs, %7d false"
              % (most, sum(map(len, joins.values())), right, wrong))


if __name__ == "__main__":
    sys.exit(main())
