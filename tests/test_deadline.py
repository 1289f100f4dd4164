"""Deadline grammar: cell as printed + document period -> start, end, recurrence (tables of cases)."""
from __future__ import annotations

import re
from datetime import date

import pytest

from prikaz_parser.extractors import deadline as DL
from prikaz_parser.extractors.deadline import RULES, parse_deadline
from prikaz_parser.extractors.literal_gate import LiteralGate
from prikaz_parser.extractors.period import Period

# the periods of the five seeds, as document_period infers them (checked in test_period.py)
ALDAN = Period(date(2020, 9, 25), 2020, 2021, True, date(2020, 9, 1), date(2021, 8, 31))  # school year 2020/21
DUBOVKA = Period(date(2021, 8, 10), 2021, 2024, False, date(2021, 1, 1), date(2024, 12, 31))  # programme 2021-2024
ARMAVIR = Period(date(2023, 3, 22), 2023, 2023, False, date(2023, 1, 1), date(2023, 12, 31))  # "в 2023 году"
SPASSK = Period()  # a report with no date of its own
PRIOZERSK = Period(date(2020, 1, 20), 2020, 2023, False, None, None,  # 2020-2023 vs stages Feb 2020 - May 2023
                   ((date(2020, 2, 1), date(2020, 9, 30)), (date(2020, 10, 1), date(2022, 12, 31)),
                    (date(2023, 1, 1), date(2023, 5, 31))))
NONE = None
SCHOOL_2324 = Period(date(2023, 8, 30), 2023, 2024, True, date(2023, 9, 1), date(2024, 8, 31))


