"""Events: what happened, dated by when it happened; and what is scheduled, marked as such.

A sentence yields an Event for each happening its dates attach to (through the dependency parse):
a past or reported action ("lifted the embargo on Nov. 6"), an event noun ("a meeting on Oct.
31", "the 2016 ruling"), a timeline-list line ("July 28, 2025: both sides agree to a ceasefire")
and the lines under a date heading. A plan with a date ("will hold talks on 3 March") is an Event
with `scheduled=True`. Not events: durations ("for 20 years"), open starts ("since 2012"),
foundings ("since their establishment in 1950"), dates that only name a thing ("the 1951 Mutual
Defense Treaty"), a page's own date line and captions. The lede of a dated story ("X has signed a
ceasefire") is dated by its source. The pipeline merges events across sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from briefer.extract.dates import context_year, normalise, point_dates, tense_of
from briefer.extract.event_shapes import (
    clock_line,
    deadline,
    detailed_lede,
    entry_headline,
    from_sentence_day,
    furniture,
    gapped,
    names_a_thing,
    of_heading,
    opening_furniture,
    perfect,
    reported_past,
    root_dated,
    weekday_agrees,
)
from briefer.extract.spans import doc_sents
from briefer.ingest.metadata import leading_dateline, statement_bounds
from briefer.model import Event, Location, Source

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

DateHit = tuple[int, int, str, str]  # start, end, words, iso

_SCHEDULED = {"schedule", "due", "slate", "set"}
_FOUNDING = {"establish", "establishment", "found", "founding", "foundation", "inception", "incorporate",
             "incorporation", "birth", "bear"}
# Nouns a year or date written before them does not make a happening: plans, measures, periods
# and instruments ("the 2030 target", "the 2025 budget", "the 2024 season", "the 1997 law").
_NOT_HAPPENING = {"target", "targets", "goal", "goals", "budget", "budgets", "plan", "plans", "forecast",
                  "forecasts", "projection", "projections", "estimate", "estimates", "level", "levels",
                  "figure", "figures", "rate", "rates", "season", "edition", "version", "vision", "agenda",
                  "strategy", "deadline", "quarter", "year", "period", "data", "price", "prices", "model",
                  "census", "cycle", "term", "standard", "standards", "baseline", "average", "total",
                  # lasting instruments whose year names them ("the 1997 concession law")
                  "law", "laws", "legislation", "constitution", "statute", "code", "regulation", "regulations",
                  "contract", "contracts", "concession", "concessions", "licence", "license", "permit"}
# Verbs of making a thing: on a participle that describes it with a year ("the treaty, signed in
# 1960"), they tell the thing's birth year, which is no happening of the story (like a founding).
_MAKING = {"sign", "conclude", "negotiate", "draft", "adopt", "ratify", "build", "construct", "complete",
           "create", "form", "write", "enact", "open", "launch", "introduce"}
# Present-tense verbs of a text describing itself or its author's work (a standfirst, an abstract).
_STUDY = {"examine", "explore", "assess", "analyse", "analyze", "discuss", "review", "investigate", "consider",
          "survey", "outline"}
_DAYPART = {"morning", "afternoon", "evening", "night"}
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_SPAN_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2}(?:st|nd|rd|th)?)?"
# A line that opens with a date and a colon (or a spaced dash): a timeline-list entry or heading.
_LINE_DATE = re.compile(
    rf"(?P<date>(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+{_SPAN_DAY},?\s+\d{{4}}|{_SPAN_DAY}\s+{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|(?:1[5-9]|20)\d\d))\s*(?::|\s[-–—]\s|\Z)\s*",
    re.IGNORECASE)
# A timeline-list line whose date has no year ("April 22: Border attack"): read in the text's year.
_LINE_DAY = re.compile(rf"(?P<date>{_MONTH}\s+{_SPAN_DAY}|{_SPAN_DAY}\s+{_MONTH})\s*:\s*", re.IGNORECASE)
# A full date alone on its line ("April 19, 2024"): a heading for the lines below it.
_DATE_ALONE = re.compile(
    rf"^[ \t]*(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+{_SPAN_DAY},?\s+\d{{4}}|{_SPAN_DAY}\s+{_MONTH},?\s+\d{{4}})"
    r"[ \t]*(?=\n)", re.IGNORECASE | re.MULTILINE)
# A page's own date label ("date 2025-09-12", "Published: ..."), never the story's date.
_LABEL = re.compile(r"\s*(?:date|published|updated|posted|last updated)\s*:?\s+", re.IGNORECASE)


def events(doc: Doc, source: Source) -> Iterator[Event]:
    """Yield the Events of `doc`: one per dated happening per sentence.

    `date` is ISO (partial when the text is), `date_text` the date as written, `text` the sentence
    (stripped of a dateline or date label) and `sources` one Location whose offsets give `text`
    back: `source.text[start:end] == text`. A dateline ("Washington - February 5, 2026 -") dates
    the sentence that follows it; a date heading dates the lines under it, up to a blank line.
    """
    anchor = source.anchor or source.date
    lede = source.date if source.date and len(source.date) == 10 else None
    carry: DateHit | None = None  # a dateline's date, for the next sentence
    heading: DateHit | None = None  # a date heading's date, for the lines under it
    entry: DateHit | None = None  # a timeline entry's date, for the text after it on its line
    live = False  # the heading is a live report's clock time: only what happened is of its day
    lead: DateHit | None = None  # a dated headline entry's date, for the one sentence under it
    prev = 0
    for unit in _units(doc):
        text = doc.text
        if re.search(r"\n[ \t]*\n", text[prev:unit.start_char]) or furniture(unit, source):
            heading = None
        prev = unit.end_char
        opening = opening_furniture(unit, source)  # " date 2025-04-23 India on Wednesday announced ..."
        if (not opening and furniture(unit, source)) \
                or any(m.start < unit.end_char and unit.start_char < m.end for m in source.garbled):
            continue  # page furniture, or a sentence that lost its numbers ("on January 2023, XNUMX")
        first = max(unit.start_char + _label(text[unit.start_char:unit.end_char]), opening)
        clock = clock_line(text, first, source)
        if clock is not None:  # the entry and the lines under it, up to a blank line, are of that day
            (heading, first), live = clock, True
        listed = _line_date(text, unit, first, anchor)
        if listed is not None:
            hit, body = listed
            titled = _titled(unit, first, body, source, hit)
            if titled:  # "April 22: Border attack": the entry's title, its date kept
                yield from titled
                lead = hit if len(titled) == 1 else None  # the sentence below it tells that day's story
            elif body < unit.end_char - 1:
                yield _event(text, body, unit.end_char, source, hit)
            elif text[unit.end_char:].lstrip(" \t")[:1] in ("\n", ""):
                heading, live = hit, False  # a date on a line of its own heads the lines below it
            else:
                entry = hit  # "July 28, 2025:" and its text, parsed as two sentences
            continue
        if not sum(1 for t in unit if t.is_alpha) >= 3:
            continue
        dates = [d for d in _dates(doc, unit, anchor) if d[0] >= first]
        # a dateline's date is when the story was filed; the story's own date, when it gives one,
        # is when what it tells happened ("CITY, March 5 (Wire) – The firm said Tuesday ...")
        story = first + leading_dateline(text[first:unit.end_char])
        dates = [d for d in dates if d[0] >= story] or dates
        if _dateline(unit, dates):
            carry = dates[0]
            continue
        found = list(_happenings(doc, unit, dates, anchor))
        titled = _titled(unit, entry[0], first, source, entry) if entry is not None else []
        if titled:  # "April 23:" parsed apart from its title "Country A closes the crossing"
            yield from titled
            entry, lead = None, entry if len(titled) == 1 else None
            continue
        if entry is not None:
            found, entry = [(entry, False)], None
        elif not found and carry is not None and tense_of(unit.root) == "past":
            first, found = carry[0], [(carry, False)]
        elif not found and heading is not None and of_heading(unit, live):
            found = [(heading, False)]
        elif not found and lead is not None and of_heading(unit, False):
            found = [(lead, False)]
        elif not found and lede is not None and not dates and _is_lede_news(unit, first):
            found = [(detailed_lede(doc, unit, lede) or (first, first, "", lede), False)]
        carry = lead = None
        if _sentence(unit):
            lede = None  # only a story's first full sentence is its lede
        for hit, scheduled in found:
            yield _event(text, first, unit.end_char, source, hit, scheduled=scheduled)


def _event(text: str, first: int, last: int, source: Source, hit: DateHit, *, scheduled: bool = False) -> Event:
    first, last = _strip(text, first, last)
    first += leading_dateline(text[first:last])  # the story, not "WASHINGTON (Reuters) -"
    first, last = statement_bounds(text, first, last)
    return Event(id="", date=hit[3], text=text[first:last], sources=[Location(source.id, first, last)],
                 date_text=hit[2], scheduled=scheduled)


# The last branch starts only where a run of spaces starts, and gives no whitespace back (a
# date starts with a letter or digit): tried from every space of a long run, it was quadratic.
_BREAK = re.compile(r"(?<=[.!?\"”’):])[ \t]*\n\s*|\n\s*\n\s*|(?<![ \t])[ \t]*+\n\s*+(?="
                    + _LINE_DATE.pattern + "|" + _LINE_DAY.pattern.replace("?P<date>", "?:") + ")",
                    re.IGNORECASE)


def _units(doc: Doc) -> Iterator[Span]:
    """Sentences, also cut where a line ends a sentence, a blank line ends a heading or a new line
    opens with a date."""
    for sent in doc_sents(doc):
        start = sent.start_char
        piece = doc.text[sent.start_char:sent.end_char]
        cuts = [(m.start(), m.end()) for m in _BREAK.finditer(piece)]
        cuts += [(m.end(), m.end() + 1) for m in _DATE_ALONE.finditer(piece) if m.end() < len(piece)]
        for cut_start, cut_end in sorted(cuts):
            if sent.start_char + cut_start < start:
                continue  # inside a cut already made
            yield from _span(doc, start, sent.start_char + cut_start)
            start = sent.start_char + cut_end
        yield from _span(doc, start, sent.end_char)


def _span(doc: Doc, start: int, end: int) -> Iterator[Span]:
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is not None and len(span) and doc.text[span.start_char:span.end_char].strip():
        yield span


def _titled(unit: Span, start: int, body: int, source: Source, hit: DateHit) -> list[Event]:
    """A timeline entry whose text opens with a short title ("April 22: Border post attacked"): the
    title with its date, then the rest of the unit (the entry's first sentence), of the same day
    unless it is a plan; [] when the entry has no such title."""
    text, end = unit.doc.text, unit.end_char
    line = entry_headline(text, body, end)
    if line is None:
        return []
    out = [_event(text, start, line, source, hit)]
    if sum(1 for w in text[line:end].split() if w.isalpha()) >= 3 and not _modal(unit):
        out.append(_event(text, line, end, source, hit))
    return out


def _label(text: str) -> int:
    """Length of a page's date label opening a line ("date 2025-09-12 "), date included; else 0."""
    m = _LABEL.match(text)
    date = re.compile(r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})\s*").match(text, m.end()) if m else None
    return date.end() if date else 0


