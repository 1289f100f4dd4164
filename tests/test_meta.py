"""Header metadata: number, date, type, place, municipality, region, signatory, acts; seeds end to end."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from prikaz_parser.extractors.acts import approval_stamps, find_acts
from prikaz_parser.extractors.meta import extract_meta
from prikaz_parser.extractors.meta_lines import doc_type_of_line, is_operative
from prikaz_parser.extractors.meta_people import person_name
from prikaz_parser.extractors.meta_place import find_municipality, find_place, find_region, nominative
from prikaz_parser.extractors import meta_text
from prikaz_parser.extractors.meta_text import clean, drop_amendments, find_date, find_number, squash
from prikaz_parser.layout import Cell, Layout, Paragraph, Table
from prikaz_parser.readers.text import read_text

from conftest import SAMPLES, SEED_STEMS, load_gold


def layout(*lines: str) -> Layout:
    return Layout(blocks=[Paragraph(text=t) for t in lines])


# --- numbers ---------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("№ 01-07/338а", "01-07/338а"),
    ("№ 49/1 - р", "49/1-р"),
    ("№ 274/1", "274/1"),
    ("№ 123-од", "123-од"),
    ("N 45/2", "45/2"),
    ("№210", "210"),
    ("от 22.03.2023 № 210", "210"),
    ("№ 12 – п", "12-п"),
    ("№ 458 от 27.08.2018", "458"),
    ("Приказ № 5.", "5"),
    ("No 77", "77"),
    ("№ 1234-р", "1234-р"),
    ("№ П-15", "П-15"),
    ("№ 01-10/ 56", "01-10/56"),
])
def test_number(text, expected):
    assert find_number(text)[0] == expected


@pytest.mark.parametrize("text", ["ПРИКАЗ", "от 22.03.2023", "ИНН 1234567", "№ п/п"])
def test_no_number(text):
    assert find_number(text) is None


# --- dates -----------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("25.09.2020 год", dt.date(2020, 9, 25)),
    ("от 17 ноября 2017 года", dt.date(2017, 11, 17)),
    ("«22» марта 2023 г.", dt.date(2023, 3, 22)),
    ("от «05» 09 2022г.", dt.date(2022, 9, 5)),
    ("17.11.2017г.", dt.date(2017, 11, 17)),
    ("10 августа 2021 г.", dt.date(2021, 8, 10)),
    ("от 20.01.2020 г.", dt.date(2020, 1, 20)),
    ("от 6 мая 2019 года", dt.date(2019, 5, 6)),
    ("\"01\" декабря 2020 г.", dt.date(2020, 12, 1)),
    ("01.02.21", dt.date(2021, 2, 1)),
    ("от 3 июня 2022г № 5", dt.date(2022, 6, 3)),
    ("№ 12 от 30.12.2021", dt.date(2021, 12, 30)),
])
def test_date(text, expected):
    assert find_date(text)[0] == expected


@pytest.mark.parametrize("text", ["32.13.2020", "№ 210", "2020-2021 учебный год"])
def test_no_date(text):
    assert find_date(text) is None


@pytest.mark.parametrize("text, expected", [
    ("от 01.02.2020 № 5 (в ред. приказа от 01.02.2021 № 12)", "от 01.02.2020 № 5"),
    ("№ 7 (в редакции от 03.04.2022 № 9)", "№ 7"),
    ("№ 7 (с изм. от 03.04.2022)", "№ 7"),
])
def test_drop_amendments(text, expected):
    assert drop_amendments(text).strip() == expected


# --- doc type --------------------------------------------------------------------------
@pytest.mark.parametrize("line, expected", [
    ("ПРИКАЗ", "приказ"),
    ("П Р И К А З", "приказ"),
    ("ПPИKAЗ", "приказ"),  # Latin P, K, A
    ("**ПРИКАЗ**", "приказ"),
    ("РАСПОРЯЖЕНИЕ", "распоряжение"),
    ("П О С Т А Н О В Л Е Н И Е", "постановление"),
    ("РЕШЕНИЕ", "решение"),
    ("Приказ № 12 от 01.02.2020", "приказ"),
    ("ПРИКАЗ:", "приказ"),
    ("Приказом отдела образования", None),
    ("Об утверждении приказа", None),
])
def test_doc_type_line(line, expected):
    assert doc_type_of_line(clean(line)) == expected


@pytest.mark.parametrize("line, expected", [
    ("ПРИКАЗЫВАЮ:", True),
    ("п р и к а з ы в а ю:", True),
    ("… в 2023 году п р и к а з ы в а ю:", True),
    ("ПОСТАНОВЛЯЕТ:", True),
    ("ПОСТАНОВЛЯЮ", True),
    ("Приказываю утвердить план", False),
    # the last-letter gate (_ends_like_operative) before the regex: spaces, one ':' or '.', case
    ("ПРИКАЗЫВАЮ :", True), ("приказываю.  ", True), ("ПРИКАЗЫВАЮ..", False), ("РЕШИЛ", True),
    ("р е ш и л о:", True), ("решилᲂ:", True),  # ᲂ: old Cyrillic о, which re.I takes for "о"
    ("Приказываю; ", False), ("", False),
])
def test_operative_marker(line, expected):
    assert is_operative(line) is expected


@pytest.mark.parametrize("text", [
    "ПPИKAЗ", "a\tb", " x", "x ", "x  y", "x\u2003y", "x\u00a0y", "**Приказ**  №\n5", "e-mail: a@b.ru",
    "МБОУ СОШ № 1", "", "I. Общие положения", "x\x1fy", "П Р И К А З",
])
def test_clean_gates(text):
    """clean's cheap tests (_has_latin, whitespace.squeeze) give what the plain regex and split give."""
    s = text.replace("\u00a0", " ").replace("**", "")
    if re.search(r"[A-Za-z]", s):
        s = meta_text._WORD.sub(meta_text._fix_word, s)
    assert clean(text) == " ".join(s.split())


