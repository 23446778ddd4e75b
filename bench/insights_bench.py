"""Side-by-side benchmark: ShopMineInsights vs pandas (RFM) and scikit-learn (isolation forest), 1 M rows.

Usage:  $(bash scripts/venv.sh)/bin/python bench/insights_bench.py [--rows 1000000] [--repeat 3]
Builds bench/InsightsBench in release mode (unless --bin points at a built insights-bench), writes the
same data for both sides as raw column files, times only the computation (best of --repeat) and prints a
table with the ratio Swift time / Python time (below 1 means ShopMine is faster).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd
from sklearn.ensemble import IsolationForest
from sklearn.metrics import average_precision_score

from common import driver

HERE = os.path.dirname(os.path.abspath(__file__))
DAY = 86_400_000_000

SEG_MAP = {
    r"[1-2][1-2]": "hibernating", r"[1-2][3-4]": "at risk", r"[1-2]5": "can't lose",
    r"3[1-2]": "about to sleep", r"33": "need attention", r"[3-4][4-5]": "loyal customers",
    r"41": "promising", r"51": "new customers", r"[4-5][2-3]": "potential loyalists",
    r"5[4-5]": "champions",
}


def build():
    return driver("insights-bench")


def best(fn, repeat):
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def write_orders(d, rows, rng):
    users = rows // 10
    order_count = rows // 3
    order_user = rng.integers(1, users + 1, size=order_count)
    order_ts = 1_700_000_000 * 1_000_000 + rng.integers(0, 365 * DAY, size=order_count)
    line_order = np.sort(rng.integers(0, order_count, size=rows))
    cols = {
        "user_id": order_user[line_order].astype(np.int64),
        "order_id": (line_order + 1).astype(np.int64),
        "ts": order_ts[line_order].astype(np.int64),
        "price": np.round(rng.lognormal(3, 0.8, size=rows), 2),
        "quantity": rng.integers(1, 6, size=rows).astype(np.int64),
    }
    for name, a in cols.items():
        a.tofile(os.path.join(d, name + (".f64" if a.dtype == np.float64 else ".i64")))
    return pd.DataFrame(cols)


def pandas_rfm(df):
    df = df.assign(value=df.price * df.quantity, day=df.ts // DAY)
    today = df.day.max() + 1
    rfm = df.groupby("user_id").agg(last=("day", "max"), frequency=("order_id", "nunique"),
                                    monetary=("value", "sum"))
    rfm["recency"] = today - rfm["last"]
    r = pd.qcut(rfm.recency, 5, labels=[5, 4, 3, 2, 1])
    f = pd.qcut(rfm.frequency.rank(method="first"), 5, labels=[1, 2, 3, 4, 5])
    rfm["m"] = pd.qcut(rfm.monetary, 5, labels=[1, 2, 3, 4, 5])
    rfm["segment"] = (r.astype(str) + f.astype(str)).replace(SEG_MAP, regex=True)
    return rfm


def write_anomalies(d, rows, rng):
    x = rng.normal(0, 1, size=(rows, 2))
    k = rows // 200
    idx = rng.choice(rows, size=k, replace=False)
    x[idx] = rng.uniform(-8, 8, size=(k, 2))
    x[idx[: k // 2], 0] = np.where(x[idx[: k // 2], 0] > 0, 6.0, -6.0)
    truth = np.zeros(rows, dtype=np.uint8)
    truth[idx] = 1
    np.ascontiguousarray(x[:, 0]).tofile(os.path.join(d, "a.f64"))
    np.ascontiguousarray(x[:, 1]).tofile(os.path.join(d, "b.f64"))
    truth.tofile(os.path.join(d, "is_anomaly.u8"))
    return x, truth


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--bin", default=os.environ.get("INSIGHTS_BENCH_BIN"))
    args = ap.parse_args()
    binary = args.bin or build()
    rng = np.random.default_rng(2024)
    results = []
    with tempfile.TemporaryDirectory() as d:
        df = write_orders(d, args.rows, rng)
        py_t, rfm = best(lambda: pandas_rfm(df), args.repeat)
        sw = json.loads(subprocess.run([binary, "rfm", d, str(args.repeat)], check=True,
                                       capture_output=True, text=True).stdout)
        same = sw["segments"] == {k: int(v) for k, v in rfm.segment.value_counts().items()}
        results.append(("rfm", args.rows, sw["seconds"], py_t, f"segment counts equal: {same}"))

        x, truth = write_anomalies(d, args.rows, rng)

        def sk():
            forest = IsolationForest(n_estimators=100, max_samples=256, random_state=0).fit(x)
            return forest.score_samples(x)
        py_t, scores = best(sk, args.repeat)
        sk_ap = average_precision_score(truth, -scores)
        sw = json.loads(subprocess.run([binary, "iforest", d, str(args.repeat)], check=True,
                                       capture_output=True, text=True).stdout)
        results.append(("isolation forest (fit + score)", args.rows, sw["seconds"], py_t,
                        f"AP shopmine {sw['average_precision']:.3f} vs sklearn {sk_ap:.3f}"))

    print(f"{'benchmark':32} {'rows':>9} {'shopmine s':>11} {'python s':>9} {'ratio':>6}  check")
    for name, n, s, p, note in results:
        print(f"{name:32} {n:>9} {s:>11.3f} {p:>9.3f} {s / p:>6.2f}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
