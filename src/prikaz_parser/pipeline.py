"""The pipeline: bytes -> layout (reader) -> schema parts (extractors) -> Document.

Every stage is a plain function over the layout; `parse` only calls them in order.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .layout import Layout
from .readers import read
from .readers.errors import ReadError
from .schema import Document, Source


def _load(source: str | Path | bytes) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), "<bytes>"
    path = Path(source)
    try:
        return path.read_bytes(), str(path)
    except FileNotFoundError:
        raise ReadError(str(path), "not_found", "file not found") from None
    except IsADirectoryError:
        raise ReadError(str(path), "is_directory", "is a directory, not a file") from None
    except PermissionError:
        raise ReadError(str(path), "unreadable", "permission denied: the file cannot be read") from None


def parse(source: str | Path | bytes, fmt: str | None = None, *, name: str | None = None) -> Document:
    """Parse one document (a path, or bytes with a format hint) into a `Document`."""
    data, path = _load(source)
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
