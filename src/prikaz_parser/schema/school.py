"""Schools named in a document, decomposed."""
from __future__ import annotations

from .common import Model, Provenance


class School(Model):
    raw: str  # one spelling as printed
    name: str | None = None  # canonical display name
    org_form: str | None = None  # МБОУ, МАОУ, ...
    kind: str | None = None  # СОШ, ООШ, лицей, ...
    number: str | None = None
    proper_name: str | None = None
    locality: str | None = None
    spellings: list[str] = []
    categories: list[str] = []  # ШНОР, ШНСУ, 500+, партнёр, лидер
    provenance: list[Provenance] = []
