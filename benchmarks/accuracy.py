"""Accuracy: the shared scorer over the samples in every format, one table.

    .venv/bin/python benchmarks/accuracy.py [--formats txt,docx,pdf,scan.pdf]

Each sample `samples/<stem>.<fmt>` is parsed and written as `<stem>.json` (the gold
stem) into a folder per format; `/work/shared/eval/score.py GOLD DIR --json` scores it.
Scans use the OCR cache ($PRIKAZ_PARSER_CACHE or ~/.cache/prikaz_parser), which gives
the same result as a cold run, only faster.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from common import FORMATS, GOLD, SCORER, samples, stem, table


def score_format(fmt: str, folder: Path) -> dict:
    from prikaz_parser import parse
    out = folder / fmt.replace(".", "_")
    out.mkdir(parents=True, exist_ok=True)
    failed = []
    for path in samples(fmt):
        try:
            (out / f"{stem(path)}.json").write_text(parse(path).to_json(), encoding="utf-8")
        except Exception as e:  # noqa: BLE001 - a failure scores zero and is listed
            failed.append(f"{path.name}: {type(e).__name__}: {e}")
    res = folder / f"{fmt}.json"
    subprocess.run([sys.executable if Path(SCORER).exists() else "python3", str(SCORER), str(GOLD), str(out),
                    "--json", str(res)], capture_output=True, text=True, check=True)
    scores = json.loads(res.read_text())
    scores["_failed"] = failed
    return scores


def run(formats: list[str]) -> dict[str, dict]:
    with tempfile.TemporaryDirectory() as tmp:
        return {fmt: score_format(fmt, Path(tmp)) for fmt in formats if samples(fmt)}


def markdown(scores: dict[str, dict]) -> str:
    fmts = list(scores)
    keys = [k for k in next(iter(scores.values())) if not k.startswith("_")]
    keys = ["overall"] + [k for k in keys if k != "overall"]
    rows = [[k] + [scores[f].get(k, "") for f in fmts] for k in keys]
    text = table(["field (F1 / accuracy)"] + fmts, rows)
    for f in fmts:
        for line in scores[f]["_failed"]:
            text += f"\n\n{f}: failed {line}"
    return text


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--formats", default=",".join(FORMATS))
    print(markdown(run(ap.parse_args().formats.split(","))))


if __name__ == "__main__":
    main()
