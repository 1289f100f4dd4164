"""Joining a table continued across a page break: a list of small named rules.

Used by every reader with pages (TXT page breaks, PDF, OCR). Table segments
that follow each other with nothing but a page break between them and have the
same column layout are one table; a repeated header row is dropped; the first
row of a page that continues the last row of the previous page is rejoined.
`explain_continuation(prev_row, row)` says which rule decided.
"""
from __future__ import annotations

import re
from typing import Callable

from ..layout import Cell, Provenance, Table

Row = list[Cell]


_NON_WORD = re.compile(r"\W+")
_WORD = re.compile(r"\w")


def _norm(s: str) -> str:
    return _NON_WORD.sub("", s).lower()


def same_header(a: Row, b: Row) -> bool:
    """Row b repeats header row a (whitespace, case and punctuation ignored)."""
    ta = [c.text for c in a if not c.covered]
    tb = [c.text for c in b if not c.covered]
    if len(ta) != len(tb):
        return False
    for x, y in zip(ta, tb):  # equal texts need no normalising; the first differing cell decides
        if x != y and _norm(x) != _norm(y):
            return False
    return any(_WORD.search(t) for t in ta)  # some cell keeps a character after `_norm`


def is_column_numbers(row: Row) -> bool:
    """A row like '1 | 2 | 3 | 4 | 5' numbering the columns under a header."""
    texts = [c.text.strip() for c in row if not c.covered and c.text.strip()]
    return len(texts) >= 3 and all(t.rstrip(".").isdigit() for t in texts) and \
        [int(t.rstrip(".")) for t in texts] == list(range(1, len(texts) + 1))


# -- rules deciding whether the first row of a page continues the previous row --

def lead_empty_and_incomplete(prev: Row, row: Row) -> bool:
    """The first cell is empty and some cell filled above is empty here: the rest of a cut row."""
    if not row or not row[0].empty or len(row) != len(prev):
        return False
    return any(not p.empty and c.empty and not c.covered for p, c in zip(prev[1:], row[1:]))


def lead_empty_and_lowercase(prev: Row, row: Row) -> bool:
    """The first cell is empty and every filled cell goes on mid-sentence (starts in lower case)."""
    if not row or not row[0].empty:
        return False
    filled = [c.text.strip() for c in row if not c.empty]
    return bool(filled) and all(t[0].islower() for t in filled)


def lead_empty_and_no_capital_start(prev: Row, row: Row) -> bool:
    """The first cell is empty, some filled cell goes on in lower case and none starts with a
    capital letter, a digit or a dash (quotes and brackets may open a cell: «Департамент…»)."""
    if not row or not row[0].empty or len(row) != len(prev):
        return False
    starts = [c.text.strip()[:1] for c in row if not c.empty]
    return any(s.islower() for s in starts) and \
        not any(s.isupper() or s.isdigit() or s in "-–—•" for s in starts)


def lead_lowercase_and_no_number(prev: Row, row: Row) -> bool:
    """The first cell goes on in lower case (a label cut mid-phrase, "Механизм реализации |
    программы") and no filled cell starts with a digit or a dash: no new numbered row or item."""
    if not row or row[0].empty or len(row) != len(prev) or prev[0].empty:
        return False
    starts = [c.text.strip()[:1] for c in row if not c.empty]
    return starts[0].islower() and not any(s.isdigit() or s in "-–—•" for s in starts)


CONTINUATION_RULES: list[Callable[[Row, Row], bool]] = [lead_empty_and_incomplete, lead_empty_and_lowercase,
                                                        lead_empty_and_no_capital_start,
                                                        lead_lowercase_and_no_number]


def explain_continuation(prev: Row, row: Row) -> str | None:
    for rule in CONTINUATION_RULES:
        if rule(prev, row):
            return rule.__name__
    return None


_LAST_WORD = re.compile(r"(\w+)\W*$")
_FIRST_WORD = re.compile(r"\W*(\w+(?:-\w+)*)")
FUNCTION_WORDS = frozenset("в во с со и к ко о об от до из за на по при для без через или а также между".split())


def ends_in_function_word(a: str, b: str) -> bool:
    """'… в' | 'МБОУ-СОШ № 3': a preposition or conjunction never ends a paragraph."""
    m = _LAST_WORD.search(a)
    return bool(m) and m.end(1) == len(a) and m.group(1) in FUNCTION_WORDS


def open_bracket(a: str, b: str) -> bool:
    """'… «Отрадененская' | 'СОШ»': a quote or bracket opened in the last paragraph and not closed."""
    last = a.rsplit("\n", 1)[-1]
    return last.count("«") > last.count("»") or last.count("(") > last.count(")")


def abbreviation_mid_phrase(a: str, b: str) -> bool:
    """'… педагогических советов' | 'ОО по обсуждению': a paragraph cut after a lower-case word
    goes on with an abbreviation (a new item seldom opens with one)."""
    m = _FIRST_WORD.match(b)
    word = m.group(1) if m else ""
    return a[-1:].isalpha() and a[-1:].islower() and len(word) >= 2 and word.isupper()


