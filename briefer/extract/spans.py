"""Entity and sentence lookups that stay cheap: spaCy rebuilds every entity Span of the whole Doc
each time `Doc.ents` or `Span.ents` is read, which made per-sentence lookups quadratic in the
document, and walks every token each time `Doc.sents` is read."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_last: list[Any] = [None, [], []]  # the last Doc seen, its entities, their start offsets
_sents: list[Any] = [None, []]  # the last Doc seen and its sentences


def doc_ents(doc: Doc) -> list[Span]:
    """The Doc's entities, built once per Doc (extractors work through one Doc at a time)."""
    if _last[0] is not doc:
        ents = list(doc.ents)
        _last[:] = [doc, ents, [e.start_char for e in ents]]
    return _last[1]  # type: ignore[no-any-return]


def doc_sents(doc: Doc) -> list[Span]:
    """The Doc's sentences, found once per Doc (`Doc.sents` walks every token each time)."""
    if _sents[0] is not doc:
        _sents[:] = [doc, list(doc.sents)]
    return _sents[1]  # type: ignore[no-any-return]


def ents_in(doc: Doc, start: int, end: int) -> list[Span]:
    """Entities that start inside [start, end) and end by `end` (what `Span.ents` gives)."""
    ents = doc_ents(doc)
    i = bisect_left(_last[2], start)
    out = []
    while i < len(ents) and ents[i].start_char < end:
        if ents[i].end_char <= end:
            out.append(ents[i])
        i += 1
    return out
