"""Parquet both ways against pyarrow, through `shopmine run`.

Reading: pyarrow and pandas write files with every codec, data page v1 and v2, dictionary on and off and
several row groups; ShopMine loads each and saves it as CSV, and that CSV must hold pyarrow's own values
(timestamps in UTC, floored to the microsecond).

Writing: ShopMine saves a table as Parquet and as CSV; `pyarrow.parquet.read_table` must read the Parquet
file to the values of ShopMine's own CSV export. With `save`'s options (codec, row_group, dictionary) the file
has the codec and row groups asked for, and every chunk's statistics are those pyarrow writes for the same
table itself.
"""
from __future__ import annotations

import datetime as dt
import math
import subprocess

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest


def run(shopmine_bin, tmp_path, script: str) -> None:
    (tmp_path / "s.mine").write_text(script)
    result = subprocess.run([shopmine_bin, "run", "s.mine"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr + result.stdout


def read_csv(path) -> pd.DataFrame:
    return pd.read_csv(path, keep_default_na=False, na_values=[""], dtype=str)


def micros(column: pa.ChunkedArray) -> list:
    """Timestamps and dates as integer microseconds since the epoch in UTC, floored; None where null."""
    t = column.type
    if pa.types.is_date(t):
        days = column.cast(pa.int32()).to_pylist()
        return [None if d is None else d * 86_400_000_000 for d in days]
    ints = column.cast(pa.int64()).to_pylist()
    unit = {"s": 1_000_000, "ms": 1_000, "us": 1}.get(t.unit)
    return [None if v is None else (v * unit if unit else v // 1000) for v in ints]


def csv_micros(values: pd.Series) -> list:
    parsed = pd.to_datetime(values, format="ISO8601")
    epoch, micro = pd.Timestamp(0), pd.Timedelta(1, "us")
    return [None if pd.isna(v) else int((v - epoch) // micro) for v in parsed]


def assert_same(ours: pd.DataFrame, theirs: pa.Table) -> None:
    """ShopMine's CSV (strings) holds the values of pyarrow's table, column by column."""
    assert list(ours.columns) == theirs.column_names
    assert len(ours) == theirs.num_rows
    for name in theirs.column_names:
        col, got = theirs[name], ours[name]
        missing = got.isna().tolist()
        t = col.type
        if pa.types.is_timestamp(t) or pa.types.is_date(t):
            assert csv_micros(got) == micros(col), name
        elif pa.types.is_integer(t):
            assert [None if m else int(v) for v, m in zip(got, missing)] == col.to_pylist(), name
        elif pa.types.is_floating(t):
            want = np.array([np.nan if v is None else v for v in col.to_pylist()], dtype=float)
            np.testing.assert_array_equal(got.astype(float).to_numpy(), want, err_msg=name)
        elif pa.types.is_boolean(t):
            assert [None if m else v == "true" for v, m in zip(got, missing)] == col.to_pylist(), name
        else:
            assert [None if m else v for v, m in zip(got, missing)] == col.to_pylist(), name


def sample(n: int, seed: int) -> pa.Table:
    rng = np.random.default_rng(seed)
    def nulls(values, every):
        return [None if i % every == every - 1 else v for i, v in enumerate(values)]
    words = ["Zürich", "São Paulo", "東京", "plain", "emoji 🛒", "a,b \"quoted\""]
    base = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    stamps = [base + dt.timedelta(microseconds=int(x)) for x in rng.integers(-10**13, 10**13, n)]
    return pa.table({
        "id": pa.array(range(n), pa.int64()),
        "qty": pa.array(nulls(rng.integers(-50, 50, n).tolist(), 7), pa.int32()),
        "price": pa.array(nulls(rng.normal(20, 9, n).round(4).tolist(), 5), pa.float64()),
        "weight": pa.array(nulls(rng.random(n).astype(np.float32).tolist(), 6), pa.float32()),
        "vip": pa.array(nulls((rng.random(n) < 0.3).tolist(), 4), pa.bool_()),
        "city": pa.array(nulls([words[k] for k in rng.integers(0, len(words), n)], 3), pa.string()),
        "day": pa.array(nulls([dt.date(2020, 1, 1) + dt.timedelta(days=int(k)) for k in rng.integers(0, 2000, n)], 8),
                        pa.date32()),
        "ts_ms": pa.array(nulls(stamps, 9), pa.timestamp("ms")),
        "ts_us_tz": pa.array(nulls(stamps, 10), pa.timestamp("us", tz="America/New_York")),
        "ts_ns": pa.array(nulls([s.replace(tzinfo=None) for s in stamps], 11), pa.timestamp("ns")),
        "ts_ns_utc": pa.array(nulls(rng.integers(-10**18, 10**18, n).tolist(), 12), pa.timestamp("ns", tz="UTC")),
    })


@pytest.mark.parametrize("compression", ["none", "snappy", "gzip", "zstd"])
@pytest.mark.parametrize("page_version", ["1.0", "2.0"])
@pytest.mark.parametrize("dictionary", [True, False])
def test_files_pyarrow_writes_read_to_pyarrows_values(shopmine_bin, tmp_path, compression, page_version, dictionary):
    table = sample(3000, seed=len(compression) + int(dictionary))
    pq.write_table(table, tmp_path / "sales.parquet", compression=compression, data_page_version=page_version,
                   use_dictionary=dictionary, row_group_size=700, data_page_size=4096)
    assert pq.ParquetFile(tmp_path / "sales.parquet").num_row_groups > 1
    run(shopmine_bin, tmp_path, 'sales = load "sales.parquet"\nsave sales to "out.csv"\n')
    assert_same(read_csv(tmp_path / "out.csv"), pq.read_table(tmp_path / "sales.parquet"))


def test_a_large_row_group_reads_to_pyarrows_values(shopmine_bin, tmp_path):
    # One row group of 600,000 rows: columns of megabytes (the reader's huge-page buffers), many pages, and
    # pyarrow's fallback from dictionary to PLAIN pages when a dictionary outgrows its limit.
    n = 600_000
    rng = np.random.default_rng(11)
    table = pa.table({
        "id": pa.array(rng.permutation(n), pa.int64()),
        "user": pa.array(np.where(rng.random(n) < 0.01, None, rng.integers(0, 5000, n)).tolist(), pa.int64()),
        "price": pa.array(rng.normal(20, 9, n).round(2), pa.float64()),
        "city": pa.array([["Zürich", "東京", None, "plain"][k] for k in rng.integers(0, 4, n)], pa.string()),
        "ts": pa.array(rng.integers(0, 10**12, n), pa.timestamp("ms")),
    })
    pq.write_table(table, tmp_path / "big.parquet")
    assert pq.ParquetFile(tmp_path / "big.parquet").num_row_groups == 1
    run(shopmine_bin, tmp_path, 'big = load "big.parquet"\nsave big to "out.csv"\n')
    assert_same(read_csv(tmp_path / "out.csv"), table)


def test_delta_encodings_read_to_pyarrows_values(shopmine_bin, tmp_path):
    table = sample(2000, seed=3).select(["id", "qty", "city", "ts_ns"])
    table = table.append_column("code", pa.array([f"SKU-{i // 7:05d}-{i % 3}" for i in range(2000)]))
    pq.write_table(table, tmp_path / "d.parquet", use_dictionary=False, data_page_version="2.0", row_group_size=900,
                   column_encoding={"id": "DELTA_BINARY_PACKED", "qty": "DELTA_BINARY_PACKED",
                                    "ts_ns": "DELTA_BINARY_PACKED", "city": "DELTA_LENGTH_BYTE_ARRAY",
                                    "code": "DELTA_BYTE_ARRAY"})
    run(shopmine_bin, tmp_path, 'd = load "d.parquet"\nsave d to "out.csv"\n')
    assert_same(read_csv(tmp_path / "out.csv"), pq.read_table(tmp_path / "d.parquet"))


def test_files_pandas_writes_read_to_pyarrows_values(shopmine_bin, tmp_path):
    rng = np.random.default_rng(7)
    n = 1500
    frame = pd.DataFrame({
        "order": pd.array(rng.integers(0, 10**6, n), dtype="Int64"),
        "amount": rng.normal(50, 20, n),
        "paid": pd.array(rng.random(n) < 0.5, dtype="boolean"),
        "customer": pd.array([f"Kund{'ö' * (i % 3)}-{i % 40}" for i in range(n)], dtype="string"),
        "at": pd.to_datetime("2023-06-01") + pd.to_timedelta(rng.integers(0, 10**15, n), unit="ns"),
        "at_tz": (pd.to_datetime("2023-06-01") + pd.to_timedelta(rng.integers(0, 10**12, n), unit="us"))
        .tz_localize("Asia/Tokyo"),
    })
    for k, column in enumerate(frame.columns):
        frame.loc[frame.index % (k + 3) == 0, column] = None
    frame.to_parquet(tmp_path / "p.parquet", index=False, row_group_size=400)
    run(shopmine_bin, tmp_path, 'p = load "p.parquet"\nsave p to "out.csv"\n')
    assert_same(read_csv(tmp_path / "out.csv"), pq.read_table(tmp_path / "p.parquet"))


def test_a_pattern_over_parquet_files_stacks_them(shopmine_bin, tmp_path):
    (tmp_path / "parts").mkdir()
    tables = [sample(500, seed=s) for s in (1, 2)]
    for k, t in enumerate(tables):
        pq.write_table(t, tmp_path / "parts" / f"part-{k}.parquet", compression="zstd")
    run(shopmine_bin, tmp_path, 'all = load "parts/*.parquet"\nsave all to "out.csv"\n')
    ours = read_csv(tmp_path / "out.csv")
    assert ours["file"].tolist() == [f"parts/part-{k}.parquet" for k in range(2) for _ in range(500)]
    assert_same(ours.drop(columns=["file"]), pa.concat_tables(tables))


def test_a_nested_column_is_an_error_naming_it(shopmine_bin, tmp_path):
    pq.write_table(pa.table({"id": [1, 2], "tags": [["a"], ["b", "c"]]}), tmp_path / "n.parquet")
    (tmp_path / "s.mine").write_text('n = load "n.parquet"\n')
    result = subprocess.run([shopmine_bin, "run", "s.mine"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "'tags'" in result.stderr + result.stdout and "nested" in result.stderr + result.stdout


def shopmine_csv_and_parquet(shopmine_bin, tmp_path, make: str) -> tuple[pd.DataFrame, pa.Table]:
    run(shopmine_bin, tmp_path, f'{make}\nsave t to "t.parquet"\nsave t to "t.csv"\n')
    return read_csv(tmp_path / "t.csv"), pq.read_table(tmp_path / "t.parquet")


def test_generated_orders_shopmine_writes_read_in_pyarrow_to_its_csv_values(shopmine_bin, tmp_path):
    ours, theirs = shopmine_csv_and_parquet(shopmine_bin, tmp_path, "t = generate orders 5000 seed 1")
    assert_same(ours, theirs)
    assert theirs.num_rows == 5000
    pq.write_table(theirs, tmp_path / "pa.parquet")
    assert statistics(tmp_path / "t.parquet") == statistics(tmp_path / "pa.parquet")


def statistics(path) -> list:
    """Every chunk's statistics as pyarrow reports them, row group by row group, column by column; the bounds
    also as raw bytes, so -0.0 and 0.0 differ."""
    meta = pq.ParquetFile(path).metadata
    out = []
    for g in range(meta.num_row_groups):
        for c in range(meta.num_columns):
            chunk = meta.row_group(g).column(c)
            s = chunk.statistics
            assert chunk.is_stats_set and s is not None, (path, g, chunk.path_in_schema)
            raw = (s.min_raw, s.max_raw) if s.has_min_max else None
            out.append((g, chunk.path_in_schema, s.to_dict(), raw))
    return out


def every_type_csv(path, n: int) -> None:
    """`n` rows of every ShopMine type, with missing values, negatives, zeros, strings whose UTF-8 byte order
    differs from a signed comparison (ü after z), one string too long for statistics (pyarrow leaves bounds of
    more than 4,096 bytes out) and a column missing throughout the first 800 rows."""
    rng = np.random.default_rng(5)
    words = ["Zürich", "Zz", "", "a", "東京", "emoji 🛒", "Ærø"]
    def nulls(values, every):
        return [None if i % every == every - 1 else v for i, v in enumerate(values)]
    city = nulls([words[k] for k in rng.integers(0, len(words), n)], 5)
    city[1] = "ü" * 2100  # 4,200 bytes
    pd.DataFrame({
        "n": pd.array(nulls(rng.integers(-10**12, 10**12, n).tolist(), 7), dtype="Int64"),
        "x": nulls([0.0 if k % 11 == 0 else v for k, v in enumerate(rng.normal(0, 50, n).round(3))], 6),
        "ok": nulls([bool(v) for v in rng.random(n) < 0.9], 4),
        "city": city,
        "t": nulls([f"{1950 + k % 90}-0{1 + k % 9}-1{k % 10}T0{k % 10}:30:00.{k:06d}" for k in range(n)], 9),
        "late": pd.array([None] * 800 + rng.integers(0, 100, n - 800).tolist(), dtype="Int64"),
    }).to_csv(path, index=False)


@pytest.mark.parametrize("codec", ["snappy", "zstd", "gzip", "none"])
def test_save_codec_and_row_group_give_pyarrows_layout_values_and_statistics(shopmine_bin, tmp_path, codec):
    n, group = 2500, 700
    every_type_csv(tmp_path / "in.csv", n)
    run(shopmine_bin, tmp_path, f't = load "in.csv"\nsave t to "t.parquet" codec {codec} row_group {group}\n'
        'save t to "t.csv"\nu = load "t.parquet"\nsave u to "u.csv"\n')
    f = pq.ParquetFile(tmp_path / "t.parquet")
    ours = f.read()
    assert_same(read_csv(tmp_path / "t.csv"), ours)
    assert read_csv(tmp_path / "u.csv").equals(read_csv(tmp_path / "t.csv"))  # ShopMine reads it back
    assert f.metadata.num_row_groups == math.ceil(n / group)
    assert [f.metadata.row_group(g).num_rows for g in range(f.metadata.num_row_groups)] == [700, 700, 700, 400]
    want = "UNCOMPRESSED" if codec == "none" else codec.upper()
    assert {f.metadata.row_group(g).column(c).compression
            for g in range(f.metadata.num_row_groups) for c in range(f.metadata.num_columns)} == {want}
    pq.write_table(ours, tmp_path / "pa.parquet", compression=codec, row_group_size=group)
    assert statistics(tmp_path / "t.parquet") == statistics(tmp_path / "pa.parquet")


def test_save_dictionary_off_writes_plain_strings(shopmine_bin, tmp_path):
    every_type_csv(tmp_path / "in.csv", 1000)
    run(shopmine_bin, tmp_path, 't = load "in.csv"\nsave t to "on.parquet"\nsave t to "off.parquet" dictionary off\n'
        'save t to "t.csv"\n')
    on, off = (pq.ParquetFile(tmp_path / f"{k}.parquet").metadata.row_group(0).column(3) for k in ("on", "off"))
    assert on.has_dictionary_page and "RLE_DICTIONARY" in on.encodings
    assert not off.has_dictionary_page and "RLE_DICTIONARY" not in off.encodings
    assert_same(read_csv(tmp_path / "t.csv"), pq.read_table(tmp_path / "off.parquet"))
    pq.write_table(pq.read_table(tmp_path / "off.parquet"), tmp_path / "pa.parquet", use_dictionary=False)
    assert statistics(tmp_path / "off.parquet") == statistics(tmp_path / "pa.parquet")


@pytest.mark.parametrize("statement, message", [
    ('save t to "t.parquet" codec lz4', "expected 'snappy' or 'zstd' or 'gzip' or 'none' for 'codec' of 'save'"),
    ('save t to "t.parquet" row_group 0', "'row_group' must be at least 1, not 0"),
    ('save t to "t.parquet" dictionary maybe', "expected 'on' or 'off' for 'dictionary' of 'save'"),
    ('save t to "t.csv" codec zstd', "'codec' is an option for Parquet files"),
    ('save t to "t.csv" row_group 10', "'row_group' is an option for Parquet files"),
])
def test_bad_save_options_are_errors_naming_the_option(shopmine_bin, tmp_path, statement, message):
    (tmp_path / "s.mine").write_text(f"t = generate orders 10 seed 1\n{statement}\n")
    result = subprocess.run([shopmine_bin, "run", "s.mine"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert message in result.stderr + result.stdout, result.stderr + result.stdout
    assert not (tmp_path / "t.parquet").exists() and not (tmp_path / "t.csv").exists()


def test_every_type_with_missing_values_shopmine_writes_read_in_pyarrow(shopmine_bin, tmp_path):
    # A CSV with a missing value in every column, loaded by ShopMine, written as Parquet and as CSV.
    frame = pd.DataFrame({
        "n": pd.array([1, None, -3, 2**40, 5], dtype="Int64"),
        "x": [0.5, 1e-7, None, -2.25, 3e20],
        "ok": ["true", "false", None, "true", "false"],
        "s": ["Ærø", None, "東京", "plain", "emoji 🛒"],
        "t": ["2024-01-02T03:04:05.123456", "1969-12-31T23:59:59.5", None, "2024-02-29", "2000-01-01T00:00:00"],
    })
    frame.to_csv(tmp_path / "in.csv", index=False)
    ours, theirs = shopmine_csv_and_parquet(shopmine_bin, tmp_path, 't = load "in.csv"')
    assert [str(f.type) for f in theirs.schema] == ["int64", "double", "bool", "string", "timestamp[us, tz=UTC]"]
    assert_same(ours, theirs)
    # Written twice, byte for byte the same.
    first = (tmp_path / "t.parquet").read_bytes()
    run(shopmine_bin, tmp_path, 't = load "in.csv"\nsave t to "t.parquet"\n')
    assert (tmp_path / "t.parquet").read_bytes() == first


def test_csv_options_with_a_parquet_file_are_refused(shopmine_bin, tmp_path):
    pq.write_table(pa.table({"a": [1]}), tmp_path / "a.parquet")
    for script in ['a = load "a.parquet" sep ";"\n', 'a = load "a.parquet"\nsave a to "b.parquet" sep ";"\n']:
        (tmp_path / "s.mine").write_text(script)
        result = subprocess.run([shopmine_bin, "run", "s.mine"], cwd=tmp_path, capture_output=True, text=True,
                                timeout=60)
        assert result.returncode != 0
        assert "is Parquet" in result.stderr + result.stdout
