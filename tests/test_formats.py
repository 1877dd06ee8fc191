"""Input and output formats. The seed fact sheet saved as HTML, DOCX and PDF (made by LibreOffice)
reads back to the same text and the same quotes, figures and facts as the .txt; URLs are fetched
from a real HTTP server on 127.0.0.1; md and html outputs carry the docx's footnotes."""

from __future__ import annotations

import html
import http.server
import re
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefer.cli import cli
from briefer.config import load_themes
from briefer.errors import InputError
from briefer.ingest import load, read_source
from briefer.ingest.url import fetch
from briefer.pipeline import ExtractOptions, extract
from tests.conftest import need_soffice

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "003_2c9e87dd40b9aab5.txt"
THEMES = ROOT / "seeds" / "themes.toml"
BULLET = re.compile(r"^\s*[•\-]\s+", re.M)


def norm(text: str) -> str:
    """Whitespace-normalised text with list markers removed (• in .txt, - from trafilatura)."""
    return re.sub(r"\s+", " ", BULLET.sub("", text)).strip()


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n(?=\s*•)", text) if p.strip()]


def main_text(text: str) -> str:
    """The fact sheet without its last two lines, the scraped site footer (site name, a promo)."""
    return "\n\n".join(paragraphs(text)[:-2])


def seed_page(text: str, server: str = "http://127.0.0.1:9") -> str:
    """The fact sheet inside a web page with navigation, an ad, comments and a footer (where
    the scraped .txt's last two lines came from)."""
    body = []
    items: list[str] = []
    site, promo = paragraphs(text)[-2:]
    for para in paragraphs(main_text(text)):
        if para.startswith("•"):
            items.append(f"<li>{html.escape(para.lstrip('• '))}</li>")
            continue
        if items:
            body.append("<ul>" + "".join(items) + "</ul>")
            items = []
        tag = "h2" if len(para) < 60 and not para.endswith(".") else "p"
        body.append(f"<{tag}>{html.escape(para)}</{tag}>")
    if items:
        body.append("<ul>" + "".join(items) + "</ul>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>U.S.-Cambodia Relations - United States Department of State</title>
<link rel="canonical" href="https://www.state.gov/u-s-cambodia-relations/">
<meta property="og:site_name" content="U.S. Department of State">
<meta name="author" content="Ana Lim and Bo Chan">
<meta property="article:published_time" content="2022-08-02T10:00:00Z">
<link rel="stylesheet" href="{server}/style.css"><script src="{server}/app.js"></script>
</head><body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/countries">Countries and Areas</a></li>
<li><a href="/subscribe">Subscribe to updates</a></li></ul></nav>
<div class="advertisement ad-banner">Sponsored: Book cheap flights to Phnom Penh today!</div>
<main><article><h1>U.S.-Cambodia Relations</h1>
<p class="byline">Bureau of East Asian and Pacific Affairs</p>
<img src="{server}/flag.png" alt="flag">
{chr(10).join(body)}
</article></main>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Reader42 wrote: This fact sheet is terrible propaganda, nobody believes it.</p></div>
</section>
<footer><p>{site}</p><p><a href="/lessons-of-1989">{promo}</a></p>
<p>Copyright 2022 U.S. Department of State. Privacy policy. Accessibility statement.</p></footer>
</body></html>"""


def seed_docx(text: str, path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "U.S.-Cambodia Relations"
    document.core_properties.author = "Bureau of East Asian and Pacific Affairs"
    for para in paragraphs(text):
        if para.startswith("•"):
            document.add_paragraph(para.lstrip("• "), style="List Bullet")
        else:
            document.add_paragraph(para)
    document.save(str(path))


def soffice_pdf(source: Path, outdir: Path) -> Path:
    soffice = need_soffice()
    profile = outdir / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(outdir), str(source)],
                   check=True, capture_output=True, timeout=120)
    return outdir / (source.stem + ".pdf")


@pytest.fixture(scope="session")
def formats(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed fact sheet as .txt, .html, .docx and .pdf, each alone in its own folder."""
    root = tmp_path_factory.mktemp("formats")
    text = SEED.read_text(encoding="utf-8")
    out: dict[str, Path] = {}
    for suffix in ("txt", "html", "docx", "pdf"):
        (root / suffix).mkdir()
        out[suffix] = root / suffix / f"factsheet.{suffix}"
    out["txt"].write_text(text, encoding="utf-8")
    out["html"].write_text(seed_page(text), encoding="utf-8")
    seed_docx(text, out["docx"])
    made = soffice_pdf(out["txt"], root / "pdf")
    assert made == out["pdf"]
    return out


@pytest.fixture(scope="session")
def extracted(formats: dict[str, Path]) -> dict[str, dict[str, list[str]]]:
    """What the pipeline finds in each format, as normalised texts."""
    themes = load_themes(THEMES)
    found = {}
    for fmt, path in formats.items():
        ex = extract([path], themes, ExtractOptions())
        found[fmt] = {
            "quotes": sorted(norm(q.text) for q in ex.quotes),
            "figures": sorted(norm(f.text) for f in ex.figures),
            "facts": sorted(norm(f.text) for f in ex.facts),
        }
    return found


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_reader_gives_the_txt_text(formats: dict[str, Path], fmt: str) -> None:
    txt = read_source(formats["txt"])
    other = read_source(formats[fmt])
    expected = norm(txt.text)
    if fmt == "html":  # the page's footer lines are left out, as they should be
        assert norm(other.text) == norm(main_text(txt.text))
    else:
        assert norm(other.text) == expected


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
@pytest.mark.parametrize("kind", ["quotes", "figures", "facts"])
def test_same_items_as_txt(extracted: dict[str, dict[str, list[str]]], fmt: str, kind: str) -> None:
    if kind != "quotes":  # the fact sheet quotes no one; test_html_keeps_quotes covers quotes
        assert extracted["txt"][kind], f"the .txt gives no {kind}: the comparison would prove nothing"
    assert extracted[fmt][kind] == extracted["txt"][kind]


def test_html_keeps_quotes(tmp_path: Path) -> None:
    """A wire story with quotes (seed 001) saved as HTML gives the same quotes as its .txt."""
    text = (ROOT / "seeds" / "001_bd6c9f1f826dc9e4.txt").read_text(encoding="utf-8")
    (tmp_path / "txt").mkdir()
    (tmp_path / "html").mkdir()
    (tmp_path / "txt" / "story.txt").write_text(text + "\n\nFooter\n\nPromo\n", encoding="utf-8")
    (tmp_path / "html" / "story.html").write_text(seed_page(text + "\n\nFooter\n\nPromo\n"),
                                                  encoding="utf-8")
    themes = load_themes(THEMES)
    quotes = [sorted((norm(q.text), q.speaker) for q in extract([tmp_path / d], themes).quotes)
              for d in ("txt", "html")]
    assert len(quotes[0]) >= 2
    assert quotes[1] == quotes[0]


def test_html_drops_navigation_ads_and_comments(formats: dict[str, Path]) -> None:
    text = read_source(formats["html"]).text
    for furniture in ("Subscribe to updates", "Sponsored", "Reader42", "propaganda", "Privacy policy",
                      "Countries and Areas"):
        assert furniture not in text


def test_html_metadata(formats: dict[str, Path]) -> None:
    src = read_source(formats["html"])
    assert src.title == "U.S.-Cambodia Relations"
    assert src.publisher == "U.S. Department of State"
    assert src.authors == ["Ana Lim", "Bo Chan"]
    assert src.date == "2022-08-02"
    assert src.url == "https://www.state.gov/u-s-cambodia-relations/"


def test_sources_toml_wins_over_file_metadata(formats: dict[str, Path]) -> None:
    folder = formats["html"].parent
    (folder / "sources.toml").write_text('["factsheet.html"]\npublisher = "State Dept."\n'
                                         'date = "2022-08"\n', encoding="utf-8")
    try:
        (src,), _ = load([folder])
    finally:
        (folder / "sources.toml").unlink()
    assert (src.publisher, src.date, src.date_basis) == ("State Dept.", "2022-08", "sources.toml")
    assert src.title == "U.S.-Cambodia Relations"  # left out of sources.toml: the page fills it


def test_docx_metadata_and_tables(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "Budget note"
    document.core_properties.author = "Ana Lim; Bo Chan"
    document.add_paragraph("Cambodia received $3 billion in assistance over thirty years, officials said.")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, [("Year", "Amount"), ("2021", "$15.3 million")], strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    document.add_paragraph("The programme continues in 2026 with new funding for demining work.")
    document.save(str(tmp_path / "note.docx"))
    src = read_source(tmp_path / "note.docx")
    assert src.title == "Budget note"
    assert src.authors == ["Ana Lim", "Bo Chan"]
    assert "Year | Amount\n2021 | $15.3 million" in src.text
    assert src.text.index("$3 billion") < src.text.index("Year") < src.text.index("demining")


def test_html_parsing_fetches_nothing(tmp_path: Path, server: str, hits: list[str]) -> None:
    page = tmp_path / "page.html"
    page.write_text(seed_page(SEED.read_text(encoding="utf-8"), server), encoding="utf-8")
    read_source(page)
    assert hits == []


@pytest.mark.parametrize("name, data, problem", [
    ("bad.pdf", b"not a pdf at all", "bad.pdf: not a readable PDF"),
    ("bad.docx", b"PK\x03\x04 broken zip", "bad.docx: damaged or truncated zip"),
])
def test_broken_files_are_input_errors(tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=problem):
        read_source(path)


# --- URLs, against a real server on 127.0.0.1 ----------------------------------------------


@pytest.fixture(scope="module")
def site(formats: dict[str, Path]) -> dict[str, tuple[str, bytes]]:
    text = SEED.read_text(encoding="utf-8")
    return {
        "/factsheet": ("text/html; charset=utf-8", seed_page(text).encode("utf-8")),
        "/factsheet.pdf": ("application/pdf", formats["pdf"].read_bytes()),
        "/big": ("text/plain", b"word " * 50_000),
        "/moved": ("redirect", b"/factsheet"),
    }


@pytest.fixture(scope="module")
def hits() -> list[str]:
    return []


@pytest.fixture(scope="module")
def server(site: dict[str, tuple[str, bytes]], hits: list[str]) -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            hits.append(self.path)
            kind, body = site.get(self.path, ("", b""))
            if kind == "redirect":
                self.send_response(302)
                self.send_header("Location", body.decode())
                self.end_headers()
                return
            if not kind:
                self.send_error(404, "Not Found")
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.end_headers()  # no Content-Length: the size cap must hold while reading
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_html(server: str, hits: list[str]) -> None:
    hits.clear()
    (src,), skipped = load([f"{server}/moved"])
    assert skipped == []
    assert hits == ["/moved", "/factsheet"]
    assert src.path == f"{server}/moved"
    assert src.url == "https://www.state.gov/u-s-cambodia-relations/"  # the page's canonical URL
    assert norm(src.text).endswith(norm(main_text(SEED.read_text(encoding="utf-8"))))


def test_url_pdf_by_content_type(server: str) -> None:
    (src,), _ = load([f"{server}/factsheet.pdf"])
    assert norm(src.text) == norm(SEED.read_text(encoding="utf-8"))
    assert src.url == f"{server}/factsheet.pdf"
    assert src.id == "factsheet"


def test_url_size_cap(server: str) -> None:
    with pytest.raises(InputError, match="over the 1,000-byte limit"):
        fetch(f"{server}/big", max_bytes=1000)


def test_url_not_found(server: str) -> None:
    _, skipped = load([f"{server}/nowhere"])
    assert [s.reason for s in skipped] == ["the server answered 404 Not Found"]


def test_url_offline_is_a_clear_error() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(InputError, match=r"cannot fetch \(connection refused\); check the address"):
        fetch(f"http://127.0.0.1:{port}/x", max_bytes=1000)


def test_url_timeout() -> None:
    with socket.socket() as s:  # accepts connections (backlog) but never answers
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        url = f"http://127.0.0.1:{s.getsockname()[1]}/slow"
        with pytest.raises(InputError, match="within 0.5 seconds|timed out"):
            fetch(url, max_bytes=1000, timeout=0.5)


def test_cli_takes_urls(server: str, tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    result = CliRunner().invoke(cli, ["build", f"{server}/factsheet", "--themes", str(THEMES),
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "U.S. Department of State" in out.read_text(encoding="utf-8")


# --- output formats ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def extraction_json(seed_extraction: object, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from briefer.jsonio import dump_extraction

    path = tmp_path_factory.mktemp("render") / "extract.json"
    path.write_bytes(dump_extraction(seed_extraction))  # type: ignore[arg-type]
    return path


@pytest.mark.parametrize("suffix, fmt, marker", [
    (".md", "md", b"<!-- generator: briefer -->"),
    (".html", "html", b"<!DOCTYPE html>"),
    (".json", "json", b'"generator": "briefer'),
    (".docx", "docx", b"PK\x03\x04"),
])
def test_format_follows_suffix(extraction_json: Path, tmp_path: Path, suffix: str, fmt: str,
                               marker: bytes) -> None:
    out = tmp_path / f"brief{suffix}"
    result = CliRunner().invoke(cli, ["render", str(extraction_json), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"({fmt}," in result.output
    assert marker in out.read_bytes()[:200]


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_stdout(extraction_json: Path, fmt: str) -> None:
    result = CliRunner().invoke(cli, ["render", str(extraction_json), "-o", "-", "--format", fmt])
    assert result.exit_code == 0, result.output
    assert "U.S. Department of State" in result.stdout
    assert "Wrote" not in result.stdout


def _note_text(text: str) -> str:
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = re.sub(r"\\(.)", r"\1", text)
    return re.sub(r"[*_]", "", re.sub(r"\s+", " ", text)).strip()


def test_md_and_html_carry_the_docx_footnotes(extraction_json: Path, tmp_path: Path) -> None:
    from docx2python import docx2python
    from lxml import html as lhtml

    outs = {}
    for fmt in ("md", "html", "docx"):
        outs[fmt] = tmp_path / f"brief.{fmt}"
        result = CliRunner().invoke(cli, ["render", str(extraction_json), "-o", str(outs[fmt])])
        assert result.exit_code == 0, result.output
    md = outs["md"].read_text(encoding="utf-8")
    md_notes = [_note_text(n) for n in re.findall(r"^\[\^\d+\]: (.*)$", md, re.M)]
    with docx2python(str(outs["docx"])) as reader:
        docx_notes = [re.sub(r"^footnote\d+\)\s*", "", _note_text(" ".join(p for p in paras if p)))
                      for table in reader.footnotes for row in table for cell in row
                      for paras in [cell] if any(p.strip() for p in paras)]
    page = lhtml.fromstring(outs["html"].read_bytes())
    html_notes = [re.sub(r"\s*↩\S*$", "", re.sub(r"\s+", " ", li.text_content()).strip())
                  for li in page.xpath("//section[contains(@class,'footnotes')]//li | "
                                       "//*[contains(@class,'footnotes')]//li")]
    assert len(md_notes) > 5
    assert docx_notes == md_notes
    assert html_notes == md_notes
