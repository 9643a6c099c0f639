"""Temporal expressions: explicit, relative and fuzzy dates keep the precision they have."""

from __future__ import annotations

from datetime import date

import pytest

from endofwar.extraction import extract


def dates(text, published=None):
    out = extract(text, published=published)["dates"]
    for d in out:
        assert text[d["char_start"]:d["char_end"]] == d["date_text"]
    return {d["date_text"]: (d["date_start"], d["date_end"], d["date_precision"], d["date_basis"]) for d in out}


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("Dec. 23, 2021", ("2021-12-23", "2021-12-23", "day", "explicit")),
        ("December 23, 2021", ("2021-12-23", "2021-12-23", "day", "explicit")),
        ("23 December 2021", ("2021-12-23", "2021-12-23", "day", "explicit")),
        ("2021-12-23", ("2021-12-23", "2021-12-23", "day", "explicit")),
        ("March 2022", ("2022-03-01", "2022-03-31", "month", "explicit")),
        ("1995", ("1995-01-01", "1995-12-31", "year", "explicit")),
        ("the mid-1980s", ("1983-01-01", "1987-12-31", "years", "explicit")),
        ("the early 2000s", ("2000-01-01", "2003-12-31", "years", "explicit")),
        ("the 1990s", ("1990-01-01", "1999-12-31", "years", "explicit")),
        ("between 1950 and 1953", ("1950-01-01", "1953-12-31", "years", "explicit")),
    ],
)
def test_explicit_dates_keep_their_precision(phrase, expected):
    assert dates(f"It happened in {phrase} as planned.\n")[phrase] == expected


def test_month_and_year_are_bounds_never_a_fake_day():
    for start, end, prec, _ in dates("Talks began in March 2022 and ended in 1995.\n").values():
        if prec == "month":
            assert start.endswith("-01") and end == "2022-03-31"
        if prec == "year":
            assert start.endswith("-01-01") and end.endswith("-12-31")


def test_month_without_year_resolves_against_the_publication_date():
    d = dates("Moon spoke at the UN in September.\n", published=date(2021, 12, 23))
    assert d["September"] == ("2021-09-01", "2021-09-30", "month", "relative")


def test_month_later_than_publication_is_read_as_last_year():
    d = dates("The envoy visited in November.\n", published=date(2022, 3, 1))
    assert d["November"] == ("2021-11-01", "2021-11-30", "month", "relative")


def test_day_without_year_resolves_against_a_dateline_when_no_date_is_given():
    t = "Headline of the story\n\nDec. 23, 2021 - 17:17 By A Writer\n\nThe leaders met on May 21.\n"
    d = dates(t)
    assert d["May 21"] == ("2021-05-21", "2021-05-21", "day", "relative")


def test_relative_expression_without_anchor_has_no_bounds():
    (d,) = extract("They met in September.\n")["dates"]
    assert d["date_start"] is None and d["date_end"] is None and d["date_precision"] == "month"


def test_relative_to_a_stated_anchor_widens_to_what_the_text_supports():
    d = dates("North Korea sent back 55 remains one month after the 2018 Singapore summit.\n")
    assert d["one month after the 2018 Singapore summit"] == ("2018-01-01", "2019-12-31", "years", "relative")
    assert d["2018"] == ("2018-01-01", "2018-12-31", "year", "explicit")


def test_relative_to_a_day_keeps_month_precision():
    d = dates("The summit took place on June 12, 2018. Remains came back one month after June 12, 2018.\n")
    assert d["one month after June 12, 2018"] == ("2018-07-01", "2018-07-31", "month", "relative")


def test_a_year_prior_uses_the_date_before_it():
    d = dates("Relations improved in 1990 as Hanoi had withdrawn its troops a year prior.\n")
    assert d["a year prior"] == ("1989-01-01", "1989-12-31", "year", "relative")


def test_round_number_of_years_is_fuzzy_and_inferred():
    d = dates("Almost 70 years on, the war is not over.\n", published=date(2021, 12, 1))
    assert d["Almost 70 years on"] == ("1949-01-01", "1954-12-31", "years", "inferred")


def test_numbers_that_are_not_years_are_ignored():
    d = dates("It sent back 55 remains and 2000 troops at 17:17, page 1,978.\n")
    assert d == {}


def test_last_year_and_yesterday_against_publication():
    d = dates("Yesterday the talks resumed; last year they failed.\n", published=date(2021, 12, 23))
    assert d["Yesterday"] == ("2021-12-22", "2021-12-22", "day", "relative")
    assert d["last year"] == ("2020-01-01", "2020-12-31", "year", "relative")
