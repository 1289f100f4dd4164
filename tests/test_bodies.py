"""Responsible bodies: splitting cells, abbreviations, classification, people.

Splits are written inline with `|` between the bodies as printed.
"""
from __future__ import annotations

import importlib.util
import json

import pytest
from rapidfuzz.fuzz import token_sort_ratio

from conftest import SAMPLES, SHARED
from prikaz_parser.extractors.abbreviations import find_abbreviations, full_name
from prikaz_parser.extractors.bodies import classify, explain, split_responsible
from prikaz_parser.extractors.people import find_person
from prikaz_parser.layout import Cell, Layout, Paragraph, Table
from prikaz_parser.readers.text import read_text
from prikaz_parser.schema import Abbreviation


def raws(text: str, abbreviations=None) -> str:
    return " | ".join(b.raw for b in split_responsible(text, abbreviations))


# ------------------------------------------------------------ the seeds' cells, as the gold keys split them
SEED_CELLS = [
    ("МКУ «Департамент образования», ОО", "МКУ «Департамент образования» | ОО"),
    ("МКУ ЦРО и ОК", "МКУ ЦРО и ОК"),
    ("УО, МКУ ЦРО и ОК", "УО | МКУ ЦРО и ОК"),
    ("МКУ ЦРО и ОК, ОО", "МКУ ЦРО и ОК | ОО"),
    ("Отдел образование Образовательные организации", "Отдел образование | Образовательные организации"),
    ("Отдел образования Образовательные организации", "Отдел образования | Образовательные организации"),
    ("Административная команда ОО", "Административная команда ОО"),
    ("Административная команда, педагоги ОО", "Административная команда | педагоги ОО"),
    ("Административная команда, педагогические работники ШНОР",
     "Административная команда | педагогические работники ШНОР"),
    ("Педагогические работники ОО", "Педагогические работники ОО"),
    ("", ""),
    ("Отдел по образованию, образовательные учреждения", "Отдел по образованию | образовательные учреждения"),
    ("Отдел по образованию ОО района", "Отдел по образованию | ОО района"),
    ("Отдел по образованию и молодежной политике Администрации Дубовского муниципального района",
     "Отдел по образованию и молодежной политике Администрации Дубовского муниципального района"),
    ("Общеобразовательные учреждения по согласованию с Отделом по образованию",
     "Общеобразовательные учреждения по согласованию с Отделом по образованию"),
    ("Отдел по образованию, Общеобразовательные учреждения", "Отдел по образованию | Общеобразовательные учреждения"),
    ("Руководители районных МО", "Руководители районных МО"),
    ("Руководители РМО", "Руководители РМО"),
    ("Комитет образования ММС", "Комитет образования | ММС"),
    ("КомитетОбразования, ИМО МОУ ДОЦИТ", "КомитетОбразования | ИМО МОУ ДОЦИТ"),
    ("Информационно-методический отдел МОУ ДО ЦИТ", "Информационно-методический отдел МОУ ДО ЦИТ"),
    ("Информационно-методический отдел Руководители ОО", "Информационно-методический отдел | Руководители ОО"),
    ("Информационно-методический отдел,", "Информационно-методический отдел"),
    ("Информационно-методический отдел, Руководители ОО РМО, Муниципальный экспертно-методический Совет",
     "Информационно-методический отдел | Руководители ОО | РМО | Муниципальный экспертно-методический Совет"),
    ("Информационно-методический отдел, школы с НОР, школы НСУ Школы - Лидеры",
     "Информационно-методический отдел | школы с НОР | школы НСУ | Школы - Лидеры"),
    ("Заместитель председателя Совета, главный специалист, методист",
     "Заместитель председателя Совета | главный специалист | методист"),
    ("Заместитель председателя КО, руководитель начальник ИМО ЦИТ",
     "Заместитель председателя КО | руководитель начальник ИМО ЦИТ"),
    ("Комитет образования, МОУ «Запорожская ООШ, «Красноармейская ООШ»",
     "Комитет образования | МОУ «Запорожская ООШ | «Красноармейская ООШ»"),
    ("Комитет образования, МОУ «Громовская СОШ»", "Комитет образования | МОУ «Громовская СОШ»"),
    ("Методисты информационно-методического отдела", "Методисты информационно-методического отдела"),
    ("Отдел по образованию\nГАУ ДПО «ВГАПО»\nГАУ ДПО «ВГАПО»\nРуководители РМО",
     "Отдел по образованию | ГАУ ДПО «ВГАПО» | ГАУ ДПО «ВГАПО» | Руководители РМО"),
]

