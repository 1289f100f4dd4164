"""Second looks at words Tesseract got wrong: doubtful words re-read, cut words joined,
glued words split, one confused letter corrected (all general rules, pymorphy as dictionary).

Rules, each a small function over one word (or its text):

    explain_doubt(w)      a short word with digits and brackets/symbols ("[9.9)"),
                          or zeros alone ("00") where a cell holds an abbreviation ("ОО")
    better_reading(w, t, c)
                          the single-line re-read replaces it when it has no
                          symbols, no fewer letters, and is at least as confident
    join_broken(words)    two neighbours known only together ("ежекварт ально")
    one_letter_fix(text)  an unknown word one confused letter (о/р, д/л …) away from
                          exactly one known word ("Утовень" -> "Уровень"; after the cache)
    split_glued(text)     a word the dictionary does not know that is two words it
                          does ("втечение" -> "в течение")

`reread(ink, words, cmd, lang, dpi)` crops every doubtful word and reads the crops in
ONE Tesseract call (a multi-page TIFF, `--psm 7`: a single text line each), so a
page costs at most one extra process start. `explain_doubt(w)` says which rule
flagged it. A word still doubtful then takes the text of a confidently read word on
the page with the same ink shape (`match_shapes`).
"""
from __future__ import annotations

import io
import re
from functools import lru_cache
from typing import Callable, Sequence

import numpy as np

from ..memo import text_cache
from .ocr_words import OcrWord, parse_tsv, run_tesseract

SYMBOLS = set("[]{}()|©@#`‘„<>®°")
MAX_DOUBTFUL_LEN = 8  # longer words are read well enough in context
REREAD_PSM = 7
PAD = 8  # px of paper around a cropped word
MIN_REREAD_CONF = 40.0
TEMPLATE_CONF = 85.0  # a word read this confidently is a template for its shape
SHAPE_MATCH = 0.8  # ink overlap (IoU) that makes two shapes the same word
SHAPE_SIZE_TOLERANCE = 0.2
MIN_FIX_LEN = 5
SHORT_WORDS = set("вскоуиая") | {"по", "на", "за", "до", "из", "от", "со", "во", "об", "ко", "не"}
# prepositions / conjunctions / particles that may be glued to the next word
MIN_PART = 5  # other parts of a split word have at least this many letters ("к алет ская" is no split)
MAX_PARTS = 3
MIN_CAPITAL_PART = 5  # parts of a split capitalised word


# -- which words to read again ------------------------------------------------------

def _short(w: OcrWord) -> bool:
    return len(w.text) <= MAX_DOUBTFUL_LEN


def has_symbols(w: OcrWord) -> bool:
    """'[9.9)', '{0.0}', '|9.)': brackets and symbols in a short word with digits, or inside
    a word (round letters misread); a word in brackets, '(планов)', is fine."""
    if not _short(w) or not any(ch in SYMBOLS for ch in w.text) or not any(ch.isalnum() for ch in w.text):
        return False
    inner = w.text.strip("()[]{}«»\"'.,;:")
    return any(ch.isdigit() for ch in w.text) or any(ch in SYMBOLS for ch in inner)


def zeros_only(w: OcrWord) -> bool:
    """'00', '0.0': zeros alone are more often round capitals ('ОО') than a value."""
    return bool(re.fullmatch(r"0+[.,]?0*", w.text)) and len(w.text) >= 2


DOUBT_RULES: list[Callable[[OcrWord], bool]] = [has_symbols, zeros_only]
# a low confidence alone is no reason: read alone, a word loses the line's x-height and
# its case ('помощь' -> 'ПОМОЩЬ', 'п/п' -> 'ПИТ')


def explain_doubt(w: OcrWord) -> str | None:
    for rule in DOUBT_RULES:
        if rule(w):
            return rule.__name__
    return None


