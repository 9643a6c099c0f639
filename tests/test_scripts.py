"""scripts/ holds the runnable maintenance scripts: each says what it does in a docstring, has a
line in the README, and starts (`--help`) from the project's environment."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from endofwar.paths import project_root

SCRIPTS = sorted((project_root() / "scripts").glob("*.py"))


def test_there_are_scripts():
    assert {p.name for p in SCRIPTS} >= {"release.py", "scale.py", "extract_speed.py", "validate_speed.py"}


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.name for p in SCRIPTS])
def test_a_script_has_a_docstring_a_readme_line_and_starts(script):
    assert ast.get_docstring(ast.parse(script.read_text(encoding="utf-8"))), f"{script.name}: add a docstring"
    readme = (project_root() / "README.md").read_text(encoding="utf-8")
    assert f"- `scripts/{script.name}`: " in readme, f"add a line for scripts/{script.name} to the README's Scripts section"
    done = subprocess.run([sys.executable, str(script), "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("usage: "), done.stderr
