"""CITATION.cff is generated, valid Citation File Format 1.2.0, and carries the one version.

tests/data/cff-schema-1.2.0.json is the CFF 1.2.0 JSON schema (CC-BY-4.0, the Citation File
Format project), vendored byte for byte from the cffconvert 2.0.0 wheel
(cffconvert/schemas/1.2.0/schema.json) because tests run without network.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from importlib.metadata import version
from pathlib import Path

import jsonschema
import pytest
import yaml

import endofwar
from endofwar.errors import EndofwarError
from endofwar.metadata import release_date
from endofwar.outputs.citation import (CITATION_PATH, ZENODO_PATH, cited_works, citation_cff, stale_generated,
                                       write_generated, zenodo_json)
from endofwar.paths import project_root
from endofwar.schemas import catalogue

SCHEMA = Path(__file__).parent / "data" / "cff-schema-1.2.0.json"
SCHEMA_SHA256 = "0b8d22140da702d766df318dcff3a91af2f39521298dcf36d76315fd99cc169b"


def committed_citation() -> dict:
    data = yaml.safe_load((project_root() / CITATION_PATH).read_text(encoding="utf-8"))
    # The schema's own note: YAML dates must be cast to strings before validating.
    return {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in data.items()}


def test_citation_file_is_generated():
    assert (project_root() / CITATION_PATH).read_text(encoding="utf-8") == citation_cff(), (
        "CITATION.cff is out of date: run endofwar.outputs.citation.write_generated()")


def test_citation_file_is_valid_cff_1_2_0():
    assert hashlib.sha256(SCHEMA.read_bytes()).hexdigest() == SCHEMA_SHA256
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(committed_citation())


def test_citation_describes_the_dataset_from_the_catalogue():
    cff = committed_citation()
    package = catalogue().package
    assert cff["type"] == "dataset" and cff["cff-version"] == "1.2.0"
    assert cff["title"] == package["title"]
    assert cff["license"] == "CC-BY-4.0"
    assert cff["keywords"] == package["keywords"]
    assert cff["authors"] == [{"name": "endofwar contributors"}]
    assert "repository-code" not in cff                    # no public address is known: none is invented
    assert cff["date-released"] == release_date(project_root())


def test_citation_lists_the_works_to_cite_with_the_dataset():
    """The UN General Debate Corpus asks its users to cite two articles; the statements in raw/ungdc-*
    come from it, so CITATION.cff carries both, as the catalogue defines them."""
    references = committed_citation()["references"]
    assert {r["doi"] for r in references} >= {"10.1177/00223433241275335", "10.1177/2053168017712821"}
    assert all("General Debate Corpus" in r["title"] and r["type"] == "article" and r["authors"] for r in references)
    assert json.loads(json.dumps(references)) == json.loads(json.dumps(catalogue().package["references"]))


def test_version_is_the_same_everywhere():
    path = project_root() / "datapackage.json"
    assert path.is_file(), "no datapackage.json: run `make build`"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    assert descriptor["version"] == committed_citation()["version"] == version("endofwar") == endofwar.__version__


def test_release_date_comes_from_the_changelog_heading_of_the_version(tmp_path):
    (tmp_path / "CHANGELOG.md").write_text(
        "# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - 2027-01-05\n\n## 0.1.0 - 2026-11-23\n", encoding="utf-8")
    assert release_date(tmp_path, "0.2.0") == "2027-01-05"
    assert release_date(tmp_path, "0.1.0") == "2026-11-23"
    with pytest.raises(EndofwarError, match="no release heading for version 0.3.0") as info:
        release_date(tmp_path, "0.3.0")
    assert "## 0.3.0 - YYYY-MM-DD" in info.value.fix


def test_write_generated_writes_both_documents(tmp_path):
    for name in ("schemas", "docs"):
        (tmp_path / name).mkdir()
    (tmp_path / "schemas" / "catalogue.yaml").write_bytes((project_root() / "schemas" / "catalogue.yaml").read_bytes())
    (tmp_path / "CHANGELOG.md").write_bytes((project_root() / "CHANGELOG.md").read_bytes())
    generated = [".zenodo.json", "CITATION.cff", "docs/data-dictionary.md"]
    assert sorted(stale_generated(tmp_path)) == generated
    written = write_generated(tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == generated
    assert stale_generated(tmp_path) == []


def test_zenodo_json_is_generated_and_a_stale_one_is_reported(tmp_path):
    assert (project_root() / ZENODO_PATH).read_text(encoding="utf-8") == zenodo_json(), (
        ".zenodo.json is out of date: run `endofwar schemas`")
    for name in ("schemas", "docs"):
        (tmp_path / name).mkdir()
    (tmp_path / "schemas" / "catalogue.yaml").write_bytes((project_root() / "schemas" / "catalogue.yaml").read_bytes())
    (tmp_path / "CHANGELOG.md").write_bytes((project_root() / "CHANGELOG.md").read_bytes())
    write_generated(tmp_path)
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(re.sub(rf"^## {re.escape(endofwar.__version__)} - \d{{4}}-\d{{2}}-\d{{2}}", f"## {endofwar.__version__} - 2099-01-01",
                                changelog.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    assert ZENODO_PATH in stale_generated(tmp_path)      # a new release date reaches it, and the check says so


def test_zenodo_json_says_what_the_catalogue_and_changelog_say():
    record = json.loads((project_root() / ZENODO_PATH).read_text(encoding="utf-8"))
    package = catalogue().package
    assert record["upload_type"] == "dataset" and record["access_right"] == "open"
    assert record["title"] == package["title"]
    assert record["version"] == endofwar.__version__
    assert record["publication_date"] == release_date(project_root())
    assert record["creators"] == [{"name": "endofwar contributors"}]
    assert record["license"] == "cc-by-4.0"
    assert record["keywords"] == package["keywords"]
    assert " ".join(package["description"].split()) == record["description"]
    assert "doi" not in record                             # Zenodo mints it; none is invented


def test_references_of_the_citation_become_related_identifiers():
    cff = citation_cff() + (
        "references:\n"
        "  - type: data\n    title: \"A corpus with a DOI\"\n    authors:\n      - name: \"Someone\"\n    doi: 10.5555/abc\n"
        "  - type: data\n    title: \"A corpus with a URL\"\n    authors:\n      - name: \"Someone\"\n    url: https://example.org/c\n"
        "  - type: data\n    title: \"No address\"\n    authors:\n      - name: \"Someone\"\n")
    assert cited_works(cff) == [{"title": "A corpus with a DOI", "scheme": "doi", "identifier": "10.5555/abc"},
                                {"title": "A corpus with a URL", "scheme": "url", "identifier": "https://example.org/c"}]
    # the project's CITATION.cff cites the two works of the UN General Debate Corpus, by their DOIs
    assert [(w["scheme"], w["identifier"]) for w in cited_works(citation_cff())] == [
        ("doi", "10.1177/00223433241275335"), ("doi", "10.1177/2053168017712821")]