def _line_date(text: str, unit: Span, first: int, anchor: str | None) -> tuple[DateHit, int] | None:
    """A timeline-list line ("May 2025: A soldier is killed"): its date and where its text starts."""
    if text[text.rfind("\n", 0, first) + 1:first].strip():
        return None  # not at the start of a line
    m = _LINE_DATE.match(text, first, unit.end_char)
    if m is None:
        m = _LINE_DAY.match(text, first, unit.end_char)
        anchor = anchor or (context_year(unit.doc, first) if m is not None else None)
    if m is None:
        return None
    iso = normalise(m["date"], anchor)
    if iso is None:
        return None
    return (first + m.start("date") - m.start(), first + m.end("date") - m.start(), m["date"], iso), m.end()


def _dates(doc: Doc, unit: Span, anchor: str | None) -> list[DateHit]:
    """The point dates of a unit; in an undated source, a month without a year takes the year of
    the dates written nearby ("July 28, 2025: ... on Thursday, July 24")."""
    dates = list(point_dates(unit, anchor))
    if anchor is None:
        year = context_year(doc, unit.start_char)
        if year is not None:
            seen = {d[0] for d in dates}
            extra = [d for d in point_dates(unit, year) if d[0] not in seen and re.search(_MONTH, d[2], re.I)
                     and not re.search(r"(?i)\b(?:last|next|this|past|previous|coming)\b", d[2])
                     and weekday_agrees(doc.text[max(0, d[0] - 12):d[1]], d[3])]
            dates = sorted(dates + extra)
    # "Situation Report No. 4 (As of 25 April 2025)": the day a status is told as of, no happening
    # ("will apply as of 5 July" is a start: the status phrase opens a clause or a bracket)
    dates = [d for d in dates if not _AS_OF.search(doc.text[max(unit.start_char, d[0] - 10):d[0]])
             and not (len(d[3]) == 4 and _BY_YEAR.search(doc.text[max(unit.start_char, d[0] - 6):d[0]])
                      and tense_of(unit.root) != "past")]  # "had fled by 2023" happened
    return from_sentence_day(dates)


