"""Is a page's text layer usable? Named rules for a missing or garbage text layer.

A PDF page can carry no text (a scan), too little (a stray header over an image), glyphs
without a Unicode mapping, Cyrillic in a wrong 8-bit encoding, or letters that do not form
words (letter-spaced or mangled). `explain_text_layer(text)` names the rule that fired.
"""
from __future__ import annotations

import re
from typing import Callable

TextRule = Callable[[str], bool]


def too_little_text(text: str) -> bool:
    """Fewer than 20 letters: an image page, perhaps with a stray header."""
    return sum(ch.isalpha() for ch in text) < 20


def unmapped_glyphs(text: str) -> bool:
    """Glyphs without a Unicode mapping ((cid:N), U+FFFD, private use) make up >5 % of it."""
    bad = len(re.findall(r"\(cid:\d+\)", text)) + sum(ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff" for ch in text)
    return bad > 0.05 * max(len(text.split()), 1)


def mojibake(text: str) -> bool:
    """Cyrillic in a wrong 8-bit encoding ('Ïðèêàç'): Latin-1 letters outnumber Cyrillic ones."""
    latin1 = sum("\u00c0" <= ch <= "\u00ff" for ch in text)
    cyr = sum("\u0400" <= ch <= "\u04ff" for ch in text)
    return latin1 > 0.3 * max(latin1 + cyr, 1)


def no_words(text: str) -> bool:
    """Letters do not form words: fewer than half of the tokens have two letters in a row."""
    tokens = text.split()
    wordy = sum(bool(re.search(r"[^\W\d_]{2}", t)) for t in tokens)
    return wordy < 0.5 * max(len(tokens), 1)


GARBAGE_RULES: list[TextRule] = [too_little_text, unmapped_glyphs, mojibake, no_words]


def explain_text_layer(text: str) -> str | None:
    """The rule that makes a page's text layer unusable, or None when it is fine."""
    for rule in GARBAGE_RULES:
        if rule(text):
            return rule.__name__
    return None


def text_layer_usable(text: str) -> bool:
    return explain_text_layer(text) is None
