"""Whether a short line reads as a publication's name, a page section's name or a person's name."""

from __future__ import annotations

import re

# Last words that mark a short line as a publication's name ("Siem Reap Times").
OUTLET = {"times", "post", "news", "herald", "tribune", "journal", "daily", "gazette", "chronicle",
          "express", "telegraph", "observer", "standard", "bulletin", "monitor", "mail", "star",
          "review", "today", "insider", "press", "online", "weekly", "magazine", "wire", "dispatch",
          "record", "courier", "sun", "globe", "nation", "inquirer", "reporter", "diplomat", "focus",
          "voice", "network", "tv", "radio", "media", "agency", "blog"}
# words that make a line a page's section, not a publication ("World News", "Latest News")
GENERIC = {"latest", "breaking", "top", "local", "national", "international", "world", "business",
           "sports", "politics", "more", "related", "other", "trending", "popular", "recent", "featured",
           "home", "opinion", "tech", "entertainment", "health", "science", "lifestyle", "regional",
           "asia", "europe", "africa", "americas", "pacific", "middle", "east", "economy", "markets",
           # a region's name is a section label ("Sub-Saharan Africa", "Latin America", "South Asia")
           "sub-saharan", "north", "south", "west", "central", "southeast", "northern", "southern",
           "eastern", "western", "latin", "america", "oceania", "caribbean"}
CONNECT = {"of", "the", "and", "in", "for", "on", "de", "du", "da", "van", "von", "bin", "binti", "al",
           "&"}
NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.)$")
# the newsroom's own credit in a byline's place: "Harbour Times Staff", "mid-week online correspondent"
DESK = re.compile(r"^(?:By:?\s+)?(?P<pub>\S+(?:\s\S+){0,3}?)\s+(?:(?:online|web|digital|news)\s+)?"
                  r"(?:correspondents?|desk|staff|bureau|reporters?|team)$", re.I)
# words that make a credit a role, not a name ("Senior Correspondent", "Staff Reporter")
# hyphenated words before a role that are no brand ("in-house staff", "full-time correspondent")
_COMPOUND = ("in-", "full-", "part-", "long-", "on-", "off-", "non-", "co-")
ROLE = {"correspondent", "correspondents", "desk", "staff", "bureau", "reporter", "reporters", "team", "editor"}


def outlet_like(name: str) -> bool:
    """A short capitalised name (1-6 words, no sentence punctuation, no digits)."""
    words = name.split()
    if not 1 <= len(words) <= 6 or re.search(r"\d|[.!?:;,]$", name) or name.isupper() and len(words) > 3:
        return False
    return all(NAME_TOKEN.match(w) or w.casefold() in CONNECT for w in words) and words[0][0].isupper()


def outlet(name: str) -> bool:
    """A publication's name: outlet-like, two words or more, ending in a word like Times or Blog;
    or one word run together from such a name ("HarbourTribune", "CastelloPost")."""
    words = name.split()
    if len(words) == 1 and (glued := _GLUED_NAME.fullmatch(name)):
        return glued["last"].casefold() in OUTLET
    return outlet_like(name) and len(words) >= 2 and words[-1].casefold().strip(".") in OUTLET


_GLUED_NAME = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)*(?P<last>[A-Z][a-z]+)")


def generic(name: str) -> bool:
    """"World News", "Asia Pacific": a section's name."""
    words = [w.casefold() for w in name.split()]
    return all(w in GENERIC or w in CONNECT for w in words[:-1]) and (words[-1] in GENERIC or words[-1] == "news")


def person(name: str) -> bool:
    """A person's name: 2-5 capitalised words or initials, no outlet word."""
    words = name.split()
    return 2 <= len(words) <= 5 and outlet_like(name) and not outlet(name) and not generic(name) \
        and not any(w.casefold() in CONNECT - {"de", "van", "von", "bin", "binti", "al", "da", "du"}
                    or w.casefold() in ROLE for w in words)


def desk_credit(part: str) -> str | None:
    """The outlet a newsroom credit names ("Harbour Times Staff", "Reuters staff", "mid-week online
    correspondent"): a listed news agency, an outlet's name or a brand written in lower case with a
    hyphen or dot. A place or a beat is no outlet ("Lahore correspondent", "Our Diplomatic
    Correspondent"), so other names are left alone."""
    from briefer.ingest.pagedate import is_wire

    match = DESK.match(part.strip())
    if match is None:
        return None
    pub = match["pub"]
    brand = re.fullmatch(r"[a-z]+(?:[.-][a-z]+)+", pub) is not None and not pub.startswith(_COMPOUND)
    return pub if is_wire(pub) or (outlet(pub) and not generic(pub)) or brand else None


def credit_byline(raw: str) -> str | None:
    """The agency or newsroom a byline names in a person's place ("By Xinhua", "By Harbour Times
    Staff"), else None."""
    from briefer.ingest.pagedate import is_wire

    raw = raw.strip(" .,")
    return raw if is_wire(raw) else desk_credit(raw)
