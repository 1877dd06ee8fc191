"""What a source's own text says about it (bylines, datelines, credits) and which of its lines are
page furniture (navigation, social links, anchors, copyright and credit lines, repeated keyword lines).

Pure functions over text; nothing here knows about any particular document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from briefer.ingest.furniture import page_furniture

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
MONTH_RE = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
            r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
DASH = r"[-–—]"

BYLINE = re.compile(r"^\s*By:?\s+(?P<names>[A-Z][^\n]{1,80}?)\s*$", re.M)
CREDIT = re.compile(
    r"^\s*\((?:Reporting|Writing|Additional reporting) by (?P<names>[^;)]+)[^)]*\)\s*$", re.M | re.I)
COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)|Copyright\b)\s*(?:\d{4}\s*)?(?P<owner>[^\n]{2,60}?)\s*$", re.M | re.I)
WIRE_DATELINE = re.compile(
    rf"^\s*[A-Z][A-Z .,'-]{{2,40}}\((?P<wire>[A-Z][A-Za-z .&]{{1,30}})\)\s*{DASH}", re.M)
DATE_DATELINE = re.compile(
    rf"^[^\n]{{0,60}}?{DASH}\s*(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}}),\s*(?P<year>\d{{4}})\s*{DASH}",
    re.M)

LEADING_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z .,'-]{2,40}(?:\([A-Za-z .&]{1,30}\))?\s*[-–—]\s*"
    r"|[A-Z][\w.,' ]{1,40}\s*[-–—]\s*[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}\s*[-–—]\s*)")


SOCIAL = {"facebook", "twitter", "x", "instagram", "youtube", "linkedin", "whatsapp", "telegram",
          "télégramme", "telegramme", "tiktok", "pinterest", "reddit", "email", "print", "share", "rss",
          "social", "icône", "icon", "menu", "search", "home", "login", "subscribe", "skip to content"}
NAV_LINE = re.compile(r"^(?:top|bottom) of (?:the )?page$|^(?:ancre|anchor)\s*\d*$|^back to top$|"
                      r"^skip to (?:main )?content$|^(?:advertisement|sponsored)$", re.I)
SEPARATOR = re.compile(r"^[\W_]+$")
LINK_TITLE = re.compile(r"\s[-–|]\s(?:Wikipedia|[\w.-]+\.(?:com|org|net|info|gov|edu|io|co|de|fr|uk))$", re.I)
BULLET = re.compile(r"^\s*(?:[•·▪◦*+-]|\d+[.)])\s+")
EN_STOP = {"the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "by", "from",
           "its", "has", "was", "were", "are", "be", "this", "their", "it", "at", "an", "which", "will"}
FOREIGN_STOP = {"le", "la", "les", "des", "du", "de", "leur", "et", "une", "un", "est", "dans", "pour",
                "der", "die", "das", "und", "ein", "el", "los", "las", "del", "con", "por", "il", "di"}


@dataclass
class Line:
    start: int
    end: int
    text: str  # stripped of bullets and surrounding space


def lines(text: str) -> list[Line]:
    """Split text into lines with offsets of their stripped content."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        stripped = BULLET.sub("", raw).strip()
        if stripped:
            lead = raw.find(stripped)
            out.append(Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def furniture(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, reason) for every line that is page furniture, not content."""
    all_lines = lines(text)
    counts = Counter(ln.text.casefold() for ln in all_lines)
    found = []
    for i, ln in enumerate(all_lines):
        reason = _furniture_reason(ln.text, counts[ln.text.casefold()])
        if reason is None and _is_trailer(all_lines, i):
            reason = "trailing link or label"
        if reason:
            found.append((ln.start, ln.end, reason))
    found += page_furniture([(ln.start, ln.end, ln.text) for ln in all_lines], {(s, e) for s, e, _ in found})
    return sorted(found)


def _furniture_reason(line: str, count: int) -> str | None:
    low = line.casefold()
    words = line.split()
    if NAV_LINE.match(line) or low in SOCIAL or (len(words) <= 4 and _all_social(words)):
        return "navigation"
    if SEPARATOR.match(line):
        return "separator"
    if COPYRIGHT.match(line) or BYLINE.match(line) or CREDIT.match(line):
        return "credit line"
    if count >= 2 and not line.endswith((".", '"', "”")) and len(words) <= 12:
        return "repeated keyword line"
    if LINK_TITLE.search(line) and not line.endswith("."):
        return "link title"
    if _foreign(words):
        return "other-language line"
    return None


def _all_social(words: list[str]) -> bool:
    return all(w.casefold().strip(".,:") in SOCIAL for w in words)


def _foreign(words: list[str]) -> bool:
    low = [w.casefold().strip(".,:;«»\"“”") for w in words]
    foreign = sum(w in FOREIGN_STOP for w in low)
    english = sum(w in EN_STOP for w in low)
    return len(low) >= 4 and foreign >= 2 and foreign > 2 * english


def _is_trailer(all_lines: list[Line], i: int) -> bool:
    """A short label in the run after the document's last sentence ("U.S. Department of State")."""
    start = len(all_lines)
    while start > 0 and _is_label(all_lines[start - 1].text):
        start -= 1
    return 0 < start <= i and len(all_lines) - start <= 6


def _is_label(line: str) -> bool:
    return len(line.split()) <= 10 and not line.rstrip().endswith((".", "!", "?", '"', "”", ")"))


def infer(text: str) -> dict[str, object]:
    """Return the metadata a text states about itself: authors, publisher, date, title."""
    meta: dict[str, object] = {}
    credit = CREDIT.search(text)
    byline = BYLINE.search(text)
    if credit:
        meta["authors"] = split_names(credit.group("names"))
    elif byline:
        meta["authors"] = split_names(byline.group("names"))
    wire = WIRE_DATELINE.search(text[:400])
    copyright_ = COPYRIGHT.search(text)
    if wire:
        meta["publisher"] = wire.group("wire").strip()
        meta["kind"] = "wire"
    elif copyright_:
        meta["publisher"] = copyright_.group("owner").strip()
    dated = DATE_DATELINE.search(text[:1500])
    if dated:
        month = _month(dated.group("month"))
        meta["date"] = f"{dated.group('year')}-{month:02d}-{int(dated.group('day')):02d}"
        meta["date_basis"] = "dateline"
    title = _title(text)
    if title:
        meta["title"] = title
    return meta


def _month(name: str) -> int:
    key = name.casefold().rstrip(".")[:3]
    return [m[:3] for m in MONTHS].index(key) + 1


def split_names(names: str) -> list[str]:
    """Split "A and B and C" or "A, B and C" into names."""
    parts = re.split(r",\s*|\s+and\s+|\s*&\s*", names.strip().rstrip("."))
    return [p.strip() for p in parts if p.strip()]


def _title(text: str) -> str | None:
    """A headline: a short line without final punctuation, set apart, near the top."""
    furn = {(s, e) for s, e, _ in furniture(text)}
    for ln in lines(text)[:6]:
        if (ln.start, ln.end) in furn:
            continue
        words = ln.text.split()
        if 3 <= len(words) <= 16 and not ln.text.endswith((".", ":", ",")) and \
                sum(w[:1].isupper() for w in words) >= len(words) / 2:
            return ln.text
        return None
    return None


def leading_dateline(text: str) -> int:
    """Length of a dateline opening a sentence ("WASHINGTON (Reuters) -", "Washington, D.C. –
    February 5, 2026 –"): the story starts after it. 0 when there is none."""
    lead = LEADING_DATELINE.match(text)
    return lead.end() if lead and lead.end() < len(text) - 20 else 0
