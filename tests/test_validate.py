"""`endofwar validate`: every layer catches its kind of damage and says where it is."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from endofwar.cli import main
from endofwar.validate import validate_repository


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


def test_changed_quote_text_is_a_provenance_error(package):
    import csv

    path = package / "tables" / "quotes.csv"
    row = next(csv.DictReader(path.open(encoding="utf-8")))
    _edit(path, row["text"], row["text"] + " (edited)")
    code, out = _validate(package)
    assert code == 1
    assert "tables/quotes.csv, row 2, field 'text'" in out
    assert "is not the raw text at" in out


def test_wrong_type_names_row_and_field(package):
    path = package / "tables" / "quotes.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("char_start")] = "twelve"
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    code, out = _validate(package)
    assert code == 1
    assert "tables/quotes.csv, row 2, field 'char_start': 'twelve' is not a valid integer" in out


def test_vocabulary_violation_names_row_and_field(package):
    _edit(package / "tables" / "quotes.csv", ",statement,", ",speech,")
    code, out = _validate(package)
    assert code == 1
    assert "field 'quote_kind'" in out and "not in vocabulary quote_kind" in out


def test_dangling_reference_is_reported(package):
    _edit(package / "tables" / "affiliations.csv", "brookings-institution", "no-such-institute")
    code, out = _validate(package)
    assert code == 1
    assert "field 'institution_id'" in out and "dangling reference" in out


def test_replaced_parquet_is_detected(package):
    shutil.copy(package / "tables" / "experts.parquet", package / "tables" / "institutions.parquet")
    code, out = _validate(package)
    assert code == 1
    assert "tables/institutions.parquet, field 'endofwar:sha256'" in out


def test_hand_edited_descriptor_is_detected(package):
    _edit(package / "datapackage.json", '"title": "Quotations"', '"title": "Quotes!"')
    code, out = _validate(package)
    assert code == 1
    assert "datapackage.json" in out and "do not edit datapackage.json by hand" in out


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
