"""Output paths that cannot or should not be written are one-line errors before any work: a
suffix briefer does not write, binary output to a terminal, a folder, a parent that is a file,
and a brief open in Word or LibreOffice."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefer.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAID = "The minister said on Thursday that the new bridge would cost 3 million dollars.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "news"
    src.mkdir()
    (src / "a.txt").write_text(SAID)
    return src


def one_error(result) -> str:  # type: ignore[no-untyped-def]
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "Traceback" not in result.output, result.output
    return lines[0]


@pytest.mark.parametrize("name", ["brief.pdf", "brief.txt", "brief.DOC"])
def test_a_suffix_briefer_does_not_write_is_a_usage_error(folder: Path, tmp_path: Path, runner, name: str) -> None:
    result = runner.invoke(cli, ["build", str(folder), "-o", str(tmp_path / name), "-q"])
    assert result.exit_code == 1
    assert f"not '{Path(name).suffix.lower()}'; give --format" in one_error(result)
    assert not (tmp_path / name).exists()


def test_binary_output_to_a_terminal_is_refused(folder: Path) -> None:
    import pty

    main, secondary = pty.openpty()
    try:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.run([sys.executable, "-m", "briefer", "build", str(folder), "-o", "-", "-q"],
                              stdout=secondary, stderr=subprocess.PIPE, env=env, timeout=120, cwd=ROOT)
    finally:
        os.close(secondary)
        os.close(main)
    err = proc.stderr.decode()
    assert proc.returncode == 1 and err.count("\n") == 1, err
    assert err.startswith("Error: -o - would write a binary .docx to the terminal; give --format md")


def test_a_trailing_slash_names_a_folder(folder: Path, tmp_path: Path, runner) -> None:
    result = runner.invoke(cli, ["build", str(folder), "-o", f"{tmp_path}/new/", "-q"])
    assert result.exit_code == 2
    assert one_error(result) == (f"Error: {tmp_path}/new/: ends with a slash, so it names a folder; give a file "
                                 f"name such as {tmp_path}/new/brief.docx")
    assert not (tmp_path / "new").exists()


def test_a_parent_that_is_a_file_is_named(folder: Path, tmp_path: Path, runner) -> None:
    (tmp_path / "notes.txt").write_text("x")
    out = tmp_path / "notes.txt" / "sub" / "brief.docx"
    result = runner.invoke(cli, ["build", str(folder), "-o", str(out), "-q"])
    assert result.exit_code == 2
    assert one_error(result) == f"Error: {out}: cannot write: {tmp_path / 'notes.txt'} is a file, not a folder"


@pytest.mark.parametrize("lock", ["~$brief.docx", "~$ief.docx", ".~lock.brief.docx#"])
def test_a_brief_open_in_word_or_libreoffice_is_not_replaced(folder: Path, tmp_path: Path, runner,
                                                              lock: str) -> None:
    out = tmp_path / "brief.docx"
    args = ["build", str(folder), "-o", str(out), "-q", "--no-cache"]
    assert runner.invoke(cli, args).exit_code == 0
    before = out.read_bytes()
    (tmp_path / lock).write_bytes(b"owner")
    result = runner.invoke(cli, args)
    assert result.exit_code == 2 and out.read_bytes() == before
    assert one_error(result) == (f"Error: {out}: is open in Word or LibreOffice ({lock} beside it); close it "
                                 "first, or use --force to replace it anyway")
    assert runner.invoke(cli, [*args, "--force"]).exit_code == 0
