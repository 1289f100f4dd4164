"""Ruling lines of a deskewed page -> table grids with merged cells.

Stages, each a plain function over plain values (pixels of the deskewed page):

    h, v = ruling_masks(ink)             # morphology: long horizontal / vertical ink runs
    regions = table_regions(h, v)        # boxes of connected rulings with >= 2 lines each way
    ys, xs = line_positions(h, v, box)   # the fine grid: every distinct ruling position
    cells = merge_cells(h, v, ys, xs)    # a boundary with no ruling on it merges two cells
    ys, xs, cells = drop_unused_lines(ys, xs, cells)  # a stray run (bold text) that bounds no cell

A `GridCell` has its fine-grid row/col, spans and pixel box. `find_grids(ink)`
runs them all; `erase_rulings(ink, h, v)` removes the lines before OCR.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

MIN_LINE_FRACTION = 1 / 30  # a ruling is at least this fraction of the page side long
MIN_LINE_PX = 45  # ...and longer than a letter with its descender at 200 dpi
MERGE_TOLERANCE = 8  # px: ruling positions closer than this are one line
BOUNDARY_COVERAGE = 0.85  # a boundary is drawn when rulings cover this much of it (glyphs touching a line can add a little)


@dataclass(slots=True)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels


@dataclass(slots=True)
class Grid:
    box: tuple[int, int, int, int]
    ys: list[int]
    xs: list[int]
    cells: list[GridCell] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


def ruling_masks(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical ruling lines of the ink mask (opened with long thin kernels)."""
    h_img, w_img = ink.shape
    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (max(int(w_img * MIN_LINE_FRACTION), MIN_LINE_PX), 1))
    vk = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(int(h_img * MIN_LINE_FRACTION * 0.7), MIN_LINE_PX)))
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, hk)
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, vk)
    # bridge small breaks (noise, JPEG) along the lines
    horiz = cv2.dilate(horiz, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    vert = cv2.dilate(vert, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 9)))
    return horiz, vert


