"""What changed between two versions of the data package: schema first, then rows by primary key.

Each side is a directory holding a datapackage.json, or a git revision whose committed
datapackage.json and CSV files are read with `git show` (no checkout, works on any
clone), or a released version (`0.1.0`): the first commit whose datapackage.json carries
it, so no tag is needed. The CSV files are compared, not the Parquet ones: they are portable, present in
every revision, and a changed cell is a changed string.

    result = diff_packages(load_side("0.1.0", repo), load_side(None, repo))
    print(to_markdown(result))      # for a pull-request comment
    print(to_json(result))          # for machines; same input, same bytes
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from endofwar.errors import EndofwarError
from endofwar.package import DESCRIPTOR

WORKING_TREE = "working tree"
MARKDOWN_ROWS = 50       # rows listed per table and kind before "... and N more" (PR comments are capped)
MARKDOWN_VALUE = 120     # characters of a value shown in Markdown before it is cut
RELEASE = re.compile(r"v?(?P<version>\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?)")  # 0.1.0, v0.1.0, 1.0.0-rc.1


# --- the two sides -----------------------------------------------------------------------


@dataclass
class Side:
    """One version of the package: its descriptor and a way to read the files it names."""

    label: str
    descriptor: dict
    read: Callable[[str], bytes] = field(repr=False)   # relative POSIX path -> bytes
    commit: str | None = None

    def csv_resources(self) -> dict[str, dict]:
        """Table name -> resource, for the resources stored as a local CSV file."""
        out = {}
        for resource in self.descriptor.get("resources", []):
            path = resource.get("path")
            if isinstance(path, str) and (resource.get("format") == "csv" or path.endswith(".csv")):
                out[resource["name"]] = resource
        return out

    def schema(self, resource: dict) -> dict:
        """The resource's Table Schema, inline or in a file the descriptor points to."""
        schema = resource.get("schema") or {}
        if isinstance(schema, str):
            schema = json.loads(self._bytes(schema))
        return schema

    def rows(self, resource: dict) -> tuple[list[str], list[list[str]]]:
        """Header and rows of a CSV resource, read with its dialect."""
        path = resource["path"]
        dialect = resource.get("dialect") or {}
        encoding = resource.get("encoding", "utf-8").lower()
        encoding = "utf-8-sig" if encoding in ("utf-8", "utf8") else encoding
        try:
            text = self._bytes(path).decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise EndofwarError(f"cannot decode as {encoding}: {exc}", file=self._where(path)) from None
        reader = csv.reader(
            io.StringIO(text, newline=""),
            delimiter=dialect.get("delimiter", ","), quotechar=dialect.get("quoteChar", '"'),
            doublequote=dialect.get("doubleQuote", True),
        )
        records = list(reader)
        if not records:
            raise EndofwarError("the CSV file is empty (no header)", file=self._where(path))
        header, body = records[0], records[1:]
        for number, row in enumerate(body, start=2):
            if len(row) != len(header):
                raise EndofwarError(
                    f"{len(row)} cells for {len(header)} columns", file=self._where(path), row=number,
                    fix="the file is not a valid CSV table: rebuild it with `endofwar build`",
                )
        return header, body

    def _bytes(self, path: str) -> bytes:
        if PurePosixPath(path).is_absolute() or ".." in PurePosixPath(path).parts or "://" in path:
            raise EndofwarError(f"only relative local paths can be compared, not {path!r}", file=self._where(DESCRIPTOR))
        return self.read(path)

    def _where(self, path: str) -> str:
        return f"{self.label}:{path}"


