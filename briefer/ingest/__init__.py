"""Ingest: find the source files, read each with the reader for its suffix, clean and describe it.

Readers are a registry keyed by suffix (`READERS`); a new format is one entry. A reader takes the
path and the file's bytes and returns (text, metadata the file itself carries).
"""

from __future__ import annotations

import datetime
import errno
import os
import re
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from briefer.config import load_source_meta
from briefer.deliver import is_briefer_output
from briefer.errors import BrieferError, InputError
from briefer.ingest import metadata
from briefer.ingest.docx_reader import read_docx
from briefer.ingest.html import read_html
from briefer.ingest.pdf import read_pdf
from briefer.ingest.text import clean_text, read_text
from briefer.ingest.url import fetch, is_url, url_name
from briefer.model import Mention, Skipped, Source
from briefer.safety import file_kind, read_file

Reader = Callable[[Path, bytes, "str | None"], tuple[str, dict[str, object]]]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_text,
    ".markdown": read_text,
    ".text": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
}
META_FILE = "sources.toml"
CONFIG_FILES = {META_FILE, "themes.toml", "briefer.toml"}
SETTINGS_SUFFIXES = {".toml", ".yaml", ".yml", ".ini", ".cfg"}  # where a misnamed settings file gets a hint
MAX_INPUT = 20 * 1024 * 1024


def collect(paths: Iterable[Path | str]) -> tuple[list[Path | str], list[Skipped]]:
    """Expand files and folders into source files, sorted, regular files only; `http(s)://`
    addresses (given as str) are kept as they are, to be fetched by `load`."""
    files: list[Path | str] = []
    skipped: list[Skipped] = []
    for item in paths:
        url = _as_url(item)
        if url:
            files.append(url)
            continue
        path = Path(item)
        if path.is_dir():
            for child in _walk(path, skipped):
                if child.name in CONFIG_FILES or child.name.startswith("."):
                    continue
                problem = _bad_name(child) or _not_regular(child)
                if problem is None and child.suffix.lower() in READERS:
                    if not is_briefer_output(child):  # a brief written beside its sources
                        files.append(child)
                elif problem is None:
                    skipped.append(Skipped(str(child), _no_reader(child)))
                elif problem != "folder":  # folders are walked (never through symlinks)
                    skipped.append(Skipped(shown(child), problem))
        elif (problem := _bad_name(path) or _not_regular(path)) is None and is_briefer_output(path):
            skipped.append(Skipped(str(path), "a brief or extraction briefer wrote, not a source"))
        elif problem is None:
            files.append(path)
        elif problem == "no such file or folder":
            raise InputError(f"{shown(path)}: no such file or folder")
        else:
            skipped.append(Skipped(shown(path), problem))
    return files, skipped


def load(paths: Iterable[Path | str], *, encoding: str | None = None,
         max_bytes: int = MAX_INPUT) -> tuple[list[Source], list[Skipped]]:
    """Read every source under `paths` (files, folders, `http(s)://` addresses); sources that
    cannot be used are skipped with a reason."""
    paths = list(paths)
    files, skipped = collect(paths)
    meta = _meta_files(paths, skipped)
    sources: list[Source] = []
    ids: set[str] = set()
    for path in files:
        try:
            if isinstance(path, str):
                src = read_url(path, encoding=encoding, max_bytes=max_bytes, known=meta.get(path, {}))
            else:
                src = read_source(path, encoding=encoding, max_bytes=max_bytes,
                                  known=meta.get(path.name, {}))
        except BrieferError as exc:
            skipped.append(Skipped(str(path), str(exc).removeprefix(f"{path}: ")))
            continue
        except Exception as exc:  # noqa: BLE001 - one file that breaks a reader never breaks the build
            first = (str(exc).strip().splitlines() or [""])[0][:200]
            skipped.append(Skipped(str(path), f"could not be read ({type(exc).__name__}: {first})"))
            continue
        src.id = _unique(source_id(Path(url_name(path)) if isinstance(path, str) else path), ids)
        sources.append(src)
    return sources, skipped


