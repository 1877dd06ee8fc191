"""The brief's length, estimated from its content, and a trim that keeps it within a page budget.

The budget in assemble counts items; what fills a page is their length: a long quote, one more
source row in the annex or a wrapped table cell can add a page. `estimate` counts the lines of the
default layout (a body line holds about 95 characters; table cells wrap in their columns; the
timeline figure, headings, footnotes and the annex take their share), and `fit` drops the
lowest-ranked items until the estimate fits. Pure: no renderer is needed, so the estimate is
coarse and its budget keeps a margin (calibrated on LibreOffice's page counts: docs/BENCHMARKS.md).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from briefer.model import Brief, Fact, Section

SOURCE_CHARS = 30  # the figures table's source column
LINE_CHARS = 95  # characters of a body line (11 pt on the reference's 7-inch text width)
BULLET_CHARS = 90  # a bullet's indent takes a few
HEADING = 2.0  # a heading with the space around it
SUB_HEAD = 1.5  # "Quotes", "Figures", "Theme coverage"
PARA_GAP = 0.3  # space after a paragraph
NOTE = 0.75  # a footnote line at the notes' smaller size
NOTE_FULL = 1.6  # a source's first note gives its full citation
TITLE_CHARS, TITLE_LINE = 55, 1.6  # the title's large type: characters and body lines a line
RUNNING_CHARS, RUNNING_LINE = 115, 0.8  # the running header (title and date) atop every page
HEADER = 2.5  # the as-of and prepared lines under the title
TIMELINE_FIGURE = 7.0  # the figure above the timeline table, with its space
FIGURE_MIN_EVENTS = 4  # the figure is drawn from this many events (render/timeline.py)
TIMELINE_WORDS = 18  # the table shows this many words of an event (timeline.md.j2)
LINES_PER_PAGE = 67.0  # estimated lines to a LibreOffice page, calibrated: docs/BENCHMARKS.md
MARGIN = 0.03  # the share of the page budget kept free: the estimate is within about 3%


def _wrap(text: str, width: int) -> int:
    return max(1, math.ceil(len(text) / width))


def _para(text: str, width: int = BULLET_CHARS) -> float:
    return _wrap(text, width) + PARA_GAP


def _shown(fact: Fact) -> str:
    return (fact.display or fact.text) + (f" ({fact.dated})" if fact.dated else "")


def _section(section: Section, labels: dict[str, str] | None = None) -> float:
    """A theme's section in lines; `labels`: the sources' short names, which fill the figures'
    source column and the "Sources differ" line."""
    names = labels or {}
    lines = HEADING + (_para(section.description, LINE_CHARS) if section.description else 0.0)
    lines += sum(_para(_shown(f) + " (2 sources)") for f in section.facts)
    if section.quotes:
        lines += SUB_HEAD + sum(_para(f"{q.speaker or ''} ({q.role or ''}): “{q.display or q.text}”")
                                for q in section.quotes)
    if section.figures:  # columns of about 15 / 45 / 12 / 30 characters
        lines += SUB_HEAD + 1 + sum(max(_wrap(f.text, 15), _wrap(f.about or "-", 45),
                                        _wrap(names.get(f.source, "source name"), SOURCE_CHARS))
                                    for f in section.figures)
    lines += sum(_para("Sources differ: " + " / ".join(
        f"{c.text} ({names.get(c.location.source, 'source name')})" for c in k.claims)) for k in section.conflicts)
    if not (section.facts or section.quotes or section.figures):
        lines += 1 + PARA_GAP  # "No source in this set addresses ..."
    return lines


def _timeline(brief: Brief) -> float:
    events = brief.timeline
    lines = HEADING + (TIMELINE_FIGURE if len(events) >= FIGURE_MIN_EVENTS else 0.0)
    return lines + 1 + sum(_wrap(" ".join(e.text.split()[:TIMELINE_WORDS]), 80) for e in events)


def _annex(brief: Brief) -> float:
    """Sources (entry and quality notes wrap in their columns), coverage and the method."""
    lines = HEADING + 1
    for s in brief.sources:  # columns of about 50 and 34 characters; the kind leads the notes
        entry = " ".join(filter(None, [s.publisher, s.title, ", ".join(s.authors), s.url])) or s.path
        lines += max(_wrap(entry, 50), _wrap("; ".join(filter(None, [s.kind, *s.notes])), 34))
    lines += SUB_HEAD + 1
    for sec in brief.sections:
        used = sum(1 for n in brief.coverage.get(sec.theme.id, {}).values() if n)
        lines += max(_wrap(sec.theme.title + " (00)", 60), _wrap("S0 00, " * used, 45))
    return lines + HEADING + 2


def _notes(brief: Brief) -> float:
    cited = len(brief.bottom_line) + len(brief.key_points) + len(brief.timeline)
    cited += sum(len(s.facts) + len(s.quotes) + len(s.figures) for s in brief.sections)
    return NOTE * cited + (NOTE_FULL - NOTE) * len(brief.sources)


def estimate(brief: Brief) -> float:
    """The brief's length in body lines (LINES_PER_PAGE to a page)."""
    lines = _header(brief) + HEADING * 2
    lines += sum(_para(_shown(f)) for f in brief.bottom_line)
    lines += sum(_para(_shown(kp.fact) + " (2 sources)") for kp in brief.key_points)
    lines += sum(_section(s, _labels(brief)) for s in brief.sections) + _timeline(brief) + _annex(brief)
    return lines + _notes(brief)


