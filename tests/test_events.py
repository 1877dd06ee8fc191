"""Timeline events with the real model: short sentences, then the seeds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from briefer.extract.events import events
from briefer.model import Event, Source

ROOT = Path(__file__).resolve().parents[1]
# The dates BRIEF.md gives the seeds; 000 has none of its own but its "Nov. 6" is 2025.
ANCHORS = {"000": "2025-11-06", "001": "2025-11-06", "002": "2026-02-05", "003": "2022-08", "004": None}


def run(nlp: Any, text: str, date: str | None = "2025-11-06") -> list[Event]:
    src = Source(id="s", path="s.txt", text=text, date=date)
    found = list(events(nlp(text), src))
    for e in found:
        (loc,) = e.sources
        assert (loc.source, text[loc.start : loc.end]) == ("s", e.text)
        assert e.id == "" and e.themes == [] and e.date_text in text  # a dateline's date is cut off
    return found


@pytest.mark.parametrize(
    ("text", "date", "date_text"),
    [
        ("The United States lifted its arms embargo on Cambodia on Nov. 6, following a ceasefire "
         "agreement brokered last week.", "2025-11-06", "Nov. 6"),
        ("The United States on Thursday lifted an embargo on defense trade with Cambodia.",
         "2025-11-06", "Thursday"),
        ("Hegseth said after meeting Tea Seiha in Malaysia on Friday that exercises would resume.",
         "2025-10-31", "Friday"),
        ("Imposed in December 2021 due to concerns over China, the embargo had placed Cambodia on the list.",
         "2021-12", "December 2021"),
        ("The White House announced its removal on October 26, 2025, followed by a rule in November.",
         "2025-10-26", "October 26, 2025"),
        ("The policy shift follows a meeting between the two ministers on Oct. 31.", "2025-10-31", "Oct. 31"),
        ("Hun Manet nominated Trump for his role in ending clashes that began in July.", "2025-07", "July"),
        ("The minister resigned yesterday.", "2025-11-05", "yesterday"),
        ("Brexit is scheduled to take place on March 29, 2019.", "2019-03-29", "March 29, 2019"),
    ],
)
def test_event(nlp: Any, text: str, date: str, date_text: str) -> None:
    e = run(nlp, text)[0]  # a second happening of the sentence may follow ("followed by a rule in November")
    assert (e.date, e.date_text, e.text) == (date, date_text, text)


@pytest.mark.parametrize(
    "text",
    [
        "The Secretary will travel to Phnom Penh, Cambodia, from August.",
        "The two countries have had relations for 60 years, since their establishment on 3 May 1965.",
        "The ministers reaffirmed their commitment to the 1962 Northern Waters Treaty.",
        "Jane Roe | March 4, 2025, 10:15 AM",
        "Protesters march through the capital on March 1, 2025. (Jane Roe/DAILY POST)",
        "The agency plans to cut emissions by half by 2030.",
        "The United States has helped improve labor conditions for more than 20 years.",
        "Since 2012, the Youth Council has enhanced our people-to-people diplomacy.",
        "Much of the infrastructure built with U.S. support remains in use today.",
        "Last week's peace deal will be remembered as a milestone.",
        "Over the past decade, there have been misunderstandings.",
        "Following the conclusion of two trials in Novemberthe government announced its work was done.",
        "In Decemberthe government charged Sam Rainsy with treason.",
        "The law firm was established in March 1998 and employs 300 lawyers.",
        "Jane Roe founded the law firm in 1998.",
        "Harbour works: Situation Report No. 4 (As of 25 April 2025)",
        "As of 25 April 2025, the council had approved 12 projects.",
        "Set against the almost 500,000 cars imported in 2024, this is a quarter of the trade.",
        "Critics said the goal of $300 billion a year by 2035 is far too small for the harbour towns.",
    ],
)
def test_no_event(nlp: Any, text: str) -> None:
    assert run(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The navy said on Saturday that a patrol boat had been rammed.", "2025-11-01"),
        ("Talks between the two sides collapsed in late July.", "2025-07"),
        ("Fighting in the border region resumed last month.", "2025-10"),
        ("Officials said that soon after March's budget announcement, the ministry had frozen the funds.",
         "2025-03"),
        ("The minister made an official visit to the region to meet local leaders on May 3-4, 2024.", "2024-05-03"),
        ("A frigate arrived in port for a visit from 24 to 28 October.", "2025-10-24"),
        ("The parties celebrated the 2019 ruling that settled the dispute.", "2019"),
        ("The envoys commemorated the 2016 arbitration ruling on the shoal.", "2016"),
        ("Rebels seized the town on Friday afternoon, the army said.", "2025-10-31"),
    ],
)
def test_event_dated_by_its_happening(nlp: Any, text: str, date: str) -> None:
    assert [e.date for e in run(nlp, text)] == [date]


def test_two_happenings_two_dates(nlp: Any) -> None:
    found = run(nlp, "The rivalry that began in 1983 and ended in 1991 left the valley divided.")
    assert sorted(e.date for e in found) == ["1983", "1991"]


def test_scheduled_events_are_marked(nlp: Any) -> None:
    (e,) = run(nlp, "The foreign ministers will hold talks in Geneva on 3 March.")
    assert (e.date, e.scheduled) == ("2026-03-03", True)
    (e,) = run(nlp, "The envoy is due to visit the capital next week.")
    assert (e.date, e.scheduled) == ("2025-11", True)
    (e,) = run(nlp, "The envoy visited the capital on 3 November.")
    assert not e.scheduled


def test_timeline_lines(nlp: Any) -> None:
    text = ("Timeline of the dispute:\n"
            "May 2024: A ranger is killed in a clash near the river.\n"
            "Wednesday, June 12, 2024: Country A recalls its ambassador and closes the consulate.\n"
            "Friday, June 14, 2024:\n"
            "Country B shuts its border crossings. Troops exchange fire near the pass.\n"
            "\n"
            "Analysts expect more talks between the two capitals.")
    found = [(e.date, e.text.split()[0]) for e in run(nlp, text, None)]
    assert found == [("2024-05", "A"), ("2024-06-12", "Country"), ("2024-06-14", "Country"),
                     ("2024-06-14", "Troops")]


def test_a_page_date_label_is_not_the_story(nlp: Any) -> None:
    (e,) = run(nlp, "date 2025-03-04 Rebels seized the town on Monday, the army said.", "2025-03-04")
    assert (e.date, e.text) == ("2025-03-03", "Rebels seized the town on Monday, the army said.")


def test_an_undated_text_dates_a_month_by_the_years_it_writes(nlp: Any) -> None:
    text = "On March 2, 2024, the council met in the capital.\nThe council voted on Tuesday, March 5, to dissolve."
    assert [e.date for e in run(nlp, text, None)] == ["2024-03-02", "2024-03-05"]


def test_the_lede_of_a_dated_story(nlp: Any) -> None:
    text = ("Border pact signed\n\nCountry A and Country B have signed a border agreement to end years of "
            "dispute.\n\nThe two leaders have met three times.")
    assert [(e.date, e.text[:9]) for e in run(nlp, text, "2025-06-10")] == [("2025-06-10", "Country A")]
    assert run(nlp, text, None) == []
    said = "Weeks after the storm, the ministry said it would rebuild the bridge along the coast road."
    assert [e.date for e in run(nlp, said, "2025-06-10")] == ["2025-06-10"]
    announced = "The ministry announced a plan to rebuild the bridge along the coast road."
    assert run(nlp, announced, "2025-06-10") == []  # a past without its day: not dated by the page


def test_a_month_without_a_year_needs_an_anchor(nlp: Any) -> None:
    assert run(nlp, "Cambodia broke off diplomatic relations with the United States in May.", None) == []
    (e,) = run(nlp, "Cambodia broke off diplomatic relations with the United States in May.", "2021-08-01")
    assert e.date == "2021-05"


def test_dateline_dates_the_lede(nlp: Any) -> None:
    text = ("Washington, D.C. – February 5, 2026 – The Bureau of Industry and Security has issued a "
            "final rule removing Cambodia from Country Group D:5.")
    (e,) = run(nlp, text, "2026-02-05")
    assert e.date == "2026-02-05" and e.text.startswith("The Bureau") and e.text.endswith("D:5.")


def test_the_most_specific_date_wins(nlp: Any) -> None:
    (e,) = run(nlp, "The rule, first drafted in 2024, was published on 7 November 2025.", "2025-11-14")
    assert e.date == "2025-11-07"


@pytest.fixture(scope="module")
def seed_events(nlp: Any) -> dict[str, list[Event]]:
    out = {}
    for path in sorted((ROOT / "seeds").glob("[0-9][0-9][0-9]_*.txt")):
        sid = path.name[:3]
        text = path.read_text(encoding="utf-8")
        src = Source(id=sid, path=str(path), text=text, date=ANCHORS[sid])
        out[sid] = list(events(nlp(text), src))
        for e in out[sid]:
            loc = e.sources[0]
            assert text[loc.start : loc.end] == e.text
    return out


@pytest.mark.parametrize(
    ("sid", "date", "words"),
    [
        ("000", "2025-11-06", "lifted its arms embargo"),
        ("001", "2025-11-06", "lifted an embargo"),
        ("000", "2025-10-31", "meeting between"),
        ("001", "2025-10-31", "Hegseth said"),
        ("000", "2025-07", "border clashes"),
        ("001", "2025-07", "border fighting"),
        ("000", "2021", "imposed in 2021"),
        ("001", "2021", "imposed the ban"),
        ("002", "2021-12", "Imposed in December 2021"),
        ("002", "2025-10-26", "White House announced"),
        ("002", "2026-02-05", "final rule officially removing Cambodia"),
        ("002", "2025-11", "final rule from the State Department in November"),
    ],
)
def test_seed_event(seed_events: dict[str, list[Event]], sid: str, date: str, words: str) -> None:
    assert any(e.date == date and words in e.text for e in seed_events[sid]), [
        (e.date, e.text[:60]) for e in seed_events[sid]
    ]


def test_seed_timeline_has_nothing_else(seed_events: dict[str, list[Event]]) -> None:
    assert seed_events["004"] == []  # its years were stripped: "in Novemberthe", "In Decemberthe"
    dates = {e.date for v in seed_events.values() for e in v}
    assert dates <= {"2025-11-06", "2025-10-31", "2025-07", "2021", "2021-12", "2025-10-26", "2026-02-05",
                     "2025-10", "2025-11", "2022-08-02"}  # last week's signing; November's rule; a trip
    assert sum(len(v) for v in seed_events.values()) <= 16
    (trip,) = [e for e in seed_events["003"] if e.scheduled]
    assert trip.date == "2022-08-02"


def test_a_plan_never_merges_with_what_happened() -> None:
    from briefer.corroborate import merge_events
    from briefer.model import Location

    text = "The two defence ministers {} talks on border security in the capital on 3 March."
    plan = Event(id="", date="2026-03-03", text=text.format("will hold"), sources=[Location("a", 0, 1)],
                 scheduled=True)
    done = Event(id="", date="2026-03-03", text=text.format("held"), sources=[Location("b", 0, 1)])
    again = Event(id="", date="2026-03-03", text=text.format("held"), sources=[Location("c", 0, 1)])
    merged, conflicts = merge_events([plan, done, again])
    assert [(e.scheduled, len(e.sources)) for e in merged] == [(True, 1), (False, 2)] and conflicts == []


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("Since its 1967 debut, the aircraft has been sold to forty airlines.", ["1967"]),
        ("The agency met its 2030 target for clean power early.", []),
        ("In 2009, the carmaker bought a twenty percent stake in its rival.", ["2009"]),
        ("The country exported $8 billion of rice in 2021.", []),  # a sum over a year: a figure
        ("Officials discussed the 2040 emissions plan that the cabinet approved.", []),
        ("On 4 May 2025, the court voided the 2009 harbour lease law for the ferry firm.", ["2025-05-04"]),
    ],
)
def test_what_a_year_dates(nlp: Any, text: str, dates: list[str]) -> None:
    assert [e.date for e in run(nlp, text)] == dates


def test_one_happening_told_twice_in_a_source_is_one_event() -> None:
    from briefer.corroborate import merge_events
    from briefer.model import Location

    a = Event(id="", date="2025-04-05", text="The prime minister opened the renovated harbour base on Saturday.",
              sources=[Location("s", 0, 10)])
    b = Event(id="", date="2025-04-05", text="Envoys attended the opening of the renovated harbour base on Saturday.",
              sources=[Location("s", 20, 30)])
    c = Event(id="", date="2025-04-05", text="Rain flooded the coastal road on Saturday.",
              sources=[Location("s", 40, 50)])
    merged, _ = merge_events([a, b, c])
    assert [len(e.sources) for e in merged] == [2, 1]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The two states signed the charter on September 16 last year.", "2024-09-16"),
        ("The junta took power after a coup in that country in July last year.", "2024-07"),
        ("In July this year, the three leaders held their first summit in the capital.", "2025-07"),
        ("The exit has become effective today, 29th January 2025.", "2025-01-29"),
        ("On Tuesday, some 5 million voters have been called to the polls.", "2025-11-04"),
        ("The states left the union, which had vowed to act in Borvia following a coup in that country in "
         "July last year.", "2024-07"),
    ],
)
def test_dates_named_relative_to_a_year_and_a_dated_perfect(nlp: Any, text: str, date: str) -> None:
    assert [e.date for e in run(nlp, text)] == [date]


def test_live_report_entries_take_the_page_day(nlp: Any) -> None:
    text = ("Polls opened across the country this morning.\n\n"
            "11:42 am: The deputy leader praised the turnout. She spoke after voting at a school.\n\n"
            "9.05 GMT - The council reported that most stations had opened. The mood is calm.\n\n"
            "Analysts expect a high turnout.")
    found = [(e.date, e.text.split()[0]) for e in run(nlp, text, "2025-11-02")]
    assert ("2025-11-02", "The") in found and ("2025-11-02", "She") in found
    assert ("2025-11-02", "Analysts") not in found
    assert not [e for e in run(nlp, text, "2025-11-02") if e.text.startswith("The mood")]  # no happening
    assert not [e for e in run(nlp, text, "2025-11") if e.text.startswith("She")]  # no day, no entry date


def test_one_verb_with_dated_conjuncts_tells_each_happening(nlp: Any) -> None:
    text = ("The juntas have had tense ties with the bloc since coups took place in Arland last July, Borvia in "
            "2022 and Cestia in 2020.")
    assert [e.date for e in run(nlp, text, "2024-01-29")] == ["2023-07", "2022", "2020"]
    assert [e.date for e in run(nlp, "The army took the port in 2022 and the capital on May 3, 2022.")] == \
        ["2022-05-03"]


def test_a_date_alone_on_its_line_heads_the_paragraph_below(nlp: Any) -> None:
    text = ("Chronology\n\n"
            "June 14, 2024 \n"
            "Country B shuts its border crossings. Troops exchange fire near the pass.\n\n"
            "March 2, 2023\n"
            "A ranger is killed in a clash near the river, the ministry says.\n")
    found = [(e.date, e.text.split()[0]) for e in run(nlp, text, None)]
    assert found == [("2024-06-14", "Country"), ("2024-06-14", "Troops"), ("2023-03-02", "A")]


def test_a_year_in_a_documents_name_does_not_date_the_happening(nlp: Any) -> None:
    got = run(nlp, "The two towns announced on 3 March 2024 that they would redraw the line under the "
                   "Harbour Compact of 1921.")
    assert [e.date for e in got] == ["2024-03-03"]
    assert run(nlp, "The councils redrew the line under the Harbour Compact of 1921.") == []


def test_a_deadline_after_by_is_not_when_it_happened(nlp: Any) -> None:
    assert run(nlp, "The mayor signed an order closing all night markets by 1 June 2025.") == []
    assert [e.date for e in run(nlp, "The bridge was finished by May 2025.")] == ["2025-05"]


def test_a_month_of_a_year_still_dates_the_happening(nlp: Any) -> None:
    assert [e.date for e in run(nlp, "The council approved the budget in May of 2024.")] == ["2024-05"]


def test_a_context_year_its_weekday_contradicts_is_not_the_dates_year(nlp: Any) -> None:
    text = ("Both towns were founded in 1991 on the river. "
            "On Friday, August 8, the two mayors will sign a water accord in the capital.")
    assert [e.date for e in run(nlp, text, None) if "mayors" in e.text] == []
    ok = "Both towns were founded in 2025 on the river. On Friday, August 8, the two mayors signed a water accord."
    assert [e.date for e in run(nlp, ok, None) if "mayors" in e.text] == ["2025-08-08"]


def test_a_sentence_that_lost_its_numbers_dates_nothing(nlp: Any) -> None:
    from briefer.model import Mention

    text = "The two ports signed a deal on March 2024, XNUMX, in the capital. The mayor opened a quay on 3 May 2025."
    src = Source(id="s", path="s.txt", text=text, date="2025-06-01", anchor="2025-06-01",
                 garbled=[Mention(0, text.index(" The mayor"))])
    assert [e.date for e in events(nlp(text), src)] == ["2025-05-03"]


def test_dateline_date_gives_way_to_the_storys_own_weekday(nlp: Any) -> None:
    text = ("HARBOUR CITY, March 5, 2025 (Lantern Wire) – The shipping group Ostra Holdings said "
            "Tuesday that it will sell its two container terminals to a consortium of investors.")
    (event,) = run(nlp, text, date="2025-03-05")  # a Wednesday
    assert (event.date, event.date_text) == ("2025-03-04", "Tuesday")


def test_a_date_label_run_into_the_lede_does_not_drop_the_lede(nlp: Any, tmp_path: Path) -> None:
    from briefer import ingest

    page = tmp_path / "page.txt"
    page.write_text(" date 2025-04-23 Country A on Wednesday closed its northern border crossing to all traffic.\n\n"
                    "The cabinet met for three hours before the decision.\n", encoding="utf-8")
    (src,), _ = ingest.load([page])
    assert src.furniture  # the reader marks the date label as furniture ...
    found = list(events(nlp(src.text), src))  # ... and the lede after it on its line is still the story
    assert [(e.date, e.text[:9]) for e in found][:1] == [("2025-04-23", "Country A")]


@pytest.mark.parametrize(
    ("text", "date", "dates"),
    [
        # an offset from the page's day ("a day earlier" counts back)
        ("Country A on Wednesday closed its border, in response to the raid that killed nine guards a day "
         "earlier.", "2025-04-23", ["2025-04-23", "2025-04-22"]),
        # an offset from the day the sentence names
        ("On 7 May the army shelled the border town, and two days later the rebels withdrew.", "2025-06-18",
         ["2025-05-07", "2025-05-09"]),
        # "in the early hours of Saturday"
        ("In the early hours of Saturday, Country B said two of its air bases were struck by drones.",
         "2025-05-10", ["2025-05-10"]),
        # a genocide named by its year and a country: a happening, not a name
        ("The armed group was founded by exiles linked to the massacres in the 1994 Ruritania genocide.",
         "2025-06-27", ["1994"]),
        # a lede the next sentence dates to the day before the page
        ("The rulers of Arland and Borvia have announced their withdrawal from the regional bloc. The leaders "
         "yesterday issued a statement calling it a sovereign decision.", "2024-01-29", ["2024-01-28", "2024-01-28"]),
        # "this morning" dates the happening of its clause
        ("Rescuers were sent to the shoal after the storm. Despite the blockade, the rescue boat reached the "
         "fishermen this morning, the coast guard said.", "2025-12-13", ["2025-12-13"]),
    ],
)
def test_offsets_and_days_told_around_the_happening(nlp: Any, text: str, date: str, dates: list[str]) -> None:
    assert [e.date for e in run(nlp, text, date)] == dates


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # a treaty's signing year, told in passing, is when the thing was made
        ("The Hill Accord, signed in 1972, was suspended after the raid.", "2025-06-27"),
        # "said on Saturday" after the past it reports: when it was said, not when that happened
        ("Patrol ships fired water cannon at 20 fishing boats near the reef, the coast guard said on Saturday.",
         "2025-12-13"),
        # a standfirst: the text describing its own study
        ("Jane Roe examines the norms that were broken during the May 2024 border war.", "2025-06-18"),
        # a plan with "should" is no happening, even when the page's year is all that is known
        ("The minister stressed that talks should end with the signing of a pact in mid-June.", "2025"),
    ],
)
def test_no_happening_of_the_story(nlp: Any, text: str, date: str) -> None:
    assert run(nlp, text, date) == []


def test_what_has_happened_as_of_the_day_it_was_said_is_that_days_news(nlp: Any) -> None:
    text = ("Ruritania and Borduria have agreed to study a price floor instead of duties imposed last year, "
            "a ministry spokesperson said on Thursday.")
    assert [e.date for e in run(nlp, text, "2025-04-11")] == ["2025-04-10"]


def test_a_dated_main_verb_leaves_a_happening_nouns_month_as_background(nlp: Any) -> None:
    text = "The envoy told reporters on Tuesday that the truce is the first step since a four-day war in May."
    assert [e.date for e in run(nlp, text, "2025-06-18")] == ["2025-06-17"]


def test_yearless_timeline_entries_with_a_title(nlp: Any) -> None:
    text = ("Here is how the crisis unfolded.\n"
            "April 22: Border post attacked\n"
            "Gunmen killed nine guards at a border post near the river. The group later denied any role.\n"
            "April 23: Country A closes the crossing\n"
            "The cabinet met for three hours.\n")
    found = [(e.date, e.text) for e in run(nlp, text, "2025-05-12")]
    assert found == [("2025-04-22", "April 22: Border post attacked"),
                     ("2025-04-22", "Gunmen killed nine guards at a border post near the river."),
                     ("2025-04-23", "April 23: Country A closes the crossing"),
                     ("2025-04-23", "The cabinet met for three hours.")]
    assert run(nlp, text, None) == []  # no year anywhere: unknown stays unknown


def test_a_quotation_told_on_a_day_is_of_that_day(nlp: Any) -> None:
    text = "“We gave the port back to its owners,” the president told parliament on Tuesday."
    assert [e.date for e in run(nlp, text, "2025-03-05")] == ["2025-03-04"]


def test_a_day_the_model_left_out_of_its_date_is_read_back(nlp: Any) -> None:
    text = ("Lorvik imposes port fees while talks continue\n\n4 July 2025, nine months after the inquiry began, "
            "the Lorvik council imposed new port fees on foreign ships.")
    assert [(e.date, e.date_text) for e in run(nlp, text, None)] == [("2025-07-04", "4 July 2025")]


def test_a_target_year_is_not_the_time_a_yearless_day_is_read_in(nlp: Any) -> None:
    text = ("Critics said the goal of $300 billion a year by 2035 is too small. Even before the summit "
            "began on November 11, all signs were that it would be hard. The talks of 2024 were long.")
    assert "2024-11-11" in [e.date for e in run(nlp, text, None)]


def test_a_past_happening_by_a_year_and_a_time_until_a_month_stay_dated(nlp: Any) -> None:
    assert [e.date for e in run(nlp, "By 2023, most of the villagers had fled the valley of Ostra.", None)] == ["2023"]
    text = ("The grants will continue until November 2031, the ministry said. Soon after February's aid "
            "freeze, the ministry issued a waiver for the demining teams.")
    assert "2031-02" in [e.date for e in run(nlp, text, None)]


def test_a_start_written_as_of_a_day_is_an_event(nlp: Any) -> None:
    text = "The new port fees will apply as of 5 July 2025 for four months."
    assert [e.date for e in run(nlp, text, "2025-07-04")] == ["2025-07-05"]


def test_founding_something_on_a_month_is_an_act_of_the_story(nlp: Any) -> None:
    text = "Ruritania, Borduria and Castello established the alliance in September 2025."
    assert [e.date for e in run(nlp, text)] == ["2025-09"]
    assert run(nlp, "The charter, which established the alliance in September 2025, makes no mention of it.") == []


def test_a_city_and_day_dateline_with_a_colon_after_a_date_label_gives_way_to_the_storys_weekday(
        nlp: Any, tmp_path: Path) -> None:
    from briefer import ingest

    page = tmp_path / "page.txt"
    page.write_text(" date 2031-09-13 Lorvik, Sept 13: Jane Roe was sworn in as the prime minister of Ruritania on "
                    "Friday night, ending days of uncertainty.\n\nThe cabinet met for three hours.\n", encoding="utf-8")
    (src,), _ = ingest.load([page])
    found = list(events(nlp(src.text), src))
    assert [(e.date, e.text[:8]) for e in found][:1] == [("2031-09-12", "Jane Roe")]  # 13 September 2031: a Saturday


def test_relative_days_count_from_a_dateline_a_day_after_the_page_was_posted(nlp: Any, tmp_path: Path) -> None:
    from briefer import ingest

    page = tmp_path / "page.txt"
    page.write_text(" date 2031-09-12 Ruritania votes again\n\nHARBOUR CITY, Sept 13 (Lantern Wire) – The "
                    "parliament was dissolved, and a new election was set for March 5, 2032, the president's office "
                    "said.\n\n"
                    "The prime minister took office earlier yesterday, the office said in a statement.\n",
                    encoding="utf-8")
    (src,), _ = ingest.load([page])
    assert (src.date, src.anchor) == ("2031-09-12", "2031-09-13")
    found = {e.date: e.text[:20] for e in events(nlp(src.text), src)}
    assert found.get("2031-09-12", "").startswith("The prime minister")  # "yesterday" from 13 September
    assert found.get("2032-03-05", "").startswith("The parliament")  # "set for" a day: no span of time
