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
from prikaz_parser.readers.text_layer import explain_text_layer
from prikaz_parser.readers.ocr_grid import GridCell, drop_unused_lines, find_grids
from prikaz_parser.readers.ocr_compose import compose, place_back, plan_pieces
from prikaz_parser.readers.ocr_fix import better_reading, explain_doubt, join_broken, match_shapes, split_glued
from prikaz_parser.readers.ocr_grid import Grid
from prikaz_parser.readers.ocr_image import despeckle, estimate_skew
from prikaz_parser.readers.ocr_words import OcrWord

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


def _cells(spec):
    return [GridCell(r, c, rs, cs, (c, r, c + cs, r + rs)) for r, c, rs, cs in spec]


@pytest.mark.parametrize("ys, xs, spec, want_ys, want_xs, want", [
    # a run under a bold header word added line 20: the header spans it, no cell starts there
    ([0, 20, 60, 100], [0, 50, 100], [(0, 0, 2, 1), (0, 1, 2, 1), (2, 0, 1, 1), (2, 1, 1, 1)],
     [0, 60, 100], [0, 50, 100], [(0, 0, 1, 1), (0, 1, 1, 1), (1, 0, 1, 1), (1, 1, 1, 1)]),
    # a stray vertical run: every row spans the middle line
    ([0, 40, 80], [0, 30, 60, 100], [(0, 0, 1, 2), (0, 2, 1, 1), (1, 0, 1, 2), (1, 2, 1, 1)],
     [0, 40, 80], [0, 60, 100], [(0, 0, 1, 1), (0, 1, 1, 1), (1, 0, 1, 1), (1, 1, 1, 1)]),
    # a real merge (section row) keeps its lines: other rows start cells there
    ([0, 40, 80], [0, 50, 100], [(0, 0, 1, 2), (1, 0, 1, 1), (1, 1, 1, 1)],
     [0, 40, 80], [0, 50, 100], [(0, 0, 1, 2), (1, 0, 1, 1), (1, 1, 1, 1)]),
])
def test_lines_bounding_no_cell_are_dropped(ys, xs, spec, want_ys, want_xs, want):
    got_ys, got_xs, cells = drop_unused_lines(ys, xs, _cells(spec))
    assert (got_ys, got_xs) == (want_ys, want_xs)
    assert [(c.row, c.col, c.rowspan, c.colspan) for c in cells] == want


def test_bold_header_run_adds_no_empty_row():
    """A 70-px run of ink inside a header cell (bold word bottoms) is no ruling: 4 rows, not 5."""
    from prikaz_parser.readers.ocr_image import clean_page
    img = draw_table([HEADER] + ROWS)
    ImageDraw.Draw(img).rectangle([(900, 80), (970, 83)], fill=0)
    page = clean_page(np.asarray(degrade(img, 0.8, 3.0)))
    grids, _, _ = find_grids(page.ink)
    assert (grids[0].n_rows, grids[0].n_cols) == (4, 4)
    assert all(c.rowspan == 1 and c.colspan == 1 for c in grids[0].cells)


def test_sheet_stacks_columns_and_words_go_back():
    """Each table column is a strip below the page; a word read on a strip returns to its cell."""
    ink = np.zeros((200, 300), np.uint8)
    ink[160:170, 210:240] = 255  # a word in cell (1, 1)
    grid = Grid((100, 100, 300, 200), [100, 150, 200], [100, 200, 300],
                [GridCell(r, c, 1, 1, (100 + 100 * c, 100 + 50 * r, 200 + 100 * c, 150 + 50 * r))
                 for r in range(2) for c in range(2)])
    pieces, size = plan_pieces(ink.shape, [grid])
    sheet = compose(ink, [grid], pieces, size)
    assert sheet[:200].sum() == 0  # the table is blanked on the page
    ys, xs = np.nonzero(sheet)
    assert ys.min() > 200 and len(ys) == 300  # the word sits once, on a strip below the page
    w = OcrWord("ОО", int(xs.min()), int(ys.min()), 30, 10, 90.0)
    back = place_back([w], pieces)
    assert (back[0].left, back[0].top) == (210, 160)


