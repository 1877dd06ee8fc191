"""Quotes: direct quotations (the words between quote marks) and reported speech.

`quotes(doc, source)` pairs the quote marks of each paragraph (straight, curly, single,
guillemets, the ASCII '' of some wire copy), attributes each quoted span to a speaker with
`briefer.extract.speakers`, and yields the attributed ones as `Quote`s, then adds reported
speech ("X said that ...", "according to X, ...") as `kind="paraphrase"`. A quoted span with
no cue in its sentence is kept only when it stands alone after a cue or continues the last
speaker's quote; short Title Case spans (“Face the Nation”, “X”) and quotes in the source's
own headline are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefer.extract import cues, names, speakers
from briefer.model import Mention, Quote, Source

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

OPEN_FORMS = "“„«‹‘`"  # marks whose form says "I open"
CLOSE_FORMS = "”»›’"
LEFT_OPEN = "([{—–-/\u00a0"  # characters after which a mark opens
RIGHT_CLOSE = ".,;:!?)]}—–-…"  # characters before which a mark closes
ELISIONS = ("em", "til", "tis", "twas", "cause", "n", "round")  # ’em, ’til: apostrophes
TRIM = " \t\n\u00a0,;:"
REPORTED_WORDS = 4  # shorter reported clauses are fragments
SCARE_WORDS = 3  # quoted spans this short need a cue that governs them
NAME_WORDS = 6  # Title Case spans this short are names or titles, not quotes
_MARK = re.compile(r"''|``|‘‘|’’|[\"“”„«»'‘’‹›]")  # pairs first, as they are read left to right
SENTENCE_END = re.compile(r"[.!?](?=\s+[\"“‘'A-Z])")
ABBREVIATIONS = names.words("mr mrs ms dr st sen rep gov gen lt col capt sgt jr sr no inc "
                               "corp co vs prof rev adm maj cmdr ft mt")
SMALL_WORDS = names.words("a an the of in on at to for and or but is with by from vs")


@dataclass(frozen=True)
class Mark:
    """One quote mark: where it is, how long, double or single, and its shape in context."""

    pos: int
    size: int
    double: bool
    shape: str  # open | close | either

    @property
    def end(self) -> int:
        return self.pos + self.size


@dataclass(frozen=True)
class Quoted:
    """A quoted span: marks at [open, close) and the quoted words at [start, end)."""

    open: int
    close: int
    start: int
    end: int
    closed: bool = True
    double: bool = True


def quotes(doc: Doc, source: Source) -> Iterator[Quote]:
    """Yield the quotes and reported speech of one source, in text order.

    Args:
        doc: the spaCy Doc of `source.text` (page furniture blanked, same length).
        source: the source the doc was made from.

    Returns:
        An iterator of `Quote` with `id=""` and `themes=[]`; `text` is always
        `source.text[start:end]`.
    """
    spans = quoted_spans(doc.text)
    people = speakers.People(doc, [(s.open, s.close) for s in spans], paragraphs(doc.text))
    items = list(_direct(doc, source, spans, people)) + list(_reported(doc, source, people))
    yield from sorted(items, key=lambda q: (q.start, q.end))


def _direct(doc: Doc, source: Source, spans: list[Quoted], people: speakers.People
            ) -> Iterator[Quote]:
    last: tuple[speakers.Attribution, Quoted] | None = None
    title = _title_span(doc.text, source.title)
    minor_singles = any(s.double for s in spans)  # then ‘...’ marks titles and nested words
    for span in spans:
        if title[0] <= span.open < title[1] or _named(doc.text[span.start:span.end]):
            continue
        strict = minor_singles and not span.double
        attr = _attribute(doc, span, people, last, strict)
        if attr is None or attr.speaker is None:
            continue
        last = (attr, span)
        yield _quote(source, span.start, span.end, attr, "direct")


def _attribute(doc: Doc, span: Quoted, people: speakers.People,
               last: tuple[speakers.Attribution, Quoted] | None, strict: bool
               ) -> speakers.Attribution | None:
    """The attribution of a quoted span: its own cue; for a span alone in its sentences, the
    cue of the sentence before or else the last quote's. A short span needs a cue that
    governs it, and so (`strict`) does a single-quoted one in text that quotes with “ ”."""
    attr = people.attribute(span.open, span.close)
    if attr is not None:
        return None if _scare(doc, span, attr) or (strict and not attr.governs) else attr
    if strict or not people.bare(span.open, span.close):
        return None
    attr = people.before(span.open) or people.subject_before(span.open)
    if attr is None and last is not None and _continues(doc, last[1], span):
        attr = last[0]
    return attr


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


def _reported(doc: Doc, source: Source, people: speakers.People) -> Iterator[Quote]:
    """Reported speech: the clause a reporting verb governs ("X said [that] ..."), or the
    rest of the sentence of "according to X", when it holds no quote marks."""
    for tok in people.cue_words:
        if people.inside[tok.i]:
            continue
        if tok.lemma_ in cues.REPORTING and tok.pos_ == "VERB":
            comps = [c for c in tok.children if c.dep_ == "ccomp"]
            clause = list(comps[0].subtree) if comps else []
        elif cues.according(tok):
            skip = {t.i for t in tok.subtree}
            clause = [t for t in tok.head.subtree if t.i not in skip and t.sent == tok.sent]
        else:
            continue
        found = _clause(people, clause)
        if found is None:
            continue
        attr = people.attribution(tok)
        start, end = trim(doc.text, *found)
        mention = attr.mention
        if attr.speaker and mention and end > start and not start <= mention[0] < end:
            yield _quote(source, start, end, attr, "paraphrase")


def _clause(people: speakers.People, toks: list[Token]) -> tuple[int, int] | None:
    """The character span of a reported clause: contiguous, one paragraph, a verb, four
    words or more, no quote marks."""
    toks = [t for t in toks if not t.is_space]
    while toks and (toks[0].is_punct or toks[0].dep_ in ("mark", "cc")):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if len(toks) < REPORTED_WORDS or not any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    first, last = toks[0], toks[-1]
    if last.i - first.i + 1 != len(toks) or "\n" in first.doc[first.i:last.i].text:
        return None
    if any(people.inside[t.i] or cues.has_mark(t.text) for t in toks):
        return None
    return first.idx, last.idx + len(last.text)


def _quote(source: Source, start: int, end: int, attr: speakers.Attribution, kind: str) -> Quote:
    mention = Mention(*attr.mention) if attr.mention else None
    return Quote(id="", source=source.id, text=source.text[start:end], start=start, end=end,
                 speaker=attr.speaker, role=attr.role, speaker_mention=mention, cue=attr.cue,
                 kind=kind)


def _continues(doc: Doc, prev: Quoted, span: Quoted) -> bool:
    """True when `span` follows `prev` closely (a continuation of the same speaker)."""
    between = doc.text[prev.close:span.open]
    return between.count("\n") <= 2 and len(between) <= 400


def _scare(doc: Doc, span: Quoted, attr: speakers.Attribution) -> bool:
    """True for a short quoted term ("resets") that no cue governs: a word, not a quote."""
    words = doc.text[span.start:span.end].split()
    return len(words) <= SCARE_WORDS and not attr.governs


# --- quote marks ---------------------------------------------------------------------------


def quoted_spans(text: str) -> list[Quoted]:
    """Return the quoted spans of `text`, paragraph by paragraph, in order."""
    out: list[Quoted] = []
    paras = paragraphs(text)
    for n, (start, end) in enumerate(paras):
        marks = list(_marks(text, start, end))
        follow = n + 1 < len(paras) and _opens_with_mark(text, paras[n + 1][0])
        doubles = _pair([m for m in marks if m.double], text, end, follow)
        out.extend(doubles)
        singles = [m for m in marks if not m.double and not _inside(m.pos, doubles)]
        out.extend(_pair_singles(singles))
    out.sort(key=lambda s: s.open)
    return [s for s in (_trimmed(text, s) for s in out) if s.end > s.start]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each paragraph: a line, unless it runs on into the next line."""
    return list(_paragraphs(text))


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in re.finditer(r"\n", text):
        line_end = m.start()
        after = text[m.end():m.end() + 1]
        before = text[start:line_end].rstrip()
        runs_on = bool(before) and before[-1].isalpha() and after.islower()
        if not runs_on:
            yield start, line_end
            start = m.end()
    yield start, len(text)


