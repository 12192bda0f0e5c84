#!/usr/bin/env bash
# demo.sh INVIGOR - the main job on the embedded default: generate a small
# synthetic OIC world (`invigor sim`), load every source it wrote in one
# transaction (`ingest --manifest`), resolve the same people across sources
# (`invigor resolve`), and show a merged person, the review queue, an
# explanation, the network's brokers and key players, and what to try
# next.  Everything is left in out/demo/ for further commands.
set -euo pipefail
inv=$(cd "$(dirname "${1:-build/invigor}")" && pwd)/$(basename "${1:-build/invigor}")
out=out/demo
mkdir -p "$out"
export INVIGOR_DB=$out/invigor.db
rm -f "$INVIGOR_DB" "$INVIGOR_DB-wal" "$INVIGOR_DB-shm"

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }

step "$inv" sim --seed 42 --scale small --year 2024 --out "$out/world"
step "$inv" init
step "$inv" ingest --manifest "$out/world/manifest.json"
step "$inv" stats
# the same people across sources, scripts and spellings
step "$inv" resolve

# a facilitator as a migrant named him in a debrief (truth/mentions.csv:
# source, entity_id, property, value, kind, true_id; facilitators are F...)
mention=$(awk -F, '$5 == "person" && $6 ~ /^F/ { print $2 "," $4; exit }' "$out/world/truth/mentions.csv")
if [ -n "$mention" ]; then
  id=${mention%%,*}
  name=${mention#*,}
  step "$inv" search "$name" --limit 5
  step "$inv" show "$id"
fi
# a person the engine merged from several records: every record's values
# (awk reads to the end: an early exit would kill clusters with SIGPIPE under pipefail)
merged=$("$inv" clusters --json | awk -F'"' 'NF > 12 && !found { print $8; found = 1 }')
if [ -n "$merged" ]; then
  step "$inv" show "$merged"
fi
# the pairs the engine was unsure of, and why for the first of them
step "$inv" review --limit 5
pair=$("$inv" review --limit 1 --json | sed -n 's/.*"a": *"\([^"]*\)", *"b": *"\([^"]*\)".*/\1 \2/p')
if [ -n "$pair" ]; then
  # shellcheck disable=SC2086
  step "$inv" explain $pair
fi
# the network behind them: brokers, candidate OCGs, and whom to remove first
step "$inv" network measures --top 10
step "$inv" network keyplayers --k 3
echo
cat <<TXT
demo: the world is in $out/world (sources, manifest.json, truth/) and the
database in $INVIGOR_DB.  Try:
  export INVIGOR_DB=$INVIGOR_DB
  $inv search "al hassan"                   # every spelling and script
  $inv show ID --json                        # values with grade, handling, source
  $inv clusters | head                       # canonical entities and their records
  $inv explain ID1 ID2                       # why two records are (not) the same
  $inv judge ID1 ID2 different --note "..."  # you decide; "withdrawn" takes it back
  $inv network communities | less            # candidate OCGs, brokers, roles
  $inv network path ID1 ID2                  # how two people connect, with evidence
  $inv export --format gexf > $out/net.gexf  # the network for Gephi (graphml, anx, cyjs)
  $inv export --format ftm > $out/all.jsonl  # lossless FtM JSON lines
  less $out/world/truth/ocg_members.csv      # who really belongs to which OCG
  make ui                                    # the web UI on this world, in your browser
TXT
