"""One bad file never kills a build: damaged .docx and PDF files, PDF bombs, names that are not
UTF-8 and PDFs of very many pages are each skipped with a one-line reason naming the file."""

from __future__ import annotations

import io
import os
import random
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from briefer import ingest
from briefer.errors import InputError
from briefer.ingest.pdf import MAX_PAGES, read_pdf

SAID = "The minister said on Thursday that the new bridge would cost 3 million dollars."
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
PAGE = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>")


def pdf(objects: dict[int, bytes]) -> bytes:
    """A PDF file of numbered objects (1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets: dict[int, int] = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    xref, size = len(out), max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += b"%010d 00000 n \n" % offsets[num] if num in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def stream(data: bytes, *, deflate: bool = False) -> bytes:
    if deflate:
        data = zlib.compress(data, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def one_page(content: bytes, *, deflate: bool = False) -> bytes:
    return pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                3: PAGE, 4: FONT, 5: stream(content, deflate=deflate)})


GOOD_PDF = one_page(b"BT /F1 12 Tf 72 720 Td 14 TL " + f"({SAID}) Tj T* ".encode() * 3 + b"ET")


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def load_one(tmp_path: Path, name: str, data: bytes, **kwargs):
    path = tmp_path / name
    path.write_bytes(data)
    return path, *ingest.load([path], **kwargs)


def test_good_pdf_is_read(tmp_path: Path) -> None:
    _, [src], skipped = load_one(tmp_path, "good.pdf", GOOD_PDF)
    assert not skipped and SAID in src.text


def test_docx_with_malformed_xml_is_skipped(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes(SAID))) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename == "word/document.xml":
                body = body.replace(b"</w:body>", b"<w:p></w:body>")  # an unclosed element
            zout.writestr(info, body)
    path, sources, [skipped] = load_one(tmp_path, "bad.docx", out.getvalue())
    assert not sources and skipped.path == str(path)
    assert skipped.reason.startswith("not a readable .docx (") and "\n" not in skipped.reason


def test_pdf_deflate_bomb_is_skipped(tmp_path: Path) -> None:
    content = b"BT /F1 12 Tf 72 720 Td (" + b"A" * 80_000_000 + b") Tj ET"  # 80 MB from 78 KB
    path, sources, [skipped] = load_one(tmp_path, "bomb.pdf", one_page(content, deflate=True))
    assert not sources and skipped.path == str(path) and "not a readable PDF" in skipped.reason


def test_pdf_with_a_few_bytes_changed_never_raises() -> None:
    """1,500 copies of a good PDF with one to four bytes changed: each is read or refused with an
    InputError (pypdf raised AttributeError and its LimitReachedError on some)."""
    rnd = random.Random(1)
    for _ in range(1500):
        data = bytearray(GOOD_PDF)
        for _ in range(rnd.randint(1, 4)):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
        try:
            read_pdf(Path("fuzzed.pdf"), bytes(data))
        except InputError as exc:
            assert str(exc).startswith("fuzzed.pdf: ") and "\n" not in str(exc)


def test_pdf_of_very_many_pages_is_refused_quickly(tmp_path: Path) -> None:
    """80,000 pages in under 500 KB: pypdf took about a minute to lay them all out."""
    nodes = list(range(10, 90))
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: PAGE, 4: FONT,
               5: stream(f"BT /F1 12 Tf 72 720 Td ({SAID}) Tj ET".encode()),
               2: b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % n for n in nodes) + b"] /Count 80000 >>"}
    for n in nodes:
        objects[n] = b"<< /Type /Pages /Parent 2 0 R /Kids [" + b"3 0 R " * 1000 + b"] /Count 1000 >>"
    start = time.monotonic()
    path, sources, [skipped] = load_one(tmp_path, "many.pdf", pdf(objects))
    assert time.monotonic() - start < 15
    assert not sources and skipped.reason == f"80,000 pages, over the limit of {MAX_PAGES:,}"
    # the same tree with a /Count that understates it: refused once the tree is read
    objects[2] = objects[2].replace(b"/Count 80000", b"/Count 1")
    _, sources, [skipped] = load_one(tmp_path, "liar.pdf", pdf(objects))
    assert not sources and "pages" in skipped.reason and time.monotonic() - start < 30


def test_extracted_text_is_bounded_by_max_input(tmp_path: Path) -> None:
    """A compressed .docx under --max-input bytes holding far more text than that is refused."""
    data = docx_bytes(SAID * 2000)  # 162,000 characters in a file of about 40 KB
    assert len(data) < 60_000
    _, sources, [skipped] = load_one(tmp_path, "long.docx", data, max_bytes=60_000)
    assert not sources and "characters of text, over the 60,000 limit (--max-input)" in skipped.reason


def test_file_name_not_utf8_is_skipped_naming_it(tmp_path: Path, runner) -> None:
    from briefer.cli import cli

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(SAID + "\n")
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as fh:
        fh.write(SAID.encode() + b"\n")
    sources, [skipped] = ingest.load([folder])
    assert [s.path for s in sources] == [str(folder / "good.txt")]
    assert skipped.path == f"{folder}/caf\\xe9.txt" and "not valid UTF-8" in skipped.reason
    out = tmp_path / "brief.md"
    result = runner.invoke(cli, ["build", str(folder), "-o", str(out), "-q", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert f"Warning: {folder}/caf\\xe9.txt: skipped: its name is not valid UTF-8; rename it" in result.output


def test_a_reader_that_breaks_skips_only_its_file(tmp_path: Path, monkeypatch) -> None:
    """Whatever a reader raises, the file is skipped with the error and the others are read."""
    def broken(path: Path, data: bytes, encoding: str | None = None):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setitem(ingest.READERS, ".pdf", broken)
    (tmp_path / "a.pdf").write_bytes(GOOD_PDF)
    (tmp_path / "b.txt").write_text(SAID + "\n")
    sources, [skipped] = ingest.load([tmp_path])
    assert [s.id for s in sources] == ["b"]
    assert skipped.reason == "could not be read (RecursionError: maximum recursion depth exceeded)"



# --- briefer's own outputs and folders that cannot be read ----------------------------------------


def test_brief_written_into_its_source_folder_is_not_read_back(tmp_path: Path, runner) -> None:
    from briefer.cli import cli

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_text(SAID + "\n")
    for name in ("brief.docx", "brief.md", "brief.html", "again.docx"):
        result = runner.invoke(cli, ["build", str(folder), "-o", str(folder / name), "-q", "--no-cache"])
        assert result.exit_code == 0, result.output
        assert ", 1 sources)" in result.output, result.output
    with open(folder / "brief.md", "a", encoding="utf-8") as fh:
        fh.write("A line added by hand.\n")  # still briefer's brief, not a source
    sources, skipped = ingest.load([folder])
    assert [s.id for s in sources] == ["good"] and skipped == []
    sources, [named] = ingest.load([folder / "brief.docx"])
    assert not sources and named.reason == "a brief or extraction briefer wrote, not a source"
    strict = runner.invoke(cli, ["build", str(folder), "-o", str(folder / "new.md"), "--strict", "-q"])
    assert strict.exit_code == 0, strict.output


def _as_nobody(task):  # type: ignore[no-untyped-def]
    """`task()` run in a child process that has given up root (root reads any folder)."""
    import pickle

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop to nobody, load, send the result back
        try:
            os.close(read)
            os.setgid(65534)
            os.setuid(65534)
            os.write(write, pickle.dumps(task()))
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as fh:
        data = fh.read()
    os.waitpid(pid, 0)
    return pickle.loads(data)


def test_unreadable_sub_folder_is_reported_and_fails_strict(runner) -> None:
    import shutil
    import tempfile

    from briefer.cli import cli

    folder = Path(tempfile.mkdtemp(prefix="briefer-perm-"))  # under /tmp, open to a dropped user
    try:
        folder.chmod(0o755)
        (folder / "good.txt").write_text(SAID + "\n")
        (folder / "locked").mkdir()
        (folder / "locked" / "hidden.txt").write_text(SAID + "\n")
        (folder / "locked").chmod(0)
        def task():  # type: ignore[no-untyped-def]
            strict = runner.invoke(cli, ["build", str(folder), "-o", "-", "--format", "md", "--strict",
                                         "-q", "--no-cache"])
            return ingest.load([folder]), strict.exit_code, strict.output

        (sources, skipped), code, output = _as_nobody(task) if os.geteuid() == 0 else task()
        assert [s.id for s in sources] == ["good"]
        assert [(s.path, s.reason) for s in skipped] == [
            (str(folder / "locked"), "folder cannot be read: Permission denied")]
        assert code == 2 and "--strict" in output and "locked" in output, output
    finally:
        (folder / "locked").chmod(0o755)
        shutil.rmtree(folder)


# --- zip-based documents: declarations in any encoding and any part -----------------------------


def _with_part(name: str, body: bytes) -> bytes:
    """A real .docx with one part replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes(SAID))) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != name:
                zout.writestr(info, zin.read(info))
        zout.writestr(name, body)
    return out.getvalue()


