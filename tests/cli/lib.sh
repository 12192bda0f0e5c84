# lib.sh - a small harness for the CLI tests: a fresh work directory per
# script, assertions that say what differed, and a closing summary.
# Sourced by tests/cli/test_*.sh; INVIGOR and IV_SRC come from CTest.
set -u
: "${INVIGOR:?INVIGOR must point at the invigor binary}"
: "${IV_SRC:?IV_SRC must point at the source tree}"
DATA="$IV_SRC/tests/data"
mkdir -p "${IV_TEST_TMP:-/tmp}"
WORK=$(mktemp -d "${IV_TEST_TMP:-/tmp}/cli.XXXXXX") || { echo "cannot make a work directory" >&2; exit 1; }
trap 'rm -rf "$WORK"' EXIT
export INVIGOR_DB="$WORK/invigor.db"
PASS=0
FAIL=0

ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*" >&2; }

# run CMD...: runs invigor, keeping stdout, stderr and the exit code.
run() {
  "$INVIGOR" "$@" >"$WORK/out" 2>"$WORK/err"
  RC=$?
  OUT=$(cat "$WORK/out")
  ERR=$(cat "$WORK/err")
}

expect_rc() { # expect_rc CODE WHAT
  if [ "$RC" -eq "$1" ]; then ok; else bad "$2: exit $RC, expected $1; stderr: $ERR"; fi
}
expect_out() { # expect_out REGEX WHAT
  if grep -Eq -- "$1" "$WORK/out"; then ok; else bad "$2: stdout lacks /$1/: $(head -c 600 "$WORK/out")"; fi
}
expect_err() { # expect_err REGEX WHAT
  if grep -Eq -- "$1" "$WORK/err"; then ok; else bad "$2: stderr lacks /$1/: $ERR"; fi
}
expect_eq() { # expect_eq GOT WANT WHAT
  if [ "$1" = "$2" ]; then ok; else bad "$3: got '$1', expected '$2'"; fi
}
# the Python interpreter itself, found once (a version manager's shim costs a
# large part of a second on every call)
PY=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null) || PY=python3
# json FIELD: a field of the JSON on stdout (python3 reads it)
json() {
  "$PY" -c 'import json,sys
v=json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."):
    v=v[int(k)] if isinstance(v,list) else v[k]
print(json.dumps(v) if isinstance(v,(dict,list)) else v)' "$WORK/out" "$1"
}
# dump DB: a canonical text dump of the whole database, but for the audit
# trail (a refused change leaves a record of the attempt: that is the point)
dump() {
  sqlite3 "$1" .dump 2>/dev/null | grep -v -e '^PRAGMA' -e '^INSERT INTO audit VALUES' \
    -e "^INSERT INTO meta VALUES('audit_head'"
}
# audit_count DB: how many records the audit trail holds
audit_count() { sqlite3 "$1" 'SELECT count(*) FROM audit' 2>/dev/null; }

finish() {
  echo "$(basename "$0"): $PASS passed, $FAIL failed"
  [ "$FAIL" -eq 0 ]
}
