"""Inline markup in text cells: HTML (<p>, <br>, <li>, <b>, <ol>, <ul>) and markdown bold.

`cell_text(s)` returns the plain text with paragraph breaks as "\\n" and whether the
whole content was bold. <p>, <br> and <li> break paragraphs; list containers and
inline tags are dropped (bullets typed as text, "•", stay as printed).
"""
from __future__ import annotations

import html
import re

from ..whitespace import squeeze_blanks

_BREAK = re.compile(r"</?p\b[^>]*>|<br\s*/?>|<li\b[^>]*>|</li>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_BOLD_WHOLE = re.compile(r"^\s*(?:<b>|<strong>|\*\*)(.*?)(?:</b>|</strong>|\*\*)\s*$", re.S | re.I)
_MD_ESCAPE = re.compile(r"\\([_*\\`#\[\]()\-.!>])")


def strip_markdown(s: str) -> str:
    s = s.replace("**", "")
    return _MD_ESCAPE.sub(r"\1", s) if "\\" in s else s


def has_markup(s: str) -> bool:
    """A tag, star, entity or escape; else the text is plain (four `in` scans cost less than one
    regex character-class search over Cyrillic text)."""
    return "<" in s or "*" in s or "&" in s or "\\" in s


def cell_text(s: str) -> tuple[str, bool]:
    bold = False
    if has_markup(s):
        m = _BOLD_WHOLE.match(s)
        bold = bool(m) and "<b>" not in m.group(1)
        s = _BREAK.sub("\n", s)
        s = _TAG.sub(" ", s)
        s = html.unescape(strip_markdown(s))
    if "\n" not in s and "\t" not in s and "\u00a0" not in s and "  " not in s:  # nothing to squeeze
        return s.strip(), bold
    paras = [p.strip() for p in squeeze_blanks(s).split("\n")]  # squeezing never joins lines
    return "\n".join(p for p in paras if p), bold
