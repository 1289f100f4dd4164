"""Programme passport: field labels, list splitting, period dates, passport tables of the seeds."""
from __future__ import annotations

from datetime import date

import pytest

from prikaz_parser.extractors.programme import (_lower_case_rule, extract_programme, field_of, period_dates, split_items,
                                                vocabulary)
from prikaz_parser.layout import Cell, Layout, Table
from prikaz_parser.readers import read

from conftest import SAMPLES


@pytest.mark.parametrize("label, field", [
    ("Наименование Программы", "name"), ("Цель программы", "goal"), ("Задачи Программы", "tasks"),
    ("Срок реализации программы", "period"), ("Сроки и этапы реализации Программы", "period"),
    ("Основные разработчики программы", "developers"), ("Основные исполнители программы", "executors"),
    ("Объемы и источники финансирования Программы", "funding"),
    ("Ожидаемые конечные результаты реализации", "expected_results"),
    ("Основные показатели (индикаторы)", "indicators"), ("Примечание", None),
])
def test_field_of(label, field):
    assert field_of(label) == field


# the rules run without re.I on the lower-cased label; a label with a letter re.I folds onto
# another (ᲂ: old Cyrillic о) is read with re.I, as before
@pytest.mark.parametrize("label, field", [("ᲂсновная цель", "goal"), ("ЦЕЛЬ", "goal"), ("ſрок", None)])
def test_field_of_case_folds(label, field):
    assert field_of(label) == field


def test_passport_rules_take_the_fast_path():
    assert all(_lower_case_rule(rx) for _, rx in vocabulary()["fields"])


@pytest.mark.parametrize("text, items", [
    ("1. Поддержка школ2. Оказание помощи3. Повышение качества.", ["Поддержка школ", "Оказание помощи",
                                                                  "Повышение качества"]),
    ("• Разработать систему. • Совершенствовать компетенции.", ["Разработать систему", "Совершенствовать компетенции"]),
    ("доля выпускников;\nколичество выпускников;", ["доля выпускников", "количество выпускников"]),
])
def test_split_items(text, items):
    assert split_items(text) == items


@pytest.mark.parametrize("text, start, end", [
    ("2021 –2024г.", date(2021, 1, 1), date(2024, 12, 31)),
    ("Первый этап (февраль - сентябрь 2020 года) ... Третий этап (январь 2023 – май 2023 г.)",
     date(2020, 2, 1), date(2023, 5, 31)),
    ("на 2019/2020 учебный год", date(2019, 9, 1), date(2020, 8, 31)),
    ("постоянно", None, None),
])
def test_period_dates(text, start, end):
    assert period_dates(text) == (start, end)


def test_passport_with_continuation_rows():
    rows = [["Наименование программы", "Программа поддержки"], ["Цель программы", "Повышение качества"],
            ["Задачи программы", "1. Первая. 2. Вторая"], ["Ожидаемые результаты", "рост;"], ["", "снижение"],
            ["Срок реализации", "2021-2024 годы"]]
    t = Table(0, [[Cell(x, r, c) for c, x in enumerate(row)] for r, row in enumerate(rows)])
    p = extract_programme(Layout(blocks=[t]))
    assert (p.name, p.tasks, p.expected_results, p.period_end) == (
        "Программа поддержки", ["Первая", "Вторая"], ["рост", "снижение"], date(2024, 12, 31))


def test_plan_table_is_no_passport():
    t = Table(0, [[Cell("№", 0, 0), Cell("Мероприятия", 0, 1)], [Cell("1", 1, 0), Cell("Семинар", 1, 1)]])
    assert extract_programme(Layout(blocks=[t])) is None


@pytest.mark.parametrize("stem, name_start, n_tasks, start, end", [
    ("000_9e09309a07830cfc", None, None, None, None),
    ("001_c24edddf20a7546d", "Муниципальная программа поддержки школ", 10, date(2021, 1, 1), date(2024, 12, 31)),
    ("002_0dc6b295a275774e", None, None, None, None),
    ("004_792d1e6bb9a819b6", "Программа поддержки школ Приозерского", 4, date(2020, 2, 1), date(2023, 5, 31)),
])
def test_seed_passports(stem, name_start, n_tasks, start, end):
    path = SAMPLES / f"{stem}.txt"
    p = extract_programme(read(path.read_bytes(), "txt", file=str(path)))
    if name_start is None:
        assert p is None
        return
    assert p.name.startswith(name_start)
    assert (len(p.tasks), p.period_start, p.period_end) == (n_tasks, start, end)


def test_every_passport_rule_spells_a_word():
    """field_of answers None for a label without a cased letter: each alternative of each rule
    holds a letter of its own."""
    import re
    for _, rx in vocabulary()["fields"]:
        for alternative in re.sub(r"\\.", "", rx).split("|"):
            assert re.search("[а-яё]", alternative), (rx, alternative)


@pytest.mark.parametrize("text", [
    "1. Первая; 2. Вторая", "а.1) Б", "доля;\nколичество", "• А • Б", "2021 год", "пункт 3.Б", "без номеров; и всё",
])
def test_split_items_gate(text):
    from prikaz_parser.extractors.programme import _ITEMS, _MARKER, _clean
    plain = [i for i in (_clean(_MARKER.sub("", p or "")).rstrip(".;,").strip() for p in _ITEMS.split(text)) if i]
    assert split_items(text) == plain
