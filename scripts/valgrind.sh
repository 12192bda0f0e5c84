#!/usr/bin/env bash
# valgrind.sh BUILD - run every unit test binary under valgrind; any error
# or leak fails the run.
set -euo pipefail
build=${1:-build}
mkdir -p "$build/tmp"
export IV_TEST_TMP="$PWD/$build/tmp"
fail=0; n=0
for t in "$build"/test_*; do
  [ -x "$t" ] || continue
  n=$((n + 1))
  if ! valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
       --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=1 \
       --suppressions=scripts/valgrind.supp "$t" >"$build/tmp/$(basename "$t").vg" 2>&1; then
    echo "valgrind: FAIL $(basename "$t")"; tail -40 "$build/tmp/$(basename "$t").vg"; fail=$((fail + 1))
  else
    echo "valgrind: ok   $(basename "$t")"
  fi
done
echo "valgrind: $((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
