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


_SHARE_WORD = re.compile(r"\bдол[яие]\b|%|процент")
_PEOPLE_WORD = re.compile(r"\bчел")


def unit_of(name: str, *values: Value | None) -> str | None:
    for v in values:
        if v is not None and v.unit:
            return v.unit
    n = name.lower()
    if _SHARE_WORD.search(n):
        return "%"
    if "балл" in n:
        return "балл"
    if _PEOPLE_WORD.search(n):
        return "чел."
    return None


def school_in(text: str) -> str | None:
    """The raw spelling of the last school named in a heading or cell."""
    ms = list(find_mentions(text))
    return ms[-1].raw if ms else None


Header = tuple[int, dict[int, str]]  # what `_header` reads: (header row index, {column: role})
CriteriaColumns = tuple[int, list[int], list[int], list[int]]  # name, baseline, target and year columns


def _header(table: Table) -> Header | None:
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


def criteria_columns(roles: dict[int, str]) -> CriteriaColumns | None:
    """The columns of a criteria table, or None when the roles are not those of one (a plan's
    'measure' column, no name column, nothing to read beside the names)."""
    if "measure" in roles.values():
        return None
    name_col = next((c for c, r in roles.items() if r == "name"), None)
    base = [c for c, r in roles.items() if r == "baseline"]
    targ = [c for c, r in roles.items() if r == "target"]
    years = [c for c, r in roles.items() if r == "year"]
    if name_col is None or not (base or targ or years):
        return None
    return name_col, base, targ, years


def criteria_table(table: Table, h: int, cols: CriteriaColumns, school: str | None) -> list[Indicator]:
    """Rows of a name column with baseline / target / year columns, below header row h."""
    name_col, base, targ, years = cols
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


_NUMERIC_CELL = re.compile(r"\s*[<>≥≤]?\s*\d+(?:[.,]\d+)?\s*%?\s*")


def results_table(table: Table, hdr: Header) -> list[Indicator]:
    """Rows of a school column with numeric columns: baselines named by their column header."""
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
            if c >= len(row) or not _NUMERIC_CELL.fullmatch(row[c].text):
                continue
            v = parse_value(row[c].text)
            if v is None:
                continue
            name = clean(header[c].text) + (f", {subject}" if subject else "")
            out.append(Indicator(name=name, school=school, unit=unit_of(clean(header[c].text), v),
                                 baseline=v.number, raw=clean(row[c].text), provenance=_prov(row[c])))
    return out


_ITEM_SPLIT = re.compile(r"\n|•|;\s+|(?:(?<=[.;:!?])|(?<=^))\s*(?=\d{1,2}[.)]\s+[А-ЯЁ])")
# `_ITEM_SPLIT` tries its look-behinds at every character; text without a numbered label ("1. Доля")
# cannot split at one and is split by the separators alone, a pattern `re` skips ahead to.
_NUMBERED_LABEL = re.compile(r"\d[.)]\s+[А-ЯЁ]")  # what the look-ahead of the label alternative needs
_SEPARATOR_SPLIT = re.compile(r"\n|•|;\s+")  # `_ITEM_SPLIT` without the label alternative
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


def split_items(text: str) -> list[str]:
    """The items of a target list: `_ITEM_SPLIT.split(text)`."""
    return (_ITEM_SPLIT if _NUMBERED_LABEL.search(text) else _SEPARATOR_SPLIT).split(text)


def _item_name(item: str) -> str:
    """The item without a trailing "(…2019…)" and, when enough name is left, without a trailing
    "– не более 5 %". Each pattern is tried only on text holding what every match of it holds."""
    name = _TRAILING_PAREN.sub("", item) if ")" in item else item
    if "-" in name or "–" in name or "—" in name:  # _TRAILING_VALUE's dash
        trimmed, n = _TRAILING_VALUE.subn("", name)
        if n and len(trimmed) >= 10:
            name = trimmed
    return name


def target_items(text: str, year: str | None = None) -> list[Indicator]:
    """Quantified items of a target list: each with a number and a unit becomes a target."""
    out = []
    for part in split_items(text):
        item = _MARKER.sub("", part or "").strip().rstrip(".;,").strip()
        if not item:
            continue
        v = parse_value(item)
        if v is None or v.unit is None:
            continue
        out.append(Indicator(name=clean(_item_name(item)).rstrip(".;,"), unit=v.unit, target=v.number,
                             comparator=v.comparator or "=", year=year, raw=clean(item)))
    return out


def _is_heading(p: Paragraph) -> bool:
    return bool(p.bold or p.heading) or len(p.text) < 60 and not p.text.startswith(("-", "•"))


_MEASURE_WORD = re.compile(r"мероприят", re.I)


def _is_target_label(label: str) -> bool:
    """A passport row label naming expected results / target indicators (not measures)."""
    return bool(_target_gate().search(label)) and not _MEASURE_WORD.search(label)


def _passport_rows(table: Table) -> list[tuple[str, Cell]]:
    """(label, last cell) of the rows with two cells or more: a passport row's label and its text."""
    out = []
    for row in table.rows:
        cells = [c for c in row if not c.covered]
        if len(cells) >= 2:
            out.append((cells[0].text, cells[-1]))
    return out


_APART = "\x00"  # not whitespace, not a letter: clean() neither drops it nor joins a word across it


def _may_name_targets(labels) -> bool:
    """False when no label can be a target label: one test of the target gate over all labels. clean()
    works within each label between the separators, so the cleaned join holds every literal that a
    cleaned label holds (and `_is_target_label` needs one)."""
    return _target_gate().may_match(clean(_APART.join(labels)))


def target_sections(layout: Layout) -> list[Indicator]:
    """Passport rows and paragraph sections that list expected results / target indicators."""
    out: list[Indicator] = []
    for t in layout.tables():
        rows = _passport_rows(t)
        if not _may_name_targets(row_label for row_label, _ in rows):
            continue
        for row_label, text in rows:
            if _is_target_label(clean(row_label)):
                for ind in target_items(text.text):
                    ind.provenance = _prov(text)
                    out.append(ind)
    inside, year = False, None
    for b in layout.blocks:
        if isinstance(b, Table):
            inside = False
            continue
        low = b.text.lower() if _is_heading(b) else None  # the gates' lower-cased text, made once
        if low is not None and not _year_by().search(b.text, low):
            inside = bool(_target_gate().search(b.text, low))
            year = None
            continue
        if inside:
            y = _year_by().search(b.text, low)
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
        if not isinstance(b, Table):
            continue
        hdr = _header(b)
        if hdr is None:  # both table readers start from column roles
            continue
        cols = criteria_columns(hdr[1])
        if cols is not None:  # the school above is looked for only over a criteria table
            out += criteria_table(b, hdr[0], cols, _school_above(blocks, i))
        out += results_table(b, hdr)
    out += target_sections(layout)
    return out
