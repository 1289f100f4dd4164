"""The parsed document: the root of the schema."""
from __future__ import annotations

from .body import Abbreviation
from .common import SCHEMA_VERSION, Model
from .indicator import Indicator
from .measure import Measure
from .meta import Clause, Meta
from .programme import Programme
from .school import School


class Source(Model):
    path: str
    sha256: str
    format: str
    size: int | None = None
    pages: int | None = None
    ocr: bool = False
    ocr_confidence: list[float] = []
    warnings: list[str] = []


class Document(Model):
    schema_version: str = SCHEMA_VERSION
    source: Source
    meta: Meta = Meta()
    clauses: list[Clause] = []
    measures: list[Measure] = []
    schools: list[School] = []
    indicators: list[Indicator] = []
    programme: Programme | None = None
    abbreviations: list[Abbreviation] = []

    def to_json(self) -> str:
        return self.model_dump_json(indent=2)