# ------------------------------------------------------------ cells the seeds do not have
NEW_CELLS = [
    # separators
    ("УО; ОО; РМО", "УО | ОО | РМО"),
    ("УО;\nОО", "УО | ОО"),
    ("Управление образования\nОбразовательные организации", "Управление образования | Образовательные организации"),
    ("ОО\nРМО\nИМЦ", "ОО | РМО | ИМЦ"),
    ("УО, ОО (по согласованию)", "УО | ОО (по согласованию)"),
    ("ИРО (по согласованию)", "ИРО (по согласованию)"),
    ("ОО (директора, заместители директоров)", "ОО (директора, заместители директоров)"),
    ("МБОУ СОШ №№ 5, 6, 17", "МБОУ СОШ №№ 5, 6, 17"),
    ("- УО;\n- ОО.", "УО | ОО"),
    ("1. Управление образования\n2. Руководители ОО", "Управление образования | Руководители ОО"),
    # quotes and abbreviations with "и" inside
    ("МКУ «ЦРО и ОК»", "МКУ «ЦРО и ОК»"),
    ("ГАУ ДПО «ВГАПО», ОО", "ГАУ ДПО «ВГАПО» | ОО"),
    ("МКУ \"Центр развития образования, оценки качества\", ОО",
     "МКУ \"Центр развития образования, оценки качества\" | ОО"),
    ("ГБОУ ИРО КК, УО", "ГБОУ ИРО КК | УО"),
    ("Управление образования и науки", "Управление образования и науки"),
    ("УО и ОО", "УО | ОО"),
    ("Комитет образования и Руководители ОО", "Комитет образования | Руководители ОО"),
    ("Руководители и педагоги ОО", "Руководители и педагоги ОО"),
    # runs without separators
    ("Управление образования МКУ ЦРО и ОК", "Управление образования | МКУ ЦРО и ОК"),
    ("УО МБОУ СОШ № 3", "УО | МБОУ СОШ № 3"),
    ("Департамент образования Общеобразовательные организации",
     "Департамент образования | Общеобразовательные организации"),
    ("Комитет по образованию РМО ШМО", "Комитет по образованию | РМО | ШМО"),
    ("Руководители ОО, заместители директоров по УВР", "Руководители ОО | заместители директоров по УВР"),
    ("Руководители ОО Заместители директоров по УВР", "Руководители ОО | Заместители директоров по УВР"),
    ("Отдел образования Администрации района", "Отдел образования Администрации района"),
    ("Муниципальный методический центр", "Муниципальный методический центр"),
    ("ИМЦ Руководители ШМО", "ИМЦ | Руководители ШМО"),
    # wrapped lines
    ("Отдел по образованию и\nмолодежной политике", "Отдел по образованию и молодежной политике"),
    ("Управление образования\nадминистрации района", "Управление образования администрации района"),
    ("Информационно-\nметодический центр", "Информационно-методический центр"),
    ("Заместитель директора по\nУВР", "Заместитель директора по УВР"),
    ("Отдел образования\nобразовательные учреждения", "Отдел образования | образовательные учреждения"),
    # people
    ("Сухина О.В.", "Сухина О.В."),
    ("Сухина О.В., Петрова А.А.", "Сухина О.В. | Петрова А.А."),
    ("Сухина О.В. Петрова А.А.", "Сухина О.В. | Петрова А.А."),
    ("О.В. Сухина, А.А. Петрова", "О.В. Сухина | А.А. Петрова"),
    ("заместитель директора по УВР Иванова И.И.", "заместитель директора по УВР Иванова И.И."),
    ("Директор МБОУ СОШ №5 Иванов И.И.", "Директор МБОУ СОШ №5 Иванов И.И."),
    ("Иванова И.И., заместитель директора по УВР", "Иванова И.И., заместитель директора по УВР"),
    ("Начальник УО Петров П.П., ОО", "Начальник УО Петров П.П. | ОО"),
    ("Директор, заместитель директора по ВР", "Директор | заместитель директора по ВР"),
    ("ЛОИРО, ММС", "ЛОИРО | ММС"),
    ("Заместители директоров по УВР, ВР", "Заместители директоров по УВР, ВР"),
    ("Управление образования, МБОУ СОШ № 1, 2, 3", "Управление образования | МБОУ СОШ № 1, 2, 3"),
    ("Директора ОО\nЗаместители директоров по УВР", "Директора ОО | Заместители директоров по УВР"),
    ("Управление образования администрации МО Ейский район", "Управление образования администрации МО Ейский район"),
]


