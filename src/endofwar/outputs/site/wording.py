"""How the site words dates, sizes, vocabulary values and the citation (no locale, no clock)."""

from __future__ import annotations

import datetime as dt

import yaml

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def fuzzy_date(start: dt.date | None, end: dt.date | None, precision: str | None) -> str:
    """A date as precise as it is known: '21 May 2021', 'September 2021', '2018', '1983–1987'."""
    if start is None:
        return ""
    if precision == "day" and start == end:
        return f"{start.day} {MONTHS[start.month - 1]} {start.year}"
    if precision == "month" and (start.year, start.month) == (end.year, end.month):
        return f"{MONTHS[start.month - 1]} {start.year}"
    if precision in ("year", "years") and start.year == end.year:
        return str(start.year)
    if precision in ("year", "years"):
        return f"{start.year}–{end.year}"
    return f"{start.isoformat()} – {end.isoformat()}"


def label(value: str | None) -> str:
    """A vocabulary value for reading: 'end_of_war_declaration' -> 'end of war declaration'."""
    return (value or "").replace("_", " ")


def size(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def citation_text(cff: str) -> str:
    """A one-paragraph reference (APA-like) from the text of CITATION.cff."""
    meta = yaml.safe_load(cff)
    authors = ", ".join(a.get("name") or " ".join(filter(None, [a.get("given-names"), a.get("family-names")]))
                        for a in meta.get("authors", []))
    year = str(meta.get("date-released", ""))[:4]
    text = f"{authors} ({year}). {meta['title']} (Version {meta['version']}) [Data set]."
    if meta.get("doi"):
        text += f" https://doi.org/{meta['doi']}"
    elif meta.get("url"):
        text += f" {meta['url']}"
    return text
