"""Similar words, different facts: dates, figures and parties that tell two statements apart
(made-up sentences)."""

from __future__ import annotations

import pytest

from briefer.corroborate import merge_facts, signature, similar
from briefer.distinct import different, parties, stated_dates
from briefer.model import Fact, Location, Source

DECLARATION = ("Today, Secretary Ilse Halm convened the signing of a Declaration of Principles between the "
               "Government of Arvelia and the Government of Dostrana in Geneva.")
AGREEMENT = ("Secretary Ilse Halm and Senior Advisor Oren Pask hosted the ministerial signing of the Peace "
             "Agreement between Arvelia and Dostrana in Geneva on May 30.")
DAM_A = ("The Halvard Ridge dam, built by Norvik Energy and financed by Caldera Bank, is one of several disputed "
         "projects on the Senna river.")
DAM_B = ("The Teslin Gorge dam, built by Ostrava Power and financed by Moraine Fund, is one of several disputed "
         "projects on the Senna river.")
THANKS = ("Minister Reyl recognised the Dostrana team for their efforts, singling out Secretary Ilse Halm and "
          "Senior Advisor Oren Pask.")
PRESENT = ("Deputy Secretary Mara Quill, Senior Advisor Oren Pask and Ambassador Teo Brand joined Secretary Ilse Halm "
           "in Dostrana.")
TOLL_A = "Floods in the northern Tarsin province killed 41 people and destroyed 2,300 homes, officials said."
TOLL_B = "Officials said floods in northern Tarsin province killed 17 people and destroyed bridges."


def fact(text: str, source: str, score: float = 1.0) -> Fact:
    return Fact(id="", text=text, sources=[Location(source, 0, len(text))], themes=["t"], score=score)


@pytest.mark.parametrize("a, b", [
    (DECLARATION, AGREEMENT), (DAM_A, DAM_B), (TOLL_A, TOLL_B), (THANKS, PRESENT)])
def test_similar_words_of_two_happenings_stay_two_facts(a: str, b: str):
    assert similar(signature(a), signature(b))  # the words alone would merge them
    sources = [Source(id="x", path="x", text="", date="2030-04-25", anchor="2030-04-25"),
               Source(id="y", path="y", text="")]
    merged = merge_facts([fact(a, "x", 2.0), fact(b, "y")], sources)
    assert [f.text for f in merged] == [a, b]


def test_today_is_read_against_the_source_date():
    assert stated_dates(DECLARATION, "2030-04-25") == ((2030, 4, 25),)
    assert stated_dates(DECLARATION) == ()  # no date to read it against: no date stated
    assert different(DECLARATION, AGREEMENT, "2030-04-25")


@pytest.mark.parametrize("a, b, anchors", [
    # one happening: a weekday that is the other's date, the same figure written two ways
    ("Prime Minister Dara Vell said on Saturday that the port was opened to all navies.",
     "On April 6, Prime Minister Dara Vell said the port was opened to all navies.", ("2030-04-07", None)),
    ("The fund gave 1,200,000 dollars to demining in Tarsin province in 2029, officials said.",
     "Officials said the fund gave 1200000 dollars in 2029 to demining in Tarsin province.", (None, None)),
    # one deal told as its seller's plan and as its buyer's agreement
    ("Norvik Holdings said on Tuesday that it will sell its Calder port terminals to a consortium led by Ostbank.",
     "A consortium led by Ostbank has agreed to acquire Norvik Holdings' port terminals, including Calder.",
     ("2030-03-05", "2030-03-05")),
    # one says more about the same parties
    ("Minister Tomas Reyl and Secretary Ilse Halm signed the accord.",
     "Arvelia's Tomas Reyl signed the accord with Ilse Halm of Dostrana in Geneva.", (None, None)),
])
def test_one_happening_told_two_ways_is_one_fact(a: str, b: str, anchors: tuple[str | None, str | None]):
    assert not different(a, b, *anchors)
    sources = [Source(id=i, path=i, text="", anchor=anchor) for i, anchor in zip("xy", anchors, strict=True)]
    assert len(merge_facts([fact(a, "x"), fact(b, "y")], sources)) == 1


def test_parties_leave_out_titles_months_and_the_first_word():
    assert parties("Yesterday Foreign Minister Tomas Reyl met the President of Dostrana in March.") == \
        {"tomas", "reyl", "dostrana"}
