#!/usr/bin/env python3
"""CSV load / group by / join: ShopMine's data engine next to pandas, in one run.

Generates the workloads deterministically (1,000,000 × 8 order lines, 50,000 users), then alternates
ShopMine (bench/Drivers' `csvbench`, built in release mode) and pandas in fresh
processes, several repetitions, and prints medians, ratios and peak memory (ru_maxrss of each process).
It is a benchmark, not a test: it never fails on a ratio.

    python bench/csv_bench.py [--rows 1000000] [--reps 5] [--work DIR] [--cli PATH] [--baseline-cli PATH]

`--cli` names a csvbench built elsewhere (`swift build -c release --package-path bench/CSVBench
--scratch-path DIR`); `--baseline-cli` adds a second ShopMine build (say, of the previous commit) to the
same alternation, so a before/after comparison shares one machine state.
"""
import argparse
import os
import subprocess
import sys
import textwrap

from common import driver, medians, row, run_json as run, write_rows

HERE = os.path.dirname(os.path.abspath(__file__))

PANDAS = textwrap.dedent(
    """
    import json, resource, sys, time
    import pandas as pd
    mode, path = sys.argv[1], sys.argv[2]
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if mode == "load":
        c0 = time.process_time(); t0 = time.perf_counter(); df = pd.read_csv(path); secs = time.perf_counter() - t0; rows = len(df)
    elif mode == "groupby":
        df = pd.read_csv(path)
        c0 = time.process_time(); t0 = time.perf_counter()
        g = df.groupby("user_id").agg(total=("price", "sum"), n=("price", "size"))
        secs = time.perf_counter() - t0; rows = len(g)
    else:
        df = pd.read_csv(path); users = pd.read_csv(sys.argv[3])
        c0 = time.process_time(); t0 = time.perf_counter(); j = df.merge(users, on="user_id"); secs = time.perf_counter() - t0; rows = len(j)
    cpu = time.process_time() - c0
    print(json.dumps({"mode": mode, "seconds": secs, "cpu_seconds": cpu, "rows": rows,
                      "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "base_rss_kb": base}))
    """
)


# The faster CSV readers analysts switch to (#23), timed on the load only, timestamps parsed as ShopMine
# parses them: polars with try_parse_dates, pyarrow.csv (which reads ISO-8601 columns as timestamps).
FAST_READERS = {
    "polars.read_csv": textwrap.dedent(
        """
        import json, resource, sys, time
        import polars as pl
        path = sys.argv[1]
        c0 = time.process_time(); t0 = time.perf_counter()
        df = pl.read_csv(path, try_parse_dates=True)
        secs = time.perf_counter() - t0; cpu = time.process_time() - c0
        assert str(df.schema["ts"]).startswith("Datetime"), df.schema
        print(json.dumps({"seconds": secs, "cpu_seconds": cpu, "rows": df.height,
                          "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
        """),
    "pyarrow.csv.read_csv": textwrap.dedent(
        """
        import json, resource, sys, time
        import pyarrow.csv as pacsv
        path = sys.argv[1]
        c0 = time.process_time(); t0 = time.perf_counter()
        t = pacsv.read_csv(path)
        secs = time.perf_counter() - t0; cpu = time.process_time() - c0
        assert str(t.schema.field("ts").type).startswith("timestamp"), t.schema
        print(json.dumps({"seconds": secs, "cpu_seconds": cpu, "rows": t.num_rows,
                          "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
        """),
}


