"""Hostile templates and reference documents: the known Jinja2 sandbox escapes, runaway
templates, every template exception as "template:line: message" (exit 4), and reference .docx
files that are zip bombs, damaged, encrypted, folders or carry XXE."""

from __future__ import annotations

import io
import json
import re
import shutil
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from briefer.errors import InputError, TemplateError
from briefer.model import Brief, Extraction, Source, to_dict
from briefer.render import sandbox
from briefer.render.docx import markdown_to_docx
from briefer.render.templating import make_env, render_markdown
from briefer.safety import check_zip, parse_xml

SECRET = "__globals__"
ESCAPES = {
    "CVE-2016-10745 str.format": '{{ "{0.__class__.__init__.__globals__}".format(brief) }}',
    "CVE-2019-10906 str.format_map": '{{ "{x.__class__.__init__.__globals__}".format_map({"x": brief}) }}',
    "CVE-2024-56326 stored format": '{% set f = "{0.__class__.__init__.__globals__}".format %}{{ f(brief) }}',
    "CVE-2024-56326 format via loop": '{% for f in ["{0.__init__.__globals__}".format] %}{{ f(brief) }}'
                                      "{% endfor %}",
    "CVE-2025-27516 attr filter": '{{ ("{0.__class__.__init__.__globals__}" | attr("format"))(brief) }}',
    "attr filter to format_map": '{{ ("{x.__init__.__globals__}" | attr("format_map"))({"x": brief}) }}',
    "dunder walk": "{{ brief.__class__.__mro__[1].__subclasses__() }}",
    "cite globals": "{{ cite.__func__.__globals__ }}",
    "attr dunder": '{{ brief | attr("__class__") | attr("__mro__") }}',
}


def render(tmp_path: Path, source: str, name: str = "x.md.j2") -> str:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(source, encoding="utf-8")
    return render_markdown(make_env(folder), name, {"brief": Brief(title="T")}, [])


@pytest.mark.parametrize("source", ESCAPES.values(), ids=ESCAPES.keys())
def test_known_sandbox_escapes_are_blocked(tmp_path: Path, source: str) -> None:
    with pytest.raises(TemplateError) as info:
        render(tmp_path, "line one\n" + source)
    message = str(info.value)
    assert message.startswith("x.md.j2:2: ")
    assert "unsafe" in message or "has no attribute" in message  # attr() of a dunder: undefined
    assert "builtins" not in message and "<module" not in message


def test_jinja2_is_patched() -> None:
    import jinja2

    assert tuple(int(p) for p in jinja2.__version__.split(".")[:3]) >= (3, 1, 6)


@pytest.mark.parametrize(("source", "line", "message"), [
    ("a\nb\n{{ 1 / 0 }}", 3, "division by zero"),
    ("{{ brief.title + 1 }}", 1, "can only concatenate str"),
    ("{% macro r() %}{{ r() }}{% endmacro %}\n{{ r() }}", None, "maximum recursion depth"),
    ("ok\n{{ nothing_here }}", 2, "'nothing_here' is undefined"),
    ("{% for x in %}", 1, "Expected an expression"),
    ("{{ 'x' * 10 ** 8 }}", 1, "over the 1,000,000 limit"),
    ("{{ 7 ** 100000 }}", 1, "too large"),
    ("{% include 'missing.md.j2' %}", 1, "missing.md.j2"),
])
def test_every_template_exception_is_one_line(tmp_path: Path, source: str, line: int | None,
                                              message: str) -> None:
    with pytest.raises(TemplateError, match=message) as info:
        render(tmp_path, source)
    text = str(info.value)
    assert "\n" not in text and text.startswith("x.md.j2:")
    if line is not None:
        assert text.startswith(f"x.md.j2:{line}: ")


