"""natasha, loaded lazily and once per process, with the Python 3.11 traps worked around.

- pymorphy2 0.9.1 calls `inspect.getargspec` (gone in 3.11): we restore it from getfullargspec.
- pymorphy2 finds its dictionary through `pkg_resources` (gone from setuptools >= 82): we set
  PYMORPHY2_DICT_PATH from `pymorphy2_dicts_ru.get_path()` before building MorphVocab.

Use `nlp()` for the bundle (segmenter, morph vocab, embeddings, taggers) and `morph()` for a
pymorphy2 analyzer. Nothing is loaded at import time.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


def _prepare() -> None:
    import inspect
    import yargy  # noqa: F401  (some versions patch inspect.getargspec for pymorphy2)
    if not hasattr(inspect, "getargspec"):  # yargy 0.16 does not: do it here
        inspect.getargspec = lambda f: inspect.getfullargspec(f)[:4]  # type: ignore[attr-defined]
    if "PYMORPHY2_DICT_PATH" not in os.environ:
        import pymorphy2_dicts_ru
        os.environ["PYMORPHY2_DICT_PATH"] = pymorphy2_dicts_ru.get_path()


@dataclass(frozen=True)
class NLP:
    segmenter: Any
    morph_vocab: Any
    emb: Any
    morph_tagger: Any
    ner_tagger: Any
    names_extractor: Any


@lru_cache(maxsize=1)
def nlp() -> NLP:
    _prepare()
    from natasha import (MorphVocab, NamesExtractor, NewsEmbedding, NewsMorphTagger, NewsNERTagger,
                         Segmenter)
    emb = NewsEmbedding()
    vocab = MorphVocab()
    return NLP(Segmenter(), vocab, emb, NewsMorphTagger(emb), NewsNERTagger(emb), NamesExtractor(vocab))


@lru_cache(maxsize=1)
def morph():
    """A pymorphy2 MorphAnalyzer (light: no embeddings)."""
    _prepare()
    import pymorphy2
    return pymorphy2.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def parses(word: str) -> tuple:
    """pymorphy2's parses of a word, cached (the same words recur across cells and documents)."""
    return tuple(morph().parse(word))
