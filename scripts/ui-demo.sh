#!/usr/bin/env bash
# ui-demo.sh INVIGOR WEBDIR - the web UI on the demo's world: makes the demo
# database when missing (scripts/demo.sh), adds a UK analyst, a French
# partner liaison officer and an auditor with fresh random passwords
# (printed, and kept in out/demo/*.pw), and serves the API and the UI on
# 127.0.0.1:${PORT:-8080} until Ctrl-C.
set -euo pipefail
inv=$(cd "$(dirname "${1:-build/invigor}")" && pwd)/$(basename "${1:-build/invigor}")
web=${2:-build/web}
out=out/demo
export INVIGOR_DB=$out/invigor.db
[ -f "$web/index.html" ] || { echo "ui-demo: $web/index.html missing: run make first" >&2; exit 1; }
[ -f "$INVIGOR_DB" ] || bash scripts/demo.sh "$inv" > /dev/null

"$inv" org list 2>/dev/null | grep -q '^NCA' || "$inv" org add NCA --kind uk --country GB
"$inv" org list 2>/dev/null | grep -q '^DGPN' || "$inv" org add DGPN --kind partner --country FR
add_user() { # name org role clearance
  local pw=$out/$1.pw
  if ! "$inv" user list 2>/dev/null | grep -q "^$1 "; then
    head -c 12 /dev/urandom | base64 | tr -d '/+=' > "$pw"
    chmod 600 "$pw"
    "$inv" user add "$1" --org "$2" --role "$3" --clearance "$4" --password-file "$pw"
  fi
  printf '  %-8s %-16s password: %s\n' "$1" "$3" "$(cat "$pw")"
}
echo "ui-demo: users (passwords kept in $out/NAME.pw):"
add_user analyst NCA analyst SECRET
add_user partner DGPN partner_liaison OFFICIAL-SENSITIVE
add_user auditor NCA auditor SECRET
echo "ui-demo: open http://127.0.0.1:${PORT:-8080}/ (Ctrl-C stops the server)"
exec "$inv" serve --listen "127.0.0.1:${PORT:-8080}" --static "$web"
