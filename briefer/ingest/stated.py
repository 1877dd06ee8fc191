"""What a page states about itself: its date, publisher, authors and headline, read from the lines
a page is saved with (masthead, headline, byline, date stamp, dateline, credits, sign-off).

Only what the text says is taken; a value that cannot be told (a numeric date of unknown order, a
masthead's "today" line) stays unknown.
"""

from __future__ import annotations

import re

from briefer.ingest import credits, self_names
from briefer.ingest import pagedate as pd
from briefer.ingest.furniture import KICKER, PROMPT
from briefer.ingest.metadata import BYLINE, COPYRIGHT, CREDIT, Line, furniture, lines, split_names
from briefer.ingest.names import credit_byline, desk_credit, generic, outlet, outlet_like, person

# Words of a government body's name, for a page signed by it at its end ("U.S. Department of State").
_ORG_HEAD = (r"(?:Department|Ministry|Embassy|Consulate|Mission|Office|Bureau|Agency|Commission|Council|"
             r"Secretariat|Government|Parliament|White House)")
_CAP = r"[A-Z][\w.'’-]*"
# a government body's whole name: "U.S. Department of State", "Ministry of Maritime Affairs"
OFFICIAL = re.compile(rf"^(?:The )?(?:{_CAP} ){{0,3}}{_ORG_HEAD}(?: of(?: the)? {_CAP}(?: (?:{_CAP}|and|&)){{0,3}})?$")
SELF_NAMED = re.compile(
    r"(?P<pub>[A-Z][\w&.'’-]*(?: (?:[A-Z][\w&.'’-]*|of|in|on|the|for|and|&)){0,4}) "
    r"(?:takes a (?:closer |quick )?look at|looks at|looks back at|explains|rounds up)\b")
CONTRIBUTED = re.compile(
    r"^(?P<pub>[A-Z][\w&.'’-]*?(?: [A-Z][\w&.'’-]*?){0,3})(?:['’]s? | (?:[a-z-]+ ){1,3})"
    r"(?P<name>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}) contributed to this (?:report|story|article)")
REPORTED = re.compile(
    r"(?:,\s*(?:reported|reports|according to|per)\s+(?:the\s+)?(?P<a>[A-Z][\w .-]{1,30}?)|\s(?P<b>[A-Z][\w .-]{1,30}?)"
    r"\s+reported)\s*[.]\s*$")
SIGN_OFF = re.compile(
    r"[.!?\"”’)]\s*[-–—]{1,2}\s*(?P<who>[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|bin|binti|de|van)){0,5})\s*$")
BODY_WORDS = 12


