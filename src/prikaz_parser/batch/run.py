"""A batch run: inputs -> items -> (cache | worker pool) -> records and documents -> OUT/.

`run_batch` is the orchestrator; each step is a small function: `collect` (inputs.py),
`mark_duplicates`, the cache lookup, the pool, `assign_outputs`, `write_outputs`.
The pool is the local one (pool.py) or, with `engine="dask"`, a Dask cluster
(dask_engine.py); a Dask run with an output folder streams each document to disk as it
finishes (dask_spool.py) instead of keeping the corpus in memory.
Records (manifest rows) are kept in the sorted order of the inputs' display names, so
every file written is in a stable order.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable

from .. import export
from .cache import Cache, parser_version
from .inputs import Item, collect, hash_item
from .job import run_job
from .limits import Limits, default_workers
from .manifest import summarize, write_manifest
from .pool import Pool


@dataclass
class Corpus:
    """The result of a batch: a record per input, a Document per parsed file (by path)."""
    records: list[dict]
    documents: dict = field(default_factory=dict)
    out: Path | None = None
    replaced_workers: int = 0

    @property
    def summary(self) -> dict[str, int]:
        return summarize(self.records)

    @property
    def failed(self) -> list[dict]:
        return [r for r in self.records if r["status"] == "failed"]

    def tables(self) -> dict[str, list[dict]]:
        return export.tables(self.documents, self.records)

    def frames(self) -> dict:
        """pandas DataFrames: documents, clauses, measures, schools, indicators, bodies, errors."""
        return export.frames(self.tables())

    def __iter__(self):
        return iter(self.documents.values())

    def __len__(self) -> int:
        return len(self.documents)


class ParsedDocuments(Mapping):
    """display name -> Document, built from the worker's JSON when first asked for, then kept.

    Workers send JSON; turning it back into pydantic models is the parent's work, serial,
    and on a machine with as many workers as cores it competes with them. A batch whose
    caller only reads the records does not pay for it; one that uses the documents pays
    the same as before, once per document.
    """

    def __init__(self, texts: dict[str, str]):
        self.names = sorted(texts)
        self.texts = dict(texts)
        self.docs: dict = {}

    def __getitem__(self, name: str):
        doc = self.docs.get(name)
        if doc is None:
            from ..schema import Document
            doc = self.docs[name] = Document.model_validate_json(self.texts.pop(name))
        return doc

    def __iter__(self):
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def record_of(item: Item) -> dict:
    return {"path": item.display, "sha256": item.sha256, "format": None, "size": item.size, "pages": None,
            "status": item.status, "reason": item.reason, "message": item.message, "seconds": None,
            "output": None, "duplicate_of": None, "cached": False, "ocr": False}


def hash_all(items: list[Item]) -> None:
    for item in items:
        if item.status:
            continue
        try:
            item.sha256 = hash_item(item)
        except PermissionError:
            item.status, item.reason, item.message = "failed", "unreadable", "permission denied: the file cannot be read"
        except Exception as e:  # noqa: BLE001 - OSError, BadZipFile, zlib errors from a damaged archive
            item.status, item.reason, item.message = "failed", "unreadable", f"cannot be read: {e}"


def mark_duplicates(items: list[Item]) -> dict[str, str]:
    """Items whose bytes were seen earlier become duplicates; returns {duplicate: original}."""
    first: dict[str, str] = {}
    dup: dict[str, str] = {}
    for item in items:
        if item.status or item.sha256 is None:
            continue
        if item.sha256 in first:
            dup[item.display] = first[item.sha256]
            item.status, item.reason = "duplicate", "duplicate"
            item.message = f"identical to {first[item.sha256]} (parsed once)"
        else:
            first[item.sha256] = item.display
    return dup


def apply_result(record: dict, result: dict, seconds: float | None) -> None:
    for k in ("status", "reason", "message", "format", "pages", "ocr"):
        record[k] = result.get(k)
    record["seconds"] = round(seconds, 3) if seconds is not None else None


def rename_source(doc_json: str, old: str, new: str) -> str:
    """A cached document parsed under another name, with its file names replaced."""
    from ..schema import Document
    if old == new:
        return doc_json

    def walk(x):
        if isinstance(x, dict):
            return {k: (new if k in ("file", "path") and v == old else walk(v)) for k, v in x.items()}
        if isinstance(x, list):
            return [walk(v) for v in x]
        return x
    return Document.model_validate(walk(json.loads(doc_json))).to_json()


def assign_outputs(records: list[dict]) -> None:
    """`<stem>.json` for each parsed file; on a clash `<stem>__<ext>.json`, then `<stem>__N.json`."""
    used: set[str] = set()
    for r in records:
        if r["status"] not in ("ok", "warnings"):
            continue
        p = PurePosixPath(r["path"].split("#")[0])
        stem, ext = p.stem, p.suffix.lstrip(".").lower()
        candidates = [stem, f"{stem}__{ext}"] + [f"{stem}__{n}" for n in range(2, len(records) + 3)]
        name = next(c for c in candidates if c.lower() not in used)
        used.add(name.lower())
        r["output"] = f"{name}.json"
    by_path = {r["path"]: r for r in records}
    for r in records:
        if r["status"] == "duplicate" and r["duplicate_of"] in by_path:
            r["output"] = by_path[r["duplicate_of"]]["output"]


ENGINES = ("local", "dask")


def make_pool(engine: str, workers: int | None, n_jobs: int, limits: Limits, hooks: dict | None,
              scheduler: str | None, ship_bytes: bool):
    """The engine's pool: `.run(jobs, on_start)` yields (key, result, seconds); `.replaced`."""
    if engine == "dask":
        from .dask_engine import DaskEngine
        return DaskEngine(limits, scheduler=scheduler, workers=workers, hooks=hooks, ship_bytes=ship_bytes)
    return Pool(min(workers or default_workers(), max(1, n_jobs)), limits, hooks)


