"""The in-process engine: shards analysed one after another in this process."""

from __future__ import annotations

from collections.abc import Iterator

from briefer.core import AnalyseOptions, Record, analyse
from briefer.model import Source, Theme


class InProcess:
    """Analyses shards here, in order: no start-up cost, one core."""

    slots = 1

    def map(self, shards: list[list[Source]], themes: list[Theme],
            options: AnalyseOptions) -> Iterator[tuple[int, list[Record]]]:
        for i, shard in enumerate(shards):
            yield i, analyse(shard, themes, options)

    def close(self) -> None:
        pass
