"""The timeline's geometry: one row per event on a linear time axis, drawn as hand-written SVG.

A date known to the day is a point; a month, a year or a range of years is a bar over its
bounds (date_start to date_end inclusive), so a fuzzy date never looks exact. Bars too
narrow to see are widened around their centre to MIN_BAR and the legend says so.
"""

from __future__ import annotations

import datetime as dt

from endofwar.outputs.site.wording import fuzzy_date

WIDTH, PAD, TOP, ROW, MIN_BAR, CHAR = 1000, 16, 34, 26, 4.0, 6.4
# One colour per event_type, assigned by the type's position in the vocabulary (stable across data).
PALETTE = ("#4e79a7", "#e15759", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#9c755f",
           "#ff9da7", "#499894", "#d37295", "#8cd17d", "#b6992d", "#86bcb6", "#a0cbe8", "#ffbe7d",
           "#79706e", "#d4a6c8", "#bab0ac", "#9d7660")


def colours(types: list[str]) -> dict[str, str]:
    return {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(types)}


def _fit(text: str, room: float) -> str:
    """The label, shortened with an ellipsis to fit `room` SVG units."""
    most = max(int(room / CHAR), 4)
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def layout(events: list[dict], evidence: dict[str, str], types: list[str]) -> dict:
    """Positions of the axis, the year ticks and one mark plus label per event (sorted by date)."""
    events = sorted(events, key=lambda e: (e["date_start"], e["date_end"], e["event_id"]))
    if not events:
        return {"width": WIDTH, "height": TOP, "top": TOP, "pad": PAD, "ticks": [], "marks": [], "legend": [],
                "min_bar": MIN_BAR}
    first = min(e["date_start"] for e in events).year
    last = max(e["date_end"] for e in events).year + 1
    lo, hi = dt.date(first, 1, 1), dt.date(last, 1, 1)
    scale = (WIDTH - 2 * PAD) / (hi - lo).days
    x = lambda day: PAD + (day - lo).days * scale
    palette = colours(types)
    years = [y for y in range(first, last + 1) if y % 5 == 0]
    years += [y for y in (first, last) if all(abs(y - other) >= 3 for other in years)]  # ends, unless crowded
    ticks = [{"x": round(x(dt.date(year, 1, 1)), 2), "year": year, "major": year % 10 == 0} for year in sorted(years)]
    marks = []
    for row, e in enumerate(events):
        y = TOP + 14 + row * ROW
        start, end = x(e["date_start"]), x(e["date_end"] + dt.timedelta(days=1))
        point = e["date_precision"] == "day"
        if not point and end - start < MIN_BAR:
            middle = (start + end) / 2
            start, end = middle - MIN_BAR / 2, middle + MIN_BAR / 2
        date = fuzzy_date(e["date_start"], e["date_end"], e["date_precision"])
        text = f"{e['title']} · {date}"
        left_room, right_room = start - 6 - PAD / 2, WIDTH - PAD / 2 - (end + 6)
        right = right_room >= len(text) * CHAR or right_room >= left_room
        marks.append({
            "event": e, "date": date, "colour": palette[e["event_type"]], "point": point, "y": y,
            "x": round(start, 2), "w": round(end - start, 2), "cx": round((start + end) / 2, 2),
            "label": _fit(text, right_room if right else left_room),
            "label_x": round(end + 6 if right else start - 6, 2), "anchor": "start" if right else "end",
            "href": evidence.get(e["event_id"], f"#e-{e['event_id']}"),
        })
    present = [t for t in types if any(e["event_type"] == t for e in events)]
    legend = [{"type": t, "colour": palette[t], "count": sum(e["event_type"] == t for e in events)} for t in present]
    return {"width": WIDTH, "height": TOP + 14 + len(events) * ROW + 8, "top": TOP, "pad": PAD,
            "ticks": ticks, "marks": marks, "legend": legend, "min_bar": MIN_BAR}