@pytest.mark.parametrize("text, expected", SEED_CELLS + NEW_CELLS)
def test_split(text, expected):
    assert raws(text) == expected


# ------------------------------------------------------------ which rule decided
@pytest.mark.parametrize("text, rules", [
    ("УО, МКУ ЦРО и ОК", ["start", "separator"]),
    ("Отдел образования Образовательные организации", ["start", "head_noun"]),
    ("Комитет образования ММС", ["start", "abbreviation"]),
    ("УО и ОО", ["start", "conjunction"]),
    ("Сухина О.В. Петрова А.А.", ["start", "person_run"]),
    ("ОО\nРМО", ["start", "line_break"]),
])
def test_explain(text, rules):
    assert [r for _, r in explain(text)] == rules


# ------------------------------------------------------------ classification
@pytest.mark.parametrize("raw, kind", [
    ("МКУ «Департамент образования»", "education_authority"),
    ("Отдел по образованию", "education_authority"),
    ("Комитет образования", "education_authority"),
    ("КомитетОбразования", "education_authority"),
    ("УО", "education_authority"),
    ("Заместитель председателя КО", "education_authority"),
    ("МКУ ЦРО и ОК", "methodological_centre"),
    ("ММС", "methodological_centre"),
    ("Информационно-методический отдел МОУ ДО ЦИТ", "methodological_centre"),
    ("ИМЦ", "methodological_centre"),
    ("Методисты информационно-методического отдела", "methodological_centre"),
    ("ОО", "schools"),
    ("ОО района", "schools"),
    ("Образовательные организации", "schools"),
    ("Общеобразовательные учреждения по согласованию с Отделом по образованию", "schools"),
    ("МОУ «Громовская СОШ»", "schools"),
    ("школы с НОР", "schools"),
    ("педагоги ОО", "schools"),
    ("Руководители ОО", "school_administration"),
    ("Административная команда ОО", "school_administration"),
    ("Административная команда", "school_administration"),
    ("заместители директоров по УВР", "school_administration"),
    ("Руководители школ", "school_administration"),
    ("ГАУ ДПО «ВГАПО»", "regional_institute"),
    ("ЛОИРО", "regional_institute"),
    ("ГБОУ ИРО КК", "regional_institute"),
    ("Институт развития образования", "regional_institute"),
    ("РМО", "teachers_association"),
    ("Руководители РМО", "teachers_association"),
    ("Руководители районных МО", "teachers_association"),
    ("ШМО учителей математики", "teachers_association"),
    ("главный специалист", "other"),
])
def test_classify(raw, kind):
    assert split_responsible(raw)[0].kind == kind


def test_classify_direct():
    assert classify("Управление образования") == "education_authority"
    assert classify("Ассоциация учителей русского языка") == "teachers_association"


# ------------------------------------------------------------ people
@pytest.mark.parametrize("raw, person, position", [
    ("Сухина О.В.", "О.В. Сухина", None),
    ("О.В.Сухина", "О.В. Сухина", None),
    ("заместитель директора по УВР Иванова И.И.", "И.И. Иванова", "заместитель директора по УВР"),
    ("Директор МБОУ СОШ №5 Иванов И.И.", "И.И. Иванов", "Директор МБОУ СОШ №5"),
    ("Иванова И.И., заместитель директора по УВР", "И.И. Иванова", "заместитель директора по УВР"),
    ("начальник отдела Т.В. Мирчук", "Т.В. Мирчук", "начальник отдела"),
    ("Иванова Ирина Ивановна, заместитель директора", "И.И. Иванова", "заместитель директора"),
])
def test_person(raw, person, position):
    (b,) = split_responsible(raw)
    assert (b.kind, b.person, b.position) == ("person", person, position)


