"""The claims drafter (extraction/claims.py) on real sentences and the project's concepts.

A claim is drafted where a source's attributed words mention every cue group of a concept
(annotations/concepts.yaml, `draft_cues`); its actor is the quote's speaker, or, in a text that is
one speaker's statement, the voice of the text. The sentences are cited as source@offset; the
expected claims follow from the concepts' cue groups and the codebook, reasoned per sentence.
"""

from __future__ import annotations

from functools import lru_cache

import yaml

from endofwar.extraction import extract
from endofwar.extraction.claims import concepts_from
from endofwar.inputs.annotations import load_concepts
from endofwar.paths import project_root

HERALD = "korea-herald-end-of-war-rainbow"
MOON_2021 = "ungdc-kor-2021"


def raw(source_id: str) -> str:
    return (project_root() / "raw" / f"{source_id}.txt").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _concepts() -> tuple:
    return tuple(load_concepts(project_root()))


@lru_cache(maxsize=None)
def _registry() -> dict:
    return yaml.safe_load((project_root() / "annotations" / "registry.yaml").read_text(encoding="utf-8"))


def claims_of(text: str, **kw) -> list[dict]:
    return extract(text, registry=_registry(), concepts=list(_concepts()), **kw)["claims"]


def claims_in(text: str, sentence: str, **kw) -> list[dict]:
    """The drafted claims whose evidence lies inside ``sentence`` (found in ``text``)."""
    s = text.index(sentence)
    return [c for c in claims_of(text, **kw) if s <= c["char_start"] and c["char_end"] <= s + len(sentence)]


def test_every_concept_with_draft_cues_is_read_and_entries_without_them_are_skipped():
    entries = list(_concepts())
    read = concepts_from(entries + [{"concept_id": "no-cues"}, "not a mapping", {"draft_cues": [["x"]]}])
    assert [c.concept_id for c in read] == [e["concept_id"] for e in entries if e.get("draft_cues")]


def test_a_quotation_naming_every_cue_group_is_its_speakers_claim():
    # korea-herald-end-of-war-rainbow: "“An end-of-war declaration would not achieve progress toward
    # denuclearization,” said Bruce Klingner, …": declaration + denucleari + progress is
    # declaration-advances-denuclearisation; "not" negates it
    text = raw(HERALD)
    sentence = "“An end-of-war declaration would not achieve progress toward denuclearization,” said Bruce Klingner"
    (c,) = [c for c in claims_in(text, sentence) if c["concept_id"] == "declaration-advances-denuclearisation"]
    assert (c["actor"], c["actor_kind"], c["agreement"]) == ("Bruce Klingner", "person", "disagree")
    assert c["text"] == "An end-of-war declaration would not achieve progress toward denuclearization,"[:len(c["text"])]
    assert c["quote_start"] == text.index(sentence) + 1  # the evidence is the quotation's words


def test_a_position_without_a_speaker_is_no_claim():
    # korea-herald-end-of-war-rainbow: "But US experts underlined that Washington would be willing to
    # discuss an end-of-war declaration as part of comprehensive negotiations …": the source is a group
    # the text does not name (no speaker), so the drafter has no actor
    text = raw(HERALD)
    assert claims_in(text, "But US experts underlined that Washington would be willing to discuss an "
                           "end-of-war declaration as part of comprehensive negotiations") == []


def test_a_statement_text_speaks_with_its_voice_outside_quotations():
    # ungdc-kor-2021: "When the parties involved in the Korean war stand together and proclaim an end to
    # the war, I believe we can make irreversible progress in denuclearization …": the speech is Moon
    # Jae-in's, so its own sentence is his claim (declaration + denucleari + progress)
    text = raw(MOON_2021)
    sentence = ("When the parties involved in the Korean war stand together and proclaim an end to the war, "
                "I believe we can make irreversible progress in denuclearization and usher in an era of complete "
                "peace.")
    voice = {"expert_id": "moon-jae-in", "institution_id": "south-korea"}
    mine = [c for c in claims_in(text, sentence, voice=voice) if c["concept_id"] == "declaration-advances-denuclearisation"]
    assert mine and all(c["agreement"] == "agree" for c in mine)
    assert any((c["actor_id"], c["actor_kind"], c["speaks_for_id"]) == ("moon-jae-in", "person", "south-korea")
               for c in mine)
    # without a voice the same sentence is nobody's claim: "I believe" names no one by itself
    assert not [c for c in claims_in(text, sentence) if c["actor_id"] is None and c["actor"] is None]


def test_a_statement_texts_voice_does_not_speak_inside_its_quotations():
    # a speech quoting someone else: the quoted words are not the voice's own sentence
    text = ("We welcome the progress of the talks. As one delegate told us, “an end-of-war declaration "
            "would help denuclearization progress.”\n")
    voice = {"expert_id": None, "institution_id": "south-korea"}
    assert [c for c in claims_of(text, voice=voice) if c["actor"] is None] == []


def test_a_cue_of_opposition_makes_the_claim_a_disagreement():
    # the cue lemma decides when the words do not negate: "rejected" reports opposition
    text = ("Pyongyang rejected “an end-of-war declaration that would restart talks” on Monday.\n")
    (c,) = [c for c in claims_of(text) if c["concept_id"] == "declaration-restarts-talks"]
    assert (c["actor_id"], c["agreement"]) == ("north-korea", "disagree")


def test_no_concepts_no_claims():
    assert extract(raw(HERALD), registry=_registry())["claims"] == []


def _indirect_at(text: str, words: str, **kw) -> list[dict]:
    start = text.index(words)
    return [q for q in extract(text, registry=_registry(), **kw)["quotes"]
            if q["quote_kind"] == "indirect" and start <= q["char_start"] < start + len(words) + 200]


def test_a_statements_voice_speaking_now_is_not_reported_speech():
    # ungdc-prk-2021: "My delegation believes that as we work to recover from COVID-19, it is important
    # …": the DPRK's own voice saying what it holds now is the statement's own sentence (codebook,
    # "Statements": its own sentences are not quotes); in a news article the same words would be
    # reported speech of "my delegation"
    text = raw("ungdc-prk-2021")
    opening = "My delegation believes that as we work to recover"
    assert _indirect_at(text, opening)   # drafted as reported speech without a voice
    assert _indirect_at(text, opening, voice={"expert_id": "kim-song", "institution_id": "north-korea"}) == []


def test_a_statements_voice_recalling_its_earlier_words_is_reported_speech():
    # ungdc-usa-2021: "I announced that the United States would double its public international
    # financing …": the voice reporting what it said before, coded as reported speech
    text = raw("ungdc-usa-2021")
    voice = {"expert_id": "joe-biden", "institution_id": "united-states"}
    (q, *_) = _indirect_at(text, "I announced that the United States would double", voice=voice)
    assert q["text"].startswith("that the United States would double") and q["cue_verb"] == "announced"
