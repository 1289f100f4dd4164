"""One Tesseract image per page in which no text line crosses a table column.

Given a whole ruled page as one block (`--psm 6`), Tesseract builds text lines
across the columns of a table: a short word alone in its cell ("ОО", "УО")
is then read against the baseline and x-height of the longer cells beside it
and comes out as brackets and digits ("[9.9)", "{0.0}"). Cutting every cell
out and stacking the table's columns one under the other keeps each line
inside its own cell, and it is still one Tesseract call per page:

    pieces, size = plan_pieces(shape, grids)   # where each cell goes on the sheet
    sheet = compose(ink, pieces, size)         # page text first, then column strips
    words = place_back(words, pieces)          # sheet coordinates -> page coordinates

The first piece is the page itself with the ruled tables blanked (paragraphs
keep their positions); then, per table and per column, the cells that start in
that column at their own heights. Strips are separated by `GAP` px of paper.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .ocr_grid import Grid
from .ocr_words import OcrWord

GAP = 40  # px of paper between strips (about two text lines at 200 dpi)
INSET = 2  # px cut off each cell edge: what is left of an erased ruling


@dataclass(slots=True, frozen=True)
class Piece:
    src: tuple[int, int, int, int]  # x0, y0, x1, y1 on the page
    dx: int  # where it goes on the sheet: src shifted by (dx, dy)
    dy: int

    @property
    def dst(self) -> tuple[int, int, int, int]:
        x0, y0, x1, y1 = self.src
        return x0 + self.dx, y0 + self.dy, x1 + self.dx, y1 + self.dy


def plan_pieces(shape: tuple[int, int], grids: Sequence[Grid], gap: int = GAP) -> tuple[list[Piece], tuple[int, int]]:
    """The page, then each table column's cells as a strip below it; and the sheet's (height, width)."""
    h, w = shape
    pieces = [Piece((0, 0, w, h), 0, 0)]
    y, width = h + gap, w
    for g in grids:
        top, bottom = g.box[1], g.box[3]
        for col in sorted({c.col for c in g.cells}):
            cells = [c for c in g.cells if c.col == col]
            left = min(c.box[0] for c in cells)
            for c in cells:
                x0, y0, x1, y1 = c.box
                src = (x0 + INSET, y0 + INSET, max(x1 - INSET, x0 + INSET + 1), max(y1 - INSET, y0 + INSET + 1))
                pieces.append(Piece(src, gap - left, y - top))
                width = max(width, x1 - left + 2 * gap)
            y += bottom - top + gap
    return pieces, (y, width)


def compose(ink: np.ndarray, grids: Sequence[Grid], pieces: Sequence[Piece], size: tuple[int, int]) -> np.ndarray:
    """The sheet (ink = 255): the page with its tables blanked, then the cells where `pieces` put them."""
    sheet = np.zeros(size, dtype=ink.dtype)
    h, w = ink.shape
    sheet[:h, :w] = ink
    for g in grids:
        x0, y0, x1, y1 = g.box
        sheet[y0:y1, x0:x1] = 0
    for p in pieces[1:]:
        x0, y0, x1, y1 = p.src
        X0, Y0, X1, Y1 = p.dst
        sheet[Y0:Y1, X0:X1] = ink[y0:y1, x0:x1]
    return sheet


def piece_at(pieces: Sequence[Piece], x: float, y: float) -> Piece | None:
    """The last piece whose place on the sheet holds the point (cells are drawn over the page)."""
    for p in reversed(pieces):
        X0, Y0, X1, Y1 = p.dst
        if X0 <= x < X1 and Y0 <= y < Y1:
            return p
    return None


def place_back(words: Sequence[OcrWord], pieces: Sequence[Piece]) -> list[OcrWord]:
    """Words read on the sheet moved back to their page coordinates (words on no piece dropped)."""
    out = []
    for w in words:
        p = piece_at(pieces, w.cx, w.cy)
        if p is None:
            continue
        w.left -= p.dx
        w.top -= p.dy
        out.append(w)
    return out
