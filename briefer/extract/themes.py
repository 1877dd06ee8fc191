"""Which sentences are about which theme: a PhraseMatcher over the themes' terms (case-insensitive)
and a Matcher over their patterns. Pure: built once per model, applied to each Doc."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from briefer.errors import UsageError
from briefer.extract.spans import doc_sents, sent_at
from briefer.model import Theme

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


class ThemeMatcher:
    """Find theme terms and patterns in a Doc and report the themes of each sentence."""

    def __init__(self, nlp: Language, themes: list[Theme]):
        from spacy.matcher import Matcher, PhraseMatcher

        self.themes = themes
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.patterns = Matcher(nlp.vocab)
        for theme in themes:
            if theme.terms:
                self.phrases.add(theme.id, list(nlp.tokenizer.pipe(theme.terms)))
            if theme.patterns:
                try:
                    self.patterns.add(theme.id, theme.patterns)
                except (ValueError, KeyError, re.error) as exc:
                    raise UsageError(f"theme {theme.id!r}: bad Matcher pattern: {exc}") from None

    def sentence_hits(self, doc: Doc) -> dict[int, dict[str, int]]:
        """Map each sentence's start offset to {theme id: number of matches}."""
        hits: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        vocab = doc.vocab
        matches = list(self.phrases(doc))
        if len(self.patterns):
            # sentence by sentence: a match never spans sentences, so a `{OP="*"}` between two
            # tokens stays as short as a sentence instead of reaching across the whole document
            matches += [(key, sent.start + start, sent.start + end) for sent in doc_sents(doc)
                        for key, start, end in self.patterns(sent)]
        for match_id, start, _end in matches:
            sent = sent_at(doc, start)
            hits[sent.start_char][vocab.strings[match_id]] += 1
        return {k: dict(v) for k, v in hits.items()}


def themes_at(hits: dict[int, dict[str, int]], sent_start: int) -> list[str]:
    """Theme ids of the sentence starting at `sent_start`, most matched first."""
    found = hits.get(sent_start, {})
    return sorted(found, key=lambda t: -found[t])
