"""Readers: a file in any supported format -> one `Layout`.

`read(source, fmt=None)` takes a path or bytes (with an optional format hint),
sniffs the real format from the content (a renamed file is read as what it is)
and dispatches to the reader of that format. Readers import lazily, so that
reading a TXT file never loads pdfplumber or LibreOffice glue.
"""
from __future__ import annotations

from pathlib import Path

from ..layout import Layout
from .errors import MissingTool, ReadError
from .sniff import sniff

__all__ = ["read", "load", "sniff", "ReadError", "MissingTool", "FORMATS"]

FORMATS = ("txt", "md", "docx", "pdf", "html", "doc", "rtf", "odt", "image")


def load(source: str | Path | bytes) -> tuple[bytes, str | None]:
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), None
    path = Path(source)
    try:
        return path.read_bytes(), str(path)
    except FileNotFoundError:
        raise ReadError(str(path), "not_found", "file not found") from None
    except IsADirectoryError:
        raise ReadError(str(path), "is_directory", "is a directory, not a file") from None
    except PermissionError:
        raise ReadError(str(path), "unreadable", "permission denied: the file cannot be read") from None
    except OSError as e:
        raise ReadError(str(path), "unreadable", f"cannot be read: {e.strerror or e}") from None


def read(source: str | Path | bytes, fmt: str | None = None, *, file: str | None = None) -> Layout:
    """Read a document into the layout model."""
    data, path = load(source)
    name = file or path
    if not data:
        raise ReadError(name, "empty", "the file is empty (0 bytes)")
    kind = sniff(data, fmt or (Path(path).suffix.lstrip(".").lower() if path else None), name)
    if kind in ("txt", "md"):
        from .text import read_text
        from .sniff import decode_text
        layout = read_text(decode_text(data, name), name)
    elif kind == "docx":
        from .docx import read_docx
        layout = read_docx(data, name)
    elif kind == "pdf":
        from .pdf import read_pdf
        layout = read_pdf(data, name)
    elif kind == "html":
        from .html import read_html
        from .sniff import decode_text
        layout = read_html(decode_text(data, name), name)
    elif kind in ("doc", "rtf", "odt"):
        from .legacy import read_legacy
        layout = read_legacy(data, kind, name)
    elif kind == "image":
        from .ocr import read_images
        layout = read_images(data, name)
    else:  # pragma: no cover - sniff only returns known kinds
        raise ReadError(name, "unsupported", f"unsupported format {kind!r}")
    layout.file = name
    hint = fmt or (Path(path).suffix.lstrip(".").lower() if path else None)
    if hint in ("docx", "doc", "pdf", "rtf", "odt", "html") and hint != kind:
        layout.warnings.insert(0, f"named .{hint} but the content is {kind.upper()}; read as {kind.upper()}")
    layout.format = layout.format or kind
    return layout
