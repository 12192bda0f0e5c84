#!/usr/bin/env bash
# graph_formats_schemas.sh TEST_BINARY - the network files invigor writes
# (lib/graph/formats.c), checked against their schemas.  TEST_BINARY is
# test_graph_formats, which writes the samples with --write-samples DIR.
#
#  GraphML  xmllint against the official GraphML schema (graphml.xsd and
#           graphml-structure.xsd from the npm package graphml-moddle, which
#           this script installs into $IV_BUILD/npm-schemas, git-ignored like
#           every build folder), with XLink's schema from Debian's
#           docbook5-xml; an XML catalog maps the schemas' URLs to those
#           files and --nonet keeps xmllint off the network.
#  GEXF     xmllint against tests/data/graph/gexf-1.3.xsd, written for
#           invigor (no package carries GEXF's schema).
#  ANX      well-formed (test_graph_formats reads it back in detail).
#  cyjs     read by Python's json module.
# Each schema must also refuse a spoiled copy, so that a schema that fails
# to load cannot pass everything.  Outside CI a missing tool or an npm
# registry out of reach skips the test (exit 77); in CI it fails.
set -euo pipefail

bin=${1:?usage: graph_formats_schemas.sh TEST_BINARY}
src=${IV_SRC:?IV_SRC is the source tree}
build=${IV_BUILD:?IV_BUILD is the build tree}
work="${IV_TEST_TMP:-$build/tmp}/graph_formats_schemas"
npmdir="$build/npm-schemas"
moddle=graphml-moddle@0.1.1
xsd="$npmdir/node_modules/graphml-moddle/resources/graphml/xsd"
xlink=/usr/share/xml/docbook/schema/xsd/5.0/xlink.xsd
gexf_xsd="$src/tests/data/graph/gexf-1.3.xsd"

skip() {
	if [ "${CI:-}" = true ]; then
		echo "graph_formats_schemas: $*" >&2
		exit 1
	fi
	echo "graph_formats_schemas: skipped: $*"
	exit 77
}

command -v xmllint >/dev/null || skip "no xmllint (scripts/install-deps.sh installs libxml2-utils)"
command -v python3 >/dev/null || skip "no python3"
[ -f "$xlink" ] || skip "no $xlink (scripts/install-deps.sh installs docbook5-xml)"
if [ ! -f "$npmdir/.installed-$moddle" ]; then
	command -v npm >/dev/null || skip "no npm to install $moddle"
	rm -rf "$npmdir"
	mkdir -p "$npmdir"
	npm install --prefix "$npmdir" --no-save --no-package-lock --ignore-scripts \
		--no-audit --no-fund --loglevel=error "$moddle" >"$npmdir/install.log" 2>&1 ||
		skip "npm could not install $moddle: $(tail -3 "$npmdir/install.log")"
	[ -f "$xsd/graphml.xsd" ] && [ -f "$xsd/graphml-structure.xsd" ] ||
		skip "$moddle carries no GraphML schema at $xsd"
	touch "$npmdir/.installed-$moddle"
fi

rm -rf "$work"
mkdir -p "$work"
cat >"$work/catalog.xml" <<EOF
<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <uri name="http://graphml.graphdrawing.org/xmlns/1.1/graphml-structure.xsd"
       uri="file://$xsd/graphml-structure.xsd"/>
  <uri name="http://graphml.graphdrawing.org/xmlns/1.1/xlink.xsd" uri="file://$xlink"/>
</catalog>
EOF
export XML_CATALOG_FILES="$work/catalog.xml"

"$bin" --write-samples "$work"

passed=0
failed=0
check() { # what, command...
	local what=$1
	shift
	if "$@" >"$work/last.log" 2>&1; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL: $what"
		cat "$work/last.log"
	fi
}
refuse() { # what, command...: the command must fail
	local what=$1
	shift
	if "$@" >"$work/last.log" 2>&1; then
		failed=$((failed + 1))
		echo "FAIL: $what was accepted"
	else
		passed=$((passed + 1))
	fi
}

for name in sample plain unclean; do
	check "$name.graphml" xmllint --noout --nonet --schema "$xsd/graphml.xsd" "$work/$name.graphml"
	check "$name.gexf" xmllint --noout --nonet --schema "$gexf_xsd" "$work/$name.gexf"
	check "$name.anx" xmllint --noout --nonet "$work/$name.anx"
	check "$name.cyjs" python3 -c '
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
els = doc["elements"]
assert els["nodes"] and all("id" in n["data"] for n in els["nodes"])
ids = {n["data"]["id"] for n in els["nodes"]}
assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in els["edges"])
' "$work/$name.cyjs"
done

# the schemas refuse what they should
sed 's/<node id="n1">/<node id="n1" colour="red">/' "$work/sample.graphml" >"$work/spoiled.graphml"
refuse "a GraphML node with an undeclared attribute" \
	xmllint --noout --nonet --schema "$xsd/graphml.xsd" "$work/spoiled.graphml"
sed 's/<data key="count">/<data key="tally">/' "$work/sample.graphml" >"$work/spoiled-key.graphml"
refuse "GraphML data of an undeclared key" \
	xmllint --noout --nonet --schema "$xsd/graphml.xsd" "$work/spoiled-key.graphml"
sed 's/target="Q2"/target="nobody"/' "$work/sample.gexf" >"$work/spoiled.gexf"
refuse "a GEXF edge to no node" \
	xmllint --noout --nonet --schema "$gexf_xsd" "$work/spoiled.gexf"
sed 's/type="mutual"/type="both"/' "$work/sample.gexf" >"$work/spoiled-type.gexf"
refuse "a GEXF edge type outside the specification" \
	xmllint --noout --nonet --schema "$gexf_xsd" "$work/spoiled-type.gexf"

echo "graph_formats_schemas: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