@pytest.mark.parametrize("text, conf, rule", [
    ("[9.9)", 0.0, "has_symbols"),
    ("{0.0}", 12.0, "has_symbols"),
    ("00", 87.0, "zeros_only"),
    ("помощи", 8.0, None),  # a low confidence alone: read alone it would lose its case
    ("ОО", 92.0, None),
    ("70,0", 90.0, None),
    ("(планов)", 96.0, None),  # a word in brackets
    ("Информационно-методический", 20.0, None),  # long words are read in context
])
def test_doubtful_words(text, conf, rule):
    assert explain_doubt(OcrWord(text, 0, 0, 10, 10, conf)) == rule


@pytest.mark.parametrize("old, old_conf, new, new_conf, taken", [
    ("[9.9)", 0.0, "ОО", 68.0, True),
    ("00", 87.0, "ОО", 71.0, True),  # letters where zeros stood
    ("00", 87.0, "00", 90.0, False),  # the same reading
    ("[9.9)", 0.0, "[0.0", 28.0, False),  # still symbols
    ("Об", 60.0, "06", 80.0, False),  # letters never turn to digits
    ("(планов)", 96.0, "планов", 60.0, False),  # less confident
    ("{0.0}", 0.0, "ОО", 20.0, False),  # too unsure
])
def test_reread_is_taken_when_better(old, old_conf, new, new_conf, taken):
    assert better_reading(OcrWord(old, 0, 0, 10, 10, old_conf), new, new_conf) is taken


@pytest.mark.parametrize("texts, want", [
    (["ежекварт", "ально"], ["ежеквартально"]),
    (["Ежекварт", "ально,"], ["Ежеквартально,"]),
    (["в", "течение"], ["в", "течение"]),  # both known
    (["Томмот", "школа"], ["Томмот", "школа"]),  # one known: not a cut word
    (["Образовательны", "е"], ["Образовательные"]),
    (["Образовательны", "в"], ["Образовательны", "в"]),  # a preposition is a word of its own
])
def test_word_cut_in_two_is_joined(texts, want):
    words = [OcrWord(t, 100 * i, 0, 90, 20, 90.0, (1, 1, 1)) for i, t in enumerate(texts)]
    assert [w.text for w in join_broken(words)] == want


def _ink_words(texts):
    """Words drawn in a row on an ink mask (255 = ink), with their tight boxes."""
    font = ImageFont.truetype(FONT, 33)
    img = Image.new("L", (200 * len(texts), 100), 0)
    d = ImageDraw.Draw(img)
    boxes = []
    for i, t in enumerate(texts):
        d.text((20 + 200 * i, 30), t, font=font, fill=255)
        x0, y0, x1, y1 = d.textbbox((20 + 200 * i, 30), t, font=font)
        boxes.append((x0, y0, x1 - x0, y1 - y0))
    return np.asarray(img), boxes


@pytest.mark.parametrize("drawn, read, conf, want", [
    ("ОО", "[9.9)", 0.0, "ОО"),  # the same ink as the confident 'ОО': its text
    ("ОО", "00", 87.0, "ОО"),
    ("УО", "[9.0)", 0.0, "[9.0)"),  # another shape: left alone
    ("ОО", "70,0", 90.0, "70,0"),  # not doubtful: left alone
])
def test_doubtful_word_takes_the_text_of_the_same_shape(drawn, read, conf, want):
    """(A doubtful word read in two pieces, '[©' '0)', is matched as one.)"""
    ink, boxes = _ink_words(["ОО", "школ", drawn])
    words = [OcrWord(t, *b, c) for t, b, c in zip(["ОО", "школ", read], boxes, [95.0, 96.0, conf])]
    assert match_shapes(ink, words)[2].text == want


