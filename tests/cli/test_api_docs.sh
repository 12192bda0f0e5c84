#!/usr/bin/env bash
# test_api_docs.sh - every route of the server (server/handlers.c) is
# described in docs/api.openapi.json with its method, and named in
# docs/api.md; and the OpenAPI file describes no route the server lacks.
. "$(dirname "$0")/lib.sh"

routes=$("$PY" - "$IV_SRC" <<'PYEOF'
import json, re, sys
src = sys.argv[1]
table = open(src + "/server/handlers.c").read()
routes = set()
for m in re.finditer(r'\{SRV_(GET|POST|DELETE|PUT), "/api/v1([^"]*)"', table):
    routes.add((m.group(1).lower(), m.group(2).replace("{}", "{x}")))
doc = json.load(open(src + "/docs/api.openapi.json"))
described = set()
for path, ops in doc["paths"].items():
    for method in ops:
        described.add((method, re.sub(r"\{[^}]+\}", "{x}", path)))
md = open(src + "/docs/api.md").read()
bad = 0
for r in sorted(routes - described):
    print("not in api.openapi.json: %s %s" % r); bad += 1
for r in sorted(described - routes):
    print("in api.openapi.json but not served: %s %s" % r); bad += 1
for method, path in sorted(routes):
    head = path.split("{x}")[0].rstrip("/") or path
    if head not in md:
        print("not in api.md: %s" % path); bad += 1
print("routes %d, problems %d" % (len(routes), bad))
PYEOF
)
echo "$routes"
expect_eq "$(echo "$routes" | tail -1 | sed "s/routes [0-9]*, //")" "problems 0" "api docs"
finish
