"""``python -m generator check`` and ``schema``: validate event files, keep the editors' schema (the CLI face)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ...check import verdicts
from ...check.jsonschema import SCHEMA_FILE, schema_text, write_schema
from ...check.pages import validate_pages
from ...model.page import FreePage
from ...read.files import find_event_files
from ...read.problems import Problem, display_path
from .report import github, report, settings_or_report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", type=Path, help="event files to check (default: every file in the events folder)"
    )
    parser.add_argument("--format", choices=("text", "github"), default="text", help="github: workflow annotations")
    parser.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help=f"check every file again, ignoring and leaving the verdicts kept in {verdicts.STORE}",
    )


def run(args: argparse.Namespace) -> int:
    settings = settings_or_report(args.config)
    if settings is None:
        return 1
    if args.paths:
        paths, problems = _explicit(args.paths, settings.config_file.parent)
        pages = []
    else:
        paths, problems = find_event_files(settings.events_dir)
        pages, page_problems = validate_pages(settings.pages_dir)
        problems += page_problems
    store = settings.config_file.parent / verdicts.STORE if args.cache and verdicts.enabled() else None
    found, more = verdicts.check_files(paths, settings.vocabulary, snapshots_dir=settings.snapshots_dir, store=store)
    problems = sorted(problems + more)
    report(problems, args.format)
    if problems:
        return 1
    valid = [verdict for verdict in found if verdict.id is not None]
    for warning in placeholders([*valid, *pages]) + advice(valid):
        print(github(warning, "warning") if args.format == "github" else f"{warning} (warning)")
    pages_valid = f", {len(pages)} page{'s' if len(pages) != 1 else ''}" if pages else ""
    print(f"{len(valid)} event file{'s' if len(valid) != 1 else ''}{pages_valid} valid")
    return 0


def placeholders(items: list[verdicts.Verdict | FreePage]) -> list[Problem]:
    """'TODO:' placeholders that 'new' or 'init' wrote and nobody replaced: valid, not ready to publish."""
    return [
        Problem(item.shown, line, col, "placeholder 'TODO:' left to replace")
        for item in items
        for line, col in item.placeholders
    ]


def advice(events: list[verdicts.Verdict]) -> list[Problem]:
    """What a valid file could do better (an untitled page with no outlet and no label)."""
    return [Problem(event.shown, line, col, message) for event in events for line, col, message in event.advice]


def _explicit(paths: list[Path], project: Path) -> tuple[list[Path], list[Problem]]:
    """Paths given on the command line (as pre-commit passes them): Markdown files inside the
    project folder (``project``), never reached through a symbolic link."""
    good, bad = [], []
    for path in paths:
        wrong = _not_an_event_file(path, project.resolve())
        if wrong:
            bad.append(Problem(display_path(path), 1, 1, wrong))
        else:
            good.append(path)
    return good, bad


def _not_an_event_file(path: Path, project: Path) -> str | None:
    """Why ``path`` is not to be checked as an event file of ``project``; None when it is one."""
    if path.is_symlink():
        return "symbolic links are not allowed in the events folder: commit the file itself"
    if not path.exists():
        return "not found"
    if not path.resolve().is_relative_to(project):  # a folder on the way may be a link out
        return f"outside the project folder ({display_path(project)}): check checks this project's events"
    if path.suffix != ".md" or not path.is_file():
        return "not a Markdown event file (.md)"
    return None


def add_schema_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the project's schema is stale or missing, write nothing"
    )


def run_schema(args: argparse.Namespace) -> int:
    target = schema_file(args.config.parent)
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != schema_text():
            print(f"{display_path(target)} is stale or missing: run {args.prog} schema")
            return 1
        return 0
    print(f"wrote {display_path(write_schema(target))}")
    return 0


def schema_file(project: Path) -> Path:
    """Where a project keeps the schema: the package's own copy when the package is the project's
    (this repository), else ``event.schema.json`` at the project's root, as ``init`` writes it."""
    if SCHEMA_FILE.is_relative_to(project.resolve()):
        return SCHEMA_FILE
    return project / "event.schema.json"
