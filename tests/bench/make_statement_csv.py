#!/usr/bin/env python3
"""Writes the same N bank-statement rows twice: as a bank's CSV export (what `flowlet import`
reads) and as COPY input for the transactions table (what `psql \\copy` / sqlite3 .import load).
Deterministic: the same N gives the same rows. Amounts are written from integer cents."""
import random
import sys

n = int(sys.argv[1])
export_path, copy_path, account_id = sys.argv[2], sys.argv[3], sys.argv[4]
rng = random.Random(4711)
merchants = ["REWE Markt", "Amazon EU", "Deutsche Bahn", "Shell Station", "Spotify", "Lidl", "IKEA",
             "Stadtwerke", "Telekom", "Apotheke am Markt", "Café Central", "Uber BV"]
with open(export_path, "w", encoding="utf-8") as export, open(copy_path, "w", encoding="utf-8") as copy:
    export.write("Booking date,Value date,Amount,Currency,Counterparty,Description,Reference\n")
    day0 = 738886  # 2024-01-01 as a proleptic ordinal
    import datetime
    for i in range(n):
        d = datetime.date.fromordinal(day0 + i * 365 // n)
        cents = rng.randint(-25000, 5000) or 1
        amount = f"{'-' if cents < 0 else ''}{abs(cents) // 100}.{abs(cents) % 100:02d}"
        who = rng.choice(merchants)
        text = f"{who} {rng.randint(1000, 9999)} card payment"
        ref = f"R{i:09d}"
        export.write(f"{d.isoformat()},{d.isoformat()},{amount},EUR,{who},{text},{ref}\n")
        micros = cents * 10000
        copy.write(f"{account_id},{d.isoformat()} 00:00:00+00,{d.isoformat()},{micros},EUR,{text},{who},{ref},card,import\n")
