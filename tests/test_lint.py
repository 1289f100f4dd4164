"""The linter (ruff, pyflakes rules) over the whole tree: no unused imports, no undefined names."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_is_clean():
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed (pip install -e '.[dev]')")
    p = subprocess.run([ruff, "check", "src", "tests", "benchmarks", "samples"], cwd=ROOT, capture_output=True,
                       text=True)
    assert p.returncode == 0, p.stdout + p.stderr


def test_every_relative_import_resolves():
    """Lazy imports inside functions are not run by other tests: a moved name must not break one."""
    import ast
    import importlib
    import importlib.util
    bad = []
    src = ROOT / "src"
    for f in sorted((src / "prikaz_parser").rglob("*.py")):
        mod = ".".join(f.relative_to(src).with_suffix("").parts)
        pkg = mod.removesuffix(".__init__") if f.name == "__init__.py" else mod.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = importlib.util.resolve_name("." * node.level + (node.module or ""), pkg)
                m = importlib.import_module(base)
                for a in node.names:
                    if not hasattr(m, a.name) and importlib.util.find_spec(f"{base}.{a.name}") is None:
                        bad.append(f"{f.relative_to(ROOT)}: from {base} import {a.name}")
    assert not bad, bad
