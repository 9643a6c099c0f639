"""The checks of `frictionless validate` as vectorised DuckDB queries: the same report, at scale.

Frictionless reads a package row by row in Python (some 15,000 rows a second). Here every
tabular resource of datapackage.json (the catalogue's tables, as CSV and as Parquet) is loaded
once into DuckDB as the cells Frictionless would read, and each check is one query over the
whole table. The checks and the names of the errors are those of frictionless 5:

- file: hash-count, byte-count (the sha256 and size recorded in the descriptor);
- header: extra-label, missing-label, blank-label, duplicate-label, incorrect-label;
- row: blank-row, extra-cell, missing-cell, primary-key, foreign-key;
- cell: type-error, constraint-error (required, enum, pattern, minimum, ...), unique-error;
- resource: scheme-error, encoding-error, source-error when a file cannot be read at all.

Exactness comes from two rules. A CSV file is parsed by DuckDB only when DuckDB provably read
the records Python's csv module reads (Frictionless's parser), else by the csv module itself.
A cell is judged in SQL only in the canonical form the build writes (`12`, `2021-12-23`);
any other cell (` 12`, `+12`, `2021-02-30`, a non-ASCII value under a pattern) is judged by
Frictionless's own cell reader, so odd cells cost Python time only where they occur.

`frictionless_violations` runs the real validator and reports in the same terms, for the
tests and the benchmark that compare the two.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import itertools
import json
from dataclasses import dataclass, replace
from pathlib import Path

from endofwar.package import DESCRIPTOR

# The constraints frictionless 5 applies per type (its `supported_constraints`): a type ignores
# the others. Only types with a canonical form are listed: cells of other types all go to
# Frictionless's own reader, which applies its constraints itself.
SUPPORTED_CONSTRAINTS = {
    "string": ("required", "minLength", "maxLength", "pattern", "enum"),
    "integer": ("required", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"),
    "date": ("required", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"),
    "boolean": ("required", "enum"),
}
TRUE_VALUES, FALSE_VALUES = ["true", "True", "TRUE", "1"], ["false", "False", "FALSE", "0"]
# The SQL type bounds compare in, per field type.
SQL_TYPES = {"integer": "BIGINT", "date": "DATE"}
BOUNDS = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}
# Where RE2 (DuckDB) and Python's re (Frictionless) provably agree: printable ASCII, no newline.
PRINTABLE_ASCII = "[ -~]*"
CSV_FIELD_SIZE_LIMIT = 2147483646  # what frictionless sets, so long cells parse alike

WHAT = {  # what an error means, for the types whose frictionless note is empty
    "extra-label": "the header has a label the schema has no field for",
    "missing-label": "the header lacks this field of the schema",
    "blank-label": "the header label is empty",
    "duplicate-label": "the header label repeats an earlier one",
    "incorrect-label": "the header label is not the schema's field name",
    "blank-row": "the row is empty",
    "extra-cell": "the row has more cells than the header has labels",
    "missing-cell": "the row has fewer cells than the header has labels",
}


@dataclass(frozen=True)
class Violation:
    """One error as frictionless reports it: resource path, row (the header is row 1), field, type."""

    file: str
    row: int | None
    field: str | None
    type: str
    note: str = ""
    value: str | None = None  # the offending cell or label, for messages

    @property
    def key(self) -> tuple:
        return (self.file, self.row, self.field, self.type)

    @property
    def message(self) -> str:
        text = self.note or WHAT.get(self.type, "")
        return text + (f" (value {self.value!r})" if self.value is not None else "")


# ---- the real validator, in the same terms ----------------------------------------------------

def frictionless_violations(package_dir: Path) -> list[Violation]:
    """What the real Frictionless validator reports on the package (slow: row by row in Python)."""
    from frictionless import Package, system

    with system.use_context(trusted=False):
        report = Package(str(package_dir / DESCRIPTOR)).validate()
    return report_violations(report.to_descriptor())


def report_violations(report: dict) -> list[Violation]:
    """A Frictionless report (`Report.to_descriptor()` or `frictionless validate --json`) as Violations."""
    out = [Violation(DESCRIPTOR, None, None, e["type"], e.get("note", "")) for e in report.get("errors", [])]
    for task in report.get("tasks", []):
        for e in task.get("errors", []):
            row = e.get("rowNumber") or min(e.get("rowNumbers") or [None])
            field = e.get("fieldName") or ",".join(e.get("fieldNames", [])) or None
            value = e.get("cell", e.get("label"))
            out.append(Violation(task["place"], row, field, e["type"], e.get("note", ""), value or None))
    return out


# ---- the fast checks ------------------------------------------------------------------------

def check_package(package_dir: Path, descriptor: dict | None = None) -> list[Violation]:
    """Every Frictionless table check on every tabular resource of the package, as DuckDB queries."""
    import duckdb

    if descriptor is None:
        descriptor = json.loads((package_dir / DESCRIPTOR).read_text(encoding="utf-8"))
    resources = [r for r in descriptor.get("resources", []) if r.get("schema")]
    with duckdb.connect() as con:
        tables = {r["name"]: _load(con, package_dir, r, f"t{i}") for i, r in enumerate(resources)}
        failures = {name: t.failure or _parent_failure(t, tables) for name, t in tables.items()}
        readable = [t for name, t in tables.items() if not failures[name]]
        violations = [replace(failures[name], file=t.path) for name, t in tables.items() if failures[name]]
        for table in readable:
            violations += _table_violations(con, table)
        for table in readable:  # keys compare typed values: after every table's odd cells are read
            violations += _key_violations(con, table) + _foreign_key_violations(con, table, tables)
    order = {t.path: i for i, t in enumerate(tables.values())}
    return sorted(violations, key=lambda v: (order[v.file], v.row is None, v.row or 0, v.field or "", v.type))


def _table_violations(con, table: _Table) -> list[Violation]:
    """A resource's own checks: its file, header, row structure and cells."""
    rows = _row_violations(con, table)
    blank_rows = any(v.type == "blank-row" for v in rows)
    return [*table.file_violations, *_header_violations(con, table), *rows, *_cell_violations(con, table, blank_rows=blank_rows)]


