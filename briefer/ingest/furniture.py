"""More page furniture, recognised by the shape of a line rather than its wording: captions with
a photo credit, date and byline lines, related-story blocks, interface prompts, hashtag lines,
sub-heads, image alt text above the headline, a site's notes about itself and debugging output.

`page_furniture` works on the lines `metadata.lines` gives, as (start, end, text) triples, and
returns (start, end, reason) spans like `metadata.furniture`. Nothing here knows a publisher.
"""

from __future__ import annotations

import re

from briefer.ingest.pagedate import MONTH_NAMES

Line = tuple[int, int, str]
Span = tuple[int, int, str]

_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|urday|sday)?\.?"
_MONTH = rf"(?:{MONTH_NAMES})\.?"
_TIME = r"\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?"
_DATE = (rf"(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+"
         rf"{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|"
         rf"\d{{4}}-\d\d-\d\d)")
# a line that is only a date and/or a time ("Thursday, Sep 18, 2025", "Dec 27, 2025", "01:09 pm")
DATE_LINE = re.compile(rf"^(?:{_DATE}(?:[,|\s]+(?:at\s+)?{_TIME})?|{_TIME})$", re.I)
DATE_INSIDE = re.compile(rf"{_DATE}|{_TIME}", re.I)
# how a web archive records a page: " date 2025-04-05 Section name"
ARCHIVE_DATE = re.compile(r"^date \d{4}-\d\d-\d\d\b")
# a city and a dash after the archive's date, opening the story ("Khartoum — There is ...")
ARCHIVED_PLACE = re.compile(r"\s+[A-Z][a-z'’.-]+(?:[ -][A-Z][a-z'’.-]+){0,2}\s*[—–]\s+(?=[A-Z])")
CREDIT_TAIL = re.compile(
    # REUTERS/Name Surname, REUTERS/Name Surname/File Photo
    r"(?:\b[A-Z]{2,}(?:\s[A-Z]{2,})*(?:\s?/\s?[A-Z][\w.'-]+(?:\s[A-Z][\w.'-]+){0,3}){1,2}"
    r"|\((?:[A-Z][\w.'-]*\s){0,3}[A-Z][\w.'-]*\s?/\s?[A-Z][\w .&'-]+\)"  # (Name Surname/PUBLISHER)
    r"|\b(?:Photo|Image|Picture|Photograph|Credit)s?\s*(?:by\b|:)[^.]{0,60}"
    r"|(?<=[.)])\s*\|\s*[A-Z]{2,}(?:[-/][A-Z]{2,})*)\s*$")  # "... on Monday. | AFP-JIJI"
RELATED = re.compile(r"^(?:related(?:\s+(?:articles?|stories|news|posts|content|coverage))?|also read|"
                     r"read (?:also|more|next)|more (?:from|on|stories|news)\b.*|you (?:may|might) also like|"
                     r"recommended(?:\s+for you)?|trending(?:\s+now)?|most (?:read|popular|viewed)|"
                     r"latest (?:news|stories)|top stories|see also)\s*[:.…]*$", re.I)
STORY_ENTRY = re.compile(rf"^(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?\s*:\s+\S", re.I)
RELATED_PREFIX = re.compile(r"^(?:also read|read also|read more|see also|related)\s*:", re.I)
PROMPT = re.compile(r"^(?:\w+(?:\s\w+)?\s*(?:\.\.\.|…)|\d+:\d\d|\d+\s+min(?:ute)?s?\s+(?:read|listen)|"
                    r"(?:estimated\s+)?(?:reading|read|listening)\s+time\s*:?\s*(?:[<>~≈]|less than|about)?\s*"
                    r"\d+\s*(?:min(?:ute)?s?|m)\.?|"
                    r"summari[sz]e|close|newsletter|listen(?: to this article)?|"
                    r"(?:sign up|subscribe)(?: (?:to|for) (?:our|the) newsletter)?|what'?s the story\??|"
                    r"(?:save\s*(?:&|and)\s*read|bookmark (?:this|stories|articles))\b.{0,80})$", re.I)
CODE_LINE = re.compile(r"^[a-z]+[A-Z]\w*\s*[:=]\s*[\w.\"'-]*[;,]?$")
SELF_NOTE = re.compile(r"^(?:In this (?:client )?(?:alert|article|post|piece|update|insight|newsletter|"
                       r"briefing|note|blog(?: post)?|guide|explainer),? we\b|"
                       r"This (?:live )?(?:blog|page|live coverage|coverage) (?:is|has) (?:now )?(?:closed|ended)\b|"
                       r"In it,? we (?:covered|reported|brought you)\b|"
                       r"[^.]{0,80}\bcontributed (?:reporting )?to this (?:report|story|article)\b)", re.I)
