"""The vectorised rules of table assembly (and of splicing the row cache) agree with their plain
definitions, on random tables."""

from __future__ import annotations

from unittest import mock

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from endofwar.build import incremental
from endofwar.build.assemble import _first_definitions, _has_adjacent_duplicates
from endofwar.build.incremental import SOURCE, _without

VALUES = st.one_of(st.none(), st.sampled_from(["a", "b", "c"]))


@st.composite
def keyed_tables(draw):
    width = draw(st.integers(1, 3))
    rows = draw(st.lists(st.tuples(*[VALUES] * width), max_size=12))
    return pa.table({f"k{i}": pa.array([row[i] for row in rows], pa.string()) for i in range(width)})


@settings(max_examples=300, deadline=None)
@given(keyed_tables())
def test_neighbours_of_the_sorted_table_find_exactly_the_duplicate_keys(table):
    """Sorted as published (empty values last), two rows agree on every key field (two empty
    values agreeing) exactly when grouping by the key finds fewer groups than rows."""
    fields = table.column_names
    ordered = table.sort_by([(f, "ascending", "at_end") for f in fields])
    grouped = table.group_by(fields).aggregate([]).num_rows if table.num_rows else 0
    assert _has_adjacent_duplicates(ordered, fields) == (grouped < table.num_rows)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(VALUES, st.sampled_from(["auto", "reviewed", None])), max_size=12))
def test_a_draft_never_redefines_an_earlier_id(rows):
    """A row stays unless it is an extractor draft ("auto") whose id an earlier row (of any
    status, empty ids included) already has; the rows that stay keep their order."""
    table = pa.table({"id": pa.array([r[0] for r in rows], pa.string()),
                      "coding_status": pa.array([r[1] for r in rows], pa.string())})
    expected, seen = [], set()
    for key, status in rows:
        if not (status == "auto" and key in seen):
            expected.append((key, status))
        seen.add(key)
    kept = _first_definitions(table, "id")
    assert list(zip(kept.column("id").to_pylist(), kept.column("coding_status").to_pylist())) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from("abcde"), max_size=40), st.sets(st.sampled_from("abcdef")), st.integers(0, 4))
def test_dropping_the_rows_of_stale_sources_keeps_every_other_row_in_order(sources, stale, max_runs):
    """Whether the stale rows are sliced around or filtered out (more runs than MAX_RUNS), the
    rows of every other source stay, in their order, and no stale row does."""
    table = pa.table({SOURCE: pa.array(sources, pa.string()), "seq": pa.array(range(len(sources)), pa.int64())})
    with mock.patch.object(incremental, "MAX_RUNS", max_runs):
        kept = _without(table, pa.array(sorted(stale), pa.string()))
    expected = [(source, seq) for seq, source in enumerate(sources) if source not in stale]
    assert list(zip(kept.column(SOURCE).to_pylist(), kept.column("seq").to_pylist())) == expected
    assert kept.schema == table.schema
