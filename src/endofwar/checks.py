"""Pandera models derived from the catalogue, plus the rules Frictionless cannot express.

Types are checked as dtypes on frames already parsed strictly (endofwar.frames), never with
coerce=True; foreign keys are membership checks against the parent table's keys.
"""

from __future__ import annotations

import calendar
from functools import lru_cache

import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute as pc

from endofwar.errors import EndofwarError
from endofwar.frames import pandas_dtype
from endofwar.schemas import Table


@lru_cache(maxsize=1)
def iso3166_alpha3() -> frozenset:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)


def _member_of(values, error: str) -> pa.Check:
    """Membership as one vectorised Arrow hash lookup.

    Check.isin would copy the values into the schema (deep-copied again by Pandera) and test
    each cell in Python: seconds for a million rows against a million keys.
    """
    value_set = pyarrow.array(values)

    def check(series: pd.Series) -> pd.Series:
        cells = pyarrow.array(series)
        found = pc.is_in(cells, value_set=value_set.cast(cells.type))
        return pd.Series(found.to_numpy(zero_copy_only=False), index=series.index)

    return pa.Check(check, error=error)


def _column(field, parent_keys) -> pa.Column:
    checks = []
    if field.enum:
        checks.append(_member_of(list(field.enum), error=f"value not in vocabulary {field.vocabulary}"))
    if field.pattern:
        checks.append(pa.Check.str_matches(f"^(?:{field.pattern})$", error=f"does not match {field.pattern}"))
    if field.minimum is not None:
        checks.append(pa.Check.ge(field.minimum, error=f"below minimum {field.minimum}"))
    if field.iso3166:
        checks.append(_member_of(sorted(iso3166_alpha3()), error="not an ISO 3166-1 alpha-3 code"))
    for resource, keys in parent_keys:
        checks.append(_member_of(keys, error=f"dangling reference: not a {resource} key"))
    return pa.Column(pandas_dtype(field.type), checks=checks, nullable=not field.required, required=True)


def _count_set(df: pd.DataFrame, fields) -> pd.Series:
    return sum(df[f].notna().astype(int) for f in fields)


def _applies(df: pd.DataFrame, when) -> pd.Series:
    mask = pd.Series(True, index=df.index)
    for name, values in (when or {}).items():
        mask &= df[name].isin(values).fillna(False).astype(bool)
    return mask


def _precision_ok(start: pd.Series, end: pd.Series, precision: pd.Series) -> pd.Series:
    """Bounds that fit the precision: a day is one day, a month its first..last day, a year Jan 1..Dec 31."""
    s = pd.to_datetime(start.astype("object"))
    e = pd.to_datetime(end.astype("object"))
    month_end = s.dt.days_in_month if hasattr(s.dt, "days_in_month") else s.map(lambda d: calendar.monthrange(d.year, d.month)[1])
    day = s == e
    month = (s.dt.day == 1) & (e.dt.year == s.dt.year) & (e.dt.month == s.dt.month) & (e.dt.day == month_end)
    year = (s.dt.month == 1) & (s.dt.day == 1) & (e.dt.month == 12) & (e.dt.day == 31)
    ok = (
        ((precision == "day") & day)
        | ((precision == "month") & month)
        | ((precision == "year") & year & (e.dt.year == s.dt.year))
        | ((precision == "years") & year & (e.dt.year > s.dt.year))
    )
    return (s <= e) & ok.fillna(False).astype(bool)


def rule_fields(rule: dict) -> list[str]:
    """The fields a catalogue rule reads, for error messages."""
    fields = next(v for k, v in rule.items() if k != "when")
    return [*fields, *(rule.get("when") or {})]


def _row_check(rule: dict) -> pa.Check:
    """One catalogue `checks:` rule as a row-wise DataFrame check."""
    if "span" in rule:
        _, start, end, _ = rule["span"]
        return pa.Check(lambda df: (df[start] < df[end]).fillna(False).astype(bool), error=f"{start} must be < {end}")
    for kind in ("exactly_one", "at_most_one"):
        if kind in rule:
            fields, when = rule[kind], rule.get("when")
            allowed = {"exactly_one": (1,), "at_most_one": (0, 1)}[kind]
            label = f"{kind.replace('_', ' ')} of {', '.join(fields)} must be set" + (f" when {when}" if when else "")
            return pa.Check(lambda df: ~_applies(df, when) | _count_set(df, fields).isin(allowed), error=label)
    if "dates_match_precision" in rule:
        start, end, precision = rule["dates_match_precision"]
        return pa.Check(
            lambda df: _precision_ok(df[start], df[end], df[precision]),
            error=f"{start}..{end} must be ordered and fit {precision} (day: one day; month: first..last day; year: Jan 1..Dec 31; years: several whole years)",
        )
    raise ValueError(f"unknown check {rule}")


def pandera_schema(table: Table, keys: dict) -> pa.DataFrameSchema:
    """The Pandera model of `table`; keys maps each table name to its primary-key values."""
    parents = {}
    for fk in table.foreign_keys:
        parents.setdefault(fk.fields[0], []).append((fk.resource, keys.get(fk.resource, [])))
    return pa.DataFrameSchema(
        {f.name: _column(f, parents.get(f.name, [])) for f in table.fields},
        checks=[_row_check(rule) for rule in table.checks],
        unique=list(table.primary_key),
        strict=True,
        ordered=True,
        name=table.name,
    )


def pandera_errors(frames: dict, tables: dict, display: dict) -> list[EndofwarError]:
    """Validate every frame; each failure becomes an error naming file, row and field."""
    keys = {}
    for name, table in tables.items():
        if len(table.primary_key) == 1 and name in frames:
            keys[name] = frames[name][table.primary_key[0]].dropna().unique()
    errors = []
    for name, table in tables.items():
        try:
            pandera_schema(table, keys).validate(frames[name], lazy=True)
        except pa.errors.SchemaErrors as exc:
            errors += _failures(exc.failure_cases, frames[name], table, display[name])
    return errors


def _failures(cases: pd.DataFrame, frame: pd.DataFrame, table: Table, display: str) -> list[EndofwarError]:
    """Pandera failure cases as errors: one per cell, or one per row for a cross-field rule."""
    labels = {_row_check(rule).error: rule_fields(rule) for rule in table.checks}
    errors, seen = [], set()
    for case in cases.itertuples():
        row = int(case.index) + 2 if pd.notna(case.index) else None
        if case.check in labels:
            if (case.check, row) in seen:
                continue
            seen.add((case.check, row))
            values = ", ".join(f"{f}={frame.at[case.index, f]}" for f in labels[case.check] if row is not None)
            errors.append(EndofwarError(f"{case.check} (here {values})", file=display, row=row, field=",".join(labels[case.check])))
        else:
            column = case.column if isinstance(case.column, str) else None
            errors.append(EndofwarError(
                f"{case.check}" + (f" (value {case.failure_case!r})" if column else ""), file=display, row=row, field=column,
            ))
    return errors
