"""Time in the brief: relative dates resolved for display, and old statements marked with their date.

Pure functions, no spaCy: `shown("met on Thursday.", "2025-11-07")` is
`Shown("met on Thursday [6 November 2025].", unresolved=0)`, and `age_mark` says when a statement
is old enough (more than about six months before the brief's as-of date) to carry its date.
`Clock` applies them to a brief's facts, quotes and events, each against its own source's date.
A date written without a year shows its year in brackets ("in March [2024]") when it is not the
brief's own, or, in an undated source, when the set places it (yearless.py). An undated source's
old statement is dated by a happening told in the same words, else by the date heading it sits
under in a chronology, else marked with the newest date its page tells of ("undated source; latest
date it tells of: December 2023"). The verbatim text stays in the extraction; only what the brief
shows changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from briefer.extract.dates import normalise, parse_anchor
from briefer.model import Event, Extraction, Fact, Location, Quote, Source
from briefer.yearless import SetPlacer, sentence_around, year_against, yearless

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_COUNT = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|several|a few|few)"

# What a reader cannot place in time without the source's date. "Today" is left alone: it is as
# often "nowadays" as a day.
RELATIVE = re.compile(
    rf"\b(?:(?:on|last|this|next|since|by|until|from|before|after|coming)\s+)?{_WEEKDAY}"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b"
    r"|\b(?:(?:earlier|later)\s+)?(?:last|this|next|coming)\s+(?:week|month|year)\b"
    r"|\b(?:last|next)\s+(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\b"
    r"|\byesterday\b|\btomorrow\b|\btonight\b|\bthis\s+(?:morning|afternoon|evening)\b"
    rf"|\b{_COUNT}\s+(?:day|week|month|year|decade)s?\s+ago\b",
    re.IGNORECASE,
)
# A weekday next to a written date ("Thursday, Nov. 6", "July 12, Saturday") is no relative date.
_DATE_AFTER = re.compile(rf"^,?\s*(?:\(?\s*)?(?:{_MONTH}\s+\d|\d{{1,2}}\s+{_MONTH}|\d{{4}}-\d\d)", re.I)
_DATE_BEFORE = re.compile(rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH}|\d{{4}}),?\s*$", re.I)
_FUTURE = re.compile(r"\b(?:will|shall|'ll|(?:is|are|was|were)\s+(?:due|set|expected|scheduled|slated)\s+to"
                     r"|(?:is|are)\s+to|plans?\s+to|scheduled\s+for)\b", re.I)
_POSSESSIVE = re.compile(r"(?:['’]s)?")
YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# A date or year as a page writes it: "September 19, 2023", "14 December 2023", "March 2024", "2024".
WRITTEN = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+"
    rf"|{_MONTH},?\s+(?:of\s+)?)?(?:1[89]|20)\d\d\b(?![,.]\d)", re.IGNORECASE)
OLD_DAYS = 183  # "more than about six months"


@dataclass(frozen=True)
class Resolved:
    """One relative date expression in a text and the ISO date it names (None: unresolved)."""

    start: int
    end: int
    expr: str
    iso: str | None


@dataclass(frozen=True)
class Shown:
    """A statement as the brief shows it, and how many relative dates it could not resolve."""

    text: str
    unresolved: int = 0


def relative_dates(text: str, anchor: str | None) -> list[Resolved]:
    """The relative date expressions of `text`, each resolved against `anchor` (ISO, or None)."""
    found = []
    for m in RELATIVE.finditer(text):
        if _next_to_a_date(text, m.start(), m.end()):
            continue
        tense = "future" if _FUTURE.search(_clause_before(text, m.start())) else None
        found.append(Resolved(m.start(), m.end(), m.group(0), _resolve(m.group(0), anchor, tense)))
    return found


def _resolve(expr: str, anchor: str | None, tense: str | None) -> str | None:
    if anchor is None:
        return None
    words = expr.lower().split()
    if words[0] in ("since", "from", "after") and tense is None:
        tense = "past"
    return normalise(expr, anchor, tense=tense)


def _next_to_a_date(text: str, start: int, end: int) -> bool:
    return bool(_DATE_AFTER.match(text[end:end + 16]) or _DATE_BEFORE.search(text[max(0, start - 16):start]))


def _clause_before(text: str, at: int) -> str:
    """The words before `at` in the same clause (back to the last sentence or clause break)."""
    head = text[max(0, at - 80):at]
    cut = max(head.rfind(". "), head.rfind("; "), head.rfind(": "))
    return head[cut + 1:] if cut >= 0 else head


def shown(text: str, anchor: str | None) -> Shown:
    """`text` with each resolved relative date followed by its date in brackets
    ("on Thursday [6 November 2025]"); unresolved ones are counted, not guessed."""
    out, last, unresolved = [], 0, 0
    for r in relative_dates(text, anchor):
        if r.iso is None:
            unresolved += 1
            continue
        end = r.end + len(_POSSESSIVE.match(text, r.end)[0])  # "last week's [date] deal"
        out.append(text[last:end] + f" [{human(r.iso)}]")
        last = end
    return Shown("".join(out) + text[last:], unresolved)


def human(iso: str) -> str:
    """ "2025-11-06" -> "6 November 2025"; "2025-11" -> "November 2025"; "2025" -> "2025"."""
    parsed = parse_anchor(iso)
    if parsed is None:
        return iso
    year, month, day = parsed
    if month is None:
        return str(year)
    if day is None:
        return f"{MONTH_NAMES[month - 1]} {year}"
    return f"{day} {MONTH_NAMES[month - 1]} {year}"


def month_year(iso: str) -> str:
    """ "2022-08-04" -> "August 2022"; "2022" -> "2022"."""
    parsed = parse_anchor(iso)
    if parsed is None:
        return iso
    year, month, _ = parsed
    return f"{MONTH_NAMES[month - 1]} {year}" if month else str(year)


def days_before(iso: str, as_of: str) -> int | None:
    """How many days `iso` lies before `as_of` (each read at its first day), or None."""
    a, b = parse_anchor(iso), parse_anchor(as_of)
    if a is None or b is None:
        return None
    return (dt.date(b[0], b[1] or 1, b[2] or 1) - dt.date(a[0], a[1] or 12, a[2] or 28)).days


def old(iso: str | None, as_of: str | None) -> bool:
    """True when `iso` is more than about six months before `as_of` (a partial date counts from its
    last day, so "2025" is not old on 2025-12-31)."""
    if not iso or not as_of:
        return False
    days = days_before(iso, as_of)
    return days is not None and days > OLD_DAYS


def stated_year(text: str) -> str | None:
    """The newest year a text states ("in 1999 ... since 2012" -> "2012"), or None."""
    years = YEAR.findall(text)
    return max(years) if years else None


def age_mark(text: str, date: str | None, as_of: str | None) -> str:
    """The date an old statement should carry ("August 2022"), or "" when the statement is recent,
    its date unknown, or its text (as shown) already states its year or a later one (an earlier
    year is what it tells of, not when it was said: "the charter, signed in 2019, ...")."""
    stated = stated_year(text)
    if not old(date, as_of) or stated is not None and stated >= (date or "")[:4]:
        return ""
    return month_year(date or "")


# --- a brief's clock ------------------------------------------------------------------------


class Clock:
    """The brief's as-of date and each source's dates: what statements are resolved against."""

    def __init__(self, ex: Extraction):
        self.as_of = max((s.date for s in ex.sources if s.date), default=None)
        # a year borrowed only to read an undated page's yearless dates (corroborate.borrow_years)
        # does not date the page: its statements are placed as an undated source's are
        placed = [s for s in ex.sources if s.date or len(s.anchor or "") > 4]
        self.anchor = {s.id: s.anchor or s.date for s in placed}
        self.date = {s.id: s.date or s.anchor for s in placed}
        self.happened = [(loc, e.date) for e in ex.events if not e.scheduled for loc in e.sources]
        self._unresolved: dict[tuple[str, str], int] = {}
        self.text = {s.id: s.text for s in ex.sources}
        self.placer = SetPlacer(ex.events, {s.id for s in ex.sources if s.quality >= TRUSTED})
        self._sources = {s.id: s for s in ex.sources}
        self._events = ex.events
        self._latest_of: dict[str, str | None] = {}
        self._heads: dict[str, list[tuple[int, str]]] = {}

    def unresolved(self, text: str, source: str) -> int:
        """How many relative dates of `text` its source's date cannot resolve."""
        key = (text, source)
        if key not in self._unresolved:  # asked at every pick of a statement
            self._unresolved[key] = sum(r.iso is None for r in relative_dates(text, self.anchor.get(source)))
        return self._unresolved[key]

    def dated_source(self, sources: list[Location]) -> str:
        """The first of a statement's sources whose date can resolve its relative dates (the same
        statement from several sources: any dated one places "on Sunday")."""
        return next((loc.source for loc in sources if self.anchor.get(loc.source)), sources[0].source)

    def statement_date(self, sources: list[str]) -> str | None:
        """When a statement was made: the newest date of the sources that report it."""
        return max((d for d in (self.date.get(s) for s in sources) if d), default=None)

    def told_date(self, locations: list[Location]) -> str | None:
        """When what an undated source's statement tells happened: the date of an event found in
        the same words (its sentence dated through the text itself), else None."""
        dates = [date for loc in locations for at, date in self.happened
                 if at.source == loc.source and at.start < loc.end and loc.start < at.end]
        headed = [self._heading(loc) for loc in locations]
        return max(dates, default=None) or max((d for d in headed if d), default=None)

    def _heading(self, loc: Location) -> str | None:
        """The date heading above a statement in a chronology (date_headings, found once a source)."""
        if loc.source not in self._heads:
            self._heads[loc.source] = date_headings(self.text.get(loc.source, ""))
        return _heading_above(self._heads[loc.source], loc.start)

    def latest(self, source: str) -> str | None:
        """The newest date an undated source tells of (None for a dated one), found once a source."""
        if source not in self._latest_of:
            found = self._sources.get(source)
            self._latest_of[source] = self._latest(found, self._events) if found and not self.date.get(source) else None
        return self._latest_of[source]

    def _latest(self, source: Source, events: list[Event]) -> str | None:
        """The newest date an undated source tells of: a date or year it writes (outside its
        furniture), a happening it dates with a written year, or a yearless date the set places."""
        told = [e.date for e in events if not e.scheduled and YEAR.search(e.date_text)
                and any(loc.source == source.id for loc in e.sources)]
        text = source.text
        for m in WRITTEN.finditer(text):
            if not any(f.start <= m.start() < f.end for f in source.furniture) and not _names(text, m):
                told.append(normalise(m.group(0), None) or m.group(0)[-4:])
        for found in yearless(text):
            year = self.placer.year(found, sentence_around(text, found.start, found.end), source.id)
            if year is not None:
                told.append(f"{year}-{found.month:02d}")
        return max(told, default=None)  # a plan it dates ahead of the brief is a sign of a recent page too

    def years(self, text: str, sources: list[str]) -> str:
        """`text` with each date written without a year followed by its year in brackets ("in
        February [2025]"): from the first dated source's date when that year is not the brief's
        own; in an undated source, as the set places it (its reader has no date to read it by)."""
        out, last = [], 0
        dated = [s for s in sources if self.anchor.get(s)]
        for found in yearless(text):
            if dated:
                tense = "future" if _FUTURE.search(_clause_before(text, found.start)) else None
                year = year_against(found, self.anchor[dated[0]], tense)
                year = None if self.as_of and year == self.as_of[:4] else year
            else:
                placed = {self.placer.year(found, sentence_around(text, found.start, found.end), s) for s in sources}
                year = placed.pop() if len(placed) == 1 else None
            if year is not None:
                out.append(text[last:found.end] + f" [{year}]")
                last = found.end
        return "".join(out) + text[last:]

    def undated_mark(self, display: str, sources: list[str]) -> str:
        """The mark of an old statement whose sources are undated and whose words carry no date:
        the newest date its source tells of ("undated source; latest date it tells of: July 2024")."""
        latest = max((d for d in (self.latest(s) for s in sources) if d), default=None)
        if latest is None or not self.as_of or int(latest[:4]) < int(self.as_of[:4]) - PAGE_YEARS:
            return ""  # a page that tells of nothing newer than 1960 recounts history: its time is unknown
        mark = age_mark(display, latest, self.as_of)
        return f"undated source; latest date it tells of: {mark}" if mark else ""

    def fact(self, fact: Fact) -> Fact:
        """A copy of the fact as the brief shows it."""
        ids = [loc.source for loc in fact.sources]
        display = self.years(shown(fact.text, self.anchor.get(self.dated_source(fact.sources))).text, ids)
        date = self.statement_date(ids) or self.told_date(fact.sources)
        dated = age_mark(display, date, self.as_of) if date else self.undated_mark(display, ids)
        return dataclasses.replace(fact, sources=list(fact.sources), display=display, dated=dated)

    def quote(self, quote: Quote) -> Quote:
        """A copy of the quote as the brief shows it."""
        display = self.years(shown(quote.text, self.anchor.get(quote.source)).text, [quote.source])
        where = [Location(quote.source, quote.start, quote.end)]
        date = self.date.get(quote.source) or self.told_date(where)
        dated = age_mark(display, date, self.as_of) if date else self.undated_mark(display, [quote.source])
        return dataclasses.replace(quote, display=display, dated=dated)

    def event(self, event: Event) -> Event:
        """A copy of the event whose text shows its relative dates resolved."""
        anchor = self.anchor.get(self.dated_source(event.sources)) if event.sources else None
        return dataclasses.replace(event, text=shown(event.text, anchor).text)

    def news(self, fact: Fact) -> float:
        """How much a statement says about what changed: recent sources up, old ones and
        statements about past years down."""
        date = self.statement_date([loc.source for loc in fact.sources])
        value = fact.score
        if old(date, self.as_of) or old(stated_year(fact.text), self.as_of):
            value -= 1.5  # background, not the bottom line
        elif date and self.as_of and (days_before(date, self.as_of) or 0) <= RECENT_DAYS:
            value += 0.5
        return value


