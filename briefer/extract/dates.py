"""Date expressions -> ISO (YYYY, YYYY-MM or YYYY-MM-DD), resolved against an anchor date.

`normalise` turns one expression ("Dec 2021", "on Friday", "last week") into ISO, partial when
the text is partial, and None for durations and vague expressions. `date_mentions` finds the
dates of a spaCy Doc: its DATE entities plus a few shapes the NER misses.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from briefer.extract.spans import doc_ents, ents_in, per_doc

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
WEEKDAYS = {
    d: i
    for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}
_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_RANGE = r"(?:\s*(?:-|–|to)\s*\d{1,2}(?:st|nd|rd|th)?)?"  # "August 2-6": the start counts
_WD = r"(?P<wd>" + "|".join(WEEKDAYS) + r")"
_WD_ANY = r"(?:" + "|".join(WEEKDAYS) + r")"  # "July 12, Saturday"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_REL = r"(?P<rel>last|this|next|past|previous|coming)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_NUMWORDS = {w: i + 1 for i, w in enumerate(["one", "two", "three", "four", "five", "six", "seven",
                                              "eight", "nine", "ten"])}

_LEAD = re.compile(
    r"^(?:(?:on|in|at|by|during|since|from|until|till|of|for|as of|before|after|around|"
    r"about|just|only|nearly|almost|roughly|some|exactly|the|early|late|mid|earlier|later|"
    r"(?:the )?(?:end|beginning|start|middle|turn) of|"
    r"(?:the )?(?:first|second|last) (?:half|days|weeks|week) of)\s+|mid-)+"
)

Anchor = tuple[int, int | None, int | None]
Handler = Callable[["re.Match[str]", Anchor | None, str | None], str | None]


def parse_anchor(anchor: str | None) -> Anchor | None:
    """Return (year, month, day) of an ISO anchor, with None for the parts it lacks."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", (anchor or "").strip())
    if not m:
        return None
    return int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _year_for(month: int, day: int | None, anchor: Anchor | None, tense: str | None) -> int | None:
    """The year of a month (and day) written without one: the nearest, or as the tense says."""
    if anchor is None:
        return None
    year, amonth, aday = anchor
    if amonth is None or (month == amonth and aday is None):
        return year  # "in August" in an August text, whose day is unknown: that August
    ahead = (month, day or 0) > (amonth, aday or 0)
    behind = (month, day or 99) < (amonth, aday or 99)
    if tense == "past" and ahead:
        return year - 1
    if tense == "future" and behind:
        return year + 1
    if tense is None and month - amonth > 4:
        return year - 1
    if tense is None and amonth - month > 8:
        return year + 1
    return year


def _day(anchor: Anchor | None) -> dt.date | None:
    if anchor is None or anchor[1] is None or anchor[2] is None:
        return None
    return dt.date(anchor[0], anchor[1], anchor[2])


def _full(m: re.Match[str], anchor: Anchor | None, tense: str | None) -> str | None:
    return _iso(int(m["year"]), MONTHS[m["mon"]], int(m["day"]) if m["day"] else None)


def _iso_text(m: re.Match[str], anchor: Anchor | None, tense: str | None) -> str | None:
    return _iso(int(m["year"]), int(m["m"]) if m["m"] else None, int(m["d"]) if m["d"] else None)


def _numeric(m: re.Match[str], anchor: Anchor | None, tense: str | None) -> str | None:
    return _iso(int(m["year"]), int(m["m"]), int(m["d"]))


def _month_day(m: re.Match[str], anchor: Anchor | None, tense: str | None) -> str | None:
    month, day = MONTHS[m["mon"]], int(m["day"]) if m["day"] else None
    if m["rel"] in ("last", "past", "previous"):
        tense = "past"
    elif m["rel"] in ("next", "coming"):
        tense = "future"
    elif m["rel"] == "this":
        tense = None
    year = _year_for(month, day, anchor, tense)
    if m["rel"] in ("last", "past", "previous") and anchor and anchor[1] == month:
        year = anchor[0] - 1
    return None if year is None else _iso(year, month, day)


def _year(m: re.Match[str], anchor: Anchor | None, tense: str | None) -> str | None:
    return _iso(int(m["year"]))


def _fiscal(m: re.Match[str], anchor: Anchor | None, tense: str | None) -> str | None:
    yy = int(m["yy"])
    return _iso(yy if yy > 99 else 2000 + yy)


