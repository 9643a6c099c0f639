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


# ---- dates in context: tense and the sentence decide the year or the week (issue 16, item 3).
# Sentences copied from reviewed sources (raw/<source_id>.txt @ offset of the date); the
# publication dates are the sources' published_start.

def test_a_weekday_in_past_tense_news_is_the_last_such_day_up_to_the_dateline():
    # yonhap-harris-no-reward@368, published Wednesday 2022-01-05: "said Tuesday" is the day before
    text = ("WASHINGTON, Jan. 4 (Yonhap) -- The United States must not give anything to North Korea, including "
            "an end of war declaration, before Pyongyang returns to the dialogue table, former U.S. ambassador "
            "to South Korea Harry Harris said Tuesday.\n")
    assert dates(text, published=date(2022, 1, 5))["Tuesday"][:3] == ("2022-01-04", "2022-01-04", "day")
    # investing-reuters-eyre-slippery-slope@472, published Friday 2018-10-05: the day itself
    text = ("A declaration to end the 1950-53 Korea War could be a \"slippery slope\" to questioning the need for "
            "the U.S. troop presence in South Korea, the deputy head of the U.N. Command overseeing the Korean "
            "armistice said on Friday, ahead of new talks between Washington and Pyongyang.\n")
    assert dates(text, published=date(2018, 10, 5))["Friday"][:3] == ("2018-10-05", "2018-10-05", "day")


def test_a_weekday_in_the_future_tense_is_after_the_dateline():
    # telegraph-korean-peace-hopes-singapore@1319, published Saturday 2018-06-09: the summit's Tuesday
    text = ("The White House yesterday announced Mr Trump would cut short his time at the G7 summit to fly, "
            "earlier then expected, to Singapore where he will meet Mr Kim on Tuesday.\n")
    assert dates(text, published=date(2018, 6, 9))["Tuesday"][:3] == ("2018-06-12", "2018-06-12", "day")


def test_the_weekday_of_an_explicit_date_is_not_a_second_reference():
    # washington-examiner-moon-end-war-completely-for-good@1040
    text = ("In this image made from UNTV video, Korean President Moon Jae-in speaks in a pre-recorded message "
            "which was played during the 75th session of the United Nations General Assembly, Tuesday, Sept. 22, "
            "2020, at UN headquarters.\n")
    d = dates(text, published=date(2020, 9, 22))
    assert "Tuesday" not in d and d["Sept. 22, 2020"][:2] == ("2020-09-22", "2020-09-22")


def test_a_month_in_a_future_clause_is_the_next_such_month():
    # cgtn-america-panmunjom-declaration-end-war@1784, published 2018-04-27
    d = dates("The two planned to first convene military talks at the rank of general in May.\n",
              published=date(2018, 4, 27))
    assert d["May"][:3] == ("2018-05-01", "2018-05-31", "month")
    # japan-times-seoul-related-countries-end-war@1816, published 2018-07-25
    d = dates("Speaking to lawmakers at the National Assembly, she said the U.N. General Assembly session, to be "
              "held in New York in September, could be a chance for the ceremony.\n", published=date(2018, 7, 25))
    assert d["September"][:3] == ("2018-09-01", "2018-09-30", "month")
    # donga-nk-end-of-war-declaration-new-york@748, published 2018-10-01
    d = dates("The remarks are likely to set off a tug-of-war between Washington and Pyongyang ahead of U.S. "
              "Secretary of State Mike Pompeo’s visit to North Korea scheduled for October.\n",
              published=date(2018, 10, 1))
    assert d["October"][:3] == ("2018-10-01", "2018-10-31", "month")
    # republic-world-kim-jong-un-us-threat-unchanged@1395, published 2021-09-30
    d = dates("He expressed a desire to restore an inter-Korean hotline in early October, a move that could help "
              "repair frayed ties with Seoul.\n", published=date(2021, 9, 30))
    assert d["early October"][:3] == ("2021-10-01", "2021-10-31", "month")


def test_a_month_in_a_past_clause_stays_before_the_dateline():
    # japan-times-japan-reluctant-end-of-war@905 reads "last month"; here the plain past of
    # korea-herald-end-of-war-rainbow@2607, published 2021-12-23: "in September" is 2021's
    d = dates("Pyongyang clarified its preconditions by issuing a series of statements under the name of senior "
              "officials immediately after South Korean President Moon Jae-in reproposed an end-of-war "
              "declaration during his UN speech in September.\n", published=date(2021, 12, 23))
    assert d["September"][:3] == ("2021-09-01", "2021-09-30", "month")


def test_a_day_and_month_take_the_year_their_sentence_names():
    # one-korea-network-moon-end-of-war-harsh-reception@1646, published 2021-09-25
    text = ("The 2007 joint declaration occurred on October 4 when former President Roh Moo-hyun met with "
            "then-North Korean dictator Kim Jong-il just two months before the South Korean presidential election.\n")
    assert dates(text, published=date(2021, 9, 25))["October 4"][:3] == ("2007-10-04", "2007-10-04", "day")


def test_a_month_naming_an_event_and_a_season_without_a_year():
    # usembassy-jmh-japan-wary-declaration@885, published 2018-09-24
    text = ("It is reckoned that the “reciprocal action” cited in the “September Pyongyang Joint Declaration” as "
            "precondition for North Korea’s dismantling of its nuclear facilities refers to this declaration.\n")
    assert dates(text, published=date(2018, 9, 24))["September"][:3] == ("2018-09-01", "2018-09-30", "month")
    # washington-examiner-moon-end-war-completely-for-good@1560, published 2020-09-22: the coders
    # bound a season by its year
    text = ("Over the summer, North Korea also bombed an inter-Korean liaison office and threatened to send "
            "troops into demilitarized areas along the border.\n")
    assert dates(text, published=date(2020, 9, 22))["Over the summer"][:3] == ("2020-01-01", "2020-12-31", "year")


def test_a_span_without_a_number_is_the_bounds_it_allows():
    # lowy-honouring-the-dead@3780: "In the years after" the 1991 agreement: from 1992, and
    # "years" (no number) reaches at most nine years on; the coders narrowed it with knowledge
    # from outside the sentence (1992..1995), the rule keeps what the words allow
    text = ("Only after the 1991 Cambodian Peace Agreement was signed did the United States signal it was open "
            "to talking normalisation with Hanoi. In the years after, despite slow progress on the MIA issue, "
            "the Clinton administration kept talking.\n")
    start, end, prec, basis = dates(text)["years after"]
    assert (start, prec, basis) == ("1992-01-01", "years", "relative") and "1992" < end[:4] <= "2000"
