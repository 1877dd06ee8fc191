"""Extraction as a map over sources: each source becomes one small JSON record (what it says,
how good it is), computed from the rebuild cache, in this process, or in worker processes over
shards of sources; `pipeline._combine` is the reduce. Docs never leave the process that parsed them.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from briefer import __version__
from briefer.cache import Cache, code_hash, digest, model_version
from briefer.model import Source, Theme, to_dict

if TYPE_CHECKING:
    from briefer.pipeline import ExtractOptions

SHARD_BATCHES = 4  # parser batches per shard: the parser runs longer between extraction passes
PARALLEL_FROM = 50  # below this many sources to parse, worker start-up costs more than it saves
RECORD_KEYS = frozenset({"garbled", "notes", "quality", "quotes", "figures", "events", "facts"})
Record = dict[str, Any]


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def jobs_for(requested: int | None, to_parse: int) -> int:
    """How many processes to use: as asked, else the cores from PARALLEL_FROM sources up."""
    if requested is not None:
        return max(1, requested)
    return default_jobs() if to_parse >= PARALLEL_FROM else 1


def record_key(source: Source, themes: list[Theme], model: str) -> str:
    """Everything a record depends on: the source as ingested, themes, model, briefer and its code."""
    return digest(to_dict(source, with_text=True), to_dict(themes), model_version(model),
                  __version__, code_hash())


def parse_key(text: str, model: str) -> str:
    """Everything a parse depends on: the text, the model and spaCy versions, briefer's nlp code."""
    return digest(text, model, model_version(model), code_hash())


def source_records(sources: list[Source], themes: list[Theme],
                   opts: ExtractOptions) -> Iterator[tuple[Source, Record]]:
    """Yield (source, record) in source order: cached records first looked up, the rest computed."""
    cache = Cache(opts.cache_dir) if opts.cache else None
    keys = [record_key(s, themes, opts.model) for s in sources] if cache else []
    cached = [_valid(cache.get_json("records", k)) for k in keys] if cache else [None] * len(sources)
    todo = [s for s, r in zip(sources, cached, strict=True) if r is None]
    fresh = compute(todo, themes, opts, cache)
    for i, src in enumerate(sources):
        record = cached[i]
        if record is None:
            record = next(fresh)
            if cache:
                cache.put_json("records", keys[i], record)
        if opts.progress:
            opts.progress("analysing sources", i + 1, len(sources))
        yield src, record


def _valid(record: Any) -> Record | None:
    return record if isinstance(record, dict) and record.keys() >= RECORD_KEYS else None


def compute(sources: list[Source], themes: list[Theme], opts: ExtractOptions,
            cache: Cache | None) -> Iterator[Record]:
    """Records for `sources`, in order, in shards of SHARD_BATCHES parser batches."""
    size = max(1, opts.batch_size)
    jobs = jobs_for(opts.jobs, len(sources))
    per_job = -(-len(sources) // jobs)  # enough shards for every process
    step = max(size, min(size * SHARD_BATCHES, per_job))
    shards = [sources[i:i + step] for i in range(0, len(sources), step)]
    jobs = min(jobs, len(shards))
    root = cache.root if cache else None
    if jobs <= 1:
        analyser = Analyser(opts.model, themes, root, size)
        for shard in shards:
            yield from analyser.records(shard)
        return
    yield from _pooled(shards, jobs, (opts.model, themes, root, size))


def _pooled(shards: list[list[Source]], jobs: int, setup: tuple[Any, ...]) -> Iterator[Record]:
    """Records from worker processes, in shard order. A worker that dies (killed, out of memory)
    fails the build in one line instead of leaving it waiting forever for the shard it held
    (multiprocessing.Pool never notices); on Ctrl-C or any other exit the workers are stopped."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from briefer.errors import BrieferError

    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(jobs, mp_context=mp.get_context(method), initializer=_init_worker,
                               initargs=setup)
    try:
        for records in pool.map(_work, shards):
            yield from records
    except BrokenProcessPool:
        raise BrieferError("a worker process ended unexpectedly (killed, or out of memory?); run "
                           "again, or with --jobs 1") from None
    finally:
        _stop(pool)


def _stop(pool: Any) -> None:
    """Shut the pool down now: pending shards cancelled, running workers terminated."""
    processes = list(getattr(pool, "_processes", {}).values())  # no public way to stop them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(5)


_WORKER: Analyser | None = None


def _init_worker(model: str, themes: list[Theme], root: Any, size: int) -> None:
    import signal

    global _WORKER
    # Ctrl-C reaches the whole process group: the main process stops the workers, which would
    # otherwise each print a KeyboardInterrupt traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER = Analyser(model, themes, root, size)


def _work(shard: list[Source]) -> list[Record]:
    assert _WORKER is not None
    return _WORKER.records(shard)


class Analyser:
    """Parses (or reads cached parses of) a shard of sources and runs the extractors on each."""

    def __init__(self, model: str, themes: list[Theme], cache_root: Any, batch_size: int):
        self.model, self.themes, self.batch_size = model, themes, batch_size
        self.cache = Cache(cache_root) if cache_root is not None else None
        self._matchers: dict[int, Any] = {}

    def records(self, shard: list[Source]) -> list[Record]:
        """One record per source of the shard, in order."""
        from briefer.pipeline import analyse_doc

        nlp, docs = self._docs(shard)
        matcher = self._matcher(nlp)
        return [analyse_doc(doc, src, matcher) for doc, src in zip(docs, shard, strict=True)]

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
        from briefer.pipeline import theme_matcher

        if id(nlp) not in self._matchers:
            self._matchers[id(nlp)] = theme_matcher(nlp, self.themes)
        return self._matchers[id(nlp)]


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