def _weekday(m: re.Match[str], anchor: Anchor | None, tense: str | None) -> str | None:
    today = _day(anchor)
    if today is None:
        return None
    diff = WEEKDAYS[m["wd"]] - today.weekday()
    rel = m["rel"]
    if rel == "this":
        return (today + dt.timedelta(days=diff)).isoformat()
    if rel in ("next", "coming") or (rel is None and tense == "future"):
        return (today + dt.timedelta(days=diff % 7 or 7)).isoformat()
    back = (-diff) % 7 or (7 if rel else 0)  # "on Thursday" in a Thursday story is that day
    return (today - dt.timedelta(days=back)).isoformat()


def _relative_day(m: re.Match[str], anchor: Anchor | None, tense: str | None) -> str | None:
    today = _day(anchor)
    if today is None:
        return None
    shift = {"yesterday": -1, "tomorrow": 1}.get(m["word"], 0)
    return (today + dt.timedelta(days=shift)).isoformat()


def _relative_unit(m: re.Match[str], anchor: Anchor | None, tense: str | None) -> str | None:
    if anchor is None:
        return None
    sign = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(m["rel"], 0)
    return _shift(anchor, m["unit"], sign)


def _ago(m: re.Match[str], anchor: Anchor | None, tense: str | None) -> str | None:
    if anchor is None:
        return None
    n = m["n"]
    count = 1 if n in ("a", "an", "one") else _NUMWORDS.get(n) or int(n)
    return _shift(anchor, m["unit"], -count if m["dir"] in ("ago", "earlier", "before") else count)


def _shift(anchor: Anchor, unit: str, n: int) -> str | None:
    """Anchor moved by n units, at the precision of the unit (a week is given as its month)."""
    year, month, day = anchor
    if unit == "year":
        return _iso(year + n)
    if month is None:
        return None
    if unit == "month":
        y, mo = divmod(year * 12 + month - 1 + n, 12)
        return _iso(y, mo + 1)
    today = _day(anchor)
    if today is None:
        return None
    then = today + dt.timedelta(days=n * (7 if unit == "week" else 1))
    return _iso(then.year, then.month, None if unit == "week" else then.day)


def _season(m: re.Match[str], anchor: Anchor | None, tense: str | None) -> str | None:
    if m["year"]:
        return _iso(int(m["year"]))
    if anchor is None:
        return None
    sign = {"last": -1, "next": 1}.get(m["rel"] or "", 0)
    return _iso(anchor[0] + sign) if m["rel"] else None


def _month_year(m: re.Match[str], anchor: Anchor | None, tense: str | None) -> str | None:
    return _iso(int(m["year"]), MONTHS[m["mon"]])


