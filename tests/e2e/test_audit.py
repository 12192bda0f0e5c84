"""test_audit.py - the audit trail through the API and the command line.

Every request leaves a record (who, from where, what was asked, which
entity ids came back, the status); an auditor finds who saw an entity with
GET /api/v1/audit?user=U&entity=ID (and `invigor audit query`); and any
tampering with the database (a record altered, deleted, inserted, or the
tail cut off) makes `invigor audit verify` exit non-zero and
GET /api/v1/audit/verify report intact=false.
"""

import json
import os
import shutil
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as H  # noqa: E402


def records(srv, query):
    """Every audit record matching the query, following the cursors."""
    out, cursor = [], None
    for _ in range(100):
        r = srv.get("uk_aud", "/api/v1/audit?limit=1000&" + query +
                    ("&cursor=" + cursor if cursor else ""))
        if not H.check(r.status == 200, "audit %s: %d %s" % (query, r.status, r.text[:200])):
            return out
        j = r.json()
        out += j["records"]
        cursor = j.get("next")
        if not cursor:
            break
    return out


def who_saw(srv, entity):
    return {(x["user"], x["action"]) for x in records(srv, "entity=" + entity)}


def visits(srv):
    """Requests whose records the test checks: user, path, expected entity ids."""
    asked = []

    def get(user, path, want_status, ids):
        r = srv.get(user, path)
        H.check(r.status == want_status, "%s %s: %d, expected %d" % (user, path, r.status,
                                                                    want_status))
        asked.append((user, path, r.status, ids))

    get("fr_pl_off", "/api/v1/entities/m-zorvex", 200, ["m-zorvex"])
    get("fr_pl_off", "/api/v1/search?q=Zorvex", 200, ["m-zorvex"])
    get("fr_pl_off", "/api/v1/entities/m-quillon", 404, [])
    get("uk_an_sec", "/api/v1/entities/m-quillon", 200, ["m-quillon"])
    get("uk_an_sec", "/api/v1/paths?source=c-alpha&target=m-quillon", 200,
        ["c-alpha", "c-hub", "m-quillon"])
    get("uk_an_off", "/api/v1/search?q=Quillon", 200, [])
    get("bf_an_sec", "/api/v1/entities/c-hub/network?hops=1", 200, None)
    get("uk_aud", "/api/v1/entities/m-zorvex", 403, [])
    # an FtM export is recorded with every entity whose lines it holds
    r = srv.get("uk_an_off", "/api/v1/export?format=ftm")
    exported = sorted({json.loads(line)["id"] for line in r.text.splitlines() if line})
    H.check(r.status == 200 and "m-zorvex" in exported and "m-quillon" not in exported,
            "uk_an_off's FtM export: %d, ids %s" % (r.status, exported))
    asked.append(("uk_an_off", "/api/v1/export?format=ftm", r.status, exported))
    return asked


