"""Document metadata from the header (stub)."""
from __future__ import annotations

from ..layout import Layout
from ..schema import Meta


def extract_meta(layout: Layout) -> Meta:
    return Meta()
