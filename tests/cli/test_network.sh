#!/usr/bin/env bash
# test_network.sh - `invigor network` and the network export formats on
# tests/data/network: help and exit codes, bad options and ids; an edge
# list imported with a mapping (a duplicate row and a self-loop absorbed)
# and its measures, key players and paths checked against hand-computed
# values (see the comments); the smuggling cell: phones joined through
# call records, payments with evidence, the time window, link kinds, ego
# networks; every export format parsed back.
. "$(dirname "$0")/lib.sh"
N="$DATA/network"
MAP="$IV_SRC/bench/data/edge-list.yml"

# node FIELD ID: FIELD of the measures line of node ID (stdout of measures --json)
node() {
  "$PY" -c 'import json,sys
for l in open(sys.argv[1]):
    d=json.loads(l)
    if d["id"]==sys.argv[3]: print(d[sys.argv[2]])' "$WORK/out" "$1" "$2"
}

# --- help, options, exit codes -------------------------------------------------------------
run network --help; expect_rc 0 "network --help"; expect_out "^usage: invigor .*network" "help"
run network; expect_rc 1 "network without a subcommand"; expect_err "which analysis" "asks which"
run network bogus; expect_rc 1 "an unknown subcommand"; expect_err "unknown analysis 'bogus'" "names it"
run network measures --bogus; expect_rc 1 "a bad option"
run network measures --from 2024-13-01; expect_rc 1 "a bad date"; expect_err "ISO 8601" "says what a date is"
run network measures --kinds call,telepathy; expect_rc 1 "a bad kind"; expect_err "telepathy" "names the kind"
run network keyplayers --k 0; expect_rc 1 "--k 0"
run network keyplayers --k 65; expect_rc 1 "--k above the limit"
run network ego x --hops 0; expect_rc 1 "--hops 0"
run network measures --format svg; expect_rc 1 "an unknown format"
run network measures; expect_rc 1 "no database"
run export --format gexf --dataset x; expect_rc 1 "--dataset with a network format"
run export --format ftm --from 2024; expect_rc 1 "--from with ftm"

# --- an edge list through ingest with a mapping ---------------------------------------------------
run ingest --mapping "$MAP" "$N/ring.csv"; expect_rc 0 "ingest the edge list"
run network measures --json; expect_rc 0 "measures --json"
expect_eq "$(wc -l <"$WORK/out")" "7" "one line per node (the duplicate row is one link)"
"$PY" -c 'import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
need={"id","name","degree","betweenness","betweenness_norm","closeness","pagerank","coreness","community"}
assert all(need <= set(r) for r in rows), rows[0]' "$WORK/out" && ok || bad "measures --json fields"
# hand-computed on the simple graph: Chenar lies on the 8 paths from Amir or Bashir to the far
# side, Dara on the 9 from the near side to Eivan, Farid or Goran, Farid on the 5 to Goran
expect_eq "$(node betweenness Chenar)" "8.0" "Chenar's betweenness"
expect_eq "$(node betweenness Dara)" "9.0" "Dara's betweenness"
expect_eq "$(node betweenness Farid)" "5.0" "Farid's betweenness"
expect_eq "$(node betweenness Amir)" "0.0" "Amir's betweenness"
expect_eq "$(node betweenness_norm Dara)" "0.6" "Dara's normalised betweenness (9 / 15)"
expect_eq "$(node degree Farid)" "3" "the self-loop adds no degree"
expect_eq "$(node coreness Goran)" "1" "Goran is in the 1-core"
expect_eq "$(node coreness Amir)" "2" "the triangles are the 2-core"
expect_eq "$(node articulation Dara)" "True" "Dara is an articulation point"
expect_eq "$(node articulation Eivan)" "False" "Eivan is not"
run network measures --time-limit 0.000001; expect_rc 1 "past the time limit"
expect_err "stopped at the time limit of 1e-06 s" "says the limit stopped it"
run network measures --time-limit soon; expect_rc 1 "a bad --time-limit"
run network measures --time-limit 600 --json; expect_rc 0 "within the time limit"
run network measures --top 3; expect_rc 0 "measures as text"
expect_out "^7 nodes, 8 links, 1 components" "summary line"
expect_out "^Dara " "the top broker first"
# a list of valid kinds of 256 characters or more (one once read as an unknown kind)
ALL=call,payment,associate,family,membership,employment,directorship,ownership,other,selector,journey,cotravel
LONG="$ALL,$ALL,$ALL"
expect_eq "$(( ${#LONG} >= 256 ))" "1" "the list is 256 characters or more"
run network measures --kinds "$LONG" --top 3; expect_rc 0 "a long list of kinds"
expect_out "^7 nodes, 8 links" "the whole network"
run export --format cyjs --kinds "$LONG"; expect_rc 0 "export with a long list of kinds"
run network measures --kinds "$LONG,telepathy"; expect_rc 1 "a bad kind at the end of a long list"
expect_err "unknown link kind 'telepathy'" "names the kind"
run network measures --kinds ,; expect_rc 1 "no kind at all"; expect_err "at least one link kind" "says so"
# an empty item is refused as the API refuses it (one function reads both)
run network measures --kinds call,,payment; expect_rc 1 "an empty item"; expect_err "between every two commas" "says so"
run network measures --kinds call,; expect_rc 1 "a trailing comma"; expect_err "between every two commas" "says so"

