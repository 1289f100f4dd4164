"""Programme passport: the two-column table "Наименование программы | …, Цель | …, Задачи | …".

A table is a passport when enough of its first-column labels name passport fields (see
data/passport_fields.json). Rows with an empty label, or a label in parentheses ("(индикаторы)"),
continue the row above. Tasks, executors and expected results become lists (split on bullets,
list numbers, line breaks and semicolons); the period "2021 –2024г." / "февраль 2020 – май 2023"
becomes dates. Schools and indicators named in the passport are picked up by the schools and
indicators extractors, which read every table.
"""
from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

from ..layout import Layout, Table
from ..memo import text_cache
from ..schema import Programme
from ..schema.common import Provenance
from ..vocab import data_json
from .meta_text import RARE_FOLDS


def vocabulary() -> dict:
    return data_json("passport_fields.json")


# The rules run on the lower-cased label, so a rule written in lower case needs no re.I — and
# re.I stops `re` from jumping to a rule's first letter in Cyrillic text (an alternation then
# costs ~50× more a character). Without re.I a lower-case rule matches a lower-cased label
# exactly as with it, except where re.I folds a rare letter onto another: ı → i, ſ → s, the
# old Cyrillic ᲀ…ᲈ (meta_text.RARE_FOLDS); a label holding one is read with re.I.
_FOLDS_ONTO_OTHER = re.compile(f"[{RARE_FOLDS}]")
_ESCAPE = re.compile(r"\\.")


def _lower_case_rule(rx: str) -> bool:
    """Every letter outside escapes (\\w, \\s) is a lower-case Latin or modern Cyrillic one."""
    return all(c.isascii() and not c.isupper() or "а" <= c <= "я" or c == "ё" for c in _ESCAPE.sub("", rx))


@lru_cache(maxsize=1)
def _field_rules() -> list[tuple[str, re.Pattern, re.Pattern]]:
    """(field, rule for a lower-cased label, the same rule with re.I) in vocabulary order."""
    out = []
    for f, rx in vocabulary()["fields"]:
        folded = re.compile(rx, re.I)
        out.append((f, re.compile(rx) if _lower_case_rule(rx) else folded, folded))
    return out


def _clean(s: str) -> str:
    return " ".join((s or "").split())


@text_cache(maxsize=4096)
def field_of(label: str) -> str | None:
    """The passport field a row label names (cached: every table's first column is asked)."""
    lab = _clean(label).lower()
    if lab.upper() == lab:  # no cased letter ("1.2", "№"): every rule spells a word (see the tests)
        return None
    k = 2 if _FOLDS_ONTO_OTHER.search(lab) else 1
    for rule in _field_rules():
        if rule[k].search(lab):
            return rule[0]
    return None


_PARENTHESISED = re.compile(r"\(.*\)")


def _label_groups(table: Table) -> list[tuple[str, list[list]]]:
    """(label, its rows' value cells) for each row with two or more cells, continuation rows joined
    to the row above (labels only: the values are built once the table proves a passport)."""
    groups: list[tuple[str, list[list]]] = []
    for row in table.rows:
        cells = [c for c in row if not c.covered]
        if len(cells) < 2:
            continue
        label = cells[0].text.strip()
        if groups and (not label or label[:1] == "(" and _PARENTHESISED.fullmatch(label)):
            prev_label, values = groups[-1]
            groups[-1] = (prev_label + (f" {label}" if label else ""), values)
            values.append(cells[1:])
            continue
        groups.append((label, [cells[1:]]))
    return groups


def _is_passport(labels: list[str]) -> bool:
    """Enough labels name passport fields: at least min_rows, and at least half of them. Stops
    asking field_of once the unmatched labels are past half (most tables are plans)."""
    matched = unmatched = 0
    for lab in labels:
        if field_of(lab):
            matched += 1
        else:
            unmatched += 1
            if unmatched > len(labels) / 2:
                return False
    return matched >= vocabulary()["min_rows"] and matched >= len(labels) / 2


def _value(rows: list[list]) -> str:
    """The value cells of a label's rows: non-empty cell texts one a line."""
    return "\n".join(t for cells in rows for t in (c.text.strip() for c in cells) if t)


