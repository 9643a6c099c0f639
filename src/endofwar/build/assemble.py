"""Assemble the published tables from the sources and the coding, in a deterministic order.

Rows live in Arrow from the per-source cache on: the registry's and the sources' own rows
are added, an extractor draft's entity already defined earlier is dropped, keys and
references are checked as vectorised operations, and each table is sorted by its primary
key. Error messages are built from the rows (with the YAML line that wrote each) only when
a check fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from endofwar.build.incremental import FILE, LINE, SEQ, SOURCE, Stacked, drafting_worker, rows_to_arrow, stacked_rows
from endofwar.errors import EndofwarError, ValidationFailed
from endofwar.inputs.annotations import (ENTITY_ID, REGISTRY_FILE, Row, check_annotation_files, concept_rows, entity_rows,
                                         load_registry)
from endofwar.inputs.sources import Source, load_sources
from endofwar.schemas import Catalogue, catalogue


@dataclass
class Assembly:
    """The tables to publish, where each row came from, and the sources they were built from."""

    tables: dict
    origins: dict  # table -> Arrow table of (_file, _line), in published row order
    sources: list[Source]
    stacked: Stacked

    def origin(self, name: str, index: int) -> str | None:
        """'file:line' that wrote row `index` (0-based) of a published table."""
        if name not in self.origins or not 0 <= index < self.origins[name].num_rows:
            return None
        file, line = self.origins[name].column(FILE)[index].as_py(), self.origins[name].column(LINE)[index].as_py()
        return file + (f":{line}" if line else "")


def _input_order(table, position):
    """Rows in the order they were written: registry, then sources in sources.yaml order."""
    import pyarrow as pa
    import pyarrow.compute as pc

    pos = pc.fill_null(pc.index_in(table.column(SOURCE), value_set=position), -1)
    keys = pa.table({"pos": pos, "seq": table.column(SEQ)})
    return table.take(pc.sort_indices(keys, sort_keys=[("pos", "ascending"), ("seq", "ascending")]))


def _first_definitions(table, id_field: str):
    """Drop an extractor draft's entity whose id an earlier row defines: the registry, then
    earlier sources, win; a second reviewed definition stays and is reported as a duplicate."""
    import numpy as np
    import pyarrow.compute as pc

    ids = table.column(id_field)
    first = pc.index_in(ids, value_set=ids)  # where each id (empty ones too) first occurs
    repeated = pc.not_equal(first, np.arange(table.num_rows))
    drop = pc.and_(pc.fill_null(pc.equal(table.column("coding_status"), "auto"), False), repeated)
    return table.filter(pc.invert(drop)) if pc.any(drop).as_py() else table


def _rows(name: str, table, fields) -> list[Row]:
    """Arrow rows back as Rows with their origin, for error messages."""
    return [
        Row(name, {f: r[f] for f in fields}, r[FILE], r[LINE])
        for r in table.select([*fields, FILE, LINE]).to_pylist()
    ]


def _has_adjacent_duplicates(table, fields) -> bool:
    """Whether two neighbouring rows of a table sorted by fields agree on all of them (two empty
    values agreeing): a duplicate key, found without grouping."""
    import pyarrow.compute as pc

    same = None
    for field in fields:
        column = table.column(field).combine_chunks()
        after, before = column[1:], column[:-1]
        equal = pc.or_(pc.fill_null(pc.equal(after, before), False), pc.and_(pc.is_null(after), pc.is_null(before)))
        same = equal if same is None else pc.and_(same, equal)
    return bool(table.num_rows > 1 and pc.any(same).as_py())


def _keys_and_references_ok(cat: Catalogue, tables: dict) -> bool:
    """Whether the published tables (sorted by primary key) have unique keys and no dangling references."""
    import pyarrow.compute as pc

    for name, table in cat.tables.items():
        t = tables[name]
        if _has_adjacent_duplicates(t, table.primary_key):
            return False
        for fk in table.foreign_keys:
            child = t.column(fk.fields[0])
            parent = tables[fk.resource].column(fk.reference_fields[0]).combine_chunks()
            if pc.any(pc.and_(pc.is_valid(child), pc.invert(pc.is_in(child, value_set=parent)))).as_py():
                return False
    return True


def _check_keys_and_references(cat: Catalogue, tables: dict, published: dict, position) -> None:
    """Duplicate ids and dangling references, checked on the published tables and reported from
    the tables in input order, at the YAML line that wrote them."""
    if _keys_and_references_ok(cat, published):
        return
    rows = {name: _rows(name, _input_order(tables[name], position), table.field_names) for name, table in cat.tables.items()}
    keys = {name: [_key(row, table.primary_key) for row in rows[name]] for name, table in cat.tables.items()}
    errors = []
    for name, table in cat.tables.items():
        if len(set(keys[name])) < len(keys[name]):
            errors += _duplicates(name, table, rows[name], keys[name])
    known = {name: set(values) for name, values in keys.items()}
    for name, table in cat.tables.items():
        for fk in table.foreign_keys:
            values = [_key(row, fk.fields) for row in rows[name]]
            if set(values) - known[fk.resource] - {None}:
                errors += _dangling(fk, rows[name], values, known[fk.resource])
    raise ValidationFailed(errors)


def _key(row: Row, fields) -> tuple | None:
    """The row's values for fields; None when any is empty (an unset reference)."""
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
            f"duplicate {name} key {'/'.join(map(str, key or ()))} (first defined in {first.file}"
            + (f":{first.line}" if first.line else "") + ")",
            file=row.file, line=row.line, field=",".join(table.primary_key),
            fix="every id must be unique across the registry and all annotation files",
        ))
    return errors


