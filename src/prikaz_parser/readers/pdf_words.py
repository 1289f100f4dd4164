"""Lines of a PDF text block -> paragraphs: wrap, hyphen and forced-break repair.

A PDF has no paragraphs, only positioned words. Inside a table cell (or a text
column) a line ends for one of three reasons, and each needs a different join:

  * the next word did not fit (a wrap): join with a space;
  * the word itself did not fit in the column and was cut anywhere
    ("Ответственны|е", "«Департаме|нт"): join with nothing;
  * the author ended the paragraph: keep a "\\n".

`break_kind(prev, line, box)` asks a list of small named rules which case a
line break is (`explain_break` names the rule that decided); `join_lines`
applies them. Geometry decides first (would the next word have fitted on this
line? did this one word fill the line?), the dictionary only breaks ties.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Sequence


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 12.0
    bold: bool = False
    space_after: bool | None = None  # a space character follows (None: the PDF has no space chars)


@dataclass(slots=True)
class Line:
    words: list[Word] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return self.words[0].size


@dataclass(slots=True)
class Box:
    """The horizontal room lines are set in: [left, right] (cell bbox less padding)."""
    left: float
    right: float

    @property
    def width(self) -> float:
        return self.right - self.left


def group_lines(words: Sequence[Word]) -> list[Line]:
    """Words -> lines, top to bottom, each line left to right."""
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines:
            cur = lines[-1]
            tol = 0.5 * min(cur.size, w.size)
            if abs(w.top - cur.words[0].top) <= tol or abs(w.bottom - cur.words[0].bottom) <= tol:
                cur.words.append(w)
                continue
        lines.append(Line([w]))
    for ln in lines:
        ln.words.sort(key=lambda w: w.x0)
    return lines


# -- measuring -----------------------------------------------------------------

def char_width(w: Word) -> float:
    return (w.x1 - w.x0) / max(len(w.text), 1)


def space_width(w: Word) -> float:
    return 0.25 * w.size


_UNIT = re.compile(r"^[^\s\-‐]*[-‐]?")


def first_unit_width(w: Word) -> float:
    """Width of the first piece of a word a line may end after (up to its first hyphen)."""
    unit = _UNIT.match(w.text).group(0) or w.text
    return char_width(w) * len(unit)


@lru_cache(maxsize=4096)
def is_known(word: str) -> bool:
    """The dictionary knows this word (pymorphy); words without letters count as unknown."""
    letters = re.sub(r"[^\w-]|[\d_]", "", word).strip("-")
    if len(letters) < 2:
        return letters.lower() in _ONE_LETTER_WORDS
    from ..nlp import morph
    return all(morph().word_is_known(p.lower()) for p in letters.split("-") if p)


_ONE_LETTER_WORDS = set("вскуоиаяж")


def _core(token: str) -> str:
    return re.sub(r"^\W+|\W+$", "", token)


# -- rules: what kind of line break is this? ------------------------------------

Rule = Callable[[Line, Line, Box], bool]
_BULLET = re.compile(r"^([•·▪●◦■□➢►\-–—*]\s|\d{1,2}(\.\d{1,2})*[.)]\s|[а-яa-z]\)\s)")
_SENTENCE_END = re.compile(r"[.;:!?]$")
_ABBREV_END = re.compile(r"((^|\s)[а-яёa-z]{1,3}\.|(^|[\s.])[А-ЯЁA-Z]\.)$")  # "г.", "ул.", initials "К.Г."


def vertical_gap(prev: Line, line: Line, box: Box) -> bool:
    """A blank of more than half a line between the lines: a new paragraph."""
    return line.top - prev.bottom > 0.6 * prev.size


def next_word_would_fit(prev: Line, line: Line, box: Box) -> bool:
    """The next line's first word would have fitted after this line: the author broke it."""
    room = box.width - (prev.x1 - prev.x0)
    need = space_width(prev.words[-1]) + first_unit_width(line.words[0])
    return need < room - 1.0


def bullet_after_sentence(prev: Line, line: Line, box: Box) -> bool:
    """A list item (bullet or number) starts a line after a line that ended a sentence."""
    return bool(_BULLET.match(line.text)) and bool(_SENTENCE_END.search(prev.text)) \
        and not _ABBREV_END.search(prev.text)


def bullet_line(prev: Line, line: Line, box: Box) -> bool:
    """A bullet sign starts the line."""
    return line.text[:1] in "•·▪●◦■□➢►"


def bold_changes(prev: Line, line: Line, box: Box) -> bool:
    """A bold line followed by a plain one or the other way round: a heading ends or begins."""
    return all(w.bold for w in prev.words) != all(w.bold for w in line.words)


def first_line_indent(prev: Line, line: Line, box: Box) -> bool:
    """The line starts indented while the previous one started at the left edge."""
    return abs(prev.x0 - box.left) < 2.0 and 8.0 < line.x0 - box.left < 60.0


