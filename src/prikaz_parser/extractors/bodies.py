"""Responsible bodies: splitting a cell into bodies and people, resolving abbreviations, classifying.

A responsible cell ("УО, МКУ ЦРО и ОК", "Отдел образования Образовательные организации",
"заместитель директора по УВР Иванова И.И.") becomes a list of `Body`, each `raw` as printed.
Splitting is three passes of small named rules; `explain(text)` tells which rule opened each part:

1. lines: a line break separates, unless the line was wrapped (`wrapped_line`);
2. separators: "," and ";" outside «…», "…" and (…) separate (`separator`), except between
   digits; a bare person followed by a lower-case position is one body (`person_then_position`),
   and so is a position followed by more term abbreviations ("по УВР, ВР": `term_list`);
3. runs: inside a part a new body starts where a capitalised head noun follows a name that ends
   in a noun (`head_noun`), where a body abbreviation follows a complete name (`abbreviation`),
   at "и" between two complete bodies (`conjunction`), or after a complete person (`person_run`).

Abbreviations come from the document's own definitions (`abbreviations.py`) and from
data/abbreviations.tsv; head nouns and classification rules from data/body_kinds.json
(`bodies_vocab.py`); people from `people.py` (natasha only for a full name with a patronymic).
"""
from __future__ import annotations

import re
from functools import lru_cache
from operator import attrgetter

from ..memo import text_cache
from ..schema import Abbreviation, Body, BodyKind
from ..whitespace import squeeze_blanks
from .bodies_vocab import (_ABBR, _CAPWORD, _INITIALS, _PUNCT, _bare, _noun_final, _role, _takes_complement,
                           _word_re, is_adjective, is_complete, vocab)
from .literal_gate import LiteralGate
from .people import _INITIALS_FIRST, _PATRONYMIC, _SURNAME_FIRST, find_person

# ---------------------------------------------------------------- protected spans


_QUOTE_OR_BRACKET = re.compile(r'[«(“»)”"]')


def protected(text: str) -> list[bool]:
    """Which characters lie inside a closed «…», "…" or (…) (an unclosed quote protects nothing).

    Only quotes and brackets change the state, so the loop visits just them (most cells have none)."""
    mask = [False] * len(text)
    stack: list[tuple[str, int]] = []
    pairs = {"»": "«", ")": "(", "”": "“"}
    straight: int | None = None
    for m in _QUOTE_OR_BRACKET.finditer(text):
        ch, i = m.group(), m.start()
        if ch in "«(“":
            stack.append((ch, i))
        elif ch in pairs:
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == pairs[ch]:
                    mask[stack[k][1]:i + 1] = [True] * (i + 1 - stack[k][1])
                    del stack[k:]
                    break
        elif straight is None:  # '"'
            straight = i
        else:
            mask[straight:i + 1] = [True] * (i + 1 - straight)
            straight = None
    return mask


# ---------------------------------------------------------------- pass 1: lines


def _starts_body(word: str, roles: dict[str, str]) -> bool:
    w = _bare(word)
    return w.lower() in vocab().heads_lower or _role(w, roles) in ("body", "org_form")


def wrapped_line(prev: str, nxt: str, roles: dict[str, str]) -> bool:
    """Is `nxt` the continuation of a wrapped `prev` ("Отдел по образованию и" / "молодежной политике")?"""
    toks, first = prev.split(), nxt.split()[0]
    if prev.endswith("-") and not prev.endswith(" -"):
        return True
    if first.startswith("(") or first.lower() in vocab().function_words:
        return True
    if not is_complete(toks, roles):
        return not (_starts_body(first, roles) and first[:1].isupper())
    return first[:1].islower() and not _starts_body(first, roles)


def _lines(text: str, roles: dict[str, str]) -> list[str]:
    out: list[str] = []
    for line in (squeeze_blanks(ln).strip() for ln in text.split("\n")):
        if not line:
            continue
        if out and wrapped_line(out[-1], line, roles):
            out[-1] = out[-1] + line if out[-1].endswith("-") else f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


# ---------------------------------------------------------------- pass 2: separators


_SLASHED = re.compile(r"(?<![А-ЯЁA-Z])[А-ЯЁ]{2,6}$")


def _slash_between_abbreviations(line: str, i: int) -> bool:
    """"УО/ММС": a slash between two abbreviations lists two bodies (not "п/п", not "2022/2023")."""
    return bool(_SLASHED.search(line[:i].rstrip())) and bool(_SLASHED_NEXT.match(line[i + 1:]))


_SLASHED_NEXT = re.compile(r"\s*[А-ЯЁ]{2,6}(?![А-ЯЁа-яё])")


_SEPARATOR = re.compile(r"[,;/]")


