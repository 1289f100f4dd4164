"""Column roles of a plan table, by header meaning, in any order and wording.

`header_roles(texts)` maps header cell texts to roles (number, measure,
direction, deadline, responsible, form, expected_result, status, or None for a
column kept as an unknown `extra`). The vocabulary is `data/column_roles.json`;
`explain_role(text)` says which stem decided.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..memo import text_cache
from ..vocab import data_json

ROLES = ("number", "measure", "direction", "deadline", "responsible", "form", "expected_result", "status")


ANYWHERE, START, END, WHOLE = range(4)


@lru_cache(maxsize=1)
def _vocab() -> list[tuple[str, list[tuple[str, str, int]]]]:
    """(role, [(stem as written, text to find, where)]): '^' anchors at the start, '$' at the end."""
    out = []
    for role, stems in data_json("column_roles.json")["roles"]:
        parsed = []
        for stem in stems:
            start, end = stem.startswith("^"), stem.endswith("$")
            text = stem[1 if start else 0:len(stem) - 1 if end else None]
            parsed.append((stem, text, WHOLE if start and end else START if start else END if end else ANYWHERE))
        out.append((role, parsed))
    return out


_HYPHEN_BREAK = re.compile(r"(\w)-\s+(\w)")


def norm_header(text: str) -> str:
    t = text.lower().replace("ё", "е").replace("\u00a0", " ")
    if "-" in t:
        t = _HYPHEN_BREAK.sub(r"\1\2", t)  # 'минималь- ного'
    return " ".join(t.split()).strip(" .:")


@text_cache(maxsize=4096)
def explain_role(text: str) -> tuple[str, str] | None:
    """(role, stem) that a header cell matches, or None (cached: header wordings repeat)."""
    t = norm_header(text)
    if not t:
        return None
    for role, stems in _vocab():
        for stem, s, where in stems:  # inline tests: a header is checked against every stem
            if (s in t if where == ANYWHERE else t.startswith(s) if where == START
                    else t.endswith(s) if where == END else t == s):
                return role, stem
    return None


def role_of(text: str) -> str | None:
    hit = explain_role(text)
    return hit[0] if hit else None


def header_roles(texts: list[str]) -> list[str | None]:
    """Roles of a header row; each role goes to its first column only."""
    roles: list[str | None] = []
    seen: set[str] = set()
    for t in texts:
        r = role_of(t)
        if r in seen:
            r = None
        if r:
            seen.add(r)
        roles.append(r)
    return roles


def is_plan_header(roles: list[str | None]) -> bool:
    """A plan of measures has a measure column and a deadline or responsible column."""
    s = set(roles)
    return "measure" in s and ("deadline" in s or "responsible" in s)
