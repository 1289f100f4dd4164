"""Cheap gates in front of expensive regexes: literals that every match must contain.

Python's `re` scans Cyrillic text at ~15-50 ns a character when a pattern starts with a
look-behind, an alternation or a case-insensitive class (it cannot skip ahead to a literal
prefix); `str.__contains__` scans the same text in well under 1 ns a character. A
`LiteralGate` is read off the pattern itself (`re._parser`): for each alternative, one run
of literal characters that every match of that alternative contains. A text containing
none of the gate's literals cannot match, so the regex is not run on it.

    >>> gate = LiteralGate(re.compile(r"(?<!\\w)(?:(?i:средн\\w* школ\\w*)|(?i:школ[аы])|СОШ)"))
    >>> sorted(gate.literals)
    [('СОШ', False), ('школ', True)]
    >>> gate.may_match("Приказ по МБОУ СОШ № 5"), gate.may_match("Приказ по управлению")
    (True, False)

Case-insensitive literals are kept lower-cased and looked up in the lower-cased text.
A mandatory digit ([0-9], \\d) counts as a literal too (`DIGIT`): a date rule needs one.
A pattern with an alternative that has no mandatory literal gets an open gate (always True).
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from re import _constants as C
from re import _parser

from ..vocab import data_text

Literal = tuple[str, bool]  # (text, case-insensitive)
Option = frozenset  # of Literal: a match contains at least one of them
DIGIT: Literal = ("\\d", False)  # not a literal: any decimal digit (a date, a number)
_DIGIT = re.compile(r"\d")
MIN_PREFIX = 4  # a shorter common prefix of word forms occurs in too many texts to be a gate
REFERENCE = "labelled_measures.tsv"  # where a literal's frequency in typical text is counted


def _options(seq, ci: bool) -> list[Option]:
    """Options of a parsed sequence: each is a set of literals one of which every match contains."""
    out: list[Option] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            s = "".join(run)
            out.append(frozenset({(s.lower() if ci else s, ci)}))
            run.clear()

    for op, av in seq:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is C.SUBPATTERN:
            _group, add, dele, inner = av
            inner_ci = (ci or bool(add & re.I)) and not (dele & re.I)
            out += _options(inner, inner_ci)
        elif op is C.BRANCH:
            picked = _common_prefix(av[1], ci) or _cover([_options(alt, ci) for alt in av[1]])
            if picked is not None:
                out.append(picked)
        elif op is C.IN and _is_digit_class(av):
            out.append(frozenset({DIGIT}))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            out += _options(av[2], ci)
        elif op is C.ATOMIC_GROUP:
            out += _options(av, ci)
    flush()
    return out


def _is_digit_class(items) -> bool:
    """[0-9] or \\d (and nothing else) as parsed."""
    return items in ([(C.CATEGORY, C.CATEGORY_DIGIT)], [(C.RANGE, (48, 57))])


def _common_prefix(alternatives, ci: bool) -> Option | None:
    """'ленинградская|ленинградской|…' → {'ленинградск'}: the prefix of word forms, when long enough."""
    words = []
    for alt in alternatives:
        if not alt or any(op is not C.LITERAL for op, _ in alt):
            return None
        words.append("".join(chr(av) for _, av in alt))
    prefix = os.path.commonprefix([w.lower() for w in words] if ci else words)
    return frozenset({(prefix, ci)}) if len(prefix) >= MIN_PREFIX else None


@lru_cache(maxsize=1)
def _reference() -> tuple[str, str]:
    """Typical document text (the labelled roadmap measures), as printed and lower-cased."""
    text = data_text(REFERENCE)
    return text, text.lower()


@lru_cache(maxsize=4096)
def _frequency(lit: Literal) -> int:
    exact, low = _reference()
    if lit == DIGIT:
        return len(_DIGIT.findall(exact))
    return (low if lit[1] else exact).count(lit[0])


def _selective(o: Option) -> tuple[int, int, int]:
    """Literals rare in typical text first, then longer ones, then fewer lookups."""
    return -max(_frequency(lit) for lit in o), min(len(lit[0]) for lit in o), -len(o)


def _cover(alternatives: list[list[Option]]) -> Option | None:
    """One option for a set of alternatives: the most selective option of each, then without
    the literals the rest already imply ('основн' goes when 'школ' is chosen for another
    alternative and this one also contains 'школ')."""
    if any(not opts for opts in alternatives):
        return None
    chosen: set[Literal] = set()
    for opts in alternatives:
        chosen |= max(opts, key=_selective)
    for lit in sorted(chosen, key=lambda x: (-_frequency(x), len(x[0]))):  # common ones go first
        rest = chosen - {lit}
        if all(any(_implied(o, rest) for o in opts) for opts in alternatives):
            chosen = rest
    return frozenset(_minimal(chosen))


def _implied(option: Option, chosen: set[Literal]) -> bool:
    """Every literal of option contains a chosen one: text with option's literal passes the gate."""
    return all(lit in chosen or any(c != DIGIT and lit != DIGIT and c[1] == lit[1] and c[0] in lit[0]
                                    for c in chosen) for lit in option)


def _minimal(lits: set[Literal]) -> set[Literal]:
    """Drop a literal that contains another one of the same case mode (the shorter one suffices)."""
    return {a for a in lits
            if a == DIGIT or not any(b != a and b != DIGIT and b[1] == a[1] and b[0] in a[0] for b in lits)}


class LiteralGate:
    """`may_match(text)`: False only when the pattern cannot match text."""

    def __init__(self, pattern: re.Pattern):
        options = _options(_parser.parse(pattern.pattern, pattern.flags), bool(pattern.flags & re.I))
        best = max(options, key=_selective, default=None)
        self.literals: frozenset[Literal] | None = best
        self.folded = tuple(s for s, ci in best if ci) if best else ()
        self.exact = tuple(s for s, ci in best if not ci and (s, ci) != DIGIT) if best else ()
        self.digit = bool(best) and DIGIT in best

    def may_match(self, text: str) -> bool:
        if self.literals is None:
            return True
        for s in self.exact:  # plain loops: `any(genexpr)` costs more than the lookups on short text
            if s in text:
                return True
        if self.digit and _DIGIT.search(text):
            return True
        if self.folded:
            low = text.lower()
            for s in self.folded:
                if s in low:
                    return True
        return False
