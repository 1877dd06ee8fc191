"""Rendering: Markdown escaping, footnotes (Chicago: first full, later short), formats, budgets."""

from __future__ import annotations

import json
import re

import pytest

from briefer.assemble import BriefOptions, assemble
from briefer.model import Event, Extraction, Fact, Location, Source, Theme
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
    assert "Appendix B: every extracted item" in render(assemble(seed_extraction, BriefOptions(length="full")),
                                                      "md").decode()


def test_handling_line_top_and_bottom_in_markdown(seed_md):
    lines = [ln for ln in seed_md.strip().splitlines() if ln.strip()]
    assert lines[2] == "**UNCLASSIFIED//FOR OFFICIAL USE ONLY**"
    before_notes = [ln for ln in lines if not ln.startswith("[^")]
    assert before_notes[-1] == "**UNCLASSIFIED//FOR OFFICIAL USE ONLY**"


# --- the timeline figure and the compact annex -------------------------------------------------

def _event(date: str, text: str, date_text: str = "") -> Event:
    return Event(id=date, date=date, text=text, date_text=date_text, sources=[Location("r", 0, 5)])


@pytest.mark.parametrize("event, label", [
    (_event("2024-03-12", "On March 12, 2024, the ministry signed a water agreement with the province.",
            "March 12, 2024"), "The ministry signed a water agreement…"),
    (_event("2023-07", "The Office of Coastal Fisheries Management (OCFM) closed the northern bay in July 2023.",
            "July 2023"), "The OCFM closed the northern bay."),
    (_event("2019", "ELMSTEAD (Wire) -- In 2019 the council approved the bridge (a first for the town).", "2019"),
     "The council approved the bridge."),
    (_event("2022-01-05", "But the port reopened.", ""), "The port reopened."),
    (_event("2025-06-02", "NORTH HAVEN, Westland (Wire) — Previously, the mill closed its gates on June 2.",
            "June 2"), "The mill closed its gates."),
])
def test_short_event_labels_keep_the_sentence_own_words(event, label):
    from briefer.render.timeline import short_label

    assert short_label(event) == label


@pytest.mark.parametrize("iso, text", [("2021", "2021"), ("2021-12", "Dec 2021"), ("2021-12-09", "9 Dec 2021")])
def test_short_dates(iso, text):
    from briefer.render.timeline import short_date

    assert short_date(iso) == text


def test_axis_spans_the_events_and_cuts_a_gap_that_would_take_it_over():
    import datetime as dt

    from briefer.render.timeline import BREAK_SHARE, axis_positions

    days = [dt.date(1961, 5, 1), dt.date(2024, 1, 10), dt.date(2024, 6, 1), dt.date(2025, 2, 3)]
    xs, breaks = axis_positions(days)
    assert xs[0] == 0.0 and xs[-1] == pytest.approx(1.0)
    assert len(breaks) == 1 and xs[1] - xs[0] == pytest.approx(BREAK_SHARE)
    assert xs[1] < xs[2] < xs[3]
    even = [dt.date(2024, m, 1) for m in (1, 4, 7, 10)]  # no gap worth cutting: a plain scale
    xs, breaks = axis_positions(even)
    assert breaks == [] and xs == sorted(xs) and xs[-1] == pytest.approx(1.0)
    assert axis_positions([dt.date(2024, 1, 1)] * 4)[0] == [0.5] * 4


def test_timeline_png_is_small_stable_and_needs_no_matplotlib():
    import subprocess
    import sys

    code = ("import sys; from briefer.model import Event\n"
            "from briefer.render.timeline import timeline_png\n"
            "ev = [Event(id=str(i), date=d, text='The council voted on the new budget for the river port.')\n"
            "      for i, d in enumerate(['2019', '2023-04', '2023-05-02', '2023-05-20', '2025-01-09'])]\n"
            "png = timeline_png(ev)\n"
            "sys.stdout.buffer.write(png)\n"
            "print('matplotlib' in sys.modules, file=sys.stderr)\n")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, check=True) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout and runs[0].stdout.startswith(b"\x89PNG")
    assert runs[0].stderr.strip() == b"False" and len(runs[0].stdout) < 80_000


def test_timeline_png_only_from_four_events():
    from briefer.render.timeline import timeline_png

    events = [_event(f"202{i}", "The harbour authority opened a new berth.") for i in range(3)]
    assert timeline_png(events) is None
    assert timeline_png([*events, _event("2024", "A fourth event.")]) is not None