@dataclass(frozen=True)
class _Table:
    """A resource as loaded into DuckDB: view `view` has __id, __row, __cells, __blank, c1..cn.

    c1..cn are the text cells under the header's n labels, read as `fields` (by position, as
    Frictionless reads them); __cells counts the cells the row really has; __id is the row's
    rowid in the table `{view}_raw` behind the view.
    """

    resource: dict
    view: str = ""
    labels: tuple = ()
    fields: tuple = ()
    file_violations: tuple = ()
    failure: Violation | None = None

    @property
    def path(self) -> str:
        return self.resource["path"]

    @property
    def schema(self) -> dict:
        return self.resource["schema"]

    def column(self, name: str) -> str | None:
        """The view column of field `name`, or None when the header lacks it."""
        return next((f"c{i + 1}" for i, f in enumerate(self.fields) if f["name"] == name), None)

    def missing(self, column: str) -> str:
        """SQL: the cell is a missing value (or absent from a short row)."""
        return f"({column} IS NULL" + "".join(f" OR {column} = {_lit(v)}" for v in _missing_values(self.schema)) + ")"

    def key(self, column: str | None) -> str:
        """SQL: the cell as a key: its canonical text, NULL when missing (or not in the header)."""
        return f"CASE WHEN {self.missing(column)} THEN NULL ELSE {column} END" if column else "NULL"


# ---- loading: the cells Frictionless reads, as text -------------------------------------------

