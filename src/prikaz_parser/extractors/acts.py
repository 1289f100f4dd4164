"""References to other acts: "во исполнение приказа министерства … от 6 марта 2023 года № 681 «…»".

An act reference is an act word (приказ, распоряжение, постановление, решение, письмо, закон …,
any case) followed within a short window by "от <date>" and "№ <number>" in either order,
optionally by a «title». The issuer is the text between the act word and "от"/"№".
`find_acts(text)` returns every reference; `approval_stamps(lines)` reads annex stamps
("УТВЕРЖДЕНА приказом … от 22.03.2023 № 210", several lines joined).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..schema import ActRef
from ..vocab import data_json
from .meta_text import RARE_FOLDS, find_date, find_number

_WINDOW = 260


def _act_stems() -> str:
    return "|".join(sorted(data_json("doc_types.json")["act_words"], key=len, reverse=True))


@lru_cache(maxsize=1)
def _act_word_regex() -> re.Pattern:
    """An act word: a stem opening a word, any case."""
    return re.compile(r"(?<![А-Яа-яЁё])(" + _act_stems() + r")[а-яё]*", re.I)


@lru_cache(maxsize=1)
def _lower_act_word_regex() -> re.Pattern:
    """_act_word_regex for lower-cased text, without its look-behind: it opens with the stems,
    whose first letters `re` skips ahead to (re.I and a look-behind first make it try every
    character)."""
    return re.compile(r"(" + _act_stems() + r")[а-яё]*")


_RARE_FOLD = re.compile(f"[{RARE_FOLDS}]")
_LETTER = re.compile(r"[А-Яа-яЁё]")


def _act_words(text: str):
    """The matches of _act_word_regex in text. On the lower-cased text (same length: no letter
    lower-cases to two; none that re.I folds onto another, RARE_FOLDS) a stem match preceded by a
    letter is skipped: the original rejects it by its look-behind and, every character it spans
    following a letter, can start no match inside it either. The matches' positions are text's."""
    low = text.lower()
    if len(low) != len(text) or _RARE_FOLD.search(low):
        yield from _act_word_regex().finditer(text)
        return
    for m in _lower_act_word_regex().finditer(low):
        if m.start() == 0 or not _LETTER.match(low, m.start() - 1):
            yield m


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
    for m in _act_words(text):
        if m.start() < last_end:
            continue
        ref = _act(text, m, kinds)
        if ref:
            out.append(ref)
            last_end = m.start() + len(ref.raw)
    return out


_STAMP = re.compile(r"^(?:«|\")?(УТВЕРЖДЕН[АОЫ]?|Утвержден[аоы]?|Утверждаю|УТВЕРЖДАЮ|Приложение|ПРИЛОЖЕНИЕ)\b")
_STAMP_FIRST = ("«", "\"", "У", "П")  # what a _STAMP match opens with


def _opens_stamp(text: str) -> bool:
    """A stamp's first line: "УТВЕРЖДЕНА", "«Утверждаю»" (an annex heading "Приложение" is none).
    A line opening otherwise is passed over by one `startswith`."""
    return (text.startswith(_STAMP_FIRST) and _STAMP.match(text) is not None
            and re.match(r"^.?(?:УТВЕРЖД|Утвержд)", text) is not None)


def _stamp_text(texts: list[str], i: int) -> tuple[str, int]:
    """The stamp opening at line i: lines joined until they hold a date and a number (seven at
    most), and the index after them."""
    joined = texts[i]
    j = i + 1
    while j < min(i + 7, len(texts)) and not (find_date(joined) and find_number(joined)):
        joined += " " + texts[j]
        j += 1
    return joined, j


def approval_stamps(texts: list[str]) -> list[ActRef]:
    """Stamps "УТВЕРЖДЕНА / приказом … / от … № …" (lines joined until a date and a number)."""
    out: list[ActRef] = []
    resume = 0  # lines joined into a stamp open none
    for i in [k for k, t in enumerate(texts) if _opens_stamp(t)]:
        if i < resume:
            continue
        joined, j = _stamp_text(texts, i)
        acts = find_acts(joined)
        if acts:
            out.append(acts[0].model_copy(update={"raw": re.sub(r"\s+", " ", joined).strip()}))
            resume = j
    return out
