#!/usr/bin/env python3
"""bench/run's driver: every benchmark (issues 10 and 23) side by side with its anchor, then one table.

    bench/run [--quick] [--reps N] [--only TEXT] [--no-curves] [--out DIR]

Runs each benchmark script (they alternate ShopMine and the anchor within one run, several repetitions,
medians) with --json, gathers their rows and prints one Markdown table: work, ShopMine, anchor, ratio, goal,
peak memory of both and what was checked. Then the scaling curves (CSV load 0.1 M → 10 M rows, k-means
10 k → 10 M points, FP-growth support 0.02 → 0.002), drawn with ShopMine's own `plot line … log xy`.
Results go to --out (default bench/out): table.md, results.json, curves.csv and the curve SVGs.
A benchmark, never a test: nothing fails on a ratio.
"""
import argparse
import csv
import datetime
import json
import os
import pathlib
import platform
import subprocess
import sys
import tempfile
import time

from common import driver, measured, run_child

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent


def script_rows(name, args, out):
    """Runs bench/NAME with --json and returns its rows."""
    path = out / f"{name}.json"
    cmd = [sys.executable, str(HERE / name)] + args + ["--json", str(path)]
    print(f"== {' '.join(cmd[1:])}", flush=True)
    started = time.perf_counter()
    subprocess.run(cmd, check=True)
    print(f"   ({time.perf_counter() - started:.0f} s)", flush=True)
    return json.loads(path.read_text())


def seconds(value):
    if value is None:
        return "—"
    return f"{value * 1000:.2f} ms" if value < 0.1 else f"{value:.3f} s"


def megabytes(value):
    return "—" if value is None else f"{value:,.0f} MB"


def table(rows):
    lines = ["| work | ShopMine | anchor | ratio | goal | peak memory ShopMine / anchor | checked |",
             "|---|---:|---|---:|---|---|---|"]
    for r in rows:
        anchor = r["anchor"] if r["anchor_s"] is None else f"{r['anchor']} {seconds(r['anchor_s'])}"
        ratio = "—" if r["ratio"] is None else f"{r['ratio']:.2f}×"
        memory = f"{megabytes(r['shopmine_mb'])} / {megabytes(r['anchor_mb'])}"
        lines.append(f"| {r['work']} | {seconds(r['shopmine_s'])} | {anchor} | {ratio} | {r['goal']} | {memory} | "
                     f"{r['agreement']} |")
    return "\n".join(lines)


