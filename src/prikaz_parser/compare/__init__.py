"""Compare roadmaps across districts: categories, alignment, reuse, profiles, report.

    from prikaz_parser.compare import compare
    result = compare(docs)               # docs: Documents, or paths to source files / parsed JSON
    result.tables["coverage"]            # pandas DataFrames
    result.save("out/")                  # CSV + XLSX + report.html
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..schema import Document
from . import align as _align
from . import profiles as _profiles
from . import reuse as _reuse
from .categories import default_classifier, taxonomy
from .corpus import measures_frame, unique_districts

__all__ = ["compare", "Comparison", "load_documents"]


@dataclass
class Comparison:
    docs: list[Document]
    districts: list[str]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    reuse_share: object = None  # numpy matrix: share of doc i's words shared with doc j
    taxonomy_version: str = ""

    def figures(self) -> dict[str, str]:
        """The report's charts as standalone SVG strings."""
        from .report import figures
        return figures(self)

    def save_figures(self, folder: str | Path) -> list[Path]:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        out = []
        for name, svg in self.figures().items():
            p = folder / f"{name}.svg"
            p.write_text(svg, encoding="utf-8")
            out.append(p)
        return out

    def save(self, folder: str | Path) -> Path:
        """CSV per table, one XLSX workbook, and report.html; returns the report path."""
        from .report import write_report
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for name, df in self.tables.items():
            df.to_csv(folder / f"compare_{name}.csv", index=name in ("coverage", "recurrence", "bodies"))
        with pd.ExcelWriter(folder / "compare.xlsx", engine="openpyxl") as xw:
            for name, df in self.tables.items():
                df.to_excel(xw, sheet_name=name[:31], index=name in ("coverage", "recurrence", "bodies"))
        return write_report(self, folder / "report.html")


def act_key(doc: Document) -> tuple:
    """The identity of an act: the same order sent as DOCX and as PDF is one document."""
    m = doc.meta
    if m.number or m.date:  # the title may differ by an OCR slip; number and date identify the act
        return (m.municipality, m.doc_type, m.number, str(m.date) if m.date else None)
    if m.title:
        return (m.municipality, m.doc_type, " ".join(m.title.lower().split()))
    return (doc.source.sha256,)


def unique_acts(docs: list[Document]) -> list[Document]:
    seen, out = set(), []
    for d in docs:
        k = act_key(d)
        if k not in seen:
            seen.add(k)
            out.append(d)
    return out


def load_documents(inputs: list[str | Path]) -> list[Document]:
    """Documents from parsed JSON files or source files (parsed on the fly), folders expanded
    (a batch output folder gives its <stem>.json files; hidden folders are skipped); the same
    act in several formats is kept once."""
    from ..pipeline import parse
    docs = []
    paths: list[Path] = []
    for i in inputs:
        p = Path(i)
        if p.is_dir() and (p / "manifest.json").exists():  # a batch's output: its parsed documents only
            paths.extend(sorted(f for f in p.glob("*.json") if f.name != "manifest.json"))
        elif p.is_dir():
            paths.extend(sorted(f for f in p.rglob("*") if f.is_file()
                                and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        else:
            paths.append(p)
    for p in paths:
        if p.suffix.lower() == ".json":
            try:
                docs.append(Document.model_validate_json(p.read_text(encoding="utf-8")))
            except ValueError:
                continue  # not a parsed document (a manifest, say)
        elif p.suffix.lower() in (".txt", ".md", ".docx", ".pdf", ".doc", ".rtf", ".odt", ".html", ".htm"):
            docs.append(parse(p))
    return unique_acts(docs)


def compare(docs: list[Document | str | Path], layouts: list | None = None) -> Comparison:
    loaded: list[Document] = []
    for d in docs:  # a path may be a folder of many documents, or hold none
        loaded.extend([d] if isinstance(d, Document) else load_documents([d]))
    docs = unique_acts(loaded)
    districts = unique_districts(docs)
    clf = default_classifier()
    tax = taxonomy()
    ms = measures_frame(docs, districts)
    cats = [clf.classify(t) for t in ms["text"]] if len(ms) else []
    ms["category"] = [tax.label(a.category) or "—" for a in cats]
    ms["category_score"] = [a.score for a in cats]
    ms["category_rule"] = [a.decided_by for a in cats]
    ms["risks"] = [", ".join(a.risks) for a in cats]
    labels = [c.label for c in tax.directions]
    cov = _profiles.coverage(ms, districts, labels)
    units = [u for i, d in enumerate(docs) for u in _reuse.units_of(i, d, layouts[i] if layouts else None)]
    pairs = _reuse.candidate_pairs(units) if units else []
    passages = _reuse.shared_passages(units, pairs)
    share = _reuse.reuse_matrix(units, passages, len(docs))
    reuse_rows = []
    for i in range(len(docs)):
        for j in range(len(docs)):
            if i < j and (share[i, j] or share[j, i]):
                reuse_rows.append({"district_a": districts[i], "district_b": districts[j],
                                   "share_of_a": round(float(share[i, j]), 3),
                                   "share_of_b": round(float(share[j, i]), 3)})
    foreign = [{"district": districts[i], **f} for i, d in enumerate(docs)
               for f in _reuse.foreign_names(d, layouts[i] if layouts else None)]
    if len(passages):
        passages = passages.assign(district_a=[districts[i] for i in passages["doc_a"]],
                                   district_b=[districts[i] for i in passages["doc_b"]])
        passages = passages[["district_a", "unit_a", "district_b", "unit_b", "words", "identical", "passage"]]
    tables = {
        "summary": _profiles.summary(docs, districts, ms),
        "measures": ms.drop(columns=["responsible_kinds"]),
        "coverage": cov,
        "gaps": _profiles.gaps(cov),
        "recurrence": _profiles.recurrence_mix(ms, districts),
        "bodies": _profiles.body_mix(ms, districts),
        "deadlines": _profiles.deadline_months(ms),
        "aligned": _align.align(ms),
        "reuse": pd.DataFrame(reuse_rows, columns=["district_a", "district_b", "share_of_a", "share_of_b"]),
        "passages": passages if len(passages) else pd.DataFrame(
            columns=["district_a", "unit_a", "district_b", "unit_b", "words", "identical", "passage"]),
        "foreign_names": pd.DataFrame(foreign, columns=["district", "name", "where", "context"]),
        "schools": _profiles.schools_frame(docs, districts),
        "indicators": _profiles.indicators_frame(docs, districts),
    }
    return Comparison(docs, districts, tables, share, tax.version)
