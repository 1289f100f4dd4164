"""Reader for HTML pages (an order published on a website, or saved from Word).

Block elements (<p>, <div>, <h1>…<h6>, <li>, …) and <br> end a paragraph; text
directly in the body or in inline elements joins the current one. <ol>/<ul>
items get a `list_label` ("1.", "a)", "•") like Word's automatic numbering.
A <table> is placed on the grid the HTML way (a cell goes to the first free
slot; rowspan/colspan occupy slots below and to the right): a spanning cell is
one `Cell`, the slots it covers are `covered` cells. Inside a cell <p>, <div>,
<li> and <br> break the cell's paragraphs ("\\n"). Scripts, styles, navigation
and forms are ignored.
"""
from __future__ import annotations

import re

from ..layout import Cell, Layout, Paragraph, Provenance, Table
from .errors import ReadError

IGNORED = {"script", "style", "nav", "noscript", "template", "head", "form", "button", "select",
           "iframe", "svg", "object", "meta", "link"}
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
          "blockquote", "pre", "center", "dl", "dt", "dd", "header", "footer", "main", "aside",
          "address", "figure", "figcaption", "caption", "hr", "body", "html", "tr", "td", "th"}
BOLD_TAGS = {"b", "strong"}
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.I)
_ALIGN_STYLE = re.compile(r"text-align\s*:\s*(left|center|right|justify)", re.I)
_SPACE = re.compile(r"[ \t\r\n\u00a0\u2007\u202f]+")


def ol_label(n: int, kind: str | None) -> str:
    """The marker of item n of an <ol type=…>."""
    if kind == "a":
        return f"{chr(ord('a') + (n - 1) % 26)})"
    if kind == "A":
        return f"{chr(ord('A') + (n - 1) % 26)})"
    if kind in ("i", "I"):
        from .docx_numbering import format_number
        r = format_number(n, "lowerRoman")
        return f"{r.upper() if kind == 'I' else r}."
    return f"{n}."


def _int_attr(el, name: str, default: int = 1) -> int:
    try:
        return max(int(str(el.get(name, default)).strip() or default), 1)
    except ValueError:
        return default


def _is_bold(el) -> bool:
    return el.name in BOLD_TAGS or bool(_BOLD_STYLE.search(el.get("style", "") or ""))


def _align(el) -> str | None:
    m = _ALIGN_STYLE.search(el.get("style", "") or "")
    a = (m.group(1) if m else el.get("align") or "").lower()
    return a if a in ("left", "center", "right", "justify") else None