def _month_of_year(m: re.Match[str], anchor: Anchor | None, tense: str | None) -> str | None:
    """ "September 16 last year", "July this year": a month (and day) of a year named relative to the anchor."""
    if anchor is None:
        return None
    shift = {"last": -1, "previous": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[m["rel"]]
    return _iso(anchor[0] + shift, MONTHS[m["mon"]], int(m["day"]) if m["day"] else None)


_RULES: list[tuple[re.Pattern[str], Handler]] = [
    (re.compile(rf"{_MON}(?:\s+{_DAY})?,?\s+(?:of\s+)?{_REL}\s+year"), _month_of_year),
    (re.compile(r"(?P<year>1\d\d\d|20\d\d|21\d\d)(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?"), _iso_text),
    (re.compile(rf"{_MON}\s+{_DAY}{_RANGE},?\s+{_YEAR}"), _full),
    (re.compile(rf"(?:{_WD},?\s+)?{_DAY}{_RANGE}\s+(?:of\s+)?{_MON},?\s+{_YEAR}"), _full),
    (re.compile(rf"(?:{_WD},?\s+)?{_MON}\s+{_DAY}{_RANGE},?\s+{_YEAR}"), _full),
    (re.compile(rf"{_MON},?\s+(?:of\s+)?{_YEAR}"), _month_year),
    (re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<year>\d{4})"), _numeric),
    (re.compile(rf"(?:{_REL}\s+|{_WD},?\s+)?{_MON}(?:\s+{_DAY}{_RANGE})?(?:,?\s+{_WD_ANY})?"), _month_day),
    (re.compile(rf"(?:{_REL}\s+|{_WD},?\s+)?{_DAY}{_RANGE}\s+(?:of\s+)?{_MON}"), _month_day),
    (re.compile(rf"(?:(?:fiscal|calendar)\s+)?(?:year\s+)?{_YEAR}(?:\s*(?:-|–|/)\s*\d{{2,4}})?"), _year),
    (re.compile(r"fy\s?'?(?P<yy>\d{2}|\d{4})"), _fiscal),
    (re.compile(rf"(?:{_REL}\s+)?{_WD}{_PART}(?:,?\s+{_MON}\s+\d{{1,2}})?"), _weekday),
    (re.compile(r"(?P<word>today|tonight|yesterday|tomorrow)"), _relative_day),
    (re.compile(r"this\s+(?:morning|afternoon|evening)(?P<word>)"), _relative_day),
    (re.compile(rf"{_REL}\s+(?:calendar\s+|fiscal\s+)?(?P<unit>week|month|year)"), _relative_unit),
    (
        re.compile(
            r"(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
            r"(?P<unit>day|week|month|year)s?\s+(?P<dir>ago|earlier|before|later|hence)"
        ),
        _ago,
    ),
    (re.compile(rf"(?:{_REL}\s+)?{_SEASON}(?:\s+(?:of\s+)?{_YEAR})?"), _season),
    (
        re.compile(rf"(?:(?:first|second|third|fourth|q[1-4])\s+(?:quarter|half)\s+(?:of\s+)?){_YEAR}"),
        _year,
    ),
    (re.compile(rf"q[1-4]\s+{_YEAR}"), _year),
]


def _clean(expr: str) -> str:
    text = expr.lower().replace("’", "'").replace("\u00a0", " ")
    text = re.sub(r"'s$|[.,;:]+$", "", text.strip())
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"^(?:today|yesterday|tonight),?\s+(?=(?:\w+\s+)?\d)", "", text)  # "today, 29 May 2025"
    return _LEAD.sub("", text).strip()


@lru_cache(maxsize=8192)  # pure, and the same few expressions recur across a corpus
def normalise(expr: str, anchor: str | None, *, tense: str | None = None) -> str | None:
    """Return the ISO date an expression names, resolved against `anchor`, or None.

    Args:
        expr: a date expression as written ("December 2021", "Nov. 6", "on Friday").
        anchor: the source's own ISO date (YYYY, YYYY-MM or YYYY-MM-DD), or None.
        tense: "past" or "future" when the sentence says which way a bare month or weekday
            points; None picks the nearest (weekdays: the latest on or before the anchor).

    Returns:
        "YYYY", "YYYY-MM" or "YYYY-MM-DD" (partial when the text is partial), or None for
        durations ("20 years"), vague expressions ("recent years") and dates that need an
        anchor the caller does not have.
    """
    text = _clean(expr)
    parsed = parse_anchor(anchor)
    for pattern, handler in _RULES:
        m = pattern.fullmatch(text)
        if m:
            return handler(m, parsed, tense)
    return None


# --- finding dates in a Doc ---------------------------------------------------------------------

_EXTRA = re.compile(
    r"\b(?:(?:(?:on|last|this|next)\s+|(?<=hours of ))(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.\s+\d{1,2}\b(?:,\s+\d{4})?"
    r"|(?:january|february|march|april|may|june|july|august|september|october|november|december)"
    r"\s+\d{1,2}\b(?:,\s+\d{4})?|\d{4}-\d{2}-\d{2}"
    r"|(?:january|february|march|april|june|july|august|september|october|november|december)(?=['’]s\b)"
    r"|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:day|week|month|year)s?\s+ago\b"
    r"|this\s+(?:morning|afternoon|evening)\b)",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"(?:GMT|UTC|[ECMP][SD]T|ET|BST|CET|[ap]\.?m\.?|hours|hrs)$", re.IGNORECASE)
_FUTURE = {"will", "shall", "'ll", "wo"}
_PLANNED = {"schedule", "due", "set", "plan", "expect", "slate", "intend"}


def tense_of(token: Token) -> str | None:
    """Return "past", "future" or None for the clause that governs a token.

    A verb without tense of its own ("after meeting ... on Friday", "to restart") takes the
    tense of the verb it depends on.
    """
    verb = _governing_verb(token)
    while verb is not None:
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if aux & _FUTURE or verb.lemma_ in _PLANNED:
            return "future"
        if "to" in aux:  # "to run through June" looks ahead of its verb, unless a plan says when
            if verb.head.lemma_ in _PLANNED:
                return "future"  # "is due to visit next week"
            head = _governing_verb(verb.head) if verb.head.i != verb.i else None
            return "future" if head is not None and tense_of(head) == "future" else None
        if verb.tag_ == "VBD" or aux & {"had", "has", "have", "was", "were", "did", "'s"}:
            return "past"
        if verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl", "relcl", "ROOT", "conj"):
            return "past"  # "the embargo, imposed in 2021, ..." / "Imposed in December 2021, ..."
        if verb.tag_ not in ("VBG", "VB") or aux or verb.head.i == verb.i:
            return None
        verb = _governing_verb(verb.head)
    return None