@pytest.mark.parametrize("text", ["П Р И К А З", "в и к т о р", "а б", "и в с", "x П Р И К А З ы", "Приказ"])
def test_squash_gate(text):
    assert squash(text) == meta_text._SPACED.sub(meta_text._close_up, text)


# --- place, municipality, region -------------------------------------------------------
@pytest.mark.parametrize("line, expected", [
    ("г. Алдан", "г. Алдан"),
    ("г.Армавир", "г. Армавир"),
    ("г. Армавир", "г. Армавир"),
    ("с. Кочубеевское", "с. Кочубеевское"),
    ("г. ТОМСК", "г. Томск"),
    ("Об утверждении плана", None),
])
def test_place(line, expected):
    assert find_place(line) == expected


@pytest.mark.parametrize("text, expected", [
    ("МО «Алданский район»", "Алданский район"),
    ("МУНИЦИПАЛЬНОЕ КАЗЕННОЕ УЧРЕЖДЕНИЕ «ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ МО «АЛДАНСКИЙ РАЙОН»", "Алданский район"),
    ("АДМИНИСТРАЦИЯ ДУБОВСКОГО МУНИЦИПАЛЬНОГО РАЙОНА", "Дубовский муниципальный район"),
    ("муниципального образования город Армавир", "город Армавир"),
    ("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ МУНИЦИПАЛЬНОГО ОБРАЗОВАНИЯ ГОРОД АРМАВИР", "город Армавир"),
    ("АДМИНИСТРАЦИЯ МУНИЦИПАЛЬНОГО ОБРАЗОВАНИЯ ПРИОЗЕРСКИЙ МУНИЦИПАЛЬНЫЙ РАЙОН", "Приозерский муниципальный район"),
    ("в школах Спасского муниципального района", "Спасский муниципальный район"),
    ("Кировского городского округа", "Кировский городской округ"),
    ("в Красногвардейском районе", "Красногвардейский район"),
    ("ЗАВЕТИНСКОГО РАЙОНА", "Заветинский район"),
    ("Тарского муниципального района Омской области", "Тарский муниципальный район"),
    ("муниципального образования «Город Томск»", "Город Томск"),
    ("АДМИНИСТРАЦИЯ ГОРОДСКОГО ОКРУГА ГОРОД ВЫКСА НИЖЕГОРОДСКОЙ ОБЛАСТИ", "город Выкса"),
    ("в образовательных организациях района", None),
])
def test_municipality(text, expected):
    got = find_municipality(text)
    assert (got[0] if got else None) == expected


