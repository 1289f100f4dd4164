"""A programme passport."""
from __future__ import annotations

from datetime import date

from .common import Model, Provenance


class Programme(Model):
    name: str | None = None
    goal: str | None = None
    tasks: list[str] = []
    period_raw: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    developers: list[str] = []
    executors: list[str] = []
    funding: str | None = None
    expected_results: list[str] = []
    indicators: list[str] = []
    fields: dict[str, str] = {}  # every passport row, by its label
    provenance: Provenance | None = None