def _governing_verb(token: Token) -> Token | None:
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


_DIGIT = re.compile(r"\d")


def _spans(doclike: Doc | Span) -> Iterator[Span]:
    doc, base = (doclike, 0) if doclike.__class__.__name__ == "Doc" else (doclike.doc, doclike.start_char)
    seen: set[int] = set()
    ents = doc_ents(doc) if doclike is doc else ents_in(doc, doclike.start_char, doclike.end_char)
    for ent in ents:
        if ent.label_ == "DATE":
            seen.update(range(ent.start_char, ent.end_char))
            yield ent
    text = doc.text if doclike is doc else doc.text[doclike.start_char:doclike.end_char]
    low = text.lower()  # every _EXTRA form has a digit, a weekday ("day") or "ago": skip the rest
    cue = _DIGIT.search(text) or "day" in low or "ago" in low or "'s" in low or "’s" in low or "this " in low
    found = _EXTRA.finditer(text) if cue else ()
    for m in found:
        start, end = base + m.start(), base + m.end()
        if seen.isdisjoint(range(start, end)):
            span = doc.char_span(start, end, alignment_mode="contract")
            if span is not None and len(span):
                seen.update(range(start, end))
                yield span


def date_mentions(doc: Doc | Span, anchor: str | None) -> Iterator[tuple[int, int, str, str]]:
    """Yield (start, end, text, iso) for each date in `doc` that resolves against `anchor`.

    `doc` may be a Doc or one of its sentences; offsets are character offsets into the Doc's
    text; spans come in text order; durations and vague expressions are left out.
    """
    for span in sorted(_spans(doc), key=lambda s: s.start_char):
        if span.end < len(span.doc) and _CLOCK.match(span.doc[span.end].text):
            continue  # "at 1750 GMT" is a time
        if _VALUE_YEAR.match(span.doc.text, span.end_char):
            continue  # "$10 trillion in 2024 money": a currency's value in that year, not a time
        iso = normalise(span.text, anchor, tense=tense_of(span.root))
        if iso is not None:
            yield span.start_char, span.end_char, span.text, iso


def sentence_dates(sent: Span, anchor: str | None) -> list[tuple[int, int, str, str]]:
    """`date_mentions` of one sentence, found once per Doc however many extractors ask."""
    key = ("dates", sent.start_char, sent.end_char, anchor)
    return per_doc(sent.doc, key,  # type: ignore[no-any-return]
                   lambda: [_with_day(sent.doc.text, m, anchor) for m in date_mentions(sent, anchor)])


_MONTH_YEAR = re.compile(r"(?i)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}")
_DAY_BEFORE = re.compile(r"(?<![\d.,])(\d{1,2})\s$")


def _with_day(text: str, mention: tuple[int, int, str, str], anchor: str | None) -> tuple[int, int, str, str]:
    """ "4 July 2024" whose day the model left out of the date ("July 2024", at a line's start):
    the day back in."""
    start, end, words, iso = mention
    day = _DAY_BEFORE.search(text, max(0, start - 3), start)
    if len(iso) == 7 and _MONTH_YEAR.fullmatch(words.strip()) and day:
        whole = text[day.start():end]
        full = normalise(whole, anchor)
        if full and len(full) == 10 and full.startswith(iso):
            return day.start(), end, whole, full
    return mention


_VALUE_YEAR = re.compile(r"\s+(?:(?:US|U\.S\.|constant|real)\s+)?(?:money|dollars|prices|terms|euros|pounds)\b",
                         re.I)
_OPEN = re.compile(r"\b(?:since|from|until|till|through|over|for|between|after|before|to|ago)\s*$", re.I)


