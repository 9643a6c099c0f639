"""One task of a corpus build: a shard's records to checked rows, written beside the others.

The task reads its shard in batches of BATCH records (a worker holds one batch of texts and
one shard's rows at a time, never the corpus), checks each record as a sources.yaml entry is
checked, computes each article's rows with the same code as the single-machine build
(`source_rows`: the extractor's draft for an article without an annotation file), and runs
on them, while their texts are at hand, the checks that need only one article: the catalogue's
row rules by the Pandera model's Arrow twin, and provenance (every span's text is the text at
its offsets; attribution wording occurs in the text). The rows go to one Parquet file per
table under the work folder, named after the shard's place in the corpus and replaced
atomically, so a task that a lost worker leaves half done is simply run again.

The checks that span articles (keys, references, the deduplicated entities' rules, event
evidence across sources) run after all tasks, over the whole tables (`endofwar.build.corpus`).
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from endofwar.build.incremental import SOURCE, _computed_tables, stacked_schema
from endofwar.errors import EndofwarError
from endofwar.inputs.annotations import ENTITY_ID, source_rows
from endofwar.inputs.corpus import Shard, checked_source, file_sha256, records
from endofwar.schemas import Catalogue, catalogue

BATCH = 1000        # records whose texts and rows a worker holds at once, whatever the size of the shard
POS = "_pos"        # a row's article in corpus order: shard index << 32 | record number
OWN = "_own"        # an event definition whose own article mentions it and holds its date_text
INDEX = "_index"    # work/_index/: each article's pos, source_id, shard path and record number
MAX_ERRORS = 1000   # per task: enough to see a pattern, little to ship back to the driver


def position(shard: Shard, record: int) -> int:
    return shard.index << 32 | record


def work_schema(table):
    """A table's rows in the work folder: the stacked schema plus the article position (and,
    for events, whether the defining article alone shows the event evidence)."""
    import pyarrow as pa

    schema = stacked_schema(table).append(pa.field(POS, pa.int64()))
    return schema.append(pa.field(OWN, pa.bool_())) if table.name == "events" else schema


def index_schema():
    import pyarrow as pa

    return pa.schema([(POS, pa.int64()), ("source_id", pa.string()), ("shard", pa.string()), ("record", pa.int64())])


def task_file(work: Path, folder: str, index: int) -> Path:
    return work / folder / f"task-{index:05d}.parquet"


def error_tuple(error: EndofwarError) -> tuple:
    """An error as plain values: what crosses from a worker to the driver (exceptions carrying
    keyword state do not pickle whole)."""
    return str(error.message), error.file, error.line, error.field, error.fix


def from_tuple(values: tuple) -> EndofwarError:
    message, file, line, field, fix = values
    return EndofwarError(message, file=file, line=line, field=field, fix=fix)


def build_shard(shard: Shard, root: str, registry, work: str, batch: int = BATCH) -> dict:
    """Rows, row rules and provenance of one shard; returns its counts, sha256, errors in its
    records (then nothing is written) and violations in its rows (reported after the checks across
    the corpus, so that a build reports every violation the single-machine build would)."""
    import pyarrow as pa

    root_path = Path(root)
    cat = catalogue(root_path)
    errors: list[EndofwarError] = []      # in the input: the build stops after this round
    violations: list[EndofwarError] = []  # in the rows: reported with those of the later rounds
    files = _WorkFiles(Path(work), shard.index, {name: work_schema(table) for name, table in cat.tables.items()})
    seen, count = {}, 0
    for chunk in records(shard, batch):
        index = []
        sources, where = [], {}
        for number, value in chunk:
            count += 1
            try:
                if isinstance(value, EndofwarError):
                    raise value
                source = checked_source(value, cat.table("sources"), shard.where(number))
                if source.source_id in seen:
                    raise EndofwarError(f"source_id '{source.source_id}' is already used by record {seen[source.source_id]}",
                                        file=shard.where(number), field="source_id", fix="give every article its own id")
            except EndofwarError as error:
                errors.append(error)
                continue
            seen[source.source_id] = number
            sources.append(source)
            where[position(shard, number)] = shard.where(number)
            index.append((position(shard, number), source.source_id, shard.path, number))
        if errors:  # the build fails: check the remaining records, but spend nothing on rows
            continue
        tables = _chunk_tables(root_path, sources, registry, cat, list(where), errors)
        violations += _chunk_errors(tables, sources, cat, where)
        for name, table in tables.items():
            files.write(name, table)
        files.write(INDEX, pa.Table.from_pylist([dict(zip(index_schema().names, row)) for row in index], schema=index_schema()))
    files.discard() if errors else files.commit()
    return {"index": shard.index, "name": shard.name, "sha256": file_sha256(shard.path), "records": count,
            "errors": [error_tuple(e) for e in errors[:MAX_ERRORS]], "more_errors": max(0, len(errors) - MAX_ERRORS),
            "violations": [error_tuple(e) for e in violations[:MAX_ERRORS]],
            "more_violations": max(0, len(violations) - MAX_ERRORS)}


class _WorkFiles:
    """A task's work files, one per table and one index, written a batch at a time (a shard's
    rows are never all in memory) to temporary names, and renamed into place at the end: a task
    rerun after its worker died replaces, never adds to, what the lost one wrote."""

    def __init__(self, work: Path, index: int, schemas: dict):
        self.work, self.index, self.schemas = work, index, {**schemas, INDEX: index_schema()}
        self.open: dict = {}

    def write(self, folder: str, table) -> None:
        import pyarrow.parquet as pq

        if folder not in self.open:
            path = task_file(self.work, folder, self.index)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            self.open[folder] = (pq.ParquetWriter(tmp, self.schemas[folder], compression="lz4"), tmp, path)
        self.open[folder][0].write_table(table)

    def commit(self) -> None:
        for folder, schema in self.schemas.items():
            if folder not in self.open:  # a shard of no records still has its (empty) files
                self.write(folder, schema.empty_table())
        for writer, tmp, path in self.open.values():
            writer.close()
            os.replace(tmp, path)

    def discard(self) -> None:
        for writer, tmp, _ in self.open.values():
            writer.close()
            tmp.unlink(missing_ok=True)


def _chunk_tables(root: Path, sources: list, registry, cat: Catalogue, positions: list[int], errors: list) -> dict:
    """The batch's rows per table (the single-machine build's code), each with its article's position."""
    import pyarrow as pa

    def rows_of():
        for source in sources:
            try:
                yield source_rows(root, source, registry)
            except EndofwarError as error:
                errors.append(error)
                yield []

    tables = _computed_tables(rows_of(), sources, cat)
    pos_of = dict(zip((s.source_id for s in sources), positions))
    out = {}
    for name, table in tables.items():
        pos = pa.array([pos_of[s] for s in table.column(SOURCE).to_pylist()], pa.int64())
        out[name] = table.append_column(POS, pos)
    out["events"] = out["events"].append_column(OWN, _own_evidence(out["events"], out["event_sources"], sources))
    return out


