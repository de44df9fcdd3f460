"""The command line: ``python -m generator check | new | schema | pdf | build | export`` (the CLI face).

A face over the core, like the MkDocs plugin: it parses arguments, calls the
pipeline and prints Problems, one ``file:line:col: message`` line each. Bad
input never produces a traceback, and neither does a file the system refuses to
write (a read-only folder, a full disk): the command says which and why.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ...read.problems import os_error_message
from . import build, check, export, new, pdf


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except OSError as err:  # a read-only folder, a full disk: what the system refused, not a traceback
        print(f"{parser.prog} {args.command}: {os_error_message(err)}")
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator", description="Build a sourced timeline site from event files."
    )
    parser.add_argument(
        "--config", "-f", type=Path, default=Path("mkdocs.yml"), help="site configuration (default: mkdocs.yml)"
    )
    commands = parser.add_subparsers(title="commands")
    for name, runner, adder, text in (
        ("check", check.run, check.add_arguments, "validate event files and report every problem"),
        ("new", new.run, new.add_arguments, "scaffold a new event file"),
        (
            "schema",
            check.run_schema,
            check.add_schema_arguments,
            "write the JSON Schema of event front-matter for editors",
        ),
        ("pdf", pdf.run, pdf.add_arguments, "write the timeline as a PDF book (default: site/timeline.pdf)"),
        (
            "build",
            build.run,
            build.add_arguments,
            "validate and build the site into site/, keeping the old site if anything fails",
        ),
        (
            "export",
            export.run,
            export.add_arguments,
            "write the site as a tree that MkDocs, ProperDocs or Zensical builds",
        ),
    ):
        command = commands.add_parser(name, help=text)
        adder(command)
        command.set_defaults(run=runner, command=name)
    return parser