def directory_side(path: Path, label: str | None = None) -> Side:
    """A package on disk: a directory with a datapackage.json (or the datapackage.json itself)."""
    path = Path(path)
    if path.is_file() and path.name == DESCRIPTOR:
        path = path.parent
    descriptor_path = path / DESCRIPTOR
    label = label or str(path)
    if not descriptor_path.is_file():
        raise EndofwarError(
            f"no {DESCRIPTOR} in {path}", file=str(path),
            fix="build the package first (`endofwar build`) or name a directory that holds one",
        )

    def read(relative: str) -> bytes:
        target = path / relative
        if not target.is_file():
            raise EndofwarError(f"{DESCRIPTOR} names {relative} but the file is missing", file=f"{label}:{relative}",
                                fix="rebuild the package with `endofwar build`")
        return target.read_bytes()

    return Side(label, _parse_descriptor(descriptor_path.read_bytes(), f"{label}:{DESCRIPTOR}"), read)


def release_commit(repo: Path, version: str) -> str | None:
    """The first commit whose committed datapackage.json carries `version` (`0.1.0` or `v0.1.0`),
    from the history of datapackage.json: tags do not travel with every clone or CI checkout, the
    descriptor does. None if `version` is no version number or no commit carries it."""
    match = RELEASE.fullmatch(version)
    if match is None:
        return None
    log = _git(repo, "log", "--reverse", "--topo-order", "--format=%H", "-G", '"version"', "--", DESCRIPTOR)
    for commit in (log or b"").decode().split():
        try:
            carried = json.loads(_git(repo, "show", f"{commit}:./{DESCRIPTOR}") or b"{}").get("version")
        except (json.JSONDecodeError, UnicodeDecodeError, AttributeError):
            continue
        if carried == match["version"]:
            return commit
    return None


def commit_of(revision: str, repo: Path) -> str:
    """The commit a git revision (tag, branch, commit) names, else the release of that version number."""
    commit = _git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if commit is not None:
        return commit.decode().strip()
    found = release_commit(repo, revision)
    if found is not None:
        return found
    if _git(repo, "rev-parse", "--git-dir") is None:
        raise EndofwarError(f"'{revision}' is not a directory with {DESCRIPTOR}, and {repo} is not a git repository",
                            fix="name a package directory, or pass --repo a clone of the dataset's repository")
    shallow = (_git(repo, "rev-parse", "--is-shallow-repository") or b"").strip() == b"true"
    raise EndofwarError(
        f"'{revision}' is neither a directory with {DESCRIPTOR}, a git revision of {repo}, nor a version "
        f"that a committed {DESCRIPTOR} carries",
        fix="fetch the whole history (`git fetch --unshallow`; in GitHub Actions, actions/checkout with fetch-depth: 0)" if shallow
        else "name a version (0.1.0), a tag, a branch (origin/main), a commit, or a package directory; "
             "in CI, check out with fetch-depth: 0 so the history and the base branch exist",
    )


def git_side(revision: str, repo: Path) -> Side:
    """A committed package: the datapackage.json and CSV files at `revision` (a git revision, or a
    released version number), relative to `repo`."""
    commit = commit_of(revision, repo)

    def read(relative: str) -> bytes:
        data = _git(repo, "show", f"{commit}:./{relative}")
        if data is None:
            raise EndofwarError(
                f"{relative} is not committed at {revision}", file=f"{revision}:{relative}",
                fix="that revision has no published package there: compare with a later one",
            )
        return data

    descriptor = _parse_descriptor(read(DESCRIPTOR), f"{revision}:{DESCRIPTOR}")
    return Side(revision, descriptor, read, commit=commit)


