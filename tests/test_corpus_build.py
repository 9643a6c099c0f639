"""The corpus build (`endofwar build --corpus`): sharded input checked record by record, the same
rows and violations as the single-machine build, partitions read back by connect() and load().

These tests run the tasks in this process (the engine's INLINE mode): what the cluster adds,
tests/test_dask_cluster.py tests on a real one.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

import endofwar
from endofwar.build.cluster import INLINE
from endofwar.build.corpus import build_corpus
from endofwar.build.publish import build
from endofwar.errors import EndofwarError, ValidationFailed
from endofwar.inputs.synthetic import generate, generate_shards
from endofwar.schemas import catalogue

N = 120


def published_files(out: Path) -> dict[str, bytes]:
    """Every published byte of a corpus package: the partitions and datapackage.json."""
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / "tables").rglob("*") if p.is_file()}
    files["datapackage.json"] = (out / "datapackage.json").read_bytes()
    return files


def corpus_build(corpus: Path, out: Path, fmt: str = "jsonl", **kwargs) -> dict:
    return build_corpus([str(corpus / "corpus" / f"*.{fmt}")], out, corpus, scheduler=INLINE, **kwargs)


@pytest.fixture(scope="module")
def shards(tmp_path_factory) -> Path:
    """N synthetic articles as 3 JSONL shards and as 3 Parquet shards (same records)."""
    root = tmp_path_factory.mktemp("shards")
    generate_shards(N, root, seed=4, fmt="parquet", per_shard=50)
    parquet = sorted((root / "corpus").glob("*.parquet"))
    generate_shards(N, root / "jsonl-copy", seed=4, fmt="jsonl", per_shard=50)
    for path in (root / "jsonl-copy" / "corpus").glob("*.jsonl"):
        shutil.copy(path, root / "corpus" / path.name)
    assert len(parquet) == 3
    return root


def test_rows_equal_the_single_machine_build_of_the_same_articles(shards, tmp_path):
    """Every table, concatenated from its partitions, is the single-machine build's table: the
    same rows in the same order with the same schema (entities deduplicated the same way)."""
    single = generate(N, tmp_path / "single", seed=4)
    build(single)
    out = tmp_path / "out"
    counts = corpus_build(shards, out, rows_per_part=400)
    for name in catalogue(single).tables:
        expected = pq.read_table(single / "tables" / f"{name}.parquet")
        parts = sorted((out / "tables" / name).glob("part-*.parquet"))
        got = pa.concat_tables([pq.read_table(p) for p in parts])
        assert got.equals(expected) and got.schema.equals(expected.schema, check_metadata=True), name
        assert len(parts) == max(1, -(-expected.num_rows // 400)) and counts[name] == expected.num_rows
    package = json.loads((out / "datapackage.json").read_text())
    quotes = next(r for r in package["resources"] if r["name"] == "quotes")
    assert quotes["path"] == [p["path"] for p in quotes["endofwar:parts"]] and len(quotes["path"]) > 1
    assert [s["path"] for s in package["sources"]] == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]


def test_parquet_and_jsonl_shards_give_the_same_bytes_and_connect_reads_the_partitions(shards, tmp_path):
    corpus_build(shards, tmp_path / "a", "parquet", rows_per_part=400)
    corpus_build(shards, tmp_path / "b", "jsonl", rows_per_part=400)
    a, b = published_files(tmp_path / "a"), published_files(tmp_path / "b")
    a.pop("datapackage.json"), b.pop("datapackage.json")  # names and hashes of the shards differ
    assert a == b
    con = endofwar.connect(tmp_path / "a")
    assert con.sql("select count(*) from quotes").fetchall()[0][0] == len(endofwar.load("quotes", tmp_path / "a"))
    assert con.sql("select count(distinct source_id) from quote_details").fetchall()[0][0] == N


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.write_bytes(b"".join(orjson.dumps(r, option=orjson.OPT_APPEND_NEWLINE) for r in records))


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("change, field, message", [
    (lambda r: r.pop("outlet"), "outlet", "record is missing required field 'outlet'"),
    (lambda r: r.update(published="23 Dec 2021"), "published", "'23 Dec 2021' is not a date"),
    (lambda r: r.update(genre="opinion"), "genre", "'opinion' is not in the vocabulary 'genre'"),
    (lambda r: r.update(source_id="Not A Slug"), "source_id", "does not match the pattern"),
    (lambda r: r.update(text=""), "text", "the record has no text"),
    (lambda r: r.update(wordcount=900), "wordcount", "unknown key in record"),
])
def test_a_bad_record_names_shard_record_and_field_and_publishes_nothing(shards, tmp_path, change, field, message):
    corpus = tmp_path / "corpus"
    shutil.copytree(shards, corpus, ignore=shutil.ignore_patterns("*.parquet", "jsonl-copy"))
    out = tmp_path / "out"
    corpus_build(corpus, out)
    before = published_files(out)
    path = corpus / "corpus" / "part-00001.jsonl"
    records = read_jsonl(path)
    change(records[6])
    write_jsonl(path, records)
    with pytest.raises(EndofwarError) as caught:
        corpus_build(corpus, out)
    assert f"{path} record 7, field '{field}': " in str(caught.value) and message in str(caught.value)
    assert published_files(out) == before and not (out / ".staging").exists()


def test_an_id_used_twice_across_shards_names_both_records(shards, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(shards, corpus, ignore=shutil.ignore_patterns("*.parquet", "jsonl-copy"))
    first, second = corpus / "corpus" / "part-00000.jsonl", corpus / "corpus" / "part-00002.jsonl"
    records = read_jsonl(second)
    records[3]["source_id"] = read_jsonl(first)[9]["source_id"]
    write_jsonl(second, records)
    with pytest.raises(ValidationFailed) as caught:
        corpus_build(corpus, tmp_path / "out")
    assert f"{second} record 4, field 'source_id': duplicate sources key synthetic-4-000009 (first defined in {first} record 10)" in str(caught.value)


def plant_bad_dates(record: dict) -> dict:
    """A publication date whose end comes before its start: every input check passes it, the
    catalogue's row rule (dates_match_precision) does not."""
    day = dt.date.fromisoformat(record.pop("published"))
    return {**record, "published_start": day.isoformat(), "published_end": (day - dt.timedelta(days=1)).isoformat(),
            "published_precision": "day", "published_basis": "explicit"}


