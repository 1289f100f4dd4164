"""What a worker does with one file: load, check, parse, judge. Plain data in, plain data out.

`run_job(job, limits)` never raises: every outcome is a result dict with `status`
("ok", "warnings", "failed"), `reason` (a stable code), `message` (words for a person),
`warnings`, `format`, `pages`, `ocr` and, when parsed, `json` (the document).

The checks before and after parsing are lists of small named rules, so that the
manifest can say which rule decided (`reason`). They cover what a batch meets and a
single-file reader need not: size and page limits, ZIP bombs inside DOCX/ODT, encrypted
or truncated PDFs, image-only PDFs without OCR, text that is not Russian.
"""
from __future__ import annotations

import io
import shutil
import zipfile
from typing import Callable

from .limits import Limits

Check = Callable[[bytes, str, Limits], "tuple[str, str] | None"]


class Rejected(Exception):
    """A check failed: `reason` code and `message`."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason, self.message = reason, message


def is_pdf(data: bytes) -> bool:
    return data[:4] == b"%PDF" or b"%PDF-" in data[:1024]


# --- checks before parsing: (data, suffix, limits) -> (reason, message) | None ---------------

def empty_file(data: bytes, suffix: str, limits: Limits):
    if not data:
        return "empty", "the file is empty (0 bytes)"
    if not data.strip():
        return "empty", "the file holds only whitespace"
    return None


def too_large(data: bytes, suffix: str, limits: Limits):
    if limits.max_size_mb and len(data) > limits.max_size_mb * 2**20:
        return "too_large", f"the file is too large: {len(data) / 2**20:.1f} MB (limit {limits.max_size_mb} MB)"
    return None


def zip_container_bomb(data: bytes, suffix: str, limits: Limits):
    if data[:2] != b"PK":
        return None
    from .inputs import bomb_verdict
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            verdict = bomb_verdict(z.infolist(), len(data), limits)
    except zipfile.BadZipFile:
        return None  # the reader says "corrupt" in its own words
    return ("zip_bomb", verdict) if verdict else None


def ole_without_word(data: bytes, suffix: str, limits: Limits):
    """An old-Office (OLE) file with no WordDocument stream is no DOC: damaged, or Excel/PowerPoint."""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" and "WordDocument".encode("utf-16-le") not in data:
        return "corrupt", "an old-Office (OLE) file without a Word document inside: a damaged DOC, or an Excel/PowerPoint file"
    return None


def pdf_structure(data: bytes, suffix: str, limits: Limits):
    """Encrypted, unopenable, truncated, too long, or a scan that OCR cannot read."""
    if not is_pdf(data):
        return None
    import pypdfium2 as pdfium
    if b"%%EOF" not in data[-2048:]:
        return "corrupt", "a truncated PDF: the end of the file is missing"
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            return "encrypted", "a password-protected PDF: remove the password and try again"
        return "corrupt", f"a corrupt PDF that cannot be opened ({e})"
    try:
        pages = len(pdf)
        if pages == 0:
            return "corrupt", "a PDF with no pages"
        if limits.max_pages and pages > limits.max_pages:
            return "too_many_pages", f"the PDF has {pages} pages (limit {limits.max_pages}, see --max-pages)"
        if not _has_text(pdf) and not ocr_available(limits):
            return "needs_ocr", ("an image-only PDF (a scan without a text layer) and OCR is unavailable: "
                                 + ("enable OCR (drop --no-ocr)" if not limits.ocr else
                                    "install tesseract-ocr and tesseract-ocr-rus"))
    finally:
        pdf.close()
    return None


def _has_text(pdf, max_pages: int = 20) -> bool:
    for i in range(min(len(pdf), max_pages)):
        page = pdf[i]
        try:
            tp = page.get_textpage()
            text = tp.get_text_range()
            tp.close()
        finally:
            page.close()
        if text.strip():
            return True
    return False


def ocr_available(limits: Limits) -> bool:
    return limits.ocr and shutil.which("tesseract") is not None


BEFORE: list[Check] = [empty_file, too_large, zip_container_bomb, ole_without_word, pdf_structure]


# --- checks after reading: (layout, limits) -> (reason, message) | None ---------------------

def no_text(layout, limits: Limits):
    if not layout.text().strip():
        if layout.format == "pdf" or layout.ocr:
            return "no_text", "no text found: an image-only scan that OCR could not read"
        return "no_text", "no text found in the document"
    return None


def not_russian(layout, limits: Limits):
    text = layout.text()
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 20:
        return None
    share = sum(1 for c in letters if "\u0400" <= c <= "\u04ff") / len(letters)
    if share < limits.min_russian:
        return "not_russian", f"not Russian text: only {share:.0%} of the letters are Cyrillic"
    return None


def too_many_pages(layout, limits: Limits):
    if limits.max_pages and layout.pages and layout.pages > limits.max_pages:
        return "too_many_pages", f"the document has {layout.pages} pages (limit {limits.max_pages})"
    return None


AFTER = [no_text, not_russian, too_many_pages]


def decide(rules, *args) -> tuple[str, str] | None:
    """The first rule that objects, as (reason, message)."""
    for rule in rules:
        verdict = rule(*args)
        if verdict:
            return verdict
    return None


def parse_bytes(data: bytes, suffix: str, name: str, limits: Limits) -> dict:
    """Check and parse one file's bytes; raises ReadError or Rejected."""
    from ..pipeline import build_document
    from ..readers import read
    verdict = decide(BEFORE, data, suffix, limits)
    if verdict:
        raise Rejected(*verdict)
    layout = read(data, suffix.lstrip(".") or None, file=name)
    verdict = decide(AFTER, layout, limits)
    if verdict:
        raise Rejected(*verdict)
    doc = build_document(layout, data)
    warnings = list(doc.source.warnings)
    return {"status": "warnings" if warnings else "ok", "reason": None,
            "message": "; ".join(warnings) or None, "warnings": warnings, "format": doc.source.format,
            "pages": doc.source.pages, "ocr": doc.source.ocr, "json": doc.to_json()}


