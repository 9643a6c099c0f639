"""Every controlled vocabulary value of the schemas is defined in the codebook."""

from __future__ import annotations

import re

from endofwar.paths import project_root
from endofwar.schemas import catalogue


def _section(text: str, name: str) -> str:
    """The codebook text from the first heading that names the vocabulary to the next heading of the same level."""
    match = re.search(rf"^(#+) .*`?{re.escape(name)}`?.*$", text, flags=re.M)
    assert match, f"docs/codebook.md has no heading for the vocabulary '{name}'"
    level = len(match.group(1))
    rest = text[match.end():]
    end = re.search(rf"^#{{1,{level}}} ", rest, flags=re.M)
    return rest[: end.start()] if end else rest


def test_every_vocabulary_value_is_defined_under_its_heading():
    text = (project_root() / "docs" / "codebook.md").read_text(encoding="utf-8")
    missing = []
    for name, values in catalogue().vocabularies.items():
        section = _section(text, name)
        missing += [f"{name}: {value}" for value in values if f"`{value}`" not in section]
    assert missing == [], "define these values in docs/codebook.md"


def test_the_codebook_lists_every_concept_as_annotations_concepts_yaml_defines_it():
    """The concept list under "## Concepts" is annotations/concepts.yaml for reading: same ids, in
    the same order, and the same definition, inclusions, exclusions and example."""
    import yaml

    root = project_root()
    concepts = yaml.safe_load((root / "annotations" / "concepts.yaml").read_text(encoding="utf-8"))["concepts"]
    text = (root / "docs" / "codebook.md").read_text(encoding="utf-8")
    section = text[text.index("\n## Concepts\n"):text.index("\n### Concepts that could be confused\n")]
    entries = re.split(r"^#### ", section, flags=re.M)[1:]
    assert [re.match(r"`([^`]+)`", e).group(1) for e in entries] == [c["concept_id"] for c in concepts]
    for concept, entry in zip(concepts, entries):
        flat = " ".join(entry.split())
        for expected in (f"`{concept['concept_id']}`: {concept['label']}", f"**{concept['definition']}**",
                         f"Counts: {concept['includes']}", f"Does not count: {concept['excludes']}",
                         f"`{concept['source_id']}` “{concept['evidence']}”"):
            assert " ".join(expected.split()) in flat, f"docs/codebook.md, concept {concept['concept_id']}: copy {expected!r}"
