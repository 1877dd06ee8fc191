"""The library's front door: sources -> Extraction -> Brief -> rendered bytes.

`extract()` is ingest -> the map (`core.analyse` over shards of sources, run by an engine: this
process, worker processes or a Dask cluster; see `parallel`) -> the reduce (`core.combine`).
`build()` adds assembly and rendering. The CLI is a thin layer over these functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefer import DEFAULT_MODEL, corroborate, ingest, parallel
from briefer.cache import Cache
from briefer.config import ThemeSet
from briefer.core import (  # noqa: F401 - re-exported: the names callers used before the core existed
    DEFAULT_THEME,
    AnalyseOptions,
    analyse_doc,
    apply_record,
    combine,
    theme_matcher,
)
from briefer.core import judge as _judge  # noqa: F401
from briefer.errors import InputError
from briefer.model import Extraction


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
    scheduler: str | None = None  # a Dask scheduler ("tcp://host:8786") or "local:N"; see engines
    cache: bool = False  # reuse records and parses from the rebuild cache (the CLI turns it on)
    cache_dir: Path | None = None  # default: $BRIEFER_CACHE_DIR, else the user cache folder
    progress: Callable[[str, int, int], None] | None = field(default=None, compare=False)


def extract(paths: Iterable[Path], themes: ThemeSet | None = None,
            options: ExtractOptions | None = None) -> Extraction:
    """Read the sources under `paths` and extract quotes, figures, events and facts per theme."""
    opts = options or ExtractOptions()
    parallel.check_engine(opts.scheduler, opts.jobs)  # a bad --scheduler fails before any reading
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
    corroborate.place_days(sources)
    corroborate.borrow_anchors(sources)
    corroborate.borrow_years(sources)
    cache = Cache(opts.cache_dir) if opts.cache else None
    options = AnalyseOptions(opts.model, opts.batch_size, str(cache.root) if cache else None)
    records = parallel.source_records(sources, theme_list, options, jobs=opts.jobs, scheduler=opts.scheduler,
                                      cache=cache, progress=opts.progress,
                                      reading=(opts.encoding, opts.max_bytes))
    title = opts.title or (themes.title if themes else None)
    return combine(sources, records, theme_list, skipped=skipped, title=title, model=opts.model)
