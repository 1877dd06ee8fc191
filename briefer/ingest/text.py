"""Reading plain text and Markdown sources: decoding that is never silently wrong.

A BOM wins (and is dropped); then `--encoding` if given; then UTF-8; then, for bytes that are not
UTF-8, detection (charset-normalizer) with a warning naming the encoding. A file that is mostly
UTF-8 with a few stray Windows-1252 bytes ("mixed") keeps its UTF-8 and has the stray bytes
decoded as Windows-1252, with a warning. Binary files are refused. Characters XML cannot hold
are replaced by U+FFFD (same length, so offsets stay valid) and counted (`clean_text`).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from briefer.errors import InputError

BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]
SNIFF = 8192  # bytes looked at to tell text from binary
MAX_NULS = 2  # more NUL bytes than this in the first SNIFF bytes: binary
MAX_CONTROL_SHARE = 0.05  # more control characters than this share of the first SNIFF: binary
# XML 1.0 cannot hold these; python-docx raises ValueError (UnicodeEncodeError for surrogates)
ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
PAGE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})  # vertical tab, form feed: line breaks
WESTERN_SLACK = 0.02  # chaos (mess) within which Windows-1252 wins a detection tie
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def decode(data: bytes, path: Path, encoding: str | None = None) -> str:
    """Decode source bytes to text with \\n line breaks (see `decode_with_notes`)."""
    return decode_with_notes(data, path, encoding)[0]


def decode_with_notes(data: bytes, path: Path, encoding: str | None = None) -> tuple[str, list[str]]:
    """Decode source bytes; return the text and warnings (encoding guessed, bytes re-read)."""
    notes: list[str] = []
    for bom, codec in BOMS:
        if data.startswith(bom) and (encoding is None or _unicode(encoding)):
            return normalise_newlines(_strict(data, path, codec, "surrogatepass")), notes
    if encoding is not None:  # the user's word wins over anything that merely looks like a BOM
        return normalise_newlines(_strict(data, path, encoding)), notes
    if data[:SNIFF].count(0) > MAX_NULS:
        raise InputError(f"{path}: binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _not_utf8(data, path, notes)
    if _looks_binary(text):
        raise InputError(f"{path}: binary file (control characters), not text")
    return normalise_newlines(text), notes


def _unicode(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def _strict(data: bytes, path: Path, codec: str, errors: str = "strict") -> str:
    try:
        return data.decode(codec, errors)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid {exc.encoding} at byte {exc.start}; "
                         "re-save it as UTF-8 or pass the right --encoding") from None
    except LookupError:
        raise InputError(f"{path}: unknown encoding {codec!r} (--encoding)") from None


def _not_utf8(data: bytes, path: Path, notes: list[str]) -> str:
    """Bytes that are not strict UTF-8: surrogates, a mixture, or another encoding."""
    try:
        return data.decode("utf-8", "surrogatepass")  # UTF-8-encoded lone surrogates: cleaned later
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", "surrogateescape")
    stray = sum(1 for c in escaped if "\udc80" <= c <= "\udcff")
    multibyte = sum(1 for c in escaped if c > "\x7f" and not "\udc80" <= c <= "\udcff")
    if multibyte >= stray:  # mostly UTF-8: re-read only the stray bytes
        notes.append(f"mixed encodings: {stray} byte(s) that are not UTF-8 decoded as Windows-1252; "
                     "check them, or pass --encoding")
        return re.sub("[\udc80-\udcff]+", _cp1252, escaped)
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None or best.encoding is None:
        raise InputError(f"{path}: not text in any known encoding (binary?)")
    # a tie between single-byte code pages is common (cp1250 and cp1252 both decode "û", as
    # different letters): prefer Windows-1252, by far the likeliest for news and web text
    western = next((r for r in results if r.encoding == "cp1252" and r.chaos <= best.chaos + WESTERN_SLACK),
                   None)
    best = western or best
    name = best.encoding
    notes.append(f"not UTF-8; decoded as {_display(name)} (detected); pass --encoding if that is wrong")
    return str(best)


def _cp1252(match: re.Match[str]) -> str:
    raw = match.group().encode("utf-8", "surrogateescape")
    return "".join(_byte_cp1252(b) for b in raw)


def _byte_cp1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: undefined in Windows-1252
        return chr(byte)


def _display(codec: str) -> str:
    names = {"cp1252": "Windows-1252", "cp1250": "Windows-1250", "latin_1": "Latin-1",
             "iso8859_15": "Latin-9", "mac_roman": "Mac Roman"}
    return names.get(codec, codec)


def _looks_binary(text: str) -> bool:
    head = text[:SNIFF]
    return bool(head) and len(_CONTROL.findall(head)) > MAX_CONTROL_SHARE * len(head)


def clean_text(text: str) -> tuple[str, int]:
    """Replace characters XML cannot hold by U+FFFD (form feeds become line breaks).

    Same length in, same length out, so offsets into the text stay valid. Returns the text and
    how many characters were replaced by U+FFFD.
    """
    text = text.translate(PAGE_BREAKS)
    cleaned, count = ILLEGAL.subn("\ufffd", text)
    return cleaned, count


def normalise_newlines(text: str) -> str:
    """Use \\n for every line break so offsets mean the same on every platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, data: bytes, encoding: str | None = None) -> tuple[str, dict[str, object]]:
    """Return the decoded text of a .txt/.md file and its metadata: only `warnings`, if any."""
    text, notes = decode_with_notes(data, path, encoding)
    return text, ({"warnings": notes} if notes else {})
