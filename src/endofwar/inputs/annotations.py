"""Reviewed codings (annotations/*.yaml) turned into table rows, evidence resolved to offsets.

Nobody types offsets: each coded row quotes its evidence, and this module finds it in the
raw text, failing with file, line and field when it is missing or ambiguous. A source
without an annotation file is coded by the extractor's draft instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from endofwar.errors import EndofwarError
from endofwar.inputs.entries import check_entry
from endofwar.inputs.event_dates import DERIVED_DATE
from endofwar.inputs.sources import SOURCES_FILE, Source
from endofwar.schemas import Catalogue, catalogue
from endofwar.yamlio import Located, load_yaml

REGISTRY_FILE = "annotations/registry.yaml"
CONCEPTS_FILE = "annotations/concepts.yaml"
ENTITY_SECTIONS = ("experts", "institutions", "events")
ENTITY_ID = {"experts": "expert_id", "institutions": "institution_id", "events": "event_id"}
CODED_SECTIONS = ("mentions", "affiliations", "quotes", "preconditions", "event_sources", "event_actors", "claims")
SPAN_COMPUTED = ("source_id", "char_start", "char_end", "coding_status")
TOP_KEYS = {"source_id", "coding_status", "precondition_candidates", *ENTITY_SECTIONS, *CODED_SECTIONS}


@dataclass
class Row:
    """A table row and where it was written, for error messages."""

    table: str
    values: dict
    file: str
    line: int | None


def text_field(table) -> str:
    """The field that holds a row's evidence text ('text' for quotes, 'evidence' elsewhere)."""
    for check in table.checks:
        if "span" in check:
            return check["span"][3]
    raise KeyError(table.name)


def _normalised(s: str) -> str:
    s = s.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " "}))
    return re.sub(r"\s+", " ", s)


def resolve(text: str, evidence: str, occurrence: int | None, *, file: str, line, key: str = "evidence") -> tuple[int, int]:
    """The [start, end) offsets of the occurrence-th appearance of `evidence` in `text`."""
    starts, i = [], text.find(evidence)
    while i != -1:
        starts.append(i)
        i = text.find(evidence, i + 1)
    if not starts:
        hint = "copy it exactly from the raw text"
        if _normalised(evidence) in _normalised(text):
            hint = "it matches only if quotation marks or spaces are normalised: copy the exact characters (curly quotes, non-breaking spaces) from the raw text"
        raise EndofwarError(f"{key} not found in the source text: {evidence!r}", file=file, line=line, field=key, fix=hint)
    if occurrence is None:
        if len(starts) > 1:
            raise EndofwarError(
                f"{key} is ambiguous: {evidence!r} occurs {len(starts)} times", file=file, line=line, field=key,
                fix=f"add 'occurrence: N' (1 to {len(starts)}) or quote a longer, unique passage",
            )
        occurrence = 1
    if not isinstance(occurrence, int) or isinstance(occurrence, bool) or not 1 <= occurrence <= len(starts):
        raise EndofwarError(
            f"occurrence {occurrence!r} is out of range: {evidence!r} occurs {len(starts)} time(s)",
            file=file, line=line, field="occurrence", fix=f"use a number from 1 to {len(starts)}",
        )
    start = starts[occurrence - 1]
    return start, start + len(evidence)


def _line(entry, key=None):
    if isinstance(entry, Located):
        return entry.line_of(key) if key else entry.line
    return None


def entity_rows(doc, file: str, status: str, cat: Catalogue) -> list[Row]:
    """Registry-style entries (experts, institutions, events) as rows."""
    rows = []
    for section in ENTITY_SECTIONS:
        entries = doc.get(section) or []
        if not isinstance(entries, list):
            raise EndofwarError(f"'{section}' must be a list", file=file, line=_line(doc, section), field=section)
        table = cat.table(section)
        optional = DERIVED_DATE if section == "events" else ()
        for entry in entries:
            check_entry(entry, table, file=file, what=section[:-1], computed=("coding_status",), extra=("aliases",),
                        optional=optional)
            values = {f: entry.get(f) for f in table.field_names}
            values["coding_status"] = status
            rows.append(Row(section, values, file, _line(entry)))
    return rows


