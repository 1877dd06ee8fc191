"""Assembly: rank, select within the length budget, group by theme -> Brief. Pure: Extraction in,
Brief out; nothing is dropped silently (every section and the method note count found vs shown).

The brief says each thing once: a bottom line (the most newsworthy statements across themes),
then one key point per theme, then each theme's section with what the first two did not say.
Every statement is checked against what is already shown (facts, quotes, figures alike), and the
statements shown carry their display form: relative dates resolved, old ones dated (timing.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from briefer import gate, length, timing
from briefer.corroborate import signature as _signature
from briefer.errors import UsageError
from briefer.model import (
    Brief,
    Count,
    Event,
    Extraction,
    Fact,
    Figure,
    KeyPoint,
    Location,
    Quote,
    Section,
    Theme,
)


@dataclass(frozen=True)
class Budget:
    """How many items of each kind the brief shows (facts, quotes, figures: per theme)."""

    bottom_line: int
    key_points: int
    facts: int
    quotes: int
    figures: int
    events: int
    fact_words: int = 10**9  # a section's facts together, in words: short facts leave room for more
    pages: int | None = None  # the whole brief's estimated length, annex included (length.py)


BUDGETS = {
    "short": Budget(bottom_line=3, key_points=4, facts=2, quotes=1, figures=2, events=4, fact_words=60),
    "standard": Budget(bottom_line=4, key_points=6, facts=4, quotes=2, figures=3, events=5, fact_words=150,
                       pages=4),
    "full": Budget(bottom_line=5, key_points=6, facts=10_000, quotes=10_000, figures=10_000, events=10_000),
}
EXTRA_FACTS = 2  # a section with short facts may show this many more than `facts` within its words


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
    ex = gate.shown(ex)  # a junk source speaks only where a good one confirms it
    clock = timing.Clock(ex)
    pools = {theme.id: _pool(ex, theme, clock) for theme in ex.themes}
    shown = Shown([theme.title for theme in ex.themes])
    bottom = _bottom_line(pools, budget, shown, clock)
    key_points = _key_points(ex.themes, pools, budget, shown, clock)
    above = [f.themes[0] for f in bottom] + [kp.theme for kp in key_points]
    sections = [_section(ex, theme, pools[theme.id], budget, shown, clock, above.count(theme.id))
                for theme in ex.themes]
    # figures last: a figure any shown statement gives is not repeated
    rows = [_figure_rows(pools[s.theme.id].figures, shown) for s in sections]
    for section, theirs, n in zip(sections, rows, _share(rows, budget.figures), strict=True):
        _show_figures(section, theirs, n, len(pools[section.theme.id].figures))
    brief = Brief(
        title=opts.title or ex.title or _default_title(ex),
        as_of=clock.as_of,
        handling=opts.handling, prepared_by=opts.prepared_by, length=opts.length,
        bottom_line=bottom, key_points=key_points, sections=sections,
        timeline=_timeline(ex.events, budget, clock, shown),
        sources=ex.sources, skipped=ex.skipped,
        coverage=coverage(ex),
        appendix=ex if opts.length == "full" else None,
        model=ex.model, version=ex.version,
    )
    if budget.pages:  # items count for the budget; their length decides the pages
        length.fit(brief, budget.pages)
    brief.counts = _counts(ex, sections, budget)
    return brief


def _default_title(ex: Extraction) -> str:
    if len(ex.themes) == 1:
        return "Brief"
    return "Brief: " + ", ".join(t.title for t in ex.themes)


@lru_cache(maxsize=65536)
def signature(text: str) -> frozenset[str]:
    """A statement's content words (memoised: every pick compares every candidate)."""
    return _signature(text)


# --- what is shown, said once ------------------------------------------------------------------


