"""Releases are found by their version number in a clone without tags (the first commit whose
datapackage.json carries the version), and scripts/release.py checks that what names the
version agrees and says what is left to do."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import zipfile

import pytest
from conftest import command

import endofwar
from endofwar.build.publish import build
from endofwar.paths import project_root

ENDOFWAR = command("endofwar")
# The history the tests build: the current version released, then the next minor one.
_MAJOR, _MINOR, _ = (int(x) for x in endofwar.__version__.split("."))
CURRENT, NEXT, LATER = endofwar.__version__, f"{_MAJOR}.{_MINOR + 1}.0", f"{_MAJOR}.{_MINOR + 2}.0"
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
    path.write_text(path.read_text(encoding="utf-8").replace(f'"version": "{CURRENT}"', f'"version": "{version}"', 1), encoding="utf-8")


@pytest.fixture(scope="module")
def history(built, tmp_path_factory):
    """A repository without tags: release CURRENT, a data change (still CURRENT), then NEXT; and a fresh clone."""
    origin = tmp_path_factory.mktemp("releases") / "origin"
    shutil.copytree(built, origin, ignore=shutil.ignore_patterns(".cache", ".lock", ".staging"))
    for name in ("CHANGELOG.md", "CITATION.cff", ".zenodo.json", "README.md", "docs"):
        copy = shutil.copytree if (project_root() / name).is_dir() else shutil.copy
        copy(project_root() / name, origin / name)
    (origin / ".gitignore").write_text(".cache/\n.lock/\n.staging/\n", encoding="utf-8")
    _git(origin, "init", "-q", "-b", "main")
    commits = {CURRENT: _commit(origin, f"release {CURRENT}")}
    registry = origin / "annotations" / "registry.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("name: Robert Einhorn", "name: Robert J. Einhorn", 1), encoding="utf-8")
    build(origin)
    commits["change"] = _commit(origin, "a correction, not released yet")
    _set_version(origin, NEXT)
    commits[NEXT] = _commit(origin, f"release {NEXT}")
    clone = origin.parent / "clone"
    subprocess.run(["git", "clone", "-q", "--no-tags", str(origin), str(clone)], check=True)
    assert _git(clone, "tag") == ""
    return origin, clone, commits


def _diff(clone, *args):
    return subprocess.run([ENDOFWAR, "diff", *args, "--repo", str(clone), "--format", "json"], capture_output=True, text=True)


@pytest.mark.parametrize("spec", [CURRENT, f"v{CURRENT}"])
def test_diff_finds_a_release_by_its_version_without_tags(history, spec):
    _, clone, commits = history
    done = _diff(clone, spec)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["old"] == {"label": spec, "commit": commits[CURRENT], "version": CURRENT}
    changed = result["tables"]["experts"]["changed"]
    assert [c["key"] for c in changed] == [{"expert_id": EINHORN}], changed


def test_diff_between_two_versions_and_an_unknown_one(history):
    _, clone, commits = history
    done = _diff(clone, CURRENT, NEXT)
    assert done.returncode == 0 and json.loads(done.stdout)["new"]["commit"] == commits[NEXT], done.stderr
    unknown = _diff(clone, LATER)
    assert unknown.returncode == 1 and unknown.stderr.count("\n") == 1, unknown.stderr
    assert f"'{LATER}' is neither" in unknown.stderr and "a version that a committed datapackage.json carries" in unknown.stderr


def test_a_git_revision_wins_over_a_version_number(history, tmp_path):
    origin, _, commits = history
    clone = tmp_path / "tagged"
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True)
    _git(clone, "tag", f"v{CURRENT}", commits["change"])       # a tag where the user put it
    assert json.loads(_diff(clone, f"v{CURRENT}").stdout)["old"]["commit"] == commits["change"]
    assert json.loads(_diff(clone, CURRENT).stdout)["old"]["commit"] == commits[CURRENT]


def test_load_and_connect_read_a_release_from_history(history):
    _, clone, commits = history
    name = "select name from experts where expert_id = 'robert-einhorn'"
    old = endofwar.load("experts", root=clone, version=CURRENT)
    assert old.set_index("expert_id").loc[EINHORN, "name"] == "Robert Einhorn"
    assert str(old["name"].dtype) == "string"
    assert endofwar.connect(clone, version=f"v{CURRENT}").sql(name).fetchall() == [("Robert Einhorn",)]
    assert endofwar.connect(clone).sql(name).fetchall() == [("Robert J. Einhorn",)]
    assert (clone / ".cache" / "versions" / commits[CURRENT] / "tables" / "experts.parquet").is_file()  # unpacked once


def _release(repo, *args):
    return subprocess.run([sys.executable, str(RELEASE_SCRIPT), "--root", str(repo), *args], capture_output=True, text=True)


@pytest.fixture
def released(history, tmp_path):
    """A clone of the CURRENT release alone (what names the version agrees), without tags."""
    origin, _, commits = history
    repo = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", "--no-tags", str(origin), str(repo)], check=True)
    _git(repo, "reset", "-q", "--hard", commits[CURRENT])
    return repo, commits[CURRENT]


def test_release_script_says_what_is_left_and_accepts_a_finished_release(released):
    repo, first = released
    done = _release(repo)
    assert done.returncode == 0, done.stdout
    assert f"git tag -a v{CURRENT} -m \"endofwar {CURRENT}\" {first[:12]}" in done.stdout
    _git(repo, "tag", f"v{CURRENT}", first)
    done = _release(repo)
    assert done.returncode == 0 and f"release {CURRENT} is complete" in done.stdout, done.stdout


@pytest.mark.parametrize("case", ["tag-elsewhere", "newer-heading", "stale-citation", "descriptor-version"])
def test_release_script_finds_what_disagrees(released, case):
    repo, first = released
    if case == "tag-elsewhere":
        (repo / "README.txt").write_text("later\n", encoding="utf-8")
        _git(repo, "tag", f"v{CURRENT}", _commit(repo, "later"))
        expected = f"tag v{CURRENT} points at .* but the first commit whose datapackage.json carries {CURRENT} is {first[:12]}"
    elif case == "newer-heading":
        changelog = repo / "CHANGELOG.md"
        changelog.write_text(changelog.read_text(encoding="utf-8").replace(f"## {CURRENT} - ", f"## {NEXT} - 2099-01-01\n\n## {CURRENT} - ", 1),
                             encoding="utf-8")
        expected = rf"CHANGELOG.md: its newest release heading is {NEXT}, but __version__ is {CURRENT}"
    elif case == "stale-citation":
        cff = repo / "CITATION.cff"
        cff.write_text(cff.read_text(encoding="utf-8").replace(f"version: \"{CURRENT}\"", "version: \"0.0.9\""), encoding="utf-8")
        expected = r"CITATION.cff: out of date .* run `endofwar schemas`"
    else:
        _set_version(repo, NEXT)
        expected = rf"datapackage.json: version {NEXT}, but __version__ is {CURRENT}: run `make build`"
    done = _release(repo)
    assert done.returncode == 1, done.stdout
    assert re.search(rf"disagrees: {expected}", done.stdout), done.stdout


def test_release_archive_is_byte_reproducible_checksummed_and_valid(released, tmp_path):
    repo, _ = released
    archive, sums = repo / "dist" / f"endofwar-{CURRENT}.zip", repo / "dist" / "SHA256SUMS"
    done = _release(repo, "--archive")
    assert done.returncode == 0, done.stdout + done.stderr
    first = archive.read_bytes()
    assert sums.read_text(encoding="utf-8") == f"{hashlib.sha256(first).hexdigest()}  {archive.name}\n"
    (repo / "raw" / "sources.yaml").touch()                  # a newer timestamp on disk changes nothing
    assert _release(repo, "--archive").returncode == 0
    assert archive.read_bytes() == first

    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        assert names == sorted(names) and all(n.startswith(f"endofwar-{CURRENT}/") for n in names)
        assert {i.date_time for i in z.infolist()} == {(*map(int, _changelog_date(repo).split("-")), 0, 0, 0)}
        z.extractall(tmp_path)
    unpacked = tmp_path / f"endofwar-{CURRENT}"
    listed = {line.split("  ", 1)[1]: line.split("  ", 1)[0]
              for line in (unpacked / "SHA256SUMS").read_text(encoding="utf-8").splitlines()}
    expected = {"datapackage.json", "croissant.json", "README.md", "CITATION.cff", "CHANGELOG.md", "raw/sources.yaml"}
    expected |= {p.relative_to(repo).as_posix() for folder in ("tables", "schemas", "docs", "raw") for p in (repo / folder).rglob("*")
                 if p.is_file()}
    assert set(listed) == expected
    assert all(hashlib.sha256((unpacked / name).read_bytes()).hexdigest() == digest for name, digest in listed.items())
    assert "rights:" in (unpacked / "raw" / "sources.yaml").read_text(encoding="utf-8")
    valid = subprocess.run([command("frictionless"), "validate", "datapackage.json"], cwd=unpacked, capture_output=True, text=True)
    assert valid.returncode == 0, valid.stdout[-2000:]


def _changelog_date(repo) -> str:
    return re.search(rf"^## {re.escape(CURRENT)} - (\d{{4}}-\d{{2}}-\d{{2}})", (repo / "CHANGELOG.md").read_text(encoding="utf-8"), re.M)[1]


def test_no_archive_while_something_disagrees(released):
    repo, _ = released
    cff = repo / "CITATION.cff"
    cff.write_text(cff.read_text(encoding="utf-8").replace(f"version: \"{CURRENT}\"", "version: \"0.0.9\""), encoding="utf-8")
    done = _release(repo, "--archive")
    assert done.returncode == 1 and not (repo / "dist").exists(), done.stdout
