"""The analysis stage: long texts are parsed in pieces and joined back without moving an offset."""

from __future__ import annotations

import pytest

from briefer import nlp as nlp_module
from briefer.nlp import chunks, pipe_texts
from tests.conftest import SEEDS


@pytest.mark.parametrize("text, size", [
    ("line one\nline two\nline three\n" * 50, 100),
    ("word " * 500, 64),
    ("x" * 1000, 128),  # no line break, no space: cut anywhere
    ("short", 100),
    ("", 10),
])
def test_chunks_join_back_and_respect_the_size(text, size):
    pieces = chunks(text, size)
    assert "".join(pieces) == text
    assert all(len(p) <= size for p in pieces)


def test_long_text_parses_in_pieces_with_the_same_offsets(nlp, monkeypatch):
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 1500)
    text = (SEEDS / "001_bd6c9f1f826dc9e4.txt").read_text(encoding="utf-8") * 3
    short = "A second, short source about rice harvests in Laos."
    joined, alone = pipe_texts(nlp, [text, short])
    assert joined.text == text and alone.text == short
    assert len(list(chunks(text, 1500))) > 3
    people = [e for e in joined.ents if e.label_ == "PERSON"]
    assert people and all(text[e.start_char:e.end_char] == e.text for e in people)


def test_source_over_the_parser_limit_builds(tmp_path, monkeypatch):
    """spaCy refuses texts over nlp.max_length; briefer parses them in pieces instead."""
    from briefer.pipeline import extract

    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 2000)
    story = (SEEDS / "000_a58ed65560d02780.txt").read_text(encoding="utf-8")
    (tmp_path / "long.txt").write_text(story * 4, encoding="utf-8")
    ex = extract([tmp_path])
    src = ex.sources[0]
    assert ex.quotes and all(src.text[q.start:q.end] == q.text for q in ex.quotes)


@pytest.mark.parametrize(("text", "sentences"), [
    ("Sales rose 12 percent from 2019.The mills employ 4,000 workers.",
     ["Sales rose 12 percent from 2019.", "The mills employ 4,000 workers."]),
    ("Turnout was 61%.Observers called the vote calm.",
     ["Turnout was 61%.", "Observers called the vote calm."]),
    ("The levy is 2.5 percent. Version 3.0 ships in May.",
     ["The levy is 2.5 percent.", "Version 3.0 ships in May."]),
])
def test_a_full_stop_glued_to_the_next_sentence_after_a_number_ends_it(nlp, text, sentences):
    assert [s.text for s in nlp(text).sents] == sentences


WRAPPED = ("The transit rights of Ruritania, Borduria and the Republic of Castello\n"
           "end today, 3 March 2026. However, in the spirit of good neighbourly\n"
           "relations all ports are asked to:\n\n"
           "Harbour Notice\n"
           "Lorvik Port Authority\n")


def test_a_hard_wrapped_paragraph_is_read_as_sentences_not_lines(nlp):
    sents = [s.text.strip() for s in nlp(WRAPPED).sents]
    assert "The transit rights of Ruritania, Borduria and the Republic of Castello\nend today, 3 March 2026." in sents
    assert "However, in the spirit of good neighbourly\nrelations all ports are asked to:" in sents
    assert "Harbour Notice" in sents and "Lorvik Port Authority" in sents  # short lines stay apart


@pytest.mark.parametrize("lines", [
    "Ruritania and Borduria sign the transit accord in Castello today\nOfficials expect trade to double",
    "Ruritania and Borduria signed the transit accord in Castello.\nofficials expect trade to double",
    "Agenda of the Lorvik port talks\nthe port levy and the new quay",
])
def test_a_line_break_after_a_whole_line_still_ends_the_sentence(nlp, lines):
    first, second = lines.split("\n")
    assert [s.text.strip() for s in nlp(lines).sents] == [first, second]
