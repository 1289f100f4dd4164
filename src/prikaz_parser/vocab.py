"""Domain vocabularies shipped in `prikaz_parser/data/`, each read once per process."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def data_text(name: str) -> str:
    """The text of a data file (TSV, TXT)."""
    return resources.files("prikaz_parser.data").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def data_json(name: str):
    """A JSON data file, parsed (callers must not mutate it)."""
    return json.loads(data_text(name))


@lru_cache(maxsize=None)
def data_lines(name: str) -> tuple[str, ...]:
    """The non-blank lines of a list file, '#' comment lines left out, each stripped."""
    return tuple(ln.strip() for ln in data_text(name).splitlines() if ln.strip() and not ln.startswith("#"))
