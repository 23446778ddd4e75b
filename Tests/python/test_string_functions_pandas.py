"""The text functions through the kernel, against pandas' `str` methods on the same values: the committed
export notebooks/data/messy-orders.csv (Chinese column names and values), and a column of edge cases
written here (white space, empty strings, missing values, accents, emoji, strings shorter than a slice).
Each ShopMine column is saved as CSV and compared cell by cell with what pandas computes."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conftest import execute

ROOT = Path(__file__).resolve().parents[2]

EDGE = ["  padded  ", "", "a-b-c", "abc", "x", "  ", "Zoë-Ünïcode", "🛒-cart-🛍", "A12-B7", "no dash here",
        None, "tab\tand\nnewline ", "AB-12-CD-34"]


def ok(kc, code):
    reply, outputs = execute(kc, code)
    assert reply["status"] == "ok", f"{code!r}: {reply.get('evalue')} {outputs}"


def shopmine_column(kc, table, expression, name="out"):
    ok(kc, f'r = {table} | derive {name} = {expression} | select {name}')
    ok(kc, f'save r to "{name}.csv"')
    return pd.read_csv(kc.tmp_path / f"{name}.csv", keep_default_na=False, na_values=[""], dtype=str,
                       skip_blank_lines=False)[name]


@pytest.fixture
def edges(kc):
    # An index column, so that no line of the file is blank.
    pd.DataFrame({"i": range(len(EDGE)), "s": EDGE}).to_csv(kc.tmp_path / "edges.csv", index=False)
    # The empty string and a missing value are both an empty CSV field: read `s` back as pandas does.
    ok(kc, 'e = load "edges.csv" types s = string')
    return pd.read_csv(kc.tmp_path / "edges.csv", dtype=str)["s"]


CASES = [
    ("trim(s)", lambda s: s.str.strip()),
    ("substring(s, 2, 3)", lambda s: s.str.slice(1, 4)),
    ("substring(s, 3)", lambda s: s.str.slice(2)),
    ("left(s, 2)", lambda s: s.str.slice(0, 2)),
    ("right(s, 2)", lambda s: s.str.slice(-2)),
    ('replace(s, "-", "/")', lambda s: s.str.replace("-", "/", regex=False)),
    ('split_part(s, "-", 2)', lambda s: s.str.split("-").str[1]),
    ('starts_with(s, "A")', lambda s: s.str.startswith("A")),
    ('ends_with(s, "c")', lambda s: s.str.endswith("c")),
    ('matches(s, "^[A-Z]\\\\d+")', lambda s: s.str.contains(r"^[A-Z]\d+", regex=True)),
    ('extract(s, "(\\\\d+)")', lambda s: s.str.extract(r"(\d+)", expand=False)),
    ('extract(s, "[a-z]-[a-z]")', lambda s: s.str.extract(r"([a-z]-[a-z])", expand=False)),
    ('replace_regex(s, "(\\\\w)-(\\\\w)", "\\\\2+\\\\1")', lambda s: s.str.replace(r"(\w)-(\w)", r"\2+\1", regex=True)),
    ("upper(trim(s))", lambda s: s.str.strip().str.upper()),
]


def as_text(series):
    """Cells as pandas would write them to CSV and read them back as text."""
    return [None if pd.isna(v) else (str(v).lower() if isinstance(v, (bool,)) else str(v)) for v in series]


@pytest.mark.parametrize("expression, reference", CASES, ids=[c[0] for c in CASES])
def test_each_text_function_gives_what_pandas_gives_on_edge_cases(kc, edges, expression, reference):
    ours = shopmine_column(kc, "e", expression)
    theirs = reference(edges)
    mine = [None if pd.isna(v) else v for v in ours]
    # An empty result and a missing one are both an empty CSV field; compare them as equal. A missing
    # input stays missing in ShopMine (pandas 3's string dtype answers False for `startswith` there).
    expected = ["" if v is None or pd.isna(e) else v for v, e in zip(as_text(theirs), edges)]
    assert ["" if v is None else v for v in mine] == expected, expression


def test_concat_leaves_missing_out_and_plus_keeps_it_missing(kc, edges):
    ours = shopmine_column(kc, "e", 'concat(s, "|", s)')
    expected = [("" if pd.isna(v) else v) + "|" + ("" if pd.isna(v) else v) for v in edges]
    assert [("" if pd.isna(v) else v) for v in ours] == expected
    plus = shopmine_column(kc, "e", 's + "|"', name="plus")
    assert [pd.isna(p) for p in plus] == [pd.isna(v) or v == "" for v in edges]


def test_the_functions_on_a_real_export_with_chinese_names(kc):
    path = ROOT / "notebooks" / "data" / "messy-orders.csv"
    ok(kc, f'm = load "{path}"')
    orders = pd.read_csv(path, dtype=str)
    for expression, reference in [
        ('replace(支付方式, "微信", "WeChat")', lambda f: f["支付方式"].str.replace("微信", "WeChat", regex=False)),
        ("left(商品, 1)", lambda f: f["商品"].str.slice(0, 1)),
        ('matches(订单号, "^A1\\\\d{4}$")', lambda f: f["订单号"].str.contains(r"^A1\d{4}$", regex=True)),
        # str() writes a timestamp in ISO form, 2024-05-03T11:23:00.
        ('split_part(str(下单时间), "T", 1)', lambda f: f["下单时间"].str.split(" ").str[0]),
    ]:
        ours = shopmine_column(kc, "m", expression)
        assert as_text(ours) == as_text(reference(orders)), expression


def test_bad_arguments_are_clear_errors(kc, edges):
    for code, message in [
        ("e | derive x = substring(s, 0)", "'substring' needs a whole number of at least 1 as its second argument"),
        ('e | derive x = matches(s, "(")', "'matches' needs a regular expression, and \"(\" is not one"),
        ('e | derive x = split_part(s, "", 1)', "'split_part' needs a separator that is not empty"),
        ("e | derive x = trim(len(s))", "'trim' needs a string"),
    ]:
        reply, _ = execute(kc, code)
        assert reply["status"] == "error" and message in reply["evalue"], (code, reply.get("evalue"))
    ok(kc, "count(e)")


def test_arguments_may_be_columns_row_by_row(kc, edges):
    """A pattern or a position per row (`matches(s, p)`), as SQL allows, gives what each row's values give."""
    frame = pd.DataFrame({"s": ["A12", "b-7", "cc"], "p": ["^A", "[0-9]", "z"], "k": [1, 2, 5]})
    frame.to_csv(kc.tmp_path / "rows.csv", index=False)
    ok(kc, 'w = load "rows.csv"')
    assert list(shopmine_column(kc, "w", "matches(s, p)")) == ["true", "true", "false"]
    assert list(shopmine_column(kc, "w", "left(s, k)")) == ["A", "b-", "cc"]


