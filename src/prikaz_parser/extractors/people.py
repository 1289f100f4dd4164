"""People named in a responsible cell or a clause: "И.О. Фамилия" from any print form.

Initials first or surname first by regex; a full name with a patronymic by natasha
(loaded only then). A position word ("Директор", "Заместитель") is never a surname.
"""
from __future__ import annotations

import re

from .bodies_vocab import _takes_complement, vocab

_INITIALS_FIRST = re.compile(r"(?<![А-ЯЁа-яё])([А-ЯЁ])\.\s?(?:([А-ЯЁ])\.)?\s?([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)")
_SURNAME_FIRST = re.compile(r"([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)\s+([А-ЯЁ])\.\s?(?:([А-ЯЁ])\.?)?(?![а-яё])")
_PATRONYMIC = re.compile(r"\b[А-ЯЁ][а-яё]+(?:ович|евич|ьич|овна|евна|ична|инична)\b")


def _is_position_word(w: str) -> bool:
    return w.lower() in vocab().heads_lower or _takes_complement(w)


def find_person(text: str) -> tuple[str, tuple[int, int]] | None:
    """("И.О. Фамилия", span) of a named person: initials by regex, full names by natasha."""
    for m in _INITIALS_FIRST.finditer(text):
        if not _is_position_word(m.group(3)):
            return _initials(m.group(1), m.group(2), m.group(3)), m.span()
    for m in _SURNAME_FIRST.finditer(text):
        if not _is_position_word(m.group(1)):
            return _initials(m.group(2), m.group(3), m.group(1)), m.span()
    if _PATRONYMIC.search(text):
        return _natasha_person(text)
    return None


def _initials(first: str | None, middle: str | None, last: str) -> str:
    return "".join(f"{c[0]}." for c in (first, middle) if c) + f" {last}"


def _natasha_person(text: str) -> tuple[str, tuple[int, int]] | None:
    from ..nlp import nlp
    for m in nlp().names_extractor(text):
        f = m.fact
        if f.first and f.last:
            return _initials(f.first, f.middle, f.last), (m.start, m.stop)
    return None
