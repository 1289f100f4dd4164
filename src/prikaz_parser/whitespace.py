"""Whitespace collapsed, by `str` methods (a regex scanning Cyrillic text costs far more a character).

`squeeze(s)` is `" ".join(s.split())` that hands back already single-spaced text as it is (the
usual case); `squeeze_blanks(s)` turns each run of spaces, tabs and no-break spaces into one space
and keeps line breaks. Readers and extractors share them.
"""
from __future__ import annotations


def single_spaced(s: str) -> bool:
    """`" ".join(s.split()) == s`: no blanks at the ends, none twice in a row, and no whitespace
    but the space (every other whitespace character is unprintable)."""
    return s.isprintable() and "  " not in s and s.strip() == s


def squeeze(s: str) -> str:
    """Whitespace runs as one space, ends stripped."""
    return s if single_spaced(s) else " ".join(s.split())


def squeeze_blanks(s: str) -> str:
    """Each run of spaces, tabs and no-break spaces as one space (as `re.sub(r"[ \\t\\u00a0]+", " ", s)`)."""
    if "\t" in s or "\u00a0" in s:
        s = s.replace("\t", " ").replace("\u00a0", " ")
    while "  " in s:
        s = s.replace("  ", " ")
    return s
