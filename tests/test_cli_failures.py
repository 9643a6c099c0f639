"""Failures a user can cause end in one line and a non-zero exit, never a traceback: a wrong
--root, nothing published yet, a missing or wrong path, a folder in the way, Ctrl-C (exit 130).
Anything else is a bug: its traceback is printed, with a line saying so and where to report it.
(Broken inputs and damaged packages: tests/test_bad_inputs.py; a locked dataset: tests/test_locking.py.)
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess

import pytest
from click.testing import CliRunner
from conftest import WAIT, command

from endofwar.cli import main
from endofwar.lock import writing
from endofwar.paths import project_root

NOT_A_DATASET = r"error: {bad}: not a dataset: there is no schemas/catalogue.yaml here \(pass --root"
NOTHING_PUBLISHED = r"error: .*missing.*\(run `endofwar build` first\)"

# (id, arguments, pattern of the message); {pkg} is a built package, {bare} the same inputs never
# built, {tmp} an empty folder, {bad} a folder that does not exist.
CASES = [
    *[(f"bad-root-{args[0]}", [*args, "--root", "{bad}"], NOT_A_DATASET) for args in (
        ["build"], ["watch"], ["validate"], ["sql", "select 1"], ["stats"], ["evaluate"], ["site", "{tmp}/site"],
        ["export-duckdb", "{tmp}/data.duckdb"], ["schemas"], ["extract", "{pkg}/raw/lowy-honouring-the-dead.txt"])],
    ("root-without-catalogue", ["build", "--root", "{tmp}"], r"error: {tmp}: not a dataset"),
    *[(f"nothing-published-{args[0]}", [*args, "--root", "{bare}"], NOTHING_PUBLISHED) for args in (
        ["validate"], ["sql", "select 1"], ["stats"], ["evaluate"], ["site", "{tmp}/site"], ["export-duckdb", "{tmp}/data.duckdb"])],
    ("export-into-missing-folder", ["export-duckdb", "{tmp}/no/such/folder/data.duckdb", "--root", "{pkg}"],
     r"error: {tmp}/no/such/folder: no such folder \(create it first"),
    ("site-below-a-file", ["site", "{pkg}/datapackage.json/site", "--root", "{pkg}"],
     r"error: {pkg}/datapackage\.json/\.site\.staging: Not a directory \(check the path"),
    ("site-into-a-foreign-folder", ["site", "{pkg}/raw", "--root", "{pkg}"],
     r"error: {pkg}/raw: exists and is not a site built by endofwar \(choose a new or empty folder"),
    ("synth-over-a-dataset", ["synth", "3", "{pkg}"],
     r"error: {pkg}: holds a raw/ folder that `endofwar synth` did not write \(it would be replaced\)"),
    ("diff-outside-a-repository", ["diff", "HEAD", "--repo", "{tmp}"],
     r"error: 'HEAD' is not a directory with datapackage.json, and {tmp} is not a git repository"),
    ("sql-syntax-error", ["sql", "selec 1", "--root", "{pkg}"], r"error: Parser Error: syntax error"),
]


@pytest.fixture
def places(built, tmp_path):
    pkg = tmp_path / "pkg"
    shutil.copytree(built, pkg, symlinks=True)
    shutil.copy(project_root() / "CHANGELOG.md", pkg)   # the site's citation is dated by it
    bare = tmp_path / "bare"
    shutil.copytree(built, bare, ignore=shutil.ignore_patterns("tables", "datapackage.json", ".cache", ".lock"))
    (tmp_path / "empty").mkdir()
    return {"pkg": str(pkg), "bare": str(bare), "tmp": str(tmp_path / "empty"), "bad": str(tmp_path / "no-such-dataset")}


@pytest.mark.parametrize("case, args, pattern", CASES, ids=[c[0] for c in CASES])
def test_a_user_error_is_one_line_and_exit_1(places, case, args, pattern):
    result = CliRunner().invoke(main, [a.format(**places) for a in args])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output, result.output
    assert result.output.startswith("error: ") and (case == "sql-syntax-error" or result.output.count("\n") == 1), result.output
    assert re.search(pattern.format(**{k: re.escape(v) for k, v in places.items()}), result.output), result.output


def test_a_wrong_endofwar_root_is_named(places):
    result = CliRunner(env={"ENDOFWAR_ROOT": places["bad"]}).invoke(main, ["stats"])
    assert result.exit_code == 1 and re.match(NOT_A_DATASET.format(bad=re.escape(places["bad"])), result.output), result.output


def test_ctrl_c_exits_130_in_one_line(places):
    """A real SIGINT, sent while `endofwar build` waits for the dataset's lock (a point it reports)."""
    with writing(__import__("pathlib").Path(places["pkg"]), command="the test"):
        build = subprocess.Popen([command("endofwar"), "build", "--root", places["pkg"]], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        try:
            assert build.stderr.readline().startswith("waiting: ")
            build.send_signal(signal.SIGINT)
            out, err = build.communicate(timeout=WAIT)
        finally:
            build.kill()
    assert build.returncode == 130 and err == "interrupted\n" and out == "", err


def test_a_keyboard_interrupt_in_any_command_exits_130(places, monkeypatch):
    def interrupted(root):
        raise KeyboardInterrupt

    monkeypatch.setattr("endofwar.outputs.stats.counts_markdown", interrupted)
    result = CliRunner().invoke(main, ["stats", "--root", places["pkg"]])
    assert result.exit_code == 130 and result.output == "interrupted\n", result.output


def test_an_unexpected_error_is_a_bug_with_its_traceback(places, monkeypatch):
    def broken(root):
        raise ZeroDivisionError("a mistake in the toolkit")

    monkeypatch.setattr("endofwar.outputs.stats.counts_markdown", broken)
    result = CliRunner().invoke(main, ["stats", "--root", places["pkg"]])
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.output and "ZeroDivisionError: a mistake in the toolkit" in result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("error: this is a bug in endofwar ") and "the project's issue tracker" in last, last


def test_a_permission_problem_is_one_line(places, monkeypatch):
    """What the machine refuses (here: no permission to write, as a non-root user would meet it)."""
    def refused(out, root=None):
        raise PermissionError(13, "Permission denied", os.path.join(str(out), ".site.staging"))

    monkeypatch.setattr("endofwar.outputs.site.build_site", refused)
    result = CliRunner().invoke(main, ["site", places["tmp"] + "/site", "--root", places["pkg"]])
    assert result.exit_code == 1, result.output
    assert result.output == f"error: {places['tmp']}/site/.site.staging: Permission denied (check the path, its permissions and the free disk space)\n"
