"""Releases are found by their version number in a clone without tags (the first commit whose
datapackage.json carries the version), and scripts/release.py checks that what names the
version agrees and says what is left to do."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest
from conftest import command

import endofwar
from endofwar.build.publish import build
from endofwar.paths import project_root

ENDOFWAR = command("endofwar")
RELEASE_SCRIPT = project_root() / "scripts" / "release.py"
EINHORN = "robert-einhorn"


def _git(repo, *args) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout.strip()


def _commit(repo, message: str) -> str:
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", message)
    return _git(repo, "rev-parse", "HEAD")


def _set_version(repo, version: str) -> None:
    path = repo / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"version": "0.1.0"', f'"version": "{version}"', 1), encoding="utf-8")


@pytest.fixture(scope="module")
def history(built, tmp_path_factory):
    """A repository without tags: release 0.1.0, a data change (still 0.1.0), then 0.2.0; and a fresh clone."""
    origin = tmp_path_factory.mktemp("releases") / "origin"
    shutil.copytree(built, origin, ignore=shutil.ignore_patterns(".cache", ".lock", ".staging"))
    for name in ("CHANGELOG.md", "CITATION.cff", "docs"):
        copy = shutil.copytree if (project_root() / name).is_dir() else shutil.copy
        copy(project_root() / name, origin / name)
    (origin / ".gitignore").write_text(".cache/\n.lock/\n.staging/\n", encoding="utf-8")
    _git(origin, "init", "-q", "-b", "main")
    commits = {"0.1.0": _commit(origin, "release 0.1.0")}
    registry = origin / "annotations" / "registry.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("name: Robert Einhorn", "name: Robert J. Einhorn", 1), encoding="utf-8")
    build(origin)
    commits["change"] = _commit(origin, "a correction, not released yet")
    _set_version(origin, "0.2.0")
    commits["0.2.0"] = _commit(origin, "release 0.2.0")
    clone = origin.parent / "clone"
    subprocess.run(["git", "clone", "-q", "--no-tags", str(origin), str(clone)], check=True)
    assert _git(clone, "tag") == ""
    return origin, clone, commits


def _diff(clone, *args):
    return subprocess.run([ENDOFWAR, "diff", *args, "--repo", str(clone), "--format", "json"], capture_output=True, text=True)


@pytest.mark.parametrize("spec", ["0.1.0", "v0.1.0"])
def test_diff_finds_a_release_by_its_version_without_tags(history, spec):
    _, clone, commits = history
    done = _diff(clone, spec)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["old"] == {"label": spec, "commit": commits["0.1.0"], "version": "0.1.0"}
    changed = result["tables"]["experts"]["changed"]
    assert [c["key"] for c in changed] == [{"expert_id": EINHORN}], changed


def test_diff_between_two_versions_and_an_unknown_one(history):
    _, clone, commits = history
    done = _diff(clone, "0.1.0", "0.2.0")
    assert done.returncode == 0 and json.loads(done.stdout)["new"]["commit"] == commits["0.2.0"], done.stderr
    unknown = _diff(clone, "0.3.0")
    assert unknown.returncode == 1 and unknown.stderr.count("\n") == 1, unknown.stderr
    assert "'0.3.0' is neither" in unknown.stderr and "a version that a committed datapackage.json carries" in unknown.stderr


def test_a_git_revision_wins_over_a_version_number(history, tmp_path):
    origin, _, commits = history
    clone = tmp_path / "tagged"
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True)
    _git(clone, "tag", "v0.1.0", commits["change"])       # a tag where the user put it
    assert json.loads(_diff(clone, "v0.1.0").stdout)["old"]["commit"] == commits["change"]
    assert json.loads(_diff(clone, "0.1.0").stdout)["old"]["commit"] == commits["0.1.0"]


def test_load_and_connect_read_a_release_from_history(history):
    _, clone, commits = history
    name = "select name from experts where expert_id = 'robert-einhorn'"
    old = endofwar.load("experts", root=clone, version="0.1.0")
    assert old.set_index("expert_id").loc[EINHORN, "name"] == "Robert Einhorn"
    assert str(old["name"].dtype) == "string"
    assert endofwar.connect(clone, version="v0.1.0").sql(name).fetchall() == [("Robert Einhorn",)]
    assert endofwar.connect(clone).sql(name).fetchall() == [("Robert J. Einhorn",)]
    assert (clone / ".cache" / "versions" / commits["0.1.0"] / "tables" / "experts.parquet").is_file()  # unpacked once


def _release(repo):
    return subprocess.run([sys.executable, str(RELEASE_SCRIPT), "--root", str(repo)], capture_output=True, text=True)


@pytest.fixture
def released(history, tmp_path):
    """A clone of the 0.1.0 release alone (what names the version agrees), without tags."""
    origin, _, commits = history
    repo = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", "--no-tags", str(origin), str(repo)], check=True)
    _git(repo, "reset", "-q", "--hard", commits["0.1.0"])
    return repo, commits["0.1.0"]


def test_release_script_says_what_is_left_and_accepts_a_finished_release(released):
    repo, first = released
    done = _release(repo)
    assert done.returncode == 0, done.stdout
    assert f"git tag -a v0.1.0 -m \"endofwar 0.1.0\" {first[:12]}" in done.stdout
    _git(repo, "tag", "v0.1.0", first)
    done = _release(repo)
    assert done.returncode == 0 and "release 0.1.0 is complete" in done.stdout, done.stdout


@pytest.mark.parametrize("case", ["tag-elsewhere", "newer-heading", "stale-citation", "descriptor-version"])
def test_release_script_finds_what_disagrees(released, case):
    repo, first = released
    if case == "tag-elsewhere":
        (repo / "README.txt").write_text("later\n", encoding="utf-8")
        _git(repo, "tag", "v0.1.0", _commit(repo, "later"))
        expected = f"tag v0.1.0 points at .* but the first commit whose datapackage.json carries 0.1.0 is {first[:12]}"
    elif case == "newer-heading":
        changelog = repo / "CHANGELOG.md"
        changelog.write_text(changelog.read_text(encoding="utf-8").replace("## 0.1.0 - ", "## 0.2.0 - 2099-01-01\n\n## 0.1.0 - ", 1),
                             encoding="utf-8")
        expected = r"CHANGELOG.md: its newest release heading is 0.2.0, but __version__ is 0.1.0"
    elif case == "stale-citation":
        cff = repo / "CITATION.cff"
        cff.write_text(cff.read_text(encoding="utf-8").replace("version: \"0.1.0\"", "version: \"0.0.9\""), encoding="utf-8")
        expected = r"CITATION.cff: out of date .* run `endofwar schemas`"
    else:
        _set_version(repo, "0.2.0")
        expected = r"datapackage.json: version 0.2.0, but __version__ is 0.1.0: run `make build`"
    done = _release(repo)
    assert done.returncode == 1, done.stdout
    assert re.search(rf"disagrees: {expected}", done.stdout), done.stdout
