"""OCR reader: page clean-up, ruling grids, Tesseract words -> tables, pages joined, missing tool.

Page images are drawn here with Pillow (a ruled table in Liberation Serif at
200 dpi), small crops so that each Tesseract call stays well under a second.
OCR results are cached in a per-session directory.
"""
from __future__ import annotations

import io
import shutil

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from rapidfuzz import fuzz

from prikaz_parser.layout import Paragraph, Table
from prikaz_parser.readers import MissingTool, read
from prikaz_parser.readers import ocr
from prikaz_parser.readers.ocr_grid import find_grids
from prikaz_parser.readers.ocr_image import despeckle, estimate_skew, rotate

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
HAS_TESSERACT = shutil.which("tesseract") is not None
needs_tesseract = pytest.mark.skipif(not HAS_TESSERACT, reason="tesseract not installed")

HEADER = ["№", "Мероприятие", "Срок", "Ответственные"]
ROWS = [
    ["1.", "Разработка дорожной карты", "Январь 2023", "УО"],
    ["2.", "Мониторинг результатов", "Ежеквартально", "МКУ ЦРО"],
    ["3.", "Проведение семинаров", "Май 2023", "Директора школ"],
]
WIDTHS = [70, 420, 260, 300]
ROW_H = 56


@pytest.fixture(autouse=True)
def _cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("PRIKAZ_PARSER_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


def draw_table(rows: list[list[str]], merged_title: str | None = None, title: str | None = None) -> Image.Image:
    """A white page crop with a ruled table (optionally a title above and a merged section row)."""
    font = ImageFont.truetype(FONT, 33)  # 12 pt at 200 dpi
    top = 110 if title else 40
    n = len(rows) + (1 if merged_title else 0)
    img = Image.new("L", (sum(WIDTHS) + 80, top + n * ROW_H + 60), 255)
    d = ImageDraw.Draw(img)
    if title:
        d.text((40, 35), title, font=font, fill=0)
    x0, x1 = 40, 40 + sum(WIDTHS)
    y = top
    all_rows = list(rows)
    if merged_title:
        all_rows.insert(1, [merged_title])
    for r in all_rows:
        d.line([(x0, y), (x1, y)], fill=0, width=3)
        x = x0
        for k, text in enumerate(r):
            d.text((x + 12, y + 10), text, font=font, fill=0)
            x += WIDTHS[k]
            if len(r) > 1 or k == len(WIDTHS) - 1:
                d.line([(x, y), (x, y + ROW_H)], fill=0, width=3)
        d.line([(x0, y), (x0, y + ROW_H)], fill=0, width=3)
        if len(r) == 1:
            d.line([(x1, y), (x1, y + ROW_H)], fill=0, width=3)
        y += ROW_H
    d.line([(x0, y), (x1, y)], fill=0, width=3)
    return img


def degrade(img: Image.Image, angle: float, noise: float, seed: int = 1) -> Image.Image:
    rng = np.random.default_rng(seed)
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    a = np.asarray(img, dtype=np.float32) * 0.9 + 12  # grey paper
    a += rng.normal(0, noise, a.shape)
    specks = rng.random(a.shape) < 0.0005
    a[specks] = 60
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def png(img: Image.Image, dpi: int = 200) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG", dpi=(dpi, dpi))
    return buf.getvalue()


def tiff(pages: list[Image.Image]) -> bytes:
    buf = io.BytesIO()
    pages[0].save(buf, "TIFF", save_all=True, append_images=pages[1:], dpi=(200, 200))
    return buf.getvalue()


def similar(a: str, b: str) -> float:
    return fuzz.ratio(" ".join(a.split()), " ".join(b.split()))


# -- clean-up and grid, no Tesseract -------------------------------------------------

@pytest.mark.parametrize("angle", [-3.0, -1.2, 0.0, 0.8, 2.5])
def test_skew_is_found(angle):
    grey = np.asarray(degrade(draw_table([HEADER] + ROWS), angle, 4.0))
    assert abs(estimate_skew(grey) + angle) < 0.25


def test_despeckle_removes_isolated_dots_only():
    ink = np.zeros((60, 60), np.uint8)
    ink[5, 5] = 255  # a speck
    ink[20:30, 20:24] = 255  # a stroke
    out = despeckle(ink)
    assert out[5, 5] == 0 and out[20:30, 20:24].all()


@pytest.mark.parametrize("merged, shape, spans", [
    (None, (4, 4), []),
    ("Раздел I. Организационные мероприятия", (5, 4), [(1, 0, 1, 4)]),
])
def test_grid_with_merged_cells(merged, shape, spans):
    from prikaz_parser.readers.ocr_image import clean_page
    page = clean_page(np.asarray(degrade(draw_table([HEADER] + ROWS, merged), 1.0, 3.0)))
    grids, _, _ = find_grids(page.ink)
    assert len(grids) == 1
    assert (grids[0].n_rows, grids[0].n_cols) == shape
    assert [(c.row, c.col, c.rowspan, c.colspan) for c in grids[0].cells
            if c.rowspan > 1 or c.colspan > 1] == spans


# -- is a PDF text layer usable? -------------------------------------------------------

@pytest.mark.parametrize("text, verdict", [
    ("ПРИКАЗ от 22.03.2023 № 210 О работе со школами, имеющими низкие результаты", None),
    ("", "too_little_text"),
    ("12 3", "too_little_text"),
    ("(cid:12)(cid:13)(cid:14) (cid:15)(cid:16) " * 5 + "Приказ о работе со школами района", "unmapped_glyphs"),
    ("Ïðèêàç î ðàáîòå ñî øêîëàìè, èìåþùèìè íèçêèå ðåçóëüòàòû", "mojibake"),
    ("П р и к а з о р а б о т е с о ш к о л а м и и м е ю щ и м и", "no_words"),
])
def test_text_layer_verdict(text, verdict):
    assert ocr.explain_text_layer(text) == verdict


# -- OCR ------------------------------------------------------------------------------

@needs_tesseract
@pytest.mark.parametrize("angle, noise", [(1.5, 6.0), (-2.5, 10.0)])
def test_rotated_noisy_table_is_read_cell_by_cell(angle, noise):
    img = degrade(draw_table([HEADER] + ROWS, title="ПРИКАЗ № 210"), angle, noise)
    layout = read(png(img), "png")
    assert layout.ocr and layout.format == "image" and len(layout.ocr_confidence) == 1
    tables = [b for b in layout.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    got = tables[0].texts()
    assert len(got) == 4 and all(len(r) == 4 for r in got)
    for g_row, e_row in zip(got, [HEADER] + ROWS):
        for g, e in zip(g_row, e_row):
            assert similar(g, e) >= 85, (g, e)
    first = layout.blocks[0]
    assert isinstance(first, Paragraph) and similar(first.text, "ПРИКАЗ № 210") >= 80
    cell = tables[0].rows[1][1]
    assert cell.prov.page == 1 and cell.prov.bbox and cell.prov.table == 0


@needs_tesseract
def test_merged_section_row_spans_the_table():
    img = degrade(draw_table([HEADER] + ROWS, "Раздел I. Организационные мероприятия"), 1.0, 4.0)
    t = next(b for b in read(png(img)).blocks if isinstance(b, Table))
    section = t.rows[1]
    assert section[0].colspan == 4 and similar(section[0].text, "Раздел I. Организационные мероприятия") >= 85
    assert all(c.covered and c.origin == (1, 0) for c in section[1:])


@needs_tesseract
def test_table_cut_across_pages_is_joined():
    """Page 2 repeats the header and continues the table: one table of 4 rows on pages 1-2."""
    page1 = degrade(draw_table([HEADER] + ROWS[:2]), 0.7, 5.0, seed=2)
    page2 = degrade(draw_table([HEADER] + ROWS[2:]), -0.9, 5.0, seed=3)
    layout = read(tiff([page1, page2]), "tiff")
    tables = [b for b in layout.blocks if isinstance(b, Table)]
    assert len(tables) == 1 and tables[0].pages == [1, 2]
    assert len(tables[0].rows) == 4
    assert similar(tables[0].rows[3][1].text, ROWS[2][1]) >= 85
    assert [c.row for c in tables[0].rows[3]] == [3, 3, 3, 3]
    assert layout.pages == 2 and len(layout.ocr_confidence) == 2


@needs_tesseract
def test_columns_without_rulings_become_a_table():
    font = ImageFont.truetype(FONT, 33)
    img = Image.new("L", (1200, 330), 255)
    d = ImageDraw.Draw(img)
    for i, (a, b, c) in enumerate([("Школа", "Балл", "Цель"), ("СОШ № 1", "63", "70"),
                                   ("СОШ № 5", "58", "65"), ("Лицей № 2", "71", "75")]):
        for x, t in zip((60, 560, 900), (a, b, c)):
            d.text((x, 40 + i * 65), t, font=font, fill=0)
    layout = read(png(img))
    tables = [b for b in layout.blocks if isinstance(b, Table)]
    assert len(tables) == 1 and tables[0].n_cols == 3 and len(tables[0].rows) == 4
    assert [c.text for c in tables[0].rows[2]][1:] == ["58", "65"]
    assert similar(tables[0].rows[2][0].text, "СОШ № 5") >= 85


@needs_tesseract
def test_rerun_comes_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PRIKAZ_PARSER_CACHE", str(tmp_path))
    data = png(degrade(draw_table([HEADER] + ROWS[:1]), 0.5, 3.0, seed=9))
    first = read(data)
    assert len(list((tmp_path / "ocr").glob("*.json"))) == 1
    langs_only = tmp_path / "tesseract-langs-only"  # lists its languages, reads nothing
    langs_only.write_text('#!/bin/sh\n[ "$1" = --list-langs ] && exec tesseract --list-langs\nexit 1\n')
    langs_only.chmod(0o755)
    monkeypatch.setattr(ocr, "TESSERACT_CMD", str(langs_only))
    assert read(data).text() == first.text()


# -- missing Tesseract ---------------------------------------------------------------

def test_missing_tesseract_command_is_reported(monkeypatch):
    monkeypatch.setattr(ocr, "TESSERACT_CMD", "/nonexistent/tesseract")
    with pytest.raises(MissingTool) as e:
        read(png(draw_table([HEADER])), file="scan.png")
    assert e.value.reason == "missing_tool" and "tesseract-ocr-rus" in e.value.detail
    assert e.value.path == "scan.png"


def test_tesseract_not_on_path_is_reported(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(ocr, "TESSERACT_CMD", "tesseract")
    with pytest.raises(MissingTool):
        ocr.ocr_pdf(b"%PDF-1.4 not really", "x.pdf")