def read_source(path: Path, *, encoding: str | None = None, max_bytes: int = MAX_INPUT,
                known: dict[str, object] | None = None) -> Source:
    """Read one file into a Source: decoded text, furniture spans and metadata."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(f"{path}: no reader for '{path.suffix}' files (known: {', '.join(READERS)})")
    data = read_file(path, max_bytes, hint=" (--max-input)")
    return _source(path, str(path), _bounded_text(path, reader(path, data, encoding), max_bytes), known)


def read_url(url: str, *, encoding: str | None = None, max_bytes: int = MAX_INPUT,
             known: dict[str, object] | None = None) -> Source:
    """Fetch an `http(s)://` address and read it with the reader for its content type."""
    data, suffix, charset, final = fetch(url, max_bytes)
    reader = READERS.get(suffix)
    if reader is None:
        raise InputError(f"{url}: no reader for '{suffix}' content (known: {', '.join(READERS)})")
    name = Path(url_name(final))
    try:
        text, file_meta = reader(name, data, encoding or charset)
    except InputError as exc:
        raise InputError(f"{url}: {str(exc).removeprefix(f'{name}: ')}") from None
    return _source(name, url, _bounded_text(url, (text, {"url": final, **file_meta}), max_bytes), known)


def _bounded_text(where: Path | str, read: tuple[str, dict[str, object]],
                  max_chars: int) -> tuple[str, dict[str, object]]:
    """Refuse extracted text longer than --max-input: a compressed .docx or PDF under the byte
    limit can hold far more text than a text file is allowed."""
    if len(read[0]) > max_chars:
        raise InputError(f"{where}: {len(read[0]):,} characters of text, over the {max_chars:,} "
                         "limit (--max-input)")
    return read


def _source(path: Path, where: str, read: tuple[str, dict[str, object]],
            known: dict[str, object] | None) -> Source:
    text, file_meta = read
    warnings = [str(w) for w in file_meta.pop("warnings", None) or []]  # type: ignore[attr-defined]
    text, replaced = clean_text(text)
    if replaced:
        warnings.append(f"{replaced} character(s) that a document cannot hold (NUL, control "
                        "characters, lone surrogates, U+FFFE/U+FFFF) replaced by U+FFFD")
    if not text.strip():
        raise InputError(f"{where}: empty file")
    # reading problems: shown in the brief's source notes and printed by the CLI
    src = Source(id=source_id(path), path=where, text=text, notes=list(warnings), warnings=warnings)
    marks = metadata.furniture(text)
    src.furniture = [Mention(s, e) for s, e, _ in marks]
    if not _has_content(src):
        if not _other_language(text, marks):
            raise InputError(f"{where}: only page furniture, no content")
        # kept, and shown as unread: a page the analyst saved is never dropped without a word
        src.quality = OTHER_LANGUAGE_QUALITY
        src.notes.append(OTHER_LANGUAGE)
        src.warnings.append(OTHER_LANGUAGE)
    _describe(src, _merged(metadata.infer(text, marks), file_meta), known or {})
    return src


def _no_reader(path: Path) -> str:
    """Why a file in a source folder is not read; for what looks like a misnamed settings file
    (theme.toml, Themes.toml, themes.yaml), the name it needs."""
    import difflib

    reason = f"no reader for '{path.suffix or path.name}' files"
    meant = difflib.get_close_matches(path.stem.lower(), [Path(n).stem for n in sorted(CONFIG_FILES)], 1, 0.8)
    if meant and path.suffix.lower() in SETTINGS_SUFFIXES:
        return f"{reason}; did you mean {meant[0]}.toml? (read only under that exact name)"
    return reason


def _walk(folder: Path, skipped: list[Skipped]) -> list[Path]:
    """Every entry under `folder`, sorted, without following links to folders; a sub-folder that
    cannot be listed is skipped with the reason (so --strict fails on it), never passed over."""
    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else folder
        skipped.append(Skipped(shown(where), f"folder cannot be read: {exc.strerror}"))

    found: list[Path] = []
    for top, dirs, names in os.walk(folder, onerror=unreadable):
        found.extend(Path(top, name) for name in dirs + names)
    return sorted(found)


def shown(path: Path) -> str:
    """A path as it can be printed: bytes that are not UTF-8 as \\xNN escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _bad_name(path: Path) -> str | None:
    """A reason to skip a file whose name is not valid UTF-8 (it could not be shown, cited or
    written into a brief), or None."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return "its name is not valid UTF-8; rename it"
    return None


def _not_regular(path: Path) -> str | None:
    """None for a regular file (or a link to one); else what it is, as a reason to skip it."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if exc.errno == errno.ENOENT:
            return "broken symbolic link" if os.path.islink(path) else "no such file or folder"
        return f"cannot read: {exc.strerror}"
    if stat.S_ISREG(mode):
        return None
    return "folder" if stat.S_ISDIR(mode) else f"{file_kind(mode)}, not a regular file"


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


