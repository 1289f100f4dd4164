"""Results of earlier runs, by content: OUT/.cache/<sha256>.json, valid for one parser version.

The parser version is the package version plus a fingerprint of the package's code and
data files, so that any change to a reader or an extractor invalidates every entry.
Only parsed results (ok / warnings) are kept: a failure is always retried.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
CODE_SUFFIXES = {".py", ".json", ".tsv", ".txt", ".csv"}


@lru_cache(maxsize=1)
def parser_version() -> str:
    from .. import schema
    h = hashlib.sha256()
    for p in sorted(PACKAGE.rglob("*")):
        if p.suffix in CODE_SUFFIXES and "__pycache__" not in p.parts and p.is_file():
            h.update(p.relative_to(PACKAGE).as_posix().encode())
            h.update(p.read_bytes())
    return f"schema {schema.SCHEMA_VERSION}, code {h.hexdigest()[:12]}"


class Cache:
    """A folder of JSON entries; a missing or stale entry is a miss."""

    def __init__(self, folder: Path, version: str | None = None):
        self.folder, self.version = folder, version or parser_version()

    def _path(self, sha256: str) -> Path:
        return self.folder / f"{sha256}.json"

    def get(self, sha256: str) -> dict | None:
        try:
            entry = json.loads(self._path(sha256).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if entry.get("parser_version") != self.version or entry.get("result", {}).get("status") not in ("ok", "warnings"):
            return None
        return entry["result"]

    def put(self, sha256: str, result: dict) -> None:
        if result.get("status") not in ("ok", "warnings"):
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self._path(sha256).with_suffix(".tmp")
        tmp.write_text(json.dumps({"parser_version": self.version, "result": result}, ensure_ascii=False),
                       encoding="utf-8")
        tmp.replace(self._path(sha256))
