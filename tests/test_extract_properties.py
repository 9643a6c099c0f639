"""Property-based tests: for ANY text the extractor returns, and every offset it reports
holds (text[char_start:char_end] is the reported text).

Texts are generated from the things that break naive extractors, mixed at random: curly
and straight double and single quotes (balanced or not), apostrophes, non-breaking spaces,
line breaks, names with titles and appositives, cue verbs, pronouns, dates (explicit,
relative, fuzzy) and arbitrary unicode.
"""

from __future__ import annotations

from datetime import date

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from endofwar.extraction import analyse, check_offsets, draft_annotation, extract, to_yaml
from endofwar.extraction.pipeline import to_records
from endofwar.inputs.annotations import resolve

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
    for q in rec["quotes"]:
        assert q["char_end"] > q["char_start"]
        # the span is strictly between marks: a quotation mark stands right before it
        assert text[q["char_start"] - 1] in "“”\"‘’'«»„‟‛‹›"
        if q["quote_kind"] in ("statement", "partial"):
            assert q["speaker"] is not None
        assert q["quote_kind"] in ("statement", "partial", "term", "title", "document")
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
                assert row["quote_id"] == f"gen-source-auto-q{start}"
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