_AS_OF = re.compile(r"(?:^|[(,;]\s*)[Aa]s (?:of|at)\s*$")
_BY_YEAR = re.compile(r"\bby\s+$", re.I)  # "$300 billion a year by 2035": a target year, no happening


def _dateline(unit: Span, dates: list[DateHit]) -> bool:
    """ "Washington, D.C. – February 5, 2026 –": a place and a date, then the story."""
    if len(dates) != 1 or not unit.text.rstrip().endswith(("–", "—", "-", ":")):
        return False
    start, end = dates[0][0], dates[0][1]
    rest = [t for t in unit if not (t.is_punct or t.is_space) and not start <= t.idx < end]
    return len(rest) <= 6 and all(t.pos_ == "PROPN" for t in rest)


def _precision(iso: str) -> int:
    return iso.count("-")


def _happenings(doc: Doc, unit: Span, dates: list[DateHit], anchor: str | None) -> Iterator[tuple[DateHit, bool]]:
    """(date, scheduled) for each happening of the unit that a date attaches to.

    Dates on the same verb or noun are one happening (the most specific date wins); a date on a
    participle that describes a thing ("the rule, first drafted in 2024, was published ...") counts
    only when nothing else in the sentence is dated.
    """
    if unit.root.lemma_.lower() in _STUDY and unit.root.tag_ in ("VBZ", "VBP"):
        return  # "The author examines the norms broken during the May 2024 war": what a text is about
    groups: dict[int, list[tuple[DateHit, bool]]] = {}
    minor: dict[int, list[tuple[DateHit, bool]]] = {}
    for hit in dates:
        judged = _judge(doc, unit, hit)
        if judged is not None:
            key, scheduled, secondary = judged
            if doc[key].pos_ == "NOUN" and not scheduled and tense_of(doc[key]) == "future":
                # "to end hostilities following clashes in July": the clashes are not ahead
                iso = normalise(hit[2], anchor or context_year(doc, hit[0]))
                if iso is None:
                    continue
                hit = (hit[0], hit[1], hit[2], iso)
            if not scheduled and anchor and hit[3][:len(anchor)] > anchor[:len(hit[3])]:
                continue  # after the page was written: a projection ("the 2040 target"), not a happening
            if len(hit[3]) == 4 and doc[key].dep_ == "acl" and doc[key].lemma_.lower() in _MAKING:
                continue  # "the treaty, signed in 1960, was suspended": when a thing was made, in passing
            (minor if secondary else groups).setdefault(key, []).append((hit, scheduled))
    for found in (groups or minor).values():
        for part in gapped(doc.text, found):
            yield max(part, key=lambda f: (_precision(f[0][3]), -f[0][0]))


