"""The calendar functions through the kernel, against pandas' `dt` accessor on the same timestamps: every
day of 2019–2026 at a varying time of day (leap years, ISO weeks 53 and 1 around New Year, the
daylight-saving changes of Berlin and New York), with missing values. Each ShopMine column is
saved as CSV and compared cell by cell."""
from __future__ import annotations

import datetime

import pandas as pd
import pytest

from conftest import execute


def ok(kc, code):
    reply, outputs = execute(kc, code)
    assert reply["status"] == "ok", f"{code!r}: {reply.get('evalue')} {outputs}"


@pytest.fixture
def times(kc):
    days = pd.date_range("2019-01-01", "2026-12-31", freq="D")
    ts = days + pd.to_timedelta([(i * 3_607) % 86_400 for i in range(len(days))], unit="s")
    frame = pd.DataFrame({"i": range(len(ts)), "ts": ts})
    frame.loc[frame.i % 97 == 5, "ts"] = pd.NaT
    frame["text"] = frame.ts.dt.strftime("%m/%d/%Y %H:%M")
    frame.to_csv(kc.tmp_path / "times.csv", index=False, date_format="%Y-%m-%dT%H:%M:%S")
    ok(kc, 'd = load "times.csv" types text = string')
    return frame


def column(kc, expression):
    ok(kc, f"r = d | derive out = {expression} | select i, out")
    ok(kc, 'save r to "out.csv"')
    return pd.read_csv(kc.tmp_path / "out.csv", keep_default_na=False, na_values=[""], dtype={"out": str})["out"]


def texts(series):
    return [None if pd.isna(v) else str(v) for v in series]


def iso(series):
    return [None if pd.isna(v) else v.strftime("%Y-%m-%dT%H:%M:%S") for v in series]


def shown(values):
    """ShopMine's CSV writes midnight as the date and other times in ISO form."""
    return [None if v is None else (v[:10] if v.endswith("T00:00:00") else v) for v in values]


@pytest.mark.parametrize("expression, reference", [
    ("quarter(ts)", lambda t: t.dt.quarter),
    ("week(ts)", lambda t: t.dt.isocalendar().week),
    ("dayofyear(ts)", lambda t: t.dt.dayofyear),
    ("weekday_name(ts)", lambda t: t.dt.day_name()),
])
def test_calendar_fields_equal_pandas(kc, times, expression, reference):
    ours = column(kc, expression)
    theirs = [None if pd.isna(v) else str(int(v)) if not isinstance(v, str) else v for v in reference(times.ts)]
    assert texts(ours) == theirs, expression


@pytest.mark.parametrize("unit, period", [
    ("hour", "h"), ("day", "D"), ("week", "W-SUN"), ("month", "M"), ("quarter", "Q"), ("year", "Y"),
])
def test_date_trunc_is_the_start_of_pandas_period(kc, times, unit, period):
    ours = column(kc, f'date_trunc("{unit}", ts)')
    starts = times.ts.dt.to_period(period).dt.start_time
    assert shown(texts(ours)) == shown(iso(starts)), unit


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "Europe/Berlin", "America/New_York"])
def test_to_tz_gives_the_wall_clock_pandas_gives(kc, times, zone):
    ours = column(kc, f'to_tz(ts, "{zone}")')
    wall = times.ts.dt.tz_localize("UTC").dt.tz_convert(zone).dt.tz_localize(None)
    assert shown(texts(ours)) == shown(iso(wall)), zone


def test_date_with_a_format_reads_text_as_pandas_to_datetime(kc, times):
    ours = column(kc, 'date(text, "%m/%d/%Y %H:%M")')
    theirs = pd.to_datetime(times.text, format="%m/%d/%Y %H:%M")
    assert shown(texts(ours)) == shown(iso(theirs))


def test_now_and_today_are_the_current_time(kc, times):
    before = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None, microsecond=0)
    ours = column(kc, "now()")
    after = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    stamps = {pd.Timestamp(v) for v in ours}
    assert len(stamps) == 1, "now() differs between rows"
    (stamp,) = stamps
    assert before - datetime.timedelta(seconds=1) <= stamp <= after
    today = column(kc, "today()")
    assert set(today) == {stamp.strftime("%Y-%m-%d")}


def test_bad_arguments_are_clear_errors(kc, times):
    for code, message in [
        ('d | derive x = date_trunc("fortnight", ts)', 'not "fortnight"'),
        ('d | derive x = to_tz(ts, "Mars/Olympus")', 'unknown time zone "Mars/Olympus"'),
        ('d | derive x = date(text, "%Y-%m-%d")', 'does not match the format "%Y-%m-%d"'),
        ("d | derive x = quarter(text)", "'quarter' needs a timestamp"),
    ]:
        reply, _ = execute(kc, code)
        assert reply["status"] == "error" and message in reply["evalue"], (code, reply.get("evalue"))
