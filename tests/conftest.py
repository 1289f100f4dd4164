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
