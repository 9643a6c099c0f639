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


def test_the_same_violations_as_the_single_machine_build(shards, tmp_path):
    """A planted bad record fails both builds with the same violations, worded alike; only where
    they point differs (raw/sources.yaml there, the shard and record here)."""
    single = generate(N, tmp_path / "single", seed=4)
    doc = yaml.safe_load((single / "raw" / "sources.yaml").read_text(encoding="utf-8"))
    corpus = tmp_path / "corpus"
    shutil.copytree(shards, corpus, ignore=shutil.ignore_patterns("*.parquet", "jsonl-copy"))
    path = corpus / "corpus" / "part-00001.jsonl"
    records = read_jsonl(path)
    for index in (57, 88):
        entry = doc["sources"][index]
        entry["published_end"] = entry["published_start"] - dt.timedelta(days=1)
        records[index - 50] = plant_bad_dates(records[index - 50])
    (single / "raw" / "sources.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    write_jsonl(path, records)

    with pytest.raises(ValidationFailed) as expected:
        build(single)
    with pytest.raises(ValidationFailed) as got:
        corpus_build(corpus, tmp_path / "out")
    assert sorted((e.field, e.message) for e in got.value.errors) == sorted((e.field, e.message) for e in expected.value.errors)
    assert len(got.value.errors) == 2
    assert [e.file for e in got.value.errors] == [f"{path} record 8 (tables/sources)", f"{path} record 39 (tables/sources)"]


def test_a_pattern_that_matches_nothing_is_named(tmp_path):
    with pytest.raises(EndofwarError, match=r"nothing/\*\.parquet: no file matches"):
        build_corpus([str(tmp_path / "nothing" / "*.parquet")], tmp_path / "out", tmp_path, scheduler=INLINE)
