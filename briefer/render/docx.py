"""Markdown -> Word: markdown-it-py parses, python-docx writes, footnotes become real Word notes.

The output is reproducible (same inputs, same bytes: no clock, fixed zip timestamps) and linear
in size: blocks are appended just before the body's sectPr and style ids are looked up once per
style name, where python-docx's `add_paragraph` would re-scan the body for every paragraph.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefer.errors import BrieferError, InputError, UsageError

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.text.hyperlink import CT_Hyperlink
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run
    from markdown_it.token import Token

    from briefer.render.footnotes import FootnotesPart

CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
RT_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
EPOCH = dt.datetime(1980, 1, 1)  # the earliest zip timestamp; used when no date is given
MONO = "Consolas"
LABEL_CHARS = 300  # longest all-bold or all-italic paragraph still kept with what follows
CORE_TEXT = ("title", "subject", "author", "keywords", "category", "comments", "last_modified_by")

_PLAIN = re.compile(r"[^\t\n\r]*")
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Replace characters XML cannot hold (NUL, C0 controls, lone surrogates, U+FFFE/F)."""
    return _ILLEGAL.sub("\ufffd", text)


def markdown_to_docx(
    md: str,
    *,
    images: dict[str, bytes] | None = None,
    reference: Path | None = None,
    core: dict[str, Any] | None = None,
    custom: dict[str, str] | None = None,
    header: str | None = None,
    footer: str | None = None,
    handling: str | None = None,
) -> bytes:
    """Return the bytes of a .docx rendering `md`, with `[^n]` references as Word footnotes.

    Args:
        md: CommonMark with GFM tables and footnotes.
        images: image bytes by the name used in `![alt](name)`.
        reference: a .docx whose styles, page setup and headers/footers are used.
        core: core properties (title, subject, author, keywords, ...; created/modified dates).
        custom: string custom document properties (docProps/custom.xml).
        header, footer: extra header / footer text; the footer always shows "Page N of M".
        handling: a handling line, centred bold at the top and bottom of every page.
    """
    from briefer.render import footnotes  # registers the footnotes part before any Document

    try:
        document = _open(reference)
        notes = footnotes.prepare(document)
        _Writer(document, notes, images or {}).write(_parse(xml_safe(md)))
        _page_furniture(document, header, footer, handling)
        modified = _set_core(document, core or {})
        if custom:
            _set_custom(document, custom)
        buf = io.BytesIO()
        document.save(buf)
    except (BrieferError, MemoryError, RecursionError):
        raise
    except Exception as e:  # a damaged part of the reference surfaces here, deep in python-docx
        if reference is None:
            raise
        raise InputError(f"{reference}: damaged .docx reference ({type(e).__name__}: {_one_line(e)})") \
            from None
    return _reproducible_zip(buf.getvalue(), modified)


def read_custom_properties(source: str | Path | bytes) -> dict[str, str]:
    """Return the custom document properties of a .docx (path or bytes) by name."""
    from lxml import etree

    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            rels = etree.fromstring(z.read("_rels/.rels"), parser)
            target = next((r.get("Target") for r in rels if r.get("Type") == RT_CUSTOM), None)
            if target is None:
                return {}
            root = etree.fromstring(z.read(target.lstrip("/")), parser)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as e:
        raise InputError(f"not a readable .docx: {e}") from e
    return {p.get("name"): "".join(p.itertext()) for p in root}


# --- the base document ---------------------------------------------------------------------


def _open(reference: Path | None) -> Document:
    """Open python-docx's default template or `reference`, with an empty body."""
    import docx
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.exceptions import PackageNotFoundError
    from docx.opc.part import PartFactory, XmlPart
    from lxml import etree

    from briefer.safety import check_zip

    PartFactory.part_type_for[CT.OFC_CUSTOM_PROPERTIES] = XmlPart  # editable when present
    # checked (size, ratio, parts, CRCs, no DOCTYPE) before python-docx sees a byte of it
    data = check_zip(reference, label=f"{reference} (--reference-docx)") if reference else None
    try:
        document = docx.Document(io.BytesIO(data) if data is not None else None)
    except (OSError, KeyError, ValueError, AttributeError, TypeError, IndexError, zipfile.BadZipFile,
            PackageNotFoundError, etree.XMLSyntaxError, etree.LxmlError) as e:
        raise InputError(f"{reference}: not a readable .docx reference ({_one_line(e)})") from None
    body = document.element.body
    sect_pr = body.get_or_add_sectPr()
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)
    rels = document.part.package.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        del rels[rid]  # a picture of the template's first page, not of this document
    if reference is not None:
        from briefer.render.reference import tidy

        tidy(document)
    return document


