"""Text that no careful writer produced: machine translation, spinning and machine-written
rewrites of other outlets' stories, found from the shape of the text itself.

Each detector yields (start, end, reason) for one anomaly. None of them knows a topic or a word
of any particular story: they look at grammar (a country name taking "the"), spelling (one name
written in several forms), punctuation (first-person speech without quotation marks, quotation
marks that close without opening), dates (a weekday that is not the date's) and stock phrasing
(an abstract subject that "underscores the growing tensions").
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from briefer import DEFAULT_MODEL
from briefer.extract.spans import doc_sents, ent_at

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

Anomaly = tuple[int, int, str]

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_DAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+"
_MONTH = r"(?P<m>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|" \
         r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
WEEKDAY_DATE = [
    re.compile(_DAY + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b"),
    re.compile(_DAY + r"(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH
               + r",?\s+(?P<y>(?:19|20)\d\d)\b"),
]

FIRST_PERSON = {"i", "we", "my", "our", "us", "me", "ours"}
SPEECH_TAIL = re.compile(
    r",\s*(?:(?:he|she|they|it)|(?:the\s+)?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}|the\s+\w+(?:\s+\w+){0,3})"
    r"\s+(?:said|added|stated|stressed|emphasized|emphasised|noted|declared|told|explained|"
    r"continued|insisted|affirmed|concluded)\b[^\"“”]{0,60}[.!]?\s*$")
QUOTE_CHARS = "\"“”«»"
# Russian- and French-style attribution after a quote: `", - he said` ("- " where English has none)
DASH_ATTRIBUTION = re.compile(r"[\"”»],?\s+[-–—]\s+(?:[a-z]+\s+)?[A-Za-z]\w+\s+\w+")
# a closing typographic quote with no opening one before it in the same paragraph
CLOSE_QUOTE = "”"
OPEN_QUOTE = "“"

COMMENT_VERBS = {"underscore", "highlight", "reflect", "signal", "illustrate", "indicate", "demonstrate",
                 "exemplify", "emphasize", "emphasise", "showcase", "underline"}
COMMENT_SUBJECT_DETS = {"this", "these", "such"}
ABSTRACT_OBJECT_MODS = {"ongoing", "growing", "broader", "deepening", "heightened", "increasing",
                        "complex", "complexity", "escalating", "persistent", "continued", "rising"}


def weekday_mismatches(text: str) -> Iterator[Anomaly]:
    """A date written with a weekday that is not that date's ("Friday, December 15, 2025")."""
    for pattern in WEEKDAY_DATE:
        for m in pattern.finditer(text):
            try:
                day = date(int(m.group("y")), MONTHS.index(m.group("m")[:3].casefold()) + 1, int(m.group("d")))
            except ValueError:
                yield m.start(), m.end(), "a date that does not exist"
                continue
            if WEEKDAYS[day.weekday()] != m.group("wd").casefold():
                yield m.start(), m.end(), "a weekday that is not the date's"


# a sentence's last word, its full stop and a Title Case heading with no space or line break
# between them, at the end of a line ("... sending them adrift.Key Details")
RUN_IN_HEADING = re.compile(r"[a-z]{3,}[.!?][A-Z][a-z]+(?: [A-Z][a-z]+){0,3}[ \t]*$", re.M)


def run_in_headings(text: str) -> Iterator[Anomaly]:
    """A heading run into the sentence before it: a page assembled from generated blocks."""
    for m in RUN_IN_HEADING.finditer(text):
        yield m.start(), m.end(), "a heading run into the text"


def unquoted_speech(doc: Doc) -> Iterator[Anomaly]:
    """First-person speech closed by ", he said" with no quotation mark anywhere in the sentence:
    a translation or rewrite that dropped the quote marks (also: quotes that close without
    opening, and ` - he said` attributions in another language's punctuation)."""
    text = doc.text
    for sent in doc_sents(doc):
        s = text[sent.start_char:sent.end_char]
        if any(c in s for c in QUOTE_CHARS):
            if DASH_ATTRIBUTION.search(s):
                yield sent.start_char, sent.end_char, "quotation in another language's punctuation"
            continue
        tail = SPEECH_TAIL.search(s.rstrip())
        if tail and _first_person(sent, sent.start_char + tail.start()):
            yield sent.start_char, sent.end_char, "speech without quotation marks"
    yield from _unopened_quotes(text)


def _first_person(sent: Span, before: int) -> bool:
    """A first-person pronoun ("we", "our"; not "US") before the attribution."""
    return any(t.lower_ in FIRST_PERSON and t.tag_ in {"PRP", "PRP$"} and t.text != "US"
               for t in sent if t.idx < before)


def _unopened_quotes(text: str) -> Iterator[Anomaly]:
    """The first paragraph whose typographic quotes close more often than they open, where the
    page uses no straight quotes (pages that mix both kinds are merely inconsistent)."""
    if '"' in text:
        return
    pos = 0
    for para in text.split("\n"):
        extra = para.count(CLOSE_QUOTE) - para.count(OPEN_QUOTE)
        if extra > 0 and extra % 2:  # an even surplus is a page writing ” for both marks
            yield pos, pos + len(para), "quotation marks that close without opening"
            return
        pos += len(para) + 1


