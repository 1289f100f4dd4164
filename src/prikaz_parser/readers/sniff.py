"""Format detection from content (magic bytes), not from the file name."""
from __future__ import annotations

import io
import zipfile

from .errors import ReadError

TEXT_ENCODINGS = ("utf-8-sig", "cp1251", "koi8-r")


def sniff(data: bytes, hint: str | None = None, name: str | None = None) -> str:
    head = data[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(data, hint, name)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8\xff") or head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image"
    lower = data[:2048].lstrip().lower()
    if lower.startswith(b"<!doctype html") or lower.startswith(b"<html") or b"<html" in lower[:512] \
            or b"<body" in lower or (hint in ("html", "htm") and lower.startswith(b"<")):
        return "html"
    if hint in ("docx", "pdf", "doc", "odt", "rtf"):
        raise ReadError(name, "corrupt", f"named .{hint} but the content is not a {hint.upper()} file "
                                         "(damaged or of another type)")
    if b"\x00" in data[:4096]:
        raise ReadError(name, "binary", "binary content of an unknown format")
    return "md" if hint == "md" else "txt"


def _sniff_zip(data: bytes, hint: str | None, name: str | None) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "content.xml" in names and "mimetype" in names:
                mime = z.read("mimetype").decode("ascii", "replace").strip()
                if "opendocument.text" in mime:
                    return "odt"
                raise ReadError(name, "unsupported", f"an OpenDocument file of type {mime}, not a text document")
    except zipfile.BadZipFile:
        if hint == "docx":
            raise ReadError(name, "corrupt", "the DOCX file is truncated or corrupt (not a valid ZIP)") from None
        raise ReadError(name, "corrupt", "a truncated or corrupt ZIP container") from None
    if hint == "docx":
        raise ReadError(name, "not_docx", "named .docx but it is a ZIP archive without a Word document inside")
    raise ReadError(name, "archive", "a ZIP archive, not a document (unpack it or pass it to a batch run)")


def decode_text(data: bytes, name: str | None = None) -> str:
    for enc in TEXT_ENCODINGS:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ReadError(name, "encoding", "text in an unknown encoding (not UTF-8, CP1251 or KOI8-R)")
