"""The local-processes engine (`--jobs N`): shards analysed in N worker processes of this machine,
each loading the model once. A worker that dies fails the build in one line; on Ctrl-C or any
other exit the workers are stopped."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from briefer.core import AnalyseOptions, Record, analyse
from briefer.engines.inprocess import InProcess
from briefer.model import Source, Theme

PARALLEL_FROM = 50  # below this many sources to parse, worker start-up costs more than it saves


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


class Processes:
    """Analyses shards in `jobs` worker processes (fewer when there are fewer shards)."""

    def __init__(self, jobs: int):
        self.slots = jobs

    def map(self, shards: list[list[Source]], themes: list[Theme],
            options: AnalyseOptions) -> Iterator[tuple[int, list[Record]]]:
        jobs = min(self.slots, len(shards))
        if jobs <= 1:
            yield from InProcess().map(shards, themes, options)
            return
        yield from _pooled(shards, jobs, (themes, options))

    def close(self) -> None:
        pass


def _pooled(shards: list[list[Source]], jobs: int,
            setup: tuple[Any, ...]) -> Iterator[tuple[int, list[Record]]]:
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
        yield from enumerate(pool.map(_work, shards))
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


_SETUP: tuple[list[Theme], AnalyseOptions] | None = None


def _init_worker(themes: list[Theme], options: AnalyseOptions) -> None:
    import signal

    global _SETUP
    # Ctrl-C reaches the whole process group: the main process stops the workers, which would
    # otherwise each print a KeyboardInterrupt traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _SETUP = (themes, options)


def _work(shard: list[Source]) -> list[Record]:
    assert _SETUP is not None
    return analyse(shard, *_SETUP)
