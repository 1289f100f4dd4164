"""Schools: the name grammar (decomposition, lists, org-form chains), merging, and the seeds end to end."""
from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prikaz_parser.extractors.schools import categories_of, cluster, extract_schools, Found
from prikaz_parser.extractors.literal_gate import Joined
from prikaz_parser.extractors.schools_grammar import (Mention, _earliest_start, _mention_matches, canonical_kind,
                                                      find_mentions, kind_gate, kinds_at, nominative)
from prikaz_parser.layout import Cell, Layout, Paragraph, Table
from prikaz_parser.readers import read

from conftest import SAMPLES, SEED_STEMS, load_gold

# (text, [(org_form, kind, number, proper_name, locality), ...])
CASES = [
    # org form + abbreviated kind + number
    ("МБОУ СОШ №2", [("МБОУ", "СОШ", "2", None, None)]),
    ("МБОУ СОШ № 8", [("МБОУ", "СОШ", "8", None, None)]),
    ("МБОУ-СОШ № 5", [("МБОУ", "СОШ", "5", None, None)]),
    ("МБОУ - СОШ №5", [("МБОУ", "СОШ", "5", None, None)]),
    ("МАОУ – СОШ № 1 «Казачья»", [("МАОУ", "СОШ", "1", "Казачья", None)]),
    ("МАОУ-СОШ «Казачья»", [("МАОУ", "СОШ", None, "Казачья", None)]),
    ("МКОУ ООШ № 3", [("МКОУ", "ООШ", "3", None, None)]),
    ("МОУ НОШ № 7", [("МОУ", "НОШ", "7", None, None)]),
    ("МОБУ СОШ № 10", [("МОБУ", "СОШ", "10", None, None)]),
    ("ГБОУ СОШ № 1234", [("ГБОУ", "СОШ", "1234", None, None)]),
    ("МБОУ СОШ №5а", [("МБОУ", "СОШ", "5А", None, None)]),
    ("МБОУ СОШ № 12-Б", [("МБОУ", "СОШ", "12Б", None, None)]),
    ("МБОУ СОШ N 4", [("МБОУ", "СОШ", "4", None, None)]),
    # quotes around the kind, locality inside
    ('МБОУ "СОШ №8 г.Томмот"', [("МБОУ", "СОШ", "8", None, "г. Томмот")]),
    ('МБОУ "СОШ №2 г.Алдан"', [("МБОУ", "СОШ", "2", None, "г. Алдан")]),
    ("МБОУ СОШ № 2 г.Алдан", [("МБОУ", "СОШ", "2", None, "г. Алдан")]),
    ("МБОУ «СОШ № 12 им. А.С. Пушкина»", [("МБОУ", "СОШ", "12", "им. А.С. Пушкина", None)]),
    ("МБОУ СОШ № 3 имени И.И. Иванова", [("МБОУ", "СОШ", "3", "имени И.И. Иванова", None)]),
    ("МКОУ «Ивановская ООШ» с. Ивановка", [("МКОУ", "ООШ", None, "Ивановская", "с. Ивановка")]),
    ("МБОУ СОШ № 1 п. Нижний", [("МБОУ", "СОШ", "1", None, "п. Нижний")]),
    ("МОУ СОШ № 4 села Покровка", [("МОУ", "СОШ", "4", None, "села Покровка")]),
    # word kinds
    ("МАОУ лицей №3", [("МАОУ", "лицей", "3", None, None)]),
    ("МБОУ «Лицей № 6»", [("МБОУ", "лицей", "6", None, None)]),
    ("МОУ Гимназия №2 г. Приозерска", [("МОУ", "гимназия", "2", None, "г. Приозерска")]),
    ("в МАОУ гимназии № 5", [("МАОУ", "гимназия", "5", None, None)]),
    ("ГБОУ школа-интернат № 1", [("ГБОУ", "школа-интернат", "1", None, None)]),
    ("ГКОУ «Школа-интернат № 2»", [("ГКОУ", "школа-интернат", "2", None, None)]),
    ("ГБОУ школа № 1", [("ГБОУ", "школа", "1", None, None)]),
    ("Болгарская кадетская школа", [(None, "кадетская школа", None, "Болгарская", None)]),
    ("МБОУ «Кадетская школа № 1»", [("МБОУ", "кадетская школа", "1", None, None)]),
    ("средняя общеобразовательная школа № 4", [(None, "СОШ", "4", None, None)]),
    ("МБОУ «Средняя общеобразовательная школа № 4»", [("МБОУ", "СОШ", "4", None, None)]),
    ("МКОУ «Основная общеобразовательная школа № 9»", [("МКОУ", "ООШ", "9", None, None)]),
    ("начальной общеобразовательной школы № 2", [(None, "НОШ", "2", None, None)]),
    ("Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 4»",
     [("МБОУ", "СОШ", "4", None, None)]),
    ("муниципальное казенное общеобразовательное учреждение «Ивановская ООШ»",
     [("МКОУ", "ООШ", None, "Ивановская", None)]),
    ("МАОУ «Ивановский лицей»", [("МАОУ", "лицей", None, "Ивановский", None)]),
    # adjectives as proper names, with or without org form
    ("1. Бураковская СОШ", [(None, "СОШ", None, "Бураковская", None)]),
    ("Кузнецкихинская ООШ", [(None, "ООШ", None, "Кузнецкихинская", None)]),
    ("в Бураковской СОШ", [(None, "СОШ", None, "Бураковская", None)]),
    ("МОУ «Джатиевская ООШ»", [("МОУ", "ООШ", None, "Джатиевская", None)]),
    ("МОУ Коммунарская ООШ; •", [("МОУ", "ООШ", None, "Коммунарская", None)]),
    ("МОУ «Запорожская ООШ, «Красноармейская ООШ»",
     [("МОУ", "ООШ", None, "Запорожская", None), ("МОУ", "ООШ", None, "Красноармейская", None)]),
    ("МОУ «Ново-Девяткинская СОШ»", [("МОУ", "СОШ", None, "Ново-Девяткинская", None)]),
    # lists
    ("МБОУ-СОШ №№5,6,17", [("МБОУ", "СОШ", n, None, None) for n in ("5", "6", "17")]),
    ("МБОУ СОШ № 5 и 6", [("МБОУ", "СОШ", n, None, None) for n in ("5", "6")]),
    ("МБОУ-СОШ №№5,6,17, МАОУ-СОШ № 1 «Казачья»",
     [("МБОУ", "СОШ", n, None, None) for n in ("5", "6", "17")] + [("МАОУ", "СОШ", "1", "Казачья", None)]),
    ("МОУ «Джатиевская ООШ», «Красноозерненская ООШ»",
     [("МОУ", "ООШ", None, "Джатиевская", None), ("МОУ", "ООШ", None, "Красноозерненская", None)]),
    ("в МОУ «Джатиевская ООШ», «Красноозерненская ООШ» и «Громовская СОШ»",
     [("МОУ", "ООШ", None, "Джатиевская", None), ("МОУ", "ООШ", None, "Красноозерненская", None),
      ("МОУ", "СОШ", None, "Громовская", None)]),
    ("1. МБОУ СОШ № 2 г.Алдан 2. МБОУ СОШ № 8 г.Томмот",
     [("МБОУ", "СОШ", "2", None, "г. Алдан"), ("МБОУ", "СОШ", "8", None, "г. Томмот")]),
    ("(МБОУ-СОШ №3, МБОУ-СОШ № 8, МБОУ-СОШ № 14)",
     [("МБОУ", "СОШ", n, None, None) for n in ("3", "8", "14")]),
    ("• МОУ «Мельниковская СОШ» • МОУ «Отрадененская СОШ»",
     [("МОУ", "СОШ", None, "Мельниковская", None), ("МОУ", "СОШ", None, "Отрадененская", None)]),
    # not schools
    ("МОУ ДО ЦИТ", []),
    ("ГБОУ ИРО КК", []),
    ("ГАУ ДПО «ВГАПО»", []),
    ("МБОУ «_____» – участник проекта", []),
    ("НИУ «Высшая школа экономики»", []),
    ("Школы - Лидеры", []),
    ("руководители МБОУ СОШ", []),
    ("школы с низкими результатами обучения", []),
    ("МКУ ЦРО и ОК", []),
    ("Каждая СОШ района", []),
    ("Средняя школа", []),
    ("в школе № 3 прошло", [(None, "школа", "3", None, None)]),
    ("директору МБОУ СОШ № 2 Иванову", [("МБОУ", "СОШ", "2", None, None)]),
]


