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
    (e,) = run(nlp, text)
    assert (e.date, e.date_text, e.text) == (date, date_text, text)


@pytest.mark.parametrize(
    "text",
    [
        "The Secretary will travel to Phnom Penh, Cambodia, from August 2-6.",
        "The United States has helped improve labor conditions for more than 20 years.",
        "Since 2012, the Youth Council has enhanced our people-to-people diplomacy.",
        "Much of the infrastructure built with U.S. support remains in use today.",
        "Last week's peace deal will be remembered as a milestone.",
        "Over the past decade, there have been misunderstandings.",
        "Following the conclusion of two trials in Novemberthe government announced its work was done.",
        "In Decemberthe government charged Sam Rainsy with treason.",
    ],
)
def test_no_event(nlp: Any, text: str) -> None:
    assert run(nlp, text) == []


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
    (e,) = run(nlp, "The rule, first drafted in 2024, was published on 7 November 2025.")
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
    ],
)
def test_seed_event(seed_events: dict[str, list[Event]], sid: str, date: str, words: str) -> None:
    assert any(e.date == date and words in e.text for e in seed_events[sid]), [
        (e.date, e.text[:60]) for e in seed_events[sid]
    ]


def test_seed_timeline_has_nothing_else(seed_events: dict[str, list[Event]]) -> None:
    assert seed_events["004"] == []  # its years were stripped: "in Novemberthe", "In Decemberthe"
    dates = {e.date for v in seed_events.values() for e in v}
    assert dates <= {"2025-11-06", "2025-10-31", "2025-07", "2021", "2021-12", "2025-10-26", "2026-02-05"}
    assert sum(len(v) for v in seed_events.values()) <= 13
