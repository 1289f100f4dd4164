"""Inline markup in text cells: HTML (<p>, <br>, <li>, <b>, <ol>, <ul>) and markdown bold.

`cell_text(s)` returns the plain text with paragraph breaks as "\\n" and whether the
whole content was bold. <p>, <br> and <li> break paragraphs; list containers and
inline tags are dropped (bullets typed as text, "•", stay as printed).
"""
from __future__ import annotations

import html
import re

_BREAK = re.compile(r"</?p\b[^>]*>|<br\s*/?>|<li\b[^>]*>|</li>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_BOLD_WHOLE = re.compile(r"^\s*(?:<b>|<strong>|\*\*)(.*?)(?:</b>|</strong>|\*\*)\s*$", re.S | re.I)
_MD_ESCAPE = re.compile(r"\\([_*\\`#\[\]()\-.!>])")


def strip_markdown(s: str) -> str:
    s = s.replace("**", "")
    return _MD_ESCAPE.sub(r"\1", s) if "\\" in s else s


_BLANKS = re.compile(r"[ \t\u00a0]+")
_MARKUP = re.compile(r"[<*&\\]")  # no tag, star, entity or escape: the text is plain


def cell_text(s: str) -> tuple[str, bool]:
    bold = False
    if _MARKUP.search(s):
        m = _BOLD_WHOLE.match(s)
        bold = bool(m) and "<b>" not in m.group(1)
        s = _BREAK.sub("\n", s)
        s = _TAG.sub(" ", s)
        s = html.unescape(strip_markdown(s))
    if "\n" not in s and "\t" not in s and "\u00a0" not in s and "  " not in s:  # nothing `_BLANKS` would change
        return s.strip(), bold
    paras = [_BLANKS.sub(" ", p).strip() for p in s.split("\n")]
    return "\n".join(p for p in paras if p), bold
