"""The build of a sharded corpus on Dask: `endofwar build --corpus 'PATH/*.parquet' --out DIR`.

Three rounds of tasks, each on the cluster's workers; the driver only hands out tasks and
collects counts, hashes and errors, so it never holds the corpus.

1. One task per shard (`endofwar.build.shard_task`): records checked, rows computed by the
   single-machine build's code, row rules and provenance checked, rows written to the work
   folder. Why a shard: the scheduler spends about a millisecond per task, an article costs the
   extractor some milliseconds, so a shard of 1,000 articles keeps the overhead near 0.01% while
   leaving, at 100 shards, enough tasks to balance two or twenty workers. A shard much larger
   than that still runs in bounded memory (batches of 1,000 records) but parallelises less:
   split such a corpus into more shards (`docs/scale.md` has the cost model).
2. One task per table: DuckDB reads that table's rows from every shard's work file, keeps the
   first definition of an entity that several articles draft (as the single-machine build does:
   the registry first, then corpus order), sorts by primary key (ties in corpus order) out of
   core, and pyarrow writes `tables/<table>/part-NNNNN.parquet`, ROWS_PER_PART rows each. The
   parts depend on the sorted rows only, so the same corpus gives the same bytes whatever the
   number of workers or the order tasks finish in. The entities' row rules run here, on the rows
   that survive deduplication.
3. One task checks what spans articles, by DuckDB over the written partitions: unique keys,
   references, and every event mentioned with its date_text in a source that mentions it.

Everything is written in DIR/.staging/ and swapped in only when every check passed (the
single-machine build's `recover` and swap), so a failed or killed build publishes nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from endofwar.build.cluster import engine
from endofwar.build.incremental import FILE, LINE, SEQ, rows_to_arrow
from endofwar.build.publish import PARQUET_OPTIONS, READY_MARK, STAGING, _swap_in, recover
from endofwar.build.shard_task import (INDEX, OWN, POS, build_shard, error_tuple, from_tuple, located, rule_errors,
                                       work_schema)
from endofwar.errors import EndofwarError, ValidationFailed
from endofwar.inputs.annotations import ENTITY_ID, REGISTRY_FILE, Row, entity_rows, load_registry
from endofwar.inputs.corpus import Shard, find_shards, records
from endofwar.package import DESCRIPTOR, TABLES_DIR, descriptor_bytes, package_header, parts_resource
from endofwar.paths import sha256_of
from endofwar.schemas import Catalogue, catalogue

# A part is held twice while written (rows, then one contiguous chunk per column): 250,000 rows of
# quotes is ~60 MB, and a task stays near 0.75 GB at any corpus size (0.85 GB at 500,000 rows and
# 1 GB with DuckDB allowed 768 MB, measured on the quotes of 90,000 articles), leaving a worker room
# under 1.5 GB. Parts of 5-10 MB of Parquet: some 400 per large table at 10 million articles.
ROWS_PER_PART = 250_000
DUCKDB_MEMORY = "256MB"   # per task: beyond it DuckDB spills to the work folder (the sort then takes 2 s, not 1)
WORK = "work"


def build_corpus(patterns, out: Path, root: Path, *, scheduler: str | None = None, workers: int | None = None,
                 rows_per_part: int = ROWS_PER_PART, progress: bool = False, timings: dict | None = None) -> dict:
    """Build the corpus the glob patterns match into out/ (tables/<table>/part-*.parquet and
    datapackage.json), with root's catalogue and registry; returns rows per table. timings, when
    given, receives the seconds of each round (scripts/dask_scale.py and docs/scale.md use them)."""
    clock = _Clock(timings if timings is not None else {})
    shards = find_shards(patterns)
    cat = catalogue(root)
    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    recover(out)
    staging = out / STAGING
    staging.mkdir()
    work = staging / WORK
    try:
        registry = load_registry(root)
        _write_registry_rows(cat, registry, work)
        with engine(scheduler, workers) as run:
            clock("start")
            shared = run.share(registry)
            done = run.map(build_shard, shards, root=str(root), registry=shared, work=str(work), progress="shard")
            clock("shards")
            _raise_errors([e for d in done for e in d["errors"]], sum(d["more_errors"] for d in done))
            names = sorted(cat.tables, key=lambda n: n in ENTITY_ID)  # the large tables first
            reduced = {r["table"]: r for r in run.map(reduce_table, names, root=str(root), work=str(work),
                                                      package=str(staging), rows_per_part=rows_per_part)}
            clock("tables")
            across = run.map(check_tables, [str(staging)], root=str(root), work=str(work))[0]
            clock("checks")
        _raise_errors([e for d in done for e in d["violations"]] + [e for r in reduced.values() for e in r["errors"]] + across,
                      sum(d["more_violations"] for d in done))
        package = {
            **package_header(cat),
            "sources": [{"title": d["name"], "path": d["name"], "endofwar:records": d["records"],
                         "endofwar:sha256": d["sha256"]} for d in done],
            "resources": [parts_resource(name, table, reduced[name]["parts"]) for name, table in cat.tables.items()],
        }
        (staging / DESCRIPTOR).write_bytes(descriptor_bytes(package))
        (staging / READY_MARK).write_text("validated\n")
        _swap_in(out, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if out != Path(root).resolve():  # so that `endofwar sql --root DIR` and endofwar.connect(DIR) work
        for folder in ("schemas", "sql"):
            shutil.copytree(Path(root) / folder, out / folder, dirs_exist_ok=True)
    return {name: reduced[name]["rows"] for name in cat.tables}


class _Clock:
    """Seconds since the previous call, recorded under each call's name."""

    def __init__(self, record: dict):
        import time

        self.record, self.now, self.last = record, time.perf_counter, time.perf_counter()

    def __call__(self, name: str) -> None:
        now = self.now()
        self.record[name], self.last = now - self.last, now


