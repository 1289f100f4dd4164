"""Comparison across districts: categories, alignment, reuse, profiles, the HTML report."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from prikaz_parser import parse
from prikaz_parser.compare import compare
from prikaz_parser.compare.categories import Classifier, taxonomy
from prikaz_parser.compare.reuse import smith_waterman

from conftest import SAMPLES, SEED_STEMS


@pytest.fixture(scope="module")
def result():
    return compare([parse(SAMPLES / f"{s}.txt") for s in SEED_STEMS])


@pytest.mark.parametrize("text, category", [
    ("Проведение семинаров для учителей", "methodology"),
    ("Участие учителей в курсах повышения квалификации", "staff"),
    ("Анализ результатов ЕГЭ и ОГЭ", "exams"),
    ("Организация участия в региональном этапе всероссийской олимпиады школьников", "gifted"),
    ("Проведение родительских собраний", "parents"),
    ("Ремонт спортивного зала", "facilities"),
    ("Размещение информации на сайте ОО", "openness"),
    ("Разработка антирисковых программ", "antirisk"),
    ("Заключение договоров о сетевом взаимодействии", "network"),
    ("Утверждение положения о рабочей группе приказом", "legal"),
])
def test_keyword_categories(text, category):
    a = Classifier().classify(text)
    assert a.category == category and a.decided_by.startswith("rule:") and 0 < a.score <= 1


def test_neighbour_decides_when_no_rule_fires():
    clf = Classifier([("Благоустройство пришкольной территории", "facilities")])
    a = clf.classify("Благоустройство территории школы")
    assert a.category == "facilities" and a.decided_by.startswith("neighbour:")


def test_taxonomy_is_versioned_data_with_risk_profiles():
    t = taxonomy()
    assert t.version and len(t.directions) == 13 and len(t.risks) == 10


@pytest.mark.parametrize("a, b, span", [
    ("раз два три четыре пять", "ноль два три четыре шесть", 3),
    ("а б в", "г д е", 0),
])
def test_smith_waterman(a, b, span):
    score, (s, e), _ = smith_waterman(a.split(), b.split())
    assert e - s == span


def test_foreign_district_name_in_dubovsky_roadmap(result):
    f = result.tables["foreign_names"]
    rows = f[f["district"].str.contains("Дубовск")]
    assert any("Ольховск" in n for n in rows["name"]), f.to_string()
    assert not any("Дубовск" in n for n in f["name"])


def test_profiles_for_every_district(result):
    s = result.tables["summary"]
    assert len(s) == 5 and (s["measures"] > 0).all()
    cov = result.tables["coverage"]
    assert cov.shape == (5, 13) and (cov.sum(axis=1) == s.set_index("district")["measures"]).all()
    assert set(result.tables["recurrence"].index) == set(result.districts)


def test_aligned_groups_span_districts(result):
    a = result.tables["aligned"]
    assert len(a) > 0
    for _, g in a.groupby("group"):
        assert g["district"].nunique() >= 2


def test_report_renders_in_headless_chromium(result, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("chromium is not installed (Debian package chromium)")
    report = result.save(tmp_path)
    shot = tmp_path / "shot.png"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
             "--window-size=1400,2000"]
    p = subprocess.run([chromium, *flags, f"--screenshot={shot}", report.as_uri()], capture_output=True,
                       text=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 20_000
    console = [ln for ln in p.stderr.splitlines() if "CONSOLE" in ln and ("Error" in ln or "Uncaught" in ln)]
    assert not console, console
    dom = subprocess.run([chromium, *flags, "--dump-dom", report.as_uri()], capture_output=True, text=True,
                         timeout=120).stdout
    assert 'data-rendered="yes"' in dom
    assert dom.count("<svg") >= 3 and "<rect" in dom and "<circle" in dom
    assert (tmp_path / "compare.xlsx").exists() and (tmp_path / "compare_coverage.csv").exists()


def test_figures_save_as_svg(result, tmp_path):
    paths = result.save_figures(tmp_path)
    assert {p.stem for p in paths} == {"coverage_heatmap", "deadline_timeline", "reuse_network"}
    assert all(p.read_text(encoding="utf-8").startswith("<svg") for p in paths)


def test_category_accuracy_on_the_labelled_set_does_not_go_backwards():
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from categories_bench import evaluate
    r = evaluate()
    assert r["n"] >= 150 and r["accuracy"] >= 0.85, r


def test_compare_takes_a_folder_path_with_every_document_in_it(tmp_path):
    import shutil as sh
    for s in SEED_STEMS[:2]:
        sh.copy(SAMPLES / f"{s}.txt", tmp_path / f"{s}.txt")
    assert len(compare([tmp_path]).docs) == 2
