"""Which quantities a brief's figures table holds, and the date each one describes.

`brief_figure` keeps what a reader wants in a figures table (money, shares, counts, measures)
and leaves out ages, vague amounts, a count of one, a conversion in brackets and durations that
only time something else. `figure_date` is the date the figure's own clause gives it: never a
date of another clause ("the war that began in 1970"), never the start of a period ("since
1950") and never a target or projection ("by 2040").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefer.extract.dates import point_dates

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from briefer.model import Figure

AGE_UNITS = ("years of age", "months of age")  # ages are quantities, never brief figures
DURATIONS = {"year", "years", "month", "months", "week", "weeks", "day", "days", "decade", "decades",
             "hour", "hours", "minute", "minutes", "century", "centuries"}
_CONVERSION = re.compile(r"\d[\d,.]*\s*(?:[A-Za-z%$€£]+\s*){0,3}\($")
# "$100 in 1914 is equivalent to $3,154.93 today", "1 euro = 1.08 dollars": the unit of a conversion
_EQUIVALENT = re.compile(r"^(?:\s+(?:in|of|at|from)\s+\S+(?:\s+\S+)?)?\s+(?:(?:is|are|was|were|would\s+be)\s+"
                         r"(?:equivalent|equal)\s+to|equals?)\s+(?:(?:roughly|about|around)\s+)?\S{0,3}\d"
                         r"|^(?:\s*[a-z]+)?\s*=\s*\S{0,3}\d", re.IGNORECASE)
# "the eastern half of", "its other half": a part named, not a share
_PART_BEFORE = re.compile(r"\b(?:the|its|their|his|her|our|this|that)\s+(?:[\w-]+\s+)?"
                          r"(?:(?:first|second|last|latter|former|other|upper|lower|top|bottom|[a-z]+ern)\s+)?$",
                          re.IGNORECASE)
_TIMING_AFTER = re.compile(r"\s*(?:of\b|ago\b|after\b|before\b|later\b|earlier\b|from\s+now\b)", re.IGNORECASE)
_PENALTY = re.compile(r"\b(?:sentenced|jailed|imprisoned|sentence|term|faces?|facing)\b[^.;]{0,22}$",
                      re.IGNORECASE)
# what makes a duration the length of something: "for 76 years", "within four months", "a meeting that
# lasted seven hours", "spending three days on the road" (not "the last 30 years": a time frame)
_LENGTH_BEFORE = re.compile(r"\b(?:for(?:\s+the\s+(?:past|last|previous))?|within|lasted|lasting|lasts|spent|spend|"
                            r"spends|spending)\s+$", re.IGNORECASE)
# what a period is the period of: a sum or a share ("$3 billion over the last 30 years"), not a count
# of people ("260,000 civilians trapped for 18 months": how long they have been trapped)
_RATES = {"percent", "percentage points", "basis points", "fraction"}
_OPEN_ENDS = {"since", "from", "until", "till", "through", "after", "before", "between"}
_FUTURE = re.compile(r"\b(?:will|would|shall|expected|projected|forecast|target|targets|goal|aims?|plans?|"
                     r"planned|estimated\s+to|set\s+to|likely\s+to|could|may|might)\b", re.IGNORECASE)


def brief_figure(text: str, fig: Figure, others: list[Figure], *, vague: bool = False) -> bool:
    """True when a quantity belongs in a figures table; `others` are its sentence's other quantities."""
    if vague or fig.unit in AGE_UNITS or fig.unit is None and not fig.about:
        return False  # an age, "millions of", or a bare number nothing says the measure of
    if fig.value == 1 and fig.text.split()[-1].lower() in ("one", "a", "an"):
        return False  # "one soldier": a narrative detail, not a figure
    if _CONVERSION.search(text[max(0, fig.start - 30) : fig.start]):
        return False  # "35 yards (105 feet)": the same figure again in other units
    if fig.unit == "fraction" and _PART_BEFORE.search(text[max(0, fig.start - 40) : fig.start]):
        return False  # "the eastern half of the country", "the first quarter of 2025": a part, not a share
    if _EQUIVALENT.match(text[fig.end : fig.end + 60]):
        return False  # "$100 in 1914 is equivalent to $3,154 today": the measure is the other side
    if re.search(r"\w-(?:year|month|week|day|hour)$", fig.text):
        return True  # "a six-month window": made a figure only as the length of a named period
    if (fig.unit or "").lower() in DURATIONS:
        return _duration_is_figure(text, fig, others)
    return True


