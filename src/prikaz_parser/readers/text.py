"""Reader for plain text / Markdown as the seed documents are written.

Table rows are tab-separated lines (or Markdown pipe rows "| a | b |", whose "|---|"
separator line is dropped); a run of such lines is a table segment.
Cells may carry inline HTML (<p>, <li>, <b> …); markdown bold (**…**) may span
lines. Blank lines mark page breaks: segments separated only by blank lines,
with the same column count, are one table continued on the next page (see
`continuation`). Each line outside tables is a paragraph. Provenance spans are
character offsets in the text.

A segment is kept as split lines until `read_text` knows which table it belongs to
and from which row, so each cell is made once, already numbered (a continued
segment's rows are built one by one by `continuation.append_unbuilt`, which
drops its repeated header and rejoins a cut row).
"""
from __future__ import annotations

import re
from itertools import chain, repeat
from typing import Iterable

from ..layout import Cell, Layout, Paragraph, Provenance, Table
from ..whitespace import squeeze
from .continuation import append_unbuilt
from .inline_html import cell_text, has_markup, strip_markdown

_RULE = re.compile(r"^\s*(-{3,}|\*{3,}|_{3,})\s*$")
_TABLE_ARTEFACT = re.compile(r"^[\s\-|:]+$")  # '----\t--\t--' under a markdown table
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")  # a Markdown pipe-table row: | a | b |
_PIPE = re.compile(r"(?<!\\)\|")
_BREAK = object()
# the line breaks `str.splitlines` knows besides "\n" ("\r\n" starts with "\r")
_OTHER_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


_Line = tuple[int, list[str], bool, bool]  # offset of the first cell in the text, raw cells, piped, plain


class _Segment:
    """A run of table lines (`_Line`s), kept unsplit into cells until the table's index is known."""
    __slots__ = ("lines", "start", "end", "width")

    def __init__(self, start: int) -> None:
        self.lines: list[_Line] = []
        self.start = self.end = start
        self.width = 0  # the most cells in a line: the table's column count


def _plain(line: str) -> bool:
    """No cell of the line has markup (tag, star, entity, escape) or blanks to squeeze: each
    cell's text is then its raw text stripped, as `cell_text` would return it. One look at
    the line instead of one per cell; a line holds no newline, tab cells no tab, and a pipe
    row's cells no tab either (a line with one is read as tab-separated)."""
    return not (has_markup(line) or "\u00a0" in line or "  " in line)


def _split_row(line: str) -> tuple[int, list[str], bool] | None:
    """(offset of the first cell in the line, raw cell texts as printed, whether a Markdown
    pipe row), or None for a line outside tables."""
    if "\t" in line:
        return 0, line.split("\t"), False
    if "|" in line and line.count("|") >= 2 and _PIPE_ROW.match(line):  # `in` first: no argument parsing
        first = line.index("|") + 1
        return first, _PIPE.split(line[first:line.rindex("|")]), True
    return None


def _is_artefact(line: str) -> bool:
    """Only whitespace, dashes, pipes and colons: a markdown separator, no row. Such a
    line starts with one of them, so a line starting with anything else is no artefact."""
    head = line[:1]
    return (head in "-|:" or head.isspace()) and _TABLE_ARTEFACT.match(line) is not None


def _row(line: _Line, file: str | None, table: int, row: int, width: int) -> list[Cell]:
    """The cells of one table line, numbered as row `row` of table `table`, with empty cells
    at the end up to `width` (a pad's provenance is its row's without a span)."""
    off, parts, piped, plain = line
    cells = []
    # positional (rowspan, colspan, covered, origin, bold, prov): cheaper than keywords, per cell
    if plain:  # each cell's text is its raw text stripped, never bold
        for col, raw in enumerate(parts):
            end = off + len(raw)
            cells.append(Cell(raw.strip(), row, col, 1, 1, False, None, False,
                              Provenance(file, None, table, row, col, (off, end))))
            off = end + 1
    else:
        for col, raw in enumerate(parts):
            end = off + len(raw)
            text, bold = cell_text(raw.replace("\\|", "|") if piped else raw)
            cells.append(Cell(text, row, col, 1, 1, False, None, bold,
                              Provenance(file, None, table, row, col, (off, end))))
            off = end + 1
    for col in range(len(parts), width):
        cells.append(Cell("", row, col, 1, 1, False, None, False, Provenance(file, None, table, row, col, None)))
    return cells


