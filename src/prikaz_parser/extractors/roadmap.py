"""Roadmap / plan-of-measures tables -> measures (stub)."""
from __future__ import annotations

from ..layout import Layout
from ..schema import Measure


def extract_measures(layout: Layout, period, abbreviations, warnings: list[str]) -> list[Measure]:
    return []