def better_reading(old: OcrWord, text: str, conf: float) -> bool:
    """The re-read text replaces the old one: no symbols, confident enough, and either more
    confident than before or the old reading was symbols/zeros where letters now stand."""
    if not text or text == old.text or any(ch in SYMBOLS for ch in text) or conf < MIN_REREAD_CONF:
        return False
    more = sum(ch.isalpha() for ch in text) - sum(ch.isalpha() for ch in old.text)
    if more < 0:
        return False  # never letters turned to digits ('Об' -> '06')
    return conf >= old.conf or (more > 0 and (has_symbols(old) or zeros_only(old)))


# -- the re-read ------------------------------------------------------------------

def crop(ink: np.ndarray, w: OcrWord, pad: int = PAD) -> np.ndarray:
    """The word's box with `pad` px around it, black ink on white (what Tesseract reads)."""
    h, wd = ink.shape
    y0, y1 = max(w.top - pad, 0), min(w.top + w.height + pad, h)
    x0, x1 = max(w.left - pad, 0), min(w.left + w.width + pad, wd)
    return 255 - ink[y0:y1, x0:x1]


def _tiff(images: Sequence[np.ndarray], dpi: int) -> bytes:
    from PIL import Image
    frames = [Image.fromarray(np.ascontiguousarray(a)) for a in images]
    buf = io.BytesIO()
    frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:], dpi=(dpi, dpi))
    return buf.getvalue()


def reread(ink: np.ndarray, words: list[OcrWord], cmd: str, lang: str, dpi: int) -> list[OcrWord]:
    """Doubtful words read again one by one as single lines (one Tesseract call); the
    better reading kept. `ink` is the page the word boxes refer to (255 = ink)."""
    todo = [i for i, w in enumerate(words) if explain_doubt(w) and w.width > 2 and w.height > 2]
    if not todo:
        return words
    tsv = run_tesseract(_tiff([crop(ink, words[i]) for i in todo], dpi), cmd, lang, dpi, psm=REREAD_PSM)
    found: dict[int, list[OcrWord]] = {}
    for row in tsv.splitlines()[1:]:
        f = row.split("\t")
        if len(f) >= 12 and f[0] == "5" and f[11].strip():
            found.setdefault(int(f[1]) - 1, []).extend(parse_tsv("\n" + row))
    for k, i in enumerate(todo):
        got = found.get(k, [])
        if got:
            text = " ".join(g.text for g in got)
            conf = min(g.conf for g in got)
            if better_reading(words[i], text, conf):
                words[i].text, words[i].conf = text, conf
    return words


# -- the same shape read well elsewhere on the page ---------------------------------

def shape(ink: np.ndarray, w: OcrWord) -> np.ndarray | None:
    """The word's ink cut to its tight bounding box (None when the box holds no ink)."""
    box = ink[max(w.top, 0):w.top + w.height, max(w.left, 0):w.left + w.width]
    ys, xs = np.nonzero(box)
    if len(ys) == 0:
        return None
    return box[ys.min():ys.max() + 1, xs.min():xs.max() + 1]


def same_shape(a: np.ndarray, b: np.ndarray) -> float:
    """Overlap (intersection over union) of two ink shapes scaled to one size; 0 when their
    sizes or proportions differ by more than SHAPE_SIZE_TOLERANCE."""
    import cv2
    (ha, wa), (hb, wb) = a.shape, b.shape
    if abs(ha - hb) > SHAPE_SIZE_TOLERANCE * max(ha, hb) or abs(wa - wb) > SHAPE_SIZE_TOLERANCE * max(wa, wb):
        return 0.0
    size = (max(wa, wb), max(ha, hb))
    ra = cv2.resize(a, size, interpolation=cv2.INTER_NEAREST) > 0
    rb = cv2.resize(b, size, interpolation=cv2.INTER_NEAREST) > 0
    union = np.logical_or(ra, rb).sum()
    return float(np.logical_and(ra, rb).sum() / union) if union else 0.0


def template_word(w: OcrWord) -> bool:
    """A short word read with confidence: its shape can stand for the same word elsewhere."""
    return w.conf >= TEMPLATE_CONF and 2 <= len(w.text) <= MAX_DOUBTFUL_LEN and w.text.isalpha()


