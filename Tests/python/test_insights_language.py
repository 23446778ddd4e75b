"""Cross-checks of issue 7's verbs (rfm, elasticity, anomalies, evaluate … against) through the real binary.

`shopmine run` executes the canonical commands on generated data and saves every result as CSV; the same
numbers are then recomputed here with pandas, numpy and scikit-learn:

- RFM: the pandas recipe of docs/MODELS.md gives the same recency, frequency, scores and segments
  for every customer, and the same monetary sums;
- elasticity: `numpy.linalg.lstsq` of ln Q on [1, ln P] per category gives the same ε, and every ε is within
  ±0.1 of the generator's planted value;
- z-score (population σ, threshold 3) and IQR fences (numpy's linear percentiles, k 1.5) give exactly the
  same scores and flags;
- isolation forest: trees differ from sklearn's, so the check is quality: average precision ≥ 0.8 against the
  injected anomalies and within 0.05 of sklearn's IsolationForest with the same settings; `evaluate … against`
  reports sklearn's precision, recall and average precision of the saved columns.
"""
import math
import subprocess

import numpy as np
import pandas as pd
import pytest

SCRIPT = """
orders = generate orders 50000 seed 9
r = rfm orders customer user_id time ts value price * quantity
save orders to "orders.csv"
save r to "r.csv"
el = elasticity orders price price quantity quantity by category
el | head 100 | save to "el.csv"
flags = anomalies orders on price, quantity method isolation seed 1 contamination 0.01
save flags to "flags.csv"
z = anomalies orders on price, quantity method zscore
save z to "z.csv"
q = anomalies orders on price method iqr
save q to "iqr.csv"
evaluate flags against is_anomaly | save to "eval.csv"
"""

PLANTED = {"books": -1.8, "electronics": -2.5, "clothing": -1.5, "home": -1.3, "beauty": -1.2, "sports": -2.0,
           "toys": -1.6, "food": -0.7}

SEGMENTS = {r"[1-2][1-2]": "hibernating", r"[1-2][3-4]": "at risk", r"[1-2]5": "can't lose",
            r"3[1-2]": "about to sleep", r"33": "need attention", r"[3-4][4-5]": "loyal customers",
            r"41": "promising", r"51": "new customers", r"[4-5][2-3]": "potential loyalists",
            r"5[4-5]": "champions"}


@pytest.fixture(scope="module")
def outputs(shopmine_bin, tmp_path_factory):
    out = tmp_path_factory.mktemp("insights")
    (out / "s.mine").write_text(SCRIPT)
    proc = subprocess.run([shopmine_bin, "run", "s.mine"], cwd=out, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return out


def orders_of(out):
    return pd.read_csv(out / "orders.csv", parse_dates=["ts"])


def pandas_rfm(df):
    """The recipe of docs/MODELS.md."""
    df = df.assign(value=df.price * df.quantity, day=df.ts.dt.floor("D"))
    today = df.day.max() + pd.Timedelta(days=1)
    rfm = df.groupby("user_id").agg(recency=("day", lambda d: (today - d.max()).days),
                                    frequency=("order_id", "nunique"), monetary=("value", "sum"))
    rfm["r_score"] = pd.qcut(rfm.recency, 5, labels=[5, 4, 3, 2, 1]).astype(int)
    rfm["f_score"] = pd.qcut(rfm.frequency.rank(method="first"), 5, labels=[1, 2, 3, 4, 5]).astype(int)
    rfm["m_score"] = pd.qcut(rfm.monetary, 5, labels=[1, 2, 3, 4, 5]).astype(int)
    rfm["segment"] = (rfm.r_score.astype(str) + rfm.f_score.astype(str)).replace(SEGMENTS, regex=True)
    return rfm


def check_rfm(orders, ours):
    expected = pandas_rfm(orders)
    ours = ours.set_index("user_id")
    assert list(ours.index) == list(expected.index)
    for column in ["recency", "frequency", "r_score", "f_score", "m_score", "segment"]:
        assert (ours[column] == expected[column]).all(), column
    assert np.allclose(ours.monetary, expected.monetary, rtol=1e-12, atol=1e-9)
    assert len(ours) == 1939
    assert expected.segment.value_counts()["champions"] == 288


def check_elasticity(orders, el):
    for _, row in el.iterrows():
        d = orders[(orders.category == row.category) & (orders.price > 0) & (orders.quantity > 0)]
        x = np.c_[np.ones(len(d)), np.log(d.price)]
        intercept, slope = np.linalg.lstsq(x, np.log(d.quantity), rcond=None)[0]
        assert math.isclose(row.elasticity, slope, rel_tol=1e-9), row.category
        assert math.isclose(row.intercept, intercept, rel_tol=1e-9), row.category
        assert row.n == len(d)
        assert abs(row.elasticity - PLANTED[row.category]) <= 0.1, row.category


def check_zscore(orders, z):
    cols = orders[["price", "quantity"]]
    score = ((cols - cols.mean()) / cols.std(ddof=0)).abs().max(axis=1)
    assert np.allclose(z.score, score, rtol=1e-12, atol=1e-12)
    assert (z.anomaly == (score > 3)).all()
    assert int(z.anomaly.sum()) == 1092


def check_iqr(orders, q):
    q1, q3 = np.percentile(orders.price, [25, 75])
    iqr = q3 - q1
    low, high = q1 - 1.5 * iqr, q3 + 1.5 * iqr
    beyond = np.maximum(low - orders.price, orders.price - high).clip(lower=0) / iqr
    assert np.allclose(q.score, beyond, rtol=1e-12, atol=1e-12)
    assert (q.anomaly == ((orders.price < low) | (orders.price > high))).all()
    assert int(q.anomaly.sum()) == 5264


def check_isolation(orders, flags, evaluation):
    from sklearn.ensemble import IsolationForest
    from sklearn.metrics import average_precision_score, precision_score, recall_score

    ours = average_precision_score(flags.is_anomaly, flags.score)
    model = IsolationForest(n_estimators=100, max_samples=256, contamination=0.01, random_state=1)
    x = orders[["price", "quantity"]]
    theirs = average_precision_score(orders.is_anomaly, -model.fit(x).score_samples(x))
    assert ours >= 0.8
    assert ours >= theirs - 0.05
    metrics = dict(zip(evaluation.metric, evaluation.value))
    assert math.isclose(metrics["average_precision"], ours, rel_tol=1e-12)
    assert math.isclose(metrics["precision"], precision_score(flags.is_anomaly, flags.anomaly), rel_tol=1e-12)
    assert math.isclose(metrics["recall"], recall_score(flags.is_anomaly, flags.anomaly), rel_tol=1e-12)


def test_rfm_equals_the_pandas_recipe(outputs):
    check_rfm(orders_of(outputs), pd.read_csv(outputs / "r.csv"))


def test_elasticity_equals_numpy_least_squares_and_recovers_planted_values(outputs):
    check_elasticity(orders_of(outputs), pd.read_csv(outputs / "el.csv"))


def test_zscore_and_iqr_are_exact(outputs):
    orders = orders_of(outputs)
    check_zscore(orders, pd.read_csv(outputs / "z.csv"))
    check_iqr(orders, pd.read_csv(outputs / "iqr.csv"))


def test_isolation_forest_quality_matches_sklearn(outputs):
    check_isolation(orders_of(outputs), pd.read_csv(outputs / "flags.csv"), pd.read_csv(outputs / "eval.csv"))
