#!/usr/bin/env python3
"""ShopMine clustering/classification vs scikit-learn, side by side in one run (issue 5 / issue 10).

    $(bash scripts/venv.sh)/bin/python bench/learning_bench.py [--reps 3] [--quick]

Generates every workload deterministically with numpy (fixed seeds), writes it as raw float64/int32 files,
builds bench/LearningBench in release mode, then alternates ShopMine and scikit-learn runs (several
repetitions, medians) and prints one table: work, ShopMine seconds, scikit-learn seconds, ratio, goal, and
whether the results agree. Timings cover the fit only (data already in memory on both sides). A benchmark,
never a test: nothing fails on a ratio.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN, KMeans
from sklearn.datasets import make_blobs, make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.tree import DecisionTreeClassifier

from common import driver, measured, row, run_child, write_rows

HERE = os.path.dirname(os.path.abspath(__file__))


def build():
    return driver("learning-bench")


def shopmine(binary, task, x_path, n, d, y_path=None, extra=()):
    args = [binary, task, x_path, str(n), str(d)] + ([y_path] if y_path else []) + list(extra)
    out, peak_mb = run_child(args)
    result = json.loads(out)
    result["peak_mb"] = peak_mb
    return result


def workloads(quick):
    scale = 10 if quick else 1
    jobs = []

    # k-means 1M × 8, k 8, 50 iterations, init first (tol 0: exactly 50 Lloyd steps unless labels freeze).
    n = 1_000_000 // scale
    x, _ = make_blobs(n_samples=n, n_features=8, centers=8, cluster_std=2.0, random_state=0)
    jobs.append(dict(name=f"k-means {n:,} × 8, k 8, 50 it, init first", task="kmeans", x=x, y=None,
                     extra=["--k", "8", "--iterations", "50", "--tol", "0"], goal="≤ 1.0×",
                     sk=lambda x=x: KMeans(n_clusters=8, init=x[:8], n_init=1, max_iter=50, tol=0).fit(x)))

    # DBSCAN 100k 2-D: five blobs plus uniform noise.
    n = 100_000 // scale
    xb, _ = make_blobs(n_samples=n - n // 10, n_features=2, centers=5, cluster_std=1.0, center_box=(-10, 10),
                       random_state=1)
    noise = np.random.RandomState(2).uniform(-12, 12, size=(n // 10, 2))
    xd = np.vstack([xb, noise])
    jobs.append(dict(name=f"DBSCAN {n:,} × 2, eps 0.1, minpts 10", task="dbscan", x=xd, y=None,
                     extra=["--eps", "0.1", "--minpts", "10"], goal="≤ 1.0×, equal labels",
                     sk=lambda x=xd: DBSCAN(eps=0.1, min_samples=10).fit(x)))

    # Decision tree 100k × 10, depth 10.
    n = 100_000 // scale
    xt, yt = make_classification(n_samples=n, n_features=10, n_informative=6, n_classes=2, random_state=3)
    jobs.append(dict(name=f"tree {n:,} × 10, depth 10", task="tree", x=xt, y=yt, extra=["--depth", "10"],
                     goal="report", sk=lambda x=xt, y=yt: DecisionTreeClassifier(max_depth=10, random_state=0).fit(x, y)))

    # Logistic 100k × 20 (sklearn run to the same tight convergence as ShopMine).
    n = 100_000 // scale
    xl, yl = make_classification(n_samples=n, n_features=20, n_informative=10, random_state=4)
    jobs.append(dict(name=f"logistic {n:,} × 20 (converged)", task="logistic", x=xl, y=yl, extra=[],
                     goal="report",
                     sk=lambda x=xl, y=yl: LogisticRegression(C=1.0, max_iter=10_000, tol=1e-10).fit(x, y)))
    jobs.append(dict(name=f"logistic {n:,} × 20 (sklearn defaults)", task="logistic", x=xl, y=yl, extra=[],
                     goal="report", sk=lambda x=xl, y=yl: LogisticRegression(C=1.0).fit(x, y)))
    return jobs


def agreement(job, ours, theirs, tmp):
    task = job["task"]
    if task == "kmeans":
        rel = abs(ours["inertia"] - theirs.inertia_) / theirs.inertia_
        return f"inertia rel diff {rel:.1e}"
    if task == "dbscan":
        labels = np.fromfile(os.path.join(tmp, "dbscan_labels.i32"), dtype=np.int32)
        same = np.array_equal(labels, theirs.labels_)
        return f"labels {'identical' if same else 'DIFFER'} ({ours['clusters']} clusters, {ours['noise']} noise)"
    if task == "tree":
        acc = (theirs.predict(job["x"]) == job["y"]).mean()
        return f"train acc {ours['train_accuracy']:.4f} vs {acc:.4f}"
    if task == "logistic":
        diff = np.max(np.abs(np.asarray(ours["coef"]) - theirs.coef_.ravel()))
        return f"max |Δcoef| {diff:.1e}"
    return ""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes, for a smoke run")
    parser.add_argument("--only", help="run only the workloads whose name contains this text (e.g. k-means)")
    parser.add_argument("--json", help="also write the rows for bench/run to this file")
    args = parser.parse_args()
    binary = build()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for job in workloads(args.quick):
            if args.only and args.only not in job["name"]:
                continue
            x = np.ascontiguousarray(job["x"], dtype=np.float64)
            n, d = x.shape
            x_path = os.path.join(tmp, "x.f64")
            x.tofile(x_path)
            y_path = None
            if job["y"] is not None:
                y_path = os.path.join(tmp, "y.i32")
                np.asarray(job["y"], dtype=np.int32).tofile(y_path)
            extra = list(job["extra"])
            if job["task"] == "dbscan":
                extra += ["--labels-out", os.path.join(tmp, "dbscan_labels.i32")]
            ours_times, theirs_times, ours_peaks, theirs_peaks = [], [], [], []
            ours = theirs = None
            for _ in range(args.reps):
                ours = shopmine(binary, job["task"], x_path, n, d, y_path, extra)
                ours_times.append(ours["seconds"])
                ours_peaks.append(ours["peak_mb"])
                theirs, seconds, peak = measured(job["sk"])
                theirs_times.append(seconds)
                theirs_peaks.append(peak)
            a, b = statistics.median(ours_times), statistics.median(theirs_times)
            rows.append(row(job["name"], a, "scikit-learn", b, job["goal"], max(ours_peaks), max(theirs_peaks),
                            agreement(job, ours, theirs, tmp)))
            print(f"  done: {job['name']}", file=sys.stderr)
    print(f"\nscikit-learn {sklearn.__version__}, numpy {np.__version__}, {os.cpu_count()} CPUs, "
          f"median of {args.reps}")
    print(f"| work | ShopMine s | scikit-learn s | ratio | goal | agreement |")
    print(f"|---|---:|---:|---:|---|---|")
    for r in rows:
        print(f"| {r['work']} | {r['shopmine_s']:.3f} | {r['anchor_s']:.3f} | {r['ratio']:.2f}× | {r['goal']} | "
              f"{r['agreement']} |")
    write_rows(args.json, rows)


if __name__ == "__main__":
    main()
