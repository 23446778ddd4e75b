#!/usr/bin/env python3
"""Pushdown (issue #23): a group-by over 10 M order lines in PostgreSQL, run where the data is, against
pulling the rows into pandas with `read_sql` and aggregating there. One run, side by side.

    python bench/pushdown_bench.py [--rows 10000000] [--reps 3] [--json FILE]

Uses the cluster named by SHOPMINE_PG_URL / PG* (as `eval "$(bash scripts/postgres.sh env)"` sets them), or
starts a private one with scripts/postgres.sh and stops it at the end. The table `bench_order_lines` (8
columns, deterministic values computed by generate_series inside PostgreSQL) is created once per row count.

Timed, alternating within each repetition (medians):
- ShopMine, pushed down: `lines | group by category aggregate revenue = sum(price * quantity)`, timed by the
  language's `time` statement inside one `shopmine run` (the connection is opened before the timing);
  `explain` shows it is one SQL query.
- ShopMine, pulled: `lines | select category, price, quantity | collect`, then the same group-by in memory.
- pandas: `pd.read_sql("select category, price, quantity from bench_order_lines", engine)` through SQLAlchemy
  and psycopg, then `groupby("category")`. Only the three needed columns are pulled, as an analyst would.
Bytes transferred: each of the three runs once more, untimed, through a loopback TCP proxy in this process
that counts the bytes in each direction (so the timings carry no proxy overhead).
Agreement: the revenue per category of all three is compared (relative 1e-9). A benchmark, never a test.
"""
import argparse
import csv
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

from common import row, run_child, write_rows

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TABLE = "bench_order_lines"

PANDAS = """
import json, resource, sys, time
import pandas as pd
import sqlalchemy
engine = sqlalchemy.create_engine(sys.argv[1])
with engine.connect() as conn:
    t0 = time.perf_counter()
    frame = pd.read_sql("select category, price, quantity from %s", conn)
    pulled = time.perf_counter() - t0
    revenue = (frame["price"] * frame["quantity"]).groupby(frame["category"]).sum()
    secs = time.perf_counter() - t0
print(json.dumps({"seconds": secs, "pulled": pulled, "rows": len(frame),
                  "revenue": {k: float(v) for k, v in revenue.items()},
                  "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
""" % TABLE


class CountingProxy:
    """A loopback TCP proxy to PostgreSQL that counts the bytes each way (server → client is `down`)."""

    def __init__(self, host, port):
        self.target = (host, port)
        self.up = self.down = 0
        self.lock = threading.Lock()
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen()
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            threading.Thread(target=self._pump, args=(client, server, "up"), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, "down"), daemon=True).start()

    def _pump(self, source, sink, direction):
        try:
            while chunk := source.recv(1 << 16):
                sink.sendall(chunk)
                with self.lock:
                    setattr(self, direction, getattr(self, direction) + len(chunk))
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def reset(self):
        with self.lock:
            self.up = self.down = 0

    def close(self):
        self.listener.close()


def psql(sql):
    subprocess.run([os.path.join(os.environ["SHOPMINE_PG_BIN"], "psql"), "-q", "-v", "ON_ERROR_STOP=1", "-c", sql],
                   check=True, stdout=subprocess.DEVNULL)


def scalar(sql):
    return subprocess.run([os.path.join(os.environ["SHOPMINE_PG_BIN"], "psql"), "-At", "-c", sql], check=True,
                          capture_output=True, text=True).stdout.strip()