@pytest.mark.parametrize("phrase, expected", [
    ("Дубовского муниципального района", "Дубовский муниципальный район"),
    ("Ленинградской области", "Ленинградская область"),
    ("Краснодарского края", "Краснодарский край"),
    ("Чайковского городского округа", "Чайковский городской округ"),
])
def test_nominative(phrase, expected):
    assert nominative(phrase) == expected


@pytest.mark.parametrize("text, expected", [
    ("678900 Республика Саха (Якутия) г. Алдан", "Республика Саха (Якутия)"),
    ("молодежной политики Краснодарского края от", "Краснодарский край"),
    ("ВОЛГОГРАДСКОЙ ОБЛАСТИ", "Волгоградская область"),
    ("в Республике Татарстан", "Республика Татарстан"),
    ("Ханты-Мансийского автономного округа – Югры", "Ханты-Мансийский автономный округ — Югра"),
    ("Кабардино-Балкарской Республики", "Кабардино-Балкарская Республика"),
    ("города Москвы", "Москва"),
    ("Ставропольском крае", "Ставропольский край"),
    ("республиканских мониторингах", None),
    ("Российской Федерации", None),
])
def test_region(text, expected):
    assert find_region(text) == expected


# --- signatory names -------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Е.И.Хрущ", "Е.И. Хрущ"),
    ("М.В. Киреева", "М.В. Киреева"),
    ("И. О. Фамилия", "И.О. Фамилия"),
    ("Фамилия И.О.", "И.О. Фамилия"),
    ("Ермилин А.Н.", "А.Н. Ермилин"),
    ("Начальник управления                Т.В. Мирчук", "Т.В. Мирчук"),
    ("Т.В. МИРЧУК", "Т.В. Мирчук"),
    ("А.А. Римский-Корсаков", "А.А. Римский-Корсаков"),
    ("Начальник управления образования", None),
])
def test_person_name(text, expected):
    got = person_name(text)
    assert (got[0] if got else None) == expected


# --- act references --------------------------------------------------------------------
@pytest.mark.parametrize("text, kind, issuer, date, number, title", [
    ("Во исполнение приказа министерства образования Краснодарского края от 6 марта 2023 года № 681 «О работе "
     "со школами»", "приказ", "министерства образования Краснодарского края", dt.date(2023, 3, 6), "681",
     "О работе со школами"),
    ("во исполнение распоряжения комитета общего и профессионального образования Ленинградской области от 06 "
     "ноября 2018 года № 2459-р «Об утверждении Концепции»", "распоряжение",
     "комитета общего и профессионального образования Ленинградской области", dt.date(2018, 11, 6), "2459-р",
     "Об утверждении Концепции"),
    ("на основании постановления администрации № 15 от 12.01.2021", "постановление", "администрации",
     dt.date(2021, 1, 12), "15", None),
    ("письма Минпросвещения России от 10.02.2022 № ТВ-123/03", "письмо", "Минпросвещения России",
     dt.date(2022, 2, 10), "ТВ-123/03", None),
])
def test_act_reference(text, kind, issuer, date, number, title):
    a = find_acts(text)[0]
    assert (a.type, a.issuer, a.date, a.number, a.title) == (kind, issuer, date, number, title)


def test_no_act_without_date_and_number():
    assert find_acts("в соответствии с приказом министерства образования") == []


@pytest.mark.parametrize("lines, number, date", [
    (["УТВЕРЖДЕНА", "приказом управления образования", "от 22.03.2023 № 210"], "210", dt.date(2023, 3, 22)),
    (["Утвержден", "Приказом отдела образования", "№ 458 от 27.08.2018"], "458", dt.date(2018, 8, 27)),
    (["УТВЕРЖДЕНО приказом от 01.09.2021 № 12-од"], "12-од", dt.date(2021, 9, 1)),
])
def test_approval_stamp(lines, number, date):
    a = approval_stamps(lines)[0]
    assert (a.number, a.date, a.type) == (number, date, "приказ")


