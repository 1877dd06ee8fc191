"""Rendering: Markdown escaping, footnotes (Chicago: first full, later short), formats, budgets."""

from __future__ import annotations

import json
import re

import pytest

from briefer.assemble import BriefOptions, assemble
from briefer.model import Extraction, Fact, Location, Source, Theme
from briefer.render import format_for, render
from briefer.render.citation import full_note, human_date, short_note
from briefer.render.templating import md_escape

REUTERS = Source(id="r", path="r.txt", publisher="Reuters", date="2025-11-06",
                 authors=["Simon Lewis", "David Brunnstrom", "Maiya Keidan"], kind="wire")
STATE = Source(id="s", path="s.txt", publisher="U.S. Department of State", title="U.S.-Cambodia Relations",
               kind="official", medium="fact sheet")


@pytest.mark.parametrize("src, full, short", [
    (REUTERS, "Simon Lewis, David Brunnstrom, and Maiya Keidan, Reuters, November 6, 2025.",
     "Lewis, Brunnstrom, and Keidan, Reuters."),
    (STATE, 'U.S. Department of State, "U.S.-Cambodia Relations," fact sheet.',
     'U.S. Department of State, "U.S.-Cambodia Relations."'),
    (Source(id="k", path="k.txt", publisher="KPT English", authors=["Minea Son"]),
     "Minea Son, KPT English.", "Son, KPT English."),
    (Source(id="u", path="u.txt", title="A Headline With Many Words In It", date="2026-02-05",
            url="https://example.org/a"),
     '"A Headline With Many Words In It," February 5, 2026, <https://example.org/a>.',
     '"A Headline With Many."'),
])
def test_chicago_notes(src, full, short):
    assert full_note(src) == full
    assert short_note(src) == short


@pytest.mark.parametrize("iso, text", [("2025-11-06", "November 6, 2025"), ("2021-12", "December 2021"),
                                       ("2021", "2021")])
def test_human_dates(iso, text):
    assert human_date(iso) == text


@pytest.mark.parametrize("hostile", [
    "A *starred* claim with | pipes | and # hashes and [^1] and [link](http://x.org) and <b>tags</b>.",
    "1. Not a list item but a sentence that starts with a number.",
    "{{ 7 * 7 }} and {% if true %}jinja{% endif %} stay literal & so does &amp;.",
])
def test_source_text_stays_literal_in_markdown_and_html(hostile):
    from briefer.render.html import parser

    tokens = parser().parse("- " + md_escape(hostile) + "\n")
    assert [t.type for t in tokens if t.type.endswith("_open")] == ["bullet_list_open", "list_item_open",
                                                                  "paragraph_open"]
    inline = [t for t in tokens if t.type == "inline"]
    assert "".join(c.content for c in inline[0].children if c.type == "text") == hostile


def _brief(facts: list[Fact], sources: list[Source], **opts) -> object:
    theme = Theme(id="t", title="Topic", description="What it is about.", terms=["x"])
    for f in facts:
        f.themes = ["t"]
    ex = Extraction(sources=sources, facts=facts, themes=[theme], version="test", model="m")
    return assemble(ex, BriefOptions(**opts))


def test_first_citation_full_later_short_and_merged_sources():
    facts = [Fact(id="k1", text="First fact that matters.", sources=[Location("r", 0, 5), Location("s", 0, 5)],
                  score=3),
             Fact(id="k2", text="Second fact here.", sources=[Location("r", 6, 9)], score=2)]
    md = render(_brief(facts, [REUTERS, STATE]), "md").decode()
    notes = re.findall(r"^\[\^(\d+)\]: (.*)$", md, re.M)
    assert notes[0][1] == ("Simon Lewis, David Brunnstrom, and Maiya Keidan, Reuters, November 6, 2025; "
                           'U.S. Department of State, "U.S.-Cambodia Relations," fact sheet.')
    assert notes[1][1] == "Lewis, Brunnstrom, and Keidan, Reuters."
    assert "(2 sources)" in md


def test_md_and_html_carry_the_same_footnotes(seed_brief):
    md = render(seed_brief, "md").decode()
    html = render(seed_brief, "html").decode()
    n_md = len(re.findall(r"^\[\^\d+\]: ", md, re.M))
    assert n_md > 10
    assert html.count('class="footnote-item"') == n_md
    assert html.startswith("<!DOCTYPE html>") and "data:image/png;base64," in html


def test_json_format_is_the_brief(seed_brief):
    data = json.loads(render(seed_brief, "json"))
    assert data["title"] == seed_brief.title and len(data["sections"]) == 4


@pytest.mark.parametrize("path, fmt, expected", [
    ("out/b.docx", None, "docx"), ("b.md", None, "md"), ("b.html", None, "html"), ("b.json", None, "json"),
    ("-", None, "docx"), ("b.docx", "md", "md"), ("b.weird", None, "docx"),
])
def test_format_follows_the_suffix(path, fmt, expected):
    assert format_for(path, fmt) == expected


def test_length_budgets_grow_and_nothing_is_dropped_silently(seed_extraction):
    sizes = {}
    for length in ("short", "standard", "full"):
        brief = assemble(seed_extraction, BriefOptions(length=length))
        sizes[length] = len(render(brief, "md"))
        md = render(brief, "md").decode()
        for c in brief.counts:
            assert f"{c.kind} {c.shown} of {c.found}" in md
    assert sizes["short"] < sizes["standard"] < sizes["full"]
    assert "Appendix: every extracted item" in render(assemble(seed_extraction, BriefOptions(length="full")),
                                                      "md").decode()


def test_handling_line_top_and_bottom_in_markdown(seed_md):
    lines = [ln for ln in seed_md.strip().splitlines() if ln.strip()]
    assert lines[2] == "**UNCLASSIFIED//FOR OFFICIAL USE ONLY**"
    before_notes = [ln for ln in lines if not ln.startswith("[^")]
    assert before_notes[-1] == "**UNCLASSIFIED//FOR OFFICIAL USE ONLY**"
