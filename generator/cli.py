"""The command line: ``python -m generator check | new | build``.

A face over the core, like the MkDocs plugin: it parses arguments, calls the
pipeline and prints Problems, one ``file:line:col: message`` line each. Bad
input never produces a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import Problem, summary
from .settings import Settings, load_settings
from .validate import find_event_files, validate_paths


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    return args.run(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Build a sourced timeline site from event files.")
    parser.add_argument("--config", "-f", type=Path, default=Path("mkdocs.yml"), help="site configuration (default: mkdocs.yml)")
    commands = parser.add_subparsers(title="commands")

    check = commands.add_parser("check", help="validate event files and report every problem")
    check.add_argument("paths", nargs="*", type=Path, help="event files to check (default: every file in the events folder)")
    check.add_argument("--format", choices=("text", "github"), default="text", help="github: workflow annotations")
    check.set_defaults(run=run_check)

    from . import scaffold

    new = commands.add_parser("new", help="scaffold a new event file")
    scaffold.add_arguments(new)
    new.set_defaults(run=scaffold.run)

    schema = commands.add_parser("schema", help="write the JSON Schema of event front-matter for editors")
    schema.add_argument("--check", action="store_true", help="exit 1 if the committed schema is stale, write nothing")
    schema.set_defaults(run=run_schema)

    from . import pdfcli

    pdf = commands.add_parser("pdf", help="write the timeline as a PDF book (default: site/timeline.pdf)")
    pdfcli.add_arguments(pdf)
    pdf.set_defaults(run=pdfcli.run)

    from . import build

    site = commands.add_parser("build", help="validate and build the site into site/, keeping the old site if anything fails")
    build.add_arguments(site)
    site.set_defaults(run=build.run)
    return parser


def settings_or_report(config: Path) -> Settings | None:
    settings, problems = load_settings(config)
    if problems:
        report(problems)
    return settings


def run_check(args: argparse.Namespace) -> int:
    settings = settings_or_report(args.config)
    if settings is None:
        return 1
    if args.paths:
        paths, problems = _explicit(args.paths)
    else:
        paths, problems = find_event_files(settings.events_dir)
    events, found = validate_paths(paths, settings.vocabulary)
    problems = sorted(problems + found)
    report(problems, args.format)
    if problems:
        return 1
    for warning in placeholders(events):
        print(_github(warning).replace("::error", "::warning", 1) if args.format == "github" else f"{warning} (warning)")
    print(f"{len(events)} event file{'s' if len(events) != 1 else ''} valid")
    return 0


def placeholders(events) -> list[Problem]:
    """'TODO:' placeholders that 'new' wrote and nobody replaced: valid, but not ready to publish."""
    found = []
    for event in events:
        for number, line in enumerate(event.path.read_text(encoding="utf-8").splitlines(), start=1):
            if (col := line.find("TODO:")) >= 0:
                found.append(Problem(event.shown, number, col + 1, "placeholder 'TODO:' left to replace"))
    return found


def run_schema(args: argparse.Namespace) -> int:
    from .jsonschema import SCHEMA_FILE, schema_text, write_schema
    from .problems import display_path

    if args.check:
        current = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
        if current != schema_text():
            print(f"{display_path(SCHEMA_FILE)} is stale: run python -m generator schema")
            return 1
        return 0
    print(f"wrote {display_path(write_schema())}")
    return 0


def _explicit(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Paths given on the command line (as pre-commit passes them)."""
    from .problems import display_path

    good = [p for p in paths if p.suffix == ".md" and p.is_file()]
    bad = [Problem(display_path(p), 1, 1, "not found" if not p.exists() else "not a Markdown event file (.md)")
           for p in paths if p not in good]
    return good, bad


def report(problems: list[Problem], form: str = "text") -> None:
    """Print problems, one a line, then a summary line."""
    if not problems:
        return
    for problem in problems:
        print(_github(problem) if form == "github" else str(problem))
    print(summary(problems), file=sys.stderr)


def _github(problem: Problem) -> str:
    """A GitHub Actions annotation, escaped as the runner expects.

    >>> _github(Problem("events/a.md", 3, 5, "bad: 50%"))
    '::error file=events/a.md,line=3,col=5::bad: 50%25'
    """
    message = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    path = problem.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
    return f"::error file={path},line={problem.line},col={problem.col}::{message}"
