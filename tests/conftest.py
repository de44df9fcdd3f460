"""Shared test settings: a small vocabulary and a fixed 'today' for fixtures."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest

from generator.vocabulary import Vocabulary

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
TODAY = datetime.date(2026, 1, 1)

VOCABULARY = Vocabulary.from_options(
    {"treaty": "Treaties", "casualties": "Casualties"},
    ["Russia", "North Korea", "Ukraine"],
    {"killed": {"label": "Killed", "unit": "soldiers"}},
)


@pytest.fixture(autouse=True)
def _run_from_root(monkeypatch):
    """Messages name files relative to the working directory: the project root, as for a contributor."""
    monkeypatch.chdir(ROOT)


def regenerate() -> bool:
    """REGENERATE=1 rewrites expected files; review every change before committing it."""
    return os.environ.get("REGENERATE") == "1"
