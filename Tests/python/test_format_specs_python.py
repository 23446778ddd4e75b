"""String interpolation's format specs through the kernel, against Python's own `format(value, spec)`:
every (value, spec) pair below is printed by ShopMine as `"{v:spec}"` and compared with the text Python
makes of the same value. Where Python refuses a pair, ShopMine must refuse it too."""
from __future__ import annotations

import datetime

import pytest

from conftest import execute

INTS = [0, 7, -42, 1234567, 2**40, -(2**31)]
FLOATS = [0.125, 2.675, -1234.5678, 1e-7, 123456789.0, 1e16, 0.5, 3.0, -0.0, 131220.333, 0.000123456, 99.995]
STRINGS = ["Ann", "宝贝", "", "a longer text"]

NUMBER_SPECS = ["", ",", "_", ">10", "<8", "^9", "*^9", "=+10", "+", " ", "010", ",.2f", ".2f", ".0f", "#.0f",
                "08.3f", "+.3e", ".2E", "e", "g", ".3g", ".10g", "#.3g", "G", ".1%", "%", "n", "010,.2f",
                "=+12,.1f", ".3", ".12"]
INT_ONLY_SPECS = ["d", ",d", "x", "#x", "X", "#X", "b", "#b", "o", "_x", "08d", "+d", "c"]
STRING_SPECS = ["", ">6", "<6", "^7", "*>8", ".2", "s", "-^9.3s"]
TIME_SPECS = ["%Y-%m-%d", "%d %b %Y", "%A %j", "%H:%M:%S", "%I %p", "%y%m%d", "%B %e", "%a %u %w", "%F %T", "%%"]


def python_format(value, spec):
    try:
        return format(value, spec)
    except (ValueError, OverflowError):
        return None


def literal(value):
    if isinstance(value, str):
        return '"' + value + '"'
    if isinstance(value, float):
        return repr(value) if value == value and value not in (float("inf"), float("-inf")) else None
    return str(value)


def cases():
    out = []
    for v in INTS:
        for spec in NUMBER_SPECS + INT_ONLY_SPECS:
            if spec == "c" and not 0 <= v < 0x110000:
                continue
            out.append((v, spec))
    for v in FLOATS:
        for spec in NUMBER_SPECS:
            out.append((v, spec))
    for v in STRINGS:
        for spec in STRING_SPECS:
            out.append((v, spec))
    return out


def test_interpolation_formats_as_python_does(kc):
    pairs = cases()
    accepted = [(v, s) for v, s in pairs if python_format(v, s) is not None]
    lines = []
    for i, (v, spec) in enumerate(accepted):
        lines.append(f"v{i} = {literal(v)}")
        lines.append(f'print "[{{v{i}:{spec}}}]"')
    reply, outputs = execute(kc, "\n".join(lines))
    assert reply["status"] == "ok", reply.get("evalue")
    printed = "".join(c["text"] for t, c in outputs if t == "stream" and c["name"] == "stdout").split("\n")
    expected = [f"[{python_format(v, s)}]" for v, s in accepted]
    mismatches = [(v, s, got, want) for (v, s), got, want in zip(accepted, printed, expected) if got != want]
    assert not mismatches, mismatches[:20]
    assert len(accepted) > 400


@pytest.mark.parametrize("value,spec", [(v, s) for v, s in cases() if python_format(v, s) is None])
def test_what_python_refuses_is_refused(kc, value, spec):
    reply, _ = execute(kc, f'v = {literal(value)}\nprint "{{v:{spec}}}"')
    assert reply["status"] == "error"
    assert "format" in reply["evalue"], reply["evalue"]


def test_timestamps_take_strftime_directives(kc):
    when = datetime.datetime(2024, 3, 5, 14, 7, 9)
    lines = ['t = date("2024-03-05 14:07:09", "%Y-%m-%d %H:%M:%S")']
    lines += [f'print "[{{t:{spec}}}]"' for spec in TIME_SPECS]
    reply, outputs = execute(kc, "\n".join(lines))
    assert reply["status"] == "ok", reply.get("evalue")
    printed = "".join(c["text"] for t, c in outputs if t == "stream").split("\n")[: len(TIME_SPECS)]
    assert printed == [f"[{when.strftime(spec)}]" for spec in TIME_SPECS]


def test_format_function_and_columns(kc):
    """The same specs in `format(x, spec)` and in a string over columns, row by row."""
    reply, outputs = execute(kc, "\n".join([
        "t = generate orders 20 seed 4 | select category, price",
        'u = t | derive a = format(price, ",.3f"), b = "{category:>8}|{price:+09.2f}"',
        'save u to "u.csv"',
    ]))
    assert reply["status"] == "ok", reply.get("evalue")
    import pandas as pd

    u = pd.read_csv(kc.tmp_path / "u.csv", dtype=str, keep_default_na=False)
    for _, row in u.iterrows():
        price = float(row["price"])
        assert row["a"] == format(price, ",.3f")
        assert row["b"] == f"{row['category']:>8}|{price:+09.2f}"
