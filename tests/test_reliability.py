"""The bad-input table of issue 6, one fixture per case, and source text that carries Markdown,
HTML or Jinja syntax appearing literally in every output format."""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import time
from pathlib import Path

import pytest

from briefer import ingest
from briefer.errors import InputError
from briefer.ingest.text import decode_with_notes
from briefer.safety import read_file

TEXT = ("PHNOM PENH -- The ministry said on Thursday that the budget for rural roads would rise to "
        "$377 million next year, according to officials who briefed reporters in the capital.\n")
ACCENTED = "Le café coûte 3 euros à Phnom Penh, dit-il. « Très cher », répond Señor Muñoz, naïve.\n" * 3


def load_one(tmp_path: Path, name: str, data: bytes, **kwargs):
    path = tmp_path / name
    path.write_bytes(data)
    sources, skipped = ingest.load([path], **kwargs)
    return path, sources, skipped


# --- encodings -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("codec", "named"), [("cp1252", "Windows-125"), ("latin-1", "Windows-125")])
def test_non_utf8_is_detected_with_a_warning_naming_the_encoding(tmp_path: Path, codec: str,
                                                                 named: str) -> None:
    text = TEXT + ACCENTED + "The minister said “we will” — and left.\n" * (codec == "cp1252")
    _, [src], skipped = load_one(tmp_path, "a.txt", text.encode(codec))
    assert not skipped and src.text == text
    assert any(named in w and "detected" in w and "--encoding" in w for w in src.warnings), src.warnings


def test_mixed_utf8_and_cp1252_keeps_the_utf8_and_warns(tmp_path: Path) -> None:
    data = (TEXT + ACCENTED).encode("utf-8") + "Le ministre a dit « non ».\n".encode("cp1252")
    _, [src], _ = load_one(tmp_path, "a.txt", data)
    assert src.text == TEXT + ACCENTED + "Le ministre a dit « non ».\n"
    assert any("mixed encodings: 2 byte(s)" in w for w in src.warnings)


def test_encoding_option_decodes_without_guessing(tmp_path: Path) -> None:
    data = (TEXT + ACCENTED).encode("latin-1")
    _, [src], _ = load_one(tmp_path, "a.txt", data, encoding="latin-1")
    assert src.text == TEXT + ACCENTED and src.warnings == []
    path, sources, [skipped] = load_one(tmp_path, "b.txt", data, encoding="utf-8")
    assert not sources and "not valid utf-8" in skipped.reason and "--encoding" in skipped.reason
    _, _, [unknown] = load_one(tmp_path, "c.txt", data, encoding="klingon")
    assert "unknown encoding 'klingon'" in unknown.reason


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_bom_is_dropped(tmp_path: Path, codec: str) -> None:
    boms = {"utf-8-sig": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
            "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}
    data = boms[codec] + (TEXT + ACCENTED).encode(codec)
    _, [src], _ = load_one(tmp_path, "a.txt", data)
    assert src.text == TEXT + ACCENTED and src.warnings == []


# --- characters a document cannot hold -----------------------------------------------------------


@pytest.mark.parametrize(("data", "count"), [
    ((TEXT * 80).encode() + b"stray\x00NUL and \x01\x02 controls\x1b[0m\n", 4),  # NUL after 8 KB
    (TEXT.encode() + b"one NUL\x00 early and a bell \x07\n", 2),
    (TEXT.encode() + "U+FFFE \ufffe and U+FFFF \uffff\n".encode(), 2),
    (TEXT.encode() + b"encoded lone surrogate \xed\xa0\x80 here\n", 1),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le") + b"\x00\xd8" + "x\n".encode("utf-16-le"), 1),
])
def test_illegal_characters_replaced_and_counted(tmp_path: Path, data: bytes, count: int) -> None:
    _, [src], _ = load_one(tmp_path, "a.txt", data)
    assert src.text.count("\ufffd") == count
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", src.text)
    assert any(w.startswith(f"{count} character(s)") and "U+FFFD" in w for w in src.warnings)
    from briefer.render.docx import markdown_to_docx

    assert markdown_to_docx(src.text)[:2] == b"PK"  # python-docx accepts every character left


def test_form_feed_becomes_a_line_break(tmp_path: Path) -> None:
    _, [src], _ = load_one(tmp_path, "a.txt", (TEXT + "\f" + TEXT).encode())
    assert src.text == TEXT + "\n" + TEXT and src.warnings == []


# --- files that are not usable -------------------------------------------------------------------


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty file"),
    (b"  \n\t\n   \r\n", "empty file"),
    ("\ufeff   \n".encode(), "empty file"),
    (b"Advertisement\nCopyright 2025 Reuters. All rights reserved.\nAdvertisement\n",
     "only page furniture"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8, "binary file"),
    (bytes(range(1, 32)) * 300, "binary file"),
])
def test_unusable_file_is_skipped_naming_it(tmp_path: Path, data: bytes, reason: str) -> None:
    path, sources, [skipped] = load_one(tmp_path, "report.txt", data)
    assert not sources and skipped.path == str(path) and reason in skipped.reason


