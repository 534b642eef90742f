#!/usr/bin/env bash
# Benchmark: the learned categoriser on a demo workspace (SQLite, in a temporary directory). A
# deterministic 20 % of the user-categorised transactions is held back, the classifier trained on
# the rest: accuracy and coverage (all, and at the minimum confidence) beside the most-frequent-
# category baseline, accuracy per confidence band, training rows/s, proposals/s, peak memory.
#   tests/bench/bench_categoriser.sh [small|medium]     (default medium: 1M transactions)
# BENCH_BUILD=DIR builds there instead of build/release.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
size="${1:-medium}"
"$here/packaging/install-deps.sh" --test
build="${BENCH_BUILD:-$here/build/release}"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFLOWLET_BUILD_TESTS=ON -DFLOWLET_BUILD_BENCH=ON >/dev/null
cmake --build "$build" --target flowlet bench_categoriser >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work"

echo "creating the $size demo workspace ..."
start=$(date +%s.%N)
"$build/flowlet" demo create --size "$size" --db "sqlite://$work/demo.db" >/dev/null
echo "  done in $(/usr/bin/python3 -c "print(f'{$(date +%s.%N)-$start:.1f}')") s"
"$build/tests/bench/bench_categoriser" --db "sqlite://$work/demo.db"
