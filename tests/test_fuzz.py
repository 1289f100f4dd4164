"""Random and mutated inputs through `prikaz_parser.parse`: a Document or a ReadError, nothing else.

Seeds are the samples (TXT, DOCX, PDF); mutations flip, cut, splice and insert bytes.
Example counts are small (a PDF parse costs a second); failures print the input.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prikaz_parser import parse
from prikaz_parser.readers.errors import ReadError
from prikaz_parser.schema import Document

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
FORMATS = [None, "txt", "md", "docx", "pdf", "html", "doc", "rtf", "odt"]
FUZZ = dict(deadline=None, suppress_health_check=list(HealthCheck), database=None, derandomize=True)


def check(data: bytes, fmt: str | None) -> None:
    try:
        doc = parse(data, fmt, name="fuzz")
    except ReadError as e:
        assert e.reason and e.detail
        return
    assert isinstance(doc, Document)
    Document.model_validate_json(doc.to_json())


def sample(suffix: str) -> bytes:
    files = sorted(p for p in SAMPLES.glob(f"*{suffix}") if not p.name.endswith(".scan.pdf"))
    if not files:
        pytest.skip(f"no {suffix} sample")
    return min(files, key=lambda p: p.stat().st_size).read_bytes()


@st.composite
def mutated(draw, data: bytes):
    """A few random edits of `data`: flip a byte, cut the tail, delete or duplicate a slice."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "cut", "delete", "insert", "dup"]))
        if not out:
            break
        i = draw(st.integers(0, len(out) - 1))
        if op == "flip":
            out[i] = draw(st.integers(0, 255))
        elif op == "cut":
            del out[i:]
        elif op == "delete":
            del out[i:i + draw(st.integers(1, 4096))]
        elif op == "insert":
            out[i:i] = draw(st.binary(min_size=1, max_size=64))
        else:
            j = draw(st.integers(i, min(len(out), i + 2048)))
            out[i:i] = out[i:j]
    return bytes(out)


@settings(max_examples=60, **FUZZ)
@given(data=st.binary(max_size=2048), fmt=st.sampled_from(FORMATS))
def test_random_bytes(data, fmt):
    check(data, fmt)


@settings(max_examples=40, **FUZZ)
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=800), fmt=st.sampled_from(["txt", "md", "html", None]))
def test_random_text(text, fmt):
    check(text.encode("utf-8"), fmt)


@settings(max_examples=25, **FUZZ)
@given(data=st.data())
def test_mutated_txt(data):
    base = sample(".txt")[:6000]
    check(data.draw(mutated(base)), "txt")


@settings(max_examples=20, **FUZZ)
@given(data=st.data())
def test_mutated_docx(data):
    check(data.draw(mutated(sample(".docx"))), "docx")


@settings(max_examples=10, **FUZZ)
@given(data=st.data())
def test_mutated_pdf(data):
    check(data.draw(mutated(first_page(sample(".pdf")))), "pdf")


def first_page(pdf: bytes) -> bytes:
    """A one-page PDF cut from a sample (a full sample costs seconds per parse)."""
    import pypdfium2 as pdfium
    src, new, buf = pdfium.PdfDocument(pdf), pdfium.PdfDocument.new(), io.BytesIO()
    new.import_pages(src, [0])
    new.save(buf)
    return buf.getvalue()


def rezip(docx: bytes, part: str, new: bytes) -> bytes:
    """The DOCX with one part replaced: a valid container around damaged XML."""
    src, buf = zipfile.ZipFile(io.BytesIO(docx)), io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info.filename, new if info.filename == part else src.read(info.filename))
    return buf.getvalue()


@settings(max_examples=20, **FUZZ)
@given(data=st.data())
def test_mutated_docx_xml(data):
    docx = sample(".docx")
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")
    check(rezip(docx, "word/document.xml", data.draw(mutated(xml))), "docx")
