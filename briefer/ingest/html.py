"""HTML saved from the web: the main text (no navigation, ads or comments) and the page's own
metadata, both found by trafilatura. Parsing never fetches anything: trafilatura is given the
page's text, not a URL to download."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from briefer.errors import InputError
from briefer.ingest.text import decode, normalise_newlines

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)
_LIST_ITEM = re.compile(r"^- (?=\S)", re.M)
_AUTHOR_SPLIT = re.compile(r"\s*;\s*")  # trafilatura's separator; "and" is in names of bodies


def read_html(path: Path, data: bytes, encoding: str | None = None) -> tuple[str, dict[str, object]]:
    """Return the main text of an HTML page and its metadata (title, publisher, authors, date, url).

    Paragraphs are separated by blank lines so that each stays a unit for the analysis; a first
    line that only repeats the title is left out (the title is in the metadata).
    """
    page = decode(data, path, encoding or _declared_charset(data))
    doc = _extract(page)
    if doc is None or not (doc.get("text") or "").strip():
        raise InputError(f"{path}: no main text found in the HTML page")
    text = re.sub(r"\n+", "\n\n", normalise_newlines(doc["text"]).strip()) + "\n"
    text = _LIST_ITEM.sub("• ", text)  # list items marked as the other readers mark them
    return _drop_headline(text, doc.get("title")), page_metadata(doc)


def _drop_headline(text: str, title: str | None) -> str:
    """The text without a first line that repeats the title (the title is metadata, not text)."""
    first, _, rest = text.partition("\n\n")
    same = title and re.sub(r"\W+", " ", first).strip().lower() == re.sub(r"\W+", " ", title).strip().lower()
    return rest if same and rest.strip() else text


def page_metadata(doc: dict[str, Any]) -> dict[str, object]:
    """The metadata keys briefer uses, from trafilatura's result; empty values left out."""
    meta: dict[str, object] = {
        "title": doc.get("title"),
        "publisher": doc.get("sitename"),
        "authors": [a for a in _AUTHOR_SPLIT.split(doc.get("author") or "") if a],
        "date": _iso_date(doc.get("date")),
        "url": doc.get("url") if str(doc.get("url") or "").startswith(("http://", "https://")) else None,
    }
    return {k: v for k, v in meta.items() if v}


def _extract(page: str) -> dict[str, Any] | None:
    """trafilatura's result as a dict (title, author, date, sitename, url, text, ...)."""
    import trafilatura

    result = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    return None if result is None else dict(result.as_dict())


def _iso_date(value: Any) -> str | None:
    match = re.match(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", str(value or ""))
    return match.group(0) if match else None


def _declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    import codecs

    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
