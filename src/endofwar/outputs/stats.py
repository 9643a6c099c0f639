"""Rows per table and sources per outlet kind and year, as the README shows them, and the corpus's
coverage, as the datasheet shows it (tests keep both current). Per-source counts would be a column
per source: unreadable past a few."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from endofwar.errors import EndofwarError


def _published(root: Path) -> dict:
    from endofwar.build.publish import published_tables

    tables = published_tables(root)
    if "sources" not in tables:
        raise EndofwarError("missing: nothing is published yet", file="tables/sources.parquet", fix="run `endofwar build` first")
    return tables


def counts_markdown(root: Path) -> str:
    """Two Markdown tables: rows per published table (reviewed and auto), then the sources by
    outlet kind and publication year ('unknown' where no date is stated)."""
    tables = _published(root)
    lines = ["| table | rows | reviewed | auto |", "|---|---:|---:|---:|"]
    for name, table in tables.items():
        status = Counter(table.column("coding_status").to_pylist()) if "coding_status" in table.column_names else {}
        cells = [str(status.get(s, 0)) if status else "" for s in ("reviewed", "auto")]
        lines.append(f"| `{name}` | {table.num_rows} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n\n" + _sources_by_kind_and_year(tables["sources"])


def _sources_by_kind_and_year(sources) -> str:
    kinds = sources.column("outlet_kind").to_pylist()
    years = [str(d.year) if d else "unknown" for d in sources.column("published_start").to_pylist()]
    columns = sorted(set(years) - {"unknown"}) + (["unknown"] if "unknown" in years else [])
    counts = Counter(zip(kinds, years))
    lines = ["| outlet kind | " + " | ".join(columns) + " | total |", "|---|" + "---:|" * (len(columns) + 1)]
    for kind in sorted(set(kinds)):
        cells = [str(counts.get((kind, y), "")) for y in columns]
        lines.append(f"| {kind} | " + " | ".join(cells) + f" | {kinds.count(kind)} |")
    totals = [str(years.count(y)) for y in columns]
    lines.append("| total | " + " | ".join(totals) + f" | {len(kinds)} |")
    return "\n".join(lines) + "\n"


def coverage_markdown(root: Path) -> str:
    """What the sources cover and miss, as the datasheet states it: by year and outlet kind, by
    language, excerpt or full text and genre by outlet kind, and the gaps counted."""
    sources = _published(root)["sources"]
    kinds = sources.column("outlet_kind").to_pylist()
    years = [str(d.year) if d else None for d in sources.column("published_start").to_pylist()]
    extents = sources.column("text_extent").to_pylist()
    total = len(kinds)
    by_year = Counter(y for y in years if y)
    thinnest = min(by_year.values()) if by_year else 0
    languages = Counter(sources.column("language").to_pylist())
    gaps = [
        f"- {years.count(None)} of {total} sources state no publication date (`published_start` empty).",
        f"- {extents.count('excerpt')} of {total} are excerpts (the start of the page as stored), "
        f"{extents.count('full')} full texts.",
        "- The fewest sources in a year: " + ", ".join(f"{y} ({n})" for y, n in sorted(by_year.items()) if n == thinnest) + "."
        if by_year else "- No source states its year.",
        "- Languages: " + ", ".join(f"{lang} ({n})" for lang, n in sorted(languages.items())) + ".",
    ]
    return ("Sources by outlet kind and year of publication:\n\n" + _sources_by_kind_and_year(sources)
            + "\nSources by outlet kind, text extent and genre:\n\n"
            + _crosstab(kinds, extents, sources.column("genre").to_pylist()) + "\n" + "\n".join(gaps) + "\n")


def _crosstab(kinds: list, extents: list, genres: list) -> str:
    """Outlet kind by text extent (excerpt, full) and genre: one count per cell."""
    columns = [("text_extent", v) for v in sorted(set(extents))] + [("genre", v) for v in sorted(set(genres))]
    lines = ["| outlet kind | " + " | ".join(v for _, v in columns) + " | total |", "|---|" + "---:|" * (len(columns) + 1)]
    for kind in sorted(set(kinds)):
        values = {"text_extent": [e for k, e in zip(kinds, extents) if k == kind], "genre": [g for k, g in zip(kinds, genres) if k == kind]}
        lines.append(f"| {kind} | " + " | ".join(str(values[c].count(v) or "") for c, v in columns) + f" | {kinds.count(kind)} |")
    totals = {"text_extent": extents, "genre": genres}
    lines.append("| total | " + " | ".join(str(totals[c].count(v)) for c, v in columns) + f" | {len(kinds)} |")
    return "\n".join(lines) + "\n"