def _raise_errors(errors: list, more: int) -> None:
    if errors:
        problems = [from_tuple(e) for e in errors]
        if more:
            problems.append(EndofwarError(f"... and {more} more problem(s) in the same shards"))
        raise ValidationFailed(problems)


def _write_registry_rows(cat: Catalogue, registry, work: Path) -> None:
    """The registry's entities as work rows before every article's (position -1), so that the
    deduplication keeps them first, as the single-machine build does."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = entity_rows(registry, REGISTRY_FILE, "reviewed", cat)
    for name in ENTITY_ID:
        spec = cat.table(name)
        local = [r for r in rows if r.table == name]
        table = rows_to_arrow(spec, local, [(None, i) for i in range(len(local))])
        table = table.append_column(POS, pa.array([-1] * len(local), pa.int64()))
        if name == "events":
            table = table.append_column(OWN, pa.array([False] * len(local), pa.bool_()))
        (work / name).mkdir(parents=True, exist_ok=True)
        pq.write_table(table.cast(work_schema(spec)), work / name / "registry.parquet")


# ---- DuckDB over the work files and the partitions ----------------------------------------------

def _duckdb(work: Path):
    import duckdb

    return duckdb.connect(config={"memory_limit": DUCKDB_MEMORY, "threads": 1, "temp_directory": str(work / "spill")})


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _files(paths) -> str:
    return "[" + ", ".join(_literal(str(p)) for p in sorted(paths)) + "]"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def work_rows(work: Path, name: str) -> str:
    """SQL for a table's rows from every shard, with their origin columns: for an entity table,
    without an extractor draft's definition of an id that an earlier row (the registry, then
    corpus order) defines, which is the single-machine build's rule (_first_definitions)."""
    rows = f"read_parquet({_files((work / name).glob('*.parquet'))})"
    if name not in ENTITY_ID:
        return rows
    return (f"(SELECT * FROM {rows} QUALIFY NOT (coalesce(coding_status = 'auto', false) AND "
            f"row_number() OVER (PARTITION BY {_quoted(ENTITY_ID[name])} ORDER BY {POS}, {SEQ}) > 1))")


