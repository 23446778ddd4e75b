"""Reference values for ShopMineInsightsTests, computed with pandas / numpy / scipy / scikit-learn.

Run with the project venv:  $(bash scripts/venv.sh)/bin/python make_fixtures.py
Every input is generated here from fixed seeds (numpy's PCG64), written as CSV, and the expected outputs
are computed by the reference libraries from those CSV files, so the Swift tests read exactly the same
numbers.
"""
import json
import os

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.ensemble import IsolationForest
from sklearn.metrics import average_precision_score, precision_recall_curve

HERE = os.path.dirname(os.path.abspath(__file__))
DAY = 86_400_000_000


def path(name):
    return os.path.join(HERE, name)


SEG_MAP = {
    r"[1-2][1-2]": "hibernating",
    r"[1-2][3-4]": "at risk",
    r"[1-2]5": "can't lose",
    r"3[1-2]": "about to sleep",
    r"33": "need attention",
    r"[3-4][4-5]": "loyal customers",
    r"41": "promising",
    r"51": "new customers",
    r"[4-5][2-3]": "potential loyalists",
    r"5[4-5]": "champions",
}


def qcut_scores(x, labels):
    """The recipe's qcut; where pandas raises on duplicate edges, score the rank('first') instead."""
    try:
        return pd.qcut(x, 5, labels=labels), False
    except ValueError:
        return pd.qcut(x.rank(method="first"), 5, labels=labels), True


