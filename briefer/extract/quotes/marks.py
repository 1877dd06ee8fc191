"""Quote marks: the quoted spans of a text, paragraph by paragraph.

Marks are paired per paragraph (straight, curly, single, guillemets, the ASCII '' of some wire
copy); whether a mark opens or closes is judged by its neighbours, then by its form. An
unclosed quote runs to the end of its sentence, or of its paragraph when the next paragraph
opens with a mark (a quote over several paragraphs). Apostrophes (Cambodia’s, ’90s, ’em) are
no marks. No model is needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from briefer.extract.quotes.lexicon import ABBREVIATIONS, ELISIONS

OPEN_FORMS = "“„«‹‘`"  # marks whose form says "I open"
CLOSE_FORMS = "”»›’"
LEFT_OPEN = "([{—–-/\u00a0"  # characters after which a mark opens
RIGHT_CLOSE = ".,;:!?)]}—–-…"  # characters before which a mark closes
TRIM = " \t\n\u00a0,;:"
_MARK = re.compile(r"''|``|‘‘|’’|[\"“”„«»'‘’‹›]")  # pairs first, as they are read left to right
SENTENCE_END = re.compile(r"[.!?](?=\s+[\"“‘'A-Z])")

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
    return [s for s in (_trimmed(text, s) for s in out) if s.end > s.start and not _cut_off(text, s)]


def _cut_off(text: str, span: Quoted) -> bool:
    """An unclosed quote that runs into the end of a text cut mid-sentence ("... admiration of
    the e"): a saved page that stops there, not words anyone said as shown."""
    tail = text[span.end:].strip()
    return not span.closed and not tail and text[:span.end].rstrip()[-1:].isalnum()


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
    """Whether a mark opens or closes, judged by its neighbours, then by its form. A mark that
    starts its paragraph opens, whatever its form: nothing is open yet to close (a ” typed
    for a “ at the head of a paragraph)."""
    if not text[lo:i].strip():
        return "open"
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
    """Pair double marks left to right; an unclosed quote ends with its sentence. A quote
    nested in marks of the same form (“he calls “hell” home”) is part of the outer one
    when a mark after it closes that one."""
    out: list[Quoted] = []
    opened: Mark | None = None
    skip = 0
    for k, mark in enumerate(marks):
        if skip:
            skip -= 1
        elif opened is None:
            if mark.shape != "close":
                opened = mark
        elif mark.shape != "open":
            out.append(Quoted(opened.pos, mark.end, opened.end, mark.pos))
            opened = None
        elif _nested(marks, k):
            closing = marks[k + 2]
            out.append(Quoted(opened.pos, closing.end, opened.end, closing.pos))
            opened, skip = None, 2
        else:  # a new opening mark: the open quote was never closed
            out.append(_unclosed(text, opened, mark.pos, False))
            opened = mark
    if opened is not None:
        out.append(_unclosed(text, opened, end, follow))
    return out


def _nested(marks: list[Mark], k: int) -> bool:
    """True when the opening mark `k`, met while a quote is open, opens a quote inside it:
    the next mark closes it and the one after closes the outer quote."""
    return k + 2 < len(marks) and marks[k + 1].shape != "open" and marks[k + 2].shape == "close"


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
