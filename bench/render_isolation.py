"""What rendering a brief in a limited child process costs (docs/BENCHMARKS.md, "Template
limits"): the seed brief's Markdown rendered through `briefer.isolate` and in-process, medians
of --runs runs after one warm-up, with the spaCy model loaded as in a real build.

    python bench/render_isolation.py [--runs 10]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from briefer import isolate
from briefer.assemble import BriefOptions, assemble
from briefer.config import load_themes
from briefer.pipeline import extract
from briefer.render import RenderOptions, to_markdown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    extraction = extract([Path("seeds")], load_themes(Path("seeds/themes.toml")))
    brief = assemble(extraction, BriefOptions())

    def once() -> float:
        start = time.perf_counter()
        to_markdown(brief, RenderOptions(), lambda png: "timeline.png")
        return time.perf_counter() - start

    once()
    child = [once() for _ in range(args.runs)]
    isolate.run_limited = lambda fn, *a, seconds, memory: fn(*a)  # type: ignore[assignment]
    inline = [once() for _ in range(args.runs)]
    print(f"seed brief to Markdown, median of {args.runs}: in-process {statistics.median(inline) * 1000:.0f} ms, "
          f"in a limited child {statistics.median(child) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
