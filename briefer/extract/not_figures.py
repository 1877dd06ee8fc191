"""What is not a figure: years, dates and date parts, clock times, phone numbers, ages in passing,
designators ("Part 740", "D:5", "§ 126.1", "Table 2", "LCS 20", "iPhone 11"), paragraph and list
markers ("(d)(2)", "3."), data fields ("pageSize: 25"), ordinals and scores ("2-0")."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from briefer.extract.dates import MONTHS
from briefer.extract.figure_rules import AGE_UNITS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from briefer.extract.figures import _Raw

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# "May 6-", "May 6 and ", "from May 7 to ": the second day of a range of days
_DAY_BEFORE = re.compile(rf"\b(?:{_MONTH})\.?,?\s*(?:\d{{1,2}}\s*(?:[-–]|and|or|to|through)\s*)?$", re.IGNORECASE)
_DAY_AFTER = re.compile(
    rf"^(?:st|nd|rd|th)?\s*(?:(?:[-–]|to|and|through|until|till)\s*\d{{1,2}}(?:st|nd|rd|th)?\s*)?(?:of\s+)?"
    rf"(?:{_MONTH})\b",
    re.IGNORECASE)
_YEAR_BEFORE = re.compile(r"\b(?:1[5-9]|20)\d\d\s*[-–/]\s*$|\b\d{4}[-/.]\d{1,2}[-/.]$|\b\d{1,2}[-/.]\d{1,2}[-/.]$")
_TIME_AFTER = re.compile(r"^\s*(?:[ap]\.?m\b\.?|GMT|UTC|[ECMP][SD]T\b|o'clock|hrs\b)|^[:.]\d\d\s*[ap]\.?m",
                         re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:age[ds]?|the\s+age\s+of|ages\s+of)\s*$", re.IGNORECASE)
_AGE_AFTER = re.compile(r"^[-\s]*(?P<unit>year|month)s?[-\s]+old\b", re.IGNORECASE)
_LABELS = (
    r"no|nos|number|section|sections|sec|part|parts|article|articles|rule|rules|chapter|title|"
    r"clause|paragraph|item|page|pages|pp|vol|volume|route|highway|flight|room|row|seat|gate|"
    r"channel|level|grade|phase|stage|tier|round|week|game|episode|version|model|series|group|"
    r"category|type|suite|unit|exit|district|ward|resolution|order|act|bill|decree|covid|h\.?r|fy|q|"
    r"table|tables|figure|fig|annex|appendix|schedule|supplement|subsection|subpart|paragraphs|footnote|"
    r"exhibit|numbered|hull|pennant|code|line|lines|step|box|platform|terminal"
)
_DESIGNATOR = re.compile(
    rf"\b(?:{_LABELS})\.?\s*(?:\d[\w.:()]*\s*(?:,|and|or|to|through|[-–])\s*)*$|[A-Za-z][:#-]$|[#§¶]\s*$",
    re.IGNORECASE,
)
_FIELD = re.compile(r"(?:^|\s)[a-z]+(?:[A-Z][a-z]*)+\s*[:=]\s*$|(?:^|\s)[a-z]+_[a-z_]+\s*[:=]\s*$")
PHONE = re.compile(  # "+44 20 7946 0958", "(855) 23-456-789", "1-800-555-0199"
    r"\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}|\(\d{2,4}\)\s?\d{2,4}(?:[\s.-]\d{2,4}){1,3}|"
    r"(?<![\d,.])\d{1,4}(?:-\d{3,4}){2,4}(?![\d-])"
)
_PERIOD = re.compile(r"-(?:year|month|week|day|hour)\s+(?:[a-z]+\s+)?(?P<noun>notice|window|period|term|deadline|"
                     r"transition|extension|ban|moratorium|suspension|truce|ceasefire|mandate|lease|"
                     r"delay|grace|probation|sentence|freeze|pause|halt|"
                     # a happening that lasts: "a 24-hour offensive", "the 10-month blockaded city"
                     r"war|siege|blockaded?|offensive|strike|occupation|campaign|standoff|shutdown|lockdown|"
                     r"curfew|detention)\b")
CONTRAST = re.compile(r"\s+(?:existing|remaining|additional|other|surviving|missing|new|more|further|"
                       r"(?:year|month|week|day|hour|decade)s?)\b", re.I)
_MARKER = re.compile(r"(?:^|\n)[ \t•*-]*$")
_BRACKETED = re.compile(r"^(?:\(\)|\[\])$")  # the characters either side of "(3)" or a note's "[1]"
_NOT_NAMES = {"us", "u.s.", "the", "a", "an", "about", "over", "some", "all", "and", "than", "to",
              "of", "by", "in", "at", "from", "for", "with", "only", "just", "nearly", "almost",
              "around", "i", "but", "or", "on", "as", "is", "was", "were", "are"}


def excluded(doc: Doc, raw: _Raw, noun: Token | None, dates: list[tuple[int, int]]) -> bool:
    """True for years, dates, times, ages in apposition, designators, ordinals, scores, "one of"."""
    text = doc.text
    before, after = text[max(0, raw.start - 40) : raw.start], text[raw.end : raw.end + 40]
    core = text[raw.core[0] : raw.core[1]]
    bare = raw.unit is None and not raw.vague and raw.end == raw.core[1]
    if bare and re.fullmatch(r"\d{10,}", core):
        return True  # an identifier or a phone number
    if raw.end == raw.core[1] and period_of(after):
        return False  # "a one-year notice": the length of a period
    small = raw.word and raw.unit is None and not raw.vague and raw.value < 10
    partitive = core.lower() != "one" and re.match(r"\s+of\s+(?:the|those|these|its|their|our)\b", after)
    if small and not partitive and (noun is None or _definite(doc, raw) or _pronoun_one(doc, raw, noun)):
        return True
    if re.match(r"-(?:year|month|week|day|hour|minute)\b(?!-old)", after) and raw.end == raw.core[1]:
        return True  # "a five-year plan", "a two-month contract": a duration used as an adjective
    if re.fullmatch(r"(1[5-9]|20)\d\d", core) and bare:
        return _year(doc, raw, noun, dates)
    if bare and noun is None and any(s <= raw.core[0] < e for s, e in dates):
        return True
    if bare and (_DAY_BEFORE.search(before) or _DAY_AFTER.match(after) or _YEAR_BEFORE.search(before)):
        return True
    if re.match(r"[/.-]\d{1,2}[/.-]\d{2,4}\b", after):
        return True  # "27/10/2025", "5.3.2024": the day of a date written in numbers
    if _TIME_AFTER.match(after) or re.match(r"[:.]?\d|:\d|(?:st|nd|rd|th)\b|s\b|['’]s\b", after[:3], re.I):
        return True  # "10:27 PM", "1:36.6", "22nd", "the 1990s"
    if re.match(r"\s*(?:min(?:ute)?s?\.?\s+read|read\s+time)\b", text[raw.core[1] : raw.core[1] + 20], re.I):
        return True  # "5 min read": a page's reading time
    if bare and re.search(r"[A-Z][\w.]*,\s*$", before) and re.match(r"\s*,", after):
        return True  # "Senard, 65, now faces"
    if bare and (re.match(r"\([a-z0-9]{1,4}\)", after) or _FIELD.search(before)):
        return True  # "126.18(c)": a paragraph of a rule; "maxItems: 10": a data field
    if bare and (_BRACKETED.search(before[-1:] + after[:1]) or (_MARKER.search(before) or
                 re.search(r":\s*$", before)) and re.match(r"[.)]\s", after)):
        return True  # "(d)(2)", "(3)", "[1]", a line's "2." or "4)": a list, paragraph or note marker
    if bare and re.match(r"\s+[A-Z][A-Z.]+\s+\d", after):
        return True  # "561 UNTS 323", "347 U.S. 483": volume and page of a cited series
    if re.search(r"\d,\d{3}", core):
        return False  # "numbered 12,000": a designator is never written with thousands separators
    return bare and (bool(_DESIGNATOR.search(before)) or _designator(doc, raw, noun, before))


def period_of(after: str) -> re.Match[str] | None:
    """ "-year notice", "-month window": the hyphenated duration is the length of a period, a figure;
    the match's "noun" group is the period."""
    return _PERIOD.match(after)


def with_age(text: str, raw: _Raw) -> _Raw:
    """ "a 50 year-old man", "over the age of 21": the number is an age, in "years of age"."""
    if raw.unit is not None:
        return raw
    after = _AGE_AFTER.match(text[raw.end : raw.end + 20])
    if after:
        unit = AGE_UNITS[after["unit"].lower() == "month"]
        return replace(raw, end=raw.end + after.end(), unit=unit)
    if _AGE_BEFORE.search(text[max(0, raw.start - 20) : raw.start]):
        return replace(raw, unit=AGE_UNITS[0])
    return raw


def _year(doc: Doc, raw: _Raw, noun: Token | None, dates: list[tuple[int, int]]) -> bool:
    """A bare four-digit number is a year unless it directly counts a plural noun ("2000 people")."""
    if noun is None or noun.tag_ not in ("NNS", "NNPS") or any(s <= raw.start < e for s, e in dates):
        return True
    between = doc.text[raw.end : noun.idx]
    return len(between.split()) > 2 or bool(re.search(r"\d|\band\b|\bto\b", between))


def _pronoun_one(doc: Doc, raw: _Raw, noun: Token | None) -> bool:
    """ "one of the best", "no one", "at one point", "one day": not a count of one."""
    if noun is None or doc.text[raw.core[0] : raw.core[1]].lower() != "one":
        return noun is None
    before = doc.text[max(0, raw.start - 8) : raw.start].lower()
    if re.match(r"\s+\d", doc.text[raw.end : raw.end + 3]):
        return True  # "one 52,000 barrel-a-day refinery"
    if re.search(r"\b(?:no|the|each|any|every|this|that|which|at)\s+$", before):
        return True
    return noun.lower_ in ("day", "time", "point", "way", "hand", "thing", "another")


def _definite(doc: Doc, raw: _Raw) -> bool:
    """ "the two countries", "our three states", "all four members": a known group named by its
    size, not a count a figures table holds (the number was stated, if at all, where the group was)."""
    before = doc.text[max(0, raw.start - 12) : raw.start].lower()
    word = doc.text[raw.core[0] : raw.core[1]].lower()
    if word == "one" or CONTRAST.match(doc.text[raw.core[1] : raw.core[1] + 20]):
        return False  # "the five existing sites": a count set against others; "those three months": a length
    return bool(re.search(r"\b(?:the|our|their|these|those|both|all|its|his|her|your)\s+$", before))


def _designator(doc: Doc, raw: _Raw, noun: Token | None, before: str) -> bool:
    """A bare number beside a name is a designator: "iPhone 11", "S&P 500", "787 Dreamliner"."""
    after = doc.text[raw.end : raw.end + 30]
    nxt = re.match(r"\s+([A-Z][\w-]*)", after)
    if nxt and _name_after(nxt[1]) and re.fullmatch(r"\d+", doc.text[raw.core[0] : raw.core[1]]) \
            and not _counts_past(raw, noun):
        return True
    m = re.search(r"([A-Za-z&][\w&.’']*)\s+$", before)
    if not m or m[1].lower() in _NOT_NAMES or (noun is not None and noun.text.islower()):
        return False
    word = m[1]
    if not any(c.isupper() for c in word):
        return False
    if noun is None and re.fullmatch(r"[A-Z]{2,}", word) and word not in ("US", "UK", "EU", "UN"):
        return True  # "(LCS 20)", "CCG 3104": a hull, model or unit code
    sentence_start = not before[: m.start()].strip() or before[: m.start()].rstrip()[-1] in ".!?:;\"“("
    return not sentence_start or word.lower() in ("windows", "iphone", "galaxy")


def _counts_past(raw: _Raw, noun: Token | None) -> bool:
    """ "20 Philippine fishing boats": the capitalised word modifies a plural noun the number counts."""
    return noun is not None and noun.tag_ in ("NNS", "NNPS") and noun.idx > raw.end and noun.text.islower()


_UNITISH = re.compile(r"[kMGT]?(?:Hz|Wh|W|B|b)|Nm|PS|bhp|[A-Z]|Celsius|Fahrenheit|Kelvin|F|C")


def _name_after(word: str) -> bool:
    if word.isupper() and len(word) > 3:
        return False  # "11 FEET"
    return not word.endswith("s") and not _UNITISH.fullmatch(word) or word == "E"


def is_score(text: str, raw: _Raw, noun: Token | None) -> bool:
    """ "2-0", "89-89": a score, not a figure."""
    core = text[raw.core[0] : raw.end]
    if raw.high is None or raw.unit is not None or noun is not None:
        return False
    return bool(re.fullmatch(r"\d+\s*[-–]\s*\d+", core))


def orphans(text: str, kept: list[tuple[_Raw, Token | None]]) -> list[tuple[_Raw, Token | None]]:
    """Drop the second half of "Senate 52-48" when the first half was no figure."""
    ends = {r.end for r, _ in kept}
    return [(r, n) for r, n in kept
            if not (re.search(r"\d[-–]$", text[max(0, r.start - 2) : r.start]) and r.start - 1 not in ends)]
