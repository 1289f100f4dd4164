"""References to other acts: "во исполнение приказа министерства … от 6 марта 2023 года № 681 «…»".

An act reference is an act word (приказ, распоряжение, постановление, решение, письмо, закон …,
any case) followed within a short window by "от <date>" and "№ <number>" in either order,
optionally by a «title». The issuer is the text between the act word and "от"/"№".
`find_acts(text)` returns every reference; `approval_stamps(lines)` reads annex stamps
("УТВЕРЖДЕНА приказом … от 22.03.2023 № 210", several lines joined).
"""
from __future__ import annotations

import re

from ..schema import ActRef
from ..vocab import data_json
from .meta_text import find_date, find_number

_WINDOW = 260


def _act_word_regex() -> re.Pattern:
    stems = data_json("doc_types.json")["act_words"]
    alt = "|".join(sorted(stems, key=len, reverse=True))
    return re.compile(r"(?<![А-Яа-яЁё])(" + alt + r")[а-яё]*", re.I)


def _title_after(text: str) -> tuple[str | None, int]:
    m = re.match(r"\s*[«\"“]", text)
    if not m:
        return None, 0
    depth, start = 0, m.end() - 1
    for k in range(start, len(text)):
        ch = text[k]
        if ch in "«“":
            depth += 1
        elif ch in "»”" or (ch == '"' and k > start):
            depth -= 1
            if depth <= 0:
                return text[start + 1:k].strip(), k + 1
    return None, 0


def _act(text: str, m: re.Match, kinds: dict) -> ActRef | None:
    window = text[m.end():m.end() + _WINDOW]
    d = find_date(window)
    n = find_number(window)
    if not d or not n:
        return None
    ends = [d[1][1], n[1][1]]
    starts = [d[1][0], n[1][0]]
    if max(starts) > 120 or abs(d[1][0] - n[1][0]) > 60:
        return None
    issuer = window[:min(starts)]
    issuer = re.sub(r"\s*\bот\s*$", "", issuer).strip(" ,") or None
    if issuer and re.search(r"[.;]|\bот\b", issuer):
        issuer = None
    title, tend = _title_after(window[max(ends):])
    end = m.end() + max(ends) + tend
    stem = next((k for k in kinds if m.group(1).lower().startswith(k)), None)
    return ActRef(raw=re.sub(r"\s+", " ", text[m.start():end]).strip(), type=kinds.get(stem), issuer=issuer,
                  date=d[0], number=n[0], title=title)


def find_acts(text: str) -> list[ActRef]:
    kinds = data_json("doc_types.json")["act_words"]
    out: list[ActRef] = []
    last_end = -1
    for m in _act_word_regex().finditer(text):
        if m.start() < last_end:
            continue
        ref = _act(text, m, kinds)
        if ref:
            out.append(ref)
            last_end = m.start() + len(ref.raw)
    return out


_STAMP = re.compile(r"^(?:«|\")?(УТВЕРЖДЕН[АОЫ]?|Утвержден[аоы]?|Утверждаю|УТВЕРЖДАЮ|Приложение|ПРИЛОЖЕНИЕ)\b")


def approval_stamps(texts: list[str]) -> list[ActRef]:
    """Stamps "УТВЕРЖДЕНА / приказом … / от … № …" (lines joined until a date and a number)."""
    out: list[ActRef] = []
    i = 0
    while i < len(texts):
        if not _STAMP.match(texts[i]) or not re.match(r"^.?(?:УТВЕРЖД|Утвержд)", texts[i]):
            i += 1
            continue
        joined = texts[i]
        j = i + 1
        while j < min(i + 7, len(texts)) and not (find_date(joined) and find_number(joined)):
            joined += " " + texts[j]
            j += 1
        acts = find_acts(joined)
        if acts:
            a = acts[0]
            out.append(a.model_copy(update={"raw": re.sub(r"\s+", " ", joined).strip()}))
            i = j
        else:
            i += 1
    return out
