"""House style from a reference .docx (`--reference-docx`): one made by LibreOffice, one by pandoc,
and the built-in default. The seed brief built on each passes both validators, keeps the
reference's header text, fonts and page setup, drops its body and notes (not its separators),
and LibreOffice puts the footnotes at the foot of the page. Two builds give the same bytes."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from briefer.cli import cli
from briefer.render import RenderOptions, render
from tests.conftest import ROOT, need_soffice, to_pdf_text
from tests.ooxml_check import docx_problems

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
HANDLING = "UNCLASSIFIED//FOR OFFICIAL USE ONLY"  # conftest's seed_brief
LETTERHEAD = "MINISTRY OF EXAMPLES - POLICY UNIT"
HOUSE_FOOTER = "Policy Unit, 1 Example Street"
HOUSE_FONT = "DejaVu Serif"

FODT = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls><style:font-face style:name="{HOUSE_FONT}" svg:font-family="'{HOUSE_FONT}'"
  style:font-family-generic="roman"/></office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:text-properties style:font-name="{HOUSE_FONT}" fo:font-size="11pt"/></style:default-style>
  <style:style style:name="Standard" style:family="paragraph">
   <style:text-properties style:font-name="{HOUSE_FONT}"/></style:style>
  <style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard"/>
  <style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard"/>
 </office:styles>
 <office:automatic-styles><style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm"
   fo:margin-bottom="2cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.4cm"/>
  </style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.4cm"/>
  </style:footer-style>
 </style:page-layout></office:automatic-styles>
 <office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:header><text:p text:style-name="Header">{LETTERHEAD}</text:p></style:header>
  <style:footer><text:p text:style-name="Footer">{HOUSE_FOOTER}</text:p></style:footer>
 </style:master-page></office:master-styles>
 <office:body><office:text>
  <text:p text:style-name="Standard">House template body text that must go.</text:p>
 </office:text></office:body>
</office:document>
"""


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def text_of(xml: bytes) -> str:
    return "".join(etree.fromstring(xml).itertext())


def story_texts(p: dict[str, bytes], kind: str) -> list[list[str]]:
    """Each header (or footer) part's paragraphs, as text."""
    out = []
    for name in sorted(n for n in p if n.startswith(f"word/{kind}")):
        root = etree.fromstring(p[name])
        out.append(["".join(par.itertext()) for par in root.iter(f"{{{W}}}p")])
    return out


@pytest.fixture(scope="module")
def lo_reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice = need_soffice()
    folder = tmp_path_factory.mktemp("lo-ref")
    (folder / "house.fodt").write_text(FODT, encoding="utf-8")
    subprocess.run([soffice, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder),
                    str(folder / "house.fodt")], check=True, capture_output=True, timeout=120)
    ref = folder / "house.docx"
    assert LETTERHEAD in text_of(parts(ref.read_bytes())["word/header1.xml"])
    return ref


@pytest.fixture(scope="module")
def pandoc_reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import pypandoc

    ref = tmp_path_factory.mktemp("pandoc-ref") / "custom-reference.docx"
    subprocess.run([pypandoc.get_pandoc_path(), "-o", str(ref), "--print-default-data-file",
                    "reference.docx"], check=True, capture_output=True, timeout=60)
    return ref


