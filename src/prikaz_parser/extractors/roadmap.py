"""Roadmap / plan-of-measures tables -> measures.

Stages, each callable on its own: `plan_tables.find_roadmaps` (which tables are
plans, their continuations and the headings between them) → `row_kind` (is a
row a heading, a continuation, a measure, or nothing) → `sections` (heading
rows and direction cells become the `section` of the rows below, nested levels
joined with " / ") → `split_cell_measures` (several measures in one cell, paired
with deadline/responsible paragraphs by position) → `Measure`.
"""
from __future__ import annotations

import re

from ..layout import Cell, Layout
from ..readers.continuation import is_column_numbers, same_header
from ..schema import Abbreviation, Measure, Provenance
from .bodies import split_responsible
from .cell_items import is_single_deadline, join_subitems, reconcile
from .deadline import parse_deadline
from .period import Period
from .plan_tables import Heading, PlanRow, Roadmap, find_roadmaps

ID = re.compile(r"^\s*((?:\d{1,3}\s*\.\s*)*\d{1,3}\.?|[IVXLC]{1,6}\.?)\s*$")
NUMBERED = re.compile(r"^\s*((?:[IVXLC]{1,6}|\d{1,2}(?:\.\d{1,2})*)\.?)\s*([«\"A-ZА-ЯЁ].*)$", re.S)
LEVEL = re.compile(r"^(\w+\s+)?уровень(\s+\w+){0,4}$|^уровень\b", re.I)
BULLET = re.compile(r"^\s*[•·▪◦\-–—*]\s*")
STATUS = re.compile(r"^\s*((?:не\s+|частично\s+)?(?:выполнено|исполнено|реализовано|выполнен[аы]?)|в процессе"
                    r"|проводится|перенесено)\b", re.I)
TEXT_ROLES = ("form", "expected_result", "status")
INHERIT_ROLES = ("direction", "deadline", "responsible", "form", "expected_result", "status")


def clean(text: str) -> str:
    return " ".join(text.split())


def paragraphs(text: str) -> list[str]:
    """The cell's paragraphs, whitespace-normalised, without empty ones."""
    return [c for c in map(clean, text.split("\n")) if c]


# -- sections ----------------------------------------------------------------------------------

def heading_depth(text: str) -> int:
    m = NUMBERED.match(text)
    if not m:
        return 1
    num = m.group(1).rstrip(".")
    return 1 if re.fullmatch(r"[IVXLC]+", num) else num.count(".") + 1


class Sections:
    """The heading path above the current row: an optional level, then numbered headings."""

    def __init__(self) -> None:
        self.level: str | None = None
        self.parts: list[tuple[int, str]] = []
        self.direction: str | None = None

    def heading(self, text: str) -> None:
        text = clean(text)
        if LEVEL.match(text) and len(text.split()) <= 6:
            self.level, self.parts, self.direction = text, [], None
            return
        depth = heading_depth(text)
        self.parts = [p for p in self.parts if p[0] < depth] + [(depth, text)]
        self.direction = None

    @property
    def value(self) -> str | None:
        names = ([self.level] if self.level else []) + [t for _, t in self.parts] + \
            ([self.direction] if self.direction else [])
        return " / ".join(names) or None


# -- cells of a row ------------------------------------------------------------------------------

def cell_text(row: PlanRow, col: int, role: str | None) -> str:
    """A cell's text; a vertically merged cell gives its origin's text for roles that apply downwards."""
    if col >= len(row.cells):
        return ""
    c = row.cells[col]
    if c is None:
        return ""
    if not c.covered or c.origin is None:
        return c.text
    if role in INHERIT_ROLES and c.origin[0] != c.row:
        r, k = c.origin
        if 0 <= r < len(row.table.rows) and k < len(row.table.rows[r]):
            return row.table.rows[r][k].text
    return ""


