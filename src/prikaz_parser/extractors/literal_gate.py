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

An `AlternativesGate` is sharper for a pattern that is one alternation of phrases: it keeps every
literal each alternative needs, and a word stem followed by a few endings counts as its word forms
('школ(?:а|ы|е|у|ой)' needs one of 'школа', 'школы', …). "средн\\w* общеобразовательн\\w* школ\\w*" then
needs all three stems, so "поддержки школ с низкими результатами" is rejected.

    >>> gate = AlternativesGate(re.compile(r"(?i:средн\\w* школ\\w*)|(?i:школ(?:а|ы))|СОШ"))
    >>> gate.may_match("поддержка школ"), gate.may_match("средние школы"), gate.may_match("школьный")
    (False, True, False)

For many short texts (every paragraph and cell of a document), `Joined` puts them in one string and
`AlternativesGate.lead_starts` finds every leading literal there with one lower() and one `find` per
literal, instead of a lower() and a round of lookups per text.
"""
from __future__ import annotations

import os
import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, count
from operator import add
from re import _constants as C
from re import _parser

from ..vocab import data_text

Literal = tuple[str, bool]  # (text, case-insensitive)
Option = frozenset  # of Literal: a match contains at least one of them
DIGIT: Literal = ("\\d", False)  # not a literal: any decimal digit (a date, a number)
_DIGIT = re.compile(r"\d")
MIN_PREFIX = 4  # a shorter common prefix of word forms occurs in too many texts to be a gate
REFERENCE = "labelled_measures.tsv"  # where a literal's frequency in typical text is counted


def _options(seq, ci: bool, forms: bool = False) -> list[Option]:
    """Options of a parsed sequence: each is a set of literals one of which every match contains.
    With `forms`, a literal run followed by a few literal endings gives the word forms (`_word_forms`)."""
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
        endings = _endings(op, av) if forms and run else None
        if endings:
            stem = "".join(run)
            out.append(frozenset({((stem + e).lower() if ci else stem + e, ci) for e in endings}))
            run.clear()
            continue
        flush()
        if op is C.SUBPATTERN:
            _group, add, dele, inner = av
            inner_ci = (ci or bool(add & re.I)) and not (dele & re.I)
            out += _options(inner, inner_ci, forms)
        elif op is C.BRANCH:
            picked = _common_prefix(av[1], ci) or _cover([_options(alt, ci, forms) for alt in av[1]])
            if picked is not None:
                out.append(picked)
        elif op is C.IN and _is_digit_class(av):
            out.append(frozenset({DIGIT}))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            out += _options(av[2], ci, forms)
        elif op is C.ATOMIC_GROUP:
            out += _options(av, ci, forms)
    flush()
    return out


MAX_ENDINGS = 8  # more endings than this and the stem alone is the better literal


def _endings(op, av) -> list[str] | None:
    """'(?:а|ы|ой)' or '[аы]' as parsed → ['а', 'ы', 'ой']: every alternative a plain literal."""
    if op is C.BRANCH:
        alts = av[1]
        if len(alts) <= MAX_ENDINGS and all(alt and all(o is C.LITERAL for o, _ in alt) for alt in alts):
            return ["".join(chr(c) for _, c in alt) for alt in alts]
    elif op is C.IN and 0 < len(av) <= MAX_ENDINGS and all(o is C.LITERAL for o, _ in av):
        return [chr(c) for _, c in av]
    return None


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
    """`may_match(text)`: False only when the pattern cannot match text; `search(text)`: the
    pattern's search, run only when the gate lets the text through."""

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        options = _options(_parser.parse(pattern.pattern, pattern.flags), bool(pattern.flags & re.I))
        best = max(options, key=_selective, default=None)
        self.literals: frozenset[Literal] | None = best
        self.folded = tuple(s for s, ci in best if ci) if best else ()
        self.exact = tuple(s for s, ci in best if not ci and (s, ci) != DIGIT) if best else ()
        self.digit = bool(best) and DIGIT in best

    def may_match(self, text: str, low: str | None = None) -> bool:
        """`low`: text.lower(), when the caller has it already."""
        if self.literals is None:
            return True
        for s in self.exact:  # plain loops: `any(genexpr)` costs more than the lookups on short text
            if s in text:
                return True
        if self.digit and _DIGIT.search(text):
            return True
        if self.folded:
            if low is None:
                low = text.lower()
            for s in self.folded:
                if s in low:
                    return True
        return False

    def search(self, text: str, low: str | None = None) -> re.Match | None:
        return self.pattern.search(text) if self.may_match(text, low) else None


def _split(seq) -> list[list]:
    """The top-level alternatives of a parsed pattern, each with the items around the alternation
    ('(?<!\\w)(?:A|B)(?!\\w)' → A and B with the assertions); no single alternation → the pattern."""
    items = list(seq)
    at = [i for i, (op, _) in enumerate(items) if op is C.BRANCH]
    if len(at) != 1:
        return [items]
    i = at[0]
    return [items[:i] + list(alt) + items[i + 1:] for alt in items[i][1][1]]


_ZERO_WIDTH = (C.ASSERT, C.ASSERT_NOT, C.AT)


