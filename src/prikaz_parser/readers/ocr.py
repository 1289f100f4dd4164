"""Scanned documents: page images -> the same layout model the PDF reader gives.

Per page (pages in parallel, one single-threaded Tesseract each, results cached
by page-image hash):

    clean_page      grey, stamps dropped, deskewed, binarised, de-speckled   (ocr_image)
    find_grids      ruling lines -> cell grids with merged cells             (ocr_grid)
    compose         rulings erased, each table column cut out and stacked
                    below the page, so no text line crosses a column         (ocr_compose)
    tesseract       one TSV call on that sheet; words moved back             (ocr_words)
    second looks    doubtful words ('[9.9)') re-read in one more call, or
                    named by a same-shaped confident word; cut words joined,
                    glued words split with the dictionary                     (ocr_fix)
    page_blocks     words -> cells by box centre; other lines -> paragraphs,
                    or tables by column alignment where there are no rulings

then tables continued across pages are joined (`continuation.append_continued`).

Entry points: `read_images(data, file)` for PNG/JPEG/TIFF (multi-page too) and
`ocr_pdf(data, file)` for PDFs without a usable text layer (`text_layer.text_layer_usable`).
Settings are module constants (`TESSERACT_CMD`, `DPI`, `LOW_CONFIDENCE` …).
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from ..layout import Block, Cell, Layout, Paragraph, Provenance, Table
from .continuation import append_continued, same_layout
from .errors import MissingTool, ReadError
from .ocr_compose import compose, place_back, plan_pieces
from .ocr_fix import match_shapes, reread, split_glued_words
from .ocr_grid import Grid, GridCell, erase_rulings, find_grids
from .ocr_image import clean_page, one_opencv_thread
from .ocr_words import (OcrWord, clean_words, column_runs, font_size, inside, mean_confidence, parse_tsv, run_rows,
                        run_tesseract, text_in_box, to_words)
from .pdf_words import Box, Line, break_kind, group_lines, join_lines

TESSERACT_CMD = os.environ.get("PRIKAZ_PARSER_TESSERACT", "tesseract")
LANG = "rus"
DPI = 200  # render / resample resolution: Tesseract's accuracy is flat above it, time is not
LOW_CONFIDENCE = 70.0  # a page whose mean word confidence is below this is flagged
CELL_PAD_PT = 5.4  # cell margin (0.19 cm, Word/LibreOffice default): the room lines are set in
COLUMN_MATCH = 0.03  # relative column boundaries this close: the same table layout
HEADER_SIMILARITY = 90  # rapidfuzz ratio: a first row this similar to the header repeats it
CACHE_VERSION = "ocr-9"
INSTALL_HINT = "OCR needs Tesseract with Russian data: apt-get install tesseract-ocr tesseract-ocr-rus"

_checked: dict[str, bool] = {}


# -- the tool -------------------------------------------------------------------

def check_tesseract(file: str | None) -> None:
    """Raise MissingTool unless `TESSERACT_CMD --list-langs` runs and lists LANG (asked once)."""
    key = f"{TESSERACT_CMD}:{LANG}:{shutil.which(TESSERACT_CMD)}"
    if key not in _checked:
        try:
            out = subprocess.run([TESSERACT_CMD, "--list-langs"], capture_output=True, timeout=30, check=False)
            langs = (out.stdout + out.stderr).decode("utf-8", "replace").split()
            _checked[key] = out.returncode == 0 and LANG in langs
        except (OSError, subprocess.SubprocessError):
            _checked[key] = False
    if not _checked[key]:
        raise MissingTool(file, "missing_tool", INSTALL_HINT)


def cache_dir() -> Path | None:
    """`$PRIKAZ_PARSER_CACHE/ocr` or ~/.cache/prikaz_parser/ocr; None when PRIKAZ_PARSER_CACHE is 'off'."""
    root = os.environ.get("PRIKAZ_PARSER_CACHE")
    if root == "off":
        return None
    return Path(root) / "ocr" if root else Path.home() / ".cache" / "prikaz_parser" / "ocr"


# -- one page ---------------------------------------------------------------------

@dataclass(slots=True)
class PageOcr:
    width: int
    height: int
    dpi: int
    angle: float
    words: list[OcrWord] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)

    @property
    def scale(self) -> float:
        """Pixels -> points."""
        return 72.0 / self.dpi

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, s: str) -> "PageOcr":
        d = json.loads(s)
        words = [OcrWord(**{**w, "line_id": tuple(w["line_id"])}) for w in d.pop("words")]
        grids = [Grid(tuple(g["box"]), g["ys"], g["xs"], [GridCell(**{**c, "box": tuple(c["box"])})
                                                          for c in g["cells"]]) for g in d.pop("grids")]
        return cls(**d, words=words, grids=grids)


def page_key(img: np.ndarray, dpi: int) -> str:
    h = hashlib.sha256(f"{CACHE_VERSION}:{LANG}:{dpi}:{img.shape}:".encode())
    h.update(np.ascontiguousarray(img).tobytes())
    return h.hexdigest()


def _encode_png(ink: np.ndarray) -> bytes:
    import cv2
    ok, buf = cv2.imencode(".png", 255 - ink, [cv2.IMWRITE_PNG_COMPRESSION, 1])
    return buf.tobytes()


def recognise_page(img: np.ndarray, dpi: int = DPI) -> PageOcr:
    """Clean, find the rulings, erase them and read the words (no cache)."""
    page = clean_page(img)
    grids, horiz, vert = find_grids(page.ink)
    pieces, size = plan_pieces(page.ink.shape, grids)
    ink = erase_rulings(page.ink, horiz, vert)
    words = place_back(parse_tsv(run_tesseract(_encode_png(compose(ink, grids, pieces, size)), TESSERACT_CMD,
                                               LANG, dpi)), pieces)
    words = split_glued_words(match_shapes(ink, reread(ink, words, TESSERACT_CMD, LANG, dpi)))
    h, w = page.grey.shape
    return PageOcr(w, h, dpi, page.angle, words, grids)


def ocr_page(img: np.ndarray, dpi: int = DPI) -> PageOcr:
    """`recognise_page` through the on-disk cache keyed by the page image's hash."""
    root = cache_dir()
    path = root / f"{page_key(img, dpi)}.json" if root else None
    if path is not None and path.exists():
        try:
            return PageOcr.from_json(path.read_text(encoding="utf-8"))
        except (ValueError, KeyError, TypeError):
            pass  # a damaged entry: recompute it
    result = recognise_page(img, dpi)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(result.to_json(), encoding="utf-8")
            tmp.replace(path)
        except OSError:
            pass  # a read-only cache only costs time
    return result


