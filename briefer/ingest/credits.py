"""Further shapes in which a page states who made it and when, read in their general form:

- labelled fields ("Date: June 2, 2025", "Author: Jane Doe"), also run together by a scraper
  ("Date: June 2, 2025Author: Harbour Law Blog1 Comment");
- a byline with a role, in either case ("by Jane Doe, Professor of Law, University of X");
- an author box: the author's name twice under the headline, then a short bio ("Jane is a senior
  correspondent for Harbour Weekly ...");
- an organisation's "Name (City)" line beside a "press release" line or the page's date;
- a news agency's name alone on a line above the story (its credit);
- a "Last updated: <date>" stamp, also at a page's end and in spun wording ("Final Up to date:");
- an inverted credit closing an early sentence ("..., reports the AFP.").

Every reader returns None when the shape is not there; nothing is guessed.
"""

from __future__ import annotations

import re

from briefer.ingest import pagedate as pd
from briefer.ingest.metadata import Line, split_names
from briefer.ingest.names import CONNECT, NAME_TOKEN, ROLE, generic, outlet, outlet_like, person

# Field labels a page's template writes before its metadata.
_LABEL = r"(?:Date|Published|Updated|Posted|Written|Last [Uu]pdated|Authors?|Written by|Source|Publisher|Category|Tags)"
# a label glued to the previous field by a scraper ("2025Author:")
_GLUED = re.compile(rf"(?<=[\w.)])(?={_LABEL}:)")
_FIELD = re.compile(rf"^(?P<label>{_LABEL}):\s*(?P<value>.+?)\s*$")
# a comment counter glued to the end of a field ("Harbour Law Blog1 Comment", "No Comments")
# (?<!\s): begin only where a run of spaces begins (from every space of a long run: quadratic)
_COMMENTS = re.compile(r"(?<!\s)\s*(?:\d+|No)\s+Comments?\s*$|(?<!\s)\s*Leave a [Cc]omment\s*$")
_PERSON = r"[A-Z][\w'’-]*\.?(?:\s+(?:[A-Z][\w'’-]*\.?|de|van|von|bin|binti|da|al)){1,4}"
ROLE_BYLINE = re.compile(rf"^[Bb]y:?\s+(?P<name>{_PERSON})(?:,\s+(?P<role>[A-Z][^\n]*))?$")
# A stamp's label: a few words ending in a date word ("Last updated", "Final Up to date").
STAMP_LABEL = re.compile(r"^(?P<label>(?:[A-Za-z]+\s+){0,3}(?:date|update[d]?|published|posted|modified))\s*:\s*"
                         r"(?P<rest>.+)$", re.I)
# words a page's own stamp label is made of ("Last updated", "Publication date", and spun
# wording "Final Up to date"); any other ("Election date", "Closing date") dates something else
_STAMP_WORDS = {"last", "final", "first", "up", "to", "publication", "published", "release", "page", "post",
                "article", "originally", "update", "updated", "posted", "modified", "date", "on"}
_RELEASE = re.compile(r"^(?:press|news|media) release$|^(?:press |official )?statement$", re.I)
_ORG_PLACE = re.compile(r"^(?P<org>[A-Z][^()]{2,80}?)\s*\((?P<place>[A-Z][\w.'’ -]{1,30})\)$")
# a newsroom role "for"/"at" a publication, in an author's bio
_NEWSROOM = re.compile(
    r"\b(?:editor|correspondent|reporter|writer|columnist|chief|producer|journalist)\s+(?:for|at|with)\s+"
    r"(?P<pub>(?:The\s+)?[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})", re.I)
# a site's name as web pages write it: "Orda.kz", "Caliber.Az", "News.az"
_DOMAIN = re.compile(r"^[A-Z][\w-]*\.[A-Za-z]{2,4}$")
_NAME = r"[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3}"
# the outlet naming itself as the story's teller in its first paragraph: "..., informs UNN.",
# "..., Orda.kz reports.", "According to Caliber.Az, citing the ministry, ..."
_TELLS = [re.compile(rf",\s*informs\s+(?P<who>{_NAME})\s*\.(?:\s|$)"),
          re.compile(rf",\s*(?P<who>{_NAME})\s+reports\s*\.(?:\s|$)"),
          re.compile(rf"(?:^|\.\s+)According to (?P<who>{_NAME}),\s*citing\b")]
