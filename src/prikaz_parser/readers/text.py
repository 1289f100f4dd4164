"""Reader for plain text / Markdown as the seed documents are written.

Table rows are tab-separated lines (or Markdown pipe rows "| a | b |", whose "|---|"
separator line is dropped); a run of such lines is a table segment.
Cells may carry inline HTML (<p>, <li>, <b> …); markdown bold (**…**) may span
lines. Blank lines mark page breaks: segments separated only by blank lines,
with the same column count, are one table continued on the next page (see
`continuation`). Each line outside tables is a paragraph. Provenance spans are
character offsets in the text.
"""
from __future__ import annotations

import re

from ..layout import Cell, Layout, Paragraph, Provenance, Table
from .continuation import append_continued, pad_rows, same_layout
from .inline_html import cell_text, strip_markdown

_RULE = re.compile(r"^\s*(-{3,}|\*{3,}|_{3,})\s*$")
_TABLE_ARTEFACT = re.compile(r"^[\s\-|:]+$")  # '----\t--\t--' under a markdown table
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")  # a Markdown pipe-table row: | a | b |
_BREAK = object()


def _split_row(line: str) -> tuple[int, list[str], bool]:
    """(offset of the first cell in the line, raw cell texts as printed, whether a Markdown pipe row)."""
    if "\t" not in line and _PIPE_ROW.match(line):
        first = line.index("|") + 1
        return first, re.split(r"(?<!\\)\|", line[first:line.rindex("|")]), True
    return 0, line.split("\t"), False


def _row(line: str, start: int, file: str | None) -> list[Cell]:
    first, parts, piped = _split_row(line)
    cells = []
    off = start + first
    for col, raw in enumerate(parts):
        text, bold = cell_text(raw.replace("\\|", "|") if piped else raw)
        cells.append(Cell(text, 0, col, bold=bold, prov=Provenance(file, None, None, None, col, (off, off + len(raw)))))
        off += len(raw) + 1
    return cells


def _items(data: str, file: str | None) -> list:
    """Paragraphs, table segments (lists of rows) and page breaks, in order."""
    items: list = []
    bold_open = False
    pos = 0
    for line in data.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        line = line.rstrip("\r\n")
        if "\t" in line or (line.count("|") >= 2 and _PIPE_ROW.match(line)):
            if not _TABLE_ARTEFACT.match(line):
                if not items or not isinstance(items[-1], Table):
                    items.append(Table(index=-1, rows=[], prov=Provenance(file=file, span=(start, pos))))
                items[-1].rows.append(_row(line, start, file))
                items[-1].prov.span = (items[-1].prov.span[0], pos)
            continue
        if not line.strip():
            if items and items[-1] is not _BREAK:
                items.append(_BREAK)
            continue
        text, heading = line.strip(), None
        if text[0] in "-*_" and _RULE.match(text):
            items.append(_BREAK)
            continue
        m = _HEADING.match(text) if text[0] == "#" else None
        if m:
            heading, text = len(m.group(1)), m.group(2)
        bold = bold_open or text.startswith("**")
        if "**" in text and text.count("**") % 2 == 1:
            bold_open = not bold_open
        text = " ".join(strip_markdown(text).split())
        if text:
            items.append(Paragraph(text=text, bold=bold, heading=heading,
                                   prov=Provenance(file=file, span=(start, start + len(line)))))
    return items


def read_text(data: str, file: str | None = None) -> Layout:
    blocks: list = []
    n_tables = 0
    last_table: Table | None = None  # the table a segment after a page break may continue
    for item in _items(data, file):
        if item is _BREAK:
            continue
        if isinstance(item, Paragraph):
            blocks.append(item)
            last_table = None
            continue
        pad_rows(item)
        if last_table is not None and blocks[-1] is last_table and same_layout(last_table, item):
            item.index = last_table.index
            append_continued(last_table, item)
            continue
        item.index = n_tables
        n_tables += 1
        for i, r in enumerate(item.rows):
            for c in r:
                c.row, c.prov.row, c.prov.table = i, i, item.index
        item.prov.table = item.index
        blocks.append(item)
        last_table = item
    return Layout(blocks=blocks, file=file, format="txt")
