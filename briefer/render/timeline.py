"""The small timeline figure above the timeline table: a PNG drawn with matplotlib, byte-stable."""

from __future__ import annotations

import datetime as dt
import io

from briefer.model import Event

MIN_EVENTS = 4


def when(iso: str) -> dt.date:
    """The day an ISO date (possibly partial) is drawn at: the start of its period."""
    parts = [int(p) for p in iso.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1] or 1, parts[2] or 1)


def timeline_png(events: list[Event], *, min_events: int = MIN_EVENTS, cache: bool = False) -> bytes | None:
    """Draw the dated events on a line; None when there are fewer than `min_events`. With `cache`,
    a figure drawn before for the same dates is read back (drawing costs about 0.8 s)."""
    if len(events) < min_events:
        return None
    if not cache:
        return _draw(events)
    from briefer import __version__
    from briefer.cache import Cache, digest

    store, key = Cache(), digest("timeline", __version__, [e.date for e in events])
    png = store.get("figures", key)
    if png is None:
        png = _draw(events)
        store.put("figures", key, png)
    return png


def _draw(events: list[Event]) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    days = [when(e.date) for e in events]
    fig, ax = plt.subplots(figsize=(6.5, 1.6), dpi=150)
    try:
        ax.axhline(0, color="#555555", linewidth=1)
        ax.scatter(days, [0] * len(days), s=28, color="#1f4e79", zorder=3)
        for i, (day, event) in enumerate(zip(days, events, strict=True)):
            offset = (0.8, -0.8, 0.4, -0.4)[i % 4]  # four levels so close dates do not collide
            ax.annotate(event.date, (day, 0), xytext=(day, offset), ha="center", va="center",
                        fontsize=7, arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.6})
        ax.set_ylim(-1.1, 1.1)
        ax.yaxis.set_visible(False)
        for side in ("left", "right", "top"):
            ax.spines[side].set_visible(False)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.tick_params(axis="x", labelsize=7)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", metadata={"Software": None})
    finally:
        plt.close(fig)
    return buf.getvalue()
