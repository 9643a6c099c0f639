"""Per-source rows, cached as Arrow tables by the hash of everything they depend on.

A source's rows depend on its raw text, its annotation file (or, for a draft, the registry
the extractor uses as gazetteer and the concepts it drafts claims with), the catalogue and the toolkit's code. The cache key hashes
all of them. The cache holds, per table, the rows of every source of the last build as one
Arrow IPC file (memory-mapped, so reusing 10,000 sources costs milliseconds), plus each
source's key and whether its rows passed a build's validation. A build computes the sources
whose key changed (in parallel when many), splices their rows in, and drops the rows of
removed sources; its output is byte-identical to a clean build's. The cache lives in
.cache/rows (never published, safe to delete).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sys
import threading
import time
import uuid
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Iterator

from endofwar.errors import EndofwarError
from endofwar.inputs.annotations import Row, source_rows
from endofwar.inputs.sources import Source
from endofwar.paths import code_version, sha256_of
from endofwar.schemas import Catalogue

CACHE_DIR = Path(".cache") / "rows"
STATE = "state.json"
VALIDATED = "validated"  # names the generation whose every source passed a build's validation
PARALLEL_FROM = 64  # fewer cache misses than this are cheaper to compute in one process (see drafting_worker)
BATCH = 500  # sources whose rows are turned into Arrow together
MAX_RUNS = 64  # stale rows in more runs than this are filtered out rather than sliced around (see _without)
SOURCE, SEQ, FILE, LINE = "_source", "_seq", "_file", "_line"  # where each row came from


def _file_hash(path: Path) -> str:
    return sha256_of(path) if path.exists() else "-"


def cache_keys(root: Path, sources: list[Source]) -> dict[str, str]:
    """source_id -> the hash of everything its rows depend on."""
    registry = _file_hash(root / "annotations" / "registry.yaml") + _file_hash(root / "annotations" / "concepts.yaml")
    common = code_version() + _file_hash(root / "schemas" / "catalogue.yaml")
    annotated = {p.stem for p in (root / "annotations").glob("*.yaml")}
    keys = {}
    for source in sources:
        sid = source.source_id
        depends = _file_hash(root / "annotations" / f"{sid}.yaml") if sid in annotated else "draft " + registry
        meta = repr(tuple(source.meta.values()))  # in the catalogue's field order, which `common` covers
        keys[sid] = hashlib.sha256(f"{common}\n{depends}\n{meta}".encode()).hexdigest()
    return keys


def stacked_schema(table):
    """A table's Arrow schema plus the provenance of each row (source, order, file, line)."""
    import pyarrow as pa

    extra = [pa.field(SOURCE, pa.string()), pa.field(SEQ, pa.int64()), pa.field(FILE, pa.string()), pa.field(LINE, pa.int64())]
    return pa.schema(list(table.arrow_schema()) + extra)


def rows_to_arrow(table, rows: list[Row], origins: list[tuple]):
    """Rows of one table as Arrow, each with its (source, seq) origin; wrong types name the table."""
    import pyarrow as pa

    columns = {f: [r.values.get(f) for r in rows] for f in table.field_names}
    columns[SOURCE] = [o[0] for o in origins]
    columns[SEQ] = [o[1] for o in origins]
    columns[FILE] = [r.file for r in rows]
    columns[LINE] = [r.line for r in rows]
    try:
        return pa.Table.from_pydict(columns, schema=stacked_schema(table))
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise EndofwarError(f"a value has the wrong type: {exc}", file=f"table {table.name}") from None


@dataclass
class Stacked:
    """Every source's rows per table (any order), and which sources have not passed validation yet."""

    tables: dict
    unvalidated: set
    keys: dict
    saving: Future | None = None  # the cache being written meanwhile

    def saved(self) -> None:
        """Wait until the cache is written (raising what writing it raised)."""
        if self.saving is not None:
            self.saving.result()


def _compute(job) -> list[Row]:
    root, source, registry = job
    return source_rows(root, source, registry)


