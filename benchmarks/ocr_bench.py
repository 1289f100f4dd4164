"""OCR pipeline time per page against bare `tesseract page.png - -l rus`, same pages, same run.

    .venv/bin/python benchmarks/ocr_bench.py [SCAN.pdf] [--pages N]

For each page (rendered at 200 dpi with pypdfium2 and saved as PNG): the bare
Tesseract command, then our pipeline without the cache (clean-up, deskew,
rulings, one Tesseract TSV call, words -> cells/paragraphs), interleaved so
that load from other processes hits both alike. Both run with OMP_THREAD_LIMIT=1.
Then the whole document through `ocr_pdf` with the page pool (cold cache).
Not a test: it prints numbers.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from prikaz_parser.readers import ocr  # noqa: E402


def bare(png: Path) -> float:
    t = time.perf_counter()
    subprocess.run([ocr.TESSERACT_CMD, str(png), "-", "-l", ocr.LANG], capture_output=True, check=True,
                   env=dict(os.environ, OMP_THREAD_LIMIT="1"))
    return time.perf_counter() - t


def ours(img, page_no: int) -> float:
    t = time.perf_counter()
    ocr.page_blocks(ocr.recognise_page(img, ocr.DPI), page_no, None)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    default = next(iter(sorted(ROOT.glob("samples/*.scan.pdf"))), None)
    ap.add_argument("pdf", nargs="?", default=str(default) if default else None)
    ap.add_argument("--pages", type=int, default=4)
    args = ap.parse_args()
    if not args.pdf:
        sys.exit("no scan PDF given and none in samples/")
    data = Path(args.pdf).read_bytes()
    ocr.check_tesseract(args.pdf)
    t = time.perf_counter()
    images = ocr.render_pdf(data, args.pdf)[: args.pages]
    render = (time.perf_counter() - t) / max(len(images), 1)
    from PIL import Image
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, img in enumerate(images):
            png = Path(tmp) / f"p{i}.png"
            Image.fromarray(img).save(png, dpi=(ocr.DPI, ocr.DPI))
            rows.append((i + 1, bare(png), ours(img, i + 1)))
    print(f"{Path(args.pdf).name}: {len(images)} pages at {ocr.DPI} dpi, render {render * 1000:.0f} ms/page")
    print(f"{'page':>4} {'tesseract s':>12} {'pipeline s':>11} {'overhead':>9}")
    for p, b, o in rows:
        print(f"{p:>4} {b:>12.2f} {o:>11.2f} {100 * (o - b) / b:>8.0f}%")
    tb, to = sum(r[1] for r in rows), sum(r[2] for r in rows)
    print(f"mean {tb / len(rows):>12.2f} {to / len(rows):>11.2f} {100 * (to - tb) / tb:>8.0f}%  (target <= 30%)")
    with tempfile.TemporaryDirectory() as cache:
        os.environ["PRIKAZ_PARSER_CACHE"] = cache
        t = time.perf_counter()
        layout = ocr.ocr_images(images, args.pdf)
        cold = time.perf_counter() - t
        t = time.perf_counter()
        ocr.ocr_images(images, args.pdf)
        warm = time.perf_counter() - t
    print(f"page pool ({min(os.cpu_count() or 1, len(images))} workers): {cold / len(images):.2f} s/page cold, "
          f"{warm / len(images) * 1000:.0f} ms/page from the cache; confidence {layout.ocr_confidence}")


if __name__ == "__main__":
    main()
