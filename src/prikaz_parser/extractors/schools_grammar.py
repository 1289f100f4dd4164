"""The grammar of school names: one regex built from the vocabulary in data/school_forms.json.

A mention is [org form] [«] [Adjective] KIND [№ numbers] [«proper name»] [им. …] [locality] [»]:
"МБОУ-СОШ №№5,6,17", "МАОУ – СОШ № 1 «Казачья»", "МОУ «Джатиевская ООШ»", "Болгарская
кадетская школа", "МБОУ «Средняя общеобразовательная школа № 4» с. Ивановка". A kind is required
and so is something that tells one school from another (a number, a proper name or a locality):
"МОУ ДО ЦИТ", "ГБОУ ИРО КК", "МБОУ «_____»" and a bare "СОШ" are not schools.

`find_mentions(text)` yields decomposed `Mention`s; a list of numbers gives one mention per number,
and a quoted name right after a mention with an org form ("МОУ «А ООШ», «Б ООШ»") inherits it.
Each mention records the `rule` that produced it.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import repeat
from typing import Iterator

from ..memo import text_cache
from ..vocab import data_json
from .literal_gate import AlternativesGate

_OPEN = "«\"“„"
_CLOSE = "»\"”"


@dataclass(frozen=True, slots=True)
class Mention:
    raw: str
    kind: str
    org_form: str | None = None
    number: str | None = None
    proper_name: str | None = None
    locality: str | None = None
    start: int = 0
    end: int = 0
    rule: str = "grammar"


def vocabulary() -> dict:
    return data_json("school_forms.json")


def _org_pattern(v: dict) -> str:
    abbrs = sorted(v["org_forms"], key=len, reverse=True)
    alts = [re.escape(a).replace(r"\ ", r"\s+") for a in abbrs]
    for spelled in (s for forms in v["org_forms"].values() for s in forms):
        alts.append(r"(?i:" + r"\w*\s+".join(spelled.split()) + r"\w*)")
    return r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])"


def _kind_pattern(v: dict) -> str:
    words, abbrs = [], []
    for spec in v["kinds"].values():
        words += spec["words"]
        abbrs += spec["abbr"]
    words.sort(key=lambda w: (-w.count(" "), -len(w)))
    alts = [r"(?i:" + w + r")" for w in words] + [a for a in sorted(abbrs, key=len, reverse=True)]
    return r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])"


@lru_cache(maxsize=1)
def _kind_table() -> list[tuple[str, re.Pattern, str | None]]:
    """(canonical kind, full-match pattern, what else it needs) in trial order."""
    out = []
    for kind, spec in vocabulary()["kinds"].items():
        alts = [r"(?i:" + w + r")" for w in spec["words"]] + spec["abbr"]
        out.append((kind, re.compile("(?:" + "|".join(alts) + r")\Z"), spec.get("needs")))
    return out


@text_cache(maxsize=256)
def canonical_kind(text: str) -> tuple[str, str | None] | None:
    """'средней общеобразовательной школы' -> ('СОШ', None); 'школа' -> ('школа', 'number'). Remembered:
    a document spells its kinds the same way many times, and the 13 patterns are tried in turn."""
    t = " ".join(text.split())
    for kind, pat, needs in _kind_table():
        if pat.match(t):
            return kind, needs
    return None


_NUM = r"\d{1,4}(?:[-–]?[А-ЯЁа-яё](?![\wЁё.]))?"


@lru_cache(maxsize=1)
def mention_regex() -> re.Pattern:
    v = vocabulary()
    stop = "|".join(sorted(set(v["stop_adjectives"]), key=len, reverse=True))
    adj = (r"(?=[А-ЯЁ])(?!(?:" + stop + r")[а-яё]*(?![-–\w]))[А-ЯЁ][а-яё]+(?:[-–][А-ЯЁа-яё][а-яё]+)?"
           r"(?:ая|яя|ий|ый|ой|ого|ую|ей|ое|ом)")
    loc_abbr = "|".join(v["localities"])
    loc_word = "|".join(v["locality_words"])
    loc = (r"(?:(?:" + loc_abbr + r")\.\s*[А-ЯЁ][а-яё]+(?:[-–][А-ЯЁа-яё][а-яё]+)?"
           r"|(?:" + loc_word + r")\s+[А-ЯЁ][а-яё]+(?:[-–][А-ЯЁа-яё][а-яё]+)?)")
    pat = (
        r"(?:(?<![\w])|(?=[" + _OPEN + r"]))"  # a mention starts a word or at a quote: fail fast inside words
        r"(?:(?P<org>" + _org_pattern(v) + r")(?:\s*[-–—]\s*|\s+))?"
        r"(?:(?P<q1>[" + _OPEN + r"])\s*)?"
        r"(?:(?P<adj>" + adj + r")\s+)?"
        r"(?P<kind>" + _kind_pattern(v) + r")"
        r"(?:\s*(?:№|N|No)\s*№?\s*(?P<num>" + _NUM + r"(?:(?:\s*,\s*|\s+и\s+)" + _NUM + r")*))?"
        r"(?:\s*[" + _OPEN + r"](?P<pq>[А-ЯЁA-Z][^" + _OPEN + _CLOSE + r"\n]{1,60})[" + _CLOSE + r"])?"
        r"(?:\s*(?P<im>(?:им\.|имени)\s*(?:[А-ЯЁ]\.\s*){0,2}[А-ЯЁ][а-яё]+(?:[-–][А-ЯЁ][а-яё]+)?"
        r"(?:\s+(?:[А-ЯЁ]\.\s*){1,2}(?![а-яё]))?))?"
        r"(?(q1)(?P<qc>[" + _CLOSE + r"])?)"
        r"(?:\s*,?\s*(?P<loc>" + loc + r"))?"
        r"(?(q1)(?(qc)|(?P<qc2>[" + _CLOSE + r"])?))"
    )
    return re.compile(pat)


_FEMININE = {"СОШ", "ООШ", "НОШ", "ВСОШ", "СШ", "школа", "школа-интернат", "кадетская школа", "гимназия"}
_CHAIN_GAP = re.compile(r"\s*(?:,|;|•|\bи\b)\s*(?:и\s+)?(?:•\s*)?\Z")


def nominative(adj: str, kind: str) -> str:
    """'Бураковской' (СОШ) -> 'Бураковская'; 'Ивановского' (лицей) -> 'Ивановский'."""
    if kind in _FEMININE:
        return re.sub(r"(?:ой|ую|ей)\Z", "ая", adj) if not adj.endswith(("ая", "яя")) else adj
    m = re.search(r"(?:ого|ом)\Z", adj)
    if m:
        stem = adj[:m.start()]
        return stem + ("ий" if stem[-1:] in "кгхжшчщ" else "ый")
    return adj


def normalise_locality(loc: str | None) -> str | None:
    """'г.Алдан' -> 'г. Алдан'."""
    if not loc:
        return None
    return re.sub(r"^([\w.-]+?)\.\s*", r"\1. ", re.sub(r"\s+", " ", loc.strip()))


def _number(n: str) -> str:
    return re.sub(r"[\s\-–]", "", n).upper()


def _proper(m: re.Match, kind: str) -> str | None:
    if m.group("adj"):
        return nominative(m.group("adj"), kind)
    if m.group("pq"):
        return m.group("pq").strip()
    if m.group("im"):
        return re.sub(r"\s+", " ", m.group("im").strip())
    return None


def _decompose(m: re.Match, text: str) -> list[Mention]:
    ck = canonical_kind(m.group("kind"))
    if ck is None:
        return []
    kind, needs = ck
    pq = m.group("pq")
    end = m.end()
    if pq and canonical_kind_in(pq):  # «…» holds another school, not this one's name
        end = m.start("pq") - 1
        m2 = mention_regex().match(text[:end], m.start())
        if m2:
            m = m2
            end = m2.end()
    raw = text[m.start():end].strip().rstrip(",;")
    org = m.group("org")
    org = _canon_org(org) if org else None
    proper = _proper(m, kind)
    loc = normalise_locality(m.group("loc"))
    nums = [m.group("num")] if m.group("num") else [None]
    if nums[0] and re.search(r",|\sи\s", nums[0]):
        nums = [n for n in re.split(r"\s*,\s*|\s+и\s+", nums[0]) if n]
    if needs == "number" and nums == [None]:
        return []
    if nums == [None] and not proper and not loc:
        return []
    if len(nums) == 1:
        return [Mention(raw, kind, org, _number(nums[0]) if nums[0] else None, proper, loc,
                        m.start(), end, "grammar")]
    prefix = text[m.start():m.start("num")]
    prefix = re.sub(r"№\s*№?\s*\Z", "", prefix).rstrip()
    return [Mention(f"{prefix} № {n}", kind, org, _number(n), proper, loc, m.start(), end, "number_list")
            for n in nums]


@lru_cache(maxsize=1)
def kind_regex() -> re.Pattern:
    """A school kind anywhere: every mention has one, so a text without it has no mention."""
    return re.compile(_kind_pattern(vocabulary()))


@lru_cache(maxsize=1)
def kind_gate() -> AlternativesGate:
    """The literals of each kind of `kind_regex` ('средн' and 'школ', 'школа'/'школы'/…, 'СОШ', …): a text
    that holds none of the kinds' literal sets names no school ("поддержка школ" has no kind)."""
    return AlternativesGate(kind_regex())


