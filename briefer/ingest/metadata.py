"""What a source's own text says about it (bylines, datelines, credits) and which of its lines are
page furniture (navigation, social links, anchors, copyright and credit lines, repeated keyword lines).

Pure functions over text; nothing here knows about any particular document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from briefer.ingest.furniture import STORY_ENTRY, page_furniture
from briefer.ingest.names import desk_credit

BYLINE = re.compile(r"^[^\S\n]*(?:[^|\n]{0,30}\d[^|\n]{0,30}\|[^\S\n]*)?"  # "24 April 2025 | By Jane Roe"
                    r"(?:(?:Written|Posted|Published|Reported|Story|Words|Text) by|By|Authors?:|Reporter:"
                    # "by Jane Roe – Managing Editor": lower case only with a role after a dash
                    r"|by(?=\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,2}\s+[–—]\s)"
                    # "by Harbour Times Staff, March 4, 2025": a newsroom's credit
                    r"|by(?=\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s+(?:Staff|Desk|Bureau)\b))"
                    r":?\s+(?P<names>[A-Z][^\n]{1,80}?)[^\S\n]*$", re.M)
CREDIT = re.compile(
    r"^[^\S\n]*\(?(?:Reporting|Writing|Additional reporting) by (?P<names>[^;)\n]++)[^)\n]*\)?[^\S\n]*$", re.M | re.I)
COPYRIGHT = re.compile(r"^[^\S\n]*(?:©|\(c\)|Copyright\b)\s*(?:\d{4}\s*)?(?P<owner>[^\n]{2,60}?)[^\S\n]*$", re.M | re.I)

SOCIAL = {"facebook", "twitter", "x", "instagram", "youtube", "linkedin", "whatsapp", "telegram",
          "télégramme", "telegramme", "tiktok", "pinterest", "reddit", "email", "print", "share", "rss",
          "social", "icône", "icon", "menu", "search", "home", "login", "subscribe", "skip to content"}
# ... a breadcrumb ("Home News Business Economy"), a search box's words ("No Result")
NAV_LINE = re.compile(r"^(?:top|bottom) of (?:the )?page$|^(?:ancre|anchor)\s*\d*$|^back to top$|"
                      r"^Home(?:(?:\s*[»>/|›]\s*|\s+)(?-i:[A-Z])[\w&-]*){1,5}$|"
                      r"^skip to (?:main )?content$|^(?:advertisement|sponsored)$|"
                      r"^(?:no results?(?: found)?|view all results?|load more)$|"
                      r"^skip (?:to (?:the )?(?:main |more |next )?[\w -]{2,30}|next section\b.*)$", re.I)
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
    found += _menus(text, all_lines, {(s, e) for s, e, _ in found})
    found += page_furniture([(ln.start, ln.end, ln.text) for ln in all_lines], {(s, e) for s, e, _ in found})
    taken = {(s, e) for s, e, _ in found}
    found += [(ln.start, ln.end, "credit line") for ln in all_lines
              if (ln.start, ln.end) not in taken and _stamp_line(ln.text)]
    found += _standfirst(all_lines, taken)
    return sorted(found)


MENU_RUN = 6  # a list of this many one- or two-word bulleted links in a row is a site's menu
MENU_WORDS = 2


def _menus(text: str, all_lines: list[Line], taken: set[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """A site's menu saved with the page: a run of MENU_RUN bulleted lines or more, each one or two
    words with no sentence's end ("• News", "• World", "• Politics", ...); a story's list items are
    longer or fewer."""
    found: list[tuple[int, int, str]] = []
    run: list[Line] = []
    for ln in [*all_lines, None]:
        if ln is not None and _menu_item(text, ln):
            run.append(ln)
            continue
        if len(run) >= MENU_RUN:
            found += [(m.start, m.end, "navigation") for m in run if (m.start, m.end) not in taken]
        run = []
    return found


def _menu_item(text: str, ln: Line) -> bool:
    line_start = text.rfind("\n", 0, ln.start) + 1
    bulleted = bool(BULLET.match(text[line_start:ln.end]))
    return bulleted and len(ln.text.split()) <= MENU_WORDS and ln.text[:1].isupper() \
        and not ln.text.endswith(("!", "?", ":", ";", ",")) and not (ln.text.endswith(".") and "." not in ln.text[:-1])


def _standfirst(all_lines: list[Line], taken: set[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """A commentary's standfirst naming its author ("Jane Roe examines ..."): the page's note on
    itself, like "In this article, we ...", not the story."""
    from briefer.ingest.credits import standfirst_at

    lead = standfirst_at(all_lines[:8])
    ln = all_lines[lead[0]] if lead else None
    return [(ln.start, ln.end, "standfirst")] if ln and (ln.start, ln.end) not in taken else []


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
    return len(line.split()) <= 10 and not line.rstrip().endswith((".", "!", "?", '"', "”", ")")) \
        and not STORY_ENTRY.match(line)  # "April 24: Country B closes its airspace" is a timeline entry


def _stamp_line(line: str) -> bool:
    """A date stamp of the page ("Published: Sep 12, 2025 10:02 AM", "Jane Doe | June 20, 2024",
    a web archive's "date 2025-04-05 Site"): metadata, never content. A date alone stays content
    (a timeline's entry heading)."""
    if not any(c.isdigit() for c in line) or line.endswith(":"):  # "May 2, 2024:" heads an entry
        return False
    from briefer.ingest import pagedate

    if line.startswith("date ") and pagedate.archive_date(line):
        rest = pagedate.archive_date(line)[1]  # type: ignore[index]
        return len(rest.split()) <= 4 and not rest.endswith((".", '"', "”"))
    if len(line.split()) > 16:
        return False
    if pagedate.named_stamp(line):  # "Reuters June 18, 2025"
        return True
    if "|" in line:  # "Jane Doe | June 20, 2024"; a table row "May 2, 2024 | Talks resume" is content
        parts = [p.strip() for p in line.split("|") if p.strip()]
        named = all(pagedate.stamp(p) or _name_like(p) or desk_credit(p) for p in parts)
        return named and any(pagedate.stamp(p) or re.search(r"\d{4}\b", p) for p in parts)
    found = pagedate.stamp(line)
    return bool(found and (found.weekday or found.published or re.search(r"\d[:.]\d\d", line)))


def _name_like(part: str) -> bool:
    """A name ("Harbour Weekly 04/03/2024", "Jane Doe"): capitalised words, dates and numbers."""
    words = re.sub(r"\d[\d/.:-]*", " ", part).split()
    return 0 < len(words) <= 6 and all(w[:1].isupper() or w.casefold() in {"of", "the", "and", "by"}
                                       for w in words)


def infer(text: str, marks: list[tuple[int, int, str]] | None = None) -> dict[str, object]:
    """Return the metadata a text states about itself: authors, publisher, date, title, kind;
    `marks` are the text's furniture() when already found."""
    from briefer.ingest.stated import infer as stated  # stated builds on this module's lines

    return stated(text, marks)


def split_names(names: str) -> list[str]:
    """Split "A and B and C" or "A, B and C" into names; "X in Washington" is X."""
    names = re.sub(r"\s+in\s+[A-Z][\w.' -]*?(?=,|\s+and\s+|\s*&|$)", "", names.strip().rstrip("."))
    parts = re.split(r",\s*|\s+and\s+|\s*&\s*", names)
    return [p.strip() for p in parts if p.strip()]


def leading_dateline(text: str) -> int:
    """Length of a dateline opening a sentence ("WASHINGTON (Reuters) -", "BANGKOK:",
    "(Sihanoukville):", "Ream, Cambodia (AFP) April 5, 2025"): the story starts after it. 0 when
    there is none."""
    from briefer.ingest import pagedate

    archived = pagedate.ARCHIVE.match(text)
    skip = archived.start("rest") if archived else len(text) - len(text.lstrip())
    lead = pagedate.dateline(text[skip:])
    end = skip + lead.end if lead and lead.end else (skip if archived else 0)
    return end if end < len(text) - 20 else 0


_OMISSION = re.compile(r"[\"“]?\s*[\[(](?:…|\.\.\.)[\])]\s*")
_WIRE_TAIL = re.compile(r",\s+(?:(?:reports|reported|says|said)\s+(?P<a>(?:the\s+)?[\w .-]{2,30}?)|"
                        r"(?P<b>(?:the\s+)?[\w .-]{2,30}?)\s+(?:reports|reported))\.$")

# a pointer to another page closing a sentence: "(see Fides, 27/10/2025).", "(see also Table 2)"
_SEE_TAIL = re.compile(r"\s*\((?:see|cf\.)\s[^()\n]{1,60}\)\s*[.!?]?\s*$", re.IGNORECASE)
# an author-year reference closing a sentence: "(Roe and Lee, 2025)", "(Harbour Times, 2025a)", "(Roe et al., 2024)"
_CITED_TAIL = re.compile(r"\s*\((?:[A-Z][\w'’.&-]*(?:\s[A-Z][\w'’.&-]*){0,3}(?:\s(?:and|&)\s[A-Z][\w'’-]*)?"
                         r"(?:\set\sal\.)?),\s*(?:19|20)\d\d[a-z]?(?:[;,]\s*[^()\n]{1,40})?\)\s*[.!?]?\s*$")


def statement_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) of a sentence less what is the page's, not the story's: an editor's omission
    mark opening it ("“[…] The two states agreed ...”", with its quote marks), a news agency's
    credit closing it ("..., reports the AFP."), a pointer to another page closing it ("...
    (see Harbour Wire, 27/10/2025).") and an author-year reference closing it ("... (Roe and Lee,
    2025)."). A quote mark left without its pair goes too."""
    from briefer.ingest import pagedate

    lead = _OMISSION.match(text, start, end)
    if lead:
        start = lead.end()
        rest = text[start:end]
        if text[lead.start()] in "\"“" and rest.endswith(("”", '"')) and "“" not in rest and rest.count('"') <= 1:
            end -= 1
    tail = _WIRE_TAIL.search(text, start, end)
    if tail and pagedate.is_wire(re.sub(r"^the\s+", "", tail["a"] or tail["b"] or "", flags=re.I)):
        end = tail.start()
    for tail in (_SEE_TAIL, _CITED_TAIL):
        found = tail.search(text, start, end)
        if found and found.start() > start:
            end = found.start()
    return start, end
