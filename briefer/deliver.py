"""Writing outputs safely: atomically, never over a file briefer did not write unless forced, and
to standard output with `-`.

Atomic: the bytes go to an unnamed temporary file in the output's folder (Linux O_TMPFILE; a
named `.NAME.PID.*.tmp` file elsewhere), are fsynced, linked under a temporary name and moved
over the output with os.replace. A process killed mid-write leaves the old output untouched and,
with O_TMPFILE, no file at all; temporaries left by dead processes are removed on the next write.

Clobbering: every .docx, .md, .html and .json briefer writes carries a digest of its own content (a
`briefer.digest` custom property; a last-line `<!-- briefer-digest: ... -->` comment; a last
`"briefer_digest"` key). Rebuilding
over such a file is normal; a file without it, with a digest that no longer matches (edited by
hand, re-saved by Word), or a symbolic link, is replaced only with `force`. A symbolic link at
the output path is replaced by the new file; the file it pointed to is never written.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import io
import os
import re
import secrets
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import IO

from briefer.errors import OutputError

JSON_START = b'{\n  "generator": "briefer'
JSON_DIGEST = re.compile(rb',\n  "briefer_digest": "sha256:([0-9a-f]{64})"\n}\n\Z')
CUSTOM_PART = "docProps/custom.xml"
DIGEST_PROP = "briefer.digest"
SUMMARY_PROP = "briefer.summary"
TEXT_DIGEST = re.compile(rb"\n<!-- briefer-digest: sha256:([0-9a-f]{64}) -->\n\Z")
TEXT_MARKERS = (b"<!-- generator: briefer", b'<meta name="generator" content="briefer')


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never a part."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror}") from None
    _remove_stale(folder, path.name)
    mode = _file_mode(path)
    tmp: str | None = None
    try:
        tmp = _write_unnamed(folder, path.name, data, mode)
        if tmp is None:
            tmp = _write_named(folder, path.name, data, mode)
        os.replace(tmp, path)
        tmp = None
    except BaseException as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write: {exc.strerror}") from None
        raise
    _sync_dir(folder)


def _temp_name(folder: Path, name: str) -> str:
    return str(folder / f".{name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def _write_unnamed(folder: Path, name: str, data: bytes, mode: int) -> str | None:
    """Write to an O_TMPFILE file (no name until complete), then link it; None if unsupported."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        fd = os.open(folder, flag | os.O_WRONLY, mode)
    except OSError:  # filesystem without O_TMPFILE support
        return None
    try:
        _write_all(fd, data, mode)
        tmp = _temp_name(folder, name)
        return tmp if _link_fd(fd, tmp) else None
    finally:
        os.close(fd)


def _link_fd(fd: int, path: str) -> bool:
    """Give an O_TMPFILE file a name: linkat(/proc/self/fd/N, AT_SYMLINK_FOLLOW).

    os.link calls plain link(2), which does not follow the /proc link, hence libc's linkat.
    """
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        at_fdcwd, at_symlink_follow = -100, 0x400
        return libc.linkat(at_fdcwd, f"/proc/self/fd/{fd}".encode(), at_fdcwd, os.fsencode(path),
                           at_symlink_follow) == 0
    except (OSError, AttributeError):
        return False