def _table(seg: _Segment, index: int, file: str | None) -> Table:
    rows = [_row(line, file, index, i, seg.width) for i, line in enumerate(seg.lines)]
    return Table(index=index, rows=rows, prov=Provenance(file, None, index, None, None, (seg.start, seg.end)))


def _append(table: Table, seg: _Segment, file: str | None) -> None:
    """Continue `table` with the segment after a page break (same width), each kept row
    built once with its place in the table."""
    lines, width = seg.lines, seg.width
    append_unbuilt(table, len(lines), lambda k, number: _row(lines[k], file, table.index, number, width))


def _lines(data: str) -> tuple[list[str], Iterable[int]]:
    """The lines of the text as `str.splitlines` cuts them, less the "\\r"/"\\n" at their ends,
    and how many characters that took from each. Text whose only line break is "\\n" is cut
    by `str.split` (one comparison a character instead of a line-break test, and no copy of
    each line to take its break off); nine `in` scans (memchr) tell that it is such text."""
    if not any(b in data for b in _OTHER_BREAKS):
        lines = data.split("\n")
        if lines[-1]:  # the last line has no break
            return lines, chain(repeat(1, len(lines) - 1), (0,))
        lines.pop()  # the empty "line" after the last break
        return lines, repeat(1)
    kept = data.splitlines(keepends=True)
    lines = [line.rstrip("\r\n") for line in kept]
    return lines, [len(k) - len(line) for k, line in zip(kept, lines)]


def _items(data: str, file: str | None) -> list:
    """Paragraphs, table segments and page breaks, in order."""
    items: list = []
    bold_open = False
    pos = 0
    lines, cuts = _lines(data)
    for line, cut in zip(lines, cuts):
        start = pos
        pos += len(line) + cut
        if not line:  # a blank line (one of blanks, a tab among them, is looked at below)
            if items and items[-1] is not _BREAK:
                items.append(_BREAK)
            continue
        split = _split_row(line)
        if split is not None:
            if not _is_artefact(line):
                if not items or items[-1].__class__ is not _Segment:
                    items.append(_Segment(start))
                seg = items[-1]
                first, parts, piped = split
                seg.lines.append((start + first, parts, piped, _plain(line)))
                seg.end = pos
                if len(parts) > seg.width:
                    seg.width = len(parts)
            continue
        text, heading = line.strip(), None
        if not text:
            if items and items[-1] is not _BREAK:
                items.append(_BREAK)
            continue
        head = text[0]
        if head in "-*_" and _RULE.match(text):
            items.append(_BREAK)
            continue
        m = _HEADING.match(text) if head == "#" else None
        if m:
            heading, text = len(m.group(1)), m.group(2)
        bold = bold_open or text.startswith("**")
        if "**" in text and text.count("**") % 2 == 1:
            bold_open = not bold_open
        text = squeeze(strip_markdown(text))
        if text:
            items.append(Paragraph(text, Provenance(file, None, None, None, None, (start, start + len(line))),
                                   bold, heading))
    return items


def read_text(data: str, file: str | None = None) -> Layout:
    blocks: list = []
    n_tables = 0
    last_table: Table | None = None  # the table a segment after a page break may continue
    last_width = 0  # its column count: every row of it is padded to its first segment's width
    for item in _items(data, file):
        if item is _BREAK:
            continue
        if isinstance(item, Paragraph):
            blocks.append(item)
            last_table = None
            continue
        # the same layout (`continuation.same_layout`): the same column count
        if last_table is not None and blocks[-1] is last_table and item.width == last_width:
            _append(last_table, item, file)
            continue
        last_table, last_width = _table(item, n_tables, file), item.width
        n_tables += 1
        blocks.append(last_table)
    return Layout(blocks=blocks, file=file, format="txt")
