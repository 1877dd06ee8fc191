"""Garbled text: sentences that lost their numbers ("in Novemberthe", "between andand", "began in
and"), typical of scraped pages whose years were stripped. Such sentences are never facts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from briefer.extract.spans import doc_sents

if TYPE_CHECKING:
    from spacy.tokens import Doc

MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
GLUE = r"(?:the|which|and|when|a|an|to|in|of|during|after|before|as|while|following)"
GARBLED = [
    (re.compile(rf"\b{MONTHS}(?:{GLUE}\b|(?=[A-Z]))"), "month glued to the next word"),
    (re.compile(r"\b[Ii]n(?:the|which|during|and)\b|\bsince(?!re)(?=[a-z])|\bandand\b"),
     "words glued together"),
    (re.compile(r"\b(?:to|and|in|since|from|of)(?=[A-Z])"), "words glued together"),
    (re.compile(r"\b(?:between|from|Between|From)\s+(?:and|to)\b"), "range without its numbers"),
    (re.compile(r"\b(?:in|since|until|In|Since)\s+(?:and|or|compared|following)\b"),
     "date without its year"),
    (re.compile(r"\b(?:in|since|until)\s*[,;]"), "date without its year"),
    (re.compile(rf"\bin {MONTHS}\s+(?=[A-Z])"), "date without its year"),
    (re.compile(r"[a-z],[a-z]|\d,[a-z]"), "words glued at a comma"),
]


def garbled_reason(text: str) -> str | None:
    """Why a sentence looks like it lost its numbers, or None."""
    for pattern, reason in GARBLED:
        if pattern.search(text):
            return reason
    return None


def garbled_sentences(doc: Doc) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, reason) for sentences that look garbled."""
    for sent in doc_sents(doc):
        text = sent.doc.text[sent.start_char:sent.end_char].strip()
        if text:
            reason = garbled_reason(text)
            if reason:
                yield sent.start_char, sent.end_char, reason


def content_sentences(doc: Doc) -> int:
    """How many sentences carry words (not blanks left by removed furniture)."""
    return sum(1 for s in doc_sents(doc) if any(t.is_alpha for t in s))
