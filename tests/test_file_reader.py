"""One reader for every file briefer is given (`briefer.safety.read_file`): regular files only,
never blocking on a FIFO, refused from their size, one line naming the file. Each kind of path
the command line takes is tried with a FIFO and with an oversized file, through the real CLI in a
subprocess with a timeout (a FIFO that is opened and waited on would hang it)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefer.errors import InputError, UsageError
from briefer.safety import MAX_JSON, MAX_PEM, MAX_TOML, NotReadable, open_regular, read_file, read_head

ROOT = Path(__file__).resolve().parent.parent
SAID = "The minister said on Thursday that the new bridge would cost 3 million dollars.\n"


def briefer(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run the real CLI; a hang (a FIFO waited on) fails the test instead of blocking it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "briefer", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=timeout, stdin=subprocess.DEVNULL)


def one_error(proc: subprocess.CompletedProcess[str]) -> str:
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    return lines[0]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder with one source, a brief to email, and an extraction to render."""
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(SAID)
    from briefer.render.docx import markdown_to_docx

    (tmp_path / "brief.docx").write_bytes(markdown_to_docx("# A brief\n\nOne line.\n"))
    return tmp_path


EMAIL = ["email", "brief.docx", "--to", "a@example.org", "--from", "b@example.org", "--eml", "out.eml"]
# the path kind, the file's name, and the command that reads it
KINDS = {
    "source": ("news/b.txt", ["build", "news/b.txt", "-o", "out.md", "-q", "--strict"]),
    "sources.toml": ("news/sources.toml", ["build", "news", "-o", "out.md", "-q"]),
    "--themes": ("themes.toml", ["build", "news", "--themes", "themes.toml", "-o", "out.md", "-q"]),
    "--config": ("c.toml", ["--config", "c.toml", "build", "news", "-o", "out.md", "-q"]),
    "render input": ("x.json", ["render", "x.json", "-o", "out.md"]),
    "--attach": ("notes.json", [*EMAIL, "--attach", "notes.json"]),
    "--smtp-cafile": ("ca.pem", [*EMAIL[:-2], "--smtp", "127.0.0.1:9", "--starttls", "--smtp-cafile", "ca.pem"]),
    "--reference-docx": ("ref.docx", ["build", "news", "--reference-docx", "ref.docx", "-o", "out.docx", "-q"]),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_fifo_is_refused_at_once_for_every_path_kind(work: Path, kind: str) -> None:
    name, args = KINDS[kind]
    os.mkfifo(work / name)
    start = time.monotonic()
    proc = briefer(*args, cwd=work)
    assert time.monotonic() - start < 60
    assert proc.returncode in (1, 2), proc.stderr
    assert "FIFO (named pipe), not a regular file" in one_error(proc) and name in proc.stderr


# the limit each kind is refused over (a sparse file: only a check from the size is this quick)
LIMITS = {"source": 20 * 1024 * 1024, "sources.toml": MAX_TOML, "--themes": MAX_TOML, "--config": MAX_TOML,
          "render input": MAX_JSON, "--smtp-cafile": MAX_PEM, "--reference-docx": 64 * 1024 * 1024}


@pytest.mark.parametrize("kind", sorted(LIMITS))
def test_an_oversized_file_is_refused_from_its_size(work: Path, kind: str) -> None:
    name, args = KINDS[kind]
    with open(work / name, "wb") as fh:
        fh.truncate(LIMITS[kind] + 1)
    proc = briefer(*args, cwd=work)
    assert proc.returncode in (1, 2), proc.stderr
    assert f"over the {LIMITS[kind]:,}-byte limit" in one_error(proc) and name in proc.stderr


def test_an_existing_output_that_is_a_fifo_is_refused_before_any_work(work: Path) -> None:
    os.mkfifo(work / "out.md")
    proc = briefer("build", "news", "-o", "out.md", "-q", "--force", cwd=work)
    assert proc.returncode == 2
    assert one_error(proc) == ("Error: out.md: a FIFO (named pipe), not a regular file; briefer writes only "
                               "regular files (-o - writes to standard output)")


def test_read_file_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "big").write_bytes(b"x" * 101)
    (tmp_path / "link").symlink_to(tmp_path / "big")
    cases = [(tmp_path / "pipe", "a FIFO (named pipe), not a regular file"), (tmp_path, "a folder, not a regular file"),
             (Path("/dev/zero"), "a character device, not a regular file"), (tmp_path / "none", "no such file"),
             (tmp_path / "big", "101 bytes is over the 100-byte limit (--max-input)")]
    for path, problem in cases:
        with pytest.raises(InputError) as info:
            read_file(path, 100, hint=" (--max-input)")
        assert str(info.value) == f"{path}: {problem}"
    with pytest.raises(UsageError, match="themes.toml: no such file"):
        read_file(tmp_path / "themes.toml", 100, error=UsageError)
    assert read_file(tmp_path / "link", 101) == b"x" * 101
    with pytest.raises(NotReadable, match="a symbolic link"), open_regular(tmp_path / "link", follow=False):
        pass
    assert read_head(tmp_path / "pipe", 10) is None and read_head(tmp_path / "big", 3) == b"xxx"
    assert read_head(tmp_path / "big", 100, whole=True) is None