# -- page -> blocks ---------------------------------------------------------------

def grid_table(grid: Grid, words: Sequence[OcrWord], page_no: int, page: PageOcr, size: float,
               file: str | None) -> Table:
    """A ruled grid with the words whose centres fall in its cells -> a Table."""
    s, pad = page.scale, CELL_PAD_PT / page.scale
    rows = [[Cell(text="", row=r, col=c, prov=Provenance(file=file, page=page_no, row=r, col=c))
             for c in range(grid.n_cols)] for r in range(grid.n_rows)]
    for gc in grid.cells:
        x0, y0, x1, y1 = gc.box
        mine = [w for w in words if inside(w, gc.box)]
        cell = rows[gc.row][gc.col]
        cell.text = text_in_box(mine, x0 + pad, x1 - pad, s, size)
        cell.rowspan, cell.colspan = gc.rowspan, gc.colspan
        cell.prov.bbox = (x0 * s, y0 * s, x1 * s, y1 * s)
        for r in range(gc.row, gc.row + gc.rowspan):
            for c in range(gc.col, gc.col + gc.colspan):
                if (r, c) != (gc.row, gc.col):
                    rows[r][c].covered, rows[r][c].origin = True, (gc.row, gc.col)
                    rows[r][c].prov.bbox = cell.prov.bbox
    x0, y0, x1, y1 = grid.box
    return Table(index=-1, rows=rows, pages=[page_no],
                 prov=Provenance(file=file, page=page_no, bbox=(x0 * s, y0 * s, x1 * s, y1 * s)))


def _bbox(lines: Sequence[Line]) -> tuple[float, float, float, float]:
    return (min(ln.x0 for ln in lines), min(ln.top for ln in lines),
            max(ln.x1 for ln in lines), max(ln.bottom for ln in lines))


def _align(lines: Sequence[Line], box: Box) -> str | None:
    left = min(ln.x0 for ln in lines) - box.left
    right = box.right - max(ln.x1 for ln in lines)
    if left > 0.15 * box.width and abs(left - right) < 0.1 * box.width:
        return "center"
    if left > 0.4 * box.width and right < 0.05 * box.width:
        return "right"
    return None