DTD = '<?xml version="1.0" encoding="{enc}"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<d>&x;</d>'


@pytest.mark.parametrize(("name", "body"), [
    ("word/document.xml", DTD.format(enc="UTF-16").encode("utf-16")),  # with a BOM
    ("word/document.xml", DTD.format(enc="UTF-16BE").encode("utf-16-be")),
    ("customXml/item1.xml", DTD.format(enc="UTF-32").encode("utf-32")),
    ("word/embeddings/data.bin", DTD.format(enc="UTF-8").encode()),  # any name: a content type can make it XML
    ("word/media/x", b"\x00" * 10 + DTD.format(enc="UTF-8").encode("utf-16-le")),
])
def test_doctype_in_any_encoding_and_any_part_is_refused(name: str, body: bytes) -> None:
    from briefer.safety import check_zip

    with pytest.raises(InputError, match="declares a DOCTYPE or entities; refused"):
        check_zip(_with_part(name, body), label="in.docx")


@pytest.mark.parametrize("encoding", ["UTF-7", "IBM037", "cp500"])
def test_xml_in_an_encoding_the_scan_cannot_read_is_refused(encoding: str) -> None:
    from briefer.safety import check_zip

    body = f'<?xml version="1.0" encoding="{encoding}"?>\n<d>+ADw-!DOCTYPE</d>'.encode()
    with pytest.raises(InputError, match=f"declares the XML encoding '{encoding}'; refused"):
        check_zip(_with_part("word/document.xml", body), label="in.docx")
    ebcdic = '<?xml version="1.0"?><d/>'.encode("cp500")  # sniffed by libxml2 without a declaration
    with pytest.raises(InputError, match="EBCDIC"):
        check_zip(_with_part("word/document.xml", ebcdic), label="in.docx")