def _one_line(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]


def _parse(md: str) -> list[Token]:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    return MarkdownIt("commonmark").enable("table").use(footnote_plugin).parse(md)


def _footnote_defs(tokens: list[Token]) -> dict[int, list[list[Token]]]:
    """Each footnote definition's paragraphs (inline children), by footnote id."""
    defs: dict[int, list[list[Token]]] = {}
    current: list[list[Token]] | None = None
    for tok in tokens:
        if tok.type == "footnote_open":
            current = defs.setdefault(tok.meta["id"], [])
        elif tok.type == "footnote_close":
            current = None
        elif tok.type == "inline" and current is not None:
            current.append(tok.children or [])
    return defs


# --- the body ------------------------------------------------------------------------------


@dataclass
class _List:
    ordered: bool
    num_id: int | None = None
    fresh: bool = False  # the current item has no paragraph yet


@dataclass
class _Inline:
    paragraph: Paragraph
    bold: int = 0
    italic: int = 0
    href: str | None = None
    link: CT_Hyperlink | None = None
    in_note: bool = False


class _Writer:
    """Walks markdown-it tokens and appends the matching blocks to the document body."""

    def __init__(self, document: Document, notes: FootnotesPart, images: dict[str, bytes]):
        self.doc = document
        self.notes = notes
        self.images = images
        self.styles = _Styles(document)
        self.anchor = document.element.body.get_or_add_sectPr()
        self.width = _content_width(document)
        self.defs: dict[int, list[list[Token]]] = {}
        self.lists: list[_List] = []
        self.heading = 0
        self.quote = 0
        self._table_pt: float | None = None

    def write(self, tokens: list[Token]) -> None:
        self.defs = _footnote_defs(tokens)
        it = iter(tokens)
        for tok in it:
            handler = getattr(self, "_b_" + tok.type, None)
            if handler is not None:
                handler(tok, it)

    def _paragraph(self, style_id: str | None = None) -> Paragraph:
        from docx.oxml.parser import OxmlElement
        from docx.text.paragraph import Paragraph

        p = OxmlElement("w:p")
        if style_id:
            p.style = style_id
        self.anchor.addprevious(p)
        return Paragraph(p, self.doc.part)  # type: ignore[arg-type]

    # block handlers: (token, token iterator)

    def _b_heading_open(self, tok: Token, it: Iterator[Token]) -> None:
        self.heading = int(tok.tag[1:])

    def _b_heading_close(self, tok: Token, it: Iterator[Token]) -> None:
        self.heading = 0

    def _b_bullet_list_open(self, tok: Token, it: Iterator[Token]) -> None:
        self.lists.append(_List(ordered=False))

    def _b_ordered_list_open(self, tok: Token, it: Iterator[Token]) -> None:
        style_id = self.styles.id(_list_style("List Number", len(self.lists) + 1))
        start = int(tok.attrs.get("start", 1))
        self.lists.append(_List(True, self.styles.restart_numbering(style_id, start)))

    def _b_bullet_list_close(self, tok: Token, it: Iterator[Token]) -> None:
        self.lists.pop()

    _b_ordered_list_close = _b_bullet_list_close

    def _b_list_item_open(self, tok: Token, it: Iterator[Token]) -> None:
        self.lists[-1].fresh = True

    def _b_blockquote_open(self, tok: Token, it: Iterator[Token]) -> None:
        self.quote += 1

    def _b_blockquote_close(self, tok: Token, it: Iterator[Token]) -> None:
        self.quote -= 1

    def _b_inline(self, tok: Token, it: Iterator[Token]) -> None:
        paragraph = self._paragraph(self._block_style())
        if self.lists and self.lists[-1].fresh:
            self.lists[-1].fresh = False
            _number(paragraph, self.lists[-1].num_id)
        if self.heading or (not self.lists and _is_label(tok.children or [])):
            paragraph.paragraph_format.keep_with_next = True  # never orphaned at a page's foot
        self.inline(_Inline(paragraph), tok.children or [])

    def _block_style(self) -> str | None:
        if self.heading:
            return self.styles.id(f"Heading {min(self.heading, 9)}")
        if self.lists:
            kind = "List Number" if self.lists[-1].ordered else "List Bullet"
            name = kind if self.lists[-1].fresh else "List Continue"
            return self.styles.id(_list_style(name, len(self.lists)))
        return self.styles.id("Quote") if self.quote else None

    def _b_fence(self, tok: Token, it: Iterator[Token]) -> None:
        paragraph = self._paragraph(self.styles.id("Macro Text", "macro"))
        paragraph.add_run(tok.content.rstrip("\n")).font.name = MONO

    _b_code_block = _b_fence

    def _b_html_block(self, tok: Token, it: Iterator[Token]) -> None:
        self._paragraph(self._block_style()).add_run(tok.content.rstrip("\n"))

    def _b_hr(self, tok: Token, it: Iterator[Token]) -> None:
        self._paragraph()

    def _b_footnote_block_open(self, tok: Token, it: Iterator[Token]) -> None:
        for t in it:  # definitions were gathered up front; they are written at each reference
            if t.type == "footnote_block_close":
                return

    def _b_table_open(self, tok: Token, it: Iterator[Token]) -> None:
        rows: list[list[tuple[str, list[Token]]]] = []
        heads, align = 0, ""
        for t in it:
            if t.type == "table_close":
                break
            if t.type == "tr_open":
                rows.append([])
            elif t.type == "thead_close":
                heads = len(rows)
            elif t.type in ("th_open", "td_open"):
                align = str(t.attrs.get("style", ""))
            elif t.type == "inline":
                rows[-1].append((align, t.children or []))
        self._table(rows, heads)

    def _table(self, rows: list[list[tuple[str, list[Token]]]], heads: int) -> None:
        from docx.oxml.table import CT_Tbl
        from docx.table import Table, _Cell

        cols = max((len(r) for r in rows), default=0)
        if not cols:
            return
        tbl = CT_Tbl.new_tbl(len(rows), cols, self.width)
        tbl.tblStyle_val = self.styles.id("Table Grid")
        text_style = self.table_text_style()
        widths = self._column_widths(rows, heads, cols)
        _fixed_layout(tbl, widths)
        self.anchor.addprevious(tbl)
        table = Table(tbl, self.doc.part)  # type: ignore[arg-type]
        for n, (tr, row) in enumerate(zip(tbl.tr_lst, rows, strict=True)):
            _keep_row(tr, header=n < heads)
            for tc, width in zip(tr.tc_lst, widths, strict=True):
                tc.width = width
            for tc, (align, children) in zip(tr.tc_lst, row, strict=False):
                paragraph = _Cell(tc, table).paragraphs[0]
                if text_style:
                    paragraph._p.style = text_style
                if n < heads:  # a header row is never left alone at the foot of a page
                    paragraph.paragraph_format.keep_with_next = True
                _align(paragraph, align)
                self.inline(_Inline(paragraph, bold=int(n < heads)), children)

    def _column_widths(self, rows: list[list[tuple[str, list[Token]]]], heads: int, cols: int) -> list[int]:
        """Column widths (EMU) that never break a word at the table text's size."""
        from docx.shared import Twips

        from briefer.render.tables import CellText, column_widths

        cells = [[CellText(_cell_text(children), bold=n < heads) for _, children in row]
                 for n, row in enumerate(rows)]
        total = int(self.width / Twips(1))
        return [Twips(w) for w in column_widths(cells, cols, total, self.table_font_size())]

    def table_font_size(self) -> float:
        """The table text's size in points: its style's, else the default paragraph style's,
        else the document default's, else Word's 11 pt. Looked up once per document."""
        if self._table_pt is None:
            from docx.enum.style import WD_STYLE_TYPE

            style_id = self.table_text_style()
            styles = self.doc.styles
            chain = [s for s in styles if s.style_id == style_id] + [styles.default(WD_STYLE_TYPE.PARAGRAPH)]
            sizes = [size.pt for style in chain for size in _sizes(style)]
            default = styles.element.find(_qn("w:docDefaults/w:rPrDefault/w:rPr/w:sz"))
            fallback = int(default.get(_qn("w:val"))) / 2 if default is not None else 11.0
            self._table_pt = float(sizes[0]) if sizes else fallback
        return self._table_pt

    def table_text_style(self) -> str | None:
        """The compact paragraph style for table cells: the reference's "Table Text" if it has
        one, else one made here (8.5 pt, no space after), once per document."""
        if "Table Text" not in self.styles.ids:
            from docx.enum.style import WD_STYLE_TYPE
            from docx.shared import Pt

            try:
                style = self.doc.styles["Table Text"]
            except KeyError:
                style = self.doc.styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
                style.base_style = self.doc.styles["Normal"]
                style.font.size = Pt(8.5)
                style.paragraph_format.space_after = Pt(0)
                style.paragraph_format.space_before = Pt(0)
                style.paragraph_format.line_spacing = 1.0
            self.styles.ids["Table Text"] = str(style.style_id)
        return self.styles.ids["Table Text"]

    # inline handlers: (state, token)

    def inline(self, st: _Inline, children: list[Token]) -> None:
        """Write inline tokens into `st.paragraph`."""
        for tok in children:
            handler = getattr(self, "_i_" + tok.type, None)
            if handler is not None:
                handler(st, tok)

    def _run(self, st: _Inline, text: str = "") -> Run:
        from docx.text.run import Run

        container = st.link if st.link is not None else st.paragraph._p
        r = container.add_r()
        if st.link is not None:
            r.get_or_add_rPr().style = self.notes.style_ids["hyperlink"]
        run = Run(r, st.paragraph)
        if text and _PLAIN.fullmatch(text):
            r.add_t(text)  # Run.text walks the text a character at a time
        elif text:
            run.text = text
        if st.bold:
            run.bold = True
        if st.italic:
            run.italic = True
        return run

    def _i_text(self, st: _Inline, tok: Token) -> None:
        self._run(st, tok.content)

    _i_html_inline = _i_text

    def _i_code_inline(self, st: _Inline, tok: Token) -> None:
        self._run(st, tok.content).font.name = MONO

    def _i_softbreak(self, st: _Inline, tok: Token) -> None:
        self._run(st, " ")

    def _i_hardbreak(self, st: _Inline, tok: Token) -> None:
        self._run(st).add_break()

    def _i_strong_open(self, st: _Inline, tok: Token) -> None:
        st.bold += 1

    def _i_strong_close(self, st: _Inline, tok: Token) -> None:
        st.bold -= 1

    def _i_em_open(self, st: _Inline, tok: Token) -> None:
        st.italic += 1

    def _i_em_close(self, st: _Inline, tok: Token) -> None:
        st.italic -= 1

    def _i_link_open(self, st: _Inline, tok: Token) -> None:
        from briefer.render.footnotes import add_hyperlink

        href = str(tok.attrs.get("href", ""))
        if href and not href.startswith("#"):  # no bookmarks to point at: keep the text only
            st.href, st.link = href, add_hyperlink(st.paragraph, href)

    def _i_link_close(self, st: _Inline, tok: Token) -> None:
        st.href = st.link = None

    def _i_image(self, st: _Inline, tok: Token) -> None:
        from docx.image.exceptions import UnrecognizedImageError

        src = str(tok.attrs.get("src", ""))
        if src not in self.images:
            raise InputError(f"image {src!r} is used in the Markdown but was not given")
        try:
            shape = self._run(st).add_picture(io.BytesIO(self.images[src]))
        except UnrecognizedImageError as e:
            raise InputError(f"image {src!r} is not a PNG, JPEG, GIF, BMP or TIFF") from e
        if shape.width > self.width:
            shape.height = int(shape.height * self.width / shape.width)
            shape.width = self.width
        alt = "".join(c.content for c in tok.children or []) or tok.content
        shape._inline.docPr.set("descr", alt)
        # not kept with the table below: heading, figure and the table's first rows moved together
        # to the next page and left a quarter page empty; the table repeats its header row

    def _i_footnote_ref(self, st: _Inline, tok: Token) -> None:
        from briefer.render.footnotes import add_footnote, add_footnote_paragraph, add_hyperlink

        defn = self.defs.get(tok.meta["id"])
        if st.in_note or defn is None:  # Word has no notes inside notes
            self._run(st, f"[{tok.meta.get('label', '')}]")
            return
        note = add_footnote(st.paragraph, self.notes)
        for n, children in enumerate(defn):
            if n:
                note = add_footnote_paragraph(note)
            self.inline(_Inline(note, in_note=True), children)
        if st.href:  # the reference run closed the link; reopen it for the rest of its text
            st.link = add_hyperlink(st.paragraph, st.href)