MAGIC = ((b"\xd0\xcf\x11\xe0", "doc", "DOC (old Word)"), (b"%PDF", "pdf", "PDF"), (b"{\\rtf", "rtf", "RTF"),
         (b"PK\x03\x04", "zip", "ZIP"))


def renamed_note(data: bytes, suffix: str) -> str:
    """"named .docx but the content is DOC (old Word): " when the name lies about the content."""
    for magic, kind, label in MAGIC:
        if data.startswith(magic):
            if suffix.lstrip(".") == kind or (kind == "zip" and suffix in (".docx", ".odt")):
                return ""
            return f"named {suffix or 'without extension'} but the content is {label}: "
    return ""


def failed(reason: str, message: str, **extra) -> dict:
    return {"status": "failed", "reason": reason, "message": message, "warnings": [], "format": None,
            "pages": None, "ocr": False, "json": None, **extra}


def run_job(load: Callable[[], bytes], suffix: str, name: str, limits: Limits) -> dict:
    """Parse one file; never raises (except for KeyboardInterrupt/SystemExit)."""
    from ..readers.errors import ReadError
    try:
        data = load()
    except PermissionError:
        return failed("unreadable", "permission denied: the file cannot be read")
    except (OSError, zipfile.BadZipFile, RuntimeError) as e:
        return failed("unreadable", f"cannot be read: {getattr(e, 'strerror', None) or e}")
    try:
        return parse_bytes(data, suffix, name, limits)
    except Rejected as e:
        return failed(e.reason, renamed_note(data, suffix) + e.message)
    except ReadError as e:
        return failed(e.reason, renamed_note(data, suffix) + e.detail)
    except MemoryError:
        return failed("out_of_memory", f"ran out of memory (worker limit {limits.memory_mb} MB)", restart=True)
    except RecursionError:
        return failed("internal", "internal error: RecursionError (document nested too deeply)")
    except Exception as e:  # noqa: BLE001 - the batch must go on; the manifest says what broke
        return failed("internal", f"internal error: {type(e).__name__}: {e}")
