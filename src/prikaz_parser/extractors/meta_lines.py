"""The document as a flat list of text lines, and the landmarks the header extractors need.

Paragraphs become lines; the cells of small tables (a DOCX/PDF header laid out as a table:
date | number, position | name) become lines in reading order; a large table becomes one
`table` line (a barrier: titles and signature blocks do not run through it). Landmarks:
`type_line` (ПРИКАЗ, "П Р И К А З", "ПPИKAЗ" with Latin letters), `operative_line`
(ПРИКАЗЫВАЮ / ПОСТАНОВЛЯЕТ / "п р и к а з ы в а ю:" at the end of the preamble).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..layout import Layout, Paragraph, Provenance, Table
from ..vocab import data_json
from .meta_text import RARE_FOLDS, clean, squash

SMALL_TABLE_ROWS = 3


@dataclass(slots=True)
class Line:
    text: str
    bold: bool = False
    table: bool = False  # a large table stands here
    prov: Provenance | None = None


def lines_of(layout: Layout) -> list[Line]:
    """The layout's lines (see the module docstring); meta and clauses read the same list."""
    out: list[Line] = []
    for b in layout.blocks:
        if isinstance(b, Paragraph):
            t = clean(b.full_text)
            if t:
                out.append(Line(t, b.bold, prov=b.prov))
        elif isinstance(b, Table) and len(b.rows) <= SMALL_TABLE_ROWS:
            for row in b.rows:
                for c in row:
                    if not c.covered:
                        out.extend(Line(t, c.bold, prov=c.prov) for t in map(clean, c.paragraphs) if t)
        else:
            out.append(Line("", table=True, prov=b.prov))
    return out


def _key(text: str) -> str:
    return squash(text).upper().strip(" :.;!*")


def doc_type_of_line(text: str) -> str | None:
    """The doc type when the line is the type heading ("ПРИКАЗ", "Приказ № 5 от …")."""
    k = _key(text)
    for w, rx, kind in _header_words():
        if k == w or rx.match(k):
            return kind
    return None


@lru_cache(maxsize=1)
def _header_words() -> list[tuple[str, re.Pattern, str]]:
    """(upper-case word, its 'WORD № / от / date' regex, doc type) for each type heading word."""
    words = data_json("doc_types.json")["header_words"]
    return [(w.upper(), re.compile(re.escape(w.upper()) + r"\s+(?:№|N\s|ОТ\s|\d|«)"), kind)
            for w, kind in words.items()]


def find_type_line(lines: list[Line], limit: int = 40) -> int | None:
    """The type heading: a line that is the type word alone ("ПРИКАЗ", "П Р И К А З") wins over a
    line that only starts with it ("Приказ № 15 от …", as a website lists the document above it)."""
    first = None
    for i, ln in enumerate(lines[:limit]):
        if ln.table:
            break
        if doc_type_of_line(ln.text):
            if is_bare_type_word(ln.text):
                return i
            first = i if first is None else first
    return first


def is_bare_type_word(text: str) -> bool:
    k = _key(text)
    return any(k == w for w, _, _ in _header_words())


_OPERATIVE = None


def operative_regex() -> re.Pattern:
    global _OPERATIVE
    if _OPERATIVE is None:
        words = "|".join(data_json("doc_types.json")["operative_words"])
        _OPERATIVE = re.compile(r"(?:^|\s)(" + words + r")\s*[:.]?\s*$", re.I)
    return _OPERATIVE


@lru_cache(maxsize=1)
def _operative_finals() -> frozenset[str]:
    """Last letters of the operative words and the rare letters re.I folds onto another."""
    return frozenset(w[-1].lower() for w in data_json("doc_types.json")["operative_words"]) | set(RARE_FOLDS)


OPERATIVE_TAIL = 80  # the operative word ends its line; letter-spaced it is still under 40 characters


def _ends_like_operative(tail: str) -> bool:
    """operative_regex ends with the word, spaces, one ':' or '.', spaces: past those the tail's
    last character is the word's last letter in some case (squash keeps it last). Nine lines in
    ten end otherwise and skip squash and the regex."""
    return tail.rstrip().rstrip(":.").rstrip()[-1:].lower() in _operative_finals()


def is_operative(text: str) -> bool:
    tail = text[-OPERATIVE_TAIL:]
    return _ends_like_operative(tail) and bool(operative_regex().search(squash(tail)))


def find_operative_line(lines: list[Line], start: int = 0) -> int | None:
    for i in range(start, len(lines)):
        if not lines[i].table and is_operative(lines[i].text):
            return i
    return None