class Shown:
    """Everything the brief already shows: statement word sets, source spans, and how many
    statements each source has given."""

    def __init__(self, headings: list[str] | None = None) -> None:
        # a long heading is a statement of its own: a statement in its words says it again
        self.headings = [sig for sig in map(signature, headings or []) if len(sig) >= LONG_HEADING]
        self.sigs: list[frozenset[str]] = []
        self.index: dict[str, list[int]] = {}  # word -> the shown statements that have it
        self.spans: list[Location] = []
        self.per_source: dict[str, int] = {}

    def repeats(self, text: str) -> bool:
        """True when `text` mostly says what something shown already says (shown statements found
        through their words, so a full-length brief does not compare every pair)."""
        sig = signature(text)
        common: dict[int, int] = {}
        for word in sig:
            for i in self.index.get(word, ()):
                common[i] = common.get(i, 0) + 1
        least = min(3, len(sig))
        return any(_overlaps(sig, self.sigs[i], n) for i, n in common.items() if n >= least)

    def add(self, text: str, spans: list[Location]) -> None:
        sig = signature(text)
        for word in sig:
            self.index.setdefault(word, []).append(len(self.sigs))
        self.sigs.append(sig)
        self.spans.extend(spans)
        for source in {loc.source for loc in spans}:
            self.per_source[source] = self.per_source.get(source, 0) + 1

    def covers(self, source: str, start: int, end: int) -> bool:
        """True when a shown statement contains this span of a source."""
        return any(s.source == source and s.start <= start and end <= s.end for s in self.spans)

    def restates_heading(self, text: str) -> bool:
        """True when a statement holds most of the words of a long section heading."""
        sig = signature(text)
        return any(len(sig & h) >= REPEAT_HEADING * len(h) for h in self.headings)

    def known(self, text: str) -> float:
        """The largest share of a statement's content words that one shown statement already
        holds (0: all new). One statement, not the whole brief: a theme's own names recur in every
        bullet, and a fact is only redundant when another bullet says most of what it says."""
        sig = signature(text)
        if not sig:
            return 1.0
        common: dict[int, int] = {}
        for word in sig:
            for i in self.index.get(word, ()):
                common[i] = common.get(i, 0) + 1
        return max(common.values(), default=0) / len(sig)

    def used(self, sources: list[Location]) -> int:
        """How many shown statements come from the least used of these sources."""
        return min(self.per_source.get(loc.source, 0) for loc in sources)


def _overlaps(a: frozenset[str], b: frozenset[str], common: int) -> bool:
    return bool(a and b) and common >= min(3, len(a), len(b)) and common >= REPEAT * min(len(a), len(b))


REPEAT = 0.7  # share of the shorter statement's content words that makes it a repetition


# --- each theme's candidates -------------------------------------------------------------------


@dataclass
class Pool:
    """A theme's candidates, best first, and how many were found."""

    facts: list[Fact]
    quotes: list[Quote]
    paraphrases: list[Quote]
    figures: list[Figure]


LOW_QUALITY = 0.5
WEAK_FACT = 0.35


def _pool(ex: Extraction, theme: Theme, clock: timing.Clock) -> Pool:
    # a statement whose relative date ("on Tuesday") its source cannot resolve is never shown: the
    # reader could not tell when it was said (an undated page)
    facts = [f for f in ex.facts if _primary(f.themes, theme) and _trusted(ex, f)
             and not clock.unresolved(f.text, clock.dated_source(f.sources))]
    if facts:  # weak facts only pad a section: keep those within reach of the theme's best
        best = max(f.score for f in facts)
        facts = [f for f in facts if f.score >= WEAK_FACT * best]
    facts.sort(key=lambda f: -f.score)
    quotes = [q for q in ex.quotes if _primary(q.themes, theme) and (q.kind == "direct" or _named(q))]
    paraphrases = [q for q in ex.quotes if _primary(q.themes, theme) and q.kind != "direct"]
    figures = [f for f in ex.figures if _primary(f.themes, theme) and not _garbled(ex, f)
               and ex.source(f.source).quality >= LOW_QUALITY and not _minor(f)]
    return Pool(facts, quotes, paraphrases, sorted(figures, key=_figure_rank))


def _named(q: Quote) -> bool:
    """Reported speech is shown only with a named speaker ("Heng Ratana", "AP"), never a common
    noun the attribution found ("the rule explained that ...")."""
    return bool(q.speaker) and q.speaker[:1].isupper()


