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

Abbreviations come from the document's own definitions ("(далее – УО)") and from
data/abbreviations.tsv; head nouns and classification rules from data/body_kinds.json.
natasha is loaded only for a cell that holds a full name with a patronymic.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..layout import Layout, Table
from ..schema import Abbreviation, Body, BodyKind

# ---------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class Vocab:
    abbreviations: tuple[tuple[str, str, str], ...]  # (short, full, role)
    roles: dict[str, str]  # single-token short -> role
    kinds: tuple[tuple[str, str, re.Pattern], ...]  # (rule, kind, pattern)
    heads: frozenset[str]  # nominative forms that open a body, as printed (capitalised)
    heads_lower: frozenset[str]
    takes_complement: tuple[str, ...]
    function_words: frozenset[str]


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


# ---------------------------------------------------------------- protected spans


def protected(text: str) -> list[bool]:
    """Which characters lie inside a closed «…», "…" or (…) (an unclosed quote protects nothing)."""
    mask = [False] * len(text)
    stack: list[tuple[str, int]] = []
    pairs = {"»": "«", ")": "(", "”": "“"}
    straight: int | None = None
    for i, ch in enumerate(text):
        if ch in "«(“":
            stack.append((ch, i))
        elif ch in pairs:
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == pairs[ch]:
                    for j in range(stack[k][1], i + 1):
                        mask[j] = True
                    del stack[k:]
                    break
        elif ch == '"':
            if straight is None:
                straight = i
            else:
                for j in range(straight, i + 1):
                    mask[j] = True
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
    for line in (re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.split("\n")):
        if not line:
            continue
        if out and wrapped_line(out[-1], line, roles):
            out[-1] = out[-1] + line if out[-1].endswith("-") else f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


# ---------------------------------------------------------------- pass 2: separators


def _separators(line: str) -> list[str]:
    mask, parts, start = protected(line), [], 0
    for i, ch in enumerate(line):
        if ch not in ",;" or mask[i]:
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


def _runs(part: str, roles: dict[str, str]) -> list[tuple[str, str | None]]:
    """Split one separator-delimited part into (text, rule that opened it)."""
    mask = protected(part)
    toks = [(m.group(), m.start()) for m in re.finditer(r"\S+", part)]
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
            rule = next((r.__name__ for r in RUN_RULES if r(seg, tok, nxt, roles)), None)
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


def clean(raw: str) -> str:
    """Drop bullets, list numbers and trailing separators; keep the dot of initials ("Сухина О.В.")."""
    s = _BULLET.sub("", raw.strip())
    s = s.strip(" ,;:")
    if s.endswith(".") and not re.search(r"(?:^|[\s.])[А-ЯЁ]\.$", s):
        s = s[:-1].rstrip()
    return s


def explain(text: str, abbreviations: list[Abbreviation] | None = None) -> list[tuple[str, str]]:
    """Each part of a responsible cell with the rule that opened it (`start` for the first)."""
    roles = _roles(abbreviations)
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
    table = _abbr_table(abbreviations)
    return [make_body(raw, table) for raw, _ in explain(text, abbreviations)]


# ---------------------------------------------------------------- abbreviations of one body


def _abbr_table(abbreviations: list[Abbreviation] | None) -> list[tuple[str, str, str]]:
    """(short, full, role): the document's first, then the dictionary; longest short first."""
    v = vocab()
    seen, out = set(), []
    for a in abbreviations or []:
        if a.short not in seen:
            seen.add(a.short)
            out.append((a.short, a.full, v.roles.get(a.short) or _doc_role(a)))
    for s, f, r in v.abbreviations:
        if s not in seen:
            seen.add(s)
            out.append((s, f, r))
    return sorted(out, key=lambda x: -len(x[0]))


def _doc_role(a: Abbreviation) -> str:
    single = " " not in a.short and bool(_ABBR.match(a.short))
    return "body" if single and classify(a.full) != "other" else "term"


def _roles(abbreviations: list[Abbreviation] | None) -> dict[str, str]:
    return {s: r for s, _, r in _abbr_table(abbreviations) if " " not in s}


def _word_re(short: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(short)}(?!\w)")


def resolve(raw: str, table: list[tuple[str, str, str]]) -> tuple[str | None, str | None]:
    """(abbreviation, expanded name) for a body that is or contains known abbreviations."""
    found: list[tuple[int, int, str, str]] = []
    for short, full, _ in table:
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


def _is_noun(tok: str) -> bool:
    w = tok.strip(",;:")
    if not re.fullmatch(r"[А-ЯЁа-яё-]+", w) or w.lower() in vocab().function_words:
        return _role(w, vocab().roles) == "unit"  # "ИМО МОУ …": a unit takes its owner's genitive
    return not is_adjective(w)


@lru_cache(maxsize=512)
def genitive(full: str) -> str:
    """The genitive of a full name's head phrase: "общеобразовательные организации" ->
    "общеобразовательных организаций" (adjectives up to and including the first noun)."""
    from ..nlp import morph
    words, out, done = full.split(" "), [], False
    for w in words:
        if done or not re.fullmatch(r"[А-ЯЁа-яё-]+", w):
            done = True
            out.append(w)
            continue
        parses = morph().parse(w)
        p = next((x for x in parses if "nomn" in x.tag), None)
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
    for text in (name, expanded):
        if not text:
            continue
        hits = [(m.start(), i, rule, kind) for i, (rule, kind, p) in enumerate(vocab().kinds)
                if (m := p.search(text))]
        if hits:
            _, _, rule, kind = min(hits)
            return kind, rule  # type: ignore[return-value]
    return "other", None