def _load(con, package_dir: Path, resource: dict, view: str) -> _Table:
    table, path = _Table(resource), package_dir / resource["path"]
    if resource.get("format") == "parquet":
        return _load_parquet(con, table, path, view)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return replace(table, failure=Violation(table.path, None, None, "scheme-error", str(exc)))
    table = replace(table, file_violations=tuple(_file_violations(table.path, resource, data)))
    return _load_csv(con, table, path, data, view)


def _file_violations(path: str, resource: dict, data: bytes) -> list[Violation]:
    """hash-count and byte-count: the file's bytes against what the descriptor records."""
    out = []
    if resource.get("hash"):
        algorithm, _, expected = resource["hash"].partition(":") if ":" in resource["hash"] else ("md5", "", resource["hash"])
        if algorithm in ("md5", "sha256"):
            actual = hashlib.new(algorithm, data).hexdigest()
            if actual != expected:
                out.append(Violation(path, None, None, "hash-count", f'expected is "{expected}" and actual is "{actual}"'))
    if resource.get("bytes") and resource["bytes"] != len(data):
        out.append(Violation(path, None, None, "byte-count", f'expected is "{resource["bytes"]}" and actual is "{len(data)}"'))
    return out


def _parent_failure(table: _Table, tables: dict) -> Violation | None:
    """Frictionless cannot open a resource whose foreign key needs a resource it cannot read."""
    for fk in table.schema.get("foreignKeys", []):
        name = fk["reference"].get("resource") or table.resource["name"]
        if name not in tables:
            note = f'failed to handle a foreign key for resource "{table.resource["name"]}" as resource "{name}" does not exist'
            return Violation(table.path, None, None, "resource-error", note)
        if tables[name].failure:
            return tables[name].failure
    return None


def _load_csv(con, table: _Table, path: Path, data: bytes, view: str) -> _Table:
    """Table `{view}_raw`: one row per CSV record, the header first; c1..cn and __cells."""
    encoding = _encoding(table.resource.get("encoding", "utf-8"), data)
    try:
        dialect = _python_dialect(data, encoding, table.resource.get("dialect", {}))
        header = next(csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding, newline=""), dialect), [])
        labels = tuple("" if cell is None else str(cell).strip() for cell in header)
        fields = _expected_fields(table.schema, labels)
        duckdb_reads_alike = header and "" in _missing_values(table.schema)  # DuckDB reads an empty cell as NULL
        if not (duckdb_reads_alike and _load_csv_with_duckdb(con, path, data, encoding, dialect, header, view)):
            _load_csv_with_python(con, data.decode(encoding), dialect, len(fields), view)
    except UnicodeDecodeError as exc:
        return replace(table, failure=Violation(table.path, None, None, "encoding-error", str(exc)))
    table = replace(table, view=view, labels=labels, fields=fields)
    _define_view(con, table, header_record=True)
    return table


def _encoding(declared: str, data: bytes) -> str:
    """Frictionless reads a UTF-8 file that starts with a byte-order mark as utf-8-sig."""
    name = codecs.lookup(declared).name
    return "utf-8-sig" if name == "utf-8" and data.startswith(codecs.BOM_UTF8) else name


def _python_dialect(data: bytes, encoding: str, declared: dict):
    """The csv dialect Frictionless parses with: the declared one, completed by sniffing 100 lines."""
    lines = itertools.islice(io.TextIOWrapper(io.BytesIO(data), encoding, newline=""), 100)
    try:
        sniffed = csv.Sniffer().sniff("".join(lines), declared.get("delimiter", ",\t;|"))
    except csv.Error:
        sniffed = csv.excel()
    dialect = csv.excel()
    dialect.delimiter = declared.get("delimiter", sniffed.delimiter)
    dialect.quotechar = declared.get("quoteChar", '"' if sniffed.quotechar == "'" else sniffed.quotechar)
    dialect.escapechar = declared.get("escapeChar", sniffed.escapechar)
    dialect.doublequote = declared.get("doubleQuote", True) if dialect.escapechar else True
    dialect.skipinitialspace = declared.get("skipInitialSpace", sniffed.skipinitialspace)
    dialect.quoting = csv.QUOTE_NONE if dialect.quotechar == "" else csv.QUOTE_MINIMAL
    return dialect


