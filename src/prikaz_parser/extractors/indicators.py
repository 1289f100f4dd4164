"""Indicators: baselines and targets, wherever the document quantifies.

Three sources, each a small reader over the layout:
- criteria tables: a name column with baseline ("Текущий результат") and/or target ("Ожидаемый
  результат") columns, or one column per year; the school is the one named in the paragraph just
  above the table, or in a one-cell row inside it;
- result tables by school: a school column ("Наименование ОО") and numeric columns; the name is the
  column header, plus the row's subject ("Предмет") where there is one;
- target lists: items of a passport row or of a paragraph section headed "Ожидаемые результаты" /
  "Целевые индикаторы" that carry a number with a unit ("100% школ", "не менее 90 баллов").
Column roles and section headings are in data/indicator_columns.json; values are read by
`indicator_values.parse_value`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..layout import Cell, Layout, Paragraph, Table
from ..memo import text_cache
from ..schema import Indicator, School
from ..schema.common import Provenance
from ..vocab import data_json
from .indicator_values import Value, parse_value
from .literal_gate import LiteralGate
from .schools_grammar import find_mentions


def columns_vocabulary() -> dict:
    return data_json("indicator_columns.json")


@lru_cache(maxsize=1)
def _role_rules() -> list[tuple[str, LiteralGate]]:
    """(role, its header regex behind a literal gate): most headers hold none of a role's words."""
    return [(role, LiteralGate(re.compile(rx, re.I))) for role, rx in columns_vocabulary()["roles"]]


@lru_cache(maxsize=1)
def _target_section() -> re.Pattern:
    return re.compile(columns_vocabulary()["target_sections"], re.I)


@lru_cache(maxsize=1)
def _target_gate() -> LiteralGate:
    """`_target_section()` behind a cheap look for its words ('ожидаем', 'показател', …)."""
    return LiteralGate(_target_section())


_HYPHEN_BREAK = re.compile(r"([а-яё])[-‐] ([а-яё])")


def clean(text: str) -> str:
    """Whitespace collapsed, line-break hyphenation joined ('минималь- ного' -> 'минимального')."""
    t = " ".join((text or "").split())
    return _HYPHEN_BREAK.sub(r"\1\2", t) if "- " in t or "‐ " in t else t


@text_cache(maxsize=4096)
def column_role(header: str) -> str | None:
    """The indicator role of a column header (cached: header wordings repeat)."""
    h = clean(header).lower()
    for role, rule in _role_rules():
        if rule.search(h, h):  # h is lower-cased already: the gate's own text
            return role
    return None


def unit_of(name: str, *values: Value | None) -> str | None:
    for v in values:
        if v is not None and v.unit:
            return v.unit
    n = name.lower()
    if re.search(r"\bдол[яие]\b|%|процент", n):
        return "%"
    if "балл" in n:
        return "балл"
    if re.search(r"\bчел", n):
        return "чел."
    return None


def school_in(text: str) -> str | None:
    """The raw spelling of the last school named in a heading or cell."""
    ms = list(find_mentions(text))
    return ms[-1].raw if ms else None


def _header(table: Table) -> tuple[int, dict[int, str]] | None:
    """(header row index, {column: role}) for the first of the top rows that has roles."""
    for r, row in enumerate(table.rows[:3]):
        roles = {c: column_role(cell.text) for c, cell in enumerate(row) if not cell.covered and cell.text.strip()}
        roles = {c: ro for c, ro in roles.items() if ro}
        if roles:
            return r, roles
    return None


def _school_above(blocks: list, i: int) -> str | None:
    for b in reversed(blocks[max(0, i - 3):i]):
        if isinstance(b, Table):
            return None
        s = school_in(b.full_text)
        if s:
            return s
    return None


def _heading_row(row: list[Cell]) -> str | None:
    texts = {c.text.strip() for c in row if not c.covered and c.text.strip()}
    return next(iter(texts)) if len(texts) == 1 else None


def _prov(cell: Cell) -> Provenance | None:
    return Provenance.of(cell.prov)


def criteria_table(table: Table, school: str | None) -> list[Indicator]:
    """Rows of a name column with baseline / target / year columns."""
    hdr = _header(table)
    if hdr is None:
        return []
    h, roles = hdr
    if "measure" in roles.values():
        return []
    name_col = next((c for c, r in roles.items() if r == "name"), None)
    base = [c for c, r in roles.items() if r == "baseline"]
    targ = [c for c, r in roles.items() if r == "target"]
    years = [c for c, r in roles.items() if r == "year"]
    if name_col is None or not (base or targ or years):
        return []
    out = []
    for row in table.rows[h + 1:]:
        heading = _heading_row(row)
        named = school_in(heading) if heading else None
        if named:
            school = named
            continue
        name = clean(row[name_col].text) if name_col < len(row) else ""
        if not name:
            continue
        b = parse_value(row[base[0]].text) if base and base[0] < len(row) else None
        if base or targ:
            t = parse_value(row[targ[0]].text) if targ and targ[0] < len(row) else None
            if (b is not None or t is not None) and (targ or not years):  # else the baseline goes with the years
                out.append(_indicator(name, school, b, t, None, row[name_col], (row[base[0]].text if base else "") +
                                      " → " + (row[targ[0]].text if targ else "")))
        for c in years:
            v = parse_value(row[c].text) if c < len(row) else None
            if v is not None:
                year = clean(table.rows[h][c].text)
                out.append(_indicator(name, school, None if targ else b, v, year, row[c], row[c].text))
    return out


