"""The Pandera models, built from the catalogue's rules as endofwar.checks.rules names them.

Types are checked as dtypes on frames already parsed strictly (endofwar.checks.frames), never with
coerce=True; foreign keys are membership checks against the parent table's keys.
"""

from __future__ import annotations

import calendar

import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute as pc

from endofwar.checks.frames import arrow_to_pandas, pandas_dtype
from endofwar.checks.rules import ColumnRule, Failure, column_rules, cue_fits, failure_errors, parent_keys, rule_label
from endofwar.errors import EndofwarError
from endofwar.schemas import Table


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


def _check(rule: ColumnRule) -> pa.Check:
    if rule.kind == "member":
        return _member_of(rule.arg, rule.error)
    if rule.kind == "pattern":  # fullmatch: re.match with $ would let a trailing newline through
        return pa.Check(lambda s, pattern=rule.arg: s.str.fullmatch(pattern), error=rule.error)
    return pa.Check.ge(rule.arg, error=rule.error)


def _column(field, parents) -> pa.Column:
    checks = [_check(rule) for rule in column_rules(field, parents)]
    return pa.Column(pandas_dtype(field.type), checks=checks, nullable=not field.required, required=True)


def _count_set(df: pd.DataFrame, fields) -> pd.Series:
    return sum(df[f].notna().astype(int) for f in fields)


def _applies(df: pd.DataFrame, when) -> pd.Series:
    mask = pd.Series(True, index=df.index)
    for name, values in (when or {}).items():
        mask &= df[name].isin(values).fillna(False).astype(bool)
    return mask


def _precision_ok(start: pd.Series, end: pd.Series, precision: pd.Series) -> pd.Series:
    """Bounds that fit the precision: a day is one day, a month its first..last day, a year Jan 1..Dec 31;
    or all three empty, for a date nothing states."""
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
    unknown = start.isna() & end.isna() & precision.isna()  # a date nothing states: all three empty
    return ((s <= e) & ok.fillna(False).astype(bool)) | unknown


def _row_check(rule: dict) -> pa.Check:
    """One catalogue `checks:` rule as a row-wise DataFrame check."""
    error = rule_label(rule)
    if "span" in rule:
        _, start, end, _ = rule["span"]
        return pa.Check(lambda df: (df[start] < df[end]).fillna(False).astype(bool), error=error)
    for kind in ("exactly_one", "at_most_one"):
        if kind in rule:
            fields, when = rule[kind], rule.get("when")
            allowed = {"exactly_one": (1,), "at_most_one": (0, 1)}[kind]
            return pa.Check(lambda df: ~_applies(df, when) | _count_set(df, fields).isin(allowed), error=error)
    if "all_or_none" in rule:
        fields = rule["all_or_none"]
        return pa.Check(lambda df: _count_set(df, fields).isin((0, len(fields))), error=error)
    if "cue_ends_attribution" in rule:
        cue, attribution = rule["cue_ends_attribution"]
        return pa.Check(lambda df: pd.Series([cue_fits(_python(c), _python(a)) for c, a in zip(df[cue], df[attribution])],
                                             index=df.index, dtype=bool), error=error)
    start, end, precision = rule["dates_match_precision"]
    return pa.Check(lambda df: _precision_ok(df[start], df[end], df[precision]), error=error)


def pandera_schema(table: Table, keys: dict) -> pa.DataFrameSchema:
    """The Pandera model of `table`; keys maps each table name to its primary-key values."""
    parents = parent_keys(table, keys)
    return pa.DataFrameSchema(
        {f.name: _column(f, parents.get(f.name, [])) for f in table.fields},
        checks=[_row_check(rule) for rule in table.checks],
        unique=list(table.primary_key),
        strict=True,
        ordered=True,
        name=table.name,
    )


def pandera_errors(arrows: dict, tables: dict, display: dict) -> list[EndofwarError]:
    """Validate every table as a typed DataFrame; each failure becomes an error naming file, row and field."""
    frames = {name: arrow_to_pandas(arrows[name], table) for name, table in tables.items()}
    keys = {}
    for name, table in tables.items():
        if len(table.primary_key) == 1:
            keys[name] = frames[name][table.primary_key[0]].dropna().unique()
    errors = []
    for name, table in tables.items():
        frame = frames[name]
        try:
            pandera_schema(table, keys).validate(frame, lazy=True)
        except pa.errors.SchemaErrors as exc:
            errors += failure_errors(_failures(exc.failure_cases), lambda i, f, df=frame: _python(df.at[i, f]), table, display[name])
    return errors


def _failures(cases: pd.DataFrame) -> list[Failure]:
    return [
        Failure(case.column if isinstance(case.column, str) else None, case.check, _python(case.failure_case),
                None if pd.isna(case.index) else int(case.index))
        for case in cases.itertuples()
    ]


def _python(value):
    """A cell as the plain Python value Arrow would give (None for missing, int not numpy.int64)."""
    if not isinstance(value, (list, tuple)) and pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value
