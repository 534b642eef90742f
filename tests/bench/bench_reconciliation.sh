#!/usr/bin/env bash
# Benchmark: reconciling a 10,000-line statement against an account with 1,000,000 open book
# transactions on PostgreSQL (start + autoMatch + summary, target < 2 s), the match counts, the
# peak memory, and the matcher alone in memory against the whole book.
#   tests/bench/bench_reconciliation.sh [small|full]   (default full; small: 1,000 lines vs 100,000)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
size="${1:-full}"
"$here/packaging/install-deps.sh" --test
build="$here/build/release"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFLOWLET_BUILD_TESTS=ON -DFLOWLET_BUILD_BENCH=ON >/dev/null
cmake --build "$build" --target bench_reconciliation >/dev/null
export BENCH_BIN="$build/tests/bench/bench_reconciliation" BENCH_SIZE="$size"
export HOME="$(mktemp -d)"
trap 'rm -rf "$HOME"' EXIT

pg_virtualenv -v 15 -o "shared_buffers=1GB" -o "max_wal_size=8GB" -o "work_mem=64MB" bash -c '
set -euo pipefail
createdb flowlet_bench_reconciliation
echo "creating the $BENCH_SIZE data set ..."
"$BENCH_BIN" --db postgresql:///flowlet_bench_reconciliation --size "$BENCH_SIZE" --setup
echo "first run:"
"$BENCH_BIN" --db postgresql:///flowlet_bench_reconciliation --size "$BENCH_SIZE"
echo "second run (warm cache):"
"$BENCH_BIN" --db postgresql:///flowlet_bench_reconciliation --size "$BENCH_SIZE"
' 2>&1 | grep -v -E "^[0-9]{4}-[0-9]{2}-[0-9]{2} |^\*\*\*|^Creating new|^Dropping cluster|^flowlet\."
