"""An event's date is the intersection of its sources' readings (endofwar.inputs.event_dates):
a more precise reading narrows it, a reading that does not overlap stops the build naming both
sources, and the registry dates only an event no source dates, or says which reading stands."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from conftest import snapshot

from endofwar.cli import main
from endofwar.inputs.event_dates import DateProblem, Reading, event_date, from_readings, precision_of

D = dt.date


def reading(source, start, end, basis="explicit", text=None, char_start=0, precision=None):
    return Reading(source, char_start, char_start + 5, text or f"{start}..{end}", start, end,
                   precision or precision_of(start, end), basis)


YEAR_2018 = reading("lowy", D(2018, 1, 1), D(2018, 12, 31), text="the 2018 Singapore summit")
JUNE_12 = reading("hankyoreh", D(2018, 6, 12), D(2018, 6, 12), "relative", text="on June 12")
JUNE = reading("usembassy", D(2018, 6, 1), D(2018, 6, 30), "inferred", text="in June")


def test_precision_follows_from_the_bounds():
    assert precision_of(D(2018, 6, 12), D(2018, 6, 12)) == "day"
    assert precision_of(D(2020, 2, 1), D(2020, 2, 29)) == "month"
    assert precision_of(D(2018, 1, 1), D(2018, 12, 31)) == "year"
    assert precision_of(D(1983, 1, 1), D(1987, 12, 31)) == "years"
    assert precision_of(D(2018, 6, 12), D(2018, 7, 11)) is None


def test_the_date_is_the_most_precise_one_every_reading_allows():
    """The year 2018, June 2018 and 12 June 2018 allow only 12 June, worded by the reading that says it."""
    date = from_readings([YEAR_2018, JUNE, JUNE_12])
    assert (date.start, date.end, date.precision) == (D(2018, 6, 12), D(2018, 6, 12), "day")
    assert (date.text, date.basis, date.source_id) == ("on June 12", "relative", "hankyoreh")


def test_of_readings_that_give_the_date_the_stated_one_words_it():
    stated = reading("keia", D(2018, 6, 12), D(2018, 6, 12), "explicit", text="June 12, 2018")
    assert from_readings([JUNE_12, stated]).text == "June 12, 2018"


def test_spans_of_years_that_only_intersect_are_clues_combined():
    """1991-1995 and 1992-1996 give 1992-1995, which neither says alone: inferred, worded by the narrower."""
    date = from_readings([reading("a", D(1991, 1, 1), D(1995, 12, 31)), reading("b", D(1992, 1, 1), D(1996, 12, 31), char_start=9)])
    assert (date.start, date.end, date.precision, date.basis) == (D(1992, 1, 1), D(1995, 12, 31), "years", "inferred")


def test_readings_that_do_not_overlap_name_both():
    seoul = reading("korea-on-point", D(2021, 9, 22), D(2021, 9, 22), "relative", text="on September 22")
    new_york = reading("yonhap", D(2021, 9, 21), D(2021, 9, 21), text="on Sept. 21, 2021")
    with pytest.raises(DateProblem) as problem:
        from_readings([seoul, new_york])
    assert {r.source_id for r in problem.value.readings} == {"korea-on-point", "yonhap"}
    assert "'on September 22' as 2021-09-22..2021-09-22" in problem.value.message
    assert "'on Sept. 21, 2021' as 2021-09-21..2021-09-21" in problem.value.message


def test_the_reading_that_stands_keeps_those_that_agree_with_it():
    seoul = reading("korea-on-point", D(2021, 9, 22), D(2021, 9, 22), "relative", text="on September 22")
    new_york = reading("yonhap", D(2021, 9, 21), D(2021, 9, 21), text="on Sept. 21, 2021")
    september = reading("korea-herald", D(2021, 9, 1), D(2021, 9, 30), "relative", text="in September")
    date = from_readings([seoul, new_york, september], ("yonhap", "on Sept. 21, 2021"), "New York time")
    assert (date.start, date.text, date.source_id, date.resolution) == (D(2021, 9, 21), "on Sept. 21, 2021", "yonhap", "New York time")
    august = reading("other", D(2021, 8, 1), D(2021, 8, 31), "relative", text="in August")
    with pytest.raises(DateProblem, match="narrow it"):  # the day agrees with the month: the day must stand
        from_readings([august, new_york, september], ("korea-herald", "in September"), "why")
    with pytest.raises(DateProblem, match="no reading of yonhap has the date_text 'Sept. 21'"):
        from_readings([seoul, new_york], ("yonhap", "Sept. 21"), "why")
    with pytest.raises(DateProblem, match="nothing to resolve"):
        from_readings([new_york, september], ("yonhap", "on Sept. 21, 2021"), "why")


def test_the_registry_dates_only_an_event_no_source_dates():
    own = {"date_start": D(2019, 2, 27), "date_end": D(2019, 2, 27), "date_precision": "day",
           "date_text": "on Wednesday", "date_basis": "inferred"}
    assert event_date(own, []).start == D(2019, 2, 27)
    with pytest.raises(DateProblem, match="registry keeps a date only for an event no source dates"):
        event_date(own, [JUNE_12])
    with pytest.raises(DateProblem, match="the registry gives no date") as problem:
        event_date({}, [])
    assert problem.value.field == "date_start"


# ---- through the build ------------------------------------------------------------------------

CARNEGIE = "annotations/carnegie-aftermath-third-inter-korean-summit-scenarios.yaml"
AIRPORT_ROW = ('  - {event_id: pyongyang-summit-2018, evidence: "President Moon Jae-in step off a plane to embrace '
               'Chairman Kim Jong-un on the tarmac at Pyongyang International Airport"}')


@pytest.fixture
def package(built, tmp_path):
    root = tmp_path / "pkg"
    shutil.copytree(built, root, symlinks=True)
    return root


def plant(root, day: str):
    """A reading of the Pyongyang summit on Carnegie's mention of it, which gives none."""
    path = root / CARNEGIE
    text = path.read_text(encoding="utf-8")
    assert AIRPORT_ROW in text
    path.write_text(text.replace(AIRPORT_ROW, AIRPORT_ROW[:-1] + (
        f', date_text: "Pyongyang International Airport", date_start: {day}, date_end: {day}, '
        "date_precision: day, date_basis: explicit}")), encoding="utf-8")


