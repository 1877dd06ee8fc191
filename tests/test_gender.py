"""Pronouns and gender: a "she" never names a man the text calls "Mr.", nor a "he" a woman it
calls "Ms." or "spokeswoman" (real model; `briefer.extract.quotes.gender`)."""

from __future__ import annotations

from typing import Any

import pytest

from briefer.extract.quotes import paragraphs, quoted_spans, quotes
from briefer.extract.quotes.gender import _role_gender, genders
from briefer.extract.quotes.reading import Reading
from briefer.model import Source

CASES = [
    pytest.param(
        "Ms. Sok Mealea met the envoy on Friday. Mr. Hun Manet welcomed the visit.\n"
        "“We need more time to rebuild the villages,” she said.", "Sok Mealea", id="honorifics"),
    pytest.param(
        "Chea Sophara, the ministry's spokeswoman, met the envoy on Friday. Mr. Hun Manet "
        "welcomed the visit.\n“The talks went well,” she said.", "Chea Sophara",
        id="gendered-role"),
    pytest.param(
        "Hillary Clinton arrived in Phnom Penh on Monday. On Tuesday Bill Clinton joined the "
        "visit. He met the king at the palace.\n“It is a fine city,” she said.",
        "Hillary Clinton", id="he-opens-the-next-sentence"),
    pytest.param(
        "Hillary Clinton and Bill Clinton toured the old temples on Monday. Hillary Clinton "
        "praised the temples. She met the monks.\n“The work here is remarkable,” he said.",
        "Bill Clinton", id="the-he-of-two-names"),
    pytest.param(
        "Bill Clinton and Hillary Clinton toured the old temples on Monday. Hillary Clinton "
        "praised the temples. She met the monks. Clinton later thanked the abbot.\n“The work "
        "here is remarkable,” he said.", "Bill Clinton", id="one-surname-two-people"),
    pytest.param(
        "Sok Mealea met the envoy on Friday. Hun Sen released his plan on Monday.\n“We need "
        "more time to rebuild the villages,” she said.", "Sok Mealea", id="his-own-plan"),
    pytest.param(
        "Gregory Poling met Hun Manet on Friday.\n“It is largely symbolic,” he said.",
        "Gregory Poling", id="no-evidence-no-filter"),
]


@pytest.mark.parametrize(("text", "speaker"), CASES)
def test_pronoun_speaker_agrees_in_gender(nlp: Any, text: str, speaker: str) -> None:
    src = Source(id="t", path="t.txt", text=text)
    (quote,) = [q for q in quotes(nlp(text), src) if q.kind == "direct"]
    assert quote.speaker == speaker


def test_evidence_inside_quotes_and_same_sentence_is_ignored(nlp: Any) -> None:
    """A quote's "his" is the speaker's business, and a he in the sentence that names a woman
    may be someone else ("Rubio asked whether he ..."): neither is evidence."""
    text = ("Sen. Mary Lou asked the banker whether he would resign. “My father lost his "
            "savings,” Lou said.\n")
    doc = nlp(text)
    spans = quoted_spans(text)
    people = Reading(doc, [(s.open, s.close) for s in spans], paragraphs(text))
    assert genders(doc, people.persons, lambda p, _g: p.name, people.inside) == {}
    assert people.names.genders == {}


def test_a_name_that_opens_with_a_kinship_word_has_no_gender(nlp: Any) -> None:
    """"Son" opens Khmer names ("Son Chhay"); only honorifics may open a name and count."""
    text = "Opposition lawmaker Son Chhay met the envoy on Friday. Ms. Mu Sochua spoke later."
    doc = nlp(text)
    people = Reading(doc, [], paragraphs(text))
    assert people.names.genders == {"Mu Sochua": "f"}


def test_mr_surname_is_not_the_first_lady(nlp: Any) -> None:
    """"Mr. Sok" is not expanded to the one full name the text gave, when that name is "the
    first lady, Bopha Sok": the speaker stays "Sok"."""
    text = ("The first lady, Bopha Sok, toured the port on Monday. Later, Mr. Sok opened the "
            "terminal.\n“The port is open to every navy,” Mr. Sok said.")
    (quote,) = [q for q in quotes(nlp(text), Source(id="t", path="t.txt", text=text))]
    assert quote.speaker == "Sok"


@pytest.mark.parametrize(("role", "gender"), [
    ("Kaine's wife", "f"), ("spokeswoman for the ministry", "f"), ("his son", "m"),
    ("a harbour adviser to Mrs. Castell", ""), ("a mother of two", "f"), ("", "")])
def test_role_gender_reads_the_role_noun(role: str, gender: str) -> None:
    assert _role_gender(role) == gender

