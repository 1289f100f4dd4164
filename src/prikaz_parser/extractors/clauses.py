"""Operative clauses of an order: the numbered points after ПРИКАЗЫВАЮ / ПОСТАНОВЛЯЕТ.

The operative part starts after the marker line ("ПРИКАЗЫВАЮ:", "п р и к а з ы в а ю:" at the
end of the preamble) or, without one, at the first numbered point after the title; it ends at
the signature block, a large table or an annex heading. Labels are read by a list of rules
(`LABEL_RULES`): "1." starts a point, "1)", "а)", "-", "•" start a sub-point, anything else
continues the text above. Each point gets its addressees (the dative phrase before the verb,
"Рекомендовать руководителям …:", "(отв. Сухина О.В.)") and a deadline phrase when it has one.
"""
from __future__ import annotations

import re

from functools import lru_cache

from ..layout import Layout
from ..schema import Body, Clause, Provenance
from .deadline import parse_deadline
from .literal_gate import LiteralGate
from .meta_lines import Line, find_operative_line, find_type_line, lines_of
from .meta_people import person_name, signature_blocks

LABEL_RULES: list[tuple[str, re.Pattern]] = [
    ("point", re.compile(r"^(?:[-–]\s*)?(?P<id>\d{1,2}(?:\.\d{1,2})*\.)(?!\d)\s*(?P<text>.*)$")),
    ("numbered_sub", re.compile(r"^(?P<id>\d{1,2}\))\s*(?P<text>.*)$")),
    ("letter_sub", re.compile(r"^(?P<id>[а-я]\))\s*(?P<text>.*)$")),
    ("dash_sub", re.compile(r"^[-–—•·]\s*(?P<text>.*)$")),
]
_END = re.compile(r"^(?:Приложени|ПРИЛОЖЕНИ|С\s+приказом\s+ознакомлен|Исп\.|Исполнитель|Проект\s+подготовлен)", re.I)
_DATE = r"\d{1,2}\.\d{1,2}\.\d{2,4}\s*(?:года|г\.?)?|\d{1,2}\s+[а-яё]+\s+\d{4}\s*(?:года|г\.?)?"
DEADLINE_RULES: list[tuple[str, re.Pattern]] = [
    ("span", re.compile(r"(?:в\s+срок\s+|в\s+период\s+)?с\s+(?:" + _DATE + r")\s+по\s+(?:" + _DATE + ")", re.I)),
    ("until", re.compile(r"(?:в\s+срок\s+)?(?:до|не\s+позднее)\s+(?:" + _DATE + r"|\d{1,2}\s+[а-яё]+(?=[\s,.;)]|$))",
                         re.I)),
    ("recurring", re.compile(r"\b(?:ежеквартально|ежемесячно|ежегодно|еженедельно|постоянно)\b", re.I)),
]
_DELEGATE = re.compile(r"^(?:Рекомендовать|Поручить|Предложить|Обязать)\s+(?P<who>[^:]+?):", re.I)
_RESPONSIBLE = re.compile(r"\((?:отв\.|ответственн\w*:?)\s*(?P<who>[^)]+)\)|возложить\s+на\s+(?P<who2>.+?)\s*(?:\.\s*$|;|$)",
                          re.I)
_RESPONSIBLE_GATE = LiteralGate(_RESPONSIBLE)  # '(отв' or 'возложить': most points name no one responsible
_PAREN = re.compile(r"\s*\(([^()]*)\)")
_DATIVE_LEAD = re.compile(r"^(?P<who>[^:]{3,300}?):\s*")
_WORD = re.compile(r"[А-ЯЁа-яё]+")


def label(text: str) -> tuple[str | None, str | None, str]:
    """(rule, id, text) for a line of the operative part; rule None for a continuation."""
    for name, rx in LABEL_RULES:
        m = rx.match(text)
        if m:
            return name, m.groupdict().get("id"), m.group("text").strip()
    return None, None, text


