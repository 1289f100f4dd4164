"""Lemmatised word tokens (pymorphy2 through `prikaz_parser.nlp`), cached per word."""
from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[0-9]+\+|[A-Za-zА-Яа-яЁё0-9]+(?:-[A-Za-zА-Яа-яЁё0-9]+)*")
STOP = frozenset("и в во на по с со к ко о об от для из за до у а не что как при через под над этот тот "
                 "их его её ее им также том числе т ч г".split())


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    w = word.lower().replace("ё", "е")
    if w.isdigit() or not re.search(r"[а-я]", w):
        return w
    from ..nlp import morph
    return morph().parse(w)[0].normal_form.replace("ё", "е")


def lemmas(text: str, keep_stop: bool = False) -> list[str]:
    out = [lemma(w) for w in WORD.findall(text or "")]
    return out if keep_stop else [w for w in out if w not in STOP]
