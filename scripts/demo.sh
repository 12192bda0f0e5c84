#!/usr/bin/env bash
# demo.sh INVIGOR - the main job on the embedded default data: load a
# partner report (FtM JSON lines) and debrief interviews (CSV + mapping)
# into a fresh database, then search, show and export, so a newcomer sees
# every step.  The database is left at out/demo.db for further commands.
set -euo pipefail
inv=${1:-build/invigor}
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p out
export INVIGOR_DB=out/demo.db
rm -f "$INVIGOR_DB" "$INVIGOR_DB-wal" "$INVIGOR_DB-shm"

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }

step "$inv" init
step "$inv" ingest "$here/tests/data/people.jsonl"
step "$inv" ingest "$here/tests/data/debriefs.csv" --mapping "$here/tests/data/debriefs.yml"
step "$inv" stats
step "$inv" search karwan
step "$inv" show p-alhasan
step "$inv" export --format ftm --dataset partner-fr
echo
echo "demo: database at $INVIGOR_DB; try: INVIGOR_DB=$INVIGOR_DB $inv search hassan"