def rfm_reference(df):
    day = (df.ts // DAY)  # calendar day (UTC) as an integer, as datetime64.floor('D') would give
    today = day.max() + 1
    rfm = df.assign(day=day).groupby("user_id").agg(
        recency=("day", lambda d: today - d.max()),
        frequency=("order_id", "nunique"),
        monetary=("value", "sum"),
    )
    r, r_ranked = qcut_scores(rfm.recency, [5, 4, 3, 2, 1])
    f = pd.qcut(rfm.frequency.rank(method="first"), 5, labels=[1, 2, 3, 4, 5])
    m, m_ranked = qcut_scores(rfm.monetary, [1, 2, 3, 4, 5])
    rfm["r_score"] = r.astype(int)
    rfm["f_score"] = f.astype(int)
    rfm["m_score"] = m.astype(int)
    rf = rfm.r_score.astype(str) + rfm.f_score.astype(str)
    rfm["segment"] = rf.replace(SEG_MAP, regex=True)
    return rfm, r_ranked, m_ranked


def make_rfm():
    rng = np.random.default_rng(7)
    rows = []
    order_id = 1000
    start = 1_700_000_000 * 1_000_000  # 2023-11-14T22:13:20Z
    for user in range(1, 241):
        n_orders = int(rng.geometric(0.35))
        activity = rng.uniform(0, 1)
        for _ in range(n_orders):
            order_id += 1
            # recency days concentrate on a few values so ties (and day boundaries) matter
            t = start + int(rng.integers(0, 120) * activity * DAY) + int(rng.integers(0, DAY))
            for _ in range(int(rng.integers(1, 4))):
                price = round(float(rng.choice([4.99, 9.99, 19.5, 35.0, 120.0])), 2)
                qty = int(rng.integers(1, 5))
                rows.append((order_id, user, t, price, qty))
    # A shared order id across two users exercises distinct-pair counting.
    rows.append((1001, 2, start + 3 * DAY, 9.99, 1))
    df = pd.DataFrame(rows, columns=["order_id", "user_id", "ts", "price", "quantity"])
    df = df.sample(frac=1.0, random_state=3).reset_index(drop=True)  # row order must not matter
    df.to_csv(path("rfm_orders.csv"), index=False)

    df = pd.read_csv(path("rfm_orders.csv"))
    df["value"] = df.price * df.quantity
    rfm, r_ranked, m_ranked = rfm_reference(df)
    out = rfm.reset_index()[
        ["user_id", "recency", "frequency", "monetary", "r_score", "f_score", "m_score", "segment"]
    ]
    out.to_csv(path("rfm_expected.csv"), index=False, float_format="%.10f")
    order = list(SEG_MAP.values())
    summary = (
        rfm.groupby("segment")
        .agg(count=("recency", "size"), recency_mean=("recency", "mean"),
             frequency_mean=("frequency", "mean"), monetary_mean=("monetary", "mean"))
        .reindex([s for s in order if s in set(rfm.segment)])
    )
    summary.insert(1, "share", summary["count"] / len(rfm))
    summary.reset_index().to_csv(path("rfm_summary_expected.csv"), index=False, float_format="%.12f")
    return {"rfm_recency_ranked": bool(r_ranked), "rfm_monetary_ranked": bool(m_ranked)}


def make_elasticity():
    rng = np.random.default_rng(11)
    truth = {"books": -1.8, "electronics": -0.6, "toys": -2.5}
    rows = []
    for cat, eps in truth.items():
        base = {"books": 12.0, "electronics": 300.0, "toys": 25.0}[cat]
        for _ in range(400):
            p = round(base * float(np.exp(rng.uniform(-0.4, 0.4))), 2)
            mu = 20.0 * (p / base) ** eps
            q = int(max(1, rng.poisson(mu)))
            rows.append((cat, p, q))
    df = pd.DataFrame(rows, columns=["category", "price", "quantity"])
    df.to_csv(path("elasticity_data.csv"), index=False)
    df = pd.read_csv(path("elasticity_data.csv"))
    out = []
    for cat, g in df.groupby("category"):
        x = np.log(g.price.to_numpy())
        y = np.log(g.quantity.to_numpy())
        X = np.column_stack([np.ones_like(x), x])
        beta, res, _, _ = np.linalg.lstsq(X, y, rcond=None)
        n = len(x)
        resid = y - X @ beta
        s2 = resid @ resid / (n - 2)
        cov = s2 * np.linalg.inv(X.T @ X)
        se = float(np.sqrt(cov[1, 1]))
        t = float(stats.t.ppf(0.975, n - 2))
        r2 = 1 - (resid @ resid) / np.sum((y - y.mean()) ** 2)
        # linear demand Q = a - bP on the raw scale
        Xl = np.column_stack([np.ones(n), g.price.to_numpy()])
        bl, _, _, _ = np.linalg.lstsq(Xl, g.quantity.to_numpy().astype(float), rcond=None)
        out.append(dict(category=cat, elasticity=beta[1], intercept=beta[0], se=se,
                        ci_low=beta[1] - t * se, ci_high=beta[1] + t * se, r2=r2, n=n,
                        t975=t, linear_a=bl[0], linear_b=-bl[1],
                        price_min=g.price.min(), price_max=g.price.max()))
    pd.DataFrame(out).to_csv(path("elasticity_expected.csv"), index=False, float_format="%.15g")
    return {"t_ppf": {str(nu): float(stats.t.ppf(p, nu)) for nu in (1, 2, 5, 30, 398)
                      for p in (0.975,)} | {"0.9@7": float(stats.t.ppf(0.9, 7)),
                                            "0.025@12": float(stats.t.ppf(0.025, 12))}}


def make_anomalies():
    rng = np.random.default_rng(5)
    n, k = 5000, 50
    x = rng.normal(0, 1, size=(n, 2))
    x[:, 1] = 0.6 * x[:, 0] + 0.8 * x[:, 1]
    idx = rng.choice(n, size=k, replace=False)
    x[idx] = rng.uniform(-7, 7, size=(k, 2))
    x[idx[: k // 2], 0] = np.where(x[idx[: k // 2], 0] > 0, 5.5, -5.5)
    truth = np.zeros(n, dtype=bool)
    truth[idx] = True
    df = pd.DataFrame({"a": np.round(x[:, 0], 6), "b": np.round(x[:, 1], 6), "is_anomaly": truth})
    df.to_csv(path("anomaly_data.csv"), index=False)
    df = pd.read_csv(path("anomaly_data.csv"))
    X = df[["a", "b"]].to_numpy()
    aps = []
    for seed in range(5):
        forest = IsolationForest(n_estimators=100, max_samples=256, random_state=seed).fit(X)
        aps.append(float(average_precision_score(df.is_anomaly, -forest.score_samples(X))))
    forest = IsolationForest(n_estimators=100, max_samples=256, contamination=0.01, random_state=0).fit(X)
    flagged = forest.predict(X) == -1

    # z-score (population sigma) and IQR fences on column a
    a = df.a.to_numpy()
    z = (a - a.mean()) / a.std(ddof=0)
    q1, q3 = np.percentile(a, [25, 75])
    iqr = q3 - q1
    lo, hi = q1 - 1.5 * iqr, q3 + 1.5 * iqr
    return {
        "iforest_ap_seeds": aps,
        "iforest_ap_mean": float(np.mean(aps)),
        "iforest_contamination_flagged": int(flagged.sum()),
        "z_flagged": int((np.abs(z) > 3).sum()),
        "z_max": float(np.abs(z).max()),
        "z_first5": [float(v) for v in z[:5]],
        "iqr_q1": float(q1), "iqr_q3": float(q3), "iqr_lo": float(lo), "iqr_hi": float(hi),
        "iqr_flagged": int(((a < lo) | (a > hi)).sum()),
    }


def make_pr():
    y = [1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 0]
    s = [0.9, 0.8, 0.8, 0.7, 0.55, 0.4, 0.4, 0.3, 0.2, 0.2, 0.1, 0.05]
    p, r, t = precision_recall_curve(y, s)
    return {"pr_truth": y, "pr_scores": s, "pr_ap": float(average_precision_score(y, s)),
            "pr_precision": [float(v) for v in p], "pr_recall": [float(v) for v in r],
            "pr_thresholds": [float(v) for v in t]}


if __name__ == "__main__":
    facts = {}
    facts |= make_rfm()
    facts |= make_elasticity()
    facts |= make_anomalies()
    facts |= make_pr()
    with open(path("expected.json"), "w") as f:
        json.dump(facts, f, indent=1, sort_keys=True)
    print(json.dumps(facts, indent=1, sort_keys=True))
