"""Shapes of text that date events beyond a date on the happening's own verb.

A live report's clock-time entries ("11:42 am: ...") are of the page's day; a verb left out before
named conjuncts ("coups in A last July, B in 2022 and C in 2020") tells one happening per date;
a present perfect on a named day ("has become effective today, 29 May") happened that day.
Some dates in a sentence do not date its happening: a year in a name ("the Charter of 1945"), a
deadline ("dissolving the councils by 1 January"), a year its weekday contradicts, a "said on
Saturday" after the past it reports. Also: page furniture around a sentence (a photo credit, a
date label run into the lede), a timeline entry's short title ("April 22: Border post attacked"),
offsets read from the sentence's own day ("two days later"), a main verb with a date of its own,
and the day the sentence after a lede gives its news.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from briefer.extract.dates import normalise, point_dates, tense_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from briefer.model import Source

DateHit = tuple[int, int, str, str]  # start, end, words, iso
WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"

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
    # "X and Y have agreed to ..., a spokesperson said on Thursday": news of that day, like a lede
    return tense_of(told[0]) == "past" and not perfect(told[0])


# A photo credit closing a line ("REUTERS/Jane Doe", "(Jane Doe/DAILY NEWS)", "Photo: AFP"): a caption.
CREDIT = re.compile(r"(?:\b[A-Z][A-Za-z]+/[A-Z][\w .'-]*|\([^()\n]*/[^()\n]*\)|\bPhotos?:[^\n]*)\s*$")


def furniture(unit: Span, source: Source) -> bool:
    """Page furniture, or a caption: a line that ends with a photo credit."""
    if any(m.start < unit.end_char and unit.start_char < m.end for m in source.furniture):
        return True
    text = unit.doc.text
    end = text.find("\n", unit.start_char)
    return bool(CREDIT.search(text[unit.start_char:end if end >= 0 else len(text)]))


def opening_furniture(unit: Span, source: Source) -> int:
    """Where a unit's story starts when furniture only opens it (a date label run into the lede on
    its line: "date 2025-04-23 India on Wednesday announced ..."); 0 when it does not."""
    text = unit.doc.text
    cut = max((m.end for m in source.furniture if m.start < unit.end_char and unit.start_char < m.end < unit.end_char
               and not text[unit.start_char:m.start].strip()), default=0)
    if not cut or any(m.start < unit.end_char and cut < m.end for m in source.furniture):
        return 0
    rest = text[cut:unit.end_char]
    return cut if sum(1 for w in rest.split() if w.isalpha()) >= 3 and not CREDIT.search(rest) else 0


def entry_headline(text: str, body: int, end: int) -> int | None:
    """The end of a timeline entry's title ("April 22: Border post attacked"): the rest of its line
    when that is a short headline (no final stop, twelve words or fewer); else None."""
    stop = text.find("\n", body, end)
    line = text[body:stop if stop >= 0 else end].rstrip()
    if not line or line.endswith((".", "!", "?", ";", ",", ":")) or len(line.split()) > 12 or not line[0].isupper():
        return None
    return body + len(line)


# A date told as an offset ("a day earlier", "two days later"): from the day the sentence names
# before it, when it names one, else from the page's date.
_OFFSET = re.compile(r"(?i)\b(?:earlier|later|before)$")


def from_sentence_day(dates: list[DateHit]) -> list[DateHit]:
    """Offsets re-read from the last full day the sentence names before them ("On 7 May the army
    attacked; two days later ...")."""
    out: list[DateHit] = []
    for hit in dates:
        days = [d for d in out if len(d[3]) == 10 and not _OFFSET.search(d[2])]
        if days and _OFFSET.search(hit[2]):
            iso = normalise(hit[2], days[-1][3])
            hit = (hit[0], hit[1], hit[2], iso or hit[3])
        out.append(hit)
    return out


def root_dated(unit: Span, span: Span) -> bool:
    """Whether the sentence's main verb carries a date of its own ("told X late on Tuesday that a
    truce after the conflict in May ..."): a happening noun's date deeper in it is background."""
    for ent in unit.ents:
        if ent.label_ in ("DATE", "TIME") and (ent.end <= span.start or ent.start >= span.end):
            verb = _governing_verb(ent.root)
            if verb is not None and verb.i == unit.root.i and ent.root.i != unit.root.i:
                return True
    return False


def detailed_lede(doc: Doc, unit: Span, lede: str) -> DateHit | None:
    """The day the sentence after a lede gives the news ("X have announced their withdrawal. The
    leaders yesterday issued a statement ..."): a past told of a day before the page's, in the same
    paragraph; else None (the lede is of the page's day)."""
    rest = doc.text[unit.end_char:]
    if unit.end >= len(doc) or re.match(r"[ \t]*\n[ \t]*\n", rest):
        return None
    nxt = doc[unit.end].sent
    if tense_of(nxt.root) != "past":
        return None
    days = [d for d in point_dates(nxt, lede) if len(d[3]) == 10 and d[3] < lede
            and re.fullmatch(rf"(?i)(?:on\s+)?(?:yesterday|{WEEKDAY})", d[2].strip())]
    return (unit.start_char, unit.start_char, "", days[0][3]) if len(days) == 1 else None


def _governing_verb(token: Token) -> Token | None:
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None