def _write_named(folder: Path, name: str, data: bytes, mode: int) -> str:
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.{os.getpid()}.", suffix=".tmp")
    try:
        _write_all(fd, data, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    finally:
        os.close(fd)
    return tmp


def _write_all(fd: int, data: bytes, mode: int) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.fchmod(fd, mode)
    os.fsync(fd)


def _remove_stale(folder: Path, name: str) -> None:
    """Remove temporaries that a killed briefer left beside this output (their process is gone)."""
    for tmp in glob.glob(os.path.join(glob.escape(str(folder)), f".{glob.escape(name)}.*.tmp")):
        pid = Path(tmp).name[len(name) + 2:].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


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


# --- knowing our own files -------------------------------------------------------------------


def docx_digest(data: bytes) -> str:
    """SHA-256 over every part of a .docx but docProps/custom.xml (where the digest is kept)."""
    h = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            if info.filename == CUSTOM_PART:
                continue
            h.update(info.filename.encode("utf-8") + b"\0")
            h.update(hashlib.sha256(zf.read(info)).digest())
    return h.hexdigest()


def stamp(data: bytes) -> bytes:
    """Add briefer's digest to an output it rendered (.docx with a summary, .md, .html)."""
    if data.startswith(b"PK"):
        return _stamp_docx(data)
    if any(m in data[:4096] for m in TEXT_MARKERS):
        digest = hashlib.sha256(data).hexdigest().encode("ascii")
        return data + b"\n<!-- briefer-digest: sha256:" + digest + b" -->\n"
    if data.startswith(JSON_START) and data.rstrip().endswith(b"}"):  # a last key, so it stays JSON
        digest = hashlib.sha256(data).hexdigest().encode("ascii")
        return data.rstrip()[:-1].rstrip() + b',\n  "briefer_digest": "sha256:' + digest + b'"\n}\n'
    return data


def _stamp_docx(data: bytes) -> bytes:
    from lxml import etree

    from briefer.render.docx import CUSTOM_NS, FMTID, VT_NS

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zin:
            if CUSTOM_PART not in zin.namelist():
                return data
            root = etree.fromstring(zin.read(CUSTOM_PART),
                                    etree.XMLParser(resolve_entities=False, no_network=True))
            if not any(p.get("name") == SUMMARY_PROP for p in root):
                return data
            for prop in [p for p in root if p.get("name") == DIGEST_PROP]:
                root.remove(prop)
            pid = max([1, *(int(p.get("pid", "1")) for p in root)]) + 1
            prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property",
                                    {"fmtid": FMTID, "pid": str(pid), "name": DIGEST_PROP})
            etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = "sha256:" + docx_digest(data)
            custom = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
                for info in zin.infolist():
                    zout.writestr(info, custom if info.filename == CUSTOM_PART else zin.read(info))
            return out.getvalue()
    except (zipfile.BadZipFile, etree.XMLSyntaxError, ValueError):
        return data


def written_by_briefer(path: Path) -> bool:
    """True when `path` holds a file briefer wrote and nobody changed since (its digest matches)."""
    from briefer.safety import MAX_FILE, read_head

    data = None if os.path.islink(path) else read_head(path, MAX_FILE, whole=True)  # never a FIFO
    if data is None:
        return False
    if data.startswith(b"PK"):
        return _docx_is_ours(data)
    match = TEXT_DIGEST.search(data)
    if match:
        return hashlib.sha256(data[: match.start()]).hexdigest().encode("ascii") == match.group(1)
    match = JSON_DIGEST.search(data) if data.startswith(JSON_START) else None
    if match:
        original = data[: match.start()] + b"\n}\n"
        return hashlib.sha256(original).hexdigest().encode("ascii") == match.group(1)
    return False


def is_briefer_output(path: Path) -> bool:
    """True when `path` is a brief or extraction briefer wrote, edited since or not: a .md or
    .html with its generator marker in the first 4 KB, a .docx with a `briefer.summary`
    property, a .json from briefer. Reads at most 4 KB and one small zip part; never blocks."""
    from briefer.safety import NotReadable, open_regular

    try:
        with open_regular(path) as (fh, _):
            head = fh.read(4096)
            if head.startswith(b"PK"):
                return _has_summary(fh)
    except (NotReadable, OSError):
        return False
    return head.startswith(JSON_START) or any(m in head for m in TEXT_MARKERS)


def _has_summary(fh: IO[bytes]) -> bool:
    """Whether a zip's docProps/custom.xml (under 1 MiB) names briefer's summary property."""
    try:
        with zipfile.ZipFile(fh) as zf:
            info = zf.getinfo(CUSTOM_PART)
            if info.file_size > 1024 * 1024:
                return False
            with zf.open(info) as part:
                return f'name="{SUMMARY_PROP}"'.encode() in part.read(1024 * 1024)
    except (KeyError, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError,
            NotImplementedError, RuntimeError):
        return False


