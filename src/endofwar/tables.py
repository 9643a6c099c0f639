"""Assemble the published tables from the sources and the coding, in a deterministic order."""

from __future__ import annotations

from pathlib import Path

from endofwar.annotations import Coding, Row, load_coding
from endofwar.errors import EndofwarError, ValidationFailed
from endofwar.schemas import Catalogue, catalogue
from endofwar.sources import load_sources


def _sort_key(values: dict, primary_key) -> tuple:
    return tuple((values[k] is None, values[k] if values[k] is not None else "") for k in primary_key)


def _check_keys_and_references(cat: Catalogue, rows: dict[str, list[Row]]) -> None:
    """Duplicate ids and dangling references, reported at the YAML line that wrote them."""
    keys = {name: [_key(row, table.primary_key) for row in rows.get(name, [])] for name, table in cat.tables.items()}
    errors = []
    for name, table in cat.tables.items():
        if len(set(keys[name])) < len(keys[name]):
            errors += _duplicates(name, table, rows[name], keys[name])
    known = {name: set(values) for name, values in keys.items()}
    for name, table in cat.tables.items():
        for fk in table.foreign_keys:
            values = [_key(row, fk.fields) for row in rows.get(name, [])]
            if set(values) - known[fk.resource] - {None}:
                errors += _dangling(fk, rows[name], values, known[fk.resource])
    if errors:
        raise ValidationFailed(errors)


def _key(row: Row, fields) -> tuple | None:
    """The row's values for fields; None when any is empty (an unset reference)."""
    if len(fields) == 1:
        value = row.values[fields[0]]
        return None if value is None else (value,)
    value = tuple(row.values[f] for f in fields)
    return None if None in value else value


def _duplicates(name: str, table, rows: list[Row], keys: list) -> list[EndofwarError]:
    errors, seen = [], {}
    for row, key in zip(rows, keys):
        if key not in seen:
            seen[key] = row
            continue
        first = seen[key]
        errors.append(EndofwarError(
            f"duplicate {name} key {'/'.join(map(str, key))} (first defined in {first.file}"
            + (f":{first.line}" if first.line else "") + ")",
            file=row.file, line=row.line, field=",".join(table.primary_key),
            fix="every id must be unique across the registry and all annotation files",
        ))
    return errors


def _dangling(fk, rows: list[Row], values: list, known: set) -> list[EndofwarError]:
    entity = fk.resource[:-1] if fk.resource.endswith("s") else fk.resource
    return [
        EndofwarError(
            f"'{'/'.join(map(str, value))}' is not a known {entity} id", file=row.file, line=row.line,
            field=",".join(fk.fields), fix=f"define it in annotations/registry.yaml ({fk.resource}) or fix the id",
        )
        for row, value in zip(rows, values)
        if value is not None and value not in known
    ]


def assemble(root: Path) -> dict:
    """Every table as a pyarrow Table, rows sorted by primary key, in catalogue order."""
    return assemble_with_origins(root)[0]


def assemble_with_origins(root: Path, *, progress: bool = False) -> tuple[dict, dict]:
    """The tables, and for each table the 'file:line' that wrote each of its rows, in row order."""
    import pyarrow as pa

    cat = catalogue(root)
    sources = load_sources(root)
    coding: Coding = load_coding(root, sources, progress=progress)
    rows = dict(coding.rows)
    rows["sources"] = [Row("sources", s.meta, "raw/sources.yaml", None) for s in sources]
    _check_keys_and_references(cat, rows)
    out, origins = {}, {}
    for name, table in cat.tables.items():
        ordered = sorted(rows.get(name, []), key=lambda r: _sort_key(r.values, table.primary_key))
        origins[name] = [r.file + (f":{r.line}" if r.line else "") for r in ordered]
        try:
            columns = {f: [r.values.get(f) for r in ordered] for f in table.field_names}
            out[name] = pa.Table.from_pydict(columns, schema=table.arrow_schema())
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise EndofwarError(f"a value has the wrong type: {exc}", file=f"table {name}") from None
    return out, origins


def texts(root: Path) -> dict[str, str]:
    """source_id -> raw text, checked against its recorded sha256."""
    return {s.source_id: s.text for s in load_sources(root)}
