"""Issuer (the letterhead) and signatory (the signature block).

Issuer: the organisation lines just above the type heading, walking up and skipping address
lines (postcode, тел., e-mail) and "РОССИЙСКАЯ ФЕДЕРАЦИЯ"; without a letterhead, the body
named in the signatory's position, expanded to its fullest spelling elsewhere in the text
("МУ «Отдел образования»" → "МУ «Отдел образования Исполнительного комитета … района»").
Signatory: a position line (Начальник, Заместитель, Директор …) followed within a few lines
by a name ("Е.И.Хрущ", "И. О. Фамилия", "Фамилия И.О."), normalised to "И.О. Фамилия".
"""
from __future__ import annotations

import re

from ..schema import Signatory
from ..vocab import data_lines
from .meta_lines import Line


_ADDRESS = re.compile(r"\b\d{6}\b|тел\.?|факс|e-?mail|@|https?:|www\.|\bИНН\b|\bОГРН|\bКПП\b|\bул\.|\bд\.\s*\d",
                      re.I)
_ORG = re.compile(r"администраци|управлени|отдел|комитет|департамент|министерств|учреждени|образовани|"
                  r"район|округ|област|кра[йя]|республик|город|поселени|центр|дума|совет|глав[аы]", re.I)
_NOT_ISSUER = re.compile(r"^(?:РОССИЙСКАЯ\s+ФЕДЕРАЦИЯ|Российская\s+Федерация)$"
                         # a website's listing of the document above it, breadcrumbs
                         r"|^(?:приказ|распоряжение|постановление|решение)\s+(?:№|N\b|от\b)"
                         r"|^(?:Главная|Документы)\s*[>/»|]", re.I)
_SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?|[А-ЯЁ]{2,}(?:-[А-ЯЁ]{2,})?"
NAME_RULES: list[tuple[str, re.Pattern]] = [
    ("initials_first", re.compile(r"(?:^|\s)(?P<a>[А-ЯЁ])\.\s*(?P<b>[А-ЯЁ])\.?\s*(?P<s>" + _SURNAME + r")\s*$")),
    ("surname_first", re.compile(r"(?:^|\s)(?P<s>" + _SURNAME + r")\s+(?P<a>[А-ЯЁ])\.\s*(?P<b>[А-ЯЁ])\.?\s*$")),
]


def _is_upper(s: str) -> bool:
    letters = list(filter(str.isalpha, s))
    return bool(letters) and sum(map(str.isupper, letters)) / len(letters) > 0.7


def issuer_from_letterhead(lines: list[Line], type_idx: int) -> str | None:
    parts: list[str] = []
    for ln in reversed(lines[max(0, type_idx - 8):type_idx]):
        t = ln.text
        if ln.table:
            break
        if _ADDRESS.search(t) or _NOT_ISSUER.match(t) or re.fullmatch(r"[\W\d_]+", t):
            if parts:
                break
            continue
        if (_is_upper(t) or _ORG.search(t)) and len(t) < 200:
            parts.append(t)
            continue
        break
    return re.sub(r"\s+", " ", " ".join(reversed(parts))).strip() or None


def person_name(text: str) -> tuple[str, str, int] | None:
    """("И.О. Фамилия", rule, start) when text ends with a person's name."""
    for rule, rx in NAME_RULES:
        m = rx.search(text)
        if m:
            s = m.group("s")
            s = "-".join(p.capitalize() for p in s.split("-")) if s.isupper() else s
            return f"{m.group('a')}.{m.group('b')}. {s}", rule, m.start()
    return None


def _is_position(text: str) -> bool:
    low = text.lower()
    return low.startswith(data_lines("meta_positions.txt"))  # a tuple: one call tries every prefix


def find_signatory(lines: list[Line], start: int) -> Signatory | None:
    return next((s for _, s in signature_blocks(lines, start)), None)


def signature_blocks(lines: list[Line], start: int):
    """(line index, Signatory) for every position line followed by a name, from start on."""
    for i in range(start, len(lines)):
        t = lines[i].text
        if lines[i].table or not _is_position(t) or t.endswith(":") or len(t) > 250:
            continue
        pos: list[str] = []
        for j in range(i, min(i + 8, len(lines))):
            ln = lines[j]
            if ln.table:
                break
            nm = person_name(ln.text)
            if nm and (j > i or nm[2] > 0):
                head = ln.text[:nm[2]].strip(" _")
                if head:
                    pos.append(head)
                position = re.sub(r"\s+", " ", " ".join(pos)).strip() or None
                yield i, Signatory(name=nm[0], position=position, raw=ln.text[nm[2]:].strip())
                break
            if j > i and (re.match(r"^\d+[.)]", ln.text) or len(ln.text) > 200):
                break
            pos.append(ln.text)
    return None


def _expand(short: str, text: str) -> str:
    """The fullest spelling in text that starts like `short` (quotes balanced)."""
    stem = short.rstrip("»\" ")
    if len(stem) < 5:
        return short
    best = short
    for m in re.finditer(re.escape(stem), text):
        tail = text[m.end():m.end() + 200]
        depth = stem.count("«") - stem.count("»")
        for k, ch in enumerate(tail):
            depth += (ch == "«") - (ch == "»")
            if depth <= 0 and ch == "»":
                cand = stem + tail[:k + 1]
                if len(cand) > len(best):
                    best = cand
                break
            if ch in ".;\n" or (ch == "," and depth <= 0):
                break
    return best


def issuer_from_signatures(lines: list[Line], text: str) -> str | None:
    """The longest expanded body named in any signature or approval block."""
    cands = [issuer_from_position(s.position, text) for _, s in signature_blocks(lines, 0)]
    return max((c for c in cands if c), key=len, default=None)


def issuer_from_position(position: str | None, text: str) -> str | None:
    if not position:
        return None
    body = re.sub(r"^\S+\s+", "", position).strip()
    if not body or not _ORG.search(body):
        return None
    return _expand(body, text)
