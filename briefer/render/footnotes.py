"""Real Word footnotes for python-docx, built in python-docx's own layers.

python-docx cannot write footnotes, so their OOXML lives here and only here: a `w:footnotes`
element class (oxml), a `FootnotesPart` (part, registered with the part factory so a template's
footnotes part loads as one), and `add_footnote` (the proxy-level call). The part comes with
what Word expects around it: separator footnotes, `w:footnotePr` in settings.xml and the
FootnoteText / FootnoteReference styles. Hyperlinks (which python-docx cannot write either) are
here too, because a footnote's links are related from the footnotes part, not the document.

Importing this module registers the classes: import it before opening any Document.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, cast

from docx.blkcntnr import BlockItemContainer
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory
from docx.oxml.ns import nsdecls, nsmap, qn
from docx.oxml.parser import OxmlElement, parse_xml, register_element_cls
from docx.oxml.simpletypes import ST_DecimalNumber, ST_String
from docx.oxml.xmlchemy import BaseOxmlElement, OptionalAttribute, RequiredAttribute, ZeroOrMore
from docx.parts.story import StoryPart
from docx.text.paragraph import Paragraph

if TYPE_CHECKING:
    from docx.document import Document
    from docx.opc.part import Part
    from docx.oxml.text.hyperlink import CT_Hyperlink
    from docx.package import Package

SEPARATOR_TYPES = ("separator", "continuationSeparator", "continuationNotice")
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"

_DEFAULT_XML = f"""<w:footnotes {nsdecls("w", "r")}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"
 w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"
 w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
</w:footnotes>"""

# Styles Word itself would add: (name, XML). Names are Word's builtin (lower-case) names.
_STYLES = {
    "footnote text": """<w:style {ns} w:type="paragraph" w:styleId="FootnoteText">
<w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:link w:val="FootnoteTextChar"/>
<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>
<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>""",
    "footnote text char": """<w:style {ns} w:type="character" w:customStyle="1"
 w:styleId="FootnoteTextChar"><w:name w:val="Footnote Text Char"/>
<w:basedOn w:val="DefaultParagraphFont"/><w:link w:val="FootnoteText"/><w:uiPriority w:val="99"/>
<w:semiHidden/><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>""",
    "footnote reference": """<w:style {ns} w:type="character" w:styleId="FootnoteReference">
<w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/>
<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>
<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>""",
    "hyperlink": """<w:style {ns} w:type="character" w:styleId="Hyperlink">
