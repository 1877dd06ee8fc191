"""How long reading an extraction back into the model takes (`from_dict`, which also checks its
types): what `briefer render` and every cached record pay. Best of --rounds rounds of --repeat.

    python bench/read_extraction.py out/extract.json [--repeat 50] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def main() -> None:
    from briefer.model import Extraction, from_dict

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("extraction", type=Path)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    data = json.loads(args.extraction.read_bytes())
    from_dict(Extraction, data)  # types resolved once, as in a real run
    best = float("inf")
    for _ in range(args.rounds):
        start = time.perf_counter()
        for _ in range(args.repeat):
            from_dict(Extraction, data)
        best = min(best, (time.perf_counter() - start) / args.repeat)
    print(f"{args.extraction}: {best * 1000:.2f} ms per read (best of {args.rounds} x {args.repeat})")


if __name__ == "__main__":
    main()
