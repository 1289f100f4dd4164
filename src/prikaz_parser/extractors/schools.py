"""Schools named in the document (stub)."""
from __future__ import annotations

from ..layout import Layout
from ..schema import School


def extract_schools(layout: Layout) -> list[School]:
    return []