def main():
    store = H.Store("audit")
    store.build(files=("base.jsonl",),
                users=("fr_pl_off", "uk_an_sec", "uk_an_off", "bf_an_sec", "uk_aud"))
    cli_records = 0
    rc, out, _ = store.run("audit", "query", "--json")
    cli_records = len(out.splitlines())
    H.check(cli_records >= len(H.ORGS) + 5,
            "the command line changes left %d records" % cli_records)

    srv = H.Server(store)
    try:
        asked = visits(srv)
        srv.request("GET", "/api/v1/search?q=Zorvex")  # no token: a refusal, recorded too
        # each request's record: who, what, status, entities
        for user, path, status, ids in asked:
            route, _, query = path.partition("?")
            recs = [x for x in records(srv, "user=" + user)
                    if x["action"] == "GET " + route and x["query"] == query]
            if not H.check(len(recs) == 1, "audit: %d records of %s GET %s" %
                           (len(recs), user, path)):
                continue
            rec = recs[0]
            H.check(rec["status"] == status and rec["remote"] == "127.0.0.1",
                    "audit: the record of %s %s: %s" % (user, path, json.dumps(rec)))
            if ids is not None:
                H.check(sorted(rec["entities"]) == sorted(ids),
                        "audit: %s %s returned %s, the record says %s" %
                        (user, path, ids, rec["entities"]))
        anon = [x for x in records(srv, "") if x["user"] == "" and
                x["action"] == "GET /api/v1/search" and x["status"] == 401]
        H.check(len(anon) == 1, "audit: the unauthenticated search left %d records" % len(anon))
        # who saw this person
        saw = who_saw(srv, "m-zorvex")
        H.check(("fr_pl_off", "GET /api/v1/entities/m-zorvex") in saw and
                ("fr_pl_off", "GET /api/v1/search") in saw,
                "audit: who saw m-zorvex: %s" % sorted(saw))
        saw = {u for u, _ in who_saw(srv, "m-quillon")}
        H.check(saw == {"uk_an_sec", "bf_an_sec"}, "audit: who saw m-quillon: %s, expected "
                "uk_an_sec and bf_an_sec (in the hub's network); a 404 or an empty search "
                "shows nothing" % sorted(saw))
        saw = who_saw(srv, "m-nullis")
        H.check(not saw, "audit: who saw m-nullis (visible to nobody): %s" % sorted(saw))
        H.check(records(srv, "user=fr_pl_off&entity=m-quillon") == [],
                "audit: fr_pl_off never saw m-quillon")
        saw = {u for u, _ in who_saw(srv, "c-hub")}
        H.check({"bf_an_sec", "uk_an_sec"} <= saw and "fr_pl_off" not in saw,
                "audit: who saw c-hub: %s" % sorted(saw))
        # a judge's change is recorded with the entities it touched
        r = srv.as_user("uk_an_sec", "POST", "/api/v1/judgements",
                        {"a": "m-zorvex", "b": "m-brantis", "verdict": "different"})
        H.check(r.status == 201, "judgement: %d %s" % (r.status, r.text[:200]))
        recs = [x for x in records(srv, "user=uk_an_sec&entity=m-brantis")
                if x["action"] == "POST /api/v1/judgements"]
        H.check(len(recs) == 1 and recs[0]["query"] == "verdict=different",
                "audit: the judgement's record: %s" % recs)
        r = srv.get("uk_aud", "/api/v1/audit/verify")
        H.check(r.status == 200 and r.json()["intact"] is True, "audit verify: %s" % r.text)
    finally:
        srv.stop_checked("audit server")
    sent = srv.sent

    # every request left one record: the server's are those not made at the command line
    rc, out, err = store.run("audit", "query", "--json")
    recs = [json.loads(line) for line in out.splitlines()]
    served = [x for x in recs if x.get("remote") != "cli"]
    H.check(len(served) == sent, "audit: %d requests sent, %d records from the server" %
            (sent, len(served)))
    rc, out, err = store.run("audit", "query", "--user", "fr_pl_off", "--entity", "m-zorvex")
    H.check("m-zorvex" in out and out.count("\n") >= 2,
            "invigor audit query --user fr_pl_off --entity m-zorvex: %s" % out)
    rc, out, err = store.run("audit", "verify", check_rc=False)
    H.check(rc == 0, "audit verify before tampering: exit %d: %s" % (rc, err))
    n = len(recs)

    # tampering: each on its own copy of the database
    tamper = [
        ("a record altered (who)", "UPDATE audit SET user = 'someone_else' WHERE seq = %d" % (n - 3)),
        ("a record altered (entities seen)",
         "UPDATE audit SET entities = '[]' WHERE entities LIKE '%%m-zorvex%%' AND seq > %d" % cli_records),
        ("a record deleted", "DELETE FROM audit WHERE seq = %d" % (cli_records + 2)),
        ("the last record deleted", "DELETE FROM audit WHERE seq = %d" % n),
        ("a record inserted", "INSERT INTO audit SELECT seq + 1000, at, user, remote, action, "
         "query, entities, status, outcome, prev, hash FROM audit WHERE seq = %d" % n),
        ("records renumbered", "UPDATE audit SET seq = seq + 1 WHERE seq = %d" % n),
    ]
    for what, sql in tamper:
        copy = H.Store("audit-tamper")
        with sqlite3.connect(store.db) as src, sqlite3.connect(copy.db) as dst:
            src.backup(dst)
        # the trail is keyed with the key kept beside the database: the copy takes it along,
        # so that what verify finds is the tampering, not a missing key
        key = os.path.realpath(store.db) + ".audit-key"
        H.check(os.path.exists(key), "the audit key is kept beside the database: %s" % key)
        shutil.copyfile(key, os.path.realpath(copy.db) + ".audit-key")
        with sqlite3.connect(copy.db) as db:
            changed = db.execute(sql).rowcount
        H.check(changed >= 1, "tamper %s: the SQL changed nothing" % what)
        rc, out, err = copy.run("audit", "verify", check_rc=False)
        H.check(rc != 0, "tamper %s: invigor audit verify exit %d: %s" % (what, rc, out))
        H.check("key" not in (out + err).lower() or "sealed" in (out + err).lower()
                or "anchor" in (out + err).lower(),
                "tamper %s: verify failed for its key, not the tampering: %s %s" % (what, out, err))
        srv = H.Server(copy)
        try:
            r = srv.get("uk_aud", "/api/v1/audit/verify")
            j = r.json() or {}
            H.check(r.status == 200 and j.get("intact") is False and j.get("first_bad", 0) > 0
                    and j.get("problem"),
                    "tamper %s: GET /api/v1/audit/verify: %d %s" % (what, r.status, r.text))
        finally:
            srv.stop_checked("tampered server")
        if not H.FAILURES:
            copy.cleanup()
    if not H.FAILURES:
        store.cleanup()
    H.finish("e2e audit")


if __name__ == "__main__":
    main()