# a site's own blurb: "Harbour Weekly brings you the latest news, analysis and ..."
# ("Ruritania delivers aid ..." opens a story, so the blurb must offer news)
_BLURB = re.compile(rf"^(?P<who>{_NAME}) (?:brings you|is your (?:source|home) for)\b.{{0,80}}?"
                    r"\b(?:news|stories|information|analys[ie]s|coverage|updates|reporting)\b")
_INVERTED = re.compile(r",\s*reports?\s+(?:the\s+)?(?P<wire>[A-Z][\w .-]{1,30}?)\s*\.(?:\s|$)")


def fields(text: str) -> list[tuple[str, str]]:
    """(label, value) for each labelled field of a line that opens with one, split where a scraper
    ran the fields together; [] when the line does not open with a label."""
    parts = [p.strip() for p in _GLUED.split(text) if p.strip()]
    out = []
    for part in parts:
        match = _FIELD.match(part)
        if match is None:
            return out if out else []
        out.append((match["label"].casefold(), _COMMENTS.sub("", match["value"]).strip()))
    return out


def labelled(top: list[Line]) -> dict[str, object]:
    """Date, authors and publisher from labelled fields above the story."""
    found: dict[str, object] = {}
    for ln in top:
        for label, value in fields(ln.text):
            if label in {"date", "published", "posted", "written", "updated", "last updated"}:
                st = pd.stamp(value)
                if st and st.iso:
                    found.setdefault("date", st.iso)
                    if label in {"published", "posted", "written"}:
                        found.setdefault("published", st.iso)
            elif label in {"author", "authors", "written by"}:
                names = split_names(value)
                if names and all(person(n) for n in names):
                    found.setdefault("authors", names)
                elif outlet(value) and outlet_like(value):
                    found.setdefault("publisher", value)
            elif label == "publisher" and outlet_like(value):
                found.setdefault("publisher", value)
    return found


def label_stamp(text: str) -> pd.Stamp | None:
    """"Last updated: July 8, 2024, 01:08 IST": a date stamp under a short label ending in a date
    word; None for a date that is not the page's ("Closing date: ...", "Election date: ...")."""
    match = STAMP_LABEL.match(text)
    if match is None or not {w.casefold() for w in match["label"].split()} <= _STAMP_WORDS:
        return None
    st = pd.stamp(match["rest"])
    if st is None or st.iso is None:
        return None
    label = match["label"].casefold()
    return pd.Stamp(st.iso, st.weekday, "published" in label or "posted" in label)


def end_stamp(all_lines: list[Line]) -> str | None:
    """A labelled date stamp among a page's last lines (a footer's "Last updated: ...")."""
    for ln in reversed(all_lines[-6:]):
        st = label_stamp(ln.text)
        if st:
            return st.iso
    if sum(1 for ln in all_lines if len(ln.text.split()) <= 8 and pd.stamp(ln.text)) >= 2:
        return None  # date lines heading a chronology's entries, the last one cut short
    for ln in reversed(all_lines[-3:]):  # a bare day stamp closing the page ("BDST: 1048 HRS, MAR 31, 2025")
        if len(ln.text.split()) > 8:
            break  # below the last paragraph only: a date above one heads it (a chronology)
        st = pd.stamp(ln.text)
        if st and st.iso and len(st.iso) == 10:
            return st.iso
    return None


# a genre label above a piece whose standfirst names its author ("Commentary", "Analysis")
_GENRE = r"(?:commentary|analysis|essay|op-ed|opinion|perspective|column|policy brief|issue brief|paper)"
_GENRE_LINE = re.compile(rf"^{_GENRE}$", re.I)
# the standfirst naming the author of the piece: "Jane Roe examines the rules that ...", "In this
# commentary, Jane Roe argues ..."
STANDFIRST = re.compile(rf"^(?:[Ii]n this {_GENRE}(?: piece)?,\s+)?(?P<name>{_PERSON})\s+"
                        r"(?:examines|explores|assesses|analy[sz]es|argues|unpacks|reflects on)\s")