def _indicator(name: str, school: str | None, b: Value | None, t: Value | None, year: str | None,
               cell: Cell, raw: str) -> Indicator:
    return Indicator(name=name, school=school, unit=unit_of(name, b, t),
                     baseline=b.number if b else None,
                     previous=b.previous if b else None, previous_period=b.previous_period if b else None,
                     target=t.number if t else None, comparator=(t.comparator or "=") if t else None,
                     year=year, raw=clean(raw), provenance=_prov(cell))


def results_table(table: Table) -> list[Indicator]:
    """Rows of a school column with numeric columns: baselines named by their column header."""
    hdr = _header(table)
    if hdr is None:
        return []
    h, roles = hdr
    rv = set(roles.values())
    if "school" not in rv or rv & {"measure", "baseline", "target", "name"}:
        return []
    school_col = next(c for c, r in roles.items() if r == "school")
    subject_col = next((c for c, r in roles.items() if r == "subject"), None)
    header = table.rows[h]
    value_cols = [c for c in range(len(header)) if c not in roles and header[c].text.strip()]
    out = []
    for row in table.rows[h + 1:]:
        if school_col >= len(row):
            continue
        school = school_in(row[school_col].text) or clean(row[school_col].text) or None
        subject = clean(row[subject_col].text) if subject_col is not None and subject_col < len(row) else ""
        for c in value_cols:
            if c >= len(row) or not re.fullmatch(r"\s*[<>≥≤]?\s*\d+(?:[.,]\d+)?\s*%?\s*", row[c].text):
                continue
            v = parse_value(row[c].text)
            if v is None:
                continue
            name = clean(header[c].text) + (f", {subject}" if subject else "")
            out.append(Indicator(name=name, school=school, unit=unit_of(clean(header[c].text), v),
                                 baseline=v.number, raw=clean(row[c].text), provenance=_prov(row[c])))
    return out


_ITEM_SPLIT = re.compile(r"\n|•|;\s+|(?:(?<=[.;:!?])|(?<=^))\s*(?=\d{1,2}[.)]\s+[А-ЯЁ])")
_MARKER = re.compile(r"^\s*(?:[-–—•*]\s*)?(?:\d{1,2}[.)]\s*)?(?:[-–—•]\s*)?")
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\d[^()]*\)\s*$")
# "доля …, – не более 5 %": the value after a dash is the target, not part of the name
_TRAILING_VALUE = re.compile(r"[\s,]*[–—-]\s*(?:не\s+(?:более|менее|ниже|выше)|более|менее|свыше|до|[<>≤≥]=?)?\s*"
                             r"\d[\d\s,.]*\s*(?:%|процент\w*|балл\w*|чел\.?\w*)?\.?$", re.I)
_YEAR_BY = re.compile(r"\bк\s+((?:19|20)\d\d)\s+год", re.I)


@lru_cache(maxsize=1)
def _year_by() -> LiteralGate:
    """`_YEAR_BY`, searched only in text that says 'год' (most paragraphs do not)."""
    return LiteralGate(_YEAR_BY)


def target_items(text: str, year: str | None = None) -> list[Indicator]:
    """Quantified items of a target list: each with a number and a unit becomes a target."""
    out = []
    for part in _ITEM_SPLIT.split(text):
        item = _MARKER.sub("", part or "").strip().rstrip(".;,").strip()
        if not item:
            continue
        v = parse_value(item)
        if v is None or v.unit is None:
            continue
        name = _TRAILING_PAREN.sub("", item) if _TRAILING_PAREN.search(item) else item
        if _TRAILING_VALUE.search(name) and len(_TRAILING_VALUE.sub("", name)) >= 10:
            name = _TRAILING_VALUE.sub("", name)
        out.append(Indicator(name=clean(name).rstrip(".;,"), unit=v.unit, target=v.number,
                             comparator=v.comparator or "=", year=year, raw=clean(item)))
    return out


def _is_heading(p: Paragraph) -> bool:
    return bool(p.bold or p.heading) or len(p.text) < 60 and not p.text.startswith(("-", "•"))


_MEASURE_WORD = re.compile(r"мероприят", re.I)


def _is_target_label(label: str) -> bool:
    """A passport row label naming expected results / target indicators (not measures)."""
    return bool(_target_gate().search(label)) and not _MEASURE_WORD.search(label)


def target_sections(layout: Layout) -> list[Indicator]:
    """Passport rows and paragraph sections that list expected results / target indicators."""
    out: list[Indicator] = []
    for t in layout.tables():
        for row in t.rows:
            cells = [c for c in row if not c.covered]
            if len(cells) >= 2 and _is_target_label(clean(cells[0].text)):
                for ind in target_items(cells[-1].text):
                    ind.provenance = _prov(cells[-1])
                    out.append(ind)
    inside, year = False, None
    for b in layout.blocks:
        if isinstance(b, Table):
            inside = False
            continue
        if _is_heading(b) and not _year_by().search(b.text):
            inside = bool(_target_gate().search(b.text))
            year = None
            continue
        if inside:
            y = _year_by().search(b.text)
            year = y.group(1) if y else year
            for ind in target_items(b.full_text, year):
                ind.provenance = Provenance.of(b.prov)
                out.append(ind)
        elif ":" in b.text and _target_section().match(b.text):  # "Целевые показатели к 2024 году: …; …"
            y = _year_by().search(b.text)
            for ind in target_items(b.full_text.split(":", 1)[1], y.group(1) if y else None):
                ind.provenance = Provenance.of(b.prov)
                out.append(ind)
    return out


def extract_indicators(layout: Layout, schools: list[School]) -> list[Indicator]:
    out: list[Indicator] = []
    blocks = layout.blocks
    for i, b in enumerate(blocks):
        if isinstance(b, Table):
            out += criteria_table(b, _school_above(blocks, i))
            out += results_table(b)
    out += target_sections(layout)
    return out