def _progress(total: int, enabled: bool):
    """tqdm's bar on a terminal, shown after a second; nothing (not even tqdm) when it cannot show."""
    if not (enabled and total and sys.stderr.isatty()):
        return nullcontext(SimpleNamespace(update=lambda: None))
    from tqdm import tqdm

    return tqdm(total=total, unit="source", delay=1.0, file=sys.stderr)


@contextmanager
def drafting_worker() -> Iterator[ProcessPoolExecutor | None]:
    """A worker process that imports the extractor while this one reads and keys the sources: the
    few sources an incremental build recomputes are then drafted without that import (0.1 s, its
    patterns compile on import) on the critical path. None on one core, or once this process has
    imported the extractor (`endofwar watch` does, to draft in place build after build)."""
    if (os.cpu_count() or 1) < 2 or "endofwar.extraction" in sys.modules:
        yield None
        return
    worker = _processes(1)
    try:
        worker.submit(_warm)
        yield worker
    finally:
        worker.shutdown(wait=False, cancel_futures=True)


def _processes(workers: int | None = None) -> ProcessPoolExecutor:
    """Worker processes started afresh, not forked: a fork copies whatever locks Arrow's and
    DuckDB's threads hold at that moment, and its child can crash on them (seen in the tests)."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_end_with_parent, initargs=(os.getpid(),))


def _end_with_parent(parent: int) -> None:
    """Make this worker end when the build that started it ends, however it ends: a build killed
    mid-way (SIGKILL, os._exit) cannot stop its workers, and an orphaned worker would wait for
    work forever, holding the build's stdout and stderr open for whoever reads them."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def _warm() -> None:
    import endofwar.extraction  # noqa: F401 - imported for the drafts to come


def _computed(root: Path, sources: list[Source], registry, progress: bool, worker) -> Iterator[list[Row]]:
    """Each source's rows, in order: in a pool of processes over every core when there are many,
    else in the drafting worker (submitted now, computed while this process goes on), or here."""
    jobs = [(root, s, registry) for s in sources]
    if len(jobs) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        return _pooled(jobs, progress)
    if worker is not None and jobs:
        return worker.map(_compute, jobs)
    return map(_compute, jobs)