def _opens_with_mark(text: str, start: int) -> bool:
    head = text[start:start + 4].lstrip()
    return bool(head) and (head[0] in "\"“„«" or head.startswith("''") or head.startswith("``"))


def _marks(text: str, start: int, end: int) -> Iterator[Mark]:
    for m in _MARK.finditer(text, start, end):
        i, found = m.start(), m.group()
        if len(found) == 2:  # '' `` ‘‘ ’’: the double quotes of some wire copy
            yield Mark(i, 2, True, _shape(text, i, 2, start, end, found[0] in "`‘"))
        elif found in "\"“”„«»":
            yield Mark(i, 1, True, _shape(text, i, 1, start, end, found in "“„«", found in "”»"))
        elif not _apostrophe(text, i, start, end):
            yield Mark(i, 1, False, _shape(text, i, 1, start, end, found in "‘‹", found in "’›"))


def _shape(text: str, i: int, size: int, lo: int, hi: int, opener: bool = False,
           closer: bool = False) -> str:
    """Whether a mark opens or closes, judged by its neighbours, then by its form."""
    before = text[i - 1] if i > lo else " "
    after = text[i + size] if i + size < hi else " "
    left = before.isspace() or before in LEFT_OPEN or before in OPEN_FORMS + "\"'"
    right = after.isspace() or after in RIGHT_CLOSE or after in CLOSE_FORMS + "\"'"
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    if opener:
        return "open"
    if closer:
        return "close"
    return "either"


