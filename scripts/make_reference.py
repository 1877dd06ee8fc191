"""Write templates/reference.docx, the clean default reference briefs are built on.

It is python-docx's default template with an empty body, footnote and hyperlink styles, the
separator footnotes Word expects, neutral core properties and fixed zip timestamps, so running
this script again gives the same bytes. Users copy it (`briefer templates init DIR`), change
styles, page setup, header and footer in Word or LibreOffice, and pass it as --reference-docx.

    python scripts/make_reference.py            # writes templates/reference.docx
    python scripts/make_reference.py OUT.docx
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAMP = dt.datetime(2000, 1, 1)
# styles a brief uses; python-docx's template has them all, listed so that a missing one fails here
NEEDED = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Bullet 2",
          "List Number", "List Continue", "Quote", "Table Grid", "Caption")


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


def main(argv: list[str]) -> None:
    out = Path(argv[0]) if argv else ROOT / "templates" / "reference.docx"
    out.write_bytes(build())
    print(f"Wrote {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
