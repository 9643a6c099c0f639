"""The README stays true: its row counts and extractor scores are the current ones, and every
code block in it runs as written."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


# Every fenced block of the README runs as written, in a clone of this repository whose
# `make build` has run (its .venv is this one), unless an HTML comment right above it says
# `README test: not run: <why>`; `README test: run in: another directory` runs it from a folder
# outside the clone, as "from any working directory" promises.
BLOCK = re.compile(r"(?:<!-- README test: (?P<directive>[^\n]*?) -->\n)?^```(?P<lang>\w*)[^\n]*\n(?P<code>.*?)^```$", re.S | re.M)
MISSING = ("NULL", "<NA>", "NaN", "None |")  # an example showing mostly missing values shows nothing


def readme_blocks() -> list[tuple[int, str, str, str]]:
    readme = (project_root() / "README.md").read_text(encoding="utf-8")
    return [(readme[:m.start("lang")].count("\n") + 1, m["lang"], m["code"], m["directive"] or "")
            for m in BLOCK.finditer(readme)]


RUN = [b for b in readme_blocks() if not b[3].startswith("not run:")]


def test_every_block_runs_or_says_why_not():
    for line, lang, code, directive in readme_blocks():
        if directive.startswith("not run:"):
            assert len(directive) > len("not run: ") + 10, f"README.md:{line}: say why the block is not run"
        else:
            assert lang in ("sh", "python"), f"README.md:{line}: a block the test cannot run ({lang!r}): mark it"
            assert directive in ("", "run in: another directory"), f"README.md:{line}: unknown directive {directive!r}"
            assert "pip install" not in code, f"README.md:{line}: the test would install into its own environment"


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A clone of this repository as the working tree has it, with this environment as its .venv
    (a fresh clone after `make build`, without building again)."""
    root = project_root()
    dest = tmp_path_factory.mktemp("readme") / "endofwar"
    subprocess.run(["git", "clone", "-q", str(root), str(dest)], check=True)
    listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--modified", "--others", "--exclude-standard"],
                            capture_output=True, text=True, check=True).stdout
    for rel in filter(None, listed.split("\0")):
        if (root / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / rel, dest / rel)
    (dest / ".venv").symlink_to(Path(sys.prefix))
    return dest


@pytest.mark.parametrize("line,lang,code,directive", RUN, ids=[f"README.md:{b[0]}" for b in RUN])
def test_readme_block_runs_as_written(clone, tmp_path, line, lang, code, directive):
    cwd = tmp_path if directive == "run in: another directory" else clone
    bin_dir = str(Path(sys.executable).parent)
    env = {k: v for k, v in os.environ.items() if k != "ENDOFWAR_ROOT"}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != bin_dir)  # a fresh shell
    args = ["bash", "-e", "-o", "pipefail", "-c", code] if lang == "sh" else [str(clone / ".venv" / "bin" / "python"), "-c", code]
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"README.md:{line} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    assert done.stdout.strip(), f"README.md:{line} prints nothing: an example should show its result"
    shown = [m for m in MISSING if m in done.stdout]
    assert not shown, f"README.md:{line} shows missing values ({shown}): choose rows that show what it means to\n{done.stdout}"
