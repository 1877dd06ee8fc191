"""Across sources: merging duplicates, keeping conflicts visible, borrowing a twin's date."""

from __future__ import annotations

import pytest

from briefer.corroborate import (
    borrow_anchors,
    figure_conflicts,
    merge_events,
    merge_facts,
    signature,
    similar,
)
from briefer.model import Event, Fact, Figure, Location, Source

LIFT_A = ("The United States lifted its arms embargo on Cambodia on Nov. 6, following a ceasefire agreement "
          "brokered last week by President Donald Trump between Cambodia and neighboring Thailand.")
LIFT_B = ("The United States on Thursday lifted an embargo on defense trade with Cambodia, after President "
          "Donald Trump oversaw the signing of a ceasefire deal between the Southeast Asian country and its "
          "neighbor Thailand last week.")
OTHER = "Japan is the largest provider of official development assistance to Cambodia."


def fact(text: str, source: str, score: float = 1.0) -> Fact:
    return Fact(id="", text=text, sources=[Location(source, 0, len(text))], themes=["t"], score=score)


def test_same_story_from_two_outlets_merges_and_cites_both():
    merged = merge_facts([fact(LIFT_A, "kpt", 2.0), fact(LIFT_B, "reuters", 2.5), fact(OTHER, "kpt")])
    assert len(merged) == 2
    top = merged[0]
    assert top.text == LIFT_B and [loc.source for loc in top.sources] == ["reuters", "kpt"]
    assert top.score > 2.5  # corroboration raises the score


def test_two_sentences_of_one_source_never_merge():
    assert len(merge_facts([fact(LIFT_A, "kpt"), fact(LIFT_B, "kpt")])) == 2


def test_unrelated_sentences_are_not_similar():
    assert not similar(signature(LIFT_A), signature(OTHER))


def event(date: str, text: str, source: str, date_text: str | None = None) -> Event:
    return Event(id="", date=date, text=text, date_text=date if date_text is None else date_text,
                 sources=[Location(source, 0, len(text))])


def test_compatible_dates_merge_to_the_most_precise():
    events, conflicts = merge_events([
        event("2021", "Joe Biden imposed the arms embargo on Cambodia in 2021 over China concerns.", "a"),
        event("2021-12", "The arms embargo on Cambodia was imposed by Joe Biden in December 2021 over China.", "b"),
    ])
    assert conflicts == [] and len(events) == 1
    assert events[0].date == "2021-12" and {loc.source for loc in events[0].sources} == {"a", "b"}


def test_different_dates_for_the_same_event_are_a_conflict():
    events, conflicts = merge_events([
        event("2025-11-06", "The United States lifted the arms embargo on Cambodia on Nov. 6 after the truce.", "a"),
        event("2025-11-07", "The United States lifted the arms embargo on Cambodia on November 7 after the truce.",
              "b"),
    ])
    assert len(events) == 2 and len(conflicts) == 1
    assert [c.value for c in conflicts[0].claims] == ["2025-11-06", "2025-11-07"]


def test_a_conflicting_date_without_a_year_shows_the_date_it_was_read_as():
    first = event("2023-10", "The Lorvik commission opened its inquiry into steel imports in October 2023.", "a")
    second = event("2024-09", "The Lorvik commission opened last month its inquiry into steel imports.", "b",
                   "last month")
    _, conflicts = merge_events([first, second])
    assert [c.text for c in conflicts[0].claims] == ["2023-10", "last month [September 2024]"]


def test_figures_that_disagree_are_a_conflict():
    a = Figure(id="", source="a", text="$3 billion", start=0, end=10, value=3e9, unit="USD",
               about="US foreign assistance to Cambodia over 30 years")
    b = Figure(id="", source="b", text="$2.8 billion", start=0, end=12, value=2.8e9, unit="USD",
               about="US foreign assistance to Cambodia over 30 years")
    c = Figure(id="", source="b", text="$4.5 million", start=20, end=32, value=4.5e6, unit="USD",
               about="cultural preservation fund")
    conflicts = figure_conflicts([a, b, c])
    assert len(conflicts) == 1 and [cl.text for cl in conflicts[0].claims] == ["$3 billion", "$2.8 billion"]