# "an election set for March 5": the day a thing is fixed for, not a span ("for two years")
_SET_FOR = re.compile(r"\b(?:set|scheduled|slated|fixed|called|planned|due)\s+for\s*$", re.I)
# "from 24 to 28 January": a closed range, dated by its start (unlike an open "from 2020").
_CLOSED = re.compile(r"\d{1,2}(?:st|nd|rd|th)?\s*(?:to|-|–|until|through)\s*\d{1,2}\b", re.I)


def point_dates(sent: Span, anchor: str | None) -> Iterator[tuple[int, int, str, str]]:
    """The dates of a sentence that pin what it says to a time ("in 2021", "on Thursday").

    Open ends ("since 2012", "from 2020", "until 2024") are left out.
    """
    text = sent.doc.text
    for start, end, words, iso in sentence_dates(sent, anchor):
        lead = words.split()[0].lower() if words.split() else ""
        if lead in ("since", "until", "till", "through") or (lead == "from" and not _CLOSED.search(words)):
            continue
        before = text[max(sent.start_char, start - 16) : start]
        if (not _OPEN.search(before) or _SET_FOR.search(before)
                or (before.rstrip().lower().endswith("from") and _CLOSED.search(words))
                or _modifier(sent.doc, start, end)):
            yield start, end, words, iso


def _modifier(doc: Doc, start: int, end: int) -> bool:
    """True when a date only modifies the noun after it ("after February's announcement"): a
    preposition before it governs that noun, not the date."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("poss", "compound", "nmod") and span.root.head.i > span.root.i


def point_date(doc: Doc, sent: Span, anchor: str | None, at: int) -> str | None:
    """The ISO date a sentence gives the statement at offset `at`: the nearest point date."""
    found = [(abs(s - at), iso) for s, _, _, iso in point_dates(sent, anchor)]
    return min(found)[1] if found else None


_NAME_OF = re.compile(r"\b([A-Z][\w-]*)\s+of\s+(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?$")


def _names_a_thing(doc: Doc, start: int, end: int, iso: str) -> bool:
    """A bare year before a capitalised name ("the 1982 United Nations Convention") or a date after
    one ("the Arbitral Award of 3 October 1899"): part of a name, not the time of the text around it."""
    after = doc.text[end:end + 3].lstrip()
    named = _NAME_OF.search(doc.text[max(0, start - 40):start])
    return len(iso) == 4 and after[:1].isupper() or bool(named and named[1].lower().rstrip(".") not in MONTHS)


def context_year(doc: Doc, at: int) -> str | None:
    """The year a month written without one ("on July 24") takes in an undated text: that of a date
    written with its month and year in the same sentence, else the nearest such date before `at`,
    else after; failing those, a year written alone, in the same order. Open starts ("since 11 July
    1950"), targets ("by 2035") and years that name a thing ("the 1982 Convention") are not the
    text's time. None when the
    text writes no year, or when the year found in another sentence lies more than PLAUSIBLE_YEARS
    before the newest year the text writes: a history aside ("Completed in 1914, ...") is not the
    time of a page that also tells of 1999."""
    marks = per_doc(doc, "year_marks", lambda: [(s, iso) for s, e, _, iso in date_mentions(doc, None)
                                                if not _names_a_thing(doc, s, e, iso) and not _since(doc, s)
                                                and not (len(iso) == 4 and _TARGET.search(doc.text, max(0, s - 8), s))])
    span = doc.char_span(at, min(at + 1, len(doc.text)), alignment_mode="expand")
    sent = span.sent if span is not None and len(span) else None
    newest = max((int(iso[:4]) for _, iso in marks), default=0)
    for precise in (True, False):
        found = [(s, iso) for s, iso in marks if (len(iso) >= 7) == precise]
        inside = [iso for s, iso in found if sent is not None and sent.start_char <= s < sent.end_char]
        if inside:
            return inside[0][:4]
        before = [iso for s, iso in found if s < at]
        after = [iso for s, iso in found if s >= at]
        for group in (before[-1:], after[:1]):
            if group:
                return group[0][:4] if int(group[0][:4]) >= newest - PLAUSIBLE_YEARS else None
    return None


PLAUSIBLE_YEARS = 10  # how far before a text's newest year a neighbour's year may still be its time
_TARGET = re.compile(r"\bby\s+$", re.I)  # "$300 billion a year by 2035": a target, not the text's time


def _since(doc: Doc, start: int) -> bool:
    """True when a date is governed by "since" ("since their establishment on 11 July 1950")."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span.root
    for _ in range(6):
        if tok.lower_ in ("since", "from") and tok.dep_ in ("prep", "mark"):
            return True
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False