def infer(text: str, marks: list[tuple[int, int, str]] | None = None) -> dict[str, object]:
    """Return the metadata a text states about itself: authors, publisher, date, title, kind
    (`marks`: the text's furniture, when already found)."""
    marks = furniture(text) if marks is None else marks
    furn = {(s, e) for s, e, _ in marks}
    all_lines = lines(text)
    content = [ln for ln in all_lines if (ln.start, ln.end) not in furn]
    nav = {(s, e) for s, e, why in marks if why == "navigation"}
    top = _top([ln for ln in all_lines if (ln.start, ln.end) not in nav])  # a site's menu holds no metadata
    meta: dict[str, object] = {}
    archived = pd.archive_date(text)
    # a headline may repeat (page title and heading): only navigation and credits are no headline
    title_at = _title_index(top, {(s, e) for s, e, why in marks if why != "repeated keyword line"})
    if archived and top and top[0].text.startswith("date ") and _headline(archived[1]) \
            and not PROMPT.match(archived[1]) and not BYLINE.match(archived[1]):  # "Reading time: 3 min"
        meta["title"], title_at = archived[1], 0  # " date 2025-04-05 Headline of the page"
    elif title_at is not None:
        meta["title"] = top[title_at].text
    elif _titled(top):
        meta["title"] = top[0].text.split("|")[0].strip()
    elif heading := _heading_after_lead(all_lines, {(s, e) for s, e, why in marks if why != "sub-head"}):
        meta["title"] = heading
    if "title" in meta:  # a section label or kicker ("PUBLIC HEALTH: ") is no part of the headline
        meta["title"] = KICKER.sub("", _without_section(str(meta["title"])))
    site = None
    if "title" in meta and (split := credits.title_site(str(meta["title"]))):
        meta["title"], site = split  # "Headline -- Site.com": the headline, and the site's name
    _from_lines(meta, top, title_at)
    fields = credits.labelled(top)
    line = _dateline(top, archived)
    if line and line.wire:
        meta["publisher"], meta["kind"] = line.wire.strip(), "wire"
    elif line and (named_place := _place_outlet(line.place)):
        meta["publisher"] = named_place  # "Harbour News Service, 24 November 2024 – ..."
    elif named := next((n for ln in top if (n := pd.named_stamp(ln.text))), None):
        meta.setdefault("publisher", named[0])  # "Reuters June 18, 2025" above the story
        if pd.is_wire(named[0]) and meta["publisher"] == named[0]:
            meta["kind"] = "wire"
    dates = [(archived[0], "archive")] if archived else []
    if line and line.iso:
        dates.append((line.iso, "dateline"))
    elif line and line.day:
        meta["day"] = line.day  # the set may tell its year (corroborate.place_days)
    dates += _stamped(top, title_at, dated_list(all_lines))
    for ln in top[:6]:
        if not _is_body(ln.text) and (as_of := _AS_OF.search(ln.text)) and (st := pd.stamp(as_of["date"])) \
                and st.iso:
            dates.append((st.iso, "title"))  # "Situation Report No. 4 (As of 25 April 2025)"
            break
    if release := credits.dated_release(top):  # "March 12, 2025 - Harbour City - Ministry of Finance"
        dates.append((release[0], "stated"))
        meta.setdefault("publisher", release[1])
    signed = credits.name_date_byline(top)
    if signed:
        dates.append((signed[1], "byline"))
        meta.setdefault("authors", signed[0])
    closing = self_names.first_published(all_lines)  # "This report by X was first published DATE."
    dates += [(str(iso), "stated") for iso in (fields.get("date"), credits.end_stamp(all_lines),
                                               closing and closing[1]) if iso]
    if closing:
        meta.setdefault("publisher", closing[0])
    if archived and fields.get("published"):  # the page's own "Published:" stamp, not the archive's day
        dates.insert(0, (str(fields["published"]), "stated"))
    if not dates and (today := _today_lede(content)):
        dates.append((today, "stated"))  # "Today, 12 March 2031, the court ..."
    if not dates and (later := _later_dateline(content, dated=True)):
        dates.append((later, "dateline"))  # "GENEVA (12 February 2025) – ..." under a long page top
    if dates:
        meta["date"], meta["date_basis"] = dates[0]
    # " date 2025-03-04 by Jane Roe, ...": the archive's date stands before the page's byline
    _authors(meta, pd.ARCHIVE.sub(lambda m: " " * m.start("rest") + m["rest"], text, count=1), content)
    _more_credits(meta, text, top, title_at, fields, all_lines)
    _publisher(meta, text, all_lines, content, top, title_at, site)
    if "publisher" not in meta and (sender := credits.mail_sender(all_lines)):
        meta["publisher"] = sender  # a press release delivered by e-mail
    if "publisher" not in meta and (agency := _later_dateline(content)):
        meta["publisher"], meta["kind"] = agency, "wire"
    return meta


_AS_OF = re.compile(r"\((?:as of|as at)\s+(?P<date>[^()]{6,30})\)", re.I)


def _more_credits(meta: dict[str, object], text: str, top: list[Line], title_at: int | None,
                  fields: dict[str, object], all_lines: list[Line]) -> None:
    """Authors and publisher from labelled fields, a role byline or an author box, where the
    common shapes named none."""
    box = credits.author_box(top, title_at)
    if "authors" not in meta:
        authors = fields.get("authors") or credits.role_byline(text, top) or ([box[0]] if box else None) \
            or credits.caps_byline(all_lines) or credits.dashed_date_byline(top, title_at) \
            or ([lead[1]] if (lead := credits.standfirst_at(top)) else None)
        if authors:
            meta["authors"] = authors
    if "publisher" not in meta and (pub := fields.get("publisher") or (box and box[1])):
        meta["publisher"] = pub


