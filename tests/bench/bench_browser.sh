#!/usr/bin/env bash
# Benchmark: the transactions browser over the large demo (10M transactions) on PostgreSQL:
# time to first rows, to the last page, sorting, filtering, and peak memory.
#   tests/bench/bench_browser.sh [small|medium|large]     (default large; creating it takes minutes)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
size="${1:-large}"
"$here/packaging/install-deps.sh" --test
build="$here/build/release"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFLOWLET_BUILD_TESTS=ON -DFLOWLET_BUILD_BENCH=ON >/dev/null
cmake --build "$build" --target flowlet bench_browser >/dev/null
export FLOWLET_BIN="$build/flowlet" BENCH_BIN="$build/tests/bench/bench_browser" BENCH_SIZE="$size"
export HOME="$(mktemp -d)"
trap 'rm -rf "$HOME"' EXIT

pg_virtualenv -v 15 -o "shared_buffers=1GB" -o "max_wal_size=8GB" -o "work_mem=64MB" bash -c '
set -euo pipefail
createdb flowlet_bench
echo "creating the $BENCH_SIZE demo workspace ..."
/usr/bin/time -f "  demo create: %e s, %M KB peak" "$FLOWLET_BIN" demo create --size "$BENCH_SIZE" --db postgresql:///flowlet_bench | grep -E "transactions:|elapsed"
"$BENCH_BIN" --db postgresql:///flowlet_bench
' 2>&1 | grep -v -E "^[0-9]{4}-[0-9]{2}-[0-9]{2} |^\*\*\*|^Creating new|^Dropping cluster"
