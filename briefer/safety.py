"""Reading the files briefer is given, and checking zip-based documents before they are opened.

`read_file` is the one reader for every path the tool opens (sources, --attach, the extraction
`render` reads, --themes, --config, sources.toml, --smtp-cafile, cache entries, an existing
output): regular files only, opened with O_NONBLOCK so a FIFO or a device never blocks, refused
from their size (a per-kind limit) before a byte is read, and every problem one line naming the
file.

`check_zip` reads only the zip's central directory first (declared sizes, ratios, part count,
encryption), so a zip bomb is refused in about a millisecond; then it streams every part,
counting the bytes that really come out (a lying header cannot push it past `max_expanded`), and
checks each part's CRC and each XML part for a DOCTYPE (no DTD, no entity, no XXE can follow).
Every problem is an InputError: one line, exit code 2.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from briefer.errors import BrieferError, InputError

MAX_EXPANDED = 256 * 1024 * 1024  # bytes, all parts together
MAX_RATIO = 200  # expanded / compressed, per part (real .docx parts stay under about 30)
MAX_PARTS = 2000
MAX_FILE = 64 * 1024 * 1024  # the zip file itself
# per-kind limits of read_file, in bytes (sources: --max-input; attachments: mail.MAX_ATTACHMENTS)
MAX_TOML = 2 * 1024 * 1024  # themes.toml, sources.toml, briefer.toml: a few KB in practice
MAX_JSON = 256 * 1024 * 1024  # an extraction read by `briefer render`
MAX_PEM = 4 * 1024 * 1024  # --smtp-cafile (a whole system bundle is about 200 KB)
RATIO_FLOOR = 1024 * 1024  # parts expanding to less than this are never bombs, whatever the ratio
CHUNK = 64 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office encryption wraps the zip in an OLE file
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def _encoded(words: tuple[str, ...], codecs: tuple[str, ...]) -> re.Pattern[bytes]:
    """A bytes pattern for `words`, any letter case, in each codec (UTF-16/32 as well as UTF-8)."""
    forms = []
    for codec in codecs:
        for word in words:
            forms.append(b"".join(b"(?:%s|%s)" % (re.escape(c.upper().encode(codec)),
                                                   re.escape(c.lower().encode(codec))) for c in word))
    return re.compile(b"|".join(forms))


# every part, whatever its name: python-docx parses any part whose declared content type is XML
_DECLARATION = _encoded(("<!DOCTYPE", "<!ENTITY"), ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))
_OPENERS = tuple("<!".encode(codec) for codec in ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))
_XML_ENCODING = re.compile(r"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
# encodings in which "<!DOCTYPE" is written as _DECLARATION looks for it; any other (UTF-7, EBCDIC...)
# could hide a declaration from the scan, so a part declaring one is refused
_SCANNED_ENCODINGS = {"utf-8", "utf8", "utf-16", "utf-16le", "utf-16be", "utf-32", "utf-32le", "utf-32be",
                      "ascii", "us-ascii", "iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252"}
_EBCDIC_XML = b"\x4c\x6f\xa7\x94"  # "<?xm" in EBCDIC, which libxml2 detects without a declaration


def check_zip(
    source: str | Path | bytes,
    *,
    max_expanded: int = MAX_EXPANDED,
    max_ratio: float = MAX_RATIO,
    max_parts: int = MAX_PARTS,
    label: str | None = None,
) -> bytes:
    """Check a zip-based document before anything opens it; return its bytes.

    Refuses (InputError, one line naming `label` or the path): a folder or special file, a file
    that is not a zip or is truncated, encrypted parts, more than `max_parts` parts, more than
    `max_expanded` bytes expanded (declared or actual), a part expanding more than `max_ratio`
    times, a damaged part (bad CRC or deflate stream), and XML parts carrying a DOCTYPE or
    ENTITY declaration (XXE, billion laughs).
    """
    name = label or (str(source) if not isinstance(source, bytes) else "document")
    data = source if isinstance(source, bytes) else read_file(source, MAX_FILE, label=name)
    if data.startswith(OLE_MAGIC):
        raise InputError(f"{name}: a password-protected (encrypted) Word file or a legacy .doc; "
                         "save an unprotected .docx")
    if not data.startswith(b"PK"):
        raise InputError(f"{name}: not a .docx (not a zip file)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            _check_directory(infos, name, max_expanded, max_ratio, max_parts)
            _check_parts(zf, infos, name, max_expanded, max_ratio)
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError,
            OSError) as exc:  # zlib.error is caught below as a damaged part
        raise InputError(f"{name}: damaged or truncated zip ({_first_line(exc)})") from None
    return data


class NotReadable(Exception):
    """Why a path cannot be read, in words ("a FIFO (named pipe), not a regular file")."""


@contextlib.contextmanager
def open_regular(path: str | Path, *, follow: bool = True) -> Iterator[tuple[IO[bytes], os.stat_result]]:
    """Open `path` for reading and yield the file with its status, for regular files only.

    O_NONBLOCK: a FIFO (even one swapped in after an earlier check) cannot hold the open, and
    fstat looks at the file actually opened, not the name. Raises NotReadable; reads may still
    raise OSError. With `follow=False` a symbolic link is refused too."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags if follow else flags | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise NotReadable(_open_problem(exc, follow)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable(f"{file_kind(info.st_mode)}, not a regular file")
        fh = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with fh:
        yield fh, info


