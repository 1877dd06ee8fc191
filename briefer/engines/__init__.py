"""Engines run the map (`core.analyse` over shards of sources) somewhere: in this process
(`inprocess`), in local worker processes (`processes`, `--jobs`), or on a Dask cluster
(`dask_cluster`, `--scheduler`). Each has the same small interface, `Engine`; the caller cuts the
shards, reads and writes the rebuild cache and applies the reduce. Engines import the core,
never the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from briefer.core import AnalyseOptions, Record
from briefer.model import Source, Theme


class Engine(Protocol):
    """Where shards are analysed."""

    slots: int  # shards it analyses at once: the caller cuts at least this many

    def map(self, shards: list[list[Source]], themes: list[Theme],
            options: AnalyseOptions) -> Iterator[tuple[int, list[Record]]]:
        """(shard index, its records in source order), as each shard completes."""
        ...

    def close(self) -> None:
        """Release what the engine holds (processes, a cluster, a connection)."""
        ...