# ---------------------------------------------------------------- people

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


def make_body(raw: str, table: list[tuple[str, str, str]] | None = None) -> Body:
    """One Body from its printed text: abbreviation, name, kind, person and position."""
    short, name = resolve(raw, table if table is not None else _abbr_table(None))
    person = find_person(raw)
    if person:
        who, (a, b) = person
        position = (raw[:a] + " " + raw[b:]).strip(" ,;:–—-")
        position = re.sub(r"\s+", " ", position).replace(" ,", ",") or None
        return Body(raw=raw, name=name, kind="person", abbreviation=short, person=who, position=position)
    return Body(raw=raw, name=name, kind=classify(raw, name), abbreviation=short)


# ---------------------------------------------------------------- definitions in the document

_DEFINITION = re.compile(r"\(\s*далее\s*(?:по\s+тексту\s*)?(?:[-–—:]\s*)?[«\"“']?\s*"
                         r"(?P<short>[^()«»\"“”']{1,60}?)\s*[»\"”']?\s*\)", re.I)
_CLAUSE_END = re.compile(r"[;:(\n]|(?<=[а-яё]{4})\.\s")


def _texts(layout: Layout) -> list[str]:
    out: list[str] = [p.full_text for p in layout.paragraphs()]

    def cells(t: Table) -> None:
        for row in t.rows:
            for c in row:
                if not c.covered and c.text:
                    out.append(c.text)
    for t in layout.tables():
        cells(t)
    return out


def _content_words(clause: str) -> list[re.Match]:
    fw = vocab().function_words
    return [m for m in re.finditer(r"[«\"“]?[А-ЯЁа-яёA-Za-z][\w-]*", clause) if m.group().lower() not in fw]


def _acronym_start(words: list[re.Match], letters: str) -> int | None:
    """Rightmost word from which the content words' initials spell the acronym."""
    for split_hyphens in (True, False):
        initials = []  # (word index, letter)
        for i, m in enumerate(words):
            w = m.group().lstrip("«\"“")
            parts = w.split("-") if split_hyphens else [w]
            initials += [(i, p[0].lower()) for p in parts if p]
        seq = "".join(c for _, c in initials)
        for k in range(len(initials) - 1, -1, -1):
            if (k == 0 or initials[k - 1][0] != initials[k][0]) and seq[k:].startswith(letters):
                return initials[k][0]
    return None


def full_name(before: str, short: str) -> str:
    """The noun phrase that a "(далее – short)" defines, from the text before the parenthesis."""
    cut = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
    clause = before[cut:].rstrip(" ,–—-")
    words = _content_words(clause)
    if not words:
        return clause.strip()
    start = None
    letters = "".join(c.lower() for c in short if c.isupper())
    if " " not in short.strip() and len(letters) >= 2 and letters == short.lower().replace("-", ""):
        start = _acronym_start(words, letters)
    elif " " in short.strip() and re.fullmatch(r"[А-ЯЁ\s и]+", short) and len(letters) >= 2:
        start = _acronym_start(words, letters)  # "МКУ ЦРО и ОК"
    if start is None:
        first = short.split()[0].lower()
        stem = first[:4] if len(first) > 4 else first
        idx = [i for i, m in enumerate(words) if m.group().lower().lstrip("«\"“").startswith(stem)]
        if idx:
            start = idx[-1]
            while start > 0 and is_adjective(words[start - 1].group()) and words[start - 1].end() + 2 >= words[start].start():
                start -= 1
    if start is None:
        start = max(0, len(words) - 8)
    full = clause[words[start].start():].strip(" ,")
    return same_head(full, short)


def same_head(full: str, short: str) -> str:
    """Put the defined short's own form of a shared head word into the full name:
    "школах с низкими …" defined as "школы с НОР" -> "школы с низкими …"."""
    f, s = full.split(" ", 1) + [""], short.split()[0]
    head, rest = f[0], f[1]
    word, tail = re.match(r"^(.*?)([,;:]*)$", head).groups()  # type: ignore[union-attr]
    n = min(4, len(s) - 1)
    if n >= 3 and word.lower()[:n] == s.lower()[:n] and word.isalpha() and s.isalpha():
        word = s[0].upper() + s[1:] if word[0].isupper() else s.lower()
    return f"{word}{tail} {rest}".strip()


def find_abbreviations(layout: Layout) -> list[Abbreviation]:
    """The document's own "(далее – X)" definitions, then dictionary abbreviations it uses."""
    texts = _texts(layout)
    out: list[Abbreviation] = []
    seen: set[str] = set()
    for text in texts:
        for m in _DEFINITION.finditer(text):
            short = m.group("short").strip(" .,")
            if not short or len(short.split()) > 6 or short in seen:
                continue
            full = full_name(text[:m.start()], short)
            if full and full != short:
                seen.add(short)
                out.append(Abbreviation(short=short, full=full, source="document"))
    whole = "\n".join(texts)
    for short, full, _ in vocab().abbreviations:
        if short not in seen and _word_re(short).search(whole):
            seen.add(short)
            out.append(Abbreviation(short=short, full=full, source="dictionary"))
    return out
