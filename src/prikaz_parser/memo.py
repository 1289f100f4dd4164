"""Caches of text → result that live across documents, and a way to empty them all.

A roadmap repeats its cells ("УО, ОО", "в течение года", the same column headers), and a batch
of districts repeats them again, so the extractors remember what a cell or header text gave.
`text_cache(maxsize)` is `functools.lru_cache` that also registers the function here, and
`clear()` empties every registered cache: a benchmark that parses one document many times
calls it before each run to time the document as if it were seen for the first time.

Word-level caches (`nlp.parses`, a word is known to the dictionary) are not registered: they
stand for the dictionary itself, which every document consults, and warm up within one document.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, TypeVar

F = TypeVar("F", bound=Callable)
_REGISTRY: list = []


def text_cache(maxsize: int = 4096) -> Callable[[F], F]:
    """`lru_cache(maxsize)` that `clear()` empties."""
    def wrap(fn: F) -> F:
        cached = lru_cache(maxsize=maxsize)(fn)
        _REGISTRY.append(cached)
        return cached  # type: ignore[return-value]
    return wrap


def clear() -> None:
    """Empty every text cache (the next document is parsed as if none had been before)."""
    for cached in _REGISTRY:
        cached.cache_clear()


def registered() -> list[str]:
    """Qualified names of the registered caches (for tests and benchmark reports)."""
    return [f"{c.__module__}.{c.__qualname__}" for c in _REGISTRY]
