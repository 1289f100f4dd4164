"""Start-up: `import prikaz_parser` and the first `parse()` in a fresh process.

    .venv/bin/python benchmarks/startup.py [--runs 5]

Each run is a new interpreter (subprocess). Reported (medians): the bare interpreter,
the import, the first parse of a small TXT order and of the smallest seed, the
process's wall time from spawn to exit (byte-code cached, as in an installed package:
this sandbox sets PYTHONDONTWRITEBYTECODE, which would add ~0.2 s of compiling per process), and whether natasha / pymorphy2 got loaded
(they must load lazily, only when a document needs them). Also the cost of loading
natasha itself (`nlp()`), for the budget "including natasha when needed".
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time

from common import PYTHON, ROOT, cpu_now, median, samples, table

TINY = "ПРИКАЗ\n01.09.2024 № 1\nОб утверждении плана мероприятий\n1. Утвердить план. Срок: до 01.10.2024.\n"

PROBE = r"""
import json, sys, time
t0, c0 = time.perf_counter(), time.process_time()
import prikaz_parser
t1, c1 = time.perf_counter(), time.process_time()
src = sys.argv[1]
if src == "-nlp":
    from prikaz_parser.nlp import nlp
    nlp()
else:
    prikaz_parser.parse(src.encode() if src.startswith("ПРИКАЗ") else src, "txt" if src.startswith("ПРИКАЗ") else None)
t2, c2 = time.perf_counter(), time.process_time()
print(json.dumps({"import": t1 - t0, "first": t2 - t1, "import_cpu": c1 - c0, "first_cpu": c2 - c1, "natasha": "natasha" in sys.modules,
                  "pymorphy2": "pymorphy2" in sys.modules, "pdfplumber": "pdfplumber" in sys.modules}))
"""


def _env() -> dict:
    """Byte-code cached (as an installed package has it), outside the work tree."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "prikaz_bench_pycache")
    return env


def probe(arg: str) -> dict:
    t, c = time.perf_counter(), cpu_now()
    out = subprocess.run([PYTHON, "-c", PROBE, arg], capture_output=True, text=True, check=True, cwd=ROOT,
                         env=_env())
    d = json.loads(out.stdout.strip().splitlines()[-1])
    d["cpu"] = cpu_now() - c
    d["wall"] = time.perf_counter() - t
    return d


def bare_python() -> float:
    t = time.perf_counter()
    subprocess.run([PYTHON, "-c", "pass"], check=True)
    return time.perf_counter() - t


def run(runs: int) -> list[dict]:
    smallest = min(samples("txt"), key=lambda p: p.stat().st_size)
    cases = [("tiny TXT order (4 lines)", TINY), (f"smallest seed {smallest.name}", str(smallest)),
             ("natasha load only (nlp())", "-nlp")]
    rows = []
    py = median([bare_python() for _ in range(runs)])
    probe(TINY)  # writes the byte-code cache; not counted
    for label, arg in cases:
        ds = [probe(arg) for _ in range(runs)]
        rows.append({"case": label, "python_s": py, "import_s": median([d["import"] for d in ds]),
                     "first_s": median([d["first"] for d in ds]), "wall_s": median([d["wall"] for d in ds]),
                     "import_cpu": median([d["import_cpu"] for d in ds]),
                     "first_cpu": median([d["first_cpu"] for d in ds]), "cpu_s": median([d["cpu"] for d in ds]),
                     "natasha": any(d["natasha"] for d in ds), "pymorphy2": any(d["pymorphy2"] for d in ds),
                     "pdfplumber": any(d["pdfplumber"] for d in ds), "runs": runs})
    return rows


def markdown(rows: list[dict]) -> str:
    return table(["case", "bare python s", "import s", "first parse s", "import + first parse s",
                  "same, CPU s", "process wall s", "process CPU s", "natasha loaded", "pymorphy2 loaded",
                  "pdfplumber loaded"],
                 [[r["case"], r["python_s"], r["import_s"], r["first_s"], r["import_s"] + r["first_s"],
                   r["import_cpu"] + r["first_cpu"], r["wall_s"], r["cpu_s"], r["natasha"], r["pymorphy2"],
                   r["pdfplumber"]] for r in rows])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    print(markdown(run(ap.parse_args().runs)))


if __name__ == "__main__":
    main()
