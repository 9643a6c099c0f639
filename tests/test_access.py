"""The three ways users load the data: pandas, DuckDB, endofwar.connect(), from any directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from conftest import command

import endofwar
from endofwar.cli import main
from endofwar.paths import PACKAGE_DIR


def test_read_parquet_gives_real_types(built):
    df = pd.read_parquet(built / "tables" / "quotes.parquet")
    assert df["char_start"].dtype == "int64" and df["char_end"].dtype == "int64"
    assert not any(df[c].dtype == object and df[c].map(lambda v: isinstance(v, (int, float))).any() for c in df)
    events = pd.read_parquet(built / "tables" / "events.parquet")
    assert events["date_start"].map(lambda d: hasattr(d, "isoformat") or d is None).all()


def test_load_returns_typed_frame(built):
    df = endofwar.load("quotes", root=built)
    assert str(df["char_start"].dtype) == "Int64"
    assert str(df["quote_kind"].dtype) == "string"
    events = endofwar.load("events", root=built)
    assert str(events["date_start"].dtype) == "date32[day][pyarrow]"


def test_connect_works_from_another_directory(built, tmp_path):
    code = (
        "import endofwar; con = endofwar.connect(); "
        "print(con.sql('select count(*) from quote_details').fetchall()[0][0])"
    )
    env = {**os.environ, "ENDOFWAR_ROOT": str(built)}
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == len(pd.read_parquet(built / "tables" / "quotes.parquet"))


def test_views_join_names_and_sources(built):
    con = endofwar.connect(built)
    rows = con.sql("select q.speaker_name, q.url, q.source_title is not distinct from s.title from quote_details q "
                   "join sources s using (source_id) where q.speaker_kind = 'person'").fetchall()
    assert rows and all(all(row) for row in rows)   # a title the carried text does not print stays empty
    for view in ("expert_directory", "timeline", "precondition_matrix", "precondition_details"):
        assert con.sql(f"select count(*) from {view}").fetchall()[0][0] >= 0


def test_sql_command_prints_a_table(built):
    result = CliRunner().invoke(main, ["sql", "select count(*) as n from experts", "--root", str(built)])
    assert result.exit_code == 0, result.output
    assert "n" in result.output and "│" in result.output


def test_export_duckdb_file_stands_alone(built, tmp_path):
    target = tmp_path / "endofwar.duckdb"
    result = CliRunner().invoke(main, ["export-duckdb", str(target), "--root", str(built)])
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(target), read_only=True)
    n = con.sql("select count(*) from quote_details").fetchall()[0][0]
    assert n == len(pd.read_parquet(built / "tables" / "quotes.parquet"))
    kinds = dict(con.sql("select table_name, table_type from information_schema.tables").fetchall())
    assert kinds["quotes"] == "BASE TABLE" and kinds["quote_details"] == "VIEW"


def test_commands_inside_a_dataset_act_on_it(built, tmp_path):
    """Run from inside a dataset (or a folder below it), the CLI uses that dataset, as git does."""
    below = built / "tables"
    env = {k: v for k, v in os.environ.items() if k != "ENDOFWAR_ROOT"}
    result = subprocess.run([command("endofwar"), "sql", "select count(*) as n from sources"], cwd=below, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    elsewhere = subprocess.run([sys.executable, "-c", "from endofwar.paths import project_root; print(project_root())"],
                               cwd=tmp_path, env=env, capture_output=True, text=True)
    assert elsewhere.stdout.strip() == str(PACKAGE_DIR.parents[1])
    inside = subprocess.run([sys.executable, "-c", "from endofwar.paths import project_root; print(project_root())"],
                            cwd=below, env=env, capture_output=True, text=True)
    assert inside.stdout.strip() == str(built.resolve())


def test_sql_writes_csv_json_and_markdown_with_every_row(built):
    import csv
    import io

    query = "select source_id, published_start, title from sources order by source_id"
    expected = pq.read_table(built / "tables" / "sources.parquet", columns=["source_id", "published_start", "title"]).to_pylist()
    expected.sort(key=lambda r: r["source_id"])
    run = lambda fmt: CliRunner().invoke(main, ["sql", "--format", fmt, query, "--root", str(built)])
    out = run("csv")
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert len(rows) == len(expected) > 40                 # every row, not the table's 40
    assert rows == [{"source_id": r["source_id"], "published_start": r["published_start"].isoformat() if r["published_start"] else "",
                     "title": r["title"] or ""} for r in expected]
    data = json.loads(run("json").output)
    assert data == [{**r, "published_start": r["published_start"].isoformat() if r["published_start"] else None} for r in expected]
    lines = run("markdown").output.splitlines()
    assert lines[:2] == ["| source_id | published_start | title |", "|---|---|---|"] and len(lines) == len(expected) + 2
    assert all(line.count(" | ") == 2 for line in lines[2:])  # a pipe inside a title would be escaped, not a new cell


@pytest.mark.parametrize("columns", [100, 160])
def test_sql_table_fits_the_terminal(built, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))   # the width a terminal reports (DuckDB draws at least 80)
    out = CliRunner().invoke(main, ["sql", "select * from sources", "--root", str(built)])
    widths = [len(line) for line in out.output.splitlines()]
    assert out.exit_code == 0 and columns - 10 <= max(widths) <= columns, out.output
