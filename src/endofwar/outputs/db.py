"""DuckDB and pandas access to the published Parquet files, from any working directory."""

from __future__ import annotations

import os
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


def connect(root: str | Path | None = None):
    """An in-memory DuckDB connection with every table and view of the dataset defined.

    Views point at the Parquet files by absolute path, so this works from any directory.
    """
    import duckdb

    root = Path(root).resolve() if root else project_root()
    con = duckdb.connect(":memory:")
    _define(con, root, materialise=False)
    return con


def export_duckdb(path: str | Path, root: str | Path | None = None) -> Path:
    """Write a standalone .duckdb file: tables materialised, views defined (atomic replace)."""
    import duckdb

    root = Path(root).resolve() if root else project_root()
    path = Path(path).resolve()
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        _define(con, root, materialise=True)
    finally:
        con.close()
    os.replace(tmp, path)
    return path


def load(name: str, root: str | Path | None = None):
    """One table as a pandas DataFrame with the dataset's types (Int64, string, date32, boolean)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from endofwar.checks.frames import arrow_to_pandas
    from endofwar.schemas import catalogue

    root = Path(root).resolve() if root else project_root()
    table = catalogue(root).table(name)
    parts = [pq.read_table(path) for path in _parquet(root, name)]
    return arrow_to_pandas(parts[0] if len(parts) == 1 else pa.concat_tables(parts), table)
