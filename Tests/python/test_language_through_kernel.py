"""Issue 3's canonical examples, run through the real kernel with jupyter_client.

Each cell is sent exactly as an analyst would type it; the assertions pin what JupyterLab would show:
the MIME types of each display, the numbers in the tables, the diagnostics, the completions.
"""
from __future__ import annotations

import json

import pytest
from conftest import TABLE_MIME, execute

TIMEOUT = 60


@pytest.fixture
def kc(kc):
    """The shared fresh kernel (conftest.py), its working directory holding data/ratings.csv and out/."""
    (kc.tmp_path / "data").mkdir()
    (kc.tmp_path / "out").mkdir()
    rows = ["user_id,product_id,rating"] + [f"{u},{p},{(u * p) % 5 + 1}" for u in range(1, 21) for p in range(1, 6)]
    (kc.tmp_path / "data" / "ratings.csv").write_text("\n".join(rows) + "\n")
    return kc


def ok(kc, code):
    reply, outputs = execute(kc, code)
    assert reply["status"] == "ok", outputs
    return outputs


def test_canonical_example_cells(kc):
    assert ok(kc, "# comments start with #\nusers  = generate users 100 seed 42") == []
    ok(kc, "orders = generate orders 5000 seed 42")
    ok(kc, 'ratings = load "data/ratings.csv"')

    [(kind, shown)] = ok(kc, "show users                       # first 10 rows (set rows 20 changes it)")
    assert kind == "execute_result"
    assert set(shown["data"]) >= {"text/plain", "text/html", TABLE_MIME}
    assert "application/json" not in shown["data"]
    table = shown["data"][TABLE_MIME]
    # `show` is the first rows (10 unless `set rows` says otherwise), as a table value of its own.
    assert table["total_rows"] == 10 and len(table["rows"]) == 10
    assert [row[table["columns"].index("user_id")] for row in table["rows"]] == list(range(1, 11))
    for column in ("user_id", "browse_time", "purchase_freq", "spend", "review_count", "rating", "city"):
        assert column in table["columns"]
    assert "<script" not in shown["data"]["text/html"]

    [(_, described)] = ok(kc, "describe users")
    assert "mean" in described["data"][TABLE_MIME]["columns"]

    [(_, schema)] = ok(kc, "schema orders")
    names = [row[0] for row in schema["data"][TABLE_MIME]["rows"]]
    assert {"order_id", "user_id", "product_id", "price", "quantity", "ts"} <= set(names)

    [(_, top)] = ok(kc, 'users | where spend > 500 and city == "Shanghai" | sort spend desc | head 5')
    top = top["data"][TABLE_MIME]
    spend = [row[top["columns"].index("spend")] for row in top["rows"]]
    cities = {row[top["columns"].index("city")] for row in top["rows"]}
    assert len(spend) <= 5 and spend == sorted(spend, reverse=True)
    assert all(s > 500 for s in spend) and cities <= {"Shanghai"}

    ok(kc, "big = orders\n  | derive revenue = price * quantity\n  | where revenue > 100\n"
           "  | group by user_id aggregate total = sum(revenue), n = count(), last = max(ts)\n"
           "  | sort total desc")
    ok(kc, "clean = users | dedupe | fill missing with median | normalize zscore on browse_time, purchase_freq")
    ok(kc, "train, test = split ratings test 0.2 seed 7")
    ok(kc, "joined = orders | join users on user_id")
    ok(kc, 'save big to "out/big.csv"')
    assert (kc.tmp_path / "out" / "big.csv").read_text().startswith("user_id,total,n,last")

    [(_, variables)] = ok(kc, "vars                             # the session: names, kinds, shapes, memory")
    listed = variables["data"]["text/plain"]
    for name in ("users", "orders", "ratings", "big", "clean", "train", "test", "joined"):
        assert name in listed

    reply, outputs = execute(kc, "help where                       # a verb's syntax, options, an example")
    assert reply["status"] == "ok" and outputs == []
    [page] = reply["payload"]
    assert page["source"] == "page" and "where" in page["data"]["text/plain"]

    ok(kc, "del big")
    reply, _ = execute(kc, "big")
    assert reply["status"] == "error"

    [(kind, printed)] = ok(kc, 'print "rows:", count(users)')
    assert kind == "stream" and printed == {"name": "stdout", "text": "rows: 100\n"}


def test_error_is_one_diagnostic_and_keeps_bindings(kc):
    ok(kc, "users = generate users 100 seed 42\nn = 1")
    reply, outputs = execute(kc, "n = 2\nusers = users | where spnd > 500")
    assert reply["status"] == "error"
    errors = [c for kind, c in outputs if kind == "error"]
    assert len(errors) == 1
    text = "\n".join(errors[0]["traceback"])
    assert "unknown column 'spnd'" in text and "did you mean 'spend'?" in text
    # The failing statement changed nothing; the one before it in the cell kept its effect.
    [(_, n)] = ok(kc, "n")
    assert n["data"]["text/plain"] == "2"
    [(_, count)] = ok(kc, "count(users)")
    assert count["data"]["text/plain"] == "100"


def test_completion_offers_columns_of_the_table_flowing_in(kc):
    ok(kc, "users = generate users 100 seed 42")
    code = "users | where spe"
    reply = kc.complete(code, len(code))
    content = kc.get_shell_msg(timeout=TIMEOUT)["content"]
    assert "spend" in content["matches"]
    assert content["cursor_start"] == len(code) - 3 and content["cursor_end"] == len(code)
    code = 'note = "🛒 basket"\nusers | sort br'
    kc.complete(code, len(code))
    content = kc.get_shell_msg(timeout=TIMEOUT)["content"]
    assert "browse_time" in content["matches"]
    # Code points, not UTF-16 units: the emoji counts as one.
    assert content["cursor_end"] == len(code)


