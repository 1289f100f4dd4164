"""Scaling: throughput with 1 and 2 workers, peak memory per worker, time per page by length.

    .venv/bin/python benchmarks/scaling.py [--docs 500] [--rows 8,64,390,2000] [--runs 3]

- Throughput: a corpus of `--docs` variants of the samples (benchmarks/corpus.py), parsed by
  `prikaz_parser.batch.parse_many(folder, workers=N)` (a multiprocessing Pool over `parse`
  when the batch package is absent); documents per minute, wall clock, worker start included.
- Memory: a Pool of 2 fresh (spawned) worker processes parses every sample (TXT, DOCX, PDF,
  the largest scan); each worker reports its peak RSS (VmHWM; see `peak_rss_mb`).
- Length: one seed order (its short form: 1 page of order text) whose roadmap is repeated to
  `--rows` rows, as TXT, DOCX and PDF; the default rows give 2, 8, 40 and 200 PDF pages
  (pages are counted in the PDF and are the length unit of all three formats). Copies after
  the seed's 37 rows carry "(этап N)", so no measure text repeats. For every length and
  format, `--runs` interleaved pairs on the same file: the floor (floors.py: the bare reading
  cost of the format) then `parse()` with the text caches emptied, each averaged over >= 2
  CPU seconds of calls; the least disturbed (min) pair counts. Reported: parse and floor CPU
  ms per page, their ratio, and the marginal CPU ms per added page between consecutive
  lengths, of parse and of floor. The 2-page document is half order text, the longer ones
  almost all roadmap, and a page of prose costs parse and floor differently from a page of
  table: so the whole-document per-page figures of the 2-page point are not comparable with
  the rest; the marginals, which are all roadmap pages, are. Flat (`flatness`) = neither
  parse ÷ floor nor parse ms of the added pages grows by more than 20 % from the first step
  to the last: no super-linear step anywhere between 2 and 200 pages.
"""
from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import os
import resource
import tempfile
import time
from pathlib import Path

import floors
from common import samples, table, timed2
from corpus import make_corpus, write_long

ROWS = (8, 64, 390, 2000)  # 2, 8, 40, 200 PDF pages
FLOORS = floors.FLOORS


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


def per_call(fn, at_least: float = 2.0) -> tuple[float, float]:
    """(wall, CPU) seconds of one call of fn, averaged over a batch of calls that takes about
    `at_least` CPU seconds (one call first, to size the batch): on this shared virtual machine
    one 0.3 s call varies by ±25 % from run to run, and sub-millisecond floors (TXT) would
    be lost in the clock's noise."""
    wall, cpu = timed2(fn)
    if cpu >= at_least:
        return wall, cpu
    n = math.ceil(at_least / max(cpu, 1e-6))

    def batch() -> None:
        for _ in range(n):
            fn()
    wall, cpu = timed2(batch)
    return wall / n, cpu / n


def by_length(rows_list: list[int], runs: int, folder: Path) -> list[dict]:
    """Per format and length: parse and floor time per page (min over `runs` interleaved
    floor/parse pairs, each pair on the same file; each run measures every length in turn),
    and the marginal time per added page.
    Before every parse the text caches are emptied (`prikaz_parser.memo.clear`); the word
    caches (the dictionary's) stay warm, as in any process that has parsed one document.
    Marginal = added CPU time per added roadmap row, times the roadmap rows per page of
    the whole range (~10): page counts are whole numbers, and over a 6-page step their
    rounding alone would move a per-page marginal by up to ±15 %."""
    import pypdfium2
    from prikaz_parser import memo, parse

    def parse_fresh(path: Path):
        memo.clear()  # the text caches: every run parses the document as if for the first time
        return parse(path)
    rows_list = sorted(rows_list)
    docs = {rows: write_long(folder, rows) for rows in rows_list}
    for fmt, path in docs[min(rows_list)].items():  # warm: imports, models, caches of the process
        FLOORS[fmt](path)
        parse(path)
    out = []
    pages_of = {rows: len(pypdfium2.PdfDocument(str(docs[rows]["pdf"]))) for rows in rows_list}
    for fmt in FLOORS:
        times: dict[int, tuple[list, list]] = {rows: ([], []) for rows in rows_list}
        last: dict = {}
        for _ in range(runs):  # every run goes through all lengths: a slower minute hits them all
            for rows in rows_list:
                path = docs[rows][fmt]
                times[rows][0].append(per_call(lambda: FLOORS[fmt](path)))
                times[rows][1].append(per_call(lambda: last.update({rows: parse_fresh(path)})))
        for rows in rows_list:
            f_t, p_t = times[rows]
            pages = pages_of[rows]
            wall, cpu = min(w for w, _ in p_t), min(c for _, c in p_t)
            fwall, fcpu = min(w for w, _ in f_t), min(c for _, c in f_t)
            out.append({"format": fmt, "rows": rows, "pages": pages, "measures": len(last[rows].measures),
                        "seconds": wall, "cpu": cpu, "floor_seconds": fwall, "floor_cpu": fcpu,
                        "ms_per_page": 1000 * wall / pages, "cpu_ms_per_page": 1000 * cpu / pages,
                        "floor_cpu_ms_per_page": 1000 * fcpu / pages, "cpu_ratio": cpu / fcpu,
                        "ratio": wall / fwall})
    for fmt in FLOORS:
        rs = [r for r in out if r["format"] == fmt]
        per_page = (rs[-1]["rows"] - rs[0]["rows"]) / max(rs[-1]["pages"] - rs[0]["pages"], 1)
        for a, b in zip(rs, rs[1:]):
            added = (b["rows"] - a["rows"]) / per_page  # pages' worth of added roadmap rows
            b["marginal_cpu_ms_per_page"] = 1000 * (b["cpu"] - a["cpu"]) / added
            b["marginal_floor_cpu_ms_per_page"] = 1000 * (b["floor_cpu"] - a["floor_cpu"]) / added
    return out


