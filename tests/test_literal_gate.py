"""LiteralGate: the literals read off a regex, and that the gate never rejects a text the regex matches."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prikaz_parser.extractors.deadline import _ATOMS
from prikaz_parser.extractors.indicators import _YEAR_BY, _role_rules, _target_section
from prikaz_parser.extractors.literal_gate import DIGIT, AlternativesGate, Joined, LiteralGate
from prikaz_parser.extractors.meta_place import _region_patterns
from prikaz_parser.extractors.schools import _category_rules
from prikaz_parser.extractors.schools_grammar import kind_regex, mention_regex

from conftest import SAMPLES

LITERALS = [
    (r"школ", 0, {("школ", False)}),
    (r"школ", re.I, {("школ", True)}),
    (r"(?i:ШКОЛ)\w*", 0, {("школ", True)}),
    (r"(?<!\w)СОШ(?!\w)", 0, {("СОШ", False)}),
    # the literal every alternative shares is enough for all of them
    (r"(?:(?i:средн\w* школ\w*)|(?i:школ[аы])|СОШ)", 0, {("школ", True), ("СОШ", False)}),
    # word forms of one word: their common prefix
    (r"(?i:ленинградская|ленинградской|ленинградскую)\s+област\w*", 0, {("ленинградск", True)}),
    # a literal inside a repeat of at least one is mandatory, inside an optional one it is not
    (r"(?:ab)+c?", 0, {("ab", False)}),
    (r"x?(?:гимнази)", 0, {("гимнази", False)}),
    # a mandatory digit counts: a date needs one
    (r"школ|\d+", 0, {("школ", False), DIGIT}),
    (r"(?<![\d.])\d{1,2}\.\d{2}", 0, {(".", False)}),
    (r"[0-9]+", 0, {DIGIT}),
    # an alternative without any literal opens the gate
    (r"школ|[аб]+", 0, None),
    (r"[аб]+", 0, None),
]


@pytest.mark.parametrize("pattern,flags,expected", LITERALS)
def test_literals(pattern, flags, expected):
    gate = LiteralGate(re.compile(pattern, flags))
    assert (set(gate.literals) if gate.literals is not None else None) == expected


MAY_MATCH = [
    (r"(?i:средн\w* школ\w*)|СОШ", "МБОУ СОШ № 5", True),
    (r"(?i:средн\w* школ\w*)|СОШ", "средней общеобразовательной ШКОЛЫ", True),
    (r"(?i:средн\w* школ\w*)|СОШ", "управление образования", False),
    (r"(?i:средн\w* школ\w*)|СОШ", "сош № 5", False),  # the abbreviation is case-sensitive
    (r"школ|\d+", "до 2024 года", True),
    (r"школ|\d+", "в течение года", False),
    (r"школ|[аб]+", "что угодно", True),  # open gate
]


@pytest.mark.parametrize("pattern,text,expected", MAY_MATCH)
def test_may_match(pattern, text, expected):
    assert LiteralGate(re.compile(pattern)).may_match(text) is expected


def _vocabulary_patterns() -> list[re.Pattern]:
    pats = [kind_regex(), mention_regex()] + [g.pattern for _, g in _category_rules()] + [rx for _, rx in _ATOMS]
    pats += [g.pattern for _, g in _role_rules()] + [_target_section(), _YEAR_BY]
    return pats + [rx for rx, _ in _region_patterns()]


def _sample_lines() -> list[str]:
    lines = []
    for p in sorted(SAMPLES.glob("*.txt")):
        lines += [ln for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return lines


def test_gate_passes_every_matching_seed_line():
    """On every line of every seed, for every vocabulary regex: a match implies the gate is open."""
    lines = _sample_lines()
    matched = 0
    for rx in _vocabulary_patterns():
        gate = LiteralGate(rx)
        for ln in lines:
            if rx.search(ln):
                matched += 1
                assert gate.may_match(ln), (rx.pattern[:80], ln[:120])
    assert matched > 100  # the check saw real matches


_PIECES = ["МБОУ", "СОШ", "школа", "Школы", "гимназии", "лицей", "ШНОР", "500+", "низкими результатами",
           "Ленинградской области", "Республики Саха (Якутия)", "ХМАО", "центр образования", "№ 5", " ", ", ",
           "средней", "общеобразовательной", "кадетский корпус", "партнёр", "«Радуга»", "\n", "им. Пушкина",
           "до 30.01.2023", "I квартал", "2023-2024 уч. г.", "сентябрь", "мая", "в течение года", "1 раз в четверть"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8))
def test_gate_never_rejects_a_match(pieces):
    text = "".join(pieces)
    for rx in _vocabulary_patterns()[:8 + len(_ATOMS)]:
        if rx.search(text):
            assert LiteralGate(rx).may_match(text)


# AlternativesGate: every literal each alternative needs, word stems with their endings
ALTERNATIVES = [
    (r"(?i:средн\w* общеобразовательн\w* школ\w*)|СОШ", "средней общеобразовательной школы", True),
    (r"(?i:средн\w* общеобразовательн\w* школ\w*)|СОШ", "поддержка школ со средними результатами", False),
    (r"(?i:средн\w* общеобразовательн\w* школ\w*)|СОШ", "МБОУ СОШ № 5", True),
    (r"(?i:школ(?:а|ы|е|у|ой))", "Школа № 3", True),
    (r"(?i:школ(?:а|ы|е|у|ой))", "школьный этап, школ", False),
    (r"(?i:лице[йя])", "лицензия", False),
    (r"(?i:лице[йя])", "ЛИЦЕЙ", True),
    (r"(?<!\w)(?:школ|\d+)(?!\w)", "до 2024 года", True),
    (r"школ|[аб]+", "что угодно", True),  # an alternative without a literal: open gate
]


@pytest.mark.parametrize("pattern,text,expected", ALTERNATIVES)
def test_alternatives_gate(pattern, text, expected):
    assert AlternativesGate(re.compile(pattern)).may_match(text) is expected


STARTS = [
    (r"(?<!\w)(?:(?i:средн\w* школ\w*)|СОШ)(?!\w)", "МБОУ СОШ и Средней школы, средний балл", [5, 11, 26]),
    (r"(?<!\w)(?:(?i:средн\w* школ\w*)|СОШ)(?!\w)", "управление образования", []),
    (r"(?:школ|[аб]+)", "школа", None),  # an alternative without a leading literal: cannot tell
]


@pytest.mark.parametrize("pattern,text,expected", STARTS)
def test_alternatives_gate_starts(pattern, text, expected):
    assert AlternativesGate(re.compile(pattern)).starts(text) == expected


def _starts_cover_matches(rx: re.Pattern, text: str) -> None:
    gate = AlternativesGate(rx)
    starts = gate.starts(text)
    for m in rx.finditer(text):
        assert gate.may_match(text), (rx.pattern[:80], text[:120])
        assert starts is None or m.start() in starts, (rx.pattern[:80], text[:120])


def test_kind_gate_passes_every_matching_seed_line():
    """On every line of every seed: a school kind implies the gate is open and starts where the kind does."""
    for ln in _sample_lines():
        _starts_cover_matches(kind_regex(), ln)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + ["школах", "ШКОЛЫ", "Средняя", "лицея", "-интернат", "ЦО", "СОШ№"]),
                min_size=1, max_size=8))
def test_alternatives_gate_never_rejects_a_match(pieces):
    text = "".join(pieces)
    for rx in [kind_regex(), mention_regex()] + [g.pattern for _, g in _role_rules()] + [_target_section()]:
        _starts_cover_matches(rx, text)


# Joined texts: one lower() and one find per leading literal for a whole document
def test_joined_locates_positions_in_their_texts():
    joined = Joined(["ab", "", "СОШ"])
    assert joined.text == "ab\x00\x00СОШ"
    assert [joined.locate(p) for p in (0, 1, 4, 6)] == [(0, 0), (0, 1), (2, 0), (2, 2)]


def test_lead_starts_cover_every_kind_of_the_joined_seed_lines():
    lines = _sample_lines()
    joined = Joined(lines)
    starts = set(AlternativesGate(kind_regex()).lead_starts(joined.text))
    for i, ln in enumerate(lines):
        for m in kind_regex().finditer(ln):
            assert joined.offsets[i] + m.start() in starts, ln


def test_lead_starts_cannot_tell_without_leading_literals():
    assert AlternativesGate(re.compile(r"школ|[аб]+")).lead_starts("школа") is None