# a mailing list's delivery notice around an e-mailed page
MAIL_NOTICE = re.compile(r"^(?:You are subscribed to\b|You are receiving this (?:e-?mail|message|newsletter)\b|"
                         r"This (?:e-?mail|message) was sent to\b|(?:To )?unsubscribe\b|"
                         r"(?:Manage|Update) your (?:subscriptions?|preferences)\b)", re.I)
SENTENCE_END = (".", "!", "?", '"', "”", "’", "'")
# a photo caption: one sentence in the present tense of what a picture shows ("X and Y shake hands
# after the talks"), ending with the day it was taken ("on 14 December 2023."); reporting uses the
# past tense, and a schedule says "will" or "are due to"
PHOTO_VERB = re.compile(r"\b(?:shake|shakes) hands\b|\b(?:pose|poses|gesture|gestures|look on|looks on|wave|waves|"
                        r"greet|greets|arrive|arrives|embrace|embraces|react|reacts|listen|listens|"
                        r"walk|walks|speak|speaks|attend|attends|stand|stands|sit|sits)\b(?! to be\b)")
CAPTION_END = re.compile(rf"\b(?:on|in \w+(?: \w+)?,?)\s+(?:{_DATE})\.$")
# above the story, what a picture shows: people and what they hold or do, with no verb of news
# ("Protesters with a banner reading ...", "Farmers carrying sacks of rice past the mill")
DEPICTION = re.compile(r"^(?:[A-Z][a-z]+(?:s|men)|People|Children)\s+(?:with|holding|carrying|wearing|waving|"
                       r"standing|sitting|walking|marching|gathering|gathered|posing|chanting|lining|queuing|queueing)\b")
# a section kicker in capitals before the headline on its line ("PUBLIC HEALTH: ...")
KICKER = re.compile(r"^[A-Z]{2,}(?:[ &-][A-Z]{2,}){1,4}:\s+(?=[A-Z])")
# the separator of a section trail ("NEWS › WORLD", "INTERNATIONAL – ASIA")
BREADCRUMB = re.compile(r"\S\s+[–—/|›>»]\s+\S")
# an issuer credit above the story: a name with its city in brackets, "Harbour Authority (Lagos)"
ISSUER_CITY = re.compile(r"^[A-Z][\w&.'’-]*(?:\s+(?:of|and|for|the|on|[A-Z][\w&.'’-]*)){1,10}"
                         r"\s+\([A-Z][a-z]+(?:\s[A-Z][a-z]+)?\)$")


# "This report by The Harbour Press was first published Oct. 7, 2031.": an agency's closing note
# (self_names.first_published reads the outlet and the date)
FIRST_PUBLISHED = re.compile(
    r"^This (?:report|story|article|item) by (?:the )?(?P<who>[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,4}) "
    r"was (?:first )?published (?:on )?(?P<date>[^\n]{6,30}?)\.?$")
# a photo caption's closing date and agency credit: "... in Lorvik, February 1, 2031.(AFP)"
CAPTION_CREDIT = re.compile(r"\d{4}\s*\.\s*\((?P<wire>[A-Z][A-Za-z]{1,15})\)\s*$")
# "From the WHO": whose text the page relays (credits.relayed_from reads the name)
RELAYED = re.compile(r"^From (?:the )?[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,4}\s*:?$")


def page_furniture(lines: list[Line], known: set[tuple[int, int]]) -> list[Span]:
    """Furniture spans among `lines` that the rules in `known` (spans already found) missed."""
    found: list[Span] = []
    body = _body_start(lines)
    headings = _date_headings(lines)
    related = False
    for i, (start, end, text) in enumerate(lines):
        if (start, end) in known or i in headings:
            continue
        reason = _line_reason(text)
        if reason is None and _caption_twin(lines, i):
            reason = "caption"
        if RELATED.match(text):  # "Related:" alone: the links below it are furniture too
            related, reason = True, reason or "related links"
        elif reason is None and related and (_label(text, words=25) or _title_case(text)) and not _story_line(text):
            reason = "related links"
        else:
            related = related and reason is not None
        if reason is None and i < body:
            reason = _leading_reason(lines, i, body)
        if reason is None and i < body and KICKER.match(text):
            found.append((start, start + KICKER.match(text).end(), "kicker"))  # type: ignore[union-attr]
            continue
        if reason is None and i > body and _subhead(lines, i):
            reason = "sub-head"
        if reason is not None:
            found.append((start, end, reason))
        elif ARCHIVE_DATE.match(text):
            stamp = ARCHIVE_DATE.match(text).end()  # type: ignore[union-attr]
            place = ARCHIVED_PLACE.match(text, stamp)  # " date 2025-10-28 Khartoum — There is ...": a dateline
            found.append((start, start + (place.end() if place else stamp), "archive date"))
    return found


