"""Tesseract words -> cell texts and paragraphs.

One `tesseract … tsv` call per page gives every word with its box and confidence;
words are then placed by their box centre: into the table cell whose box holds
it, or into the page text. Lines and paragraphs are rebuilt from word positions
with the PDF reader's line-joining rules (`pdf_words`), so a scan and a digital
PDF of the same page give the same texts.

Tables without ruling lines: `column_runs` finds runs of lines whose word
chunks (split at wide gaps) start at the same x positions, and makes them rows
of a table with one column per aligned position.
"""
from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from statistics import median
from typing import Sequence

from .pdf_words import Box, Line, Word, group_lines, join_lines

GAP_CHUNK = 2.5  # a gap wider than this many line heights separates column chunks
COLUMN_TOLERANCE = 0.02  # chunk starts within this fraction of the page width share a column
WORD_HEIGHT = 0.9  # a word's box height in font sizes (a PDF word: the font's ascent to descent)
WIDEST_SLACK = 1.0  # pt the measure may pass the widest line by
PSM = 6  # one uniform block: finds the short numbers of narrow columns that the auto layout (3) drops


@dataclass(slots=True)
class OcrWord:
    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    line_id: tuple[int, int, int] = (0, 0, 0)

    @property
    def cx(self) -> float:
        return self.left + self.width / 2

    @property
    def cy(self) -> float:
        return self.top + self.height / 2


def tesseract_args(cmd: str, lang: str, dpi: int, psm: int = PSM) -> list[str]:
    # tessedit_do_invert=0: our pages are cleaned to dark ink on white, so Tesseract's retry of every
    # doubtful line as white-on-black only costs time (5-10 % a page) and, on "ОО", wins with garbage ("[е.0)")
    return [cmd, "stdin", "stdout", "-l", lang, "--dpi", str(dpi), "--psm", str(psm),
            "-c", "tessedit_do_invert=0", "tsv"]


def run_tesseract(image_png: bytes, cmd: str, lang: str = "rus", dpi: int = 200, psm: int = PSM) -> str:
    """Tesseract's TSV for one page image (encoded; a multi-page TIFF gives page_num per
    frame), one thread (OMP_THREAD_LIMIT=1)."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    proc = subprocess.run(tesseract_args(cmd, lang, dpi, psm), input=image_png, capture_output=True, env=env, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"tesseract failed ({proc.returncode}): {proc.stderr.decode('utf-8', 'replace')[-300:]}")
    return proc.stdout.decode("utf-8", "replace")


def parse_tsv(tsv: str) -> list[OcrWord]:
    """Word rows (level 5) of Tesseract's TSV with text."""
    words = []
    for line in tsv.splitlines()[1:]:
        f = line.split("\t")
        if len(f) < 12 or f[0] != "5" or not f[11].strip():
            continue
        words.append(OcrWord(f[11].strip(), int(f[6]), int(f[7]), int(f[8]), int(f[9]), float(f[10]),
                             (int(f[2]), int(f[3]), int(f[4]))))
    return words


def mean_confidence(words: Sequence[OcrWord]) -> float:
    confs = [w.conf for w in words if w.conf >= 0]
    return round(sum(confs) / len(confs), 1) if confs else 0.0


# -- to the PDF reader's word model (points) ------------------------------------

def font_size(words: Sequence[OcrWord], scale: float) -> float:
    """Typical font size (pt) from word heights: a word box is ~0.8 of the font size."""
    hs = [w.height for w in words if len(w.text) > 2]
    return round(median(hs) * scale / 0.8, 1) if hs else 12.0


def to_words(words: Sequence[OcrWord], scale: float, size: float) -> list[Word]:
    """OCR words as the PDF reader's words (points). Tesseract's boxes hug the ink: a line
    without ascenders or descenders ("Участие в независимых") looks far from the next, and
    the paragraph rules would read a blank line there. A PDF word box is as tall as its
    font, so every word gets a box WORD_HEIGHT font sizes tall around its middle."""
    half = WORD_HEIGHT * size / 2
    out = []
    for w in words:
        mid = (w.top + w.height / 2) * scale
        out.append(Word(w.text, w.left * scale, (w.left + w.width) * scale, mid - half, mid + half, size))
    return out


def text_in_box(words: Sequence[OcrWord], left: float, right: float, scale: float, size: float) -> str:
    """Words of one cell (or text column) -> its paragraphs joined by '\\n'."""
    if not words:
        return ""
    lines = group_lines(to_words(words, scale, size))
    return join_lines(lines, text_box(lines, left * scale, right * scale))


def text_box(lines: Sequence[Line], left: float, right: float) -> Box:
    """The cell's text measure: its padded box, but no wider than its widest line. Tesseract's
    word boxes are tight to the ink (no side bearings, thick edges read as margin), so the
    room left on a line looks larger than it was, and a wrapped line would read as the end
    of a paragraph ('the next word would have fitted')."""
    widest = max((ln.x1 for ln in lines), default=right)
    return Box(left, min(right, widest + WIDEST_SLACK))


def inside(w: OcrWord, box: tuple[int, int, int, int]) -> bool:
    x0, y0, x1, y1 = box
    return x0 <= w.cx < x1 and y0 <= w.cy < y1


# -- tables without rulings ------------------------------------------------------

