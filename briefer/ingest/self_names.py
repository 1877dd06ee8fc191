"""How a page names its own outlet further down the story, where no credit line does: the outlet
its sources spoke to ("..., he told Harbour Wire."), a paper speaking of itself ("the Herald has
learnt that"), a closing "Source: Harbour Wire", the site's own newsletter prompt ("Sign up for
Harbour Times's newsletter") and an issuer's note ("This report is produced by the Harbour
Authority")."""

from __future__ import annotations

import re

from briefer.ingest import pagedate as pd
from briefer.ingest.furniture import FIRST_PUBLISHED
from briefer.ingest.metadata import Line
from briefer.ingest.names import generic, outlet, outlet_like, person

# "an expert told Harbour Wire that ...": the outlet the page's interviews were given to
_TOLD = re.compile(r"\b(?:told|confirmed (?:the matter |this |it |the news )?to)\s+"
                   r"(?P<who>(?:[Tt]he\s+)?[A-Z][\w&'’.-]*(?:[ ][A-Z][\w&'’-]*){0,3})"
                   r"(?=\s+(?:that|in an? |on |last |this |earlier|late)|\s*[,.])")
# "When the Castello Herald contacted the ministry, it was told ...", "the Herald has learnt that":
# forms in which a paper speaks of itself by name, further down its own story
_ITSELF = re.compile(r"\bWhen\s+(?P<who>(?:[Tt]he\s+)?[A-Z][\w&'’-]*(?:[ ][A-Z][\w&'’-]*){0,3})\s+"
                     r"(?:contacted|reached|approached|asked)\b[^.;]{0,200}?,\s+it\s+was\s+(?:told|informed)\b"
                     r"|\b(?P<own>(?:[Tt]he\s+)?[A-Z][\w&'’-]*(?:[ ][A-Z][\w&'’-]*){0,3})\s+has\s+learn[td]\s+that\b")
_TITLES = {"president", "prime", "minister", "secretary", "chairman", "chair", "general", "mr", "mrs", "ms",
           "dr", "king", "queen", "prince", "senator", "ambassador", "governor", "mayor", "judge", "colonel",
           "sheikh", "parliament", "congress", "lawmakers", "reporters", "journalists"}
_WHEN = re.compile(rf"\s+(?:{pd.WEEKDAY}|{pd.MONTH})$")


def told_outlet(content: list[Line], is_body: object, text: str) -> str | None:
    """The outlet the page's own sources spoke to, further down the story ("..., he told Harbour
    Wire.", "told the Harbour Times that ..."): a listed agency or an outlet's name; else a name of
    two words or more that appears nowhere else on the page (a person told something is named
    again, or has a title). A paper naming itself ("When the Harbour Times contacted the ministry,
    it was told ...", "the Harbour Times has learnt that") counts whatever its name. In the
    story's first paragraph an interview given to an outlet is the news another outlet reports
    ("The minister told the Castello Herald that ..."), not its own."""
    body = [ln for ln in content if is_body(ln.text)]  # type: ignore[operator]
    found = []
    for ln in body[1:]:
        for match in _ITSELF.finditer(ln.text):
            who = re.sub(r"^[Tt]he\s+", "", match["who"] or match["own"])
            if who.split()[0].casefold().strip(".") not in _TITLES and not person(who):
                found.append(who)
        for match in _TOLD.finditer(ln.text):
            who = _WHEN.sub("", match["who"]).strip()
            bare = re.sub(r"^[Tt]he\s+", "", who)
            if pd.is_wire(bare):
                continue  # "told Reuters": pages that rewrite an agency's copy keep this too
            if outlet(who) or outlet(bare):
                found.append(bare if who.startswith("the ") else who)
            elif re.fullmatch(r"[A-Z]{2,5}", who) and _own_address(who, text):
                found.append(who)  # "told DW" on a page that links to dw.com
            elif bare == who and len(who.split()) >= 2 and who.split()[0].casefold().strip(".") not in _TITLES \
                    and all(_once(w, text) for w in re.split(r"[ -]", who) if len(w) > 2):
                found.append(who)
    return found[0] if found and len(set(found)) == 1 else None


def _own_address(name: str, text: str) -> bool:
    """True when a web address on the page is the name's own site ("DW" and p.dw.com/p/4rvFn)."""
    return bool(re.search(rf"https?://(?:[\w-]+\.)*{name.casefold()}\.[a-z]{{2,}}\b", text))


