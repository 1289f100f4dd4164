"""Flat tables of a parsed corpus, and writers: JSONL, CSV, one XLSX workbook, Parquet.

Every table has one row per item (document, clause, measure, school, indicator, body,
error) and starts with the document's key columns (KEY), so that any sheet can be
filtered by municipality or order on its own. `tables(documents, records)` builds plain
rows (lists of dicts); the writers only format them.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Iterable

KEY = ["file", "municipality", "region", "number", "date"]
TABLES = ["documents", "clauses", "measures", "schools", "indicators", "bodies", "errors"]
COLUMNS = {
    "documents": KEY + ["doc_type", "title", "issuer", "place", "signatory", "signatory_position", "based_on",
                        "approvals", "clauses", "measures", "schools", "indicators", "programme", "format",
                        "pages", "ocr", "status", "warnings", "sha256"],
    "clauses": KEY + ["clause_id", "level", "text", "addressees", "deadline", "deadline_start", "deadline_end",
                      "recurrence"],
    "measures": KEY + ["roadmap", "section", "measure_id", "text", "deadline", "deadline_start", "deadline_end",
                       "recurrence", "responsible", "form", "expected_result", "status", "extra"],
    "schools": KEY + ["name", "raw", "org_form", "kind", "school_number", "proper_name", "locality", "categories",
                      "spellings"],
    "indicators": KEY + ["name", "school", "unit", "baseline", "previous", "previous_period", "target",
                         "comparator", "year", "raw"],
    "bodies": KEY + ["role", "item_id", "raw", "name", "kind", "abbreviation", "person", "position"],
    "errors": KEY + ["status", "kind", "reason", "message"],
}
WIDTH_MIN, WIDTH_MAX = 8, 60
ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_CELL_MAX = 32767


def _join(values: Iterable) -> str:
    return "; ".join(str(v) for v in values if v)


def _bodies(bodies) -> str:
    return _join(b.name or b.raw for b in bodies or [])


def _deadline(d) -> dict:
    if d is None:
        return {"deadline": None, "deadline_start": None, "deadline_end": None, "recurrence": None}
    return {"deadline": d.raw, "deadline_start": d.start, "deadline_end": d.end, "recurrence": d.recurrence}


def key_of(file: str, doc) -> dict:
    m = doc.meta if doc is not None else None
    return {"file": file, "municipality": m and m.municipality, "region": m and m.region,
            "number": m and m.number, "date": m and m.date}


def _walk_clauses(clauses, level: int = 1):
    for c in clauses:
        yield c, level
        yield from _walk_clauses(c.subclauses, level + 1)


def document_rows(file: str, doc, record: dict) -> dict[str, list[dict]]:
    """All rows one document contributes, by table."""
    key = key_of(file, doc)
    m, rows = doc.meta, {name: [] for name in TABLES}
    sig = m.signatory
    rows["documents"].append({**key, "doc_type": m.doc_type, "title": m.title, "issuer": m.issuer,
                              "place": m.place, "signatory": sig and sig.name, "signatory_position": sig and sig.position,
                              "based_on": _join(a.raw for a in m.based_on), "approvals": _join(a.raw for a in m.approvals),
                              "clauses": len(doc.clauses), "measures": len(doc.measures), "schools": len(doc.schools),
                              "indicators": len(doc.indicators), "programme": doc.programme and doc.programme.name,
                              "format": doc.source.format, "pages": doc.source.pages, "ocr": doc.source.ocr,
                              "status": record.get("status"), "warnings": _join(doc.source.warnings),
                              "sha256": doc.source.sha256})
    for c, level in _walk_clauses(doc.clauses):
        rows["clauses"].append({**key, "clause_id": c.id, "level": level, "text": c.text,
                                "addressees": _bodies(c.addressees), **_deadline(c.deadline)})
        rows["bodies"].extend({**key, "role": "clause_addressee", "item_id": c.id, **_body(b)} for b in c.addressees)
    for x in doc.measures:
        rows["measures"].append({**key, "roadmap": x.roadmap, "section": x.section, "measure_id": x.id, "text": x.text,
                                 **_deadline(x.deadline), "responsible": _bodies(x.responsible), "form": x.form,
                                 "expected_result": x.expected_result, "status": x.status,
                                 "extra": json.dumps(x.extra, ensure_ascii=False, sort_keys=True) if x.extra else None})
        rows["bodies"].extend({**key, "role": "measure_responsible", "item_id": x.id, **_body(b)}
                              for b in x.responsible or [])
    for s in doc.schools:
        rows["schools"].append({**key, "name": s.name, "raw": s.raw, "org_form": s.org_form, "kind": s.kind,
                                "school_number": s.number, "proper_name": s.proper_name, "locality": s.locality,
                                "categories": _join(s.categories), "spellings": _join(s.spellings)})
    for i in doc.indicators:
        rows["indicators"].append({**key, **{c: getattr(i, c) for c in COLUMNS["indicators"][len(KEY):]}})
    rows["errors"].extend({**key, "status": record.get("status"), "kind": "warning", "reason": None, "message": w}
                          for w in doc.source.warnings)
    return rows


def _body(b) -> dict:
    return {"raw": b.raw, "name": b.name, "kind": b.kind, "abbreviation": b.abbreviation, "person": b.person,
            "position": b.position}


def tables(documents: dict, records: list[dict]) -> dict[str, list[dict]]:
    """Rows of every table, in manifest order; failed files go to `errors`."""
    out: dict[str, list[dict]] = {name: [] for name in TABLES}
    for r in records:
        doc = documents.get(r["path"])
        if doc is not None:
            for name, rows in document_rows(r["path"], doc, r).items():
                out[name].extend(rows)
        elif r["status"] == "failed":
            out["errors"].append({**key_of(r["path"], None), "status": "failed", "kind": "error",
                                  "reason": r.get("reason"), "message": r.get("message")})
    return out


def _cell(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return v.isoformat() if hasattr(v, "isoformat") else v


def write_csv(rows: list[dict], columns: list[str], path: Path) -> None:
    """UTF-8 with BOM, so that Excel shows Cyrillic right."""
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(columns)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in columns])


def _xlsx_value(v):
    if v is None:
        return None
    if isinstance(v, str):
        v = ILLEGAL_XLSX.sub(" ", v)
        return v[:XLSX_CELL_MAX]
    return v


def write_xlsx(all_rows: dict[str, list[dict]], path: Path) -> None:
    """One workbook, a sheet per table: bold frozen header, filters, column widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    wb = Workbook()
    wb.remove(wb.active)
    for name in TABLES:
        ws, columns, rows = wb.create_sheet(name), COLUMNS[name], all_rows.get(name, [])
        ws.append(columns)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        widths = [len(c) for c in columns]
        for r in rows:
            values = [_xlsx_value(r.get(c)) for c in columns]
            ws.append(values)
            for j, v in enumerate(values):
                if v is not None:
                    widths[j] = max(widths[j], min(WIDTH_MAX, max(len(s) for s in str(v).split("\n"))))
        for j, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(j)].width = max(WIDTH_MIN, min(WIDTH_MAX, w + 2))
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(rows) + 1)}"
    wb.save(path)