def run_batch(inputs: list[Path], out: Path | None = None, *, workers: int | None = None,
              limits: Limits = Limits(), force: bool = False, hooks: dict | None = None,
              on_plan: Callable | None = None, on_start: Callable | None = None,
              on_done: Callable | None = None, engine: str = "local", scheduler: str | None = None,
              ship_bytes: bool = False) -> Corpus:
    """Parse every input (folders and ZIPs walked); write OUT/ when `out` is given.

    `engine="dask"` sends the files to the Dask cluster at `scheduler` (a LocalCluster of
    `workers` processes without one); `ship_bytes` sends file contents instead of paths.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")
    if engine == "dask":
        from .dask_engine import require_dask
        require_dask()
    items = collect([Path(p) for p in inputs], limits, exclude=out)
    hash_all(items)
    dup = mark_duplicates(items)
    records = [record_of(i) for i in items]
    for r in records:
        r["duplicate_of"] = dup.get(r["path"])
    by_path = {r["path"]: r for r in records}
    if on_plan:
        on_plan(records)
    for r in records:
        if r["status"] and on_done:
            on_done(r)
    streaming = engine == "dask" and out is not None
    if streaming:
        from .dask_spool import Spool
        texts = Spool(out / ".spool")
    else:
        texts: dict[str, str] = {}
    cache = Cache(out / ".cache") if out is not None else None
    jobs = []
    for k, item in enumerate(items):
        if item.status:
            continue
        hit = cache.get(item.sha256) if cache and not force else None
        if hit:
            apply_result(by_path[item.display], hit, None)
            by_path[item.display]["cached"] = True
            texts[item.display] = rename_source(hit["json"], hit.get("name", item.display), item.display)
            if on_done:
                on_done(by_path[item.display])
        else:
            jobs.append((k, item))
    if engine == "local":
        workers = default_workers() if workers is None else workers
    replaced, pool = 0, None
    if workers == 0:
        results = ((k, run_job(item.load, item.suffix, item.display, limits), None) for k, item in jobs)
    else:
        pool = make_pool(engine, workers, len(jobs), limits, hooks, scheduler, ship_bytes)
        results = pool.run(jobs, on_start=(lambda k, item: on_start(item)) if on_start else None)
    for k, result, seconds in results:
        item = items[k]
        record = by_path[item.display]
        apply_result(record, result, seconds)
        if result.get("json"):
            texts[item.display] = result["json"]
            if cache:
                cache.put(item.sha256, {**result, "name": item.display})
        if on_done:
            on_done(record)
    if pool is not None:
        replaced = pool.replaced
    for r in records:
        if r["status"] == "duplicate" and r["duplicate_of"]:
            orig = by_path[r["duplicate_of"]]
            r["format"], r["pages"] = orig["format"], orig["pages"]
    assign_outputs(records)
    if streaming:
        from .dask_spool import LazyDocuments
        corpus = Corpus(records, LazyDocuments(texts.files), out, replaced)
        write_outputs(corpus, texts, out)
        by_path = {r["path"]: r for r in records}
        corpus.documents = LazyDocuments({p: out / by_path[p]["output"] for p in texts})
        texts.remove()
        return corpus
    corpus = Corpus(records, ParsedDocuments(texts), out, replaced)
    if out is not None:
        write_outputs(corpus, texts, out)
    return corpus


def write_outputs(corpus: Corpus, texts: dict[str, str], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "documents.jsonl", "w", encoding="utf-8") as jsonl:
        for r in corpus.records:
            if r["path"] in texts:
                (out / r["output"]).write_text(texts[r["path"]], encoding="utf-8")
                jsonl.write(json.dumps(json.loads(texts[r["path"]]), ensure_ascii=False, separators=(",", ":")) + "\n")
    export.write_all(corpus.tables(), out)
    write_manifest(corpus.records, out, {"parser_version": parser_version()})


def parse_many(paths, *, workers: int | None = None, out: str | Path | None = None, force: bool = False,
               engine: str = "local", scheduler: str | None = None, ship_bytes: bool = False,
               **limits) -> Corpus:
    """Parse files, folders and ZIPs in worker processes -> `Corpus` (`.frames()` for pandas).

    `limits` are fields of `Limits` (timeout, memory_mb, max_pages, max_size_mb, ...).
    `engine="dask"` runs on a Dask cluster (`scheduler="tcp://host:8786"`, or a LocalCluster).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return run_batch([Path(p) for p in paths], Path(out) if out is not None else None, workers=workers,
                     limits=Limits(**limits), force=force, engine=engine, scheduler=scheduler,
                     ship_bytes=ship_bytes)