def _sizes(style: Any) -> Iterator[Any]:
    """The font sizes set along a style's basedOn chain, nearest first."""
    while style is not None:
        if style.font.size is not None:
            yield style.font.size
        style = style.base_style


def _is_label(children: list[Token]) -> bool:
    """True for a sub-head written as a paragraph: short, and all of it bold or italic
    ("**Quotes**", a theme's italic description under its heading)."""
    depth, text = 0, 0
    for tok in children:
        if tok.type in ("strong_open", "em_open"):
            depth += 1
        elif tok.type in ("strong_close", "em_close"):
            depth -= 1
        elif tok.type == "text" and tok.content.strip():
            if not depth:
                return False
            text += len(tok.content)
    return 0 < text <= LABEL_CHARS


def _cell_text(children: list[Token]) -> str:
    """A cell's text as shown: a footnote mark (two digits, say) sticks to the word before it."""
    parts = []
    for tok in children:
        if tok.type in ("text", "code_inline"):
            parts.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif tok.type == "footnote_ref":
            parts.append("00")
    return "".join(parts)


def _qn(path: str) -> str:
    from docx.oxml.ns import qn

    return "/".join(qn(step) for step in path.split("/"))


def _fixed_layout(tbl: Any, widths: list[int]) -> None:
    """Give the table its full width and a fixed layout, so Word and LibreOffice both keep the
    computed column widths instead of re-fitting them."""
    from docx.oxml.parser import OxmlElement

    for gridcol, width in zip(tbl.tblGrid.gridCol_lst, widths, strict=True):
        gridcol.w = width
    tbl_w = tbl.tblPr.find(_qn("w:tblW"))
    tbl_w.set(_qn("w:type"), "dxa")
    tbl_w.set(_qn("w:w"), str(sum(widths) // 635))
    layout = OxmlElement("w:tblLayout", {_qn("w:type"): "fixed"})
    tbl_w.addnext(layout)


def _keep_row(tr: Any, *, header: bool) -> None:
    """A row never splits across pages; a header row repeats on each page."""
    from docx.oxml.parser import OxmlElement

    tr_pr = tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _list_style(name: str, depth: int) -> str:
    depth = min(depth, 3)
    return name if depth == 1 else f"{name} {depth}"


def _number(paragraph: Paragraph, num_id: int | None) -> None:
    """Point a list item at its own list's numbering (so each numbered list restarts)."""
    if num_id is None:
        return
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def _align(paragraph: Paragraph, style: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    where = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}
    for key, value in where.items():
        if key in style:
            paragraph.alignment = value


def _content_width(document: Document) -> int:
    from docx.shared import Inches

    s = document.sections[-1]
    if s.page_width and s.left_margin is not None and s.right_margin is not None:
        return int(s.page_width - s.left_margin - s.right_margin)
    return int(Inches(6.5))


class _Styles:
    """Style ids by style name, looked up once each. A name the base document lacks (a
    reference made in Word keeps only the styles it uses) is copied from python-docx's default
    template, with the styles it is based on."""

    def __init__(self, document: Document):
        self.doc = document
        self.ids: dict[str, str | None] = {}
        self._default: Document | None = None

    def id(self, *names: str) -> str | None:
        """The id of the first of `names` the document has (or can copy); None: Normal."""
        for name in names:
            if name not in self.ids:
                self.ids[name] = self._find(name)
            if self.ids[name]:
                return self.ids[name]
        return None

    def _find(self, name: str) -> str | None:
        import docx

        try:
            return str(self.doc.styles[name].style_id)
        except KeyError:
            pass
        self._default = self._default or docx.Document()
        try:
            style = self._default.styles[name]
        except KeyError:
            return None
        self._copy(style.element)
        return str(style.style_id)

    def _copy(self, element: Any) -> None:
        from docx.oxml.ns import qn

        assert self._default is not None
        root = self.doc.styles.element
        if root.get_by_id(element.styleId) is not None:
            return
        mine = copy.deepcopy(element)
        root.append(mine)
        self._copy_numbering(mine)
        default_styles = self._default.styles.element
        for ref in ("w:basedOn", "w:link", "w:next"):
            child = element.find(qn(ref))
            dep = None if child is None else default_styles.get_by_id(child.get(qn("w:val")))
            if dep is not None:
                self._copy(dep)

    def _copy_numbering(self, style: Any) -> None:
        """Give a copied list style its own numbering definition in this document."""
        from docx.oxml.ns import qn

        assert self._default is not None
        num_pr = style.pPr.numPr if style.pPr is not None else None
        if num_pr is None or num_pr.numId is None:
            return
        src = self._default.part.numbering_part.element
        abstract_id = src.num_having_numId(num_pr.numId.val).abstractNumId.val
        abstract = src.xpath(f'w:abstractNum[@w:abstractNumId="{abstract_id}"]')[0]
        try:
            dst = self.doc.part.numbering_part.element
        except NotImplementedError:  # python-docx cannot create a numbering part
            style.pPr.remove(num_pr)
            return
        new_id = 1 + max([-1, *(int(a) for a in dst.xpath("w:abstractNum/@w:abstractNumId"))])
        mine = copy.deepcopy(abstract)
        mine.set(qn("w:abstractNumId"), str(new_id))
        after = dst.find(qn("w:num"))
        after = after if after is not None else dst.find(qn("w:numIdMacAtCleanup"))
        dst.append(mine) if after is None else after.addprevious(mine)
        num_pr.numId.val = dst.add_num(new_id).numId

    def restart_numbering(self, style_id: str | None, start: int) -> int | None:
        """A new numbering instance for the list style `style_id`, starting at `start`."""
        style = self.doc.styles.element.get_by_id(style_id) if style_id else None
        num_pr = style.pPr.numPr if style is not None and style.pPr is not None else None
        if num_pr is None or num_pr.numId is None:
            return None
        numbering = self.doc.part.numbering_part.element
        try:
            abstract_id = numbering.num_having_numId(num_pr.numId.val).abstractNumId.val
        except KeyError:
            return None
        num = numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return int(num.numId)


# --- headers, footers and properties -------------------------------------------------------


def _page_furniture(
    document: Document,
    header: str | None,
    footer: str | None,
    handling: str | None,
) -> None:
    """Write header and footer: handling line top and bottom, `header` lines under it, "Page N
    of M" in the footer. A reference's own header and footer (letterhead, logo) are kept: the
    handling line goes above and below them, our lines after, and "Page N of M" is added to a
    footer that has no page number of its own."""
    handling = xml_safe(handling) if handling else None
    marking: list[tuple[str | None, bool]] = [(handling, True)] if handling else []
    ours = [(line, False) for line in xml_safe(header or "").splitlines() if line]
    for story in _stories(document, "header"):
        _fill(story, top=marking, bottom=ours, style=_style_named(document, "Header"))
    lines: list[tuple[str | None, bool]] = [(line, False) for line in xml_safe(footer or "").splitlines()
                                            if line]
    for story in _stories(document, "footer"):
        page = [] if _has_page_field(story) else [(None, False)]  # None: the page N of M line
        _fill(story, top=[], bottom=[*lines, *page, *marking], style=_style_named(document, "Footer"))


def _style_named(document: Document, name: str) -> Any:
    """The paragraph style called `name` (its size and spacing then apply), or None."""
    from docx.enum.style import WD_STYLE_TYPE

    return next((s for s in document.styles if s.name == name and s.type == WD_STYLE_TYPE.PARAGRAPH), None)


def _stories(document: Document, kind: str) -> list[Any]:
    """Every header (or footer) of the last section that Word may show."""
    section = document.sections[-1]
    stories = [getattr(section, kind)]
    if section.different_first_page_header_footer:
        stories.append(getattr(section, f"first_page_{kind}"))
    if document.settings.odd_and_even_pages_header_footer:
        stories.append(getattr(section, f"even_page_{kind}"))
    for story in stories:
        story.is_linked_to_previous = False
    return stories


def _has_content(story: Any) -> bool:
    """True when a header/footer shows something: text, a picture, a shape or a field."""
    from docx.oxml.ns import qn

    shown = ("w:t", "w:drawing", "w:pict", "w:object", "w:fldSimple", "w:instrText")
    return next(story._element.iter(*(qn(t) for t in shown)), None) is not None


def _has_page_field(story: Any) -> bool:
    from docx.oxml.ns import qn

    codes = [el.get(qn("w:instr"), "") for el in story._element.iter(qn("w:fldSimple"))]
    codes += [el.text or "" for el in story._element.iter(qn("w:instrText"))]
    return any(re.match(r"\s*PAGE\b", code) for code in codes)


def _fill(story: Any, top: list[tuple[str | None, bool]], bottom: list[tuple[str | None, bool]],
          style: Any = None) -> None:
    """Put `top` lines before the story's own content and `bottom` lines after it; a story with
    nothing to show (python-docx's default, an empty reference header) is cleared first."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    element = story._element
    if not _has_content(story):
        for child in list(element):
            element.remove(child)
    first = next(iter(element), None)
    for n, (text, bold) in enumerate([*top, *bottom]):
        paragraph = story.add_paragraph(style=style)
        if n < len(top) and first is not None:
            first.addprevious(paragraph._p)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if text is None:
            _page_n_of_m(paragraph)
        else:
            run = paragraph.add_run(text)
            if bold:
                run.bold = True
    if not len(element):
        story.add_paragraph()  # a header or footer must hold at least one paragraph


def _page_n_of_m(paragraph: Paragraph) -> None:
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES")


def _field(paragraph: Paragraph, instr: str) -> None:
    """Append a simple field (`PAGE`, `NUMPAGES`); "1" is shown until Word updates it."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    field = OxmlElement("w:fldSimple", {qn("w:instr"): f" {instr} "})
    r = OxmlElement("w:r")
    r.text = "1"
    field.append(r)
    paragraph._p.append(field)


def _when(value: Any) -> dt.datetime:
    """A naive UTC datetime from a datetime, date or ISO string."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def _set_core(document: Document, core: dict[str, Any]) -> dt.datetime:
    """Set core properties; dates come from `core` only (never the clock). Return modified."""
    unknown = sorted(set(core) - set(CORE_TEXT) - {"created", "modified"})
    if unknown:
        raise UsageError(f"unknown core document properties: {', '.join(unknown)}")
    props = document.core_properties
    for key in CORE_TEXT:
        if key in core:
            value = xml_safe(str(core[key] or ""))
            # python-docx refuses more than 255 characters (as Word does)
            setattr(props, key, value if len(value) <= 255 else value[:254] + "\u2026")
    try:
        created = _when(core.get("created") or EPOCH)
        modified = _when(core.get("modified") or created)
    except (TypeError, ValueError, AttributeError) as e:
        raise UsageError(f"core created/modified must be dates: {e}") from e
    props.created, props.modified, props.revision = created, modified, 1
    return modified


def _set_custom(document: Document, custom: dict[str, str]) -> None:
    """Write string custom properties to docProps/custom.xml, keeping any others there."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.packuri import PackURI
    from docx.opc.part import XmlPart
    from lxml import etree

    package = document.part.package
    try:
        part = package.part_related_by(RT_CUSTOM)
    except KeyError:
        root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
        part = XmlPart(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, root, package)
        package.relate_to(part, RT_CUSTOM)
    root = part.element
    have = {p.get("name"): p for p in root}
    pid = max([1, *(int(p.get("pid", "1")) for p in root)])
    for name, value in custom.items():
        prop = have.get(name)
        if prop is None:
            pid += 1
            prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property")
            prop.attrib.update({"fmtid": FMTID, "pid": str(pid), "name": xml_safe(name)})
        for child in list(prop):
            prop.remove(child)
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = xml_safe(str(value))


def _reproducible_zip(data: bytes, when: dt.datetime) -> bytes:
    """Re-pack python-docx's zip with fixed timestamps and attributes, in the same order."""
    stamp = max(when, EPOCH).timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            zout.writestr(entry, zin.read(info.filename))
    return out.getvalue()
