"""An event's date derived from what its sources say: the intersection of their readings.

Each event_sources row may carry its source's own reading of the event's date (date_text,
bounds, precision, basis). The event's bounds are the most precise date every reading allows
(the latest start, the earliest end), its precision follows from the bounds, and its wording,
basis and source are those of the reading that gives the bounds. The registry keeps a date only
for an event no single source dates. Readings that do not overlap are an error unless the
registry says which reading stands and why (date_source_id, date_text, date_resolution); the
bounds are then those of the readings that agree with it. The build derives every event's date
with this module; validation derives it again from the published tables and compares.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

READING = ("date_text", "date_start", "date_end", "date_precision", "date_basis")
DERIVED_DATE = ("date_start", "date_end", "date_precision", "date_text", "date_basis")
BOUNDS = ("date_start", "date_end", "date_precision", "date_basis")
BASIS_ORDER = {"explicit": 0, "relative": 1, "inferred": 2}
REGISTRY_FIX = ("fix the reading that misreads its source, or record in annotations/registry.yaml which reading "
                "stands and why: date_source_id, date_text (that reading's) and date_resolution")


@dataclass(frozen=True)
class Reading:
    """One source's reading of an event's date, at one mention."""

    source_id: str
    char_start: int
    char_end: int
    text: str
    start: dt.date
    end: dt.date
    precision: str
    basis: str
    where: tuple = field(default=(), compare=False)  # (file, line) that wrote it, for messages

    def describe(self) -> str:
        at = f" ({self.where[0]}" + (f":{self.where[1]}" if self.where[1] else "") + ")" if self.where else ""
        return f"{self.source_id} [{self.char_start}, {self.char_end}){at} reads {self.text!r} as {self.start}..{self.end}"


@dataclass(frozen=True)
class EventDate:
    start: dt.date
    end: dt.date
    precision: str
    text: str
    basis: str
    source_id: str | None = None
    resolution: str | None = None

    def values(self) -> dict:
        """The date as the events table's fields."""
        return {"date_start": self.start, "date_end": self.end, "date_precision": self.precision,
                "date_text": self.text, "date_basis": self.basis, "date_source_id": self.source_id,
                "date_resolution": self.resolution}


class DateProblem(Exception):
    """Why an event's date cannot be derived; `readings` are the ones at fault (none: the event's own entry)."""

    def __init__(self, message: str, field: str, readings=(), fix: str | None = None):
        super().__init__(message)
        self.message, self.field, self.readings, self.fix = message, field, tuple(readings), fix


def precision_of(start: dt.date, end: dt.date) -> str | None:
    """The precision whose bounds these are: a day, a month, a year or several whole years."""
    if start == end:
        return "day"
    if start.day == 1 and (end.year, end.month) == (start.year, start.month) \
            and end.day == calendar.monthrange(end.year, end.month)[1]:
        return "month"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and end.year >= start.year:
        return "year" if end.year == start.year else "years"
    return None


def _order(r: Reading) -> tuple:
    return BASIS_ORDER.get(r.basis, len(BASIS_ORDER)), r.source_id, r.char_start


def _disjoint(readings) -> DateProblem:
    later = max(readings, key=lambda r: (r.start, _order(r)))
    earlier = min(readings, key=lambda r: (r.end, _order(r)))
    return DateProblem(f"the readings of its sources do not overlap: {later.describe()}, but {earlier.describe()}",
                       "date_start,date_end", (later, earlier), REGISTRY_FIX)


def _bounds(readings) -> tuple[dt.date, dt.date]:
    return max(r.start for r in readings), min(r.end for r in readings)


def _dated(start, end, text, basis, source_id, resolution=None) -> EventDate:
    precision = precision_of(start, end)
    if precision is None:  # readings that fit their precisions always intersect in one that fits
        raise DateProblem(f"the readings intersect in {start}..{end}, which fits no precision", "date_start,date_end")
    return EventDate(start, end, precision, text, basis, source_id, resolution)


