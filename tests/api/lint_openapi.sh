#!/usr/bin/env bash
# Lints the API's OpenAPI document with a pinned @redocly/cli, installed once into CACHE_DIR (in the
# build tree) from the npm registry. Fails when the document has lint errors; to show that the
# linter really looks, a copy with a broken reference must fail too.
#   lint_openapi.sh OPENAPI_JSON CACHE_DIR
set -euo pipefail
doc="$1"
cache="$2"
version="2.77.0"
cli="$cache/node_modules/.bin/redocly"
if [[ ! -x "$cli" || "$(cat "$cache/.version" 2>/dev/null)" != "$version" ]]; then
    mkdir -p "$cache"
    npm install --prefix "$cache" --no-audit --no-fund --loglevel=error "@redocly/cli@$version" >/dev/null
    echo "$version" >"$cache/.version"
fi
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true

"$cli" lint --format=stylish "$doc"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
sed 's|#/components/schemas/Transaction"|#/components/schemas/NoSuchSchema"|' "$doc" >"$scratch/broken.json"
if "$cli" lint --format=stylish "$scratch/broken.json" >"$scratch/out.txt" 2>&1; then
    echo "the linter accepted a document with a dangling \$ref; it is not checking" >&2
    exit 1
fi
echo "a broken copy is refused, as it should be"