def _dateline(top: list[Line], archived: tuple[str, str] | None) -> pd.Dateline | None:
    """The first dateline that credits a wire or states a date, on the lines above the story."""
    for i, ln in enumerate(top):
        text = ln.text
        if i == 0 and archived and text.startswith("date "):
            text = text[len("date " + archived[0]):].strip()
        found = pd.dateline(text)
        if found and (found.wire or found.iso or _place_outlet(found.place)):
            return found
    return None


def _place_outlet(place: str | None) -> str | None:
    """The outlet a dateline names where its place stands: "Harbour News Service, 24 November
    2024 – ...", "Harbour Monitor/Port Vell:" (the outlet, then its city)."""
    name = (place or "").split("/")[0].strip()
    return name if name and outlet(name) and not generic(name) else None


_TODAY = re.compile(rf"^Today,?\s+(?P<date>{pd.DATE_TEXT})\s*,")


def _today_lede(content: list[Line]) -> str | None:
    """The date of a release's first paragraph that opens "Today, 12 March 2031, ..."."""
    body = next((ln for ln in content[:8] if _is_body(ln.text)), None)
    match = _TODAY.match(body.text) if body else None
    st = pd.stamp(match["date"]) if match else None
    return st.iso if st else None


def _later_dateline(content: list[Line], dated: bool = False) -> str | None:
    """A listed agency's dateline opening a paragraph further down ("MOSCOW (Sputnik) - ..." under
    a summary and a picture): the agency whose story it is; with `dated`, the full date of the
    first dateline that opens a paragraph ("GENEVA (12 February 2025) – ...")."""
    for ln in content[:15]:
        found = pd.dateline(ln.text)
        if not found or not _is_body(ln.text[found.end:]):
            continue
        if dated and found.iso:
            return found.iso
        if not dated and found.wire and pd.is_wire(found.wire):
            return found.wire
    return None


def _top(all_lines: list[Line]) -> list[Line]:
    """The lines above a page's story: up to its second body paragraph, at most 12 lines."""
    out, body = [], 0
    for ln in all_lines[:12]:
        out.append(ln)
        if _is_body(ln.text):
            body += 1
            if body == 2:
                break
    return out


def _is_body(text: str) -> bool:
    words = len(text.split())
    return words >= 30 or (words >= BODY_WORDS and text.rstrip().endswith((".", "!", "?", '"', "”", "’")))


def _without_section(title: str) -> str:
    """A headline without the section label in capitals that opens it ("WORLD AFFAIRS: Talks
    resume in Castello"): the label is the page's furniture, not its title."""
    head, colon, rest = title.partition(":")
    if colon and head.isupper() and len(rest.split()) >= 3 and not rest.isupper():
        return rest.strip()
    return title


def _headline(text: str) -> bool:
    """A headline's shape: 5-24 words, not all capitals, no sentence's end, not a date stamp."""
    return 5 <= len(text.split()) <= 24 and not _is_body(text) and not text.isupper() \
        and not re.search(r"[.,;:!]$", text) and pd.stamp(text) is None


def _title_index(top: list[Line], furn: set[tuple[int, int]]) -> int | None:
    """The headline: the first line above the story of five or more words (three if none has five:
    a masthead's name is shorter) that is not a date, byline, section label or sentence."""
    candidates = []
    for i, ln in enumerate(top):
        if _is_body(ln.text):
            break
        words = ln.text.split()
        if (ln.start, ln.end) in furn or not 3 <= len(words) <= 24 or ln.text.endswith((".", ",", ";", ":")) \
                or ln.text.startswith("date ") or pd.stamp(ln.text) or "|" in ln.text \
                or re.search(r"\b\d+ min(?:ute)?s? read\b", ln.text, re.I) or ln.text.isupper() \
                or credits.issuer_at(top, i):
            continue
        candidates.append((i, len(words)))
    long = [i for i, n in candidates if n >= 5]
    if long:
        return long[0]
    return candidates[0][0] if candidates else None


