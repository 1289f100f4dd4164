"""Document metadata, the acts it rests on, and its operative clauses."""
from __future__ import annotations

import datetime as dt

from .body import Body
from .common import Model, Provenance
from .deadline import Deadline


class ActRef(Model):
    """Another act referred to: "во исполнение приказа … от … № …", "УТВЕРЖДЕНА приказом …"."""
    raw: str
    type: str | None = None
    issuer: str | None = None
    date: dt.date | None = None
    number: str | None = None
    title: str | None = None


class Signatory(Model):
    name: str  # "И.О. Фамилия"
    position: str | None = None
    raw: str | None = None


class Meta(Model):
    doc_type: str | None = None
    number: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    municipality: str | None = None
    region: str | None = None
    place: str | None = None
    title: str | None = None
    signatory: Signatory | None = None
    based_on: list[ActRef] = []
    approvals: list[ActRef] = []


class Clause(Model):
    id: str | None = None
    text: str
    addressees: list[Body] = []
    deadline: Deadline | None = None
    subclauses: list["Clause"] = []
    provenance: Provenance | None = None