def _caption_twin(lines: list[Line], i: int) -> bool:
    """A line the next line repeats with a photo credit after it: the caption shown twice (as the
    image's alt text, then under it with "REUTERS/Jane Roe")."""
    text = lines[i][2].strip()
    after = lines[i + 1][2].strip() if i + 1 < len(lines) else ""
    return len(text.split()) >= 4 and after.startswith(text) and after != text \
        and bool(CREDIT_TAIL.search(after[len(text):]))


def _date_headings(lines: list[Line]) -> set[int]:
    """Date lines that head a timeline's entries: where two or more lines that are a date alone each
    stand above a paragraph, they date what follows (content), not the page (furniture)."""
    heads = {i for i, (_, _, text) in enumerate(lines[:-1])
             if DATE_LINE.match(text) and not re.search(r"\d[:.]\d\d", text)
             and len(lines[i + 1][2].split()) >= 8 and not DATE_LINE.match(lines[i + 1][2])}
    return heads if len(heads) >= 2 else set()


# a newsletter sign-up box saved as one line ("... sign up to our breaking news emails Please enter
# a valid email address ... Read our privacy notice Thanks for signing up"): three of its phrases (a
# story about a privacy policy may use two)
SIGNUP = re.compile(r"\b(?:sign(?:ing)? up|subscribe|newsletters?|(?:valid )?e-?mail address|privacy "
                    r"(?:notice|policy)|your inbox|unsubscribe)\b", re.I)
SIGNUP_WORDS = 80


def _signup(text: str) -> bool:
    return len(text.split()) <= SIGNUP_WORDS and len({m.group().casefold() for m in SIGNUP.finditer(text)}) >= 3


def _line_reason(text: str) -> str | None:
    """What a line is, from its own shape alone."""
    archived = ARCHIVE_DATE.match(text)
    if archived and (_label(text[archived.end():]) or _signup(text[archived.end():])):
        return "archive date"
    if _signup(text):
        return "interface text"
    if DATE_LINE.match(text):
        return "date line"
    if _dated_byline(text):
        return "byline"
    if CREDIT_TAIL.search(text) or _photo_caption(text) or _credited_caption(text):
        return "caption"
    if FIRST_PUBLISHED.match(text):
        return "credit line"
    if ISSUER_CITY.match(text) or RELAYED.match(text.strip()):
        return "credit line"
    if RELATED_PREFIX.match(text):
        return "related links"
    if PROMPT.match(text) or CODE_LINE.match(text):
        return "interface text"
    if _chart_text(text):
        return "chart text"
    if _hashtags(text):
        return "hashtags"
    if SELF_NOTE.match(text) and len(text.split()) <= 45:
        return "site boilerplate"
    if MAIL_NOTICE.match(text) and len(text.split()) <= 60:
        return "mail notice"
    return None


