"""markdown_to_docx, read back by independent readers: openxml-audit and ooxml-integrity
(validity), docx2python and pandoc (content, footnotes), LibreOffice + pdftotext (layout: each
note at the foot of its reference's page), and lxml on the raw parts."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from lxml import etree

from briefer.errors import InputError, UsageError
from briefer.render.docx import markdown_to_docx, read_custom_properties
from tests.conftest import to_pdf_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R, "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
STAMP = dt.datetime(2025, 11, 7, 9, 30, 0)
HANDLING = "UNCLASSIFIED//FOR OFFICIAL USE ONLY"

FILLER = (
    "Officials in Phnom Penh described the schedule as provisional while talks on funding "
    "continued, and diplomats from several capitals said they expected further announcements "
    "before the end of the dry season, although none would say which programmes came first. "
)

# (note Markdown, the note's text as a reader shows it); each note opens with a unique key
NOTES = [
    (
        'fnkey01 Minea Son, "US lifts arms embargo," *KPT English*, <https://kpt.example/embargo>.',
        'fnkey01 Minea Son, "US lifts arms embargo," KPT English, https://kpt.example/embargo.',
    ),
    (
        "fnkey02 Simon Lewis, David Brunnstrom and Maiya Keidan, Reuters, November 6, 2025.",
        "fnkey02 Simon Lewis, David Brunnstrom and Maiya Keidan, Reuters, November 6, 2025.",
    ),
    (
        'fnkey03 U.S. Department of State, "U.S.-Cambodia Relations," [fact sheet]'
        "(https://www.state.gov/cambodia).",
        'fnkey03 U.S. Department of State, "U.S.-Cambodia Relations," fact sheet.',
    ),
    (
        "fnkey04 Lewis, Brunnstrom and Keidan, Reuters.",
        "fnkey04 Lewis, Brunnstrom and Keidan, Reuters.",
    ),
    ("fnkey05 Son, KPT English.", "fnkey05 Son, KPT English."),
    ("fnkey06 **Khmer Times**, February 5, 2026.", "fnkey06 Khmer Times, February 5, 2026."),
    ("fnkey07 Scraped page, no reliable date.", "fnkey07 Scraped page, no reliable date."),
    (
        "fnkey08 U.S. Department of State, fact sheet.",
        "fnkey08 U.S. Department of State, fact sheet.",
    ),
    ("fnkey09 Reuters, *Ream naval base*, 2025.", "fnkey09 Reuters, Ream naval base, 2025."),
    ("fnkey10 Son, KPT English, 3.", "fnkey10 Son, KPT English, 3."),
    ("fnkey11 Lewis et al., Reuters, 4.", "fnkey11 Lewis et al., Reuters, 4."),
    ("fnkey12 Khmer Times, 2026.", "fnkey12 Khmer Times, 2026."),
    ("fnkey13 State, fact sheet, 2.", "fnkey13 State, fact sheet, 2."),
    ("fnkey14 Scraped page, 2.", "fnkey14 Scraped page, 2."),
]


def sample_brief() -> tuple[str, list[int], list[str]]:
    """A brief of several pages: Markdown, the note number each reference uses (document
    order) and each reference's unique key in the body."""
    refs: list[int] = []
    keys: list[str] = []

    def ref(n: int) -> str:
        refs.append(n)
        keys.append(f"refkey{len(refs):02d}")
        return f"{keys[-1]} the source says so.[^{n}]"

    out = [
        "# US-Cambodia relations: arms embargo, Ream, assistance",
        "## Key points",
        f"- The United States lifted its arms embargo; {ref(1)}",
        f"- Reuters reported the lifting on Thursday; {ref(2)}",
        f"  - A nested detail: {ref(3)}",
        "- A point without a note.",
        "See the [State Department](https://www.state.gov/cambodia) for the fact sheet.",
    ]
    note = 4
    for theme in ("Arms embargo", "Ream naval base", "Assistance", "Ceasefire"):
        out.append(f"## {theme}")
        out.append(f"### What the sources say about {theme.lower()}")
        for _ in range(4):
            out.append(FILLER * 2 + (ref(note) if note <= len(NOTES) else ""))
            note += 1
        out.append("#### Figures")
        out.append(
            "| Figure | What it measures | Source |\n|---|---|--:|\n"
            f"| more than $377 million | assistance since 1993; {ref(2)} | Reuters |\n"
            "| 9 of 41 | sentences missing numbers | scraped page |"
        )
    out.append(f"Repeated citation of the first source: {ref(1)}")
    out.append("1. First numbered\n2. Second numbered")
    out.append("Between the lists.")
    out.append("1. Numbering restarts here\n2. And goes on")
    out.append("> A block quote from a source.")
    out.append("![Timeline of events](timeline.png)")
    out += [f"[^{i}]: {md}" for i, (md, _) in enumerate(NOTES, 1)]
    return "\n\n".join(out) + "\n", refs, keys


