"""Time markdown_to_docx on briefs of 1k, 5k and 10k paragraphs; linear time keeps the
10k/1k ratio near 10 (python-docx's add_paragraph alone would make it ~50 and more).

    /tmp/venv/bin/python bench/docx_scale.py [--sizes 1000,5000,10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefer.render.docx import markdown_to_docx  # noqa: E402

SENTENCE = (
    "Officials said the programme would continue through the dry season while talks on "
    "funding went on, and diplomats expected further announcements."
)


def brief(paragraphs: int) -> str:
    """Markdown with `paragraphs` blocks: headings, bullets, plain text; every third block
    carries a footnote, every tenth note a link (a few distinct URLs, as real briefs have)."""
    blocks, notes = [], []
    for i in range(paragraphs):
        text = f"{SENTENCE} Item {i}."
        if i % 3 == 0:
            n = len(notes) + 1
            text += f"[^{n}]"
            url = f" <https://example.org/source/{n % 20}>" if n % 10 == 0 else ""
            notes.append(f"[^{n}]: Source {n}, *Outlet*, November 6, 2025.{url}")
        if i % 50 == 0:
            blocks.append(f"## Section {i // 50}")
        blocks.append(f"- {text}" if i % 5 == 1 else text)
    return "\n\n".join(blocks + notes) + "\n"


def timed(md: str, repeat: int) -> tuple[float, int]:
    best, size = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(markdown_to_docx(md))
        best = min(best, time.perf_counter() - start)
    return best, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    times = {}
    for n in sizes:
        seconds, size = timed(brief(n), args.repeat)
        times[n] = seconds
        print(
            f"{n:>7} paragraphs  {seconds:7.2f} s  {seconds / n * 1e6:7.0f} us/paragraph  "
            f"{size / 1024:8.0f} KiB"
        )
    small, large = sizes[0], sizes[-1]
    ratio = times[large] / times[small]
    print(f"ratio {large}/{small}: {ratio:.1f} (linear: {large / small:.1f})")


if __name__ == "__main__":
    main()
