"""Rows per table and source, as the README shows them (a test keeps the README current)."""

from __future__ import annotations

from pathlib import Path

from endofwar.errors import EndofwarError


def counts_markdown(root: Path) -> str:
    """A Markdown table: one row per published table, one column per source, plus totals."""
    from endofwar.build.publish import published_tables

    tables = published_tables(root)
    if "sources" not in tables:
        raise EndofwarError("missing: nothing is published yet", file="tables/sources.parquet", fix="run `endofwar build` first")
    sources = tables["sources"].column("source_id").to_pylist()
    header = "| table | " + " | ".join(f"`{s}`" for s in sources) + " | total |"
    lines = [header, "|---|" + "---:|" * (len(sources) + 1)]
    for name, table in tables.items():
        if name == "sources" or "source_id" not in table.column_names:
            per_source = ["" for _ in sources]
        else:
            ids = table.column("source_id").to_pylist()
            per_source = [str(ids.count(s)) for s in sources]
        lines.append(f"| `{name}` | " + " | ".join(per_source) + f" | {table.num_rows} |")
    return "\n".join(lines) + "\n"
