"""The timeline's geometry: an overview of every year, then one section per period, each with
its own linear time axis and one row per event, drawn as hand-written SVG.

Periods keep the dense years readable next to the sparse ones: sparse decades (fewer than
SPLIT events) are gathered into sections of fewer than SPLIT events; a dense decade gets a
section per year, adjacent years with fewer than SMALL events sharing one. A one-year section is ruled in months, a longer
one in years, so the 2018-2022 debate is never squeezed against 1950. An event sits in the
section of the year it starts in.

A date known to the day is a point; a month, a year or a range of years is a bar over its
bounds (date_start to date_end inclusive), so a fuzzy date never looks exact. A bar that
runs past its section's end is cut there and ends in an arrow; bars too narrow to see are
widened around their centre to MIN_BAR and the legend says so.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from endofwar.outputs.site.wording import MONTHS, fuzzy_date

WIDTH, PAD, TOP, ROW, MIN_BAR, CHAR = 1000, 16, 34, 26, 4.0, 6.4
SPLIT, SMALL = 12, 4
OVERVIEW_TOP, OVERVIEW_BARS = 22, 56
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


def periods(starts: Counter) -> list[tuple[int, int]]:
    """The sections as (first year, last year), in order, from the number of events starting each year.

    Adjacent decades with fewer than SPLIT events each share a section while it stays under
    SPLIT events; a decade with SPLIT or more gets a section per year, adjacent years with
    fewer than SMALL events sharing one.
    """
    decades = defaultdict(list)
    for year in sorted(starts):
        decades[year // 10].append(year)
    out: list[tuple[int, int]] = []
    run: list[int] = []  # the years of the sparse section being gathered

    def close() -> None:
        if run:
            out.append((run[0], run[-1]))
            run.clear()

    for years in decades.values():
        count = sum(starts[y] for y in years)
        if count < SPLIT:
            if sum(starts[y] for y in run) + count >= SPLIT:
                close()
            run.extend(years)
            continue
        close()
        for year in years:
            if starts[year] >= SMALL:
                close()
                out.append((year, year))
            else:
                run.append(year)
        close()
    close()
    return out


def section_id(first: int, last: int) -> str:
    return f"s-{first}" if first == last else f"s-{first}-{last}"


def _scale(first: int, last: int):
    lo, hi = dt.date(first, 1, 1), dt.date(last + 1, 1, 1)
    per_day = (WIDTH - 2 * PAD) / (hi - lo).days
    return lo, hi, (lambda day: PAD + (day - lo).days * per_day)


def _ticks(first: int, last: int, x) -> list[dict]:
    if first == last:  # months
        return [{"x": round(x(dt.date(first, m, 1)), 2), "label": MONTHS[m - 1][:3], "major": m == 1}
                for m in range(1, 13)] + [{"x": round(x(dt.date(first + 1, 1, 1)), 2), "label": "", "major": True}]
    years = range(first, last + 2)
    step = 1 if len(years) <= 16 else 5 if len(years) <= 80 else 10  # a label every year while they fit
    return [{"x": round(x(dt.date(y, 1, 1)), 2), "label": str(y) if y % step == 0 else "", "major": y % step == 0}
            for y in years]


def _mark(e: dict, row: int, x, hi: dt.date, palette: dict, evidence: dict) -> dict:
    start_day, end_day = e["date_start"], e["date_end"] + dt.timedelta(days=1)
    continues = end_day > hi
    start, end = x(start_day), x(min(end_day, hi))
    point = e["date_precision"] == "day"
    if not point and end - start < MIN_BAR:
        middle = (start + end) / 2
        start, end = middle - MIN_BAR / 2, middle + MIN_BAR / 2
    date = fuzzy_date(e["date_start"], e["date_end"], e["date_precision"])
    text = f"{e['title']} · {date}"
    rooms = {"right": WIDTH - PAD / 2 - (end + 6 + (8 if continues else 0)), "left": start - 6 - PAD / 2,
             "inside": 0 if point else end - start - 12}
    need = len(text) * CHAR
    side = "right" if rooms["right"] >= need else max(rooms, key=lambda k: (rooms[k], k == "right"))
    label_x = {"right": end + 6 + (8 if continues else 0), "left": start - 6, "inside": start + 6}[side]
    return {
        "event": e, "date": date, "colour": palette[e["event_type"]], "point": point, "y": TOP + 14 + row * ROW,
        "x": round(start, 2), "w": round(end - start, 2), "cx": round((start + end) / 2, 2), "end": round(end, 2),
        "continues": continues, "label": _fit(text, rooms[side]), "label_x": round(label_x, 2),
        "anchor": "end" if side == "left" else "start", "inside": side == "inside",
        "href": evidence.get(e["event_id"], f"#e-{e['event_id']}"),
    }


def _overview(events: list[dict], sections: list[dict], first: int, last: int) -> dict:
    """Events per starting year on one axis over the whole span; each bar links to its section."""
    _, _, x = _scale(first, last)
    starts = Counter(e["date_start"].year for e in events)
    most = max(starts.values())
    of_year = {y: s["id"] for s in sections for y in range(s["first"], s["last"] + 1)}
    width = x(dt.date(first + 1, 1, 1)) - x(dt.date(first, 1, 1))
    bars = []
    for year, n in sorted(starts.items()):
        h = max(round(OVERVIEW_BARS * n / most, 2), 2)
        bars.append({"year": year, "count": n, "href": f"#{of_year[year]}", "x": round(x(dt.date(year, 1, 1)) + 0.5, 2),
                     "w": round(max(width - 1, 1.5), 2), "y": round(OVERVIEW_TOP + OVERVIEW_BARS - h, 2), "h": h})
    bands = [{"x": round(x(dt.date(s["first"], 1, 1)), 2), "w": round(x(dt.date(s["last"] + 1, 1, 1)) - x(dt.date(s["first"], 1, 1)), 2),
              "href": f"#{s['id']}", "label": s["label"], "count": len(s["events"]), "odd": i % 2 == 1}
             for i, s in enumerate(sections)]
    years = [y for y in range(first, last + 2) if y % 10 == 0]
    ticks = [{"x": round(x(dt.date(y, 1, 1)), 2), "label": str(y), "major": True} for y in years]
    ticks += [{"x": round(x(dt.date(y, 1, 1)), 2), "label": str(y), "major": False} for y in (first, last + 1)
              if all(abs(y - other) >= 4 for other in years)]
    return {"width": WIDTH, "height": OVERVIEW_TOP + OVERVIEW_BARS + 16, "top": OVERVIEW_TOP, "base": OVERVIEW_TOP + OVERVIEW_BARS,
            "bars": bars, "bands": bands, "ticks": sorted(ticks, key=lambda t: t["x"]), "most": most}


def layout(events: list[dict], evidence: dict[str, str], types: list[str]) -> dict:
    """The overview, the legend, the years a filter can pick, and each section's axis and marks."""
    events = sorted(events, key=lambda e: (e["date_start"], e["date_end"], e["event_id"]))
    palette = colours(types)
    present = [t for t in types if any(e["event_type"] == t for e in events)]
    legend = [{"type": t, "colour": palette[t], "count": sum(e["event_type"] == t for e in events)} for t in present]
    if not events:
        return {"sections": [], "overview": None, "legend": legend, "years": [], "min_bar": MIN_BAR, "width": WIDTH}
    sections = []
    for first, last in periods(Counter(e["date_start"].year for e in events)):
        mine = [e for e in events if first <= e["date_start"].year <= last]
        lo, hi, x = _scale(first, last)
        label = str(first) if first == last else f"{first}–{last}"
        sections.append({
            "id": section_id(first, last), "first": first, "last": last, "label": label, "events": mine,
            "months": first == last, "ticks": _ticks(first, last, x), "width": WIDTH, "pad": PAD, "top": TOP,
            "height": TOP + 14 + len(mine) * ROW + 8, "axis_end": round(x(hi), 2),
            "marks": [_mark(e, row, x, hi, palette, evidence) for row, e in enumerate(mine)],
        })
    first, last = events[0]["date_start"].year, max(e["date_end"].year for e in events)
    covered = sorted({y for e in events for y in range(e["date_start"].year, e["date_end"].year + 1)})
    return {"sections": sections, "overview": _overview(events, sections, first, last), "legend": legend,
            "years": covered, "min_bar": MIN_BAR, "width": WIDTH}
