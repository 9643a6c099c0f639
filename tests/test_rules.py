"""The Arrow twin of the Pandera model reports exactly what Pandera reports.

Incremental builds check the recomputed sources' rows with the twin (endofwar.checks.rules) and
every other validation runs Pandera, so the two must agree on every rule: each case plants
one kind of violation in the published tables, and a property test plants random values.
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from endofwar.checks.pandera_models import pandera_errors
from endofwar.checks.rules import arrow_errors, cue_fits
from endofwar.schemas import catalogue


@pytest.fixture(scope="session")
def published(built):
    cat = catalogue(built)
    return cat, {name: pq.read_table(built / "tables" / f"{name}.parquet") for name in cat.tables}


def with_cells(tables: dict, table: str, changes: dict) -> dict:
    """A copy of the tables with cells replaced: changes maps (row, field) to the new value."""
    arrow = tables[table]
    columns = []
    for field in arrow.schema:
        values = arrow.column(field.name).to_pylist()
        for (row, name), value in changes.items():
            if name == field.name:
                values[row] = value
        columns.append(pa.array(values, field.type))
    return {**tables, table: pa.Table.from_arrays(columns, schema=arrow.schema)}


def reports(cat, tables) -> tuple[list[str], list[str]]:
    display = {name: f"tables/{name}.csv" for name in cat.tables}
    return (sorted(map(str, pandera_errors(tables, cat.tables, display))),
            sorted(map(str, arrow_errors(tables, cat.tables, display))))


def duplicate_key(table: str):
    """Row 1 takes row 0's primary key."""
    def plant(cat, tables):
        key = cat.tables[table].primary_key
        return {(1, f): tables[table].column(f)[0].as_py() for f in key}
    return plant


def cells(**values):
    return lambda cat, tables: {(0, f): v for f, v in values.items()}


def reading_cells(**values):
    """Cells of the first event_sources row that gives a reading of its event's date."""
    def pick(cat, tables):
        row = tables["event_sources"].column("date_text").to_pylist().index(
            next(v for v in tables["event_sources"].column("date_text").to_pylist() if v is not None))
        return {(row, f): v for f, v in values.items()}
    return pick


CASES = [
    ("required-empty", "quotes", cells(text=None), "field 'text': required value is empty"),
    ("vocabulary", "quotes", cells(quote_kind="speech"), "value not in vocabulary quote_kind (value 'speech')"),
    ("pattern", "experts", cells(expert_id="Not An Id"), "does not match"),
    ("pattern-trailing-newline", "institutions", cells(institution_id="kcna\n"), "does not match"),
    ("minimum", "mentions", cells(char_start=-1), "below minimum 0"),
    ("iso3166", "experts", cells(country="XXX"), "not an ISO 3166-1 alpha-3 code"),
    ("dangling-reference", "affiliations", cells(institution_id="no-such-institute"), "dangling reference: not a institutions key"),
    ("duplicate-single-key", "quotes", duplicate_key("quotes"), "duplicate primary key (quote_id)"),
    ("duplicate-compound-key", "affiliations", duplicate_key("affiliations"), "duplicate primary key (expert_id, institution_id, source_id, char_start)"),
    ("duplicate-empty-key", "sources", lambda cat, tables: {(0, "source_id"): None, (1, "source_id"): None}, "field 'source_id': required value is empty"),
    ("duplicate-key-partly-empty", "affiliations", lambda cat, tables: {**duplicate_key("affiliations")(cat, tables), (0, "title"): None,
                                                                         (0, "expert_id"): None, (1, "expert_id"): None},
     "duplicate primary key (expert_id, institution_id, source_id, char_start)"),
    ("span-reversed", "quotes", cells(char_start=500, char_end=400), "char_start must be < char_end"),
    ("span-empty-end", "mentions", cells(char_end=None), "char_start must be < char_end"),
    ("exactly-one-none", "mentions", cells(expert_id=None, institution_id=None), "exactly one of expert_id, institution_id"),
    ("exactly-one-both", "event_actors", cells(actor_expert_id="moon-jae-in", actor_institution_id="kcna"), "exactly one of actor_expert_id"),
    ("at-most-one", "quotes", cells(speaker_expert_id="moon-jae-in", speaker_institution_id="kcna"), "at most one of speaker_expert_id"),
    ("exactly-one-when", "quotes", cells(quote_kind="statement", speaker_expert_id=None, speaker_institution_id=None), "when {'quote_kind'"),
    ("dates-reversed", "events", cells(date_start=dt.date(2020, 5, 2), date_end=dt.date(2020, 5, 1), date_precision="day"), "must be ordered"),
    ("dates-day", "events", cells(date_start=dt.date(2020, 5, 1), date_end=dt.date(2020, 5, 2), date_precision="day"), "must be ordered"),
    ("dates-month-short", "events", cells(date_start=dt.date(2020, 2, 1), date_end=dt.date(2020, 2, 28), date_precision="month"), "fit date_precision"),
    ("dates-month-late-start", "sources", cells(published_start=dt.date(2021, 12, 2), published_end=dt.date(2021, 12, 31), published_precision="month"), "fit published_precision"),
    ("dates-year", "events", cells(date_start=dt.date(2018, 1, 1), date_end=dt.date(2019, 12, 31), date_precision="year"), "fit date_precision"),
    ("dates-half-known", "sources", cells(published_start=dt.date(2018, 8, 1), published_end=None, published_precision=None), "fit published_precision"),
    ("dates-precision-without-bounds", "sources", cells(published_start=None, published_end=None, published_precision="month"), "fit published_precision"),
    ("dates-years", "events", cells(date_start=dt.date(2018, 1, 1), date_end=dt.date(2018, 12, 31), date_precision="years"), "fit date_precision"),
    ("reading-dates-misfit", "event_sources", cells(date_start=dt.date(2021, 1, 2)), "fit date_precision"),
    ("reading-half-written", "event_sources", reading_cells(date_text=None), "all or none of date_text, date_start, date_end"),
    ("reading-without-basis", "event_sources", reading_cells(date_basis=None), "all or none of date_text"),
    ("resolution-source-dangling", "events", cells(date_source_id="no-such-source"), "dangling reference: not a sources key"),
    ("cue-not-words-of-attribution", "quotes", cells(cue_verb="hasd efined", attribution_text="Moon has defined"), "cue_verb must be whole words"),
    ("cue-half-a-word", "quotes", cells(cue_verb="owed", attribution_text="The two leaders vowed"), "cue_verb must be whole words"),
    ("attribution-past-the-cue", "quotes", cells(attribution_text="The two leaders vowed to"), "at the end of attribution_text"),
    ("inverted-cue-with-appositive", "quotes", cells(cue_verb="said", attribution_text="said Robert Einhorn, a senior fellow"), "no comma after"),
    ("cue-without-attribution", "quotes", cells(attribution_text=None), "cue_verb must be whole words"),
    ("flag-empty", "quotes", cells(truncated=None), "field 'truncated': required value is empty"),
]


