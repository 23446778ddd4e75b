#!/usr/bin/env python3
"""ShopMine's plot and headless-notebook rows of bench/run (issue 10), side by side in one run.

    $(bash scripts/venv.sh)/bin/python bench/headless_bench.py --shopmine .build/release/shopmine [--reps 3]

- plot: a scatter of 1 M points (binned into a density grid, as the plot verb does past 10,000 points),
  timed by the language's own `time` statement inside `shopmine run`, so loading the CSV is not counted.
  There is no anchor; the goal is an absolute < 0.5 s.
- headless: notebooks/02-kmeans-users.ipynb executed by `shopmine execute` (one process, in-process
  session) against nbclient driving ShopMine's kernel over ZeroMQ, the way papermill and nbconvert run it.
  Both are timed from process start to the saved notebook; runs alternate.
A benchmark, never a test: nothing fails on a ratio.
"""
import argparse
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

from common import row, run_child, write_rows

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "02-kmeans-users.ipynb"

NBCLIENT = """
import sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, kernel_name="shopmine", timeout=600, resources={"metadata": {"path": sys.argv[2]}}).execute()
nbformat.write(nb, sys.argv[3])
"""


def plot_seconds(shopmine, work, reps):
    rng = np.random.default_rng(7)
    points = rng.normal(size=(1_000_000, 2))
    csv = work / "points.csv"
    np.savetxt(csv, points, delimiter=",", header="a,b", comments="", fmt="%.6f")
    script = work / "plot.mine"
    script.write_text(f'pts = load "{csv}"\n' + "time plot scatter pts x a y b\n" * reps)
    out, peak = run_child([shopmine, "run", str(script), "--output", str(work / "plots")])
    times = [float(m) / 1000 for m in re.findall(r"^time: ([0-9.]+) ms$", out, flags=re.M)]
    times += [float(m) for m in re.findall(r"^time: ([0-9.]+) s$", out, flags=re.M)]
    assert len(times) == reps, out
    svg = (work / "plots" / "plot-001.svg").read_text()
    return statistics.median(times), peak, f"SVG {len(svg) / 1000:.0f} kB; median of {reps}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shopmine", default=str(ROOT / ".build" / "release" / "shopmine"))
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--json", help="also write the rows for bench/run to this file")
    args = ap.parse_args()
    work = pathlib.Path(tempfile.mkdtemp(prefix="shopmine-headless-bench-"))
    try:
        plot_s, plot_mb, plot_note = plot_seconds(args.shopmine, work, args.reps)
        # Install the kernelspec into a private prefix for nbclient.
        subprocess.run([args.shopmine, "install", "--prefix", str(work)], check=True, capture_output=True)
        env = dict(os.environ, JUPYTER_PATH=str(work / "share" / "jupyter"),
                   JUPYTER_DATA_DIR=str(work / "share" / "jupyter"))
        # Both runners work on a copy of the notebooks folder, so the checkout is never written.
        books = work / "notebooks"
        shutil.copytree(ROOT / "notebooks", books, ignore=shutil.ignore_patterns("out"))
        source = books / NOTEBOOK.name
        ours, theirs, ours_mb, theirs_mb = [], [], 0.0, 0.0
        for _ in range(args.reps):
            start = time.perf_counter()
            _, peak = run_child([args.shopmine, "execute", str(source), "--output", str(work / "a.ipynb"),
                                 "--no-progress"], env=env)
            ours.append(time.perf_counter() - start)
            ours_mb = max(ours_mb, peak)
            start = time.perf_counter()
            _, peak = run_child([sys.executable, "-c", NBCLIENT, str(source), str(books), str(work / "b.ipynb")],
                                env=env)
            theirs.append(time.perf_counter() - start)
            theirs_mb = max(theirs_mb, peak)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"plot scatter 1 M points: {plot_s:.3f} s ({plot_note})")
    print(f"headless {NOTEBOOK.name}: shopmine execute {a:.2f} s, nbclient {b:.2f} s, ratio {a / b:.2f} "
          f"(median of {args.reps})")
    write_rows(args.json, [
        row("plot scatter of 1 M points (binned SVG)", plot_s, "—", None, "< 0.5 s", plot_mb, None, plot_note),
        # nbclient's peak is its Python process; the kernel it starts is a separate process not counted.
        row(f"headless execution of notebooks/{NOTEBOOK.name}", a, "nbclient + ShopMine kernel", b, "≤ 0.3×",
            ours_mb, theirs_mb, f"median of {args.reps}; nbclient's peak excludes its kernel process"),
    ])


if __name__ == "__main__":
    main()
