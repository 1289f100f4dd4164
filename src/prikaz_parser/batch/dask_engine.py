"""The Dask engine: the batch's files parsed on a `dask.distributed` cluster.

    DaskEngine(limits, scheduler="tcp://10.0.0.5:8786").run(jobs)  # yields (key, result, seconds)

It stands in for the local `Pool` inside `run_batch` (same jobs in, same results out),
so the manifest, the cache, the exports and the output names are the local batch's.
- Without a scheduler address it starts a `LocalCluster` (worker processes, one thread
  each) and closes it afterwards.
- Files are submitted in a sliding window (`window` tasks in flight) and results are
  taken with `as_completed` as they finish, so the driver never holds more than the
  window; `run_batch` streams each document to OUT/ at once.
- Each task parses its file in an isolated child process on the worker (dask_task.py):
  per-file timeouts and memory caps as in the local pool.
- A lost worker: Dask reruns its tasks elsewhere (the tasks write nothing, so a rerun is
  harmless, and each future resolves once: never lost, never counted twice). A file that
  kills `allowed_failures + 1` workers ends as failed ("crashed"), never loops.
- Inputs: by path (shared storage that every worker sees at the same absolute path), or
  with `ship_bytes=True` the driver reads each file and sends its bytes with the task.

dask is imported lazily: without it, `require_dask()` says to install prikaz-parser[dask].
"""
from __future__ import annotations

import dataclasses
import os
import time
import uuid
from typing import Iterator

from .dask_task import Shipped, parse_task, worker_hooks
from .job import failed, run_job
from .limits import Limits
from .pool import TEST_HOOK_ENV, parse_hooks

INSTALL_HINT = "the Dask engine needs dask.distributed: install prikaz-parser[dask]  (pip install 'prikaz-parser[dask]')"
ALLOWED_FAILURES = 2  # worker deaths a file may cause before it is failed (clusters we start)
TASK_RETRIES = 1  # reruns of a task that raised (the task itself never raises; this covers the transport)


class DaskUnavailable(ImportError):
    """dask.distributed is not installed."""


def require_dask():
    """The `distributed` module, or DaskUnavailable with the install hint."""
    try:
        import distributed
    except ImportError as e:
        raise DaskUnavailable(INSTALL_HINT) from e
    return distributed


def window_size(threads: int, window: int | None = None) -> int:
    """Tasks in flight: enough to keep every thread busy with one queued behind it, bounded."""
    if window:
        return max(1, window)
    return max(8, 4 * max(1, threads))


def task_key(item, run_id: str) -> str:
    """Dask key of a file's task; carries the content hash so that a test (or a person) can find it."""
    return f"prikaz-parse-{item.sha256 or uuid.uuid4().hex}-{run_id}"


def for_worker(item, ship_bytes: bool):
    """What the task receives: the item with an absolute path, or its bytes (None if unreadable here)."""
    if ship_bytes:
        try:
            return Shipped(item.display, item.suffix, item.load())
        except Exception:  # noqa: BLE001 - the caller records the failure as run_job words it
            return None
    return dataclasses.replace(item, path=os.path.abspath(item.path))


def error_result(exc: BaseException, allowed_failures: int | None) -> dict:
    """A failed task as a job result: a file that killed its workers, or a task that raised."""
    if type(exc).__name__ == "KilledWorker":
        n = getattr(exc, "allowed_failures", allowed_failures)
        tries = f"{n + 1} Dask workers" if isinstance(n, int) else "Dask workers repeatedly"
        return failed("crashed", f"the file killed {tries} (distributed.scheduler.allowed-failures); given up")
    return failed("internal", f"internal error: the Dask task failed: {type(exc).__name__}: {exc}")


class DaskEngine:
    """`DaskEngine(limits, scheduler=...).run(jobs)` yields (key, result, seconds) as files finish."""

    def __init__(self, limits: Limits = Limits(), *, scheduler: str | None = None, workers: int | None = None,
                 hooks: dict[str, str] | None = None, ship_bytes: bool = False, window: int | None = None,
                 allowed_failures: int = ALLOWED_FAILURES, memory_limit: str | float = "auto"):
        require_dask()
        self.limits, self.scheduler, self.workers = limits, scheduler, workers
        spec = os.environ.get(TEST_HOOK_ENV)
        self.hooks = {**parse_hooks(spec), **worker_hooks(spec)} if hooks is None else dict(hooks)
        self.ship_bytes, self.window = ship_bytes, window
        self.allowed_failures, self.memory_limit = allowed_failures, memory_limit
        self.replaced = 0  # children killed on the workers (timeouts, crashes) plus Dask workers lost
        self.run_id = uuid.uuid4().hex[:8]

    def _cluster(self):
        """A LocalCluster of worker processes (one thread each) under prikaz-parser's settings."""
        import dask
        from distributed import LocalCluster
        from .limits import default_workers
        with dask.config.set({"distributed.scheduler.allowed-failures": self.allowed_failures,
                              "distributed.worker.daemon": False}):
            return LocalCluster(n_workers=self.workers or default_workers(), threads_per_worker=1,
                                processes=True, memory_limit=self.memory_limit, dashboard_address=":0")

    def run(self, jobs: list[tuple[object, object]], on_start=None) -> Iterator[tuple[object, dict, float]]:
        from distributed import Client, as_completed
        cluster = self._cluster() if self.scheduler is None else None
        client = Client(cluster if cluster is not None else self.scheduler)
        try:
            yield from self._stream(client, as_completed, jobs, on_start)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def _stream(self, client, as_completed, jobs, on_start):
        allowed = self._allowed_failures(client)
        since = time.time()
        pending = iter(jobs)
        keys: dict[str, tuple[object, object]] = {}
        ac = as_completed()

        def submit_next() -> list[tuple[object, dict, float]]:
            """Submit one job; a file the driver cannot read (ship_bytes) is answered here."""
            for k, item in pending:
                payload = for_worker(item, self.ship_bytes)
                if payload is None:
                    return [(k, run_job(item.load, item.suffix, item.display, self.limits), 0.0)]
                key = task_key(item, self.run_id)
                keys[key] = (k, item)
                ac.add(client.submit(parse_task, payload, self.limits, self.hooks, key=key, pure=False,
                                     retries=TASK_RETRIES))
                if on_start:
                    on_start(k, item)
                return []
            return []

        window = window_size(sum(client.nthreads().values()), self.window)
        for _ in range(window):
            yield from submit_next()
        for future in ac:
            k, item = keys.pop(future.key)
            if future.status == "finished":
                out = future.result()
                result, seconds = out["result"], out["seconds"]
                self.replaced += out["replaced"]
                result.pop("restart", None)
            else:
                result, seconds = error_result(future.exception(), allowed), None
            future.release()
            yield k, result, seconds
            yield from submit_next()
        self.replaced += self._workers_lost(client, since)

    def _allowed_failures(self, client) -> int | None:
        try:
            return client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.allowed_failures)
        except Exception:  # noqa: BLE001 - only used for the message
            return None

    @staticmethod
    def _workers_lost(client, since: float) -> int:
        """Dask workers removed from the cluster since `since` (the scheduler's event log)."""
        try:
            events = client.get_events("all")
        except Exception:  # noqa: BLE001 - only counted for the summary
            return 0
        return sum(1 for t, msg in events if t >= since and isinstance(msg, dict)
                   and msg.get("action") == "remove-worker")
