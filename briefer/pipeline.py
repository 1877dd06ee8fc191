"""The library's front door: sources -> Extraction -> Brief -> rendered bytes.

`extract()` runs ingest, one spaCy pass and the extractors; `build()` adds assembly and rendering.
The CLI is a thin layer over these functions.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefer import DEFAULT_MODEL, __version__, corroborate, ingest
from briefer.config import ThemeSet
from briefer.errors import InputError
from briefer.extract import spun
from briefer.extract.quality import JUNK_QUALITY, Verdict
from briefer.model import Event, Extraction, Fact, Figure, Mention, Quote, Source, Theme, from_dict, to_dict

DEFAULT_THEME = Theme(id="key-facts", title="Key facts", description="What the sources report.")


@dataclass
class ExtractOptions:
    """How to read and analyse the sources."""

    model: str = DEFAULT_MODEL
    encoding: str | None = None
    max_bytes: int = ingest.MAX_INPUT
    strict: bool = False
    batch_size: int = 16
    title: str | None = None
    skipped: list[str] = field(default_factory=list)
    jobs: int | None = None  # worker processes; None: the cores, from PARALLEL_FROM sources up
    cache: bool = False  # reuse records and parses from the rebuild cache (the CLI turns it on)
    cache_dir: Path | None = None  # default: $BRIEFER_CACHE_DIR, else the user cache folder
    progress: Callable[[str, int, int], None] | None = field(default=None, compare=False)


def extract(paths: Iterable[Path], themes: ThemeSet | None = None,
            options: ExtractOptions | None = None) -> Extraction:
    """Read the sources under `paths` and extract quotes, figures, events and facts per theme."""
    opts = options or ExtractOptions()
    paths = list(paths)
    sources, skipped = ingest.load(paths, encoding=opts.encoding, max_bytes=opts.max_bytes)
    if skipped and opts.strict:
        first = skipped[0]
        raise InputError(f"{first.path}: {first.reason} (--strict: every input must be usable)")
    if not sources:
        where = ", ".join(str(p) for p in paths)
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:3])
        raise InputError(f"{where}: no usable source" + (f" ({reasons})" if reasons else ""))
    theme_list = themes.themes if themes and themes.themes else [DEFAULT_THEME]
    corroborate.borrow_anchors(sources)
    items = _analyse(sources, theme_list, opts)
    return _combine(sources, skipped, theme_list, items, opts, themes)


@dataclass
class _Items:
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)


def _analyse(sources: list[Source], themes: list[Theme], opts: ExtractOptions) -> _Items:
    """The map: one small record per source (cached, or computed in this or worker processes)."""
    from briefer.parallel import source_records

    items = _Items()
    for src, record in source_records(sources, themes, opts):
        apply_record(src, record, items)
    return items


def analyse_doc(doc, src: Source, matcher) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Everything extraction finds in one parsed source, as a JSON-ready record."""
    from briefer.extract import events, facts, figures, quality, quotes

    src = copy.copy(src)
    src.notes = list(src.notes)
    src.garbled = [Mention(s, e) for s, e, _ in quality.garbled_sentences(doc)]
    n_sentences = quality.content_sentences(doc)
    _judge(src, n_sentences, quality.verdict(doc, n_sentences, src.text))
    hits = matcher.sentence_hits(doc) if matcher else _all_sentences(doc)
    return to_dict({
        "garbled": src.garbled, "notes": src.notes, "quality": src.quality,
        "quotes": _themed(quotes.quotes(doc, src), doc, hits, fallback=_dominant(hits)),
        "figures": _themed(figures.figures(doc, src), doc, hits),
        "events": _themed(events.events(doc, src), doc, hits),
        "facts": list(facts.facts(doc, src, hits, themed=True)),
    })


def theme_matcher(nlp, themes: list[Theme]):  # type: ignore[no-untyped-def]
    """The matcher for configured themes; None for the built-in catch-all theme."""
    from briefer.extract.themes import ThemeMatcher

    return None if themes == [DEFAULT_THEME] else ThemeMatcher(nlp, themes)  # ==: survives pickling


