"""Text helpers shared by the header extractors: OCR homoglyphs, letter spacing, dates, numbers.

- `clean(s)`: Latin look-alikes inside Cyrillic words replaced ("ПPИKAЗ" → "ПРИКАЗ"), markup
  stars dropped, whitespace collapsed.
- `squash(s)`: letter-spaced words closed up ("П Р И К А З" → "ПРИКАЗ").
- `find_date(s)`: the first date in any print form, with its span.
- `find_number(s)`: the document number after "№"/"N", normalised ("49/1 - р" → "49/1-р").
- `drop_amendments(s)`: "(в ред. приказа от … № …)" removed, so amendment chains do not count.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..vocab import data_json
from ..whitespace import squeeze

# letters that re.I takes for a different lower-case letter (re._casefix): ı i, ſ s and the old
# Cyrillic ᲀ…ᲈ (в д о с т т ъ ѣ ꙋ); a cheap test that stands in for an re.I rule lets them through
RARE_FOLDS = "\u0131\u017f\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88"

_LATIN = str.maketrans("AaBCcEeHKkMOoPpTXxyu", "АаВСсЕеНКкМОоРрТХхуи")
_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+")
_CYR = re.compile(r"[А-Яа-яЁё]")
_ANY_LATIN = re.compile(r"[A-Za-z]")


def _fix_word(m: re.Match) -> str:
    w = m.group(0)
    if _CYR.search(w) and _ANY_LATIN.search(w):
        return w.translate(_LATIN)
    return w


def _has_latin(s: str) -> bool:
    """[A-Za-z] in s: the ASCII part of Cyrillic text is short, and has a letter exactly when its
    upper and lower case differ (two byte scans instead of `re` testing every character)."""
    ascii_part = s.encode("ascii", "ignore")
    return ascii_part.lower() != ascii_part.upper()


def clean(s: str) -> str:
    s = (s or "").replace("\u00a0", " ").replace("**", "")
    if _has_latin(s):  # only a word mixing Latin and Cyrillic letters changes
        s = _WORD.sub(_fix_word, s)
    return squeeze(s)


_SPACED = re.compile(r"(?<!\w)(?:[А-ЯЁа-яёA-Za-z] ){2,}[А-ЯЁа-яёA-Za-z](?!\w)")
# every spaced run ("П Р И") holds " Р И": a space, a letter, a space, a letter. This gate opens
# with a literal space `re` jumps to, where _SPACED (opening with a look-behind) tries every position
_SPACED_PAIR = re.compile(r" [А-ЯЁа-яёA-Za-z] [А-ЯЁа-яёA-Za-z]")


def _close_up(m: re.Match) -> str:
    return m.group(0).replace(" ", "")


def squash(s: str) -> str:
    """Close up letter-spaced words: runs of single letters separated by single spaces."""
    if not _SPACED_PAIR.search(s):
        return s
    return _SPACED.sub(_close_up, s)


@lru_cache(maxsize=1)
def _month_stems() -> list[tuple[str, int]]:
    """(stem, month) of data/meta_months.json, longest stem first."""
    months = {k: v for k, v in data_json("meta_months.json").items() if not k.startswith("_")}
    return sorted(months.items(), key=lambda kv: -len(kv[0]))


def month_number(word: str) -> int | None:
    w = word.lower()
    for stem, n in _month_stems():
        if w.startswith(stem) and (stem != "ма" or w in ("мая", "май", "мае")):
            return n
    return None


_Y = r"(?P<y>(?:19|20)\d\d|\d\d)(?!\d)"
_TAIL = r"(?:\s*(?:г\.?|года|год)(?![а-яё]))?"
# "5 марта 2023" from its day on; the words rule is a quote and blanks, then this
_WORDS_DAY = r"(?P<d>\d{1,2})\s*[»\"”]?\s+(?P<mw>[А-Яа-яЁё]{3,9})\s+(?P<y>(?:19|20)\d\d)"
DATE_RULES: list[tuple[str, re.Pattern]] = [
    # the day is "no digit before it, one or two digits": (?<!\d\d) after its first digit says the
    # same as (?<!\d) before it, and the rule opens with a digit `re` skips ahead to
    ("numeric", re.compile(r"(?P<d>\d(?<!\d\d)\d?)\s?[./]\s?(?P<m>\d{1,2})\s?[./]\s?" + _Y + _TAIL)),
    ("quoted_numeric", re.compile(r"[«\"“]\s*(?P<d>\d{1,2})\s*[»\"”]\s*(?P<m>\d{1,2})[\s.]+" + _Y + _TAIL)),
    ("words", re.compile(r"[«\"“]?\s*" + _WORDS_DAY + _TAIL)),
]
# a rule opening with an optional part makes `re` try it at every character: such a rule is searched
# from the first place its lead (the rule without that part, led by a digit) matches, stepped back
# over what the optional part may take there (blanks, then one quote)
_LEADS = {"words": re.compile(_WORDS_DAY)}
_OPENING_QUOTES = "«\"“"


def _year(y: str) -> int:
    n = int(y)
    return n if n > 99 else 2000 + n


def _rule_matches(name: str, rx: re.Pattern, s: str):
    """rx.finditer(s), started past the characters where no match can start (see _LEADS)."""
    lead = _LEADS.get(name)
    if lead is None:
        return rx.finditer(s)
    m = lead.search(s)
    if m is None:  # every match of the rule holds a match of its lead
        return ()
    start = len(s[:m.start()].rstrip())  # str.rstrip strips what \s matches
    if start and s[start - 1] in _OPENING_QUOTES:
        start -= 1
    return rx.finditer(s, start)


def find_date(s: str) -> tuple[dt.date, tuple[int, int], str] | None:
    """The earliest date in s: (date, span, rule name)."""
    return earliest_date(s, DATE_RULES, _rule_matches)


def earliest_date(s: str, rules: list[tuple[str, re.Pattern]], matches) -> tuple[dt.date, tuple[int, int], str] | None:
    """The earliest date the rules find in s; `matches(name, rx, s)` gives each rule's matches in order."""
    best = None
    for name, rx in rules:
        for m in matches(name, rx, s):
            month = int(m.group("m")) if "m" in m.groupdict() and m.group("m") else None
            if month is None:
                month = month_number(m.group("mw"))
            try:
                d = dt.date(_year(m.group("y")), month or 0, int(m.group("d")))
            except (ValueError, TypeError):
                continue
            if best is None or m.start() < best[1][0]:
                best = (d, m.span(), name)
            break
    return best


_NUMBER = re.compile(r"(?:№|(?<![A-Za-zА-Яа-яЁё])(?:N|No|Nо)(?![A-Za-zА-Яа-яЁё]))\s*(?P<n>[0-9А-Яа-яЁёA-Za-z](?:[0-9А-Яа-яЁёA-Za-z.]|\s*[-/–—]\s*)*)")


def normalise_number(n: str) -> str:
    n = re.sub(r"\s*([-/–—])\s*", lambda m: "-" if m.group(1) in "–—" else m.group(1), n)
    return n.strip(" .")


def find_number(s: str) -> tuple[str, tuple[int, int]] | None:
    for m in _NUMBER.finditer(s):
        n = normalise_number(m.group("n"))
        if re.search(r"\d", n):
            return n, m.span()
    return None


_AMEND = re.compile(r"\(\s*(?:в\s+ред(?:\.|акции)|с\s+изм(?:\.|енениями)).*?\)", re.I)


def drop_amendments(s: str) -> str:
    return _AMEND.sub(" ", s)
