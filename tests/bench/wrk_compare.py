"""Prints wrk --latency reports side by side: requests/s, p50 and p99, and each one's ratio to the
reference (the last argument).
    wrk_compare.py NAME=FILE [NAME=FILE ...] REFERENCE_NAME=FILE"""
import re
import sys


def parse(path):
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))

    def percentile(p):
        m = re.search(r"\s%s%%\s+([\d.]+)(us|ms|s)\b" % p, text)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return rps, percentile(50), percentile(99)


runs = [(name, parse(path)) for name, path in (arg.split("=", 1) for arg in sys.argv[1:])]
(ref_name, ref) = runs[-1]
print(f"  {'':<58} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
for label, (rps, p50, p99) in runs:
    print(f"  {label:<58} {rps:>9,.0f} {p50:>8.2f} {p99:>8.2f}")
for label, own in runs[:-1]:
    verdict = "lower" if own[2] < ref[2] else "NOT lower"
    print(f"    {label}: {own[0] / ref[0]:.2f}x the reference's requests/s (target >= 5x); "
          f"p99 {verdict} than the reference's")
