"""Quotes: direct quotations (the words between quote marks) and reported speech.

`quotes(doc, source)` finds the quoted spans of each paragraph (`marks`), attributes each to a
speaker (`Reading.attribute`, by the rules of `rules`), and yields the attributed ones as
`Quote`s, then adds reported speech ("X said that ...", "according to X, ...") as
`kind="paraphrase"`. A quoted span with no cue in its sentence is kept only when it stands
alone after a cue or continues the last speaker's quote; short Title Case spans (“Face the
Nation”, “X”) and quotes in the source's own headline are left out. `attributed` yields the
same quotes with the rules that decided each.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from briefer.extract.quotes.base import Attribution
from briefer.extract.quotes.cues import according, has_mark, is_cue
from briefer.extract.quotes.lexicon import REPORTING, SMALL_WORDS, WORKS
from briefer.extract.quotes.marks import Quoted, paragraphs, quoted_spans, trim
from briefer.extract.quotes.reading import Reading
from briefer.model import Mention, Quote, Source

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

REPORTED_WORDS = 4  # shorter reported clauses are fragments
SCARE_WORDS = 3  # quoted spans this short need a cue that governs them
NAME_WORDS = 6  # Title Case spans this short are names or titles, not quotes

Found = tuple[Quote, tuple[str, ...]]


def quotes(doc: Doc, source: Source) -> Iterator[Quote]:
    """Yield the quotes and reported speech of one source, in text order.

    Args:
        doc: the spaCy Doc of `source.text` (page furniture blanked, same length).
        source: the source the doc was made from.

    Returns:
        An iterator of `Quote` with `id=""` and `themes=[]`; `text` is always
        `source.text[start:end]`.
    """
    for quote, _ in attributed(doc, source):
        yield quote


def attributed(doc: Doc, source: Source) -> Iterator[Found]:
    """Yield each quote of `quotes` with the names of the rules that decided its attribution."""
    spans = quoted_spans(doc.text)
    reading = Reading(doc, [(s.open, s.close) for s in spans], paragraphs(doc.text), source.text)
    items = list(_direct(doc, source, spans, reading)) + list(_reported(doc, source, reading))
    yield from sorted(items, key=lambda f: (f[0].start, f[0].end))


def _direct(doc: Doc, source: Source, spans: list[Quoted], reading: Reading
            ) -> Iterator[Found]:
    last: tuple[Attribution, Quoted] | None = None
    title = _title_span(doc.text, source.title)
    minor_singles = any(s.double for s in spans)  # then ‘...’ marks titles and nested words
    for span in spans:
        if title[0] <= span.open < title[1]:
            continue
        strict = minor_singles and not span.double
        attr = _attribute(doc, span, reading, last, strict)
        if attr is None or attr.speaker is None:
            continue
        if _named(doc.text[span.start:span.end]) and not _called(reading, span):
            continue
        last = (attr, span)
        yield _quote(source, span.start, span.end, attr, "direct"), attr.rules


def _attribute(doc: Doc, span: Quoted, reading: Reading,
               last: tuple[Attribution, Quoted] | None, strict: bool
               ) -> Attribution | None:
    """The attribution of a quoted span: its own cue; for a span alone in its sentences, the
    cue of the sentence before or else the last quote's. A short span needs a cue that
    governs it, and so (`strict`) does a single-quoted one in text that quotes with “ ”."""
    attr = reading.attribute(span.open, span.close)
    if attr is not None:
        return None if _scare(doc, span, attr) or (strict and not attr.governs) else attr
    if strict or not reading.bare(span.open, span.close):
        return None
    return reading.lone(span, last)


def _title_span(text: str, title: str | None) -> tuple[int, int]:
    """Where the source's own title stands as the first line, if it does: quotes in a
    headline repeat the body's."""
    if not title:
        return (0, 0)
    start = len(text) - len(text.lstrip())
    first = text[start:].split("\n", 1)[0]
    if first.strip().rstrip(".").strip() == title.strip().rstrip(".").strip():
        return (start, start + len(first))
    return (0, 0)


def _named(text: str) -> bool:
    """True for a short Title Case span: a name or a title (“Face the Nation”, “X”), not
    something said."""
    found = re.findall(r"[^\W_][\w’'.-]*", text)
    if not found or len(found) > NAME_WORDS or not found[0][0].isupper():
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in SMALL_WORDS for w in found)


