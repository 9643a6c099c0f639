"""`endofwar validate`: every layer catches its kind of damage and says where it is."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from endofwar.build.reproducibility import validate_repository
from endofwar.cli import main


@pytest.fixture
def package(built, tmp_path):
    """A private copy of the built repository that a test may damage."""
    root = tmp_path / "pkg"
    shutil.copytree(built, root)
    return root


def _validate(root):
    result = CliRunner().invoke(main, ["validate", "--root", str(root), "--no-rebuild"])
    return result.exit_code, result.output


def test_clean_package_is_valid(package):
    assert validate_repository(package) == []
    code, out = _validate(package)
    assert code == 0, out


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_changed_raw_text_is_detected(package):
    raw = package / "raw" / "korea-herald-end-of-war-rainbow.txt"
    raw.write_bytes(raw.read_bytes().replace(b"Einhorn", b"Eisenhower", 1))
    code, out = _validate(package)
    assert code == 1
    assert "no longer matches its sha256" in out


def test_stale_published_tables_fail_the_rebuild_check(package):
    _edit(package / "annotations" / "registry.yaml", "name: Robert Einhorn", "name: Robert J. Einhorn")
    result = CliRunner().invoke(main, ["validate", "--root", str(package)])
    assert result.exit_code == 1
    assert "differs from a fresh build" in result.output
