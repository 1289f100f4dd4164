"""memo: the text caches are registered, filled by a parse, emptied by clear(), and never change a result."""
from __future__ import annotations

import pytest

from prikaz_parser import memo, parse

from conftest import SAMPLES

TXT = sorted(SAMPLES.glob("*.txt"))


@pytest.mark.parametrize("name", [
    "prikaz_parser.extractors.deadline._parse",
    "prikaz_parser.extractors.bodies._split_cached",
    "prikaz_parser.extractors.columns.explain_role",
    "prikaz_parser.extractors.indicators.column_role",
    "prikaz_parser.extractors.programme.field_of",
])
def test_cell_level_caches_are_registered(name):
    parse(TXT[0])  # a module registers its caches when it is imported (extractors load lazily)
    assert name in memo.registered()


def test_clear_empties_what_a_parse_filled():
    parse(TXT[0])
    filled = sum(c.cache_info().currsize for c in memo._REGISTRY)
    assert filled > 0
    memo.clear()
    assert sum(c.cache_info().currsize for c in memo._REGISTRY) == 0


@pytest.mark.parametrize("path", TXT, ids=lambda p: p.stem)
def test_cold_and_warm_parse_agree(path):
    memo.clear()
    cold = parse(path).model_dump()
    warm = parse(path).model_dump()
    assert cold == warm
