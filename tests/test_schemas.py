"""One source of truth: the catalogue generates the schema files and agrees with the version."""

from __future__ import annotations

import json
from importlib.metadata import version

import endofwar
from endofwar.paths import project_root
from endofwar.schemas import catalogue, stale_schema_files


def test_schema_files_are_generated_from_the_catalogue():
    assert stale_schema_files() == [], "run `endofwar schemas`"


def test_every_field_has_a_description_and_every_table_a_primary_key():
    for table in catalogue().tables.values():
        assert table.primary_key
        for f in table.fields:
            assert f.description.strip(), f"{table.name}.{f.name}"


def test_version_is_the_same_everywhere():
    descriptor = json.loads((project_root() / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == endofwar.__version__ == version("endofwar")


def test_parquet_columns_carry_their_descriptions(built):
    import pyarrow.parquet as pq

    schema = pq.read_schema(built / "tables" / "quotes.parquet")
    assert schema.field("quote_kind").metadata[b"description"].startswith(b"statement")
