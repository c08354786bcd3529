"""Shared fixtures: where the demo corpus and the sample corpus are, and a fast pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus"
DEMO_GOLD = ROOT / "demo" / "gold.json"
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "corpus" / "kazakhstan-2022"
SAMPLE_GOLD = SHARED / "gold" / "seeds.json"
SCORER = SHARED / "tools" / "score.py"


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    if not SAMPLE.is_dir():
        pytest.skip("../shared/corpus/kazakhstan-2022 is not present")
    return SAMPLE


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return DEMO


@pytest.fixture(scope="session")
def pipeline():
    """One pipeline per test session: the knowledge base and lexicons load once."""
    from khabar import Pipeline, Settings
    from khabar.events import HashingEmbedder

    return Pipeline(Settings(progress=False), embedder=HashingEmbedder())


def load_scorer():
    import importlib.util

    if not SCORER.exists():
        pytest.skip("../shared/tools/score.py is not present")
    spec = importlib.util.spec_from_file_location("khabar_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod
