"""Dates as pages state them about themselves: a date alone on a line ("14 November 2025",
"Published: Sep 12, 2025 10:02 AM EDT"), a web archive's leading ` date 2025-04-05` line, and
datelines that open a story ("PHNOM PENH, Cambodia (AP) —", "Ream, Cambodia (AFP) April 5, 2025",
"BANGKOK:", "(Sihanoukville):", "12-3-2025 (Phnom Penh)").

A numeric date (10/11/2025) is read day-first or month-first only on evidence: a day over 12, or
a time zone whose region writes dates one way; otherwise it stays unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
MONTH_NAMES = (r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
                r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?")
# a month's name as pages write it: "September", "Sept.", and in capitals "8 SEPTEMBER 2025"
MONTH = rf"(?:{MONTH_NAMES}|{MONTH_NAMES.upper()})\.?"
WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
DASH = r"[-–—]"
_ORD = r"(?:st|nd|rd|th)?"

# Time zones of regions that write the day first, and of those that write the month first.
# Ambiguous abbreviations (CST, PST, IST is kept: India/Ireland/Israel all write day-first) are left out.
DAY_FIRST_TZ = {"MYT", "SGT", "WIB", "WITA", "WIT", "ICT", "PHT", "IST", "BST", "GMT", "CET", "CEST",
                "EET", "EEST", "WET", "WEST", "AEST", "AEDT", "ACST", "ACDT", "AWST", "NZST", "NZDT",
                "HKT", "SAST", "WAT", "EAT", "CAT", "MSK", "PKT", "NPT", "BDT", "GST"}
MONTH_FIRST_TZ = {"EST", "EDT", "CDT", "MDT", "PDT", "AKST", "AKDT", "HST", "ET", "PT"}

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w-])")
# the year after a comma with or without a space ("10 May,2025", "May 10,2025")
# (a year may run into the next word on a scraped page: "Published May 2, 2025last updated ...")
_MDY = re.compile(rf"\b(?P<m>{MONTH})\s+(?P<d>\d{{1,2}}){_ORD}(?:,\s*|\s+)(?P<y>\d{{4}})(?!\d)")
_DMY = re.compile(rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m>{MONTH})(?:,\s*|\s+)(?P<y>\d{{4}})(?!\d)")
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})\b")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?![\w])|\b\d{1,2}\s*[ap]\.?m\.?(?!\w)", re.I)
_TZ = re.compile(r"\b(?:[A-Z]{2,5}|UTC|GMT)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\b")
_STAMP_WORDS = re.compile(
    r"\b(?:(?:first |last )?(?:published|updated|posted|modified)(?: on| at)?|date|on|at|"
    r"\d+\s*(?:hours?|hrs?|minutes?|mins?|days?)\s+ago|read(?:ing)? time|(?:hour|time)(?=\s*:))\b\s*:?", re.I)
PUBLISHED = re.compile(r"^\s*(?:first )?(?:published|posted)\b", re.I)
# " date 2025-04-05 Site Name" as a web archive stores a page's date in front of its text
ARCHIVE = re.compile(r"\A\s*date\s+(?P<iso>\d{4}-\d{2}-\d{2})\b[ \t]*(?P<rest>[^\n]*)")


@dataclass
class Stamp:
    """A line that is a date (with time, zone, "Published" and the like), nothing else."""

    iso: str | None  # None when the date is numeric and its order cannot be told
    weekday: bool  # "Thursday, Sep 18, 2025": a masthead's "today" when it stands above the headline
    published: bool  # introduced by Published/Posted (an "Updated" date is a later one)


def iso_date(y: int, m: int, d: int) -> str | None:
    """"YYYY-MM-DD" for a real calendar day, else None."""
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def month_number(name: str) -> int:
    return MONTHS.index(name.casefold().rstrip(".")[:3]) + 1


def find_date(text: str, *, day_first: bool | None = None) -> tuple[str | None, re.Match[str]] | None:
    """The first date written in `text` and its match; the ISO value is None for a numeric date
    whose day/month order is not known (`day_first` None and neither part over 12)."""
    found = [m for m in (rx.search(text) for rx in (_ISO, _MDY, _DMY, _NUMERIC)) if m]
    if not found:
        return None
    match = min(found, key=lambda m: m.start())
    if match.re is _ISO:
        return iso_date(*map(int, match.groups())), match
    if match.re is _NUMERIC:
        return _numeric(match, day_first), match
    return iso_date(int(match["y"]), month_number(match["m"]), int(match["d"])), match


def _numeric(match: re.Match[str], day_first: bool | None) -> str | None:
    a, b, y = int(match["a"]), int(match["b"]), int(match["y"])
    if a > 12 >= b:
        day_first = True
    elif b > 12 >= a:
        day_first = False
    if day_first is None:
        return None
    return iso_date(y, b, a) if day_first else iso_date(y, a, b)


def day_first_evidence(line: str) -> bool | None:
    """True/False when a time zone on the line says how its region writes dates, else None."""
    for zone in re.findall(r"\b[A-Z]{2,5}\b", line):
        if zone in DAY_FIRST_TZ:
            return True
        if zone in MONTH_FIRST_TZ:
            return False
    return None


def stamp(line: str) -> Stamp | None:
    """The line read as a date stamp, or None when it holds words besides the date."""
    found = find_date(line, day_first=day_first_evidence(line))
    if found is None:
        return None
    iso, match = found
    if PUBLISHED.match(line) and not re.search(r"[^\W\d_]", _STAMP_WORDS.sub(" ", line[:match.start()])):
        return Stamp(iso, False, True)  # "Published May 2, 2025last updated ...What you need to know"
    rest = line[:match.start()] + " " + line[match.end():]
    weekday = bool(re.search(rf"\b{WEEKDAY}(?!\w)", rest))
    rest = re.sub(rf"\b{WEEKDAY}(?!\w)", " ", rest)
    rest = _TZ.sub(" ", _TIME.sub(" ", _BRACKETED_NAME.sub(" ", rest)))
    rest = _STAMP_WORDS.sub(" ", _DANGLING_BY.sub(" ", rest))
    if re.search(r"[^\W\d_]", rest):
        return None
    return Stamp(iso, weekday, bool(PUBLISHED.match(line)))


# "[April 9, 2025]  By": a byline's "By" left at the end of the date's line, the name on the next
_DANGLING_BY = re.compile(r"\bBy\s*$")
# "7 May 2031 (HARBOUR WIRE)": the name of the outlet or edition in brackets after a date stamp
_BRACKETED_NAME = re.compile(r"\(\s*[A-Z][A-Za-z&'’. -]{1,40}\)\s*$")


def named_stamp(line: str) -> tuple[str, Stamp] | None:
    """"Reuters June 18, 2025", "Harbour Times 18 June 2025 10:02 IST": a news agency's or an
    outlet's name, then the page's date stamp; (name, stamp), else None. A place before a date
    ("Washington June 18, 2025") names no one."""
    from briefer.ingest.names import generic, outlet

    found = find_date(line, day_first=day_first_evidence(line))
    if found is None or found[1].start() == 0:
        return None
    name = line[:found[1].start()].strip(" ,|-–—")
    st = stamp(line[found[1].start():])
    if st is None or st.iso is None or not (is_wire(name) or (outlet(name) and not generic(name))):
        return None
    return name, st


def archive_date(text: str) -> tuple[str, str] | None:
    """(ISO date, rest of the line) from a leading ` date YYYY-MM-DD ...` line, else None."""
    match = ARCHIVE.match(text)
    if match and iso_date(*map(int, match["iso"].split("-"))):
        return match["iso"], match["rest"].strip()
    return None


# --- datelines -----------------------------------------------------------------------------------

# News agencies whose credit in parentheses ("(AFP)") or at a story's end ("- Bernama") names the
# story's publisher. Agencies whose credit is followed by a dash need not be listed.
WIRES = {
    "reuters", "ap", "associated press", "the associated press", "afp", "agence france-presse",
    "agence france presse", "xinhua", "bernama", "kyodo", "kyodo news", "yonhap", "ani", "pti", "ians",
    "uni", "dpa", "efe", "ansa", "tass", "interfax", "anadolu", "anadolu agency", "aa", "bloomberg",
    "upi", "antara", "vna", "akp", "pna", "cna", "jiji", "jiji press", "ria novosti", "sputnik", "lusa",
    "kuna", "qna", "wam", "spa", "irna", "mena", "aap", "the canadian press", "canadian press", "europa press",
    "agi", "ips", "prensa latina", "belga", "pap", "bta", "mti", "ntb", "ritzau", "stt", "nna", "ptv",
    # national agencies that credit in a "City, AGENCY –" dateline
    "mina", "suna", "sana", "petra", "wafa", "kna", "gna", "bss", "apa",
    "azertag", "armenpress", "isna", "tasnim", "irib", "kazinform", "akipress",
    "xinhua news agency", "tanjug", "hina", "agerpres", "ukrinform", "belta", "app", "azertac",
    "newsis", "news1",
}
# an agency credited in capitals is an abbreviation ("(CNN)", "(UPI)"); a longer word in capitals
# in brackets is a place ("(GENEVA) —")
CREDIT_LETTERS = 5
_WORD = r"[A-Z][\w.'’&-]*"
PLACE = rf"{_WORD}(?:[ -]{_WORD}){{0,3}}"
PLACES = rf"{PLACE}(?:,\s*{PLACE}){{0,2}}"
AGENCY = rf"{_WORD}(?:[ /]{_WORD}){{0,3}}"  # "Anadolu Agency", "UNA/QNA"
CAPS_PLACE = r"[A-Z][A-Z.'’ -]{2,40}"
DATE_TEXT = (rf"(?:{WEEKDAY},?\s+)?(?:{MONTH}\s+\d{{1,2}}{_ORD}(?:,?\s*\d{{4}})?|"
             rf"\d{{1,2}}{_ORD}\s+{MONTH}(?:,?\s*\d{{4}})?)")
END = rf"(?:{DASH}{{1,2}}|:)"
_SHAPES = [
    # "WASHINGTON (Reuters) -", "PHNOM PENH, Cambodia (AP) —", "CITY, Nov 10, 2025 (Bernama) --",
    # "Ream, Cambodia (AFP) April 5, 2025"
    re.compile(rf"(?P<place>{PLACES})(?:,?\s*(?P<d1>{DATE_TEXT}))?\s*(?:{DASH}\s*)?\((?P<wire>{AGENCY})\)"
               rf"(?:,?\s*(?P<d2>{DATE_TEXT}))?(?:\s*(?P<end>{END}))?\s*"),  # also "BANGKOK — (AP) —"
    # "BERLIN, May 6. /TASS/.": a place, the day, the agency between slashes
    re.compile(rf"(?P<place>{PLACES}),\s*(?P<d1>{DATE_TEXT})\.?\s*/(?P<wire>{AGENCY})/\.?\s*"),
    re.compile(rf"\((?P<wire>{AGENCY})\)\s*(?P<end>{DASH}{{1,2}})\s*"),  # "(CNN) --"
    # "July 10 (UPI) --": the day, then the agency, no place
    re.compile(rf"(?P<d1>{DATE_TEXT})\s*\((?P<wire>{AGENCY})\)\s*(?P<end>{DASH}{{1,2}})\s*"),
    # "Geneva, (APP - Harbour Point News - 11th May, 2024)": the agency, the site, the date
    re.compile(rf"(?P<place>{PLACES}),?\s*\((?P<wire>[A-Z]{{2,8}})\s*{DASH}[^()\n]*?(?P<d2>{DATE_TEXT})?\)\s*"),
    re.compile(rf"(?P<num>\d{{1,2}}-\d{{1,2}}-\d{{4}})\s*\((?P<place>{PLACES})\)\s*{END}?\s*"),  # "5-4-2025 (CITY)"
    # "GENEVA (12 February 2025) –": a press release's place, then its date in brackets
    re.compile(rf"(?P<place>{PLACES})\s*\((?P<d1>{DATE_TEXT})\)\s*{END}\s*"),
    re.compile(rf"\((?P<place>{PLACES})\)\s*{END}\s*"),  # "(Sihanoukville):"
    # "Washington, D.C. – February 5, 2026 –", "PHNOM PENH, April 3, 2025 -"
    re.compile(rf"(?P<place>{PLACES})\s*(?:{DASH}|,)\s*(?P<d1>{DATE_TEXT})\s*{DASH}{{1,2}}\s*"),
    # "Lorvik, Sept 13:", "New Delhi, Sept 13 (PTI):": a city, the day, perhaps the agency, a colon
    # (a timeline's "Wednesday, July 23, 2025:" entry is no dateline)
    re.compile(rf"(?!(?:{WEEKDAY}|{MONTH})\b)(?P<place>{PLACE}),\s*(?P<d1>{DATE_TEXT})\s*"
               rf"(?:\((?P<wire>{AGENCY})\)\s*)?(?P<end>:)\s+"),
    # "Baku, November 24, AZERTAC" on a line of its own: a city, the day, the agency
    re.compile(rf"(?P<place>{PLACE}),\s*(?P<d1>{DATE_TEXT}),\s*(?P<wire>[A-Z]{{2,8}})\s*$"),
    # "Harbour City, MINA –": a city and a listed agency's abbreviation, then a dash
    re.compile(rf"(?P<place>{PLACE}),\s*(?P<wire>[A-Z]{{2,8}})\s*(?P<end>{DASH}{{1,2}})\s+"),
    re.compile(rf"(?P<place>{CAPS_PLACE}(?:,\s*{PLACE})?)\s*:\s+"),  # "BANGKOK:"
    re.compile(rf"(?P<place>{PLACE}/{PLACE})\s*:(?:\s+|$)"),  # "Lorvik/Port Vell:": a story from two cities
    re.compile(rf"(?P<place>{CAPS_PLACE}|{PLACE},\s*{PLACE})\s*{DASH}{{1,2}}\s+"),  # "Metro Manila, Philippines —"
]


@dataclass
class Dateline:
    """A dateline opening a story: where it ends, the wire it credits, the date it states."""

    end: int
    wire: str | None = None
    iso: str | None = None
    day: str | None = None  # "MM-DD" of a date written without its year ("BERLIN, May 6 (Reuters) -")
    place: str | None = None  # what stands before the date: a city, or an outlet's name


# "(MENAFN- Kuwait News Agency (KUNA)) BRUSSELS, Oct 4 (KUNA) --": a syndication service's credit
# naming the outlet whose story it relays, run in before the story's own dateline
SYNDICATED = re.compile(r"\((?P<via>[A-Z][A-Za-z]{2,})\s?[-–]\s*"
                        r"(?P<src>[A-Z][^()\n]{1,60}?(?:\s*\([A-Z]{2,8}\))?)\)\s*")


def dateline(text: str) -> Dateline | None:
    """The dateline `text` opens with, or None; a syndication credit before it is part of it and
    names its wire when the dateline names none."""
    relay = SYNDICATED.match(text)
    skip = relay.end() if relay else 0
    for shape in _SHAPES:
        match = shape.match(text, skip)
        if match is None:
            continue
        groups = match.groupdict()
        wire = groups.get("wire")
        if wire and not _is_credit(match, wire):
            continue
        iso = _dateline_date(groups)
        return Dateline(match.end(), wire or (relay["src"] if relay else None), iso,
                        None if iso else _yearless_day(groups), groups.get("place"))
    return Dateline(skip, relay["src"]) if relay else None


def _is_credit(match: re.Match[str], wire: str) -> bool:
    """"(AFP)" after a dateline's place is a credit; "Armed Forces (AFP) chief" and "(UN) —" after
    a sentence's subject are not: the place must read as a dateline (a capitalised city, or "City,
    Country"), or a listed agency be followed by a dash or a date."""
    groups = match.groupdict()
    place = groups.get("place")
    known = wire.casefold() in WIRES
    if place is None:  # "(CNN) --" is a credit, "(Sihanoukville) —" and "(GENEVA) —" places
        return known or (wire.replace(" ", "").isupper() and (
            len(wire) <= CREDIT_LETTERS or any(p.casefold() in WIRES for p in re.split(r"[-/]", wire))))
    placed = "," in place or place.split()[0].isupper()
    if placed:
        return known or bool(groups.get("end"))
    if groups.get("end") and _named_credit(wire) and len(place.split()) <= 2:
        return True  # "Mogadishu (MFASomalia) –", "Ankara (UNA/QNA) –": a city, a credit, a dash
    dated = bool(groups.get("d1") or groups.get("d2"))
    return (known and (dated or bool(groups.get("end")))) or (dated and bool(groups.get("end")))


def _named_credit(wire: str) -> bool:
    """A credit that names its outlet: a listed agency in it, agencies' abbreviations joined by a
    slash ("UNA/QNA"), or one word of four letters or more with an inner capital ("MFASomalia");
    a bare short abbreviation ("GO") names no one a reader could tell, a phrase is no credit."""
    parts = wire.split("/")
    if any(p.casefold() in WIRES for p in parts) or (len(parts) >= 2 and all(
            p.isupper() and len(p) >= 2 for p in parts)):
        return True  # one agency relaying another's story: "AP/Reuters", "UNA/QNA"
    return " " not in wire and len(wire) >= 4 and not wire.isupper() and any(c.isupper() for c in wire[1:])


def _yearless_day(groups: dict[str, str | None]) -> str | None:
    """ "05-06" for a dateline's "May 6" or "6 May" written without a year."""
    for key in ("d1", "d2"):
        value = groups.get(key) or ""
        match = re.search(rf"(?P<m>{MONTH})\.?\s+(?P<d>\d{{1,2}})\b|\b(?P<d2>\d{{1,2}}){_ORD}\s+(?P<m2>{MONTH})", value)
        if match:
            month = month_number(match["m"] or match["m2"])
            day = int(match["d"] or match["d2"])
            if iso_date(2000, month, day):  # a leap year: 29 February is a day
                return f"{month:02d}-{day:02d}"
    return None


def _dateline_date(groups: dict[str, str | None]) -> str | None:
    if groups.get("num"):
        d, m, y = map(int, str(groups["num"]).split("-"))
        return iso_date(y, m, d)  # the "D-M-YYYY (CITY)" shape writes the day first
    for key in ("d1", "d2"):
        value = groups.get(key)
        if value and re.search(r"\d{4}", value):
            found = find_date(value)
            if found:
                return found[0]
    return None


def is_wire(name: str) -> bool:
    return name.casefold().strip(" .") in WIRES
