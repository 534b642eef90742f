#!/usr/bin/env bash
# Benchmark: the local API's busiest read, GET /api/transactions?account_id=…&limit=100 for random
# accounts, with wrk (16 connections) against `flowlet serve` on PostgreSQL, beside the seed's own
# stack serving the same request from the same database: tests/bench/reference_api/app.py (Flask +
# SQLAlchemy, run by gunicorn with 2×cores+1 sync workers). All authenticate the same API key.
# flowlet is measured twice: connected as the database owner, as the reference is (no row-level
# security), and as the workstation role a deployed workstation uses, where every statement runs
# under row-level security through the key's server-side session.
#   tests/bench/bench_api.sh [small|medium]     (default medium)   BUILD_DIR=… for another build
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
size="${1:-medium}"
build="${BUILD_DIR:-$here/build/release}"
"$here/packaging/install-deps.sh" --test
bench_pkgs=(wrk gunicorn python3-flask python3-sqlalchemy python3-psycopg2 curl)
missing=()
for p in "${bench_pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if (( ${#missing[@]} )); then
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [[ -z "${BUILD_DIR:-}" ]]; then
    cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFLOWLET_BUILD_TESTS=ON -DFLOWLET_BUILD_BENCH=ON >/dev/null
fi
cmake --build "$build" --target flowlet bench_api_key >/dev/null
export FLOWLET_BIN="$build/flowlet" KEY_BIN="$build/tests/bench/bench_api_key" BENCH_SIZE="$size"
export REFERENCE_DIR="$here/tests/bench/reference_api" LUA="$here/tests/bench/random_accounts.lua" COMPARE="$here/tests/bench/wrk_compare.py"
export WORKERS=$(( $(nproc) * 2 + 1 ))
export HOME="$(mktemp -d)"
trap 'rm -rf "$HOME"' EXIT

pg_virtualenv -v 15 -o "shared_buffers=256MB" bash -c '
set -euo pipefail
createdb flowlet_bench
url=postgresql:///flowlet_bench
"$FLOWLET_BIN" demo create --size "$BENCH_SIZE" --db "$url" > "$HOME/demo.txt" 2>&1 || { cat "$HOME/demo.txt"; exit 1; }
grep -E "transactions:" "$HOME/demo.txt"
read -r TOKEN _ < <("$KEY_BIN" --db "$url")
# The workstation role; its password is printed once by db init and goes only into this shell.
WORKSTATION_PASSWORD="$("$FLOWLET_BIN" db init --db "$url" | sed -n "s/^  //p")"
role_url="postgresql://flowlet_bench_workstation@/flowlet_bench"
ACCOUNTS="$(psql -qAt -d flowlet_bench -c "SELECT string_agg(account_id::text, chr(32)) FROM (SELECT account_id FROM transactions GROUP BY account_id ORDER BY account_id LIMIT 2000) a")"
export TOKEN ACCOUNTS LIMIT=100
echo "accounts: $(wc -w <<<"$ACCOUNTS") (one chosen at random per request), limit=100, wrk -t2 -c16 -d20s"

measure() { # name base-url
    wrk -t2 -c16 -d5s -s "$LUA" "$2" >/dev/null   # warm-up
    wrk -t2 -c16 -d20s --latency -s "$LUA" "$2" > "$HOME/$1.txt"
    grep -E "Non-2xx|Socket errors" "$HOME/$1.txt" || true
}
serve() { # name database-url [password]
    # The per-key rate limit is raised for the benchmark (the default is 20/s).
    env ${3:+PGPASSWORD="$3"} "$FLOWLET_BIN" serve --db "$2" --port 18765 --rate 1000000 >/dev/null 2>&1 &
    server=$!
    for _ in $(seq 100); do curl -sf http://127.0.0.1:18765/api/health >/dev/null && break; sleep 0.2; done
    curl -s -o /dev/null -w "$1 answers %{http_code}\n" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:18765/api/transactions?account_id=1&limit=100"
    measure "$1" http://127.0.0.1:18765
    kill $server; wait $server 2>/dev/null || true
}
serve owner "$url"
serve workstation "$role_url" "$WORKSTATION_PASSWORD"

(cd "$REFERENCE_DIR" && REFERENCE_DB_URL=postgresql+psycopg2:///flowlet_bench \
    exec gunicorn -w "$WORKERS" -b 127.0.0.1:18766 app:app >/dev/null 2>&1) &
reference=$!
for _ in $(seq 100); do curl -s -o /dev/null http://127.0.0.1:18766/api/transactions && break; sleep 0.2; done
first="$(cut -d" " -f1 <<<"$ACCOUNTS")"
curl -s -o /dev/null -w "reference answers %{http_code}\n" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:18766/api/transactions?account_id=$first&limit=100"
measure reference http://127.0.0.1:18766
kill $reference; wait $reference 2>/dev/null || true

/usr/bin/python3 "$COMPARE" "flowlet serve, as the database owner (as the reference)=$HOME/owner.txt" \
    "flowlet serve, as the workstation role (row-level security)=$HOME/workstation.txt" \
    "Flask + SQLAlchemy + gunicorn (reference)=$HOME/reference.txt"
' 2>&1 | grep -v -E "^[0-9]{4}-[0-9]{2}-[0-9]{2} |^\*\*\*|^Creating new|^Dropping cluster"
