"""The comparison's input: parsed documents as flat rows, one district label per document."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..schema import Document


def district_of(doc: Document) -> str:
    """A short label for the document's district: its municipality, else the file stem."""
    m = doc.meta.municipality
    if m:
        return m
    return Path(doc.source.path).stem



def unique_districts(docs: list[Document]) -> list[str]:
    """District labels, disambiguated when two documents share one."""
    labels, seen = [], {}
    for d in docs:
        base = district_of(d)
        seen[base] = seen.get(base, 0) + 1
        labels.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    return labels


def measures_frame(docs: list[Document], districts: list[str]) -> pd.DataFrame:
    rows = []
    for i, (d, dist) in enumerate(zip(docs, districts)):
        for j, m in enumerate(d.measures):
            dl = m.deadline
            rows.append({
                "doc": i, "district": dist, "measure": j, "id": m.id, "section": m.section, "text": m.text,
                "deadline": dl.raw if dl else None, "start": dl.start if dl else None, "end": dl.end if dl else None,
                "recurrence": dl.recurrence if dl else None,
                "responsible": "; ".join(b.raw for b in m.responsible or []),
                "responsible_kinds": [b.kind for b in m.responsible or []],
            })
    return pd.DataFrame(rows, columns=["doc", "district", "measure", "id", "section", "text", "deadline", "start",
                                       "end", "recurrence", "responsible", "responsible_kinds"])
