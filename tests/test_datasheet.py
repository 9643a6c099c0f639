"""docs/datasheet.md carries the coverage figures `endofwar stats --coverage` gives for the
published tables (pasted, never typed), and the README and the site link it."""

from __future__ import annotations

from collections import Counter

import pyarrow.parquet as pq

from endofwar.outputs.stats import coverage_markdown
from endofwar.paths import project_root

DATASHEET = "docs/datasheet.md"


def test_datasheet_shows_the_current_coverage():
    text = (project_root() / DATASHEET).read_text(encoding="utf-8")
    assert coverage_markdown(project_root()) in text, f"paste the output of `endofwar stats --coverage` into {DATASHEET}"


def test_coverage_counts_the_gaps_of_the_sources():
    rows = pq.read_table(project_root() / "tables" / "sources.parquet").to_pylist()
    years = Counter(r["published_start"].year for r in rows if r["published_start"])
    thinnest = min(years.values())
    text = coverage_markdown(project_root())
    undated = sum(r["published_start"] is None for r in rows)
    excerpts = sum(r["text_extent"] == "excerpt" for r in rows)
    assert f"- {undated} of {len(rows)} sources state no publication date" in text
    assert f"- {excerpts} of {len(rows)} are excerpts (the start of the page as stored), {len(rows) - excerpts} full texts." in text
    assert "- The fewest sources in a year: " + ", ".join(f"{y} ({n})" for y, n in sorted(years.items()) if n == thinnest) + "." in text
    kinds = Counter(r["outlet_kind"] for r in rows)
    for kind, n in kinds.items():          # each outlet kind's row ends with its total, in both tables
        assert sum(line.startswith(f"| {kind} |") and line.endswith(f"| {n} |") for line in text.splitlines()) == 2


def test_readme_and_site_link_the_datasheet():
    from endofwar.outputs.site import render

    assert f"`{DATASHEET}`" in (project_root() / "README.md").read_text(encoding="utf-8")
    files = render(project_root())
    assert 'href="datasheet.html"' in files["index.html"].decode("utf-8")
    page = files["datasheet.html"].decode("utf-8")
    assert "<h2>Coverage</h2>" in page and "<th>outlet kind</th>" in page
