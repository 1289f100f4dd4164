"""Shared pieces of the schema: provenance and the base model."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict

SCHEMA_VERSION = "1.0"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    def fresh_copy(self):
        """A copy that shares no list with this model: what extractors hand out of a text cache, so a
        user editing one result changes neither the cached one nor another measure's. The state
        `model_copy()` gives (field dict, fields set), for less (no generic `copy.copy` of each part),
        and top-level lists copied where `model_copy()` would share them. Models here forbid extras
        and have no private attributes (tests compare the state with `model_copy`)."""
        cls = type(self)
        new = cls.__new__(cls)
        fields = self.__dict__.copy()
        for k, v in fields.items():
            if v.__class__ is list:
                fields[k] = v.copy()
        _SET(new, "__dict__", fields)
        _SET(new, "__pydantic_fields_set__", self.__pydantic_fields_set__.copy())
        _SET(new, "__pydantic_extra__", None)
        _SET(new, "__pydantic_private__", None)
        return new


_SET = object.__setattr__


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
