"""The catalogue's column and row rules, worded once, run by Pandera or by Arrow.

`column_rules` and `rule_label` name each rule of schemas/catalogue.yaml; endofwar.checks.pandera_models
builds the Pandera model from them, and `arrow_errors` runs the same rules as Arrow
operations. Both report `Failure`s, which `failure_errors` words the same way, and
tests/test_rules.py plants every kind of violation and requires the same errors from both.
Pandera checks every full build and `endofwar validate`; the Arrow twin checks the rows of
the few sources an incremental build recomputed, where importing pandas and Pandera alone
would take longer than the rest of the rebuild.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, NamedTuple

from endofwar.errors import EndofwarError
from endofwar.schemas import Field, Table

NOT_NULL = "not_nullable"  # the names Pandera gives its built-in checks
UNIQUE = "multiple_fields_uniqueness"


class ColumnRule(NamedTuple):
    kind: str  # "member" (arg: the allowed values), "pattern" (a full-match regex) or "minimum"
    arg: object
    error: str  # the rule's name in failures and messages


class Failure(NamedTuple):
    """One failing cell (or row, for a row rule), in the shape of Pandera's failure cases."""

    column: str | None
    check: str
    value: object
    index: int | None  # 0-based row of the table; None for a failure of the whole table


@lru_cache(maxsize=1)
def iso3166_alpha3() -> tuple:
    import pycountry

    return tuple(sorted(c.alpha_3 for c in pycountry.countries))


def column_rules(field: Field, parents: list[tuple[str, object]]) -> list[ColumnRule]:
    """A field's rules besides type and nullability; parents: (table, its keys) it references."""
    rules = []
    if field.enum:
        rules.append(ColumnRule("member", tuple(field.enum), f"value not in vocabulary {field.vocabulary}"))
    if field.pattern:
        rules.append(ColumnRule("pattern", field.pattern, f"does not match {field.pattern}"))
    if field.minimum is not None:
        rules.append(ColumnRule("minimum", field.minimum, f"below minimum {field.minimum}"))
    if field.iso3166:
        rules.append(ColumnRule("member", iso3166_alpha3(), "not an ISO 3166-1 alpha-3 code"))
    for resource, keys in parents:
        rules.append(ColumnRule("member", keys, f"dangling reference: not a {resource} key"))
    return rules


def parent_keys(table: Table, keys: dict) -> dict[str, list]:
    """field -> [(referenced table, its key values)], from keys: table name -> key values."""
    parents: dict[str, list] = {}
    for fk in table.foreign_keys:
        parents.setdefault(fk.fields[0], []).append((fk.resource, keys.get(fk.resource, [])))
    return parents


def rule_label(rule: dict) -> str:
    """The name of a catalogue `checks:` rule, as failures and messages give it."""
    if "span" in rule:
        _, start, end, _ = rule["span"]
        return f"{start} must be < {end}"
    for kind in ("exactly_one", "at_most_one"):
        if kind in rule:
            when = rule.get("when")
            return f"{kind.replace('_', ' ')} of {', '.join(rule[kind])} must be set" + (f" when {when}" if when else "")
    if "dates_match_precision" in rule:
        start, end, precision = rule["dates_match_precision"]
        return (f"{start}..{end} must be ordered and fit {precision} (day: one day; month: first..last day; "
                "year: Jan 1..Dec 31; years: several whole years), or all three be empty (a date nothing states)")
    if "all_or_none" in rule:
        return f"all or none of {', '.join(rule['all_or_none'])} must be set"
    if "cue_ends_attribution" in rule:
        cue, attribution = rule["cue_ends_attribution"]
        return (f"{cue} must be whole words at the end of {attribution}, or at its start with no comma after "
                "(an inverted cue ends at its speaker: 'said Robert Einhorn')")
    raise ValueError(f"unknown check {rule}")


_NOT_AFTER_WORD, _NOT_BEFORE_WORD = r"(?<![\w’'-])", r"(?![\w’'-])"  # a cue starts and ends a word


def cue_fits(cue: str | None, attribution: str | None) -> bool:
    """Whether a cue verb closes its attribution ('Einhorn said') or opens it, the speaker closing it
    ('said Robert Einhorn', an appositive after a comma left out): the shortest stretch that holds
    the speaker and the cue. Nothing to check without a cue."""
    if not cue:
        return True
    if not attribution:
        return False
    if re.search(_NOT_AFTER_WORD + re.escape(cue) + "$", attribution):
        return True
    return bool(re.match(re.escape(cue) + _NOT_BEFORE_WORD, attribution)) and "," not in attribution[len(cue):]