def _as_url(item: Path | str) -> str | None:
    """`item` as an http(s) address, or None; a Path has lost one slash ("https:/host")."""
    text = str(item)
    if isinstance(item, Path) and re.match(r"https?:/[^/]", text, re.I) and not item.exists():
        text = text.replace(":/", "://", 1)
    return text if is_url(text) else None


def _meta_files(paths: list[Path | str], skipped: list[Skipped]) -> dict[str, dict[str, object]]:
    """What the sources.toml beside the sources says, by file name (or address). An entry naming
    a file that is not there is skipped with the reason, so a typo is seen (and fails --strict)."""
    meta: dict[str, dict[str, object]] = {}
    local = [Path(p) for p in paths if not _as_url(p)]
    folders = {p if p.is_dir() else p.parent for p in local}
    for folder in sorted(folders):
        if os.path.lexists(folder / META_FILE):  # a FIFO or folder by that name is refused, not passed over
            entries = load_source_meta(folder / META_FILE)
            meta.update(entries)
            skipped.extend(Skipped(str(folder / name), f"named in {META_FILE}, but there is no such file")
                           for name in entries if not is_url(name) and not os.path.lexists(folder / name))
    return meta


OTHER_LANGUAGE = "not in English: its text was not read"
OTHER_LANGUAGE_QUALITY = 0.2  # under 0.5: nothing from it is used


def _other_language(text: str, marks: list[tuple[int, int, str]]) -> bool:
    """Most of the text is lines in another language (the extractors read English only)."""
    other = sum(e - s for s, e, why in marks if why == "other-language line")
    return other >= 0.5 * len(text.strip())


def _has_content(src: Source) -> bool:
    chars = list(src.text)
    for m in src.furniture:
        chars[m.start:m.end] = " " * (m.end - m.start)
    return any(c.isalnum() for c in chars)


def _merged(stated: dict[str, object], file_meta: dict[str, object]) -> dict[str, object]:
    """What the file's own metadata says (HTML's), over what its text states; but a wire credit
    in the text names the story's publisher, not the site that runs it."""
    merged = {**stated, **file_meta}
    if stated.get("kind") == "wire" and stated.get("publisher"):
        merged["publisher"] = stated["publisher"]
    return merged


FILED_DAYS = 3  # a dateline's day this close to the page's date is the same story's filing day


def _filed(date: str, day: str) -> str:
    """The day a page's relative dates count from: its dateline's day ("KATHMANDU, Sept 13 (Wire) -
    ... said yesterday") when that lies within FILED_DAYS of the date the page was posted on, in
    that year; else the page's date."""
    if len(date) != 10:
        return date
    posted = datetime.date.fromisoformat(date)
    month, dom = map(int, day.split("-"))
    try:
        filed = datetime.date(posted.year, month, dom)
    except ValueError:
        return date
    return filed.isoformat() if abs((filed - posted).days) <= FILED_DAYS else date


def _describe(src: Source, inferred: dict[str, object], known: dict[str, object]) -> None:
    """Fill the Source's metadata: sources.toml first, then what the text itself states."""
    for key in ("title", "publisher", "authors", "date", "url", "kind", "medium", "family_name_first"):
        value = known.get(key, inferred.get(key))
        if value:
            setattr(src, key, value)
    if "date" in known:
        src.date_basis = "sources.toml"
    elif src.date:
        src.date_basis = str(inferred.get("date_basis", "text"))
    src.anchor = src.date
    if not src.date and isinstance(inferred.get("day"), str):
        src.day = str(inferred["day"])
    elif src.date and isinstance(inferred.get("day"), str):
        src.anchor = _filed(src.date, str(inferred["day"]))
    src.words = len(src.text.split())
