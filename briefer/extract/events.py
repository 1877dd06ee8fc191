"""Events: sentences that report something that happened on a date.

One Event per sentence: a past or reported action with a point date ("on Nov. 6", "in December
2021"), not a plan ("the Secretary will travel ... from August 2-6"), not a duration ("for over
20 years") and not an open start ("since 2012"). The pipeline merges events across sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from briefer.extract.dates import point_dates, tense_of
from briefer.extract.spans import doc_sents
from briefer.ingest.metadata import leading_dateline
from briefer.model import Event, Location, Source

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_SCHEDULED = {"schedule", "due", "slate", "set"}


def events(doc: Doc, source: Source) -> Iterator[Event]:
    """Yield one Event per sentence of `doc` that reports something dated.

    `date` is the most specific date of the sentence (ISO, partial when the text is), `date_text`
    the date as written, `text` the sentence (stripped) and `sources` one Location whose offsets
    give `text` back: `source.text[start:end] == text`. A dateline ("Washington - February 5,
    2026 -") dates the sentence that follows it.
    """
    carry: tuple[int, tuple[int, int, str, str]] | None = None
    for unit in _units(doc):
        dates = list(point_dates(unit, source.anchor or source.date))
        if _dateline(unit, dates):
            carry = (unit.start_char, dates[0])
            continue
        first = unit.start_char
        dated = [d for d in dates if _happened(doc, d[0], d[1])]
        if carry is not None and not dated and tense_of(unit.root) == "past":
            first, dated = carry[0], [carry[1]]
        carry = None
        if not dated:
            continue
        _, _, words, iso = max(dated, key=lambda d: (_precision(d[3]), -d[0]))
        first, last = _strip(doc.text, first, unit.end_char)
        first += leading_dateline(doc.text[first:last])  # the story, not "WASHINGTON (Reuters) -"
        yield Event(id="", date=iso, text=doc.text[first:last], sources=[Location(source.id, first, last)],
                    date_text=words)


_BREAK = re.compile(r"(?<=[.!?\"”’)])[ \t]*\n\s*|\n\s*\n\s*")


def _units(doc: Doc) -> Iterator[Span]:
    """Sentences, also cut where a line ends a sentence or a blank line ends a heading."""
    for sent in doc_sents(doc):
        start = sent.start_char
        for m in _BREAK.finditer(doc.text[sent.start_char:sent.end_char]):
            end = sent.start_char + m.start()
            yield from _span(doc, start, end)
            start = sent.start_char + m.end()
        yield from _span(doc, start, sent.end_char)


def _span(doc: Doc, start: int, end: int) -> Iterator[Span]:
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is not None and len(span) and doc.text[span.start_char:span.end_char].strip():
        yield span


def _dateline(unit: Span, dates: list[tuple[int, int, str, str]]) -> bool:
    """ "Washington, D.C. – February 5, 2026 –": a place and a date, then the story."""
    if len(dates) != 1 or not unit.text.rstrip().endswith(("–", "—", "-", ":")):
        return False
    start, end = dates[0][0], dates[0][1]
    rest = [t for t in unit if not (t.is_punct or t.is_space) and not start <= t.idx < end]
    return len(rest) <= 6 and all(t.pos_ == "PROPN" for t in rest)


def _precision(iso: str) -> int:
    return iso.count("-")


def _happened(doc: Doc, start: int, end: int) -> bool:
    """True when the date belongs to a past or reported action, or to an event noun."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    tense = tense_of(span.root)
    if tense == "past":
        return True
    if tense == "future":
        verbs = {t.lemma_ for t in span.root.sent if t.pos_ in ("VERB", "ADJ", "AUX")}
        return bool(verbs & _SCHEDULED) and end - start > 0 and _day_precise(span.text)
    head = span.root.head
    while head.dep_ == "prep" and head.head.i != head.i:
        head = head.head
    if re.fullmatch(r"(?i)(?:today|tonight|now|this\s+\w+)", span.text.strip()):
        return False  # "the politics of today": a present, not an occasion
    return head.pos_ == "NOUN" and not _modal(span.sent)  # "follows a meeting ... on Oct. 31"


def _day_precise(text: str) -> bool:
    return bool(re.search(r"\d", text))


def _modal(sent: Span) -> bool:
    return any(t.lower_ in ("will", "would", "shall", "'ll") and t.tag_ == "MD" for t in sent)


def _strip(text: str, first: int, last: int) -> tuple[int, int]:
    """Offsets without surrounding space or a leading list bullet."""
    while first < last and (text[first].isspace() or text[first] in "•·▪‣◦*"):
        first += 1
    while last > first and text[last - 1].isspace():
        last -= 1
    return first, last
