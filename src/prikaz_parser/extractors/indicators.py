"""Indicators: baselines and targets (stub)."""
from __future__ import annotations

from ..layout import Layout
from ..schema import Indicator, School


def extract_indicators(layout: Layout, schools: list[School]) -> list[Indicator]:
    return []