def rule_fields(rule: dict) -> list[str]:
    """The fields a catalogue rule reads, for error messages."""
    fields = next(v for k, v in rule.items() if k != "when")
    return [*fields, *(rule.get("when") or {})]


def failure_errors(failures: list[Failure], value_at: Callable[[int, str], object], table: Table,
                   display: str) -> list[EndofwarError]:
    """Failures as errors naming file, row and field: one per cell, or one per row for a row
    rule (with the values it read, from value_at(index, field))."""
    labels = {rule_label(rule): rule_fields(rule) for rule in table.checks}
    errors, seen = [], set()
    for failure in failures:
        row = failure.index + 2 if failure.index is not None else None  # the CSV header is row 1
        if failure.check in labels:
            if (failure.check, row) in seen:
                continue
            seen.add((failure.check, row))
            fields = labels[failure.check]
            values = ", ".join(f"{f}={_shown(value_at(failure.index, f))}" for f in fields) if row else ""
            errors.append(EndofwarError(f"{failure.check} (here {values})", file=display, row=row, field=",".join(fields)))
        elif failure.check == NOT_NULL:
            errors.append(EndofwarError("required value is empty", file=display, row=row, field=failure.column))
        elif failure.check == UNIQUE:
            errors.append(EndofwarError(
                f"duplicate primary key ({', '.join(table.primary_key)}), value {failure.value!r}",
                file=display, row=row, field=failure.column,
            ))
        else:
            value = f" (value {failure.value!r})" if failure.column else ""
            errors.append(EndofwarError(f"{failure.check}{value}", file=display, row=row, field=failure.column))
    return errors


def _shown(value) -> str:
    return "(empty)" if value is None else str(value)


# ---- the Arrow twin ---------------------------------------------------------------------------

def primary_keys(arrows: dict, tables: dict) -> dict:
    """Each single-field primary key's values, by table: what foreign keys may point at."""
    import pyarrow.compute as pc

    return {
        name: pc.unique(arrows[name].column(table.primary_key[0]).drop_null())
        for name, table in tables.items() if len(table.primary_key) == 1 and name in arrows
    }


def arrow_errors(arrows: dict, tables: dict, display: dict, keys: dict | None = None) -> list[EndofwarError]:
    """The Pandera model's checks on Arrow tables: the same errors, without pandas. keys: the
    primary keys foreign keys may point at, when `arrows` hold some sources' rows only."""
    keys = primary_keys(arrows, tables) if keys is None else keys
    errors = []
    for name, table in tables.items():
        arrow = arrows[name]
        failures = sorted(arrow_failures(arrow, table, keys), key=lambda f: (f.index is not None, f.index or 0, f.column or ""))
        errors += failure_errors(failures, lambda i, f, a=arrow: a.column(f)[i].as_py(), table, display[name])
    return errors


def arrow_failures(arrow, table: Table, keys: dict) -> list[Failure]:
    """Every rule of `table` on `arrow`, which must have the table's columns and types."""
    import pyarrow.compute as pc

    expected = table.arrow_schema()
    if arrow.schema.names != expected.names or arrow.schema.types != expected.types:
        return [Failure(None, "columns or types differ from the schema", None, None)]
    parents = parent_keys(table, keys)
    failures = []
    for field in table.fields:
        column = arrow.column(field.name)
        if field.required:
            failures += _where(pc.is_null(column), column, field.name, NOT_NULL)
        for rule in column_rules(field, parents.get(field.name, [])):
            broken = pc.and_kleene(pc.is_valid(column), pc.invert(_COLUMN_CHECKS[rule.kind](column, rule.arg)))
            failures += _where(broken, column, field.name, rule.error)
    for rule in table.checks:
        failures += _where(pc.invert(_row_ok(arrow, rule)), None, None, rule_label(rule))
    return failures + _duplicates(arrow, list(table.primary_key))


def _where(mask, column, name: str | None, check: str) -> list[Failure]:
    """A failure for each row where mask is true (null counts as false), with the cell's value."""
    import pyarrow.compute as pc

    indices = pc.indices_nonzero(pc.fill_null(mask, False))
    values = column.take(indices).to_pylist() if column is not None else [None] * len(indices)
    return [Failure(name, check, value, index) for value, index in zip(values, indices.to_pylist())]


def _member(column, values):
    """Membership as one hash lookup, the values cast to the column's type."""
    import pyarrow as pa
    import pyarrow.compute as pc

    value_set = values if isinstance(values, (pa.Array, pa.ChunkedArray)) else pa.array(list(values), column.type)
    return pc.is_in(column, value_set=value_set.cast(column.type))


def _full_match(column, pattern: str):
    import pyarrow.compute as pc

    return pc.match_substring_regex(column, f"^(?:{pattern})$")  # RE2: $ is the end of the text only


