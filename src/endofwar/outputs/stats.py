"""Rows per table and sources per outlet kind and year, as the README shows them (a test keeps
the README current). Per-source counts would be a column per source: unreadable past a few."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from endofwar.errors import EndofwarError


def counts_markdown(root: Path) -> str:
    """Two Markdown tables: rows per published table (reviewed and auto), then the sources by
    outlet kind and publication year ('unknown' where no date is stated)."""
    from endofwar.build.publish import published_tables

    tables = published_tables(root)
    if "sources" not in tables:
        raise EndofwarError("missing: nothing is published yet", file="tables/sources.parquet", fix="run `endofwar build` first")
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
