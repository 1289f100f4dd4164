"""Programme passport (stub)."""
from __future__ import annotations

from ..layout import Layout
from ..schema import Programme


def extract_programme(layout: Layout) -> Programme | None:
    return None
