"""A corpus given as shards: JSONL or Parquet files holding one record per article.

raw/ + sources.yaml (a text file and a YAML entry per article) suits a curated dataset that
people edit; a news archive of millions of articles arrives as a few hundred files of records
instead. A record is a sources.yaml entry with its text inline: `source_id`, `url`, `title`,
`outlet`, `text`, the publication date as `published` (one day, stated: shorthand for
published_start = published_end, precision `day`, basis `explicit`) or as the published_*
fields, and any other field of the sources table (genre, language and rights are required
there). It is checked by the same code as a sources.yaml entry (`check_entry`, from the
catalogue), so a new field or constraint of the sources table applies to both; a problem names
the shard file, the record number and the field. The text's sha256 and length are computed,
as for a raw file; `raw_path` is the name the text has when exported (`raw/<source_id>.txt`).

Record numbers count from 1 in file order: a Parquet row, or a JSONL line (blank lines are
skipped but counted, so the number is the line an editor shows).
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import os
from dataclasses import dataclass
from typing import Iterator

from endofwar.errors import EndofwarError
from endofwar.inputs.entries import check_entry
from endofwar.inputs.sources import Source
from endofwar.schemas import Table

FORMATS = (".jsonl", ".parquet")
COMPUTED = ("raw_path", "sha256", "char_count")  # what the build derives from the text
RECORD_EXTRA = ("text", "published")             # keys a record has besides the sources fields
PUBLISHED_DAY = {"published_precision": "day", "published_basis": "explicit"}


@dataclass(frozen=True)
class Shard:
    """One file of the corpus: its absolute path (for reading and messages), its name relative to the folder
    that holds all shards (for the descriptor: the same corpus gives the same name from any
    working directory), and its place in name order (which fixes the corpus's record order)."""

    path: str
    name: str
    index: int

    def where(self, record: int) -> str:
        return f"{self.path} record {record}"


def find_shards(patterns) -> list[Shard]:
    """The shard files the glob patterns match, in name order; a pattern matching nothing, or a
    file that is neither .jsonl nor .parquet, is an error."""
    paths = set()
    for pattern in patterns:
        found = [p for p in glob.glob(os.path.expanduser(pattern)) if os.path.isfile(p)]
        if not found:
            raise EndofwarError("no file matches", file=pattern, fix="give a glob such as 'corpus/*.parquet' (quoted, so the shell leaves it to endofwar)")
        for path in found:
            if not path.endswith(FORMATS):
                raise EndofwarError("not a corpus shard", file=path, fix="shards are .jsonl or .parquet files")
            paths.add(os.path.abspath(path))  # absolute: a worker's working directory is not the driver's
    common = os.path.commonpath([os.path.dirname(p) for p in paths])
    named = sorted((os.path.relpath(p, common).replace(os.sep, "/"), p) for p in paths)
    return [Shard(path, name, i) for i, (name, path) in enumerate(named)]


def file_sha256(path: str) -> str:
    """sha256 of a file read in 1 MiB blocks (a shard can be larger than a worker's memory)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def records(shard: Shard, batch: int) -> Iterator[list[tuple[int, object]]]:
    """The shard's records in batches of at most `batch`, as (record number, value); a record
    that cannot be read is an EndofwarError in place of its value, so the others are still checked."""
    reader = _jsonl if shard.path.endswith(".jsonl") else _parquet
    chunk = []
    for item in reader(shard):
        chunk.append(item)
        if len(chunk) == batch:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _jsonl(shard: Shard) -> Iterator[tuple[int, object]]:
    import orjson

    with open(shard.path, "rb") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                yield number, orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                yield number, EndofwarError(f"not valid JSON: {exc}", file=shard.where(number), fix="write one JSON object per line")


def _parquet(shard: Shard) -> Iterator[tuple[int, object]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        batches = pq.ParquetFile(shard.path).iter_batches(batch_size=1024)
        number = 0
        for batch in batches:
            for value in batch.to_pylist():
                number += 1
                yield number, value
    except (OSError, pa.ArrowException) as exc:
        raise EndofwarError(f"cannot be read as Parquet: {exc}", file=shard.path, fix="rewrite the shard") from None


def _as_date(value):
    """JSON has no date type: an ISO date string stands for a date (anything else is left for
    check_entry to report)."""
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def checked_source(value, table: Table, where: str) -> Source:
    """A record as a Source with its text, checked as a sources.yaml entry is; raises
    EndofwarError naming `where` (shard and record) and the field."""
    if not isinstance(value, dict):
        raise EndofwarError("a record must be an object of field: value", file=where)
    dates = {f.name for f in table.fields if f.type == "date"} | {"published"}
    entry = {k: _as_date(v) if k in dates else v for k, v in value.items()}
    published = entry.get("published")
    if published is not None:
        if not isinstance(published, dt.date) or isinstance(published, dt.datetime):
            raise EndofwarError(f"'{published}' is not a date", file=where, field="published", fix="write YYYY-MM-DD")
        for key, default in {"published_start": published, "published_end": published, **PUBLISHED_DAY}.items():
            if entry.get(key) in (None, ""):
                entry[key] = default
    text = entry.get("text")
    if not isinstance(text, str) or not text.strip():
        raise EndofwarError("the record has no text", file=where, field="text", fix="give the article's text as a string")
    check_entry(entry, table, file=where, what="record", computed=COMPUTED, extra=RECORD_EXTRA)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise EndofwarError(f"the text is not valid Unicode (character {exc.start})", file=where, field="text") from None
    meta = {name: entry.get(name) for name in table.field_names}
    meta.update(raw_path=f"raw/{meta['source_id']}.txt", sha256=hashlib.sha256(data).hexdigest(), char_count=len(text))
    return Source(meta, text)
