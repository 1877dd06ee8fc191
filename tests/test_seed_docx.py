"""The seed brief as a .docx, read back by independent readers (issue 2's "done means")."""

from __future__ import annotations

import re

import pytest

from tests.conftest import to_pdf_text
from tests.ooxml_check import docx_problems


def test_validators_report_no_errors(seed_docx):
    assert docx_problems(seed_docx) == []


def test_ooxml_integrity_cli(seed_docx):
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "ooxml_integrity", "check", str(seed_docx)],
                         capture_output=True, text=True)
    if out.returncode == 2 and "No module named" in out.stderr:
        pytest.fail(out.stderr)
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.fixture(scope="module")
def notes(seed_docx):
    from docx2python import docx2python

    with docx2python(str(seed_docx)) as doc:
        runs = doc.footnotes_runs  # [table][row][cell][paragraph][run]
        paragraphs = ["".join(par) for table in runs for row in table for cell in row for par in cell]
    return [p.strip() for p in paragraphs if p.strip().startswith("footnote")]


def _n_citations(md: str) -> int:
    return len(re.findall(r"^\[\^\d+\]: ", md, re.M))


def test_docx2python_reads_one_footnote_per_citation(seed_docx, seed_md, notes):
    assert len(notes) == _n_citations(seed_md)


def test_each_footnote_names_a_source_in_the_sources_list(seed_brief, notes):
    labels = [s.publisher or s.title for s in seed_brief.sources]
    surnames = [a.split()[-1] for s in seed_brief.sources for a in s.authors]
    for note in notes:
        assert any(label and label[:20] in note for label in labels) or any(n in note for n in surnames), note


def test_pandoc_reads_the_same_footnotes(seed_docx, seed_md):
    import pypandoc

    md = pypandoc.convert_file(str(seed_docx), "markdown")
    assert len(re.findall(r"^\[\^\d+\]:", md, re.M)) == _n_citations(seed_md)


def test_libreoffice_puts_footnotes_at_the_foot_of_pages(seed_docx, tmp_path):
    pages = to_pdf_text(seed_docx, tmp_path)
    assert 2 <= len([p for p in pages if p.strip()]) <= 8
    first = pages[0]
    assert "UNCLASSIFIED//FOR OFFICIAL USE ONLY" in first and "Page 1 of" in first
    body, _, foot = first.partition("Simon Lewis, David Brunnstrom, and Maiya Keidan, Reuters, November 6, 2025")
    assert foot, "the first Reuters note is on page 1, below the text"
    assert "Key points" in body
