"""Across sources: merge near-duplicate facts and events (one item citing every source that reports
it), surface conflicts (same thing, different date or figure), and let an undated source borrow the
date of its dated twin for resolving relative dates. Works on model types only, no spaCy."""

from __future__ import annotations

import re
from collections.abc import Iterable

from briefer.model import Claim, Conflict, Event, Fact, Figure, Location, Source

STOP = frozenset(
    """
    a an the of to in on at by for with from and or but as is are was were be been has have had
    that this these those it its their his her he she they we our not no will would could may
    might can also than then there which who whom whose what when where while after before over
    under into about said says say told according since last this week year month day upon
    between among amid
    """.split()
)
WORD = re.compile(r"[a-z0-9]+(?:[.'’][a-z0-9]+)*")


def signature(text: str) -> frozenset[str]:
    """Content words of a sentence, crudely stemmed, for near-duplicate detection."""
    out = set()
    for w in WORD.findall(text.casefold().replace("’s", "").replace("'s", "")):
        if w in STOP or len(w) < 2:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if len(w) > len(suffix) + 3 and w.endswith(suffix):
                w = w[: -len(suffix)]
                break
        out.add(w)
    return frozenset(out)


def similar(a: frozenset[str], b: frozenset[str], *, jaccard: float = 0.3, overlap: float = 0.5) -> bool:
    """True when two signatures share enough content words to report the same thing."""
    if not a or not b:
        return False
    common = len(a & b)
    return common >= 4 and common / len(a | b) >= jaccard and common / min(len(a), len(b)) >= overlap


def merge_facts(facts: Iterable[Fact]) -> list[Fact]:
    """Merge near-duplicate facts from different sources; the best-scored text represents them."""
    clusters: list[tuple[frozenset[str], Fact]] = []
    for fact in sorted(facts, key=lambda f: -f.score):
        sig = signature(fact.text)
        for csig, rep in clusters:
            if fact.sources[0].source not in _ids(rep.sources) and similar(sig, csig):
                rep.sources.extend(fact.sources)
                rep.themes = list(dict.fromkeys([*rep.themes, *fact.themes]))
                break
        else:
            clusters.append((sig, Fact(id="", text=fact.text, sources=list(fact.sources),
                                       themes=list(fact.themes), score=fact.score)))
    merged = [rep for _, rep in clusters]
    for fact in merged:
        fact.score = round(fact.score * (1 + 0.3 * (len(_ids(fact.sources)) - 1)), 4)
    return sorted(merged, key=lambda f: -f.score)


def merge_events(events: Iterable[Event]) -> tuple[list[Event], list[Conflict]]:
    """Merge the same event reported by several sources; differing dates become conflicts.

    A scheduled event (a plan) never merges with one that happened, nor conflicts with it. Two
    sentences of one source that tell the same happening on the same date are one event."""
    merged: list[tuple[frozenset[str], Event]] = []
    conflicts: list[Conflict] = []
    for event in events:
        sig = signature(event.text)
        for csig, rep in merged:
            if rep.scheduled != event.scheduled:
                continue
            if event.sources[0].source in _ids(rep.sources):
                if rep.date == event.date and rep.text != event.text and similar(sig, csig):
                    rep.sources.extend(event.sources)  # "inaugurated the base" / "a ceremony marking it"
                    break
                continue
            if not similar(sig, csig, jaccard=0.25, overlap=0.45):
                continue
            if compatible(rep.date, event.date):
                _absorb(rep, event)
                break
            if similar(sig, csig, jaccard=0.4, overlap=0.6) and _precise(rep.date, event.date):
                conflicts.append(_date_conflict(rep, event))
        else:
            merged.append((sig, Event(id="", date=event.date, text=event.text, date_text=event.date_text,
                                      sources=list(event.sources), themes=list(event.themes),
                                      scheduled=event.scheduled)))
    return sorted((e for _, e in merged), key=lambda e: e.date), conflicts


