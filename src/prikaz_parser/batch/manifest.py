"""The manifest: one row per input, whatever became of it; written as CSV and JSON.

Run times live here only (documents carry no timestamps), so the documents of two runs
over the same inputs are byte-identical while the manifests differ only in `seconds`.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

COLUMNS = ["path", "sha256", "format", "size", "pages", "status", "reason", "message", "seconds", "output",
           "duplicate_of", "cached", "ocr"]
STATUSES = ("ok", "warnings", "failed", "duplicate", "skipped")
NEEDS_OCR_REASONS = {"needs_ocr", "no_text", "missing_tool"}


def summarize(records: list[dict]) -> dict[str, int]:
    """Counts for the summary table."""
    count = lambda pred: sum(1 for r in records if pred(r))  # noqa: E731
    return {
        "files": len(records),
        "parsed": count(lambda r: r["status"] in ("ok", "warnings")),
        "with warnings": count(lambda r: r["status"] == "warnings"),
        "needing OCR": count(lambda r: bool(r.get("ocr")) or (r["status"] == "failed" and r.get("reason") in NEEDS_OCR_REASONS)),
        "failed": count(lambda r: r["status"] == "failed"),
        "skipped duplicates": count(lambda r: r["status"] == "duplicate"),
        "skipped other": count(lambda r: r["status"] == "skipped"),
        "reused from cache": count(lambda r: bool(r.get("cached"))),
    }


def write_manifest(records: list[dict], out: Path, extra: dict | None = None) -> tuple[Path, Path]:
    rows = [{c: r.get(c) for c in COLUMNS} for r in records]
    csv_path, json_path = out / "manifest.csv", out / "manifest.json"
    with open(csv_path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if v is None else v) for k, v in r.items()})
    payload = {**(extra or {}), "summary": summarize(records), "files": rows}
    json_path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return csv_path, json_path
