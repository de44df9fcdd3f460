"""How the command line prints problems: one ``file:line:col: message`` line each (the CLI face)."""

from __future__ import annotations

import sys
from pathlib import Path

from ... import pipeline
from ...model.timeline import Timeline
from ...read.problems import Problem, ProblemsFound, summary
from ..mkdocs.settings import Settings, load_settings


def report(problems: list[Problem], form: str = "text") -> None:
    """Print problems, one a line, then a summary line."""
    if not problems:
        return
    for problem in problems:
        print(github(problem) if form == "github" else str(problem))
    print(summary(problems), file=sys.stderr)


def github(problem: Problem, level: str = "error") -> str:
    """A GitHub Actions annotation, escaped as the runner expects.

    >>> github(Problem("events/a.md", 3, 5, "bad: 50%"))
    '::error file=events/a.md,line=3,col=5::bad: 50%25'
    """
    message = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    path = problem.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
    return f"::{level} file={path},line={problem.line},col={problem.col}::{message}"


def settings_or_report(config: Path) -> Settings | None:
    """The site's settings, or None after printing why they cannot be read."""
    settings, problems = load_settings(config)
    if problems:
        report(problems)
    return settings


def timeline_or_report(config: Path, nothing: str) -> tuple[Settings, Timeline] | None:
    """The site's settings and its events read and checked; or None after printing every problem
    and ``nothing`` ("no PDF written") with what to do."""
    settings = settings_or_report(config)
    if settings is None:
        return None
    try:
        return settings, pipeline.load_timeline(
            settings.events_dir,
            settings.vocabulary,
            pages_dir=settings.pages_dir,
            snapshots_dir=settings.snapshots_dir,
        )
    except ProblemsFound as found:
        report(found.problems)
        print(f"{nothing}: fix the problems above first")
        return None
