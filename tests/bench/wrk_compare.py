"""Prints two wrk --latency reports side by side: requests/s, p50 and p99, and the ratio.
    wrk_compare.py NAME=FILE REFERENCE_NAME=FILE"""
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


(name, own_file), (ref_name, ref_file) = (arg.split("=", 1) for arg in sys.argv[1:3])
own, ref = parse(own_file), parse(ref_file)
print(f"  {'':<44} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
for label, (rps, p50, p99) in ((name, own), (ref_name, ref)):
    print(f"  {label:<44} {rps:>9,.0f} {p50:>8.2f} {p99:>8.2f}")
verdict = "lower" if own[2] < ref[2] else "NOT lower"
print(f"    ratio: {own[0] / ref[0]:.2f}x the reference's requests/s (target >= 5x); p99 {verdict} than the reference's")
