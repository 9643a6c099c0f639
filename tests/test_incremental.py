"""Incremental builds: an edit recomputes only the sources it touches, and changes no byte."""

from __future__ import annotations

import shutil

import endofwar.incremental as incremental
from conftest import snapshot
from endofwar.publish import build
from endofwar.synth import generate


def _count_computations(monkeypatch) -> list:
    computed = []
    original = incremental._compute

    def counting(job):
        computed.append(job[1].source_id)
        return original(job)

    monkeypatch.setattr(incremental, "_compute", counting)
    monkeypatch.setattr(incremental, "PARALLEL_FROM", 10**9)  # count in this process
    return computed


def test_edit_recomputes_one_source_and_equals_a_clean_build(tmp_path, monkeypatch):
    corpus = generate(12, tmp_path / "corpus", seed=3)
    build(corpus)
    computed = _count_computations(monkeypatch)

    build(corpus)
    assert computed == []           # nothing changed, everything from the cache

    raw = corpus / "raw" / "synthetic-3-000005.txt"
    text = raw.read_text(encoding="utf-8")
    edited = text.replace("experts say", "experts said", 1)
    raw.write_text(edited, encoding="utf-8")
    sources = corpus / "raw" / "sources.yaml"
    import hashlib
    sources.write_text(sources.read_text(encoding="utf-8").replace(
        hashlib.sha256(text.encode()).hexdigest(), hashlib.sha256(edited.encode()).hexdigest()), encoding="utf-8")
    build(corpus, allow_drop=True)
    assert computed == ["synthetic-3-000005"]

    clean = tmp_path / "clean"
    shutil.copytree(corpus, clean, ignore=shutil.ignore_patterns(".cache", "tables", "datapackage.json"))
    build(clean)
    assert snapshot(clean) == snapshot(corpus)


def test_registry_change_invalidates_drafts_only(repo, monkeypatch):
    build(repo)
    computed = _count_computations(monkeypatch)
    registry = repo / "annotations" / "registry.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    build(repo)
    assert computed == []           # both sources are reviewed: the registry is not their input
