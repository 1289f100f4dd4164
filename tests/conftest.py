"""Shared fixtures: paths to the samples and the seeds."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
SEED_STEMS = sorted(p.stem for p in SAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


def load_gold(stem: str) -> dict:
    """The shared answer key of a seed; the test is skipped where shared/ is not beside the repository."""
    import json
    path = SHARED / "eval" / "gold" / f"{stem}.json"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    return json.loads(path.read_text(encoding="utf-8"))