def _own_evidence(events, event_sources, sources):
    """Per event row: whether the article that defines it mentions it and holds its date_text,
    which settles the event-evidence rule for the row without reading other articles."""
    import pyarrow as pa

    texts = {s.source_id: s.text for s in sources}
    mentioned = set(zip(event_sources.column("event_id").to_pylist(), event_sources.column(SOURCE).to_pylist()))
    own = [
        not date_text or ((event_id, source) in mentioned and date_text in texts.get(source, ""))
        for event_id, source, date_text in zip(*(events.column(c).to_pylist() for c in ("event_id", SOURCE, "date_text")))
    ]
    return pa.array(own, pa.bool_())


def _chunk_errors(tables: dict, sources: list, cat: Catalogue, where: dict) -> list[EndofwarError]:
    """Row rules (the Arrow twin; entities are checked once deduplicated), the codebook's rules
    within a source (endofwar.checks.coding: the registry's people are not at hand here, so an
    official as demander is caught only by the single-machine build) and provenance of the batch's
    rows, each error moved from its row to the record it came from."""
    from endofwar.checks.coding import coding_errors
    from endofwar.checks.validate import text_errors

    errors = []
    for name, spec in cat.tables.items():
        if name not in ENTITY_ID:
            errors += rule_errors(tables[name], spec)
    errors += coding_errors(tables, {name: f"tables/{name}.csv" for name in cat.tables})
    errors += text_errors(tables, {s.source_id: s.text for s in sources}, cat)
    return [located(error, lambda name, i: where[tables[name].column(POS)[i].as_py()] if name in tables else None)
            for error in errors]


def rule_errors(table, spec) -> list[EndofwarError]:
    """The catalogue's row rules on these rows by the Arrow twin, worded as the single-machine
    build words them (at tables/<name>.csv and the row's 0-based index + 2, for `located`).

    Keys and references are left out: they need every article's rows, and DuckDB checks them
    over the whole tables."""
    from endofwar.checks.rules import UNIQUE, arrow_failures, failure_errors

    published = table.select(spec.field_names)
    failures = [f for f in arrow_failures(published, replace(spec, foreign_keys=()), {}) if f.check != UNIQUE]
    failures.sort(key=lambda f: (f.index is not None, f.index or 0, f.column or ""))
    return failure_errors(failures, lambda i, f: published.column(f)[i].as_py(), spec, f"tables/{spec.name}.csv")


def located(error: EndofwarError, where_of_row) -> EndofwarError:
    """An error at row N of tables/<name>.csv, moved to where that row came from in the corpus
    (where_of_row(name, N - 2): shard and record, or the registry's line); other errors stay."""
    name = Path(str(error.file or "")).stem
    place = where_of_row(name, error.row - 2) if error.row is not None else None
    if place is None:
        return error
    return EndofwarError(error.message, file=f"{place} (tables/{name})", field=error.field, fix=error.fix)