def _from_lines(meta: dict[str, object], top: list[Line], title_at: int | None) -> None:
    """Bylines and credits on the lines around the headline: "Name | June 20, 2024",
    "Publisher 10/11/2025 | 11:30 MYT", "Name | Publisher". Names above the headline are a
    section's ("Asia Pacific | 12 Sep 2025"), not an author's."""
    for i, ln in enumerate(top):
        below = title_at is not None and i > title_at
        if "|" not in ln.text or _is_body(ln.text):
            continue
        parts = [p.strip() for p in ln.text.split("|") if p.strip()]
        texts = [p for p in parts if not pd.stamp(p)]
        desk = next((pub for p in texts if (pub := desk_credit(p))), None)
        if desk and len(texts) < len(parts):  # "10 May,2025 | Lahore | Harbour Times staff"
            meta.setdefault("publisher", desk)
        elif len(texts) == len(parts):
            named = [p for p in parts if _after_name(p, ln.text)]
            if named:
                meta.setdefault("publisher", _name_before_date(named[0]))
            elif below and len(parts) == 2 and person(parts[0]) and (outlet(parts[1]) or pd.is_wire(parts[1])):
                meta.setdefault("authors", [parts[0]])
                meta.setdefault("publisher", parts[1])
        elif len(texts) == 1:
            _lead_name(meta, texts[0], below)


def _name_before_date(part: str) -> str:
    match = re.match(r"^[A-Z][^\d|]{1,50}?(?=\s+\d)", part)
    return match.group(0).strip() if match else part


def _lead_name(meta: dict[str, object], text: str, below: bool) -> None:
    """The words beside a date stamp: an outlet's name, or the author's (below the headline)."""
    name = re.sub(r"^By:?\s+", "", text).strip()
    if outlet(name) and not generic(name):
        meta.setdefault("publisher", name)
    elif below and person(name):
        meta.setdefault("authors", [name])


def _stamped(top: list[Line], title_at: int | None, in_list: bool = False) -> list[tuple[str, str]]:
    """Dates on lines of their own above the story; a weekday's date above the headline is the
    masthead's "today", not the page's date, and on a page with a dated list (`in_list`) a bare
    date heads the list's first entry. "Published ..." lines first."""
    found = []
    for i, ln in enumerate(top):
        if in_list and bare_date(ln.text):
            continue
        parts = [p for p in ln.text.split("|") if p.strip()]
        for part in parts:
            st = pd.stamp(part) or _after_name(part, ln.text) or _byline_date(part) or credits.label_stamp(part) \
                or (named[1] if (named := pd.named_stamp(part)) else None)
            if st is None or st.iso is None:
                continue
            if st.weekday and (title_at is None or i < title_at or _headline_below(top, i)):
                continue
            found.append((not st.published, i, st.iso))
            break
    return [(iso, "stated") for _, _, iso in sorted(found)]


def bare_date(text: str) -> bool:
    """A line that is a date and nothing else ("April 19, 2024"): no label, weekday or time."""
    found = pd.find_date(text)
    return bool(found and found[0]) and not (text[:found[1].start()] + text[found[1].end():]).strip(" ,.:;")


def dated_list(all_lines: list[Line]) -> bool:
    """Two or more bare dates on lines of their own: a timeline or dated list, whose entries'
    dates are events, not the page's date."""
    return sum(bare_date(ln.text) for ln in all_lines) >= 2


def _headline_below(top: list[Line], i: int) -> bool:
    """A headline-like line between line i and the story: line i sits above a headline."""
    for ln in top[i + 1:]:
        if _is_body(ln.text):
            return False
        words = ln.text.split()
        if len(words) >= 5 and not re.search(r"[.,;:]$", ln.text) and "|" not in ln.text \
                and not pd.stamp(ln.text) and not BYLINE.match(ln.text):
            return True
    return False


def _byline_date(part: str) -> pd.Stamp | None:
    """"Posted by Jane Doe on March 3, 2024": the date of a byline."""
    if not BYLINE.match(part):
        return None
    found = pd.find_date(part)
    return pd.Stamp(found[0], False, True) if found and found[0] else None


def _after_name(part: str, whole: str) -> pd.Stamp | None:
    """"Publisher 10/11/2025": a date stamp after a short name."""
    match = re.match(r"^[A-Z][^\d|]{1,50}?\s+(?=\d)", part)
    if not match or not outlet_like(match.group(0).strip()):
        return None
    st = pd.stamp(part[match.end():])
    if st and st.iso is None:
        found = pd.find_date(part, day_first=pd.day_first_evidence(whole))
        st.iso = found[0] if found else None
    return st


