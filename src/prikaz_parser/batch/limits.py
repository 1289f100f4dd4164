"""Limits and switches of a batch run, in one validated dataclass."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Limits:
    max_size_mb: float = 200  # a larger file is failed unread ("too_large")
    max_pages: int = 1000  # a PDF with more pages is failed ("too_many_pages")
    max_unpacked_mb: float = 1024  # a ZIP (or DOCX) declaring more is a ZIP bomb
    max_ratio: int = 200  # a member expanding more than this is a ZIP bomb
    timeout: float = 600  # seconds per file; a worker over it is killed
    memory_mb: int = 4096  # RLIMIT_AS of a worker process; 0 = unlimited
    ocr: bool = True  # False: an image-only PDF fails instead of being OCR'd
    min_russian: float = 0.3  # share of Cyrillic among letters below which text is "not Russian"

    def __post_init__(self) -> None:
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, (int, float)) and not isinstance(v, bool) and v < 0:
                raise ValueError(f"{f.name} must be >= 0, got {v}")


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
