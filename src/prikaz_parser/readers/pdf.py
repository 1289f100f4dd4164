"""Reader for digital PDFs (with a text layer), built on pdfplumber.

Per page: tables are found by their ruling lines (`find_tables`, lines
strategy); the words of the page (one `extract_words` call) are dealt to the
table cells they fall in or, outside tables, grouped into lines and paragraphs
(`pdf_words`). Blocks come in page order by their top. Merged cells become an
origin cell with rowspan/colspan plus covered cells. A table at the top of a
page that continues the last table of the previous page (nothing between but
page numbers, same columns) is appended to it (`continuation`), the repeated
header dropped and a row cut by the page break rejoined, line by line.

A PDF without a usable text layer (none, or garbage: see `text_layer`) is handed to
the OCR reader when tesseract is installed; a PDF where only some pages lack one (a
scanned signed first page before a digital annex) has just those pages OCR'd and
merged in page order. Without tesseract the warning says "needs OCR" and what to install.
"""
from __future__ import annotations

import io
import re
import shutil
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from ..layout import Cell, Layout, Paragraph, Provenance, Table
from .continuation import append_segment, same_layout
from .errors import ReadError
from .pdf_words import BODY_RULES, Box, Line, Word, box_of, break_kind, group_lines, join_lines, vertical_gap
from .text_layer import text_layer_usable

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
MIN_CHARS_PER_PAGE = 10  # fewer characters than this: the page has no text layer
INSTALL_HINT = "OCR needs Tesseract with Russian data: apt-get install tesseract-ocr tesseract-ocr-rus"
_PAGE_NUMBER = re.compile(r"^(-\s*\d+\s*-|\d{1,4}|(стр\.?|страница)\s*\d+(\s*(из|/)\s*\d+)?)$", re.I)


@dataclass
class _CellLines:
    """Where a cell's text came from: its lines and its room, for rejoining a cut row."""
    lines: list[Line]
    box: Box


@dataclass
class _Page:
    number: int
    height: float
    items: list = field(default_factory=list)  # (top, Paragraph | Table), sorted
    lines: list[Line] = field(default_factory=list)  # text lines outside tables


# -- words ------------------------------------------------------------------------

def _spaces(page) -> dict[int, list[float]] | None:
    """Left edges of the page's space characters by rounded top (None: the PDF writes no spaces)."""
    out: dict[int, list[float]] = {}
    for c in page.chars:
        if c["text"] == " ":
            out.setdefault(round(c["top"]), []).append(c["x0"])
    return out or None


def _space_after(x1: float, top: float, spaces: dict[int, list[float]] | None) -> bool | None:
    if spaces is None:
        return None
    t = round(top)
    return any(abs(x - x1) < 1.5 for k in (t - 1, t, t + 1) for x in spaces.get(k, ()))


def _words(page) -> list[Word]:
    raw = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False)
    spaces = _spaces(page)
    return [Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w.get("size") or 12.0,
                 "bold" in (w.get("fontname") or "").lower(), _space_after(w["x1"], w["top"], spaces))
            for w in raw]


def _inside(w: Word, bbox) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]


# -- tables -----------------------------------------------------------------------

def _grid(table) -> tuple[list[float], list[float], list[list[tuple | None]]]:
    """Column lefts, row tops and the cell bboxes (None where a merge covers the position)."""
    rows = [list(r.cells) for r in table.rows]
    xs = sorted({c[0] for r in rows for c in r if c})
    tops = [min(c[1] for c in r if c) for r in rows]
    return xs, tops, rows


def _spans(bbox, xs: list[float], tops: list[float]) -> tuple[int, int]:
    eps = 0.5
    colspan = sum(1 for x in xs if bbox[0] - eps <= x < bbox[2] - eps)
    rowspan = sum(1 for t in tops if bbox[1] - eps <= t < bbox[3] - eps)
    return max(rowspan, 1), max(colspan, 1)


