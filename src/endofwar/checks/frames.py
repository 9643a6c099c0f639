"""Typed pandas DataFrames from the published files: one mapping of types, used everywhere.

integer -> Int64, string -> string, boolean -> boolean, date -> date32[pyarrow]: nullable
where the schema allows, never object-typed numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

from endofwar.errors import EndofwarError
from endofwar.schemas import Table

PARSERS = {
    "integer": re.compile(r"-?\d+"),
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "boolean": re.compile(r"true|false"),
}


def pandas_dtype(type_: str):
    import pandas as pd
    import pyarrow as pa

    return {
        "integer": "Int64",
        "string": "string",
        "boolean": "boolean",
        "number": "Float64",
        "date": pd.ArrowDtype(pa.date32()),
    }[type_]


def arrow_to_pandas(arrow_table, table: Table):
    """An Arrow table as a DataFrame with the project's pandas dtypes (no per-value Python objects)."""
    import pandas as pd

    columns = {}
    for f in table.fields:
        dtype = pd.api.types.pandas_dtype(pandas_dtype(f.type))
        columns[f.name] = pd.Series(arrow_table.column(f.name).to_pandas(types_mapper=lambda _: dtype), name=f.name)
    return pd.DataFrame(columns)


def read_csv_strict(path: Path, table: Table, display: str):
    """Read a published CSV with every value parsed by its declared type, never guessed.

    Returns (arrow_table, errors): a value that does not parse is an error naming the row
    (as counted by Frictionless: the header is row 1) and the field, and becomes null.
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    from pyarrow import csv as pacsv

    errors = []
    try:
        raw = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(encoding="utf8"),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types={}, strings_can_be_null=True, null_values=[""], quoted_strings_can_be_null=True,
                auto_dict_encode=False, timestamp_parsers=[], true_values=[], false_values=[],
                include_columns=None,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        raise EndofwarError(f"cannot be read as CSV: {exc}", file=display, fix="rebuild with `endofwar build`") from None
    header = raw.column_names
    if header != table.field_names:
        extra = [c for c in header if c not in table.field_names]
        missing = [c for c in table.field_names if c not in header]
        raise EndofwarError(
            f"columns differ from the schema (extra: {extra or 'none'}, missing: {missing or 'none'}, "
            f"order as in schemas/{table.name}.schema.json)", file=display, row=1,
            fix="do not edit published tables by hand: change the annotations and run `endofwar build`",
        )
    columns = []
    for f in table.fields:
        text = raw.column(f.name).cast(pa.string())
        if f.type in PARSERS:
            ok = pc.match_substring_regex(text, f"^(?:{PARSERS[f.type].pattern})$")
            bad = pc.and_(pc.is_valid(text), pc.invert(ok))
            for i in pc.indices_nonzero(pc.fill_null(bad, False)).to_pylist():
                errors.append(EndofwarError(
                    f"'{text[i].as_py()}' is not a valid {f.type}", file=display, row=i + 2, field=f.name,
                    fix="rebuild the tables with `endofwar build` instead of editing them",
                ))
            text = pc.if_else(pc.fill_null(ok, False), text, pa.scalar(None, pa.string()))
        columns.append(_cast(text, f.type, display, f.name, errors))
    return pa.Table.from_arrays(columns, schema=table.arrow_schema().with_metadata(None)), errors


def _cast(text, type_: str, display: str, name: str, errors: list):
    import pyarrow as pa
    import pyarrow.compute as pc

    if type_ == "string":
        return text
    if type_ == "integer":
        return text.cast(pa.int64())
    if type_ == "boolean":
        return pc.equal(text, "true")
    if type_ == "date":
        try:
            return text.cast(pa.date32())
        except pa.ArrowInvalid:
            parsed = []
            for i, value in enumerate(text.to_pylist()):
                try:
                    parsed.append(pa.scalar(value).cast(pa.date32()).as_py() if value else None)
                except pa.ArrowInvalid:
                    errors.append(EndofwarError(f"'{value}' is not a valid date", file=display, row=i + 2, field=name))
                    parsed.append(None)
            return pa.array(parsed, pa.date32())
    return text.cast(pa.float64())
