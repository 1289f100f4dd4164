"""The output schema (pydantic v2), split by entity."""
from .body import Abbreviation, Body, BodyKind
from .common import SCHEMA_VERSION, Provenance
from .deadline import Deadline, Recurrence
from .document import Document, Source
from .indicator import Comparator, Indicator
from .measure import Measure
from .meta import ActRef, Clause, Meta, Signatory
from .programme import Programme
from .school import School

__all__ = ["SCHEMA_VERSION", "Abbreviation", "ActRef", "Body", "BodyKind", "Clause", "Comparator", "Deadline",
           "Document", "Indicator", "Measure", "Meta", "Programme", "Provenance", "Recurrence", "School",
           "Signatory", "Source"]
