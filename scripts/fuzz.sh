#!/usr/bin/env bash
# fuzz.sh - build every fuzz/fuzz_*.c target with clang's libFuzzer (plus
# ASan and UBSan) and run each one briefly from its seed corpus.
#   FUZZ_SECONDS  seconds per target (default 30)
set -euo pipefail
secs=${FUZZ_SECONDS:-30}
cmake -S . -B build-fuzz -DIV_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build build-fuzz -j "$(nproc)"
fail=0
for bin in build-fuzz/fuzz_*; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin"); short=${name#fuzz_}
  work="build-fuzz/corpus-$short"; mkdir -p "$work"
  seeds=""; [ -d "fuzz/corpus/$short" ] && seeds="fuzz/corpus/$short"
  echo "fuzz: $name for ${secs}s"
  if ! "$bin" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
       -print_final_stats=0 "$work" $seeds >"build-fuzz/$name.log" 2>&1; then
    echo "fuzz: $name FAILED"; tail -40 "build-fuzz/$name.log"; fail=1
  else
    grep -E '^#[0-9]+.*(DONE|pulse)' "build-fuzz/$name.log" | tail -1 || true
  fi
done
exit $fail