def _chart_text(text: str) -> bool:
    """A chart's labels and values run into one line ("Provisional result 2021 2025 25.7% SPD 24.1%
    CDU/CSU 14.7% Greens ... Party of Germany ..."): three values or more, hardly a lower-case word
    (one in eight, or two), no sentence's end."""
    if text.rstrip().endswith(SENTENCE_END) or len(_CHART_VALUE.findall(text)) < 3:
        return False
    words = text.split()
    lower = sum(1 for w in words if w.isalpha() and w.islower())
    return lower <= max(2, len(words) // 8)


_CHART_VALUE = re.compile(r"(?<!\S)(?:[-+]?\d+(?:[.,]\d+)?%|\d+[.,]\d+)(?!\S)")


def _dated_byline(text: str) -> bool:
    """A short line of names and a date or time ("Tan Min-Wei | June 20, 2024, 07:06 PM",
    "Published May 16, 2025 by The Maritime Executive"): no word of it is lower case but
    "by", "on" and "at"."""
    if text.endswith(".") or len(text.split()) > 14 or not DATE_INSIDE.search(text):
        return False
    rest = DATE_INSIDE.sub(" ", text)
    words = [w for w in re.split(r"[\s|,/·•–—()\[\]-]+", rest) if w]
    return bool(words) and all(w[:1].isupper() or w in {"by", "on", "at"} for w in words)


def _photo_caption(text: str) -> bool:
    """One short present-tense sentence of what a photo shows, ending with the day it was taken."""
    return len(text.split()) <= 35 and ". " not in text[:-1] and not re.search(r"[\"“”]", text) \
        and bool(CAPTION_END.search(text)) and bool(PHOTO_VERB.search(text)) \
        and not re.search(r"\b(?:will|would|to|due|set|expected|shall|said|says|told|added|according)\b", text)


def _credited_caption(text: str) -> bool:
    """What a photo shows, closed by the day it was taken and an agency's credit ("X looks on
    during a press conference in Lorvik, February 1, 2031.(AFP)")."""
    from briefer.ingest.pagedate import is_wire

    match = CAPTION_CREDIT.search(text)
    return bool(match) and is_wire(match["wire"]) and len(text.split()) <= 45 \
        and bool(PHOTO_VERB.search(text)) and not re.search(r"[\"“”]", text)  # type: ignore[index]


def _title_case(text: str) -> bool:
    """A headline in title case ("Minister Vows Tough Action on Smuggling: “We Will Act”"): most
    words of four letters or more capitalised, at most 25 words."""
    words = [w.strip("“”\"'‘’:,") for w in text.split()]
    long = [w for w in words if len(w) >= 4 and w.isalpha()]
    return len(words) <= 25 and len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.8 * len(long)


def _hashtags(text: str) -> bool:
    words = text.split()
    return len(words) >= 2 and sum(w.startswith("#") for w in words) >= len(words) / 2


def _story_line(text: str) -> bool:
    """A line that ends a run of related links: two sentences ("India convened a meeting. A string
    of measures was announced:") or a dated timeline entry ("April 23: Country A closes the border")."""
    return bool(re.search(r"[a-z)][.!?]\s+[A-Z]", text) or STORY_ENTRY.match(text))


def _label(text: str, words: int = 16) -> bool:
    """A line that is no sentence: short, without a sentence's final mark."""
    return len(text.split()) <= words and not text.rstrip().endswith(SENTENCE_END)


def _body_start(lines: list[Line]) -> int:
    """The index of the first line that is a sentence (the story's start)."""
    return next((i for i, (_, _, text) in enumerate(lines)
                 if len(text.split()) >= 5 and text.rstrip().endswith(SENTENCE_END)), len(lines))


def _leading_reason(lines: list[Line], i: int, body: int) -> str | None:
    """Above the story: a picture's caption (DEPICTION), a short sentence-case line with no capital
    past its first word (image alt text, "Geometric architecture detail") or a section kicker in
    capitals ("ASIA PACIFIC"), when a longer line above the story can be the headline."""
    text = lines[i][2]
    words = text.split()
    if DEPICTION.match(text) and len(words) <= 30 and not text.endswith(SENTENCE_END):
        return "caption"
    if not 1 <= len(words) <= 5 or any(c.isdigit() for c in text) or text.endswith(SENTENCE_END):
        return None
    kicker = text.isupper()
    if kicker and BREADCRUMB.search(text):  # "WORLD – ASIA": a section trail, whatever follows it
        return "image text or kicker"
    headline = any(len(t.split()) >= 6 and not t.endswith(SENTENCE_END) for _, _, t in lines[:body])
    alt = words[0][:1].isupper() and all(w.islower() for w in words[1:]) and len(words) >= 2
    return "image text or kicker" if headline and (kicker or alt) else None


def _subhead(lines: list[Line], i: int) -> bool:
    """Inside the story, a short label line followed by a paragraph: a sub-head, not content."""
    text = lines[i][2]
    words = len(text.split())
    if words > 8 or text.endswith((".", "!", '"', "”", "’", "'", ":")) or i + 1 >= len(lines) or \
            not text[:1].isupper() or any(c.isdigit() for c in text) or text.endswith("?") and words > 5:
        return False  # "He said:" introduces what follows; "Thursday, July 24, 2025:" dates it
    nxt = lines[i + 1][2]
    return len(nxt.split()) > words + 4 or _subhead(lines, i + 1) and words <= 4