def _piece(w: OcrWord) -> bool:
    return bool(explain_doubt(w)) or (len(w.text) <= 3 and any(ch in SYMBOLS for ch in w.text)
                                      and not any(ch.isalpha() for ch in w.text))


def merge_doubtful(words: list[OcrWord]) -> list[OcrWord]:
    """Neighbouring doubtful pieces of one line ('[©' '0)') as one word: one misread shape."""
    out: list[OcrWord] = []
    for w in words:
        a = out[-1] if out else None
        if a is not None and a.line_id == w.line_id and _piece(a) and _piece(w) \
                and 0 <= w.left - (a.left + a.width) <= a.height:
            right, bottom = max(a.left + a.width, w.left + w.width), max(a.top + a.height, w.top + w.height)
            a.text, a.conf, a.top = a.text + w.text, min(a.conf, w.conf), min(a.top, w.top)
            a.width, a.height = right - a.left, bottom - a.top
            continue
        out.append(w)
    return out


def match_shapes(ink: np.ndarray, words: list[OcrWord]) -> list[OcrWord]:
    """A word still doubtful after the re-read takes the text of a confidently read word of
    the page whose ink has the same shape ('[9.9)' drawn exactly like 'ОО' in 'кадров ОО')."""
    words = merge_doubtful(words)
    todo = [w for w in words if explain_doubt(w)]
    if not todo:
        return words
    templates: dict[str, list[np.ndarray]] = {}
    for w in words:
        if template_word(w) and len(templates.setdefault(w.text, [])) < 3:
            sh = shape(ink, w)
            if sh is not None:
                templates[w.text].append(sh)
    for w in todo:
        sh = shape(ink, w)
        if sh is None:
            continue
        scores = [(same_shape(sh, t), text) for text, ts in templates.items() for t in ts]
        best = max(scores, default=(0.0, ""))
        if best[0] >= SHAPE_MATCH:
            w.text = best[1]
    return words


# -- glued words ------------------------------------------------------------------

@lru_cache(maxsize=20000)
def _known(word: str) -> bool:
    from ..nlp import morph
    return morph().word_is_known(word)


def prefix_compound(word: str) -> bool:
    """pymorphy reads it as a known prefix + a known word ('метапредметная', 'самообследования'):
    a compound, not two words glued."""
    from ..nlp import morph
    p = morph().parse(word)[0]
    return any(type(m[0]).__name__ == "KnownPrefixAnalyzer" for m in p.methods_stack)


def _part_ok(part: str) -> bool:
    return (len(part) >= MIN_PART or part in SHORT_WORDS) and _known(part)


def segment(word: str, max_parts: int = MAX_PARTS) -> list[str] | None:
    """The split of `word` into the fewest known parts, longer parts preferred (the largest sum
    of squared lengths); a short part (a preposition) never ends the word."""
    n = len(word)
    best: list[tuple[int, int, list[str]] | None] = [None] * (n + 1)  # (parts, -sum of squares, parts)
    best[0] = (0, 0, [])
    for j in range(1, n + 1):
        for i in range(j):
            part = word[i:j]
            if best[i] is None or not _part_ok(part) or (j == n and part in SHORT_WORDS):
                continue
            k, neg, parts = best[i]
            cand = (k + 1, neg - len(part) ** 2, parts + [part])
            if best[j] is None or cand[:2] < best[j][:2]:
                best[j] = cand
    got = best[n]
    return got[2] if got and 2 <= got[0] <= max_parts else None


def capital_split_ok(parts: list[str]) -> bool:
    """A capitalised word may be a name the dictionary lacks ('Кузнецкихинская' is not
    'Кузнецки хин ская'): split it only into two long words."""
    return len(parts) == 2 and all(len(p) >= MIN_CAPITAL_PART for p in parts)


