"""Operative clauses: labels, deadlines, addressees, whole operative parts, the seeds."""
from __future__ import annotations

import pytest

from prikaz_parser.extractors.clauses import addressees, extract_clauses, find_deadline_phrase, label
from prikaz_parser.layout import Layout, Paragraph
from prikaz_parser.readers.text import read_text

from conftest import SAMPLES


def layout(*lines: str) -> Layout:
    return Layout(blocks=[Paragraph(text=t) for t in lines])


@pytest.mark.parametrize("text, rule, cid", [
    ("1. Утвердить план.", "point", "1."),
    ("- 3. Контроль за исполнением приказа", "point", "3."),
    ("5.Директору МБОУ-СОШ № 3", "point", "5."),
    ("2.1. Обеспечить", "point", "2.1."),
    ("1) обеспечить выполнение", "numbered_sub", "1)"),
    ("3)обеспечить координацию", "numbered_sub", "3)"),
    ("а) провести мониторинг", "letter_sub", "а)"),
    ("- обеспечить выполнение", "dash_sub", None),
    ("• провести", "dash_sub", None),
    ("проведение мониторинговых мероприятий", None, None),
    ("2020 год", None, None),
])
def test_label(text, rule, cid):
    r, i, _ = label(text)
    assert (r, i) == (rule, cid)


@pytest.mark.parametrize("text, expected", [
    ("организовать мониторинг в срок с 01.10.2020 г. по 08.10.2020 г. (отв. Сухина О.В.)",
     "в срок с 01.10.2020 г. по 08.10.2020 г."),
    ("представить отчёт в срок до 15.12.2023", "в срок до 15.12.2023"),
    ("провести мониторинг (ежеквартально);", "ежеквартально"),
    ("утвердить план до 1 сентября 2021 года.", "до 1 сентября 2021 года"),
    ("не позднее 20 мая направить информацию", "не позднее 20 мая"),
    ("утвердить дорожную карту (приложение).", None),
])
def test_deadline_phrase(text, expected):
    assert find_deadline_phrase(text) == expected


@pytest.mark.parametrize("text, raws, persons", [
    ("Отделу мониторинга и качества образования и отделу общего образования:",
     ["Отделу мониторинга и качества образования", "отделу общего образования"], []),
    ("Рекомендовать руководителям общеобразовательных организаций ШНОР и ШНСУ:",
     ["руководителям общеобразовательных организаций ШНОР и ШНСУ"], []),
    ("Директору МКУ «Центр развития образования» О.В. Мартыновой:",
     ["Директору МКУ «Центр развития образования» О.В. Мартыновой"], ["О.В. Мартынова"]),
    ("Контроль за исполнением приказа возложить на заместителя начальника Федорову В.Ф.",
     ["заместителя начальника Федорову В.Ф"], ["В.Ф. Федорова"]),
    ("Центру информационных технологий (Печанская Л.В.):",
     ["Центру информационных технологий", "Печанская Л.В"], ["Л.В. Печанская"]),
    ("Руководителям муниципальных общеобразовательных учреждений, обеспечить выполнение программы.",
     ["Руководителям муниципальных общеобразовательных учреждений"], []),
    ("Утвердить программу (приложение 1).", [], []),
    ("Контроль за исполнением приказа оставляю за собой.", [], []),
])
def test_addressees(text, raws, persons):
    got = addressees(text)
    assert [b.raw for b in got] == raws
    assert [b.person for b in got if b.person] == persons


def _shape(clauses):
    return [(c.id, [s.id for s in c.subclauses]) for c in clauses]


@pytest.mark.parametrize("lines, shape", [
    # ПРИКАЗЫВАЮ with dash sub-points and a continuation line
    (["ПРИКАЗ", "Об организации работы", "В целях повышения качества", "ПРИКАЗЫВАЮ:", "1. Утвердить:",
      "- перечень школ;", "- план мероприятий", "(приложение 2);", "2. Контроль оставляю за собой.",
      "Начальник управления", "И.И. Иванов"],
     [("1.", [None, None]), ("2.", [])]),
    # letter-spaced marker at the end of the preamble, numbered sub-points
    (["ПРИКАЗ", "О работе", "Во исполнение приказа п р и к а з ы в а ю:", "1. Директору школы:",
      "1) обеспечить;", "2) провести;", "2. Приказ вступает в силу.", "Директор", "Петрова А.А."],
     [("1.", ["1)", "2)"]), ("2.", [])]),
    # no marker: the numbered points after the preamble (a распоряжение)
    (["РАСПОРЯЖЕНИЕ", "Об утверждении программы", "С целью повышения качества образования",
      "1. Утвердить программу.", "2. Контроль возложить на заместителя Кравченко И.И.",
      "Заместитель председателя комитета", "Т.А. Антонова", "Приложение", "1. Паспорт программы"],
     [("1.", []), ("2.", [])]),
    # only "1)" points: they are the top level
    (["ПОСТАНОВЛЕНИЕ", "О мерах", "ПОСТАНОВЛЯЕТ:", "1) утвердить план;", "2) опубликовать.",
      "Глава района", "С.С. Сергеев"],
     [("1)", []), ("2)", [])]),
    # a report without an operative part
    (["«Утверждаю»", "Начальник", "Ермилин А.Н.", "Отчёт об исполнении плана"], []),
])
def test_operative_part(lines, shape):
    assert _shape(extract_clauses(layout(*lines), None, [])) == shape


