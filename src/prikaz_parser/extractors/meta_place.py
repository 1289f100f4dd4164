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
from ..vocab import data_lines


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


@lru_cache(maxsize=4096)
def _inflect(parse, grammemes: frozenset[str]):
    """parse.inflect(grammemes), remembered like nlp.parses: a fact of the dictionary, not of the
    document ("муниципального" → "муниципальный" recurs in every district's header), and each
    inflection builds the word's whole lexeme (~0.3 M instructions)."""
    return parse.inflect(grammemes)


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
    nom = _inflect(noun, frozenset({"nomn", number})) or noun
    gender = nom.tag.gender
    out = list(words)
    out[head] = _keep_case(words[head], nom.word)
    for i in range(head):
        adj = next((p for p in parses[i] if "ADJF" in p.tag), None)
        if adj is None:
            continue
        feats = frozenset({"nomn", "plur"} if number == "plur" else {"nomn", "sing", gender or "masc"})
        inf = _inflect(adj, feats)
        if inf:
            out[i] = _keep_case(words[i], inf.word)
    return " ".join(out)


# "МО «Алданский район»": the body is found at each opening quote, the trigger just before it
_OPEN_QUOTE = re.compile(r"[«\"“]")
_QUOTED_BODY = re.compile(r"[«\"“]([^»\"”]{3,60})[»\"”]")
_QUOTE_TRIGGER = re.compile(r"(?:\bМО|муниципальн\w+\s+образовани\w+|городск\w+\s+округ\w*|\bМР|\bГО)\s*\Z", re.I)
# "муниципального образования город Армавир": found at each "город", the trigger before it
_CITY_WORD = re.compile(r"город", re.I)
_CITY_TRIGGER = re.compile(r"(?:муниципальн\w+\s+образовани\w+|городск\w+\s+округ\w*)\s+(?:-\s*)?\Z", re.I)
_CITY_NAME = re.compile(r"(город-курорт|городской\s+округ|город)\s+(" + _NAME + ")", re.I)
TRIGGER_REACH = 80  # characters before the quote / "город" where the trigger phrase may start


def _quoted(text: str) -> str | None:
    for q in _OPEN_QUOTE.finditer(text):
        body = _QUOTED_BODY.match(text, q.start())
        if body and _QUOTE_TRIGGER.search(text, max(0, q.start() - TRIGGER_REACH), q.start()):
            return recase(body.group(1).strip())
    return None


def _city_of_mo(text: str) -> str | None:
    for w in _CITY_WORD.finditer(text):
        m = _CITY_NAME.match(text, w.start())
        if m and _CITY_TRIGGER.search(text, max(0, w.start() - TRIGGER_REACH), w.start()):
            return f"{m.group(1).lower()} {recase(m.group(2))}"
    return None


# the adjective starts with a capital (case-sensitive), the rest in any case ("ДУБОВСКОГО РАЙОНА")
_ADJ_DISTRICT = re.compile(r"(?<![А-Яа-яЁё-])((?-i:[А-ЯЁA-Z])[А-ЯЁа-яё-]*?" + _ADJ_END + r")\s+"
                           r"((?:муниципальн|городск)\w+\s+)?(район\w*|округ\w*)(?![А-Яа-яЁё])", re.I)


def _adjective_district(text: str) -> str | None:
    low = text.lower()
    if "район" not in low and "округ" not in low:
        return None
    for m in _ADJ_DISTRICT.finditer(text):
        adj = m.group(1)
        if adj.lower().startswith(("муниципальн", "городск", "сельск", "автономн", "федеральн", "административн")):
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


def _forms(word: str) -> set[str]:
    """Every singular case form of a phrase word (a hyphenated adjective by its endings)."""
    if "-" not in word:
        return _word_forms(word)
    return {word.lower()} | {word.lower()[:-2] + e for e in ("ая", "ой", "ую", "ий", "ого", "ом", "ому")}


def _phrase_regex(phrase: str) -> str:
    parts = []
    for w in _PHRASE_WORD.findall(phrase):
        parts.append("(?:" + "|".join(sorted(map(re.escape, _forms(w)), key=len, reverse=True)) + ")")
    return r"(?<![А-Яа-яЁё])" + r"[\s(—–-]+".join(parts) + r"(?![А-Яа-яЁё])"


@lru_cache(maxsize=1)
def _region_phrases() -> list[tuple[str, str]]:
    """(phrase as printed, region) for every alias and region, longest phrase first."""
    pats = [tuple(ln.split("\t")) for ln in data_lines("meta_region_aliases.tsv")]
    for name in data_lines("regions.txt"):
        pats.append((re.sub(r"\s*\(.*?\)|\s*—.*$", "", name), name))
    return sorted(pats, key=lambda p: -len(p[0]))


@lru_cache(maxsize=1)
def _region_patterns() -> list[tuple[re.Pattern, str]]:
    out = []
    for phrase, name in _region_phrases():
        rx = (r"(?<![А-Яа-яЁё])" + re.escape(phrase) + r"(?![А-Яа-яЁё])") if phrase.isupper() else _phrase_regex(phrase)
        out.append((re.compile(rx, 0 if phrase.isupper() else re.I), name))
    return out


_LETTERS = re.compile(r"[А-ЯЁа-яё]+")
_PHRASE_WORD = re.compile(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*")


@lru_cache(maxsize=1)
def _region_index() -> dict[str, list[int]]:
    """Lower-cased first letter run of every form of a phrase's first word → patterns starting so.

    A region match starts a run of letters, and that run is the start of its first word:
    only where a run is in this index can a pattern match (one dictionary lookup a word
    instead of trying ~2000 word forms at every character)."""
    index: dict[str, list[int]] = {}
    for i, (phrase, _) in enumerate(_region_phrases()):
        first = _PHRASE_WORD.search(phrase).group()
        forms = {first.lower()} if phrase.isupper() else _forms(first)
        for key in {_LETTERS.match(f).group() for f in forms}:
            index.setdefault(key, []).append(i)
    return index


def find_region(text: str) -> str | None:
    """The region named first in text (nominative, as listed in data/regions.txt); at one
    position the longest phrase wins."""
    patterns, index = _region_patterns(), _region_index()
    # most texts hold no run in the index: found by one set test instead of a lookup a run (the
    # runs of the lower-cased text are those of text lower-cased: a character is in _LETTERS
    # exactly when its lower case is)
    if index.keys().isdisjoint(_LETTERS.findall(text.lower())):
        return None
    for run in _LETTERS.finditer(text):
        for i in index.get(run.group().lower(), ()):
            if patterns[i][0].match(text, run.start()):
                return patterns[i][1]
    return None


_PLACE = re.compile(r"(?<![А-Яа-яЁё])(г\.|город|пос\.|п\.|с\.|ст\.|пгт\.?|р\.\s?п\.|ст-ца|д\.)\s*(" + _NAME + r")\s*$")


def find_place(line: str) -> str | None:
    """'г. Алдан' from a short header line (or the rest of a date/number line)."""
    m = _PLACE.search(line.strip(" ,"))
    if not m or len(line.strip()) > 40 and m.start() > 0 and not re.search(r"\d", line[:m.start()]):
        return None
    kind = m.group(1).replace(" ", "")
    return f"{kind} {recase(m.group(2))}" if kind.endswith(".") else f"{kind} {recase(m.group(2))}"
