"""Deadline grammar: a deadline cell as printed -> start, end, recurrence.

The cell is normalised (lower case, ё -> е, dashes -> "-", OCR look-alike
Latin letters -> Cyrillic), then scanned for time atoms, strongest first:
academic years ("2018-2019 уч. года"), dates ("25.04.2023", "30 января 2023
года"), quarters ("IV кв. 2023"), half-years, school terms, year ranges,
months ("Сентябрь", "май 2021"), years. The text between two atoms says
whether they form a range ("-", "по", "до") or a list (",", "и"). Months
without a year take the year of the next atom that has one, else the year
the document's `Period` implies, else none.

The recurrence comes from the first rule of `RULES` that fires, each a small
named function over the cell with its atoms masked; `Deadline.rule` names it.
Cue phrases are vocabulary in `data/deadline_cues.json`, month names in
`data/months.json`. Results are cached by (raw, period).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..memo import text_cache
from ..schema import Deadline
from ..vocab import data_json
from .literal_gate import LiteralGate
from .period import Period


_MONTHS = data_json("months.json")
_CUES = {k: re.compile("|".join(f"(?:{p})" for p in v)) for k, v in data_json("deadline_cues.json").items()
         if isinstance(v, list)}

# ---- grammar pieces (values, composed below) --------------------------------------------------
_NOT_LETTER = r"(?![а-яa-z])"


def _numbered(table: dict[str, list[str]], tail: str) -> re.Pattern:
    """One regex for a table number -> alternatives: a group `n<number>` per entry, tried in table order, so
    `match(word).lastgroup` names the first entry that matches, as a loop over the entries would."""
    return re.compile("(?:" + "|".join(f"(?P<n{n}>{'|'.join(alts)}){tail}" for n, alts in table.items()) + ")")


_MONTH_NO = _numbered(_MONTHS["months"], _NOT_LETTER)
MONTH = rf"(?<![а-яa-z])(?:{'|'.join(a for alts in _MONTHS['months'].values() for a in alts)}){_NOT_LETTER}"
_ORD_NO = _numbered(_MONTHS["ordinals"], "$")
ORD = rf"(?:{'|'.join(a for alts in _MONTHS['ordinals'].values() for a in alts)})"
YEAR = r"(?:19|20)\d{2}"
YEAR_WORD = r"(?:\s*(?:годы|годов|годах|года|году|годом|год|гг\.?|г\.?)(?![а-я]))?"
ACAD_WORD = r"\s*(?:уч\.?|учебн\w*)\s*(?:год\w*|гг?\.?)?"

_ATOMS: list[tuple[str, re.Pattern]] = [  # strongest first; a later atom may not overlap an earlier one
    ("acad", re.compile(rf"(?<!\d)({YEAR})\s*[-/]\s*((?:19|20)?\d{{2}})(?!\d)(?:{ACAD_WORD}|(?<=/\d\d)|(?<=/\d{{4}}))")),
    ("days", re.compile(rf"(?<![\d.])(\d{{1,2}})\s*(?:-|по|до)\s*(\d{{1,2}})(?:-?(?:го|е))?\s+({MONTH})"
                        rf"(?:\s*({YEAR}){YEAR_WORD})?")),
    ("date", re.compile(r"(?<![\d.])(\d{1,2})\s?\.\s?(\d{1,2})\s?\.\s?(\d{4}|\d{2})(?![\d])\s*(?:г\.?(?![а-я]))?")),
    ("date", re.compile(rf"(?<![\d.])(\d{{1,2}})(?:-?(?:го|е|ое))?\s+({MONTH})(?:\s*({YEAR}){YEAR_WORD})?")),
    ("date", re.compile(r"(?<![\d.])(\d{1,2})\.(\d{2})(?![\d.])()")),
    ("quarter", re.compile(rf"(?<!\w)({ORD})(?:\s*-\s*({ORD}))?\s*(?:квартал\w*|кв\b\.?)"
                           rf"(?:\s*({YEAR})(?![-/\d]){YEAR_WORD})?")),
    ("half", re.compile(rf"(?<!\w)({ORD})(?:\s*-\s*({ORD}))?\s*полугоди\w*(?:\s*({YEAR})(?![-/\d]){YEAR_WORD})?")),
    ("term", re.compile(rf"(?<!\w)({ORD})(?:\s*-\s*({ORD}))?\s*(?:учебн\w*\s*)?четверт\w*")),
    ("years", re.compile(rf"(?<!\d)({YEAR})\s*-\s*((?:19|20)?\d{{2}})(?!\d){YEAR_WORD}")),
    ("month", re.compile(rf"({MONTH})(?:\s*({YEAR})(?!\d){YEAR_WORD})?")),
    ("year", re.compile(rf"(?<![\d.])({YEAR})(?!\d){YEAR_WORD}")),
]

_LATIN = str.maketrans("aceopxykmthbі", "асеорхукмтнві")
_DASHES = re.compile(r"\s*[-‐‑‒–—―−]+\s*")
_WORD = re.compile(r"[0-9a-zа-я]+")


def normalise(raw: str) -> str:
    """Lower case, ё -> е, dashes -> '-', OCR Latin/zero look-alikes inside Cyrillic words fixed."""
    s = raw.lower().replace("ё", "е").replace("\u00a0", " ")
    if _has_lookalike(s):
        s = _WORD.sub(lambda m: _fix_word(m.group()), s)
    if _DASH.search(s):
        s = _DASHES.sub("-", s)
    return " ".join(s.split())


def _has_lookalike(s: str) -> bool:
    """Only a word with a Cyrillic letter next to a zero, or next to a Latin letter (digits between),
    changes; text without either is left as it is. Each search is led by a literal or a class the
    regex engine skips ahead to: a year puts a zero in most texts, Latin letters are rare."""
    if "0" in s and _ZERO_BY_LETTER.search(s):
        return True
    return _LAT.search(s) is not None and _MIXED.search(s) is not None


_ZERO_BY_LETTER = re.compile(r"0(?:(?<=[а-я]0)|(?=[а-я]))")  # [а-я]0|0[а-я], led by its literal
_MIXED = re.compile(r"[а-я]\d*[a-z]|[a-z]\d*[а-я]")
_DASH = re.compile(r"[-‐‑‒–—―−]")
_CYR = re.compile("[а-я]")
_LAT = re.compile("[a-z]")
_ZERO_WORD = re.compile(r"[а-я]*0[а-я0]*")


def _fix_word(w: str) -> str:
    if _CYR.search(w) and _LAT.search(w):
        w = w.translate(_LATIN)
    if _ZERO_WORD.fullmatch(w) and sum(c.isalpha() for c in w) >= 3:
        w = w.replace("0", "о")
    return w


# ---- atoms ------------------------------------------------------------------------------------
@dataclass(slots=True)
class Atom:
    kind: str
    span: tuple[int, int]
    first: int | None = None  # month / quarter / half / term number, day for dates
    month: int | None = None
    year: int | None = None  # explicit year, as printed
    year2: int | None = None  # second year of a range
    last: int | None = None  # last day of a day range ("с 1 по 15 сентября")
    school: bool = False  # a half-year / term of the academic year it is anchored in
    inferred: bool = False  # year taken from the period, not the text


def _year(s: str | None) -> int | None:
    if not s:
        return None
    y = int(s)
    return y + 2000 if y < 100 else y


def _month_no(word: str) -> int | None:
    m = _MONTH_NO.match(word)
    return int(m.lastgroup[1:]) if m else None


def _ord_no(word: str) -> int | None:
    m = _ORD_NO.match(_SPACE_DOT.sub("", word))
    return int(m.lastgroup[1:]) if m else None


_SPACE_DOT = re.compile(r"[\s.]")


def _make(kind: str, m: re.Match) -> Atom | None:
    g, sp = m.groups(), m.span()
    if kind == "acad":
        y1, y2 = int(g[0]), _year(g[1])
        y2 = y2 if y2 >= 1900 else y1 // 100 * 100 + y2 % 100
        return Atom(kind, sp, year=y1, year2=y2) if 0 < y2 - y1 <= 10 else None
    if kind == "years":
        y1, y2 = int(g[0]), _year(g[1])
        y2 = y2 if y2 >= 1900 else y1 // 100 * 100 + y2 % 100
        return Atom(kind, sp, year=y1, year2=y2) if 0 < y2 - y1 <= 10 else None
    if kind == "days":
        d1, d2, month = int(g[0]), int(g[1]), _month_no(g[2])
        return Atom(kind, sp, first=d1, last=d2, month=month, year=_year(g[3])) if month and d1 < d2 <= 31 else None
    if kind == "date":
        day = int(g[0])
        month = int(g[1]) if g[1].isdigit() else _month_no(g[1])
        if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
            return None
        return Atom(kind, sp, first=day, month=month, year=_year(g[2]))
    if kind in ("quarter", "half", "term"):  # "III квартал", "II-III квартал 2024 г."
        n = _ord_no(g[0])
        n2 = _ord_no(g[1]) if g[1] else None
        limit = {"quarter": 4, "half": 2, "term": 4}[kind]
        if not n or n > limit or (n2 is not None and not n < n2 <= limit):
            return None
        return Atom(kind, sp, first=n, last=n2, year=_year(g[2]) if len(g) > 2 else None)
    if kind == "month":
        return Atom(kind, sp, month=_month_no(g[0]), year=_year(g[1]))
    return Atom(kind, sp, year=int(g[0]))


# these atoms start with a (\d…) group, so a cell without a digit has none of them
_DIGIT_KINDS = frozenset({"acad", "days", "date", "years", "year"})
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1)
def _atom_gates() -> tuple[list[LiteralGate], list[int]]:
    """A gate per distinct literal set (most cells have no month name, quarter or year in them), and which
    gate each atom rule uses: days, dates and months share the month-name gate, the year rules theirs."""
    gates: list[LiteralGate] = []
    index: list[int] = []
    for _, rx in _ATOMS:
        gate = LiteralGate(rx)
        same = [k for k, g in enumerate(gates) if g.literals == gate.literals]
        if not same:
            gates.append(gate)
        index.append(same[0] if same else len(gates) - 1)
    return gates, index


def atoms(text: str) -> list[Atom]:
    """The time atoms of a normalised cell, in text order."""
    found: list[Atom] = []
    taken: list[tuple[int, int]] = []
    gates, gate_of = _atom_gates()
    open_: list[bool | None] = [None] * len(gates)  # each gate asked once per cell
    digit = _DIGIT.search(text) is not None
    for (kind, rx), g in zip(_ATOMS, gate_of):
        if not digit and kind in _DIGIT_KINDS:
            continue
        if open_[g] is None:
            open_[g] = gates[g].may_match(text)
        if not open_[g]:
            continue
        for m in rx.finditer(text):
            if _overlaps(m.start(), m.end(), taken):
                continue
            a = _make(kind, m)
            if a is not None:
                found.append(a)
                taken.append(m.span())
    return _anchor_school(sorted(found, key=lambda a: a.span), text)


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    for a, b in taken:
        if start < b and a < end:
            return True
    return False


_SCHOOL_GAP = re.compile(r"\s*(?:в|,)?\s*")


def _anchor_school(found: list[Atom], text: str) -> list[Atom]:
    """"2 полугодие 2023/2024 учебного года", "I четверть 2020-2021 уч. г.": the part takes its school year."""
    out: list[Atom] = []
    for a in found:
        prev = out[-1] if out else None
        if (a.kind == "acad" and prev is not None and prev.kind in ("half", "term", "quarter") and prev.year is None
                and _SCHOOL_GAP.fullmatch(text[prev.span[1]:a.span[0]])):
            first = _months_of(prev, True)[0]
            prev.year, prev.school = (a.year if first >= 9 else a.year2), True
            prev.span = (prev.span[0], a.span[1])
            continue
        out.append(a)
    return out


def _last_day(y: int, m: int) -> date:
    return date(y, m, 29 if m == 2 and calendar.isleap(y) else _DAYS_IN_MONTH[m])


_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # calendar.monthrange without the weekday


_TERMS = {1: (9, 10), 2: (11, 12), 3: (1, 3), 4: (4, 5)}  # school terms, as months


def _months_of(a: Atom, academic: bool) -> tuple[int, int] | None:
    """First and last month an atom covers (within one year), or None for year-kinds."""
    if a.kind == "month":
        return a.month, a.month
    last = a.last or a.first
    if a.kind == "quarter":
        return 3 * a.first - 2, 3 * last
    if a.kind == "half":
        if a.school or (academic and a.year is None):  # a school half-year range would cross the new year
            return (9, 12) if a.first == 1 and last == 1 else (1, 5)
        return (1 if a.first == 1 else 7, 6 if last == 1 else 12)
    if a.kind == "term":
        first, end = _TERMS[a.first], _TERMS[last]
        return (first[0], end[1]) if first[0] <= end[1] else first
    return None


def bounds(a: Atom, period: Period | None) -> tuple[date, date] | None:
    """The first and last day an atom denotes, or None when its year cannot be fixed."""
    if a.kind == "acad":
        return date(a.year, 9, 1), date(a.year2, 8, 31)
    if a.kind == "years":
        return date(a.year, 1, 1), date(a.year2, 12, 31)
    if a.kind == "year":
        return date(a.year, 1, 1), date(a.year, 12, 31)
    academic = bool(period and period.academic)
    months = (a.month, a.month) if a.kind in ("date", "days") else _months_of(a, academic)
    year = a.year
    if year is None:
        year = period.year_of(months[0]) if period else None
        a.inferred = year is not None
    if year is None:
        return None
    try:
        if a.kind == "date":
            d = date(year, a.month, a.first)
            return d, d
        if a.kind == "days":
            return date(year, a.month, a.first), date(year, a.month, a.last)
        return date(year, months[0], 1), _last_day(year, months[1])
    except ValueError:
        return None


# ---- groups: ranges and lists ----------------------------------------------------------------
_RANGE_GAP = re.compile(r"^(?:-|по|до|-по|—)$")
_LIST_GAP = re.compile(r"^(?:,|;|и|, и|/|\+)?$")


def groups(text: str, found: list[Atom]) -> list[list[Atom]]:
    """Atoms chained into ranges: each inner list is one range (or a single atom)."""
    out: list[list[Atom]] = []
    for i, a in enumerate(found):
        if i:
            gap = text[found[i - 1].span[1]:a.span[0]].strip()
            prev = found[i - 1]
            if a.kind == "year" and prev.kind in _SUB and prev.year is None and gap in ("", ","):
                prev.year = a.year  # "март, 2024"
                continue
            is_range = bool(_RANGE_GAP.match(gap)) or (gap == "" and prev.kind == "month" and prev.year is None
                                                        and a.kind == "month")
            if is_range and len(out[-1]) < 2:
                out[-1].append(a)
                continue
        out.append([a])
    return out


def _propagate_years(found: list[Atom]) -> None:
    """Months, dates, quarters without a year take the year of the next atom that prints one."""
    nxt: int | None = None
    for a in reversed(found):
        if a.kind in _SUB and a.year is None:
            a.year = nxt
        elif a.kind in _SUB or a.kind == "year":
            nxt = a.year
        else:
            nxt = None  # a year range or an academic year lends no single year


_SUB = ("month", "date", "days", "quarter", "half")


def _range_bounds(g: list[Atom], period: Period | None) -> tuple[date, date] | None:
    b = [bounds(a, period) for a in g]
    if any(x is None for x in b):
        return None
    start, end = b[0][0], b[-1][1]
    if start > end and len(g) == 2:  # "Июнь-сентябрь" in a 2020/21 plan; "декабрь-февраль 2024"
        if g[-1].year is not None and not g[-1].inferred:
            start = start.replace(year=start.year - 1)
        else:
            end = _last_day(end.year + 1, end.month) if end.day > 27 else end.replace(year=end.year + 1)
    return start, end


# ---- the parse: facts, then rules ------------------------------------------------------------
@dataclass(slots=True)
class Facts:
    raw: str
    text: str  # normalised
    rest: str  # normalised, atoms masked
    atoms: list[Atom]
    groups: list[list[Atom]]
    ranges: list[tuple[date, date] | None]
    period: Period | None
    before: bool  # "до …" in front of the first atom
    after: bool  # "с …" in front of the first atom, with no end
    wordy: bool  # rest has a word of three letters (else no cue can match)


def _facts(raw: str, period: Period | None) -> Facts:
    text = normalise(raw)
    found = atoms(text)
    gs = groups(text, found)  # before the years spread: "Апрель май 2021" is a range, "Август 2018 Август 2019" a list
    _propagate_years(found)
    rest = _masked(text, found)
    # "до"/"с" in front of a lone atom: both patterns need a word, so an atom at the start has neither
    lead = text[:found[0].span[0]] if found and len(gs) == 1 and len(gs[0]) == 1 else ""
    before = bool(lead) and bool(_BEFORE.search(lead))
    after = bool(lead) and found[0].kind != "days" and bool(_AFTER.search(lead))
    return Facts(raw, text, rest, found, gs, [_range_bounds(g, period) for g in gs], period, before, after,
                 _WORDY.search(rest) is not None)


_BEFORE = re.compile(r"(?:^|\s)(?:до|не позднее|не позже|к|в срок до)(?: конца| начала| окончания)?\s*$")
_AFTER = re.compile(r"(?:^|\s)(?:с|начиная с|не ранее)\s*$")
# every cue the rules ask for contains a word of three letters or more (tests/test_deadline.py checks
# their literals), so a masked cell without one ("@-@", "до @", "с @ по @") matches no cue
_WORDY = re.compile("[а-я]{3}")


def _masked(text: str, found: list[Atom]) -> str:
    """The cell with each atom replaced by "@", spaces collapsed."""
    parts, at = [], 0
    for a in found:
        parts += [text[at:a.span[0]], " @ "]
        at = a.span[1]
    parts.append(text[at:])
    return " ".join("".join(parts).split())


def _cue(f: Facts, name: str) -> bool:
    if not f.wordy:
        return False
    literals = _cue_literals()[name]
    if literals is not None:
        for lit in literals:  # a plain loop: `any(genexpr)` costs more than the lookups on a short cell
            if lit in f.rest:
                break
        else:
            return False  # every match of the cue contains one of its literals
    return _CUES[name].search(f.rest) is not None


@lru_cache(maxsize=1)
def _cue_literals() -> dict[str, tuple[str, ...] | None]:
    """Per cue, literals one of which each of its matches contains (read off the pattern by
    `LiteralGate`; None: the cue is always searched). A cue is an alternation with no literal
    prefix, which `re` tries at every character; most cells contain none of its literals."""
    out: dict[str, tuple[str, ...] | None] = {}
    for name, rx in _CUES.items():
        gate = LiteralGate(rx)
        exact_only = gate.literals is not None and not gate.folded and not gate.digit
        out[name] = tuple(sorted(gate.exact)) if exact_only else None
    return out


def _explicit_span(f: Facts) -> tuple[date | None, date | None]:
    """Dates kept for periodic recurrences: only year-kinds printed in the cell ("ежеквартально в 2023 году")."""
    if f.atoms and all(a.kind in ("year", "years", "acad") for a in f.atoms):
        return _span(f)
    return None, None


def _span(f: Facts) -> tuple[date | None, date | None]:
    if not f.ranges or any(r is None for r in f.ranges):
        return None, None
    start, end = min(r[0] for r in f.ranges), max(r[1] for r in f.ranges)
    if f.before:
        return None, end
    if f.after:
        return start, None
    return start, end


_TIMES = {"один": 1, "одного": 1, "два": 2, "двух": 2, "три": 3, "трех": 3, "четыре": 4, "четырех": 4}
_PER_YEAR = {1: "yearly", 2: "semiannual", 3: "per_term", 4: "quarterly", 6: "bimonthly", 12: "monthly"}


_TIMES_PER_YEAR = re.compile(r"(\d+|один|одного|два|двух|три|трех|четыре|четырех)(?:-?\w{1,3})? раза? в (?:учебный )?год")
_STAGE = re.compile(rf"(?<!\w)({ORD})\s*этап\w*")
_EACH_STAGE = re.compile(r"кажд\w* этап")


def _times_per_year(f: Facts) -> str | None:
    m = _TIMES_PER_YEAR.search(f.rest) if " раз" in f.rest else None
    if not m:
        return None
    w = m.group(1)
    n = int(w) if w.isdigit() else _TIMES[w]
    return _PER_YEAR.get(n, "multiple")


Result = tuple[str | None, date | None, date | None]  # recurrence, start, end


def rule_stage(f: Facts) -> Result | None:
    m = _STAGE.search(f.text) if "этап" in f.text else None
    if not m or _EACH_STAGE.search(f.text):
        return None
    n = _ord_no(m.group(1))
    stages = f.period.stages if f.period else ()
    if n and n <= len(stages):
        return "continuous", *stages[n - 1]
    return "continuous", None, None


def rule_as_needed(f: Facts) -> Result | None:
    return ("as_needed", None, None) if _cue(f, "as_needed") else None


def rule_frequency(f: Facts) -> Result | None:
    for name in ("weekly", "bimonthly", "monthly", "quarterly", "per_term", "semiannual"):
        if _cue(f, name):
            return (name, *_explicit_span(f))
    rec = _times_per_year(f)
    if rec is None and _cue(f, "yearly"):
        rec = "yearly"
    if rec is not None:
        return (rec, *_explicit_span(f))
    if _cue(f, "daily_continuous"):
        return ("continuous", *_span(f))
    return None


def rule_on_event(f: Facts) -> Result | None:
    return ("on_event", None, None) if _cue(f, "on_event") else None


def rule_plan(f: Facts) -> Result | None:
    return ("by_plan", *_span(f)) if _cue(f, "plan_strong") else None


def rule_whole_period(f: Facts) -> Result | None:
    if not _cue(f, "whole_period") or (f.atoms and not f.after):
        return None
    p = f.period
    return "continuous", (p.start if p else None), (p.end if p else None)


def rule_all_year(f: Facts) -> Result | None:
    """"в течение года" fixes no dates; a month printed before it fixes the start ("Сентябрь, в течение года")."""
    m = _CUES["all_year"].search(f.text)
    if not m:
        return None
    months = [r for g, r in zip(f.groups, f.ranges) if g[0].span[0] < m.start()]
    start = months[0][0] if months and months[0] is not None else None
    return "continuous", start, None


def rule_continuous(f: Facts) -> Result | None:
    return ("continuous", *_span(f)) if _cue(f, "continuous") else None


def rule_plan_weak(f: Facts) -> Result | None:
    return ("by_plan", *_span(f)) if _cue(f, "plan_weak") else None


def rule_list(f: Facts) -> Result | None:
    return ("multiple", *_span(f)) if len(f.groups) > 1 else None


def rule_dated(f: Facts) -> Result | None:
    if not f.atoms:
        return None
    start, end = _span(f)
    if f.atoms[0].kind == "month" and start and end and (end.year - start.year) * 12 + end.month - start.month >= 5:
        return "continuous", start, end
    return "once", start, end


RULES = [rule_stage, rule_as_needed, rule_frequency, rule_on_event, rule_plan, rule_whole_period,
         rule_all_year, rule_continuous, rule_plan_weak, rule_list, rule_dated]


@text_cache(maxsize=65536)
def _parse(raw: str, period: Period | None) -> Deadline | None:
    if not raw:
        return None
    f = _facts(raw, period)
    for rule in RULES:
        res = rule(f)
        if res is not None:
            rec, start, end = res
            dates = []
            if rec == "multiple" and start is not None:
                dates = sorted({r[0] for r in f.ranges if r is not None})
            return Deadline(raw=raw, start=start, end=end, recurrence=rec, dates=dates,
                            rule=rule.__name__.removeprefix("rule_"))
    return Deadline(raw=raw, rule="unknown")


def parse_deadline(raw: str, period: Period | None = None) -> Deadline | None:
    """The deadline a cell prints, normalised against the document's period; None for an empty cell."""
    raw = " ".join((raw or "").split())
    d = _parse(raw, period)
    return d.fresh_copy() if d is not None else None