def canonical_kind_in(text: str) -> bool:
    return bool(kind_regex().search(text))


@lru_cache(maxsize=64)
def _canon_org(org: str) -> str:
    o = " ".join(org.split())
    forms = vocabulary()["org_forms"]
    if o in forms:
        return o
    low = o.lower()
    for abbr, spelled in forms.items():
        for s in spelled:
            if all(w in low for w in s.split()) and len(low.split()) == len(s.split()):
                return abbr
    return o


MENTION_REACH = 200  # characters before a kind where its mention may start (org form, quote, adjective)


Span = tuple[int, int]


def kinds_at(text: str, starts: list[int]) -> list[Span]:
    """Spans of the kinds that begin at one of `starts`, overlapping ones included (`starts` must hold
    every position where `kind_regex` matches: the gate's leading literals do). A kind never holds
    `literal_gate.SEPARATOR` and its (?<!\\w), (?!\\w) treat it as the edge of a text, so in a `Joined`
    text the kinds are those of each text."""
    rx = kind_regex()
    return [m.span() for m in map(rx.match, repeat(text, len(starts)), starts) if m]


def _disjoint(kinds: list[Span]) -> Iterator[Span]:
    """The kinds `kind_regex().finditer` gives: each one that starts after the one before ends."""
    end = 0
    for k in kinds:
        if k[0] >= end:
            yield k
            end = k[1]