class Locator:
    """Where a work row came from: the shard and record of its article, or the registry line."""

    def __init__(self, con, work: Path):
        self.con = con
        con.execute(f"CREATE OR REPLACE VIEW corpus_index AS SELECT * FROM read_parquet({_files((work / INDEX).glob('*.parquet'))})")

    def __call__(self, pos: int | None, file: str | None, line: int | None) -> str:
        if pos is None or pos < 0:
            return f"{file}:{line}" if line else str(file)
        shard, record = self.con.execute("SELECT shard, record FROM corpus_index WHERE _pos = ?", [pos]).fetchone()
        return f"{shard} record {record}"


def reduce_table(name: str, root: str, work: str, package: str, rows_per_part: int = ROWS_PER_PART) -> dict:
    """One table's partitions, sorted by primary key (ties in corpus order), with their hashes;
    an entity table's row rules checked on the rows kept."""
    import pyarrow as pa

    spec = catalogue(Path(root)).table(name)
    work_path, folder = Path(work), Path(package) / TABLES_DIR / name
    folder.mkdir(parents=True, exist_ok=True)
    con = _duckdb(work_path)
    order = ", ".join(f"{_quoted(k)} ASC NULLS LAST" for k in spec.primary_key)
    locate = Locator(con.cursor(), work_path) if name in ENTITY_ID else None
    reader = con.sql(f"SELECT * FROM {work_rows(work_path, name)} ORDER BY {order}, {POS}, {SEQ}").to_arrow_reader(65_536)
    parts, errors, rows, pending = [], [], 0, []

    def emit(table) -> None:
        path = folder / f"part-{len(parts):05d}.parquet"
        _write_part(table, spec, path)
        parts.append({"path": f"{TABLES_DIR}/{name}/{path.name}", "bytes": path.stat().st_size, "sha256": sha256_of(path)})
        if locate is not None:
            def where(_, i, t=table):
                return locate(*(t.column(c)[i].as_py() for c in (POS, FILE, LINE)))
            errors.extend(error_tuple(located(e, where)) for e in rule_errors(table, spec))

    for batch in reader:
        pending.append(batch)
        rows += batch.num_rows
        while sum(b.num_rows for b in pending) >= rows_per_part:
            table = pa.Table.from_batches(pending)
            emit(table.slice(0, rows_per_part))
            pending = table.slice(rows_per_part).to_batches()
    if pending or not parts:
        emit(pa.Table.from_batches(pending, schema=reader.schema))
    con.close()
    return {"table": name, "rows": rows, "parts": parts, "errors": errors}


