"""The map, driven from here: each source becomes one small JSON record (what it says, how good
it is), taken from the rebuild cache or computed by an engine (`briefer.engines`) over shards of
sources; `core.combine` is the reduce. The records come back in source order whatever the
engine, so the Extraction is the same byte for byte.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

from briefer import __version__
from briefer.cache import Cache, code_hash, digest, model_version
from briefer.core import AnalyseOptions, Record, parse_key, valid_record  # noqa: F401 - parse_key re-exported
from briefer.engines import Engine
from briefer.engines.processes import PARALLEL_FROM, default_jobs, jobs_for  # noqa: F401 - re-exported
from briefer.model import Source, Theme, to_dict

SHARD_BATCHES = 4  # parser batches per shard: the parser runs longer between extraction passes
Progress = Callable[[str, int, int], None]


def record_key(source: Source, themes: list[Theme], model: str) -> str:
    """Everything a record depends on: the source as ingested, themes, model, briefer and its code."""
    return digest(to_dict(source, with_text=True), to_dict(themes), model_version(model),
                  __version__, code_hash())


def check_engine(scheduler: str | None, jobs: int | None) -> None:
    """Refuse a bad engine choice before any work: a malformed scheduler, a scheduler without
    Dask installed, or both --jobs and --scheduler."""
    if not _scheduler(scheduler):
        return
    from briefer.engines.dask_cluster import parse_scheduler, require_dask
    from briefer.errors import UsageError

    if jobs is not None:
        raise UsageError("--jobs is for local processes and --scheduler for a Dask cluster: give one "
                         "(--scheduler none turns a configured scheduler off)")
    parse_scheduler(scheduler or "")
    require_dask()


def _scheduler(scheduler: str | None) -> str | None:
    """The scheduler to use, None for none ("none" turns off one set by BRIEFER_SCHEDULER or config)."""
    value = (scheduler or "").strip()
    return None if value.lower() in ("", "none") else value


def open_engine(scheduler: str | None, jobs: int | None, to_parse: int,
                reading: tuple[str | None, int | None] = (None, None)) -> Engine:
    """The engine for `to_parse` sources: a Dask cluster when a scheduler is given, else local
    processes from PARALLEL_FROM sources (or as --jobs asks), else this process. `reading` is
    how ingest read the files (encoding, size limit): Dask workers read them the same way."""
    address = _scheduler(scheduler)
    if address:
        from briefer.engines.dask_cluster import DaskEngine

        return DaskEngine.open(address, *reading)
    n = jobs_for(jobs, to_parse)
    if n <= 1:
        from briefer.engines.inprocess import InProcess

        return InProcess()
    from briefer.engines.processes import Processes

    return Processes(n)


def cut(sources: list[Source], batch_size: int, slots: int) -> list[list[Source]]:
    """Shards of SHARD_BATCHES parser batches, smaller when that would leave a slot without work."""
    size = max(1, batch_size)
    per_slot = -(-len(sources) // max(1, slots))
    step = max(size, min(size * SHARD_BATCHES, per_slot))
    return [sources[i:i + step] for i in range(0, len(sources), step)]


def source_records(sources: list[Source], themes: list[Theme], options: AnalyseOptions, *,
                   jobs: int | None = None, scheduler: str | None = None, cache: Cache | None = None,
                   progress: Progress | None = None,
                   reading: tuple[str | None, int | None] = (None, None)) -> list[Record]:
    """One record per source, in source order: from the cache where it has them, the rest
    computed by the engine; progress is reported as shards complete."""
    keys = [record_key(s, themes, options.model) for s in sources] if cache else []
    records: list[Record | None] = ([valid_record(cache.get_json("records", k)) for k in keys] if cache
                                    else [None] * len(sources))
    todo = [i for i, r in enumerate(records) if r is None]
    done = len(sources) - len(todo)
    if progress and done:
        progress("analysing sources", done, len(sources))
    if todo:
        engine = open_engine(scheduler, jobs, len(todo), reading)
        try:
            shards = cut([sources[i] for i in todo], options.batch_size, engine.slots)
            starts = [sum(len(s) for s in shards[:k]) for k in range(len(shards))]
            for k, shard_records in engine.map(shards, themes, options):
                for j, record in enumerate(shard_records):
                    i = todo[starts[k] + j]
                    records[i] = record
                    if cache:
                        cache.put_json("records", keys[i], record)
                done += len(shard_records)
                if progress:
                    progress("analysing sources", done, len(sources))
        finally:
            engine.close()
    assert all(r is not None for r in records)
    return records  # type: ignore[return-value]


class StderrProgress:
    """A one-line progress bar on standard error, shown only when stderr is a terminal and the
    run has lasted `after` seconds; silent otherwise (pipes, logs, --quiet)."""

    def __init__(self, enabled: bool = True, after: float = 2.0, stream: Any = None, width: int = 30):
        self.stream = stream or sys.stderr
        self.enabled = enabled and bool(getattr(self.stream, "isatty", lambda: False)())
        self.start, self.after, self.width = time.monotonic(), after, width
        self.shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or time.monotonic() - self.start < self.after:
            return
        filled = self.width * done // max(total, 1)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{stage} [{bar}] {done}/{total}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """End the bar's line, if one was drawn."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
