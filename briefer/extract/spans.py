"""Entity and sentence lookups that stay cheap: spaCy rebuilds every entity Span of the whole Doc
each time `Doc.ents` or `Span.ents` is read, which made per-sentence lookups quadratic in the
document, and walks every token each time `Doc.sents` is read."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_memo: list[Any] = [None, {}]  # the last Doc seen and what has been worked out about it


def per_doc(doc: Doc, key: Hashable, compute: Callable[[], Any]) -> Any:
    """`compute()`, worked out once per Doc and key (extractors work through one Doc at a time,
    so only the last Doc's results are kept)."""
    if _memo[0] is not doc:
        _memo[:] = [doc, {}]
    found = _memo[1].get(key)
    if found is None:
        found = _memo[1][key] = compute()
    return found


def doc_ents(doc: Doc) -> list[Span]:
    """The Doc's entities, built once per Doc."""
    return per_doc(doc, "ents", lambda: list(doc.ents))  # type: ignore[no-any-return]


def doc_sents(doc: Doc) -> list[Span]:
    """The Doc's sentences, found once per Doc (`Doc.sents` walks every token each time)."""
    return per_doc(doc, "sents", lambda: list(doc.sents))  # type: ignore[no-any-return]


def sent_at(doc: Doc, i: int) -> Span:
    """The sentence token `i` is in (`Token.sent` scans the Doc's sentence starts each time)."""
    sents = doc_sents(doc)
    starts = per_doc(doc, "sent_starts", lambda: [s.start for s in sents])
    return sents[bisect_right(starts, i) - 1]  # type: ignore[no-any-return]


def ents_in(doc: Doc, start: int, end: int) -> list[Span]:
    """Entities that start inside [start, end) and end by `end` (what `Span.ents` gives)."""
    ents = doc_ents(doc)
    starts = per_doc(doc, "ent_starts", lambda: [e.start_char for e in ents])
    i = bisect_left(starts, start)
    out = []
    while i < len(ents) and ents[i].start_char < end:
        if ents[i].end_char <= end:
            out.append(ents[i])
        i += 1
    return out


def ent_at(doc: Doc, i: int) -> Span | None:
    """The entity that token `i` is part of, or None (entities do not overlap)."""
    ents = doc_ents(doc)
    starts = per_doc(doc, "ent_token_starts", lambda: [e.start for e in ents])
    k = bisect_left(starts, i + 1) - 1
    return ents[k] if k >= 0 and ents[k].start <= i < ents[k].end else None
