"""Seed scores must not go backwards: the shared scorer over the parser's output, per format.

Floors are the issue targets where they are met, and the measured level otherwise.
"""
from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from prikaz_parser import parse

from conftest import SAMPLES, SEED_STEMS, SHARED

SCORER = SHARED / "eval" / "score.py"
GOLD = SHARED / "eval" / "gold"

# every scored field is at 1.000 on the TXT seeds; the issue targets (measures 0.97, deadline raw
# 0.97, start/end/recurrence 0.93, responsible 0.93, section 0.95, meta 0.95, schools 0.95,
# indicators 0.93, baseline/target/comparator 0.95) are all below this floor
FIELDS = ["measures", "deadline.raw", "deadline.start", "deadline.end", "deadline.recurrence", "responsible",
          "section", "form", "expected_result", "meta", "meta.doc_type", "meta.number", "meta.date", "meta.issuer",
          "meta.municipality", "meta.region", "meta.place", "meta.title", "meta.signatory", "schools",
          "school.fields", "indicators", "indicator.baseline", "indicator.target", "indicator.comparator"]
FLOORS = {f: 0.99 for f in FIELDS}
# other formats may trail the TXT scores by this much (issues: DOCX and PDF "the same within 0.02";
# scans within 0.05 of the digital file, 0.03 on meta)
FORMAT_SLACK = {"txt": 0.0, "docx": 0.01, "pdf": 0.02, "scan": 0.05}
META_SLACK_SCAN = 0.03


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _score(out: Path) -> dict:
    score = _scorer()
    t = score.Tally()
    counts = {"measures": [0, 0, 0], "schools": [0, 0, 0], "indicators": [0, 0, 0]}
    for stem in SEED_STEMS:
        gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
        p = out / f"{stem}.json"
        parsed = json.loads(p.read_text(encoding="utf-8")) if p.exists() else None
        score.score_doc(gold, parsed, t, counts)
    totals = {k: score.prf(*v)[2] for k, v in counts.items()}
    totals.update({k: t.mean(k) for k in t.c})
    return totals


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict[str, dict]:
    if not SCORER.exists():
        pytest.skip("shared/eval/score.py is not beside the repository")
    out: dict[str, dict] = {}
    for fmt, suffix in (("txt", ".txt"), ("docx", ".docx"), ("pdf", ".pdf"), ("scan", ".scan.pdf")):
        files = [SAMPLES / f"{s}{suffix}" for s in SEED_STEMS]
        if not all(f.exists() for f in files) or (fmt == "scan" and not shutil.which("tesseract")):
            continue
        d = tmp_path_factory.mktemp(fmt)
        for f, stem in zip(files, SEED_STEMS):
            (d / f"{stem}.json").write_text(parse(f).to_json(), encoding="utf-8")
        out[fmt] = _score(d)
    return out


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf", "scan"])
@pytest.mark.parametrize("field", sorted(FLOORS))
def test_seed_score_floor(scores, fmt, field):
    if fmt not in scores:
        pytest.skip(f"no {fmt} samples (or no Tesseract for the scans)")
    got = scores[fmt].get(field) or 0.0
    slack = META_SLACK_SCAN if fmt == "scan" and field.startswith("meta") else FORMAT_SLACK[fmt]
    floor = FLOORS[field] - slack
    assert got >= floor, f"{fmt} {field} = {got:.3f} < {floor:.3f}"


def test_scores_table(scores):
    """Print the table (visible with -s) and require that the TXT run scored."""
    assert "txt" in scores
    keys = sorted({k for s in scores.values() for k in s})
    print("\n" + "field".ljust(24) + "".join(f.rjust(8) for f in scores))
    for k in keys:
        print(k.ljust(24) + "".join(f"{(s.get(k) or 0):8.3f}" for s in scores.values()))