# What each deadline rule's match contains: a span "с <date>", an "until" phrase "до <date>" or
# "позднее <date>" (every date starts with a digit), a recurring word "еже…" or "постоянно". The
# cues are searched in the case-folded text (folding equates what re.I equates), and each starts
# with a letter `re` can skip ahead to, while the rules themselves (an optional lead, re.I) are
# tried at every character: a text with none of a rule's cues is not searched by it.
DEADLINE_CUES: dict[str, tuple[re.Pattern, ...]] = {
    "span": (re.compile(r"с\s+\d"),),
    "until": (re.compile(r"до\s+\d"), re.compile(r"позднее\s+\d")),
    "recurring": (re.compile("еже"), re.compile("постоянно")),
}


def _has_cue(name: str, folded: str) -> bool:
    return any(cue.search(folded) for cue in DEADLINE_CUES[name])


def find_deadline_phrase(text: str) -> str | None:
    folded = text.casefold()
    for name, rx in DEADLINE_RULES:
        if _has_cue(name, folded):
            m = rx.search(text)
            if m:
                return m.group(0).strip()
    return None


@lru_cache(maxsize=20_000)
def _infinitive(word: str) -> bool:
    """The lower-cased word may be an infinitive (a property of the dictionary word: cached)."""
    from ..nlp import parses
    return any("INFN" in p.tag for p in parses(word)[:2])


@lru_cache(maxsize=20_000)
def _dative(word: str) -> bool:
    """The lower-cased word may be a dative form."""
    from ..nlp import parses
    return any("datv" in p.tag for p in parses(word)[:3])


def _starts_with_infinitive(text: str) -> bool:
    w = _WORD.match(text)
    return bool(w) and _infinitive(w.group(0).lower())


def _body(raw: str, case: str = "datv") -> Body:
    raw = raw.strip(" ,;.")
    nm = person_name(raw + ".") or person_name(raw)
    if nm:
        position = raw[:nm[2]].strip(" ,") or None
        return Body(raw=raw, kind="person", person=_nominative_person(nm[0], case), position=position)
    return Body(raw=raw)


SURNAME_ENDINGS = {  # case → (ending, nominative ending), longest first
    "datv": [("скому", "ский"), ("цкому", "цкий"), ("овой", "ова"), ("евой", "ева"), ("ёвой", "ёва"),
             ("иной", "ина"), ("ыной", "ына"), ("ской", "ская"), ("цкой", "цкая"), ("ову", "ов"),
             ("еву", "ев"), ("ёву", "ёв"), ("ину", "ин"), ("ыну", "ын")],
    "accs": [("скую", "ская"), ("цкую", "цкая"), ("ову", "ова"), ("еву", "ева"), ("ину", "ина"), ("ыну", "ына")],
}


def _nominative_person(name: str, case: str = "datv") -> str:
    """"О.В. Мартыновой" → "О.В. Мартынова" by surname endings; other forms are kept."""
    initials, _, surname = name.rpartition(" ")
    for end, nom in SURNAME_ENDINGS.get(case, []):
        if surname.endswith(end) and len(surname) > len(end) + 1:
            return f"{initials} {surname[:-len(end)]}{nom}"
    return name


_AND_MORE = re.compile(r"(?:и|а\s+также)\s+[а-яё]")
_LOWER_WORD = re.compile(r"[а-яё]+")
_BODY_SPLIT = re.compile(r",\s*|\s+и\s+(?=(?:отдел|директор|руководител|управлени|комитет|заместител|начальник|"
                         r"специалист|МКУ|МБОУ|МОУ|МАОУ|ОО)\w*)")


@lru_cache(maxsize=20_000)
def _describes(word: str) -> bool:
    """The lower-case word's first parse is a participle or an adjective."""
    from ..nlp import parses
    tag = parses(word)[0].tag
    return any(t in tag for t in ("PRTF", "ADJF"))


def _qualifies(part: str) -> bool:
    """A part opened by a lower-case participle or adjective describes the body before it, and one
    opened by "и" after a comma ("…, и школ, функционирующих …") goes on with it."""
    if _AND_MORE.match(part):
        return True
    w = _LOWER_WORD.match(part)
    return bool(w) and _describes(w.group(0))


