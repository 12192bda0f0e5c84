"""harness.py - the end-to-end harness for `invigor serve`.

Builds a fresh store in $IV_TEST_TMP with the command line (init,
organisations, users of every role, compartment grants, originators'
consents, the fixture files of tests/e2e/data), starts `invigor serve` on a
free loopback port (port 0 and --port-file), logs users in once each, sends
requests (http.client, so that paths reach the server as written, or raw
bytes over a socket), and stops the server with SIGTERM, checking that it
exits 0.

Python 3 standard library only.  CTest gives INVIGOR, IV_TEST_TMP, IV_SRC.
"""

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid

INVIGOR = os.environ.get("INVIGOR", "")
IV_SRC = os.environ.get("IV_SRC", os.path.join(os.path.dirname(__file__), "..", ".."))
TMP = os.environ.get("IV_TEST_TMP", "/tmp")
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
PASSWORD = "correct horse battery"

# ---- the fixture's organisations and users ------------------------------------------------

# name -> (kind, country)
ORGS = {
    "NCA": ("uk", "GB"),
    "Border Force": ("uk", "GB"),
    "DGPN": ("partner", "FR"),
    "PolFed": ("partner", "BE"),
}

# name -> (org, role, clearance, [compartments]); every role, UK and partner,
# every clearance, with and without the compartment OP-TIDE
USERS = {
    "uk_an_off": ("NCA", "analyst", "OFFICIAL", []),
    "uk_an_sec": ("NCA", "analyst", "SECRET", ["OP-TIDE"]),
    "uk_inv_os": ("NCA", "investigator", "OFFICIAL-SENSITIVE", ["OP-TIDE"]),
    "uk_inv_sec": ("NCA", "investigator", "SECRET", []),
    "uk_pros_sec": ("NCA", "prosecutor", "SECRET", []),
    "bf_an_sec": ("Border Force", "analyst", "SECRET", ["OP-TIDE"]),
    "uk_admin": ("NCA", "admin", "SECRET", ["OP-TIDE"]),
    "uk_aud": ("NCA", "auditor", "SECRET", []),
    "fr_pl_off": ("DGPN", "partner_liaison", "OFFICIAL", []),
    "fr_pl_sec": ("DGPN", "partner_liaison", "SECRET", ["OP-TIDE"]),
    "be_pl_os": ("PolFed", "partner_liaison", "OFFICIAL-SENSITIVE", []),
}

# (originator, org): originator-controlled statements may go to org
CONSENTS = [("Border Force", "DGPN"), ("Europol", "NCA"), ("NCA", "DGPN")]

# what each role may do (include/iv/access.h)
ROLE_PERMS = {
    "analyst": {"read", "ingest", "judge", "export"},
    "investigator": {"read", "ingest", "judge", "export"},
    "prosecutor": {"read", "export"},
    "partner_liaison": {"read"},
    "auditor": {"audit"},
    "admin": {"admin", "read"},
}

FAILURES = []


def fail(msg):
    FAILURES.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


def check(cond, msg):
    if not cond:
        fail(msg)
    return cond


def finish(name):
    """Print the summary and exit 0 (all passed) or 1."""
    if FAILURES:
        print("%s: %d failure(s)" % (name, len(FAILURES)), file=sys.stderr)
        sys.exit(1)
    print("%s: all passed" % name)
    sys.exit(0)


# ---- the store ------------------------------------------------------------------------------


