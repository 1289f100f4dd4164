"""Find the plans of measures in a layout: tables, their continuations, headings between them.

A roadmap starts at a table whose header names a measure column and a deadline
or responsible column (`columns.is_plan_header`). It goes on through the
following tables that have no header of their own (or repeat the same one)
and a compatible column count — a table continued on the next page, or split
by the converter — and through the short heading paragraphs between them
("Уровень образовательной организации", "I. Мероприятия …"). A continuation
with fewer columns lost its leading ones (the "№" column, typically), so its
columns are aligned to the right.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..layout import Cell, Layout, Paragraph, Table
from ..readers.continuation import is_column_numbers, same_header
from .columns import header_roles, is_plan_header

MAX_HEADER_ROWS = 3
MAX_HEADING_LEN = 300
_STOP_PARAGRAPH = re.compile(r"^(приложение|утвержден|согласован|начальник|руководитель|директор|глава|председатель)",
                             re.I)


@dataclass(slots=True)
class Heading:
    text: str
    bold: bool
    prov: object


@dataclass(slots=True)
class PlanRow:
    cells: list[Cell | None]  # aligned to the roadmap's columns (None where the row has no such column)
    table: Table


@dataclass
class Roadmap:
    index: int
    roles: list[str | None]
    headers: list[str]
    items: list[Heading | PlanRow] = field(default_factory=list)
    tables: list[int] = field(default_factory=list)
    header_row: list[Cell] = field(default_factory=list)


def spanned_roles(row: list[Cell], below: list[Cell] | None, roles: list[str | None]) -> list[str | None]:
    """A header cell spanning sub-columns ("Срок" over "начало | окончание") gives each its role."""
    out = list(roles)
    for j in range(1, len(row)):
        if out[j] is not None or out[j - 1] is None:
            continue
        c = row[j]
        merged = c.covered and c.origin is not None and c.origin[0] == c.row
        sub = c.empty and below is not None and j < len(below) and not below[j].empty and not below[j - 1].empty \
            and len(below[j].text) < 40 and len(below[j - 1].text) < 40
        if merged or sub:
            out[j] = out[j - 1]
    return out


def detect_header(table: Table) -> tuple[int, int, list[str | None]] | None:
    """(index of the header row, rows to skip, roles) when the table starts with a plan header."""
    for i, row in enumerate(table.rows[:MAX_HEADER_ROWS]):
        named = header_roles([c.text for c in row])
        if is_plan_header(named):
            below = table.rows[i + 1] if i + 1 < len(table.rows) else None
            roles = spanned_roles(row, below, named)
            n = i + 1
            if below is not None and roles != named and \
                    all(c.empty or c.covered for k, c in enumerate(below) if roles[k] in ("measure", "number")):
                n += 1  # the sub-header row under a spanning header cell
            if n < len(table.rows) and is_column_numbers(table.rows[n]):
                n += 1
            return i, n, roles
    return None


def _align(row: list[Cell], width: int) -> list[Cell | None]:
    """Cells of a row from a narrower continuation, aligned to the right of the roadmap's columns."""
    if len(row) >= width:
        return list(row[:width])
    return [None] * (width - len(row)) + list(row)


def _heading_like(p: Paragraph) -> bool:
    t = p.full_text.strip()
    return bool(t) and len(t) <= MAX_HEADING_LEN and not _STOP_PARAGRAPH.match(t)


def find_roadmaps(layout: Layout) -> list[Roadmap]:
    roadmaps: list[Roadmap] = []
    current: Roadmap | None = None
    pending: list[Paragraph] = []
    for block in layout.blocks:
        if isinstance(block, Paragraph):
            if current is not None:
                pending.append(block)
            continue
        hdr = detect_header(block)
        width = current and len(current.roles)
        repeats = hdr is not None and current is not None and len(block.rows[0]) == width and \
            same_header(current.header_row, block.rows[hdr[0]])
        continues = current is not None and (repeats or (hdr is None and 0 < block.n_cols <= width
                                                         and block.n_cols >= width - 1)) \
            and len(pending) <= 3 and all(_heading_like(p) for p in pending)
        if continues:
            current.items.extend(Heading(p.full_text.strip(), p.bold, p.prov) for p in pending)
            start = hdr[1] if repeats else 0
            current.items.extend(PlanRow(_align(r, width), block) for r in block.rows[start:])
            current.tables.append(block.index)
        elif hdr is not None:
            hi, n, roles = hdr
            current = Roadmap(index=len(roadmaps), roles=roles, headers=[c.text for c in block.rows[hi]],
                              header_row=block.rows[hi], tables=[block.index])
            current.items.extend(PlanRow(list(r), block) for r in block.rows[n:])
            roadmaps.append(current)
        else:
            current = None
        pending = []
    return roadmaps