def _coded_rows(doc, file: str, source: Source, status: str, cat: Catalogue) -> list[Row]:
    """Evidence-anchored entries of one source as rows with resolved offsets."""
    rows = []
    for section in CODED_SECTIONS:
        entries = doc.get(section) or []
        if not isinstance(entries, list):
            raise EndofwarError(f"'{section}' must be a list", file=file, line=_line(doc, section), field=section)
        table = cat.table(section)
        evidence_field = text_field(table)
        for entry in entries:
            check_entry(
                entry, table, file=file, what=section.rstrip("s").replace("_source", " mention"),
                computed=(*SPAN_COMPUTED, evidence_field), extra=("evidence", "occurrence"),
                required_extra=("evidence",),
            )
            evidence = entry["evidence"]
            if not isinstance(evidence, str):
                raise EndofwarError("evidence must be text", file=file, line=_line(entry, "evidence"), field="evidence")
            start, end = resolve(source.text, evidence, entry.get("occurrence"), file=file, line=_line(entry, "evidence"))
            for f in table.fields:
                wording = entry.get(f.name) if f.in_source else None
                if isinstance(wording, str) and wording and wording not in source.text:
                    raise EndofwarError(
                        f"{f.name} not found in the source text: {wording!r}", file=file,
                        line=_line(entry, f.name), field=f.name, fix="copy it exactly from the raw text",
                    )
            values = {f.name: False if f.type == "boolean" and entry.get(f.name) is None else entry.get(f.name)
                      for f in table.fields}  # a flag left out is false
            values.update(source_id=source.source_id, char_start=start, char_end=end, coding_status=status)
            values[evidence_field] = evidence
            rows.append(Row(section, values, file, _line(entry)))
    return rows


def _check_annotation_doc(doc, file: str, source_id: str, cat: Catalogue) -> str:
    """Top-level shape of an annotation file; returns its coding_status."""
    if not isinstance(doc, dict):
        raise EndofwarError("expected a mapping with source_id, coding_status and sections", file=file)
    for key in doc:
        if key not in TOP_KEYS:
            raise EndofwarError(
                "unknown top-level key", file=file, line=_line(doc, key), field=key,
                fix=f"allowed keys: {', '.join(sorted(TOP_KEYS))}",
            )
    if doc.get("source_id") != source_id:
        raise EndofwarError(
            f"source_id is {doc.get('source_id')!r} but the file is for '{source_id}'", file=file,
            line=_line(doc, "source_id"), field="source_id", fix=f"write 'source_id: {source_id}'",
        )
    status = doc.get("coding_status")
    allowed = cat.vocabularies["coding_status"]
    if status not in allowed:
        raise EndofwarError(
            f"coding_status {status!r} is not one of {allowed}", file=file,
            line=_line(doc, "coding_status"), field="coding_status",
        )
    return status


def _draft(source: Source, registry, concepts: list | None = None) -> dict:
    """The extractor's draft coding for a source that has no annotation file."""
    from endofwar.extraction import draft_annotation
    from endofwar.extraction.pipeline import voice_of

    published = source.meta["published_start"] if source.meta.get("published_precision") == "day" else None
    return draft_annotation(source.text, source.source_id, registry=registry, published=published,
                            concepts=concepts, voice=voice_of(source.meta))


def load_concepts(root: Path) -> list:
    """The entries of annotations/concepts.yaml (the extractor drafts claims from their cues)."""
    path = root / CONCEPTS_FILE
    doc = load_yaml(path, CONCEPTS_FILE) if path.exists() else None
    return list(doc.get("concepts") or []) if isinstance(doc, dict) else []


