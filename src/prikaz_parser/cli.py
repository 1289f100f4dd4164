"""Command line: `prikaz-parser parse INPUT... [--out DIR]`, `prikaz-parser schema`."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Parse Russian municipal education orders and roadmaps into JSON.")
err = Console(stderr=True)

SUFFIXES = {".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".doc", ".rtf", ".odt",
            ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def iter_inputs(inputs: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in inputs:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES))
        else:
            out.append(p)
    return out


@app.command()
def parse(inputs: List[Path] = typer.Argument(..., help="files and folders"),
          out: Optional[Path] = typer.Option(None, "--out", "-o", help="write DIR/<stem>.json per input")) -> None:
    """Parse documents. One file without --out prints its JSON."""
    from .pipeline import parse as parse_one
    from .readers.errors import ReadError
    files = iter_inputs(inputs)
    if not files:
        err.print("[red]no input files found[/red]")
        raise typer.Exit(2)
    if out is None and len(files) == 1:
        try:
            sys.stdout.write(parse_one(files[0]).to_json() + "\n")
        except ReadError as e:
            err.print(f"[red]error[/red] {e}")
            raise typer.Exit(1)
        return
    if out is None:
        err.print("[red]several inputs need --out DIR[/red]")
        raise typer.Exit(2)
    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for f in files:
        try:
            doc = parse_one(f)
        except ReadError as e:
            failed += 1
            err.print(f"[red]failed[/red] {e}")
            continue
        (out / f"{f.stem}.json").write_text(doc.to_json(), encoding="utf-8")
        for w in doc.source.warnings:
            err.print(f"[yellow]warning[/yellow] {f}: {w}")
    raise typer.Exit(1 if failed else 0)


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