NUMBERS = [" 42 ", "3.0", "1e3", "-7", "+5", "abc", None, "inf", "nan", "0x10", "12abc", "9223372036854775808",
           "1_000", "-0", "2.5", "TRUE", "no", "1"]


def python_int(v):
    """What `int(v)` gives in Python, kept to 64 bits as pandas' astype(int64) keeps it; None where it fails."""
    try:
        i = int(v)
    except (TypeError, ValueError):
        return None
    return i if -2**63 <= i < 2**63 and "_" not in v else None


@pytest.fixture
def numbers_as_text(kc):
    pd.DataFrame({"i": range(len(NUMBERS)), "s": NUMBERS}).to_csv(kc.tmp_path / "numbers.csv", index=False)
    ok(kc, 'n = load "numbers.csv" types s = string')
    return pd.read_csv(kc.tmp_path / "numbers.csv", dtype=str)["s"]


def floats(series):
    return [None if pd.isna(v) else float(v) for v in series]


def test_try_float_is_pandas_to_numeric_with_coerce(kc, numbers_as_text):
    ours = floats(shopmine_column(kc, "n", "try_float(s)"))
    assert ours == floats(pd.to_numeric(numbers_as_text, errors="coerce"))


def test_try_int_is_python_int_as_astype_reads_text(kc, numbers_as_text):
    ours = floats(shopmine_column(kc, "n", "try_int(s)"))
    assert ours == [None if v is None or pd.isna(v) else float(v) for v in map(
        lambda s: None if pd.isna(s) else python_int(s), numbers_as_text)]


def test_try_bool_reads_true_false_yes_no_one_zero(kc, numbers_as_text):
    words = {"true": "true", "false": "false", "yes": "true", "no": "false", "1": "true", "0": "false"}
    ours = shopmine_column(kc, "n", "try_bool(s)")
    theirs = numbers_as_text.str.strip().str.lower().map(words)
    assert as_text(ours) == as_text(theirs)


def test_casts_on_the_real_export_equal_pandas(kc):
    """The export's price and quantity columns have empty cells; read as text, cast back, they equal pandas'
    numbers, and `int` of the quantities equals `astype("Int64")`."""
    path = ROOT / "notebooks" / "data" / "messy-orders.csv"
    ok(kc, f'm = load "{path}" types 单价 = string, 数量 = string')
    orders = pd.read_csv(path, dtype=str)
    assert floats(shopmine_column(kc, "m", "float(单价)")) == floats(pd.to_numeric(orders["单价"]))
    assert floats(shopmine_column(kc, "m", "int(数量)")) == floats(orders["数量"].astype("Int64"))
    ours = shopmine_column(kc, "m", "string(float(单价) * 2)")
    assert floats(ours) == floats(pd.to_numeric(orders["单价"]) * 2)


def test_a_bad_cast_names_the_value_and_its_row(kc, numbers_as_text):
    for code, message in [
        ("n | where i > 0 | derive x = int(s)", "'int' cannot read \"3.0\" (row 1) as a whole number"),
        ("n | where i > 4 | derive x = float(s)", "'float' cannot read \"abc\" (row 1) as a number"),
        ("n | derive x = bool(i + 0.5) | derive y = int(s)", "cannot read \"3.0\" (row 2)"),
    ]:
        reply, _ = execute(kc, code)
        assert reply["status"] == "error" and message in reply["evalue"], (code, reply.get("evalue"))
    ok(kc, "count(n)")
