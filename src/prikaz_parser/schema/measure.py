"""A measure: one activity of a roadmap / plan of measures table."""
from __future__ import annotations

from .body import Body
from .common import Model, Provenance
from .deadline import Deadline


class Measure(Model):
    roadmap: int = 0  # index of the plan table in the document
    section: str | None = None
    id: str | None = None
    text: str
    deadline: Deadline | None = None
    responsible: list[Body] | None = None
    form: str | None = None
    expected_result: str | None = None
    status: str | None = None
    extra: dict[str, str] = {}  # columns with no known role, by header
    provenance: Provenance | None = None