def _separators(line: str) -> list[str]:
    mask, parts, start = protected(line), [], 0
    for sep in _SEPARATOR.finditer(line):  # only the separators themselves, not every character
        ch, i = sep.group(), sep.start()
        if mask[i]:
            continue
        if ch == "/" and not _slash_between_abbreviations(line, i):
            continue
        if ch == "," and i and line[i - 1].isdigit() and line[i + 1:i + 3].strip()[:1].isdigit():
            continue  # "№№ 5, 6"
        parts.append(line[start:i])
        start = i + 1
    parts.append(line[start:])
    return [p.strip() for p in parts if p.strip(_PUNCT)]


_PERSON_ONLY = re.compile(r"^(?:[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
                          r"|[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.?)?"
                          r"|[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вич|ьич|вна|ична|инична))$")


def person_then_position(prev: str, nxt: str) -> bool:
    """"Иванова И.И., заместитель директора по УВР" is one person with a position."""
    return bool(_PERSON_ONLY.match(prev.strip())) and nxt[:1].islower() and _takes_complement(nxt.split()[0])


def term_list(prev: str, nxt: str, roles: dict[str, str]) -> bool:
    """"Заместители директоров по УВР, ВР": a list of term abbreviations continues the position."""
    toks = nxt.split()
    return bool(toks) and all(_role(t, roles) == "term" for t in toks) and \
        _role(prev.split()[-1], roles) == "term"


# ---------------------------------------------------------------- pass 3: runs


def head_noun(seg: list[str], tok: str, nxt: str | None, roles: dict[str, str]) -> bool:
    """"Отдел образования | Образовательные организации": a capitalised head after a noun."""
    return tok in vocab().heads and _noun_final(seg, roles) and not _INITIALS.match(seg[-1])


def abbreviation(seg: list[str], tok: str, nxt: str | None, roles: dict[str, str]) -> bool:
    """"Комитет образования | ММС", "Руководители ОО | РМО": a body abbreviation after a complete name."""
    return _role(tok, roles) in ("body", "org_form") and _bare(tok) == tok.rstrip(",;.") \
        and is_complete(seg, roles)


def conjunction(seg: list[str], tok: str, nxt: str | None, roles: dict[str, str]) -> bool:
    """"УО | и | ОО": "и" between two bodies (not "Отдел по образованию и молодежной политике")."""
    return tok == "и" and nxt is not None and is_complete(seg, roles) and _starts_body(nxt, roles) \
        and not (_takes_complement(nxt) and nxt[:1].islower())


def person_run(seg: list[str], tok: str, nxt: str | None, roles: dict[str, str]) -> bool:
    """"Иванов И.И. | Петров П.П.", "И.И. Иванов | П.П. Петров": a new name after a complete one."""
    if len(seg) < 2:
        return False
    surname_first = _INITIALS.match(seg[-1]) and _CAPWORD.match(seg[-2])
    initials_first = _CAPWORD.match(seg[-1]) and _INITIALS.match(seg[-2])
    return bool((surname_first and (_CAPWORD.match(tok) or _INITIALS.match(tok)))
                or (initials_first and _INITIALS.match(tok)))


RUN_RULES = [head_noun, abbreviation, conjunction, person_run]
_TOKEN = re.compile(r"\S+")


def _opening_rule(seg: list[str], tok: str, nxt: str | None, roles: dict[str, str]) -> str | None:
    """The first rule of `RUN_RULES` that opens a new body at `tok` (a plain loop: this runs per token)."""
    for rule in RUN_RULES:
        if rule(seg, tok, nxt, roles):
            return rule.__name__
    return None


def _runs(part: str, roles: dict[str, str]) -> list[tuple[str, str | None]]:
    """Split one separator-delimited part into (text, rule that opened it)."""
    mask = protected(part)
    toks = [(m.group(), m.start()) for m in _TOKEN.finditer(part)]
    out: list[tuple[str, str | None]] = []
    seg: list[str] = []
    start, opened = 0, None
    skip = False
    for k, (tok, pos) in enumerate(toks):
        if skip:
            skip, start = False, pos
            seg = [tok]
            continue
        nxt = toks[k + 1][0] if k + 1 < len(toks) else None
        rule = None
        if seg and not mask[pos]:
            rule = _opening_rule(seg, tok, nxt, roles)
        if rule:
            out.append((part[start:pos], opened))
            opened = rule
            if rule == "conjunction":  # drop the "и" itself
                skip = True
                continue
            start, seg = pos, []
        seg.append(tok)
    out.append((part[start:], opened))
    return [(t.strip(), r) for t, r in out if t.strip()]


# ---------------------------------------------------------------- the splitter


_BULLET = re.compile(r"^(?:[-–—•·*]\s*|\d{1,2}[.)]\s+|[а-я]\)\s*)")