def _at_least(column, minimum):
    import pyarrow.compute as pc

    return pc.greater_equal(column, minimum)


_COLUMN_CHECKS = {"member": _member, "pattern": _full_match, "minimum": _at_least}


def _row_ok(arrow, rule: dict):
    """Per row, whether a catalogue row rule holds (null counts as broken, as in Pandera)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if "span" in rule:
        _, start, end, _ = rule["span"]
        return pc.fill_null(pc.less(arrow.column(start), arrow.column(end)), False)
    for kind, allowed in (("exactly_one", [1]), ("at_most_one", [0, 1])):
        if kind in rule:
            count = pa.array([0] * arrow.num_rows, pa.int64())
            for field in rule[kind]:
                count = pc.add(count, pc.cast(pc.is_valid(arrow.column(field)), pa.int64()))
            applies = pa.array([True] * arrow.num_rows, pa.bool_())
            for field, values in (rule.get("when") or {}).items():
                applies = pc.and_(applies, pc.fill_null(_member(arrow.column(field), values), False))
            return pc.or_(pc.invert(applies), pc.is_in(count, value_set=pa.array(allowed, pa.int64())))
    if "all_or_none" in rule:
        count = pa.array([0] * arrow.num_rows, pa.int64())
        for field in rule["all_or_none"]:
            count = pc.add(count, pc.cast(pc.is_valid(arrow.column(field)), pa.int64()))
        return pc.is_in(count, value_set=pa.array([0, len(rule["all_or_none"])], pa.int64()))
    if "cue_ends_attribution" in rule:
        cues, attributions = (arrow.column(f).to_pylist() for f in rule["cue_ends_attribution"])
        return pa.array([cue_fits(c, a) for c, a in zip(cues, attributions)], pa.bool_())
    start, end, precision = (arrow.column(f) for f in rule["dates_match_precision"])
    unknown = pc.and_(pc.and_(pc.is_null(start), pc.is_null(end)), pc.is_null(precision))
    return pc.or_(pc.fill_null(pc.and_(pc.less_equal(start, end), _fits_precision(start, end, precision)), False), unknown)


def _fits_precision(start, end, precision):
    """A day is one day, a month its first..last day, a year Jan 1..Dec 31, years several whole years."""
    import pyarrow as pa
    import pyarrow.compute as pc

    def is_(*parts):
        out = parts[0]
        for part in parts[1:]:
            out = pc.and_(out, part)
        return out

    day_after_end = pc.cast(pc.add(pc.cast(end, pa.int32()), pa.scalar(1, pa.int32())), pa.date32())
    same_year = pc.equal(pc.year(start), pc.year(end))
    whole_years = is_(pc.equal(pc.month(start), 1), pc.equal(pc.day(start), 1),
                      pc.equal(pc.month(end), 12), pc.equal(pc.day(end), 31))
    kinds = [
        is_(pc.equal(precision, "day"), pc.equal(start, end)),
        is_(pc.equal(precision, "month"), pc.equal(pc.day(start), 1), same_year,
            pc.equal(pc.month(start), pc.month(end)), pc.equal(pc.day(day_after_end), 1)),
        is_(pc.equal(precision, "year"), whole_years, same_year),
        is_(pc.equal(precision, "years"), whole_years, pc.greater(pc.year(end), pc.year(start))),
    ]
    return pc.fill_null(pc.or_(pc.or_(kinds[0], kinds[1]), pc.or_(kinds[2], kinds[3])), False)


def _duplicates(arrow, key: list[str]) -> list[Failure]:
    """Every row whose primary key another row repeats (empty values equal, as in pandas), per key
    field whose value is not empty there (Pandera reports an empty key value as empty only)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if arrow.num_rows == 0:
        return []
    codes = {f"k{i}": pc.dictionary_encode(arrow.column(f).combine_chunks(), null_encoding="encode").indices
             for i, f in enumerate(key)}
    coded = pa.table({**codes, "row": pa.array(range(arrow.num_rows), pa.int64())})
    counts = coded.group_by(list(codes)).aggregate([("row", "count")])
    repeated = coded.join(counts.filter(pc.greater(counts.column("row_count"), 1)), list(codes), join_type="inner")
    mask = _mask(arrow.num_rows, repeated.column("row"))
    return [failure for f in key for failure in _where(pc.and_(mask, pc.is_valid(arrow.column(f))), arrow.column(f), f, UNIQUE)]


def _mask(length: int, indices):
    import numpy as np
    import pyarrow as pa

    mask = np.zeros(length, dtype=bool)
    mask[indices.to_numpy()] = True
    return pa.array(mask)