def _judge(doc: Doc, unit: Span, hit: DateHit) -> tuple[int, bool, bool] | None:
    """(happening's token index, scheduled, secondary) when the date dates a happening, else None."""
    span = doc.char_span(hit[0], hit[1], alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    objects = [t for t in span if t.dep_ == "pobj" and not span.start <= t.head.i < span.end]
    if objects and root.dep_ == "npadvmod":
        root = objects[0]  # "in July last year": the date is the object of "in", "last year" hangs off it
    if root.dep_ == "compound" and root.head.lower_ in _DAYPART:
        root = root.head  # "on Friday afternoon"
    if re.fullmatch(r"(?i)(?:today|tonight|now|this\s+\w+)", span.text.strip()) and tense_of(root) != "past":
        return None  # "the politics of today": a present, not an occasion
    noun = _named_by(root)
    if noun is not None:  # "the 2016 ruling", "the 1951 Mutual Defense Treaty"
        ok = noun.pos_ == "NOUN" and noun.text.islower() and _happening_noun(noun, root) and not _modal(unit)
        return (noun.i, False, False) if ok else None
    if names_a_thing(root, _MONTH) or deadline(root):
        return None
    head = _prep_head(root)
    if head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() in _FOUNDING:
        return None
    tense = tense_of(root)
    verb = _verb(root)
    if tense == "future" and head.pos_ == "NOUN" and verb is not None and verb.tag_ in ("VBG", "VBN") \
            and verb.dep_ in ("acl", "advcl", "prep") and not _scheduled(unit, span):
        return head.i, False, False  # "to end hostilities following clashes in July": not ahead
    if verb is not None and (verb.lemma_.lower() in _FOUNDING and not _founding_act(verb, hit)
                             or reported_past(verb)):
        return None
    key = verb.i if verb is not None else head.i
    secondary = verb is not None and verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBG")
    if tense is None and verb is not None and len(hit[3]) == 10 and perfect(verb):
        tense = "past"  # "has become effective today, 29 May": a present perfect on a named day happened then
    if tense == "past":
        return None if _measured(verb, hit) else (key, False, secondary)
    if tense == "future":  # a plan dated to its month or day, the date on the plan's own verb
        ok = _scheduled(unit, span) and len(hit[3]) >= 7 and head.pos_ not in ("NOUN", "PROPN")
        return (key, True, secondary) if ok else None
    if tense is None and verb is not None and _purpose_of_past(verb):
        return key, False, secondary  # "made a visit ... to meet the president on March 27"
    if head.pos_ == "NOUN" and root.dep_ == "pobj" and not _modal(unit, _MODALS) and not root_dated(unit, span):
        return head.i, False, False  # "follows a meeting ... on Oct. 31"
    if _headline(unit) and verb is not None and verb.tag_ in ("VBZ", "VBP"):
        return key, False, False  # a dated headline in the historic present
    return None


def _founding_act(verb: Token, hit: DateHit) -> bool:
    """ "The three states established the alliance in September 2023": someone founding something
    on a month or day is an act of the story; a thing "founded in 1985", founded in a year (a
    profile's "X founded the firm in 1985") or in passing ("the charter, which established the
    alliance in 2023, ...") tells when it was born."""
    deps = {c.dep_ for c in verb.children}
    return verb.tag_ == "VBD" and verb.dep_ not in ("relcl", "acl") and {"nsubj", "dobj"} <= deps \
        and len(hit[3]) >= 7


def _measured(verb: Token | None, hit: DateHit) -> bool:
    """A sum or share over a year ("exported $8.7 billion of goods in 2021"): a measurement, not a
    happening; the figures table holds it."""
    if verb is None or len(hit[3]) != 4:
        return False
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and any(c.like_num or c.dep_ == "nummod" for c in verb.head.subtree
                                                         if c.i < verb.i):
        return True  # "the almost 500,000 vehicles imported in 2023": a count over a year
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "nsubj", "nsubjpass")]
    return any(c.ent_type_ in ("MONEY", "PERCENT") for c in objects)  # not "bought a 20 percent stake"


