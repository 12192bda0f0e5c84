#!/usr/bin/env bash
# bench.sh BUILD - run the benchmarks; each prints its own figures against a
# peer or limit measured in the same run.
#   BENCH_STATEMENTS      statements for bench_ingest (default 1000000)
#   BENCH_RESOLVE_SCALE   world for bench_resolve: small, medium (default), large
#   BENCH_RESOLVE_REVIEW  review-queue decisions an analyst answers after it (default
#                         1000; 0: none)
#   BENCH_RESOLVE_INCREMENTAL  debrief rows loaded again and resolved incrementally
#                         after it, compared with a batch run (default 2000; 0: none)
#   BENCH_NETWORK_QUICK   set: bench_network on 100k edges (25 s) instead of 1M (12 min)
set -euo pipefail
build=${1:-build}
"$build/bench_ingest" --statements "${BENCH_STATEMENTS:-1000000}" \
  --dir "$build/bench-ingest" --invigor "$build/invigor"
if [ -x "$build/bench_store" ]; then "$build/bench_store"; fi
# dates in other scripts and calendars, against GNU date
if [ -x "$build/bench_dates" ]; then "$build/bench_dates" --misses 0; fi
# names, scoring and entity resolution (FEBRL from ../shared/data when present)
if [ -x "$build/bench_names" ]; then "$build/bench_names"; fi
if [ -x "$build/bench_fs" ]; then "$build/bench_fs"; fi
if [ -x "$build/bench_resolve" ]; then
  "$build/bench_resolve" --scale "${BENCH_RESOLVE_SCALE:-medium}" \
    --review "${BENCH_RESOLVE_REVIEW:-1000}" \
    --incremental "${BENCH_RESOLVE_INCREMENTAL:-2000}"
fi
# networks: measures against python-igraph and networkx, speed, the world's OCGs
if [ -x "$build/bench_network" ]; then
  "$build/bench_network" ${BENCH_NETWORK_QUICK:+--quick}
fi