def may_be_column_numbers(filled: list[Cell]) -> bool:
    """`is_column_numbers` needs three filled cells or more, all digits: the first two cells' texts are
    enough to rule most rows out (a numbered row "1 | Кадры | …" fails at its second) before it strips
    every cell."""
    return len(filled) >= 3 and filled[0].text.strip().rstrip(".").isdigit() \
        and filled[1].text.strip().rstrip(".").isdigit()


def says(text: str, words: str) -> bool:
    """`clean(text) == words` for clean `words`: a text that does not open with their first word
    differs, and is not normalised (a long measure text next to its number)."""
    return text.lstrip().startswith(words.partition(" ")[0]) and clean(text) == words


def one_text(filled: list[Cell]) -> str | None:
    """The text of the filled cells when they all say the same (a title spanning the row), else None;
    stops at the first cell that differs."""
    t = clean(filled[0].text)
    return t if all(says(c.text, t) for c in filled[1:]) else None


def row_kind(row: PlanRow, roadmap: Roadmap, numbered: bool = False) -> str:
    """One of: skip, heading, continuation, measure (`numbered`: most rows of the roadmap carry numbers)."""
    cells = [c for c in row.cells if c is not None]
    filled = [c for c in cells if not c.covered and not c.empty]
    if not filled or may_be_column_numbers(filled) and is_column_numbers(cells):
        return "skip"
    if roadmap.header_row and cells[0].text.strip()[:3] == roadmap.header_row[0].text.strip()[:3] \
            and same_header(roadmap.header_row, cells):  # the cheap test first: most rows differ at once
        return "skip"
    t = one_text(filled)
    if t is not None:
        c = filled[0]
        col = row.cells.index(c)
        role = roadmap.roles[col] if col < len(roadmap.roles) else None
        if ID.match(t):
            return "skip"
        if role in ("number", "direction") or c.colspan > 1 or c.bold or col == 0:
            return "heading"
        if t[:1].islower() or t[:1] in ",;)":
            return "continuation"
        if role == "measure" and numbered and len(t) <= 150 and t[-1:] not in ",;:":
            return "heading"  # a title alone in a table whose measures all carry numbers
    return "measure"


def has_two_filled(row: PlanRow) -> bool:
    """Two filled cells or more (stops at the second)."""
    n = 0
    for c in row.cells:
        if c is not None and not c.covered and not c.empty:
            n += 1
            if n == 2:
                return True
    return False


def numbered_table(roadmap: Roadmap, ids: list[str | None]) -> bool:
    """Do most filled rows (two cells or more) of the roadmap carry a printed number?"""
    rows = [i for i, it in zip(ids, roadmap.items) if isinstance(it, PlanRow) and has_two_filled(it)]
    return len(rows) >= 3 and sum(1 for i in rows if i) >= 0.8 * len(rows)


def opens_numbered_section(rid: str, fields: dict[str, str], next_id: str | None, bold: bool) -> bool:
    """A numbered row with nothing but its title ("1. | Организационные мероприятия | | |") heads the rows
    numbered under it ("1.1", "1.2") or is set in bold."""
    if not rid or any(v.strip() for k, v in fields.items() if k not in ("number", "measure", "direction")):
        return False
    if bold:
        return True
    head = rid.rstrip(".") + "."
    return bool(next_id) and next_id.startswith(head) and len(next_id.rstrip(".")) > len(rid.rstrip("."))


def is_continuation(fields: dict[str, str], prev: Measure | None) -> bool:
    """A row with no number, deadline or responsible whose text goes on mid-sentence."""
    if prev is None or fields.get("number") or fields.get("deadline") or fields.get("responsible"):
        return False
    filled = [v for k, v in fields.items() if v and k != "direction"]
    return bool(filled) and all(v.strip()[:1].islower() for v in filled)


# -- several measures in one cell ----------------------------------------------------------------

