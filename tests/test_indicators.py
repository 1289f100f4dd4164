"""Indicators: the value grammar, the three table/list readers, and the seeds end to end."""
from __future__ import annotations


import pytest

from prikaz_parser.extractors.indicator_values import parse_value
from prikaz_parser.extractors.indicators import clean, column_role, extract_indicators, target_items, unit_of
from prikaz_parser.extractors.schools import extract_schools
from prikaz_parser.layout import Cell, Layout, Paragraph, Table
from prikaz_parser.readers import read

from conftest import SAMPLES, SEED_STEMS, load_gold

# text -> (number, comparator, unit, previous, previous_period) or None
VALUES = [
    ("63 балла (в 2017-2018г – 69)", (63, None, "балл", 69, "2017-2018")),
    ("45 баллов (в 2017-2018г – 47,8)", (45, None, "балл", 47.8, "2017-2018")),
    ("0% (в 2017-2018г –5%)", (0, None, "%", 5, "2017-2018")),
    ("8,3% (в 2017-2018г – 22%)", (8.3, None, "%", 22, "2017-2018")),
    ("57 баллов (в 2018/2019 уч.г. – 63)", (57, None, "балл", 63, "2018/2019")),
    ("Более 70 баллов", (70, ">", "балл", None, None)),
    ("Более 10%", (10, ">", "%", None, None)),
    ("Не менее 32%", (32, ">=", "%", None, None)),
    ("не менее 90 %", (90, ">=", "%", None, None)),
    ("не менее 90 баллов", (90, ">=", "балл", None, None)),
    ("не менее, чем у 90 % педагогов", (90, ">=", "%", None, None)),
    ("100% школ", (100, None, "%", None, None)),
    ("100%", (100, None, "%", None, None)),
    ("не ниже 3,8", (3.8, ">=", None, None, None)),
    ("до 5%", (5, "<=", "%", None, None)),
    ("свыше 50 чел.", (50, ">", "чел.", None, None)),
    ("не более 2 человек", (2, "<=", "чел.", None, None)),
    ("менее 10 %", (10, "<", "%", None, None)),
    ("ниже 40 баллов", (40, "<", "балл", None, None)),
    ("выше 4,5", (4.5, ">", None, None, None)),
    ("≥ 75%", (75, ">=", "%", None, None)),
    ("> 60", (60, ">", None, None, None)),
    ("от 50 %", (50, ">=", "%", None, None)),
    ("0", (0, None, None, None, None)),
    ("0 %", (0, None, "%", None, None)),
    ("16,6", (16.6, None, None, None, None)),
    ("12 %", (12, None, "%", None, None)),
    ("23%%", (23, None, "%", None, None)),
    ("1 (9%)", (9, None, "%", None, None)),
    ("1 (25%)", (25, None, "%", None, None)),
    ("Подтвердили оценки – 67%", (67, None, "%", None, None)),
    ("Факт подтверждения оценок не менее 70%", (70, ">=", "%", None, None)),
    ("Оказана метод.помощь – 100% педагогам , испытывающим трудности", (100, None, "%", None, None)),
    ("Освоение не менее 100% обучающихся ООП ООО", (100, ">=", "%", None, None)),
    ("в 2021 году 85%", (85, None, "%", None, None)),
    ("3,5 балла", (3.5, None, "балл", None, None)),
    ("-", None),
    ("–", None),
    ("", None),
    ("нет данных", None),
    ("Нет данных", None),
    ("н/д", None),
    ("Партнерский договор, план реализуемых мероприятий", None),
    ("Реализация мероприятий", None),
    ("К 2021 году планируется достичь", None),
]


@pytest.mark.parametrize("text, expected", VALUES)
def test_value(text, expected):
    v = parse_value(text)
    got = None if v is None else (v.number, v.comparator, v.unit, v.previous, v.previous_period)
    assert got == expected


