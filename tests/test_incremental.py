"""Incremental builds: an edit recomputes only the sources it touches, and changes no byte."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import clean_build, edit_text, snapshot

import endofwar.build.incremental as incremental
from endofwar.build.publish import build
from endofwar.inputs.synthetic import generate


def _count_computations(monkeypatch) -> list:
    computed = []
    original = incremental._compute

    def counting(job):
        computed.append(job[1].source_id)
        return original(job)

    monkeypatch.setattr(incremental, "_compute", counting)
    monkeypatch.setattr(incremental.os, "cpu_count", lambda: 1)  # one core: counted in this process
    return computed


def test_edit_recomputes_one_source_and_equals_aclean_build(tmp_path, monkeypatch):
    corpus = generate(12, tmp_path / "corpus", seed=3)
    build(corpus)
    computed = _count_computations(monkeypatch)

    build(corpus)
    assert computed == []           # nothing changed, everything from the cache

    edit_text(corpus, "synthetic-3-000005")
    build(corpus, allow_drop=True)
    assert computed == ["synthetic-3-000005"]

    assert snapshot(clean_build(corpus, tmp_path / "clean")) == snapshot(corpus)


def test_registry_change_invalidates_drafts_only(repo, monkeypatch):
    build(repo)
    computed = _count_computations(monkeypatch)
    registry = repo / "annotations" / "registry.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    build(repo)
    drafted = {p.stem for p in (repo / "raw").glob("*.txt")} - {p.stem for p in (repo / "annotations").glob("*.yaml")}
    assert sorted(computed) == sorted(drafted)  # the registry is an input of drafts, not of reviewed sources


def test_incremental_build_still_rejects_a_bad_row_of_the_changed_source(tmp_path):
    """After a validated build, only the changed source's rows go through the row layers; a
    rule they break (a statement with no speaker) still fails the build at the YAML line."""
    import pytest
    import yaml

    from endofwar.errors import ValidationFailed
    from endofwar.extraction import draft_annotation

    corpus = generate(12, tmp_path / "corpus", seed=3)
    build(corpus)
    before = snapshot(corpus)
    source_id = "synthetic-3-000004"
    draft = draft_annotation((corpus / "raw" / f"{source_id}.txt").read_text(encoding="utf-8"), source_id)
    statement = next(q for q in draft["quotes"] if q["quote_kind"] == "statement")
    statement["speaker_expert_id"] = None
    annotation = corpus / "annotations" / f"{source_id}.yaml"
    annotation.write_text(yaml.safe_dump(draft, allow_unicode=True, sort_keys=False), encoding="utf-8")

    with pytest.raises(ValidationFailed) as failure:
        build(corpus)
    message = str(failure.value)
    assert f"annotations/{source_id}.yaml:" in message and "speaker_expert_id" in message
    assert snapshot(corpus) == before


def _describe_without(corpus, source_id: str) -> None:
    """Remove a source the way a maintainer would: its text and its entry in sources.yaml."""
    import yaml

    sources = corpus / "raw" / "sources.yaml"
    doc = yaml.safe_load(sources.read_text(encoding="utf-8"))
    doc["sources"] = [s for s in doc["sources"] if s["source_id"] != source_id]
    sources.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (corpus / "raw" / f"{source_id}.txt").unlink()


def test_removed_source_leaves_no_rows_and_equals_aclean_build(tmp_path, monkeypatch):
    corpus = generate(12, tmp_path / "corpus", seed=4)
    build(corpus)
    computed = _count_computations(monkeypatch)
    _describe_without(corpus, "synthetic-4-000007")
    build(corpus, allow_drop=True)
    assert computed == []           # the other sources' rows all come from the cache
    assert snapshot(clean_build(corpus, tmp_path / "clean")) == snapshot(corpus)
    assert b"synthetic-4-000007" not in snapshot(corpus)["tables/quotes.csv"]


def test_damaged_cache_is_recomputed_not_trusted(tmp_path, monkeypatch):
    corpus = generate(6, tmp_path / "corpus", seed=5)
    build(corpus)
    before = snapshot(corpus)
    cached = corpus / incremental.CACHE_DIR / "quotes.arrow"
    cached.write_bytes(cached.read_bytes()[:100])
    computed = _count_computations(monkeypatch)
    build(corpus)
    assert len(computed) == 6
    assert snapshot(corpus) == before


def test_small_rebuild_checks_rows_without_pandera(tmp_path):
    """After one edit, the changed rows go through the Arrow twin of the Pandera model
    (tests/test_rules.py proves they agree): a rebuild never pays for importing Pandera."""
    corpus = generate(12, tmp_path / "corpus", seed=6)
    build(corpus)
    annotation = corpus / "annotations" / "synthetic-6-000003.yaml"
    import yaml

    from endofwar.extraction import draft_annotation

    draft = draft_annotation((corpus / "raw" / "synthetic-6-000003.txt").read_text(encoding="utf-8"), "synthetic-6-000003")
    annotation.write_text(yaml.safe_dump(draft, allow_unicode=True, sort_keys=False), encoding="utf-8")
    probe = ("import sys; from pathlib import Path; from endofwar.build.publish import build; "
             f"build(Path({str(corpus)!r})); print('pandera' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False"]


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the drafting worker needs a second core")
def test_small_rebuild_drafts_in_the_worker_and_equals_aclean_build(tmp_path):
    """After one raw text is edited, its draft is made by the worker process that imported the
    extractor while the sources were read: the build process itself never imports it."""
    corpus = generate(12, tmp_path / "corpus", seed=7)
    build(corpus)
    edit_text(corpus, "synthetic-7-000004")
    probe = ("import sys; from pathlib import Path; from endofwar.build.publish import build; "
             f"build(Path({str(corpus)!r}), allow_drop=True); print('endofwar.extraction' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False"]
    assert snapshot(clean_build(corpus, tmp_path / "clean")) == snapshot(corpus)


KILLED_WITH_A_WORKER = """
import os
from endofwar.build.incremental import _processes

if __name__ == "__main__":   # the worker is spawned: it re-imports this file
    pool = _processes(1)
    print(pool.submit(os.getpid).result(), flush=True)
    os._exit(9)              # killed mid-build: no cleanup, the pool is never shut down
"""


def test_a_killed_build_leaves_no_worker_holding_its_output(tmp_path):
    """A build's worker processes end by themselves when the build dies: otherwise they wait for
    work forever and hold its stdout open, so whoever reads it (a script, CI) waits forever too."""
    script = tmp_path / "killed.py"
    script.write_text(KILLED_WITH_A_WORKER, encoding="utf-8")
    try:
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired as stuck:
        os.kill(int(stuck.stdout), 9)   # the orphaned worker, so that the failing test leaves none behind
        pytest.fail("the killed build's worker kept its stdout open for 60 s")
    assert done.returncode == 9 and done.stdout.strip().isdigit()
