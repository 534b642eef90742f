#!/usr/bin/python3
"""Prints the demo-load benchmark's figures side by side (called by bench_demo_load.sh)."""
import sys

t0, t1, t2, t3 = map(float, sys.argv[1:5])
tx, rows, size = int(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
flowlet, psql = t1 - t0, t3 - t2
ref = "psql \\copy, same rows"
print(f"demo create --size {size} into PostgreSQL 15 ({tx:,} transactions, {rows:,} rows in all demo tables)")
print(f"  {'':28} {'seconds':>9} {'rows/s':>12} {'transactions/s':>15}")
print(f"  {'flowlet demo create':28} {flowlet:9.2f} {rows / flowlet:12,.0f} {tx / flowlet:15,.0f}   (generates the data too)")
print(f"  {ref:28} {psql:9.2f} {rows / psql:12,.0f} {tx / psql:15,.0f}   (reference)")
print(f"  ratio flowlet / psql \\copy: {psql / flowlet:.2f}x   (target >= 0.50x)")
