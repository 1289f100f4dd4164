"""The Dask engine: the same manifest and byte-identical documents as the local engine,
with a worker killed mid-run; a file that kills every worker fails instead of looping.

Skipped when dask.distributed is not installed (pip install 'prikaz-parser[dask]').
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from typer.testing import CliRunner  # noqa: E402

from bad_inputs import good, mixed_folder  # noqa: E402
from prikaz_parser.batch.dask_engine import (DaskUnavailable, error_result, require_dask,  # noqa: E402
                                             window_size)
from prikaz_parser.batch.dask_task import worker_hooks  # noqa: E402
from prikaz_parser.batch.limits import Limits  # noqa: E402
from prikaz_parser.batch.run import parse_many, run_batch  # noqa: E402
from prikaz_parser.cli import app  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOOD = good(SAMPLES)
HANG = GOOD[1]  # hangs on every worker that gets it: killed by the per-file timeout
LIMITS = Limits(max_size_mb=1, ocr=False, timeout=6)
NOT_COMPARED = {"seconds"}  # run times differ; everything else must match
BINARY_WITH_TIMES = {"corpus.xlsx"}  # a ZIP with file dates inside


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return mixed_folder(tmp_path_factory.mktemp("inputs"), SAMPLES)


@pytest.fixture(scope="module")
def cluster():
    import dask
    from distributed import LocalCluster
    with dask.config.set({"distributed.scheduler.allowed-failures": 2, "distributed.worker.daemon": False}):
        c = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, memory_limit="2GiB",
                         dashboard_address=":0")
    yield c
    c.close()


@pytest.fixture(scope="module")
def local_run(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    return out, run_batch([folder], out, workers=2, limits=LIMITS, hooks={HANG: "hang"})


def kill_worker_holding(client, sha: str, killed: list, stop: threading.Event) -> None:
    """Wait until a worker holds the task of the file with this hash, then end that worker."""
    while not stop.is_set():
        for addr, keys in client.processing().items():
            if any(sha in str(k) for k in keys):
                time.sleep(1.0)  # well into the file (it hangs until the timeout)
                client.run(os._exit, 1, workers=[addr], on_error="ignore")
                killed.append(addr)
                return
        time.sleep(0.1)


@pytest.fixture(scope="module")
def dask_run(folder, cluster, tmp_path_factory):
    from distributed import Client
    out = tmp_path_factory.mktemp("dask")
    sha = hashlib.sha256((folder / HANG).read_bytes()).hexdigest()
    killed, stop = [], threading.Event()
    with Client(cluster) as client:
        killer = threading.Thread(target=kill_worker_holding, args=(client, sha, killed, stop), daemon=True)
        killer.start()
        try:
            corpus = run_batch([folder], out, engine="dask", scheduler=cluster.scheduler_address, limits=LIMITS,
                               hooks={HANG: "hang"})
        finally:
            stop.set()
            killer.join(timeout=10)
        client.wait_for_workers(2, timeout=60)  # the killed worker is back for the next test
    return out, corpus, killed


def comparable(out: Path) -> list[dict]:
    rows = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    return [{k: v for k, v in r.items() if k not in NOT_COMPARED} for r in rows]


def test_a_worker_was_killed_mid_run(dask_run):
    _, corpus, killed = dask_run
    assert len(killed) == 1
    assert corpus.replaced_workers >= 2  # the hanging file's child (timeout) and the lost Dask worker


def test_manifest_matches_the_local_engine(local_run, dask_run):
    local, dask = comparable(local_run[0]), comparable(dask_run[0])
    assert [r["path"] for r in dask] == [r["path"] for r in local]
    for a, b in zip(local, dask):
        assert a == b, (a, b)
    hang = next(r for r in dask if r["path"] == HANG)
    assert (hang["status"], hang["reason"]) == ("failed", "timeout")


def test_outputs_are_byte_identical(local_run, dask_run):
    def files(out):
        return {p.name: p.read_bytes() for p in out.iterdir()
                if p.is_file() and not p.name.startswith("manifest") and p.name not in BINARY_WITH_TIMES}
    local, dask = files(local_run[0]), files(dask_run[0])
    assert sorted(dask) == sorted(local)
    assert [n for n in local if local[n] != dask[n]] == []
    assert not (dask_run[0] / ".spool").exists()


def test_documents_are_read_back_from_disk(local_run, dask_run):
    local, dask = local_run[1], dask_run[1]
    assert list(dask.documents) == list(local.documents)
    assert [d.to_json() for d in dask] == [d.to_json() for d in local]


def test_a_file_that_kills_every_worker_ends_failed(cluster, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLES / GOOD[0], src / "a_good.txt")
    shutil.copy(SAMPLES / GOOD[2], src / "z_killer.txt")
    t = time.monotonic()
    corpus = run_batch([src], None, engine="dask", scheduler=cluster.scheduler_address, limits=LIMITS,
                       hooks={"z_killer.txt": "exit"})
    got = {r["path"]: r for r in corpus.records}
    assert (got["z_killer.txt"]["status"], got["z_killer.txt"]["reason"]) == ("failed", "crashed")
    assert "killed 3 Dask workers" in got["z_killer.txt"]["message"]
    assert got["a_good.txt"]["status"] in ("ok", "warnings")
    assert time.monotonic() - t < 60


def test_cli_ships_bytes_to_the_scheduler(cluster, local_run, tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for name in GOOD[2:4]:
        shutil.copy(SAMPLES / name, src / name)
    result = CliRunner().invoke(app, ["parse", str(src), "--out", str(out), "--scheduler",
                                      cluster.scheduler_address, "--ship-bytes", "--no-ocr"])
    assert result.exit_code == 0, result.output
    for name in GOOD[2:4]:
        stem = Path(name).stem + ".json"
        assert (out / stem).read_bytes() == (local_run[0] / stem).read_bytes()


def test_parse_many_with_a_local_cluster_of_its_own(tmp_path):
    corpus = parse_many([SAMPLES / GOOD[0]], engine="dask", workers=1, ship_bytes=True)
    assert [r["status"] for r in corpus.records] in (["ok"], ["warnings"])
    assert len(corpus) == 1


def test_missing_dask_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)  # what `import distributed` meets without it
    with pytest.raises(DaskUnavailable, match=r"prikaz-parser\[dask\]"):
        require_dask()
    result = CliRunner().invoke(app, ["parse", str(SAMPLES), "--out", str(tmp_path / "o"), "--engine", "dask"])
    assert result.exit_code == 2 and "prikaz-parser[dask]" in result.output


def test_unknown_engine_is_refused(tmp_path):
    with pytest.raises(ValueError, match="engine"):
        run_batch([SAMPLES], None, engine="spark")
    result = CliRunner().invoke(app, ["parse", str(SAMPLES), "--out", str(tmp_path / "o"), "--engine", "spark"])
    assert result.exit_code == 2


@pytest.mark.parametrize("threads, window, expected", [(2, None, 8), (10, None, 40), (10, 5, 5), (0, None, 8)])
def test_window_size(threads, window, expected):
    assert window_size(threads, window) == expected


@pytest.mark.parametrize("spec, hooks", [("exit:a.txt", {"a.txt": "exit"}), ("hang:a.txt,exit:b.txt", {"b.txt": "exit"}),
                                         ("", {})])
def test_worker_hooks(spec, hooks):
    assert worker_hooks(spec) == hooks


@pytest.mark.parametrize("exc, reason, words", [
    (distributed.KilledWorker("k", None, 2), "crashed", "killed 3 Dask workers"),
    (FileNotFoundError("/mnt/x.txt"), "internal", "FileNotFoundError"),
])
def test_error_result(exc, reason, words):
    r = error_result(exc, 2)
    assert (r["status"], r["reason"]) == ("failed", reason) and words in r["message"]
