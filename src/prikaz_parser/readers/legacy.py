"""Reader for DOC, RTF and ODT: LibreOffice converts, the DOCX reader reads.

`convert(path, "docx", outdir)` runs `soffice --headless --convert-to` with a
timeout and a user profile of this process's own: parallel runs would otherwise
fight over the default profile's lock. The profile is made on first use, reused
by the process's later conversions (one at a time; a fresh profile costs
seconds) and removed at exit. `find_soffice()` is the one place that looks
for the program; tests point it elsewhere through `SOFFICE_NAMES`
or by changing PATH. The layout keeps the original format name.
"""
from __future__ import annotations

import atexit
import os
import signal
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from ..layout import Layout
from .errors import MissingTool, ReadError

SOFFICE_NAMES = ("soffice", "libreoffice")
TIMEOUT = 120  # seconds for one conversion
INSTALL_HINT = "install: apt-get install libreoffice-writer-nogui"


_PROFILES: dict[int, str] = {}  # pid -> profile dir (a forked worker makes its own)
_LOCK = threading.Lock()


def _profile() -> str:
    """This process's LibreOffice profile directory, made on first use."""
    pid = os.getpid()
    if pid not in _PROFILES or not Path(_PROFILES[pid]).exists():
        _PROFILES[pid] = tempfile.mkdtemp(prefix="prikaz-lo-profile-")
        atexit.register(shutil.rmtree, _PROFILES[pid], True)
    return _PROFILES[pid]


def find_soffice() -> str | None:
    """The LibreOffice executable on PATH, or None."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(cmd: list[str], timeout: float, name: str) -> subprocess.CompletedProcess:
    """Run LibreOffice in its own process group, so a timeout ends soffice.bin too."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()
        raise ReadError(name, "convert_timeout",
                        f"LibreOffice did not finish converting within {timeout:.0f} s") from None
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def convert(path: str | Path, to: str, outdir: str | Path, *, file: str | None = None,
            timeout: float = TIMEOUT) -> Path:
    """Convert one file with LibreOffice into `outdir`; returns the new file's path."""
    path, outdir = Path(path), Path(outdir)
    exe = find_soffice()
    if exe is None:
        kind = path.suffix.lstrip(".") or "this format"
        raise MissingTool(file or str(path), "missing_tool",
                          f"reading .{kind} needs LibreOffice (soffice); {INSTALL_HINT}")
    with _LOCK:
        cmd = [exe, f"-env:UserInstallation={Path(_profile()).as_uri()}", "--headless", "--norestore",
               "--convert-to", to, "--outdir", str(outdir), str(path)]
        done = _run(cmd, timeout, file or str(path))
    out = outdir / f"{path.stem}.{to.split(':')[0]}"
    if done.returncode != 0 or not out.exists() or out.stat().st_size == 0:
        why = (done.stderr or done.stdout or "").strip().splitlines()
        raise ReadError(file or str(path), "convert_failed",
                        "LibreOffice could not convert the file"
                        + (f": {why[-1]}" if why else " (it is probably damaged)"))
    return out


def read_legacy(data: bytes, kind: str, file: str | None = None) -> Layout:
    """Read a .doc/.rtf/.odt document (as bytes) by converting it to DOCX first."""
    from .docx import read_docx
    if find_soffice() is None:
        raise MissingTool(file, "missing_tool", f"reading .{kind} needs LibreOffice (soffice); {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="prikaz-lo-") as tmp:
        src = Path(tmp) / f"input.{kind}"
        src.write_bytes(data)
        outdir = Path(tmp) / "out"
        outdir.mkdir()
        docx = convert(src, "docx", outdir, file=file)
        layout = read_docx(docx.read_bytes(), file)
    layout.format = kind
    return layout
