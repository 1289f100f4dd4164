"""Items in a roadmap cell: how many measures, deadlines or bodies a cell lists.

Paragraph breaks inside a cell separate items, but not every reader sees them
(a PDF line break at the right edge of a cell is invisible). So the counts of
the cells of one row guide each other: when a companion cell lists more items
than the measure cell has paragraphs, the measure cell is re-split at list
boundaries ("…района; Разработка …"), and a deadline cell at the start of each
deadline expression ("… по образованию апрель-июнь"). Sub-items ("1) …",
"- …", a lower-case continuation) belong to the item above them.
"""
from __future__ import annotations

import re

from .deadline import MONTH

SUBITEM = re.compile(r"^\s*(?:\d{1,2}\)|[а-я]\)|[-–—]\s)")
LIST_BOUNDARY = re.compile(r"(?<=[;.])\s+(?=[«\"]?[А-ЯЁ])")
# A run of separators after a letter, before a deadline expression. The pattern opens with the separator
# class (the letter is checked behind it) so the search jumps from separator to separator instead of
# trying a lookbehind at every character: the same runs match as with `(?<=[^\W\d_])[ ,;]+(?=…)`.
DEADLINE_START = re.compile(
    r"[ ,;](?<=[^\W\d_][ ,;])[ ,;]*(?=(?:" + MONTH + r"|до\s|к\s\d|не\s(?:позднее|реже)\s|по\s(?:плану|мере|итогам|графику|отдельному|окончании)"
    r"|весь\sпериод|в\sтечение|ежегодно|ежеквартально|ежемесячно|еженедельно|постоянно|\d{1,2}\.\d{2}\.\d{4}))",
    re.I)


def join_subitems(paras: list[str]) -> list[str]:
    """Sub-items and lower-case continuations join the paragraph above."""
    out: list[str] = []
    for p in paras:
        if out and (SUBITEM.match(p) or p[:1].islower()):
            out[-1] = f"{out[-1]} {p}"
        else:
            out.append(p)
    return out


def split_points(paras: list[str], boundary: re.Pattern) -> int:
    return sum(len(boundary.findall(p)) for p in paras)


def resplit(paras: list[str], boundary: re.Pattern) -> list[str]:
    out: list[str] = []
    for p in paras:
        out.extend(s.strip() for s in boundary.split(p) if s.strip())
    return out


def most_items(paras: list[str], boundary: re.Pattern) -> int:
    return len(paras) + split_points(paras, boundary)


def reconcile(measures: list[str], deadlines: list[str], bodies: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Paragraph lists of one row made to agree in count where the text allows it.

    Only the deadline count can call for re-splitting the measure cell (the count must exceed every
    cell's paragraph count, the body cell's included), so it is taken first and the long measure
    text is scanned for list boundaries only when it does."""
    n = len(measures)
    d_max = most_items(deadlines, DEADLINE_START) if deadlines else 0
    if d_max > max(n, len(deadlines), len(bodies), 1) and most_items(measures, LIST_BOUNDARY) == d_max:
        measures = resplit(measures, LIST_BOUNDARY)
    n = len(measures)
    if 1 < len(deadlines) < n and d_max == n:
        deadlines = resplit(deadlines, DEADLINE_START)
    return measures, deadlines, bodies


def is_single_deadline(paras: list[str]) -> bool:
    """A one-paragraph deadline cell that names one deadline (not a run-together list)."""
    return len(paras) <= 1 and most_items(paras, DEADLINE_START) <= 2
