"""A small process pool that outlives its workers: hung ones are killed, dead ones replaced.

Each worker is a `multiprocessing` process with a pipe of its own, so killing one never
breaks a lock the others need (a shared queue could be left locked). The parent sends
one job at a time, waits on all pipes and process sentinels at once, and
- kills a worker whose job outlives `limits.timeout` (recorded as "timeout"),
- records a worker that died mid-job (segfault, SIGKILL from the OOM killer, os._exit)
  as "crashed", with the signal or exit code,
- caps each worker's address space at `limits.memory_mb` (RLIMIT_AS), so that a
  runaway file ends in MemoryError ("out_of_memory") rather than swapping the machine,
and starts a fresh worker in the dead one's place. Workers come from a forkserver
(single-threaded, modules preloaded), so replacing one is cheap and safe while the
parent runs a progress-bar thread.

Test-only hook, explicit and off by default: the environment variable
`PRIKAZ_PARSER_TEST_HOOK` read by `Pool()` in the parent, a comma-separated list of
`ACTION:NAME` where ACTION is `hang` (sleep forever), `crash` (os._exit(70)) or `oom`
(allocate more than the worker's memory limit) and NAME is a file's base name; the worker does ACTION
when it is handed that file. tests/test_batch.py uses it to kill a worker mid-file.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import PurePosixPath
from typing import Iterator

from .job import failed, run_job
from .limits import Limits

TEST_HOOK_ENV = "PRIKAZ_PARSER_TEST_HOOK"
PRELOAD = ["prikaz_parser.batch.job", "prikaz_parser.batch.warm"]


def parse_hooks(spec: str | None, actions: tuple[str, ...] = ("hang", "crash", "oom")) -> dict[str, str]:
    """"hang:a.txt,crash:b.pdf" -> {"a.txt": "hang", "b.pdf": "crash"} (only the given actions)."""
    hooks = {}
    for part in (spec or "").split(","):
        action, _, name = part.strip().partition(":")
        if action in actions and name:
            hooks[name] = action
    return hooks


def _run_hook(action: str | None, memory_mb: int) -> None:
    if action == "hang":
        while True:
            time.sleep(3600)
    if action == "crash":
        os._exit(70)
    if action == "oom":  # one block over the worker's limit: MemoryError only if RLIMIT_AS is in force
        bytearray(((memory_mb or 2**20) + 256) * 2**20)


def _limit_memory(mb: int) -> None:
    if not mb:
        return
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (mb * 2**20, mb * 2**20))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not on this platform
        pass


def _worker_main(conn, limits: Limits, hooks: dict[str, str]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _limit_memory(limits.memory_mb)
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        key, item = msg
        try:
            _run_hook(hooks.get(PurePosixPath(item.display).name), limits.memory_mb)
            result = run_job(item.load, item.suffix, item.display, limits)
        except MemoryError:
            result = failed("out_of_memory", f"ran out of memory (worker limit {limits.memory_mb} MB)",
                            restart=True)
        conn.send((key, result))
        if result.get("restart"):
            return


def death_message(exitcode: int | None) -> tuple[str, str]:
    """Why a worker died, from its exit code."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        if -exitcode == signal.SIGKILL:
            return "crashed", f"the worker was killed ({name}; likely out of memory)"
        return "crashed", f"the worker crashed ({name})"
    return "crashed", f"the worker exited unexpectedly (exit code {exitcode})"


@contextmanager
def _main_hidden():
    """Start a worker without re-running the caller's __main__ (a script without the
    `if __name__ == "__main__"` guard would otherwise start a batch in every worker):
    the workers only need this module."""
    main = sys.modules.get("__main__")
    saved = {k: main.__dict__.pop(k) for k in ("__file__", "__spec__") if main and k in main.__dict__}
    if main is not None:
        main.__spec__ = None
    try:
        yield
    finally:
        if main is not None:
            main.__dict__.pop("__spec__", None)
            main.__dict__.update(saved)


@dataclass
class _Worker:
    proc: mp.Process
    conn: object
    key: object = None
    started: float = 0.0


def _context():
    if sys.platform.startswith("linux"):
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return mp.get_context("spawn")  # pragma: no cover


class Pool:
    """`Pool(n, limits).run(jobs)` yields (key, result, seconds) as jobs finish."""

    def __init__(self, workers: int, limits: Limits, hooks: dict[str, str] | None = None):
        self.n, self.limits = max(1, workers), limits
        self.hooks = parse_hooks(os.environ.get(TEST_HOOK_ENV)) if hooks is None else hooks
        self.ctx = _context()
        self.workers: list[_Worker] = []
        self.replaced = 0

    def _target(self):
        """The function a worker process runs (a subclass may wrap it)."""
        return _worker_main

    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(target=self._target(), args=(child, self.limits, self.hooks), daemon=True)
        with _main_hidden():
            proc.start()
        child.close()
        return _Worker(proc, parent)

    def _retire(self, w: _Worker, kill: bool) -> None:
        if kill and w.proc.is_alive():
            w.proc.kill()
        w.proc.join(timeout=5)
        w.conn.close()
        self.workers.remove(w)

    def run(self, jobs: list[tuple[object, object]], on_start=None) -> Iterator[tuple[object, dict, float]]:
        queue = deque(jobs)
        try:
            while queue or any(w.key is not None for w in self.workers):
                while queue and len(self.workers) < min(self.n, len(queue) + self._busy()):
                    self.workers.append(self._spawn())
                for w in self.workers:
                    if w.key is None and queue:
                        key, item = queue.popleft()
                        w.key, w.started = key, time.monotonic()
                        w.conn.send((key, item))
                        if on_start:
                            on_start(key, item)
                yield from self._collect()
        finally:
            self.close()

    def _busy(self) -> int:
        return sum(1 for w in self.workers if w.key is not None)

    def _collect(self) -> Iterator[tuple[object, dict, float]]:
        busy = [w for w in self.workers if w.key is not None]
        now = time.monotonic()
        deadline = min((w.started + self.limits.timeout for w in busy), default=now + 1) if self.limits.timeout \
            else now + 1
        ready = set(wait([w.conn for w in busy] + [w.proc.sentinel for w in busy],
                         timeout=max(0.0, min(deadline - now, 1.0))))
        for w in busy:
            if w.conn in ready or w.proc.sentinel in ready:
                key, seconds = w.key, time.monotonic() - w.started
                try:
                    got_key, result = w.conn.recv()
                except (EOFError, OSError):
                    w.proc.join(timeout=5)
                    result = failed(*death_message(w.proc.exitcode))
                    self._retire(w, kill=True)
                    self.replaced += 1
                    yield key, result, seconds
                    continue
                w.key = None
                if result.pop("restart", False):
                    self._retire(w, kill=True)
                    self.replaced += 1
                yield got_key, result, seconds
            elif self.limits.timeout and time.monotonic() - w.started > self.limits.timeout:
                key, seconds = w.key, time.monotonic() - w.started
                self._retire(w, kill=True)
                self.replaced += 1
                yield key, failed("timeout", f"timed out after {self.limits.timeout:g} s (see --timeout); "
                                             "the worker was killed"), seconds

    def close(self) -> None:
        for w in list(self.workers):
            try:
                if w.key is None:
                    w.conn.send(None)
            except OSError:
                pass
            self._retire(w, kill=w.key is not None)