def _authors(meta: dict[str, object], text: str, content: list[Line]) -> None:
    credit = CREDIT.search(text)
    byline = BYLINE.search(text)
    names: list[str] = []
    if credit:
        names = split_names(credit.group("names"))
    elif byline:
        names, extra = byline_names(byline.group("names"))
        if extra and pd.is_wire(extra):
            meta.setdefault("publisher", extra)
        elif not names and (wire := credit_byline(re.split(r"\s*[,|]\s*", byline.group("names"))[0])):
            meta.setdefault("publisher", wire)  # "By Xinhua", "By Reuters Staff": a credit, no author
            if meta["publisher"] == wire and pd.is_wire(wire):
                meta["kind"] = "wire"
    if names:
        meta["authors"] = names
    if "authors" in meta or not content:
        return
    who = _sign_off(content[-1].text)
    if who and not pd.is_wire(who) and person(who):
        meta["authors"] = [who]


def byline_names(raw: str) -> tuple[list[str], str | None]:
    """The names of a byline ("Jane Doe and John Roe, Reuters | March 3, 2024") and a trailing
    outlet's name, if any."""
    # "Published by Jane Doe Verified by John Roe": the byline ends where an editor's credit starts
    raw = re.split(r"\s*(?:\||\s[-–—]\s|\bon\s+\w+day\b|\b(?:Verified|Edited|Reviewed|Fact-checked) by\b)\s*",
                   raw)[0]
    date = pd.find_date(raw)
    if date:
        raw = re.sub(r"(?:\s+(?:on|at|posted|published|updated))+\s*$", "", raw[:date[1].start()].rstrip(" ,"))
    parts = [p.strip() for p in re.split(r",\s*", raw.strip(" ,")) if p.strip()]
    extra = parts.pop() if len(parts) > 1 and (pd.is_wire(parts[-1]) or outlet(parts[-1])) else None
    names = [n for n in split_names(", ".join(parts)) if person(n)]
    return names, extra


def _publisher(meta: dict[str, object], text: str, all_lines: list[Line], content: list[Line],
               top: list[Line], title_at: int | None, site: str | None = None) -> None:
    if "publisher" in meta:
        return
    for ln in content[-4:]:
        who = _sign_off(ln.text)
        if who and (pd.is_wire(who) or (who.isupper() and len(who) <= 6)):
            meta["publisher"], meta["kind"] = who, "wire"
            return
    if wire := credits.wire_line(top):
        meta["publisher"], meta["kind"] = wire, "wire"
        return
    top_end = next((ln.start for ln in content if _is_body(ln.text)), 0)  # where the story starts
    candidates = [_titled(top), site, _masthead(top, title_at, all_lines), credits.domain_masthead(all_lines),
                  credits.lead_credit(content, _is_body), _copyright(text, top_end), _self_named(top),
                  _source_line(all_lines),
                  _contributed(all_lines), _signed(all_lines), _issuer_below_title(top, title_at),
                  _reported(content),
                  credits.release_org(top), credits.inverted_credit(content, _is_body),
                  credits.self_credit(content, _is_body), credits.blurb(top), credits.relayed_from(top),
                  credits.unverified_by(content),
                  credits.see_own(text), self_names.told_outlet(content, _is_body, text),
                  self_names.closing_source(all_lines), self_names.produced_by(content),
                  self_names.own_newsletter(text), credits.role_site(top), credits.org_byline(top),
                  self_names.agency_reported(content, _is_body)]
    found = next((c for c in candidates if c), None)
    if found:
        meta["publisher"] = found


def _heading_after_lead(all_lines: list[Line], furn: set[tuple[int, int]]) -> str | None:
    """A page that opens with a notice paragraph and then its heading in Title Case ("U.S.-Ruritania
    Relations") followed by the body: the heading is the page's title."""
    content = [ln for ln in all_lines if (ln.start, ln.end) not in furn]
    if len(content) < 3 or not _is_body(content[0].text) or not _is_body(content[2].text):
        return None
    words = content[1].text.split()
    title_case = all(w[:1].isupper() or len(w) <= 3 for w in words) and words[0][:1].isupper()
    if 2 <= len(words) <= 8 and title_case and not re.search(r"[.,;:?!]$", content[1].text) \
            and not pd.stamp(content[1].text):
        return content[1].text
    return None


