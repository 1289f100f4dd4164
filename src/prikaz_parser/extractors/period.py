"""The document's own period: which years its month-only deadlines fall in.

Stub to be replaced by the deadline work: holds the document date and the
stated period ("на 2021-2024 годы", "в 2023 году", an academic year).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(slots=True)
class Period:
    doc_date: date | None = None
    start_year: int | None = None  # first year of the stated period
    end_year: int | None = None  # last year of the stated period
    academic: bool = False  # the period is an academic year (September–August)


def document_period(layout, meta) -> Period:
    """Stub: only the document date."""
    return Period(doc_date=getattr(meta, "date", None))
