"""First-contact drafts: what the extractor made of a source before anyone reviewed it.

A new source is drafted once, before its review and before the extractor is changed in the
light of it, and the draft is committed under evaluation/first-contact/<source_id>.yaml with
the toolkit commit that produced it. Scored later against the reviewed coding
(`endofwar evaluate --first-contact`), these drafts are the extractor's honest out-of-sample
record: a draft is never regenerated, so the file is created once and never overwritten.

Each file holds the extraction record that scoring reads (`record`: quotes, persons,
institutions, dates with their offsets, as `endofwar.extract` returns it) and the annotation
draft a coder corrects (`draft`, as `endofwar extract` prints it), from the same code and registry.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from .draft import draft_annotation
from .pipeline import extract
from .serialize import to_yaml

FIRST_CONTACT_DIR = Path("evaluation") / "first-contact"
HEADER = (
    "# First-contact draft: the extractor's output on this source before anyone reviewed it or\n"
    "# changed the extractor for it (`endofwar first-contact`). Never edit or regenerate this file:\n"
    "# `endofwar evaluate --first-contact` scores it against the reviewed coding.\n"
)


def first_contact(text: str, source_id: str, published: date | None, registry: dict | None,
                  toolkit_commit: str) -> dict:
    """The document for one source: provenance, the scored record and the coder's draft."""
    return {
        "source_id": source_id,
        "toolkit_commit": toolkit_commit,
        "published": published.isoformat() if published else None,
        "registry_as_gazetteer": registry is not None,
        "record": extract(text, published, registry),
        "draft": draft_annotation(text, source_id, registry=registry, published=published),
    }


def write_new(path: Path, document: dict) -> None:
    """Create the file; an existing first-contact draft is never replaced."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as f:
        f.write(HEADER + to_yaml(document))


def load_records(root: Path) -> dict[str, dict]:
    """source_id -> the stored extraction record of every first-contact draft under root."""
    records = {}
    for path in sorted((root / FIRST_CONTACT_DIR).glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        records[doc["source_id"]] = doc["record"]
    return records


BATCHES = Path("evaluation") / "batches.yaml"


def batch_of(root: Path):
    """A function from a source id to the name of its batch (evaluation/batches.yaml): the batch
    of the commit that drafted its first contact, or of `commit: null` when it has no draft."""
    path = root / BATCHES
    by_commit = {}
    if path.exists():
        by_commit = {(str(b["commit"])[:7] if b.get("commit") else ""): b["name"]
                     for b in yaml.safe_load(path.read_text(encoding="utf-8"))["batches"]}
    commits = drafting_commits(root)
    return lambda source_id: by_commit.get(commits.get(source_id, "")[:7], "unbatched")


def drafting_commits(root: Path) -> dict[str, str]:
    """source_id -> the toolkit commit that made its first-contact draft (a batch's identity)."""
    commits = {}
    for path in sorted((root / FIRST_CONTACT_DIR).glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        commits[doc["source_id"]] = str(doc["toolkit_commit"])
    return commits
