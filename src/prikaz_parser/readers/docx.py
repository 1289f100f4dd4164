"""Reader for DOCX (WordprocessingML), working from the XML that python-docx loads.

How the format is read:
- Body order: the children of `w:body` (`w:p`, `w:tbl`, content controls `w:sdt`)
  in order, so paragraphs and tables interleave as printed.
- Paragraph text: `w:t` of runs, hyperlinks, inserted text (`w:ins`) and fields;
  deleted text, text boxes and VML fallbacks are skipped. A manual line break
  (`w:br`) inside a body paragraph splits it into several `Paragraph`s (the TXT
  reader sees them as lines too); inside a cell it is a paragraph break.
- Automatic numbering: `w:numPr` (on the paragraph or inherited from its style)
  names a `w:num` and a level; the number is rendered from the abstract
  definition (`w:numFmt`, `w:lvlText` like "%1.%2.", `w:start`, overrides) with
  counters kept per numId and level (`docx_numbering.py`; styles in `docx_styles.py`).
  It goes to `Paragraph.list_label`, and in table cells it is written before the cell
  paragraph's text.
- Tables: from `w:tc` elements (python-docx repeats a merged cell in every grid
  slot). `w:gridBefore` and `w:gridSpan` place a cell on the grid; `w:vMerge`
  without "restart" continues the cell above. A merged cell is one `Cell` with
  rowspan/colspan; the other slots are `covered` cells pointing to its origin.
- Pages: a DOCX has no pages, only hints. When Word's `w:lastRenderedPageBreak`
  marks are present they are counted (they include manual breaks); otherwise
  manual page breaks, `pageBreakBefore` and section breaks are. A document with
  none of these has no page numbers (provenance page None).
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from ..layout import Cell, Layout, Paragraph, Provenance, Table
from .errors import ReadError
from .docx_numbering import Numbering
from .docx_styles import _ALIGN, _HEADING, Styles
from .docx_xml import MC, _on, _val, w

# ------------------------------------------------------------------ paragraphs

_SKIP = {w("txbxContent"), w("delText"), w("instrText"), f"{{{MC}}}Fallback", w("pPr"), w("rPr"),
         w("del"), w("footnoteReference"), w("endnoteReference")}


def _text_pieces(el, out: list[str]) -> None:
    """Text of a paragraph with "\\n" for manual line breaks."""
    for ch in el:
        tag = ch.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag == w("t"):
            out.append(ch.text or "")
        elif tag in (w("tab"), w("ptab")):
            out.append(" ")
        elif tag == w("br"):
            if _val(ch, "type") not in ("page", "column"):
                out.append("\n")
        elif tag == w("cr"):
            out.append("\n")
        elif tag == w("noBreakHyphen"):
            out.append("-")
        elif tag == w("sym"):
            out.append(" ")
        else:
            _text_pieces(ch, out)


def _clean(s: str) -> str:
    return re.sub(r"[ \t\u00a0\u2007\u202f]+", " ", s.replace("\u00ad", "")).strip()


@dataclass(slots=True)
class Para:
    """One `w:p` as read: its lines, style hints and rendered list label."""
    lines: list[str]
    bold: bool
    heading: int | None
    align: str | None
    label: str | None


class Pages:
    """The page counter, from explicit page-break hints (see the module docstring)."""

    def __init__(self, body):
        self.rendered = next(body.iter(w("lastRenderedPageBreak")), None) is not None
        self.page: int | None = 1 if self.rendered or any(k != "text" for k in self._markers(body)) else None

    def _markers(self, el):
        """(tag kind, element) of every page-break hint in el, in order; 'text' for visible text."""
        for x in el.iter(w("t"), w("br"), w("lastRenderedPageBreak"), w("pageBreakBefore"), w("sectPr")):
            if x.tag == w("t"):
                if (x.text or "").strip():
                    yield "text"
            elif self.rendered:
                if x.tag == w("lastRenderedPageBreak"):
                    yield "break"
            elif x.tag == w("br") and _val(x, "type") == "page":
                yield "break"
            elif x.tag == w("pageBreakBefore") and _on(x):
                yield "break"
            elif x.tag == w("sectPr") and x.getparent().tag == w("pPr") and \
                    _val(x.find(w("type"))) not in ("continuous", "nextColumn"):
                yield "after"

    def scan(self, el) -> tuple[bool, int]:
        """Does a break come before any text, and how many breaks are there, in el."""
        leading, count, seen_text = False, 0, False
        for kind in self._markers(el):
            if kind == "text":
                seen_text = True
            else:
                leading = leading or (kind == "break" and not seen_text)
                count += 1
        return leading, count

    def advance(self, els) -> int | None:
        """The page where parallel elements (a paragraph, or the cells of a row) start; moves on past them."""
        if self.page is None:
            return None
        scans = [self.scan(e) for e in els]
        start = self.page + (1 if any(lead for lead, _ in scans) else 0)
        self.page += max((n for _, n in scans), default=0)
        return start


class _Reader:
    def __init__(self, numbering: Numbering, styles: Styles, file: str | None, pages: Pages | None = None):
        self.numbering, self.styles, self.file = numbering, styles, file
        self.pages = pages

    # -- paragraphs
    def para(self, p) -> Para:
        ppr = p.find(w("pPr"))
        style_id = _val(ppr.find(w("pStyle"))) if ppr is not None else None
        style_id = style_id or self.styles.default_pid
        pieces: list[str] = []
        _text_pieces(p, pieces)
        lines = [t for t in (_clean(s) for s in "".join(pieces).split("\n")) if t]
        return Para(lines, self._bold(p, style_id), self._heading(style_id),
                    self._align(ppr, style_id), self._label(ppr, style_id))

    def _label(self, ppr, style_id) -> str | None:
        num = ppr.find(w("numPr")) if ppr is not None else None
        num_id = _val(num.find(w("numId"))) if num is not None else None
        ilvl = _val(num.find(w("ilvl"))) if num is not None else None
        if num_id is None:
            snum = self.styles.find(style_id, "w:pPr/w:numPr")
            if snum is None:
                return None
            num_id = _val(snum.find(w("numId")))
            ilvl = ilvl or _val(snum.find(w("ilvl")))
        if num_id is None:
            return None
        return self.numbering.label(num_id, int(ilvl or 0))

    def _bold(self, p, style_id) -> bool:
        style_b = self.styles.find(style_id, "w:rPr/w:b")
        runs = [r for r in p.iter(w("r")) if "".join(t.text or "" for t in r.iter(w("t"))).strip()]
        if not runs:
            return False
        for r in runs:
            rpr = r.find(w("rPr"))
            b = rpr.find(w("b")) if rpr is not None else None
            if b is None and rpr is not None:
                b = self.styles.find(_val(rpr.find(w("rStyle"))), "w:rPr/w:b")
            if not _on(b if b is not None else style_b):
                return False
        return True

    def _heading(self, style_id) -> int | None:
        m = _HEADING.match(self.styles.name(style_id).strip())
        return int(m.group(1)) if m else None

    def _align(self, ppr, style_id) -> str | None:
        jc = ppr.find(w("jc")) if ppr is not None else None
        if jc is None:
            jc = self.styles.find(style_id, "w:pPr/w:jc")
        return _ALIGN.get(_val(jc) or "")

    def paragraphs(self, p) -> list[Paragraph]:
        para = self.para(p)
        page = self.pages.advance([p]) if self.pages else None
        out = []
        for i, line in enumerate(para.lines):
            out.append(Paragraph(text=line, prov=Provenance(file=self.file, page=page), bold=para.bold,
                                 heading=para.heading, align=para.align,
                                 list_label=para.label if i == 0 else None))
        return out

    # -- tables
    def table(self, tbl, index: int, nested: bool = False) -> Table:
        grid_cols = len(tbl.findall(f"{w('tblGrid')}/{w('gridCol')}"))
        rows: list[list[Cell | None]] = []
        row_pages: list[int | None] = []
        for r, tr in enumerate(_children(tbl, "tr")):
            row_pages.append(self.pages.advance(list(_children(tr, "tc"))) if self.pages and not nested else None)
            row: list[Cell | None] = []
            trpr = tr.find(w("trPr"))
            before = int(_val(trpr.find(w("gridBefore"))) or 0) if trpr is not None else 0
            row.extend([None] * before)
            for tc in _children(tr, "tc"):
                tcpr = tc.find(w("tcPr"))
                span = int(_val(tcpr.find(w("gridSpan"))) or 1) if tcpr is not None else 1
                vmerge = tcpr.find(w("vMerge")) if tcpr is not None else None
                col = len(row)
                if vmerge is not None and _val(vmerge) in (None, "continue") and r > 0:
                    origin = self._origin_above(rows, r, col)
                    if origin is not None:
                        origin.rowspan = r - origin.row + 1
                        row.extend(self._covered(origin, r, col + k) for k in range(span))
                        continue
                cell = self.cell(tc, r, col, span, index)
                row.append(cell)
                row.extend(self._covered(cell, r, col + k) for k in range(1, span))
            rows.append(row)
        width = max([grid_cols] + [len(rw) for rw in rows])
        out: list[list[Cell]] = []
        for r, row in enumerate(rows):
            row.extend([None] * (width - len(row)))
            out.append([c if c is not None else
                        Cell(text="", row=r, col=j, prov=Provenance(file=self.file, table=index, row=r, col=j))
                        for j, c in enumerate(row)])
            for c in out[-1]:
                c.prov.page = row_pages[r]
        pages = sorted({p for p in row_pages if p is not None})
        return Table(index=index, rows=out, pages=pages,
                     prov=Provenance(file=self.file, table=index, page=pages[0] if pages else None))

    @staticmethod
    def _origin_above(rows, r: int, col: int) -> Cell | None:
        above = rows[r - 1] if r > 0 else []
        if col >= len(above) or above[col] is None:
            return None
        c = above[col]
        if c.covered:
            oc = rows[c.origin[0]][c.origin[1]]
            return oc if oc is not None and oc.col == col else None
        return c

    def _covered(self, origin: Cell, r: int, col: int) -> Cell:
        return Cell(text="", row=r, col=col, covered=True, origin=(origin.row, origin.col),
                    prov=Provenance(file=self.file, table=origin.prov.table, row=r, col=col))

    def cell(self, tc, r: int, col: int, span: int, index: int) -> Cell:
        lines, bolds, nested = [], [], []
        for ch in _body_children(tc):
            if ch.tag == w("p"):
                para = self.para(ch)
                if para.lines:
                    first = f"{para.label} {para.lines[0]}" if para.label else para.lines[0]
                    lines.extend([first] + para.lines[1:])
                    bolds.append(para.bold)
            elif ch.tag == w("tbl"):
                nested.append(self.table(ch, index, nested=True))
        return Cell(text="\n".join(lines), row=r, col=col, colspan=span, bold=bool(bolds) and all(bolds),
                    prov=Provenance(file=self.file, table=index, row=r, col=col), tables=nested)


def _children(el, tag: str):
    """Direct children with a tag, looking through content controls (`w:sdt`) and custom XML."""
    for ch in el:
        if ch.tag == w(tag):
            yield ch
        elif ch.tag in (w("sdt"), w("customXml")):
            inner = ch.find(w("sdtContent")) if ch.tag == w("sdt") else ch
            if inner is not None:
                yield from _children(inner, tag)


def _body_children(el):
    """Paragraphs and tables of a body or a cell, in order, through content controls."""
    for ch in el:
        if ch.tag in (w("p"), w("tbl")):
            yield ch
        elif ch.tag in (w("sdt"), w("customXml")):
            inner = ch.find(w("sdtContent")) if ch.tag == w("sdt") else ch
            if inner is not None:
                yield from _body_children(inner)


def _open(data: bytes, file: str | None):
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    try:
        return docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ReadError(file, "corrupt", "the DOCX file is truncated or corrupt (not a valid ZIP archive)") from None
    except PackageNotFoundError:
        raise ReadError(file, "corrupt", "not a Word document (no DOCX package inside)") from None
    except KeyError as e:
        raise ReadError(file, "corrupt", f"the DOCX package is incomplete: missing part {e}") from None
    except Exception as e:  # lxml syntax errors, zlib errors of a truncated member, bad content types
        raise ReadError(file, "corrupt", f"the DOCX file is damaged: {type(e).__name__}: {e}") from None


def _part_root(doc, name: str):
    try:
        part = getattr(doc.part, name)
    except (KeyError, NotImplementedError, AttributeError):
        return None
    return part.element if part is not None else None


def read_docx(data: bytes, file: str | None = None) -> Layout:
    """Read a DOCX document (as bytes) into the layout model."""
    doc = _open(data, file)
    pages = Pages(doc.element.body)
    reader = _Reader(Numbering.from_xml(_part_root(doc, "numbering_part")),
                     Styles.from_xml(_part_root(doc, "_styles_part")), file, pages)
    blocks: list = []
    n_tables = 0
    try:
        for el in _body_children(doc.element.body):
            if el.tag == w("p"):
                blocks.extend(reader.paragraphs(el))
            else:
                blocks.append(reader.table(el, n_tables))
                n_tables += 1
    except (ValueError, TypeError) as e:
        raise ReadError(file, "corrupt", f"the DOCX document body is malformed: {e}") from None
    return Layout(blocks=blocks, file=file, format="docx", pages=pages.page)