def unpack_release(root: Path, version: str) -> Path:
    """A release of the dataset (version number or git revision), unpacked once from git history
    into .cache/versions/<commit>/: its datapackage.json, tables/, schemas/ and sql/."""
    import io
    import os
    import shutil
    import tarfile

    commit = commit_of(version, root)
    out = root / ".cache" / "versions" / commit
    if out.is_dir():
        return out
    names = (_git(root, "ls-tree", "--name-only", f"{commit}:./") or b"").decode().split("\n")
    wanted = [n for n in ("datapackage.json", "tables", "schemas", "sql") if n in names]
    if "tables" not in wanted:
        raise EndofwarError(f"no published tables at {version} (commit {commit[:12]})", file=str(root),
                            fix="name a version or revision that has tables/ committed")
    data = _git(root, "archive", "--format=tar", f"{commit}:./", *wanted)
    if data is None:
        raise EndofwarError(f"git archive failed for {version} (commit {commit[:12]})", file=str(root))
    partial = out.with_name(f"{commit}.{os.getpid()}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(partial, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))  # Python >= 3.11.4
    try:
        os.rename(partial, out)   # another process may have unpacked it meanwhile: theirs is the same
    except OSError:
        shutil.rmtree(partial, ignore_errors=True)
    return out


def load_side(spec: str | None, repo: Path) -> Side:
    """A directory with a datapackage.json if `spec` names one, else a git revision of `repo`.

    `None` means the working tree of `repo` (the default NEW side of `endofwar diff`).
    """
    repo = Path(repo)
    if spec is None:
        return directory_side(repo, WORKING_TREE)
    path = Path(spec)
    if (path / DESCRIPTOR).is_file() or (path.is_file() and path.name == DESCRIPTOR):
        return directory_side(path, spec)
    return git_side(spec, repo)


def _git(repo: Path, *args: str) -> bytes | None:
    """Output of a git command run in `repo`, or None when git says no (unknown revision or path)."""
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise EndofwarError("git is not installed", fix="install git, or compare two package directories") from None
    return done.stdout if done.returncode == 0 else None


def _parse_descriptor(data: bytes, where: str) -> dict:
    try:
        descriptor = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise EndofwarError(f"not valid JSON: {exc}", file=where) from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources", []), list):
        raise EndofwarError("not a data package descriptor (expected an object with a 'resources' list)", file=where)
    return descriptor


# --- schema changes ----------------------------------------------------------------------


def _fields(schema: dict) -> dict[str, dict]:
    return {f["name"]: f for f in schema.get("fields", [])}


def _field_changes(table: str, old: dict, new: dict) -> list[dict]:
    """Fields added, removed, retyped or re-constrained in one table, in field order."""
    old_fields, new_fields = _fields(old), _fields(new)
    changes = []
    for name in old_fields:
        if name not in new_fields:
            changes.append({"table": table, "field": name, "change": "removed", "breaking": True,
                            "old": old_fields[name].get("type", "any"), "new": None})
    for name, spec in new_fields.items():
        before = old_fields.get(name)
        if before is None:
            changes.append({"table": table, "field": name, "change": "added", "breaking": False,
                            "old": None, "new": spec.get("type", "any")})
            continue
        if before.get("type", "any") != spec.get("type", "any"):
            changes.append({"table": table, "field": name, "change": "retyped", "breaking": True,
                            "old": before.get("type", "any"), "new": spec.get("type", "any")})
        if before.get("format") != spec.get("format"):
            changes.append({"table": table, "field": name, "change": "format", "breaking": False,
                            "old": before.get("format"), "new": spec.get("format")})
        if (before.get("constraints") or {}) != (spec.get("constraints") or {}):
            changes.append({"table": table, "field": name, "change": "constraints", "breaking": False,
                            "old": before.get("constraints") or {}, "new": spec.get("constraints") or {}})
    return changes


def schema_changes(old: Side, new: Side) -> dict:
    """Tables added or removed; fields added, removed, retyped, re-constrained; keys changed."""
    old_res, new_res = old.csv_resources(), new.csv_resources()
    out = {
        "tables_added": [n for n in new_res if n not in old_res],
        "tables_removed": [n for n in old_res if n not in new_res],
        "fields": [],
        "primary_keys": [],
    }
    for name in new_res:
        if name not in old_res:
            continue
        old_schema, new_schema = old.schema(old_res[name]), new.schema(new_res[name])
        out["fields"].extend(_field_changes(name, old_schema, new_schema))
        old_key, new_key = _primary_key(old_schema), _primary_key(new_schema)
        if old_key != new_key:
            out["primary_keys"].append({"table": name, "old": old_key, "new": new_key, "breaking": True})
    return out


def _primary_key(schema: dict) -> list[str]:
    key = schema.get("primaryKey") or []
    return [key] if isinstance(key, str) else list(key)


# --- row changes -------------------------------------------------------------------------


def _records(side: Side, resource: dict) -> tuple[list[str], list[dict]]:
    """Rows as dicts; a missing value (per the schema's missingValues) becomes None."""
    header, body = side.rows(resource)
    missing = set(side.schema(resource).get("missingValues", [""]))
    return header, [{h: (None if v in missing else v) for h, v in zip(header, row)} for row in body]


def _match_key(old_schema: dict, new_schema: dict, old_header: list, new_header: list) -> list[str]:
    """The primary key rows are matched by: the new one, else the old one, if both files carry it."""
    for key in (_primary_key(new_schema), _primary_key(old_schema)):
        if key and all(k in old_header and k in new_header for k in key):
            return key
    return []


def _sort_key(key_fields: list[str], types: dict[str, str]):
    """Order rows by key, numerically for numeric key fields (char_start 20 before 100)."""

    def one(name: str, value):
        if value is None:
            return (0, 0.0, "")
        if types.get(name) in ("integer", "number"):
            try:
                return (1, float(value), value)
            except ValueError:
                pass
        return (2, 0.0, value)

    return lambda key: tuple(one(n, v) for n, v in zip(key_fields, key))


def _index(rows: list[dict], key_fields: list[str], where: str) -> dict[tuple, dict]:
    out = {}
    for number, row in enumerate(rows, start=2):
        key = tuple(row[k] for k in key_fields)
        if key in out:
            raise EndofwarError(
                f"duplicate primary key {dict(zip(key_fields, key))}", file=where, row=number,
                fix="the package is invalid: run `endofwar validate` on it",
            )
        out[key] = row
    return out


def table_changes(name: str, old: Side | None, new: Side | None) -> dict:
    """Rows added, removed and changed in one table (matched by primary key)."""
    old_res = old.csv_resources().get(name) if old else None
    new_res = new.csv_resources().get(name) if new else None
    old_schema = old.schema(old_res) if old_res else {}
    new_schema = new.schema(new_res) if new_res else {}
    old_header, old_rows = _records(old, old_res) if old_res else ([], [])
    new_header, new_rows = _records(new, new_res) if new_res else ([], [])
    key = _match_key(old_schema, new_schema, old_header, new_header) if old_res and new_res else (
        _primary_key(new_schema or old_schema))
    types = {**{n: f.get("type") for n, f in _fields(old_schema).items()},
             **{n: f.get("type") for n, f in _fields(new_schema).items()}}
    out = {"primary_key": key, "rows_old": len(old_rows), "rows_new": len(new_rows)}
    if key:
        out.update(_keyed_changes(key, types, old_rows, new_rows, old_header, new_header,
                                  old.label if old else "", new.label if new else "", name))
    else:
        out.update(_whole_row_changes(old_rows, new_rows, old_header, new_header))
    return out


def _keyed_changes(key, types, old_rows, new_rows, old_header, new_header, old_label, new_label, name) -> dict:
    old_index = _index(old_rows, key, f"{old_label}:{name}") if old_rows else {}
    new_index = _index(new_rows, key, f"{new_label}:{name}") if new_rows else {}
    order = _sort_key(key, types)
    common = [h for h in new_header if h in old_header]
    added = sorted((k for k in new_index if k not in old_index), key=order)
    removed = sorted((k for k in old_index if k not in new_index), key=order)
    changed = []
    for k in sorted((k for k in new_index if k in old_index), key=order):
        before, after = old_index[k], new_index[k]
        fields = {f: {"old": before[f], "new": after[f]} for f in common if before[f] != after[f]}
        if fields:
            changed.append({"key": dict(zip(key, k)), "fields": fields})
    return {
        "added": [{"key": dict(zip(key, k)), "row": new_index[k]} for k in added],
        "removed": [{"key": dict(zip(key, k)), "row": old_index[k]} for k in removed],
        "changed": changed,
    }


def _whole_row_changes(old_rows, new_rows, old_header, new_header) -> dict:
    """Without a shared primary key, a row is only ever added or removed (compared whole)."""
    common = [h for h in new_header if h in old_header]

    def signature(row):
        return tuple(row[h] for h in common)

    remaining = {}
    for row in old_rows:
        remaining.setdefault(signature(row), []).append(row)
    added = []
    for row in new_rows:
        bucket = remaining.get(signature(row))
        if bucket:
            bucket.pop()
        else:
            added.append({"key": None, "row": row})
    removed = [{"key": None, "row": r} for rows in remaining.values() for r in rows]
    return {"added": added, "removed": removed, "changed": []}


# --- the whole comparison ----------------------------------------------------------------


def _as_side(package) -> Side:
    return package if isinstance(package, Side) else directory_side(Path(package))


def diff_packages(old, new) -> dict:
    """Schema changes, then per-table row changes, between two sides (or package directories)."""
    old, new = _as_side(old), _as_side(new)
    old_res, new_res = old.csv_resources(), new.csv_resources()
    names = list(new_res) + [n for n in old_res if n not in new_res]
    tables = {n: table_changes(n, old if n in old_res else None, new if n in new_res else None) for n in names}
    schema = schema_changes(old, new)
    return {
        "old": _side_summary(old),
        "new": _side_summary(new),
        "schema": schema,
        "tables": tables,
        "summary": _summary(schema, tables),
    }


def _side_summary(side: Side) -> dict:
    return {"label": side.label, "commit": side.commit, "version": side.descriptor.get("version")}


def _summary(schema: dict, tables: dict) -> dict:
    breaking = (bool(schema["tables_removed"]) or bool(schema["primary_keys"])
                or any(c["breaking"] for c in schema["fields"]))
    schema_changed = any(schema[k] for k in ("tables_added", "tables_removed", "fields", "primary_keys"))
    counts = {k: sum(len(t[k]) for t in tables.values()) for k in ("added", "removed", "changed")}
    return {
        "schema_changed": schema_changed,
        "breaking_schema_change": breaking,
        "rows_added": counts["added"],
        "rows_removed": counts["removed"],
        "rows_changed": counts["changed"],
        "identical": not schema_changed and not any(counts.values()),
    }


def to_json(result: dict) -> str:
    """The result as JSON: keys in a fixed, documented order (rows in column order), one trailing newline."""
    return json.dumps(result, indent=2, ensure_ascii=False) + "\n"


# --- Markdown ----------------------------------------------------------------------------


def _cell(value, limit: int = MARKDOWN_VALUE) -> str:
    """A value safe inside a Markdown table cell: one line, pipes escaped, long text cut."""
    if value is None:
        return "*empty*"
    if not isinstance(value, str):
        value = json.dumps(value, ensure_ascii=False)
    text = " ".join(value.split("\n"))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`") or "*empty string*"


def _key_text(key: dict | None, row: dict) -> str:
    if key is None:
        return _cell(", ".join("" if v is None else v for v in row.values()), 80)
    return _cell(" / ".join("" if v is None else v for v in key.values()), 80)


def _side_title(summary: dict) -> str:
    text = f"`{summary['label']}`"
    if summary["commit"]:
        text += f" ({summary['commit'][:10]})"
    return text


def _schema_lines(schema: dict) -> list[str]:
    lines = []
    for name in schema["tables_removed"]:
        lines.append(f"- **breaking**: table `{name}` removed")
    for name in schema["tables_added"]:
        lines.append(f"- table `{name}` added")
    for item in schema["primary_keys"]:
        lines.append(f"- **breaking**: `{item['table']}` primary key {item['old']} → {item['new']}")
    for c in schema["fields"]:
        where = f"`{c['table']}.{c['field']}`"
        if c["change"] == "removed":
            lines.append(f"- **breaking**: field {where} removed (was {c['old']})")
        elif c["change"] == "added":
            lines.append(f"- field {where} added ({c['new']})")
        elif c["change"] == "retyped":
            lines.append(f"- **breaking**: field {where} retyped: {c['old']} → {c['new']}")
        elif c["change"] == "format":
            lines.append(f"- field {where} format: {_cell(c['old'])} → {_cell(c['new'])}")
        else:
            lines.append(f"- field {where} constraints: {_cell(c['old'])} → {_cell(c['new'])}")
    return lines


def _count_table(tables: dict) -> list[str]:
    lines = ["| table | rows (old → new) | added | removed | changed |", "|---|---:|---:|---:|---:|"]
    for name, t in tables.items():
        lines.append(f"| `{name}` | {t['rows_old']} → {t['rows_new']} | {len(t['added'])} | "
                     f"{len(t['removed'])} | {len(t['changed'])} |")
    return lines


def _more(total: int, shown: int) -> list[str]:
    return ["", f"… and {total - shown} more"] if total > shown else []


def _table_section(name: str, t: dict, max_rows: int) -> list[str]:
    if not (t["added"] or t["removed"] or t["changed"]):
        return []
    key = ", ".join(t["primary_key"]) if t["primary_key"] else "whole row (no shared primary key)"
    lines = [f"### `{name}`", "", f"Matched by: {key}", ""]
    for kind in ("added", "removed"):
        if t[kind]:
            shown = t[kind][:max_rows]
            lines.append(f"**{kind.capitalize()}** ({len(t[kind])}): "
                         + ", ".join(_key_text(r["key"], r["row"]) for r in shown))
            lines += _more(len(t[kind]), len(shown)) + [""]
    if t["changed"]:
        lines += [f"**Changed** ({len(t['changed'])}):", "", "| key | field | old | new |", "|---|---|---|---|"]
        shown = t["changed"][:max_rows]
        for r in shown:
            for f, values in r["fields"].items():
                lines.append(f"| {_key_text(r['key'], {})} | `{f}` | {_cell(values['old'])} | {_cell(values['new'])} |")
        lines += _more(len(t["changed"]), len(shown)) + [""]
    return lines


def to_markdown(result: dict, *, max_rows: int = MARKDOWN_ROWS) -> str:
    """A pull-request comment: versions, schema changes first, row counts, then rows per table."""
    old, new, summary = result["old"], result["new"], result["summary"]
    lines = [f"## Data changes: {_side_title(old)} → {_side_title(new)}", ""]
    if old["version"] != new["version"]:
        lines += [f"Package version {old['version']} → {new['version']}.", ""]
    if summary["identical"]:
        return "\n".join(lines + ["No changes: same schema and same rows.", ""])
    lines += ["### Schema changes", ""]
    lines += _schema_lines(result["schema"]) or ["None."]
    if summary["breaking_schema_change"] and _major(old["version"]) == _major(new["version"]):
        lines += ["", "> A breaking schema change needs a new major version (see CHANGELOG.md)."]
    lines += ["", "### Rows", ""] + _count_table(result["tables"]) + [""]
    for name, t in result["tables"].items():
        lines += _table_section(name, t, max_rows)
    return "\n".join(lines).rstrip("\n") + "\n"


def _major(version) -> str | None:
    return str(version).split(".")[0] if version else None


def diff(old: str, new: str | None = None, *, repo: Path | None = None, fmt: str = "markdown") -> str:
    """What `endofwar diff OLD [NEW] [--format markdown|json] [--repo PATH]` prints."""
    from endofwar.paths import project_root

    if fmt not in ("markdown", "json"):
        raise EndofwarError(f"unknown format {fmt!r}", fix="use markdown or json")
    repo = Path(repo) if repo else project_root()
    result = diff_packages(load_side(old, repo), load_side(new, repo))
    return to_markdown(result) if fmt == "markdown" else to_json(result)
