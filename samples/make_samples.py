"""Build the sample renderings of the seed documents: DOCX, digital PDF, scanned PDF.

For each seed `samples/<stem>.txt` (read with the TXT reader):
  <stem>.docx      python-docx: paragraphs (bold kept), Word tables ("Table Grid"),
                   cell paragraphs as Word paragraphs, section rows (only the first
                   cell filled) merged across the row; Times New Roman 12 pt, A4.
  <stem>.pdf       LibreOffice's PDF of that DOCX.
  <stem>.scan.pdf  each PDF page rasterised at 200 dpi, grey, slightly rotated,
                   lightly noised, JPEG-compressed, as an image-only PDF.
Everything random is seeded, so a rerun gives the same pages.

    .venv/bin/python samples/make_samples.py [--only docx,pdf,scan] [STEM ...]
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

import numpy as np  # noqa: E402
from docx import Document  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Cm, Pt  # noqa: E402
from PIL import Image, ImageFilter  # noqa: E402

from prikaz_parser.layout import Layout, Paragraph, Table  # noqa: E402
from prikaz_parser.readers.legacy import convert  # noqa: E402
from prikaz_parser.readers.text import read_text  # noqa: E402

FONT = "Times New Roman"
PAGE_W, PAGE_H = Cm(21.0), Cm(29.7)
MARGIN_L, MARGIN_R, MARGIN_TB = Cm(2.5), Cm(1.5), Cm(2.0)
FIXED_DATE = datetime(2024, 1, 1)
SCAN_DPI = 200
JPEG_QUALITY = 45


# ---------------------------------------------------------------- DOCX

def is_section_row(texts: list[str]) -> bool:
    """Only the first cell is filled: a section heading row, merged across the table."""
    return len(texts) > 1 and bool(texts[0].strip()) and not any(t.strip() for t in texts[1:])


def column_widths(table: Table, total: int) -> list[int]:
    """Widths (EMU): each column fits a word of up to 10 letters, the rest of the
    width goes by a damped typical text length (long words still wrap, as in real orders)."""
    n = table.n_cols
    char = Cm(0.2)
    mins, weights = [], []
    for col in range(n):
        texts = [r[col].text for r in table.rows
                 if col < len(r) and not is_section_row([c.text for c in r])]
        longest_word = max((len(w) for t in texts for w in t.split()), default=3)
        mins.append(min(longest_word, 10) * char + Cm(0.2))
        weights.append((sum(len(t) for t in texts) / max(len(texts), 1)) ** 0.8 + 1)
    spare = max(total - sum(mins), 0)
    return [int(m + spare * w / sum(weights)) for m, w in zip(mins, weights)]


def _style_document(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    sec = doc.sections[0]
    sec.page_width, sec.page_height = PAGE_W, PAGE_H
    sec.left_margin, sec.right_margin = MARGIN_L, MARGIN_R
    sec.top_margin = sec.bottom_margin = MARGIN_TB
    cp = doc.core_properties
    cp.created = cp.modified = FIXED_DATE
    cp.author = cp.last_modified_by = "prikaz_parser samples"
    cp.revision = 1


def _fill(paragraph, text: str, bold: bool) -> None:
    run = paragraph.add_run(text)
    run.bold = bold or None


def _mark_header_row(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    trpr.append(el)


def add_table(doc, table: Table, width: int) -> None:
    n = table.n_cols
    t = doc.add_table(rows=len(table.rows), cols=n)
    t.style = doc.styles["Table Grid"]
    t.autofit = False
    widths = column_widths(table, width)
    for i, w in enumerate(widths):
        t.columns[i].width = w
    for i, src in enumerate(table.rows):
        row = t.rows[i]
        for j, w in enumerate(widths):
            row.cells[j].width = w
        texts = [c.text for c in src]
        if is_section_row(texts):
            merged = row.cells[0].merge(row.cells[n - 1])
            cells = [(merged, src[0])]
        else:
            cells = [(row.cells[j], src[j]) for j in range(min(n, len(src)))]
        for cell, c in cells:
            paras = c.text.split("\n") if c.text else []
            for k, ptext in enumerate(paras):
                p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                _fill(p, ptext, c.bold or is_section_row(texts))
    if len(table.rows) > 1:
        _mark_header_row(t.rows[0])


def build_docx(layout: Layout):
    doc = Document()
    _style_document(doc)
    width = PAGE_W - MARGIN_L - MARGIN_R
    for b in layout.blocks:
        if isinstance(b, Paragraph):
            p = doc.add_paragraph()
            _fill(p, b.full_text, b.bold)
            if b.heading:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            add_table(doc, b, width)
            doc.add_paragraph()  # Word needs a paragraph between adjacent tables
    return doc


def make_docx(seed: Path) -> Path:
    layout = read_text(seed.read_text(encoding="utf-8"), str(seed))
    out = seed.with_suffix(".docx")
    build_docx(layout).save(out)
    return out


# ---------------------------------------------------------------- PDF

def make_pdf(docx: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        out = convert(docx, "pdf", tmp)
        target = docx.with_suffix(".pdf")
        target.write_bytes(out.read_bytes())
    return target


# ---------------------------------------------------------------- scan

def _rng(stem: str, page: int) -> np.random.Generator:
    digest = hashlib.sha256(f"{stem}:{page}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "big"))


def degrade(img: Image.Image, rng: np.random.Generator) -> Image.Image:
    """Grey, slightly rotated and blurred, paper tone a little uneven, ink noisy, a few specks."""
    img = img.convert("L")
    angle = float(rng.uniform(0.7, 1.5)) * (1 if rng.random() < 0.5 else -1)
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    a = np.asarray(img, dtype=np.float32)
    ink = a < 225
    h, w = a.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    shade = 5 * np.sin(xx / w * np.pi * rng.uniform(0.5, 1.5) + rng.uniform(0, 6)) \
        * np.cos(yy / h * np.pi * rng.uniform(0.5, 1.5))
    a = a * 0.88 + 14 + shade  # paper is not white, ink is not black
    a[ink] += rng.normal(0.0, 8.0, int(ink.sum())).astype(np.float32)
    specks = rng.random(a.shape) < 0.0001
    a[specks] = rng.uniform(60, 160, int(specks.sum()))
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def make_scan(pdf: Path) -> Path:
    import pypdfium2 as pdfium
    stem = pdf.name[: -len(".pdf")]
    doc = pdfium.PdfDocument(str(pdf))
    pages = []
    for i in range(len(doc)):
        bitmap = doc[i].render(scale=SCAN_DPI / 72, grayscale=True)
        pages.append(degrade(bitmap.to_pil(), _rng(stem, i)))
    doc.close()
    out = pdf.with_name(f"{stem}.scan.pdf")
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=SCAN_DPI,
                  quality=JPEG_QUALITY, optimize=True, title=f"{stem} (scan)", creationDate=FIXED_DATE.timetuple(), modDate=FIXED_DATE.timetuple())
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("stems", nargs="*", help="seed stems (default: every samples/*.txt)")
    ap.add_argument("--only", default="docx,pdf,scan", help="steps to run, comma-separated")
    args = ap.parse_args(argv)
    steps = set(args.only.split(","))
    seeds = [HERE / f"{s}.txt" for s in args.stems] or sorted(HERE.glob("*.txt"))
    for seed in seeds:
        docx = make_docx(seed) if "docx" in steps else seed.with_suffix(".docx")
        pdf = make_pdf(docx) if "pdf" in steps else seed.with_suffix(".pdf")
        parts = [docx.name, pdf.name]
        if "scan" in steps:
            parts.append(make_scan(pdf).name)
        print(" ".join(parts), flush=True)


if __name__ == "__main__":
    main()
