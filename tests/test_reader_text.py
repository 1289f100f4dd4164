"""The TXT/Markdown reader: tables, inline HTML, page-break continuation, provenance."""
from __future__ import annotations

import pytest

from prikaz_parser.layout import Paragraph, Table
from prikaz_parser.readers.inline_html import cell_text
from prikaz_parser.readers.text import read_text


@pytest.mark.parametrize("raw, text, bold", [
    ("<p>Первое</p> <p>Второе</p>", "Первое\nВторое", False),
    ("<b>1. Раздел</b>", "1. Раздел", True),
    ("<ul><li>а</li><li>б</li></ul>", "а\nб", False),
    ("Всеобуч: <ul style=\"x\"> • А, • Б. </ul>", "Всеобуч: • А, • Б.", False),
    ("строка<br>ещё", "строка\nещё", False),
    ("&laquo;Казачья&raquo;", "«Казачья»", False),
    ("**жирный**", "жирный", True),
    ("<b>a</b> и <b>b</b>", "a и b", False),
])
def test_cell_text(raw, text, bold):
    assert cell_text(raw) == (text, bold)


def test_table_continued_after_page_break_with_repeated_header_and_cut_row():
    data = ("Заголовок\n"
            "№\tМера\tСрок\n"
            "1.\tНачало меры, которая\tМай\n"
            "\n"
            "№\tМера\tСрок\n"
            "\tпродолжается на странице\t\n"
            "2.\tВторая\tИюнь\n")
    lay = read_text(data, "x.txt")
    tables = [b for b in lay.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    t = tables[0]
    assert t.texts() == [["№", "Мера", "Срок"], ["1.", "Начало меры, которая продолжается на странице", "Май"],
                         ["2.", "Вторая", "Июнь"]]
    assert [c.row for c in t.rows[2]] == [2, 2, 2]
    assert t.rows[2][1].prov.row == 2 and t.rows[2][1].prov.table == 0


def test_row_with_empty_number_but_own_content_is_not_joined():
    data = "№\tМера\tСрок\n1.\tА\tМай\n\n\tБ\tИюнь\n"
    t = read_text(data).blocks[0]
    assert t.texts() == [["№", "Мера", "Срок"], ["1.", "А", "Май"], ["", "Б", "Июнь"]]


def test_paragraph_between_tables_separates_them_and_short_rows_are_padded():
    data = "a\tb\tc\n1\t2\n\nТекст\n\nx\ty\tz\n"
    blocks = read_text(data).blocks
    assert [type(b).__name__ for b in blocks] == ["Table", "Paragraph", "Table"]
    assert blocks[0].texts() == [["a", "b", "c"], ["1", "2", ""]]
    assert blocks[2].index == 1


def test_provenance_spans_point_into_the_text():
    data = "**ПРИКАЗ**\n\nУтвердить\tплан\n"
    lay = read_text(data, "f.txt")
    p = lay.blocks[0]
    assert isinstance(p, Paragraph) and p.text == "ПРИКАЗ" and p.bold
    c = lay.blocks[1].rows[0][1]
    assert data[c.prov.span[0]:c.prov.span[1]] == "план"
    assert c.prov.file == "f.txt"


def test_markdown_artefact_rows_and_rules_are_dropped():
    data = "a\tb\n----\t--\n---\n"
    lay = read_text(data)
    assert len(lay.blocks) == 1 and lay.blocks[0].texts() == [["a", "b"]]


def test_seed_003_report_table_is_one_table_across_pages(samples):
    from prikaz_parser import read
    lay = read(samples / "003_88bb5221f7c9b210.txt")
    t = next(lay.tables())
    texts = [r[1].text for r in t.rows]
    assert sum(1 for x in texts if x == "Наименование мероприятий") == 1
    assert any(x.endswith("со школами с высокими результатами обучения") for x in texts)


def test_markdown_pipe_tables():
    data = ("Текст\n\n| № | Мероприятие | Срок |\n|---|:---|---|\n| 1. | Семинар <br> вебинар | Май |\n"
            "| 2. | A \\| B | Июнь |\n")
    lay = read_text(data, "m.md")
    t = lay.blocks[1]
    assert t.texts() == [["№", "Мероприятие", "Срок"], ["1.", "Семинар\nвебинар", "Май"], ["2.", "A | B", "Июнь"]]
    c = t.rows[1][2]
    assert data[c.prov.span[0]:c.prov.span[1]].strip() == "Май"