def curves(shopmine, quick, out):
    """Scaling curves; returns rows of (curve, series, x, seconds)."""
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.datasets import make_blobs

    points = []
    scale = 10 if quick else 1
    with tempfile.TemporaryDirectory(prefix="shopmine-curves-") as tmp:
        tmp = pathlib.Path(tmp)
        # CSV load: ShopMine's reader and pandas.read_csv, each in a fresh process, on the same files.
        csvbench = driver("csvbench")
        for rows in [100_000, 300_000, 1_000_000, 3_000_000, 10_000_000]:
            rows //= scale
            generated = subprocess.run(
                [sys.executable, str(HERE / "csv_bench.py"), "--generate-only", "--rows", str(rows), "--work",
                 str(tmp)], check=True, capture_output=True, text=True).stdout.split()
            orders = generated[-2]
            ours = json.loads(run_child([csvbench, "load", orders])[0].strip().splitlines()[-1])
            theirs = json.loads(subprocess.run(
                [sys.executable, "-c", "import sys, time, pandas as pd\nt = time.perf_counter(); "
                 "pd.read_csv(sys.argv[1]); print(time.perf_counter() - t)", orders],
                check=True, capture_output=True, text=True).stdout)
            points += [("csv", "ShopMine", rows, ours["seconds"]), ("csv", "pandas", rows, theirs)]
            os.remove(orders)
            print(f"   csv {rows:,} rows: {ours['seconds']:.3f} s vs pandas {theirs:.3f} s", flush=True)
        # k-means, init first, 20 Lloyd iterations (tol 0), k 8, d 8.
        learning = driver("learning-bench")
        for n in [10_000, 100_000, 1_000_000, 10_000_000]:
            n //= scale
            x, _ = make_blobs(n_samples=n, n_features=8, centers=8, cluster_std=2.0, random_state=0)
            path = tmp / "x.f64"
            np.ascontiguousarray(x).tofile(path)
            ours = json.loads(run_child([learning, "kmeans", str(path), str(n), "8", "--k", "8", "--iterations",
                                         "20", "--tol", "0"])[0])
            _, theirs, _ = measured(lambda: KMeans(n_clusters=8, init=x[:8], n_init=1, max_iter=20, tol=0).fit(x))
            points += [("kmeans", "ShopMine", n, ours["seconds"]), ("kmeans", "scikit-learn", n, theirs)]
            del x
            print(f"   k-means {n:,} points: {ours['seconds']:.3f} s vs scikit-learn {theirs:.3f} s", flush=True)
        # FP-growth over the rules benchmark's 100 k baskets, support 0.02 → 0.002.
        sys.path.insert(0, str(HERE))
        import fim
        import rules_bench

        baskets = rules_bench.generate(str(tmp / "baskets.csv"), n_baskets=100_000 // scale)
        models = driver("models-bench")
        for support in [0.02, 0.01, 0.005, 0.002]:
            out_text, _ = run_child([models, "fpgrowth", str(tmp / "baskets.csv"), str(support), "3"])
            fields = out_text.split()
            ours = float(fields[1])
            min_count = int(np.ceil(support * len(baskets) - 1e-9))
            res, theirs, _ = measured(lambda: fim.fpgrowth(baskets, target="s", supp=-min_count, zmin=1, report="a"))
            points += [("fpgrowth", "ShopMine", support, ours), ("fpgrowth", "pyFIM", support, theirs)]
            print(f"   fp-growth support {support}: {ours:.3f} s vs pyFIM {theirs:.3f} s ({len(res):,} itemsets)",
                  flush=True)
    points += linear_references(points)
    draw_curves(shopmine, out, points)
    return points


def linear_references(points):
    """For the CSV and k-means curves, a "linear" series: slope 1 on log-log axes through ShopMine's point
    nearest 1 M (the size of the table's workloads), so growth faster than linear shows as a steeper curve.
    (Through the smallest point instead, k-means would look superlinear only because 10 k points fit in
    cache and 100 k do not.)"""
    lines = []
    for curve in ("csv", "kmeans"):
        ours = sorted((x, s) for c, series, x, s in points if c == curve and series == "ShopMine")
        x0, s0 = min(ours, key=lambda p: abs(p[0] - 1_000_000))
        lines += [(curve, "linear", x, s0 * x / x0) for x, _ in ours]
    return lines


def draw_curves(shopmine, out, points):
    """Writes curves.csv in `out` and draws it with ShopMine's own line charts (curve-*.svg)."""
    with open(out / "curves.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["curve", "series", "x", "seconds"])
        w.writerows(points)
    script = out / "curves.mine"
    script.write_text(
        'c = load "curves.csv"\n'
        'plot line (c | where curve == "csv" | rename x to rows) x rows y seconds color series log xy width 560 '
        'height 360 title "CSV load (8 columns): seconds against rows"\n'
        'plot line (c | where curve == "kmeans" | rename x to points) x points y seconds color series log xy '
        'width 560 height 360 title "k-means (k 8, 8 features, 20 iterations): seconds against points"\n'
        'plot line (c | where curve == "fpgrowth" | rename x to support) x support y seconds color series log xy '
        'width 560 height 360 title "FP-growth (100 k baskets): seconds against minimum support"\n')
    subprocess.run([shopmine, "run", "curves.mine", "--output", "."], check=True, cwd=out)
    for number, name in [(1, "csv"), (2, "kmeans"), (3, "fpgrowth")]:
        os.replace(out / f"plot-{number:03d}.svg", out / f"curve-{name}.svg")


def redraw(shopmine, out):
    """Re-derives the linear references of an existing curves.csv and draws it again (no timing)."""
    with open(out / "curves.csv") as f:
        rows = [(r["curve"], r["series"], float(r["x"]), float(r["seconds"])) for r in csv.DictReader(f)
                if r["series"] != "linear"]
    points = [(c, s, int(x) if x >= 1 else x, t) for c, s, x, t in rows]
    draw_curves(shopmine, out, points + linear_references(points))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shopmine", required=True, help="the release shopmine binary")
    ap.add_argument("--reps", type=int, default=3, help="repetitions of each timing (ALS: --als-reps)")
    ap.add_argument("--als-reps", type=int, default=3, help="repetitions of the ALS fit (about 20 s per pair)")
    ap.add_argument("--quick", action="store_true", help="a tenth of the sizes (not comparable; a smoke run)")
    ap.add_argument("--only", help="run only the benchmark scripts whose name contains this text")
    ap.add_argument("--no-curves", action="store_true")
    ap.add_argument("--out", default=str(HERE / "out"))
    ap.add_argument("--redraw", action="store_true", help="only redraw the curves already in --out")
    args = ap.parse_args()
    out = pathlib.Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    args.shopmine = os.path.abspath(args.shopmine)  # the curves are drawn from inside --out
    if args.redraw:
        redraw(args.shopmine, out)
        return
    reps = str(args.reps)
    quick = ["--quick"] if args.quick else []
    plan = [
        ("kernel_bench.py", ["--shopmine", args.shopmine, "--starts", "7" if not args.quick else "3",
                             "--requests", "1000" if not args.quick else "200"]),
        ("csv_bench.py", ["--reps", reps, "--work", str(out / "csv-work")]
         + (["--rows", "100000", "--users", "5000"] if args.quick else [])),
        ("learning_bench.py", ["--reps", reps] + quick),
        ("rules_bench.py", ["--reps", reps] + (["--skip-mlxtend"] if args.quick else [])),
        ("recommenders_bench.py", ["--reps", str(args.als_reps)] + (["--iterations", "2"] if args.quick else [])),
        ("headless_bench.py", ["--shopmine", args.shopmine, "--reps", reps]),
        ("generate_bench.py", ["--shopmine", args.shopmine, "--reps", reps] + quick),
        ("parquet_bench.py", ["--reps", reps, "--work", str(out / "parquet-work")]
         + (["--rows", "100000"] if args.quick else [])),
        ("pushdown_bench.py", ["--shopmine", args.shopmine, "--reps", reps]
         + (["--rows", "1000000"] if args.quick else [])),
        ("windows_bench.py", ["--shopmine", args.shopmine, "--reps", reps] + quick),
    ]
    started = time.perf_counter()
    rows = []
    for name, extra in plan:
        if args.only and args.only not in name:
            continue
        rows += script_rows(name, extra, out)
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}, "
               f"load average before the curves {os.getloadavg()[0]:.1f}")
    if not args.no_curves and not args.only:
        print("== scaling curves", flush=True)
        curves(args.shopmine, args.quick, out)
    text = table(rows)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    header = f"bench/run{' --quick' if args.quick else ''}, {stamp}, {machine}, {time.perf_counter() - started:.0f} s"
    (out / "table.md").write_text(header + "\n\n" + text + "\n")
    (out / "results.json").write_text(json.dumps(rows, indent=1))
    print("\n" + header + "\n\n" + text)


if __name__ == "__main__":
    main()
