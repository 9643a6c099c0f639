"""`endofwar extract` and un-annotated sources: a new article is drafted, built and reviewable."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pandas as pd
import yaml
from click.testing import CliRunner

from endofwar.build.publish import build
from endofwar.cli import main

ARTICLE = (
    "Seoul pushes for declaration\n\n"
    "SEOUL, March 3, 2022 - South Korea renewed its push on Thursday.\n\n"
    "“A declaration would open the door to talks,” said Jane Holloway, a senior fellow at "
    "the Atlantic Council.\n\n"
    "“It costs Washington nothing,” Holloway added.\n"
)


def _add_source(repo, source_id: str, text: str) -> None:
    """Describe a new text in raw/sources.yaml the way a maintainer would, without annotating it."""
    (repo / "raw" / f"{source_id}.txt").write_text(text, encoding="utf-8")
    sources = repo / "raw" / "sources.yaml"
    doc = yaml.safe_load(sources.read_text(encoding="utf-8"))
    doc["sources"].append({
        "source_id": source_id, "raw_path": f"raw/{source_id}.txt",
        "sha256": hashlib.sha256(text.encode()).hexdigest(), "title": "Seoul pushes for declaration",
        "subtitle": None, "outlet": "Test wire", "original_outlet": None, "outlet_kind": "wire", "author": None,
        "genre": "news", "text_extent": "full",
        "published_start": date(2022, 3, 3), "published_end": date(2022, 3, 3), "published_precision": "day",
        "published_basis": "explicit", "published_text": "March 3, 2022", "url": f"https://example.invalid/{source_id}",
        "language": "en", "series": None, "rights": "Written for this test.", "note": None,
    })
    sources.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_unannotated_source_is_built_from_the_draft_marked_auto(repo):
    _add_source(repo, "wire-seoul-pushes", ARTICLE)
    build(repo)
    quotes = pd.read_parquet(repo / "tables" / "quotes.parquet")
    drafted = quotes[quotes.source_id == "wire-seoul-pushes"].sort_values("char_start")
    new = drafted[drafted.quote_kind != "indirect"]
    assert list(new.text) == ["A declaration would open the door to talks,", "It costs Washington nothing,"]
    assert set(drafted.coding_status) == {"auto"}
    assert set(new.speaker_expert_id) == {"jane-holloway"}
    # reported speech is drafted only with a speaker ("Seoul pushes for declaration": South Korea)
    reported = drafted[drafted.quote_kind == "indirect"]
    assert (reported.speaker_expert_id.notna() | reported.speaker_institution_id.notna()).all()
    annotated = {p.stem for p in (repo / "annotations").glob("*.yaml")}
    assert set(quotes[quotes.source_id.isin(annotated)].coding_status) == {"reviewed"}


def test_yaml_draft_saved_as_annotation_file_builds_the_same_rows(repo):
    _add_source(repo, "wire-seoul-pushes", ARTICLE)
    build(repo)
    drafted = {p.name: p.read_bytes() for p in (repo / "tables").glob("*.csv")}

    result = CliRunner().invoke(main, ["extract", "--root", str(repo), "--published", "2022-03-03",
                                       str(repo / "raw" / "wire-seoul-pushes.txt")])
    assert result.exit_code == 0, result.output
    (repo / "annotations" / "wire-seoul-pushes.yaml").write_text(result.output, encoding="utf-8")
    build(repo)
    assert {p.name: p.read_bytes() for p in (repo / "tables").glob("*.csv")} == drafted


def test_jsonl_items_point_at_their_text(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--no-registry", "--format", "jsonl", str(path)])
    assert result.exit_code == 0, result.output
    items = [json.loads(line) for line in result.output.splitlines()]
    quotes = [i for i in items if i["type"] == "quote" and i["quote_kind"] != "indirect"]
    assert [q["speaker"] for q in quotes] == ["Jane Holloway", "Jane Holloway"]
    for item in items:
        if "char_start" in item and "text" in item:
            assert ARTICLE[item["char_start"]:item["char_end"]] == item["text"]
    dates = [i for i in items if i["type"] == "date"]
    assert any(d["date_start"] == "2022-03-03" and d["date_precision"] == "day" for d in dates)


def test_text_that_is_not_utf8_is_refused_with_its_name(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("caf\xe9 said".encode("latin-1"))
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 1
    assert "latin1.txt" in result.output and "not UTF-8 (byte 3" in result.output