class Twins:
    """The same N articles as raw/ + sources.yaml (built by the single-machine build) and as JSONL
    shards (built by the corpus build), to plant the same faults in both; articles 50-99 are the
    records of shard part-00001.jsonl."""

    def __init__(self, shards: Path, tmp_path: Path):
        self.tmp = tmp_path
        self.single = generate(N, tmp_path / "single", seed=4)
        self.doc = yaml.safe_load((self.single / "raw" / "sources.yaml").read_text(encoding="utf-8"))
        self.corpus = tmp_path / "corpus"
        shutil.copytree(shards, self.corpus, ignore=shutil.ignore_patterns("*.parquet", "jsonl-copy"))
        self.path = self.corpus / "corpus" / "part-00001.jsonl"
        self.records = read_jsonl(self.path)

    def violations(self) -> tuple[list, list]:
        """Save the planted faults; the errors of the single-machine build and of the corpus build."""
        (self.single / "raw" / "sources.yaml").write_text(yaml.safe_dump(self.doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
        write_jsonl(self.path, self.records)
        with pytest.raises(ValidationFailed) as expected:
            build(self.single)
        with pytest.raises(ValidationFailed) as got:
            corpus_build(self.corpus, self.tmp / "out")
        assert sorted((e.field, e.message) for e in got.value.errors) == sorted((e.field, e.message) for e in expected.value.errors)
        return expected.value.errors, got.value.errors


def test_the_same_violations_as_the_single_machine_build(shards, tmp_path):
    """A planted bad record fails both builds with the same violations, worded alike; only where
    they point differs (raw/sources.yaml there, the shard and record here)."""
    twins = Twins(shards, tmp_path)
    for index in (57, 88):
        entry = twins.doc["sources"][index]
        entry["published_end"] = entry["published_start"] - dt.timedelta(days=1)
        twins.records[index - 50] = plant_bad_dates(twins.records[index - 50])
    _, got = twins.violations()
    assert [e.file for e in got] == [f"{twins.path} record 8 (tables/sources)", f"{twins.path} record 39 (tables/sources)"]


def test_a_pattern_that_matches_nothing_is_named(tmp_path):
    with pytest.raises(EndofwarError, match=r"nothing/\*\.parquet: no file matches"):
        build_corpus([str(tmp_path / "nothing" / "*.parquet")], tmp_path / "out", tmp_path, scheduler=INLINE)


REGISTRY = """\
events:
  - {event_id: singapore-summit, title: Singapore summit, event_type: summit, date_start: 2018-06-12,
     date_end: 2018-06-12, date_precision: day, date_text: 'on June 12, 2018', date_basis: explicit}
  - {event_id: hanoi-summit, title: Hanoi summit, event_type: summit, date_start: 2019-02-27,
     date_end: 2019-02-28, date_precision: month, date_text: in February 2019, date_basis: explicit}
  - {event_id: panmunjom-meeting, title: Panmunjom meeting of the leaders, event_type: meeting, date_start: 2019-06-30,
     date_end: 2019-06-30, date_precision: day, date_text: 'on June 30, 2019', date_basis: explicit}
"""
ADDED = {57: "\n\nThe Singapore summit took place on June 12, 2018.\n", 88: "\n\nThe Hanoi summit ended without a deal.\n"}


def test_the_same_event_violations_across_articles_as_the_single_machine_build(shards, tmp_path):
    """Registry events: one mentioned with its date_text (fine), one mentioned without it (its
    date_text is in no text that mentions it) and dated 27-28 February under precision 'month',
    one mentioned nowhere. The corpus build finds the dates in the round that writes the events
    and the rest by DuckDB over the partitions, reading again only the texts of the mentioning
    articles, and reports, together, what the single-machine build reports, at the registry's lines."""
    import hashlib

    twins = Twins(shards, tmp_path)
    for index, words in ADDED.items():
        raw = twins.single / twins.doc["sources"][index]["raw_path"]
        raw.write_text(raw.read_text(encoding="utf-8") + words, encoding="utf-8")
        twins.doc["sources"][index]["sha256"] = hashlib.sha256(raw.read_bytes()).hexdigest()
        twins.records[index - 50]["text"] += words
    for root in (twins.single, twins.corpus):
        (root / "annotations" / "registry.yaml").write_text(REGISTRY, encoding="utf-8")
    _, got = twins.violations()
    assert sorted(e.file for e in got) == [
        "annotations/registry.yaml:4 (tables/events)", "annotations/registry.yaml:4 (tables/events)",
        "annotations/registry.yaml:6 (tables/events)"]
    assert {e.field for e in got} == {"date_start,date_end,date_precision", "date_text", "event_id"}
    assert "date_text 'in February 2019' occurs in none of the sources that mention the event" in {e.message for e in got}
