"""Ingest: find the source files, read each with the reader for its suffix, clean and describe it.

Readers are a registry keyed by suffix (`READERS`); a new format is one entry. A reader takes the
path and the file's bytes and returns (text, metadata the file itself carries).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from briefer.config import load_source_meta
from briefer.errors import BrieferError, InputError
from briefer.ingest import metadata
from briefer.ingest.text import read_text
from briefer.model import Mention, Skipped, Source

Reader = Callable[[Path, bytes, "str | None"], tuple[str, dict[str, object]]]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_text,
    ".markdown": read_text,
    ".text": read_text,
}
META_FILE = "sources.toml"
CONFIG_FILES = {META_FILE, "themes.toml", "briefer.toml"}
MAX_INPUT = 20 * 1024 * 1024


def collect(paths: Iterable[Path]) -> tuple[list[Path], list[Skipped]]:
    """Expand files and folders into source files, sorted, regular files only."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.name in CONFIG_FILES or child.name.startswith("."):
                    continue
                if child.is_file() and child.suffix.lower() in READERS:
                    files.append(child)
                elif child.is_file():
                    skipped.append(Skipped(str(child), f"no reader for '{child.suffix or child.name}' files"))
        elif path.exists():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return files, skipped


def load(paths: Iterable[Path], *, encoding: str | None = None,
         max_bytes: int = MAX_INPUT) -> tuple[list[Source], list[Skipped]]:
    """Read every source under `paths`; files that cannot be used are skipped with a reason."""
    paths = list(paths)
    files, skipped = collect(paths)
    meta = _meta_files(paths)
    sources: list[Source] = []
    ids: set[str] = set()
    for path in files:
        try:
            src = read_source(path, encoding=encoding, max_bytes=max_bytes,
                              known=meta.get(path.name, {}))
        except BrieferError as exc:
            skipped.append(Skipped(str(path), str(exc).removeprefix(f"{path}: ")))
            continue
        src.id = _unique(source_id(path), ids)
        sources.append(src)
    return sources, skipped


def read_source(path: Path, *, encoding: str | None = None, max_bytes: int = MAX_INPUT,
                known: dict[str, object] | None = None) -> Source:
    """Read one file into a Source: decoded text, furniture spans and metadata."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(f"{path}: no reader for '{path.suffix}' files (known: {', '.join(READERS)})")
    data = read_bounded(path, max_bytes)
    text, file_meta = reader(path, data, encoding)
    if not text.strip():
        raise InputError(f"{path}: empty file")
    src = Source(id=source_id(path), path=str(path), text=text)
    src.furniture = [Mention(s, e) for s, e, _ in metadata.furniture(text)]
    if not _has_content(src):
        raise InputError(f"{path}: only page furniture, no content")
    _describe(src, {**metadata.infer(text), **file_meta}, known or {})
    return src


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """Read a regular file, refusing anything larger than `max_bytes` before reading it."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: not a regular file")
        if info.st_size > max_bytes:
            raise InputError(f"{path}: {info.st_size:,} bytes is over the {max_bytes:,}-byte limit "
                             "(--max-input)")
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    if len(data) > max_bytes:
        raise InputError(f"{path}: over the {max_bytes:,}-byte limit (--max-input)")
    return data


def source_id(path: Path) -> str:
    """A stable id from the file name: its stem, lower-cased, safe for JSON keys and URLs."""
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-").lower()
    return stem or "source"


def _unique(base: str, taken: set[str]) -> str:
    sid, n = base, 2
    while sid in taken:
        sid, n = f"{base}-{n}", n + 1
    taken.add(sid)
    return sid


def _meta_files(paths: list[Path]) -> dict[str, dict[str, object]]:
    meta: dict[str, dict[str, object]] = {}
    folders = {p if p.is_dir() else p.parent for p in paths}
    for folder in sorted(folders):
        if (folder / META_FILE).is_file():
            meta.update(load_source_meta(folder / META_FILE))
    return meta


def _has_content(src: Source) -> bool:
    blank = sum(m.end - m.start for m in src.furniture)
    return len(re.sub(r"\s", "", src.text)) - blank > 40


def _describe(src: Source, inferred: dict[str, object], known: dict[str, object]) -> None:
    """Fill the Source's metadata: sources.toml first, then what the text itself states."""
    for key in ("title", "publisher", "authors", "date", "url", "kind", "medium"):
        value = known.get(key, inferred.get(key))
        if value:
            setattr(src, key, value)
    if "date" in known:
        src.date_basis = "sources.toml"
    elif src.date:
        src.date_basis = str(inferred.get("date_basis", "text"))
    src.anchor = src.date
    src.words = len(src.text.split())
