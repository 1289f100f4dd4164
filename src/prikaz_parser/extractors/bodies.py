"""Responsible bodies: splitting cells, resolving abbreviations, classifying (stub)."""
from __future__ import annotations

import re

from ..layout import Layout
from ..schema import Abbreviation, Body


def find_abbreviations(layout: Layout) -> list[Abbreviation]:
    return []


def split_responsible(text: str, abbreviations: list[Abbreviation] | None = None) -> list[Body]:
    parts = [p.strip(" ;,.") for p in re.split(r"[,;\n]", text)]
    return [Body(raw=p) for p in parts if p]
