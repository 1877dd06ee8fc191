"""A user's templates folder, read and written safely: the loader reads only regular files that
are inside the folder once every link is resolved (a `notes.j2 -> /etc/passwd` link, a FIFO or
a device is refused, naming the template), and `templates init` never writes through a link."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefer.errors import OutputError, TemplateError

MAX_TEMPLATE_BYTES = 4 * 1024 * 1024  # a template is a few KiB; reference.docx is not read here


def loader(folder: Path) -> Any:
    """A Jinja2 loader over `folder` that refuses links leading out of it and non-regular files."""
    from jinja2 import FileSystemLoader, TemplateNotFound
    from jinja2.loaders import split_template_path

    class FolderLoader(FileSystemLoader):  # type: ignore[misc]
        def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
            pieces = split_template_path(template)  # refuses ".." itself
            for base in self.searchpath:
                path = os.path.join(base, *pieces)
                if os.path.lexists(path):
                    text, real, mtime = read_template(Path(base), Path(path), template)
                    return text, real, lambda real=real, mtime=mtime: _mtime(real) == mtime
            raise TemplateNotFound(template)

    return FolderLoader(str(folder))


def read_template(folder: Path, path: Path, name: str) -> tuple[str, str, float]:
    """The text of template `name` at `path`, its resolved path and mtime; a TemplateError (exit 4)
    when it resolves outside `folder`, is no regular file, is too large or is not UTF-8."""
    real = os.path.realpath(path)
    root = os.path.realpath(folder)
    if os.path.commonpath([root, real]) != root:
        raise TemplateError(f"{name}: {path} leads outside the templates folder (to {real}); refused")
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | os.O_CLOEXEC)
    except OSError as exc:
        raise TemplateError(f"{name}: cannot read {path}: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise TemplateError(f"{name}: {path} is not a regular file ({_kind(info.st_mode)}); refused")
        if info.st_size > MAX_TEMPLATE_BYTES:
            raise TemplateError(f"{name}: {path} is over {MAX_TEMPLATE_BYTES >> 20} MiB; refused")
        data = os.read(fd, MAX_TEMPLATE_BYTES + 1)
    finally:
        os.close(fd)
    try:
        return data.decode("utf-8"), real, info.st_mtime
    except UnicodeDecodeError as exc:
        raise TemplateError(f"{name}: not UTF-8 (byte {exc.start})") from None


def _mtime(path: str) -> float | None:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return None


def _kind(mode: int) -> str:
    for test, kind in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device")):
        if test(mode):
            return kind
    return "not a file"


def copy_builtins(folder: Path, sources: list[Path], *, force: bool = False) -> list[Path]:
    """Copy `sources` into `folder`, each written atomically inside it; return the files written.
    A file already there is replaced only with `force` and only when it is a regular file: a
    link (dangling or not) or anything else is refused, so nothing is written outside `folder`."""
    from briefer.deliver import atomic_write

    targets = [folder / p.name for p in sources]
    for target in targets:
        _check_target(target, force=force, count=sum(os.path.lexists(t) for t in targets))
    written = []
    for source, target in zip(sources, targets, strict=True):
        atomic_write(target, source.read_bytes())
        written.append(target)
    return written


def _check_target(target: Path, *, force: bool, count: int) -> None:
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror}") from None
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(f"{target}: is a symbolic link; refused (remove it to write the template)")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{target}: exists and is not a regular file ({_kind(info.st_mode)}); refused")
    if not force:
        what = "it" if count == 1 else f"the {count} files there"
        raise OutputError(f"{target}: already exists; use --force to replace {what}")
