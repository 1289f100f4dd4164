"""Responsible bodies and people, and abbreviations."""
from __future__ import annotations

from typing import Literal

from .common import Model

BodyKind = Literal["education_authority", "methodological_centre", "schools", "school_administration",
                   "regional_institute", "teachers_association", "person", "other"]


class Body(Model):
    raw: str  # as printed
    name: str | None = None  # expanded full name when an abbreviation was resolved
    kind: BodyKind = "other"
    abbreviation: str | None = None
    person: str | None = None  # "И.О. Фамилия" when a person is named
    position: str | None = None


class Abbreviation(Model):
    short: str
    full: str
    source: Literal["document", "dictionary"] = "document"