def _primary(item_themes: list[str], theme: Theme) -> bool:
    return bool(item_themes) and item_themes[0] == theme.id


def _trusted(ex: Extraction, fact: Fact) -> bool:
    """A fact is shown when at least one source that reports it is of good quality."""
    return any(ex.source(loc.source).quality >= LOW_QUALITY for loc in fact.sources)


def _take(facts: list[Fact], n: int, shown: Shown, clock: timing.Clock, words: int = 10**9) -> list[Fact]:
    """Up to `n` facts (and `words` words, but always one) that repeat nothing shown, as displayed,
    each marked as shown. Picked one at a time by score, less for what the brief already says and
    for sources it already uses a lot, so that the brief covers the news of every source rather
    than one source at length."""
    left = list(facts)
    out: list[Fact] = []
    greedy = n < len(left)  # with room for all (--length full) the score order stands
    while left and len(out) < n:
        best = max(left, key=lambda f: _worth(f, shown)) if greedy else left[0]
        left.remove(best)
        size = len(best.text.split())
        if out and size > words:
            continue  # too long for what is left of the section: a shorter one may fit
        if not shown.repeats(best.text) and not shown.restates_heading(best.text):
            words -= size
            shown.add(best.text, best.sources)
            out.append(clock.fact(best))
    return out


def _worth(fact: Fact, shown: Shown) -> float:
    return fact.score - _seen(fact.text, fact.sources, shown)


def _seen(text: str, sources: list[Location], shown: Shown) -> float:
    """What a statement loses for what the brief already says: its words, its sources, a heading."""
    return KNOWN * shown.known(text) + SAME_SOURCE * shown.used(sources) + \
        HEADING * shown.restates_heading(text)


KNOWN = 3.0  # a statement whose words are all shown already loses this much
SAME_SOURCE = 0.3  # and this much for each statement its source already gives
HEADING = 1.0  # and this much for restating a long heading (five content words or more)
LONG_HEADING, REPEAT_HEADING = 5, 0.8


# --- bottom line, key points, sections ---------------------------------------------------------


def _bottom_line(pools: dict[str, Pool], budget: Budget, shown: Shown, clock: timing.Clock) -> list[Fact]:
    """The most newsworthy statements across themes, at most one per theme while themes last;
    a theme's only statement is left for its key point."""
    per_theme = 1 if len(pools) >= MIN_BOTTOM_LINE else budget.bottom_line
    candidates = [f for pool in pools.values() if len(pool.facts) > 1
                  for f in [f for f in pool.facts if not _background(f, clock)][:per_theme + 1]]
    candidates.sort(key=lambda f: -(clock.news(f) - HEADING * shown.restates_heading(f.text)))
    picked: list[Fact] = []
    used: dict[str, int] = {}
    for fact in candidates:
        theme = fact.themes[0]
        if len(picked) < budget.bottom_line and used.get(theme, 0) < per_theme:
            got = _take([fact], 1, shown, clock)
            picked += got
            used[theme] = used.get(theme, 0) + len(got)
    return picked


MIN_BOTTOM_LINE = 3


def _background(fact: Fact, clock: timing.Clock) -> bool:
    """An old statement (its source, or the year it states, months before the brief's date): what
    led here, never the bottom line."""
    date = clock.statement_date([loc.source for loc in fact.sources])
    return timing.old(date, clock.as_of) or timing.old(timing.stated_year(fact.text), clock.as_of)


def _key_points(themes: list[Theme], pools: dict[str, Pool], budget: Budget, shown: Shown,
                clock: timing.Clock) -> list[KeyPoint]:
    """One per theme: the theme's best statement that the bottom line does not already make."""
    points = []
    for theme in themes:
        got = _take(pools[theme.id].facts, 1, shown, clock)
        if got:
            points.append(KeyPoint(theme=theme.id, fact=got[0]))
    return points[: budget.key_points]


