"""Header fields: doc type, title, date, number, place.

The header runs from the type heading (or the document start) to the title; date, number and
place are read from the lines between them (amendment notes "(в ред. …)" dropped first). The
title is the first "О…/Об…" line after the heading (or a line opening with a type noun:
"Отчёт об исполнении…") joined with the short lines that continue it.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..vocab import data_json
from .meta_lines import Line, doc_type_of_line, is_operative
from .meta_place import find_place
from .meta_text import drop_amendments, find_date, find_number

PREAMBLE_OPENERS = re.compile(r"^(?:В\s+соответствии|На\s+основании|Во\s+исполнение|В\s+целях|С\s+целью|"
                              r"Руководствуясь|В\s+связи|Рассмотрев|Заслушав|В\s+рамках|Для\s+|Согласно)", re.I)
_TITLE_START = re.compile(r"^[«\"]?(?:Об?|Обо)\s+[а-яёА-ЯЁ]")
_CLAUSE_START = re.compile(r"^(?:-\s*)?\d{1,2}[.)]\s*\S")
TITLE_MAX_LINES = 8


@lru_cache(maxsize=1)
def _title_nouns() -> list[tuple[str, str]]:
    """(type noun, doc type), longest noun first."""
    return sorted(data_json("doc_types.json")["title_nouns"].items(), key=lambda kv: -len(kv[0]))


def title_noun_type(text: str) -> str | None:
    """"Отчёт об исполнении …" → "отчёт" (a type noun opening a title-like line)."""
    low = text.lower().lstrip("«\"")
    for noun, kind in _title_nouns():
        if low.startswith(noun + " ") and len(low) > len(noun) + 10:
            return kind
    return None


def find_title_line(lines: list[Line], start: int, end: int, type_known: bool) -> int | None:
    for i in range(start, end):
        t = lines[i].text
        if lines[i].table:
            return None
        if _TITLE_START.match(t) and len(t) > 6:
            return i
        if not type_known and title_noun_type(t):
            return i
    return None


def _continues(prev: Line, nxt: Line, title_bold: bool) -> bool:
    t = nxt.text
    if nxt.table or not t or prev.text.rstrip().endswith((".", ":", ";")):
        return False
    if title_bold and not nxt.bold:
        return False
    if PREAMBLE_OPENERS.match(t) or is_operative(t) or _CLAUSE_START.match(t) or doc_type_of_line(t):
        return False
    if re.match(r"^(?:Приложение|УТВЕРЖД|«?Утверждаю)", t, re.I):
        return False
    return len(t) <= 160


def join_title(lines: list[Line], i: int) -> tuple[str, int]:
    """The title starting at line i and the index after it."""
    parts, j = [lines[i].text], i + 1
    while j < len(lines) and j - i < TITLE_MAX_LINES and _continues(lines[j - 1], lines[j], lines[i].bold):
        parts.append(lines[j].text)
        j += 1
    title = re.sub(r"\s+", " ", " ".join(parts)).strip()
    return re.sub(r"\s*\.$", "", title), j


def header_fields(lines: list[Line], start: int, end: int) -> dict:
    """date, number and place from lines[start:end]."""
    out: dict = {"date": None, "number": None, "place": None}
    for ln in lines[start:end]:
        if ln.table:
            continue
        text = drop_amendments(ln.text)
        rest = text
        if out["date"] is None:
            d = find_date(text)
            if d:
                out["date"] = d[0]
                rest = rest.replace(text[d[1][0]:d[1][1]], " ")
        if out["number"] is None:
            n = find_number(text)
            if n:
                out["number"] = n[0]
                rest = rest.replace(text[n[1][0]:n[1][1]], " ")
        if out["place"] is None:
            cand = re.sub(r"^\s*(?:от|год|г\.)\b|\b(?:от)\s*$", " ", rest).strip(" ,;")
            if len(cand) <= 40 or cand != rest.strip(" ,;"):
                out["place"] = find_place(cand)
    return out


def parse_date(text: str) -> dt.date | None:
    d = find_date(text)
    return d[0] if d else None
