#!/usr/bin/env python3
"""Synthetic shop generation: wall time of `generate KIND N seed 1` inside ShopMine, median of --reps runs.

No Python library generates these tables (planted segments, bundles, elasticities and anomalies), so there
is no anchor: the rows record what docs/DATA.md quotes. Each run is a fresh `shopmine run` of a script
whose `time` statement measures the generation alone (no process start, no output).

Usage: $(bash scripts/venv.sh)/bin/python bench/generate_bench.py --shopmine BIN [--reps 3] [--quick]
"""
import argparse
import os
import re
import statistics
import tempfile

from common import row, run_child, write_rows

WORK = [("orders", 1_000_000), ("events", 1_000_000), ("users", 1_000_000), ("reviews", 200_000),
        ("products", 100_000)]


def seconds(text):
    """The seconds of a `time:` line (`time: 1.234 s`, `time: 12.3 ms`, `time: 45 µs`)."""
    m = re.search(r"time: ([0-9.]+) (s|ms|µs)", text)
    value, unit = float(m.group(1)), m.group(2)
    return value * {"s": 1, "ms": 1e-3, "µs": 1e-6}[unit]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shopmine", required=True)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--json")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind, n in WORK:
            n = n // 10 if args.quick else n
            script = os.path.join(tmp, f"{kind}.mine")
            with open(script, "w") as f:
                f.write(f"time x = generate {kind} {n} seed 1\nprint count(x)\n")
            times, peaks, counts = [], [], set()
            for _ in range(args.reps):
                out, peak = run_child([args.shopmine, "run", script])
                times.append(seconds(out))
                peaks.append(peak)
                counts.add(out.strip().splitlines()[-1])
            median = statistics.median(times)
            print(f"generate {kind} {n:,}: {median:.3f} s (median of {args.reps}), rows {sorted(counts)}", flush=True)
            rows.append(row(f"generate {kind} {n:,}", median, "— (no Python generator of these tables)", None,
                            "docs/DATA.md", shopmine_mb=max(peaks),
                            agreement=f"{'/'.join(sorted(counts))} rows"))
    write_rows(args.json, rows)


if __name__ == "__main__":
    main()
