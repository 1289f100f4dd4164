"""The digital-PDF reader: line-joining rules, merged cells, tables across pages, bad files."""
from __future__ import annotations

import io
import re
import shutil

import pytest

from prikaz_parser.layout import Paragraph, Table
from prikaz_parser.readers import ReadError, read
from prikaz_parser.readers.pdf import _is_furniture, read_pdf
from prikaz_parser.readers.pdf_words import Box, Line, Word, explain_break, join_lines
from conftest import SAMPLES

CH = 6.0  # width of one character in the synthetic lines


def _line(text: str, top: float, space_after: bool | None = None) -> Line:
    words, x = [], 10.0
    parts = text.split(" ")
    for k, t in enumerate(parts):
        last = k == len(parts) - 1
        words.append(Word(t, x, x + CH * len(t), top, top + 12, 12.0, False,
                          space_after if last else True))
        x += CH * len(t) + 3.0
    return Line(words)


def _join(spec: str, width_chars: float, space_after: bool | None = None) -> str:
    """Lines separated by '|', set in a box `width_chars` characters wide."""
    lines = [_line(t, 14.0 * i, space_after) for i, t in enumerate(spec.split("|"))]
    return join_lines(lines, Box(10.0, 10.0 + CH * width_chars))


# -- line joining: spec, box width in characters, expected --------------------------
@pytest.mark.parametrize("spec, width, expected", [
    # words cut by the column width, no hyphen
    ("Ответственны|е", 12.5, "Ответственные"),
    ("Алданс|кий", 6.5, "Алданский"),
    ("«Департаме|нт|образования|», ОО", 10.5, "«Департамент образования», ОО"),
    ("Сентябр|ь-|октябрь", 7.5, "Сентябрь-октябрь"),
    ("Информационно|-методический", 13.5, "Информационно-методический"),
    ("КомитетОбразов|ания", 14.5, "КомитетОбразования"),
    # an ordinary wrap of a word that happens to fill the line
    ("соответствии|с планом", 12.5, "соответствии с планом"),
    ("Январь-декабрь|2023", 14.5, "Январь-декабрь 2023"),
    ("Руководители|РМО", 12.5, "Руководители РМО"),
    ("Антирисковые|программы", 12.5, "Антирисковые программы"),
    # hyphens at the end of a line
    ("проведение мастер-|классов для учителей", 19, "проведение мастер-классов для учителей"),
    ("достигших минималь-|ного балла", 19, "достигших минимального балла"),
    ("учителей -|предметников и других", 12, "учителей - предметников и других"),
    # the author's line breaks: the next word would have fitted
    ("Первое|Второе", 30, "Первое\nВторое"),
    ("в течение года, по|графику работы", 19, "в течение года, по графику работы"),
    ("Мероприятия:|• первое;|• второе", 30, "Мероприятия:\n• первое;\n• второе"),
])
def test_join_lines(spec, width, expected):
    assert _join(spec, width) == expected


def test_hyphen_followed_by_a_written_space_is_kept_with_the_space():
    # the source had "минималь- ного": the producer wrote a space after the hyphen
    assert _join("достигших минималь-|ного балла", 19, space_after=True) == "достигших минималь- ного балла"


def test_sign_without_a_written_space_is_glued():
    assert _join("командами СОШ №|№5,6,17", 20, space_after=False) == "командами СОШ №№5,6,17"
    assert _join("командами СОШ №|№5,6,17", 20, space_after=True) == "командами СОШ № №5,6,17"
    assert _join("Нормативно -|правовое", 12.5, space_after=False) == "Нормативно - правовое"


def test_explain_break_names_the_rule():
    a, b = _line("Ответственны", 0), _line("е", 14)
    assert explain_break(a, b, Box(10, 10 + CH * 12.5)) == "word_cut_by_width"
    assert explain_break(_line("Первое", 0), _line("Второе", 30), Box(10, 400)) == "vertical_gap"


@pytest.mark.parametrize("text, top, furniture", [
    ("2", 20, True), ("- 3 -", 820, True), ("Страница 4 из 9", 815, True),
    ("2", 400, False), ("ПРИКАЗ", 20, False),
])
def test_page_numbers_are_furniture(text, top, furniture):
    assert _is_furniture(_line(text, top), 841.9) is furniture


