"""Shared helpers of the benchmarks: where the samples are, timing, medians, machine load.

Benchmarks print and return numbers; they are not tests. Every ratio is measured in one
run, with the two sides interleaved, so that load from other processes hits both alike.
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SEEDS = Path("/work/shared/seeds")
GOLD = Path("/work/shared/eval/gold")
SCORER = Path("/work/shared/eval/score.py")
PYTHON = str(ROOT / ".venv" / "bin" / "python")
sys.path.insert(0, str(ROOT / "src"))

FORMATS = ("txt", "docx", "pdf", "scan.pdf")


def samples(fmt: str) -> list[Path]:
    """`samples/<stem>.<fmt>`; "pdf" excludes the scans."""
    out = sorted(SAMPLES.glob(f"*.{fmt}"))
    if fmt == "pdf":
        out = [p for p in out if not p.name.endswith(".scan.pdf")]
    return out


def stem(path: Path) -> str:
    return path.name.split(".")[0]


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def cpu_now() -> float:
    """CPU seconds of this process (all threads) and of its finished child processes (Tesseract)."""
    import resource
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


def timed2(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one call. CPU time is what other processes' load
    disturbs least on a shared machine; wall time is what a user waits."""
    w, c = time.perf_counter(), cpu_now()
    fn()
    return time.perf_counter() - w, cpu_now() - c


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def load() -> str:
    """The machine's load averages and core count, for the record."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} / {fifteen:.1f} (1/5/15 min) on {os.cpu_count()} cores"


def table(header: list[str], rows: list[list[object]]) -> str:
    """A Markdown table."""
    def fmt(x: object) -> str:
        if isinstance(x, float):
            return f"{x:.3g}" if abs(x) < 100 else f"{x:.0f}"
        return str(x)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(fmt(x) for x in r) + " |" for r in rows]
    return "\n".join(lines)