def standfirst_at(top: list[Line]) -> tuple[int, str] | None:
    """(index, author) of a standfirst above the story that names the piece's author as its
    subject ("Jane Roe examines ..."), on a page labelled as commentary or analysis (or saying "In
    this commentary, ..."): a news summary's "Jane Roe argues" names a speaker, so a label is
    needed."""
    labelled = any(_GENRE_LINE.match(ln.text) for ln in top[:6])
    for i, ln in enumerate(top[:8]):
        match = STANDFIRST.match(ln.text)
        if match and person(match["name"]) and (labelled or ln.text.casefold().startswith("in this ")):
            return i, match["name"]
        if len(ln.text.split()) >= 12 and ln.text.endswith((".", '"', "”")):
            break  # the story has begun: a standfirst stands above it
    return None


def role_byline(text: str, top: list[Line]) -> list[str] | None:
    """"by Jane Doe, Professor of Law, University of X" on a paragraph of its own above the story."""
    for ln in top:
        match = ROLE_BYLINE.match(ln.text)
        if match and person(match["name"]) and _own_paragraph(text, ln):
            return [match["name"]]
    return None


def _own_paragraph(text: str, ln: Line) -> bool:
    """The line stands between blank lines (a byline), not inside a hard-wrapped paragraph."""
    before = text[:ln.start].rstrip(" \t\xa0")
    after = text[ln.end:].lstrip(" \t\xa0")
    return (not before.strip() or before.endswith("\n\n") or re.search(r"\n\s*\n$", before) is not None) \
        and (not after.strip() or re.match(r"\n\s*\n", after) is not None)


def author_box(top: list[Line], title_at: int | None) -> tuple[str, str | None] | None:
    """An author box under the headline: a person's name on two lines running, then perhaps a bio
    naming the author's newsroom role at a publication. Returns (author, publisher or None)."""
    start = 0 if title_at is None else title_at + 1
    for i in range(start, len(top) - 1):
        name = top[i].text
        if name != top[i + 1].text or not person(name):
            continue
        bio = top[i + 2].text if i + 2 < len(top) else ""
        own = {name.split()[0], name.split()[-1], "He", "She", "They"}
        match = _NEWSROOM.search(bio) if bio.split()[:1] and bio.split()[0] in own else None
        pub = match["pub"] if match and outlet_like(match["pub"]) else None
        return name, pub
    return None


def release_org(top: list[Line]) -> str | None:
    """"Ministry of Ports (Castello)" beside a "press release" line or the page's date line: the
    organisation that issued the page."""
    return next((org for i in range(len(top)) if (org := issuer_at(top, i))), None)


def issuer_at(top: list[Line], i: int) -> str | None:
    """The organisation's name when line i is "Name (City)" beside a release line or a date."""
    match = _ORG_PLACE.match(top[i].text)
    if match is None or not _org_like(match["org"]):
        return None
    near = [top[j].text for j in (i - 1, i + 1) if 0 <= j < len(top)]
    return match["org"] if any(_RELEASE.match(t) or ((st := pd.stamp(t)) and st.iso) for t in near) else None


def _org_like(name: str) -> bool:
    """An organisation's full name: up to ten capitalised words and connectors ("Ministry of Ports
    and Shipping of Ruritania"); an outlet's name is shorter, an issuer's may not be."""
    words = name.split()
    return len(words) <= 10 and words[0][:1].isupper() and outlet_like(" ".join(words[:6])) \
        and all(NAME_TOKEN.match(w) or w.casefold() in CONNECT for w in words)


def wire_line(top: list[Line]) -> str | None:
    """A news agency's name alone on a line above the story: its credit ("AFP", "DPA dpa")."""
    for ln in top:
        names = {w.casefold() for w in ln.text.split()}
        if pd.is_wire(ln.text) or (len(names) == 1 and len(ln.text.split()) <= 3 and pd.is_wire(ln.text.split()[0])):
            return ln.text.split()[-1] if len(names) == 1 else ln.text
    return None


# an e-mail's delivery notice naming its sender: "You are subscribed to Press Releases for Harbour
# Authority.", "... sent to x@y.org using Mailer Cloud on behalf of: Harbour Authority · 1 Pier Road"
_MAILED = [re.compile(r"\bYou are subscribed to [\w ,&'’-]{2,60}? (?:for|from) (?P<org>[^·•|\n]{3,80}?)"
                      r"(?<!\b[A-Z])\.(?:\s|$)"),  # the sentence's end, not "U.S."'s dot
           re.compile(r"\bThis e-?mail was sent to \S+@\S+.{0,80}?\bon behalf of:?\s*(?P<org>[^·•|\n]{3,80}?)"
                      r"\s*(?:[·•|]|\.?$)")]


