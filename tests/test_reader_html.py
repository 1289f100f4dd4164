"""HTML reader: paragraphs, lists and tables with rowspan/colspan, from inline strings."""
from __future__ import annotations

import pytest

from prikaz_parser.layout import Paragraph, Table
from prikaz_parser.readers import read
from prikaz_parser.readers.html import ol_label, read_html

PAGE = """<!DOCTYPE html><html><head><title>Приказ</title><style>td{border:1px}</style>
<script>var menu = "Главная";</script></head>
<body><nav><a href="/">Главная</a> | <a href="/news">Новости</a></nav>
<h2 style="text-align:center">ПРИКАЗ</h2>
<p><b>Об организации</b> <strong>поддержки школ</strong></p>
<div>25.09.2020<br>№ 01-07/338а</div>
Текст без обёртки
<ol><li>Утвердить план;</li><li>Назначить <i>ответственных</i>.</li></ol>
<ul><li>пункт</li></ul>
<table border=1>
 <thead><tr><th>№</th><th>Мероприятие</th><th>Срок</th></tr></thead>
 <tbody>
  <tr><td colspan=3><b>1. Кадры</b></td></tr>
  <tr><td>1.1</td><td><p>Курсы</p><p>повышения</p></td><td rowspan=2>В течение года</td></tr>
  <tr><td>1.2</td><td>Семинар<br/>для учителей</td></tr>
 </tbody>
</table>
<p>После таблицы</p>
</body></html>"""


@pytest.fixture(scope="module")
def layout():
    return read_html(PAGE, "p.html")


def test_paragraphs_in_order_without_script_style_nav(layout):
    texts = [b.full_text if isinstance(b, Paragraph) else f"T{b.index}" for b in layout.blocks]
    assert texts == ["ПРИКАЗ", "Об организации поддержки школ", "25.09.2020", "№ 01-07/338а",
                     "Текст без обёртки", "1. Утвердить план;", "2. Назначить ответственных.",
                     "• пункт", "T0", "После таблицы"]
    assert layout.format == "html" and layout.file == "p.html"


def test_paragraph_hints(layout):
    head, title = layout.blocks[0], layout.blocks[1]
    assert (head.heading, head.align) == (2, "center")
    assert title.bold and not layout.blocks[2].bold


def test_colspan_row_is_one_cell(layout):
    t = layout.blocks[8]
    row = t.rows[1]
    assert (row[0].text, row[0].colspan, row[0].bold) == ("1. Кадры", 3, True)
    assert [(c.covered, c.origin, c.text) for c in row[1:]] == [(True, (1, 0), "")] * 2


def test_rowspan_cell_covers_the_slot_below(layout):
    t = layout.blocks[8]
    assert (t.rows[2][2].text, t.rows[2][2].rowspan) == ("В течение года", 2)
    assert (t.rows[3][2].covered, t.rows[3][2].origin) == (True, (2, 2))
    assert t.texts() == [["№", "Мероприятие", "Срок"], ["1. Кадры", "", ""],
                         ["1.1", "Курсы\nповышения", "В течение года"], ["1.2", "Семинар\nдля учителей", ""]]


def test_cell_provenance(layout):
    c = layout.blocks[8].rows[3][1]
    assert (c.prov.file, c.prov.table, c.prov.row, c.prov.col) == ("p.html", 0, 3, 1)


@pytest.mark.parametrize("html, expected", [
    # a rowspan in the middle pushes the next row's cells to the right
    ("<table><tr><td>a</td><td rowspan=2>b</td><td>c</td></tr><tr><td>d</td><td>e</td></tr></table>",
     [["a", "b", "c"], ["d", "", "e"]]),
    # a 2x2 block
    ("<table><tr><td rowspan=2 colspan=2>X</td><td>1</td></tr><tr><td>2</td></tr><tr><td>3</td><td>4</td><td>5</td></tr></table>",
     [["X", "", "1"], ["", "", "2"], ["3", "4", "5"]]),
    # a short row is padded; a rowspan past the end is cut
    ("<table><tr><td>a</td><td>b</td></tr><tr><td rowspan=5>c</td></tr></table>", [["a", "b"], ["c", ""]]),
    # bad span attributes are 1
    ("<table><tr><td colspan='x'>a</td><td>b</td></tr></table>", [["a", "b"]]),
])
def test_grid_placement(html, expected):
    t = read_html(html).blocks[0]
    assert isinstance(t, Table) and t.texts() == expected


def test_nested_table_goes_into_the_cell():
    t = read_html("<table><tr><td>outer<table><tr><td>inner</td></tr></table></td></tr></table>").blocks[0]
    cell = t.rows[0][0]
    assert cell.text == "outer" and cell.tables[0].texts() == [["inner"]]
    assert len(read_html("<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>").blocks) == 1


@pytest.mark.parametrize("n, kind, expected", [(1, None, "1."), (2, "a", "b)"), (4, "I", "IV."), (3, "A", "C)")])
def test_ol_label(n, kind, expected):
    assert ol_label(n, kind) == expected


def test_ol_start_attribute():
    paras = list(read_html("<ol start=3><li>x</li><li>y</li></ol>").paragraphs())
    assert [p.full_text for p in paras] == ["3. x", "4. y"]


def test_read_dispatches_html_bytes_in_cp1251():
    layout = read("<html><body><p>Приказ №5</p></body></html>".encode("cp1251"), "html")
    assert layout.format == "html" and [p.text for p in layout.paragraphs()] == ["Приказ №5"]