def _pooled(jobs: list, progress: bool) -> Iterator[list[Row]]:
    with _progress(len(jobs), progress) as bar, _processes() as pool:
        for rows in pool.map(_compute, jobs, chunksize=max(1, len(jobs) // (8 * (os.cpu_count() or 1)))):
            bar.update()
            yield rows


def _computed_tables(rows_of: Iterator[list[Row]], sources: list[Source], cat: Catalogue) -> dict:
    """The sources' computed rows as Arrow tables, converted BATCH sources at a time: a few
    thousand Row objects alive at once rather than every row of a 10,000-article corpus."""
    import pyarrow as pa

    parts: dict[str, list] = {name: [] for name in cat.tables}
    rows_of = iter(rows_of)
    for start in range(0, max(len(sources), 1), BATCH):
        batch: dict[str, tuple[list, list]] = {name: ([], []) for name in cat.tables}
        for source in sources[start:start + BATCH]:
            for seq, row in enumerate(next(rows_of)):
                batch[row.table][0].append(row)
                batch[row.table][1].append((source.source_id, seq))
        for name, table in cat.tables.items():
            parts[name].append(rows_to_arrow(table, *batch[name]))
    return {name: pa.concat_tables(tables) for name, tables in parts.items()}


def _read_cache(cache: Path, cat: Catalogue) -> tuple[dict, dict]:
    """(state, tables) of the last build; anything missing, damaged or of another schema reads as empty."""
    import pyarrow as pa

    try:
        state = json.loads((cache / STATE).read_text(encoding="utf-8"))
        tables = {}
        for name, table in cat.tables.items():
            with pa.memory_map(str(cache / f"{name}.arrow")) as source:
                stored = pa.ipc.open_file(source).read_all()
            if stored.schema.metadata.get(b"generation", b"").decode() != state["generation"]:
                return {}, {}
            if not stored.schema.remove_metadata().equals(stacked_schema(table).remove_metadata()):
                return {}, {}
            tables[name] = stored
        if _read_mark(cache) == state["generation"]:
            state["validated"] = list(state["keys"])
        return state, tables
    except (OSError, ValueError, KeyError, TypeError, AttributeError, pa.ArrowException):
        return {}, {}


def _write_cache(cache: Path, tables: dict, keys: dict, validated: set) -> None:
    """Table files first, then the state naming their generation: a torn write reads as empty."""
    import pyarrow as pa

    cache.mkdir(parents=True, exist_ok=True)
    generation = uuid.uuid4().hex  # ties the files of one write together; never published
    for name, table in tables.items():
        table = table.replace_schema_metadata({"generation": generation})
        tmp = cache / f"{name}.arrow.{os.getpid()}.tmp"
        with pa.OSFile(str(tmp), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        os.replace(tmp, cache / f"{name}.arrow")
    tmp = cache / f"{STATE}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps({"generation": generation, "keys": keys, "validated": sorted(validated)}, sort_keys=True), encoding="utf-8")
    os.replace(tmp, cache / STATE)


def _without(table, stale):
    """The table without the rows of the stale sources. A source's rows are stacked together, so
    the rows of a few sources are a few runs, cut out by slicing the (memory-mapped) table
    rather than copying the rest of it (0.1 s at 10,000 sources); many runs are filtered out."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    mask = pc.is_in(table.column(SOURCE), value_set=stale)
    drop = pc.indices_nonzero(mask).to_numpy()
    breaks = np.flatnonzero(np.diff(drop) != 1)  # where one run of dropped rows ends and the next begins
    starts = np.concatenate([drop[:1], drop[breaks + 1]])
    ends = np.concatenate([drop[breaks], drop[-1:]]) + 1
    if len(starts) > MAX_RUNS:
        return table.filter(pc.invert(mask))
    bounds = zip([0, *ends], [*starts, table.num_rows])
    return pa.concat_tables([table.schema.empty_table()] + [table.slice(a, b - a) for a, b in bounds if b > a])


def stacked_rows(root: Path, sources: list[Source], registry, cat: Catalogue, *, progress: bool = False,
                 worker: ProcessPoolExecutor | None = None) -> Stacked:
    """Every source's rows: from the cache when the source's key is unchanged, else computed
    (a few of them in worker, when given: see drafting_worker)."""
    import pyarrow as pa

    keys = cache_keys(root, sources)
    cache = root / CACHE_DIR
    state, cached = _read_cache(cache, cat)
    old_keys = state.get("keys", {}) if cached else {}
    misses = [s for s in sources if old_keys.get(s.source_id) != keys[s.source_id]]
    rows_of = _computed(root, misses, registry, progress, worker)
    stale = pa.array(sorted({s.source_id for s in misses} | (set(old_keys) - set(keys))), pa.string())
    computed = _computed_tables(rows_of, misses, cat)
    tables = {}
    for name in cat.tables:
        kept = _without(cached[name], stale) if cached else None
        tables[name] = pa.concat_tables([kept, computed[name]]) if kept is not None and kept.num_rows else computed[name]
    validated = set(state.get("validated", [])) & (set(keys) - set(stale.to_pylist()))
    saving = None
    if misses or set(old_keys) != set(keys):  # written while the tables are assembled: Arrow's writer releases the GIL
        writer = ThreadPoolExecutor(max_workers=1)
        saving = writer.submit(_write_cache, cache, tables, keys, validated)
        writer.shutdown(wait=False)
    return Stacked(tables, set(keys) - validated, keys, saving)


def _read_mark(cache: Path) -> str | None:
    try:
        return (cache / VALIDATED).read_text(encoding="utf-8")
    except OSError:
        return None


def mark_validated(root: Path, stacked: Stacked) -> None:
    """Record that every source's rows, as this build cached them, passed validation: a mark
    naming the cache's generation (rewriting the 10,000 keys of the state would cost more)."""
    stacked.saved()
    cache = root / CACHE_DIR
    try:
        state = json.loads((cache / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if state.get("keys") == stacked.keys:
        tmp = cache / f"{VALIDATED}.{os.getpid()}.tmp"
        tmp.write_text(state["generation"], encoding="utf-8")
        os.replace(tmp, cache / VALIDATED)
