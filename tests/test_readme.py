"""The README stays true: its summary of rows per table and source is the published one."""

from __future__ import annotations

from endofwar.paths import project_root
from endofwar.stats import counts_markdown


def test_readme_shows_the_current_row_counts():
    readme = (project_root() / "README.md").read_text(encoding="utf-8")
    assert counts_markdown(project_root()) in readme, "paste the output of `endofwar stats` into README.md"