@lru_cache(maxsize=1)
def _prefix_words() -> re.Pattern:
    """Up to as many words, read backwards, as a mention can hold before its kind: the longest org form,
    a dash, an opening quote and an adjective (the parts of `mention_regex` before `kind`)."""
    org_words = max(len(f.split()) for abbr, spelled in vocabulary()["org_forms"].items() for f in (abbr, *spelled))
    return re.compile(r"(?:\s*\S+){0,%d}" % (org_words + 3))


def _earliest_start(text: str, pos: int, kind: int) -> int:
    """Where a mention searched for from `pos` can start at the earliest, when the first kind at or after
    `pos` starts at `kind`: every mention holds a kind no earlier than that, with at most a few words
    before it, so the search may skip the text before those words."""
    return kind - _prefix_words().match(text[pos:kind][::-1]).end()


def _mention_matches(text: str, kinds: list[Span] | None) -> Iterator[re.Match]:
    """`mention_regex().finditer(text)`, tried only from shortly before each school kind: every
    mention has a kind, and the regex costs ~0.3 µs a character wherever it is tried. With `kinds`
    (all of them, `kinds_at`) each search begins a few words before the next kind."""
    rx, pos = mention_regex(), 0
    at: list[int] | None = None
    if kinds is None:
        todo: Iterator[Span] = (k.span() for k in kind_regex().finditer(text))
    else:
        at = [k for k, _ in kinds]
        todo = _disjoint(kinds)
    for k, _ in todo:
        while pos <= k:
            frm = max(pos, k - MENTION_REACH)
            if at is not None:
                frm = _earliest_start(text, frm, at[bisect_left(at, frm)])
            m = rx.search(text, frm)
            if m is None:
                return
            yield m
            pos = max(m.end(), m.start() + 1)


def find_mentions(text: str) -> Iterator[Mention]:
    """Every school mention in one paragraph or cell, in order."""
    gate = kind_gate()
    starts = gate.starts(text)  # cheap scans first: most paragraphs and cells name no school
    if starts == [] or (starts is None and not gate.may_match(text)):
        return
    yield from mentions_from(text, None if starts is None else kinds_at(text, starts))


def mentions_from(text: str, kinds: list[Span] | None) -> Iterator[Mention]:
    """`find_mentions(text)` for a text whose kinds are known (`kinds_at`), or None to look for them."""
    prev: Mention | None = None
    for m in _mention_matches(text, kinds):
        for men in _decompose(m, text):
            if men.org_form is None and prev is not None and prev.org_form and men.start >= prev.end \
                    and _CHAIN_GAP.match(text[prev.end:men.start]):
                men = replace(men, org_form=prev.org_form, raw=f"{prev.org_form} {men.raw}", rule="org_chain")
            yield men
            prev = men