def _load_csv_with_duckdb(con, path: Path, data: bytes, encoding: str, dialect, header: list, view: str) -> bool:
    """Parse with DuckDB; keep the result only if it provably holds the records Python's csv reads.

    DuckDB skips blank lines, trims spaces around quotes and drops a trailing delimiter where
    Python keeps them, and each of these loses bytes. So the parse is kept only when the file's
    size is exactly what its cells, delimiters, line ends and quote characters account for.
    """
    import duckdb

    if encoding not in ("utf-8", "utf-8-sig") or b"\r" in data or dialect.skipinitialspace or dialect.escapechar:
        return False
    n, quote = len(header), dialect.quotechar
    cells = [f"c{i + 1}" for i in range(n)]
    columns = "{" + ", ".join(f"{_lit(c)}: 'VARCHAR'" for c in cells) + "}"
    try:
        con.execute(
            f"CREATE OR REPLACE TABLE {view}_raw AS SELECT *, {n} AS __cells FROM read_csv(?, header=false, "
            f"columns={columns}, delim={_lit(dialect.delimiter)}, quote={_lit(quote)}, escape={_lit(quote)}, "
            "auto_detect=false, strict_mode=true, null_padding=false)",
            [str(path)],
        )
    except duckdb.Error:
        return False
    first = con.execute(f"SELECT {', '.join(cells)} FROM {view}_raw WHERE rowid = 0").fetchall()
    records, value_bytes, value_quotes = con.execute(
        f"SELECT count(*), sum({' + '.join(f'coalesce(strlen({c}), 0)' for c in cells)}), "
        f"sum({' + '.join(_count(c, quote) for c in cells)}) FROM {view}_raw"
    ).fetchall()[0]
    bom = len(codecs.BOM_UTF8) if encoding == "utf-8-sig" else 0
    line_ends = records - (0 if data.endswith(b"\n") else 1)
    quoting = data.count(quote.encode()) - value_quotes
    accounted = bom + value_bytes + records * (n - 1) + line_ends + quoting
    return bool(first) and [c or "" for c in first[0]] == header and accounted == len(data)


def _count(column: str, char: str) -> str:
    """SQL: how often `char` occurs in the cell (cheap for the cells without it)."""
    return f"CASE WHEN contains({column}, {_lit(char)}) THEN strlen({column}) - strlen(replace({column}, {_lit(char)}, '')) ELSE 0 END"


def _load_csv_with_python(con, text: str, dialect, n: int, view: str) -> None:
    """Parse with Python's csv module, as Frictionless does: any dialect, blank lines, ragged rows."""
    import pyarrow as pa

    csv.field_size_limit(CSV_FIELD_SIZE_LIMIT)
    records = list(csv.reader(io.StringIO(text, newline=""), dialect)) or [[]]
    cells = [len(r) for r in records]
    arrow = pa.table({
        **{f"c{i + 1}": pa.array([r[i] if i < k else None for r, k in zip(records, cells)], pa.string()) for i in range(n)},
        "__cells": pa.array(cells, pa.int64()),
    })
    con.register(f"{view}_arrow", arrow)
    con.execute(f"CREATE OR REPLACE TABLE {view}_raw AS SELECT * FROM {view}_arrow")
    con.unregister(f"{view}_arrow")