def _defined_where(resource: str) -> str:
    """Where the rows of a referenced table are written, for the fix of a dangling reference."""
    if resource in ENTITY_ID:
        return f"define it in annotations/registry.yaml ({resource}) or fix the id"
    if resource == "concepts":
        return "define it in annotations/concepts.yaml or fix the id"
    if resource == "sources":
        return "describe the source in raw/sources.yaml or fix the id"
    return f"use the id of a row coded in the same source's {resource} section, or fix the id"


def _dangling(fk, rows: list[Row], values: list, known: set) -> list[EndofwarError]:
    entity = fk.resource[:-1] if fk.resource.endswith("s") else fk.resource
    return [
        EndofwarError(
            f"'{'/'.join(map(str, value))}' is not a known {entity} id", file=row.file, line=row.line,
            field=",".join(fk.fields), fix=_defined_where(fk.resource),
        )
        for row, value in zip(rows, values)
        if value is not None and value not in known
    ]


def _readings(event_sources, spec) -> tuple[dict, list]:
    """Each event's complete readings, and an error at the line of each half-written one (worded as
    the table's rule that a reading is written whole)."""
    from endofwar.checks.rules import rule_label
    from endofwar.inputs.event_dates import READING, Reading

    whole = next(rule for rule in spec.checks if rule.get("all_or_none") == list(READING))
    readings, errors = {}, []
    for r in event_sources.select(["event_id", "source_id", "char_start", "char_end", *READING, FILE, LINE]).to_pylist():
        written = [r[f] is not None for f in READING]
        if all(written):
            readings.setdefault(r["event_id"], []).append(Reading(
                r["source_id"], r["char_start"], r["char_end"], r["date_text"], r["date_start"], r["date_end"],
                r["date_precision"], r["date_basis"], (r[FILE], r[LINE])))
        elif any(written):
            missing = ", ".join(f for f, w in zip(READING, written) if not w)
            errors.append(EndofwarError(f"{rule_label(whole)} (here {missing} empty)", file=r[FILE], line=r[LINE],
                                        field=",".join(READING), fix="write the whole reading, or none of it"))
    return readings, errors


def _with_derived_dates(events, event_sources, spec):
    """The events with their dates derived from their sources' readings (endofwar.inputs.event_dates);
    a date that cannot be derived is reported at the reading's or the registry entry's line."""
    import pyarrow as pa

    from endofwar.inputs.event_dates import DateProblem, event_date

    readings, errors = _readings(event_sources, spec)
    if errors:
        raise ValidationFailed(errors)
    rows = events.to_pylist()
    for row in rows:
        try:
            row.update(event_date(row, readings.get(row["event_id"], [])).values())
        except DateProblem as problem:
            file, line = problem.readings[0].where if problem.readings else (row[FILE], row[LINE])
            errors.append(EndofwarError(f"event {row['event_id']}: {problem.message}", file=file, line=line,
                                        field=problem.field, fix=problem.fix))
    if errors:
        raise ValidationFailed(errors)
    return pa.Table.from_pylist(rows, schema=events.schema)


def _published(table, spec):
    """The table as published: sorted by primary key (empty keys last), schema's columns only."""
    import pyarrow as pa

    ordered = table.sort_by([(k, "ascending", "at_end") for k in spec.primary_key])
    out = pa.Table.from_arrays([ordered.column(f).combine_chunks() for f in spec.field_names], schema=spec.arrow_schema())
    return out, ordered.select([FILE, LINE])


def assemble_with_origins(root: Path, *, progress: bool = False) -> Assembly:
    """The tables to publish, and for each row the 'file:line' that wrote it."""
    with drafting_worker() as worker:
        cat = catalogue(root)
        sources = load_sources(root)
        registry = load_registry(root)
        check_annotation_files(root, sources)
        stacked = stacked_rows(root, sources, registry, cat, progress=progress, worker=worker)
    try:
        concepts = concept_rows(root, {s.source_id: s for s in sources}, cat)
        out, origins = _assembled(cat, sources, registry, stacked, concepts)
    finally:
        stacked.saved()
    return Assembly(out, origins, sources, stacked)


def _assembled(cat: Catalogue, sources: list[Source], registry, stacked: Stacked, concepts: list[Row]) -> tuple[dict, dict]:
    """The stacked rows plus the registry's and the concepts', checked and in published order."""
    import pyarrow as pa

    registry_rows = entity_rows(registry, REGISTRY_FILE, "reviewed", cat) + concepts
    position = pa.array([s.source_id for s in sources], pa.string())
    tables = {}
    for name, spec in cat.tables.items():
        local = [r for r in registry_rows if r.table == name]
        table = pa.concat_tables([rows_to_arrow(spec, local, [(None, i) for i in range(len(local))]), stacked.tables[name]])
        tables[name] = _first_definitions(_input_order(table, position), ENTITY_ID[name]) if name in ENTITY_ID else table
    tables["events"] = _with_derived_dates(tables["events"], tables["event_sources"], cat.table("event_sources"))
    out, origins = {}, {}
    for name, spec in cat.tables.items():
        out[name], origins[name] = _published(tables[name], spec)
    _check_keys_and_references(cat, tables, out, position)
    return out, origins


def assemble(root: Path) -> dict:
    """Every table as a pyarrow Table, rows sorted by primary key, in catalogue order."""
    return assemble_with_origins(root).tables