def mail_sender(all_lines: list[Line]) -> str | None:
    """The organisation a mailing list's delivery notice names as the e-mail's sender: the page's
    publisher (a press release delivered by e-mail)."""
    for ln in all_lines[:8] + all_lines[-6:]:
        for shape in _MAILED:
            match = shape.search(ln.text)
            org = match["org"].strip() if match else ""
            if org and outlet_like(org) and not generic(org):
                return org
    return None


def inverted_credit(content: list[Line], is_body: object) -> str | None:
    """"..., reports the AFP." closing a sentence of the story's first two paragraphs: a wire story
    run by another site."""
    body = [ln for ln in content[:6] if is_body(ln.text)][:2]  # type: ignore[operator]
    for ln in body:
        for match in _INVERTED.finditer(ln.text):
            if pd.is_wire(match["wire"]):
                return match["wire"]
    return None


def self_credit(content: list[Line], is_body: object) -> str | None:
    """The outlet telling the story in its first two paragraphs ("..., informs UNN.", "...,
    Orda.kz reports.", "According to Caliber.Az, citing ..."): a listed agency, a site's name
    written as its web address, or the name after "informs" (a verb only the teller's own credit
    takes). Another outlet named in the story ("told the Herald") is not the page's."""
    body = [ln for ln in content[:6] if is_body(ln.text)][:2]  # type: ignore[operator]
    for ln in body:
        for shape in _TELLS:
            for match in shape.finditer(ln.text):
                who = match["who"]
                informs = shape is _TELLS[0] and outlet_like(who)
                if pd.is_wire(who) or _DOMAIN.match(who) or informs:
                    return who
    return None


# "From the WHO", "From Harbour Wire": a line above the story naming whose text a page relays
_FROM = re.compile(r"^From (?:the )?(?P<who>[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,4})\s*:?$")


def relayed_from(top: list[Line]) -> str | None:
    """The organisation a page says its text comes from, on a line of its own above the story."""
    for ln in top:
        match = _FROM.match(ln.text.strip())  # the same line is furniture (furniture.RELAYED)
        who = match["who"] if match else ""
        if who and (pd.is_wire(who) or outlet_like(who) or who.isupper() and len(who) >= 2) \
                and not generic(who):
            return who
    return None


def blurb(top: list[Line]) -> str | None:
    """A site's blurb above the story naming it ("Harbour Weekly brings you the latest ...")."""
    for ln in top:
        match = _BLURB.match(ln.text)
        if match and outlet_like(match["who"]) and not generic(match["who"]):
            return match["who"]
    return None


# "Headline -- Barrons.com", "Headline - Harbour Times": the site's name after a dash ending the
# headline line ("... Deal - Hegseth" ends with a speaker: no site)
_SITE_SUFFIX = re.compile(r"^(?P<head>.{20,}?)\s+(?:--|[-–—])\s+(?P<site>[^-–—|]{2,40}?)\s*$")
# "Investing.com -- China is ...": the site's own credit opening its first paragraph
_LEAD_CREDIT = re.compile(r"^(?P<who>[A-Z][\w-]*\.[A-Za-z]{2,4})\s*(?:--|[-–—])\s+\S")
# "..., which NPR has not independently verified", "AFP could not immediately confirm ...": the
# outlet telling the story disclaims what it could not check itself
_UNVERIFIED = re.compile(
    r"(?:^|[\s,(])(?:the\s+)?(?P<who>[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,2})\s+"
    r"(?:(?:has|have|had|could|can|did|was|were|is)\s*(?:not|n['’]t|unable to)|cannot)\s+"
    r"(?:been able to\s+)?(?:(?:independently|immediately|yet|separately)\s+)?(?:verif|confirm)")
_URL = re.compile(r"https?://(?:www\d?\.|m\.|amp\.)?(?P<host>[\w-]+)\.[\w.-]+")


def title_site(title: str) -> tuple[str, str] | None:
    """A headline line that ends with the site's name after a dash: (headline, site). The site
    must read as one: a web address ("Barrons.com") or an outlet's name ("Harbour Times")."""
    match = _SITE_SUFFIX.match(title)
    if match is None:
        return None
    site = match["site"]
    if _DOMAIN.match(site) or (outlet(site) and not generic(site)):
        return match["head"].strip(), site
    return None