def _segments(mask: np.ndarray, axis: int) -> list[tuple[int, int, int]]:
    """Connected line pieces as (position across, start along, end along)."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out = []
    for x, y, w, h, _area in stats[1:]:
        if axis == 0:  # horizontal: position is y
            out.append((int(y + h // 2), int(x), int(x + w)))
        else:
            out.append((int(x + w // 2), int(y), int(y + h)))
    return out


def table_regions(horiz: np.ndarray, vert: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) of groups of connected rulings that form a table."""
    both = cv2.dilate(cv2.bitwise_or(horiz, vert), np.ones((5, 5), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(both, connectivity=8)
    boxes = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if w < 40 or h < 20:
            continue
        sub = labels[y:y + h, x:x + w] == i
        hs = _clusters([p for p, *_ in _segments((horiz[y:y + h, x:x + w] * sub).astype(np.uint8), 0)])
        vs = _clusters([p for p, *_ in _segments((vert[y:y + h, x:x + w] * sub).astype(np.uint8), 1)])
        if len(hs) >= 2 and len(vs) >= 2:
            boxes.append((int(x), int(y), int(x + w), int(y + h)))
    return sorted(boxes, key=lambda b: (b[1], b[0]))


def _clusters(positions: list[int], tol: int = MERGE_TOLERANCE) -> list[int]:
    """Positions within `tol` of each other -> their mean, sorted."""
    out: list[list[int]] = []
    for p in sorted(positions):
        if out and p - out[-1][-1] <= tol:
            out[-1].append(p)
        else:
            out.append([p])
    return [int(round(sum(c) / len(c))) for c in out]


def line_positions(horiz: np.ndarray, vert: np.ndarray, box: tuple[int, int, int, int]) -> tuple[list[int], list[int]]:
    """Distinct y of horizontal and x of vertical rulings inside the table box."""
    x0, y0, x1, y1 = box
    hs = [(p + y0) for p, a, b in _segments(horiz[y0:y1, x0:x1], 0) if b - a > 20]
    vs = [(p + x0) for p, a, b in _segments(vert[y0:y1, x0:x1], 1) if b - a > 12]
    ys, xs = _clusters(hs), _clusters(vs)
    # the outer frame may be missing on a side: the table box closes it
    if ys and ys[0] - y0 > MERGE_TOLERANCE * 2:
        ys.insert(0, y0)
    if ys and y1 - ys[-1] > MERGE_TOLERANCE * 2:
        ys.append(y1)
    if xs and xs[0] - x0 > MERGE_TOLERANCE * 2:
        xs.insert(0, x0)
    if xs and x1 - xs[-1] > MERGE_TOLERANCE * 2:
        xs.append(x1)
    return ys, xs


def _covered(mask: np.ndarray, fixed: int, a: int, b: int, axis: int) -> float:
    """Fraction of the segment [a, b] at `fixed` that the ruling mask covers (ends trimmed)."""
    pad = max(3, (b - a) // 8)
    a, b = a + pad, b - pad
    if b <= a:
        return 1.0
    lo, hi = max(fixed - 4, 0), fixed + 5
    strip = mask[lo:hi, a:b] if axis == 0 else mask[a:b, lo:hi].T
    return float((strip.max(axis=0) > 0).mean())


def merge_cells(horiz: np.ndarray, vert: np.ndarray, ys: list[int], xs: list[int]) -> list[GridCell]:
    """Fine-grid cells joined where no ruling separates them, as rectangles with spans."""
    nr, nc = len(ys) - 1, len(xs) - 1
    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and _covered(vert, xs[c + 1], ys[r], ys[r + 1], 1) < BOUNDARY_COVERAGE:
                parent[find(r * nc + c + 1)] = find(r * nc + c)
            if r + 1 < nr and _covered(horiz, ys[r + 1], xs[c], xs[c + 1], 0) < BOUNDARY_COVERAGE:
                parent[find((r + 1) * nc + c)] = find(r * nc + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            groups.setdefault(find(r * nc + c), []).append((r, c))
    cells = []
    for members in groups.values():
        r0, r1 = min(m[0] for m in members), max(m[0] for m in members)
        c0, c1 = min(m[1] for m in members), max(m[1] for m in members)
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    return sorted(cells, key=lambda g: (g.row, g.col))


def drop_unused_lines(ys: list[int], xs: list[int],
                      cells: list[GridCell]) -> tuple[list[int], list[int], list[GridCell]]:
    """Fine-grid lines that start no cell removed, rows/cols and spans renumbered.

    A short horizontal run inside a cell (the bottom of a bold word, a long
    underline) becomes a fine-grid line that every cell spans across: left in,
    it adds an empty row of covered cells that reads as a row cut in two."""
    row_used = sorted({c.row for c in cells} | {len(ys) - 1})
    col_used = sorted({c.col for c in cells} | {len(xs) - 1})
    if len(row_used) == len(ys) and len(col_used) == len(xs):
        return ys, xs, cells
    r_new = {r: i for i, r in enumerate(row_used)}
    c_new = {c: i for i, c in enumerate(col_used)}
    out = []
    for g in cells:
        r0, c0 = r_new[g.row], c_new[g.col]
        r1 = r_new.get(g.row + g.rowspan, len(row_used) - 1)
        c1 = c_new.get(g.col + g.colspan, len(col_used) - 1)
        out.append(GridCell(r0, c0, r1 - r0, c1 - c0, g.box))
    return [ys[r] for r in row_used], [xs[c] for c in col_used], out


def find_grids(ink: np.ndarray) -> tuple[list[Grid], np.ndarray, np.ndarray]:
    """Every ruled table on the page, and the ruling masks (for erasing before OCR)."""
    horiz, vert = ruling_masks(ink)
    grids = []
    for box in table_regions(horiz, vert):
        ys, xs = line_positions(horiz, vert, box)
        if len(ys) >= 2 and len(xs) >= 2:
            ys, xs, cells = drop_unused_lines(ys, xs, merge_cells(horiz, vert, ys, xs))
            grids.append(Grid(box, ys, xs, cells))
    return grids, horiz, vert


def erase_rulings(ink: np.ndarray, horiz: np.ndarray, vert: np.ndarray) -> np.ndarray:
    """The ink without ruling lines: what Tesseract should read."""
    return cv2.bitwise_and(ink, cv2.bitwise_not(cv2.bitwise_or(horiz, vert)))
