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


# -- cheap gates in front of the general paths: each must agree with what it skips --

@pytest.mark.parametrize("line", [
    "1.\tМера\tМай", " 1.\t Мера \tМай ", "\tпродолжение\t", "a\tb\tc", "| 1. | Мера | Май |",
    "1.\t<b>Мера</b>\tМай", "1.\t**Мера**\tМай", "1.\tА &amp; Б\t", "1.\tA\\_B\t", "1.\tМера\u00a0один\t",
    "1.\tМера  два\t", "1.\tМера\u2009три\x0c",
])
def test_plain_line_cells_read_as_cell_text_reads_them(line):
    from prikaz_parser.readers.text import _plain
    if _plain(line):
        assert all(cell_text(raw) == (raw.strip(), False) for raw in line.split("\t"))


@pytest.mark.parametrize("line, artefact", [
    ("----\t--\t--", True), ("|---|:---|---|", True), ("\t\t", True), (" \t-", True), (":--\t--:", True),
    ("1.\t--", False), ("\t1.\tА", False), ("a\t-", False), ("— \t—", False),
])
def test_artefact_gate_agrees_with_the_pattern(line, artefact):
    from prikaz_parser.readers.text import _TABLE_ARTEFACT, _is_artefact
    assert _is_artefact(line) == artefact == bool(_TABLE_ARTEFACT.match(line))


def test_continued_segment_cells_keep_their_own_provenance():
    data = "№\tМера\n1.\tА\n\n№\tМера\n2.\tБ\n3.\tВ\n"
    t = read_text(data, "c.txt").blocks[0]
    assert [(c.row, c.prov.row, c.prov.table) for r in t.rows for c in r] == \
        [(i, i, 0) for i in range(4) for _ in range(2)]
    assert len({id(c.prov) for r in t.rows for c in r}) == 8


@pytest.mark.parametrize("a, b", [
    (["№", "Мера", "Срок"], ["№", "Мера", "Срок"]), (["№ п/п", "Мера"], ["№п/п", "мера."]),
    (["№", "Мера"], ["1.", "Мера"]), (["", "-"], ["", "-"]), (["", "Мера"], ["", "Мера"]),
    (["Мера"], ["Мера", ""]), (["Мера", "Срок"], ["Мера", "Сроки"]),
])
def test_same_header_compares_normalised_texts(a, b):
    import re
    from prikaz_parser.layout import Cell
    from prikaz_parser.readers.continuation import same_header

    def norm(s):
        return re.sub(r"\W+", "", s).lower()
    ra, rb = ([Cell(t, 0, i) for i, t in enumerate(x)] for x in (a, b))
    ta, tb = [norm(t) for t in a], [norm(t) for t in b]
    assert same_header(ra, rb) == (any(ta) and ta == tb)


@pytest.mark.parametrize("data", [
    "", "\n", "\n\n", "a", "a\n", "a\nb", "a\nb\n", "a\n\nb\n\n", "a\r\nb\r\n", "a\rb", "a\r\r\nb",
    "a\u2028b\n", "a\x0cb\x1cc\x1dd\x1ee\x85f\u2029g\x0bh", "a\x1fb\n", "\tx\n\t\n", "a\n\r\n",
])
def test_lines_are_cut_as_splitlines_cuts_them(data):
    from prikaz_parser.readers.text import _lines
    lines, cuts = _lines(data)
    kept = data.splitlines(keepends=True)
    assert lines == [k.rstrip("\r\n") for k in kept]
    assert [len(line) + cut for line, cut in zip(lines, cuts)] == [len(k) for k in kept]


def test_continued_segment_rows_are_built_with_their_final_numbers():
    data = ("№\tМера\tСрок\n1.\tНачало\tМай\n\n"
            "№\tМера\tСрок\n1\t2\t3\n\tконец меры\t\n2.\tВторая\n\n"
            "3.\tТретья\tИюль\n")
    t = read_text(data, "n.txt").blocks[0]
    assert t.texts() == [["№", "Мера", "Срок"], ["1.", "Начало конец меры", "Май"], ["2.", "Вторая", ""],
                         ["3.", "Третья", "Июль"]]
    assert [[(c.row, c.col, c.prov.table, c.prov.row, c.prov.col) for c in r] for r in t.rows] == \
        [[(i, j, 0, i, j) for j in range(3)] for i in range(4)]
    pad = t.rows[2][2]
    assert pad.prov.span is None and pad.prov.file == "n.txt"
    assert data[slice(*t.rows[3][1].prov.span)] == "Третья"


def test_append_unbuilt_agrees_with_append_segment():
    from prikaz_parser.layout import Cell, Provenance, Table
    from prikaz_parser.readers.continuation import append_segment, append_unbuilt

    texts = [["№", "Мера", "Срок"], ["1", "2", "3"], ["", "продолжение", ""], ["2.", "Б", "Май"], ["3.", "В", ""]]

    def row(k, number, table):
        return [Cell(t, number, j, prov=Provenance("f", None, table, number, j)) for j, t in enumerate(texts[k])]

    def start():
        return Table(0, [row(0, 0, 0), [Cell("1.", 1, 0), Cell("А", 1, 1), Cell("Май", 1, 2)]])
    a, b = start(), start()
    rule_a = append_segment(a, Table(1, [row(k, k, 1) for k in range(len(texts))]))
    rule_b = append_unbuilt(b, len(texts), lambda k, number: row(k, number, 0))
    assert rule_a == rule_b == "lead_empty_and_incomplete"
    assert a == b and len(a.rows) == 4


@pytest.mark.parametrize("a, b, joined", [
    ("МОУ «Джатиевская ООШ», «Отрадененская", "СОШ»", "МОУ «Джатиевская ООШ», «Отрадененская СОШ»"),  # open quote
    ("Отчёт (по итогам", "ВПР)", "Отчёт (по итогам ВПР)"),  # open bracket
    ("опыт проекта «500+» в", "МБОУ-СОШ № 3", "опыт проекта «500+» в МБОУ-СОШ № 3"),  # a preposition ends no paragraph
    ("педагогических советов", "ОО по обсуждению", "педагогических советов ОО по обсуждению"),  # an abbreviation
    ("нуждающихся в повышении квалификации", "Формирование заявок",
     "нуждающихся в повышении квалификации\nФормирование заявок"),  # a new item on the next page
    ("Проведение семинаров.", "ОО района", "Проведение семинаров.\nОО района"),  # a sentence ended
    ("«Школа» в\nОтчёт «по", "итогам»", "«Школа» в\nОтчёт «по итогам»"),  # lower case goes on
    ("минималь-", "ного уровня", "минимального уровня"),  # a hyphenated word
    ("Отдел образования Образовательны", "е организации", "Отдел образования Образовательные организации"),
    ("Отдел образования", "организации", "Отдел образования организации"),  # two words, each known
    ("работа на", "писание отчёта", "работа на писание отчёта"),  # 'написание' is known, but so are both
])
def test_cell_cut_by_a_page_break_is_joined(a, b, joined):
    from prikaz_parser.readers.continuation import join_cell_text
    assert join_cell_text(a, b) == joined
