"""First-contact drafts: what the extractor made of a source before anyone reviewed it.

A new source is drafted once, before its review and before the extractor is changed in the
light of it, and the draft is committed under evaluation/first-contact/<source_id>.yaml with
the toolkit commit that produced it. New kinds of rows for sources already coded (reported
speech, claims) get their own batch beside it, evaluation/first-contact/<kinds>/<source_id>.yaml,
drafted before anyone codes them and scored on them only. Scored later against the reviewed coding
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
                  toolkit_commit: str, concepts: list | None = None, voice: dict | None = None) -> dict:
    """The document for one source: provenance, the scored record and the coder's draft."""
    return {
        "source_id": source_id,
        "toolkit_commit": toolkit_commit,
        "published": published.isoformat() if published else None,
        "registry_as_gazetteer": registry is not None,
        "record": extract(text, published, registry, concepts=concepts, voice=voice),
        "draft": draft_annotation(text, source_id, registry=registry, published=published, concepts=concepts,
                                  voice=voice),
    }


def write_new(path: Path, document: dict) -> None:
    """Create the file; an existing first-contact draft is never replaced."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as f:
        f.write(HEADER + to_yaml(document))


# Drafts of new kinds of rows for sources already coded, each kind's batch in its own folder
# beside the drafts of new sources: made before anyone codes those rows, scored on them only.
NEW_KINDS = {"reported-speech-and-claims": "reported speech (quotes of kind indirect) and claims"}


def draft_path(root: Path, source_id: str, kinds: str | None = None) -> Path:
    """Where a source's first-contact draft is (``kinds``: of a NEW_KINDS batch)."""
    return root / FIRST_CONTACT_DIR / (kinds or "") / f"{source_id}.yaml"


def _documents(root: Path, kinds: str | None):
    for path in sorted((root / FIRST_CONTACT_DIR / (kinds or "")).glob("*.yaml")):
        yield yaml.safe_load(path.read_text(encoding="utf-8"))


def load_records(root: Path, kinds: str | None = None) -> dict[str, dict]:
    """source_id -> the stored extraction record of every first-contact draft under root (of a
    NEW_KINDS batch, with ``kinds``)."""
    return {doc["source_id"]: doc["record"] for doc in _documents(root, kinds)}


BATCHES = Path("evaluation") / "batches.yaml"


def batch_of(root: Path, kinds: str | None = None):
    """A function from a source id to the name of its batch (evaluation/batches.yaml): the batch
    of the commit that drafted its first contact (of a NEW_KINDS batch, with ``kinds``), or of
    `commit: null` when it has no draft."""
    path = root / BATCHES
    by_commit = {}
    if path.exists():
        by_commit = {(str(b["commit"])[:7] if b.get("commit") else ""): b["name"]
                     for b in yaml.safe_load(path.read_text(encoding="utf-8"))["batches"] if b.get("kinds") == kinds}
    commits = drafting_commits(root, kinds)
    return lambda source_id: by_commit.get(commits.get(source_id, "")[:7], "unbatched")


def drafting_commits(root: Path, kinds: str | None = None) -> dict[str, str]:
    """source_id -> the toolkit commit that made its first-contact draft (a batch's identity)."""
    return {doc["source_id"]: str(doc["toolkit_commit"]) for doc in _documents(root, kinds)}