def _section(ex: Extraction, theme: Theme, pool: Pool, budget: Budget, shown: Shown, clock: timing.Clock,
             above: int) -> Section:
    """A theme's facts and quotes (`above`: how many of its facts the bottom line and key points
    show, counted as shown)."""
    facts = _take(pool.facts, budget.facts + EXTRA_FACTS * (budget.fact_words < 10**9), shown, clock,
                  words=budget.fact_words)
    quotes = _take_quotes(pool.quotes, budget.quotes, shown, clock)
    return Section(theme=theme, description=_description(theme), facts=facts, quotes=quotes,
                   paraphrases=pool.paraphrases[: budget.quotes],
                   conflicts=[c for c in ex.conflicts if c.themes and c.themes[0] == theme.id],  # shown once
                   counts=[Count("facts", len(pool.facts), len(facts) + above),
                           Count("quotes", len(pool.quotes), len(quotes))])


def _description(theme: Theme) -> str:
    """The theme's description, unless it says the heading again (in the heading's own words)."""
    title = signature(theme.title)
    restates = len(title & signature(theme.description)) >= REPEAT * len(title)
    return "" if restates else theme.description


def _take_quotes(quotes: list[Quote], n: int, shown: Shown, clock: timing.Clock) -> list[Quote]:
    """Up to `n` quotes and reported statements that repeat nothing shown (nor sit inside a shown
    statement) nor hold a relative date their source cannot resolve, picked like facts (`_take`);
    shown in source order."""
    left = [q for q in quotes if not shown.covers(q.source, q.start, q.end)
            and not clock.unresolved(q.text, q.source)]  # like facts: never a date the reader cannot place
    out: list[Quote] = []
    while left and len(out) < n:
        best = max(left, key=lambda q: _quote_worth(q, shown))
        left.remove(best)
        here = Location(best.source, best.start, best.end)
        if not shown.repeats(best.text) and not shown.covers(best.source, best.start, best.end):
            shown.add(best.text, [here])
            out.append(clock.quote(best))
    return sorted(out, key=lambda q: (q.source, q.start))


def _quote_worth(q: Quote, shown: Shown) -> float:
    """Who says it (a named speaker, with a role: an official statement or named assessment),
    whether it says something whole (a readable length, a figure), and what the brief already has."""
    words = len(q.text.split())
    value = 1.0 * bool(q.speaker) + 0.5 * bool(q.role) + 0.2 * (q.kind == "direct")
    value += 0.5 if QUOTE_WORDS[0] <= words <= QUOTE_WORDS[1] else -1.0 if words < 6 else 0.0
    value += 0.3 * any(c.isdigit() for c in q.text) - COURTESY_QUOTE * bool(_COURTESY.match(q.text))
    return value - _seen(q.text, [Location(q.source, q.start, q.end)], shown)


QUOTE_WORDS = (8, 45)
# A quote that opens with thanks or congratulations is a courtesy, not a statement of policy.
_COURTESY = re.compile(r"\W*(?:congratulations|thank you|thanks|many thanks|(?:i|we)\s+(?:(?:would|'d)\s+like\s+"
                       r"to\s+|want\s+to\s+|must\s+)?(?:thank|congratulate|welcome|commend|salute)\b)", re.I)
COURTESY_QUOTE = 1.5


# --- figures -----------------------------------------------------------------------------------


TIME_UNITS = {"year", "years", "month", "months", "week", "weeks", "day", "days", "decade", "decades",
              "hour", "hours", "-year", "century", "centuries", "years of age", "months of age"}
MONEY = {"USD", "EUR", "GBP", "JPY", "CNY"}
VAGUE = ("dozens", "hundreds", "thousands", "millions", "billions", "trillions")


def _minor(fig: Figure) -> bool:
    """Vague amounts ("millions", "dozens") are not table figures. A duration the extractor keeps is
    the length of something ("a six-month window", "talks that lasted nine hours") and is one."""
    return not any(c.isdigit() for c in fig.text) and fig.text.rstrip().lower().endswith(VAGUE)


def _figure_rank(fig: Figure) -> tuple[int, int]:
    """Money first, then shares, then counts of something named, then lengths of time; earlier in
    the source first."""
    unit = fig.unit or ""
    kind = 0 if unit in MONEY or unit.isupper() and len(unit) == 3 else \
        1 if unit == "percent" else 3 if unit.lower() in TIME_UNITS else 2 if unit else 4
    return kind, fig.start


