#!/usr/bin/env bash
# bench.sh BUILD - run the benchmarks; each prints its own figures against a
# peer or limit measured in the same run.
#   BENCH_STATEMENTS   statements for bench_ingest (default 1000000)
set -euo pipefail
build=${1:-build}
"$build/bench_ingest" --statements "${BENCH_STATEMENTS:-1000000}" \
  --dir "$build/bench-ingest" --invigor "$build/invigor"
if [ -x "$build/bench_store" ]; then "$build/bench_store"; fi
