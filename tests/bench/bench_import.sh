#!/usr/bin/env bash
# Benchmark: a bank CSV export of N rows imported end to end (read, validate, de-duplicate,
# categorise, commit) beside loading the same rows into the same table with the database's own bulk
# loader: psql \copy on PostgreSQL, the sqlite3 shell's .import on SQLite.
#   tests/bench/bench_import.sh [ROWS]        (default 1000000)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rows="${1:-1000000}"
"$here/packaging/install-deps.sh" --test
build="$here/build/release"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFLOWLET_BUILD_TESTS=ON -DFLOWLET_BUILD_BENCH=ON >/dev/null
cmake --build "$build" --target flowlet >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export FLOWLET_BIN="$build/flowlet" WORK="$work" ROWS="$rows" HOME="$work"
/usr/bin/python3 "$here/tests/bench/make_statement_csv.py" "$rows" "$work/export.csv" "$work/copy.csv" 1
echo "rows: $rows ($(du -h "$work/export.csv" | cut -f1) CSV export)"

seconds() { /usr/bin/python3 -c 'import sys; print(f"{float(sys.argv[1]):.2f}")' "$1"; }
report() { # name seconds
    /usr/bin/python3 -c 'import sys; n=int(sys.argv[3]); s=float(sys.argv[2]); print(f"  {sys.argv[1]:<44} {s:8.2f} s  {n/s:>10,.0f} rows/s")' "$1" "$2" "$ROWS"
}
export -f seconds report

echo "SQLite:"
"$FLOWLET_BIN" db init --db "sqlite://$work/ws.db" >/dev/null 2>&1
sqlite3 "$work/ws.db" "INSERT INTO accounts (id, kind, name, currency) VALUES (1, 'own', 'Bench', 'EUR');"
start=$(date +%s.%N)
sqlite3 "$work/ws.db" <<SQL
.mode csv
CREATE TEMP TABLE staged (account_id, occurred_at, booking_date, amount_micros, currency, description, counterparty, reference, channel, source);
.import $work/copy.csv staged
INSERT INTO transactions (account_id, occurred_at, booking_date, amount_micros, currency, description, counterparty, reference, channel, source)
  SELECT account_id, occurred_at, booking_date, amount_micros, currency, description, counterparty, reference, channel, source FROM staged;
SQL
end=$(date +%s.%N)
ref=$(/usr/bin/python3 -c "print($end-$start)")
report "sqlite3 .import (+ INSERT SELECT)" "$ref"
sqlite3 "$work/ws.db" "DELETE FROM transactions; VACUUM;"
/usr/bin/time -f "%e %M" -o "$work/time" "$FLOWLET_BIN" import "$work/export.csv" --db "sqlite://$work/ws.db" --account 1 --commit >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
read -r secs kb < "$work/time"
report "flowlet import --commit" "$secs"
echo "    ratio: $(/usr/bin/python3 -c "print(f'{$ref/$secs:.2f}')")x of sqlite3 .import (target >= 0.5x); peak memory $((kb / 1024)) MB"

echo "PostgreSQL 15:"
pg_virtualenv -v 15 -o "shared_buffers=1GB" -o "max_wal_size=8GB" bash -c '
set -euo pipefail
createdb flowlet_bench
"$FLOWLET_BIN" db init --db postgresql:///flowlet_bench >/dev/null 2>&1
psql -q -d flowlet_bench -c "INSERT INTO accounts (id, kind, name, currency) VALUES (1, '"'"'own'"'"', '"'"'Bench'"'"', '"'"'EUR'"'"')"
start=$(date +%s.%N)
psql -q -d flowlet_bench -c "\copy transactions (account_id, occurred_at, booking_date, amount_micros, currency, description, counterparty, reference, channel, source) FROM '"'"'$WORK/copy.csv'"'"' CSV"
end=$(date +%s.%N)
ref=$(/usr/bin/python3 -c "print($end-$start)")
report "psql \\copy" "$ref"
psql -q -d flowlet_bench -c "TRUNCATE transactions CASCADE" -c "VACUUM ANALYZE"
/usr/bin/time -f "%e %M" -o "$WORK/time" "$FLOWLET_BIN" import "$WORK/export.csv" --db postgresql:///flowlet_bench --account 1 --commit >/dev/null 2>"$WORK/err" || { cat "$WORK/err"; exit 1; }
read -r secs kb < "$WORK/time"
report "flowlet import --commit" "$secs"
echo "    ratio: $(/usr/bin/python3 -c "print(f\"{$ref/$secs:.2f}\")")x of psql \\copy (target >= 0.5x); peak memory $((kb / 1024)) MB"
' 2>&1 | grep -v -E "^[0-9]{4}-[0-9]{2}-[0-9]{2} |^\*\*\*|^Creating new|^Dropping cluster"
