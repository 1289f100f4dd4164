"""What a Dask worker runs for one file: the local isolated pool, kept alive per worker thread.

`parse_task(item, limits, hooks)` is the Dask task. It hands the file to a one-process
`Pool` (pool.py) that lives as long as the worker thread, so a Dask task gets exactly
what a local batch gets: the per-file timeout (the child is killed, "timeout"), the
memory cap (RLIMIT_AS, "out_of_memory"), a crash of the parser ("crashed") — all
without harming the Dask worker, which goes on with the next file. The task writes
nothing and returns plain data, so it is idempotent: Dask may run it again elsewhere
when a worker is lost, and the driver still counts each file once.

This module never imports dask: the children of the pool unpickle `_child_main` from it.

Children of a Dask worker. Dask starts its worker processes as daemons, and
multiprocessing refuses to start children from a daemon (they could outlive it). Our
children cannot: each asks the kernel to SIGKILL it when its parent (the forkserver)
dies, and the forkserver exits when the worker does; so the daemon flag is lifted for
the moment of the start (`_children_allowed`). Clusters started by prikaz-parser also
set `distributed.worker.daemon: False`.

Test-only hook, as in pool.py (`PRIKAZ_PARSER_TEST_HOOK`, read by the driver and sent
with each task): the extra action `exit:NAME` ends the Dask worker itself (os._exit)
when it is handed NAME — a file that kills every worker it touches.
"""
from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePosixPath

from .limits import Limits
from .pool import Pool, _worker_main, _Worker, parse_hooks

WORKER_ACTIONS = ("exit",)  # hook actions done by the Dask worker itself, not by the pool's child
PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Shipped:
    """A file's bytes sent with the task (`--ship-bytes`): for workers that cannot see the inputs."""
    display: str
    suffix: str
    data: bytes

    def load(self) -> bytes:
        return self.data


def worker_hooks(spec: str | None) -> dict[str, str]:
    """"exit:a.txt,hang:b.txt" -> {"a.txt": "exit"}: the actions pool.parse_hooks does not know."""
    return parse_hooks(spec, WORKER_ACTIONS)


def _die_with_parent() -> None:
    """Linux: SIGKILL this process when its parent dies (no orphaned parser after a lost worker)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


def _child_main(conn, limits: Limits, hooks: dict[str, str]) -> None:
    _die_with_parent()
    _worker_main(conn, limits, hooks)


_spawn_lock = threading.Lock()


@contextmanager
def _children_allowed():
    """Lift multiprocessing's daemon flag while a child starts (see the module docstring)."""
    config = mp.current_process()._config  # noqa: SLF001 - the flag multiprocessing checks
    daemon = config.get("daemon")
    if daemon:
        config["daemon"] = False
    try:
        yield
    finally:
        if daemon:
            config["daemon"] = daemon


class ResidentPool(Pool):
    """A `Pool` of one process that stays up between `run` calls (one per worker thread)."""

    def __init__(self, limits: Limits, hooks: dict[str, str]):
        super().__init__(1, limits, hooks)

    def _target(self):
        return _child_main

    def _spawn(self) -> _Worker:
        with _spawn_lock, _children_allowed():  # a daemon Dask worker may not start children otherwise
            return super()._spawn()

    def close(self) -> None:  # Pool.run closes after every batch; a resident pool stays up
        pass

    def shutdown(self) -> None:
        Pool.close(self)


_local = threading.local()


def pool_for(limits: Limits, hooks: dict[str, str]) -> ResidentPool:
    """This thread's pool for these limits and hooks (a new run with other limits gets a new one)."""
    pools = getattr(_local, "pools", None)
    if pools is None:
        pools = _local.pools = {}
    key = (limits, tuple(sorted(hooks.items())))
    if key not in pools:
        for old in pools.values():
            old.shutdown()
        pools.clear()
        pools[key] = ResidentPool(limits, hooks)
    return pools[key]


def parse_task(item, limits: Limits, hooks: dict[str, str]) -> dict:
    """Parse one file (an `inputs.Item` on shared storage, or `Shipped` bytes) in isolation.

    Returns {"result": the job's result dict, "seconds": wall time, "replaced": children lost}.
    """
    name = PurePosixPath(item.display).name
    if hooks.get(name) == "exit":
        os._exit(75)
    pool = pool_for(limits, {k: v for k, v in hooks.items() if v not in WORKER_ACTIONS})
    before, started = pool.replaced, time.monotonic()
    (_, result, _), = list(pool.run([(0, item)]))
    return {"result": result, "seconds": time.monotonic() - started, "replaced": pool.replaced - before}
