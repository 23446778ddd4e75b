#!/usr/bin/env python3
"""FP-growth benchmark: ShopMine vs pyFIM vs mlxtend on 100,000 baskets over 1,000 items (issue 6/10).

Usage: $(bash scripts/venv.sh)/bin/python bench/rules_bench.py [--support 0.005] [--reps 3] [--skip-mlxtend]
Generates the baskets deterministically (numpy seed 6) with planted bundles, builds the Swift bench driver
(bench/ShopMineModelsBench, release) and prints median wall times side by side. A benchmark, not a test.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

import numpy as np

from common import driver, measured, row, run_child, write_rows

HERE = os.path.dirname(os.path.abspath(__file__))


def generate(path, n_baskets=100_000, n_items=1000, seed=6):
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, n_items + 1) ** 0.9
    weights /= weights.sum()
    bundles = [rng.choice(n_items, size=s, replace=False) for s in (2, 3, 3, 4, 5)]
    sizes = 1 + rng.poisson(4, size=n_baskets)
    baskets = []
    with open(path, "w") as f:
        f.write("order_id,product_id\n")
        for b in range(n_baskets):
            items = set(rng.choice(n_items, size=sizes[b], p=weights).tolist())
            for bundle in bundles:
                if rng.random() < 0.02:
                    items.update(bundle.tolist())
            baskets.append(sorted(items))
            for i in baskets[-1]:
                f.write(f"{b},{i}\n")
    return baskets


def build():
    return driver("models-bench")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--support", type=float, default=0.005)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--skip-mlxtend", action="store_true")
    ap.add_argument("--json", help="also write the rows for bench/run to this file")
    args = ap.parse_args()
    path = "/tmp/shopmine_rules_bench_baskets.csv"
    baskets = generate(path)
    binary = os.environ.get("SHOPMINE_MODELS_BENCH") or build()

    import fim
    times = {"shopmine": [], "pyfim": [], "mlxtend": []}
    counts = {}
    peaks = {"shopmine": 0.0, "pyfim": 0.0, "mlxtend": 0.0}
    for _ in range(args.reps):
        out, peak = run_child([binary, "fpgrowth", path, str(args.support), "1"])
        out = out.split()
        peaks["shopmine"] = max(peaks["shopmine"], peak)
        times["shopmine"].append(float(out[1]))
        counts["shopmine"] = int(out[2].split("=")[1])
        # pyFIM: negative support = absolute count; the smallest count with count/n >= support.
        n = len(baskets)
        min_count = int(np.ceil(args.support * n - 1e-9))
        res, seconds, peak = measured(lambda: fim.fpgrowth(baskets, target="s", supp=-min_count, zmin=1, report="a"))
        times["pyfim"].append(seconds)
        peaks["pyfim"] = max(peaks["pyfim"], peak)
        counts["pyfim"] = len(res)
    if not args.skip_mlxtend:
        import pandas as pd
        from mlxtend.frequent_patterns import fpgrowth
        from mlxtend.preprocessing import TransactionEncoder
        te = TransactionEncoder()
        df = pd.DataFrame(te.fit(baskets).transform(baskets), columns=te.columns_)
        res, seconds, peaks["mlxtend"] = measured(lambda: fpgrowth(df, min_support=args.support))
        times["mlxtend"].append(seconds)
        counts["mlxtend"] = len(res)
    sm = statistics.median(times["shopmine"])
    print(f"FP-growth, {len(baskets)} baskets, support {args.support}")
    print(f"{'engine':10} {'median s':>10} {'itemsets':>9} {'ShopMine/x':>11}")
    for k, v in times.items():
        if v:
            med = statistics.median(v)
            print(f"{k:10} {med:10.3f} {counts[k]:9d} {sm / med:11.3f}")
    work = f"FP-growth {len(baskets):,} baskets, support {args.support}"
    same = "same itemset count" if len(set(counts.values())) == 1 else f"itemsets {counts}"
    rows = [row(work, sm, "pyFIM", statistics.median(times["pyfim"]), "≤ 1.5× pyFIM", peaks["shopmine"],
                peaks["pyfim"], f"{counts['shopmine']:,} itemsets; {same}")]
    if times["mlxtend"]:
        ratio = sm / statistics.median(times["mlxtend"])
        rows.append(row(work, sm, "mlxtend", statistics.median(times["mlxtend"]), "≥ 20× faster (≤ 0.05×)",
                        peaks["shopmine"], peaks["mlxtend"], f"{1 / ratio:.0f}× faster; mlxtend timed once"))
    write_rows(args.json, rows)


if __name__ == "__main__":
    sys.exit(main())