def _apostrophe(text: str, i: int, lo: int, hi: int) -> bool:
    """True for a ’ or ' that is an apostrophe: Cambodia’s, they've, ’90s, ’em."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if before.isalnum() and after.isalnum():
        return True
    if not before.isalnum() and after.isdigit():
        return True  # ’90s
    word = re.match(r"[A-Za-z]+", text[i + 1:i + 8])
    return (not before.isalnum()) and word is not None and word.group().lower() in ELISIONS


def _pair(marks: list[Mark], text: str, end: int, follow: bool) -> list[Quoted]:
    """Pair double marks left to right; an unclosed quote ends with its sentence."""
    out: list[Quoted] = []
    opened: Mark | None = None
    for mark in marks:
        if opened is None:
            if mark.shape != "close":
                opened = mark
        elif mark.shape != "open":
            out.append(Quoted(opened.pos, mark.end, opened.end, mark.pos))
            opened = None
        else:  # a new opening mark: the open quote was never closed
            out.append(_unclosed(text, opened, mark.pos, False))
            opened = mark
    if opened is not None:
        out.append(_unclosed(text, opened, end, follow))
    return out


def _unclosed(text: str, mark: Mark, limit: int, whole: bool) -> Quoted:
    """An unclosed quote runs to the end of its sentence (or paragraph, when the next
    paragraph opens with a mark, the convention for a quote over several paragraphs)."""
    stop = limit if whole else _sentence_end(text, mark.end, limit)
    return Quoted(mark.pos, stop, mark.end, stop, closed=False)


def _sentence_end(text: str, start: int, limit: int) -> int:
    """The end of the sentence running from `start` (an abbreviation does not end one)."""
    for m in SENTENCE_END.finditer(text, start, limit):
        word = text[max(start, m.start() - 12):m.start()].split()[-1:]
        if m.group() != "." or not word or not _abbreviation(word[0]):
            return m.end()
    return limit


def _abbreviation(word: str) -> bool:
    bare = word.strip("(\"“‘'")
    return bare.lower() in ABBREVIATIONS or (len(bare) == 1 and bare.isupper()) or "." in bare


def _pair_singles(marks: list[Mark]) -> list[Quoted]:
    """Pair single marks: an opening one with the next closing one, else nothing."""
    out: list[Quoted] = []
    opened: Mark | None = None
    for mark in marks:
        if opened is None and mark.shape == "open":
            opened = mark
        elif opened is not None and mark.shape in ("close", "either"):
            out.append(Quoted(opened.pos, mark.end, opened.end, mark.pos, double=False))
            opened = None
    return out


def _inside(pos: int, spans: list[Quoted]) -> bool:
    return any(s.open <= pos < s.close for s in spans)


def _trimmed(text: str, span: Quoted) -> Quoted:
    start, end = trim(text, span.start, span.end)
    return Quoted(span.open, span.close, start, end, span.closed, span.double)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past spaces, a trailing comma or colon, and a final full stop
    (kept after an abbreviation: "the U.S.")."""
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    if end > start and text[end - 1] == ".":
        word = text[start:end].rsplit(None, 1)[-1]
        if word.count(".") == 1:
            end -= 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end