@pytest.fixture(scope="module")
def built(seed_brief: object, lo_reference: Path, pandoc_reference: Path,
          tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("built")
    out = {}
    for name, ref in (("libreoffice", lo_reference), ("pandoc", pandoc_reference), ("builtin", None)):
        out[name] = folder / f"{name}.docx"
        out[name].write_bytes(render(seed_brief, "docx", RenderOptions(reference=ref)))  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize("name", ["libreoffice", "pandoc", "builtin"])
def test_validators_pass(built: dict[str, Path], name: str) -> None:
    assert docx_problems(built[name]) == []


def test_libreoffice_reference_header_footer_kept_with_banner(built: dict[str, Path]) -> None:
    p = parts(built["libreoffice"].read_bytes())
    (header,) = story_texts(p, "header")
    assert header[0] == HANDLING  # the banner on top
    assert header[1] == LETTERHEAD  # then the house letterhead
    assert header[2].startswith("US-Cambodia relations")  # then the brief's title line
    (footer,) = story_texts(p, "footer")
    assert footer[0] == HOUSE_FOOTER
    assert footer[1].startswith("Page 1 of ")
    assert footer[-1] == HANDLING


def test_libreoffice_reference_fonts_and_page_setup(built: dict[str, Path], lo_reference: Path) -> None:
    ours, theirs = parts(built["libreoffice"].read_bytes()), parts(lo_reference.read_bytes())
    assert HOUSE_FONT in ours["word/styles.xml"].decode()
    default_fonts = etree.fromstring(ours["word/styles.xml"]).find("w:docDefaults//w:rFonts", NS)
    assert default_fonts is not None and default_fonts.get(f"{{{W}}}ascii") == HOUSE_FONT
    doc = etree.fromstring(ours["word/document.xml"])
    ref = etree.fromstring(theirs["word/document.xml"])
    for tag in ("w:pgSz", "w:pgMar"):
        mine, house = doc.find(f".//w:sectPr/{tag}", NS), ref.find(f".//w:sectPr/{tag}", NS)
        assert dict(mine.attrib) == dict(house.attrib)
    assert doc.find(".//w:pgSz", NS).get(f"{{{W}}}w") == "11906"  # A4, as the reference
    assert "House template body text" not in text_of(ours["word/document.xml"])


def test_pandoc_reference_body_notes_and_comments_dropped(built: dict[str, Path],
                                                          pandoc_reference: Path) -> None:
    theirs = parts(pandoc_reference.read_bytes())
    assert "word/comments.xml" in theirs and "word/footnotes.xml" in theirs
    ours = parts(built["pandoc"].read_bytes())
    assert "word/comments.xml" not in ours
    notes = etree.fromstring(ours["word/footnotes.xml"]).findall("w:footnote", NS)
    kinds = [n.get(f"{{{W}}}type") for n in notes]
    assert {"separator", "continuationSeparator"} <= set(kinds)
    ref_notes = etree.fromstring(theirs["word/footnotes.xml"]).findall("w:footnote", NS)
    ref_text = {text_of(etree.tostring(n)) for n in ref_notes if n.get(f"{{{W}}}type") is None}
    assert not ref_text & {text_of(etree.tostring(n)) for n in notes}
    # the pandoc reference's own styles (fonts, headings) are the brief's
    assert b"Heading1" in ours["word/styles.xml"]
    assert etree.fromstring(ours["word/styles.xml"]).find("w:docDefaults", NS) is not None


@pytest.mark.parametrize("name", ["libreoffice", "pandoc"])
def test_footnotes_at_page_foot_in_libreoffice(built: dict[str, Path], name: str, tmp_path: Path) -> None:
    pages = to_pdf_text(built[name], tmp_path)
    first = pages[0]
    assert HANDLING in first and "Page 1 of" in first
    if name == "libreoffice":
        assert LETTERHEAD in first and HOUSE_FOOTER in first
    body, _, foot = " ".join(first.split()).partition("Simon Lewis, David Brunnstrom, and Maiya Keidan")
    assert foot, "the first Reuters note is on page 1"
    assert "Key points" in body
    assert "Page 1 of" in foot  # the note sits above the footer, at the foot of the page


def test_builtin_reference_is_what_the_script_makes() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_reference", ROOT / "scripts" / "make_reference.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (ROOT / "templates" / "reference.docx").read_bytes()
    assert module.build() == committed
    p = parts(committed)
    styles = p["word/styles.xml"].decode()
    assert 'w:styleId="FootnoteText"' in styles and 'w:styleId="FootnoteReference"' in styles
    assert text_of(p["word/document.xml"]) == ""
    assert docx_problems(ROOT / "templates" / "reference.docx") == []


def test_builds_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    runner = CliRunner()
    outs = []
    for n in (1, 2):
        result = runner.invoke(cli, ["build", str(ROOT / "seeds"), "-o", f"b{n}.docx", "--handling", "X"])
        assert result.exit_code == 0, result.output
        outs.append((tmp_path / f"b{n}.docx").read_bytes())
    assert outs[0] == outs[1]
    core = parts(outs[0])["docProps/core.xml"].decode()
    assert "2026-02-05T00:00:00Z" in core  # the as-of date (the newest seed), not the clock
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    result = runner.invoke(cli, ["build", str(ROOT / "seeds"), "-o", "b3.docx", "--handling", "X"])
    assert result.exit_code == 0, result.output
    assert "2023-11-14T22:13:20Z" in parts((tmp_path / "b3.docx").read_bytes())["docProps/core.xml"].decode()


def test_reference_that_is_not_a_docx_is_an_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         seed_extraction: object) -> None:
    from briefer.jsonio import dump_extraction

    (tmp_path / "ex.json").write_bytes(dump_extraction(seed_extraction))  # type: ignore[arg-type]
    (tmp_path / "house.docx").write_bytes(b"not a zip")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["render", "ex.json", "-o", "b.docx", "--reference-docx", "house.docx"])
    assert result.exit_code == 2
    assert "house.docx" in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "b.docx").exists()