def chunks(line: Line, gap: float) -> list[list[Word]]:
    """A line's words split where the gap between two words is wider than `gap`."""
    out: list[list[Word]] = [[line.words[0]]]
    for prev, w in zip(line.words, line.words[1:]):
        if w.x0 - prev.x1 > gap:
            out.append([w])
        else:
            out[-1].append(w)
    return out


def column_runs(lines: Sequence[Line], page_width: float, size: float) -> list[tuple[int, int, list[float]]]:
    """Runs (start, end, column x positions) of >= 3 consecutive lines of >= 2 aligned chunks."""
    tol = COLUMN_TOLERANCE * page_width
    starts = [[c[0].x0 for c in chunks(ln, GAP_CHUNK * size)] for ln in lines]
    runs, i = [], 0
    while i < len(lines):
        j = i
        cols: list[float] = []
        while j < len(lines) and len(starts[j]) >= 2:
            if cols and not all(any(abs(s - c) <= tol for c in cols) for s in starts[j][1:]):
                break
            for s in starts[j]:
                if not any(abs(s - c) <= tol for c in cols):
                    cols.append(s)
            j += 1
        if j - i >= 3:
            runs.append((i, j, sorted(cols)))
            i = j
        else:
            i += 1
    return runs


def run_rows(lines: Sequence[Line], cols: list[float], size: float, tol: float) -> list[list[str]]:
    """Each line of a run -> one row: its chunks placed in the column they start at."""
    rows = []
    for ln in lines:
        row = [""] * len(cols)
        for ch in chunks(ln, GAP_CHUNK * size):
            k = max((i for i, c in enumerate(cols) if c <= ch[0].x0 + tol), default=0)
            row[k] = (row[k] + " " + " ".join(w.text for w in ch)).strip()
        rows.append(row)
    return rows


# -- clean-up of recognised words -------------------------------------------------

_RULE_TOKEN = re.compile(r"^[-—–_=|~]+$")
_FLAT = set("авгежзиклмнопстхчшыьэюя")  # lower-case letters without ascender or descender (ё has dots)
_FLAT_UPPER = set("АВГЕЖЗИКЛМНОПРСТУХЧШЫЬЭЮЯ")


def near_edge(w: OcrWord, box: tuple[int, int, int, int], dist: int = 14) -> bool:
    x0, y0, x1, y1 = box
    return min(abs(w.left - x0), abs(w.left + w.width - x1), abs(w.top - y0), abs(w.top + w.height - y1)) <= dist


def ruling_remnant(w: OcrWord, boxes: Sequence[tuple[int, int, int, int]]) -> bool:
    """A dash/underscore token lying on a cell edge: what is left of an erased ruling."""
    return bool(_RULE_TOKEN.match(w.text)) and any(near_edge(w, b) for b in boxes)


def cap_height(words: Sequence[OcrWord]) -> float | None:
    """Median box height of all-capital words without letters that stick out."""
    hs = [w.height for w in words if len(w.text) >= 2 and set(w.text) <= _FLAT_UPPER]
    return float(median(hs)) if len(hs) >= 3 else None


_FLAT_WORD = re.compile(r"([А-ЯЁа-яё]{2,})([.:»]?)")  # no comma, semicolon or bracket: they reach below the line


def fix_case(w: OcrWord, cap: float | None) -> OcrWord:
    """Case Tesseract guessed from a flat letter's size, set by the word's height. Flat
    letters (no ascender, no descender) only differ in size between cases, so a word of
    them as tall as the page's capitals is in capitals: 'ок' -> 'ОК', and 'оО' or 'ОоШ'
    (a capital after a small letter, as no Russian word is written) -> 'ОО', 'ООШ'; the
    same mixed word only as tall as small letters is lower case ('кОмитет' -> 'комитет').
    A capital first ('Отдел', 'Око') is a word's own case and stays."""
    m = _FLAT_WORD.fullmatch(w.text)
    if not cap or not m or not set(m.group(1).lower()) <= _FLAT:
        return w
    word, tail = m.groups()
    capital_size = 0.88 * cap <= w.height <= 1.15 * cap
    mixed = any(a.islower() and b.isupper() for a, b in zip(word, word[1:]))
    if capital_size and (mixed or word.islower()):
        w.text = word.upper() + tail
    elif mixed and w.height < 0.8 * cap:
        w.text = word.lower() + tail
    return w


_GLUED_PREPOSITION = re.compile(r"([вкс])([А-ЯЁ]{2,}\W*)")


def split_preposition(w: OcrWord) -> OcrWord:
    """'кГИА' -> 'к ГИА': a one-letter preposition the narrow space did not part from an
    abbreviation (no word is written small letter first, then capitals)."""
    m = _GLUED_PREPOSITION.fullmatch(w.text)
    if m:
        w.text = f"{m.group(1)} {m.group(2)}"
    return w


def clean_words(words: list[OcrWord], boxes: Sequence[tuple[int, int, int, int]]) -> list[OcrWord]:
    """Ruling remnants dropped, unsure words one letter away from a known word corrected, a
    one-letter preposition glued to an abbreviation parted, case of flat-letter capitals restored."""
    from .ocr_fix import fix_unsure_word
    cap = cap_height(words)
    return [fix_case(split_preposition(fix_unsure_word(w)), cap) for w in words if not ruling_remnant(w, boxes)]
