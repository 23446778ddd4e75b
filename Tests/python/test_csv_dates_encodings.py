"""CSV `dates FORMAT`, `tz ZONE` and `encoding NAME`: files written by pandas load to the values pandas reads.

Dates are compared with `pd.to_datetime(text, format=FORMAT)`; zones with `tz_localize(ZONE).tz_convert("UTC")`
(an hour repeated when clocks go back is its first, summer-time instant, `ambiguous=True`; an hour skipped when
they go forward moves forward by the gap, `nonexistent=timedelta(hours=1)`); encodings with the frame pandas
wrote through `to_csv(encoding=...)`. Through `shopmine run` (the table is saved back as CSV, whose timestamps
are ISO-8601 in UTC) and, for the issue's two examples, through the kernel.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

from conftest import execute
from test_csv_missing_markers import schema_type

ROOT = Path(__file__).resolve().parents[2]


def run(shopmine_bin, tmp_path, load: str):
    """(returncode, stdout, stderr) of a script that loads with `load` and saves the table to out.csv."""
    (tmp_path / "s.mine").write_text(f"t = {load}\nsave t to \"out.csv\"\nprint(t | schema)\n", encoding="utf-8")
    result = subprocess.run([shopmine_bin, "run", "s.mine"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    return result.returncode, result.stdout, result.stderr


def loaded(shopmine_bin, tmp_path, load: str):
    """The saved table as pandas reads it, and the schema ShopMine printed."""
    code, out, err = run(shopmine_bin, tmp_path, load)
    assert code == 0, err
    return pd.read_csv(tmp_path / "out.csv", keep_default_na=False, na_values=[""]), out


def utc_naive(series: pd.Series) -> pd.Series:
    """Times as naive UTC, the way ShopMine stores them."""
    if series.dt.tz is not None:
        series = series.dt.tz_convert("UTC").dt.tz_localize(None)
    return series.astype("datetime64[us]")


def saved_times(frame: pd.DataFrame, column: str) -> pd.Series:
    return utc_naive(pd.to_datetime(frame[column], format="ISO8601"))


def some_times(n: int = 60, seed: int = 7) -> pd.Series:
    rng = np.random.default_rng(seed)
    seconds = rng.integers(pd.Timestamp("1971-01-01").value // 10**9, pd.Timestamp("2060-12-31").value // 10**9, n)
    micros = rng.integers(0, 1_000_000, n)
    return pd.Series(pd.to_datetime(seconds, unit="s") + pd.to_timedelta(micros, unit="us"))


FORMATS = [
    "%d/%m/%Y", "%d/%m/%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%m/%d/%y %I:%M %p", "%d %b %Y %H:%M:%S", "%B %d, %Y",
    "%Y%m%d", "%Y-%j", "%Y-%m-%d %H:%M:%S.%f", "%a, %d %b %Y %H:%M", "%Y年%m月%d日 %H时%M分",
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_dates_format_reads_what_pandas_reads(shopmine_bin, tmp_path, fmt):
    text = some_times().dt.strftime(fmt)
    frame = pd.DataFrame({"id": range(len(text)), "when": text, "amount": np.arange(len(text)) * 1.5})
    frame.to_csv(tmp_path / "in.csv", index=False, encoding="utf-8")
    ours, schema = loaded(shopmine_bin, tmp_path, f'load "in.csv" dates "{fmt}"')
    assert schema_type(schema, "when") == "timestamp", schema
    assert schema_type(schema, "id") == "int", schema
    expected = utc_naive(pd.to_datetime(pd.read_csv(tmp_path / "in.csv", dtype=str)["when"], format=fmt))
    pdt.assert_series_equal(saved_times(ours, "when"), expected, check_names=False)


def test_offsets_in_the_text_are_kept(shopmine_bin, tmp_path):
    fmt = "%d/%m/%Y %H:%M %z"
    zones = ["Europe/Berlin", "Asia/Shanghai", "America/New_York", "UTC"]
    text = [t.tz_localize("UTC").tz_convert(zones[k % 4]).strftime(fmt) for k, t in enumerate(some_times(40))]
    pd.DataFrame({"when": text}).to_csv(tmp_path / "in.csv", index=False)
    # The zone applies only to times without an offset: these all have one.
    ours, _ = loaded(shopmine_bin, tmp_path, f'load "in.csv" dates "{fmt}" tz "Asia/Tokyo"')
    expected = utc_naive(pd.to_datetime(pd.Series(text), format=fmt, utc=True))
    pdt.assert_series_equal(saved_times(ours, "when"), expected, check_names=False)


def test_a_column_that_only_partly_follows_the_format_stays_text(shopmine_bin, tmp_path):
    (tmp_path / "in.csv").write_text("id,when\n1,02/01/2024\n2,soon\n3,31/12/2024\n")
    ours, schema = loaded(shopmine_bin, tmp_path, 'load "in.csv" dates "%d/%m/%Y"')
    assert schema_type(schema, "when") == "string", schema
    assert list(ours["when"]) == ["02/01/2024", "soon", "31/12/2024"]
    code, _, err = run(shopmine_bin, tmp_path, 'load "in.csv" dates "%d/%m/%Y" types when = timestamp')
    assert code == 1 and "line 3" in err and "'soon'" in err and "%d/%m/%Y" in err, err


def wall_times_around_berlin_dst_changes() -> pd.Series:
    """Every 15 minutes around the 2024 changes, both nights, with the skipped and repeated hours."""
    spring = pd.date_range("2024-03-30 22:00", "2024-03-31 05:00", freq="15min")
    autumn = pd.date_range("2024-10-26 22:00", "2024-10-27 05:00", freq="15min")
    summer = pd.date_range("2024-07-01 00:00", "2024-07-01 03:00", freq="45min")
    return pd.Series(spring.append(autumn).append(summer))


def berlin_to_utc(wall: pd.Series) -> pd.Series:
    localized = wall.dt.tz_localize("Europe/Berlin", ambiguous=np.ones(len(wall), dtype=bool),
                                    nonexistent=pd.Timedelta(hours=1))
    return utc_naive(localized)


def test_tz_reads_wall_times_in_the_zone_across_daylight_saving_changes(shopmine_bin, tmp_path):
    wall = wall_times_around_berlin_dst_changes()
    fmt = "%d/%m/%Y %H:%M"
    frame = pd.DataFrame({"local": wall.dt.strftime(fmt), "iso": wall.dt.strftime("%Y-%m-%d %H:%M:%S"),
                          "stamped": wall.dt.strftime("%Y-%m-%dT%H:%M:%S+08:00")})
    frame.to_csv(tmp_path / "in.csv", index=False)
    ours, schema = loaded(shopmine_bin, tmp_path, f'load "in.csv" dates "{fmt}" tz "Europe/Berlin"')
    expected = berlin_to_utc(wall)
    # The skipped hour (02:00–02:59 on 31 March) and the repeated one (02:00–02:59 on 27 October) are in.
    assert (wall.dt.strftime("%m-%d %H") == "03-31 02").sum() == 4
    assert (wall.dt.strftime("%m-%d %H") == "10-27 02").sum() == 4
    pdt.assert_series_equal(saved_times(ours, "local"), expected, check_names=False)
    # ISO-8601 columns are read in the zone too; a written offset is kept.
    pdt.assert_series_equal(saved_times(ours, "iso"), expected, check_names=False)
    stamped = utc_naive(pd.to_datetime(frame["stamped"], utc=True))
    pdt.assert_series_equal(saved_times(ours, "stamped"), stamped, check_names=False)
    # Without tz, offset-free times are UTC as before.
    plain, _ = loaded(shopmine_bin, tmp_path, f'load "in.csv" dates "{fmt}"')
    pdt.assert_series_equal(saved_times(plain, "local"), utc_naive(wall), check_names=False)


PEOPLE = pd.DataFrame({
    "name": ["José Müller", "Zoë Françoise", "Øystein Ångström", "Ana Peña"],
    "city": ["北京", "上海", "广州", "深圳"],
    "amount": [12.5, 7.0, 3.25, 100.0],
})


@pytest.mark.parametrize("encoding, columns", [
    ("gb18030", ["name", "city", "amount"]), ("gbk", ["city", "amount"]), ("utf-16", ["name", "city", "amount"]),
    ("latin-1", ["name", "amount"]), ("cp1252", ["name", "amount"]),
])
def test_encoding_reads_what_pandas_wrote(shopmine_bin, tmp_path, encoding, columns):
    frame = PEOPLE[columns]
    frame.to_csv(tmp_path / "in.csv", index=False, encoding=encoding)
    ours, schema = loaded(shopmine_bin, tmp_path, f'load "in.csv" encoding "{encoding}"')
    pdt.assert_frame_equal(ours, pd.read_csv(tmp_path / "in.csv", encoding=encoding))
    pdt.assert_frame_equal(ours, frame)
    assert schema_type(schema, "amount") == "float", schema


def test_utf16_and_utf8_byte_order_marks_are_recognised_without_encoding(shopmine_bin, tmp_path):
    for encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"):
        raw = PEOPLE.to_csv(index=False)
        data = raw.encode(encoding)
        if encoding in ("utf-16-le", "utf-16-be"):
            data = "\ufeff".encode(encoding) + data
        (tmp_path / "in.csv").write_bytes(data)
        ours, _ = loaded(shopmine_bin, tmp_path, 'load "in.csv"')
        pdt.assert_frame_equal(ours, PEOPLE)


def test_a_file_that_is_not_utf8_names_the_line_and_suggests_its_encoding(shopmine_bin, tmp_path):
    PEOPLE[["city", "amount"]].to_csv(tmp_path / "in.csv", index=False, encoding="gb18030")
    code, _, err = run(shopmine_bin, tmp_path, 'load "in.csv"')
    assert code == 1 and "not UTF-8" in err and 'encoding "gb18030"' in err and "line 2" in err, err
    PEOPLE[["name", "amount"]].to_csv(tmp_path / "in.csv", index=False, encoding="latin-1")
    code, _, err = run(shopmine_bin, tmp_path, 'load "in.csv"')
    assert code == 1 and 'encoding "latin-1"' in err and "line 2" in err, err


def test_bytes_invalid_in_the_named_encoding_are_an_error_with_their_line(shopmine_bin, tmp_path):
    good = PEOPLE[["city", "amount"]].to_csv(index=False).encode("gb18030")
    (tmp_path / "in.csv").write_bytes(good + b"\xff\xff,1\n")
    code, _, err = run(shopmine_bin, tmp_path, 'load "in.csv" encoding "gb18030"')
    assert code == 1 and "line 6" in err and "0xFF" in err and "latin-1" in err, err


def test_orders_eu_example_through_the_kernel(kc):
    folder = kc.tmp_path / "exports"
    folder.mkdir()
    wall = wall_times_around_berlin_dst_changes()
    frame = pd.DataFrame({"order_id": range(1, len(wall) + 1), "ordered": wall.dt.strftime("%d/%m/%Y %H:%M"),
                          "price": np.round(np.linspace(1, 250, len(wall)), 2), "city": "Köln"})
    frame.to_csv(folder / "orders_eu.csv", sep=";", decimal=",", index=False)
    code = 'raw = load "exports/orders_eu.csv" sep ";" decimal "," dates "%d/%m/%Y %H:%M" tz "Europe/Berlin"'
    reply, outputs = execute(kc, code)
    assert reply["status"] == "ok", outputs
    reply, outputs = execute(kc, 'save raw to "out.csv"')
    assert reply["status"] == "ok", outputs
    ours = pd.read_csv(kc.tmp_path / "out.csv")
    theirs = pd.read_csv(folder / "orders_eu.csv", sep=";", decimal=",")
    pdt.assert_series_equal(saved_times(ours, "ordered"), berlin_to_utc(
        pd.to_datetime(theirs["ordered"], format="%d/%m/%Y %H:%M")), check_names=False)
    pdt.assert_frame_equal(ours.drop(columns="ordered"), theirs.drop(columns="ordered"))


def test_eu_orders_example_through_the_kernel(kc):
    data = kc.tmp_path / "notebooks" / "data"
    data.mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / "data" / "eu-orders.csv", data / "eu-orders.csv")
    reply, outputs = execute(kc, 'raw = load "notebooks/data/eu-orders.csv" dates "%d/%m/%Y" decimal ","')
    assert reply["status"] == "ok", outputs
    reply, outputs = execute(kc, 'save raw to "out.csv"\nprint(raw | schema)')
    assert reply["status"] == "ok", outputs
    ours = pd.read_csv(kc.tmp_path / "out.csv", dtype={"qty_text": str}, keep_default_na=False, na_values=[""])
    theirs = pd.read_csv(data / "eu-orders.csv", sep=";", decimal=",", dtype={"qty_text": str})
    assert "Peking" in set(theirs["city"]) and theirs["qty_text"].str.startswith(" ").any()
    theirs["order_date"] = pd.to_datetime(theirs["order_date"], format="%d/%m/%Y").astype("datetime64[us]")
    ours["order_date"] = saved_times(ours, "order_date")
    pdt.assert_frame_equal(ours, theirs)


def test_bad_options_are_clear_errors_and_the_kernel_lives(kc):
    (kc.tmp_path / "in.csv").write_text("a;b\n1;2\n")
    cases = [
        ('load "in.csv" dates "%d/%q/%Y"', "unknown directive '%q'"),
        ('load "in.csv" dates "%d/%m/%Y %"', "lone '%'"),
        ('load "in.csv" dates "%I:%M"', "%I and %p together"),
        ('load "in.csv" tz "Europe/Berln"', "did you mean 'Europe/Berlin'"),
        ('load "in.csv" encoding "gb-2312x"', "unknown encoding"),
        ('load "in.csv" encoding "latin_2"', "did you mean 'latin-1'"),
        ('load "in.csv" sep "," decimal ","', "cannot also be the field separator"),
    ]
    for code, phrase in cases:
        reply, outputs = execute(kc, code)
        assert reply["status"] == "error", (code, outputs)
        text = "\n".join("\n".join(c["traceback"]) for kind, c in outputs if kind == "error")
        assert phrase in text, (code, text)
    reply, outputs = execute(kc, 't = load "in.csv" decimal ","\nprint(t | schema)')
    assert reply["status"] == "ok", outputs


@pytest.mark.parametrize("zone", ["Europe/Moscow", "America/Sao_Paulo", "Asia/Shanghai", "America/New_York"])
def test_tz_follows_every_offset_change_of_the_zone(shopmine_bin, tmp_path, zone):
    # Moscow's 2011 and 2014 changes were not daylight saving; Sao Paulo dropped it in 2019; 1950 and 2150
    # are near the ends of the table.
    wall = pd.Series(pd.to_datetime(["1950-06-01 12:00", "2010-06-01 12:00", "2012-01-15 03:00", "2015-06-01 12:00",
                                     "2018-12-01 12:00", "2021-12-01 12:00", "2150-07-01 12:00"]))
    pd.DataFrame({"t": wall.dt.strftime("%Y-%m-%d %H:%M:%S")}).to_csv(tmp_path / "in.csv", index=False)
    ours, _ = loaded(shopmine_bin, tmp_path, f'load "in.csv" tz "{zone}"')
    pdt.assert_series_equal(saved_times(ours, "t"), utc_naive(wall.dt.tz_localize(zone)), check_names=False)
