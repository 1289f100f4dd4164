"""Word's automatic numbering: `w:numPr` → the rendered label ("1.", "2.3.", "а)", "•").

The number is rendered from the abstract definition (`w:numFmt`, `w:lvlText` like "%1.%2.",
`w:start`, level overrides) with counters kept per numId and level.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .docx_xml import _val, w

_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщэюя"
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
_KEEP_BULLETS = {"-", "–", "—", "*", "•", "·", "o", "○", "■", "□", "►", "✓", "➢"}


def _letters(n: int, alphabet: str) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa.."""
    k = len(alphabet)
    return alphabet[(n - 1) % k] * ((n - 1) // k + 1) if n > 0 else ""


def _roman(n: int) -> str:
    out = ""
    for v, s in _ROMAN:
        while n >= v:
            out, n = out + s, n - v
    return out


def format_number(n: int, fmt: str) -> str:
    """One counter in one of Word's number formats."""
    if fmt in ("lowerLetter",):
        return _letters(n, "abcdefghijklmnopqrstuvwxyz")
    if fmt == "upperLetter":
        return _letters(n, "abcdefghijklmnopqrstuvwxyz").upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("russianLower",):
        return _letters(n, _RUSSIAN)
    if fmt == "russianUpper":
        return _letters(n, _RUSSIAN).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)  # decimal and anything exotic


@dataclass(slots=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class Numbering:
    """Numbering definitions and the running counters of one document."""
    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # numId -> ilvl -> Level
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_xml(cls, root) -> "Numbering":
        if root is None:
            return cls()
        abstract: dict[str, dict[int, Level]] = {}
        for an in root.iter(w("abstractNum")):
            abstract[_val(an, "abstractNumId")] = {int(_val(lv, "ilvl") or 0): _level(lv)
                                                  for lv in an.findall(w("lvl"))}
        levels: dict[str, dict[int, Level]] = {}
        for num in root.iter(w("num")):
            base = abstract.get(_val(num.find(w("abstractNumId"))), {})
            lv = {k: Level(v.fmt, v.text, v.start) for k, v in base.items()}
            for ov in num.findall(w("lvlOverride")):
                ilvl = int(_val(ov, "ilvl") or 0)
                if ov.find(w("lvl")) is not None:
                    lv[ilvl] = _level(ov.find(w("lvl")))
                start = _val(ov.find(w("startOverride")))
                if start is not None and start.isdigit():
                    lv.setdefault(ilvl, Level()).start = int(start)
            levels[_val(num, "numId")] = lv
        return cls(levels)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counter of (numId, level) and render its label."""
        defs = self.levels.get(num_id)
        if not defs or num_id == "0":
            return None
        level = defs.get(ilvl, Level())
        counts = self.counters.setdefault(num_id, {})
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else level.start
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        if level.fmt == "bullet":
            return level.text if level.text in _KEEP_BULLETS else "•"
        def sub(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lv = defs.get(k, Level())
            return format_number(counts.get(k, lv.start), lv.fmt)
        return re.sub(r"%(\d)", sub, level.text).strip() or None


def _level(lv) -> Level:
    start = _val(lv.find(w("start")))
    return Level(fmt=_val(lv.find(w("numFmt"))) or "decimal",
                 text=_val(lv.find(w("lvlText"))) or "",
                 start=int(start) if start and start.lstrip("-").isdigit() else 1)
