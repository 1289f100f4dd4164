"""Vocabulary and word tests for responsible bodies: abbreviations, head nouns, classes.

Loaded once from data/abbreviations.tsv and data/body_kinds.json.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

@dataclass(frozen=True)
class Vocab:
    abbreviations: tuple[tuple[str, str, str], ...]  # (short, full, role)
    roles: dict[str, str]  # single-token short -> role
    kinds: tuple[tuple[str, str, re.Pattern], ...]  # (rule, kind, pattern)
    kinds_any: re.Pattern  # "(?P<k0>…)|(?P<k1>…)|…": all kind patterns, see `_any_of`
    heads: frozenset[str]  # nominative forms that open a body, as printed (capitalised)
    heads_lower: frozenset[str]
    takes_complement: tuple[str, ...]
    function_words: frozenset[str]


def _any_of(patterns: list[str], flags: int) -> re.Pattern:
    """One alternation of named groups k0, k1, …: a search stops at the earliest position where
    any pattern matches and, there, at the first pattern that does, so `lastgroup` names the
    same pattern as the earliest of the patterns' own matches with ties by order (one scan, not
    one per pattern). The patterns use no numbered back-references, which the groups would shift."""
    return re.compile("|".join(f"(?P<k{i}>{p})" for i, p in enumerate(patterns)), flags)


def _read(name: str) -> str:
    return resources.files("prikaz_parser.data").joinpath(name).read_text("utf-8")


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    abbrs = []
    for line in _read("abbreviations.tsv").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("short\t"):
            continue
        short, full, role = (line.split("\t") + ["body"])[:3]
        abbrs.append((short.strip(), full.strip(), role.strip()))
    data = json.loads(_read("body_kinds.json"))
    kinds = tuple((k["rule"], k["kind"], re.compile(k["pattern"], re.I)) for k in data["kinds"])
    return Vocab(abbreviations=tuple(abbrs), roles={s: r for s, _, r in abbrs if " " not in s}, kinds=kinds,
                 kinds_any=_any_of([k["pattern"] for k in data["kinds"]], re.I),
                 heads=frozenset(data["heads"]), heads_lower=frozenset(h.lower() for h in data["heads"]),
                 takes_complement=tuple(data["takes_complement"]),
                 function_words=frozenset(data["function_words"]))


# ---------------------------------------------------------------- word tests

_ABBR = re.compile(r"^[А-ЯЁA-Z][А-ЯЁA-Z\d]{1,}$")
_ADJ = re.compile(r"(ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ых|их|ую|юю)$")
_NOUN_IE = re.compile(r"(ни|ти|ви|зи|ди|си)е$")  # образование, управление, развитие
_INITIALS = re.compile(r"^[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.?)?$")
_CAPWORD = re.compile(r"^[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?$")
_PUNCT = " ,;:.«»\"“”()–—-"


def _bare(tok: str) -> str:
    return tok.strip(_PUNCT) or tok


def is_abbreviation(tok: str) -> bool:
    return bool(_ABBR.match(_bare(tok)))


def is_adjective(tok: str) -> bool:
    w = _bare(tok).lower()
    return bool(_ADJ.search(w)) and not _NOUN_IE.search(w) and not is_abbreviation(tok)


def _takes_complement(tok: str) -> bool:
    return _bare(tok).lower().startswith(vocab().takes_complement)


def _role(tok: str, roles: dict[str, str]) -> str | None:
    return roles.get(_bare(tok))


def is_complete(seg: list[str], roles: dict[str, str]) -> bool:
    """Can a body name end here? Not after a function word, an adjective, a head that wants its
    complement ("Руководители", "отдел"), or an org form / unit abbreviation ("МКУ", "ИМО")."""
    if not seg:
        return False
    last = seg[-1]
    if last.endswith(("»", ")", '"')):
        return True
    if last.lower() in vocab().function_words:
        return False
    if is_abbreviation(last):
        return _role(last, roles) not in ("org_form", "unit")
    return not (is_adjective(last) or _takes_complement(last))


def _noun_final(seg: list[str], roles: dict[str, str]) -> bool:
    """Does the segment end in a noun (a head may follow even a head that wants a complement)?"""
    if not seg:
        return False
    last = seg[-1]
    if last.lower() in vocab().function_words:
        return False
    if is_abbreviation(last):
        return _role(last, roles) != "org_form"
    return not is_adjective(last)


@lru_cache(maxsize=None)
def _word_re(short: str) -> re.Pattern:
    """The abbreviation as a whole word. The literal comes first so that `re` jumps from one
    occurrence to the next; the "no word character before it" test is a lookbehind after it
    (a leading lookbehind hides the literal and costs a check at every character of the text)."""
    s = re.escape(short)
    return re.compile(rf"{s}(?<!\w{s})(?!\w)")