# --- whole headers ---------------------------------------------------------------------
HEADER_CASES = [
    # site noise before the header, amendment note, unspaced initials, OCR Latin letters
    (["Главная / Документы / Нормативные акты", "Опубликовано 12.05.2021 10:15", "Версия для печати",
      "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ТАРСКОГО МУНИЦИПАЛЬНОГО РАЙОНА ОМСКОЙ ОБЛАСТИ", "ПPИKAЗ",
      "от 17.11.2017г. № 123-од (в ред. приказа от 01.02.2021 № 12)", "г. Тара",
      "Об организации работы", "со школами с низкими результатами.", "В соответствии с планом",
      "ПРИКАЗЫВАЮ:", "1. Утвердить план.", "Начальник управления", "И. О. Петров"],
     {"doc_type": "приказ", "number": "123-од", "date": "2017-11-17", "place": "г. Тара",
      "title": "Об организации работы со школами с низкими результатами",
      "issuer": "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ТАРСКОГО МУНИЦИПАЛЬНОГО РАЙОНА ОМСКОЙ ОБЛАСТИ",
      "municipality": "Тарский муниципальный район", "region": "Омская область", "signatory": "И.О. Петров"}),
    (["КОМИТЕТ ПО ОБРАЗОВАНИЮ", "АДМИНИСТРАЦИИ МУНИЦИПАЛЬНОГО ОБРАЗОВАНИЯ «ГОРОД ТОМСК»", "РАСПОРЯЖЕНИЕ",
      "«05» 09 2022г.", "N 45/2", "О плане мероприятий", "1. Утвердить план.", "2. Контроль оставляю за собой.",
      "Председатель комитета", "Сидорова А.Б."],
     {"doc_type": "распоряжение", "number": "45/2", "date": "2022-09-05", "place": None,
      "title": "О плане мероприятий", "municipality": "город Томск", "region": None,
      "signatory": "А.Б. Сидорова"}),
]


@pytest.mark.parametrize("lines, expected", HEADER_CASES)
def test_header(lines, expected):
    m = json.loads(extract_meta(layout(*lines)).model_dump_json())
    m["signatory"] = (m["signatory"] or {}).get("name")
    assert {k: m[k] for k in expected} == expected


def test_header_date_and_number_in_a_table():
    lay = Layout(blocks=[Paragraph("АДМИНИСТРАЦИЯ ЗАВЕТИНСКОГО РАЙОНА"), Paragraph("ПРИКАЗ"),
                         Table(index=0, rows=[[Cell("от 01.03.2022", 0, 0), Cell("№ 77", 0, 1)]]),
                         Paragraph("Об утверждении дорожной карты"), Paragraph("ПРИКАЗЫВАЮ:"),
                         Paragraph("1. Утвердить.")])
    m = extract_meta(lay)
    assert (m.number, m.date, m.municipality, m.title) == ("77", dt.date(2022, 3, 1), "Заветинский район",
                                                            "Об утверждении дорожной карты")


# --- the seeds end to end --------------------------------------------------------------
@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_meta(stem):
    gold = load_gold(stem)["meta"]
    lay = read_text((SAMPLES / f"{stem}.txt").read_text("utf-8"), f"{stem}.txt")
    got = json.loads(extract_meta(lay).model_dump_json())
    got["signatory"] = (got["signatory"] or {}).get("name")
    for k in ("doc_type", "number", "date", "region", "place", "signatory", "title"):
        assert got[k] == gold[k], k
    assert (got["municipality"] is None) == (gold["municipality"] is None)
    assert got["issuer"] and gold["issuer"].lower().split()[0][:5] in got["issuer"].lower()