def lead_credit(content: list[Line], is_body: object) -> str | None:
    """A site's web address opening the story's first paragraph, then a dash ("Investing.com --
    China is ..."): the site's own credit, in a dateline's place."""
    body = next((ln for ln in content[:8] if is_body(ln.text)), None)  # type: ignore[operator]
    match = _LEAD_CREDIT.match(body.text) if body else None
    return match["who"] if match else None


def unverified_by(content: list[Line]) -> str | None:
    """The outlet that says it could not verify something itself ("..., which NPR has not
    independently verified"): the page's teller. Only an agency, a web address, an outlet's name or
    a short abbreviation counts; "Officials could not confirm" names no outlet."""
    for ln in content:
        for match in _UNVERIFIED.finditer(ln.text):
            who = match["who"]
            if pd.is_wire(who) or _DOMAIN.match(who) or outlet(who) or (who.isalpha() and who.isupper()
                                                                         and 3 <= len(who) <= 5):
                return who
    return None


def domain_masthead(all_lines: list[Line]) -> str | None:
    """A short name line that matches the address the page was saved from (" date 2025-04-10
    https://harbourglobe.com/..." and a line "Harbour International"): the site's masthead."""
    url = next((m for ln in all_lines[:2] if (m := _URL.search(ln.text))), None)
    if url is None:
        return None
    host = url["host"].casefold().replace("-", "")
    for ln in all_lines[1:15] + all_lines[-6:]:
        name = ln.text.strip()
        words = [w.casefold() for w in name.split()]
        if not 1 <= len(words) <= 4 or not outlet_like(name) or generic(name) or pd.stamp(name):
            continue
        if "".join(words) == host or (len(words[0]) >= 4 and host.startswith(words[0])):
            return name
    return None


def caps_byline(all_lines: list[Line]) -> list[str] | None:
    """A name in capitals on a line of its own just above the dateline that opens the story
    ("JANE ROE" then "HARBOUR CITY -- ..."): the author."""
    for i, ln in enumerate(all_lines[:12]):
        name = ln.text.strip()
        if i + 1 < len(all_lines) and name.isupper() and 2 <= len(name.split()) <= 3 \
                and all(w.isalpha() for w in name.replace("'", "").replace("-", "").split()) \
                and person(name.title()) and pd.dateline(all_lines[i + 1].text):
            return [name.title()]
    return None


_DATE_BELOW = re.compile(r"^(?:[-–—]\s*\S|\d{1,2}[./]\d{1,2}[./]\d{4}$)")
# a blog platform's byline block: "- Jane Roe" / "- May 28" / "- 4 min read" (bullets or none)
_BULLET = re.compile(r"^[-–—•]\s+")
_MIN_READ = re.compile(r"^(?:[-–—•]\s+)?\d{1,2}\s+min(?:ute)?s?\s+read$", re.I)
_DAY = re.compile(rf"^(?:(?:{pd.MONTH_NAMES})\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?:{pd.MONTH_NAMES}))(?:,?\s+\d{{4}})?$")
# a date line a byline block writes with the time ("Sep 9, 2025, 02:47 PM | Updated 02:47 PM IST")
_TIMED = re.compile(r"\d{1,2}:\d{2}\s*(?:[AP]\.?M\.?|IST|GMT|UTC|ET|EST|EDT)?\b", re.I)


def dashed_date_byline(top: list[Line], title_at: int | None) -> list[str] | None:
    """A person's name above a line that is the date ("Jane Roe" / "– June 2, 2025" or "28.4.2025",
    or a date with its time: "Sep 9, 2025, 02:47 PM"), the two halves of a "name – date" byline a
    page wrote on two lines; a blog's "Jane Roe" / "May 28" / "4 min read" block too."""
    for i in range(len(top) - 1):
        name, below = top[i].text.strip(), top[i + 1].text.strip()
        name, below = _BULLET.sub("", name), _BULLET.sub("", below)
        if i == title_at or len(name.split()) > 3 or not person(name):
            continue
        if i + 2 < len(top) and _MIN_READ.match(top[i + 2].text.strip()) and _DAY.match(below):
            return [name]  # "Jane Roe" / "May 28" / "4 min read"
        if not _DATE_BELOW.match(below) and not _TIMED.search(below):
            continue  # "– June 2, 2025" or "28.4.2025" (an outlet's name above a date line names no author)
        stamp = pd.stamp(below.lstrip("-–—• "))
        if stamp and stamp.iso:
            return [name]
    return None


