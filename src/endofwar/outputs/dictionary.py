"""docs/data-dictionary.md, generated from schemas/catalogue.yaml so the docs never drift from the data.

Every table (description, keys, row checks), every field (type, required, constraints,
vocabulary, description), then every vocabulary with the fields that use it.
"""

from __future__ import annotations

from pathlib import Path

from endofwar.schemas import Catalogue, Field, Table, catalogue

DICTIONARY_PATH = "docs/data-dictionary.md"
HEADER = (
    "<!-- Generated from schemas/catalogue.yaml by endofwar.outputs.dictionary.data_dictionary: do not edit by hand.\n"
    "     Edit the catalogue, then regenerate (endofwar.outputs.citation.write_generated). -->"
)


def _code(text) -> str:
    """Inline code safe inside a Markdown table cell (a pipe would end the cell)."""
    return "`" + str(text).replace("|", "\\|") + "`"


def markdown_cell(text) -> str:
    """Text safe inside a Markdown table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _anchor(kind: str, name: str) -> str:
    """The id GitHub gives the heading '<kind> `name`' (lower case, spaces to '-', punctuation dropped)."""
    return f"{kind}-{name}".lower().replace(" ", "-")


def _codes(names) -> str:
    return ", ".join(_code(n) for n in names)


def _check_text(check: dict) -> str:
    """A row check of the catalogue in words."""
    if "span" in check:
        source, start, end, text = check["span"]
        return f"the raw text of {_code(source)} at [{_code(start)}, {_code(end)}) equals {_code(text)}"
    if "dates_match_precision" in check:
        start, end, precision = check["dates_match_precision"]
        return f"{_code(start)} ≤ {_code(end)}, and the bounds fit {_code(precision)}; or all three are empty (a date nothing states)"
    if "all_or_none" in check:
        return f"{_codes(check['all_or_none'])} are all set or all empty"
    if "cue_ends_attribution" in check:
        cue, attribution = check["cue_ends_attribution"]
        return (f"{_code(cue)} is whole words at the end of {_code(attribution)}, or at its start (an inverted cue) "
                "with no comma after it")
    for kind, words in (("exactly_one", "exactly one"), ("at_most_one", "at most one")):
        if kind in check:
            text = f"{words} of {_codes(check[kind])} is set"
            when = check.get("when") or {}
            conditions = [f"{_code(f)} is " + " or ".join(_code(v) for v in values) for f, values in when.items()]
            return (f"where {' and '.join(conditions)}: " if conditions else "") + text
    return _code(check)


def _constraints(f: Field) -> str:
    parts = []
    if f.vocabulary:
        link = f"[{_code(f.vocabulary)}](#{_anchor('vocabulary', f.vocabulary)})"
        parts.append(f"vocabulary {link}: {_codes(f.enum)}")
    elif f.enum:
        parts.append("one of " + _codes(f.enum))
    if f.pattern:
        parts.append(f"pattern {_code(f.pattern)}")
    if f.minimum is not None:
        parts.append(f"minimum {f.minimum}")
    if f.format:
        parts.append(f"format {_code(f.format)}")
    if f.iso3166:
        parts.append("an ISO 3166-1 alpha-3 code that exists")
    return "; ".join(parts)


def _table_section(table: Table) -> list[str]:
    lines = [f"## Table `{table.name}`", "", f"**{table.title}.** {table.description}", "",
             f"- File: `tables/{table.name}.csv`, `tables/{table.name}.parquet`",
             f"- Primary key: {_codes(table.primary_key)}"]
    for fk in table.foreign_keys:
        target = f"[{_code(fk.resource)}](#{_anchor('table', fk.resource)})"
        lines.append(f"- Foreign key: {_codes(fk.fields)} → {target} ({_codes(fk.reference_fields)})")
    for check in table.checks:
        lines.append(f"- Row check: {_check_text(check)}")
    lines += ["", "| field | type | required | constraints | description |", "|---|---|---|---|---|"]
    for f in table.fields:
        lines.append(f"| {_code(f.name)} | {f.type} | {'yes' if f.required else 'no'} | "
                     f"{_constraints(f)} | {markdown_cell(f.description)} |")
    return lines + [""]


def _users(cat: Catalogue, vocabulary: str) -> list[str]:
    return [f"{t.name}.{f.name}" for t in cat.tables.values() for f in t.fields if f.vocabulary == vocabulary]


def _vocabulary_section(cat: Catalogue) -> list[str]:
    lines = ["## Vocabularies", "",
             "Controlled values, defined once in the catalogue; docs/codebook.md explains when to use each.", ""]
    for name, values in cat.vocabularies.items():
        lines += [f"### Vocabulary `{name}`", "", f"- Values: {_codes(values)}",
                  f"- Used by: {_codes(_users(cat, name)) or 'no field'}", ""]
    return lines


def data_dictionary(root: Path | None = None) -> str:
    """The text of docs/data-dictionary.md for the catalogue under `root`."""
    cat = catalogue(root)
    lines = [HEADER, "", "# Data dictionary", "",
             f"{cat.package['title']}. One section per table of the package, then the vocabularies.",
             "Missing values are empty cells in the CSV files and nulls in the Parquet files.", "",
             "| table | one row per | primary key |", "|---|---|---|"]
    for t in cat.tables.values():
        lines.append(f"| [{_code(t.name)}](#{_anchor('table', t.name)}) | {markdown_cell(t.description)} | {_codes(t.primary_key)} |")
    lines.append("")
    for t in cat.tables.values():
        lines += _table_section(t)
    lines += _vocabulary_section(cat)
    return "\n".join(lines).rstrip("\n") + "\n"
