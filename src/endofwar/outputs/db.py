"""DuckDB and pandas access to the published Parquet files, from any working directory."""

from __future__ import annotations

import os
from contextlib import contextmanager, nullcontext
from pathlib import Path

from endofwar.errors import EndofwarError
from endofwar.paths import project_root

VIEWS_FILE = Path("sql") / "views.sql"


def _parquet(root: Path, name: str) -> list[Path]:
    """The table's Parquet file, or its partitions in row order (tables/<name>/part-*.parquet,
    as a corpus build publishes a table)."""
    parts = sorted((root / "tables" / name).glob("part-*.parquet"))
    path = root / "tables" / f"{name}.parquet"
    if not parts and not path.exists():
        raise EndofwarError("missing", file=str(path), fix="run `endofwar build` first")
    return parts or [path]


def _table_names(root: Path) -> list[str]:
    from endofwar.schemas import catalogue

    return list(catalogue(root).tables)


def _sql_list(paths: list[Path]) -> str:
    return "[" + ", ".join("'" + str(path).replace("'", "''") + "'" for path in paths) + "]"


def _define(con, root: Path, materialise: bool) -> None:
    """One view (or table) per published table, with absolute paths, then the views of sql/views.sql."""
    kind = "TABLE" if materialise else "VIEW"
    for name in _table_names(root):
        con.execute(f"CREATE {kind} {name} AS SELECT * FROM read_parquet({_sql_list(_parquet(root, name))})")
    con.execute((root / VIEWS_FILE).read_text(encoding="utf-8"))


def connect(root: str | Path | None = None, *, version: str | None = None):
    """An in-memory DuckDB connection with every table and view of the dataset defined.

    Views point at the Parquet files by absolute path, so this works from any directory. The
    files are checked and the views defined under the dataset's read lock: never half of one
    build and half of another. (Each query reads the files when it runs: a connection kept open
    across a build sees the new files from its next query on.) version: a release (`0.1.0`) or a
    git revision of the dataset's repository, read from git history instead of the working tree.
    """
    import duckdb

    root = _resolve(root, version)
    con = duckdb.connect(":memory:")
    with _published(root) if version is None else nullcontext():  # a release from git history never changes
        _define(con, root, materialise=False)
    return con


def _resolve(root: str | Path | None, version: str | None) -> Path:
    from endofwar.outputs.diff import unpack_release

    root = Path(root).resolve() if root else project_root()
    return root if version is None else unpack_release(root, version)


@contextmanager
def _published(root: Path):
    """Read the published files of root as one package: a swap a killed build left half done is
    finished first, and a running build's swap waits until the block ends (and it for the swap)."""
    from endofwar.build.publish import settle
    from endofwar.lock import reading

    settle(root)
    with reading(root):
        yield


def export_duckdb(path: str | Path, root: str | Path | None = None) -> Path:
    """Write a standalone .duckdb file: tables materialised, views defined (atomic replace)."""
    import duckdb

    root = Path(root).resolve() if root else project_root()
    path = Path(path).resolve()
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        with _published(root):
            _define(con, root, materialise=True)
    finally:
        con.close()
    os.replace(tmp, path)
    return path


def result_text(relation, fmt: str, max_rows: int | None = None) -> str:
    """A query's every row (or its first max_rows) as text to save or paste. csv: a header and a line
    per row, empty for null; json: an array of objects (dates in ISO 8601); markdown: a table."""
    rows = (relation if max_rows is None else relation.limit(max_rows)).fetchall()
    columns = relation.columns
    if fmt == "json":
        import orjson

        return orjson.dumps([dict(zip(columns, row)) for row in rows], default=str,
                            option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode("utf-8")
    plain = [["" if v is None else str(v).lower() if isinstance(v, bool) else str(v) for v in row] for row in rows]
    if fmt == "csv":
        import csv
        import io

        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(plain)
        return out.getvalue()
    from endofwar.outputs.dictionary import markdown_cell

    lines = ["| " + " | ".join(markdown_cell(c) for c in columns) + " |", "|" + "---|" * len(columns)]
    return "\n".join(lines + ["| " + " | ".join(markdown_cell(v) for v in row) + " |" for row in plain]) + "\n"


def load(name: str, root: str | Path | None = None, *, version: str | None = None):
    """One table as a pandas DataFrame with the dataset's types (Int64, string, date32, boolean).

    version: a release (`0.1.0`) or git revision, as for `connect`.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from endofwar.checks.frames import arrow_to_pandas
    from endofwar.schemas import catalogue

    root = _resolve(root, version)
    table = catalogue(root).table(name)
    with _published(root) if version is None else nullcontext():
        parts = [pq.read_table(path) for path in _parquet(root, name)]
    return arrow_to_pandas(parts[0] if len(parts) == 1 else pa.concat_tables(parts), table)