@pytest.mark.parametrize("raw", ["Отдел образования", "Руководители ОО", "МБОУ СОШ № 5", "Школы - Лидеры"])
def test_no_person(raw):
    assert find_person(raw) is None


# ------------------------------------------------------------ abbreviations
@pytest.mark.parametrize("raw, abbreviation, name", [
    ("УО", "УО", "Управление образования"),
    ("МКУ ЦРО и ОК", "МКУ ЦРО и ОК", "Муниципальное казённое учреждение «Центр развития образования и оценки качества»"),
    ("ОО района", "ОО", "общеобразовательные организации района"),
    ("Руководители ОО", "ОО", "Руководители общеобразовательных организаций"),
    ("Отдел образования", None, None),
])
def test_resolve(raw, abbreviation, name):
    (b,) = split_responsible(raw)
    assert (b.abbreviation, b.name) == (abbreviation, name)


def test_document_abbreviation_wins():
    doc = [Abbreviation(short="УО", full="Управление образования администрации города Армавир")]
    (b,) = split_responsible("УО", doc)
    assert b.name == "Управление образования администрации города Армавир"
    assert b.kind == "education_authority"


def test_document_abbreviation_splits_runs():
    doc = [Abbreviation(short="ЦНО", full="Центр непрерывного образования")]
    assert raws("Комитет образования ЦНО", doc) == "Комитет образования | ЦНО"
    assert raws("Комитет образования ЦНО") == "Комитет образования ЦНО"


@pytest.mark.parametrize("before, short, full", [
    ("Актуальность работы в школах с низкими образовательными результатами ", "школы с НОР",
     "школы с низкими образовательными результатами"),
    ("и школ, функционирующих в неблагоприятных социальных условиях ", "школы с НСУ",
     "школы, функционирующих в неблагоприятных социальных условиях"),
    ("Управление образования администрации муниципального образования город Армавир ", "УО",
     "Управление образования администрации муниципального образования город Армавир"),
    ("Создать. Муниципальное казённое учреждение «Центр развития образования и оценки качества» ", "МКУ ЦРО и ОК",
     "Муниципальное казённое учреждение «Центр развития образования и оценки качества»"),
    ("возложить на информационно-методический отдел ", "ИМО", "информационно-методический отдел"),
    ("поддержка школ с низкими образовательными результатами ", "ШНОР",
     "школ с низкими образовательными результатами"),
    ("утвердить муниципальную программу «Поддержка школ» ", "Программа", "муниципальную программу «Поддержка школ»"),
])
def test_full_name(before, short, full):
    assert full_name(before, short) == full


def _layout() -> Layout:
    cell = Cell(text="внутренняя система оценки качества образования (далее — «ВСОКО»)", row=0, col=0)
    return Layout(blocks=[
        Paragraph(text="Управлению образования администрации города (далее – УО) обеспечить работу."),
        Paragraph(text="Поддержка школ с низкими образовательными результатами (далее по тексту - ШНОР)."),
        Table(index=0, rows=[[cell, Cell(text="УО, МКУ ЦРО и ОК", row=0, col=1)]]),
    ])


def test_find_abbreviations():
    found = {a.short: (a.full, a.source) for a in find_abbreviations(_layout())}
    assert found["УО"] == ("Управлению образования администрации города", "document")
    assert found["ШНОР"] == ("школ с низкими образовательными результатами", "document")
    assert found["ВСОКО"] == ("внутренняя система оценки качества образования", "document")
    assert found["МКУ ЦРО и ОК"][1] == "dictionary"
    assert "ЛОИРО" not in found  # the dictionary gives only what the document uses


def test_find_abbreviations_seed():
    path = SAMPLES / "004_792d1e6bb9a819b6.txt"
    found = {a.short: a for a in find_abbreviations(read_text(path.read_text("utf-8"), str(path)))}
    assert found["школы с НОР"].full == "школы с низкими образовательными результатами"
    assert found["школы с НОР"].source == "document"
    assert found["ЛОИРО"].source == "dictionary"


