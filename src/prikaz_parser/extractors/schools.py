"""Schools named in the document: every mention found by the grammar, merged into one entry per school.

Mentions come from every paragraph and every table cell (nested tables included), each read on
its own; the school kinds are first looked for in all of them at once (`literal_gate.Joined`), so
only the texts that hold one are read further. Mentions are merged when they agree: same kind and number with compatible proper names,
localities and org forms; or, without a number, proper names that rapidfuzz finds alike
("Отрадененская" / "Отраденская"). Candidates are blocked by (kind, number) and by (kind, first
letters of the proper name), so merging stays near-linear on long documents. Every spelling is
kept; categories (ШНОР, ШНСУ, 500+, партнёр, лидер) come from the text around each mention.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from rapidfuzz import fuzz

from ..layout import Cell, Layout, Paragraph, Table
from ..schema import School
from ..schema.common import Provenance
from .literal_gate import Joined, LiteralGate
from .schools_grammar import Mention, Span, find_mentions, kind_gate, kinds_at, mentions_from, vocabulary

Row = list[Cell]
NAME_SIMILARITY = 85  # rapidfuzz ratio above which two proper names are one spelling


@dataclass(slots=True)
class Found:
    mention: Mention
    context: str
    prov: object = None


@lru_cache(maxsize=1)
def _category_rules() -> list[tuple[str, LiteralGate]]:
    return [(cat, LiteralGate(re.compile("|".join(pats), re.I))) for cat, pats in vocabulary()["categories"].items()]


def categories_of(context: str) -> list[str]:
    """Categories whose markers occur in the text around a mention."""
    low = context.lower()  # once for all the gates
    return [cat for cat, rule in _category_rules() if rule.search(context, low)]


Where = tuple[Paragraph | Cell, Row | None]  # the block or cell a text comes from, and a cell's row


def texts_of(layout: Layout) -> tuple[list[str], list[Where]]:
    """The text of every paragraph and table cell (nested tables right after their cell) in document order,
    and where each comes from. Plain loops that append: most cells name no school, and the pass over
    them should cost no more than reading their text."""
    texts: list[str] = []
    where: list[Where] = []

    def table(t: Table) -> None:
        for row in t.rows:
            for c in row:
                if not c.covered:
                    texts.append(c.text)
                    where.append((c, row))
                for n in c.tables:
                    table(n)

    for b in layout.blocks:
        if isinstance(b, Paragraph):
            texts.append(b.full_text)
            where.append((b, None))
        else:
            table(b)
    return texts, where


def _row_text(row: Row) -> str:
    return " ".join(c.text for c in row if not c.covered)


def find_all(layout: Layout) -> list[Found]:
    """Mentions of every text. The kinds are looked for in all texts at once (one lower() and one find
    per leading literal for the document), then only the texts that hold one are read further."""
    texts, where = texts_of(layout)
    out: list[Found] = []
    contexts: dict[int, str] = {}  # a row's text is the context of each of its cells
    for i, found in _mentions_by_text(texts):
        source, row = where[i]
        if row is None:
            context = texts[i]
        elif id(row) in contexts:
            context = contexts[id(row)]
        else:
            context = contexts[id(row)] = _row_text(row)
        out += [Found(m, context, source.prov) for m in found]
    return out


def _mentions_by_text(texts: list[str]) -> Iterator[tuple[int, list[Mention]]]:
    """(index of a text, its mentions) for the texts that name a school, in order."""
    joined = Joined(texts)
    starts = kind_gate().lead_starts(joined.text)
    if starts is None:
        for i, text in enumerate(texts):
            found = list(find_mentions(text))
            if found:
                yield i, found
        return
    kinds: dict[int, list[Span]] = {}
    for start, end in kinds_at(joined.text, starts):
        i, at = joined.locate(start)
        kinds.setdefault(i, []).append((at, at + end - start))
    for i in sorted(kinds):
        found = list(mentions_from(texts[i], kinds[i]))
        if found:
            yield i, found


def _stem(s: str | None) -> str:
    return (s or "").lower().replace("ё", "е")


def _compatible(a: Mention, b: Mention) -> bool:
    """No field that both mentions print disagrees."""
    if a.org_form and b.org_form and a.org_form != b.org_form:
        return False
    if a.locality and b.locality and _stem(a.locality)[:6] != _stem(b.locality)[:6]:
        return False
    if a.number and b.number and a.number != b.number:
        return False
    if a.proper_name and b.proper_name:
        return fuzz.ratio(_stem(a.proper_name), _stem(b.proper_name)) >= NAME_SIMILARITY
    return True


def same_school(a: Mention, b: Mention) -> bool:
    """Rule for merging two mentions of one kind."""
    if a.kind != b.kind or not _compatible(a, b):
        return False
    if a.number and b.number:
        return True
    return bool(a.proper_name and b.proper_name)


class _Union:
    def __init__(self, n: int):
        self.p = list(range(n))

    def find(self, i: int) -> int:
        while self.p[i] != i:
            self.p[i] = self.p[self.p[i]]
            i = self.p[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.p[max(a, b)] = min(a, b)


def _signature(m: Mention) -> tuple:
    return m.kind, m.org_form, m.number, _stem(m.proper_name), _stem(m.locality)


def cluster(found: list[Found]) -> list[list[Found]]:
    """Groups of mentions of one school, in order of first mention."""
    # distinct signatures first: a school named 50 times costs one comparison, not 50
    sigs: dict[tuple, int] = {}
    index = [sigs.setdefault(_signature(f.mention), len(sigs)) for f in found]  # each mention's signature
    reps: list[Mention] = [None] * len(sigs)  # type: ignore[list-item]
    for f, i in zip(found, index):
        reps[i] = reps[i] or f.mention
    uf = _Union(len(reps))
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, m in enumerate(reps):
        if m.number:
            blocks[("n", m.kind, m.number)].append(i)
        if m.proper_name:
            blocks[("p", m.kind, _stem(m.proper_name)[:3])].append(i)
        if not m.number and not m.proper_name:
            blocks[("l", m.kind, _stem(m.locality)[:6])].append(i)
    for members in blocks.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if same_school(reps[i], reps[j]) or (reps[i].locality and not (reps[i].number or reps[i].proper_name)
                                                     and _compatible(reps[i], reps[j])):
                    uf.join(i, j)
    groups: dict[int, list[Found]] = {}
    for f, i in zip(found, index):
        groups.setdefault(uf.find(i), []).append(f)
    return list(groups.values())


def _first(values: list) -> object:
    return next((v for v in values if v), None)


def to_school(group: list[Found], seen: dict[str, list[str]] | None = None) -> School:
    """One school from its mentions; `seen` memoises categories of contexts (a row names several)."""
    ms = [f.mention for f in group]
    spellings = list(dict.fromkeys(m.raw for m in ms))
    seen = {} if seen is None else seen
    cats: list[str] = []
    for f in group:
        if f.context not in seen:
            seen[f.context] = categories_of(f.context)
        cats += [c for c in seen[f.context] if c not in cats]
    org = _first([m.org_form for m in ms])
    kind = ms[0].kind
    number = _first([m.number for m in ms])
    proper = _first([m.proper_name for m in ms])
    loc = _first([m.locality for m in ms])
    name = " ".join(p for p in (org, kind, f"№ {number}" if number else None,
                                f"«{proper}»" if proper else None, loc) if p)
    provs, seen_at = [], set()  # a set of keys: comparing models pairwise is quadratic in mentions
    for f in group:
        q = f.prov
        key = None if q is None else (q.file, q.page, q.table, q.row, q.col, q.span, q.bbox)
        if key is not None and key not in seen_at:
            seen_at.add(key)
            provs.append(Provenance.of(q))
    return School(raw=spellings[0], name=name, org_form=org, kind=kind, number=number, proper_name=proper,
                  locality=loc, spellings=spellings, categories=cats, provenance=provs)


def extract_schools(layout: Layout) -> list[School]:
    seen: dict[str, list[str]] = {}
    return [to_school(g, seen) for g in cluster(find_all(layout))]