@pytest.mark.parametrize("source", [
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "x\n{% for i in range(100000) %}{% for j in range(100000) %}{{ j }}{% endfor %}{% endfor %}",
    '{% for i in range(100000) %}{% for j in "ab" * 400000 %}{% endfor %}{% endfor %}',
])
def test_runaway_template_stops_at_the_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  source: str) -> None:
    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 0.5)
    start = time.monotonic()
    with pytest.raises(TemplateError, match=r"^x\.md\.j2:\d+: rendering took longer than 0.5 s"):
        render(tmp_path, source)
    assert time.monotonic() - start < 3


def test_output_size_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "MAX_OUTPUT", 10_000)
    with pytest.raises(TemplateError, match="output over 10,000 characters"):
        render(tmp_path, "{% for i in range(100000) %}{{ i }} {% endfor %}")


def extraction_json(tmp_path: Path) -> Path:
    src = Source(id="a", path="a.txt", title="A", text="x")
    path = tmp_path / "extract.json"
    path.write_text(json.dumps(to_dict(Extraction(sources=[src], title="T"))), encoding="utf-8")
    return path


def test_cli_template_error_exit_4_no_traceback_and_debug_shows_it(tmp_path: Path, runner) -> None:
    from briefer.cli import cli

    data = extraction_json(tmp_path)
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "brief.md.j2").write_text("# {{ brief.title }}\n{{ 1 // 0 }}\n", encoding="utf-8")
    args = ["render", str(data), "--templates", str(folder), "-o", str(tmp_path / "b.md")]
    result = runner.invoke(cli, args)
    assert result.exit_code == 4, result.output
    assert result.output.strip() == "Error: brief.md.j2:2: integer division or modulo by zero"
    assert "Traceback" not in result.output and not (tmp_path / "b.md").exists()
    debug = runner.invoke(cli, ["--debug", *args])
    assert debug.exit_code != 0 and isinstance(debug.exception, TemplateError)


# --- reference documents -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def template_docx() -> bytes:
    return markdown_to_docx("Reference.")


def rezip(data: bytes, change: dict[str, bytes | None], *, level: int = 6) -> bytes:
    """Copy a zip, replacing (bytes), adding or removing (None) parts."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in change:
                if change[info.filename] is not None:
                    zout.writestr(info.filename, change[info.filename], compresslevel=level)
                continue
            zout.writestr(info, zin.read(info))
        for name, part in change.items():
            if part is not None and name not in zin.namelist():
                zout.writestr(name, part, compresslevel=level)
    return out.getvalue()


@pytest.fixture(scope="module")
def zip_bomb(template_docx: bytes) -> bytes:
    """A .docx carrying a part of 192 MiB of spaces: about 190 KiB compressed."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = b" " * (1 << 20)
    stream = b"".join(deflate.compress(block) for _ in range(192)) + deflate.flush()
    size, crc = 192 << 20, 0
    for _ in range(192):
        crc = zlib.crc32(block, crc)
    info = zipfile.ZipInfo("customXml/item1.xml")
    info.compress_type = zipfile.ZIP_DEFLATED
    out = io.BytesIO(rezip(template_docx, {}))
    with zipfile.ZipFile(out, "a") as z:  # write the raw stream: no 192 MiB in memory
        info.file_size, info.compress_size, info.CRC = size, len(stream), crc
        z.fp.seek(z.start_dir)  # type: ignore[union-attr]
        info.header_offset = z.start_dir
        z.fp.write(info.FileHeader())  # type: ignore[union-attr]
        z.fp.write(stream)  # type: ignore[union-attr]
        z.start_dir = z.fp.tell()  # type: ignore[union-attr]
        z.filelist.append(info)
        z.NameToInfo[info.filename] = info
        z._didModify = True
    return out.getvalue()


def test_zip_bomb_reference_rejected_in_about_a_millisecond(zip_bomb: bytes, tmp_path: Path) -> None:
    assert len(zip_bomb) < 400 * 1024
    path = tmp_path / "bomb.docx"
    path.write_bytes(zip_bomb)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        with pytest.raises(InputError, match="zip bomb"):
            check_zip(path)
        times.append(time.perf_counter() - start)
    assert min(times) < 0.02  # measured about 0.3 ms; generous for a loaded CI machine
    with pytest.raises(InputError, match=r"bomb\.docx \(--reference-docx\): .*zip bomb"):
        markdown_to_docx("x", reference=path)