def frames(all_rows: dict[str, list[dict]]) -> dict:
    """pandas DataFrames of the tables, with the same columns as the CSV files."""
    import pandas as pd
    return {name: pd.DataFrame(all_rows.get(name, []), columns=COLUMNS[name]) for name in TABLES}


def parquet_available() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def write_parquet(all_rows: dict[str, list[dict]], out: Path) -> list[Path]:
    """One Parquet file per table (strings as given, dates as ISO text); [] without pyarrow."""
    if not parquet_available():
        return []
    paths = []
    for name, df in frames(all_rows).items():
        df = df.map(lambda v: v.isoformat() if hasattr(v, "isoformat") else v)
        p = out / f"{name}.parquet"
        df.to_parquet(p, index=False)
        paths.append(p)
    return paths


def write_all(all_rows: dict[str, list[dict]], out: Path) -> list[Path]:
    """CSV per table, the XLSX workbook and (with pyarrow) Parquet; returns the files written."""
    written = []
    for name in TABLES:
        p = out / f"{name}.csv"
        write_csv(all_rows.get(name, []), COLUMNS[name], p)
        written.append(p)
    write_xlsx(all_rows, out / "corpus.xlsx")
    written.append(out / "corpus.xlsx")
    return written + write_parquet(all_rows, out)