PARAGRAPH_RULES: list[Rule] = [vertical_gap, next_word_would_fit, bullet_line, bullet_after_sentence,
                               bold_changes]


BODY_RULES: list[Rule] = PARAGRAPH_RULES + [first_line_indent]


def word_cut_by_width(prev: Line, line: Line, box: Box) -> bool:
    """A single word fills the line and its next letter would not have fitted: cut mid-word."""
    last = prev.words[-1]
    if len(prev.words) != 1 or last.space_after or re.search(r"[-‐,;:.!?)»”]$", last.text):
        return False
    nxt = line.words[0]
    if prev.x1 - prev.x0 + char_width(nxt) <= box.width - 0.5:
        return False
    return _cut_inside_word(_core(last.text), nxt.text)


def _cut_inside_word(left: str, nxt: str) -> bool:
    """Does `nxt` (the next line's first word) go on with the word `left` that filled a line?"""
    if re.match(r"[»”)\].,;:!?]", nxt) or re.match(r"[-‐]\w", nxt):
        return True  # closing punctuation or a compound's hyphen never starts a line by choice
    m = re.match(r"\w+", nxt)
    if not m or not left:
        return False
    right = m.group(0)
    if left[-1].isdigit() != right[0].isdigit():
        return False  # "декабрь | 2023"
    if len(right) > 1 and right.isupper() and left[-1].islower():
        return False  # "Руководители | РМО"
    tail = re.search(r"[А-ЯЁA-Z]?[а-яёa-z]+$", left)  # "КомитетОбразов" → "Образов"
    if is_known(left + right) or (tail and is_known(tail.group(0) + right)):
        return True
    return not is_known(right)


def url_cut(prev: Line, line: Line, box: Box) -> bool:
    """A web address broken after '/' or '.', with no space written: one address."""
    last = prev.words[-1]
    return last.space_after is False and bool(re.search(r"(://|www\.|\w\.\w+/)\S*[/.]?$", last.text)) \
        and bool(re.match(r"[\w/.-]+$", line.words[0].text))


def sign_without_space(prev: Line, line: Line, box: Box) -> bool:
    """A line ends in a bare sign ("№", "/") with no space written after it and the next
    line's word did not fit: the break fell inside "№№5" (a producer that writes its spaces)."""
    last = prev.words[-1]
    return last.space_after is False and bool(re.fullmatch(r"[№#§/+*&]+", last.text)) \
        and not next_word_would_fit(prev, line, box)


GLUE_RULES: list[Rule] = [word_cut_by_width, url_cut, sign_without_space]


def explain_break(prev: Line, line: Line, box: Box) -> str:
    """The name of the rule that decides the break between two lines (or 'wrap')."""
    for rule in GLUE_RULES + PARAGRAPH_RULES:
        if rule(prev, line, box):
            return rule.__name__
    return "wrap"


def break_kind(prev: Line, line: Line, box: Box, para_rules: Sequence[Rule] | None = None) -> str:
    """'glue' (no space), 'para' (new paragraph) or 'wrap' (a space).
    `para_rules`: the paragraph rules to use (default PARAGRAPH_RULES, for cells; BODY_RULES for text)."""
    if any(r(prev, line, box) for r in GLUE_RULES):
        return "glue"
    if any(r(prev, line, box) for r in (PARAGRAPH_RULES if para_rules is None else para_rules)):
        return "para"
    return "wrap"


# -- joining --------------------------------------------------------------------

def join_hyphenated(text: str, nxt: str) -> str:
    """Join text ending in 'word-' with the next line: drop the hyphen of a hyphenated word
    ("минималь-" + "ного" → "минимального"), keep it in a compound ("мастер-" + "классов")."""
    m = re.search(r"(\w+)[-‐]$", text)
    right = re.match(r"\w+", nxt)
    if m and right and nxt[:1].islower() and is_known(m.group(1) + right.group(0)) \
            and not is_known(m.group(1)):
        return text[:-1] + nxt
    return text + nxt


def join_lines(lines: Sequence[Line], box: Box) -> str:
    """Lines of one block -> its paragraphs joined by '\\n'."""
    out = ""
    for i, line in enumerate(lines):
        t = line.text
        if i == 0:
            out = t
            continue
        kind = break_kind(lines[i - 1], line, box)
        if kind == "para":
            out += "\n" + t
        elif kind == "glue":
            out += t
        elif re.search(r"\w[-‐]$", out) and t[:1].isalnum():
            out = out + " " + t if lines[i - 1].words[-1].space_after else join_hyphenated(out, t)
        else:
            out += " " + t
    return out


def box_of(bbox: tuple[float, float, float, float], pad: float) -> Box:
    return Box(bbox[0] + pad, bbox[2] - pad)