def _split_bodies(phrase: str) -> list[Body]:
    extra = [_body(m.group(1), "nomn") for m in _PAREN.finditer(phrase) if person_name(m.group(1).strip(" .") + ".")]
    phrase = _PAREN.sub("", phrase)
    parts = _BODY_SPLIT.split(phrase)
    merged: list[str] = []
    for p in (p.strip(" ,;.") for p in parts if p):
        if p and merged and _qualifies(p):  # ", показавших низкие результаты" qualifies the body before it
            merged[-1] = f"{merged[-1]}, {p}"
        elif p:
            merged.append(p)
    return [_body(p) for p in merged] + extra


_TOKEN = re.compile(r"[«(»)]|(?<=[\s,])([а-яё]{3,})")  # a bracket or a lower-case word


def _lead_before_verb(text: str) -> list[Body]:
    """"Руководителям МБОУ «…», МБОУ «…» обеспечить …" → the dative phrase before the first infinitive."""
    first = _WORD.match(text)
    if not first or not _dative(first.group(0).lower()):
        return []
    depth = 0
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        if tok in "«(":
            depth += 1
        elif tok in "»)":
            depth = max(0, depth - 1)
        elif depth == 0 and _infinitive(tok):
            lead = text[:m.start()].strip(" ,")
            return _split_bodies(lead) if lead else []
    return []


def addressees(text: str) -> list[Body]:
    m = _DELEGATE.match(text)
    out: list[Body] = _split_bodies(m.group("who")) if m else []
    if not m and not _starts_with_infinitive(text):
        lead = _DATIVE_LEAD.match(text) if ":" in text else None  # the lead ends at a colon
        if lead:
            out = _split_bodies(lead.group("who"))
        else:
            out = _lead_before_verb(text)
    if _RESPONSIBLE_GATE.may_match(text):
        for r in _RESPONSIBLE.finditer(text):
            out.append(_body(r.group("who"), "nomn") if r.group("who") else _body(r.group("who2"), "accs"))
    return out


def _clause(cid: str | None, text: str, period, line: Line) -> Clause:
    phrase = find_deadline_phrase(text)
    return Clause(id=cid, text=text, deadline=parse_deadline(phrase, period) if phrase else None,
                  addressees=addressees(text), subclauses=[],  # given, not the default that pydantic deep-copies
                  provenance=Provenance.of(line.prov))


def operative_range(lines: list[Line]) -> tuple[int, int] | None:
    """[start, end) of the operative part's lines."""
    t = find_type_line(lines) or 0
    op = find_operative_line(lines, t)
    if op is not None:
        start = op + 1
    else:
        start = None
        for i in range(t, min(len(lines), t + 40)):
            if lines[i].table:
                return None
            if label(lines[i].text)[0] == "point":
                start = i
                break
        if start is None:
            return None
    end = next((i for i, _ in signature_blocks(lines, start)), len(lines))
    for i in range(start, end):
        if lines[i].table or _END.match(lines[i].text):
            return start, i
    return start, end


def _finish(c: Clause | None, period) -> Clause | None:
    if c is None:
        return None
    phrase = find_deadline_phrase(c.text)
    c.deadline = parse_deadline(phrase, period) if phrase else None
    c.addressees = addressees(c.text)
    return c


def extract_clauses(layout: Layout, period, abbreviations, lines: list[Line] | None = None) -> list[Clause]:
    """`lines`: the layout's `lines_of`, when the caller has them already (meta reads the same)."""
    lines = lines_of(layout) if lines is None else lines
    rng = operative_range(lines)
    if rng is None:
        return []
    items = [(label(lines[i].text), lines[i]) for i in range(*rng)]
    has_points = any(r == "point" for (r, _, _), _ in items)
    out: list[Clause] = []
    for (rule, cid, text), line in items:
        if rule == "point" or (not has_points and rule == "numbered_sub"):
            out.append(_clause(cid, text, period, line))
        elif rule is not None and out:
            out[-1].subclauses.append(_clause(cid, text, period, line))
        elif out:  # a continuation line
            target = out[-1].subclauses[-1] if out[-1].subclauses else out[-1]
            target.text = f"{target.text} {text}".strip()
            _finish(target, period)
    return out
