"""Warm-up, imported only by the worker pool's forkserver (see pool.PRELOAD).

Parsing a two-line order once loads natasha, pymorphy2 and dateparser in the forkserver,
so every worker (and every replacement of a killed one) is forked warm instead of
spending seconds loading models per process. Importing the package never does this.
"""
from __future__ import annotations

SAMPLE = "ПРИКАЗ\n01.09.2024 № 1\nОб утверждении плана мероприятий\n1. Утвердить план. Срок: до 01.10.2024.\n"


def warm() -> None:
    try:
        from ..pipeline import parse
        parse(SAMPLE.encode("utf-8"), "txt", name="<warm-up>")
    except Exception:  # noqa: BLE001 - a warm-up failure only costs time; the real parse reports it
        pass


warm()