def _called(reading: Reading, span: Quoted) -> bool:
    """True for a short Title Case span that a cue takes as what someone was called or said
    (called her “Miss Piggy”, hailed him as “The Comeback Kid”), not as whom it was said to
    (told “Morning Joe”) nor as a work someone owns (CBS's “Face the Nation”)."""
    before = reading.doc.text[max(0, span.open - 40):span.open].rstrip(" ,\u00a0").split()
    if before and (before[-1].lower().endswith(("'s", "’s", "s’")) or (
            before[-1].lower() in WORKS)):
        return False  # CBS's “Face the Nation”, his book, “Make Your Kid a Millionaire”
    toks = [t for t in reading.tokens(span.start, span.end) if not t.is_punct]
    roots = [t for t in toks if not span.start <= t.head.idx < span.end]
    if len(roots) != 1 or any(c.dep_ == "poss" for c in roots[0].children):
        return False
    head = roots[0].head
    if (head.lower_ in ("as", "like") or (roots[0].dep_ == "appos" and head.dep_ == "dobj")
            ) and head.i != head.head.i:
        head = head.head  # "as “...”"; "called the chief “...”", the name set beside the chief
    return is_cue(head) and head.lemma_.lower() != "tell" and not reading.inside[head.i]


def _reported(doc: Doc, source: Source, reading: Reading) -> Iterator[Found]:
    """Reported speech: the clause a reporting verb governs ("X said [that] ..."), or the
    rest of the sentence of "according to X", when it holds no quote marks."""
    for tok in reading.cue_words:
        if reading.inside[tok.i]:
            continue
        if tok.lemma_ in REPORTING and tok.pos_ == "VERB":
            comps = [c for c in tok.children if c.dep_ == "ccomp"]
            clause = list(comps[0].subtree) if comps else []
        elif according(tok):
            skip = {t.i for t in tok.subtree}
            clause = [t for t in tok.head.subtree if t.i not in skip and t.sent == tok.sent]
        else:
            continue
        found = _clause(reading, clause)
        if found is None:
            continue
        attr = reading.attribution(tok)
        start, end = trim(doc.text, *found)
        mention = attr.mention
        if attr.speaker and mention and end > start and not start <= mention[0] < end:
            yield _quote(source, start, end, attr, "paraphrase"), ("reported", *attr.rules)


def _clause(reading: Reading, toks: list[Token]) -> tuple[int, int] | None:
    """The character span of a reported clause: contiguous, one paragraph, a verb, four
    words or more, no quote marks."""
    toks = [t for t in toks if not t.is_space]
    while toks and (toks[0].is_punct or toks[0].dep_ in ("mark", "cc")):
        if has_mark(toks[0].text):
            return None  # “... opened and never closed: a quotation cut short, not reported speech
        toks = toks[1:]
    if toks and _cut_short(toks[-1]):
        return None
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if len(toks) < REPORTED_WORDS or not any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    first, last = toks[0], toks[-1]
    if last.i - first.i + 1 != len(toks) or "\n" in first.doc[first.i:last.i].text:
        return None
    if any(reading.inside[t.i] or has_mark(t.text) for t in toks):
        return None
    return first.idx, last.idx + len(last.text)


def _cut_short(last: Token) -> bool:
    """The clause lies in the text's last sentence, which no mark closes: a page saved or cut
    mid-sentence, whose last words are no whole statement."""
    doc = last.doc
    final = next((t for t in reversed(doc) if not t.is_space), None)
    return final is not None and final.sent.start <= last.i and not final.text.endswith(
        (".", "!", "?", '"', "”", "’", ")"))


def _quote(source: Source, start: int, end: int, attr: Attribution, kind: str) -> Quote:
    mention = Mention(*attr.mention) if attr.mention else None
    return Quote(id="", source=source.id, text=source.text[start:end], start=start, end=end,
                 speaker=attr.speaker, role=attr.role, speaker_mention=mention, cue=attr.cue,
                 kind=kind)


def _scare(doc: Doc, span: Quoted, attr: Attribution) -> bool:
    """True for a short quoted term ("resets") that no cue governs: a word, not a quote."""
    words = doc.text[span.start:span.end].split()
    return len(words) <= SCARE_WORDS and not attr.governs
