"""`endofwar diff`: schema changes first, then rows matched by primary key, between directories or git revisions.

The revisions compared are built here, in a throwaway git repository, so the tests do not
depend on which tags a clone carries.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from pathlib import Path

import pytest

from endofwar.errors import EndofwarError
from endofwar.outputs.diff import diff, diff_packages, load_side, to_json, to_markdown

PEOPLE = {"fields": [{"name": "expert_id", "type": "string"}, {"name": "name", "type": "string"},
                     {"name": "char_start", "type": "integer"}],
          "primaryKey": ["expert_id"], "missingValues": [""]}
SPANS = {"fields": [{"name": "source_id", "type": "string"}, {"name": "char_start", "type": "integer"},
                    {"name": "text", "type": "string"}],
         "primaryKey": ["source_id", "char_start"], "missingValues": [""]}


def write_package(root: Path, tables: dict, version: str = "0.1.0") -> Path:
    """A minimal Frictionless package: datapackage.json + tables/<name>.csv (and a Parquet resource to ignore)."""
    (root / "tables").mkdir(parents=True, exist_ok=True)
    resources = []
    for name, (schema, rows) in tables.items():
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([f["name"] for f in schema["fields"]])
        writer.writerows(rows)
        (root / "tables" / f"{name}.csv").write_text(buffer.getvalue(), encoding="utf-8", newline="")
        resources.append({"name": name, "path": f"tables/{name}.csv", "format": "csv", "schema": schema})
        resources.append({"name": f"{name}-parquet", "path": f"tables/{name}.parquet", "format": "parquet",
                          "schema": schema})
    descriptor = {"name": "demo", "version": version, "resources": resources}
    (root / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return root


V1 = {
    "experts": (PEOPLE, [["ann", "Ann", "5"], ["bob", "Bob", "20"], ["cy", "Cy", "30"]]),
    "spans": (SPANS, [["s", "20", "twenty"], ["s", "100", "hundred"]]),
}


def v2_tables() -> dict:
    """v1 with: bob renamed, cy removed, dan added, a field added and one retyped, a table added, one removed."""
    people = json.loads(json.dumps(PEOPLE))
    people["fields"][2]["type"] = "string"
    people["fields"].append({"name": "country", "type": "string"})
    return {
        "experts": (people, [["ann", "Ann", "5", "KOR"], ["bob", "Robert | Bob", "20", ""], ["dan", "Dan", "9", "USA"]]),
        "events": ({"fields": [{"name": "event_id", "type": "string"}], "primaryKey": ["event_id"]}, [["summit"]]),
    }


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    done = subprocess.run(["git", "-C", str(repo), "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", *args],
                          capture_output=True, text=True, env=env, check=True)
    return done.stdout.strip()


def commit_all(repo: Path, message: str, tag: str | None = None) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    if tag:
        git(repo, "tag", tag)
    return git(repo, "rev-parse", "HEAD")


def clear(root: Path) -> None:
    for path in (root / "tables").glob("*"):
        path.unlink()


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A git repository holding the package at v0.1.0 and at v0.2.0 (tags), v0.2.0 on HEAD."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write_package(repo, V1, "0.1.0")
    commit_all(repo, "v1", tag="v0.1.0")
    clear(repo)
    write_package(repo, v2_tables(), "0.2.0")
    commit_all(repo, "v2", tag="v0.2.0")
    return repo


def test_rows_are_matched_by_primary_key_between_two_tags(history):
    result = diff_packages(load_side("v0.1.0", history), load_side("v0.2.0", history))
    experts = result["tables"]["experts"]
    assert [r["key"] for r in experts["added"]] == [{"expert_id": "dan"}]
    assert [r["key"] for r in experts["removed"]] == [{"expert_id": "cy"}]
    assert experts["changed"] == [{"key": {"expert_id": "bob"}, "fields": {"name": {"old": "Bob", "new": "Robert | Bob"}}}]
    assert experts["added"][0]["row"] == {"expert_id": "dan", "name": "Dan", "char_start": "9", "country": "USA"}
    assert (experts["rows_old"], experts["rows_new"]) == (3, 3)
    assert result["tables"]["spans"]["removed"] and result["tables"]["events"]["added"]
    assert result["old"]["version"] == "0.1.0" and result["new"]["version"] == "0.2.0"
    assert result["old"]["commit"] == git(history, "rev-parse", "v0.1.0")
    summary = result["summary"]
    assert (summary["rows_added"], summary["rows_removed"], summary["rows_changed"]) == (2, 3, 1)


def test_schema_changes_are_reported(history):
    schema = diff_packages(load_side("v0.1.0", history), load_side("v0.2.0", history))["schema"]
    assert schema["tables_added"] == ["events"]
    assert schema["tables_removed"] == ["spans"]
    changes = {(c["table"], c["field"], c["change"]): (c["old"], c["new"], c["breaking"]) for c in schema["fields"]}
    assert changes == {
        ("experts", "char_start", "retyped"): ("integer", "string", True),
        ("experts", "country", "added"): (None, "string", False),
    }


def test_markdown_puts_schema_changes_first_and_escapes_cells(history):
    text = diff("v0.1.0", "v0.2.0", repo=history)
    assert text.startswith("## Data changes: `v0.1.0`")
    assert text.index("### Schema changes") < text.index("### Rows") < text.index("### `experts`")
    assert "**breaking**: table `spans` removed" in text
    assert "**breaking**: field `experts.char_start` retyped: integer → string" in text
    assert "| bob | `name` | Bob | Robert \\| Bob |" in text
    assert "**Added** (1): dan" in text and "**Removed** (1): cy" in text
    assert "Package version 0.1.0 → 0.2.0." in text
    assert "needs a new major version" in text


def test_json_is_deterministic_and_keeps_a_fixed_key_order(history):
    first = diff("v0.1.0", "v0.2.0", repo=history, fmt="json")
    assert first == diff("v0.1.0", "v0.2.0", repo=history, fmt="json")
    result = json.loads(first)
    assert list(result) == ["old", "new", "schema", "tables", "summary"]
    assert list(result["tables"]) == ["experts", "events", "spans"]    # new order, then removed tables
    assert first == to_json(result)


def test_a_branch_a_commit_and_the_working_tree_are_sides(history):
    first = git(history, "rev-list", "--max-parents=0", "HEAD")
    assert diff_packages(load_side(first, history), load_side("v0.1.0", history))["summary"]["identical"]
    assert diff_packages(load_side("main", history), load_side(None, history))["summary"]["identical"]
    csv_path = history / "tables" / "experts.csv"
    csv_path.write_text(csv_path.read_text(encoding="utf-8").replace("Dan", "Daniel"), encoding="utf-8")
    result = diff_packages(load_side("v0.2.0", history), load_side(None, history))
    assert result["new"]["label"] == "working tree"
    assert result["tables"]["experts"]["changed"][0]["fields"] == {"name": {"old": "Dan", "new": "Daniel"}}


def test_package_in_a_subdirectory_of_the_repository(tmp_path):
    top = tmp_path / "top"
    package = top / "data" / "pkg"
    package.mkdir(parents=True)
    git(top, "init", "-q", "-b", "main")
    write_package(package, V1)
    commit_all(top, "v1", tag="v1")
    write_package(package, {"experts": V1["experts"]})
    result = diff_packages(load_side("v1", package), load_side(None, package))
    assert result["schema"]["tables_removed"] == ["spans"]


def test_directory_against_directory(tmp_path):
    old = write_package(tmp_path / "old", V1)
    new = write_package(tmp_path / "new", {
        "experts": V1["experts"],
        "spans": (SPANS, [["s", "20", "twenty"], ["s", "100", "a hundred"], ["s", "25", "x"], ["s", "3", "three"], ["t", "1", ""]]),
    })
    result = diff_packages(load_side(str(old), tmp_path), load_side(str(new / "datapackage.json"), tmp_path))
    spans = result["tables"]["spans"]
    assert [tuple(r["key"].values()) for r in spans["added"]] == [("s", "3"), ("s", "25"), ("t", "1")]  # numeric order
    assert spans["added"][2]["row"]["text"] is None                    # missing value -> null
    assert spans["changed"] == [{"key": {"source_id": "s", "char_start": "100"},
                                 "fields": {"text": {"old": "hundred", "new": "a hundred"}}}]
    assert result["tables"]["experts"] == {"primary_key": ["expert_id"], "rows_old": 3, "rows_new": 3,
                                           "added": [], "removed": [], "changed": []}
    assert not result["summary"]["schema_changed"]
    assert "Schema changes\n\nNone." in to_markdown(result)


def test_identical_packages_say_so(tmp_path):
    a, b = write_package(tmp_path / "a", V1), write_package(tmp_path / "b", V1)
    result = diff_packages(a, b)
    assert result["summary"]["identical"]
    assert "No changes" in to_markdown(result)


def test_rows_without_a_shared_primary_key_are_compared_whole(tmp_path):
    keyless = {"fields": [{"name": "a", "type": "string"}, {"name": "b", "type": "string"}]}
    a = write_package(tmp_path / "a", {"t": (keyless, [["1", "x"], ["1", "x"], ["2", "y"]])})
    b = write_package(tmp_path / "b", {"t": (keyless, [["1", "x"], ["2", "z"]])})
    table = diff_packages(a, b)["tables"]["t"]
    assert table["primary_key"] == []
    assert [r["row"] for r in table["added"]] == [{"a": "2", "b": "z"}]
    assert sorted(r["row"]["b"] for r in table["removed"]) == ["x", "y"]


def test_markdown_lists_at_most_max_rows(tmp_path):
    a = write_package(tmp_path / "a", {"experts": (PEOPLE, [])})
    b = write_package(tmp_path / "b", {"experts": (PEOPLE, [[f"p{i}", "P", str(i)] for i in range(7)])})
    text = to_markdown(diff_packages(a, b), max_rows=3)
    assert "**Added** (7): p0, p1, p2" in text and "… and 4 more" in text


def test_unknown_revision_is_a_clear_error(history):
    with pytest.raises(EndofwarError, match="neither a directory with datapackage.json, a git revision of .*, nor a version") as info:
        load_side("v9.9.9", history)
    assert "fetch-depth: 0" in info.value.fix


def test_revision_without_a_package_is_a_clear_error(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "README.md").write_text("hi\n")
    commit_all(repo, "no data yet", tag="v0")
    with pytest.raises(EndofwarError, match="datapackage.json is not committed at v0"):
        load_side("v0", repo)


def test_duplicate_keys_are_reported_with_the_row(tmp_path):
    a = write_package(tmp_path / "a", V1)
    b = write_package(tmp_path / "b", {"experts": (PEOPLE, [["ann", "Ann", "5"], ["ann", "Anne", "6"]]),
                                       "spans": V1["spans"]})
    with pytest.raises(EndofwarError, match="duplicate primary key") as info:
        diff_packages(a, b)
    assert info.value.row == 3


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(EndofwarError, match="unknown format"):
        diff(str(write_package(tmp_path / "a", V1)), str(tmp_path / "a"), repo=tmp_path, fmt="yaml")


def test_the_published_package_format_is_understood(tmp_path):
    """A package written by endofwar.build.publish (CSV + Parquet resources per catalogue table) diffs by its keys."""
    import pyarrow as pa

    from endofwar.build.publish import write_package as publish_package
    from endofwar.paths import project_root
    from endofwar.schemas import catalogue

    cat = catalogue(project_root())

    def package(path: Path, experts: list[dict]) -> Path:
        tables = {name: t.arrow_schema().empty_table() for name, t in cat.tables.items()}
        tables["experts"] = pa.Table.from_pylist(experts, schema=cat.table("experts").arrow_schema())
        publish_package(tables, path, cat)
        return path

    ann = {"expert_id": "ann-lee", "name": "Ann Lee", "person_type": "analyst", "country": "KOR", "coding_status": "auto"}
    old = package(tmp_path / "old", [ann])
    new = package(tmp_path / "new", [{**ann, "coding_status": "reviewed"}])
    result = diff_packages(old, new)
    assert list(result["tables"]) == list(cat.tables)                  # Parquet resources are not tables twice
    assert result["tables"]["experts"]["changed"] == [
        {"key": {"expert_id": "ann-lee"}, "fields": {"coding_status": {"old": "auto", "new": "reviewed"}}}]
    assert not result["summary"]["schema_changed"]
