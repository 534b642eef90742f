#!/usr/bin/env bash
# Benchmark: `flowlet demo create --size medium` (1M transactions) into PostgreSQL, beside
# `psql \copy` of exactly the same rows into the same schema, in the same run and cluster.
#   tests/bench/bench_demo_load.sh [small|medium|large]
# Prints rows/s for both and the ratio (target: flowlet >= 0.5x psql \copy).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
size="${1:-medium}"
"$here/packaging/install-deps.sh" --test
build="$here/build/release"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFLOWLET_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target flowlet >/dev/null
export FLOWLET_BIN="$build/flowlet" BENCH_SIZE="$size" BENCH_TOOLS="$here/tests/bench"
export BENCH_DIR="$(mktemp -d)"
chmod 777 "$BENCH_DIR"
trap 'rm -rf "$BENCH_DIR"' EXIT

pg_virtualenv -v 15 -o "shared_buffers=512MB" -o "max_wal_size=4GB" bash -c '
set -euo pipefail
now() { date +%s.%N; }
tables="ledger_accounts customers accounts cards kyc_records risk_assessments transactions demo_ground_truth ledger_journals ledger_entries"

createdb flowlet_bench_demo
t0=$(now)
"$FLOWLET_BIN" demo create --size "$BENCH_SIZE" --db postgresql:///flowlet_bench_demo >/dev/null 2>&1
t1=$(now)

# The same rows, exported, then loaded by psql into a fresh database with the same schema.
for t in $tables; do psql -q -d flowlet_bench_demo -c "\copy $t TO '"'"'$BENCH_DIR/$t.tsv'"'"'"; done
createdb flowlet_bench_copy
"$FLOWLET_BIN" db init --db postgresql:///flowlet_bench_copy >/dev/null 2>&1
script="$BENCH_DIR/load.sql"
: > "$script"
for t in $tables; do echo "\\copy $t FROM '"'"'$BENCH_DIR/$t.tsv'"'"'" >> "$script"; done
echo "ANALYZE;" >> "$script"
t2=$(now)
psql -q -v ON_ERROR_STOP=1 -1 -d flowlet_bench_copy -f "$script"
t3=$(now)

rows=$(psql -At -d flowlet_bench_demo -c "SELECT (SELECT count(*) FROM transactions)")
all=0
for t in $tables; do all=$((all + $(psql -At -d flowlet_bench_demo -c "SELECT count(*) FROM $t"))); done
copied=$(psql -At -d flowlet_bench_copy -c "SELECT count(*) FROM transactions")
[ "$rows" = "$copied" ] || { echo "row counts differ: $rows vs $copied" >&2; exit 1; }

/usr/bin/python3 "$BENCH_TOOLS/report_load.py" "$t0" "$t1" "$t2" "$t3" "$rows" "$all" "$BENCH_SIZE"
' 2>&1 | grep -v -E "^[0-9]{4}-[0-9]{2}-[0-9]{2} |^\*\*\*|^Creating new|^Dropping cluster"