def _leading(items, ci: bool) -> Literal | None:
    """The literal run every match of items starts with ('(?<!\\w)(?i:средн\\w*…)' → 'средн'), if any."""
    run = []
    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if not run and op in _ZERO_WIDTH:
            continue
        if not run and op is C.SUBPATTERN:
            _group, add, dele, inner = av
            return _leading(inner, (ci or bool(add & re.I)) and not (dele & re.I))
        break
    s = "".join(run)
    return ((s.lower() if ci else s), ci) if s else None


Check = tuple[tuple[str, ...], tuple[str, ...], bool]  # one option as lookups: (folded, exact, digit)


def _check(option: Option) -> Check:
    return (tuple(s for s, ci in option if ci), tuple(s for s, ci in option if not ci and (s, ci) != DIGIT),
            DIGIT in option)


def _holds(check: Check, text: str, low: str) -> bool:
    """The text holds one of the option's literals."""
    folded, exact, digit = check
    for s in exact:
        if s in text:
            return True
    for s in folded:
        if s in low:
            return True
    return digit and _DIGIT.search(text) is not None


def _occurrences(lit: Literal, text: str, low: str) -> list[int]:
    s, ci = lit
    within = low if ci else text
    out, i = [], within.find(s)
    while i >= 0:
        out.append(i)
        i = within.find(s, i + 1)
    return out


SEPARATOR = "\x00"  # joins texts for one pass: no pattern literal holds it, so no occurrence spans two texts


class Joined:
    """Texts joined by SEPARATOR, to look for literals in all of them with one call per literal (and one
    lower()), then `locate` what is found in the text it belongs to."""

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.text = SEPARATOR.join(texts)
        # where each text begins (and one past the end): the lengths before it and a separator after each
        self.offsets = list(map(add, accumulate(map(len, texts), initial=0), count()))

    def locate(self, pos: int) -> tuple[int, int]:
        """(index of the text, position within it) of a position in the joined text."""
        i = bisect_right(self.offsets, pos) - 1
        return i, pos - self.offsets[i]


class AlternativesGate:
    """`may_match(text)`: False only when the pattern cannot match text. A text must first hold one of
    the `LiteralGate` literals (the cheap common test), then every option of one alternative.
    `starts(text)`: where a match may start, when every alternative begins with a literal."""

    def __init__(self, pattern: re.Pattern):
        self.first = LiteralGate(pattern)
        ci = bool(pattern.flags & re.I)
        alts = _split(_parser.parse(pattern.pattern, pattern.flags))
        options = [_options(a, ci, forms=True) for a in alts]
        self.open = self.first.literals is None or any(not o for o in options)
        leading = [_leading(a, ci) for a in alts]
        self.anchored = all(leading)  # every match starts at one of the leading literals
        self.leads = tuple(sorted(set(leading))) if self.anchored else ()
        self.joinable = not any(SEPARATOR in s for s, _ in self.leads)  # else one could span two `Joined` texts
        # alternatives grouped by their rarest option: most texts fail it, and it is looked up once per group
        self.groups: dict[Check, list[tuple[tuple[Check, ...], Literal | None]]] = {}
        for opts, lead in zip(options, leading):
            if opts:
                first, *rest = [_check(o) for o in sorted(set(opts), key=lambda o: (_selective(o), sorted(o)), reverse=True)]
                self.groups.setdefault(first, []).append((tuple(rest), lead))

    def _passing(self, text: str, low: str, every: bool) -> list[Literal | None]:
        """Leading literals of the alternatives whose options the text holds (the first one unless every)."""
        out = []
        for first, alts in self.groups.items():
            if _holds(first, text, low):
                for rest, lead in alts:
                    for check in rest:
                        if not _holds(check, text, low):
                            break
                    else:
                        out.append(lead)
                        if not every:
                            return out
        return out

    def may_match(self, text: str) -> bool:
        if self.open:
            return True
        low = text.lower()
        return self.first.may_match(text, low) and bool(self._passing(text, low, every=False))

    def starts(self, text: str) -> list[int] | None:
        """Ascending positions where a match may start: the leading literals of the alternatives that pass
        (looked up in the lower-cased text, whose positions are the text's while lower-casing keeps the
        length); None when that cannot be told (an open gate, an alternative without a leading literal)."""
        if self.open or not self.anchored:
            return None
        low = text.lower()
        if len(low) != len(text):
            return None
        if not self.first.may_match(text, low):
            return []
        found: set[int] = set()
        for lead in set(self._passing(text, low, every=True)):
            found.update(_occurrences(lead, text, low))
        return sorted(found)

    def lead_starts(self, text: str) -> list[int] | None:
        """Ascending positions of every leading literal: where a match may start (coarser than `starts`,
        which keeps those of the alternatives whose other literals the text holds, but with no lookups
        besides one per leading literal: what suits a long text such as a `Joined` document); None when
        that cannot be told."""
        if self.open or not self.anchored or not self.joinable:
            return None
        low = text.lower()
        if len(low) != len(text):
            return None
        found: set[int] = set()
        for lead in self.leads:
            found.update(_occurrences(lead, text, low))
        return sorted(found)