def png(width: int, height: int) -> bytes:
    """A small valid grey PNG, made without an imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\0" + b"\x80" * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(rows))
        + (chunk(b"IEND", b""))
    )


def render(md: str, **kw) -> bytes:
    args = {
        "images": {"timeline.png": png(2400, 300)},
        "core": {"title": "US-Cambodia relations", "author": "Analyst", "created": STAMP},
        "custom": {"briefer.summary": json.dumps({"sources": 5, "themes": 4})},
        "header": "US-Cambodia relations \u2014 information as of 2025-11-07",
        "footer": "Prepared by the analysis cell",
        "handling": HANDLING,
    }
    args.update(kw)
    return markdown_to_docx(md, **args)


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> tuple[Path, list[int], list[str]]:
    md, refs, keys = sample_brief()
    path = tmp_path_factory.mktemp("docx") / "brief.docx"
    path.write_bytes(render(md))
    return path, refs, keys


def parts_of(data: bytes | Path) -> dict[str, bytes]:
    raw = data.read_bytes() if isinstance(data, Path) else data
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        return {name: z.read(name) for name in z.namelist()}


def xml(parts: dict[str, bytes], name: str):
    return etree.fromstring(parts[name])


def flatten(nested) -> list[str]:
    if isinstance(nested, str):
        return [nested]
    return [s for item in nested for s in flatten(item)]


def expected_notes(refs: list[int]) -> list[str]:
    return [NOTES[n - 1][1] for n in refs]


# --- validity -----------------------------------------------------------------------------


def test_validators_report_no_errors(sample):
    from tests.ooxml_check import docx_problems

    assert docx_problems(sample[0]) == []


def test_ooxml_integrity_cli_is_clean(sample):
    # the console script installed beside the interpreter running the tests (a venv that is not
    # activated is not on PATH, and VIRTUAL_ENV is unset)
    exe = Path(sys.executable).parent / "ooxml-integrity"
    cmd = [str(exe)] if exe.exists() else ["ooxml-integrity"]
    done = subprocess.run([*cmd, "check", str(sample[0])], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


# --- content, read back by docx2python and pandoc ------------------------------------------


def test_docx2python_reads_one_note_per_reference_with_its_text(sample):
    from docx2python import docx2python

    path, refs, _ = sample
    with docx2python(path) as read:
        notes = [t for t in flatten(read.footnotes) if t.strip()]
        body = "\n".join(flatten(read.body))
    texts = [re.sub(r"<[^>]+>", "", t.split("\t", 1)[1]).strip() for t in notes]
    assert len(refs) >= 12 + 5
    assert texts == expected_notes(refs)
    assert len(re.findall(r"----footnote\d+----", body)) == len(refs)


def test_pandoc_reads_the_same_notes(sample):
    import pypandoc

    path, refs, _ = sample
    doc = json.loads(pypandoc.convert_file(str(path), "json"))
    notes: list = []

    def walk(node) -> None:
        if isinstance(node, dict):
            if node.get("t") == "Note":
                notes.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc["blocks"])
    assert len(notes) == len(refs)
    plain = pypandoc.convert_text(json.dumps({**doc, "blocks": notes[0]["c"]}), "plain", "json")
    assert " ".join(plain.split()) == NOTES[0][1]


def test_pandoc_sees_headings_lists_table_and_link(sample):
    import pypandoc

    md = pypandoc.convert_file(str(sample[0]), "markdown")
    assert "# US-Cambodia relations" in md and "#### Figures" in md
    assert "[State Department](https://www.state.gov/cambodia)" in md
    assert "-   The United States lifted" in md or "- The United States lifted" in md
    assert "more than \\$377" in md  # the cell may wrap before "million"


# --- layout: LibreOffice puts each note at the foot of its reference's page ---------------


@pytest.fixture(scope="module")
def pdf_pages(sample, tmp_path_factory) -> list[str]:
    soffice = shutil.which("soffice")
    if not soffice or not shutil.which("pdftotext"):
        if os.environ.get("CI") == "true":
            pytest.fail("soffice and pdftotext are required under CI=true")
        pytest.skip("LibreOffice (soffice) or pdftotext is not installed")
    out = tmp_path_factory.mktemp("pdf")
    profile = (out / "profile").as_uri()
    cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run(
        [*cmd, "--outdir", str(out), str(sample[0])], check=True, capture_output=True, timeout=180
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(out / "brief.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return text.split("\f")


@pytest.mark.slow
def test_each_note_sits_on_its_reference_page_below_it(sample, pdf_pages):
    _, refs, keys = sample
    assert len([p for p in pdf_pages if p.strip()]) >= 3  # else endnotes would look the same
    note_pages = set()
    for key, n in zip(keys, refs, strict=True):
        (page,) = [i for i, text in enumerate(pdf_pages) if key in text]
        note_key = f"fnkey{n:02d}"
        text = pdf_pages[page]
        below = text[text.index(key) :]
        # A reference in the last table row of a page may have its note carried to the next
        # page's foot (Word and LibreOffice both do this); never to the end of the document.
        spill = pdf_pages[page + 1] if page + 1 < len(pdf_pages) else ""
        assert note_key in below or note_key in spill, f"note {n} not below {key} on page {page + 1}"
        note_pages.add(page)
    assert len(note_pages) >= 3


@pytest.mark.slow
def test_numbered_lists_restart_on_the_page(pdf_pages):
    lines = [line.strip() for page in pdf_pages for line in page.splitlines()]
    assert "1. First numbered" in lines and "2. Second numbered" in lines
    assert "1. Numbering restarts here" in lines and "2. And goes on" in lines


@pytest.mark.slow
def test_header_and_footer_on_every_page(pdf_pages):
    pages = [p for p in pdf_pages if p.strip()]
    for number, text in enumerate(pages, 1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert lines[0] == HANDLING and lines[-1] == HANDLING
        assert f"Page {number} of {len(pages)}" in text
        assert "information as of 2025-11-07" in text


# --- structure, read from the raw parts ---------------------------------------------------


def test_block_styles(sample):
    body = xml(parts_of(sample[0]), "word/document.xml")

    def styled(style: str) -> list[str]:
        xpath = f".//w:p[w:pPr/w:pStyle/@w:val='{style}']"
        return ["".join(p.itertext()) for p in body.xpath(xpath, namespaces=NS)]

    assert styled("Heading1") == ["US-Cambodia relations: arms embargo, Ream, assistance"]
    assert "Key points" in styled("Heading2") and len(styled("Heading3")) == 4
    assert styled("Heading4") == ["Figures"] * 4
    assert [t[:33] for t in styled("ListBullet")][0] == "The United States lifted its arms"
    assert styled("ListBullet2") == ["A nested detail: refkey03 the source says so."]
    assert styled("Quote") == ["A block quote from a source."]


def test_each_numbered_list_restarts(sample):
    parts = parts_of(sample[0])
    body = xml(parts, "word/document.xml")
    items = body.xpath(".//w:p[w:pPr/w:pStyle/@w:val='ListNumber']", namespaces=NS)
    ids = [p.find("w:pPr/w:numPr/w:numId", NS).get(f"{{{W}}}val") for p in items]
    assert len(ids) == 4 and ids[0] == ids[1] != ids[2] == ids[3]
    numbering = xml(parts, "word/numbering.xml")
    for num_id in {ids[0], ids[2]}:
        (num,) = numbering.findall(f"w:num[@w:numId='{num_id}']", NS)
        assert num.find("w:lvlOverride/w:startOverride", NS).get(f"{{{W}}}val") == "1"


def test_table_has_style_and_repeating_bold_header(sample):
    body = xml(parts_of(sample[0]), "word/document.xml")
    tables = body.findall(".//w:tbl", NS)
    assert len(tables) == 4
    tbl = tables[0]
    assert tbl.find("w:tblPr/w:tblStyle", NS).get(f"{{{W}}}val") == "TableGrid"
    head, row = tbl.findall("w:tr", NS)[:2]
    assert head.find("w:trPr/w:tblHeader", NS) is not None
    assert all(r.find("w:rPr/w:b", NS) is not None for r in head.iterfind(".//w:r", NS))
    assert row.find("w:trPr/w:tblHeader", NS) is None
    assert row.findall("w:tc", NS)[2].find("w:p/w:pPr/w:jc", NS).get(f"{{{W}}}val") == "right"


def test_body_link_is_a_real_hyperlink(sample):
    parts = parts_of(sample[0])
    (link,) = [h for h in xml(parts, "word/document.xml").iterfind(".//w:hyperlink", NS)]
    assert "".join(link.itertext()) == "State Department"
    rid = link.get(f"{{{R}}}id")
    rels = xml(parts, "word/_rels/document.xml.rels")
    (rel,) = rels.findall(f"rel:Relationship[@Id='{rid}']", NS)
    assert rel.get("Target") == "https://www.state.gov/cambodia"


def test_footnote_links_live_in_footnotes_rels(sample):
    parts = parts_of(sample[0])
    links = xml(parts, "word/footnotes.xml").findall(".//w:hyperlink", NS)
    rels = {r.get("Id"): r.get("Target") for r in xml(parts, "word/_rels/footnotes.xml.rels")}
    assert {rels[h.get(f"{{{R}}}id")] for h in links} == {
        "https://kpt.example/embargo",
        "https://www.state.gov/cambodia",
    }


def test_image_fits_the_page_and_keeps_its_alt_text(sample):
    parts = parts_of(sample[0])
    body = xml(parts, "word/document.xml")
    wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    (extent,) = body.iter(f"{{{wp}}}extent")
    (doc_pr,) = body.iter(f"{{{wp}}}docPr")
    assert int(extent.get("cx")) == 6 * 914400  # 8.5in page less two 1.25in margins
    assert int(extent.get("cy")) == 6 * 914400 // 8
    assert doc_pr.get("descr") == "Timeline of events"
    assert any(name.startswith("word/media/") for name in parts)
    assert "docProps/thumbnail.jpeg" not in parts


def test_header_and_footer_parts(sample):
    parts = parts_of(sample[0])
    hdr = xml(parts, "word/header1.xml").findall("w:p", NS)
    ftr = xml(parts, "word/footer1.xml").findall("w:p", NS)
    assert "".join(hdr[0].itertext()) == HANDLING and hdr[0].find(".//w:b", NS) is not None
    assert "".join(ftr[-1].itertext()) == HANDLING and ftr[-1].find(".//w:b", NS) is not None
    for p in (hdr[0], ftr[-1]):
        assert p.find("w:pPr/w:jc", NS).get(f"{{{W}}}val") == "center"
    fields = [
        f.get(f"{{{W}}}instr").strip()
        for f in xml(parts, "word/footer1.xml").iter(f"{{{W}}}fldSimple")
    ]
    assert fields == ["PAGE", "NUMPAGES"]
    assert "Prepared by the analysis cell" in "".join(ftr[0].itertext())


def test_core_and_custom_properties(sample):
    import docx

    props = docx.Document(str(sample[0])).core_properties
    assert (props.title, props.author) == ("US-Cambodia relations", "Analyst")
    assert props.created == props.modified == STAMP.replace(tzinfo=dt.UTC)
    custom = read_custom_properties(sample[0])
    assert json.loads(custom["briefer.summary"]) == {"sources": 5, "themes": 4}
    assert read_custom_properties(sample[0].read_bytes()) == custom
    types = parts_of(sample[0])["[Content_Types].xml"].decode()
    assert 'PartName="/docProps/custom.xml"' in types and "custom-properties+xml" in types


def test_no_custom_properties_reads_empty():
    assert read_custom_properties(markdown_to_docx("Hello.")) == {}


# --- reproducible, safe text --------------------------------------------------------------


def test_same_input_gives_identical_bytes():
    md, _, _ = sample_brief()
    assert render(md) == render(md)


def test_identical_bytes_in_another_process_with_another_hash_seed(tmp_path):
    import sys

    md, _, _ = sample_brief()
    (tmp_path / "brief.md").write_text(md, encoding="utf-8")
    script = (
        "import sys; sys.path[:0] = [sys.argv[1], sys.argv[2]];"
        "from test_docx import render;"
        "sys.stdout.buffer.write(render(open(sys.argv[3], encoding='utf-8').read()))"
    )
    root = Path(__file__).resolve().parent.parent
    args = [
        sys.executable,
        "-c",
        script,
        str(root),
        str(root / "tests"),
        str(tmp_path / "brief.md"),
    ]
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run(args, capture_output=True, check=True, env=env, timeout=120).stdout
    assert other == render(md)


def test_no_clock_in_the_package():
    data = render("Hello.[^1]\n\n[^1]: Note.\n", core={"modified": STAMP})
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(2025, 11, 7, 9, 30, 0)}
    bare = markdown_to_docx("Hello.")
    with zipfile.ZipFile(io.BytesIO(bare)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "1980-01-01T00:00:00Z" in core and str(dt.date.today().year) not in core


def test_illegal_xml_characters_become_replacement_characters():
    bad = "nul\x00 bell\x07 vt\x0b lone\ud800 nonchar\ufffe\uffff end"
    data = render(
        f"# Title {bad}\n\nBody {bad}.[^1]\n\n[^1]: Note {bad}.\n",
        header=bad,
        core={"title": bad},
        custom={"briefer.summary": bad},
    )
    parts = parts_of(data)
    body = "".join(xml(parts, "word/document.xml").itertext())
    clean = "nul\ufffd bell\ufffd vt\ufffd lone\ufffd nonchar\ufffd\ufffd end"
    assert f"Body {clean}." in body
    assert f"Note {clean}." in "".join(xml(parts, "word/footnotes.xml").itertext())
    assert read_custom_properties(data)["briefer.summary"] == clean


@pytest.mark.parametrize(
    ("escaped", "literal"),
    [
        (r"Costs \*rose\* by 5\%", "Costs *rose* by 5%"),
        (r"A \| B \| C", "A | B | C"),
        (r"\# not a heading", "# not a heading"),
        (r"Cited as \[^1] in the source", "Cited as [^1] in the source"),
        (r"\_under\_ and \`tick\` and \<b\>", "_under_ and `tick` and <b>"),
    ],
)
def test_escaped_markdown_stays_literal(escaped, literal):
    parts = parts_of(markdown_to_docx(f"{escaped}\n\n[^1]: A note that must not be used.\n"))
    body = xml(parts, "word/document.xml")
    assert ["".join(p.itertext()) for p in body.iterfind(".//w:p", NS)] == [literal]
    assert body.find(".//w:footnoteReference", NS) is None
    assert body.find(".//w:b", NS) is None and body.find(".//w:i", NS) is None


def test_hard_break_and_soft_break():
    body = xml(parts_of(markdown_to_docx("one\ntwo  \nthree\n")), "word/document.xml")
    (p,) = body.findall(".//w:p", NS)
    assert "".join(p.itertext()) == "one twothree"
    assert len(p.findall(".//w:br", NS)) == 1


# --- reference documents and errors -------------------------------------------------------


def make_reference(tmp_path: Path, drop_styles: tuple[str, ...] = ()) -> Path:
    """A reference .docx with its own margins, body text, a footnote and fewer styles."""
    import docx
    from docx.shared import Inches

    from briefer.render import footnotes

    document = docx.Document()
    document.sections[0].left_margin = document.sections[0].right_margin = Inches(1)
    part = footnotes.prepare(document)
    para = document.add_paragraph("Template body text that must go.")
    footnotes.add_footnote(para, part).add_run("Template note that must go.")
    root = document.styles.element
    for sid in drop_styles:
        root.remove(root.get_by_id(sid))
    path = tmp_path / "reference.docx"
    document.save(path)
    return path


def test_reference_gives_page_setup_and_loses_its_body(tmp_path):
    ref = make_reference(tmp_path)
    parts = parts_of(markdown_to_docx("Ours.[^1]\n\n[^1]: Our note.\n", reference=ref))
    body = xml(parts, "word/document.xml")
    assert "".join(body.itertext()) == "Ours."
    assert body.find(".//w:pgMar", NS).get(f"{{{W}}}left") == "1440"
    notes = xml(parts, "word/footnotes.xml").findall("w:footnote", NS)
    assert [n.get(f"{{{W}}}id") for n in notes] == ["-1", "0", "2"]
    assert "Our note." in "".join(notes[-1].itertext())


def test_reference_missing_styles_get_them_with_numbering(tmp_path):
    from tests.ooxml_check import docx_problems

    ref = make_reference(tmp_path, drop_styles=("Heading2", "ListBullet2", "ListBullet"))
    data = markdown_to_docx("## Head\n\n- one\n  - two\n", reference=ref)
    parts = parts_of(data)
    styles = xml(parts, "word/styles.xml")
    numbering = xml(parts, "word/numbering.xml")
    for sid in ("Heading2", "ListBullet", "ListBullet2"):
        (style,) = styles.findall(f"w:style[@w:styleId='{sid}']", NS)
        num_id = style.find("w:pPr/w:numPr/w:numId", NS)
        if num_id is not None:
            assert numbering.findall(f"w:num[@w:numId='{num_id.get(f'{{{W}}}val')}']", NS)
    path = tmp_path / "out.docx"
    path.write_bytes(data)
    assert docx_problems(path) == []


def test_missing_image_is_an_input_error():
    with pytest.raises(InputError, match="chart.png"):
        markdown_to_docx("![chart](chart.png)\n")


def test_bad_image_bytes_is_an_input_error():
    with pytest.raises(InputError, match="chart.png"):
        markdown_to_docx("![chart](chart.png)\n", images={"chart.png": b"not an image"})


def test_unknown_core_key_is_a_usage_error():
    with pytest.raises(UsageError, match="colour"):
        markdown_to_docx("x", core={"colour": "red"})


def test_unreadable_reference_is_an_input_error(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="bad.docx"):
        markdown_to_docx("x", reference=bad)


# --- layout: rows that do not split, sub-heads kept with what follows, columns that fit words ----


def test_table_rows_never_split_and_the_header_keeps_with_the_first_row(sample):
    body = xml(parts_of(sample[0]), "word/document.xml")
    for tbl in body.findall(".//w:tbl", NS):
        assert tbl.find("w:tblPr/w:tblLayout", NS).get(f"{{{W}}}type") == "fixed"
        rows = tbl.findall("w:tr", NS)
        assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)
        assert all(p.find("w:pPr/w:keepNext", NS) is not None for p in rows[0].iterfind(".//w:p", NS))
        assert all(p.find("w:pPr/w:keepNext", NS) is None for r in rows[1:] for p in r.iterfind(".//w:p", NS))


@pytest.mark.parametrize("md, kept", [
    ("**Quotes**", True),
    ("*A theme's one-line description, in italics under its heading.*", True),
    ("**Bold** then plain text.", False),
    ("Plain text.", False),
    ("**" + "A very long bold paragraph. " * 20 + "**", False),
])
def test_sub_head_paragraphs_keep_with_next(md, kept):
    body = xml(parts_of(render(f"## Heading\n\n{md}\n\nWhat follows.\n")), "word/document.xml")
    heading, label, after = body.findall("w:body/w:p", NS)
    assert heading.find("w:pPr/w:keepNext", NS) is not None  # headings too, whatever the reference
    assert (label.find("w:pPr/w:keepNext", NS) is not None) is kept
    assert after.find("w:pPr/w:keepNext", NS) is None


def test_a_figure_keeps_its_heading_but_not_its_table():
    # heading, figure and the table's first rows moving together left a quarter page empty; the
    # heading still never stays behind alone, and the table repeats its header row where it goes on
    body = xml(parts_of(render("## Timeline\n\n![Timeline of events](timeline.png)\n\n| Date | Event |\n"
                               "|---|---|\n| 2021 | The port opened. |\n")), "word/document.xml")
    heading, figure = body.findall("w:body/w:p", NS)[:2]
    assert figure.find(".//w:drawing", NS) is not None
    assert heading.find("w:pPr/w:keepNext", NS) is not None
    assert figure.find("w:pPr/w:keepNext", NS) is None


def test_list_items_are_not_kept_with_next():
    body = xml(parts_of(render("- **All bold item**\n- Another\n")), "word/document.xml")
    items = body.findall("w:body/w:p", NS)
    assert len(items) == 2 and all(p.find("w:pPr/w:keepNext", NS) is None for p in items)


LONG = "Officials said the schedule was provisional while talks on funding continued for months."


def grid(data: bytes) -> list[int]:
    tbl = xml(parts_of(data), "word/document.xml").find(".//w:tbl", NS)
    return [int(c.get(f"{{{W}}}w")) for c in tbl.findall("w:tblGrid/w:gridCol", NS)]


def test_no_column_is_narrower_than_its_longest_word():
    from briefer.render.tables import CELL_PADDING, text_width

    md = ("| Date | Event | Status | Source |\n|---|---|---|---|\n"
          f"| 9 Nov 2025 | {LONG} {LONG} | officially | Reuters |\n"
          f"| 2021 | {LONG} | unconfirmed | Department |\n")
    data = render(md)
    widths = grid(data)
    sect = xml(parts_of(data), "word/document.xml").find(".//w:sectPr", NS)
    page, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    text_width_twips = int(page.get(f"{{{W}}}w")) - sum(int(margins.get(f"{{{W}}}{k}")) for k in ("left", "right"))
    assert sum(widths) == pytest.approx(text_width_twips, abs=4)
    for col, word in enumerate(["2025", "Officials", "unconfirmed", "Department"]):
        assert widths[col] >= text_width(word, 8.5) + CELL_PADDING
    assert widths[1] == max(widths)  # the long text wraps in the widest column
    assert widths[0] >= text_width("9 Nov 2025", 8.5) + CELL_PADDING  # a short column: on one line


def test_column_widths_share_the_table():
    from briefer.render.tables import CellText, column_widths

    rows = [[CellText("Figure", True), CellText("What it measures", True)],
            [CellText("$4.5 million"), CellText(LONG * 3)]]
    widths = column_widths(rows, 2, 9360, 8.5)
    assert sum(widths) == 9360 and widths[1] > 3 * widths[0]
    # a URL longer than the table may break instead of squeezing every other column
    url = [[CellText("S1"), CellText("https://example.org/" + "a" * 300)]]
    assert column_widths(url, 2, 9360, 8.5)[0] >= 300
    # words that cannot all fit side by side: shared in proportion, never a negative width
    crowded = [[CellText("Incomprehensibilities" * 3) for _ in range(6)]]
    assert all(w > 0 for w in column_widths(crowded, 6, 9360, 8.5))


def test_column_widths_keep_the_table_short():
    # rows are as tall as their most wrapped cell: the room beyond each column's longest word goes
    # where it takes lines off the rows, not in proportion to each column's text (a note wrapped
    # to three lines beside a title on two makes every row three lines tall)
    from briefer.render.tables import CellText, _needs, column_widths, table_height

    rows = [[CellText("Source", True), CellText("Notes", True)],
            [CellText("Orchard Weekly: \u201cThe pear growers of the northern valley vote on a new cooperative "
                      "charter after a long and bitter winter of talks over prices and storage\u201d, by Ada Moss"),
             CellText("frame lines dropped from the page: 2 line(s)")]]
    rows += [[CellText(f"Pear Post {i}"), CellText(f"frame lines dropped from the page: {i + 3} line(s)")]
             for i in range(6)]
    widths = column_widths(rows, 2, 6000, 8.5)
    assert sum(widths) == 6000
    low = [max(_needs(r[c], 8.5)[0] for r in rows) for c in range(2)]
    want = [max(_needs(r[c], 8.5)[1] for r in rows) - low[c] for c in range(2)]
    share = [lo + (6000 - sum(low)) * w // sum(want) for lo, w in zip(low, want, strict=True)]
    assert table_height(rows, widths, 8.5) < table_height(rows, share, 8.5)
    assert all(w >= lo for w, lo in zip(widths, low, strict=True))  # no word broken to get there


def test_words_stay_whole_in_libreoffice(tmp_path):
    words = ["November", "officially", "Cambodia’s", "unconfirmed", "humanitarian"]
    rows = "\n".join(f"| {w} | {LONG} {LONG} | {w} | {w} | {w} |" for w in words)
    md = "| A | Event | C | D | E |\n|---|---|---|---|---|\n" + rows + "\n"
    path = tmp_path / "words.docx"
    path.write_bytes(render(md))
    text = " ".join(to_pdf_text(path, tmp_path))
    for w in words:
        assert text.count(w) == 4, w  # never "Novemb er"
