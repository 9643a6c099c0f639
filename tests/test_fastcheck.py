"""The fast Frictionless checks report what the real `frictionless validate` reports.

Each case plants damage in a copy of the built package; both validators run on that copy
and must report the same set of (file, row, field, error type, note). Row-level cases record
the damaged file's new hash and size in the descriptor, so the planted violation is all
there is to find; the hash case keeps the old ones.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from endofwar.checks import frictionless_sql as fastcheck
from endofwar.checks.validate import validate_package

# ---- damage --------------------------------------------------------------------------------------


def edit_rows(table, edit, *, rehash=True):
    """Apply edit(header, rows) to tables/<table>.csv, written back as the build writes CSV."""
    def damage(pkg):
        path = pkg / "tables" / f"{table}.csv"
        header, *rows = csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
        edit(header, rows)
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
        path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
        if rehash:
            record_hash(pkg, table)
    return damage


def edit_bytes(table, edit, *, rehash=True):
    """Apply edit(bytes) to tables/<table>.csv: for damage the csv module would not write."""
    def damage(pkg):
        path = pkg / "tables" / f"{table}.csv"
        path.write_bytes(edit(path.read_bytes()))
        if rehash:
            record_hash(pkg, table)
    return damage


def set_cells(table, field, *values, rehash=True):
    """Put values[i] into `field` of data row i."""
    def edit(header, rows):
        for row, value in zip(rows, values):
            row[header.index(field)] = value
    return edit_rows(table, edit, rehash=rehash)


def record_hash(pkg, table):
    """Record the file's current sha256 and size, as a build would."""
    path, descriptor_path = pkg / "tables" / f"{table}.csv", pkg / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == table)
    resource["hash"] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    resource["bytes"] = path.stat().st_size
    descriptor_path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def edit_descriptor(edit):
    def damage(pkg):
        path = pkg / "datapackage.json"
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        edit({r["name"]: r for r in descriptor["resources"]})
        path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return damage


def make_unique(resource, field):
    def edit(resources):
        schema = resources[resource]["schema"]
        next(f for f in schema["fields"] if f["name"] == field).setdefault("constraints", {})["unique"] = True
    return edit


def damaged_parquet(pkg):
    """A Parquet twin with a null integer, a value outside the vocabulary and a repeated key."""
    path = pkg / "tables" / "quotes.parquet"
    table = pq.read_table(path)
    table = table.cast(pa.schema([f.with_nullable(True) for f in table.schema]))
    columns = {name: table.column(name).to_pylist() for name in table.column_names}
    columns["char_start"][0] = None
    columns["quote_kind"][1] = "speech"
    columns["quote_id"][3] = columns["quote_id"][2]
    pq.write_table(pa.table(columns, schema=table.schema), path)


def add_column(header, rows):
    header.append("age")
    for row in rows:
        row.append("1")


def drop_last_column(header, rows):
    for row in (header, *rows):
        row.pop()


def both(*damages):
    def damage(pkg):
        for d in damages:
            d(pkg)
    return damage


