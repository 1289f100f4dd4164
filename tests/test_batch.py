"""Batch runs end to end: every input in the manifest with its verdict, isolation, cache, exit codes."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bad_inputs import EXPECTED, good, mixed_folder
from prikaz_parser.batch.inputs import bomb_verdict, decode_member_name
from prikaz_parser.batch.job import pdf_structure, renamed_note
from prikaz_parser.batch.limits import Limits
from prikaz_parser.batch.pool import death_message, parse_hooks
from prikaz_parser.batch.run import assign_outputs, run_batch
from prikaz_parser.cli import app
from prikaz_parser.export import COLUMNS, TABLES

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CLI = [sys.executable, "-m", "prikaz_parser.cli", "parse"]
GOOD = good(SAMPLES)


def cli(*args, env=None, timeout=120):
    e = {**os.environ, **(env or {})}
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, env=e, timeout=timeout, cwd=ROOT)


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    """The samples (TXT and one DOCX) plus one of each bad input, parsed once by the CLI."""
    folder = mixed_folder(tmp_path_factory.mktemp("inputs"), SAMPLES)
    out = tmp_path_factory.mktemp("out")
    proc = cli(folder, "--out", out, "--workers", 2, "--max-size-mb", 1, "--no-ocr", "--timeout", 60)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return folder, out, proc, {r["path"]: r for r in manifest["files"]}


def skip_if_code_changed(out: Path) -> None:
    """Other engineers edit the package while tests run; results of two code versions cannot match."""
    from prikaz_parser.batch.cache import parser_version
    parser_version.cache_clear()
    if json.loads((out / "manifest.json").read_text(encoding="utf-8"))["parser_version"] != parser_version():
        pytest.skip("the package's code changed since the batch ran")


def test_exit_code_is_1_when_some_failed(bad_run):
    _, _, proc, _ = bad_run
    assert proc.returncode == 1, proc.stderr


def test_manifest_lists_every_input(bad_run):
    _, out, _, files = bad_run
    assert set(files) == set(EXPECTED) | set(GOOD)
    assert (out / "manifest.csv").read_text(encoding="utf-8-sig").count("\n") == len(files) + 1


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_verdict(bad_run, name):
    status, reason, word = EXPECTED[name]
    r = bad_run[3][name]
    assert r["status"] == status, r
    if reason:
        assert r["reason"] == reason, r
    if word:
        assert word.lower() in (r["message"] or "").lower(), r


@pytest.mark.parametrize("name", GOOD)
def test_good_file_output_is_complete(bad_run, name):
    from prikaz_parser import parse
    _, out, _, files = bad_run
    r = files[name]
    assert r["status"] in ("ok", "warnings"), r
    skip_if_code_changed(out)
    data = (SAMPLES / name).read_bytes()
    expected = parse(data, Path(name).suffix.lstrip("."), name=name).to_json()
    assert (out / r["output"]).read_text(encoding="utf-8") == expected
    assert r["sha256"] and r["size"] == len(data) and r["seconds"] is not None


def test_duplicate_points_to_the_parsed_original(bad_run):
    r = bad_run[3]["copy_of_sample.txt"]
    original = bad_run[3][r["duplicate_of"]]
    assert original["status"] in ("ok", "warnings") and r["output"] == original["output"]


def test_jsonl_has_one_line_per_parsed_document(bad_run):
    _, out, _, files = bad_run
    lines = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    parsed = [p for p, r in files.items() if r["status"] in ("ok", "warnings")]
    assert [json.loads(x)["source"]["path"] for x in lines] == sorted(parsed)


def test_workbook_has_sheets_columns_and_errors(bad_run):
    from openpyxl import load_workbook
    _, out, _, files = bad_run
    wb = load_workbook(out / "corpus.xlsx", read_only=False)
    assert wb.sheetnames == TABLES
    for name in TABLES:
        ws = wb[name]
        assert [c.value for c in ws[1]] == COLUMNS[name]
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    failed = {p for p, r in files.items() if r["status"] == "failed"}
    errors = {row[0] for row in wb["errors"].iter_rows(min_row=2, values_only=True) if row[6] == "error"}
    assert errors == failed
    assert wb["measures"].max_row > 1 and wb["documents"].max_row == 1 + len(GOOD) + 2


def test_summary_is_printed(bad_run):
    stderr = bad_run[2].stderr
    for word in ("parsed", "with warnings", "needing OCR", "failed", "skipped duplicates"):
        assert word in stderr


# --- isolation: a worker that hangs, crashes or eats memory ---------------------------------

def test_killed_and_crashed_workers_are_replaced(tmp_path):
    names = sorted(SAMPLES.glob("*.txt"))[:4]
    for p in names:
        shutil.copy(p, tmp_path / p.name)
    hooks = {names[0].name: "hang", names[1].name: "crash", names[2].name: "oom"}
    t = time.monotonic()
    corpus = run_batch([tmp_path], None, workers=2, limits=Limits(timeout=3, memory_mb=1024), hooks=hooks)
    assert time.monotonic() - t < 40
    got = {r["path"]: (r["status"], r["reason"]) for r in corpus.records}
    assert got == {names[0].name: ("failed", "timeout"), names[1].name: ("failed", "crashed"),
                   names[2].name: ("failed", "out_of_memory"), names[3].name: ("ok", None)} or \
        got[names[3].name][0] == "warnings"
    assert corpus.replaced_workers == 3


def test_hang_hook_from_environment(tmp_path):
    """The documented test hook: PRIKAZ_PARSER_TEST_HOOK=hang:NAME makes the worker sleep on NAME."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    names = sorted(SAMPLES.glob("*.txt"))[:2]
    for p in names:
        shutil.copy(p, src / p.name)
    proc = cli(src, "--out", out, "--workers", 2, "--timeout", 1,
               env={"PRIKAZ_PARSER_TEST_HOOK": f"hang:{names[0].name}"})
    assert proc.returncode == 1, proc.stderr
    files = {r["path"]: r for r in json.loads((out / "manifest.json").read_text())["files"]}
    assert files[names[0].name]["reason"] == "timeout" and "timed out" in files[names[0].name]["message"]
    assert files[names[1].name]["status"] in ("ok", "warnings")
    assert (out / f"{names[1].stem}.json").exists() and not (out / f"{names[0].stem}.json").exists()
    assert "replaced" in proc.stderr


