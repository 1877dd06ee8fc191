"""Date normalisation (no model) and date mentions in parsed text (real model)."""

from __future__ import annotations

from typing import Any

import pytest

from briefer.extract.dates import context_year, date_mentions, normalise, parse_anchor, point_dates, tense_of

THU = "2025-11-06"  # a Thursday: the Reuters seed's date


@pytest.mark.parametrize(
    ("expr", "anchor", "iso"),
    [
        # absolute, full and partial
        ("December 2021", None, "2021-12"),
        ("Dec 2021", None, "2021-12"),
        ("Dec. 2021", THU, "2021-12"),
        ("December of 2021", None, "2021-12"),
        ("February 5, 2026", None, "2026-02-05"),
        ("Thursday, Nov. 6, 2025", None, "2025-11-06"),
        ("6 November 2025", None, "2025-11-06"),
        ("the 6th of November, 2025", None, "2025-11-06"),
        ("2013-03-22", None, "2013-03-22"),
        ("11/6/2025", None, "2025-11-06"),
        ("in 2021", None, "2021"),
        ("mid-2021", None, "2021"),
        ("early 2011", None, "2011"),
        ("fiscal year 2013", None, "2013"),
        ("FY06", None, "2006"),
        ("the first quarter of 2019", None, "2019"),
        ("summer 2021", None, "2021"),
        ("2009-2010", None, "2009"),
        # a month or day without a year takes the anchor's
        ("Nov. 6", THU, "2025-11-06"),
        ("on Nov. 6", "2025", "2025-11-06"),
        ("Oct. 31", THU, "2025-10-31"),
        ("July", THU, "2025-07"),
        ("November", "2026-02-05", "2025-11"),  # the nearest November is the one before
        ("August 2-6", "2022-08", "2022-08-02"),
        ("late last July", "2013-03-22", "2012-07"),
        ("last May", "2013-03-21", "2012-05"),
        ("next March", THU, "2026-03"),
        # weekdays: the latest one on or before the anchor
        ("on Thursday", THU, "2025-11-06"),
        ("on Friday", THU, "2025-10-31"),
        ("Wednesday", "2013-03-22", "2013-03-20"),
        ("last Thursday", THU, "2025-10-30"),
        ("next Monday", THU, "2025-11-10"),
        ("Friday night", THU, "2025-10-31"),
        # relative to the anchor
        ("yesterday", THU, "2025-11-05"),
        ("today", THU, "2025-11-06"),
        ("last week", THU, "2025-10"),
        ("Last week's", THU, "2025-10"),
        ("this week", "2013-03-22", "2013-03"),
        ("earlier this year", THU, "2025"),
        ("last year", THU, "2024"),
        ("next year", "2013-03-22", "2014"),
        ("last month", "2013-03-21", "2013-02"),
        ("this month", "2026-01-15", "2026-01"),
        ("four years ago", "2013-03-21", "2009"),
        ("two days ago", THU, "2025-11-04"),
        ("last summer", "2013-03-22", "2012"),
        # durations, vague expressions, and what needs an anchor that is not there
        ("for over 20 years", THU, None),
        ("the past decade", THU, None),
        ("the last 30 years", THU, None),
        ("decades", THU, None),
        ("years", THU, None),
        ("recent years", THU, None),
        ("the 1990s", THU, None),
        ("now", THU, None),
        ("earlier that week", THU, None),
        ("Dec 14", None, None),
        ("on Friday", "2022-08", None),
        ("last week", None, None),
        ("Novemberthe", THU, None),
    ],
)
def test_normalise(expr: str, anchor: str | None, iso: str | None) -> None:
    assert normalise(expr, anchor) == iso


@pytest.mark.parametrize(
    ("expr", "tense", "iso"),
    [
        ("August", "past", "2012-08"),
        ("August", "future", "2013-08"),
        ("July", None, "2013-07"),
        ("December", None, "2012-12"),
        ("Friday", "future", "2013-03-29"),
        ("Friday", "past", "2013-03-22"),
    ],
)
def test_normalise_follows_tense(expr: str, tense: str | None, iso: str) -> None:
    assert normalise(expr, "2013-03-22", tense=tense) == iso


@pytest.mark.parametrize(
    ("anchor", "parts"),
    [("2025-11-06", (2025, 11, 6)), ("2022-08", (2022, 8, None)), ("2021", (2021, None, None)),
     (None, None), ("next week", None)],
)
def test_parse_anchor(anchor: str | None, parts: tuple[int, int | None, int | None] | None) -> None:
    assert parse_anchor(anchor) == parts


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The United States lifted its embargo on Cambodia on Nov. 6.", [("Nov. 6", "2025-11-06")]),
        ("The United States on Thursday lifted an embargo.", [("Thursday", "2025-11-06")]),
        ("Hegseth met Tea Seiha in Malaysia on Friday.", [("Friday", "2025-10-31")]),
        ("The ban was imposed in December 2021 under Biden.", [("December 2021", "2021-12")]),
        ("The White House announced its removal on October 26, 2025.", [("October 26, 2025", "2025-10-26")]),
        ("The programme has run for over 20 years.", []),
        ("Over the past decade, ties have grown.", []),
        # a currency's value in a year is an amount, not a time
        ("The bridge cost $2 million then, about $90 million in 2024 dollars.", []),
        ("The dam cost about $3 billion in 2020 money, the ministry said.", []),
    ],
)
def test_date_mentions(nlp: Any, text: str, found: list[tuple[str, str]]) -> None:
    doc = nlp(text)
    got = [(words, iso) for _, _, words, iso in date_mentions(doc, THU)]
    assert got == found
    for start, end, words, _ in date_mentions(doc, THU):
        assert text[start:end] == words