class Store:
    """A fresh store in its own directory under $IV_TEST_TMP."""

    def __init__(self, tag):
        if not INVIGOR or not os.access(INVIGOR, os.X_OK):
            print("INVIGOR must point at the invigor binary", file=sys.stderr)
            sys.exit(2)
        os.makedirs(TMP, exist_ok=True)
        self.dir = tempfile.mkdtemp(prefix="e2e-%s." % tag, dir=TMP)
        self.db = os.path.join(self.dir, "invigor.db")
        self.pwfile = os.path.join(self.dir, "password")
        with open(self.pwfile, "w") as f:
            f.write(PASSWORD)

    def run(self, *args, check_rc=True, stdin=None):
        """Run invigor on this store: (rc, stdout, stderr)."""
        p = subprocess.run([INVIGOR, "--db", self.db] + list(args), input=stdin,
                           capture_output=True, timeout=120)
        out = p.stdout.decode("utf-8", "replace")
        err = p.stderr.decode("utf-8", "replace")
        if check_rc and p.returncode != 0:
            raise RuntimeError("invigor %s: exit %d: %s" % (" ".join(args), p.returncode, err))
        return p.returncode, out, err

    def run_bytes(self, *args):
        p = subprocess.run([INVIGOR, "--db", self.db] + list(args), capture_output=True,
                           timeout=120)
        if p.returncode != 0:
            raise RuntimeError("invigor %s: exit %d: %s" % (" ".join(args), p.returncode,
                                                             p.stderr.decode("utf-8", "replace")))
        return p.stdout

    def build(self, files=("base.jsonl",), resolve=False, users=None):
        """init, organisations, users (all, or those named), grants, consents, then
        the fixture files.  Each user costs an argon2id hash: name only those needed."""
        self.run("init")
        for name, (kind, country) in ORGS.items():
            self.run("org", "add", name, "--kind", kind, "--country", country)
        for name, (org, role, clearance, comps) in USERS.items():
            if users is not None and name not in users:
                continue
            self.run("user", "add", name, "--org", org, "--role", role, "--clearance", clearance,
                     "--password-file", self.pwfile)
            for c in comps:
                self.run("user", "grant", name, c)
        for originator, org in CONSENTS:
            self.run("org", "consent", originator, org)
        for f in files:
            self.ingest(f)
        if resolve:
            self.run("resolve", "--quiet")

    def ingest(self, name, *opts):
        self.run("ingest", os.path.join(DATA, name), "--quiet", *opts)

    def export(self):
        return self.run_bytes("export", "--format", "ftm")

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


# ---- the server ---------------------------------------------------------------------------


class Server:
    """`invigor serve` on a free loopback port."""

    def __init__(self, store, *extra):
        self.store = store
        self.port_file = os.path.join(store.dir, "port.%s" % uuid.uuid4().hex[:8])
        self.log = open(os.path.join(store.dir, "serve.log"), "ab")
        jobs = os.path.join(store.dir, "jobs")
        os.makedirs(jobs, exist_ok=True)
        self.sent = 0  # requests sent through request(): each should leave an audit record
        self.proc = subprocess.Popen(
            [INVIGOR, "--db", store.db, "serve", "--listen", "127.0.0.1:0", "--port-file",
             self.port_file, "--threads", "2", "--quiet", "--jobs-dir", jobs] + list(extra),
            stdout=self.log, stderr=self.log)
        deadline = time.time() + 20
        self.port = None
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("invigor serve exited with %d at start (see %s)" %
                                   (self.proc.returncode, self.log.name))
            try:
                with open(self.port_file) as f:
                    text = f.read().strip()
                if text:
                    self.port = int(text)
                    break
            except (OSError, ValueError):
                pass
            time.sleep(0.02)
        if not self.port:
            self.proc.kill()
            raise RuntimeError("invigor serve wrote no port within 20 s")
        # listening: wait until it answers
        for _ in range(200):
            try:
                if self.request("GET", "/api/v1/health").status == 200:
                    break
            except OSError:
                time.sleep(0.02)
        self.tokens = {}

    # -- requests --

    def request(self, method, path, body=None, headers=None, token=None, timeout=30):
        """One request on a fresh connection: a Reply."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        hdrs = {}
        if token:
            hdrs["Authorization"] = "Bearer " + token
        if isinstance(body, (dict, list)) or (body is not None and not isinstance(
                body, (str, bytes))):
            body = json.dumps(body)
            hdrs["Content-Type"] = "application/json"
        if isinstance(body, str):
            body = body.encode("utf-8", "surrogateescape")
        hdrs.update(headers or {})
        self.sent += 1
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)
            for k, v in hdrs.items():
                conn.putheader(k, v)
            if body is not None and not any(k.lower() == "content-length" for k in hdrs):
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            resp = conn.getresponse()
            raw = resp.read()
            return Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, raw)
        finally:
            conn.close()

    def as_user(self, user, method, path, body=None, headers=None):
        return self.request(method, path, body, headers, token=self.token(user) if user else None)

    def get(self, user, path):
        return self.as_user(user, "GET", path)

    def login(self, user, password=PASSWORD):
        r = self.request("POST", "/api/v1/login", {"username": user, "password": password})
        if r.status != 200:
            raise RuntimeError("login %s: %d %s" % (user, r.status, r.text[:300]))
        return r.json()["token"]

    def token(self, user):
        if user not in self.tokens:
            self.tokens[user] = self.login(user)
        return self.tokens[user]

    def raw(self, data, timeout=10, read=True):
        """Send raw bytes over a socket; the whole reply as bytes (until close or timeout)."""
        s = socket.create_connection(("127.0.0.1", self.port), timeout=timeout)
        try:
            s.sendall(data)
            if not read:
                return b""
            chunks = []
            while True:
                try:
                    c = s.recv(65536)
                except socket.timeout:
                    break
                except ConnectionResetError:
                    break
                if not c:
                    break
                chunks.append(c)
                if is_complete(b"".join(chunks)):
                    break
            return b"".join(chunks)
        finally:
            s.close()

    # -- stopping --

    def stop(self):
        """SIGTERM; the exit status (0 expected)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                self.log.close()
                return -9
        self.log.close()
        return self.proc.returncode

    def stop_checked(self, what):
        rc = self.stop()
        check(rc == 0, "%s: invigor serve exited %s after SIGTERM, expected 0 (log %s)" %
              (what, rc, self.log.name))
        return rc


