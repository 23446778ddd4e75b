"""Writes the Parquet fixtures of ParquetTests.swift with pyarrow, and the values pyarrow reads back from
them as JSON (the tests compare ShopMine's reading with those).

Pinned: pyarrow==26.0.1 (as in Tests/python/requirements.txt). To rerun, from the repository root:

    V=$(bash scripts/venv.sh); $V/bin/python Tests/ShopMineDataTests/Fixtures/parquet/make_fixtures.py

Expected values in the JSON: ints and floats as numbers, timestamps and dates as integer microseconds since
the epoch (UTC; nanoseconds floored), decimals as floats, missing values as null.
"""
from __future__ import annotations

import datetime as dt
import decimal
import json
import pathlib

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

assert pa.__version__ == "26.0.1", pa.__version__
HERE = pathlib.Path(__file__).parent
ROWS = 50


def types_table() -> pa.Table:
    n = ROWS
    base = dt.datetime(2024, 3, 1, 12, 30, 15, 123456)
    def nulls(values, every):
        return [None if i % every == 0 else v for i, v in enumerate(values)]
    return pa.table({
        "i32": pa.array(nulls([i * 7 - 100 for i in range(n)], 5), pa.int32()),
        "i64": pa.array(nulls([i * 10_000_000_000 - 3 for i in range(n)], 6), pa.int64()),
        "f32": pa.array(nulls([i / 4 for i in range(n)], 7), pa.float32()),
        "f64": pa.array(nulls([i * 1.5 - 0.25 for i in range(n)], 4), pa.float64()),
        "flag": pa.array(nulls([i % 3 == 0 for i in range(n)], 8), pa.bool_()),
        "text": pa.array(nulls([["café", "naïve", "東京", "plain"][i % 4] for i in range(n)], 9), pa.string()),
        "day": pa.array(nulls([dt.date(2023, 12, 25) + dt.timedelta(days=i * 3) for i in range(n)], 10), pa.date32()),
        "ts_ms": pa.array(nulls([base + dt.timedelta(hours=i) for i in range(n)], 11), pa.timestamp("ms")),
        "ts_us_utc": pa.array(nulls([base + dt.timedelta(minutes=i) for i in range(n)], 3),
                              pa.timestamp("us", tz="UTC")),
        "ts_ns_tz": pa.array(nulls([(base + dt.timedelta(seconds=i)).replace(tzinfo=dt.timezone.utc)
                                    for i in range(n)], 12), pa.timestamp("ns", tz="Europe/Paris")),
        "before_1970_ns": pa.array([-1_500 - 1_000_003 * i for i in range(n)], pa.timestamp("ns")),
    })


def expected(table: pa.Table) -> dict:
    out = {}
    for name in table.column_names:
        col = table[name]
        t = col.type
        if pa.types.is_timestamp(t) or pa.types.is_date(t):
            if pa.types.is_date(t):
                col = pc.cast(col, pa.timestamp("us"))
            else:
                # Floor to microseconds (pyarrow's cast truncates toward zero; ShopMine floors).
                ints = pc.cast(col, pa.int64())
                per = {"s": 1_000_000, "ms": 1_000, "us": 1, "ns": -1}[t.unit]
                vals = ints.to_pylist()
                out[name] = [None if v is None else (v * per if per > 0 else v // 1000) for v in vals]
                continue
            out[name] = pc.cast(col, pa.int64()).to_pylist()
        elif pa.types.is_decimal(t):
            out[name] = [None if v is None else float(v) for v in col.to_pylist()]
        elif pa.types.is_floating(t):
            out[name] = [None if v is None else float(v) for v in col.to_pylist()]
        else:
            out[name] = col.to_pylist()
    return out


def write(name: str, table: pa.Table, **options) -> None:
    pq.write_table(table, HERE / name, row_group_size=16, data_page_size=256, **options)


def main() -> None:
    types = types_table()
    write("types_snappy_v1_dict.parquet", types)
    write("types_gzip_v2_dict.parquet", types, compression="gzip", data_page_version="2.0")
    write("types_zstd_v2_plain.parquet", types, compression="zstd", data_page_version="2.0", use_dictionary=False)
    write("types_none_v1_plain.parquet", types, compression="none", use_dictionary=False)
    (HERE / "types_expected.json").write_text(json.dumps(expected(types), ensure_ascii=False, indent=0) + "\n")

    delta = pa.table({"i32": types["i32"], "i64": types["i64"], "text": types["text"],
                      "words": pa.array([f"prefix-{i // 3}-{'x' * (i % 5)}" for i in range(ROWS)])})
    write("delta.parquet", delta, use_dictionary=False, compression="snappy", data_page_version="2.0",
          column_encoding={"i32": "DELTA_BINARY_PACKED", "i64": "DELTA_BINARY_PACKED",
                           "text": "DELTA_LENGTH_BYTE_ARRAY", "words": "DELTA_BYTE_ARRAY"})
    (HERE / "delta_expected.json").write_text(json.dumps(expected(delta), ensure_ascii=False, indent=0) + "\n")

    legacy = pa.table({"ts": types["ts_us_utc"], "ns": types["before_1970_ns"],
                       "price": pa.array([None if i % 6 == 0 else decimal.Decimal(i * 137 - 2000) / 100
                                          for i in range(ROWS)], pa.decimal128(9, 2)),
                       "big": pa.array([decimal.Decimal(i * 123456789 - 10 ** 9) / 1000 for i in range(ROWS)],
                                       pa.decimal128(20, 3))})
    write("int96_decimal.parquet", legacy, use_deprecated_int96_timestamps=True)
    (HERE / "int96_decimal_expected.json").write_text(json.dumps(expected(legacy), indent=0) + "\n")

    nested = pa.table({"id": pa.array(range(5), pa.int64()),
                       "tags": pa.array([["a"], [], ["b", "c"], None, ["d"]], pa.list_(pa.string())),
                       "ctx": pa.array([{"page": "/a", "n": 1}] * 5),
                       "after": pa.array(["x", "y", "z", "w", "v"])})
    pq.write_table(nested, HERE / "nested.parquet")


if __name__ == "__main__":
    main()
