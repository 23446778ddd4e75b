"""CSV missing-value markers: a file with the markers R, Excel, databases and pandas write loads to the same
cells as pandas' `read_csv` with its defaults — so `NA` in a number column leaves it a number column — and
`na [...]` replaces the set as `read_csv(na_values=..., keep_default_na=False)` does (the empty field stays
missing in ShopMine, so pandas is given it too).

Through `shopmine run`: the table is loaded, saved back as CSV, and that file (whose only missing marker is
the empty field) compared with pandas' frame of the original.
"""
from __future__ import annotations

import subprocess

import pandas as pd
import pandas.testing as pdt
from pandas._libs.parsers import STR_NA_VALUES

# pandas' own default set, read from pandas: if it ever grows, the test shows the difference.
MARKERS = sorted(m for m in STR_NA_VALUES if m)


def shopmine(shopmine_bin, tmp_path, source: str, load_options: str = ""):
    """(pandas' reading of the CSV ShopMine saves of the loaded table, ShopMine's schema display)."""
    (tmp_path / "in.csv").write_text(source)
    (tmp_path / "s.mine").write_text(f't = load "in.csv"{load_options}\nsave t to "out.csv"\nprint(t | schema)\n')
    result = subprocess.run([shopmine_bin, "run", "s.mine"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    saved = pd.read_csv(tmp_path / "out.csv", keep_default_na=False, na_values=[""])
    return saved, result.stdout


def source_with_markers() -> str:
    lines = ["id,amount,city"]
    for i, marker in enumerate(MARKERS):
        # Each marker once in the number column and once in the text column, beside real values.
        lines.append(f"{2 * i},{marker},Berlin")
        lines.append(f"{2 * i + 1},{i + 0.5},{marker}")
    lines.append(f"{2 * len(MARKERS)},,")
    return "\n".join(lines) + "\n"


def schema_type(schema: str, column: str) -> str:
    for line in schema.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[1] == column:
            return parts[2]
    raise AssertionError(f"no column {column!r} in:\n{schema}")


def test_every_pandas_marker_is_missing_and_number_columns_stay_numbers(shopmine_bin, tmp_path):
    source = source_with_markers()
    ours, schema = shopmine(shopmine_bin, tmp_path, source)
    theirs = pd.read_csv(tmp_path / "in.csv")
    assert theirs["amount"].dtype == float and theirs["amount"].isna().sum() == len(MARKERS) + 1
    pdt.assert_frame_equal(ours, theirs)
    assert schema_type(schema, "amount") == "float", schema
    assert schema_type(schema, "city") == "string", schema


def test_na_replaces_the_set(shopmine_bin, tmp_path):
    source = "id,score,label\n1,-,NA\n2,3.5,x\n3,NA,-\n4,,y\n"
    ours, schema = shopmine(shopmine_bin, tmp_path, source, ' na ["-"]')
    (tmp_path / "same.csv").write_text(source)
    theirs = pd.read_csv(tmp_path / "same.csv", na_values=["-", ""], keep_default_na=False)
    # "NA" is now a text: the score column becomes text, as in pandas.
    assert pd.api.types.is_string_dtype(theirs["score"])
    pdt.assert_frame_equal(ours, theirs)
    assert schema_type(schema, "score") == "string", schema
    only_empty, _ = shopmine(shopmine_bin, tmp_path, source, " na []")
    pdt.assert_frame_equal(only_empty, pd.read_csv(tmp_path / "same.csv", keep_default_na=False, na_values=[""]))


def test_a_bad_na_option_is_a_clear_error(shopmine_bin, tmp_path):
    (tmp_path / "in.csv").write_text("a\n1\n")
    for option, phrase in ((' na "NA"', "'na' needs a list of texts"), (" na [1, 2]", "'na' lists texts")):
        (tmp_path / "s.mine").write_text(f't = load "in.csv"{option}\n')
        result = subprocess.run([shopmine_bin, "run", "s.mine"], cwd=tmp_path, capture_output=True, text=True,
                                timeout=60)
        assert result.returncode == 1 and phrase in result.stderr, result.stderr


def test_european_export_with_title_lines_and_comments_reads_as_pandas(shopmine_bin, tmp_path):
    """`sep ";" decimal "," skip 2 comment "#"` against read_csv(sep=";", decimal=",", skiprows=2, comment="#")."""
    source = (
        "Orders export, EU shop\n"
        "generated 2024-05-01\n"
        "order_id;price;qty;note\n"
        "# a comment line\n"
        "1;12,50;3;\"first; with # inside\"\n"
        "2;7;1;plain # trailing comment\n"
        "3;NA;2;\n"
        "4;1.234,5;1;dot makes text\n"
    )
    ours, schema = shopmine(shopmine_bin, tmp_path, source, ' sep ";" decimal "," skip 2 comment "#"')
    (tmp_path / "same.csv").write_text(source)
    theirs = pd.read_csv(tmp_path / "same.csv", sep=";", decimal=",", skiprows=2, comment="#")
    # "1.234,5" is no number with a decimal comma and no thousands mark: the price column is text in both.
    assert pd.api.types.is_string_dtype(theirs["price"]), theirs.dtypes
    theirs.to_csv(tmp_path / "theirs.csv", index=False)
    pdt.assert_frame_equal(ours, pd.read_csv(tmp_path / "theirs.csv", keep_default_na=False, na_values=[""]))
    clean = source.replace("4;1.234,5;1;dot makes text\n", "")
    ours, schema = shopmine(shopmine_bin, tmp_path, clean, ' sep ";" decimal "," skip 2 comment "#"')
    (tmp_path / "same.csv").write_text(clean)
    theirs = pd.read_csv(tmp_path / "same.csv", sep=";", decimal=",", skiprows=2, comment="#")
    assert theirs["price"].dtype == float and theirs["price"].tolist()[:2] == [12.5, 7.0]
    theirs.to_csv(tmp_path / "theirs.csv", index=False)
    pdt.assert_frame_equal(ours, pd.read_csv(tmp_path / "theirs.csv", keep_default_na=False, na_values=[""]))
    assert schema_type(schema, "price") == "float", schema
