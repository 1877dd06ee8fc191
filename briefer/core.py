"""The public core of extraction, a map and a reduce that every engine calls:

- `analyse(sources, themes, options)`: the map over one shard of sources: parse (or read cached
  parses), run the extractors (or read the cached theme-free items: `source_items`), give the
  items their themes and pick the facts (`theme_record`), and return one JSON-ready record per
  source, in order;
- `combine(sources, records, themes, ...)`: the reduce: apply each record to its source, merge
  facts and events across sources, find conflicts, number everything -> Extraction.

A record is plain JSON (what the source says, how good it is); the parsed Doc never leaves the
process that made it. `analyse` keeps the model and the theme matchers per process, so a worker
that runs many shards loads the model once. Nothing here imports the pipeline or an engine.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefer import DEFAULT_MODEL, __version__, corroborate
from briefer.cache import Cache, code_hash, digest, model_version
from briefer.extract import spun
from briefer.extract.quality import JUNK_QUALITY, Verdict
from briefer.model import (
    Event,
    Extraction,
    Fact,
    Figure,
    Mention,
    Quote,
    Skipped,
    Source,
    Theme,
    from_dict,
    to_dict,
)

DEFAULT_THEME = Theme(id="key-facts", title="Key facts", description="What the sources report.")
RECORD_KEYS = frozenset({"garbled", "notes", "quality", "quotes", "figures", "events", "facts"})
ITEM_KEYS = RECORD_KEYS - {"facts"}
Record = dict[str, Any]


@dataclass(frozen=True)
class AnalyseOptions:
    """What the map needs besides the sources and themes: small, picklable, the same everywhere."""

    model: str = DEFAULT_MODEL
    batch_size: int = 16  # parser batch: peak memory follows it
    cache_dir: str | None = None  # parse cache folder; None: parse everything, cache nothing


def analyse(sources: Sequence[Source], themes: list[Theme], options: AnalyseOptions) -> list[Record]:
    """The map over one shard: one JSON-ready record per source, in order."""
    return analyser(themes, options).records(list(sources))


_ANALYSERS: dict[str, Analyser] = {}


def analyser(themes: list[Theme], options: AnalyseOptions) -> Analyser:
    """This process's Analyser for these themes and options (the model is loaded once per process)."""
    key = digest(to_dict(themes), options.model, options.batch_size, options.cache_dir)
    if key not in _ANALYSERS:
        if len(_ANALYSERS) >= 4:  # a long-lived worker serving many builds keeps a few
            _ANALYSERS.pop(next(iter(_ANALYSERS)))
        _ANALYSERS[key] = Analyser(options.model, themes, options.cache_dir, options.batch_size)
    return _ANALYSERS[key]


def parse_key(text: str, model: str) -> str:
    """Everything a parse depends on: the text, the model and spaCy versions, briefer's nlp code."""
    return digest(text, model, model_version(model), code_hash())


def identity(model: str, themes: list[Theme]) -> dict[str, str]:
    """What a record depends on besides its source: briefer's version and code, the model and
    spaCy versions, the themes. Two processes with the same identity make the same records."""
    import briefer

    return {"briefer": briefer.__version__, "code": code_hash()[:12], "model": model_version(model),
            "themes": digest(to_dict(themes))[:12]}


class Analyser:
    """Parses (or reads cached parses of) a shard of sources and runs the extractors on each."""

    def __init__(self, model: str, themes: list[Theme], cache_root: str | Path | None, batch_size: int):
        self.model, self.themes, self.batch_size = model, themes, batch_size
        self.cache = Cache(Path(cache_root)) if cache_root is not None else None
        self._matchers: dict[int, Any] = {}

    def records(self, shard: list[Source]) -> list[Record]:
        """One record per source of the shard, in order."""
        nlp, docs = self._docs(shard)
        matcher = self._matcher(nlp)
        return [theme_record(doc, src, self._items(doc, src), matcher)
                for doc, src in zip(docs, shard, strict=True)]

    def _items(self, doc: Any, src: Source) -> Record:
        """The source's theme-free items: from the cache when they are there (a theme edit
        re-runs only the matchers and the facts), else found and cached."""
        key = items_key(src, self.model) if self.cache else None
        found = valid_items(self.cache.get_json("items", key)) if self.cache and key else None
        if found is None:
            found = source_items(doc, src)
            if self.cache and key:
                self.cache.put_json("items", key, found)
        return found

    def _docs(self, shard: list[Source]) -> tuple[Any, list[Any]]:
        """The shard's parses: from the cache where it has them all (no model weights needed),
        else parsed in one batch and cached."""
        from briefer.nlp import (
            analysis_text,
            doc_from_bytes,
            doc_to_bytes,
            load_model,
            load_vocab,
            pipe_texts,
            text_docs,
        )

        texts = [analysis_text(s) for s in shard]
        keys = [parse_key(t, self.model) for t in texts] if self.cache else []
        blobs = [self.cache.get("parses", k) for k in keys] if self.cache else [None] * len(shard)
        if all(b is not None for b in blobs):
            light = load_vocab(self.model)
            docs = [doc_from_bytes(b, light) for b in blobs]
            if all(d is not None for d in docs):
                return light, list(text_docs(docs, texts))
        nlp = load_model(self.model)
        docs = [doc_from_bytes(b, nlp) if b is not None else None for b in blobs]
        todo = [i for i, d in enumerate(docs) if d is None]
        for i, doc in zip(todo, pipe_texts(nlp, [texts[i] for i in todo], self.batch_size), strict=True):
            docs[i] = doc
            if self.cache:
                self.cache.put("parses", keys[i], doc_to_bytes(doc))
        return nlp, list(text_docs(docs, texts))

    def _matcher(self, nlp: Any) -> Any:
        if id(nlp) not in self._matchers:
            self._matchers[id(nlp)] = theme_matcher(nlp, self.themes)
        return self._matchers[id(nlp)]