@pytest.mark.parametrize(
    ("text", "word", "tense"),
    [
        ("The embargo was lifted in July.", "July", "past"),
        ("The embargo, imposed in 2021 under Biden, restricted access.", "2021", "past"),
        ("Hegseth said after meeting Tea Seiha on Friday that talks would resume.", "Friday", "past"),
        ("The Secretary will travel to Phnom Penh in August.", "August", "future"),
        ("The vote is scheduled for March.", "March", "future"),
        ("Much of it remains in use today.", "today", None),
    ],
)
def test_tense_of(nlp: Any, text: str, word: str, tense: str | None) -> None:
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    assert tense_of(token) == tense


def test_point_dates_leave_out_open_ends(nlp: Any) -> None:
    doc = nlp("Since 2012, the council has met in Phnom Penh, and exports grew from 2020 to 2021.")
    sent = next(iter(doc.sents))
    assert [iso for _, _, _, iso in point_dates(sent, THU)] == []
    doc = nlp("Cambodia exported $8.7 billion of goods in 2021, up 33 percent from 2020.")
    assert [iso for _, _, _, iso in point_dates(next(iter(doc.sents)), THU)] == ["2021"]


@pytest.mark.parametrize(
    ("expr", "anchor", "tense", "iso"),
    [
        ("July 12, Saturday", "2025-07-13", None, "2025-07-12"),
        ("February's", "2025-11-06", "past", "2025-02"),
        ("August 2-6", "2022-08", "future", "2022-08-02"),  # a month anchor's own month stays that year
    ],
)
def test_normalise_more_shapes(expr: str, anchor: str, tense: str | None, iso: str) -> None:
    assert normalise(expr, anchor, tense=tense) == iso


def test_point_dates_keep_a_closed_range_and_a_modifier(nlp: Any) -> None:
    doc = nlp("A frigate docked for a visit from 24 to 28 October, soon after October's storm warning.")
    assert [w for _, _, w, _ in point_dates(doc[:], "2025-11-06")] == ["24 to 28 October", "October"]


def test_context_year(nlp: Any) -> None:
    doc = nlp("On March 2, 2024, the council met. It voted on March 5. The 1982 Sea Convention applies.")
    assert context_year(doc, doc.text.index("March 5")) == "2024"
    doc = nlp("The ship arrived on 24 January. It is the first visit in early 2026.")
    assert context_year(doc, 0) == "2026"
    assert context_year(nlp("The ship arrived on 24 January."), 0) is None


def test_a_history_aside_is_no_context_year(nlp: Any) -> None:
    # the bridge's 1931 opening is decades before the text's own time (2004): November stays unknown
    doc = nlp("The mayor called the tolls unfair in November. Opened in 1931, the bridge was rebuilt in 2004.")
    assert context_year(doc, doc.text.index("November")) is None
    doc = nlp("The mayor called the tolls unfair in November. The bridge was rebuilt in 2001 and again in 2004.")
    assert context_year(doc, doc.text.index("November")) == "2001"


def test_a_date_in_a_name_is_no_context_year(nlp: Any) -> None:
    doc = nlp("Whatever the vote on March 3, the line stays as the Harbour Award of 3 October 1899 drew it.")
    assert context_year(doc, doc.text.index("March 3")) is None
    doc = nlp("In May of 2024 the council met. It voted on June 3.")
    assert context_year(doc, doc.text.index("June 3")) == "2024"


@pytest.mark.parametrize(
    ("expr", "iso"),
    [("September 16 last year", "2024-09-16"), ("July last year", "2024-07"), ("in July this year", "2025-07"),
     ("March of next year", "2026-03"), ("today, 29th January 2025", "2025-01-29")],
)
def test_month_of_a_relative_year(expr: str, iso: str) -> None:
    assert normalise(expr, "2025-11-06") == iso


@pytest.mark.parametrize(("expr", "anchor", "iso"), [
    ("Tuesday 9 March 2027", None, "2027-03-09"),
    ("Tuesday, 9 March 2027", None, "2027-03-09"),
    ("Tuesday 9 March", "2027-03-12", "2027-03-09"),
])
def test_a_weekday_before_a_day_first_date(expr: str, anchor: str | None, iso: str) -> None:
    assert normalise(expr, anchor) == iso


def test_a_weekday_before_a_day_first_date_dates_the_sentence(nlp: Any) -> None:
    doc = nlp("On Tuesday 9 March 2027, in Harlow, the two mayors signed the water accord.")
    assert [iso for _, _, _, iso in point_dates(doc[:], None)] == ["2027-03-09"]


@pytest.mark.parametrize(
    ("expr", "iso"),
    [("a day earlier", "2025-11-05"), ("two days before", "2025-11-04"), ("three days later", "2025-11-09")],
)
def test_offsets_count_back_when_earlier_and_forward_when_later(expr: str, iso: str) -> None:
    assert normalise(expr, THU) == iso


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("In the early hours of Saturday, two air bases were struck.", [("Saturday", "2025-11-01")]),
        ("The boat reached the fishermen this morning, the coast guard said.", [("this morning", "2025-11-06")]),
    ],
)
def test_weekday_after_hours_of_and_this_morning_are_dates(nlp: Any, text: str, found: list[tuple[str, str]]) -> None:
    assert [(words, iso) for _, _, words, iso in date_mentions(nlp(text), THU)] == found
