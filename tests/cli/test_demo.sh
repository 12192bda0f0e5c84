#!/usr/bin/env bash
# test_demo.sh - `make demo`'s script end to end (scripts/demo.sh): it must
# generate, load, resolve and show a merged person, the review queue and an
# explanation, and exit 0 (a pipe closed early once killed it with SIGPIPE
# under pipefail).
. "$(dirname "$0")/lib.sh"

# (the demo writes out/demo/ under its working directory)
mkdir -p "$WORK/run"
(cd "$WORK/run" && bash "$IV_SRC/scripts/demo.sh" "$INVIGOR") >"$WORK/demo.log" 2>&1
rc=$?
expect_eq "$rc" "0" "demo.sh exits 0 ($(tail -3 "$WORK/demo.log"))"
grep -q 'canonical entity of [0-9]* records' "$WORK/demo.log" && ok || bad "the demo shows a merged person"
grep -q '^  decision: ' "$WORK/demo.log" && ok || bad "the demo explains a pair"
grep -q '^demo: the world is in' "$WORK/demo.log" && ok || bad "the demo ends with what to try"
[ -s "$WORK/run/out/demo/invigor.db" ] && ok || bad "the database is left in out/demo"
finish