def _purpose_of_past(verb: Token) -> bool:
    """An infinitive of purpose under a past verb ("made a trip ... to meet X on DATE")."""
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if "to" not in aux or verb.dep_ not in ("acl", "advcl") or verb.head.i == verb.i:
        return False
    main = _verb(verb.head)
    return main is not None and main.i != verb.i and tense_of(main) == "past"


def _named_by(root: Token) -> Token | None:
    """The noun a date is written before as part of its name ("the 2016 ruling", "the 1951 Mutual
    Defense Treaty"), or None."""
    doc = root.doc
    if root.i and (doc[root.i - 1].dep_ in ("det", "poss") or doc[root.i - 1].tag_ == "POS") \
            and re.fullmatch(r"\d{4}", root.text):
        for tok in doc[root.i + 1:min(len(doc), root.i + 8)]:
            if tok.pos_ in ("NOUN", "PROPN") or tok.text[:1].isupper():
                while tok.dep_ == "compound" and root.i < tok.head.i <= tok.i + 3 and (
                        tok.pos_ == "NOUN" or tok.head.pos_ == "NOUN" and tok.head.text.islower()):
                    tok = tok.head  # "the 2016 arbitration ruling", "the 1994 Ruritania genocide": the ruling
                return tok  # "the 1951 U.S.-Philippines Mutual Defense Treaty": a name, whatever the parse
            if not (tok.is_punct or tok.pos_ in ("ADJ", "NUM")):
                break
    if root.dep_ not in ("compound", "nummod", "amod", "nmod", "npadvmod", "poss") or root.i > root.head.i:
        return None
    head = root.head
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    return head