def read_reply(sock):
    """Bytes from a socket until they hold a whole HTTP reply, or the peer closes."""
    data = b""
    while not is_complete(data):
        more = sock.recv(65536)
        if not more:
            break
        data += more
    return data


def is_complete(data):
    """Whether raw bytes hold a whole HTTP reply (by Content-Length)."""
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        return False
    for line in head.split(b"\r\n")[1:]:
        k, _, v = line.partition(b":")
        if k.strip().lower() == b"content-length":
            try:
                return len(body) >= int(v.strip())
            except ValueError:
                return False
    return False


def raw_status(data):
    """The status code of a raw reply, or 0 when there is none (connection closed)."""
    line = data.split(b"\r\n", 1)[0]
    parts = line.split(b" ")
    if len(parts) >= 2 and parts[0].startswith(b"HTTP/") and parts[1].isdigit():
        return int(parts[1])
    return 0


class Reply:
    def __init__(self, status, headers, raw):
        self.status = status
        self.headers = headers
        self.raw = raw

    @property
    def text(self):
        return self.raw.decode("utf-8", "replace")

    def json(self):
        try:
            return json.loads(self.raw)
        except ValueError:
            return None


def multipart(fields):
    """fields: {name: (filename (str or bytes) or None, bytes)} -> (body, content type)."""
    boundary = "e2e" + uuid.uuid4().hex
    out = []
    for name, (filename, data) in fields.items():
        out.append(b"--" + boundary.encode() + b"\r\n")
        disp = ('Content-Disposition: form-data; name="%s"' % name).encode()
        if filename:
            disp += b'; filename="' + (filename if isinstance(filename, bytes)
                                       else filename.encode()) + b'"'
        out.append(disp + b"\r\n")
        if filename:
            out.append(b"Content-Type: application/octet-stream\r\n")
        out.append(b"\r\n" + data + b"\r\n")
    out.append(b"--" + boundary.encode() + b"--\r\n")
    return b"".join(out), "multipart/form-data; boundary=" + boundary


# ---- matching expected JSON ---------------------------------------------------------------

_TYPES = {
    "string": str, "number": (int, float), "integer": int, "array": list, "object": dict,
    "bool": bool, "null": type(None),
}