def apply_record(src: Source, record: dict[str, Any], items: _Items) -> None:
    """The reduce's input: a record's source judgement onto its Source, its items onto the lists."""
    src.garbled = from_dict(list[Mention], record["garbled"])
    src.notes = list(record["notes"])
    src.quality = record["quality"]
    items.quotes += from_dict(list[Quote], record["quotes"])
    items.figures += from_dict(list[Figure], record["figures"])
    items.events += from_dict(list[Event], record["events"])
    items.facts += from_dict(list[Fact], record["facts"])


def _all_sentences(doc) -> dict[int, dict[str, int]]:  # type: ignore[no-untyped-def]
    return {s.start_char: {DEFAULT_THEME.id: 1} for s in doc.sents}


def _dominant(hits: dict[int, dict[str, int]]) -> list[str]:
    """The theme a source talks about most: where its unthemed quotes belong."""
    total: dict[str, int] = {}
    for found in hits.values():
        for theme, n in found.items():
            total[theme] = total.get(theme, 0) + n
    return [max(total, key=lambda t: total[t])] if total else []


def _themed(items, doc, hits, fallback=()):  # type: ignore[no-untyped-def]
    """Give each item the themes of the sentences it spans, else the fallback themes."""
    out = []
    for item in items:
        start, end = _span(item)
        span = doc.char_span(start, end, alignment_mode="expand")
        sents = {s.start_char for s in (span.sents if span is not None else [])}
        found: dict[str, int] = {}
        for s in sents:
            for theme, n in hits.get(s, {}).items():
                found[theme] = found.get(theme, 0) + n
        item.themes = sorted(found, key=lambda t: -found[t]) or list(fallback)
        out.append(item)
    return out


def _span(item: Quote | Figure | Event) -> tuple[int, int]:
    if isinstance(item, Event):
        return item.sources[0].start, item.sources[0].end
    return item.start, item.end


def _judge(src: Source, n_sentences: int, verdict: Verdict | None = None) -> None:
    """Score a source's quality and write the notes the brief shows about it: garbled sentences
    lower it in proportion; a text judged spun or machine-made (`verdict`) is junk as a whole."""
    if src.furniture:
        src.notes.append(f"page furniture removed: {len(src.furniture)} line(s)")
    bad = len(src.garbled)
    if bad:
        src.notes.append(f"sentences missing their numbers: {bad} of {n_sentences}; not used as facts")
    if bad >= 2:  # one odd sentence is a slip (kept out of the facts); a page judgement needs a pattern
        share = bad / max(n_sentences, 1)
        src.quality = round(max(0.1, 1.0 - 2.5 * share), 2)
    if verdict is not None and verdict.junk:
        src.quality = min(src.quality, JUNK_QUALITY)
        src.notes.append(f"{verdict.kind} ({'; '.join(verdict.signs)}): not used unless another source "
                         "confirms it")
    elif bad >= 2 and src.quality < 0.5:  # (a page not in English says so itself)
        src.notes.append("garbled text: not used unless another source confirms it")


def _combine(sources: list[Source], skipped, themes: list[Theme], items: _Items,  # type: ignore[no-untyped-def]
             opts: ExtractOptions, theme_set: ThemeSet | None) -> Extraction:
    copies = spun.reworded_copies({s.id: s.text for s in sources})  # a spun copy of another source: junk
    for src in (s for s in sources if s.id in copies):
        src.quality, src.notes = min(src.quality, JUNK_QUALITY), [*src.notes, f"{copies[src.id]}: not used"]
    facts = corroborate.merge_facts(items.facts)
    events, conflicts = corroborate.merge_events(items.events)
    conflicts += corroborate.figure_conflicts(items.figures, sources)
    _number(items.quotes, "q")
    _number(items.figures, "f")
    _number(events, "e")
    _number(facts, "k")
    title = opts.title or (theme_set.title if theme_set else None)
    return Extraction(sources=sources, quotes=items.quotes, figures=items.figures, events=events,
                      facts=facts, conflicts=conflicts, themes=themes, skipped=skipped, title=title,
                      model=opts.model, version=__version__)


def _number(items: list, prefix: str) -> None:  # type: ignore[type-arg]
    for i, item in enumerate(items, 1):
        item.id = f"{prefix}{i}"
