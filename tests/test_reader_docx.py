"""DOCX reader: the sample renderings of the seeds and small documents built here."""
from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml

from conftest import SAMPLES, SEED_STEMS
from prikaz_parser.layout import Paragraph, Table
from prikaz_parser.readers import ReadError, read
from prikaz_parser.readers.docx import read_docx
from prikaz_parser.readers.docx_numbering import format_number
from prikaz_parser.readers.text import read_text

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def grid(t: Table) -> list[list[str]]:
    return [[norm(c.text) for c in r] for r in t.rows]


def to_bytes(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def sample(stem: str):
    path = SAMPLES / f"{stem}.docx"
    assert path.exists(), f"{path} missing: run .venv/bin/python samples/make_samples.py"
    return read(path)


# ------------------------------------------------------------------ samples

@pytest.mark.parametrize("stem", SEED_STEMS)
def test_sample_docx_has_the_tables_and_paragraphs_of_the_seed(stem):
    docx = sample(stem)
    txt = read_text((SAMPLES / f"{stem}.txt").read_text(encoding="utf-8"))
    assert docx.format == "docx"
    assert [grid(t) for t in docx.tables()] == [grid(t) for t in txt.tables()]
    assert [norm(p.full_text) for p in docx.paragraphs()] == [norm(p.full_text) for p in txt.paragraphs()]


@pytest.mark.parametrize("stem, table, row, first", [
    ("000_9e09309a07830cfc", 1, 1, "1. Развитие кадрового потенциала"),
    ("002_0dc6b295a275774e", 0, 1, "Муниципальный уровень"),
    ("004_792d1e6bb9a819b6", 3, 1, "1.Организационные мероприятия"),
])
def test_sample_section_row_is_one_cell_across_the_row(stem, table, row, first):
    t = list(sample(stem).tables())[table]
    r = t.rows[row]
    assert r[0].text.startswith(first)
    assert (r[0].colspan, r[0].rowspan, r[0].covered) == (t.n_cols, 1, False)
    assert all(c.covered and c.origin == (row, 0) and c.text == "" for c in r[1:])
    assert r[0].bold


def test_sample_cell_paragraph_breaks_kept():
    t = list(sample("001_c24edddf20a7546d").tables())[1]
    assert t.rows[1][3].paragraphs == ["май -август", "по плану работы Отдела по образованию",
                                       "апрель-июнь", "до 1 сентября нового учебного года"]
    assert sum("\n" in c.text for r in t.rows for c in r) >= 3


def test_sample_provenance():
    layout = sample("000_9e09309a07830cfc")
    t = list(layout.tables())[1]
    c = t.rows[2][3]
    assert (c.prov.table, c.prov.row, c.prov.col, c.prov.page) == (1, 2, 3, None)
    assert c.prov.file.endswith("000_9e09309a07830cfc.docx")


# ------------------------------------------------------------------ merges

def merged_doc():
    doc = Document()
    doc.add_paragraph("Before")
    t = doc.add_table(rows=4, cols=3)
    for r in range(4):
        for c in range(3):
            t.cell(r, c).text = f"r{r}c{c}"
    t.cell(0, 0).merge(t.cell(0, 2))  # heading across the row
    t.cell(1, 0).merge(t.cell(3, 0))  # vertical, three rows
    t.cell(2, 1).merge(t.cell(3, 2))  # a 2x2 block
    doc.add_paragraph("After")
    return read_docx(to_bytes(doc), "m.docx")


def test_horizontal_merge_is_one_cell_with_covered_slots():
    t = list(merged_doc().tables())[0]
    r0 = t.rows[0]
    assert (r0[0].colspan, r0[0].covered) == (3, False)
    assert r0[0].paragraphs == ["r0c0", "r0c1", "r0c2"]  # python-docx keeps merged contents as paragraphs
    assert [(c.covered, c.origin, c.text) for c in r0[1:]] == [(True, (0, 0), "")] * 2


def test_vertical_merge_has_rowspan():
    t = list(merged_doc().tables())[0]
    origin = t.rows[1][0]
    assert (origin.rowspan, origin.colspan, origin.paragraphs) == (3, 1, ["r1c0", "r2c0", "r3c0"])
    assert [(t.rows[r][0].covered, t.rows[r][0].origin) for r in (2, 3)] == [(True, (1, 0))] * 2


def test_block_merge_has_both_spans():
    t = list(merged_doc().tables())[0]
    o = t.rows[2][1]
    assert (o.rowspan, o.colspan) == (2, 2)
    assert [(c.covered, c.origin) for c in (t.rows[2][2], t.rows[3][1], t.rows[3][2])] == [(True, (2, 1))] * 3
    assert t.texts()[1] == ["r1c0\nr2c0\nr3c0", "r1c1", "r1c2"]


def test_grid_is_rectangular():
    t = list(merged_doc().tables())[0]
    assert [len(r) for r in t.rows] == [3, 3, 3, 3]
    assert all(c.row == i and c.col == j for i, r in enumerate(t.rows) for j, c in enumerate(r))


# ------------------------------------------------------------------ order, provenance, nesting

def test_document_order_and_table_provenance():
    doc = Document()
    doc.add_paragraph("one")
    doc.add_table(rows=1, cols=2).cell(0, 1).text = "A"
    doc.add_paragraph("two")
    t2 = doc.add_table(rows=2, cols=2)
    t2.cell(1, 0).text = "B"
    doc.add_paragraph("three")
    layout = read_docx(to_bytes(doc), "o.docx")
    kinds = [b.text if isinstance(b, Paragraph) else f"T{b.index}" for b in layout.blocks]
    assert kinds == ["one", "T0", "two", "T1", "three"]
    b = layout.blocks[3].rows[1][0]
    assert (b.text, b.prov.file, b.prov.table, b.prov.row, b.prov.col) == ("B", "o.docx", 1, 1, 0)


def test_nested_table_goes_into_the_cell():
    doc = Document()
    t = doc.add_table(rows=1, cols=2)
    outer = t.cell(0, 1)
    outer.text = "outer text"
    inner = outer.add_table(rows=2, cols=2)
    inner.cell(1, 1).text = "inner"
    layout = read_docx(to_bytes(doc))
    cell = layout.blocks[0].rows[0][1]
    assert cell.text == "outer text"  # the nested table's text stays in the nested table
    assert len(cell.tables) == 1 and cell.tables[0].texts() == [["", ""], ["", "inner"]]
    assert len(list(layout.tables())) == 2


def test_cell_paragraphs_and_empty_ones_dropped():
    doc = Document()
    c = doc.add_table(rows=1, cols=1).cell(0, 0)
    c.paragraphs[0].text = "first"
    c.add_paragraph("")
    c.add_paragraph("  second  ")
    assert read_docx(to_bytes(doc)).blocks[0].rows[0][0].text == "first\nsecond"


# ------------------------------------------------------------------ numbering

NUMBERING = f"""<w:numbering {W_NS}>
  <w:abstractNum w:abstractNumId="90">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="91">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="92">
    <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/></w:lvl>
  </w:abstractNum>
</w:numbering>"""
NUMS = {"90": "90", "91": "91", "92": "92"}


def numbered(doc, text: str, num_id: str, ilvl: int = 0, container=None):
    p = (container or doc).add_paragraph(text)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {W_NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def numbering_doc():
    doc = Document()
    root = doc.part.numbering_part.element
    for an in parse_xml(NUMBERING):
        root.insert(0, an)
    for num_id, abstract in NUMS.items():
        root.append(parse_xml(f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/></w:num>'))
    numbered(doc, "Утвердить", "90")
    numbered(doc, "план", "90", 1)
    numbered(doc, "подпункт", "90", 2)
    numbered(doc, "ещё подпункт", "90", 2)
    numbered(doc, "перечень", "90", 1)
    numbered(doc, "Назначить", "90")
    numbered(doc, "первый", "90", 1)
    numbered(doc, "пункт списка", "91")
    numbered(doc, "с тройки", "92")
    doc.add_paragraph("по стилю", style="List Number")
    doc.add_paragraph("по стилю ещё", style="List Number")
    t = doc.add_table(rows=1, cols=1)
    cell = t.cell(0, 0)
    cell.paragraphs[0].text = "Мероприятия:"
    numbered(doc, "в ячейке", "92", container=cell)
    numbered(doc, "и ещё", "92", container=cell)
    return read_docx(to_bytes(doc))


def test_numbering_rendered_into_list_label():
    labels = [(p.list_label, p.text) for p in numbering_doc().paragraphs()]
    assert labels == [
        ("1.", "Утвердить"), ("1.1.", "план"), ("a)", "подпункт"), ("b)", "ещё подпункт"),
        ("1.2.", "перечень"), ("2.", "Назначить"), ("2.1.", "первый"), ("•", "пункт списка"),
        ("3)", "с тройки"), ("1.", "по стилю"), ("2.", "по стилю ещё"),
    ]


def test_numbering_inside_cells_prefixes_the_text():
    t = list(numbering_doc().tables())[0]
    assert t.rows[0][0].text == "Мероприятия:\n4) в ячейке\n5) и ещё"


@pytest.mark.parametrize("n, fmt, expected", [
    (1, "decimal", "1"), (27, "lowerLetter", "aa"), (3, "upperLetter", "C"), (4, "lowerRoman", "iv"),
    (14, "upperRoman", "XIV"), (6, "russianLower", "е"), (7, "russianUpper", "Ж"), (5, "decimalZero", "05"),
])
def test_format_number(n, fmt, expected):
    assert format_number(n, fmt) == expected


# ------------------------------------------------------------------ style hints

def test_bold_heading_alignment():
    doc = Document()
    doc.add_heading("Заголовок раздела", level=2)
    p = doc.add_paragraph()
    p.add_run("ПРИКАЗ").bold = True
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    q = doc.add_paragraph()
    q.add_run("half ").bold = True
    q.add_run("bold")
    q.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    doc.add_paragraph("строка один").add_run().add_break()
    doc.paragraphs[-1].add_run("строка два")
    hints = [(b.text, b.bold, b.heading, b.align) for b in read_docx(to_bytes(doc)).paragraphs()]
    assert hints == [
        ("Заголовок раздела", True, 2, None),  # bold by its style
        ("ПРИКАЗ", True, None, "center"),
        ("half bold", False, None, "justify"),
        ("строка один", False, None, None),  # a manual line break splits the paragraph
        ("строка два", False, None, None),
    ]


# ------------------------------------------------------------------ errors

def test_truncated_docx_is_a_clear_read_error():
    data = to_bytes(Document())
    with pytest.raises(ReadError) as e:
        read_docx(data[: len(data) // 2], "cut.docx")
    assert e.value.reason == "corrupt" and e.value.path == "cut.docx"
    assert "truncated or corrupt" in e.value.detail


def test_zip_without_word_document_is_a_read_error():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(ReadError) as e:
        read_docx(buf.getvalue(), "x.docx")
    assert e.value.reason == "corrupt"


# ------------------------------------------------------------------ raw XML snippets

RAW_TABLE = f"""<w:tbl {W_NS}>
  <w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
  <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>№</w:t></w:r></w:p></w:tc>
        <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Сроки</w:t></w:r></w:p></w:tc></w:tr>
  <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
        <w:tc><w:p><w:ins><w:r><w:t>начало</w:t></w:r></w:ins><w:del><w:r><w:delText>удалено</w:delText></w:r></w:del></w:p></w:tc>
        <w:sdt><w:sdtContent><w:tc><w:p><w:r><w:t>конец</w:t><w:br/><w:t>года</w:t></w:r></w:p></w:tc></w:sdtContent></w:sdt></w:tr>
  <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>
        <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t xml:space="preserve">  сдвинута  </w:t></w:r></w:p></w:tc></w:tr>
</w:tbl>"""


def test_raw_xml_table_spans_gridbefore_tracked_changes_content_controls():
    doc = Document()
    doc.element.body.insert(0, parse_xml(RAW_TABLE))
    t = read_docx(to_bytes(doc)).blocks[0]
    assert t.texts() == [["№", "Сроки", ""], ["", "начало", "конец\nгода"], ["", "сдвинута", ""]]
    assert (t.rows[0][0].rowspan, t.rows[0][1].colspan) == (2, 2)
    assert (t.rows[1][0].covered, t.rows[1][0].origin) == (True, (0, 0))
    assert (t.rows[2][0].covered, t.rows[2][1].colspan, t.rows[2][2].origin) == (False, 2, (2, 1))


# ------------------------------------------------------------------ pages

def test_pages_from_manual_breaks():
    doc = Document()
    doc.add_paragraph("first page")
    doc.add_paragraph("still first").add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("second page")
    t = doc.add_table(rows=3, cols=2)
    t.cell(0, 0).text = "row on page 2"
    t.cell(1, 0).paragraphs[0].add_run().add_break(WD_BREAK.PAGE)
    t.cell(1, 0).paragraphs[0].add_run("row cut by the break")
    t.cell(2, 1).text = "row on page 3"
    p = doc.add_paragraph("fourth page")
    p.paragraph_format.page_break_before = True
    layout = read_docx(to_bytes(doc))
    assert [(b.text, b.prov.page) for b in layout.paragraphs()] == [
        ("first page", 1), ("still first", 1), ("second page", 2), ("fourth page", 4)]
    table = list(layout.tables())[0]
    assert table.pages == [2, 3] and [r[1].prov.page for r in table.rows] == [2, 3, 3]
    assert layout.pages == 4


def test_no_break_hints_no_pages():
    layout = read_docx(to_bytes(Document()))
    assert layout.pages is None


def test_rendered_page_breaks_win_over_manual_ones():
    doc = Document()
    body = doc.element.body
    for xml in [
        '<w:p {ns}><w:r><w:t>one</w:t><w:br w:type="page"/></w:r></w:p>',
        '<w:p {ns}><w:r><w:lastRenderedPageBreak/><w:t>two</w:t></w:r></w:p>',  # Word marks the same break
        '<w:p {ns}><w:r><w:t>still two</w:t></w:r></w:p>',
    ]:
        body.insert(len(body) - 1, parse_xml(xml.format(ns=W_NS)))
    layout = read_docx(to_bytes(doc))
    assert [(p.text, p.prov.page) for p in layout.paragraphs()] == [("one", 1), ("two", 2), ("still two", 2)]
