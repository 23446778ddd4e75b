"""Issue #24's canonical examples, each line sent through the real kernel exactly as written (in the
working directory the committed notebooks/data files sit in), and what they show checked against pandas
on the tables the kernel saved: the printed sentence, the join sizes, the pivot's shape, the loop's charts."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import execute

ROOT = Path(__file__).resolve().parents[2]

CANONICAL = [
    "users = generate users 2000 seed 4",
    "orders = generate orders 20000 seed 4",
    """daily = orders
  | derive day = date(ts), revenue = price * quantity
  | group by day aggregate revenue = sum(revenue)
  | sort day
  | derive prev = lag(revenue), growth = pct_change(revenue), week_avg = rolling_mean(revenue, 7), total = cumsum(revenue)""",
    """ranked = orders
  | derive revenue = price * quantity
  | derive n = row_number() over (by user_id order ts), first_buy = first(ts) over (by user_id), spend_rank = dense_rank(revenue desc) over (by category)""",
    'monthly = orders | group by month = date_trunc("month", ts), category aggregate revenue = sum(price * quantity)',
    "wide = monthly | pivot rows month columns category values revenue",
    "long = wide | unpivot columns books, home into category, revenue",
    "q = orders | derive quarter = quarter(ts), wd = weekday_name(ts), late = ts + 7 days, age_days = days_between(ts, now())",
    'raw = load "notebooks/data/eu-orders.csv" dates "%d/%m/%Y" decimal ","',
    'tidy = raw | derive code = upper(trim(substring(sku, 1, 3))), email_ok = matches(email, "^[^@]+@[^@]+$"), city = replace(city, "Peking", "Beijing"), qty = int(qty_text)',
    'labels = orders | derive size = case when quantity >= 5 then "bulk" when quantity >= 2 then "multi" else "single" end',
    "everyone = users | join orders on user_id kind outer",
    "never = users | join orders on user_id kind anti",
    "n = count(users)",
    "best = orders | group by user_id aggregate spend = sum(price * quantity) | sort spend desc | first spend",
    'print "top customer spent {best:,.2f} of {n:,} customers"',
    "def clean(t) = t | dedupe | fill missing with median | outliers iqr 1.5 clip",
    'a = clean(load "notebooks/data/store-a.csv")',
    """for c in ["books", "home", "sports"]
  plot line (monthly | where category == c) x month y revenue title "Revenue: {c}"
end""",
]


@pytest.fixture
def kc(kc):
    shutil.copytree(ROOT / "notebooks" / "data", kc.tmp_path / "notebooks" / "data")
    return kc


def ok(kc, code):
    reply, outputs = execute(kc, code)
    assert reply["status"] == "ok", f"{code!r}: {reply.get('ename')}: {reply.get('evalue')}"
    return outputs


def saved(kc, name):
    ok(kc, f'save {name} to "{name}.csv"')
    return pd.read_csv(kc.tmp_path / f"{name}.csv")


def test_every_canonical_line_runs_as_written(kc):
    outputs = [ok(kc, line) for line in CANONICAL]
    orders, users = saved(kc, "orders"), saved(kc, "users")

    # The sentence, with Python's own format specs applied to pandas' numbers.
    spend = (orders.price * orders.quantity).groupby(orders.user_id).sum()
    printed = "".join(c["text"] for kind, c in outputs[CANONICAL.index(
        'print "top customer spent {best:,.2f} of {n:,} customers"')] if kind == "stream")
    assert printed == f"top customer spent {spend.max():,.2f} of {len(users):,} customers\n"

    # Joins: pandas' outer merge and the users with no order.
    everyone, never = saved(kc, "everyone"), saved(kc, "never")
    assert len(everyone) == len(users.merge(orders, on="user_id", how="outer"))
    assert sorted(never.user_id) == sorted(set(users.user_id) - set(orders.user_id))

    # The pivot has a column per category and a row per month; unpivot gives two rows per month back.
    wide, long = saved(kc, "wide"), saved(kc, "long")
    assert sorted(c for c in wide.columns if c != "month") == sorted(orders.category.unique())
    assert len(long) == 2 * len(wide)

    # One chart per category, in order, titled with the interpolated name.
    charts = outputs[-1]
    assert [kind for kind, _ in charts] == ["display_data"] * 3
    for (kind, content), category in zip(charts, ["books", "home", "sports"]):
        assert f"Revenue: {category}" in content["data"]["image/svg+xml"]

    # The cleaned store file: duplicates gone, no missing values left.
    a = saved(kc, "a")
    store = pd.read_csv(kc.tmp_path / "notebooks" / "data" / "store-a.csv")
    assert len(a) == len(store.drop_duplicates())
    assert not a.isna().any().any()
