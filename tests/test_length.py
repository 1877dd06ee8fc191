"""The standard brief stays within its page budget whatever the number and length of its items:
an estimate of its lines, and a trim of the lowest-ranked items. Made-up sentences."""

from __future__ import annotations

import re

from briefer import length
from briefer.assemble import BUDGETS, assemble
from briefer.model import Brief, Extraction, Fact, KeyPoint, Location, Quote, Section, Source, Theme
from briefer.render import render

WORDS = ("harbour lantern quarry meadow copper ferry orchard beacon granary tannery spindle vineyard "
         "foundry causeway millpond saltmarsh kiln chandlery ropewalk boathouse cooper dairy smithy "
         "weir toll bridge barge wharf jetty dredger crane silo warehouse customs pilot tug").split()


def _sentence(seed: int, n: int = 38) -> str:
    """A long made-up sentence whose content words differ from every other seed's."""
    words = [f"{WORDS[(seed * 7 + i) % len(WORDS)]}{seed}x{i}" for i in range(n)]
    return "The council of Calder said " + " ".join(words) + " in 2031."


def _long_extraction(n_themes: int = 6, n_sources: int = 12) -> Extraction:
    themes = [Theme(id=f"t{t}", title=f"Topic {t} of the valley", description=f"Matters of district {t}.")
              for t in range(n_themes)]
    sources = [Source(id=f"s{i}", path=f"s{i}.txt", publisher=f"Valley Herald {i}", date="2031-03-14",
                      title=f"A long headline about the harbour works of district {i} and their cost overruns",
                      notes=[f"page furniture removed: {i} line(s)", "sentences missing their numbers: 2 of 9"])
               for i in range(n_sources)]
    facts, quotes = [], []
    for t in range(n_themes):
        for k in range(8):
            seed = t * 100 + k
            src = f"s{(t * 8 + k) % n_sources}"
            facts.append(Fact(id=f"f{seed}", text=_sentence(seed), sources=[Location(src, 0, 10)],
                              themes=[f"t{t}"], score=5.0 - k * 0.1))
            quotes.append(Quote(id=f"q{seed}", source=src, text=_sentence(seed + 50, 40), start=100 + k,
                                end=200 + k, speaker=f"Mayor Alder {seed}", role="mayor of Calder",
                                themes=[f"t{t}"]))
    return Extraction(sources=sources, facts=facts, quotes=quotes, themes=themes, version="t", model="m")


def test_a_long_standard_brief_is_trimmed_to_its_page_budget():
    brief = assemble(_long_extraction())
    assert length.pages(brief) <= BUDGETS["standard"].pages * (1 - length.MARGIN)
    assert brief.bottom_line and len(brief.key_points) == 6
    assert all(s.facts or s.quotes or s.figures for s in brief.sections)  # never a section's last item
    shown = {c.kind: c.shown for c in brief.counts}
    assert shown["quotes"] == sum(len(s.quotes) for s in brief.sections)  # the method note tells the trim
    assert shown["quotes"] < 2 * len(brief.sections)


def test_the_full_length_is_not_trimmed():
    from briefer.assemble import BriefOptions

    brief = assemble(_long_extraction(), BriefOptions(length="full"))
    assert length.pages(brief) > 4  # every item, as asked for


def test_a_short_set_is_left_whole():
    ex = _long_extraction(n_themes=2, n_sources=3)
    brief = assemble(ex)
    assert length.pages(brief) < 3
    assert [len(s.quotes) for s in brief.sections] == [2, 2]


def test_the_trim_keeps_the_bottom_line_and_each_sections_last_item():
    theme = Theme(id="t", title="Topic", description="")
    one = Fact(id="f", text=_sentence(1), sources=[Location("s0", 0, 5)], themes=["t"], score=1.0)
    sources = [Source(id=f"s{i}", path=f"s{i}.txt", title=_sentence(i, 30), notes=[_sentence(i + 1, 30)])
               for i in range(40)]  # an annex far over the budget on its own
    brief = Brief(title="T", bottom_line=[one], key_points=[KeyPoint(theme="t", fact=one)],
                  sections=[Section(theme=theme, facts=[one])], sources=sources)
    assert length.pages(brief) > 4
    assert length.fit(brief, 4) == 0
    assert brief.bottom_line == [one] and brief.sections[0].facts == [one]


def test_the_estimate_grows_with_every_part():
    theme = Theme(id="t", title="Topic", description="")
    fact = Fact(id="f", text=_sentence(1), sources=[Location("s0", 0, 5)], themes=["t"], score=1.0)
    base = Brief(title="T", sections=[Section(theme=theme, facts=[fact])], sources=[Source(id="s0", path="a")])
    longer_title = Brief(title="T " * 80, sections=base.sections, sources=base.sources)
    more_sources = Brief(title="T", sections=base.sections,
                         sources=[*base.sources, Source(id="s1", path="b", notes=[_sentence(2)])])
    assert length.estimate(longer_title) > length.estimate(base)
    assert length.estimate(more_sources) > length.estimate(base) + 2


def test_the_method_note_and_the_annex_are_compact():
    md = render(assemble(_long_extraction(n_themes=2, n_sources=3)), "md").decode()
    (method,) = [ln for ln in md.splitlines() if ln.startswith("This brief is extractive")]
    assert len(method) < 230
    assert re.search(r"quotes \d+ of \d+", method)
    header = next(ln for ln in md.splitlines() if ln.startswith("| # | Source"))
    assert header.count("|") == 5  # #, source, date, kind and quality notes


def test_a_figure_row_is_as_tall_as_its_source_name():
    from briefer.model import Figure

    theme = Theme(id="t", title="Harbour", description="")
    fig = Figure(id="g1", text="17.4%", about="duty", source="s", start=0, end=5, themes=["t"])
    rows = {}
    for name in ("Harbour Wire", "A long headline about the harbour works of the valley and their cost"):
        brief = Brief(title="Harbour", sources=[Source(id="s", path="s.txt", title=name)],
                      sections=[Section(theme=theme, figures=[fig])])
        rows[name] = length.estimate(brief)
    assert rows["Harbour Wire"] < rows["A long headline about the harbour works of the valley and their cost"]