MID_PHRASE_RULES: list[Callable[[str, str], bool]] = [ends_in_function_word, open_bracket, abbreviation_mid_phrase]


def goes_on(a: str, b: str) -> bool:
    """b, the rest of a cell cut by a page break, goes on with a's last paragraph: it starts
    in lower case or with punctuation, or a was cut mid-phrase (`MID_PHRASE_RULES`)."""
    return b[:1].islower() or b[:1] in ",;:)»" or any(rule(a, b) for rule in MID_PHRASE_RULES)


def word_cut(a: str, b: str) -> bool:
    """'… Образовательны' | 'е организации': a narrow cell wrapped a word without a hyphen and
    the page broke there; the dictionary knows the joined word but not both pieces ('на' |
    'писание' stay two words)."""
    if not (a[-1:].isalpha() and b[:1].islower()):
        return False
    left, right = _LAST_WORD.search(a), _FIRST_WORD.match(b)
    if not left or not right or left.end(1) != len(a):
        return False
    from .pdf_words import is_known
    left, right = left.group(1), right.group(1)
    return is_known(left + right) and not (is_known(left) and is_known(right))


def join_cell_text(a: str, b: str) -> str:
    """Join a cell's text with its continuation: same paragraph if b goes on mid-sentence."""
    a, b = a.rstrip(), b.strip()
    if not a or not b:
        return a or b
    if a.endswith("-") and b[:1].islower() and not a.endswith(" -"):
        return a[:-1] + b  # a word hyphenated at the break
    if word_cut(a, b):
        return a + b
    return a + (" " if goes_on(a, b) else "\n") + b


def join_rows(prev: Row, row: Row) -> None:
    """Append the continuation row's cells to the previous row, in place."""
    for p, c in zip(prev, row):
        if not c.empty:
            p.text = join_cell_text(p.text, c.text)


def same_layout(a: Table, b: Table) -> bool:
    return a.n_cols == b.n_cols


def append_continued(a: Table, b: Table) -> None:
    """Append table b (the next page's segment) to table a, in place."""
    append_segment(a, b, join_rows)


def append_segment(a: Table, b: Table, join: Callable[[Row, Row], None] = join_rows) -> str | None:
    """`append_continued` with the reader's own way of joining a cut row's cells
    (a PDF reader joins by line geometry). Returns the rule that rejoined a cut row, if any."""
    rows = b.rows
    first, rule = _drop_head(a, lambda k: rows[k] if k < len(rows) else None, join)
    base = len(a.rows)
    for i, r in enumerate(rows[first:]):
        for c in r:
            shift = base + i - c.row
            c.row = base + i
            if c.origin is not None:
                c.origin = (c.origin[0] + shift, c.origin[1])
            c.prov = _moved(c.prov, a.index, base + i)
        a.rows.append(r)
    for p in b.pages:
        if p not in a.pages:
            a.pages.append(p)
    return rule


def append_unbuilt(a: Table, n: int, make_row: Callable[[int, int], Row],
                   join: Callable[[Row, Row], None] = join_rows) -> str | None:
    """`append_segment` for a segment of `n` rows that the reader has not built yet:
    `make_row(k, number)` builds its row k numbered as row `number` of table a. Each kept row
    is built once, already numbered, instead of built, then renumbered; a row looked at as a
    possible repeated header or cut row is built with the number it gets if it is kept (the
    rows before it are dropped or joined, so that number is the next row of a)."""
    built: dict[int, Row] = {}

    def row_at(k: int) -> Row | None:
        if k >= n:
            return None
        if k not in built:
            built[k] = make_row(k, len(a.rows))
        return built[k]
    first, rule = _drop_head(a, row_at, join)
    for k in range(first, n):
        a.rows.append(built[k] if k in built else make_row(k, len(a.rows)))
    return rule


def _drop_head(a: Table, row_at: Callable[[int], Row | None],
               join: Callable[[Row, Row], None]) -> tuple[int, str | None]:
    """How many leading rows of the next segment do not become rows of a: a repeated header
    (with the column numbers under it) and the rest of a's cut last row, joined into it here;
    and the rule that rejoined the cut row, if any. `row_at(k)` is the segment's row k, None
    past its end."""
    first = 0
    head = row_at(0)
    if head is not None and a.rows and same_header(a.rows[0], head):
        first = 1
        numbers = row_at(1)
        if numbers is not None and is_column_numbers(numbers):
            first = 2
    row = row_at(first)
    rule = explain_continuation(a.rows[-1], row) if row is not None and a.rows else None
    if rule:
        join(a.rows[-1], row)
        first += 1
    return first, rule


def _moved(p: Provenance, table: int, row: int) -> Provenance:
    """`p.at(table=table, row=row)`, without the keyword loop: a copy, as provenance may be shared."""
    return Provenance(p.file, p.page, table, row, p.col, p.span, p.bbox)