def _titled(top: list[Line]) -> str | None:
    """A saved page's first line "Headline of five words or more | Outlet"."""
    parts = [p.strip() for p in top[0].text.split("|")] if top else []
    if len(parts) == 2 and len(parts[0].split()) >= 5 and len(parts[1].split()) <= 4 \
            and outlet_like(parts[1]) and not generic(parts[1]):
        return parts[1]
    return None


def _source_line(all_lines: list[Line]) -> str | None:
    """"Source: Xinhua" on a line of its own names the agency a story comes from."""
    for ln in all_lines[:12] + all_lines[-6:]:
        match = re.match(r"^Source:\s*(?P<wire>[A-Z][\w .-]{1,30}?)\s*(?:\||$)", ln.text)
        if match and pd.is_wire(match["wire"]):
            return match["wire"]
    return None


def _masthead(top: list[Line], title_at: int | None, all_lines: list[Line]) -> str | None:
    """A publication's name above the headline: a short capitalised line that recurs on the page
    or ends with a word like Times, Post or News."""
    end = title_at if title_at is not None else min(2, len(top))
    for i, ln in enumerate(top[:end]):
        name = ln.text
        if not outlet_like(name) or pd.stamp(name):
            continue
        # one word recurring makes a masthead only in capitals on the page's first line ("HARBOURLY")
        one = i == 0 and name.isupper() and name.isalpha() and len(name) >= 4
        again = sum(other.text == name for other in all_lines) >= 2 and (len(name.split()) >= 2 or one)
        if (again or outlet(name)) and not generic(name):
            return name
    return None


def _copyright(text: str, top_end: int = 0) -> str | None:
    """The owner a copyright line names. A line without a year above the story's first paragraph
    (`top_end`; "© Harbour Wire" under the headline) credits a photo, not the page."""
    for match in COPYRIGHT.finditer(text):
        yearless = not re.search(r"\d{4}", match.group(0))
        if yearless and (match.group(0).strip().lower().startswith("(c)") or match.start() < top_end):
            continue  # "(c) Definitions": a legal list marker, not a copyright
        owner = re.sub(r"(?i)\b(?:all rights reserved|copyright)\b\.?|\b\d{4}\b|[-–,.]\s*$", " ",
                       match.group("owner"))
        owner = re.sub(r"\s+", " ", owner).strip(" .,-–|")
        if owner and outlet_like(owner):
            return owner
    return None


def _self_named(top: list[Line]) -> str | None:
    for ln in top[:4]:
        match = SELF_NAMED.search(ln.text)
        if match and (len(match["pub"].split()) >= 2 or pd.is_wire(match["pub"])):
            return match["pub"]
    return None


def _contributed(content: list[Line]) -> str | None:
    for ln in content[-4:]:
        match = CONTRIBUTED.search(ln.text)
        if match and (len(match["pub"].split()) >= 2 or pd.is_wire(match["pub"]) or match["pub"].isupper()):
            return match["pub"]
    return None


def _signed(all_lines: list[Line]) -> str | None:
    """A government body's name as the first label after the last paragraph (an official page's
    signature)."""
    i = len(all_lines)
    while i > 0 and _label(all_lines[i - 1].text):
        i -= 1
    if 0 < i < len(all_lines) and len(all_lines) - i <= 6:
        name = all_lines[i].text
        if OFFICIAL.match(name) and outlet_like(name):
            return name
    return None


def _issuer_below_title(top: list[Line], title_at: int | None) -> str | None:
    """A government body's name alone on the line under the headline: a relayed release's
    issuer ("Talks on the Strait" / "U.S. Department of Defense")."""
    if title_at is None or title_at + 1 >= len(top):
        return None
    name = top[title_at + 1].text.strip()
    return name if OFFICIAL.match(name) and outlet_like(name) else None


def _reported(content: list[Line]) -> str | None:
    """A wire story run by another site: "..., reported Reuters." closing its first paragraph."""
    if not content:
        return None
    match = REPORTED.search(content[0].text)
    name = match and (match["a"] or match["b"])
    return name if name and pd.is_wire(name) else None


def _sign_off(text: str) -> str | None:
    match = SIGN_OFF.search(text)
    return match["who"].strip() if match else None


def _label(text: str) -> bool:
    return len(text.split()) <= 10 and not text.rstrip().endswith((".", "!", "?", '"', "”", ")"))
