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
    """`First Last, "Headline," Outlet, Month D, YYYY, URL.` with unknown fields left out; a source
    known by none of author, outlet and headline is named by its opening words in quotes."""
    parts = []
    official = not src.authors and src.kind == "official"
    if src.authors:
        parts.append(join_names(src.authors, serial=True))
    elif src.publisher and official:
        parts.append(src.publisher)
    if src.title:
        parts.append(_quoted(src.title))
    elif not src.authors:
        parts.append(_quoted(_opening(src, 10)))
    if src.publisher and not official:
        parts.append(src.publisher)
    if src.medium:
        parts.append(src.medium)
    if src.date:
        parts.append(human_date(src.date) or src.date)
    if src.url:
        parts.append(f"<{src.url}>")
    return _join(parts)


def short_note(src: Source) -> str:
    """`Lewis, Brunnstrom, and Keidan, "Short Title."`, `Son, KPT English.` or `Publisher, "Short
    Title."`; a source without a headline is named by its opening words; never a file name."""
    parts = []
    if src.authors:
        parts.append(join_names([surname(a, src.family_name_first) for a in src.authors], serial=True))
        if src.title:
            parts.append(_quoted(short_title(src.title)))
        elif src.publisher:
            parts.append(src.publisher)
        else:
            parts.append(_quoted(_opening(src, 5)))
    else:
        if src.publisher:
            parts.append(src.publisher)
        parts.append(_quoted(short_title(src.title) if src.title else _opening(src, 5)))
    return _join(parts)


def _quoted(title: str) -> str:
    """A title in quotes with Chicago's comma inside, unless it ends with its own ? or !."""
    return f'"{title}"' if title.endswith(("?", "!")) else f'"{title},"'


def surname(name: str, family_name_first: bool = False) -> str:
    """The family name: the last word, or the first where names are written family name first
    (Khmer, Vietnamese, Chinese: "Hun Manet" -> "Hun")."""
    words = name.split()
    if not words:
        return name
    return words[0] if family_name_first else words[-1]


_FUNCTION_WORDS = {"a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "by", "with", "at", "as",
                   "from", "after", "over", "its", "their", "is", "are"}


def short_title(title: str, words: int = 4) -> str:
    """Chicago short title: up to four words of the headline, not ending on a function word; a
    kicker before a colon ("Explainer:", "West Africa:", "PUBLIC LAW:") is left out."""
    title = _without_kicker(title.replace(" …", "").strip())
    split = title.split()
    if len(split) <= words:
        return title.rstrip(",;:")
    short = split[:words]
    while len(short) > 1 and short[-1].casefold().strip(",;:") in _FUNCTION_WORDS:
        short.pop()
    return " ".join(short).rstrip(",;:.")


def _without_kicker(title: str) -> str:
    """The headline after a section label that opens it: one to three words, or capitals, before
    its first colon, with a headline of three words or more after it."""
    head, colon, rest = title.partition(":")
    if colon and len(rest.split()) >= 3 and (len(head.split()) <= 3 or head.isupper()):
        return rest.strip()
    return title


def _opening(src: Source, words: int) -> str:
    """The opening words of the source's text (after any dateline), or a plain placeholder."""
    from briefer.ingest.metadata import leading_dateline

    return (src.opening(words, skip=leading_dateline) or "Untitled source").rstrip(",;:")


def _join(parts: list[str]) -> str:
    text = ""
    for part in parts:
        if not text:
            text = part
        elif text.endswith((',"', '?"', '!"')):
            text += " " + part
        else:
            text += ", " + part
    if text.endswith(',"'):
        return text[:-2] + ".\""
    return text if text.endswith((".", '?"', '!"')) else text + "."
