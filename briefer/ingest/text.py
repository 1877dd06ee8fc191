"""Reading plain text and Markdown sources."""

from __future__ import annotations

import codecs
from pathlib import Path

from briefer.errors import InputError

BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]


def decode(data: bytes, path: Path, encoding: str | None = None) -> str:
    """Decode source bytes: a BOM wins, then the given encoding, else strict UTF-8."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            encoding = codec
            break
    if encoding is None and b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file (NUL bytes), not text")
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid {exc.encoding} at byte {exc.start}; "
                         "re-save it as UTF-8 or pass --encoding") from None
    except LookupError:
        raise InputError(f"{path}: unknown encoding {encoding!r}") from None
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    """Use \\n for every line break so offsets mean the same on every platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, data: bytes, encoding: str | None = None) -> tuple[str, dict[str, object]]:
    """Return the decoded text of a .txt/.md file and the metadata the file itself carries (none)."""
    return decode(data, path, encoding), {}