def country_with_article(doc: Doc) -> Iterator[Anomaly]:
    """A one-word country or city name heading its phrase after "the" or "a" ("the Cambodia
    shifting ..") when the same text uses that name bare elsewhere: names that take an article
    take it every time ("the Kingdom", "the Philippines"), and a name modifying a noun ("the
    Cambodia office") is no head."""
    with_article: list[tuple[Token, Token]] = []
    bare: set[str] = set()
    for tok in doc:
        if not _place_name(tok):
            continue
        det = doc[tok.i - 1] if tok.i else None
        if det is not None and det.lower_ in ARTICLES:
            if det.head.i == tok.i and tok.dep_ not in {"compound", "amod", "nmod", "poss"} and _heads_phrase(tok):
                with_article.append((det, tok))
        elif _heads_phrase(tok):
            bare.add(tok.text)
    for det, tok in with_article:
        if tok.text in bare:
            yield det.idx, tok.idx + len(tok.text), "a country name with an article"


ARTICLES = {"the", "a", "an"}


def _place_name(tok: Token) -> bool:
    """A one-word place name written as a word, not an acronym ("Cambodia", not "US")."""
    if tok.pos_ != "PROPN" or not tok.is_alpha or not tok.is_title or tok.text.endswith("s"):
        return False
    ent = ent_at(tok.doc, tok.i)
    return ent is not None and ent.label_ == "GPE" and len(ent) == 1


def _heads_phrase(tok: Token) -> bool:
    """The name is the phrase's head word (no noun after it that it modifies)."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is None or nxt.pos_ not in {"NOUN", "PROPN", "NUM"} and nxt.text not in {"-", "–", "'s", "’s"}


def name_variants(doc: Doc) -> Iterator[Anomaly]:
    """A proper name the model does not know that is one or two letters off a name the text also
    uses ("Cambodies", "Cambodias" beside "Cambodia"): mangled names, not spelling choices.
    Regular derived forms ("Cambodian", "Filipinos") are known words and never counted."""
    known = model_words()
    if not known:
        return
    names: dict[str, Token] = {}
    for tok in doc[:-1]:  # the last word may be cut short by the page's end
        if tok.is_alpha and tok.text[:1].isupper() and len(tok.text) >= 5:
            names.setdefault(tok.text, tok)
    good = [n for n in names if n in known]
    for name, tok in names.items():
        if name in known or name.lower() in known or name.isupper() or tok.is_sent_start:
            continue
        near = next((g for g in good if _near(name, g)), None)
        if near is not None:
            yield tok.idx, tok.idx + len(name), "a name written two ways"


@functools.cache
def model_words() -> frozenset[str]:
    """The words of the default spaCy model's training vocabulary (its strings.json, as
    shipped: a Doc's own StringStore also holds every word it has seen), or an empty set."""
    try:
        import spacy.util

        root = spacy.util.get_package_path(DEFAULT_MODEL)
        path = next(root.glob("**/vocab/strings.json"))
        return frozenset(json.loads(path.read_text(encoding="utf-8")))
    except (ImportError, OSError, StopIteration, ValueError):
        return frozenset()


def _near(a: str, b: str) -> bool:
    """One or two edits apart, on a shared stem of five letters or more, neither a prefix of the
    other (a plural "the Obamas", a coinage "Warrened", a word cut short)."""
    if a[:5] != b[:5] or abs(len(a) - len(b)) > 2 or a.startswith(b) or b.startswith(a):
        return False
    return _edits(a[5:], b[5:]) <= 2


def _edits(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def stock_commentary(doc: Doc) -> Iterator[Anomaly]:
    """A sentence whose subject is an abstraction pointed at ("This escalation", "Such moves")
    and whose verb comments on it ("underscores", "reflects", "highlights"): the filler a
    machine-written rewrite adds between the facts it took from a real report."""
    for sent in doc_sents(doc):
        root = sent.root
        if root.lemma_.casefold() not in COMMENT_VERBS or any(c in sent.text for c in QUOTE_CHARS):
            continue
        subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None or subj.pos_ != "NOUN":
            continue
        pointed = any(c.lower_ in COMMENT_SUBJECT_DETS for c in subj.children)
        vague = any(t.lower_ in ABSTRACT_OBJECT_MODS for t in root.subtree if t.i > root.i)
        if pointed or vague:
            yield sent.start_char, sent.end_char, "stock commentary"


KIND_NAMES = {
    "machine-translated": "machine-translated or spun text",
    "machine-written": "machine-written text",
    "keyword-stuffed": "keyword-stuffed (SEO) page",
}
DETECTORS = {
    "machine-translated": (country_with_article, name_variants, unquoted_speech),
    "machine-written": (stock_commentary,),
}


def anomalies(doc: Doc) -> dict[str, list[Anomaly]]:
    """Every anomaly found in the Doc, by the kind of text it points to."""
    found: dict[str, list[Anomaly]] = {kind: [] for kind in DETECTORS}
    for kind, detectors in DETECTORS.items():
        for detect in detectors:
            found[kind].extend(detect(doc))
    found["machine-written"].extend(weekday_mismatches(doc.text))
    found["machine-written"].extend(run_in_headings(doc.text))
    return found
