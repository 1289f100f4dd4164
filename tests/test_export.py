"""Tables of a corpus: one row per item, key columns on every row; CSV, XLSX, DataFrames, Parquet."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from prikaz_parser.batch import parse_many
from prikaz_parser.export import COLUMNS, KEY, TABLES, _xlsx_value, write_all

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("in")
    for p in sorted(SAMPLES.glob("*.txt"))[:2]:
        shutil.copy(p, folder / p.name)
    (folder / "empty.txt").write_bytes(b"")
    return parse_many([folder], workers=0)


def test_frames_have_the_columns_of_every_table(corpus):
    frames = corpus.frames()
    assert list(frames) == TABLES
    for name, df in frames.items():
        assert list(df.columns) == COLUMNS[name]


@pytest.mark.parametrize("table", ["documents", "clauses", "measures", "schools"])
def test_rows_carry_the_document_key(corpus, table):
    df = corpus.frames()[table]
    assert len(df) > 0
    assert df["file"].notna().all()
    docs = corpus.frames()["documents"].set_index("file")
    for _, row in df.iterrows():
        for col in KEY[1:]:
            assert row[col] == docs.loc[row["file"], col] or (row[col] is None and docs.loc[row["file"], col] is None)


def test_failed_file_is_in_errors(corpus):
    errors = corpus.frames()["errors"]
    row = errors[errors["file"] == "empty.txt"].iloc[0]
    assert (row["kind"], row["reason"]) == ("error", "empty")


def test_one_document_row_per_parsed_file(corpus):
    assert len(corpus.frames()["documents"]) == len(corpus) == 2


def test_csv_and_xlsx(corpus, tmp_path):
    from openpyxl import load_workbook
    write_all(corpus.tables(), tmp_path)
    for name in TABLES:
        raw = (tmp_path / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Cyrillic right
        with open(tmp_path / f"{name}.csv", encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        assert rows[0] == COLUMNS[name] and len(rows) == 1 + len(corpus.tables()[name])
    wb = load_workbook(tmp_path / "corpus.xlsx")
    assert wb.sheetnames == TABLES
    ws = wb["measures"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    assert 8 <= ws.column_dimensions["A"].width <= 60
    assert ws.max_row == 1 + len(corpus.tables()["measures"])


@pytest.mark.parametrize("value, expected", [
    ("текст\x00с\x07управляющими", "текст с управляющими"),
    ("a" * 40000, "a" * 32767),
    (None, None),
    (3, 3),
])
def test_xlsx_values_are_cleaned(value, expected):
    assert _xlsx_value(value) == expected


def test_parquet(corpus, tmp_path):
    pytest.importorskip("pyarrow")
    import pandas as pd
    written = write_all(corpus.tables(), tmp_path)
    assert tmp_path / "measures.parquet" in written
    assert list(pd.read_parquet(tmp_path / "measures.parquet").columns) == COLUMNS["measures"]