def ensure_table(rows):
    """Creates bench_order_lines with `rows` deterministic order lines unless it already has that many."""
    exists = scalar(f"select count(*) from pg_tables where tablename = '{TABLE}'") == "1"
    if exists and scalar(f"select count(*) from {TABLE}") == str(rows):
        return
    print(f"   creating {TABLE} with {rows:,} rows in PostgreSQL", flush=True)
    psql(f"drop table if exists {TABLE}")
    # Values as csv_bench.py's order lines: 12 categories, prices 1.00–500.00, quantities 1–5, 4 statuses.
    psql(f"""
        create table {TABLE} as
        select i as line_id, i / 3 as order_id, 1 + (i * 7919) % 100000 as user_id,
               (array['books','beauty','electronics','fashion','food','garden','health','home','kids','music',
                      'sports','toys'])[1 + (i * 31) % 12] as category,
               (100 + (i * 2654435761) % 49901) / 100.0::float8 as price,
               1 + (i * 13) % 5 as quantity,
               (array['paid','paid','paid','refunded'])[1 + (i * 17) % 4] as status,
               timestamp '2024-01-01' + make_interval(secs => (i * 37) % 31536000) as ts
        from generate_series(1::bigint, {rows}::bigint) as i""")
    psql(f"analyze {TABLE}")


def shopmine_script(url, work, reps, pulled):
    body = [f'pg = connect "{url}"', f"lines = pg.{TABLE}"]
    name = "pulled" if pulled else "pushed"
    if pulled:
        for _ in range(reps):
            body += ["time all = lines | select category, price, quantity | collect",
                     "time r = all | group by category aggregate revenue = sum(price * quantity)"]
    else:
        body.append("explain (lines | group by category aggregate revenue = sum(price * quantity))")
        body += ["time r = lines | group by category aggregate revenue = sum(price * quantity) | collect"] * reps
    body.append(f'save r to "{name}.csv"')
    path = os.path.join(work, f"{name}.mine")
    with open(path, "w") as f:
        f.write("\n".join(body) + "\n")
    return path


def times_of(out):
    found = [(m.start(), float(m.group(1)) / 1000) for m in re.finditer(r"^time: ([0-9.]+) ms$", out, flags=re.M)]
    found += [(m.start(), float(m.group(1))) for m in re.finditer(r"^time: ([0-9.]+) s$", out, flags=re.M)]
    return [t for _, t in sorted(found)]


def revenue_of(path):
    """The category → revenue pairs of a result ShopMine saved as CSV."""
    with open(path) as f:
        return {r["category"]: float(r["revenue"]) for r in csv.DictReader(f)}


def run_shopmine(shopmine, script):
    """`shopmine run` in the script's folder, so the results it saves land there."""
    folder = os.path.dirname(script)
    return run_child([shopmine, "run", script, "--output", folder], cwd=folder)


def agree(a, b):
    return set(a) == set(b) and all(abs(a[k] - b[k]) <= 1e-9 * max(1.0, abs(b[k])) for k in b)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shopmine", default=os.path.join(ROOT, ".build", "release", "shopmine"))
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--json", help="also write the rows for bench/run to this file")
    args = ap.parse_args()
    started_cluster = "SHOPMINE_PG_URL" not in os.environ
    if started_cluster:
        text = subprocess.run(["bash", os.path.join(ROOT, "scripts", "postgres.sh"), "start"], check=True,
                              capture_output=True, text=True, cwd=ROOT).stdout
        for name, value in re.findall(r"^export (\w+)=(.*)$", text, flags=re.M):
            os.environ[name] = value
    try:
        measure(args)
    finally:
        if started_cluster:
            subprocess.run(["bash", os.path.join(ROOT, "scripts", "postgres.sh"), "stop"], check=False, cwd=ROOT)


