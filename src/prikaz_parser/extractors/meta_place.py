"""Municipality, region and place from header text, in the nominative.

Municipality rules, tried in order on each text (header first, then title, then the rest):
`quoted` ("МО «Алданский район»" → "Алданский район"), `city_of_mo` ("муниципального
образования город Армавир" → "город Армавир"), `adjective_district` ("Дубовского
муниципального района" → "Дубовский муниципальный район", inflected with pymorphy keeping
gender agreement). Regions are matched against data/regions.txt (every case form of every
word, via pymorphy lexemes) and data/meta_region_aliases.tsv. Upper-case text is re-cased.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..nlp import parses as cached_parses
from .meta_text import data_lines

_TYPE_STEM = re.compile(r"^(?:муниципальн|район|округ|городск|город$|города$|образовани|поселени|сельск|"
                        r"автономн|област|кра[йяюе]|республик|народн)", re.I)
_ADJ_END = r"(?:ский|ская|ской|ского|скому|ским|ском|цкий|цкого|цком|цкой|ный|ного|ном|ной|ий|ый|ого|его|ое)"
_NAME = r"[А-ЯЁA-Z][А-ЯЁа-яё-]*"


def recase(phrase: str) -> str:
    """'АЛДАНСКИЙ РАЙОН' → 'Алданский район': type words lower, names capitalised."""
    if phrase != phrase.upper():
        return phrase
    out = []
    for w in phrase.split():
        lw = w.lower()
        out.append(lw if _TYPE_STEM.match(lw) else "-".join(p.capitalize() for p in lw.split("-")))
    return " ".join(out)


def _keep_case(src: str, word: str) -> str:
    if src.isupper() and len(src) > 1:
        return word.upper()
    return word.capitalize() if src[:1].isupper() else word


def nominative(phrase: str) -> str:
    """Inflect 'Adj… Noun …' to the nominative, adjectives agreeing with the head noun."""
    words = phrase.split()
    parses = [cached_parses(w.lower()) for w in words]
    head = next((i for i, ps in enumerate(parses) if any("NOUN" in p.tag for p in ps)
                 and not any("ADJF" in p.tag for p in ps)), None)
    if head is None:
        return phrase
    noun = next(p for p in parses[head] if "NOUN" in p.tag)
    number = "plur" if "plur" in noun.tag else "sing"
    nom = noun.inflect({"nomn", number}) or noun
    gender = nom.tag.gender
    out = list(words)
    out[head] = _keep_case(words[head], nom.word)
    for i in range(head):
        adj = next((p for p in parses[i] if "ADJF" in p.tag), None)
        if adj is None:
            continue
        feats = {"nomn", "plur"} if number == "plur" else {"nomn", "sing", gender or "masc"}
        inf = adj.inflect(feats)
        if inf:
            out[i] = _keep_case(words[i], inf.word)
    return " ".join(out)


def _quoted(text: str) -> str | None:
    m = re.search(r"(?:\bМО|муниципальн\w+\s+образовани\w+|городск\w+\s+округ\w*|\bМР|\bГО)\s*[«\"“]([^»\"”]{3,60})[»\"”]",
                  text, re.I)
    return recase(m.group(1).strip()) if m else None


def _city_of_mo(text: str) -> str | None:
    m = re.search(r"(?:муниципальн\w+\s+образовани\w+|городск\w+\s+округ\w*)\s+(?:-\s*)?"
                  r"(город|город-курорт|городской\s+округ)\s+(" + _NAME + ")", text, re.I)
    if not m:
        return None
    return f"{m.group(1).lower()} {recase(m.group(2))}"


def _adjective_district(text: str) -> str | None:
    rx = re.compile(r"(?<![А-Яа-яЁё-])(" + _NAME + r"?" + _ADJ_END + r")\s+((?:муниципальн|городск)\w+\s+)?(район\w*|округ\w*)(?![А-Яа-яЁё])",
                    re.I)
    for m in rx.finditer(text):
        adj = m.group(1)
        if adj.lower().startswith(("муниципальн", "городск", "сельск", "автономн", "федеральн", "административн")):
            continue
        if not adj[:1].isupper():
            continue
        phrase = " ".join(p.strip() for p in m.groups() if p)
        return nominative(recase(phrase))
    return None


MUNICIPALITY_RULES = [("quoted", _quoted), ("city_of_mo", _city_of_mo), ("adjective_district", _adjective_district)]


def find_municipality(text: str) -> tuple[str, str] | None:
    """(municipality, rule) for the first rule that fires on text."""
    for name, rule in MUNICIPALITY_RULES:
        v = rule(text)
        if v:
            return v, name
    return None


def _word_forms(word: str) -> set[str]:
    forms = {word.lower()}
    for p in cached_parses(word.lower())[:2]:
        if {"NOUN", "ADJF"} & set(str(p.tag).replace(",", " ").split()) or "NOUN" in p.tag or "ADJF" in p.tag:
            forms |= {f.word for f in p.lexeme if "plur" not in f.tag}
    return forms


def _phrase_regex(phrase: str) -> str:
    parts = []
    for w in re.findall(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*", phrase):
        forms = _word_forms(w) if "-" not in w else {w.lower()} | {w.lower()[:-2] + e for e in
                                                                   ("ая", "ой", "ую", "ий", "ого", "ом", "ому")}
        parts.append("(?:" + "|".join(sorted(map(re.escape, forms), key=len, reverse=True)) + ")")
    return r"(?<![А-Яа-яЁё])" + r"[\s(—–-]+".join(parts) + r"(?![А-Яа-яЁё])"


@lru_cache(maxsize=1)
def _region_patterns() -> list[tuple[re.Pattern, str]]:
    pats = []
    names = list(data_lines("regions.txt"))
    aliases = [ln.split("\t") for ln in data_lines("meta_region_aliases.tsv")]
    for alias, name in aliases:
        pats.append((alias, name))
    for name in names:
        core = re.sub(r"\s*\(.*?\)|\s*—.*$", "", name)
        pats.append((core, name))
    pats.sort(key=lambda p: -len(p[0]))
    out = []
    for phrase, name in pats:
        rx = (r"(?<![А-Яа-яЁё])" + re.escape(phrase) + r"(?![А-Яа-яЁё])") if phrase.isupper() else _phrase_regex(phrase)
        out.append((re.compile(rx, 0 if phrase.isupper() else re.I), name))
    return out


_WORD_START = r"(?<![А-Яа-яЁё])"


@lru_cache(maxsize=1)
def _region_regex() -> tuple[re.Pattern, list[str]]:
    """All region patterns as one alternation, in their order (longest phrase first): the leftmost
    match wins, and at one position the first pattern, as a search pattern by pattern would decide."""
    pats = _region_patterns()
    alts = []
    for i, (rx, _) in enumerate(pats):
        body = rx.pattern[len(_WORD_START):]
        alts.append(f"(?P<r{i}>{'(?i:' if rx.flags & re.I else '(?:'}{body}))")
    return re.compile(_WORD_START + "(?:" + "|".join(alts) + ")"), [name for _, name in pats]


def find_region(text: str) -> str | None:
    """The region named first in text (nominative, as listed in data/regions.txt)."""
    rx, names = _region_regex()
    m = rx.search(text)
    return names[int(m.lastgroup[1:])] if m else None


_PLACE = re.compile(r"(?<![А-Яа-яЁё])(г\.|город|пос\.|п\.|с\.|ст\.|пгт\.?|р\.\s?п\.|ст-ца|д\.)\s*(" + _NAME + r")\s*$")


def find_place(line: str) -> str | None:
    """'г. Алдан' from a short header line (or the rest of a date/number line)."""
    m = _PLACE.search(line.strip(" ,"))
    if not m or len(line.strip()) > 40 and m.start() > 0 and not re.search(r"\d", line[:m.start()]):
        return None
    kind = m.group(1).replace(" ", "")
    return f"{kind} {recase(m.group(2))}" if kind.endswith(".") else f"{kind} {recase(m.group(2))}"