def xxe(template_docx: bytes) -> bytes:
    styles = zipfile.ZipFile(io.BytesIO(template_docx)).read("word/styles.xml")
    evil = styles.replace(b"?>", b'?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
    return rezip(template_docx, {"word/styles.xml": evil})


def laughs(template_docx: bytes) -> bytes:
    decl = "".join(f'<!ENTITY l{i} "{"&l" + str(i - 1) + ";" * 10 if i else "lol"}">' for i in range(10))
    return rezip(template_docx, {"word/settings.xml": f'<?xml version="1.0"?><!DOCTYPE s [{decl}]>'
                                                      f"<s>&l9;</s>".encode()})


def damaged(template_docx: bytes) -> bytes:
    data = bytearray(template_docx)
    with zipfile.ZipFile(io.BytesIO(template_docx)) as z:
        info = z.getinfo("word/styles.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 40, start + 80):
        data[i] ^= 0x5A
    return bytes(data)


def zip_encrypted(template_docx: bytes) -> bytes:
    data = bytearray(template_docx)
    with zipfile.ZipFile(io.BytesIO(template_docx)) as z:
        first = z.infolist()[0]
    data[first.header_offset + 6] |= 1  # general purpose flag, local header
    central = bytes(data).find(b"PK\x01\x02")
    data[central + 8] |= 1  # and central directory
    return bytes(data)


def _header_to_settings(data: bytes) -> bytes:
    """Point the reference's header relationships at the settings part."""
    rels = zipfile.ZipFile(io.BytesIO(data)).read("word/_rels/document.xml.rels").decode()
    return re.sub(r'(Type="[^"]+/header" Target=")[^"]+"', r'\1settings.xml"', rels).encode()


BAD_REFERENCES = {
    "not a zip": (lambda d: b"Just some text, saved as .docx", "not a .docx"),
    "truncated": (lambda d: d[: len(d) // 2], "damaged or truncated"),
    "office encrypted": (lambda d: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "encrypted"),
    "zip encrypted": (zip_encrypted, "encrypted"),
    "damaged part": (damaged, "damaged"),
    "XXE": (xxe, "DOCTYPE"),
    "billion laughs": (laughs, "DOCTYPE"),
    "too many parts": (lambda d: rezip(d, {f"customXml/p{i}.xml": b"<a/>" for i in range(2001)}), "parts"),
    "no document part": (lambda d: rezip(d, {"word/document.xml": None}), "not a readable .docx"),
    "bad xml": (lambda d: rezip(d, {"word/styles.xml": b"<w:styles"}), "not a readable .docx"),
    # found by bench/fuzz_reference.py: python-docx raised AttributeError on these
    "no body": (lambda d: rezip(d, {"word/document.xml": b'<w:document xmlns:w="http://schemas.'
                                    b'openxmlformats.org/wordprocessingml/2006/main"/>'}), "damaged .docx"),
    "header is settings": (lambda d: rezip(d, {"word/_rels/document.xml.rels": _header_to_settings(d)}),
                           "damaged .docx"),
}


@pytest.mark.parametrize("case", BAD_REFERENCES, ids=list(BAD_REFERENCES))
def test_bad_reference_is_one_line_input_error(case: str, template_docx: bytes, tmp_path: Path) -> None:
    make, message = BAD_REFERENCES[case]
    path = tmp_path / "ref.docx"
    path.write_bytes(make(template_docx))
    with pytest.raises(InputError, match=message) as info:
        markdown_to_docx("x", reference=path)
    assert "\n" not in str(info.value) and str(info.value).startswith(str(path))
    assert info.value.exit_code == 2


def test_reference_folder_and_fifo(tmp_path: Path) -> None:
    import os

    with pytest.raises(InputError, match="a folder, not a regular file"):
        markdown_to_docx("x", reference=tmp_path)
    fifo = tmp_path / "ref.docx"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        check_zip(fifo)


def test_good_reference_passes(template_docx: bytes, tmp_path: Path) -> None:
    path = tmp_path / "ref.docx"
    path.write_bytes(template_docx)
    assert check_zip(path) == template_docx
    assert markdown_to_docx("Body.", reference=path)[:2] == b"PK"


def test_parse_xml_never_expands_entities(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    doc = f'<!DOCTYPE d [<!ENTITY s SYSTEM "file://{secret}">]><d>&s;</d>'.encode()
    with pytest.raises(InputError, match="DOCTYPE"):
        parse_xml(doc)
    assert parse_xml(b"<d><e>ok</e></d>").findtext("e") == "ok"
    with pytest.raises(InputError, match="not well-formed"):
        parse_xml(b"<d>")


def test_cli_reference_errors_are_one_line(tmp_path: Path, runner, zip_bomb: bytes) -> None:
    from briefer.cli import cli

    data = extraction_json(tmp_path)
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(zip_bomb)
    for ref in (bomb, tmp_path):
        result = runner.invoke(cli, ["render", str(data), "--reference-docx", str(ref), "-o",
                                     str(tmp_path / "b.docx")])
        assert result.exit_code == 2, result.output
        assert result.output.startswith("Error: ") and result.output.count("\n") == 1
    assert not (tmp_path / "b.docx").exists()
    shutil.rmtree(tmp_path / "templates", ignore_errors=True)


# --- the templates folder: links out of it, special files, `templates init` --------------------


def test_template_linked_outside_the_folder_is_refused(tmp_path: Path, runner) -> None:
    from briefer.cli import cli

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET LINE\n", encoding="utf-8")
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "notes.md.j2").symlink_to(secret)
    (folder / "brief.md.j2").write_text("# {{ brief.title }}\n{% include 'notes.md.j2' %}\n", encoding="utf-8")
    out = tmp_path / "b.md"
    result = runner.invoke(cli, ["render", str(extraction_json(tmp_path)), "--templates", str(folder),
                                 "-o", str(out)])
    assert result.exit_code == 4, result.output
    assert result.output.startswith("Error: notes.md.j2: ") and "outside the templates folder" in result.output
    assert result.output.count("\n") == 1 and "TOP SECRET" not in result.output and not out.exists()
    (folder / "brief.md.j2").unlink()
    (folder / "brief.md.j2").symlink_to(secret)  # the main template itself
    with pytest.raises(TemplateError, match=r"^brief\.md\.j2: .* leads outside the templates folder"):
        render_markdown(make_env(folder), "brief.md.j2", {"brief": Brief(title="T")}, [])


def test_template_linked_inside_the_folder_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "real.md.j2").write_text("Title: {{ brief.title }}\n", encoding="utf-8")
    (folder / "x.md.j2").symlink_to("real.md.j2")
    assert render_markdown(make_env(folder), "x.md.j2", {"brief": Brief(title="T")}, []) == "Title: T\n"


def test_templates_init_never_writes_through_a_link(tmp_path: Path, runner) -> None:
    from briefer.cli import cli

    folder = tmp_path / "house"
    folder.mkdir()
    outside = tmp_path / "outside.txt"
    (folder / "brief.md.j2").symlink_to(outside)  # dangling
    for flags in ([], ["--force"]):
        result = runner.invoke(cli, ["templates", "init", str(folder), *flags])
        assert result.exit_code == 2, result.output
        assert "brief.md.j2: is a symbolic link; refused" in result.output and result.output.count("\n") == 1
        assert not outside.exists() and (folder / "brief.md.j2").is_symlink()
    outside.write_text("mine\n")
    assert runner.invoke(cli, ["templates", "init", str(folder), "--force"]).exit_code == 2
    assert outside.read_text() == "mine\n"
    (folder / "brief.md.j2").unlink()
    assert runner.invoke(cli, ["templates", "init", str(folder)]).exit_code == 0
    assert (folder / "brief.md.j2").is_file() and not (folder / "brief.md.j2").is_symlink()