def test_undated_twin_borrows_the_anchor_not_the_date():
    dated = Source(id="r", path="r.txt", publisher="Reuters", date="2025-11-06", anchor="2025-11-06",
                   text=LIFT_B + " " + OTHER)
    twin = Source(id="k", path="k.txt", text=LIFT_A + " " + OTHER)
    stranger = Source(id="s", path="s.txt", text="A completely different story about rice harvests in Laos.")
    borrow_anchors([dated, twin, stranger])
    assert twin.anchor == "2025-11-06" and twin.date is None
    assert any("relative dates read as of 2025-11-06 (Reuters, same story)" in n for n in twin.notes)
    assert stranger.anchor is None


def sourced(nlp, text: str, source: str, date: str | None = None) -> list[Figure]:  # type: ignore[no-untyped-def]
    from briefer.extract.figures import figures

    return list(figures(nlp(text), Source(id=source, path=f"{source}.txt", text=text, date=date)))


def test_two_sources_giving_different_costs_for_one_dam_conflict(nlp):  # type: ignore[no-untyped-def]
    a = sourced(nlp, "The Kessler Dam will cost $2.1 billion, the ministry said.", "a")
    b = sourced(nlp, "The Kessler Dam will cost $2.4 billion, according to the lender.", "b")
    (conflict,) = figure_conflicts(a + b)
    assert [c.text for c in conflict.claims] == ["$2.1 billion", "$2.4 billion"]
    assert "Kessler Dam" in conflict.about


def test_different_death_tolls_for_one_flood_conflict(nlp):  # type: ignore[no-untyped-def]
    a = sourced(nlp, "Floods in the Orin valley killed 43 people.", "a", "2025-03-02")
    b = sourced(nlp, "Floods in the Orin valley killed at least 61 people.", "b", "2025-03-04")
    (conflict,) = figure_conflicts(a + b, [Source(id="a", path="a", text="", date="2025-03-02"),
                                           Source(id="b", path="b", text="", date="2025-03-04")])
    assert [c.text for c in conflict.claims] == ["43", "at least 61"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("The Kessler Dam will cost $2.1 billion.", "The Kessler Bridge will cost $2.4 billion."),  # two things
        ("The Kessler Dam will cost $2.1 billion.", "The Kessler Dam will cost $2.14 billion."),  # rounding
        ("Floods in the Orin valley killed more than 40 people.", "Floods in the Orin valley killed 45 people."),
        ("Floods in the Orin valley killed 43 people.", "Floods in the Orin valley killed 43 people."),
        ("Floods in the Orin valley killed 43 soldiers.", "Floods in the Orin valley killed 61 civilians."),
        ("Exports rose 4 percent in 2023.", "Exports rose 9 percent in 2024."),  # two years
        ("Storms in the Orin valley killed 43 people.", "Since 1990, storms in the Orin valley killed 9,000 people."),
    ],
)
def test_figures_that_can_both_hold_are_no_conflict(nlp, first: str, second: str):  # type: ignore[no-untyped-def]
    assert figure_conflicts(sourced(nlp, first, "a") + sourced(nlp, second, "b")) == []


def test_one_source_never_conflicts_with_itself(nlp):  # type: ignore[no-untyped-def]
    text = "The Kessler Dam will cost $2.1 billion. Critics say the Kessler Dam will cost $2.4 billion."
    assert figure_conflicts(sourced(nlp, text, "a")) == []


def test_reports_weeks_apart_are_updates_not_conflicts(nlp):  # type: ignore[no-untyped-def]
    a = sourced(nlp, "Floods in the Orin valley killed 43 people.", "a")
    b = sourced(nlp, "Floods in the Orin valley killed 61 people.", "b")
    dated = [Source(id="a", path="a", text="", date="2025-03-02"), Source(id="b", path="b", text="", date="2025-05-20")]
    assert figure_conflicts(a + b, dated) == []


def test_a_bare_toll_of_two_events_is_no_conflict(nlp):  # type: ignore[no-untyped-def]
    a = sourced(nlp, "Six people were killed.", "a")
    b = sourced(nlp, "Forty-three people were killed.", "b")
    assert figure_conflicts(a + b) == []


