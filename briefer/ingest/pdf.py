"""PDF sources: the text pypdf lays out (so blank lines and indents survive) re-flowed into
one line per paragraph, and the document's title and author."""

from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

from briefer.errors import InputError

_BULLET = re.compile(r"^\s*([•·▪◦‣●○■□–-])\s+")
_SPACES = re.compile(r"[ \t\u00a0]+")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})
_PLACEHOLDERS = {"untitled", "microsoft word", "unknown", "writer", "pdf"}
MAX_PAGES = 2000  # a few hundred is a long report; 100,000 tiny pages fit in 600 KB and take minutes
MAX_TEXT = 20 * 1024 * 1024  # characters extracted, whatever the file's size (streams are compressed)


def read_pdf(path: Path, data: bytes, encoding: str | None = None) -> tuple[str, dict[str, object]]:
    """Return the text of a PDF, one paragraph per line with blank lines between, and its metadata.

    The PDF's dates are left out: they say when the file was made, not when the text was written.
    """
    from pypdf import PdfReader

    try:
        with _reader_messages() as messages:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise InputError(f"{path}: the PDF is encrypted")
            pages = _page_texts(path, reader)
            info = reader.metadata or {}
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged PDF makes pypdf raise almost anything
        # (AttributeError, RecursionError, its LimitReachedError on a deflate bomb): the file is
        # skipped with the reason, never the build
        raise InputError(f"{path}: not a readable PDF ({_first_line(exc)})") from None
    text = reflow("\n".join(pages).translate(_LIGATURES))
    if not text.strip():
        raise InputError(f"{path}: no text in the PDF (a scan? run OCR first)")
    meta = _metadata(info)
    if messages:  # printed by the CLI as "Warning: FILE: ...", never by pypdf on its own lines
        meta["warnings"] = [_summary(messages)]
    return text, meta


@contextlib.contextmanager
def _reader_messages() -> Iterator[list[str]]:
    """Collect what pypdf logs (its "pypdf" logger) or warns while reading one file, instead of
    letting it print bare lines that name no file."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    logger, handler = logging.getLogger("pypdf"), Collect(logging.WARNING)
    propagate, logger.propagate = logger.propagate, False
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield messages
        messages.extend(str(w.message) for w in caught)
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _summary(messages: list[str], shown: int = 3) -> str:
    """pypdf's messages as one warning: the first few distinct ones, and how many more."""
    distinct = list(dict.fromkeys(" ".join(m.split())[:160] for m in messages if m.strip()))
    more = f"; and {len(distinct) - shown} more" if len(distinct) > shown else ""
    return f"damaged PDF, read anyway (PDF reader: {'; '.join(distinct[:shown])}{more})"


def _page_texts(path: Path, reader: object) -> list[str]:
    """The laid-out text of each page, refusing more than MAX_PAGES pages (counted from the page
    tree before any page is read) or more than MAX_TEXT characters."""
    count = len(reader.pages)  # type: ignore[attr-defined]
    if count > MAX_PAGES:
        raise InputError(f"{path}: {count:,} pages, over the limit of {MAX_PAGES:,}")
    pages: list[str] = []
    size = 0
    for number, page in enumerate(reader.pages):  # type: ignore[attr-defined]
        if number >= MAX_PAGES:  # a page tree whose /Count understates it
            raise InputError(f"{path}: over {MAX_PAGES:,} pages")
        pages.append(page.extract_text(extraction_mode="layout") or "")
        size += len(pages[-1])
        if size > MAX_TEXT:
            raise InputError(f"{path}: over {MAX_TEXT:,} characters of text")
    return pages


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


def reflow(layout: str) -> str:
    """Join laid-out lines into paragraphs: a blank line or a bullet starts a new one."""
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in layout.replace("\f", "\n").split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        bullet = _BULLET.match(raw)
        if not line or bullet:
            paragraphs.append(_join(current))
            current = []
        if bullet:
            line = "• " + raw[bullet.end():].strip()
            line = _SPACES.sub(" ", line)
        if line:
            current.append(line)
    paragraphs.append(_join(current))
    return "\n\n".join(p for p in paragraphs if p) + "\n"


def _join(lines: list[str]) -> str:
    out = ""
    for line in lines:
        if out.endswith("-") and not out[-2:-1].isspace():
            out += line  # broken after a hyphen ("U.S.-" / "Cambodian"): keep it, drop the break
        else:
            out = f"{out} {line}" if out else line
    return out


def _metadata(info: object) -> dict[str, object]:
    get = getattr(info, "get", lambda key: None)
    title = _clean(get("/Title"))
    author = _clean(get("/Author"))
    meta: dict[str, object] = {}
    if title:
        meta["title"] = title
    if author:
        meta["authors"] = [a.strip() for a in author.split(";") if a.strip()]
    return meta


def _clean(value: object) -> str | None:
    text = _SPACES.sub(" ", str(value or "")).strip()
    return text if text and text.lower() not in _PLACEHOLDERS else None
