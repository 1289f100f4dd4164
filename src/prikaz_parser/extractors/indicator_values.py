"""The grammar of one indicator value: "63 балла (в 2017-2018г – 69)", "Более 70 баллов", "не менее 90 %".

`parse_value(text)` returns a `Value` (number, comparator, unit, previous value and its period,
and the rule that decided) or None for cells that hold no value ("-", "нет данных", prose).
Vocabulary (comparator phrases, units, "no value" spellings) lives in data/indicator_values.json.
Rules, in order:
- none:       the cell says there is no value;
- count_share: "1 (9%)" — a count with its share: the share is the value;
- number:     the first number with a unit, else the first number that is not a year;
then a comparator phrase right before the chosen number ("не менее, чем у 90 %") sets the comparator.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..memo import text_cache
from ..vocab import data_json
from .literal_gate import LiteralGate


@dataclass(frozen=True, slots=True)
class Value:
    number: float
    comparator: str | None = None
    unit: str | None = None
    previous: float | None = None
    previous_period: str | None = None
    rule: str = "number"
    start: int = 0
    end: int = 0


def vocabulary() -> dict:
    return data_json("indicator_values.json")


_DIGIT = re.compile(r"\d")
_NUMBER = r"(?<![\d.,])\d+(?:[.,]\d+)?(?![\d])"
# The same numbers, the look-behind moved after the first digit ("a digit not preceded by a digit,
# '.' or ','"): a pattern that starts with \d lets `re` skip to the next digit instead of trying the
# look-behind at every character.
_NUMBER_SCAN = r"\d(?<![\d.,]\d)\d*(?:[.,]\d+)?(?![\d])"
_PREVIOUS = re.compile(
    r"\(\s*(?:в|на)?\s*(?P<period>(?:19|20)\d\d(?:\s*[-–—/]\s*(?:19|20)?\d\d)?)\s*(?:г\w*\.?|уч\.?\s*г\w*\.?)?\s*"
    r"[-–—:=]?\s*(?P<prev>" + _NUMBER + r")\s*(?P<unit>%|балл\w*)?\s*\)")
_COUNT_SHARE = re.compile(r"(?P<count>" + _NUMBER + r")\s*\(\s*(?P<share>" + _NUMBER + r")\s*%\s*\)")


class NoValue:
    """The "no value" spellings as one test: those without a literal ('^[\\s\\-–—−_.]*$', anchored: tried
    at the start only) always run, the others ('нет\\s+данных', 'отсутств', …) only over text that
    holds one of the literals they need."""

    def __init__(self, spellings: list[str]):
        gates = [LiteralGate(re.compile(rx, re.I)) for rx in spellings]
        bare = [g.pattern.pattern for g in gates if g.literals is None]
        worded = [g.pattern.pattern for g in gates if g.literals is not None]
        self.bare = re.compile("|".join(bare), re.I) if bare else None
        self.worded = LiteralGate(re.compile("|".join(worded), re.I)) if worded else None

    def search(self, text: str) -> bool:
        if self.bare is not None and self.bare.search(text):
            return True
        return self.worded is not None and self.worded.search(text) is not None


@lru_cache(maxsize=1)
def _rules() -> tuple[NoValue, re.Pattern, list[tuple[re.Pattern, str]], re.Pattern]:
    v = vocabulary()
    none = NoValue(v["none"])
    units = [(re.compile(r"\s*(?:" + rx + r")(?![а-яё])", re.I), u) for rx, u in v["units"]]
    cmp_alt = "|".join("(?P<c%d>%s)" % (i, rx) for i, (rx, _) in enumerate(v["comparators"]))
    comparator = re.compile(r"(?:^|(?<=[\s(–—-]))(?:" + cmp_alt + r")\s*(?:,?\s*чем(?:\s+у)?\s*)?\Z", re.I)
    number = re.compile(_NUMBER_SCAN)
    return none, number, units, comparator


def to_float(s: str) -> float:
    return float(s.replace(",", ".").replace(" ", ""))


def unit_after(text: str, pos: int) -> str | None:
    for rx, unit in _rules()[2]:
        if rx.match(text, pos):
            return unit
    return None


def comparator_before(text: str, pos: int) -> str | None:
    """The comparator phrase that ends right before position pos, if any."""
    m = _rules()[3].search(text[max(0, pos - 40):pos])
    if not m:
        return None
    i = next(int(k[1:]) for k, v in m.groupdict().items() if v is not None)
    return vocabulary()["comparators"][i][1]


_YEAR = re.compile(r"(?:19|20)\d\d")
_UNIT_AFTER_YEAR = re.compile(r"\s*(?:%|балл)")  # "2020 баллов" is a number, not a year


def _is_year(text: str, m: re.Match) -> bool:
    n = m.group()
    if not _YEAR.fullmatch(n):
        return False
    return not _UNIT_AFTER_YEAR.match(text, m.end())


@text_cache(maxsize=4096)
def parse_value(text: str | None) -> Value | None:
    """The value printed in one cell or list item, or None (cached: a table repeats its values;
    a `Value` is frozen)."""
    if text is None:
        return None
    t = " ".join(text.split())
    if not _DIGIT.search(t):  # every value is a number
        return None
    none, number, _, _ = _rules()
    if none.search(t):
        return None
    prev = period = None
    m = _PREVIOUS.search(t)
    if m:
        prev, period = to_float(m.group("prev")), re.sub(r"\s+", "", m.group("period")).replace("–", "-")
        t = t[:m.start()] + " " * (m.end() - m.start()) + t[m.end():]
    cs = _COUNT_SHARE.search(t) if "%" in t else None  # a share is printed with '%'
    if cs:
        return Value(to_float(cs.group("share")), comparator_before(t, cs.start()), "%", prev, period,
                     "count_share", cs.start(), cs.end())
    chosen = _chosen_number(t, number)
    if chosen is None:
        return None
    n, unit = chosen
    return Value(to_float(n.group()), comparator_before(t, n.start()), unit, prev, period,
                 "number", n.start(), n.end())


def _chosen_number(text: str, number: re.Pattern) -> tuple[re.Match, str | None] | None:
    """The first number that is not a year with its unit, else the first such number (no unit), or None."""
    first = None
    for n in number.finditer(text):
        if _is_year(text, n):
            continue
        unit = unit_after(text, n.end())
        if unit:
            return n, unit
        first = first or n
    return (first, None) if first else None