def _load_parquet(con, table: _Table, path: Path, view: str) -> _Table:
    """Table `{view}_raw`: one row per Parquet row, c1..cn as the text whose verdict is Frictionless's.

    Frictionless reads Parquet through pandas, which turns an integer column with nulls into
    floats: a null integer reaches its reader as NaN, a type error; it is the text 'nan' here.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        schema = pq.ParquetDataset(str(path)).schema
    except Exception as exc:  # pyarrow's own message, as Frictionless reports it
        return replace(table, failure=Violation(table.path, None, None, "source-error", str(exc)))
    cells = []
    for i, f in enumerate(schema):
        text = f"CAST({_ident(f.name)} AS VARCHAR)"
        cells.append(f"coalesce({text}, 'nan') AS c{i + 1}" if pa.types.is_integer(f.type) else f"{text} AS c{i + 1}")
    con.execute(
        f"CREATE OR REPLACE TABLE {view}_raw AS SELECT {', '.join(cells)}, {len(cells)} AS __cells FROM read_parquet(?)",
        [str(path)],
    )
    table = replace(table, view=view, labels=tuple(schema.names), fields=_expected_fields(table.schema, tuple(schema.names)))
    _define_view(con, table, header_record=False)
    return table


def _expected_fields(schema: dict, labels: tuple) -> tuple:
    """The fields the cells are read as: by position; a label beyond the schema as type 'any'."""
    fields = schema.get("fields", [])
    if not labels:
        return tuple(fields)
    return tuple(fields[i] if i < len(fields) else {"name": label, "type": "any"} for i, label in enumerate(labels))


def _missing_values(schema: dict) -> list:
    return [v if isinstance(v, str) else v["value"] for v in schema.get("missingValues", [""])]


def _define_view(con, table: _Table, *, header_record: bool) -> None:
    """The data rows of `{view}_raw`, numbered as Frictionless numbers them: the header is row 1."""
    columns = [f"c{i + 1}" for i in range(len(table.fields))]
    row, where = ("rowid + 1", " WHERE rowid > 0") if header_record else ("rowid + 2", "")
    con.execute(
        f"CREATE OR REPLACE VIEW {table.view} AS SELECT rowid AS __id, {row} AS __row, __cells, "
        f"{' AND '.join(table.missing(c) for c in columns)} AS __blank, {', '.join(columns)} FROM {table.view}_raw{where}"
    )


# ---- header and row structure ------------------------------------------------------------------

def _header_violations(con, table: _Table) -> list[Violation]:
    """The header's labels against the schema's field names, position by position."""
    if not table.labels:
        empty = con.execute(f"SELECT count(*) = 0 FROM {table.view}").fetchall()[0][0]
        return [Violation(table.path, None, None, "source-error", "the source is empty")] if empty else []
    fields, labels, out = table.schema.get("fields", []), table.labels, []
    out += [Violation(table.path, 1, None, "extra-label", value=label) for label in labels[len(fields):]]
    out += [Violation(table.path, 1, f["name"], "missing-label") for f in fields[len(labels):]]
    for number, (field, label) in enumerate(zip(fields, labels), start=1):
        earlier = [str(i) for i, seen in enumerate(labels[: number - 1], start=1) if seen == label]
        if not label:
            out.append(Violation(table.path, 1, field["name"], "blank-label"))
        elif earlier:
            out.append(Violation(table.path, 1, field["name"], "duplicate-label", f'at position "{", ".join(earlier)}"', label))
        elif label != field["name"]:
            out.append(Violation(table.path, 1, field["name"], "incorrect-label", value=label))
    return out


def _row_violations(con, table: _Table) -> list[Violation]:
    """blank-row for a row of missing values only; extra-cell and missing-cell for a ragged row."""
    n, out = len(table.fields), []
    query = f"SELECT __row, __cells, __blank FROM {table.view} WHERE __blank OR __cells <> {n} ORDER BY __row"
    for row, cells, blank in con.execute(query).fetchall():
        if blank:
            out.append(Violation(table.path, row, None, "blank-row"))
            continue
        out += [Violation(table.path, row, None, "extra-cell") for _ in range(n, cells)]
        out += [Violation(table.path, row, f["name"], "missing-cell") for f in table.fields[cells:]]
    return out


# ---- cells: types and constraints ------------------------------------------------------------

def _cell_violations(con, table: _Table, *, blank_rows: bool) -> list[Violation]:
    """Type and constraint errors; then odd cells become the canonical text of their value, for the keys.

    A blank row reports only blank-row, as in Frictionless. A cell that is not canonical is
    judged by Frictionless's own reader; SQL decides the rest.
    """
    out = []
    fixes = {}  # column -> [(rowid, canonical text of the odd cell's value, None if unreadable)]
    for i, field in enumerate(table.fields):
        checks = _cell_checks(table, field)
        if not checks:
            continue
        column, reader = f"c{i + 1}", None
        for rowid, row, cell, *flags in con.execute(_failing_cells(table, field, column, checks, blank_rows)).fetchall():
            failed = [name for name, flag in zip(checks, flags) if flag]
            if failed == ["odd"]:
                reader = reader or _frictionless_reader(table.schema, field["name"])
                value, violations = _read_odd_cell(reader, table.path, row, field, cell)
                out += violations
                fixes.setdefault(column, []).append((rowid, value))
            else:
                constraints = field.get("constraints", {})
                out += [
                    Violation(table.path, row, field["name"], "constraint-error", f'constraint "{name}" is "{constraints[name]}"', cell)
                    for name in failed
                ]
    for column, values in fixes.items():
        _apply_fixes(con, table, column, values)
    return out


def _cell_checks(table: _Table, field: dict) -> dict:
    """SQL conditions on a text `cell`, each true where it fails: 'odd' (not canonical) or a constraint.

    They may also use `missing` and `canonical`, computed once per text by `_failing_cells`.
    """
    if field.get("type", "any") == "any":
        return {}
    checks = {} if _canonical(field, "cell") == "TRUE" else {"odd": "NOT missing AND NOT canonical"}
    constraints = field.get("constraints", {})
    for name in SUPPORTED_CONSTRAINTS.get(field["type"], ("required",)):
        value = constraints.get(name)
        if name == "required" and value:
            checks[name] = "missing"
        elif value is not None and name != "required":
            checks[name] = f"NOT missing AND canonical AND NOT ({_satisfies(field, name, value, 'cell')})"
    return checks


def _failing_cells(table: _Table, field: dict, column: str, checks: dict, blank_rows: bool) -> str:
    """SQL: (__id, __row, cell, one flag per check) of the cells failing a check, in row order.

    A check depends on the cell's text alone, so it runs once per distinct text (an id column
    holds few), and the failing texts are joined back to their rows.
    """
    return (
        f"WITH cells AS (SELECT __id, __row, {column} AS cell FROM {table.view}{' WHERE NOT __blank' if blank_rows else ''}), "
        f"texts AS (SELECT cell, {table.missing('cell')} AS missing, {_canonical(field, 'cell')} AS canonical "
        f"FROM (SELECT DISTINCT cell FROM cells)), "
        f"failing AS (SELECT cell, {', '.join(f'{sql} AS {_ident(name)}' for name, sql in checks.items())} "
        f"FROM texts WHERE {' OR '.join(f'({sql})' for sql in checks.values())}) "
        f"SELECT __id, __row, cells.cell, {', '.join(f'failing.{_ident(name)}' for name in checks)} "
        f"FROM cells JOIN failing ON cells.cell IS NOT DISTINCT FROM failing.cell ORDER BY __row"
    )


def _canonical(field: dict, column: str) -> str:
    """SQL: the cell is in the form the build writes, where SQL's verdict equals Frictionless's.

    Everything else goes to Frictionless's own reader: any other spelling of a value, any type
    or format without a canonical form here, and under a pattern any cell that is not printable
    ASCII (the text on which DuckDB's RE2 and Python's re provably agree).
    """
    kind, form = field.get("type", "any"), field.get("format", "default")
    if kind == "string" and form in ("default", None):
        pattern = field.get("constraints", {}).get("pattern")
        return f"regexp_full_match({column}, {_lit(PRINTABLE_ASCII)})" if pattern is not None else "TRUE"
    if kind == "string" and form == "uri":  # a scheme, a plain host, no userinfo: rfc3986 accepts it
        return f"regexp_full_match({column}, {_lit('[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9.-]+(/[!-?A-~]*)?')})"
    if kind == "integer" and form in ("default", None):  # no sign, space, leading zero or '_'; fits BIGINT
        return f"regexp_full_match({column}, '0|-?[1-9][0-9]{{0,17}}')"
    if kind == "date" and form in ("default", None):  # YYYY-MM-DD of a real day from year 1
        return f"(regexp_full_match({column}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') AND {column} >= '0001' AND TRY_CAST({column} AS DATE) IS NOT NULL)"
    if kind == "boolean":
        words = [w for w, values in (("true", field.get("trueValues", TRUE_VALUES)), ("false", field.get("falseValues", FALSE_VALUES))) if w in values]
        return f"{column} IN ({', '.join(map(_lit, words))})" if words else "FALSE"
    return "FALSE"


def _satisfies(field: dict, name: str, value, column: str) -> str:
    """SQL: a canonical cell meets constraint `name`, as Frictionless's check_<name> decides."""
    if name == "enum":
        return f"{column} IN ({', '.join(_lit(_canonical_text(v)) for v in value) or 'NULL'})"
    if name == "pattern":  # re.match("^{pattern}$"): anchored at the start, as written at the end
        return f"regexp_matches({column}, {_lit('^(?:^' + value + '$)')})"
    if name == "minLength":
        return f"length({column}) >= {int(value)}"
    if name == "maxLength":
        return f"length({column}) <= {int(value)}"
    sql_type = SQL_TYPES[field["type"]]
    return f"TRY_CAST({column} AS {sql_type}) {BOUNDS[name]} CAST({_lit(_canonical_text(value))} AS {sql_type})"


