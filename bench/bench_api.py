#!/usr/bin/python3
"""bench_api.py - throughput and latency of the HTTP API (issue 6), with wrk.

  bench/bench_api.py [--invigor build-rel/invigor] [--work build-rel/bench-api]
                     [--duration 30] [--connections 64] [--threads 2]
                     [--server-threads 2] [--ids 10000] [--breakdown] [--quick]
                     [--json FILE]

What it does, in one run on one server:

1. The medium generated world (`invigor sim --scale medium --seed 1`), ingested
   through its manifest into WORK/store-SCALE.db with an analyst (UK agency,
   SECRET) and a partner liaison officer (partner agency, FR, SECRET).  The
   world and the store are kept and reused (WORK/store-SCALE.ready marks a
   finished store); each run serves a fresh copy of it (WORK/run.db), so that
   the audit records of earlier runs do not pile up.
2. Entity ids drawn at random from the store (--ids of them), name words for
   search drawn from Person names (as often as they occur), and a small static
   file.
3. `invigor serve --threads N --static DIR` on a free loopback port; one login
   per user (POST /api/v1/login).  Every drawn id is fetched once as each user
   (this is the warm-up): the analyst's list keeps the ids that answer 200,
   the partner's those that answer 200 for the partner (the rest are hidden
   from the partner, 404).
4. wrk (bench/api/paths.lua) for --duration seconds with --connections
   connections each:
     static       GET /ping.json (the same server answering a static file:
                  the practical ceiling of the HTTP machinery and the audit
                  writer, which records it like every request)
     entity       GET /api/v1/entities/{id} as the analyst, cycling the ids
     entity-partner  the same as the partner (filtered by handling)
     search       GET /api/v1/search?q=WORD as the analyst
   and with --breakdown two more that split the entity fetch's cost:
     health       GET /api/v1/health (route and audit, no token, no store)
     me           GET /api/v1/me (plus the Bearer token and session cache)
5. For each: requests/s, p50/p99 latency, non-2xx and socket errors, the
   server's RSS (VmRSS from /proc) before and after, the server's CPU time
   per reply (user + system, all threads: steadier than requests/s when
   other programs share the machine), and our rate as a ratio of the
   static rate; then the targets of issue 6: >= 10,000 entity fetches/s,
   p99 < 20 ms, zero errors in the entity runs, RSS flat (growth during the
   entity run within max(8 MiB, 5 %), or RSS under the bound of the store's
   page caches: 64 MiB per server thread and for the audit writer, + 40 MiB).
   At the end the audit trail is counted: it must hold a record of every
   request answered (a target too: a server that cannot write its trail
   answers 503 to everything, quickly).

Needs wrk (Debian package; scripts/install-deps.sh installs it).  --quick: the
small world, 5 s runs and 1,000 ids, for a smoke test.
"""

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
LUA = os.path.join(HERE, "api", "paths.lua")
PASSWORD = "bench-api-password"
TARGET_RATE = 10000.0
TARGET_P99_MS = 20.0
SEED = 1


def die(msg):
    print("bench_api: error: " + msg, file=sys.stderr)
    sys.exit(1)


def run(cmd, **kw):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    if r.returncode != 0:
        die("%s failed (exit %d): %s" % (" ".join(cmd), r.returncode, r.stderr.strip()[-2000:]))
    return r.stdout


def rss_kib(pid):
    out = {}
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                k, v = line.split(":", 1)
                out[k] = int(v.split()[0])
    return out.get("VmRSS", 0), out.get("VmHWM", 0)


