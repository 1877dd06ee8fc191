"""Outputs are never lost or corrupt: SIGKILL during a save, concurrent writers, symbolic links,
and the rule that only briefer's own, unedited files are replaced without --force."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from briefer.deliver import atomic_write, docx_digest, stamp, write_output, written_by_briefer
from briefer.errors import OutputError
from briefer.render.docx import markdown_to_docx, read_custom_properties

ROOT = Path(__file__).resolve().parent.parent


def brief_docx(text: str = "Old brief.", paragraphs: int = 1) -> bytes:
    """A .docx as briefer renders it: with the briefer.summary custom property."""
    md = "\n\n".join(f"{text} {i}" for i in range(paragraphs))
    return markdown_to_docx(md, custom={"briefer.summary": '{"title": "t"}'})


@pytest.fixture(scope="module")
def small_brief() -> bytes:
    return brief_docx()


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_stamp_adds_a_digest_that_matches(small_brief: bytes, tmp_path: Path) -> None:
    stamped = stamp(small_brief)
    props = read_custom_properties(stamped)
    assert props["briefer.digest"] == "sha256:" + docx_digest(stamped) == "sha256:" + docx_digest(small_brief)
    assert stamp(stamped) == stamped  # idempotent: rebuilding gives the same bytes
    path = tmp_path / "brief.docx"
    write_output(str(path), small_brief)
    assert written_by_briefer(path)


def test_rebuild_over_own_brief_needs_no_flag(small_brief: bytes, tmp_path: Path) -> None:
    path = tmp_path / "brief.docx"
    write_output(str(path), small_brief)
    write_output(str(path), brief_docx("New brief."))
    assert b"New brief" in zipfile.ZipFile(path).read("word/document.xml")


def test_hand_edited_brief_needs_force(small_brief: bytes, tmp_path: Path) -> None:
    path = tmp_path / "brief.docx"
    write_output(str(path), small_brief)
    # edit document.xml by hand, keeping the custom properties (as Word does)
    with zipfile.ZipFile(path) as zin:
        parts = [(i, zin.read(i)) for i in zin.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in parts:
            if info.filename == "word/document.xml":
                data = data.replace(b"Old brief.", b"Edited by an analyst.")
            zout.writestr(info, data)
    path.write_bytes(out.getvalue())
    assert "briefer.summary" in read_custom_properties(path)
    assert not written_by_briefer(path)
    with pytest.raises(OutputError, match="changed since.*--force"):
        write_output(str(path), small_brief)
    assert b"Edited by an analyst" in zipfile.ZipFile(path).read("word/document.xml")
    write_output(str(path), small_brief, force=True)
    assert written_by_briefer(path)


@pytest.mark.parametrize("content", [b"my own notes\n", b"PK\x03\x04 not really a zip", b""])
def test_foreign_file_needs_force(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "brief.docx"
    path.write_bytes(content)
    with pytest.raises(OutputError, match="not written by briefer"):
        write_output(str(path), brief_docx())
    assert path.read_bytes() == content
    assert temporaries(tmp_path) == []


def test_text_outputs_carry_a_digest(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    write_output(str(path), b"<!-- generator: briefer -->\n# Brief\n")
    assert written_by_briefer(path)
    write_output(str(path), b"<!-- generator: briefer -->\n# Brief 2\n")
    path.write_bytes(path.read_bytes().replace(b"Brief 2", b"Brief 3"))  # edited by hand
    with pytest.raises(OutputError, match="--force"):
        write_output(str(path), b"<!-- generator: briefer -->\n# Brief 4\n")
    assert b"Brief 3" in path.read_bytes()


def test_symlinked_output_is_replaced_never_written_through(small_brief: bytes, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.docx"
    write_output(str(target), small_brief)  # even a brief of ours is never written through a link
    before = target.read_bytes()
    link = tmp_path / "brief.docx"
    link.symlink_to(target)
    with pytest.raises(OutputError, match="symbolic link"):
        write_output(str(link), brief_docx("New brief."))
    write_output(str(link), brief_docx("New brief."), force=True)
    assert not link.is_symlink() and written_by_briefer(link)
    assert target.read_bytes() == before
    dangling = tmp_path / "dangling.docx"
    dangling.symlink_to(tmp_path / "missing" / "x.docx")
    with pytest.raises(OutputError, match="symbolic link"):
        write_output(str(dangling), small_brief)
    assert not (tmp_path / "missing").exists()


def test_output_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"):
        write_output(str(tmp_path), b"x")


def test_stale_temporaries_of_dead_processes_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    stale = tmp_path / f".brief.docx.{dead}.abcd1234.tmp"
    stale.write_bytes(b"half")
    mine = tmp_path / f".brief.docx.{os.getpid()}.live.tmp"  # a live writer's: kept
    mine.write_bytes(b"in progress")
    atomic_write(tmp_path / "brief.docx", b"data")
    assert temporaries(tmp_path) == [mine.name]


KILLED_WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from briefer.deliver import atomic_write
    data = Path(sys.argv[2]).read_bytes()
    print("ready", flush=True)
    while True:
        atomic_write(Path(sys.argv[1]), data)
""")


def test_sigkill_during_save_leaves_old_file_and_no_temporaries(small_brief: bytes, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / "brief.docx"
    write_output(str(path), small_brief)
    old = path.read_bytes()
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(48 * 1024 * 1024))  # a large save: the kill lands mid-write
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    kills = 0
    for delay in (0.05, 0.15, 0.3):
        path.write_bytes(old)
        proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(path), str(big)],
                                stdout=subprocess.PIPE, env=env)
        assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        kills += 1
        data = path.read_bytes()
        assert data in (old, big.read_bytes()), "a partial file at the output path"
        if data == old:
            assert zipfile.ZipFile(path).testzip() is None
        if unnamed_temporaries(out):
            assert temporaries(out) == [], "a killed save left a temporary file"
        else:  # no O_TMPFILE here: the next write removes what the dead writer left
            atomic_write(out / "brief.docx", old)
            assert temporaries(out) == []
    assert kills == 3


def unnamed_temporaries(folder: Path) -> bool:
    """Whether this filesystem gives deliver its O_TMPFILE path (Linux ext4, xfs, tmpfs, btrfs)."""
    from briefer.deliver import _write_unnamed

    tmp = _write_unnamed(folder, "probe", b"", 0o644)
    if tmp is not None:
        os.unlink(tmp)
    return tmp is not None


CONCURRENT_WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from briefer.deliver import write_output
    data = Path(sys.argv[2]).read_bytes()
    for _ in range(int(sys.argv[3])):
        write_output(sys.argv[1], data)
""")


def test_concurrent_builds_to_one_path_always_read_valid(tmp_path: Path) -> None:
    path = tmp_path / "brief.docx"
    inputs = []
    for n in range(3):
        p = tmp_path / f"in{n}.docx"
        p.write_bytes(brief_docx(f"Writer {n} brief.", paragraphs=400))
        inputs.append(p)
    write_output(str(path), inputs[0].read_bytes())
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", CONCURRENT_WRITER, str(path), str(p), "25"], env=env,
                              stderr=subprocess.PIPE) for p in inputs]
    reads = bad = 0
    while any(p.poll() is None for p in procs):
        with open(path, "rb") as fh:
            data = fh.read()
        reads += 1
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                bad += zf.testzip() is not None
        except zipfile.BadZipFile:
            bad += 1
    errors = [p.communicate()[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), errors
    assert reads > 0 and bad == 0
    assert written_by_briefer(path)
    assert temporaries(tmp_path) == []