def _labels(brief: Brief) -> dict[str, str]:
    return {s.id: s.label for s in brief.sources}


def _header(brief: Brief, pages: int = 4) -> float:
    """The title, the lines under it, and the running header of every page (a long title takes
    two lines of it)."""
    running = _wrap(f"{brief.title} — information as of September 30, 2025", RUNNING_CHARS) * RUNNING_LINE
    return _wrap(brief.title, TITLE_CHARS) * TITLE_LINE + HEADER + running * pages


def pages(brief: Brief) -> float:
    """The estimated length in pages."""
    return estimate(brief) / LINES_PER_PAGE


def fit(brief: Brief, max_pages: int) -> int:
    """Drop the lowest-ranked items until the estimate fits `max_pages` with its margin: a
    section's last quote, then its last figure row, then its lowest-scored fact, from the longest
    section first; never the bottom line, the key points, nor a section's last item. Returns how
    many items were dropped (the sections' counts say how many are shown)."""
    room = max_pages * LINES_PER_PAGE * (1 - MARGIN)
    dropped = 0
    while estimate(brief) > room:
        if not _drop_one(brief.sections, _labels(brief)):
            break
        dropped += 1
    return dropped


def _drop_one(sections: Iterable[Section], labels: dict[str, str]) -> bool:
    """Drop one item from the longest section that has more than one; False when none has."""
    for kind in ("quotes", "figures", "facts"):
        spare = [s for s in sections if _items(s) > 1 and len(getattr(s, kind)) > 0]
        if kind != "facts":
            spare = [s for s in spare if len(getattr(s, kind)) > 1]
        if spare:
            section = max(spare, key=lambda s: _section(s, labels))
            _drop(section, kind)
            return True
    return False


def _items(section: Section) -> int:
    return len(section.facts) + len(section.quotes) + len(section.figures)


def _drop(section: Section, kind: str) -> None:
    items = getattr(section, kind)
    if kind == "quotes":  # shown in source order: the longest says least per line
        items.remove(max(items, key=lambda q: len(q.text)))
    elif kind == "figures":  # shown in source order; the rank order put money and shares first
        fig = items.pop()
        section.figure_sources.pop(fig.id, None)
    else:
        items.remove(min(items, key=lambda f: f.score))
    for count in section.counts:
        if count.kind == kind:
            count.shown -= 1
