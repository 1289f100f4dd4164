"""Operative clauses of an order (stub)."""
from __future__ import annotations

from ..layout import Layout
from ..schema import Clause


def extract_clauses(layout: Layout, period, abbreviations) -> list[Clause]:
    return []
