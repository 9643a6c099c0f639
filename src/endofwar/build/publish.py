"""Write the package (CSV, Parquet, datapackage.json, croissant.json) byte-for-byte reproducibly, and atomically.

The build writes a complete package into .staging/, validates it there, marks it ready,
then swaps it in. A build that fails or is killed before the mark leaves the published
files untouched; one killed after the mark is completed by the next command (`recover`).
Callers hold the dataset's writers' lock (endofwar.lock.writing): one build at a time.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from endofwar.errors import EndofwarError, ValidationFailed
from endofwar.metadata import CROISSANT, croissant, croissant_bytes, released_on
from endofwar.package import DESCRIPTOR, TABLES_DIR, descriptor, descriptor_bytes
from endofwar.paths import sha256_bytes
from endofwar.schemas import Catalogue, catalogue

STAGING = ".staging"
READY_MARK = "READY"
PARQUET_OPTIONS = dict(
    compression="zstd", compression_level=3, row_group_size=1_000_000, version="2.6",
    data_page_version="1.0", use_dictionary=True, write_statistics=True, store_schema=True,
)
DELTA_SHARE = 0.25  # above this share of changed sources, validating the whole package is as cheap


CSV_OPTIONS = "HEADER, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NULLSTR '', DATEFORMAT '%Y-%m-%d'"


def write_csvs(tables: dict, out: Path) -> None:
    """tables/<name>.csv: UTF-8, comma-separated, LF line ends, quotes only where needed, empty
    cell for null.

    DuckDB's writer: C++ speed at scale, and it quotes what a reader could misread (a carriage
    return, an empty string as opposed to null) where Python's csv module does not. One
    connection for all tables: opening one costs more than writing a small table. One thread:
    keeping the rows in order, a second one slows the writer down (0.25 s -> 0.35 s for 224,000
    rows), and the Parquet files are written meanwhile.
    """
    import duckdb

    with duckdb.connect(config={"threads": 1}) as con:
        con.execute("SET preserve_insertion_order = true")
        for name, table in tables.items():
            con.register("rows", table)
            target = str(out / f"{name}.csv").replace("'", "''")
            con.execute(f"COPY rows TO '{target}' ({CSV_OPTIONS})")
            con.unregister("rows")


def write_parquet(arrow_table, path: Path) -> None:
    import pyarrow.parquet as pq

    pq.write_table(arrow_table, path, **PARQUET_OPTIONS)


def write_package(tables: dict, package_dir: Path, cat: Catalogue, released: str | None = None) -> None:
    """Write tables/*.csv, tables/*.parquet, datapackage.json and croissant.json under package_dir
    (`released`: the version's release date, which croissant.json gives as datePublished).

    The CSV files and each Parquet file are written side by side in threads: both writers run
    in C++ without the GIL.
    """
    from concurrent.futures import ThreadPoolExecutor

    out = package_dir / TABLES_DIR
    out.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        jobs = [pool.submit(write_csvs, tables, out)]
        jobs += [pool.submit(write_parquet, table, out / f"{name}.parquet") for name, table in tables.items()]
        for job in jobs:
            job.result()
    package = descriptor(cat, package_dir, tables["sources"])
    package_bytes = descriptor_bytes(package)
    (package_dir / DESCRIPTOR).write_bytes(package_bytes)
    description = croissant(cat, tables, package, package_dir, sha256_bytes(package_bytes), released)
    (package_dir / CROISSANT).write_bytes(croissant_bytes(description))


def recover(root: Path) -> None:
    """Finish a swap that a killed build had validated, or discard an unfinished staging area."""
    staging = root / STAGING
    if not staging.exists():
        return
    if (staging / READY_MARK).exists():
        _swap_in(root, staging)
    shutil.rmtree(staging, ignore_errors=True)


def settle(root: Path) -> None:
    """Before reading: finish a swap that a killed build left half done, unless a build is running
    (its staging area is its own). One stat when there is nothing to finish."""
    from endofwar.lock import DatasetLocked, writing

    if not (root / STAGING).exists():
        return
    try:
        with writing(root, wait=False):
            recover(root)
    except DatasetLocked:
        pass


def _swap_in(root: Path, staging: Path) -> None:
    """Replace tables/, datapackage.json and croissant.json by the staged ones; safe to repeat after a crash.
    Readers hold the dataset's read lock (endofwar.lock), so none sees one renamed without the other."""
    from endofwar.lock import swapping

    new_tables, old_tables = staging / TABLES_DIR, staging / "old-tables"
    with swapping(root):
        if new_tables.exists():
            if (root / TABLES_DIR).exists():
                os.replace(root / TABLES_DIR, old_tables)
            os.replace(new_tables, root / TABLES_DIR)
        for name in (DESCRIPTOR, CROISSANT):
            if (staging / name).exists():
                os.replace(staging / name, root / name)


def row_counts(tables: dict):
    """Rows per (table, source_id) as one Arrow table; tables without source_id count under '*'."""
    import pyarrow as pa

    parts = []
    for name, table in tables.items():
        if "source_id" in table.column_names and name != "sources":
            counts = table.group_by("source_id").aggregate([([], "count_all")])
            sources, rows = counts.column("source_id"), counts.column("count_all")
        else:
            sources, rows = pa.array(["*"]), pa.array([table.num_rows], pa.int64())
        parts.append(pa.table({"table": pa.array([name] * len(sources), pa.string()), "source": sources, "rows": rows}))
    schema = pa.schema([("table", pa.string()), ("source", pa.string()), ("rows", pa.int64())])
    return pa.concat_tables([schema.empty_table(), *parts])


def published_tables(root: Path, columns: list[str] | None = None) -> dict:
    """The currently published tables (empty when nothing is published yet); with columns, only
    those of them each table has (a table with none keeps its row count)."""
    import pyarrow.parquet as pq

    from endofwar.schemas import catalogue

    out = {}
    for name, spec in catalogue(root).tables.items():
        path = root / TABLES_DIR / f"{name}.parquet"
        if path.exists():
            out[name] = pq.read_table(path, columns=None if columns is None else [c for c in columns if c in spec.field_names])
    return out


def dropped_rows(root: Path, tables: dict) -> list[str]:
    """(table, source) pairs that would publish fewer rows than are published now."""
    import pyarrow.compute as pc

    old, new = row_counts(published_tables(root, columns=["source_id"])), row_counts(tables)
    both = old.join(new.rename_columns(["table", "source", "now"]), ["table", "source"], join_type="left outer")
    fewer = both.filter(pc.less(pc.fill_null(both.column("now"), 0), both.column("rows")))
    return [
        f"{table} ({source}): {count} -> {now or 0} rows"
        for table, source, count, now in sorted(zip(*(fewer.column(c).to_pylist() for c in ("table", "source", "rows", "now"))))
    ]


def _with_origin(error: EndofwarError, origin) -> EndofwarError:
    """Point a row error in a staged table back at the annotation line that wrote the row."""
    where = origin(Path(str(error.file or "")).stem, error.row - 2) if error.row is not None else None
    if where is None:
        return error
    return EndofwarError(error.message, file=where, field=error.field, fix=error.fix or "fix the entry there")


def _delta_tables(tables: dict, source_ids: set) -> tuple[dict, dict]:
    """The rows of these sources (with every entity row, which they may reference), and for
    each table the position of each kept row in the full table."""
    import pyarrow as pa
    import pyarrow.compute as pc

    wanted = pa.array(sorted(source_ids), pa.string())
    part, positions = {}, {}
    for name, table in tables.items():
        if "source_id" in table.column_names:
            mask = pc.is_in(table.column("source_id"), value_set=wanted)
            part[name], positions[name] = table.filter(mask), pc.indices_nonzero(mask).to_pylist()
        else:
            part[name], positions[name] = table, list(range(table.num_rows))
    return part, positions


def _validate_staged(staging: Path, root: Path, assembly, written) -> list[EndofwarError]:
    """Every layer on the staged package, once `written` (a future) has written it. When few
    sources changed since the last validated build: the row layers on the changed sources'
    rows (the Pandera model's Arrow twin, then provenance), and the rules that span sources
    (keys, references, event evidence) on the whole tables, while the files are being written."""
    from endofwar.checks.validate import event_date_errors, event_evidence_errors, row_errors, validate_package

    unvalidated = assembly.stacked.unvalidated
    if len(unvalidated) > DELTA_SHARE * len(assembly.sources):
        written.result()
        errors = validate_package(staging, raw_root=root, display_root=STAGING)
        return [_with_origin(e, assembly.origin) for e in errors]
    part, positions = _delta_tables(assembly.tables, unvalidated)

    def origin(name: str, index: int) -> str | None:
        in_part = name in positions and 0 <= index < len(positions[name])
        return assembly.origin(name, positions[name][index]) if in_part else None

    errors = [_with_origin(e, origin) for e in row_errors(part, root, whole=assembly.tables)]
    by_id = {s.source_id: s for s in assembly.sources}
    events = event_evidence_errors(assembly.tables["events"], assembly.tables["event_sources"],
                                   lambda sid: by_id[sid].text if sid in by_id else None, "tables/events.csv")
    events += event_date_errors(assembly.tables)
    return errors + [_with_origin(e, assembly.origin) for e in events]


def build(root: Path, *, validate: bool = True, allow_drop: bool = False, progress: bool = False) -> dict:
    """Assemble, write to .staging/, validate there, then publish; returns rows per table.

    Publishing fewer rows for a table and source than are published now fails unless
    allow_drop: silent loss from an extractor or coding change must be explained.
    """
    from concurrent.futures import ThreadPoolExecutor

    from endofwar.build.assemble import assemble_with_origins
    from endofwar.build.incremental import mark_validated

    recover(root)
    assembly = assemble_with_origins(root, progress=progress)
    tables = assembly.tables
    drops = [] if allow_drop else dropped_rows(root, tables)
    if drops:
        raise EndofwarError(
            "the build would publish fewer rows than are published now: " + "; ".join(drops),
            file="tables/", fix="if the loss is intended (a correction), run `endofwar build --allow-drop` and say why in CHANGELOG.md",
        )
    staging = root / STAGING
    staging.mkdir()
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            written = pool.submit(write_package, tables, staging, catalogue(root), released_on(root))
            errors = _validate_staged(staging, root, assembly, written) if validate else []
            written.result()
        if errors:
            raise ValidationFailed(errors)
        (staging / READY_MARK).write_text("validated\n")
        _swap_in(root, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if validate:
        mark_validated(root, assembly.stacked)
    return {name: t.num_rows for name, t in tables.items()}


def build_into(root: Path, out_dir: Path) -> dict:
    """Write a fresh, unvalidated package into out_dir (for comparisons); returns the tables."""
    from endofwar.build.assemble import assemble

    tables = assemble(root)
    write_package(tables, out_dir, catalogue(root), released_on(root))
    return tables