run network keyplayers --k 2 --json; expect_rc 0 "keyplayers --json"
# removing Dara leaves two pieces of 3: F = 1 - (6 + 6) / 30 = 0.6
"$PY" -c 'import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
assert [r["k"] for r in rows] == [1, 2], rows
assert rows[0]["removed"] == ["Dara"], rows[0]
assert abs(rows[0]["fragmentation"] - 0.6) < 1e-12, rows[0]
assert rows[0]["largest_component"] == 3 and rows[0]["components"] == 2, rows[0]
assert rows[1]["fragmentation"] > rows[0]["fragmentation"], rows' "$WORK/out" && ok || bad "key players: $OUT"
run network keyplayers --k 8; expect_rc 1 "k larger than the network"; expect_err "more than the 7 nodes" "says so"

run network path Amir Goran --json; expect_rc 0 "path --json"
"$PY" -c 'import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 1, rows
p = rows[0]
assert p["length"] == 4 and [n["id"] for n in p["nodes"]] == ["Amir","Chenar","Dara","Farid","Goran"], p
assert all(h["links"] and h["links"][0]["evidence"] for h in p["hops"]), p
assert all(len(e) == 32 for h in p["hops"] for l in h["links"] for e in l["evidence"]), p' "$WORK/out" && ok || bad "the one shortest path, with evidence: $OUT"
run network paths Amir Chenar --max-len 2 --json; expect_rc 0 "paths --max-len 2"
expect_eq "$(wc -l <"$WORK/out")" "2" "direct and through Bashir"
run network path Amir Nobody; expect_rc 1 "an unknown id"; expect_err "'Nobody' is not in the network" "names it"
run network path Amir Amir; expect_rc 1 "a path to itself"
run network ego Dara --hops 1 --json; expect_rc 0 "ego --json"
expect_eq "$("$PY" -c 'import json,sys
print(sorted(d["id"] for d in map(json.loads, open(sys.argv[1])) if "schema" in d))' "$WORK/out")" \
  "['Chenar', 'Dara', 'Eivan', 'Farid']" "Dara and her neighbours"
run network ego Dara --hops 3 --max-nodes 3 --json; expect_rc 0 "ego with a cap"
expect_eq "$("$PY" -c 'import json,sys
print(sum(1 for d in map(json.loads, open(sys.argv[1])) if "schema" in d))' "$WORK/out")" "3" "at most 3 nodes"
run network communities --json; expect_rc 0 "communities --json"
"$PY" -c 'import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
sets=sorted(sorted(m["id"] for m in r["members"]) for r in rows)
assert ["Amir","Bashir","Chenar"] in sets, sets
assert all({"community","size","density","members","brokers"} <= set(r) for r in rows), rows' "$WORK/out" && ok || bad "the two triangles are communities: $OUT"

# --- formats ---------------------------------------------------------------------------------------
for f in graphml gexf anx; do
  run export --format "$f"; expect_rc 0 "export --format $f"
  "$PY" -c 'import sys, xml.etree.ElementTree as ET
ET.parse(sys.argv[1])' "$WORK/out" && ok || bad "$f output is well-formed XML"
  expect_out "Dara" "$f names the nodes"
done
run export --format cyjs; expect_rc 0 "export --format cyjs"
"$PY" -c 'import json,sys
d=json.load(open(sys.argv[1]))
assert len(d["elements"]["nodes"]) == 7 and len(d["elements"]["edges"]) == 8, d' "$WORK/out" && ok || bad "cyjs: 7 nodes, 8 edges"
run network ego Dara --hops 1 --format cyjs; expect_rc 0 "ego as cyjs"
"$PY" -c 'import json,sys
d=json.load(open(sys.argv[1]))
assert len(d["elements"]["nodes"]) == 4, d' "$WORK/out" && ok || bad "ego cyjs has 4 nodes"

# --- the smuggling cell -------------------------------------------------------------------------------
export INVIGOR_DB="$WORK/cell.db"
run ingest "$N/cell.jsonl"; expect_rc 0 "ingest the cell"
run network path p-migrant p-dilshad --json; expect_rc 0 "migrant to Dilshad"
"$PY" -c 'import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
p=rows[0]
assert p["length"] == 2 and p["nodes"][1]["id"] == "p-azad", p
kinds={l["kind"] for h in p["hops"] for l in h["links"]}
assert "payment" in kinds, kinds' "$WORK/out" && ok || bad "through Azad by payment: $OUT"
run network path p-hemin p-azad --kinds call,selector --json; expect_rc 0 "Hemin to Azad by phones"
"$PY" -c 'import json,sys
p=json.loads(open(sys.argv[1]).readline())
assert [n["id"] for n in p["nodes"]] == ["p-hemin","phone:+447700900123","phone:+33664568003","p-azad"], p
call=[l for l in p["hops"][1]["links"] if l["kind"]=="call"][0]
assert call["count"] == 2 and call["duration"] == 180, call' "$WORK/out" && ok || bad "two calls of 180 s: $OUT"
run network measures --from 2024-03 --json; expect_rc 0 "measures from March"
"$PY" -c 'import json,sys
ids={json.loads(l)["id"] for l in open(sys.argv[1])}
assert "p-migrant" not in ids, ids   # paid and travelled in February only
assert "p-dilshad" in ids, ids       # a phone in use is undated and stays' "$WORK/out" && ok || bad "the window: $OUT"
run network measures --from 2030-01-01 --kinds call; expect_rc 1 "a window with nothing in it"
expect_err "no dated link falls in the time window" "says so"
run network measures --from 2030-01-01; expect_rc 1 "a window with nothing in it, undated links aside"
run network measures --kinds cotravel; expect_rc 1 "no links of a kind"; expect_err "no links of these kinds" "says so"
run network ego p-loner; expect_rc 0 "a person with only a phone"
run network path p-loner p-azad; expect_rc 1 "disconnected"; expect_err "no path links" "says so"

finish
