"""The footnotes module: the footnotes part, its settings and styles, read back from the saved
package with lxml (not through python-docx's own objects) and by docx2python."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from briefer.render import footnotes as fn  # registers the part before any Document opens

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R, "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def _new_document():
    import docx

    return docx.Document()


def _save(document) -> dict[str, bytes]:
    buf = io.BytesIO()
    document.save(buf)
    with zipfile.ZipFile(buf) as z:
        return {name: z.read(name) for name in z.namelist()}


def _xml(parts: dict[str, bytes], name: str):
    return etree.fromstring(parts[name])


def _with_notes(texts: list[str]):
    document = _new_document()
    part = fn.prepare(document)
    for text in texts:
        paragraph = document.add_paragraph("Body sentence.")
        fn.add_footnote(paragraph, part).add_run(text)
    return document, part


def test_new_part_has_only_separators_without_footnote_ref():
    parts = _save(_with_notes([])[0])
    notes = _xml(parts, "word/footnotes.xml").findall("w:footnote", NS)
    assert [(n.get(f"{{{W}}}id"), n.get(f"{{{W}}}type")) for n in notes] == [
        ("-1", "separator"),
        ("0", "continuationSeparator"),
    ]
    assert not _xml(parts, "word/footnotes.xml").findall(".//w:footnoteRef", NS)


def test_part_is_related_from_the_document_with_its_content_type():
    parts = _save(_with_notes(["x"])[0])
    rels = _xml(parts, "word/_rels/document.xml.rels")
    targets = [r.get("Target") for r in rels if r.get("Type").endswith("/footnotes")]
    assert targets == ["footnotes.xml"]
    types = parts["[Content_Types].xml"].decode()
    assert 'PartName="/word/footnotes.xml"' in types
    assert "wordprocessingml.footnotes+xml" in types


def test_settings_list_exactly_the_separators_in_schema_position():
    settings = _xml(_save(_with_notes(["x"])[0]), "word/settings.xml")
    pr = settings.findall("w:footnotePr", NS)
    assert len(pr) == 1
    assert [f.get(f"{{{W}}}id") for f in pr[0]] == ["-1", "0"]
    names = [etree.QName(c).localname for c in settings]
    at = names.index("footnotePr")
    # CT_Settings: ... doNotValidateAgainstSchema ... footnotePr, endnotePr, compat, rsids ...
    assert names[at + 1] == "compat"
    assert "savePreviewPicture" in names[:at] and "rsids" in names[at:]


def test_styles_are_builtin_looking_and_superscript():
    styles = _xml(_save(_with_notes(["x"])[0]), "word/styles.xml")

    def style(sid: str):
        (found,) = styles.findall(f"w:style[@w:styleId='{sid}']", NS)
        return found

    assert style("FootnoteText").get(f"{{{W}}}type") == "paragraph"
    assert style("FootnoteText").find("w:name", NS).get(f"{{{W}}}val") == "footnote text"
    ref = style("FootnoteReference")
    assert ref.get(f"{{{W}}}type") == "character"
    assert ref.find("w:rPr/w:vertAlign", NS).get(f"{{{W}}}val") == "superscript"
    assert style("Hyperlink").get(f"{{{W}}}type") == "character"
    assert style("FootnoteTextChar").find("w:link", NS).get(f"{{{W}}}val") == "FootnoteText"


def test_prepare_is_idempotent_for_styles():
    document, _ = _with_notes([])
    fn.prepare(document)
    styles = _xml(_save(document), "word/styles.xml")
    assert len(styles.findall("w:style[@w:styleId='FootnoteText']", NS)) == 1


def test_reference_run_puts_rpr_before_the_reference():
    body = _xml(_save(_with_notes(["first", "second"])[0]), "word/document.xml")
    runs = body.findall(".//w:r[w:footnoteReference]", NS)
    assert [r.find("w:footnoteReference", NS).get(f"{{{W}}}id") for r in runs] == ["1", "2"]
    for r in runs:
        assert [etree.QName(c).localname for c in r] == ["rPr", "footnoteReference"]
        assert r.find("w:rPr/w:rStyle", NS).get(f"{{{W}}}val") == "FootnoteReference"


def test_note_body_starts_with_styled_footnote_ref_then_a_space():
    notes = _xml(_save(_with_notes(["Reuters, November 6, 2025."])[0]), "word/footnotes.xml")
    (note,) = notes.findall("w:footnote[@w:id='1']", NS)
    p = note.find("w:p", NS)
    assert p.find("w:pPr/w:pStyle", NS).get(f"{{{W}}}val") == "FootnoteText"
    first, second, third = p.findall("w:r", NS)
    assert first.find("w:footnoteRef", NS) is not None
    assert first.find("w:rPr/w:rStyle", NS).get(f"{{{W}}}val") == "FootnoteReference"
    assert second.find("w:t", NS).text == " "
    assert third.find("w:t", NS).text == "Reuters, November 6, 2025."


def test_hyperlink_in_a_footnote_is_related_from_the_footnotes_part():
    document = _new_document()
    part = fn.prepare(document)
    note = fn.add_footnote(document.add_paragraph("Claim."), part)
    note.add_run("State Department, ")
    link = fn.add_hyperlink(note, "https://www.state.gov/cambodia")
    link.add_r().text = "fact sheet"
    parts = _save(document)
    (hl,) = _xml(parts, "word/footnotes.xml").findall(".//w:hyperlink", NS)
    rid = hl.get(f"{{{R}}}id")
    rels = _xml(parts, "word/_rels/footnotes.xml.rels")
    (rel,) = rels.findall(f"rel:Relationship[@Id='{rid}']", NS)
    assert rel.get("Type") == HYPERLINK
    assert rel.get("Target") == "https://www.state.gov/cambodia"
    assert rel.get("TargetMode") == "External"
    doc_rels = parts["word/_rels/document.xml.rels"].decode()
    assert "state.gov" not in doc_rels


def test_same_url_twice_makes_one_relationship():
    document = _new_document()
    part = fn.prepare(document)
    for _ in range(3):
        note = fn.add_footnote(document.add_paragraph("Claim."), part)
        fn.add_hyperlink(note, "https://example.org/a").add_r().text = "a"
    rels = _xml(_save(document), "word/_rels/footnotes.xml.rels")
    assert len(rels) == 1


def test_second_paragraph_joins_the_same_note():
    document = _new_document()
    part = fn.prepare(document)
    first = fn.add_footnote(document.add_paragraph("Claim."), part)
    first.add_run("One.")
    fn.add_footnote_paragraph(first).add_run("Two.")
    notes = _xml(_save(document), "word/footnotes.xml")
    (note,) = notes.findall("w:footnote[@w:id='1']", NS)
    assert ["".join(p.itertext()) for p in note.findall("w:p", NS)] == [" One.", "Two."]


def test_stale_styles_with_effects_is_dropped():
    parts = _save(_with_notes([])[0])
    assert "word/stylesWithEffects.xml" not in parts
    assert b"stylesWithEffects" not in parts["word/_rels/document.xml.rels"]
    assert b"stylesWithEffects" not in parts["[Content_Types].xml"]


def _template_with_notes(tmp_path: Path, n: int) -> Path:
    document, _ = _with_notes([f"old note {i}" for i in range(n)])
    path = tmp_path / "template.docx"
    document.save(path)
    return path


def test_template_part_loads_editable_keeps_separators_drops_notes(tmp_path):
    import docx

    document = docx.Document(str(_template_with_notes(tmp_path, 3)))
    part = fn.prepare(document)
    assert isinstance(part, fn.FootnotesPart)
    for child in list(document.element.body)[:-1]:  # the template's body goes with its notes
        document.element.body.remove(child)
    fn.add_footnote(document.add_paragraph("New claim."), part).add_run("new note")
    notes = _xml(_save(document), "word/footnotes.xml").findall("w:footnote", NS)
    assert [n.get(f"{{{W}}}id") for n in notes] == ["-1", "0", "4"]  # after the old max id, 3
    assert "old note" not in "".join("".join(n.itertext()) for n in notes)


def test_add_footnote_finds_and_prepares_the_part_itself(tmp_path):
    import docx

    document = _new_document()
    fn.add_footnote(document.add_paragraph("Claim.")).add_run("Found on its own.")
    parts = _save(document)
    assert b"Found on its own." in parts["word/footnotes.xml"]
    assert b"FootnoteReference" in parts["word/styles.xml"]
    path = tmp_path / "kept.docx"
    document.save(path)
    again = docx.Document(str(path))  # without `prepare`, a document's own notes are kept
    fn.add_footnote(again.add_paragraph("More.")).add_run("Second.")
    notes = _xml(_save(again), "word/footnotes.xml").findall("w:footnote", NS)
    assert [n.get(f"{{{W}}}id") for n in notes] == ["-1", "0", "1", "2"]


def test_docx2python_reads_each_note(tmp_path):
    from docx2python import docx2python

    texts = [f"Note number {i}." for i in range(1, 6)]
    path = tmp_path / "notes.docx"
    _with_notes(texts)[0].save(path)
    with docx2python(path) as read:
        found = [p for p in _flatten(read.footnotes) if p.strip()]
    assert [t.split("\t", 1)[1].strip() for t in found] == texts


def test_ooxml_checkers_find_no_errors(tmp_path):
    from tests.ooxml_check import docx_problems

    document, part = _with_notes(["x", "y"])
    link = fn.add_hyperlink(fn.add_footnote(document.add_paragraph("z"), part), "https://a.b/")
    link.add_r().text = "a.b"
    path = tmp_path / "ok.docx"
    document.save(path)
    assert docx_problems(path) == []


def test_ooxml_checkers_catch_a_dangling_reference(tmp_path):
    from tests.ooxml_check import docx_problems

    path = tmp_path / "bad.docx"
    _with_notes(["x"])[0].save(path)
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(broken, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b'footnoteReference w:id="1"', b'footnoteReference w:id="7"')
            zout.writestr(info, data)
    problems = docx_problems(broken)
    assert any("openxml-audit" in p for p in problems)
    assert any("ooxml-integrity" in p for p in problems)


def _flatten(nested) -> list[str]:
    if isinstance(nested, str):
        return [nested]
    return [s for item in nested for s in _flatten(item)]


@pytest.mark.parametrize("n", [0, 1, 12])
def test_ids_are_one_to_n_in_document_order(n):
    body = _xml(_save(_with_notes([f"n{i}" for i in range(n)])[0]), "word/document.xml")
    ids = [int(r.get(f"{{{W}}}id")) for r in body.iterfind(".//w:footnoteReference", NS)]
    assert ids == list(range(1, n + 1))


# --- the notes' text: Chicago notes that never cite a file name -----------------------------------

from briefer.model import Mention, Source  # noqa: E402
from briefer.render.citation import full_note, short_note, short_title  # noqa: E402

_TEXT = ("Site menu\n\nOSTRAVIA (Reuters) - The council approved the new harbour budget on Tuesday, "
         "officials said.\n")


def _bare(**fields) -> Source:
    src = Source(id="07_page", path="/data/07_page.txt", text=_TEXT, **fields)
    src.furniture = [Mention(0, 9)]
    return src


def test_serial_comma_in_full_and_short_notes():
    src = _bare(publisher="Reuters", authors=["Ana Kovac", "Piet Smit", "Lena Moor"], title="Council backs budget")
    assert full_note(src) == 'Ana Kovac, Piet Smit, and Lena Moor, "Council backs budget," Reuters.'
    assert short_note(src) == 'Kovac, Smit, and Moor, "Council backs budget."'


def test_family_name_first_gives_the_first_word_as_surname():
    src = _bare(publisher="Harbour Weekly", authors=["Chea Sokha", "Lim Dara"], family_name_first=True)
    assert short_note(src) == "Chea and Lim, Harbour Weekly."
    assert short_note(_bare(authors=["Chea Sokha"])) == 'Sokha, "The council approved the new …."'


def test_source_known_by_nothing_is_named_by_its_opening_words():
    src = _bare(date="2024-03-04")
    full, short = full_note(src), short_note(src)
    assert full == '"The council approved the new harbour budget on Tuesday, officials …," March 4, 2024.'
    assert short.startswith('"The council approved')
    for note in (full, short, src.label):
        assert "07_page" not in note and ".txt" not in note


def test_headline_is_the_fallback_and_label_never_a_file_name():
    src = _bare(title="Council votes on a new harbour budget")
    assert full_note(src) == '"Council votes on a new harbour budget."'
    assert short_note(src) == '"Council votes."'  # a short title never ends on "on a"
    assert src.label == "Council votes on a new …"
    empty = Source(id="x", path="x.txt")
    assert full_note(empty) == '"Untitled source."' and empty.label == "Untitled source"


def test_short_title_keeps_four_words_without_a_trailing_function_word():
    assert short_title("Cuts in aid to the harbour towns") == "Cuts in aid"
    assert short_title("Harbour budget") == "Harbour budget"


def test_outlet_without_headline_is_named_with_the_opening_words():
    src = _bare(publisher="Reuters", date="2024-03-04")
    assert full_note(src) == ('"The council approved the new harbour budget on Tuesday, officials …," Reuters, '
                              "March 4, 2024.")
    assert short_note(src) == 'Reuters, "The council approved the new …."'


def test_question_title_keeps_its_own_mark():
    src = _bare(publisher="Coast Review", title="Did the council agree?")
    assert full_note(src) == '"Did the council agree?" Coast Review.'
    assert short_note(src) == 'Coast Review, "Did the council agree?"'


@pytest.mark.parametrize(("title", "short"), [
    ("Ruritania: Ministry Urges Calm Over Harbour Dues", "Ministry Urges Calm"),
    ("MARITIME LAW AND POLICY: Reading the New Harbour Tariff", "Reading the New Harbour"),
    ("Explainer: How the council agreed on dues?", "How the council agreed"),
    ("Dues: a note", "Dues: a note"),
    ("Harbour budget passes after a long debate on dues: mayor", "Harbour budget passes"),
])
def test_short_title_leaves_out_a_kicker_before_a_colon(title, short):
    assert short_title(title) == short


def test_a_source_named_by_its_opening_words_leaves_its_dateline_out():
    src = Source(id="x", path="x.txt", text="Harbour Bureau\nLORVIK: The council approved the new harbour budget.\n")
    assert src.label == "The council approved the new …"
    assert "LORVIK" not in full_note(src)