def _write_part(table, spec, path: Path) -> None:
    """The published columns with the catalogue's types, one contiguous chunk per column (the
    Parquet writer then cuts pages where the single-machine build's would)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = spec.arrow_schema()
    columns = [table.column(f.name).combine_chunks().cast(f.type) for f in schema]
    pq.write_table(pa.Table.from_arrays(columns, schema=schema), path, **PARQUET_OPTIONS)


def check_tables(package: str, root: str, work: str) -> list[tuple]:
    """Keys, references and event evidence across the whole corpus, by DuckDB over the written
    partitions (out of core); a failing row is then looked up in the work files for its origin,
    and worded as the single-machine build words it."""
    cat, work_path = catalogue(Path(root)), Path(work)
    con = _duckdb(work_path)
    for name in cat.tables:
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet({_files((Path(package) / TABLES_DIR / name).glob('part-*.parquet'))})")
        con.execute(f"CREATE VIEW work_{name} AS SELECT * FROM {work_rows(work_path, name)}")
    locate = Locator(con, work_path)
    errors = _key_errors(con, cat, locate) + _event_errors(con, locate)
    con.close()
    return [error_tuple(e) for e in errors]


def _origin_rows(con, name: str, fields: list[str], values: list[tuple], locate) -> list[Row]:
    """The work rows of table `name` whose `fields` equal one of `values`, in corpus order."""
    import pyarrow as pa

    con.register("wanted", pa.table({f"v{i}": [v[i] for v in values] for i in range(len(fields))}))
    match = " AND ".join(f"w.{_quoted(f)} IS NOT DISTINCT FROM wanted.v{i}" for i, f in enumerate(fields))
    found = con.sql(f"SELECT w.* FROM work_{name} w SEMI JOIN wanted ON {match} ORDER BY {POS}, {SEQ}").to_arrow_table()
    con.unregister("wanted")
    return [Row(name, r, locate(r[POS], r[FILE], r[LINE]), None) for r in found.to_pylist()]


def _key_errors(con, cat: Catalogue, locate) -> list[EndofwarError]:
    from endofwar.build.assemble import _dangling, _duplicates, _key

    errors = []
    for name, spec in cat.tables.items():
        key = list(spec.primary_key)
        repeated = con.execute(f"SELECT {', '.join(map(_quoted, key))} FROM {name} GROUP BY ALL HAVING count(*) > 1 LIMIT 100").fetchall()
        if repeated:
            rows = _origin_rows(con, name, key, repeated, locate)
            errors += _duplicates(name, spec, rows, [_key(r, key) for r in rows])
    for name, spec in cat.tables.items():
        for fk in spec.foreign_keys:
            child, parent = _quoted(fk.fields[0]), _quoted(fk.reference_fields[0])
            dangling = con.execute(
                f"SELECT DISTINCT c.{child} FROM {name} c ANTI JOIN {fk.resource} p ON c.{child} = p.{parent} "
                f"WHERE c.{child} IS NOT NULL ORDER BY 1 LIMIT 100").fetchall()
            if dangling:
                rows = _origin_rows(con, name, [fk.fields[0]], dangling, locate)
                errors += _dangling(fk, rows, [_key(r, fk.fields) for r in rows], set())
    return errors


def _event_errors(con, locate) -> list[EndofwarError]:
    """Every event is mentioned by a source, and its date_text occurs in one that mentions it. A
    shard task settled the second rule for each definition whose own article shows both (_own);
    the texts of the sources that mention the other events are read again from their shards."""
    from endofwar.checks.validate import event_evidence_errors

    doubtful = con.execute(
        "SELECT event_id FROM events ANTI JOIN event_sources USING (event_id) UNION "
        f"SELECT event_id FROM work_events WHERE NOT {OWN} AND coalesce(date_text, '') <> '' ORDER BY 1").fetchall()
    if not doubtful:
        return []
    ids = [d[0] for d in doubtful]
    events = con.sql(f"SELECT * FROM work_events WHERE event_id IN (SELECT unnest($ids)) ORDER BY event_id, {POS}, {SEQ}", params={"ids": ids}).to_arrow_table()
    mentions = con.sql("SELECT event_id, source_id FROM event_sources WHERE event_id IN (SELECT unnest($ids))", params={"ids": ids}).to_arrow_table()
    texts = _texts(con, sorted(set(mentions.column("source_id").to_pylist())))
    errors = event_evidence_errors(events, mentions, texts.get, "tables/events.csv")

    def where(_, i):
        return locate(*(events.column(c)[i].as_py() for c in (POS, FILE, LINE)))
    return [located(e, where) for e in errors]


def _texts(con, source_ids: list[str]) -> dict:
    """The texts of these sources, read from their shards (only the shards that hold them)."""
    wanted = con.execute("SELECT shard, record, source_id FROM corpus_index WHERE source_id IN (SELECT unnest(?)) ORDER BY ALL",
                         [source_ids]).fetchall()
    by_shard: dict[str, dict] = {}
    for shard, record, source_id in wanted:
        by_shard.setdefault(shard, {})[record] = source_id
    texts = {}
    for path, numbers in by_shard.items():
        for chunk in records(Shard(path, path, 0), 1000):
            for number, value in chunk:
                if number in numbers:
                    texts[numbers[number]] = value["text"]
    return texts