def _fields(m: Mention) -> tuple:
    return (m.org_form, m.kind, m.number, m.proper_name, m.locality)


@pytest.mark.parametrize("text, expected", CASES)
def test_mentions(text, expected):
    assert [_fields(m) for m in find_mentions(text)] == expected


@pytest.mark.parametrize("text, raw", [
    ("МБОУ-СОШ №№5,6,17", ["МБОУ-СОШ № 5", "МБОУ-СОШ № 6", "МБОУ-СОШ № 17"]),
    ("МОУ «Джатиевская ООШ», «Красноозерненская ООШ»", ["МОУ «Джатиевская ООШ»", "МОУ «Красноозерненская ООШ»"]),
    ('за МБОУ "СОШ №8 г.Томмот".', ['МБОУ "СОШ №8 г.Томмот"']),
    ("1. Бураковская СОШ", ["Бураковская СОШ"]),
])
def test_raw_spelling(text, raw):
    assert [m.raw for m in find_mentions(text)] == raw


@pytest.mark.parametrize("text, expected", [
    ("СОШ", "СОШ"), ("средней общеобразовательной школы", "СОШ"), ("Основная общеобразовательная школа", "ООШ"),
    ("лицея", "лицей"), ("Гимназия", "гимназия"), ("школы-интерната", "школа-интернат"),
    ("кадетской школы", "кадетская школа"), ("школа", "школа"), ("центр", None),
])
def test_canonical_kind(text, expected):
    got = canonical_kind(text)
    assert (got[0] if got else None) == expected


