#!/usr/bin/env python3
"""Cross-checks the planted structure of ShopMine's synthetic tables with the reference libraries
(scikit-learn, mlxtend, numpy) and records the results in synthetic_checks.json.

The Swift test ReferenceCheckTests re-generates every table listed here, checks that the fingerprint of
its CSV file still equals the one recorded (so the recorded results describe the current generator) and
asserts the thresholds on the recorded numbers. Re-run this script whenever the generator's output changes:

    # from the package root, after bash scripts/build.sh:
    $(bash scripts/venv.sh)/bin/python Tests/ShopMineSyntheticTests/Fixtures/make_fixtures.py

The tables are exported by the shopmine binary itself (`save (generate KIND N seed S) to "…csv"`; the
binary is $SHOPMINE_BIN or .build/release/shopmine) into a temporary folder.
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
from mlxtend.frequent_patterns import association_rules, fpgrowth
from sklearn.cluster import KMeans
from sklearn.ensemble import IsolationForest
from sklearn.metrics import adjusted_rand_score, average_precision_score

FEATURES = ["browse_time", "purchase_freq", "spend", "review_count", "rating"]
ELASTICITY = {"books": -1.8, "electronics": -2.5, "clothing": -1.5, "home": -1.3,
              "beauty": -1.2, "sports": -2.0, "toys": -1.6, "food": -0.7}
BUNDLES = [{11, 12, 13}, {27, 28}, {42, 43}, {64, 65}, {88, 89, 90}, {120, 121}]


def fingerprint(path):
    """64-bit FNV-1a of the file's bytes, as TableDump.fileFingerprint computes it."""
    h = 0xCBF29CE484222325
    with open(path, "rb") as f:
        for byte in f.read():
            h ^= byte
            h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return format(h, "x")


def users_check(path):
    u = pd.read_csv(path)
    x = u[FEATURES].to_numpy(float)
    z = (x - x.mean(0)) / x.std(0)  # population std, as `normalize zscore`
    labels = KMeans(n_clusters=3, n_init=10, random_state=0).fit_predict(z)
    return {"ari": adjusted_rand_score(u["segment"], labels), "churn_rate": float(u["churned"].mean())}


def orders_check(path, rules):
    o = pd.read_csv(path)
    out = {}
    forest = IsolationForest(n_estimators=100, max_samples=256, contamination=0.01, random_state=1)
    scores = -forest.fit(o[["price", "quantity"]]).score_samples(o[["price", "quantity"]])
    out["isolation_forest_ap"] = float(average_precision_score(o["is_anomaly"], scores))
    out["elasticity"] = {}
    for category, group in o.groupby("category"):
        a = np.vstack([np.ones(len(group)), np.log(group["price"])]).T
        coef = np.linalg.lstsq(a, np.log(group["quantity"]), rcond=None)[0]
        out["elasticity"][category] = float(coef[1])
    if rules:
        baskets = o.groupby("order_id")["product_id"].apply(lambda s: sorted(set(s)))
        items = sorted(o["product_id"].unique())
        onehot = pd.DataFrame([[i in set(b) for i in items] for b in baskets], columns=items)
        frequent = fpgrowth(onehot, min_support=0.01, use_colnames=True)
        table = association_rules(frequent, metric="confidence", min_threshold=0.3)
        table = table.sort_values("lift", ascending=False)
        in_bundle = [any(set(a) | set(c) <= b for b in BUNDLES)
                     for a, c in zip(table["antecedents"], table["consequents"])]
        out["rules"] = len(table)
        out["rules_within_bundles"] = int(sum(in_bundle))
        out["min_bundle_rule_lift"] = float(table["lift"][in_bundle].min())
        out["max_other_rule_lift"] = float(table["lift"][[not b for b in in_bundle]].max()) if not all(in_bundle) else 0.0
    return out


SPECS = [("users", 100, 42), ("users", 2000, 42), ("users", 2000, 9), ("users", 100, 7),
         ("orders", 20000, 3), ("orders", 50000, 9)]


def export(folder):
    """Writes every table of SPECS as the shopmine binary's `save` writes it."""
    here = os.path.dirname(os.path.abspath(__file__))
    binary = os.environ.get("SHOPMINE_BIN") or os.path.join(here, "../../../.build/release/shopmine")
    script = os.path.join(folder, "export.mine")
    with open(script, "w") as f:
        for kind, n, seed in SPECS:
            f.write(f'save (generate {kind} {n} seed {seed}) to "{kind}_{n}_{seed}.csv"\n')
    subprocess.run([binary, "run", script], cwd=folder, check=True, stdout=subprocess.DEVNULL)


def main(folder):
    export(folder)
    result = {"tables": []}
    for kind, n, seed in SPECS:
        path = os.path.join(folder, f"{kind}_{n}_{seed}.csv")
        entry = {"kind": kind, "count": n, "seed": seed, "fingerprint": fingerprint(path)}
        if kind == "users":
            entry.update(users_check(path))
        else:
            entry.update(orders_check(path, rules=(n == 20000)))
        result["tables"].append(entry)
        print(kind, n, seed, {k: v for k, v in entry.items() if k not in ("kind", "count", "seed")})
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "synthetic_checks.json"), "w") as f:
        json.dump(result, f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        main(tmp)
