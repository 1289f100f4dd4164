"""The same seed in TXT, DOCX and PDF reads into the same tables with the same cell texts.

Cell texts are compared with all whitespace collapsed (a paragraph break in one format
may be a space in another); covered cells count as "". The DOCX and PDF renderings
are made by samples/make_samples.py.
"""
from __future__ import annotations

import re

import pytest

from prikaz_parser.readers import read

from conftest import SAMPLES, SEED_STEMS


def _grid(layout) -> list[list[list[str]]]:
    return [[["" if c.covered else re.sub(r"\s+", " ", c.text).strip() for c in r] for r in t.rows]
            for t in layout.tables()]


def _mismatches(a, b) -> list[str]:
    out = []
    if len(a) != len(b):
        out.append(f"{len(a)} tables vs {len(b)}")
    for k, (ta, tb) in enumerate(zip(a, b)):
        if len(ta) != len(tb):
            out.append(f"table {k}: {len(ta)} rows vs {len(tb)}")
        for i, (ra, rb) in enumerate(zip(ta, tb)):
            for j, (x, y) in enumerate(zip(ra, rb)):
                if x != y:
                    out.append(f"table {k} row {i} col {j}: {x!r} vs {y!r}")
            if len(ra) != len(rb):
                out.append(f"table {k} row {i}: {len(ra)} cells vs {len(rb)}")
    return out


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("stem", SEED_STEMS)
def test_same_tables_as_txt(stem, fmt):
    path = SAMPLES / f"{stem}.{fmt}"
    if not path.exists():
        pytest.skip(f"{path.name} not generated yet (run samples/make_samples.py)")
    try:
        other = read(path)
    except ImportError as e:  # the reader of this format is not written yet
        pytest.skip(f"no {fmt} reader yet: {e}")
    txt = read(SAMPLES / f"{stem}.txt")
    problems = _mismatches(_grid(txt), _grid(other))
    assert not problems, "\n".join(problems[:20])