# ------------------------------------------------------------ every responsible cell of the five seeds vs gold
def _scorer():
    path = SHARED / "eval" / "score.py"
    if not path.exists():
        pytest.skip("shared/eval not present")
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def _seed_pairs(score):
    """(raw responsible cell or paragraph, gold list) for every gold measure with a responsible list."""
    out = []
    for gold_path in sorted((SHARED / "eval" / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        seed = SAMPLES / gold["source"]
        rows = [r for t in read_text(seed.read_text("utf-8"), str(seed)).tables() for r in t.rows]

        def texts(row):
            for c in row:
                ps = c.paragraphs
                yield from [c.text] + (ps if len(ps) > 1 else [])
        for m in gold.get("measures") or []:
            if m.get("responsible") is None:
                continue
            row = max(rows, key=lambda r: max(token_sort_ratio(m["text"], t) for t in texts(r)))
            want = " ".join(m["responsible"])
            cell = max(texts(row), key=lambda t: token_sort_ratio(want, t) if want else float(not t.strip()))
            out.append((cell, m["responsible"]))
    return out


def test_seed_cells_f1():
    score = _scorer()
    pairs = _seed_pairs(score)
    assert len(pairs) >= 150
    f1 = [score.list_f1(gold, [b.raw for b in split_responsible(cell)]) for cell, gold in pairs]
    mean = sum(f1) / len(f1)
    print(f"responsible F1 over {len(f1)} seed cells: {mean:.3f}")
    assert mean >= 0.95


@pytest.mark.parametrize("cell, parts", [
    ("УО/ММС", ["УО", "ММС"]),
    ("УО / ОО", ["УО", "ОО"]),
    ("МБОУ СОШ/гимназия", ["МБОУ СОШ/гимназия"]),
])
def test_slash_between_abbreviations(cell, parts):
    assert [b.raw for b in split_responsible(cell)] == parts


# ------------------------------------------------------------ speed rewrites give the old answers

@pytest.mark.parametrize("short", ["ОО", "МКУ ЦРО и ОК", "ГАУ ДПО «ВГАПО»", "(x)", "А"])
@pytest.mark.parametrize("text", ["", "{}", "а{}", "{}а", "1{} {}", " {}.", "«{}»", "\n{}\n", "{}{} {}",
                                  "_{} x{}y {}"])
def test_word_re_matches_like_a_leading_lookbehind(short, text):
    """`_word_re` puts the literal before its lookbehind so `re` can jump to it: same matches."""
    import re
    from prikaz_parser.extractors.bodies_vocab import _word_re
    text = text.replace("{}", short)
    old = re.compile(rf"(?<!\w){re.escape(short)}(?!\w)")
    assert [m.span() for m in _word_re(short).finditer(text)] == [m.span() for m in old.finditer(text)]


def _kind_by_earliest_rule(text: str):
    """The rule the classifier means: the earliest match of any kind rule, ties by rule order."""
    from prikaz_parser.extractors.bodies_vocab import vocab
    hits = [(m.start(), i, rule, kind) for i, (rule, kind, p) in enumerate(vocab().kinds) if (m := p.search(text))]
    return (min(hits)[3], min(hits)[2]) if hits else ("other", None)


def test_kinds_any_is_the_earliest_rule():
    """One alternation of all kind rules answers as the earliest of the rules' own matches,
    on every short run of words of the seeds and on every dictionary name."""
    from prikaz_parser.extractors.bodies import explain_kind
    from prikaz_parser.extractors.bodies_vocab import vocab
    texts = {s for s, _, _ in vocab().abbreviations} | {f for _, f, _ in vocab().abbreviations}
    texts |= {"директор школы, методист ИМЦ", "педагоги ОО и РМО", "центр оценки качества", "ЦРО; УО"}
    for path in sorted(SAMPLES.glob("*.txt")):
        words = path.read_text("utf-8").split()
        texts |= {" ".join(words[i:i + n]) for n in (1, 2, 4) for i in range(len(words))}
    assert all(explain_kind(t) == _kind_by_earliest_rule(t) for t in texts)


@pytest.mark.parametrize("text, inside", [
    ("УО, ОО", ""),
    ("МКУ «ЦРО, ОК», ОО", "«ЦРО, ОК»"),
    ('МКУ "ЦРО, ОК", ОО', '"ЦРО, ОК"'),
    ("УО (отдел, сектор), ОО", "(отдел, сектор)"),
    ("«a (b» c)", "«a (b»"),  # the inner "(" is dropped with the closed «…»
    ("(a «b) c»", "(a «b)"),
    ("«a, b", ""),  # unclosed: protects nothing
    ('"a" b "c', '"a"'),
    ("“a, b” c", "“a, b”"),
])
def test_protected(text, inside):
    from prikaz_parser.extractors.bodies import protected
    assert "".join(ch for ch, p in zip(text, protected(text)) if p) == inside


@pytest.mark.parametrize("cell", ["УО, МКУ ЦРО и ОК", "Иванова И.И., заместитель директора по УВР", "Отдел образования"])
def test_fresh_copy_is_model_copy_but_independent(cell):
    """The cheap copy out of the cache has the state `model_copy` gives (fields and fields set, so
    `exclude_unset` dumps agree) and shares nothing with the cached Body."""
    from prikaz_parser.extractors.bodies import _defined, _split_cached
    cached = _split_cached(cell, _defined(None))
    fresh = split_responsible(cell)
    assert [b.__getstate__() for b in fresh] == [b.model_copy().__getstate__() for b in cached]
    assert [b.model_dump_json(exclude_unset=True) for b in fresh] == \
        [b.model_dump_json(exclude_unset=True) for b in cached]
    dumps = [(b.model_dump(), set(b.model_fields_set)) for b in cached]
    fresh[0].name = "изменено"
    fresh[0].model_fields_set.add("position")
    assert [(b.model_dump(), b.model_fields_set) for b in split_responsible(cell)] == dumps


def _resolve_scanning_every_row(raw: str, table) -> tuple:
    """`resolve` as it was: every row of the table tried, no first-word index."""
    from prikaz_parser.extractors import bodies as B
    scan = B.AbbrTable([])
    scan.extend(table)
    scan.unkeyed = list(range(len(table)))
    return B.resolve(raw, scan)


def test_abbreviation_index_finds_what_a_full_scan_finds():
    """`AbbrTable.candidates` skips rows whose first word is not a word of the body: same answers on
    the dictionary's shorts and names, document definitions, and short runs of the seeds' words."""
    from prikaz_parser.extractors import bodies as B
    from prikaz_parser.extractors.bodies_vocab import vocab
    doc = [Abbreviation(short="школы с НОР", full="школы с низкими образовательными результатами"),
           Abbreviation(short="(x)", full="икс"), Abbreviation(short="ЦНО", full="Центр непрерывного образования")]
    texts = {s for s, _, _ in vocab().abbreviations} | {f for _, f, _ in vocab().abbreviations}
    texts |= {"школы с НОР района", "(x) и УО", "ЦНО/УО", "МКУ ЦРО и ОК, ОО", "МКУЦРО", "ОО_1", "ООО «Ромашка»"}
    for path in sorted(SAMPLES.glob("*.txt")):
        words = path.read_text("utf-8").split()
        texts |= {" ".join(words[i:i + n]) for n in (1, 3) for i in range(len(words))}
    for defined in (None, doc):
        table = B._abbr_table(defined)
        assert all(B.resolve(t, table) == _resolve_scanning_every_row(t, table) for t in texts)


def test_person_gate_passes_every_person():
    """`make_body` asks `find_person` only when `_may_name_person`: no text it turns away names one."""
    from prikaz_parser.extractors.bodies import _may_name_person
    texts = {"Иванова И.И., заместитель директора по УВР", "И.И. Иванов", "Петров Пётр Петрович",
             "Сидорова Анна Ильинична", "Кузьмин Илья Кузьмич", "Отдел образования", "МБОУ СОШ № 5"}
    for path in sorted(SAMPLES.glob("*.txt")):
        words = path.read_text("utf-8").split()
        texts |= {" ".join(words[i:i + n]) for n in (2, 3, 4) for i in range(len(words))}
    assert not [t for t in texts if not _may_name_person(t) and find_person(t) is not None]
    assert not _may_name_person("Руководители ОО") and _may_name_person("Иванов И.И.")
