"""Deadline grammar (stub)."""
from __future__ import annotations

import re

from ..schema import Deadline
from .period import Period


def parse_deadline(raw: str, period: Period | None = None) -> Deadline | None:
    raw = re.sub(r"\s+", " ", raw or "").strip()
    return Deadline(raw=raw) if raw else None
