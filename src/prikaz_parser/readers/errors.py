"""Errors a reader raises: each names the file and a specific reason."""
from __future__ import annotations


class ReadError(Exception):
    """A file could not be read. `reason` is a short stable code, `detail` says why in words."""

    def __init__(self, path: str | None, reason: str, detail: str):
        self.path, self.reason, self.detail = path, reason, detail
        super().__init__(f"{path or '<bytes>'}: {detail}")


class MissingTool(ReadError):
    """An external program (soffice, tesseract) needed for this format is not installed."""