def _happening_noun(noun: Token, root: Token) -> bool:
    """The common noun phrase a date is written before names a happening ("the 2016 ruling",
    "February's aid freeze announcement"), not a plan, a measure or a period ("the 2030 target")."""
    run = []
    for tok in root.doc[root.i + 1:root.i + 6]:
        if tok.tag_ == "POS":
            continue
        if not (tok.is_alpha and tok.text.islower()):
            break
        run.append(tok)
    nouns = [t.lower_ for t in run if t.pos_ in ("NOUN", "VERB")] or [noun.lower_]
    return nouns[-1] not in _NOT_HAPPENING


def _prep_head(root: Token) -> Token:
    head = root.head
    while head.dep_ == "prep" and head.head.i != head.i:
        head = head.head
    return head


def _verb(token: Token) -> Token | None:
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def _scheduled(unit: Span, span: Span) -> bool:
    """A plan with a date: "will hold talks on 3 March", "is due to visit next week"."""
    verbs = {t.lemma_ for t in unit if t.pos_ in ("VERB", "ADJ", "AUX")}
    if verbs & _SCHEDULED:
        return True
    return bool(re.search(r"\d", span.text)) and _modal(unit, ("will", "shall", "'ll"))


_MODALS = ("will", "would", "shall", "'ll", "should", "must", "could", "might", "may", "can")


def _modal(sent: Span, words: tuple[str, ...] = ("will", "would", "shall", "'ll")) -> bool:
    return any(t.lower_ in words and t.tag_ == "MD" for t in sent)


def _sentence(unit: Span) -> bool:
    """A full sentence of the story: a verb, eight words or more, and final punctuation."""
    return (unit.text.rstrip().endswith((".", "!", "?", '"', "”"))
            and sum(1 for t in unit if t.is_alpha) >= 8 and any(t.pos_ in ("VERB", "AUX") for t in unit))


def _headline(unit: Span) -> bool:
    """A line without final punctuation and under twenty words: a headline or list entry."""
    return not unit.text.rstrip().endswith((".", "!", "?", ";", ",")) and len(unit) < 25


_SPELL = re.compile(r"(?i)\b(?:for|since|over|throughout|during)\b(?:\s+\S+){0,4}?\s+(?:\d{4}|(?:years?|months?|"
                    r"weeks?|days?|decades?)\b)")


_BARE_UNITS = re.compile(r"(?i)(?:years|months|weeks|days|decades)(?: of)?")


def _is_lede_news(unit: Span, first: int) -> bool:
    """A story's first sentence reporting the news of its day: "X has signed ...", "X says it is
    suspending ...", "X announces ..." (not a plan, not a past with a date of its own)."""
    if not _sentence(unit) or _SPELL.search(unit.text) or any(t.dep_ == "expl" for t in unit):
        return False  # "has helped for 20 years", "since 2012", "there have been": a state, not news
    text = unit.doc.text
    if any(e.label_ in ("DATE", "TIME") and not _BARE_UNITS.fullmatch(text[max(e.start_char, first):e.end_char])
           for e in unit.ents):
        return False  # "two weeks after ...": the sentence places itself in time
    verb = unit.root
    if verb.lemma_ in ("say", "announce", "report", "confirm") and verb.tag_ in ("VBZ", "VBP", "VBD"):
        if verb.tag_ == "VBD":  # "Manila said it would ...": the day's statement
            return verb.lemma_ == "say"
        comp = [c for c in verb.children if c.dep_ == "ccomp"]
        if not comp:
            return verb.lemma_ != "say"
        verb = comp[0]
    if _modal(unit):
        return False
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return (verb.tag_ == "VBN" and bool(aux & {"has", "have"})) or (verb.tag_ == "VBG" and bool(aux & {"is", "are"}))


def _strip(text: str, first: int, last: int) -> tuple[int, int]:
    """Offsets without surrounding space or a leading list bullet."""
    while first < last and (text[first].isspace() or text[first] in "•·▪‣◦*-"):
        first += 1
    while last > first and text[last - 1].isspace():
        last -= 1
    return first, last