def test_clause_deadline_and_text():
    lay = layout("ПРИКАЗ", "О мониторинге", "ПРИКАЗЫВАЮ:", "1. Отделу образования:",
                 "- провести мониторинг в срок с 01.10.2020 г. по 08.10.2020 г. (отв. Сухина О.В.).",
                 "Начальник", "Е.И.Хрущ")
    c = extract_clauses(lay, None, [])[0]
    sub = c.subclauses[0]
    assert sub.deadline.raw == "в срок с 01.10.2020 г. по 08.10.2020 г."
    assert [b.person for b in sub.addressees] == ["О.В. Сухина"]
    assert c.addressees[0].raw == "Отделу образования"


@pytest.mark.parametrize("stem, ids, n_sub", [
    ("000_9e09309a07830cfc", ["1.", "2.", "3.", "4."], 8),
    ("001_c24edddf20a7546d", ["1.", "2.", "3."], 4),
    ("002_0dc6b295a275774e", ["1.", "2.", "3.", "4.", "5.", "3.", "4."], 17),
    ("003_88bb5221f7c9b210", [], 0),
    ("004_792d1e6bb9a819b6", ["1.", "2.", "3.", "4."], 2),
])
def test_seed_clauses(stem, ids, n_sub):
    lay = read_text((SAMPLES / f"{stem}.txt").read_text("utf-8"), f"{stem}.txt")
    clauses = extract_clauses(lay, None, [])
    assert [c.id for c in clauses] == ids
    assert sum(len(c.subclauses) for c in clauses) == n_sub
    assert all(c.text for c in clauses)


@pytest.mark.parametrize("text, who", [
    ("Руководителям МБОУ «Чернянская СОШ №1», МБОУ «Ольшанская СОШ» обеспечить выполнение плана.",
     ["Руководителям МБОУ «Чернянская СОШ №1»", "МБОУ «Ольшанская СОШ»"]),
    ("Управлению образования (Петрова А.А.) обеспечить исполнение плана.", ["Управлению образования", "Петрова А.А"]),
    ("Руководителям общеобразовательных организаций, показавших низкие результаты, обеспечить выполнение",
     ["Руководителям общеобразовательных организаций, показавших низкие результаты"]),
    ("Утвердить план мероприятий (приложение).", []),
    ("Руководителям учреждений, показавших низкие результаты, и школ, функционирующих в трудных условиях, "
     "обеспечить выполнение", ["Руководителям учреждений, показавших низкие результаты, и школ, функционирующих "
                               "в трудных условиях"]),
])
def test_dative_lead_without_colon(text, who):
    from prikaz_parser.extractors.clauses import addressees
    assert [b.raw for b in addressees(text)] == who


# The cues in front of the deadline rules: a text whose rule matches holds that rule's cue, so
# gating by the cues finds what searching every rule finds.
DEADLINE_TEXTS = [
    "организовать мониторинг в срок с 01.10.2020 г. по 08.10.2020 г.",
    "В ПЕРИОД С 1 октября 2020 года ПО 8 октября 2020 года провести",
    "провести с\u00a001.10.2020 по\n08.10.2020",
    "представить отчёт в срок до 15.12.2023",
    "представить отчёт ДО 15 декабря",
    "не позднее\t20 мая направить информацию",
    "НЕ ПОЗДНЕЕ 1.09.21 г.",
    "провести мониторинг (ЕЖЕКВАРТАЛЬНО);",
    "Постоянно.",
    "утвердить дорожную карту (приложение).",
    "до конца года",
    "с 2020 года",
    "",
]


@pytest.mark.parametrize("text", DEADLINE_TEXTS)
def test_deadline_cues_are_in_every_match(text):
    from prikaz_parser.extractors.clauses import DEADLINE_RULES, _has_cue
    for name, rx in DEADLINE_RULES:
        if rx.search(text):
            assert _has_cue(name, text.casefold()), name


@pytest.mark.parametrize("text", DEADLINE_TEXTS)
def test_deadline_phrase_is_the_first_rule_that_matches(text):
    from prikaz_parser.extractors.clauses import DEADLINE_RULES
    found = next((m.group(0).strip() for _, rx in DEADLINE_RULES if (m := rx.search(text))), None)
    assert find_deadline_phrase(text) == found
