"""Where the parse links a figure to its words in a way the main reading of figures.py misses:
a noun the parse hung on a verb ("The $22.8 billion transaction hands ..."), a count joined by a
hyphen to its noun ("a 15-member council") and a noun's preposition read as a qualifier ("control
over 43 ports")."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from briefer.extract.figures import _Raw


def misparsed_noun(raw: _Raw, number: Token) -> Token | None:
    """The noun right after a figure that the parse made a compound of a verb ("The $22.8 billion
    transaction hands control ...", with "hands" read as the verb): a compound never heads a verb,
    so the noun is what the figure sizes."""
    nxt = next((t for t in number.doc[number.i + 1 : number.i + 4] if t.idx >= raw.end and not t.is_space), None)
    if nxt is not None and nxt.pos_ == "NOUN" and nxt.dep_ == "compound" and nxt.head.pos_ in ("VERB", "AUX") \
            and nxt.idx - raw.end <= 1:
        return nxt
    return None


def preposition(doc: Doc, start: int) -> bool:
    """True when the qualifier-like word at `start` is a noun's preposition: "control over 43
    ports", "authority over three ministries" (not "killed over 40 people")."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    word = span[0] if span is not None and len(span) else None
    if word is None or word.lower_ not in ("over", "above", "under", "below") or word.dep_ != "prep":
        return False
    before = next((t for t in reversed(doc[max(0, word.i - 3) : word.i]) if not t.is_space), None)
    return before is not None and before.pos_ in ("NOUN", "PROPN") and not before.like_num


def sized_by_count(doc: Doc, raw: _Raw) -> tuple[Token, Token] | None:
    """(count noun, noun sized) of "a 15-member council", "a 13-seat chamber", "a 10-point plan": a
    count joined by a hyphen to the word it counts, the two together describing the next noun."""
    if doc.text[raw.end : raw.end + 1] != "-":
        return None
    span = doc.char_span(raw.end + 1, raw.end + 2, alignment_mode="expand")
    word = span[0] if span is not None and len(span) else None
    if word is None or word.idx != raw.end + 1 or not word.is_alpha or word.dep_ not in ("nmod", "compound", "amod"):
        return None
    head = word.head
    return (word, head) if head.pos_ in ("NOUN", "PROPN") and head.i > word.i else None