@pytest.mark.parametrize("header, role", [
    ("Наименование критерия", "name"), ("Показатель", "name"), ("Текущий результат", "baseline"),
    ("Базовое значение", "baseline"), ("Ожидаемый результат", "target"), ("Целевое значение", "target"),
    ("Наименование ОО", "school"), ("Предмет", "subject"), ("№ п/п", "number"), ("2022 год", "year"),
    ("2023", "year"), ("Мероприятия", "measure"), ("Ответственные", "measure"), ("АТЕ", None),
])
def test_column_role(header, role):
    assert column_role(header) == role


@pytest.mark.parametrize("name, unit", [
    ("Доля участников, получивших от 61 до 80 баллов", "%"), ("Средний балл ЕГЭ", "балл"),
    ("Численность участников, чел.", "чел."), ("Наличие победителей", None),
])
def test_unit_of_name(name, unit):
    assert unit_of(name) == unit


def test_clean_joins_hyphenation():
    assert clean("не достигших минималь- ного балла") == "не достигших минимального балла"


@pytest.mark.parametrize("text, expected", [
    ("1. Переход в эффективный режим работы 100% школ с НОР и НСУ. 2. Повышение результатов. "
     "3. Освоение не менее 100% обучающихся ООП ООО",
     [("Переход в эффективный режим работы 100% школ с НОР и НСУ", 100, "="),
      ("Освоение не менее 100% обучающихся ООП ООО", 100, ">=")]),
    ("- Формирование у педагогов управленческих компетенций (100% в этих школах).",
     [("Формирование у педагогов управленческих компетенций", 100, "=")]),
    ("4 основные общеобразовательные школы", []),
])
def test_target_items(text, expected):
    assert [(i.name, i.target, i.comparator) for i in target_items(text)] == expected


def _row(r, *texts):
    return [Cell(t, r, c) for c, t in enumerate(texts)]


def test_criteria_table_with_school_heading():
    t = Table(0, [_row(0, "№", "Наименование критерия", "Текущий результат", "Ожидаемый результат"),
                  _row(1, "1", "Средний балл ЕГЭ, русский язык", "63 балла (в 2017-2018г – 69)", "Более 70 баллов"),
                  _row(2, "2", "Наличие договора", "Договор", "Реализация"),
                  _row(3, "3", "Доля выпускников 11 кл., %", "-", "-")])
    layout = Layout(blocks=[Paragraph("1. Бураковская СОШ"), t])
    got = extract_indicators(layout, extract_schools(layout))
    assert [(i.name, i.school, i.unit, i.baseline, i.previous, i.target, i.comparator) for i in got] == [
        ("Средний балл ЕГЭ, русский язык", "Бураковская СОШ", "балл", 63, 69, 70, ">")]


def test_year_columns():
    t = Table(0, [_row(0, "Показатель", "2022 год", "2023 год"),
                  _row(1, "Доля выпускников, %", "90", "не менее 95")])
    got = extract_indicators(Layout(blocks=[t]), [])
    assert [(i.year, i.target, i.comparator, i.unit) for i in got] == [("2022 год", 90, "=", "%"),
                                                                        ("2023 год", 95, ">=", "%")]


def test_results_table_by_school():
    t = Table(0, [_row(0, "№", "Наименование ОО", "Доля участников, не достигших минималь- ного балла", "Предмет"),
                  _row(1, "1", 'МБОУ "СОШ №8 г.Томмот"', "16,7", "История"),
                  _row(2, "2", 'МБОУ "СОШ №2 г.Алдан"', "-", "Обществознание")])
    got = extract_indicators(Layout(blocks=[t]), [])
    assert [(i.name, i.school, i.baseline, i.unit) for i in got] == [
        ("Доля участников, не достигших минимального балла, История", 'МБОУ "СОШ №8 г.Томмот"', 16.7, "%")]


def test_plan_table_is_not_read():
    t = Table(0, [_row(0, "№", "Мероприятия", "Сроки", "Ожидаемый результат", "Показатель"),
                  _row(1, "1", "Семинар", "Май", "Не менее 90%", "Доля")])
    assert extract_indicators(Layout(blocks=[t]), []) == []