def read_file(path: str | Path, limit: int, *, label: str | None = None,
              error: type[BrieferError] = InputError, hint: str = "", too_big: str | None = None) -> bytes:
    """The bytes of the regular file `path`, refused (one-line `error` naming `label`, default the
    path) when it is anything else or over `limit` bytes, checked from its size before reading.

    `hint` follows the size message (" (--max-input)"); `too_big` replaces it."""
    name = label or str(path)
    over = too_big or f"over the {limit:,}-byte limit{hint}"
    try:
        with open_regular(path) as (fh, info):
            if info.st_size > limit:
                raise error(f"{name}: {too_big or f'{info.st_size:,} bytes is {over}'}")
            data = fh.read(limit + 1)
    except NotReadable as exc:
        raise error(f"{name}: {exc}") from None
    except OSError as exc:
        raise error(f"{name}: cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:  # grew while it was read
        raise error(f"{name}: {over}")
    return data


def read_head(path: str | Path, limit: int, *, whole: bool = False) -> bytes | None:
    """The first `limit` bytes of a regular file, or None when it is no regular file or cannot be
    read (with `whole`, also when it is larger than `limit`). Never blocks on a FIFO."""
    try:
        with open_regular(path) as (fh, info):
            return None if whole and info.st_size > limit else fh.read(limit)
    except (NotReadable, OSError):
        return None


def file_kind(mode: int) -> str:
    """What a file that is not a regular one is, in words."""
    kinds = [(stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISSOCK, "a socket"), (stat.S_ISLNK, "a symbolic link")]
    return next((name for test, name in kinds if test(mode)), "a special file")


def _open_problem(exc: OSError, follow: bool) -> str:
    if exc.errno == errno.ENOENT:
        return "no such file"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop" if follow else "a symbolic link, not a regular file"
    return f"cannot read: {exc.strerror or exc}"


def _check_directory(infos: list[zipfile.ZipInfo], name: str, max_expanded: int, max_ratio: float,
                     max_parts: int) -> None:
    """Declared sizes only: no decompression, so a bomb costs about a millisecond."""
    if not infos:
        raise InputError(f"{name}: empty zip, not a .docx")
    if len(infos) > max_parts:
        raise InputError(f"{name}: {len(infos):,} parts, over the limit of {max_parts:,}")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(f"{name}: encrypted (password-protected); save an unprotected copy")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise InputError(f"{name}: part {info.filename!r} uses an unsupported compression")
        total += info.file_size
        if total > max_expanded:
            raise InputError(f"{name}: expands to over {max_expanded:,} bytes (a zip bomb?)")
        if info.file_size > RATIO_FLOOR and info.file_size > max_ratio * max(info.compress_size, 1):
            raise InputError(f"{name}: part {info.filename!r} expands "
                             f"{info.file_size / max(info.compress_size, 1):,.0f} times (a zip bomb?)")


def _check_parts(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], name: str, max_expanded: int,
                 max_ratio: float) -> None:
    """Stream every part: actual sizes, CRCs, and no DOCTYPE in XML."""
    import zlib

    total = 0
    for info in infos:
        if info.is_dir():
            continue
        head = b""
        size = 0
        try:
            with zf.open(info) as part:
                while chunk := part.read(CHUNK):
                    if size == 0:
                        _check_encoding(chunk, info.filename, name)
                    size += len(chunk)
                    total += len(chunk)
                    if total > max_expanded:
                        raise InputError(f"{name}: expands to over {max_expanded:,} bytes (a zip bomb?)")
                    if size > RATIO_FLOOR and size > max_ratio * max(info.compress_size, 1):
                        raise InputError(f"{name}: part {info.filename!r} expands over "
                                         f"{max_ratio:,.0f} times (a zip bomb?)")
                    window = head[-64:] + chunk
                    if declares(window):
                        raise InputError(f"{name}: part {info.filename!r} declares a DOCTYPE "
                                         "or entities; refused (XXE / entity expansion)")
                    head = window
        except zlib.error as exc:
            raise InputError(f"{name}: part {info.filename!r} is damaged ({_first_line(exc)})") from None
        except zipfile.BadZipFile as exc:
            raise InputError(f"{name}: part {info.filename!r} is damaged ({_first_line(exc)})") from None