def passport_rows(table: Table) -> list[tuple[str, str]] | None:
    """(label, value) pairs of a passport table, continuation rows joined; None if not a passport."""
    groups = _label_groups(table)
    if not _is_passport([lab for lab, _ in groups]):
        return None
    return [(_clean(lab), _value(rows).strip()) for lab, rows in groups]


_ITEMS = re.compile(r"\n|•|;\s*|(?:(?<=[.;:!?а-яё])|(?<=^))\s*(?=\d{1,2}[.)]\s*[А-ЯЁ])")
# _ITEMS without its last branch: a break before a list number. Every match of that branch is
# followed by "<digit>.|) <capital>", so text without one splits the same on the first three,
# which open with literals `re` jumps to (_ITEMS tries its look-behinds at every character)
_ITEMS_UNNUMBERED = re.compile(r"\n|•|;\s*")
_LIST_NUMBER = re.compile(r"\d[.)]\s*[А-ЯЁ]")
_MARKER = re.compile(r"^\s*(?:[-–—•*]\s*)?(?:\d{1,2}[.)]\s*)?")


def _item_breaks(text: str) -> re.Pattern:
    return _ITEMS if _LIST_NUMBER.search(text) else _ITEMS_UNNUMBERED


def split_items(text: str) -> list[str]:
    """'1. А. 2. Б' / '• А • Б' / 'А;\\nБ' -> ['А', 'Б']."""
    out = []
    text = text or ""
    for part in _item_breaks(text).split(text):
        item = _clean(_MARKER.sub("", part or "")).rstrip(".;,").strip()
        if item:
            out.append(item)
    return out


@lru_cache(maxsize=1)
def _token_rx() -> re.Pattern:
    alts = "|".join(f"(?P<m{i}>{stem})" for i, stem in enumerate(vocabulary()["months"], 1))
    return re.compile(r"\b(?:" + alts + r")[а-яё]*|(?P<y>(?:19|20)\d\d)(?!\d)", re.I)


def period_dates(text: str) -> tuple[date | None, date | None]:
    """Earliest and latest month/year printed: '2021 –2024г.' -> 2021-01-01, 2024-12-31;
    'февраль - сентябрь 2020' -> a month without its own year takes the next year printed."""
    points, pending = [], []
    for m in _token_rx().finditer(text or ""):
        if m.group("y"):
            y = int(m.group("y"))
            months = pending or [None]
            for month in months:
                points.append((date(y, month or 1, 1), date(y, month or 12, calendar.monthrange(y, month or 12)[1])))
            pending = []
        else:
            pending.append(next(int(k[1:]) for k, v in m.groupdict().items() if v and k != "y"))
    if not points:
        return None, None
    start, end = min(p[0] for p in points), max(p[1] for p in points)
    if re.search(r"учебн", text, re.I) and start.month == 1 and end.month == 12 and end.year > start.year:
        return date(start.year, 9, 1), date(end.year, 8, 31)  # an academic year runs September to August
    return start, end


def programme_of(table: Table) -> Programme | None:
    rows = passport_rows(table)
    if rows is None:
        return None
    p = Programme(fields={lab: val for lab, val in rows}, provenance=Provenance.of(table.prov))
    for lab, val in rows:
        f = field_of(lab)
        if f == "name" and not p.name:
            p.name = _clean(val)
        elif f == "goal" and not p.goal:
            p.goal = _clean(val)
        elif f == "tasks":
            p.tasks += split_items(val)
        elif f == "period" and not p.period_raw:
            p.period_raw = _clean(val)
            p.period_start, p.period_end = period_dates(val)
        elif f == "developers":
            p.developers += split_items(val)
        elif f == "executors":
            p.executors += split_items(val)
        elif f == "funding" and not p.funding:
            p.funding = _clean(val)
        elif f == "expected_results":
            p.expected_results += split_items(val)
        elif f == "indicators":
            p.indicators += [i for i in split_items(val) if not i.endswith(":")]
    return p


def extract_programme(layout: Layout) -> Programme | None:
    for t in layout.tables():
        p = programme_of(t)
        if p is not None:
            return p
    return None
