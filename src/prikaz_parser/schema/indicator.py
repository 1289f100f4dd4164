"""Quantified indicators: baselines and targets."""
from __future__ import annotations

from typing import Literal

from .common import Model, Provenance

Comparator = Literal[">", ">=", "=", "<=", "<"]


class Indicator(Model):
    name: str
    school: str | None = None
    unit: str | None = None
    baseline: float | None = None
    previous: float | None = None
    previous_period: str | None = None
    target: float | None = None
    comparator: Comparator | None = None
    year: str | None = None
    raw: str | None = None
    provenance: Provenance | None = None
