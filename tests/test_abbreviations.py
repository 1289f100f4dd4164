"""Abbreviations: the document's own "(далее – X)" definitions and the dictionary's, and the
cheap paths in front of them (each must agree with the plain form it replaces)."""
from __future__ import annotations

import re

import pytest

from prikaz_parser.extractors.abbreviations import _texts, _word_starts, find_abbreviations
from prikaz_parser.layout import Cell, Layout, Paragraph, Table
from prikaz_parser.extractors.bodies_vocab import vocab


def _plain_word_starts() -> re.Pattern:
    """The pattern `_word_starts` stands for: a first letter at a word start, a second letter, the word."""
    shorts = [s for s, _, _ in vocab().abbreviations if re.fullmatch(r"\w+", s)]
    first = "".join(sorted({s[0] for s in shorts}))
    second = "".join(sorted({s[1] for s in shorts}))
    return re.compile(rf"[{re.escape(first)}](?<!\w.)[{re.escape(second)}]\w*")


@pytest.mark.parametrize("text", [
    "", "УО", "УО,ОО", "(далее – УО)", "МБОУ СОШ № 1", "аМБОУ", "1МБОУ", "_МБОУ", "МБОУ-СОШ", "«ШНОР»",
    "Ш\nНОР", "ЯМБОУ", "Провести МО", "ММО\nГМО", "ЁО ОО", "ОО.", "ВПР ЕГЭ ОГЭ", "ИРОРТ", "ГИА-9", "ЦНППМ/ЦОКО",
])
def test_word_starts_finds_what_the_plain_pattern_finds(text):
    assert _word_starts().findall(text) == _plain_word_starts().findall(text)


def test_texts_walk_nested_tables_after_their_parent():
    def table(index, rows, nested=None):
        t = Table(index, [[Cell(x, r, c) for c, x in enumerate(row)] for r, row in enumerate(rows)])
        for (r, c), inner in (nested or {}).items():
            t.rows[r][c].tables = inner
        return t
    deep = table(3, [["глубже"]])
    inner = table(2, [["в1", "в2"]], {(0, 1): [deep]})
    outer = table(0, [["а", "б"], ["в", ""]], {(0, 0): [inner], (1, 1): [table(4, [["н2"]])]})
    outer.rows[1][0].covered = True
    lay = Layout([Paragraph("п1"), outer, Paragraph("п2", list_label="1."), table(1, [["я"]])])
    expected = [p.full_text for p in lay.paragraphs()] + \
        [c.text for t in lay.tables() for row in t.rows for c in row if not c.covered and c.text]
    assert _texts(lay) == expected == ["п1", "1. п2", "а", "б", "в1", "в2", "глубже", "н2", "я"]


def test_repeated_cells_find_the_same_abbreviations():
    rows = [["Мера", "УО, ОО"], ["Мера", "УО, ОО"], ["Другая", "ИРО"], ["Мера", "УО, ОО"]]
    lay = Layout([Paragraph("Отдел образования (далее – УО) и школы (далее – ОО)"),
                  Table(0, [[Cell(x, r, c) for c, x in enumerate(row)] for r, row in enumerate(rows)])])
    once = Layout([lay.blocks[0], Table(0, [[Cell(x, r, c) for c, x in enumerate(row)]
                                            for r, row in enumerate(rows[1:3])])])
    found = find_abbreviations(lay)
    assert found == find_abbreviations(once)
    assert [a.short for a in found][:2] == ["УО", "ОО"] and "ИРО" in [a.short for a in found]