def test_both_find_nothing_in_the_published_tables(published):
    cat, tables = published
    assert reports(cat, tables) == ([], [])


@pytest.mark.parametrize("table, plant, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_both_report_the_same_errors(published, table, plant, expected):
    cat, tables = published
    pandera, arrow = reports(cat, with_cells(tables, table, plant(cat, tables)))
    assert any(expected in error for error in pandera), pandera
    assert arrow == pandera


def test_boundaries_that_hold_are_accepted_by_both(published):
    """Leap-year month ends and whole multi-year spans are fine; neither may flag them."""
    cat, tables = published
    changes = {(0, "date_start"): dt.date(2020, 2, 1), (0, "date_end"): dt.date(2020, 2, 29), (0, "date_precision"): "month",
               (1, "date_start"): dt.date(1949, 1, 1), (1, "date_end"): dt.date(1954, 12, 31), (1, "date_precision"): "years"}
    assert reports(cat, with_cells(tables, "events", changes)) == ([], [])


@pytest.mark.parametrize("cue, attribution, fits", [
    ("said", "Einhorn said", True),                        # the speaker first: the cue ends it
    ("has defined", "Moon has defined", True),
    ("pointed out", "Frank Aum, a senior expert on Northeast Asia at the US Institute of Peace, pointed out", True),
    ("said", "said Robert Einhorn", True),                 # an inverted cue: the speaker ends it
    ("has defined", "Moon has defined three goals for inter-Korean relations", False),  # runs past the cue
    ("took note", "Mark Tokola took note that", False),   # the complementizer is not the cue
    ("said", "said Robert Einhorn, a senior fellow at the Brookings Institution", False),  # the appositive is not
    ("hasd efined", "Moon has defined", False),            # not words of the attribution
    ("defined", "Moon has well-defined", False),           # part of a word is not a word
    ("said", None, False),                                 # a cue needs its attribution
    (None, "Washington’s repeated overtures", True),       # no verb, nothing to check
])
def test_a_cue_closes_its_attribution_or_opens_it_before_its_speaker(cue, attribution, fits):
    assert cue_fits(cue, attribution) is fits


def test_a_date_nothing_states_is_empty_in_all_three_fields(published):
    """A source whose text and URL state no date: bounds and precision empty together is valid."""
    cat, tables = published
    changes = {(0, "published_start"): None, (0, "published_end"): None, (0, "published_precision"): None}
    assert reports(cat, with_cells(tables, "sources", changes)) == ([], [])


VALUES = {
    pa.string(): st.sampled_from(["", "speech", "statement", "reviewed", "auto", "KOR", "USA", "XXX", "kor", "kcna",
                                  "moon-jae-in", "Not An Id", "kcna\n", "korea-herald-end-of-war-rainbow", "day",
                                  "month", "year", "years", "explicit", None]),
    pa.int64(): st.sampled_from([-1, 0, 1, 40, 166, 10**6, None]),
    pa.date32(): st.sampled_from([dt.date(2018, 1, 1), dt.date(2018, 12, 31), dt.date(2021, 12, 1), dt.date(2021, 12, 23),
                                  dt.date(2021, 12, 31), dt.date(2020, 2, 29), None]),
    pa.bool_(): st.sampled_from([True, False, None]),
}


@st.composite
def damage(draw, cat, tables):
    name = draw(st.sampled_from([n for n, t in tables.items() if t.num_rows >= 2]))
    arrow = tables[name]
    changes = {}
    for _ in range(draw(st.integers(1, 3))):
        row = draw(st.integers(0, min(arrow.num_rows, 4) - 1))
        field = draw(st.sampled_from(arrow.schema.names))
        changes[(row, field)] = draw(VALUES[arrow.schema.field(field).type])
    return name, changes


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_damage_is_reported_alike(published, data):
    cat, tables = published
    name, changes = data.draw(damage(cat, tables))
    pandera, arrow = reports(cat, with_cells(tables, name, changes))
    assert arrow == pandera
