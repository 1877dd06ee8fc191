"""How far a source's text can be trusted.

Garbled text: sentences that lost their numbers ("in Novemberthe", "between andand", "began in
and"), typical of scraped pages whose years were stripped. Such sentences are never facts.
Spun text: machine-translated, spun or machine-written copies of other outlets' stories, found by
`briefer.extract.spun`; a source with enough of their signs is judged junk as a whole.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
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
    (re.compile(r"\b(?:between|from|Between|From)\s+(?:and|to)\b(?!\s+(?:among|within|across))"),
     "range without its numbers"),
    (re.compile(r"\b(?:in|since|until|In|Since)\s+(?:and|or|compared|following)\b"),
     "date without its year"),
    (re.compile(r"\b(?:in|since|until)\s*[,;]"), "date without its year"),
    (re.compile(rf"\bin {MONTHS}\s+(?=[A-Z])"), "date without its year"),
    (re.compile(r"[a-z],[a-z]|\d,[a-z]"), "words glued at a comma"),
    # what a translation engine writes for the digits it could not carry over ("January 2023, XNUMX")
    (re.compile(r"\bX+NUM[X\d]*\b"), "a number placeholder left by translation"),
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


# A clean 2,000-character news page shows at most one sign (a typo'd name, one comment sentence,
# a quote that lost its marks); two signs, on at least one sentence in ten, make a page junk.
JUNK_SIGNS = 2
JUNK_RATE = 0.1
SIGN_CAP = 3  # one repeated habit counts at most this often
JUNK_QUALITY = 0.4


@dataclass
class Verdict:
    """What the text itself says about a source's reliability."""

    kind: str | None = None  # "machine-translated or spun text", ...; None: nothing wrong
    signs: list[str] = field(default_factory=list)  # the distinct reasons, most frequent first
    count: int = 0  # signs counted (each reason capped at SIGN_CAP)

    @property
    def junk(self) -> bool:
        return self.kind is not None


def verdict(doc: Doc, n_sentences: int, text: str | None = None) -> Verdict:
    """Judge a parsed source's text: junk when it shows enough signs of spun or machine text.
    `text`: the source as read (the Doc's text has page furniture blanked), for repeated lines."""
    from briefer.extract import spun

    reasons: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    found = spun.anomalies(doc)
    found["keyword-stuffed"] = list(stuffed_lines(text or ""))
    for kind, items in found.items():
        for _, _, reason in items:
            if reasons[reason] < SIGN_CAP:
                reasons[reason] += 1
                kinds[kind] += 1
    count = sum(reasons.values())
    if count < JUNK_SIGNS or count < JUNK_RATE * n_sentences:
        return Verdict(count=count)
    kind = max(kinds, key=lambda k: kinds[k])
    return Verdict(kind=spun.KIND_NAMES[kind], signs=[r for r, _ in reasons.most_common()], count=count)


STUFFED_REPEATS = 3  # a headline or site name shows twice on a page; a search phrase, over and over


def stuffed_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Lines of three words or more repeated at least STUFFED_REPEATS times: the search phrase a
    keyword-stuffed (SEO) page repeats. One sign per repeat past the second."""
    seen: dict[str, list[int]] = {}
    pos = 0
    for line in text.split("\n"):
        key = " ".join(line.casefold().split())
        if len(key.split()) >= 3:
            seen.setdefault(key, []).append(pos)
        pos += len(line) + 1
    for key, starts in seen.items():
        for start in starts[STUFFED_REPEATS - 1:]:
            yield start, start + len(key), "a search phrase repeated"
