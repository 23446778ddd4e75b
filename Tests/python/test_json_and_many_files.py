"""JSON records, gzip and file patterns through `load`, against pandas: a JSON-lines file pandas writes (nested
objects included) loads to `pandas.json_normalize` of the same records; the gzip-compressed copy loads the
same; a pattern over several files is `pandas.concat` of each with a `file` column.

Through `shopmine run`: the table is loaded, saved back as CSV, and that file compared with pandas' frame.
"""
from __future__ import annotations

import gzip
import json
import subprocess

import numpy as np
import pandas as pd
import pandas.testing as pdt


def records(seed: int, n: int = 200) -> list[dict]:
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        r = {"event_id": int(seed * 1000 + i), "user": int(rng.integers(1, 50)),
             "kind": str(rng.choice(["view", "cart", "buy"])),
             "ctx": {"page": f"/p/{int(rng.integers(1, 9))}", "ab": {"arm": str(rng.choice(["A", "B"]))}}}
        if r["kind"] == "buy":
            r["price"] = round(float(rng.uniform(1, 100)), 2)
        if i % 17 == 0:
            r["user"] = None
        out.append(r)
    return out


def shopmine_table(shopmine_bin, tmp_path, load: str) -> pd.DataFrame:
    (tmp_path / "s.mine").write_text(f"t = {load}\nsave t to \"out.csv\"\n")
    result = subprocess.run([shopmine_bin, "run", "s.mine"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return pd.read_csv(tmp_path / "out.csv", keep_default_na=False, na_values=[""])


def expected(rows: list[dict], path) -> pd.DataFrame:
    """pandas' table of the records, written to CSV and read back as ShopMine's output is."""
    frame = pd.json_normalize(rows)
    frame.to_csv(path, index=False)
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


def test_json_lines_load_as_pandas_normalizes_them(shopmine_bin, tmp_path):
    rows = records(1)
    (tmp_path / "events.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    ours = shopmine_table(shopmine_bin, tmp_path, 'load "events.jsonl"')
    theirs = expected(rows, tmp_path / "theirs.csv")
    assert list(ours.columns) == ["event_id", "user", "kind", "ctx.page", "ctx.ab.arm", "price"]
    pdt.assert_frame_equal(ours, theirs[list(ours.columns)])


def test_a_json_array_and_a_gzip_file_load_the_same(shopmine_bin, tmp_path):
    rows = records(2)
    pd.json_normalize(rows)  # the reference below
    (tmp_path / "events.json").write_text(json.dumps(rows, indent=1))
    with gzip.open(tmp_path / "events.jsonl.gz", "wt") as f:
        f.writelines(json.dumps(r) + "\n" for r in rows)
    plain = shopmine_table(shopmine_bin, tmp_path, 'load "events.json"')
    packed = shopmine_table(shopmine_bin, tmp_path, 'load "events.jsonl.gz"')
    pdt.assert_frame_equal(plain, packed)
    theirs = expected(rows, tmp_path / "theirs.csv")
    pdt.assert_frame_equal(plain, theirs[list(plain.columns)])


def test_a_pattern_reads_every_file_with_a_file_column(shopmine_bin, tmp_path):
    (tmp_path / "logs").mkdir()
    frames = []
    for day in (3, 1, 2):
        rows = records(day, n=60)
        path = f"logs/events-2024-01-0{day}.jsonl.gz"
        with gzip.open(tmp_path / path, "wt") as f:
            f.writelines(json.dumps(r) + "\n" for r in rows)
        frame = pd.json_normalize(rows)
        frame["file"] = path
        frames.append((path, frame))
    # Name order, as the files are listed.
    theirs = pd.concat([f for _, f in sorted(frames, key=lambda p: p[0])], ignore_index=True)
    theirs.to_csv(tmp_path / "theirs.csv", index=False)
    theirs = pd.read_csv(tmp_path / "theirs.csv", keep_default_na=False, na_values=[""])
    ours = shopmine_table(shopmine_bin, tmp_path, 'load "logs/events-*.jsonl.gz"')
    assert ours["file"].unique().tolist() == [f"logs/events-2024-01-0{d}.jsonl.gz" for d in (1, 2, 3)]
    pdt.assert_frame_equal(ours, theirs[list(ours.columns)])


def test_csv_gzip_and_clear_errors(shopmine_bin, tmp_path):
    frame = pd.DataFrame({"a": [1, 2, 3], "b": ["x", None, "z"]})
    with gzip.open(tmp_path / "t.csv.gz", "wt") as f:
        frame.to_csv(f, index=False)
    ours = shopmine_table(shopmine_bin, tmp_path, 'load "t.csv.gz"')
    pdt.assert_frame_equal(ours, frame)
    (tmp_path / "broken.jsonl.gz").write_bytes(gzip.compress(b'{"a": 1}\n' * 1000)[:-30])
    for load, phrase in (('load "nothing-*.csv"', "no file matches 'nothing-*.csv'"),
                         ('load "broken.jsonl.gz"', "gzip data ends too early"),
                         ('load "t.json" sep ";"', "'sep' is an option for CSV files")):
        (tmp_path / "e.mine").write_text(f"x = {load}\n")
        (tmp_path / "t.json").write_text("[]")
        result = subprocess.run([shopmine_bin, "run", "e.mine"], cwd=tmp_path, capture_output=True, text=True,
                                timeout=60)
        assert result.returncode == 1 and phrase in result.stderr, result.stderr
