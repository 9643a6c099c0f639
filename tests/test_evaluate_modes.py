"""The three honest scores: in-sample, leave-one-source-out and first-contact.

Each is checked on the seed source korea-herald-end-of-war-rainbow (reviewed by hand), with
expectations reasoned from what the mode feeds the scorer, not copied from its output.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
import yaml

from endofwar.extraction import extract
from endofwar.extraction.evaluate import _introduced_only_by, _without, evaluate
from endofwar.extraction.first_contact import FIRST_CONTACT_DIR, NEW_KINDS, draft_path, first_contact, load_records, write_new

SEED = "korea-herald-end-of-war-rainbow"


@pytest.fixture
def scored(built, tmp_path):
    """A built copy that only holds the seeds' reviewed rows plus what first-contact needs."""
    root = tmp_path / "repo"
    shutil.copytree(built, root, ignore=shutil.ignore_patterns(".cache"))
    shutil.rmtree(root / FIRST_CONTACT_DIR, ignore_errors=True)
    return root


def seed_text(root) -> str:
    return (root / "raw" / f"{SEED}.txt").read_text(encoding="utf-8")


def registry(root) -> dict:
    return yaml.safe_load((root / "annotations" / "registry.yaml").read_text(encoding="utf-8"))


def test_a_first_contact_draft_is_written_once(scored):
    doc = first_contact(seed_text(scored), SEED, dt.date(2021, 12, 23), registry(scored), "0" * 40)
    path = scored / FIRST_CONTACT_DIR / f"{SEED}.yaml"
    write_new(path, doc)
    with pytest.raises(FileExistsError):
        write_new(path, doc)
    stored = load_records(scored)[SEED]
    assert stored == extract(seed_text(scored), dt.date(2021, 12, 23), registry(scored))
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["toolkit_commit"] == "0" * 40


def test_first_contact_scores_the_stored_draft_not_a_fresh_run(scored):
    """A stored draft with one statement's speaker removed scores exactly one statement lower
    than the in-sample run, which extracts afresh."""
    doc = first_contact(seed_text(scored), SEED, dt.date(2021, 12, 23), registry(scored), "0" * 40)
    statement = next(q for q in doc["record"]["quotes"] if q["quote_kind"] == "statement")
    statement["speaker"] = statement["speaker_id"] = None
    write_new(scored / FIRST_CONTACT_DIR / f"{SEED}.yaml", doc)

    fresh = evaluate(scored, mode="in-sample")["sources"][SEED]["speaker_statements"]
    stored = evaluate(scored, mode="first-contact")
    assert list(stored["sources"]) == [SEED]  # only sources with a draft are scored
    first = stored["sources"][SEED]["speaker_statements"]
    assert (first["n"], first["correct"]) == (fresh["n"], fresh["correct"] - 1)
    assert stored["by_outlet_kind"]["korean_press"]["speaker_statements"]["correct"] == first["correct"]
    assert stored["by_drafting_commit"]["0000000"]["sources"] == [SEED]   # a batch is the commit that drafted it


def test_a_new_kinds_batch_lists_the_sources_it_scored(scored):
    """The README's column for new kinds of rows names how many sources its drafts cover: a
    source scored there belongs to it, though the source itself is in another batch."""
    (kinds,) = NEW_KINDS
    (scored / "evaluation").mkdir(exist_ok=True)
    (scored / "evaluation" / "batches.yaml").write_text(yaml.safe_dump({"batches": [
        {"name": "tuned", "commit": None},
        {"name": "new-kinds", "commit": "1" * 40, "kinds": kinds}]}), encoding="utf-8")
    doc = first_contact(seed_text(scored), SEED, dt.date(2021, 12, 23), registry(scored), "1" * 40)
    write_new(draft_path(scored, SEED, kinds), doc)
    report = evaluate(scored, mode="first-contact")
    assert report["by_batch"]["new-kinds"]["sources"] == [SEED]


def test_leave_one_out_drops_only_what_one_source_introduces():
    rows = [
        {"source_id": "a", "expert_id": "moon-jae-in", "institution_id": None},
        {"source_id": "b", "expert_id": "moon-jae-in", "institution_id": None},
        {"source_id": "a", "expert_id": "harry-harris", "institution_id": None},
        {"source_id": "b", "expert_id": None, "institution_id": "kcna"},
    ]
    only = _introduced_only_by(rows, ("expert_id", "institution_id"))
    assert only == {"a": {"harry-harris"}, "b": {"kcna"}}
    reg = {"experts": [{"expert_id": "moon-jae-in"}, {"expert_id": "harry-harris"}],
           "institutions": [{"institution_id": "kcna"}], "events": []}
    assert _without(reg, only["a"]) == {"experts": [{"expert_id": "moon-jae-in"}],
                                        "institutions": [{"institution_id": "kcna"}], "events": []}


def test_leave_one_out_extracts_without_the_sources_own_entries(scored, monkeypatch):
    """The registry handed to the extractor for a source lacks the entities only it mentions."""
    import endofwar.extraction.evaluate as module

    seen = {}
    real = module.extract

    def spy(text, published=None, registry=None, **kw):
        ids = {e["expert_id"] for e in (registry or {}).get("experts") or []}
        seen[text[:40]] = ids
        return real(text, published=published, registry=registry, **kw)

    monkeypatch.setattr(module, "extract", spy)
    evaluate(scored, mode="leave-one-out")
    ids = seen[seed_text(scored)[:40]]
    assert "robert-einhorn" not in ids  # quoted by the Korea Herald piece only
    assert "moon-jae-in" in ids         # both seeds mention him


def test_a_statement_is_scored_in_its_speakers_voice(scored, monkeypatch):
    """In-sample scores extract a UN statement as its first-contact draft was made: with the
    head of delegation and their state as the voice ("I", "we" draft their claims)."""
    import endofwar.extraction.evaluate as module

    voices = {}

    def spy(text, published=None, registry=None, voice=None, **kw):
        voices[text[:60]] = voice
        return {"quotes": [], "persons": [], "institutions": [], "dates": [], "claims": []}

    monkeypatch.setattr(module, "extract", spy)
    evaluate(scored, mode="in-sample")
    statement = (scored / "raw" / "ungdc-kor-2018.txt").read_text(encoding="utf-8")
    assert voices[statement[:60]] == {"expert_id": "moon-jae-in", "institution_id": "south-korea"}
    assert voices[seed_text(scored)[:60]] is None