def test_is_complete_for_pipelines(kc):
    kc.is_complete("users |")
    content = kc.get_shell_msg(timeout=TIMEOUT)["content"]
    assert content["status"] == "incomplete"
    kc.is_complete("users | head 5")
    assert kc.get_shell_msg(timeout=TIMEOUT)["content"]["status"] == "complete"


def test_issue_24_reshaping_and_join_lines(kc):
    """Issue 24's reshaping and join lines, exactly as written."""
    ok(kc, "users = generate users 2000 seed 4")
    ok(kc, "orders = generate orders 20000 seed 4")
    ok(kc, 'monthly = orders | group by month = date_trunc("month", ts), category aggregate revenue = sum(price * quantity)')
    ok(kc, "wide = monthly | pivot rows month columns category values revenue")
    ok(kc, "long = wide | unpivot columns books, home into category, revenue")
    ok(kc, "everyone = users | join orders on user_id kind outer")
    ok(kc, "never = users | join orders on user_id kind anti")
    [(_, shown)] = ok(kc, "long | head 3")
    assert shown["data"][TABLE_MIME]["columns"][-2:] == ["category", "revenue"]
    [(_, shown)] = ok(kc, "never | head 1")
    assert "order_id" not in shown["data"][TABLE_MIME]["columns"]


def test_issue_24_window_lines_run_as_written_and_equal_pandas(kc):
    import pandas as pd

    ok(kc, "orders = generate orders 20000 seed 4")
    ok(kc, "daily = orders\n"
           "  | derive day = date(ts), revenue = price * quantity\n"
           "  | group by day aggregate revenue = sum(revenue)\n"
           "  | sort day\n"
           "  | derive prev = lag(revenue), growth = pct_change(revenue), week_avg = rolling_mean(revenue, 7), "
           "total = cumsum(revenue)")
    ok(kc, "ranked = orders\n"
           "  | derive revenue = price * quantity\n"
           "  | derive n = row_number() over (by user_id order ts), first_buy = first(ts) over (by user_id), "
           "spend_rank = dense_rank(revenue desc) over (by category)")
    ok(kc, 'save daily to "out/daily.csv"')
    ok(kc, 'save ranked to "out/ranked.csv"')
    d = pd.read_csv(kc.tmp_path / "out" / "daily.csv")
    pd.testing.assert_series_equal(d.prev, d.revenue.shift(), check_names=False, rtol=1e-12)
    pd.testing.assert_series_equal(d.growth, d.revenue.pct_change(fill_method=None), check_names=False, rtol=1e-9)
    pd.testing.assert_series_equal(d.week_avg, d.revenue.rolling(7).mean(), check_names=False, rtol=1e-9)
    pd.testing.assert_series_equal(d.total, d.revenue.cumsum(), check_names=False, rtol=1e-9)
    r = pd.read_csv(kc.tmp_path / "out" / "ranked.csv", parse_dates=["ts", "first_buy"])
    assert (r.n == r.groupby("user_id").ts.rank(method="first")).all()
    assert (r.first_buy == r.groupby("user_id").ts.transform(lambda s: s.iloc[0])).all()
    assert (r.spend_rank == r.groupby("category").revenue.rank(method="dense", ascending=False)).all()


def test_issue_24_expression_lines_through_the_kernel(kc):
    """Issue 24's lines for durations, casts and `case when`, each exactly as written; the results checked
    with pandas on the saved tables."""
    import shutil
    from pathlib import Path

    import pandas as pd

    root = Path(__file__).resolve().parents[2]
    (kc.tmp_path / "notebooks" / "data").mkdir(parents=True)
    shutil.copy(root / "notebooks" / "data" / "eu-orders.csv", kc.tmp_path / "notebooks" / "data" / "eu-orders.csv")
    ok(kc, "orders = generate orders 20000 seed 4")
    ok(kc, "q = orders | derive quarter = quarter(ts), wd = weekday_name(ts), late = ts + 7 days, "
           "age_days = days_between(ts, now())")
    ok(kc, 'raw = load "notebooks/data/eu-orders.csv" dates "%d/%m/%Y" decimal ","')
    ok(kc, 'tidy = raw | derive code = upper(trim(substring(sku, 1, 3))), email_ok = matches(email, "^[^@]+@[^@]+$"), '
           'city = replace(city, "Peking", "Beijing"), qty = int(qty_text)')
    ok(kc, 'labels = orders | derive size = case when quantity >= 5 then "bulk" when quantity >= 2 then "multi" '
           'else "single" end')
    for name in ("q", "tidy", "labels"):
        ok(kc, f'save {name} to "out/{name}.csv"')
    q = pd.read_csv(kc.tmp_path / "out" / "q.csv", parse_dates=["ts", "late"])
    assert ((q.late - q.ts) == pd.Timedelta(days=7)).all()
    assert (q.quarter == q.ts.dt.quarter).all() and (q.wd == q.ts.dt.day_name()).all()
    tidy = pd.read_csv(kc.tmp_path / "out" / "tidy.csv")
    theirs = pd.read_csv(root / "notebooks" / "data" / "eu-orders.csv", sep=";", dtype={"qty_text": str})
    assert list(tidy.qty) == [int(v) for v in theirs.qty_text]
    assert list(tidy.code) == list(theirs.sku.str.slice(0, 3).str.strip().str.upper())
    labels = pd.read_csv(kc.tmp_path / "out" / "labels.csv")
    expected = labels.quantity.map(lambda k: "bulk" if k >= 5 else "multi" if k >= 2 else "single")
    assert list(labels["size"]) == list(expected)
