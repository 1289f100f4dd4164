"""Floor ratios: full `parse()` time over the bare cost of reading the same file.

    .venv/bin/python benchmarks/floors.py [--runs 5] [--scan-runs 1] [--formats txt,docx,pdf,scan.pdf]

Floors (what no parser of that format can avoid):
  txt       read the file, decode, split the lines
  docx      python-docx `Document()`, then the text of every paragraph and every table cell
  pdf       pdfplumber: `extract_text()` and `extract_tables()` of every page
  scan.pdf  bare `tesseract page.png - -l rus` (OMP_THREAD_LIMIT=1) on the same page images,
            two pages at a time as our page pool does (rendering is not in the floor)
Each run times floor and parse of a sample back to back; the ratio per sample is
median(parse) / median(floor); per format the median over samples. Before every timed parse
the text caches (`prikaz_parser.memo`: cells, headers, deadlines already seen) are emptied,
so a document is timed as if it were the first of its kind; the same document parsed again
right after ("warm": a batch where cells and headers repeat) is reported beside it. Scans parse with a
fresh OCR cache every time (cold), so the cache never hides Tesseract. Wall and CPU time
(this process's threads plus finished children such as Tesseract) are both reported: on a
machine shared with other work, CPU ratios are the stable ones.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from common import FORMATS, median, samples, stem, table, timed2

OCR_WORKERS = max(1, min(os.cpu_count() or 1, 2))


def floor_txt(path: Path) -> None:
    path.read_bytes().decode("utf-8-sig").splitlines()


def floor_docx(path: Path) -> None:
    from docx import Document
    doc = Document(str(path))
    for p in doc.paragraphs:
        p.text
    for t in doc.tables:
        for row in t.rows:
            for cell in row.cells:
                cell.text


def floor_pdf(path: Path) -> None:
    import pdfplumber
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


FLOORS = {"txt": floor_txt, "docx": floor_docx, "pdf": floor_pdf}  # the bare reading cost per format


def scan_pngs(path: Path, folder: Path) -> list[Path]:
    """The page images our OCR reads (same renderer, same dpi), saved as PNG."""
    from PIL import Image
    from prikaz_parser.readers import ocr
    out = []
    for i, img in enumerate(ocr.render_pdf(path.read_bytes(), str(path))):
        png = folder / f"{stem(path)}_p{i + 1}.png"
        Image.fromarray(img).save(png, dpi=(ocr.DPI, ocr.DPI))
        out.append(png)
    return out


def bare_tesseract(pngs: list[Path]) -> None:
    from prikaz_parser.readers import ocr
    env = dict(os.environ, OMP_THREAD_LIMIT="1")

    def one(png: Path) -> None:
        subprocess.run([ocr.TESSERACT_CMD, str(png), "-", "-l", ocr.LANG], capture_output=True, check=True, env=env)
    with ThreadPoolExecutor(OCR_WORKERS) as pool:
        list(pool.map(one, pngs))


def parse_cold(path: Path) -> None:
    """parse() with an empty OCR cache."""
    from prikaz_parser import parse
    with tempfile.TemporaryDirectory() as cache:
        old = os.environ.get("PRIKAZ_PARSER_CACHE")
        os.environ["PRIKAZ_PARSER_CACHE"] = cache
        try:
            parse(path)
        finally:
            if old is None:
                os.environ.pop("PRIKAZ_PARSER_CACHE", None)
            else:
                os.environ["PRIKAZ_PARSER_CACHE"] = old


def measure(fmt: str, runs: int, tmp: Path) -> list[dict]:
    """Per sample: median parse and floor seconds over `runs` interleaved runs."""
    from prikaz_parser import memo, parse
    rows = []
    for path in samples(fmt):
        if fmt == "scan.pdf":
            pngs = scan_pngs(path, tmp)
            floor, ours = (lambda: bare_tesseract(pngs)), (lambda: parse_cold(path))
        else:
            floor = FLOORS[fmt]
            floor, ours = (lambda f=floor: f(path)), (lambda: parse(path))
        ours()  # warm: imports, models, caches of the process (start-up is measured apart)
        f_t, p_t, w_t = [], [], []
        for _ in range(runs):
            f_t.append(timed2(floor))
            memo.clear()
            p_t.append(timed2(ours))
            if fmt != "scan.pdf":
                w_t.append(timed2(ours))
        fw, fc = median([w for w, _ in f_t]), median([c for _, c in f_t])
        pw, pc = median([w for w, _ in p_t]), median([c for _, c in p_t])
        rows.append({"format": fmt, "sample": path.name, "pages": _pages(path), "floor_s": fw, "parse_s": pw,
                     "ratio": pw / fw, "floor_cpu": fc, "parse_cpu": pc, "cpu_ratio": pc / fc if fc else float("nan"),
                     "warm_cpu": median([c for _, c in w_t]) if w_t else float("nan"),
                     "min_parse_cpu": min(c for _, c in p_t), "runs": runs})
    return rows


def _pages(path: Path) -> int | None:
    if path.suffix != ".pdf":
        return None
    import pypdfium2
    return len(pypdfium2.PdfDocument(str(path)))


def summary(rows: list[dict]) -> list[dict]:
    """Per format: median ratio over samples, median parse time per document."""
    out = []
    for fmt in FORMATS:
        rs = [r for r in rows if r["format"] == fmt]
        if rs:
            out.append({"format": fmt, "samples": len(rs), "median_ratio": median([r["ratio"] for r in rs]),
                        "max_ratio": max(r["ratio"] for r in rs),
                        "median_cpu_ratio": median([r["cpu_ratio"] for r in rs]),
                        "max_cpu_ratio": max(r["cpu_ratio"] for r in rs),
                        "median_parse_ms": 1000 * median([r["parse_s"] for r in rs]),
                        "median_parse_cpu_ms": 1000 * median([r["parse_cpu"] for r in rs]),
                        "mean_parse_cpu_ms": 1000 * sum(r["parse_cpu"] for r in rs) / len(rs),
                        "max_parse_cpu_ms": 1000 * max(r["parse_cpu"] for r in rs),
                        "median_warm_cpu_ms": 1000 * median([r["warm_cpu"] for r in rs]),
                        "median_floor_ms": 1000 * median([r["floor_s"] for r in rs])})
    return out


def run(formats: list[str], runs: int, scan_runs: int) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in formats:
            rows += measure(fmt, scan_runs if fmt == "scan.pdf" else runs, Path(tmp))
    return rows


def markdown(rows: list[dict]) -> str:
    s = summary(rows)
    per_format = table(["format", "samples", "median ratio (wall)", "max ratio (wall)", "median ratio (CPU)",
                        "max ratio (CPU)", "median parse ms (wall)", "median parse ms (CPU)", "max parse ms (CPU)",
                        "warm parse ms (CPU)", "median floor ms (wall)"],
                       [[r["format"], r["samples"], r["median_ratio"], r["max_ratio"], r["median_cpu_ratio"],
                         r["max_cpu_ratio"], r["median_parse_ms"], r["median_parse_cpu_ms"], r["max_parse_cpu_ms"],
                         r["median_warm_cpu_ms"], r["median_floor_ms"]] for r in s])
    per_sample = table(["sample", "pages", "runs", "parse ms", "floor ms", "ratio", "parse CPU ms", "min parse CPU ms",
                        "warm parse CPU ms", "floor CPU ms", "CPU ratio"],
                       [[r["sample"], r["pages"] or "", r["runs"], 1000 * r["parse_s"], 1000 * r["floor_s"],
                         r["ratio"], 1000 * r["parse_cpu"], 1000 * r["min_parse_cpu"], 1000 * r["warm_cpu"],
                         1000 * r["floor_cpu"], r["cpu_ratio"]] for r in rows])
    return (per_format + "\n\nParse times are with the text caches emptied before each run (a document seen "
            "for the first time); \"warm\" parses the same document again at once.\n\nPer sample (medians):\n\n"
            + per_sample)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--scan-runs", type=int, default=1)
    ap.add_argument("--formats", default=",".join(FORMATS))
    args = ap.parse_args()
    print(markdown(run(args.formats.split(","), args.runs, args.scan_runs)))


if __name__ == "__main__":
    main()
