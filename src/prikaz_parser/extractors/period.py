"""The document's own period: which years its month-only deadlines fall in.

`document_period(layout, meta)` reads the document date (meta.date, or the
first "от 22.03.2023" / "25.09.2020 год" / "10 августа 2021 г." line) and the
periods the text states ("на 2021-2024 годы", "в 2023 году", "на 2020-2021
учебный год", a passport's "Срок реализации программы", its stages). Each
statement is ranked by where it stands: the roadmap's own title first, then
the programme passport, the document title, and the rest of the text. With no
statement the academic year of the document date is taken (a plan signed in
June-December is for the school year that starts that September).

`Period.year_of(month)` answers the question the deadline grammar asks; the
`rule` field names the rule that decided.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ..layout import Layout, Paragraph, Table
from .meta_text import RARE_FOLDS


@dataclass(slots=True, frozen=True)
class Period:
    doc_date: date | None = None
    start_year: int | None = None  # first year of the stated period
    end_year: int | None = None  # last year of the stated period
    academic: bool = False  # the period is an academic year (September–August)
    start: date | None = None  # the whole period's bounds, when the document fixes them ("весь период")
    end: date | None = None
    stages: tuple[tuple[date, date], ...] = ()  # programme stages ("Второй этап (октябрь 2020 - декабрь 2022)")
    rule: str | None = field(default=None, compare=False)  # which rule decided

    def year_of(self, month: int) -> int | None:
        """The year a month printed without a year falls in, or None when the period implies none."""
        if self.start_year is None:
            return None
        if self.academic and self.end_year == self.start_year + 1:
            return self.start_year if month >= 9 else self.end_year
        if not self.academic and self.end_year in (None, self.start_year):
            return self.start_year
        return None

    def key(self) -> tuple:
        return (self.start_year, self.end_year, self.academic, self.start, self.end, self.stages)


def document_period(layout: Layout, meta) -> Period:
    """The period of the document (see the module docstring)."""
    from .deadline import normalise  # the grammar's normaliser; imported here to avoid a cycle
    doc_date = getattr(meta, "date", None) or find_date(layout)
    loose = doc_date is None  # loose mentions in the text (rank 3) count only when nothing else dates the document
    passport = {id(t): _passport_values(t) for t in layout.tables()}
    statements = [(rank, s) for rank, text in _ranked_texts(layout, passport)
                  if (loose or rank < 3) and _ANY_YEAR.search(text) for s in stated_periods(normalise(text))]
    stages = _stages(passport)
    if statements:
        best = min(r for r, _ in statements)
        counts = Counter(s for r, s in statements if r == best)
        (y1, y2, academic), _ = counts.most_common(1)[0]
        start, end = (date(y1, 9, 1), date(y2, 8, 31)) if academic else (date(y1, 1, 1), date(y2, 12, 31))
        rule = ("roadmap_title", "passport", "document_title", "text")[best]
        if stages and (min(a for a, _ in stages), max(b for _, b in stages)) != (start, end):
            start = end = None  # the period is stated two ways ("на 2020-2023 годы" vs stages Feb 2020 - May 2023)
            rule += "+stages_disagree"
        return Period(doc_date, y1, y2, academic, start, end, stages, rule)
    if doc_date is not None:  # no stated period: the school year of the document date
        y1 = doc_date.year if doc_date.month >= 6 else doc_date.year - 1
        return Period(doc_date, y1, y1 + 1, True, date(y1, 9, 1), date(y1 + 1, 8, 31), stages, "doc_date_academic")
    return Period(stages=stages, rule="none")


# ---- the document date ------------------------------------------------------------------------
_MONTH_GEN = {"января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
              "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12}
_NUM_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?!\d)")
_TXT_DATE = re.compile(r"(?<!\d)(\d{1,2})\s+(" + "|".join(_MONTH_GEN) + r")\s+((?:19|20)\d{2})")
_DATE_LINE = re.compile(r"^\W*(?:от\s+)?[\d.\s]+(?:[а-я]+\s+\d{4})?\s*(?:г\.?|год[а]?)?\W*(?:№.*)?$")


def _date_in(text: str) -> date | None:
    t = text.lower().replace("«", "").replace("»", "").replace('"', "")
    m = _NUM_DATE.search(t)
    d = None
    if m:
        d = (int(m.group(3)), int(m.group(2)), int(m.group(1)))
    else:
        m = _TXT_DATE.search(t)
        if m:
            d = (int(m.group(3)), _MONTH_GEN[m.group(2)], int(m.group(1)))
    try:
        return date(*d) if d else None
    except ValueError:
        return None


def find_date(layout: Layout, head: int = 30) -> date | None:
    """The signing date from the first paragraphs: a short line that is a date ("от 22.03.2023",
    "25.09.2020 год", "10 августа 2021 г.", "от 20.01.2020 г. № 49/1-р")."""
    for i, b in enumerate(layout.blocks[:head]):
        if isinstance(b, Table):
            break
        text = re.sub(r"[«»\"“”]", "", b.text).strip().lower()
        if len(text) <= 60 and (text.startswith("от ") or _DATE_LINE.match(text) or
                                re.match(r"^\d{1,2}\s+[а-я]+\s+\d{4}", text)):
            d = _date_in(text)
            if d:
                return d
    return None


# ---- stated periods ----------------------------------------------------------------------------
_Y = r"((?:19|20)\d{2})"
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}")  # every statement names a year; normalising never makes one
_PAST = re.compile(r"(?<!\w)(?:по итогам|по результатам|за|прошл\w*|от|в течение)\s*(?:\w+\s*){0,2}$")
PAST_REACH = 4  # words a _PAST match spans at most: its phrase (one or two) and two more
_IN_YEAR = r"(?:в|на)\s+" + _Y + r"\s*(?:году|год|г)(?![а-я])()"
_STATED = [  # (academic?, pattern, lead); groups: first year, last year (or None)
    (True, re.compile(_Y + r"\s*[-/]\s*((?:19|20)?\d{2})\s*(?:уч\.?|учебн\w*)"), None),
    (False, re.compile(_Y + r"\s*-\s*" + _Y + r"\s*(?:годы|годов|годах|год|гг|г)(?![а-я])"), None),
    (False, re.compile(r"(?:на|период\w*)\s+" + _Y + r"\s*-\s*" + _Y + r"(?!\d)"), None),
    # opening with "^ or a blank", the pattern has `re` try every character; its lead, the rest,
    # opens with letters `re` skips ahead to, and a match starts one character before a lead's
    (False, re.compile(r"(?:^|\s)" + _IN_YEAR), re.compile(_IN_YEAR)),
]


def _matches(rx: re.Pattern, lead: re.Pattern | None, text: str):
    """rx.finditer(text), started where the first match of its lead (if any) allows."""
    if lead is None:
        return rx.finditer(text)
    m = lead.search(text)
    return () if m is None else rx.finditer(text, max(0, m.start() - 1))


def _past(prefix: str) -> bool:
    """_PAST.search(prefix), from the last PAST_REACH words on: a match ends the prefix and holds
    only word characters and blanks, so it lies in those words."""
    words = prefix.rsplit(None, PAST_REACH)
    return _PAST.search(prefix, len(words[0]) if len(words) > PAST_REACH else 0) is not None


def stated_periods(text: str) -> list[tuple[int, int, bool]]:
    """(first year, last year, academic) for each period a normalised text states ("на 2021-2024 годы")."""
    out, taken = [], []
    for academic, rx, lead in _STATED:
        for m in _matches(rx, lead, text):
            if any(m.start() < b and a < m.end() for a, b in taken) or _past(text[:m.start()]):
                continue
            y1 = int(m.group(1))
            y2 = int(m.group(2)) if m.group(2) else y1
            if y2 < 100:
                y2 += y1 // 100 * 100
            if 0 <= y2 - y1 <= 10 and (y2 > y1 or not academic):
                out.append((y1, y2, academic))
                taken.append(m.span())
    return out


_RARE_FOLD = re.compile(f"[{RARE_FOLDS}]")


class _Words:
    """Does a text name one of `words` (or open with one of `openers`), in any case: the regex
    "^(?:openers)|words" with re.I, answered by `str` methods on the lower-cased text (re.I makes
    `re` try every character of Cyrillic text, ~30 ns each; `in` runs at ~1 ns). The two agree
    except where re.I folds a rare letter onto another (meta_text.RARE_FOLDS): such a text is
    asked of the regex."""

    def __init__(self, words: tuple[str, ...], openers: tuple[str, ...] = ()):
        self.words, self.openers = words, openers
        alts = "|".join(map(re.escape, words))
        self.regex = re.compile(f"^(?:{'|'.join(map(re.escape, openers))})|{alts}" if openers else alts, re.I)

    def search(self, text: str) -> bool:
        low = text.lower()
        if _RARE_FOLD.search(low):
            return self.regex.search(text) is not None
        return low.startswith(self.openers) or any(w in low for w in self.words)


_PLAN_HEADER = _Words(("срок", "дата", "период"))
_PLAN_TITLE = _Words(("план", "дорожн", "мероприят", "карт"))
_TITLE_END = _Words(("приказываю", "п р и к а з", "распоряжаюсь", "постановляю"),
                    openers=("в соответствии", "во исполнение", "на основании", "в целях", "с целью", "руководствуясь"))
_PASSPORT = re.compile(r"^\s*срок\w*\s*(?:и этапы\s*)?(?:реализации|исполнения|действия)", re.I)


def _passport_values(table: Table) -> list[str]:
    """The cells to the right of a "Срок реализации" label, row by row (read by _ranked_texts
    and _stages: each cell is asked once)."""
    return [r[j + 1].text for r in table.rows for j, c in enumerate(r[:-1]) if _PASSPORT.match(c.text)]


def _ranked_texts(layout: Layout, passport: dict[int, list[str]]):
    """(rank, text) for the places a period may be stated: 0 roadmap title, 1 passport, 2 title, 3 text.
    `passport`: _passport_values of each table, by id."""
    blocks = layout.blocks
    in_title = True
    for i, b in enumerate(blocks):
        if isinstance(b, Table):
            header = " ".join(c.text for r in b.rows[:2] for c in r)
            if _PLAN_HEADER.search(header):
                before = [x.text for x in blocks[max(0, i - 6):i] if isinstance(x, Paragraph)][-5:]
                starts = [k for k, t in enumerate(before) if _PLAN_TITLE.search(t) and not _TITLE_END.search(t)]
                if starts:  # the title runs from its last line naming a plan down to the table
                    yield 0, " ".join(before[starts[-1]:])
            for value in passport[id(b)]:
                yield 1, value
            in_title = False
            continue
        if in_title and _TITLE_END.search(b.text):
            in_title = False
        yield (2 if in_title and i < 40 else 3), b.text


_STAGE = re.compile(r"этап\w*\s*\(([^)]*\d{4}[^)]*)\)")


def _stages(passport: dict[int, list[str]]) -> tuple[tuple[date, date], ...]:
    """Programme stages with dated bounds, from the passport row "Сроки и этапы реализации"
    (`passport`: _passport_values of every table, in layout.tables() order)."""
    from .deadline import parse_deadline
    for values in passport.values():
        for value in values:
            if "этап" in value.lower():
                out = []
                for m in _STAGE.finditer(value):
                    d = parse_deadline(m.group(1))
                    if d and d.start and d.end:
                        out.append((d.start, d.end))
                return tuple(out)
    return ()
