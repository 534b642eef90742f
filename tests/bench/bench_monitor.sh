#!/usr/bin/env bash
# Benchmark: what error monitoring costs its callers — RequestStats::record per API request from
# 1, 2 and 4 threads, redaction + fingerprint of a message, and a qWarning through the handler —
# beside the targets. No database.
#   tests/bench/bench_monitor.sh        BENCH_BUILD=DIR builds there instead of build/release.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${BENCH_BUILD:-$here/build/release}"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFLOWLET_BUILD_TESTS=ON -DFLOWLET_BUILD_BENCH=ON >/dev/null
cmake --build "$build" --target bench_monitor >/dev/null
"$build/tests/bench/bench_monitor"