# (id, damage, an error type the real validator must report: proof that the damage took)
CASES = [
    ("wrong-type", set_cells("quotes", "char_start", "twelve"), "type-error"),
    ("enum-outside-vocabulary", set_cells("quotes", "quote_kind", "speech"), "constraint-error"),
    ("pattern-mismatch", set_cells("sources", "language", "english"), "constraint-error"),
    ("below-minimum", set_cells("quotes", "char_start", "-1"), "constraint-error"),
    ("missing-required", set_cells("quotes", "text", ""), "constraint-error"),
    ("duplicate-primary-key", edit_rows("quotes", lambda h, rows: rows[1].__setitem__(0, rows[0][0])), "primary-key"),
    ("repeated-in-unique-field", both(edit_descriptor(make_unique("experts", "name")),
                                      edit_rows("experts", lambda h, rows: rows[1].__setitem__(1, rows[0][1]))), "unique-error"),
    ("dangling-foreign-key", set_cells("affiliations", "institution_id", "no-such-institute"), "foreign-key"),
    ("dangling-self-reference", set_cells("institutions", "parent_id", "nowhere"), "foreign-key"),
    ("renamed-parent-key", set_cells("experts", "expert_id", "someone-else"), "foreign-key"),
    ("extra-column", edit_rows("experts", add_column), "extra-label"),
    ("missing-column", edit_rows("experts", drop_last_column), "missing-label"),
    ("renamed-column", edit_rows("experts", lambda header, rows: header.__setitem__(2, "persontype")), "incorrect-label"),
    ("extra-cell", edit_rows("experts", lambda h, rows: rows[0].append("x")), "extra-cell"),
    ("missing-cell", edit_rows("experts", lambda h, rows: rows[0].pop()), "missing-cell"),
    ("blank-row", edit_bytes("experts", lambda b: b.replace(b"\n", b"\n\n", 2).replace(b"\n\n", b"\n", 1)), "blank-row"),
    ("row-of-empty-cells", edit_rows("experts", lambda h, rows: rows.insert(0, [""] * len(h))), "blank-row"),
    ("changed-bytes", set_cells("quotes", "text", "Something nobody said.", rehash=False), "hash-count"),
    ("empty-file", edit_bytes("experts", lambda b: b"", rehash=False), "source-error"),
    ("missing-file", lambda pkg: (pkg / "tables" / "experts.csv").unlink(), "scheme-error"),
    ("missing-parquet", lambda pkg: (pkg / "tables" / "quotes.parquet").unlink(), "source-error"),
    ("not-utf8", edit_bytes("experts", lambda b: b.replace(b"analyst", b"anal\xffyst", 1)), "encoding-error"),
    ("damaged-parquet", damaged_parquet, "type-error"),
    # other spellings of valid and invalid values: judged by frictionless's own cell reader
    ("integer-spellings", set_cells("quotes", "char_start", " 52", "+89", "1_0", "052", "-0", "٥٢", "52.0", "1e2", "nan",
                                    "1" * 25), "type-error"),
    ("date-spellings", set_cells("events", "date_start", "2018-6-12", "2021-02-30", " 2021-01-05", "0000-01-01",
                                 "20210105", "2021-01-05T00:00"), "type-error"),
    ("uri-spellings", set_cells("sources", "url", "https://user:secret@example.org/", "example.org"), "type-error"),
    ("uri-spellings-2", set_cells("sources", "url", "HTTPS://EXAMPLE.ORG/a b", "mailto:desk@example.org"), None),
    ("pattern-beyond-ascii", set_cells("quotes", "quote_id", "kh-q０1", "kh-q02\n", "kh-q03\t", "Kh-q04"), "constraint-error"),
    # quoting the csv module reads differently from DuckDB: the parse must fall back
    ("space-after-quote", edit_bytes("quotes", lambda b: b.replace(b",term,", b',"term" ,', 1)), "constraint-error"),
    ("trailing-delimiter", edit_bytes("experts", lambda b: b.replace(b"\n", b",\n", 2).replace(b",\n", b"\n", 1)), "extra-cell"),
    ("crlf-line-ends", edit_bytes("experts", lambda b: b.replace(b"\n", b"\r\n")), None),
    ("byte-order-mark", edit_bytes("experts", lambda b: b"\xef\xbb\xbf" + b), None),
]


@pytest.fixture
def package(built, tmp_path):
    """A copy of the built package (tables and descriptor) that a test may damage."""
    pkg = tmp_path / "pkg"
    shutil.copytree(built / "tables", pkg / "tables")
    shutil.copy(built / "datapackage.json", pkg / "datapackage.json")
    return pkg


def reported(violations):
    return {(v.key, v.note) for v in violations}


def test_clean_package_has_no_violations(package):
    assert fastcheck.check_package(package) == []


@pytest.mark.parametrize("case, damage, kind", CASES, ids=[c[0] for c in CASES])
def test_same_violations_as_frictionless(package, case, damage, kind):
    damage(package)
    real = reported(fastcheck.frictionless_violations(package))
    if kind:
        assert kind in {key[3] for key, _ in real}, f"the damage did not take: {real}"
    assert reported(fastcheck.check_package(package)) == real


def test_supported_constraints_are_frictionless_ones():
    from frictionless import fields

    types = {"string": fields.StringField, "integer": fields.IntegerField, "date": fields.DateField, "boolean": fields.BooleanField}
    for name, field_class in types.items():
        assert set(fastcheck.SUPPORTED_CONSTRAINTS[name]) == set(field_class.supported_constraints), name


def test_real_frictionless_stays_available(package, built):
    set_cells("quotes", "quote_kind", "speech")(package)
    fast = validate_package(package, raw_root=built)
    real = validate_package(package, raw_root=built, frictionless=True)
    assert sorted(str(e) for e in fast if "frictionless" in e.message) == sorted(str(e) for e in real if "frictionless" in e.message)
    assert any("constraint-error" in e.message for e in fast)
