"""The window functions through the kernel, against pandas' groupby().shift / cumsum / rank / rolling / diff /
pct_change on real data: the monthly closing prices of ten stocks and indices from Yahoo Finance that
matplotlib ships as sample data (`mpl-data/sample_data/Stocks.csv`, 1990–2020, with the gaps of companies
not yet listed). The table is made long (date, ticker, price), its rows shuffled so that neither the
partition nor the order is the row order, and every function is computed by ShopMine over
`(by ticker order date)` and by pandas on the same rows; results are compared row by row in the input
order to 1e-9 relative."""
from __future__ import annotations

from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest

from conftest import execute

STOCKS = Path(matplotlib.get_data_path()) / "sample_data" / "Stocks.csv"
OVER = "over (by ticker order date)"


def ok(kc, code):
    reply, outputs = execute(kc, code)
    assert reply["status"] == "ok", f"{code!r}: {reply.get('evalue')} {outputs}"
    return outputs


def error_text(kc, code):
    reply, _ = execute(kc, code)
    assert reply["status"] == "error", code
    return reply["evalue"]


@pytest.fixture
def stocks(kc):
    wide = pd.read_csv(STOCKS, comment="#", parse_dates=["Date"])
    long = wide.melt(id_vars="Date", var_name="ticker", value_name="price").rename(columns={"Date": "date"})
    # Integers with gaps (price in cents) for the integer paths, and a coarse level with many ties to rank.
    long["cents"] = (long.price * 100).round().astype("Int64")
    long["level"] = (long.price // 25).astype("Int64")
    long = long.sample(frac=1.0, random_state=7).reset_index(drop=True)
    long.insert(0, "i", range(len(long)))
    long.to_csv(kc.tmp_path / "stocks.csv", index=False, date_format="%Y-%m-%d")
    ok(kc, 's = load "stocks.csv"')
    assert long.price.isna().sum() > 100, "the data set has gaps to test missing values with"
    return long


def shopmine(kc, definitions):
    """The table with `definitions` derived, read back in its row order (the input's)."""
    ok(kc, f"r = s | derive {definitions}")
    ok(kc, 'save r to "out.csv"')
    return pd.read_csv(kc.tmp_path / "out.csv", keep_default_na=False, na_values=[""])


def ordered(frame):
    """Rows sorted by (ticker, date), stably, as the window orders them; `.loc` by index maps back."""
    return frame.sort_values(["ticker", "date"], kind="stable")


def assert_close(ours, theirs, what):
    ours = np.asarray(ours, dtype=float)
    theirs = np.asarray(pd.array(theirs, dtype="Float64").to_numpy(dtype=float, na_value=np.nan))
    assert ours.shape == theirs.shape, what
    missing_ours = np.isnan(ours)
    missing_theirs = np.isnan(theirs)
    assert (missing_ours == missing_theirs).all(), (
        f"{what}: missing at different rows: {np.flatnonzero(missing_ours != missing_theirs)[:10]}")
    both = ~missing_ours
    a, b = ours[both], theirs[both]
    infinite = np.isinf(b)
    assert (a[infinite] == b[infinite]).all(), what
    a, b = a[~infinite], b[~infinite]
    # Relative 1e-9, with an absolute floor for results that are zero up to rounding (a mean of equal values).
    scale = np.maximum(np.abs(b), 1e-6)
    worst = np.max(np.abs(a - b) / scale) if len(a) else 0.0
    assert worst <= 1e-9, f"{what}: relative difference {worst}"


def by_ticker(long):
    return ordered(long).groupby("ticker", sort=False)


CASES = [
    ("lag(price)", lambda g: g.price.shift(1)),
    ("lag(price, 3)", lambda g: g.price.shift(3)),
    ("lag(price, 2, 0)", lambda g: g.price.shift(2, fill_value=0)),
    ("lead(price)", lambda g: g.price.shift(-1)),
    ("lead(cents, 2)", lambda g: g.cents.shift(-2)),
    ("diff(price)", lambda g: g.price.diff()),
    ("diff(cents, 12)", lambda g: g.cents.diff(12)),
    ("pct_change(price)", lambda g: g.price.pct_change(fill_method=None)),
    ("pct_change(price, 12)", lambda g: g.price.pct_change(12, fill_method=None)),
    ("cumsum(price)", lambda g: g.price.cumsum()),
    ("cumsum(cents)", lambda g: g.cents.cumsum()),
    ("cummin(price)", lambda g: g.price.cummin()),
    ("cummax(cents)", lambda g: g.cents.cummax()),
    ("cumcount()", lambda g: g.cumcount()),
    ("row_number()", lambda g: g.cumcount() + 1),
    ("rolling_mean(price, 12)", lambda g: g.price.rolling(12).mean().reset_index(level=0, drop=True)),
    ("rolling_sum(price, 3)", lambda g: g.price.rolling(3).sum().reset_index(level=0, drop=True)),
    ("rolling_min(cents, 6)", lambda g: g.cents.rolling(6).min().reset_index(level=0, drop=True)),
    ("rolling_max(price, 6)", lambda g: g.price.rolling(6).max().reset_index(level=0, drop=True)),
    ("rolling_std(price, 12)", lambda g: g.price.rolling(12).std().reset_index(level=0, drop=True)),
    ("rolling_std(price, 2)", lambda g: g.price.rolling(2).std().reset_index(level=0, drop=True)),
    ("rolling_mean(price, 1)", lambda g: g.price.rolling(1).mean().reset_index(level=0, drop=True)),
]


@pytest.mark.parametrize("expression, reference", CASES, ids=[c[0] for c in CASES])
def test_window_function_equals_pandas_groupby(kc, stocks, expression, reference):
    ours = shopmine(kc, f"out = {expression} {OVER}")
    theirs = reference(by_ticker(stocks)).sort_index()
    assert list(ours.i) == list(stocks.i)
    assert_close(ours.out, theirs, expression)


@pytest.mark.parametrize("function, method", [("rank", "min"), ("dense_rank", "dense"), ("row_number", "first")])
@pytest.mark.parametrize("column, descending", [("level", False), ("level", True), ("price", True)])
def test_ranks_equal_pandas_rank_with_missing_last(kc, stocks, function, method, column, descending):
    word = " desc" if descending else ""
    ours = shopmine(kc, f"out = {function}({column}{word}) over (by ticker)")
    # Ties among equal keys keep the input order for row_number: pandas' method="first" does the same on the
    # rows in input order; missing keys rank last in either direction (na_option="bottom").
    theirs = stocks.groupby("ticker")[column].rank(method=method, ascending=not descending, na_option="bottom")
    assert_close(ours.out, theirs, f"{function}({column}{word})")


def test_percent_rank_is_sql_percent_rank_from_pandas_min_rank(kc, stocks):
    ours = shopmine(kc, "out = percent_rank(level) over (by ticker)")
    rank = stocks.groupby("ticker")["level"].rank(method="min", na_option="bottom")
    size = stocks.groupby("ticker")["level"].transform("size")
    theirs = ((rank - 1) / (size - 1)).where(size > 1, 0.0)
    assert_close(ours.out, theirs, "percent_rank")


def test_ntile_equals_numpy_array_split_buckets(kc, stocks):
    ours = shopmine(kc, f"out = ntile(7) {OVER}")
    theirs = pd.Series(index=stocks.index, dtype=float)
    for _, rows in by_ticker(stocks):
        for bucket, part in enumerate(np.array_split(rows.index.to_numpy(), 7), start=1):
            theirs[part] = bucket
    assert_close(ours.out, theirs, "ntile(7)")


def test_first_and_last_are_the_partition_ends_in_order(kc, stocks):
    ours = shopmine(kc, f"a = first(price) {OVER}, b = last(price) {OVER}")
    g = by_ticker(stocks)
    assert_close(ours.a, g.price.transform(lambda s: s.iloc[0]).sort_index(), "first")
    assert_close(ours.b, g.price.transform(lambda s: s.iloc[-1]).sort_index(), "last")


@pytest.mark.parametrize("function, span, offset", [
    ("rolling_mean", "90 days", "90D"), ("rolling_sum", "1 weeks", "7D"), ("rolling_max", "365 days", "365D"),
    ("rolling_min", "2000 hours", "2000h"), ("rolling_std", "180 days", "180D"),
])
def test_time_span_rolling_equals_pandas_offset_rolling(kc, stocks, function, span, offset):
    ours = shopmine(kc, f"out = {function}(price, {span}) {OVER}")
    method = function.removeprefix("rolling_")
    # On the frame, not the column: a column selected after rolling(on=) is indexed by the dates instead.
    rolled = getattr(by_ticker(stocks)[["date", "price"]].rolling(offset, on="date"), method)()["price"]
    theirs = rolled.reset_index(level=0, drop=True).sort_index()
    assert_close(ours.out, theirs, f"{function}(price, {span})")


def test_whole_table_window_follows_the_row_order_after_sort(kc, stocks):
    ok(kc, 'a = s | where ticker == "AAPL" | sort date')
    ok(kc, "r = a | derive p = lag(price), g = pct_change(price), w = rolling_mean(price, 7), t = cumsum(price)")
    ok(kc, 'save r to "out.csv"')
    ours = pd.read_csv(kc.tmp_path / "out.csv")
    a = stocks[stocks.ticker == "AAPL"].sort_values("date", kind="stable").reset_index(drop=True)
    assert_close(ours.p, a.price.shift(), "lag")
    assert_close(ours.g, a.price.pct_change(fill_method=None), "pct_change")
    assert_close(ours.w, a.price.rolling(7).mean(), "rolling_mean")
    assert_close(ours.t, a.price.cumsum(), "cumsum")


def test_window_outside_derive_and_on_text_are_refused(kc, stocks):
    assert "derive" in error_text(kc, "s | where lag(price) > 1")
    assert "derive" in error_text(kc, "s | group by ticker aggregate m = rolling_mean(price, 3)")
    assert "needs a number" in error_text(kc, f"s | derive x = cumsum(ticker) {OVER}")
    assert "not one" in error_text(kc, "s | derive x = round(price) over (by ticker)")