class _Walker:
    """Turns an element's content into paragraphs and tables, in order."""

    def __init__(self, file: str | None, table_index: int | None = None):
        self.file = file
        self.blocks: list = []
        self.pieces: list[tuple[str, bool]] = []
        self.heading: int | None = None
        self.align: str | None = None
        self.label: str | None = None
        self.n_tables = 0
        self.table_index = table_index  # set when walking inside a table (nested tables share it)

    def flush(self) -> None:
        text = _SPACE.sub(" ", "".join(t for t, _ in self.pieces)).strip()
        if text:
            bold = all(b for t, b in self.pieces if t.strip())
            self.blocks.append(Paragraph(text=text, prov=Provenance(file=self.file), bold=bold,
                                         heading=self.heading, align=self.align, list_label=self.label))
            self.label = None
        self.pieces = []

    def walk(self, el, bold: bool = False) -> None:
        from bs4 import Comment, NavigableString, Tag
        for ch in el.children:
            if isinstance(ch, Comment):
                continue
            if isinstance(ch, NavigableString):
                self.pieces.append((str(ch), bold))
                continue
            if not isinstance(ch, Tag) or ch.name in IGNORED:
                continue
            if ch.name == "br":
                self.flush()
            elif ch.name == "table":
                self.flush()
                self.blocks.append(self.table(ch))
            elif ch.name in BLOCKS:
                self.block(ch, bold)
            else:
                self.walk(ch, bold or _is_bold(ch))

    def block(self, el, bold: bool) -> None:
        self.flush()
        saved = (self.heading, self.align)
        if re.fullmatch(r"h[1-6]", el.name):
            self.heading = int(el.name[1])
        self.align = _align(el) or self.align
        if el.name in ("ol", "ul"):
            self.list_items(el, bold or _is_bold(el))
        else:
            self.walk(el, bold or _is_bold(el))
        self.flush()
        self.heading, self.align = saved

    def list_items(self, el, bold: bool) -> None:
        n = _int_attr(el, "start", 1) - 1
        for ch in el.children:
            if getattr(ch, "name", None) != "li":
                self.walk(_Only(ch), bold)  # stray content between items
                continue
            n += 1
            self.flush()
            self.label = ol_label(n, el.get("type")) if el.name == "ol" else "•"
            self.walk(ch, bold or _is_bold(ch))
            self.flush()

    # -- tables
    def table(self, el) -> Table:
        index = self.table_index if self.table_index is not None else self.n_tables
        if self.table_index is None:
            self.n_tables += 1
        trs = [tr for tr in el.find_all("tr") if tr.find_parent("table") is el]
        slots: dict[tuple[int, int], Cell] = {}
        for r, tr in enumerate(trs):
            col = 0
            for td in tr.find_all(["td", "th"], recursive=False):
                while (r, col) in slots:
                    col += 1
                rowspan = min(_int_attr(td, "rowspan"), len(trs) - r)
                colspan = min(_int_attr(td, "colspan"), 1000)
                cell = self.cell(td, r, col, index)
                cell.rowspan, cell.colspan = rowspan, colspan
                for dr in range(rowspan):
                    for dc in range(colspan):
                        if (dr, dc) != (0, 0):
                            slots.setdefault((r + dr, col + dc), Cell(
                                text="", row=r + dr, col=col + dc, covered=True, origin=(r, col),
                                prov=Provenance(file=self.file, table=index, row=r + dr, col=col + dc)))
                slots[(r, col)] = cell
                col += colspan
        width = max((c for _, c in slots), default=-1) + 1
        rows = [[slots.get((r, c)) or Cell(text="", row=r, col=c,
                                           prov=Provenance(file=self.file, table=index, row=r, col=c))
                 for c in range(width)] for r in range(len(trs))]
        return Table(index=index, rows=rows, prov=Provenance(file=self.file, table=index))

    def cell(self, td, r: int, col: int, index: int) -> Cell:
        inner = _Walker(self.file, table_index=index)
        inner.walk(td, _is_bold(td))
        inner.flush()
        paras = [b for b in inner.blocks if isinstance(b, Paragraph)]
        return Cell(text="\n".join(p.full_text for p in paras), row=r, col=col,
                    bold=bool(paras) and all(p.bold for p in paras),
                    prov=Provenance(file=self.file, table=index, row=r, col=col),
                    tables=[b for b in inner.blocks if isinstance(b, Table)])


class _Only:
    """A wrapper whose only child is one node (to walk a stray node in a list)."""

    def __init__(self, node):
        self.children = [node]


def read_html(text: str, file: str | None = None) -> Layout:
    """Read an HTML document (as text) into the layout model."""
    try:
        from bs4 import BeautifulSoup
    except ImportError:  # pragma: no cover - a declared dependency
        raise ReadError(file, "missing_tool", "reading HTML needs beautifulsoup4; install: pip install beautifulsoup4")
    try:
        soup = BeautifulSoup(text, "lxml")
    except Exception:  # lxml missing or choking: the stdlib parser is slower but always there
        soup = BeautifulSoup(text, "html.parser")
    root = soup.body or soup
    walker = _Walker(file)
    walker.walk(root)
    walker.flush()
    return Layout(blocks=walker.blocks, file=file, format="html")