@text_cache(maxsize=20000)
def split_glued(text: str) -> str:
    """'втечение' -> 'в течение', 'соответствиисежегодным' -> 'соответствии с ежегодным':
    a Cyrillic word the dictionary does not know (nor as prefix + word), split into
    the fewest known words (a part shorter than MIN_PART only from SHORT_WORDS)."""
    m = re.fullmatch(r"([А-ЯЁа-яё][а-яё]{5,})([.,;:)]?)", text)
    if not m:
        return text
    word, tail = m.groups()
    low = word.lower()
    if _known(low) or prefix_compound(low):
        return text
    parts = segment(low)
    if not parts or (word[0].isupper() and not capital_split_ok(parts)):
        return text
    joined = " ".join(parts)
    return (word[0] + joined[1:] if word[0].isupper() else joined) + tail


_CYR_WORD = re.compile(r"[А-ЯЁа-яё]+")


def broken_pair(a: OcrWord, b: OcrWord) -> bool:
    """Two neighbours on one line that the dictionary knows only together ('ежекварт' 'ально')."""
    if a.line_id != b.line_id or not (_CYR_WORD.fullmatch(a.text) and re.fullmatch(r"[а-яё]+[.,;:)]?", b.text)):
        return False
    tail = b.text.rstrip(".,;:)")
    if len(a.text) < 2 or tail in SHORT_WORDS or b.left - (a.left + a.width) > 2 * max(a.height, b.height):
        return False  # a one-letter tail ('Образовательны е') unless it is a word itself
    joined = _known((a.text + tail).lower())
    if len(tail) == 1:
        return joined  # a lone letter that is no word is a piece of the word before it
    return joined and not _known(a.text.lower()) and not _known(tail)


def join_broken(words: list[OcrWord]) -> list[OcrWord]:
    """Words Tesseract cut in two joined again (boxes merged)."""
    out: list[OcrWord] = []
    for w in words:
        if out and broken_pair(out[-1], w):
            a = out[-1]
            right, bottom = max(a.left + a.width, w.left + w.width), max(a.top + a.height, w.top + w.height)
            a.text, a.conf = a.text + w.text, min(a.conf, w.conf)
            a.top = min(a.top, w.top)
            a.width, a.height = right - a.left, bottom - a.top
            continue
        out.append(w)
    return out


def split_glued_words(words: list[OcrWord]) -> list[OcrWord]:
    """`join_broken`, then every word through `split_glued`."""
    words = join_broken(words)
    for w in words:
        w.text = split_glued(w.text)
    return words


# -- one letter misread -----------------------------------------------------------

CONFUSED = ["ор", "дл", "рт", "лп", "ин", "ес", "шщ", "цщ", "вз", "ьъ"]  # letter pairs Tesseract mixes up
_SWAPS: dict[str, str] = {}
for _a, _b in CONFUSED:
    _SWAPS[_a] = _SWAPS.get(_a, "") + _b
    _SWAPS[_b] = _SWAPS.get(_b, "") + _a


@lru_cache(maxsize=20000)
def one_letter_fix(text: str) -> str:
    """'Утовень' -> 'Уровень', 'ооганизацию' -> 'организацию', 'калетская' -> 'кадетская': a word
    the dictionary does not know becomes the ONLY known word one CONFUSED letter away (the first
    letter is kept; 'Мирчук' is no 'Марчук': и/а is no confusion)."""
    m = re.fullmatch(r"([А-ЯЁа-яё][а-яё]{%d,})([.,;:)]?)" % (MIN_FIX_LEN - 1), text)
    if not m or _known(m.group(1).lower()) or prefix_compound(m.group(1).lower()):
        return text
    word, tail = m.groups()
    found = set()
    for i in range(1, len(word)):
        for ch in _SWAPS.get(word[i], ""):
            cand = word[:i] + ch + word[i + 1:]
            if _known(cand.lower()):
                found.add(cand)
    return found.pop() + tail if len(found) == 1 else text


def fix_unsure_word(w: OcrWord) -> OcrWord:
    """`one_letter_fix` on every recognised word."""
    w.text = one_letter_fix(w.text)
    return w
