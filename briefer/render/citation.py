"""Chicago-style notes for sources: the first citation in full, later ones short.
Unknown fields are left out, never invented."""

from __future__ import annotations

import datetime as dt

from briefer.model import Source, join_names

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def human_date(iso: str | None) -> str | None:
    """"2025-11-06" -> "November 6, 2025"; "2021-12" -> "December 2021"; "2021" -> "2021"."""
    if not iso:
        return None
    parts = iso.split("-")
    try:
        if len(parts) == 3:
            d = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
            return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return iso
    return parts[0]


def full_note(src: Source) -> str:
    """`First Last, "Headline," Outlet, Month D, YYYY, URL.` with unknown fields left out."""
    parts = []
    if src.authors:
        parts.append(join_names(src.authors))
    elif src.publisher and src.kind == "official":
        parts.append(src.publisher)
    if src.title:
        parts.append(f'"{src.title},"')
    if src.publisher and not (not src.authors and src.kind == "official"):
        parts.append(src.publisher)
    if src.medium:
        parts.append(src.medium)
    if src.date:
        parts.append(human_date(src.date) or src.date)
    if src.url:
        parts.append(f"<{src.url}>")
    return _join(parts)


def short_note(src: Source) -> str:
    """`Lewis, Brunnstrom and Keidan, Reuters.` or `Publisher, "Short Title."`"""
    parts = []
    if src.authors:
        parts.append(join_names([a.split()[-1] for a in src.authors]))
        if src.publisher:
            parts.append(src.publisher)
    else:
        if src.publisher:
            parts.append(src.publisher)
        if src.title:
            parts.append(f'"{short_title(src.title)},"')
    if not parts:
        parts.append(src.path.rsplit("/", 1)[-1])
    return _join(parts)


def short_title(title: str, words: int = 4) -> str:
    """Chicago short title: up to four words."""
    split = title.split()
    return title if len(split) <= words else " ".join(split[:words])


def _join(parts: list[str]) -> str:
    text = ""
    for part in parts:
        if not text:
            text = part
        elif text.endswith(',"'):
            text += " " + part
        else:
            text += ", " + part
    if text.endswith(',"'):
        return text[:-2] + ".\""
    return text if text.endswith(".") else text + "."
