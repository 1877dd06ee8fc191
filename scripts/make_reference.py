"""Write templates/reference.docx, the clean default reference briefs are built on.

It is python-docx's default template with an empty body, footnote and hyperlink styles, the
separator footnotes Word expects, neutral core properties and fixed zip timestamps, so running
this script again gives the same bytes. Its house style is a dense brief that stays readable:
US Letter with 0.75" margins, 10 pt body text with little space between paragraphs, compact
headings kept with what follows, 8.5 pt table text, header and footer, and 8 pt footnotes. Users copy it
(`briefer templates init DIR`), change styles, page setup, header and footer in Word or
LibreOffice, and pass it as --reference-docx.

    python scripts/make_reference.py            # writes templates/reference.docx
    python scripts/make_reference.py OUT.docx
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STAMP = dt.datetime(2000, 1, 1)
# styles a brief uses; python-docx's template has them all, listed so that a missing one fails here
NEEDED = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Bullet 2",
          "List Number", "List Continue", "Quote", "Table Grid", "Caption")
BODY_FONT = "Calibri"
# style name: (size pt, space before pt, space after pt); None leaves the template's value
SIZES = {"Normal": (10, 0, 4), "Heading 1": (15, 0, 3), "Heading 2": (12, 9, 2), "Heading 3": (10.5, 6, 1),
         "List Bullet": (None, 0, 2), "List Bullet 2": (None, 0, 2), "List Number": (None, 0, 2),
         "List Continue": (None, 0, 2), "Caption": (8.5, 0, 2), "footnote text": (8, 0, 0),
         "Header": (8.5, 0, 0), "Footer": (8.5, 0, 0)}
MARGINS = (0.7, 0.75)  # inches: top and bottom, left and right


def build() -> bytes:
    """The reference's bytes."""
    sys.path.insert(0, str(ROOT))
    import docx

    from briefer.render import footnotes
    from briefer.render.docx import _reproducible_zip

    document = docx.Document()
    body = document.element.body
    for child in list(body):
        if child is not body.sectPr:
            body.remove(child)
    for name in NEEDED:
        document.styles[name]  # noqa: B018 (KeyError when the template lacks it)
    footnotes.prepare(document)
    house_style(document)
    rels = document.part.package.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype.endswith("/thumbnail")]:
        del rels[rid]  # a picture of python-docx's own sample page
    props = document.core_properties
    props.author = props.last_modified_by = "briefer"
    props.title = props.subject = props.keywords = props.comments = props.category = ""
    props.created = props.modified = STAMP
    props.revision = 1
    buf = io.BytesIO()
    document.save(buf)
    return _reproducible_zip(buf.getvalue(), STAMP)


def house_style(document: Any) -> None:
    """Page setup, the body font, sizes and spacing of the styles a brief uses, and Table Text."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Inches, Pt

    section = document.sections[0]
    section.top_margin = section.bottom_margin = Inches(MARGINS[0])
    section.left_margin = section.right_margin = Inches(MARGINS[1])
    section.header_distance = section.footer_distance = Inches(0.35)
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.paragraph_format.line_spacing = 1.0
    for name, (size, before, after) in SIZES.items():
        style = document.styles[name]
        if size is not None:
            style.font.size = Pt(size)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        style = document.styles[name]
        style.font.name = BODY_FONT
        style.paragraph_format.keep_with_next = True
    table = document.styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table.base_style = normal
    table.font.size = Pt(8.5)
    table.paragraph_format.space_before = table.paragraph_format.space_after = Pt(0)
    table.paragraph_format.line_spacing = 1.0


def main(argv: list[str]) -> None:
    out = Path(argv[0]) if argv else ROOT / "templates" / "reference.docx"
    out.write_bytes(build())
    print(f"Wrote {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
