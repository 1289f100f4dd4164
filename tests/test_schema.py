"""The output schema: exported JSON Schema matches the models; outputs validate."""
from __future__ import annotations

import json
from pathlib import Path

from prikaz_parser import SCHEMA_VERSION, parse
from prikaz_parser.schema import Document

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "src/prikaz_parser/schema/document.schema.json"


def test_exported_schema_is_current():
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == Document.model_json_schema(), \
        "run: prikaz-parser schema --out src/prikaz_parser/schema/document.schema.json"


def test_output_round_trips_and_carries_version(samples):
    doc = parse(samples / "000_9e09309a07830cfc.txt")
    data = json.loads(doc.to_json())
    assert data["schema_version"] == SCHEMA_VERSION
    assert Document.model_validate(data) == doc
    assert data["source"]["format"] == "txt" and len(data["source"]["sha256"]) == 64