@pytest.mark.parametrize("word, want", [
    ("втечение", "в течение"),
    ("соответствиисежегодным", "соответствии с ежегодным"),
    ("Образовательныеорганизации", "Образовательные организации"),
    ("планомработы,", "планом работы,"),
    ("течение", "течение"),  # known
    ("метапредметная", "метапредметная"),  # known prefix + word: a compound
    ("самообследования", "самообследования"),
    ("мероприятияпо", "мероприятияпо"),  # a preposition never ends a word
    ("Томмот", "Томмот"),  # an unknown name with no split
    ("Кузнецкихинская", "Кузнецкихинская"),  # a capitalised name: two long parts or nothing
    ("Руководителиоо", "Руководителиоо"),
    ("калетская", "калетская"),  # no 'к алет ская': parts are long words or prepositions
])
def test_glued_words_are_split(word, want):
    assert split_glued(word) == want


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
    assert explain_text_layer(text) == verdict


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


@pytest.mark.parametrize("word, want", [
    ("Утовень", "Уровень"),
    ("ооганизацию", "организацию"),
    ("Вылолнено", "Выполнено"),
    ("калетская", "кадетская"),
    ("Паспоот", "Паспорт"),
    ("Мирчук", "Мирчук"),  # a surname: 'Марчук' is no OCR confusion away (и/а)
    ("ежеквартальн", "ежеквартальн"),  # a word cut at a line end: ь/е is no confusion
    ("Уровень", "Уровень"),  # known
    ("Томмот", "Томмот"),  # no known word one letter away
    ("школ", "школ"),  # too short to guess
])
def test_unsure_word_one_letter_from_a_known_word(word, want):
    from prikaz_parser.readers.ocr_fix import one_letter_fix
    assert one_letter_fix(word) == want


@pytest.mark.parametrize("text, height, want", [  # the page's capitals are 30 px tall
    ("оО", 30, "ОО"),  # a capital after a small letter, as tall as capitals
    ("оО:", 30, "ОО:"),
    ("школами,", 29, "школами,"),  # the comma reaches below the line: the height says nothing
    ("отчётов", 30, "отчётов"),  # 'ё' has dots above
    ("ОоШ»", 31, "ООШ»"),
    ("ок", 30, "ОК"),  # flat small letters as tall as capitals
    ("ок", 20, "ок"),  # as tall as small letters: lower case indeed
    ("кОмитет", 21, "комитет"),  # a capital inside a word as tall as small letters
    ("Око", 30, "Око"),  # a capital first: the case of a word
    ("оДо", 30, "оДо"),  # 'д' sticks out below: its case is not guessed from size
])
def test_case_of_flat_letters(text, height, want):
    from prikaz_parser.readers.ocr_words import fix_case
    assert fix_case(OcrWord(text, 0, 0, 40, height, 90.0), 30.0).text == want


@pytest.mark.parametrize("text, want", [
    ("кГИА", "к ГИА"),
    ("вШНОР,", "в ШНОР,"),
    ("кОмитет", "кОмитет"),  # capitals are not all that follows: left to `fix_case`
    ("вГ", "вГ"),  # one capital is no abbreviation
    ("иШНОР", "иШНОР"),  # 'и' is no preposition
])
def test_preposition_glued_to_an_abbreviation(text, want):
    from prikaz_parser.readers.ocr_words import split_preposition
    assert split_preposition(OcrWord(text, 0, 0, 40, 30, 90.0)).text == want


def test_doubtful_pieces_are_matched_as_one_word():
    ink, boxes = _ink_words(["ОО", "школ", "ОО"])
    x, y, w, h = boxes[2]
    words = [OcrWord("ОО", *boxes[0], 95.0, (1, 1, 1)), OcrWord("школ", *boxes[1], 96.0, (1, 1, 1)),
             OcrWord("[©", x, y, w // 2, h, 0.0, (1, 1, 2)), OcrWord("0)", x + w // 2 + 1, y, w - w // 2 - 1, h, 0.0,
                                                                     (1, 1, 2))]
    assert [w.text for w in match_shapes(ink, words)] == ["ОО", "школ", "ОО"]
