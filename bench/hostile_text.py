"""Ingest's metadata reading on a text of blank lines (docs/BENCHMARKS.md, "Hostile inputs"):
seconds for `ingest.metadata.infer` and `furniture` at each size, median of --runs runs.

    python bench/hostile_text.py [--lines 10000,40000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

from briefer.ingest import metadata


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", default="10000,40000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for n in (int(x) for x in args.lines.split(",")):
        text = "Harbour talks resume\n" + "\n" * n + "By Jane Doe\n" + "\n" * n + "The quay opened.\n"
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            metadata.infer(text)
            metadata.furniture(text)
            times.append(time.perf_counter() - start)
        print(f"{2 * n:,} blank lines: {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