<w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/>
<w:unhideWhenUsed/><w:rPr><w:color w:val="0563C1" w:themeColor="hyperlink"/>
<w:u w:val="single"/></w:rPr></w:style>""",
}

# Children of w:settings that come after w:footnotePr (ECMA-376 CT_Settings sequence).
_AFTER_FOOTNOTEPR = {
    qn(t)
    for t in [
        *("w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema"),
        *("w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats"),
        *("w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown"),
        *("w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags"),
        *("w:decimalSymbol", "w:listSeparator"),
    ]
}
_OWN_NS = tuple(f"{{{nsmap[p]}}}" for p in ("w", "m", "sl"))


class CT_Footnote(BaseOxmlElement):
    """`w:footnote`: one note (or separator), a container of paragraphs and tables."""

    p = ZeroOrMore("w:p", successors=())
    tbl = ZeroOrMore("w:tbl", successors=())
    id = RequiredAttribute("w:id", ST_DecimalNumber)
    type = OptionalAttribute("w:type", ST_String)


class CT_Footnotes(BaseOxmlElement):
    """`w:footnotes`, the root element of footnotes.xml."""

    footnote = ZeroOrMore("w:footnote", successors=())


class Footnote(BlockItemContainer):
    """Proxy for one footnote: a block container whose `part` is the footnotes part."""

    def __init__(self, element: CT_Footnote, part: FootnotesPart):
        super().__init__(element, part)  # type: ignore[arg-type]
        self.element = element

    @property
    def part(self) -> FootnotesPart:
        """The footnotes part this note lives in."""
        return cast(FootnotesPart, self._parent)


class FootnotesPart(StoryPart):
    """The footnotes part (word/footnotes.xml), related from the document part."""

    def __init__(self, partname: PackURI, content_type: str, element: CT_Footnotes, package):
        super().__init__(partname, content_type, element, package)
        self._footnotes = element
        self.style_ids: dict[str, str] = {}  # filled by `prepare`
        ids = [fn.id for fn in element.footnote_lst]
        self._next = max([0, *ids]) + 1

    @classmethod
    def default(cls, package: Package) -> FootnotesPart:
        """Return a new footnotes part holding only the two separator footnotes."""
        element = cast(CT_Footnotes, parse_xml(_DEFAULT_XML))
        return cls(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, element, package)

    @property
    def separator_ids(self) -> list[int]:
        """Ids of the separator footnotes, in document order."""
        return [fn.id for fn in self._footnotes.footnote_lst if fn.type in SEPARATOR_TYPES]

    def drop_notes(self) -> None:
        """Remove every footnote but the separators (a template's notes belong to its body)."""
        for fn in self._footnotes.footnote_lst:
            if fn.type not in SEPARATOR_TYPES:
                self._footnotes.remove(fn)

    def new_footnote(self) -> Footnote:
        """Append an empty footnote with the next free id and return it."""
        fn = cast(CT_Footnote, OxmlElement("w:footnote", {qn("w:id"): str(self._next)}))
        self._next += 1
        self._footnotes.append(fn)
        return Footnote(fn, self)


for _tag, _cls in (("w:footnotes", CT_Footnotes), ("w:footnote", CT_Footnote)):
    register_element_cls(_tag, _cls)
PartFactory.part_type_for[CT.WML_FOOTNOTES] = FootnotesPart


def prepare(document: Document, *, drop_notes: bool = True) -> FootnotesPart:
    """Return the document's footnotes part, made ready: created if missing, separators,
    settings and styles in place, the stale stylesWithEffects relationship gone, and (unless
    `drop_notes` is false) a template's own notes dropped."""
    doc_part = document.part
    try:
        part = cast(FootnotesPart, doc_part.part_related_by(RT.FOOTNOTES))
    except KeyError:
        part = FootnotesPart.default(doc_part.package)  # type: ignore[arg-type]
        doc_part.relate_to(part, RT.FOOTNOTES)
    if drop_notes:
        part.drop_notes()
    _ensure_separators(part)
    _set_footnote_pr(document, part.separator_ids)
    part.style_ids = ensure_styles(document)
    drop_styles_with_effects(document)
    return part


def add_footnote(paragraph: Paragraph, part: FootnotesPart | None = None) -> Paragraph:
    """Append a footnote reference run to `paragraph` and return the new footnote's paragraph.

    The footnote paragraph already holds the footnoteRef mark and a space; add its content
    with `paragraph.add_run` or `add_hyperlink`. Pass the `part` that `prepare` returned when
    adding many notes; without it the part is looked up (and prepared, keeping any notes).
    """
    part = _part_of(paragraph) if part is None else part
    note = part.new_footnote()
    ref_style = part.style_ids["footnote reference"]
    r = paragraph._p.add_r()
    r.get_or_add_rPr().style = ref_style
    r.append(OxmlElement("w:footnoteReference", {qn("w:id"): str(note.element.id)}))
    p = note.element.add_p()
    p.style = part.style_ids["footnote text"]
    mark = p.add_r()
    mark.get_or_add_rPr().style = ref_style
    mark.append(OxmlElement("w:footnoteRef"))
    p.add_r().text = " "
    return Paragraph(p, note)


def add_footnote_paragraph(footnote_paragraph: Paragraph) -> Paragraph:
    """Append a further paragraph to the footnote that holds `footnote_paragraph`."""
    note = cast(Footnote, footnote_paragraph._parent)
    p = note.element.add_p()
    p.style = note.part.style_ids["footnote text"]
    return Paragraph(p, note)


def _part_of(paragraph: Paragraph) -> FootnotesPart:
    doc_part = paragraph.part.package.main_document_part
    try:
        part = cast(FootnotesPart, doc_part.part_related_by(RT.FOOTNOTES))
    except KeyError:
        part = None
    if part is not None and part.style_ids:
        return part
    return prepare(doc_part.document, drop_notes=False)


def add_hyperlink(paragraph: Paragraph, url: str) -> CT_Hyperlink:
    """Append an empty external `w:hyperlink` to `paragraph` and return it (add runs to it).

    The relationship is made on the paragraph's own part, so a footnote's links live in
    footnotes.xml.rels and a body link in document.xml.rels.
    """
    rid = _link_rid(paragraph.part, url)
    link = OxmlElement("w:hyperlink", {qn("r:id"): rid, qn("w:history"): "1"})
    paragraph._p.append(link)
    return cast("CT_Hyperlink", link)


_RIDS: weakref.WeakKeyDictionary[Part, dict[str, str]] = weakref.WeakKeyDictionary()


def _link_rid(part: Part, url: str) -> str:
    # python-docx scans every relationship per call; a cache keeps many links linear
    rids = _RIDS.setdefault(part, {})
    if url not in rids:
        rids[url] = part.relate_to(url, RT.HYPERLINK, is_external=True)
    return rids[url]


def ensure_styles(document: Document) -> dict[str, str]:
    """Add the footnote and hyperlink styles where missing; return their ids by builtin name."""
    root = document.styles.element
    found = {}
    for style in root.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None:
            found.setdefault(name.get(qn("w:val"), "").lower(), style.get(qn("w:styleId")))
    for name, xml in _STYLES.items():
        if name not in found:
            style = parse_xml(xml.format(ns=nsdecls("w")))
            root.append(style)
            found[name] = style.get(qn("w:styleId"))
    return {name: found[name] for name in _STYLES}


def drop_styles_with_effects(document: Document) -> None:
    """Drop the default template's stale stylesWithEffects part (validators flag it)."""
    part = document.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            part.drop_rel(rid)


def _ensure_separators(part: FootnotesPart) -> None:
    have = {fn.type for fn in part.element.footnote_lst}
    default = cast(CT_Footnotes, parse_xml(_DEFAULT_XML))
    for fn in reversed(default.footnote_lst):
        if fn.type not in have:
            part.element.insert(0, fn)


def _set_footnote_pr(document: Document, ids: list[int]) -> None:
    """Write `w:footnotePr` listing the separator ids, at its schema place in w:settings."""
    settings = document.settings.element
    pr = settings.find(qn("w:footnotePr"))
    if pr is None:
        pr = OxmlElement("w:footnotePr")
        after = next((c for c in settings if c.tag in _AFTER_FOOTNOTEPR or _foreign(c)), None)
        if after is None:
            settings.append(pr)
        else:
            after.addprevious(pr)
    for old in pr.findall(qn("w:footnote")):
        pr.remove(old)
    for i in ids:
        pr.append(OxmlElement("w:footnote", {qn("w:id"): str(i)}))


def _foreign(element: BaseOxmlElement) -> bool:
    # extension elements (w14:, w15:) close w:settings, after every w: child
    tag = element.tag if isinstance(element.tag, str) else ""
    return not tag.startswith(_OWN_NS)
