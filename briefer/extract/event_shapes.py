"""Shapes of text that date events beyond a date on the happening's own verb.

A live report's clock-time entries ("11:42 am: ...") are of the page's day; a verb left out before
named conjuncts ("coups in A last July, B in 2022 and C in 2020") tells one happening per date;
a present perfect on a named day ("has become effective today, 29 May") happened that day.
Some dates in a sentence do not date its happening: a year in a name ("the Charter of 1945"), a
deadline ("dissolving the councils by 1 January"), a year its weekday contradicts.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from briefer.extract.dates import tense_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from briefer.model import Source

DateHit = tuple[int, int, str, str]  # start, end, words, iso

# A line that opens with a clock time ("11:42 am:", "09.15 GMT -"): a live-report entry of the page's day.
_CLOCK_LINE = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\s*)?(?::|[-–—])\s+", re.IGNORECASE)


def of_heading(unit: Span, live: bool) -> bool:
    """Whether a sentence under a date heading tells something of that date: not a plan, and under a
    live report's clock time only what happened ("The process is quick" is no happening)."""
    tense = tense_of(unit.root)
    return tense == "past" if live else tense != "future"


def clock_line(text: str, first: int, source: Source) -> tuple[DateHit, int] | None:
    """A live report's entry ("11:42 am: The minister voted"): the page's own day, and where the text
    starts; None unless the page is dated to the day."""
    if not source.date or len(source.date) != 10 or text[text.rfind("\n", 0, first) + 1:first].strip():
        return None
    m = _CLOCK_LINE.match(text, first)
    if m is None:
        return None
    return (first, first + len(m[0].rstrip(" :-–—")), "", source.date), m.end()


# Between two dates of one verb: ", Upper Arland" or " and Borvia": the verb's next conjunct, named.
_NEXT_CONJUNCT = re.compile(r"^[^.;:]{0,12}?(?:,|\band\b)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s+"
                            r"(?:in|on|last|this)\b")


def gapped(text: str, found: list[tuple[DateHit, bool]]) -> list[list[tuple[DateHit, bool]]]:
    """Split the dates of one verb where the verb is left out before a named conjunct: "coups took
    place in A last July, B in 2022 and C in 2020" tells three happenings."""
    found = sorted(found, key=lambda f: f[0][0])
    parts = [[found[0]]]
    for prev, cur in zip(found, found[1:], strict=False):
        if _NEXT_CONJUNCT.match(text[prev[0][1] : cur[0][0] + 8]):
            parts.append([cur])
        else:
            parts[-1].append(cur)
    return parts


def perfect(verb: Token) -> bool:
    """ "has become", "have been called": a present perfect (has/have, not had, with a participle)."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in verb.children)


def names_a_thing(root: Token, month: str) -> bool:
    """A date that is part of a name after it ("the Alma-Ata Declaration of 1991", "the Charter
    of 1945"): when that thing was made, not when the sentence's happening was."""
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "of" or prep.i == 0:
        return False
    name = root.doc[prep.i - 1]  # the word before "of", whatever the parse attaches "of" to
    return name.pos_ == "PROPN" and name.text[:1].isupper() and not re.fullmatch(month, name.text, re.I)


def deadline(root: Token) -> bool:
    """ "signed a decree dissolving the councils by 1 January": a date after "by" on a verb that is
    no finite verb is the deadline of what is planned, not the date of what happened."""
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "by" or prep.head.i == prep.i:
        return False
    return prep.head.tag_ in ("VBG", "VB")


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def weekday_agrees(written: str, iso: str) -> bool:
    """False when the date as written names a weekday its day in that year is not ("Friday,
    August 8" read in a year when 8 August was a Thursday): the year is not the date's."""
    named = [i for i, day in enumerate(_WEEKDAYS) if re.search(rf"\b{day}\b", written, re.I)]
    if len(named) != 1 or len(iso) != 10:
        return True
    try:
        return datetime.date.fromisoformat(iso).weekday() == named[0]
    except ValueError:
        return True


def reported_past(verb: Token) -> bool:
    """ "Ships fired water cannon at the boats, the coast guard said on Saturday": a date on "said"
    after the past it reports is when it was said, not when that happened (often a day before)."""
    if verb.lemma_.lower() not in ("say", "tell", "add") or verb.dep_ != "ROOT":
        return False
    told = [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]
    if not told or any(t.is_quote for t in verb.doc[told[0].left_edge.i:verb.i]):
        return False  # a quotation's words ("We gave it back," he told ... on Tuesday) are the act of that day
    return tense_of(told[0]) == "past"