def test_pinned_to_one_month_two_words_suffice(nlp):  # type: ignore[no-untyped-def]
    a = sourced(nlp, "Inflation rose to 4.1 percent in March.", "a", "2025-04-02")
    b = sourced(nlp, "Inflation rose to 4.6 percent in March.", "b", "2025-04-03")
    (conflict,) = figure_conflicts(a + b)
    assert [c.text for c in conflict.claims] == ["4.1 percent", "4.6 percent"]


def test_two_stories_quoting_the_same_order_are_not_one_story():
    order = ("“The Republic of Ardenia shall refrain from taking any action which would modify the situation "
             "that currently prevails in the valley, whereby the Kingdom of Borvia administers and controls "
             "that area, pending a final decision in the case before the court.”")
    dated = Source(id="r", path="r.txt", date="2031-05-01", anchor="2031-05-01",
                   text=f"The court again ordered Ardenia not to hold elections in the valley. It said: {order}")
    older = Source(id="k", path="k.txt",
                   text=f"Borvia welcomed the first order of the court, which granted its request. It reads: {order}")
    borrow_anchors([dated, older])
    assert older.anchor is None


SIGNED = ("04/25/2025\nToday, the foreign ministers of Arland and Borvia signed a declaration of principles on "
          "the river border, the ministry said.")
YEARLESS = ("On 25 April, Arland's and Borvia's top diplomats signed a joint declaration about their river border. "
            "In late January rebels captured the town of Ostra.")


def test_a_page_without_any_year_borrows_the_year_of_the_same_happening_on_the_same_day():
    from briefer.corroborate import borrow_years

    dated = Source(id="d", path="d.txt", date="2025-04-25", anchor="2025-04-25", text=SIGNED, publisher="Ministry")
    undated = Source(id="u", path="u.txt", text=YEARLESS)
    borrow_years([dated, undated])
    assert undated.anchor == "2025" and undated.date is None
    assert any("read in 2025 (Ministry tells the same happening on the same day)" in n for n in undated.notes)


@pytest.mark.parametrize("text", [
    "On 25 April, heavy rain flooded the harbour district of a faraway city.",  # same day, other happening
    "On 24 April, the foreign ministers of Arland and Borvia signed a declaration on the river border.",  # other day
    "On Monday, 25 April, the foreign ministers of Arland and Borvia signed a declaration on the river border.",
    "On 25 April 2024, the foreign ministers of Arland and Borvia signed a declaration on the river border.",
])
def test_no_year_without_a_corroborated_day(text: str) -> None:
    """Shared words on another day, another happening on the day, a weekday the year contradicts
    (25 April 2025 was a Friday), a page that writes its own year: nothing borrowed."""
    from briefer.corroborate import borrow_years

    dated = Source(id="d", path="d.txt", date="2025-04-25", anchor="2025-04-25", text=SIGNED)
    other = Source(id="u", path="u.txt", text=text)
    borrow_years([dated, other])
    assert other.anchor is None and not other.notes


def test_sources_that_disagree_on_the_year_give_none_and_a_placed_page_places_another():
    from briefer.corroborate import borrow_years

    older = Source(id="o", path="o.txt", date="2024-04-25", anchor="2024-04-25", text=SIGNED.replace("2025", "2024"))
    dated = Source(id="d", path="d.txt", date="2025-04-25", anchor="2025-04-25", text=SIGNED)
    undated = Source(id="u", path="u.txt", text=YEARLESS)
    borrow_years([older, dated, undated])
    assert undated.anchor is None  # 2024 or 2025: unknown stays unknown
    chained = Source(id="c", path="c.txt", text="In late January rebels captured the town of Ostra on 28 January "
                     "after a week of shelling.")
    fresh = Source(id="u", path="u.txt", text=YEARLESS + " On 28 January rebels captured the town of Ostra.")
    borrow_years([dated, chained, fresh])
    assert (fresh.anchor, chained.anchor) == ("2025", "2025")