def _num(x):
    return None if x is None else round(float(x), 3)


def _key(i) -> tuple:
    d = i if isinstance(i, dict) else i.model_dump()
    return (d["name"], d["school"], d["unit"], _num(d["baseline"]), _num(d["previous"]), _num(d["target"]),
            d["comparator"])


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_indicators(stem):
    path = SAMPLES / f"{stem}.txt"
    layout = read(path.read_bytes(), "txt", file=str(path))
    got = sorted(map(_key, extract_indicators(layout, extract_schools(layout))), key=str)
    gold = load_gold(stem)
    assert got == sorted(map(_key, gold["indicators"]), key=str)


def test_inline_target_list_in_one_paragraph():
    from prikaz_parser.readers.text import read_text
    text = ("Целевые показатели к 2024 году: доля обучающихся, не преодолевших минимальный порог по ОГЭ, – не более "
            "5 %; средний балл ЕГЭ по математике – не менее 55 баллов; охват педагогов курсами – 100%.")
    got = [(i.name, i.unit, i.target, i.comparator, i.year) for i in extract_indicators(read_text(text), [])]
    assert got == [("доля обучающихся, не преодолевших минимальный порог по ОГЭ", "%", 5.0, "<=", "2024"),
                   ("средний балл ЕГЭ по математике", "балл", 55.0, ">=", "2024"),
                   ("охват педагогов курсами", "%", 100.0, "=", "2024")]


def test_year_columns_take_the_baseline_of_a_fact_column():
    from prikaz_parser.readers.text import read_text
    text = ("№\tНаименование показателя\tЕд. изм.\t2022 (факт)\t2023\t2024\n"
            "1\tДоля обучающихся, получивших «2» на ОГЭ\t%\t12,5\t10\t8\n")
    got = [(i.baseline, i.target, i.year) for i in extract_indicators(read_text(text), [])]
    assert got == [(12.5, 10.0, "2023"), (12.5, 8.0, "2024")]


# What the faster forms of the value grammar must keep: the numbers `_NUMBER` finds, the "no
# value" test of the joined spellings.
NUMBER_TEXTS = ["63 балла (в 2017-2018г – 69)", "8,3% и 1.5", "12.5.2020", ",5 и .7", "1 (9%)", "а1б22в",
                "2024", "", "…3,14,15", "٣ арабская цифра", "10 000"]


@pytest.mark.parametrize("text", NUMBER_TEXTS)
def test_number_scan_finds_the_numbers_of_the_grammar(text):
    import re
    from prikaz_parser.extractors.indicator_values import _NUMBER, _NUMBER_SCAN
    spans = [m.span() for m in re.finditer(_NUMBER, text)]
    assert [m.span() for m in re.finditer(_NUMBER_SCAN, text)] == spans


@pytest.mark.parametrize("text", ["нет данных", "НЕТ ДАННЫХ за 2020", "отсутствует (0)", "н/д", "Нет", " - ",
                                  "—", "", "не проводилось в 2021", "не участвовали 3 школы", "5 нет", "90 %",
                                  "2020 нет\nданных", "50 баллов"])
def test_no_value_spellings_as_one_regex(text):
    import re
    from prikaz_parser.extractors.indicator_values import NoValue, vocabulary
    joined = re.compile("|".join(vocabulary()["none"]), re.I)
    assert NoValue(vocabulary()["none"]).search(text) == bool(joined.search(text))


@pytest.mark.parametrize("text", ["1. Доля школ – 100%; 2. Средний балл – не менее 60", "доля: 5 %;\nохват • 90 %",
                                  "итоги: 2) Рост на 5 %", "12.5 баллов. 3 Школы", "Цели. 10) Охват 90%", ""])
def test_split_items_is_the_item_split(text):
    from prikaz_parser.extractors.indicators import _ITEM_SPLIT, split_items
    assert split_items(text) == _ITEM_SPLIT.split(text)
