"""Scaling: throughput with 1 and 2 workers, peak memory per worker, time per page by length.

    .venv/bin/python benchmarks/scaling.py [--docs 500] [--rows 4,60,400,2000] [--runs 3]

- Throughput: a corpus of `--docs` variants of the samples (benchmarks/corpus.py), parsed by
  `prikaz_parser.batch.parse_many(folder, workers=N)` (a multiprocessing Pool over `parse`
  when the batch package is absent); documents per minute, wall clock, worker start included.
- Memory: a Pool of 2 fresh (spawned) worker processes parses every sample (TXT, DOCX, PDF,
  the largest scan); each worker reports its peak RSS (VmHWM; see `peak_rss_mb`).
- Length: one seed order whose roadmap is repeated to `--rows` rows, as TXT, DOCX and PDF
  (pages counted in the PDF); median parse time per page (wall and CPU) and the marginal
  CPU time per added page between consecutive lengths. Flat = no quadratic step.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import tempfile
import time
from pathlib import Path

from common import median, samples, table, timed2
from corpus import make_corpus, write_long


def _parse_path(path: str) -> None:
    from prikaz_parser import parse
    parse(path)


def throughput(folder: Path, workers: int) -> dict:
    files = sorted(p for p in folder.iterdir() if p.is_file())
    t = time.perf_counter()
    try:
        from prikaz_parser.batch import parse_many
        corpus = parse_many(folder, workers=workers)
        ok = sum(r["status"] in ("ok", "warnings") for r in corpus.records)
        how = "batch.parse_many"
    except ImportError:
        with mp.get_context("fork").Pool(workers) as pool:
            pool.map(_parse_path, [str(p) for p in files], chunksize=4)
        ok, how = len(files), "multiprocessing.Pool(parse)"
    s = time.perf_counter() - t
    return {"workers": workers, "docs": len(files), "ok": ok, "seconds": s, "docs_per_min": 60 * len(files) / s,
            "via": how}


def peak_rss_mb() -> float:
    """Peak RSS of this process's own address space: VmHWM. `getrusage().ru_maxrss` is the
    fallback only: on Linux it keeps the high-water mark of the image before exec, i.e. the
    RSS of the parent that forked a spawned worker, however big the worker really grew."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_worker(path: str) -> tuple[int, str, float, float]:
    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as cache:
        os.environ["PRIKAZ_PARSER_CACHE"] = cache
        _parse_path(path)
    return os.getpid(), Path(path).name, time.perf_counter() - t, peak_rss_mb()


def memory(with_scan: bool = True) -> list[dict]:
    paths = [str(p) for fmt in ("txt", "docx", "pdf") for p in samples(fmt)]
    if with_scan and samples("scan.pdf"):
        paths.append(str(max(samples("scan.pdf"), key=lambda p: p.stat().st_size)))
    with mp.get_context("spawn").Pool(2) as pool:
        res = pool.map(_rss_worker, paths, chunksize=1)
    by_pid: dict[int, dict] = {}
    for pid, name, s, peak in res:
        w = by_pid.setdefault(pid, {"docs": 0, "rss_mb": 0.0, "largest": "", "names": []})
        w["docs"] += 1
        w["names"].append(name)
        if peak > w["rss_mb"] + 1:
            w["largest"] = name
        w["rss_mb"] = max(w["rss_mb"], peak)
    return [{"worker": k + 1, **w} for k, w in enumerate(by_pid.values())]


def by_length(rows_list: list[int], runs: int, folder: Path) -> list[dict]:
    import pypdfium2
    from prikaz_parser import parse
    out = []
    parse(samples("txt")[0])  # warm the process once
    for rows in rows_list:
        files = write_long(folder, rows)
        pages = len(pypdfium2.PdfDocument(str(files["pdf"])))
        for fmt, path in files.items():
            docs: list = []
            ts = [timed2(lambda: docs.append(parse(path))) for _ in range(runs)]
            wall, cpu = median([w for w, _ in ts]), median([c for _, c in ts])
            out.append({"format": fmt, "rows": rows, "pages": pages, "measures": len(docs[0].measures),
                        "seconds": wall, "cpu": cpu, "ms_per_page": 1000 * wall / pages,
                        "cpu_ms_per_page": 1000 * cpu / pages})
    for fmt in ("txt", "docx", "pdf"):
        rs = [r for r in out if r["format"] == fmt]
        for a, b in zip(rs, rs[1:]):
            b["marginal_cpu_ms_per_page"] = 1000 * (b["cpu"] - a["cpu"]) / max(b["pages"] - a["pages"], 1)
    return out


def markdown(tp: list[dict], mem: list[dict], length: list[dict]) -> str:
    parts = []
    if tp:
        one = next((r for r in tp if r["workers"] == 1), None)
        parts.append(table(["workers", "docs", "parsed ok", "seconds", "docs/min", "speed-up", "via"],
                           [[r["workers"], r["docs"], r["ok"], r["seconds"], r["docs_per_min"],
                             r["docs_per_min"] / one["docs_per_min"] if one else "", r["via"]] for r in tp]))
    if mem:
        parts.append("Peak memory per worker (VmHWM of the worker process, MB; Tesseract runs as a separate "
                     "process of ~70-100 MB, not counted):\n\n" + table(
                         ["worker", "docs parsed", "peak RSS MB", "peak reached at", "documents"],
                         [[r["worker"], r["docs"], r["rss_mb"], r["largest"], ", ".join(r["names"])] for r in mem]))
    if length:
        parts.append("Time per page by document length:\n\n" + table(
            ["format", "roadmap rows", "PDF pages", "measures", "parse s (wall)", "ms/page (wall)",
             "CPU ms/page", "marginal CPU ms/page"],
            [[r["format"], r["rows"], r["pages"], r["measures"], r["seconds"], r["ms_per_page"],
              r["cpu_ms_per_page"], r.get("marginal_cpu_ms_per_page", "")] for r in length]))
    return "\n\n".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--rows", default="4,60,400,2000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip", default="", help="comma-separated: throughput,memory,length")
    args = ap.parse_args()
    skip = set(args.skip.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        tp = []
        if "throughput" not in skip:
            folder = Path(tmp) / "corpus"
            make_corpus(folder, args.docs)
            tp = [throughput(folder, w) for w in (1, 2)]
        mem = memory() if "memory" not in skip else []
        length = by_length([int(x) for x in args.rows.split(",")], args.runs, Path(tmp) / "long") \
            if "length" not in skip else []
    print(markdown(tp, mem, length))


if __name__ == "__main__":
    main()