def measure(args):
    ensure_table(args.rows)
    url = urllib.parse.urlsplit(os.environ["SHOPMINE_PG_URL"])
    host, port, user, db = url.hostname, url.port, url.username, url.path.lstrip("/")

    def urls(through):
        """ShopMine's URL and SQLAlchemy's; both take the password from PGPASSWORD, as a notebook would."""
        p = through or port
        return (f"postgresql://{user}@{host}:{p}/{db}?sslmode=disable",
                f"postgresql+psycopg://{user}@{host}:{p}/{db}?sslmode=disable")

    mine, alchemy = urls(None)
    with tempfile.TemporaryDirectory(prefix="shopmine-pushdown-") as work:
        pushed_script = shopmine_script(mine, work, args.reps, pulled=False)
        pulled_script = shopmine_script(mine, work, args.reps, pulled=True)
        # Warm PostgreSQL's buffer cache once, so no side pays for the first read from disk.
        scalar(f"select count(*), sum(price) from {TABLE}")
        pushed_out, pushed_mb = run_shopmine(args.shopmine, pushed_script)
        pulled_out, pulled_mb = run_shopmine(args.shopmine, pulled_script)
        pandas_runs = []
        for _ in range(args.reps):
            out, peak = run_child([sys.executable, "-c", PANDAS, alchemy])
            pandas_runs.append((json.loads(out.strip().splitlines()[-1]), peak))
        pushed_times = times_of(pushed_out)
        pulled_times = times_of(pulled_out)
        assert len(pushed_times) == args.reps and len(pulled_times) == 2 * args.reps, (pushed_out, pulled_out)
        pushed_s = statistics.median(pushed_times)
        pulled_s = statistics.median(a + b for a, b in zip(pulled_times[::2], pulled_times[1::2]))
        pandas_s = statistics.median(r["seconds"] for r, _ in pandas_runs)
        pandas_pull_s = statistics.median(r["pulled"] for r, _ in pandas_runs)
        pandas_mb = max(p for _, p in pandas_runs)
        reference = pandas_runs[0][0]["revenue"]
        one_query = pushed_out.count("SELECT") == 1 and "GROUP BY" in pushed_out
        same = (agree(revenue_of(os.path.join(work, "pushed.csv")), reference)
                and agree(revenue_of(os.path.join(work, "pulled.csv")), reference))

        # Bytes: one more untimed run of each, through the counting proxy.
        proxy = CountingProxy(host, port)
        try:
            via_mine, via_alchemy = urls(proxy.port)
            traffic = {}
            for name, script, pulled in [("pushed", "bytes-pushed.mine", False), ("pulled", "bytes-pulled.mine", True)]:
                path = os.path.join(work, script)
                with open(path, "w") as f:
                    f.write(f'pg = connect "{via_mine}"\nlines = pg.{TABLE}\n'
                            + ("all = lines | select category, price, quantity | collect\n" if pulled else
                               "r = lines | group by category aggregate revenue = sum(price * quantity) | collect\n"))
                proxy.reset()
                run_shopmine(args.shopmine, path)
                time.sleep(0.2)
                traffic[name] = proxy.down
            proxy.reset()
            run_child([sys.executable, "-c", PANDAS, via_alchemy])
            time.sleep(0.2)
            traffic["pandas"] = proxy.down
        finally:
            proxy.close()

    def size(n):
        return f"{n / 1e6:,.1f} MB" if n >= 1e6 else f"{n / 1e3:,.1f} kB"

    rows_text = f"{args.rows / 1e6:g} M"
    print(f"pushed down:   ShopMine {pushed_s:.3f} s, {size(traffic['pushed'])} from the server "
          f"({'one query' if one_query else 'NOT one query'})")
    print(f"pulled:        ShopMine {pulled_s:.3f} s, {size(traffic['pulled'])}")
    print(f"pandas:        read_sql + groupby {pandas_s:.3f} s (read_sql {pandas_pull_s:.3f} s), "
          f"{size(traffic['pandas'])}")
    print(f"same revenue per category: {same}")
    check = (f"{'same' if same else 'DIFFERENT'} revenue per 12 categories; bytes from the server: pushed "
             f"{size(traffic['pushed'])}, pandas {size(traffic['pandas'])}; median of {args.reps}")
    write_rows(args.json, [
        row(f"PostgreSQL group by over {rows_text} order lines, pushed down (one query)", pushed_s,
            "pandas read_sql + groupby", pandas_s, "report", pushed_mb, pandas_mb, check),
        row(f"PostgreSQL {rows_text} × 3 columns pulled into memory (`collect`), then grouped", pulled_s,
            "pandas read_sql + groupby", pandas_s, "report", pulled_mb, pandas_mb,
            f"bytes from the server: {size(traffic['pulled'])} vs pandas {size(traffic['pandas'])}"),
    ])


if __name__ == "__main__":
    main()