def test_random_bytes_named_txt_are_skipped(tmp_path: Path) -> None:
    _, sources, [skipped] = load_one(tmp_path, "x.txt", os.urandom(20_000))
    assert not sources and ("binary" in skipped.reason or "not text" in skipped.reason)


def test_special_files_loops_and_devices(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT)
    (folder / "loop").symlink_to(folder)  # a directory loop: never followed
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")  # a symlink loop
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    os.mkfifo(folder / "pipe.txt")  # reading it would block forever
    start = time.monotonic()
    sources, skipped = ingest.load([folder, folder / "pipe.txt", Path("/dev/zero")])
    assert time.monotonic() - start < 5
    assert [s.path for s in sources] == [str(folder / "good.txt")]
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert reasons["a.txt"] == reasons["b.txt"] == "symbolic link loop"
    assert reasons["gone.txt"] == "broken symbolic link"
    assert "FIFO" in reasons["pipe.txt"] and "character device" in reasons["zero"]
    with pytest.raises(InputError, match="symbolic link loop"):
        read_file(folder / "a.txt", 1000)


def test_max_input_rejects_at_once(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(2 * 1024**3)  # 2 GiB, sparse: only a size check can be this quick
    start = time.monotonic()
    sources, [skipped] = ingest.load([path])
    assert time.monotonic() - start < 1
    assert not sources and "over the 20,971,520-byte limit (--max-input)" in skipped.reason


def test_megabyte_lines_are_read_in_linear_time(tmp_path: Path) -> None:
    timings = []
    for mb in (1, 4):
        line = ("The minister said the road would cost $3 million. " * (mb * 20_000))[: mb << 20]
        path = tmp_path / f"line{mb}.txt"
        path.write_text(line + "\n")
        start = time.perf_counter()
        [src], _ = ingest.load([path])
        timings.append(time.perf_counter() - start)
        assert len(src.text) == len(line) + 1
    assert timings[1] < 8 * max(timings[0], 0.05), timings  # 4x the input: not 16x the time


def test_detection_never_raises_other_errors() -> None:
    for data in (b"\xff\xfe", b"\xfe\xff\x00", b"\x00" * 3, b"\x80" * 50, b"\xc3", "é".encode("latin-1")):
        with contextlib.suppress(InputError):
            decode_with_notes(data, Path("x.txt"))


# --- the command line ----------------------------------------------------------------------------

GOOD = """Cambodia Daily Wire
By Ana Reyes
November 6, 2025

PHNOM PENH — The Ministry of Public Works said on Thursday that spending on rural roads in Cambodia \
would rise to $377 million next year, according to officials who briefed reporters.
"We will spend {{ 7*7 }} on <script>alert(1)</script> **roads**, [links](http://evil.example) and # more \
in 12 provinces," Finance Minister Aun Pornmoniroth said on Thursday.
"""


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("mixed")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "latin.txt").write_bytes(GOOD.replace("Cambodia Daily", "Café Daily").encode("cp1252"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    return folder


def test_folder_with_bad_files_builds_from_the_good_ones(mixed_folder: Path, tmp_path: Path, runner) -> None:
    from briefer.cli import cli

    out = tmp_path / "brief.md"
    result = runner.invoke(cli, ["build", str(mixed_folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = [x for x in result.output.splitlines() if x.startswith("Warning: ")]
    assert f"Warning: {mixed_folder / 'empty.txt'}: skipped: empty file" in lines
    assert f"Warning: {mixed_folder / 'image.txt'}: skipped: binary file (NUL bytes), not text" in lines
    assert any(x.startswith(f"Warning: {mixed_folder / 'latin.txt'}: not UTF-8; decoded as") for x in lines)
    assert "Traceback" not in result.output
    assert "2 skipped" in out.read_text(encoding="utf-8")
    strict = runner.invoke(cli, ["build", str(mixed_folder), "-o", str(tmp_path / "s.md"), "--strict"])
    assert strict.exit_code == 2 and "--strict" in strict.output and "Traceback" not in strict.output
    assert not (tmp_path / "s.md").exists()


def test_no_usable_source_is_one_line_exit_2(tmp_path: Path, runner) -> None:
    from briefer.cli import cli

    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00" * 100)
    result = runner.invoke(cli, ["build", str(tmp_path), "-o", str(tmp_path / "b.docx")])
    assert result.exit_code == 2
    errors = [x for x in result.output.splitlines() if x.startswith("Error:")]
    assert len(errors) == 1 and "no usable source" in errors[0] and "Traceback" not in result.output
    missing = runner.invoke(cli, ["build", str(tmp_path / "nope"), "-o", str(tmp_path / "b.docx")])
    assert missing.exit_code == 2 and missing.output.startswith("Error: ")
    assert "no such file" in missing.output


@pytest.fixture(scope="module")
def literal_outputs(mixed_folder: Path, tmp_path_factory) -> dict[str, Path]:
    from click.testing import CliRunner

    from briefer.cli import cli

    out = tmp_path_factory.mktemp("literal")
    paths = {}
    for fmt in ("md", "html", "docx"):
        paths[fmt] = out / f"brief.{fmt}"
        result = CliRunner().invoke(cli, ["build", str(mixed_folder / "good.txt"), "-o", str(paths[fmt])])
        assert result.exit_code == 0, result.output
    return paths


LITERAL = ["{{ 7*7 }}", "<script>alert(1)</script>", "**roads**", "[links](http://evil.example)", "# more"]


def test_source_syntax_is_literal_in_markdown(literal_outputs: dict[str, Path]) -> None:
    from markdown_it import MarkdownIt

    md = literal_outputs["md"].read_text(encoding="utf-8")
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "<script>" not in html and 'href="http://evil.example"' not in html and "spend 49" not in html
    import html as html_lib

    text = html_lib.unescape(re.sub(r"<[^>]+>", "", html))
    for piece in LITERAL:
        assert piece in text, piece


def test_source_syntax_is_literal_in_html(literal_outputs: dict[str, Path]) -> None:
    import html as html_lib

    page = literal_outputs["html"].read_text(encoding="utf-8")
    assert "<script>alert" not in page and 'href="http://evil.example"' not in page
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", page))
    for piece in LITERAL:
        assert piece in text, piece


def test_source_syntax_is_literal_in_docx(literal_outputs: dict[str, Path]) -> None:
    from docx2python import docx2python

    with docx2python(literal_outputs["docx"]) as doc:
        text = doc.text
    for piece in LITERAL:
        assert piece in text, piece
    assert "evil.example" not in "".join(
        r for r in re.findall(r'Target="([^"]+)"', _rels(literal_outputs["docx"])))


def _rels(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return z.read("word/_rels/document.xml.rels").decode("utf-8")
