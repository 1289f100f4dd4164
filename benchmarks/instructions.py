"""Instructions per parsed document, counted by Valgrind (callgrind): a speed figure that the
machine's load does not move.

    .venv/bin/python benchmarks/instructions.py [--formats txt,docx] [--passes 2]

Times on a shared machine drift by 2× within minutes (other tenants' work slows the same
code); the number of instructions the CPU retires for the same work does not. Two processes
run under callgrind: both import the package and parse every sample once (warm-up), then one
parses every sample `--passes` more times with the text caches emptied before each parse
(`prikaz_parser.memo.clear`, as floors.py does). The difference, divided by the parses, is
the instructions of one fresh parse of a typical sample; the warm-up and the interpreter's
start-up cancel out. The floor of the format (floors.py) is counted the same way, so the
floor ratio comes out free of load too. Needs `valgrind` on the PATH (apt-get install valgrind); skipped
without it. ~2 minutes per format (callgrind runs Python ~50× slower); PDF is
too slow for it (pdfplumber under callgrind: ~5 min a page set).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

from common import PYTHON, ROOT, samples, table

_DRIVER = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import floors
from prikaz_parser import memo, parse
what, passes, paths = sys.argv[2], int(sys.argv[3]), sys.argv[4:]
def run(p):
    if what == "parse":
        memo.clear()
        parse(p)
    else:
        floors.FLOORS[Path(p).suffix.lstrip(".")](Path(p))
for p in paths:
    run(p)
for _ in range(passes):
    for p in paths:
        run(p)
"""


def _collected(what: str, passes: int, paths: list[str]) -> int:
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(ROOT / "src"))
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", PYTHON, "-c", _DRIVER,
                          str(ROOT / "benchmarks"), what, str(passes), *paths],
                         capture_output=True, text=True, env=env, check=True)
    m = re.search(r"Collected\s*:\s*(\d+)", out.stderr)
    if not m:
        raise RuntimeError("callgrind printed no instruction count:\n" + out.stderr[-800:])
    return int(m.group(1))


def count(fmt: str, passes: int) -> dict:
    """Instructions of one fresh parse and of the floor (floors.py), averaged over the samples."""
    paths = [str(p) for p in samples(fmt)]
    jobs = [(what, n) for what in ("parse", "floor") for n in (0, passes)]
    with ThreadPoolExecutor(2) as pool:
        got = dict(zip(jobs, pool.map(lambda j: _collected(j[0], j[1], paths), jobs)))
    per = {what: (got[(what, passes)] - got[(what, 0)]) / (passes * len(paths)) / 1e6 for what in ("parse", "floor")}
    return {"format": fmt, "samples": len(paths), "parses": passes * len(paths),
            "m_instructions": per["parse"], "m_floor": per["floor"], "ratio": per["parse"] / per["floor"]}


def run(formats: list[str], passes: int) -> list[dict]:
    if shutil.which("valgrind") is None:
        return []
    return [count(fmt, passes) for fmt in formats]


def markdown(rows: list[dict]) -> str:
    if not rows:
        return "valgrind is not installed: instruction counts skipped."
    return table(["format", "samples", "fresh parses counted", "million instructions per parse",
                  "million instructions per floor", "parse ÷ floor"],
                 [[r["format"], r["samples"], r["parses"], r["m_instructions"], r["m_floor"], r["ratio"]]
                  for r in rows])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--formats", default="txt")
    ap.add_argument("--passes", type=int, default=2)
    args = ap.parse_args()
    print(markdown(run(args.formats.split(","), args.passes)))


if __name__ == "__main__":
    main()