def load_registry(root: Path):
    path = root / REGISTRY_FILE
    if not path.exists():
        return {}
    doc = load_yaml(path, REGISTRY_FILE)
    if doc is None:
        return {}
    if not isinstance(doc, dict) or set(doc) - set(ENTITY_SECTIONS):
        raise EndofwarError(
            f"expected only the sections {', '.join(ENTITY_SECTIONS)}", file=REGISTRY_FILE,
            line=_line(doc), fix="move coded rows into annotations/<source_id>.yaml",
        )
    return doc


def source_rows(root: Path, source: Source, registry) -> list[Row]:
    """The rows one source contributes: its row of the sources table (from raw/sources.yaml), then
    those of its reviewed annotation file, or of the extractor's draft."""
    cat = catalogue(root)
    path = root / "annotations" / f"{source.source_id}.yaml"
    if path.exists():
        file = f"annotations/{path.name}"
        doc = load_yaml(path, file)
    else:
        file = f"extractor draft of {source.meta['raw_path']}"
        doc = _draft(source, registry, load_concepts(root))
    status = _check_annotation_doc(doc, file, source.source_id, cat)
    # No line: the entry's line moves when entries above it change, and this row is cached by
    # the source's own inputs. The source id finds the entry as surely.
    own = Row("sources", source.meta, f"{SOURCES_FILE} (source {source.source_id})", None)
    return [own, *entity_rows(doc, file, status, cat), *_coded_rows(doc, file, source, status, cat)]


def concept_rows(root: Path, sources: dict, cat: Catalogue) -> list[Row]:
    """annotations/concepts.yaml as rows of the concepts table, each example resolved to its
    offsets in the source it quotes (sources: source_id -> Source)."""
    path = root / CONCEPTS_FILE
    if not path.exists():
        return []
    doc = load_yaml(path, CONCEPTS_FILE)
    if doc is None:
        return []
    if not isinstance(doc, dict) or set(doc) != {"concepts"} or not isinstance(doc["concepts"], list):
        raise EndofwarError("expected one section, 'concepts:', a list of concepts", file=CONCEPTS_FILE, line=_line(doc))
    table = cat.table("concepts")
    rows = []
    for entry in doc["concepts"]:
        check_entry(entry, table, file=CONCEPTS_FILE, what="concept", computed=("char_start", "char_end", "evidence"),
                    extra=("evidence", "occurrence", "draft_cues"), required_extra=("evidence",))
        source = sources.get(entry["source_id"])
        if source is None:
            raise EndofwarError(f"no source '{entry['source_id']}'", file=CONCEPTS_FILE, line=_line(entry, "source_id"),
                                field="source_id", fix="give the source_id of a text described in raw/sources.yaml")
        if not isinstance(entry["evidence"], str):
            raise EndofwarError("evidence must be text", file=CONCEPTS_FILE, line=_line(entry, "evidence"), field="evidence")
        start, end = resolve(source.text, entry["evidence"], entry.get("occurrence"), file=CONCEPTS_FILE,
                             line=_line(entry, "evidence"))
        values = {f: entry.get(f) for f in table.field_names}
        values.update(char_start=start, char_end=end)
        rows.append(Row("concepts", values, CONCEPTS_FILE, _line(entry)))
    return rows


def check_annotation_files(root: Path, sources: list[Source]) -> None:
    """Every annotation file belongs to a described source (besides the registry and the concepts)."""
    known = {s.source_id for s in sources}
    shared = {Path(REGISTRY_FILE).name, Path(CONCEPTS_FILE).name}
    for path in sorted((root / "annotations").glob("*.yaml")):
        if path.name not in shared and path.stem not in known:
            raise EndofwarError(
                f"annotation file for unknown source '{path.stem}'", file=f"annotations/{path.name}",
                fix="describe the source in raw/sources.yaml or rename the file to <source_id>.yaml",
            )
