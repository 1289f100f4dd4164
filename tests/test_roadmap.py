"""Roadmap extraction on small hand-made tables: roles, sections, splitting, continuations."""
from __future__ import annotations

import re

import pytest

from prikaz_parser.extractors.columns import header_roles, is_plan_header, role_of
from prikaz_parser.extractors.roadmap import Sections, distribute, extract_measures, should_split
from prikaz_parser.readers.text import read_text


def measures(text: str, warnings: list[str] | None = None):
    return extract_measures(read_text(text), None, [], warnings if warnings is not None else [])


@pytest.mark.parametrize("headers, roles", [
    (["№ п/п", "Мероприятия", "Сроки", "Ответственные", "Результаты исполнения"],
     ["number", "measure", "deadline", "responsible", "expected_result"]),
    (["№", "Наименование направления", "Наименование мероприятия", "Срок реализации", "Ответственные"],
     ["number", "direction", "measure", "deadline", "responsible"]),
    (["№ п/п", "Наименование мероприятия", "Формы реализации мероприятия", "Сроки выполнения", "Ответственные"],
     ["number", "measure", "form", "deadline", "responsible"]),
    (["Ответственный исполнитель", "Содержание работы", "Период реализации", "Отметка о выполнении"],
     ["responsible", "measure", "deadline", "status"]),
    (["Дата", "Мероприятие", "Исполнители", "Форма отчётности", "Примечание"],
     ["deadline", "measure", "responsible", "form", None]),
    (["Наименование мероприятия (кратко)", "Сроки исполнения", "Ожидаемый результат, отчетность"],
     ["measure", "deadline", "expected_result"]),
])
def test_header_roles(headers, roles):
    assert header_roles(headers) == roles


@pytest.mark.parametrize("header, role", [
    ("N", "number"),  # '^n$': the letter alone
    ("Nота", None),  # … not a word that starts with it
    ("№ п/п", "number"),  # '^№': at the start
    ("Мероприятия, №", "measure"),  # not at the start: '^№' does not apply
    ("Сроки исполнения", "deadline"),  # a stem anywhere
])
def test_role_anchors(header, role):
    assert role_of(header) == role


@pytest.mark.parametrize("headers, is_plan", [
    (["№", "Мероприятие", "Срок"], True),
    (["№ п/п", "Наименование критерия", "Текущий результат", "Ожидаемый результат"], False),
    (["№ п/п", "Основные риски Программы", "Пути их минимизации"], False),
    (["№", "АТЕ", "Наименование ОО", "Доля участников, не достигших минимального балла", "Предмет"], False),
    (["Результаты", "Эффекты"], False),
])
def test_plan_header(headers, is_plan):
    assert is_plan_header(header_roles(headers)) is is_plan


@pytest.mark.parametrize("headings, value", [
    (["1. Кадры"], "1. Кадры"),
    (["Муниципальный уровень", "I. Организация"], "Муниципальный уровень / I. Организация"),
    (["Муниципальный уровень", "I. Организация", "II. Профилактика"], "Муниципальный уровень / II. Профилактика"),
    (["Муниципальный уровень", "I. А", "Уровень образовательной организации", "I. Б"],
     "Уровень образовательной организации / I. Б"),
    (["1. Раздел", "1.1. Подраздел"], "1. Раздел / 1.1. Подраздел"),
    (["1. Раздел", "1.1. Подраздел", "2. Другой"], "2. Другой"),
])
def test_sections(headings, value):
    s = Sections()
    for h in headings:
        s.heading(h)
    assert s.value == value


@pytest.mark.parametrize("paras, others, split", [
    (["А", "Б"], [["май", "июнь"], []], True),
    (["Организация контроля над:", "- успеваемостью", "- посещаемостью"], [["в течение года"], []], False),
    (["Разработка плана", "Утверждение плана"], [["май"], ["УО"]], True),
    (["Проведение мониторинга", "результатов ВПР"], [["май"], ["УО"]], False),
    (["Одна мера"], [["май", "июнь"]], False),
])
def test_should_split(paras, others, split):
    assert should_split(paras, others) is split


@pytest.mark.parametrize("paras, n, out", [
    (["май", "июнь"], 2, ["май", "июнь"]),
    (["май"], 3, ["май", "май", "май"]),
    ([], 2, ["", ""]),
    (["май", "июнь"], 3, None),
])
def test_distribute(paras, n, out):
    assert distribute(paras, n) == out


TABLE = (
    "№\tМероприятие\tСрок\tОтветственные\n"
    "<b>1. Кадры</b>\t\t\t\n"
    "1.1\tПовышение квалификации\tв течение года\tУО, ОО\n"
    "1.2\t<p>Первая мера</p><p>Вторая мера</p>\t<p>май</p><p>июнь</p>\t<p>УО</p><p>ОО</p>\n"
    "\tНовая мера без номера\tАвгуст\t\n"
    "\tпродолжение текста\t\t\n"
)