def _garbled(ex: Extraction, fig: Figure) -> bool:
    src = ex.source(fig.source)
    return any(m.start <= fig.start < m.end for m in src.garbled)


def _figure_rows(figures: list[Figure], shown: Shown) -> list[tuple[Figure, list[Location]]]:
    """A theme's figures table rows, best first: figures a shown statement already gives are left
    out, and the same value from several sources is one row citing them all."""
    rows: list[tuple[Figure, list[Location]]] = []
    for fig in figures:
        if shown.covers(fig.source, fig.start, fig.end):
            continue
        here = Location(fig.source, fig.start, fig.end)
        row = next((r for r in rows if _same_figure(r[0], fig)), None)
        if row is None:
            rows.append((fig, [here]))
        elif fig.source not in {loc.source for loc in row[1]}:
            row[1].append(here)
    return rows


def _share(rows: list[list[Any]], each: int) -> list[int]:
    """How many rows each theme shows: `each`, and the rows other themes leave unused go to the
    themes with more (up to `each` + 2), so the brief's length stays the same."""
    counts = [min(len(r), each) for r in rows]
    spare = each * len(rows) - sum(counts)
    while spare > 0:
        wanting = [i for i, r in enumerate(rows) if counts[i] < min(len(r), each + 2)]
        if not wanting:
            break
        for i in wanting[:spare]:
            counts[i] += 1
            spare -= 1
    return counts


def _show_figures(section: Section, rows: list[tuple[Figure, list[Location]]], n: int, found: int) -> None:
    shown_rows = sorted(rows[:n], key=lambda r: (r[0].source, r[0].start))
    section.figures = [fig for fig, _ in shown_rows]
    section.figure_sources = {fig.id: locs for fig, locs in shown_rows if len(locs) > 1 and fig.id}
    section.counts.append(Count("figures", found, len(shown_rows)))


def _same_figure(a: Figure, b: Figure) -> bool:
    """The same value and unit, and either a value unlikely to recur by chance or the same thing
    measured (small counts such as "two" recur: two ships, two soldiers)."""
    if a.value is None or b.value is None:
        return a.text.lower() == b.text.lower() and a.about.lower() == b.about.lower()
    if a.value != b.value or a.unit != b.unit:
        return False
    distinctive = a.value >= 100 or a.value != int(a.value) or (a.unit or "") in MONEY
    return distinctive or bool(signature(a.about) & signature(b.about))


# --- timeline, coverage, counts ----------------------------------------------------------------


def _timeline(events: list[Event], budget: Budget, clock: timing.Clock, shown: Shown | None = None
              ) -> list[Event]:
    """The events that matter most (reported by more sources, dated to the day, newer), one per
    month before any month gets a second so the timeline spans the story; oldest first. Events the
    body does not already tell come first: a short timeline adds what the sections left out."""
    newest = sorted(events, key=lambda e: e.date, reverse=True)
    told = {e.id for e in events if shown is not None and _told(e, shown)}
    ranked = sorted(newest, key=lambda e: (e.id in told, -len({loc.source for loc in e.sources}),
                                           -len(e.date)))
    months: set[str] = set()
    spread = []
    for event in ranked:
        if event.date[:7] not in months:
            months.add(event.date[:7])
            spread.append(event)
    picked = (spread + [e for e in ranked if e not in spread])[: budget.events]
    return sorted((clock.event(e) for e in picked), key=lambda e: e.date)


def _told(event: Event, shown: Shown) -> bool:
    """True when a shown statement already reports the event."""
    return any(shown.covers(loc.source, loc.start, loc.end) for loc in event.sources) or \
        shown.repeats(event.text)


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
        Count("quotes", sum(q.kind == "direct" or _named(q) for q in ex.quotes), shown("quotes")),
        Count("figures", len(ex.figures), shown("figures")),
        Count("events", len(ex.events), min(len(ex.events), budget.events)),
    ]
