"""Shared test settings: a small vocabulary and a fixed 'today' for fixtures."""

from __future__ import annotations

import datetime
import os
import shutil
from pathlib import Path

import pytest

from generator.model.vocabulary import Vocabulary

# `check` keeps its verdicts under the project it checks (check/verdicts.py): the suite checks the
# repository's own fixtures, so it runs cold and writes nothing there, except where a test asks for
# the store (tests/test_check_cache.py); subprocesses inherit this.
os.environ["TIMELINE_CHECK_CACHE"] = "off"

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
TODAY = datetime.date(2026, 1, 1)

VOCABULARY = Vocabulary.from_options(
    {"treaty": "Treaties", "casualties": "Casualties"},
    ["Russia", "North Korea", "Ukraine"],
    {"killed": {"label": "Killed", "unit": "soldiers"}},
)


def pytest_terminal_summary(terminalreporter):
    """Say which browser the browser tests used (tests/browser.py finds it), even with -q."""
    from browser import USED

    for path, version in USED:
        terminalreporter.write_line(f"browser tests ran in {path} ({version})")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (see tests/browser.py), one for the whole run."""
    from browser import launch

    with launch() as launched:
        yield launched


@pytest.fixture(autouse=True)
def _run_from_root(monkeypatch):
    """Messages name files relative to the working directory: the project root, as for a contributor."""
    monkeypatch.chdir(ROOT)


def fixture_project(folder: Path, *, pdf: bool = True) -> Path:
    """A copy of the fixture site in ``folder``; returns its mkdocs.yml."""
    shutil.copytree(FIXTURES / "site", folder, dirs_exist_ok=True)
    config = folder / "mkdocs.yml"
    text = config.read_text()
    if not pdf:
        text = text.replace("      pdf: true\n", "      pdf: false\n")
    config.write_text(text)
    return config


def run_cli(project: Path, capsys, *args: str) -> tuple[int, str]:
    """``python -m generator ARGS`` run from ``project``, in this process: its exit code and output."""
    from generator.faces.cli.main import main

    old = Path.cwd()
    os.chdir(project)
    try:
        code = main(list(args))
    finally:
        os.chdir(old)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def regenerate() -> bool:
    """REGENERATE=1 rewrites expected files; review every change before committing it."""
    return os.environ.get("REGENERATE") == "1"