def _duration_is_figure(text: str, fig: Figure, others: list[Figure]) -> bool:
    """A duration is a figure when it is stated exactly as the length of something ("relations for
    76 years", "to conclude within four months", "talks that lasted seven hours"); not when vague
    ("more than 20 years"), the period of a sum or a share in its sentence ("over the last 30 years,
    $3 billion"), or the timing of an event ("after five days of clashes")."""
    if _PENALTY.search(text[max(0, fig.start - 30) : fig.start]):
        return True  # "sentenced to 15 years", "faces up to 20 years in prison"
    if fig.qualifier is not None or _TIMING_AFTER.match(text[fig.end : fig.end + 12]):
        return False
    if any(_rate(o) for o in others):
        return False
    return bool(_LENGTH_BEFORE.search(text[max(0, fig.start - 24) : fig.start]))


def _rate(fig: Figure) -> bool:
    """A sum of money or a share: what a duration in its sentence is the period of."""
    unit = fig.unit or ""
    return unit in _RATES or unit.isupper() and len(unit) == 3 or unit in ("GBp", "MYR sen")


def figure_date(doc: Doc, sent: Span, anchor: str | None, start: int, end: int) -> str | None:
    """The ISO date the figure at [start, end) describes, when its own clause gives one; none when
    that date is a projection ("forecast to reach $7 billion in 2026")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    clause = _clause_head(span.root)
    found = []
    for s, e, _, iso in point_dates(sent, anchor):
        date = doc.char_span(s, e, alignment_mode="expand")
        if date is None or not len(date) or not _governs(date.root, clause):
            continue
        if _projected(doc, sent, date.root, iso, anchor):
            return None  # a target year: the figure is what is expected, of no date yet
        found.append((abs(s - start), iso))
    return min(found)[1] if found else None


def _clause_head(tok: Token) -> Token:
    """The verb (or root) of the clause a token belongs to."""
    while tok.head.i != tok.i and tok.pos_ not in ("VERB", "AUX"):
        tok = tok.head
    return tok


def _governs(date: Token, clause: Token) -> bool:
    """True when a date belongs to the figure's clause or to a clause above it, and does not open
    or close a period ("since their establishment on 11 July 1950"). A conjoined clause shares a
    date only when the date leads the sentence ("In 2021, exports rose and reached $8.7 billion")."""
    tok = date
    while True:
        if tok.lower_ in _OPEN_ENDS and tok.i != date.i:
            return False
        if tok.pos_ in ("VERB", "AUX") and tok.i != date.i or tok.head.i == tok.i:
            break
        tok = tok.head
    head, node, crossed = tok, clause, False
    while node.i != head.i:
        if node.head.i == node.i or node.dep_ in ("relcl", "acl") and node.pos_ in ("VERB", "AUX"):
            return False  # "the shoal, which lies within ...": a clause of its own time
        crossed = crossed or node.dep_ == "conj"
        node = node.head
    return not crossed or date.i < head.i


def _projected(doc: Doc, sent: Span, date: Token, iso: str, anchor: str | None) -> bool:
    """A target or projection year ("by 2040", "expected to reach ... in 2030")."""
    if anchor and iso > anchor[: len(iso)]:
        return True  # later than the source itself: what is expected, not what is
    if anchor is not None:
        return False  # "by the end of 2024" in a 2025 source: a deadline passed, the figure is of then
    before = doc.text[max(sent.start_char, date.idx - 20) : date.idx]
    by = date.lower_ == "by" or bool(re.search(r"\bby\s+(?:the\s+end\s+of\s+)?$", before, re.IGNORECASE))
    return by or any(_FUTURE.fullmatch(t.text) for t in _modality(_clause_head(date)))


def _modality(verb: Token) -> list[Token]:
    """The verb, its auxiliaries and the verbs it is the complement of ("are forecast to reach")."""
    words = []
    while True:
        words += [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
        if verb.dep_ not in ("xcomp", "ccomp") or verb.head.i == verb.i:
            return words
        verb = verb.head