def _absorb(rep: Event, event: Event) -> None:
    if len(event.date) > len(rep.date):  # the more precise date wins, with the words that give it
        rep.date, rep.date_text, rep.text = event.date, event.date_text, event.text
        rep.sources[:0] = event.sources
    else:
        rep.sources.extend(event.sources)
    rep.themes = list(dict.fromkeys([*rep.themes, *event.themes]))


def compatible(a: str, b: str) -> bool:
    """True when two ISO dates can be the same day ("2021" and "2021-12" can)."""
    return a.startswith(b) or b.startswith(a)


def _precise(a: str, b: str) -> bool:
    return len(a) >= 7 and len(b) >= 7


def _date_conflict(a: Event, b: Event) -> Conflict:
    return Conflict(about=a.text, themes=list(dict.fromkeys([*a.themes, *b.themes])), claims=[
        Claim(text=a.date_text or a.date, value=a.date, location=a.sources[0]),
        Claim(text=b.date_text or b.date, value=b.date, location=b.sources[0]),
    ])


def figure_conflicts(figures: list[Figure]) -> list[Conflict]:
    """Figures from different sources that measure the same thing (same unit, date and content
    words of what they measure) with different values: one Conflict per thing, one claim per value.
    Linear in the number of figures."""
    groups: dict[tuple[str | None, str | None, frozenset[str]], list[Figure]] = {}
    for fig in figures:
        sig = signature(fig.about)
        if fig.value is not None and len(sig) >= 2:
            groups.setdefault((fig.unit, fig.as_of, sig), []).append(fig)
    out = []
    for group in groups.values():
        first_by_value: dict[float, Figure] = {}
        for fig in group:
            first_by_value.setdefault(fig.value, fig)  # type: ignore[arg-type]
        claims = list(first_by_value.values())
        if len(claims) > 1 and len({f.source for f in claims}) > 1:
            themes = list(dict.fromkeys(t for f in claims for t in f.themes))
            out.append(Conflict(about=claims[0].about, themes=themes, claims=[
                Claim(text=f.text, value=str(f.value), location=Location(f.source, f.start, f.end))
                for f in claims]))
    return out


def borrow_anchors(sources: list[Source], *, threshold: float = 0.08) -> None:
    """Give an undated source the date of the dated source that tells the same story, as the anchor
    for its relative dates ("on Nov. 6", "last week"). Its own date stays unknown.

    Shared word 4-grams are counted through an index of the dated sources' 4-grams, so the
    cost follows the text, not the number of (undated, dated) pairs."""
    undated = [s for s in sources if not s.anchor]
    dated = [s for s in sources if s.anchor and s.date]
    if not undated or not dated:
        return
    index: dict[int, list[int]] = {}
    sizes = []
    for j, other in enumerate(dated):
        grams = _shingles(other.text)
        sizes.append(len(grams))
        for g in grams:
            index.setdefault(g, []).append(j)
    for src in undated:
        grams = _shingles(src.text)
        shared: dict[int, int] = {}
        for g in grams:
            for j in index.get(g, ()):
                shared[j] = shared.get(j, 0) + 1
        best, best_sim = None, threshold
        for j in sorted(shared):  # source order: the first of equals wins
            sim = shared[j] / max(min(len(grams), sizes[j]), 1)
            if sim > best_sim:
                best, best_sim = dated[j], sim
        if best is not None:
            src.anchor = best.date
            src.notes.append(f"undated: relative dates read as of {best.date} ({best.label}, same story)")


def _shingles(text: str, n: int = 4) -> set[int]:
    """The text's word n-grams (case-folded), as hashes."""
    words = WORD.findall(text.casefold())
    return {hash(tuple(words[i:i + n])) for i in range(len(words) - n + 1)}


def _ids(locations: list[Location]) -> set[str]:
    return {loc.source for loc in locations}