def generate(work, rows, users):
    import numpy as np
    import pandas as pd

    orders_path = os.path.join(work, f"orders_{rows}.csv")
    users_path = os.path.join(work, f"users_{users}.csv")
    if not os.path.exists(orders_path):
        rng = np.random.default_rng(42)
        cats = np.array(["books", "toys", "garden", "kitchen", "sports", "beauty", "music", "games"])
        pays = np.array(["card", "paypal", "cash", "voucher"])
        ts = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 365 * 86400, rows), unit="s")
        df = pd.DataFrame({
            "order_id": np.arange(1, rows + 1) // 3 + 1,
            "user_id": rng.integers(1, users + 1, rows),
            "product_id": rng.integers(1, 5001, rows),
            "category": cats[rng.integers(0, len(cats), rows)],
            "price": np.round(rng.lognormal(3, 0.7, rows), 2),
            "quantity": rng.integers(1, 6, rows),
            "payment": pays[rng.integers(0, len(pays), rows)],
            "ts": ts.strftime("%Y-%m-%dT%H:%M:%S"),
        })
        df.to_csv(orders_path, index=False)
    if not os.path.exists(users_path):
        rng = np.random.default_rng(7)
        cities = np.array(["Shanghai", "Beijing", "Shenzhen", "Hangzhou", "Chengdu"])
        pd.DataFrame({
            "user_id": np.arange(1, users + 1),
            "age": rng.integers(18, 70, users),
            "city": cities[rng.integers(0, len(cities), users)],
            "spend": np.round(rng.gamma(2, 200, users), 2),
        }).to_csv(users_path, index=False)
    return orders_path, users_path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--users", type=int, default=50_000)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--work", default="/tmp/shopmine-bench")
    ap.add_argument("--modes", default="load,groupby,join")
    ap.add_argument("--generate-only", action="store_true")
    ap.add_argument("--json", help="also write the rows for bench/run to this file")
    ap.add_argument("--cli", default=None, help="the csvbench binary to time (default: build bench/Drivers)")
    ap.add_argument("--baseline-cli", help="a second csvbench (e.g. of the previous commit), timed alongside")
    args = ap.parse_args()
    if args.generate_only:
        os.makedirs(args.work, exist_ok=True)
        print(*generate(args.work, args.rows, args.users))
        return
    if args.cli is None:
        args.cli = driver("csvbench")
    os.makedirs(args.work, exist_ok=True)
    # Generate in a child process: a child's ru_maxrss starts from its parent's high-water mark at fork
    # time, so the parent must stay small for the peak-memory figures to mean anything.
    out = subprocess.run(
        [sys.executable, __file__, "--generate-only", "--rows", str(args.rows), "--users", str(args.users),
         "--work", args.work], check=True, capture_output=True, text=True).stdout.split()
    orders, users = out[-2], out[-1]
    print(f"orders: {orders} ({os.path.getsize(orders) / 1e6:.1f} MB), cores: {os.cpu_count()}, reps: {args.reps}")
    goals = {"load": "≤ 0.5× time, ≤ 0.7× memory", "groupby": "≤ 0.5×", "join": "≤ 0.5×"}
    print("wall = elapsed seconds of the operation; cpu = its process CPU seconds (steadier on a shared machine)")
    print(f"{'work':<8} {'SM wall':>8} {'pd wall':>8} {'ratio':>6} {'SM cpu':>7} {'pd cpu':>7} {'ratio':>6} "
          f"{'SM peak MB':>11} {'pd peak MB':>11} {'mem':>5}  goal")
    works = {"load": f"CSV load {args.rows / 1e6:g} M × 8 order lines",
             "groupby": f"group by user_id, sum and count, {args.rows / 1e6:g} M rows",
             "join": f"join {args.rows / 1e6:g} M order lines with {args.users / 1e3:g} k users"}
    anchors = {"load": "pandas.read_csv", "groupby": "pandas groupby", "join": "pandas merge"}
    rows = []
    for mode in args.modes.split(","):
        extra = [users] if mode == "join" else []
        sm, pd_, base = [], [], []
        for _ in range(args.reps):  # alternate so all see the same machine state
            sm.append(run([args.cli, mode, orders] + extra))
            pd_.append(run([sys.executable, "-c", PANDAS, mode, orders] + extra))
            if args.baseline_cli:
                base.append(run([args.baseline_cli, mode, orders] + extra))
        assert sm[0]["rows"] == pd_[0]["rows"], (mode, sm[0]["rows"], pd_[0]["rows"])
        ts, cs, ms = medians(sm)
        tp, cp, mp = medians(pd_)
        print(f"{mode:<8} {ts:>8.3f} {tp:>8.3f} {ts / tp:>6.2f} {cs:>7.3f} {cp:>7.3f} {cs / cp:>6.2f} "
              f"{ms:>11.1f} {mp:>11.1f} {ms / mp:>5.2f}  {goals[mode]}")
        rows.append(row(works[mode], ts, anchors[mode], tp, goals[mode], ms, mp,
                        f"{sm[0]['rows']:,} rows on both; CPU ratio {cs / cp:.2f}"))
        if mode == "load":
            # The same ShopMine runs against each faster reader, alternated again so each pair shares a state.
            for name, script in FAST_READERS.items():
                ours, theirs = [], []
                for _ in range(args.reps):
                    ours.append(run([args.cli, mode, orders]))
                    theirs.append(run([sys.executable, "-c", script, orders]))
                assert theirs[0]["rows"] == ours[0]["rows"], (name, theirs[0]["rows"], ours[0]["rows"])
                to, _, mo = medians(ours)
                tt, _, mt = medians(theirs)
                print(f"{'  vs':<8} {to:>8.3f} {tt:>8.3f} {to / tt:>6.2f}  {name} (timestamps parsed); "
                      f"peak MB {mo:.1f} vs {mt:.1f}")
                rows.append(row(works[mode] + ", timestamps parsed", to, name, tt, "≤ 0.8× the fastest", mo, mt,
                                f"{ours[0]['rows']:,} rows on both"))
        if base:
            assert base[0]["rows"] == sm[0]["rows"], (mode, base[0]["rows"], sm[0]["rows"])
            tb, cb, mb = medians(base)
            print(f"{'  base':<8} {tb:>8.3f} {tp:>8.3f} {tb / tp:>6.2f} {cb:>7.3f} {cp:>7.3f} {cb / cp:>6.2f} "
                  f"{mb:>11.1f} {mp:>11.1f} {mb / mp:>5.2f}  (--baseline-cli)")
    write_rows(args.json, rows)


if __name__ == "__main__":
    main()
