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


def numbers(series):
    return [None if pd.isna(v) else float(v) for v in series]


def close(ours, theirs):
    """Floats equal to a microsecond in days (the representation's resolution), missing in the same rows."""
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs):
        assert (a is None) == (b is None) and (a is None or abs(a - b) < 2e-11), (a, b)


@pytest.mark.parametrize("expression, delta", [
    ("ts + 7 days", pd.Timedelta(days=7)),
    ("ts - 90 minutes", -pd.Timedelta(minutes=90)),
    ("ts + 2 weeks", pd.Timedelta(weeks=2)),
    ("ts + 1 day + 2 hours + 10 seconds", pd.Timedelta(days=1, hours=2, seconds=10)),
    ("2 hours + ts", pd.Timedelta(hours=2)),
])
def test_timestamp_plus_a_duration_equals_pandas_timedelta(kc, times, expression, delta):
    ours = column(kc, expression)
    assert shown(texts(ours)) == shown(iso(times.ts + delta)), expression


def test_timestamp_difference_is_days_with_fractions_as_pandas(kc, times):
    ours = numbers(column(kc, "ts - date(ts)"))
    close(ours, numbers((times.ts - times.ts.dt.normalize()) / pd.Timedelta(days=1)))
    ours = numbers(column(kc, '(ts - date("2022-07-01")) * 2 - 1 day'))
    close(ours, numbers((times.ts - pd.Timestamp("2022-07-01")) * 2 / pd.Timedelta(days=1) - 1))


def test_days_between_counts_calendar_days_and_floor_gives_pandas_dt_days(kc, times):
    """`days_between(a, b)` is date(b) − date(a); pandas' `(b - a).dt.days` (whole elapsed days, floored)
    is `floor(b - a)`."""
    end = pd.Timestamp("2024-06-15 08:30")
    ours = column(kc, 'days_between(ts, date("2024-06-15T08:30:00", "%Y-%m-%dT%H:%M:%S"))')
    assert texts(ours) == [None if pd.isna(v) else str(int(v)) for v in (end.normalize() - times.ts.dt.normalize()).dt.days]
    ours = column(kc, 'floor(date("2024-06-15T08:30:00", "%Y-%m-%dT%H:%M:%S") - ts)')
    assert numbers(ours) == numbers((end - times.ts).dt.days)


def test_a_day_is_24_hours_across_daylight_saving_as_zone_aware_pandas(kc, times):
    """`ts + 1 day` on UTC instants is 24 hours later; the Berlin wall clocks of the two differ by 23 or 25
    hours around the changes, as pandas' zone-aware times show."""
    ours = numbers(column(kc, 'to_tz(ts + 1 day, "Europe/Berlin") - to_tz(ts, "Europe/Berlin")'))
    aware = times.ts.dt.tz_localize("UTC").dt.tz_convert("Europe/Berlin")
    wall = lambda t: t.dt.tz_localize(None)
    theirs = numbers((wall(aware + pd.Timedelta(days=1)) - wall(aware)) / pd.Timedelta(days=1))
    close(ours, theirs)
    assert {round(v * 24) for v in theirs if v is not None} == {23, 24, 25}


def test_calendar_fills_missing_days_per_group_as_pandas_reindex(kc, times):
    ok(kc, 'g = d | where ts is not missing and i % 3 != 0 and i < 400 '
           '| derive day = date(ts), k = if(i % 2 == 0, "a", "b") | select day, k, i')
    ok(kc, 'c = g | calendar day every day by k fill 0')
    ok(kc, 'save c to "cal.csv"')
    ours = pd.read_csv(kc.tmp_path / "cal.csv", keep_default_na=False, na_values=[""])
    sub = times[times.ts.notna() & (times.i % 3 != 0) & (times.i < 400)].copy()
    sub["day"] = sub.ts.dt.normalize()
    sub["k"] = ["a" if i % 2 == 0 else "b" for i in sub.i]
    parts = []
    for k, part in sub.groupby("k"):
        full = part.set_index("day")[["i"]].reindex(
            pd.date_range(part.day.min(), part.day.max(), freq="D"), fill_value=0)
        full.index.name = "day"
        parts.append(full.reset_index().assign(k=k))
    theirs = pd.concat(parts, ignore_index=True)
    assert list(ours.k) == list(theirs.k)
    assert shown(texts(ours.day)) == shown(iso(theirs.day))
    assert list(ours.i) == list(theirs.i)


def test_calendar_every_month_leaves_added_rows_missing_as_pandas_asfreq(kc, times):
    ok(kc, 'm = d | where ts is not missing | group by month = date_trunc("month", ts) aggregate n = count() '
           '| where month(month) != 3 and month(month) != 8')
    ok(kc, 'c = m | calendar month every month')
    ok(kc, 'save c to "cal.csv"')
    ours = pd.read_csv(kc.tmp_path / "cal.csv", keep_default_na=False, na_values=[""])
    counts = times.dropna().groupby(times.ts.dt.to_period("M").dt.start_time).size()
    counts = counts[(counts.index.month != 3) & (counts.index.month != 8)]
    theirs = counts.asfreq("MS")
    assert shown(texts(ours.month)) == shown(iso(theirs.index))
    assert numbers(ours.n) == numbers(theirs)


def test_duration_and_calendar_errors_are_clear(kc, times):
    for code, message in [
        ("d | derive x = ts * 2", "a timestamp takes + or − a duration"),
        ("d | calendar i every day", "needs a timestamp column"),
        ("d | where ts is not missing | calendar ts every fortnight", "fortnight"),
    ]:
        reply, _ = execute(kc, code)
        assert reply["status"] == "error" and message in reply["evalue"], (code, reply.get("evalue"))
    ok(kc, "count(d)")
