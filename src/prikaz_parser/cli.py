"""Command line: `prikaz-parser parse INPUT... [--out DIR]`, `prikaz-parser schema`.

One file without --out prints its JSON to stdout. With --out, files, folders and ZIP
archives are parsed in isolated worker processes (see prikaz_parser.batch) with a
progress bar, and OUT/ receives <stem>.json per document, documents.jsonl, CSV tables,
corpus.xlsx, Parquet (with pyarrow) and the manifest. `--engine dask [--scheduler
tcp://HOST:PORT]` parses on a Dask cluster instead (docs/dask.md). Exit codes: 0 every file parsed,
1 some failed, 2 bad usage.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Parse Russian municipal education orders and roadmaps into JSON.")
err = Console(stderr=True)
SUMMARY_ROWS = ["parsed", "with warnings", "needing OCR", "failed", "skipped duplicates", "skipped other",
                "reused from cache"]


def _parse_one(path: Path) -> None:
    from .pipeline import parse as parse_one
    from .readers.errors import ReadError
    try:
        sys.stdout.write(parse_one(path).to_json() + "\n")
    except ReadError as e:
        err.print(f"[red]error[/red] {e}")
        raise typer.Exit(1)


def _progress():
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                               TimeElapsedColumn)
    return Progress(SpinnerColumn(), TextColumn("parsing"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("[red]{task.fields[failed]} failed"), TimeElapsedColumn(),
                    TextColumn("{task.fields[current]}", style="dim"), console=err, transient=False)


def _summary(corpus) -> None:
    from rich.table import Table
    s = corpus.summary
    table = Table(title=f"{s['files']} files")
    table.add_column("outcome")
    table.add_column("files", justify="right")
    for row in SUMMARY_ROWS:
        style = "red" if row == "failed" and s[row] else ("yellow" if row in ("with warnings", "needing OCR") and s[row] else None)
        table.add_row(row, str(s[row]), style=style)
    err.print(table)
    for r in corpus.failed[:30]:
        err.print(f"[red]failed[/red] {r['path']}: {r['message']}")
    if len(corpus.failed) > 30:
        err.print(f"… and {len(corpus.failed) - 30} more failures: see manifest.csv")
    if s["reused from cache"]:
        err.print(f"reused {s['reused from cache']} cached results of unchanged files (--force to reparse)")
    if corpus.replaced_workers:
        err.print(f"{corpus.replaced_workers} worker process(es) were killed or died and were replaced")
    if corpus.out is not None:
        err.print(f"output: {corpus.out}/ (manifest.csv, documents.jsonl, corpus.xlsx, <stem>.json)")


@app.command()
def parse(inputs: List[Path] = typer.Argument(..., help="files, folders and ZIP archives"),
          out: Optional[Path] = typer.Option(None, "--out", "-o", help="output folder (needed for a batch)"),
          workers: Optional[int] = typer.Option(None, "--workers", "-j", min=0,
                                                help="worker processes (default: the core count; 0 = in-process)"),
          timeout: float = typer.Option(600, "--timeout", min=0, help="seconds per file before its worker is killed"),
          memory_mb: int = typer.Option(4096, "--memory-mb", min=0, help="memory limit per worker (0 = none)"),
          max_pages: int = typer.Option(1000, "--max-pages", min=0, help="fail PDFs with more pages (0 = no limit)"),
          max_size_mb: float = typer.Option(200, "--max-size-mb", min=0, help="fail larger files (0 = no limit)"),
          max_unpacked_mb: float = typer.Option(1024, "--max-unpacked-mb", min=0,
                                                help="a ZIP declaring more is a ZIP bomb"),
          no_ocr: bool = typer.Option(False, "--no-ocr", help="fail image-only PDFs instead of running OCR"),
          force: bool = typer.Option(False, "--force", help="reparse files whose results are cached"),
          engine: str = typer.Option("local", "--engine", help="local (worker processes here) or dask (a Dask cluster)"),
          scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler tcp://HOST:PORT "
                                                  "(implies --engine dask; without it a LocalCluster is started)"),
          ship_bytes: bool = typer.Option(False, "--ship-bytes", help="Dask: send file contents to the workers "
                                          "(small runs; default: workers read the paths from shared storage)")) -> None:
    """Parse documents. One file without --out prints its JSON."""
    from .batch import Limits, run_batch
    engine = "dask" if scheduler else engine
    if engine not in ("local", "dask"):
        err.print(f"[red]--engine must be local or dask, not {engine}[/red]")
        raise typer.Exit(2)
    if engine == "dask":
        from .batch.dask_engine import DaskUnavailable, require_dask
        try:
            require_dask()
        except DaskUnavailable as e:
            from rich.markup import escape
            err.print(f"[red]{escape(str(e))}[/red]")
            raise typer.Exit(2)
    if out is None:
        if len(inputs) == 1 and not inputs[0].is_dir() and inputs[0].suffix.lower() != ".zip":
            return _parse_one(inputs[0])
        err.print("[red]a folder, a ZIP or several inputs need --out DIR[/red]")
        raise typer.Exit(2)
    if out.exists() and not out.is_dir():
        err.print(f"[red]--out {out} exists and is not a folder[/red]")
        raise typer.Exit(2)
    limits = Limits(max_size_mb=max_size_mb, max_pages=max_pages, max_unpacked_mb=max_unpacked_mb,
                    timeout=timeout, memory_mb=memory_mb, ocr=not no_ocr)
    with _progress() as progress:
        task = progress.add_task("parse", total=None, failed=0, current="")
        state = {"failed": 0}

        def on_plan(records):
            progress.update(task, total=len(records))

        def on_start(item):
            progress.update(task, current=item.display)

        def on_done(record):
            state["failed"] += record["status"] == "failed"
            progress.update(task, advance=1, failed=state["failed"], current=record["path"])

        corpus = run_batch(inputs, out, workers=workers, limits=limits, force=force,
                           on_plan=on_plan, on_start=on_start, on_done=on_done,
                           engine=engine, scheduler=scheduler, ship_bytes=ship_bytes)
        progress.update(task, current="")
    if not corpus.records:
        err.print("[red]no input files found[/red]")
        raise typer.Exit(2)
    _summary(corpus)
    raise typer.Exit(1 if corpus.failed else 0)


@app.command()
def compare(inputs: List[Path] = typer.Argument(..., help="source files, parsed JSON files, or folders of either"),
            out: Path = typer.Option(..., "--out", "-o", help="folder for the tables (CSV, XLSX) and report.html")) -> None:
    """Compare roadmaps across districts: coverage, alignment, reuse, profiles, HTML report."""
    from .compare import compare as run_compare, load_documents
    docs = load_documents(inputs)
    if not docs:
        err.print("[red]no parsed documents or source files found[/red]")
        raise typer.Exit(2)
    result = run_compare(docs)
    report = result.save(out)
    foreign = result.tables["foreign_names"]
    err.print(f"compared {len(docs)} documents ({len(result.districts)} districts); report: {report}")
    for r in foreign.itertuples():
        err.print(f"[yellow]another district named[/yellow] in {r.district}: «{r.name}» ({r.where})")


@app.command()
def schema(out: Optional[Path] = typer.Option(None, "--out", "-o")) -> None:
    """Print (or write) the JSON Schema of the output."""
    import json
    from .schema import Document
    text = json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2) + "\n"
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    app()
