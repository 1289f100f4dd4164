"""Documents kept on disk instead of in memory, for runs too big to hold (the Dask engine's).

`Spool(folder)` is a mapping display name -> document JSON whose values live in files:
each finished document is written at once (OUT/.spool/<n>.json), so a run of 100,000
files holds only their names. `LazyDocuments(files)` is the matching mapping display
name -> `Document`, read from its file when asked for (Corpus.documents of such a run).
"""
from __future__ import annotations

import shutil
from collections.abc import Mapping, MutableMapping
from pathlib import Path


class Spool(MutableMapping):
    """display name -> JSON text, one file per document."""

    def __init__(self, folder: Path):
        self.folder = folder
        if folder.exists():
            shutil.rmtree(folder)  # a run that was stopped leaves its spool behind
        folder.mkdir(parents=True)
        self.files: dict[str, Path] = {}

    def __setitem__(self, name: str, text: str) -> None:
        path = self.files.get(name) or self.folder / f"{len(self.files)}.json"
        path.write_text(text, encoding="utf-8")
        self.files[name] = path

    def __getitem__(self, name: str) -> str:
        return self.files[name].read_text(encoding="utf-8")

    def __delitem__(self, name: str) -> None:
        self.files.pop(name).unlink(missing_ok=True)

    def __contains__(self, name) -> bool:
        return name in self.files

    def __iter__(self):
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        self.files = {}


class LazyDocuments(Mapping):
    """display name -> Document, parsed from its JSON file on each access."""

    def __init__(self, files: dict[str, Path]):
        self.files = dict(sorted(files.items()))

    def __getitem__(self, name: str):
        from ..schema import Document
        return Document.model_validate_json(self.files[name].read_text(encoding="utf-8"))

    def __iter__(self):
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)
