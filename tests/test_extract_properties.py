"""Property-based tests: for ANY text the extractor returns, and every offset it reports
holds (text[char_start:char_end] is the reported text). Direct quotations sit strictly between
their marks; reported speech (quote_kind indirect) is a content clause, trimmed as the codebook
says; a quote that needs a speaker has one, in the record (or at least its attribution) and in
the draft (exactly one speaker id).

Texts are generated from the things that break naive extractors, mixed at random: curly
and straight double and single quotes (balanced or not), apostrophes, non-breaking spaces,
line breaks, names with titles and appositives, cue verbs, pronouns, dates (explicit,
relative, fuzzy) and arbitrary unicode.
"""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from endofwar.extraction import analyse, check_offsets, draft_annotation, extract, to_yaml
from endofwar.extraction.pipeline import to_records
from endofwar.extraction.text import WS
from endofwar.inputs.annotations import resolve
from endofwar.schemas import catalogue

QUOTE_KINDS = frozenset(catalogue().vocabularies["quote_kind"])
# kinds that are somebody's words: the record names the speaker or at least the attribution; the
# draft (as the catalogue's rule for the quotes table) names exactly one speaker
SPOKEN = ("statement", "partial", "indirect")

MARKS = ["“", "”", '"', "‘", "’", "'", "«", "»", "„"]
FRAGMENTS = [
    *MARKS, "\u00a0", "\n", "\n\n", "\r\n", " ", " ", ", ", ". ", ": ", "—", "(", ")", "...", "…",
    "Robert Einhorn", "Einhorn", "Kim Jong-un", "Kim", "Moon Jae-in", "Moon", "he", "she", "it", "they",
    "Mr. Park", "US President Joe Biden", "North Korean leader", "the Biden administration", "Washington",
    "Pyongyang", "Seoul’s", "ball’s", "the US’", "allies’", "don't", "raison d'être", "O’Brien",
    ", a senior fellow at the Brookings Institution", ", who also served as the State Department’s adviser",
    "said", "added", "told reporters", "pointed out", "took note that", "according to", "said:",
    "Dec. 23, 2021", "May 21", "in September", "March 2022", "1995", "the mid-1980s", "a year prior",
    "one month after the 2018 Singapore summit", "Almost 70 years on", "last year", "17:17", "55",
    "so-called", "(POWs)", "-----", "This is the last of a three-part series.", "In the first part",
    "precondition", "before", "demands", "committed to", "joint declaration",
    "We will talk", "not now", "the ball is in their court", "hostile policy", "end-of-war",
    # reported speech: cues, the person told, adjuncts, clause ends, inverted sources
    "said that", ", adding that", "told reporters on Monday that", "in a statement", "; ", " — ", ", he said, ",
    "said Rep. Gwen Moore (D-Wis.)", "Sen. Claire McCaskill (D-Mo.) said", "who said", "North Korea’s demands",
    "wouldn't", "the official", "insisted", "urged Seoul to", "believes",
]

fragment = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(min_size=0, max_size=12),
    st.text(alphabet=st.sampled_from(list("aeiou tnrsAEKMSW’'“”\"‘\u00a0\n.,")), min_size=1, max_size=20),
)
texts = st.lists(fragment, min_size=0, max_size=60).map("".join)
published = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))


def _check_record(text: str, rec: dict) -> None:
    assert check_offsets(text, rec) == []
    starts = {q["char_start"] for q in rec["quotes"]}
    for q in rec["quotes"]:
        assert q["quote_kind"] in QUOTE_KINDS
        assert q["char_end"] > q["char_start"]
        if q["quote_kind"] == "indirect":
            # a content clause, not a quotation: no marks around it; the codebook's span starts at
            # its first word and leaves out the final punctuation (trailing spaces: see
            # test_a_content_cut_before_a_later_clause_is_trimmed)
            assert q["text"] == text[q["char_start"]:q["char_end"]]
            assert q["text"][0] not in WS
            assert q["text"][-1] not in ".,;:!?"
        else:
            # the span is strictly between marks: a quotation mark stands right before it
            assert text[q["char_start"] - 1] in "“”\"‘’'«»„‟‛‹›"
        if q["quote_kind"] in SPOKEN:
            assert q["speaker"] is not None or q["attribution_text"] is not None
        if q["continues"] is not None:  # the quote it continues is in the record, before it
            assert q["continues"] in starts and q["continues"] < q["char_start"]
    for d in rec["dates"]:
        if d["date_start"] is not None:
            assert d["date_start"] <= d["date_end"]
            if d["date_precision"] == "day":
                assert d["date_start"] == d["date_end"]
            if d["date_precision"] in ("month", "year", "years"):
                assert d["date_start"].endswith("-01")  # never a fake day
            if d["date_precision"] in ("year", "years"):
                assert d["date_start"][5:] == "01-01" and d["date_end"][5:] == "12-31"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, published)
def test_extract_never_raises_and_offsets_hold(text, pub):
    # the unguarded pipeline, so that a real exception fails the test instead of being logged
    a = analyse(text, pub, None)
    rec = to_records(a)
    _check_record(text, rec)
    assert extract(text, pub) == rec  # deterministic, and the guarded API agrees


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_draft_evidence_resolves_and_yaml_round_trips(text):
    d = draft_annotation(text, "gen-source")
    for section in ("mentions", "affiliations", "quotes", "event_sources", "event_actors", "precondition_candidates"):
        for row in d[section]:
            start, _ = resolve(text, row["evidence"], row.get("occurrence"), file="draft", line=None)
            if section == "quotes":
                # reported speech is -auto-r<start>, a quotation -auto-q<start>
                letter = "r" if row["quote_kind"] == "indirect" else "q"
                assert row["quote_id"] == f"gen-source-auto-{letter}{start}"
                assert row["quote_kind"] in QUOTE_KINDS
                named = sum(row[k] is not None for k in ("speaker_expert_id", "speaker_institution_id"))
                assert named == 1 if row["quote_kind"] in SPOKEN else named <= 1
    ids = [row["quote_id"] for row in d["quotes"]]
    assert len(ids) == len(set(ids))
    assert all(row["continues_quote_id"] is None or row["continues_quote_id"] in ids for row in d["quotes"])
    assert yaml.safe_load(to_yaml(d)) == d


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40).map(" ".join))
def test_registry_gazetteer_never_breaks_offsets(text):
    registry = {
        "experts": [{"expert_id": "robert-einhorn", "name": "Robert Einhorn", "aliases": ["Einhorn"]}],
        "institutions": [{"institution_id": "united-states", "name": "United States",
                          "aliases": ["US", "Washington", "the States"], "institution_type": "state",
                          "country": "USA"},
                         {"institution_id": "biden-administration", "name": "Biden administration",
                          "aliases": ["the Biden administration"], "institution_type": "government"}],
        "events": [{"event_id": "singapore-summit-2018", "title": "Singapore summit",
                    "date_text": "the 2018 Singapore summit"}],
    }
    rec = extract(text, None, registry)
    _check_record(text, rec)


def test_a_content_cut_before_a_later_clause_is_trimmed():
    text = "Robert Einhorn said that ,  Robert Einhorn said that"
    for q in extract(text)["quotes"]:
        assert q["text"] == q["text"].strip(WS), q
