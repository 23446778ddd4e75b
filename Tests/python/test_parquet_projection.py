"""`sales = load "sales.parquet"` reads only the columns the statement uses (#23).

The proof is what a column not read cannot do: the file's last column chunk is overwritten with garbage
after pyarrow writes it (its footer stays intact). A pipeline that does not use that column gives the values
pandas computes from the intact copy; one that needs every column fails, naming the file.
"""
from __future__ import annotations

import subprocess

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pyarrow as pa
import pyarrow.parquet as pq


def write_sales(path):
    rng = np.random.default_rng(23)
    n = 5000
    frame = pd.DataFrame({
        "order_id": np.arange(n),
        "category": rng.choice(["books", "toys", "home"], n),
        "price": np.round(rng.uniform(1, 100, n), 2),
        "quantity": rng.integers(1, 5, n),
        "note": [f"note {i}" for i in range(n)],
    })
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path, row_group_size=n)
    return frame


def corrupt_column(path, name):
    meta = pq.ParquetFile(path).metadata
    index = meta.schema.names.index(name)
    chunk = meta.row_group(0).column(index)
    start = chunk.dictionary_page_offset or chunk.data_page_offset
    data = bytearray(path.read_bytes())
    data[start:start + chunk.total_compressed_size] = b"\xff" * chunk.total_compressed_size
    path.write_bytes(bytes(data))


def run(shopmine_bin, tmp_path, script):
    (tmp_path / "s.mine").write_text(script)
    return subprocess.run([shopmine_bin, "run", "s.mine"], cwd=tmp_path, capture_output=True, text=True, timeout=120)


def test_only_the_columns_a_pipeline_uses_are_read(shopmine_bin, tmp_path):
    frame = write_sales(tmp_path / "sales.parquet")
    corrupt_column(tmp_path / "sales.parquet", "note")

    result = run(shopmine_bin, tmp_path, 'sales = load "sales.parquet"\n'
                 "t = sales | derive revenue = price * quantity | group by category aggregate revenue = sum(revenue)\n"
                 'save t to "out.csv"\n'
                 'save (sales | where price > 50 | select order_id, price) to "some.csv"\n')
    assert result.returncode == 0, result.stderr
    ours = pd.read_csv(tmp_path / "out.csv")
    frame["revenue"] = frame["price"] * frame["quantity"]
    theirs = frame.groupby("category", as_index=False).agg(revenue=("revenue", "sum"))
    pdt.assert_frame_equal(ours, theirs, rtol=1e-9)
    some = pd.read_csv(tmp_path / "some.csv")
    pdt.assert_frame_equal(some, frame.loc[frame["price"] > 50, ["order_id", "price"]].reset_index(drop=True))

    # Every column, the damaged one included: a clear error naming the file, not wrong values.
    result = run(shopmine_bin, tmp_path, 'sales = load "sales.parquet"\nsave sales to "all.csv"\n')
    assert result.returncode != 0
    assert "sales.parquet" in result.stderr, result.stderr
