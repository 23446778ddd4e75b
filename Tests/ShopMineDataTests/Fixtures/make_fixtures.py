"""Reference statistics from pandas for ShopMineDataTests/StatisticsTests.

Run with the project's venv: $(bash scripts/venv.sh)/bin/python make_fixtures.py
Writes stats_input.csv (deterministic data with missing values) and stats_expected.json.
"""
import json
import numpy as np
import pandas as pd

rng = np.random.default_rng(20240305)
n = 400
df = pd.DataFrame({
    "group": rng.choice(["north", "south", "east", "west", "mid"], size=n),
    "price": np.round(rng.lognormal(3.0, 0.8, size=n), 2),
    "qty": rng.integers(1, 9, size=n),
    "score": np.round(rng.normal(50, 12, size=n), 3),
})
df.loc[rng.choice(n, 25, replace=False), "price"] = np.nan
df.loc[rng.choice(n, 10, replace=False), "score"] = np.nan
df.to_csv("stats_input.csv", index=False)

back = pd.read_csv("stats_input.csv")
num = ["price", "qty", "score"]
desc = back[num].describe()
expected = {"describe": {c: {k: float(desc.loc[k, c]) for k in ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]} for c in num}}
g = back.groupby("group")
expected["groups"] = sorted(back["group"].unique().tolist())
expected["groupby"] = {
    "sum_price": g["price"].sum().tolist(),
    "mean_price": g["price"].mean().tolist(),
    "median_score": g["score"].median().tolist(),
    "std_score": g["score"].std().tolist(),
    "var_price": g["price"].var().tolist(),
    "q30_price": g["price"].quantile(0.3).tolist(),
    "nunique_qty": [int(x) for x in g["qty"].nunique().tolist()],
    "first_price": g["price"].first().tolist(),
    "last_score": g["score"].last().tolist(),
    "sum_qty": [int(x) for x in g["qty"].sum().tolist()],
    "count_price": [int(x) for x in g["price"].count().tolist()],
}
corr = back[num].corr()
expected["corr"] = [[float(corr.loc[a, b]) for b in num] for a in num]
expected["cut_price_5"] = [None if pd.isna(x) else int(x) for x in pd.cut(back["price"], 5, labels=False)]
expected["qcut_score_4"] = [None if pd.isna(x) else int(x) for x in pd.qcut(back["score"], 4, labels=False)]
s = back["score"]
expected["zscore_score"] = [None if pd.isna(x) else float(x) for x in ((s - s.mean()) / s.std(ddof=0))]
expected["fill_median_price"] = float(back["price"].median())
with open("stats_expected.json", "w") as f:
    json.dump(expected, f, indent=1)
