"""Hypothesis properties (known-bad characters mixed into the alphabets): any bytes as a source
never crash extraction; any text round-trips into a valid .docx whose quotes are verbatim
substrings of the source; Markdown-looking source text stays literal.

The suite runs a sample of each property (a few hundred examples, under 30 s together); the long
run, 2,000 examples each, is the `fuzz` profile (registered in conftest.py):

    pytest tests/test_fuzz.py --hypothesis-profile=fuzz
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefer.errors import BrieferError
from briefer.model import Source

LONG_RUN = 2000  # examples per property under --hypothesis-profile=fuzz


def fuzz(examples: int) -> settings:
    """Hypothesis settings: `examples` in the suite, LONG_RUN under the fuzz profile."""
    long_run = settings.get_current_profile_name() == "fuzz"
    return settings(max_examples=LONG_RUN if long_run else examples, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


BAD_CHARS = ["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\ud800", "\udfff", "\ufffe",
             "\uffff", "\ufeff", "\u2028", "\u2029", "\u200b", "\u202e", "\r", "\r\n", "\t", "\U0001f600"]
MARKUP = ["*", "**", "_", "`", "```", "#", "# ", "> ", "- ", "1. ", "[", "](", ")", "<", ">", "<script>",
          "</b>", "&amp;", "&#0;", "|", "---", "\\", "[^1]", "{{", "}}", "{%", "%}", "{#", "!", "~~", "<!--"]
WORDS = ["said", "the", "minister", "Ana Reyes", "Phnom Penh", "$377 million", "12%", "on Thursday",
         "Nov. 6, 2025", "according to", "“", "”", '"', "'", ".", ",", " ", "\n", "\n\n"]
BAD_BYTES = [b"\x00", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\xed\xa0\x80", b"\xef\xbf\xbe", b"\xc3",
             b"\x80", b"\x93", b"\r\n", b"PK\x03\x04", b"<?xml", b"<!DOCTYPE", b"\x1b["]

pieces = st.one_of(st.sampled_from(BAD_CHARS), st.sampled_from(MARKUP), st.sampled_from(WORDS),
                   st.text(max_size=8))
texts = st.lists(pieces, max_size=60).map("".join)
raw = st.one_of(
    st.binary(max_size=600),
    st.lists(st.one_of(st.sampled_from(BAD_BYTES), st.binary(max_size=12),
                       texts.map(lambda t: t.encode("utf-8", "surrogatepass"))), max_size=30).map(b"".join),
    texts.map(lambda t: t.encode("utf-16", "surrogatepass")),
    texts.map(lambda t: t.encode("cp1252", "replace")),
)
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def test_any_bytes_as_a_source_never_crash(folder: Path, nlp) -> None:
    from briefer.pipeline import extract

    path = folder / "source.txt"

    @fuzz(200)
    @given(raw)
    def check(data: bytes) -> None:
        path.write_bytes(data)
        try:
            ex = extract([path])
        except BrieferError:
            return
        [src] = ex.sources
        assert not XML_ILLEGAL.search(src.text)
        for q in ex.quotes:
            assert src.text[q.start:q.end] == q.text

    check()


def docx_text(data: bytes) -> str:
    """The text of every w:t in document.xml, paragraphs joined by newlines; checks the zip."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(z.read(name))  # every part well-formed
        root = etree.fromstring(z.read("word/document.xml"))
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p"))


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_any_text_round_trips_into_a_valid_docx_with_verbatim_quotes(nlp) -> None:
    from briefer.extract.quotes import quotes
    from briefer.ingest.text import clean_text
    from briefer.nlp import analysis_text
    from briefer.render.docx import markdown_to_docx
    from briefer.render.templating import md_escape

    # several texts share one document: building the .docx costs more than all else together,
    # and each text is still checked on its own (its quotes verbatim, every paragraph present)
    @fuzz(50)
    @given(st.lists(st.tuples(texts, texts), min_size=1, max_size=5))
    def check(pairs: list[tuple[str, str]]) -> None:
        sources = [Source(id="s", path="s.txt", text=clean_text(
            f"{rest}\n“{said},” said Finance Minister Aun Pornmoniroth on Thursday.\n")[0]) for said, rest in pairs]
        paragraphs = []
        for src, doc in zip(sources, nlp.pipe(analysis_text(s) for s in sources), strict=True):
            found = list(quotes(doc, src))
            for q in found:
                assert src.text[q.start:q.end] == q.text
            paragraphs += [src.text, *(q.text for q in found)]
        md = "\n\n".join(f"“{md_escape(p)}”" for p in paragraphs if p.strip())
        out = collapse(docx_text(markdown_to_docx(md)))
        for p in paragraphs:
            if p.strip():
                assert collapse(p) in out

    check()


def test_markdown_looking_text_stays_literal() -> None:
    from markdown_it import MarkdownIt

    from briefer.ingest.text import clean_text
    from briefer.render.templating import md_escape

    parser = MarkdownIt("commonmark").enable("table")

    @fuzz(500)
    @given(texts)
    def check(text: str) -> None:
        text, _ = clean_text(text)
        tokens = parser.parse(md_escape(text))
        kinds = [t.type for t in tokens]
        if not collapse(text):
            return
        assert kinds == ["paragraph_open", "inline", "paragraph_close"], kinds
        children = tokens[1].children or []
        assert {c.type for c in children} <= {"text", "softbreak"}, [c.type for c in children]
        assert "".join(c.content for c in children) == collapse(text).replace("\x00", "\ufffd")

    check()
