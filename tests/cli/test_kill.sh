#!/usr/bin/env bash
# test_kill.sh - SIGKILL in the middle of `invigor ingest`, repeatedly: the
# database must stay consistent and hold either none or all of the file.
. "$(dirname "$0")/lib.sh"
: "${IV_BUILD:?}"

"$IV_BUILD/bench_ingest" --generate "$WORK/big.jsonl" --statements 300000 2>/dev/null || bad "generate"
"$INVIGOR" ingest --quiet "$DATA/people.jsonl" >/dev/null 2>&1 || bad "seed ingest"
base=$(sqlite3 "$INVIGOR_DB" "select count(*) from statements")
# the full count, from a clean database
INVIGOR_DB="$WORK/full.db" "$INVIGOR" ingest --quiet "$WORK/big.jsonl" >/dev/null 2>&1 || bad "full ingest"
full=$(sqlite3 "$WORK/full.db" "select count(*) from statements")

killed=0
for delay in 0.05 0.2 0.4 0.7 1.0 1.5; do
  cp "$INVIGOR_DB" "$WORK/try.db"
  rm -f "$WORK/try.db-wal" "$WORK/try.db-shm"
  INVIGOR_DB="$WORK/try.db" "$INVIGOR" ingest --quiet "$WORK/big.jsonl" >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
  wait "$pid" 2>/dev/null
  check=$(sqlite3 "$WORK/try.db" "pragma integrity_check")
  expect_eq "$check" ok "integrity after kill at ${delay}s"
  n=$(sqlite3 "$WORK/try.db" "select count(*) from statements")
  if [ "$n" -eq "$base" ] || [ "$n" -eq $((base + full)) ]; then ok; else
    bad "partial file after kill at ${delay}s: $n statements (base $base, full $full)"; fi
  INVIGOR_DB="$WORK/try.db" "$INVIGOR" stats >/dev/null 2>&1 && ok || bad "stats after kill"
done
[ "$killed" -ge 2 ] && ok || bad "only $killed ingests were killed mid-way; the test proved little"
finish