def should_split(paras: list[str], others: list[list[str]]) -> bool:
    """Split a measure cell into one measure per paragraph?"""
    if len(paras) < 2 or paras[0].rstrip().endswith(":"):
        return False
    if any(len(o) > 1 for o in others):
        return True
    return all(p[:1].isupper() or BULLET.match(p) or p[:1].isdigit() for p in paras)


def distribute(paras: list[str], n: int) -> list[str | None] | None:
    """Values of a companion cell for n split measures: by position, shared, or None when ambiguous."""
    if len(paras) == n:
        return list(paras)
    if len(paras) <= 1:
        return [" ".join(paras)] * n
    return None


# -- measures --------------------------------------------------------------------------------------

def _fields(row: PlanRow, roadmap: Roadmap) -> dict[str, str]:
    """Cell texts by role; a role spanning sub-columns joins them ("октябрь – ноябрь 2022")."""
    out: dict[str, str] = {}
    for col, role in enumerate(roadmap.roles):
        if role:
            t = cell_text(row, col, role)
            if role not in out:
                out[role] = t
            elif t.strip():
                out[role] = (f"{out[role]} – {t}" if role == "deadline" else f"{out[role]} {t}") \
                    if out[role].strip() else t
    return out


def _extra_columns(roadmap: Roadmap) -> list[tuple[int, str]]:
    """(column, name) of the columns without a role, named once per roadmap by their header."""
    return [(col, clean(roadmap.headers[col]) or f"column {col + 1}")
            for col, role in enumerate(roadmap.roles) if role is None and col < len(roadmap.headers)]


def _extra(row: PlanRow, columns: list[tuple[int, str]]) -> dict[str, str]:
    out = {}
    for col, name in columns:
        v = clean(cell_text(row, col, None))
        if v:
            out[name] = v
    return out


def _measure_cell(row: PlanRow, col: int) -> Cell | None:
    """The row's cell in the measure column (`col`, looked up once per roadmap)."""
    return row.cells[col] if col < len(row.cells) else None


def _prov(mcell: Cell | None) -> Provenance | None:
    return Provenance.of(mcell.prov) if mcell is not None else None


def _text_values(f: dict[str, str]) -> tuple[dict[str, str | None], str | None]:
    """Form, expected result and status of a row; a status read from the start of the result or form
    column ("Выполнено. Приказ № 5") when there is no status column."""
    vals = {k: clean(f[k]) or None for k in TEXT_ROLES if k in f}
    status = vals.get("status")
    if status is None:
        for k in ("expected_result", "form"):
            sm = STATUS.match(vals[k]) if vals.get(k) else None  # no status in an empty cell
            if sm:
                return vals, clean(sm.group(1)).capitalize()
    return vals, status


def _row_ids(roadmap: Roadmap) -> list[str | None]:
    """The printed number of each item (None for headings and rows without one)."""
    if "number" not in roadmap.roles:
        return [None] * len(roadmap.items)
    col = roadmap.roles.index("number")
    out: list[str | None] = []
    for it in roadmap.items:
        t = clean(cell_text(it, col, "number")) if isinstance(it, PlanRow) else ""
        out.append(t if t and ID.match(t) else None)
    return out


def _next_ids(ids: list[str | None]) -> list[str | None]:
    """For each item, the first printed number after it (one backward pass, not a scan per row)."""
    out: list[str | None] = [None] * len(ids)
    nxt = None
    for k in range(len(ids) - 1, -1, -1):
        out[k] = nxt
        nxt = ids[k] or nxt
    return out


