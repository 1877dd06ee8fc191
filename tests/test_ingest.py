"""Ingest: reading, metadata stated by the text, page furniture, sources.toml, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefer.config import load_source_meta
from briefer.errors import InputError
from briefer.ingest import load, read_source, source_id
from briefer.ingest.metadata import furniture, infer, split_names
from tests.conftest import SEEDS


@pytest.mark.parametrize("text, expected", [
    ("Body text here.\nBy: Minea Son\n©KPT English\n", {"authors": ["Minea Son"], "publisher": "KPT English"}),
    ("WASHINGTON (Reuters) -The United States acted.\n(Reporting by Simon Lewis and David Brunnstrom "
     "and Maiya Keidan; editing by Philippa Fletcher)\n",
     {"authors": ["Simon Lewis", "David Brunnstrom", "Maiya Keidan"], "publisher": "Reuters", "kind": "wire"}),
    ("Headline Words For The Story\n\nWashington, D.C. – February 5, 2026 – The bureau acted.\n",
     {"date": "2026-02-05", "date_basis": "dateline", "title": "Headline Words For The Story"}),
    ("LONDON (AP) — Ministers met.\n", {"publisher": "AP", "kind": "wire"}),
    ("Plain text with no metadata at all, just a sentence.\n", {}),
])
def test_infer_metadata_from_text(text, expected):
    assert infer(text) == expected


@pytest.mark.parametrize("names, expected", [
    ("Simon Lewis and David Brunnstrom and Maiya Keidan", ["Simon Lewis", "David Brunnstrom", "Maiya Keidan"]),
    ("A, B and C", ["A", "B", "C"]),
    ("Minea Son", ["Minea Son"]),
])
def test_split_names(names, expected):
    assert split_names(names) == expected


def test_every_gold_not_content_line_is_furniture(gold):
    """0 of the gold's page-furniture lines may reach a brief: each is found as furniture."""
    for name, doc in gold["documents"].items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        found = {text[s:e] for s, e, _ in furniture(text)}
        for line in doc["not_content"]:
            assert line in found or line.lower() in {f.lower() for f in found}, (name, line)


def test_furniture_keeps_content_lines():
    text = "The embargo was lifted on Thursday.\nHistorical context of the embargo\nIt was imposed in 2021.\n"
    assert furniture(text) == []


def test_seed_sources_have_known_metadata_only():
    sources, skipped = load([SEEDS])
    assert skipped == []
    by_id = {s.id[:3]: s for s in sources}
    assert [s.id for s in sources] == sorted(s.id for s in sources)
    assert by_id["000"].author == "Minea Son" and by_id["000"].date is None
    assert by_id["001"].author == "Simon Lewis, David Brunnstrom and Maiya Keidan"
    assert by_id["001"].date == "2025-11-06" and by_id["001"].title is None
    assert by_id["002"].date == "2026-02-05" and by_id["002"].publisher is None
    assert by_id["003"].publisher == "U.S. Department of State"  # signed in its last lines
    assert by_id["003"].title == "U.S.-Cambodia Relations"
    assert by_id["001"].kind == "wire" and by_id["003"].kind == "official"
    assert by_id["002"].title == "United States Officially Removes Cambodia from Arms Export Blacklist"