def _canonical_text(value) -> str:
    """The text the build writes for a value (what canonical cells hold)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _frictionless_reader(schema: dict, name: str):
    from frictionless import Schema

    return Schema.from_descriptor(schema).get_field(name).create_cell_reader()


def _read_odd_cell(reader, path: str, row: int, field: dict, cell: str):
    """Frictionless's verdict on one cell: its typed value (None on a type error) and violations."""
    value, notes = reader(cell)
    notes = dict(notes or {})
    if "type" in notes:
        return None, [Violation(path, row, field["name"], "type-error", notes["type"], cell)]
    return _canonical_text(value), [
        Violation(path, row, field["name"], "constraint-error", note, cell) for note in notes.values()
    ]


def _apply_fixes(con, table: _Table, column: str, values: list) -> None:
    """Replace odd cells by the canonical text of their value (NULL if unreadable), for the keys."""
    import pyarrow as pa

    fixes = pa.table({"id": pa.array([v[0] for v in values], pa.int64()), "value": pa.array([v[1] for v in values], pa.string())})
    con.register("fixes", fixes)
    con.execute(f"UPDATE {table.view}_raw SET {column} = fixes.value FROM fixes WHERE {table.view}_raw.rowid = fixes.id")
    con.unregister("fixes")


# ---- keys: primary key, unique, foreign keys -------------------------------------------------