def _padding(words_by_cell: dict, rows) -> float:
    """Cell padding: the commonest gap between a cell's left edge and its first word
    (most cells are left-aligned; a centred cell or a wide first glyph must not decide)."""
    gaps = [round(min(w.x0 for w in ws) - rows[i][j][0], 1) for (i, j), ws in words_by_cell.items() if ws]
    gaps = [g for g in gaps if g >= 0]
    if not gaps:
        return 2.0
    return min(Counter(gaps).most_common(1)[0][0], 8.0)


def _build_table(table, words: list[Word], page_no: int, file: str | None,
                 side: dict[int, _CellLines]) -> Table:
    xs, tops, grid = _grid(table)
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for i, r in enumerate(grid):
        for j, c in enumerate(r):
            if c:
                rs, cs = _spans(c, xs, tops)
                for di in range(rs):
                    for dj in range(cs):
                        owner.setdefault((i + di, j + dj), (i, j))
    words_by_cell: dict[tuple[int, int], list[Word]] = {}
    for w in words:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        i, j = bisect_right(tops, cy) - 1, bisect_right(xs, cx) - 1
        key = owner.get((max(i, 0), max(j, 0)))
        if key:
            words_by_cell.setdefault(key, []).append(w)
    pad = _padding(words_by_cell, grid)
    rows: list[list[Cell]] = []
    for i, r in enumerate(grid):
        row: list[Cell] = []
        for j in range(len(xs)):
            c = r[j] if j < len(r) else None
            prov = Provenance(file=file, page=page_no, row=i, col=j)
            if c is None:
                origin = owner.get((i, j))
                ob = grid[origin[0]][origin[1]] if origin else None
                row.append(Cell(text="", row=i, col=j, covered=origin is not None, origin=origin,
                                prov=prov.at(bbox=tuple(ob) if ob else None)))
                continue
            rs, cs = _spans(c, xs, tops)
            ws = words_by_cell.get((i, j), [])
            lines = group_lines(ws)
            box = box_of(c, pad)
            cell = Cell(text=join_lines(lines, box), row=i, col=j, rowspan=rs, colspan=cs,
                        bold=bool(ws) and all(w.bold for w in ws), prov=prov.at(bbox=tuple(c)))
            side[id(cell)] = _CellLines(lines, box)
            row.append(cell)
        rows.append(row)
    return Table(index=-1, rows=rows, prov=Provenance(file=file, page=page_no, bbox=tuple(table.bbox)),
                 pages=[page_no])


# -- paragraphs -------------------------------------------------------------------

def _is_furniture(line: Line, height: float) -> bool:
    """A page number in the top or bottom margin."""
    near_edge = line.top < 0.1 * height or line.bottom > 0.9 * height
    return near_edge and bool(_PAGE_NUMBER.match(line.text.strip()))


def _paragraphs(lines: list[Line], box: Box, page_no: int, file: str | None) -> list[tuple[float, Paragraph, list[Line]]]:
    """Lines outside tables -> paragraphs: a new one where the break was the author's."""
    groups: list[list[Line]] = []
    for ln in lines:
        if groups and break_kind(groups[-1][-1], ln, box, BODY_RULES) != "para":
            groups[-1].append(ln)
        else:
            groups.append([ln])
    out = []
    for g in groups:
        text = join_lines(g, box).replace("\n", " ")
        words = [w for ln in g for w in ln.words]
        mid_left = (g[0].x0 - box.left)
        mid_right = (box.right - max(ln.x1 for ln in g))
        align = "center" if mid_left > 20 and abs(mid_left - mid_right) < 0.15 * box.width else None
        bbox = (min(ln.x0 for ln in g), g[0].top, max(ln.x1 for ln in g), g[-1].bottom)
        para = Paragraph(text=text, bold=all(w.bold for w in words), align=align,
                         prov=Provenance(file=file, page=page_no, bbox=bbox))
        out.append((g[0].top, para, g))
    return out


def _continues(prev: list[Line], nxt: list[Line], box: Box) -> bool:
    """The first paragraph of a page goes on with the last one of the previous page."""
    rules = [r for r in BODY_RULES if r is not vertical_gap]
    return break_kind(prev[-1], nxt[0], box, rules) != "para"


# -- pages ------------------------------------------------------------------------