def d(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


# every distinct deadline of the five gold files, with its document's period
GOLD = [
    # 000_9e09309a07830cfc
    (ALDAN, 'Сентябрь-октябрь', '2020-09-01', '2020-10-31', 'once'),
    (ALDAN, 'в течение года в соответствии с ежегодным планом повышения квалификации', None, None, 'continuous'),
    (ALDAN, 'в течение года', None, None, 'continuous'),
    (ALDAN, 'Сентябрь', '2020-09-01', '2020-09-30', 'once'),
    (ALDAN, 'Сентябрь, в течение года', '2020-09-01', None, 'continuous'),
    (ALDAN, 'Октябрь-ноябрь', '2020-10-01', '2020-11-30', 'once'),
    (ALDAN, 'Август', '2021-08-01', '2021-08-31', 'once'),
    (ALDAN, 'в соответствии с планами РМО', None, None, 'by_plan'),
    (ALDAN, 'Январь, март, июнь, ноябрь', '2020-11-01', '2021-06-30', 'multiple'),
    (ALDAN, 'Апрель', '2021-04-01', '2021-04-30', 'once'),
    (ALDAN, 'Июнь-сентябрь', '2021-06-01', '2021-09-30', 'once'),
    (ALDAN, 'Январь, июнь', '2021-01-01', '2021-06-30', 'multiple'),
    (ALDAN, 'по графику', None, None, 'by_plan'),
    (ALDAN, 'Апрель-май', '2021-04-01', '2021-05-31', 'once'),
    (ALDAN, 'Февраль', '2021-02-01', '2021-02-28', 'once'),
    (ALDAN, 'в соответствии с планом мероприятий', None, None, 'by_plan'),
    (ALDAN, 'постоянно', None, None, 'continuous'),
    (ALDAN, 'Декабрь', '2020-12-01', '2020-12-31', 'once'),
    (ALDAN, 'Ноябрь-декабрь', '2020-11-01', '2020-12-31', 'once'),
    (ALDAN, 'Январь', '2021-01-01', '2021-01-31', 'once'),
    (ALDAN, 'Январь-февраль', '2021-01-01', '2021-02-28', 'once'),
    (ALDAN, 'По отдельному графику', None, None, 'by_plan'),
    (ALDAN, 'август', '2021-08-01', '2021-08-31', 'once'),
    (ALDAN, 'по результатам ГИА', None, None, 'on_event'),
    (ALDAN, 'по отдельному графику', None, None, 'by_plan'),
    # 001_c24edddf20a7546d
    (DUBOVKA, 'май -август', None, None, 'once'),
    (DUBOVKA, 'по плану работы Отдела по образованию', None, None, 'by_plan'),
    (DUBOVKA, 'апрель-июнь', None, None, 'once'),
    (DUBOVKA, 'до 1 сентября нового учебного года', None, None, 'once'),
    (DUBOVKA, 'Весь период', '2021-01-01', '2024-12-31', 'continuous'),
    (DUBOVKA, 'до 1 сентября', None, None, 'once'),
    (DUBOVKA, 'По плану работы ГАУ ДПО «ВГАПО»', None, None, 'by_plan'),
    (DUBOVKA, '2020-2023г.', '2020-01-01', '2023-12-31', 'continuous'),
    (DUBOVKA, 'с 2021г., весь период', '2021-01-01', '2024-12-31', 'continuous'),
    (DUBOVKA, 'не менее 2 раз в год', None, None, 'semiannual'),
    (DUBOVKA, 'По плану ГАУ ДПО «ВГАПО»', None, None, 'by_plan'),
    (DUBOVKA, 'По плану работы ОО и согласованию', None, None, 'by_plan'),
    (DUBOVKA, 'В течение года, май', None, None, 'continuous'),
    (DUBOVKA, 'по плану ОО', None, None, 'by_plan'),
    (DUBOVKA, 'в течение всего периода', '2021-01-01', '2024-12-31', 'continuous'),
    (DUBOVKA, 'Июнь, ежегодно', None, None, 'yearly'),
    # 002_0dc6b295a275774e
    (ARMAVIR, 'До 30 января 2023 года', None, '2023-01-30', 'once'),
    (ARMAVIR, 'Ежеквартально', None, None, 'quarterly'),
    (ARMAVIR, 'До 1 апреля 2023 года', None, '2023-04-01', 'once'),
    (ARMAVIR, 'По отдельному графику', None, None, 'by_plan'),
    (ARMAVIR, 'Сентябрь 2023', '2023-09-01', '2023-09-30', 'once'),
    (ARMAVIR, 'Апрель 2023', '2023-04-01', '2023-04-30', 'once'),
    (ARMAVIR, '25 апреля 2023', '2023-04-25', '2023-04-25', 'once'),
    (ARMAVIR, 'Февраль', '2023-02-01', '2023-02-28', 'once'),
    (ARMAVIR, 'Август 2023', '2023-08-01', '2023-08-31', 'once'),
    (ARMAVIR, 'Январь 2023', '2023-01-01', '2023-01-31', 'once'),
    (ARMAVIR, '1 раз в четверть', None, None, 'per_term'),
    (ARMAVIR, 'Январь-декабрь 2023', '2023-01-01', '2023-12-31', 'continuous'),
    (ARMAVIR, 'Не реже 1 раза в четверть', None, None, 'per_term'),
    (ARMAVIR, 'Февраль 2023', '2023-02-01', '2023-02-28', 'once'),
    (ARMAVIR, 'До 24 апреля 2023 года', None, '2023-04-24', 'once'),
    (ARMAVIR, 'Февраль, март, апрель, сентябрь, ноябрь', '2023-02-01', '2023-11-30', 'multiple'),
    (ARMAVIR, 'Апрель', '2023-04-01', '2023-04-30', 'once'),
    (ARMAVIR, 'Февраль – декабрь 2023 (по отдельному плану)', '2023-02-01', '2023-12-31', 'by_plan'),
    (ARMAVIR, 'Октябрь', '2023-10-01', '2023-10-31', 'once'),
    (ARMAVIR, 'По отдельному плану', None, None, 'by_plan'),
    (ARMAVIR, 'Февраль, апрель, июнь, сентябрь, ноябрь', '2023-02-01', '2023-11-30', 'multiple'),
    (ARMAVIR, 'Один раз в два месяца', None, None, 'bimonthly'),
    (ARMAVIR, 'Январь-декабрь', '2023-01-01', '2023-12-31', 'continuous'),
    (ARMAVIR, 'До 1 декабря 2023 года', None, '2023-12-01', 'once'),
    (ARMAVIR, 'По итогам учебной четверти', None, None, 'per_term'),
    (ARMAVIR, 'По итогам оценочной процедуры', None, None, 'on_event'),
    (ARMAVIR, 'Один раз в четверть', None, None, 'per_term'),
    (ARMAVIR, 'По плану работы МТКП', None, None, 'by_plan'),
    (ARMAVIR, 'По плану работы ГБОУ ИРО КК', None, None, 'by_plan'),
    (ARMAVIR, 'Март 2023', '2023-03-01', '2023-03-31', 'once'),
    (ARMAVIR, 'Март – ноябрь', '2023-03-01', '2023-11-30', 'continuous'),
    (ARMAVIR, 'ПО плану работы', None, None, 'by_plan'),
    (ARMAVIR, 'Декабрь 2023', '2023-12-01', '2023-12-31', 'once'),
    # 003_88bb5221f7c9b210
    (SPASSK, 'Август 2018', '2018-08-01', '2018-08-31', 'once'),
    (SPASSK, 'В течение 2018-2019 учебного года', '2018-09-01', '2019-08-31', 'continuous'),
    (SPASSK, 'Август 2018 Август 2019', '2018-08-01', '2019-08-31', 'multiple'),
    (SPASSK, 'В течение 2018-2019 уч. года', '2018-09-01', '2019-08-31', 'continuous'),
    (SPASSK, 'В течение 2018-2020 уч года', '2018-09-01', '2020-08-31', 'continuous'),
    # 004_792d1e6bb9a819b6
    (PRIOZERSK, 'не реже 1-го раза в год', None, None, 'yearly'),
    (PRIOZERSK, 'ежеквартально', None, None, 'quarterly'),
    (PRIOZERSK, 'Январь 2021 года', '2021-01-01', '2021-01-31', 'once'),
    (PRIOZERSK, 'Январь-февраль 2021 года', '2021-01-01', '2021-02-28', 'once'),
    (PRIOZERSK, 'Постоянно', None, None, 'continuous'),
    (PRIOZERSK, 'По окончании каждого этапа', None, None, 'on_event'),
    (PRIOZERSK, 'Апрель май 2021 года', '2021-04-01', '2021-05-31', 'once'),
    (PRIOZERSK, 'Март-апрель 2021 года', '2021-03-01', '2021-04-30', 'once'),
    (PRIOZERSK, 'по плану работы', None, None, 'by_plan'),
    (PRIOZERSK, 'Ежеквартально по направлениям реализации Программы', None, None, 'quarterly'),
    (PRIOZERSK, 'По плану ЛОИРО', None, None, 'by_plan'),
    (PRIOZERSK, 'Октябрь 2021 года', '2021-10-01', '2021-10-31', 'once'),
    (PRIOZERSK, 'Сроки 2-го этапа реализации Программы', '2020-10-01', '2022-12-31', 'continuous'),
    (PRIOZERSK, 'Весь период', None, None, 'continuous'),
    (PRIOZERSK, 'в течение года по плану', None, None, 'by_plan'),
    (PRIOZERSK, 'постоянно', None, None, 'continuous'),
    (PRIOZERSK, 'ежегодно', None, None, 'yearly'),
    (PRIOZERSK, 'По мере необходимости', None, None, 'as_needed'),
    (PRIOZERSK, 'ежегодно не менее 1 раза в год', None, None, 'yearly'),
    (PRIOZERSK, '2020-2021 годы', '2020-01-01', '2021-12-31', 'once'),
    (PRIOZERSK, '2021 год', '2021-01-01', '2021-12-31', 'once'),
    (PRIOZERSK, '2020 -2021 годы', '2020-01-01', '2021-12-31', 'once'),
    (PRIOZERSK, '2020-2023 годы', '2020-01-01', '2023-12-31', 'once'),
    (PRIOZERSK, 'ежегодно декабрь – март', None, None, 'yearly'),
]

# spellings the seeds do not have
MORE = [
    # ranges of quarters and half-years
    (NONE, "II–III квартал 2024 г.", "2024-04-01", "2024-09-30", "once"),
    (NONE, "1-2 квартал 2023 г.", "2023-01-01", "2023-06-30", "once"),
    (NONE, "I-II полугодие 2023 г.", "2023-01-01", "2023-12-31", "once"),
    (ARMAVIR, "III - IV квартал", "2023-07-01", "2023-12-31", "once"),
    # quarters, half-years, terms
    (NONE, "III квартал 2024 г.", "2024-07-01", "2024-09-30", "once"),
    (NONE, "1 квартал 2023 года", "2023-01-01", "2023-03-31", "once"),
    (NONE, "IV кв. 2023", "2023-10-01", "2023-12-31", "once"),
    (NONE, "II кв. 2024 г.", "2024-04-01", "2024-06-30", "once"),
    (NONE, "4-й квартал 2022 года", "2022-10-01", "2022-12-31", "once"),
    (NONE, "первый квартал 2025 года", "2025-01-01", "2025-03-31", "once"),
    (ARMAVIR, "II квартал", "2023-04-01", "2023-06-30", "once"),
    (DUBOVKA, "III квартал", None, None, "once"),
    (NONE, "1 полугодие 2024 года", "2024-01-01", "2024-06-30", "once"),
    (NONE, "2 полугодие 2023/2024 учебного года", "2024-01-01", "2024-05-31", "once"),
    (ALDAN, "II полугодие", "2021-01-01", "2021-05-31", "once"),
    (ALDAN, "1 четверть", "2020-09-01", "2020-10-31", "once"),
    (NONE, "I четверть 2020-2021 уч. г.", "2020-09-01", "2020-10-31", "once"),
    # academic years, year ranges, years
    (NONE, "2024/2025 учебный год", "2024-09-01", "2025-08-31", "once"),
    (NONE, "2018-2019 уч. года", "2018-09-01", "2019-08-31", "once"),
    (NONE, "в течение 2023-2024 учебного года", "2023-09-01", "2024-08-31", "continuous"),
    (NONE, "В течение 2022/23 уч.г.", "2022-09-01", "2023-08-31", "continuous"),
    (NONE, "2021-2024 гг.", "2021-01-01", "2024-12-31", "once"),
    (NONE, "2022 – 2023 годы", "2022-01-01", "2023-12-31", "once"),
    (NONE, "в 2023 году", "2023-01-01", "2023-12-31", "once"),
    (NONE, "в течение 2023 года", "2023-01-01", "2023-12-31", "continuous"),
    (NONE, "до конца 2023 года", None, "2023-12-31", "once"),
    # dates and date ranges
    (NONE, "до 01.09.2023", None, "2023-09-01", "once"),
    (NONE, "25.04.2023", "2023-04-25", "2023-04-25", "once"),
    (NONE, "25.04.2023 г.", "2023-04-25", "2023-04-25", "once"),
    (NONE, "с 01.02.2025 по 28.02.2025", "2025-02-01", "2025-02-28", "once"),
    (NONE, "01.09.2023-31.05.2024", "2023-09-01", "2024-05-31", "once"),
    (NONE, "с 1 по 15 сентября 2023 г.", "2023-09-01", "2023-09-15", "once"),
    (NONE, "1-15 сентября 2023", "2023-09-01", "2023-09-15", "once"),
    (NONE, "к 1 сентября 2024 г.", None, "2024-09-01", "once"),
    (NONE, "не позднее 25.12.2023", None, "2023-12-25", "once"),
    (ARMAVIR, "до 15 мая", None, "2023-05-15", "once"),
    (ALDAN, "до 1 июня", None, "2021-06-01", "once"),
    (NONE, "10.01.2023, 15.03.2023", "2023-01-10", "2023-03-15", "multiple"),
    # months: ranges, lists, years
    (NONE, "ноябрь 2024 – май 2025", "2024-11-01", "2025-05-31", "continuous"),
    (NONE, "декабрь 2023 - февраль 2024", "2023-12-01", "2024-02-29", "once"),
    (NONE, "декабрь - февраль 2024", "2023-12-01", "2024-02-29", "once"),
    (ARMAVIR, "январь, апрель, июль, октябрь", "2023-01-01", "2023-10-31", "multiple"),
    (ALDAN, "Сентябрь, май", "2020-09-01", "2021-05-31", "multiple"),
    (ALDAN, "октябрь и март", "2020-10-01", "2021-03-31", "multiple"),
    (ALDAN, "Сентябрь-май", "2020-09-01", "2021-05-31", "continuous"),
    (SCHOOL_2324, "май", "2024-05-01", "2024-05-31", "once"),
    (SCHOOL_2324, "ноябрь", "2023-11-01", "2023-11-30", "once"),
    (NONE, "март, 2024", "2024-03-01", "2024-03-31", "once"),
    (NONE, "с сентября 2023 года", "2023-09-01", None, "once"),
    (NONE, "Май", None, None, "once"),
    (NONE, "Февраль - март 2022 г.", "2022-02-01", "2022-03-31", "once"),
    # typos and OCR noise
    (ALDAN, "Сентябрь- октябрь", "2020-09-01", "2020-10-31", "once"),
    (ALDAN, "Сентябрь -октябрь", "2020-09-01", "2020-10-31", "once"),
    (NONE, "сентябрь–октябрь 2023г.", "2023-09-01", "2023-10-31", "once"),
    (NONE, "Ceнтябрь 2023", "2023-09-01", "2023-09-30", "once"),  # Latin C, e
    (NONE, "0ктябрь 2023", "2023-10-01", "2023-10-31", "once"),  # zero for О
    (NONE, "  Апрель\n2023  ", "2023-04-01", "2023-04-30", "once"),
    (NONE, "Март—апрель 2024 г.", "2024-03-01", "2024-04-30", "once"),
    # recurring
    (NONE, "1 и 3 неделя месяца", None, None, "monthly"),
    (NONE, "еженедельно", None, None, "weekly"),
    (NONE, "1 раз в неделю", None, None, "weekly"),
    (NONE, "ежемесячно до 5 числа", None, None, "monthly"),
    (NONE, "ежемесячно", None, None, "monthly"),
    (NONE, "один раз в два месяца", None, None, "bimonthly"),
    (NONE, "1 раз в 2 месяца", None, None, "bimonthly"),
    (NONE, "2 раза в год", None, None, "semiannual"),
    (NONE, "не реже 2 раз в год", None, None, "semiannual"),
    (NONE, "по полугодиям", None, None, "semiannual"),
    (NONE, "4 раза в год", None, None, "quarterly"),
    (NONE, "ежеквартально, в 2023 году", "2023-01-01", "2023-12-31", "quarterly"),
    (NONE, "по итогам четверти", None, None, "per_term"),
    (NONE, "по четвертям", None, None, "per_term"),
    (NONE, "ежегодно до 1 июля", None, None, "yearly"),
    (NONE, "1 раз в год", None, None, "yearly"),
    (NONE, "ежегодный мониторинг", None, None, "yearly"),
    (NONE, "ежедневно", None, None, "continuous"),
    # continuous, plans, needs, events
    (NONE, "в течение года", None, None, "continuous"),
    (ALDAN, "в течение учебного года", None, None, "continuous"),
    (DUBOVKA, "в течение всего периода", "2021-01-01", "2024-12-31", "continuous"),
    (NONE, "в течение всего периода", None, None, "continuous"),
    (DUBOVKA, "весь период реализации программы", "2021-01-01", "2024-12-31", "continuous"),
    (NONE, "систематически", None, None, "continuous"),
    (NONE, "по плану работы ИРО", None, None, "by_plan"),
    (NONE, "согласно графику", None, None, "by_plan"),
    (NONE, "по утвержденному графику", None, None, "by_plan"),
    (NONE, "в сроки, установленные министерством", None, None, "by_plan"),
    (NONE, "по мере поступления", None, None, "as_needed"),
    (NONE, "по запросу", None, None, "as_needed"),
    (NONE, "при необходимости", None, None, "as_needed"),
    (NONE, "в течение 2 недель после получения результатов", None, None, "on_event"),
    (NONE, "в течение 10 рабочих дней после проведения", None, None, "on_event"),
    (NONE, "по итогам ГИА", None, None, "on_event"),
    (NONE, "по окончании каждого этапа", None, None, "on_event"),
    (NONE, "после проведения ВПР", None, None, "on_event"),
    (PRIOZERSK, "Сроки 1-го этапа", "2020-02-01", "2020-09-30", "continuous"),
    (PRIOZERSK, "третий этап реализации программы", "2023-01-01", "2023-05-31", "continuous"),
]


def same_recurrence(got: str | None, want: str, start: str | None, end: str | None) -> bool:
    """As the scorer judges: for a dated span (start != end) once and continuous are alike."""
    return got == want or (bool(start and end and start != end) and {got, want} <= {"once", "continuous"})


@pytest.mark.parametrize("period, raw, start, end, recurrence", GOLD)
def test_gold_deadline(period, raw, start, end, recurrence):
    got = parse_deadline(raw, period)
    assert (got.start, got.end) == (d(start), d(end)), got.rule
    assert same_recurrence(got.recurrence, recurrence, start, end), (got.recurrence, got.rule)


@pytest.mark.parametrize("period, raw, start, end, recurrence", MORE)
def test_deadline(period, raw, start, end, recurrence):
    got = parse_deadline(raw, period)
    assert (got.start, got.end, got.recurrence) == (d(start), d(end), recurrence), got.rule


def test_enough_cases():
    assert len(GOLD) >= 100 and len(MORE) >= 80


@pytest.mark.parametrize("raw, printed", [
    ("  Сентябрь-\n октябрь ", "Сентябрь- октябрь"),
    ("До 30 января\t2023 года", "До 30 января 2023 года"),
])
def test_raw_is_whitespace_collapsed(raw, printed):
    assert parse_deadline(raw).raw == printed


@pytest.mark.parametrize("raw", ["", "   ", "\n", None])
def test_empty_cell_is_none(raw):
    assert parse_deadline(raw) is None


@pytest.mark.parametrize("raw, rule", [
    ("Январь, март", "list"), ("Ежеквартально", "frequency"), ("по плану ОО", "plan"),
    ("Весь период", "whole_period"), ("Сентябрь, в течение года", "all_year"), ("Апрель", "dated"),
    ("что-то непонятное", "unknown"),
])
def test_rule_is_named(raw, rule):
    assert parse_deadline(raw, ALDAN).rule == rule
    assert rule == "unknown" or f"rule_{rule}" in {r.__name__ for r in RULES}


def test_multiple_lists_its_dates():
    got = parse_deadline("Январь, март, июнь, ноябрь", ALDAN)
    assert got.dates == [date(2020, 11, 1), date(2021, 1, 1), date(2021, 3, 1), date(2021, 6, 1)]


def test_cached_result_is_not_shared():
    a = parse_deadline("Апрель", ARMAVIR)
    a.start = None
    assert parse_deadline("Апрель", ARMAVIR).start == date(2023, 4, 1)


# ---- shortcuts: each gives what the plain grammar gives ------------------------------------------
def _atoms_ungated(text: str) -> list:
    """The atoms with every rule run on every cell (no gates, no digit test)."""
    found, taken = [], []
    for kind, rx in DL._ATOMS:
        for m in rx.finditer(text):
            if not any(m.start() < b and a < m.end() for a, b in taken):
                a = DL._make(kind, m)
                if a is not None:
                    found.append(a)
                    taken.append(m.span())
    return DL._anchor_school(sorted(found, key=lambda a: a.span), text)


@pytest.mark.parametrize("raw", [
    "Сентябрь-октябрь", "в течение года в соответствии с ежегодным планом", "май", "мая 2021 года",
    "до 30 мая", "1-15 мая 2023", "2 полугодие 2023/2024 учебного года", "I четверть 2020-2021 уч. г.",
    "II-III квартал", "25.04", "15.05.23", "программа, информация, тема", "март, 2024", "Ceнтябрь 2023",
])
def test_gated_atoms_are_the_ungated_ones(raw):
    text = DL.normalise(raw)
    assert DL.atoms(text) == _atoms_ungated(text)


def _loop_number(table: dict[str, list[str]], tail: str, word: str) -> int | None:
    """The first table entry whose own regex matches the word (what the one combined regex replaces)."""
    return next((int(n) for n, alts in table.items() if re.match(rf"(?:{'|'.join(alts)}){tail}", word)), None)


@pytest.mark.parametrize("word", ["январь", "янв.", "февр", "март", "мар.", "май", "мая", "маю", "мае", "июнь",
                                  "июня", "июль", "авг.", "сент", "сен.", "октября", "нояб", "декабрь", "майка",
                                  "мартовский", "х"])
def test_month_number_is_the_first_entry_that_matches(word):
    assert DL._month_no(word) == _loop_number(DL._MONTHS["months"], DL._NOT_LETTER, word)


@pytest.mark.parametrize("word", ["i", "ii", "iii", "iv", "1", "2-й", "3-го", "4е", "первый", "второго", "третье",
                                  "четвертый", "v", "5", "1 .", "ii."])
def test_ordinal_number_is_the_first_entry_that_matches(word):
    assert DL._ord_no(word) == _loop_number(DL._MONTHS["ordinals"], "$", re.sub(r"[\s.]", "", word))


def test_every_cue_needs_a_three_letter_word():
    """`_cue` answers False without searching when the masked cell has no word of three letters."""
    asked = {"as_needed", "weekly", "bimonthly", "monthly", "quarterly", "per_term", "semiannual", "yearly",
             "daily_continuous", "on_event", "plan_strong", "whole_period", "continuous", "plan_weak"}
    for name in asked:
        lits = LiteralGate(DL._CUES[name]).literals
        assert lits and all(not ci and DL._WORDY.search(s) for s, ci in lits), name


@pytest.mark.parametrize("text", [
    "сентябрь 2020", "0ктябрь", "октябрь0", "с0ш № 10", "2020-2021", "ceнтябрь", "a1б", "б12c", "e-mail: a@b.ru",
    "школа 10", "10 школа", "план на 2023 год", "",
])
def test_lookalike_test_is_the_old_regex(text):
    old = re.compile(r"[а-я]\d*[a-z]|[a-z]\d*[а-я]|[а-я]0|0[а-я]")
    assert DL._has_lookalike(text) == bool(old.search(text))


@pytest.mark.parametrize("raw, period", [("Апрель", ARMAVIR), ("Январь, март, июнь, ноябрь", ARMAVIR),
                                         ("в течение года", NONE), ("непонятно", NONE)])
def test_fresh_copy_is_model_copy_but_independent(raw, period):
    """The cheap copy out of the cache has the state `model_copy` gives (fields and fields set, so
    `exclude_unset` dumps agree) and shares no list with the cached Deadline."""
    cached = DL._parse(raw, period)
    fresh = parse_deadline(raw, period)
    assert fresh.__getstate__() == cached.model_copy().__getstate__()
    assert fresh.model_dump_json(exclude_unset=True) == cached.model_dump_json(exclude_unset=True)
    assert fresh is not cached and fresh.__dict__ is not cached.__dict__ and fresh.dates is not cached.dates
    dump, fields_set = cached.model_dump(), set(cached.model_fields_set)
    fresh.dates.append(date(2000, 1, 1))
    fresh.model_fields_set.add("start")
    again = parse_deadline(raw, period)
    assert (again.model_dump(), again.model_fields_set) == (dump, fields_set)


@pytest.mark.parametrize("raw", [
    "по мере необходимости", "при необходимости", "по итогам четверти", "после проведения ВПР", "накануне",
    "один раз в полгода", "2 раза в полугодие", "ежеквартально", "раз в 2 месяца", "каждые два месяца",
    "ежемесячно", "по понедельникам", "ежедневно", "ежегодно в декабре", "3 раза в год", "по плану работы",
    "в сроки, установленные графиком", "в соответствии с планом мероприятий", "по согласованию",
    "постоянно", "в течение всего периода", "весь срок", "в течение учебного года", "на протяжении всей программы",
    "сентябрь", "до 1 сентября", "с 2021г., весь период", "", "@ - @",
])
def test_gated_cue_is_the_search(raw):
    """`_cue` skips the search when the masked cell has none of the cue's literals: same answers."""
    f = DL._facts(raw, None)
    for name, rx in DL._CUES.items():
        assert DL._cue(f, name) == (f.wordy and rx.search(f.rest) is not None), name
