"""Synthetic benchmark documents made from the samples: variants and long roadmaps.

`make_corpus(folder, n)`: n documents, half TXT and half DOCX, each a sample with small
changes (its order number, percentages and other small numbers shifted), so no two
files are byte-identical (the batch would parse duplicates once).
`long_order(rows)`: a seed order whose roadmap has `rows` measure rows, made by
repeating the seed's complete rows (all cells filled) and renumbering them; written as
TXT, DOCX (samples/make_samples.py's builder) and PDF (LibreOffice) by `write_long`.
The order text is the seed's short form by default (`short_order`: its top-level points
without their sub-lists), so that with a few rows the whole document fits on 2 PDF pages:
one page of order text, one page of roadmap; every longer document adds roadmap pages only.
"""
from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

from common import ROOT, samples

_ORDER_NO = re.compile(r"№\s*(\d+)")
_SMALL = re.compile(r"(?<![\d.,:/-])(\d{2})(?=\s*%|\s+(?:человек|школ|ОО|педагог|учащ|обучающ))")
_TEXT_RUN = re.compile(r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)")
LONG_SEED = "002_0dc6b295a275774e"


def vary(text: str, i: int) -> str:
    """The same order with its first number sign's number and small counts changed."""
    text = _ORDER_NO.sub(lambda m: f"№ {int(m.group(1)) + 1000 + i}", text, count=1)
    return _SMALL.sub(lambda m: str(10 + (int(m.group(1)) + i) % 90), text)


def vary_docx(data: bytes, i: int) -> bytes:
    """`vary` on the text runs of word/document.xml; every other part copied as is."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "word/document.xml":
                xml = body.decode("utf-8")
                seen = [False]

                def run(m: re.Match) -> str:
                    t = m.group(2)
                    if not seen[0] and _ORDER_NO.search(t):
                        seen[0] = True
                        t = _ORDER_NO.sub(lambda n: f"№ {int(n.group(1)) + 1000 + i}", t, count=1)
                    return m.group(1) + _SMALL.sub(lambda n: str(10 + (int(n.group(1)) + i) % 90), t) + m.group(3)
                xml = _TEXT_RUN.sub(run, xml)
                if not seen[0]:  # keep the variants distinct all the same
                    xml = xml.replace("</w:body>", f"<w:p><w:r><w:t>Вариант {i}</w:t></w:r></w:p></w:body>", 1)
                body = xml.encode("utf-8")
            dst.writestr(info, body)
    return out.getvalue()


def make_corpus(folder: Path, n: int = 500) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    txts = [(p, p.read_text(encoding="utf-8")) for p in samples("txt")]
    docxs = [(p, p.read_bytes()) for p in samples("docx")]
    out = []
    for i in range(n):
        if i % 2 == 0:
            src, text = txts[(i // 2) % len(txts)]
            path = folder / f"{src.stem}_v{i:04d}.txt"
            path.write_text(vary(text, i), encoding="utf-8")
        else:
            src, data = docxs[(i // 2) % len(docxs)]
            path = folder / f"{src.stem}_v{i:04d}.docx"
            path.write_bytes(vary_docx(data, i))
        out.append(path)
    return out


def _complete_rows(lines: list[str]) -> tuple[int, int, list[str]]:
    """(first, last) line index of the seed's first table and its complete numbered rows."""
    tab = [k for k, ln in enumerate(lines) if "\t" in ln]
    first = tab[0]
    last = first
    while last + 1 < len(lines) and ("\t" in lines[last + 1] or not lines[last + 1].strip()):
        last += 1
    width = max(ln.count("\t") for ln in lines[first:last + 1])
    rows = [ln for ln in lines[first + 1:last + 1]
            if ln.count("\t") == width and re.match(r"^\d+\.?\t", ln) and all(c.strip() for c in ln.split("\t"))]
    return first, last, rows


_SUB_ITEM = re.compile(r"^\s*\d+\)")
_POINT = re.compile(r"^\s*\d+\.")


def short_order(lines: list[str]) -> list[str]:
    """The order text without its sub-lists: the items `1)`, `2)`... go, and so do the
    top-level points that only introduce them (they end with ":"); the rest is kept."""
    return [ln for ln in lines
            if not _SUB_ITEM.match(ln) and not (_POINT.match(ln) and ln.rstrip().endswith(":"))]


def long_order(rows: int, seed: str = LONG_SEED, short: bool = True) -> str:
    """The seed's order (its `short_order` unless short=False) with a roadmap of `rows`
    renumbered copies of its complete rows, then the seed's closing lines after its last table.
    Copies after the first pass have "(этап N)" after the measure's name, so that no two
    measures are the same text (other cells repeat, as they do in real roadmaps)."""
    lines = (ROOT / "samples" / f"{seed}.txt").read_text(encoding="utf-8").splitlines()
    first, _, pool = _complete_rows(lines)
    body = []
    for k in range(rows):
        cells = pool[k % len(pool)].split("\t")
        cells[0] = f"{k + 1}."
        if k >= len(pool):  # no two measures the same text: text caches must not make repeats free
            cells[1] = f"{cells[1]} (этап {k // len(pool) + 1})"
        body.append("\t".join(cells))
    head = short_order(lines[:first]) if short else lines[:first]
    end = max(k for k, ln in enumerate(lines) if "\t" in ln)
    return "\n".join(head + [lines[first]] + body + lines[end + 1:]) + "\n"


def write_long(folder: Path, rows: int) -> dict[str, Path]:
    """TXT, DOCX and PDF of `long_order(rows)` in folder."""
    sys.path.insert(0, str(ROOT / "samples"))
    import make_samples
    from prikaz_parser.readers.text import read_text
    folder.mkdir(parents=True, exist_ok=True)
    txt = folder / f"long_{rows:05d}.txt"
    txt.write_text(long_order(rows), encoding="utf-8")
    docx = txt.with_suffix(".docx")
    make_samples.build_docx(read_text(txt.read_text(encoding="utf-8"), str(txt))).save(docx)
    pdf = make_samples.make_pdf(docx)
    return {"txt": txt, "docx": docx, "pdf": pdf}
