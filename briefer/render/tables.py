"""Column widths for Word tables: no column narrower than its longest word, long text wrapped.

Widths are measured with DejaVu Sans advance widths (a wide face: the one LibreOffice falls back
to when a document's font is missing, and wider than Calibri, Cambria or Liberation), so a word
that fits by this measure fits in the fonts a brief is likely to be shown in. The share-out is
the browsers' automatic table layout, made shorter: each column gets at least its longest word;
the room left goes first where it takes lines off the rows (a row is as tall as its most wrapped
cell), and what saves no line goes to the columns in proportion to how much their text would
need on one line.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

# Advance widths in 1/1000 em of DejaVu Sans and DejaVu Sans Bold for " " .. "~".
_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775,
    752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390,
    337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838)
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821,
    837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457,
    365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
    716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838)
_OTHER = (640, 700)  # a character outside ASCII: about an average capital
SAFETY = 1.06  # serif faces (DejaVu Serif) run a few percent wider still
CELL_PADDING = 260  # twips: Table Grid's 0.075" left and right cell margins and the borders
SHORT_SHARE = 0.16  # a column whose longest line is narrower than this share is kept on one line
MAX_WORD_SHARE = 0.45  # a longer "word" (a URL, a file name) may break rather than take the table


@dataclass
class CellText:
    """What a cell shows, for measuring: its text, and whether it is bold (a header cell)."""

    text: str
    bold: bool = False


def text_width(text: str, size_pt: float, bold: bool = False) -> int:
    """The width of `text` on one line at `size_pt`, in twips (1/20 pt)."""
    table = _BOLD if bold else _REGULAR
    other = _OTHER[bold]
    units = sum(table[o - 32] if 32 <= (o := ord(ch)) < 127 else other for ch in text)
    return int(units * size_pt * 20 * SAFETY / 1000)


def _needs(cell: CellText, size_pt: float) -> tuple[int, int]:
    """(longest word, whole text on one line) of a cell, in twips, padding included."""
    words = cell.text.split()
    longest = max((text_width(w, size_pt, cell.bold) for w in words), default=0)
    return longest + CELL_PADDING, text_width(" ".join(words), size_pt, cell.bold) + CELL_PADDING


def column_widths(rows: Sequence[Sequence[CellText]], cols: int, total: int, size_pt: float) -> list[int]:
    """Share `total` twips among `cols` columns so that no column is narrower than its longest
    word (unless the words cannot all fit, or one is a URL-like run longer than
    MAX_WORD_SHARE of the table), a short column is not wrapped at all, and long text wraps
    where the rows stay shortest (`_fewest_lines`)."""
    low, high = [CELL_PADDING * 2] * cols, [CELL_PADDING * 2] * cols
    for row in rows:
        for i, cell in enumerate(row[:cols]):
            word, line = _needs(cell, size_pt)
            low[i] = max(low[i], min(word, int(total * MAX_WORD_SHARE)))
            high[i] = max(high[i], line)
    short = [max(lo, h) if h <= total * SHORT_SHARE else lo for lo, h in zip(low, high, strict=True)]
    if sum(short) <= total:  # a short column (a date, "As of") is never wrapped when it can be helped
        low = short
    if sum(high) <= total:  # everything fits on one line: widen in proportion
        widths = [total * h // sum(high) for h in high]
    elif sum(low) <= total:
        widths = _fewest_lines(rows, cols, low, high, total, size_pt)
    else:  # even the longest words do not fit side by side: break them evenly
        widths = [total * lo // sum(low) for lo in low]
    widths[-1] += total - sum(widths)
    return widths


def _fewest_lines(rows: Sequence[Sequence[CellText]], cols: int, low: list[int], high: list[int], total: int,
                  size_pt: float) -> list[int]:
    """Share the room beyond each column's longest word so that the table is as short as it can
    be. A row is as tall as its most wrapped cell, so the share in proportion to each column's
    text (the browsers' layout) can wrap a short note to three lines beside a title on two in
    every row: starting from that share, room moves from one column to another while a move
    takes lines off the table (moves of halving steps, and of just what a column needs to take a
    line off one of its cells); no column goes below its longest word."""
    spare, want = total - sum(low), [h - lo for h, lo in zip(high, low, strict=True)]
    widths = [lo + spare * w // max(sum(want), 1) for lo, w in zip(low, want, strict=True)]
    widths[-1] += total - sum(widths)
    # a column whose text fits in its longest word is on one line; a long table (a full-length
    # appendix) keeps the share, which costs nothing to find
    if sum(w > 0 for w in want) < 2 or len(rows) > SEARCH_ROWS:
        return widths
    table = _Wrapped(rows, [lo + spare if w > 0 else None for lo, w in zip(low, want, strict=True)], size_pt)
    best = table.height(widths)
    step = total // 8
    while step >= max(total // 128, 1):
        moved = True
        while moved:
            moved = False
            for i, j, size in table.moves(widths, low, step):
                trial = list(widths)
                trial[i], trial[j] = trial[i] + size, trial[j] - size
                lines = table.height(trial)
                if lines < best:
                    widths, best, moved = trial, lines, True
                    break
        step //= 2
    return widths


SEARCH_ROWS = 60


class _Wrapped:
    """A table's cells as the widths at which each takes fewer lines: each cell's breaks are
    found once, so trying a share of widths costs a lookup per cell."""

    def __init__(self, rows: Sequence[Sequence[CellText]], widest: Sequence[int | None], size_pt: float) -> None:
        space = text_width(" ", size_pt)
        # per column, per row: [(least width, lines at that width and above)], widest first; a
        # column is never wider than `widest`, and one with no `widest` is on one line
        self.breaks = [[_breaks(_word_widths(row[c], size_pt), space, top) if c < len(row) and top else [(0, 1)]
                        for row in rows] for c, top in enumerate(widest)]

    def height(self, widths: list[int]) -> int:
        """The table's height in lines: each row as tall as its most wrapped cell."""
        per_col = [[_lines_at(b, w) for b in col] for col, w in zip(self.breaks, widths, strict=True)]
        return sum(max(row) for row in zip(*per_col, strict=True)) if per_col else 0

    def moves(self, widths: list[int], low: list[int], step: int) -> Iterator[tuple[int, int, int]]:
        """(to, from, twips): `step`, and the least that takes a line off a cell of the column it
        goes to."""
        for i, col in enumerate(self.breaks):
            nearest = min((w for b in col for w, _ in b if w > widths[i]), default=None)
            sizes = sorted({step} | ({nearest - widths[i]} if nearest is not None else set()))
            for j in range(len(widths)):
                for size in sizes:
                    if i != j and widths[j] - size >= low[j]:
                        yield i, j, size


def _breaks(words: list[int], space: int, widest: int) -> list[tuple[int, int]]:
    """The widths (padding included, up to `widest`) from which a cell's words take each number
    of lines, widest first: [(least width for L lines, L), (least width for L + 1 lines, L + 1),
    ...] down to its longest word. Exact: a wrap holds until the width is below its widest line,
    so each step narrows to one twip less than that."""
    if not words:
        return [(0, 1)]
    least = max(words) + CELL_PADDING
    out: list[tuple[int, int]] = []
    lines, used = _layout(words, min(sum(words) + space * (len(words) - 1) + CELL_PADDING, widest), space)
    while used > least:
        narrower, narrower_used = _layout(words, used - 1, space)
        if narrower > lines:
            out.append((used, lines))
        lines, used = narrower, narrower_used
    out.append((used, lines))
    return out


def _layout(words: list[int], width: int, space: int) -> tuple[int, int]:
    """(lines, widest line with padding) of a cell's words wrapped at `width` twips."""
    room, lines, used, widest = width - CELL_PADDING, 1, -space, 0
    for w in words:
        if used + space + w > room and used > 0:
            widest, lines, used = max(widest, used), lines + 1, w
        else:
            used += space + w
    return lines, max(widest, used) + CELL_PADDING


def _lines_at(breaks: list[tuple[int, int]], width: int) -> int:
    """How many lines a cell with these breaks takes at `width`."""
    for least, lines in breaks:
        if width >= least:
            return lines
    return breaks[-1][1] + 1  # narrower than the longest word: it breaks


def table_height(rows: Sequence[Sequence[CellText]], widths: list[int], size_pt: float) -> int:
    """How many lines the table's rows take at these column widths."""
    return _Wrapped(rows, widths, size_pt).height(widths)


def _word_widths(cell: CellText, size_pt: float) -> list[int]:
    return [text_width(w, size_pt, cell.bold) for w in cell.text.split()]