# --- incremental runs and determinism -------------------------------------------------------

def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.glob("*.json*") if not p.name.startswith("manifest")}


def test_rerun_reuses_cache_and_output_is_byte_identical(bad_run):
    """A second run over the same folder reuses every parsed result and writes the same bytes."""
    folder, out, _, files = bad_run
    skip_if_code_changed(out)
    snap = _outputs(out)
    parsed = sum(1 for r in files.values() if r["status"] in ("ok", "warnings"))
    again = run_batch([folder], out, workers=2, limits=Limits(max_size_mb=1, ocr=False))
    assert again.summary["reused from cache"] == parsed
    assert _outputs(out) == snap
    forced = run_batch([folder], out, workers=2, limits=Limits(max_size_mb=1, ocr=False), force=True)
    assert forced.summary["reused from cache"] == 0 and forced.summary["parsed"] == parsed
    assert _outputs(out) == snap


def test_cli_says_it_reused(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(SAMPLES / GOOD[0], src / GOOD[0])
    run_batch([src], out, workers=1)
    result = CliRunner().invoke(app, ["parse", str(src), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0 and "reused 1 cached results" in result.output


# --- usage ----------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["samples"],  # a folder needs --out
    ["samples/000_9e09309a07830cfc.txt", "samples/001_c24edddf20a7546d.txt"],  # several need --out
    ["samples", "--out", "pyproject.toml"],  # --out is a file
    ["samples", "--out", "/tmp/x", "--workers", "-1"],
    ["samples/make_samples.py/nothing", "--bogus"],
])
def test_bad_usage_exits_2(args, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert CliRunner().invoke(app, ["parse", *args]).exit_code == 2


def test_empty_folder_exits_2(tmp_path):
    assert CliRunner().invoke(app, ["parse", str(tmp_path), "--out", str(tmp_path / "out")]).exit_code == 2


def test_single_file_prints_json():
    result = CliRunner().invoke(app, ["parse", str(SAMPLES / GOOD[0])])
    assert result.exit_code == 0 and json.loads(result.stdout)["source"]["format"] == "txt"


# --- rules, as tables -----------------------------------------------------------------------

def _info(raw: bytes, utf8: bool = False) -> zipfile.ZipInfo:
    i = zipfile.ZipInfo(raw.decode("utf-8") if utf8 else raw.decode("cp437"))
    i.flag_bits = 0x800 if utf8 else 0
    return i


@pytest.mark.parametrize("raw, utf8, expected", [
    ("Приказ №5.docx".encode("cp866"), False, "Приказ №5.docx"),
    ("План мероприятий.pdf".encode("cp1251"), False, "План мероприятий.pdf"),
    ("дорожная карта.txt".encode("utf-8"), False, "дорожная карта.txt"),  # UTF-8 without the flag
    ("дорожная карта.txt".encode("utf-8"), True, "дорожная карта.txt"),
    (b"plain.txt", False, "plain.txt"),
])
def test_zip_member_names(raw, utf8, expected):
    assert decode_member_name(_info(raw, utf8)) == expected


@pytest.mark.parametrize("sizes, limit_mb, bomb", [
    ([(10 * 2**20, 10 * 2**20)], 100, False),
    ([(200 * 2**20, 150 * 2**20)], 100, True),  # total over the limit
    ([(50 * 2**20, 10 * 2**10)], 1000, True),  # ratio 5000x
    ([(2**19, 100)], 1000, False),  # small members may compress well
])
def test_bomb_verdict(sizes, limit_mb, bomb):
    infos = []
    for size, packed in sizes:
        i = zipfile.ZipInfo("a.txt")
        i.file_size, i.compress_size = size, packed
        infos.append(i)
    assert bool(bomb_verdict(infos, sum(p for _, p in sizes), Limits(max_unpacked_mb=limit_mb))) is bomb


@pytest.mark.parametrize("paths, outputs", [
    (["a.txt", "b.txt"], ["a.json", "b.json"]),
    (["a.docx", "a.pdf", "a.txt"], ["a.json", "a__pdf.json", "a__txt.json"]),
    (["x/a.txt", "y/a.txt", "z/a.txt"], ["a.json", "a__txt.json", "a__2.json"]),
])
def test_output_names_stay_unique(paths, outputs):
    records = [{"path": p, "status": "ok", "duplicate_of": None} for p in paths]
    assign_outputs(records)
    assert [r["output"] for r in records] == outputs


@pytest.mark.parametrize("spec, hooks", [
    ("hang:a.txt", {"a.txt": "hang"}),
    ("hang:a.txt, crash:b.pdf,bogus:c", {"a.txt": "hang", "b.pdf": "crash"}),
    ("", {}),
])
def test_parse_hooks(spec, hooks):
    assert parse_hooks(spec) == hooks


@pytest.mark.parametrize("code, word", [(-9, "SIGKILL"), (-11, "SIGSEGV"), (3, "exit code 3")])
def test_death_message(code, word):
    assert word in death_message(code)[1]


@pytest.mark.parametrize("data, suffix, note", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".docx", "named .docx but the content is DOC"),
    (b"%PDF-1.4", ".docx", "content is PDF"),
    (b"PK\x03\x04", ".docx", ""),
    (b"%PDF-1.4", ".pdf", ""),
    (b"hello", ".txt", ""),
])
def test_renamed_note(data, suffix, note):
    got = renamed_note(data, suffix)
    assert note in got and bool(got) is bool(note)


def test_page_limit():
    pdf = sorted(p for p in SAMPLES.glob("*.pdf") if not p.name.endswith(".scan.pdf"))[0].read_bytes()
    assert pdf_structure(pdf, ".pdf", Limits(max_pages=1))[0] == "too_many_pages"
    assert pdf_structure(pdf, ".pdf", Limits(max_pages=1000)) is None
