"""Shared pieces of the schema: provenance and the base model."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict

SCHEMA_VERSION = "1.0"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Provenance(Model):
    """Where a value came from: page, table, row, cell, character span, box."""
    file: str | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    span: tuple[int, int] | None = None
    bbox: tuple[float, float, float, float] | None = None

    @classmethod
    def of(cls, p) -> "Provenance | None":
        """From a layout provenance (dataclass) or None; validated as `cls(**fields)` would be, with the
        fields read by the validator itself (cheaper than building the keyword arguments). The validator
        is called directly: `model_validate` only wraps it in argument checks (about a quarter of the
        cost of a call, measured)."""
        if p is None:
            return None
        return cls.__pydantic_validator__.validate_python(p, from_attributes=True)