def flatness(length: list[dict], fmt: str, limit: float = 1.2) -> dict | None:
    """The flatness check of one format, from `by_length` rows (at least 3 lengths).

    Judged on the pages added by the first step (e.g. 2 -> 8 pages) and by the last step
    (e.g. 40 -> 200 pages): both are roadmap pages, so like is compared with like. Flat =
    the parse CPU ms per added page grows by at most `limit` - 1 from the first step to the
    last (a quadratic step shows as growth; a fall is fixed costs spread thinner, or cells
    repeated in these synthetic roadmaps hitting the text caches), or, where the bare reading
    library's own time per page grows on long files (pdfplumber's does: it keeps every page
    it has read), parse ÷ floor grows by at most `limit` - 1: the part of the time that is
    ours stays flat. Both growths are reported, and the floor's; for TXT the floor is ~0.
    Whole-document figures (ratio and CPU ms/page from the shortest to the longest
    document) are returned for information: the shortest document is half order text, whose
    pages cost both parse and floor a different amount from roadmap pages."""
    rs = [r for r in length if r["format"] == fmt]
    if len(rs) < 3:
        return None
    small, big, first, last = rs[0], rs[-1], rs[1], rs[-1]

    def marginal_ratio(r: dict) -> float:
        return r["marginal_cpu_ms_per_page"] / r["marginal_floor_cpu_ms_per_page"]
    out = {"pages": (small["pages"], first["pages"], rs[-2]["pages"], big["pages"]),
           "marginal_ratio": (marginal_ratio(first), marginal_ratio(last)),
           "marginal_ms": (first["marginal_cpu_ms_per_page"], last["marginal_cpu_ms_per_page"]),
           "doc_ratio": (small["cpu_ratio"], big["cpu_ratio"]),
           "doc_ms": (small["cpu_ms_per_page"], big["cpu_ms_per_page"])}
    out["ratio_growth"] = out["marginal_ratio"][1] / out["marginal_ratio"][0]
    out["ms_growth"] = out["marginal_ms"][1] / out["marginal_ms"][0]
    out["floor_ms"] = (first["marginal_floor_cpu_ms_per_page"], last["marginal_floor_cpu_ms_per_page"])
    out["floor_growth"] = out["floor_ms"][1] / out["floor_ms"][0]
    out["met"] = out["ms_growth"] <= limit or out["ratio_growth"] <= limit
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
        parts.append(
            "Time per page by document length (CPU: min of interleaved floor/parse pairs on the same file; "
            "floor = the bare reading cost of floors.py; pages = PDF pages of the same document; marginal = "
            "added CPU ms per added roadmap row since the previous length × roadmap rows per page):\n\n" + table(
                ["format", "roadmap rows", "PDF pages", "measures", "parse s (wall)", "parse ms/page (wall)",
                 "parse CPU ms/page", "floor CPU ms/page", "parse ÷ floor (CPU)", "parse ÷ floor (wall)",
                 "marginal parse CPU ms/page", "marginal floor CPU ms/page"],
                [[r["format"], r["rows"], r["pages"], r["measures"], r["seconds"], r["ms_per_page"],
                  r["cpu_ms_per_page"], r["floor_cpu_ms_per_page"], r["cpu_ratio"], r["ratio"],
                  r.get("marginal_cpu_ms_per_page", ""), r.get("marginal_floor_cpu_ms_per_page", "")]
                 for r in length]))
        flat = [(fmt, flatness(length, fmt)) for fmt in FLOORS]
        flat = [(fmt, f) for fmt, f in flat if f]
        if flat:
            parts.append(
                "Flatness (`flatness`): the pages added by the first step and by the last step are all roadmap "
                "pages, so their costs compare like with like; whole documents are shown too, but the shortest is "
                "half order text, which costs parse and floor differently from roadmap pages.\n\n" + table(
                    ["format", "first step pages", "last step pages", "parse ÷ floor of added pages",
                     "growth", "parse CPU ms per added page", "growth", "floor CPU ms per added page", "growth",
                     "whole-document parse ÷ floor", "whole-document CPU ms/page",
                     "flat (CPU ms per added page, or parse ÷ floor, grows ≤ 1.2×)"],
                    [[fmt, f"{f['pages'][0]}→{f['pages'][1]}", f"{f['pages'][2]}→{f['pages'][3]}",
                      "{:.3g} → {:.3g}".format(*f["marginal_ratio"]), f"{f['ratio_growth']:.2f}×",
                      "{:.3g} → {:.3g}".format(*f["marginal_ms"]), f"{f['ms_growth']:.2f}×",
                      "{:.3g} → {:.3g}".format(*f["floor_ms"]), f"{f['floor_growth']:.2f}×",
                      "{:.3g} → {:.3g}".format(*f["doc_ratio"]), "{:.3g} → {:.3g}".format(*f["doc_ms"]),
                      "yes" if f["met"] else "**no**"] for fmt, f in flat]))
    return "\n\n".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--rows", default=",".join(map(str, ROWS)))
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
