"""The document's period: from small layouts and from the five seeds (checked against their gold deadlines)."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from prikaz_parser.extractors.deadline import parse_deadline
from prikaz_parser.extractors.period import Period, document_period, find_date, stated_periods
from prikaz_parser.readers.text import read_text
from prikaz_parser.schema import Meta

ROOT = Path(__file__).resolve().parents[1]
SAMPLES, SHARED = ROOT / "samples", ROOT.parent / "shared"
SEED_STEMS = sorted(p.stem for p in SAMPLES.glob("*.txt"))

TABLE = "№\tМероприятие\tСроки\tОтветственные\n1.\tСовещание\tСентябрь\tУО\n"


@pytest.mark.parametrize("text, expected", [
    ("ПРИКАЗ\n\nот 22.03.2023\n\n№ 210\n", date(2023, 3, 22)),
    ("ПРИКАЗ\n\n25.09.2020 год\n\n№ 01-07/338а\n", date(2020, 9, 25)),
    ("П Р И К А З\n\n10 августа 2021 г.\n\n№ 274/1\n", date(2021, 8, 10)),
    ("РАСПОРЯЖЕНИЕ\n\nот 20.01.2020 г.\n\n№ 49/1 - р\n", date(2020, 1, 20)),
    ("ПРИКАЗ\n\n«15» мая 2024 г. № 12\n", date(2024, 5, 15)),
    ("Отчёт об исполнении плана\n\nВ соответствии с приказом от 23.07.2021г № 84 и в целях обеспечения развития "
     "системы оценки качества образования в районе проводится большая работа\n", None),
])
def test_find_date(text, expected):
    assert find_date(read_text(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("на 2021-2024 годы", [(2021, 2024, False)]),
    ("срок: 2021 –2024г.", [(2021, 2024, False)]),
    ("в 2023 году", [(2023, 2023, False)]),
    ("на 2020-2021 учебный год", [(2020, 2021, True)]),
    ("в течение 2018/19 учебного года", []),  # "в течение" names deadlines, not the plan's period
    ("по итогам 2019-2020 учебного года", []),
    ("к 2021 году планируется", []),
    ("от 06 ноября 2018 года № 2459-р", []),
])
def test_stated_periods(text, expected):
    from prikaz_parser.extractors.deadline import normalise
    assert stated_periods(normalise(text)) == expected


def _period(text: str, meta_date: date | None = None) -> Period:
    return document_period(read_text(text), Meta(date=meta_date))


@pytest.mark.parametrize("text, meta_date, years, academic, rule", [
    # the roadmap's own title wins over the document title
    ("ПРИКАЗ\n\nот 10.01.2022\n\nОб утверждении программы на 2021-2024 годы\n\nПРИКАЗЫВАЮ:\n\n"
     "План мероприятий («дорожная карта») на 2022 год\n\n" + TABLE, None, (2022, 2022), False, "roadmap_title"),
    ("ПРИКАЗ\n\nот 10.01.2022\n\nО работе со школами в 2022 году\n\nПРИКАЗЫВАЮ:\n\nДорожная карта\n\n" + TABLE,
     None, (2022, 2022), False, "document_title"),
    ("ПРИКАЗ\n\nот 01.09.2022\n\nОб утверждении плана на 2022-2023 учебный год\n\nПРИКАЗЫВАЮ:\n\n" + TABLE,
     None, (2022, 2023), True, "roadmap_title"),  # the order's title line names the plan, right above it
    ("Паспорт\n\nНаименование\tПрограмма\nСрок реализации программы\t2021 –2024г.\n\nПлан\n\n" + TABLE,
     date(2021, 8, 10), (2021, 2024), False, "passport"),
    # no stated period: the school year of the document date
    ("ПРИКАЗ\n\n25.09.2020 год\n\nОб организации поддержки школ\n\nПлан\n\n" + TABLE, None, (2020, 2021), True,
     "doc_date_academic"),
    ("ПРИКАЗ\n\nОб организации поддержки школ\n\nПлан\n\n" + TABLE, date(2021, 3, 1), (2020, 2021), True,
     "doc_date_academic"),
    # a stray "на 2020 г" in the text does not beat the document date
    ("ПРИКАЗ\n\nот 25.09.2020\n\nО поддержке школ\n\nНа основании перечня\n\nРезультаты ЕГЭ на 2020 г\n\n" + TABLE,
     None, (2020, 2021), True, "doc_date_academic"),
    # with no date at all, loose mentions are the last resort
    ("Отчёт\n\nВ соответствии с планом работа велась в 2019 году\n\n" + TABLE, None, (2019, 2019), False, "text"),
    ("Отчёт\n\n" + TABLE, None, (None, None), False, "none"),
])
def test_document_period(text, meta_date, years, academic, rule):
    p = _period(text, meta_date)
    assert ((p.start_year, p.end_year), p.academic, p.rule) == (years, academic, rule)


def test_stages_that_disagree_unfix_the_whole_period():
    text = ("ПРИКАЗ\n\nот 20.01.2020\n\nОб утверждении программы на 2020 – 2023 годы\n\n"
            "Сроки и этапы реализации Программы\t1. Первый этап (февраль - сентябрь 2020 года). "
            "2. Второй этап (октябрь 2020 года - май 2023 года).\n\n")
    p = _period(text)
    assert (p.start_year, p.end_year, p.start, p.end) == (2020, 2023, None, None)
    assert p.stages == ((date(2020, 2, 1), date(2020, 9, 30)), (date(2020, 10, 1), date(2023, 5, 31)))


@pytest.mark.parametrize("period, month, year", [
    (Period(start_year=2020, end_year=2021, academic=True), 9, 2020),
    (Period(start_year=2020, end_year=2021, academic=True), 8, 2021),
    (Period(start_year=2023, end_year=2023), 5, 2023),
    (Period(start_year=2021, end_year=2024), 5, None),
    (Period(), 5, None),
])
def test_year_of(period, month, year):
    assert period.year_of(month) == year


# ---- the five seeds ----------------------------------------------------------------------------
SEED_PERIODS = {  # what each gold's notes say about month-only deadlines
    "000": ((2020, 2021), True, (date(2020, 9, 1), date(2021, 8, 31))),
    "001": ((2021, 2024), False, (date(2021, 1, 1), date(2024, 12, 31))),
    "002": ((2023, 2023), False, (date(2023, 1, 1), date(2023, 12, 31))),
    "003": ((None, None), False, (None, None)),
    "004": ((2020, 2023), False, (None, None)),
}


def _seed(stem: str):
    return read_text((SAMPLES / f"{stem}.txt").read_text("utf-8"), f"{stem}.txt")


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_period(stem):
    p = document_period(_seed(stem), Meta())
    assert ((p.start_year, p.end_year), p.academic, (p.start, p.end)) == SEED_PERIODS[stem[:3]]


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_gold_deadlines_reproduced(stem):
    gold_file = SHARED / "eval" / "gold" / f"{stem}.json"
    if not gold_file.exists():
        pytest.skip("no gold here")
    period = document_period(_seed(stem), Meta())
    right, total = {"start": 0, "end": 0, "recurrence": 0}, {"start": 0, "end": 0, "recurrence": 0}
    for m in json.loads(gold_file.read_text("utf-8"))["measures"]:
        g = m.get("deadline") or {}
        if g.get("raw") is None:
            continue
        got = parse_deadline(g["raw"], period).model_dump(mode="json")
        span = bool(g.get("start") and g.get("end") and g["start"] != g["end"])
        for k in right:
            if g.get(k) is not None:
                total[k] += 1
                right[k] += got[k] == g[k] or (k == "recurrence" and span and
                                               {got[k], g[k]} <= {"once", "continuous"})
    assert all(right[k] >= 0.97 * total[k] for k in right), (right, total)


# --- str tests standing in for re.I regexes, and the searches started late ---------------------------
@pytest.mark.parametrize("text", [
    "Сроки исполнения", "СРОК", "ᲃрок", "Дорожная КАРТА", "В соответствии с", " в соответствии", "П Р И К А З",
    "приказываю:", "ПРИКАЗЫВАЮ", "ничего", "", "İ план",
])
def test_words_tests_as_the_regex(text):
    from prikaz_parser.extractors.period import _PLAN_HEADER, _PLAN_TITLE, _TITLE_END
    for words in (_PLAN_HEADER, _PLAN_TITLE, _TITLE_END):
        assert words.search(text) == bool(words.regex.search(text))


@pytest.mark.parametrize("text", [
    "план на 2021 год", "по итогам работы в 2022 году", "за прошлый 2020 год", "(за 2020 год", "по результатам работы школ в 2023 г",
    "в течение 2021 года", "отчет работы в 2021 году", "в 2021 году и на 2022 год", "на 2021-2023 годы", "2020/21 учебный год",
    "период 2020 - 2022", "от 1 2 3 4 5 в 2021 году",
])
def test_stated_periods_same_as_from_the_start(text):
    from prikaz_parser.extractors.period import _PAST, _STATED
    out, taken = [], []
    for academic, rx, _ in _STATED:
        for m in rx.finditer(text):
            if any(m.start() < b and a < m.end() for a, b in taken) or _PAST.search(text[:m.start()]):
                continue
            y1 = int(m.group(1))
            y2 = int(m.group(2)) if m.group(2) else y1
            y2 += y1 // 100 * 100 if y2 < 100 else 0
            if 0 <= y2 - y1 <= 10 and (y2 > y1 or not academic):
                out.append((y1, y2, academic))
                taken.append(m.span())
    assert stated_periods(text) == out
