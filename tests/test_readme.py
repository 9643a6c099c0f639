"""The README stays true: its row counts and extractor scores are the current ones."""

from __future__ import annotations

from endofwar.extraction.evaluate import MODES, evaluate, format_summary
from endofwar.outputs.stats import counts_markdown
from endofwar.paths import project_root


def test_readme_shows_the_current_row_counts():
    readme = (project_root() / "README.md").read_text(encoding="utf-8")
    assert counts_markdown(project_root()) in readme, "paste the output of `endofwar stats` into README.md"


def test_readme_shows_the_current_extractor_scores():
    readme = (project_root() / "README.md").read_text(encoding="utf-8")
    reports = {mode: evaluate(project_root(), mode=mode) for mode in MODES}
    assert format_summary(reports) in readme, "paste the output of `endofwar evaluate --summary` into README.md"
