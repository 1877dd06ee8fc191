"""The small timeline figure above the timeline table: a PNG drawn with Pillow, byte-stable.

Each event is a dot on one line, labelled with its date and a few words of its sentence. The line
spans just the events shown; a gap that would take most of it (a 1958 treaty before events of
2021-2026) is cut short and marked with a break, so close events stay apart. Labels take the
first free row above or below the line. Pillow draws it in milliseconds (matplotlib's import
alone took most of a second), in DejaVu Sans where the system (or matplotlib) has it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefer.model import Event

MIN_EVENTS = 4
DPI = 250
WIDTH_IN = 7.0  # the reference's text width; a narrower page scales the picture down
FONT_PT = 7.5
LABEL_IN = 1.35  # widest label line
ROWS = 2  # label rows on each side of the line; a crowd gets dates alone
BREAK_SHARE = 0.05  # the axis length a cut gap keeps
MAX_CUTS = 2
FLAG = 8  # px between a label's text and its leader
MIN_STEP = 0.03  # the least room between two dates, so a cluster stays readable
# grey levels: a one-channel image encodes in a third of the time of a colour one
INK, DOT, LEAD, DATE, PAPER = 40, 20, 150, 0, 255
FONT_FILES = ("DejaVuSansCondensed.ttf", "DejaVuSans.ttf")
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF",
             "/usr/local/share/fonts", "/Library/Fonts", "C:/Windows/Fonts")
_PUNCT_ASCII = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_STOP = {"the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "with", "by", "at", "from", "that",
         "which", "as", "its", "their", "his", "her", "was", "were", "is", "are", "has", "had", "have"}
_LEAD_IN = re.compile(r"^(?:(?:and|but|also|however|meanwhile|then|later|earlier|since then|previously|"
                      r"in addition|additionally)\b,?\s*)+", re.I)
# "CITY (Agency) --", "CITY, Country (Agency) —": a dateline is not part of what happened
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,}(?:,\s*[A-Z][\w .'-]*)?\s*(?:\([^)]*\))?\s*[—–-]{1,2}\s+")
_PAREN = re.compile(r"\s*\([^()]*\)")
_ACRONYM = re.compile(r"((?:[A-Z][\w.&'-]*\s+(?:(?:of|and|for|the|on)\s+)*){1,9})\(([A-Z]{2,6})\)")
_PREP_TAIL = re.compile(r"(?:\b(?:on|in|since|by|from|until|as of|at|during|early|late|mid|the end of)\s+)+$",
                        re.I)
_DATE_TAIL = re.compile(r"^(?:,\s*\d{4})?,?\s*")
_SPACE_PUNCT = re.compile(r"\s+([.,;:])")
_SPACES = re.compile(r"\s+")


def when(iso: str) -> dt.date:
    """The day an ISO date (possibly partial) is drawn at: the start of its period."""
    parts = [int(p) for p in iso.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1] or 1, parts[2] or 1)


def short_date(iso: str) -> str:
    """ "2021", "Dec 2021" or "9 Dec 2021": as precise as the ISO date."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = MONTHS[parts[1] - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{parts[2]} {month} {parts[0]}"


def short_label(event: Event, max_chars: int = 44) -> str:
    """A few words of the event's own sentence: without its date, dateline and asides (an
    acronym in brackets stands for the name before it), cut at a word before `max_chars`."""
    text = _DATELINE.sub("", event.text.strip())
    text = _acronyms(text)
    for written in sorted({event.date_text, short_date(event.date)} - {""}):
        text = _drop_date(text, written)
    # spaces collapsed first: `\s*\(` and `\s+[.,]` tried at every space of a long run are quadratic
    text = _SPACE_PUNCT.sub(r"\1", _PAREN.sub("", _SPACES.sub(" ", text)))
    text = _LEAD_IN.sub("", _SPACES.sub(" ", text).strip(" ,;:-—"))
    words, out = text.split(), []
    for word in words:
        if len(" ".join([*out, word])) > max_chars:
            break
        out.append(word)
    cut = len(out) < len(words)
    while cut and len(out) > 1 and out[-1].lower().strip(",;:") in _STOP:
        out.pop()
    label = " ".join(out).rstrip(",;:") + ("…" if cut else "")
    return label[:1].upper() + label[1:]