def _read_page(page, page_no: int, file: str | None, side: dict) -> _Page:
    words = _words(page)
    found = page.find_tables(TABLE_SETTINGS)
    result = _Page(page_no, float(page.height))
    outside = []
    table_words: list[list[Word]] = [[] for _ in found]
    for w in words:
        for k, t in enumerate(found):
            if _inside(w, t.bbox):
                table_words[k].append(w)
                break
        else:
            outside.append(w)
    items = []
    for k, t in enumerate(found):
        items.append((t.bbox[1], _build_table(t, table_words[k], page_no, file, side)))
    result.lines = [ln for ln in group_lines(outside) if not _is_furniture(ln, result.height)]
    result.items = items
    return result


def _text_box(pages: list[_Page]) -> Box | None:
    """The text column of the whole document (a short last page must not narrow it)."""
    lines = [ln for pg in pages for ln in pg.lines]
    if not lines:
        return None
    return Box(min(ln.x0 for ln in lines), max(ln.x1 for ln in lines))


def _add_paragraphs(pages: list[_Page], file: str | None) -> None:
    box = _text_box(pages)
    for pg in pages:
        if pg.lines and box:
            pg.items.extend(_paragraphs(pg.lines, box, pg.number, file))
        pg.items.sort(key=lambda it: it[0])
    for prev, pg in zip(pages, pages[1:]):  # a paragraph running over a page break
        if prev.items and pg.items and len(prev.items[-1]) == 3 and len(pg.items[0]) == 3 \
                and _continues(prev.items[-1][2], pg.items[0][2], box):
            _, a, la = prev.items[-1]
            _, b, lb = pg.items.pop(0)
            a.text = join_lines(la + lb, box).replace("\n", " ")
            prev.items[-1] = (prev.items[-1][0], a, la + lb)


def _columns_match(a: Table, b: Table) -> bool:
    """Same column count and column edges within a few points."""
    if not same_layout(a, b):
        return False
    ea = [c.prov.bbox[0] for c in a.rows[-1] if c.prov.bbox and not c.covered]
    eb = [c.prov.bbox[0] for c in b.rows[0] if c.prov.bbox and not c.covered]
    return len(ea) != len(eb) or all(abs(x - y) <= 3.0 for x, y in zip(ea, eb))


def _join_cut_row(side: dict):
    """Rejoin a row cut by the page break cell by cell, treating the break as a line break."""
    def join(prev: list[Cell], row: list[Cell]) -> None:
        for p, c in zip(prev, row):
            if c.empty:
                continue
            a, b = side.get(id(p)), side.get(id(c))
            if a and b and a.lines and b.lines:
                box = Box(a.box.left, a.box.right)
                p.text = join_lines(a.lines + b.lines, box)
                side[id(p)] = _CellLines(a.lines + b.lines, box)
            else:
                from .continuation import join_cell_text
                p.text = join_cell_text(p.text, c.text)
    return join


def _set_index(t: Table, n: int) -> None:
    """Table t is the document's n-th (0-based): its index and every provenance say so."""
    t.index = t.prov.table = n
    for row in t.rows:
        for c in row:
            c.prov.table = n


def _assemble(pages: list[_Page], file: str | None, side: dict) -> list:
    blocks: list = []
    n_tables = 0
    last: Table | None = None
    for pg in pages:
        for n, (_, item, *_lines) in enumerate(pg.items):
            if isinstance(item, Paragraph):
                blocks.append(item)
                last = None
                continue
            if (n == 0 and last is not None and blocks and blocks[-1] is last
                    and last.pages[-1] == pg.number - 1 and _columns_match(last, item)):
                append_segment(last, item, _join_cut_row(side))
                continue
            _set_index(item, n_tables)
            n_tables += 1
            blocks.append(item)
            last = item
    return blocks


def _ranges(nums: list[int]) -> str:
    parts, start = [], None
    for k, n in enumerate(nums):
        if start is None:
            start = n
        if k + 1 == len(nums) or nums[k + 1] != n + 1:
            parts.append(str(start) if start == n else f"{start}-{n}")
            start = None
    return ", ".join(parts)