def test_offsets_point_into_the_decoded_text(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("\ufeffFirst line here.\r\nSecond “quoted” line.\r\n".encode())
    src = read_source(path)
    assert src.text == "First line here.\nSecond “quoted” line.\n"


def test_text_that_is_not_utf8_is_decoded_with_a_note(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 society met in Phnom Penh on Monday to talk about the café.".encode("latin-1"))
    src = read_source(path)
    assert src.text.startswith("Café society")
    assert any("not UTF-8" in note for note in src.notes)


def test_named_encoding_that_does_not_fit_names_the_file(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\xff\xfe\xfa plain words after some bytes that are not ascii at all")
    with pytest.raises(InputError, match=r"bad\.txt"):
        read_source(path, encoding="ascii")


def test_bad_files_are_skipped_with_reasons(tmp_path):
    (tmp_path / "good.txt").write_text("The ministry announced a new programme for rural schools today.")
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    sources, skipped = load([tmp_path])
    assert [s.id for s in sources] == ["good"]
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert reasons["empty.txt"] == "empty file"
    assert "no reader" in reasons["image.png"]


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        load([tmp_path / "nope"])


def test_source_ids_are_stable_and_unique(tmp_path):
    assert source_id(Path("News Story (final).txt")) == "news-story-final"
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text("A sentence long enough to count as real content here.")
    sources, _ = load([tmp_path / "a", tmp_path / "b"])
    assert [s.id for s in sources] == ["story", "story-2"]


def test_sources_toml_rejects_unknown_keys(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text('["a.txt"]\npublisher = "X"\nheadline = "Y"\n')
    with pytest.raises(InputError, match=r"sources\.toml.*unknown key\(s\) 'headline'"):
        load_source_meta(path)


def test_sources_toml_checks_dates(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text('["a.txt"]\ndate = "next Tuesday"\n')
    with pytest.raises(InputError, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        load_source_meta(path)


def test_sources_toml_family_name_first(tmp_path):
    (tmp_path / "a.txt").write_text("By Chea Sokha and Lim Dara\n\nThe council approved the harbour budget on "
                                    "Tuesday after a long debate, officials said.\n")
    (tmp_path / "sources.toml").write_text('["a.txt"]\nfamily_name_first = true\n')
    (src,), _ = load([tmp_path])
    assert src.family_name_first and src.authors == ["Chea Sokha", "Lim Dara"]
    (tmp_path / "sources.toml").write_text('["a.txt"]\nfamily_name_first = "yes"\n')
    with pytest.raises(InputError, match="family_name_first must be true or false"):
        load_source_meta(tmp_path / "sources.toml")


PAGE = """<html><head><title>Council backs harbour budget</title>
<meta property="og:site_name" content="Harbour Weekly">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebPage"},
{"@type": "NewsArticle", "headline": "Council backs harbour budget", "datePublished": "2024-03-04T10:00:00Z",
 "author": [{"@type": "Person", "name": "Ilse Brandt"}, {"@type": "Person", "name": "Tomas Ek"}],
 "publisher": {"@type": "Organization", "name": "Harbour Weekly"}}]}</script></head>
<body><article><h1>Council backs harbour budget</h1>
<p>The council approved the new harbour budget after a long debate on Tuesday, officials said, adding that
work on the northern pier would start next spring.</p></article></body></html>"""


def test_json_ld_and_opengraph():
    from briefer.ingest.html import structured

    assert structured(PAGE) == {"publisher": "Harbour Weekly", "title": "Council backs harbour budget",
                                "date": "2024-03-04T10:00:00Z", "authors": ["Ilse Brandt", "Tomas Ek"]}


def test_html_metadata_falls_back_to_json_ld_and_drops_non_authors():
    from briefer.ingest.html import page_metadata

    ld = {"publisher": "Harbour Weekly", "date": "2024-03-04T10:00:00Z", "authors": ["Ilse Brandt"]}
    assert page_metadata({"title": "T"}, ld) == {"title": "T", "publisher": "Harbour Weekly",
                                                 "authors": ["Ilse Brandt"], "date": "2024-03-04"}
    assert page_metadata({"author": "Reuters"}) == {"publisher": "Reuters"}  # a wire is no author
    assert page_metadata({"author": "Staff; admin", "sitename": "Harbour Weekly"}) == {"publisher": "Harbour Weekly"}


def test_html_page_read_with_its_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    src = read_source(path)
    assert (src.publisher, src.date, src.authors) == ("Harbour Weekly", "2024-03-04", ["Ilse Brandt", "Tomas Ek"])


def test_wire_credit_in_the_text_wins_over_the_site_name(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE.replace("<p>The council", "<p>PORT VELL, Ruritania (AP) — The council"))
    assert read_source(path).publisher == "AP"
