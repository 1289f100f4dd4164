"""The pipeline: bytes -> layout (reader) -> schema parts (extractors) -> Document.

Every stage is a plain function over the layout; `parse` only calls them in order.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .layout import Layout
from .readers import load, read
from .schema import Document, Source


def parse(source: str | Path | bytes, fmt: str | None = None, *, name: str | None = None) -> Document:
    """Parse one document (a path, or bytes with a format hint) into a `Document`."""
    data, path = load(source)
    path = path or "<bytes>"
    if fmt is None and path != "<bytes>":
        fmt = Path(path).suffix.lstrip(".").lower() or None
    layout = read(data, fmt, file=name or path)
    return build_document(layout, data)


def build_document(layout: Layout, data: bytes) -> Document:
    """Run every extractor over a layout."""
    from .extractors.assemble import assemble
    source = Source(path=layout.file or "<bytes>", sha256=hashlib.sha256(data).hexdigest(),
                    format=layout.format or "unknown", size=len(data), pages=layout.pages, ocr=layout.ocr,
                    ocr_confidence=layout.ocr_confidence, warnings=list(layout.warnings))
    return assemble(layout, source)