def test_annex_sources_and_coverage_are_compact():
    anon = Source(id="a", path="in/07_page.txt", kind="scraped page", notes=["page furniture removed: 2 line(s)"])
    facts = [Fact(id="k1", text="First fact that matters here.", sources=[Location("r", 0, 5)], score=3),
             Fact(id="k2", text="Second fact from the page.", sources=[Location("a", 0, 5)], score=2)]
    md = render(_brief(facts, [REUTERS, STATE, anon]), "md").decode()
    rows = [ln for ln in md.splitlines() if ln.startswith("| S")]
    assert rows[0].startswith("| S1 | Reuters, Simon Lewis, David Brunnstrom and Maiya Keidan | 6 Nov 2025 | wire |")
    assert rows[1].startswith("| S2 | U.S. Department of State: “U.S.-Cambodia Relations” | undated | official |")
    # the kind leads the quality notes: one column fewer leaves the notes room to stay on one line
    assert rows[2] == "| S3 | 07\\_page.txt | undated | scraped page; page furniture removed: 2 line(s) |"
    (coverage,) = [ln for ln in md.splitlines() if ln.startswith("| Topic (")]
    assert coverage == "| Topic (2) | S1 1, S3 1 |"


@pytest.mark.parametrize("seed", range(5))
def test_timeline_labels_never_overlap_nor_cross_a_leader(seed):
    import random

    from briefer.render.timeline import _Label, _place

    rnd = random.Random(seed)
    labels = [_Label(x=rnd.uniform(20, 1700), date="9 Dec 2021", lines=["9 Dec 2021 The port", "reopened…"],
                     width=rnd.uniform(150, 330), date_width=120) for _ in range(12)]
    _place(labels, 1750, 15)
    shown = [lab for lab in labels if lab.row]
    assert shown and all(15 <= lab.left <= 1750 - 15 - lab.width for lab in shown)
    for a in shown:
        for b in shown:
            if a is b or (a.row > 0) != (b.row > 0):
                continue
            if a.row == b.row:
                assert a.left + a.width <= b.left or b.left + b.width <= a.left
            if abs(a.row) > abs(b.row) and a.x != b.x:
                assert not b.left < a.x < b.left + b.width  # a's leader passes b's row clear of it


def test_timeline_text_in_a_font_without_accents_is_folded():
    from briefer.render.timeline import _ascii

    assert _ascii("MALACAÑANG and Zürich’s café…") == "MALACANANG and Zurich's cafe..."


def test_a_source_named_by_its_opening_words_shows_their_relative_date_resolved():
    from briefer.render.templating import source_label

    src = Source(id="p", path="p.txt", date="2024-03-12", text="On Sunday, voters in the valley chose a mayor.")
    assert source_label(src) == "On Sunday [10 March 2024], voters in the …"


def test_an_undated_source_named_by_its_opening_words_stops_before_a_relative_date():
    from briefer.render.templating import source_label

    src = Source(id="p", path="p.txt", text="The council's vote on Monday of a new budget angered traders.")
    assert source_label(src) == "The council's vote …"


def test_a_page_flagged_as_machine_written_is_listed_without_its_headline():
    from briefer.render.templating import FILTERS

    spun = Source(id="x", path="pages/x.txt", title="Nations reveal phrases of tentatively agreed accord", quality=0.4)
    assert FILTERS["source_entry"](spun) == "x.txt"
    assert "Nations reveal" in FILTERS["source_entry"](Source(id="y", path="y.txt", title=spun.title))


def test_a_plan_whose_day_has_passed_reads_was_scheduled():
    from briefer.model import Brief
    past = Event(id="e1", date="2025-03-02", text="The envoy will visit Tarrow on March 2.",
                 sources=[Location("r", 0, 5)], scheduled=True)
    ahead = Event(id="e2", date="2025-12-01", text="The council will vote on December 1.",
                  sources=[Location("r", 6, 9)], scheduled=True)
    brief = Brief(title="Topic", as_of="2025-11-06", timeline=[past, ahead], sources=[REUTERS])
    md = render(brief, "md").decode()
    assert "| (was scheduled) The envoy will visit Tarrow" in md
    assert "| (scheduled) The council will vote" in md