def _once(word: str, text: str) -> bool:
    return len(re.findall(rf"\b{re.escape(word)}\b", text)) == 1


# "Source: Harbour Wire" on a line of its own near the page's end: whose story the page carries
_SOURCE_LINE = re.compile(r"^(?:Source|Courtesy|Via)\s*:\s*(?P<who>[A-Z][\w&.'’-]*(?:\s[A-Z][\w&.'’-]*){0,4})\.?$"
                          r"|^[-–—]\s*(?P<wire>[A-Z][A-Za-z]{1,12})\.?$")  # "– PTI": an agency's closing credit
# "Sign up for Harbour Times's News Headlines newsletter": the site's own prompt; "I would like to be
# emailed about offers, events and updates from The Harbour Times"; "Bookmark stories for easy access
# on any device or the Harbour Times app."
_SITE = r"[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,3}"
_NEWSLETTER = re.compile(rf"\b(?:Sign up|Subscribe) (?:for|to) (?P<who>{_SITE})['’]s? (?:[\w-]+ ){{0,3}}newsletters?\b"
                         rf"|\bemailed about (?:[\w,]+ ){{1,5}}from (?P<site>(?:The )?{_SITE})"
                         rf"|\b(?:any device|[Dd]ownload|[Ii]nstall) (?:\w+ ){{0,2}}the (?P<app>{_SITE}) app\b")
# "This situation report is produced by OCHA in collaboration with ...": the issuer's own note
_PRODUCED = re.compile(r"^This (?i:(?:situation )?(?:report|update|bulletin|statement|document|brief(?:ing)?|note|"
                       r"press release|fact sheet|commentary|analysis|article|piece|post|blog post|op-ed)) "
                       r"(?:is|was) (?:first |originally )?(?:produced|issued|published|prepared) by "
                       r"(?:the )?(?P<who>[A-Z][\w&.'’-]*(?: (?:of |for |and |in (?:a |the )?)?[A-Z][\w&.'’-]*){0,5})")


def closing_source(all_lines: list[Line]) -> str | None:
    """A "Source: X" line among the page's last lines naming an agency or an outlet."""
    for ln in reversed(all_lines[-6:]):
        match = _SOURCE_LINE.match(ln.text.strip())
        if match and match["wire"]:
            if pd.is_wire(match["wire"]):
                return match["wire"]
        elif match and (pd.is_wire(match["who"]) or outlet_like(match["who"])) and not generic(match["who"]):
            return match["who"]
    return None


def own_newsletter(text: str) -> str | None:
    """The site a newsletter prompt on the page names as its own."""
    match = _NEWSLETTER.search(text)
    who = match and _sentence_cut(match["who"] or match["site"] or match["app"])
    return who if who and not generic(who) else None


def _sentence_cut(name: str) -> str:
    """A name read up to the end of its sentence: "The Harbour Times. Read" -> "The Harbour Times"."""
    return re.split(r"\.(?:\s|$)", name)[0].strip()


def produced_by(content: list[Line]) -> str | None:
    """The organisation a report's opening note says produced it."""
    for ln in content[:12]:
        match = _PRODUCED.match(ln.text.strip())
        if match and not person(who := _sentence_cut(match["who"])):
            return who
    return None




def first_published(all_lines: list[Line]) -> tuple[str, str | None] | None:
    """(outlet, ISO date or None) from an agency's closing "This report by X was first published
    DATE." among the page's last lines."""
    for ln in reversed(all_lines[-6:]):
        match = FIRST_PUBLISHED.match(ln.text.strip())
        if match and not person(match["who"]):
            st = pd.stamp(match["date"])
            return match["who"], st.iso if st else None
    return None


# "..., news agency Harbour Press reported.": the agency whose story the page retells
_AGENCY_REPORTED = re.compile(r"\b(?:news|wire|press) (?:agency|service) "
                              r"(?P<who>[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,2})(?: has)? report(?:ed|s)\b")


def agency_reported(content: list[Line], is_body: object) -> str | None:
    """A listed agency the story's first paragraph credits ("..., news agency AFP reported."): a
    page retelling an agency's story."""
    body = next((ln for ln in content[:8] if is_body(ln.text)), None)  # type: ignore[operator]
    match = _AGENCY_REPORTED.search(body.text) if body else None
    return match["who"] if match and pd.is_wire(match["who"]) else None