def test_measures_from_a_small_roadmap():
    ms = measures(TABLE)
    assert [(m.id, m.text) for m in ms] == [
        ("1.1", "Повышение квалификации"), ("1.2", "Первая мера"), ("1.2", "Вторая мера"),
        (None, "Новая мера без номера продолжение текста")]
    assert {m.section for m in ms} == {"1. Кадры"}
    assert [m.deadline.raw for m in ms] == ["в течение года", "май", "июнь", "Август"]
    assert [b.raw for b in ms[0].responsible] == ["УО", "ОО"]
    assert [b.raw for b in ms[2].responsible] == ["ОО"]
    assert ms[3].responsible == []
    assert ms[0].provenance.table == 0 and ms[0].provenance.row == 2 and ms[0].provenance.col == 1


def test_mismatched_paragraph_counts_leave_deadlines_empty_and_warn():
    w: list[str] = []
    ms = measures("№\tМероприятие\tСрок\tОтветственные\n"
                  "2.\t<p>А</p><p>Б</p><p>В</p>\t<p>май</p><p>июнь</p>\t<p>УО</p><p>ОО</p>\n", w)
    assert [m.text for m in ms] == ["А", "Б", "В"]
    assert all(m.deadline is None and m.responsible is None for m in ms)
    assert len(w) == 1 and "3 measures" in w[0] and "2 deadline" in w[0]


def test_continuation_table_without_number_column_and_headings_between_tables():
    text = ("№\tНаправление\tМероприятие\tСрок\tОтветственные\n"
            "1.\tОбмен опытом по\tСеминар\tМай\tУО\n"
            "\n"
            "вопросам качества\tВебинар\tИюнь\tОО\n"
            "2. Работа с родителями\tСобрание\tСентябрь\tОО\n"
            "\n"
            "Уровень образовательной организации\n"
            "\n"
            "№\tНаправление\tМероприятие\tСрок\tОтветственные\n"
            "\n"
            "I. Организация\n"
            "\n"
            "1.\tКадры\tКурсы\tОктябрь\tОО\n")
    ms = measures(text)
    assert [(m.id, m.section, m.text) for m in ms] == [
        ("1.", "Обмен опытом по вопросам качества", "Семинар"),
        (None, "Обмен опытом по вопросам качества", "Вебинар"),
        ("2.", "Работа с родителями", "Собрание"),
        ("1.", "Уровень образовательной организации / I. Организация / Кадры", "Курсы")]


def test_unknown_columns_are_kept_and_status_is_read():
    ms = measures("№\tМероприятие\tСрок\tИсполнитель\tПримечание\tРезультат\n"
                  "1.\tОтчёт\tМай\tУО\tсм. план\tВыполнено. Приказ № 5\n")
    assert ms[0].extra == {"Примечание": "см. план"}
    assert ms[0].status == "Выполнено" and ms[0].expected_result == "Выполнено. Приказ № 5"


def test_non_plan_tables_give_no_measures():
    assert measures("№\tНаименование критерия\tТекущий результат\tОжидаемый результат\n1\tДоля\t5%\t0%\n") == []


@pytest.mark.parametrize("text, expected", [
    # a numbered title row heads the rows numbered under it
    ("№\tМероприятие\tСрок\tОтветственный\n1.\tОрганизационные мероприятия\t\t\n1.1.\tСовет\tМай\tУО\n"
     "2.\tОтчёт\tИюнь\tУО\n",
     [("1.1.", "1. Организационные мероприятия", "Совет"), ("2.", "1. Организационные мероприятия", "Отчёт")]),
    # a measure row with empty cells whose number does not head the next rows stays a measure
    ("№\tМероприятие\tСрок\tОтветственный\n4.1.\tМониторинг\tМай\tУО\n4.1.\tМониторинг программ\t\t\n"
     "4.6\tАнализ\tИюнь\tУО\n",
     [("4.1.", None, "Мониторинг"), ("4.1.", None, "Мониторинг программ"), ("4.6", None, "Анализ")]),
    # a 'Задачи' column groups the measures (a direction), it is not a second measure column
    ("Задачи\tМероприятия\tСроки\tИсполнители\nПовысить квалификацию\tКурсы\tМай\tУО\n\tСеминар\tИюнь\tОО\n",
     [(None, "Повысить квалификацию", "Курсы"), (None, "Повысить квалификацию", "Семинар")]),
])
def test_sections_from_numbered_rows_and_task_columns(text, expected):
    assert [(m.id, m.section, m.text) for m in measures(text)] == expected


def test_deadline_header_spanning_start_and_end_columns():
    ms = measures("Мероприятие\tСрок исполнения\t\tОтветственный\n\tначало\tокончание\t\n"
                  "Курсы\tоктябрь 2022\tноябрь 2022\tУО\nСовет\tмай 2023\t\tОО\n")
    assert [(m.text, m.deadline.raw) for m in ms] == [("Курсы", "октябрь 2022 – ноябрь 2022"), ("Совет", "май 2023")]
    assert ms[0].extra == {}


