"""A reference .docx (like pandoc's `--reference-doc`): the brief takes its styles, page setup,
headers and footers; what belonged to its body goes, and what a brief needs and it lacks is added.

References come from anywhere (Word, LibreOffice, pandoc), so `tidy` repairs what validators
reject in them: a missing theme part, styles based on styles that are not there, relationships
(links, pictures, comments) left behind by the dropped body.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document

BUILTIN = "reference.docx"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_BASE = R_NS + "/"
# parts that only the body uses: once the body is gone their relationships are dead
BODY_ONLY = {RT_BASE + t for t in ("hyperlink", "image", "oleObject", "package", "chart", "diagramData",
                                   "diagramLayout", "diagramQuickStyle", "diagramColors", "video",
                                   "audio", "media", "subDocument")}
NOTES_OF_BODY = {RT_BASE + "comments", "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
                 "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
                 "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
                 "http://schemas.microsoft.com/office/2011/relationships/people"}


def builtin_reference() -> Path | None:
    """The default reference shipped with the templates (None in a broken installation)."""
    from briefer.render.templating import builtin_dir

    path = builtin_dir() / BUILTIN
    return path if path.is_file() else None


def tidy(document: Document) -> None:
    """Repair a reference whose body was just emptied (see the module docstring)."""
    _drop_body_relationships(document)
    _ensure_theme(document)
    _repair_style_links(document)


def _drop_body_relationships(document: Document) -> None:
    part = document.part
    used = {v for el in part.element.iter() for k, v in el.attrib.items() if k.startswith(f"{{{R_NS}}}")}
    for rid, rel in list(part.rels.items()):
        if rel.reltype in NOTES_OF_BODY or (rel.reltype in BODY_ONLY and rid not in used):
            part.drop_rel(rid)


def _ensure_theme(document: Document) -> None:
    """Validators (and Word) expect a theme part; LibreOffice's .docx files have none."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    part = document.part
    if any(rel.reltype == RT.THEME for rel in part.rels.values()):
        return
    part.relate_to(docx.Document().part.part_related_by(RT.THEME), RT.THEME)


def _repair_style_links(document: Document) -> None:
    """Give every basedOn / link / next a style to point at: copied from python-docx's default
    template when it has one, else the dangling reference is removed."""
    import docx
    from docx.oxml.ns import qn

    root = document.styles.element
    default: Any = None
    changed = True
    while changed:
        changed = False
        ids = {s.get(qn("w:styleId")) for s in root.findall(qn("w:style"))}
        for style in root.findall(qn("w:style")):
            for tag in ("w:basedOn", "w:link", "w:next"):
                ref = style.find(qn(tag))
                if ref is None or ref.get(qn("w:val")) in ids:
                    continue
                default = default or docx.Document().styles.element
                found = default.get_by_id(ref.get(qn("w:val")))
                if found is not None and tag == "w:basedOn":
                    root.append(copy.deepcopy(found))
                else:
                    style.remove(ref)
                changed = True
                break
            if changed:
                break
