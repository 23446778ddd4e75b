#!/usr/bin/env python3
"""Window functions (issue 24), ShopMine against pandas and polars side by side in one run.

    $(bash scripts/venv.sh)/bin/python bench/windows_bench.py --shopmine .build/release/shopmine [--reps 3] [--quick]

The workload is an order log of 10 M rows in time order: `g` a customer id (100,000 customers, rows of
customers interleaved), `t` the order time (strictly increasing), `x` an amount. Two window functions:

- `rolling_mean(x, 7)` over the whole table (pandas `x.rolling(7).mean()`, polars `rolling_mean(7)`);
- `row_number() over (by g order t)` (pandas `groupby("g")["t"].rank(method="first")`, polars
  `col("t").rank("ordinal").over("g")`).

ShopMine runs in one `shopmine run` process that reads the Parquet file once and times each statement with the
language's `time` (loading is not counted); pandas and polars time the same expressions on the frame in
memory. Runs alternate (ShopMine, pandas, polars) and medians are reported; the results are checked to agree.
A benchmark, never a test: nothing fails on a ratio.
"""
import argparse
import pathlib
import re
import shutil
import statistics
import tempfile
import time

import numpy as np
import pandas as pd
import polars as pl

from common import row, run_child, write_rows

ROOT = pathlib.Path(__file__).resolve().parent.parent


def seconds(text):
    """The `time:` lines of a `shopmine run` output, in seconds."""
    out = []
    scale = {"s": 1, "ms": 1e-3, "µs": 1e-6}
    for value, unit in re.findall(r"^time: ([0-9.]+) (s|ms|µs)$", text, flags=re.M):
        out.append(float(value) * scale[unit])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shopmine", default=str(ROOT / ".build" / "release" / "shopmine"))
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--quick", action="store_true", help="a tenth of the rows")
    ap.add_argument("--json", help="also write the rows for bench/run to this file")
    args = ap.parse_args()
    n = args.rows // 10 if args.quick else args.rows
    rng = np.random.default_rng(24)
    frame = pd.DataFrame({
        "g": rng.integers(1, 100_001, size=n),
        "t": pd.to_datetime("2024-01-01") + pd.to_timedelta(np.arange(n) * 3, unit="s"),
        "x": rng.gamma(2.0, 30.0, size=n).round(2),
    })
    work = pathlib.Path(tempfile.mkdtemp(prefix="shopmine-windows-bench-"))
    try:
        data = work / "orders.parquet"
        frame.to_parquet(data, index=False)
        script = work / "windows.mine"
        lines = [f'd = load "{data}" | select g, t, x']
        for _ in range(args.reps):
            lines.append("time r = d | derive m = rolling_mean(x, 7)")
            lines.append("time r = d | derive k = row_number() over (by g order t)")
        # Agreement: a checksum of each result, computed outside the timed statements.
        lines.append("a = d | derive m = rolling_mean(x, 7) | group aggregate s = sum(m)")
        lines.append("b = d | derive k = row_number() over (by g order t) | derive w = k * g | group aggregate s = sum(w)")
        lines.append(f'save a to "{work / "a.csv"}"')
        lines.append(f'save b to "{work / "b.csv"}"')
        script.write_text("\n".join(lines) + "\n")

        ours_rolling, ours_rank, pandas_rolling, pandas_rank, polars_rolling, polars_rank = [], [], [], [], [], []
        polars_frame = pl.from_pandas(frame)
        out, ours_mb = run_child([args.shopmine, "run", str(script)])
        times = seconds(out)
        assert len(times) == 2 * args.reps, out
        ours_rolling, ours_rank = times[0::2], times[1::2]
        for _ in range(args.reps):
            start = time.perf_counter()
            p_roll = frame.x.rolling(7).mean()
            pandas_rolling.append(time.perf_counter() - start)
            start = time.perf_counter()
            p_rank = frame.groupby("g")["t"].rank(method="first")
            pandas_rank.append(time.perf_counter() - start)
            start = time.perf_counter()
            q_roll = polars_frame.with_columns(m=pl.col("x").rolling_mean(7))
            polars_rolling.append(time.perf_counter() - start)
            start = time.perf_counter()
            q_rank = polars_frame.with_columns(k=pl.col("t").rank("ordinal").over("g"))
            polars_rank.append(time.perf_counter() - start)
        ours_sum = float(pd.read_csv(work / "a.csv").s[0])
        ours_rank_sum = float(pd.read_csv(work / "b.csv").s[0])
        pandas_sum = float(p_roll.sum())
        pandas_rank_sum = float((p_rank * frame.g).sum())
        polars_sum = float(q_roll["m"].sum())
        polars_rank_sum = float((q_rank["k"].cast(pl.Float64) * q_rank["g"]).sum())
        assert abs(ours_sum - pandas_sum) <= 1e-9 * abs(pandas_sum), (ours_sum, pandas_sum)
        assert abs(polars_sum - pandas_sum) <= 1e-9 * abs(pandas_sum), (polars_sum, pandas_sum)
        assert ours_rank_sum == pandas_rank_sum == polars_rank_sum, (ours_rank_sum, pandas_rank_sum, polars_rank_sum)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    med = statistics.median
    a, b, c = med(ours_rolling), med(pandas_rolling), med(polars_rolling)
    d, e, f = med(ours_rank), med(pandas_rank), med(polars_rank)
    rows_text = f"{n / 1e6:g} M"
    print(f"rolling_mean(x, 7), {rows_text} rows: shopmine {a:.3f} s, pandas {b:.3f} s ({a / b:.2f}×), "
          f"polars {c:.3f} s ({a / c:.2f}×)")
    print(f"row_number() over (by g order t), {rows_text} rows: shopmine {d:.3f} s, pandas {e:.3f} s "
          f"({d / e:.2f}×), polars {f:.3f} s ({d / f:.2f}×)")
    note = f"median of {args.reps}; checksums agree; polars {{}} s ({{:.2f}}×)"
    write_rows(args.json, [
        row(f"rolling_mean(x, 7) over {rows_text} rows", a, "pandas rolling(7).mean()", b,
            "< 1× pandas, ≤ 1.5× polars", ours_mb, None, note.format(f"{c:.3f}", a / c)),
        row(f"row_number() over (by g order t), {rows_text} rows, 100 k partitions", d,
            'pandas groupby.rank("first")', e, "< 1× pandas, ≤ 1.5× polars", ours_mb, None,
            note.format(f"{f:.3f}", d / f)),
    ])


if __name__ == "__main__":
    main()
