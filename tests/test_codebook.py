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