def _drop_date(text: str, written: str) -> str:
    """`text` without the date as written, the preposition before it ("on", "in early") and a
    year or comma after it."""
    i = text.lower().find(written.lower())
    if i < 0:
        return text
    return f"{_PREP_TAIL.sub('', text[:i])} {_DATE_TAIL.sub('', text[i + len(written):])}"


def _acronyms(text: str) -> str:
    """ "the Bureau of Industry and Security (BIS)" -> "the BIS": a bracketed acronym whose
    letters start the capitalized words just before it replaces them."""
    def swap(m: re.Match[str]) -> str:
        words, acro = m.group(1).split(), m.group(2)
        caps = [w for w in words if w[:1].isupper()]
        if len(caps) >= len(acro) and "".join(w[0] for w in caps[-len(acro):]) == acro:
            keep = words[:len(words) - _span(words, len(acro))]
            return " ".join([*keep, acro])
        return m.group(0)

    return _ACRONYM.sub(swap, text)


def _span(words: list[str], n_caps: int) -> int:
    """How many trailing words hold the last `n_caps` capitalized ones (small words between)."""
    seen = 0
    for i, word in enumerate(reversed(words), 1):
        seen += word[:1].isupper()
        if seen == n_caps:
            return i
    return len(words)


def timeline_png(events: list[Event], *, min_events: int = MIN_EVENTS, cache: bool = False) -> bytes | None:
    """Draw the dated events on a line; None when there are fewer than `min_events`. With `cache`,
    a figure drawn before for the same events by the same code is read back."""
    if len(events) < min_events:
        return None
    if not cache:
        return _draw(events)
    from briefer import __version__
    from briefer.cache import Cache, digest

    store = Cache()
    drawing = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()  # new drawing code, new figure
    key = digest("timeline", __version__, drawing, [(e.date, short_label(e)) for e in events])
    png = store.get("figures", key)
    if png is None:
        png = _draw(events)
        store.put("figures", key, png)
    return png


def axis_positions(days: list[dt.date]) -> tuple[list[float], list[float]]:
    """Each day's place on a 0..1 axis, and where the axis is cut: a gap over half of all the
    (uncut) time between events, and over a year, is shortened to BREAK_SHARE (MAX_CUTS at most);
    consecutive dates are at least MIN_STEP apart."""
    order = sorted(set(days))
    gaps = [(b - a).days for a, b in zip(order, order[1:], strict=False)]
    cut = _cuts(gaps)
    steps = len(gaps) - len(cut)
    floor = min(MIN_STEP, (1.0 - BREAK_SHARE * len(cut)) / max(steps, 1))
    free = max(0.0, 1.0 - BREAK_SHARE * len(cut) - floor * steps)
    span = sum(g for i, g in enumerate(gaps) if i not in cut)
    x, place, breaks = 0.0, {order[0]: 0.0 if gaps else 0.5}, []
    for i, (g, day) in enumerate(zip(gaps, order[1:], strict=True)):
        step = BREAK_SHARE if i in cut else floor + (free * g / span if span else free / max(steps, 1))
        if i in cut:
            breaks.append(x + step / 2)
        x += step
        place[day] = x
    return [place[d] for d in days], breaks


def _cuts(gaps: list[int]) -> set[int]:
    """The gaps (by index) to cut: each over a year and over half the time left uncut."""
    cut: set[int] = set()
    for _ in range(MAX_CUTS):
        open_gaps = [(g, i) for i, g in enumerate(gaps) if i not in cut]
        if not open_gaps:
            break
        biggest, i = max(open_gaps)
        if biggest <= 365 or biggest <= sum(g for g, _ in open_gaps) / 2:
            break
        cut.add(i)
    return cut