def from_readings(readings: list[Reading], stands: tuple | None = None, resolution: str | None = None) -> EventDate:
    """The date the readings give: their intersection, worded by the reading that gives it (the
    first by basis, explicit first, then source and offset); inferred, worded by the narrowest
    reading, when none gives it alone. With a resolution, `stands` is the (source_id, date_text)
    of the reading that stands, and only the readings that overlap it count."""
    start, end = _bounds(readings)
    if start <= end:
        if resolution:
            raise DateProblem(f"the readings of its sources overlap ({start}..{end}): there is nothing to resolve",
                              "date_resolution", fix="remove date_resolution, date_source_id and date_text from its registry entry")
        ordered = sorted(readings, key=_order)
        exact = [r for r in ordered if (r.start, r.end) == (start, end)]
        if exact:
            return _dated(start, end, exact[0].text, exact[0].basis, exact[0].source_id)
        narrowest = min(ordered, key=lambda r: (r.end - r.start, _order(r)))
        return _dated(start, end, narrowest.text, "inferred", narrowest.source_id)
    if not resolution:
        raise _disjoint(readings)
    standing = [r for r in readings if (r.source_id, r.text) == tuple(stands or ())]
    if not standing:
        source, text = stands or (None, None)
        raise DateProblem(f"no reading of {source} has the date_text {text!r}", "date_source_id,date_text",
                          fix="name the source and the date_text of the reading that stands")
    s_start, s_end = _bounds(standing)
    if s_start > s_end:
        raise _disjoint(standing)
    agreeing = [r for r in readings if r.start <= s_end and r.end >= s_start]
    start, end = _bounds(agreeing)
    if start > end:
        raise _disjoint(agreeing)
    if (start, end) != (s_start, s_end):
        raise DateProblem(f"the readings that agree with the one that stands narrow it to {start}..{end}",
                          "date_source_id,date_text", fix="name the most precise of the readings that agree as the one that stands")
    basis = min((r.basis for r in standing), key=lambda b: BASIS_ORDER.get(b, len(BASIS_ORDER)))
    return _dated(start, end, stands[1], basis, stands[0], resolution)


def event_date(entry: dict, readings: list[Reading]) -> EventDate:
    """The date of an event from its registry entry (event table fields) and its readings."""
    resolution = entry.get("date_resolution")
    if readings:
        written = [f for f in BOUNDS if entry.get(f) is not None]
        if written:
            raise DateProblem(
                f"{len(readings)} reading(s) of its sources date it, so its date is derived from them; the registry keeps "
                "a date only for an event no source dates", written[0],
                fix=f"remove {', '.join(written)} from its registry entry")
        if not resolution and (entry.get("date_text") or entry.get("date_source_id")):
            raise DateProblem("date_text and date_source_id come from the readings; the registry writes them only "
                              "with date_resolution, to say which of two readings that do not overlap stands",
                              "date_text" if entry.get("date_text") else "date_source_id",
                              fix="remove them, or add date_resolution")
        stands = (entry.get("date_source_id"), entry.get("date_text")) if resolution else None
        return from_readings(readings, stands, resolution)
    if resolution or entry.get("date_source_id"):
        raise DateProblem("no source's reading dates it: there is no reading to stand",
                          "date_resolution" if resolution else "date_source_id",
                          fix="remove date_resolution and date_source_id, or add the readings to event_sources")
    missing = [f for f in DERIVED_DATE if entry.get(f) is None]
    if missing:
        raise DateProblem("no source's reading dates it and the registry gives no date", missing[0], fix=(
            "give the reading (date_text, date_start, date_end, date_precision, date_basis) on the event_sources "
            "row of a source that dates it; only when clues of several sources together date it, write the date "
            "and its basis in the registry"))
    return EventDate(entry["date_start"], entry["date_end"], entry["date_precision"], entry["date_text"], entry["date_basis"])
