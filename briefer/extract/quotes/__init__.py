"""Quotes: direct quotations and reported speech, and who said them.

The front door of quote extraction: `quotes(doc, source)` yields a source's `Quote`s
(`extractor`); `quoted_spans`, `paragraphs` and `trim` read quote marks (`marks`). The order of
the attribution rules is `rules`; their word lists `lexicon`.
"""

from __future__ import annotations

from briefer.extract.quotes.base import Attribution
from briefer.extract.quotes.extractor import attributed, quotes
from briefer.extract.quotes.marks import Quoted, paragraphs, quoted_spans, trim

__all__ = ["Attribution", "Quoted", "attributed", "paragraphs", "quoted_spans", "quotes", "trim"]