def text_blocks(lines: list[Line], box: Box, page_no: int, size: float, file: str | None) -> list[tuple[float, Block]]:
    """Lines outside ruled tables -> aligned-column tables and paragraphs, with their tops."""
    out: list[tuple[float, Block]] = []
    runs = column_runs(lines, box.width, size)
    taken: set[int] = set()
    for i, j, cols in runs:
        tol = 0.02 * box.width
        texts = run_rows(lines[i:j], cols, size, tol)
        rows = [[Cell(text=t, row=r, col=c, prov=Provenance(file=file, page=page_no, row=r, col=c))
                 for c, t in enumerate(row)] for r, row in enumerate(texts)]
        out.append((lines[i].top, Table(index=-1, rows=rows, pages=[page_no],
                                        prov=Provenance(file=file, page=page_no, bbox=_bbox(lines[i:j])))))
        taken.update(range(i, j))
    group: list[Line] = []

    def flush() -> None:
        if group:
            text = join_lines(group, box)
            for part in text.split("\n"):  # join_lines already split paragraphs; keep one per part
                if part.strip():
                    out.append((group[0].top, Paragraph(text=part.strip(), align=_align(group, box),
                                                        prov=Provenance(file=file, page=page_no, bbox=_bbox(group)))))
            group.clear()

    for k, ln in enumerate(lines):
        if k in taken:
            flush()
            continue
        if group and break_kind(group[-1], ln, box) == "para":
            flush()
        group.append(ln)
    flush()
    return out


def page_blocks(page: PageOcr, page_no: int, file: str | None) -> list[Block]:
    """Tables and paragraphs of one page, top to bottom."""
    s = page.scale
    size = font_size(page.words, s)
    items: list[tuple[float, Block]] = []
    page.words = clean_words(page.words, [c.box for g in page.grids for c in g.cells])
    free = list(page.words)
    for grid in page.grids:
        items.append((grid.box[1] * s, grid_table(grid, page.words, page_no, page, size, file)))
        free = [w for w in free if not inside(w, grid.box)]
    lines = group_lines(to_words(free, s, size))
    if lines:
        box = Box(min(ln.x0 for ln in lines), max(ln.x1 for ln in lines))
        segments: list[list[Line]] = [[]]
        tops = sorted(g.box[1] * s for g in page.grids)
        for ln in lines:  # a ruled table between two lines ends a text segment
            if segments[-1] and any(segments[-1][-1].top < t < ln.top for t in tops):
                segments.append([])
            segments[-1].append(ln)
        for seg in segments:
            items.extend(text_blocks(seg, box, page_no, size, file))
    items.sort(key=lambda it: it[0])
    return [b for _, b in items]


# -- pages -> layout ----------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^[-–—\s]*\d{1,3}[-–—\s]*$")


def _columns(t: Table) -> list[float]:
    """Relative x positions of the column boundaries (from the first row's cell boxes)."""
    if not t.prov.bbox:
        return []
    x0, _, x1, _ = t.prov.bbox
    w = max(x1 - x0, 1.0)
    bounds = []
    for row in t.rows:
        for c in row:
            if c.colspan == 1 and not c.covered and c.prov.bbox:
                bounds.append((c.col, (c.prov.bbox[0] - x0) / w))
    cols: dict[int, float] = {}
    for col, x in bounds:
        cols.setdefault(col, x)
    return [cols[k] for k in sorted(cols)]


def continues(a: Table, b: Table) -> bool:
    """Table b (at the top of a page) continues table a (at the bottom of the previous one)."""
    if not same_layout(a, b):
        return False
    ca, cb = _columns(a), _columns(b)
    return len(ca) != len(cb) or all(abs(x - y) <= COLUMN_MATCH for x, y in zip(ca, cb))


def _unify_header(a: Table, b: Table) -> None:
    """A first row that OCR read slightly differently from a's header still repeats it."""
    if not a.rows or not b.rows or len(a.rows[0]) != len(b.rows[0]):
        return
    from rapidfuzz import fuzz
    ta = " | ".join(c.text for c in a.rows[0])
    tb = " | ".join(c.text for c in b.rows[0])
    if ta.strip() and fuzz.ratio(ta, tb) >= HEADER_SIMILARITY:
        for ca, cb in zip(a.rows[0], b.rows[0]):
            cb.text = ca.text