def summit(root) -> dict:
    events = pq.read_table(root / "tables" / "events.parquet").to_pylist()
    return next(e for e in events if e["event_id"] == "pyongyang-summit-2018")


def test_a_more_precise_reading_narrows_the_event(package):
    """Sentinel reads the summit as September 2018 ("in September"); a reading of 18 September
    2018 falls inside it, so the event becomes that day, worded and sourced by the new reading."""
    assert (summit(package)["date_start"], summit(package)["date_precision"]) == (D(2018, 9, 1), "month")
    plant(package, "2018-09-18")
    result = CliRunner().invoke(main, ["build", "--root", str(package)])
    assert result.exit_code == 0, result.output
    event = summit(package)
    assert (event["date_start"], event["date_end"], event["date_precision"]) == (D(2018, 9, 18), D(2018, 9, 18), "day")
    assert (event["date_text"], event["date_basis"]) == ("Pyongyang International Airport", "explicit")
    assert event["date_source_id"] == "carnegie-aftermath-third-inter-korean-summit-scenarios"


def test_a_disjoint_reading_stops_the_build_naming_both_sources(package):
    before = snapshot(package)
    plant(package, "2019-09-18")
    result = CliRunner().invoke(main, ["build", "--root", str(package)])
    assert result.exit_code == 1, result.output
    assert re.search(rf"{CARNEGIE}:\d+, field 'date_start,date_end': event pyongyang-summit-2018: the readings of its "
                     r"sources do not overlap: carnegie-aftermath-third-inter-korean-summit-scenarios \[\d+, \d+\) .*"
                     r"reads 'Pyongyang International Airport' as 2019-09-18..2019-09-18, but "
                     r"sentinel-us-nk-may-agree-end-war-vietnam \[\d+, \d+\) .* reads 'in September' as 2018-09-01..2018-09-30",
                     result.output), result.output
    assert "date_resolution" in result.output  # says how to record which reading stands
    assert snapshot(package) == before