def cpu_seconds(pid):
    """CPU time (user + system) the process has used so far, in seconds."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%s, %d CPUs online, load average %s" % (
        model, os.cpu_count() or 0, " ".join("%.2f" % x for x in os.getloadavg()))


# ---- the world and the store ---------------------------------------------------------------


def make_store(inv, work, scale):
    """WORK/store-SCALE.db with the world ingested and the two users; reused when ready."""
    world = os.path.join(work, "world-" + scale)
    store = os.path.join(work, "store-%s.db" % scale)
    ready = os.path.join(work, "store-%s.ready" % scale)
    if os.path.exists(ready) and os.path.exists(store):
        print("store: %s (kept from an earlier run; remove %s to rebuild)" % (store, ready))
        return store
    os.makedirs(work, exist_ok=True)
    manifest = os.path.join(world, "manifest.json")
    if not os.path.exists(manifest):
        print("world: invigor sim --scale %s --seed %d --out %s" % (scale, SEED, world))
        run([inv, "sim", "--out", world, "--scale", scale, "--seed", str(SEED), "--quiet"])
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(store + suffix):
            os.remove(store + suffix)
    t0 = time.time()
    print("store: invigor ingest --manifest %s" % manifest)
    run([inv, "--db", store, "init"])
    run([inv, "--db", store, "ingest", "--manifest", manifest, "--quiet"])
    pw = os.path.join(work, "password")
    with open(pw, "w") as f:
        f.write(PASSWORD + "\n")
    run([inv, "--db", store, "org", "add", "UK-TASKFORCE", "--kind", "uk"])
    run([inv, "--db", store, "org", "add", "FR-PARTNER", "--kind", "partner", "--country", "FR"])
    run([inv, "--db", store, "user", "add", "bench-analyst", "--org", "UK-TASKFORCE", "--role",
         "analyst", "--clearance", "SECRET", "--password-file", pw])
    run([inv, "--db", store, "user", "add", "bench-partner", "--org", "FR-PARTNER", "--role",
         "partner_liaison", "--clearance", "SECRET", "--password-file", pw])
    with open(ready, "w") as f:
        f.write("scale %s seed %d\n" % (scale, SEED))
    print("store: ready in %.1f s" % (time.time() - t0))
    return store


def draw(store, nids, nwords):
    """Random entity ids and search words (Person name words, weighted by occurrence)."""
    rnd = random.Random(SEED)
    db = sqlite3.connect("file:%s?mode=ro" % store, uri=True)
    try:
        eids = [r[0] for r in db.execute("SELECT eid FROM entities")]
        names = [r[0] for r in db.execute(
            "SELECT value FROM statements WHERE schema = 'Person' AND prop = 'name'")]
    finally:
        db.close()
    if not eids or not names:
        die("%s holds no entities or no Person names" % store)
    ids = rnd.sample(eids, min(nids, len(eids)))
    words = []
    for name in rnd.sample(names, min(len(names), nwords * 3)):
        toks = [t for t in re.split(r"[\s\-'.,()]+", name) if len(t) >= 3 and t.isalpha()]
        if toks:
            words.append(rnd.choice(toks))
        if len(words) == nwords:
            break
    return ids, words, len(eids)


# ---- the server ----------------------------------------------------------------------------


class Server:
    def __init__(self, inv, db, static, threads, work):
        self.port_file = os.path.join(work, "port")
        if os.path.exists(self.port_file):
            os.remove(self.port_file)
        self.log = open(os.path.join(work, "serve.log"), "w")
        self.proc = subprocess.Popen(
            [inv, "--db", db, "serve", "--listen", "127.0.0.1:0", "--threads", str(threads),
             "--static", static, "--port-file", self.port_file, "--quiet"],
            stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(300):
            if self.proc.poll() is not None:
                die("invigor serve exited with %d; see %s" % (self.proc.returncode,
                                                              self.log.name))
            if os.path.exists(self.port_file) and open(self.port_file).read().strip():
                break
            time.sleep(0.05)
        else:
            die("invigor serve did not write its port within 15 s")
        self.port = int(open(self.port_file).read().strip())
        self.pid = self.proc.pid

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode


def login(port, user):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("POST", "/api/v1/login", json.dumps({"username": user, "password": PASSWORD}),
              {"Content-Type": "application/json"})
    r = c.getresponse()
    body = r.read()
    c.close()
    if r.status != 200:
        die("login as %s: HTTP %d %s" % (user, r.status, body[:200]))
    return json.loads(body)["token"]


def statuses(port, token, paths, workers=4):
    """HTTP status of GET path for each path (keep-alive connections, a few at a time)."""
    local = threading.local()

    def get(path):
        c = getattr(local, "c", None)
        if c is None:
            c = local.c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        c.request("GET", path, headers={"Authorization": "Bearer " + token})
        r = c.getresponse()
        r.read()
        return r.status

    with ThreadPoolExecutor(workers) as ex:
        return list(ex.map(get, paths, chunksize=64))


# ---- wrk -----------------------------------------------------------------------------------


def wrk(args, port, name, paths_file, token, pid, work):
    rss0, _ = rss_kib(pid)
    cpu0 = cpu_seconds(pid)
    cmd = ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d",
           "%ds" % args.duration, "--timeout", "5s", "--latency", "-s", LUA,
           "http://127.0.0.1:%d" % port, "--", paths_file]
    if token:
        cmd.append(token)
    print("run: %s (%d s, %d connections, %d wrk threads)" % (name, args.duration,
                                                              args.connections, args.threads),
          flush=True)
    out = run(cmd)
    cpu1 = cpu_seconds(pid)
    rss1, hwm = rss_kib(pid)
    with open(os.path.join(work, "wrk-%s.log" % name), "w") as f:
        f.write(" ".join(cmd[:-1] + (["TOKEN"] if token else [cmd[-1]])) + "\n" + out)
    line = next((l for l in out.splitlines() if l.startswith("BENCH_API ")), None)
    if not line:
        die("wrk printed no figures for %s:\n%s" % (name, out))
    m = json.loads(line[len("BENCH_API "):])
    e = m["errors"]
    secs = m["duration_us"] / 1e6
    return {
        "name": name,
        "requests": m["requests"],
        "seconds": secs,
        "rate": m["requests"] / secs if secs else 0.0,
        "p50_ms": m["latency_us"]["p50"] / 1000.0,
        "p90_ms": m["latency_us"]["p90"] / 1000.0,
        "p99_ms": m["latency_us"]["p99"] / 1000.0,
        "p999_ms": m["latency_us"]["p999"] / 1000.0,
        "max_ms": m["latency_us"]["max"] / 1000.0,
        "non2xx": e["status"],
        "socket_errors": e["connect"] + e["read"] + e["write"] + e["timeout"],
        "bytes_per_reply": m["bytes"] / m["requests"] if m["requests"] else 0,
        # the server's CPU per reply: unlike requests/s, it hardly moves when other
        # programs share the machine (they take CPU time, not the server's)
        "cpu_us_per_reply": (cpu1 - cpu0) * 1e6 / m["requests"] if m["requests"] else 0,
        "rss_before_kib": rss0,
        "rss_after_kib": rss1,
        "rss_peak_kib": hwm,
    }


def write_lines(path, lines):
    with open(path, "w") as f:
        for line in lines:
            f.write(line + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--invigor", default="build-rel/invigor")
    ap.add_argument("--work", default="build-rel/bench-api")
    ap.add_argument("--duration", type=int, default=None, help="seconds per run (30)")
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    ap.add_argument("--server-threads", type=int, default=2)
    ap.add_argument("--scale", default=None, help="world: small, medium (default), large")
    ap.add_argument("--ids", type=int, default=None, help="entity ids drawn (10000)")
    ap.add_argument("--breakdown", action="store_true",
                    help="also /api/v1/health and /api/v1/me, to split the cost")
    ap.add_argument("--quick", action="store_true", help="small world, 5 s runs: a smoke test")
    ap.add_argument("--json", help="write the figures to this file too")
    args = ap.parse_args()
    args.duration = args.duration or (5 if args.quick else 30)
    args.scale = args.scale or ("small" if args.quick else "medium")
    args.ids = args.ids or (1000 if args.quick else 10000)

    if not shutil.which("wrk"):
        die("wrk is not installed: bash scripts/install-deps.sh (or apt-get install wrk)")
    inv = os.path.abspath(args.invigor)
    if not os.access(inv, os.X_OK):
        die("%s is not built: make bench-api builds it (build-rel, Release)" % inv)
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)

    print("machine: " + machine())
    store = make_store(inv, work, args.scale)
    wal = store + "-wal"
    if os.path.exists(wal) and os.path.getsize(wal) > 0:
        # the copy below takes the main file only: everything must be in it
        c = sqlite3.connect(store)
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        c.close()
    ids, words, nentities = draw(store, args.ids, 2000)
    db = os.path.join(work, "run.db")
    # the copy carries the store's audit trail (the org and user changes above), sealed with
    # the store's key (kept beside it, docs/access.md): the copy gets that key, not the last
    # run's copy's, or the server would refuse to append to the trail (and answer 503)
    for suffix in ("", "-wal", "-shm", ".audit-key"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    shutil.copyfile(store, db)
    if os.path.exists(store + ".audit-key"):
        shutil.copyfile(store + ".audit-key", db + ".audit-key")
        os.chmod(db + ".audit-key", 0o600)
    static = os.path.join(work, "static")
    os.makedirs(static, exist_ok=True)
    with open(os.path.join(static, "ping.json"), "w") as f:
        f.write('{"status":"ok","note":"bench_api static ceiling"}\n')
    audit0 = sqlite3.connect(db).execute("SELECT count(*) FROM audit").fetchone()[0]

    srv = Server(inv, db, static, args.server_threads, work)
    results = []
    prefetch = 0
    try:
        rss_start, _ = rss_kib(srv.pid)
        print("server: pid %d, port %d, %d threads, RSS at start %.1f MiB" %
              (srv.pid, srv.port, args.server_threads, rss_start / 1024))
        tok_a = login(srv.port, "bench-analyst")
        tok_p = login(srv.port, "bench-partner")
        paths = ["/api/v1/entities/" + urllib.parse.quote(i, safe="") for i in ids]
        t0 = time.time()
        st_a = statuses(srv.port, tok_a, paths)
        st_p = statuses(srv.port, tok_p, paths)
        prefetch = 2 * len(paths) + 2
        ent_a = [p for p, s in zip(paths, st_a) if s == 200]
        ent_p = [p for p, s in zip(paths, st_p) if s == 200]
        bad = sorted(set(s for s in st_a + st_p if s not in (200, 404)))
        print("ids: %d drawn of %d entities; analyst sees %d, partner %d (others 404%s); "
              "warm-up %.1f s" % (len(ids), nentities, len(ent_a), len(ent_p),
                                  ", other statuses: %s" % bad if bad else "",
                                  time.time() - t0))
        if not ent_a or not ent_p:
            die("no entity the analyst or the partner may see")
        searches = ["/api/v1/search?q=" + urllib.parse.quote(w, safe="") for w in words]
        files = {}
        for name, lines in (("entity", ent_a), ("entity-partner", ent_p),
                            ("search", searches), ("static", ["/ping.json"]),
                            ("health", ["/api/v1/health"]), ("me", ["/api/v1/me"])):
            files[name] = os.path.join(work, "paths-%s.txt" % name)
            write_lines(files[name], lines)

        plan = [("static", None), ("entity", tok_a), ("entity-partner", tok_p),
                ("search", tok_a)]
        if args.breakdown:
            plan += [("health", None), ("me", tok_a)]
        for name, tok in plan:
            results.append(wrk(args, srv.port, name, files[name], tok, srv.pid, work))
        rss_end, hwm_end = rss_kib(srv.pid)
    finally:
        rc = srv.stop()
    if rc != 0:
        die("invigor serve exited with %d after SIGTERM; see %s/serve.log" % (rc, work))
    audit1 = sqlite3.connect(db).execute("SELECT count(*) FROM audit").fetchone()[0]

    # ---- report ----
    by = {r["name"]: r for r in results}
    ceiling = by["static"]["rate"]
    print()
    print("%-15s %10s %9s %8s %8s %8s %7s %7s %9s %9s %6s %7s" %
          ("run", "requests", "req/s", "p50 ms", "p99 ms", "max ms", "non2xx", "sockerr",
           "RSS0 MiB", "RSS1 MiB", "ratio", "CPU us"))
    for r in results:
        r["ratio"] = r["rate"] / ceiling if ceiling else 0.0
        print("%-15s %10d %9.0f %8.2f %8.2f %8.1f %7d %7d %9.1f %9.1f %6.3f %7.1f" %
              (r["name"], r["requests"], r["rate"], r["p50_ms"], r["p99_ms"], r["max_ms"],
               r["non2xx"], r["socket_errors"], r["rss_before_kib"] / 1024,
               r["rss_after_kib"] / 1024, r["ratio"], r["cpu_us_per_reply"]))
    print("CPU us: the server's CPU time (user + system) per reply, all its threads")
    print("reply sizes (mean bytes incl. headers): " +
          ", ".join("%s %.0f" % (r["name"], r["bytes_per_reply"]) for r in results))
    print("server RSS: %.1f MiB at start, %.1f MiB at the end, peak %.1f MiB" %
          (rss_start / 1024, rss_end / 1024, hwm_end / 1024))
    sent = sum(r["requests"] for r in results) + prefetch
    print("audit trail: %d records written for about %d requests answered "
          "(wrk counts only completed replies; a few in flight at each run's end are extra)" %
          (audit1 - audit0, sent))

    e = by["entity"]
    growth = e["rss_after_kib"] - e["rss_before_kib"]
    flat_limit = max(8 * 1024, 0.05 * e["rss_before_kib"])
    # each store connection (one per server thread, one for the audit writer)
    # keeps a page cache of up to 64 MiB (lib/store/sqlite.c): RSS grows until
    # they are full, then stays; beyond that bound growth would be a leak
    bound = ((args.server_threads + 1) * 64 + 40) * 1024
    checks = [
        ("entity fetches/s >= %d" % TARGET_RATE, e["rate"] >= TARGET_RATE,
         "%.0f (ratio to target %.2f; %.3f of the static ceiling %.0f)" %
         (e["rate"], e["rate"] / TARGET_RATE, e["ratio"], ceiling)),
        ("entity p99 < %.0f ms" % TARGET_P99_MS, e["p99_ms"] < TARGET_P99_MS,
         "%.2f ms" % e["p99_ms"]),
        ("zero errors (entity runs)",
         all(by[n]["non2xx"] == 0 and by[n]["socket_errors"] == 0
             for n in ("entity", "entity-partner")),
         "non-2xx + socket errors: " +
         ", ".join("%s %d+%d" % (r["name"], r["non2xx"], r["socket_errors"])
                   for r in results)),
        ("RSS flat during the entity run",
         growth <= flat_limit or e["rss_after_kib"] <= bound,
         "%+.1f MiB (%.1f -> %.1f MiB; flat: within max(8 MiB, 5 %%) or under the "
         "page-cache bound %.0f MiB)" % (growth / 1024, e["rss_before_kib"] / 1024,
                                          e["rss_after_kib"] / 1024, bound / 1024)),
        # a server that cannot write its trail answers 503 to everything, fast: such a run
        # measures nothing, so the trail must hold a record of every reply counted
        ("every request audited", audit1 - audit0 >= sent,
         "%d records for %d replies" % (audit1 - audit0, sent)),
    ]
    print("\ntargets (issue 6, %d server threads on %d CPUs):" %
          (args.server_threads, os.cpu_count() or 0))
    for what, ok, detail in checks:
        print("  %-32s %-5s %s" % (what, "met" if ok else "MISSED", detail))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": machine(), "args": vars(args), "runs": results,
                       "rss_start_kib": rss_start, "rss_end_kib": rss_end,
                       "audit_records": audit1 - audit0,
                       "targets": [{"what": w, "met": ok, "detail": d}
                                   for w, ok, d in checks]}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
