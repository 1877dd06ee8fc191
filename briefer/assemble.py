"""Assembly: rank, select within the length budget, group by theme -> Brief. Pure: Extraction in,
Brief out; nothing is dropped silently (every section and the method note count found vs shown)."""

from __future__ import annotations

from dataclasses import dataclass

from briefer import gate
from briefer.errors import UsageError
from briefer.model import Brief, Count, Extraction, Fact, Figure, KeyPoint, Quote, Section, Theme


@dataclass(frozen=True)
class Budget:
    """How many items of each kind the brief shows."""

    key_points: int
    facts: int
    quotes: int
    figures: int
    events: int


BUDGETS = {
    "short": Budget(key_points=4, facts=3, quotes=2, figures=4, events=6),
    "standard": Budget(key_points=6, facts=5, quotes=3, figures=8, events=12),
    "full": Budget(key_points=6, facts=10_000, quotes=10_000, figures=10_000, events=10_000),
}


@dataclass
class BriefOptions:
    """What the user chose about the brief itself."""

    title: str | None = None
    handling: str | None = None
    prepared_by: str | None = None
    length: str = "standard"


def assemble(ex: Extraction, options: BriefOptions | None = None) -> Brief:
    """Build the Brief from an Extraction."""
    opts = options or BriefOptions()
    if opts.length not in BUDGETS:
        raise UsageError(f"--length must be one of {', '.join(BUDGETS)}, not {opts.length!r}")
    budget = BUDGETS[opts.length]
    ex = gate.shown(ex)
    sections = [_section(ex, theme, budget) for theme in ex.themes]
    key_points = _key_points(sections, budget)
    for kp, section in zip(key_points, (s for s in sections if s.facts), strict=False):
        if len(section.facts) > 1:  # said once, in the key points, unless it is all there is
            section.facts = [f for f in section.facts if f is not kp.fact]
    brief = Brief(
        title=opts.title or ex.title or _default_title(ex),
        as_of=max((s.date for s in ex.sources if s.date), default=None),
        handling=opts.handling, prepared_by=opts.prepared_by, length=opts.length,
        key_points=key_points,
        sections=sections,
        timeline=sorted(ex.events, key=lambda e: e.date)[: budget.events],
        sources=ex.sources, skipped=ex.skipped,
        coverage=coverage(ex), counts=_counts(ex, sections, budget),
        appendix=ex if opts.length == "full" else None,
        model=ex.model, version=ex.version,
    )
    return brief


def _default_title(ex: Extraction) -> str:
    if len(ex.themes) == 1:
        return "Brief"
    return "Brief: " + ", ".join(t.title for t in ex.themes)


def _primary(item_themes: list[str], theme: Theme) -> bool:
    return bool(item_themes) and item_themes[0] == theme.id


def _section(ex: Extraction, theme: Theme, budget: Budget) -> Section:
    facts = [f for f in ex.facts if _primary(f.themes, theme) and _trusted(ex, f)]
    if facts:  # weak facts only pad a section: keep those within reach of the theme's best
        best = max(f.score for f in facts)
        facts = [f for f in facts if f.score >= WEAK_FACT * best]
    quotes = [q for q in ex.quotes if _primary(q.themes, theme) and q.kind == "direct"]
    paraphrases = [q for q in ex.quotes if _primary(q.themes, theme) and q.kind != "direct"]
    figures = [f for f in ex.figures if _primary(f.themes, theme) and not _garbled(ex, f)
               and ex.source(f.source).quality >= LOW_QUALITY and not _minor(f)]
    conflicts = [c for c in ex.conflicts if theme.id in c.themes]
    shown_facts = facts[: budget.facts + 1]  # the best becomes the theme's key point
    shown_quotes = sorted(quotes, key=_quote_rank)[: budget.quotes]
    shown_quotes.sort(key=lambda q: (q.source, q.start))
    shown_figures = sorted(sorted(figures, key=_figure_rank)[: budget.figures],
                           key=lambda f: (f.source, f.start))
    return Section(theme=theme, facts=shown_facts, quotes=shown_quotes,
                   paraphrases=paraphrases[: budget.quotes], figures=shown_figures,
                   conflicts=conflicts, counts=[
                       Count("facts", len(facts), len(shown_facts)),
                       Count("quotes", len(quotes), len(shown_quotes)),
                       Count("figures", len(figures), len(shown_figures)),
                   ])


LOW_QUALITY = 0.5
WEAK_FACT = 0.5


def _trusted(ex: Extraction, fact: Fact) -> bool:
    """A fact is shown when at least one source that reports it is of good quality."""
    return any(ex.source(loc.source).quality >= LOW_QUALITY for loc in fact.sources)


def _quote_rank(q: Quote) -> tuple[int, int, int]:
    """Named speakers first, then quotes of a readable length."""
    words = len(q.text.split())
    return (q.speaker is None, 0 if 6 <= words <= 45 else 1, -min(words, 30))


TIME_UNITS = {"year", "years", "month", "months", "week", "weeks", "day", "days", "decade", "decades",
              "hour", "hours", "-year", "century", "centuries", "years of age", "months of age"}


def _minor(fig: Figure) -> bool:
    """Durations ("over the last 30 years") and vague amounts ("millions") are not table figures."""
    return (fig.unit or "").lower() in TIME_UNITS or not any(c.isdigit() for c in fig.text) and \
        fig.text.rstrip().lower().endswith(("s", "dozens"))


def _figure_rank(fig: Figure) -> tuple[int, int]:
    """Money first, then shares, then counts of something named; earlier in the source first."""
    unit = fig.unit or ""
    kind = 0 if unit in {"USD", "EUR", "GBP", "JPY", "CNY"} or unit.isupper() and len(unit) == 3 else \
        1 if unit == "percent" else 2 if unit else 3
    return kind, fig.start


def _garbled(ex: Extraction, fig: Figure) -> bool:
    src = ex.source(fig.source)
    return any(m.start <= fig.start < m.end for m in src.garbled)


def _key_points(sections: list[Section], budget: Budget) -> list[KeyPoint]:
    points = []
    for section in sections:
        if section.facts:
            best: Fact = max(section.facts, key=lambda f: (f.score, -len(f.text)))
            points.append(KeyPoint(theme=section.theme.id, fact=best))
    return points[: budget.key_points]


def coverage(ex: Extraction) -> dict[str, dict[str, int]]:
    """Theme x source: how many extracted items each source gives each theme."""
    table = {t.id: {s.id: 0 for s in ex.sources} for t in ex.themes}
    for item in [*ex.quotes, *ex.figures]:
        for theme in item.themes:
            if theme in table:
                table[theme][item.source] += 1
    for fact in [*ex.facts, *ex.events]:
        for theme in fact.themes:
            for loc in fact.sources:
                if theme in table:
                    table[theme][loc.source] += 1
    return table


def _counts(ex: Extraction, sections: list[Section], budget: Budget) -> list[Count]:
    def shown(kind: str) -> int:
        return sum(c.shown for s in sections for c in s.counts if c.kind == kind)

    return [
        Count("facts", len(ex.facts), shown("facts")),
        Count("quotes", sum(q.kind == "direct" for q in ex.quotes), shown("quotes")),
        Count("figures", len(ex.figures), shown("figures")),
        Count("events", len(ex.events), min(len(ex.events), budget.events)),
    ]
