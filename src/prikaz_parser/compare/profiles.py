"""Profiles per district: categories, deadlines, recurrence, responsible bodies, schools, indicators, gaps."""
from __future__ import annotations

import pandas as pd

from ..schema import Document

GAP_SHARE = 0.5  # a category is a gap when at least this share of the other districts cover it


def coverage(measures: pd.DataFrame, districts: list[str], categories: list[str]) -> pd.DataFrame:
    """districts × categories: number of measures."""
    if measures.empty:
        return pd.DataFrame(0, index=districts, columns=categories)
    t = pd.crosstab(measures["district"], measures["category"])
    return t.reindex(index=districts, columns=categories, fill_value=0).fillna(0).astype(int)


def recurrence_mix(measures: pd.DataFrame, districts: list[str]) -> pd.DataFrame:
    if measures.empty:
        return pd.DataFrame(index=districts)
    return pd.crosstab(measures["district"], measures["recurrence"].fillna("none")).reindex(districts, fill_value=0)


def body_mix(measures: pd.DataFrame, districts: list[str]) -> pd.DataFrame:
    rows = [{"district": r.district, "kind": k} for r in measures.itertuples() for k in (r.responsible_kinds or [])]
    if not rows:
        return pd.DataFrame(index=districts)
    df = pd.DataFrame(rows)
    return pd.crosstab(df["district"], df["kind"]).reindex(districts, fill_value=0)


def deadline_months(measures: pd.DataFrame) -> pd.DataFrame:
    """Each dated measure's span as (district, start, end)."""
    d = measures.dropna(subset=["start", "end"], how="all").copy()
    if d.empty:
        return pd.DataFrame(columns=["district", "start", "end", "text"])
    d["start"] = pd.to_datetime(d["start"].fillna(d["end"]))
    d["end"] = pd.to_datetime(d["end"].fillna(d["start"]))
    return d[["district", "start", "end", "text"]]


def gaps(cov: pd.DataFrame) -> pd.DataFrame:
    """Categories a district does not cover that most other districts do."""
    rows = []
    covered = cov > 0
    for d in cov.index:
        others = covered.drop(index=d)
        if others.empty:
            continue
        share = others.mean(axis=0)
        for c in cov.columns:
            if not covered.loc[d, c] and share[c] >= GAP_SHARE:
                rows.append({"district": d, "category": c, "share_of_others": round(float(share[c]), 2)})
    return pd.DataFrame(rows, columns=["district", "category", "share_of_others"])


def summary(docs: list[Document], districts: list[str], measures: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for d, name in zip(docs, districts):
        ms = d.measures
        rows.append({
            "district": name, "region": d.meta.region, "document": d.meta.doc_type, "number": d.meta.number,
            "date": d.meta.date, "measures": len(ms),
            "without_deadline": sum(1 for m in ms if m.deadline is None or not m.deadline.raw),
            "without_responsible": sum(1 for m in ms if not m.responsible),
            "schools": len(d.schools), "indicators": len(d.indicators),
            "categories": int(measures[measures["district"] == name]["category"].nunique()) if len(measures) else 0,
        })
    return pd.DataFrame(rows)


def indicators_frame(docs: list[Document], districts: list[str]) -> pd.DataFrame:
    rows = [{"district": name, "name": i.name, "school": i.school, "unit": i.unit, "baseline": i.baseline,
             "target": i.target, "comparator": i.comparator}
            for d, name in zip(docs, districts) for i in d.indicators]
    return pd.DataFrame(rows, columns=["district", "name", "school", "unit", "baseline", "target", "comparator"])


def schools_frame(docs: list[Document], districts: list[str]) -> pd.DataFrame:
    rows = [{"district": name, "school": s.raw, "org_form": s.org_form, "kind": s.kind, "number": s.number,
             "proper_name": s.proper_name, "categories": ", ".join(s.categories)}
            for d, name in zip(docs, districts) for s in d.schools]
    return pd.DataFrame(rows, columns=["district", "school", "org_form", "kind", "number", "proper_name",
                                       "categories"])