def match(want, got, where="$"):
    """Problems (list of strings) matching `got` against the expected subset `want`.

    Objects match recursively on the keys given; a key whose expected value is
    {"$absent": true} must not be there.  Plain arrays match by position and
    length.  Special forms (an object whose only keys start with '$'):
      {"$contains": [X, ...]}   an array with, for each X, an element matching X
      {"$excludes": [X, ...]}   an array with no element matching any X
      {"$len": N}, {"$minlen": N}   array (or string) length
      {"$type": "string"|"number"|"integer"|"array"|"object"|"bool"|"null"}
      {"$regex": "..."}         a string that re.search matches
      {"$gt": N}, {"$ge": N}    numbers
      {"$any": true}            anything present
    Several special keys in one object must all hold.
    """
    import re
    probs = []
    if isinstance(want, dict) and want and all(k.startswith("$") for k in want):
        for k, v in want.items():
            if k == "$contains":
                if not isinstance(got, list):
                    probs.append("%s: expected an array, got %r" % (where, got))
                    continue
                for i, x in enumerate(v):
                    if not any(not match(x, g) for g in got):
                        probs.append("%s: no element matches %s" % (where, json.dumps(x)))
            elif k == "$excludes":
                if not isinstance(got, list):
                    probs.append("%s: expected an array, got %r" % (where, got))
                    continue
                for x in v:
                    if any(not match(x, g) for g in got):
                        probs.append("%s: an element matches %s" % (where, json.dumps(x)))
            elif k == "$len":
                if not hasattr(got, "__len__") or len(got) != v:
                    probs.append("%s: length %s, expected %d" %
                                 (where, len(got) if hasattr(got, "__len__") else "-", v))
            elif k == "$minlen":
                if not hasattr(got, "__len__") or len(got) < v:
                    probs.append("%s: length below %d" % (where, v))
            elif k == "$type":
                t = _TYPES[v]
                if not isinstance(got, t) or (v in ("number", "integer") and isinstance(got, bool)):
                    probs.append("%s: expected %s, got %r" % (where, v, got))
            elif k == "$regex":
                if not isinstance(got, str) or not re.search(v, got):
                    probs.append("%s: %r does not match /%s/" % (where, got, v))
            elif k == "$gt":
                if not isinstance(got, (int, float)) or not got > v:
                    probs.append("%s: %r is not > %s" % (where, got, v))
            elif k == "$ge":
                if not isinstance(got, (int, float)) or not got >= v:
                    probs.append("%s: %r is not >= %s" % (where, got, v))
            elif k == "$any":
                pass
            elif k == "$absent":
                probs.append("%s: present, expected absent" % where)
            else:
                probs.append("%s: unknown matcher %s" % (where, k))
        return probs
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return ["%s: expected an object, got %s" % (where, json.dumps(got)[:200])]
        for k, v in want.items():
            if isinstance(v, dict) and v.get("$absent"):
                if k in got:
                    probs.append("%s.%s: present, expected absent" % (where, k))
                continue
            if k not in got:
                probs.append("%s.%s: missing" % (where, k))
                continue
            probs += match(v, got[k], "%s.%s" % (where, k))
        return probs
    if isinstance(want, list):
        if not isinstance(got, list):
            return ["%s: expected an array, got %s" % (where, json.dumps(got)[:200])]
        if len(want) != len(got):
            probs.append("%s: %d elements, expected %d" % (where, len(got), len(want)))
        for i, (w, g) in enumerate(zip(want, got)):
            probs += match(w, g, "%s[%d]" % (where, i))
        return probs
    if isinstance(want, bool) or isinstance(got, bool):
        ok = want is got
    elif isinstance(want, (int, float)) and isinstance(got, (int, float)):
        ok = want == got
    else:
        ok = want == got
    if not ok:
        probs.append("%s: got %s, expected %s" % (where, json.dumps(got)[:200], json.dumps(want)))
    return probs


def dig(obj, path):
    """obj at a dotted path ("results.0.id")."""
    for part in path.split("."):
        if isinstance(obj, list):
            obj = obj[int(part)]
        elif isinstance(obj, dict):
            obj = obj.get(part)
        else:
            return None
    return obj