def _docx_is_ours(data: bytes) -> bool:
    from briefer.errors import InputError
    from briefer.render.docx import read_custom_properties
    from briefer.safety import check_zip

    try:
        check_zip(data)
        props = read_custom_properties(data)
        stored = props.get(DIGEST_PROP, "")
        return SUMMARY_PROP in props and stored == "sha256:" + docx_digest(data)
    except (InputError, zipfile.BadZipFile, OSError, ValueError, KeyError):
        return False


def check_target(path: str, *, force: bool = False) -> None:
    """Refuse, in one line, an output path that cannot or should not be written: a folder (or a
    name ending in a slash), a parent that is a file, a file open in Word or LibreOffice (its
    lock file beside it; --force writes anyway). Cheap: run it before the work, and again when
    writing."""
    if path == "-":
        return
    target = Path(path)
    example = (target if path.endswith(("/", os.sep)) or target.is_dir() else target.parent) / "brief.docx"
    if target.is_dir() and not target.is_symlink():
        raise OutputError(f"{path}: is a folder; give a file name such as {example}")
    if path.endswith(("/", os.sep)):
        raise OutputError(f"{path}: ends with a slash, so it names a folder; give a file name such as "
                          f"{example}")
    for parent in target.parents:
        if os.path.lexists(parent) and not parent.is_dir():
            raise OutputError(f"{path}: cannot write: {parent} is a file, not a folder")
    _check_special(target)
    lock = open_lock(target) if os.path.lexists(target) else None
    if lock is not None and not force:
        raise OutputError(f"{path}: is open in Word or LibreOffice ({lock.name} beside it); close it "
                          "first, or use --force to replace it anyway")


def _check_special(target: Path) -> None:
    """Refuse an existing output that is a FIFO, a device or a socket: it is never opened (a FIFO
    would block) and never replaced by a file; `-o -` is the way to write to a pipe."""
    import stat

    from briefer.safety import file_kind

    try:
        mode = os.lstat(target).st_mode
    except OSError:
        return
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode)):
        raise OutputError(f"{target}: {file_kind(mode)}, not a regular file; briefer writes only regular "
                          "files (-o - writes to standard output)")


def open_lock(target: Path) -> Path | None:
    """The lock file Word (`~$name.docx`, the name's first two letters replaced when it is long)
    or LibreOffice (`.~lock.name.docx#`) keeps beside a document it has open, or None."""
    name = target.name
    for lock in (f"~${name}", f"~${name[2:]}", f".~lock.{name}#"):
        candidate = target.with_name(lock)
        if lock != "~$" and os.path.lexists(candidate):
            return candidate
    return None


def write_output(path: str, data: bytes, *, force: bool = False) -> None:
    """Write an output file (or standard output for "-"), refusing to clobber a foreign file."""
    if path == "-":
        write_stdout(data)
        return
    check_target(path, force=force)
    target = Path(path)
    if not force and target.is_symlink():
        raise OutputError(f"{target}: is a symbolic link; use --force to replace the link with the "
                          "brief (the file it points to is never written)")
    if not force and target.exists() and not written_by_briefer(target):
        raise OutputError(f"{target}: exists and was not written by briefer, or was changed since "
                          "(edited by hand?); use --force to replace it")
    atomic_write(target, stamp(data))


def write_stdout(data: bytes) -> None:
    """Write to standard output: closed or full (`>&-`, `>/dev/full`) is a one-line OutputError;
    a reader that left (BrokenPipeError) passes through, for the CLI to exit quietly."""
    if sys.stdout is None:
        raise OutputError("-: standard output is closed; give -o FILE")
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        quiet_stdout()
        raise OutputError(f"-: cannot write to standard output ({exc.strerror or exc})") from None


def quiet_stdout() -> None:
    """Point standard output at /dev/null, so that the bytes still buffered for a pipe or disk
    that failed are not written again (and fail again, with a traceback) when Python exits."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stdout.flush()
    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
