#!/usr/bin/env bash
# install-deps.sh - install every Debian package invigor's build, tests and
# benchmarks need, Node.js and chromium for the web UI and its browser tests
# included (the UI's npm packages are installed by the build: npm ci).
# Idempotent: packages already present are left alone.
#   --if-missing   only call apt-get when something is missing (used by make)
# Works as root; uses sudo otherwise.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git
  clang libclang-rt-14-dev clang-format cppcheck valgrind
  libsqlite3-dev sqlite3
  libjansson-dev libsodium-dev libcsv-dev libyaml-dev
  libicu-dev libphonenumber-dev
  libigraph-dev libmicrohttpd-dev
  libcmocka-dev
  libxml2-dev libxml2-utils docbook5-xml
  python3 python3-igraph python3-networkx
  wrk
  nodejs chromium
)
# npm: Debian's package, unless a Node.js that brings its own npm is installed
command -v npm >/dev/null || PACKAGES+=(npm)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  [ "${1:-}" = "--if-missing" ] || echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1
  fi
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
