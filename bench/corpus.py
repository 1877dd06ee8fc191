"""Generate a large, deterministic corpus from the seeds and variations of them, for the speed
benchmarks (never commit the output).

Each generated source takes the paragraphs of one seed, shuffled, adds paragraphs of the others
until it reaches its word target, swaps people and places for others from fixed lists and moves
every figure a little, so the parser sees realistic news prose that is never twice the same.

    /tmp/venv/bin/python bench/corpus.py OUT_DIR [--sources 1000] [--words 400] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

PEOPLE = ["Hun Sen", "Hun Manet", "Gregory Poling", "Marco Rubio", "Tea Seiha", "Prak Sokhonn", "Sam Rainsy",
          "Yang Peou", "Donald Trump"]
SUBSTITUTES = ["Maria Okafor", "Daniel Reyes", "Sophea Chan", "Lena Hartmann", "Ahmed Karim", "Nimal Perera",
               "Grace Mwangi", "Tomas Novak", "Aiko Tanaka", "Rafael Duarte", "Priya Nair", "Oleg Petrov"]
PLACES = ["Phnom Penh", "Cambodia", "Thailand", "Washington", "Beijing", "Bangkok"]
PLACE_SUBSTITUTES = ["Vientiane", "Laos", "Myanmar", "Hanoi", "Manila", "Jakarta", "Kuala Lumpur",
                     "Singapore"]
NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w])")


def paragraphs(path: Path) -> list[str]:
    """The paragraphs of a seed: blocks separated by blank lines, else single lines."""
    text = path.read_text(encoding="utf-8")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    if len(blocks) < 4:
        blocks = [line.strip() for line in text.splitlines() if line.strip()]
    return blocks


def vary_numbers(text: str, rng: random.Random) -> str:
    """Move each figure by up to 30% (years are left alone: dates must stay dates)."""
    def move(m: re.Match[str]) -> str:
        raw = m.group(1)
        value = float(raw.replace(",", ""))
        if 1900 <= value <= 2100 and "," not in raw and "." not in raw:
            return raw
        new = value * rng.uniform(0.7, 1.3)
        if "." in raw:
            return f"{new:.{len(raw.split('.')[1])}f}"
        return f"{round(new):,}" if "," in raw else str(max(1, round(new)))
    return NUMBER.sub(move, text)


def swap_names(text: str, rng: random.Random) -> str:
    """Give the people and some places of a source other names, consistently within the source."""
    people = dict(zip(PEOPLE, rng.sample(SUBSTITUTES, len(PEOPLE)), strict=True))
    places = {p: rng.choice(PLACE_SUBSTITUTES) for p in rng.sample(PLACES, 2)}
    for old, new in {**people, **places}.items():
        text = text.replace(old, new)
        surname, new_surname = old.split()[-1], new.split()[-1]
        text = re.sub(rf"\b{re.escape(surname)}\b", new_surname, text)
    return text


def source(i: int, seeds: list[list[str]], words: int, rng: random.Random) -> str:
    """One generated source: a seed's paragraphs shuffled, topped up from the others, varied."""
    own = list(seeds[i % len(seeds)])
    rng.shuffle(own)
    body = own[:]
    target = int(words * rng.uniform(0.6, 1.4))
    while sum(len(p.split()) for p in body) < target:
        body.append(rng.choice(rng.choice(seeds)))
    text = "\n\n".join(body)
    return vary_numbers(swap_names(text, rng), rng) + "\n"


def generate(out: Path, n: int, words: int, seed: int) -> tuple[int, int]:
    """Write `n` sources (and the seeds' themes.toml) into `out`; return (sources, words)."""
    seeds = [paragraphs(p) for p in sorted(SEEDS.glob("*.txt"))]
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SEEDS / "themes.toml", out / "themes.toml")
    total = 0
    for i in range(n):
        text = source(i, seeds, words, random.Random(seed * 1_000_003 + i))
        (out / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text.split())
    return n, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--words", type=int, default=400, help="mean words per source")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.out.resolve().is_relative_to(ROOT):
        sys.exit("write the corpus outside the repository (it is never committed)")
    n, total = generate(args.out, args.sources, args.words, args.seed)
    print(f"{n} sources, {total:,} words in {args.out}")


if __name__ == "__main__":
    main()
