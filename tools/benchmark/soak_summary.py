#!/usr/bin/env python3
"""Prints, for each column of a soak's samples (soak.csv), the mean of the first and of the last
fifth of the run, and the least-squares slope per 10 minutes next to the samples' own spread
(standard deviation of the residuals): a slope well inside the spread is noise, not a trend.

  soak_summary.py soak.csv
"""
import csv
import statistics
import sys


def main(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    # the first minute warms the JIT and fills the journal: trends are read from the second on
    rows = rows[1:] if len(rows) > 3 else rows
    minutes = [float(r["minute"]) for r in rows]
    fifth = max(1, len(rows) // 5)
    print("| sample | first %d min | last %d min | slope per 10 min | spread (sd) |" % (fifth, fifth))
    print("|---|---|---|---|---|")
    for column in rows[0].keys():
        if column == "minute":
            continue
        values = [float(r[column]) if r[column] else None for r in rows]
        pairs = [(m, v) for m, v in zip(minutes, values) if v is not None]
        if len(pairs) < 3:
            continue
        xs, ys = zip(*pairs)
        mx, my = statistics.fmean(xs), statistics.fmean(ys)
        sxx = sum((x - mx) ** 2 for x in xs)
        slope = sum((x - mx) * (y - my) for x, y in pairs) / sxx if sxx else 0.0
        residuals = [y - (my + slope * (x - mx)) for x, y in pairs]
        spread = statistics.pstdev(residuals)
        first = statistics.fmean(ys[:fifth])
        last = statistics.fmean(ys[-fifth:])
        print("| %s | %.1f | %.1f | %+.2f | %.2f |" % (column, first, last, slope * 10, spread))


if __name__ == "__main__":
    main(sys.argv[1])