def join_pages(pages: list[list[Block]]) -> list[Block]:
    """Blocks of all pages, with a table continued at the top of the next page joined."""
    blocks: list[Block] = []
    for page in pages:
        page = [b for b in page if not (isinstance(b, Paragraph) and _PAGE_NUMBER.match(b.text))]
        if page and blocks and isinstance(page[0], Table) and isinstance(blocks[-1], Table) \
                and continues(blocks[-1], page[0]):
            _unify_header(blocks[-1], page[0])
            append_continued(blocks[-1], page[0])
            page = page[1:]
        blocks.extend(page)
    index = 0
    for b in blocks:
        if isinstance(b, Table):
            b.index = b.prov.table = index
            for i, row in enumerate(b.rows):
                for c in row:
                    c.row = i
                    c.prov = c.prov.at(table=index, row=i)
            index += 1
    return blocks


def build_layout(results: list[PageOcr], file: str | None, fmt: str) -> Layout:
    pages = [page_blocks(p, i + 1, file) for i, p in enumerate(results)]
    conf = [mean_confidence(p.words) for p in results]
    warnings = [f"page {i + 1}: low OCR confidence {c:.0f}/100 (check the scan)"
                for i, c in enumerate(conf) if c < LOW_CONFIDENCE]
    warnings += [f"page {i + 1}: no text recognised" for i, p in enumerate(results) if not p.words]
    return Layout(blocks=join_pages(pages), file=file, format=fmt, pages=len(results), ocr=True,
                  ocr_confidence=conf, warnings=warnings)


def ocr_images(images: Sequence[np.ndarray], file: str | None, dpi: int = DPI, fmt: str = "image") -> Layout:
    """OCR page images in parallel (one Tesseract process per core) into one Layout."""
    check_tesseract(file)
    workers = max(1, min(os.cpu_count() or 1, len(images)))
    with one_opencv_thread(), ThreadPoolExecutor(workers) as pool:  # Tesseract and OpenCV run outside the GIL
        results = list(pool.map(lambda im: ocr_page(im, dpi), images))
    return build_layout(results, file, fmt)


# -- inputs -------------------------------------------------------------------------

def image_pages(data: bytes, file: str | None = None) -> list[tuple[np.ndarray, int]]:
    """Every frame of a PNG/JPEG/TIFF as (array, dpi), resampled to DPI when finer."""
    from PIL import Image, ImageSequence, UnidentifiedImageError
    try:
        img = Image.open(io.BytesIO(data))
        frames = []
        for frame in ImageSequence.Iterator(img):
            dpi = int(round((frame.info.get("dpi") or (DPI, DPI))[0])) or DPI
            f = frame.convert("RGB") if frame.mode not in ("L", "RGB") else frame.copy()
            if dpi > DPI * 1.25:
                f = f.resize((round(f.width * DPI / dpi), round(f.height * DPI / dpi)), Image.LANCZOS)
                dpi = DPI
            frames.append((np.asarray(f), max(dpi, 72)))
    except (UnidentifiedImageError, OSError, SyntaxError) as e:
        raise ReadError(file, "corrupt", f"the image cannot be decoded: {e}") from None
    if not frames:
        raise ReadError(file, "empty", "the image has no pages")
    return frames


def read_images(data: bytes, file: str | None = None) -> Layout:
    """A PNG, JPEG or (multi-page) TIFF scan -> Layout."""
    frames = image_pages(data, file)
    check_tesseract(file)
    dpis = {d for _, d in frames}
    dpi = dpis.pop() if len(dpis) == 1 else DPI
    return ocr_images([f for f, _ in frames], file, dpi, "image")


def render_pdf(data: bytes, file: str | None = None, pages: Sequence[int] | None = None,
               dpi: int = DPI) -> list[np.ndarray]:
    """PDF pages (0-based indices; all by default) rendered grey at `dpi` with pypdfium2."""
    import pypdfium2 as pdfium
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise ReadError(file, "corrupt", f"the PDF cannot be opened: {e}") from None
    try:
        idx = range(len(doc)) if pages is None else pages
        return [doc[i].render(scale=dpi / 72, grayscale=True).to_numpy().squeeze() for i in idx]
    finally:
        doc.close()


def ocr_pdf(data: bytes, file: str | None = None, pages: Sequence[int] | None = None) -> Layout:
    """A PDF without a usable text layer -> Layout (pages: 0-based subset, default all)."""
    check_tesseract(file)
    return ocr_images(render_pdf(data, file, pages), file, DPI, "pdf")
