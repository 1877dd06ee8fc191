"""The one quality gate between extraction and the brief: what a brief may show.

A source judged junk (quality below `LOW_QUALITY`: spun, machine-made or garbled text) gives the
brief nothing of its own. Its quotes, figures, events and facts are shown only where a good source
reports the same thing, and then in the good source's words and under its citation. Pure: an
Extraction in, a filtered copy out.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TypeVar

from briefer.model import Event, Extraction, Fact, Figure, Location, Quote

T = TypeVar("T", Fact, Event)

LOW_QUALITY = 0.5
_WORDS = re.compile(r"\w+")


def shown(ex: Extraction) -> Extraction:
    """A copy of `ex` holding only what a brief may show (see the module docstring)."""
    good = {s.id for s in ex.sources if s.quality >= LOW_QUALITY}
    if len(good) == len(ex.sources):
        return ex
    texts = {s.id: s.text for s in ex.sources}
    return dataclasses.replace(
        ex,
        quotes=[q for q in ex.quotes if q.source in good or _quote_confirmed(q, ex, good)],
        figures=[f for f in ex.figures if f.source in good or _figure_confirmed(f, ex.figures, good)],
        events=[e for e in (_in_good_words(e, good, texts) for e in ex.events) if e is not None],
        facts=[f for f in (_in_good_words(f, good, texts) for f in ex.facts) if f is not None],
    )


def _good_first(locations: list[Location], good: set[str]) -> list[Location] | None:
    """The locations with the good sources' first; None when no good source is among them."""
    ranked = sorted(locations, key=lambda loc: loc.source not in good)
    return ranked if ranked and ranked[0].source in good else None


def _in_good_words(item: T, good: set[str], texts: dict[str, str]) -> T | None:
    """A fact or event in a good source's words (merged items keep the text of their best source);
    None when no good source reports it."""
    locations = _good_first(item.sources, good)
    if locations is None:
        return None
    if item.sources[0].source in good:
        return item
    first = locations[0]
    return dataclasses.replace(item, text=texts[first.source][first.start:first.end], sources=locations)


def _quote_confirmed(quote: Quote, ex: Extraction, good: set[str]) -> bool:
    """A good source quotes the same words, or states them in a fact."""
    words = _norm(quote.text)
    if len(words) < 4:
        return False
    return any(q.source in good and _norm(q.text) == words for q in ex.quotes) or any(
        words in _norm(f.text) for f in ex.facts if any(loc.source in good for loc in f.sources))


def _figure_confirmed(fig: Figure, figures: list[Figure], good: set[str]) -> bool:
    """A good source gives the same value in the same unit."""
    return fig.value is not None and any(
        f.source in good and f.value == fig.value and f.unit == fig.unit for f in figures)


def _norm(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))