def test_title_alone_in_the_measure_column_of_a_numbered_table_is_a_heading():
    ms = measures("№\tМероприятие\tСрок\tОтветственный\n\tОрганизационная работа\t\t\n1.\tСовет\tМай\tУО\n"
                  "2.\tОтчёт\tИюнь\tУО\n\tРабота с кадрами\t\t\n3.\tКурсы\tИюль\tОО\n")
    assert [(m.id, m.section) for m in ms] == [("1.", "Организационная работа"), ("2.", "Организационная работа"),
                                              ("3.", "Работа с кадрами")]


# -- gates that skip work: each gives what the full computation gives ------------------------------

@pytest.mark.parametrize("text", [
    "Сентябрь-октябрь", "в течение года", "Сентябрь, в течение года", "май;июнь", "май ; июнь", "УО, до 1 мая",
    "отдел по образованию апрель-июнь", "2023, май", "_ май", "ОО ,,; 12.05.2023", " май", "по плану работы",
    "ежегодно, ежеквартально", "к 1 мая", "не позднее 5 дней", "весь период", "Март 2023 г., Апрель", "",
])
def test_deadline_start_is_the_lookbehind_form(text):
    from prikaz_parser.extractors.cell_items import DEADLINE_START
    reference = re.compile(DEADLINE_START.pattern.replace(r"[ ,;](?<=[^\W\d_][ ,;])[ ,;]*", r"(?<=[^\W\d_])[ ,;]+", 1),
                           re.I)
    assert reference.pattern != DEADLINE_START.pattern
    assert [m.span() for m in DEADLINE_START.finditer(text)] == [m.span() for m in reference.finditer(text)]


def _reconcile_reference(measures, deadlines, bodies):
    """`reconcile` as first written: both counts taken before any test."""
    from prikaz_parser.extractors.cell_items import DEADLINE_START, LIST_BOUNDARY, most_items, resplit
    n = len(measures)
    m_max = most_items(measures, LIST_BOUNDARY)
    d_max = most_items(deadlines, DEADLINE_START) if deadlines else 0
    if m_max > n and m_max in (d_max, len(bodies)) and m_max > max(len(deadlines), len(bodies), 1):
        measures = resplit(measures, LIST_BOUNDARY)
    n = len(measures)
    if 1 < len(deadlines) < n and d_max == n:
        deadlines = resplit(deadlines, DEADLINE_START)
    return measures, deadlines, bodies


@pytest.mark.parametrize("measures, deadlines, bodies", [
    (["Семинар для директоров; Разработка плана"], ["октябрь УО апрель-июнь"], ["УО"]),
    (["Семинар для директоров; Разработка плана"], ["октябрь"], ["УО", "ОО"]),
    (["Семинар. Разработка плана. Отчёт"], ["май", "июнь"], ["УО", "ОО", "РМО"]),
    (["А; Б", "В"], ["май", "июнь", "июль"], []),
    (["А; Б; В"], ["май, в течение года"], ["УО"]),
    (["А", "Б", "В"], ["май", "июнь апрель"], ["УО"]),
    (["А"], [], []),
    ([], ["май"], ["УО"]),
])
def test_reconcile_takes_the_deadline_count_first(measures, deadlines, bodies):
    from prikaz_parser.extractors.cell_items import reconcile
    assert reconcile(measures, deadlines, bodies) == _reconcile_reference(measures, deadlines, bodies)


@pytest.mark.parametrize("text, words, same", [
    ("Кадры", "Кадры", True), ("  Кадры \n работа ", "Кадры работа", True), ("Кадры", "Кадры работа", False),
    ("1.1", "Повышение квалификации", False), ("Повышение\tквалификации", "Повышение квалификации", True),
    ("Повышение квалификации педагогов", "Повышение квалификации", False), ("Кадрыы", "Кадры", False),
])
def test_says_is_clean_equality(text, words, same):
    from prikaz_parser.extractors.roadmap import clean, says
    assert says(text, words) is same is (clean(text) == words)


@pytest.mark.parametrize("texts, numbers", [
    (["1", "2", "3"], True), (["1.", "2.", "3.", "4."], True), (["1", "2"], False), (["2", "3", "4"], False),
    (["1.1", "Кадры", "май"], False), (["№", "Мероприятие", "Срок"], False), ([" 1 ", "2", "3"], True),
    (["1", "Кадры", "2", "3"], False), (["1", "2", "Кадры"], False), (["1", " 2. ", "3"], True),
])
def test_column_numbers_gate(texts, numbers):
    from prikaz_parser.extractors.roadmap import may_be_column_numbers
    from prikaz_parser.layout import Cell
    from prikaz_parser.readers.continuation import is_column_numbers
    cells = [Cell(text=t, row=0, col=k) for k, t in enumerate(texts)]
    assert is_column_numbers(cells) is numbers
    assert may_be_column_numbers(cells) or not numbers