# "Jane Roe March 29, 2025 0": a name, the date and the count of comments, on one line
_NAME_DATE = re.compile(r"^(?P<name>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,2}?)\s+(?P<date>.+?)(?:\s+\d{1,4})?$")


def name_date_byline(top: list[Line]) -> tuple[list[str], str] | None:
    """([author], ISO date) from a line that is a person's name and the date, nothing else."""
    for ln in top:
        if "|" in ln.text or not re.search(pd.MONTH, ln.text):
            continue  # "Harbour Times 10/11/2025 | 11:30": an outlet's stamp (pagedate.named_stamp)
        match = _NAME_DATE.match(ln.text.strip())
        stamp = pd.stamp(match["date"]) if match else None
        if match and stamp and stamp.iso and len(stamp.iso) == 10 and person(match["name"]) \
                and not pd.find_date(match["name"]):
            return [match["name"]], stamp.iso
    return None


# "(see Fides, 27/10/2025)": an outlet pointing readers to its own earlier dispatch, by day
_SEE_OWN = re.compile(rf"\(see\s+(?P<who>{_NAME}),?\s+(?:of\s+)?(?:\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|"
                      rf"\d{{1,2}}\s+(?:{pd.MONTH_NAMES})\.?\s+\d{{4}}|(?:{pd.MONTH_NAMES})\.?\s+\d{{1,2}},?\s+\d{{4}})\)")


def see_own(text: str) -> str | None:
    """The outlet a page points to for an earlier dispatch of its own, dated to the day ("(see
    Harbour Wire, 27/10/2025)"): a news service's house style of citing itself. A citation by year
    ("(see Smith, 2019)") is a reference to someone else's work."""
    for match in _SEE_OWN.finditer(text):
        who = match["who"]
        if outlet_like(who) and not generic(who):
            return who
    return None


# "March 12, 2025 - Harbour City, Ruritania - Ministry of Finance": a release's date, place, issuer
_DATED_RELEASE = re.compile(rf"^(?P<date>{pd.DATE_TEXT})\s+{pd.DASH}\s+(?P<place>{pd.PLACES})\s+{pd.DASH}\s+"
                            r"(?P<org>[A-Z][^\n]{2,80})$")


def dated_release(top: list[Line]) -> tuple[str, str] | None:
    """(ISO date, issuer) from a government release's line "DATE - PLACE - ISSUER" above its text."""
    for ln in top:
        match = _DATED_RELEASE.match(ln.text.strip())
        st = pd.stamp(match["date"]) if match else None
        if match and st and st.iso and _org_like(match["org"]) and not person(match["org"]):
            return st.iso, match["org"]
    return None


_WEB_NAME = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|info|news|co|in|bd|pk|lk|ng|ke|za|au|uk|ca|kz|az|ph|my)$")


def role_site(top: list[Line]) -> str | None:
    """"Senior Correspondent | harbournews24.com": a newsroom role beside the site's web name; the
    site is the publisher."""
    for ln in top:
        parts = [p.strip() for p in ln.text.split("|")]
        if len(parts) == 2 and (site := next((p for p in parts if _WEB_NAME.match(p.casefold())), None)):
            other = parts[1 - parts.index(site)].split()
            if 1 <= len(other) <= 4 and other[-1].casefold() in ROLE and all(w[:1].isupper() for w in other):
                return site
    return None


# "By the Harbour Lawyers' Union — North Chapter": an organisation signing the page
_ORG_BYLINE = re.compile(r"^By (?:the )?(?P<org>[A-Z][\w&'’.-]*(?: (?:[A-Z][\w&'’.-]*|of|for|and|the|&)){1,8})"
                         rf"(?:\s*(?:{pd.DASH}|,)\s*[^\n]{{1,40}})?$")


def org_byline(top: list[Line]) -> str | None:
    """The organisation a byline names in an author's place ("By the Harbour Lawyers' Union")."""
    for ln in top:
        match = _ORG_BYLINE.match(ln.text.strip())
        if match and _org_like(match["org"]) and not person(match["org"]) and len(match["org"].split()) >= 3:
            return match["org"]
    return None