@pytest.mark.parametrize("adj, kind, expected", [
    ("Бураковской", "СОШ", "Бураковская"), ("Ивановскую", "ООШ", "Ивановская"),
    ("Ивановского", "лицей", "Ивановский"), ("Центрального", "лицей", "Центральный"), ("Казачья", "СОШ", "Казачья"),
])
def test_nominative(adj, kind, expected):
    assert nominative(adj, kind) == expected


@pytest.mark.parametrize("context, expected", [
    ("участниках проекта «500+» 2022 года", ["500+"]),
    ("поддержки ШНОР и ШНСУ", ["ШНОР", "ШНСУ"]),
    ("школы с низкими образовательными результатами", ["ШНОР"]),
    ("школа-партнёр", ["партнёр"]),
    ("директору", []),
])
def test_categories(context, expected):
    assert categories_of(context) == expected


def _layout(*texts: str) -> Layout:
    return Layout(blocks=[Paragraph(t) for t in texts])


@pytest.mark.parametrize("texts, n, spellings", [
    (["МОУ «Отрадененская СОШ»", "МОУ «Отраденская СОШ»"], 1, ["МОУ «Отрадененская СОШ»", "МОУ «Отраденская СОШ»"]),
    (["МОУ «Красноозерненская ООШ»", "МОУ «Красноозернинская ООШ»", "МОУ «Красноармейская ООШ»"], 2, None),
    (["МАОУ-СОШ № 1 «Казачья»", "МАОУ-СОШ «Казачья»", "МАОУ – СОШ № 1 «Казачья»"], 1, None),
    (["МБОУ СОШ №2", "МБОУ СОШ № 2 г.Алдан", 'МБОУ "СОШ №2 г.Алдан"'], 1, None),
    (["МБОУ СОШ №1 г. Алдан", "МБОУ СОШ №1 п. Томмот"], 2, None),
    (["МБОУ СОШ №1", "МАОУ СОШ №1"], 2, None),
    (["МБОУ СОШ №1", "МБОУ лицей №1"], 2, None),
    (["МОУ Коммунарская ООШ", "в МОУ «Джатиевская ООШ», «Коммунарская ООШ»"], 2, None),
])
def test_merging(texts, n, spellings):
    schools = extract_schools(_layout(*texts))
    assert len(schools) == n
    if spellings:
        assert schools[0].spellings == spellings


