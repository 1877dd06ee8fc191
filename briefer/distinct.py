"""Whether two similar statements tell different things: the checks that keep near-duplicate
detection (shared content words) from merging two happenings told in similar words.

Two statements are different facts when the dates they state cannot be the same day ("on 25
April" / "on June 27"), when both give figures and none of them agree, when most of the parties
one names are not in the other, or when all they share is names and titles (the same people doing
different things). Pure text rules, no spaCy. A plan and the thing done are not told apart here: a
preview's "will sign on August 8" is the signing it announces as often as another one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from briefer.extract.dates import MONTHS, normalise

_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# A date as written: "June 27(, 2025)", "27 June (2025)", "June 2025", "2025-06-27", a year; and what
# resolves against the source's date: "on Friday", "today", "yesterday".
_DATE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|\b{_MONTH}\s+\d{{4}}\b|\b\d{{4}}-\d\d-\d\d\b|\b(?:1[89]|20)\d\d\b"
    rf"|\b(?:(?:on|last)\s+)?{_WEEKDAY}\b|\btoday\b|\byesterday\b",
    re.IGNORECASE,
)
_PARTS = re.compile(rf"(?P<mon>{_MONTH})\s+(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
                    rf"(?P<mon2>{_MONTH})", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")
# Capitalised words that are titles or kinds of body, not parties: "Foreign Minister X" names X.
_TITLES = frozenset("""
    president vice prime minister ministers foreign secretary deputy under senior advisor adviser ambassador
    chairperson chairman chair general director chief head spokesperson spokesman spokeswoman minister's
    government republic democratic people's ministry department office council committee state affairs
    national federal mr mrs ms dr sir lord king queen prince his her excellency the a an and of
    """.split())
_CALENDAR = frozenset([*MONTHS, *_WEEKDAY.strip("(?:)").split("|")])
_NOT_PARTIES = _TITLES | _CALENDAR
Date = tuple[int | None, int | None, int | None]


def different(a: str, b: str, anchor_a: str | None = None, anchor_b: str | None = None) -> bool:
    """True when two similar statements (`anchor_*`: their sources' dates, for "on Friday") tell
    different things: dates that cannot agree, figures that share no value, parties mostly not
    shared, or nothing shared but names."""
    return (_dates_differ(stated_dates(a, anchor_a), stated_dates(b, anchor_b))
            or _figures_differ(a, b) or _parties_differ(a, b)
            or _only_names_shared(a, b))


@lru_cache(maxsize=16384)
def stated_dates(text: str, anchor: str | None = None) -> tuple[Date, ...]:
    """The dates a statement states, as (year, month, day) with None for what it does not say;
    weekdays and "today" only where the source's date resolves them."""
    out = []
    for m in _DATE.finditer(text):
        iso = normalise(m.group(0), anchor)
        if iso:
            parts = [int(p) for p in iso.split("-")]
            out.append((parts[0], *(parts[1:] + [None, None])[:2]))
            continue
        p = _PARTS.match(m.group(0))
        if p:  # "June 27" with no year to resolve it against: month and day still tell
            mon, day = (p["mon"], p["d1"]) if p["mon"] else (p["mon2"], p["d2"])
            out.append((None, MONTHS[mon.lower().rstrip(".")], int(day)))
    return tuple(out)


def _dates_differ(a: tuple[Date, ...], b: tuple[Date, ...]) -> bool:
    """Both statements give dates, and none of one's can be any of the other's."""
    return bool(a and b) and not any(_compatible(x, y) for x in a for y in b)


def _compatible(x: Date, y: Date) -> bool:
    return all(p is None or q is None or p == q for p, q in zip(x, y, strict=True))


def _numbers(text: str) -> set[str]:
    """The figures a statement gives, as written digits, leaving out those that are dates."""
    spans = [m.span() for m in _DATE.finditer(text)]
    return {m.group(0).replace(",", "").rstrip(".") for m in _NUMBER.finditer(text)
            if not any(s <= m.start() < e for s, e in spans)}


def _figures_differ(a: str, b: str) -> bool:
    na, nb = _numbers(a), _numbers(b)
    return bool(na and nb) and not na & nb


def parties(text: str) -> set[str]:
    """The words of the parties a statement names: capitalised words, case- and accent-folded,
    leaving out titles ("Foreign Minister"), months, weekdays, initials and the statement's first
    word (capitalised there whatever it is)."""
    out = set()
    for i, m in enumerate(re.finditer(r"\w+", text)):
        w = m.group(0)
        if i and w[:1].isupper() and len(w) > 1 and _fold(w) not in _NOT_PARTIES:
            out.add(_fold(w))
    return out


def _parties_differ(a: str, b: str) -> bool:
    """Each names parties the other does not, more of them than the two share ("the Halvard dam
    built by Norvik" / "the Teslin dam built by Ostrava")."""
    pa, pb = parties(a), parties(b)
    only_a = pa - set(re.findall(r"\w+", _fold(b)))
    only_b = pb - set(re.findall(r"\w+", _fold(a)))
    shared = len(pa - only_a)
    return bool(only_a and only_b) and shared < min(len(only_a), len(only_b))


def _only_names_shared(a: str, b: str) -> bool:
    """True when all the two share is names and titles: "X recognised the team of Y and Z" and
    "Y and Z joined X on this occasion" name the same people doing different things."""
    from briefer.corroborate import signature  # corroborate uses this module

    names = {w for text in (a, b) for w in signature(" ".join(parties(text)))} | _TITLES
    return not (signature(_fold(a)) & signature(_fold(b))) - names


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
