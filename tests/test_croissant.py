"""croissant.json: valid for mlcroissant with no error or warning, every table loadable through it
with the Parquet file's rows, a FileObject per published file with its real sha256, and a RecordSet
per catalogue table (so a table or field added to the catalogue appears without code changes)."""

from __future__ import annotations

import datetime
import hashlib
import json
import math
import numbers

import pyarrow.parquet as pq
import pytest

from endofwar.metadata import CROISSANT
from endofwar.paths import project_root
from endofwar.schemas import catalogue


@pytest.fixture
def dataset():
    """The committed croissant.json as mlcroissant reads it (what a user of `mlcroissant` gets), a
    fresh Dataset per test: mlcroissant 1.1.1 yields wrong records for a record set read after
    another that references it (preconditions, then events) from the same Dataset."""
    import mlcroissant as mlc

    return mlc.Dataset(str(project_root() / CROISSANT))


def committed() -> dict:
    return json.loads((project_root() / CROISSANT).read_text(encoding="utf-8"))


def test_mlcroissant_validates_it_without_errors_or_warnings(dataset):
    issues = dataset.metadata.ctx.issues
    assert (issues.errors, issues.warnings) == (set(), set())
    assert committed()["conformsTo"] == "http://mlcommons.org/croissant/1.1"


def _as_parquet(value, kind: str):
    """A value mlcroissant yields (text as bytes, a date as a pandas Timestamp, a missing integer as
    NaN) as pyarrow gives it for the catalogue type; a value of another type is an error."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if kind == "string":
        assert isinstance(value, (bytes, str)), value
        return value.decode("utf-8") if isinstance(value, bytes) else value
    if kind == "date":
        assert isinstance(value, datetime.datetime), value
        return value.date()
    if kind == "integer":
        assert isinstance(value, numbers.Real) and float(value).is_integer(), value
        return int(value)
    return value


@pytest.mark.parametrize("name", list(catalogue(project_root()).tables))
def test_every_table_loads_through_mlcroissant_with_the_parquet_rows(dataset, name):
    table = catalogue(project_root()).tables[name]
    expected = pq.read_table(project_root() / "tables" / f"{name}.parquet").to_pylist()
    loaded = [{f.name: _as_parquet(record[f"{name}/{f.name}"], f.type) for f in table.fields}
              for record in dataset.records(name)]
    assert len(loaded) == len(expected)
    assert loaded == expected
    dates = [v for row in expected for f in table.fields if f.type == "date" for v in [row[f.name]] if v]
    assert all(isinstance(v, datetime.date) for v in dates)


def test_each_published_file_is_a_file_object_with_its_sha256():
    root = project_root()
    files = {f["contentUrl"]: f for f in committed()["distribution"]}
    published = sorted(["datapackage.json"] + [p.relative_to(root).as_posix() for p in (root / "tables").iterdir()])
    assert sorted(files) == published
    for path, item in files.items():
        data = (root / path).read_bytes()
        assert item["@type"] == "cr:FileObject"
        assert item["sha256"] == hashlib.sha256(data).hexdigest(), path
        assert item["contentSize"] == f"{len(data)} B"
        assert item["encodingFormat"] == {"csv": "text/csv", "parquet": "application/x-parquet",
                                          "json": "application/json"}[path.rsplit(".", 1)[1]]


def test_each_catalogue_table_is_a_record_set_with_its_fields_key_and_references():
    record_sets = {r["@id"]: r for r in committed()["recordSet"]}
    cat = catalogue(project_root())
    assert sorted(record_sets) == sorted(cat.tables)
    types = {"string": "sc:Text", "integer": "sc:Integer", "date": "sc:Date", "boolean": "sc:Boolean", "number": "sc:Float"}
    for name, table in cat.tables.items():
        rs = record_sets[name]
        assert [f["name"] for f in rs["field"]] == table.field_names
        assert [f["dataType"] for f in rs["field"]] == [types[f.type] for f in table.fields]
        assert all(f["source"] == {"fileObject": {"@id": f"tables/{name}.parquet"}, "extract": {"column": f["name"]}}
                   for f in rs["field"])
        key = rs["key"] if isinstance(rs["key"], list) else [rs["key"]]
        assert key == [{"@id": f"{name}/{k}"} for k in table.primary_key]
        references = {f["name"]: f["references"]["field"]["@id"] for f in rs["field"] if "references" in f}
        assert references == {fk.fields[0]: f"{fk.resource}/{fk.reference_fields[0]}"
                              for fk in table.foreign_keys if fk.resource != name}


def test_it_names_no_person_address_or_identifier_the_project_does_not_state():
    described = committed()
    assert described["creator"] == [{"@type": "Organization", "name": "endofwar contributors"}]
    assert not {"url", "identifier", "sameAs", "publisher"} & set(described)
    assert "doi" not in json.dumps(described).lower()