def declares(data: bytes) -> bool:
    """True if `data` holds a DOCTYPE or ENTITY declaration in UTF-8/16/32, any letter case.

    bytes.find locates each "<!" (fast, in C); the pattern is tried only there, so 60 MB of
    random image bytes cost what a plain search does."""
    for opener in _OPENERS:
        at = data.find(opener)
        while at != -1:
            if _DECLARATION.search(data, max(at - 4, 0), at + 48):
                return True
            at = data.find(opener, at + 1)
    return False


def _check_encoding(start: bytes, part: str, name: str) -> None:
    """Refuse a part whose XML is in an encoding the DOCTYPE scan cannot read."""
    if start.startswith(_EBCDIC_XML):
        raise InputError(f"{name}: part {part!r} is EBCDIC XML; refused")
    codec = _codec_of(start)
    text = start[:512].decode(codec, "ignore").lstrip("\ufeff")
    declared = _XML_ENCODING.match(text)
    if declared and declared.group(1).strip().lower() not in _SCANNED_ENCODINGS:
        raise InputError(f"{name}: part {part!r} declares the XML encoding {declared.group(1)!r}; "
                         "refused (only UTF-8, UTF-16, UTF-32 and Latin-1 are checked)")


def _codec_of(start: bytes) -> str:
    """The codec of an XML part from its first bytes (BOM or the bytes of '<'), as XML sniffs it."""
    marks = [("utf-32-le", (b"\xff\xfe\x00\x00", b"<\x00\x00\x00")),
             ("utf-32-be", (b"\x00\x00\xfe\xff", b"\x00\x00\x00<")),
             ("utf-16-le", (b"\xff\xfe", b"<\x00")), ("utf-16-be", (b"\xfe\xff", b"\x00<"))]
    return next((codec for codec, starts in marks if start.startswith(starts)), "utf-8")


def parse_xml(data: bytes, *, label: str = "XML") -> Any:
    """Parse XML with no DTD, no entity expansion and no network: defusedxml's rules with lxml.

    A document with a DOCTYPE is refused outright (InputError), so no external entity can be
    read and no entity can expand.
    """
    from lxml import etree

    if _DOCTYPE.search(data[:65536]) or declares(data):
        raise InputError(f"{label}: declares a DOCTYPE or entities; refused")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{label}: not well-formed XML ({_first_line(exc)})") from None


def _first_line(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]
