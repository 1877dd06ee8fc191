"""Writing outputs safely: atomically (temp file in the same folder, fsync, os.replace), never over a
file briefer did not write unless forced, and to standard output with `-`."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import zipfile
from pathlib import Path

from briefer.errors import OutputError

MARKERS = (b"briefer.summary", b'"generator": "briefer', b"<!-- generator: briefer",
           b'<meta name="generator" content="briefer')


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a part."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fchmod(fh.fileno(), _file_mode(path))
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write: {exc.strerror}") from None
        raise
    _sync_dir(folder)


def _file_mode(path: Path) -> int:
    """Keep an existing file's mode; a new file gets the usual 0666 & ~umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def written_by_briefer(path: Path) -> bool:
    """True when the file at `path` is one briefer wrote (so rebuilding over it is normal)."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                return "docProps/custom.xml" in zf.namelist() and \
                    b"briefer.summary" in zf.read("docProps/custom.xml")
        with open(path, "rb") as fh:
            head = fh.read(4096)
        return any(m in head for m in MARKERS)
    except (OSError, zipfile.BadZipFile, KeyError):
        return False


def write_output(path: str, data: bytes, *, force: bool = False) -> None:
    """Write an output file (or standard output for "-"), refusing to clobber a foreign file."""
    if path == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; give a file name such as {target / 'brief.docx'}")
    if target.exists() and not force and not written_by_briefer(target):
        raise OutputError(f"{target}: exists and was not written by briefer (edited by hand?); "
                          "use --force to replace it")
    atomic_write(target, data)
