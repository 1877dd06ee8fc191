"""HTML saved from the web: the main text (no navigation, ads or comments) and the page's own
metadata, both found by trafilatura. Parsing never fetches anything: trafilatura is given the
page's text, not a URL to download."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from briefer.errors import InputError
from briefer.ingest.pagedate import is_wire
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
    return _drop_headline(text, doc.get("title")), page_metadata(doc, structured(page))


def _drop_headline(text: str, title: str | None) -> str:
    """The text without a first line that repeats the title (the title is metadata, not text)."""
    first, _, rest = text.partition("\n\n")
    same = title and re.sub(r"\W+", " ", first).strip().lower() == re.sub(r"\W+", " ", title).strip().lower()
    return rest if same and rest.strip() else text


def page_metadata(doc: dict[str, Any], ld: dict[str, object] | None = None) -> dict[str, object]:
    """The metadata keys briefer uses, from trafilatura's result, with the page's JSON-LD /
    OpenGraph values (`ld`) where trafilatura found none; empty values left out. An "author" that
    names the outlet, a wire or nobody ("Staff", "admin") is no author."""
    ld = ld or {}
    publisher = doc.get("sitename") or ld.get("publisher")
    authors = [a for a in _AUTHOR_SPLIT.split(doc.get("author") or "") if a] or list(ld.get("authors") or [])
    kept = [a for a in authors if _is_person(a, publisher)]
    if not publisher and authors and not kept and is_wire(authors[0]):
        publisher = authors[0]
    meta: dict[str, object] = {
        "title": doc.get("title") or ld.get("title"),
        "publisher": publisher,
        "authors": kept,
        "date": _iso_date(doc.get("date")) or _iso_date(ld.get("date")),
        "url": doc.get("url") if str(doc.get("url") or "").startswith(("http://", "https://")) else None,
    }
    return {k: v for k, v in meta.items() if v}


def _is_person(name: str, publisher: object) -> bool:
    low = name.casefold().strip()
    return bool(low) and low != str(publisher or "").casefold() and not is_wire(name) \
        and low not in _NOBODY and not re.search(r"[@/]|\.(?:com|org|net)\b|\d", low)


_NOBODY = {"staff", "admin", "administrator", "editor", "editors", "newsroom", "web desk", "news desk",
           "desk", "team", "guest", "anonymous", "correspondent", "staff reporter", "staff writer"}
_LD = re.compile(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", re.S | re.I)
_OG = re.compile(r"""<meta[^>]+(?:property|name)\s*=\s*["'](og:site_name|og:title|article:published_time)["']"""
                 r"""[^>]*content\s*=\s*["']([^"']+)["']""", re.I)


def structured(page: str) -> dict[str, object]:
    """Title, publisher, authors and date from the page's JSON-LD article object and OpenGraph
    tags (what a page declares about itself for search engines and link previews)."""
    out: dict[str, object] = {}
    for key, value in _OG.findall(page):
        out.setdefault({"og:site_name": "publisher", "og:title": "title"}.get(key.lower(), "date"), value)
    for block in _LD.findall(page):
        try:
            data = json.loads(block)
        except ValueError:
            continue
        article = next(_articles(data), None)
        if article:
            _from_ld(article, out)
            break
    return out


def _articles(data: Any) -> Iterator[dict[str, Any]]:
    """Objects whose @type is an article kind, anywhere in a JSON-LD document (also in @graph)."""
    if isinstance(data, list):
        for item in data:
            yield from _articles(item)
    elif isinstance(data, dict):
        kinds = data.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(isinstance(k, str) and k.endswith(("Article", "BlogPosting", "Report")) for k in kinds):
            yield data
        yield from _articles(data.get("@graph"))


def _from_ld(article: dict[str, Any], out: dict[str, object]) -> None:
    def name(value: Any) -> str | None:
        value = value.get("name") if isinstance(value, dict) else value
        return value.strip() if isinstance(value, str) and value.strip() else None

    people = article.get("author")
    people = people if isinstance(people, list) else [people]
    authors = [n for n in (name(p) for p in people) if n]
    found = {"title": name(article.get("headline")), "publisher": name(article.get("publisher")),
             "date": name(article.get("datePublished")), "authors": authors}
    out.update({k: v for k, v in found.items() if v})


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