# -- bad files ----------------------------------------------------------------------

def _one_page_pdf(text: str | None) -> bytes:
    """A PDF page with an image and (optionally) nothing else, made with Pillow."""
    from PIL import Image, ImageDraw
    img = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(img).rectangle((20, 20, 380, 180), outline=0, width=3)
    buf = io.BytesIO()
    img.save(buf, "PDF", resolution=100)
    return buf.getvalue()


def test_truncated_pdf_is_corrupt(samples):
    data = (samples / "000_9e09309a07830cfc.pdf").read_bytes()
    with pytest.raises(ReadError) as e:
        read_pdf(data[: len(data) // 3], "cut.pdf")
    assert e.value.reason == "corrupt" and e.value.path == "cut.pdf"


def test_garbage_after_pdf_header_is_corrupt():
    with pytest.raises(ReadError) as e:
        read_pdf(b"%PDF-1.7\n" + b"\x00garbage" * 50, "bad.pdf")
    assert e.value.reason == "corrupt"


def test_password_protected_pdf_is_encrypted(samples):
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(str(samples / "001_c24edddf20a7546d.pdf"))
    writer = pypdf.PdfWriter()
    writer.add_page(reader.pages[0])
    writer.encrypt(user_password="secret", owner_password="owner")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(ReadError) as e:
        read(buf.getvalue(), "pdf", file="locked.pdf")
    assert e.value.reason == "encrypted" and "password" in e.value.detail


def test_image_only_pdf_needs_ocr_and_does_not_crash():
    lay = read_pdf(_one_page_pdf(None), "scan.pdf")
    assert lay.format == "pdf" or lay.ocr
    if not lay.ocr:  # no OCR reader here: an empty layout that says why
        assert lay.blocks == [] and lay.pages == 1
        assert len(lay.warnings) == 1 and lay.warnings[0].startswith("needs OCR: no usable text layer on pages 1 (")
        assert "tesseract-ocr-rus" in lay.warnings[0]


# -- a document built here: merged heading row, narrow column, a table over pages ----

NARROW = ["Ответственные", "Департамент", "Информационно-методический", "соответствии с планом"]


def _build_docx(path) -> list[list[str]]:
    from docx import Document
    from docx.shared import Cm, Pt
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name, st.font.size = "Times New Roman", Pt(12)
    st.paragraph_format.space_after = Pt(0)
    doc.add_paragraph("ПРИКАЗ").runs[0].bold = True
    doc.add_paragraph("Об утверждении плана мероприятий")
    rows = [["№", "Мероприятие", "Ответственные"], ["1. Организационные мероприятия", "", ""]]
    for i in range(1, 31):
        rows.append([f"1.{i}", f"Проведение мероприятия номер {i} по повышению качества образования "
                     f"в общеобразовательных организациях района с участием педагогов",
                     NARROW[i % len(NARROW)]])
    t = doc.add_table(rows=len(rows), cols=3)
    t.style = doc.styles["Table Grid"]
    widths = [Cm(1.5), Cm(8), Cm(2.2)]
    for r, src in zip(t.rows, rows):
        for c, w, text in zip(r.cells, widths, src):
            c.width = w
            c.text = text
    merged = t.rows[1].cells[0].merge(t.rows[1].cells[2])
    merged.text = rows[1][0]
    doc.add_paragraph("Контроль исполнения приказа оставляю за собой.")
    doc.save(path)
    return rows


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    from prikaz_parser.readers.legacy import convert
    tmp = tmp_path_factory.mktemp("pdf")
    rows = _build_docx(tmp / "plan.docx")
    pdf = convert(tmp / "plan.docx", "pdf", tmp)
    return rows, read(pdf)


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def test_built_table_is_one_table_over_pages_with_header_once(built):
    rows, lay = built
    tables = [b for b in lay.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    t = tables[0]
    assert len(t.pages) >= 2 and t.pages == sorted(t.pages)
    assert [_norm(c) for c in t.texts()[0]] == rows[0]
    assert sum(1 for r in t.rows if r[1].text == "Мероприятие") == 1


def test_built_table_cells_are_exact_after_wrap_and_page_repair(built):
    rows, lay = built
    t = next(lay.tables())
    got = [[_norm(c.text) for c in r] for r in t.rows]
    assert got == [[c if not (i == 1 and j) else "" for j, c in enumerate(r)] for i, r in enumerate(rows)]


def test_built_merged_heading_row_has_colspan_and_covered_cells(built):
    _, lay = built
    row = next(lay.tables()).rows[1]
    assert row[0].colspan == 3 and row[0].text == "1. Организационные мероприятия"
    assert [(c.covered, c.origin) for c in row[1:]] == [(True, (1, 0)), (True, (1, 0))]


def test_built_paragraphs_in_order_with_bold_and_provenance(built):
    _, lay = built
    kinds = [type(b).__name__ for b in lay.blocks]
    assert kinds[:3] == ["Paragraph", "Paragraph", "Table"] and kinds[-1] == "Paragraph"
    first = lay.blocks[0]
    assert isinstance(first, Paragraph) and first.text == "ПРИКАЗ" and first.bold
    assert lay.blocks[-1].text == "Контроль исполнения приказа оставляю за собой."
    cell = next(lay.tables()).rows[-1][2]
    assert cell.prov.page == next(lay.tables()).pages[-1] and cell.prov.table == 0 and cell.prov.bbox is not None
    assert cell.prov.row == len(next(lay.tables()).rows) - 1 and cell.prov.col == 2


# -- the seed renderings ---------------------------------------------------------------

def test_seed_pdf_roadmap_is_one_table_with_header_once(samples):
    path = samples / "000_9e09309a07830cfc.pdf"
    if not path.exists():
        pytest.skip("samples/000_9e09309a07830cfc.pdf not generated yet (samples/make_samples.py)")
    lay = read(path)
    assert lay.format == "pdf" and lay.pages and lay.pages > 3
    roadmap = max(lay.tables(), key=lambda t: len(t.rows))
    assert len(roadmap.pages) > 3
    assert sum(1 for r in roadmap.rows if r[1].text == "Мероприятия") == 1
    assert roadmap.rows[0][3].text == "Ответственные"


# -- spans from the grid of a merged table: bbox, column lefts, row tops -> (rowspan, colspan)
@pytest.mark.parametrize("bbox, span", [
    ((0, 0, 30, 10), (1, 1)),
    ((0, 0, 90, 10), (1, 3)),     # a section row merged across the table
    ((30, 10, 60, 30), (2, 1)),   # merged down two rows
    ((30.3, 10, 89.7, 29.8), (2, 2)),
])
def test_spans_from_grid(bbox, span):
    from prikaz_parser.readers.pdf import _spans
    assert _spans(bbox, [0, 30, 60], [0, 10, 20]) == span


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs Tesseract")
def test_scanned_first_page_among_digital_pages_is_ocrd_in_place(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    scan = pypdf.PdfReader(str(SAMPLES / "002_0dc6b295a275774e.scan.pdf"))
    digital = pypdf.PdfReader(str(SAMPLES / "002_0dc6b295a275774e.pdf"))
    w = pypdf.PdfWriter()
    w.add_page(scan.pages[0])
    for p in digital.pages[1:]:
        w.add_page(p)
    buf = io.BytesIO()
    w.write(buf)
    from prikaz_parser import parse
    doc = parse(buf.getvalue(), "pdf")
    assert doc.source.ocr and any("OCR used on pages 1" in x for x in doc.source.warnings)
    assert (doc.meta.number, str(doc.meta.date)) == ("210", "2023-03-22")  # printed on the scanned page
    assert len(doc.measures) == 55  # the roadmap on the digital pages
    lay = read(buf.getvalue(), "pdf")
    pages = [b.prov.page for b in lay.blocks if not isinstance(b, Table)]
    assert pages[0] == 1 and pages == sorted(pages)
    assert [t.index for t in lay.tables()] == list(range(len(list(lay.tables()))))
