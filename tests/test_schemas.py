"""One source of truth: the catalogue generates the schema files; every field is documented."""

from __future__ import annotations

from endofwar.schemas import catalogue, stale_schema_files


def test_schema_files_are_generated_from_the_catalogue():
    assert stale_schema_files() == [], "run `endofwar schemas`"


def test_every_field_has_a_description_and_every_table_a_primary_key():
    for table in catalogue().tables.values():
        assert table.primary_key
        for f in table.fields:
            assert f.description.strip(), f"{table.name}.{f.name}"


def test_parquet_columns_carry_their_descriptions(built):
    import pyarrow.parquet as pq

    schema = pq.read_schema(built / "tables" / "quotes.parquet")
    assert schema.field("quote_kind").metadata[b"description"].startswith(b"statement")
