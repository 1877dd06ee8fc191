"""Word (.docx) sources: paragraphs and tables in document order, and the core properties."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from briefer.errors import InputError

_PLACEHOLDER_AUTHORS = {"python-docx", "author", "user", "unknown"}


def read_docx(path: Path, data: bytes, encoding: str | None = None) -> tuple[str, dict[str, object]]:
    """Return the text of a .docx (one paragraph per line, blank lines between; a table row as
    its cells joined by " | ") and its title and authors from the core properties.

    The core dates are left out: they say when the file was saved, not when the text was written.
    """
    import docx

    from briefer.safety import check_zip

    check_zip(data, label=str(path))  # zip bombs, encrypted or damaged parts, DTDs: refused first
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = [_block_text(block) for block in document.iter_inner_content()]
        meta = _metadata(document.core_properties)
    except Exception as exc:  # noqa: BLE001 - python-docx and lxml raise many kinds on a damaged
        # part (XMLSyntaxError on malformed XML, KeyError, AttributeError...): skip the file
        raise InputError(f"{path}: not a readable .docx ({_first_line(exc)})") from None
    text = "\n\n".join(b for b in blocks if b.strip()) + "\n"
    return text, meta


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


def _block_text(block: Any) -> str:
    from docx.table import Table

    if isinstance(block, Table):
        return "\n".join(_row_text(row) for row in block.rows)
    text = block.text.strip()
    if text and _is_list_item(block):
        return "• " + text
    return text


def _row_text(row: Any) -> str:
    cells: list[str] = []
    for cell in row.cells:
        text = re.sub(r"\s+", " ", cell.text).strip()
        if text and (not cells or cells[-1] != text):  # a merged cell repeats its text
            cells.append(text)
    return " | ".join(cells)


def _is_list_item(paragraph: Any) -> bool:
    p_pr = paragraph._p.pPr
    if p_pr is not None and p_pr.numPr is not None:
        return True
    style = paragraph.style.name if paragraph.style is not None else ""
    return bool(style) and style.startswith("List")


def _metadata(props: Any) -> dict[str, object]:
    meta: dict[str, object] = {}
    if (props.title or "").strip():
        meta["title"] = props.title.strip()
    authors = [a.strip() for a in (props.author or "").split(";") if a.strip()]
    authors = [a for a in authors if a.lower() not in _PLACEHOLDER_AUTHORS]
    if authors:
        meta["authors"] = authors
    return meta
