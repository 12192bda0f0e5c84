#!/usr/bin/env bash
# lint.sh - formatting check against .clang-format and a cppcheck pass.
set -euo pipefail
files=$(git ls-files '*.c' '*.h' '*.cc' 2>/dev/null || find include lib cli tests fuzz bench -name '*.[ch]')
echo "lint: clang-format on $(echo "$files" | wc -w) files"
clang-format --dry-run -Werror $files
echo "lint: cppcheck"
cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance \
  --inline-suppr --std=c11 -I include -I lib \
  --suppress=missingIncludeSystem --suppress=unmatchedSuppression \
  -D__GNUC__ -DIV_MUST_USE= \
  include lib cli server
echo "lint: ok"
