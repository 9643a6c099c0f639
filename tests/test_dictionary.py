"""docs/data-dictionary.md is generated from the catalogue and documents every table, field and value."""

from __future__ import annotations

from endofwar.outputs.dictionary import DICTIONARY_PATH, data_dictionary
from endofwar.paths import project_root
from endofwar.schemas import catalogue


def test_data_dictionary_is_generated():
    committed = (project_root() / DICTIONARY_PATH).read_text(encoding="utf-8")
    assert committed == data_dictionary(), "docs/data-dictionary.md is out of date: run endofwar.outputs.citation.write_generated()"


def test_every_table_field_key_and_vocabulary_value_is_documented():
    text = data_dictionary()
    cat = catalogue()
    for table in cat.tables.values():
        assert f"## Table `{table.name}`" in text
        assert table.description in text
        assert "- Primary key: " + ", ".join(f"`{k}`" for k in table.primary_key) in text
        for fk in table.foreign_keys:
            assert f"(#table-{fk.resource})" in text
        for f in table.fields:
            assert f"| `{f.name}` | {f.type} | {'yes' if f.required else 'no'} |" in text
    for name, values in cat.vocabularies.items():
        assert f"### Vocabulary `{name}`" in text
        assert "- Values: " + ", ".join(f"`{v}`" for v in values) in text


def test_row_checks_are_spelled_out():
    text = data_dictionary()
    assert "Row check: where `quote_kind` is `statement` or `partial` or `indirect`: exactly one of `speaker_expert_id`, " in text
    assert "Row check: the raw text of `source_id` at [`char_start`, `char_end`) equals `text`" in text
    assert "Row check: `date_start` ≤ `date_end`, and the bounds fit `date_precision`" in text


def test_every_link_points_to_a_heading():
    import re

    text = data_dictionary()
    headings = {h.lower().replace("`", "").replace(" ", "-") for h in re.findall(r"^#+ (.+)$", text, re.M)}
    for target in re.findall(r"\]\(#([^)]+)\)", text):
        assert target in headings, target