def _key_violations(con, table: _Table) -> list[Violation]:
    """primary-key for a key of missing values or a repeated key; unique-error for a repeated value."""
    out = []
    primary_key = table.schema.get("primaryKey", [])
    primary_key = [primary_key] if isinstance(primary_key, str) else primary_key
    columns = [table.column(name) for name in primary_key]
    if primary_key and all(columns):
        keys = [table.key(c) for c in columns]
        all_missing = " AND ".join(f"{k} IS NULL" for k in keys)
        for (row,) in con.execute(f"SELECT __row FROM {table.view} WHERE {all_missing}").fetchall():
            out.append(Violation(table.path, row, None, "primary-key", 'cells composing the primary keys are all "None"'))
        for row, earlier in _repeats(con, table.view, keys, where=f"NOT ({all_missing})"):
            out.append(Violation(table.path, row, None, "primary-key", f"the same as in the row at position {earlier}"))
    for i, field in enumerate(table.fields):
        if field.get("constraints", {}).get("unique"):
            key = table.key(f"c{i + 1}")
            for row, earlier in _repeats(con, table.view, [key], where=f"{key} IS NOT NULL"):
                out.append(Violation(table.path, row, field["name"], "unique-error", f"the same as in the row at position {earlier}"))
    return out


def _repeats(con, view: str, keys: list, where: str) -> list:
    """(row, the latest earlier row with the same key) for each repeated key; missing equals missing."""
    names = [f"k{i}" for i in range(len(keys))]
    same = " AND ".join(f"keyed.{k} IS NOT DISTINCT FROM repeated.{k}" for k in names)
    return con.execute(
        f"WITH keyed AS (SELECT __row, {', '.join(f'{k} AS {n}' for k, n in zip(keys, names))} FROM {view} WHERE {where}), "
        f"repeated AS (SELECT {', '.join(names)} FROM keyed GROUP BY ALL HAVING count(*) > 1), "
        f"candidates AS (SELECT keyed.* FROM keyed SEMI JOIN repeated ON {same}) "
        f"SELECT __row, earlier FROM (SELECT __row, lag(__row) OVER (PARTITION BY {', '.join(names)} ORDER BY __row) AS earlier "
        f"FROM candidates) WHERE earlier IS NOT NULL ORDER BY __row"
    ).fetchall()