_INITIAL_END = re.compile(r"(?:^|[\s.])[А-ЯЁ]\.$")


def clean(raw: str) -> str:
    """Drop bullets, list numbers and trailing separators; keep the dot of initials ("Сухина О.В.")."""
    s = _BULLET.sub("", raw.strip())
    s = s.strip(" ,;:")
    if s.endswith(".") and not _INITIAL_END.search(s):
        s = s[:-1].rstrip()
    return s


def explain(text: str, abbreviations: list[Abbreviation] | None = None) -> list[tuple[str, str]]:
    """Each part of a responsible cell with the rule that opened it (`start` for the first)."""
    return _explain(text, _roles(abbreviations))


def _explain(text: str, roles: dict[str, str]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for li, line in enumerate(_lines(text or "", roles)):
        parts = _separators(line)
        merged: list[str] = []
        for p in parts:
            if merged and (person_then_position(merged[-1], p) or term_list(merged[-1], p, roles)):
                merged[-1] = f"{merged[-1]}, {p}"
            else:
                merged.append(p)
        for pi, part in enumerate(merged):
            for raw, rule in _runs(_BULLET.sub("", part), roles):
                raw = clean(raw)
                if not raw:
                    continue
                why = rule or ("separator" if pi else "line_break" if li else "start")
                out.append((raw, why if out else "start"))
    return out


def split_responsible(text: str, abbreviations: list[Abbreviation] | None = None) -> list[Body]:
    """A responsible cell as bodies and people, each as printed, resolved and classified."""
    return [b.fresh_copy() for b in _split_cached(text, _defined(abbreviations))]


@text_cache(maxsize=20_000)
def _split_cached(text: str, defined: tuple[tuple[str, str], ...]) -> tuple[Body, ...]:
    """The same cell ("УО, ОО") recurs down a roadmap: split it once per document's definitions."""
    table = _abbr_table_of(defined)
    return tuple(make_body(raw, table) for raw, _ in _explain(text, _roles_of(defined)))


# ---------------------------------------------------------------- abbreviations of one body


class AbbrTable(list):
    """(short, full, role) rows, longest short first, and `candidates(raw)`: the rows whose short may
    occur in raw as a whole word, in table order (a body has a few words; the table ~100 rows)."""

    def __init__(self, rows: list[tuple[str, str, str]]):
        super().__init__(rows)
        self.by_word: dict[str, list[int]] = {}  # the first word of a short -> its rows
        self.unkeyed: list[int] = []  # shorts that start with no word character: always tried
        for i, (short, _, _) in enumerate(rows):
            key = _WORD.match(short)
            if key is None:
                self.unkeyed.append(i)
            else:
                self.by_word.setdefault(key.group(), []).append(i)

    def candidates(self, raw: str) -> list[tuple[str, str, str]]:
        """A whole-word match of a short starting with a word character starts a word of raw and
        that word is the short's first word (the character after it is not a word character, in
        the short or, by `_word_re`, in raw), so only rows keyed by a word of raw can match."""
        rows = [i for w in set(_WORD.findall(raw)) for i in self.by_word.get(w, ())]
        if self.unkeyed:
            rows += self.unkeyed
        if len(rows) > 1:
            rows.sort()
        return [self[i] for i in rows]


_WORD = re.compile(r"\w+")


def _abbr_table(abbreviations: list[Abbreviation] | None) -> AbbrTable:
    """(short, full, role): the document's first, then the dictionary; longest short first."""
    return _abbr_table_of(_defined(abbreviations))


_SHORT_FULL = attrgetter("short", "full")


def _defined(abbreviations: list[Abbreviation] | None) -> tuple[tuple[str, str], ...]:
    """A document's definitions as a hashable cache key: ((short, full), …) (built in C: every
    responsible cell asks for it)."""
    return tuple(map(_SHORT_FULL, abbreviations or ()))


@text_cache(maxsize=256)
def _abbr_table_of(defined: tuple[tuple[str, str], ...]) -> AbbrTable:
    """The table for one document's definitions, built once (every responsible cell asks for it)."""
    v = vocab()
    seen, out = set(), []
    for short, full in defined:
        if short not in seen:
            seen.add(short)
            out.append((short, full, v.roles.get(short) or _doc_role(short, full)))
    for s, f, r in v.abbreviations:
        if s not in seen:
            seen.add(s)
            out.append((s, f, r))
    return AbbrTable(sorted(out, key=lambda x: -len(x[0])))


def _doc_role(short: str, full: str) -> str:
    single = " " not in short and bool(_ABBR.match(short))
    return "body" if single and classify(full) != "other" else "term"


def _roles(abbreviations: list[Abbreviation] | None) -> dict[str, str]:
    return _roles_of(_defined(abbreviations))


@text_cache(maxsize=256)
def _roles_of(defined: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return {s: r for s, _, r in _abbr_table_of(defined) if " " not in s}


def resolve(raw: str, table: AbbrTable) -> tuple[str | None, str | None]:
    """(abbreviation, expanded name) for a body that is or contains known abbreviations."""
    found: list[tuple[int, int, str, str]] = []
    for short, full, _ in table.candidates(raw):
        if short not in raw:  # a plain substring test before the regex: most abbreviations are absent
            continue
        for m in _word_re(short).finditer(raw):
            if not any(a < m.end() and m.start() < b for a, b, _, _ in found):
                found.append((m.start(), m.end(), short, full))
    if not found:
        return None, None
    found.sort()
    name = raw
    for a, b, _, full in reversed(found):
        before = raw[:a].split()
        if before and _is_noun(before[-1]):  # "педагоги ОО" -> "педагоги общеобразовательных организаций"
            full = genitive(full)
        name = name[:a] + full + name[b:]
    first = max(found, key=lambda f: (f[1] - f[0], -f[0]))
    return first[2], name


_CYRILLIC_WORD = re.compile(r"[А-ЯЁа-яё-]+")


def _is_noun(tok: str) -> bool:
    w = tok.strip(",;:")
    if not _CYRILLIC_WORD.fullmatch(w) or w.lower() in vocab().function_words:
        return _role(w, vocab().roles) == "unit"  # "ИМО МОУ …": a unit takes its owner's genitive
    return not is_adjective(w)


@lru_cache(maxsize=512)  # full names come from the vocabulary and the document's definitions
def genitive(full: str) -> str:
    """The genitive of a full name's head phrase: "общеобразовательные организации" ->
    "общеобразовательных организаций" (adjectives up to and including the first noun)."""
    from ..nlp import parses
    words, out, done = full.split(" "), [], False
    for w in words:
        if done or not _CYRILLIC_WORD.fullmatch(w):
            done = True
            out.append(w)
            continue
        found = parses(w)
        p = next((x for x in found if "nomn" in x.tag), None)
        g = p.inflect({"gent"}) if p else None
        if p is None or g is None:
            done = True
            out.append(w)
            continue
        out.append(g.word[0].upper() + g.word[1:] if w[0].isupper() else g.word)
        done = p.tag.POS == "NOUN"
    return " ".join(out)


# ---------------------------------------------------------------- classification


def classify(name: str, expanded: str | None = None) -> BodyKind:
    """The kind of a body by the rule whose match starts earliest (ties by rule order)."""
    return explain_kind(name, expanded)[0]


def explain_kind(name: str, expanded: str | None = None) -> tuple[BodyKind, str | None]:
    v = vocab()
    for text in (name, expanded):
        if not text:
            continue
        m = v.kinds_any.search(text)  # the earliest match of any rule, ties by rule order
        if m:
            rule, kind, _ = v.kinds[int(m.lastgroup[1:])]  # type: ignore[index]
            return kind, rule  # type: ignore[return-value]
    return "other", None


@lru_cache(maxsize=1)
def _person_literals() -> tuple[str, ...] | None:
    """Literals one of which every person `find_person` finds contains: the dot of initials, a
    patronymic's ending. Read off people.py's own patterns, so they stay true if those change;
    None (always ask) if a pattern has no such literal."""
    gates = [LiteralGate(p) for p in (_INITIALS_FIRST, _SURNAME_FIRST, _PATRONYMIC)]
    if any(g.literals is None or g.folded or g.digit for g in gates):
        return None
    return tuple(sorted({s for g in gates for s in g.exact}))


def _may_name_person(raw: str) -> bool:
    """Most bodies print no dot and no patronymic: `find_person` (three regexes, one led by a
    look-behind that scans every character) is asked only when one of its literals is there."""
    literals = _person_literals()
    if literals is None:
        return True
    for s in literals:  # a plain loop: `any(genexpr)` costs more than the lookups on a short body
        if s in raw:
            return True
    return False


_SPACES = re.compile(r"\s+")


def make_body(raw: str, table: AbbrTable | None = None) -> Body:
    """One Body from its printed text: abbreviation, name, kind, person and position."""
    short, name = resolve(raw, table if table is not None else _abbr_table(None))
    person = find_person(raw) if _may_name_person(raw) else None
    if person:
        who, (a, b) = person
        position = (raw[:a] + " " + raw[b:]).strip(" ,;:–—-")
        position = _SPACES.sub(" ", position).replace(" ,", ",") or None
        return Body(raw=raw, name=name, kind="person", abbreviation=short, person=who, position=position)
    return Body(raw=raw, name=name, kind=classify(raw, name), abbreviation=short)