RECENT_DAYS = 45
TRUSTED = 0.5  # a source below this quality places no other source's dates
PAGE_YEARS = 5  # how far before the brief the newest date an undated page tells of may lie to mark it
_DET = re.compile(r"\b(?:[Tt]he|an?|its|their|his|her)\s+$")
_OF_NAME = re.compile(r"\b[A-Z][\w-]*\s+of\s+(?:the\s+)?$|\b(?:[Ss]ince|[Ff]rom)\s+$")


def _names(text: str, m: re.Match[str]) -> bool:
    """A year that names a thing ("the 1972 Simla Agreement", "the Treaty of 1960") or opens a span
    ("since 1991"): not a time the page tells of."""
    if not m.group(0).isdigit():
        return False
    before = text[max(0, m.start() - 40):m.start()]
    named = _DET.search(before) and re.match(r"\s+[A-Z]", text[m.end():m.end() + 3])
    return bool(named or _OF_NAME.search(before))


# A full date alone on its line ("September 19, 2023"): a chronology's section heading.
_HEADING = re.compile(
    rf"^[ \t]*(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}})[ \t]*$", re.IGNORECASE | re.MULTILINE)


def date_headings(text: str) -> list[tuple[int, str]]:
    """(end, ISO date) of each date alone on its line in a page that has two at least (a
    chronology's section headings), in text order; [] otherwise."""
    heads = [(m.end(), normalise(m.group(0).strip(), None)) for m in _HEADING.finditer(text)]
    found = [(end, iso) for end, iso in heads if iso]
    return found if len(found) >= 2 else []


def heading_date(text: str, at: int) -> str | None:
    """The date of the section a statement at `at` sits in, in a page whose sections are headed by
    dates alone on their lines: the nearest such heading above it."""
    return _heading_above(date_headings(text), at)


def _heading_above(heads: list[tuple[int, str]], at: int) -> str | None:
    """The ISO date of the nearest of `heads` (date_headings) that ends before `at`."""
    return next((iso for end, iso in reversed(heads) if end <= at), None)