def test_real_docx_parts_pass() -> None:
    from briefer.safety import check_zip

    check_zip(docx_bytes(SAID), label="in.docx")
    check_zip(_with_part("word/x.xml", '<?xml version="1.0" encoding="UTF-16"?><d/>'.encode("utf-16")))


# --- briefer email: the same zip check, and a size limit on attachments --------------------------


def _email(runner, docx: Path, *extra: str):  # type: ignore[no-untyped-def]
    from briefer.cli import cli

    return runner.invoke(cli, ["email", str(docx), "--to", "ana@example.org", "--from", "jo@example.org",
                               "--eml", str(docx.parent / "out.eml"), *extra])


def test_email_refuses_a_zip_bomb_docx(tmp_path: Path, runner) -> None:
    bomb = tmp_path / "brief.docx"
    bomb.write_bytes(_with_part("docProps/custom.xml", b"<" + b" " * 300_000_000))  # 300 MB from 300 KB
    start = time.monotonic()
    result = _email(runner, bomb)
    assert result.exit_code == 2 and "zip bomb" in result.output, result.output
    assert time.monotonic() - start < 5 and not (tmp_path / "out.eml").exists()


def test_email_attachments_have_a_size_limit(tmp_path: Path, runner) -> None:
    from briefer.mail import MAX_ATTACHMENTS

    brief = tmp_path / "brief.docx"
    brief.write_bytes(docx_bytes(SAID))
    big = tmp_path / "big.json"
    with open(big, "wb") as fh:
        fh.truncate(MAX_ATTACHMENTS)  # sparse: only a size check before reading is this quick
    start = time.monotonic()
    result = _email(runner, brief, "--attach", str(big))
    assert result.exit_code == 2 and time.monotonic() - start < 5, result.output
    assert f"{big}: cannot attach: the attachments would be over {MAX_ATTACHMENTS:,} bytes" in result.output
    os.mkfifo(tmp_path / "pipe.json")  # reading it would block forever
    result = _email(runner, brief, "--attach", str(tmp_path / "pipe.json"))
    assert result.exit_code == 2 and "not a regular file" in result.output, result.output
    small = tmp_path / "small.json"
    small.write_text("{}")
    assert _email(runner, brief, "--attach", str(small)).exit_code == 0