def analyse_doc(doc, src: Source, matcher) -> Record:  # type: ignore[no-untyped-def]
    """Everything extraction finds in one parsed source, as a JSON-ready record."""
    return theme_record(doc, src, source_items(doc, src), matcher)


def source_items(doc, src: Source) -> Record:  # type: ignore[no-untyped-def]
    """What one parsed source says whatever the themes, JSON-ready: its judgement (garbled
    sentences, notes, quality) and its quotes, figures and events, not yet given themes."""
    from briefer.extract import events, figures, quality, quotes

    src = copy.copy(src)
    src.notes = list(src.notes)
    src.garbled = [Mention(s, e) for s, e, _ in quality.garbled_sentences(doc)]
    n_sentences = quality.content_sentences(doc)
    judge(src, n_sentences, quality.verdict(doc, n_sentences, src.text))
    return to_dict({
        "garbled": src.garbled, "notes": src.notes, "quality": src.quality,
        "quotes": list(quotes.quotes(doc, src)), "figures": list(figures.figures(doc, src)),
        "events": list(events.events(doc, src)),
    })


def theme_record(doc, src: Source, items: Record, matcher) -> Record:  # type: ignore[no-untyped-def]
    """A source's record from its theme-free items (`source_items`): each item given the themes
    of the sentences it spans, and the facts of the sentences that match a theme."""
    from briefer.extract import facts

    src = copy.copy(src)
    src.garbled = from_dict(list[Mention], items["garbled"])
    src.notes, src.quality = list(items["notes"]), items["quality"]
    hits = matcher.sentence_hits(doc) if matcher else _all_sentences(doc)
    return to_dict({
        "garbled": src.garbled, "notes": src.notes, "quality": src.quality,
        "quotes": _themed(from_dict(list[Quote], items["quotes"]), doc, hits, fallback=_dominant(hits)),
        "figures": _themed(from_dict(list[Figure], items["figures"]), doc, hits),
        "events": _themed(from_dict(list[Event], items["events"]), doc, hits),
        "facts": list(facts.facts(doc, src, hits, themed=True)),
    })


def items_key(source: Source, model: str) -> str:
    """What a source's theme-free items depend on: the source as ingested, the model and spaCy
    versions, briefer's version and code (a record's key, less the themes)."""
    return digest("items", to_dict(source, with_text=True), model_version(model), __version__, code_hash())


def theme_matcher(nlp, themes: list[Theme]):  # type: ignore[no-untyped-def]
    """The matcher for configured themes; None for the built-in catch-all theme."""
    from briefer.extract.themes import ThemeMatcher

    return None if themes == [DEFAULT_THEME] else ThemeMatcher(nlp, themes)  # ==: survives pickling


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


def judge(src: Source, n_sentences: int, verdict: Verdict | None = None) -> None:
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


def valid_items(items: Any) -> Record | None:
    """`items` when it has every key `source_items` writes (a cache entry from elsewhere may not)."""
    return items if isinstance(items, dict) and items.keys() >= ITEM_KEYS else None


def valid_record(record: Any) -> Record | None:
    """`record` when it has every key a record needs (a cache entry from elsewhere may not)."""
    return record if isinstance(record, dict) and record.keys() >= RECORD_KEYS else None


@dataclass
class Items:
    """Every source's items, in source order: the reduce's input."""

    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)


def apply_record(src: Source, record: Record, items: Items) -> None:
    """A record's source judgement onto its Source, its items onto the lists."""
    src.garbled = from_dict(list[Mention], record["garbled"])
    src.notes = list(record["notes"])
    src.quality = record["quality"]
    items.quotes += from_dict(list[Quote], record["quotes"])
    items.figures += from_dict(list[Figure], record["figures"])
    items.events += from_dict(list[Event], record["events"])
    items.facts += from_dict(list[Fact], record["facts"])


def combine(sources: list[Source], records: Iterable[Record], themes: list[Theme], *,
            skipped: Iterable[Skipped] = (), title: str | None = None,
            model: str = DEFAULT_MODEL) -> Extraction:
    """The reduce: each source's record (in source order) onto it, then the cross-source work
    (spun copies, merged facts and events, conflicts) and numbering -> the Extraction."""
    items = Items()
    for src, record in zip(sources, records, strict=True):
        apply_record(src, record, items)
    copies = spun.reworded_copies({s.id: s.text for s in sources})  # a spun copy of another source: junk
    for src in (s for s in sources if s.id in copies):
        src.quality, src.notes = min(src.quality, JUNK_QUALITY), [*src.notes, f"{copies[src.id]}: not used"]
    facts = corroborate.merge_facts(items.facts, sources)
    events, conflicts = corroborate.merge_events(items.events)
    conflicts += corroborate.figure_conflicts(items.figures, sources)
    _number(items.quotes, "q")
    _number(items.figures, "f")
    _number(events, "e")
    _number(facts, "k")
    return Extraction(sources=sources, quotes=items.quotes, figures=items.figures, events=events,
                      facts=facts, conflicts=conflicts, themes=themes, skipped=list(skipped), title=title,
                      model=model, version=__version__)


def _number(items: list, prefix: str) -> None:  # type: ignore[type-arg]
    for i, item in enumerate(items, 1):
        item.id = f"{prefix}{i}"