def _foreign_key_violations(con, table: _Table, tables: dict) -> list[Violation]:
    """foreign-key for a row whose key (not all missing) is no key of the referenced resource."""
    out = []
    for fk in table.schema.get("foreignKeys", []):
        fields = [fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"]
        reference = fk["reference"]
        parent = tables[reference.get("resource") or table.resource["name"]]
        parent_fields = [reference["fields"]] if isinstance(reference["fields"], str) else reference["fields"]
        columns = [table.column(name) for name in fields]
        if not all(columns):  # Frictionless skips a foreign key the header lacks
            continue
        names = [f"k{i}" for i in range(len(fields))]
        child = ", ".join(f"{table.key(c)} AS {n}" for c, n in zip(columns, names))
        lookup = ", ".join(f"{parent.key(parent.column(f))} AS {n}" for f, n in zip(parent_fields, names))
        same = " AND ".join(f"child.{n} IS NOT DISTINCT FROM lookup.{n}" for n in names)
        query = (
            f"WITH child AS (SELECT __row, {child} FROM {table.view}), lookup AS (SELECT DISTINCT {lookup} FROM {parent.view}) "
            f"SELECT child.* FROM child ANTI JOIN lookup ON {same} "
            f"WHERE NOT ({' AND '.join(f'child.{n} IS NULL' for n in names)}) ORDER BY __row"
        )
        for row, *values in con.execute(query).fetchall():
            shown = [_shown(table.fields, f, v) for f, v in zip(fields, values)]
            note = (
                f'for "{", ".join(fields)}": values "{", ".join(shown)}" not found in the lookup table '
                f'"{reference.get("resource", "")}" as "{", ".join(parent_fields)}"'
            )
            out.append(Violation(table.path, row, ",".join(fields), "foreign-key", note))
    return out


def _shown(fields: tuple, name: str, text: str | None) -> str:
    """A key value as Frictionless prints it: str() of the typed value."""
    kind = next((f.get("type") for f in fields if f["name"] == name), "string")
    if text is None:
        return "None"
    return {"true": "True", "false": "False"}.get(text, text) if kind == "boolean" else text


def _lit(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    """A SQL quoted identifier."""
    return '"' + name.replace('"', '""') + '"'
