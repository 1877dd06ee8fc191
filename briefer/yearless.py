"""Dates written without a year ("on July 6", "in February") and the year the brief can give them.

Pure functions, no spaCy. A dated source's yearless date takes its year from the source's date
(`year_against`). An undated source has no such date: its "referendum on December 3" is placed by
the rest of the set when a happening of another, trusted source falls on that month and day (or in
that month) and tells of it in the same words (`SetPlacer`). When the set's reports disagree on the
year, or none matches, the year stays unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from briefer.corroborate import signature
from briefer.extract.dates import MONTHS, normalise
from briefer.model import Event

_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
        r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)")
_ORD = r"(?:st|nd|rd|th)?"
# not followed by its year, a relative year ("September 16 last year") or a range that ends in a
# year ("January 29 to July 29, 2025")
_NO_YEAR = (r"(?!,?\s+(?:of\s+)?(?:1[5-9]|20)\d\d)(?!,?\s+(?:of\s+)?(?:last|this|next|the\s+same)\s+year)"
            r"(?!\s*(?:-|–|—|to|and|until|through|till)\s[^.;\n]{0,20}?\b(?:1[5-9]|20)\d\d\b)(?![\w'’-])")
# "July 6th", "Feb. 5", "6 July", "the 6th of July", and a month after a word that makes it a time
# ("in February", "early March"): each not followed by a year.
YEARLESS = re.compile(
    rf"\b(?P<m1>{_MON})\s+(?P<d1>\d{{1,2}}){_ORD}\b{_NO_YEAR}"
    rf"|\b(?P<d2>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m2>{_MON}){_NO_YEAR}"
    rf"|\b(?:in|early|late|mid-|during|beginning\s+of|end\s+of|middle\s+of)\s*(?:-\s*)?(?P<m3>{_MON}){_NO_YEAR}",
)
# Words a shared date does not make evidence of the same happening.
_DATE_WORDS = signature(" ".join([*MONTHS, "monday tuesday wednesday thursday friday saturday sunday",
                                  "early late beginning end middle"]))
_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
SAME_DAY = 3  # what a report of the very day adds to its shared words
MIN_SHARED = 2  # content words a yearless sentence and a dated report must share


@dataclass(frozen=True)
class Yearless:
    """A yearless date in a text: where, as written, its month and day (None: the month only)."""

    start: int
    end: int
    words: str
    month: int
    day: int | None


def yearless(text: str) -> list[Yearless]:
    """The dates of `text` written without a year."""
    out = []
    for m in YEARLESS.finditer(text):
        name = (m["m1"] or m["m2"] or m["m3"]).lower().rstrip(".")
        month = MONTHS.get(name)
        if month is None:
            continue
        day = m["d1"] or m["d2"]
        if day is not None and not 1 <= int(day) <= 31:
            continue
        out.append(Yearless(m.start(), m.end(), m.group(0), month, int(day) if day else None))
    return out


def year_against(found: Yearless, anchor: str | None, tense: str | None = None) -> str | None:
    """The year a dated source gives a yearless date (its anchor resolves it), or None."""
    if anchor is None:
        return None
    name = _NAMES[found.month - 1]
    expr = f"{found.day} {name}" if found.day else name
    iso = normalise(expr, anchor, tense=tense)
    return iso[:4] if iso else None


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) of `text` that holds start..end."""
    head = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), text.rfind("? ", 0, start))
    stops = [i for i in (text.find(". ", end), text.find("\n", end), text.find("? ", end)) if i >= 0]
    return text[head + 1:min(stops) if stops else len(text)]


class SetPlacer:
    """Places the yearless dates of undated sources by the happenings other sources date."""

    def __init__(self, events: Iterable[Event], trusted: set[str]):
        self._events = [e for e in events if not e.scheduled and len(e.date) >= 7
                        and any(loc.source in trusted for loc in e.sources)]
        self._by_month: dict[int, list[tuple[Event, frozenset[str]]]] | None = None
        self._trusted = trusted

    def _reports(self, month: int) -> list[tuple[Event, frozenset[str]]]:
        """The reports of one month, with their words (indexed on first use: most briefs ask little)."""
        if self._by_month is None:
            self._by_month = {}
            for e in self._events:
                self._by_month.setdefault(int(e.date[5:7]), []).append((e, _words(e.text)))
        return self._by_month.get(month, [])

    def year(self, found: Yearless, sentence: str, source: str) -> str | None:
        """The year of the set's report that tells this date of `source`'s sentence in the most
        shared words (a report of the same day counting more than one of the month); None when
        none shares MIN_SHARED words or the best reports disagree on the year."""
        words = _words(sentence)
        best: dict[str, int] = {}
        for e, sig in self._reports(found.month):
            shared = len(words & sig)
            if (shared < MIN_SHARED or not _same_day(e.date, found)
                    or not any(loc.source != source and loc.source in self._trusted for loc in e.sources)):
                continue
            score = shared + (SAME_DAY if found.day is not None and len(e.date) == 10 else 0)
            best[e.date[:4]] = max(best.get(e.date[:4], 0), score)
        top = max(best.values(), default=0)
        years = [year for year, score in best.items() if score == top]
        return years[0] if len(years) == 1 else None


def _words(text: str) -> frozenset[str]:
    """Content words that tell what happened: no date words, no numbers."""
    return frozenset(w for w in signature(text) - _DATE_WORDS if not any(c.isdigit() for c in w))


def _same_day(iso: str, found: Yearless) -> bool:
    """True when an ISO date can be the yearless date (same month; same day when both give one)."""
    if int(iso[5:7]) != found.month:
        return False
    return found.day is None or len(iso) < 10 or int(iso[8:10]) == found.day
