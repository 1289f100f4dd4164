"""A measure's or clause's deadline: the text as printed plus normalized dates."""
from __future__ import annotations

from datetime import date
from typing import Literal

from .common import Model

Recurrence = Literal["once", "continuous", "yearly", "semiannual", "quarterly", "bimonthly", "monthly",
                     "weekly", "per_term", "multiple", "by_plan", "as_needed", "on_event"]


class Deadline(Model):
    raw: str
    start: date | None = None
    end: date | None = None
    recurrence: Recurrence | None = None
    dates: list[date] = []  # the listed dates (for "multiple")
    rule: str | None = None  # the grammar rule that decided
