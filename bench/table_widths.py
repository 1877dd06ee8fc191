"""How long sharing a table's width among its columns takes (`briefer.render.tables`), and how
many lines the rows then take, on made-up tables the shape of a brief's: a sources annex (five
columns, a long note in some rows), a figures table, and a 1,000-row table (a full-length
appendix). Best of --rounds.

    python bench/table_widths.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import random
import time

WORDS = ("the harbour board of a river town voted on a new quay after long talks with two ferry firms "
         "and the regional council over fares storage and winter timetables").split()


def _text(rnd: random.Random, n: int) -> str:
    return " ".join(rnd.choice(WORDS) for _ in range(n))


def tables() -> dict[str, list[list[str]]]:
    """Made-up tables: header row first."""
    rnd = random.Random(7)
    annex = [["#", "Source", "Date", "Kind", "Quality notes"]]
    annex += [[f"S{i}", _text(rnd, rnd.randint(2, 16)), "undated", "—",
               _text(rnd, rnd.choice([0, 5, 5, 24]))] for i in range(1, 11)]
    figures = [["Figure", "What it measures", "As of", "Source"]]
    figures += [[f"${rnd.randint(2, 90)} million", _text(rnd, rnd.randint(2, 9)), "4 May 2024",
                 _text(rnd, 3)] for _ in range(6)]
    long = [["Figure", "What it measures", "As of", "Source"]]
    long += [[f"{rnd.randint(2, 900)}%", _text(rnd, rnd.randint(3, 25)), "2024", _text(rnd, rnd.randint(2, 12))]
             for _ in range(1000)]
    return {"sources annex (10 rows)": annex, "figures (6 rows)": figures, "appendix (1,000 rows)": long}


def main() -> None:
    from briefer.render.tables import CellText, column_widths

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    for name, raw in tables().items():
        rows = [[CellText(t, bold=n == 0) for t in row] for n, row in enumerate(raw)]
        best = float("inf")
        for _ in range(args.rounds if len(rows) < 100 else max(args.rounds // 10, 1)):
            start = time.perf_counter()
            widths = column_widths(rows, len(rows[0]), 10080, 8.5)
            best = min(best, time.perf_counter() - start)
        print(f"{name}: {best * 1000:.2f} ms, {_height(rows, widths)} lines")


def _height(rows: list[list[object]], widths: list[int]) -> int:
    """Lines the rows take, each as tall as its most wrapped cell (greedy wrap at the module's
    measured widths, so that any checkout is measured the same way)."""
    from briefer.render.tables import CELL_PADDING, text_width

    def lines(text: str, width: int, bold: bool) -> int:
        count, used = 1, 0
        for word in text.split():
            w = text_width(word, 8.5, bold)
            if used and used + text_width(" ", 8.5) + w > width - CELL_PADDING:
                count, used = count + 1, w
            else:
                used += (text_width(" ", 8.5) if used else 0) + w
        return count

    return sum(max(lines(c.text, w, c.bold) for c, w in zip(row, widths, strict=True))  # type: ignore[attr-defined]
               for row in rows)


if __name__ == "__main__":
    main()