@dataclass
class _Label:
    x: float  # the dot's x, px
    date: str
    lines: list[str]  # the first starts with the date
    width: float
    date_width: float
    left: float = 0.0
    row: int = 0  # 1, 2, ... above the line; -1, -2, ... below; 0: no label


@dataclass
class _Frame:
    """The figure's geometry in pixels."""

    width: int = round(WIDTH_IN * DPI)
    pad: int = round(0.12 * DPI)
    line_h: int = round(FONT_PT * 1.25 * DPI / 72)

    @property
    def axis(self) -> tuple[int, int]:
        """Where the axis starts and how long it is (room is left for the last label)."""
        return self.pad, self.width - 2 * self.pad - round(LABEL_IN * DPI * 0.25)

    @property
    def block(self) -> int:
        """The height of a row of labels: two lines and a visible stretch of leader."""
        return 2 * self.line_h + self.line_h * 3 // 4

    def text_top(self, row: int, axis_y: int) -> int:
        if row > 0:
            return axis_y - row * self.block + self.line_h // 4
        return axis_y + (-row - 1) * self.block + self.line_h // 2


def _draw(events: list[Event]) -> bytes:
    from PIL import Image, ImageDraw

    frame, (font, fold) = _Frame(), _font(round(FONT_PT * DPI / 72))
    xs, breaks = axis_positions([when(e.date) for e in events])
    start, length = frame.axis
    labels = [_label(e, start + x * length, font, fold) for e, x in zip(events, xs, strict=True)]
    _place(labels, frame.width, frame.pad // 2)
    up = max([lab.row for lab in labels] + [0])
    down = -min([lab.row for lab in labels] + [0])
    axis_y = frame.pad // 2 + up * frame.block
    image = Image.new("L", (frame.width, axis_y + down * frame.block + frame.pad // 2), PAPER)
    draw = ImageDraw.Draw(image)
    draw.line([(start - frame.pad // 2, axis_y), (start + length + frame.pad // 2, axis_y)], fill=INK, width=3)
    for bx in breaks:
        _break_mark(draw, start + bx * length, axis_y, frame.line_h)
    shown = [lab for lab in labels if lab.row]
    for lab in shown:
        top = frame.text_top(lab.row, axis_y)
        end = top if lab.row > 0 else top + len(lab.lines) * frame.line_h  # the pole runs the label's height
        draw.line([(lab.x, axis_y), (lab.x, end)], fill=LEAD, width=2)
    for lab in shown:  # over every leader line
        _text(draw, lab, frame.text_top(lab.row, axis_y), frame.line_h, font)
    r = round(0.028 * DPI)
    for lab in labels:
        draw.ellipse([lab.x - r, axis_y - r, lab.x + r, axis_y + r], fill=DOT)
    buf = io.BytesIO()
    image.save(buf, format="PNG", dpi=(DPI, DPI))
    return buf.getvalue()


def _text(draw: Any, lab: _Label, top: int, line_h: int, font: Any) -> None:
    """A label's lines on white (a leader line passing behind stops at the text), the date
    darker."""
    draw.rectangle([lab.left - 4, top, lab.left + lab.width + 4, top + len(lab.lines) * line_h], fill=PAPER)
    for n, line in enumerate(lab.lines):
        x, y, rest = lab.left, top + n * line_h, line
        if n == 0:
            draw.text((x, y), lab.date, font=font, fill=DATE)
            x += font.getlength(lab.date + " ")
            rest = line[len(lab.date):].lstrip()
        draw.text((x, y), rest, font=font, fill=INK)


def _font(px: int) -> tuple[Any, bool]:
    """DejaVu Sans (condensed where there is one: narrow, and with the glyphs of most scripts)
    from the system or matplotlib's copy; else Pillow's own font, which has ASCII only. The
    second value says whether text must be folded to ASCII."""
    from PIL import ImageFont

    for path in _font_files():
        try:
            return ImageFont.truetype(str(path), px), False
        except OSError:
            continue
    return ImageFont.load_default(size=px), True


def _font_files() -> list[Path]:
    import importlib.util

    dirs = [Path(d) for d in FONT_DIRS]
    spec = importlib.util.find_spec("matplotlib")  # finds the package without importing it
    if spec and spec.origin:
        dirs.append(Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf")
    return [d / name for name in FONT_FILES for d in dirs if (d / name).is_file()]


def _ascii(text: str) -> str:
    """ "MALACAÑANG" -> "MALACANANG": for a font without accented letters."""
    import unicodedata

    text = text.translate(_PUNCT_ASCII)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _label(event: Event, x: float, font: Any, fold: bool) -> _Label:
    """The date, then the short text, wrapped onto two lines at most."""
    limit = LABEL_IN * DPI
    date = short_date(event.date)
    lines, line = [], date
    for word in short_label(event).split():
        if font.getlength(f"{line} {word}") <= limit:
            line = f"{line} {word}"
        elif len(lines) == 1:
            line = line.rstrip(",;:") + ("…" if not line.endswith("…") else "")
            break
        else:
            lines.append(line)
            line = word
    lines.append(line)
    lines = [_ascii(t) for t in lines] if fold else lines
    return _Label(x, date, lines, max(font.getlength(t) for t in lines), font.getlength(date))


def _place(labels: list[_Label], width: int, gap: int) -> None:
    """Give each label the row nearest the line (above first, then below) where its text
    overlaps no other label and no leader line. A label starts just right of its dot, or ends
    just left of it, its leader running along its side like a flagpole; labels are placed from
    the right, so in a cluster the earlier dots climb to the outer rows: a staircase whose
    leaders never cross a label. Where a crowd leaves no such place, the label is its date
    alone, or there is none."""
    order = [r for n in range(1, ROWS + 1) for r in (n, -n)]
    placed: list[_Label] = []
    dots = sorted({lab.x for lab in labels})
    for lab in sorted(labels, key=lambda lab: -lab.x):
        full = lab.lines, lab.width
        for date_only in (False, True):
            lab.lines, lab.width = ([lab.date], lab.date_width) if date_only else full
            tries = [(_covers(lab, left, dots, gap), n, row, left) for n, row in enumerate(order)
                     for left in _sides(lab, width, gap) if _fits(lab, row, left, placed, gap)]
            if tries:  # nearest the line, but over no other dot (its leader would be cut) if it can
                _, _, lab.row, lab.left = min(tries)
                placed.append(lab)
                break
        else:
            lab.row, lab.lines = 0, []  # a dot alone: the table under the figure has the event


def _covers(lab: _Label, left: float, dots: list[float], gap: int) -> int:
    """How many other dots the label would stand over, starting at `left`."""
    return sum(left - gap < x < left + lab.width + gap for x in dots if x != lab.x)


def _sides(lab: _Label, width: int, gap: int) -> list[float]:
    """Where the label may start: just right of its dot, or ending just left of it."""
    sides = [left for left in (lab.x + FLAG, lab.x - FLAG - lab.width) if gap <= left <= width - gap - lab.width]
    return sides or [max(gap, width - gap - lab.width)]


def _fits(lab: _Label, row: int, left: float, placed: list[_Label], gap: int) -> bool:
    """True when `lab` in `row` from `left` overlaps no placed label, crosses no leader line
    and lets none cross it."""
    lo, hi = left - gap, left + lab.width + gap
    for other in placed:
        same_side = (other.row > 0) == (row > 0)
        if other.row == row and other.left < hi and lo < other.left + other.width:
            return False
        if same_side and abs(other.row) > abs(row) and lo < other.x < hi:
            return False  # would sit on that label's leader line
        if same_side and abs(other.row) < abs(row) and other.left - gap < lab.x < other.left + other.width + gap:
            return False  # its own leader would cross that label
    return True


def _break_mark(draw: Any, x: float, y: int, size: int) -> None:
    """Two short slanted strokes across the line where a long gap was cut."""
    half = size // 3
    draw.rectangle([x - half, y - 2, x + half, y + 2], fill=PAPER)
    for dx in (-half // 2, half // 2):
        draw.line([(x + dx - half // 2, y + half), (x + dx + half // 2, y - half)], fill=INK, width=2)
