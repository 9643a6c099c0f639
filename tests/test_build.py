"""The build: complete, deterministic, atomic, and equal to what is committed."""

from __future__ import annotations

import json
import subprocess

import pytest
from conftest import command, copy_inputs, snapshot
from hypothesis import given, settings
from hypothesis import strategies as st

from endofwar.build.publish import build
from endofwar.errors import EndofwarError
from endofwar.package import descriptor_bytes
from endofwar.paths import project_root
from endofwar.schemas import catalogue


def test_build_writes_csv_and_parquet_for_every_table(built):
    for name in catalogue(built).tables:
        assert (built / "tables" / f"{name}.csv").stat().st_size > 0
        assert (built / "tables" / f"{name}.parquet").stat().st_size > 0
    assert (built / "datapackage.json").exists()


def test_two_builds_are_byte_identical(built, tmp_path):
    again = copy_inputs(tmp_path / "again")
    build(again)
    assert snapshot(again) == snapshot(built)


def test_committed_tables_equal_a_fresh_build():
    from endofwar.build.reproducibility import reproducibility_errors

    assert [str(e) for e in reproducibility_errors(project_root())] == []


def test_failed_build_leaves_published_files_untouched(repo):
    build(repo)
    before = snapshot(repo)
    annotation = next(p for p in (repo / "annotations").glob("*.yaml") if p.name != "registry.yaml")
    annotation.write_text(annotation.read_text(encoding="utf-8").replace("quotes:", "quotes:\n  - quote_id: broken-q1\n    evidence: words that are not in the text\n    quote_kind: term", 1), encoding="utf-8")
    with pytest.raises(EndofwarError, match="evidence not found"):
        build(repo)
    assert snapshot(repo) == before
    assert not (repo / ".staging").exists()


def test_build_that_fails_validation_keeps_old_files(repo, monkeypatch):
    """A package that assembles but fails validation is never swapped in."""
    import endofwar.checks.validate as validate

    build(repo)
    before = snapshot(repo)
    monkeypatch.setattr(validate, "row_errors", lambda *a, **k: [EndofwarError("planted failure")])
    with pytest.raises(EndofwarError, match="planted failure"):
        build(repo)
    assert snapshot(repo) == before


def test_real_frictionless_cli_accepts_the_package(built):
    result = subprocess.run([command("frictionless"), "validate", "datapackage.json"], cwd=built, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_source_has_quotes_and_mentions(built):
    """Each article was chosen for holding at least one attributed quotation; a speech is its
    speaker's own words and need not quote anyone. Every source names someone."""
    import duckdb

    con = duckdb.connect()
    sources = f"'{built}/tables/sources.parquet'"
    for name, kinds in (("quotes", "genre <> 'speech'"), ("mentions", "true")):
        missing = con.sql(f"select source_id from {sources} where {kinds} and source_id not in "
                          f"(select source_id from '{built}/tables/{name}.parquet') order by source_id").fetchall()
        assert missing == [], name


def test_losing_rows_needs_an_explicit_allow_drop(repo):
    import yaml

    build(repo)
    path = repo / "annotations" / "korea-herald-end-of-war-rainbow.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    referenced = {q.get("continues_quote_id") for q in doc["quotes"]} | {c.get("quote_id") for c in doc.get("claims") or []}
    removable = next(q for q in reversed(doc["quotes"]) if q["quote_id"] not in referenced)
    doc["quotes"].remove(removable)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    before = snapshot(repo)
    with pytest.raises(EndofwarError, match=r"fewer rows.*quotes \(korea-herald-end-of-war-rainbow\): (\d+) -> \d+ rows"):
        build(repo)
    assert snapshot(repo) == before
    build(repo, allow_drop=True)
    assert snapshot(repo) != before


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_descriptor_bytes_are_those_of_json_dumps(value):
    """datapackage.json keeps the bytes json.dumps(indent=2, ensure_ascii=False) gave it, for the
    values a descriptor holds: any text (quotes, control characters, non-ASCII, line separators),
    integers, booleans, null, nesting."""
    assert descriptor_bytes(value) == (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode()