def test_events_of_a_page_without_a_year_read_in_the_borrowed_year(tmp_path):  # type: ignore[no-untyped-def]
    from briefer.pipeline import extract

    (tmp_path / "a.txt").write_text(SIGNED + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(YEARLESS + "\n", encoding="utf-8")
    ex = extract([tmp_path])
    b = next(s for s in ex.sources if s.path.endswith("b.txt"))
    dates = {e.date for e in ex.events if any(loc.source == b.id for loc in e.sources)}
    assert {"2025-04-25", "2025-01"} <= dates


def test_a_borrowed_year_reads_yearless_dates_but_does_not_date_the_page_in_the_brief():
    from briefer import timing
    from briefer.model import Extraction

    page = "Minister Ilo Varn said the canal tolls would stay after talks with the Tarrow port council in March."
    dated = "On March 3, 2031, Minister Ilo Varn held talks with the Tarrow port council on canal tolls."
    report = Event(id="e", date="2031-03-03", text=dated, sources=[Location("d", 0, len(dated))])
    clock = timing.Clock(Extraction(sources=[Source(id="u", path="u.txt", text=page, anchor="2031"),
                                             Source(id="d", path="d.txt", date="2031-09-20", text=dated)],
                                    events=[report]))
    assert clock.statement_date(["u"]) is None  # placed as an undated page's statements are
    fact = clock.fact(Fact(id="f", text=page, sources=[Location("u", 0, len(page))]))
    assert fact.display.endswith("port council in March [2031].")


def test_a_dateline_day_without_its_year_is_read_in_the_sets_year():
    from briefer.corroborate import place_days

    dated = Source(id="a", path="a.txt", date="2031-05-05")
    tass = Source(id="b", path="b.txt", day="05-06")
    december = Source(id="c", path="c.txt", day="12-30")
    place_days([dated, tass, december])
    assert (tass.anchor, tass.date) == ("2031-05-06", None)  # an anchor for "on Tuesday", not a date
    assert december.anchor == "2030-12-30"  # more than a week after the newest source: the year before


def test_a_dateline_day_and_the_weekday_its_lede_names_date_the_page():
    from briefer.corroborate import place_days

    dated = Source(id="a", path="a.txt", date="2031-05-05")
    lede = "LORVIK, April 4 (Harbour Press) -- The court upheld the ruling on Friday, ending the case."
    friday = Source(id="b", path="b.txt", day="04-04", text=lede)
    monday = Source(id="c", path="c.txt", day="04-04", text=lede.replace("Friday", "Monday"))
    place_days([dated, friday, monday])
    assert (friday.date, friday.anchor) == ("2031-04-04", "2031-04-04")  # 4 April 2031 is a Friday
    assert (monday.date, monday.anchor) == (None, "2031-04-04")


def test_a_lede_dated_by_its_page_claims_no_day_to_conflict_with():
    told = event("2031-04-23", "The Lorvik commission fined the port operator on 23 April for the late quay.", "a",
                 "23 April")
    lede = event("2031-04-26", "The Lorvik commission has fined the port operator for the late quay.", "b", "")
    events, conflicts = merge_events([lede, told])
    assert conflicts == [] and [(e.date, [loc.source for loc in e.sources]) for e in events] == \
        [("2031-04-23", ["a", "b"])]  # the written date stands; the lede's page is cited too


def test_one_source_telling_a_date_twice_makes_one_conflict():
    first = event("2031-04-23", "The Lorvik commission fined the port operator on 23 April for the late quay.", "a")
    again = event("2031-04-26", "The Lorvik commission fined the port operator on 26 April for the late quay.", "b")
    twice = event("2031-04-26", "On 26 April the Lorvik commission fined the port operator for the late quay.", "b")
    assert len(merge_events([first, again, twice])[1]) == 1


def test_a_page_with_older_years_of_its_own_borrows_the_twins_year():
    from briefer.corroborate import borrow_years

    dated = Source(id="d", path="d.txt", date="2025-04-25", anchor="2025-04-25", text=SIGNED)
    background = Source(id="u", path="u.txt", text="The river treaty was drafted in 2019. " + YEARLESS)
    borrow_years([dated, background])
    assert background.anchor == "2025"
    newer = Source(id="n", path="n.txt", text="The river treaty was revised in 2026. " + YEARLESS)
    borrow_years([dated, newer])
    assert newer.anchor is None  # its own years are newer than the twin's: not the same April


def test_a_lede_months_after_a_written_date_is_another_happening():
    told = event("2031-04-10", "The Lorvik commission agreed to study a floor price for imported cranes on 10 April.",
                 "a", "10 April")
    lede = event("2031-12-22", "The Lorvik commission agreed to study a floor price for imported cranes again.",
                 "b", "")
    assert sorted(e.date for e in merge_events([lede, told])[0]) == ["2031-04-10", "2031-12-22"]
