"""Notebook 10's retail time series, CDNOW (real CD-shop purchases, 1997–98, as the `lifetimes` package ships
them): the committed CSV is the package's file unchanged, and the daily series' windows, calendar fill and
per-customer windows equal pandas' on it."""
from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import execute

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "notebooks" / "data" / "cdnow-sample.csv"


def shipped() -> pd.DataFrame:
    spec = importlib.util.find_spec("lifetimes")
    path = Path(spec.submodule_search_locations[0]) / "datasets" / "CDNOW_sample.txt"
    raw = pd.read_csv(path, sep=r"\s+", header=None,
                      names=["customer_id", "customer_index", "date", "cds", "dollars"])
    raw["date"] = pd.to_datetime(raw.date.astype(str), format="%Y%m%d")
    return raw.drop(columns="customer_index")


def ok(kc, code):
    reply, outputs = execute(kc, code)
    assert reply["status"] == "ok", f"{code!r}: {reply.get('evalue')}"
    return outputs


def test_committed_sample_is_the_published_one():
    committed = pd.read_csv(COMMITTED, parse_dates=["date"])
    pd.testing.assert_frame_equal(committed, shipped(), check_dtype=False)


@pytest.fixture
def kc(kc):
    shutil.copy(COMMITTED, kc.tmp_path / "cdnow.csv")
    return kc


def test_daily_windows_and_calendar_equal_pandas(kc):
    ok(kc, 'cd = load "cdnow.csv"')
    ok(kc, "daily = cd | group by day = date(date) aggregate revenue = sum(dollars) | sort day"
           " | calendar day every day fill 0"
           " | derive prev = lag(revenue), growth = pct_change(revenue), week = rolling_mean(revenue, 7),"
           " month = rolling_mean(revenue, 28 days) over (order day), sd = rolling_std(revenue, 7),"
           " total = cumsum(revenue)")
    ok(kc, 'save daily to "daily.csv"')
    ours = pd.read_csv(kc.tmp_path / "daily.csv", parse_dates=["day"])

    data = shipped()
    s = data.groupby(data.date.dt.normalize()).dollars.sum()
    s = s.reindex(pd.date_range(s.index.min(), s.index.max(), freq="D"), fill_value=0.0)
    assert list(ours.day) == list(s.index)
    close = dict(check_names=False, check_index=False, rtol=1e-9)
    pd.testing.assert_series_equal(ours.revenue, s.reset_index(drop=True), **close)
    pd.testing.assert_series_equal(ours.prev, s.shift().reset_index(drop=True), **close)
    pd.testing.assert_series_equal(ours.growth, s.pct_change(fill_method=None).reset_index(drop=True), **close)
    pd.testing.assert_series_equal(ours.week, s.rolling(7).mean().reset_index(drop=True), **close)
    pd.testing.assert_series_equal(ours.month, s.rolling("28D").mean().reset_index(drop=True), **close)
    pd.testing.assert_series_equal(ours.sd, s.rolling(7).std().reset_index(drop=True), **close)
    pd.testing.assert_series_equal(ours.total, s.cumsum().reset_index(drop=True), **close)


def test_per_customer_windows_equal_pandas(kc):
    ok(kc, 'cd = load "cdnow.csv"')
    ok(kc, "v = cd | derive n = row_number() over (by customer_id order date),"
           " first_buy = first(date) over (by customer_id order date),"
           " gap = days_between(lag(date) over (by customer_id order date), date),"
           " spent = cumsum(dollars) over (by customer_id order date),"
           " cohort = date_trunc(\"month\", first(date) over (by customer_id order date))")
    ok(kc, 'save v to "v.csv"')
    ours = pd.read_csv(kc.tmp_path / "v.csv", parse_dates=["date", "first_buy", "cohort"])
    d = shipped()
    g = d.groupby("customer_id")
    # The file is in customer, date order and ties keep file order, as the stable sort does.
    assert list(ours.n) == list(g.cumcount() + 1)
    assert list(ours.first_buy) == list(g.date.transform("min"))
    expected_gap = (d.date - g.date.shift()).dt.days
    assert ours.gap.isna().equals(expected_gap.isna())
    assert list(ours.gap.dropna()) == list(expected_gap.dropna())
    pd.testing.assert_series_equal(ours.spent, g.dollars.cumsum(), check_names=False, rtol=1e-9)
    assert list(ours.cohort) == list(g.date.transform("min").dt.to_period("M").dt.to_timestamp())
