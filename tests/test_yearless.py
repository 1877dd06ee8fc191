"""Undated pages in time: yearless dates placed by the set, date headings, a page's newest date."""

from __future__ import annotations

import pytest

from briefer import timing
from briefer.model import Event, Extraction, Fact, Location, Quote, Source
from briefer.yearless import SetPlacer, sentence_around, yearless


@pytest.mark.parametrize(("text", "found"), [
    ("The ferry line reopened on May 4th in Tarrow.", [("May 4th", 5, 4)]),
    ("Talks with the harbour board in March ended well.", [("in March", 3, None)]),
    ("The levy rose on 9 of June and again on Aug. 2.", [("9 of June", 6, 9), ("Aug. 2", 8, 2)]),
    ("The levy rose on 9 June 2031.", []),
    ("The levy rose on June 9, 2031.", []),
    ("The toll ran from June 9 to July 1, 2031.", []),
    ("Its launch on June 9 last year was quiet.", []),
    ("Mayor Marco Delane said the board may act.", []),
])
def test_dates_written_without_a_year(text: str, found: list[tuple[str, int, int | None]]) -> None:
    assert [(y.words, y.month, y.day) for y in yearless(text)] == found


def _report(date: str, text: str, source: str, scheduled: bool = False) -> Event:
    return Event(id="", date=date, text=text, sources=[Location(source, 0, len(text))], scheduled=scheduled)


def test_the_set_places_a_yearless_date_by_the_report_that_tells_it_in_the_same_words() -> None:
    reports = [_report("2031-05-04", "The Tarrow ferry line reopened after the harbour strike.", "dated"),
               _report("2030-05", "Tarrow fishermen protested in the harbour.", "dated")]
    placer = SetPlacer(reports, {"dated", "undated"})
    text = "The Tarrow ferry line reopened on May 4th, ending the strike."
    found = yearless(text)[0]
    assert placer.year(found, sentence_around(text, found.start, found.end), "undated") == "2031"
    # no report shares the words: unknown; a report of the page itself places nothing
    other = "The museum opened a new wing on May 4th."
    assert placer.year(yearless(other)[0], other, "undated") is None
    assert placer.year(found, text, "dated") is None


def test_an_untrusted_source_places_nothing() -> None:
    reports = [_report("2031-05-04", "The Tarrow ferry line reopened after the harbour strike.", "spun")]
    text = "The Tarrow ferry line reopened on May 4th."
    assert SetPlacer(reports, {"undated"}).year(yearless(text)[0], text, "undated") is None


def test_reports_of_two_years_that_tell_it_equally_leave_the_year_unknown() -> None:
    reports = [_report("2031-05", "The Tarrow ferry line reopened.", "a"),
               _report("2029-05", "The Tarrow ferry line reopened.", "b")]
    text = "The Tarrow ferry line reopened in May."
    assert SetPlacer(reports, {"a", "b", "c"}).year(yearless(text)[0], text, "c") is None


def _clock(sources: list[Source], events: list[Event]) -> timing.Clock:
    return timing.Clock(Extraction(sources=sources, events=events))


def test_an_undated_pages_yearless_date_shows_the_year_the_set_gives_it() -> None:
    page = "Minister Ilo Varn said the canal tolls would stay after talks with the Tarrow port council in March."
    dated = "On March 3, 2031, Minister Ilo Varn held talks with the Tarrow port council on canal tolls."
    clock = _clock([Source(id="u", path="u.txt", text=page),
                    Source(id="d", path="d.txt", date="2031-09-20", text=dated)],
                   [_report("2031-03-03", dated, "d")])
    fact = clock.fact(Fact(id="f", text=page, sources=[Location("u", 0, len(page))]))
    assert fact.display.endswith("port council in March [2031].")


def test_a_dated_sources_yearless_date_shows_its_year_when_not_the_briefs() -> None:
    old = "The council raised the toll in March."
    clock = _clock([Source(id="o", path="o.txt", date="2030-06-02", text=old),
                    Source(id="n", path="n.txt", date="2031-09-20", text="")], [])
    fact = clock.fact(Fact(id="f", text=old, sources=[Location("o", 0, len(old))]))
    assert fact.display == "The council raised the toll in March [2030]."
    assert fact.dated == ""  # the year is in the words shown


def test_an_undated_pages_old_statement_shows_the_newest_date_the_page_tells_of() -> None:
    page = ("The Tarrow accord was signed on Monday 4 March 2030 by both councils.\n"
            "The accord binds both councils to share the river.")
    said = page.split("\n")[1]
    clock = _clock([Source(id="u", path="u.txt", text=page),
                    Source(id="d", path="d.txt", date="2031-09-20", text="")], [])
    fact = clock.fact(Fact(id="f", text=said, sources=[Location("u", page.index(said), len(page))]))
    assert fact.dated == "undated source; latest date it tells of: March 2030"
    quote = clock.quote(Quote(id="q", text=said, speaker="Ana Varn", source="u", start=page.index(said),
                              end=len(page)))
    assert quote.dated == "undated source; latest date it tells of: March 2030"


@pytest.mark.parametrize(("page", "said", "end"), [
    # its newest date is recent: nothing old to mark
    ("The accord binds both councils. Its review is due in June 2032.", "The accord binds both councils.", 31),
    # its newest date is decades before the brief: a page recounting history, its own time unknown
    ("The council suspended the 1981 Harlow Accord. The river pact, signed in 1981, is old.",
     "The council suspended the accord.", 10),
])
def test_an_undated_page_with_recent_or_only_historic_dates_marks_nothing(page: str, said: str, end: int) -> None:
    clock = _clock([Source(id="u", path="u.txt", text=page),
                    Source(id="d", path="d.txt", date="2031-09-20", text="")], [])
    fact = clock.fact(Fact(id="f", text=said, sources=[Location("u", 0, end)]))
    assert fact.dated == ""


def test_a_chronologys_statement_is_dated_by_the_heading_above_it() -> None:
    page = ("Timeline\n\nMay 2, 2031\nThe river council met in Tarrow.\n\nJuly 14, 2029\n"
            "The floods reached Tarrow.\n\nMost of the old town was lost to the water.\n")
    said = "Most of the old town was lost to the water."
    at = page.index(said)
    clock = _clock([Source(id="u", path="u.txt", text=page),
                    Source(id="d", path="d.txt", date="2031-09-20", text="")], [])
    fact = clock.fact(Fact(id="f", text=said, sources=[Location("u", at, at + len(said))]))
    assert fact.dated == "July 2029"
    assert timing.heading_date("July 14, 2029\nThe floods came.", 20) is None  # one date line: no chronology


def test_a_year_that_names_a_thing_is_no_date_the_page_tells_of() -> None:
    page = "Ministers met in May 2029. They may suspend the 2030 Harlow Accord and the Treaty of 2030."
    clock = _clock([Source(id="u", path="u.txt", text=page),
                    Source(id="d", path="d.txt", date="2031-09-20", text="")], [])
    assert clock.latest("u") == "2029-05"
