"""The layout model: what every reader produces and every extractor reads.

A document is an ordered list of blocks: paragraphs and tables. A table is a
grid of rows of cells; a cell keeps its text with paragraph breaks ("\\n"),
its row/column span, and whether it is covered by a merge (then its text is
empty and `origin` points to the covering cell). Every block and cell carries
its provenance: file, page (1-based, where the format has pages), table index,
row, column, character span in the reader's text, bounding box.

Readers know nothing of roadmaps; extractors know nothing of file formats.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Union


@dataclass(slots=True)
class Provenance:
    file: str | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    span: tuple[int, int] | None = None
    bbox: tuple[float, float, float, float] | None = None

    def at(self, **changes) -> "Provenance":
        """A copy with some fields changed."""
        p = Provenance(self.file, self.page, self.table, self.row, self.col, self.span, self.bbox)
        for k, v in changes.items():
            setattr(p, k, v)
        return p


@dataclass(slots=True)
class Paragraph:
    text: str
    prov: Provenance = field(default_factory=Provenance)
    bold: bool = False
    heading: int | None = None  # heading level when the source marks one
    align: str | None = None  # left / center / right / justify
    list_label: str | None = None  # rendered automatic numbering ("1.", "2)")

    @property
    def full_text(self) -> str:
        return f"{self.list_label} {self.text}" if self.list_label else self.text


@dataclass(slots=True)
class Cell:
    text: str  # paragraphs of the cell joined by "\n"
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    covered: bool = False  # part of a merge; the text lives in the origin cell
    origin: tuple[int, int] | None = None  # (row, col) of the covering cell
    bold: bool = False
    prov: Provenance = field(default_factory=Provenance)
    tables: list["Table"] = field(default_factory=list)  # nested tables

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in (s.strip() for s in self.text.split("\n")) if p]

    @property
    def empty(self) -> bool:
        return not self.text.strip()


@dataclass(slots=True)
class Table:
    index: int
    rows: list[list[Cell]]
    prov: Provenance = field(default_factory=Provenance)
    pages: list[int] = field(default_factory=list)

    @property
    def n_cols(self) -> int:
        return max(map(len, self.rows), default=0)

    def texts(self) -> list[list[str]]:
        """The grid as plain strings (covered cells as '')."""
        return [[c.text for c in r] for r in self.rows]

    def __repr__(self) -> str:
        return f"Table(index={self.index}, rows={len(self.rows)}, cols={self.n_cols}, pages={self.pages})"


Block = Union[Paragraph, Table]


@dataclass(slots=True)
class Layout:
    blocks: list[Block]
    file: str | None = None
    format: str | None = None
    pages: int | None = None
    ocr: bool = False
    ocr_confidence: list[float] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def paragraphs(self) -> Iterator[Paragraph]:
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def tables(self) -> Iterator[Table]:
        """Top-level tables, then their nested tables, in document order."""
        def walk(t: Table) -> Iterator[Table]:
            yield t
            for row in t.rows:
                for c in row:
                    for n in c.tables:
                        yield from walk(n)
        for b in self.blocks:
            if isinstance(b, Table):
                yield from walk(b)

    def text(self) -> str:
        """Plain text of the whole document: paragraphs, table rows tab-joined."""
        out: list[str] = []
        for b in self.blocks:
            if isinstance(b, Paragraph):
                out.append(b.full_text)
            else:
                for r in b.rows:
                    out.append("\t".join(c.text.replace("\n", " ") for c in r))
        return "\n".join(out)
