"""Issue #23's database examples through the real kernel with SQLite: each line as written, checked against
what Python's own sqlite3 and pandas compute from the same database file; `explain` shows the SQL and
SQLite's plan; `save … to table` lands in the file; an interrupt stops a query that would never end, within
100 ms, and the connection still answers.
"""
from __future__ import annotations

import sqlite3

import pandas as pd
import pandas.testing as pdt

from conftest import TABLE_MIME, execute, interrupt_after

SETUP = [
    'db = connect "sqlite:shop.db"',
    'save (generate orders 20000 seed 4 | derive status = if(is_anomaly, "refunded", "paid")) '
    'to table orders in db mode replace',
    'save (generate users 2000 seed 4 | drop spend) to table users in db mode replace',
]
REVENUE = """revenue = orders
  | where status == "paid" and ts >= date("2024-01-01")
  | derive revenue = price * quantity
  | group by category aggregate revenue = sum(revenue), n = count()
  | sort revenue desc"""


def ok(kc, code):
    reply, outputs = execute(kc, code)
    assert reply["status"] == "ok", (code, reply)
    return outputs


def shown_table(outputs) -> pd.DataFrame:
    [(kind, content)] = [o for o in outputs if o[0] == "execute_result"]
    table = content["data"][TABLE_MIME]
    return pd.DataFrame(table["rows"], columns=table["columns"])


def test_the_sqlite_examples_as_written(kc):
    for line in SETUP:
        ok(kc, line)
    path = kc.tmp_path / "shop.db"
    con = sqlite3.connect(path)

    tables = shown_table(ok(kc, "tables db"))
    assert list(tables["name"]) == ["orders", "users"]
    assert list(tables["rows"]) == [con.execute(f"select count(*) from {t}").fetchone()[0] for t in ("orders", "users")]

    assert ok(kc, "orders = db.orders") == []
    schema = shown_table(ok(kc, "schema orders"))
    names = [r[1] for r in con.execute("pragma table_info(orders)")]
    assert list(schema["column"]) == names

    assert ok(kc, REVENUE) == []
    ours = shown_table(ok(kc, "revenue"))
    orders = pd.read_sql("select * from orders", con)
    orders["ts"] = pd.to_datetime(orders["ts"])
    paid = orders[(orders["status"] == "paid") & (orders["ts"] >= "2024-01-01")].copy()
    paid["revenue"] = paid["price"] * paid["quantity"]
    theirs = (paid.groupby("category").agg(revenue=("revenue", "sum"), n=("revenue", "size"))
              .reset_index().sort_values("revenue", ascending=False).reset_index(drop=True))
    assert list(ours["category"]) == list(theirs["category"])
    assert list(ours["n"]) == list(theirs["n"])
    pdt.assert_series_equal(ours["revenue"].astype(float), theirs["revenue"], check_names=False, rtol=1e-9)

    [(kind, explained)] = ok(kc, "explain revenue")
    text = explained["data"]["text/plain"]
    sql = text.split("\n\n")[0].split("\n", 1)[1]
    # The SQL shown is the SQL that runs: Python's sqlite3 gets the same rows from it.
    assert [r[0] for r in con.execute(sql)] == list(ours["category"])
    assert "GROUP BY" in sql and sql.count("SELECT") == 1
    assert "SCAN orders" in text

    ok(kc, 'top = load sql "select user_id, sum(price*quantity) as spend from orders group by user_id" from db')
    ok(kc, "users = db.users | join top on user_id")
    reply, outputs = execute(kc, "count(users)")
    expected_users = con.execute(
        "select count(*) from users u join (select user_id from orders group by user_id) t using (user_id)").fetchone()[0]
    [(_, counted)] = [o for o in outputs if o[0] == "execute_result"]
    assert counted["data"]["text/plain"] == str(expected_users)
    ok(kc, "seg = kmeans (users | collect) k 4 on spend, age seed 0")
    out = ok(kc, "save (predict seg on users as segment) to table user_segments in db mode replace")
    assert any("saved" in o[1].get("text", "") for o in out if o[0] == "stream")
    con2 = sqlite3.connect(path)
    segments = pd.read_sql("select segment, count(*) as n from user_segments group by segment", con2)
    assert sorted(segments["segment"]) == [0, 1, 2, 3]
    assert segments["n"].sum() == expected_users

    [(kind, listed)] = ok(kc, "vars")
    assert "sqlite:shop.db" in listed["data"]["text/plain"]


def test_a_query_that_never_ends_stops_on_interrupt_and_the_connection_still_answers(kc):
    ok(kc, 'db = connect "sqlite::memory:"')
    endless = 'load sql "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) as n from c" from db'
    content, control, replied, idle = interrupt_after(kc, endless + " | collect", 0.3)
    print(f"interrupt_reply {control * 1000:.1f} ms, reply {replied * 1000:.1f} ms, idle {idle * 1000:.1f} ms")
    assert content["status"] == "error" and "interrupted" in content["evalue"].lower(), content
    assert replied < 0.100 and idle < 0.100, (replied, idle)
    reply, outputs = execute(kc, 'count(load sql "select 1 as one" from db)')
    assert reply["status"] == "ok"


def test_faults_are_one_clear_error_and_the_kernel_lives(kc):
    ok(kc, 'db = connect "sqlite:shop.db"')
    reply, _ = execute(kc, "db.ordrs")
    assert reply["status"] == "error" and "no table or view named 'ordrs'" in reply["evalue"]
    reply, _ = execute(kc, 'load sql "selec 1" from db')
    assert reply["status"] == "error" and reply["ename"] == "DatabaseError" and "syntax error" in reply["evalue"]
    reply, _ = execute(kc, 'x = connect "mysql://localhost/shop"')
    assert reply["status"] == "error" and "sqlite:" in reply["evalue"]
    ok(kc, 'save (generate users 10 seed 1) to table u in db')
    reply, _ = execute(kc, 'save (generate users 10 seed 1) to table u in db')
    assert reply["status"] == "error" and "already exists" in reply["evalue"]
    assert ok(kc, "n = count(db.u)") == []
