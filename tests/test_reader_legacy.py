"""Legacy formats (ODT, RTF, DOC) through LibreOffice, and the errors when it cannot help."""
from __future__ import annotations

import re
import shutil

import pytest

from conftest import SAMPLES
from prikaz_parser.readers import MissingTool, ReadError, read
from prikaz_parser.readers import legacy
from prikaz_parser.readers.legacy import convert, find_soffice, read_legacy

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
STEM = "001_c24edddf20a7546d"


def norm_grid(t) -> list[list[str]]:
    return [[re.sub(r"\s+", " ", c.text).strip() for c in r] for r in t.rows]


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """The sample DOCX saved by LibreOffice as ODT and RTF."""
    out = tmp_path_factory.mktemp("legacy")
    src = SAMPLES / f"{STEM}.docx"
    assert src.exists(), "run .venv/bin/python samples/make_samples.py"
    return {kind: convert(src, kind, out) for kind in ("odt", "rtf")}


@needs_soffice
@pytest.mark.slow
@pytest.mark.parametrize("kind", ["odt", "rtf"])
def test_legacy_formats_keep_the_tables(converted, kind):
    layout = read(converted[kind])
    original = read(SAMPLES / f"{STEM}.docx")
    assert layout.format == kind
    assert [norm_grid(t) for t in layout.tables()] == [norm_grid(t) for t in original.tables()]
    assert len(list(layout.paragraphs())) >= 60


@needs_soffice
@pytest.mark.slow
def test_damaged_odt_is_a_conversion_error(converted):
    data = converted["odt"].read_bytes()[:3000]
    with pytest.raises(ReadError) as e:
        read_legacy(data, "odt", "bad.odt")
    assert e.value.reason == "convert_failed" and e.value.path == "bad.odt"
    assert "LibreOffice could not convert" in e.value.detail


@pytest.mark.parametrize("kind", ["doc", "rtf", "odt"])
def test_missing_soffice_is_a_clear_error(monkeypatch, tmp_path, kind):
    monkeypatch.setenv("PATH", str(tmp_path))  # nowhere to find soffice
    assert find_soffice() is None
    with pytest.raises(MissingTool) as e:
        read_legacy(b"{\\rtf1 x}", kind, f"old.{kind}")
    assert e.value.reason == "missing_tool" and e.value.path == f"old.{kind}"
    assert e.value.detail == (f"reading .{kind} needs LibreOffice (soffice); "
                              "install: apt-get install libreoffice-writer-nogui")


def test_missing_soffice_through_read(monkeypatch):
    monkeypatch.setattr(legacy, "SOFFICE_NAMES", ("no-such-office-binary",))
    with pytest.raises(MissingTool) as e:
        read(b"{\\rtf1\\ansi hello}", file="letter.rtf")
    assert e.value.path == "letter.rtf" and "soffice" in e.value.detail


@needs_soffice
@pytest.mark.slow
def test_conversion_timeout_is_a_read_error(tmp_path):
    src = SAMPLES / f"{STEM}.docx"
    with pytest.raises(ReadError) as e:
        convert(src, "odt", tmp_path, file="slow.docx", timeout=0.2)
    assert e.value.reason == "convert_timeout" and "did not finish" in e.value.detail
    assert not (tmp_path / f"{STEM}.odt").exists()