def test_first_spelling_is_raw_and_fields_filled_from_others():
    s = extract_schools(_layout("МБОУ СОШ №2 работает", 'в МБОУ "СОШ №2 г.Алдан"'))
    assert (s[0].raw, s[0].locality) == ("МБОУ СОШ №2", "г. Алдан")


def test_table_cells_are_read_one_by_one():
    cells = [Cell("МБОУ СОШ №2", 0, 0), Cell("МБОУ СОШ №8", 0, 1)]
    s = extract_schools(Layout(blocks=[Table(0, [cells])]))
    assert [x.number for x in s] == ["2", "8"]


def test_clustering_is_blocked():
    # 2000 mentions of 400 schools: merging must stay fast (signatures, blocked comparisons)
    found = [Found(m, "") for i in range(2000) for m in find_mentions(f"МБОУ СОШ № {i % 400}")]
    assert len(cluster(found)) == 400


def _seed_gold(stem: str) -> dict:
    return load_gold(stem)


def _key(s) -> tuple:
    d = s if isinstance(s, dict) else s.model_dump()
    return (d["org_form"], d["kind"], d["number"], (d["proper_name"] or "")[:5], d["locality"])


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_schools(stem):
    path = SAMPLES / f"{stem}.txt"
    layout = read(path.read_bytes(), "txt", file=str(path))
    got = sorted(map(_key, extract_schools(layout)), key=str)
    assert got == sorted(map(_key, _seed_gold(stem)["schools"]), key=str)


# The fast paths of the grammar: kinds found only at the gate's starts, each mention searched for from a
# few words before the next kind. Both must give exactly what the plain searches give.
_MENTION_PIECES = ["МБОУ", "МАОУ", "ГБОУ РО", "муниципального бюджетного общеобразовательного учреждения",
                   "Муниципальное  казённое\nобщеобразовательное учреждение", " ", "  ", "\n", "-", " – ", "«", "»",
                   '"', "Средняя", "средней", "общеобразовательной", "школы", "школа", "СОШ", "ООШ", "№ 5", "№3",
                   ", ", " и ", "Бураковская", "Ивановского", "лицей", "гимназии", "центр образования", "(",
                   "им. А.С. Пушкина", "с. Ивановка", "поддержка школ", "образовательный центр", "кадетская"]


def _spans(text: str, kinds) -> list[tuple[int, int]]:
    return [m.span() for m in _mention_matches(text, kinds)]


def _assert_fast_paths_agree(text: str) -> None:
    assert _spans(text, kinds_at(text, kind_gate().starts(text) or [])) == _spans(text, None), text
    joined = Joined(["СОШ №1", text, "", text])
    kinds = [joined.locate(s) + (e - s,) for s, e in kinds_at(joined.text, kind_gate().lead_starts(joined.text))]
    assert [(at, at + n) for i, at, n in kinds if i == 3] == kinds_at(text, kind_gate().starts(text) or []), text


# mentions with every part before the kind, the longest first: the search must not start inside them
LONGEST_PREFIXES = [
    "Поддержка муниципального бюджетного общеобразовательного учреждения – « Бураковская СОШ №1»",
    "в  МБОУ - «Ивановская средняя общеобразовательная школа»",
    "план и ГБОУ РО «Бураковская СОШ» и МБОУ «Джатиевская ООШ»",
]


@pytest.mark.parametrize("text", LONGEST_PREFIXES)
def test_fast_mention_search_keeps_the_longest_prefixes(text):
    _assert_fast_paths_agree(text)


def test_fast_mention_search_agrees_on_seed_lines():
    for p in sorted(SAMPLES.glob("*.txt")):
        for ln in p.read_text(encoding="utf-8").splitlines():
            _assert_fast_paths_agree(ln)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_MENTION_PIECES), min_size=1, max_size=14))
def test_fast_mention_search_agrees(pieces):
    _assert_fast_paths_agree("".join(pieces))


def test_earliest_start_skips_text_before_the_words_of_a_mention():
    text = "план работы на год с учётом результатов муниципального бюджетного общеобразовательного учреждения «СОШ № 5»"
    kind = text.index("СОШ")
    # seven words back: room for a four-word org form, a dash, a quote ("«СОШ") and an adjective
    assert text[:_earliest_start(text, 0, kind)] == "план работы на год с "