def test_website_listing_above_the_letterhead_is_not_the_issuer():
    text = ("Главная > Документы > Приказы\n"
            "Приказ № 15-о от 12.01.2022 «Об утверждении дорожной карты»\n\n"
            "МУНИЦИПАЛЬНОЕ КАЗЁННОЕ УЧРЕЖДЕНИЕ «УПРАВЛЕНИЕ ОБРАЗОВАНИЯ КРАСНОКАМЕНСКОГО ГОРОДСКОГО ОКРУГА»\n"
            "ЗАБАЙКАЛЬСКОГО КРАЯ\n\nПРИКАЗ\n\n12 января 2022 г.   № 15-о\n\nг. Краснокаменск\n\n"
            "Об утверждении дорожной карты\n")
    meta = extract_meta(read_text(text))
    assert meta.issuer == ("МУНИЦИПАЛЬНОЕ КАЗЁННОЕ УЧРЕЖДЕНИЕ «УПРАВЛЕНИЕ ОБРАЗОВАНИЯ КРАСНОКАМЕНСКОГО ГОРОДСКОГО "
                           "ОКРУГА» ЗАБАЙКАЛЬСКОГО КРАЯ")
    assert (meta.number, str(meta.date), meta.place) == ("15-о", "2022-01-12", "г. Краснокаменск")


# --- gates in front of the date and act-word regexes: same answers as the plain regexes ------------
_Y = r"(?P<y>(?:19|20)\d\d|\d\d)(?!\d)"
_TAIL = r"(?:\s*(?:г\.?|года|год)(?![а-яё]))?"
_PLAIN_DATE_RULES = [  # the date rules as first written: look-behind / optional part first
    ("numeric", re.compile(r"(?<!\d)(?P<d>\d{1,2})\s?[./]\s?(?P<m>\d{1,2})\s?[./]\s?" + _Y + _TAIL)),
    ("quoted_numeric", meta_text.DATE_RULES[1][1]),
    ("words", re.compile(r"[«\"“]?\s*(?P<d>\d{1,2})\s*[»\"”]?\s+(?P<mw>[А-Яа-яЁё]{3,9})\s+(?P<y>(?:19|20)\d\d)"
                         + _TAIL)),
]


@pytest.mark.parametrize("text", [
    "от 22.03.2023 № 210", "1222.03.2023", "12 22.03.2023", "«5» марта 2023 г.", "  \t5 марта 2023 года",
    "« 5 » марта 2023", "115 марта 2023", "35 марта 2023 и 5 мая 2023", "1 2 марта 2023", "“\n7 мая 2021",
    "x 31 июня 2023, 1 июля 2023", "утверждено 5 сентябрября 2023", "«12»   05.  2023", "без даты", "",
])
def test_find_date_same_as_the_plain_rules(text):
    plain = meta_text.earliest_date(text, _PLAIN_DATE_RULES, lambda name, rx, s: rx.finditer(s))
    assert find_date(text) == plain


@pytest.mark.parametrize("text", [
    "во исполнение приказа от 1.02.2023 № 5", "ПРИКАЗОМ Минобразования", "предприказ приказ", "Приказ",
    "постановлением и распоряжением", "İ приказом", "ᲂприказ приказ", "Ёприказ, приказ", "письмо-указ",
])
def test_act_words_same_as_the_regex(text):
    from prikaz_parser.extractors.acts import _act_word_regex, _act_words
    assert [(m.span(), m.group(1).lower()) for m in _act_words(text)] == \
        [(m.span(), m.group(1).lower()) for m in _act_word_regex().finditer(text)]


@pytest.mark.parametrize("text", ["ПРИОЗЕРСКИЙ район", "Республики Саха (Якутия)", "нет области", "", "в Ленинградской области"])
def test_region_gate_keeps_the_answer(text):
    from prikaz_parser.extractors import meta_place
    patterns, index = meta_place._region_patterns(), meta_place._region_index()
    plain = next((patterns[i][1] for run in meta_place._LETTERS.finditer(text)
                  for i in index.get(run.group().lower(), ()) if patterns[i][0].match(text, run.start())), None)
    assert find_region(text) == plain
