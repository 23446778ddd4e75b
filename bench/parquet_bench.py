#!/usr/bin/env python3
"""Parquet read and write: ShopMine's own reader and writer next to pyarrow and polars, in one run.

The workload is csv_bench.py's 1,000,000 × 8 order lines, written once as Parquet by pyarrow (its defaults:
snappy, dictionary, one row group). Each repetition times, in fresh processes alternated so all see the same
machine state: reading every column, reading two columns (`user_id`, `price`: only their chunks are read), and
writing the table (ShopMine: pyarrow's defaults; the table is read from CSV first, outside the timing). Prints
medians and peak memory. A benchmark, not a test: it never fails on a ratio.

    python bench/parquet_bench.py [--rows 1000000] [--reps 5] [--work DIR] [--cli PATH]

`--cli` names a csvbench built elsewhere (`swift build -c release --package-path bench/Drivers --product
csvbench --scratch-path DIR`); by default bench/Drivers is built.
"""
import argparse
import os
import subprocess
import sys
import textwrap

from common import driver, medians, row, run_json as run, write_rows

HERE = os.path.dirname(os.path.abspath(__file__))

PYTHON = textwrap.dedent(
    """
    import json, resource, sys, time
    lib, mode, path = sys.argv[1], sys.argv[2], sys.argv[3]
    cols = sys.argv[4].split(",") if mode == "read2" else None
    if lib == "pyarrow":
        import pyarrow.parquet as pq, pyarrow.csv as pc
        if mode == "write":
            table = pc.read_csv(path)
            c0 = time.process_time(); t0 = time.perf_counter(); pq.write_table(table, sys.argv[4])
            rows = table.num_rows
        else:
            c0 = time.process_time(); t0 = time.perf_counter(); rows = pq.read_table(path, columns=cols).num_rows
    else:
        import polars as pl
        if mode == "write":
            frame = pl.read_csv(path)
            c0 = time.process_time(); t0 = time.perf_counter(); frame.write_parquet(sys.argv[4])
            rows = frame.height
        else:
            c0 = time.process_time(); t0 = time.perf_counter(); rows = pl.read_parquet(path, columns=cols).height
    secs = time.perf_counter() - t0
    print(json.dumps({"seconds": secs, "cpu_seconds": time.process_time() - c0, "rows": rows,
                      "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
    """
)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--work", default="/tmp/shopmine-bench")
    ap.add_argument("--json", help="also write the rows for bench/run to this file")
    ap.add_argument("--cli", default=None, help="the csvbench binary to time (default: build bench/Drivers)")
    args = ap.parse_args()
    if args.cli is None:
        args.cli = driver("csvbench")
    os.makedirs(args.work, exist_ok=True)
    out = subprocess.run(
        [sys.executable, os.path.join(HERE, "csv_bench.py"), "--generate-only", "--rows", str(args.rows),
         "--work", args.work], check=True, capture_output=True, text=True).stdout.split()
    csv = out[-2]
    parquet = os.path.join(args.work, f"orders_{args.rows}.parquet")
    if not os.path.exists(parquet):
        subprocess.run([sys.executable, "-c", "import sys, pyarrow.csv as c, pyarrow.parquet as q; "
                        "q.write_table(c.read_csv(sys.argv[1]), sys.argv[2])", csv, parquet], check=True)
    print(f"orders: {parquet} ({os.path.getsize(parquet) / 1e6:.1f} MB), cores: {os.cpu_count()}, reps: {args.reps}")
    written = os.path.join(args.work, "written.parquet")
    works = {
        "read": (f"Parquet read {args.rows / 1e6:g} M × 8 order lines", ["parquet-read", parquet], ["read", parquet]),
        "read2": (f"Parquet read 2 of 8 columns, {args.rows / 1e6:g} M rows",
                  ["parquet-read", parquet, "user_id,price"], ["read2", parquet, "user_id,price"]),
        "write": (f"Parquet write {args.rows / 1e6:g} M × 8 order lines", ["parquet-write", csv, written],
                  ["write", csv, written]),
    }
    print(f"{'work':<7} {'SM s':>7} {'pyarrow s':>10} {'polars s':>9} {'SM/pa':>6} {'SM/pl':>6} "
          f"{'SM MB':>7} {'pa MB':>7} {'pl MB':>7}")
    rows = []
    for mode, (title, sm_args, py_args) in works.items():
        sm, pa, pl = [], [], []
        for _ in range(args.reps):
            sm.append(run([args.cli] + sm_args))
            pa.append(run([sys.executable, "-c", PYTHON, "pyarrow"] + py_args))
            pl.append(run([sys.executable, "-c", PYTHON, "polars"] + py_args))
        assert sm[0]["rows"] == pa[0]["rows"] == pl[0]["rows"], (mode, sm[0], pa[0], pl[0])
        med = [medians(x)[0] for x in (sm, pa, pl)]
        mem = [medians(x)[2] for x in (sm, pa, pl)]
        print(f"{mode:<7} {med[0]:>7.3f} {med[1]:>10.3f} {med[2]:>9.3f} {med[0] / med[1]:>6.2f} "
              f"{med[0] / med[2]:>6.2f} {mem[0]:>7.1f} {mem[1]:>7.1f} {mem[2]:>7.1f}")
        rows.append(row(title, med[0], "pyarrow.parquet", med[1], "", mem[0], mem[1],
                        f"{sm[0]['rows']:,} rows on all; polars {med[2]:.3f} s"))
    write_rows(args.json, rows)


if __name__ == "__main__":
    main()