def _open(data: bytes, file: str | None):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pdf.pages  # noqa: B018  (parses the page tree: fails here on a broken file)
        return pdf
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ReadError(file, "encrypted", "the PDF is password-protected") from None
    except Exception as e:  # pdfminer raises many kinds on a damaged file
        if type(e).__name__ == "PdfminerException" and isinstance(e.args[0] if e.args else None,
                                                                  (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ReadError(file, "encrypted", "the PDF is password-protected") from None
        raise ReadError(file, "corrupt", f"the PDF is damaged or truncated ({type(e).__name__})") from None


def _ocr(data: bytes, file: str | None, pages: list[int] | None = None) -> Layout | None:
    """OCR of the whole PDF, or of some of its pages (1-based), when Tesseract is installed."""
    if not shutil.which("tesseract"):
        return None
    try:
        from .ocr import ocr_pdf  # type: ignore[attr-defined]
    except ImportError:
        return None
    return ocr_pdf(data, file, [p - 1 for p in pages] if pages else None)


def _block_page(b) -> int:
    return (b.pages[0] if isinstance(b, Table) and b.pages else b.prov.page) or 0


def _renumber_pages(blocks: list, numbers: list[int]) -> None:
    """Blocks OCR'd from a subset of pages: page k of the subset is page numbers[k - 1] of the PDF."""
    def page(k):
        return numbers[k - 1] if k and 0 < k <= len(numbers) else k
    for b in blocks:
        b.prov.page = page(b.prov.page)
        if isinstance(b, Table):
            b.pages = [page(k) for k in b.pages]
            for row in b.rows:
                for c in row:
                    c.prov.page = page(c.prov.page)


def merge_by_page(digital: list, scanned: list) -> list:
    """Blocks of the text-layer pages and of the OCR'd pages, in page order; tables renumbered."""
    blocks = sorted(digital + scanned, key=_block_page)  # stable: on one page, digital blocks first
    n = 0
    for b in blocks:
        if isinstance(b, Table):
            _set_index(b, n)
            n += 1
    return blocks


def read_pdf(data: bytes, file: str | None = None) -> Layout:
    """Read a digital PDF into the layout model."""
    pdf = _open(data, file)
    side: dict[int, _CellLines] = {}
    pages: list[_Page] = []
    no_text: list[int] = []
    try:
        n_pages = len(pdf.pages)
        for k, page in enumerate(pdf.pages, start=1):
            try:
                if len(page.chars) < MIN_CHARS_PER_PAGE or not text_layer_usable("".join(c["text"] for c in page.chars)):
                    no_text.append(k)
                    pages.append(_Page(k, float(page.height)))
                else:
                    pages.append(_read_page(page, k, file, side))
            finally:
                page.close()
    except ReadError:
        raise
    except Exception as e:
        raise ReadError(file, "corrupt", f"the PDF is damaged or truncated ({type(e).__name__}: {e})") from None
    finally:
        pdf.close()
    if n_pages and len(no_text) == n_pages:
        layout = _ocr(data, file)
        if layout is not None:
            return layout
        return Layout(blocks=[], file=file, format="pdf", pages=n_pages,
                      warnings=[f"needs OCR: no usable text layer on pages {_ranges(no_text)} ({INSTALL_HINT})"])
    _add_paragraphs(pages, file)
    layout = Layout(blocks=_assemble(pages, file, side), file=file, format="pdf", pages=n_pages)
    if no_text:  # a scanned page among digital ones (a signed first page, say): OCR just those
        scanned = _ocr(data, file, no_text)
        if scanned is None:
            layout.warnings.append(f"needs OCR: no usable text layer on pages {_ranges(no_text)} ({INSTALL_HINT})")
        else:
            _renumber_pages(scanned.blocks, no_text)
            layout.blocks = merge_by_page(layout.blocks, scanned.blocks)
            layout.ocr, layout.ocr_confidence = True, scanned.ocr_confidence
            layout.warnings.append(f"OCR used on pages {_ranges(no_text)} (no usable text layer)")
            layout.warnings.extend(scanned.warnings)
    return layout