def roadmap_measures(roadmap: Roadmap, period: Period | None, abbreviations: list[Abbreviation],
                     warnings: list[str]) -> list[Measure]:
    out: list[Measure] = []
    sec = Sections()
    has_resp = "responsible" in roadmap.roles
    ids = _row_ids(roadmap)
    next_ids = _next_ids(ids)
    numbered = numbered_table(roadmap, ids)
    mcol = roadmap.roles.index("measure") if "measure" in roadmap.roles else len(roadmap.roles)
    extra_cols = _extra_columns(roadmap)
    for k, item in enumerate(roadmap.items):
        if isinstance(item, Heading):
            sec.heading(item.text)
            continue
        kind = row_kind(item, roadmap, numbered)
        if kind == "skip":
            continue
        if kind == "heading":
            c = next(c for c in item.cells if c is not None and not c.covered and not c.empty)
            sec.heading(c.text)
            continue
        f = _fields(item, roadmap)
        prev = out[-1] if out else None
        if kind == "continuation" or is_continuation(f, prev):
            _continue(prev, f)
            continue
        rid = clean(f.get("number", ""))
        direction = clean(f.get("direction", ""))
        if direction:
            if direction[:1].islower() and sec.direction:
                old = sec.value
                sec.direction = f"{sec.direction} {direction}"
                for m in out:
                    if m.section == old:
                        m.section = sec.value
            else:
                m = NUMBERED.match(direction)
                if m and not rid:
                    rid, direction = m.group(1), clean(m.group(2))
                sec.direction = direction
        if rid and rid != ids[k] and not ID.match(rid):  # ids[k]: the number column's text, matched already
            rid = rid if len(rid) <= 12 else ""
        paras = paragraphs(f.get("measure", ""))
        if not paras:
            continue
        mcell = _measure_cell(item, mcol)
        if opens_numbered_section(rid, f, next_ids[k], bool(mcell and mcell.bold)):
            sec.heading(f"{rid} {' '.join(paras)}")
            continue
        dl = paragraphs(f.get("deadline", ""))
        rs = paragraphs(f.get("responsible", ""))
        extra = _extra(item, extra_cols)
        prov = _prov(mcell)
        vals, status = _text_values(f)
        if len(dl) <= 1 and len(rs) <= 1:
            paras = join_subitems(paras)
        paras, dl, rs = reconcile(paras, dl, rs)
        if should_split(paras, [dl, rs]):
            n = len(paras)
            dls = distribute(dl, n) if len(dl) > 1 or is_single_deadline(dl) else None
            rss = distribute(rs, n)
            if dls is None or rss is None:
                warnings.append(
                    f"roadmap {roadmap.index + 1}, row {rid or '?'}: {n} measures in one cell but "
                    f"{len(dl)} deadline and {len(rs)} responsible paragraphs; "
                    + ("deadlines" if dls is None else "") + (" and " if dls is None and rss is None else "")
                    + ("responsible" if rss is None else "") + " not assigned")
            texts = paras
        else:
            n, dls, rss, texts = 1, [" ".join(dl)], [" ".join(rs)], [" ".join(paras)]
        for i in range(n):
            resp = None
            if has_resp and rss is not None:
                resp = split_responsible(rss[i] or "", abbreviations)
            deadline = parse_deadline(dls[i], period) if dls is not None and dls[i] else None
            out.append(Measure(roadmap=roadmap.index, section=sec.value, id=rid or None, text=texts[i],
                               deadline=deadline, responsible=resp, form=vals.get("form"),
                               expected_result=vals.get("expected_result"), status=status,
                               extra=extra, provenance=prov))
    return out


def _continue(prev: Measure | None, f: dict[str, str]) -> None:
    if prev is None:
        return
    if f.get("measure"):
        prev.text = clean(f"{prev.text} {f['measure']}")
    for k in TEXT_ROLES:
        if f.get(k):
            setattr(prev, k, clean(f"{getattr(prev, k) or ''} {f[k]}"))


def extract_measures(layout: Layout, period: Period | None, abbreviations: list[Abbreviation],
                     warnings: list[str]) -> list[Measure]:
    out: list[Measure] = []
    for rm in find_roadmaps(layout):
        out.extend(roadmap_measures(rm, period, abbreviations, warnings))
    return out
